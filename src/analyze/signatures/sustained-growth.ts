/**
 * sustained-growth: the steady part of a series (after warm-up) trends up
 * significantly, by more than the tolerance, and is still rising at the end
 * of the window. Applies to memory, count and live series.
 */
import { formatDelta, formatDuration, formatPercent, formatPValue, formatValue } from '../format.js'
import {
  type AnalysisContext,
  type HealthyLine,
  makeFinding,
  seriesLabel,
  seriesSource,
  type SignatureResult
} from '../context.js'
import {
  describeSlope,
  describeWindow,
  round,
  signedRate,
  singular,
  slopeEvidence,
  windowEvidence
} from '../describe.js'
import { judgeWindows, type GrowthJudgement } from '../growth.js'
import type { Finding } from '../../model.js'
import { HOUR_MS, type SeriesDetail, type TrendFit } from '../series-analysis.js'
import { growthTolerance, isOff, lookupCheck } from '../thresholds.js'
import { flatLiveHeapWitness, flatObjectsWitness, witnessClause } from '../witness.js'

const KINDS = new Set(['memory', 'count', 'live'])

/** True when a per-work budget decides for this series (work known and `per-work-cost` set). */
export function hasWorkBudget(context: AnalysisContext, detail: SeriesDetail): boolean {
  const check = lookupCheck(context.config.checks, 'per-work-cost', detail.series)
  return check !== undefined && check.setting !== 'off' && detail.perWork !== null
}

/** Why a window that did not fire is healthy, in one clause. */
export function explainNoGrowth(
  detail: SeriesDetail,
  judged: GrowthJudgement,
  toleranceText: string,
  what: string
): string {
  const { fit } = judged
  const unit = detail.series.unit
  const window = describeWindow(detail, fit)
  if (!judged.significant) {
    const shape = fit.pValue > 0.2 ? 'flat' : 'without a significant trend'
    return `${what} ${shape} over ${window} (${describeSlopeShort(detail, fit.slope)}, ${formatPValue(fit.pValue)})`
  }
  if (!judged.large) {
    const percent =
      judged.growthPercent === null
        ? ''
        : `, ${formatPercent(judged.growthPercent)} of ${formatValue(fit.level, unit)}`
    return `${what} rises ${formatDelta(fit.growth, unit)} over ${window}${percent}: under the ${toleranceText} tolerance`
  }
  return `${what} rose early in ${window} then flattened (last third ${formatDelta(fit.endRise, unit)}, ${formatDelta(fit.endExpected, unit)} if it kept growing): bounded, like a cache that filled`
}

/** `+0.2 MiB/h` on a time axis, else `+12 B per request`. */
export function describeSlopeShort(detail: SeriesDetail, slope: number): string {
  if (detail.xAxis === 'time') return signedRate(slope * HOUR_MS, detail.series.unit)
  const per = detail.xAxis === 'work' ? singular(detail.series.workName ?? 'work unit') : 'sample'
  return `${formatDelta(slope, detail.series.unit)} per ${per}`
}

/** Per-work clause of a message: `1.9 KiB per request`. */
export function perWorkClause(detail: SeriesDetail): string | null {
  if (!detail.perWork || detail.xAxis === 'work') return null
  return `${formatValue(detail.perWork.slope, detail.series.unit)} per ${singular(detail.series.workName ?? 'work unit')}`
}

/** Detects sustained growth on every memory, count and live series. */
export function detectSustainedGrowth(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  for (const detail of context.series) {
    const { series } = detail
    if (!KINDS.has(series.kind) || isOff(context.config.checks, 'sustained-growth', series))
      continue
    const label = seriesLabel(detail)
    const healthy = (text: string): void => {
      result.healthy.push({ key: series.id, metric: label, text } satisfies HealthyLine)
    }
    if (detail.insufficient) continue // the report notes it; nothing is claimed either way
    if (!detail.values) {
      const constant = series.value.every((v) => v === series.value[0])
      healthy(
        constant && series.value.length > 0
          ? `constant at ${formatValue(series.value[0], series.unit)} over ${series.value.length} points`
          : `${series.value.length - detail.steadyStart} steady points, too few to test a trend`
      )
      continue
    }
    if (
      detail.values.low === 0 &&
      detail.values.high === 0 &&
      detail.values.slope === 0 &&
      detail.values.pValue === 1
    ) {
      const constant = detail.series.value
        .slice(detail.steadyStart)
        .every((v) => v === detail.series.value[detail.steadyStart])
      if (constant) {
        healthy(
          `constant at ${formatValue(series.value[detail.steadyStart], series.unit)} after warm-up`
        )
        continue
      }
    }
    if (hasWorkBudget(context, detail)) continue // per-work-cost decides and explains
    const tolerance = growthTolerance(
      context.config.checks,
      'sustained-growth',
      series,
      series.kind,
      series.unit
    )
    const judged = judgeWindows(detail.values, detail.lastHalf, tolerance, detail.xAxis === 'time')
    if (!judged) continue
    // A taller sawtooth over a flat floor is GC pacing, not retained memory.
    const floorFit = judged.fit.window === 'steady' ? detail.floor : detail.lastHalfFloor
    // The floor must rise too (over the window, or over its last half for a late leak) and still rise at the end.
    const floorLate = judged.fit.window === 'steady' ? detail.lastHalfFloor : null
    const rises = (fit: TrendFit | null, alpha: number): boolean =>
      fit !== null && fit.slope > 0 && fit.pValue < alpha
    const floorFlat =
      series.kind === 'memory' &&
      floorFit !== null &&
      (!(rises(floorFit, 0.05) || rises(floorLate, 0.05)) ||
        (floorLate !== null && !rises(floorLate, 0.2)))
    if (!judged.growing) {
      // The mean of a tall sawtooth is noisy; when the floor under it rises beyond the tolerance
      // (and the mean does not contradict it), the memory in use grows: report it on the floor's numbers.
      const floorJudged =
        series.kind === 'memory'
          ? judgeWindows(detail.floor, detail.lastHalfFloor, tolerance, detail.xAxis === 'time')
          : null
      const meanFit = floorJudged?.fit.window === 'last-half' ? detail.lastHalf : detail.values
      if (floorJudged?.growing && meanFit && meanFit.slope > 0) {
        const finding = floorBasedFinding(detail, floorJudged, meanFit, tolerance.text)
        result.findings.push(downgradeIfWitnessed(context, detail, finding))
        continue
      }
      healthy(explainNoGrowth(detail, judged, tolerance.text, 'steady part'))
      continue
    }
    if (floorFlat && floorFit) {
      healthy(
        floorLate && rises(floorFit, 0.05)
          ? `mean rises ${describeSlopeShort(detail, judged.fit.slope)} but the GC floor stopped rising in the last half (${describeSlopeShort(detail, floorLate.slope)}, ${formatPValue(floorLate.pValue)}): bounded, like a cache that filled`
          : `mean rises ${describeSlopeShort(detail, judged.fit.slope)} but the GC floor does not (${describeSlopeShort(detail, floorFit.slope)}, ${formatPValue(floorFit.pValue)}): taller sawtooth peaks, not retained memory`
      )
      continue
    }
    const fit = judged.fit
    const parts = [
      `${label} grows ${describeSlope(detail, fit)} over ${describeWindow(detail, fit)}, ${formatPValue(fit.pValue)}`
    ]
    if (judged.growthPercent !== null)
      parts[0] += ` (${formatDelta(fit.growth, series.unit)}, ${formatPercent(judged.growthPercent)} of ${formatValue(fit.level, series.unit)})`
    if (floorFit && floorFit.slope > 0 && detail.xAxis === 'time')
      parts.push(`floor rises ${signedRate(floorFit.slope * HOUR_MS, series.unit)}`)
    const perWork = perWorkClause(detail)
    if (perWork) parts.push(perWork)
    if (detail.analysis.hoursToLimit !== null)
      parts.push(
        `limit ${formatValue(series.limit ?? 0, series.unit)} in ${formatDuration(detail.analysis.hoursToLimit * HOUR_MS)}`
      )
    const timeAxis = detail.xAxis === 'time'
    const push = (finding: Finding & { key: string }): void => {
      result.findings.push(downgradeIfWitnessed(context, detail, finding))
    }
    push(
      makeFinding(
        series.id,
        'sustained-growth',
        seriesSource(detail),
        label,
        'fail',
        parts.join('; '),
        {
          ...slopeEvidence('slope', fit, timeAxis),
          xAxis: detail.xAxis,
          unit: series.unit,
          pValue: round(fit.pValue),
          growth: round(fit.growth),
          growthPercent: round(judged.growthPercent),
          level: round(fit.level),
          endRise: round(fit.endRise),
          ...windowEvidence(detail, fit),
          floorSlopePerHour: timeAxis && floorFit ? round(floorFit.slope * HOUR_MS) : null,
          floorPValue: floorFit ? round(floorFit.pValue) : null,
          perWork: round(detail.perWork?.slope),
          perWorkLow: round(detail.perWork?.low),
          perWorkHigh: round(detail.perWork?.high),
          workName: series.workName ?? null,
          hoursToLimit: round(detail.analysis.hoursToLimit),
          tolerance: tolerance.text
        }
      )
    )
  }
  return result
}

/**
 * Growth of memory the allocator holds (RSS, container usage) while the live
 * heap of the same process is flat is a warning, not a leak (see witness.ts).
 */
export function downgradeIfWitnessed(
  context: AnalysisContext,
  detail: SeriesDetail,
  finding: Finding & { key: string }
): Finding & { key: string } {
  const witness = flatLiveHeapWitness(context, detail)
  if (witness)
    return {
      ...finding,
      level: 'warn',
      message: `${finding.message}; ${witnessClause(witness)}`,
      evidence: { ...finding.evidence, liveHeapFlat: witness.series.id }
    }
  const objects = flatObjectsWitness(context, detail)
  if (objects)
    return {
      ...finding,
      level: 'warn',
      message: `${finding.message}; ${objects}`,
      evidence: { ...finding.evidence, objectsCollected: true }
    }
  return finding
}

/** A sustained-growth finding carried by the GC floor, the mean being too noisy from the sawtooth to test alone. */
function floorBasedFinding(
  detail: SeriesDetail,
  floor: GrowthJudgement,
  mean: TrendFit,
  toleranceText: string
): Finding & { key: string } {
  const { series } = detail
  const label = seriesLabel(detail)
  const fit = floor.fit
  const timeAxis = detail.xAxis === 'time'
  const parts = [
    `${label} grows: its GC floor rises ${describeSlope(detail, fit)} over ${describeWindow(detail, fit)}, ${formatPValue(fit.pValue)}` +
      (floor.growthPercent !== null
        ? ` (${formatDelta(fit.growth, series.unit)}, ${formatPercent(floor.growthPercent)} of ${formatValue(fit.level, series.unit)})`
        : ''),
    `mean ${describeSlopeShort(detail, mean.slope)} (${formatPValue(mean.pValue)}, noisy from the GC sawtooth)`
  ]
  const perWork = perWorkClause(detail)
  if (perWork) parts.push(perWork)
  return makeFinding(
    series.id,
    'sustained-growth',
    seriesSource(detail),
    label,
    'fail',
    parts.join('; '),
    {
      basis: 'floor',
      slopePerHour: timeAxis ? round(mean.slope * HOUR_MS) : null,
      slopeLowPerHour: timeAxis ? round(mean.low * HOUR_MS) : null,
      slopeHighPerHour: timeAxis ? round(mean.high * HOUR_MS) : null,
      pValue: round(mean.pValue),
      floorSlopePerHour: timeAxis ? round(fit.slope * HOUR_MS) : null,
      floorSlopeLowPerHour: timeAxis ? round(fit.low * HOUR_MS) : null,
      floorSlopeHighPerHour: timeAxis ? round(fit.high * HOUR_MS) : null,
      floorPValue: round(fit.pValue),
      slopePerX: timeAxis ? null : round(fit.slope),
      xAxis: detail.xAxis,
      unit: series.unit,
      growth: round(fit.growth),
      growthPercent: round(floor.growthPercent),
      level: round(fit.level),
      ...windowEvidence(detail, fit),
      perWork: round(detail.perWork?.slope),
      perWorkLow: round(detail.perWork?.low),
      perWorkHigh: round(detail.perWork?.high),
      workName: series.workName ?? null,
      hoursToLimit: round(detail.analysis.hoursToLimit),
      tolerance: toleranceText
    }
  )
}

/**
 * regression: a leak figure of this run (steady slope per hour, cost per
 * unit of work, retained snapshot delta) is worse than the base branch's run
 * of the same metric beyond the tolerance (default +50 %), with this run's
 * figure significant, its interval above the base figure, and the
 * difference above the growth noise floor (1 MiB, or 10 for counts, over the
 * window). Compares like with like: the same series id or snapshot metric.
 */
import type { SeriesAnalysis, SnapshotAnalysis } from '../../model.js'
import {
  type AnalysisContext,
  judgedSeries,
  judgesRest,
  makeFinding,
  seriesLabel,
  seriesSource,
  type SignatureResult
} from '../context.js'
import { round, signedRate } from '../describe.js'
import { formatDelta, formatValue } from '../format.js'
import { HOUR_MS } from '../series-analysis.js'
import { DEFAULTS, lookupCheck } from '../thresholds.js'

const MiB = 1024 * 1024

function floorFor(unit: string): number {
  return unit === 'bytes'
    ? MiB
    : unit === 'percent'
      ? DEFAULTS.growthPercentPoints
      : DEFAULTS.growthCount
}

/** Detects figures worse than the base report's. Nothing without a base report. */
export function detectRegression(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  const base = context.base
  if (!base) return result
  const baseSeries = new Map<string, SeriesAnalysis>()
  const baseSnapshots = new Map<string, SnapshotAnalysis>()
  for (const metric of base.metrics) {
    if (metric.kind === 'series') baseSeries.set(metric.id, metric)
    else baseSnapshots.set(metric.metric, metric)
  }
  const percentFor = (ref: {
    file: string
    metric: string
    group?: string
  }): { percent: number; text: string } | null => {
    const check = lookupCheck(context.config.checks, 'regression', ref)
    if (check?.setting === 'off') return null
    if (check && check.setting.unit === 'percent')
      return { percent: check.setting.amount, text: check.setting.text }
    return { percent: DEFAULTS.regressionPercent, text: `+${DEFAULTS.regressionPercent}%` }
  }
  const worse = (current: number, previous: number, noise: number, percent: number): boolean =>
    current - previous > Math.max((Math.abs(previous) * percent) / 100, noise)

  for (const detail of judgedSeries(context)) {
    const before = baseSeries.get(detail.series.id)
    const tolerance = percentFor(detail.series)
    if (!before || !tolerance) continue
    const now = detail.analysis
    const label = seriesLabel(detail)
    const unit = detail.series.unit
    const fit = detail.values
    const steadyHours = fit && detail.xAxis === 'time' ? (fit.x1 - fit.x0) / HOUR_MS : null
    const significant = fit !== null && fit.pValue < DEFAULTS.alpha && fit.low > 0
    if (
      significant &&
      steadyHours &&
      now.slopePerHour !== null &&
      now.slopeLowPerHour !== null &&
      before.slopePerHour !== null
    ) {
      const noise = floorFor(unit) / steadyHours
      if (
        now.slopeLowPerHour > before.slopePerHour &&
        worse(now.slopePerHour, before.slopePerHour, noise, tolerance.percent)
      ) {
        result.findings.push(
          makeFinding(
            detail.series.id,
            'regression',
            seriesSource(detail),
            label,
            'fail',
            `${label} grows ${signedRate(now.slopePerHour, unit)} (95% CI from ${signedRate(now.slopeLowPerHour, unit)}) vs ${signedRate(before.slopePerHour, unit)} on the base run: worse by more than ${tolerance.text}`,
            {
              figure: 'slopePerHour',
              current: round(now.slopePerHour),
              currentLow: round(now.slopeLowPerHour),
              base: round(before.slopePerHour),
              tolerancePercent: tolerance.percent,
              pValue: round(now.pValue)
            }
          )
        )
        continue
      }
    }
    const perWork = detail.perWork
    if (
      perWork &&
      detail.steadyWork &&
      before.slopePerWork !== null &&
      perWork.pValue < DEFAULTS.alpha &&
      perWork.low > before.slopePerWork
    ) {
      const noise = floorFor(unit) / detail.steadyWork
      if (worse(perWork.slope, before.slopePerWork, noise, tolerance.percent)) {
        const per = detail.series.workName ?? 'work unit'
        result.findings.push(
          makeFinding(
            detail.series.id,
            'regression',
            seriesSource(detail),
            label,
            'fail',
            `${label} costs ${formatValue(perWork.slope, unit)} per ${per} vs ${formatValue(before.slopePerWork, unit)} on the base run: worse by more than ${tolerance.text}`,
            {
              figure: 'slopePerWork',
              current: round(perWork.slope),
              currentLow: round(perWork.low),
              base: round(before.slopePerWork),
              tolerancePercent: tolerance.percent,
              pValue: round(perWork.pValue)
            }
          )
        )
      }
    }
  }
  for (const detail of judgesRest(context) ? context.snapshots : []) {
    const a = detail.analysis
    const before = baseSnapshots.get(a.metric)
    const tolerance = percentFor({ file: detail.source, metric: a.metric })
    if (!before || !tolerance || a.delta <= 0) continue
    const noise = a.unit === 'bytes' ? DEFAULTS.retainedBytes : DEFAULTS.retainedCount
    const byWork = a.perWork !== null && before.perWork !== null
    const current = byWork ? a.perWork! : a.delta
    const previous = byWork ? before.perWork! : before.delta
    const noiseFloor = byWork && a.work ? noise / a.work : noise
    if (!worse(current, previous, noiseFloor, tolerance.percent)) continue
    const what = byWork ? `per ${a.workName ?? 'work unit'}` : 'after load'
    result.findings.push(
      makeFinding(
        detail.key,
        'regression',
        detail.source,
        a.metric,
        'fail',
        `${a.metric} retains ${formatDelta(current, a.unit)} ${what} vs ${formatDelta(previous, a.unit)} on the base run: worse by more than ${tolerance.text}`,
        {
          figure: byWork ? 'perWork' : 'delta',
          current: round(current),
          base: round(previous),
          tolerancePercent: tolerance.percent
        }
      )
    )
  }
  return result
}

/**
 * rising-floor: the GC floor of a memory series (the minimum between
 * collections, per window) rises significantly. The floor is what the
 * program still holds after the collector ran: a sawtooth whose floor is
 * flat is healthy however tall its teeth; a floor that climbs is memory that
 * survives collection, the signature of a leak hidden in the sawtooth.
 */
import {
  type AnalysisContext,
  judgedSeries,
  makeFinding,
  seriesLabel,
  seriesSource,
  type SignatureResult
} from '../context.js'
import {
  agreementClause,
  continuationClause,
  agreementEvidence,
  describeSlope,
  describeWindow,
  round,
  windowEvidence,
  slopeEvidence
} from '../describe.js'
import { formatDelta, formatPercent, formatPValue, formatValue } from '../format.js'
import { judgeWindows } from '../growth.js'
import { failLevel, growthTolerance, isOff } from '../thresholds.js'
import {
  backlogClause,
  explainNoGrowth,
  hasWorkBudget,
  perWorkClause,
  perWorkFit,
  pushWitnessed,
  withLevel
} from './sustained-growth.js'

/** Detects a rising GC floor on every memory series with enough samples per window. */
export function detectRisingFloor(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  for (const detail of judgedSeries(context)) {
    const { series } = detail
    if (
      series.kind !== 'memory' ||
      !detail.floor ||
      isOff(context.config.checks, 'rising-floor', series)
    )
      continue
    if (hasWorkBudget(context, detail)) continue
    const label = seriesLabel(detail)
    const tolerance = growthTolerance(
      context.config.checks,
      'rising-floor',
      series,
      series.kind,
      series.unit
    )
    const judged = judgeWindows(
      detail.floor,
      detail.lastHalfFloor,
      tolerance,
      detail.xAxis === 'time'
    )
    if (!judged) continue
    const backlog = judged.growing ? backlogClause(detail, judged.fit) : null
    if (backlog) {
      result.healthy.push({ key: series.id, metric: label, text: backlog })
      continue
    }
    if (!judged.growing) {
      const sawtooth = detail.cycles !== null && detail.cycles >= 4 ? ': sawtooth from GC' : ''
      let text = explainNoGrowth(detail, judged, tolerance, 'floor')
      if (!judged.significant) text += sawtooth
      result.healthy.push({ key: series.id, metric: label, text })
      continue
    }
    const fit = judged.fit
    const timeAxis = detail.xAxis === 'time'
    const parts = [
      `${label} GC floor rises ${describeSlope(detail, fit)} over ${describeWindow(detail, fit)}, ${formatPValue(fit.pValue)}` +
        (judged.growthPercent !== null
          ? ` (${formatDelta(fit.growth, series.unit)}, ${formatPercent(judged.growthPercent)} of the ${formatValue(fit.level, series.unit)} floor): memory survives collection`
          : '')
    ]
    const agreed = agreementClause(detail, fit)
    if (agreed) parts.push(agreed)
    const continued = continuationClause(detail, fit, detail.lastHalfFloor)
    if (continued) parts.push(continued)
    const perWork = perWorkClause(detail, fit)
    if (perWork) parts.push(perWork)
    const levels = failLevel(context.config.checks, 'rising-floor', series)
    const push = (finding: ReturnType<typeof makeFinding>): void => {
      pushWitnessed(context, detail, withLevel(finding, levels, fit, timeAxis), result)
    }
    push(
      makeFinding(
        series.id,
        'rising-floor',
        seriesSource(detail),
        label,
        'fail',
        parts.join('; '),
        {
          ...slopeEvidence('floorSlope', fit, timeAxis),
          xAxis: detail.xAxis,
          unit: series.unit,
          pValue: round(fit.pValue),
          growth: round(fit.growth),
          growthPercent: round(judged.growthPercent),
          floorLevel: round(fit.level),
          ...windowEvidence(detail, fit),
          floorWindows: fit.points,
          gcCycles: detail.cycles,
          perWork: round(perWorkFit(detail, fit)?.slope),
          workName: series.workName ?? null,
          tolerance: tolerance.text,
          ...agreementEvidence(fit)
        }
      )
    )
  }
  return result
}

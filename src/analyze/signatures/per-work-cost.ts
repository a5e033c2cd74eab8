/**
 * per-work-cost: memory (or a count) grows faster per unit of work than the
 * budget the team set (`per-work-cost: 70KiB` per model, per tenant, per
 * request). Growth proportional to work within budget is how a registry or
 * a cache is supposed to behave; beyond it, each unit of work leaves more
 * behind than it should. Only with a budget: there is no universal default.
 */
import {
  type AnalysisContext,
  judgedSeries,
  judgesRest,
  makeFinding,
  seriesLabel,
  seriesSource,
  type SignatureResult
} from '../context.js'
import { intervalText, plural, round, singular, workNoun } from '../describe.js'
import { formatCount, formatDelta, formatPValue, formatValue } from '../format.js'
import { DEFAULTS, lookupCheck } from '../thresholds.js'

/** Detects per-work growth beyond the configured budget, on series (slope against work) and snapshots (delta ÷ work). */
export function detectPerWorkCost(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  for (const detail of judgedSeries(context)) {
    const { series } = detail
    const check = lookupCheck(context.config.checks, 'per-work-cost', series)
    if (!check || check.setting === 'off' || detail.insufficient) continue
    const label = seriesLabel(detail)
    const fit = detail.perWork
    if (!fit || detail.steadyWork === null) {
      result.healthy.push({
        key: series.id,
        metric: label,
        text: `per-work budget ${check.setting.text} not checked: no work column in the steady part`
      })
      continue
    }
    const budget = check.setting.amount
    const per = singular(series.workName ?? 'work unit')
    const growth = fit.slope * detail.steadyWork
    const cost = `${formatDelta(growth, series.unit)} over ${formatCount(Math.round(detail.steadyWork))} ${workNoun(plural(series.workName ?? 'work units'), Math.round(detail.steadyWork))} = ${formatValue(fit.slope, series.unit)} per ${per} (95% CI ${intervalText(fit.low, fit.high, series.unit)})`
    const significant = fit.pValue < DEFAULTS.alpha && fit.low > 0
    if (fit.slope > budget && significant) {
      result.findings.push(
        makeFinding(
          series.id,
          'per-work-cost',
          seriesSource(detail),
          label,
          'fail',
          `${label} ${cost}, ${formatPValue(fit.pValue)}: over the ${check.setting.text} budget`,
          {
            perWork: round(fit.slope),
            perWorkLow: round(fit.low),
            perWorkHigh: round(fit.high),
            budget,
            pValue: round(fit.pValue),
            work: detail.steadyWork,
            workName: series.workName ?? null,
            growth: round(growth),
            unit: series.unit,
            points: fit.points
          }
        )
      )
    } else {
      const why =
        fit.slope > budget
          ? `, not significant (${formatPValue(fit.pValue)})`
          : `, under the ${check.setting.text} budget`
      result.healthy.push({ key: series.id, metric: label, text: `${cost}${why}` })
    }
  }
  for (const detail of judgesRest(context) ? context.snapshots : []) {
    const a = detail.analysis
    const check = lookupCheck(context.config.checks, 'per-work-cost', {
      file: detail.source,
      metric: a.metric
    })
    if (!check || check.setting === 'off') continue
    if (a.perWork === null || a.work === undefined) {
      result.healthy.push({
        key: detail.key,
        metric: a.metric,
        text: `per-work budget ${check.setting.text} not checked: snapshots name no work`
      })
      continue
    }
    const per = singular(a.workName ?? 'work unit')
    const cost = `${formatDelta(a.delta, a.unit)} over ${formatCount(a.work)} ${workNoun(plural(a.workName ?? 'work units'), a.work)} = ${formatValue(a.perWork, a.unit)} per ${per}`
    if (a.perWork > check.setting.amount) {
      result.findings.push(
        makeFinding(
          detail.key,
          'per-work-cost',
          detail.source,
          a.metric,
          'fail',
          `${a.metric} ${cost}: over the ${check.setting.text} budget`,
          {
            perWork: round(a.perWork),
            budget: check.setting.amount,
            delta: a.delta,
            work: a.work,
            workName: a.workName ?? null,
            baseline: a.baseline,
            post: a.post,
            unit: a.unit
          }
        )
      )
    } else {
      result.healthy.push({
        key: detail.key,
        metric: a.metric,
        text: `${cost}, under the ${check.setting.text} budget`
      })
    }
  }
  return result
}

/**
 * uncollected-objects: objects are created but not collected. With
 * cumulative `created` and `collected` counters, the collection rate over
 * the steady window (Δcollected ÷ Δcreated) falls below the minimum while
 * the uncollected count keeps rising. A bounded live count (a pool, the
 * objects of the requests in flight) is healthy whatever its size.
 */
import { type AnalysisContext, judgesRest, makeFinding, type SignatureResult } from '../context.js'
import { round } from '../describe.js'
import { formatCount, formatPercent, formatPValue } from '../format.js'
import { MIN_TREND_POINTS } from '../series-analysis.js'
import { DEFAULTS, lookupCheck } from '../thresholds.js'

/** Detects objects that accumulate, from created/collected(/live) counters. */
export function detectUncollectedObjects(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  for (const life of judgesRest(context) ? context.lifecycles : []) {
    const ref = { file: life.created.file, metric: life.metric, group: life.created.group }
    const check =
      lookupCheck(context.config.checks, 'uncollected-objects', ref) ??
      lookupCheck(context.config.checks, 'uncollected-objects', {
        ...ref,
        metric: life.created.metric
      })
    if (check?.setting === 'off') continue
    const minimum =
      check && check.setting.unit === 'percent'
        ? check.setting.amount
        : DEFAULTS.collectionRatePercent
    const minimumText = check ? check.setting.text : `${DEFAULTS.collectionRatePercent}%`
    const rate = life.ratePercent
    const uncollectedGrowth = life.createdDelta - life.collectedDelta
    const trendTested = life.trend !== null && life.points >= MIN_TREND_POINTS
    const rising = trendTested ? life.trend!.pValue < DEFAULTS.alpha && life.trend!.slope > 0 : true
    const liveName = life.live ? life.live.metric : 'uncollected'
    const totals = `${formatCount(life.createdLast)} created, ${formatCount(life.collectedLast)} collected`
    if (
      rate !== null &&
      rate < minimum &&
      uncollectedGrowth >= DEFAULTS.uncollectedMinimum &&
      rising
    ) {
      const trendText = trendTested
        ? `, ${formatPValue(life.trend!.pValue)}`
        : ` (${life.points} points: rate only, too few for a trend test)`
      result.findings.push(
        makeFinding(
          life.key,
          'uncollected-objects',
          life.source,
          life.metric,
          'fail',
          `${life.metric}: only ${formatPercent(rate)} of the objects created after warm-up were collected (minimum ${minimumText}); ${liveName} rises from ${formatCount(life.uncollectedAtSteadyStart)} to ${formatCount(life.uncollectedLast)}${trendText} (${totals})`,
          {
            collectionRatePercent: round(rate),
            totalCollectionRatePercent: round(life.totalRatePercent),
            minimumPercent: minimum,
            createdDelta: life.createdDelta,
            collectedDelta: life.collectedDelta,
            uncollectedGrowth,
            uncollectedStart: life.uncollectedAtSteadyStart,
            uncollectedEnd: life.uncollectedLast,
            pValue: trendTested ? round(life.trend!.pValue) : null,
            points: life.points
          }
        )
      )
      continue
    }
    const total =
      life.totalRatePercent !== null ? `; ${formatPercent(life.totalRatePercent)} collected` : ''
    const steadyRate =
      rate !== null ? ` (${formatPercent(rate)} of those created after warm-up)` : ''
    result.healthy.push({
      key: life.key,
      metric: life.metric,
      text: `${liveName} stays at ${formatCount(life.uncollectedLast)} (max ${formatCount(life.uncollectedMax)}) while created rises to ${formatCount(life.createdLast)}${total}${steadyRate}`
    })
  }
  return result
}

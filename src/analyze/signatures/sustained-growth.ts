/**
 * sustained-growth: the steady part of a series (after warm-up) trends up
 * significantly, by more than the tolerance, and is still rising at the end
 * of the window. Applies to memory, count and live series.
 */
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatPercent,
  formatPValue,
  formatValue
} from '../format.js'
import {
  type AnalysisContext,
  type HealthyLine,
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
  describeSlopeShort,
  describeSpan,
  describeWindow,
  round,
  signedRate,
  singular,
  slopeEvidence,
  windowEvidence,
  workNoun
} from '../describe.js'
import {
  absoluteAllowance,
  endFlattened,
  exceedsTolerance,
  judgeGrowth,
  judgeWindows,
  levelOfGrowth,
  SHORT_ALPHA,
  slowedUnderAllowance,
  SUGGESTIVE_ALPHA,
  type GrowthJudgement
} from '../growth.js'
import type { Finding } from '../../model.js'
import { HOUR_MS, type SeriesDetail, type TrendFit } from '../series-analysis.js'
import { describeWholeRun, materialStep, wholeRunChange } from '../whole-run.js'
import { isRestart, MIN_SEGMENT_SAMPLES } from '../segments.js'
import {
  describeResets,
  hasRestart,
  judgeSegments,
  perWorkWithinSegments
} from '../segment-growth.js'

// Moved to modules the witness reads too; still exported here for the signatures' callers.
export { describeSlopeShort } from '../describe.js'
export { describeNewProcess, describeResets, hasRestart, judgeSegments } from '../segment-growth.js'
import { mannKendall } from '../../stats/mann-kendall.js'
import { growthAcrossStep, riseBesideStep } from '../across-step.js'
import { readingsBetween } from '../readings.js'
import { climbBetweenCollections } from '../collections-in-view.js'
import { median } from '../../stats/median.js'
import { AGREEMENT_SHARE } from '../agreement.js'
import {
  DEFAULTS,
  failLevel,
  growthTolerance,
  isOff,
  lookupCheck,
  type GrowthTolerance
} from '../thresholds.js'
import {
  awaitingCollection,
  classifyAllocatorGrowth,
  collectedByForce,
  creepAfterStep,
  reservedBesideGarbage,
  judgeMemoryFloor,
  judgeMemoryWindow,
  sameProcessAllocatorSeries,
  sameProcessWork,
  heldHeapBesideClause,
  heldLiveHeapRise,
  reservedHeapClause,
  sizedHeapClause,
  unseenHeapClause,
  loadPeaksClause,
  flatLiveHeapWitness,
  CARRY_SHARE,
  OUTSIDE_HEAP_SHARE,
  heapCarriesClause,
  flatObjectsWitness,
  isAllocatorHeld,
  keepsPaceOutsideCounted,
  keptAddingAfterCollection,
  boundedHeapClause,
  boundedGoalClause,
  stepWitnessedByAllocator,
  uncollectedRise,
  youngGarbageClause,
  witnessClause
} from '../witness.js'

const KINDS = new Set(['memory', 'count', 'live'])

/** True when a per-work budget decides for this series (work known and `per-work-cost` set). */
export function hasWorkBudget(context: AnalysisContext, detail: SeriesDetail): boolean {
  const check = lookupCheck(context.config.checks, 'per-work-cost', detail.series)
  return check !== undefined && check.setting !== 'off' && detail.perWork !== null
}

/**
 * `; at +720 B per sample it would pass it after about another 1,440 samples`: how far a
 * significant rise under the default tolerance is from it, at its pace (a short run of a
 * small leak passes on the tolerance; this says how long a run would judge it).
 */
function untilTolerance(detail: SeriesDetail, fit: TrendFit, tolerance: GrowthTolerance): string {
  if (tolerance.type !== 'default' || !(fit.slope > 0)) return ''
  const needed = Math.max(tolerance.absolute, (tolerance.percent / 100) * Math.max(fit.level, 0))
  const more = (needed - fit.growth) / fit.slope
  if (!Number.isFinite(more) || more <= 0) return ''
  const span = describeSpan(detail, detail.xAxis === 'time' ? more : Math.ceil(more))
  return `; at ${describeSlopeShort(detail, fit.slope)} it would pass it after about another ${span}`
}

/** Why a window that did not fire is healthy, in one clause. */
export function explainNoGrowth(
  detail: SeriesDetail,
  judged: GrowthJudgement,
  tolerance: GrowthTolerance,
  what: string
): string {
  const { fit } = judged
  const toleranceText = tolerance.text
  const unit = detail.series.unit
  const window = describeWindow(detail, fit)
  if (judged.step && judged.significant) return `${what} ${describeLevelStep(detail, judged.step)}`
  if (!judged.significant) {
    const shape = fit.pValue > 0.2 ? 'flat' : 'without a significant trend'
    // A p between α and 0.1 reads as "significant" to most readers: say what it needed.
    const needed =
      fit.short || !(fit.slope > 0) || fit.pValue >= SUGGESTIVE_ALPHA
        ? ''
        : fit.pValue >= DEFAULTS.alpha
          ? `: only suggestive, a trend needs p < ${DEFAULTS.alpha}`
          : fit.low <= 0
            ? `, but the slope's 95% interval reaches zero`
            : ''
    const test = `${describeSlopeShort(detail, fit.slope)}, ${formatPValue(fit.pValue)}${needed}`
    // A step between two flat levels is no monotone trend, so its test may read p = 0.39: it is
    // said as the step it is, not as "flat" (nor, by the whole-run clause, as the warm-up's rise).
    if (judged.step && materialStep(detail, judged.step))
      return `${what} ${describeLevelStep(detail, judged.step)} (its trend test: ${test})`
    return `${what} ${shape} over ${window} (${test})`
  }
  if (!judged.large) {
    const percent =
      judged.growthPercent === null
        ? ''
        : `, ${formatPercent(judged.growthPercent)} of ${formatValue(fit.level, unit)}`
    return `${what} rises ${formatDelta(fit.growth, unit)} over ${window}${percent}: under the ${toleranceText} tolerance${untilTolerance(detail, fit, tolerance)}`
  }
  if (judged.slowedTo !== undefined && judged.slowedFrom !== undefined) {
    const ratio = judged.slowedFrom > 0 ? judged.slowedTo / judged.slowedFrom : 0
    // Judged at the last half's pace (it kept most of the window's): say what that pace adds.
    const allowance = absoluteAllowance(fit, tolerance, detail.xAxis === 'time')
    const atLatePace =
      slowedUnderAllowance(judged) && allowance !== null
        ? `; kept over the whole window, that pace adds ${formatDelta((fit.growth * judged.slowedTo) / fit.slope, unit)}, under the ${formatValue(allowance, unit)} any leak must add to fail here`
        : ''
    return `${what} rose ${describeSlopeShort(detail, fit.slope)} over ${window}, ${describeSlopeShort(detail, judged.slowedFrom)} over its first half but only ${describeSlopeShort(detail, judged.slowedTo)} over its last half (${formatPercent(Math.max(0, ratio) * 100)} of the first half's pace)${atLatePace}: it decelerates, like a cache that filled then evicts or an allocator settling; a leak keeps its pace in both halves`
  }
  if (judged.slowedTo !== undefined) {
    const ratio = fit.slope > 0 ? judged.slowedTo / fit.slope : 0
    return `${what} rose ${describeSlopeShort(detail, fit.slope)} over ${window} but only ${describeSlopeShort(detail, judged.slowedTo)} over its last half (${formatPercent(Math.max(0, ratio) * 100)} of the pace): it levels off, like a cache that filled or an allocator settling; a leak keeps its pace to the end`
  }
  const tail = fit.levelledTail
  if (tail) {
    const from =
      detail.xAxis === 'time'
        ? `the last ${formatDuration(detail.x[detail.x.length - 1] - tail.x)}`
        : detail.xAxis === 'work'
          ? `from ${formatValue(tail.x, 'count')} ${workNoun(detail.series.workName, tail.x)} on`
          : 'the last fifth'
    return `${what} rose ${describeSlopeShort(detail, fit.slope)} over ${window}, then stopped: ${from} (${tail.samples} samples) it stays within ${formatValue(tail.range, unit)}, where that pace would have added ${formatDelta(tail.expected, unit)}: it levelled off, like a pool or cache that filled; a leak keeps adding to the end`
  }
  // Refused because its last half does not show it going on (not because its end flattened):
  // said as that, with the last half's own test.
  const late =
    fit === detail.values ? detail.lastHalf : fit === detail.floor ? detail.lastHalfFloor : null
  if (!endFlattened(fit) && !fit.short && late && late.slope > 0)
    return `${what} rose ${describeSlopeShort(detail, fit.slope)} over ${window}, but its last half (${describeSlopeShort(detail, late.slope)}, ${formatPValue(late.pValue)}) does not show it going on: a leak keeps rising to the end; at this sampling a fill that stopped and a leak look alike`
  return `${what} rose early in ${window} then flattened (last third ${formatDelta(fit.endRise, unit)}, ${formatDelta(fit.endExpected, unit)} if it kept growing): bounded, like a cache that filled`
}

/**
 * A one-time level shift, said with its size and when it happened:
 * `stepped +16.0 MiB once, 1 min 4 s into the run (48 % of it), flat before and after
 * (+0.3 MiB, +0.6 MiB): a level shift (a table or module loaded once), not a trend`.
 */
export function describeLevelStep(
  detail: SeriesDetail,
  step: NonNullable<GrowthJudgement['step']>
): string {
  const unit = detail.series.unit
  return `stepped ${formatDelta(step.size, unit)} once, ${describeStepTime(detail, step)}, flat before and after (${formatDelta(step.beforeRise, unit)}, ${formatDelta(step.afterRise, unit)}): a level shift (a table or module loaded once), not a trend`
}

/** When a step came: `30 s into the run (46.9 % of it)`, `at 9,400 requests (47 % of it)`. */
export function describeStepTime(
  detail: SeriesDetail,
  step: Pick<NonNullable<GrowthJudgement['step']>, 'x'>
): string {
  const start = detail.x[0]
  const end = detail.x[detail.x.length - 1]
  const share =
    end > start ? ` (${formatPercent(((step.x - start) / (end - start)) * 100)} of it)` : ''
  return detail.xAxis === 'time'
    ? `${formatDuration(step.x - start)} into the run${share}`
    : detail.xAxis === 'work'
      ? `at ${formatValue(step.x, 'count')} ${workNoun(detail.series.workName, step.x)}${share}`
      : `at sample ${Math.round(step.x)}${share}`
}

/** Fewest collections (falls of at least half the largest) before a live count's rise is compared with them. */
export const BACKLOG_MIN_FALLS = 3

/**
 * A live-object count that the collector clears in batches (Python's cyclic
 * collector, a finalizer queue) rises and falls by the backlog waiting for
 * it: a rise no larger than the most one collection cleared at once (the
 * largest fall in the steady part, with at least {@link BACKLOG_MIN_FALLS}
 * falls of half that size or more) is the backlog's timing (collections
 * coming later as the run goes on), not objects kept. A leak's count climbs
 * beyond any batch. The healthy clause, or null.
 */
export function backlogClause(detail: SeriesDetail, fit: TrendFit): string | null {
  const { series } = detail
  if (series.kind !== 'live') return null
  const values = series.value.slice(detail.steadyStart)
  const falls: number[] = []
  for (let i = 1; i < values.length; i++)
    if (values[i] < values[i - 1]) falls.push(values[i - 1] - values[i])
  if (falls.length === 0) return null
  const largest = Math.max(...falls)
  const batches = falls.filter((fall) => fall >= largest / 2).length
  if (batches < BACKLOG_MIN_FALLS || !(fit.growth <= largest)) return null
  return `${series.metric} rises ${formatValue(fit.growth, series.unit)} over ${describeWindow(detail, fit)}, no more than the collector cleared at once (${batches} collections of ${formatValue(largest / 2, series.unit)} to ${formatValue(largest, series.unit)} objects): objects waiting for collection, not kept`
}

/**
 * How much a forced collection may leave above a count's lowest reading: the
 * window's own tolerance when it is an amount (the default's absolute part, a
 * configured count), else the retained-count default.
 */
export function keptAllowance(tolerance: GrowthTolerance): number {
  if (tolerance.type === 'default') return tolerance.absolute
  if (tolerance.type === 'window') return tolerance.amount
  return DEFAULTS.retainedCount
}

/** Share of the level the mean must sit above the GC floor for a series to have a sawtooth. */
export const SAWTOOTH_SPREAD_FRACTION = 0.05

/** Fewest major collections counted in a series for it to have a sawtooth (one dip is none). */
export const SAWTOOTH_COLLECTIONS = 2

/**
 * Whether a series has a GC sawtooth for its mean to rise over a flat floor: major
 * collections counted in it, or a mean that sits a real share of the level above its floor.
 */
export function hasSawtooth(detail: SeriesDetail, mean: TrendFit, floor: TrendFit): boolean {
  if ((detail.collections?.count ?? 0) >= SAWTOOTH_COLLECTIONS) return true
  return mean.level > 0 && (mean.level - floor.level) / mean.level >= SAWTOOTH_SPREAD_FRACTION
}

/**
 * The cost per unit of work a finding fitted on `fit` states: the GC floor's
 * against the work when the finding stands on the steady window's floor (the
 * mean's, under a sawtooth whose peaks rise with the heap, counts garbage
 * too), else the mean's.
 */
export function perWorkFit(detail: SeriesDetail, fit?: TrendFit): TrendFit | null {
  if (fit?.basis === 'floor' && fit.window === 'steady' && detail.perWorkFloor)
    return detail.perWorkFloor
  // A finding on the last half states that half's cost: the window's holds whatever rose before it
  // (a table loaded at 47 % of the run put 1.02 KiB per request on a 400 B leak after it).
  if (fit?.window === 'last-half' && detail.perWork) {
    const work = workBetween(detail, fit.x0, fit.x1)
    if (work !== null && work > 0) {
      const span = fit.x1 - fit.x0
      return {
        ...detail.perWork,
        slope: fit.growth / work,
        low: (fit.low * span) / work,
        high: (fit.high * span) / work
      }
    }
  }
  return detail.perWork
}

/** The work counted between the readings nearest inside [x0, x1] (null when none counts it). */
function workBetween(detail: SeriesDetail, x0: number, x1: number): number | null {
  const work = detail.series.work
  let first: number | null = null
  let last: number | null = null
  for (let i = 0; i < detail.x.length; i++) {
    if (detail.x[i] < x0 || detail.x[i] > x1 || !Number.isFinite(work[i])) continue
    if (first === null) first = work[i]
    last = work[i]
  }
  return first === null || last === null ? null : last - first
}

/** Per-work clause of a message: `1.9 KiB per request` (the floor's for a floor fit). */
export function perWorkClause(detail: SeriesDetail, fit?: TrendFit): string | null {
  const perWork = perWorkFit(detail, fit)
  return perWork ? describePerWork(detail, perWork.slope) : null
}

/** `1.9 KiB per request`, or null on a work axis (where the slope itself is per unit of work). */
function describePerWork(detail: SeriesDetail, slope: number): string | null {
  if (detail.xAxis === 'work') return null
  return `${formatValue(slope, detail.series.unit)} per ${singular(detail.series.workName ?? 'work unit')}`
}

/** Detects sustained growth on every memory, count and live series. */
export function detectSustainedGrowth(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  for (const detail of judgedSeries(context)) {
    const { series } = detail
    if (!KINDS.has(series.kind) || isOff(context.config.checks, 'sustained-growth', series))
      continue
    const label = seriesLabel(detail)
    const warn = (message: string, evidence: Finding['evidence']): void => {
      result.findings.push(
        makeFinding(
          series.id,
          'sustained-growth',
          seriesSource(detail),
          label,
          'warn',
          message,
          evidence
        )
      )
    }
    // `rose`: the text already says the judged window rose (its last half, say, when the steady fit does not).
    const healthy = (text: string, rose = false): void => {
      const direction: -1 | 0 | 1 = rose
        ? 1
        : detail.values && detail.values.pValue < DEFAULTS.alpha
          ? detail.values.slope > 0
            ? 1
            : detail.values.slope < 0
              ? -1
              : 0
          : 0
      // A live heap whose every sample and forced collection say it kept its climb is not called
      // flat, nor its rise the warm-up's: its own line says why retained-after-load fails on it.
      const held = heldLiveHeapRise(context, detail)
      const whole = held ? null : describeWholeRun(detail, direction)
      result.healthy.push({
        key: series.id,
        metric: label,
        text: held
          ? `steady part: its own trend test does not fire alone, but ${held}; retained-after-load judges it`
          : whole
            ? `${text}; ${whole}`
            : text
      } satisfies HealthyLine)
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
    const backlog = judged.growing ? backlogClause(detail, judged.fit) : null
    if (backlog) {
      healthy(backlog)
      continue
    }
    // A live count that a forced collection (the post-test snapshot's) brought back down waited for one.
    const collected = judged.growing
      ? (collectedByForce(context, detail, judged.fit, keptAllowance(tolerance)) ??
        climbBetweenCollections(context, detail, judged.fit, keptAllowance(tolerance)))
      : null
    if (collected) {
      healthy(
        `${series.metric} rises ${formatDelta(judged.fit.growth, series.unit)} over ${describeWindow(detail, judged.fit)} (${formatPValue(judged.fit.pValue)}), but ${collected}`,
        true
      )
      continue
    }
    // A taller sawtooth over a flat floor is GC pacing, not retained memory.
    const floorFit = judged.fit.window === 'steady' ? detail.floor : detail.lastHalfFloor
    // The floor must rise too (over the window, or over its last half for a late leak) and still rise at the end.
    const floorLate = judged.fit.window === 'steady' ? detail.lastHalfFloor : null
    const rises = (fit: TrendFit | null, alpha: number): boolean =>
      fit !== null && fit.slope > 0 && fit.pValue < alpha
    // A floor that stopped rising late says "bounded" of any series; one that never rose says
    // "taller peaks" only of a series with peaks: without a sawtooth the floor windows' minima
    // are the readings themselves, and one dip pulling a window down is no evidence.
    const floorStopped = floorLate !== null && rises(floorFit, 0.05) && !rises(floorLate, 0.2)
    // A floor whose rise over the window the process's own pages confirm (its agreement) is not
    // flat, and under a mean that keeps its pace to the end its few last-half windows do not say it
    // stopped: sampled at the GC cycle's period, a whole window's readings can miss every trough.
    // It speaks for the mean only when it carries the mean's climb (at least AGREEMENT_SHARE of its
    // pace): a young generation growing its garbage from 8 to 24 MiB over a live heap creeping
    // under its tolerance that RSS confirms (floor +41 MiB/h, mean +203 MiB/h) is taller peaks.
    // Nor when those pages stepped once (a table loaded at 70 % under readings that beat with the
    // cycle: the container usage stepped +12.9 MiB, flat before and after, and "agreed").
    const floorConfirmed =
      floorFit?.agreement !== undefined &&
      judged.growing &&
      floorFit.slope >= AGREEMENT_SHARE * judged.fit.slope &&
      !agreementStepped(context, detail, floorFit.agreement.metric)
    const floorFlat =
      series.kind === 'memory' &&
      floorFit !== null &&
      !floorConfirmed &&
      (floorStopped ||
        (!(rises(floorFit, 0.05) || rises(floorLate, 0.05)) &&
          hasSawtooth(detail, judged.fit, floorFit)))
    // In file order, a rise across lines the paste left out (`[omissis]`): one step and the trend
    // of everything left out look the same, so it is a warning, never a level shift nor a leak.
    const cut = detail.acrossCut
    const acrossCut = cut ? series.value[cut.index] - series.value[cut.index - 1] : 0
    // Unless the readings grow beyond the tolerance with every rise across a cut taken out: a leak
    // whatever the lines left out held.
    const within = detail.withinCuts ? judgeGrowth(detail.withinCuts, tolerance, false) : null
    const overCut = cut && exceedsTolerance({ ...judged.fit, growth: acrossCut }, tolerance, false)
    if (cut && overCut && within?.significant && within.large && within.sustained) {
      const fit = within.fit
      pushWitnessed(
        context,
        detail,
        makeFinding(
          series.id,
          'sustained-growth',
          seriesSource(detail),
          label,
          'fail',
          `${label} rises ${formatDelta(fit.growth, series.unit)} over ${describeWindow(detail, fit)} (${formatPValue(fit.pValue)}) with the rise across lines the file leaves out (line ${cut.line}, \`${cut.marker}\`) taken out, over the ${tolerance.text} tolerance: it grows between neighbouring readings, whatever the lines left out held`,
          {
            ...slopeEvidence('slope', fit, false),
            pValue: fit.pValue,
            basis: 'within-cuts',
            cutLine: cut.line,
            growth: round(fit.growth),
            unit: series.unit,
            tolerance: tolerance.text
          }
        ),
        result
      )
      continue
    }
    if (cut && overCut) {
      warn(
        `${label} rises ${formatDelta(acrossCut, series.unit)} across lines the file leaves out (line ${cut.line}, \`${cut.marker}\`), over the ${tolerance.text} tolerance: read in file order, the readings either side of the cut are no neighbours, so one step and a trend through the lines left out look the same; judge the whole output, or log a time or a counter of work with each reading`,
        {
          basis: 'cut',
          cutLine: cut.line,
          growth: round(acrossCut),
          unit: series.unit,
          tolerance: tolerance.text
        }
      )
      continue
    }
    // A live heap's climb that the forced collection freed is said as such, whatever else its
    // judgement found (a last half too short to test, a floor short of significance); a step first.
    const garbage =
      judged.fit.slope > 0 && judged.significant ? uncollectedRise(context, detail) : null
    if (garbage) {
      healthy(
        `steady part rises ${describeSlopeShort(detail, judged.fit.slope)} (${formatPValue(judged.fit.pValue)}), but ${garbage.text}`
      )
      continue
    }
    const stepped =
      judged.fit.slope > 0 && judged.significant ? stepWitnessedByAllocator(context, detail) : null
    if (stepped) {
      healthy(
        `steady part rises ${describeSlopeShort(detail, judged.fit.slope)} (${formatPValue(judged.fit.pValue)}), but ${stepped}`
      )
      continue
    }
    const goalBounded =
      judged.fit.slope > 0 && judged.significant && !hasRestart(detail)
        ? boundedGoalClause(context, detail, judged.fit.growth)
        : null
    if (goalBounded) {
      healthy(
        `steady part rises ${describeSlopeShort(detail, judged.fit.slope)} (${formatPValue(judged.fit.pValue)}), but ${goalBounded}`
      )
      continue
    }
    // A restarted process: the window mixes two processes (the fall cancels the rise, or the new
    // process's warm-up reads as growth). Segments that grow like a leak decide.
    const restarted = hasRestart(detail)
    // A process that leaked and was restarted (a redeploy) may be flat after the restart: the
    // segment before it that grew like a leak is a warning, never a healthy line.
    const leakedEarlier = restarted ? leakedBeforeRestart(detail, tolerance) : null
    const warnLeakedEarlier = (): void => {
      const seg = detail.segmented!
      const part = seg.segments[leakedEarlier!.index]
      warn(
        `${label} grew ${formatDelta(leakedEarlier!.growth, series.unit)} within segment ${leakedEarlier!.index + 1} of ${seg.segments.length} (${describeSlopeShort(detail, part.slope)}, ${formatPValue(leakedEarlier!.pValue)}, over the ${tolerance.text} tolerance), ${describeResets(detail)}, and does not keep that pace after it: a leak the restart cleared, not a bounded heap`,
        {
          basis: 'segment',
          segment: leakedEarlier!.index + 1,
          segments: seg.segments.length,
          growth: round(leakedEarlier!.growth),
          pValue: round(leakedEarlier!.pValue),
          unit: series.unit,
          tolerance: tolerance.text
        }
      )
    }
    if (restarted) {
      const verdict = judgeSegments(detail, tolerance, sameProcessWork(context, detail))
      if (verdict.growing) {
        pushSegmented(context, detail, tolerance.text, result)
        continue
      }
      // The new process's warm-up reads as growth across the restart; a last segment that still
      // rises at the end is left to the plain judgement (a leak that started after the restart).
      const seg = detail.segmented!
      const lastRises = seg.segments[seg.segments.length - 1].slope > 0 && seg.lastKeepsPace
      if (judged.growing && !lastRises && leakedEarlier) {
        warnLeakedEarlier()
        continue
      }
      if (judged.growing && !lastRises) {
        healthy(
          `steady part rises ${describeSlopeShort(detail, judged.fit.slope)} (${formatPValue(judged.fit.pValue)}) across a restart; judged in ${seg.segments.length} segments, ${describeResets(detail)}: ${verdict.why}`
        )
        continue
      }
    }
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
        const levels = failLevel(context.config.checks, 'sustained-growth', series)
        pushWitnessed(
          context,
          detail,
          withLevel(finding, levels, floorJudged.fit, detail.xAxis === 'time'),
          result
        )
        continue
      }
      // Resets are judged on memory without a GC sawtooth (RSS, container usage) and on counts:
      // a live heap's rare major collections in a short run look like resets and are not.
      const segmented =
        isAllocatorHeld(detail) || series.kind !== 'memory' || restarted ? detail.segmented : null
      if (segmented) {
        const verdict = judgeSegments(detail, tolerance, sameProcessWork(context, detail))
        if (verdict.growing) {
          pushSegmented(context, detail, tolerance.text, result)
          continue
        }
        if (leakedEarlier) {
          warnLeakedEarlier()
          continue
        }
        // A regrowth is what the window's trend or step was made of: said first, alone.
        healthy(
          verdict.regrowth
            ? `steady part judged in ${segmented.segments.length} segments, ${describeResets(detail)}: ${verdict.why}`
            : `${explainNoGrowth(detail, judged, tolerance, 'steady part')}; judged in ${segmented.segments.length} segments too, ${describeResets(detail)}: ${verdict.why}`
        )
        continue
      }
      // A short series that rises far but not surely (one or two dips in 6–7 points): too few
      // samples to call it either way, said as a warning, never a quiet pass.
      const fit = judged.fit
      if (
        fit.short &&
        !judged.significant &&
        judged.large &&
        fit.slope > 0 &&
        fit.pValue < SUGGESTIVE_ALPHA
      ) {
        warn(
          `${label} rises ${describeSlope(detail, fit)} over ${describeWindow(detail, fit)} (${formatDelta(fit.growth, series.unit)}${judged.growthPercent !== null ? `, ${formatPercent(judged.growthPercent)} of ${formatValue(fit.level, series.unit)}` : ''}), ${formatPValue(fit.pValue)} on only ${fit.points} samples: suggestive, too few to tell a leak from noise; a run with more samples would tell`,
          {
            basis: 'short',
            ...slopeEvidence('slope', fit, detail.xAxis === 'time'),
            pValue: round(fit.pValue),
            growth: round(fit.growth),
            growthPercent: round(judged.growthPercent),
            points: fit.points,
            unit: series.unit,
            tolerance: tolerance.text
          }
        )
        continue
      }
      // A live heap judged to level off on a last half that cannot tell, beside a reserved heap
      // that keeps sizing itself to it at one pace to the end: a leak the sawtooth hides.
      const sized =
        judged.slowedTo !== undefined || (judged.significant && !judged.sustained)
          ? sizedHeapClause(context, detail)
          : null
      if (sized) {
        pushWitnessed(context, detail, sizedFinding(detail, judged, tolerance.text, sized), result)
        continue
      }
      // A live heap that levels off in time but, after its last major collection (or its lowest
      // reading of the window's second half), kept adding at its pace per unit of work: the load
      // paused, the heap waited with it.
      const keptAdding =
        judged.significant &&
        judged.large &&
        !judged.step &&
        (judged.slowedTo !== undefined || judged.fit.levelledTail !== undefined)
          ? keptAddingAfterCollection(context, detail)
          : null
      if (keptAdding) {
        pushWitnessed(
          context,
          detail,
          sizedFinding(
            detail,
            judged,
            tolerance.text,
            `it seemed to level off in time, but ${keptAdding}`,
            'kept-adding'
          ),
          result
        )
        continue
      }
      // A JVM's RSS that stepped (G1 touching its committed heap) and crept on after the step
      // with no heap page left to touch: memory added outside the heap, per unit of work.
      const creep =
        judged.step && judged.significant ? creepAfterStep(context, detail, judged.step) : null
      if (creep) {
        pushWitnessed(
          context,
          detail,
          sizedFinding(detail, judged, tolerance.text, creep, 'creep-after-step'),
          result
        )
        continue
      }
      // Memory the allocator holds that rose at one pace on both sides of the step, beyond the
      // tolerance without it: a leak beside a table loaded once, not the table.
      const across =
        judged.step && judged.significant && isAllocatorHeld(detail)
          ? leakAcrossStep(detail, judged.fit, tolerance)
          : null
      if (across) {
        pushWitnessed(context, detail, across, result)
        continue
      }
      healthy(explainNoGrowth(detail, judged, tolerance, 'steady part'))
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
    // A last half only suggestive on its own, its process's pages rising significantly with it.
    const agreed = agreementClause(detail, fit)
    if (agreed) parts.push(agreed)
    // Under the allocator's 4 MiB only because its readings rise in small steps: say so.
    if (
      fit.quantum !== undefined &&
      tolerance.type === 'default' &&
      !(fit.growth > tolerance.absolute) &&
      fit.quantum > 0
    )
      parts.push(
        `in steps of ${formatBytes(fit.quantum)} (its usual rise between readings): ${Math.floor(fit.growth / fit.quantum)} of them, no allocator quantum`
      )
    if (fit.short && !(fit.pValue < DEFAULTS.alpha))
      parts.push(
        `only ${fit.points} samples, tested exactly: p under ${SHORT_ALPHA} with the slope's 95% interval above zero and the growth beyond twice the tolerance`
      )
    // the floor's own p when it is no trend by itself, so "floor rises" is not read as a second proof
    if (floorFit && floorFit.slope > 0 && detail.xAxis === 'time')
      parts.push(
        `floor rises ${signedRate(floorFit.slope * HOUR_MS, series.unit)}${floorFit.pValue < DEFAULTS.alpha ? '' : ` (${formatPValue(floorFit.pValue)}, not significant alone)`}`
      )
    const continued = continuationClause(detail, fit, detail.lastHalf)
    if (continued) parts.push(continued)
    const perWork = perWorkClause(detail, fit)
    if (perWork) parts.push(perWork)
    // The whole run's change is in the evidence; said in the message only when it points the other way.
    const wholeRun = describeWholeRun(detail, 1)
    if (wholeRun && (wholeRunChange(detail)?.change ?? 0) < 0) parts.push(wholeRun)
    if (detail.analysis.hoursToLimit !== null)
      parts.push(
        `limit ${formatValue(series.limit ?? 0, series.unit)} in ${formatDuration(detail.analysis.hoursToLimit * HOUR_MS)}`
      )
    else if (series.stops?.some((stop) => stop.atLimit))
      parts.push(
        `killed at its ${formatValue(series.limit ?? 0, series.unit)} limit (see oom-risk)`
      )
    const timeAxis = detail.xAxis === 'time'
    const levels = failLevel(context.config.checks, 'sustained-growth', series)
    const push = (finding: Finding & { key: string }): void => {
      pushWitnessed(context, detail, withLevel(finding, levels, fit, timeAxis), result)
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
          perWork: round(perWorkFit(detail, fit)?.slope),
          perWorkLow: round(perWorkFit(detail, fit)?.low),
          perWorkHigh: round(perWorkFit(detail, fit)?.high),
          workName: series.workName ?? null,
          hoursToLimit: round(detail.analysis.hoursToLimit),
          tolerance: tolerance.text,
          ...wholeRunEvidence(detail)
        }
      )
    )
  }
  return result
}

/** The whole run's first → last values as finding evidence (`runFirst`, `runLast`, `runChange`). */
export function wholeRunEvidence(detail: SeriesDetail): Record<string, number | null> {
  const run = wholeRunChange(detail)
  return run
    ? { runFirst: round(run.first), runLast: round(run.last), runChange: round(run.change) }
    : {}
}

/**
 * Sets a finding's level from a two-level threshold (`{warn: 1MiB/h, fail: 20MiB/h}`): a
 * warning between the levels, a failure beyond the fail level; the message says which.
 */
export function withLevel(
  finding: Finding & { key: string },
  levels: ReturnType<typeof failLevel>,
  fit: Pick<TrendFit, 'slope' | 'growth' | 'level'>,
  timeAxis: boolean
): Finding & { key: string } {
  const { level, clause } = levelOfGrowth(levels, fit, timeAxis)
  if (!clause) return finding
  return {
    ...finding,
    level: finding.level === 'warn' ? 'warn' : level,
    message: `${finding.message}; ${clause}`,
    evidence: {
      ...finding.evidence,
      failLevel: levels?.text ?? null,
      warnLevel: levels?.warnText ?? null
    }
  }
}

/** Pushes the finding measured within the segments between level resets (fail level applied). */
function pushSegmented(
  context: AnalysisContext,
  detail: SeriesDetail,
  toleranceText: string,
  result: SignatureResult
): void {
  const seg = detail.segmented!
  const levels = failLevel(context.config.checks, 'sustained-growth', detail.series)
  const finding = withLevel(
    segmentedFinding(detail, toleranceText),
    levels,
    { slope: seg.slope, growth: seg.growth, level: seg.level },
    detail.xAxis === 'time'
  )
  pushWitnessed(context, detail, finding, result, { keepsPace: true })
}

/** Most bucket means a segment's own trend test reads (raw samples are autocorrelated). */
const SEGMENT_BUCKETS = 40

/**
 * A segment before the last that grew like a leak on its own: significant
 * (p < 0.05 on at most 40 bucket means) and beyond the tolerance. A process
 * that leaked and was restarted (a redeploy) looks flat after the restart;
 * the segment before it still shows the leak. Null when none did.
 */
export function leakedBeforeRestart(
  detail: SeriesDetail,
  tolerance: ReturnType<typeof growthTolerance>
): { index: number; growth: number; pValue: number } | null {
  const seg = detail.segmented
  if (!seg || !seg.resets.some(isRestart)) return null
  // Under a GC sawtooth (3 collections or more in view) a part shorter than two of its cycles
  // can lie on one rising edge.
  const steady = detail.x.length - detail.steadyStart
  const shortest = (detail.cycles ?? 0) >= 3 ? (2 * steady) / detail.cycles! : 0
  for (let k = 0; k < seg.segments.length - 1; k++) {
    const part = seg.segments[k]
    if (part.samples < MIN_SEGMENT_SAMPLES || part.samples < shortest || !(part.slope > 0)) continue
    const values: number[] = []
    for (let i = 0; i < detail.x.length; i++)
      if (detail.x[i] >= part.x0 && detail.x[i] <= part.x1) values.push(detail.series.value[i])
    if (values.length < MIN_SEGMENT_SAMPLES) continue
    const size = Math.ceil(values.length / SEGMENT_BUCKETS)
    const means: number[] = []
    for (let i = 0; i < values.length; i += size) {
      const chunk = values.slice(i, i + size)
      means.push(chunk.reduce((a, b) => a + b, 0) / chunk.length)
    }
    if (means.length < 4) continue
    const { pValue } = mannKendall(means)
    // A leak climbs until the restart clears it; a process that started up at the segment's
    // start climbs and levels off: the segment's later half must rise on its own too.
    const later = mannKendall(means.slice(Math.floor(means.length / 2)))
    if (!(later.s > 0 && later.pValue < DEFAULTS.continuationAlpha)) continue
    const growth = part.slope * (part.x1 - part.x0)
    const fit = { slope: part.slope, growth, level: median(values) } as TrendFit
    if (pValue < DEFAULTS.alpha && exceedsTolerance(fit, tolerance, detail.xAxis === 'time'))
      return { index: k, growth, pValue }
  }
  return null
}

/** A sustained-growth finding measured within the segments between level resets. */
function segmentedFinding(detail: SeriesDetail, toleranceText: string): Finding & { key: string } {
  const seg = detail.segmented!
  const { series } = detail
  const label = seriesLabel(detail)
  const timeAxis = detail.xAxis === 'time'
  // Per unit of work within the segments too: the window's own figure runs across the falls.
  const perWorkSlope = perWorkWithinSegments(detail)
  const perWork = perWorkSlope !== null ? describePerWork(detail, perWorkSlope) : null
  const message =
    `${label} grows ${describeSlopeShort(detail, seg.slope)} within each of ${seg.segments.length} segments, ${formatPValue(seg.pValue)} (${formatDelta(seg.growth, series.unit)} in all, ${formatPercent(seg.level > 0 ? (seg.growth / seg.level) * 100 : null)} of ${formatValue(seg.level, series.unit)}), judged segment by segment, ${describeResets(detail)}; the rise resumes at the same pace after each fall` +
    (perWork ? `; ${perWork}` : '')
  return makeFinding(series.id, 'sustained-growth', seriesSource(detail), label, 'fail', message, {
    basis: 'segments',
    segments: seg.segments.length,
    resets: seg.resets.length,
    restart: seg.resets.some(isRestart),
    slopePerHour: timeAxis ? round(seg.slope * HOUR_MS) : null,
    slopePerX: timeAxis ? null : round(seg.slope),
    pValue: round(seg.pValue),
    growth: round(seg.growth),
    level: round(seg.level),
    xAxis: detail.xAxis,
    unit: series.unit,
    perWork: perWorkSlope !== null ? round(perWorkSlope) : null,
    workName: series.workName ?? null,
    tolerance: toleranceText,
    ...wholeRunEvidence(detail)
  })
}

/**
 * A finding's message without the series label it starts with, for a healthy line that names
 * the series itself. The whole label goes, spaces and brackets included (`MemUsage[web-1 run 1]`):
 * cutting at the first space left "run 1] reaches its limit …".
 */
export function withoutLabel(message: string, label: string): string {
  return message.startsWith(`${label} `) ? message.slice(label.length + 1) : message
}

/**
 * Adds a finding on an allocator-held series after hearing the live heap of
 * the same process (see witness.ts): growth outside a flat heap that keeps
 * its pace with the work is a native leak and stays a failure; growth the
 * runtime's reserved heap explains is a healthy line; anything else beside a
 * flat heap is a warning.
 */
export function pushWitnessed(
  context: AnalysisContext,
  detail: SeriesDetail,
  finding: Finding & { key: string },
  result: SignatureResult,
  options: { keepsPace?: boolean } = {}
): void {
  // The finding said as a healthy line with the clause that excuses it.
  const healthy = (clause: string): void => {
    result.healthy.push({
      key: detail.series.id,
      metric: seriesLabel(detail),
      text: `${withoutLabel(finding.message, seriesLabel(detail))}; ${clause}`
    })
  }
  // The finding as a warning, the clause saying why it is no more than that.
  const warned = (clause: string, evidence: Finding['evidence']): void => {
    result.findings.push({
      ...finding,
      level: 'warn',
      message: `${finding.message}; ${clause}`,
      evidence: { ...finding.evidence, ...evidence }
    })
  }
  // Growth on both sides of a step is weighed against the live heap on both sides of that step.
  if (finding.evidence.basis === 'across-step') {
    result.findings.push(besideStepWitnessed(context, detail, finding))
    return
  }
  // A live heap that only rose, within the room its heap had free: no collection in view yet.
  const pending = finding.level === 'fail' ? awaitingCollection(context, detail) : null
  if (pending && 'waiting' in pending) return warned(pending.waiting, { noCollectionInView: true })
  if (pending)
    finding = {
      ...finding,
      message: `${finding.message}; ${pending.ran}`,
      evidence: { ...finding.evidence, collectionsCounted: true }
    }
  // A sampled heap whose heap right after collections holds no leak: garbage between collections.
  const young = youngGarbageClause(context, detail)
  if (young) return healthy(`but ${young}`)
  // A live heap whose rise a forced collection showed to be garbage, and memory the allocator
  // holds that rose with such a heap (or with one that levelled off), are healthy lines.
  const garbage = uncollectedRise(context, detail)
  const stepped = garbage ? null : stepWitnessedByAllocator(context, detail)
  // A Go heap whose collector's goal arrived bounded: the floor's rise is that arrival too.
  const growth = finding.evidence.growth
  const goal =
    garbage || stepped || typeof growth !== 'number' || hasRestart(detail)
      ? null
      : boundedGoalClause(context, detail, growth)
  const bounded = garbage
    ? `but ${garbage.text}`
    : stepped
      ? `but ${stepped}`
      : goal
        ? `but ${goal}`
        : boundedHeapClause(context, detail)
  // Growth the runtime's reserved heap accounts for over the finding's own stretches (each
  // segment, the last half, or the window), beside a live heap that holds no leak.
  const reservedClause = bounded
    ? null
    : reservedHeapClause(context, detail, findingRanges(detail, finding, options))
  if (bounded || reservedClause) return healthy((bounded ?? reservedClause)!)
  // Off-heap memory added at new peaks of the load, flat between them (a pool sized to the
  // requests in flight, to the end of an up-only ramp): not per request, but it may not stop.
  const peaks = finding.level === 'fail' ? loadPeaksClause(context, detail) : null
  if (peaks) return warned(peaks.startsWith('but ') ? peaks : `but ${peaks}`, { loadPeaks: true })
  const besideGarbage = reservedBesideGarbage(context, detail)
  if (besideGarbage) return warned(besideGarbage, { reservedHeap: true })
  const witness = flatLiveHeapWitness(context, detail)
  if (witness) {
    const growth = classifyAllocatorGrowth(context, detail, witness, {
      ...options,
      lastHalf: finding.evidence.window === 'last-half'
    })
    if (growth.kind === 'native') {
      result.findings.push({
        ...finding,
        message: `${finding.message}; ${growth.text}`,
        evidence: { ...finding.evidence, liveHeapFlat: witness.series.id, outsideHeap: true }
      })
      return
    }
    if (growth.kind === 'reserved') return healthy(growth.text)
  }
  const downgraded = downgradeIfWitnessed(context, detail, finding)
  // Memory the allocator holds beside a live heap that only seemed to level off: say what refuted it.
  const sized =
    isAllocatorHeld(detail) && downgraded.level === 'fail'
      ? (sizedHeapClause(context, detail) ??
        heldHeapBesideClause(context, detail) ??
        unseenHeapClause(context, detail))
      : null
  result.findings.push(
    sized ? { ...downgraded, message: `${downgraded.message}; ${sized}` } : downgraded
  )
}

/**
 * Memory the allocator holds that grew on both sides of a step, against the
 * live heap of the same process over the same two sides: a heap that rose
 * beside its step by half that growth or more holds it (the program keeps
 * it); one that rose under a quarter of it leaves it outside the heap (a
 * native leak); in between it is a warning, as any allocator growth the heap
 * does not account for. Without a live heap that holds no leak of its own,
 * the finding stands as it is.
 */
function besideStepWitnessed(
  context: AnalysisContext,
  detail: SeriesDetail,
  finding: Finding & { key: string }
): Finding & { key: string } {
  const witness = flatLiveHeapWitness(context, detail)
  const { growth, stepX } = finding.evidence
  if (!witness || !detail.values || typeof growth !== 'number' || typeof stepX !== 'number')
    return finding
  const heapRise = riseBesideStep(
    witness.x,
    witness.series.value,
    detail.values.x0,
    stepX,
    detail.values.x1
  )
  if (heapRise === null) return finding
  const heap = `${witness.series.metric} (the live heap, ${witness.series.file})`
  const rose = `${formatDelta(heapRise, witness.series.unit)} beside the step over the same time`
  if (heapRise >= CARRY_SHARE * growth)
    return {
      ...finding,
      message: `${finding.message}; ${heap} rose ${rose}: the program holds what it added`,
      evidence: {
        ...finding.evidence,
        heapCarries: witness.series.metric,
        heapCarried: round(heapRise)
      }
    }
  if (heapRise < OUTSIDE_HEAP_SHARE * growth)
    return {
      ...finding,
      message: `${finding.message}; ${heap} rose only ${rose}: memory held outside the heap, a native leak`,
      evidence: { ...finding.evidence, liveHeapFlat: witness.series.id, outsideHeap: true }
    }
  return {
    ...finding,
    level: 'warn',
    message: `${finding.message}; ${heap} rose ${rose}, between a quarter and half of it: too close to tell memory the allocator kept from a leak`,
    evidence: { ...finding.evidence, liveHeapFlat: witness.series.id }
  }
}

/** The stretches a finding measured: each segment between level resets, its last half, or its window. */
function findingRanges(
  detail: SeriesDetail,
  finding: Finding,
  options: { keepsPace?: boolean }
): Array<[number, number]> {
  if (options.keepsPace && detail.segmented)
    return detail.segmented.segments.map((part) => [part.x0, part.x1])
  const fit = finding.evidence.window === 'last-half' ? detail.lastHalf : detail.values
  return fit ? [[fit.x0, fit.x1]] : []
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
  const carried = witness
    ? heapCarriesClause(
        detail,
        witness,
        finding.evidence.window === 'last-half' ? 'last-half' : 'whole'
      )
    : null
  if (carried)
    return {
      ...finding,
      message: `${finding.message}; ${carried.text}`,
      // the headline names the live heap as the holder (leak-rows.ts)
      evidence: {
        ...finding.evidence,
        heapCarries: witness!.series.metric,
        heapCarried: round(carried.carried)
      }
    }
  if (witness)
    return {
      ...finding,
      level: 'warn',
      message: `${finding.message}; ${witnessClause(witness, detail)}`,
      evidence: { ...finding.evidence, liveHeapFlat: witness.series.id }
    }
  const objects = flatObjectsWitness(context, detail)
  const outside = objects ? keepsPaceOutsideCounted(detail) : null
  if (outside)
    return {
      ...finding,
      message: `${finding.message}; ${outside}`,
      evidence: { ...finding.evidence, outsideCounted: true }
    }
  if (objects)
    return {
      ...finding,
      level: 'warn',
      message: `${finding.message}; ${objects}`,
      evidence: { ...finding.evidence, objectsCollected: true }
    }
  return finding
}

/** A live heap's rise whose levelling off its reserved heap refutes (see `sizedToGrowingHeap`). */
function sizedFinding(
  detail: SeriesDetail,
  judged: GrowthJudgement,
  toleranceText: string,
  clause: string,
  basis: 'reserved-heap' | 'kept-adding' | 'creep-after-step' = 'reserved-heap'
): Finding & { key: string } {
  const { series } = detail
  const label = seriesLabel(detail)
  const fit = judged.fit
  const timeAxis = detail.xAxis === 'time'
  const percent =
    judged.growthPercent !== null
      ? ` (${formatDelta(fit.growth, series.unit)}, ${formatPercent(judged.growthPercent)} of ${formatValue(fit.level, series.unit)})`
      : ''
  const perWork = perWorkClause(detail)
  const message =
    `${label} grows ${describeSlope(detail, fit)} over ${describeWindow(detail, fit)}, ${formatPValue(fit.pValue)}${percent}; ${clause}` +
    (perWork ? `; ${perWork}` : '')
  return makeFinding(series.id, 'sustained-growth', seriesSource(detail), label, 'fail', message, {
    basis,
    ...slopeEvidence('slope', fit, timeAxis),
    xAxis: detail.xAxis,
    unit: series.unit,
    pValue: round(fit.pValue),
    growth: round(fit.growth),
    growthPercent: round(judged.growthPercent),
    level: round(fit.level),
    lastHalfSlopePerHour:
      timeAxis && detail.lastHalf ? round(detail.lastHalf.slope * HOUR_MS) : null,
    ...windowEvidence(detail, fit),
    perWork: round(detail.perWork?.slope),
    workName: series.workName ?? null,
    tolerance: toleranceText,
    ...wholeRunEvidence(detail)
  })
}

/**
 * A window that stepped once (a table loaded once) but rose at one pace on
 * both sides of the step, by more than the tolerance in all: the step does
 * not excuse that growth, which fails as it would without the step, said on
 * the two sides' own numbers. Null when the sides are flat, differ in pace,
 * are too short to test, or add less than the tolerance.
 */
function leakAcrossStep(
  detail: SeriesDetail,
  fit: TrendFit,
  tolerance: GrowthTolerance
): (Finding & { key: string }) | null {
  const { series } = detail
  const { x, y } = readingsBetween(detail, fit.x0, fit.x1)
  const across = growthAcrossStep(x, y)
  if (!across) return null
  const { before, after } = across
  const span = before.to - before.from + (after.to - after.from)
  const pace: TrendFit = {
    ...fit,
    slope: across.growth / span,
    low: Math.min(before.low, after.low),
    high: Math.max(before.high, after.high),
    growth: across.growth,
    pValue: Math.max(before.pValue, after.pValue)
  }
  const timeAxis = detail.xAxis === 'time'
  if (!exceedsTolerance(pace, tolerance, timeAxis)) return null
  const label = seriesLabel(detail)
  const unit = series.unit
  const sideText = (s: typeof before): string => {
    const extent = describeSpan(detail, s.to - s.from)
    return `${formatDelta(s.rise, unit)} over ${extent} (${describeSlopeShort(detail, s.pace)}, ${formatPValue(s.pValue)})`
  }
  const percent =
    pace.level > 0
      ? ` (${formatPercent((across.growth / pace.level) * 100)} of ${formatValue(pace.level, unit)})`
      : ''
  const perWork = perWorkClause(detail)
  const step = { x: across.stepX, size: across.stepSize }
  const message =
    `${label} grows on both sides of a step: it stepped ${formatDelta(step.size, unit)} once, ${describeStepTime(detail, step)}, and rose ${sideText(before)} before it and ${sideText(after)} after it, ${formatDelta(across.growth, unit)} beside the step${percent}, over the ${tolerance.text} tolerance: a table loaded once leaves memory flat on both sides; a leak goes on through it` +
    (perWork ? `; ${perWork}` : '')
  return makeFinding(series.id, 'sustained-growth', seriesSource(detail), label, 'fail', message, {
    basis: 'across-step',
    ...slopeEvidence('slope', pace, timeAxis),
    xAxis: detail.xAxis,
    unit,
    pValue: round(pace.pValue),
    growth: round(across.growth),
    growthPercent: pace.level > 0 ? round((across.growth / pace.level) * 100) : null,
    level: round(pace.level),
    stepSize: round(step.size),
    stepX: round(step.x),
    beforeRise: round(before.rise),
    afterRise: round(after.rise),
    ...windowEvidence(detail, fit),
    perWork: round(detail.perWork?.slope),
    workName: series.workName ?? null,
    tolerance: tolerance.text,
    ...wholeRunEvidence(detail)
  })
}

/**
 * Whether the allocator series whose rise confirmed a live heap's floor (its agreement) stepped once
 * and is flat before and after (its mean or its floor): a level shift, not a rise that speaks for a
 * climb.
 */
function agreementStepped(context: AnalysisContext, heap: SeriesDetail, metric: string): boolean {
  const other = sameProcessAllocatorSeries(context, heap).find((o) => seriesLabel(o) === metric)
  if (!other) return false
  return [judgeMemoryWindow(context, other), judgeMemoryFloor(context, other)].some(
    (j) => j !== null && !j.growing && j.step !== undefined
  )
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
  const agreed = agreementClause(detail, fit)
  if (agreed) parts.push(agreed)
  const continued = continuationClause(detail, fit, detail.lastHalfFloor)
  if (continued) parts.push(continued)
  const late = detail.lastHalfFloor
  // Its last half's few floor windows did not say it keeps rising; the floor at every cycle did.
  if (
    fit.window === 'steady' &&
    late &&
    !(late.pValue < DEFAULTS.continuationAlpha) &&
    (late.fineFloorPValue ?? 1) < DEFAULTS.continuationAlpha
  )
    parts.push(
      `its floor at every cycle still rises over the last half (${late.fineFloorPoints} minima, ${formatPValue(late.fineFloorPValue!)} allowing for autocorrelation; ${late.points} floor windows alone: ${formatPValue(late.pValue)})`
    )
  const perWork = perWorkClause(detail, fit)
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
      ...agreementEvidence(fit),
      lastHalfFineFloorPValue: round(detail.lastHalfFloor?.fineFloorPValue),
      perWork: round(perWorkFit(detail, fit)?.slope),
      perWorkLow: round(perWorkFit(detail, fit)?.low),
      perWorkHigh: round(perWorkFit(detail, fit)?.high),
      meanPerWork: round(detail.perWork?.slope),
      workName: series.workName ?? null,
      hoursToLimit: round(detail.analysis.hoursToLimit),
      tolerance: toleranceText,
      ...wholeRunEvidence(detail)
    }
  )
}

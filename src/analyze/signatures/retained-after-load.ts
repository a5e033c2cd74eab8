/**
 * retained-after-load: the post-test snapshot (taken after the load and a
 * cooldown, ideally after a forced GC) is above the baseline beyond the
 * tolerance. What the load left behind once it stopped is what leaked.
 *
 * Traps avoided: memory the allocator holds (RSS, heapTotal, container
 * usage) is reported as `warn`, not `fail` (allocators keep freed pages);
 * growth within a per-work budget is the budget's to judge; and when a time
 * series of the same metric shows its steady part flat, the retained memory
 * is bounded (a cache that filled), so the finding is a `warn`.
 */
import { loadPeakGrowth } from '../load-peaks.js'
import { type AnalysisContext, judgesRest, makeFinding, type SignatureResult } from '../context.js'
import { round } from '../describe.js'
import type { Quantity } from '../../config/types.js'
import type { ValueUnit } from '../../model.js'
import { formatDelta, formatPercent, formatPValue, formatValue } from '../format.js'
import {
  absoluteAllowance,
  endFlattened,
  exceedsTolerance,
  judgeWindows,
  slowedUnderAllowance
} from '../growth.js'
import { RESERVED_MEMORY_NAME } from '../../understand/names.js'
import { DEFAULTS, growthTolerance, lookupCheck } from '../thresholds.js'
import {
  HEAP_OVERHEAD,
  afterCollectionOf,
  boundedGoalOf,
  growingGoalOf,
  heldLiveHeapRise,
  isAfterCollection,
  isAllocatorHeld,
  riseBetween,
  isLiveHeap,
  judgeMemoryFloor,
  judgeMemoryWindow,
  keptAddingAfterCollection,
  liveAfterCyclesOf,
  lowestAtTheEnd,
  lowestReading,
  pinnedGoalOf,
  witnessStep,
  sameProcessAllocatorSeries,
  reservedHeapsOf,
  NON_HEAP_NAME,
  HEAP_RESERVED_NAME,
  STEP_SLACK,
  sizedHeapClause,
  spansProcesses,
  stepWitnessedByAllocator,
  uncollectedRise
} from '../witness.js'
import { describeResets, hasRestart, judgeSegments, seriesRestarts } from '../segment-growth.js'
import type { SnapshotDetail } from '../snapshot-analysis.js'
import { snapshotProcessSeries } from '../same-process.js'
import type { LevelStep, SeriesDetail } from '../series-analysis.js'
import { gcFloor } from '../../stats/gc-floor.js'
import { median } from '../../stats/median.js'
import type { GrowthTolerance } from '../thresholds.js'
import { describeStepTime } from './sustained-growth.js'
import { regrewToWorkingSize } from '../segment-growth.js'

/**
 * What a forced collection kept beyond a series' one step (post − baseline − step), when that is
 * beyond the growth tolerance and {@link STEP_SLACK} of the step; else null (the step explains it).
 */
function keptBeyondStep(
  kept: number,
  stepSize: number,
  detail: SeriesDetail,
  tolerance: GrowthTolerance
): number | null {
  const beyond = kept - stepSize
  if (!detail.values || !(beyond > STEP_SLACK * stepSize)) return null
  return exceedsTolerance({ ...detail.values, growth: beyond }, tolerance, detail.xAxis === 'time')
    ? beyond
    : null
}

/** What a forced collection left above the starting floor fails beyond this many times the tolerance. */
export const GARBAGE_KEPT_MARGIN = 2

/**
 * Share of the retained delta that must already be there (GC floor of the
 * time series vs the baseline) when the steady window starts for a flat
 * series to explain it as a cache filled in warm-up. A linear leak has only
 * ~20 % of it there (the warm-up's share of the run).
 */
const ARRIVED_EARLY_FRACTION = 0.75

/**
 * A step in RSS or container usage explains a live heap's retained delta when
 * its size is within this factor of the delta (the allocator holds about what
 * the heap holds, up to its reservation overhead).
 */
const STEP_SIZE_FACTOR = 2

/**
 * What a live heap's GC floor already held before its one step, as a share of what a forced
 * collection kept, must be at least this many times the share of the run's work (its requests,
 * counted) done before the step, and at least {@link FILLED_BEFORE_STEP_MIN} of it. The floor
 * carries garbage the forced collection frees (what it left under the floor after the step),
 * counted off before the step too. A leak adds per request, so before a step at a third of the
 * work its floor holds about a third of what it kept: 0.72 and 1.3 times the share before the step
 * (a staircase leak sampled in phase with its sawtooth; 50 B per request under a sawtooth sampled
 * every 4 s); a cache that filled early held 2.1 times (a quarter of a 150 s run, stepping at 0.36
 * of its requests). Without a work counter there is no such share: the run's time is none (a load
 * that ramps down does most of its requests, and a leak most of its adding, early).
 */
const FILLED_BEFORE_STEP_FACTOR = 1.6
const FILLED_BEFORE_STEP_MIN = 0.4
/**
 * Or the floor after its step stayed flat over at least this share of the run's work: a leak adds
 * per request, so over that work it would have added that share of what was kept, and at most
 * {@link FLAT_AFTER_LEAK_SHARE} of it may show (the floor's rise after the step plus what the
 * forced collection left above that floor). A cache filling over 35–45 % of a run under a tall
 * sawtooth, sampled at about the sawtooth's period, stepped its floor at a third to a half of the
 * work, short of the factor above (0.47 and 0.50 held, 0.53 and 0.73 needed), then stayed within
 * +0.84 and −2.03 MiB over the 55–67 % of the work after it, where a leak would have added 18–23 MiB.
 * Another (40 %, sampled every 0.95 s) stepped at 52 % of the work and its floor fell 1.35 MiB over
 * the 48 % after it, where a leak would have added 15.5 MiB: 40 % of the work is enough to show one.
 */
const FLAT_AFTER_WORK_SHARE = 0.4
const FLAT_AFTER_LEAK_SHARE = 0.125

/** Share of a series' work (counted at both ends and at x) done before x; null when not counted. */
function shareOfWorkBefore(detail: SeriesDetail, x: number): number | null {
  const n = detail.x.length
  if (n < 2) return null
  const i = detail.x.findIndex((v) => v >= x)
  if (i < 0) return null
  const work = detail.series.work
  const w0 = work[0]
  const w1 = work[n - 1]
  const wi = work[i]
  if (Number.isFinite(w0) && Number.isFinite(w1) && Number.isFinite(wi) && w1 > w0)
    return (wi - w0) / (w1 - w0)
  return null
}

/**
 * What a live heap's GC floor held before its one step: the share of the work done by then
 * (`before`), the garbage the floor carries (its level after the step less what the forced
 * collection left, counted off before the step too), and what it held above the baseline less
 * that garbage (`early`, and as a `share` of what was kept). Null without counted work.
 */
function heldBeforeStep(
  a: { baseline: number; post: number; delta: number },
  floorStep: LevelStep,
  detail: SeriesDetail
): { before: number; garbage: number; early: number; share: number } | null {
  const before = shareOfWorkBefore(detail, floorStep.x)
  if (before === null) return null
  const garbage = Math.max(0, floorStep.after - a.post)
  const early = floorStep.before - garbage - a.baseline
  return { before, garbage, early, share: early / a.delta }
}

/**
 * A live heap's GC floor that stepped once and is flat before and after, already held more of
 * what the forced collection kept before the step than a leak adding per request would have
 * there ({@link FILLED_BEFORE_STEP_FACTOR}), and the forced collection left no more than the
 * floor's level after the step (within {@link STEP_SLACK} of the step): the memory arrived while
 * filling, early, and in that step, and nothing was added after it. A leak keeps adding after its
 * step, so the forced collection leaves it above the level the floor held after the step.
 * Returns the clause, or null.
 */
function filledThenStepped(
  a: { baseline: number; post: number; delta: number; unit: ValueUnit },
  floorStep: LevelStep | undefined,
  detail: SeriesDetail,
  meanStep?: LevelStep
): string | null {
  if (!floorStep || !(floorStep.size > 0)) return null
  const held = heldBeforeStep(a, floorStep, detail)
  if (!held) return null
  const { before, garbage, early, share } = held
  // What the floor held before the step and the step itself account for what was kept, and the
  // floor as read (garbage and all) held more of it than the work done by then: a floor carrying a
  // tall sawtooth's garbage holds under FILLED_BEFORE_STEP_MIN once that is counted off, and the
  // flat-after reading below still says whether anything was added after the step. A leak read in
  // phase with its sawtooth (a staircase) holds at most its share of the work before its step.
  const accounted =
    early > 0 &&
    early + floorStep.size >= a.delta - STEP_SLACK * floorStep.size &&
    (floorStep.before - a.baseline) / a.delta > before
  if (!(share >= FILLED_BEFORE_STEP_MIN) && !accounted) return null
  if (!(a.post <= floorStep.after + STEP_SLACK * floorStep.size)) return null
  // A floor step of its own (not read around the mean's) that stayed flat over most of the work after it.
  const after = 1 - before
  const addedAfter = Math.max(0, floorStep.afterRise) + Math.max(0, a.post - floorStep.after)
  const leakAfter = after * a.delta
  // Read with no slack, both: a leak adding after the step ends above the floor's median level there
  // (a reviewer's sweep: 100–175 B/request beside the alias fill passed within the quarter-step slack).
  const atOrUnder = a.post <= floorStep.after
  const flatAfter =
    !meanStep &&
    atOrUnder &&
    after >= FLAT_AFTER_WORK_SHARE &&
    addedAfter <= FLAT_AFTER_LEAK_SHARE * leakAfter
  const filledEarly = share >= FILLED_BEFORE_STEP_MIN && share >= FILLED_BEFORE_STEP_FACTOR * before
  if (!filledEarly && !flatAfter) return null
  if (meanStep && !atOrUnder) return null
  const heldText = `its GC floor already held ${formatDelta(early, a.unit)} of it (${formatPercent(share * 100)}; ${formatValue(floorStep.before, a.unit)} less ${formatValue(garbage, a.unit)} of garbage the forced collection freed)`
  const left = `the forced collection left ${formatValue(a.post, a.unit)}, ${atOrUnder ? 'no more than' : 'within a quarter of the step of'} that floor after ${meanStep ? 'the' : 'its'} step (${formatValue(floorStep.after, a.unit)})`
  if (meanStep)
    return `${heldText} before the mean's one step of ${formatDelta(meanStep.size, a.unit)} after ${formatPercent(before * 100)} of the run's work (the floor's windows either side of it: ${formatValue(floorStep.before, a.unit)} → ${formatValue(floorStep.after, a.unit)}), and ${left}`
  const stayed = filledEarly
    ? ''
    : `; over the ${formatPercent(after * 100)} of the work after it the floor moved ${formatDelta(floorStep.afterRise, a.unit)}, where a leak adding per request would have added ${formatDelta(leakAfter, a.unit)}`
  return `${heldText} before one step of ${formatDelta(floorStep.size, a.unit)} after ${formatPercent(before * 100)} of the run's work, flat before and after, and ${left}${stayed}`
}

/**
 * A live heap's GC floor that stepped once, flat before and after, whose floor already held more
 * of what the forced collection kept before the step than the work done by then (a fill comes
 * early; a leak adds per request, and a floor read before the step holds at most its share of
 * the work), but short of {@link FILLED_BEFORE_STEP_FACTOR} and not flat enough after it to
 * call bounded, and the forced collection left no more than the floor after the step. A cache
 * that filled, read sparsely, ends here (Node caches filling over 38–40 % of 2 min 50 s – 3 min
 * 10 s, read every 1.9–2.5 s: held 0.44 and 0.50 of it by 0.33 and 0.32 of the work, their
 * floors +4.1 and +2.2 MiB after the step) and so does a slow leak beside one (100–150 B per
 * request added to a recorded fill): a warning that says so, not a failure. Returns the clause.
 */
function filledOrLeakBeside(
  a: { baseline: number; post: number; delta: number; unit: ValueUnit },
  floorStep: LevelStep | undefined,
  detail: SeriesDetail
): string | null {
  if (!floorStep || !(floorStep.size > 0) || !(a.delta > 0)) return null
  const held = heldBeforeStep(a, floorStep, detail)
  if (!held) return null
  const { before, early, share } = held
  if (!(share >= FILLED_BEFORE_STEP_MIN) || !(share > before)) return null
  if (!(a.post <= floorStep.after)) return null
  return `its GC floor already held ${formatDelta(early, a.unit)} of it (${formatPercent(share * 100)}) by ${formatPercent(before * 100)} of the run's work, before one step of ${formatDelta(floorStep.size, a.unit)}, and the forced collection left ${formatValue(a.post, a.unit)}, no more than that floor after the step (${formatValue(floorStep.after, a.unit)}): a cache that filled early, read sparsely; but its floor moved ${formatDelta(floorStep.afterRise, a.unit)} after the step, and a slow leak beside a cache looks the same here: a longer run, or readings between more collections, would tell`
}

/** Share of the steady window whose lowest reading is where the floor stood when it started. */
const START_SHARE = 0.125

/** Fewest readings on each side of a mean's step for the floor's levels around it. */
const FLOOR_AROUND_STEP_READINGS = 9
/** Floor windows on each side of the step (each spans a few GC cycles). */
const FLOOR_AROUND_STEP_WINDOWS = 3

/**
 * The GC floor's levels either side of a step the mean took, when the floor itself showed none
 * (its windows' minima smear a step of a few MiB under a 20 MiB sawtooth): the median of
 * {@link FLOOR_AROUND_STEP_WINDOWS} window minima before the step and after it, within the steady
 * window. What {@link filledThenStepped} weighs, read where the mean says the step came.
 */
export function floorAroundStep(detail: SeriesDetail, step: LevelStep): LevelStep | undefined {
  const fit = detail.values
  if (!fit) return undefined
  const side = (from: number, to: number): number | null => {
    const x: number[] = []
    const min: number[] = []
    for (let i = 0; i < detail.x.length; i++)
      if (detail.x[i] >= from && detail.x[i] < to && Number.isFinite(detail.series.min[i])) {
        x.push(detail.x[i])
        min.push(detail.series.min[i])
      }
    if (min.length < FLOOR_AROUND_STEP_READINGS) return null
    return median(gcFloor(x, min, FLOOR_AROUND_STEP_WINDOWS).floor)
  }
  const before = side(fit.x0, step.x)
  const after = side(step.x, fit.x1 + 1)
  if (before === null || after === null || !(after > before)) return undefined
  return { ...step, before, after, size: after - before }
}

/** Detects retained memory between the baseline and post-test snapshots. */
export function detectRetainedAfterLoad(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  // Live heaps whose retained memory their own series showed arriving bounded, and allocator-held
  // memory (RSS, container usage) whose own series is flat but that only warned: read together below.
  const boundedHeaps: BoundedHeap[] = []
  const flatAllocators: FlatAllocator[] = []
  for (const detail of judgesRest(context) ? context.snapshots : []) {
    const a = detail.analysis
    // Memory, and counts of things kept (registries, live objects): constant expected unless a
    // budget per unit of work says how much they may grow. Cumulative counters are not judged here.
    if (a.metricKind !== 'memory' && a.metricKind !== 'count' && a.metricKind !== 'live') continue
    if (a.metricKind !== 'memory' && context.config.snapshots?.work === a.metric) continue // the work itself
    const ref = { file: detail.source, metric: a.metric }
    const check = lookupCheck(context.config.checks, 'retained-after-load', ref)
    if (check?.setting === 'off') continue
    // Baseline and post-test of two processes (a restart between them): said wherever it is judged.
    const across = acrossProcesses(context, detail)
    const acrossClause = across
      ? `; ${across}: the second process after the load compared with the first before it, not what one process kept`
      : ''
    // (said on what grew: a metric that fell or stayed needs no second process to explain it)
    const healthy = (text: string): void => {
      const clause = a.delta > 0 ? acrossClause : ''
      result.healthy.push({ key: detail.key, metric: a.metric, text: `${text}${clause}` })
    }
    const change = `${formatValue(a.baseline, a.unit)} → ${formatValue(a.post, a.unit)}`
    if (a.delta <= 0) {
      healthy(
        a.changePercent !== null && a.delta < 0
          ? `fell ${formatPercent(-a.changePercent)} (${change})`
          : `unchanged (${change})`
      )
      continue
    }
    // Tolerance: a configured % or size, else both 25 % and 4 MiB.
    let toleranceText: string
    const configured = check?.setting as Quantity | undefined
    // Two levels: retained beyond warn is a finding, beyond fail (the quantity itself) a failure.
    const setting = configured?.warn ?? configured
    const beyond = (quantity: NonNullable<typeof configured>): boolean =>
      quantity.unit === 'percent'
        ? a.changePercent === null || a.changePercent > quantity.amount
        : a.delta > quantity.amount
    const onlyWarns = configured?.warn !== undefined && !beyond(configured)
    // Whether `kept` above `from` is over the tolerance (the snapshot's delta, or what stayed above
    // the in-run floor when a forced collection freed the rest).
    const over = (kept: number, from: number): boolean => {
      const percent = from !== 0 ? (kept / from) * 100 : null
      if (setting && setting.unit === 'percent') return percent === null || percent > setting.amount
      if (setting) return kept > setting.amount
      if (a.metricKind !== 'memory') return kept > DEFAULTS.retainedCount
      return (
        kept > DEFAULTS.retainedBytes && (percent === null || percent > DEFAULTS.retainedPercent)
      )
    }
    const exceeds = over(a.delta, a.baseline)
    if (setting) toleranceText = setting.text
    else if (a.metricKind !== 'memory')
      // A registry or a live count should come back to its baseline: more than the count
      // tolerance (10 items) above it is what the load left behind.
      toleranceText = `${DEFAULTS.retainedCount} items`
    else toleranceText = `${DEFAULTS.retainedPercent}% and 4 MiB`
    const delta = `${formatDelta(a.delta, a.unit)}${a.changePercent !== null ? ` (+${formatPercent(a.changePercent)})` : ''}`
    if (!exceeds) {
      healthy(`${delta} after load (${change}), under the ${toleranceText} tolerance`)
      continue
    }
    const budget = lookupCheck(context.config.checks, 'per-work-cost', ref)
    if (
      budget &&
      budget.setting !== 'off' &&
      a.perWork !== null &&
      a.perWork <= budget.setting.amount
    )
      continue // explained by work (per-work-cost says so)
    let level: 'fail' | 'warn' = 'fail'
    let why = 'retained after the load stopped'
    let flatOwn = false
    let plateau: string | null = null
    if (RESERVED_MEMORY_NAME.test(a.metric)) {
      level = 'warn'
      why =
        'held by the allocator (RSS/heap reservations are often kept after load); check the live heap'
    }
    // the series of the snapshots' own process (their folder, their appended run): never another run's
    const named = snapshotProcessSeries(context.series, detail).series.find(
      (s) => s.series.kind === 'memory' && s.values
    )
    // A live heap (in the snapshot's unit) whose series showed what it kept arriving bounded: what
    // RSS or container usage kept beside it may be its pages (followsBoundedHeap).
    const boundedHeap = (heap: SeriesDetail, how: string): void => {
      if (isLiveHeap(heap) && a.unit === heap.series.unit)
        boundedHeaps.push({ detail, delta: a.delta, how })
    }
    // A heap sampled between collections shows how memory arrived through its heap right after
    // each collection, when the process measures it (a JVM's used heap beside its heap after GC).
    // A Go heap sampled between cycles whose collector's goal climbs (the heap each cycle marked
    // live climbs) cannot show how the memory arrived: its teeth hide a leak's rise.
    const goal = named ? growingGoalOf(context, named) : null
    if (goal)
      why = `retained after the load stopped: ${goal.series.metric} (the collector's goal, a fixed multiple of the heap each cycle marked live) grows in ${goal.series.file}`
    // Its goal levelled off (or stepped once): the heap each cycle marked live arrived bounded.
    // A goal pinned by a memory limit has no shape to show (a 63 KiB "step" beside 16.5 MiB kept).
    const goalPinned =
      named && a.unit === named.series.unit ? pinnedGoalOf(context, named, a.delta) : null
    const goalShape = !goal && named && !goalPinned ? boundedGoalOf(context, named) : null
    if (goalShape) {
      boundedHeap(
        named!,
        `arrived bounded (${goalShape.goal.series.metric}, the collector's goal, ${goalShape.how})`
      )
      healthy(
        `${delta} after load (${change}), arrived bounded: ${goalShape.goal.series.metric} (the collector's goal, a fixed multiple of the heap each cycle marked live) ${goalShape.how} in ${goalShape.goal.series.file}: a table loaded once or a cache that filled, not growing`
      )
      continue
    }
    const bounded = goal ? undefined : ((named && afterCollectionOf(context, named)) ?? named)
    if (bounded) {
      const tolerance = growthTolerance(
        context.config.checks,
        'sustained-growth',
        bounded.series,
        'memory',
        bounded.series.unit
      )
      // Across a restart the whole window mixes two processes (the fall cancels the rise, the new
      // process's warm-up reads as a fill): the segments between restarts say whether it grows.
      const segments = hasRestart(bounded) ? judgeSegments(bounded, tolerance) : null
      if (segments) {
        if (!segments.growing) {
          level = 'warn'
          why = `but ${bounded.series.file} shows ${a.metric} not growing within its ${bounded.segmented!.segments.length} segments (${segments.why}), ${describeResets(bounded)}: bounded (a cache or pool that filled), not growing`
        }
      } else {
        const judged = judgeWindows(
          bounded.values,
          bounded.lastHalf,
          tolerance,
          bounded.xAxis === 'time'
        )
        const floorJudged = judgeWindows(
          bounded.floor,
          bounded.lastHalfFloor,
          tolerance,
          bounded.xAxis === 'time'
        )
        // The series shows how the memory arrived: one step, or a fill that levelled off (slowed to
        // a fraction of its pace, or stopped for its last fifth), flat at the end; or a fill whose
        // last half kept most of the window's pace but slowed from its first half's to a pace that
        // adds less than any leak must over the window (no flat end: said as it is).
        // Memory the allocator holds (no sawtooth to hide a leak's end) also shows a fill by its
        // end: a significant rise whose last third stopped short of its pace (see judgeGrowth).
        const flattened = (j: NonNullable<typeof judged>): boolean =>
          isAllocatorHeld(bounded) &&
          j.significant &&
          j.large &&
          j.fit.levelledTail === undefined &&
          endFlattened(j.fit)
        const shapes = [judged, floorJudged].filter(
          (j): j is NonNullable<typeof j> =>
            j !== null &&
            !j.growing &&
            (j.step !== undefined ||
              j.slowedTo !== undefined ||
              j.fit.levelledTail !== undefined ||
              flattened(j))
        )
        // A live heap's mean is noisy under its sawtooth; RSS and container usage of the same process
        // follow its pages without the teeth: a step there of about the retained size, flat before and
        // after, is how the memory arrived (a table loaded once), when the heap's floor does not grow.
        // A step explains what a forced collection kept only if little stays beyond it (or RSS or
        // container usage of the same process stepped by about what was kept, below): a leak
        // sampled in phase with its sawtooth reads as a staircase (a 60 s listener leak sampled every
        // 2 s: flat, +13 MiB, flat) while the post-test kept +20.9 MiB; a real table kept its size
        // and 0.4–2.5 MiB more (ten recorded 10–18 MiB tables).
        // Only a live heap's staircase is refuted so: RSS steps by allocator arenas, whatever fills.
        const shortOf = (j: (typeof shapes)[number] | undefined): number | null =>
          j?.step !== undefined && a.unit === bounded.series.unit && isLiveHeap(bounded)
            ? keptBeyondStep(a.delta, j.step.size, bounded, tolerance)
            : null
        // A live heap's mean steps by what it holds and by the height of its sawtooth either side
        // (more garbage before a step than after it shrinks the mean's step); its floor steps by
        // what survives collection, the forced collection's own measure. When both stepped, the
        // step that accounts for what the forced collection kept says how it arrived (a 16 MiB
        // table at 62 % of a 150 s run: mean step 10.5 MiB, floor step 15.6 MiB, kept 16.4 MiB).
        const shape =
          shapes.find(
            (j) => !slowedUnderAllowance(j) && (j.step === undefined || shortOf(j) === null)
          ) ??
          shapes.find((j) => j.step === undefined || shortOf(j) === null) ??
          shapes[0]
        const stepShort = shortOf(shape)
        // A levelling off its reserved heap refutes (it keeps sizing itself to a growing heap).
        const sized = !shape?.step && isLiveHeap(bounded) ? sizedHeapClause(context, bounded) : null
        // A heap whose every sample and forced collection say it kept its climb is not flat.
        const held = isLiveHeap(bounded) ? heldLiveHeapRise(context, bounded) : null
        // A levelling off in time that the last major collection and the forced one refute per
        // unit of work (the load paused, the heap waited with it, then grew again).
        const keptAdding =
          shape && !shape.step && !held ? keptAddingAfterCollection(context, bounded) : null
        // The mean climbs, its floor does not, and no RSS or container usage of the same process
        // grows: where the forced collection left the heap beside the window's last readings says
        // whether that climb was kept (a 300 B/request leak's RSS floor rose beside it).
        const lateEnd =
          judged?.growing && !floorJudged?.growing && !allocatorGrows(context, bounded)
            ? lowestAtTheEnd(context, bounded)
            : null
        const ownShape =
          !held &&
          judged !== null &&
          !judged.growing &&
          !floorJudged?.growing &&
          !stepShort &&
          !sized &&
          !keptAdding &&
          shape
        // A goal pinned by a memory limit: RSS stays near the limit and the sampled heap swings
        // up to it, so neither an allocator's step nor a flat-looking heap says how memory arrived.
        const pinned =
          !ownShape && !held && a.unit === bounded.series.unit
            ? pinnedGoalOf(context, bounded, a.delta)
            : null
        const pinnedTrace = pinned ? liveAfterCyclesOf(context, bounded) : null
        // One step short of what was kept, but the floor held the rest before it (a cache that
        // filled over the warm-up and a little beyond, the mean reading its last fill as a step).
        // Not under a goal pinned by a memory limit: its readings between cycles are not the live heap.
        const filled =
          stepShort && shape?.step && !held && !sized && !pinned && a.unit === bounded.series.unit
            ? floorJudged?.step
              ? filledThenStepped(a, floorJudged.step, bounded)
              : filledThenStepped(a, floorAroundStep(bounded, shape.step), bounded, shape.step)
            : null
        // A step in RSS or container usage of the same process within a factor of what was kept.
        // It explains what was kept only when no more than any leak must add stays beyond it: a
        // table's pages step by about its size (0.82–1.0 of what ten recorded tables kept), while a
        // leak of 50–400 B per request beside a recorded table or fill left 3.6–20 MiB beyond it
        // (V8 shrinking its heap after a fill takes the leak's pages back out of RSS's step).
        const stepsElsewhere =
          !pinned && !ownShape && !held && !floorJudged?.growing && a.unit === bounded.series.unit
            ? sameProcessAllocatorSeries(context, bounded)
                .map((other) => {
                  const j = judgeMemoryWindow(context, other)
                  // a "step" read across a fall the runtime made and the heap's regrowth to where
                  // it was is that dip, no table
                  const regrew =
                    other.segmented !== null &&
                    regrewToWorkingSize(
                      other,
                      growthTolerance(
                        context.config.checks,
                        'sustained-growth',
                        other.series,
                        'memory',
                        other.series.unit
                      )
                    ) !== null
                  const step =
                    j && !j.growing && !regrew ? witnessStep(context, other, j) : undefined
                  return { other, step }
                })
                .filter(
                  ({ step }) =>
                    step !== undefined &&
                    step.size >= a.delta / STEP_SIZE_FACTOR &&
                    step.size <= a.delta * STEP_SIZE_FACTOR
                )
            : []
        const stepElsewhere = stepsElsewhere.find(
          ({ step }) => keptBeyondStep(a.delta, step!.size, bounded, tolerance) === null
        )
        const shortElsewhere = stepElsewhere ? undefined : stepsElsewhere[0]
        // The heap's own creep around the step was garbage (the forced collection went below its
        // floor just after the step) while RSS or container usage stepped once: a table loaded once.
        const steppedOnce =
          !pinned && !stepElsewhere && !ownShape && a.unit === bounded.series.unit
            ? stepWitnessedByAllocator(context, bounded)
            : null
        if (steppedOnce) {
          boundedHeap(bounded, 'arrived in one step')
          healthy(
            `${delta} after load (${change}), arrived in one step: ${steppedOnce.replace(/^its rise is one step: /, '')}`
          )
          continue
        }
        if (stepElsewhere) {
          boundedHeap(bounded, 'arrived in one step')
          healthy(
            `${delta} after load (${change}), arrived in one step: ${stepElsewhere.other.series.metric} of the same process (${stepElsewhere.other.series.file}) stepped ${formatDelta(stepElsewhere.step!.size, a.unit)} once and is flat before and after, and ${a.metric}'s GC floor does not grow: bounded (a table loaded once), not growing`
          )
          continue
        }
        if (ownShape) {
          boundedHeap(
            bounded,
            shape.step ? 'arrived in one step' : 'arrived while filling, then levelled off'
          )
          const allowance = slowedUnderAllowance(shape)
            ? absoluteAllowance(shape.fit, tolerance, bounded.xAxis === 'time')
            : null
          const arrived = shape.step
            ? `in one step of ${formatDelta(shape.step.size, a.unit)} and flat at the end of the run`
            : allowance !== null
              ? `while filling, then slowed: at its last half's pace the steady window adds ${formatDelta((shape.fit.growth * shape.slowedTo!) / shape.fit.slope, a.unit)}, under the ${formatValue(allowance, a.unit)} any leak must add`
              : shape.fit.levelledTail === undefined && shape.slowedTo === undefined
                ? `while filling, then flattened: its last third rose ${formatDelta(shape.fit.endRise, a.unit)} where its pace gives ${formatDelta(shape.fit.endExpected, a.unit)}`
                : 'while filling, then levelled off and flat at the end of the run'
          healthy(
            `${delta} after load (${change}), arrived ${arrived} (${bounded.series.file}${bounded !== named ? `, ${bounded.series.metric}` : ''}): bounded (a table loaded once, a cache that filled), not growing`
          )
          continue
        }
        if (filled) {
          boundedHeap(bounded, 'arrived while filling, then in one step')
          healthy(
            `${delta} after load (${change}), arrived while filling and in one step (${bounded.series.file}): ${filled}: bounded (a cache that filled), not growing`
          )
          continue
        }
        // Filled early but not provably bounded (read sparsely): a cache, or a slow leak beside one.
        const unclearFill =
          !filled && stepShort && shape?.step && floorJudged?.step && !held && !sized && !pinned
            ? filledOrLeakBeside(a, floorJudged.step, bounded)
            : null
        if (sized) {
          why = `retained after the load stopped: ${bounded.series.file}: ${sized}`
        } else if (unclearFill) {
          level = 'warn'
          why = `retained after the load stopped, but ${bounded.series.file} says it arrived early: ${unclearFill}`
        } else if (stepShort && shape?.step) {
          const stepText = `${bounded.series.file} shows one step of ${formatDelta(shape.step.size, a.unit)} ${describeStepTime(bounded, shape.step)}, but the forced collection kept ${formatDelta(stepShort, a.unit)} more than that step`
          // Only when the heap's own floor does not refute it: the forced collection left no more
          // than that floor held after the step (what was kept was there by then).
          const around = floorJudged?.step ?? floorAroundStep(bounded, shape.step)
          const stopped =
            around && a.post <= around.after
              ? pagesStoppedEarly(context, bounded, stepShort, a.delta)
              : null
          if (stopped) {
            level = 'warn'
            why = `retained after the load stopped: ${stepText}, yet ${stopped}: a cache that filled early, read sparsely as a step, or a slow leak beside one; a longer run tells them apart`
          } else
            why = `retained after the load stopped: ${stepText}: a table loaded once keeps its size, a leak keeps adding`
        } else if (held) {
          why = `retained after the load stopped: ${held}`
        } else if (pinned && pinnedTrace) {
          if (pinnedTrace.growing)
            why = `retained after the load stopped: ${pinned.goal.series.metric} (the collector's goal) was set by a memory limit and did not follow the live heap, but ${pinnedTrace.after.series.metric} (the heap each cycle left live, ${pinnedTrace.after.series.file}) grows`
          else {
            healthy(
              `${delta} after load (${change}), arrived bounded: ${pinnedTrace.after.series.metric} (the heap each cycle left live, ${pinnedTrace.after.series.file}) does not grow in its steady part, while ${pinned.goal.series.metric} (the collector's goal) stayed at a memory limit: a table loaded once or a cache that filled, not growing`
            )
            continue
          }
        } else if (pinned) {
          // A leak, a table and a cache look alike here (recorded under 96 MiB: all three kept
          // 7–17 MiB with a flat goal and RSS at the limit): the run cannot tell, so it warns.
          level = 'warn'
          why = `retained after the load stopped, and this run cannot show how it arrived: ${pinned.goal.series.metric} (the collector's goal) moved ${formatDelta(pinned.change, a.unit)} while the forced collections kept ${formatDelta(a.delta, a.unit)}, so the goal was set by a memory limit (GOMEMLIMIT, GOGC=off), not by the live heap; the heap sampled between cycles swings from the live heap up to the limit and RSS stays near it, so a leak, a table loaded once and a cache that filled look alike. Record the heap each cycle leaves live (GODEBUG=gctrace=1) to tell them apart`
        } else if (keptAdding) {
          why = `retained after the load stopped: ${bounded.series.file} seemed to level off, but ${keptAdding}`
        } else if (lateEnd && lateEnd.post < lateEnd.lowest) {
          // The mean climbs, its floor does not, and the forced collection went below
          // every reading of the window's last fifth: the climb was garbage the run's own
          // collections had not reached (a full LRU's evictions promoted to the old generation),
          // and what stayed arrived before it. A leak keeps what it adds to the end; here nothing
          // shows how the retained memory arrived (recorded: a 24 MiB LRU filled over 40 % of a
          // 3 min run, 8.5 MiB under its last fifth; a 120 B/request leak under a tall sawtooth,
          // 4.9 MiB under it but failing on its own trend), so the run warns rather than fails.
          level = 'warn'
          why = `retained after the load stopped, but ${bounded.series.file} cannot show how it arrived: its mean climbs but its GC floor does not rise significantly, and the forced collection left ${formatValue(lateEnd.post, a.unit)}, ${formatValue(lateEnd.lowest - lateEnd.post, a.unit)} under its lowest reading of the last fifth of the window (${formatValue(lateEnd.lowest, a.unit)}): that climb was garbage the run's collections had not reached, and a cache that filled earlier keeps its size as a leak would`
        } else if (judged && !judged.growing && !floorJudged?.growing) {
          // Where the retained memory arrived: already there when the steady window starts (the
          // floor, i.e. after collections, vs the baseline) means a cache or pool filled during
          // warm-up and stayed: healthy. Arriving inside a flat-looking steady part stays a warning.
          const fit = bounded.floor ?? bounded.values!
          // Read where the floor stood, not only where its line starts: a fit through a fill that
          // levelled off inside the window has a slope near 0, so its line starts near the level
          // the fill reached (a floor at 58.9 MiB "at the start" that was at 45 MiB there).
          const atSteadyStart = Math.min(
            fit.intercept + fit.slope * fit.x0,
            lowestReading(bounded, fit.x0, fit.x0 + START_SHARE * (fit.x1 - fit.x0), 'min').low
          )
          // The floor the window started on may hold old-generation garbage a major collection in
          // the window freed (V8's memory reducer): what the heap added after the last one says.
          const addedSince = isLiveHeap(bounded)
            ? keptAddingAfterCollection(context, bounded)
            : null
          const fillShown = addedSince ? null : filledElsewhere(context, bounded, a.delta)
          if (addedSince) {
            why = `retained after the load stopped: ${bounded.series.file} reads flat, but ${addedSince}`
          } else if (fillShown) {
            boundedHeap(bounded, 'arrived while filling, then flattened')
            healthy(
              `${delta} after load (${change}), arrived while filling: ${fillShown}, and ${a.metric}'s GC floor does not grow: bounded (a cache that filled), not growing`
            )
            continue
          } else if (atSteadyStart - a.baseline >= ARRIVED_EARLY_FRACTION * a.delta) {
            boundedHeap(bounded, 'already reached when the steady window started')
            healthy(
              `${delta} after load (${change}), already reached when the steady window starts (${bounded.floor ? 'GC floor' : 'level'} ${formatValue(atSteadyStart, a.unit)}) and flat after it (${bounded.series.file}): bounded, like a cache that filled during warm-up`
            )
            continue
          } else {
            // Said as the doubt it is: a cache filling there and a slow leak beside it (150-400 B
            // per request added to recorded cache fills) both end here, the series' tests blind.
            // Beyond RSS's step by more than the tolerance itself: whatever the step was, what
            // arrived beside it would fail on its own (a leak of 300 B per request beside a fill
            // left +16.7 MiB beyond it; a cache filling beside a young generation, +6.3 MiB).
            const beyondElsewhere = shortElsewhere ? a.delta - shortElsewhere.step!.size : 0
            const overAlone = shortElsewhere !== undefined && over(beyondElsewhere, a.baseline)
            if (!overAlone) level = 'warn'
            const unsure = `retained after the load stopped, and ${bounded.series.file} cannot show whether it stopped growing`
            if (shortElsewhere) {
              const stepped = `${shortElsewhere.other.series.metric} of the same process (${shortElsewhere.other.series.file}) stepped ${formatDelta(shortElsewhere.step!.size, a.unit)} once, but the forced collection kept ${formatDelta(beyondElsewhere, a.unit)} more than that step`
              const ownSeries = `${a.metric}'s own series shows no step or levelling off`
              why = overAlone
                ? `retained after the load stopped: ${stepped}, over the tolerance by itself, and ${ownSeries}: a table loaded once keeps its size, a leak keeps adding`
                : `${unsure}: ${stepped}, and ${ownSeries}: a cache still filling beside a table and a slow leak beside one look alike; a longer run tells them apart`
            } else if (judged?.significant && judged.fit.slope > 0 && endFlattened(judged.fit)) {
              // Its series line says the mean rose and flattened: the finding says why that end
              // does not settle it here (a live heap's last third under its sawtooth, not a test).
              why = `${unsure}: ${a.metric}'s mean rose and flattened by its last third (${formatDelta(judged.fit.endRise, a.unit)} where its pace gives ${formatDelta(judged.fit.endExpected, a.unit)}), but under its GC sawtooth that end is no test: a cache that filled and a slow leak beside it look alike; a longer run tells them apart`
            } else if (judged && judged.fit.slope > 0 && !judged.significant) {
              // "flat" would contradict its line, which gives the rise and its p-value
              why = `${unsure}: ${a.metric}'s steady part rises without a significant trend (${formatPValue(judged.fit.pValue)}), and shows no step or levelling off to read, where a cache that filled and a slow leak beside it look alike; a longer run tells them apart`
            } else {
              why = `${unsure}: ${a.metric} is flat in its steady part (no trend, step or levelling off to read), where a cache that filled and a slow leak beside it look alike; a longer run tells them apart`
            }
            flatOwn = RESERVED_MEMORY_NAME.test(a.metric) && !isLiveHeap(bounded)
            // said when no bounded live heap of the same snapshots explains it (followsBoundedHeap)
            if (flatOwn) plateau = plateauAtTheEnd(bounded, a.delta, a.post, a.unit)
          }
        }
      }
    }
    // The series cannot say whether the retained memory stopped growing when its in-run rise was
    // mostly garbage no major collection reached (a forced one freed it): a warning, not a failure.
    // What stayed above the floor the steady window started on is judged too: over twice the
    // tolerance by itself, the forced collection freed garbage and left a leak. Within that it
    // stays a warning: a cache that filled inside a short window keeps about the tolerance (a real
    // run kept 25.0 % of its starting floor) and its floor, climbing with garbage, cannot tell.
    // A heap read right after each pause (a JVM's) holds no young garbage: what the forced
    // collection freed of its climb was promoted and died there, a cache's evictions; a leak keeps
    // what it adds (its climb freed 0-16 %), so whatever the size kept, the run cannot tell.
    const freedGarbage = bounded && level === 'fail' ? uncollectedRise(context, bounded) : null
    const keptAbove = freedGarbage ? freedGarbage.post - freedGarbage.startFloor : 0
    const garbage =
      freedGarbage &&
      (isAfterCollection(bounded!) ||
        !over(keptAbove / GARBAGE_KEPT_MARGIN, freedGarbage.startFloor))
        ? freedGarbage
        : null
    if (freedGarbage && !garbage)
      why = `retained after the load stopped: the forced collection freed ${formatValue(freedGarbage.freed, a.unit)} of ${bounded!.series.file}'s climb, but ${formatDelta(keptAbove, a.unit)} stayed above the floor its steady part started on (${formatValue(freedGarbage.startFloor, a.unit)}), over ${GARBAGE_KEPT_MARGIN}× the tolerance by itself`
    if (garbage) {
      level = 'warn'
      why = garbage.levelled
        ? `retained after the load stopped; it looks bounded: ${garbage.text.replace(/; what stayed is retained-after-load's to judge$/, '')}`
        : `retained after the load stopped, but ${bounded!.series.file} cannot show whether it stopped growing: ${garbage.text.replace(/; what stayed is retained-after-load's to judge$/, '')}`
    }
    // Off-heap memory that arrived at new peaks of the load and stood flat between them: a pool
    // keeps what the busiest moment needed after the load stops.
    const peaks = bounded && level === 'fail' ? loadPeakGrowth(bounded) : null
    if (peaks) {
      level = 'warn'
      why = `retained after the load stopped, but ${bounded!.series.file} shows how it arrived: ${peaks.text}`
    }
    if (onlyWarns) {
      level = 'warn'
      why += `; under the fail level ${configured!.text}`
    }
    if (flatOwn && level === 'warn' && !onlyWarns && !across)
      flatAllocators.push({ detail, index: result.findings.length, change, delta, plateau })
    result.findings.push(
      makeFinding(
        detail.key,
        'retained-after-load',
        detail.source,
        a.metric,
        level,
        `${a.metric} ${delta} after load (${change}), over the ${toleranceText} tolerance: ${why}${acrossClause}`,
        {
          baseline: a.baseline,
          post: a.post,
          delta: a.delta,
          changePercent: round(a.changePercent),
          perWork: round(a.perWork),
          work: a.work ?? null,
          workName: a.workName ?? null,
          unit: a.unit,
          tolerance: toleranceText,
          ...(garbage?.levelled ? { bounded: true } : {}),
          ...(across ? { otherProcess: true } : {})
        }
      )
    )
  }
  return followsBoundedHeap(result, boundedHeaps, flatAllocators)
}

/** A live heap's retained memory that its own series showed arriving bounded. */
interface BoundedHeap {
  detail: SnapshotDetail
  delta: number
  how: string
}
/** An allocator-held snapshot delta whose own series is flat, left as a warning. */
interface FlatAllocator {
  detail: SnapshotDetail
  index: number
  change: string
  delta: string
  /** Its series filled early and stayed (see {@link plateauAtTheEnd}): the clause, or null. */
  plateau: string | null
}

/**
 * RSS and container usage follow the pages the live heap touched: what they kept after the load,
 * with their own series flat, is the live heap's when the same snapshots (same files) show the
 * live heap keeping at least half of it ({@link HEAP_OVERHEAD}: V8 reserves 1.5–2× what it holds)
 * and its own series showed that arriving bounded (a table loaded once, a cache that filled).
 * A healthy line instead of the warning. A native leak keeps RSS growing (its own series is not
 * flat) beside a heap that keeps nothing. Recorded: an LRU of 26,400 × 1.5 KiB filling over half of
 * a 4-minute run, heapUsed +41.3 MiB (arrived while filling, then levelled off), RSS +43.3 MiB
 * (+38 %, over the 25 % tolerance) with its series flat: it warned.
 */
function followsBoundedHeap(
  result: SignatureResult,
  heaps: BoundedHeap[],
  flats: FlatAllocator[]
): SignatureResult {
  const dropped = new Set<number>()
  for (const flat of flats) {
    const heap = heaps.find(
      (h) =>
        h.detail.source === flat.detail.source &&
        h.detail.baselineFile === flat.detail.baselineFile &&
        h.delta > 0 &&
        flat.detail.analysis.delta <= HEAP_OVERHEAD * h.delta
    )
    if (!heap) {
      // no live heap to explain it: its own series showing it arrived early and stayed does
      if (flat.plateau !== null) {
        dropped.add(flat.index)
        result.healthy.push({
          key: flat.detail.key,
          metric: flat.detail.analysis.metric,
          text: `${flat.delta} after load (${flat.change}), ${flat.plateau}: bounded (a cache or pool that filled), not growing`
        })
      }
      continue
    }
    dropped.add(flat.index)
    const a = heap.detail.analysis
    result.healthy.push({
      key: flat.detail.key,
      metric: flat.detail.analysis.metric,
      text: `${flat.delta} after load (${flat.change}), flat in its steady part and within ${HEAP_OVERHEAD}× what ${a.metric} kept (${formatDelta(a.delta, a.unit)}, which ${heap.how}): the pages of a bounded live heap (a table loaded once, a cache that filled), not growing`
    })
  }
  if (dropped.size === 0) return result
  return { ...result, findings: result.findings.filter((_, i) => !dropped.has(i)) }
}

/**
 * Whether the baseline and post-test snapshots come from two processes: the
 * files name different ones (a pid, a process start time), or a series of the
 * same metric restarted between them (between their times when the files
 * give them; anywhere in the run otherwise, as a "may"). The sentence, or null.
 */
export function acrossProcesses(context: AnalysisContext, detail: SnapshotDetail): string | null {
  const writer = detail.process
  if (writer)
    return writer.baseline === writer.post
      ? null
      : `baseline and post-test come from different processes (${writer.name} ${writer.baseline} in ${detail.baselineFile}, ${writer.post} in ${detail.source})`
  const { baselineTime, postTime } = detail
  for (const other of snapshotProcessSeries(context.series, detail).series) {
    const between = seriesRestarts(other).filter(
      (r) =>
        r.time === null ||
        ((baselineTime === undefined || r.time > baselineTime) &&
          (postTime === undefined || r.time <= postTime))
    )
    if (between.length === 0) continue
    const sure =
      baselineTime !== undefined && postTime !== undefined && between.every((r) => r.time !== null)
    const listed = between
      .slice(0, 2)
      .map((r) => r.text)
      .join('; ')
    return `baseline and post-test ${sure ? 'come' : 'may come'} from different processes: ${other.series.file} restarted${sure ? ' between them' : ''} (${listed}${between.length > 2 ? '; …' : ''})`
  }
  return null
}

/** Whether RSS or container usage of the heap's own process grows (its mean or its floor). */
function allocatorGrows(context: AnalysisContext, heap: SeriesDetail): boolean {
  return sameProcessAllocatorSeries(context, heap).some(
    (other) =>
      judgeMemoryWindow(context, other)?.growing === true ||
      judgeMemoryFloor(context, other)?.growing === true
  )
}

/**
 * Most of what a leak keeping the retained delta at one pace would add over the steady window's
 * last half that memory the allocator holds may add there and still be a plateau.
 */
const PLATEAU_SHARE = 0.25

/**
 * Memory the allocator holds (RSS, container usage) whose retained delta had all arrived before
 * the last half of its steady window: over that half it rose less than {@link PLATEAU_SHARE} of
 * what a leak keeping the delta at one pace (per unit of work when counted, else per time, from
 * the series' first reading) adds there, and the post-test snapshot is no higher than where it
 * stood at the end. A leak adds its share of the work in that half (about 40 % of what it kept);
 * a cache or pool that filled early adds nothing. Recorded: a Python worker's LRU of 3,379
 * entries filling over a third of a 140 s run, RSS +12.9 MiB after the load, +0.27 MiB over the
 * window's last half where a leak adds +5.1 MiB; its window's trend under the tolerance, so
 * no levelled tail was read. The clause, or null.
 */
function plateauAtTheEnd(
  detail: SeriesDetail,
  kept: number,
  post: number,
  unit: ValueUnit
): string | null {
  const fit = detail.values
  if (!fit || !isAllocatorHeld(detail) || detail.series.unit !== unit || !(kept > 0)) return null
  const { x0, x1 } = fit
  const late = lastHalfRise(detail, x0, x1)
  if (!late) return null
  const { lateRise } = late
  const leakAdds = late.share * kept
  const end: number[] = []
  for (let i = 0; i < detail.x.length; i++)
    if (detail.x[i] >= x1 - (x1 - x0) / 5 && detail.x[i] <= x1) end.push(detail.series.value[i])
  if (end.length < 3) return null
  const level = median(end)
  if (!(lateRise <= PLATEAU_SHARE * leakAdds) || !(post - level <= PLATEAU_SHARE * leakAdds))
    return null
  return `arrived before the last half of the steady window and stayed (${detail.series.file}): over that half it rose ${formatDelta(lateRise, unit)} where a leak keeping ${formatDelta(kept, unit)} at one pace adds about ${formatDelta(leakAdds, unit)}, and the post-test snapshot is no higher than the level it ended on (${formatValue(level, unit)})`
}

/**
 * How far a series rose over the last half of [x0, x1] (median of that half's last fifth less its
 * first fifth's), and the share of the run's work done in that half (per unit of work when
 * counted, else per time from the series' first reading): what a leak keeping an amount at one
 * pace over the run adds there is that share of it. Null without the readings.
 */
function lastHalfRise(
  detail: SeriesDetail,
  x0: number,
  x1: number
): { lateRise: number; share: number } | null {
  const half = (x0 + x1) / 2
  const lateRise = riseBetween(detail, half, x1)
  const first = detail.x[0]
  if (lateRise === null || !(x1 > first)) return null
  const work = detail.series.work
  const at = (x: number): number => {
    let found = Number.NaN
    for (let i = 0; i < detail.x.length && detail.x[i] <= x; i++)
      if (Number.isFinite(work[i])) found = work[i]
    return found
  }
  const [w0, wHalf, wEnd] = [work.find(Number.isFinite) ?? Number.NaN, at(half), at(x1)]
  const share =
    [w0, wHalf, wEnd].every(Number.isFinite) && wEnd > w0
      ? (wEnd - wHalf) / (wEnd - w0)
      : (x1 - half) / (x1 - first)
  return { lateRise, share }
}

/**
 * The pages under a live heap stopped before the last half of its steady window, beside a step
 * its series read short of what the forced collection kept: every RSS, container usage and
 * reserved heap of the same process (at least one, none spanning a restart) rose over that half
 * less than {@link PLATEAU_SHARE} of what a leak keeping the excess beyond the step at one pace
 * adds there, after rising from its first reading by at least half of what the heap kept (pages
 * that followed the fill: memory that never grew tells nothing), where such a leak adds at least
 * the allocator's quantum (4 MiB; less is no test). A cache filling over the first
 * half of a run sampled sparsely reads as a step of part of its fill; a leak beside a table keeps
 * adding heap pages at its pace to the end (the recorded heap leaks kept RSS at 1.0–1.2× of their
 * window's pace over its last half). A slow leak beside a cache still looks alike, so this tells
 * a warning from a failure, not a pass. The clause, or null.
 */
function pagesStoppedEarly(
  context: AnalysisContext,
  heap: SeriesDetail,
  excess: number,
  kept: number
): string | null {
  const fit = heap.values
  if (!fit || !isLiveHeap(heap) || !(excess > 0)) return null
  const pages = heapPagesOf(context, heap).filter(
    (d) => !d.insufficient && d.values && !spansProcesses(d)
  )
  if (pages.length === 0) return null
  const said: string[] = []
  let firstAdds = 0
  for (const d of pages) {
    const late = lastHalfRise(d, fit.x0, fit.x1)
    const before = riseBetween(d, d.x[0], fit.x1)
    if (!late || before === null || !(before >= kept / 2)) return null
    const leakAdds = late.share * excess
    // No power when such a leak adds less than the allocator's own quantum there (most of the
    // work done before that half, or a small excess): pages that stayed say nothing then.
    if (!(leakAdds >= DEFAULTS.growthBytesAllocator)) return null
    if (!(late.lateRise <= PLATEAU_SHARE * leakAdds)) return null
    if (said.length === 0) firstAdds = leakAdds
    said.push(`${d.series.metric} ${formatDelta(late.lateRise, d.series.unit)}`)
  }
  return `the pages under it stopped before the last half of the steady window (${said.join(', ')} over that half), where a leak keeping that ${formatDelta(excess, heap.series.unit)} at one pace adds about ${formatDelta(firstAdds, heap.series.unit)}`
}

/**
 * The memory that holds a live heap's pages: RSS and container usage of its process, and the heap
 * the runtime reserved for it (heapTotal, a JVM's committed heap; not its non-heap pools), in the
 * heap's unit.
 */
function heapPagesOf(context: AnalysisContext, heap: SeriesDetail): SeriesDetail[] {
  return [
    ...sameProcessAllocatorSeries(context, heap),
    ...reservedHeapsOf(context, heap).filter(
      (d) => !NON_HEAP_NAME.test(d.series.metric) && d.series.unit === heap.series.unit
    )
  ]
}

/**
 * RSS or container usage of a live heap's process whose window shows a fill that flattened (a
 * significant rise beyond its tolerance whose last third stopped short of its pace, its floor not
 * growing), by at least half of what the heap kept: the heap's pages stopped growing, so what the
 * heap kept arrived while filling. Under a sawtooth the heap's own mean cannot show it (a 24 MiB
 * LRU filling over 38 % of a 150 s run: p = 0.11, while RSS rose +25 MiB and its last third
 * +1.3 MiB where its pace gave +6.6 MiB). A leak beside the fill keeps its pages rising to the end
 * (100 B per request adds +1.7 MiB to that last third, and RSS reads as still growing). The heap
 * the runtime reserved (heapTotal) witnesses it too: it is sized to what the live heap holds, so it
 * stops when a fill stops, while RSS may step once and undercount a fill that began in the warm-up
 * (a 33k-entry LRU filling over 52 % of a 160 s run: RSS stepped +24 MiB in the window, heapTotal
 * rose +30.8 MiB and flattened, the forced collection kept +35.4 MiB). The clause saying so, or null.
 */
function filledElsewhere(
  context: AnalysisContext,
  heap: SeriesDetail,
  kept: number
): string | null {
  if (!isLiveHeap(heap)) return null
  for (const other of heapPagesOf(context, heap)) {
    if (other.insufficient) continue
    const j = judgeMemoryWindow(context, other)
    const floor = judgeMemoryFloor(context, other)
    if (!j || j.growing || floor?.growing || j.step || !(j.significant && j.large)) continue
    const fit = j.fit
    if (
      fit.levelledTail ||
      j.slowedTo !== undefined ||
      !endFlattened(fit) ||
      !(fit.growth >= kept / STEP_SIZE_FACTOR)
    )
      continue
    const what = HEAP_RESERVED_NAME.test(other.series.metric)
      ? ' (the heap the runtime reserved, sized to what the live heap holds)'
      : ''
    return `${other.series.metric}${what} of the same process (${other.series.file}) rose ${formatDelta(fit.growth, other.series.unit)} early in its steady window, then flattened (last third ${formatDelta(fit.endRise, other.series.unit)}, ${formatDelta(fit.endExpected, other.series.unit)} at its pace)`
  }
  return null
}

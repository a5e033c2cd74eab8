/**
 * The live heap as a witness for memory the allocator holds. RSS, container
 * usage and heapTotal count pages the allocator keeps after the program
 * freed them (fragmentation, high-water marks, heap reservations): they can
 * creep up for minutes while the program holds nothing more. When the live
 * heap of the same process (heapUsed, Go's heap in use, a JVM's used heap)
 * is measured and flat, such growth is reported as a warning, not a leak.
 */
import {
  exceedsTolerance,
  judgeGrowth,
  judgeWindows,
  KEEPS_PACE_FRACTION,
  PACE_FRACTION,
  risesSignificantly,
  SUGGESTIVE_ALPHA,
  type GrowthJudgement
} from './growth.js'
import type { AnalysisContext } from './context.js'
import type { Series } from '../model.js'
import {
  MAJOR_FALL_FRACTION,
  type LevelStep,
  type SeriesDetail,
  type TrendFit
} from './series-analysis.js'
import {
  AFTER_COLLECTION_NAME,
  COLLECTOR_GOAL_NAME,
  RESERVED_MEMORY_NAME
} from '../understand/names.js'
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatPercent,
  formatPValue,
  formatValue
} from './format.js'
import { describeSlope, describeSlopeShort } from './describe.js'
import type { MajorCollections } from '../stats/major-collections.js'
import { median } from '../stats/median.js'
import { theilSen } from '../stats/theil-sen.js'
import { DEFAULTS, growthTolerance, type GrowthTolerance } from './thresholds.js'
import { hasRestart, judgeSegments } from './segment-growth.js'
import { growthBesideStep, type GrowthAcrossStep } from './across-step.js'
import { paceAndEndPace, readingsBetween } from './readings.js'
import { provablyOtherProcess, sameProcessSeries, snapshotProcessSeries } from './same-process.js'
import type { SnapshotDetail } from './snapshot-analysis.js'
import { loadPeakGrowth } from './load-peaks.js'
import { olderCollectionsCounters, readingsAfterCollections } from './collections-in-view.js'
import { isGoProcess } from './go-runtime.js'

/** Most growth (in % of the level, over the window tested) object counters can excuse as allocator creep. */
const MAX_CREEP_PERCENT = 25

/** The sustained-growth tolerance of a memory series, as the config sets it for that series. */
/**
 * Whether `growth` over a fit's span is beyond the series' memory tolerance (its level from the
 * fit): what one part of a rise (outside the heap, beside a step, after the heap levelled) adds.
 */
function overMemoryTolerance(
  context: AnalysisContext,
  detail: SeriesDetail,
  fit: TrendFit,
  growth: number
): boolean {
  return exceedsTolerance(
    { ...fit, growth, slope: growth / (fit.x1 - fit.x0) },
    memoryTolerance(context, detail),
    detail.xAxis === 'time'
  )
}

function memoryTolerance(context: AnalysisContext, detail: SeriesDetail): GrowthTolerance {
  return growthTolerance(
    context.config.checks,
    'sustained-growth',
    detail.series,
    'memory',
    detail.series.unit
  )
}

/**
 * Live-heap metrics: what the program holds after collection, not what the allocator reserved.
 * Python's tracemalloc current size (`traced`, `tracemalloc_current`; never its peak) counts the
 * Python objects alive, without pymalloc's free arenas or what C code mallocs. .NET's
 * `GC Heap Size` (dotnet-counters' `gc-heap-size`) is the managed heap in use, garbage and all,
 * like V8's heapUsed; its per-generation sizes after the last collection are not the whole heap.
 */
const LIVE_HEAP_NAME =
  /(^|[._:])(heapUsed|heap_used|heap_inuse|heap_size_used|used_heap_size|heap_alloc|alloc_bytes|jvm_memory_used|usedJSHeapSize|JSHeapUsedSize|trace(?:d|malloc)(?![_.]?(?:memory_)?peak)|gc[ _-]heap[ _-]size\b)/i

/** True for memory the allocator holds (RSS, container usage, heapTotal...). */
export function isAllocatorHeld(detail: SeriesDetail): boolean {
  return detail.series.kind === 'memory' && RESERVED_MEMORY_NAME.test(detail.series.metric)
}

/** True for a live-heap series (heapUsed and the like). */
export function isLiveHeap(detail: SeriesDetail): boolean {
  return (
    detail.series.kind === 'memory' &&
    LIVE_HEAP_NAME.test(detail.series.metric) &&
    !RESERVED_MEMORY_NAME.test(detail.series.metric)
  )
}

/**
 * Whether the heap's own findings see it grow: sustained-growth (mean or
 * floor, at its tolerance) or rising-floor (floor, at rising-floor's own
 * tolerance, which the user may set apart). A heap that fails rising-floor
 * in the same report is not "flat", whatever its mean does.
 */
function grows(context: AnalysisContext, detail: SeriesDetail): boolean {
  const { series } = detail
  const timeAxis = detail.xAxis === 'time'
  const tolerance = (signature: 'sustained-growth' | 'rising-floor') =>
    growthTolerance(context.config.checks, signature, series, series.kind, series.unit)
  const growth = tolerance('sustained-growth')
  const floorGrowth = tolerance('rising-floor')
  // Across a restart the fall cancels the rise over the whole window: the segments say it.
  if (hasRestart(detail) && judgeSegments(detail, growth, sameProcessWork(context, detail)).growing)
    return true
  // A live heap whose last half cannot tell a fill that stopped from a leak: its reserved heap can.
  if (sizedToGrowingHeap(context, detail)) return true
  return Boolean(
    judgeWindows(detail.values, detail.lastHalf, growth, timeAxis)?.growing ||
    judgeWindows(detail.floor, detail.lastHalfFloor, growth, timeAxis)?.growing ||
    judgeWindows(detail.floor, detail.lastHalfFloor, floorGrowth, timeAxis)?.growing
  )
}

/** The reserved heap's floor over its last half must rise at least this significantly. */
export const SIZED_LAST_HALF_ALPHA = 0.05

/**
 * A live heap that rose over its window (significant, beyond the tolerance) and
 * was judged to level off on a last half that cannot tell: that half's 95 %
 * interval reaches the window's pace (a tall sawtooth sampled every second
 * leaves a handful of noisy bucket means: −2.0 … +2.2 GiB/h around a pace of
 * 0.86 GiB/h). The reserved heap of the same process (heapTotal) then tells:
 * V8 sizes it at 1.1–4× what survives a major collection, so under a steady
 * load it stops growing once the heap is sized; a floor (its minima after
 * collections) that keeps one pace to the end, significantly over the window
 * (p < 0.01) and over its last half (p < 0.05, its interval holding the
 * window's pace, no levelled tail, beyond the tolerance), follows a live heap
 * that keeps growing. A cache that fills grows its heap in lagged steps that
 * stop (or speed up, then stop); a recorded 2.5 min leak of 150 B per request
 * under a ~100 MiB sawtooth kept its heapTotal floor at 0.99 of its pace.
 * Returns the reserved heap, or null.
 */
export function sizedToGrowingHeap(
  context: AnalysisContext,
  heap: SeriesDetail
): SeriesDetail | null {
  if (!isLiveHeap(heap) || !heap.values || !heap.lastHalf || heap.insufficient) return null
  const judged = judgeMemoryWindow(context, heap)
  if (!judged || judged.growing || !judged.large) return null
  // Judged to level off (or not to continue: a last half at the window's pace but too noisy to
  // test) on a last half whose interval still reaches the window's pace.
  const levelled =
    judged.significant && !judged.sustained && heap.lastHalf.high >= heap.values.slope
  if (!levelled && !inconclusiveHeap(heap, judged)) return null
  const timeAxis = heap.xAxis === 'time'
  const tolerance = memoryTolerance(context, heap)
  return (
    reservedHeapsOf(context, heap).find((reserved) => {
      if (NON_HEAP_NAME.test(reserved.series.metric)) return false
      const floor = reserved.floor
      const late = reserved.lastHalfFloor
      if (!floor || !late || floor.short || late.short) return false
      const pace = floor.slope
      return (
        pace > 0 &&
        floor.pValue < DEFAULTS.alpha &&
        floor.low > 0 &&
        late.pValue < SIZED_LAST_HALF_ALPHA &&
        late.low > 0 &&
        late.low <= pace &&
        pace <= late.high &&
        !floor.levelledTail &&
        !late.levelledTail &&
        !floor.step &&
        !late.step &&
        exceedsTolerance(floor, tolerance, timeAxis)
      )
    }) ?? null
  )
}

/**
 * A live heap whose steady part rose beyond the tolerance but only suggestively (p under
 * {@link SUGGESTIVE_ALPHA}, no step of its mean), its floor read as flat or as one step: a tall
 * sawtooth sampled at about its own period leaves window minima that jump between phases of the
 * beat (a 140 B/request leak under 88 requests' 64 KiB of garbage, every 1.05 s: its floor read
 * "stepped +14.2 MiB once, flat before and after", its mean p = 0.013). Its reserved heap tells
 * then too (see {@link sizedToGrowingHeap}): a table loaded once steps it once (four recorded
 * tables of 10–22 MiB under the same sawtooth: flat, one step, flat), a leak keeps it at one pace.
 */
function inconclusiveHeap(heap: SeriesDetail, judged: GrowthJudgement): boolean {
  const fit = heap.values!
  return (
    !judged.significant &&
    !judged.step &&
    fit.slope > 0 &&
    fit.growth > 0 &&
    fit.pValue < SUGGESTIVE_ALPHA
  )
}

/**
 * Why a live heap that seemed to level off still holds a leak (see
 * {@link sizedToGrowingHeap}), for the live heap itself or for memory the
 * allocator holds in its process (RSS, container usage); null otherwise.
 */
export function sizedHeapClause(context: AnalysisContext, detail: SeriesDetail): string | null {
  const heaps = isLiveHeap(detail) ? [detail] : sameProcessLiveHeaps(context, detail)
  for (const heap of heaps) {
    const reserved = sizedToGrowingHeap(context, heap)
    if (!reserved) continue
    const late = heap.lastHalf!
    const floor = reserved.floor!
    const lateFloor = reserved.lastHalfFloor!
    const keeps = `${reserved.series.metric}'s floor keeps one pace to the end (${describeSlopeShort(reserved, floor.slope)} over the window, ${describeSlopeShort(reserved, lateFloor.slope)} over its last half, ${formatPValue(lateFloor.pValue)})`
    const judged = judgeMemoryWindow(context, heap)
    if (judged && inconclusiveHeap(heap, judged))
      return `${heap.series.metric}'s steady part, ${describeSlopeShort(heap, heap.values!.slope)} (${formatPValue(heap.values!.pValue)}, only suggestive under its sawtooth), cannot tell a table loaded once from a leak at this sampling, but ${keeps}: the runtime keeps sizing its heap to a live heap that keeps growing (a table's heap steps once)`
    return `${heap.series.metric}'s last half, ${describeSlope(heap, late)}, cannot tell a fill that stopped from a leak at this sampling, but ${keeps}: the runtime keeps sizing its heap to a live heap that keeps growing (a filled cache's heap stops)`
  }
  return null
}

/** The reserved-heap series (heapTotal, committed) of a live heap's process, with a fitted window. */
export function reservedHeapsOf(context: AnalysisContext, heap: SeriesDetail): SeriesDetail[] {
  return sameProcessSeries(context.series, heap).filter(
    (other) =>
      other.series.kind === 'memory' &&
      HEAP_RESERVED_NAME.test(other.series.metric) &&
      other.values !== null
  )
}

/** Series of the same process read right after each collection (a JVM's heap_after_gc), on its axis. */
function afterCollectionSeriesOf(context: AnalysisContext, detail: SeriesDetail): SeriesDetail[] {
  return sameProcessSeries(context.series, detail).filter(
    (other) => isAfterCollection(other) && other.xAxis === detail.xAxis
  )
}

/** Live-heap series of the process an allocator-held series belongs to (see same-process.ts). */
function sameProcessLiveHeaps(context: AnalysisContext, detail: SeriesDetail): SeriesDetail[] {
  return sameProcessSeries(context.series, detail).filter(isLiveHeap)
}

/**
 * A series of the same process that counts work on a time axis (the service's memory.csv beside
 * its container's usage), for a series that counts none; null when there is none or it counts its own.
 */
export function sameProcessWork(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail | null {
  if (detail.series.work.some(Number.isFinite) || detail.xAxis !== 'time') return null
  return (
    sameProcessSeries(context.series, detail).find(
      (other) => other.xAxis === 'time' && other.series.work.some(Number.isFinite)
    ) ?? null
  )
}

/**
 * The flat live heap that vouches for an allocator-held series, or null.
 * Same process as same-process.ts says (the same file and group, or the run's
 * one container and the service's own file beside it). Every live-heap series
 * of that process must be judged and flat.
 */
export function flatLiveHeapWitness(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail | null {
  if (!isAllocatorHeld(detail)) return null
  const witnesses = sameProcessLiveHeaps(context, detail)
  if (witnesses.length === 0) return null
  for (const w of witnesses)
    if (
      w.insufficient ||
      !w.values ||
      (grows(context, w) && !youngGarbageClause(context, w)) ||
      heldLiveHeapRise(context, w) ||
      !rulesOutCarrying(w, detail)
    )
      return null
  // A heap sampled between cycles looks flat under teeth as tall as itself; its collector's goal does not.
  if (witnesses.some((w) => growingGoalOf(context, w))) return null
  return witnesses[0]
}

/** Steady readings below which a heap's trend is a few phases of its sawtooth, not a level. */
export const FEW_WITNESS_READINGS = 12

/**
 * A heap read only a handful of times vouches for its process's resident memory only when its
 * trend rules out carrying that rise: the upper end of its 95 % interval stays below the resident
 * memory's pace. Each of a few readings under a sawtooth as tall as the heap lands anywhere on a
 * tooth (a public report: 9 readings, heap −18 … +91 GiB/h beside RSS +62 GiB/h, p = 0.17): such
 * a heap is not seen to be flat. With more readings the trend is tested on bucket means that
 * average the teeth, and recorded cache fills' heaps vouch rightly with intervals as wide.
 */
function rulesOutCarrying(heap: SeriesDetail, held: SeriesDetail): boolean {
  const heapFit = heap.values
  const heldFit = held.values
  if (!heapFit || !heldFit || heap.xAxis !== held.xAxis || heap.series.unit !== held.series.unit)
    return true
  if (heap.x.length - heap.steadyStart >= FEW_WITNESS_READINGS || !(heldFit.slope > 0)) return true
  return heapFit.high < heldFit.slope
}

/**
 * Why a live heap of the same process, read too few times to rule out carrying an allocator-held
 * series' rise, does not vouch for it (see {@link rulesOutCarrying}); null when none is so.
 */
export function unseenHeapClause(context: AnalysisContext, detail: SeriesDetail): string | null {
  if (!isAllocatorHeld(detail) || !detail.values) return null
  const heap = sameProcessLiveHeaps(context, detail).find(
    (w) => w.values && !rulesOutCarrying(w, detail)
  )
  if (!heap) return null
  const fit = heap.values!
  const readings = heap.x.length - heap.steadyStart
  return `${heap.series.metric} (the live heap, read ${readings} times in the steady part) cannot show it flat: its pace could be anything from ${describeSlopeShort(heap, fit.low)} to ${describeSlopeShort(heap, fit.high)}, enough to carry ${detail.series.metric}'s ${describeSlopeShort(detail, detail.values.slope)}`
}

/** True for a collector's goal series (see {@link COLLECTOR_GOAL_NAME}). */
export function isCollectorGoal(detail: SeriesDetail): boolean {
  return detail.series.kind === 'memory' && COLLECTOR_GOAL_NAME.test(detail.series.metric)
}

/**
 * The collector's goal of a live heap's process (same file and group, same
 * unit), judged and growing (sustained-growth or rising-floor at their
 * tolerances), or null. A goal that climbs says the heap each cycle marked
 * live climbs: a heap sampled between cycles that its own test calls flat
 * (a 256 B-per-unit leak, +5.2 MiB over 86 s, under a 16–32 MiB sawtooth
 * sampled every second: p = 0.54) is not flat, and vouches for nothing.
 * Fixed ratio whatever GOGC is, so only its direction is read, never its level.
 */
export function growingGoalOf(context: AnalysisContext, heap: SeriesDetail): SeriesDetail | null {
  return judgedGoalOf(context, heap, (goal) => grows(context, goal))
}

/** The judged collector's goal of a live heap's process (same file and group, same unit) that `holds`. */
function judgedGoalOf(
  context: AnalysisContext,
  heap: SeriesDetail,
  holds: (goal: SeriesDetail) => boolean
): SeriesDetail | null {
  if (!isLiveHeap(heap)) return null
  return (
    sameProcessSeries(context.series, heap).find(
      (other) =>
        isCollectorGoal(other) &&
        other.series.unit === heap.series.unit &&
        !other.insufficient &&
        other.values !== null &&
        holds(other)
    ) ?? null
  )
}

/**
 * The collector's goal of a live heap's process (same file and group, same unit), judged and not
 * growing, or null: the heap each cycle marked live did not climb. A floor of the heap sampled
 * between cycles that is merely suggestive is then where the samples fell in the cycles (48–64 MiB
 * bursts every 3–5 s lift some minima), and RSS rising beside it is no second sign of the same
 * thing: with `GODEBUG=madvdontneed=0` the pages the scavenger gives back stay resident, and RSS
 * climbs by what the runtime maps anew (+4.6 MiB in one step as `Sys` grew 4.1 MiB).
 */
export function flatGoalOf(context: AnalysisContext, heap: SeriesDetail): SeriesDetail | null {
  return judgedGoalOf(context, heap, (goal) => !hasRestart(goal) && !grows(context, goal))
}

/**
 * A goal that follows the live heap moves by (1 + GOGC/100) times its change, at least the change
 * itself; one that moved by less than this share of a rise the forced collections kept was set by
 * something else.
 */
export const PINNED_GOAL_SHARE = 0.5

/**
 * The collector's goal of a live heap's process (same file and group, same unit), judged and not
 * growing, that did not follow a rise of `kept` the forced collections kept (the post-test heap
 * above the baseline heap, both right after `runtime.GC()`): over the heap's window it moved by
 * less than {@link PINNED_GOAL_SHARE} of it. The pacer then set the goal from a memory limit
 * (`GOMEMLIMIT` with `GOGC=off`: the goal is the limit less what the runtime holds besides the
 * heap, so it even falls a little as a leak adds spans), not from the live heap: the heap sampled
 * between cycles swings from the live heap up to the limit and RSS stays near the limit whatever
 * the live heap does, so neither shows how the kept memory arrived (two recorded leaks of 384 and
 * 1024 B per unit under 80 and 96 MiB limits: goal −318 KiB and +37 KiB, kept +6.7 and +14.3 MiB;
 * RSS read as one step of +14.7 MiB as the scavenger returned less). The goal must have stayed
 * so over the whole run too (first and last fifths): one that followed a cache filling in the
 * warm-up (GOGC=50, no limit) is flat in the window only. Returns the goal and its change, or null.
 */
export function pinnedGoalOf(
  context: AnalysisContext,
  heap: SeriesDetail,
  kept: number
): { goal: SeriesDetail; change: number } | null {
  const fit = heap.values
  if (!(kept > 0) || !fit || !isLiveHeap(heap)) return null
  for (const goal of sameProcessSeries(context.series, heap)) {
    if (!isCollectorGoal(goal) || goal.series.unit !== heap.series.unit) continue
    if (goal.insufficient || !goal.values || hasRestart(goal) || grows(context, goal)) continue
    const change = riseBetween(goal, fit.x0, fit.x1)
    // The forced collections' kept memory spans the whole run (baseline to post-test): a goal that
    // followed a cache filling in the warm-up moved with it there, and is flat only in the window.
    const run = riseBetween(goal, goal.x[0], goal.x[goal.x.length - 1])
    if (change === null || run === null) continue
    if (change < PINNED_GOAL_SHARE * kept && run < PINNED_GOAL_SHARE * kept)
      return { goal, change: Math.max(change, run) }
  }
  return null
}

/**
 * The heap each cycle left live, for a Go heap whose goal a memory limit pinned (see
 * {@link pinnedGoalOf}): readings right after each collection (`GODEBUG=gctrace=1`'s third
 * figure, "77->77->25 MB") anywhere in the run, in the heap's unit, judged, from a process not
 * provably another (the runtime writes the trace to the service's own log, beside its
 * memory.csv). Under a limit the trace is the one reading that follows the live heap: a leak's
 * climbs cycle by cycle (16 → 25 MB over 26 cycles), a table's steps once (16 → 33 MB). Only Go's
 * own trace speaks for a Go heap: a HotSpot GC log or V8's --trace-gc beside it is another
 * process's heap (a Java service's flat log turned a Go leak's warning into a pass). Returns
 * it and whether it grows, or null.
 */
export function liveAfterCyclesOf(
  context: AnalysisContext,
  heap: SeriesDetail
): { after: SeriesDetail; growing: boolean } | null {
  const after = context.series.find(
    (other) =>
      other !== heap &&
      isAfterCollection(other) &&
      other.series.gcTrace === 'go' &&
      other.series.unit === heap.series.unit &&
      !other.insufficient &&
      other.values !== null &&
      !provablyOtherProcess(context.series, heap.series, other.series)
  )
  return after ? { after, growing: grows(context, after) } : null
}

/**
 * The heap right after each collection of a live heap sampled between them,
 * measured by the same process (same file and group, same unit), judged; or null.
 */
export function afterCollectionOf(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail | null {
  if (!isLiveHeap(detail) || isAfterCollection(detail)) return null
  const after = sameProcessSeries(context.series, detail).find(
    (other) =>
      other !== detail && isAfterCollection(other) && other.series.unit === detail.series.unit
  )
  if (!after || after.insufficient || !after.values) return null
  return tracksCollections(context, after, detail) ? after : null
}

/**
 * The collector's goal of a live heap's process (see {@link growingGoalOf}) when it shows how the
 * heap each cycle marked live arrived: judged at the sampled heap's tolerance, not growing, in
 * one step or a fill that slowed or stopped (mean or floor). A heap sampled between cycles has
 * teeth as tall as the live heap: a cache that filled (GOGC=50, 8,571 × 4 KiB until 60 % of a
 * 57 s run) left its readings "flat" with no shape to show, while the goal levelled off for the
 * last 25 s. Returns the goal and how it arrived, or null.
 */
export function boundedGoalOf(
  context: AnalysisContext,
  heap: SeriesDetail
): { goal: SeriesDetail; how: string } | null {
  if (!isLiveHeap(heap)) return null
  const tolerance = memoryTolerance(context, heap)
  for (const goal of sameProcessSeries(context.series, heap)) {
    if (!isCollectorGoal(goal) || goal.series.unit !== heap.series.unit) continue
    if (goal.insufficient || !goal.values || hasRestart(goal) || grows(context, goal)) continue
    const timeAxis = goal.xAxis === 'time'
    const judged = [
      judgeWindows(goal.values, goal.lastHalf, tolerance, timeAxis),
      judgeWindows(goal.floor, goal.lastHalfFloor, tolerance, timeAxis)
    ]
    // A leak beside a step moves the goal in either view (mean or floor): both must hold flat.
    if (judged.some((j) => j?.step && stepFlatPartsMove(j.fit, j.step, tolerance, timeAxis)))
      continue
    const shape = judged.find(
      (j) =>
        j && !j.growing && (j.step || j.slowedTo !== undefined || j.fit.levelledTail !== undefined)
    )
    if (!shape) continue
    const how = shape.step
      ? `stepped ${formatDelta(shape.step.size, goal.series.unit)} once and is flat before and after`
      : 'rose while filling, then levelled off'
    return { goal, how }
  }
  return null
}

/**
 * Whether the flat parts of a goal's one step move, together, beyond the tolerance the goal would
 * be judged by without the step, as a share of the level before it: a leak beside a table moves
 * the goal at its own pace before and after it (256 B per unit beside go-table-1's 15 MiB table:
 * +5.65 MiB before, +2.41 MiB after a +37.6 MiB step, each under the step's quarter), while a
 * table's goal holds within a few hundred KiB on either side (go-table-0 to 3: ±0.3 MiB at most).
 */
function stepFlatPartsMove(
  fit: TrendFit,
  step: LevelStep,
  tolerance: GrowthTolerance,
  timeAxis: boolean
): boolean {
  const drift = Math.max(0, step.beforeRise) + Math.max(0, step.afterRise)
  const span = fit.x1 - fit.x0
  if (!(drift > 0) || !(span > 0)) return false
  // Against the level before the step: the table's bytes are not the leak's baseline.
  const level = step.before > 0 ? step.before : fit.level
  return exceedsTolerance(
    { ...fit, growth: drift, slope: drift / span, level },
    tolerance,
    timeAxis
  )
}

/**
 * The clause for a live heap sampled between cycles whose steady part rises by `growth` while its
 * collector's goal arrived bounded (see {@link boundedGoalOf}) and moved by at least
 * {@link PINNED_GOAL_SHARE} of that rise over the window: the heap each cycle marked live took one
 * step or filled and levelled off, and the readings' rise is that arrival seen through teeth as
 * tall as the live heap (a 15 MiB table built at 75 % of an 86 s run read as growth over the last
 * 34 s while the goal stepped +33.4 MiB once, flat before and after). A leak moves the goal at its
 * own pace to the end; a goal a memory limit pinned moves by far less than the heap. Null otherwise.
 */
export function boundedGoalClause(
  context: AnalysisContext,
  heap: SeriesDetail,
  growth: number
): string | null {
  const fit = heap.values
  if (!fit || !(growth > 0)) return null
  const bounded = boundedGoalOf(context, heap)
  if (!bounded) return null
  const moved = riseBetween(bounded.goal, fit.x0, fit.x1)
  if (moved === null || !(moved >= PINNED_GOAL_SHARE * growth)) return null
  return `${bounded.goal.series.metric} (the collector's goal, a fixed multiple of the heap each cycle marked live) ${bounded.how} in ${bounded.goal.series.file}: the heap each cycle marked live arrived bounded (a table loaded once, a cache that filled), not growing`
}

/** Fewest changes of a heap read after each collection within the window for it to vouch. */
export const MIN_AFTER_COLLECTION_CHANGES = 3

/**
 * Whether a heap read after each collection is a live reading of the sampled
 * heap's collections: above zero, updated at least {@link MIN_AFTER_COLLECTION_CHANGES}
 * times in the window (a gauge updated only after old-generation collections stays
 * at 0 or at one value through a short test), and not below what the forced
 * collection before the post-test left of the sampled heap by more than the
 * tolerance (that snapshot is the heap after a full collection: a reading after
 * collections that ends far under it has stopped following them). The sampled
 * heap's own bucket minima are no such reading: a young generation G1 grows
 * with its heap lifts them with no more live objects.
 */
function tracksCollections(
  context: AnalysisContext,
  after: SeriesDetail,
  sampled: SeriesDetail
): boolean {
  const value = after.series.value
  let changes = 0
  let last = Number.NaN
  const readings: number[] = []
  for (let i = after.steadyStart; i < value.length; i++) {
    const v = value[i]
    if (!Number.isFinite(v)) continue
    if (Number.isFinite(last) && v !== last) changes++
    last = v
    readings.push(v)
  }
  if (changes < MIN_AFTER_COLLECTION_CHANGES || !(median(readings) > 0)) return false
  const forced = ownSnapshot(context, sampled)?.snapshot.analysis.post
  if (forced === undefined || !after.values) return true
  const beyond = { ...after.values, growth: forced - last, level: last }
  return !exceedsTolerance(beyond, memoryTolerance(context, sampled), false)
}

/** True for a live heap read right after each collection (see {@link AFTER_COLLECTION_NAME}). */
export function isAfterCollection(detail: SeriesDetail): boolean {
  return detail.series.kind === 'memory' && AFTER_COLLECTION_NAME.test(detail.series.metric)
}

/**
 * A live heap sampled between collections (a JVM's used heap) whose process
 * also measures its heap right after each collection (same file and group),
 * and that one holds no leak (flat, one step, or a fill that levelled off):
 * the sampled heap's rise is garbage between collections. G1 sizes its young
 * generation to the heap it has committed, so when it grows the heap (after
 * a table was built, a cache filled, or a System.gc() shrank it) the sampled
 * heap swings higher and its readings climb, with no more live objects. A
 * leak raises the heap after collections too. The clause, or null.
 */
export function youngGarbageClause(context: AnalysisContext, detail: SeriesDetail): string | null {
  const after = afterCollectionOf(context, detail)
  if (!after) return null
  const garbage = grows(context, after) ? uncollectedRise(context, after) : null
  if (grows(context, after) && !garbage) return null
  const reserved = reservedHeapsOf(context, detail).find(
    (other) => !NON_HEAP_NAME.test(other.series.metric)
  )
  const fit = detail.values
  const heldRise = fit ? riseBetween(reserved ?? detail, fit.x0, fit.x1) : null
  const resized =
    reserved && heldRise !== null && heldRise > 0
      ? `; ${reserved.series.metric} (the heap the collector committed) rose ${formatDelta(heldRise, reserved.series.unit)} with it`
      : ''
  // It grows, but the forced collection showed that climb to be garbage: say so, not "flat".
  if (garbage)
    return `${after.series.metric} (the heap right after each collection, same process) climbs only with garbage: ${garbage.text.replace(/; what stayed is retained-after-load's to judge$/, '')}`
  return `${after.series.metric} (the heap right after each collection, same process) does not grow: the rise is garbage between collections in a young generation the collector sized to its heap, not memory held${resized}`
}

/**
 * Memory the runtime reserved for its heap (V8's heapTotal, Go's heap_sys, a
 * JVM's committed heap): it grows when the collector expands the heap for
 * churn, and RSS grows with it, with no more live objects.
 */
export const HEAP_RESERVED_NAME =
  /(^|[._:])(heapTotal|heap_total|total_heap_size|heap_sys|heap_committed|committed|totalJSHeapSize|JSHeapTotalSize)/i
/**
 * A live heap with no collection in view: over its steady window it never
 * falls, and it rises by less than the room its reserved heap (heapTotal
 * beside heapUsed, in the same file and at the same times) had free when
 * the window began. A collector runs when its space fills, not before, so
 * until then allocation the next collection frees and retained objects
 * look the same: a few seconds of requests printed one `memoryUsage()`
 * after another climb at every sample. Such a rise is said as a warning,
 * never a leak; a rise beyond the free room, or any fall (a collection)
 * in the window, or a reserved heap that grew with it by more than a quarter
 * of its rise (the runtime grew the heap after a collection found the memory
 * live), or a counter of the process's older collections that moved in the
 * window (gen2, `python_gc_collections_total{generation="2"}`, a JVM's major
 * pauses: a collection ran, and the heap never fell), is judged as usual.
 * Returns the warning's clause (`waiting`), the clause saying a counted
 * collection refuted it (`ran`), or null.
 */
/** How much of the live heap's rise the reserved heap may rise with, and still count as flat. */
export const RESERVED_STILL_SHARE = 0.25

export function awaitingCollection(
  context: AnalysisContext,
  detail: SeriesDetail
): { waiting: string } | { ran: string } | null {
  if (!isLiveHeap(detail)) return null
  const { series, steadyStart } = detail
  const value = series.value
  const n = value.length
  if (n - steadyStart < 2) return null
  for (let i = steadyStart + 1; i < n; i++) if (!(value[i] >= value[i - 1])) return null
  const sameTimes = (other: SeriesDetail): boolean =>
    other.series.value.length === n &&
    // the same rows: equal times, or both in file order (no time: NaN)
    Object.is(other.series.time[steadyStart], series.time[steadyStart]) &&
    Object.is(other.series.time[n - 1], series.time[n - 1])
  const reserved = context.series.find(
    (other) =>
      other !== detail &&
      other.series.file === series.file &&
      other.series.group === series.group &&
      other.series.unit === series.unit &&
      HEAP_RESERVED_NAME.test(other.series.metric) &&
      sameTimes(other)
  )
  if (!reserved) return null
  const rise = value[n - 1] - value[steadyStart]
  const room = reserved.series.value[steadyStart] - value[steadyStart]
  if (!(rise > 0 && rise < room)) return null
  // The runtime grows its reserved heap after a collection found the memory live: a reserved heap
  // that grew with the live one says the collector ran (1 KiB kept per request, little garbage,
  // climbs without a fall too). Allocation into space already reserved leaves it nearly flat.
  const reservedRise = reserved.series.value[n - 1] - reserved.series.value[steadyStart]
  if (reservedRise > rise * RESERVED_STILL_SHARE) return null
  // The collector's own count of its older collections (gen2, python_gc_collections_total, a
  // JVM's major pauses) that moved in the window: a collection ran and the heap never fell.
  const span =
    detail.xAxis === 'time'
      ? ` over ${formatDuration(series.time[n - 1] - series.time[steadyStart])}`
      : ''
  // any of them (one per collector and cause) that moved in the window
  const counters = olderCollectionsCounters(context, detail)
  const moved = counters
    .map((one) => ({
      counter: one,
      ran: readingsAfterCollections(detail, one, steadyStart).length
    }))
    .find((one) => one.ran > 0)
  const counter = moved?.counter
  const ran = moved?.ran ?? 0
  if (counter && ran > 0)
    return {
      ran: `it never falls${span}, yet ${counter.series.metric} (the collector's count of its older collections, same process) moved ${ran === 1 ? 'once' : `${ran} times`} in the window: collections ran and what it holds survived them`
    }
  // a counter that stayed still: young collections may have run (a log's Scavenges), no full one
  const none =
    counters.length > 0
      ? `no full collection in view (${counters[0].series.metric}, the collector's count of its older collections, did not move; young collections, if any, leave the old generation alone)`
      : 'no collection in view'
  return {
    waiting: `${none}: it never falls${span} and rises ${formatDelta(rise, series.unit)} from its first to its last sample, less than the ${formatValue(room, series.unit)} its heap still had free (${reserved.series.metric} − ${series.metric}) when the window began; until the collector runs, garbage and kept objects look the same: a longer run, or a reading after a forced collection, would tell`
  }
}

/** Committed memory outside the heap (a JVM's non-heap area: metaspace, code cache). */
export const NON_HEAP_NAME = /non_?heap/i

/**
 * A native leak keeps its pace to the end: the last half of the steady window
 * grows at least this fraction of the window's slope (an allocator settling
 * after a cache filled slows down; Buffers kept per query do not).
 */
export const NATIVE_PACE_FRACTION = 1 / 2
/** The live heap may rise at most this share of the allocator's growth for that growth to be outside it. */
export const OUTSIDE_HEAP_SHARE = 0.25
/** Share of an allocator-held series' growth the reserved heap must account for to explain it. */
export const RESERVED_SHARE = 0.5

/** How much more than the live heap's rise the allocator may reserve for it (V8 keeps heapTotal ~1.5–2× heapUsed). */
export const HEAP_OVERHEAD = 2

/**
 * Rise of a series between two x values: median of the samples in the last
 * fifth of [x0, x1] minus the median of the first fifth (null with fewer than
 * 3 samples in either). Robust to a GC spike at either end.
 */
export function riseBetween(
  detail: SeriesDetail,
  x0: number,
  x1: number,
  minSamples = 3
): number | null {
  const fifth = (x1 - x0) / 5
  const first: number[] = []
  const last: number[] = []
  for (let i = 0; i < detail.x.length; i++) {
    const x = detail.x[i]
    if (x >= x0 && x <= x0 + fifth) first.push(detail.series.value[i])
    if (x >= x1 - fifth && x <= x1) last.push(detail.series.value[i])
  }
  if (first.length < minSamples || last.length < minSamples) return null
  return median(last) - median(first)
}

/**
 * Growth of memory the allocator holds (RSS, container usage) that the
 * runtime's reserved heap (heapTotal) accounts for over the same stretches,
 * while the live heap of the process holds no leak (flat, or a rise the
 * forced collection freed): V8 sizes its heap to the allocation rate (the
 * young generation grows to 16 MiB semi-spaces, the old generation keeps
 * headroom in proportion), so under a load that ramps up, heapTotal and RSS
 * climb with the rate, typically after the memory reducer shrank the heap at
 * the start's low load. What the allocator added beyond the reserved heap is
 * what could be a leak outside the heap; within the tolerance it is none.
 * `ranges` are the stretches the finding measured (its window, or each
 * segment between level resets). Returns the healthy clause, or null.
 */
export function reservedHeapClause(
  context: AnalysisContext,
  detail: SeriesDetail,
  ranges: ReadonlyArray<readonly [number, number]>
): string | null {
  if (!isAllocatorHeld(detail) || !detail.values || HEAP_RESERVED_NAME.test(detail.series.metric))
    return null
  const heaps = liveHeapsHoldingNoLeak(context, detail)
  if (!heaps) return null
  const reserved = reservedHeapsOf(context, heaps[0]).find(
    (other) => other !== detail && !NON_HEAP_NAME.test(other.series.metric)
  )
  if (!reserved || ranges.length === 0) return null
  let own = 0
  let held = 0
  let span = 0
  // What the allocator added ahead of the reserved heap, by each stretch's early part.
  let ahead = 0
  let earlySpan = 0
  for (const [x0, x1] of ranges) {
    // A short segment has a sample or two in each fifth: its ends are still read.
    const a = riseBetween(detail, x0, x1, 1)
    const b = riseBetween(reserved, x0, x1, 1)
    if (a === null || b === null) return null
    own += a
    held += b
    span += x1 - x0
    const xe = x0 + EARLY_SHARE * (x1 - x0)
    const early = riseBetween(detail, x0, xe, 1)
    const earlyHeld = riseBetween(reserved, x0, xe, 1)
    if (early !== null && earlyHeld !== null) {
      ahead += Math.max(0, early - Math.max(0, earlyHeld))
      earlySpan += xe - x0
    }
  }
  if (!(own > 0) || !(held >= RESERVED_SHARE * own)) return null
  const outside = own - held
  const tolerance = memoryTolerance(context, detail)
  const fit = detail.values
  const beyond = (growth: number, over: number): boolean =>
    growth > 0 &&
    exceedsTolerance(
      { ...fit, growth, slope: over > 0 ? growth / over : 0 },
      tolerance,
      detail.xAxis === 'time'
    )
  if (beyond(outside, span)) return null
  // The reserved heap must have grown by the time the allocator did: a JVM's native leak climbed
  // at one pace beside a committed heap flat until a step at 88 % of the run, which then
  // "accounted for" the whole window's rise. What rose ahead of it is outside the heap.
  if (beyond(ahead, earlySpan)) return null
  const where =
    ranges.length > 1 ? `within the same ${ranges.length} segments` : 'over the same window'
  return `but ${reserved.series.metric} (the heap the runtime reserved) rose ${formatDelta(held, reserved.series.unit)} of its ${formatDelta(own, detail.series.unit)} ${where} while ${heaps[0].series.metric} (the live heap) holds no leak: the runtime sizing its heap to the load and to what the live heap holds, not memory held outside the heap (outside the heap ${formatDelta(outside, detail.series.unit)}, within the ${tolerance.text} tolerance)`
}

/**
 * The reserved heap itself (heapTotal) growing while the live heap's rise is
 * garbage a forced collection freed: the runtime reserving pages for the
 * churn, at most a warning (as beside a flat live heap). Null otherwise.
 */
export function reservedBesideGarbage(
  context: AnalysisContext,
  detail: SeriesDetail
): string | null {
  if (!HEAP_RESERVED_NAME.test(detail.series.metric) || NON_HEAP_NAME.test(detail.series.metric))
    return null
  if (detail.series.kind !== 'memory') return null
  const heaps = sameProcessLiveHeaps(context, detail)
  if (heaps.length === 0) return null
  let garbage: UncollectedRise | null = null
  for (const heap of heaps) {
    if (heap.insufficient || !heap.values || !grows(context, heap)) return null
    garbage = uncollectedRise(context, heap)
    if (!garbage) return null
  }
  return `but ${heaps[0].series.metric} (the live heap) holds no leak (its floor climbed ${formatDelta(garbage!.rise, heaps[0].series.unit)} and ${garbage!.freedText}): heap pages the runtime reserved for the load's garbage, not memory the program holds; a slow leak under the live heap's sawtooth would look the same`
}

/**
 * Whether a series' last half still climbs at `fraction` of its window's pace or more
 * (significantly: its own test or the all-samples one), and whether it grows with the work
 * (the per-work slope above zero; true when no work is counted).
 */
function lastHalfKeepsPace(
  detail: SeriesDetail,
  fraction: number
): { keeps: boolean; withWork: boolean } {
  const whole = detail.values
  const late = detail.lastHalf
  const keeps =
    whole !== null &&
    late !== null &&
    (late.slope >= fraction * whole.slope || (workPaceRatio(detail) ?? 0) >= fraction) &&
    (late.pValue < DEFAULTS.alpha || (late.allSamplesPValue ?? 1) < DEFAULTS.alpha)
  const perWork = detail.perWork
  const withWork =
    perWork === null || (perWork.pValue < DEFAULTS.alpha && perWork.low > 0 && perWork.slope > 0)
  return { keeps, withWork }
}

/** Points the per-work pace is measured on (evenly spread over the steady window). */
const WORK_PACE_POINTS = 120

/**
 * The last half's pace per unit of work as a share of the steady window's (Theil–Sen slopes of the
 * values against the work counter, on at most {@link WORK_PACE_POINTS} readings), or null without a
 * work counter that counts on. A leak keeps what it adds per unit of work to the end even when the
 * work slows down in time (a loaded machine): a worker keeping 700 B per archive kept 0.64 of its
 * pace in time and 0.93 per archive; an allocator settling slows in both (0.58).
 */
function workPaceRatio(detail: SeriesDetail): number | null {
  const { value, work } = detail.series
  const x: number[] = []
  const y: number[] = []
  const start = detail.steadyStart
  const step = Math.max(1, Math.floor((value.length - start) / WORK_PACE_POINTS))
  for (let i = start; i < value.length; i += step) {
    if (!Number.isFinite(work[i]) || !Number.isFinite(value[i])) continue
    if (x.length > 0 && work[i] < x[x.length - 1]) return null // the counter went back: a restart
    x.push(work[i])
    y.push(value[i])
  }
  const half = Math.floor(x.length / 2)
  if (half < 4 || !(x[x.length - 1] > x[0]) || !(x[x.length - 1] > x[half])) return null
  const whole = theilSen(x, y).slope
  if (!(whole > 0)) return null
  return theilSen(x.slice(half), y.slice(half)).slope / whole
}

/** What an allocator-held series grows with, when the live heap beside it is flat. */
export type AllocatorGrowth =
  | { kind: 'native'; text: string }
  | { kind: 'reserved'; text: string; reserved: SeriesDetail }
  | { kind: 'unclear' }

/**
 * Tells apart, for an allocator-held series (RSS, container usage) whose live
 * heap is flat: growth outside the heap that keeps its pace to the end (and
 * grows per unit of work, when work is counted) is a native leak (Buffers,
 * native addons, C extensions), whatever the columns are called; growth the
 * runtime's reserved heap accounts for (heapTotal rose at least half as much)
 * is heap pages kept for churn, not memory the program holds.
 */
export function classifyAllocatorGrowth(
  context: AnalysisContext,
  detail: SeriesDetail,
  witness: SeriesDetail,
  options: { keepsPace?: boolean; lastHalf?: boolean } = {}
): AllocatorGrowth {
  const whole = detail.values
  const late = detail.lastHalf
  if (!whole || (!(whole.slope > 0) && !options.keepsPace)) return { kind: 'unclear' }
  // The reserved heap itself (heapTotal) is the heap: growing beside a flat live heap it keeps
  // pages for garbage churn; it cannot be memory outside the heap. Growing at its pace to the end
  // it stays unclear (a warning): a slow leak the live heap's sawtooth hides may show there first.
  if (HEAP_RESERVED_NAME.test(detail.series.metric) && !NON_HEAP_NAME.test(detail.series.metric)) {
    const lateKeeps =
      late !== null &&
      late.slope >= NATIVE_PACE_FRACTION * whole.slope &&
      (late.pValue < DEFAULTS.alpha || (late.allSamplesPValue ?? 1) < DEFAULTS.alpha)
    if (lateKeeps || options.keepsPace) return { kind: 'unclear' }
    return {
      kind: 'reserved',
      reserved: detail,
      text: `but ${detail.series.metric} is the heap the runtime reserves, and ${witness.series.metric} (the live heap) ${describeHeapChange(detail, witness)} over the same time while it levelled off: heap pages kept for garbage churn, not memory the program holds`
    }
  }
  const reserved = reservedHeapsOf(context, witness).find((other) => other !== detail)
  // Pages kept for churn only beside a live heap that did not itself rise beyond its tolerance: a
  // reserved heap follows what the live heap holds (V8 sizes it at 1.1–4× what survives a major
  // collection), and a live heap that rose explains it only if it levelled off (below).
  const liveJudged = judgeMemoryWindow(context, witness)
  const liveRose = liveJudged !== null && liveJudged.significant && liveJudged.large
  if (reserved?.values && whole.slope > 0 && !liveRose) {
    // Growth of each over the same steady span (slopes × this series' window).
    const span = whole.x1 - whole.x0
    const ownGrowth = whole.slope * span
    const reservedGrowth = reserved.values.slope * span
    // What the allocator added beyond the reserved heap is outside it: within the tolerance it is
    // churn; beyond it, pages the heap does not account for (a native leak of 500 B per request
    // beside a recorded 16 MiB table: +21.4 MiB, of which the table's heap pages were 16).
    const outside = ownGrowth - Math.max(0, reservedGrowth)
    const outsideBeyond = outside > 0 && overMemoryTolerance(context, detail, whole, outside)
    if (reservedGrowth >= RESERVED_SHARE * ownGrowth && !outsideBeyond)
      return {
        kind: 'reserved',
        reserved,
        text: `but ${reserved.series.metric} (the heap the runtime reserved) grew with it while ${witness.series.metric} (the live heap) ${describeHeapChange(detail, witness)}: heap pages kept for garbage churn, not memory the program holds`
      }
  }
  // The live heap rose too (a cache filling, then levelling off): the runtime reserves up to
  // about twice what it holds, so allocator growth within that is the heap's, and bounded with it.
  const ownRise = riseBetween(detail, whole.x0, whole.x1)
  const liveRise = riseBetween(witness, whole.x0, whole.x1)
  // Only a heap that levelled off (a cache filled, a table loaded once) explains it: a heap still
  // rising at its pace does not vouch for anything.
  const heapJudged = liveJudged
  const levelled =
    heapJudged !== null &&
    (heapJudged.slowedTo !== undefined ||
      Boolean(heapJudged.step) ||
      (heapJudged.significant && !heapJudged.sustained))
  // A heap that stepped once (a table) adds its pages at the step: growth at one pace on both
  // sides of it is outside the heap, however it compares with the step's size.
  const besideStep = levelled ? risesBesideHeapStep(context, detail, heapJudged?.step) : null
  if (besideStep)
    return {
      kind: 'native',
      text: `while ${witness.series.metric} (the live heap) stepped ${formatDelta(heapJudged!.step!.size, witness.series.unit)} once and was flat before and after (a table loaded once), and ${detail.series.metric} rose ${formatDelta(besideStep.before.rise, detail.series.unit)} before that step and ${formatDelta(besideStep.after.rise, detail.series.unit)} after it, at one pace (${formatPValue(besideStep.before.pValue)} and ${formatPValue(besideStep.after.pValue)}): memory held outside the heap, a native leak`
    }
  // A growth found on the last half is weighed there: a heap that rose and levelled off earlier
  // reserves no pages for what the allocator added after it levelled.
  const lateOutside =
    levelled && options.lastHalf ? outsideAfterLevelling(context, detail, witness) : null
  if (lateOutside)
    return {
      kind: 'native',
      text: `while ${witness.series.metric} (the live heap) levelled off: over the last half ${lateOutside.text}: memory held outside the heap, a native leak`
    }
  if (
    levelled &&
    ownRise !== null &&
    liveRise !== null &&
    liveRise > 0 &&
    ownRise <= HEAP_OVERHEAD * liveRise
  )
    return {
      kind: 'reserved',
      reserved: witness,
      text: `but ${witness.series.metric} (the live heap) rose ${formatBytes(liveRise)} over the same time and levelled off: the runtime reserving pages for a bounded heap (${formatBytes(ownRise)} here, within ${HEAP_OVERHEAD}× the heap's rise), not a leak`
    }
  const touched = committedPagesTouched(context, detail)
  if (touched) return { kind: 'reserved', reserved: touched.committed, text: touched.text }
  const pace = lastHalfKeepsPace(detail, NATIVE_PACE_FRACTION)
  const keepsPace = options.keepsPace === true || pace.keeps
  const withWork = options.keepsPace === true || pace.withWork
  const perWork = detail.perWork
  // Outside the heap means the heap did not rise with it: a live heap that rose by a quarter of
  // the allocator's growth or more (still climbing, not judged a leak) leaves it unclear.
  // A heap read right after each collection (a JVM's heap_after_gc) is the live heap itself, where
  // a sawtooth's readings drift with the young generation's size: beside a JVM's native leak of
  // 12.2 MiB the heap in use rose 3.52 MiB (0.29 of it), the heap after collection 0.07 MiB.
  const after = afterCollectionSeriesOf(context, detail)
    .map((other) => ({ other, rise: riseBetween(other, whole.x0, whole.x1) }))
    .find((read): read is { other: SeriesDetail; rise: number } => read.rise !== null)
  const afterDecides = liveRise !== null && after !== undefined && after.rise < liveRise
  // A live heap that rose in one step, flat before and after (a table loaded once), rose by that
  // step and nothing else: what it adds beside the allocator's growth is its creep around it.
  const heapStep =
    afterDecides || liveRise === null
      ? undefined
      : [judgeMemoryFloor(context, witness), liveJudged].find(
          (j) => j !== null && !j.growing && j.step !== undefined
        )?.step
  const heapRise = afterDecides
    ? after.rise
    : heapStep && liveRise !== null
      ? Math.max(0, liveRise - heapStep.size)
      : liveRise
  // said on the series that decided it
  const heapSaid = afterDecides
    ? `${witness.series.metric} (the live heap) ${describeHeapChange(detail, witness)} and ${after.other.series.metric} (the heap right after each collection) ${formatDelta(after.rise, after.other.series.unit)}`
    : heapStep
      ? `${witness.series.metric} (the live heap) stepped ${formatDelta(heapStep.size, witness.series.unit)} once and was flat before and after (a table loaded once)`
      : `${witness.series.metric} (the live heap) ${describeHeapChange(detail, witness)}`
  const heapStill =
    heapRise === null ||
    heapRise <= 0 ||
    (ownRise !== null && ownRise > 0 && heapRise < OUTSIDE_HEAP_SHARE * ownRise)
  // said only when a native leak is found
  const nativeKinds = (): string =>
    isGoProcess(
      sameProcessSeries(context.series, detail)
        .map((other) => other.series.metric)
        .concat(detail.series.metric)
    )
      ? "cgo, a C library or mmap'd pages"
      : 'Buffers, a native addon or driver, C extensions'
  if (keepsPace && withWork && heapStill)
    return {
      kind: 'native',
      text: `while ${heapSaid}, and it keeps its pace to the end of the run${perWork ? ' with the work' : ''}: memory held outside the heap (${nativeKinds()}), a native leak`
    }
  // A live heap that rose and levelled off (a cache that filled) is not still, but its pages are
  // bounded with it: the reserved heap's own rise, or at most HEAP_OVERHEAD× the live heap's. What
  // the allocator added beyond them, a quarter of its rise or more and over the tolerance by
  // itself, keeping its pace to the end with the work, is outside the heap (500 B per request of
  // native memory beside a recorded cache filling over 55 % under a tall sawtooth: RSS +75 MiB,
  // the heap +21 MiB).
  const outside =
    keepsPace && withWork && levelled && !heapStill && ownRise !== null && liveRise !== null
      ? outsideLevelledHeap(context, detail, reserved, ownRise, liveRise)
      : null
  if (outside)
    return {
      kind: 'native',
      text: `while ${witness.series.metric} (the live heap) ${describeHeapChange(detail, witness)} and levelled off, and ${detail.series.metric} rose ${formatDelta(outside.beyond, detail.series.unit)} beyond the heap's pages (${outside.pages}) over the same time, keeping its pace to the end of the run${perWork ? ' with the work' : ''}: memory held outside the heap (${nativeKinds()}), a native leak`
    }
  return { kind: 'unclear' }
}

/**
 * Over the last half of its window, an allocator-held series that rose beyond its tolerance and
 * beyond {@link HEAP_OVERHEAD}× what the live heap rose there, without slowing down (its last
 * quarter at {@link NATIVE_PACE_FRACTION} of the last half's pace or more, on its readings): the
 * heap's pages were reserved while it rose, earlier; an allocator settling after a fill slows down.
 * A recorded cache filling over 55 % of 5 minutes with 500 B per request added outside the heap:
 * RSS +15.7 MiB over the last half, the heap +0.4 MiB there (it rose +28.7 MiB over the window).
 */
function outsideAfterLevelling(
  context: AnalysisContext,
  detail: SeriesDetail,
  witness: SeriesDetail
): { text: string } | null {
  const late = detail.lastHalf
  if (!late || !(late.slope > 0)) return null
  const own = riseBetween(detail, late.x0, late.x1)
  const live = riseBetween(witness, late.x0, late.x1)
  if (own === null || live === null || !(own > HEAP_OVERHEAD * Math.max(0, live))) return null
  if (!overMemoryTolerance(context, detail, late, own)) return null
  const { x, y } = readingsBetween(detail, late.x0, late.x1)
  if (y.length < 8) return null
  const { pace, endPace } = paceAndEndPace(x, y)
  if (!(pace > 0) || !(endPace >= NATIVE_PACE_FRACTION * pace)) return null
  const unit = detail.series.unit
  return {
    text: `${detail.series.metric} rose ${formatDelta(own, unit)} where the live heap ${live >= 0 ? `rose ${formatBytes(live)}` : `fell ${formatBytes(-live)}`}, and kept its pace to the end (${describeSlopeShort(detail, endPace)} over the last quarter, ${describeSlopeShort(detail, pace)} over the last half)`
  }
}

/**
 * Whether an allocator-held series rose at one pace on both sides of the step a live heap took
 * (a table loaded once), by more than its tolerance together: a heap that stepped once adds its
 * pages at the step, so growth before and after it is not the heap's (a native leak of 300 B per
 * request beside a recorded 20 MiB table at 40 %: RSS +38 MiB over the window, under twice the
 * heap's +20 MiB step, but rising on both sides of it). See across-step.ts.
 */
function risesBesideHeapStep(
  context: AnalysisContext,
  detail: SeriesDetail,
  step: { x: number } | undefined
): GrowthAcrossStep | null {
  const whole = detail.values
  if (!step || !whole) return null
  const { x, y } = readingsBetween(detail, whole.x0, whole.x1)
  const beside = growthBesideStep(x, y, step.x)
  return beside && overMemoryTolerance(context, detail, whole, beside.growth) ? beside : null
}

/**
 * What an allocator-held series rose beyond the pages of a live heap that levelled off: the
 * reserved heap's rise over the same window when it is read, else {@link HEAP_OVERHEAD}× the live
 * heap's rise. Null unless that is {@link OUTSIDE_HEAP_SHARE} of the series' rise or more and
 * beyond its tolerance by itself.
 */
function outsideLevelledHeap(
  context: AnalysisContext,
  detail: SeriesDetail,
  reserved: SeriesDetail | undefined,
  ownRise: number,
  liveRise: number
): { beyond: number; pages: string } | null {
  const whole = detail.values
  if (!whole || !(ownRise > 0)) return null
  const reservedRise = reserved ? riseBetween(reserved, whole.x0, whole.x1) : null
  const pages =
    reservedRise !== null
      ? Math.max(reservedRise, liveRise, 0)
      : HEAP_OVERHEAD * Math.max(liveRise, 0)
  const beyond = ownRise - pages
  if (!(beyond >= OUTSIDE_HEAP_SHARE * ownRise)) return null
  if (!overMemoryTolerance(context, detail, whole, beyond)) return null
  return {
    beyond,
    pages:
      reservedRise !== null && reserved
        ? `${reserved.series.metric} ${formatDelta(reservedRise, detail.series.unit)}`
        : `at most ${HEAP_OVERHEAD}× the live heap's rise`
  }
}

/** A JVM's committed heap: `heap_committed_bytes`, `jvm_memory_committed_bytes{area="heap"}`. */
const COMMITTED_HEAP_NAME = /committed/i
/** Memory a JVM measures outside its heap: non-heap (metaspace, code cache), direct and mapped buffers. */
const MEASURED_OUTSIDE_HEAP =
  /non_?heap|metaspace|direct|code_?cache|mapped|buffer_(?:memory|total)/i
/** The buffer pools among them (direct and mapped ByteBuffers): memory apart from non-heap. */
const BUFFER_POOL_NAME = /direct|mapped|buffer_(?:memory|total)/i
/** Fewest intervals between readings after a step for a creep to be read from their median pace. */
const MIN_CREEP_READINGS = 5
/** A committed heap, or memory measured outside it, is flat when it moves less than this share of its level… */
const FLAT_SHARE = 0.05
/** …or less than this many bytes (G1 commits whole 1 MiB regions). */
const FLAT_BYTES = 2 ** 20
/**
 * Share of the heap's new highs in the window still to come where RSS is looked at again: from
 * there to the end RSS may rise only by what those last highs could touch.
 */
const LATE_HIGHS_SHARE = 1 / 4

/**
 * A JVM's heap columns in the same rows as an allocator-held `detail` (same file, group and
 * x axis, bytes): one committed heap (per-pool series would have to be summed), the live heap and,
 * when measured, the heap right after each collection; with every series of those rows. Null when
 * the committed heap or the live heap is missing.
 */
function jvmHeapColumns(
  context: AnalysisContext,
  detail: SeriesDetail
): {
  own: SeriesDetail[]
  committed: SeriesDetail
  live: SeriesDetail
  after: SeriesDetail | undefined
} | null {
  const n = detail.series.value.length
  const sameRows = (other: SeriesDetail): boolean =>
    other.series.file === detail.series.file &&
    other.series.group === detail.series.group &&
    other.xAxis === detail.xAxis &&
    other.series.value.length === n &&
    other.series.unit === 'bytes'
  const own = sameProcessSeries(context.series, detail).filter(sameRows)
  const committedHeaps = own.filter(
    (other) =>
      COMMITTED_HEAP_NAME.test(other.series.metric) &&
      /heap/i.test(other.series.metric) &&
      !NON_HEAP_NAME.test(other.series.metric)
  )
  if (committedHeaps.length !== 1) return null
  const committed = committedHeaps[0]
  const live = own.find((other) => isLiveHeap(other) && other !== committed)
  if (!live) return null
  const after = own.find((other) => isAfterCollection(other) && other !== committed)
  return { own, committed, live, after }
}

/**
 * RSS (or container memory) of a JVM that stepped once and kept rising after the step while the
 * heap had nothing new to touch: its committed heap flat after the step, and the rise after the
 * step more than 1 MiB ({@link FLAT_BYTES}) beyond the new highs the heap's use and its
 * heap-after-collection reached after it (a new high of X bytes touches at most X bytes of pages
 * the heap had not used). G1 touches the pages of the heap's young generation
 * as it grows into the committed heap (a 36 MiB step under a heap fixed at 256 MiB) and stops;
 * memory added per unit of work outside every JVM metric (Unsafe.allocateMemory, a native
 * library) keeps rising after it: a recorded 256 B per unit, +4.54 MiB over the 55 s after the
 * step, which the step's own flatness test (a quarter of the step) let pass. The rise is read
 * twice, as the step's fit reads it and at its steady pace (jumps and measured non-heap left out),
 * and must pass the heap's new highs by 1 MiB both ways. The clause, or null.
 */
export function creepAfterStep(
  context: AnalysisContext,
  detail: SeriesDetail,
  step: { x: number; size: number; afterRise: number }
): string | null {
  if (!isAllocatorHeld(detail) || !detail.values || !(step.afterRise > FLAT_BYTES)) return null
  const columns = jvmHeapColumns(context, detail)
  if (!columns) return null
  const { own, committed, live, after } = columns
  const x = detail.x
  const x1 = detail.values.x1
  const highest = (values: readonly number[], from: number, to: number): number => {
    let high = -Infinity
    for (let i = 0; i < x.length; i++)
      if (x[i] >= from && x[i] < to && Number.isFinite(values[i])) high = Math.max(high, values[i])
    return high
  }
  const c = committed.series.value
  // Pages the heap used before G1 last gave committed memory back (System.gc() shrinking the
  // heap) are not resident any more: the heap's highs before the step count from that fall.
  let start = x[0]
  for (let i = 1; i < x.length && x[i] < step.x; i++) if (c[i - 1] - c[i] > FLAT_BYTES) start = x[i]
  const committedAfter = highest(c, step.x, x1 + 1)
  const committedLow = -highest(
    c.map((v) => -v),
    step.x,
    x1 + 1
  )
  if (!Number.isFinite(committedAfter) || committedAfter - committedLow > FLAT_BYTES) return null
  const grew = (values: readonly number[]): number => {
    const before = highest(values, start, step.x)
    const since = highest(values, step.x, x1 + 1)
    return Number.isFinite(before) && Number.isFinite(since) ? Math.max(0, since - before) : 0
  }
  const extent = grew(live.series.max) + (after ? grew(after.series.value) : 0)
  // a new high of X bytes can touch at most X bytes of pages not touched before
  if (step.afterRise <= extent + FLAT_BYTES) return null
  // A creep goes on from reading to reading; G1 touching fresh young regions once more with no
  // new high (+5 MiB, then flat) is one jump, which the step's own fit reads as a rise after it.
  // The median pace over spans of an eighth of the readings after the step leaves a jump or two
  // out (each sits in that many spans only) and evens out RSS's small saw (pages freed in a
  // batch). What the JVM measures outside its heap is resident too (the code cache filling as
  // the JIT warms up): its rise over each span is taken off RSS's, one series per kind (the
  // fastest: non-heap holds metaspace and the code cache), so only memory no metric sees is left.
  const y = detail.series.value
  const outside = own.filter(
    (o) => o !== committed && o !== detail && MEASURED_OUTSIDE_HEAP.test(o.series.metric)
  )
  const kinds = [
    outside.filter((o) => !BUFFER_POOL_NAME.test(o.series.metric)),
    outside.filter((o) => BUFFER_POOL_NAME.test(o.series.metric))
  ]
  const readings: number[] = []
  for (let i = 0; i < x.length; i++)
    if (x[i] >= step.x && x[i] <= x1 && Number.isFinite(y[i])) readings.push(i)
  const lag = Math.max(1, Math.round(readings.length / 8))
  const paces: number[] = []
  for (let k = 0; k + lag < readings.length; k++) {
    const i = readings[k]
    const j = readings[k + lag]
    const dx = x[j] - x[i]
    if (!(dx > 0)) continue
    let rise = y[j] - y[i]
    for (const kind of kinds) {
      let most = 0
      for (const o of kind) {
        const r = o.series.value[j] - o.series.value[i]
        if (Number.isFinite(r)) most = Math.max(most, r)
      }
      rise -= most
    }
    paces.push(rise / dx)
  }
  const creep = paces.length >= MIN_CREEP_READINGS ? median(paces) * (x1 - step.x) : 0
  if (creep <= extent + FLAT_BYTES) return null
  const unit = detail.series.unit
  const measuredText =
    outside.length > 0
      ? `, ${formatDelta(creep, unit)} of it at a steady pace beyond what ${outside.map((o) => o.series.metric).join(', ')} measured`
      : ''
  return `it stepped ${formatDelta(step.size, unit)} once, but kept rising ${formatDelta(step.afterRise, unit)} after the step while ${committed.series.metric} (the heap the JVM committed) stayed at ${formatBytes(committedAfter)} and the heap reached ${formatBytes(extent)} of new highs (${live.series.metric}${after ? `, ${after.series.metric}` : ''})${measuredText}: no page of the heap left to touch for the first time, memory added outside every heap metric`
}

/**
 * Pages of a JVM's committed heap touched for the first time: RSS (or container memory) rises
 * within the heap the JVM committed, and the memory it measures outside the heap (non-heap, direct
 * buffers) is flat. Linux backs committed pages only when written, and G1 spreads its regions over
 * the whole committed heap (young regions from the bottom of its free list, old ones from the top),
 * so RSS climbs towards the committed size as the young generation grows into it (or into a heap
 * G1 expanded: committed 24 → 107 MiB after a table was built) and as the old generation reaches
 * regions it never used (a 21.7 MiB table: +36 MiB of RSS under a committed heap fixed at 256 MiB,
 * the heap's highs +10 MiB), and stops there. What that can add is bounded twice: by the highest
 * committed heap in the window less the heap's highest use since it was last resized before the
 * window (pages the heap had used are already resident), and by {@link HEAP_OVERHEAD}× the heap's
 * new extent in the window: its use's new highs plus the heap-after-collection's new highs (the
 * old generation; a heap whose peaks and floor stay where they were touches nothing new: RSS rising
 * beside it is not its). Beyond either, with measured non-heap growing, or with RSS still climbing
 * after that extent stopped growing (a native leak keeps its pace per unit of work), it is not
 * explained. The committed heap, the live heap and the heap after collection must be columns of
 * the same rows as `detail`.
 */
export function committedPagesTouched(
  context: AnalysisContext,
  detail: SeriesDetail
): { committed: SeriesDetail; text: string } | null {
  const whole = detail.values
  if (!whole || !isAllocatorHeld(detail) || HEAP_RESERVED_NAME.test(detail.series.metric))
    return null
  const n = detail.series.value.length
  const columns = jvmHeapColumns(context, detail)
  if (!columns) return null
  const { own, committed, live, after } = columns
  const x = detail.x
  const { x0, x1 } = whole
  const inWindow = (i: number): boolean => x[i] >= x0 && x[i] <= x1
  const flatBy = (level: number): number => Math.max(FLAT_BYTES, FLAT_SHARE * level)
  const c = committed.series.value
  let low = Infinity
  let high = -Infinity
  for (let i = 0; i < n; i++)
    if (inWindow(i) && Number.isFinite(c[i])) {
      low = Math.min(low, c[i])
      high = Math.max(high, c[i])
    }
  if (!Number.isFinite(high)) return null
  // what the JVM measures outside its heap did not grow either (a class-loader or direct-buffer leak)
  const outside = own.filter(
    (other) => other !== committed && MEASURED_OUTSIDE_HEAP.test(other.series.metric)
  )
  for (const other of outside) {
    const rise = riseBetween(other, x0, x1)
    const level = other.values?.level ?? 0
    if (rise === null || rise > flatBy(level)) return null
  }
  // the heap's highest use (and floor) since the committed heap was last resized, up to the window
  let since = 0
  for (let i = 1; i < n && x[i] <= x0; i++)
    if (Math.abs(c[i] - c[i - 1]) > FLAT_BYTES || !Number.isFinite(c[i])) since = i
  // The heap's new extent by each reading: its use's new highs plus its floor's new highs.
  const extent: number[] = new Array<number>(n).fill(Number.NaN)
  let highest = -Infinity
  let reached = -Infinity
  let floorHighest = -Infinity
  let floorReached = -Infinity
  for (let i = since; i < n && x[i] <= x1; i++) {
    const used = live.series.max[i]
    const floor = after ? after.series.value[i] : Number.NaN
    if (Number.isFinite(used)) {
      if (x[i] <= x0) highest = Math.max(highest, used)
      reached = Math.max(reached, used)
    }
    if (Number.isFinite(floor)) {
      if (x[i] <= x0) floorHighest = Math.max(floorHighest, floor)
      floorReached = Math.max(floorReached, floor)
    }
    if (x[i] > x0 && Number.isFinite(highest))
      extent[i] =
        reached - highest + (Number.isFinite(floorHighest) ? floorReached - floorHighest : 0)
  }
  const room = high - highest
  const spread = reached - highest
  const floorSpread = Number.isFinite(floorHighest) ? floorReached - floorHighest : 0
  const newExtent = spread + floorSpread
  const rise = riseBetween(detail, x0, x1)
  if (!Number.isFinite(highest) || !(room > 0) || !(newExtent > 0)) return null
  // within the untouched room, and no more than the heap's own new extent could touch
  if (rise === null || !(rise > 0) || rise > room || rise > HEAP_OVERHEAD * newExtent) return null
  // Touching is bounded, so RSS levels off; a native leak keeps its pace to the end. G1 also
  // touches fresh regions with no new high (jvm-cache-1: +6.4 MiB at 1 MiB under its high, then
  // flat), so only RSS still climbing at the end, long after the heap's extent stopped growing, is
  // refused: from the reading where the last quarter of that extent was still to come, RSS may
  // rise only by what that last quarter could touch.
  if (stillClimbs(detail, x0, x1, rise)) {
    for (let i = since; i < n && x[i] <= x1; i++) {
      if (x[i] <= x0 || !(extent[i] >= newExtent - LATE_HIGHS_SHARE * newExtent)) continue
      const tail = riseBetween(detail, x[i], x1)
      if (tail !== null && tail > HEAP_OVERHEAD * (newExtent - extent[i]) + FLAT_BYTES) return null
      break
    }
  }
  // Nor can RSS climb ahead of the heap's extent: by the window's early part it may have risen
  // only by what the extent had reached there (a native leak beside a heap that grew late).
  const early = x0 + EARLY_SHARE * (x1 - x0)
  let extentEarly = 0
  for (let i = 0; i < n && x[i] <= early; i++) if (extent[i] >= 0) extentEarly = extent[i]
  const earlyRise = riseBetween(detail, x0, early)
  if (
    earlyRise !== null &&
    earlyRise >= EARLY_RISE_SHARE * rise &&
    earlyRise > HEAP_OVERHEAD * extentEarly + FLAT_BYTES
  )
    return null
  // However small beside the window's rise (a large first touch): over the window's last quarter
  // RSS may rise only by what the heap's extent added there, plus 1 MiB.
  const quarter = x1 - (x1 - x0) / 4
  let extentAtQuarter = 0
  for (let i = 0; i < n && x[i] <= quarter; i++) if (extent[i] >= 0) extentAtQuarter = extent[i]
  const lastQuarter = riseBetween(detail, quarter, x1, 1)
  if (
    lastQuarter !== null &&
    lastQuarter > HEAP_OVERHEAD * (newExtent - extentAtQuarter) + FLAT_BYTES
  )
    return null
  const measured =
    outside.length > 0 ? ` and ${outside.map((o) => o.series.metric).join(', ')} flat` : ''
  const committedText =
    high - low > flatBy(high)
      ? `grew to ${formatBytes(high)} (from ${formatBytes(low)})`
      : `stayed at ${formatBytes(high)}`
  const floorText =
    after && floorSpread > 0
      ? ` and ${after.series.metric} new highs (${formatBytes(floorHighest)} → ${formatBytes(floorReached)}, the old generation reaching regions it had not used)`
      : ''
  return {
    committed,
    text: `but ${committed.series.metric} (the heap the JVM committed) ${committedText}${measured} over the same time: pages of the committed heap touched for the first time as ${live.series.metric} reached new highs (${formatBytes(highest)} → ${formatBytes(reached)})${floorText}: ${detail.series.metric} rose ${formatBytes(rise)}, within ${HEAP_OVERHEAD}× the heap's new extent of ${formatBytes(newExtent)} and within the ${formatBytes(room)} of the committed heap not used since it was last resized, not memory the program added`
  }
}

/**
 * Whether a series that rose `rise` over [x0, x1] still climbs in the window's last quarter at
 * {@link NATIVE_PACE_FRACTION} of the window's pace or more (its ends read one sample a fifth).
 */
function stillClimbs(detail: SeriesDetail, x0: number, x1: number, rise: number): boolean {
  const end = riseBetween(detail, x1 - (x1 - x0) / 4, x1, 1)
  return end !== null && end >= (NATIVE_PACE_FRACTION * rise) / 4 && end > FLAT_BYTES
}

/**
 * Share of an allocator-held series' rise that its live heap's own rise over the same window must
 * reach to carry it: the heap then holds what the allocator added, whatever its trend test says.
 */
export const CARRY_SHARE = 0.5

/**
 * A live heap that its own trend test calls flat, yet that rose over an allocator-held series'
 * window by at least {@link CARRY_SHARE} of that series' rise: under a sawtooth as tall as the heap
 * a slow leak's trend is not significant (a recorded 110 B per request under a ~100 MiB sawtooth,
 * 170 s: heapUsed +6.34 MiB, p > 0.01, beside RSS +8.55 MiB, p < 0.001), but its pages are in RSS.
 * Allocator fragmentation adds to RSS with the heap flat. The clause saying so and the heap's
 * rise, or null.
 */
export function heapCarriesClause(
  detail: SeriesDetail,
  heap: SeriesDetail,
  window: 'whole' | 'last-half' = 'whole'
): { text: string; carried: number } | null {
  // over the window the finding measured: a rise late in the run is carried only by the heap's
  // rise there (a cache that filled early left the heap's rise in the first half)
  const fit = window === 'last-half' ? detail.lastHalf : detail.values
  // The reserved heap is sized to the live heap: that one rising with the other says nothing.
  if (HEAP_RESERVED_NAME.test(detail.series.metric)) return null
  if (!fit || heap.series.unit !== detail.series.unit || heap.xAxis !== detail.xAxis) return null
  const own = riseBetween(detail, fit.x0, fit.x1)
  const carried = riseBetween(heap, fit.x0, fit.x1)
  if (own === null || carried === null || !(own > 0) || !(carried >= CARRY_SHARE * own)) return null
  return {
    text: `${heap.series.metric} (the live heap, ${heap.series.file}) rose ${formatBytes(carried)} of it over the same time: its trend is lost under its sawtooth, but a rise that large is the live heap's pages, not the allocator's: the program holds what ${detail.series.metric} added`,
    carried
  }
}

/** The clause a downgraded finding ends with. */
export function witnessClause(witness: SeriesDetail, detail?: SeriesDetail): string {
  const did = detail ? describeHeapChange(detail, witness) : 'is flat'
  if (detail && HEAP_RESERVED_NAME.test(detail.series.metric))
    return `but ${witness.series.metric} (the live heap, ${witness.series.file}) ${did} over the same time: heap pages the runtime reserved, not memory the program holds; a slow leak under the live heap's sawtooth would look the same`
  return `but ${witness.series.metric} (the live heap, ${witness.series.file}) ${did} over the same time: memory kept by the allocator (fragmentation, freed pages not returned), not held by the program; a native leak outside the heap would look the same`
}

/**
 * The pace memory beside collected objects must keep through its last half to be a leak: stricter
 * than beside a flat heap ({@link NATIVE_PACE_FRACTION}), as counters see fewer of a process's
 * allocations than a heap does (an allocator settling over a run still slows below it).
 */
export const COUNTED_PACE_FRACTION = 2 / 3

/**
 * Memory beside collected objects that still climbs through the last half of
 * its window at {@link COUNTED_PACE_FRACTION} of the window's pace or more
 * (significantly) and with the work: the allocator's arenas settle, memory
 * kept per unit of work does not, whatever holds it (a C extension, a cache
 * no counter sees). The clause saying so, or null.
 */
export function keepsPaceOutsideCounted(detail: SeriesDetail): string | null {
  if (!detail.values || !(detail.values.slope > 0)) return null
  const pace = lastHalfKeepsPace(detail, COUNTED_PACE_FRACTION)
  if (!pace.keeps || !pace.withWork) return null
  return `the tracked objects are collected, yet it keeps its pace to the end of the run${detail.perWork ? ' with the work' : ''}: memory kept outside the counted objects (a C extension, a buffer or cache no counter sees), a leak`
}

/**
 * Without a live heap, the object counters can vouch instead: when the run
 * counts objects (created/collected/live) and every tracked lifecycle is
 * collected at the minimum rate with no rising uncollected trend, and every
 * count and live series is judged and flat, allocator-held growth is a
 * warning. A Python worker's RSS creeps in arena-sized steps while all its
 * brokers are collected; a leak of the tracked objects fails on the counters.
 * Only counts not provably of another process vouch (see
 * {@link provablyOtherProcess}): a leak in one container is not excused by
 * another's flat counts.
 */
export function flatObjectsWitness(context: AnalysisContext, detail: SeriesDetail): string | null {
  if (!isAllocatorHeld(detail)) return null
  // Counts of another process (another appended run, folder, container, pid) vouch for nothing
  // here; those merely not known to be this one's (a worker's two files) still do.
  const other = (series: Series): boolean =>
    provablyOtherProcess(context.series, detail.series, series)
  const lifecycles = context.lifecycles.filter((life) => !other(life.created))
  if (lifecycles.length === 0) return null
  // Counters vouch only for what they count: growth of more than a quarter of the process over
  // the window is not allocator creep (a healthy worker crept ~7 % in 4 min; a registry leak 33 % in 30 s).
  const percent = (fit: SeriesDetail['values']): number =>
    fit && fit.level > 0 ? (fit.growth / fit.level) * 100 : 0
  if (Math.max(percent(detail.values), percent(detail.lastHalf)) > MAX_CREEP_PERCENT) return null
  for (const life of lifecycles) {
    if (life.ratePercent === null || life.ratePercent < DEFAULTS.collectionRatePercent) return null
    if (life.trend && life.trend.pValue < DEFAULTS.alpha && life.trend.slope > 0) return null
  }
  // A witness column (the collector's own gen2 count) is no tracked object.
  const counters = context.series.filter(
    (d) =>
      !d.series.witnessOnly &&
      (d.series.kind === 'count' || d.series.kind === 'live') &&
      !other(d.series)
  )
  for (const d of counters) if (d.insufficient || !d.values || grows(context, d)) return null
  const rates = lifecycles
    .map((l) => `${l.metric} ${formatPercent(l.ratePercent ?? 0)} collected`)
    .join(', ')
  return `but the tracked objects are collected (${rates}) and ${counters.length > 0 ? 'every counter is flat' : 'nothing accumulates'}: memory kept by the allocator (arenas, fragmentation) or by something not counted`
}

/**
 * Fewer major collections than this in the steady part and the live heap's
 * floor has not been measured: its rise may be garbage waiting for one. With
 * three or more, the floor after them is what the program holds.
 */
export const MIN_MAJOR_COLLECTIONS = 3
/** Share of the floor's rise a forced collection must free for the rise to be garbage, not retained. */
export const UNCOLLECTED_SHARE = 0.5
/**
 * The same share for a heap read right after each collection (a JVM's heap after its
 * pauses): its climb holds no young-generation garbage, only what was promoted, so what the
 * forced collection freed is old-generation garbage alone, measured between two full
 * collections (the baseline's and the post-test's System.gc()).
 */
export const AFTER_GC_UNCOLLECTED_SHARE = 1 / 3

function unitIsBytes(detail: SeriesDetail): boolean {
  return detail.series.unit === 'bytes'
}

/** A live heap's rise that a forced collection showed to be garbage (see {@link uncollectedRise}). */
export interface UncollectedRise {
  collections: number
  /** The held floor's climb above the start floor. */
  rise: number
  freed: number
  post: number
  /** The floor where the steady window started. */
  startFloor: number
  /**
   * Set when the heap filled and stopped: the post-test heap is no higher than
   * the floor the last major collection left (the climb after it is garbage).
   */
  levelled?: true
  /** Set when the allocator levelled off under a heap whose late readings were garbage ({@link garbageOverAllocatorPlateau}). */
  lateGarbage?: true
  /** `the forced collection before the post-test snapshot (post-test.json) freed 11.1 MiB of it (44.1 MiB left), with no major collection in the steady part` */
  freedText: string
  text: string
}

/**
 * True when the series spans more than one process, or may: a restart or
 * stop seen in it (a level reset, a `0B / 0B` row, a work counter that went
 * back, a new pid or container id). The floor's climb and the post-test heap then belong to different
 * processes, and the freed part says nothing about the climb.
 */
export function spansProcesses(detail: SeriesDetail): boolean {
  if ((detail.segmented?.resets.length ?? 0) > 0) return true
  return namesOtherProcess(detail)
}

/**
 * True when the series names another process or shows one: a stop, a new pid
 * or container id, or a work counter that went back. Unlike
 * {@link spansProcesses}, a fall alone is no evidence: a live count falls at
 * every collection.
 */
function namesOtherProcess(detail: SeriesDetail): boolean {
  if ((detail.series.stops?.length ?? 0) > 0) return true
  if ((detail.series.processChanges?.length ?? 0) > 0) return true
  let last = Number.NaN
  for (const w of detail.series.work) {
    if (!Number.isFinite(w)) continue
    if (w < last) return true
    last = w
  }
  return false
}

/** Last known cumulative work count of a series (NaN when it counts none). */
/**
 * The snapshot pair of `detail`'s metric taken from `detail`'s process, with the series of
 * that metric it speaks for (same-process.ts: its folder, its appended run), or null: a
 * post-test snapshot vouches only for the run it was taken around.
 */
function ownSnapshot(
  context: AnalysisContext,
  detail: SeriesDetail
): { snapshot: SnapshotDetail; series: SeriesDetail[] } | null {
  for (const snapshot of context.snapshots) {
    const { metric, unit } = snapshot.analysis
    if (metric !== detail.series.metric || unit !== detail.series.unit) continue
    const own = snapshotProcessSeries(context.series, snapshot).series
    if (own.includes(detail)) return { snapshot, series: own }
  }
  return null
}

function lastWork(detail: SeriesDetail): number {
  const work = detail.series.work
  for (let i = work.length - 1; i >= 0; i--) if (Number.isFinite(work[i])) return work[i]
  return Number.NaN
}

/**
 * The live heap's floor climbed in the steady part with fewer than
 * {@link MIN_MAJOR_COLLECTIONS} major collections seen, and the post-test
 * snapshot (taken after a forced collection) lies below the held floor
 * (the highest level the heap stayed above for 15 % of the window in a
 * row) by at least {@link UNCOLLECTED_SHARE} of that floor's climb: the climb was mostly
 * old-generation garbage (a cache's evicted entries, promoted before they
 * were evicted) that no major collection had reached, not memory the
 * program holds. A leak keeps what it adds through the forced collection
 * (the post-test heap stays at or near the held floor). What the forced
 * collection left is retained-after-load's to judge. Needs raw samples of
 * one process (no restart, stop or work reset in the series), a post-test
 * snapshot of the same metric (one series of that name) and, when both
 * count work, a post-test work count at least the series' last: a snapshot
 * of a restarted process says nothing about the one sampled. The climb is
 * measured to the end floor, not the highest floor: a short plateau or
 * spike mid-run is no climb for a forced collection to free. A heap read right
 * after each collection that the forced collection left under every reading of
 * the window's last fifth is garbage at the end too: those readings hold
 * everything live then, so the collection freed more than the program added
 * since (recorded JVM caches and tables: 1.0–21.6 MiB under; the JVM heap leaks:
 * 0.1–3.1 MiB above, the closest 110 KiB). The run cannot tell a full cache from a leak beside
 * it then.
 */
export function uncollectedRise(
  context: AnalysisContext,
  detail: SeriesDetail
): UncollectedRise | null {
  const c = detail.collections
  if (!(isLiveHeap(detail) || isAfterCollection(detail)) || !c || spansProcesses(detail))
    return null
  const own = ownSnapshot(context, detail)
  if (own && own.series.filter((d) => d.series.kind === 'memory').length !== 1) return null
  // a JVM's heap after each collection: the used heap's snapshot after a forced one speaks for it
  const snapshot = own?.snapshot ?? forcedHeapSnapshot(context, detail)
  if (!snapshot) return null
  const seriesWork = lastWork(detail)
  if (snapshot.postWork !== undefined && snapshot.postWork < seriesWork) return null
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  const post = snapshot.analysis.post
  // With major collections in view the floor is measured, unless the forced collection brought the
  // heap back to its baseline: then the run kept nothing, whatever the floor did on the way.
  const keptNothing =
    unitIsBytes(detail) && post - snapshot.analysis.baseline <= DEFAULTS.growthBytes
  if (c.count >= MIN_MAJOR_COLLECTIONS && !keptNothing) return null
  const rise = c.heldFloor - c.startFloor
  const freed = c.heldFloor - post
  const unit = detail.series.unit
  // A floor climb within the noise of the floor (a fall's size) has no climb to explain; but when
  // the forced collection brought the heap back to its baseline, a mean that rose over that flat
  // floor was taller peaks between collections (V8 grows its young generation with the
  // allocation rate, or a slower load leaves more garbage per sample) and the run kept nothing.
  if (!(rise > MAJOR_FALL_FRACTION * detail.level))
    return keptNothing ? keptNothingRise(detail, snapshot, c, rise, post) : null
  // Mostly freed by the forced collection; else, told by the last major collection, filled and stopped.
  const share = isAfterCollection(detail) ? AFTER_GC_UNCOLLECTED_SHARE : UNCOLLECTED_SHARE
  const mostlyFreed = freed >= share * rise && !climbKeptByForce(detail, snapshot, c, rise, freed)
  const levelled = mostlyFreed
    ? null
    : levelledAfterCollection(
        context,
        detail,
        c,
        post,
        snapshot.analysis.baseline,
        snapshot.postWork
      )
  // A heap read right after each pause holds everything live then: a forced collection that left
  // it under every reading of the window's last fifth freed more old-generation garbage than the
  // program added since, so that climb says nothing of whether it kept adding. Only for a climb
  // its own judgement calls growing: a step or a fill that levelled off keeps its own healthy line.
  const lowest =
    mostlyFreed || levelled || !isAfterCollection(detail) || !grows(context, detail)
      ? null
      : lowestLateReading(detail)
  const underTheEnd = lowest !== null && post < lowest
  // A sampled heap (young garbage in every reading) whose allocator levelled off while its floor
  // climbed on: told by how far the forced collection left it under the window's last readings.
  const plateau =
    mostlyFreed || levelled || underTheEnd || isAfterCollection(detail)
      ? null
      : garbageOverAllocatorPlateau(context, detail, rise, post)
  if (!mostlyFreed && !levelled && !underTheEnd && !plateau) return null
  const seen =
    c.count === 0
      ? 'no major collection'
      : c.count < MIN_MAJOR_COLLECTIONS
        ? `only ${c.count} major ${c.count === 1 ? 'collection' : 'collections'}`
        : `${c.count} major collections that did not keep up`
  const freedText = levelled
    ? `the post-test snapshot (${snapshot.source}, after a forced collection) holds ${formatValue(post, unit)}: ${levelled.text}`
    : underTheEnd
      ? `the forced collection before the post-test snapshot (${snapshot.source}) left ${formatValue(post, unit)}, ${formatValue(lowest! - post, unit)} under its lowest reading of the last fifth of the window (${formatValue(lowest!, unit)}), with ${seen} in the steady part`
      : plateau
        ? `the forced collection before the post-test snapshot (${snapshot.source}) left ${formatValue(post, unit)}, ${formatValue(plateau.lowest - post, unit)} under its lowest reading of the last fifth of the window (${formatValue(plateau.lowest, unit)}, more than a fifth of the climb), with ${seen} in the steady part, while ${plateau.allocators}`
        : `the forced collection before the post-test snapshot (${snapshot.source}) freed ${formatBytes(freed)} of it (${formatValue(post, unit)} left), with ${seen} in the steady part`
  const climbed = `${detail.series.metric}'s floor climbed ${formatDelta(rise, unit)}`
  return {
    collections: c.count,
    rise,
    freed,
    post,
    startFloor: c.startFloor,
    ...(levelled ? { levelled: true as const } : {}),
    ...(plateau ? { lateGarbage: true as const } : {}),
    freedText,
    text: levelled
      ? `${climbed}, yet ${freedText}: it filled and stopped (a cache, a pool) as far as the run shows, and the floor's later climb is old-generation garbage waiting for a major collection; what stayed is retained-after-load's to judge`
      : underTheEnd || plateau
        ? `${climbed} and ${freedText}: its climb to the end was old-generation garbage waiting for a major collection (evicted cache entries, say), so the run cannot show whether it kept adding; what stayed is retained-after-load's to judge`
        : `${climbed} and ${freedText}: old-generation garbage waiting for a major collection (evicted cache entries, say), not memory held; what stayed is retained-after-load's to judge`
  }
}

/**
 * The run kept nothing (the forced collection before the post-test snapshot brought the live heap
 * back within {@link DEFAULTS.growthBytes} of its baseline) while the heap's floor moved within the
 * noise of a collection's fall: whatever its mean did, the rise was garbage between collections.
 * A healthy service whose load ramped down at the end (450 → 30 req/s) had V8 grow its young
 * generation as the rate fell: heapUsed's mean +2.97 MiB (p = 0.002) over a floor +1.65 MiB
 * (p = 0.06, under 5 % of the level), and the forced collection left +544 KiB. A leak keeps what
 * it adds through the forced collection.
 */
function keptNothingRise(
  detail: SeriesDetail,
  snapshot: SnapshotDetail,
  c: MajorCollections,
  rise: number,
  post: number
): UncollectedRise {
  const unit = detail.series.unit
  const freedText = `the forced collection before the post-test snapshot (${snapshot.source}) brought it back to ${formatValue(post, unit)}, within ${formatBytes(DEFAULTS.growthBytes)} of its baseline (${formatValue(snapshot.analysis.baseline, unit)})`
  return {
    collections: c.count,
    rise,
    freed: c.heldFloor - post,
    post,
    startFloor: c.startFloor,
    freedText,
    text: `${detail.series.metric}'s floor moved ${formatDelta(rise, unit)}, within a major collection's fall (${formatPercent(MAJOR_FALL_FRACTION * 100)} of the level), and ${freedText}: the run kept nothing; the rise is taller peaks between collections (garbage, a young generation the runtime grew), not memory held`
  }
}

/**
 * A live heap's floor climb that the forced collection before its own process's post-test
 * snapshot kept: with fewer than {@link MIN_MAJOR_COLLECTIONS} major collections in view the
 * floor may be old-generation garbage waiting for one, and the forced collection tells (it
 * freed less than {@link UNCOLLECTED_SHARE} of the climb: held, not waiting). The same checks
 * of one process and one run as {@link uncollectedRise}; false when anything is missing.
 */
export function keptThroughForcedCollection(
  context: AnalysisContext,
  detail: SeriesDetail
): boolean {
  const c = detail.collections
  if (!c) return false
  const post = forcedPost(context, detail)
  if (post === null) return false
  const rise = c.heldFloor - c.startFloor
  if (!(rise > MAJOR_FALL_FRACTION * detail.level)) return false
  return c.heldFloor - post < UNCOLLECTED_SHARE * rise
}

/**
 * What a live heap's own post-test snapshot holds after the forced collection before it, when that
 * snapshot speaks for the series: one process and one run sampled (no restart, stop or work reset),
 * one memory series of that name in the snapshots' run, and a post-test work count (when counted)
 * at least the series' last. Null otherwise.
 */
function forcedPost(context: AnalysisContext, heap: SeriesDetail): number | null {
  if (!isLiveHeap(heap) || spansProcesses(heap)) return null
  const own = ownSnapshot(context, heap)
  if (!own || own.series.filter((d) => d.series.kind === 'memory').length !== 1) return null
  const snapshot = own.snapshot
  if (snapshot.postWork !== undefined && snapshot.postWork < lastWork(heap)) return null
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  return snapshot.analysis.post
}

/**
 * Whether the forced collection before the post-test snapshot kept what a live heap's last half
 * (`late`) added: at least {@link HELD_RISE_SHARE} of its growth above the heap's lowest reading in
 * the first fifth of that half. Garbage that piled up over the last half (a full LRU's evictions
 * waiting for a major collection) is freed by it, down to below that reading (four recorded caches
 * and tables: 0.3–9.3 MiB below); a leak keeps what it added (400 B per request beside a recorded
 * table: 5.0 MiB above, of 8.8 MiB). Null without a snapshot of the heap's own run to ask.
 */
export function keptLateRise(
  context: AnalysisContext,
  heap: SeriesDetail,
  late: TrendFit
): boolean | null {
  const post = forcedPost(context, heap)
  if (post === null) return null
  const start = lowestReading(heap, late.x0, late.x0 + (late.x1 - late.x0) / 5, 'value')
  if (start.count < 2 || !(late.growth > 0)) return null
  return post - start.low >= HELD_RISE_SHARE * late.growth
}

/**
 * Whether the forced collection before the post-test snapshot left the live heap at or above its
 * lowest reading in the last fifth of the steady window: a leak keeps adding to the end, so what it
 * added after that reading stays on top of it, while a fill that levelled off is left at the level
 * it reached, below every reading that still carried young garbage (a recorded 10 MiB LRU fill:
 * 3.9 MiB below it; an 800 B/request Map leak with a major collection at 85 % of the run: 0.9 MiB
 * above it). Needs {@link keptThroughForcedCollection} and at least 2 readings in that fifth.
 */
export function keptToTheEnd(context: AnalysisContext, detail: SeriesDetail): boolean {
  if (!keptThroughForcedCollection(context, detail)) return false
  const end = lowestAtTheEnd(context, detail)
  return end !== null && end.post >= end.lowest
}

/**
 * The lowest reading in the last fifth of a series' steady window (at least 2 readings there), or
 * null.
 */
function lowestLateReading(detail: SeriesDetail): number | null {
  const fit = detail.values
  if (!fit) return null
  const late = lowestReading(detail, fit.x1 - (fit.x1 - fit.x0) / 5, fit.x1, 'value')
  return late.count < 2 ? null : late.low
}

/**
 * The lowest finite reading of a series' `column` (its values, or each point's lowest sample)
 * with x in [from, to], and how many readings there are (Infinity and 0 when none).
 */
export function lowestReading(
  detail: SeriesDetail,
  from: number,
  to: number,
  column: 'value' | 'min'
): { low: number; count: number } {
  const readings = detail.series[column]
  let low = Number.POSITIVE_INFINITY
  let count = 0
  for (let i = 0; i < detail.x.length; i++)
    if (detail.x[i] >= from && detail.x[i] <= to && Number.isFinite(readings[i])) {
      count++
      if (readings[i] < low) low = readings[i]
    }
  return { low, count }
}

/**
 * The post-test snapshot (its own process's, after a forced collection) beside the lowest reading
 * in the last fifth of the steady window (at least 2 readings there); null when either is missing.
 */
export function lowestAtTheEnd(
  context: AnalysisContext,
  detail: SeriesDetail
): { post: number; lowest: number } | null {
  const fit = detail.values
  if (!fit || !isLiveHeap(detail) || spansProcesses(detail)) return null
  const own = ownSnapshot(context, detail)
  if (!own || own.series.filter((d) => d.series.kind === 'memory').length !== 1) return null
  const snapshot = own.snapshot
  if (snapshot.postWork !== undefined && snapshot.postWork < lastWork(detail)) return null
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  const lowest = lowestLateReading(detail)
  return lowest === null ? null : { post: snapshot.analysis.post, lowest }
}

/**
 * Share of the live heap's floor climb by which the forced collection must leave a sampled heap
 * under every reading of the steady window's last fifth for {@link garbageOverAllocatorPlateau}:
 * what a leak at the climb's pace adds over that fifth. Those readings then carried more garbage
 * than a fifth of the climb, so the floor's late climb does not measure the live heap. Recorded
 * runs: cache fills over 50–61 % of the run 4.8–6.3 MiB under (23–27 % of the climb); the leaks
 * whose memory the allocator stopped adding under half its pace (a listener leak, heap shrink)
 * 0.6 MiB (4 %).
 */
export const LATE_GARBAGE_SHARE = 1 / 5

/**
 * A sampled live heap (V8's heapUsed: every reading carries young garbage) whose floor climbed to
 * the end with no major collection to measure it, beside memory the allocator holds for the same
 * process that levelled off: RSS, container usage and the reserved heap each rose over their last
 * half under {@link NATIVE_PACE_FRACTION} of their window's pace (or not at all), one of them having
 * risen significantly over the window (memory that never grew tells nothing), and the forced
 * collection before the post-test snapshot left the heap under every reading of the window's last
 * fifth by at least {@link LATE_GARBAGE_SHARE} of the floor's climb. A cache that filled past the
 * middle of a short run evicts into an old generation no major collection has swept: its floor
 * climbs at the fill's pace to the end while the pages under it stop growing. A leak keeps adding
 * pages at its pace (the reserved heap is sized to the live heap) and keeps what it added through
 * the forced collection. What stayed is retained-after-load's to judge. Null otherwise.
 */
function garbageOverAllocatorPlateau(
  context: AnalysisContext,
  heap: SeriesDetail,
  rise: number,
  post: number
): { lowest: number; allocators: string } | null {
  const lowest = lowestLateReading(heap)
  if (lowest === null || !(lowest - post >= LATE_GARBAGE_SHARE * rise)) return null
  const allocators = sameProcessSeries(context.series, heap).filter(
    (other) =>
      other !== heap &&
      isAllocatorHeld(other) &&
      !other.insufficient &&
      other.values &&
      other.lastHalf &&
      !spansProcesses(other)
  )
  if (allocators.length === 0) return null
  // A step (a table built once) makes any later half look slow beside its window: its own rules
  // judge it, and a leak after it keeps adding pages at a pace the step's slope dwarfs.
  const stepped = [heap, ...allocators].some(
    (d) => judgeMemoryWindow(context, d)?.step || judgeMemoryFloor(context, d)?.step
  )
  if (stepped) return null
  // Memory that never grew says nothing of when the heap's pages stopped (a JVM's committed heap
  // pinned by -Xms): at least one must have risen with the fill, significantly.
  if (!allocators.some((other) => risesSignificantly(other.values!).significant)) return null
  const shares: number[] = []
  for (const other of allocators) {
    const whole = other.values!.slope
    const late = other.lastHalf!.slope
    if (!(late <= 0 || late < NATIVE_PACE_FRACTION * whole)) return null
    shares.push(late <= 0 ? 0 : (100 * late) / whole)
  }
  const low = Math.min(...shares)
  const high = Math.max(...shares)
  const names = allocators.map((other) => other.series.metric).join(', ')
  const share =
    formatPercent(low) === formatPercent(high)
      ? formatPercent(low)
      : `${formatPercent(low)}–${formatPercent(high)}`
  return {
    lowest,
    allocators: `the memory the allocator holds levelled off (${names}: ${share} of ${allocators.length > 1 ? 'their' : 'its'} window's pace in the last half)`
  }
}

/**
 * Whether the forced collection before the post-test snapshot kept the floor's climb itself: it
 * freed no more than the sampled floor already stood above the baseline (taken after a forced
 * collection too) when the window began, the young generation's and waiting garbage's share, and
 * what it kept per unit of work since the baseline is at least {@link UNCOLLECTED_SHARE} of what
 * the floor climbed per unit in the window (a leak keeps what it adds: ≈ 1). Cache fills that
 * evict free part of the climb itself (13–45 % of it beyond that standing share in the recorded
 * runs). Needs work counts on both snapshots. A heap read right after collections has no young
 * garbage to subtract: not judged here.
 */
function climbKeptByForce(
  detail: SeriesDetail,
  snapshot: AnalysisContext['snapshots'][number],
  c: NonNullable<SeriesDetail['collections']>,
  rise: number,
  freed: number
): boolean {
  if (isAfterCollection(detail)) return false
  const standing = c.startFloor - snapshot.analysis.baseline
  if (!(freed <= standing)) return false
  const perWork = snapshot.analysis.perWork
  const work = detail.series.work
  const from = work.slice(detail.steadyStart).find((w) => Number.isFinite(w))
  const to = lastWork(detail)
  // Without work counts on both sides nothing tells a leak's pace from a fill's (decimated cache
  // fills kept 1.05–1.47× their window's climb, the leak 1.32×).
  if (perWork === null || perWork === undefined || from === undefined || !(to > from)) return false
  return perWork >= UNCOLLECTED_SHARE * (rise / (to - from))
}

/**
 * For a heap read right after each collection, the snapshot of its process's
 * used heap: taken after a forced full collection, the used heap is the heap
 * after that collection, the same quantity (a JVM's `heap_after_gc_bytes`
 * beside `heap_used_bytes` in one file, the snapshot naming the latter).
 */
function forcedHeapSnapshot(
  context: AnalysisContext,
  detail: SeriesDetail
): AnalysisContext['snapshots'][number] | undefined {
  if (!isAfterCollection(detail)) return undefined
  const sampled = sameProcessSeries(context.series, detail).filter(
    (other) => other !== detail && isLiveHeap(other) && !isAfterCollection(other)
  )
  return context.snapshots.find(
    (s) =>
      s.analysis.unit === detail.series.unit &&
      sampled.some((other) => other.series.metric === s.analysis.metric) &&
      context.series.filter((d) => d.series.metric === s.analysis.metric).length === 1
  )
}

/**
 * A live-object count's rise that the forced collection before the post-test
 * snapshot took away: the objects were garbage waiting for a collection (in
 * Python, reference cycles that wait for a full collection, which a growing
 * heap of long-lived objects makes rarer), not objects something keeps. A
 * collection frees only what nothing reaches, so a leak keeps its objects
 * through it. Needs a post-test snapshot of the same metric from the same
 * process (no restart, stop, new pid or work reset in the series, its falls
 * at collections aside; the files naming one
 * pid; a post-test work count at least the series' last, when the config
 * names the work, else one series of that name), the forced collection
 * freeing at least {@link UNCOLLECTED_SHARE} of the rise, and what it left
 * within the count tolerance of the window's lowest reading. With no such
 * snapshot nothing changes. The clause for the healthy line, or null.
 */
export function collectedByForce(
  context: AnalysisContext,
  detail: SeriesDetail,
  fit: TrendFit,
  allowance: number
): string | null {
  const { series } = detail
  if (series.kind !== 'live' || hasRestart(detail) || namesOtherProcess(detail)) return null
  const own = ownSnapshot(context, detail)
  if (!own) return null
  const snapshot = own.snapshot
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  const seriesWork = lastWork(detail)
  if (snapshot.postWork !== undefined) {
    // The same work counter, read at the end of the series or later: the same run of the process.
    if (snapshot.analysis.workName !== series.workName || !(snapshot.postWork >= seriesWork))
      return null
  } else if (own.series.length !== 1) return null
  const values = series.value.slice(detail.steadyStart).filter((v) => Number.isFinite(v))
  if (values.length === 0 || !(fit.growth > 0)) return null
  const lowest = Math.min(...values)
  const post = snapshot.analysis.post
  const freed = fit.endLevel - post
  if (!(freed >= UNCOLLECTED_SHARE * fit.growth) || post - lowest > allowance) return null
  const unit = series.unit
  return `the forced collection before the post-test snapshot (${snapshot.source}) left ${formatValue(post, unit)}, ${post <= lowest ? `no more than the window's lowest reading (${formatValue(lowest, unit)})` : `within ${formatValue(allowance, unit)} of the window's lowest reading (${formatValue(lowest, unit)})`}, where the window ended near ${formatValue(fit.endLevel, unit)}: objects waiting for a collection (reference cycles left for a full one), not kept`
}

/** A tail after the last major collection shorter than this share of the steady window tells nothing. */
export const LEVELLED_TAIL_SHARE = 0.2

/**
 * A live heap that filled and stopped, told from the last major collection
 * seen in the steady part: the floor that collection left is what the
 * program held then (plus the young generation's garbage, estimated by how
 * far the floor stood above the baseline at the start), and the post-test
 * snapshot, after a forced collection, is what it held at the end. A leak
 * adds between the two what it adds per unit of work over the whole run
 * (post-test − baseline, the snapshots' own measure); a cache that filled
 * adds nothing. Levelled when the heap held at most a third of that
 * ({@link PACE_FRACTION}) after the collection, the tail after it is at
 * least a fifth of the window, and a leak's expected addition there is
 * larger than the young-generation estimate and 1 MiB (else the test has
 * no power). Returns the clause saying so, or null.
 */
function levelledAfterCollection(
  context: AnalysisContext,
  detail: SeriesDetail,
  c: MajorCollections,
  post: number,
  baseline: number,
  postWork: number | undefined
): { text: string } | null {
  if (c.lastFall < 0) return null
  const i = detail.steadyStart + c.lastFall
  const x = detail.x
  const n = x.length
  if (i >= n - 1) return null
  const start = x[detail.steadyStart]
  const end = x[n - 1]
  if (!(end - x[i] >= LEVELLED_TAIL_SHARE * (end - start))) return null
  const kept = post - baseline
  if (!(kept > 0)) return null
  // Share of the run's work done after point k (by the work counter when there is one, else by time).
  const work = detail.series.work
  const total = postWork ?? lastWork(detail)
  const after = (k: number): number =>
    Number.isFinite(total) && total > 0 && Number.isFinite(work[k])
      ? (total - work[k]) / total
      : (end - x[k]) / (end - x[0])
  const share = after(i)
  if (!(share > 0 && share < 1)) return null
  const expected = kept * share
  // The young generation's garbage in a floor sample: how far the floor stood, where the steady
  // part starts, above what the run's own pace says the program held there (exact for a leak;
  // too high, i.e. cautious, for a cache that fills early).
  const heldAtStart = baseline + kept * Math.min(1, Math.max(0, 1 - after(detail.steadyStart)))
  const young = Math.max(0, c.startFloor - heldAtStart)
  if (!(expected > young && expected > DEFAULTS.growthBytes)) return null
  // The floor the collection left: the lowest sample just after it (its young garbage varies
  // from sample to sample; the lowest of a few is nearest what the program held).
  let floorAfter = Number.POSITIVE_INFINITY
  const span = Math.max(3, Math.ceil(0.05 * (n - detail.steadyStart)))
  for (let k = i; k < Math.min(n, i + span); k++)
    floorAfter = Math.min(floorAfter, detail.series.value[k])
  const heldAfter = post - (floorAfter - young)
  if (!(heldAfter <= PACE_FRACTION * expected)) return null
  // And at that pace over the whole steady window, no more than the growth tolerance: a leak beside
  // a cache that filled keeps adding after the collection, however large the cache's share.
  const tolerance = memoryTolerance(context, detail)
  const overWindow = { ...detail.values!, growth: heldAfter * ((end - start) / (end - x[i])) }
  if (exceedsTolerance(overWindow, tolerance, detail.xAxis === 'time')) return null
  const unit = detail.series.unit
  const when =
    detail.xAxis === 'time' ? `${formatDuration(x[i] - x[0])} into the run` : `at x = ${x[i]}`
  return {
    text: `no more than the floor the last major collection left ${when} (${formatValue(floorAfter, unit)}, less the ${formatBytes(young)} of young garbage a floor sample carried at the start), where a leak at its pace over the run would have added ${formatBytes(expected)}`
  }
}

/**
 * A live heap that kept adding after its last major collection, at its own pace per unit of work:
 * that collection left at most the floor read just after it (the lowest of a few readings, young
 * garbage included, so post − that floor is the least the program added since), and the forced
 * collection before the post-test snapshot measured what it held at the end. A fill that levelled
 * off adds nothing after it; a leak adds what it adds per unit of work over the run (post-test −
 * baseline, times the share of the work done after the collection). Still growing when it added
 * at least {@link KEEPS_PACE_FRACTION} of that, beyond the tolerance, and the post-test heap lies
 * at or above the lowest reading of the steady window's last fifth (a fill that stopped is left
 * below every reading that still carried young garbage). Read per unit of work, so a load that
 * paused (no work, flat memory) does not read as a heap that levelled off: a real run keeping
 * 600 B per request, its load paused for 20 s, kept +7.9 MiB after the collection that ended the
 * pause, 0.80 of its pace. Same checks of one process as {@link uncollectedRise}. The clause, or null.
 */
export function keptAddingAfterCollection(
  context: AnalysisContext,
  detail: SeriesDetail
): string | null {
  const c = detail.collections
  if (!isLiveHeap(detail) || !c || !detail.values || spansProcesses(detail)) return null
  const own = ownSnapshot(context, detail)
  if (!own || own.series.filter((d) => d.series.kind === 'memory').length !== 1) return null
  const snapshot = own.snapshot
  if (snapshot.postWork !== undefined && snapshot.postWork < lastWork(detail)) return null
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  const x = detail.x
  const v = detail.series.value
  const n = x.length
  const start = x[detail.steadyStart]
  const end = x[n - 1]
  const tail = LEVELLED_TAIL_SHARE * (end - start)
  // Every reading holds at least what the program held then: with no major collection counted,
  // the lowest reading of the steady window's second half (a fifth of the window still after it)
  // is the anchor, the least the heap held there bounding what it added since from below.
  let i = c.lastFall >= 0 ? detail.steadyStart + c.lastFall : -1
  if (i < 0)
    for (let k = detail.steadyStart; k < n; k++)
      if (x[k] >= (start + end) / 2 && end - x[k] >= tail && (i < 0 || v[k] < v[i])) i = k
  if (i < 0 || i >= n - 1) return null
  if (!(end - x[i] >= tail)) return null
  const { post, baseline } = snapshot.analysis
  const kept = post - baseline
  if (!(kept > 0)) return null
  const work = detail.series.work
  const total = snapshot.postWork ?? lastWork(detail)
  const share =
    Number.isFinite(total) && total > 0 && Number.isFinite(work[i])
      ? (total - work[i]) / total
      : (end - x[i]) / (end - x[0])
  if (!(share > 0 && share < 1)) return null
  let floorAfter = Number.POSITIVE_INFINITY
  const span = Math.max(3, Math.ceil(0.05 * (n - detail.steadyStart)))
  for (let k = i; k < Math.min(n, i + span); k++) floorAfter = Math.min(floorAfter, v[k])
  const added = post - floorAfter
  const expected = kept * share
  if (!(added >= KEEPS_PACE_FRACTION * expected)) return null
  const tolerance = memoryTolerance(context, detail)
  if (!exceedsTolerance({ ...detail.values, growth: added }, tolerance, detail.xAxis === 'time'))
    return null
  const fit = detail.values
  const from = fit.x1 - (fit.x1 - fit.x0) / 5
  const late: number[] = []
  for (let k = 0; k < n; k++) if (x[k] >= from && x[k] <= fit.x1) late.push(v[k])
  if (late.length < 2 || !(post >= Math.min(...late))) return null
  const unit = detail.series.unit
  const when =
    detail.xAxis === 'time' ? `${formatDuration(x[i] - x[0])} into the run` : `at x = ${x[i]}`
  const anchor =
    c.lastFall >= 0
      ? `the last major collection ${when} left`
      : `its lowest reading in the steady window's second half, ${when}, put`
  return `${anchor} ${detail.series.metric} at most ${formatValue(floorAfter, unit)}, and the forced collection before the post-test snapshot (${snapshot.source}) kept ${formatValue(post, unit)}: ${formatDelta(added, unit)} added after it over ${formatPercent(share * 100)} of the work, ${formatPercent((added / expected) * 100)} of the run's own pace per unit of work: it kept growing with the work, it did not level off`
}

/** Share of an allocator's step the heap may keep beyond it (RSS steps by pages, not bytes). */
export const STEP_SLACK = 0.25

/** Share of the steady window after a step over which the heap's floor just after it is read. */
export const AFTER_STEP_SHARE = 0.15
/** Fewest readings after a step its floor is taken from (see {@link AFTER_STEP_SHARE}). */
export const AFTER_STEP_SAMPLES = 3

/**
 * A memory series' own sustained-growth judgement (its steady window and last half, under its
 * configured or default tolerance): the shape the witnesses read (levelled, stepped, growing).
 */
export function judgeMemoryWindow(
  context: AnalysisContext,
  detail: SeriesDetail
): ReturnType<typeof judgeWindows> {
  return judgeWindows(
    detail.values,
    detail.lastHalf,
    memoryTolerance(context, detail),
    detail.xAxis === 'time'
  )
}

/** {@link judgeMemoryWindow} of the series' floor (its lowest reading per bucket). */
export function judgeMemoryFloor(
  context: AnalysisContext,
  detail: SeriesDetail
): ReturnType<typeof judgeWindows> {
  return judgeWindows(
    detail.floor,
    detail.lastHalfFloor,
    memoryTolerance(context, detail),
    detail.xAxis === 'time'
  )
}

/** Share of an allocator series' rise over a window one jump between samples must carry to be a step. */
export const STEP_JUMP_SHARE = 0.6

/**
 * The one step an allocator series took, as a witness for a live heap: its window's, or one inside
 * its last half (significant there) though the window climbed before it. The series' own line says
 * that climb (see judgeWindows), but as a witness only the step and the heap's floor after it
 * matter (a JVM cache's RSS touching its heap's pages, then one step of +5.4 MiB at 77 %).
 */
export function witnessStep(
  context: AnalysisContext,
  other: SeriesDetail,
  judged: GrowthJudgement
): LevelStep | undefined {
  if (judged.step) return judged.step
  if (!other.lastHalf || other.lastHalf.borrowed) return undefined
  const late = judgeGrowth(other.lastHalf, memoryTolerance(context, other), other.xAxis === 'time')
  return late.significant ? late.step : undefined
}

/**
 * Where an allocator-held series (RSS, container usage) stepped inside
 * [x0, x1]: its own flat–step–flat fit when it found one, else the largest
 * rise between two consecutive samples when that one jump carries at least
 * {@link STEP_JUMP_SHARE} of the series' rise over the window (pages
 * committed at once, a few sparse samples leaving the fit too few buckets).
 * Never for a series that grows like a leak. Null when it did not step.
 */
function allocatorStep(
  context: AnalysisContext,
  other: SeriesDetail,
  x0: number,
  x1: number
): { x: number; size: number } | null {
  const judged = judgeMemoryWindow(context, other)
  if (!judged || judged.growing) return null
  // Climbing within segments on either side of a fall the runtime made is growth, not a step.
  const seg = other.segmented
  if (seg && seg.pValue < DEFAULTS.alpha && seg.everySegmentGrows) return null
  const fitted = judged.significant ? witnessStep(context, other, judged) : undefined
  if (fitted && fitted.size > 0 && fitted.x > x0 && fitted.x < x1)
    return { x: fitted.x, size: fitted.size }
  // Sparse sampling (a 16 s window read every 2 s) leaves a sample or two in each fifth: still read.
  const rise = riseBetween(other, x0, x1, 1)
  if (rise === null || !(rise > 0)) return null
  let best = 0
  let at = Number.NaN
  const x = other.x
  const v = other.series.value
  // A level shift, not one reading: the median of the next 3 readings over that of the 3 before
  // (a dip for one sample, the allocator handing pages back and taking them again, nets to 0).
  const around = (from: number, to: number): number =>
    median(v.slice(Math.max(0, from), Math.min(v.length, to)))
  for (let i = 1; i < x.length; i++) {
    if (x[i - 1] < x0 || x[i] > x1) continue
    const jump = Math.min(v[i] - v[i - 1], around(i, i + 3) - around(i - 3, i))
    if (jump > best) {
      best = jump
      at = x[i]
    }
  }
  return best >= STEP_JUMP_SHARE * rise ? { x: at, size: best } : null
}

/**
 * A live heap whose rise is one step that RSS or container usage of the same
 * process shows flat–step–flat (a table loaded once: the heap's sawtooth hides
 * the step in its own samples), while its creep around the step is garbage: the
 * post-test snapshot, after a forced collection, is no higher than the heap's
 * floor just after the step (the lowest sample over the next
 * {@link AFTER_STEP_SHARE} of the window, at least 3). A leak keeps adding after
 * the step and ends above that floor. Same process only (no restart, stop or
 * work reset; a post-test work count not behind the samples'). Returns the
 * healthy clause, or null.
 */
export function stepWitnessedByAllocator(
  context: AnalysisContext,
  detail: SeriesDetail
): string | null {
  if (!isLiveHeap(detail) || !detail.values || spansProcesses(detail)) return null
  const own = ownSnapshot(context, detail)
  if (!own || own.series.length !== 1) return null
  const snapshot = own.snapshot
  if (snapshot.postWork !== undefined && snapshot.postWork < lastWork(detail)) return null
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  const { x0, x1 } = detail.values
  const kept = snapshot.analysis.post - snapshot.analysis.baseline
  const tolerance = memoryTolerance(context, detail)
  for (const other of sameProcessAllocatorSeries(context, detail)) {
    const step = allocatorStep(context, other, x0, x1)
    if (!step) continue
    // The step explains what the heap kept: beyond it, no more than the growth tolerance or a
    // quarter of the step (RSS commits pages, not the heap's exact bytes: a 17 MiB table showed
    // as a 15 MiB RSS step). A leak beside the step keeps what it adds, and the heap's creep
    // alone cannot tell it from garbage.
    const beyond = { ...detail.values, growth: kept - step.size }
    if (
      exceedsTolerance(beyond, tolerance, detail.xAxis === 'time') &&
      beyond.growth > STEP_SLACK * step.size
    )
      continue
    // The heap's floor just after the step: over a share of the window, or over the first
    // AFTER_STEP_SAMPLES readings after it when sparse sampling leaves fewer there (a 16 s window
    // sampled every 2 s has one); more readings can only lower the floor, never excuse more.
    let floor = Number.POSITIVE_INFINITY
    let seen = 0
    const until = step.x + AFTER_STEP_SHARE * (x1 - x0)
    for (let i = 0; i < detail.x.length; i++) {
      if (detail.x[i] < step.x || (detail.x[i] > until && seen >= AFTER_STEP_SAMPLES)) continue
      seen++
      floor = Math.min(floor, detail.series.value[i])
    }
    const post = snapshot.analysis.post
    if (seen < AFTER_STEP_SAMPLES || !(post <= floor)) continue
    const unit = detail.series.unit
    return `its rise is one step: ${other.series.metric} of the same process (${other.series.file}) stepped ${formatDelta(step.size, other.series.unit)} once ${formatDuration(step.x - detail.x[0])} into the run and is flat before and after, and the post-test snapshot (${snapshot.source}, after a forced collection) holds ${formatValue(post, unit)}, no more than ${detail.series.metric}'s floor just after the step (${formatValue(floor, unit)}): the creep around it is garbage (a table or module loaded once), not a trend`
  }
  return null
}

/**
 * Rise of a series' extreme readings between two x values: the highest (or lowest) sample of the
 * last fifth of [x0, x1] minus the highest (lowest) of the first fifth, or null with fewer than 3
 * samples in either. The highest read the heap's high-water mark, the lowest its sawtooth's floor.
 */
function extremeRiseBetween(
  detail: SeriesDetail,
  x0: number,
  x1: number,
  side: 'highest' | 'lowest'
): number | null {
  const fifth = (x1 - x0) / 5
  const values = side === 'highest' ? detail.series.max : detail.series.min
  const pick = side === 'highest' ? Math.max : Math.min
  let first = side === 'highest' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  let last = first
  let firstCount = 0
  let lastCount = 0
  for (let i = 0; i < detail.x.length; i++) {
    const x = detail.x[i]
    if (x >= x0 && x <= x0 + fifth) {
      firstCount++
      first = pick(first, values[i])
    }
    if (x >= x1 - fifth && x <= x1) {
      lastCount++
      last = pick(last, values[i])
    }
  }
  return firstCount >= 3 && lastCount >= 3 ? last - first : null
}

/** Rise of a series' high-water mark between two x values (see {@link extremeRiseBetween}). */
const peakRiseBetween = (detail: SeriesDetail, x0: number, x1: number): number | null =>
  extremeRiseBetween(detail, x0, x1, 'highest')

/** The early part of a window over which an allocator's rise must follow the heap's pages too. */
export const EARLY_SHARE = 0.6
/** Below this share of its whole rise, an allocator's early rise says nothing of when it rose. */
const EARLY_RISE_SHARE = 0.25

/**
 * Whether an allocator-held series rose before the heap's pages did: over the early
 * {@link EARLY_SHARE} of the window it already rose by a good share of its whole rise, more than
 * {@link HEAP_OVERHEAD}× the heap's high-water mark did there, and more than the heap the runtime
 * reserved (heapTotal, a JVM's committed heap) grew there. RSS follows the pages the heap has
 * touched or reserved (V8's young generation grows its semi-spaces with the load, ahead of any new
 * high of heapUsed), so it cannot climb ahead of both: a JVM's native leak (600 B per unit, +16.5
 * MiB steadily over 1 min 31 s) beside a heap whose committed size stepped +51.6 MiB in the last
 * 5 % of the run read "rose with the high-water mark (+70 MiB, within 2×)" and passed. Without a
 * reserved heap to read, or with too few readings, it is not known to be ahead.
 */
function outranHeapPages(
  context: AnalysisContext,
  detail: SeriesDetail,
  heap: SeriesDetail,
  x0: number,
  x1: number,
  own: number
): boolean {
  const xe = x0 + EARLY_SHARE * (x1 - x0)
  const early = riseBetween(detail, x0, xe)
  // The heap's extent there: its peaks' rise, or its floor's (the old generation filling pages
  // within the reserved heap: a cache filling under V8 raised RSS +5.9 MiB with heapUsed's peaks
  // flat and its lowest readings +4.2 MiB). The floor is read right after each collection where the
  // process has such a series (a JVM's heap_after_gc): a sawtooth read slower than its young
  // collections misses its floor in a fifth's readings (a JVM read every 1.3 s: lows +5.3 MiB,
  // the heap after collection +0.01 MiB).
  const peaks = peakRiseBetween(heap, x0, xe)
  const after = afterCollectionSeriesOf(context, detail)[0]
  const lows = after ? riseBetween(after, x0, xe) : extremeRiseBetween(heap, x0, xe, 'lowest')
  const pages = peaks === null ? null : Math.max(peaks, lows ?? peaks)
  const reserved = reservedHeapsOf(context, heap)
    .filter((other) => !NON_HEAP_NAME.test(other.series.metric))
    .map((other) => riseBetween(other, x0, xe))
    .filter((rise): rise is number => rise !== null)
  if (early === null || pages === null || reserved.length === 0) return false
  return (
    early >= EARLY_RISE_SHARE * own &&
    early > HEAP_OVERHEAD * Math.max(0, pages) &&
    early > Math.max(0, ...reserved) + FLAT_BYTES
  )
}

/**
 * An allocator-held series (RSS, container usage) that rose with the live
 * heap of its process while a forced collection showed that heap's climb to
 * be garbage ({@link uncollectedRise}): RSS follows the pages the heap has
 * touched, so when the heap's high-water mark climbs (old-generation garbage
 * piling up before a major collection) RSS climbs with it, and keeps those
 * pages after the collection frees them for reuse. When the allocator rose
 * at most {@link HEAP_OVERHEAD}× the heap's high-water mark over the same
 * window, and did not climb ahead of the heap's pages ({@link outranHeapPages}),
 * the growth is the heap's garbage, not a leak. A heap that only
 * looks levelled (low power on a short window) vouches for nothing here.
 * Returns the clause saying so, or null.
 */
export function boundedHeapClause(context: AnalysisContext, detail: SeriesDetail): string | null {
  if (!isAllocatorHeld(detail) || !detail.values) return null
  const heaps = sameProcessLiveHeaps(context, detail)
  if (heaps.length !== 1) return null
  const heap = heaps[0]
  if (heap.insufficient || !heap.values) return null
  // The heap must visibly climb for RSS to have followed it: beside a flat heap, RSS growth is
  // judged as before (a native leak keeps its pace, allocator creep warns). A significant rise, by
  // the same test that makes RSS growth significant; or a held floor that climbed beyond the
  // growth tolerance (a short run's few buckets lack power; the floor that held for 15 % of the
  // samples in a row, against the lowest of the first tenth, does not climb under a flat heap).
  const garbage = uncollectedRise(context, heap)
  if (!garbage) return null
  const climbed =
    risesSignificantly(heap.values).significant ||
    (heap.values.slope > 0 &&
      exceedsTolerance(
        { ...heap.values, growth: garbage.rise },
        growthTolerance(
          context.config.checks,
          'sustained-growth',
          heap.series,
          'memory',
          heap.series.unit
        ),
        heap.xAxis === 'time'
      ))
  if (!climbed) return null
  const { x0, x1 } = detail.values
  // Its own rise: the mean's, or its floor's when that rose more (a sawtooth hides the mean's).
  const meanRise = riseBetween(detail, x0, x1)
  const floorRise = detail.floor && detail.floor.growth > 0 ? detail.floor.growth : null
  const own = meanRise === null ? null : Math.max(meanRise, floorRise ?? meanRise)
  // The heap's pages climbed at least as far as its floor did (sparse samples may miss the peaks).
  const peak = Math.max(peakRiseBetween(heap, x0, x1) ?? Number.NaN, garbage.rise)
  if (own === null || !(peak > 0) || own > HEAP_OVERHEAD * peak) return null
  if (outranHeapPages(context, detail, heap, x0, x1, own)) return null
  // What the forced collection left above the floor the heap started on is no garbage: when that
  // alone could carry the allocator's rise, the rise is what the heap kept (a 140 B per request
  // leak under a tall sawtooth: the collection freed 10.6 MiB of an 18.7 MiB climb, 8.1 MiB stayed,
  // RSS rose 10.3 MiB at one pace). Not for the reserved heap: it is sized to the live heap, which
  // is judged on its own.
  if (
    !HEAP_RESERVED_NAME.test(detail.series.metric) &&
    heap.series.unit === detail.series.unit &&
    garbage.post - garbage.startFloor >= CARRY_SHARE * own
  )
    return null
  return `but it rose ${formatBytes(Math.max(0, own))} with ${heap.series.metric}'s high-water mark (${formatDelta(peak, heap.series.unit)}, within ${HEAP_OVERHEAD}×): the pages of heap garbage, since ${heap.series.metric}'s floor climbed ${formatDelta(garbage.rise, heap.series.unit)} and ${garbage.freedText}`
}

/**
 * What the live heap did over an allocator-held series' window, in words:
 * `rose only 2.1 MiB` (`rose 9 MiB` when that is as much as half the series' own rise), `fell 1.3 MiB`,
 * `is flat (+83.9 KiB)` (under 1 % of its level and 1 MiB).
 * A heap cut at a restart is measured within each segment (the restart's fall would cancel the
 * rise): `rose 3.1 MiB and 2.9 MiB within its 2 segments (split at a restart)`, `is flat
 * within each of its 2 segments (+51 KiB, -20 KiB; split at a restart)`.
 */
export function describeHeapChange(detail: SeriesDetail, witness: SeriesDetail): string {
  const fit = detail.values
  const unit = witness.series.unit
  if (!fit) return 'is flat'
  const level = witness.values?.level ?? 0
  // Under 1 % of its level (and 1 MiB) the heap did not move.
  const still = (rise: number): boolean =>
    Math.abs(rise) < Math.min(2 ** 20, 0.01 * Math.abs(level)) || rise === 0
  const seg = witness.segmented
  if (seg && hasRestart(witness)) {
    const rises = seg.segments
      .map((part) => riseBetween(witness, Math.max(part.x0, fit.x0), Math.min(part.x1, fit.x1)))
      .filter((rise): rise is number => rise !== null)
    if (rises.length >= 2) {
      const listed = rises.map((rise) => formatDelta(rise, unit)).join(', ')
      const count = seg.segments.length
      if (rises.every(still))
        return `is flat within each of its ${count} segments (${listed}; split at a restart)`
      const within = `within its ${count} segments (split at a restart)`
      if (rises.every((rise) => rise > 0))
        return `rose ${rises.map((rise) => formatValue(rise, unit)).join(' and ')} ${within}`
      return `moved ${listed} ${within}`
    }
  }
  const rise = riseBetween(witness, fit.x0, fit.x1)
  if (rise === null) return 'is flat'
  if (still(rise)) return `is flat (${formatDelta(rise, unit)})`
  // "only" beside the series' own rise: not when the heap rose about as far (a reserved heap
  // sized to it, say).
  const own = riseBetween(detail, fit.x0, fit.x1)
  const only =
    own === null || unit !== detail.series.unit || rise < CARRY_SHARE * own ? 'only ' : ''
  return rise > 0 ? `rose ${only}${formatValue(rise, unit)}` : `fell ${formatValue(-rise, unit)}`
}

/**
 * Allocator-held series (RSS, container usage; not heapTotal) of the process
 * a live heap belongs to (see same-process.ts), in the heap's unit.
 */
export function sameProcessAllocatorSeries(
  context: AnalysisContext,
  heap: SeriesDetail
): SeriesDetail[] {
  return sameProcessSeries(context.series, heap).filter(
    (d) =>
      isAllocatorHeld(d) &&
      !HEAP_RESERVED_NAME.test(d.series.metric) &&
      d.series.unit === heap.series.unit
  )
}

/**
 * The live heaps of the same process as `detail`, when there is one and none
 * holds a leak (judged, and not growing unless a forced collection showed the
 * rise to be garbage); null otherwise.
 */
function liveHeapsHoldingNoLeak(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail[] | null {
  const heaps = sameProcessLiveHeaps(context, detail)
  if (heaps.length === 0) return null
  for (const heap of heaps)
    if (
      heap.insufficient ||
      !heap.values ||
      (grows(context, heap) &&
        !uncollectedRise(context, heap) &&
        !boundedGoalClause(context, heap, heap.values.growth)) ||
      heldLiveHeapRise(context, heap)
    )
      return null
  return heaps
}

/**
 * Growth at peaks of load (see load-peaks.ts): the series' own, when it is an
 * off-heap byte count; or, for memory the allocator holds (RSS, container
 * usage) beside a live heap that holds no leak, such a count of the same
 * process that rose by at least {@link RESERVED_SHARE} of its rise over the
 * same window. A pool sized to the requests in flight grows with the peaks
 * of an up-only ramp to its end; a leak per burst of load would look the
 * same, so the finding stays a warning. The clause, or null.
 */
export function loadPeaksClause(context: AnalysisContext, detail: SeriesDetail): string | null {
  const own = loadPeakGrowth(detail)
  if (own) return own.text
  if (!isAllocatorHeld(detail) || !detail.values) return null
  const heaps = liveHeapsHoldingNoLeak(context, detail)
  if (!heaps) return null
  const { x0, x1 } = detail.values
  const rise = riseBetween(detail, x0, x1, 1)
  if (rise === null || !(rise > 0)) return null
  for (const other of sameProcessSeries(context.series, detail)) {
    if (other.series.unit !== detail.series.unit) continue
    const peaks = loadPeakGrowth(other)
    if (!peaks) continue
    const held = riseBetween(other, x0, x1, 1)
    if (held === null || !(held >= RESERVED_SHARE * rise)) continue
    return `but ${heaps[0].series.metric} (the live heap) holds no leak, and ${other.series.metric} of the same process (counted to the byte), ${formatDelta(held, detail.series.unit)} of its ${formatDelta(rise, detail.series.unit)} over the same window, rose ${peaks.shape}`
  }
  return null
}

/**
 * Least share of the live heap's climb over its steady window a forced collection must keep for the
 * climb to be held. Measured over the recorded sets (runs that pass the rise and pace tests):
 * cache fills and garbage keep at most 0.07 of it above where the window started (most keep
 * nothing); the leaks whose verdict rests on this rule 0.575 and 0.97 (a 1 KiB and a 4 KiB per
 * request Map, sampled every 4 s); tables and steps (0.32–0.82) are told by their step, not by
 * this share. At 0.15 no verdict of the recorded sets changes.
 */
export const HELD_RISE_SHARE = 1 / 3

/**
 * The level the held heap's own rise must reach. Two independent words speak here, the rise's
 * test on the sampled window and a forced collection keeping {@link HELD_RISE_SHARE} of it beyond
 * the tolerance, so the first need only be suggestive: a sparse run's 13 samples (p = 0.009) or 8
 * bucket means (p = 0.009) no longer stand at the edge of α. At 0.2 no verdict of the recorded
 * sets changes.
 */
export const HELD_RISE_ALPHA = 0.05

/**
 * A live heap that rose over its steady window while its bucket means could
 * not tell (a sawtooth sampled in phase reads as a staircase: 8 means of 2
 * samples, p = 0.11), told on every sample and by the snapshot kept after a
 * forced collection: all samples (Hamed–Rao) or the bucket means rise, at
 * least suggestively (p < {@link HELD_RISE_ALPHA}),
 * the last half keeps at least half the window's pace (a cache that filled
 * levels off), the climb is beyond the tolerance, and the forced collection
 * before the post-test snapshot kept at least {@link HELD_RISE_SHARE} of it
 * above where the window started (garbage it would have freed), and more than
 * {@link STEP_SLACK} beyond the one step its windows show, when they show one (a
 * table loaded late in the run). Such a heap holds what it gained and vouches
 * for nothing beside it. The clause, or null.
 */
export function heldLiveHeapRise(context: AnalysisContext, heap: SeriesDetail): string | null {
  const whole = heap.values
  const late = heap.lastHalf
  if (!isLiveHeap(heap) || heap.insufficient || !whole || !late || spansProcesses(heap)) return null
  // The bucket means' own test when it suffices (too few samples for the all-samples one).
  const bucketP = whole.low > 0 ? whole.pValue : 1
  const p = Math.min(bucketP, whole.allSamplesPValue ?? 1)
  if (!(whole.slope > 0) || !(p < HELD_RISE_ALPHA)) return null
  if (!(late.slope >= NATIVE_PACE_FRACTION * whole.slope)) return null
  // The samples' late pace is garbage when the floor (the minima after collections) stopped: a
  // young generation growing after a cache filled lifts the samples to the end, not the floor
  // (its last third rose under half what its pace would have added).
  const floor = heap.floor
  if (
    floor &&
    floor.slope > 0 &&
    floor.endExpected > 0 &&
    floor.endRise < NATIVE_PACE_FRACTION * floor.endExpected
  )
    return null
  const snapshot = ownSnapshot(context, heap)?.snapshot
  if (!snapshot) return null
  if (snapshot.postWork !== undefined && snapshot.postWork < lastWork(heap)) return null
  if (snapshot.process && snapshot.process.baseline !== snapshot.process.post) return null
  // Late readings that were garbage over memory the allocator stopped adding say nothing held.
  if (uncollectedRise(context, heap)?.lateGarbage) return null
  const rise = riseBetween(heap, whole.x0, whole.x1, 1)
  if (rise === null || !(rise > 0)) return null
  const fifth = (whole.x1 - whole.x0) / 5
  const start: number[] = []
  for (let i = 0; i < heap.x.length; i++)
    if (heap.x[i] >= whole.x0 && heap.x[i] <= whole.x0 + fifth) start.push(heap.series.value[i])
  const kept = snapshot.analysis.post - median(start)
  if (!(kept >= HELD_RISE_SHARE * rise)) return null
  const tolerance = memoryTolerance(context, heap)
  // A step in the last half (a table loaded once at 65–75 % of the run) keeps the last half's pace
  // at twice the window's; it is how the memory arrived when the collection kept no more than it.
  const timeAxis = heap.xAxis === 'time'
  const step = [
    judgeWindows(whole, late, tolerance, timeAxis),
    judgeWindows(heap.floor, heap.lastHalfFloor, tolerance, timeAxis)
  ].find((j) => j && !j.growing && j.step)?.step
  if (step && !(kept - step.size > STEP_SLACK * step.size)) return null
  // A step RSS or container usage of the same process shows, flat before and after, explains it
  // the same way (the heap's own mean creeps with garbage around it).
  if (stepWitnessedByAllocator(context, heap)) return null
  const pseudo = { ...whole, growth: kept, slope: (whole.slope * kept) / whole.growth }
  if (!exceedsTolerance(pseudo, tolerance, heap.xAxis === 'time')) return null
  const unit = heap.series.unit
  const how = p < DEFAULTS.alpha ? 'significantly' : 'suggestively'
  return `${heap.series.metric} (the live heap, ${heap.series.file}) rose ${formatDelta(rise, unit)} over the steady window, ${how} (${p === bucketP ? `${whole.points} bucket means` : `all ${whole.allSamplesPoints} samples`}, ${formatPValue(p)}) and still at its pace in the last half, and the forced collection before the post-test snapshot (${snapshot.source}) kept ${formatDelta(kept, unit)} of it (${formatValue(snapshot.analysis.post, unit)}): memory the program holds, beyond the ${tolerance.text} tolerance`
}

/**
 * For memory the allocator holds (RSS, container usage, heapTotal): the clause
 * saying why the live heap of its process does not vouch for it (see
 * {@link heldLiveHeapRise}), or null.
 */
export function heldHeapBesideClause(
  context: AnalysisContext,
  detail: SeriesDetail
): string | null {
  if (!isAllocatorHeld(detail)) return null
  for (const heap of sameProcessLiveHeaps(context, detail)) {
    const held = heldLiveHeapRise(context, heap)
    if (held) return `the live heap does not vouch for it: ${held}`
  }
  return null
}

/**
 * The agreement of one process's metrics. A slow leak under a tall GC
 * sawtooth, in a short run, leaves the live heap's floor only suggestive: a
 * handful of floor windows, each off by a share of the young generation,
 * give p between 0.01 and 0.1. Memory the program keeps is backed by pages,
 * so the same process's allocator-held memory (RSS, container usage) rises
 * with it, and its own test, on every reading rather than the minima, is
 * significant. A floor whose rise that memory shows too, over the same
 * window and by at least {@link AGREEMENT_SHARE} of it, is one signal seen
 * twice, and is judged significant; every other rule (the tolerance, the
 * pace to the end, a step, a cache that levelled after its last major
 * collection) still applies to it.
 */
import { seriesLabel, type AnalysisContext } from './context.js'
import {
  flatGoalOf,
  isLiveHeap,
  keptLateRise,
  keptThroughForcedCollection,
  keptToTheEnd,
  MIN_MAJOR_COLLECTIONS,
  riseBetween,
  sameProcessAllocatorSeries
} from './witness.js'
import type { SeriesDetail, TrendFit } from './series-analysis.js'
import { DEFAULTS, growthTolerance } from './thresholds.js'
import { regrewToWorkingSize } from './segment-growth.js'
import {
  KEEPS_PACE_FRACTION,
  PACE_FRACTION,
  SUGGESTIVE_ALPHA,
  VALUES_PACE_FRACTION
} from './growth.js'

/** The allocator-held rise must be at least this share of the floor's over the same window. */
export const AGREEMENT_SHARE = 0.5

/** The metric whose rise confirmed a merely suggestive heap trend. */
export interface Agreement {
  /** `rss`, `MemUsage[web-1]`. */
  metric: string
  /** Its own p-value (its steady window, or its segments across a fall the runtime made). */
  pValue: number
  /** How much it rose over the heap's window (in the heap's unit). */
  rise: number
}

/** Positive and merely suggestive: p below {@link SUGGESTIVE_ALPHA}, not below α with its interval above 0. */
function suggestive(fit: TrendFit): boolean {
  const significant = fit.pValue < DEFAULTS.alpha && fit.low > 0
  return fit.slope > 0 && fit.growth > 0 && fit.pValue < SUGGESTIVE_ALPHA && !significant
}

/** An allocator series' own significant rise: its steady window, or its segments (a fall that was no restart). */
function ownRise(detail: SeriesDetail): number | null {
  if (detail.insufficient) return null
  const whole = detail.values
  if (whole && whole.slope > 0 && whole.low > 0 && whole.pValue < DEFAULTS.alpha)
    return whole.pValue
  const seg = detail.segmented
  if (seg && seg.pValue < DEFAULTS.alpha && seg.everySegmentGrows && seg.lastKeepsPace)
    return seg.pValue
  return null
}

/** Its segments' rise was the heap regrowing after the runtime shrank it (see regrewToWorkingSize). */
function regrew(context: AnalysisContext, detail: SeriesDetail): boolean {
  if (!detail.segmented) return false
  const tolerance = growthTolerance(
    context.config.checks,
    'sustained-growth',
    detail.series,
    'memory',
    detail.series.unit
  )
  return regrewToWorkingSize(detail, tolerance) !== null
}

/**
 * Whether an allocator series keeps its pace through the last half of its window: its last half
 * rises (p below the continuation level) at {@link PACE_FRACTION} of the window's slope or more,
 * or, judged in segments, its last segment still climbs at the common pace.
 */
function keepsPace(detail: SeriesDetail): boolean {
  const whole = detail.values
  const late = detail.lastHalf
  if (
    whole &&
    late &&
    whole.slope > 0 &&
    late.slope >= PACE_FRACTION * whole.slope &&
    late.pValue < DEFAULTS.continuationAlpha
  )
    return true
  return detail.segmented?.lastKeepsPace === true && detail.segmented.everySegmentGrows
}

/** The agreeing allocator series for a live heap's suggestive steady floor, or null. */
export function agreementFor(
  context: AnalysisContext,
  heap: SeriesDetail,
  fit: TrendFit
): Agreement | null {
  if (!isLiveHeap(heap) || !suggestive(fit)) return null
  // A Go heap whose collector's goal stays flat: the live heap did not climb (see flatGoalOf).
  if (flatGoalOf(context, heap)) return null
  // With fewer than 3 major collections in view, a forced collection that kept the climb to the
  // end (see keptToTheEnd) says the floor is not old-generation garbage waiting for one.
  return allocatorAgreeing(context, heap, fit, keptToTheEnd(context, heap))
}

/**
 * The same process's allocator-held series that rises significantly over the heap fit's window,
 * by at least {@link AGREEMENT_SHARE} of it, and keeps its pace through its own last half; or null.
 */
function allocatorAgreeing(
  context: AnalysisContext,
  heap: SeriesDetail,
  fit: TrendFit,
  keptByForce = false
): Agreement | null {
  // A floor read between major collections is what survived them; with fewer in view it also holds
  // old-generation garbage waiting for one (a cache's evicted entries), which RSS backs as well.
  if (heap.collections && heap.collections.count < MIN_MAJOR_COLLECTIONS && !keptByForce)
    return null
  for (const other of sameProcessAllocatorSeries(context, heap)) {
    if (other.xAxis !== heap.xAxis) continue
    const pValue = ownRise(other)
    if (pValue === null || !keepsPace(other) || regrew(context, other)) continue
    // Over the heap's own window: the medians of its first and last fifths, so a fall the runtime
    // made in between (it handed pages back) counts against it.
    const rise = riseBetween(other, fit.x0, fit.x1)
    if (rise === null || !(rise >= AGREEMENT_SHARE * fit.growth)) continue
    return { metric: seriesLabel(other), pValue, rise }
  }
  return null
}

/**
 * The window's last third of bucket means stands where its pace puts it (its median rose from the
 * middle third's by at least the slope times the distance between them) and its last half keeps
 * {@link VALUES_PACE_FRACTION} of the pace: a leak's last half whose slope the beat of sampling
 * against the GC cycle bent (samples every 1.1 s under a ~1.1 s sawtooth drift through the cycle,
 * so 40 readings in a row fall slowly and its Theil–Sen slope read 0.59 of the pace, p = 0.71,
 * while the last third rose +6.65 MiB where the pace gave +6.35 MiB). A cache that filled has a
 * last third under its pace. Means only: a floor's thirds are a few minima.
 */
function endOnPace(fit: TrendFit, late: TrendFit): boolean {
  return (
    fit.basis !== 'floor' &&
    late.slope >= VALUES_PACE_FRACTION * fit.slope &&
    fit.endExpected > 0 &&
    fit.endRise >= fit.endExpected
  )
}

/**
 * A live heap's window that rises significantly on its own, whose last half keeps at least
 * {@link KEEPS_PACE_FRACTION} of its pace but cannot tell by itself (4–8 bucket means or
 * minima under a tall sawtooth: p 0.1–0.7 on a slope 80–95 % of the window's): the allocator
 * series of the same process that keeps its own pace to the end says it continues. A cache
 * that filled has a last half near zero and never comes here; the pace is the heap's own.
 */
export function continuationFor(
  context: AnalysisContext,
  heap: SeriesDetail,
  fit: TrendFit | null,
  late: TrendFit | null
): string | null {
  if (!fit || !late || !isLiveHeap(heap)) return null
  const significant = fit.slope > 0 && fit.low > 0 && fit.pValue < DEFAULTS.alpha
  if (!significant || !(late.slope >= KEEPS_PACE_FRACTION * fit.slope || endOnPace(fit, late)))
    return null
  // With fewer than 3 major collections in view, the forced collection before the post-test
  // snapshot must have kept the climb (garbage waiting for a collection is freed by it).
  return (
    allocatorAgreeing(context, heap, fit, keptThroughForcedCollection(context, heap))?.metric ??
    null
  )
}

/**
 * The same process's allocator-held series whose own last half rises significantly, by at least
 * {@link AGREEMENT_SHARE} of what a live heap's merely suggestive last half (`late`) added over the
 * same time, with no step in it; or null. A leak that continues after a cache filled or a table
 * was loaded in the first half: the window's pace holds the fill, so the last half, at the leak's
 * pace alone, is "slowed", and under a tall sawtooth its 8 bucket means cannot tell by themselves
 * (a 400 B per request leak beside a recorded 14 MiB table: +8.8 MiB, p = 0.019). Its pages say
 * so in the same seconds (rss +8.6 MiB, p < 0.001). A cache still filling in the last half is
 * judged by the same rules afterwards (the tolerance, the pace to the end, a step in the heap).
 */
export function lateAgreementFor(
  context: AnalysisContext,
  heap: SeriesDetail,
  late: TrendFit
): Agreement | null {
  if (!isLiveHeap(heap) || late.window !== 'last-half' || late.borrowed || !suggestive(late))
    return null
  if (flatGoalOf(context, heap)) return null
  // Garbage piling up for a major collection rises in the heap and its pages alike: the forced
  // collection before the post-test snapshot must have kept the rise, or, without one, the floor
  // must rest on major collections.
  const kept = keptLateRise(context, heap, late)
  if (kept === false) return null
  if (kept === null && (heap.collections?.count ?? 0) < MIN_MAJOR_COLLECTIONS) return null
  for (const other of sameProcessAllocatorSeries(context, heap)) {
    if (other.xAxis !== heap.xAxis || other.insufficient) continue
    const own = other.lastHalf
    if (!own || own.step || !(own.slope > 0 && own.low > 0 && own.pValue < DEFAULTS.alpha)) continue
    if (other.lastHalfFloor?.step) continue
    const rise = riseBetween(other, late.x0, late.x1)
    if (rise === null || !(rise >= AGREEMENT_SHARE * late.growth)) continue
    return { metric: seriesLabel(other), pValue: own.pValue, rise }
  }
  return null
}

/**
 * Marks a live heap's suggestive steady floor that its process's allocator-held memory confirms
 * (rising significantly by at least {@link AGREEMENT_SHARE} of it over the same window, and keeping
 * its pace through the last half). The heap floor's own last half, a few windows under a tall
 * sawtooth, has little power: it keeps the window's pace when it still climbs at
 * {@link PACE_FRACTION} of it, the allocator's last half saying the rest. Run once, after every
 * series is analysed and before the signatures judge them.
 */
export function markAgreements(context: AnalysisContext): void {
  for (const heap of context.series) {
    if (!isLiveHeap(heap)) continue
    const agreement = heap.floor ? agreementFor(context, heap, heap.floor) : null
    if (heap.floor && agreement) {
      heap.floor.agreement = agreement
      if (heap.lastHalfFloor) heap.lastHalfFloor.continuedBy = agreement.metric
    }
    // A last half that rises only suggestively on its own, its pages rising significantly with it.
    for (const late of [heap.lastHalf, heap.lastHalfFloor]) {
      if (!late || late.agreement) continue
      const agreed = lateAgreementFor(context, heap, late)
      if (agreed) late.agreement = agreed
    }
    // A significant window (mean or floor) whose last half keeps its pace but cannot tell alone.
    for (const [fit, late] of [
      [heap.values, heap.lastHalf],
      [heap.floor, heap.lastHalfFloor]
    ] as const) {
      if (!late || late.continuedBy !== undefined) continue
      const by = continuationFor(context, heap, fit, late)
      if (by) late.continuedBy = by
    }
  }
}

/**
 * The shared judgement of "this grows like a leak": statistically
 * significant (Mann–Kendall p < 0.01 on bucketed values and the Theil–Sen
 * interval above zero), practically large (beyond the tolerance), and still
 * rising at the end of the window (a bounded cache that filled and stopped
 * is not a leak). Used by sustained-growth, rising-floor and oom-risk.
 */
import { HOUR_MS, MIN_JUDGED_POINTS, type TrendFit } from './series-analysis.js'
import {
  ALL_SAMPLES_ALPHA,
  DEFAULTS,
  SUGGESTIVE_ALPHA,
  type GrowthTolerance
} from './thresholds.js'

// The significance levels live beside the other defaults (series-analysis.ts reads them too).
export { ALL_SAMPLES_ALPHA, SUGGESTIVE_ALPHA }

/**
 * End-of-window checks of a short fit (6–7 points). A short window has no
 * last half long enough to test (4 points at least), so the shape decides:
 * the last third must rise at least half of what the slope predicts (not a
 * quarter), and the last half of the points must still climb at half the
 * window's pace or more. A linear leak does both (ratios ≈ 1); a warm-up
 * still levelling off (a concave curve) slows down at the end.
 */
export const SHORT_END_RISE_FRACTION = 0.5

/**
 * A leak keeps its pace to the end: the last half of the steady window must
 * grow at least this fraction of the whole window's slope (Theil–Sen slopes).
 * A cache that fills over half the run then evicts, or an allocator settling,
 * has a last-half slope near zero however significant its wobble; a linear
 * leak has a ratio near 1, a leak that starts late above 1.
 */
export const PACE_FRACTION = 1 / 3
/**
 * The pace a last half of bucket means must keep: a mean's last half has 6
 * buckets or more and measures its pace well; a cache that filled over half
 * the run, whose old-generation garbage keeps the heap creeping until a
 * major collection, slows below half. A GC floor's last half rests on a few
 * noisy minima (4 windows under a tall sawtooth) and keeps {@link PACE_FRACTION};
 * a floor with no fall in view (RSS of an allocator that never shrinks) is the
 * series itself in coarser windows and keeps the mean's half: a full LRU
 * evicting into fragmented arenas crept at 0.36–0.40 of its fill's pace on
 * its floor, 0.45–0.46 on its mean.
 */
export const VALUES_PACE_FRACTION = 1 / 2

/**
 * A leak keeps its pace in both halves of the window; a cache that fills decelerates. On memory the
 * allocator holds with no fall in view (the only fits carrying `firstHalfSlope`), a last half that
 * keeps {@link VALUES_PACE_FRACTION} of the window's pace may still have slowed below this share of
 * the first half's: a Python worker's bounded cache filling over 55 % of a 90 s run then creeping in
 * the allocator kept 0.62 of the window's pace (0.55 on its floor) but 0.38 of its first half's.
 * Read only under {@link KEEPS_PACE_FRACTION} of the window's pace: a leak whose first half still
 * held warm-up settling inflates the window's pace with it. A leak kept per unit of work keeps that
 * pace when the work slows down instead (`workPaceVsFirst`).
 */
export const FIRST_HALF_PACE_FRACTION = 1 / 2

/**
 * Whether a last half slowed below {@link FIRST_HALF_PACE_FRACTION} of its first half, in time and
 * per unit of work, and either under {@link KEEPS_PACE_FRACTION} of the window's pace or at a pace
 * that, kept over the whole window, adds no more than `allowance` (the tolerance's absolute part,
 * {@link absoluteAllowance}): then only the first half's fill took the window over it. A Python
 * worker's cache filling over 42 % of a 140 s run, then creeping in its allocator (+1.7 MiB in
 * bursts, as the plain worker does), kept 0.70 of the window's pace but 0.3 of its first half's:
 * +3.4 MiB over the window at that pace, under the 4 MiB of memory the allocator holds. Absolute,
 * not a share of the level: a leak of that pace alone would stay under it whatever the level (a
 * cache's level would lift the 5 %: a native leak starting late beside a JVM cache added +8.9 MiB
 * at its pace, under 5 % of the cache's 190 MiB, over 5 % of the 138 MiB the JVM held before).
 */
export function deceleratedFromFirstHalf(
  lastHalf: TrendFit,
  whole: TrendFit,
  allowance: number | null = null
): boolean {
  const first = lastHalf.firstHalfSlope
  if (first === undefined || !(first > 0) || !(whole.slope > 0)) return false
  if (!(lastHalf.slope < FIRST_HALF_PACE_FRACTION * first)) return false
  if (
    lastHalf.workPaceVsFirst !== undefined &&
    lastHalf.workPaceVsFirst >= FIRST_HALF_PACE_FRACTION
  )
    return false
  if (lastHalf.slope < KEEPS_PACE_FRACTION * whole.slope) return true
  const share = Math.max(0, lastHalf.slope) / whole.slope
  return share < 1 && allowance !== null && whole.growth * share <= allowance
}

/**
 * What a window may add whatever its level: the absolute part of a tolerance, as growth over the
 * window (a rate over the window's hours); null for a tolerance that is only a share of the level.
 */
export function absoluteAllowance(
  fit: TrendFit,
  tolerance: GrowthTolerance,
  timeAxis: boolean
): number | null {
  switch (tolerance.type) {
    case 'default':
      return allocatorAbsolute(fit, tolerance.absolute)
    case 'window':
      return tolerance.amount
    case 'rate':
      return timeAxis ? (tolerance.perHour * (fit.x1 - fit.x0)) / HOUR_MS : null
    default:
      return null
  }
}

/**
 * A judgement {@link deceleratedFromFirstHalf} stopped only through its allowance: the last half
 * kept {@link KEEPS_PACE_FRACTION} or more of the window's pace (no step, no levelled tail), so
 * its memory slowed under what any leak must add rather than levelled off.
 */
export function slowedUnderAllowance(j: GrowthJudgement): boolean {
  return (
    j.step === undefined &&
    j.fit.levelledTail === undefined &&
    j.slowedTo !== undefined &&
    j.fit.slope > 0 &&
    j.slowedTo >= KEEPS_PACE_FRACTION * j.fit.slope
  )
}

/** The share of the window's pace a fit's last half must keep. */
function paceFraction(fit: TrendFit): number {
  return fit.basis === 'floor' && !fit.noDrops && !fit.ownPoints
    ? PACE_FRACTION
    : VALUES_PACE_FRACTION
}

/**
 * A last half that keeps at least this share of the window's pace continues
 * the trend even when its own test, on half the buckets under a tall
 * sawtooth, is not significant: the whole window already is.
 */
export const KEEPS_PACE_FRACTION = 2 / 3

/** The judgement of one fitted window. */
export interface GrowthJudgement {
  fit: TrendFit
  significant: boolean
  large: boolean
  sustained: boolean
  growing: boolean
  /** Growth over the window in % of the level (null when the level is not positive). */
  growthPercent: number | null
  /** Set when the window is one step between two flat levels (a level shift, not a trend). */
  step?: TrendFit['step']
  /** Set when the last half grows much slower than the window (a cache that filled, an allocator settling). */
  slowedTo?: number
  /** Set with slowedTo when the last half slowed against the first half's pace (this slope) rather than the window's. */
  slowedFrom?: number
  /** Significance came from the all-samples test (Hamed–Rao), the buckets alone being merely suggestive. */
  allSamples?: boolean
}

/**
 * Allocator quanta a rise must span to be no quantum at all. The default tolerance of memory the
 * allocator holds is 4 MiB because it moves in quanta (arenas, pages mapped in chunks) and keeps
 * high-water marks: one or two are no evidence. A series whose own readings rise in small steps
 * (its usual step, {@link TrendFit.quantum}) shows that: 16 of its steps, and at least the 1 MiB of
 * any memory, are then enough (a C extension keeping 200 B per archive: RSS +3.65 MiB in 24 KiB
 * steps over 3 minutes, 14.8 % of the level; pymalloc's arenas step by 256–512 KiB and keep 4 MiB).
 */
export const ALLOCATOR_QUANTA = 16

/** The absolute part of a default tolerance for a fit, lowered for allocator memory with small quanta. */
export function allocatorAbsolute(fit: Pick<TrendFit, 'quantum'>, absolute: number): number {
  if (absolute !== DEFAULTS.growthBytesAllocator || !(fit.quantum !== undefined && fit.quantum > 0))
    return absolute
  return Math.min(absolute, Math.max(DEFAULTS.growthBytes, ALLOCATOR_QUANTA * fit.quantum))
}

/** Whether a fit's growth exceeds a tolerance. Rates need a time axis (per-hour slopes). */
export function exceedsTolerance(
  fit: TrendFit,
  tolerance: GrowthTolerance,
  timeAxis: boolean
): boolean {
  const percent = fit.level > 0 ? (fit.growth / fit.level) * 100 : null
  switch (tolerance.type) {
    case 'default':
      return (
        fit.growth > allocatorAbsolute(fit, tolerance.absolute) &&
        (percent === null || percent > tolerance.percent)
      )
    case 'window':
      return fit.growth > tolerance.amount
    case 'window-percent':
      return percent !== null && percent > tolerance.percent
    case 'rate':
      return timeAxis ? fit.slope * HOUR_MS > tolerance.perHour : false
    case 'rate-percent':
      return timeAxis && fit.level > 0
        ? ((fit.slope * HOUR_MS) / fit.level) * 100 > tolerance.percentPerHour
        : false
  }
}

/**
 * Whether a window rises significantly: on the bucket means (p < alpha, CI above 0), or, when the
 * buckets only suggest it, on all samples with the autocorrelation-corrected test.
 */
export function risesSignificantly(fit: TrendFit): { significant: boolean; allSamples: boolean } {
  const bucketSignificant =
    (fit.pValue < DEFAULTS.alpha && fit.low > 0 && fit.slope > 0) ||
    (fit.agreement !== undefined && fit.slope > 0 && fit.pValue < SUGGESTIVE_ALPHA)
  const allSamples =
    !bucketSignificant &&
    fit.slope > 0 &&
    fit.pValue < SUGGESTIVE_ALPHA &&
    fit.allSamplesPValue !== undefined &&
    fit.allSamplesPValue < ALL_SAMPLES_ALPHA
  return { significant: bucketSignificant || allSamples, allSamples }
}

/**
 * A short series (6–7 points, tested exactly) reaches p < 0.01 only when it
 * rises at nearly every step: one reversal in 7 points gives p = 0.03. Such
 * a series is significant at this level when its growth is beyond twice the
 * tolerance and the Theil–Sen interval lies above zero (a climb of +85 % in
 * 7 batches with one dip is a leak, not noise); every end-of-window check
 * still applies.
 */
export const SHORT_ALPHA = 0.05

/** Whether a short fit rises clearly: p < {@link SHORT_ALPHA}, interval above 0, twice the tolerance. */
function shortClear(fit: TrendFit, tolerance: GrowthTolerance, timeAxis: boolean): boolean {
  if (!fit.short || !(fit.pValue < SHORT_ALPHA && fit.low > 0 && fit.slope > 0)) return false
  const half = { ...fit, slope: fit.slope / 2, growth: fit.growth / 2 }
  return exceedsTolerance(half, tolerance, timeAxis)
}

/**
 * Whether a window's last half continues its trend: it rises on its own test (or on all its
 * samples, or its finer floor, or a witness of the same process), or keeps most of the window's
 * pace with its samples suggesting it; and at least `minFraction` of that pace either way
 * ({@link paceFraction} by default).
 */
export function lastHalfContinues(
  whole: TrendFit,
  lastHalf: TrendFit,
  minFraction = paceFraction(whole)
): boolean {
  return (
    lastHalf.slope > 0 &&
    (lastHalf.pValue < DEFAULTS.continuationAlpha ||
      (lastHalf.allSamplesPValue ?? 1) < ALL_SAMPLES_ALPHA ||
      (lastHalf.fineFloorPValue ?? 1) < DEFAULTS.continuationAlpha ||
      lastHalf.continuedBy !== undefined ||
      (lastHalf.slope >= KEEPS_PACE_FRACTION * whole.slope &&
        (lastHalf.allSamplesPValue ?? 1) < DEFAULTS.continuationAlpha)) &&
    lastHalf.slope >= minFraction * whole.slope
  )
}

/**
 * A last half too short for a test of its own (fewer than {@link MIN_JUDGED_POINTS} points) that
 * still climbs at {@link SHORT_END_RISE_FRACTION} of the window's pace and whose window ends on its
 * pace by a short fit's measure: judged as a short fit's end is.
 */
function tooFewToTest(lastHalf: TrendFit, whole: TrendFit): boolean {
  return (
    lastHalf.points < MIN_JUDGED_POINTS &&
    lastHalf.slope >= SHORT_END_RISE_FRACTION * whole.slope &&
    whole.endExpected > 0 &&
    whole.endRise >= SHORT_END_RISE_FRACTION * whole.endExpected
  )
}

/**
 * Whether a window's last third rose less than its end-of-window share of what its pace gives
 * (the check {@link judgeGrowth} reads as "rose early then flattened").
 */
export function endFlattened(fit: TrendFit): boolean {
  const fraction = fit.short ? SHORT_END_RISE_FRACTION : DEFAULTS.endRiseFraction
  return fit.endExpected > 0 && fit.endRise < fraction * fit.endExpected
}

/** Judges one window. */
export function judgeGrowth(
  fit: TrendFit,
  tolerance: GrowthTolerance,
  timeAxis: boolean
): GrowthJudgement {
  const rises = risesSignificantly(fit)
  const allSamples = rises.allSamples
  const significant = rises.significant || shortClear(fit, tolerance, timeAxis)
  const large = exceedsTolerance(fit, tolerance, timeAxis)
  const keepsPace =
    fit.lateSlope === undefined || fit.lateSlope >= SHORT_END_RISE_FRACTION * fit.slope
  const sustained = !endFlattened(fit) && keepsPace && fit.levelledTail === undefined
  return {
    fit,
    significant,
    large,
    sustained,
    growing: significant && large && sustained && !fit.step,
    growthPercent: fit.level > 0 ? (fit.growth / fit.level) * 100 : null,
    ...(fit.step ? { step: fit.step } : {}),
    ...(allSamples ? { allSamples: true } : {})
  }
}

/**
 * Judges the whole steady window and its last half; returns the judgement
 * that shows a leak (the whole window first, then the last half for a leak
 * that starts late), or the whole window's judgement when neither does.
 */
export function judgeWindows(
  whole: TrendFit | null,
  lastHalf: TrendFit | null,
  tolerance: GrowthTolerance,
  timeAxis: boolean
): GrowthJudgement | null {
  const first = whole ? judgeGrowth(whole, tolerance, timeAxis) : null
  // A leak keeps growing through the last half too; a cache that filled early does not.
  // It must also keep its pace: the last half grows at least a third as fast as the window.
  // A short fit (6–7 points) checks its own end (last third, last half's Theil–Sen slope): its
  // last half, 3–4 points, has no test of its own to pass. Nor has the last half of 8–11 points
  // read one by one (4–5 points: a rank test reaches p < 0.1 only when every point rises), so it
  // is held to the short fit's end checks (its slope at half the pace; the window's last third
  // already checked by judgeGrowth at the window's own end-rise share).
  if (
    first?.growing &&
    !first.fit.short &&
    lastHalf &&
    !lastHalfContinues(first.fit, lastHalf) &&
    !tooFewToTest(lastHalf, first.fit)
  ) {
    first.sustained = false
    first.growing = false
    if (lastHalf.slope < paceFraction(first.fit) * first.fit.slope) first.slowedTo = lastHalf.slope
  }
  // A fill decelerates from its first half even when its last half keeps half the window's pace.
  if (
    first?.growing &&
    !first.fit.short &&
    lastHalf &&
    deceleratedFromFirstHalf(lastHalf, first.fit, absoluteAllowance(first.fit, tolerance, timeAxis))
  ) {
    first.sustained = false
    first.growing = false
    first.slowedTo = lastHalf.slope
    first.slowedFrom = lastHalf.firstHalfSlope
  }
  if (first?.growing) return first
  // The last half is a second test: halve its alpha (Bonferroni) so two chances do not double false alarms.
  // (a floor's last half borrowed from the mean's is an end check only: the mean's own test is that)
  const late = lastHalf && !lastHalf.borrowed ? judgeGrowth(lastHalf, tolerance, timeAxis) : null
  const lateSignificant =
    late !== null &&
    lastHalf !== null &&
    (lastHalf.pValue < DEFAULTS.alpha / 2 ||
      (late?.allSamples === true && (lastHalf.allSamplesPValue ?? 1) < ALL_SAMPLES_ALPHA / 2) ||
      lastHalf.agreement !== undefined)
  if (late?.growing && lateSignificant && !isRecovery(lastHalf!)) return late
  // A step inside the last half only (late in the run) is said as a step, when the window before
  // it did not rise: "flat before" is the last half's own, and a window that climbed to that step
  // (a native leak under its tolerance, then one jump at 82 %) is said as the climb it is.
  if (
    first &&
    !first.growing &&
    !first.step &&
    !(first.significant && first.fit.slope > 0) &&
    late?.step &&
    late.significant
  )
    return late
  return first ?? late
}

/**
 * A late rise that ends no higher than the steady window already was
 * before it: the runtime shrank its heap (V8's memory reducer, a major GC
 * returning pages) and grew it back. Memory that leaks late climbs to new
 * highs; memory that only returns to its earlier level is not new.
 */
export function isRecovery(fit: TrendFit): boolean {
  return fit.priorPeak !== undefined && fit.endLevel <= fit.priorPeak
}

/**
 * The level of a growth finding under a two-level threshold: `warn` when the
 * growth passes the warn level but not the fail level, else `fail`; with the
 * clause saying which levels it lies between.
 */
export function levelOfGrowth(
  levels: { tolerance: GrowthTolerance | null; text: string; warnText: string } | null,
  fit: Pick<TrendFit, 'slope' | 'growth' | 'level'>,
  timeAxis: boolean
): { level: 'fail' | 'warn'; clause: string | null } {
  if (!levels) return { level: 'fail', clause: null }
  if (levels.tolerance && exceedsTolerance(fit as TrendFit, levels.tolerance, timeAxis))
    return { level: 'fail', clause: `beyond the fail level ${levels.text}` }
  return {
    level: 'warn',
    clause: `beyond the warn level ${levels.warnText}${levels.tolerance ? `, under the fail level ${levels.text}` : ''}`
  }
}

/**
 * The shared judgement of "this grows like a leak": statistically
 * significant (Mann–Kendall p < 0.01 on bucketed values and the Theil–Sen
 * interval above zero), practically large (beyond the tolerance), and still
 * rising at the end of the window (a bounded cache that filled and stopped
 * is not a leak). Used by sustained-growth, rising-floor and oom-risk.
 */
import { HOUR_MS, type TrendFit } from './series-analysis.js'
import { DEFAULTS, type GrowthTolerance } from './thresholds.js'

/**
 * End-of-window checks of a short fit (6–7 points). A short window has no
 * last half long enough to test (4 points at least), so the shape decides:
 * the last third must rise at least half of what the slope predicts (not a
 * quarter), and the last half of the points must still climb at half the
 * window's pace or more. A linear leak does both (ratios ≈ 1); a warm-up
 * still levelling off (a concave curve) slows down at the end.
 */
export const SHORT_END_RISE_FRACTION = 0.5

/** The judgement of one fitted window. */
export interface GrowthJudgement {
  fit: TrendFit
  significant: boolean
  large: boolean
  sustained: boolean
  growing: boolean
  /** Growth over the window in % of the level (null when the level is not positive). */
  growthPercent: number | null
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
      return fit.growth > tolerance.absolute && (percent === null || percent > tolerance.percent)
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

/** Judges one window. */
export function judgeGrowth(
  fit: TrendFit,
  tolerance: GrowthTolerance,
  timeAxis: boolean
): GrowthJudgement {
  const significant = fit.pValue < DEFAULTS.alpha && fit.low > 0 && fit.slope > 0
  const large = exceedsTolerance(fit, tolerance, timeAxis)
  const fraction = fit.short ? SHORT_END_RISE_FRACTION : DEFAULTS.endRiseFraction
  const keepsPace =
    fit.lateSlope === undefined || fit.lateSlope >= SHORT_END_RISE_FRACTION * fit.slope
  const sustained = (fit.endExpected <= 0 || fit.endRise >= fraction * fit.endExpected) && keepsPace
  return {
    fit,
    significant,
    large,
    sustained,
    growing: significant && large && sustained,
    growthPercent: fit.level > 0 ? (fit.growth / fit.level) * 100 : null
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
  if (
    first?.growing &&
    lastHalf &&
    !(lastHalf.slope > 0 && lastHalf.pValue < DEFAULTS.continuationAlpha)
  ) {
    first.sustained = false
    first.growing = false
  }
  if (first?.growing) return first
  // The last half is a second test: halve its alpha (Bonferroni) so two chances do not double false alarms.
  const late = lastHalf ? judgeGrowth(lastHalf, tolerance, timeAxis) : null
  if (late?.growing && lastHalf!.pValue < DEFAULTS.alpha / 2 && !isRecovery(lastHalf!)) return late
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

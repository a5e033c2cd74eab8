import { median } from './median.js'
import { normalInverseCdf } from './normal.js'
import { roundHalfEven } from './round-half-even.js'

/** Result of {@link theilSen}: the fitted line y = intercept + slope·x and the slope's interval. */
export interface TheilSenResult {
  slope: number
  intercept: number
  /** Lower and upper bound of the slope's confidence interval (Sen 1968). */
  low: number
  high: number
  /** Number of pairwise slopes (pairs with distinct x). */
  pairs: number
}

/** Sizes of the groups of equal values (ties), for Sen's variance. */
function tieGroupSizes(values: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort()
  const sizes: number[] = []
  for (let start = 0; start < sorted.length;) {
    let end = start + 1
    while (end < sorted.length && sorted[end] === sorted[start]) end++
    if (end - start > 1) sizes.push(end - start)
    start = end
  }
  return sizes
}

/**
 * Theil–Sen estimator: the median of the slopes of all pairs of points, a
 * line fit that ignores up to 29 % of outliers (a GC spike, a stalled
 * sampler) where least squares would be dragged along.
 *
 * Intercept: median(y) − slope · median(x) (scipy's `method='separate'`).
 * Confidence interval: Sen (1968) eq. 2.6: with N pairwise slopes sorted and
 * σ² = Var(S) of Mann–Kendall (ties in x and in y subtracted), the bounds
 * are the slopes of rank round((N ∓ z·σ)/2), z the normal quantile. This
 * reproduces scipy.stats.theilslopes(y, x, confidence) exactly.
 *
 * References: Theil (1950), Sen (1968) "Estimates of the regression
 * coefficient based on Kendall's tau", JASA 63; scipy.stats.theilslopes.
 *
 * Cost: exact, O(n² log n) time and O(n²) memory for the n(n−1)/2 slopes.
 * That is cheap for the few hundred points `analyze/` gives it: series are
 * first reduced to bucket means/minima (`buckets.ts`), which also keeps the
 * autocorrelation of raw samples out of the interval. Do not call it on
 * raw series of 10⁵ points.
 *
 * @example theilSen([0, 1, 2, 3, 4], [1, 3, 2, 5, 4]).slope // => 0.875
 */
export function theilSen(
  x: readonly number[],
  y: readonly number[],
  confidence = 0.95
): TheilSenResult {
  const n = x.length
  if (n !== y.length) throw new Error('theilSen requires x and y of the same length')
  const slopes = new Float64Array((n * (n - 1)) / 2)
  let count = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - x[i]
      if (dx !== 0) slopes[count++] = (y[j] - y[i]) / dx
    }
  }
  if (count === 0) throw new Error('theilSen requires at least two distinct x values')
  const sorted = slopes.subarray(0, count).sort()
  const middle = count >> 1
  const slope = count % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  const intercept = median(y) - slope * median(x)

  const tieSum = (sizes: number[]): number =>
    sizes.reduce((sum, k) => sum + k * (k - 1) * (2 * k + 5), 0)
  const sigma = Math.sqrt(
    (n * (n - 1) * (2 * n + 5) - tieSum(tieGroupSizes(x)) - tieSum(tieGroupSizes(y))) / 18
  )
  const alpha = confidence > 0.5 ? 1 - confidence : confidence
  const z = normalInverseCdf(alpha / 2)
  const upper = Math.min(roundHalfEven((count - z * sigma) / 2), count - 1)
  const lower = Math.max(roundHalfEven((count + z * sigma) / 2) - 1, 0)
  return { slope, intercept, low: sorted[lower], high: sorted[upper], pairs: count }
}

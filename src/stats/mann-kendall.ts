import { erfc } from './normal.js'

/** Result of {@link mannKendall}. */
export interface MannKendallResult {
  /** Points tested. */
  n: number
  /** Kendall's S: Σ sign(y[j] − y[i]) over all pairs i < j (concordant minus discordant with time). */
  s: number
  /** Variance of S under H0 (no trend), corrected for ties. */
  variance: number
  /** Standardised S, with the continuity correction (S ∓ 1) unless turned off. */
  z: number
  /** Two-sided p-value of H0 "no monotonic trend", from the normal approximation. */
  pValue: number
  /** Kendall's tau-a, S ÷ (n(n−1)/2): the strength of the monotonic trend in −1…1. */
  tau: number
}

/**
 * Mann–Kendall trend test: is there a monotonic trend in a sequence of
 * values taken in time order? Rank-based, so a GC spike or an outlier counts
 * no more than any other step, and no distribution is assumed.
 *
 * S counts, over all pairs of points, how many later values are above an
 * earlier one minus how many are below. Under H0 (values exchangeable),
 * Var(S) = [n(n−1)(2n+5) − Σₜ t(t−1)(2t+5)] / 18 where t runs over the sizes
 * of groups of tied values; Z = (S − sign S) / √Var(S) and the two-sided
 * p-value is 2·(1 − Φ(|Z|)).
 *
 * The test assumes independent samples. Thousands of autocorrelated raw
 * samples make every wiggle "significant": test bucket means or minima
 * (20–60 points, see `buckets.ts`) instead, as `analyze/` does.
 *
 * References: Mann (1945) "Nonparametric tests against trend", Econometrica 13;
 * Kendall (1975) "Rank Correlation Methods"; Hipel & McLeod (1994) §23.3.
 * S equals scipy.stats.kendalltau(range(n), y)'s concordant − discordant count,
 * and with `continuity: false` the p-value equals kendalltau's asymptotic p-value.
 *
 * O(n log n): S is counted with a Fenwick tree over the value ranks, so it
 * stays cheap even on raw series.
 *
 * @example mannKendall([1, 2, 3, 4, 5, 6]).pValue // => 0.008534920414227074  (S = 15, Var = 28.33)
 */
export function mannKendall(
  values: readonly number[],
  options: { continuity?: boolean } = {}
): MannKendallResult {
  const n = values.length
  if (n < 2) throw new Error('mannKendall requires at least two data points')
  const continuity = options.continuity ?? true

  // Dense ranks 1..m of the values, and the tie groups.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b])
  const rank = new Int32Array(n)
  let distinct = 0
  let tieTerm = 0
  for (let start = 0; start < n;) {
    let end = start + 1
    while (end < n && values[order[end]] === values[order[start]]) end++
    distinct++
    for (let k = start; k < end; k++) rank[order[k]] = distinct
    const t = end - start
    if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5)
    start = end
  }

  // Fenwick tree: how many earlier values have each rank.
  const tree = new Int32Array(distinct + 1)
  const prefix = (r: number): number => {
    let total = 0
    for (let i = r; i > 0; i -= i & -i) total += tree[i]
    return total
  }
  let s = 0
  for (let j = 0; j < n; j++) {
    const r = rank[j]
    const below = prefix(r - 1)
    const above = j - prefix(r)
    s += below - above
    for (let i = r; i <= distinct; i += i & -i) tree[i]++
  }

  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18
  let z = 0
  if (variance > 0 && s !== 0) {
    const corrected = continuity ? s - Math.sign(s) : s
    z = corrected / Math.sqrt(variance)
  }
  const pValue = Math.min(1, erfc(Math.abs(z) / Math.SQRT2))
  return { n, s, variance, z, pValue, tau: s / ((n * (n - 1)) / 2) }
}

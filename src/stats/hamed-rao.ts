import { mannKendall } from './mann-kendall.js'
import { normalCdf, normalInverseCdf } from './normal.js'
import { theilSen } from './theil-sen.js'

/** Result of {@link hamedRaoMannKendall}. */
export interface HamedRaoResult {
  /** Points tested. */
  n: number
  /** Kendall's S (as {@link mannKendall}). */
  s: number
  /** Var(S) for independent points, ties corrected. */
  variance: number
  /**
   * n/n*: the variance inflation for autocorrelation, 1 + 2/(n(n−1)(n−2)) ·
   * Σ (n−i)(n−i−1)(n−i−2)·ρᵢ over the significant lags i. Never below 1 here
   * (see below).
   */
  correction: number
  /** Standardised S with the continuity correction, on the corrected variance. */
  z: number
  /** Two-sided p-value of H0 "no monotonic trend" allowing for autocorrelation. */
  pValue: number
}

/**
 * Mann–Kendall trend test with Hamed & Rao's variance correction for
 * autocorrelated data: the trend test on every sample of a memory series,
 * not on a handful of bucket means. A GC sawtooth makes neighbouring samples
 * alike (one cycle spans dozens of samples); the plain test then counts each
 * cycle many times over and calls noise a trend. Hamed and Rao inflate Var(S)
 * by the effective-sample-size factor n/n* computed from the autocorrelation
 * of the ranks of the detrended series.
 *
 * Steps: remove the Theil–Sen trend (y − slope·i); rank the residuals; take
 * their sample autocorrelation ρᵢ (biased, ÷ n) at every lag i = 1 … n−1;
 * keep the lags outside ±z₀.₉₇₅/√n (significant at 5 %); n/n* = 1 + 2 ÷
 * (n(n−1)(n−2)) · Σ (n−i)(n−i−1)(n−i−2)ρᵢ; Var*(S) = Var(S)·n/n*. Unlike the
 * paper (which also allows n/n* < 1), the factor is kept at 1 or more: a
 * negative autocorrelation never makes a sawtooth look more significant
 * than independent samples would.
 *
 * Reference: Hamed & Rao (1998) "A modified Mann-Kendall trend test for
 * autocorrelated data", Journal of Hydrology 204, eq. 18; the steps of
 * `pymannkendall.hamed_rao_modification_test` (Hussain & Mahmud 2019) with
 * `lag = n`, `alpha = 0.05`.
 *
 * O(n²) for the autocorrelation: call it on at most a few thousand points
 * (average neighbouring samples first).
 *
 * @example hamedRaoMannKendall([1, 3, 2, 4, 6, 5, 7, 9, 8, 10]).pValue // => 0.0009111188771856663
 */
export function hamedRaoMannKendall(values: readonly number[]): HamedRaoResult {
  const n = values.length
  if (n < 3) throw new Error('hamedRaoMannKendall requires at least three data points')
  const plain = mannKendall(values, { continuity: false })
  const index = Array.from({ length: n }, (_, i) => i + 1)
  const { slope } = theilSen(index, values)
  const detrended = values.map((v, i) => v - slope * (i + 1))
  const ranks = averageRanks(detrended)
  let mean = 0
  for (const r of ranks) mean += r
  mean /= n
  const centred = ranks.map((r) => r - mean)
  let lag0 = 0
  for (const c of centred) lag0 += c * c
  let sum = 0
  if (lag0 > 0) {
    const bound = normalInverseCdf(0.975) / Math.sqrt(n)
    for (let lag = 1; lag < n; lag++) {
      let acov = 0
      for (let t = 0; t + lag < n; t++) acov += centred[t] * centred[t + lag]
      const rho = acov / lag0
      if (rho > bound || rho < -bound) sum += (n - lag) * (n - lag - 1) * (n - lag - 2) * rho
    }
  }
  const correction = Math.max(1, 1 + (2 / (n * (n - 1) * (n - 2))) * sum)
  const variance = plain.variance
  const corrected = variance * correction
  const s = plain.s
  const z = corrected > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(corrected) : 0
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))))
  return { n, s, variance, correction, z, pValue }
}

/** Ranks 1…n, ties given their average rank (as scipy.stats.rankdata). */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b])
  const ranks = new Array<number>(values.length)
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && values[order[end]] === values[order[start]]) end++
    const rank = (start + end + 1) / 2
    for (let k = start; k < end; k++) ranks[order[k]] = rank
    start = end
  }
  return ranks
}

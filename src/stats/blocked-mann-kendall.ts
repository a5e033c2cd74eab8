import { mannKendall } from './mann-kendall.js'
import { median } from './median.js'
import { erfc } from './normal.js'

/** Result of {@link blockedMannKendall}. */
export interface BlockedMannKendallResult {
  /** Σ Sₖ: Kendall's S summed over the blocks (pairs are only formed within a block). */
  s: number
  /** Σ Var(Sₖ), each tie corrected. */
  variance: number
  /** (S ∓ 1) ÷ √Var, continuity corrected. */
  z: number
  /** Two-sided p-value of H0 "no trend within the blocks". */
  pValue: number
  /** Median of the pairwise slopes taken within each block (the blocks' common slope). */
  slope: number
}

/**
 * Mann–Kendall test and Theil–Sen slope over several blocks of one series,
 * comparing points only within a block: the trend a series keeps from one
 * segment to the next when its level is reset between them (a process
 * restarted, the runtime shrinking its heap). Across a reset the plain test
 * sees a fall and cancels the rise; within blocks the rise counts every time.
 *
 * S = Σ Sₖ and Var(S) = Σ Var(Sₖ) (blocks independent under H0), Z = (S ∓ 1)
 * ÷ √Var(S), p = 2·(1 − Φ(|Z|)); the slope is the median of all pairwise
 * slopes (yⱼ − yᵢ)/(xⱼ − xᵢ) with i < j in the same block (Sen 1968, pooled).
 *
 * Reference: Hirsch, Slack & Smith (1982) "Techniques of trend analysis for
 * monthly water quality data", Water Resources Research 18 (the seasonal
 * Kendall test: blocks = seasons); the slope is their seasonal Kendall slope
 * estimator. Blocks of fewer than two points are skipped.
 *
 * O(Σ nₖ²) for the slopes.
 *
 * @example blockedMannKendall([[0, 1, 2, 3], [4, 5, 6, 7]], [[10, 11, 12, 13], [5, 6, 7, 8]]).pValue // => 0.008239018825724642 (S = 12, Var = 17.33)
 */
export function blockedMannKendall(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[]
): BlockedMannKendallResult {
  if (x.length !== y.length || x.length === 0)
    throw new Error('blockedMannKendall requires blocks of x and y alike')
  let s = 0
  let variance = 0
  const slopes: number[] = []
  for (let b = 0; b < y.length; b++) {
    const ys = y[b]
    const xs = x[b]
    if (ys.length < 2) continue
    const test = mannKendall(ys, { continuity: false })
    s += test.s
    variance += test.variance
    for (let i = 0; i < ys.length; i++)
      for (let j = i + 1; j < ys.length; j++)
        if (xs[j] !== xs[i]) slopes.push((ys[j] - ys[i]) / (xs[j] - xs[i]))
  }
  if (slopes.length === 0) throw new Error('blockedMannKendall requires a block of two points')
  const z = variance > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(variance) : 0
  const pValue = Math.min(1, erfc(Math.abs(z) / Math.SQRT2))
  return { s, variance, z, pValue, slope: median(slopes) }
}

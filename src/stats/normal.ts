/**
 * Standard normal distribution: cumulative distribution function and its
 * inverse. Mann–Kendall turns its Z score into a p-value with the CDF, and
 * Theil–Sen's confidence interval needs the 97.5 % quantile.
 */

const SQRT2 = Math.SQRT2
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI)

/**
 * Complementary error function erfc(x) = 1 − erf(x), accurate to about
 * 1e-15 relative in both the centre and the tails (where 1 − erf would lose
 * every digit: p-values of 1e-12 stay meaningful).
 *
 * For |x| < 2.5 the all-positive series
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6);
 * beyond, the continued fraction of A&S 7.1.14 evaluated with Lentz's method.
 *
 * O(1) (at most a few hundred terms).
 *
 * @example erfc(1) // => 0.15729920705028516
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  if (x < 0) return 2 - erfc(-x)
  if (x < 2.5) {
    let term = x
    let sum = x
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1)
      sum += term
      if (term < sum * 1e-17) break
    }
    return 1 - 2 * INV_SQRT_PI * Math.exp(-x * x) * sum
  }
  if (x > 27) return 0
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300
  let f = x
  let c = x
  let d = 0
  for (let n = 1; n < 500; n++) {
    const a = n / 2
    d = x + a * d
    d = d === 0 ? tiny : d
    c = x + a / c
    c = c === 0 ? tiny : c
    d = 1 / d
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return (INV_SQRT_PI * Math.exp(-x * x)) / f
}

/**
 * Standard normal cumulative distribution function Φ(x) = P(Z ≤ x),
 * through {@link erfc} so that both tails keep their relative precision.
 *
 * Reference: Abramowitz & Stegun (1964), 26.2.2 and 7.1. O(1).
 *
 * @example normalCdf(1.959963984540054) // => 0.975 (to 1e-15)
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2)
}

/** Acklam's rational approximation coefficients (relative error 1.15e-9, refined below). */
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239
]
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1
]
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783
]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]

/**
 * Inverse of the standard normal CDF (probit, the quantile function):
 * the x with Φ(x) = p.
 *
 * Reference: P. J. Acklam's algorithm (2003) with one Halley refinement step
 * on {@link normalCdf}, which brings it to full double precision. O(1).
 *
 * @example normalInverseCdf(0.975) // => 1.959963984540054
 */
export function normalInverseCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error('normalInverseCdf requires 0 <= p <= 1')
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  const pLow = 0.02425
  let x: number
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p))
    x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  } else if (p <= 1 - pLow) {
    const q = p - 0.5
    const r = q * q
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x =
      -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  }
  // One Halley step: e = Φ(x) − p, u = e·√(2π)·e^(x²/2).
  const e = normalCdf(x) - p
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2)
  return x - u / (1 + (x * u) / 2)
}

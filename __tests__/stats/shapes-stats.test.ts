/**
 * The statistics behind the shapes of real runs, against reference values.
 * scipy 1.17 / numpy 2.4 are on this machine but have no Hamed–Rao test
 * (pymannkendall is not installed): its reference is an independent numpy/scipy
 * implementation of the same steps, written out in `REFERENCE_HAMED_RAO` below,
 * so the two implementations agree rather than one copying the other.
 */
import { blockedMannKendall } from '../../src/stats/blocked-mann-kendall.js'
import { hamedRaoMannKendall } from '../../src/stats/hamed-rao.js'
import { mannKendall } from '../../src/stats/mann-kendall.js'
import { stepFit } from '../../src/stats/step-fit.js'

/*
 * REFERENCE_HAMED_RAO (python3, numpy + scipy):
 *   def hr(x):
 *     x = np.asarray(x, float); n = len(x)
 *     s = sum(np.sign(x[i+1:] - x[i]).sum() for i in range(n-1))
 *     _, c = np.unique(x, return_counts=True)
 *     var = (n*(n-1)*(2*n+5) - np.sum(c*(c-1)*(2*c+5))) / 18
 *     slope = np.median([(x[j]-x[i])/(j-i) for i in range(n) for j in range(i+1, n)])
 *     I = scipy.stats.rankdata(x - np.arange(1, n+1)*slope)
 *     y = I - I.mean(); acov = np.correlate(y, y, 'full')[n-1:] / n; acf = acov / acov[0]
 *     b = scipy.stats.norm.ppf(0.975) / np.sqrt(n)
 *     sni = sum((n-i)*(n-i-1)*(n-i-2)*acf[i] for i in range(1, n) if abs(acf[i]) > b)
 *     f = max(1, 1 + 2/(n*(n-1)*(n-2))*sni)
 *     z = (s - np.sign(s)) / np.sqrt(var*f)
 *     return s, var, f, 2*(1 - scipy.stats.norm.cdf(abs(z)))
 */

/** An AR(1) series (φ = 0.8) with a small trend: numpy default_rng(3), rounded to 3 places. */
const AR1 = [
  0.0, 2.071, -0.863, -0.23, -0.704, -0.962, -0.925, -2.694, -2.315, -2.639, 1.296, 1.352, 0.825,
  0.481, -0.175, -1.081, -1.136, -0.301, -0.347, 0.818, 0.599, 0.653, 2.224, 2.487, 1.652, 1.313,
  1.771, 3.538, 2.753, 2.156, 2.931, 1.669, 1.259, 2.112, 2.498, 2.324, 2.769, -0.367, 0.98, 0.082,
  -1.339, -0.525, 0.557, 0.283, -0.562, -0.13, 0.144, 1.826, 2.521, 2.528, 3.458, 2.891, 1.723,
  2.304, 2.774, 2.358, 1.464, 1.766, -0.709, 0.501
]

describe('hamedRaoMannKendall', () => {
  it('matches the reference on a short rising series (factor 1.389)', () => {
    // hr([1,3,2,4,6,5,7,9,8,10]) → s = 39, var = 125, f = 1.388888888888889, p = 0.003926622121099621
    const result = hamedRaoMannKendall([1, 3, 2, 4, 6, 5, 7, 9, 8, 10])
    expect(result.s).toBe(39)
    expect(result.variance).toBeCloseTo(125, 10)
    expect(result.correction).toBeCloseTo(1.388888888888889, 10)
    expect(result.pValue).toBeCloseTo(0.003926622121099621, 10)
  })

  it('inflates the variance of an autocorrelated series: significant alone, not after correction', () => {
    // hr(AR1) → s = 508, var = 24583.33, f = 3.5141229267042653, p = 0.08453463055796329
    const result = hamedRaoMannKendall(AR1)
    expect(result.s).toBe(508)
    expect(result.correction).toBeCloseTo(3.5141229267042653, 8)
    expect(result.pValue).toBeCloseTo(0.08453463055796329, 8)
    // The plain test calls the same series a trend (p ≈ 0.001): the autocorrelation fakes it.
    expect(mannKendall(AR1).pValue).toBeLessThan(0.01)
  })

  it('requires three points', () => {
    expect(() => hamedRaoMannKendall([1, 2])).toThrow(
      'hamedRaoMannKendall requires at least three data points'
    )
  })
})

describe('stepFit', () => {
  it('finds the level shift and compares it with the line', () => {
    // numpy: best k = 4, means 5.05 / 10.0, SSE 0.15; np.polyfit(x, y, 1, full=True)[1] = 15.319636363636368
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    const y = [5.1, 4.9, 5.2, 5.0, 9.8, 10.1, 10.0, 9.9, 10.2, 10.0]
    const fit = stepFit(x, y)
    expect(fit.splitIndex).toBe(4)
    expect(fit.before).toBeCloseTo(5.05, 12)
    expect(fit.after).toBeCloseTo(10.0, 12)
    expect(fit.size).toBeCloseTo(4.95, 12)
    expect(fit.stepSse).toBeCloseTo(0.15, 10)
    expect(fit.lineSse).toBeCloseTo(15.319636363636368, 10)
  })

  it('a straight line fits a ramp better than any step', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7]
    const fit = stepFit(
      x,
      x.map((v) => 2 * v + 1)
    )
    expect(fit.lineSse).toBeCloseTo(0, 10)
    // Best step on a ramp 1…15: halves of 4 points, SSE = 2 × Σ(±1, ±3)² ... = 40
    expect(fit.stepSse).toBeCloseTo(40, 10)
  })
})

describe('blockedMannKendall', () => {
  it('sums S and its variance over blocks, with ties, and pools the within-block slopes', () => {
    // numpy double loop: S = 23, Var = 51.666666666666664, p = 0.0022083740067961877, slope 0.75
    const y = [
      [3, 4, 4, 6, 5, 7],
      [1, 2, 2, 3, 5],
      [8, 9, 7, 10]
    ]
    const x = y.map((block, b) => block.map((_, i) => i + 10 * b))
    const result = blockedMannKendall(x, y)
    expect(result.s).toBe(23)
    expect(result.variance).toBeCloseTo(51.666666666666664, 10)
    expect(result.pValue).toBeCloseTo(0.0022083740067961877, 10)
    expect(result.slope).toBeCloseTo(0.75, 12)
  })

  it('a rise cut by a reset: the plain test on all points sees no trend, within blocks it does', () => {
    const first = [10, 11, 12, 13, 14, 15, 16, 17]
    const second = [6, 7, 8, 9, 10, 11, 12, 13]
    expect(mannKendall([...first, ...second]).pValue).toBeGreaterThan(0.05)
    const x = [first.map((_, i) => i), second.map((_, i) => i + 8)]
    expect(blockedMannKendall(x, [first, second]).pValue).toBeLessThan(0.001)
  })
})

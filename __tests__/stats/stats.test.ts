/**
 * Statistics against reference values. Every reference states the Python
 * one-liner (scipy 1.10 / numpy, Debian bookworm python3-scipy) that produced it.
 */
import { bucketBounds } from '../../src/stats/buckets.js'
import { downsample } from '../../src/stats/downsample.js'
import { gcFloor } from '../../src/stats/gc-floor.js'
import { mannKendall } from '../../src/stats/mann-kendall.js'
import { median } from '../../src/stats/median.js'
import { erfc, normalCdf, normalInverseCdf } from '../../src/stats/normal.js'
import { roundHalfEven } from '../../src/stats/round-half-even.js'
import { theilSen } from '../../src/stats/theil-sen.js'

/** Rising series with noise; used with scipy below. */
const RISING = [
  10.2, 11.1, 10.8, 12.4, 11.9, 13.0, 12.2, 14.1, 13.5, 13.9, 15.2, 14.8, 14.8, 16.0, 15.1, 17.3,
  16.2, 16.9, 18.4, 17.7
]
/** Integers with many ties. */
const TIED = [3, 1, 2, 2, 5, 3, 3, 4, 2, 6, 5, 5, 7, 4, 6]
const index = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

describe('normal distribution', () => {
  it.each([
    // python3 -c "from scipy.special import erfc; print(repr(erfc(1.0)))"
    [1, 0.15729920705028516],
    // python3 -c "from scipy.special import erfc; print(repr(erfc(3.0)))"
    [3, 2.2090496998585445e-5],
    // python3 -c "from scipy.special import erfc; print(repr(erfc(6.0)))"
    [6, 2.1519736712498913e-17],
    // python3 -c "from scipy.special import erfc; print(repr(erfc(-0.5)))"
    [-0.5, 1.5204998778130465],
    // python3 -c "from scipy.special import erfc; print(repr(erfc(0.1)))"
    [0.1, 0.8875370839817152]
  ])('erfc(%p) matches scipy.special.erfc', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-13)
  })

  it.each([
    // python3 -c "from scipy import stats; print(repr(stats.norm.cdf(1.959963984540054)))"
    [1.959963984540054, 0.975],
    // python3 -c "from scipy import stats; print(repr(stats.norm.cdf(-8.0)))"
    [-8, 6.22096057427174e-16],
    // python3 -c "from scipy import stats; print(repr(stats.norm.cdf(0.3)))"
    [0.3, 0.6179114221889526],
    // python3 -c "from scipy import stats; print(repr(stats.norm.cdf(-3.2)))"
    [-3.2, 0.0006871379379158471]
  ])('normalCdf(%p) matches scipy.stats.norm.cdf', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-12)
  })

  it.each([
    // python3 -c "from scipy import stats; print(repr(stats.norm.ppf(0.975)))"
    [0.975, 1.959963984540054],
    // python3 -c "from scipy import stats; print(repr(stats.norm.ppf(0.005)))"
    [0.005, -2.575829303548901],
    // python3 -c "from scipy import stats; print(repr(stats.norm.ppf(1e-10)))"
    [1e-10, -6.361340902404056],
    // python3 -c "from scipy import stats; print(repr(stats.norm.ppf(0.7)))"
    [0.7, 0.5244005127080407],
    // python3 -c "from scipy import stats; print(repr(stats.norm.ppf(0.02)))"
    [0.02, -2.053748910631823]
  ])('normalInverseCdf(%p) matches scipy.stats.norm.ppf', (p, expected) => {
    expect(normalInverseCdf(p)).toBeCloseTo(expected, 12)
  })

  it('rejects probabilities outside [0, 1] and maps the ends to infinities', () => {
    expect(() => normalInverseCdf(1.5)).toThrow('normalInverseCdf requires 0 <= p <= 1')
    expect(normalInverseCdf(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(normalInverseCdf(1)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('mannKendall', () => {
  // Reference by hand in numpy (S, tie-corrected variance, continuity-corrected Z):
  // python3 -c "import numpy as np; from scipy import stats; y=[...]; n=len(y);
  //   s=sum(np.sign(y[j]-y[i]) for i in range(n) for j in range(i+1,n));
  //   _,c=np.unique(y,return_counts=True); var=(n*(n-1)*(2*n+5)-sum(t*(t-1)*(2*t+5) for t in c))/18;
  //   z=(s-np.sign(s))/np.sqrt(var); print(s,var,z,2*stats.norm.sf(abs(z)))"
  it('matches the hand reference on a strictly rising sequence', () => {
    // -> 15 28.333333333333332 2.630142022557628 0.008534920414227074
    const result = mannKendall([1, 2, 3, 4, 5, 6])
    expect(result.s).toBe(15)
    expect(result.variance).toBeCloseTo(28.333333333333332, 12)
    expect(result.z).toBeCloseTo(2.630142022557628, 12)
    expect(result.pValue).toBeCloseTo(0.008534920414227074, 14)
    expect(result.tau).toBe(1)
  })

  it('matches the hand reference on a noisy rising series (ties: 14.8 twice)', () => {
    // -> 163.0 949.0 5.258742532605684 1.4504379707467052e-07
    const result = mannKendall(RISING)
    expect(result.s).toBe(163)
    expect(result.variance).toBe(949)
    expect(result.z).toBeCloseTo(5.258742532605684, 12)
    expect(result.pValue / 1.4504379707467052e-7).toBeCloseTo(1, 10)
  })

  it('applies the tie correction like the hand reference', () => {
    // -> 56 395.3333333333333 2.7661834099843867 0.005671662586920352
    const result = mannKendall(TIED)
    expect(result.s).toBe(56)
    expect(result.variance).toBeCloseTo(395.3333333333333, 10)
    expect(result.pValue).toBeCloseTo(0.005671662586920352, 14)
  })

  it('equals scipy.stats.kendalltau against the index without continuity correction', () => {
    // python3 -c "from scipy import stats; y=[10.2, ..., 17.7]; print(stats.kendalltau(range(len(y)), y).pvalue)"
    // -> 1.2151379475018098e-07
    expect(mannKendall(RISING, { continuity: false }).pValue / 1.2151379475018098e-7).toBeCloseTo(
      1,
      10
    )
    // python3 -c "from scipy import stats; y=[3,1,2,2,5,3,3,4,2,6,5,5,7,4,6]; print(stats.kendalltau(range(len(y)), y).pvalue)"
    // -> 0.004855342049907393
    expect(mannKendall(TIED, { continuity: false }).pValue).toBeCloseTo(0.004855342049907393, 14)
  })

  it('gives p = 1 for a constant series (variance 0) and for S = ±1', () => {
    expect(mannKendall([7, 7, 7, 7]).pValue).toBe(1)
    // hand reference: [5,5,5,5,4,6] -> S = 1, var = 19.67, Z = 0, p = 1
    expect(mannKendall([5, 5, 5, 5, 4, 6]).pValue).toBe(1)
  })

  it('detects a falling trend with a negative S and agrees with a brute-force count', () => {
    const values = index(300).map((i) => 1000 - i + 40 * Math.sin(i * 1.7))
    let brute = 0
    for (let i = 0; i < values.length; i++)
      for (let j = i + 1; j < values.length; j++) brute += Math.sign(values[j] - values[i])
    const result = mannKendall(values)
    expect(result.s).toBe(brute)
    expect(result.s).toBeLessThan(0)
    expect(result.pValue).toBeLessThan(1e-10)
  })

  it('requires two points', () => {
    expect(() => mannKendall([1])).toThrow('mannKendall requires at least two data points')
  })
})

describe('theilSen', () => {
  it('matches scipy.stats.theilslopes on a noisy rising series', () => {
    // python3 -c "from scipy import stats; y=[10.2, ..., 17.7]; print(stats.theilslopes(y, range(len(y)), 0.95))"
    // -> slope=0.39999999999999986, intercept=10.65, low_slope=0.3428571428571429, high_slope=0.4428571428571428
    const fit = theilSen(index(RISING.length), RISING)
    expect(fit.slope).toBeCloseTo(0.39999999999999986, 12)
    expect(fit.intercept).toBeCloseTo(10.65, 12)
    expect(fit.low).toBeCloseTo(0.3428571428571429, 12)
    expect(fit.high).toBeCloseTo(0.4428571428571428, 12)
  })

  it('matches scipy with ties in y', () => {
    // python3 -c "from scipy import stats; y=[3,1,2,2,5,3,3,4,2,6,5,5,7,4,6]; print(stats.theilslopes(y, range(len(y)), 0.95))"
    // -> slope=0.3333333333333333, intercept=1.666666666666667, low_slope=0.125, high_slope=0.5
    const fit = theilSen(index(TIED.length), TIED)
    expect(fit.slope).toBeCloseTo(0.3333333333333333, 12)
    expect(fit.intercept).toBeCloseTo(1.666666666666667, 12)
    expect(fit.low).toBe(0.125)
    expect(fit.high).toBe(0.5)
  })

  it('matches scipy on irregular x with a 90 % interval', () => {
    // python3 -c "from scipy import stats; print(stats.theilslopes([5.0,5.5,4.9,6.8,6.1,7.9,8.5,7.7,9.9,9.4], [0,2,3,7,8,12,15,16,20,21], 0.90))"
    // -> slope=0.23333333333333334, intercept=4.916666666666666, low_slope=0.16875, high_slope=0.2538461538461539
    const fit = theilSen(
      [0, 2, 3, 7, 8, 12, 15, 16, 20, 21],
      [5.0, 5.5, 4.9, 6.8, 6.1, 7.9, 8.5, 7.7, 9.9, 9.4],
      0.9
    )
    expect(fit.slope).toBeCloseTo(0.23333333333333334, 12)
    expect(fit.intercept).toBeCloseTo(4.916666666666666, 12)
    expect(fit.low).toBeCloseTo(0.16875, 12)
    expect(fit.high).toBeCloseTo(0.2538461538461539, 12)
  })

  it('matches the JSDoc example (scipy: slope=0.875, intercept=1.25, low=-1.0, high=3.0)', () => {
    // python3 -c "from scipy import stats; print(stats.theilslopes([1,3,2,5,4],[0,1,2,3,4]))"
    const fit = theilSen([0, 1, 2, 3, 4], [1, 3, 2, 5, 4])
    expect([fit.slope, fit.intercept, fit.low, fit.high]).toEqual([0.875, 1.25, -1, 3])
  })

  it('ignores an outlier that least squares would follow', () => {
    const y = index(30).map((i) => 2 * i + 5)
    y[29] = 1e6
    expect(theilSen(index(30), y).slope).toBe(2)
  })

  it('needs two distinct x values', () => {
    expect(() => theilSen([1, 1], [2, 3])).toThrow(
      'theilSen requires at least two distinct x values'
    )
  })
})

describe('helpers', () => {
  it('median: odd, even, unsorted input untouched', () => {
    const input = [3, 1, 4, 1, 5]
    expect(median(input)).toBe(3)
    expect(input).toEqual([3, 1, 4, 1, 5])
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow('median requires at least one data point')
  })

  it('roundHalfEven follows numpy.round', () => {
    // python3 -c "import numpy as np; print(np.round([0.5, 1.5, 2.5, -1.5, 2.4, 2.6]))" -> [ 0.  2.  2. -2.  2.  3.]
    expect([0.5, 1.5, 2.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -2, 2, 3])
  })

  it('bucketBounds splits into nearly equal groups', () => {
    expect(bucketBounds(10, 3)).toEqual([0, 3, 6, 10])
    expect(bucketBounds(2, 5)).toEqual([0, 1, 2])
    expect(bucketBounds(0, 5)).toEqual([0])
  })

  it('downsample keeps floor and peaks and weights means by samples', () => {
    const one = [1, 1, 1, 1]
    expect(
      downsample(
        { x: [0, 1, 2, 3], value: [1, 5, 2, 6], min: [1, 5, 2, 6], max: [1, 5, 2, 6], count: one },
        2
      )
    ).toEqual({ x: [0.5, 2.5], value: [3, 4], min: [1, 2], max: [5, 6], count: [2, 2] })
    const weighted = downsample(
      { x: [0, 10], value: [1, 4], min: [0, 3], max: [2, 9], count: [1, 3] },
      1
    )
    expect(weighted).toEqual({ x: [7.5], value: [3.25], min: [0], max: [9], count: [4] })
  })

  it('gcFloor takes window minima of a sawtooth', () => {
    expect(gcFloor([0, 1, 2, 3, 4, 5], [5, 1, 6, 2, 7, 3], 3)).toEqual({
      x: [1, 3, 5],
      floor: [1, 2, 3]
    })
    // A sawtooth (period 10) on a floor rising 0.5 per step: the floor is recovered exactly.
    const x = index(200)
    const saw = x.map((i) => 100 + 0.5 * i + 30 * (i % 10))
    const floor = gcFloor(x, saw, 20)
    expect(floor.floor).toEqual(x.filter((i) => i % 10 === 0).map((i) => 100 + 0.5 * i))
  })
})

/**
 * Short series: the exact Mann–Kendall p-value, the shortened default warm-up,
 * the stricter end-of-window checks of a short fit, and `insufficient-data`.
 */
import { analyze } from '../../src/analyze/index.js'
import { exactMannKendallP } from '../../src/analyze/exact-mann-kendall.js'
import { mannKendall } from '../../src/stats/mann-kendall.js'
import type { SeriesAnalysis } from '../../src/model.js'
import { config, MiB, plainSeries } from './synthetic.js'

const now = new Date('2026-11-25T00:00:00Z')

/** Every ordering of 0…n−1. */
function permutations(n: number): number[][] {
  if (n === 1) return [[0]]
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)])
  )
}

/** P(|S| ≥ |s|) by enumerating all n! orderings. */
function bruteForceP(values: number[]): number {
  const s = (v: readonly number[]): number => mannKendall(v).s
  const observed = Math.abs(s(values))
  const all = permutations(values.length)
  return all.filter((p) => Math.abs(s(p)) >= observed).length / all.length
}

/** A memory series sampled every minute, in MiB. */
const minutes = (mib: number[], metric = 'MemUsage') => {
  const series = plainSeries(
    mib.map((v) => v * MiB),
    { metric, kind: 'memory', unit: 'bytes', file: 'docker_stats.csv' }
  )
  series.time = mib.map((_, i) => Date.UTC(2025, 0, 1) + i * 60_000)
  return series
}

describe('exact Mann–Kendall', () => {
  it('gives 2/n! for a strictly rising series: 5 points can never reach p < 0.01, 6 can', () => {
    expect(exactMannKendallP([1, 2, 3, 4, 5])).toBeCloseTo(2 / 120, 12)
    expect(exactMannKendallP([1, 2, 3, 4, 5, 6])).toBeCloseTo(2 / 720, 12)
    expect(exactMannKendallP([6, 5, 4, 3, 2, 1])).toBeCloseTo(2 / 720, 12)
    // The normal approximation is conservative here (0.0085).
    expect(mannKendall([1, 2, 3, 4, 5, 6]).pValue).toBeCloseTo(0.008535, 5)
  })

  it('matches enumeration of every ordering', () => {
    for (const values of [
      [3, 1, 4, 2, 5, 6],
      [1, 3, 2, 5, 4, 7, 6],
      [5, 1, 4, 2, 3],
      [2, 1, 3]
    ])
      expect(exactMannKendallP(values)).toBeCloseTo(bruteForceP(values), 12)
  })

  it('leaves long and non-finite series to the normal approximation', () => {
    expect(exactMannKendallP(Array.from({ length: 11 }, (_, i) => i))).toBeNull()
    expect(exactMannKendallP([1, 2, Number.NaN, 4, 5, 6])).toBeNull()
    expect(exactMannKendallP([1])).toBeNull()
    expect(exactMannKendallP([1, 3, 2, 4, 5, 6, 7, 8, 10, 9])).not.toBeNull()
    // Ties up to 10 points too (10 values with one repeated: 10!/2 orderings, counted, not listed).
    expect(exactMannKendallP([1, 2, 3, 4, 5, 5, 6, 7, 8, 9])).toBeCloseTo(2 / (3628800 / 2), 15)
  })
})

/** Kendall's S from its definition: Σ sign(v[j] − v[i]) over i < j (a tie adds 0). */
function sOf(values: readonly number[]): number {
  let s = 0
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++)
      s += values[j] > values[i] ? 1 : values[j] < values[i] ? -1 : 0
  return s
}

/**
 * P(|S| ≥ |s_obs|) from first principles: H0 makes all n! orderings of the observed
 * values (equal values told apart by position) equally likely; count them.
 */
function tiedBruteForceP(values: number[]): number {
  const observed = Math.abs(sOf(values))
  const all = permutations(values.length)
  const hits = all.filter((p) => Math.abs(sOf(p.map((i) => values[i]))) >= observed).length
  return hits / all.length
}

describe('exact Mann–Kendall with ties', () => {
  it('matches the count over every ordering of the observed values, n = 4…7', () => {
    const cases = [
      [1, 2, 2, 3],
      [1, 1, 2, 2],
      [2, 1, 1, 1],
      [1, 2, 3, 3, 4],
      [5, 5, 1, 5, 2],
      [1, 2, 2, 3, 4, 5],
      [1, 1, 2, 2, 3, 3],
      [3, 1, 2, 2, 5, 4],
      [200, 300, 400, 400, 500, 600],
      [100, 200, 300, 400, 400, 500, 600],
      [1, 1, 1, 2, 2, 3, 3],
      [4, 2, 2, 7, 2, 9, 9]
    ]
    for (const values of cases) {
      const exact = exactMannKendallP(values)
      expect(exact).not.toBeNull()
      expect(exact).toBeCloseTo(tiedBruteForceP(values), 12)
    }
  })

  it('gives the numbers worked by hand', () => {
    // 6 rising points, one value repeated: S = 14 (its maximum); 1 of 360 arrangements each side.
    expect(exactMannKendallP([200, 300, 400, 400, 500, 600])).toBeCloseTo(2 / 360, 15)
    // 1,1,2,2 rising: S = 4, reached only by 1122 and 2211 of the 6 arrangements.
    expect(exactMannKendallP([1, 1, 2, 2])).toBeCloseTo(2 / 6, 15)
    // The normal approximation cannot reach 0.01 here (the reviewer's repro: 0.013 on 6 points).
    expect(mannKendall([200, 300, 400, 400, 500, 600]).pValue).toBeGreaterThan(0.01)
  })

  it('gives p = 1 when every value is equal', () => {
    for (const n of [4, 5, 6, 7]) {
      const flat = new Array<number>(n).fill(42)
      expect(exactMannKendallP(flat)).toBe(1)
      expect(tiedBruteForceP(flat)).toBe(1)
    }
  })
})

describe('short series', () => {
  it('fails 7 samples rising steadily: the default warm-up keeps 6 of them', () => {
    const result = analyze({
      series: [minutes([100, 200, 300, 400, 500, 600, 700])],
      config: config(),
      now
    })
    expect(result.findings.map((f) => [f.signature, f.level])).toEqual([
      ['sustained-growth', 'fail']
    ])
    expect(result.findings[0].evidence.pValue).toBeCloseTo(2 / 720, 6)
    const metric = result.metrics[0] as SeriesAnalysis
    expect(metric.warmupPoints).toBe(1)
    expect(metric.slopePerHour).toBeCloseTo(6000 * MiB, -3)
  })

  it('fails 7 samples rising steadily with one value repeated (a tie: exact p = 2/360)', () => {
    const result = analyze({
      series: [minutes([100, 200, 300, 400, 400, 500, 600])],
      config: config(),
      now
    })
    expect(result.findings.map((f) => [f.signature, f.level])).toEqual([
      ['sustained-growth', 'fail']
    ])
    expect(result.findings[0].evidence.pValue).toBeCloseTo(2 / 360, 6)
    expect((result.metrics[0] as SeriesAnalysis).status).toBe('leak')
  })

  it('warns, never passes, when a short series has no exact p-value (a non-finite value)', () => {
    const result = analyze({
      series: [minutes([100, 200, 300, Number.NaN, 500, 600, 700])],
      config: config(),
      now
    })
    expect(result.findings.map((f) => [f.signature, f.level, f.message])).toEqual([
      [
        'insufficient-data',
        'warn',
        'MemUsage: 6 samples over 5 min after a 1 min warm-up, no exact trend test on them, at least 8 needed to judge a trend'
      ]
    ])
    expect(result.findings[0].evidence).toMatchObject({ samples: 6, needed: 8 })
    const metric = result.metrics[0] as SeriesAnalysis
    expect(metric.status).toBe('warn')
    expect(metric.pValue).toBeNull()
    expect(result.healthy).toEqual([])
  })

  it('fails 7 batches that climb far with one dip (exact p = 0.03, interval above 0, over twice the tolerance)', () => {
    // The shape of a pasted leak report: a batch every 5 s, RSS 656 → 1250 MB with one dip.
    const result = analyze({
      series: [minutes([656, 677, 914, 1055, 997, 1028, 1385, 1250])],
      config: config(),
      now
    })
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')
    expect(growth?.level).toBe('fail')
    expect(growth!.evidence.pValue as number).toBeGreaterThan(0.01)
    expect(growth!.evidence.pValue as number).toBeLessThan(0.05)
    expect(growth!.message).toMatch(/only 7 samples, tested exactly: p under 0\.05/)
  })

  it('passes the same dip when the climb is small (within twice the tolerance)', () => {
    // +6 MiB over 7 samples of ~1 GiB: a significant-looking wobble, not twice 5 % of the level.
    const result = analyze({
      series: [minutes([1000, 1001, 1003, 1004, 1002, 1004, 1006, 1005])],
      config: config(),
      now
    })
    expect(result.findings.filter((f) => f.level === 'fail')).toEqual([])
  })

  it('warns, never passes, when 6 samples climb far but only suggest it (p between 0.05 and 0.1)', () => {
    const result = analyze({
      series: [minutes([40, 99, 93, 115, 104, 125])],
      config: config({ warmup: { kind: 'duration', ms: 0 } }),
      now
    })
    expect(result.findings.map((f) => [f.signature, f.level])).toEqual([
      ['sustained-growth', 'warn']
    ])
    expect(result.findings[0].message).toMatch(
      /p = 0\.0\d+ on only 6 samples: suggestive, too few to tell a leak from noise/
    )
  })

  it('passes 7 samples of a warm-up still levelling off (the last half slows down)', () => {
    // 200 − 100·e^(−i): concave, rising 37 MiB over the steady 5 min but slower and slower.
    const settle = [0, 1, 2, 3, 4, 5, 6].map((i) => 200 - 100 * Math.exp(-i / 1.5))
    const result = analyze({ series: [minutes(settle)], config: config(), now })
    expect(result.findings).toEqual([])
    expect(result.healthy.join('\n')).toMatch(/rose early in .* then flattened/)
  })

  it('judges a whole series of 5 points: equal steps far beyond the tolerance fail (exact p = 2/5! = 0.017)', () => {
    // Five runs of a test printing the traced total after each, +3 MiB every run.
    const result = analyze({ series: [minutes([5, 8, 11, 14, 17])], config: config(), now })
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')
    expect(growth?.level).toBe('fail')
    expect(growth!.evidence.pValue as number).toBeCloseTo(2 / 120, 4)
    expect(growth!.message).toMatch(/only 5 samples, tested exactly/)
    expect(result.notes.join('\n')).toMatch(
      /short series \(5 points\): warm-up shortened .* to none/
    )
  })

  it('does not fail 5 points of a warm-up levelling off, nor 5 points with a dip', () => {
    // 200 − 100·e^(−i/1.2): strictly rising, but the last half keeps a fraction of the pace.
    const settle = [0, 1, 2, 3, 4].map((i) => 200 - 100 * Math.exp(-i / 1.2))
    const levelling = analyze({ series: [minutes(settle)], config: config(), now })
    expect(levelling.findings.filter((f) => f.level === 'fail')).toEqual([])
    // One reversal in 5 points: p ≈ 0.08, at most a warning.
    const dip = analyze({ series: [minutes([100, 160, 150, 220, 280])], config: config(), now })
    expect(dip.findings.map((f) => [f.signature, f.level])).toEqual([['sustained-growth', 'warn']])
  })

  it('still needs 6 points when fewer than 5 were recorded', () => {
    const result = analyze({ series: [minutes([5, 8, 11, 14])], config: config(), now })
    expect(result.findings.map((f) => f.signature)).toEqual(['insufficient-data'])
  })

  it('keeps a configured warm-up as written: 2 min of 7 leaves 5 points, too few', () => {
    const result = analyze({
      series: [minutes([100, 200, 300, 400, 500, 600, 700])],
      config: config({ warmup: { kind: 'duration', ms: 120_000 } }),
      now
    })
    expect(result.findings.map((f) => f.signature)).toEqual(['insufficient-data'])
    expect(result.findings[0].message).toBe(
      'MemUsage: 5 samples over 4 min after a 2 min warm-up, at least 6 needed to judge a trend'
    )
  })

  it('says a single sample is all warm-up, and counts it as not judged', () => {
    const result = analyze({ series: [minutes([100])], config: config(), now })
    expect(result.findings.map((f) => [f.signature, f.level, f.message])).toEqual([
      [
        'insufficient-data',
        'warn',
        'MemUsage: 1 sample, all within the warm-up; at least 6 needed to judge a trend'
      ]
    ])
  })

  it('does not warn on short cumulative counters (judged by the collection rate, not a trend)', () => {
    const created = plainSeries([100, 200, 300], { metric: 'created', kind: 'created' })
    const result = analyze({ series: [created], config: config(), now })
    expect(result.findings).toEqual([])
  })
})

describe('points that share their x value: never a quiet pass', () => {
  it('warns when the steady samples all carry one time (a stopped clock), naming why', () => {
    // 40 samples rising 100 → 139 MiB, stamped at two seconds only
    const series = minutes(Array.from({ length: 40 }, (_, i) => 100 + i))
    series.time = series.time.map((_, i) => Date.UTC(2025, 0, 1) + (i < 20 ? 0 : 1000))
    const result = analyze({ series: [series], config: config(), now })
    expect(result.findings.map((f) => [f.signature, f.level])).toEqual([
      ['insufficient-data', 'warn']
    ])
    expect(result.findings[0].message).toMatch(
      /^MemUsage: \d+ samples after warm-up at only 1 distinct time value: no trend can be fitted/
    )
    expect(result.healthy).toEqual([])
  })
})

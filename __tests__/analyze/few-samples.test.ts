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

  it('leaves ties and long series to the normal approximation', () => {
    expect(exactMannKendallP([1, 2, 2, 3, 4, 5])).toBeNull()
    expect(exactMannKendallP(Array.from({ length: 11 }, (_, i) => i))).toBeNull()
    expect(exactMannKendallP([1, 3, 2, 4, 5, 6, 7, 8, 10, 9])).not.toBeNull()
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

  it('passes 7 samples of a warm-up still levelling off (the last half slows down)', () => {
    // 200 − 100·e^(−i): concave, rising 37 MiB over the steady 5 min but slower and slower.
    const settle = [0, 1, 2, 3, 4, 5, 6].map((i) => 200 - 100 * Math.exp(-i / 1.5))
    const result = analyze({ series: [minutes(settle)], config: config(), now })
    expect(result.findings).toEqual([])
    expect(result.healthy.join('\n')).toMatch(/rose early in .* then flattened/)
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

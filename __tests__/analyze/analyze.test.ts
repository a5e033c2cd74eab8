/**
 * The judgement on synthetic series with the physics of real services (see
 * synthetic.ts): healthy shapes pass with a computed reason, leaks fail with
 * the right signature and numbers that contain the truth.
 */
import type { Report, SeriesAnalysis, SnapshotAnalysis } from '../../src/model.js'
import { SIGNATURE_IDS } from '../../src/model.js'
import { analyze, runSignature } from '../../src/analyze/index.js'
import { config, heapSeries, KiB, leak, MiB, plainSeries } from './synthetic.js'

const now = new Date('2026-03-01T00:00:00Z')
const signatures = (result: { findings: Array<{ signature: string }> }): string[] =>
  [...new Set(result.findings.map((f) => f.signature))].sort()

describe('series signatures', () => {
  it('passes a GC sawtooth with a flat floor and says why', () => {
    const result = analyze({
      series: [heapSeries({ seed: 5, garbageRate: 3 * MiB, gcPeriod: 10 })],
      config: config(),
      now
    })
    expect(result.findings).toEqual([])
    expect(result.healthy).toHaveLength(1)
    expect(result.healthy[0]).toMatch(
      /^heapUsed: steady part .* over the steady 7 min 59 s .*floor .*sawtooth from GC/
    )
    const metric = result.metrics[0] as SeriesAnalysis
    expect(metric.status).toBe('ok')
    expect(metric.warmupPoints).toBe(120)
    expect(metric.reduced).toBe(true)
    expect(metric.chart.x.length).toBeLessThanOrEqual(300)
    expect(metric.chart.warmupEndX).toBe(metric.steadyStart)
  })

  it('fails a 150 B/request leak at 300 req/s with an interval that contains the true slope', () => {
    const trueBytesPerHour = 150 * 300 * 3600
    const result = analyze({
      series: [heapSeries({ seed: 11, extra: leak(150, 300) })],
      config: config(),
      now
    })
    expect(signatures(result)).toEqual(['rising-floor', 'sustained-growth'])
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.id).toBe('sustained-growth:memory.csv:heapUsed')
    expect(growth.level).toBe('fail')
    expect(growth.evidence.slopeLowPerHour as number).toBeLessThan(trueBytesPerHour)
    expect(growth.evidence.slopeHighPerHour as number).toBeGreaterThan(trueBytesPerHour)
    expect(growth.evidence.pValue as number).toBeLessThan(0.001)
    expect(growth.evidence.perWork as number).toBeGreaterThan(130)
    expect(growth.evidence.perWork as number).toBeLessThan(170)
    expect(growth.message).toMatch(
      /^heapUsed grows \+1\d\d MiB\/h \(95% CI .* MiB\/h\) over the steady 7 min 59 s, p < 0\.001 .*floor rises .*; 1\d\d B per request$/
    )
    const floor = result.findings.find((f) => f.signature === 'rising-floor')!
    expect(floor.evidence.floorSlopeLowPerHour as number).toBeLessThan(trueBytesPerHour)
    expect(floor.evidence.floorSlopeHighPerHour as number).toBeGreaterThan(trueBytesPerHour)
    expect((result.metrics[0] as SeriesAnalysis).status).toBe('leak')
  })

  it('passes a bounded cache that fills then stays flat', () => {
    const cache = (seconds: number): number => Math.min(seconds, 240) * ((20 * MiB) / 240)
    const result = analyze({
      series: [heapSeries({ seed: 2, extra: cache })],
      config: config(),
      now
    })
    expect(result.findings).toEqual([])
    expect(result.healthy[0]).toMatch(/heapUsed: /)
  })

  it('passes a warm-up allocation released inside the warm-up window', () => {
    const warm = (seconds: number): number => (seconds < 60 ? 120 * MiB : 0)
    const result = analyze({
      series: [heapSeries({ seed: 3, extra: warm })],
      config: config(),
      now
    })
    expect(result.findings).toEqual([])
  })

  it('fails a leak that starts halfway through the run', () => {
    const result = analyze({
      series: [heapSeries({ seed: 4, extra: leak(200, 300, 300) })],
      config: config(),
      now
    })
    expect(signatures(result)).toContain('sustained-growth')
  })

  it('shows the numbers of the late window when the last half decided (no p = 0.2 on a leak row)', () => {
    // RSS falls 30 MiB over the first 6 minutes (pages returned), then a 400 B/request leak: over
    // the whole steady window the trend is not significant, over its last half it is.
    const fallThenLeak = (t: number): number =>
      (t < 360 ? -30 * MiB * (t / 360) : -30 * MiB) + leak(400, 300, 360)(t)
    const result = analyze({
      series: [heapSeries({ seed: 11, extra: fallThenLeak, metric: 'rss' })],
      config: config(),
      now
    })
    const finding = result.findings.find((f) => f.signature === 'sustained-growth')!
    expect(finding.evidence.window).toBe('last-half')
    const metric = result.metrics[0] as SeriesAnalysis
    expect(metric.status).toBe('leak')
    expect(metric.trendWindow).toBe('last-half')
    expect(metric.pValue!).toBeCloseTo(finding.evidence.pValue as number, 4)
    expect(metric.pValue!).toBeLessThan(0.005)
    expect(metric.slopeLowPerHour!).toBeGreaterThan(0)
    expect(metric.slopePerHour).toBeCloseTo(finding.evidence.slopePerHour as number, -3)
    expect(metric.trendWindowStart!).toBeGreaterThan(metric.steadyStart!)
    expect(metric.chart.trend!.x0).toBe(metric.trendWindowStart)
    expect(finding.message).toMatch(/over the last \d+ min( \d+ s)? of the steady window/)
  })

  it('does not take a heap growing back after the runtime shrank it for a late leak', () => {
    // At 5 min the heap shrinks by 30 MiB (memory reducer), then grows back 25 MiB: no new high.
    const shrinkThenRegrow = (t: number): number =>
      t < 300 ? 0 : -30 * MiB + 25 * MiB * Math.min(1, (t - 300) / 240)
    const result = analyze({
      series: [heapSeries({ seed: 12, extra: shrinkThenRegrow, metric: 'rss' })],
      config: config(),
      now
    })
    expect(result.findings).toEqual([])
  })

  it('fails RSS that keeps growing to the end while the live heap is flat: a native leak, whatever the column is called', () => {
    const rss = heapSeries({
      seed: 13,
      metric: 'rss',
      base: 150 * MiB,
      garbageRate: 0.02 * MiB,
      extra: (t) => (12 * MiB * t) / 600
    })
    const heap = heapSeries({ seed: 14, metric: 'heapUsed' })
    const result = analyze({ series: [rss, heap], config: config(), now })
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.metric).toBe('rss')
    expect(growth.level).toBe('fail')
    expect(growth.message).toMatch(
      /while heapUsed \(the live heap\) is flat \([^)]*\), and it keeps its pace to the end/
    )
    expect(growth.evidence.outsideHeap).toBe(true)
    // The same numbers under other names fail the same way.
    const renamed = analyze({
      series: [{ ...rss, id: 'memory.csv:mem_total', metric: 'mem_total' }, heap],
      config: config(),
      now
    })
    expect(renamed.findings.some((f) => f.level === 'fail')).toBe(true)
  })

  it('passes RSS that climbs while the allocator settles, then levels off, beside a flat live heap', () => {
    // +12 MiB over the first 60 % of the run, flat after: the allocator settling, not a leak.
    const rss = heapSeries({
      seed: 13,
      metric: 'rss',
      base: 150 * MiB,
      garbageRate: 0.02 * MiB,
      extra: (t) => 12 * MiB * Math.min(1, t / 360)
    })
    const heap = heapSeries({ seed: 14, metric: 'heapUsed' })
    const result = analyze({ series: [rss, heap], config: config(), now })
    expect(result.findings.filter((f) => f.level === 'fail')).toEqual([])
  })

  it('fails RSS that climbs in arena-sized steps at one pace to the end beside collected objects', () => {
    // A Python worker: RSS (no heap series) climbs 6 MiB in arena-sized steps at one pace to the
    // end while every broker is collected: memory kept per unit of work outside the counted
    // objects, a leak (an allocator settling slows down and only warns:
    // __tests__/analyze/outside-counted.test.ts).
    const steps = (t: number): number => Math.floor(t / 75) * 0.75 * MiB
    const rss = heapSeries({
      seed: 16,
      metric: 'rss',
      base: 20 * MiB,
      garbageRate: 0,
      noise: 0.01 * MiB,
      extra: steps
    })
    const n = rss.value.length
    const created = Array.from({ length: n }, (_, i) => 10 * (i + 1))
    const counters = [
      plainSeries(created, { metric: 'created', kind: 'created', file: 'broker_stats.csv' }),
      plainSeries(
        created.map((c) => c - 2),
        { metric: 'collected', kind: 'collected', file: 'broker_stats.csv' }
      ),
      plainSeries(Array(n).fill(2), { metric: 'live', kind: 'live', file: 'broker_stats.csv' }),
      plainSeries(Array(n).fill(2921), {
        metric: 'DELEGATES',
        kind: 'count',
        file: 'broker_stats.csv'
      })
    ]
    const result = analyze({ series: [rss, ...counters], config: config(), now })
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.metric).toBe('rss')
    expect(growth.level).toBe('fail')
    expect(growth.message).toMatch(
      /the tracked objects are collected, yet it keeps its pace to the end of the run with the work: memory kept outside the counted objects/
    )
    // Brokers that are never collected: the same RSS is a leak again.
    const leaking = analyze({
      series: [
        rss,
        counters[0],
        plainSeries(Array(n).fill(0), {
          metric: 'collected',
          kind: 'collected',
          file: 'broker_stats.csv'
        })
      ],
      config: config(),
      now
    })
    expect(
      leaking.findings.find((f) => f.metric === 'rss' && f.signature === 'sustained-growth')!.level
    ).toBe('fail')
  })

  it('does not project a small rise over 90 s to a limit hours away (oom-risk)', () => {
    const rss = heapSeries({
      seed: 15,
      samples: 180,
      intervalMs: 500,
      metric: 'rss',
      base: 190 * MiB,
      garbageRate: 0.01 * MiB,
      noise: 0.05 * MiB,
      extra: (t) => (3 * MiB * t) / 90,
      limit: 1024 * MiB
    })
    const result = analyze({ series: [rss], config: config(), now })
    expect(signatures(result)).toEqual([])
    expect(result.healthy.join('\n')).toMatch(
      /more than 20× the window measured, too far to project/
    )
  })

  it('does not call a series healthy on too few samples: it warns that it could not judge', () => {
    // Five samples ten seconds apart that do not climb: 4 after the first; five are judged only
    // when they climb (see few-samples.test.ts), so this one is not judged, never called healthy.
    const short = heapSeries({ samples: 5, intervalMs: 10_000 })
    const result = analyze({ series: [short], config: config(), now })
    expect(result.findings).toHaveLength(1)
    const [finding] = result.findings
    expect(finding.signature).toBe('insufficient-data')
    expect(finding.level).toBe('warn')
    expect(finding.id).toBe('insufficient-data:memory.csv:heapUsed')
    expect(finding.message).toBe(
      'heapUsed: 4 samples over 30 s after a 10 s warm-up, at least 6 needed to judge a trend'
    )
    expect(finding.evidence).toMatchObject({ samples: 4, needed: 6, totalSamples: 5 })
    expect(result.healthy).toEqual([])
    const metric = result.metrics[0] as SeriesAnalysis
    expect(metric.status).toBe('warn')
    expect(metric.explanation).toBe(finding.message)
    expect(metric.slopePerHour).toBeNull()
    expect(result.notes).toContain(
      'could not judge 1 of 1 series (fewer than 6 samples after warm-up): heapUsed; record longer or sample more often'
    )
  })

  it('passes RSS that rises during warm-up and then stays flat (pages kept, not leaked)', () => {
    const rss = (seconds: number): number => Math.min(seconds, 80) * MiB
    const result = analyze({
      series: [
        heapSeries({
          seed: 6,
          metric: 'rss',
          extra: rss,
          garbageRate: 0.05 * MiB,
          gcPeriod: 30,
          noise: 0.5 * MiB
        })
      ],
      config: config(),
      now
    })
    expect(result.findings).toEqual([])
  })

  it('applies a configured rate tolerance (5MiB/h) and `off`', () => {
    const series = [heapSeries({ seed: 7, extra: leak(150, 300) })]
    const off = analyze({
      series,
      config: config({
        checks: { 'memory.csv:heapUsed': { 'sustained-growth': 'off', 'rising-floor': 'off' } }
      }),
      now
    })
    expect(off.findings).toEqual([])
    const huge = analyze({
      series,
      config: config({
        checks: {
          '*': {
            'sustained-growth': { amount: 1024 * MiB, unit: 'bytes', perHour: true, text: '1GiB/h' }
          }
        }
      }),
      now
    })
    expect(signatures(huge)).toEqual(['rising-floor'])
  })

  it('judges growth per unit of work against a budget instead of the growth tolerance', () => {
    const within = analyze({
      series: [heapSeries({ seed: 8, extra: leak(150, 300) })],
      config: config({
        checks: { heapUsed: { 'per-work-cost': { amount: 1 * KiB, unit: 'bytes', text: '1KiB' } } }
      }),
      now
    })
    expect(within.findings).toEqual([])
    expect(within.healthy[0]).toMatch(
      /^heapUsed: \+\d+\.\d MiB over 1\d\d,\d{3} requests = 1\d\d B per request \(95% CI .*\), under the 1KiB budget$/
    )
    const over = analyze({
      series: [heapSeries({ seed: 8, extra: leak(150, 300) })],
      config: config({
        checks: { heapUsed: { 'per-work-cost': { amount: 64, unit: 'bytes', text: '64B' } } }
      }),
      now
    })
    expect(signatures(over)).toEqual(['per-work-cost'])
    expect(over.findings[0].message).toMatch(/over the 64B budget$/)
  })

  it('projects the time to the memory limit (oom-risk)', () => {
    const result = analyze({
      series: [heapSeries({ seed: 9, extra: leak(150, 300), limit: 512 * MiB })],
      config: config(),
      now
    })
    const oom = result.findings.find((f) => f.signature === 'oom-risk')!
    // ~100 MiB now, +154 MiB/h: about 2.7 h to 512 MiB.
    expect(oom.evidence.hoursToLimit as number).toBeGreaterThan(2)
    expect(oom.evidence.hoursToLimit as number).toBeLessThan(3.5)
    expect(oom.message).toMatch(/reaches its 512 MiB limit in 2 h \d+ min/)
    const far = analyze({
      series: [heapSeries({ seed: 9, extra: leak(150, 300), limit: 64 * 1024 * MiB })],
      config: config(),
      now
    })
    expect(signatures(far)).not.toContain('oom-risk')
  })

  it('says a constant registry is constant, and fails one that grows', () => {
    const constant = plainSeries(Array(50).fill(2921), { metric: 'DELEGATES', kind: 'count' })
    const growing = plainSeries(
      Array.from({ length: 50 }, (_, i) => 2921 + 25 * i),
      { metric: 'DEPENDENCIES', kind: 'count' }
    )
    const result = analyze({ series: [constant, growing], config: config(), now })
    expect(result.healthy).toContain('DELEGATES: constant at 2,921 after warm-up')
    expect(result.findings.map((f) => f.id)).toEqual(['sustained-growth:stats.csv:DEPENDENCIES'])
  })
})

describe('lifecycle (seed report 1: broker checkpoints)', () => {
  const checkpoints = {
    created: [100, 200, 300, 400],
    collected: [98, 198, 298, 398],
    live: [2, 2, 2, 2]
  }
  const series = (created: number[], collected: number[], live: number[]) => [
    plainSeries(created, { metric: 'created', kind: 'created', file: 'broker_stats.csv' }),
    plainSeries(collected, { metric: 'collected', kind: 'collected', file: 'broker_stats.csv' }),
    plainSeries(live, { metric: 'live', kind: 'live', file: 'broker_stats.csv' })
  ]

  it('is healthy: live bounded at 2, 99.5 % collected', () => {
    const result = analyze({
      series: series(checkpoints.created, checkpoints.collected, checkpoints.live),
      config: config(),
      now
    })
    expect(result.findings).toEqual([])
    // Four checkpoints are too few for a trend test: the collection rate still judges, and the
    // report says the trend could not be tested instead of calling the series flat.
    expect(result.healthy).toContain(
      'live: live stays at 2 (max 2) while created rises to 400; 99.5% collected (100% of those created after warm-up)'
    )
    // The collection rate judged the live count, so it is not "insufficient data"; its row says
    // no trend was tested on 3 points.
    const live = result.metrics.find(
      (m) => m.kind === 'series' && m.metric === 'live'
    ) as SeriesAnalysis
    expect(live.status).toBe('ok')
    expect(live.explanation).toMatch(
      /^no trend tested \(3 samples over 2 s after a 1 s warm-up, at least 6 needed to judge a trend\); live stays at 2/
    )
  })

  it('fails when brokers are never collected', () => {
    const created = Array.from({ length: 40 }, (_, i) => 25 * (i + 1))
    const result = analyze({
      series: series(
        created,
        created.map(() => 0),
        created
      ),
      config: config(),
      now
    })
    const finding = result.findings.find((f) => f.signature === 'uncollected-objects')!
    expect(finding.id).toBe('uncollected-objects:broker_stats.csv:live')
    expect(finding.evidence.collectionRatePercent).toBe(0)
    expect(finding.message).toMatch(
      /^live: only 0\.0% of the objects created after warm-up were collected \(minimum 90%\); live rises from 225 to 1,000, p < 0\.001/
    )
  })
})

describe('snapshots (seed report 2: 50-tenant registry)', () => {
  // The seed's figures, as the service printed them (bytes / 1024 / 1024, labelled "MB").
  const mb = (value: number): number => Math.round(value * MiB)
  const baseline = {
    file: 'baseline.json',
    values: {
      heapUsed: mb(88.18),
      heapTotal: mb(93.3),
      rss: mb(149.81),
      external: mb(20.98),
      'registry.totalModels': 193,
      'registry.tenantRegistries': 16
    }
  }
  const post = {
    file: 'post-test.json',
    values: {
      heapUsed: mb(104.06),
      heapTotal: mb(109.59),
      rss: mb(92.19),
      external: mb(21.22),
      'registry.totalModels': 1621,
      'registry.tenantRegistries': 118
    }
  }
  const snapshotSpec = {
    baseline: 'baseline.json',
    post: 'post-test.json',
    work: 'registry.totalModels',
    metrics: {
      heapUsed: 'memory',
      heapTotal: 'memory',
      rss: 'memory',
      external: 'memory',
      'registry.tenantRegistries': 'count'
    } as const
  }

  it('is healthy under a 70 KiB per-model budget, with the seed report reasoning computed', () => {
    const result = analyze({
      series: [],
      baseline,
      post,
      snapshotSpec,
      config: config({
        checks: {
          heapUsed: {
            'retained-after-load': { amount: 25, unit: 'percent', text: '25%' },
            'per-work-cost': { amount: 70 * KiB, unit: 'bytes', text: '70KiB' }
          },
          // Counts in snapshots are expected constant unless a budget per unit of work says
          // otherwise: at most one tenant registry and one new model name per model loaded.
          'registry.tenantRegistries': {
            'per-work-cost': { amount: 1, unit: 'count', text: '1' }
          },
          'registry.uniqueModels': { 'per-work-cost': { amount: 1, unit: 'count', text: '1' } }
        }
      }),
      now
    })
    expect(result.findings).toEqual([])
    expect(result.healthy).toEqual([
      'heapUsed: +15.9 MiB (+18.0%) after load (88.2 MiB → 104 MiB), under the 25% tolerance; +15.9 MiB over 1,428 models = 11.4 KiB per model, under the 70KiB budget',
      'heapTotal: +16.3 MiB (+17.5%) after load (93.3 MiB → 110 MiB), under the 25% and 4 MiB tolerance',
      'rss: fell 38.5% (150 MiB → 92.2 MiB)',
      'external: +246 KiB (+1.1%) after load (21 MiB → 21.2 MiB), under the 25% and 4 MiB tolerance',
      'registry.tenantRegistries: +102 over 1,428 models = 0.0714 per model, under the 1 budget'
    ])
    const heap = result.metrics.find(
      (m) => m.kind === 'snapshot' && m.metric === 'heapUsed'
    ) as SnapshotAnalysis
    expect(heap.perWork! / KiB).toBeCloseTo(11.39, 2)
    expect(heap.work).toBe(1428)
  })

  it('fails retained heap beyond 25 % and 4 MiB, and only warns for RSS (allocator-held)', () => {
    const leaked = { file: 'post-test.json', values: { heapUsed: mb(130), rss: mb(210) } }
    const result = analyze({
      series: [],
      baseline,
      post: leaked,
      snapshotSpec: {
        ...snapshotSpec,
        work: undefined,
        metrics: { heapUsed: 'memory', rss: 'memory' }
      },
      config: config(),
      now
    })
    expect(result.findings.map((f) => [f.signature, f.metric, f.level])).toEqual([
      ['retained-after-load', 'heapUsed', 'fail'],
      ['retained-after-load', 'rss', 'warn']
    ])
    expect(result.findings[0].message).toBe(
      'heapUsed +41.8 MiB (+47.4%) after load (88.2 MiB → 130 MiB), over the 25% and 4 MiB tolerance: retained after the load stopped'
    )
  })
})

describe('suppressions', () => {
  const series = [heapSeries({ seed: 11, extra: leak(150, 300) })]
  const entry = {
    signature: 'rising-floor' as const,
    metric: 'heapUsed',
    reason: 'known slow growth, fixed in #1234'
  }

  it('moves a matched finding to suppressed while `until` is in the future', () => {
    const result = analyze({
      series,
      config: config({ ignore: [{ ...entry, until: '2026-03-01' }] }),
      now
    })
    expect(signatures(result)).toEqual(['sustained-growth'])
    expect(result.suppressed).toHaveLength(1)
    expect(result.suppressed[0]).toMatchObject({
      signature: 'rising-floor',
      reason: entry.reason,
      until: '2026-03-01'
    })
  })

  it('stops applying after `until` and says so', () => {
    const result = analyze({
      series,
      config: config({ ignore: [{ ...entry, until: '2026-02-28' }] }),
      now
    })
    expect(signatures(result)).toEqual(['rising-floor', 'sustained-growth'])
    expect(result.suppressed).toEqual([])
    expect(result.notes).toContain(
      'ignore entry for rising-floor on heapUsed expired on 2026-02-28 and no longer applies (1 finding count again); reason was: known slow growth, fixed in #1234'
    )
  })

  it('matches qualified names and `*`', () => {
    const result = analyze({
      series,
      config: config({
        ignore: [
          { signature: 'sustained-growth', metric: 'memory.csv:heapUsed', reason: 'a' },
          { signature: 'rising-floor', metric: '*', reason: 'b' }
        ]
      }),
      now
    })
    expect(result.findings).toEqual([])
    expect(result.suppressed.map((f) => f.reason)).toEqual(['a', 'b'])
  })
})

describe('regression against the base run', () => {
  const series = [heapSeries({ seed: 11, extra: leak(150, 300) })]
  const report = (metrics: Report['metrics']): Report => ({
    version: 1,
    verdict: 'pass',
    findings: [],
    suppressed: [],
    metrics,
    inputs: [],
    errors: [],
    healthy: [],
    notes: [],
    config: 'test',
    root: 'base'
  })

  it('fires when the slope is far above the base run, not when it matches', () => {
    const current = analyze({ series, config: config(), now })
    const own = current.metrics[0] as SeriesAnalysis
    const flat = { ...own, slopePerHour: 100_000, slopePerWork: 1 }
    const worse = analyze({ series, config: config(), now, base: report([flat]) })
    const finding = worse.findings.find((f) => f.signature === 'regression')!
    expect(finding.evidence).toMatchObject({ figure: 'slopePerHour', base: 100_000 })
    const same = analyze({ series, config: config(), now, base: report([own]) })
    expect(signatures(same)).not.toContain('regression')
  })
})

describe('dispatcher and scale', () => {
  it('has a detector for every signature id', () => {
    const context = { config: config(), series: [], snapshots: [], lifecycles: [] }
    for (const id of SIGNATURE_IDS)
      expect(runSignature(id, context)).toEqual({ findings: [], healthy: [] })
  })

  // Speed is measured by `npm run bench` (scripts/bench-analyze.mjs), not here: a timed
  // assertion fails on a loaded CI machine without saying anything about the code.
  it('analyses 10^6 samples and keeps at most 40 chart points', () => {
    const big = heapSeries({ seed: 1, samples: 1_000_000, intervalMs: 10, extra: leak(150, 300) })
    const result = analyze({ series: [big], config: config(), now })
    expect(signatures(result)).toEqual(['rising-floor', 'sustained-growth'])
    expect((result.metrics[0] as SeriesAnalysis).points).toBeLessThanOrEqual(40)
  })
})

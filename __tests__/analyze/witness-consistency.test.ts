/**
 * The live-heap witness must agree with the heap's own findings: a report
 * that says "heapUsed (the live heap) is flat: memory kept by the
 * allocator" about RSS while it fails rising-floor on that same heapUsed
 * contradicts itself. A heap whose GC floor rises (by the rising-floor
 * judgement) vouches for nothing.
 */
import type { LeakGateConfig } from '../../src/config/types.js'
import { analyze } from '../../src/analyze/index.js'
import { config, heapSeries, MiB } from './synthetic.js'

const now = new Date('2026-03-01T00:00:00Z')

/** RSS creeping 12 MiB over 10 min (no sawtooth), as in analyze.test.ts's allocator-creep case. */
const rss = heapSeries({
  seed: 13,
  metric: 'rss',
  base: 150 * MiB,
  garbageRate: 0.02 * MiB,
  extra: (t) => (12 * MiB * t) / 600
})

/** A tall GC sawtooth (40 MiB floor, ~18 MiB teeth) whose floor rises 4 MiB over 10 min. */
const risingFloorHeap = heapSeries({
  seed: 14,
  metric: 'heapUsed',
  extra: (t) => (4 * MiB * t) / 600
})

/** Users loosen sustained-growth on the heap (a cache they know of) and keep rising-floor's default. */
const loosened: Partial<LeakGateConfig> = {
  checks: {
    heapUsed: { 'sustained-growth': { amount: 50, unit: 'percent', text: '50%' } }
  }
}

const summary = (findings: Array<{ signature: string; metric: string; level: string }>) =>
  findings.map((f) => `${f.level} ${f.signature} ${f.metric}`).sort()

describe('live-heap witness and the heap findings agree', () => {
  it('a heap whose floor fails rising-floor does not vouch for RSS creep', () => {
    const result = analyze({ series: [rss, risingFloorHeap], config: config(loosened), now })
    const heapFloor = result.findings.find(
      (f) => f.signature === 'rising-floor' && f.metric === 'heapUsed'
    )!
    expect(heapFloor.level).toBe('fail')
    // 4 MiB over the steady 8 min: the floor's growth, more than 5 % of a ~40 MiB floor
    expect(heapFloor.evidence.growth as number).toBeGreaterThan(2.5 * MiB)
    expect(heapFloor.evidence.growth as number).toBeLessThan(4.5 * MiB)
    // the heap's own sustained-growth is loosened to 50 %: no finding there
    expect(
      result.findings.some((f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed')
    ).toBe(false)
    const onRss = result.findings.filter((f) => f.metric === 'rss')
    expect(onRss.length).toBeGreaterThan(0)
    for (const finding of onRss) {
      expect(finding.level).toBe('fail')
      expect(finding.message).not.toContain('is flat')
      expect(finding.evidence.liveHeapFlat).toBeUndefined()
    }
    for (const finding of result.findings)
      expect(finding.message).not.toMatch(/heapUsed \(the live heap, memory\.csv\) is flat/)
  })

  it.each([11, 14, 21, 33])(
    'default thresholds, seed %i: a heap floor rising 4 MiB never sits next to "heapUsed is flat"',
    (seed) => {
      const heap = heapSeries({ seed, metric: 'heapUsed', extra: (t) => (4 * MiB * t) / 600 })
      const result = analyze({ series: [rss, heap], config: config(), now })
      expect(summary(result.findings.filter((f) => f.metric === 'heapUsed'))).toContain(
        'fail rising-floor heapUsed'
      )
      for (const finding of result.findings) {
        expect(finding.message).not.toContain('is flat')
        expect(finding.level).toBe('fail')
      }
    }
  )

  it('a heap whose floor is flat still vouches: RSS creeping at an even pace to the end is then memory outside the heap', () => {
    const flatHeap = heapSeries({ seed: 14, metric: 'heapUsed' })
    const result = analyze({ series: [rss, flatHeap], config: config(loosened), now })
    expect(result.findings.filter((f) => f.metric === 'heapUsed')).toEqual([])
    const onRss = result.findings.filter((f) => f.metric === 'rss')
    expect(onRss.length).toBeGreaterThan(0)
    for (const finding of onRss) {
      // The witness is heard (the heap is flat) and the linear creep to the end is a native leak.
      expect(finding.evidence.liveHeapFlat).toBe('memory.csv:heapUsed')
      expect(finding.evidence.outsideHeap).toBe(true)
      expect(finding.level).toBe('fail')
      expect(finding.message).toContain('while heapUsed (the live heap) is flat')
    }
  })

  it('a heap that rose a little is said to have risen, not to be flat', () => {
    // heapUsed rises 8 MiB over 10 min under tolerances the user loosened for it; RSS creeps 12 MiB
    const heap = heapSeries({ seed: 21, metric: 'heapUsed', extra: (t) => (8 * MiB * t) / 600 })
    const both = { amount: 50, unit: 'percent' as const, text: '50%' }
    const result = analyze({
      series: [rss, heap],
      config: config({ checks: { heapUsed: { 'sustained-growth': both, 'rising-floor': both } } }),
      now
    })
    expect(result.findings.filter((f) => f.metric === 'heapUsed')).toEqual([])
    const onRss = result.findings.filter((f) => f.metric === 'rss')
    expect(onRss.length).toBeGreaterThan(0)
    for (const finding of onRss) {
      expect(finding.level).toBe('warn')
      expect(finding.message).not.toContain('is flat')
      const rose =
        /heapUsed \(the live heap, memory\.csv\) rose only ([\d.]+) MiB over the same time/.exec(
          finding.message
        )
      expect(rose).not.toBeNull()
      // the heap's rise over RSS's steady window (medians of its first and last fifths): ~5 MiB
      expect(Number(rose![1])).toBeGreaterThan(3)
      expect(Number(rose![1])).toBeLessThan(8)
    }
  })
})

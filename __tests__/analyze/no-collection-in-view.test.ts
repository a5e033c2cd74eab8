/**
 * A live heap with no collection in view (it never falls, and rises by less than the room its
 * reserved heap had free): allocation awaiting the next collection looks like retention, so its
 * climb is a warning, never a leak. The fixture is a few seconds of printed `process.memoryUsage()`
 * objects, one per job, all between two collections.
 */
import { analyze } from '../../src/analyze/index.js'
import { runPipeline } from '../../src/pipeline.js'
import { config, MiB, plainSeries } from './synthetic.js'

const now = new Date('2026-12-05T00:00:00Z')

/** heapUsed and heapTotal of one process, one sample a second, in MiB. */
const heap = (used: number[], total: number[]) => [
  plainSeries(
    used.map((v) => v * MiB),
    { metric: 'heapUsed', kind: 'memory', unit: 'bytes', file: 'memory.log' }
  ),
  plainSeries(
    total.map((v) => v * MiB),
    { metric: 'heapTotal', kind: 'memory', unit: 'bytes', file: 'memory.log' }
  )
]

const growth = (used: number[], total: number[]) =>
  analyze({ series: heap(used, total), config: config(), now }).findings.find(
    (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
  )

const climbing = [30, 31, 32, 33, 34, 35, 36, 37]

describe('a live heap with no collection in view', () => {
  it('warns, not fails, when it only rises and by less than its heap had free', () => {
    const finding = growth(
      climbing,
      climbing.map(() => 64)
    )
    expect(finding?.level).toBe('warn')
    expect(finding!.evidence.noCollectionInView).toBe(true)
    expect(finding!.message).toMatch(
      /no collection in view: it never falls over 6 s and rises \+\d+(\.\d+)? MiB from its first to its last sample, less than the \d+(\.\d+)? MiB its heap still had free \(heapTotal − heapUsed\)/
    )
  })

  it('pairs the reserved heap by row when the samples have no time (file order)', () => {
    const [used, total] = heap(
      climbing,
      climbing.map(() => 64)
    )
    for (const series of [used, total]) {
      series.timeBase = 'none'
      series.time = series.time.map(() => Number.NaN)
    }
    const finding = analyze({ series: [used, total], config: config(), now }).findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )
    expect(finding?.level).toBe('warn')
    expect(finding!.evidence.noCollectionInView).toBe(true)
  })

  it('still fails when the rise outgrows the free room (the heap had to grow for it)', () => {
    const finding = growth(
      climbing,
      climbing.map((v) => v + 2)
    )
    expect(finding?.level).toBe('fail')
    expect(finding!.evidence.noCollectionInView).toBeUndefined()
  })

  it('still fails when the reserved heap grew with it (the collector ran and found it live)', () => {
    // heapTotal +0.5 MiB per +1 MiB of heapUsed, with room to spare: 1 KiB kept per request and
    // little garbage climbs without a fall, and the heap the runtime reserves grows after it
    const finding = growth(
      climbing,
      climbing.map((_, i) => 64 + i / 2)
    )
    expect(finding?.level).toBe('fail')
    expect(finding!.evidence.noCollectionInView).toBeUndefined()
  })

  it('still fails when a collection is in view (the heap falls once and climbs on)', () => {
    const finding = growth(
      [30, 32, 34, 31, 36, 38, 40, 42],
      climbing.map(() => 64)
    )
    expect(finding?.level).toBe('fail')
  })

  it('reads the printed objects of a few seconds of jobs as such a warning (fixture)', async () => {
    const report = await runPipeline({
      root: '__fixtures__/pipeline/saved-shapes/printed-between-collections',
      workspace: '__fixtures__/pipeline/saved-shapes/printed-between-collections',
      now
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.map((f) => [f.signature, f.level, f.metric])).toEqual([
      ['sustained-growth', 'warn', 'heapUsed']
    ])
    expect(report.findings[0].message).toContain('no collection in view')
  })
})

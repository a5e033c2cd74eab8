/**
 * A worker whose tracked objects are all collected: RSS that climbs beside them at its pace to the
 * end, with the work, is memory kept outside the counted objects (a leak); RSS that slows down
 * (the allocator settling) stays a warning.
 */
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-11-25T00:00:00Z')
const run = (dir: string) =>
  runPipeline({
    root: `__fixtures__/pipeline/outside-counted/${dir}`,
    workspace: `__fixtures__/pipeline/outside-counted/${dir}`,
    now
  })

describe('memory beside collected objects', () => {
  it('fails RSS that keeps its pace to the end with the work', async () => {
    const report = await run('leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.evidence.outsideCounted).toBe(true)
    expect(rss?.message).toMatch(
      /the tracked objects are collected, yet it keeps its pace to the end of the run with the work: memory kept outside the counted objects/
    )
  })

  it('fails RSS that climbs in arena-sized steps at over half its pace to the end (a real run)', async () => {
    // examples/python-worker keeping 700 B per archive under garbage churn: its last half kept 0.64
    // of the window's pace (p = 0.008) and warned as allocator creep.
    const report = await run('leak-arena-steps')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.evidence.outsideCounted).toBe(true)
  })

  it('warns, not fails, on RSS that slows down as the allocator settles', async () => {
    const report = await run('settling')
    expect(report.verdict).toBe('warn')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.message).toMatch(/memory kept by the allocator \(arenas, fragmentation\)/)
  })
})

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

  it('passes RSS that decelerates from its first half: a bounded cache that filled (a real run)', async () => {
    // examples/python-worker filling a bounded cache over 55 % of a 90 s run (RSS every 3 s), then
    // evicting with ~2 MiB of allocator creep: its last half kept 0.62 of the window's pace (0.55
    // on the floor) but only 0.38 of its first half's, 0.27 per archive. It failed before.
    const report = await run('cache-fill-decelerates')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
    const rss = report.metrics?.find((m) => m.metric === 'rss' && m.kind !== 'snapshot')
    expect(rss?.explanation).toMatch(
      /over its first half but only .* over its last half \(3\d(\.\d)?% of the first half's pace\): it decelerates/
    )
  })

  it('passes RSS that slows down as the allocator settles: it decelerates from its first half', async () => {
    // Its last half keeps 0.58 of the window's pace (a warning before) but 0.36 of its first half's.
    const report = await run('settling')
    expect(report.verdict).toBe('pass')
    const rss = report.metrics?.find((m) => m.metric === 'rss' && m.kind !== 'snapshot')
    expect(rss?.explanation).toMatch(/\(36\.2% of the first half's pace\): it decelerates/)
  })
})

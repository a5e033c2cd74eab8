/**
 * Python's tracemalloc current size (`traced`) is the live heap beside RSS: it counts the Python
 * objects alive, not pymalloc's free arenas. A cache that filled levels off there while RSS creeps
 * on; a leak of Python objects grows there too.
 */
import { runPipeline } from '../../src/pipeline.js'

const run = (dir: string) => {
  const root = `__fixtures__/pipeline/python-traced/${dir}`
  return runPipeline({ root, workspace: root, now: new Date('2026-11-25T00:00:00Z') })
}

describe('tracemalloc beside RSS', () => {
  it("does not fail a cache that filled: traced levels off, and RSS's creep is the allocator's", async () => {
    const report = await run('cache45')
    expect(report.errors).toEqual([])
    expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(/traced: steady part rose .* it levels off, like a cache that filled/)
    expect(healthy).toMatch(
      /rss: grows .* but traced \(the live heap\) rose 6\.03 MiB over the same time and levelled off/
    )
    expect(healthy).toMatch(/traced: \+13\.8 MiB .* after load .* bounded/)
  })

  it('fails a leak of Python objects on traced itself, and RSS beside it', async () => {
    const report = await run('leak260')
    expect(report.verdict).toBe('fail')
    const traced = report.findings.find(
      (f) => f.level === 'fail' && f.signature === 'sustained-growth' && f.metric === 'traced'
    )
    expect(traced?.message).toMatch(/traced grows .* per archive/)
    const rss = report.findings.find(
      (f) => f.level === 'fail' && f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.message).toMatch(/the live heap does not vouch for it: traced \(the live heap/)
  })

  it('fails a native leak: RSS grows with the work beside a flat traced', async () => {
    const report = await run('native1000')
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.level === 'fail' && f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.message).toMatch(
      /while traced \(the live heap\) rose only [\d.]+ KiB, and it keeps its pace to the end of the run with the work: memory held outside the heap .* a native leak/
    )
    expect(report.findings.some((f) => f.level === 'fail' && f.metric === 'traced')).toBe(false)
  })
})

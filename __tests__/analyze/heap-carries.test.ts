/**
 * A slow leak under a tall GC sawtooth in a short run: the live heap's own trend is lost under its
 * teeth, while RSS and container usage climb at one pace. A heap that rose by at least half of
 * RSS's climb over the same window holds it (its pages), so it no longer vouches that the climb is
 * the allocator's; and a forced collection that left most of the heap floor's climb in place did
 * not show that climb to be garbage. Recorded runs (examples/sawtooth-slow-leak-110 and -140).
 */
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const run = (name: string): Promise<Report> => {
  const root = `examples/${name}/artifacts`
  return runPipeline({ root, workspace: root, now: new Date('2026-12-07T12:00:00Z') })
}
const failing = (report: Report): Set<string> =>
  new Set(
    report.findings.filter((f) => f.level === 'fail').map((f) => `${f.signature}:${f.metric}`)
  )

describe('a heap that carries the allocator’s climb', () => {
  it('110 B per request: RSS fails beside a heap that rose 6.34 MiB of its 8.55 MiB', async () => {
    const report = await run('sawtooth-slow-leak-110')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toEqual(
      new Set([
        'sustained-growth:rss',
        'sustained-growth:MemUsage[sawtooth-slow-leak-web-1]',
        'rising-floor:rss',
        'rising-floor:MemUsage[sawtooth-slow-leak-web-1]',
        'oom-risk:MemUsage[sawtooth-slow-leak-web-1]'
      ])
    )
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )!
    expect(rss.message).toMatch(
      /\+8\.55 MiB.*heapUsed \(the live heap, memory\.csv\) rose 6\.34 MiB of it over the same time: its trend is lost under its sawtooth, but a rise that large is the live heap's pages, not the allocator's/
    )
    // the headline names the live heap as where it is held, not native memory
    expect(report.presentation?.headline.sentence).toMatch(
      /rss grows \+140 B per request .* Held in the live heap: heapUsed rose 6\.34 MiB of it over the same time\.$/
    )
    // never "rose only" beside a climb the heap carries
    expect(report.findings.map((f) => f.message).join('\n')).not.toMatch(/rose only/)
  })

  it('140 B per request: what the forced collection left above the heap’s starting floor is no garbage', async () => {
    const report = await run('sawtooth-slow-leak-140')
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toContain('sustained-growth:rss')
    expect(failing(report)).toContain('rising-floor:rss')
    // the climb is not excused as the pages of heap garbage
    expect(report.healthy.join('\n')).not.toMatch(/pages of heap garbage/)
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )!
    expect(rss.message).toMatch(/heapUsed \(the live heap, memory\.csv\) rose 7\.06 MiB of it/)
  })

  it('a late rise is carried only by the heap’s rise over that late window: a cache that filled early warns', async () => {
    const root = '__fixtures__/pipeline/heap-carries/cache31-late-rss'
    const report = await runPipeline({
      root,
      workspace: root,
      now: new Date('2026-12-07T12:00:00Z')
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )!
    expect(rss.evidence.window).toBe('last-half')
    expect(rss.level).toBe('warn')
    expect(rss.evidence.heapCarries).toBeUndefined()
    // what the forced collection kept is a warning that agrees with the heap's own line (a rise
    // whose test is not significant, not "flat")
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )!
    expect(kept.level).toBe('warn')
    expect(kept.message).toMatch(
      /heapUsed's steady part rises without a significant trend \(p = 0\.11\), and shows no step or levelling off to read, where a cache that filled and a slow leak beside it look alike/
    )
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: steady part without a significant trend over the steady .* p = 0\.11/
    )
  })
})

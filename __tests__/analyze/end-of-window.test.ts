/**
 * How a window ends decides between a pool that filled and a leak: a series whose last fifth stays
 * within a quarter of what its pace would add there stopped (a pool or cache that filled), unless
 * the work stopped with it (an idle end is no plateau); and memory outside a flat heap that still
 * climbs through its last half at half the window's pace is a native leak.
 */
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-11-25T00:00:00Z')
const run = (dir: string) =>
  runPipeline({
    root: `__fixtures__/pipeline/${dir}`,
    workspace: `__fixtures__/pipeline/${dir}`,
    now
  })

describe('the end of the window', () => {
  it('passes a pool that filled and stopped, saying where it stopped', async () => {
    const report = await run('levelled-tail/plateau')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss: steady part rose \+[\d.]+ KiB per request over the steady 1,200 requests, then stopped: from [\d,]+ requests on \(\d+ samples\) it stays within [\d.]+ (KiB|MiB), where that pace would have added \+[\d.]+ MiB: it levelled off/
    )
  })

  it('fails the same start when it keeps its pace to the end', async () => {
    const report = await run('levelled-tail/still-rising')
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => f.signature)).toContain('sustained-growth')
  })

  it('fails a leak whose load stopped before the samples did (the work stood still)', async () => {
    const report = await run('levelled-tail/idle-end')
    expect(report.verdict).toBe('fail')
    expect(report.healthy.join('\n')).not.toMatch(/then stopped/)
  })

  it('fails memory that grows in 4 MiB steps when its flat end is shorter than one step takes', async () => {
    const report = await run('levelled-tail/arena-steps')
    expect(report.verdict).toBe('fail')
    expect(report.healthy.join('\n')).not.toMatch(/then stopped/)
  })

  it('fails memory outside a flat heap that still climbs at over half the pace at the end', async () => {
    const report = await run('native-pace')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.message).toMatch(/memory held outside the heap .*a native leak/)
  })
})

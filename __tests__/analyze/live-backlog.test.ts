/**
 * A live-object count cleared in batches by a collector (Python's cyclic collector) rises and falls
 * by the backlog waiting for it; a rise no larger than the most one collection cleared is that
 * backlog's timing, while objects kept for good climb beyond any batch.
 */
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-11-25T00:00:00Z')
const run = (dir: string) =>
  runPipeline({
    root: `__fixtures__/pipeline/live-backlog/${dir}`,
    workspace: `__fixtures__/pipeline/live-backlog/${dir}`,
    now
  })

describe('a live count and the collector’s backlog', () => {
  it('passes a count that rises no more than one collection clears, saying so', async () => {
    const report = await run('backlog')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /live: live rises [\d.]+ over the steady .*, no more than the collector cleared at once \(\d+ collections of [\d.]+ to [\d.]+ objects\): objects waiting for collection, not kept/
    )
  })

  it('fails the same count when one object in 100 is kept for good', async () => {
    const report = await run('leak')
    expect(report.verdict).toBe('fail')
    expect(
      report.findings.some((f) => f.signature === 'sustained-growth' && f.metric === 'live')
    ).toBe(true)
  })
})

/**
 * A live-object count that climbs with no full collection in view (Python brokers in reference
 * cycles): the post-test snapshot, taken after a forced gc.collect(), tells garbage waiting for a
 * collection (the count comes back down) from objects something keeps (they stay). Without the
 * snapshot the climb is judged as it always was. Fixtures: __fixtures__/pipeline/forced-collection.
 */
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/forced-collection'
const run = (dir: string) =>
  runPipeline({
    root: `${root}/${dir}`,
    workspace: `${root}/${dir}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

const liveFailures = (report: Awaited<ReturnType<typeof run>>) =>
  report.findings.filter((f) => f.metric === 'live' && f.level === 'fail').map((f) => f.signature)

describe('a live count read again after a forced collection', () => {
  it('passes a climb the forced collection took away, saying what it left', async () => {
    const report = await run('collected')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /live rises \+1[0-4](\.\d)? over .* but the forced collection before the post-test snapshot \(post-test\.json\) left 2, no more than the window's lowest reading \(2\), where the window ended near 1[2-4](\.\d)?: objects waiting for a collection/
    )
  })

  it('fails the same climb when the objects survive the forced collection', async () => {
    const report = await run('kept')
    expect(report.verdict).toBe('fail')
    expect(liveFailures(report)).toEqual(
      expect.arrayContaining(['sustained-growth', 'retained-after-load'])
    )
  })

  it('judges the climb as before when there is no post-test snapshot', async () => {
    const report = await run('no-snapshot')
    expect(report.verdict).toBe('fail')
    expect(liveFailures(report)).toEqual(['sustained-growth'])
  })
  it('does not take the reading of another process (a new pid in post-test.json)', async () => {
    const report = await run('other-process')
    expect(report.verdict).toBe('fail')
    expect(liveFailures(report)).toEqual(['sustained-growth'])
  })
})

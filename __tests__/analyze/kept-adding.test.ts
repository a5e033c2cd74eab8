/**
 * A heap that seems to level off in time may only have waited for the work: a real run of the node
 * service keeping 600 B per request in a Map, its load ramped to 350 req/s, paused for 20 s, then
 * resumed (34,000 requests in 2 min 10 s, sampled every 2.5 s). Over the pause the heap stood still
 * and a collection then took its garbage, so its last half kept 3.7 % of the window's pace in
 * time ("it levels off"), and the +24.9 MiB the forced collection kept was called a cache that
 * filled. Every reading holds at least what the program held then: after the lowest reading of the
 * window's second half (53.2 MiB) the forced collection still found 61.1 MiB, +7.9 MiB over the
 * last 39.8 % of the work (counted to the post-test snapshot's work field), 0.80 of the run's own
 * pace per request. The same readings with a post-test heap below that reading (what a fill that
 * stopped leaves) pass.
 */
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-11-25T00:00:00Z')
const run = (dir: string) =>
  runPipeline({
    root: `__fixtures__/pipeline/kept-adding/${dir}`,
    workspace: `__fixtures__/pipeline/kept-adding/${dir}`,
    now
  })

describe('a heap that kept adding per unit of work after it seemed to level off', () => {
  it.each([
    [
      'load-paused',
      'fail',
      /heapUsed \+24\.9 MiB \(\+68\.9%\) after load .*seemed to level off, but its lowest reading in the steady window's second half, 1 min 35 s into the run, put heapUsed at most 53\.2 MiB, .*kept 61\.1 MiB: \+7\.9 MiB added after it over 39\.8% of the work, 79\.7% of the run's own pace per unit of work/
    ],
    [
      'levelled',
      'pass',
      /heapUsed: \+16\.3 MiB \(\+45\.1%\) after load \(36\.2 MiB → 52\.5 MiB\), arrived while filling, then levelled off/
    ]
  ] as const)('%s → %s', async (dir, verdict, said) => {
    const report = await run(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe(verdict)
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    if (verdict === 'fail') {
      expect(retained?.level).toBe('fail')
      expect(retained?.message).toMatch(said)
      // sustained-growth no longer calls the heap levelled off: it says why it did not
      const growth = report.findings.find(
        (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
      )
      expect(growth?.level).toBe('fail')
      expect(growth?.message).toMatch(
        /it seemed to level off in time, but .*it kept growing with the work/
      )
      expect(report.healthy.join('\n')).not.toMatch(/heapUsed: .*levels off/)
    } else {
      expect(retained).toBeUndefined()
      expect(report.healthy.join('\n')).toMatch(said)
    }
  })
})

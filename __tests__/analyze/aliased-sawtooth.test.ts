/**
 * A slow leak under a tall GC sawtooth sampled at about the cycle's own period. Real recording
 * (fixtures in __fixtures__/pipeline/aliased-sawtooth, holdout5): 180 B kept per request under the
 * garbage of the last 96 requests (64 KiB each), 165 s at 480 req/s, sampled every 1.1 s. The
 * samples drift through the GC cycle, so 40 readings in a row fall slowly and a whole floor window
 * misses every trough: heapUsed's mean rose +18 MiB over the steady window (p < 0.001) but its last
 * half read 59 % of the pace (p = 0.71) and its floor's last half fell. It passed, though the
 * forced collection kept +16.1 MiB (213 B per request) and RSS kept its pace to the end.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { withoutColumn } from '../helpers/edited-run.js'
import { removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const base = '__fixtures__/pipeline/aliased-sawtooth'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })

describe('a leak whose readings beat with the GC cycle', () => {
  it('fails sustained-growth on the live heap, saying what carried its last half', async () => {
    const report = await judge('leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const heap = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )
    expect(heap?.level).toBe('fail')
    expect(heap?.message).toMatch(
      /its last half alone cannot tell \(p = 0\.71 on 8 points\) but keeps 59\.1% of the pace and its last third stands where that pace puts it \(\+6\.65 MiB, \+6\.35 MiB expected\), and rss of the same process keeps its own to the end/
    )
    // the heap's line no longer calls the climb "taller sawtooth peaks" beside a snapshot that kept it
    expect(JSON.stringify(report)).not.toMatch(/taller sawtooth peaks/)
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.level).toBe('fail')
  })

  it('passes the same readings when the leak stops two thirds into the window (a cache that filled)', async () => {
    const report = await judge('filled')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const heap = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'heapUsed')
    expect(heap?.explanation).toMatch(/levels off, like a cache that filled/)
  })
})

/**
 * 140 B kept per request under the garbage of the last 88 requests (holdout6: 150 s at 470 req/s,
 * sampled every 1.05 s), and its healthy counterpart, a 10 MiB table built at 45 % under the last
 * 112 requests' garbage sampled every second (alias2). The leak's floor windows jump between
 * phases of the beat ("stepped +14.2 MiB once, flat before and after"), its mean is only
 * suggestive (p = 0.013): heapTotal's floor decides, one pace to the end for the leak, one step for
 * the table.
 */
describe('a heap whose floor reads as one step under the beat', () => {
  it('fails RSS and container usage when heapTotal keeps one pace to the end', async () => {
    const report = await judge('floor-beats')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.message).toMatch(
      /heapUsed's steady part, .* \(p = 0\.013, only suggestive under its sawtooth\), cannot tell a table loaded once from a leak at this sampling, but heapTotal's floor keeps one pace to the end/
    )
  })

  it('the same readings without heapTotal: nothing refutes the step, and the run only warns', async () => {
    const root = withoutColumn(`${base}/floor-beats`, 'heapTotal')
    const report = await runPipeline({ root, workspace: root, now })
    expect(report.verdict).not.toBe('fail')
  })

  it('passes a table built once under the same sawtooth: heapTotal stepped once', async () => {
    const report = await judge('table')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
  })
})

/**
 * A Python live-object count with no post-test snapshot, judged beside the collector's own count
 * of its older collections (the worker's `gen2` column, read as a witness when the config or
 * zero-config leaves it out): a climb between collections that each brought the count back to its
 * floor is the cyclic collector's backlog; a count each collection leaves higher, or a climb long
 * past the last collection, is judged as before. Fixtures: __fixtures__/pipeline/collections-in-view.
 */
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/collections-in-view'
const run = (dir: string) =>
  runPipeline({
    root: `${root}/${dir}`,
    workspace: `${root}/${dir}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

const liveFailures = (report: Awaited<ReturnType<typeof run>>) =>
  report.findings.filter((f) => f.metric === 'live' && f.level === 'fail').map((f) => f.source)

describe('a live count beside the collections in view', () => {
  it('passes a climb since the last of three collections that each left the floor, saying so', async () => {
    const report = await run('backlog')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /live rises \+?[\d.]+ over .* but each of the 3 collections of the older generations in view \(gen2 changed 3 times\) left it at 4 or less, within 10 of the window's lowest reading \(3\), and the last one came 1[0-9] s before the end/
    )
    // the witness is never judged nor listed
    expect(report.findings.some((f) => f.metric === 'gen2')).toBe(false)
  })

  it('reads gen2 beside a config that lists live only, for the log of the same rows too', async () => {
    const report = await run('backlog-config')
    expect(report.errors).toEqual([])
    expect(liveFailures(report)).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('fails a count that each collection leaves higher (objects kept for good)', async () => {
    const report = await run('kept')
    expect(report.verdict).toBe('fail')
    expect(liveFailures(report)).toEqual(['broker_stats.csv'])
  })

  it('fails a climb that runs on twice as long as any gap between collections', async () => {
    const report = await run('overdue')
    expect(report.verdict).toBe('fail')
    expect(liveFailures(report)).toEqual(['broker_stats.csv'])
  })
})

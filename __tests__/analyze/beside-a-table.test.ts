/**
 * A leak beside a table loaded once. The table's step carries the window's pace, so a leak that
 * goes on after it reads as "slowed" (its last half at the leak's pace alone) and, under the
 * sawtooth, its heap's last half is only suggestive; its pages say the rest. A native leak beside
 * the table is not the heap's pages either: the heap stepped once and stayed flat.
 */
import { runPipeline } from '../../src/pipeline.js'

const run = (dir: string) => {
  const root = `__fixtures__/pipeline/beside-a-table/${dir}`
  return runPipeline({ root, workspace: root, now: new Date('2026-11-25T00:00:00Z') })
}

const failing = (report: Awaited<ReturnType<typeof run>>, signature: string, metric: string) =>
  report.findings.find(
    (f) => f.level === 'fail' && f.signature === signature && f.metric === metric
  )

describe('a leak beside a table loaded once', () => {
  it.each(['table14-47', 'table16-70'])('passes the table alone (%s)', async (dir) => {
    const report = await run(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it("fails a heap leak after the table: the last half's rise, suggestive alone, shows in RSS too", async () => {
    const report = await run('table14-47-leak400')
    expect(report.verdict).toBe('fail')
    const heap = failing(report, 'sustained-growth', 'heapUsed')
    expect(heap?.message).toMatch(
      /heapUsed grows .* over the last 59 s of the steady window, p = 0\.019 .*p = 0\.019 is only suggestive on its own, but rss of the same process rises \+7\.02 MiB over the same window \(p < 0\.001\)/
    )
    // the cost of the half it was found on, not the window's (which holds the table's step)
    expect(heap?.message).toMatch(/; 409 B per request$/)
    expect(report.presentation?.headline.sentence).toMatch(
      /^memory\.csv: heapUsed grows \+409 B per request/
    )
  })

  it('fails a native leak beside the table: the heap stepped once, RSS keeps its pace', async () => {
    const report = await run('table16-70-native300')
    expect(report.verdict).toBe('fail')
    const rss = failing(report, 'sustained-growth', 'rss')
    expect(rss?.message).toMatch(
      /while heapUsed \(the live heap\) stepped \+15\.8 MiB once and was flat before and after \(a table loaded once\), and it keeps its pace to the end of the run with the work: memory held outside the heap/
    )
    expect(rss?.message).toMatch(/299 B per request/)
  })
})

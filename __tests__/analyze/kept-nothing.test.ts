/**
 * A run whose forced collection brought the live heap back to its baseline kept nothing, even when
 * its floor moved too little (under a collection's fall, 5 % of the level) for a floor climb to
 * explain. Real recording (fixtures in __fixtures__/pipeline/kept-nothing): a healthy service
 * under a load ramping 80 → 450 req/s, held, then down to 30 req/s, sampled every 1.25 s. As the
 * rate fell V8 grew its heap (heapTotal 55 → 63 MiB): heapUsed's mean rose +2.97 MiB (p = 0.002)
 * over a floor +1.65 MiB (p = 0.06), RSS +9.3 MiB with heapTotal, and the forced collection left
 * heapUsed +544 KiB above its baseline. It failed sustained-growth on heapUsed and RSS.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { addLinearLeak, runEdited } from '../helpers/edited-run.js'

const base = '__fixtures__/pipeline/kept-nothing'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })

describe('a heap the forced collection brought back to its baseline kept nothing', () => {
  it('passes the ramp-down whose heap peaks rose over a flat floor', async () => {
    const report = await judge('ramp-down')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const heap = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'heapUsed')
    expect(heap?.explanation).toMatch(
      /heapUsed's floor moved \+1\.65 MiB, within a major collection's fall .* brought it back to 36\.6 MiB, within 1 MiB of its baseline \(36 MiB\): the run kept nothing/
    )
    const rss = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'rss')
    expect(rss?.explanation).toMatch(/heapUsed \(the live heap\) holds no leak/)
  })

  it('still fails the same readings when the forced collection kept 3.5 MiB', async () => {
    const report = await judge('ramp-down-kept')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const heap = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )
    expect(heap?.level).toBe('fail')
    expect(JSON.stringify(report)).not.toMatch(/the run kept nothing/)
  })

  // RSS beside a heap that kept nothing is excused only within what heapTotal accounts for (and the
  // tolerance): a malloc leak outside the heap and outside `external` (300 B per request, +12.8 MiB
  // over the run) keeps failing on rss. Smaller ones (up to about 200 B per request here) hide in
  // the heapTotal rise the healthy run did not use (+12 MiB against RSS's +9.9 MiB) and pass.
  it('still fails a malloc leak beside the same heap (RSS only, 300 B per request)', async () => {
    const report = await runEdited(
      `${base}/ramp-down`,
      (dir) => addLinearLeak(dir, 300, ['rss']),
      now
    )
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
  })
})

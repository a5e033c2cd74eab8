/**
 * The cost per unit of work of a series judged segment by segment is read within the segments, as
 * its slope is: the whole window's per-request slope runs across the fall. Fixture: a recorded run
 * of examples/node-service keeping 180 B per request in Buffers (76,000 requests at 380 req/s,
 * sampled every 1.9 s) whose heap V8 shrank 1 min 46 s in (RSS 125 → 95.8 MiB).
 */
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/segment-cost/native-180-shrunk'
const run = (): Promise<Report> =>
  runPipeline({ root, workspace: root, now: new Date('2026-11-25T00:00:00Z') })

describe('cost per unit of work across a fall', () => {
  it('a native leak split at a heap shrink is said per request within its segments', async () => {
    const report = await run()
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.evidence.basis).toBe('segments')
    const perWork = rss?.evidence.perWork as number
    // 180 B per request kept; read across the fall the window's slope was negative (−483 B)
    expect(perWork).toBeGreaterThan(150)
    expect(perWork).toBeLessThan(210)
    expect(rss?.message).toMatch(
      /the rise resumes at the same pace after each fall; 1\d\d B per request;/
    )
    expect(report.presentation?.headline.sentence).toMatch(/rss grows \+1\d\d B per request/)
  })
})

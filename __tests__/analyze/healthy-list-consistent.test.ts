/**
 * "Why the healthy metrics are healthy" never names a metric the Trends table
 * marks as a leak. In examples/sawtooth-slow-leak the post-test snapshot's RSS
 * stays under the retained tolerance (+19 MiB, +15.8 %) while RSS's own series
 * grows +21.5 MiB with the requests: a reader shown "✅ rss" under the healthy
 * heading next to a 🔴 rss row would not know which to believe.
 */
import { runPipeline } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'

const example = 'examples/sawtooth-slow-leak/artifacts'
const now = new Date('2026-12-06T00:00:00Z')

describe('the healthy list agrees with the findings', () => {
  it('leaves out a snapshot metric whose series leaks, and keeps its snapshot row', async () => {
    const report = await runPipeline({ root: example, workspace: example, now })
    expect(report.verdict).toBe('fail')
    const rssTrend = report.findings.filter((f) => f.metric === 'rss' && f.level === 'fail')
    expect(rssTrend.length).toBeGreaterThan(0)
    // the snapshot check itself passed: its row still says so
    const snapshotRss = report.metrics.find((m) => m.kind === 'snapshot' && m.metric === 'rss')
    expect(snapshotRss?.status).toBe('ok')
    expect(report.healthy.some((line) => line.startsWith('rss:'))).toBe(false)
    // a metric that is healthy everywhere is still explained
    expect(report.healthy.some((line) => line.startsWith('external:'))).toBe(true)
    const md = renderMarkdown(report)
    const healthyPart = md.slice(md.indexOf('Why the healthy metrics are healthy'))
    expect(healthyPart).not.toMatch(/✅ rss:/)
  })
})

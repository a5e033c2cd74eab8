/**
 * A leak found on evidence a healthy run shows too says, in a note, what would settle it; the
 * verdict stands. Fixtures: a recorded run of examples/node-service filling an LRU of 5,280 ×
 * 1 KiB entries over the first third of a 40 s run at 400 req/s (sampled every 0.5 s), with its
 * baseline and post-test snapshots after a forced collection, and the same memory.csv alone.
 * Without the snapshots the heap's floor climbs to the end with the garbage of its evictions (no
 * major collection in its steady part) and the run fails; with them, the forced collection shows
 * the cache's size kept and the run passes. The container-only note is tested in
 * container-only.test.ts.
 */
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { renderHtml, renderMarkdown, renderText } from '../../src/report/index.js'

const fixtures = '__fixtures__/pipeline/unsettled'
const now = new Date('2026-11-25T00:00:00Z')
const run = (name: string): Promise<Report> => {
  const root = join(fixtures, name)
  return runPipeline({ root, workspace: root, now })
}
const uncollectedNote = (report: Report): string[] =>
  report.notes.filter((n) => /major collection.* in the steady part and no snapshot/.test(n))

describe('a leak judged on evidence a healthy run shows too', () => {
  it('a heap with no major collection in view and no snapshot says a forced collection would settle it', async () => {
    const report = await run('cache-fill-40s-no-snapshot')
    expect(report.verdict).toBe('fail')
    const notes = uncollectedNote(report)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatch(
      /^memory\.csv:heapUsed: (no major collection|at most 1 major collection) in the steady part/
    )
    expect(notes[0]).toMatch(/old-generation garbage the next major collection frees/)
    expect(notes[0]).toMatch(/a post-test snapshot after a forced collection .* tells them apart/)
    // a heap series was read: the container-only note does not apply
    expect(report.notes.some((n) => /allocator holds alone/.test(n))).toBe(false)
  })

  it('with the post-test snapshot after a forced collection the same run passes, with no such note', async () => {
    const report = await run('cache-fill-40s')
    expect(report.verdict).toBe('pass')
    expect(uncollectedNote(report)).toEqual([])
  })

  // examples/broker-leak: RSS alone, no snapshots, but the brokers counted live climb with it.
  it('objects counted live that fail beside the memory settle it: no such note', async () => {
    const root = 'examples/broker-leak'
    const report = await runPipeline({ root, workspace: root, now })
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.level === 'fail' && f.metric === 'live')).toBe(true)
    expect(report.findings.some((f) => f.level === 'fail' && f.metric === 'rss')).toBe(true)
    expect(report.notes.some((n) => /allocator holds alone/.test(n))).toBe(false)
  })

  it('the comment, the text and the HTML report say it beside the verdict, not only in the notes', async () => {
    const report = await run('cache-fill-40s-no-snapshot')
    const markdown = renderMarkdown(report)
    // right after the next steps, above the evidence a reviewer has to open
    const doubt = markdown.indexOf('**Before you trust it:** memory.csv:heapUsed:')
    expect(doubt).toBeGreaterThan(markdown.indexOf('**Next:**'))
    expect(doubt).toBeLessThan(markdown.indexOf('<details>'))
    const text = renderText(report, { color: false }).split('\n')
    expect(text[2]).toMatch(/^Before you trust it: memory\.csv:heapUsed: .* tells them apart/)
    expect(renderHtml(report)).toMatch(/<p><b>Before you trust it:<\/b> memory\.csv:heapUsed: /)
    // a pass has nothing to doubt
    const passed = await run('cache-fill-40s')
    expect(renderMarkdown(passed)).not.toMatch(/Before you trust it/)
  })
})

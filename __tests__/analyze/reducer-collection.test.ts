/**
 * A heap sampled slower than its young collections climbs smoothly with promoted garbage and
 * falls at each major collection (V8's memory reducer among them), with no local minimum on the
 * climb. Such a fall is a major collection: what the heap kept after the last one, against the
 * forced collection before the post-test snapshot, says whether it kept adding with the work.
 * Fixture: a recorded healthy run of examples/node-service (53,200 requests over 140 s, sampled
 * every 2.6 s; heapUsed 41 → 49 MiB, a major collection to 37, 44 → 37 at the memory reducer).
 * With 200 B per request kept in the heap (10.2 MiB over the run), its steady window read flat
 * (p = 0.39) and what was kept read as "already reached when the steady window starts": it passed.
 */
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { addLinearLeak, runEdited } from '../helpers/edited-run.js'

const fixture = '__fixtures__/pipeline/reducer-collection/healthy-140s'
const now = new Date('2026-11-25T00:00:00Z')
const retained = (report: Report, metric: string) =>
  report.findings.find((f) => f.signature === 'retained-after-load' && f.metric === metric)

describe('a heap leak across the major collections of a slowly sampled run', () => {
  it('the healthy run passes', async () => {
    const report = await runPipeline({ root: fixture, workspace: fixture, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('200 B per request kept in the heap fails: it kept adding after the last major collection', async () => {
    const report = await runEdited(
      fixture,
      (dir) => addLinearLeak(dir, 200, ['heapUsed', 'heapTotal', 'rss']),
      now
    )
    expect(report.verdict).toBe('fail')
    const kept = retained(report, 'heapUsed')
    expect(kept?.level).toBe('fail')
    expect(kept?.message).toMatch(
      /reads flat, but the last major collection 1 min \d+ s into the run left heapUsed at most .* it kept growing with the work, it did not level off/
    )
  })
})

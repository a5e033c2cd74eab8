/**
 * A live heap that stepped once inside its steady window (a Go service's gctrace: 16 MB live
 * for 45 % of the run, then a 17 MB table loaded, 33 MB to the end) is no monotone trend, so
 * its test is not significant; its healthy line must say the step and when it came, not that
 * the heap is flat nor that "the rise is in the warm-up" (the warm-up ended 15 s in).
 */
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-12-06T00:00:00Z')
const dir = '__fixtures__/pipeline/go-gctrace/table-step-45'

describe('a step inside the steady window, said as a step', () => {
  it('names the step and its time, and does not blame the warm-up', async () => {
    const report = await runPipeline({ root: dir, workspace: dir, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const line = report.healthy.find((text) => text.startsWith('heap_after_gc')) ?? ''
    expect(line).toMatch(
      /steady part stepped \+1[67]\.\d MiB once, 3\d s into the run \(4\d\.\d% of it\), flat before and after/
    )
    expect(line).toMatch(
      /\+1[67](\.\d)? MiB over the whole run, \+1[67]\.\d MiB of it in the steady part's one step/
    )
    expect(line).not.toMatch(/rise is in the warm-up/)
    expect(line).not.toMatch(/steady part (flat|without a significant trend)/)
  })
})

/**
 * The floor at every cycle confirms a floor that keeps rising over its last half. Two real runs of
 * examples/node-service, 2.5 min at 500 req/s sampled every second (fixtures in
 * __fixtures__/pipeline/fine-floor), where heapUsed's collections come every 2–3 samples, too
 * fast to be counted as drops, so the window gets the fewest buckets (8) and floor windows (6):
 * - leak-1s: ~150 B kept per request (the post-test snapshot kept +12.8 MiB). The floor rises
 *   significantly over the window, but its last half's 6 windows of ~10 samples give p = 0.13 and
 *   the run passed as "rose early then flattened". The minima of 4-sample windows (15 over the
 *   last half, Hamed–Rao corrected) still rise: p < 0.1. It fails now.
 * - healthy-1s: the same service and sawtooth keeping nothing: still a pass.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

const base = '__fixtures__/pipeline/fine-floor'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })

describe("a floor's last half judged on the floor at every cycle", () => {
  it('fails a slow leak whose last half has too few floor windows to say it keeps rising', async () => {
    const report = await judge('leak-1s')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const heap = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )
    expect(heap?.level).toBe('fail')
    expect(heap?.evidence.basis).toBe('floor')
    const fine = heap?.evidence.lastHalfFineFloorPValue as number
    expect(fine).toBeLessThan(0.1)
    expect(heap?.message).toMatch(
      /its floor at every cycle still rises over the last half \(15 minima/
    )
    // What the forced collection kept is no longer excused as a fill that levelled off.
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.level).toBe('fail')
  })

  it('passes the same service and sawtooth keeping nothing', async () => {
    const report = await judge('healthy-1s')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })
})

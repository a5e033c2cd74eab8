/**
 * The figures a reviewer reads first are the ones that decided. A real 1 s recording of
 * examples/node-service keeping ~150 B per request under a tall GC sawtooth
 * (__fixtures__/pipeline/fine-floor/leak-1s): heapUsed fails on its GC floor, so the headline's
 * cost per request is the floor's against the work (the mean's counts the garbage of peaks that
 * rise with the heap), with what the post-test snapshot kept per request after a forced
 * collection beside it.
 */
import { groupLeaks } from '../../src/analyze/leak-rows.js'
import { presentationOf } from '../../src/analyze/presentation.js'
import { snapshotsOf } from '../../src/analyze/report-parts.js'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/fine-floor/leak-1s'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (): Promise<Report> => runPipeline({ root, workspace: root, now })

describe("a floor finding's headline speaks with the floor's figures", () => {
  it("states the floor's cost per request and what a forced collection kept beside it", async () => {
    const report = await judge()
    expect(report.verdict).toBe('fail')
    const heap = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )!
    expect(heap.evidence.basis).toBe('floor')
    const floorCost = heap.evidence.perWork as number
    const meanCost = heap.evidence.meanPerWork as number
    // The floor's cost keeps the floor's pace against the mean's (same requests, same window).
    const ratio =
      (heap.evidence.floorSlopePerHour as number) / (heap.evidence.slopePerHour as number)
    expect(floorCost / meanCost).toBeCloseTo(ratio, 1)
    expect(Math.abs(floorCost - meanCost)).toBeGreaterThan(5)
    const floor = report.findings.find(
      (f) => f.signature === 'rising-floor' && f.metric === 'heapUsed'
    )!
    expect(floor.evidence.perWork).toBe(floorCost)

    const post = snapshotsOf(report).find((s) => s.metric === 'heapUsed')!
    const row = presentationOf(report).leaks[0]
    expect(row.perWork?.metric).toBe('heapUsed')
    expect(row.perWork?.value).toBe(floorCost)
    expect(row.perWork?.kept).toEqual({ value: post.perWork, forced: true })
    const { headline } = presentationOf(report)
    // The window measured is the finding's own, to the second (2 min 3 s, not "2 min").
    const window = /over the steady ([^,]+),/.exec(heap.message)?.[1]
    expect(window).toMatch(/min \d+ s$/)
    expect(headline.sentence).toContain(`over the ${window} measured`)
    expect(headline.sentence).toContain(`heapUsed grows +${Math.round(floorCost)} B per request`)
    expect(headline.sentence).toContain(
      `, ${Math.round(post.perWork!)} B per request kept after a forced collection`
    )
  })

  it("gives a floor finding's rate per hour from the floor, not the mean", async () => {
    const report = await judge()
    // The same findings over a window long enough for a rate per hour to be shown.
    const long: Report = {
      ...report,
      findings: report.findings.map((f) =>
        f.signature === 'sustained-growth' && f.metric === 'heapUsed'
          ? { ...f, evidence: { ...f.evidence, windowMinutes: 12 } }
          : f
      )
    }
    const heap = long.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )!
    const row = groupLeaks(long)[0]
    expect(row.decisiveId).toBe(heap.id)
    expect(row.growth?.perHour).toBe(heap.evidence.floorSlopePerHour)
    expect(row.growth?.perHour).not.toBe(heap.evidence.slopePerHour)
  })

  it('names the metric of the growth it quotes when the cost per request is the snapshot’s, kept after a forced collection', async () => {
    const report = await judge()
    // Without heapUsed's trends the cost is the post-test snapshot's, the growth rss's.
    const snapshotOnly: Report = {
      ...report,
      findings: report.findings.filter(
        (f) => !(f.metric === 'heapUsed' && f.source === 'memory.csv')
      )
    }
    const row = groupLeaks(snapshotOnly)[0]
    expect(row.perWork?.metric).toBe('heapUsed')
    expect(row.perWork?.snapshot).toEqual({ forced: true })
    expect(row.growth?.metric).toBe('rss')
    // what the post-test snapshot kept is not a growth seen over the run
    expect(row.sentence).toMatch(
      /^sawtooth-slow-leak-web-1: heapUsed kept \+179 B per request after a forced collection \(rss \+14\.\d MiB over/
    )
  })
})

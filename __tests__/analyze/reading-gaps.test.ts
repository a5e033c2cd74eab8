/**
 * A stats log pasted in two slices (an idle daemon's RSS every 5 s, minutes missing between
 * them) leaves most of the run unseen: the report says so, and a whole-run rise that lies
 * across the gap is not blamed on the warm-up alone. A sampler's short hiccup is no such gap.
 */
import { describeReadingGap, longReadingGap } from '../../src/analyze/reading-gaps.js'
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-12-07T00:00:00Z')
const seconds = (list: number[]): number[] => list.map((s) => s * 1000)

describe('longReadingGap', () => {
  it('finds minutes without readings between two slices of a 5 s log', () => {
    const x = seconds([0, 5, 10, 15, 20, 25, 30, 35, 40, 240, 245, 250, 255, 260, 265, 270])
    const gap = longReadingGap(x)
    expect(gap).toEqual({ from: 40_000, to: 240_000, after: 9, share: 200 / 270 })
    expect(describeReadingGap(gap!, x[0])).toBe(
      'no readings for 3 min 20 s (40 s → 4 min into the series, 74% of it)'
    )
  })

  it('says nothing of a sampler hiccup (three intervals, a few % of the run)', () => {
    const x: number[] = []
    for (let t = 0; t <= 300; t += t === 120 ? 15 : 5) x.push(t * 1000)
    expect(longReadingGap(x)).toBeNull()
  })

  it('says nothing of readings that are sparse all along (one a minute, one pause of two)', () => {
    expect(longReadingGap(seconds([0, 60, 120, 180, 300, 360, 420, 480, 540, 600]))).toBeNull()
  })

  it('needs a few readings to have a usual interval', () => {
    expect(longReadingGap(seconds([0, 5, 200]))).toBeNull()
  })
})

describe('a series with a long gap, through the pipeline', () => {
  it('notes the gap and places the whole-run rise in the warm-up or across it', async () => {
    const dir = '__fixtures__/pipeline/reading-gap/two-slices'
    const report = await runPipeline({ root: dir, workspace: dir, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.notes).toContain(
      'memory.csv:rss_mb: no readings for 3 min 20 s (40 s → 4 min into the series, 68% of it): what memory did there is not seen; its trend rests on the readings either side'
    )
    const line = report.healthy.find((text) => text.startsWith('rss_mb')) ?? ''
    expect(line).toMatch(
      /rose 4 MiB over the whole run .*: the rise is in the warm-up \(first 20% \(59 s\)\) or across the 3 min 20 s without readings before the steady part/
    )
  })

  it('says no gap where the sampler only hiccuped', async () => {
    const dir = '__fixtures__/pipeline/reading-gap/hiccup'
    const report = await runPipeline({ root: dir, workspace: dir, now })
    expect(report.errors).toEqual([])
    expect(report.notes.join('\n')).not.toMatch(/no readings for/)
    expect(report.healthy.join('\n')).not.toMatch(/without readings/)
  })
})

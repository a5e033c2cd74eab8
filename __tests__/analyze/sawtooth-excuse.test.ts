/**
 * "Mean rises but the GC floor does not: taller sawtooth peaks" is said only of a series with a
 * sawtooth (major collections counted in it, or a mean a real share of the level above its
 * floor). Without one the floor windows' minima are the readings themselves, and one dip that
 * pulls a window down is no evidence against a rise.
 */
import { hasSawtooth } from '../../src/analyze/signatures/sustained-growth.js'
import type { SeriesDetail, TrendFit } from '../../src/analyze/series-analysis.js'
import { seriesOf } from '../../src/analyze/report-parts.js'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-11-25T00:00:00Z')
const judge = (root: string): Promise<Report> => runPipeline({ root, workspace: root, now })
const explanation = (report: Report, id: string): string =>
  seriesOf(report).find((s) => s.id === id)?.explanation ?? ''

describe('the taller-sawtooth excuse needs a sawtooth', () => {
  it("does not excuse a real leak's RSS, which has no sawtooth, because one dip pulls a floor window down", async () => {
    // ~150 B kept per request, sampled every second: RSS climbs with one dip, no teeth.
    const report = await judge('__fixtures__/pipeline/fine-floor/leak-1s')
    expect(report.verdict).toBe('fail')
    expect(explanation(report, 'memory.csv:rss')).not.toContain('taller sawtooth peaks')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    // The floor it was excused by is the readings' own: not significant, one window pulled down.
    expect(rss?.evidence.floorPValue as number).toBeGreaterThan(0.05)
  })

  it('passes a cache that fills on what explains it (the reserved heap), not on peaks it does not have', async () => {
    const report = await judge('examples/cache-fill/artifacts')
    expect(report.verdict).toBe('pass')
    const rss = explanation(report, 'memory.csv:rss')
    expect(rss).not.toContain('taller sawtooth peaks')
    expect(rss).toContain('heapTotal (the heap the runtime reserved)')
  })

  it('counts a sawtooth by its major collections or by the mean standing above the floor', () => {
    const fit = (level: number): TrendFit => ({ level }) as TrendFit
    const detail = (count: number | null): SeriesDetail =>
      ({ collections: count === null ? null : { count } }) as unknown as SeriesDetail
    // One dip on a curve that sits 1.8 % above its floor (the leak's RSS above): no sawtooth.
    expect(hasSawtooth(detail(1), fit(100), fit(98.2))).toBe(false)
    expect(hasSawtooth(detail(2), fit(100), fit(98.2))).toBe(true)
    // Bucketed series (no raw samples to count collections in): the spread alone.
    expect(hasSawtooth(detail(null), fit(100), fit(90))).toBe(true)
    expect(hasSawtooth(detail(null), fit(100), fit(97))).toBe(false)
  })
})

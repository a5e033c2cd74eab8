/**
 * A finding judged within segments (a restart, or a heap the runtime handed back) is drawn where
 * it was measured: its slope through each segment's own points, never one line across the fall
 * (which floated 28 MiB below the first segment of examples/native-leak-shrunk).
 */
import { runPipeline } from '../../src/pipeline.js'
import { renderHtml } from '../../src/report/html.js'
import { seriesViewsOf } from '../../src/report/describe.js'

const now = new Date('2026-11-25T00:00:00Z')

describe('trend lines of a finding judged within segments', () => {
  it.each(['examples/native-leak-shrunk/artifacts', 'examples/restart-leak/artifacts'])(
    '%s: one line per segment, each through its own points',
    async (dir) => {
      const report = await runPipeline({ root: dir, workspace: dir, now })
      const segmented = report.findings.find(
        (f) => f.level === 'fail' && f.evidence.basis === 'segments'
      )
      expect(segmented).toBeDefined()
      const view = seriesViewsOf(report).find((s) =>
        s.group !== undefined
          ? `${s.metric}[${s.group}]` === segmented!.metric
          : s.metric === segmented!.metric
      )
      const lines = view?.chart.segmentTrends
      expect(lines?.length).toBeGreaterThanOrEqual(2)
      for (const line of lines!) {
        // the line passes through its segment: its middle lies within the values there
        const inside = view!.chart.x
          .map((x, i) => (x >= line.x0 && x <= line.x1 ? view!.chart.value[i] : NaN))
          .filter(Number.isFinite)
        const middle = line.y0 + line.slope * ((line.x1 - line.x0) / 2)
        expect(middle).toBeGreaterThanOrEqual(Math.min(...inside))
        expect(middle).toBeLessThanOrEqual(Math.max(...inside))
      }
      const html = renderHtml(report)
      expect(html).toContain('trend within segments')
      expect((html.match(/class="trend segment-trend"/g) ?? []).length).toBeGreaterThanOrEqual(2)
    }
  )

  it('a finding over the whole window keeps its one line and its interval', async () => {
    const dir = 'examples/map-leak/artifacts'
    const report = await runPipeline({ root: dir, workspace: dir, now })
    const html = renderHtml(report)
    expect(html).not.toContain('segment-trend')
    expect(html).toContain('trend ± 95 % CI')
  })
})

/**
 * Files as people's tools and spreadsheets save them, through the whole
 * pipeline with no config (fixtures in __fixtures__/pipeline/saved-shapes,
 * one folder per shape, each also in the no-config vs config equivalence
 * test): each is read right, or is an error at file:line naming what was
 * found and what was expected; never a silent pass or a wrong number.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'

const DIR = '__fixtures__/pipeline/saved-shapes'
const MiB = 1024 ** 2

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `${DIR}/${name}`,
    workspace: `${DIR}/${name}`,
    now: new Date('2026-12-05T00:00:00Z')
  })

const seriesOf = (report: Report): SeriesAnalysis[] =>
  report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

const noteOf = (report: Report): string => report.inputs.map((i) => i.note ?? '').join('\n')

describe('a time column too coarse to order the rows', () => {
  it('200 rows at 2 distinct seconds, heapUsed climbing 19 MiB: judged in file order, a leak', async () => {
    const report = await run('coarse-time')
    expect(report.errors).toEqual([])
    const heap = seriesOf(report).find((s) => s.metric === 'heapUsed')!
    expect(heap.timeBase).toBe('none')
    expect(heap.chart.xAxis).toBe('index')
    expect(heap.samples).toBe(200)
    expect(noteOf(report)).toContain(
      'time column `time`: 2 distinct times over 200 rows (coarse timestamps or a stopped clock): judged in file order, not by time'
    )
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'heapUsed' && f.level === 'fail')).toBe(true)
    expect(heap.lastValue - heap.firstValue).toBeGreaterThan(18 * MiB)
  })
})

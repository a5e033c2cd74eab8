/**
 * Zero-config runs on JSON inputs as samplers write them (fixtures in
 * __fixtures__/pipeline/zero-config-json, see its README): a pino log whose
 * memory lines start after the first line, JSON arrays of samples on one line
 * or indented, a `[`-starting text log (a pattern hint), and the same arrays
 * under a configured `format: jsonl` / `format: json`.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `__fixtures__/pipeline/zero-config-json/${name}`,
    workspace: `__fixtures__/pipeline/zero-config-json/${name}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

const seriesOf = (report: Report): SeriesAnalysis[] =>
  report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

/** [id, samples, first, last] of each analysed series. */
const summary = (report: Report) =>
  seriesOf(report).map((m) => [m.id, m.samples, m.firstValue, m.lastValue])

describe('zero-config: pino log, memory lines among request lines', () => {
  let report: Report
  beforeAll(async () => {
    report = await run('pino')
  })

  it('reads the 40 memory.* lines (the first on line 32), request lines are no errors', () => {
    expect(report.errors).toEqual([])
    expect(summary(report)).toEqual([
      ['server.log:memory.rss', 40, 52133888, 52133888 + 39 * 655360],
      ['server.log:memory.heapTotal', 40, 16777216, 16777216 + 9 * 1048576],
      ['server.log:memory.heapUsed', 40, 11735168, 11735168 + 39 * 524288],
      ['server.log:memory.external', 40, 1745123, 1745123],
      ['server.log:memory.arrayBuffers', 40, 10515, 10771]
    ])
    expect(seriesOf(report)[0].timeBase).toBe('epoch')
  })

  it('says how it read the file and how many lines held no memory', () => {
    expect(report.inputs).toHaveLength(1)
    expect(report.inputs[0].format).toBe('jsonl')
    // rows counts every JSON line read (1 + 40 × 31); the request lines' numbers are named, not judged
    expect(report.inputs[0].rows).toBe(1241)
    expect(report.inputs[0].note).toBe(
      'JSON lines: memory.rss (memory), memory.heapTotal (memory), memory.heapUsed (memory), memory.external (memory), memory.arrayBuffers (memory); time column time; "port", "req.id", "res.statusCode", "responseTime" not judged: numbers whose name says neither memory nor objects, next to columns that do (name them under `metrics:` to analyse them)'
    )
  })

  it('fails the leaking heap (512 KiB a second)', () => {
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'memory.heapUsed')).toBe(true)
  })
})

describe('zero-config: JSON arrays of samples', () => {
  it.each(['json-array', 'json-array-pretty'])('%s/memory.json is a series', async (name) => {
    const report = await run(name)
    expect(report.errors).toEqual([])
    expect(report.notes.filter((note) => note.includes('not used'))).toEqual([])
    expect(report.inputs.map((input) => [input.file, input.format, input.rows])).toEqual([
      ['memory.json', 'jsonl', 30]
    ])
    expect(summary(report)).toEqual([
      ['memory.json:rss', 30, 52133888, 52133888 + 29 * 655360],
      ['memory.json:heapTotal', 30, 16777216, 16777216 + 7 * 1048576],
      ['memory.json:heapUsed', 30, 11735168, 11735168 + 29 * 524288],
      ['memory.json:external', 30, 1745123, 1747171],
      ['memory.json:arrayBuffers', 30, 10515, 10771]
    ])
    expect(seriesOf(report)[0].timeBase).toBe('epoch')
    expect(seriesOf(report)[0].end! - seriesOf(report)[0].start!).toBe(58000)
  })

  it.each(['configured-jsonl', 'configured-json'])(
    '%s: the array under a configured series entry',
    async (name) => {
      const report = await run(name)
      expect(report.errors).toEqual([])
      expect(summary(report)).toEqual([
        ['memory.json:rss', 30, 52133888, 52133888 + 29 * 655360],
        ['memory.json:heapUsed', 30, 11735168, 11735168 + 29 * 524288]
      ])
    }
  )
})

describe('zero-config: a text log starting with `[`', () => {
  it('is left out with a pattern for its figures, not as broken JSON', async () => {
    const report = await run('text-log')
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^app\.log: not used \(a text log with memory figures \(\[2026-11-25T07:58:45\.123Z\] INFO memory rss=52133888 heapUsed=11735168\), read only with a pattern: list it under series:, e\.g\. \{file: 'app\.log', pattern: '.+', time: time\}\)$/
      )
    )
    expect(report.verdict).toBe('error')
  })
})

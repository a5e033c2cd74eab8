/**
 * A log pasted with lines left out (`[omissis]`, `...`, `[snip]`) between
 * its readings: in file order the readings either side of the cut are no
 * neighbours. The loader says where the cut is; a rise across it is a
 * warning (one step and the trend of the lines left out look the same),
 * never a level shift that passes nor a leak that fails.
 */
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import { runPipeline } from '../../src/pipeline.js'

const load = (lines: string[], pattern = 'rss: (?<rss>\\d+)', group?: string) =>
  loadSeries(toAsync(splitText(lines.join('\n') + '\n')), {
    file: 'loop.txt',
    format: 'log',
    spec: { file: 'loop.txt', pattern, unitBytes: 1024, ...(group ? { group } : {}) }
  })

describe('lines left out of a pasted log', () => {
  it('marks where a paste left lines out, with the line and the marker, between two readings only', async () => {
    const loaded = await load([
      '...',
      'rss: 100',
      'rss: 101',
      '[omissis]',
      'rss: 150',
      '  [snip]  ',
      'rss: 151',
      '…'
    ])
    expect(loaded.errors).toEqual([])
    const [rss] = loaded.series
    // the first and the last marker have no reading on one side: no cut
    expect(rss.cuts).toEqual([
      { index: 2, line: 4, marker: '[omissis]' },
      { index: 3, line: 6, marker: '[snip]' }
    ])
    expect(loaded.notes).toContain(
      'line 4 (`[omissis]`): lines left out of the file here; the readings either side are not neighbours'
    )
  })

  it.each([
    '...',
    '\t…',
    '[...]',
    '  [Truncated]',
    '<snip>',
    '(snipped)',
    '-- cut --',
    '---snip---',
    'omissis',
    '  OMISSIS  ',
    '\u00a0[omissis]'
  ])('%j between two readings is a cut, whatever its first character', async (marker) => {
    const loaded = await load(['rss: 100', 'rss: 101', marker, 'rss: 150'])
    expect(loaded.series[0].cuts).toEqual([{ index: 2, line: 3, marker: marker.trim() }])
  })

  it('a line that only mentions a cut, or a text of dots, is no marker; markers in a row are one cut', async () => {
    const loaded = await load([
      'rss: 100',
      'output [omissis] below',
      'rss: 101',
      'wait... done',
      'rss: 102'
    ])
    expect(loaded.series[0].cuts).toBeUndefined()
    const many = await load(['rss: 1', ...Array.from({ length: 500 }, () => '...'), 'rss: 2'])
    expect(many.series[0].cuts).toHaveLength(1)
  })

  it('interleaved writers (a group per line) get no cut: a row count is no reading index of either', async () => {
    const loaded = await load(
      ['w1 rss: 100', 'w2 rss: 200', '...', 'w1 rss: 150', 'w2 rss: 250'],
      '(?<worker>w\\d) rss: (?<rss>\\d+)',
      'worker'
    )
    expect(loaded.series).toHaveLength(2)
    expect(loaded.series.every((s) => s.cuts === undefined)).toBe(true)
  })
})

describe('judging a rise across a cut', () => {
  const DIR = `${process.cwd()}/__fixtures__/pipeline/saved-shapes/log-omitted-lines`
  const judge = (config: string) =>
    runPipeline({
      root: DIR,
      configPath: `${DIR}/${config}`,
      now: new Date('2026-12-06T00:00:00Z')
    })

  it('flat, a `[...]`, flat 12 MiB higher: a warning that names the cut, not a level shift', async () => {
    const report = await judge('leak-gate.yml')
    expect(report.verdict).toBe('warn')
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({
      signature: 'sustained-growth',
      metric: 'rss',
      level: 'warn'
    })
    expect(report.findings[0].message).toMatch(
      /^rss rises \+12 MiB across lines the file leaves out \(line 14, `\[\.\.\.\]`\), over the .* tolerance: read in file order/
    )
  })

  it('readings that grow beyond the tolerance after the cut fail: the rise across it is taken out, not the leak', async () => {
    // flat 20 MiB, `...`, then +250 KiB a reading for 40 readings
    const report = await judge('leak-gate-growing.yml')
    expect(report.verdict).toBe('fail')
    const [finding] = report.findings
    expect(finding).toMatchObject({ signature: 'sustained-growth', metric: 'rss', level: 'fail' })
    expect(finding.evidence).toMatchObject({ basis: 'within-cuts', cutLine: 42 })
    expect(finding.message).toMatch(
      /^rss rises \+\d+(\.\d+)? MiB over the steady \d+ samples \(p [<=] [\d.]+\) with the rise across lines the file leaves out \(line 42, `\.\.\.`\) taken out/
    )
    // what is left once the 19 MiB across the cut is taken out: the 9.75 MiB climb after it, about
    expect(finding.evidence.growth).toBeGreaterThan(8 * 1024 * 1024)
    expect(finding.evidence.growth).toBeLessThan(13 * 1024 * 1024)
  })

  it('the same readings with nothing left out are judged as before (here: no trend, a pass)', async () => {
    const report = await judge('leak-gate-whole.yml')
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
  })
})

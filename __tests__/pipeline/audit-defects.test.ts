/**
 * Defects an audit found with real tool output, through the whole pipeline on
 * files written to a temp folder: the verdict line counts every input error
 * (not the entries kept), and `date` times with a numeric zone (`-03`, `+0545`,
 * as glibc prints them for zones without a tzdata abbreviation) load.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { renderHtml, renderMarkdown, renderText } from '../../src/report/index.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(removeTempDirs)

/** Runs the zero-config pipeline on a folder holding one file. */
async function runOn(name: string, text: string): Promise<Report> {
  const dir = makeTempDir('audit')
  writeFileSync(join(dir, name), text)
  return runPipeline({ root: dir, workspace: dir, now: new Date('2026-11-25T00:00:00Z') })
}

/** `time,rss` rows 10 s apart from 2026-11-25T00:00:00Z, `bad` of them with an extra column. */
function csvWithRaggedRows(rows: number, bad: number): string {
  const lines = ['time,rss']
  for (let i = 0; i < rows; i++) {
    const time = new Date(Date.UTC(2026, 10, 25) + i * 10_000).toISOString()
    lines.push(i >= 1 && i <= bad ? `${time},${50_000_000 + i},7` : `${time},${50_000_000 + i}`)
  }
  return lines.join('\n') + '\n'
}

describe('the verdict line counts every input error, not the entries kept', () => {
  it.each([
    [12, 5],
    [40, 5]
  ])(
    '%i ragged rows: as many input errors in text, markdown and HTML (%i listed)',
    async (bad, kept) => {
      const report = await runOn('memory.csv', csvWithRaggedRows(60, bad))
      expect(report.verdict).toBe('error')
      // the loader keeps the first few and the pipeline adds one summary entry
      expect(report.errors).toHaveLength(kept + 1)
      expect(report.errors[kept].message).toBe(`memory.csv: ${bad - kept} more problems not listed`)
      const text = renderText(report, { color: false })
      expect(text.split('\n')[0]).toBe(`leak-gate: ERROR · Could not analyse · ${bad} input errors`)
      expect(text.split('\n')[1]).toBe(
        `${bad} problems with the inputs or the configuration; nothing is claimed about leaks until they are fixed.`
      )
      expect(renderMarkdown(report, {})).toContain(`### ⛔ leak-gate: error · ${bad} input errors`)
      expect(renderHtml(report)).toContain(`${bad} input errors`)
    }
  )
})

describe('the Trends table starts where its heading says: after warm-up', () => {
  /** 60 samples 10 s apart: rss climbs 40 → 49 MiB over the first 10 (warm-up), then holds 50 ± 0.5 MiB. */
  const MiB = 1024 ** 2
  const rss = Array.from({ length: 60 }, (_, i) =>
    i < 10 ? (40 + i) * MiB : 50 * MiB + ((i * 7) % 5) * 0.25 * MiB - 0.5 * MiB
  )
  const csv =
    [
      'time,rss',
      ...rss.map((v, i) => `${new Date(Date.UTC(2026, 10, 25) + i * 10_000).toISOString()},${v}`)
    ].join('\n') + '\n'

  it('shows the first steady sample, not the warm-up one, in text, markdown and HTML', async () => {
    const report = await runOn('memory.csv', csv)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const [series] = report.metrics
    if (series.kind !== 'series') throw new Error('expected a series')
    expect(series.warmupPoints).toBe(12)
    expect(series.firstValue).toBe(40 * MiB)
    expect(series.steadyFirstValue).toBe(rss[12])
    expect(rss[12]).toBe(50.5 * MiB)
    expect(series.lastValue).toBe(rss[59])
    const startEnd = '50.5 MiB → 50.3 MiB'
    const text = renderText(report, { color: false })
    expect(text).toMatch(new RegExp(`\\n  rss +${startEnd} `))
    expect(text).not.toContain('40 MiB →')
    expect(renderMarkdown(report, {})).toContain(`| ${startEnd} |`)
    expect(renderHtml(report)).toContain(`>${startEnd}</td>`)
  })
})

describe('`date` with a numeric zone (glibc: -03, +08, +0545) through the pipeline', () => {
  it('loads date-numeric-zones.csv with no error and the exact instants', async () => {
    const text = readFileSync('__fixtures__/load/variants/date-numeric-zones.csv', 'utf8')
    const report = await runOn('memory.csv', text)
    expect(report.errors).toEqual([])
    const [series] = report.metrics
    if (series.kind !== 'series') throw new Error('expected a series')
    expect(series.samples).toBe(8)
    // Wed Nov 25 04:57:50 -03 2026 … Wed Nov 25 21:44:00 +1345 2026, 10 s apart
    expect(series.start).toBe(1_795_593_470_000)
    expect(series.end).toBe(1_795_593_540_000)
  })
})

/**
 * Short runs through the whole pipeline (fixtures in __fixtures__/pipeline/few-samples):
 * seven samples rising 100 → 700 MiB toward a 1 GiB limit are a leak, and so are seven rising
 * 100 → 600 MiB with one value repeated (a tie, tested exactly), and five rising 100 → 500 MiB in
 * equal steps (all five kept and tested exactly); a series too short to
 * judge is an `insufficient-data` warning, never a silent pass, in every report format; a series
 * left out on purpose (all its trend rules off) raises no such warning.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { renderHtml, renderMarkdown, renderText } from '../../src/report/index.js'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `__fixtures__/pipeline/few-samples/${name}`,
    workspace: `__fixtures__/pipeline/few-samples/${name}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

const seriesOf = (report: Report): SeriesAnalysis[] =>
  report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

describe('few samples: what can be judged is judged', () => {
  it('fails 7 docker samples a minute apart rising 100 → 700 MiB toward a 1 GiB limit', async () => {
    const report = await run('leak-7')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => f.signature).sort()).toEqual(['oom-risk', 'sustained-growth'])
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    // The short-series warm-up keeps 6 of 7 points: 200 → 700 MiB over 5 min, exact p = 2/720.
    expect(growth.evidence.pValue).toBeCloseTo(2 / 720, 6)
    expect(growth.evidence.growth).toBe(500 * 1024 * 1024)
    expect(growth.message).toMatch(/^MemUsage\[web-1\] grows \+5\.86 GiB\/h/)
    const [series] = seriesOf(report)
    expect(series.warmupPoints).toBe(1)
    expect(series.points).toBe(6)
    expect(series.reduced).toBe(false)
    expect(report.notes.join('\n')).toContain(
      'short series (7 points): warm-up shortened from the first 20% (1 min 12 s) to the first point, leaving 6 to judge'
    )
    const text = renderText(report, { color: false })
    expect(text).toMatch(
      // 5 minutes measured: the growth seen, not a rate projected to an hour.
      /^leak-gate: FAIL · Leak found · 2 findings \(2 fail\)\nweb-1: MemUsage grows \+500 MiB over the 5 min measured, p = 0\.003; MemUsage reaches its 1 GiB limit in 3 min 14 s/
    )
    expect(text).toContain('reaches its 1 GiB limit in 3 min 14 s')
  })
})

describe('few samples: repeated values (ties) are judged exactly too', () => {
  it('fails 7 samples a minute apart rising 100 → 600 MiB with one value repeated', async () => {
    const report = await run('tie-7')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => [f.signature, f.level, f.metric])).toEqual([
      ['sustained-growth', 'fail', 'rss']
    ])
    // 200, 300, 400, 400, 500, 600 after the 1-point warm-up: S = 14, exact p = 2/360 (the normal
    // approximation, 0.013, would have called it healthy).
    const [finding] = report.findings
    expect(finding.evidence.pValue).toBeCloseTo(2 / 360, 6)
    const [series] = seriesOf(report)
    expect(series.points).toBe(6)
    expect(series.status).toBe('leak')
    expect(series.pValue).toBeCloseTo(2 / 360, 6)
    expect(report.healthy).toEqual([])
    const text = renderText(report, { color: false })
    expect(text).toMatch(
      /^leak-gate: FAIL · Leak found · 1 finding \(1 fail\)\nmemory\.csv: rss grows \+375 MiB over the 5 min measured/
    )
    expect(text).toContain('rss grows +375 MiB over the 5 min measured, p = 0.006.')
  })
})

describe('few samples: five samples that climb are judged', () => {
  it('fails 5 docker samples a minute apart rising 100 → 500 MiB in equal steps toward a 1 GiB limit', async () => {
    const report = await run('short-5')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => f.signature).sort()).toEqual(['oom-risk', 'sustained-growth'])
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    // All 5 kept (the default warm-up would leave 4, which nothing can judge): exact p = 2/5!.
    expect(growth.evidence.pValue).toBeCloseTo(2 / 120, 4)
    expect(seriesOf(report)[0].points).toBe(5)
    expect(report.notes.join('\n')).toContain(
      'short series (5 points): warm-up shortened from the first 20% (48 s) to none, leaving 5 to judge'
    )
  })
})

describe('few samples: what cannot be judged is a warning, never a pass', () => {
  it('warns on 5 flat samples (4 after warm-up) with an insufficient-data finding', async () => {
    const report = await run('short-5-flat')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings).toHaveLength(1)
    const [finding] = report.findings
    expect(finding).toMatchObject({
      id: 'insufficient-data:docker_stats.csv[web-1]:MemUsage[web-1]',
      signature: 'insufficient-data',
      level: 'warn',
      metric: 'MemUsage[web-1]',
      source: 'docker_stats.csv[web-1]',
      message:
        'MemUsage[web-1]: 4 samples over 3 min after a 1 min warm-up, at least 6 needed to judge a trend'
    })
    expect(finding.evidence).toMatchObject({ samples: 4, needed: 6, totalSamples: 5 })
    expect(seriesOf(report)[0].status).toBe('warn')
    expect(report.healthy).toEqual([])

    const headline =
      'Could not judge 1 of 1 series (MemUsage[web-1]: 4 samples over 3 min after a 1 min warm-up, at least 6 needed to judge a trend). Record longer or sample more often.'
    const text = renderText(report, { color: false })
    expect(text.split('\n').slice(0, 2)).toEqual([
      'leak-gate: WARN · Not enough data · 1 finding (1 warn)',
      headline
    ])
    expect(text).not.toContain('No leak found')
    const markdown = renderMarkdown(report)
    expect(markdown).toContain('### ⚠️ leak-gate: warn · 1 finding (1 warn)')
    expect(markdown).toContain(
      '**Not enough data:** Could not judge 1 of 1 series (MemUsage\\[web-1\\]: 4 samples'
    )
    expect(markdown).toContain('| ⚠️ warn | `insufficient-data` | `MemUsage[web-1]` |')
    expect(markdown).not.toContain('No leak found')
    const html = renderHtml(report)
    expect(html).toContain('<h1 id="verdict">Not enough data</h1>')
    expect(html).toContain('Could not judge 1 of 1 series (MemUsage[web-1]: 4 samples over 3 min')
    expect(html).not.toContain('No leak found')
  })

  it('warns when some series are judged healthy and one cannot be judged', async () => {
    const report = await run('mixed')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.map((f) => [f.signature, f.metric])).toEqual([
      ['insufficient-data', 'MemUsage[web-1]']
    ])
    const status = Object.fromEntries(seriesOf(report).map((s) => [s.metric, s.status]))
    expect(status).toEqual({ rss: 'ok', heapUsed: 'ok', MemUsage: 'warn' })
    const text = renderText(report, { color: false })
    expect(text.split('\n').slice(0, 2)).toEqual([
      'leak-gate: WARN · Not enough data for some series · 1 finding (1 warn)',
      'Could not judge 1 of 3 series (MemUsage[web-1]: 4 samples over 30 s after a 10 s warm-up, at least 6 needed to judge a trend); no leak found in the other 2 series. Record longer or sample more often.'
    ])
    expect(renderMarkdown(report)).toContain(
      '**Not enough data for some series:** Could not judge 1 of 3 series'
    )
  })

  it('raises no insufficient-data for a series whose trend rules are all off', async () => {
    const report = await run('left-out')
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    const [series] = seriesOf(report)
    expect(series.status).toBe('ok')
    expect(series.explanation).toMatch(/^no trend tested \(4 samples over 30 s/)
  })
})

describe('few samples: six points pasted from a leak report', () => {
  it('judges all six (RSS 11.7 → 544 MB in equal steps): the default warm-up keeps the point that makes it judgeable', async () => {
    const report = await run('report-6')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => f.signature)).toContain('sustained-growth')
    const [series] = seriesOf(report)
    expect(series.warmupPoints).toBe(0)
    expect(series.points).toBe(6)
    // 6 strictly rising points: exact two-sided p = 2/6! = 0.0028.
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.evidence.pValue).toBeCloseTo(2 / 720, 6)
    expect(report.notes.join('\n')).toContain('short series (6 points): warm-up shortened')
  })

  it('keeps a configured warm-up as written (then five points are too few: a warning, not a pass)', async () => {
    const report = await runPipeline({
      root: '__fixtures__/pipeline/few-samples/report-6',
      workspace: '__fixtures__/pipeline/few-samples',
      configPath: `${process.cwd()}/__fixtures__/pipeline/few-samples/report-6-warmup/leak-gate.yml`,
      now: new Date('2026-11-25T00:00:00Z')
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.map((f) => f.signature)).toEqual(['insufficient-data'])
    expect(seriesOf(report)[0].warmupPoints).toBe(2)
  })
})

describe('few samples: the step check on a short run', () => {
  it('judges the first 29 rows of a memoryUsage run without an internal error', async () => {
    // A short run's step check once fitted a line through buckets that shared one x and threw
    // "theilSen requires at least two distinct x values" instead of reporting.
    const { mkdtempSync, readFileSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'leak-gate-short-step-'))
    try {
      const rows = readFileSync(
        '__fixtures__/pipeline/repeated-runs/memory-csv/run-2/memory.csv',
        'utf8'
      )
        .split('\n')
        .slice(0, 30)
      writeFileSync(join(dir, 'memory.csv'), rows.join('\n') + '\n')
      const report = await runPipeline({
        root: dir,
        workspace: dir,
        now: new Date('2026-11-25T00:00:00Z')
      })
      expect(report.errors).toEqual([])
      expect(['pass', 'warn']).toContain(report.verdict)
      expect(seriesOf(report).map((s) => s.metric)).toContain('heapUsed')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('ten readings: a last half of four or five points is held to the short end checks', () => {
  const runValues = async (values: number[]): Promise<Report> => {
    const dir = mkdtempSync(join(tmpdir(), 'leak-gate-ten-'))
    try {
      writeFileSync(
        join(dir, 'memory.csv'),
        'time,rss_mb\n' + values.map((v, i) => `${i * 10},${v}`).join('\n') + '\n'
      )
      return await runPipeline({ root: dir, workspace: dir, now: new Date('2026-11-25T00:00:00Z') })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('fails a climb that keeps its pace to the end with one dip in its last half', async () => {
    // A rank test on the last half's 4 points reaches p < 0.1 only when all four rise; the dip
    // at the end left this a pass, said as "rose early then flattened" with the last third at 82 %
    // of its pace.
    const report = await runValues([100, 131, 160, 196, 221, 262, 281, 318, 352, 340])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => `${f.signature}:${f.metric}`)).toEqual([
      'sustained-growth:rss_mb'
    ])
  })

  it('passes ten readings that rise and then level off, saying so', async () => {
    const report = await runValues([100, 200, 280, 340, 380, 400, 410, 412, 415, 414])
    expect(report.verdict).toBe('pass')
    const [series] = seriesOf(report)
    expect(series.explanation).toMatch(/then flattened/)
  })
})

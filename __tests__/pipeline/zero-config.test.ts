/**
 * Zero-config runs on folders a user ships as they are (fixtures in
 * __fixtures__/pipeline/zero-config, built from the real samples): Prometheus
 * counters are no leak, scrapes saved one per file are one series, a broken or
 * binary data file is an error (never dropped), and k6 CSV output reads per metric.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `__fixtures__/pipeline/zero-config/${name}`,
    workspace: `__fixtures__/pipeline/zero-config/${name}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

/** The analysed series of a report (snapshots aside). */
const seriesOf = (report: Report): SeriesAnalysis[] =>
  report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\ufffd]/

describe('zero-config: Prometheus counters only ever rise', () => {
  let report: Report
  beforeAll(async () => {
    report = await run('prom-counters')
  })

  it('passes a service whose only growth is in counters, summaries and _total/_count series', () => {
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('leaves the counters out of the analysed series and keeps the gauges', () => {
    const metrics = report.metrics.map((m) => m.metric)
    expect(metrics).toContain('go_memstats_heap_inuse_bytes')
    expect(metrics).toContain('process_resident_memory_bytes')
    expect(metrics).toContain('go_goroutines')
    for (const counter of [
      'go_memstats_alloc_bytes_total',
      'go_memstats_mallocs_total',
      'go_memstats_frees_total',
      'process_cpu_seconds_total',
      'go_gc_duration_seconds_count',
      'go_gc_duration_seconds{quantile="0.5"}',
      'go_memstats_last_gc_time_seconds'
    ])
      expect(metrics).not.toContain(counter)
    // RSS, Sys and HeapReleased of one Go process: what the runtime does not account for, derived
    expect(metrics).toContain('outside_go_runtime_bytes')
    // idle and released heap spans derive it and are never judged: they grow as the heap shrinks
    expect(metrics).not.toContain('go_memstats_heap_idle_bytes')
    expect(metrics).not.toContain('go_memstats_heap_released_bytes')
    expect(report.metrics).toHaveLength(29)
  })

  it('says what it left out, in the words the CSV loader uses', () => {
    const note = report.inputs[0].note ?? ''
    expect(note).toContain('20 scrapes read')
    expect(note).toContain('"go_gc_duration_seconds", "go_memstats_alloc_bytes_total"')
    expect(note).toContain(
      'left out: cumulative counters, histograms, summaries or times by their type or name, which only grow (name them under `metrics:` to analyse them)'
    )
  })
})

describe('zero-config: one scrape per file', () => {
  let report: Report
  beforeAll(async () => {
    report = await run('scrape-per-file')
  })

  it('reads scrape-1.prom … scrape-12.prom as one input, timed by the line before each scrape', () => {
    expect(report.errors).toEqual([])
    expect(report.inputs.map((input) => [input.file, input.rows])).toEqual([['scrape-*.prom', 12]])
    const rss = seriesOf(report).find((m) => m.metric === 'process_resident_memory_bytes')!
    expect(rss.samples).toBe(12)
    expect(rss.timeBase).toBe('epoch')
    // natural order: scrape-2 (21+5 MB) comes before scrape-10, so the series rises steadily
    expect(rss.firstValue).toBe(21e6)
    expect(rss.lastValue).toBe(76e6)
    expect(rss.start).toBe(Date.parse('2024-05-01T12:00:00Z'))
    expect(rss.end).toBe(Date.parse('2024-05-01T12:55:00Z'))
  })

  it('finds the 5 MB per 5 minutes growth the per-file series hid', () => {
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => `${f.signature} ${f.metric}`)).toEqual([
      'sustained-growth process_resident_memory_bytes'
    ])
    expect(report.findings[0].message).toContain('+57.2 MiB/h')
  })

  it('keeps the gc collected counter as a lifecycle series, not a judged one', () => {
    const collected = seriesOf(report).find(
      (m) => m.metric === 'python_gc_objects_collected_total{generation="0"}'
    )!
    expect(collected.metricKind).toBe('collected')
    expect(collected.lastValue).toBe(334 + 11 * 40)
  })
})

describe('zero-config: shards and replicas are never spliced into one series', () => {
  it('fails each of 3 shard folders whose RSS rises 105 → 200 MB (spliced, they looked flat)', async () => {
    const report = await run('shards')
    expect(report.errors).toEqual([])
    expect(report.inputs.map((input) => [input.file, input.rows])).toEqual([
      ['shard-1/scrape-*.prom', 12],
      ['shard-2/scrape-*.prom', 12],
      ['shard-3/scrape-*.prom', 12]
    ])
    const rss = seriesOf(report).map((m) => [m.id, m.samples, m.firstValue, m.lastValue])
    expect(rss).toEqual([
      ['shard-1/scrape-*.prom:process_resident_memory_bytes', 12, 106e6, 201e6],
      ['shard-2/scrape-*.prom:process_resident_memory_bytes', 12, 107e6, 202e6],
      ['shard-3/scrape-*.prom:process_resident_memory_bytes', 12, 108e6, 203e6]
    ])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => `${f.signature} ${f.source}`)).toEqual([
      'sustained-growth shard-1/scrape-*.prom',
      'sustained-growth shard-2/scrape-*.prom',
      'sustained-growth shard-3/scrape-*.prom'
    ])
  })

  it('reads replicas pod-1.prom … pod-3.prom scraped at one time as three inputs', async () => {
    const report = await run('replicas')
    expect(report.errors).toEqual([])
    expect(report.inputs.map((input) => [input.file, input.rows, input.series])).toEqual([
      ['pod-1.prom', 1, ['pod-1.prom:process_resident_memory_bytes']],
      ['pod-2.prom', 1, ['pod-2.prom:process_resident_memory_bytes']],
      ['pod-3.prom', 1, ['pod-3.prom:process_resident_memory_bytes']]
    ])
    expect(report.verdict).not.toBe('pass')
  })
})

describe('zero-config: Prometheus counters and nothing else', () => {
  it('is an error naming the file and line, not a silent pass', async () => {
    const report = await run('prom-counters-only')
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      'metrics.prom:2: found only cumulative counters, histograms or summaries (process_cpu_seconds_total), expected a gauge to analyse (name counters under `metrics:` to analyse them)'
    ])
    expect(report.inputs.map((input) => [input.file, input.rows, input.series])).toEqual([
      ['metrics.prom', 20, []]
    ])
  })
})

describe('zero-config: a broken data file is an error, never dropped', () => {
  it('reports line 2 of memory.jsonl with exit status error, although docker stats are fine', async () => {
    const report = await run('broken-jsonl')
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      'memory.jsonl:2: found "{"time": "2024-05-01T12:00:01Z", "rss": }", expected a JSON object (one per line)'
    ])
    expect(report.inputs.map((input) => input.file)).toEqual(['docker_stats.csv', 'memory.jsonl'])
  })

  it('reports binary data named memory.csv as an error, with no raw bytes anywhere', async () => {
    // these bytes open as gzip does (1f 8b 08): read as one, and said to be a corrupt one
    const report = await run('binary-csv')
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      'memory.csv: found "a corrupt gzip stream (invalid literal/length code)", expected a whole gzip file (`gzip -t FILE` checks one; compress the file again)'
    ])
    const text = JSON.stringify([report.errors, report.notes, report.inputs])
    expect(text).not.toMatch(CONTROL)
  })
})

describe('zero-config: k6 CSV output', () => {
  let report: Report
  beforeAll(async () => {
    report = await run('k6-csv')
  })

  it('leaves k6 load-test metrics out (not memory), says so, and judges the docker stats', () => {
    expect(report.errors).toEqual([])
    expect(seriesOf(report).filter((m) => m.file === 'k6.csv')).toEqual([])
    expect(seriesOf(report).some((m) => m.file === 'docker_stats.csv')).toBe(true)
    expect(report.notes).toContain(
      'k6.csv: not used (k6 CSV output (load-test metrics, no memory): list it under series: to chart it (one series per metric_name))'
    )
  })

  it('passes the healthy run', () => {
    expect(report.verdict).toBe('pass')
  })
})

describe('config entries over scrapes saved one per file and over k6 CSV', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'leak-gate-scrapes-'))
    cpSync('__fixtures__/pipeline/zero-config/scrape-per-file', join(root, 'scrapes'), {
      recursive: true
    })
    cpSync('__fixtures__/pipeline/zero-config/k6-csv/k6.csv', join(root, 'k6.csv'))
    writeFileSync(
      join(root, 'leak-gate.yml'),
      'series:\n  - file: "scrapes/*.prom"\n    metrics: { process_resident_memory_bytes: memory }\n  - file: k6.csv\n'
    )
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reads the glob as one series in natural file order and k6 per metric_name', async () => {
    const report = await runPipeline({ root, workspace: root, now: new Date('2026-11-25') })
    expect(report.errors).toEqual([])
    expect(report.inputs.map((input) => [input.file, input.rows])).toEqual([
      ['scrapes/*.prom', 12],
      ['k6.csv', 2250]
    ])
    const rss = seriesOf(report).find((m) => m.metric === 'process_resident_memory_bytes')!
    expect([rss.id, rss.samples, rss.firstValue, rss.lastValue]).toEqual([
      'scrapes/*.prom:process_resident_memory_bytes',
      12,
      21e6,
      76e6
    ])
    const k6 = seriesOf(report)
      .filter((m) => m.file === 'k6.csv')
      .map((m) => m.metric)
    expect(new Set(k6)).toEqual(new Set(['metric_value']))
    expect(report.findings.map((f) => `${f.signature} ${f.metric}`)).toEqual([
      'sustained-growth process_resident_memory_bytes'
    ])
  })
})

/**
 * Prometheus scrapes as series: counters, histograms, summaries and times left
 * out unless the config names them; scrapes saved one per file read as one
 * series in natural file order, timed by sample timestamps, a time line, or index.
 */
import { readFileSync } from 'node:fs'
import { loadSeries, loadSeriesFiles, splitText, toAsync } from '../../src/load/index.js'
import {
  groupScrapeSequences,
  headScrapeTime,
  leftOutReason,
  naturalCompare
} from '../../src/load/prometheus.js'
import type { SeriesSpec } from '../../src/config/types.js'
import { fixture } from './helpers.js'

const sample = (name: string) => readFileSync(fixture('samples', name), 'utf8')

function loadText(text: string, spec: Partial<SeriesSpec> = {}) {
  return loadSeries(toAsync(splitText(text)), {
    file: 'metrics.prom',
    format: 'prometheus',
    spec: { file: 'metrics.prom', ...spec }
  })
}

/** Loads in-memory files as one entry's matches (in the order given). */
function loadFiles(
  files: Record<string, string>,
  spec: Partial<SeriesSpec> = {},
  glob = 'scrape-*.prom'
) {
  return loadSeriesFiles(
    Object.entries(files).map(([file, text]) => ({ file, lines: toAsync(splitText(text)) })),
    { file: glob, format: 'prometheus', spec: { file: glob, ...spec } }
  )
}

describe('counters only ever rise: left out unless named', () => {
  it('keeps the gauges of the Go client sample and leaves out counters, the summary and times', async () => {
    const loaded = await loadText(sample('go-client.prom'))
    expect(loaded.errors).toEqual([])
    const metrics = loaded.series.map((s) => s.metric)
    expect(metrics).toHaveLength(30)
    expect(metrics).toContain('go_memstats_alloc_bytes')
    expect(metrics).toContain('process_resident_memory_bytes')
    for (const name of [
      'go_memstats_alloc_bytes_total',
      'go_memstats_frees_total',
      'process_cpu_seconds_total',
      'go_gc_duration_seconds_sum',
      'go_gc_duration_seconds_count',
      'go_gc_duration_seconds{quantile="0"}',
      'go_memstats_last_gc_time_seconds',
      'process_start_time_seconds',
      'promhttp_metric_handler_requests_total{code="200"}'
    ])
      expect(metrics).not.toContain(name)
    expect(loaded.notes).toEqual([
      '1 scrapes read',
      '"go_gc_duration_seconds", "go_memstats_alloc_bytes_total", "go_memstats_frees_total", "go_memstats_last_gc_time_seconds", "go_memstats_lookups_total", "go_memstats_mallocs_total", "process_cpu_seconds_total", "process_start_time_seconds", 1 more left out: cumulative counters, histograms, summaries or times by their type or name, which only grow (name them under `metrics:` to analyse them)'
    ])
  })

  it('keeps prom-client gauges named *_total and leaves out its histogram buckets', async () => {
    const loaded = await loadText(sample('prom-client-node.prom'))
    const metrics = loaded.series.map((s) => s.metric)
    expect(metrics).toContain('nodejs_active_handles_total')
    expect(metrics).toContain('nodejs_heap_size_used_bytes')
    expect(metrics.some((m) => m.startsWith('nodejs_gc_duration_seconds'))).toBe(false)
    expect(metrics.some((m) => m.startsWith('process_cpu'))).toBe(false)
  })

  it('decides by # TYPE first, then by the name (OpenMetrics families, untyped samples)', () => {
    const types = new Map([
      ['requests', 'counter'],
      ['latency', 'histogram'],
      ['rpc', 'summary'],
      ['queue_total', 'gauge'],
      ['build', 'info']
    ])
    expect(
      [
        'requests_total',
        'requests_created',
        'latency_bucket',
        'latency_count',
        'rpc',
        'queue_total',
        'build_info',
        'jobs_total',
        'jobs_in_flight',
        'app_uptime_seconds',
        'cache_bytes'
      ].map((name) => `${name}=${leftOutReason(name, types) ?? 'kept'}`)
    ).toEqual([
      'requests_total=cumulative',
      'requests_created=cumulative',
      'latency_bucket=cumulative',
      'latency_count=cumulative',
      'rpc=cumulative',
      'queue_total=kept',
      'build_info=kept',
      'jobs_total=cumulative',
      'jobs_in_flight=kept',
      'app_uptime_seconds=time',
      'cache_bytes=kept'
    ])
  })

  it('reads counters named under metrics:, and created/collected counters as lifecycle kinds', async () => {
    const scrape = (i: number) =>
      [
        '# TYPE brokers_created_total counter',
        `brokers_created_total ${10 * i}`,
        '# TYPE brokers_collected_total counter',
        `brokers_collected_total ${10 * i - 5}`,
        '# TYPE jobs_total counter',
        `jobs_total ${100 * i}`,
        '# EOF'
      ].join('\n')
    const text = [1, 2, 3].map(scrape).join('\n')
    const plain = await loadText(text)
    expect(plain.series.map((s) => [s.metric, s.kind, s.value])).toEqual([
      ['brokers_created_total', 'created', [10, 20, 30]],
      ['brokers_collected_total', 'collected', [5, 15, 25]]
    ])
    const named = await loadText(text, { metrics: { jobs_total: 'count' } })
    expect(named.series.map((s) => [s.metric, s.value])).toEqual([['jobs_total', [100, 200, 300]]])
    expect(named.notes).toEqual(['3 scrapes read'])
  })
})

describe('scrapes saved one per file', () => {
  const scrape = (rss: number, head = '', ts = '') =>
    `${head}# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ${rss}${ts}\n`

  it('sorts names naturally: scrape-2 before scrape-10', () => {
    expect(
      ['scrape-10.prom', 'scrape-2.prom', 'scrape-1.prom', 'a/scrape-9.prom'].sort(naturalCompare)
    ).toEqual(['a/scrape-9.prom', 'scrape-1.prom', 'scrape-2.prom', 'scrape-10.prom'])
  })

  it('is one series in file-name order, by index when nothing says the time', async () => {
    const loaded = await loadFiles({
      'scrape-10.prom': scrape(76e6),
      'scrape-2.prom': scrape(26e6),
      'scrape-1.prom': scrape(21e6),
      'scrape-3.prom': scrape(31e6)
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(4)
    expect(loaded.series.map((s) => [s.id, s.value, s.timeBase])).toEqual([
      ['scrape-*.prom:process_resident_memory_bytes', [21e6, 26e6, 31e6, 76e6], 'none']
    ])
    expect(loaded.notes).toEqual([
      '4 scrapes read from 4 files (one scrape each, in file-name order, as one series)'
    ])
  })

  it('is timed by the samples’ timestamps (ms) or by the time line before each scrape', async () => {
    const stamped = await loadFiles({
      'scrape-1.prom': scrape(1, '', ' 1714564800000'),
      'scrape-2.prom': scrape(2, '', ' 1714564815000'),
      'scrape-3.prom': scrape(3, '', ' 1714564830000')
    })
    expect(stamped.series[0].time).toEqual([1714564800000, 1714564815000, 1714564830000])
    const lined = await loadFiles({
      'scrape-1.prom': scrape(1, '2024-05-01T12:00:00Z\n'),
      'scrape-2.prom': scrape(2, '# Wed May  1 12:00:15 UTC 2024\n'),
      'scrape-3.prom': scrape(3, '1714564830\n')
    })
    expect(lined.errors).toEqual([])
    expect([lined.series[0].time, lined.series[0].timeBase]).toEqual([
      [
        Date.parse('2024-05-01T12:00:00Z'),
        Date.parse('2024-05-01T12:00:15Z'),
        Date.parse('2024-05-01T12:00:30Z')
      ],
      'epoch'
    ])
  })

  it('keeps a file of several scrapes a series of its own', async () => {
    const loaded = await loadFiles({
      'scrape-1.prom': scrape(1),
      'scrape-2.prom': scrape(2),
      'scrape-3.prom': scrape(3),
      'scrape-9.prom': scrape(7) + scrape(8) + scrape(9)
    })
    expect(loaded.series.map((s) => [s.id, s.value])).toEqual([
      ['scrape-*.prom:process_resident_memory_bytes', [1, 2, 3]],
      ['scrape-9.prom:process_resident_memory_bytes', [7, 8, 9]]
    ])
  })

  it('names each file and line in errors, and an empty file is an error', async () => {
    const loaded = await loadFiles({
      'scrape-1.prom': scrape(1),
      'scrape-2.prom': 'process_resident_memory_bytes 2\nrss{ 3\n',
      'scrape-3.prom': ''
    })
    expect(loaded.errorCount).toBe(2)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'scrape-2.prom:2: column "rss": found "3", expected a label name (a letter or "_" first) or "}"',
      'scrape-3.prom: Prometheus scrapes, found an empty file'
    ])
  })
})

describe('only a sequence of scrapes is one series: not shards, replicas or a pair', () => {
  const scrape = (rss: number, head = '') =>
    `${head}# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ${rss}\n`
  const at = (minute: number) => `2024-05-01T12:${String(minute).padStart(2, '0')}:00Z\n`

  it('reads each shard folder as a series of its own, each rising (a glob over all three)', async () => {
    const files: Record<string, string> = {}
    for (const shard of [1, 2, 3])
      for (let i = 1; i <= 4; i++)
        files[`shard-${shard}/scrape-${i}.prom`] = scrape(100 * shard + i)
    const loaded = await loadFiles(files, {}, 'shard-*/scrape-*.prom')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.value])).toEqual([
      ['shard-1/scrape-*.prom:process_resident_memory_bytes', [101, 102, 103, 104]],
      ['shard-2/scrape-*.prom:process_resident_memory_bytes', [201, 202, 203, 204]],
      ['shard-3/scrape-*.prom:process_resident_memory_bytes', [301, 302, 303, 304]]
    ])
    expect(loaded.notes?.[0]).toBe(
      '12 scrapes read from 12 files (one scrape each, in file-name order, as 3 series, one per folder and name)'
    )
  })

  it('keeps replicas scraped at the same time apart, and joins them when their times differ', async () => {
    const replicas = await loadFiles(
      {
        'pod-1.prom': scrape(120, at(0)),
        'pod-2.prom': scrape(180, at(0)),
        'pod-3.prom': scrape(150, at(0))
      },
      {},
      'pod-*.prom'
    )
    expect(replicas.series.map((s) => [s.id, s.value])).toEqual([
      ['pod-1.prom:process_resident_memory_bytes', [120]],
      ['pod-2.prom:process_resident_memory_bytes', [180]],
      ['pod-3.prom:process_resident_memory_bytes', [150]]
    ])
    expect(replicas.notes?.[0]).toBe('3 scrapes read from 3 files (each file a series of its own)')
    const timed = await loadFiles(
      {
        'pod-1.prom': scrape(120, at(0)),
        'pod-2.prom': scrape(180, at(5)),
        'pod-3.prom': scrape(150, at(10))
      },
      {},
      'pod-*.prom'
    )
    expect(timed.series.map((s) => [s.id, s.value])).toEqual([
      ['pod-*.prom:process_resident_memory_bytes', [120, 180, 150]]
    ])
  })

  it('keeps a pair apart, and names that differ before their last digits', async () => {
    const pair = await loadFiles({ 'scrape-1.prom': scrape(1), 'scrape-2.prom': scrape(2) })
    expect(pair.series.map((s) => s.id)).toEqual([
      'scrape-1.prom:process_resident_memory_bytes',
      'scrape-2.prom:process_resident_memory_bytes'
    ])
    const runs = await loadFiles(
      {
        'run1-scrape-1.prom': scrape(1),
        'run2-scrape-1.prom': scrape(2),
        'run3-scrape-1.prom': scrape(3)
      },
      {},
      'run*-scrape-1.prom'
    )
    expect(runs.series).toHaveLength(3)
  })

  it('groups by folder and last digit run, at least 3 files, no two at one time', () => {
    const files = (paths: string[], times: number[] = []) =>
      paths.map((file, i) => ({ file, time: times[i] ?? NaN }))
    const group = (paths: string[], times?: number[]) =>
      groupScrapeSequences(files(paths, times)).map((members) => members.map((m) => m.file))
    expect(group(['a/s-2.prom', 'a/s-1.prom', 'b/s-3.prom'])).toEqual([])
    expect(group(['a/s-10.prom', 'a/s-2.prom', 'a/s-1.prom', 'b/s-3.prom', 'a/s-x.prom'])).toEqual([
      ['a/s-1.prom', 'a/s-2.prom', 'a/s-10.prom']
    ])
    expect(group(['v1/s-1.prom', 'v1/s-2.prom', 'v1/s-3.prom'], [5, 6, 5])).toEqual([])
    expect(group(['v1/s-1.prom', 'v1/s-2.prom', 'v1/s-3.prom'], [5, NaN, 6])).toEqual([
      ['v1/s-1.prom', 'v1/s-2.prom', 'v1/s-3.prom']
    ])
    expect(group(['s-1.prom', 's-2.om', 's-3.prom'])).toEqual([])
  })

  it('reads the time of a head: a time line, a commented date, a sample timestamp, else NaN', () => {
    expect(headScrapeTime(['2024-05-01T12:00:00Z', 'rss 1'])).toBe(
      Date.parse('2024-05-01T12:00:00Z')
    )
    expect(headScrapeTime(['# HELP rss x', '# 2024-05-01T12:00:00Z', 'rss 1'])).toBe(
      Date.parse('2024-05-01T12:00:00Z')
    )
    expect(headScrapeTime(['# TYPE rss gauge', 'rss 1 1714564800000'])).toBe(1714564800000)
    expect(headScrapeTime(['# TYPE rss gauge', 'rss 1', '2024-05-01T12:00:00Z'])).toBeNaN()
  })
})

describe('an input whose every sample is left out is an error, never a silent pass', () => {
  const counters = Array.from(
    { length: 20 },
    (_, i) =>
      `# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ${1.5 * (i + 1)}\n`
  ).join('')

  it('names the file, the first sample line, what was found and what is expected', async () => {
    const loaded = await loadText(counters)
    expect(loaded.series).toEqual([])
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors).toEqual([
      {
        file: 'metrics.prom',
        line: 2,
        found: 'process_cpu_seconds_total',
        expected: 'a gauge to analyse (name counters under `metrics:` to analyse them)',
        message:
          'metrics.prom:2: found only cumulative counters, histograms or summaries (process_cpu_seconds_total), expected a gauge to analyse (name counters under `metrics:` to analyse them)'
      }
    ])
  })

  it('lists three names and says when there are more, times included', async () => {
    const text = [
      'process_start_time_seconds 1.7e9',
      'a_total 1',
      'b_total 2',
      'c_count 3',
      'requests_created 4'
    ].join('\n')
    const loaded = await loadText(text)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'metrics.prom:1: found only cumulative counters, histograms, summaries or times (process_start_time_seconds, a_total, b_total, …), expected a gauge to analyse (name counters under `metrics:` to analyse them)'
    ])
  })

  it('is no error when the counters are named under metrics:, a gauge is kept, or across files', async () => {
    const named = await loadText(counters, { metrics: { process_cpu_seconds_total: 'count' } })
    expect([named.errors, named.series[0].value.length]).toEqual([[], 20])
    const mixed = await loadText(`${counters}process_resident_memory_bytes 1e8\n`)
    expect(mixed.errors).toEqual([])
    const files = await loadFiles({
      'scrape-1.prom': 'process_cpu_seconds_total 1\n',
      'scrape-2.prom': 'process_resident_memory_bytes 2e8\nprocess_cpu_seconds_total 2\n',
      'scrape-3.prom': 'process_cpu_seconds_total 3\n'
    })
    expect(files.errors).toEqual([])
  })

  it('gives an empty file its own error only', async () => {
    const loaded = await loadText('')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'metrics.prom: Prometheus scrapes, found an empty file'
    ])
  })
})

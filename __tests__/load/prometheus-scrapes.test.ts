/**
 * Prometheus scrapes as series: counters, histograms, summaries and times left
 * out unless the config names them; scrapes saved one per file read as one
 * series in natural file order, timed by sample timestamps, a time line, or index.
 */
import { readFileSync } from 'node:fs'
import { loadSeries, loadSeriesFiles, splitText, toAsync } from '../../src/load/index.js'
import { leftOutReason, naturalCompare } from '../../src/load/prometheus.js'
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
function loadFiles(files: Record<string, string>, spec: Partial<SeriesSpec> = {}) {
  return loadSeriesFiles(
    Object.entries(files).map(([file, text]) => ({ file, lines: toAsync(splitText(text)) })),
    { file: 'scrape-*.prom', format: 'prometheus', spec: { file: 'scrape-*.prom', ...spec } }
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
      'scrape-2.prom': scrape(2, '', ' 1714564815000')
    })
    expect(stamped.series[0].time).toEqual([1714564800000, 1714564815000])
    const lined = await loadFiles({
      'scrape-1.prom': scrape(1, '2024-05-01T12:00:00Z\n'),
      'scrape-2.prom': scrape(2, '# Wed May  1 12:00:15 UTC 2024\n')
    })
    expect(lined.errors).toEqual([])
    expect([lined.series[0].time, lined.series[0].timeBase]).toEqual([
      [Date.parse('2024-05-01T12:00:00Z'), Date.parse('2024-05-01T12:00:15Z')],
      'epoch'
    ])
  })

  it('keeps a file of several scrapes a series of its own', async () => {
    const loaded = await loadFiles({
      'scrape-1.prom': scrape(1),
      'scrape-2.prom': scrape(2),
      'scrape-9.prom': scrape(7) + scrape(8) + scrape(9)
    })
    expect(loaded.series.map((s) => [s.id, s.value])).toEqual([
      ['scrape-*.prom:process_resident_memory_bytes', [1, 2]],
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
      'scrape-2.prom:2: column "rss": found "end of line", expected "=" after label 3',
      'scrape-3.prom: Prometheus scrapes, found an empty file'
    ])
  })
})

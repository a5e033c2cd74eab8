/**
 * What teams get out of their monitoring stack instead of saving scrapes
 * (fixtures in __fixtures__/load/monitoring-exports, written in the tools'
 * formats): the Prometheus HTTP API's answer to a range query saved with curl
 * (one series per result, named and kinded as scrapes are), an instant
 * query's answer (a snapshot), a failed query, an expression's results with no
 * metric name; and Grafana's CSV export of a panel, series joined by time or
 * as rows, raw or formatted with the panel's unit.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSeries, loadSnapshot, splitText } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import type { InputFormat } from '../../src/model.js'
import { MAX_API_RESULTS, prometheusApiHead } from '../../src/understand/prometheus-api.js'

const DIR = '__fixtures__/load/monitoring-exports'
const MiB = 1024 ** 2
const T0 = 1741600800_000

async function load(file: string, spec: Partial<SeriesSpec> = {}, format?: InputFormat) {
  const text = readFileSync(join(DIR, file), 'utf8')
  const name = file.split('/').pop()!
  return loadSeries(splitText(text), {
    file: name,
    format: format ?? (file.endsWith('.csv') ? 'csv' : 'json'),
    spec: { file: name, ...spec }
  })
}

async function loadText(text: string, file = 'memory.json', spec: Partial<SeriesSpec> = {}) {
  return loadSeries(splitText(text), { file, format: 'json', spec: { file, ...spec } })
}

async function snapshot(file: string) {
  const text = readFileSync(join(DIR, file), 'utf8')
  return loadSnapshot(splitText(text), file.split('/').pop()!, 'json')
}

const answer = (result: unknown[], resultType = 'matrix') =>
  JSON.stringify({ status: 'success', data: { resultType, result } })

describe('the Prometheus HTTP API answer to a range query (curl > memory.json)', () => {
  it('one series per result, named name{labels} as scrapes are, time from epoch seconds', async () => {
    const loaded = await load('query-range.json')
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(16)
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.timeBase, s.samples])).toEqual([
      [
        'process_resident_memory_bytes{instance="api-1:8080",job="api"}',
        'memory',
        'bytes',
        'epoch',
        8
      ],
      // NaN and +Inf are gaps, as in a scrape
      [
        'process_resident_memory_bytes{instance="api-2:8080",job="api"}',
        'memory',
        'bytes',
        'epoch',
        6
      ]
    ])
    const [first, second] = loaded.series
    expect(first.value.slice(0, 3)).toEqual([200_000_000, 201_000_000, 202_000_000])
    expect(first.time.slice(0, 2)).toEqual([T0, T0 + 5000])
    // fractional epoch seconds keep their half second
    expect(second.time[0]).toBe(T0 + 500)
    expect(loaded.notes).toEqual([
      "2 series, 16 points read from a Prometheus range query's answer",
      '2 values NaN or ±Inf read as missing samples (gaps)'
    ])
  })

  it('several metrics in one answer: kinds by the scrape rules, counters left out with a note', async () => {
    const loaded = await load('several-metrics.json')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit])).toEqual([
      ['go_memstats_heap_inuse_bytes{instance="api:9090",job="api"}', 'memory', 'bytes'],
      ['go_memstats_heap_objects{instance="api:9090",job="api"}', 'count', 'count'],
      ['jvm_memory_used_bytes{area="heap",id="G1 Old Gen",instance="svc:8080"}', 'memory', 'bytes']
    ])
    expect(loaded.notes?.join('\n')).toContain(
      '"process_cpu_seconds_total" left out: cumulative counters'
    )
  })

  it('metrics: picks results by metric name, as for a scrape', async () => {
    const loaded = await load('several-metrics.json', {
      metrics: { process_cpu_seconds_total: 'count', go_memstats_heap_inuse_bytes: 'memory' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind])).toEqual([
      ['go_memstats_heap_inuse_bytes{instance="api:9090",job="api"}', 'memory'],
      ['process_cpu_seconds_total{instance="api:9090",job="api"}', 'count']
    ])
  })

  it("Grafana's query inspector JSON (the answer under response) reads the same", async () => {
    const loaded = await load('grafana-query-inspector.json')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.samples, s.value[5]])).toEqual([
      ['process_resident_memory_bytes{instance="api:8080",job="api"}', 6, 205_000_000]
    ])
  })

  it('a query of counters only is an error, never a silent pass', async () => {
    const loaded = await loadText(
      answer([
        {
          metric: { __name__: 'http_requests_total', job: 'api' },
          values: [
            [1741600800, '1'],
            [1741600810, '9']
          ]
        }
      ])
    )
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'memory.json:1: found only cumulative counters, histograms or summaries (http_requests_total), expected a gauge to analyse (name counters under `metrics:` to analyse them)'
    ])
  })
})

describe('results without a metric name (an expression: sum by (pod) (…), x / 1024)', () => {
  it('are named by the file when its name is a memory name, and said so', async () => {
    const loaded = await load('working_set.json')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.value[1]])).toEqual([
      ['working_set{pod="api-7d9f"}', 'memory', 'bytes', 304_000_000],
      ['working_set{pod="api-5c2b"}', 'memory', 'bytes', 290_000_000]
    ])
    expect(loaded.notes).toContain(
      '2 results without a metric name (the query was an expression) read as "working_set" (memory), by the file\'s name, a memory name, in bytes (an expression that divides, `x / 1024`, needs `unit:` on the series)'
    )
  })

  it('in the unit the name gives (rss_mb.json: container_memory_rss / 1024 / 1024), said so', async () => {
    const loaded = await load('rss_mb.json')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value.slice(0, 2)).toEqual([300 * MiB, 302.5 * MiB])
    expect(loaded.notes?.join('\n')).toContain('in the unit its name gives (MiB;')
  })

  it('or by the one name under metrics:, with unit:', async () => {
    const loaded = await load('by-pod.json', { metrics: { rss: 'memory' }, unitBytes: 1024 })
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.value[0]])).toEqual([
      ['rss{pod="api-7d9f"}', 'memory', 300_000_000 * 1024],
      ['rss{pod="api-5c2b"}', 'memory', 290_000_000 * 1024]
    ])
  })

  it('otherwise an error at the result, saying how to name them', async () => {
    const loaded = await load('by-pod.json')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'by-pod.json:1: column "data.result[0].metric": found "{"pod":"api-7d9f"}", expected a metric name (__name__), which Prometheus drops from an expression\'s results (sum(…), x / 1024): query the metric itself, or keep a name with label_replace(<expr>, "__name__", "rss", "", ""); or name the file after the memory it holds (rss.json, memory.json); or list by-pod.json under series: with metrics: {rss: memory} to name them (at column 71)'
    ])
  })

  it('several names under metrics: do not say which one: an error', async () => {
    const loaded = await load('by-pod.json', { metrics: { rss: 'memory', heap: 'memory' } })
    expect(loaded.errors.map((e) => e.expected)).toEqual([
      expect.stringMatching(/or one name under metrics: to read them under \(found 2: rss, heap\)/)
    ])
  })
})

describe('answers that are no series', () => {
  it("a failed query: Prometheus's own error text, at its line", async () => {
    const loaded = await load('status-error.json')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'status-error.json:1: column "status": found "error", expected "success": Prometheus could not run the query (bad_data: invalid parameter "query": 1:31: parse error: unexpected "}" in label matching, expected string); fix the query and save its answer again (at column 11)'
    ])
  })

  it("an instant query's answer (vector) listed as a series: an error saying what to save", async () => {
    const loaded = await load('instant-query.json')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => [e.line, e.column, e.found])).toEqual([
      [1, 'data.resultType', 'vector']
    ])
    expect(loaded.errors[0].expected).toMatch(
      /^resultType "matrix", a range query's answer \(\/api\/v1\/query_range\): an instant query/
    )
  })

  it('a query that matched nothing', async () => {
    const loaded = await loadText(answer([]))
    expect(loaded.errors.map((e) => e.expected)).toEqual([
      'at least one series (the query matched nothing in its time range) (at column 60)'
    ])
  })

  it('a value or a time that is no number: an error at its line and path', async () => {
    const value = await load('bad-value.json')
    expect(value.errors.map((e) => e.message)).toEqual([
      'bad-value.json:22: column "data.result[0].values[2][1]": found "2O2000000", expected a number like 1.5e3, NaN or +Inf (at column 13)'
    ])
    const time = await load('bad-time.json')
    expect(time.series).toEqual([])
    expect(time.errors.map((e) => e.message)).toEqual([
      'bad-time.json:16: column "data.result[0].values[1]": found "2025-03-10T10:00:05Z", expected a time in epoch seconds, a number like 1741600805.5 (at column 11)'
    ])
  })

  it('times out of order, a label set twice, too many results: errors, bounded', async () => {
    const point = (t: number) => [t, '1000']
    const disorder = await loadText(
      answer([
        { metric: { __name__: 'rss_bytes' }, values: [point(1741600810), point(1741600800)] }
      ])
    )
    expect(disorder.errors.map((e) => [e.column, e.found])).toEqual([
      ['data.result[0].values[1]', '1741600800 after 1741600810']
    ])
    const twice = await loadText(
      answer([
        { metric: { pod: 'a' }, values: [point(1741600800)] },
        { metric: { __name__: 'rss', pod: 'a' }, values: [point(1741600800)] }
      ]),
      'rss.json'
    )
    expect(twice.errors.map((e) => [e.column, e.found])).toEqual([
      ['data.result[1].metric', 'rss{pod="a"}']
    ])
    const many = Array.from({ length: MAX_API_RESULTS + 1 }, (_, i) => ({
      metric: { __name__: 'rss_bytes', pod: `p${i}` },
      values: [point(1741600800)]
    }))
    const wide = await loadText(answer(many))
    expect(wide.errors.map((e) => [e.found, e.expected])).toEqual([
      [
        '1001 results',
        "at most 1000 series in one answer (narrow the query to the service's processes) (at column 60)"
      ]
    ])
  })

  it('nesting deeper than any answer is refused before it is walked', async () => {
    const deep = `{"status":"success","data":{"resultType":"matrix","result":${'['.repeat(100)}${']'.repeat(100)}}}`
    const loaded = await loadText(deep)
    expect(loaded.errors.map((e) => e.expected)).toEqual([
      expect.stringMatching(/^JSON nested at most 64 levels deep/)
    ])
  })
})

describe("an instant query's answers as snapshots", () => {
  it('values keyed as a scrape, the time from the answer, NaN left out with a note', async () => {
    const before = await snapshot('instant-pair/memory-before.json')
    expect(before.errors).toEqual([])
    expect(before.snapshot.values).toEqual({
      'process_resident_memory_bytes{instance="api:8080",job="api"}': 200_000_000,
      'nodejs_heap_size_used_bytes{instance="api:8080",job="api"}': 80_000_000
    })
    expect(before.snapshot.time).toBe(T0)
    const after = await snapshot('instant-pair/memory-after.json')
    expect(after.snapshot.values).toEqual({
      'process_resident_memory_bytes{instance="api:8080",job="api"}': 260_000_000
    })
    expect(after.notes).toEqual(['1 series with only NaN or ±Inf values left out'])
  })

  it("a range query's answer as a snapshot: the last value of each series, said so", async () => {
    const loaded = await snapshot('query-range.json')
    expect(loaded.errors).toEqual([])
    expect(loaded.snapshot.values).toEqual({
      'process_resident_memory_bytes{instance="api-1:8080",job="api"}': 207_000_000,
      'process_resident_memory_bytes{instance="api-2:8080",job="api"}': 180_500_000
    })
    expect(loaded.notes).toEqual([
      "query-range.json: a Prometheus range query's answer read as a snapshot: the last value of each of its 2 series"
    ])
  })

  it('an application\'s own {"status": "success", "data": {…}} snapshot is no answer', async () => {
    const loaded = await loadSnapshot(
      splitText('{"status": "success", "data": {"rss": 123456789}}'),
      'baseline.json',
      'json'
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.snapshot.values).toEqual({ 'data.rss': 123456789 })
  })

  it('results without a name cannot be matched between two snapshots: an error', async () => {
    const loaded = await snapshot('by-pod.json')
    expect(loaded.errors.map((e) => e.expected)).toEqual([
      expect.stringMatching(
        /as two snapshots are compared metric by metric: query the metric itself/
      )
    ])
  })
})

describe('the head test the input plan and the loader share', () => {
  it('names, unnamed results and a failed query from the first lines only', () => {
    expect(prometheusApiHead([readFileSync(join(DIR, 'query-range.json'), 'utf8')])).toEqual({
      status: 'success',
      resultType: 'matrix',
      names: ['process_resident_memory_bytes'],
      unnamed: false
    })
    expect(prometheusApiHead([readFileSync(join(DIR, 'by-pod.json'), 'utf8')])).toMatchObject({
      names: [],
      unnamed: true
    })
    expect(prometheusApiHead([readFileSync(join(DIR, 'status-error.json'), 'utf8')])).toEqual({
      status: 'error',
      error:
        'bad_data: invalid parameter "query": 1:31: parse error: unexpected "}" in label matching, expected string',
      names: [],
      unnamed: false
    })
    // a document that merely has a status is none
    expect(prometheusApiHead(['{"status": "error", "rss": 1}'])).toBeUndefined()
    expect(prometheusApiHead(['{"state": "ok", "rss": 1}'])).toBeUndefined()
  })
})

describe("Grafana's CSV export of a time-series panel (Inspect → Data → Download CSV)", () => {
  it('series joined by time: one series per column, the labels telling them apart', async () => {
    const loaded = await load('grafana-joined.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.timeBase, s.samples])).toEqual([
      [
        'container_memory_working_set_bytes{container="api", pod="api-7d9f"}',
        'memory',
        'bytes',
        'epoch',
        6
      ],
      [
        'container_memory_working_set_bytes{container="api", pod="api-5c2b"}',
        'memory',
        'bytes',
        'epoch',
        6
      ]
    ])
    expect(loaded.series[0].value[1]).toBe(304_000_000)
  })

  it('"Formatted data" on: values in the panel\'s unit (972 MiB, 1.03 GiB)', async () => {
    const loaded = await load('grafana-formatted.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].kind).toBe('memory')
    expect(loaded.series[0].value[0]).toBe(972 * MiB)
    expect(loaded.series[0].value[3]).toBeCloseTo(1.03 * 1024 * MiB, -3)
  })

  it('series as rows (Series, Time, Value; Time in epoch ms): one series per Series value', async () => {
    const loaded = await load('grafana-series-rows.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.timeBase, s.samples])).toEqual([
      ['jvm_memory_used_bytes{area="heap", instance="svc:8080"}', 'memory', 'epoch', 6],
      ['jvm_memory_used_bytes{area="nonheap", instance="svc:8080"}', 'memory', 'epoch', 6]
    ])
    expect(loaded.series[0].time[1]).toBe(T0 + 10_000)
  })
})

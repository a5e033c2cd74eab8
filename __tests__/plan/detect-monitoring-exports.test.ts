/**
 * Zero-config detection of what teams export from their monitoring stack
 * (fixtures in __fixtures__/load/monitoring-exports, see
 * __tests__/load/monitoring-exports.test.ts), from the head as the pipeline
 * reads it: a Prometheus range query's answer naming memory is read as series,
 * a failed query is read to report it; an instant query's answer is a snapshot
 * only when paired by name; an answer of no memory metric, or of an
 * expression the file's name cannot name, is skipped saying what to save;
 * Grafana's CSV exports read as CSV, unless no column names memory.
 */
import { detectInputs, type FileHead } from '../../src/plan/detect.js'
import { readHead } from '../../src/io/read-lines.js'

const FIXTURES = '__fixtures__/load/monitoring-exports'

/** The head of a fixture exactly as the pipeline reads it. */
async function headOf(path: string): Promise<FileHead> {
  return { path, head: await readHead(`${FIXTURES}/${path}`, 200) }
}

async function detect(...paths: string[]) {
  return detectInputs(await Promise.all(paths.map(headOf)))
}

describe('a Prometheus HTTP API answer (curl of /api/v1/query_range)', () => {
  it.each([
    [
      'query-range.json',
      "Prometheus HTTP API answer (range query): one series per result, named by its metric name and labels as scrapes are (process_resident_memory_bytes); time from each point's epoch seconds"
    ],
    [
      'several-metrics.json',
      "Prometheus HTTP API answer (range query): one series per result, named by its metric name and labels as scrapes are (go_memstats_heap_inuse_bytes, go_memstats_heap_objects, jvm_memory_used_bytes); time from each point's epoch seconds"
    ],
    [
      'grafana-query-inspector.json',
      "Prometheus HTTP API answer (range query): one series per result, named by its metric name and labels as scrapes are (process_resident_memory_bytes); time from each point's epoch seconds"
    ],
    [
      'working_set.json',
      "Prometheus HTTP API answer (range query): one series per result, named by its metric name and labels as scrapes are; results without a metric name (an expression's) read as \"working_set\", the file's name (memory); time from each point's epoch seconds"
    ],
    [
      'status-error.json',
      'a Prometheus HTTP API answer of a failed query (bad_data: invalid parameter "query": 1:31: parse error: unexpected "}" in label matching, expected string): read to report it'
    ]
  ])('reads %s as a series of format json', async (file, how) => {
    const detected = await detect(file)
    expect(detected.skipped).toEqual([])
    expect(detected.series).toEqual([{ file, format: 'json' }])
    expect(detected.used.map((use) => use.how)).toEqual([how])
  })

  it('a compact answer longer than the head is judged by its head', () => {
    const values = Array.from({ length: 4000 }, (_, i) => `[${1741600800 + 5 * i},"${2e8 + i}"]`)
    const text = `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"process_resident_memory_bytes","job":"api"},"values":[${values.join(',')}]}]}}`
    expect(text.length).toBeGreaterThan(64 * 1024)
    const detected = detectInputs([{ path: 'memory.json', head: [text.slice(0, 64 * 1024)] }])
    expect(detected.series).toEqual([{ file: 'memory.json', format: 'json' }])
  })

  it.each([
    [
      'by-pod.json',
      'a Prometheus HTTP API answer whose results lack a metric name (__name__), which Prometheus drops from an expression\'s results (sum(…), x / 1024): query the metric itself, or keep a name with label_replace(<expr>, "__name__", "rss", "", ""); or name the file after the memory it holds (rss.json, memory.json); or list by-pod.json under series: with metrics: {rss: memory} to name them'
    ],
    [
      'instant-query.json',
      "a Prometheus instant query's answer (resultType vector: one value per series), no series over time: save a range query's answer (`curl -s 'http://prom:9090/api/v1/query_range?query=process_resident_memory_bytes&start=…&end=…&step=5'`), read as one series per result; or save one before and one after the load as baseline.json and post.json, compared as snapshots"
    ],
    [
      'requests.json',
      'a Prometheus HTTP API answer of no memory metric (up): query a memory metric (process_resident_memory_bytes, container_memory_working_set_bytes, …), or list it under series: to chart it'
    ]
  ])('skips %s saying what to save instead', async (file, reason) => {
    const detected = await detect(file)
    expect(detected.series).toEqual([])
    expect(detected.skipped).toEqual([{ file, reason }])
  })

  it("two instant queries' answers named before/after are a snapshot pair", async () => {
    const detected = await detect(
      'instant-pair/memory-before.json',
      'instant-pair/memory-after.json'
    )
    expect(detected.skipped).toEqual([])
    expect(detected.snapshots).toEqual({
      baseline: 'instant-pair/memory-before.json',
      post: 'instant-pair/memory-after.json'
    })
  })
})

describe("Grafana's CSV export of a panel", () => {
  it('series joined by time: one column per series, read by the name before the labels', async () => {
    const detected = await detect('grafana-joined.csv', 'grafana-formatted.csv')
    expect(detected.skipped).toEqual([])
    expect(detected.used.map((use) => use.how)).toEqual([
      'CSV: nodejs_heap_size_used_bytes{instance="web:9100", job="web"} (memory); time column Time',
      'CSV: container_memory_working_set_bytes{container="api", pod="api-7d9f"} (memory), container_memory_working_set_bytes{container="api", pod="api-5c2b"} (memory); time column Time'
    ])
  })

  it('series as rows (Series, Time, Value): a long table', async () => {
    const detected = await detect('grafana-series-rows.csv')
    expect(detected.series).toEqual([{ file: 'grafana-series-rows.csv', format: 'csv' }])
    expect(detected.used[0].how).toMatch(
      /^long CSV, one row per metric per sample: one series per "Series" value, read from "Value": jvm_memory_used_bytes\{area="heap", inst… \(memory\)/
    )
  })

  it('a panel of no memory series is skipped, in either form', async () => {
    const detected = await detect('grafana-requests.csv', 'grafana-requests-rows.csv')
    expect(detected.series).toEqual([])
    expect(detected.skipped).toEqual([
      {
        file: 'grafana-requests-rows.csv',
        reason: 'CSV without memory or object-count columns (columns: Series, Time, Value)'
      },
      {
        file: 'grafana-requests.csv',
        reason:
          'CSV without memory or object-count columns (columns: Time, rate(http_requests_total{job="api"}[1m]), up{instance="api:8080", job="api"})'
      }
    ])
  })
})

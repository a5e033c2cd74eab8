/**
 * Shapes people save their measurements in that leak-gate used to refuse
 * (fixtures in __fixtures__/load/saved-shapes, written in each tool's own
 * format): Prometheus scrapes appended to one file under a `=== $(date) ===`
 * rule, a JSON object of columns (`{"time": [...], "rss": [...]}`, pandas'
 * `to_json()`), k6's `--out json` lines, the OpenTelemetry collector's file
 * exporter, and any of them gzip-compressed.
 */
import { readFileSync } from 'node:fs'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import type { InputFormat } from '../../src/model.js'
import { headScrapeTime } from '../../src/load/prometheus.js'
import { fixture, loadFixtureSeries, pick } from './helpers.js'

const MiB = 1024 ** 2
const DIR = 'saved-shapes'

function loadText(file: string, format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}) {
  return loadSeries(toAsync(splitText(text)), { file, format, spec: { file, ...spec } })
}

describe('Prometheus scrapes appended to one file, each under a `=== $(date) ===` rule', () => {
  it('times each scrape by the date between the rules (no sample timestamps)', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/scrapes-date-rules.log`, 'prometheus')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'process_resident_memory_bytes')
    expect(rss.time).toEqual([0, 5, 10, 15].map((s) => Date.UTC(2025, 2, 10, 10, 0, s)))
    expect(rss.value).toEqual([0, 1, 2, 3].map((i) => 100_000_000 + i * MiB))
    expect(pick(loaded.series, 'nodejs_heap_size_used_bytes').samples).toBe(4)
  })

  it('takes other rules and a commented rule too (`--- ISO ---`, `# === date ===`)', async () => {
    const text = [
      '--- 2025-03-10T10:00:00Z ---',
      'process_resident_memory_bytes 1000000',
      '# === 2025-03-10T10:00:05Z ===',
      'process_resident_memory_bytes 2000000'
    ].join('\n')
    const loaded = await loadText('scrapes.log', 'prometheus', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      Date.UTC(2025, 2, 10, 10),
      Date.UTC(2025, 2, 10, 10, 0, 5)
    ])
    expect(headScrapeTime(['=== Mon Mar 10 10:00:05 UTC 2025 ===', 'rss 1'])).toBe(
      Date.UTC(2025, 2, 10, 10, 0, 5)
    )
  })

  it('a rule around words, not a date, is still an error at its line', async () => {
    const text = ['=== results ===', 'process_resident_memory_bytes 1000000'].join('\n')
    const loaded = await loadText('scrapes.log', 'prometheus', text)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'scrapes.log:1: found "=== results ===", expected a sample `name{labels} value [timestamp]`'
    ])
  })
})

describe('a JSON document of columns (a script’s object of arrays, pandas to_json())', () => {
  it('reads an object of arrays as one row per index (JSON.stringify({time, rss, heapUsed}))', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/columns-arrays.json`, 'json')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.samples])).toEqual([
      ['rss', 'memory', 'bytes', 6],
      ['heapUsed', 'memory', 'bytes', 6]
    ])
    const rss = pick(loaded.series, 'rss')
    expect(rss.time[1]).toBe(Date.UTC(2025, 2, 10, 10, 0, 5))
    expect(rss.value[5]).toBe(100_000_000 + 5 * MiB)
  })

  it('reads pandas orient "columns" with a DatetimeIndex: the index is the time, and the note says so', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/pandas-columns-datetime-index.json`, 'json')
    expect(loaded.errors).toEqual([])
    const heap = pick(loaded.series, 'heapUsed')
    expect(heap.time).toEqual([0, 5, 10, 15, 20, 25].map((s) => Date.UTC(2025, 2, 10, 10, 0, s)))
    expect(heap.value[1]).toBe(50_000_000 + MiB / 2)
    expect(loaded.notes?.join('\n')).toMatch(/time from the index \(epoch ms/)
  })

  it.each(['pandas-split.json', 'pandas-index.json'])('reads pandas %s', async (file) => {
    const loaded = await loadFixtureSeries(`${DIR}/${file}`, 'json')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'rss')
    expect(rss.samples).toBe(6)
    expect(rss.time[0]).toBe(Date.UTC(2025, 2, 10, 10))
    expect(rss.value[2]).toBe(100_000_000 + 2 * MiB)
    // no note: the time is a column
    expect(loaded.notes ?? []).not.toContainEqual(expect.stringMatching(/from the index/))
  })

  it('columns of unequal lengths are an error at the short column, never rows paired wrongly', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/columns-unequal.json`, 'json')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'columns-unequal.json:10: column "rss": found "5 values", expected 6 values, as many as "time" (the columns of one table have one length)'
    ])
  })

  it('a cell holding an object is an error; a snapshot-shaped object is refused as before', async () => {
    const nested = await loadText('m.json', 'json', '{"time": [1, 2], "rss": [{"a": 1}, 2]}')
    expect(nested.errors.map((e) => e.message)).toEqual([
      'm.json:1: column "rss": found "an object", expected a number or a string in each cell'
    ])
    // one value per name (a snapshot), or a single array: no table by columns
    for (const text of ['{"rss": 123, "heapUsed": 456}', '{"rss": [1, 2, 3]}']) {
      const loaded = await loadText('m.json', 'json', text)
      expect(loaded.errors.map((e) => e.message)).toEqual([
        expect.stringMatching(/^m\.json: found "format: json", expected a series format/)
      ])
    }
  })
})

describe('k6 `--out json` lines: custom memory metrics, one series each', () => {
  it('reads the points of memory-named metrics, a series per set of the script’s own tags', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/k6-results.json`, 'jsonl')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.samples])).toEqual([
      ['memory_rss', 'memory', 'bytes', 4],
      ['heap_used_mb[instance=a]', 'memory', 'bytes', 4],
      ['heap_used_mb[instance=b]', 'memory', 'bytes', 4]
    ])
    const rss = pick(loaded.series, 'memory_rss')
    expect(rss.time[1]).toBe(Date.UTC(2025, 2, 10, 10, 0, 5))
    expect(rss.value[3]).toBe(100_000_000 + 3 * MiB)
    // the unit from the name, as in any column (`_mb`: MiB)
    expect(pick(loaded.series, 'heap_used_mb[instance=b]').value[0]).toBe(60 * MiB)
    expect(loaded.notes?.join('\n')).toMatch(
      /k6 JSON output \(--out json\): memory read from memory_rss, heap_used_mb\[instance=a\], heap_used_mb\[instance=b\]; not read: vus \(k6's own\), http_req_duration \(k6's own\)/
    )
  })

  it('an entry that reads the lines itself (group: metric, time: data.time) still gets them flat', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/k6-results.json`, 'jsonl', {
      group: 'metric',
      time: 'data.time'
    })
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'data.value', 'vus').samples).toBe(4)
  })

  it('k6 output with only k6’s own metrics is an error, never a pass on nothing', async () => {
    const text = readFileSync(fixture(DIR, 'k6-results.json'), 'utf8')
      .split('\n')
      .filter((line) => !/memory_rss|heap_used/.test(line))
      .join('\n')
    const loaded = await loadText('k6.json', 'jsonl', text)
    expect(loaded.series).toEqual([])
    expect(loaded.errors[0].message).toMatch(
      /^k6\.json: points of a memory metric \(.*\), found none \(k6 JSON output \(--out json\): memory read from no metric; not read: vus \(k6's own\), http_req_duration \(k6's own\)\)$/
    )
  })
})

describe('OpenTelemetry collector file exporter (OTLP JSON lines)', () => {
  it('reads byte gauges and non-monotonic sums per metric and attribute set, grouped by service', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/otel-metrics.jsonl`, 'jsonl')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.group, s.kind, s.unit, s.samples])).toEqual([
      ['process.memory.usage', 'api', 'memory', 'bytes', 3],
      ['jvm.memory.used[jvm.memory.type=heap]', 'api', 'memory', 'bytes', 3],
      ['jvm.memory.used[jvm.memory.type=non_heap]', 'api', 'memory', 'bytes', 3]
    ])
    const usage = pick(loaded.series, 'process.memory.usage', 'api')
    // timeUnixNano → ms; asInt is a string
    expect(usage.time).toEqual([0, 5, 10].map((s) => Date.UTC(2025, 2, 10, 10, 0, s)))
    expect(usage.value[2]).toBe(100_000_000 + 2 * MiB)
    // MiBy → bytes
    expect(pick(loaded.series, 'jvm.memory.used[jvm.memory.type=heap]', 'api').value[1]).toBe(
      201 * MiB
    )
    expect(loaded.notes?.join('\n')).toMatch(
      /not read: system\.memory\.usage \(the host’s, not a process’s\), system\.network\.io \(a counter: it only grows\)/
    )
  })

  it('OTLP lines with no memory metric in bytes are an error', async () => {
    const line = JSON.stringify({
      resourceMetrics: [
        {
          scopeMetrics: [
            { metrics: [{ name: 'http.server.duration', unit: 'ms', gauge: { dataPoints: [] } }] }
          ]
        }
      ]
    })
    const loaded = await loadText('otel.json', 'jsonl', line)
    expect(loaded.errors[0].message).toMatch(
      /^otel\.json: points of a memory metric in bytes \(.*\), found none \(OpenTelemetry metrics .*memory read from no metric\)$/
    )
  })
})

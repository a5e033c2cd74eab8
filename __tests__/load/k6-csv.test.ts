/**
 * k6's CSV output (`k6 run --out csv=k6.csv`) with a custom memory metric, read
 * with no config (fixtures in __fixtures__/load/k6, in the columns k6 writes):
 * one series per memory metric name, k6's own metrics left out, by the same
 * name rules as k6's JSON lines.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import { runPipeline } from '../../src/pipeline.js'
import { detectInputs } from '../../src/plan/detect.js'
import { k6CsvMemoryHead, k6CsvMemoryMetrics } from '../../src/understand/k6-csv.js'
import { isK6MemoryMetric } from '../../src/understand/metric-exports.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const DIR = '__fixtures__/load/k6'
const MiB = 1024 ** 2
const T0 = 1741600800_000
const NO_MEMORY =
  'k6 CSV output (load-test metrics, no memory): list it under series: to chart it (one series per metric_name)'

afterAll(removeTempDirs)

function lines(file: string): string[] {
  return splitText(readFileSync(join(DIR, file), 'utf8'))
}

async function load(file: string, spec: Partial<SeriesSpec> = {}) {
  return loadSeries(lines(file), { file, format: 'csv', spec: { file, ...spec } })
}

describe('telling a k6 CSV with a memory metric', () => {
  it('its memory metrics are read, the unit a name gives said', () => {
    const found = detectInputs([{ path: 'k6-memory.csv', head: lines('k6-memory.csv') }])
    expect(found.series).toEqual([{ file: 'k6-memory.csv', format: 'csv' }])
    expect(found.used[0].how).toBe(
      "k6 CSV output (--out csv): memory metrics heap_used_mb (MiB by its name), memory_rss, k6's own (load) left out; time column timestamp"
    )
  })

  it('a k6 CSV of k6 own metrics only stays skipped with its reason', () => {
    const found = detectInputs([{ path: 'k6-no-memory.csv', head: lines('k6-no-memory.csv') }])
    expect(found.series).toEqual([])
    expect(found.skipped).toEqual([{ file: 'k6-no-memory.csv', reason: NO_MEMORY }])
  })

  it("k6's own metrics are never memory, whatever their name says; the JSON lines' rule", () => {
    expect(k6CsvMemoryMetrics(lines('k6-no-memory.csv'))).toEqual([])
    for (const name of ['data_received', 'data_sent', 'vus_max', 'http_req_receiving'])
      expect(isK6MemoryMetric(name)).toBe(false)
    expect(k6CsvMemoryMetrics(lines('k6-memory.csv'))).toEqual(['heap_used_mb', 'memory_rss'])
    // quoted names, as a spreadsheet saves the file
    expect(k6CsvMemoryMetrics(['metric_name,timestamp,metric_value', '"heap_used",1,2'])).toEqual([
      'heap_used'
    ])
  })
})

describe('reading a k6 CSV', () => {
  it('one series per memory metric, in bytes, by epoch seconds; the others not judged, said', async () => {
    const loaded = await load('k6-memory.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.kind, s.unit, s.samples])).toEqual([
      ['k6-memory.csv:heap_used_mb', 'memory', 'bytes', 12],
      ['k6-memory.csv:memory_rss', 'memory', 'bytes', 12]
    ])
    const [heap, rss] = loaded.series
    expect(heap.value.slice(0, 2)).toEqual([70 * MiB, 70.5 * MiB])
    expect(rss.value[0]).toBe(150_000_000)
    expect(heap.time.slice(0, 2)).toEqual([T0, T0 + 5000])
    expect(loaded.notes?.join('\n')).toMatch(
      /k6 CSV output \(--out csv\): one series per memory "metric_name", read from "metric_value" \(2 judged; not judged: 3 metrics k6's own \(load, not memory\) or not named as memory, e\.g\. "http_req_duration", "vus"/
    )
    expect(loaded.notes?.join('\n')).toMatch(/"heap_used_mb" read in the unit its name gives/)
  })

  it('metrics: picks metric names of the file (a column name keeps the plain CSV reading)', async () => {
    const loaded = await load('k6-memory.csv', { metrics: { heap_used_mb: 'memory' } })
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.metric)).toEqual(['heap_used_mb'])
    const missing = await load('k6-memory.csv', { metrics: { heap_mb: 'memory' } })
    expect(missing.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/column "metric_name": found no metric "heap_mb", expected a metric/)
    ])
  })

  it('a config entry naming only a k6 CSV without memory still charts each metric (never judged as memory)', async () => {
    const loaded = await load('k6-no-memory.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.group, s.kind])).toEqual([
      ['metric_value', 'http_req_duration', 'count'],
      ['metric_value', 'vus', 'count'],
      ['metric_value', 'data_received', 'count'],
      ['metric_value', 'checks', 'count']
    ])
  })
})

describe('a memory metric after the first lines of request rows', () => {
  it('is found further in the file, and the file read with no config', async () => {
    const [header, ...rows] = lines('k6-no-memory.csv')
    const requests = Array.from({ length: 400 }, (_, i) => rows[i % rows.length])
    const gauge = Array.from(
      { length: 12 },
      (_, i) =>
        `memory_rss,${1741600800 + i * 5},${150_000_000 + i * 100_000}.000000,,,,,,,,,monitor,,,,,,,`
    )
    const text = [header, ...requests, ...gauge].join('\n') + '\n'
    expect(k6CsvMemoryHead(splitText(text), 2)).toEqual([header, gauge[0], gauge[1]])
    const dir = makeTempDir('k6-late')
    writeFileSync(join(dir, 'k6.csv'), text)
    const report = await runPipeline({ root: dir, workspace: dir })
    expect(report.errors).toEqual([])
    expect(report.inputs.map((input) => [input.file, input.series])).toEqual([
      ['k6.csv', ['k6.csv:memory_rss']]
    ])
  })
})

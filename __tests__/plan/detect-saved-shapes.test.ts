/**
 * Zero-config detection of the shapes in __fixtures__/load/saved-shapes
 * (see __tests__/load/saved-shapes.test.ts), from their head as the pipeline
 * reads it: a JSON document of columns, k6 `--out json`, the OpenTelemetry
 * collector's file exporter, and gzip-compressed files named by what they hold.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { detectInputs, type FileHead } from '../../src/plan/detect.js'
import { readHead } from '../../src/io/read-lines.js'
import { useTempDir } from '../helpers/temp-dir.js'

const FIXTURES = '__fixtures__/load/saved-shapes'

/** The head of a fixture exactly as the pipeline reads it. */
async function headOf(path: string, name = path.split('/').pop()!): Promise<FileHead> {
  return {
    path: name,
    head: await readHead(path.includes('/') ? path : `${FIXTURES}/${path}`, 200)
  }
}

describe('a JSON document of columns', () => {
  it.each([
    [
      'columns-arrays.json',
      'JSON object of columns: rss (memory), heapUsed (memory); time column time'
    ],
    [
      'pandas-columns-datetime-index.json',
      'pandas to_json() (orient columns): rss (memory), heapUsed (memory); no time column (the index as time when it is epoch ms, else sample order)'
    ],
    ['pandas-split.json', 'pandas to_json() (orient split): rss (memory); time column time'],
    ['pandas-index.json', 'pandas to_json() (orient index): rss (memory); time column time']
  ])('reads %s as a series of format json', async (file, how) => {
    const detected = detectInputs([await headOf(file)])
    expect(detected.skipped).toEqual([])
    expect(detected.series.map((spec) => spec.format)).toEqual(['json'])
    expect(detected.used[0].how).toBe(how)
  })

  it('a document of columns naming no memory is skipped with its columns; a snapshot keeps its reason', () => {
    const detected = detectInputs([
      { path: 'latency.json', head: ['{"time": [1, 2, 3], "p99": [10, 12, 11]}'] },
      { path: 'summary.json', head: ['{"rss": 123, "heapUsed": 456}'] }
    ])
    expect(detected.series).toEqual([])
    expect(detected.skipped.map((s) => s.reason)).toEqual([
      'JSON object of columns without memory or object-count columns (columns: time, p99)',
      'a JSON document not named as a snapshot (baseline.* / post*.*, or two names the same but for a before/after word: start.json / end.json, memory-before.json / memory-after.json): list it under snapshots: to compare it'
    ])
  })
})

describe('lines of metric points (k6 --out json, OTLP JSON)', () => {
  it('reads their memory metrics as columns, k6 declarations counting', async () => {
    const detected = detectInputs([
      await headOf('k6-results.json'),
      await headOf('otel-metrics.jsonl')
    ])
    expect(detected.skipped).toEqual([])
    expect(detected.series).toEqual([
      { file: 'k6-results.json', format: 'jsonl', time: 'time' },
      { file: 'otel-metrics.jsonl', format: 'jsonl', time: 'time' }
    ])
    expect(detected.used.map((use) => use.how)).toEqual([
      'k6 JSON output (--out json): memory_rss (memory), heap_used_mb (memory), heap_used_mb[instance=a] (memory), heap_used_mb[instance=b] (memory); time column time',
      'OpenTelemetry metrics (OTLP JSON, the collector file exporter): process.memory.usage (memory), jvm.memory.used[jvm.memory.type=heap] (memory), jvm.memory.used[jvm.memory.type=non_heap] (memory); time column time'
    ])
  })

  it('k6 output of its own metrics only is skipped, saying what to add', () => {
    const head = [
      '{"type":"Metric","data":{"name":"vus","type":"gauge"},"metric":"vus"}',
      '{"type":"Point","data":{"time":"2025-03-10T10:00:00Z","value":1,"tags":{}},"metric":"vus"}'
    ]
    const detected = detectInputs([{ path: 'k6.json', head }])
    expect(detected.skipped[0].reason).toMatch(
      /^k6 JSON output \(--out json\) with no memory metric in its first lines/
    )
  })
})

describe('gzip-compressed files', () => {
  const dir = useTempDir('detect-gz')

  it('are judged by their decompressed head and the name without .gz', async () => {
    const path = join(dir, 'memory.csv.gz')
    writeFileSync(path, gzipSync('time,rss\n2025-03-10T10:00:00Z,1000000\n'))
    const detected = detectInputs([await headOf(path)])
    expect(detected.series).toEqual([{ file: 'memory.csv.gz', format: 'csv', time: 'time' }])
  })

  it('a bare .gz or a tarball is still no data file', () => {
    const detected = detectInputs([
      { path: 'logs.tar.gz', head: ['x'] },
      { path: 'dump.gz', head: ['x'] }
    ])
    expect(detected.skipped.map((s) => s.reason)).toEqual([
      'not a data file (.gz)',
      'not a data file (.tar)'
    ])
  })
})

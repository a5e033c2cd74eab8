/**
 * Long tables: one row per metric per sample (fixtures in
 * __fixtures__/load/long-tables, as a metrics exporter or a `for name, value
 * in ...: writer.writerow(...)` loop writes them). Read as one series per
 * metric name, kind and unit from the name as a wide CSV's columns, as
 * dotnet-counters' CSV is; without a time column in sample order.
 */
import { readFileSync } from 'node:fs'
import { longTable } from '../../src/understand/long-rows.js'
import type { SeriesSpec } from '../../src/config/types.js'
import { fixture, loadFixtureSeries, pick } from './helpers.js'

const MiB = 1024 ** 2
const at = (seconds: number) => Date.UTC(2025, 2, 10, 10, 0, seconds)

function load(name: string, spec: Partial<SeriesSpec> = {}) {
  return loadFixtureSeries(`long-tables/${name}`, 'csv', spec)
}

function head(name: string): string[] {
  return readFileSync(fixture('long-tables', name), 'utf8').split('\n')
}

describe('a long table read as one series per metric', () => {
  it('metric,value,time: memory metrics judged, the others named in the note', async () => {
    const loaded = await load('metric-value-time.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.kind, s.unit, s.samples])).toEqual([
      ['metric-value-time.csv:rss', 'memory', 'bytes', 8],
      ['metric-value-time.csv:heapUsed', 'memory', 'bytes', 8],
      ['metric-value-time.csv:heapTotal', 'memory', 'bytes', 8]
    ])
    const rss = pick(loaded.series, 'rss')
    expect(rss.value.slice(0, 2)).toEqual([200 * MiB, 201 * MiB])
    expect(rss.time.slice(0, 2)).toEqual([at(0), at(5)])
    expect(rss.timeBase).toBe('epoch')
    expect(loaded.notes).toContainEqual(
      'a long table, one row per metric per sample: one series per "metric" value, read from "value" (3 judged; not judged: 1 metrics named neither as memory nor as object counts, e.g. "event_loop_lag_ms"; name metrics under `metrics:` to judge them)'
    )
  })

  it('name,value without a time column: each metric in file order (sample order)', async () => {
    const loaded = await load('name-value.csv')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'rss')
    expect(rss.timeBase).toBe('none')
    expect(rss.samples).toBe(8)
    expect(rss.value.slice(0, 3)).toEqual([200 * MiB, 201 * MiB, 202 * MiB])
    expect(pick(loaded.series, 'heapUsed').value[7]).toBe(87 * MiB)
    expect(loaded.notes?.join('\n')).toMatch(/in file order \(no time column: sample order\)/)
  })

  it('a unit in the metric name (`rss_mb`) is read and said', async () => {
    const loaded = await load('named-units.csv')
    expect(pick(loaded.series, 'rss_mb').value[0]).toBe(210.5 * MiB)
    expect(pick(loaded.series, 'heap_used_mb').value[0]).toBe(90.25 * MiB)
    expect(loaded.notes).toContainEqual(
      '"rss_mb", "heap_used_mb" read in the unit their names give (kb = KiB, mb = MiB: as ps, top, /proc and V8 mean them); set `unit:` on the series to say otherwise'
    )
  })

  it('plain numbers too small for bytes are read in the unit their size fits, as in a wide CSV', async () => {
    const loaded = await load('small-rss.csv')
    expect(pick(loaded.series, 'rss').value[0]).toBe(200 * MiB)
    expect(loaded.notes?.join('\n')).toMatch(/"rss": every value is under 1 MiB.*read as MiB/)
    // `unit:` on the series wins
    const kib = await load('small-rss.csv', { unitBytes: 1024 })
    expect(pick(kib.series, 'rss').value[0]).toBe(200 * 1024)
  })

  it('a bad value is an error at its line, in the value column', async () => {
    const loaded = await load('bad-value.csv')
    expect(loaded.errors).toEqual([
      expect.objectContaining({ line: 6, column: 'value', found: 'oops' })
    ])
  })

  it('`metrics:` picks metrics by name with the kind given; a name not in the file is an error', async () => {
    const picked = await load('metric-value-time.csv', {
      metrics: { rss: 'memory', event_loop_lag_ms: 'count' }
    })
    expect(picked.series.map((s) => [s.metric, s.kind])).toEqual([
      ['rss', 'memory'],
      ['event_loop_lag_ms', 'count']
    ])
    // memory left out by the list is said so, not called "no memory"
    expect(picked.notes?.join('\n')).toMatch(
      /\(2 judged; not judged: 2 metrics not named under `metrics:`, e\.g\. "heapUsed", "heapTotal"/
    )
    const missing = await load('metric-value-time.csv', { metrics: { external: 'memory' } })
    expect(missing.errors[0].message).toBe(
      'metric-value-time.csv: column "metric": found no metric "external", expected a metric of the file (rss, heapUsed, heapTotal, event_loop_lag_ms, …)'
    )
  })
})

describe('what is a long table (understand/long-rows.ts)', () => {
  it('the fixtures', () => {
    expect(longTable(head('metric-value-time.csv'))).toEqual({
      name: 'metric',
      value: 'value',
      time: 'time',
      metrics: ['rss', 'heapUsed', 'heapTotal', 'event_loop_lag_ms']
    })
    expect(longTable(head('name-value.csv'))?.time).toBeUndefined()
  })

  it('each name once is one sample (a snapshot), not a table of series', () => {
    expect(longTable(head('one-sample.csv'))).toBeUndefined()
  })

  it('no memory name among the metrics, another column beside them, or text values: no', () => {
    expect(longTable(['key,value', 'requests,1', 'errors,0', 'requests,2', 'errors,0'])).toBe(
      undefined
    )
    expect(longTable(['metric,value,host', 'rss,1,a', 'rss,2,a'])).toBeUndefined()
    expect(longTable(['metric,value,time,host', 'rss,1,1,a', 'rss,2,2,a'])).toBeUndefined()
    expect(longTable(['name,value', 'rss,high', 'rss,low', 'rss,high'])).toBeUndefined()
    // a memory name listed under `metrics:` counts
    expect(longTable(['key,value', 'used,1', 'used,2'], ['used'])?.metrics).toEqual(['used'])
  })
})

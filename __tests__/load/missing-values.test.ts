/**
 * Non-numeric values in numeric columns (issue 2) and columns read by their
 * name when the config does not say (cumulative counters, the work axis).
 * Nothing passes silently: a bad value is an error with file:line, a missing
 * sample is counted in the notes.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import { isCumulativeName, isWorkCounterName } from '../../src/understand/names.js'
import type { InputFormat } from '../../src/model.js'
import { useTempDir } from '../helpers/temp-dir.js'
import { pick } from './helpers.js'

function load(format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}, file = 'in.csv') {
  return loadSeries(toAsync(splitText(text)), { file, format, spec: { file, ...spec } })
}

const dir = useTempDir('missing')

const MEMORY_CSV =
  'timestamp,requests,rss,heapUsed\n' +
  '2026-01-01T00:00:00Z,0,50000000,20000000\n' +
  '2026-01-01T00:00:01Z,10,50000001,20000001\n' +
  '2026-01-01T00:01:00Z,40,n/a,20000004\n'

describe('a non-numeric value in a numeric column is an error (issue 2)', () => {
  it.each(['text path', 'file (byte path)'])('the repro, read as %s', async (how) => {
    const spec = { file: 'memory.csv', time: 'timestamp', work: 'requests' }
    let loaded
    if (how === 'text path') loaded = await load('csv', MEMORY_CSV, spec, 'memory.csv')
    else {
      const path = join(dir, 'memory.csv')
      writeFileSync(path, MEMORY_CSV)
      loaded = await loadSeries(readLines(path, { displayName: 'memory.csv' }), {
        file: 'memory.csv',
        format: 'csv',
        spec
      })
    }
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors[0].message).toBe(
      'memory.csv:4: column "rss": found "n/a", expected a number or a size like "293.7MiB"'
    )
    // what was read is still reported
    expect(pick(loaded.series, 'heapUsed').samples).toBe(3)
  })

  it.each([
    [
      'a name that says memory, placeholder first',
      'time,rss\n1,N/A\n2,10\n',
      {},
      'in.csv:2: column "rss": found "N/A"'
    ],
    [
      'text in a column named under metrics',
      'time,live\n1,3\n2,lots\n',
      { metrics: { live: 'live' } },
      'in.csv:3: column "live": found "lots", expected a number'
    ],
    [
      'the work column',
      'time,done,rss\n1,0,1\n2,n/a,2\n',
      { work: 'done' },
      'in.csv:3: column "done": found "n/a", expected a number (cumulative work done)'
    ],
    [
      'text in a column found numeric by its values',
      'time,p50\n1,12\n2,fast\n',
      {},
      'in.csv:3: column "p50": found "fast", expected a number'
    ],
    [
      'docker allows -- only',
      'time,name,MemUsage\n1,web,n/a / 2GiB\n',
      {},
      'in.csv:2: column "MemUsage": found "n/a / 2GiB", expected a size like "293.7MiB / 7.654GiB"'
    ],
    [
      'a JSON boolean',
      '{"t":1,"rss":5}\n{"t":2,"rss":true}\n',
      {},
      'in.csv:2: column "rss": found "true", expected a number or a size'
    ]
  ] as const)('%s', async (_name, text, spec, message) => {
    const format: InputFormat = text.startsWith('{')
      ? 'jsonl'
      : text.includes('MemUsage')
        ? 'docker-stats'
        : 'csv'
    const loaded = await load(format, text, spec)
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors[0].message.startsWith(message)).toBe(true)
  })
})

describe('missing samples are counted in the notes, never silent', () => {
  it('empty cells, Locust-style N/A in a column found numeric by its values, JSON null', async () => {
    const csv = await load(
      'csv',
      'time,rss,p50\n1700000001,10000000,5\n1700000002,,N/A\n1700000003,12000000,\n1700000004,13000000,7\n1700000005,,8\n'
    )
    expect(csv.errors).toEqual([])
    expect(pick(csv.series, 'rss').value).toEqual([10e6, 12e6, 13e6])
    expect(csv.skipped).toBe(1)
    expect(csv.notes).toEqual([
      '1 rows without any value skipped',
      '"p50" not judged: numbers whose name says neither memory nor objects, next to columns that do (name them under `metrics:` to analyse them)',
      '2 cells without a value (empty, "N/A", "null", "--") read as missing samples: "rss" 1, "p50" 1'
    ])
    const locust = await load(
      'csv',
      'time,p95,p50\n1700000001,9,5\n1700000002,,N/A\n1700000003,10,\n1700000004,11,7\n1700000005,,8\n'
    )
    expect(locust.errors).toEqual([])
    expect(pick(locust.series, 'p50').value).toEqual([5, 7, 8])
    const jsonl = await load(
      'jsonl',
      '{"t":1,"rss":5}\n{"t":2,"rss":null,"heapUsed":1}\n{"t":3,"rss":6,"heapUsed":2}\n'
    )
    expect(jsonl.errors).toEqual([])
    expect(jsonl.notes).toContain(
      '1 cells without a value (empty, "N/A", "null", "--") read as missing samples: "rss" 1'
    )
  })

  it('a placeholder in a column named under metrics (Locust percentiles before the first request)', async () => {
    const loaded = await load(
      'csv',
      'Timestamp,User Count,95%,Total Average Response Time\n1,0,N/A,0.0\n2,5,120,88.1\n3,10,130,90.2\n',
      { metrics: { '95%': 'count', 'Total Average Response Time': 'count' } }
    )
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, '95%').value).toEqual([120, 130])
    expect(loaded.notes).toContain(
      '1 cells without a value (empty, "N/A", "null", "--") read as missing samples: "95%" 1'
    )
  })

  it('an empty work cell keeps the sample without work, counted', async () => {
    const loaded = await load('csv', 'time,done,rss\n1,0,1\n2,,2\n3,5,3\n', { work: 'done' })
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'rss').work).toEqual([0, NaN, 5])
    expect(loaded.notes?.[0]).toMatch(/^1 cells without a value .*: "done" 1$/)
  })

  it('rows without any value are skipped and counted; docker -- rows keep their own note', async () => {
    const csv = await load(
      'csv',
      'time,rss,heapUsed\n1700000001,1e6,2e6\n1700000002,,\n1700000003,3e6,4e6\n'
    )
    expect(csv.skipped).toBe(1)
    expect(csv.notes).toEqual(['1 rows without any value skipped'])
    const docker = await load(
      'docker-stats',
      'time,name,MemUsage,MemPerc\n1700000001,web,-- / --,--\n1700000002,web,1MiB / 1GiB,--\n',
      {
        metrics: { MemUsage: 'memory', MemPerc: 'memory' }
      }
    )
    expect(docker.errors).toEqual([])
    expect(docker.skipped).toBe(1)
    expect(docker.notes?.[0]).toMatch(/^1 rows without a memory value/)
    expect(docker.notes?.[1]).toMatch(/"MemPerc" 1$/)
  })
})

describe('columns read by their name when the config does not say', () => {
  it('Locust stats history: Total Request Count is the work axis, counters and User Count left out', async () => {
    const text =
      'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,99%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Content Size\r\r\n' +
      '1741337519,0,,Aggregated,0.000000,0.000000,N/A,N/A,0,0,0,0\r\r\n' +
      '1741337523,1000,,Aggregated,0.000000,0.000000,3800,4000,10,0,3600.0,78472.9\r\r\n' +
      '1741337525,1200,,Aggregated,0.250000,0.000000,4000,5100,19,0,4000.0,78450.52\r\r\n' +
      '1741337526,1200,,Aggregated,0.250000,0.000000,N/A,N/A,19,0,4000.0,78450.52\r\r\n'
    const loaded = await load('csv', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.metric)).toEqual([
      'Requests/s',
      'Failures/s',
      '50%',
      '99%',
      'Total Average Content Size'
    ])
    const p50 = pick(loaded.series, '50%')
    expect(p50.workName).toBe('Total Request Count')
    expect(p50.work).toEqual([10, 19])
    expect(p50.time).toEqual([1741337523000, 1741337525000])
    expect(loaded.notes).toEqual([
      'column "Total Request Count" read as the work axis (a cumulative work counter by its name; set `work:` to choose another)',
      '"User Count", "Total Failure Count", "Total Median Response Time" left out: cumulative counters or times by their name, which only grow (name them under `metrics:` to analyse them)',
      '2 cells without a value (empty, "N/A", "null", "--") read as missing samples: "50%" 1, "99%" 1'
    ])
  })

  it('a configured work column wins; another counter and a second time column are left out', async () => {
    const loaded = await load(
      'csv',
      'time,iterations,http_requests_total,uptime,time_ms,rss,heapTotal\n1,1,10,5,1000,7,8\n2,2,20,6,2000,8,9\n',
      { work: 'iterations' }
    )
    expect(loaded.series.map((s) => s.metric)).toEqual(['rss', 'heapTotal'])
    expect(loaded.notes?.[0]).toBe(
      '"http_requests_total", "uptime", "time_ms" left out: cumulative counters or times by their name, which only grow (name them under `metrics:` to analyse them)'
    )
  })

  it('named under metrics, a counter is analysed', async () => {
    const loaded = await load(
      'csv',
      'time,requests,errors_total\n1700000001,1,0\n1700000002,2,1\n',
      {
        metrics: { errors_total: 'count' }
      }
    )
    expect(loaded.series.map((s) => s.metric)).toEqual(['errors_total'])
    // `metrics:` chooses the series, not the axis: the work counter it does not name stays the axis
    expect(loaded.notes).toEqual([
      'column "requests" read as the work axis (a cumulative work counter by its name; set `work:` to choose another)'
    ])
    expect(loaded.series[0].work).toEqual([1, 2])
  })

  it.each([
    ['requests', true, true],
    ['Total Request Count', true, true],
    ['http_requests_total', true, true],
    ['http_reqs', true, true],
    ['iterations', true, true],
    ['Requests/s', false, false],
    ['Total Failure Count', false, true],
    ['errors_total', false, true],
    ['User Count', false, true],
    ['uptime_seconds', false, true],
    ['heapTotal', false, false],
    ['total_heap_size', false, false],
    ['rss_bytes_total', false, false],
    ['live_objects', false, false],
    ['handle_count', false, false],
    ['p50', false, false]
  ])('%s: work counter %s, cumulative %s', (name, work, cumulative) => {
    expect(isWorkCounterName(name)).toBe(work)
    expect(isCumulativeName(name)).toBe(cumulative)
  })
})

import type { SeriesSpec } from '../../src/config/types.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'
import { endsInQuotes } from '../../src/load/csv.js'
import { pick } from './helpers.js'

function load(format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}, file = 'in.txt') {
  return loadSeries(toAsync(splitText(text)), { file, format, spec: { file, ...spec } })
}

const MiB = 1024 ** 2
const GiB = 1024 ** 3

describe('docker-stats', () => {
  it('CSV as elastiknn logs it: epoch seconds, unquoted "usage / limit", two containers, -- rows counted', async () => {
    const text = [
      'time,container,cpu_perc,mem_usage,net_io',
      '1700000000,web,0.50%,53.21MiB / 1.921GiB,1.2kB / 3kB',
      '1700000000,db,1.00%,100MiB / 1.921GiB,1e+03kB / 0B',
      '1700000010,web,0.50%,54MiB / 1.921GiB,1.2kB / 3kB',
      '1700000010,db,--,-- / --,--',
      'time,container,cpu_perc,mem_usage,net_io',
      '1700000020,web,0.50%,55.5MiB / 2GiB,1.2kB / 3kB'
    ].join('\n')
    const loaded = await load('docker-stats', text, {}, 'docker_stats.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(5)
    expect(loaded.skipped).toBe(1)
    expect(loaded.notes?.[0]).toMatch(/1 rows without a memory value/)
    const web = pick(loaded.series, 'MemUsage', 'web')
    expect(web.value).toEqual([Math.round(53.21 * MiB), 54 * MiB, 55.5 * MiB])
    expect(web.time).toEqual([1700000000000, 1700000010000, 1700000020000])
    expect(web.limit).toBe(2 * GiB)
    expect(web.timeBase).toBe('epoch')
    expect(pick(loaded.series, 'MemUsage', 'db').value).toEqual([100 * MiB])
  })

  it('TSV with `date` texts and MEMORY_USAGE / CONTAINER_NAME headers', async () => {
    const text = [
      'TIME\tCONTAINER_ID\tCONTAINER_NAME\tCPU_PERCENTAGE\tMEMORY_USAGE\tMEMORY_PERCENTAGE\tPIDs',
      'Mon Jan  1 12:00:00 UTC 2024\tb95a83497c91\tworker\t0.28%\t5.629MiB / 1.952GiB\t0.28%\t9',
      'Mon Jan  1 12:00:10 UTC 2024\tb95a83497c91\tworker\t0.28%\t6MiB / 1.952GiB\t0.30%\t9'
    ].join('\n')
    const loaded = await load('docker-stats', text)
    expect(loaded.errors).toEqual([])
    const worker = pick(loaded.series, 'MemUsage', 'worker')
    expect(worker.value).toEqual([5902434, 6 * MiB])
    expect(worker.time).toEqual([Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 0, 1, 12, 0, 10)])
  })

  it('a redirected streaming `docker stats` (ANSI escapes, repeated headers) with a time line before each frame', async () => {
    const frame = (time: string, usage: string) =>
      [
        time,
        '\x1b[HCONTAINER ID   NAME            CPU %     MEM USAGE / LIMIT     MEM %     NET I/O           BLOCK I/O         PIDS \x1b[K',
        `08a674064995   compose-web-1   0.00%     ${usage} / 1.921GiB   2.70%     67.4kB / 10.1kB   3.88GB / 4.1kB    22 \x1b[K`,
        'd1f8d1cdacda   compose-db-1    --        -- / --               --        -- / --           -- / --           -- \x1b[K',
        '\x1b[J'
      ].join('\n')
    const text = [frame('23:59:59', '53.21MiB'), frame('00:00:09', '54.5MiB')].join('\n')
    const loaded = await load('docker-stats', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.skipped).toBe(2)
    const web = pick(loaded.series, 'MemUsage', 'compose-web-1')
    expect(web.value).toEqual([Math.round(53.21 * MiB), 54.5 * MiB])
    expect(web.time).toEqual([86_399_000, 86_409_000])
    expect(web.timeBase).toBe('clock')
    expect(loaded.series).toHaveLength(1)
  })

  it('table lines with an ISO time prefix (`| ts`)', async () => {
    const text = [
      '2024-05-01T12:00:00Z CONTAINER ID   NAME   CPU %   MEM USAGE / LIMIT   MEM %',
      '2024-05-01T12:00:00Z abc123def456   api    1.00%   10MiB / 1GiB        1.00%',
      '2024-05-01T12:00:05Z abc123def456   api    1.00%   11MiB / 1GiB        1.10%'
    ].join('\n')
    const loaded = await load('docker-stats', text)
    expect(loaded.errors).toEqual([])
    const api = pick(loaded.series, 'MemUsage', 'api')
    expect(api.value).toEqual([10 * MiB, 11 * MiB])
    expect(api.time).toEqual([Date.UTC(2024, 4, 1, 12), Date.UTC(2024, 4, 1, 12, 0, 5)])
    expect(api.limit).toBe(GiB)
  })

  it('JSON lines with a time key added by the logger', async () => {
    const text = [
      '{"time":"2024-05-01T12:00:00Z","BlockIO":"0B / 13.3kB","CPUPerc":"0.03%","Container":"nginx","ID":"ed37317fbf42","MemPerc":"0.24%","MemUsage":"2.352MiB / 982.5MiB","Name":"nginx","NetIO":"539kB / 606kB","PIDs":"2"}',
      '{"time":"2024-05-01T12:00:01Z","BlockIO":"0B / 13.3kB","CPUPerc":"0.03%","Container":"nginx","ID":"ed37317fbf42","MemPerc":"0.25%","MemUsage":"2.4MiB / 982.5MiB","Name":"nginx","NetIO":"539kB / 606kB","PIDs":"2"}'
    ].join('\n')
    const loaded = await load('docker-stats', text, {
      metrics: { MemUsage: 'memory', PIDs: 'count' }
    })
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'MemUsage', 'nginx').value).toEqual([2466251, Math.round(2.4 * MiB)])
    expect(pick(loaded.series, 'PIDs', 'nginx').value).toEqual([2, 2])
    expect(pick(loaded.series, 'MemUsage', 'nginx').time[1]).toBe(Date.UTC(2024, 4, 1, 12, 0, 1))
  })

  it('%Mem only (percent signs stripped by the logger) becomes the memory series', async () => {
    const loaded = await load(
      'docker-stats',
      'timestamp,name,%CPU,%Mem\n2024-05-01T12:00:00,web,1.5,2.5\n2024-05-01T12:00:01,web,1.5,2.75\n'
    )
    expect(loaded.errors).toEqual([])
    const series = pick(loaded.series, 'MemPerc', 'web')
    expect(series.value).toEqual([2.5, 2.75])
    expect(series.unit).toBe('percent')
  })
})

describe('csv', () => {
  it('reads a quoted field that holds line breaks (RFC 4180) as one row', async () => {
    const text = [
      'time,note,rss',
      '1,"deploy',
      'started, ""v2""",100',
      '2,plain,110',
      '3,"three',
      'line',
      'note",120',
      '4,x,130'
    ].join('\r\n')
    const loaded = await load('csv', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(4)
    expect(pick(loaded.series, 'rss').value).toEqual([100, 110, 120, 130])
  })

  it('a quote inside an unquoted field (5" disk) costs its own row only', async () => {
    const text = [
      'time,note,rss',
      '1,ok,100',
      '2,5" disk,110',
      '3,ok,120',
      '4,6" disk,130',
      '5,ok,140'
    ].join('\n')
    const loaded = await load('csv', text, {}, 'in.csv')
    expect(loaded.errors.map((e) => e.line)).toEqual([3, 5])
    expect(pick(loaded.series, 'rss').value).toEqual([100, 120, 140])
  })

  it.each([
    ['1,"a', true],
    ['1,"a""b",2', false],
    ['1,"a, b",2', false],
    ['1,5" disk,2', false],
    ['1, "a', true],
    ['1,"a",2,"b', true]
  ])('endsInQuotes(%j) is %s', (line, open) => {
    expect(endsInQuotes(line, ',')).toBe(open)
  })

  it.each([
    ['b",2', false],
    ['still inside', true],
    ['x"",y', true],
    ['end",2,"next', true]
  ])('a continuation line %j leaves the quote open: %s', (line, open) => {
    expect(endsInQuotes(line, ',', true)).toBe(open)
  })

  it('a quote that never closes costs one row: an error on its line, the rows after it still read', async () => {
    const text = ['time,note,rss', '1,ok,100', '2,"oops,110', '3,ok,120', '4,ok,130'].join('\n')
    const loaded = await load('csv', text, {}, 'in.csv')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'in.csv:3: found "2,"oops,110", expected a closing quote for the field opened here (before the end of the file)'
    ])
    expect(pick(loaded.series, 'rss').value).toEqual([100, 120, 130])
  })

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CRCRLF (Locust on Windows)', '\r\r\n']
  ])('%s line endings, BOM, quoted fields, N/A cells', async (_name, eol) => {
    const text =
      '\ufefftimestamp,label,rss,heapUsed,"Total Request Count",p50' +
      eol +
      '2024-05-01T12:00:00Z,"a, quoted ""label""",100MiB,50000000,10,N/A' +
      eol +
      '2024-05-01T12:00:10Z,plain,101MiB,51000000,25,12' +
      eol
    const loaded = await load('csv', text, { work: 'Total Request Count' })
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(2)
    const rss = pick(loaded.series, 'rss')
    expect(rss.value).toEqual([100 * MiB, 101 * MiB])
    expect(rss.kind).toBe('memory')
    expect(rss.unit).toBe('bytes')
    expect(rss.work).toEqual([10, 25])
    expect(rss.workName).toBe('Total Request Count')
    expect(pick(loaded.series, 'heapUsed').kind).toBe('memory')
    expect(pick(loaded.series, 'heapUsed').unit).toBe('bytes')
    // p50's name says neither memory nor objects: next to rss and heapUsed it is not judged
    // (as zero-config detection leaves it out), and the notes say so
    expect(loaded.series.map((s) => s.metric)).toEqual(['rss', 'heapUsed'])
    expect(loaded.notes?.join('\n')).toMatch(/"p50" not judged/)
    const named = await load('csv', text, {
      work: 'Total Request Count',
      metrics: { rss: 'memory', p50: 'count' }
    })
    expect(pick(named.series, 'p50').value).toEqual([12])
    expect(pick(named.series, 'p50').kind).toBe('count')
  })

  it('uses the kinds the config gives and ignores other columns', async () => {
    const loaded = await load('csv', 'ts,live,created,noise\n1,5,10,7\n2,6,12,7\n', {
      metrics: { live: 'live', created: 'created' }
    })
    expect(loaded.series.map((s) => [s.metric, s.kind, s.value])).toEqual([
      ['live', 'live', [5, 6]],
      ['created', 'created', [10, 12]]
    ])
    expect(loaded.series[0].time).toEqual([1000, 2000])
  })

  it('without a time column the sample index stands in for time', async () => {
    const loaded = await load('csv', 'rss\n1\n2\n3\n')
    expect(loaded.series[0].timeBase).toBe('none')
    expect(loaded.series[0].value).toEqual([1, 2, 3])
  })

  it('a quoted field over two lines is an error, not a silent merge', async () => {
    const loaded = await load('csv', 'time,rss\n1,"2\n3"\n4,5\n', {}, 'q.csv')
    expect(loaded.errorCount).toBeGreaterThanOrEqual(1)
    expect(loaded.errors[0].message).toMatch(/^q\.csv:2: /)
  })
})

describe('jsonl', () => {
  it('numbers in memory columns are bytes, by name or by the config (as in CSV)', async () => {
    const text = [
      '{"time":"2024-05-01T12:00:00Z","rss":100000000,"heap":50000000,"handles":7,"cpu":3.5}',
      '{"time":"2024-05-01T12:00:01Z","rss":102000000,"heap":52000000,"handles":8,"cpu":4.5}'
    ].join('\n')
    const byName = await load('jsonl', text)
    // open handles are a count a program keeps (judged, constant expected); cpu says neither
    expect(byName.series.map((s) => [s.metric, s.kind, s.unit])).toEqual([
      ['rss', 'memory', 'bytes'],
      ['heap', 'memory', 'bytes'],
      ['handles', 'count', 'count']
    ])
    expect(byName.notes?.join('\n')).toMatch(/"cpu" not judged/)
    const runtimes = await load(
      'jsonl',
      '{"ts":1700000000,"memory_info":{"rss":1,"vms":2,"uss":3},"go":{"heap_inuse":4,"HeapAlloc":5,"NumGC":6}}'
    )
    expect(runtimes.series.map((s) => [s.metric, s.unit])).toEqual([
      ['memory_info.rss', 'bytes'],
      ['memory_info.vms', 'bytes'],
      ['memory_info.uss', 'bytes'],
      ['go.heap_inuse', 'bytes'],
      ['go.HeapAlloc', 'bytes']
    ])
    const configured = await load('jsonl', text, { metrics: { rss: 'memory', heap: 'memory' } })
    expect(configured.series.map((s) => [s.metric, s.unit, s.value])).toEqual([
      ['rss', 'bytes', [100000000, 102000000]],
      ['heap', 'bytes', [50000000, 52000000]]
    ])
  })

  it('flattens nested objects with dots and accepts size strings', async () => {
    const text = [
      '{"ts":"2024-05-01T12:00:00Z","mem":{"rss":1000,"heap":"2MiB"},"registry":{"size":3},"note":"ok"}',
      '{"ts":"2024-05-01T12:00:01Z","mem":{"rss":1100,"heap":"2.5MiB"},"registry":{"size":4},"extra":1}'
    ].join('\n')
    const loaded = await load('jsonl', text)
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'mem.rss').value).toEqual([1000, 1100])
    expect(pick(loaded.series, 'mem.heap').value).toEqual([2 * MiB, 2.5 * MiB])
    expect(pick(loaded.series, 'mem.heap').kind).toBe('memory')
    // a registry's size is a count a program keeps; `extra` says nothing
    expect(loaded.series.map((s) => [s.metric, s.kind])).toEqual([
      ['mem.rss', 'memory'],
      ['mem.heap', 'memory'],
      ['registry.size', 'count']
    ])
    expect(loaded.notes?.join('\n')).toMatch(/"extra" not judged/)
  })
})

describe('log', () => {
  it('turns matching lines into rows, skips the rest, rolls the clock over midnight', async () => {
    const text = [
      '23:59:50 INFO start',
      '23:59:55 stats archives=100 live=10 rss=200MiB',
      '23:59:58 DEBUG noise',
      '00:00:05 stats archives=200 live=12 rss=201MiB'
    ].join('\n')
    const loaded = await load('log', text, {
      pattern:
        '^(?<time>\\d\\d:\\d\\d:\\d\\d) stats archives=(?<archives>\\d+) live=(?<live>\\d+) rss=(?<rss>\\S+)',
      work: 'archives',
      metrics: { live: 'live', rss: 'memory' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(2)
    expect(loaded.skipped).toBe(2)
    const rss = pick(loaded.series, 'rss')
    expect(rss.value).toEqual([200 * MiB, 201 * MiB])
    expect(rss.time).toEqual([86_395_000, 86_405_000])
    expect(rss.work).toEqual([100, 200])
    expect(pick(loaded.series, 'live').kind).toBe('live')
  })

  it('accepts /source/flags', async () => {
    const loaded = await load('log', 'RSS=5\nrss=6\n', { pattern: '/rss=(?<rss>\\d+)/i' })
    expect(loaded.series[0].value).toEqual([5, 6])
  })
})

describe('JSON arrays of samples (jsonl and json series)', () => {
  const samples = [
    { time: '2026-11-25T07:57:20.123Z', rss: 52133888, heapUsed: 11735168 },
    { time: '2026-11-25T07:57:22.123Z', rss: 52789248, mem: { heapUsed: 12259456 } },
    { time: '2026-11-25T07:57:24.123Z', rss: 53444608, heapUsed: 12783744 }
  ]
  const T = Date.parse('2026-11-25T07:57:20.123Z')

  it.each([
    ['JSON.stringify(samples)', JSON.stringify(samples)],
    ['JSON.stringify(samples, null, 2)', JSON.stringify(samples, null, 2)]
  ] as const)('jsonl reads %s one point per object', async (_name, text) => {
    for (const format of ['jsonl', 'json'] as const) {
      const loaded = await load(format, text, { time: 'time' }, 'memory.json')
      expect(loaded.errors).toEqual([])
      expect(loaded.rows).toBe(3)
      const rss = pick(loaded.series, 'rss')
      expect(rss.value).toEqual([52133888, 52789248, 53444608])
      expect(rss.time).toEqual([T, T + 2000, T + 4000])
      expect(pick(loaded.series, 'heapUsed').value).toEqual([11735168, 12783744])
      expect(pick(loaded.series, 'mem.heapUsed').value).toEqual([12259456])
    }
  })

  it('reports an unclosed array at the object it cut', async () => {
    const text = JSON.stringify(samples, null, 2).split('\n').slice(0, 9).join('\n')
    const loaded = await load('jsonl', text, {}, 'memory.json')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'memory.json:7: found "end of file", expected the JSON array closed by `]`'
    ])
  })

  it('json on one object is still a snapshot, not a series', async () => {
    const loaded = await load('json', '{\n  "rss": 1\n}\n', {}, 'post.json')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'post.json: found "format: json", expected a series format (docker-stats, csv, jsonl, log, prometheus); json is a snapshot: list it under `snapshots:`, or use jsonl for one object per line'
    ])
  })

  it('jsonl lines are read as before when the first line is an object', async () => {
    const text = samples.map((s) => JSON.stringify(s)).join('\n')
    const loaded = await load('jsonl', text, { metrics: { rss: 'memory' } }, 'm.jsonl')
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'rss').value).toEqual([52133888, 52789248, 53444608])
  })
})

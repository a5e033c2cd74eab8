/**
 * What the numbers of a series are in: `unit:` for plain memory numbers
 * (ps, top and /proc write KiB) and `time-unit:` for numeric time columns
 * (performance.now() counts ms). Without them, values that cannot be what
 * they were read as get a note that says how to set them.
 */
import type { SeriesSpec } from '../../src/config/types.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'
import { pick } from './helpers.js'

function load(format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}) {
  return loadSeries(toAsync(splitText(text)), {
    file: 'memory.csv',
    format,
    spec: { file: 'memory.csv', ...spec }
  })
}

// `ps -o rss=,vsz=` of a leaking node process, sampled with `date +%s.%N`
const PS_CSV = [
  'time,rss,vsz,cpu',
  '1795593440.101,60728,1043208,12.5%',
  '1795593440.305,148212,1130692,40%',
  '1795593440.509,236120,1218600,41%',
  '1795593440.713,496140,1478620,39%'
].join('\n')

describe('unit: plain numbers in memory columns', () => {
  it('KiB numbers read as KiB, percent columns and values with their own unit untouched', async () => {
    const loaded = await load('csv', `${PS_CSV}\n1795593440.917,5MiB,1.5GiB,38%\n`, {
      unitBytes: 1024
    })
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'rss').value).toEqual([
      60728 * 1024,
      148212 * 1024,
      236120 * 1024,
      496140 * 1024,
      5 * 1024 ** 2
    ])
    expect(pick(loaded.series, 'vsz').value[4]).toBe(1.5 * 1024 ** 3)
    expect(loaded.series.map((s) => s.metric)).toEqual(['rss', 'vsz'])
    expect(loaded.notes ?? []).toEqual([
      '"cpu" not judged: numbers whose name says neither memory nor objects, next to columns that do (name them under `metrics:` to analyse them)'
    ])
  })

  it('without it, a process size under 1 MiB gets a note naming `unit: KiB`', async () => {
    // four readings: too few to read a unit from their size (see the next test for six and more)
    const loaded = await load('csv', PS_CSV)
    expect(pick(loaded.series, 'rss').value[0]).toBe(60728)
    expect(loaded.notes).toContain(
      '"rss": every value is under 1 MiB, too small for a process\'s memory in bytes; as KiB the largest is 485 MiB: if the tool writes KiB (ps, top, /proc, getrusage), set `unit: KiB` on the series'
    )
    // 64 KiB and up: a note, and the series is still judged
    expect(pick(loaded.series, 'rss').unitDoubt).toBeUndefined()
  })

  it("MiB numbers (a docker stats logger's 297.1) are read as MiB, with a note saying so", async () => {
    const csv =
      'time,memory\n' +
      Array.from(
        { length: 12 },
        (_, i) => `${1795593440 + i * 300},${(297.1 + i * 2).toFixed(1)}`
      ).join('\n')
    const loaded = await load('csv', csv)
    // under 1,024: in KiB no process's size (under 1 MiB), in MiB 297-319 MiB
    expect(loaded.notes).toContain(
      '"memory": every value is under 1 MiB, too small for a process\'s memory in bytes: read as MiB (the largest 319.1 MiB), as loggers write `Math.round(rss / 1024 / 1024)` (in KiB it would be under 1 MiB); set `unit:` on the series to say otherwise'
    )
    expect(pick(loaded.series, 'memory').unitDoubt).toBeUndefined()
    expect(pick(loaded.series, 'memory').value[0]).toBeCloseTo(297.1 * 1024 ** 2, 0)
    const set = await load('csv', csv, { unitBytes: 1024 ** 2 })
    expect(set.notes ?? []).toEqual([])
    expect(pick(set.series, 'memory').unitDoubt).toBeUndefined()
  })

  it('six or more KiB numbers (ps -o rss, 64 KiB to 1 MiB) are read as KiB; bytes beside them keep them bytes', async () => {
    const rows = (n: number, f: (i: number) => string): string =>
      Array.from({ length: n }, (_, i) => `${1795593440 + i * 10},${f(i)}`).join('\n')
    const kib = await load(
      'csv',
      'time,rss,vsz\n' + rows(8, (i) => `${120000 + i * 900},${900000}`)
    )
    expect(pick(kib.series, 'rss').value[0]).toBe(120000 * 1024)
    expect(kib.notes?.join('\n')).toMatch(/"rss": .*read as KiB \(the largest 123\.3 MiB\)/)
    // ps -o rss,vsz: the virtual size, over 1 MiB in KiB, takes the resident size's KiB
    const ps = await load(
      'csv',
      'time,rss,vsz\n' + rows(8, (i) => `${150000 + i * 1000},${1075000 + i * 1000}`)
    )
    expect(pick(ps.series, 'rss').value[0]).toBe(150000 * 1024)
    expect(pick(ps.series, 'vsz').value[0]).toBe(1075000 * 1024)
    // a tiny script's heapUsed (650 KB) beside its RSS in bytes (4.9 MB): bytes, as written
    const bytes = await load(
      'csv',
      'time,rss,heapUsed\n' + rows(8, (i) => `${4935680 + i * 4096},${650472 + i * 1024}`)
    )
    expect(pick(bytes.series, 'heapUsed').value[0]).toBe(650472)
    // 1,024 to 65,535 reads as a process in KiB and in MiB: not judged, the unit to set is named
    const unsure = await load('csv', 'time,rss\n' + rows(8, (i) => String(30000 + i * 100)))
    expect(pick(unsure.series, 'rss').unitDoubt).toMatch(/set `unit: KiB`/)
  })

  it('JSON numbers and log captures take the unit too', async () => {
    const jsonl = await load(
      'jsonl',
      '{"t":1795593440,"maxrss":60728}\n{"t":1795593441,"maxrss":70000}\n',
      {
        unitBytes: 1024,
        metrics: { maxrss: 'memory' }
      }
    )
    expect(pick(jsonl.series, 'maxrss').value).toEqual([60728 * 1024, 70000 * 1024])
    const log = await load(
      'log',
      '[Scavenge] 224 ms: 24.8 (27.3) -> 23.9 (28.1) MB\n[Scavenge] 410 ms: 30.1 (33.0) -> 29.5 (34.0) MB\n',
      {
        pattern: '(?<ms>\\d+) ms: .* -> (?<after>[\\d.]+) \\((?<total>[\\d.]+)\\) MB',
        time: 'ms',
        metrics: { after: 'memory' },
        unitBytes: 1024 ** 2,
        timeUnitMs: 1
      }
    )
    expect(log.errors).toEqual([])
    expect(pick(log.series, 'after').value).toEqual([
      Math.round(23.9 * 1024 ** 2 * 1e6) / 1e6,
      Math.round(29.5 * 1024 ** 2 * 1e6) / 1e6
    ])
    expect(pick(log.series, 'after').time).toEqual([224, 410])
  })
})

describe('time-unit: numeric time columns', () => {
  const NOW = 'time,heapUsed\n1234.5,50000000\n1734.5,52000000\n2234.5,54000000\n'

  it('elapsed ms (performance.now()) read as ms when the series says so, with no note', async () => {
    const loaded = await load('csv', NOW, { timeUnitMs: 1 })
    expect(pick(loaded.series, 'heapUsed').time).toEqual([1234.5, 1734.5, 2234.5])
    expect(loaded.notes ?? []).toEqual([])
  })

  it('without it, numbers that are no dates of a test run get a note naming `time-unit:`', async () => {
    const loaded = await load('csv', NOW)
    expect(pick(loaded.series, 'heapUsed').time).toEqual([1234500, 1734500, 2234500])
    expect(loaded.notes).toContain(
      'time column "time" holds no dates of a test run (as epoch s its first value is 1970-01-01T00:20:34Z): read as elapsed time in s; if it counts another unit (performance.now() and --trace-gc count ms, process.hrtime.bigint() ns), set `time-unit:` on the series'
    )
  })

  it('an ISO time where `time-unit:` says numbers: the error says what the config asked for', async () => {
    const loaded = await load('csv', 'time,heapUsed\n2026-11-25T07:57:50Z,50000000\n', {
      timeUnitMs: 1
    })
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'memory.csv:2: column "time": found "2026-11-25T07:57:50Z", expected epoch milliseconds (the series\' `time-unit:`)'
    ])
  })

  it('real epoch times get no note', async () => {
    const loaded = await load('csv', 'time,heapUsed\n1795593440,50000000\n1795593441,52000000\n')
    expect(loaded.notes ?? []).toEqual([])
  })
})

describe('what ps and shell loggers really write', () => {
  it('padded numbers (`date, ps` writes ", 4032") take the unit like the others', async () => {
    const loaded = await load(
      'csv',
      'time,rss\n1795593440, 4032\n1795593441,4100\n1795593442,\t4200\n',
      {
        unitBytes: 1024
      }
    )
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'rss').value).toEqual([4032 * 1024, 4100 * 1024, 4200 * 1024])
  })

  it('a unit in the column name (rss_kb, heap_used_mb) is the unit of its numbers, said in a note', async () => {
    const loaded = await load(
      'csv',
      'time,rss_kb,heap_used_mb,container_rss\n1795593440,60728,41.5,70000000\n'
    )
    expect(loaded.series.map((s) => [s.metric, s.kind, s.value[0]])).toEqual([
      ['rss_kb', 'memory', 60728 * 1024],
      ['heap_used_mb', 'memory', 41.5 * 1024 ** 2],
      ['container_rss', 'memory', 70000000]
    ])
    expect(loaded.notes).toContain(
      '"rss_kb", "heap_used_mb" read in the unit their names give (kb = KiB, mb = MiB: as ps, top, /proc and V8 mean them); set `unit:` on the series to say otherwise'
    )
    const told = await load('csv', 'time,rss_kb\n1795593440,60728\n', { unitBytes: 1 })
    expect(told.series[0].value).toEqual([60728])
  })

  it('Go time.Time.String() where the zone has no name repeats the offset', async () => {
    const loaded = await load(
      'csv',
      'time,rss\n2026-11-25 07:57:50.123 -0300 -03,100000000\n2026-11-25 18:57:51 +0800 +08,100000001\n'
    )
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'rss').time).toEqual([
      Date.UTC(2026, 10, 25, 10, 57, 50, 123),
      Date.UTC(2026, 10, 25, 10, 57, 51)
    ])
  })

  it('a Prometheus series refuses unit: and time-unit: (its values are in base units)', async () => {
    const loaded = await load('prometheus', 'rss_bytes 100 1000\n', { unitBytes: 1024 })
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'memory.csv: found "unit", expected no `unit:` or `time-unit:` on a Prometheus series (its values are bytes and seconds, its timestamps ms)'
    ])
  })
})

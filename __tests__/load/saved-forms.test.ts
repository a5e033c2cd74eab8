/**
 * Files as people's tools save them (fixtures in __fixtures__/load/saved-forms,
 * written in the formats of public repositories' files): dotnet-counters'
 * long CSV with US dates, a `date +FORMAT` line before each `docker stats
 * --no-stream` table, hours without their leading zero; and the day-month
 * order of numeric dates settled by the column itself.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSeries, splitText } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import type { InputFormat } from '../../src/model.js'

const DIR = '__fixtures__/load/saved-forms'
const MiB = 1024 ** 2

async function load(file: string, format: InputFormat, spec: Partial<SeriesSpec> = {}) {
  const text = readFileSync(join(DIR, file), 'utf8')
  return loadSeries(splitText(text), { file, format, spec: { file, ...spec } })
}

async function loadText(text: string, spec: Partial<SeriesSpec> = {}) {
  return loadSeries(splitText(text), {
    file: 'in.csv',
    format: 'csv',
    spec: { file: 'in.csv', ...spec }
  })
}

describe('dotnet-counters CSV (long format, one counter per row)', () => {
  it('memory counters become series of their own, kind and unit from the counter', async () => {
    const loaded = await load('dotnet-counters.csv', 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.kind, s.unit, s.samples])).toEqual([
      ['dotnet-counters.csv:dotnet.process.memory.working_set (By)', 'memory', 'bytes', 30],
      [
        'dotnet-counters.csv:dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0]',
        'memory',
        'bytes',
        30
      ]
    ])
    const ws = loaded.series[0]
    expect(ws.value[0]).toBe(150_000_000)
    // 08/12/2025 23:59:50: US order, settled by the 13th after midnight
    expect(ws.time[0]).toBe(Date.UTC(2025, 7, 12, 23, 59, 50))
    expect(ws.time[ws.time.length - 1]).toBe(Date.UTC(2025, 7, 13, 0, 0, 19))
    expect(loaded.notes?.join('\n')).toMatch(
      /dotnet-counters CSV: one series per counter \(2 judged; not judged: 2 counters that are no memory/
    )
  })

  it('metrics: picks counters by their name before the unit, with the kind given', async () => {
    const loaded = await load('dotnet-counters.csv', 'csv', {
      metrics: { 'dotnet.assembly.count': 'count', 'dotnet.process.memory.working_set': 'memory' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit])).toEqual([
      ['dotnet.process.memory.working_set (By)', 'memory', 'bytes'],
      ['dotnet.assembly.count ({assembly})', 'count', 'count']
    ])
  })

  it('a counter metrics: names that the file lacks is an error naming the counters', async () => {
    const loaded = await load('dotnet-counters.csv', 'csv', {
      metrics: { 'dotnet.process.memory.workingset': 'memory' }
    })
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'dotnet-counters.csv: column "Counter Name": found no counter "dotnet.process.memory.workingset", expected a counter of the file (dotnet.process.memory.working_set, dotnet.gc.last_collection.heap.size, dotnet.assembly.count, dotnet.gc.collections, …)'
    ])
  })
})

describe('a `date +FORMAT` line before each docker stats table', () => {
  it('gives the rows of its table that time', async () => {
    const loaded = await load('docker-stats-date-lines.txt', 'docker-stats')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.group, s.samples, s.timeBase])).toEqual([
      ['web-proxy-1', 12, 'epoch'],
      ['web-blog-1', 12, 'epoch']
    ])
    const blog = loaded.series[1]
    expect(blog.time[0]).toBe(Date.UTC(2024, 1, 19, 16, 22, 56))
    expect(blog.time[11]).toBe(Date.UTC(2024, 1, 19, 16, 23, 29))
    expect(blog.value[11]).toBe(Math.round(14.3 * MiB))
    expect(blog.limit).toBe(30 * MiB)
  })

  it.each([
    ['2024-02-19_16-22-56', Date.UTC(2024, 1, 19, 16, 22, 56)],
    ['=== 2024-02-19 16:22:56 ===', Date.UTC(2024, 1, 19, 16, 22, 56)],
    ['Time: 20240219_162256', Date.UTC(2024, 1, 19, 16, 22, 56)],
    ['[19-Feb-2024 16:22:56]', Date.UTC(2024, 1, 19, 16, 22, 56)],
    ['19.02.2024 16:22:56', Date.UTC(2024, 1, 19, 16, 22, 56)]
  ])('time line %j', async (line, ms) => {
    const text = [
      line,
      'CONTAINER ID   NAME   CPU %   MEM USAGE / LIMIT   MEM %',
      'abc123def456   web    1.00%   10MiB / 1GiB        0.98%'
    ].join('\n')
    const loaded = await loadSeries(splitText(text), {
      file: 'stats.txt',
      format: 'docker-stats',
      spec: { file: 'stats.txt' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([ms])
  })
})

describe('hours without their leading zero', () => {
  it('2023-11-25 0:05 reads as five past midnight', async () => {
    const loaded = await load('unpadded-hours.csv', 'csv', {
      time: 'Timestamp',
      group: 'Container',
      unitBytes: MiB,
      metrics: { 'Memory Usage': 'memory' }
    })
    expect(loaded.errors).toEqual([])
    const series = loaded.series[0]
    expect(series.samples).toBe(12)
    expect(series.time[4]).toBe(Date.UTC(2023, 10, 25, 0, 0))
    expect(series.time[11]).toBe(Date.UTC(2023, 10, 25, 0, 35))
    expect(series.value[0]).toBeCloseTo(297.1 * MiB)
  })
})

describe('MM/DD/YYYY or DD/MM/YYYY: the column settles it', () => {
  const rows = (dates: string[]) =>
    'time,rss\n' + dates.map((date, i) => `${date},${100_000_000 + i}`).join('\n') + '\n'

  it('a day above 12 in the first place, even on a late line, makes the column DD/MM', async () => {
    const loaded = await loadText(
      rows(['12/11/2025 23:59:58', '12/11/2025 23:59:59', '13/11/2025 00:00:00'])
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      Date.UTC(2025, 10, 12, 23, 59, 58),
      Date.UTC(2025, 10, 12, 23, 59, 59),
      Date.UTC(2025, 10, 13)
    ])
  })

  it('a day above 12 in the second place makes it MM/DD', async () => {
    const loaded = await loadText(rows(['11/12/2025 23:59:59', '11/13/2025 00:00:00']))
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      Date.UTC(2025, 10, 12, 23, 59, 59),
      Date.UTC(2025, 10, 13)
    ])
  })

  it('a column that never settles it is an error naming both readings', async () => {
    const loaded = await loadText(rows(['05/06/2025 10:00:00', '05/06/2025 10:00:10']))
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'in.csv:2: column "time": found "05/06/2025 10:00:00", expected a date whose day-month order the column settles (a day above 12), but every date here reads both ways ("05/06" is month 5 day 6 as MM/DD/YYYY, day 5 month 6 as DD/MM/YYYY): set `time-format: MM/DD/YYYY` or `time-format: DD/MM/YYYY` on the series'
    ])
  })

  it('time-format: settles it, and a date against it is an error', async () => {
    const dayFirst = await loadText(rows(['05/06/2025 10:00:00', '05/06/2025 10:00:10']), {
      timeFormat: 'DD/MM/YYYY'
    })
    expect(dayFirst.errors).toEqual([])
    expect(dayFirst.series[0].time[0]).toBe(Date.UTC(2025, 5, 5, 10))
    const against = await loadText(rows(['05/06/2025 10:00:00', '05/13/2025 10:00:10']), {
      timeFormat: 'DD/MM/YYYY'
    })
    expect(against.errors.map((e) => e.message)).toEqual([
      'in.csv:3: column "time": found "05/13/2025 10:00:10", expected a date in the column\'s order DD/MM/YYYY (settled by the series\' `time-format:`)'
    ])
  })

  it('time-format: a whole pattern for the rest', async () => {
    const loaded = await loadText(rows(['2025.11.05-10h00', '2025.11.05-10h05']), {
      timeFormat: 'YYYY.MM.DD-HHhmm'
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([Date.UTC(2025, 10, 5, 10), Date.UTC(2025, 10, 5, 10, 5)])
  })
})

describe('a CSV with no header row', () => {
  it('says "no header row" and quotes the first line as written, escaped and short', async () => {
    const line =
      '2024-12-03T20:14:14, e4372c1e283a, shop-web-1, 0.11%, 120.5MiB / 1.944GiB, 6.05%, 1.2kB / 0B, 0B / 0B, 9'
    const text = `${line}\n${line.replace('20:14:14', '20:14:24')}\n`
    const loaded = await loadSeries(splitText(text), {
      file: 'docker_stats.csv',
      format: 'docker-stats',
      spec: { file: 'docker_stats.csv' }
    })
    expect(loaded.series).toEqual([])
    expect(loaded.errors).toHaveLength(1)
    const message = loaded.errors[0].message
    expect(message).toMatch(/^docker_stats\.csv:1: found "2024-12-03T20:14:14, e4372c1e283a, /)
    expect(message).toContain(
      'expected a header row naming the columns (no header row: this first line holds values'
    )
    const tab = await loadText('1700000000\t\u001b[31m12\t5MiB\n1700000001\t13\t6MiB\n', {
      time: 'time'
    })
    expect(tab.errors[0].message).toMatch(
      /^in\.csv:1: found "1700000000\?\?\[31m12\?5MiB", expected a header row/
    )
    expect(tab.errors[0].message).not.toContain('\u001b')
  })
})

describe('a docker usage column of plain MiB numbers with no `unit:`', () => {
  it('is not judged as bytes: read as MiB (under 1,024, in KiB no process), with a note', async () => {
    const loaded = await load('unpadded-hours.csv', 'docker-stats')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.unitDoubt])).toEqual([
      ['unpadded-hours.csv:MemUsage[Visualizer]', undefined]
    ])
    expect(Math.max(...loaded.series[0].value)).toBeCloseTo(298 * 1024 ** 2, -5)
    expect(loaded.notes?.join('\n')).toMatch(/read as MiB \(the largest 298\.0 MiB\)/)
  })
})

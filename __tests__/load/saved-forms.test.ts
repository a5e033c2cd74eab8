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
import { suggestLogPattern } from '../../src/understand/log-suggestion.js'

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

  it('a column that never settles it, where the order changes times apart, is an error naming both readings', async () => {
    // a day apart as DD/MM, a month apart as MM/DD: neither steps as a run's sampling does
    const loaded = await loadText(rows(['05/06/2025 10:00:00', '06/06/2025 10:00:00']))
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
    // docker's own cells with no header are read by them (__tests__/load/docker-loops.test.ts);
    // two containers' cells run together on one line are not
    const line =
      '2024-12-03T20:14:14, e4372c1e283a, shop-web-1, 0.11%, 120.5MiB / 1.944GiB fb87f88ed80a, shop-db-1, 0.26%, 97.08MiB / 1.944GiB'
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

describe('elapsed times with their unit (`+5s`, Go durations)', () => {
  it('relative-seconds.csv: `+0s`, `+5s` are seconds since the start, on the clock axis', async () => {
    const loaded = await load('relative-seconds.csv', 'csv')
    expect(loaded.errors).toEqual([])
    const rss = loaded.series[0]
    expect(rss.timeBase).toBe('clock')
    expect(rss.time).toEqual([0, 5000, 10000, 15000, 20000, 25000, 30000, 35000])
    expect(rss.value[0]).toBeCloseTo(152.1 * MiB)
  })

  it('go-durations.csv: time.Duration as Go prints it (500ms, 1m2.5s, 1h2m3.5s)', async () => {
    const loaded = await load('go-durations.csv', 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      0, 500, 2500, 59_500, 60_000, 62_500, 3_599_500, 3_600_000, 3_723_500
    ])
  })

  it('a plain number among durations is an error at its line and column, and so is the reverse', async () => {
    const loaded = await loadText('elapsed,rss\n0s,100000000\n5s,100000001\n10,100000002\n')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'in.csv:4: column "elapsed": found "10", expected an elapsed time with its unit like "5s", "+1m30s" or "1h2m3.5s" (as in the first row)'
    ])
    const reverse = await loadText('elapsed,rss\n0,100000000\n5s,100000001\n')
    expect(reverse.errors.map((e) => e.message)).toEqual([
      'in.csv:3: column "elapsed": found "5s", expected epoch seconds (as in the first row)'
    ])
  })

  it('a duration per row that goes back (each cycle timed) is judged in file order, not as a clock', async () => {
    const cycles = ['1.2s', '900ms', '1.5s', '800ms', '1.1s', '950ms', '1.3s', '700ms']
    const loaded = await loadText(
      'duration,rss\n' + cycles.map((c, i) => `${c},${100_000_000 + i}`).join('\n') + '\n',
      { time: 'duration' }
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].timeBase).toBe('none')
    expect(loaded.notes?.join('\n')).toMatch(/time column `duration`: goes back at 4 of 7 steps/)
  })
})

describe('elapsed MM:SS against a clock HH:MM', () => {
  const rows = (name: string, times: string[]) =>
    `${name},rss\n` + times.map((time, i) => `${time},${100_000_000 + i}`).join('\n') + '\n'

  it('elapsed-mmss.csv: a column named `elapsed` is minutes:seconds, minutes past 59 included', async () => {
    const loaded = await load('elapsed-mmss.csv', 'csv')
    expect(loaded.errors).toEqual([])
    const rss = loaded.series[0]
    expect(rss.timeBase).toBe('clock')
    expect(rss.time).toEqual([0, 15, 30, 45, 60, 3590, 3605, 4510].map((s) => s * 1000))
    expect(loaded.notes?.join('\n')).toContain(
      'time column `elapsed`: read as elapsed minutes:seconds (MM:SS), not a clock\'s HH:MM: settled by the column\'s name "elapsed" (a time since the start); set `time-format: HH:mm` on the series to read it as a clock'
    )
  })

  it('a first field above 23 is minutes whatever the name', async () => {
    const loaded = await loadText(rows('time', ['22:30', '23:00', '23:30', '24:00']))
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([1350_000, 1380_000, 1410_000, 1440_000])
    expect(loaded.notes?.join('\n')).toMatch(/settled by "24:00" \(24 is no hour of a clock\)/)
  })

  it('from 00:00 by steps under a minute: elapsed, said in the note', async () => {
    const loaded = await loadText(rows('time', ['00:00', '00:05', '00:10', '00:55', '01:00']))
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([0, 5000, 10_000, 55_000, 60_000])
    expect(loaded.notes?.join('\n')).toMatch(
      /it starts at 00:00 and steps by under a minute, as a run's elapsed time does/
    )
  })

  it('a column that reads both ways is an error naming the setting; time-format settles it', async () => {
    const text = rows('time', ['10:00', '10:05', '10:10'])
    const loaded = await loadText(text)
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'in.csv:2: column "time": found "10:00", expected a time whose form the column settles, but every value here reads both as a clock HH:MM and as elapsed minutes:seconds ("10:00" is 10:00 o\'clock, or 10 min 0 s after the start): set `time-format: mm:ss` (elapsed) or `time-format: HH:mm` (clock) on the series, or name the column `elapsed`'
    ])
    // from 00:00 by steps under a minute as MM:SS (00:01 is 1 s later): elapsed; by whole minutes, not settled
    const minutes = await loadText(rows('time', ['00:00', '00:01', '00:03']))
    expect(minutes.errors).toEqual([])
    const stepped = await loadText(rows('time', ['00:00', '01:00', '02:00']))
    expect(stepped.errors.map((e) => e.message)[0]).toMatch(
      /found "00:00", expected a time whose form/
    )
    const clock = await loadText(text, { timeFormat: 'HH:mm' })
    expect(clock.errors).toEqual([])
    expect(clock.series[0].time).toEqual([
      10 * 3600_000,
      10 * 3600_000 + 300_000,
      10 * 3600_000 + 600_000
    ])
    expect(clock.notes?.join('\n') ?? '').not.toMatch(/MM:SS/)
    const elapsed = await loadText(text, { timeFormat: 'mm:ss' })
    expect(elapsed.series[0].time).toEqual([600_000, 605_000, 610_000])
  })

  it('time-format: HH:mm rolls the clock over midnight; mm:ss refuses a clock with seconds', async () => {
    const clock = await loadText(rows('time', ['23:58', '23:59', '00:00', '00:01']), {
      timeFormat: 'HH:mm'
    })
    expect(clock.errors).toEqual([])
    expect(clock.series[0].time).toEqual([1438, 1439, 1440, 1441].map((m) => m * 60_000))
    const elapsed = await loadText(rows('time', ['00:00', '00:00:05']), { timeFormat: 'mm:ss' })
    expect(elapsed.errors.map((e) => e.message)).toEqual([
      'in.csv:3: column "time": found "00:00:05", expected elapsed minutes:seconds MM:SS like "03:40" (the series\' `time-format:`)'
    ])
  })
})

describe('numeric dates whose order changes no time apart, or only one order steps forward', () => {
  it('us-12h-noon.csv: one day throughout, 12-hour clock across noon: read with a note', async () => {
    const loaded = await load('us-12h-noon.csv', 'csv')
    expect(loaded.errors).toEqual([])
    const rss = loaded.series[0]
    // 11:59:45 AM … 12:00:00 PM (noon) … 12:00:20 PM
    expect(rss.time).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Date.UTC(2025, 2, 10, 11, 59, 45 + 5 * i))
    )
    expect(loaded.notes?.join('\n')).toContain(
      'time column `time`: dates like "03/10/2025 11:59:45 AM" read month first (MM/DD/YYYY): no day above 12 settles the order, and every date is the same day (03/10/2025), so the order changes no elapsed time'
    )
  })

  it('us-12h-midnight.csv: 12:00:00 AM is midnight, and only month first steps by 5 s there', async () => {
    const loaded = await load('us-12h-midnight.csv', 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Date.UTC(2025, 2, 10, 23, 59, 45 + 5 * i))
    )
    expect(loaded.notes?.join('\n')).toMatch(
      /read month first \(MM\/DD\/YYYY\): no day above 12 settles the order, and where the date changes, only this order steps forward by less than a day as the rows' times do \(DD\/MM\/YYYY jumps by a month or goes back\)/
    )
  })

  it('eu-24h-midnight.csv: day first when only day first steps forward (read again so)', async () => {
    const loaded = await load('eu-24h-midnight.csv', 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Date.UTC(2025, 2, 10, 23, 59, 45 + 5 * i))
    )
    expect(loaded.notes?.join('\n')).toMatch(
      /dates like "10\/03\/2025 23:59:45" read day first \(DD\/MM\/YYYY\)/
    )
  })

  it('dates a day apart in either order, or going back, stay an error', async () => {
    const daily = await loadText(
      'time,rss\n05/06/2025 10:00:00,100000000\n06/06/2025 10:00:00,100000001\n'
    )
    expect(daily.series).toEqual([])
    expect(daily.errors.map((e) => e.message)[0]).toMatch(
      /found "05\/06\/2025 10:00:00", expected a date whose day-month order the column settles/
    )
    const back = await loadText(
      'time,rss\n03/10/2025 10:00:00,100000000\n03/11/2025 09:00:00,100000001\n03/10/2025 10:00:05,100000002\n'
    )
    expect(back.errors.map((e) => e.message)[0]).toMatch(/expected a date whose day-month order/)
  })
})

describe('date texts in CSV: RFC 2822 and JavaScript Date.toString()', () => {
  it('rfc2822-unquoted.csv: `date -R` with its comma unquoted, one field more on every row', async () => {
    const loaded = await load('rfc2822-unquoted.csv', 'csv')
    expect(loaded.errors).toEqual([])
    const rss = loaded.series[0]
    expect(rss.samples).toBe(8)
    expect(rss.time).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Date.UTC(2025, 2, 10, 10, 0, 5 * i))
    )
    expect(rss.value[7]).toBeCloseTo(160.1 * MiB)
    expect(loaded.notes?.join('\n')).toContain(
      'time column `date` written with its comma unquoted ("Mon, 10 Mar 2025 10:00:00 +0000"), so every row has one field more than the header: the two fields read as one date'
    )
  })

  it('a later row without the extra field is an error at its line; a first row that is no date keeps the field-count error', async () => {
    const later = await loadText(
      'date,rss\nMon, 10 Mar 2025 10:00:00 +0000,100000000\n2025-03-10T10:00:05Z,100000001\n'
    )
    expect(later.errors.map((e) => e.message)).toEqual([
      'in.csv:3: column "date": found "2 fields", expected 3 fields as on the first row (the header\'s 2, the time "date" written with its comma unquoted)'
    ])
    // no zone: the instant depends on the machine that wrote it, so no date
    const zoneless = await loadText('date,rss\nMon, 10 Mar 2025 10:00:00,100000000\n')
    expect(zoneless.errors.map((e) => e.message)).toEqual([
      'in.csv:2: column "(extra field 3)": found "3 fields", expected 2 fields as in the header on line 1'
    ])
    // a name that is no time's: the extra field is no date's comma
    const untimed = await loadText('label,rss\nMon, 10 Mar 2025 10:00:00 +0000,100000000\n')
    expect(untimed.errors.map((e) => e.message)[0]).toMatch(/found "3 fields", expected 2 fields/)
  })

  it.each([
    ['quoted RFC 2822', '"Mon, 10 Mar 2025 10:00:00 +0000"', '"Mon, 10 Mar 2025 10:00:05 +0000"'],
    ['toUTCString(), quoted', '"Mon, 10 Mar 2025 10:00:00 GMT"', '"Mon, 10 Mar 2025 10:00:05 GMT"'],
    [
      'Date.toString()',
      'Mon Mar 10 2025 11:00:00 GMT+0100 (Central European Standard Time)',
      'Mon Mar 10 2025 11:00:05 GMT+0100 (Central European Standard Time)'
    ],
    [
      'Date.toString() in UTC',
      'Mon Mar 10 2025 10:00:00 GMT+0000 (Coordinated Universal Time)',
      'Mon Mar 10 2025 10:00:05 GMT+0000 (Coordinated Universal Time)'
    ]
  ])('%s', async (_, first, second) => {
    const loaded = await loadText(`time,rss\n${first},100000000\n${second},100000001\n`)
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      Date.UTC(2025, 2, 10, 10),
      Date.UTC(2025, 2, 10, 10, 0, 5)
    ])
  })
})

describe('a text log of clock times only, read with the pattern leak-gate suggests', () => {
  it('clock-midnight.log: the suggested pattern reads the clock across midnight (the next day)', async () => {
    const text = readFileSync(join(DIR, 'clock-midnight.log'), 'utf8')
    const suggestion = suggestLogPattern(text.split('\n'))!
    expect(suggestion.time).toBe('time')
    const loaded = await load('clock-midnight.log', 'log', {
      pattern: suggestion.pattern,
      time: suggestion.time
    })
    expect(loaded.errors).toEqual([])
    const rss = loaded.series[0]
    expect(rss.timeBase).toBe('clock')
    const day = 86_400_000
    expect(rss.time).toEqual([day - 10_000, day - 5000, day, day + 5000, day + 10_000])
    expect(rss.value[0]).toBe(159_300_000)
  })
})

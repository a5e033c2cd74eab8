/**
 * `top -b` output read as CSV, line for line: the process rows with their
 * memory cells in the unit top wrote them (KiB, or a scaled value with a
 * letter), the time from each screen's `top -` line, everything else an
 * empty line so the CSV reader's line numbers stay the file's.
 */
import { findTopTable, isTopLine, isTopRow, TopRowsToCsv } from '../../src/understand/top-rows.js'
import { sniffInput } from '../../src/understand/sniff.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import { readHead, readLines } from '../../src/io/read-lines.js'
import { fixture } from '../load/helpers.js'
import type { SeriesSpec } from '../../src/config/types.js'
import type { Series } from '../../src/model.js'

const HEADER = '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND'
const screen = (time: string, ...rows: string[]) => [
  `top - ${time} up 3 days,  2:03,  1 user,  load average: 0.10, 0.20, 0.30`,
  'Tasks: 212 total,   1 running, 211 sleeping,   0 stopped,   0 zombie',
  '%Cpu(s):  1.0 us,  0.5 sy,  0.0 ni, 98.5 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
  'MiB Mem :  15934.0 total,   1234.5 free,   5678.9 used,   9020.6 buff/cache',
  'MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.   9876.5 avail Mem',
  '',
  HEADER,
  ...rows
]
const asCsv = (lines: string[]) => {
  const top = new TopRowsToCsv()
  return lines.map((line) => top.line(line))
}

describe('TopRowsToCsv', () => {
  it('whole screens: one CSV line per file line, the time from each screen, units per cell', () => {
    const lines = [
      ...screen(
        '10:00:00',
        '  12345 node      20   0  450560 845576  30000 S   1.0   0.7   0:05.12 node server.js'
      ),
      ...screen(
        '10:00:10',
        '  12345 node      20   0 1596484   1.3g   2964 S 208.7   4.1   1:10.16 node server.js'
      )
    ]
    const csv = asCsv(lines)
    expect(csv).toHaveLength(lines.length)
    expect(csv.filter((line) => line !== '')).toEqual([
      'time,PID,COMMAND,RES,VIRT,SHR',
      '10:00:00,12345,node server.js,845576KiB,450560KiB,30000KiB',
      '10:00:10,12345,node server.js,1.3GiB,1596484KiB,2964KiB'
    ])
    // the row stays on its own line: an error names the file's line
    expect(csv[7]).toBe('10:00:00,12345,node server.js,845576KiB,450560KiB,30000KiB')
  })

  it('rows kept under the header by a filter: no time column; every scale letter top writes', () => {
    const csv = asCsv([
      'MiB Swap:  16384.0 total,  16384.0 free,      0.0 used.  26102.7 avail Mem ',
      '',
      HEADER,
      '1139173 tatsuya   20   0  210792   3036   2532 S   0.0   0.0   0:00.19 gh72',
      '1139173 tatsuya   20   0   1.2t  512.5m    2.0k S   0.0   0.0   0:00.19 gh72',
      HEADER,
      '  2 root  20   0  0.5p  1.0e  0 S 0.0 0.0 0:00.00 kthreadd'
    ])
    expect(csv.filter((line) => line !== '')).toEqual([
      'PID,COMMAND,RES,VIRT,SHR',
      '1139173,gh72,3036KiB,210792KiB,2532KiB',
      '1139173,gh72,512.5MiB,1.2TiB,2.0KiB',
      '2,kthreadd,1.0EiB,0.5PiB,0KiB'
    ])
  })

  it('a cut row is no row and is recorded once, quoting it; a bad cell stays as written for the CSV reader', () => {
    const errors: unknown[][] = []
    const top = new TopRowsToCsv(false, { add: (...error) => void errors.push(error) })
    const csv = [
      HEADER,
      '  48211 app  20   0 1102456',
      '  48211 app  20   0 812340 2O5100 31020 S 1.0 0.6 0:00.11 w'
    ].map((line) => top.line(line))
    expect(csv[1]).toBe('')
    expect(csv[2]).toBe('48211,w,2O5100,812340KiB,31020KiB')
    expect(errors).toEqual([
      [
        2,
        'RES',
        '48211 app  20   0 1102456',
        "a whole row of top's 12 columns, PID to COMMAND (this row has 5)"
      ]
    ])
  })

  it('lines before the first header are no rows', () => {
    expect(asCsv(['  4242 20480 00:00:00 ./worker', HEADER])).toEqual([
      '',
      'PID,COMMAND,RES,VIRT,SHR'
    ])
  })
})

describe('findTopTable and the sniffer', () => {
  it("reads a head whose first line is one of top's, as CSV with the columns the loader gives", () => {
    const head = screen(
      '10:00:00',
      '  12345 node  20   0  450560 112640  30000 S 1.0 0.7 0:05.12 node'
    )
    expect(findTopTable(head)).toEqual({
      columns: ['time', 'PID', 'COMMAND', 'RES', 'VIRT', 'SHR'],
      firstRow: ['10:00:00', '12345', 'node', '112640KiB', '450560KiB', '30000KiB'],
      timed: true,
      headerless: false
    })
    expect(sniffInput('top.log', head)).toMatchObject({ format: 'csv', shape: 'top-rows' })
  })

  it('leaves top alone after other lines (the loader decides by this test too)', () => {
    const head = [
      '$ top -b -d 10 -p 12345',
      ...screen('10:00:00', '  12345 node  20   0 1 2 3 S 1.0 0.7 0:05.12 node')
    ]
    expect(findTopTable(head)).toBeUndefined()
    expect(sniffInput('top.log', head).shape).toBe('text')
    // blank lines first are no other lines
    expect(findTopTable(['', ' ', HEADER, '  1 a 20 0 1 2 3 S 0 0 0:00.00 x'])).toEqual({
      columns: ['PID', 'COMMAND', 'RES', 'VIRT', 'SHR'],
      firstRow: ['1', 'x', '2KiB', '1KiB', '3KiB'],
      timed: false,
      headerless: false
    })
    // top's screen line first but no column header in the head: no table
    expect(
      findTopTable([head[1], 'Tasks: 1 total', '  1 a 20 0 1 2 3 S 0 0 0:00.00 x'])
    ).toBeUndefined()
  })

  it("rows kept without the header: top's default columns, only for a whole row of them", () => {
    const row = '  23297 mk        20   0 1211360 107192  45752 S   0.0   0.3   0:13.88 mserver5'
    expect(isTopRow(row)).toBe(true)
    expect(isTopRow('  12 root  rt   0  0.5p  1.0g  0 S 0.0 0.0 1234:56 kthreadd')).toBe(true)
    expect(findTopTable([row])).toEqual({
      columns: ['PID', 'COMMAND', 'RES', 'VIRT', 'SHR'],
      firstRow: ['23297', 'mserver5', '107192KiB', '1211360KiB', '45752KiB'],
      timed: false,
      headerless: true
    })
    // `ps aux`, `ps -eo pid,rss,time,args`, a CSV row, a gctrace line: no top rows
    for (const other of [
      'mk       23297  0.0  0.3 1211360 107192 ?      Sl   10:00   0:13 mserver5',
      '  920 13232 00:00:00 ./indicator-netspeed',
      '23297,20,0,1211360,107192',
      'gc 1 @0.006s 0%: 0+0+0 ms clock, 0+0/0/0+0 ms cpu, 4->4->1 MB, 5 MB goal, 4 P'
    ])
      expect(isTopRow(other)).toBe(false)
  })

  it.each([
    ['top - 10:00:00 up 3 days,  2:03,  1 user,  load average: 0.10, 0.20, 0.30', true],
    ['KiB Mem :  8167848 total,  1030912 free', true],
    [HEADER, true],
    ['top - the best of 2026', false],
    ['PID,rss,heapUsed', false]
  ])('isTopLine(%j) is %s', (line, expected) => expect(isTopLine(line)).toBe(expected))
})

describe('loading top output (load/index.ts)', () => {
  const text = [
    HEADER,
    '   7001 app       20   0  1201340  98304  20480 S   2.0   0.3   0:10.50 api',
    '   7002 app       20   0  1800000 600000  20500 S  40.0   1.8   1:10.20 worker',
    '   7001 app       20   0  1201340  98560  20480 S   2.0   0.3   0:11.50 api',
    '   7002 app       20   0  1862000   1.2g  20500 S  40.0   2.0   1:21.20 worker'
  ].join('\n')
  const load = (spec: Partial<SeriesSpec> = {}) =>
    loadSeries(splitText(text), {
      file: 'top.log',
      format: 'csv',
      spec: { file: 'top.log', ...spec }
    })
  const summary = (series: Series[]) =>
    series.map(
      (s) => `${s.metric}[${s.group}] ${s.value.map((v) => Math.round(v / 1024)).join(' ')}`
    )

  it('a config entry naming only the file reads it as zero-config does: RES, VIRT, SHR per PID, in KiB', async () => {
    const loaded = await load()
    expect(loaded.errors).toEqual([])
    expect(summary(loaded.series)).toEqual([
      'RES[7001] 98304 98560',
      'RES[7002] 600000 1258291',
      'VIRT[7001] 1201340 1201340',
      'VIRT[7002] 1800000 1862000',
      'SHR[7001] 20480 20480',
      'SHR[7002] 20500 20500'
    ])
  })

  it("the entry's own metrics replace the three columns", async () => {
    const loaded = await load({ metrics: { RES: 'memory' } })
    expect(summary(loaded.series)).toEqual(['RES[7001] 98304 98560', 'RES[7002] 600000 1258291'])
  })

  it('a CSV whose header starts with `Cpu` (a summary line of top) is read as the CSV it is', async () => {
    // top's column header is not in the head: the loader takes the sniffer's decision, not the first line's
    const path = fixture('variants', 'cpu-first-column.csv')
    const head = await readHead(path, 200)
    expect(findTopTable(head)).toBeUndefined()
    expect(sniffInput('cpu-first-column.csv', head)).toMatchObject({
      format: 'csv',
      shape: 'delimited'
    })
    const loaded = await loadSeries(readLines(path, { displayName: 'cpu-first-column.csv' }), {
      file: 'cpu-first-column.csv',
      format: 'csv',
      spec: { file: 'cpu-first-column.csv', metrics: { rss_bytes: 'memory' } }
    })
    expect(loaded.errors).toEqual([])
    const rss = loaded.series.find((s) => s.metric === 'rss_bytes')
    expect(rss?.value).toHaveLength(12)
    expect(rss?.value[11]).toBe(104857600 + 11 * 1048576)
  })

  it('a cut row: one error at its line and first missing column, quoting the row as written', async () => {
    const cut = [
      'top - 10:00:00 up 3 days,  2:03,  1 user,  load average: 0.10, 0.20, 0.30',
      HEADER,
      '   7001 app       20   0  1201340  98304  20480 S   2.0   0.3   0:10.50 api',
      '   7001 app       20   0  1201340'
    ].join('\n')
    const loaded = await loadSeries(splitText(cut), {
      file: 'top.log',
      format: 'csv',
      spec: { file: 'top.log' }
    })
    expect(loaded.errors.map((e) => e.message)).toEqual([
      `top.log:4: column "RES": found "7001 app       20   0  1201340", expected a whole row of top's 12 columns, PID to COMMAND (this row has 5)`
    ])
    expect(loaded.errorCount).toBe(1)
  })

  it("a header with no rows quotes top's header line, not the CSV made of it", async () => {
    const loaded = await loadSeries(
      splitText(['top - 10:00:00 up 3 days,  2:03,  1 user', '', HEADER].join('\n')),
      { file: 'top.log', format: 'csv', spec: { file: 'top.log' } }
    )
    expect(loaded.errors).toHaveLength(1)
    expect(loaded.errors[0]).toMatchObject({
      file: 'top.log',
      line: 3,
      found: HEADER.trim(),
      expected: 'data rows after this header'
    })
    expect(loaded.errors[0].message).not.toContain('time,PID,COMMAND')
  })
})

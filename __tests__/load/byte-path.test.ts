/**
 * The byte fast path (readLines' `scan` + DelimitedReader.visitBytes +
 * RowLoader.addRowBytes) must give exactly what the text path gives: same
 * series, values, times, limits, errors, rows, skipped counts and notes. Each
 * case loads the same text from disk (byte path) and from an array of lines
 * (text path) and compares the results whole.
 */
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('bytes')
let fileCount = 0

async function both(
  format: InputFormat,
  text: string,
  spec: Partial<SeriesSpec> = {},
  chunkSize?: number
) {
  const file = 'in.csv'
  const path = join(dir, `case-${fileCount++}.csv`)
  writeFileSync(path, text)
  const request = { file, format, spec: { file, ...spec } }
  const viaBytes = await loadSeries(readLines(path, { displayName: file, chunkSize }), request)
  // an array of lines, read again from its start as a file is (readings decided from the head)
  const viaText = await loadSeries(splitText(text), request)
  return { viaBytes, viaText }
}

/** Loads and asserts both paths agree; returns the result for further checks. */
async function same(
  format: InputFormat,
  text: string,
  spec: Partial<SeriesSpec> = {},
  chunkSize?: number
) {
  const { viaBytes, viaText } = await both(format, text, spec, chunkSize)
  expect(viaBytes).toEqual(viaText)
  return viaBytes
}

const MiB = 1024 ** 2

describe('byte path gives the text path result', () => {
  it('a docker-stats CSV: ISO times, two containers, usage / limit, -- rows, a repeated header', async () => {
    const text = [
      'timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids',
      '2024-05-01T12:00:00.000Z,web,0.50%,200MiB / 7.654GiB,2.55%,1kB / 10.1kB,3.88GB / 4.1kB,22',
      '2024-05-01T12:00:00.000Z,worker,0.07%,200.1MiB / 7.654GiB,2.55%,2kB / 10.1kB,3.88GB / 4.1kB,22',
      '2024-05-01T12:00:01.500Z,web,1%,201.25MiB / 7.654GiB,2.56%,1e+03kB / 0B,0B / 0B,22',
      '2024-05-01T12:00:01.500Z,worker,--,-- / --,--,-- / --,-- / --,--',
      'timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids',
      '2024-05-01T23:59:59Z,web,0.50%,1.5GiB / 8GiB,2.55%,1kB / 10.1kB,3.88GB / 4.1kB,22',
      '2024-05-02T00:00:00+02:00,web,0.50%,1.6GiB / 8GiB,2.55%,1kB / 10.1kB,3.88GB / 4.1kB,22'
    ].join('\n')
    const loaded = await same('docker-stats', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(6)
    expect(loaded.skipped).toBe(1)
    const web = loaded.series.find((s) => s.group === 'web')!
    expect(web.value).toEqual([
      200 * MiB,
      Math.round(201.25 * MiB),
      1.5 * 1024 * MiB,
      Math.round(1.6 * 1024 * MiB)
    ])
    expect(web.time).toEqual([
      Date.UTC(2024, 4, 1, 12),
      Date.UTC(2024, 4, 1, 12, 0, 1, 500),
      Date.UTC(2024, 4, 1, 23, 59, 59),
      Date.UTC(2024, 4, 1, 22)
    ])
    expect(web.limit).toBe(8 * 1024 * MiB)
  })

  it.each([
    [
      'epoch seconds with a fraction',
      'time,rss\n1700000000,10\n1700000001.25,11\n1700000002,12MiB\n'
    ],
    [
      'epoch ms, work column, percent column',
      'ts,requests,cpu\n1700000000000,0,1.5%\n1700000001000,10,2%\n'
    ],
    ['clock times rolling over midnight', 'time,rss\n23:59:58,1\n23:59:59.5,2\n00:00:01,3\n'],
    [
      'ISO with a comma fraction in a TSV',
      'time\trss\n2024-05-01T12:00:00,250Z\t1\n2024-05-01T12:00:01,5Z\t2\n'
    ],
    [
      'ISO date only and no zone',
      'time,rss\n2024-05-01,1\n2024-05-02 10:00,2\n2024-05-02T10:00:00,3\n'
    ],
    ['CRLF, CRCRLF and a BOM', '\ufefftime,rss\r\n1,10\r\r\n2,11\r\n'],
    ['a trailing delimiter (k6 CSV)', 'time,rss,\n1,10,\n2,11,\n'],
    ['quoted fields', 'time,label,rss\n1,"a, b",10\n2,plain,11\n3,"x""y",12\n'],
    [
      'quoted fields with line breaks, and one never closed',
      'time,label,rss\n1,"a\n2,b",10\n2,plain,11\n3,"x\r\n\ny",12\n4,"open,13\n5,z,14\n'
    ],
    ['ragged rows', 'time,rss,heap\n1,10,20\n2,11\n3,12,22,99\n4,13,23\n'],
    ['non-numeric values', 'time,rss\n1,10\n2,abc\n3,5 parsecs\n4,1e3\n5,+7\n6,-8\n7,.5\n8,9.\n'],
    ['units in a column', 'time,mem\n1,10MiB\n2,5%\n3,1 GB\n4,12 kb\n5,3b\n'],
    ['percent then a size', 'time,p\n1,10%\n2,5MiB\n3,7%\n'],
    ['plain numbers with spaces', 'time,rss\n1, 10\n2,11 \n3,12\n'],
    ['empty cells and placeholders', 'time,rss,p50\n1,10,5\n2,,N/A\n3,n/a,6\n4,12,\n'],
    [
      'a time kind change',
      'time,rss\n2024-05-01T00:00:00Z,10\n1714521600,11\n2024-05-01T00:00:02Z,12\n'
    ],
    [
      'bad ISO dates',
      'time,rss\n2024-05-01T00:00:00Z,1\n2024-02-30T00:00:00Z,2\n2024-05-01T25:00:00Z,3\n2024-05-01T00:00:00 UTC,4\n'
    ],
    [
      'non-ASCII group names',
      'time,name,MemUsage\n1,café,1MiB / 2GiB\n1,web,2MiB / 2GiB\n2,café,3MiB / 2GiB\n'
    ],
    ['an empty group name', 'time,name,MemUsage\n1,,1MiB / 2GiB\n2,,2MiB / 2GiB\n'],
    [
      'limits that change and limits that are not sizes',
      'time,name,MemUsage\n1,a,1MiB / 2GiB\n2,a,1MiB / 4GiB\n3,a,1MiB / --\n4,a,1MiB\n5,a,1MiB /  4GiB \n'
    ],
    [
      'usage placeholders',
      'time,name,MemUsage\n1,a,-- / --\n2,a,n/a / 2GiB\n3,a, / 2GiB\n4,a,5MiB / 2GiB\n'
    ],
    ['semicolons', 'time;rss;heapUsed\n1;10;20\n2;11;21\n'],
    ['blank lines', 'time,rss\n1,10\n\n2,11\n\n']
  ])('%s', async (_name, text) => {
    const format: InputFormat = text.includes('MemUsage') ? 'docker-stats' : 'csv'
    await same(format, text)
  })

  it('a column named under metrics: its unit is decided by its first value on both paths', async () => {
    const text = [
      'time,mem',
      '2024-05-01T00:00:00Z,',
      '2024-05-01T00:00:01Z,5MiB x',
      '2024-05-01T00:00:02Z,1%',
      '2024-05-01T00:00:03Z,2%'
    ].join('\n')
    const loaded = await same('csv', `${text}\n`, { metrics: { mem: 'memory' } })
    expect(loaded.errors.map((e) => e.line)).toEqual([3])
    expect(loaded.series[0].value).toEqual([1, 2])
    const values = fc.constantFrom(
      '10',
      '5MiB',
      '12%',
      '',
      'x',
      '1 GB',
      '7.5',
      '201.25MiB / 7.654GiB'
    )
    await fc.assert(
      fc.asyncProperty(fc.array(values, { minLength: 1, maxLength: 10 }), async (cells) => {
        const rows = cells.map((cell, k) => `${1700000000 + k},${cell}`)
        await same('csv', ['time,mem', ...rows].join('\n') + '\n', { metrics: { mem: 'memory' } })
        await same('csv', ['time,mem', ...rows].join('\n') + '\n', { metrics: { mem: 'count' } })
      }),
      { numRuns: 150 }
    )
  })

  it('with configured metrics, work and group', async () => {
    const text =
      'time,host,reqs,rss,heap,other\n1,a,0,10,20,x\n2,b,5,11,21,y\n3,a,n/a,12,22,z\n4,b,9,,23,w\n'
    await same('csv', text, {
      work: 'reqs',
      group: 'host',
      metrics: { rss: 'memory', heap: 'memory' }
    })
  })

  it('lines spanning chunks, tiny chunks and a long line', async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `2024-05-01T12:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,c${i % 3},${(i * 1.5).toFixed(1)}MiB / 1GiB`
    )
    const text = `time,name,MemUsage\n${rows.join('\n')}\n`
    for (const chunkSize of [7, 64, 1000]) {
      const loaded = await same('docker-stats', text, {}, chunkSize)
      expect(loaded.rows).toBe(300)
      expect(loaded.series).toHaveLength(3)
    }
  })

  it('many containers (the group list is reset past 32 names)', async () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) => `${1700000000 + Math.floor(i / 40)},c${(i * 7) % 40},${i}MiB / 1GiB`
    )
    const loaded = await same('docker-stats', `time,name,MemUsage\n${rows.join('\n')}\n`)
    expect(loaded.series).toHaveLength(40)
  })

  it('property: a process column (docker ID beside Name, a pid) gives the same restarts on both paths', async () => {
    const ids = ['a1b2c3d4e5f6', '9f8e7d6c5b4a', '', ' a1b2c3d4e5f6', '"9f8e7d6c5b4a"', 'café1']
    const names = ['web', 'db', '"web"']
    const docker = fc
      .tuple(fc.constantFrom(...ids), fc.constantFrom(...names), fc.integer({ min: 1, max: 999 }))
      .map(([id, name, mib]) => [id, name, `${mib}MiB / 1GiB`])
    const pids = fc
      .tuple(fc.constantFrom('4121', '4388', '5000', '', ' 4121'), fc.integer({ min: 1, max: 999 }))
      .map(([pid, mib]) => [pid, `${mib * MiB}`, `${mib * 1000}`])
    await fc.assert(
      fc.asyncProperty(
        fc.array(docker, { minLength: 1, maxLength: 16 }),
        fc.array(pids, { minLength: 1, maxLength: 16 }),
        fc.constantFrom('\n', '\r\n'),
        async (dockerRows, pidRows, eol) => {
          const stamp = (i: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, i)).toISOString()
          const dockerText =
            ['time,ID,Name,MemUsage', ...dockerRows.map((r, i) => [stamp(i), ...r].join(','))].join(
              eol
            ) + eol
          await same('docker-stats', dockerText)
          const pidText =
            ['time,pid,rss,heapUsed', ...pidRows.map((r, i) => [stamp(i), ...r].join(','))].join(
              eol
            ) + eol
          await same('csv', pidText)
          await same('csv', pidText, {}, 64)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('a docker ID changing under its Name: the byte path records the restart the text path does', async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `${1767607200 + 5 * Math.floor(i / 2)},${i % 2 ? 'db' : 'web'},${i % 2 || i < 200 ? 'a1b2c3d4e5f6' : '9f8e7d6c5b4a'},${150 + i}MiB / 1GiB`
    )
    const loaded = await same('docker-stats', `time,Name,ID,MemUsage\n${rows.join('\n')}\n`)
    expect(
      loaded.series.map((s) => [s.group, s.processChanges?.map((c) => c.samplesBefore)])
    ).toEqual([
      ['web', [100]],
      ['db', undefined]
    ])
  })

  it('process.memoryUsage() rows with a pid (the numbers-only reader): the restart at its row, past a staged block', async () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        `${1767607200000 + 250 * i},${i < 3000 ? 4121 : 4388},${100 * MiB + i},${40 * MiB + i}`
    )
    const loaded = await same('csv', `time,pid,rss,heapUsed\n${rows.join('\n')}\n`)
    expect(loaded.series.map((s) => [s.id, s.samples])).toEqual([
      ['in.csv:rss', 5000],
      ['in.csv:heapUsed', 5000]
    ])
    for (const series of loaded.series)
      expect(series.processChanges?.map((c) => [c.from, c.to, c.samplesBefore, c.time])).toEqual([
        ['4121', '4388', 3000, 1767607200000 + 250 * 3000]
      ])
  })

  it('property: any mix of tricky cells gives the same result', async () => {
    const times = [
      '2024-05-01T12:00:00Z',
      '2024-05-01T12:00:01.5Z',
      '2024-05-01T12:00:02+01:00',
      '2024-05-01 12:00:03',
      '1700000000',
      '',
      'x',
      '2024-13-01T00:00:00Z'
    ]
    const names = ['web', 'worker', '', 'café', 'web-1', 'we']
    const mems = [
      '200MiB / 7.654GiB',
      '1.5 GiB / 8GiB',
      '-- / --',
      '5MiB',
      'n/a / 1GiB',
      '1e3MiB / 1GiB',
      '',
      '7MiB / x',
      '+3MiB / 1GiB'
    ]
    const vals = ['1', '2.5', '-3', '12%', '4MiB', 'N/A', '', 'abc', '1e5', ' 7', '0x10']
    const cell = (pool: string[]) => fc.constantFrom(...pool)
    const row = fc
      .tuple(
        cell(times),
        cell(names),
        cell(mems),
        cell(vals),
        fc.constantFrom('', ',', ',extra', ',"q,x"')
      )
      .map(([t, n, m, v, tail]) => `${t},${n},${m},${v}${tail}`)
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        async (rows, eol) => {
          const text = ['time,name,MemUsage,val', ...rows].join(eol) + eol
          await same('docker-stats', text)
          await same('csv', text)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('property: quoted cells (doubled quotes, quoted delimiters and line breaks, CRLF, chunk edges inside quotes; read in place or declined)', async () => {
    // each cell as a writer may quote it; the bad forms must cost the same row on both paths
    const quoteForms = (cell: string): string[] => [
      cell,
      `"${cell}"`,
      `"${cell.replace(/i/g, '""')}"`,
      `"${cell},x"`,
      `"${cell}\nmore"`,
      `"${cell}\r\n"`,
      ` "${cell}"`,
      `${cell}"`,
      `"${cell}"x`,
      `"${cell}`,
      '""'
    ]
    // mostly well-formed cells, so that rows with one odd cell among good ones (the rows the
    // in-place readers must decline) are common
    const quoted = (pool: string[]) =>
      fc
        .constantFrom(...pool)
        .chain((cell) =>
          fc.oneof(
            { arbitrary: fc.constantFrom(cell, `"${cell}"`), weight: 4 },
            { arbitrary: fc.constantFrom(...quoteForms(cell)), weight: 1 }
          )
        )
    const row = fc
      .tuple(
        quoted(['2024-05-01T12:00:00Z', '2024-05-01T12:00:01.5Z', '2024-05-01T12:01:00Z']),
        quoted(['web', 'worker', 'wi']),
        // a cell the docker reader skips (between used ones)
        quoted(['0.50%', '12%', 'x,y', 'a""b']),
        quoted(['200MiB / 7.654GiB', '201MiB / 7.654GiB', '1.5GiB / 8GiB', '-- / --']),
        quoted(['1kB / 2kB', '', 'i']),
        quoted(['22', '23'])
      )
      .map((cells) => cells.join(','))
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 14 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(undefined, 7, 31, 64),
        fc.boolean(),
        async (rows, eol, chunkSize, quotedHeader) => {
          const header = quotedHeader
            ? '"time","name","cpu","MemUsage","net","pids"'
            : 'time,name,cpu,MemUsage,net,pids'
          const text = [header, ...rows].join(eol) + eol
          await same('docker-stats', text, {}, chunkSize)
          await same('csv', text.replace('MemUsage', 'mem'), {}, chunkSize)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('property: numbers of any length read four digits at a time equal Number() of their text', async () => {
    const digits = fc.stringMatching(/^[0-9]{1,17}$/)
    const number = fc
      .tuple(fc.constantFrom('', '-', '+'), digits, fc.option(fc.stringMatching(/^[0-9]{0,9}$/)))
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`)
    await fc.assert(
      fc.asyncProperty(fc.array(number, { minLength: 1, maxLength: 12 }), async (values) => {
        const rows = values.map((v, i) => `2024-05-01T12:00:${String(i).padStart(2, '0')}Z,${v},1`)
        const loaded = await same('csv', ['time,count,other', ...rows].join('\n') + '\n', {
          metrics: { count: 'count' }
        })
        const read = loaded.series.find((s) => s.metric === 'count')?.value ?? []
        expect(read).toEqual(values.map(Number).filter((v) => Number.isFinite(v)))
      }),
      { numRuns: 200 }
    )
  })

  it('a file where every row has quoted cells is read on the byte path with the text path result', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) =>
        `2024-05-01T12:00:${String(i).padStart(2, '0')}Z,"web","${200 + i}MiB / 7.654GiB","1kB / 2kB",${i}`
    )
    const text = ['time,name,mem_usage,net_io,pids', ...rows].join('\n') + '\n'
    const loaded = await same('docker-stats', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value).toEqual(rows.map((_, i) => (200 + i) * MiB))
  })

  it('property: rows in one minute (the inline reader) give the same result', async () => {
    // the inline reader takes rows whose first 16 time bytes repeat: vary what follows them
    const second = fc.constantFrom('00', '07', '59', '60', '61', '5', 'x1')
    const fraction = fc.constantFrom('', '.', '.5', '.25', '.125', '.1250', '.9999', ',5')
    const zone = fc.constantFrom('', 'Z', 'z', '+01:00', '-0230', ' ')
    const usage = fc.constantFrom(
      '200MiB',
      '1.5 GiB',
      ' 7.25kB ',
      '+3MiB',
      '-3MiB',
      '12',
      '1e3MiB',
      '0.0000001B',
      '5mib',
      '9GB',
      '1234567890123456B',
      '3XiB'
    )
    const limit = fc.constantFrom(
      ' / 7.654GiB',
      ' / 7.654GiB',
      ' / 8GiB',
      '',
      ' / --',
      '/7.654GiB '
    )
    const name = fc.constantFrom('web', 'worker', 'web', 'w')
    const tail = fc.constantFrom(
      ',1kB / 2kB,3',
      ',1kB / 2kB,3',
      ',1kB / 2kB,3,',
      ',1kB,3',
      ',,,',
      ',1kB / 2kB,3,4'
    )
    const row = fc
      .tuple(second, fraction, zone, name, usage, limit, tail)
      .map(([s, f, z, n, u, l, t]) => `2024-05-01T12:00:${s}${f}${z},${n},${u}${l}${t}`)
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 16 }), async (rows) => {
        const text = ['time,name,MemUsage,net,pids', ...rows].join('\n') + '\n'
        await same('docker-stats', text)
        await same('csv', text.replace('MemUsage', 'mem'))
      }),
      { numRuns: 200 }
    )
  })

  it('property: plain numeric columns with a work column', async () => {
    const value = fc.constantFrom(
      '10',
      '11.5',
      '-3',
      '+4',
      '.5',
      '7.',
      '',
      'N/A',
      '12%',
      '3MiB',
      '1e3',
      ' 5',
      '0'
    )
    const row = fc
      .tuple(fc.integer({ min: 0, max: 59 }), value, value, value)
      .map(([s, a, b, c]) => `2024-05-01T12:00:${String(s).padStart(2, '0')}.5Z,${a},${b},${c}`)
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 16 }), async (rows) => {
        const text =
          ['time,requests,rss,heapUsed', '2024-05-01T12:00:00Z,0,1,2', ...rows].join('\n') + '\n'
        await same('csv', text, { work: 'requests' })
        await same('csv', text)
        await same('csv', text, { unitBytes: 1024 })
      }),
      { numRuns: 150 }
    )
  })

  it('property: process.memoryUsage() rows (ISO or epoch times, five numbers, quoted and odd cells)', async () => {
    // each cell plain or quoted most of the time, else broken in one of these ways
    const forms = (cell: string): string[] => [
      '""',
      `"${cell.slice(0, 1)}""${cell.slice(1)}"`,
      `"${cell},1"`,
      `"${cell}`,
      `${cell}"`,
      `"${cell}"x`,
      ` "${cell}"`,
      `"${cell}\nmore"`
    ]
    const quotable = (pool: fc.Arbitrary<string>) =>
      pool.chain((cell) =>
        fc.oneof(
          { arbitrary: fc.constantFrom(cell, cell, `"${cell}"`), weight: 6 },
          { arbitrary: fc.constantFrom(...forms(cell)), weight: 1 }
        )
      )
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom('', '.5', '.250', '.1234', ',5'),
        fc.constantFrom('Z', 'Z', '', 'z', '+01:00')
      )
      .map(([m, sec, f, z]) => `2026-11-25T04:4${m}:${String(sec).padStart(2, '0')}${f}${z}`)
    const epoch = fc.integer({ min: 0, max: 1000 }).map((i) => String(1795581600000 + i * 250))
    const number = fc.oneof(
      {
        arbitrary: fc.constantFrom('109068288', '76521472', '1975789', '0', '45274168.5', '+7'),
        weight: 6
      },
      {
        arbitrary: fc.constantFrom('-3', '', 'N/A', '1e3', ' 5', '12MiB', '1234567890123456'),
        weight: 1
      }
    )
    const row = (time: fc.Arbitrary<string>) =>
      fc
        .tuple(
          quotable(time),
          fc.array(quotable(number), { minLength: 5, maxLength: 5 }),
          fc.constantFrom('', '', ',', ',7')
        )
        .map(([t, values, tail]) => `${t},${values.join(',')}${tail}`)
    const header = 'timestamp,rss,heapTotal,heapUsed,external,arrayBuffers'
    await fc.assert(
      fc.asyncProperty(
        fc
          .boolean()
          .chain((isIso) =>
            fc.tuple(
              isIso ? iso : epoch,
              fc.array(row(isIso ? iso : epoch), { minLength: 1, maxLength: 16 })
            )
          ),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(undefined, 7, 64),
        async ([first, rows], eol, chunkSize) => {
          // a good first row settles the time form and the units
          const good = `${first},109068288,76521472,45274168,1975789,10475`
          const text = [header, good, ...rows].join(eol) + eol
          await same('csv', text, {}, chunkSize)
          await same('csv', text, { work: 'arrayBuffers', unitBytes: 1024 }, chunkSize)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('property: rows of a time and whole numbers, mostly clean, now and then one odd cell', async () => {
    // the plain-row loop's quick case takes clean rows (a time of the previous row's minute or
    // an epoch number, then whole numbers of at most 15 digits) and leaves any other to the
    // loop after it: both must read what the text path reads
    const minute = fc.integer({ min: 0, max: 2 })
    const second = fc.integer({ min: 0, max: 61 })
    const fraction = fc.oneof(
      { arbitrary: fc.constant('.250'), weight: 4 },
      { arbitrary: fc.constantFrom('', '.5', '.25', '.1234', '.', ',5'), weight: 1 }
    )
    const zone = fc.oneof(
      { arbitrary: fc.constant('Z'), weight: 4 },
      { arbitrary: fc.constantFrom('z', '', '+01:00'), weight: 1 }
    )
    const iso = fc
      .tuple(minute, second, fraction, zone)
      .map(([m, sec, f, z]) => `2026-11-25T04:4${m}:${String(sec).padStart(2, '0')}${f}${z}`)
    const epochMs = fc.integer({ min: 0, max: 1000 }).map((i) => String(1795581600000 + i * 250))
    const epochS = fc.oneof(
      {
        arbitrary: fc.integer({ min: 0, max: 1000 }).map((i) => String(1795581600 + i)),
        weight: 4
      },
      {
        arbitrary: fc.constantFrom('17955816000000', '1795581600.5', '-1', '"1795581601"'),
        weight: 1
      }
    )
    const whole = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 2 ** 31 }).map(String), weight: 4 },
      // up to 16 digits, leading zeros included (over 15 digits: the slower readers decide)
      { arbitrary: fc.stringMatching(/^[0-9]{1,16}$/), weight: 2 },
      {
        arbitrary: fc.constantFrom(
          '-3',
          '',
          '1.5',
          '"123"',
          ' 5',
          '5 ',
          '1e3',
          '12MiB',
          '+7',
          'N/A',
          // 17 digits that four-at-a-time sums round otherwise than Number() does
          '28028424091550494'
        ),
        weight: 1
      }
    )
    const layouts = [
      { header: 'timestamp,rss,heapTotal,heapUsed,external,arrayBuffers', values: 5 },
      { header: 'time,rss_kb,heap_used', values: 2 },
      { header: 'time,rss', values: 1 }
    ]
    // each time form with a first row's time that settles it
    const times = [
      { first: '2026-11-25T04:40:00.000Z', time: iso },
      { first: '1795581600000', time: epochMs },
      { first: '1795581600', time: epochS }
    ]
    const tail = fc.oneof(
      { arbitrary: fc.constant(''), weight: 20 },
      { arbitrary: fc.constant(','), weight: 1 }
    )
    const file = fc
      .tuple(fc.constantFrom(...layouts), fc.constantFrom(...times))
      .chain(([layout, form]) => {
        const row = fc
          .tuple(
            form.time,
            fc.array(whole, { minLength: layout.values, maxLength: layout.values }),
            tail
          )
          .map(([t, values, end]) => `${t},${values.join(',')}${end}`)
        const good = [form.first, ...Array.from({ length: layout.values }, (_, k) => 1000 + k)]
        return fc
          .array(row, { minLength: 1, maxLength: 60 })
          .map((rows) => [layout.header, good.join(','), ...rows])
      })
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.constantFrom('\n', '\n', '\r\n'),
        fc.constantFrom(undefined, 7, 64, 4096),
        async (lines, eol, chunkSize) => {
          const text = lines.join(eol) + eol
          await same('csv', text, {}, chunkSize)
          await same('csv', text, { unitBytes: 1024 }, chunkSize)
          await same('csv', text, { timeUnitMs: 1000 }, chunkSize)
        }
      ),
      { numRuns: 150 }
    )
  })

  it.each([
    ['ISO times', (ms: number) => new Date(ms).toISOString()],
    ['epoch ms', (ms: number) => String(ms)]
  ])(
    'a long process.memoryUsage() CSV with %s (series merged into buckets, odd rows among good ones)',
    async (_name, time) => {
      const start = Date.UTC(2026, 10, 25, 4, 40)
      const rows: string[] = []
      for (let i = 0; i < 20_000; i++) {
        const cells = [
          time(start + i * 250),
          109068288 + i * 5,
          76521472 + (i % 100) * 4096,
          45274168 + ((i * 7919) % 4000000),
          1975789 + (i % 1000),
          10475 + (i % 50)
        ].map(String)
        if (i % 997 === 5) cells[2] = `"${cells[2]}"`
        if (i % 1999 === 7) cells[3] = '-1'
        if (i % 2503 === 9) cells[4] = ''
        rows.push(cells.join(','))
        if (i % 4001 === 11) rows.push('')
      }
      const text = ['timestamp,rss,heapTotal,heapUsed,external,arrayBuffers', ...rows].join('\n')
      for (const chunkSize of [undefined, 4096]) {
        const loaded = await same('csv', `${text}\n`, {}, chunkSize)
        expect(loaded.rows).toBe(20_000)
        expect(loaded.series.map((s) => s.metric)).toEqual([
          'rss',
          'heapTotal',
          'heapUsed',
          'external',
          'arrayBuffers'
        ])
        const rss = loaded.series[0]
        expect(rss.samples).toBe(20_000)
        expect(rss.reduced).toBe(true)
        expect(rss.time[0]).toBe(start)
        // a negative heapUsed is an error on its line; the empty external cells are missing samples
        expect(loaded.errors.map((e) => e.column)).toEqual(
          Array.from({ length: loaded.errors.length }, () => 'heapUsed')
        )
        expect(loaded.errorCount).toBe(11)
        expect(loaded.series[2].samples).toBe(20_000 - loaded.errorCount)
      }
    }
  )

  it('property: epoch times (s, ms, with fractions, odd forms) give the same result', async () => {
    const time = fc.constantFrom(
      '1714521600',
      '1714521601.25',
      '1714521602.',
      '.5',
      '+1714521603',
      '-1',
      '1.7e9',
      '1714521604 ',
      '17145216050000000',
      'x'
    )
    const value = fc.constantFrom('10', '11.5', '', 'N/A', '12%', '-3')
    const row = fc.tuple(time, value, value).map(([t, a, b]) => `${t},${a},${b}`)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('1714521600', '1714521600000'),
        fc.array(row, { minLength: 1, maxLength: 16 }),
        async (first, rows) => {
          const text = ['time,rss,heapUsed', `${first},1,2`, ...rows].join('\n') + '\n'
          await same('csv', text)
          await same('csv', text, { timeUnitMs: 1, unitBytes: 1024 })
        }
      ),
      { numRuns: 150 }
    )
  })
})

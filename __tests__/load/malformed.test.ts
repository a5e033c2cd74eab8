/**
 * Malformed input: each case gives exactly one error, located (file:line),
 * naming the column, what was found and what was expected (SPEC §8).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, loadSnapshot, splitText, toAsync } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'
import { useTempDir } from '../helpers/temp-dir.js'

function load(format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}, file = 'bad.csv') {
  return loadSeries(toAsync(splitText(text)), { file, format, spec: { file, ...spec } })
}

describe('one located error per malformed input', () => {
  it.each([
    [
      'ragged row',
      'csv',
      'time,rss,heapUsed\n1,10,20\n2,11\n',
      {},
      'bad.csv:3: column "heapUsed": found "2 fields", expected 3 fields as in the header on line 1'
    ],
    [
      'extra field',
      'csv',
      'time,rss\n1,10\n2,11,12,13\n',
      {},
      'bad.csv:3: column "(extra field 3)": found "4 fields", expected 2 fields as in the header on line 1'
    ],
    [
      'non-numeric value',
      'csv',
      'time,rss\n1,10\n2,abc\n',
      {},
      'bad.csv:3: column "rss": found "abc", expected a number or a size like "293.7MiB"'
    ],
    [
      'bad unit',
      'csv',
      'time,rss\n1,10MiB\n2,5 parsecs\n',
      {},
      'bad.csv:3: column "rss": found "5 parsecs", expected a number or a size like "293.7MiB"'
    ],
    [
      'percent in a size column',
      'csv',
      'time,mem\n1,10MiB\n2,5%\n',
      {},
      'bad.csv:3: column "mem": found "5%", expected a number or a size like "293.7MiB"'
    ],
    [
      'unknown time format',
      'csv',
      'time,rss\nyesterday,10\n',
      {},
      'bad.csv:2: column "time": found "yesterday", expected a time: ISO-8601, epoch s/ms/ns, or HH:MM:SS[.fff]'
    ],
    [
      'time kind changes',
      'csv',
      'time,rss\n2024-05-01T00:00:00Z,10\n1714521600,11\n',
      {},
      'bad.csv:3: column "time": found "1714521600", expected an ISO-8601 time like "2024-05-01T12:00:00Z" (as in the first row)'
    ],
    [
      'bad work value',
      'csv',
      'time,requests,rss\n1,10,1\n2,lots,1\n',
      { work: 'requests' },
      'bad.csv:3: column "requests": found "lots", expected a number (cumulative work done)'
    ],
    ['empty file', 'csv', '', {}, 'bad.csv: a header row and data rows, found an empty file'],
    [
      'header only',
      'csv',
      'time,rss\n',
      {},
      'bad.csv:1: found "time,rss", expected data rows after this header'
    ],
    [
      'configured column missing',
      'csv',
      'time,rss\n1,2\n',
      { work: 'archives' },
      'bad.csv:1: column "archives": found "time, rss", expected a work column named "archives" (the config\'s `work`)'
    ],
    [
      'no numeric column',
      'csv',
      'time,name\n1,a\n',
      {},
      'bad.csv:2: column "time": found "a", expected'
    ],
    [
      'docker MemUsage not a size',
      'docker-stats',
      'time,name,MemUsage\n1,web,lots / 2GiB\n',
      {},
      'bad.csv:2: column "MemUsage": found "lots / 2GiB", expected a size like "293.7MiB / 7.654GiB"'
    ],
    [
      'docker table row with a missing column',
      'docker-stats',
      'CONTAINER ID   NAME   MEM USAGE / LIMIT\nabc   web\n',
      {},
      'bad.csv:2: column "MEM USAGE / LIMIT": found "2 columns", expected 3 columns as in the header on line 1 (columns are separated by 2+ spaces)'
    ],
    [
      'jsonl line not JSON',
      'jsonl',
      '{"rss":1}\n{"rss":\n',
      {},
      'bad.csv:2: found "{"rss":", expected a JSON object (one per line)'
    ],
    [
      'bad regex',
      'log',
      'x\n',
      { pattern: 'rss=(?<rss>\\d+' },
      'bad.csv: column "pattern": found "rss=(?<rss>\\d+", expected a valid regular expression (Invalid regular expression: /rss=(?<rss>\\d+/: Unterminated group)'
    ],
    [
      'regex without named groups',
      'log',
      'x\n',
      { pattern: 'rss=(\\d+)' },
      'bad.csv: column "pattern": found "rss=(\\d+)", expected a regular expression with named groups like (?<rss>\\d+)'
    ],
    [
      'no line matches',
      'log',
      'a\nb\n',
      { pattern: 'rss=(?<rss>\\d+)' },
      'bad.csv: column "pattern": found "rss=(?<rss>\\d+)", expected lines matching the pattern; none of 2 lines matched'
    ],
    [
      'log without pattern',
      'log',
      'a\n',
      {},
      'bad.csv: column "pattern": a `pattern` with named groups for format log (e.g. \'rss=(?<rss>\\d+)\')'
    ],
    [
      'binary garbage in an array source',
      'csv',
      'time,rss\n1,2\n\u0000\u0001\u0002garbage\n',
      {},
      'bad.csv:3: a text file, found binary data (control bytes or invalid UTF-8)'
    ],
    [
      'json is not a series format',
      'json',
      '{}',
      {},
      'bad.csv: found "format: json", expected a series format (docker-stats, csv, jsonl, log, prometheus); json is a snapshot: list it under `snapshots:`, or use jsonl for one object per line'
    ]
  ] as const)('%s', async (_name, format, text, spec, message) => {
    const loaded = await load(format, text, spec)
    if (_name === 'no numeric column') {
      // text columns only: nothing to analyse is reported at the header
      expect(loaded.errorCount).toBe(0)
      expect(loaded.series).toEqual([])
      return
    }
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors).toHaveLength(1)
    expect(loaded.errors[0].message).toBe(message)
  })

  it('keeps the first five errors, counts all, and still returns what it read', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i},${i % 2 === 1 ? 'x' : i}`)
    const loaded = await load('csv', `time,rss\n${rows.join('\n')}\n`)
    expect(loaded.errorCount).toBe(500)
    expect(loaded.errors).toHaveLength(5)
    expect(loaded.series[0].samples).toBe(500)
  })

  it('each error carries its parts for the report', async () => {
    const loaded = await load('csv', 'time,rss\n1,abc\n')
    expect(loaded.errors[0]).toMatchObject({
      file: 'bad.csv',
      line: 2,
      column: 'rss',
      found: 'abc'
    })
  })
})

describe('malformed files read from disk', () => {
  const dir = useTempDir('load')
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name)
    writeFileSync(path, content)
    return path
  }

  it('binary garbage gives one error, not one per line', async () => {
    const bytes = Buffer.alloc(200_000)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256
    const path = write('garbage.csv', bytes)
    const loaded = await loadSeries(readLines(path, { displayName: 'garbage.csv' }), {
      file: 'garbage.csv',
      format: 'csv',
      spec: { file: 'garbage.csv' }
    })
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors[0].message).toMatch(/^garbage\.csv:1: a text file, found binary data/)
  })

  it('a 10 MB single line gives one error naming file:line, without buffering it', async () => {
    const path = write('long.csv', `time,rss\n1,2\n${'9'.repeat(10 * 1024 * 1024)}\n3,4\n`)
    const loaded = await loadSeries(readLines(path, { displayName: 'long.csv' }), {
      file: 'long.csv',
      format: 'csv',
      spec: { file: 'long.csv' }
    })
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors[0].message).toMatch(
      /^long\.csv:3: found "9{60}", expected a line of at most 1048576 characters/
    )
    expect(loaded.series[0].value).toEqual([2])
  })

  it('a missing file is an input error, not a crash', async () => {
    const loaded = await loadSeries(readLines(join(dir, 'nope.csv'), { displayName: 'nope.csv' }), {
      file: 'nope.csv',
      format: 'csv',
      spec: { file: 'nope.csv' }
    })
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors[0].message).toMatch(/^nope\.csv: a readable file \(ENOENT/)
  })
})

describe('malformed snapshots', () => {
  it.each([
    [
      'json',
      '{ "rss": 1,\n  "heap": }\n',
      'snap.json:2: found "}", expected a JSON object or "name value" lines (JSON: Unexpected token \'}\' at column 11)'
    ],
    ['json', '', 'snap.json: a JSON object, found an empty file'],
    [
      'json',
      '{"name":"x","ok":true}',
      'snap.json: at least one numeric value in the snapshot, found none'
    ],
    [
      'prometheus',
      'good 1\nbad{a="b"} seven\n',
      'snap.json:2: column "bad": found "seven", expected a number like 1.5e3, NaN or +Inf'
    ],
    [
      'prometheus',
      'x{a="b} 1\n',
      'snap.json:1: column "x": found ""b} 1", expected a closing quote for label a'
    ],
    ['prometheus', '', 'snap.json: Prometheus samples, found an empty file'],
    [
      'csv',
      'a,b\n1,2\n',
      'snap.json: found "format: csv", expected a snapshot format (json or prometheus)'
    ]
  ] as const)('%s %j', async (format, text, message) => {
    const loaded = await loadSnapshot(toAsync(splitText(text)), 'snap.json', format)
    expect(loaded.errorCount).toBe(1)
    expect(loaded.errors[0].message.startsWith(message)).toBe(true)
  })
})

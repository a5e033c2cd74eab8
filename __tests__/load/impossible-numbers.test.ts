/**
 * Numbers no measurement can have (`1e309`, `-Infinity`, `0x10`, a negative
 * size) are errors at their file:line in every loader, on the byte path and
 * the text path alike; none is read as a value and none drops its row
 * silently (`-Infinity` used to equal the loader's own "already reported"
 * marker, so its row vanished with no word).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, loadSnapshot, splitText, toAsync } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('impossible')
let count = 0

/** Loads `text` from a file (byte path where the loader has one) and from memory (text path). */
async function bothPaths(format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}) {
  const file = 'in.data'
  const path = join(dir, `case-${count++}`)
  writeFileSync(path, text)
  const request = { file, format, spec: { file, ...spec } }
  const viaFile = await loadSeries(readLines(path, { displayName: file }), request)
  const viaText = await loadSeries(toAsync(splitText(text)), request)
  expect(viaFile).toEqual(viaText)
  return viaFile
}

const IMPOSSIBLE: Array<[string, RegExp]> = [
  ['1e309', /a number a double can hold/],
  ['-Infinity', /a finite number \(not infinity\)/],
  ['Infinity', /a finite number \(not infinity\)/],
  ['0x10', /a decimal number \(not hexadecimal/],
  ['-5', /a size of 0 or more/]
]

describe('impossible numbers are errors at their line, on both paths', () => {
  it.each(IMPOSSIBLE)('csv memory column: %s', async (cell, expected) => {
    const loaded = await bothPaths('csv', `time,rss\n1,10\n2,${cell}\n3,12\n4,13\n`)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^in\\.data:3: column "rss": found "${cell.replace('+', '\\+')}", expected`)
      )
    ])
    expect(loaded.errors[0].expected).toMatch(expected)
    expect(loaded.series[0].value).toEqual([10, 12, 13])
  })

  it.each(IMPOSSIBLE.slice(0, 4))('csv work column: %s', async (cell) => {
    const loaded = await bothPaths('csv', `time,requests,rss\n1,0,10\n2,${cell},11\n3,20,12\n`)
    expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['3 requests'])
    expect(loaded.errors[0].expected).toMatch(/cumulative work done/)
  })

  it('a negative count is a value (only sizes cannot be negative)', async () => {
    const loaded = await bothPaths('csv', 'time,delta\n1,-3\n2,4\n', {
      metrics: { delta: 'count' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value).toEqual([-3, 4])
  })

  it.each(['1e309', '-Infinity', '0x10', '-5MiB', '-5'])(
    'docker stats usage: %s',
    async (usage) => {
      const loaded = await bothPaths(
        'docker-stats',
        `timestamp,name,mem_usage\n2026-01-01T00:00:00Z,web,10MiB / 1GiB\n2026-01-01T00:00:01Z,web,${usage} / 1GiB\n2026-01-01T00:00:02Z,web,12MiB / 1GiB\n`
      )
      expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['3 mem_usage'])
      expect(loaded.series[0].value).toHaveLength(2)
    }
  )

  it.each([
    ['1e309', /a finite number/],
    ['-1e309', /a finite number/],
    ['-5', /a size of 0 or more/]
  ])('jsonl: %s', async (value, expected) => {
    const loaded = await bothPaths(
      'jsonl',
      `{"time":1700000000000,"rss":10}\n{"time":1700000001000,"rss":${value}}\n{"time":1700000002000,"rss":12}\n`
    )
    expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['2 rss'])
    expect(loaded.errors[0].expected).toMatch(expected)
  })

  it.each(['"-Infinity"', '"0x10"', '"1e309"'])(
    'jsonl, a number written as text: %s',
    async (value) => {
      const loaded = await bothPaths(
        'jsonl',
        `{"time":1700000000000,"rss":10}\n{"time":1700000001000,"rss":${value}}\n{"time":1700000002000,"rss":12}\n`
      )
      expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['2 rss'])
    }
  )

  it('jsonl: an epoch time that overflows is a bad time, not a time at infinity', async () => {
    const loaded = await bothPaths(
      'jsonl',
      '{"time":1700000000000,"rss":10}\n{"time":1e309,"rss":11}\n{"time":1700000002000,"rss":12}\n'
    )
    expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['2 time'])
  })

  it.each([
    [
      'csv',
      'time,rss\n1764045600,10\n1764045601,11\n1e300,12\n99999999999999999999,13\n1764045604,14\n'
    ],
    // 13 digits of epoch seconds (1e16 ms): read inline by the byte path's number loops
    [
      'csv',
      'time,rss\n1764045600,10\n1764045601,11\n9999999999999,12\n-9999999999999,13\n1764045604,14\n'
    ],
    [
      'csv',
      'time,rss,heapUsed\n1764045600,10,1\n1764045601,11,1\n9999999999999,12,1\n-9999999999999,13,1\n1764045604,14,1\n'
    ],
    [
      'docker-stats',
      'time,Name,MemUsage\n1764045600,a,10MiB / 1GiB\n1764045601,a,11MiB / 1GiB\n9999999999999,a,12MiB / 1GiB\n9999999999998,a,13MiB / 1GiB\n1764045604,a,14MiB / 1GiB\n'
    ],
    [
      'jsonl',
      '{"time":1764045600,"rss":10}\n{"time":1764045601,"rss":11}\n{"time":1e300,"rss":12}\n{"time":99999999999999999999,"rss":13}\n{"time":1764045604,"rss":14}\n'
    ]
  ] as const)(
    '%s: an epoch time past any date a Date holds is a bad time at its line',
    async (format, text) => {
      // 1e300 s and 1e20 s are past ±8.64e15 ms: no date, and a one-sample "run" 1e292 days later
      // must not stretch the window until every trend looks flat.
      const loaded = await bothPaths(format, text)
      const first = format === 'jsonl' ? 3 : 4 // a CSV's header is line 1
      expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual([
        `${first} time`,
        `${first + 1} time`
      ])
    }
  )

  it.each(IMPOSSIBLE)('log pattern group: %s', async (cell) => {
    const loaded = await bothPaths('log', `rss=10\nrss=${cell}\nrss=12\n`, {
      pattern: 'rss=(?<rss>\\S+)',
      metrics: { rss: 'memory' }
    })
    expect(loaded.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['2 rss'])
  })

  it('prometheus: digits that overflow are an error; NaN and ±Inf stay documented missing samples', async () => {
    const loaded = await bothPaths(
      'prometheus',
      'mem_bytes 10\nmem_bytes 1e309\nmem_bytes 12\nmem_bytes -Inf\nmem_bytes 0x10\n'
    )
    expect(loaded.errors.map((e) => `${e.line} ${e.found}`)).toEqual(['2 1e309', '5 0x10'])
  })

  it('json snapshot: an overflowing number and a negative memory size are errors naming the key', async () => {
    const text = '{\n  "rss": 1e309,\n  "heapUsed": -5,\n  "objects": -2,\n  "external": 7\n}\n'
    const loaded = await loadSnapshot(toAsync(splitText(text)), 'post.json', 'json')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'post.json:2: column "rss": found "Infinity", expected a finite number',
      'post.json:3: column "heapUsed": found "-5", expected a size of 0 or more (memory is never negative)'
    ])
    expect(loaded.snapshot.values).toEqual({ objects: -2, external: 7 })
  })
})

describe('examples/map-leak with -Infinity samples (built CLI)', () => {
  const CLI = resolve('dist/cli.js')
  it.each(['heapUsed', 'requests'])(
    'every 10th %s set to -Infinity: exit 2 with the file:line, never a pass',
    (column) => {
      const artifacts = join(dir, `map-leak-${column}`)
      cpSync(resolve('examples/map-leak/artifacts'), artifacts, { recursive: true })
      const csv = join(artifacts, 'memory.csv')
      const [header, ...rows] = readFileSync(csv, 'utf8').trimEnd().split('\n')
      const index = header.split(',').indexOf(column)
      const changed = rows.map((row, i) => {
        if (i % 10 !== 9) return row
        const cells = row.split(',')
        cells[index] = '-Infinity'
        return cells.join(',')
      })
      writeFileSync(csv, [header, ...changed].join('\n') + '\n')
      const run = spawnSync(process.execPath, [CLI, artifacts], { encoding: 'utf8' })
      expect(run.status).toBe(2)
      expect(run.stdout + run.stderr).toMatch(
        new RegExp(
          `memory\\.csv:11: column "${column}": found "-Infinity", expected a finite number`
        )
      )
    }
  )
})

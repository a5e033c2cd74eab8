/**
 * The rules other parsers' conformance suites hold leak-gate to (Prometheus'
 * textparse and expfmt, OpenMetrics, Go encoding/csv, csv-spectrum), each
 * as a small file read through the real file reader.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, loadSnapshot } from '../../src/load/index.js'
import { looksBinary } from '../../src/load/lines.js'
import type { InputFormat } from '../../src/model.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('conformance')
let count = 0

function write(content: string | Buffer): string {
  const path = join(dir, `case-${count++}`)
  writeFileSync(path, content)
  return path
}

function snapshot(content: string | Buffer) {
  return loadSnapshot(readLines(write(content), { displayName: 'm.prom' }), 'm.prom', 'prometheus')
}

function series(content: string | Buffer, format: InputFormat = 'csv') {
  return loadSeries(readLines(write(content), { displayName: 'case.csv' }), {
    file: 'case.csv',
    format,
    spec: { file: 'case.csv' }
  })
}

describe('Prometheus text: what other parsers accept', () => {
  it('a NUL byte inside a quoted label value or a HELP text is text', async () => {
    const loaded = await snapshot(
      Buffer.from('# HELP a he\u0000lp\n# TYPE a gauge\na{b="x\u0000y"} 1\nc{d="\u0000"} 2\n')
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.snapshot.values).toEqual({ 'a{b="x\u0000y"}': 1, 'c{d="\u0000"}': 2 })
  })

  it.each([
    ['in a metric name', 'a\u0000{b="c"} 1\n'],
    ['before a label value', 'a{b=\u0000"c"} 1\n'],
    ['after a timestamp', 'a 0 1\u0000\n'],
    ['in a TYPE line', '# TYPE a\u0000 gauge\na 1\n']
  ])('a NUL byte %s is binary data at its line', async (_where, text) => {
    const loaded = await snapshot(Buffer.from(`ok 1\n${text}`))
    expect(loaded.errors[0].message).toMatch(/^m\.prom:2: /)
  })

  it('blanks before the braces, around labels, between labels, and none before the value after }', async () => {
    const loaded = await snapshot(
      'name {a="1",b="2"} 3\nname2{ a = "1" , }-Inf\nname3 { q = "1.0" r = "x" } 4\n'
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.snapshot.values).toEqual({
      'name{a="1",b="2"}': 3,
      'name3{q="1.0",r="x"}': 4
    })
  })

  it.each([
    ['a label name starting with a digit', 'a{1="1"} 1', /a label name \(a letter or "_" first\)/],
    ['a repeated label name', 'a{b="1",b="2"} 1', /each label name once \(label b is repeated\)/],
    ['junk after the timestamp', 'a 1 2 #', /a value and an optional timestamp/],
    ['a value that overflows', 'a 1e309', /overflows/]
  ])('%s is an error at its line', async (_what, line, expected) => {
    const loaded = await snapshot(`ok 1\n${line}\n`)
    expect(loaded.errors).toHaveLength(1)
    expect(loaded.errors[0].line).toBe(2)
    expect(loaded.errors[0].expected).toMatch(expected)
  })

  it('an exemplar after the value is still read', async () => {
    const loaded = await snapshot('a_total 1 # {trace_id="x"} 1 123\n# EOF\n')
    expect(loaded.errors).toEqual([])
  })

  it('a label value that is not UTF-8 is an error at its line; a real U+FFFD is text', async () => {
    const bad = await snapshot(
      Buffer.concat([Buffer.from('ok 1\nm{l="'), Buffer.from([0xbd]), Buffer.from('"} 1\n')])
    )
    expect(bad.errors.map((e) => e.message)).toEqual([
      'm.prom:2: column "m": found "m{l="?"} 1", expected UTF-8 text (the line holds bytes that are not UTF-8)'
    ])
    const good = await snapshot('m{l="\ufffd"} 1\n')
    expect(good.errors).toEqual([])
  })
})

describe('CSV: what other parsers accept', () => {
  it('a quoted header name with a line break in it', async () => {
    const loaded = await series('time,"rss\n(bytes)"\r\n1,10\r\n2,11\r\n')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.value])).toEqual([['rss\n(bytes)', [10, 11]]])
  })

  it('a file with a real U+FFFD is text', async () => {
    const loaded = await series("time,place,rss\n1,37\ufffd36'N,10\n2,x,11\n")
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value).toEqual([10, 11])
  })

  it('bytes that are not UTF-8 are binary data at their line', async () => {
    const loaded = await series(
      Buffer.concat([Buffer.from('time,rss\n1,10\n2,1'), Buffer.from([0xff]), Buffer.from('1\n')])
    )
    expect(loaded.errors.map((e) => e.line)).toEqual([3])
    expect(looksBinary('a\udcffb')).toBe(true)
    expect(looksBinary('a\ufffdb \u{1f600}')).toBe(false)
  })
})

/**
 * The Prometheus loader's fast paths must read exactly what the general
 * parser reads: a line whose `name{labels}` prefix was parsed before takes
 * that parse and reads only its value (SampleCache), and a file's keys keep
 * one float per scrape until they would need a SeriesBuilder's reduction.
 */
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import { parsePrometheusLine, SampleCache, SAMPLE_CACHE_CHARS } from '../../src/load/prometheus.js'
import { SeriesBuilder, MAX_POINTS } from '../../src/load/series-builder.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('prometheus-fast-path')

/** Label values that trip parsers: escapes, quotes, braces, `#`, blanks, NUL, a byte that is not UTF-8 (as read-lines decodes it). */
const labelValue = fc.constantFrom(
  'a',
  '',
  'with space',
  'x\\"y',
  'back\\\\slash',
  'new\\nline',
  '}',
  '{',
  '#',
  ' # {a="b"} 1',
  'tab\there',
  'nul\u0000inside',
  'bad\udcffbyte',
  '=,',
  '1 2'
)
const labelName = fc.constantFrom('a', 'shard', '_x', 'le', '1bad', 'a b')
const metricName = fc.constantFrom(
  'm',
  'app_cache_entries',
  'process_resident_memory_bytes',
  'x:y',
  '9bad',
  ''
)
const prefix = fc
  .tuple(
    metricName,
    fc.array(fc.tuple(labelName, labelValue), { maxLength: 3 }),
    fc.constantFrom('', ' ', ',', ', '),
    fc.constantFrom('', ' ')
  )
  .map(([name, labels, trailing, gap]) =>
    labels.length === 0 && trailing === ''
      ? name
      : `${name}${gap}{${labels.map(([l, v]) => `${l}="${v}"`).join(',')}${labels.length > 0 ? trailing : ''}}`
  )
const valueToken = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom(
    '0',
    '007',
    '123456789012345',
    '1234567890123456789',
    '90729234602558198',
    '-1',
    '+5',
    '1.5e3',
    '.5',
    '5.',
    '1E-3',
    'NaN',
    'Nan',
    '+Inf',
    '-Inf',
    'Inf',
    '1e309',
    '-1e309',
    '0x10',
    'abc',
    '1_000',
    '5\udcff',
    '5\u0000',
    '#',
    '1#2',
    '١٢'
  )
)
const tail = fc.constantFrom(
  '',
  '',
  '',
  ' 1700000000000',
  ' 1700000000.5',
  ' junk',
  ' # {trace_id="abc"} 0.5',
  ' # {trace_id="abc"} 0.5 1700000000',
  '\t7',
  ' ',
  '  ',
  ' 1 2'
)
const line = fc
  .tuple(prefix, fc.constantFrom(' ', ' ', '  ', '\t'), valueToken, tail)
  .map(([p, sep, value, rest]) => `${p}${sep}${value}${rest}`)

describe('Prometheus line cache', () => {
  it('parses every line of a sequence exactly as the general parser does', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (lines, repeats) => {
          // repeat earlier lines' prefixes with other values: the cache's own case
          const sequence = [...lines]
          for (const r of repeats) {
            const earlier = lines[r % lines.length]
            const cut = earlier.lastIndexOf(' ')
            if (cut > 0) sequence.push(`${earlier.slice(0, cut)} ${r % 7 === 0 ? 'NaN' : r}`)
            sequence.push(lines[(r * 7) % lines.length])
          }
          const cache = new SampleCache()
          for (const text of sequence) {
            expect(cache.parse(text)).toEqual(parsePrometheusLine(text))
            // a hit skips the loader's search for bytes that are not UTF-8: there must be none
            if (cache.hit) expect(text).not.toMatch(/[\udc80-\udcff]/)
          }
        }
      ),
      { numRuns: 400 }
    )
  })

  it('stays within its character bound on many long label sets, parses them as the general parser does and still hits', () => {
    // 30,000 distinct keys of about 500 characters, twice: far more than the bound holds
    const cache = new SampleCache()
    const pad = 'p'.repeat(470)
    let most = 0
    let hits = 0
    const differ: string[] = []
    for (const round of [0, 1])
      for (let i = 0; i < 30000; i++) {
        const text = `m{id="${i}",pad="${pad}"} ${i + round}`
        if (!isDeepStrictEqual(cache.parse(text), parsePrometheusLine(text))) differ.push(text)
        if (round === 1 && cache.hit) hits++
        most = Math.max(most, cache.chars)
      }
    expect(differ).toEqual([])
    expect(most).toBeLessThanOrEqual(SAMPLE_CACHE_CHARS)
    expect(most).toBeGreaterThan(SAMPLE_CACHE_CHARS * 0.9)
    // the keys it kept from the first scrape are read the fast way in the second
    expect(hits).toBeGreaterThan(30000 / 3)
    // a prefix over 512 characters is never remembered
    const long = `m{pad="${'q'.repeat(600)}"}`
    for (const value of ['1', '2']) {
      expect(cache.parse(`${long} ${value}`)).toEqual(parsePrometheusLine(`${long} ${value}`))
      expect(cache.hit).toBe(false)
    }
  })

  it('reads a cached prefix with a new exemplar, timestamp or bad value the general way', () => {
    const cache = new SampleCache()
    const lines = [
      'm{a="1"} 5',
      'm{a="1"} 6 # {trace="x"} 9',
      'm{a="1"} 7 1700000000000',
      'm{a="1"} 1e309',
      'm{a="1"} 0x10',
      'm{a="1"} +Inf',
      'm{a="1"} 8\u0000',
      'm{a="1"} 1 2 3',
      'm{a="1"} 9'
    ]
    for (const text of lines) expect(cache.parse(text)).toEqual(parsePrometheusLine(text))
    expect(cache.parse('m{a="1"} 6 # {trace="x"} 9')).toMatchObject({ value: 6 })
    expect(cache.parse('m{a="1"} 1e309')).toHaveProperty('error')
  })
})

describe('Prometheus scrape files through the line cache', () => {
  it('reports bad values, non-UTF-8 bytes and CRLF on lines whose prefix it has seen, at their lines', async () => {
    const path = join(dir, 'scrapes.prom')
    const scrape = (value: string, extra = '') =>
      `# HELP m A gauge.\r\n# TYPE m gauge\r\nm{a="x y",b="q\\"#"} ${value}\r\nn 1${extra}\r\n`
    const bytes = Buffer.concat([
      Buffer.from(scrape('5') + scrape('6 # {t="1"} 99') + scrape('1e309') + scrape('NaN')),
      Buffer.from('m{a="x y",b="q\\"#"} 7\r\nn{l="'),
      Buffer.from([0xff]),
      Buffer.from('"} 2\r\nn 2\r\n' + scrape('8')),
      // a byte that is not UTF-8 in the value of a known prefix: binary, reading stops
      Buffer.from('m{a="x y",b="q\\"#"} 9'),
      Buffer.from([0xfe]),
      Buffer.from('\r\n' + scrape('10'))
    ])
    writeFileSync(path, bytes)
    const request = {
      file: 'scrapes.prom',
      format: 'prometheus' as const,
      spec: { file: 'scrapes.prom' }
    }
    const loaded = await loadSeries(readLines(path, { displayName: 'scrapes.prom' }), request)
    expect(loaded.errors.map((e) => [e.line, e.message.replace(/^[^:]*:\d+: /, '')])).toEqual([
      [11, expect.stringContaining('overflows to infinity')],
      [18, expect.stringContaining('bytes that are not UTF-8')],
      [24, 'a text file, found binary data (control bytes or invalid UTF-8)']
    ])
    const m = loaded.series.find((s) => s.metric === 'm{a="x y",b="q\\"#"}')!
    // 5, 6 (the exemplar's 99 is not the value), overflow and NaN missing, 7, 8; nothing after the binary line
    expect(m.value).toEqual([5, 6, 7, 8])
    const n = loaded.series.find((s) => s.metric === 'n')!
    expect(n.value).toEqual([1, 1, 1, 1, 2, 1])
  })

  it('keeps the values of keys over more scrapes than a series holds points, as a builder fed sample by sample', async () => {
    const scrapes = MAX_POINTS + 900
    const lines: string[] = []
    const reference = {
      a: new SeriesBuilder(),
      b: new SeriesBuilder(),
      c: new SeriesBuilder(),
      d: new SeriesBuilder()
    }
    const start = Date.UTC(2026, 10, 25, 4, 40)
    for (let i = 0; i < scrapes; i++) {
      // a scrape loop's time line before each scrape
      const time = start + i * 15000
      lines.push(`# ${new Date(time).toISOString()}`)
      lines.push(`a ${i}`)
      reference.a.add(i, time, NaN)
      if (i % 3 !== 0) {
        const value = i % 5 === 0 ? 'NaN' : String(i * 2)
        lines.push(`b ${value}`)
        reference.b.add(Number(value), time, NaN)
      }
      if (i >= 100) {
        lines.push(`c{x="1"} ${i % 11}`)
        reference.c.add(i % 11, time, NaN)
      }
      // a short-lived key with holes: never needs a builder
      if (i >= 50 && i < 300 && i % 4 !== 0) {
        const value = i % 9 === 0 ? '+Inf' : `${i}.5`
        lines.push(`d{y="2"} ${value}`)
        reference.d.add(value === '+Inf' ? NaN : Number(value), time, NaN)
      }
    }
    const loaded = await loadSeries(toAsync(splitText(lines.join('\n'))), {
      file: 'm.prom',
      format: 'prometheus',
      spec: { file: 'm.prom' }
    })
    expect(loaded.errors).toEqual([])
    for (const [key, builder] of [
      ['a', reference.a],
      ['b', reference.b],
      ['c{x="1"}', reference.c],
      ['d{y="2"}', reference.d]
    ] as const) {
      const got = loaded.series.find((s) => s.metric === key)!
      const want = builder.build({
        id: `m.prom:${key}`,
        file: 'm.prom',
        metric: key,
        kind: 'count',
        unit: 'count',
        timeBase: 'epoch'
      })
      expect(got).toEqual({ ...want, limit: undefined })
    }
    // a and c were reduced; b moved to a builder past MAX_POINTS scrapes with fewer samples; d never did
    expect(loaded.series.map((s) => [s.metric, s.reduced])).toEqual([
      ['a', true],
      ['b', false],
      ['d{y="2"}', false],
      ['c{x="1"}', true]
    ])
  })

  it('loads 30,000 long label sets a scrape, more than the line cache holds, with every value', async () => {
    const pad = 'p'.repeat(280)
    const keys = 30000
    const lines: string[] = []
    for (let scrape = 0; scrape < 3; scrape++)
      for (let i = 0; i < keys; i++)
        // every 7th key's prefix is too long to be remembered
        lines.push(`m{id="${i}",pad="${i % 7 === 0 ? pad.repeat(2) : pad}"} ${i * 3 + scrape}`)
    const loaded = await loadSeries(toAsync(splitText(lines.join('\n'))), {
      file: 'm.prom',
      format: 'prometheus',
      spec: { file: 'm.prom' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series).toHaveLength(keys)
    for (const series of loaded.series) {
      const i = Number(/id="(\d+)"/.exec(series.metric)![1])
      expect(series.value).toEqual([i * 3, i * 3 + 1, i * 3 + 2])
    }
  })

  it('gives a key scraped fewer times than a reduced key its own counts, as when loaded alone', async () => {
    // a: in every one of 10,000 scrapes (more than a series keeps: its points hold 2 samples);
    // b: only in the last 5,000, as many as a has points
    const scrapes = 10000
    const start = Date.UTC(2026, 11, 5, 9, 0)
    const both: string[] = []
    const alone: string[] = []
    for (let i = 0; i < scrapes; i++) {
      const time = `# ${new Date(start + i * 15000).toISOString()}`
      both.push(time, `a ${i}`)
      alone.push(time)
      if (i >= scrapes / 2) {
        both.push(`b ${(i * 7) % 13}`)
        alone.push(`b ${(i * 7) % 13}`)
      }
    }
    const load = (lines: string[]) =>
      loadSeries(toAsync(splitText(lines.join('\n'))), {
        file: 'm.prom',
        format: 'prometheus',
        spec: { file: 'm.prom' }
      })
    const [together, single] = [await load(both), await load(alone)]
    const a = together.series.find((s) => s.metric === 'a')!
    expect(a.reduced).toBe(true)
    expect(a.count.every((c) => c === 2)).toBe(true)
    const b = together.series.find((s) => s.metric === 'b')!
    const bAlone = single.series.find((s) => s.metric === 'b')!
    expect(bAlone.samples).toBe(scrapes / 2)
    expect(bAlone.count.every((c) => c === 1)).toBe(true)
    expect(b).toEqual(bAlone)
  })
})

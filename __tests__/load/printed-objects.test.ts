/**
 * `console.log(process.memoryUsage())` saved to a file (util.inspect's
 * printed objects): read through the JSON lines loader, one sample per
 * object, with no config. The format comes from the sniffer, as the input
 * plan takes it.
 */
import { readFileSync } from 'node:fs'
import { loadSeries, splitText } from '../../src/load/index.js'
import { sniffInput } from '../../src/understand/sniff.js'
import { prefixFields } from '../../src/understand/printed-objects.js'
import type { Series } from '../../src/model.js'

const SHAPES = '__fixtures__/pipeline/saved-shapes'
const MiB = 1024 ** 2

/** Loads text in the format the sniffer gives its name and head. */
async function load(file: string, text: string) {
  const lines = splitText(text)
  const sniffed = sniffInput(file, lines.slice(0, 200))
  const loaded = await loadSeries(lines, {
    file,
    format: sniffed.format ?? 'log',
    spec: { file }
  })
  return { sniffed, ...loaded }
}

const loadFixture = (path: string) =>
  load(path.split('/').pop()!, readFileSync(`${SHAPES}/${path}`, 'utf8'))

const byMetric = (series: Series[], metric: string): Series => {
  const found = series.find((s) => s.metric === metric)
  if (!found) throw new Error(`no ${metric} in ${series.map((s) => s.metric).join(', ')}`)
  return found
}

describe('printed objects are read as samples', () => {
  it("Node's own multi-line form (the docs' sample), values in bytes, file order with a note", async () => {
    const loaded = await loadFixture('memory-usage-printed/memory.log')
    expect(loaded.sniffed).toMatchObject({ format: 'jsonl', shape: 'printed-objects' })
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.metric)).toEqual([
      'rss',
      'heapTotal',
      'heapUsed',
      'external',
      'arrayBuffers'
    ])
    const rss = byMetric(loaded.series, 'rss')
    expect(rss.samples).toBe(20)
    expect(rss.value[0]).toBe(52133888)
    expect(rss.value[19]).toBe(64585728)
    expect(rss.timeBase).toBe('none')
    expect(loaded.notes).toContainEqual(
      expect.stringContaining('no time before the printed objects or in them: judged in file order')
    )
  })

  it('one-line objects after an ISO time: the time is the axis', async () => {
    const loaded = await loadFixture('printed-time-prefix/memory.log')
    expect(loaded.errors).toEqual([])
    const heap = byMetric(loaded.series, 'heapUsed')
    expect(heap.samples).toBe(20)
    expect(heap.timeBase).toBe('epoch')
    expect(heap.time[0]).toBe(Date.UTC(2025, 11, 5, 10, 0, 0))
    expect(heap.time[19] - heap.time[0]).toBe(190_000)
    expect(heap.value[19] - heap.value[0]).toBe(19 * 655360)
    expect(loaded.notes ?? []).not.toContainEqual(expect.stringContaining('file order'))
  })

  it('a label with a work count (`after 1000 requests {`) before a multi-line object: the work axis', async () => {
    const loaded = await loadFixture('printed-multiline/memory.txt')
    expect(loaded.errors).toEqual([])
    const heap = byMetric(loaded.series, 'heapUsed')
    expect(heap.samples).toBe(12)
    expect(heap.workName).toBe('requests')
    expect(heap.work[0]).toBe(1000)
    expect(heap.work[11]).toBe(12000)
    expect(heap.value[11] - heap.value[0]).toBe(11 * MiB)
  })

  it("formatted strings with units ('181.54 MB') after `[HH:MM:SS] memory:`: sizes in bytes on a clock", async () => {
    const loaded = await loadFixture('printed-units/memory.log')
    expect(loaded.errors).toEqual([])
    const rss = byMetric(loaded.series, 'rss')
    expect(rss.samples).toBe(30)
    expect(rss.timeBase).toBe('clock')
    expect(rss.time[1] - rss.time[0]).toBe(5000)
    // the strings come from `(n / 1024 / 1024).toFixed(2) + ' MB'`: their MB is MiB
    // (a size in a table cell keeps MB = 10^6 bytes, as docker writes it)
    expect(rss.value[0]).toBeCloseTo(181.54 * MiB, 0)
    expect(byMetric(loaded.series, 'external').value[0]).toBeCloseTo(2.05 * MiB, 0)
  })

  it('objects among other log lines, keys quoted or not, `_` separators, a bare Date: lines skipped with a note', async () => {
    const loaded = await loadFixture('printed-mixed-log/app.log')
    expect(loaded.sniffed.shape).toBe('printed-objects')
    expect(loaded.errors).toEqual([])
    const rss = byMetric(loaded.series, 'rss')
    expect(rss.samples).toBe(15)
    expect(rss.value[0]).toBe(88_000_000)
    expect(rss.timeBase).toBe('epoch')
    expect(rss.time[14] - rss.time[0]).toBe(14 * 20_000)
    expect(loaded.notes).toContain('31 lines between the printed objects skipped (other log lines)')
  })

  it('a count a program keeps is read beside memory; an object naming only such counts is another log line', async () => {
    const text = [
      'server { handlers: 4, sessions: 2 }',
      '2024-01-01T10:00:00.000Z { rss: 4935680, heapUsed: 650472, listeners: 3 }',
      '2024-01-01T10:00:10.000Z { rss: 4935680, heapUsed: 650472, listeners: 3 }'
    ].join('\n')
    const loaded = await load('app.log', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.samples])).toEqual([
      ['rss', 'memory', 2],
      ['heapUsed', 'memory', 2],
      ['listeners', 'count', 2]
    ])
    expect(loaded.notes).toContain('1 line between the printed objects skipped (other log lines)')
  })

  it('MiB, KB, GB and bare numbers with `_` in one object: KB, MB, GB printed by a formatter are 1024-based', async () => {
    const text = [
      "{ rss: '45 MiB', heapUsed: \"1.5 GB\", external: '512 KB', arrayBuffers: 1_234 }",
      "{ rss: '46 MiB', heapUsed: \"1.6 GB\", external: '512 KB', arrayBuffers: 1_234 }"
    ].join('\n')
    const loaded = await load('mem.txt', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.value[0]])).toEqual([
      ['rss', 45 * MiB],
      ['heapUsed', 1.5 * 1024 * MiB],
      ['external', 512 * 1024],
      ['arrayBuffers', 1234]
    ])
  })
})

describe('a printed object reads as the same object written as a JSON line', () => {
  it('200 random objects, one-line and multi-line, quoted or not, `_` separators, unit strings', async () => {
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const printed: string[] = []
    const json: string[] = []
    for (let i = 0; i < 200; i++) {
      const time = new Date(Date.UTC(2025, 11, 5, 10, 0, i)).toISOString()
      const rss = 50_000_000 + random(10_000_000)
      const heap = 10_000_000 + random(5_000_000)
      const external = (1 + random(900) / 100).toFixed(2)
      const rssText = random(2) === 0 ? String(rss) : rss.toLocaleString('en-US').replace(/,/g, '_')
      const key = random(2) === 0 ? 'heapUsed' : "'heapUsed'"
      const object = `{ rss: ${rssText}, ${key}: ${heap}, external: '${external} MiB' }`
      printed.push(
        random(2) === 0
          ? `${time} ${object}`
          : `${time} {\n  rss: ${rssText},\n  ${key}: ${heap},\n  external: "${external} MiB"\n}`
      )
      json.push(JSON.stringify({ time, rss, heapUsed: heap, external: `${external} MiB` }))
    }
    const fromPrinted = await load('memory.log', printed.join('\n'))
    const fromJson = await load('memory.jsonl', json.join('\n'))
    expect(fromPrinted.sniffed.shape).toBe('printed-objects')
    expect(fromPrinted.errors).toEqual([])
    const view = (series: Series[]) =>
      series.map((s) => [s.metric, s.timeBase, s.samples, s.time, s.value])
    expect(view(fromPrinted.series)).toEqual(view(fromJson.series))
    expect(fromPrinted.series).toHaveLength(3)
  })
})

describe('a broken printed object is an error at its line and column', () => {
  it('a value with a unit outside quotes', async () => {
    const text = ['{ rss: 4935680, heapUsed: 650472 }', '{ rss: 12 MB, heapUsed: 650472 }'].join(
      '\n'
    )
    const loaded = await load('mem.log', text)
    expect(loaded.errors).toEqual([
      expect.objectContaining({
        line: 2,
        found: 'MB,',
        expected: 'at column 11 `,` or `}` (a printed object, as console.log writes it)'
      })
    ])
  })

  it('a multi-line object cut off by the next one', async () => {
    const text = ['{', '  rss: 4935680,', '  heapTotal: 18', '{', '  rss: 4935681', '}'].join('\n')
    const loaded = await load('mem.log', text)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'mem.log:4: found "{", expected at column 1 a key, a value or `}` continuing the printed object opened at line 1'
    ])
    // the next object is still read
    expect(byMetric(loaded.series, 'rss').samples).toBe(1)
  })

  it('an object left open at the end of the file', async () => {
    const text = ['{ rss: 1, heapUsed: 2 }', '{', '  rss: 4935680,'].join('\n')
    const loaded = await load('mem.log', text)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'mem.log:2: found "the end of the file", expected `}` closing the printed object opened at line 2'
    ])
  })

  it('an object over 64 KiB', async () => {
    const text = `{ rss: 1, heapUsed: 2 }\n{ rss: 1, note: '${'x'.repeat(70_000)}' }\n`
    const loaded = await load('mem.log', text)
    expect(loaded.errors).toEqual([
      expect.objectContaining({ line: 2, expected: expect.stringContaining('at most 64 KiB') })
    ])
  })

  it('braces in other log lines are no objects and no errors', async () => {
    const text = [
      'config { port: 3000 }',
      'function handler() {',
      '  return 1',
      '}',
      'GET /items/{id} 200',
      '{ rss: 4935680, heapUsed: 650472 }',
      '{ rss: 4935690, heapUsed: 650480 }'
    ].join('\n')
    const loaded = await load('app.log', text)
    expect(loaded.errors).toEqual([])
    expect(byMetric(loaded.series, 'rss').samples).toBe(2)
    expect(loaded.notes).toContain('5 lines between the printed objects skipped (other log lines)')
  })

  it('a long line of braces and keys costs one pass (no backtracking, no recursion past 8 levels)', async () => {
    const deep = `{ rss: 1, a: ${'{ b: '.repeat(5000)}1${' }'.repeat(5000)} }`
    const loaded = await load('mem.log', `{ rss: 1, heapUsed: 2 }\n${deep}\n`)
    expect(loaded.errors).toEqual([
      expect.objectContaining({
        line: 2,
        expected: expect.stringContaining('nested at most 8 deep')
      })
    ])
  })
})

describe('the text before an object', () => {
  it.each([
    ['2024-01-01T10:00:00.000Z ', { time: '2024-01-01T10:00:00.000Z' }],
    ['[10:00:01] ', { time: '10:00:01' }],
    ['memory: ', {}],
    ['after 1,000 requests ', { requests: 1000 }],
    ['12:00:01 after 500 iterations: ', { time: '12:00:01', iterations: 500 }],
    ['worker 3 heap ', {}]
  ])('%j', (prefix, fields) => {
    expect(prefixFields(prefix)).toEqual(fields)
  })
})

describe('what stays as it was', () => {
  it('one JSON object alone is a JSON document (a snapshot), not a printed object', () => {
    const sniffed = sniffInput('post.json', ['{', '  "rss": 4935680,', '  "heapUsed": 650472', '}'])
    expect(sniffed.shape).toBe('json-document')
  })

  it('JSON lines with a bad line stay JSON lines, the bad line an error', async () => {
    const text = [
      '{"rss": 1, "heapUsed": 2',
      '{"rss": 3, "heapUsed": 4}',
      '{"rss": 5, "heapUsed": 6}'
    ].join('\n')
    const loaded = await load('mem.jsonl', text)
    expect(loaded.sniffed.shape).toBe('json-lines')
    expect(loaded.errors.map((e) => e.line)).toEqual([1])
    expect(loaded.errors[0].expected).toBe('a JSON object (one per line)')
  })

  it('broken objects alone (flow YAML, code) make no printed-objects file', () => {
    expect(sniffInput('notes.txt', ['    metrics: {rss: memory}']).shape).toBe('text')
    expect(
      sniffInput('notes.txt', ['  const a = { rss: mb(149.81), heapUsed: mb(92.19) }']).shape
    ).toBe('text')
  })

  it('printed objects without memory keys are not read as samples', () => {
    const sniffed = sniffInput('app.log', ["{ user: 'ann', id: 3 }", "{ user: 'bob', id: 4 }"])
    expect(sniffed.shape).not.toBe('printed-objects')
  })
})

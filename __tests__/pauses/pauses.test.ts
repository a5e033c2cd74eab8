/**
 * The heap snapshot pause manifest: validation, and leaving the pauses out
 * of the series of its folder (the RSS rise moved out, a GC drop left alone).
 */
import { excludePauses, SETTLE_MS } from '../../src/pauses/exclude.js'
import { parsePauseManifest, type PauseManifest } from '../../src/pauses/manifest.js'
import type { Series } from '../../src/model.js'
import { jsonValueOffset } from '../../src/understand/json-depth.js'

function series(
  file: string,
  metric: string,
  values: number[],
  kind: Series['kind'] = 'memory'
): Series {
  const time = values.map((_, i) => i * 500)
  return {
    id: `${file}:${metric}`,
    file,
    metric,
    kind,
    unit: 'bytes',
    timeBase: 'epoch',
    time,
    work: values.map((_, i) => i * 10),
    value: values,
    min: values,
    max: values,
    count: values.map(() => 1),
    samples: values.length,
    reduced: false
  }
}

const MiB = 1024 * 1024
const manifest: PauseManifest = {
  version: 1,
  snapshots: [{ file: 'heap-1-baseline.heapsnapshot', role: 'baseline', start: 2100, end: 2900 }]
}

describe('pause manifest', () => {
  it('reads epoch ms and ISO times', () => {
    const parsed = parsePauseManifest(
      JSON.stringify({
        version: 1,
        snapshots: [{ file: 'a', start: '1970-01-01T00:00:02.100Z', end: 2900, work: 5 }]
      })
    )
    expect(parsed).toEqual({
      manifest: {
        version: 1,
        snapshots: [{ file: 'a', role: 'baseline', start: 2100, end: 2900, work: 5 }]
      }
    })
  })

  it.each([
    ['{', 'invalid JSON'],
    ['[]', 'object'],
    ['{"version": 2, "snapshots": []}', 'version 2'],
    ['{"version": 1, "snapshots": [{"file": "a", "start": 5, "end": 1}]}', 'snapshots[0]'],
    ['{"version": 1, "snapshots": [{"start": 1, "end": 5}]}', 'snapshots[0]']
  ])('refuses %s', (text, found) => {
    const parsed = parsePauseManifest(text)
    expect('problem' in parsed && parsed.problem.found).toContain(found)
  })
})

describe('pause manifest: work counts and the work name', () => {
  const text = (snapshots: unknown[], extra = '') =>
    `{\n  "version": 1,${extra}\n  "snapshots": [\n` +
    snapshots.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n') +
    '\n  ]\n}\n'
  const at = (work: unknown) => ({ file: 'a', start: 1, end: 2, work })

  it('keeps rising and equal work counts', () => {
    const parsed = parsePauseManifest(text([at(0), at(0), at(2.5)]))
    expect('manifest' in parsed && parsed.manifest.snapshots.map((s) => s.work)).toEqual([
      0, 0, 2.5
    ])
  })

  it.each([
    ['null', null, 4],
    ['true', true, 5],
    ['{}', {}, 4],
    ['-1', -1, 5],
    ['2^53', 2 ** 53, 4]
  ])('refuses work %s on its line', (_name, work, line) => {
    const entries = line === 4 ? [at(work), at(9)] : [at(1), at(work)]
    const parsed = parsePauseManifest(text(entries))
    expect(parsed).toEqual({
      problem: expect.objectContaining({
        line,
        found: expect.stringContaining(`.work ${JSON.stringify(work)}`)
      })
    })
  })

  it('refuses a work name that is not a column name, quoting it short', () => {
    const parsed = parsePauseManifest(text([at(1)], `\n  "workName": "${'x'.repeat(500)}",`))
    expect('problem' in parsed && parsed.problem.line).toBe(3)
    expect('problem' in parsed && parsed.problem.found.length).toBeLessThan(100)
  })
})

describe('jsonValueOffset', () => {
  it('finds a value by keys and indexes, past strings holding brackets and quotes', () => {
    const text = '{"a": "x]}\\"", "b": [1, {"c": [true, "w"]}], "b ": 0}'
    expect(text.slice(jsonValueOffset(text, ['b', 1, 'c', 1]))).toMatch(/^"w"/)
    expect(text.slice(jsonValueOffset(text, ['b ']))).toMatch(/^0}/)
    expect(jsonValueOffset(text, ['b', 2])).toBe(-1)
    expect(jsonValueOffset(text, ['a', 0])).toBe(-1)
  })

  it('takes the last of repeated keys, as JSON.parse does', () => {
    const text = '{"k": 1, "k": 2}'
    expect(text[jsonValueOffset(text, ['k'])]).toBe('2')
  })
})

describe('excludePauses', () => {
  // 500 ms samples; the pause (2.1–2.9 s) and its settle time cover the samples at 2.5 … 3.5 s
  const rss = series(
    'run/memory.csv',
    'rss',
    [50, 50, 51, 51, 51, 0, 0, 0, 90, 90, 91, 91].map((v) => v * MiB)
  )
  const heap = series(
    'run/memory.csv',
    'heapUsed',
    [8, 9, 10, 11, 12, 0, 0, 0, 6, 7, 8, 9].map((v) => v * MiB)
  )

  it('leaves out the pause and its settle time, and moves the RSS after it down by the rise', () => {
    expect(SETTLE_MS).toBe(1000)
    const { series: out, notes } = excludePauses([rss, heap], manifest, 'run')
    expect(out[0].time).toEqual([0, 500, 1000, 1500, 2000, 4000, 4500, 5000, 5500])
    expect(out[0].value.map((v) => v / MiB)).toEqual([50, 50, 51, 51, 51, 51, 51, 52, 52])
    expect(out[0].samples).toBe(9)
    // the snapshot's full GC dropped the heap: left to the sawtooth, not moved up
    expect(out[1].value.map((v) => v / MiB)).toEqual([8, 9, 10, 11, 12, 6, 7, 8, 9])
    expect(notes[0]).toContain(
      'run/memory.csv: 1 heap snapshot pause left out (1 s, each with 1 s to settle, from run/heap-snapshots.json)'
    )
    expect(notes[0]).toContain('moved by its step across the pause: rss +39 MiB')
    expect(notes[0]).not.toContain('heapUsed')
  })

  it('leaves the series of other folders, and says when times are not absolute', () => {
    const other = series('other/memory.csv', 'rss', rss.value)
    const noTime = { ...series('run/log.csv', 'rss', rss.value), timeBase: 'none' as const }
    const { series: out, notes } = excludePauses([other, noTime], manifest, 'run')
    expect(out[0]).toBe(other)
    expect(out[1]).toBe(noTime)
    expect(notes[0]).toContain('run/log.csv:rss: no absolute times')
  })
})

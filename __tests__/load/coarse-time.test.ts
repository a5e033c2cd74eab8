/**
 * A time column too coarse to order the samples (seconds stamped on several
 * rows a second, a stopped clock) gives way to the file order, with a note;
 * a column with many distinct times keeps its axis even when rows repeat one.
 */
import { dropCoarseTimes } from '../../src/load/coarse-time.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import type { Series } from '../../src/model.js'

const T0 = Date.UTC(2026, 11, 5)

function series(time: number[], extra: Partial<Series> = {}): Series {
  return {
    id: 'm.csv:rss',
    file: 'm.csv',
    metric: 'rss',
    kind: 'memory',
    unit: 'bytes',
    timeBase: 'epoch',
    timeName: 'ts',
    time,
    work: time.map(() => NaN),
    value: time.map((_, i) => 1e8 + i),
    min: time.map((_, i) => 1e8 + i),
    max: time.map((_, i) => 1e8 + i),
    count: time.map(() => 1),
    samples: time.length,
    reduced: false,
    ...extra
  }
}

describe('dropCoarseTimes', () => {
  it('drops a time column of 3 distinct seconds over 30 rows, naming the column', () => {
    const time = Array.from({ length: 30 }, (_, i) => T0 + Math.floor(i / 10) * 1000)
    const { series: out, notes } = dropCoarseTimes([series(time)])
    expect(out[0].timeBase).toBe('none')
    expect(out[0].time.every(Number.isNaN)).toBe(true)
    expect(out[0].value).toEqual(series(time).value)
    expect(notes).toEqual([
      'time column `ts`: 3 distinct times over 30 rows (coarse timestamps or a stopped clock): judged in file order, not by time'
    ])
  })

  it('says the work column is the axis when it rises', () => {
    const time = Array.from({ length: 30 }, () => T0)
    const work = time.map((_, i) => i * 10)
    const { notes } = dropCoarseTimes([series(time, { work, workName: 'requests' })])
    expect(notes[0]).toContain('judged by `requests`, not by time')
  })

  it('keeps time when rows repeat a second but the seconds are many (date +%s, 3 rows a second)', () => {
    const time = Array.from({ length: 300 }, (_, i) => T0 + Math.floor(i / 3) * 1000)
    const { series: out, notes } = dropCoarseTimes([series(time)])
    expect(out[0].timeBase).toBe('epoch')
    expect(notes).toEqual([])
  })

  it('keeps time when few rows repeat one (distinct seconds, a duplicate now and then)', () => {
    const time = Array.from({ length: 20 }, (_, i) => T0 + (i === 5 ? 4 : i) * 1000)
    expect(dropCoarseTimes([series(time)]).series[0].timeBase).toBe('epoch')
  })
})

describe('a CSV stamped by a seconds clock, several rows a second', () => {
  it('is read in file order, with the note, on the load path every caller shares', async () => {
    const rows = ['ts,rss']
    for (let i = 0; i < 50; i++) rows.push(`${1764950400 + Math.floor(i / 10)},${100_000_000 + i}`)
    const loaded = await loadSeries(splitText(rows.join('\n') + '\n'), {
      file: 'm.csv',
      format: 'csv',
      spec: { file: 'm.csv', time: 'ts' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.timeBase, s.samples])).toEqual([
      ['rss', 'none', 50]
    ])
    expect(loaded.notes).toContain(
      'time column `ts`: 5 distinct times over 50 rows (coarse timestamps or a stopped clock): judged in file order, not by time'
    )
  })
})

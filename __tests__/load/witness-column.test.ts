/**
 * A witness column (the reserved heap a config did not list) is read in the same pass as the
 * listed columns: the listed series, rows, notes and errors are those of a read without it, and
 * the witness is the series a read of it alone gives, marked `witnessOnly`. A witness cell that
 * does not read drops the witness silently, never an error of the file.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import type { InputFormat, Series } from '../../src/model.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('witness-column')

type How = 'text path' | 'file (byte path)'

async function load(
  how: How,
  format: InputFormat,
  text: string,
  metrics: Record<string, 'memory'>,
  witness?: string[]
) {
  const file = format === 'csv' ? 'memory.csv' : 'memory.jsonl'
  const spec: SeriesSpec = { file, metrics }
  const request = { file, format, spec, ...(witness ? { witness } : {}) }
  if (how === 'text path') return loadSeries(toAsync(splitText(text)), request)
  const path = join(dir, file)
  writeFileSync(path, text)
  return loadSeries(readLines(path, { displayName: file }), request)
}

/** Rows of `process.memoryUsage()` every second from 10:00:00, `heapTotal` from `heap(i)`. */
function memoryCsv(rows: number, heap: (i: number) => string = (i) => String(80e6 + i * 4096)) {
  const lines = ['time,rss,heapTotal,heapUsed']
  for (let i = 0; i < rows; i++) {
    const time = new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString()
    lines.push(`${time},${120e6 + i * 1000},${heap(i)},${50e6 + ((i * 7919) % 3e6)}`)
  }
  return `${lines.join('\n')}\n`
}

function memoryJsonl(rows: number) {
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const time = new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString()
    lines.push(
      JSON.stringify({ time, rss: 120e6 + i * 1000, heapTotal: 80e6 + i * 4096, heapUsed: 50e6 })
    )
  }
  return `${lines.join('\n')}\n`
}

const LISTED = { rss: 'memory', heapUsed: 'memory' } as const

/** The parts of a result a caller sees, series by id. */
function seen(result: Awaited<ReturnType<typeof loadSeries>>) {
  return {
    rows: result.rows,
    skipped: result.skipped,
    notes: result.notes,
    errors: result.errors,
    errorCount: result.errorCount
  }
}

const hows: How[] = ['text path', 'file (byte path)']

describe('a witness column read in the same pass as the listed ones', () => {
  it.each(hows)('CSV, %s: listed as without it, the witness as read alone', async (how) => {
    const text = memoryCsv(120)
    const both = await load(how, 'csv', text, LISTED, ['heapTotal'])
    const listed = await load(how, 'csv', text, LISTED)
    const alone = await load(how, 'csv', text, { heapTotal: 'memory' })
    expect(seen(both)).toEqual(seen(listed))
    expect(both.series.filter((s) => !s.witnessOnly)).toEqual(listed.series)
    const witness = both.series.filter((s) => s.witnessOnly)
    expect(witness.map((s) => s.id)).toEqual(['memory.csv:heapTotal'])
    expect(witness.map(({ witnessOnly: _w, ...rest }) => rest)).toEqual(alone.series)
    // the witness comes after the listed series
    expect(both.series[both.series.length - 1].witnessOnly).toBe(true)
  })

  it.each(hows)('JSON lines, %s: the same', async (how) => {
    const text = memoryJsonl(60)
    const both = await load(how, 'jsonl', text, LISTED, ['heapTotal'])
    const listed = await load(how, 'jsonl', text, LISTED)
    const alone = await load(how, 'jsonl', text, { heapTotal: 'memory' })
    expect(seen(both)).toEqual(seen(listed))
    expect(both.series.filter((s) => !s.witnessOnly)).toEqual(listed.series)
    const witness = both.series.filter((s) => s.witnessOnly)
    expect(witness.map(({ witnessOnly: _w, ...rest }) => rest)).toEqual(alone.series)
  })

  it.each(hows)(
    '%s: a witness cell that does not read drops the witness, no error',
    async (how) => {
      const text = memoryCsv(60, (i) => (i === 30 ? 'oops' : String(80e6 + i * 4096)))
      const both = await load(how, 'csv', text, LISTED, ['heapTotal'])
      const listed = await load(how, 'csv', text, LISTED)
      expect(both.errors).toEqual([])
      expect(both.errorCount).toBe(0)
      expect(seen(both)).toEqual(seen(listed))
      expect(both.series).toEqual(listed.series)
      // read alone, the same cell is an error at its line and column
      const alone = await load(how, 'csv', text, { heapTotal: 'memory' })
      expect(alone.errors[0]).toMatchObject({ line: 32, column: 'heapTotal', found: 'oops' })
    }
  )

  it('a witness the header does not have is no error', async () => {
    const text = memoryCsv(20).replace('heapTotal', 'heap_reserved')
    const both = await load('text path', 'csv', text, LISTED, ['heapTotal'])
    const listed = await load('text path', 'csv', text, LISTED)
    expect(both.errors).toEqual([])
    expect(both.series).toEqual(listed.series)
  })

  it('a row with only the witness value is still a row without a value', async () => {
    const rows = memoryCsv(30).split('\n')
    // row 10: rss and heapUsed empty, heapTotal read
    rows[11] = rows[11].replace(/^([^,]*),[^,]*,([^,]*),[^,]*$/, '$1,,$2,')
    const text = rows.join('\n')
    const both = await load('text path', 'csv', text, LISTED, ['heapTotal'])
    const listed = await load('text path', 'csv', text, LISTED)
    expect(listed.skipped).toBe(1)
    expect(seen(both)).toEqual(seen(listed))
    expect(both.series.filter((s) => !s.witnessOnly)).toEqual(listed.series)
  })

  it('appended runs: the witness is split into the same runs, its notes unsaid', async () => {
    const first = memoryCsv(40)
    const second = memoryCsv(40).split('\n').slice(1).join('\n')
    const text = first + second
    const both = await load('file (byte path)', 'csv', text, LISTED, ['heapTotal'])
    const listed = await load('file (byte path)', 'csv', text, LISTED)
    expect(seen(both)).toEqual(seen(listed))
    expect(both.notes?.join('\n')).toMatch(/2 runs appended/)
    const ids = (series: Series[]) => series.map((s) => s.id)
    expect(ids(both.series.filter((s) => s.witnessOnly))).toEqual([
      'memory.csv:heapTotal[run 1]',
      'memory.csv:heapTotal[run 2]'
    ])
  })
})

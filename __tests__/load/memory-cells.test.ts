/**
 * Memory cells as people save them in CSV/TSV (fixtures in __fixtures__/load/cells):
 * thousands separators and decimal marks settled per column, top's RES/VIRT/SHR,
 * sizes with docker's units under any column name, and docker's `usage / limit`
 * under a column named `memory`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'

const DIR = '__fixtures__/load/cells'
const KiB = 1024
const MiB = 1024 ** 2

async function load(file: string, format: InputFormat = 'csv') {
  const text = readFileSync(join(DIR, file), 'utf8')
  return loadSeries(splitText(text), { file, format, spec: { file } })
}

const notes = (loaded: { notes?: string[] }) => (loaded.notes ?? []).join('\n')

describe('thousands separators and decimal marks, settled per column', () => {
  it.each([
    ['tsv-thousands-kb.tsv', 122131 * KiB, /"rss_kb" counts whole KiB/],
    ['de-thousands-decimal.csv', 122131.2 * KiB, /settled by line 2 "122\.131,2"/],
    ['de-bytes-groups.csv', 167005366, /settled by line 2 "167\.005\.366"/],
    ['de-kb-one-group.csv', 163091 * KiB, /"rss_kb" counts whole KiB/],
    ['fr-spaces.csv', 122131 * KiB, /thousands separators \(spaces\)/]
  ])('%s: the first value is read whole, and the note says how', async (file, first, note) => {
    const loaded = await load(file)
    expect(loaded.errors).toEqual([])
    expect(loaded.series).toHaveLength(1)
    expect(loaded.series[0].value[0]).toBeCloseTo(first, 0)
    expect(loaded.series[0].value).toHaveLength(8)
    expect(notes(loaded)).toMatch(note)
  })

  it('a decimal comma settled by another column of the file reads `163,091` as 163.091', async () => {
    const loaded = await load('tsv-mb-file-mark.tsv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value[0]).toBeCloseTo(163.091 * MiB, 0)
    expect(loaded.series[1].value[0]).toBeCloseTo(80.5 * MiB, 0)
    expect(notes(loaded)).toContain('decimal commas read as points')
  })

  it('`%.3f` points in a TSV stay decimal points (no thousands guessed)', async () => {
    const loaded = await load('tsv-mb-points.tsv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value[0]).toBeCloseTo(163.091 * MiB, 0)
    expect(notes(loaded)).not.toMatch(/thousands/)
  })

  it('a MiB column whose every value reads both ways is an error naming the column, never a guess', async () => {
    const loaded = await load('tsv-mb-either.tsv')
    expect(loaded.series).toEqual([])
    expect(loaded.errors).toHaveLength(1)
    expect(loaded.errors[0]).toMatchObject({ line: 2, column: 'rss_mb', found: '163,091' })
    expect(loaded.errors[0].expected).toContain(
      '"163,091" is 163091 with "," grouping thousands, 163.091 with "," as the decimal mark'
    )
  })

  it('rows wait for a mark settled further down, then read in order', async () => {
    const rows = ['time\tworkers_kb\theap_mb']
    for (let i = 0; i < 5; i++) rows.push(`2025-03-10T10:00:0${i}Z\t${100 + i},500\t1${i},0`)
    // the first rows read both ways; `1,234,567` settles "," as grouping
    rows.push('2025-03-10T10:00:05Z\t1,234,567\t15,5')
    const loaded = await loadSeries(rows, {
      file: 'in.tsv',
      format: 'csv',
      spec: { file: 'in.tsv', metrics: { workers_kb: 'memory', heap_mb: 'memory' } }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value).toEqual(
      [100500, 101500, 102500, 103500, 104500, 1234567].map((v) => v * KiB)
    )
    expect(loaded.series[1].value[5]).toBeCloseTo(15.5 * MiB, 0)
  })
})

describe('a point that groups thousands where whole numbers cross 999', () => {
  const rows = (first: number, count: number, name: string) => {
    const lines = [`time;${name}`]
    for (let i = 0; i < count; i++) {
      const value = first + i
      const cell =
        value >= 1000
          ? `${Math.floor(value / 1000)}.${String(value % 1000).padStart(3, '0')}`
          : String(value)
      lines.push(`${new Date(Date.UTC(2025, 2, 10, 10) + i * 1000).toISOString()};${cell}`)
    }
    return lines
  }

  it('a MiB column of `999` then `1.000` groups thousands (no tool writes fractions so), with a note', async () => {
    const loaded = await loadSeries(rows(900, 400, 'rss_mb'), {
      file: 'mem.csv',
      format: 'csv',
      spec: { file: 'mem.csv' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].value.at(-1)).toBe(1299 * MiB)
    expect(notes(loaded)).toContain(
      'the column writes whole numbers without one: "." groups thousands'
    )
  })

  it('read from a file, a column that reaches `1.000` after the rows sampled is still read whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'late-group-'))
    const path = join(dir, 'mem.csv')
    writeFileSync(path, rows(800, 400, 'rss_kb').join('\n') + '\n')
    const loaded = await loadSeries(readLines(path, { displayName: 'mem.csv' }), {
      file: 'mem.csv',
      format: 'csv',
      spec: { file: 'mem.csv' }
    })
    rmSync(dir, { recursive: true })
    expect(loaded.errors).toEqual([])
    // `1.000` on row 201 was 1 KiB (a 1000× fall): the column counts whole KiB
    expect(loaded.series[0].value.slice(199, 202)).toEqual([999 * KiB, 1000 * KiB, 1001 * KiB])
  })
})

describe("top's columns and sizes under any name", () => {
  it('RES is memory; VIRT and SHR are left out with a note', async () => {
    const loaded = await load('top-columns.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.value[0]])).toEqual([
      ['RES', 'memory', 299 * MiB]
    ])
    expect(notes(loaded)).toContain('"VIRT", "SHR" not judged')
  })

  it('one column per container with byte units (`worker` too) is one series each; plain numbers beside them are no memory', async () => {
    const loaded = await load('per-container.csv')
    expect(loaded.errors).toEqual([])
    const memory = loaded.series.filter((s) => s.kind === 'memory')
    expect(memory.map((s) => [s.metric, s.group, s.value[0]])).toEqual([
      ['api', undefined, Math.round(179.27 * MiB)],
      ['worker', undefined, Math.round(320.91 * MiB)]
    ])
    expect(loaded.series.some((s) => s.metric === 'connections' && s.kind === 'memory')).toBe(false)
  })

  it('a size of bytes moved (`net_rx` `1.2kB`) beside memory is not judged', async () => {
    const loaded = await load('net-beside-memory.csv')
    expect(loaded.series.map((s) => s.metric)).toEqual(['api'])
    expect(notes(loaded)).toContain('"net_rx" not judged')
  })

  it("`usage / limit` under a column named `memory` is docker's usage, with its limit", async () => {
    const loaded = await load('memory-usage-limit.csv', 'docker-stats')
    expect(loaded.errors).toEqual([])
    expect(loaded.series).toHaveLength(1)
    expect(loaded.series[0].metric).toBe('memory')
    expect(loaded.series[0].value[0]).toBe(Math.round(299.3 * MiB))
    expect(loaded.series[0].limit).toBe(Math.round(1.9 * 1024 ** 3))
  })
})

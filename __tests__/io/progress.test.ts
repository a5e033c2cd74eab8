/**
 * Progress of long reads: what a person sees on a terminal and in a log,
 * driven by an injected clock (no timing), and the reports the line reader
 * sends from the I/O edge while the loaders stay pure.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createProgressDisplay, describeProgress } from '../../src/io/progress.js'
import { readLines, type ReadProgress } from '../../src/io/read-lines.js'
import { loadSeries } from '../../src/load/index.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('progress')
const MiB = 2 ** 20

/** A display on a fake clock; `at(ms, report)` sends a report at that time. */
function display(tty: boolean) {
  let clock = 0
  const out: string[] = []
  const listener = createProgressDisplay({ tty, write: (text) => out.push(text), now: () => clock })
  const at = (ms: number, bytesRead: number, done = false, file = 'big.csv') => {
    clock = ms
    listener({ file, bytesRead, totalBytes: 1000 * MiB, done })
  }
  return { out, at }
}

describe('progress on a terminal', () => {
  it('nothing for a file read within a second', () => {
    const { out, at } = display(true)
    for (let t = 0; t <= 900; t += 100) at(t, t * MiB)
    at(950, 1000 * MiB, true)
    expect(out).toEqual([])
  })

  it('one line redrawn at most 10 times a second, then cleared', () => {
    const { out, at } = display(true)
    // a report every 10 ms for 3 s
    for (let t = 0; t <= 3000; t += 10) at(t, (t / 3) * MiB)
    at(3005, 1000 * MiB, true)
    const draws = out.filter((text) => text.includes('reading'))
    // from 1 s to 3 s: at most one per 100 ms
    expect(draws.length).toBeGreaterThanOrEqual(19)
    expect(draws.length).toBeLessThanOrEqual(21)
    expect(draws.every((text) => text.startsWith('\r\u001b[2K') && !text.includes('\n'))).toBe(true)
    expect(draws[0]).toBe(
      '\r\u001b[2Kleak-gate: reading big.csv: 333 MiB of 1000 MiB (33 %), 333.3 MiB/s, about 3 s left'
    )
    expect(out[out.length - 1]).toBe('\r\u001b[2K')
  })
})

describe('progress in a log (Actions, a pipe)', () => {
  it('nothing for a file read within 10 s', () => {
    const { out, at } = display(false)
    for (let t = 0; t <= 9900; t += 100) at(t, (t / 10) * MiB)
    at(9950, 1000 * MiB, true)
    expect(out).toEqual([])
  })

  it('a plain line every 10 s for a longer file, and no clearing', () => {
    const { out, at } = display(false)
    for (let t = 0; t <= 25_000; t += 100) at(t, (t / 25) * MiB)
    at(25_050, 1000 * MiB, true)
    expect(out).toEqual([
      'leak-gate: reading big.csv: 400 MiB of 1000 MiB (40 %), 40.0 MiB/s, about 15 s left\n',
      'leak-gate: reading big.csv: 800 MiB of 1000 MiB (80 %), 40.0 MiB/s, about 5 s left\n'
    ])
  })

  it('keeps files apart (scrapes read one after another)', () => {
    const { out, at } = display(false)
    at(0, 0, false, 'a.prom')
    at(5000, MiB, true, 'a.prom')
    at(6000, 0, false, 'b.prom')
    at(15_000, MiB, false, 'b.prom')
    expect(out).toEqual([])
    at(16_500, 2 * MiB, false, 'b.prom')
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(/^leak-gate: reading b\.prom: /)
  })
})

describe('describeProgress', () => {
  it('without a known size, and long waits', () => {
    expect(
      describeProgress({ file: 'x', bytesRead: 3 * MiB, totalBytes: 0, done: false }, 2000)
    ).toBe('leak-gate: reading x: 3 MiB, 1.5 MiB/s')
    expect(
      describeProgress({ file: 'x', bytesRead: MiB, totalBytes: 5000 * MiB, done: false }, 1000)
    ).toBe('leak-gate: reading x: 1 MiB of 5000 MiB (0 %), 1.0 MiB/s, about 1 h 23 min left')
  })
})

describe('the line reader reports from the I/O edge', () => {
  const text = `time,rss\n${Array.from({ length: 2000 }, (_, i) => `${i},${1000 + i}`).join('\n')}\n`
  let path = ''
  beforeAll(() => {
    path = join(dir, 'series.csv')
    writeFileSync(path, text)
  })

  it.each([
    ['lines (text path)', 'jsonl' as const],
    ['bytes (the CSV walker)', 'csv' as const]
  ])('%s: bytes read grow to the size, the last report is done', async (_how, format) => {
    const reports: ReadProgress[] = []
    const lines = readLines(path, {
      displayName: 'series.csv',
      chunkSize: 4096,
      onProgress: (report) => reports.push({ ...report })
    })
    await loadSeries(lines, { file: 'series.csv', format, spec: { file: 'series.csv' } })
    expect(reports.length).toBeGreaterThan(3)
    expect(reports.every((r) => r.file === 'series.csv' && r.totalBytes === text.length)).toBe(true)
    // the CSV loader first reads one chunk to sniff the header: a read of its own, done too
    const lastDone = reports
      .slice(0, -1)
      .map((r) => r.done)
      .lastIndexOf(true)
    const last = reports.slice(lastDone + 1)
    const read = last.map((r) => r.bytesRead)
    expect(read).toEqual([...read].sort((a, b) => a - b))
    expect(last.filter((r) => r.done)).toHaveLength(1)
    expect(last[last.length - 1]).toEqual({
      file: 'series.csv',
      bytesRead: text.length,
      totalBytes: text.length,
      done: true
    })
  })

  it('a slow read (fake clock: 3 s a chunk) shows lines in a log', async () => {
    let clock = 0
    const out: string[] = []
    const show = createProgressDisplay({
      tty: false,
      write: (t) => out.push(t),
      now: () => (clock += 3000)
    })
    const loaded = await loadSeries(
      readLines(path, { displayName: 'series.csv', chunkSize: 2048, onProgress: show }),
      { file: 'series.csv', format: 'csv', spec: { file: 'series.csv' } }
    )
    expect(loaded.errors).toEqual([])
    expect(out.length).toBeGreaterThan(0)
    expect(
      out.every((line) => /^leak-gate: reading series\.csv: 0 MiB of 0 MiB \(\d+ %\), /.test(line))
    ).toBe(true)
  })
})

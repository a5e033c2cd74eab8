/**
 * `jstat -gc` output read with no config (fixtures in __fixtures__/load/jstat,
 * written as jstat writes them: the header row, rows right-aligned under it,
 * sizes in KiB): the heap in use (S0U+S1U+EU+OU), the old generation (OU)
 * and metaspace (MU) judged as memory; the heap committed and the collection
 * counts read beside them as witnesses only; timed by `Timestamp` (-t), by
 * the `date` line above each block, or by file order. A config entry naming
 * only the file reads it the same.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectInputs } from '../../src/plan/detect.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import { sniffFormat } from '../../src/understand/sniff.js'
import type { Series } from '../../src/model.js'
import { fixture, loadFixtureSeries, pick } from './helpers.js'

const KiB = 1024

function lines(file: string): string[] {
  return splitText(readFileSync(fixture(join('jstat', file)), 'utf8'))
}

/** Loaded as a config entry naming only the file loads it: the sniffer's format, no other key. */
async function load(file: string) {
  const format = sniffFormat(file, lines(file).slice(0, 200))
  expect(format).toBe('csv')
  return loadFixtureSeries(`jstat/${file}`, format!)
}

const judged = (series: Series[]) => series.filter((one) => !one.witnessOnly).map((s) => s.metric)
const witnesses = (series: Series[]) => series.filter((one) => one.witnessOnly).map((s) => s.metric)

describe('telling jstat -gc output from its header', () => {
  it('JDK 17 with -t: read with no config, as a csv series, saying what is judged', () => {
    const found = detectInputs([{ path: 'jstat.log', head: lines('jstat-gc-jdk17.log') }])
    expect(found.skipped).toEqual([])
    expect(found.series).toEqual([{ file: 'jstat.log', format: 'csv' }])
    expect(found.used[0].how).toBe(
      "`jstat -gc` output: old_heap_used (OU) and metaspace_used (MU), KiB, judged as memory; heap_used (S0U+S1U+EU+OU, eden's sawtooth and promoted garbage), the capacities (heap_committed, S0C+S1C+EC+OC) and the collection counts FGC and CGC read as witnesses, not judged; time from the Timestamp column (the JVM uptime, -t); repeated headers (-h) skipped"
    )
  })

  it('-gcutil is skipped: percentages of capacities the collector resizes; use -gc', () => {
    const found = detectInputs([{ path: 'jstat.log', head: lines('jstat-gcutil.log') }])
    expect(found.series).toEqual([])
    expect(found.skipped[0].reason).toBe(
      "`jstat -gcutil` output, not a format leak-gate reads (each space's use as a percentage of its current capacity, which the collector resizes (G1 grows and shrinks the old generation region by region): a leak can read flat, and a resize as growth): save `jstat -gc -t $PID 5s > jstat.log` instead (sizes in KiB, timed by the JVM uptime): it is read with no config (the old generation and metaspace in use)"
    )
  })

  it('-gc after a shell prompt is not read: the reason says to save it alone', () => {
    const found = detectInputs([
      { path: 'jstat.log', head: ['$ jstat -gc -t 4242 5s', ...lines('jstat-gc-jdk17.log')] }
    ])
    expect(found.series).toEqual([])
    expect(found.skipped[0].reason).toMatch(
      /^`jstat -gc` output after other lines before its first header \(and the date lines\): save jstat's output alone/
    )
  })

  it('a space-aligned table with OU and EU among other columns is no jstat output', () => {
    const found = detectInputs([
      { path: 'heap.log', head: ['time OU EU', '10 45231.5 12288.0', '20 45300.0 14000.0'] }
    ])
    expect(found.series).toEqual([])
    expect(found.skipped[0].reason).toMatch(/^a table with columns split by spaces \(time OU EU\)/)
  })
})

describe('reading jstat -gc rows', () => {
  it('JDK 17, -t, -h 5: every row once, sizes KiB → bytes, time from the uptime', async () => {
    const loaded = await load('jstat-gc-jdk17.log')
    expect(loaded.errors).toEqual([])
    expect(loaded.notes ?? []).toEqual([])
    expect(judged(loaded.series)).toEqual(['old_heap_used', 'metaspace_used'])
    expect(witnesses(loaded.series)).toEqual(['heap_used', 'heap_committed', 'FGC', 'CGC'])
    // the header printed again every 5 rows is no row
    const heap = pick(loaded.series, 'heap_used')
    expect(heap.samples).toBe(12)
    expect(heap.kind).toBe('memory')
    expect(heap.unit).toBe('bytes')
    // S0U + S1U + EU + OU of the first row: 0.0 + 2048.0 + 12288.0 + 45231.5 KiB
    expect(heap.value[0]).toBe(59567.5 * KiB)
    expect(pick(loaded.series, 'old_heap_used').value.slice(0, 3)).toEqual(
      [45231.5, 45231.5, 46767.5].map((v) => v * KiB)
    )
    // bytes are whole: 29443.2 KiB is 30149836.8 B
    expect(pick(loaded.series, 'metaspace_used').value[0]).toBe(Math.round(29443.2 * KiB))
    // the JVM's uptime in seconds, as a GC log's uptime is read
    expect(heap.timeBase).toBe('epoch')
    expect(heap.time.slice(0, 3)).toEqual([5300, 10300, 15300])
    // witnesses: the heap committed (S0C+S1C+EC+OC) and the counts, never judged
    expect(pick(loaded.series, 'heap_committed').value[0]).toBe(261120 * KiB)
    const cgc = pick(loaded.series, 'CGC')
    expect(cgc.kind).toBe('count')
    expect(cgc.value).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 6, 6, 6, 6])
  })

  it('JDK 8 (no CGC): FGC counts the full collection where OU falls', async () => {
    const loaded = await load('jstat-gc-jdk8.txt')
    expect(loaded.errors).toEqual([])
    expect(witnesses(loaded.series)).toEqual(['heap_used', 'heap_committed', 'FGC'])
    expect(pick(loaded.series, 'FGC').value).toEqual([0, 0, 0, 0, 0, 1, 1, 1])
    const old = pick(loaded.series, 'old_heap_used').value.map((v) => v / KiB)
    expect(old).toEqual([60000, 62048, 62048, 64096, 66144, 52224, 52224, 54272])
    expect(pick(loaded.series, 'heap_used').time[0]).toBe(10_000)
  })

  it('without -t: read in file order, and the note says so', async () => {
    const loaded = await load('jstat-gc-no-t.log')
    expect(loaded.errors).toEqual([])
    const heap = pick(loaded.series, 'heap_used')
    expect(heap.timeBase).toBe('none')
    expect(heap.samples).toBe(6)
    expect(loaded.notes).toEqual([
      'no Timestamp column (jstat run without -t) and no time line before the rows: the samples are read in file order, each one interval after the last; run `jstat -gc -t` to time them by the JVM uptime'
    ])
  })

  it('a `date` line before each `jstat -gc $PID`: each row timed by it', async () => {
    const loaded = await load('jstat-gc-dated.log')
    expect(loaded.errors).toEqual([])
    const heap = pick(loaded.series, 'heap_used')
    expect(heap.timeBase).toBe('epoch')
    const t0 = Date.parse('2026-03-10T10:00:00Z')
    expect(heap.time).toEqual([0, 1, 2, 3].map((i) => t0 + i * 60_000))
    expect(loaded.notes).toEqual([
      'no Timestamp column (jstat run without -t): each row is timed by the time line above it'
    ])
  })

  it('a JVM in a comma locale, with no compressed class space (`-`): read alike', async () => {
    const loaded = await load('jstat-gc-locale.log')
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'heap_used').value[0]).toBe(59567.5 * KiB)
    expect(pick(loaded.series, 'heap_used').time[0]).toBe(5300)
  })

  it('a garbled cell and a row cut short: errors at their line and column, the rest read', async () => {
    const loaded = await load('jstat-gc-garbled.log')
    expect(loaded.errors.map((e) => [e.line, e.column, e.found])).toEqual([
      [4, 'OU', '4676?.5'],
      [7, 'OC', 'nothing (the row ends here)']
    ])
    expect(loaded.errors[0].message).toContain(
      'expected a number as jstat writes it, like 2048.0 (or - for a space the JVM does not have)'
    )
    expect(pick(loaded.series, 'heap_used').samples).toBe(4)
  })

  it("another jstat's output appended (-gcutil under -gc): its header is an error, its rows not read", async () => {
    const loaded = await load('jstat-gc-appended.log')
    expect(loaded.errors.map((e) => e.line)).toEqual([5])
    expect(loaded.errors[0].message).toContain(
      "the rows under another one are another jstat's (another option, -t, or JDK), not read"
    )
    expect(pick(loaded.series, 'heap_used').samples).toBe(3)
  })

  it('lines that are neither rows nor headers (a message at exit) are skipped, counted in a note', async () => {
    const file = lines('jstat-gc-jdk17.log').slice(0, 4)
    const loaded = await loadSeries([...file, 'Terminated'], {
      file: 'jstat.log',
      format: 'csv',
      spec: { file: 'jstat.log' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.notes).toEqual([
      `1 line neither jstat's rows nor its header skipped (the first, line 5: "Terminated")`
    ])
  })

  it("a config naming metrics reads jstat's own columns (OU in KiB), the witnesses beside", async () => {
    const loaded = await loadFixtureSeries('jstat/jstat-gc-jdk8.txt', 'csv', {
      metrics: { OU: 'memory' }
    })
    expect(loaded.errors).toEqual([])
    expect(judged(loaded.series)).toEqual(['OU'])
    expect(pick(loaded.series, 'OU').value[0]).toBe(60000 * KiB)
    expect(witnesses(loaded.series)).toEqual(['heap_used', 'heap_committed', 'FGC'])
  })
})

/**
 * Files Windows and .NET teams save (fixtures in __fixtures__/load/windows, hand-written
 * in each tool's format): typeperf / perfmon PDH-CSV with counter paths for columns, and
 * PowerShell's Get-Counter samples saved with Export-Csv (a long table, `Path` and `CookedValue`),
 * `dotnet-counters collect --format json` (one line, the readings under `Events`), and CSVs saved
 * by Excel (a byte-order mark, CRLF, a first line `sep=;`, quoted `"1,234,567"`).
 */
import { readFileSync } from 'node:fs'
import { fixture, loadFixtureSeries, pick } from './helpers.js'
import { detectInputs } from '../../src/plan/detect.js'
import { kindFromName } from '../../src/understand/names.js'
import { parseCounterPath, windowsCounterReading } from '../../src/understand/windows-counters.js'

const H = '\\\\CI-WIN\\'

describe('typeperf CSV: one series per counter path', () => {
  it("judges a process's working set, private bytes and managed heap, in bytes", async () => {
    const loaded = await loadFixtureSeries('windows/typeperf.csv', 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.samples])).toEqual([
      [`${H}Process(node)\\Working Set`, 'memory', 'bytes', 5],
      [`${H}Process(node)\\Private Bytes`, 'memory', 'bytes', 6],
      [`${H}.NET CLR Memory(app)\\# Bytes in all Heaps`, 'memory', 'bytes', 6]
    ])
    const heap = pick(loaded.series, `${H}.NET CLR Memory(app)\\# Bytes in all Heaps`)
    expect(Array.from(heap.value)).toEqual([40e6, 40.5e6, 41e6, 41.5e6, 42e6, 42.5e6])
    // PDH writes month first: 03/10 is March 10th
    expect(heap.time[0]).toBe(Date.UTC(2025, 2, 10, 10, 0, 0, 123))
    const notes = loaded.notes?.join('\n') ?? ''
    // typeperf's " " for a missed sample is a missing sample, said so
    expect(notes).toContain(`"${H}Process(node)\\Working Set" 1`)
  })

  it('leaves out, with the reason, the machine, every process, address space and no sizes', async () => {
    const loaded = await loadFixtureSeries('windows/typeperf.csv', 'csv')
    const notes = loaded.notes?.join('\n') ?? ''
    expect(notes).toContain(
      `"${H}Memory\\Available MBytes" not judged: a host-wide counter: the machine's figure`
    )
    expect(notes).toContain(
      `"${H}Process(_Total)\\Working Set" not judged: the sum over every process`
    )
    expect(notes).toContain(`"${H}Process(node)\\Virtual Bytes" not judged: address space reserved`)
    expect(notes).toContain(
      `"${H}.NET CLR Memory(app)\\Gen 0 heap size", "${H}.NET CLR Memory(app)\\# Gen 2 Collections" not judged: no size the process holds`
    )
  })

  it('a garbled cell is an error at its line and column', async () => {
    const loaded = await loadFixtureSeries('windows/typeperf-bad-cell.csv', 'csv')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^typeperf-bad-cell\.csv:3: column "\\\\CI-WIN\\Process\(node\)\\Working Set": found "151O00000", expected a number/
      )
    ])
  })
})

describe('counter paths by name', () => {
  it('splits host, object, instance and counter', () => {
    expect(parseCounterPath('\\\\HOST\\Process(node#1)\\Working Set')).toEqual({
      object: 'process',
      instance: 'node#1',
      counter: 'working set'
    })
    expect(parseCounterPath('\\Memory\\Available MBytes')).toEqual({
      object: 'memory',
      instance: '',
      counter: 'available mbytes'
    })
    // a plain name, a path with too many parts, a hostile one: no counter path
    expect(parseCounterPath('Working Set')).toBeUndefined()
    expect(parseCounterPath('\\\\H\\a\\b\\c')).toBeUndefined()
    expect(parseCounterPath(`\\${'('.repeat(5000)}`)).toBeUndefined()
  })

  it('kinds: process memory judged; host-wide, virtual, rates and the gen 0 budget not', () => {
    expect(kindFromName('\\\\H\\Process(node)\\Working Set - Private')).toBe('memory')
    expect(kindFromName('\\\\H\\.NET CLR Memory(app)\\Gen 2 heap size')).toBe('memory')
    expect(kindFromName('\\\\H\\Memory\\Committed Bytes')).toBeUndefined()
    expect(kindFromName('\\\\H\\Paging File(_Total)\\% Usage')).toBeUndefined()
    expect(kindFromName('\\\\H\\Process(node)\\Virtual Bytes')).toBeUndefined()
    expect(kindFromName('\\\\H\\Process(node)\\IO Read Bytes/sec')).toBeUndefined()
    expect(kindFromName('\\\\H\\.NET CLR Memory(app)\\Allocated Bytes/sec')).toBeUndefined()
    expect(windowsCounterReading('\\\\H\\.NET CLR Memory(_Global_)\\# Bytes in all Heaps')).toEqual(
      {
        judged: false,
        why: expect.stringContaining('every process')
      }
    )
    // a process's handle count is read as any column named so: a count of things kept
    expect(windowsCounterReading('\\\\H\\Process(node)\\Handle Count')).toBeUndefined()
    expect(kindFromName('\\\\H\\Process(node)\\Handle Count')).toBe('count')
  })
})

describe('Get-Counter samples saved with Export-Csv: "Timestamp","Path","CookedValue"', () => {
  const head = readFileSync(fixture('windows/export-csv.csv'), 'utf8').split('\n').slice(0, 8)

  it('is found with no config, its #TYPE line skipped', () => {
    const detected = detectInputs([{ path: 'perf.csv', head }])
    expect(detected.series).toEqual([{ file: 'perf.csv', format: 'csv' }])
  })

  it("one series per Path; the process's working set judged, CPU and the host's memory not", async () => {
    const loaded = await loadFixtureSeries('windows/export-csv.csv', 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.samples])).toEqual([
      ['\\\\runnervm\\process(node)\\working set', 'memory', 'bytes', 5]
    ])
    expect(Array.from(loaded.series[0].value)).toEqual([90e6, 91e6, 92e6, 93e6, 94e6])
    expect(loaded.series[0].time[1] - loaded.series[0].time[0]).toBe(5000)
    expect(loaded.notes?.join('\n')).toMatch(
      /one series per "Path" value, read from "CookedValue" \(1 judged; not judged: 2 metrics/
    )
  })

  it('only host-wide counters: no memory of a process, not read as one', () => {
    const host = head.filter((line) => !line.includes('process(node)\\working set'))
    const detected = detectInputs([{ path: 'perf.csv', head: host }])
    expect(detected.series).toEqual([])
  })
})

describe('dotnet-counters collect --format json', () => {
  it('one series per counter, memory judged in bytes ((MB) is 10^6), rates and percentages not', async () => {
    const loaded = await loadFixtureSeries('windows/dotnet-counters.json', 'json')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, s.samples])).toEqual([
      ['Working Set (MB)', 'memory', 'bytes', 4],
      ['Gen 2 Size (B)', 'memory', 'bytes', 4]
    ])
    const ws = pick(loaded.series, 'Working Set (MB)')
    expect(Array.from(ws.value)).toEqual([150e6, 151e6, 152e6, 153e6])
    expect(ws.time[0]).toBe(Date.UTC(2025, 2, 10, 10, 0, 5))
    expect(ws.time[3] - ws.time[0]).toBe(15_000)
    expect(loaded.notes?.join('\n')).toContain(
      'dotnet-counters JSON: one series per counter (2 judged; not judged: 2 counters that are no memory, e.g. "Allocation Rate (B / 1 sec)", "CPU Usage (%)"'
    )
  })

  it('is found with no config', () => {
    const head = readFileSync(fixture('windows/dotnet-counters.json'), 'utf8').split('\n')
    const detected = detectInputs([{ path: 'counters.json', head }])
    expect(detected.series).toEqual([{ file: 'counters.json', format: 'json' }])
  })

  it('an array under "Events" of other keys is no dotnet-counters document', () => {
    const head = ['{"Events": [{"time": "2025-03-10T10:00:00Z", "rss": 1}]}']
    const detected = detectInputs([{ path: 'events.json', head }])
    expect(detected.series).toEqual([])
    expect(detected.skipped[0].reason).toContain('samples in an array under "Events"')
  })

  it('a reading whose value is no number is an error at its line and column', async () => {
    const loaded = await loadFixtureSeries('windows/dotnet-counters-bad-value.json', 'json')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^dotnet-counters-bad-value\.json:1: column "Events\[8\]\.value": found "NaN", expected a number \(at column \d+\)$/
      )
    ])
  })
})

describe('CSVs saved by Excel', () => {
  it.each([
    ['excel-sep-semicolon.csv', 'a BOM, CRLF and `sep=;` naming the delimiter'],
    ['excel-sep-comma-thousands.csv', '`sep=,` and numbers grouped by thousands, quoted']
  ])('%s: %s', async (file) => {
    const loaded = await loadFixtureSeries(`windows/${file}`, 'csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit, Array.from(s.value)])).toEqual([
      ['rss', 'memory', 'bytes', [150e6, 151e6, 152e6]],
      ['heapUsed', 'memory', 'bytes', [80e6, 80.5e6, 81e6]]
    ])
    const head = readFileSync(fixture(`windows/${file}`), 'utf8').split('\n')
    expect(detectInputs([{ path: 'mem.csv', head }]).series).toEqual([
      { file: 'mem.csv', format: 'csv', time: 'time' }
    ])
  })

  it('`sep=,` below the header is no Excel line: a row of the wrong width, at its line', async () => {
    const loaded = await loadFixtureSeries('windows/excel-sep-late.csv', 'csv')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^excel-sep-late\.csv:3: /)
    ])
  })
})

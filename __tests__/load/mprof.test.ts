/**
 * memory_profiler's `mprof run` output read with no config (fixtures in
 * __fixtures__/load/mprof, written as mprof writes them): `CMDLINE`, then
 * `MEM <MiB> <epoch s>` lines, `FUNC` and `CHLD` lines between them, a
 * `MEM 0.000000` line once the process has exited, sessions appended.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import { runPipeline } from '../../src/pipeline.js'
import { detectInputs, mprofSeries } from '../../src/plan/detect.js'
import { mprofSpec } from '../../src/understand/mprof.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const DIR = '__fixtures__/load/mprof'
const MiB = 1024 ** 2
const T0 = 1741600800_000

afterAll(removeTempDirs)

function lines(file: string): string[] {
  return splitText(readFileSync(join(DIR, file), 'utf8'))
}

/** The series entry zero-config detection gives the file. */
function detected(file: string): SeriesSpec {
  const found = detectInputs([{ path: file, head: lines(file) }])
  expect(found.skipped).toEqual([])
  return found.series[0]
}

async function load(file: string, spec: SeriesSpec = detected(file)) {
  return loadSeries(lines(file), { file, format: 'log', spec })
}

describe('telling mprof output from its first lines', () => {
  it('a .dat opening with CMDLINE is read as mprof, MEM as mem in MiB by epoch seconds', () => {
    const found = detectInputs([
      { path: 'mprofile_20250310100000.dat', head: lines('mprofile_20250310100000.dat') }
    ])
    expect(found.series).toEqual([
      {
        file: 'mprofile_20250310100000.dat',
        format: 'log',
        pattern: mprofSpec(['CMDLINE x'])!.pattern,
        metrics: { mem: 'memory' },
        unitBytes: MiB,
        time: 'time',
        timeUnitMs: 1000,
        noMatch: expect.stringMatching(/^memory_profiler output \(`mprof run`\) with no reading/)
      }
    ])
    expect(found.used[0].how).toMatch(
      /^memory_profiler \(mprof run\): MEM, the resident memory of the process in MiB .*as mem, by epoch seconds; MEM 0\.000000 lines \(written once the process has exited\) are no reading: left out$/
    )
  })

  it('the same lines saved as .txt are read the same (no longer "read only with a pattern")', () => {
    expect(detected('mprofile.txt')).toEqual({
      ...detected('mprofile_20250310100000.dat'),
      file: 'mprofile.txt'
    })
  })

  it('MEM lines without their CMDLINE line (a tail) are mprof from two lines on', () => {
    const tail = lines('mprofile_20250310100000.dat').slice(1)
    expect(mprofSpec(tail)).toBeDefined()
    expect(mprofSpec(tail.slice(0, 1))).toBeUndefined()
  })

  it('a .dat that is not mprof stays skipped, and so do lines that only mention MEM', () => {
    const found = detectInputs([{ path: 'plot.dat', head: lines('plot.dat') }])
    expect(found.series).toEqual([])
    expect(found.skipped).toEqual([{ file: 'plot.dat', reason: 'not a data file (.dat)' }])
    // a log whose lines show MEM figures among other words is no mprof output
    expect(
      mprofSpec(['12:00:01 MEM 150.2 1741600800.0', 'MEM 150.2 MiB at 1741600800', 'MEM: 151.0 1'])
    ).toBeUndefined()
  })

  it('a config entry naming only the file reads it as zero-config does; one with a pattern keeps its own', () => {
    const head = lines('mprofile_20250310100000.dat')
    expect(mprofSeries({ file: 'prof/*.dat' }, head)?.spec).toEqual({
      ...detected('mprofile_20250310100000.dat'),
      file: 'prof/*.dat'
    })
    expect(mprofSeries({ file: 'x.dat', pattern: '^MEM (?<m>\\S+)' }, head)).toBeUndefined()
    expect(mprofSeries({ file: 'x.dat', format: 'csv' }, head)).toBeUndefined()
  })
})

describe('reading mprof output', () => {
  it('one reading per MEM line in bytes by epoch ms; FUNC and CMDLINE lines and the exit reading left out', async () => {
    const loaded = await load('mprofile_20250310100000.dat')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.kind, s.unit, s.samples, s.timeBase])).toEqual([
      ['mprofile_20250310100000.dat:mem', 'memory', 'bytes', 24, 'epoch']
    ])
    const [mem] = loaded.series
    expect(mem.value[0]).toBe(40 * MiB)
    expect(mem.time[0]).toBe(T0)
    expect(mem.time[1]).toBe(T0 + 100)
    // the last MEM line is 0.000000 (the process had exited): no fall to 0 at the end
    expect(mem.value[mem.value.length - 1]).toBe((40 + 23 * 0.5 + 2 * 0.25) * MiB)
    expect(Math.min(...mem.value)).toBeGreaterThan(0)
    expect(loaded.notes).toContain('3 of 27 lines did not match the pattern (skipped)')
  })

  it('sessions appended in one file: a run each, neither ending at 0', async () => {
    const loaded = await load('mprofile-appended.dat')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.samples])).toEqual([
      ['mprofile-appended.dat:mem[run 1]', 20],
      ['mprofile-appended.dat:mem[run 2]', 20]
    ])
    for (const run of loaded.series) expect(run.value[run.value.length - 1]).toBe(34.75 * MiB)
    expect(loaded.notes).toContainEqual(expect.stringMatching(/^2 runs appended in one file/))
  })

  it('CHLD lines (--multiprocess) are not read, and the note says how to count or read them', async () => {
    const found = detectInputs([
      { path: 'mprofile-children.dat', head: lines('mprofile-children.dat') }
    ])
    expect(found.used[0].how).toMatch(
      /; its CHLD lines \(each child's memory, --multiprocess\) are not read: run `mprof run --include-children` to count the children in MEM, or list the file under series: with pattern '\^CHLD \(\?<pid>\\d\+\) /
    )
    const loaded = await load('mprofile-children.dat')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.samples])).toEqual([['mem', 12]])
    expect(loaded.notes).toContain('25 of 37 lines did not match the pattern (skipped)')
  })

  it('the pattern the note suggests for CHLD lines reads one series per child', async () => {
    const loaded = await load('mprofile-children.dat', {
      file: 'mprofile-children.dat',
      pattern: '^CHLD (?<pid>\\d+) (?<child_mem>[\\d.]+) (?<time>[\\d.]+)$',
      group: 'pid',
      unitBytes: MiB
    })
    expect(loaded.errors).toEqual([])
    expect(
      loaded.series.map((s) => [s.metric, s.kind, s.group, s.samples, s.value[0] / MiB, s.time[0]])
    ).toEqual([
      ['child_mem', 'memory', '41234', 12, 35, T0 + 1],
      ['child_mem', 'memory', '41235', 12, 36, T0 + 2]
    ])
  })

  it('a file whose process exited before its first reading is an error saying so', async () => {
    const loaded = await load('mprofile-exited.dat')
    expect(loaded.series).toEqual([])
    expect(loaded.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        'memory_profiler output (`mprof run`) with no reading: none of its 2 lines is a `MEM <MiB> <epoch seconds>` line above 0 MiB'
      )
    ])
  })

  it('two writes run together on one line are an error at that line, not a skipped line', async () => {
    const loaded = await load('mprofile-garbled.dat')
    expect(loaded.errors).toHaveLength(1)
    expect(loaded.errors[0].line).toBe(4)
    expect(loaded.errors[0].found).toBe('42.00MEM')
  })
})

describe('through the pipeline', () => {
  it('no config and a config naming only the file read the same series', async () => {
    const dir = makeTempDir('mprof')
    writeFileSync(
      join(dir, 'mprofile_20250310100000.dat'),
      readFileSync(join(DIR, 'mprofile-appended.dat'))
    )
    const bare = await runPipeline({ root: dir, workspace: dir })
    const configPath = join(makeTempDir('mprof-config'), 'leak-gate.yml')
    writeFileSync(configPath, 'series:\n  - file: "*.dat"\n')
    const named = await runPipeline({ root: dir, workspace: dir, configPath, configAnywhere: true })
    for (const report of [bare, named]) {
      expect(report.errors).toEqual([])
      expect(report.inputs.map((input) => [input.file, input.format, input.rows])).toEqual([
        [expect.stringMatching(/\.dat$/), 'log', 40]
      ])
      expect(report.inputs[0].series).toEqual([
        'mprofile_20250310100000.dat:mem[run 1]',
        'mprofile_20250310100000.dat:mem[run 2]'
      ])
      expect(report.inputs[0].note).toMatch(/^memory_profiler \(mprof run\): MEM/)
    }
  })
})

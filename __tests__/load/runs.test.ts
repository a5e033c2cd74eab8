/**
 * Runs appended in one file are split and judged one by one; a long pause
 * without a restart is a gap in one run, said with the coverage it leaves.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesSpec } from '../../src/config/types.js'
import { loadSeries, loadSeriesFiles } from '../../src/load/index.js'
import { splitRuns } from '../../src/load/runs.js'
import { runPipeline } from '../../src/pipeline.js'
import type { Series } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(() => removeTempDirs())

const MiB = 1024 ** 2
const T0 = Date.UTC(2026, 10, 5, 10)

function series(points: Array<[number, number]>): Series {
  return {
    id: 'm.dat:mem',
    file: 'm.dat',
    metric: 'mem',
    kind: 'memory',
    unit: 'bytes',
    timeBase: 'epoch',
    time: points.map(([t]) => t),
    work: points.map(() => NaN),
    value: points.map(([, v]) => v),
    min: points.map(([, v]) => v),
    max: points.map(([, v]) => v),
    count: points.map(() => 1),
    samples: points.length,
    reduced: false
  }
}

/** `n` samples every `stepMs` from `start`, memory from `from` rising by `rise` per sample. */
const run = (start: number, n: number, stepMs: number, from: number, rise = 0) =>
  Array.from({ length: n }, (_, i) => [start + i * stepMs, from + i * rise] as [number, number])

describe('splitRuns', () => {
  it('mprof sessions appended: memory falls to near zero after a pause → one series per run', () => {
    const points = [
      ...run(T0, 100, 100, 1 * MiB, 2 * MiB),
      ...run(T0 + 60_000, 100, 100, 1 * MiB, 2 * MiB),
      ...run(T0 + 400_000, 100, 100, 1 * MiB, 2 * MiB)
    ]
    const { series: split, notes } = splitRuns([series(points)])
    expect(split.map((s) => [s.id, s.group, s.samples])).toEqual([
      ['m.dat:mem[run 1]', 'run 1', 100],
      ['m.dat:mem[run 2]', 'run 2', 100],
      ['m.dat:mem[run 3]', 'run 3', 100]
    ])
    expect(notes[0]).toMatch(
      /^3 runs appended in one file \(values falling to 1 % after a pause of 50 s; values falling to 1 % after a pause of 6 min\): each run judged on its own/
    )
  })

  it('a new pid within a run of a series kept as buckets: placed by its readings, not by points', () => {
    // buckets of 2 readings: run 1 is points 0–99 (200 readings), run 2 points 100–199
    const points = [
      ...run(T0, 100, 200, 1 * MiB, 2 * MiB),
      ...run(T0 + 60_000, 100, 200, 1 * MiB, 2 * MiB)
    ]
    const bucketed: Series = {
      ...series(points),
      count: points.map(() => 2),
      samples: 400,
      reduced: true,
      processChanges: [
        // reading 300: point 150, the 100th reading of run 2
        {
          column: 'pid',
          what: 'pid',
          from: '4121',
          to: '4388',
          time: T0 + 70_000,
          samplesBefore: 300
        }
      ]
    }
    const [first, second] = splitRuns([bucketed]).series
    expect(first.processChanges).toBeUndefined()
    expect(second.processChanges?.map((c) => c.samplesBefore)).toEqual([100])
  })

  it("each run keeps only its own stops, counted from its first reading: a kill ending run 1 is not run 2's", () => {
    const points = [
      ...run(T0, 100, 1000, 100 * MiB, 4 * MiB),
      ...run(T0 + 3_600_000, 100, 1000, 100 * MiB)
    ]
    const stop = (samplesBefore: number, time: number, atLimit: boolean) => ({
      time,
      until: time + 5000,
      rows: 2,
      samplesBefore,
      lastValue: 500 * MiB,
      limit: 512 * MiB,
      atLimit
    })
    const kill = stop(100, T0 + 100_000, true) // after run 1's last reading
    const pause = stop(150, T0 + 3_650_000, false) // within run 2
    const [first, second] = splitRuns([{ ...series(points), stops: [kill, pause] }]).series
    expect(first.stops).toEqual([kill])
    expect(second.stops).toEqual([{ ...pause, samplesBefore: 50 }])
    // a run without stops has none at all
    const [healthy] = splitRuns([{ ...series(points), stops: [pause] }]).series
    expect(healthy).not.toHaveProperty('stops')
  })

  it('time going back (a sampler restarted into an older file) starts a run; a little jitter does not', () => {
    const points = [...run(T0, 50, 1000, 100 * MiB), ...run(T0 - 3_600_000, 50, 1000, 100 * MiB)]
    expect(splitRuns([series(points)]).series).toHaveLength(2)
    const jitter = run(T0, 50, 1000, 100 * MiB)
    jitter[20][0] = jitter[19][0] - 500
    expect(splitRuns([series(jitter)])).toEqual({ series: [series(jitter)], notes: [] })
  })

  it('80 minutes missing from a 3 h 46 min log: one run, a note with the coverage left', () => {
    const before = run(T0, 400, 10_000, 300 * MiB, 1000)
    const gapStart = before[before.length - 1][0]
    const after = run(gapStart + 80 * 60_000, 8160 - 400 - 480 - 7000, 10_000, 301 * MiB, 1000)
    const points = [...before, ...after]
    const { series: out, notes } = splitRuns([series(points)])
    expect(out).toHaveLength(1)
    const span = points[points.length - 1][0] - points[0][0]
    expect(notes).toEqual([
      `mem: a gap in sampling: 80 min (11:06:30 → 12:26:30 UTC); the samples cover ${Math.round(((span - 80 * 60_000) / span) * 100)} % of its ${Math.floor(span / 3_600_000)} h ${Math.round(span / 60_000) % 60} min (every 10 s elsewhere)`
    ])
  })
})

/** An mprof `.dat` with three sessions appended: `MEM <MiB> <epoch s>` lines after each `CMDLINE`. */
function mprofSessions(): string[] {
  const lines: string[] = []
  for (const start of [1_794_000_000, 1_794_000_120, 1_794_000_600]) {
    lines.push('CMDLINE python worker.py')
    for (let i = 0; i < 120; i++)
      lines.push(
        `MEM ${(20 + ((i * 7) % 5) + (i < 10 ? i * 5 : 50)).toFixed(6)} ${(start + i * 0.5).toFixed(4)}`
      )
  }
  return lines
}

describe('in the load stage, for every caller', () => {
  const spec: SeriesSpec = {
    file: 'mprofile.dat',
    pattern: '^MEM (?<mem>[\\d.]+) (?<time>[\\d.]+)$',
    time: 'time',
    unitBytes: MiB,
    metrics: { mem: 'memory' }
  }
  const request = { file: 'mprofile.dat', format: 'log' as const, spec }

  it('loadSeries returns one series per appended run and the note saying so', async () => {
    const loaded = await loadSeries(mprofSessions(), request)
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.samples])).toEqual([
      ['mprofile.dat:mem[run 1]', 120],
      ['mprofile.dat:mem[run 2]', 120],
      ['mprofile.dat:mem[run 3]', 120]
    ])
    expect(loaded.notes).toContainEqual(expect.stringMatching(/^3 runs appended in one file/))
  })

  it('loadSeriesFiles splits the same way', async () => {
    const loaded = await loadSeriesFiles(
      [{ file: 'mprofile.dat', lines: mprofSessions() }],
      request
    )
    expect(loaded.series.map((s) => s.id)).toEqual([
      'mprofile.dat:mem[run 1]',
      'mprofile.dat:mem[run 2]',
      'mprofile.dat:mem[run 3]'
    ])
  })
})

describe('through the pipeline', () => {
  it('an mprof .dat with three appended sessions: the report reads three runs and says so', async () => {
    const dir = makeTempDir('runs')
    mkdirSync(join(dir, 'prof'))
    const lines: string[] = []
    for (const [start, seconds] of [
      [1_794_000_000, 0],
      [1_794_000_120, 0],
      [1_794_000_600, 0]
    ]) {
      lines.push('CMDLINE python worker.py')
      for (let i = 0; i < 120; i++)
        lines.push(
          `MEM ${(20 + ((i * 7) % 5) + (i < 10 ? i * 5 : 50)).toFixed(6)} ${(start + seconds + i * 0.5).toFixed(4)}`
        )
    }
    writeFileSync(join(dir, 'prof', 'mprofile.dat'), lines.join('\n') + '\n')
    const configPath = join(makeTempDir('runs-config'), 'leak-gate.yml')
    writeFileSync(
      configPath,
      [
        'series:',
        '  - file: prof/mprofile.dat',
        "    pattern: '^MEM (?<mem>[\\d.]+) (?<time>[\\d.]+)$'",
        '    time: time',
        '    unit: MiB',
        '    metrics: { mem: memory }'
      ].join('\n') + '\n'
    )
    const report = await runPipeline({
      root: dir,
      workspace: dir,
      configPath,
      configAnywhere: true
    })
    expect(report.errors).toEqual([])
    expect(report.inputs[0].series).toEqual([
      'prof/mprofile.dat:mem[run 1]',
      'prof/mprofile.dat:mem[run 2]',
      'prof/mprofile.dat:mem[run 3]'
    ])
    expect(report.inputs[0].note).toContain('3 runs appended in one file')
    expect(report.metrics).toHaveLength(3)
  })

  it('MiB numbers (under 1,024: in KiB no process would be that small) are read as MiB and judged, with a note', async () => {
    const dir = makeTempDir('units')
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${1_794_000_000 + i * 60},${(297.1 + (i % 3) * 0.1).toFixed(1)}`
    )
    writeFileSync(join(dir, 'memory.csv'), ['time,rss', ...rows].join('\n') + '\n')
    const report = await runPipeline({ root: dir, workspace: dir })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
    expect(report.inputs[0].note).toMatch(/"rss": .*read as MiB \(the largest 297\.3 MiB\)/)
  })
})

/**
 * Restarts in long runs: a `docker stats` log or a memoryUsage CSV sampled every second for
 * about 4 h 27 min (16,000 rows) holds more than the 8,192 points a series keeps, so the loader
 * reduces it to buckets. A restart in the middle (a redeploy under a new container id, or a
 * process restarted after a pause in sampling) is cut and judged segment by segment as in a
 * short run: a leak restarted at 50 % still fails, a healthy service restarted at 50 % (its new
 * process warming up again) passes, and the same leak with no restart fails as before. The
 * files are generated here from a seeded generator in the shapes the real programs write.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Finding, Report, SeriesAnalysis } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'
import { random } from '../analyze/synthetic.js'

afterAll(() => removeTempDirs())

const MiB = 1024 * 1024
const ROWS = 16_000
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0)

interface Shape {
  /** Leak per hour of the process's life (0: healthy). */
  leakPerHour: number
  /**
   * Restart at 50 %: none, a new container id / pid with no pause, a 20 s pause in sampling, or
   * 20 s of `0B / 0B` rows (docker stats: the container not running).
   */
  restart: 'none' | 'named' | 'gap' | 'stopped'
  seed: number
}

/** Seconds since each row's process started, and the row's time, for 1 s rows. */
function clock(shape: Shape): Array<{ time: number; age: number; second: boolean }> {
  const rows: Array<{ time: number; age: number; second: boolean }> = []
  const half = ROWS / 2
  for (let i = 0; i < ROWS; i++) {
    const second = shape.restart !== 'none' && i >= half
    const pause = (shape.restart === 'gap' || shape.restart === 'stopped') && second ? 20 : 0
    rows.push({ time: T0 + (i + pause) * 1000, age: second ? i - half : i, second })
  }
  return rows
}

/** Memory of a process `age` s old: a 5 min warm-up, a GC sawtooth, noise, and the leak. */
function memory(
  shape: Shape,
  age: number,
  rnd: () => number,
  base: number,
  warm: number,
  tooth: number
): number {
  const warmup = warm * (1 - Math.exp(-age / 100))
  const sawtooth = tooth * ((age % 45) / 45)
  const noise = (rnd() - 0.5) * 1.5 * MiB
  return base + warmup + sawtooth + noise + (shape.leakPerHour * age) / 3600
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)}MiB`

/** `docker stats` rows as a logging script writes them, with the container id column. */
function dockerStats(shape: Shape): string {
  const rnd = random(shape.seed)
  const limit = 2048 * MiB
  const lines = ['timestamp,container_id,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids']
  for (const row of clock(shape)) {
    if (shape.restart === 'stopped' && row.second && row.age === 0)
      for (let s = 20; s > 0; s--)
        lines.push(
          `${new Date(row.time - s * 1000).toISOString()},a1b2c3d4e5f6,web-1,0.00%,0B / 0B,0.00%,0B / 0B,0B / 0B,0`
        )
    const usage = memory(shape, row.age, rnd, 120 * MiB, 30 * MiB, 6 * MiB)
    const id = row.second && shape.restart === 'named' ? '9f8e7d6c5b4a' : 'a1b2c3d4e5f6'
    lines.push(
      [
        new Date(row.time).toISOString(),
        id,
        'web-1',
        `${(10 + rnd() * 4).toFixed(2)}%`,
        `${mib(usage)} / 2GiB`,
        `${((100 * usage) / limit).toFixed(2)}%`,
        '1.2MB / 3.4MB',
        '0B / 0B',
        '11'
      ].join(',')
    )
  }
  return lines.join('\n') + '\n'
}

/** A `process.memoryUsage()` logger's CSV (bytes), with `pid` when the restart is named. */
function memoryUsage(shape: Shape): string {
  const rnd = random(shape.seed)
  const named = shape.restart === 'named'
  const lines = [`timestamp,rss,heapTotal,heapUsed,external,arrayBuffers${named ? ',pid' : ''}`]
  for (const row of clock(shape)) {
    const heapUsed = memory(shape, row.age, rnd, 30 * MiB, 10 * MiB, 12 * MiB)
    const rss = heapUsed + 70 * MiB + rnd() * MiB
    const cells = [
      new Date(row.time).toISOString(),
      Math.round(rss),
      Math.round(heapUsed + 20 * MiB),
      Math.round(heapUsed),
      2_039_039,
      10_651
    ]
    if (named) cells.push(row.second ? 4388 : 4121)
    lines.push(cells.join(','))
  }
  return lines.join('\n') + '\n'
}

async function judge(file: 'docker_stats.csv' | 'memory.csv', shape: Shape): Promise<Report> {
  const dir = makeTempDir('long-restart')
  writeFileSync(
    join(dir, file),
    file === 'docker_stats.csv' ? dockerStats(shape) : memoryUsage(shape)
  )
  const report = await runPipeline({
    root: dir,
    workspace: dir,
    now: new Date('2026-11-25T00:00:00Z')
  })
  expect(report.errors).toEqual([])
  // the series is long enough to be reduced to buckets
  for (const series of report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')) {
    expect(series.samples).toBe(ROWS)
    expect(series.reduced).toBe(true)
  }
  return report
}

const growthOf = (report: Report, metric: string): Finding | undefined =>
  report.findings.find(
    (f) => f.signature === 'sustained-growth' && f.metric.replace(/\[.*\]$/, '') === metric
  )

const seriesOf = (report: Report, metric: string): SeriesAnalysis =>
  report.metrics.find((m): m is SeriesAnalysis => m.kind === 'series' && m.metric === metric)!

describe('a leak restarted at 50 % in a long run (reduced to buckets)', () => {
  it('docker stats, a new container id: cut there, judged within each segment, fails', async () => {
    const report = await judge('docker_stats.csv', {
      leakPerHour: 20 * MiB,
      restart: 'named',
      seed: 1
    })
    expect(report.verdict).toBe('fail')
    const growth = growthOf(report, 'MemUsage')!
    expect(growth.level).toBe('fail')
    expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
    expect(growth.message).toMatch(/within each of 2 segments/)
    // the cut is where the id changed (2 h 13 min 20 s in, said to the minute), to within one bucket of 2 readings
    expect(growth.message).toMatch(
      /split at a fall of -[\d.]+ MiB \([\d.]+ MiB → [\d.]+ MiB\) 2 h 13 min into the run, at 12:13:2\d UTC \(a restart: container id a1b2c3d4e5f6 → 9f8e7d6c5b4a/
    )
    const series = seriesOf(report, 'MemUsage')
    expect(series.segments).toMatchObject({ count: 2, restarts: 1 })
    expect(series.segments!.pValue).toBeLessThan(0.01)
    expect(report.notes.join('\n')).not.toMatch(/not judged segment by segment/)
  })

  it('a memoryUsage CSV, a fall to the starting level after a 20 s pause: the heap and RSS cut there, fail', async () => {
    const report = await judge('memory.csv', { leakPerHour: 8 * MiB, restart: 'gap', seed: 2 })
    expect(report.verdict).toBe('fail')
    for (const metric of ['heapUsed', 'rss']) {
      const growth = growthOf(report, metric)!
      expect(growth.level).toBe('fail')
      expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
      expect(growth.message).toMatch(/within each of 2 segments/)
      expect(growth.message).toMatch(
        /2 h 1[34] min into the run, at 12:13:[34]\d UTC \(a restart: back to the starting level, after a gap\)/
      )
    }
  })
})

describe('a container stopped and started again at 50 % in a long run (0B / 0B rows)', () => {
  it('a leak: cut where the container was read again, fails within each segment', async () => {
    const report = await judge('docker_stats.csv', {
      leakPerHour: 20 * MiB,
      restart: 'stopped',
      seed: 5
    })
    const growth = growthOf(report, 'MemUsage')!
    expect(growth.level).toBe('fail')
    expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
    expect(growth.message).toMatch(
      /within each of 2 segments.* 2 h 1[34] min into the run, at 12:13:[234]\d UTC \(a restart: back to the starting level, after a gap\)/
    )
  })

  it('a healthy service: passes, the stop said', async () => {
    const report = await judge('docker_stats.csv', { leakPerHour: 0, restart: 'stopped', seed: 6 })
    expect(report.verdict).toBe('pass')
    expect(seriesOf(report, 'MemUsage').segments).toMatchObject({ count: 2, restarts: 1 })
    expect(report.healthy.join('\n')).toMatch(
      /not running once \(20 rows of 0B \/ 0B, read as gaps, not as zero\), not at its limit/
    )
  })
})

describe('a healthy service restarted at 50 % in a long run', () => {
  it('docker stats, a new container id: the new container warming up is no growth, passes', async () => {
    const report = await judge('docker_stats.csv', { leakPerHour: 0, restart: 'named', seed: 3 })
    expect(report.verdict).toBe('pass')
    expect(growthOf(report, 'MemUsage')).toBeUndefined()
    expect(seriesOf(report, 'MemUsage').segments).toMatchObject({ count: 2, restarts: 1 })
    expect(report.healthy.join('\n')).toMatch(
      /judged in 2 segments too, split at .*\(a restart: container id a1b2c3d4e5f6 → 9f8e7d6c5b4a.*\): no significant trend within them/
    )
  })

  it('a memoryUsage CSV with a pid, restarted with no pause: passes, the restart said', async () => {
    const report = await judge('memory.csv', { leakPerHour: 0, restart: 'named', seed: 4 })
    expect(report.verdict).toBe('pass')
    expect(seriesOf(report, 'heapUsed').segments).toMatchObject({ count: 2, restarts: 1 })
    expect(report.healthy.join('\n')).toMatch(/heapUsed.*\(a restart: pid 4121 → 4388/)
  })
})

describe('the same leak with no restart in a long run', () => {
  it('docker stats: fails on the whole window, with no segments', async () => {
    const report = await judge('docker_stats.csv', {
      leakPerHour: 20 * MiB,
      restart: 'none',
      seed: 1
    })
    expect(report.verdict).toBe('fail')
    const growth = growthOf(report, 'MemUsage')!
    expect(growth.level).toBe('fail')
    expect(growth.evidence.basis).not.toBe('segments')
    expect(seriesOf(report, 'MemUsage').segments).toBeUndefined()
  })

  it('a memoryUsage CSV: fails on the whole window, with no segments', async () => {
    const report = await judge('memory.csv', { leakPerHour: 8 * MiB, restart: 'none', seed: 2 })
    expect(report.verdict).toBe('fail')
    expect(growthOf(report, 'heapUsed')?.level).toBe('fail')
    expect(seriesOf(report, 'heapUsed').segments).toBeUndefined()
  })
})

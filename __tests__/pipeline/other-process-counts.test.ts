/**
 * Flat object counts vouch for a worker's creeping RSS (allocator arenas, a warning) only when
 * they are not provably another process's. A Python worker writes two files in one folder
 * (memory.csv: VmRSS; broker_stats.csv: created/collected/live): nothing ties them to one
 * process, yet nothing says they are two, so its counts still vouch. Counts from another
 * repeated-run folder, another appended run or another pid excuse nothing: RSS growth beside
 * them is judged as if no counter were there. Built from the recorded-format worker files of
 * `__fixtures__/pipeline/outside-counted/settling` (RSS rising 12 MiB, slower and slower, under a
 * 1 MiB sawtooth added here).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding, Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const NOW = new Date('2026-11-25T00:00:00Z')
const SOURCE = '__fixtures__/pipeline/outside-counted/settling'
// With a 1 MiB sawtooth on top (falls in view), which keeps the rule for an allocator whose fill
// decelerates (no fall in view: its last half under half its first half's pace) out of the way:
// the creep is left for the counts to vouch for.
const memory = readFileSync(join(SOURCE, 'memory.csv'), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line, i) => {
    if (i === 0) return line
    const [time, work, rss] = line.split(',')
    return [time, work, Number(rss) + Math.floor((2 ** 20 * ((i - 1) % 10)) / 10)].join(',')
  })
const brokers = readFileSync(join(SOURCE, 'broker_stats.csv'), 'utf8').trimEnd().split('\n')

afterAll(removeTempDirs)

const judge = (dir: string): Promise<Report> => runPipeline({ root: dir, workspace: dir, now: NOW })

/** The rss sustained-growth finding of `source` (`run-1/memory.csv`, `memory.csv[run 2]`). */
function rss(report: Report, source: string): Finding | undefined {
  return report.findings.find((f) => f.signature === 'sustained-growth' && f.source === source)
}

/** Rows with `column` inserted after the time cell (`pid`: the header, then the value). */
function withColumn(lines: readonly string[], column: string, value: string): string[] {
  return lines.map((line, i) => {
    const [time, ...rest] = line.split(',')
    return [time, i === 0 ? column : value, ...rest].join(',')
  })
}

/** Rows with their times moved by `ms` (ISO 8601, as the worker writes them). */
function shifted(lines: readonly string[], ms: number): string[] {
  return lines.map((line, i) => {
    if (i === 0) return line
    const [time, ...rest] = line.split(',')
    return [new Date(Date.parse(time) + ms).toISOString(), ...rest].join(',')
  })
}

function write(dir: string, file: string, lines: readonly string[]): void {
  mkdirSync(join(dir, file, '..'), { recursive: true })
  writeFileSync(join(dir, file), `${lines.join('\n')}\n`)
}

describe('flat object counts vouch only for a process they may be', () => {
  it('one worker’s two files (memory.csv beside broker_stats.csv): the counts vouch (warn)', async () => {
    const dir = makeTempDir('counts-two-files')
    write(dir, 'memory.csv', memory)
    write(dir, 'broker_stats.csv', brokers)
    const report = await judge(dir)
    expect(report.verdict).toBe('warn')
    expect(rss(report, 'memory.csv')?.evidence.objectsCollected).toBe(true)
  })

  it('the same RSS alone fails (what the counts excuse)', async () => {
    const dir = makeTempDir('counts-none')
    write(dir, 'memory.csv', memory)
    const report = await judge(dir)
    expect(report.verdict).toBe('fail')
    expect(rss(report, 'memory.csv')?.level).toBe('fail')
  })

  it('repeated-run folders: run-2’s counts vouch for run-2’s RSS, never for run-1’s', async () => {
    const dir = makeTempDir('counts-folders')
    write(dir, 'run-1/memory.csv', memory)
    write(dir, 'run-2/memory.csv', memory)
    write(dir, 'run-2/broker_stats.csv', brokers)
    const report = await judge(dir)
    expect(report.verdict).toBe('fail')
    const own = rss(report, 'run-2/memory.csv')
    expect(own?.level).toBe('warn')
    expect(own?.evidence.objectsCollected).toBe(true)
    const other = rss(report, 'run-1/memory.csv')
    expect(other?.level).toBe('fail')
    expect(other?.evidence.objectsCollected).toBeUndefined()
  })

  it('a pid column in both files: the same pid vouches, another pid does not', async () => {
    const same = makeTempDir('counts-pid-same')
    write(same, 'memory.csv', withColumn(memory, 'pid', '4121'))
    write(same, 'broker_stats.csv', withColumn(brokers, 'pid', '4121'))
    const vouched = await judge(same)
    expect(vouched.errors).toEqual([])
    expect(vouched.verdict).toBe('warn')
    expect(rss(vouched, 'memory.csv')?.evidence.objectsCollected).toBe(true)

    const other = makeTempDir('counts-pid-other')
    write(other, 'memory.csv', withColumn(memory, 'pid', '4121'))
    write(other, 'broker_stats.csv', withColumn(brokers, 'pid', '5376'))
    const report = await judge(other)
    expect(report.verdict).toBe('fail')
    expect(rss(report, 'memory.csv')?.level).toBe('fail')
  })

  it('appended runs: counts written during run 2 vouch for run 2’s RSS, not run 1’s', async () => {
    const dir = makeTempDir('counts-appended')
    const MiB = 2 ** 20
    // run 1 at a higher level (the worker restarted to under half of it: a new run), then run 2
    // ten minutes later with its archive count from 0; the counts were written during run 2 only
    const first = memory.map((line, i) => {
      if (i === 0) return line
      const [time, archives, bytes] = line.split(',')
      return [time, archives, Number(bytes) + 64 * MiB].join(',')
    })
    const later = shifted(memory, 10 * 60_000).slice(1)
    write(dir, 'memory.csv', [...first, ...later])
    write(dir, 'broker_stats.csv', shifted(brokers, 10 * 60_000))
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    const own = rss(report, 'memory.csv[run 2]')
    expect(own?.level).toBe('warn')
    expect(own?.evidence.objectsCollected).toBe(true)
    const other = rss(report, 'memory.csv[run 1]')
    expect(other?.level).toBe('fail')
    expect(other?.evidence.objectsCollected).toBeUndefined()
  })
})

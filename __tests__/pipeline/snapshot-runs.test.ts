/**
 * A baseline/post-test snapshot pair vouches only for the run it was taken around. The real run
 * of examples/step-61 (a 16 MiB table built once: heapUsed's creep is garbage, which only the
 * post-test snapshot, taken after a forced collection, shows) saved the ways users keep repeats:
 * two runs appended in one file with one snapshot pair, and two containers' folders side by side,
 * each with its own pair. Another run's series is never excused by a snapshot of this one.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const NOW = new Date('2026-12-06T00:00:00Z')
const example = 'examples/step-61/artifacts'
const FILES = ['memory.csv', 'docker_stats.csv', 'baseline.json', 'post-test.json']
/** The clause the post-test snapshot lends heapUsed: its rise is one step, the creep garbage. */
const STEP = /its rise is one step: rss of the same process .*the post-test snapshot \(([^,]+),/

afterAll(removeTempDirs)

/** heapUsed's healthy line or finding text, by series id. */
function heapUsed(report: Report): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of report.metrics)
    if (m.kind === 'series' && m.metric === 'heapUsed')
      out[(m as SeriesAnalysis).id] = m.explanation ?? ''
  return out
}

/** The example's files with an earlier run (`hours` before) appended after the later one. */
function appendedRuns(dir: string, hours: number): void {
  for (const file of ['memory.csv', 'docker_stats.csv']) {
    const [header, ...rows] = readFileSync(join(example, file), 'utf8').trim().split('\n')
    const earlier = rows.map((row) => {
      const [time, ...rest] = row.split(',')
      return [new Date(Date.parse(time) - hours * 3600_000).toISOString(), ...rest].join(',')
    })
    writeFileSync(join(dir, file), [header, ...rows, ...earlier].join('\n') + '\n')
  }
  writeFileSync(join(dir, 'leak-gate.yml'), readFileSync(join(example, 'leak-gate.yml')))
}

/** The example's JSON snapshots as Prometheus text with a timestamp (ms) on every sample. */
function promSnapshot(file: string, time: number): string {
  const values = JSON.parse(readFileSync(join(example, file), 'utf8')) as Record<string, unknown>
  return (
    Object.entries(values)
      .filter(([, v]) => typeof v === 'number')
      .map(([name, v]) => `${name} ${v as number} ${time}`)
      .join('\n') + '\n'
  )
}

/** Last sample time of the example's memory.csv (ms). */
function lastTime(): number {
  const rows = readFileSync(join(example, 'memory.csv'), 'utf8').trim().split('\n')
  return Date.parse(rows[rows.length - 1].split(',')[0])
}

describe('a snapshot pair vouches for its own run only', () => {
  it('the example alone: the post-test snapshot shows the creep was garbage', async () => {
    const report = await runPipeline({ root: example, workspace: example, now: NOW })
    expect(report.verdict).toBe('pass')
    expect(heapUsed(report)['memory.csv:heapUsed']).toMatch(STEP)
  })

  it('runs appended in one file, one JSON pair: which run it follows cannot be told, so none', async () => {
    const dir = makeTempDir('snapshot-appended')
    appendedRuns(dir, 2)
    for (const file of ['baseline.json', 'post-test.json'])
      copyFileSync(join(example, file), join(dir, file))
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    const lines = heapUsed(report)
    expect(Object.keys(lines).sort()).toEqual([
      'memory.csv:heapUsed[run 1]',
      'memory.csv:heapUsed[run 2]'
    ])
    // neither run is excused by a snapshot that may be the other's
    for (const text of Object.values(lines)) expect(text).not.toMatch(/post-test/)
    expect(report.notes.join('\n')).toMatch(
      /snapshots baseline\.json → post-test\.json: which of the 2 runs appended in memory\.csv they were taken around cannot be told \(the snapshot files carry no time; a top-level "time" in ISO 8601 would tell\), so they vouch for none of them/
    )
    // the retained heap is judged without another run's shape to excuse it
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.message).not.toMatch(/arrived in one step|memory\.csv shows/)
  })

  it.each([
    ['the later run (run 1 in the file)', 0, 'memory.csv:heapUsed[run 1]'],
    ['the earlier run (run 2 in the file)', 2, 'memory.csv:heapUsed[run 2]']
  ])(
    'runs appended, a pair with times taken after %s: it vouches for that run alone',
    async (_name, hoursBefore, own) => {
      const dir = makeTempDir('snapshot-appended-timed')
      appendedRuns(dir, 2)
      const post = lastTime() - hoursBefore * 3600_000 + 2_000
      writeFileSync(join(dir, 'baseline.prom'), promSnapshot('baseline.json', post - 40_000))
      writeFileSync(join(dir, 'post.prom'), promSnapshot('post-test.json', post))
      const config = readFileSync(join(dir, 'leak-gate.yml'), 'utf8')
        .replace('baseline: baseline.json', 'baseline: baseline.prom')
        .replace('post: post-test.json', 'post: post.prom')
      writeFileSync(join(dir, 'leak-gate.yml'), config)
      const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
      expect(report.errors).toEqual([])
      const lines = heapUsed(report)
      expect(lines[own]).toMatch(STEP)
      const other = Object.keys(lines).find((id) => id !== own)!
      expect(lines[other]).not.toMatch(/post-test/)
      expect(report.notes.join('\n')).not.toMatch(/cannot be told/)
    }
  )

  it('runs appended, JSON snapshots with their `time`: the pair vouches for the run it follows', async () => {
    const dir = makeTempDir('snapshot-appended-json-time')
    appendedRuns(dir, 2)
    // taken around the earlier run (run 2 in the file), two hours before the later one
    const post = lastTime() - 2 * 3600_000 + 2_000
    for (const [file, time] of [
      ['baseline.json', post - 40_000],
      ['post-test.json', post]
    ] as const) {
      const values = JSON.parse(readFileSync(join(example, file), 'utf8')) as object
      writeFileSync(
        join(dir, file),
        JSON.stringify({ time: new Date(time).toISOString(), ...values }, null, 2)
      )
    }
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.errors).toEqual([])
    const lines = heapUsed(report)
    expect(lines['memory.csv:heapUsed[run 2]']).toMatch(STEP)
    expect(lines['memory.csv:heapUsed[run 1]']).not.toMatch(/post-test/)
    expect(report.notes.join('\n')).not.toMatch(/cannot be told/)
  })

  it('two containers side by side, each with its own pair: one pair never vouches for the other container', async () => {
    const dir = makeTempDir('snapshot-containers')
    for (const container of ['web-1', 'web-2']) {
      mkdirSync(join(dir, container))
      for (const file of FILES) copyFileSync(join(example, file), join(dir, container, file))
    }
    const config = readFileSync(join(example, 'leak-gate.yml'), 'utf8')
      .replace(/file: (memory\.csv|docker_stats\.csv)/g, 'file: "*/$1"')
      .replace('baseline: baseline.json', 'baseline: "*/baseline.json"')
      .replace('post: post-test.json', 'post: "*/post-test.json"')
    writeFileSync(join(dir, 'leak-gate.yml'), config)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.errors).toEqual([])
    const lines = heapUsed(report)
    // the pair read (web-1's) speaks for web-1's heap, with its own file named
    expect(lines['web-1/memory.csv:heapUsed']).toMatch(STEP)
    expect(STEP.exec(lines['web-1/memory.csv:heapUsed'])?.[1]).toBe('web-1/post-test.json')
    // and not for web-2's, whose container is another process
    expect(lines['web-2/memory.csv:heapUsed']).not.toMatch(/web-1\/post-test\.json/)
  })

  it("another container's leaking series does not take a pair's healthy line away", async () => {
    const dir = makeTempDir('snapshot-containers-leak')
    for (const container of ['web-1', 'web-2']) {
      mkdirSync(join(dir, container))
      for (const file of FILES) copyFileSync(join(example, file), join(dir, container, file))
    }
    // web-2's RSS climbs 1 MiB per sample: a leak in the other container
    const [header, ...rows] = readFileSync(join(example, 'memory.csv'), 'utf8').trim().split('\n')
    const rss = header.split(',').indexOf('rss')
    const leaking = rows.map((row, i) =>
      row
        .split(',')
        .map((cell, j) => (j === rss ? String(Number(cell) + i * 2 ** 20) : cell))
        .join(',')
    )
    writeFileSync(join(dir, 'web-2', 'memory.csv'), [header, ...leaking].join('\n') + '\n')
    const config = readFileSync(join(example, 'leak-gate.yml'), 'utf8')
      .replace(/file: (memory\.csv|docker_stats\.csv)/g, 'file: "*/$1"')
      .replace('baseline: baseline.json', 'baseline: "*/baseline.json"')
      .replace('post: post-test.json', 'post: "*/post-test.json"')
    writeFileSync(join(dir, 'leak-gate.yml'), config)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.errors).toEqual([])
    expect(report.findings.some((f) => f.metric === 'rss' && f.source.startsWith('web-2/'))).toBe(
      true
    )
    // web-1's pair says its rss stayed under the tolerance: still said, as web-1's rss is healthy
    expect(report.healthy.some((line) => /^rss: .* after load/.test(line))).toBe(true)
  })
})

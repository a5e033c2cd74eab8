/**
 * Repeated runs of one test in one artifact, and which series witness each other. A container's
 * usage is judged beside the live heap of the service inside it: the one in its own run. Real
 * runs of the example service (examples/cache-fill: a bounded cache filling over half the run,
 * judged pass on its own; examples/healthy), saved the two ways users keep repeats: matrix jobs
 * downloaded side by side (`run-1/`, `run-2/`, one compose project, so one container name), and
 * two runs' logs concatenated in one file (the later run first: time goes back).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const NOW = new Date('2026-12-06T00:00:00Z')
const example = (name: string) => `examples/${name}/artifacts`

afterAll(removeTempDirs)

/** The example's memory.csv and docker_stats.csv in `dir`, its container renamed `shop-web-1`. */
function copyRun(name: string, dir: string): void {
  mkdirSync(dir, { recursive: true })
  copyFileSync(join(example(name), 'memory.csv'), join(dir, 'memory.csv'))
  const docker = readFileSync(join(example(name), 'docker_stats.csv'), 'utf8')
  writeFileSync(join(dir, 'docker_stats.csv'), docker.replaceAll(`,${name}-web-1,`, ',shop-web-1,'))
}

/** The example's config with its series entries matching `files` (snapshots left out). */
function writeConfig(name: string, dir: string, files: (file: string) => string): void {
  const config = readFileSync(join(example(name), 'leak-gate.yml'), 'utf8')
    .replace(/^snapshots:[\s\S]*$/m, '')
    .replace(
      /file: (memory\.csv|docker_stats\.csv)/g,
      (_all, file: string) => `file: "${files(file)}"`
    )
  writeFileSync(join(dir, 'leak-gate.yml'), config)
}

/** The explanation of each container series, by its id (`run-2/docker_stats.csv:MemUsage[shop-web-1]`). */
const usage = (report: Report): Record<string, string> =>
  Object.fromEntries(
    report.metrics
      .filter((m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'MemUsage')
      .map((m) => [m.id, m.explanation ?? ''])
  )

/** The container's growth explained by the live heap of its own run (never a warning of creep). */
const WITNESSED =
  /heapUsed \(the live heap\) (rose [^;]* and levelled off|holds no leak: the runtime sizing its heap)/

describe('repeated runs: a container is judged beside its own run’s heap', () => {
  it('matrix runs side by side: the cache run’s container is explained by its own heap', async () => {
    const dir = makeTempDir('same-process-matrix')
    copyRun('healthy', join(dir, 'run-1'))
    copyRun('cache-fill', join(dir, 'run-2'))
    copyRun('healthy', join(dir, 'run-3'))
    writeConfig('cache-fill', dir, (file) => `*/${file}`)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    // run-1's flat heap said the cache run's container growth was allocator creep (a warning)
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    const cache = usage(report)['run-2/docker_stats.csv:MemUsage[shop-web-1]']
    // its own heap vouches: it rose and levelled off, or the reserved heap beside it accounts for it
    expect(cache).toMatch(WITNESSED)
    expect(cache).not.toContain('run-1/memory.csv')
  })

  it('runs appended in one file: each run’s container beside the same run’s heap', async () => {
    const dir = makeTempDir('same-process-appended')
    copyRun('cache-fill', dir)
    for (const file of ['memory.csv', 'docker_stats.csv']) {
      const [header, ...rows] = readFileSync(join(dir, file), 'utf8').trim().split('\n')
      // the earlier run (two hours before) saved after the later one
      const earlier = rows.map((row) => {
        const [time, ...rest] = row.split(',')
        return [new Date(Date.parse(time) - 2 * 3600_000).toISOString(), ...rest].join(',')
      })
      writeFileSync(join(dir, file), [header, ...rows, ...earlier].join('\n') + '\n')
    }
    writeConfig('cache-fill', dir, (file) => file)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    // the `run N` groups counted as containers: no heap for either container, two oom-risk fails
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    const lines = usage(report)
    expect(Object.keys(lines).sort()).toEqual([
      'docker_stats.csv:MemUsage[shop-web-1 run 1]',
      'docker_stats.csv:MemUsage[shop-web-1 run 2]'
    ])
    for (const text of Object.values(lines)) expect(text).toMatch(WITNESSED)
  })

  it('the cache run judged alone gets the same reading', async () => {
    const dir = makeTempDir('same-process-single')
    copyRun('cache-fill', dir)
    writeConfig('cache-fill', dir, (file) => file)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.verdict).toBe('pass')
    expect(Object.values(usage(report))).toEqual([expect.stringMatching(WITNESSED)])
  })
})

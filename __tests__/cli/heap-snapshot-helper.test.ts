/**
 * The preload helper end to end, from the package as `npm pack` ships it:
 * `node --import leak-gate/heap-snapshot service.mjs` under a paced load
 * takes three snapshots at the configured request counts, samples memory
 * with the request counter, and writes heap-snapshots.json; leak-gate then
 * leaves the snapshot pauses out of the memory series, so a healthy service
 * keeps a flat live heap and loses the RSS steps the snapshots made, and a
 * leaking one still fails.
 */
import { execFileSync, fork } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const ROOT = join(import.meta.dirname, '../..')
const SERVICE = join(ROOT, '__fixtures__/preload/service.mjs')

/** Packs the package and unpacks it as node_modules/leak-gate of a fresh folder. */
function installPacked(): string {
  const app = makeTempDir('preload')
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', app], {
    cwd: ROOT,
    encoding: 'utf8'
  }).trim()
  const target = join(app, 'node_modules', 'leak-gate')
  mkdirSync(target, { recursive: true })
  execFileSync('tar', ['xzf', join(app, tarball), '-C', target, '--strip-components=1'])
  return app
}

/** Runs the service with the helper preloaded and a paced load of `total` requests. */
async function runService(app: string, mode: 'leak' | 'healthy', out: string): Promise<void> {
  const child = fork(SERVICE, {
    cwd: app,
    // A small old space for the healthy run: V8 then collects within this 20 s run as it
    // would within a 10-minute one, instead of growing its heap until the next snapshot's GC.
    // 8 MiB: a major collection every ~400 requests, several between two snapshots (1,800
    // requests apart) however slowly a loaded machine serves them; at 12 MiB one came every
    // ~1,700 and a late one left a snapshot's whole phase as one rising tooth.
    execArgv: [
      '--import',
      'leak-gate/heap-snapshot',
      ...(mode === 'healthy' ? ['--max-old-space-size=8'] : [])
    ],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      MODE: mode,
      LEAK_GATE_DIR: out,
      LEAK_GATE_SNAPSHOT_AT: '600,2400,4200',
      LEAK_GATE_INTERVAL_MS: '20'
    }
  })
  const { port } = await new Promise<{ port: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number }))
  )
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
  const get = (): Promise<void> =>
    new Promise((resolve, reject) =>
      http
        .get({ host: '127.0.0.1', port, agent, path: '/' }, (res) => {
          res.resume()
          res.on('end', () => resolve())
        })
        .on('error', reject)
    )
  // ~600 requests a second for about 10 s: each phase lasts long enough to be sampled around its pause
  for (let sent = 0; sent < 6000; sent += 30) {
    await Promise.all(Array.from({ length: 30 }, get))
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await new Promise((resolve) => setTimeout(resolve, 1500))
  agent.destroy()
  child.kill()
  await new Promise((resolve) => child.once('exit', resolve))
}

const run = (root: string): Promise<Report> =>
  runPipeline({ root, workspace: root, now: new Date() })
const seriesOf = (report: Report, metric: string): SeriesAnalysis | undefined =>
  report.metrics.find((m): m is SeriesAnalysis => m.kind === 'series' && m.metric === metric)

afterAll(removeTempDirs)

describe('node --import leak-gate/heap-snapshot', () => {
  let app: string
  beforeAll(() => {
    app = installPacked()
  }, 120_000)

  it('ships in the packed package as the ./heap-snapshot export', () => {
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/leak-gate/package.json'), 'utf8'))
    expect(pkg.exports['./heap-snapshot']).toBe('./dist/heap-snapshot.js')
    expect(existsSync(join(app, 'node_modules/leak-gate/dist/heap-snapshot/index.js'))).toBe(true)
  })

  it('healthy service: three snapshots at the request counts; the pauses and their RSS steps are left out', async () => {
    const out = join(app, 'healthy')
    await runService(app, 'healthy', out)
    expect(readdirSync(out).sort()).toEqual([
      'heap-1-baseline.heapsnapshot',
      'heap-2-target.heapsnapshot',
      'heap-3-final.heapsnapshot',
      'heap-snapshots.json',
      'memory.csv'
    ])
    const manifest = JSON.parse(readFileSync(join(out, 'heap-snapshots.json'), 'utf8'))
    expect(manifest.snapshots.map((s: { role: string }) => s.role)).toEqual([
      'baseline',
      'target',
      'final'
    ])
    const works = manifest.snapshots.map((s: { work: number }) => s.work)
    expect(works[0]).toBeGreaterThanOrEqual(600)
    expect(works[1]).toBeGreaterThanOrEqual(2400)
    expect(works[2]).toBeGreaterThanOrEqual(4200)
    for (const s of manifest.snapshots) expect(s.end).toBeGreaterThan(s.start)
    expect(readFileSync(join(out, 'memory.csv'), 'utf8').split('\n')[0]).toBe(
      'time,requests,rss,heapTotal,heapUsed,external,arrayBuffers'
    )

    const report = await run(out)
    expect(report.errors).toEqual([])
    expect(report.notes.join('\n')).toMatch(/memory\.csv: 3 heap snapshot pauses left out/)
    // The live heap of a healthy service is judged healthy. (The RSS of a 15 s old process
    // still warms up whatever the snapshots do, so this short run does not judge it.)
    // (any part of it: a series split at a fall across a pause is named heapUsed[run N])
    expect(report.findings.filter((f) => /^heapUsed(\[|$)/.test(f.metric))).toEqual([])
    // and its snapshots (a bounded Map of 200 sessions) name no class
    expect(report.heap?.mode).toBe('three-snapshots')
    expect(report.findings.filter((f) => f.signature === 'leaking-class')).toEqual([])

    // Without the manifest the snapshots' RSS steps are in the series and read as growth.
    rmSync(join(out, 'heap-snapshots.json'))
    const disturbed = await run(out)
    const rss = seriesOf(disturbed, 'rss')
    const kept = seriesOf(report, 'rss')
    expect(rss && kept).toBeTruthy()
    expect((rss as SeriesAnalysis).lastValue - (rss as SeriesAnalysis).firstValue).toBeGreaterThan(
      (kept as SeriesAnalysis).lastValue - (kept as SeriesAnalysis).firstValue + 10 * 1024 * 1024
    )
  }, 120_000)

  it('leaking service: fails, and the comment names the object and its holder in the first screen', async () => {
    const out = join(app, 'leak')
    await runService(app, 'leak', out)
    // the helper's folder as uploaded, no config: memory.csv, three snapshots, heap-snapshots.json
    const report = await run(out)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'heapUsed' && f.level === 'fail')).toBe(true)
    const session = report.findings.find(
      (f) => f.signature === 'leaking-class' && f.metric === 'Session'
    )!
    expect(session.level).toBe('fail')
    // one Session per request, per unit of work from the helper's own heap-snapshots.json
    expect(report.heap?.work?.name).toBe('requests')
    expect(session.evidence.perWork).toBeCloseTo(1, 1)
    const comment = renderMarkdown(report)
    // the sentence under the verdict, above the chart: the series say how fast, the snapshots what
    const headline = comment.split('\n').find((line) => line.startsWith('**Leak found:**'))!
    expect(headline).toMatch(/heapUsed grows \+[\d.]+ KiB per request/)
    expect(headline).toMatch(
      /What leaks: \+1,8\d\d \\`Session\\` \(\+[\d.]+ MiB retained, 1 per request\)/
    )
    expect(headline).toMatch(/defined at (\S+\/)?service\.mjs:7, held by \\`sessions\\` \(Map\)/)
    expect(comment.indexOf(headline)).toBeLessThan(comment.indexOf('```mermaid'))
  }, 120_000)
})

/**
 * The scenarios' recipe, end to end, so it cannot rot: start the example service on
 * 127.0.0.1, drive a short load, sample it, and load what it wrote with leak-gate's own
 * loaders. Plus: every committed examples/<scenario>/artifacts folder is well-formed and
 * loads without errors with the leak-gate.yml shipped beside it.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, loadSnapshot } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import { INPUT_FORMATS, METRIC_KINDS, SIGNATURE_IDS } from '../../src/model.js'
import type { InputFormat, MetricKind, Series } from '../../src/model.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const examples = path.join(root, 'examples')
const MiB = 1024 * 1024

/** Runs a node script to completion (bounded), resolving with its stdout. */
function runNode(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${err.slice(-1500)}`))
    })
  })
}

const seriesOf = async (
  dir: string,
  file: string,
  format: InputFormat,
  spec: Omit<SeriesSpec, 'file'>
) =>
  loadSeries(readLines(path.join(dir, file), { displayName: file }), {
    file,
    format,
    spec: { file, ...spec }
  })

const byMetric = (series: Series[], metric: string): Series => {
  const found = series.find((s) => s.metric === metric)
  if (!found) throw new Error(`no series ${metric} in ${series.map((s) => s.metric).join(', ')}`)
  return found
}

describe('live scenario: node service → load → sampler → leak-gate loaders', () => {
  let out: string
  let summary: { sent: number; failed: number; rows: number; stoppedBy: string }

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'leak-gate-live-'))
    // map-leak: ~2.2 KiB per request, 5000 requests at 1000/s: ~11 MiB of growth in ~5 s.
    const stdout = await runNode(
      [
        'examples/node-service/run-scenario.mjs',
        ...['--mode', 'map-leak', '--requests', '5000', '--rate', '1000', '--duration', '20'],
        ...[
          '--interval',
          '200',
          '--cooldown',
          '0.5',
          '--idle',
          '0.5',
          '--limit',
          '512MiB',
          '--out',
          out
        ]
      ],
      45_000
    )
    summary = JSON.parse(stdout.trim().split('\n').pop() ?? '{}')
  }, 60_000)

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true })
  })

  it('drove the whole bounded load with no failures', () => {
    expect(summary.stoppedBy).toBe('count')
    expect(summary.sent).toBe(5000)
    expect(summary.failed).toBe(0)
    expect(summary.rows).toBeGreaterThanOrEqual(15)
  })

  it('memory.csv loads as process.memoryUsage() series on a requests work axis, and grows', async () => {
    const result = await seriesOf(out, 'memory.csv', 'csv', {
      time: 'timestamp',
      work: 'requests',
      metrics: { heapUsed: 'memory', rss: 'memory' }
    })
    expect(result.errors).toEqual([])
    expect(result.rows).toBeGreaterThanOrEqual(15)
    const heap = byMetric(result.series, 'heapUsed')
    expect(heap.kind).toBe('memory')
    expect(heap.timeBase).toBe('epoch')
    expect(heap.work[0]).toBe(0)
    expect(heap.work[heap.work.length - 1]).toBe(5200) // 200 warm-up + 5000 measured requests
    for (let i = 1; i < heap.work.length; i++)
      expect(heap.work[i]).toBeGreaterThanOrEqual(heap.work[i - 1])
    for (let i = 1; i < heap.time.length; i++)
      expect(heap.time[i]).toBeGreaterThan(heap.time[i - 1])
    // The leak: the lowest heap of the last fifth is above the highest of the first fifth... by MiBs.
    const fifth = Math.max(1, Math.floor(heap.value.length / 5))
    const early = Math.min(...heap.min.slice(0, fifth))
    const late = Math.min(...heap.min.slice(-fifth))
    expect(late - early).toBeGreaterThan(5 * MiB)
  })

  it('docker_stats.csv loads with the limit and matches the RSS the service reports', async () => {
    const docker = await seriesOf(out, 'docker_stats.csv', 'docker-stats', {
      time: 'timestamp',
      group: 'name'
    })
    expect(docker.errors).toEqual([])
    const usage = byMetric(docker.series, 'MemUsage')
    expect(usage.group).toBe('web-1')
    expect(usage.limit).toBe(512 * MiB)
    const memory = await seriesOf(out, 'memory.csv', 'csv', {
      time: 'timestamp',
      metrics: { rss: 'memory' }
    })
    const rss = byMetric(memory.series, 'rss')
    // Same process, same moments: /proc VmRSS (4 significant digits) vs process.memoryUsage().rss.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    expect(Math.abs(median(usage.value) - median(rss.value)) / median(rss.value)).toBeLessThan(0.05)
    expect(usage.value.length).toBe(rss.value.length)
  })

  it('baseline.json and post-test.json load as snapshots with registry counts and a retained heap', async () => {
    const load = (file: string) =>
      loadSnapshot(readLines(path.join(out, file), { displayName: file }), file, 'json')
    const baseline = await load('baseline.json')
    const post = await load('post-test.json')
    expect(baseline.errors).toEqual([])
    expect(post.errors).toEqual([])
    expect(baseline.snapshot.values['requests']).toBe(200)
    expect(post.snapshot.values['requests']).toBe(5200)
    expect(post.snapshot.values['registry.totalModels']).toBe(0)
    // 5000 sessions of ~2 KiB survive two forced GCs.
    expect(post.snapshot.values['heapUsed'] - baseline.snapshot.values['heapUsed']).toBeGreaterThan(
      8 * MiB
    )
  })
})

// ------------------------------------------------------------------ committed artifacts

const scenarioDirs = readdirSync(examples)
  .filter((name) => existsSync(path.join(examples, name, 'artifacts')))
  .sort()

interface YamlSeries {
  file: string
  format?: InputFormat
  time?: string
  work?: string
  group?: string
  pattern?: string
  metrics?: Record<string, MetricKind>
}
interface YamlConfig {
  warmup?: string
  series?: YamlSeries[]
  snapshots?: {
    baseline: string
    post: string
    work?: string | number
    metrics?: Record<string, MetricKind>
  }
  checks?: Record<string, Record<string, string>>
}

describe('committed example artifacts', () => {
  it('has every scenario the README promises', () => {
    expect(scenarioDirs).toEqual(
      expect.arrayContaining([
        'healthy',
        'lru-cache',
        'warmup',
        'gc-sawtooth',
        'map-leak',
        'listener-leak',
        'slow-leak',
        'late-leak',
        'registry-healthy',
        'broker-healthy',
        'broker-leak',
        'registry-growth',
        'python-native-leak',
        'seed-python-pipeline',
        'seed-node-registry'
      ])
    )
  })

  it.each(scenarioDirs)('%s: expected.json is well-formed', (name) => {
    const expected: unknown = JSON.parse(
      readFileSync(path.join(examples, name, 'artifacts', 'expected.json'), 'utf8')
    )
    expect(expected).toEqual({
      verdict: expect.stringMatching(/^(pass|fail|warn)$/),
      signatures: expect.any(Array),
      why: expect.any(String)
    })
    const { verdict, signatures, why } = expected as {
      verdict: string
      signatures: string[]
      why: string
    }
    for (const id of signatures) expect(SIGNATURE_IDS).toContain(id)
    expect(new Set(signatures).size).toBe(signatures.length)
    // A failing scenario names what must be found; a passing one names nothing.
    if (verdict === 'fail') expect(signatures.length).toBeGreaterThan(0)
    if (verdict === 'pass') expect(signatures).toEqual([])
    expect(why.length).toBeGreaterThan(20)
    expect(why).not.toContain('\n')
  })

  it.each(scenarioDirs)(
    '%s: artifacts are small and load without errors per leak-gate.yml',
    async (name) => {
      const dir = path.join(examples, name, 'artifacts')
      const total = readdirSync(dir).reduce(
        (sum, file) => sum + statSync(path.join(dir, file)).size,
        0
      )
      expect(total).toBeLessThan(400 * 1024)
      const config = parseYaml(readFileSync(path.join(dir, 'leak-gate.yml'), 'utf8')) as YamlConfig
      expect(config.series ?? config.snapshots).toBeDefined()
      for (const entry of config.series ?? []) {
        // An entry with no format is read by its content, as a Go gctrace is (the examples test
        // judges it whole).
        if (entry.format === undefined) continue
        expect(INPUT_FORMATS).toContain(entry.format)
        for (const kind of Object.values(entry.metrics ?? {})) expect(METRIC_KINDS).toContain(kind)
        const { file, format, ...rest } = entry
        const result = await seriesOf(dir, file, format as InputFormat, rest)
        expect({ file, errors: result.errors }).toEqual({ file, errors: [] })
        // docker-stats names the memory column's series MemUsage, whatever the header says.
        const metrics = format === 'docker-stats' ? ['MemUsage'] : Object.keys(entry.metrics ?? {})
        for (const metric of metrics) {
          const series = byMetric(result.series, metric)
          // Sparse sampling is one of the shapes (step-68: 24 samples a second apart).
          expect(series.samples).toBeGreaterThanOrEqual(20)
          if (entry.work) expect(series.work.every((w) => Number.isFinite(w))).toBe(true)
        }
      }
      if (config.snapshots) {
        for (const file of [config.snapshots.baseline, config.snapshots.post]) {
          const loaded = await loadSnapshot(
            readLines(path.join(dir, file), { displayName: file }),
            file,
            'json'
          )
          expect(loaded.errors).toEqual([])
          for (const metric of Object.keys(config.snapshots.metrics ?? {})) {
            expect(Number.isFinite(loaded.snapshot.values[metric])).toBe(true)
          }
          if (typeof config.snapshots.work === 'string') {
            expect(Number.isFinite(loaded.snapshot.values[config.snapshots.work])).toBe(true)
          }
        }
      }
    }
  )
})

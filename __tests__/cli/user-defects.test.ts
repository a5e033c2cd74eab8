/**
 * Defects an audit on a fresh clone found, kept as regression tests: each runs the built
 * command line (dist/cli.js) as a user meets it and states what the user expects.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const CLI = resolve('dist/cli.js')
const SAMPLES = resolve('__fixtures__/load/samples')
let work: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'leak-gate-audit-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Metric {
  id?: string
  metric?: string
  unit: string
  metricKind: string
}
interface JsonReport {
  verdict: string
  metrics: Metric[]
  findings: { signature: string; metric: string }[]
  errors: { message: string }[]
}

/** Writes the files into a fresh folder and returns its path. */
const makeDir = (name: string, files: Record<string, string>): string => {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}

/** Runs the CLI with --format json and returns the exit status and the parsed report. */
const runJson = (dir: string): { status: number | null; report: JsonReport } => {
  const run = spawnSync('node', [CLI, '--format', 'json', dir], { encoding: 'utf8' })
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport }
}

describe('audit: loader units', () => {
  it('reads raw-number memory columns of JSON lines as bytes, as it does for CSV', () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        time: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        rss: 100_000_000 + i * 2_000_000,
        heapUsed: 50_000_000 + i * 2_000_000
      })
    )
    const dir = makeDir('jsonl-units', { 'memory.jsonl': lines.join('\n') + '\n' })
    const { report } = runJson(dir)
    const units = report.metrics.map((m) => `${m.id}=${m.unit}`)
    expect(units).toEqual(['memory.jsonl:rss=bytes', 'memory.jsonl:heapUsed=bytes'])
  })
})

describe('audit: zero-config Prometheus scrapes', () => {
  it('does not fail a service whose only growth is in monotonic counters', () => {
    // 20 scrapes of the real Go client sample: gauges flat, counters (`# TYPE ... counter`,
    // `_total`, `_count`) rising as they always do on a healthy service.
    const scrape = readFileSync(join(SAMPLES, 'go-client.prom'), 'utf8')
    const counter =
      /^(go_memstats_alloc_bytes_total|go_memstats_mallocs_total|go_memstats_frees_total|process_cpu_seconds_total|go_gc_duration_seconds_count) (\S+)/gm
    let text = ''
    for (let i = 0; i < 20; i++)
      text += scrape.replace(
        counter,
        (_, name: string, v: string) => `${name} ${Number(v) * (1 + i * 0.2)}`
      )
    const dir = makeDir('prom-counters', { 'metrics.prom': text })
    const { status, report } = runJson(dir)
    expect(report.findings.map((f) => `${f.signature} ${f.metric}`)).toEqual([])
    expect(status).toBe(0)
  })
})

describe('audit: configured names that match nothing', () => {
  it('gives exit 2 when a snapshot metric named in the config is missing (as series metrics do)', () => {
    const snap = JSON.stringify({ rss: 100_000_000, heapUsed: 40_000_000 })
    const dir = makeDir('snapshot-typo', {
      'baseline.json': snap,
      'post-test.json': snap,
      'leak-gate.yml':
        'snapshots:\n  baseline: baseline.json\n  post: post-test.json\n  metrics: { heapUsd: memory }\n'
    })
    const { status, report } = runJson(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message).join('\n')).toMatch(/heapUsd/)
    expect(status).toBe(2)
  })
})

describe('audit: output to a closed pipe', () => {
  it('ends without a stack trace and without the "leak found" status when the reader stops early', async () => {
    // `leak-gate --format json DIR | head -c 100`: the reader closes the pipe after 100 bytes.
    const child = spawn('node', [CLI, '--format', 'json', SAMPLES], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const status = await new Promise<number | null>((done) => child.on('close', done))
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(status).not.toBe(1)
  })
})

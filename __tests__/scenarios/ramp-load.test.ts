/**
 * The example load driver's ramping stages (k6's ramping-arrival-rate), end to end: the service in
 * `pool` mode answers after 30 ms, the load ramps 50 → 300 requests/s, and the requests arrive on
 * schedule, so the clients in flight and the pool follow the rate. A bad stage is a clear error.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Runs a node script to completion (bounded): exit code, stdout, stderr. */
function runNode(
  args: string[],
  timeoutMs: number
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out, err })
    })
  })
}

describe('ramping load (load.mjs --stages)', () => {
  let out: string
  let summary: { sent: number; failed: number; dropped: number; vus: number; stoppedBy: string }

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'leak-gate-ramp-'))
    const run = await runNode(
      [
        'examples/node-service/run-scenario.mjs',
        ...['--mode', 'pool', '--requests', '100000', '--duration', '30', '--rate', '100'],
        ...['--stages', '1s:50,2s:300', '--start-rate', '0', '--interval', '200'],
        ...['--cooldown', '0.5', '--idle', '0.5', '--prewarm', '20', '--out', out],
        '--service-args=--pool-buffer-bytes 65536 --latency-ms 30'
      ],
      45_000
    )
    expect(run.code).toBe(0)
    summary = JSON.parse(run.out.trim().split('\n').pop() ?? '{}')
  }, 60_000)

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true })
  })

  it('sends what the stages integrate to and ends with them', () => {
    // 0 → 50 over 1 s (25 requests), 50 → 300 over 2 s (350): 375.
    expect(summary.stoppedBy).toBe('stages')
    expect(summary.failed).toBe(0)
    expect(summary.dropped).toBe(0)
    expect(summary.sent).toBeGreaterThanOrEqual(365)
    expect(summary.sent).toBeLessThanOrEqual(376)
  })

  it('opens clients as the requests in flight grow with the rate', () => {
    // 300 requests/s answered after 30 ms: about 9 in flight at the peak, 1–2 at 50/s.
    expect(summary.vus).toBeGreaterThanOrEqual(4)
    const rows = readFileSync(path.join(out, 'memory.csv'), 'utf8').trim().split('\n')
    const header = rows[0].split(',')
    const buffers = header.indexOf('arrayBuffers')
    const first = Number(rows[1].split(',')[buffers])
    const last = Number(rows[rows.length - 1].split(',')[buffers])
    // The pool keeps a 64 KiB buffer per request ever in flight at once.
    expect(last - first).toBeGreaterThanOrEqual(2 * 65536)
  })

  it('names a bad stage and what was expected', async () => {
    const run = await runNode(
      ['examples/node-service/load.mjs', '--url', 'http://127.0.0.1:9/work', '--stages', '10x:5'],
      10_000
    )
    expect(run.code).not.toBe(0)
    expect(run.err).toMatch(/--stages: found "10x:5", expected DURATION:RATE/)
  })
})

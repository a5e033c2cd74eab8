/**
 * A load that ramps (k6 stages): the rate steps 100 → 300 → 600 requests/s. V8 shrinks its heap
 * during the low start and grows it again with the allocation rate; RSS follows the heap the
 * runtime reserves (heapTotal), not the work. A native leak under the same ramp adds the same per
 * request on both sides of the shrink. The series are built like the service's memory.csv
 * (timestamp, cumulative requests, rss, heapTotal, heapUsed), sampled every 250 ms for 40 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { KiB, MiB, random } from './synthetic.js'

const now = new Date('2026-11-25T00:00:00Z')
const start = Date.parse('2026-11-24T10:00:00Z')

/** The rate at t seconds: 100, then 300 from 12 s, then 600 from 24 s. */
const rate = (t: number): number => (t < 12 ? 100 : t < 24 ? 300 : 600)

/** heapTotal of a heap shrunk 16 s in (79 → 49 MiB) and regrown in steps as the rate climbs. */
const regrownHeap = (t: number): number => (t < 16 ? 79 : t < 21 ? 49 : t < 37 ? 51 : 55) * MiB

/** Writes memory.csv (and leak-gate.yml) for `rss(t, requests)` and `heapTotal(t)`. */
function run(
  rss: (t: number, requests: number) => number,
  heapTotal: (t: number) => number,
  withHeapTotal: boolean
): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lg-ramp-'))
  const rand = random(7)
  const rows = ['timestamp,requests,rss,heapTotal,heapUsed']
  let requests = 0
  for (let i = 0; i <= 160; i++) {
    const t = i / 4
    if (i > 0) requests += rate(t - 0.25) / 4
    const noise = () => Math.round((rand() - 0.5) * 200 * KiB)
    const heapUsed = 38 * MiB + Math.round(rand() * 2 * MiB)
    rows.push(
      `${new Date(start + t * 1000).toISOString()},${requests},${Math.round(rss(t, requests)) + noise()},${heapTotal(t)},${heapUsed}`
    )
  }
  writeFileSync(path.join(dir, 'memory.csv'), `${rows.join('\n')}\n`)
  writeFileSync(
    path.join(dir, 'leak-gate.yml'),
    [
      'series:',
      '  - file: memory.csv',
      '    format: csv',
      '    time: timestamp',
      '    work: requests',
      '    metrics:',
      '      heapUsed: memory',
      ...(withHeapTotal ? ['      heapTotal: memory'] : []),
      '      rss: memory',
      ''
    ].join('\n')
  )
  return dir
}

const dirs: string[] = []
async function judge(
  rss: (t: number, requests: number) => number,
  heapTotal: (t: number) => number,
  withHeapTotal: boolean
): Promise<Report> {
  const dir = run(rss, heapTotal, withHeapTotal)
  dirs.push(dir)
  const report = await runPipeline({ root: dir, workspace: dir, now })
  expect(report.errors).toEqual([])
  return report
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const rssFails = (report: Report) =>
  report.findings.filter((f) => f.metric === 'rss' && f.level === 'fail')

// RSS of the healthy service: the heap's pages plus 34 MiB, and the pages of the reserved heap
// being touched before the shrink (+0.6 MiB a second at 100 requests/s).
const followsHeap = (t: number): number =>
  regrownHeap(t) + 34 * MiB + (t < 16 ? 0.6 * MiB * Math.max(0, t - 4) : 0)
// A native leak: 1.5 KiB kept per request outside a heap shrunk once and never regrown.
const shrunkOnce = (t: number): number => (t < 16 ? 79 : 49) * MiB
const leaks = (t: number, requests: number): number =>
  shrunkOnce(t) + 34 * MiB + 1.5 * KiB * requests

describe('memory that follows a ramping load, and a leak under the same ramp', () => {
  it('a heap shrunk at the low start and regrown with the rate is no leak: the parts differ per request', async () => {
    const report = await judge(followsHeap, regrownHeap, false)
    expect(rssFails(report)).toEqual([])
    const line = report.healthy.find((h) => h.startsWith('rss:')) ?? ''
    expect(line).toMatch(/do not keep one pace per request/)
  })

  it('a native leak under the same ramp and shrink keeps one pace per request and fails', async () => {
    const report = await judge(leaks, shrunkOnce, false)
    expect(report.verdict).toBe('fail')
    const failed = rssFails(report).find((f) => f.signature === 'sustained-growth')
    expect(failed?.message).toMatch(/within each of 2 segments/)
  })

  it('with heapTotal read, RSS growth the reserved heap accounts for is the runtime sizing its heap to the load', async () => {
    // The same pace per request on both sides (the heap regrows in proportion to the work here),
    // so only the reserved heap tells it from a leak.
    const proportional = (t: number, requests: number): number =>
      (t < 16 ? 79 : 49) * MiB + 34 * MiB + 0.5 * KiB * requests
    const heap = (t: number): number => proportional(t, cumulative(t)) - 34 * MiB
    const report = await judge(proportional, (t) => Math.round(heap(t)), true)
    expect(rssFails(report)).toEqual([])
    const line = report.healthy.find((h) => h.startsWith('rss:')) ?? ''
    expect(line).toMatch(/the runtime sizing its heap to the load/)
  })

  it('with heapTotal read, memory outside a flat reserved heap still fails as a native leak', async () => {
    const report = await judge(leaks, shrunkOnce, true)
    expect(report.verdict).toBe('fail')
    expect(rssFails(report).length).toBeGreaterThan(0)
  })
})

/** Requests served by t seconds (as the writer counts them). */
function cumulative(t: number): number {
  let requests = 0
  for (let i = 1; i <= Math.round(t * 4); i++) requests += rate((i - 1) / 4) / 4
  return requests
}

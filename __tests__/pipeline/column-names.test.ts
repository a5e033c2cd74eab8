/**
 * Columns named as people name them when they log memory by hand: a unit written on to a camelCase
 * name (`heapUsedMB` from `Math.round(rss / 1024 / 1024)`), one column per worker
 * (`worker_8073_rss`), a heap snapshot's size, a browser's `performance.memory`. Each is read as
 * memory in its unit and judged through the whole pipeline: never skipped, never read as bytes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

let work: string
let count = 0
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'leak-gate-columns-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(csv: string): Promise<Report> {
  const dir = join(work, String(++count))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'memory.csv'), csv)
  return runPipeline({ root: dir, workspace: dir })
}

/** A CSV of `n` readings every 10 s: `time` then one value per column from `value(column, i)`. */
function table(columns: string[], n: number, value: (column: string, i: number) => string): string {
  const rows = Array.from({ length: n }, (_, i) => [i * 10, ...columns.map((c) => value(c, i))])
  return [['time', ...columns], ...rows].map((r) => r.join(',')).join('\n') + '\n'
}

/** A little noise that repeats, so no series is perfectly smooth. */
const wobble = (i: number): number => [0, 0.4, -0.3, 0.2, -0.1][i % 5]

const failing = (report: Report): string[] =>
  [...new Set(report.findings.filter((f) => f.level === 'fail').map((f) => f.metric))].sort()

describe('column names as people write them', () => {
  it('heapUsedMB and rssMB hold MiB: a leak of 1 MiB a minute fails, said in MiB', async () => {
    const report = await run(
      table(['heapUsedMB', 'rssMB'], 40, (c, i) =>
        (c === 'rssMB' ? 120 + i / 6 + wobble(i) : 40 + i / 6 + wobble(i)).toFixed(1)
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toContain('heapUsedMB')
    const heap = report.findings.find((f) => f.metric === 'heapUsedMB')!
    expect(heap.message).toMatch(/MiB/)
    expect(heap.message).not.toMatch(/ \d+ B\b/)
  })

  it('the same names with flat readings pass: the unit does not make a trend', async () => {
    const report = await run(
      table(['heapUsedMB', 'rssMB'], 40, (c, i) =>
        (c === 'rssMB' ? 120 + wobble(i) : 40 + wobble(i)).toFixed(1)
      )
    )
    expect(report.verdict).toBe('pass')
  })

  it('one column per worker (worker_8073_rss): each is judged, the leaking worker fails alone', async () => {
    const workers = ['worker_8073_rss', 'worker_8071_rss', 'worker_8070_rss']
    const report = await run(
      table(workers, 40, (c, i) =>
        String(Math.round((64 + (c === 'worker_8071_rss' ? i / 2 : 0) + wobble(i)) * 1024 * 1024))
      )
    )
    expect(report.notes.join('\n')).not.toMatch(/not used/)
    expect(failing(report)).toEqual(['worker_8071_rss'])
  })

  it('a heap snapshot size per minute (heap_snapshot_mb) is memory, in MiB', async () => {
    const report = await run(
      table(['heap_snapshot_mb'], 12, (_, i) => (30 + 3 * i + wobble(i)).toFixed(1))
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toEqual(['heap_snapshot_mb'])
  })

  it("a browser's performance.memory: usedJSHeapSize climbing fails as the live heap", async () => {
    const report = await run(
      table(['usedJSHeapSize', 'totalJSHeapSize'], 40, (c, i) =>
        String(
          Math.round(
            (c === 'usedJSHeapSize' ? 20 + i / 4 + wobble(i) : 48 + Math.floor(i / 8) * 4) *
              1024 *
              1024
          )
        )
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toContain('usedJSHeapSize')
  })
})

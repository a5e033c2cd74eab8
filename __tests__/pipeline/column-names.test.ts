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

  it("psutil's I/O counters beside its RSS (read_bytes, write_bytes) are no memory: a flat RSS passes", async () => {
    const report = await run(
      table(['memory_rss', 'read_bytes', 'write_bytes'], 40, (c, i) =>
        String(
          c === 'memory_rss'
            ? Math.round((80 + wobble(i)) * 1024 * 1024)
            : (i + 1) * (c === 'read_bytes' ? 5_000_000 : 2_000_000)
        )
      )
    )
    expect(report.verdict).toBe('pass')
    expect(report.metrics.map((m) => m.metric)).toEqual(['memory_rss'])
  })

  it('a high-water mark beside the memory it marks (max_rss_kb beside rss_kb) is not judged', async () => {
    // spikes the allocator gives back: RSS returns, its running peak only climbs
    const report = await run(
      table(['rss_kb', 'max_rss_kb'], 40, (c, i) => {
        const rss = 200_000 + (i % 7 === 3 ? 2_000 * i : 0) + wobble(i) * 100
        const peak = 200_000 + 2_000 * Math.max(...[3, 10, 17, 24, 31, 38].filter((k) => k <= i), 0)
        return String(Math.round(c === 'rss_kb' ? rss : peak))
      })
    )
    expect(report.verdict).toBe('pass')
    expect(report.metrics.map((m) => m.metric)).toEqual(['rss_kb'])
    expect(report.inputs[0].note).toMatch(/"max_rss_kb" not judged: a high-water mark/)
  })

  it("kubectl top's CPU in millicores (12m) is no size: a CPU ramp beside flat memory passes", async () => {
    const report = await run(
      table(['cpu', 'memory'], 40, (c, i) =>
        c === 'cpu' ? `${12 + 10 * i}m` : `${210 + (i % 2)}Mi`
      )
    )
    expect(report.verdict).toBe('pass')
    expect(report.metrics.map((m) => m.metric)).toEqual(['memory'])
  })

  it('RSS printed in whole MiB (Math.round(rss / 1024 / 1024)) is read as MiB: a leak fails', async () => {
    const report = await run(
      table(['rss', 'heapUsed'], 40, (c, i) =>
        String(Math.round(c === 'rss' ? 120 + i * 0.8 : 45 + i * 0.8))
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toContain('heapUsed')
    expect(report.inputs[0].note).toMatch(/read as MiB/)
  })

  it('ps -o rss,vsz in KiB with no unit in the header is read as KiB: a leak fails', async () => {
    const report = await run(
      table(['rss', 'vsz'], 40, (c, i) =>
        String(Math.round(c === 'rss' ? 150_000 + i * 800 + wobble(i) * 50 : 1_075_000 + i * 800))
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toContain('rss')
    expect(report.inputs[0].note).toMatch(/"rss": .*read as KiB/)
  })

  it("tracemalloc's (current, peak) saved as columns: current is memory and judged, the peak is not", async () => {
    const report = await run(
      table(['current', 'peak'], 40, (c, i) =>
        String(Math.round((c === 'current' ? 40 + i / 4 + wobble(i) : 45 + i / 4) * 1024 * 1024))
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toEqual(['current'])
    expect(report.inputs[0].note).toMatch(/"peak" not judged: a high-water mark/)
  })

  it("a size named by its unit (PyTorch's allocated_mb) is memory; its running max is not judged", async () => {
    const report = await run(
      table(['allocated_mb', 'max_allocated_mb'], 40, (c, i) =>
        (c === 'allocated_mb' ? 3000 + i * 10 + wobble(i) : 3500 + i * 10).toFixed(1)
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toEqual(['allocated_mb'])
  })

  it("Puppeteer's DOM node count (Nodes) is a kept count: nodes that keep piling up fail", async () => {
    const report = await run(
      table(['JSHeapUsedSize', 'Nodes'], 40, (c, i) =>
        String(c === 'Nodes' ? 2100 + 40 * i : Math.round((30 + wobble(i)) * 1024 * 1024))
      )
    )
    expect(report.verdict).toBe('fail')
    expect(failing(report)).toEqual(['Nodes'])
  })

  it('rows of several containers interleaved (a container column): one series each, the leaking one fails', async () => {
    const rows = ['time,container,rss_mb']
    for (let i = 0; i < 40; i++)
      for (const [name, level] of [
        ['api', 180],
        ['worker', 320],
        ['scheduler', 95]
      ] as const)
        rows.push(
          `${i * 5},${name},${(level + (name === 'worker' ? i * 1.5 : 0) + wobble(i)).toFixed(1)}`
        )
    const report = await run(rows.join('\n') + '\n')
    expect(report.verdict).toBe('fail')
    const series = report.metrics.filter((m) => m.kind === 'series')
    expect(series.map((m) => m.group).sort()).toEqual(['api', 'scheduler', 'worker'])
    expect(series.filter((m) => m.status !== 'ok').map((m) => m.group)).toEqual(['worker'])
  })

  describe('snapshots', () => {
    async function pair(
      baseline: object,
      post: object,
      names = ['baseline.json', 'post-test.json']
    ): Promise<Report> {
      const dir = join(work, String(++count))
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, names[0]), JSON.stringify(baseline))
      writeFileSync(join(dir, names[1]), JSON.stringify(post))
      return runPipeline({ root: dir, workspace: dir })
    }

    it.each([
      ['before.json', 'after.json'],
      ['pre.json', 'post.json'],
      ['start.json', 'end.json'],
      ['memory-before.json', 'memory-after.json'],
      ['snapshot-baseline.json', 'snapshot-post.json'],
      ['heap-baseline.json', 'heap-post.json']
    ])('a pair named %s / %s is found with no config and compared', async (before, after) => {
      const MiB = 1024 * 1024
      const report = await pair(
        { rss: 120 * MiB, heapUsed: 40 * MiB },
        { rss: 190 * MiB, heapUsed: 95 * MiB },
        [before, after]
      )
      expect(report.errors).toEqual([])
      expect(report.inputs.map((input) => [input.file, input.role]).sort()).toEqual(
        [
          [after, 'post'],
          [before, 'baseline']
        ].sort()
      )
      expect(report.verdict).toBe('fail')
    })

    it('keys that carry their unit (rss_mb, heapUsedMB) hold it: a heap that kept 58 MiB fails', async () => {
      const report = await pair(
        { rss_mb: 95.2, heapUsedMB: 60.1 },
        { rss_mb: 160.4, heapUsedMB: 118.3 }
      )
      expect(report.verdict).toBe('fail')
      const heap = report.findings.find((f) => f.metric === 'heapUsedMB')!
      expect(heap.level).toBe('fail')
      expect(heap.message).toMatch(/\+58\.2 MiB/)
    })

    it('a pair with nothing leak-gate can compare is an error naming what to list, never an empty pass', async () => {
      // used and total in MiB: no byte-sized memory to read them as
      const report = await pair(
        { used: 60, total: 90, objects: 100000 },
        { used: 118, total: 150, objects: 600000 }
      )
      expect(report.verdict).toBe('error')
      expect(report.errors.map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^post-test\.json: found 3 values in both \(used, total, objects\), none of them a memory or count name leak-gate knows, expected .*metrics: \{ used: memory \}/
        )
      ])
    })

    it.each([
      ['kept 58 MiB', 118, 150, 600000, 'fail'],
      ['kept 1 MiB', 61, 90, 100100, 'pass']
    ])(
      'top-level used and total in bytes: used is compared (%s → %s), and the note says so',
      async (_case, used, total, objects, verdict) => {
        const MiB = 1024 * 1024
        const report = await pair(
          { used: 60 * MiB, total: 90 * MiB, objects: 100000 },
          { used: used * MiB, total: total * MiB, objects }
        )
        expect(report.errors).toEqual([])
        expect(report.verdict).toBe(verdict)
        expect(report.metrics.map((m) => m.metric)).toEqual(['used'])
        expect(report.inputs.find((input) => input.role === 'post')?.note).toMatch(
          /top-level "used" and "total" read as memory in use and reserved, in bytes .*total and objects not compared/
        )
      }
    )

    it('nested keys: a registry that grows and a live heap that doubles fail, the reserved heap warns', async () => {
      const MiB = 1024 * 1024
      const report = await pair(
        {
          memory: { rss: 140 * MiB, heap: { used: 60 * MiB, total: 90 * MiB } },
          registries: { plugins: 12, connections: 4 }
        },
        {
          memory: { rss: 210 * MiB, heap: { used: 118 * MiB, total: 150 * MiB } },
          registries: { plugins: 12, connections: 304 }
        }
      )
      expect(report.verdict).toBe('fail')
      expect(
        report.findings.map((f) => [f.metric, f.level]).sort((a, b) => (a[0] < b[0] ? -1 : 1))
      ).toEqual([
        ['memory.heap.total', 'warn'],
        ['memory.heap.used', 'fail'],
        ['memory.rss', 'warn'],
        ['registries.connections', 'fail']
      ])
    })

    it('v8.getHeapStatistics(): total_heap_size is the reserved heap, used_heap_size the live one', async () => {
      const MiB = 1024 * 1024
      const flat = await pair(
        { total_heap_size: 90 * MiB, used_heap_size: 60 * MiB },
        { total_heap_size: 150 * MiB, used_heap_size: 61 * MiB }
      )
      // V8 keeps the heap it grew to: a warning at most, the live heap decides
      expect(flat.verdict).toBe('warn')
      expect(flat.findings.map((f) => [f.metric, f.level])).toEqual([['total_heap_size', 'warn']])
    })
  })
})

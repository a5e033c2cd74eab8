/**
 * Memory a Go process holds outside its runtime: RSS less `Sys − HeapReleased`
 * (src/analyze/go-runtime.ts). The fixture is a recorded run of
 * examples/go-worker keeping 256 B per unit of mmap'd pages never unmapped
 * (21,429 units in 86 s, sampled every second), what cgo's malloc would hold.
 */
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { outsideGoRuntime } from '../../src/analyze/go-runtime.js'
import { groupLeaks } from '../../src/analyze/leak-rows.js'
import type { Report, Series } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const fixtures = '__fixtures__/pipeline/go-collector-goal'
const now = new Date('2026-11-25T00:00:00Z')
const run = (root: string): Promise<Report> => runPipeline({ root, workspace: root, now })

const series = (metric: string, value: number[], extra: Partial<Series> = {}): Series => ({
  id: `memory.csv:${metric}`,
  file: 'memory.csv',
  metric,
  kind: 'memory',
  unit: 'bytes',
  timeBase: 'epoch',
  time: value.map((_, i) => 1000 * i),
  work: value.map(() => Number.NaN),
  value,
  min: value,
  max: value,
  count: value.map(() => 1),
  samples: value.length,
  reduced: false,
  ...extra
})

describe('RSS outside the Go runtime', () => {
  it('keeps RSS where it started and adds only what the runtime does not account for', () => {
    const MiB = 2 ** 20
    const [derived] = outsideGoRuntime([
      // the heap grew 8 MiB (Sys), the scavenger gave 2 MiB back, and 3 MiB more arrived outside
      series('rss_bytes', [20 * MiB, 28 * MiB, 29 * MiB]),
      series('sys_bytes', [30 * MiB, 38 * MiB, 38 * MiB]),
      series('heap_released_bytes', [2 * MiB, 2 * MiB, 4 * MiB])
    ])
    expect(derived.metric).toBe('outside_go_runtime_bytes')
    expect(derived.value).toEqual([20 * MiB, 20 * MiB, 23 * MiB])
  })

  it('needs all three in the same rows of the same process', () => {
    const one = [1, 2, 3]
    expect(outsideGoRuntime([series('rss_bytes', one), series('sys_bytes', one)])).toEqual([])
    expect(
      outsideGoRuntime([
        series('rss_bytes', one),
        series('sys_bytes', one),
        series('heap_released_bytes', one, { group: 'other' })
      ])
    ).toEqual([])
    // the Prometheus Go client's names, with the same labels
    expect(
      outsideGoRuntime([
        series('process_resident_memory_bytes{job="api"}', one),
        series('go_memstats_sys_bytes{job="api"}', one),
        series('go_memstats_heap_released_bytes{job="api"}', one)
      ]).map((s) => s.metric)
    ).toEqual(['outside_go_runtime_bytes{job="api"}'])
  })

  it('derives it in a long run merged into buckets, when the three share their buckets', () => {
    const merged = { reduced: true, count: [4, 4, 3] }
    const [derived] = outsideGoRuntime([
      series('rss_bytes', [20, 28, 29], merged),
      series('sys_bytes', [30, 38, 38], merged),
      series('heap_released_bytes', [2, 2, 4], merged)
    ])
    expect(derived?.value).toEqual([20, 20, 23])
    expect(
      outsideGoRuntime([
        series('rss_bytes', [20, 28, 29], merged),
        series('sys_bytes', [30, 38, 38], { reduced: true, count: [4, 3, 4] }),
        series('heap_released_bytes', [2, 2, 4], merged)
      ])
    ).toEqual([])
  })

  // 800 B a row: +6 MiB over the steady part, beyond the 4 MiB any allocator-held series must add
  // (the derived series is RSS's pages, judged at RSS's tolerance)
  it('judges it over 10,000 rows (kept as buckets): pages outside the runtime at 800 B a row fail', async () => {
    const dir = makeTempDir('go-outside-long')
    const MiB = 2 ** 20
    const rows = ['timestamp,units,sys_bytes,heap_released_bytes,rss_bytes']
    for (let i = 0; i < 10_000; i++) {
      // the heap's sawtooth in Sys and RSS alike, released pages given back in both
      const saw = ((i % 50) / 50) * 16 * MiB
      const released = (i % 200 < 100 ? 2 : 6) * MiB
      const rss = 20 * MiB + saw - released + 800 * i
      rows.push(
        `${new Date(Date.UTC(2026, 11, 6, 4) + 1000 * i).toISOString()},${i},${30 * MiB + saw},${released},${rss}`
      )
    }
    writeFileSync(join(dir, 'memory.csv'), `${rows.join('\n')}\n`)
    const report = await run(dir)
    const outside = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'outside_go_runtime_bytes'
    )
    expect(outside?.level).toBe('fail')
  })

  it("Go's idle and released heap spans are read to derive, never judged: their growth is the heap shrinking", async () => {
    const dir = makeTempDir('go-spare-heap')
    const MiB = 2 ** 20
    const rows = ['time,heap_alloc,sys,heap_idle,heap_released,rss']
    for (let i = 0; i < 60; i++) {
      // a flat live heap; the scavenger frees spans and returns pages steadily (+6 MiB each)
      const idle = 20 * MiB + i * 0.1 * MiB
      const released = 10 * MiB + i * 0.1 * MiB
      rows.push(
        `${new Date(Date.UTC(2026, 11, 7, 4) + 5000 * i).toISOString()},${40 * MiB + (i % 6) * MiB},${72 * MiB},${idle},${released},${60 * MiB - i * 0.05 * MiB}`
      )
    }
    writeFileSync(join(dir, 'memstats.csv'), `${rows.join('\n')}\n`)
    const report = await run(dir)
    expect(report.verdict).toBe('pass')
    const judged = report.metrics.map((s) => s.metric)
    expect(judged).not.toContain('heap_idle')
    expect(judged).not.toContain('heap_released')
    expect(judged).toEqual(expect.arrayContaining(['heap_alloc', 'rss']))
  })

  it("256 B per unit of mmap'd pages: RSS swings with the scavenger and passes, the memory outside the runtime fails", async () => {
    const report = await run(join(fixtures, 'mmap-leak'))
    expect(report.verdict).toBe('fail')
    const outside = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'outside_go_runtime_bytes'
    )
    expect(outside?.level).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'rss_bytes')).toBe(false)
  })

  it('says what the derived series is where it is named: the finding and the headline', async () => {
    const report = await run(join(fixtures, 'mmap-leak'))
    const outside = report.findings.find((f) => f.metric === 'outside_go_runtime_bytes')
    expect(outside?.message).toMatch(
      /^outside_go_runtime_bytes \(RSS less what the Go runtime holds, Sys − HeapReleased: memory outside the Go runtime[^)]*\) grows/
    )
    const [row] = groupLeaks(report)
    expect(row.sentence).toMatch(
      /outside_go_runtime_bytes grows .*\. outside_go_runtime_bytes is RSS less/
    )
  })

  it('the same run without heap_released_bytes: nothing to derive, and the leak passes', async () => {
    const dir = makeTempDir('go-outside')
    for (const file of ['memory.csv', 'baseline.json', 'post-test.json'])
      copyFileSync(join(fixtures, 'mmap-leak', file), join(dir, file))
    const config = readFileSync(join(fixtures, 'mmap-leak', 'leak-gate.yml'), 'utf8')
    writeFileSync(
      join(dir, 'leak-gate.yml'),
      config.replace(/^ *heap_released_bytes: memory.*\n/m, '')
    )
    const report = await run(dir)
    expect(report.verdict).toBe('pass')
  })

  it('healthy runs: nothing outside the runtime grows', async () => {
    for (const name of ['healthy', 'cache-fill']) {
      const dir = makeTempDir('go-outside')
      for (const file of ['memory.csv', 'baseline.json', 'post-test.json'])
        copyFileSync(join(fixtures, name, file), join(dir, file))
      copyFileSync(join(fixtures, 'mmap-leak', 'leak-gate.yml'), join(dir, 'leak-gate.yml'))
      const report = await run(dir)
      expect(report.verdict).toBe('pass')
      expect(report.metrics.some((m) => m.metric === 'outside_go_runtime_bytes')).toBe(true)
    }
  })
})

describe('what a Go process holds outside its heap is named as Go holds it', () => {
  /** 90 rows a second apart: a flat live heap's sawtooth, RSS gaining 128 KiB a row (with `go` columns: Sys, HeapReleased, NextGC flat). */
  function nativeLeak(go: boolean): string {
    const MiB = 2 ** 20
    const dir = makeTempDir('go-native')
    const rows = [
      `timestamp,units,heap_alloc_bytes,${go ? 'sys_bytes,heap_released_bytes,next_gc_bytes,' : ''}rss_bytes`
    ]
    for (let i = 0; i < 90; i++) {
      const time = new Date(Date.UTC(2026, 11, 6, 0, 0, i)).toISOString()
      const heap = 16 * MiB + ((i * 5) % 16) * MiB
      const runtime = go ? [40 * MiB, 2 * MiB, 32 * MiB] : []
      const rss = 30 * MiB + i * 128 * 1024 + ((i * 7919) % 200_000)
      rows.push([time, i * 250, heap, ...runtime, rss].join(','))
    }
    writeFileSync(join(dir, 'memory.csv'), `${rows.join('\n')}\n`)
    return dir
  }
  const rssMessages = (report: Report) =>
    report.findings.filter((f) => f.metric === 'rss_bytes').map((f) => f.message)

  it("Go's runtime columns beside RSS: cgo, a C library or mmap'd pages; without them the general wording", async () => {
    const go = rssMessages(await run(nativeLeak(true)))
    expect(go.length).toBeGreaterThan(0)
    for (const message of go) {
      expect(message).toMatch(
        /memory held outside the heap \(cgo, a C library or mmap'd pages\), a native leak/
      )
      expect(message).not.toMatch(/Buffers/)
    }
    const other = rssMessages(await run(nativeLeak(false)))
    expect(other.length).toBeGreaterThan(0)
    for (const message of other)
      expect(message).toMatch(/\(Buffers, a native addon or driver, C extensions\)/)
  })
})

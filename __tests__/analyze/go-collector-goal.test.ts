/**
 * A Go heap sampled between collector cycles (`HeapAlloc`) judged beside the
 * collector's goal of the same process (`NextGC`, twice the heap the last
 * cycle marked live at GOGC=100). Fixtures are recorded runs of
 * examples/go-worker (Go 1.19, a 16 MiB working set, ~250 units/s sampled
 * every second): memory.csv and the snapshots after runtime.GC() and
 * debug.FreeOSMemory().
 */
import { mkdirSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { describeRowCost } from '../../src/report/describe.js'
import { addLinearLeak, runEdited, withoutColumn } from '../helpers/edited-run.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const fixtures = '__fixtures__/pipeline/go-collector-goal'
const now = new Date('2026-11-25T00:00:00Z')
const run = (root: string): Promise<Report> => runPipeline({ root, workspace: root, now })

/** The fixture without the next_gc_bytes column and its config line: the rule's input gone. */
function withoutGoal(name: string): string {
  return withoutColumn(join(fixtures, name), 'next_gc_bytes')
}

const finding = (report: Report, signature: string, metric: string) =>
  report.findings.find((f) => f.signature === signature && f.metric === metric)

describe('a Go heap sampled between cycles, beside the collector goal', () => {
  it('256 B kept per unit under a 16-32 MiB sawtooth: the goal climbs, so the heap kept after runtime.GC() fails and RSS is not excused', async () => {
    const report = await run(join(fixtures, 'slow-leak'))
    expect(report.verdict).toBe('fail')
    expect(finding(report, 'sustained-growth', 'next_gc_bytes')?.level).toBe('fail')
    const kept = finding(report, 'retained-after-load', 'heap_alloc_bytes')
    expect(kept?.level).toBe('fail')
    expect(kept?.message).toContain('next_gc_bytes')
    // RSS grew with the leak: not heap pages kept for churn beside a "flat" heap
    expect(finding(report, 'sustained-growth', 'rss_bytes')?.level).toBe('fail')
  })

  it('250 B kept per unit, recorded with the heap spans growing too: the headline names the goal, not HeapSys, and what the live heap kept', async () => {
    const report = await run(join(fixtures, 'slow-leak-heap-sys'))
    expect(report.verdict).toBe('fail')
    // the spans the heap holds from the OS grow with it and fail too, but they are its reservation
    expect(finding(report, 'sustained-growth', 'heap_sys_bytes')?.level).toBe('fail')
    expect(finding(report, 'sustained-growth', 'next_gc_bytes')?.level).toBe('fail')
    expect(report.presentation?.headline.sentence).toMatch(/^memory\.csv: next_gc_bytes grows /)
    // the goal is twice the live heap at GOGC=100, and so is its cost per unit: the headline
    // also says what the live heap kept per unit after runtime.GC(), near the 250 B kept
    expect(report.presentation?.headline.sentence).toMatch(
      /, heap_alloc_bytes 2[5-9]\d B per unit kept after a forced collection\.$/
    )
  })

  it('the same samples without the goal: the sampled heap looks flat and vouches for the rest', async () => {
    const report = await run(withoutGoal('slow-leak'))
    expect(finding(report, 'retained-after-load', 'heap_alloc_bytes')?.level).toBe('warn')
    expect(finding(report, 'sustained-growth', 'rss_bytes')).toBeUndefined()
    expect(finding(report, 'sustained-growth', 'heap_alloc_bytes')).toBeUndefined()
  })

  it('a map filling until 60 % of the run (GOGC=50): what runtime.GC() kept arrived while the goal levelled off', async () => {
    const report = await run(join(fixtures, 'cache-fill'))
    expect(report.verdict).toBe('pass')
    const line = report.healthy.find(
      (h) => h.startsWith('heap_alloc_bytes') && /after load/.test(h)
    )
    expect(line).toContain('next_gc_bytes')
    expect(line).toContain('levelled off')
  })

  // A map of 7,143 × 4 KiB filling over the first half of a 58 s run (GOGC=100), read every second:
  // RSS's own series shows no shape (its fit through the fill starts at 68.7 MiB, above the 59.9 MiB
  // it kept), and what it kept is the pages of the heap the goal says arrived bounded.
  it('RSS kept beside a heap whose goal stepped once is that heap\'s pages, not "already reached"', async () => {
    const report = await run(join(fixtures, 'cache-fill-rss-flat'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const rss = report.healthy.find((h) => h.startsWith('rss_bytes') && /after load/.test(h))
    expect(rss).toMatch(
      /within 2× what heap_alloc_bytes kept \(\+17\.2 MiB, which arrived bounded \(next_gc_bytes, the collector's goal, stepped \+23\.9 MiB once.*the pages of a bounded live heap/
    )
    expect(rss).not.toMatch(/already reached/)
  })

  it('the same cache without the goal: the sampled heap shows no shape and the kept memory warns', async () => {
    const report = await run(withoutGoal('cache-fill'))
    expect(finding(report, 'retained-after-load', 'heap_alloc_bytes')?.level).toBe('warn')
  })

  it('a 15 MiB table built at 75 % of the run: the sampled heap rises over the last half while the goal stepped once', async () => {
    const report = await run(join(fixtures, 'table-late'))
    expect(report.verdict).toBe('pass')
    const heap = report.metrics.find(
      (m) => m.kind === 'series' && m.metric === 'heap_alloc_bytes' && m.file === 'memory.csv'
    )
    expect(heap?.status).toBe('ok')
    expect(heap?.explanation).toMatch(
      /next_gc_bytes \(the collector's goal[^)]*\) stepped \+3\d\.\d MiB once/
    )
    // the runtime's mapped memory (Sys) follows the reserved heap, beside a live heap holding no leak
    const sys = report.metrics.find((m) => m.metric === 'sys_bytes')
    expect(sys?.explanation).toContain('heap_sys_bytes (the heap the runtime reserved)')
  })

  it('the same table beside 128 B kept per unit: the goal creeps before and after its step, so it vouches for no heap', async () => {
    // +2.8 MiB before and +1.2 MiB after a +35.5 MiB step: each under the step's quarter, together
    // beyond the goal's tolerance (the same leak fails a healthy run through the goal itself)
    const report = await runEdited(
      join(fixtures, 'table-late'),
      (dir) => {
        const columns = ['heap_alloc_bytes', 'heap_inuse_bytes', 'heap_sys_bytes', 'sys_bytes']
        addLinearLeak(dir, 128, [...columns, 'rss_bytes', 'next_gc_bytes'], 'units')
        addLinearLeak(dir, 128, ['next_gc_bytes'], 'units') // GOGC=100: twice what the cycle kept
      },
      now
    )
    expect(report.verdict).toBe('fail')
    expect(finding(report, 'sustained-growth', 'heap_inuse_bytes')?.level).toBe('fail')
    for (const m of report.metrics)
      expect(m.explanation ?? '').not.toMatch(/next_gc_bytes \(the collector's goal[^)]*\) stepped/)
  })

  it('the same table without the goal: the sampled heap alone reads the late rise as growth', async () => {
    const report = await run(withoutGoal('table-late'))
    expect(finding(report, 'sustained-growth', 'heap_alloc_bytes')?.level).toBe('fail')
  })

  it('a map filling over 52 % of the run: the spans in use hold a rising floor while the goal stepped once', async () => {
    // 3 KiB entries, 100 s sampled every 0.7 s: heap_inuse_bytes' floor rose +28.7 MiB (p = 0.009)
    const report = await run(join(fixtures, 'cache-floor'))
    expect(report.verdict).toBe('pass')
    const inuse = report.metrics.find((m) => m.kind === 'series' && m.metric === 'heap_inuse_bytes')
    expect(inuse?.explanation).toMatch(
      /GC floor rises .*; but next_gc_bytes \(the collector's goal/
    )
  })

  it('the same map without the goal: the rising floor fails', async () => {
    const report = await run(withoutGoal('cache-floor'))
    expect(finding(report, 'rising-floor', 'heap_inuse_bytes')?.level).toBe('fail')
  })

  it('a healthy run: the goal is flat after warm-up and nothing fails or warns', async () => {
    const report = await run(join(fixtures, 'healthy'))
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
  })
})

describe('goroutines per unit of work (--fanout 8), recorded over 87 s', () => {
  it('a goroutine count back at its floor between units is no restart: the heap and RSS beside it show none', async () => {
    const report = await run(join(fixtures, 'fanout'))
    expect(report.verdict).toBe('pass')
    const goroutines = report.metrics.find((m) => m.metric === 'goroutines')
    expect(goroutines?.status).toBe('ok')
    // the count falls from 5-9 to 2 (the main and the sampler goroutines) three times
    expect(goroutines?.explanation).toContain('(5 → 2)')
    expect(goroutines?.explanation).toContain('no restart')
    expect(goroutines?.explanation).not.toContain('a restart')
  })
})

describe('64 MiB allocation bursts every 5 s with GODEBUG=madvdontneed=0, recorded over 57 s', () => {
  it('the goal is flat between bursts: a suggestive heap floor is not confirmed by RSS that stays resident', async () => {
    const report = await run(join(fixtures, 'burst-madv-free'))
    // the heap floor's rise (p = 0.06) and RSS's +4.6 MiB step as Sys grew were read as one leak
    expect(finding(report, 'rising-floor', 'heap_alloc_bytes')).toBeUndefined()
    expect(finding(report, 'sustained-growth', 'heap_alloc_bytes')).toBeUndefined()
    expect(report.verdict).toBe('pass')
  })

  it('the same run without the goal: nothing says the live heap stayed flat, and RSS confirms the floor', async () => {
    const report = await run(withoutGoal('burst-madv-free'))
    expect(report.verdict).toBe('fail')
    expect(finding(report, 'rising-floor', 'heap_inuse_bytes')?.message).toContain('rss_bytes')
  })
})

describe('GOGC=off with GOMEMLIMIT=96MiB: the goal is set by the limit, not by the live heap', () => {
  it('1 KiB kept per unit for 71 s: the goal never moves, so RSS at the limit does not explain what runtime.GC() kept', async () => {
    const report = await run(join(fixtures, 'limit-leak'))
    const kept = finding(report, 'retained-after-load', 'heap_alloc_bytes')
    // +14.3 MiB kept between the snapshots; the goal moved by less than half of it
    expect(kept?.level).toBe('warn')
    expect(kept?.message).toContain('memory limit')
    expect(kept?.message).toContain('GODEBUG=gctrace=1')
    // RSS's floor rose in one stretch as the scavenger returned less: no table loaded once
    const healthy = report.healthy.find(
      (h) => h.startsWith('heap_alloc_bytes') && /after load/.test(h)
    )
    expect(healthy).toBeUndefined()
    expect(report.verdict).not.toBe('pass')
  })

  it('a map filling until 40 % of the run under the same limit looks the same: a warning, never a pass for a step in RSS', async () => {
    const report = await run(join(fixtures, 'limit-cache'))
    const kept = finding(report, 'retained-after-load', 'heap_alloc_bytes')
    expect(kept?.level).toBe('warn')
    expect(kept?.message).toContain('memory limit')
    expect(report.verdict).not.toBe('fail')
  })

  it('a goal that followed a cache filling before the steady window (GOGC=50, no limit) is not taken for a limit', async () => {
    // the map fills until 60 % of the run; a 70 % warm-up leaves the goal flat in the window only
    const root = makeTempDir('go-goal-warm')
    for (const file of ['memory.csv', 'baseline.json', 'post-test.json'])
      copyFileSync(join(fixtures, 'cache-fill', file), join(root, file))
    const config = readFileSync(join(fixtures, 'cache-fill', 'leak-gate.yml'), 'utf8')
    expect(config).toMatch(/^warmup: 20%$/m)
    writeFileSync(join(root, 'leak-gate.yml'), config.replace(/^warmup: 20%$/m, 'warmup: 70%'))
    const report = await run(root)
    expect(report.findings.filter((f) => f.message.includes('memory limit'))).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('a goal that follows the live heap (GOGC=100) is not taken for a limit: the 256 B leak still fails', async () => {
    const report = await run(join(fixtures, 'slow-leak'))
    const kept = finding(report, 'retained-after-load', 'heap_alloc_bytes')
    expect(kept?.level).toBe('fail')
    expect(kept?.message).not.toContain('memory limit')
  })
})

describe('the same limit with GODEBUG=gctrace=1 saved from stderr: the heap each cycle left live', () => {
  it('512 B kept per unit: the trace climbs 16 → 25 MB over 26 cycles, so what runtime.GC() kept fails', async () => {
    const report = await run(join(fixtures, 'limit-leak-gctrace'))
    expect(report.verdict).toBe('fail')
    expect(finding(report, 'rising-floor', 'heap_after_gc')?.level).toBe('fail')
    const kept = finding(report, 'retained-after-load', 'heap_alloc_bytes')
    expect(kept?.level).toBe('fail')
    expect(kept?.message).toContain('heap_after_gc')
    expect(kept?.message).toContain('memory limit')
    // the headline names the trace's own metric under its file, then what the snapshot kept
    // under the snapshot's: never heap_alloc_bytes (post-test.json's) under gctrace.log
    expect(report.presentation?.headline.sentence).toMatch(
      /^gctrace\.log: heap_after_gc grows \+[\d.]+ MiB over the \d+ s measured, p < 0\.001; post-test\.json: heap_alloc_bytes kept \+\d+ B per unit after a forced collection\.$/
    )
    // so does the leaks table's cost cell, in the row named gctrace.log (the PR comment, HTML, text)
    const [row] = report.presentation!.leaks
    expect(row.unit).toBe('gctrace.log')
    expect(describeRowCost(row)).toMatch(
      /^post-test\.json: heap_alloc_bytes \+\d+ B per unit kept after a forced collection$/
    )
  })

  it('a map filling until 40 % of the run: the trace levels off, so what runtime.GC() kept passes', async () => {
    const report = await run(join(fixtures, 'limit-cache-gctrace'))
    expect(report.verdict).toBe('pass')
    const line = report.healthy.find(
      (h) => h.startsWith('heap_alloc_bytes') && /after load/.test(h)
    )
    expect(line).toContain('heap_after_gc')
    expect(line).toContain('memory limit')
  })

  it("another run's trace vouches for nothing: run-1 without one still warns beside run-2's", async () => {
    const root = makeTempDir('go-limit-runs')
    const copy = (from: string, to: string, files: string[]) => {
      mkdirSync(join(root, to))
      for (const file of files) copyFileSync(join(fixtures, from, file), join(root, to, file))
    }
    const snapshots = ['memory.csv', 'baseline.json', 'post-test.json']
    copy('limit-cache', 'run-1', snapshots)
    copy('limit-cache-gctrace', 'run-2', [...snapshots, 'gctrace.log'])
    const report = await run(root)
    const kept = report.findings.filter(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heap_alloc_bytes'
    )
    expect(kept.map((f) => [f.source, f.level])).toEqual([['run-1/post-test.json', 'warn']])
  })

  it("a Java service's GC log beside it vouches for nothing: the 1 KiB leak still warns", async () => {
    const root = makeTempDir('go-limit-jvm')
    for (const file of ['memory.csv', 'baseline.json', 'post-test.json'])
      copyFileSync(join(fixtures, 'limit-leak', file), join(root, file))
    // a flat HotSpot unified log (another runtime, another process), listed like the Go files
    copyFileSync(
      '__fixtures__/pipeline/after-gc-readings/unified-flat-24/gc.log',
      join(root, 'gc.log')
    )
    const config = readFileSync(join(fixtures, 'limit-leak', 'leak-gate.yml'), 'utf8')
    expect(config).toContain('\nsnapshots:')
    writeFileSync(
      join(root, 'leak-gate.yml'),
      config.replace('\nsnapshots:', '\n  - file: gc.log\nsnapshots:')
    )
    const report = await run(root)
    expect(
      report.healthy.find((h) => /heap_after_gc \(the heap each cycle left live/.test(h))
    ).toBeUndefined()
    const kept = finding(report, 'retained-after-load', 'heap_alloc_bytes')
    expect(kept?.level).toBe('warn')
    expect(kept?.message).toContain('GODEBUG=gctrace=1')
    expect(report.verdict).toBe('warn')
  })
})

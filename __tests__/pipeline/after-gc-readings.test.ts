/**
 * GC logs read with no config are the heap right after each pause: every
 * reading is a floor, judged on its own readings (no window minima of
 * minima). Fixtures in __fixtures__/pipeline/after-gc-readings are own lines
 * in the shapes HotSpot writes: JDK 8 Parallel (`-XX:+PrintGCDateStamps`),
 * JDK 8 CMS/ParNew (uptime stamps), unified `-Xlog:gc` (G1, uptime), a pause
 * every 10.5 s over a 200 MiB heap with noise of 10–60 MiB between pauses.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { MAX_OWN_POINTS } from '../../src/analyze/series-analysis.js'

afterAll(() => removeTempDirs())

const DIR = '__fixtures__/pipeline/after-gc-readings'
const MiB = 1024 ** 2

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `${DIR}/${name}`,
    workspace: `${DIR}/${name}`,
    now: new Date('2026-12-07T00:00:00Z')
  })

const heapOf = (report: Report): SeriesAnalysis =>
  report.metrics.find(
    (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'heap_after_gc'
  )!

const JDK8 = 'JVM GC log (JDK 8, -XX:+PrintGCDetails): heap_after_gc'
const UNIFIED = 'JVM unified GC log: heap_after_gc'

describe('the heap after each pause climbing steadily: a leak, however few the pauses', () => {
  it.each([
    // the case that passed on window minima (floor p = 0.06): +100 MiB over 24 pauses, 60 MiB noise
    ['ps-leak-24', JDK8, 24],
    ['ps-leak-30', JDK8, 30],
    ['cms-leak-12', JDK8, 12],
    ['unified-leak-15', UNIFIED, 15],
    ['unified-leak-60', UNIFIED, 60],
    // JDK 8 G1: a pause over several lines, the Heap: line closing each read (sizes in M, K, B)
    ['g1-jdk8-leak-30', 'JVM GC log (JDK 8, -XX:+PrintGCDetails) (G1): heap_after_gc', 30]
  ])('%s (%s, %i pauses)', async (name, how, pauses) => {
    const report = await run(name)
    expect(report.errors).toEqual([])
    expect(report.inputs.map((i) => i.note ?? '').join('\n')).toContain(how)
    const heap = heapOf(report)
    expect(heap.samples).toBe(pauses)
    const steady = pauses - heap.warmupPoints
    // up to MAX_OWN_POINTS steady readings, tested on every one, not on buckets or window minima
    const own = steady <= MAX_OWN_POINTS
    expect(heap.reduced).toBe(!own)
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => [f.signature, f.level])).toEqual(
      expect.arrayContaining([
        ['sustained-growth', 'fail'],
        ['rising-floor', 'fail']
      ])
    )
    const floor = report.findings.find((f) => f.signature === 'rising-floor')!
    if (own) expect(floor.evidence.floorWindows).toBe(steady)
    else expect(floor.evidence.floorWindows).toBeLessThan(steady)
    expect(floor.message).toContain('memory survives collection')
  })
})

describe('the heap after each pause that levels or steps once, or stays flat: no finding', () => {
  it.each([
    // a cache filling +100 MiB over the first tenth of the pauses (time constant), then flat
    ['ps-fill-60', JDK8, 60],
    ['cms-fill-30', JDK8, 30],
    ['unified-fill-24', UNIFIED, 24],
    // a table of 60 MiB loaded once, half-way
    ['ps-step-24', JDK8, 24],
    ['cms-step-12', JDK8, 12],
    ['unified-step-60', UNIFIED, 60],
    ['ps-flat-12', JDK8, 12],
    ['unified-flat-24', UNIFIED, 24],
    ['cms-flat-60', JDK8, 60]
  ])('%s (%s, %i pauses)', async (name, how, pauses) => {
    const report = await run(name)
    expect(report.errors).toEqual([])
    expect(report.inputs.map((i) => i.note ?? '').join('\n')).toContain(how)
    const heap = heapOf(report)
    expect(heap.samples).toBe(pauses)
    expect(heap.lastValue).toBeGreaterThan(150 * MiB)
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
  })
})

describe('full collections that leave the old generation full', () => {
  it('fails oom-risk with the numbers, whatever the trend (JDK 8 Parallel, 14 flat young pauses, 3 full)', async () => {
    const report = await run('ps-exhausted')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings.map((f) => [f.signature, f.level, f.metric])).toEqual([
      ['oom-risk', 'fail', 'heap_after_gc']
    ])
    const [finding] = report.findings
    expect(finding.message).toBe(
      'old generation (ParOldGen) still 99.98% full after 3 consecutive full collections (gc.log:15–19: 683 MiB of 683 MiB after the last), each freeing at most 300 KiB: the collector finds nothing to free, an OutOfMemoryError is imminent whatever the trend'
    )
    expect(finding.evidence).toMatchObject({
      space: 'ParOldGen',
      fullCollections: 3,
      capacityBytes: 699392 * 1024,
      afterBytes: 699300 * 1024
    })
  })

  it('is turned off with `oom-risk: off` for the metric, as any oom-risk', async () => {
    const configPath = join(makeTempDir('exhausted-off'), 'leak-gate.yml')
    writeFileSync(
      configPath,
      'series:\n  - file: gc.log\nchecks:\n  heap_after_gc:\n    oom-risk: off\n'
    )
    const root = `${DIR}/ps-exhausted`
    const report = await runPipeline({ root, workspace: root, configPath, configAnywhere: true })
    expect(report.errors).toEqual([])
    expect(report.findings.filter((f) => f.signature === 'oom-risk')).toEqual([])
    expect(report.verdict).toBe('pass')
  })
})

/**
 * A runtime's own count of its collections, scraped beside the memory it judges, read as a
 * witness the way a Python worker's `gen2` column is: `python_gc_collections_total{generation="2"}`
 * (the python client) and a JVM's major pauses (Micrometer's `jvm_gc_pause_seconds_count`,
 * client_java's `jvm_gc_collection_seconds_count`). Never judged nor listed themselves.
 * - A live count every full collection brought back to its floor is the collector's backlog
 *   (the Python worker's checkpoints of __fixtures__/pipeline/collections-in-view, as a
 *   Prometheus client exposes them, with the scrape times).
 * - A heap that never falls within its committed room warns "no collection in view"; a counter
 *   of old-generation collections that moved in the window proves one ran: judged as usual.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { countsOlderCollections } from '../../src/analyze/collections-in-view.js'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { prometheusCollectionsSpec } from '../../src/plan/collections-witness.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const NOW = new Date('2026-11-25T00:00:00Z')
afterAll(removeTempDirs)

const judge = (dir: string): Promise<Report> => runPipeline({ root: dir, workspace: dir, now: NOW })

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
}

describe('which series count collections of the older generations', () => {
  it.each([
    'gen2',
    'python_gc_collections_total{generation="2"}',
    'jvm_gc_pause_seconds_count{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation"}',
    'jvm_gc_collection_seconds_count{gc="G1 Old Generation"}',
    'jvm_gc_collection_seconds_count{gc="PS MarkSweep"}'
  ])('%s does', (metric) => expect(countsOlderCollections(metric)).toBe(true))

  it.each([
    'python_gc_collections_total{generation="0"}',
    'python_gc_objects_collected_total{generation="2"}',
    'jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"}',
    'jvm_gc_collection_seconds_count{gc="G1 Young Generation"}',
    'jvm_gc_pause_seconds_sum{action="end of major GC",gc="G1 Old Generation"}'
  ])('%s does not', (metric) => expect(countsOlderCollections(metric)).toBe(false))
})

/**
 * The worker's checkpoints (broker_stats.csv) as its Prometheus client exposes them: `brokers_live`,
 * and `python_gc_collections_total` per generation (generation 2 counting each change of `gen2`).
 */
function pythonScrapes(fixture: string, counters = true): string {
  const rows = readFileSync(
    `__fixtures__/pipeline/collections-in-view/${fixture}/broker_stats.csv`,
    'utf8'
  )
    .trimEnd()
    .split('\n')
  const header = rows[0].split(',')
  const col = (name: string) => header.indexOf(name)
  const lines: string[] = []
  let full = 0
  let previous: string | undefined
  for (const row of rows.slice(1)) {
    const cells = row.split(',')
    const time = Date.parse(cells[col('timestamp')])
    const gen2 = cells[col('gen2')]
    if (previous !== undefined && gen2 !== previous) full++
    previous = gen2
    lines.push(`brokers_live ${cells[col('live')]} ${time}`)
    if (!counters) continue
    lines.push(`python_gc_collections_total{generation="0"} ${cells[col('archives')]} ${time}`)
    lines.push(`python_gc_collections_total{generation="2"} ${full} ${time}`)
  }
  return `${lines.join('\n')}\n`
}

const PYTHON_CONFIG =
  'series:\n  - file: metrics.prom\n    format: prometheus\n    metrics:\n      brokers_live: live\n'

describe('python_gc_collections_total{generation="2"} beside a live count', () => {
  it('a climb every full collection brought back to its floor is backlog (pass, saying so)', async () => {
    const dir = makeTempDir('py-prom-backlog')
    write(dir, { 'metrics.prom': pythonScrapes('backlog'), 'leak-gate.yml': PYTHON_CONFIG })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /brokers_live rises .* but each of the 3 collections of the older generations in view \(python_gc_collections_total\{generation="2"\} changed 3 times\) left it at 4 or less/
    )
    expect(report.metrics.map((m) => m.metric)).toEqual(['brokers_live'])
  })

  it('the same climb with no counter scraped fails (what the counter tells)', async () => {
    const dir = makeTempDir('py-prom-none')
    write(dir, { 'metrics.prom': pythonScrapes('backlog', false), 'leak-gate.yml': PYTHON_CONFIG })
    expect((await judge(dir)).verdict).toBe('fail')
  })

  it('a count each collection leaves higher fails', async () => {
    const dir = makeTempDir('py-prom-kept')
    write(dir, { 'metrics.prom': pythonScrapes('kept'), 'leak-gate.yml': PYTHON_CONFIG })
    const report = await judge(dir)
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'brokers_live' && f.level === 'fail')).toBe(
      true
    )
  })
})

/**
 * Micrometer's scrapes of a JVM, one a second for 40 s: the old generation's used bytes climbing
 * 0.75 MiB a second and never falling, 256 MiB committed; young pauses every scrape, and major
 * pauses counted as `major` says (a count at each scrape).
 */
function micrometerScrapes(
  major: (i: number) => number,
  startupCause = false,
  /** Label sets of other instances after it, each a minor and a major count (a fleet's file). */
  others = 0
): string {
  const MiB = 2 ** 20
  const start = Date.parse('2026-11-20T09:00:00Z')
  const lines: string[] = []
  for (let i = 0; i < 40; i++) {
    const t = start + i * 1000
    lines.push(
      `jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} ${100 * MiB + i * 0.75 * MiB} ${t}`,
      `jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} ${256 * MiB} ${t}`,
      `jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} ${3 * i} ${t}`,
      // a cause that ran once at start-up, scraped before the one that moves
      ...(startupCause
        ? [
            `jvm_gc_pause_seconds_count{action="end of major GC",cause="Metadata GC Threshold",gc="G1 Old Generation"} 1 ${t}`
          ]
        : []),
      `jvm_gc_pause_seconds_count{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation"} ${major(i)} ${t}`,
      ...Array.from({ length: others }, (_, k) => [
        `jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation",instance="app-${k}"} ${5 * i} ${t}`,
        `jvm_gc_pause_seconds_count{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation",instance="app-${k}"} 1 ${t}`
      ]).flat()
    )
  }
  return `${lines.join('\n')}\n`
}

const used = (report: Report) =>
  report.findings.filter((f) => f.metric.startsWith('jvm_memory_used_bytes'))

describe('a JVM heap with no collection in view, beside its pause counts', () => {
  it('young pauses only: no old-generation collection in view, a warning', async () => {
    const dir = makeTempDir('jvm-prom-minor')
    write(dir, { 'metrics.prom': micrometerScrapes(() => 0) })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(used(report).every((f) => f.evidence.noCollectionInView === true)).toBe(true)
  })

  it('major pauses counted in the window: a collection ran and the heap never fell, a leak', async () => {
    const dir = makeTempDir('jvm-prom-major')
    write(dir, { 'metrics.prom': micrometerScrapes((i) => Math.floor(i / 12)) })
    const report = await judge(dir)
    expect(report.verdict).toBe('fail')
    expect(used(report).length).toBeGreaterThan(0)
    expect(used(report).every((f) => f.level === 'fail' && !f.evidence.noCollectionInView)).toBe(
      true
    )
    const trend = used(report).find((f) => f.signature === 'sustained-growth')!
    expect(trend.evidence.collectionsCounted).toBe(true)
    expect(trend.message).toMatch(
      /it never falls over 3\d s, yet jvm_gc_pause_seconds_count\{action="end of major GC",.*\} \(the collector's count of its older collections, same process\) moved 3 times in the window: collections ran and what it holds survived them/
    )
    // the counters are witnesses: never judged nor listed
    expect(report.metrics.some((m) => m.metric.startsWith('jvm_gc_pause'))).toBe(false)
  })
})

describe('major pauses counted per cause', () => {
  it('a cause that moved in the window counts, whichever cause is scraped first: a leak', async () => {
    const dir = makeTempDir('jvm-prom-causes')
    write(dir, { 'metrics.prom': micrometerScrapes((i) => Math.floor(i / 12), true) })
    const report = await judge(dir)
    expect(report.verdict).toBe('fail')
    const trend = used(report).find((f) => f.signature === 'sustained-growth')!
    expect(trend.level).toBe('fail')
    expect(trend.evidence.collectionsCounted).toBe(true)
    expect(trend.message).toMatch(/cause="G1 Compaction Pause".*moved 3 times in the window/)
  })
})

describe('a file of many label sets of counters', () => {
  it('reads its own and at most 64 of the others, says so, finds the one that moved, and judges none of them', async () => {
    const dir = makeTempDir('jvm-prom-many')
    write(dir, { 'metrics.prom': micrometerScrapes((i) => Math.floor(i / 12), false, 200) })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const trend = used(report).find((f) => f.signature === 'sustained-growth')!
    expect(trend.evidence.collectionsCounted).toBe(true)
    expect(report.notes).toContain(
      "collection counters of older generations in metrics.prom past a cap: each judged process's own counters (at most 8 a process, 1024 in all), then the first 64 whose labels may be a judged process's read, the others left out"
    )
    expect(report.metrics.some((m) => m.metric.startsWith('jvm_gc_pause'))).toBe(false)
    expect(report.findings.some((f) => f.metric.startsWith('jvm_gc_pause'))).toBe(false)
  })
})

describe('when a Prometheus file is read again for its collection counters', () => {
  const spec = { file: 'metrics.prom' }
  const head = readFileSync('__fixtures__/load/samples/micrometer-jvm-1.13plus.prom', 'utf8')

  it('only beside memory or a live count, when its first scrape names a counter family', () => {
    const memory = [{ kind: 'memory' }]
    expect(prometheusCollectionsSpec(spec, memory, head)?.metrics).toMatchObject({
      jvm_gc_pause_seconds_count: 'count',
      python_gc_collections_total: 'count'
    })
    expect(prometheusCollectionsSpec(spec, [{ kind: 'count' }], head)).toBeNull()
    expect(
      prometheusCollectionsSpec(spec, memory, 'process_resident_memory_bytes 1.2e8\n')
    ).toBeNull()
  })

  it('never when the config lists a counter family itself (judged as listed)', () => {
    const listed = { ...spec, metrics: { jvm_gc_pause_seconds_count: 'count' as const } }
    expect(prometheusCollectionsSpec(listed, [{ kind: 'memory' }], head)).toBeNull()
  })
})

/**
 * One scrape file of 100 pods (Micrometer, a scrape a second for 40 s), every pod's major-pause
 * counter written before any pod's memory. Pod `leaking`'s old generation climbs 0.75 MiB a
 * second and never falls while its major pauses move; the other pods' heaps are flat, their
 * counters still.
 */
function fleetScrapes(pods: number, leaking: number, majorMoves = true): string {
  const MiB = 2 ** 20
  const start = Date.parse('2026-11-20T09:00:00Z')
  const lines: string[] = []
  const pod = (k: number) => `pod="web-${k}"`
  for (let i = 0; i < 40; i++) {
    const t = start + i * 1000
    for (let k = 0; k < pods; k++)
      lines.push(
        `jvm_gc_pause_seconds_count{action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation",${pod(k)}} ${k === leaking && majorMoves ? Math.floor(i / 12) : 1} ${t}`
      )
    for (let k = 0; k < pods; k++)
      lines.push(
        `jvm_memory_used_bytes{area="heap",id="G1 Old Gen",${pod(k)}} ${k === leaking ? 100 * MiB + i * 0.75 * MiB : 100 * MiB + (i % 2) * 64 * 1024} ${t}`,
        `jvm_memory_committed_bytes{area="heap",id="G1 Old Gen",${pod(k)}} ${256 * MiB} ${t}`
      )
  }
  return `${lines.join('\n')}\n`
}

describe('a scrape of 100 pods: each pod is vouched for by its own counter', () => {
  const leakingUsed = (report: Report) =>
    used(report).filter((f) => f.metric.includes('pod="web-97"'))

  it('the 98th pod in file order: its own major pauses moved, a leak (file order kept only the first 64)', async () => {
    const dir = makeTempDir('jvm-prom-fleet')
    write(dir, { 'metrics.prom': fleetScrapes(100, 97) })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const trend = leakingUsed(report).find((f) => f.signature === 'sustained-growth')!
    expect(trend.level).toBe('fail')
    expect(trend.evidence.collectionsCounted).toBe(true)
    expect(trend.message).toMatch(
      /gc="G1 Old Generation",pod="web-97"\} \(the collector's count of its older collections, same process\) moved 3 times/
    )
    expect(report.notes.some((n) => n.includes('left out'))).toBe(false)
  })

  it("another pod's moving counter never vouches for it: with its own still, no collection in view", async () => {
    // pod 3's counter moves, pod 97 (the climbing heap) has its own, still
    const text = fleetScrapes(100, 97, false).replace(
      /(pod="web-3"\}) 1 (\d+)/g,
      (_, head: string, t: string) =>
        `${head} ${Math.floor((Number(t) - Date.parse('2026-11-20T09:00:00Z')) / 12000)} ${t}`
    )
    const dir = makeTempDir('jvm-prom-fleet-other')
    write(dir, { 'metrics.prom': text })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(leakingUsed(report).length).toBeGreaterThan(0)
    expect(
      leakingUsed(report).every((f) => f.level === 'warn' && f.evidence.noCollectionInView === true)
    ).toBe(true)
  })
})

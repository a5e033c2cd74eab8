/**
 * A JVM's RSS climbing while the heap it committed stays flat: G1 spreads its regions over the
 * committed heap, and Linux backs a committed page only when it is first written, so RSS rises
 * towards the committed size as a cache fills and the young generation grows into it. That is
 * explained (a healthy line) only within what it can add: the committed heap the heap had not
 * used before the window, and twice the new highs the heap's use reached in it; and only with the
 * committed heap and what the JVM measures outside it (non-heap, direct buffers) flat.
 * The CSV is what examples/jvm-worker writes (one row a second, 60 s).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const NOW = new Date('2026-12-07T00:00:00Z')
afterAll(removeTempDirs)
const MiB = 2 ** 20
const START = Date.parse('2026-12-06T01:32:23Z')

interface Shape {
  /** Peaks of the heap's sawtooth grow with the young generation (false: they stay at 36 MiB). */
  peaksRise?: boolean
  /** MiB the non-heap area adds over the run (class metadata kept by a class-loader leak). */
  nonHeapAdds?: number
  /** MiB the committed heap adds over the run. */
  committedAdds?: number
  /** MiB RSS adds over the run. */
  rssAdds?: number
  /** The cache fills in the first 20 s and the young generation stops growing at 24 s: the heap's new highs all come early. */
  earlyPeaks?: boolean
  /** Share of the run after which RSS stays where it got (G1 touched fresh regions, then stopped). */
  rssLevelsAt?: number
}

/** A cache filling (floor 12 → 24 MiB, levelling off) under a sawtooth; RSS rising linearly. */
function jvmCsv(shape: Shape = {}): string {
  const { peaksRise = true, nonHeapAdds = 0.2, committedAdds = 0, rssAdds = 17 } = shape
  const tau = shape.earlyPeaks ? 5 : 12
  const rssShare = (f: number): number => Math.min(f / (shape.rssLevelsAt ?? 1), 1)
  const rows = [
    'timestamp,units,heap_used_bytes,heap_after_gc_bytes,heap_committed_bytes,nonheap_used_bytes,metaspace_used_bytes,direct_used_bytes,classes_loaded,rss_bytes'
  ]
  let floor = 12
  for (let t = 0; t < 60; t++) {
    const f = t / 59
    const sinceGc = t % 4
    if (sinceGc === 0) floor = 12 + 12 * (1 - Math.exp(-t / tau))
    // peaks put: the young generation shrinks as the cache grows, its peaks at 36 MiB from the start
    const amplitude = shape.earlyPeaks
      ? Math.min(6 + 15 * f, 12)
      : peaksRise
        ? 6 + 6 * f
        : 36 - floor
    const used = floor + (amplitude * (sinceGc + 1)) / 4
    const wobble = ((t * 7919) % 13) / 13 - 0.5
    rows.push(
      [
        new Date(START + t * 1000).toISOString(),
        t * 250,
        Math.round(used * MiB),
        Math.round(floor * MiB),
        Math.round((45 + committedAdds * f) * MiB),
        Math.round((18.5 + nonHeapAdds * f) * MiB),
        Math.round(11.6 * MiB),
        16384,
        2868,
        Math.round((100 + rssAdds * rssShare(f) + 0.3 * wobble) * MiB)
      ].join(',')
    )
  }
  return `${rows.join('\n')}\n`
}

async function judge(shape?: Shape): Promise<Report> {
  const dir = makeTempDir('jvm-committed')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'memory.csv'), jvmCsv(shape))
  return runPipeline({ root: dir, workspace: dir, now: NOW })
}

const rss = (report: Report) => report.findings.filter((f) => f.metric === 'rss_bytes')

describe('RSS rising under a flat committed heap', () => {
  it('as the heap reaches new highs: pages touched for the first time, a pass saying so', async () => {
    const report = await judge()
    expect(report.errors).toEqual([])
    expect(rss(report)).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss_bytes .*but heap_committed_bytes \(the heap the JVM committed\) stayed at 45 MiB and nonheap_used_bytes, metaspace_used_bytes, direct_used_bytes flat over the same time: pages of the committed heap touched for the first time as heap_used_bytes reached new highs/
    )
  })

  it("with the heap's peaks where they were, nothing new was touched: not explained (a warning)", async () => {
    const report = await judge({ peaksRise: false })
    expect(rss(report).length).toBeGreaterThan(0)
    expect(report.healthy.join('\n')).not.toMatch(/touched for the first time/)
  })

  it('RSS still climbing long after the heap reached its last new high (a native leak): not explained', async () => {
    // the heap's highs rise to 36 MiB by 24 s and stay there; RSS keeps its pace to the end
    const report = await judge({ earlyPeaks: true })
    expect(report.healthy.join('\n')).not.toMatch(/touched for the first time/)
    expect(rss(report).length).toBeGreaterThan(0)
  })

  it('the same early highs with RSS levelled off before the end: no finding on RSS', async () => {
    const report = await judge({ earlyPeaks: true, rssAdds: 14, rssLevelsAt: 0.8 })
    expect(report.errors).toEqual([])
    expect(rss(report)).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('more than twice the new highs: not explained', async () => {
    const report = await judge({ rssAdds: 40 })
    expect(rss(report).length).toBeGreaterThan(0)
    expect(report.healthy.join('\n')).not.toMatch(/touched for the first time/)
  })

  it('with the non-heap area growing (class metadata kept): not explained', async () => {
    const report = await judge({ nonHeapAdds: 5 })
    expect(report.healthy.join('\n')).not.toMatch(/touched for the first time/)
    expect(rss(report).length).toBeGreaterThan(0)
  })

  it('with the committed heap growing by about what RSS adds: pages touched, a pass saying so', async () => {
    const report = await judge({ committedAdds: 12 })
    expect(report.errors).toEqual([])
    expect(rss(report)).toEqual([])
    expect(report.healthy.join('\n')).toMatch(
      /heap_committed_bytes \(the heap the JVM committed\) grew to 57 MiB \(from 4\d.\d MiB\).*touched for the first time/
    )
  })

  it('with the committed heap growing, RSS rising past what it committed: not explained', async () => {
    const report = await judge({ committedAdds: 12, rssAdds: 40 })
    expect(report.healthy.join('\n')).not.toMatch(/touched for the first time/)
    expect(rss(report).length).toBeGreaterThan(0)
  })
})

/**
 * Recorded runs of examples/jvm-worker building a lookup table once (OpenJDK 17, G1, sampled every
 * 0.5 and 2 s): memory.csv and the snapshots after System.gc() (`__fixtures__/pipeline/jvm-committed`).
 */
describe('RSS of a recorded JVM that built a table once', () => {
  const fixtures = '__fixtures__/pipeline/jvm-committed'
  const recorded = (name: string): Promise<Report> =>
    runPipeline({ root: join(fixtures, name), workspace: join(fixtures, name), now: NOW })

  it('G1 grew the committed heap 24 → 107 MiB after a 16 MiB table: its pages, a pass', async () => {
    const report = await recorded('table-heap-grew')
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss_bytes: .*heap_committed_bytes \(the heap the JVM committed\) grew to 107 MiB \(from 24 MiB\).*touched for the first time/
    )
  })

  it('a 21.7 MiB table in old regions never used, committed heap fixed at 256 MiB: a pass', async () => {
    const report = await recorded('table-fixed-heap')
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss_bytes: .*stayed at 256 MiB.*heap_after_gc_bytes new highs \(.* → 2\d.\d MiB, the old generation reaching regions it had not used\)/
    )
  })

  it('256 B per unit from Unsafe.allocateMemory after a 36 MiB first touch, heap fixed at 256 MiB: a native leak', async () => {
    // RSS stepped +36 MiB at 35 % as the young generation touched the committed heap, then crept
    // +4.5 MiB to the end, the heap's highs within 2 MiB of where they were: no JVM metric sees it
    const report = await recorded('native-after-touch')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const finding = report.findings.find((f) => f.metric === 'rss_bytes')
    expect(finding?.signature).toBe('sustained-growth')
    expect(finding?.message).toMatch(
      /it stepped \+3\d(\.\d)? MiB once, but kept rising \+4\.\d+ MiB after the step while heap_committed_bytes \(the heap the JVM committed\) stayed at 256 MiB .*a native leak/
    )
  })
})

/**
 * A recorded run of examples/jvm-worker keeping 600 B per unit from Unsafe.allocateMemory (OpenJDK
 * 17, G1, -Xmx256m, sampled every 1.3 s for 2 min; sweep group holdout11): RSS climbs +16.5 MiB at
 * one pace through the steady window while G1 grows its committed heap +51.6 MiB only in the last
 * 5 % of the run. RSS follows the pages the heap has touched, so it cannot climb ahead of them.
 */
describe('RSS of a recorded JVM whose heap grew only at the end', () => {
  const recordedDir = '__fixtures__/pipeline/jvm-committed/native-heap-grew-late'

  it('600 B per unit of native memory climbing before the heap grew: a native leak, not heap pages', async () => {
    const report = await runPipeline({ root: recordedDir, workspace: recordedDir, now: NOW })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const finding = report.findings.find(
      (f) => f.metric === 'rss_bytes' && f.signature === 'sustained-growth'
    )
    expect(finding?.level).toBe('fail')
    expect(finding?.message).toMatch(
      /keeps its pace to the end of the run with the work: .*a native leak/
    )
    // ~600 B per unit plus the allocator's own overhead
    expect(finding?.evidence.perWork).toBeGreaterThan(600)
    expect(finding?.evidence.perWork).toBeLessThan(900)
    expect(report.healthy.join('\n')).not.toMatch(/rss_bytes: .*touched for the first time/)
  })

  it("its healthy twin (the 600 B per unit taken out of RSS) passes: the late growth is the heap's pages", async () => {
    const [head, ...rows] = readFileSync(join(recordedDir, 'memory.csv'), 'utf8').trim().split('\n')
    const names = head.split(',')
    const at = (name: string): number => names.indexOf(name)
    const out = rows.map((line) => {
      const cells = line.split(',')
      cells[at('rss_bytes')] = String(
        Number(cells[at('rss_bytes')]) - Number(cells[at('units')]) * 600
      )
      return cells.join(',')
    })
    const dir = makeTempDir('jvm-native-late-twin')
    writeFileSync(join(dir, 'memory.csv'), `${[head, ...out].join('\n')}\n`)
    for (const file of ['leak-gate.yml', 'baseline.json', 'post-test.json'])
      copyFileSync(join(recordedDir, file), join(dir, file))
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.errors).toEqual([])
    expect(report.findings.filter((f) => f.metric === 'rss_bytes')).toEqual([])
    expect(report.verdict).toBe('pass')
  })
})

/**
 * The recorded native-after-touch run with its 256 B per unit taken out again (the units column
 * says how much it had added by each row, from the step at row 27): the healthy twin, plus what a
 * healthy JVM adds after its first touch that is no creep.
 */
describe('RSS after its first touch, the native leak taken out', () => {
  const recordedDir = '__fixtures__/pipeline/jvm-committed/native-after-touch'
  const STEP_ROW = 27
  const healthyTwin = async (
    add: (row: number) => { rss: number; nonHeap: number }
  ): Promise<Report> => {
    const [head, ...rows] = readFileSync(join(recordedDir, 'memory.csv'), 'utf8').trim().split('\n')
    const names = head.split(',')
    const at = (name: string): number => names.indexOf(name)
    const stepUnits = Number(rows[STEP_ROW].split(',')[at('units')])
    const out = rows.map((line, i) => {
      const cells = line.split(',')
      const native = i >= STEP_ROW ? (Number(cells[at('units')]) - stepUnits) * 256 : 0
      const extra = add(i)
      cells[at('rss_bytes')] = String(
        Math.round(Number(cells[at('rss_bytes')]) - native + extra.rss)
      )
      cells[at('nonheap_used_bytes')] = String(
        Math.round(Number(cells[at('nonheap_used_bytes')]) + extra.nonHeap)
      )
      return cells.join(',')
    })
    const dir = makeTempDir('jvm-native-twin')
    writeFileSync(join(dir, 'memory.csv'), `${[head, ...out].join('\n')}\n`)
    for (const file of ['leak-gate.yml', 'baseline.json', 'post-test.json'])
      copyFileSync(join(recordedDir, file), join(dir, file))
    return runPipeline({ root: dir, workspace: dir, now: NOW })
  }

  it('G1 touching fresh young regions once more after the step (+5 MiB at row 50, no new high), then flat: a pass', async () => {
    const report = await healthyTwin((i) => ({ rss: i >= 50 ? 5 * MiB : 0, nonHeap: 0 }))
    expect(report.errors).toEqual([])
    expect(rss(report)).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('the code cache adding 5 MiB after the step and levelling off, RSS with it: a pass', async () => {
    // JIT warm-up: non-heap (measured) rises over the 23 rows after the step, RSS by as much
    const report = await healthyTwin((i) => {
      const added = i < STEP_ROW ? 0 : Math.min((i - STEP_ROW) / 23, 1) * 5 * MiB
      return { rss: added, nonHeap: added }
    })
    expect(report.errors).toEqual([])
    expect(rss(report)).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('the recorded 256 B per unit beside the code cache adding 1 MiB after the step: still a native leak', async () => {
    // the non-heap rise is taken off RSS where it happened, not off the creep beside it
    const report = await healthyTwin((i) => {
      const added = i < STEP_ROW ? 0 : Math.min((i - STEP_ROW) / 23, 1) * MiB
      return { rss: added + (i >= STEP_ROW ? (i - STEP_ROW) * 250 * 256 : 0), nonHeap: added }
    })
    expect(report.verdict).toBe('fail')
    expect(rss(report)[0]?.message).toMatch(
      /kept rising .*, \+\d+(\.\d+)? MiB of it at a steady pace beyond what nonheap_used_bytes, metaspace_used_bytes, direct_used_bytes measured: .*a native leak/
    )
  })
})

/**
 * System.gc() at the baseline shrinks G1's committed heap (256 → 24 MiB, pages given back), load
 * makes G1 expand it (107 MiB: RSS steps +60 MiB) and the young generation grows into it, its highs
 * 50 → 80 MiB, still under the 85 MiB it reached before the shrink; the code cache adds 2 MiB.
 */
function shrunkThenGrownCsv(): string {
  const rows = [
    'timestamp,units,heap_used_bytes,heap_after_gc_bytes,heap_committed_bytes,nonheap_used_bytes,metaspace_used_bytes,direct_used_bytes,classes_loaded,rss_bytes'
  ]
  const n = 90
  for (let t = 0; t < n; t++) {
    const f = Math.max(0, (t - 35) / (n - 1 - 35))
    const [committed, rssLevel, peak] =
      t < 15 ? [256, 170, 85] : t < 35 ? [24, 100, 16] : [107, 160 + 12 * f, 50 + 30 * f]
    const floor = 10 + ((Math.floor(t / 5) * 7) % 5) * 0.1
    const used = floor + ((peak - floor) * ((t % 5) + 1)) / 5
    const codeCache = 2 * Math.min(Math.max((t - 20) / 30, 0), 1)
    const wobble = (((t * 7919) % 13) / 13 - 0.5) * 0.3
    rows.push(
      [
        new Date(START + t * 1000).toISOString(),
        t * 250,
        Math.round(used * MiB),
        Math.round(floor * MiB),
        committed * MiB,
        Math.round((19 + (0.3 * t) / n + codeCache) * MiB),
        12 * MiB,
        16384,
        2869,
        Math.round((rssLevel + wobble) * MiB)
      ].join(',')
    )
  }
  return `${rows.join('\n')}\n`
}

describe('RSS after a step under a committed heap that had shrunk', () => {
  it("the young generation's new highs since the shrink touch fresh pages: no creep, a pass", async () => {
    const dir = makeTempDir('jvm-shrunk')
    writeFileSync(join(dir, 'memory.csv'), shrunkThenGrownCsv())
    const yml = readFileSync(
      '__fixtures__/pipeline/jvm-committed/native-after-touch/leak-gate.yml',
      'utf8'
    ).replace(/^snapshots:[\s\S]*$/m, '')
    writeFileSync(join(dir, 'leak-gate.yml'), yml)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.errors).toEqual([])
    expect(rss(report)).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).not.toMatch(/reached 0 B of new highs/)
  })
})

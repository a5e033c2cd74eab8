/**
 * A bounded cache in a short run: evicted entries (promoted before they were
 * evicted) pile up in the old generation, and with no major collection after
 * the fill heapUsed, RSS and container usage climb to the end of the run. The
 * forced collection before the post-test snapshot tells garbage from a leak:
 * it frees the climb of a cache and keeps the climb of a leak. The real run in
 * examples/cache-fill-short passes; the same samples with a post-test heap that
 * kept the climb (what a leak leaves) fail.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { majorCollections } from '../../src/stats/major-collections.js'
import { addLinearLeak, editPostTest, runEdited } from '../helpers/edited-run.js'

const example = 'examples/cache-fill-short/artifacts'
const now = new Date('2026-11-25T00:00:00Z')

/** The example with its post-test heapUsed replaced. */
async function withPostHeap(heapUsed: (post: number) => number) {
  return runEdited(
    example,
    (dir) =>
      editPostTest(dir, (post) => {
        post.heapUsed = heapUsed(post.heapUsed)
      }),
    now
  )
}

/** Highest heapUsed at a local minimum of the run: where the in-run floor peaked. */
function peakFloor(): number {
  const rows = readFileSync(join(example, 'memory.csv'), 'utf8').trim().split('\n')
  const header = rows[0].split(',')
  const column = header.indexOf('heapUsed')
  const values = rows.slice(1).map((row) => Number(row.split(',')[column]))
  let peak = 0
  for (let i = 1; i < values.length - 1; i++)
    if (values[i] <= values[i - 1] && values[i] <= values[i + 1]) peak = Math.max(peak, values[i])
  return peak
}

describe('old-generation garbage in a short run', () => {
  it('a cache whose climb the forced collection frees passes, and every memory series says why', async () => {
    const report = await runPipeline({ root: example, workspace: example, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(
      /heapUsed: .*heapUsed's floor climbed \+[\d.]+ MiB and the forced collection before the post-test snapshot \(post-test\.json\) freed [\d.]+ MiB of it \([\d.]+ MiB left\), with no major collection in the steady part: old-generation garbage/
    )
    // RSS and container usage rose with the heap's high-water mark: the pages of that garbage
    expect(healthy).toMatch(/rss: .*but it rose [\d.]+ MiB with heapUsed's high-water mark/)
    expect(healthy).toMatch(
      /MemUsage\[cache-fill-web-1\]: .*but it rose [\d.]+ MiB with heapUsed's high-water mark/
    )
  })

  it('the same samples fail when the forced collection kept the climb (a leak keeps what it adds)', async () => {
    const report = await withPostHeap(() => peakFloor())
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail')
    // the heap kept ~18 MiB through the forced collection, and RSS rose with it
    expect(
      failing.some((f) => f.metric === 'heapUsed' && f.signature === 'retained-after-load')
    ).toBe(true)
    expect(failing.some((f) => f.metric === 'rss' && f.signature === 'sustained-growth')).toBe(true)
    expect(report.healthy.join('\n')).not.toMatch(/old-generation garbage|high-water mark/)
  })

  it('freeing less than half of the climb is not enough', async () => {
    const peak = peakFloor()
    const report = await withPostHeap((post) => peak - 0.4 * (peak - post))
    expect(report.verdict).toBe('fail')
  })
})

/**
 * A cache that filled over 57 % of a short run, with one major collection after the fill
 * (examples/cache-fill-collected): the floor climbs on with evicted entries after it, and the
 * forced collection frees less than half of the climb, yet the post-test heap is below the
 * floor that major collection left. The heap filled and stopped; a leak keeps adding after it.
 */
describe('a heap that filled and stopped, told by its last major collection', () => {
  const collected = 'examples/cache-fill-collected/artifacts'

  async function withPost(heapUsed: number | null) {
    return runEdited(
      collected,
      (dir) => {
        if (heapUsed !== null)
          editPostTest(dir, (post) => {
            post.heapUsed = heapUsed
          })
      },
      now
    )
  }

  /** The lowest heapUsed of the run's last 8 samples (2 s): the floor a leak keeps to the end. */
  function endFloor(): number {
    const rows = readFileSync(join(collected, 'memory.csv'), 'utf8').trim().split('\n')
    const column = rows[0].split(',').indexOf('heapUsed')
    const values = rows.slice(1).map((row) => Number(row.split(',')[column]))
    return Math.min(...values.slice(-8))
  }

  it('no trend finding: the heap, RSS and container usage say the cache filled and stopped', async () => {
    const report = await withPost(null)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.map((f) => `${f.level} ${f.signature} ${f.metric}`)).toEqual([
      'warn retained-after-load heapUsed'
    ])
    const retained = report.findings[0].message
    expect(retained).toMatch(
      /it looks bounded: .*no more than the floor the last major collection left/
    )
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(
      /heapUsed: .*holds [\d.]+ MiB: no more than the floor the last major collection left [\d.]+ s into the run .*where a leak at its pace over the run would have added [\d.]+ MiB: it filled and stopped/
    )
    // RSS and container usage stopped with the cache: flat over the window's last fifth (said by
    // that, or by their rise with the heap's high-water mark).
    const stopped =
      /(with heapUsed's high-water mark|then stopped: the last [\d.]+ s \(\d+ samples\) it stays within [\d.]+ KiB)/
    expect(healthy).toMatch(new RegExp(`rss: .*${stopped.source}`))
    expect(healthy).toMatch(new RegExp(`MemUsage\\[cache-fill-web-1\\]: .*${stopped.source}`))
  })

  it('the same samples fail when the post-test heap kept the floor of the run’s end (a leak keeps adding)', async () => {
    const report = await withPost(endFloor())
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail')
    expect(failing.some((f) => f.metric === 'heapUsed' && f.signature === 'sustained-growth')).toBe(
      true
    )
    expect(report.healthy.join('\n')).not.toMatch(/filled and stopped/)
  })
})

describe('majorCollections', () => {
  const MiB = 1024 * 1024
  /** A sawtooth of minor collections (teeth of 6 MiB) over a floor that `floor(i)` sets. */
  const sawtooth = (n: number, floor: (i: number) => number): number[] =>
    Array.from({ length: n }, (_, i) => floor(i) + (i % 4) * 2 * MiB)

  it('counts the falls of the floor, not the teeth of the sawtooth', () => {
    // the floor climbs 1 MiB per tooth and falls back by 10 MiB three times
    const floor = (i: number) => 40 * MiB + (Math.floor(i / 4) % 10) * MiB
    const seen = majorCollections(sawtooth(120, floor), 2.5 * MiB)!
    expect(seen.count).toBe(2)
    // the last fall's lowest point: where the floor is measured last
    expect(seen.lastFall).toBe(80)
    expect(seen.startFloor).toBe(40 * MiB)
    expect(seen.peakFloor).toBe(49 * MiB)
    // held for 15 % of the samples (18 in a row) at most at the floor of a tooth cycle's start
    expect(seen.heldFloor).toBeLessThan(seen.peakFloor)
  })

  it('a short spike or plateau does not raise the held floor; a floor that climbs to the end does', () => {
    const climbing = sawtooth(100, (i) => 40 * MiB + i * 0.2 * MiB)
    const spiked = [...climbing]
    for (const i of [60, 61, 62]) spiked[i] = 110 * MiB
    const plain = majorCollections(climbing, 2.5 * MiB)!
    const withSpike = majorCollections(spiked, 2.5 * MiB)!
    expect(withSpike.peakFloor).toBe(110 * MiB)
    expect(withSpike.heldFloor).toBe(plain.heldFloor)
    // the last 15 samples' minimum: the floor where the climb ended
    expect(plain.heldFloor).toBe(Math.min(...climbing.slice(85)))
  })

  it('sees none under a floor that only climbs (a leak, or garbage waiting for a major collection)', () => {
    const seen = majorCollections(
      sawtooth(80, (i) => 40 * MiB + i * 0.25 * MiB),
      2.5 * MiB
    )!
    expect(seen.count).toBe(0)
    expect(seen.lastFall).toBe(-1)
    expect(seen.peakFloor - seen.startFloor).toBeGreaterThan(15 * MiB)
  })

  it('counts a sharp fall after a smooth climb (a heap sampled slower than its young collections)', () => {
    // Promoted garbage climbs 0.5 MiB a reading with no local minimum on the way; two major
    // collections drop it 12 and 7 MiB (a recorded run sampled every 2.6 s: 41 → 49, 37; 44, 37).
    const climb = (from: number, readings: number): number[] =>
      Array.from({ length: readings }, (_, i) => from + i * 0.5 * MiB)
    const readings = [...climb(41 * MiB, 17), ...climb(37 * MiB, 15), ...climb(37 * MiB, 14)]
    const seen = majorCollections(readings, 2.5 * MiB)!
    expect(seen.count).toBe(2)
    expect(seen.lastFall).toBe(32)
    // RSS or container usage: a sharp fall there is pages handed back, not counted
    expect(majorCollections(readings, 2.5 * MiB, false)!.count).toBe(0)
    // the same climb with no fall: none
    expect(majorCollections(climb(41 * MiB, 46), 2.5 * MiB)?.count ?? 0).toBe(0)
  })

  it('needs six samples', () => {
    expect(majorCollections([1, 2, 1, 2, 1], 0.5)).toBeNull()
  })
})

describe('major collections that do not keep up', () => {
  const overload = 'examples/lru-overload/artifacts'

  it('a climb past three major collections is garbage when the forced collection brings the heap back to its baseline', async () => {
    const report = await runPipeline({ root: overload, workspace: overload, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: .*with \d+ major collections that did not keep up in the steady part: old-generation garbage/
    )
  })

  it('with major collections in view, a heap that kept more than 1 MiB over its baseline is judged on its floor as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-overload-'))
    try {
      cpSync(overload, dir, { recursive: true })
      const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as Record<
        string,
        number
      >
      const post = JSON.parse(readFileSync(join(dir, 'post-test.json'), 'utf8')) as Record<
        string,
        number
      >
      post.heapUsed = baseline.heapUsed + 3 * 1024 * 1024
      writeFileSync(join(dir, 'post-test.json'), JSON.stringify(post))
      const report = await runPipeline({ root: dir, workspace: dir, now })
      expect(report.verdict).toBe('fail')
      expect(report.healthy.join('\n')).not.toMatch(/old-generation garbage/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a leak the garbage rule must not excuse', () => {
  const restartLeak = 'examples/restart-leak/artifacts'
  const MiB = 1024 * 1024
  // heapUsed only: no RSS or container usage to fail on their own
  const config = `warmup: 20%
series:
  - file: memory.csv
    format: csv
    time: timestamp
    work: requests
    metrics:
      heapUsed: memory
snapshots:
  baseline: baseline.json
  post: post-test.json
  work: requests
  metrics:
    heapUsed: memory
`

  /** Runs the pipeline on `memory` (CSV lines, header first) with a post-test snapshot and a baseline. */
  async function judge(memory: string[], post: Record<string, number>, baseline?: object) {
    const dir = mkdtempSync(join(tmpdir(), 'lg-garbage-leak-'))
    try {
      cpSync(join(restartLeak, 'baseline.json'), join(dir, 'baseline.json'))
      if (baseline) writeFileSync(join(dir, 'baseline.json'), JSON.stringify(baseline))
      writeFileSync(join(dir, 'leak-gate.yml'), config)
      writeFileSync(join(dir, 'memory.csv'), memory.join('\n') + '\n')
      writeFileSync(join(dir, 'post-test.json'), JSON.stringify(post))
      return await runPipeline({ root: dir, workspace: dir, now })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  /** The restart-leak run's memory.csv: header and `rows` samples. */
  function samples(rows: number): string[] {
    return readFileSync(join(restartLeak, 'memory.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(0, rows + 1)
  }
  const field = (line: string, name: string, header: string): number =>
    Number(line.split(',')[header.split(',').indexOf(name)])

  it('a restart before the post-test snapshot: the new process freed nothing of the old one’s climb', async () => {
    // 94 samples of the leaking process, then 20 of the one started after it
    const memory = samples(114)
    const last = memory[memory.length - 1]
    const report = await judge(memory, {
      heapUsed: field(last, 'heapUsed', memory[0]) - MiB,
      requests: field(last, 'requests', memory[0])
    })
    expect(report.errors).toEqual([])
    expect(report.healthy.join('\n')).not.toMatch(/old-generation garbage/)
    expect(report.verdict).toBe('fail')
  })

  it('a post-test snapshot of another process (its work count is behind the samples’) is not the forced collection of this one', async () => {
    const memory = samples(94) // the leaking process only
    const report = await judge(memory, { heapUsed: 40 * MiB, requests: 125 })
    expect(report.healthy.join('\n')).not.toMatch(/old-generation garbage/)
    expect(report.verdict).toBe('fail')
  })

  it('a short spike mid-run is not the climb: the post-test heap at the end floor of a steady leak fails', async () => {
    const memory = samples(94)
    // three samples at 110 MiB at 60 % of the run
    for (const i of [57, 58, 59]) {
      const cells = memory[i].split(',')
      cells[memory[0].split(',').indexOf('heapUsed')] = String(110 * MiB)
      memory[i] = cells.join(',')
    }
    const last = memory[memory.length - 1]
    const report = await judge(memory, {
      heapUsed: field(last, 'heapUsed', memory[0]),
      requests: field(last, 'requests', memory[0])
    })
    expect(report.healthy.join('\n')).not.toMatch(/old-generation garbage/)
    expect(report.verdict).toBe('fail')
  })

  it('what stayed above the starting floor fails when it is over twice the tolerance by itself', async () => {
    // a floor climbing 1 MiB per sample under a sawtooth of minor collections, no major one
    const start = Date.parse('2026-12-05T15:00:00Z')
    const memory = ['timestamp,requests,heapUsed']
    for (let i = 0; i < 120; i++)
      memory.push(
        `${new Date(start + i * 250).toISOString()},${i * 100},${40 * MiB + i * MiB + (i % 4) * 3 * MiB}`
      )
    // the forced collection frees a little over half of the held floor's climb (~141 − 64 MiB) and
    // keeps ~36 MiB over the starting floor (~64 MiB): over 50 % and 8 MiB by itself
    const report = await judge(
      memory,
      { heapUsed: 100 * MiB, requests: 11_900 },
      { heapUsed: 38 * MiB, requests: 0 }
    )
    const retained = report.findings.find(
      (f) => f.metric === 'heapUsed' && f.signature === 'retained-after-load'
    )
    expect(retained?.level).toBe('fail')
    expect(retained?.message).toMatch(
      /the forced collection freed [\d.]+ MiB of memory.csv.s climb, but \+[\d.]+ MiB stayed above the floor its steady part started on/
    )
    expect(report.verdict).toBe('fail')
  })
})

describe('a leak beside a cache that filled', () => {
  const collected = 'examples/cache-fill-collected/artifacts'

  it('500 B per request leaking in the heap and RSS fails', async () => {
    const report = await runEdited(
      collected,
      (dir) => addLinearLeak(dir, 500, ['heapUsed', 'rss']),
      now
    )
    expect(report.verdict).toBe('fail')
    expect(report.healthy.join('\n')).not.toMatch(/filled and stopped/)
  })

  it('a smaller leak (100 B per request) is never a pass: the run cannot tell it, and warns', async () => {
    const report = await runEdited(
      collected,
      (dir) => addLinearLeak(dir, 100, ['heapUsed', 'rss']),
      now
    )
    expect(report.verdict).not.toBe('pass')
  })
})

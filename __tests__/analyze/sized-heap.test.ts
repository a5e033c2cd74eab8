/**
 * A live heap's "it levelled off" on a last half that cannot tell, refuted by its reserved heap.
 * Three real runs of examples/node-service (fixtures in __fixtures__/pipeline/sized-heap):
 * - leak-1s: ~150 B kept per request (the post-test snapshot, after forced collections, kept
 *   +12.7 MiB) under a ~100 MiB garbage sawtooth, 2.5 min sampled every second. heapUsed's last
 *   half rests on a handful of bucket means (95 % interval −1.9 … +2.1 GiB/h around a pace of
 *   0.86 GiB/h) and was read as levelling off; heapTotal's floor kept one pace to the end
 *   (+1.43 GiB/h over the window, +1.4 GiB/h over its last half). It warned before; it fails.
 * - cache-fill-1s: a bounded cache filling over a third of a 20 s run, sampled every second: heapUsed's
 *   last half as undecided, but its reserved heap shows no pace kept to the end: still a pass.
 * - healthy-sawtooth: the same service and sawtooth keeping nothing: still a pass.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const base = '__fixtures__/pipeline/sized-heap'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })
/** A copy of a fixture folder without its leak-gate.yml: what zero-config reads. */
function withoutConfig(name: string): string {
  const root = makeTempDir('lg-zero')
  for (const file of readdirSync(`${base}/${name}`))
    if (file !== 'leak-gate.yml') cpSync(`${base}/${name}/${file}`, join(root, file))
  return root
}
const SIZED = /keeps sizing its heap to a live heap that keeps growing/

describe('a reserved heap that keeps one pace to the end refutes a live heap "levelling off"', () => {
  it('fails the slow leak sampled every second, on heapUsed itself and on rss', async () => {
    const report = await judge('leak-1s')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const heap = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )
    expect(heap?.level).toBe('fail')
    expect(heap?.evidence.basis).toBe('reserved-heap')
    expect(heap?.message).toMatch(/heapUsed's last half, .* cannot tell a fill that stopped/)
    expect(heap?.message).toMatch(/heapTotal's floor keeps one pace to the end/)
    // RSS is no longer "the runtime sizing its heap to the load" beside a heap said to hold no leak.
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.message).toMatch(SIZED)
    expect(rss?.message).not.toMatch(/holds no leak/)
    // What the forced collection kept is no longer "arrived while filling, then levelled off".
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.level).toBe('fail')
    expect(kept?.message).toMatch(SIZED)
  })

  it('passes a cache that fills over a third of a run sampled every second', async () => {
    const report = await judge('cache-fill-1s')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const lines = JSON.stringify(report)
    expect(lines).not.toMatch(SIZED)
    // Its live heap is as undecided as the leak's: what differs is the reserved heap.
    const heap = report.metrics?.find((m) => m.kind === 'series' && m.metric === 'heapUsed')
    expect(heap?.explanation).toMatch(/levels off/)
  })

  it('passes the same sawtooth keeping nothing', async () => {
    const report = await judge('healthy-sawtooth')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(JSON.stringify(report)).not.toMatch(SIZED)
  })
})

/**
 * A fourth run (holdout): 300 B kept per request under the last 64 requests' garbage, 2 min at
 * 400 req/s sampled every 2 s. heapUsed's last half kept the window's pace (+158 vs +142 B/ms) but
 * on 8 noisy bucket means (p = 0.71), so the window was "not sustained" without slowing down, and
 * the reserved heap's pace was never asked: RSS was "the runtime sizing its heap" beside a heap
 * said to hold no leak, and the run only warned on what the forced collection kept.
 */
describe('a live heap whose last half keeps pace but cannot be tested', () => {
  it('fails on heapUsed and RSS when heapTotal keeps one pace to the end', async () => {
    const report = await judge('leak-2s-pace-kept')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.message).toMatch(SIZED)
    expect(rss?.message).not.toMatch(/holds no leak/)
    // heapUsed itself, and what the forced collection kept, no longer "flat in its steady part"
    const heap = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'heapUsed'
    )
    expect(heap?.level).toBe('fail')
    expect(heap?.evidence.basis).toBe('reserved-heap')
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.level).toBe('fail')
    expect(kept?.message).toMatch(SIZED)
  })

  it('fails with no config too: the snapshots’ work field is the series’ work column', async () => {
    const root = withoutConfig('leak-2s-pace-kept')
    const report = await runPipeline({ root, workspace: root, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(report.notes).toContain(
      'snapshots: work field "requests" read from both snapshots, as memory.csv counts its work (name it under snapshots: work: to choose another)'
    )
  })

  it('takes no work field the post-test snapshot lacks', async () => {
    const root = withoutConfig('leak-2s-pace-kept')
    const post = JSON.parse(readFileSync(join(root, 'post-test.json'), 'utf8')) as Record<
      string,
      unknown
    >
    delete post.requests
    writeFileSync(join(root, 'post-test.json'), JSON.stringify(post))
    const report = await runPipeline({ root, workspace: root, now })
    expect(report.errors).toEqual([])
    expect(report.notes.join('\n')).not.toMatch(/work field "requests"/)
  })
})

/**
 * RSS with no fall in view has no GC sawtooth: its floor (per-window minima) is the series itself in
 * coarser windows, and must keep the mean's half of the window's pace through its last half, not the
 * third a sawtooth's noisy minima are allowed. Fixtures: __fixtures__/pipeline/allocator-floor-pace.
 */
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/allocator-floor-pace'
const run = (dir: string) =>
  runPipeline({
    root: `${root}/${dir}`,
    workspace: `${root}/${dir}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

describe('the floor of memory that never falls', () => {
  it('passes a full cache evicting into fragmented arenas (last half at 0.44 of the pace)', async () => {
    const report = await run('evicting')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss: steady part rose .* but only .* over its last half \(4\d(\.\d)?% of the pace\): it levels off/
    )
  })

  it('passes a fill whose creep after it, at its own pace, stays under what any leak must add', async () => {
    // A recorded Python worker (examples/python-worker, --cache-entries 4055 of 3 KiB): the cache
    // filled over 42 % of a 140 s run, then RSS crept +1.7 MiB in two bursts, as the plain worker
    // does. The last half kept 0.70 of the window's pace but 0.23 of its first half's: at that pace
    // the window adds +3.31 MiB, under the 4 MiB a leak of memory the allocator holds must add.
    const report = await run('creeps-in-bursts')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss: steady part rose .* over its first half but only .* over its last half \(23\.2% of the first half's pace\); kept over the whole window, that pace adds \+3\.31 MiB, under the 4 MiB any leak must add to fail here: it decelerates/
    )
  })

  it('says how the memory kept after such a fill arrived: filling, then slower than any leak', async () => {
    // Another recorded Python cache (4,055 × 3 KiB over 40 % of 140 s, VmRSS every 2 s), with its
    // snapshots: the post-test kept +14.2 MiB. Its floor's end is no flat one (p = 0.013), so it is
    // the mean's slowing that says the cache filled: no "flat at the end" claimed.
    const report = await run('creeps-with-snapshots')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /rss: \+14\.2 MiB \(\+73\.8%\) after load \(19\.2 MiB → 33\.3 MiB\), arrived while filling, then slowed: at its last half's pace the steady window adds \+3\.28 MiB, under the 4 MiB any leak must add \(memory\.csv\)/
    )
  })

  it('fails the same fill when memory keeps coming at the pace of the work', async () => {
    // The mean's last half keeps 0.70 of the window's pace: a leak whatever its first half did. The
    // floor's (0.62 of its window, 0.46 of its first half's, 0.46 per archive) reads as a fill
    // decelerating, so rising-floor no longer says it a second time.
    const report = await run('keeps-pace')
    expect(report.verdict).toBe('fail')
    expect(
      report.findings
        .filter((f) => f.metric === 'rss' && f.level === 'fail')
        .map((f) => f.signature)
    ).toContain('sustained-growth')
  })
})

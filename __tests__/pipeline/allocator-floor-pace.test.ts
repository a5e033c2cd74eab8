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

/**
 * A step in a series explains what a forced collection kept only when little stays beyond it.
 * A leak sampled in phase with its GC sawtooth reads as a staircase (flat, one tooth up, flat):
 * the post-test snapshot, taken after a forced collection, still holds everything it kept.
 */
import { runPipeline } from '../../src/pipeline.js'

const run = (dir: string) => {
  const root = `__fixtures__/pipeline/step-vs-snapshot/${dir}`
  return runPipeline({ root, workspace: root, now: new Date('2026-11-25T00:00:00Z') })
}

/** A run that fails, and its heapUsed retained-after-load finding, itself a failure. */
async function failedRetained(dir: string) {
  const report = await run(dir)
  expect(report.errors).toEqual([])
  expect(report.verdict).toBe('fail')
  const retained = report.findings.find(
    (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
  )
  expect(retained?.level).toBe('fail')
  return { report, retained }
}

describe('a step against the post-test snapshot', () => {
  it('fails a heap that "stepped" +12.9 MiB while the forced collection kept +20.9 MiB', async () => {
    const { report, retained } = await failedRetained('staircase-leak')
    expect(retained?.message).toMatch(
      /one step of \+12\.9 MiB 28 s into the run \([\d.]+% of it\), but the forced collection kept \+7\.9\d MiB more than that step/
    )
    // The headline speaks for the failing finding, not for a warning's trend beside it.
    expect(report.presentation?.headline.sentence).toBe(
      'memory.csv: heapUsed kept +20.9 MiB after the load (+57.6%, 1.19 KiB per request).'
    )
    // …and its chart shows heapUsed's own samples (the staircase), not heapTotal's trend
    expect(report.presentation?.leaks[0].seriesId).toBe('memory.csv:heapUsed')
  })

  it('passes a table whose step shows in RSS of the same process, about what was kept', async () => {
    const report = await run('table-rss-step')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: \+13\.6 MiB \(\+37\.6%\) after load \(36 MiB → 49\.6 MiB\), arrived in one step: rss of the same process \(memory\.csv\) stepped \+11\.3 MiB once/
    )
  })

  it('fails a leak beside that table: RSS stepped, but far less than the forced collection kept', async () => {
    // The same recording with 100 B per request added: kept +18 MiB, RSS stepped +10.3 MiB. A step
    // within a factor of 2 of what was kept no longer explains it when what stays beyond the step
    // is more than any leak must add.
    const { retained } = await failedRetained('table-rss-step-leak100')
    expect(retained?.message).toMatch(/kept \+7\.65 MiB more than that step/)
  })

  it("fails a leak beside a fill when what stays beyond RSS's step is over the tolerance by itself", async () => {
    const { retained } = await failedRetained('fill-rss-step-leak300')
    expect(retained?.message).toMatch(
      /rss of the same process \(memory\.csv\) stepped \+30\.3 MiB once, but the forced collection kept \+16\.7 MiB more than that step, over the tolerance by itself/
    )
  })

  it('passes the same series when the snapshot kept about the step (a table loaded once)', async () => {
    const report = await run('table-once')
    expect(report.errors).toEqual([])
    // Only heapTotal (synthetic here: it climbs in a straight line while heapUsed steps once) warns:
    // with the snapshots' work field the forced collection kept the heap's climb, so that climb is
    // a table, not garbage, and a reserved heap rising beside it cannot be told from a slow leak.
    expect(report.verdict).toBe('warn')
    expect(report.findings.map((f) => [f.signature, f.metric, f.level])).toEqual([
      ['sustained-growth', 'heapTotal', 'warn'],
      ['rising-floor', 'heapTotal', 'warn']
    ])
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: \+13\.8 MiB \(\+38\.0%\) after load \(36\.3 MiB → 50\.1 MiB\), arrived in one step of \+12\.9 MiB/
    )
  })
  it('passes a table whose floor stepped by what the snapshot kept while its mean stepped less', async () => {
    // A real run: 16 MiB built at 62 % of 150 s (400 req/s, every 500 ms), one major collection at
    // the step. The mean stepped ~10.5 MiB (more garbage under the sawtooth before the step than
    // after), short of the +16.4 MiB the forced collection kept; the floor stepped +14.8 MiB.
    const report = await run('floor-step-62')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: \+16\.4 MiB \(\+45\.5%\) after load \(36\.1 MiB → 52\.5 MiB\), arrived in one step of \+14\.8 MiB and flat at the end of the run/
    )
  })
  it('passes a table loaded once sampled every 2 s: the floor after the step from its next readings', async () => {
    // 8 steady points: 15 % of the window after the step holds one reading, and each fifth of the
    // window one or two. The heap creeps with garbage after the step (no collection in view); the
    // post-test snapshot (50.5 MiB) is below the floor of the three readings after it (52.6 MiB).
    const report = await run('sparse-step-2s')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: steady part rises .*, but its rise is one step: rss of the same process \(memory\.csv\) stepped \+1[23]\.\d MiB once .* holds 50\.5 MiB, no more than heapUsed's floor just after the step \(52\.6 MiB\)/
    )
  })
})

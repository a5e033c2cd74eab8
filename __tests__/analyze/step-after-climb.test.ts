/**
 * A step inside the last half is said as a level shift only when the window before it did not rise.
 * Real recording (fixtures in __fixtures__/pipeline/step-after-climb, holdout5): a JVM with a fixed
 * 192 MiB heap leaking 300 B per unit natively; RSS climbed +4.5 MiB over the first three quarters
 * of the steady window, then jumped +6 MiB once at 82 %. Its last half alone read "stepped +6.28 MiB
 * once, flat before and after": the line said a table was loaded, of memory that grew all along.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

const now = new Date('2026-11-25T00:00:00Z')
const judge = (root: string): Promise<Report> => runPipeline({ root, workspace: root, now })

describe('a late step after a climb', () => {
  it('says the climb and its tolerance, not a level shift', async () => {
    const report = await judge('__fixtures__/pipeline/step-after-climb/jvm-native')
    expect(report.errors).toEqual([])
    const rss = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'rss_bytes')
    expect(rss?.explanation).toMatch(
      /^steady part rises \+7\.5 MiB over the steady 1 min 24 s, 3\.5% of 217 MiB: under the 5% of the level and 4 MiB tolerance; at \+323 MiB\/h it would pass it after about another 37 s/
    )
    expect(rss?.explanation).not.toMatch(/stepped/)
  })

  it('still says a step late in a flat run as a step (examples/step-75)', async () => {
    const report = await judge('examples/step-75/artifacts')
    expect(report.verdict).toBe('pass')
    const heap = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'heapUsed')
    expect(heap?.explanation).toMatch(
      /stepped \+1\d\.\d MiB once, 3\d s into the run \(8\d\.\d% of it\)/
    )
  })
})

/**
 * The same late step still witnesses for a live heap. Real recording (group jvm): a JVM cache
 * filling over 30 % of a 45 s run, sampled every 0.5 s; RSS climbs as the heap's highs touch
 * committed pages, then steps +5.4 MiB once at 77 %. The used heap's floor is only suggestive
 * (p = 0.024) and the forced collection left it under its floor after that step.
 */
describe('a late step after a climb, as a witness', () => {
  it('explains a live heap that rose with it: the run passes, and RSS still says its climb', async () => {
    const report = await judge('__fixtures__/pipeline/step-after-climb/jvm-cache')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const heap = report.metrics?.find(
      (m) => m.kind !== 'snapshot' && m.metric === 'heap_used_bytes'
    )
    expect(heap?.explanation).toMatch(/but its rise is one step: rss_bytes of the same process/)
    const kept = report.metrics?.find(
      (m) => m.kind === 'snapshot' && m.metric === 'heap_used_bytes'
    )
    expect(kept?.explanation).toMatch(/arrived in one step: rss_bytes of the same process/)
  })
})

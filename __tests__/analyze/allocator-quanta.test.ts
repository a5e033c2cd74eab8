/**
 * Memory the allocator holds (RSS, container usage) moves in quanta, so its default tolerance is
 * 4 MiB: one or two arenas are no evidence. A series whose own readings rise in small steps shows
 * it is no quantum: 16 of its usual steps (and the 1 MiB of any memory) are then enough. A Python
 * worker whose C extension keeps 200 B per archive (a real run of examples/python-worker, 3 min):
 * RSS +3.65 MiB in 24 KiB steps, 14.8 % of the level, brokers all collected. The same readings
 * rounded down to 512 KiB (arenas mapped at once) make the same climb in 7 steps: that is what the
 * 4 MiB is for.
 */
import { runPipeline } from '../../src/pipeline.js'

const now = new Date('2026-11-25T00:00:00Z')
const run = (dir: string) =>
  runPipeline({
    root: `__fixtures__/pipeline/allocator-quanta/${dir}`,
    workspace: `__fixtures__/pipeline/allocator-quanta/${dir}`,
    now
  })

describe('allocator quanta', () => {
  it.each([
    [
      'small-steps',
      'fail',
      /in steps of 24 KiB \(its usual rise between readings\): 1\d\d of them, no allocator quantum/
    ],
    ['arena-steps', 'pass', null]
  ] as const)('%s → %s', async (dir, verdict, message) => {
    const report = await run(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe(verdict)
    const growth = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    if (message) {
      expect(growth?.level).toBe('fail')
      expect(growth?.message).toMatch(message)
      // memory outside what the counters count, keeping its pace with the work
      expect(growth?.message).toMatch(/the tracked objects are collected, yet it keeps its pace/)
    } else {
      expect(growth).toBeUndefined()
      expect(report.healthy.join('\n')).toMatch(
        /rss: steady part rises \+3\.\d+ MiB over the steady 3 min 29 s, 1\d\.\d% of 24\.\d MiB: under the 5% of the level and 4 MiB tolerance/
      )
    }
  })
})

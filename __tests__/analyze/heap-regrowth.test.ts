/**
 * A heap the runtime shrank and grew back to its working size is no leak: RSS cut once at the
 * shrink climbed back to where it fell from and slowed there. Memory that leaks goes on through
 * the shrink and ends above that level by what it added (see the fixture's README).
 */
import { findingLevels, recordingsIn } from '../helpers/judge-recording.js'

const run = recordingsIn('__fixtures__/pipeline/heap-regrowth')

describe('a heap the runtime shrank and grew back (recorded cache of 30 %)', () => {
  it.each([true, false])('passes cleanly (config: %s)', async (configured) => {
    const report = await run('cache30', configured)
    expect(report.errors).toEqual([])
    expect(findingLevels(report)).toEqual([])
    const lines = report.healthy.join('\n')
    expect(lines).toMatch(
      /rss: steady part judged in 2 segments, split at a fall of -29\.2 MiB \(139 MiB → 110 MiB\) 2 min 56 s into the run.*: after the fall it climbed back to 142 MiB \(\+2\.34 MiB above the 139 MiB it fell from, within the 5% of the level and 4 MiB tolerance\) and slowed down there .*: the heap regrowing to its working size after the runtime shrank it, not memory added/
    )
    // what the forced collection kept is the cache, filled before the steady part: no step of RSS's
    expect(lines).toMatch(
      /heapUsed: \+20\.5 MiB .* after load .*already reached when the steady window starts/
    )
  })

  it.each([true, false])(
    'fails 300 B per request outside the heap across the same shrink (config: %s)',
    async (configured) => {
      const report = await run('cache30-native300', configured)
      expect(report.verdict).toBe('fail')
      expect(findingLevels(report)).toEqual(
        expect.arrayContaining([
          'fail sustained-growth:rss',
          'fail sustained-growth:MemUsage[cache-fill-web-1]'
        ])
      )
      // heapTotal (zero-config reads it) still regrew; RSS and container usage did not
      expect(report.healthy.join('\n')).not.toMatch(/^(rss|MemUsage\[[^\]]+\]): .*regrowing/m)
    }
  )
})

/**
 * A cache filling past the middle of a short run: once full it evicts into an old generation no
 * major collection swept, so the live heap's floor climbs to the end at the fill's pace while the
 * memory the allocator holds (RSS, heapTotal, container usage) levels off. A forced collection that
 * left the heap under every late reading by more than a fifth of the climb shows those readings
 * were garbage: no failure, what was kept stays retained-after-load's warning. A leak keeps the
 * allocator's pages rising (recording `h8-cachefill61-165s`, see the fixture's README).
 */
import { findingLevels, recordingsIn } from '../helpers/judge-recording.js'

// judged with examples/cache-fill's config, or with none
const run = recordingsIn('__fixtures__/pipeline/late-garbage')
const levels = findingLevels

describe('a heap whose late climb was garbage over memory that levelled off', () => {
  it.each([true, false])(
    'the cache filling over 61 %% of the run does not fail (config: %s)',
    async (configured) => {
      const report = await run('cache61', configured)
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('warn')
      expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
      // what the forced collection kept is still said, as a warning
      expect(levels(report)).toContain('warn retained-after-load:heapUsed')
      expect(report.healthy.join('\n')).toMatch(
        /heapUsed: steady part rises .* but heapUsed's floor climbed \+20\.5 MiB and the forced collection before the post-test snapshot \(post-test\.json\) left 57\.6 MiB, 4\.81 MiB under its lowest reading of the last fifth of the window \(62\.4 MiB, more than a fifth of the climb\), with no major collection in the steady part, while the memory the allocator holds levelled off \(.*of their window's pace in the last half\)/
      )
    }
  )

  it.each([true, false])(
    'fails 100 B per request kept beside the cache, on the heap (config: %s)',
    async (configured) => {
      const report = await run('cache61-leak100', configured)
      expect(report.verdict).toBe('fail')
      expect(levels(report)).toEqual(
        expect.arrayContaining([
          'fail sustained-growth:heapUsed',
          'fail retained-after-load:heapUsed'
        ])
      )
      expect(report.healthy.join('\n')).not.toMatch(/levelled off \(/)
    }
  )
})

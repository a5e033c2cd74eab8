/**
 * A native leak beside a cache that filled: the live heap rose and levelled off, so it is not the
 * flat heap beside which growth of RSS reads as memory outside the heap. Its pages are bounded with
 * it (the reserved heap's rise), and what the allocator added beyond them, keeping its pace to the
 * end with the work, is outside the heap: a failure. The recording itself, the cache alone, only
 * warns on what the forced collection kept (see the fixture's README).
 */
import { findingLevels, recordingsIn } from '../helpers/judge-recording.js'

// judged with examples/cache-fill's config, or with none
const run = recordingsIn('__fixtures__/pipeline/native-beside-fill')
const levels = findingLevels

describe('memory outside the heap beside a cache that filled', () => {
  it.each([true, false])('the cache alone warns, never fails (config: %s)', async (configured) => {
    const report = await run('cache55-saw', configured)
    expect(report.errors).toEqual([])
    expect(levels(report)).toEqual(['warn retained-after-load:heapUsed'])
    // the finding agrees with the series line, which says the mean rose and flattened
    expect(report.findings[0].message).toMatch(
      /heapUsed's mean rose and flattened by its last third \(\+2\.17 MiB where its pace gives \+9\.1 MiB\), but under its GC sawtooth that end is no test/
    )
    expect(report.healthy.join('\n')).toMatch(/heapUsed: steady part rose early .* then flattened/)
  })

  it.each([true, false])(
    'fails 300 B per request held outside the heap, on RSS (config: %s)',
    async (configured) => {
      const report = await run('cache55-saw-native300', configured)
      expect(report.verdict).toBe('fail')
      expect(levels(report)).toEqual(
        expect.arrayContaining(['fail sustained-growth:rss', 'fail rising-floor:rss'])
      )
      const rss = report.findings.find(
        (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
      )
      expect(rss?.message).toMatch(
        /while heapUsed \(the live heap\) rose only 2\d\.\d MiB and levelled off, and rss rose \+1\d(\.\d)? MiB beyond the heap's pages \(heapTotal \+3\d\.\d MiB\) over the same time, keeping its pace to the end of the run with the work: memory held outside the heap .*a native leak/
      )
    }
  )

  it.each([true, false])(
    'fails 500 B per request outside the heap after it levelled off, weighed on the last half (config: %s)',
    async (configured) => {
      expect(levels(await run('cache55', configured))).toEqual([
        'warn retained-after-load:heapUsed'
      ])
      const report = await run('cache55-native500', configured)
      expect(report.verdict).toBe('fail')
      const rss = report.findings.find(
        (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
      )
      expect(rss?.level).toBe('fail')
      expect(rss?.message).toMatch(
        /over the last 2 min of the steady window, .*while heapUsed \(the live heap\) levelled off: over the last half rss rose \+14\.7 MiB where the live heap fell 254 KiB, and kept its pace to the end .*: memory held outside the heap, a native leak/
      )
    }
  )
})

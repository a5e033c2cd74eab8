/**
 * A cache filling over the first 45 % of a run read every 3 s: the heap's fill reads as one step
 * short of what the forced collection kept, which a table loaded once would not leave. The pages
 * under the heap (RSS, container usage, heapTotal) stopped before the last half of the steady
 * window, where a leak keeping the rest at one pace adds a few MiB of them: the memory arrived
 * early, so the run warns rather than fails. A leak beside it keeps RSS rising and fails
 * (recording `h20-cachefill45-170s`, see the fixture's README).
 */
import { recordingsIn } from '../helpers/judge-recording.js'

// judged with examples/cache-fill's config, or with none
const run = recordingsIn('__fixtures__/pipeline/pages-stopped')

describe('a fill read as a step, beside pages that stopped', () => {
  it.each([true, false])('the cache warns, never fails (config: %s)', async (configured) => {
    const report = await run('cache45', configured)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.map((f) => `${f.level} ${f.signature}:${f.metric}`)).toEqual([
      'warn retained-after-load:heapUsed'
    ])
    expect(report.findings[0].message).toMatch(
      /memory\.csv shows one step of \+16\.6 MiB .* but the forced collection kept \+14\.6 MiB more than that step, yet the pages under it stopped before the last half of the steady window \((?=.*rss -1\.21 MiB)(?=.*MemUsage -1\.2 MiB).* over that half\), where a leak keeping that \+14\.6 MiB at one pace adds about \+\d+(\.\d+)? MiB: a cache that filled early, read sparsely as a step, or a slow leak beside one/
    )
  })

  it.each([true, false])(
    'a native leak of 300 B per request beside it fails (config: %s)',
    async (configured) => {
      const report = await run('cache45-native300', configured)
      expect(report.verdict).toBe('fail')
      const retained = report.findings.find(
        (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
      )!
      expect(retained.level).toBe('fail')
      expect(retained.message).toMatch(/a table loaded once keeps its size, a leak keeps adding/)
      expect(retained.message).not.toMatch(/pages under it stopped/)
    }
  )
})

/**
 * RSS less what the Go runtime holds is RSS's pages, judged at the tolerance of memory the
 * allocator holds (4 MiB over the window), not the live heap's 1 MiB: a Go cache filling over 40 %
 * of a 5-minute run moved it +1.23 MiB and failed; 100 B per unit of mmap'd pages adds +5.4 MiB
 * and fails (recordings of group holdout22, see the fixture's README).
 */
import { findingLevels, recordingsIn } from '../helpers/judge-recording.js'

// judged with examples/go-worker's config, or with none
const run = recordingsIn(
  '__fixtures__/pipeline/go-outside-tolerance',
  'examples/go-worker/leak-gate.yml'
)

describe('memory outside the Go runtime, at the allocator tolerance', () => {
  it.each([true, false])(
    'a Go cache filling over 40 %% passes (config: %s)',
    async (configured) => {
      const report = await run('cache40-5m', configured)
      expect(report.errors).toEqual([])
      expect(findingLevels(report).filter((f) => f.startsWith('fail'))).toEqual([])
      const outside = report.metrics.find((m) => m.metric === 'outside_go_runtime_bytes')
      expect(outside?.explanation ?? '').not.toMatch(/grows/)
    }
  )

  it.each([true, false])(
    "100 B per unit of mmap'd pages fails outside the runtime (config: %s)",
    async (configured) => {
      const report = await run('mmap100-5m', configured)
      expect(report.verdict).toBe('fail')
      expect(findingLevels(report)).toEqual(
        expect.arrayContaining(['fail sustained-growth:outside_go_runtime_bytes'])
      )
      const finding = report.findings.find(
        (f) => f.signature === 'sustained-growth' && f.metric === 'outside_go_runtime_bytes'
      )
      expect(finding?.evidence.tolerance).toBe('5% of the level and 4 MiB')
    }
  )
})

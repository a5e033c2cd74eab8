/**
 * heapTotal is the heap the runtime reserves: beside a flat live heap its growth is pages kept
 * for garbage churn, never "memory held outside the heap". A real run of the LRU service
 * (16,000 requests at 400 req/s, an LRU of 2,000 × 16 KiB warmed before the baseline) read with
 * no config: heapTotal's floor rose 5.2 MiB (5.4 %) while heapUsed was flat, and failed as a
 * native leak; the same growth in RSS of a flat heap still fails as one.
 */
import { runPipeline } from '../../src/pipeline.js'

const dir = '__fixtures__/pipeline/reserved-heap'
const now = new Date('2026-11-25T00:00:00Z')

describe('the reserved heap beside a flat live heap', () => {
  it('heapTotal growing while heapUsed is flat is a healthy line, not a native leak', async () => {
    const report = await runPipeline({ root: dir, workspace: dir, now })
    expect(report.errors).toEqual([])
    expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
    expect(report.verdict).toBe('pass')
    const line = report.healthy.find((h) => h.startsWith('heapTotal'))
    expect(line).toMatch(
      /heapTotal is the heap the runtime reserves, and heapUsed \(the live heap\) .* heap pages kept for garbage churn/
    )
    expect(report.healthy.join('\n')).not.toMatch(/heapTotal.*native leak/)
  })
})

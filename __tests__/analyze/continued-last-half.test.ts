/**
 * A live heap's window that rises significantly on its own, whose last half keeps most of its pace
 * but cannot tell by itself, continued by the same process's RSS keeping its own pace to the end.
 * Two real runs of examples/node-service (fixtures in __fixtures__/pipeline/continued-last-half):
 * - slow-leak-1500ms: 500 B kept per request for 3 minutes under a garbage sawtooth sampled every
 *   1.5 s. heapUsed's floor rises on all 6 windows (p = 0.009) and its last half keeps 82 % of the
 *   pace on 3 of them (p = 0.71); RSS rises at the same pace to the end (p < 0.001 over its last
 *   half); the forced collection kept the climb. It warned before ("rose early then flattened").
 * - cache-fill-kept: a bounded cache filling over half of a 20 s run, which the forced collection
 *   keeps as it keeps a leak; its last half does not keep the pace: still a pass.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

const base = '__fixtures__/pipeline/continued-last-half'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })

describe('a significant heap window whose last half cannot tell alone', () => {
  it('fails the slow leak on heapUsed, saying RSS carried its last half', async () => {
    const report = await judge('slow-leak-1500ms')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const floor = report.findings.find(
      (f) => f.signature === 'rising-floor' && f.metric === 'heapUsed'
    )
    expect(floor?.level).toBe('fail')
    expect(floor?.evidence.pValue as number).toBeLessThan(0.01)
    expect(floor?.message).toMatch(
      /its last half alone cannot tell \(p = 0\.\d+ on \d points\) but keeps [\d.]+% of the pace, and rss of the same process keeps its own to the end/
    )
    // RSS is no longer excused as "the runtime sizing its heap" beside a heap said to hold no leak.
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.message).not.toMatch(/holds no leak/)
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.level).toBe('fail')
  })

  it('passes a cache filling over half the run that the forced collection keeps', async () => {
    const report = await judge('cache-fill-kept')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(JSON.stringify(report)).not.toMatch(/its last half alone cannot tell/)
  })
})

/**
 * Runs judged from `docker stats` alone, with no config: the container's memory is the only
 * witness, as when a team uploads nothing but its docker stats loop. Fixtures are the
 * docker_stats.csv of recorded runs of examples/node-service (one sample a second):
 * - cache-fill-28-4m: an LRU of 16,800 × 2 KiB entries filling over 28 % of a 4 min run at
 *   250 req/s, then flat;
 * - leak-100-sawtooth: 100 B per request kept under a tall GC sawtooth (75,000 requests at
 *   500 req/s): container usage +57 MiB, its last half at 36.5 % of the window's pace;
 * - leak-restarted: 400 B per request kept in a map, the service restarted after 20,000 of its
 *   36,000 requests (a fall back to its starting level, the container name unchanged).
 */
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const fixtures = '__fixtures__/pipeline/container-only'
const now = new Date('2026-11-25T00:00:00Z')
const run = (name: string): Promise<Report> => {
  const root = join(fixtures, name)
  return runPipeline({ root, workspace: root, now })
}

describe('container memory alone', () => {
  it('a cache that filled early and stayed flat is not projected to its limit at the fill pace', async () => {
    const report = await run('cache-fill-28-4m')
    expect(report.errors).toEqual([])
    expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
    expect(report.verdict).toBe('pass')
    const memory = report.metrics?.find((m) => m.metric === 'MemUsage')
    expect(memory?.explanation).toMatch(/no significant growth toward the 1 GiB limit/)
  })

  it('a slow leak whose last half keeps a third of the pace still heads for its limit', async () => {
    const report = await run('leak-100-sawtooth')
    expect(report.verdict).toBe('fail')
    const risk = report.findings.find((f) => f.signature === 'oom-risk')
    expect(risk?.level).toBe('fail')
    expect(risk?.message).toMatch(/reaches its 1 GiB limit in \d+ h/)
  })

  it('a leak restarted mid-run still fails segment by segment: it resumes at the pace it had', async () => {
    const report = await run('leak-restarted')
    expect(report.verdict).toBe('fail')
    const growth = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric.startsWith('MemUsage')
    )
    expect(growth?.level).toBe('fail')
    expect(growth?.message).toMatch(/judged segment by segment/)
    expect(growth?.message).toMatch(/a restart: back to the starting level/)
  })

  it('a leak read from container memory alone says what would tell it from a filling cache', async () => {
    const report = await run('leak-100-sawtooth')
    expect(report.verdict).toBe('fail')
    const alone = report.notes.filter((n) => /judged from memory the allocator holds alone/.test(n))
    expect(alone).toHaveLength(1)
    expect(alone[0]).toMatch(
      /^docker_stats\.csv:MemUsage\[[^\]]+\]: judged from memory the allocator holds alone/
    )
    expect(alone[0]).toMatch(/a post-test snapshot after a forced collection tell them apart/)
  })

  it('no such note on a pass, nor where a heap series and snapshots were read', async () => {
    const passed = await run('cache-fill-28-4m')
    expect(passed.notes.some((n) => /allocator holds alone/.test(n))).toBe(false)
    // a native leak judged beside its heap series and a forced-collection snapshot pair
    const root = '__fixtures__/pipeline/segment-cost/native-180-shrunk'
    const withHeap = await runPipeline({ root, workspace: root, now })
    expect(withHeap.verdict).toBe('fail')
    expect(withHeap.notes.some((n) => /allocator holds alone/.test(n))).toBe(false)
  })
})

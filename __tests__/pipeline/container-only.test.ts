/**
 * Runs judged from `docker stats` alone, with no config: the container's memory is the only
 * witness, as when a team uploads nothing but its docker stats loop. Fixtures are the
 * docker_stats.csv of recorded runs of examples/node-service (one sample a second):
 * - cache-fill-28-4m: an LRU of 16,800 × 2 KiB entries filling over 28 % of a 4 min run at
 *   250 req/s, then flat;
 * - cache-heap-shrunk: an LRU of 18,000 × 1.25 KiB filling over 40 % of a 3 min run, whose heap
 *   V8 shrank at 2 min 22 s (142 → 112 MiB) and regrew to where it fell from by the end;
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

  it('a heap the runtime shrank and regrew is no restart of a leak: its parts keep no one pace', async () => {
    const report = await run('cache-heap-shrunk')
    expect(report.verdict).toBe('pass')
    const memory = report.metrics?.find((m) => m.metric === 'MemUsage')
    expect(memory?.explanation).toMatch(
      /the fall to the starting level is the only sign of a restart, and the parts do not keep one pace \(\+920 MiB\/h and \+2\.66 GiB\/h, more than 2× apart\)/
    )
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
})

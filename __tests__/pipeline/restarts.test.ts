/**
 * Restarts and kills in docker stats (fixtures in __fixtures__/pipeline/restarts, generated in
 * the shape `docker stats` prints: 5 s rows, `0B / 0B` while the container is not running):
 * `0B / 0B` rows are gaps, not zero readings; a container that reaches its limit and then reads
 * `0B / 0B` was killed at its limit (a failing finding); a leak restarted mid-run is judged
 * segment by segment and still fails; a healthy service restarted mid-run passes and says so.
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `__fixtures__/pipeline/restarts/${name}`,
    workspace: `__fixtures__/pipeline/restarts/${name}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

describe('restarts and kills', () => {
  it('reads 0B / 0B rows as gaps, never as zero readings', async () => {
    const report = await run('killed-at-limit')
    const [series] = report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')
    expect(series.samples).toBe(394) // 400 rows, 6 of them 0B / 0B
    expect(series.minValue).toBeGreaterThan(100 * 1024 * 1024)
  })

  it('fails a container killed at its memory limit (oom-risk, killed)', async () => {
    const report = await run('killed-at-limit')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const kill = report.findings.find((f) => f.signature === 'oom-risk' && f.evidence.killed)!
    expect(kill.level).toBe('fail')
    expect(kill.message).toMatch(
      /^MemUsage\[web-1\] reached its 512 MiB limit \(last reading 510 MiB\) and then read 0B \/ 0B 17 min into the run: the container was killed at its memory limit/
    )
    expect(kill.evidence).toMatchObject({ kills: 1, stoppedRows: 6, restarted: true })
  })

  it('judges a leak restarted mid-run segment by segment, and says so', async () => {
    const report = await run('leak-restart')
    expect(report.verdict).toBe('fail')
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
    expect(growth.message).toMatch(/within each of 2 segments/)
    expect(growth.message).toMatch(/a restart: back to the starting level, after a gap/)
  })

  it('passes a healthy service restarted mid-run and says it was not running', async () => {
    const report = await run('healthy-restart')
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /not running once \(4 rows of 0B \/ 0B, read as gaps, not as zero\), not at its limit/
    )
  })
})

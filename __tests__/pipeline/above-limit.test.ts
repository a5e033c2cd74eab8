/**
 * A series that stands above its configured memory limit fails oom-risk, whatever its trend:
 * a cache that outgrew its budget and then held flat (190 MiB against `limit: 128MiB`) passed
 * as "no significant growth toward the 128 MiB limit". The same run under its budget passes.
 */
import { runPipeline } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'

const now = new Date('2026-12-06T00:00:00Z')
const run = (dir: string) =>
  runPipeline({
    root: `__fixtures__/pipeline/above-limit/${dir}`,
    workspace: `__fixtures__/pipeline/above-limit/${dir}`,
    now
  })

describe('memory above its limit', () => {
  it('fails oom-risk on a flat series above its configured limit, saying by how much', async () => {
    const report = await run('over')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const over = report.findings.find((f) => f.signature === 'oom-risk' && f.metric === 'rss')
    expect(over?.level).toBe('fail')
    expect(over?.evidence.aboveLimit).toBe(true)
    expect(over?.message).toMatch(
      /rss stands at 19\d MiB at the end of the run \(median of its last 10 readings\), above its 128 MiB limit \(14\d% of it\)/
    )
    // the "What leaks" row says where it stands, not when it gets there
    expect(report.presentation?.leaks[0]?.limit?.aboveLevel).toBeGreaterThan(128 * 2 ** 20)
    expect(renderMarkdown(report)).toMatch(/\| above 128 MiB \(at 19\d MiB\) \|/)
    // no trend signature claims a growth the flat end does not show
    expect(report.findings.filter((f) => f.signature !== 'oom-risk')).toEqual([])
  })

  it('fails a top RES that levelled off far past its budget (1.6-1.7 GiB against 1 GiB)', async () => {
    // read by a pattern, RES in KiB then "1.2g" cells; its shape alone is a cache that filled
    const report = await run('top-res-levelled')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const over = report.findings.find((f) => f.signature === 'oom-risk' && f.metric === 'res')
    expect(over?.message).toMatch(
      /res stands at 1\.7 GiB at the end of the run \(median of its last 3 readings\), above its 1 GiB limit/
    )
  })

  it('passes the same shape under its limit', async () => {
    const report = await run('under')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(/no significant growth toward the 128 MiB limit/)
  })
})

/**
 * retained-after-load beside a series of the same metric: memory that arrived while the series
 * filled and then stayed flat to the end (a cache filling after the baseline) is bounded, a healthy
 * line; memory still added at the pace of the work is not. Fixtures:
 * __fixtures__/pipeline/cache-after-baseline.
 */
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/cache-after-baseline'
const run = (dir: string) =>
  runPipeline({
    root: `${root}/${dir}`,
    workspace: `${root}/${dir}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

describe('retained memory of a cache that filled after the baseline', () => {
  it('is bounded when the series levelled off and stayed flat to the end', async () => {
    const report = await run('filled')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
    expect(report.healthy.join('\n')).toMatch(
      /rss: \+14\.3 MiB \(\+73\.9%\) after load \(19\.3 MiB → 33\.6 MiB\), arrived while filling, then levelled off and flat at the end of the run \(memory\.csv\)/
    )
  })

  it('is still a finding when the series keeps its pace to the end', async () => {
    const report = await run('keeps-pace')
    expect(report.verdict).toBe('fail')
    expect(
      report.findings.filter((f) => f.metric === 'rss').map((f) => `${f.signature} ${f.level}`)
    ).toEqual(expect.arrayContaining(['sustained-growth fail', 'retained-after-load warn']))
  })
})

/**
 * Counts in snapshots (fixtures in __fixtures__/pipeline/snapshot-counts): a registry that must
 * stay constant (2,921 → 8,000 DELEGATES over 5,079 archives) fails retained-after-load with no
 * config; constant registries pass; an explicit `retained-after-load: 0` on the count applies;
 * a check its signature cannot judge (rising-floor on a snapshot count) is an error, not silence.
 */
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/snapshot-counts'
const run = (data: string, config?: string) =>
  runPipeline({
    root: `${root}/${data}`,
    workspace: root,
    ...(config ? { configPath: `${process.cwd()}/${root}/${config}/leak-gate.yml` } : {}),
    now: new Date('2026-11-25T00:00:00Z')
  })

describe('counts in snapshots', () => {
  it('fails a registry that grew 2,921 → 8,000, with no config', async () => {
    const report = await run('grown')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const [finding] = report.findings
    expect(finding).toMatchObject({
      signature: 'retained-after-load',
      metric: 'registry.DELEGATES',
      level: 'fail'
    })
    expect(finding.message).toMatch(
      /^registry\.DELEGATES \+5,079 \(\+174%\) after load \(2,921 → 8,000\)/
    )
    // The registries that stayed at 2,921 are said to be unchanged.
    expect(report.healthy.join('\n')).toMatch(/registry\.DEPENDENCIES.*unchanged/)
  })

  it('passes registries that stay constant', async () => {
    const report = await run('constant')
    expect(report.verdict).toBe('pass')
  })

  it('applies an explicit retained-after-load: 0 to the count', async () => {
    const report = await run('grown', 'config-applies')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.findings[0].message).toMatch(/over the 0 tolerance/)
  })

  it('is an error when a check cannot apply to the metric it names', async () => {
    const report = await run('grown', 'config-cannot')
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message).join('\n')).toMatch(
      /key "checks\.registry\.DELEGATES\.rising-floor": rising-floor cannot judge registry\.DELEGATES \(a snapshot count metric\): it judges memory series/
    )
  })
})

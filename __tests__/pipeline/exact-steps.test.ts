/**
 * Readings exact to the byte (PHP's memory_get_usage(), a runtime's own allocation counter) that
 * rise by the very same amount after every request: under the size tolerance, but no chance. A
 * warning with the step, not a pass and not a fail (fixtures in __fixtures__/pipeline/exact-steps).
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

const DIR = '__fixtures__/pipeline/exact-steps'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `${DIR}/${name}`,
    workspace: `${DIR}/${name}`,
    configPath: `${process.cwd()}/${DIR}/${name}/leak-gate.yml`,
    configAnywhere: true,
    now: new Date('2026-12-06T00:00:00Z')
  })

describe('a rise exact to the byte at every step', () => {
  it('+648 B after each of 24 requests, to the end: warns with the step', async () => {
    const report = await run('kept')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    const finding = report.findings.find((f) => f.signature === 'sustained-growth')!
    expect(finding.level).toBe('warn')
    expect(finding.evidence.basis).toBe('exact-steps')
    expect(finding.evidence.step).toBe(648)
    expect(finding.message).toMatch(/^memory rises exactly \+648 B at each of the last \d+ steps/)
    expect(finding.message).toContain('run longer to tell')
  })

  it('+648 B per request that stopped (a table filled): passes', async () => {
    const report = await run('filled')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('RSS rounded to KiB, one page per request: not exact, passes', async () => {
    const report = await run('rounded')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })
})

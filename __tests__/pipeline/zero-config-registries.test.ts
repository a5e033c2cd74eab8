/**
 * Registry sizes judged with no config: the Python worker's `broker_stats.csv`
 * (real runs of examples/python-worker) logs the `len()` of its module-level
 * registries (`DELEGATES`, `DEPENDENCIES`, `COMPONENTS_BY_TYPE`) beside its
 * object counters and `gc.get_count()` (`gen0`..`gen2`). The registries must
 * stay constant: with no config they are counts, judged like any count (a
 * growing one fails on its own column, not only through RSS); the gc
 * counters, a sawtooth of allocations, are never judged. A budget per unit
 * of work in a config that names only the file still applies.
 */
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(() => removeTempDirs())

const REGISTRIES = ['DELEGATES', 'DEPENDENCIES', 'COMPONENTS_BY_TYPE']
const GC_COUNTERS = ['gen0', 'gen1', 'gen2']
const NOW = new Date('2026-11-25T00:00:00Z')

/** An example's artifacts as a user ships them, without the example's config. */
function withoutConfig(example: string): string {
  const dir = makeTempDir(`registries-${example}`)
  cpSync(join('examples', example, 'artifacts'), dir, {
    recursive: true,
    filter: (source) => !/(leak-gate\.ya?ml|expected\.json)$/.test(source)
  })
  return dir
}

const failsOn = (report: Report, metric: string): string[] =>
  report.findings
    .filter((finding) => finding.level === 'fail' && finding.metric === metric)
    .map((finding) => finding.signature)

describe('zero-config judges registry sizes as counts, never the gc counters', () => {
  it.each([
    // every archive registers a new component: +1 per archive in each registry
    { example: 'registry-growth', verdict: 'fail', registriesFail: true },
    { example: 'broker-healthy', verdict: 'pass', registriesFail: false },
    // brokers kept alive: a leak of objects, the registries stay at 2,921
    { example: 'broker-leak', verdict: 'fail', registriesFail: false },
    // malloc never freed: RSS leaks, the registries stay
    { example: 'python-native-leak', verdict: 'fail', registriesFail: false },
    // the first seed report's 3 h 46 min run: 2,921 throughout
    { example: 'seed-python-pipeline', verdict: 'pass', registriesFail: false }
  ])('$example → $verdict', async ({ example, verdict, registriesFail }) => {
    const report = await runPipeline({ root: withoutConfig(example), workspace: '.', now: NOW })
    expect(report.errors).toEqual([])
    expect(report.config).toBe('zero-config')
    expect(report.verdict).toBe(verdict)
    const broker = report.inputs.find((input) => input.file === 'broker_stats.csv')
    expect(broker?.note).toMatch(
      /DELEGATES \(count\), DEPENDENCIES \(count\), COMPONENTS_BY_TYPE \(count\)/
    )
    expect(broker?.note).toMatch(/"gen0", "gen1", "gen2" not judged/)
    const metrics = report.metrics.map((metric) => metric.metric)
    for (const registry of REGISTRIES) {
      expect(metrics).toContain(registry)
      expect(failsOn(report, registry)).toEqual(registriesFail ? ['sustained-growth'] : [])
    }
    for (const counter of GC_COUNTERS) expect(metrics).not.toContain(counter)
  })

  it('snapshots of a multi-tenant registry: what grows with the tenants and models loaded is no kept count', async () => {
    // the second seed report: tenantRegistries 16 → 118 (one per tenant), uniqueModels 127 → 1,555,
    // reuseCount 121 → 3,538 (reuses, a counter of happenings) over a 50-tenant test; no leak
    const report = await runPipeline({
      root: withoutConfig('seed-node-registry'),
      workspace: '.',
      now: NOW
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.metrics.map((metric) => metric.metric)).toEqual([
      'rss',
      'heapTotal',
      'heapUsed',
      'external'
    ])
  })

  it('the registry finding says the growth per archive: 1 per archive', async () => {
    const report = await runPipeline({
      root: withoutConfig('registry-growth'),
      workspace: '.',
      now: NOW
    })
    const delegates = report.findings.find(
      (finding) => finding.metric === 'DELEGATES' && finding.signature === 'sustained-growth'
    )
    expect(delegates?.message).toMatch(/^DELEGATES grows \+[\d,]+\/h .*; 1 per archive$/)
    expect(delegates?.evidence.perWork).toBe(1)
  })

  it.each([
    // a budget above what each archive adds (1): the registries are within it
    { budget: 2, fails: [] },
    // a budget under it: each registry fails per-work-cost
    { budget: 0.5, fails: ['per-work-cost'] }
  ])(
    'a config naming only the files with a per-archive budget of $budget judges the registries by it',
    async ({ budget, fails }) => {
      const dir = withoutConfig('registry-growth')
      const configPath = join(makeTempDir('registries-config'), 'leak-gate.yml')
      writeFileSync(
        configPath,
        [
          'series:',
          '  - file: broker_stats.csv',
          '  - file: memory.csv',
          'checks:',
          ...REGISTRIES.map((registry) => `  ${registry}: { per-work-cost: ${budget} }`)
        ].join('\n') + '\n'
      )
      const report = await runPipeline({
        root: dir,
        workspace: dir,
        configPath,
        configAnywhere: true,
        now: NOW
      })
      expect(report.errors).toEqual([])
      for (const registry of REGISTRIES) expect(failsOn(report, registry)).toEqual(fails)
    }
  )
})

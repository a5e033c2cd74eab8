/**
 * The ground truth: every bundled example (real programs measured the way users
 * measure, plus the two seed-report reconstructions) gets its expected verdict and
 * at least the signatures its expected.json requires, through the whole pipeline.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { groupLeaks } from '../../src/analyze/leak-rows.js'
import { runPipeline } from '../../src/pipeline.js'
import { renderMermaidChart } from '../../src/report/mermaid-chart.js'

interface Expected {
  verdict: 'pass' | 'warn' | 'fail'
  signatures: string[]
  why: string
}

const examples = readdirSync('examples', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join('examples', entry.name, 'artifacts'))
  .filter((dir) => existsSync(join(dir, 'expected.json')))
  .map((dir) => ({
    dir,
    expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected
  }))

describe('bundled examples', () => {
  it('exist: leaks and healthy services both', () => {
    expect(examples.filter((e) => e.expected.verdict === 'fail').length).toBeGreaterThanOrEqual(5)
    expect(examples.filter((e) => e.expected.verdict === 'pass').length).toBeGreaterThanOrEqual(5)
  })

  it.each(examples)('$dir → $expected.verdict', async ({ dir, expected }) => {
    const report = await runPipeline({
      root: dir,
      workspace: dir,
      now: new Date('2026-11-25T00:00:00Z')
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe(expected.verdict)
    const signatures = new Set(report.findings.map((finding) => finding.signature))
    for (const signature of expected.signatures) expect(signatures).toContain(signature)
    if (expected.verdict === 'pass') {
      // A healthy verdict must say why, not just stay silent.
      expect(report.healthy.length).toBeGreaterThan(0)
    }
  })

  it('the Go goroutine leak: its headline names the goroutines, not the bytes of their stacks', async () => {
    const report = await runPipeline({
      root: 'examples/go-goroutine-leak/artifacts',
      workspace: 'examples/go-goroutine-leak/artifacts',
      now: new Date('2026-11-25T00:00:00Z')
    })
    const [row] = groupLeaks(report)
    expect(row.metric).toBe('goroutines')
    expect(row.sentence).toMatch(/^memory\.csv: goroutines grows \+/)
    // the stacks still fail beside it, in the same row
    const stacks = report.findings.find((f) => f.metric === 'stack_inuse_bytes')
    expect(stacks?.level).toBe('fail')
    expect(row.findingIds).toContain(stacks?.id)
    // the chart of a count names its floor without a collector
    const goroutines = report.metrics.find((m) => m.kind === 'series' && m.metric === 'goroutines')
    const chart = goroutines?.kind === 'series' ? renderMermaidChart(goroutines) : ''
    expect(chart).toContain('title "goroutines: mean (blue) and floor (green)"')
  })

  it('seed report 2: the per-model cost is computed and under the 70 KiB budget', async () => {
    const report = await runPipeline({
      root: 'examples/seed-node-registry/artifacts',
      workspace: '.'
    })
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /1,428 models = 11\.\d KiB per model, under the 70KiB budget/
    )
    expect(report.healthy.join('\n')).toMatch(/rss.*fell 38\.5\s?%/)
  })

  it('seed report 1: the sawtooth over 3 h 46 min is called healthy because its floor is flat', async () => {
    const report = await runPipeline({
      root: 'examples/seed-python-pipeline/artifacts',
      workspace: '.'
    })
    expect(report.verdict).toBe('pass')
    const text = report.healthy.join('\n')
    expect(text).toMatch(/MemUsage/)
    expect(text).toMatch(/live stays at 2/)
    // The whole run is said next to the steady trend (the analysts: "memory fell 28.9 MiB", from
    // 13:06:13; the file starts two rows earlier at 291.4 MiB and ends at 264.8 MiB).
    expect(text).toMatch(/MemUsage\[rules-processing\]: .*memory fell 26\.6 MiB over the whole run/)
  })
})

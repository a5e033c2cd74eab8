/**
 * A healthy line must not read as a contradiction: "without a significant trend (p = 0.035)"
 * looks significant to most readers, so a p between α and 0.1 says what a trend needed.
 */
import { runPipeline } from '../../src/pipeline.js'

describe('a suggestive p on a healthy line', () => {
  it('says it is only suggestive and what a trend needs (the seed reconstruction, 3 h 46 min of docker stats)', async () => {
    const root = 'examples/seed-python-pipeline/artifacts'
    const report = await runPipeline({
      root,
      workspace: root,
      now: new Date('2026-11-25T00:00:00Z')
    })
    expect(report.verdict).toBe('pass')
    const line = report.healthy.find((h) => h.startsWith('MemUsage[rules-processing]'))
    // The floor's minima sit at 212–254 MiB for three quarters of the run, then at 257–263 MiB:
    // said as that step, with its test's p and what a trend needed.
    expect(line).toMatch(
      /floor stepped \+[\d.]+ MiB once, [^;]+ \(its trend test: \+[\d.]+ MiB\/h, p = 0\.0[1-9]\d*: only suggestive, a trend needs p < 0\.01\)/
    )
  })
})

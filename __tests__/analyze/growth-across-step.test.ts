/**
 * A step does not excuse growth on both sides of it. A table loaded once leaves memory the
 * allocator holds flat before and after it; a leak beside the table goes on through it at the
 * pace of its work, which fails as it would without the step, said on the two sides' own numbers
 * and weighed against the live heap beside the same step (see the fixture's README).
 */
import { findingLevels, recordingsIn } from '../helpers/judge-recording.js'
import {
  growthAcrossStep,
  growthBesideStep,
  riseBesideStep
} from '../../src/analyze/across-step.js'

const run = recordingsIn(
  '__fixtures__/pipeline/leak-beside-table',
  'examples/step-40/artifacts/leak-gate.yml'
)

describe('growth on both sides of a step (recorded table of 16 MiB at 60 %)', () => {
  it.each([true, false])('passes the table alone (config: %s)', async (configured) => {
    const report = await run('table16', configured)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /MemUsage\[step-40-web-1\]: steady part stepped \+4\d\.\d MiB once, .* flat before and after/
    )
  })

  it.each([true, false])(
    'fails a heap leak of 200 B per request beside it, held by the program (config: %s)',
    async (configured) => {
      const report = await run('table16-heap200', configured)
      expect(report.verdict).toBe('fail')
      expect(findingLevels(report)).toContain('fail sustained-growth:MemUsage[step-40-web-1]')
      const usage = report.findings.find((f) => f.metric === 'MemUsage[step-40-web-1]')!
      expect(usage.evidence.basis).toBe('across-step')
      expect(usage.message).toMatch(
        /grows on both sides of a step: it stepped \+5\d\.\d MiB once, 3 min 5 s into the run \(61\.2% of it\), and rose \+8\.\d+ MiB over 2 min \(.*p < 0\.001\) before it and \+8\.\d+ MiB over 1 min 58 s \(.*p < 0\.001\) after it, \+16\.\d MiB beside the step/
      )
      expect(usage.message).toMatch(
        /heapUsed \(the live heap, memory\.csv\) rose \+9\.\d+ MiB beside the step over the same time: the program holds what it added/
      )
    }
  )

  it.each([true, false])(
    'fails a native leak of 300 B per request beside it, outside the heap (config: %s)',
    async (configured) => {
      const report = await run('table16-native300', configured)
      expect(report.verdict).toBe('fail')
      const usage = report.findings.find((f) => f.metric === 'MemUsage[step-40-web-1]')!
      expect(usage.level).toBe('fail')
      expect(usage.message).toMatch(
        /\+24\.\d MiB beside the step \(18\.\d% of 128 MiB\), over the 5% of the level and 4 MiB tolerance/
      )
      expect(usage.message).toMatch(
        /heapUsed \(the live heap, memory\.csv\) rose only \+\d+ KiB beside the step over the same time: memory held outside the heap, a native leak/
      )
    }
  )
})

describe("growth of RSS on both sides of the live heap's step (recorded table of 20 MiB at 40 %)", () => {
  it.each([true, false])('passes the table alone (config: %s)', async (configured) => {
    const report = await run('table20', configured)
    expect(report.errors).toEqual([])
    expect(findingLevels(report)).toEqual([])
  })

  it.each([true, false])(
    'fails 300 B per request outside the heap, though RSS rose under twice the step (config: %s)',
    async (configured) => {
      const report = await run('table20-native300', configured)
      expect(findingLevels(report)).toEqual(
        expect.arrayContaining([
          'fail sustained-growth:rss',
          'fail sustained-growth:MemUsage[step-40-web-1]'
        ])
      )
      const rss = report.findings.find(
        (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
      )!
      expect(rss.message).toMatch(
        /while heapUsed \(the live heap\) stepped \+20\.4 MiB once and was flat before and after \(a table loaded once\), and rss rose \+6\.\d+ MiB before that step and \+14\.\d MiB after it, at one pace \(p < 0\.001 and p < 0\.001\): memory held outside the heap, a native leak/
      )
      expect(rss.evidence.outsideHeap).toBe(true)
    }
  )
})

describe('growthAcrossStep', () => {
  // a deterministic wobble of ±0.3 around each level, 60 readings a side
  const wobble = (i: number) => 0.3 * Math.sin(i * 1.7) + 0.2 * Math.cos(i * 0.9)
  const x = Array.from({ length: 120 }, (_, i) => i)
  const series = (pace: [number, number], step = 20) =>
    x.map(
      (i) =>
        100 +
        wobble(i) +
        (i >= 60 ? step : 0) +
        (i < 60 ? pace[0] * i : pace[0] * 60 + pace[1] * (i - 60))
    )

  it('reads a flat–step–flat window as no growth', () => {
    expect(growthAcrossStep(x, series([0, 0]))).toBeNull()
  })

  it('finds one pace on both sides, with the step left out', () => {
    const found = growthAcrossStep(x, series([0.1, 0.1]))!
    expect(found.stepX).toBe(60)
    expect(found.stepSize).toBeGreaterThan(19)
    expect(found.before.pValue).toBeLessThan(0.01)
    expect(found.after.pValue).toBeLessThan(0.01)
    // 0.1 a reading over 59 readings a side
    expect(found.growth).toBeCloseTo(11.8, 0)
  })

  it('refuses paces more than twice apart, and a side that falls', () => {
    expect(growthAcrossStep(x, series([0.1, 0.03]))).toBeNull()
    expect(growthAcrossStep(x, series([0.1, -0.1]))).toBeNull()
  })

  it('needs eight readings a side', () => {
    expect(growthAcrossStep(x.slice(0, 14), series([0.1, 0.1]).slice(0, 14))).toBeNull()
  })

  it('tests one pace at a step another series took', () => {
    const found = growthBesideStep(x, series([0.1, 0.1], 0), 60)!
    expect(found.stepX).toBe(60)
    expect(found.growth).toBeCloseTo(11.8, 0)
    expect(growthBesideStep(x, series([0, 0]), 60)).toBeNull()
  })

  it('measures another series beside the step, a falling side as none', () => {
    const y = series([0.1, -0.1])
    expect(riseBesideStep(x, y, 0, 60, 119)).toBeCloseTo(5.9, 0)
    expect(riseBesideStep(x, y, 0, 115, 119)).toBeNull()
  })
})

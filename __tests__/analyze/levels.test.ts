/**
 * Warn and fail levels per threshold: `checks: {heapUsed: {sustained-growth: {warn: 1MiB/h,
 * fail: 20MiB/h}}}` parsed from YAML and applied: growth between the levels is a warning,
 * beyond the fail level a failure; `{warn: …}` alone only warns; levels of two kinds, warn
 * above fail, or a level on a signature without levels are configuration errors.
 */
import { analyze } from '../../src/analyze/index.js'
import { parseConfig } from '../../src/config/parse-config.js'
import { config, heapSeries, leak } from './synthetic.js'

const now = new Date('2026-03-01T00:00:00Z')
const checksOf = (yaml: string) => parseConfig(yaml, 'leak-gate.yml').checks

describe('warn and fail levels', () => {
  it('parses {warn, fail} into the fail quantity carrying the warn one', () => {
    const checks = checksOf(
      'checks:\n  heapUsed:\n    sustained-growth: { warn: 1MiB/h, fail: 20MiB/h }\n'
    )
    expect(checks.heapUsed['sustained-growth']).toEqual({
      amount: 20 * 1024 * 1024,
      unit: 'bytes',
      perHour: true,
      text: '20MiB/h',
      warn: { amount: 1024 * 1024, unit: 'bytes', perHour: true, text: '1MiB/h' }
    })
  })

  it.each([
    ['warn above fail', '{ warn: 20MiB/h, fail: 1MiB/h }', /warn 20MiB\/h above fail 1MiB\/h/],
    ['two kinds', '{ warn: 1MiB/h, fail: 2%/h }', /of one kind/],
    ['an unknown key', '{ warm: 1MiB/h }', /heapUsed/],
    ['off as a level', '{ warn: off }', /heapUsed/]
  ])('rejects %s', (_, value, message) => {
    expect(() => checksOf(`checks:\n  heapUsed:\n    sustained-growth: ${value}\n`)).toThrow(
      message
    )
  })

  it('rejects levels on a signature that has one threshold', () => {
    expect(() => checksOf('checks:\n  rss:\n    oom-risk: { warn: 24h, fail: 2h }\n')).toThrow(
      /oom-risk/
    )
  })

  // A heap leaking 150 B/request at 300 req/s: ~150 MiB/h.
  const leaking = () => heapSeries({ seed: 11, extra: leak(150, 300) })

  it('warns between the levels', () => {
    const checks = checksOf(
      'checks:\n  heapUsed:\n    sustained-growth: { warn: 10MiB/h, fail: 1GiB/h }\n    rising-floor: off\n'
    )
    const result = analyze({ series: [leaking()], config: config({ checks }), now })
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.level).toBe('warn')
    expect(growth.message).toMatch(/beyond the warn level 10MiB\/h, under the fail level 1GiB\/h$/)
    expect(growth.evidence).toMatchObject({ warnLevel: '10MiB/h', failLevel: '1GiB/h' })
  })

  it('fails beyond the fail level', () => {
    const checks = checksOf(
      'checks:\n  heapUsed:\n    sustained-growth: { warn: 1MiB/h, fail: 20MiB/h }\n'
    )
    const result = analyze({ series: [leaking()], config: config({ checks }), now })
    const growth = result.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.level).toBe('fail')
    expect(growth.message).toMatch(/beyond the fail level 20MiB\/h$/)
  })

  it('only warns with {warn} alone', () => {
    const checks = checksOf(
      'checks:\n  heapUsed:\n    sustained-growth: { warn: 1MiB/h }\n    rising-floor: { warn: 1MiB/h }\n'
    )
    const result = analyze({ series: [leaking()], config: config({ checks }), now })
    expect(result.findings.length).toBeGreaterThan(0)
    for (const finding of result.findings) expect(finding.level).toBe('warn')
  })
})

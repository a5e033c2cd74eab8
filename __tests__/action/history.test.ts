/**
 * The comment's hidden history, version 2 (issue 14): compressed, bounded,
 * stamped with the run that wrote it; version 1 still read.
 */
import {
  computeHistory,
  encodeHiddenData,
  isNewerRun,
  readStoredHistory
} from '../../src/publish/history.js'
import { hiddenDataComment } from '../../src/report/escape.js'

const findings = Array.from({ length: 2_000 }, (_, index) => ({
  id: `sustained-growth:load-test/docker_stats.csv[container-${index}]:MemUsage`,
  signature: 'sustained-growth' as const,
  metric: 'MemUsage',
  source: `load-test/docker_stats.csv[container-${index}]`
}))

const body = (data: string) => `<!-- leak-gate:default -->\nbody\n${hiddenDataComment(data)}\n`

describe('hidden history', () => {
  it('round-trips with its run stamp, ids rebuilt or kept', () => {
    const odd = { id: 'custom-id', signature: 'oom-risk' as const, metric: 'rss', source: 'a.csv' }
    const stored = readStoredHistory(body(encodeHiddenData([findings[0], odd], [1234, 2])))
    expect(stored).toEqual({ findings: [findings[0], odd], partial: false, run: [1234, 2] })
  })

  it('stays within its bound: the first findings that fit, marked partial, and then no history is claimed', () => {
    const data = encodeHiddenData(findings, [1, 1], 2_000)
    expect(hiddenDataComment(data).length).toBeLessThanOrEqual(2_000)
    const stored = readStoredHistory(body(data))!
    expect(stored.partial).toBe(true)
    expect(stored.findings.length).toBeGreaterThan(10)
    expect(stored.findings).toEqual(findings.slice(0, stored.findings.length))
    expect(computeHistory(findings, stored)).toBeUndefined()
  })

  it('compresses: 2,000 findings fit the default bound whole', () => {
    const data = encodeHiddenData(findings, [1, 1])
    expect(readStoredHistory(body(data))?.partial).toBe(false)
  })

  it('still reads version 1, and orders runs by id, then attempt', () => {
    const v1 = JSON.stringify({
      v: 1,
      f: [[findings[0].id, 'sustained-growth', 'MemUsage', findings[0].source]]
    })
    expect(readStoredHistory(body(v1))).toEqual({ findings: [findings[0]], partial: false })
    expect(isNewerRun([2, 1], [1, 9])).toBe(true)
    expect(isNewerRun([2, 2], [2, 1])).toBe(true)
    expect(isNewerRun([2, 1], [2, 1])).toBe(false)
    expect(isNewerRun(undefined, [1, 1])).toBe(false)
  })
})

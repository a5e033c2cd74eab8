/**
 * The table differ on small literal histograms: the rule's edges (a cache
 * filling up, one-time initialisation, a threshold, work per phase), and the
 * work read from a series at each histogram's time.
 */
import { compareHistograms } from '../../src/histogram/compare.js'
import { workAtTime } from '../../src/histogram/stage.js'
import type { Histogram } from '../../src/histogram/types.js'
import type { Series } from '../../src/model.js'

/** JVM-like complete histograms from class → counts per histogram. */
function jvm(counts: Record<string, number[]>): Histogram[] {
  const n = Object.values(counts)[0].length
  return Array.from({ length: n }, (_, i) => ({
    file: `h-${i + 1}.txt`,
    format: 'jvm-histogram' as const,
    complete: true,
    rows: Object.entries(counts)
      .filter(([, c]) => c[i] > 0)
      .map(([name, c], line) => ({ name, count: c[i], bytes: c[i] * 24, line: line + 4 }))
  }))
}

const leaking = (histograms: Histogram[], work?: number[]) =>
  compareHistograms(histograms, { checks: {}, ...(work ? { work } : {}) }).findings.map(
    (f) => f.metric
  )

describe('leaking-class on three histograms', () => {
  it('fails a class that grows with the work in both phases, and nothing else', () => {
    const h = jvm({
      'com.example.Session': [1000, 6000, 11000], // +5,000 per phase: leak
      'com.example.Cache$Entry': [500, 4500, 5000], // +4,000 then +500: a cache filling up
      'com.example.Config': [10, 400, 400], // one-time initialisation
      'com.example.Tick': [100, 150, 210] // under 100 per phase
    })
    expect(leaking(h)).toEqual(['com.example.Session'])
    const table = compareHistograms(h, { checks: {} }).table
    const why = Object.fromEntries(table.rows.map((r) => [r.name, r.why]))
    expect(why['com.example.Cache$Entry']).toContain(
      'slowing: phase 2 grew 12.5 % as fast as phase 1'
    )
    expect(table.notes.join(' ')).toContain('phases are taken as equal in work')
  })

  it('judges per unit of work: a phase 2 with less work and as much growth per unit still fails', () => {
    const h = jvm({ Session: [1000, 11000, 15000] })
    expect(leaking(h)).toEqual([]) // per histogram: 4,000 is under half of 10,000
    expect(leaking(h, [0, 10000, 14000])).toEqual(['Session']) // 1 per unit in both phases
  })

  it('a checks: threshold and off apply by class name', () => {
    const h = jvm({ Session: [1000, 6000, 11000], Other: [0, 5000, 10000] })
    const findings = compareHistograms(h, {
      checks: {
        Session: { 'leaking-class': 'off' },
        '*': { 'leaking-class': { amount: 4000, unit: 'count', text: '4000' } }
      }
    }).findings
    expect(findings.map((f) => f.metric)).toEqual(['Other'])
  })

  it('more than three histograms: phase 1 is the first half of the phases', () => {
    const h = jvm({ Session: [0, 1000, 2000, 3000, 4000] })
    expect(leaking(h)).toEqual(['Session'])
    const result = compareHistograms(h, { checks: {} })
    expect(result.findings[0].evidence).toMatchObject({ phase1Growth: 2000, phase2Growth: 2000 })
  })

  it('a work count that does not rise is not judged', () => {
    const h = jvm({ Session: [1000, 6000, 11000] })
    const result = compareHistograms(h, { checks: {}, work: [100, 100, 200] })
    expect(result.findings).toEqual([])
    expect(result.table.judged).toBe(false)
  })
})

describe('work at a histogram time', () => {
  const series = {
    id: 'm.csv:rss',
    file: 'm.csv',
    metric: 'rss',
    kind: 'memory',
    unit: 'bytes',
    timeBase: 'epoch',
    time: [0, 1000, 2000, 3000],
    work: [0, 100, 250, 400],
    workName: 'requests',
    value: [1, 2, 3, 4],
    min: [1, 2, 3, 4],
    max: [1, 2, 3, 4],
    count: [1, 1, 1, 1],
    samples: 4,
    reduced: false
  } as Series

  it('is the last sample at or before the time, from a series with a work column', () => {
    expect(workAtTime([series], 2500)).toEqual({ work: 250, name: 'requests' })
    expect(workAtTime([series], 3000)).toEqual({ work: 400, name: 'requests' })
  })

  it('is unknown outside the series or without a work column', () => {
    expect(workAtTime([series], 60_000)).toBeUndefined()
    expect(workAtTime([{ ...series, workName: undefined }], 2500)).toBeUndefined()
  })
})

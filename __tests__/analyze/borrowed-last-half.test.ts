/**
 * A floor with no fall in view whose last half is too short for windows of its own borrows the
 * mean's last half (series-analysis.ts): as the floor's end check only. The late rise it shows is
 * the mean's own finding; the floor does not report it again as a rising floor of its own (a
 * healthy cache fill sampled every 4th reading warned rising-floor over "the last 9 s").
 */
import { judgeWindows } from '../../src/analyze/growth.js'
import type { TrendFit } from '../../src/analyze/series-analysis.js'

const tolerance = {
  type: 'default' as const,
  absolute: 1024 * 1024,
  percent: 5,
  text: '5% of the level and 1 MiB'
}
const MiB = 1024 * 1024

/** A fit of `growth` bytes over a window of `ms` on a 100 MiB level, with its p-value. */
function fit(growth: number, ms: number, pValue: number, extra: Partial<TrendFit> = {}): TrendFit {
  const slope = growth / ms
  return {
    basis: 'floor',
    slope,
    low: pValue < 0.01 ? slope / 2 : -slope,
    high: slope * 2,
    pValue,
    growth,
    level: 100 * MiB,
    endExpected: 0,
    endRise: growth,
    ...extra
  } as TrendFit
}

describe("a floor's last half borrowed from the mean's", () => {
  const whole = fit(2 * MiB, 600_000, 0.2, { noDrops: true })
  const late = fit(8 * MiB, 60_000, 0.001, { noDrops: true })

  it('a last half of its own that rises late is a late finding', () => {
    const judged = judgeWindows(whole, late, tolerance, true)
    expect(judged?.fit).toBe(late)
    expect(judged?.growing).toBe(true)
  })

  it('borrowed, it is no late finding of the floor: the whole window is what the floor says', () => {
    const judged = judgeWindows(whole, { ...late, borrowed: true }, tolerance, true)
    expect(judged?.fit).toBe(whole)
    expect(judged?.growing).toBe(false)
  })
})

/**
 * A last half of memory the allocator holds (no fall in view) that slowed below half its first
 * half's pace, yet kept most of the window's, is no continuing trend when that pace, kept over
 * the whole window, adds no more than the tolerance's absolute part: only the first half's fill
 * took the window over it (growth.ts, deceleratedFromFirstHalf). Absolute, not a share of the
 * level, which a filled cache lifts.
 */
import { absoluteAllowance, judgeWindows } from '../../src/analyze/growth.js'
import type { TrendFit } from '../../src/analyze/series-analysis.js'

const MiB = 1024 * 1024
const tolerance = {
  type: 'default' as const,
  absolute: 4 * MiB,
  percent: 5,
  text: '5% of the level and 4 MiB'
}
const windowMs = 105_000

/** A significant window fit of `growth` bytes on a `level` over `ms`. */
function fit(growth: number, level: number, extra: Partial<TrendFit> = {}): TrendFit {
  const slope = growth / windowMs
  return {
    basis: 'values',
    x0: 0,
    x1: windowMs,
    slope,
    low: slope / 2,
    high: slope * 2,
    pValue: 0.0008,
    allSamplesPValue: 0.0001,
    growth,
    level,
    endExpected: 0,
    endRise: growth,
    ...extra
  } as TrendFit
}

/** A last half rising at `share` of the window's pace, after a first half at `firstShare` of it. */
function lastHalf(whole: TrendFit, share: number, firstShare: number): TrendFit {
  return fit(whole.growth * share, whole.level, {
    slope: whole.slope * share,
    x0: windowMs / 2,
    firstHalfSlope: whole.slope * firstShare
  })
}

describe('a last half that slowed from its first half, kept over the window', () => {
  // The recorded Python cache: +4.85 MiB over the window on 33.9 MiB, last half at 0.70 of the
  // window's pace and 0.23 of its first half's: +3.4 MiB at that pace.
  const whole = fit(4.85 * MiB, 33.9 * MiB)

  it('passes when that pace adds less than the absolute tolerance', () => {
    const judged = judgeWindows(whole, lastHalf(whole, 0.7, 3), tolerance, true)
    expect(judged?.growing).toBe(false)
    expect(judged?.slowedTo).toBeCloseTo(whole.slope * 0.7)
    expect(judged?.slowedFrom).toBeCloseTo(whole.slope * 3)
  })

  it('still fails when that pace alone would exceed it, whatever share of the level it is', () => {
    // +8.9 MiB at the late pace: under 5 % of a 190 MiB cache-lifted level, over 4 MiB.
    const big = fit(11.7 * MiB, 190 * MiB)
    expect(judgeWindows(big, lastHalf(big, 0.76, 5), tolerance, true)?.growing).toBe(true)
  })

  it('still fails a leak that kept its first half’s pace', () => {
    expect(judgeWindows(whole, lastHalf(whole, 0.7, 1.2), tolerance, true)?.growing).toBe(true)
  })

  it('still fails when the work slowed, not the memory per unit of work', () => {
    const late = { ...lastHalf(whole, 0.7, 3), workPaceVsFirst: 0.8 }
    expect(judgeWindows(whole, late, tolerance, true)?.growing).toBe(true)
  })

  it('has no absolute part to weigh a tolerance that is only a share of the level', () => {
    const percent = { type: 'window-percent' as const, percent: 5, text: '5%' }
    expect(absoluteAllowance(whole, percent, true)).toBeNull()
    expect(judgeWindows(whole, lastHalf(whole, 0.7, 3), percent, true)?.growing).toBe(true)
  })

  it('reads a rate tolerance over the window’s hours', () => {
    const rate = { type: 'rate' as const, perHour: 120 * MiB, text: '120 MiB/h' }
    expect(absoluteAllowance(whole, rate, true)).toBeCloseTo((120 * MiB * windowMs) / 3_600_000)
    expect(absoluteAllowance(whole, rate, false)).toBeNull()
  })
})

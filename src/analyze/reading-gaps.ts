/**
 * A long stretch with no readings in a series sampled in time: a log pasted in two slices, a
 * sampler that stalled, a loop that lost its target for minutes. What memory did there is not
 * seen, so a trend across it rests on the readings either side, and a whole-run rise may lie
 * inside it rather than in the warm-up: both are said, never passed over.
 */
import { median } from '../stats/median.js'
import { formatDuration } from './format.js'
import { GAP_MULTIPLE } from './segments.js'

/** A gap is said when it spans at least this share of the series (shorter pauses are noise). */
export const LONG_GAP_SHARE = 1 / 5

/** The longest stretch without readings, from one reading to the next. */
export interface ReadingGap {
  /** x of the reading before the gap and of the one after it (ms). */
  from: number
  to: number
  /** Index of the reading after the gap. */
  after: number
  /** The gap's share of the whole series' span. */
  share: number
}

/**
 * The longest gap between readings of a time axis when it is long: over {@link GAP_MULTIPLE}
 * usual intervals and at least {@link LONG_GAP_SHARE} of the span; else null.
 */
export function longReadingGap(x: readonly number[]): ReadingGap | null {
  if (x.length < 4) return null
  const span = x[x.length - 1] - x[0]
  if (!(span > 0)) return null
  let longest = 0
  for (let i = 1; i < x.length; i++)
    if (x[i] - x[i - 1] > x[longest + 1] - x[longest]) longest = i - 1
  const gap = x[longest + 1] - x[longest]
  // the share first: one pass, and the usual interval (a sort) only for a gap that long
  if (!(gap >= LONG_GAP_SHARE * span)) return null
  const intervals: number[] = []
  for (let i = 1; i < x.length; i++) intervals.push(x[i] - x[i - 1])
  if (!(gap > GAP_MULTIPLE * median(intervals))) return null
  return { from: x[longest], to: x[longest + 1], after: longest + 1, share: gap / span }
}

/** `no readings for 3 min 20 s (40 s → 4 min into the series, 69 % of it)`. */
export function describeReadingGap(gap: ReadingGap, x0: number): string {
  return `no readings for ${formatDuration(gap.to - gap.from)} (${formatDuration(gap.from - x0)} → ${formatDuration(gap.to - x0)} into the series, ${Math.round(gap.share * 100)}% of it)`
}

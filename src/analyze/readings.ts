/**
 * A series' own readings over a stretch of its x axis, and the paces of a stretch and of its end:
 * what the rules that look past bucket means (a regrowth slowing down, a rise on both sides of a
 * step, a native leak keeping its pace) read.
 */
import { theilSen } from '../stats/theil-sen.js'
import type { SeriesDetail } from './series-analysis.js'

/** Readings with x in [x0, x1] and a finite value, with their work counts (NaN where none). */
export function readingsBetween(
  detail: SeriesDetail,
  x0: number,
  x1: number
): { x: number[]; y: number[]; work: number[] } {
  const x: number[] = []
  const y: number[] = []
  const work: number[] = []
  const { value } = detail.series
  for (let i = 0; i < detail.x.length; i++) {
    if (detail.x[i] < x0 || detail.x[i] > x1 || !Number.isFinite(value[i])) continue
    x.push(detail.x[i])
    y.push(value[i])
    work.push(detail.series.work[i])
  }
  return { x, y, work }
}

/** Most readings a pace is measured on (Theil–Sen is O(n²)): every k-th beyond it. */
export const MAX_PACE_READINGS = 400

/**
 * Theil–Sen pace of a stretch of readings against `axis` (their x, or their work), and of its
 * second half: `endPace / pace` is how much of its pace it kept to its end.
 */
export function paceAndEndPace(
  axis: readonly number[],
  y: readonly number[]
): { pace: number; endPace: number } {
  const step = Math.max(1, Math.ceil(y.length / MAX_PACE_READINGS))
  const pick = <T>(values: readonly T[]): T[] => values.filter((_, i) => i % step === 0)
  const half = Math.floor(y.length / 2)
  return {
    pace: theilSen(pick(axis), pick(y)).slope,
    endPace: theilSen(pick(axis.slice(half)), pick(y.slice(half))).slope
  }
}

import { bucketBounds } from './buckets.js'

/** Points with their spread: a Series' arrays, or the result of {@link downsample}. */
export interface SpreadPoints {
  x: number[]
  /** Mean of the samples in each point. */
  value: number[]
  min: number[]
  max: number[]
  /** Raw samples per point (1 for raw samples). */
  count: number[]
}

/**
 * Reduces points to at most `maxPoints` buckets of consecutive points: x and
 * value are the sample-weighted means, min and max the extremes, count the
 * samples. Keeping min and max (not only the mean) keeps the GC floor and
 * the peaks of a sawtooth visible, where plain averaging would flatten it.
 *
 * Reference: min/max-per-bucket decimation, as used by time-series charting
 * (e.g. Grafana's "min/max" consolidation). O(n).
 *
 * @example downsample({ x: [0, 1, 2, 3], value: [1, 5, 2, 6], min: [1, 5, 2, 6], max: [1, 5, 2, 6], count: [1, 1, 1, 1] }, 2)
 * // => { x: [0.5, 2.5], value: [3, 4], min: [1, 2], max: [5, 6], count: [2, 2] }
 */
export function downsample(points: SpreadPoints, maxPoints: number): SpreadPoints {
  const n = points.value.length
  const bounds = bucketBounds(n, maxPoints)
  const out: SpreadPoints = { x: [], value: [], min: [], max: [], count: [] }
  if (n === 0) return out
  for (let g = 0; g + 1 < bounds.length; g++) {
    let weight = 0
    let sumX = 0
    let sumValue = 0
    let low = Number.POSITIVE_INFINITY
    let high = Number.NEGATIVE_INFINITY
    for (let i = bounds[g]; i < bounds[g + 1]; i++) {
      const w = points.count[i] > 0 ? points.count[i] : 1
      weight += w
      sumX += points.x[i] * w
      sumValue += points.value[i] * w
      if (points.min[i] < low) low = points.min[i]
      if (points.max[i] > high) high = points.max[i]
    }
    out.x.push(sumX / weight)
    out.value.push(sumValue / weight)
    out.min.push(low)
    out.max.push(high)
    out.count.push(weight)
  }
  return out
}

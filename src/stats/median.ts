/**
 * Median of an array of numbers (the mean of the two middle values when the
 * length is even), without modifying the input.
 *
 * Reference: any statistics text; numpy.median gives the same values.
 * O(n log n) (a sorted copy).
 *
 * @example median([3, 1, 4, 1, 5]) // => 3
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median requires at least one data point')
  const sorted = Float64Array.from(values).sort()
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

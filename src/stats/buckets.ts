/**
 * Splits n consecutive points into at most `buckets` groups of nearly equal
 * size and returns the start index of each group plus n as the last entry
 * (so group g is [bounds[g], bounds[g+1])).
 *
 * Why: trend tests assume independent samples, and a memory series sampled
 * every second is anything but (a GC cycle spans many samples). Testing
 * 20–60 bucket means or minima instead of thousands of raw samples keeps a
 * wiggle from looking "significant", and makes Theil–Sen cheap.
 *
 * O(buckets).
 *
 * @example bucketBounds(10, 3) // => [0, 3, 6, 10]
 */
export function bucketBounds(n: number, buckets: number): number[] {
  if (n <= 0) return [0]
  const groups = Math.max(1, Math.min(n, Math.floor(buckets)))
  const bounds: number[] = []
  for (let g = 0; g < groups; g++) bounds.push(Math.floor((g * n) / groups))
  bounds.push(n)
  return bounds
}

/**
 * Rounds to the nearest integer, ties to even ("banker's rounding"), like
 * numpy.round. Theil–Sen's interval picks order statistics with it, so using
 * the same rule as scipy gives the same interval.
 *
 * Reference: IEEE 754 roundTiesToEven. O(1).
 *
 * @example roundHalfEven(2.5) // => 2
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x)
  const diff = x - floor
  if (diff < 0.5) return floor
  if (diff > 0.5) return floor + 1
  return floor % 2 === 0 ? floor : floor + 1
}

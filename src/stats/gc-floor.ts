import { bucketBounds } from './buckets.js'

/** The floor of a series: one minimum per window, at the x where it occurred. */
export interface Floor {
  x: number[]
  floor: number[]
}

/**
 * GC floor of a sawtooth: the minimum of each of `windows` consecutive
 * windows, with the x of that minimum.
 *
 * A garbage-collected heap rises between collections and drops after each;
 * the value right after a collection (the floor) is what the program still
 * holds. A flat floor under a sawtooth is healthy; a rising floor is memory
 * that survives collection. Windows should span at least one GC cycle each
 * (`analyze/` picks the count from the number of drops it sees).
 *
 * `min` is the per-point minimum (equal to the value for raw samples), so
 * already-bucketed series keep their true floor.
 *
 * Reference: lower envelope by windowed minima (e.g. Bagchi & al., heap
 * growth analysis; the "post-GC heap" line of JVM GC logs). O(n).
 *
 * @example gcFloor([0, 1, 2, 3, 4, 5], [5, 1, 6, 2, 7, 3], 3)
 * // => { x: [1, 3, 5], floor: [1, 2, 3] }
 */
export function gcFloor(x: readonly number[], min: readonly number[], windows: number): Floor {
  const bounds = bucketBounds(min.length, windows)
  const out: Floor = { x: [], floor: [] }
  if (min.length === 0) return out
  for (let g = 0; g + 1 < bounds.length; g++) {
    let at = bounds[g]
    for (let i = bounds[g] + 1; i < bounds[g + 1]; i++) if (min[i] < min[at]) at = i
    out.x.push(x[at])
    out.floor.push(min[at])
  }
  return out
}

/**
 * Major collections seen in a garbage-collected heap's samples, and the
 * floor they leave.
 *
 * A generational heap's floor (its minimum between collections) counts the
 * old generation, garbage included: objects that lived long enough to be
 * promoted (an evicted cache entry) stay there until a major collection.
 * Minor collections cannot lower that floor; a major collection can. So a
 * fall of the floor below the highest floor reached since the previous fall
 * marks a major collection, and the floor is measured (what survives
 * collection) only where such falls occur. Between them a rising floor may
 * be garbage waiting for one. A heap sampled slower than its young
 * collections has no floor on its climb (each reading above the last, the
 * promoted garbage piling up): there one fall far beyond the usual step
 * between readings marks a major collection.
 */

import { median } from './median.js'

/** What the samples show of major collections. */
export interface MajorCollections {
  /** Falls of the floor by more than the threshold: major collections seen. */
  count: number
  /** Lowest value in the first tenth of the samples (at least 3): the floor when the window starts. */
  startFloor: number
  /** Highest local minimum: how high the floor climbed at any point (a short plateau included). */
  peakFloor: number
  /**
   * Highest level the samples stayed at or above for {@link HELD_FRACTION} of
   * the samples in a row (at least 3): the highest minimum over any such run.
   * A floor that climbed and held (to the end, or until a major collection)
   * reaches it; a short spike or plateau mid-run does not raise it.
   */
  heldFloor: number
  /**
   * Index of the local minimum where the last major collection was seen (the
   * lowest point of its fall), or -1 when none was: after it, the floor is
   * what the program held then plus the young generation's garbage.
   */
  lastFall: number
}

/**
 * A fall between two readings this many times the median step between readings (and beyond the
 * threshold) is a major collection even where no local minimum came before it.
 */
export const SHARP_FALL_STEPS = 10

/** Median absolute step between consecutive readings (of at most ~10⁴ evenly spread ones). */
function medianStep(values: readonly number[]): number {
  const stride = Math.max(1, Math.floor(values.length / 10_000))
  const steps: number[] = []
  for (let i = stride; i < values.length; i += stride)
    steps.push(Math.abs(values[i] - values[i - 1]))
  return steps.length > 0 ? median(steps) : 0
}

/** Share of the samples a floor must hold for {@link MajorCollections.heldFloor} to count it. */
export const HELD_FRACTION = 0.15

/**
 * Counts floor falls larger than `threshold` (in the values' unit) over raw,
 * evenly spread samples. O(n). Null with fewer than 6 samples.
 */
export function majorCollections(
  values: readonly number[],
  threshold: number,
  /** Count sharp falls too (a heap's collections; RSS falls when the allocator hands pages back). */
  sharpFalls = true
): MajorCollections | null {
  const n = values.length
  if (n < 6) return null
  let count = 0
  let reference = Number.NaN
  let peakFloor = Number.NEGATIVE_INFINITY
  let lastFall = -1
  const sharp = sharpFalls
    ? Math.max(threshold, SHARP_FALL_STEPS * medianStep(values))
    : Number.POSITIVE_INFINITY
  for (let i = 1; i < n - 1; i++) {
    const v = values[i]
    const local = v <= values[i - 1] && v <= values[i + 1]
    if (local && v > peakFloor) peakFloor = v
    // A fall far beyond the usual step between readings, from a climb with no local minimum on
    // it (a heap sampled slower than its young collections climbs smoothly with promoted garbage):
    // a major collection, whatever floor came before (one fall over several readings counts once).
    if (values[i - 1] - v > sharp) {
      if (lastFall !== i - 1) count++
      reference = v
      lastFall = i
      continue
    }
    if (!local) continue
    if (Number.isNaN(reference)) reference = v
    else if (v < reference - threshold) {
      if (lastFall !== i - 1) count++
      reference = v
      lastFall = i
    } else if (v > reference) reference = v
    else if (lastFall >= 0 && v < values[lastFall]) lastFall = i // the same fall, still going down
  }
  if (peakFloor === Number.NEGATIVE_INFINITY) return null
  let startFloor = Number.POSITIVE_INFINITY
  const head = Math.max(3, Math.floor(n / 10))
  for (let i = 0; i < head; i++) if (values[i] < startFloor) startFloor = values[i]
  // Sliding-window minimum (a deque of indices with increasing values, from `head`): O(n).
  const span = Math.min(n, Math.max(3, Math.floor(n * HELD_FRACTION)))
  const deque: number[] = []
  let front = 0
  let heldFloor = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    while (deque.length > front && values[deque[deque.length - 1]] >= values[i]) deque.pop()
    deque.push(i)
    if (deque[front] <= i - span) front++
    if (i >= span - 1 && values[deque[front]] > heldFloor) heldFloor = values[deque[front]]
  }
  return { count, startFloor, peakFloor, heldFloor, lastFall }
}

/**
 * Readings taken after the load ended. A sampler often runs on for a moment after the load
 * generator stops (the script waits, then kills it): the process is idle, no collection runs, and
 * the heap rests wherever the last request left it, at a sawtooth's top as often as at its floor.
 * Its minima there are no GC floor, and a tooth's top held to the end reads as a rising floor and a
 * late rise: the heap-snapshot helper's healthy 15 s service, under CPU load, failed
 * sustained-growth on heapUsed in 2 of 31 runs (p = 0.049 on its last half), its last floor window
 * the idle tail's 7.7 MiB over a 5 MiB floor; without the tail, neither did.
 *
 * Where a work counter stopped for far longer than it ever held still while the load ran, the
 * readings after its last change are left out of the trend rules, with a note. Only a short tail: a long one is a
 * cool-down the user recorded on purpose (memory handed back at rest is evidence), kept as read.
 * Pure.
 */
import type { Series } from '../model.js'
import { formatDuration } from './format.js'

/** Fewest readings after the counter's last change that make an idle tail. */
export const IDLE_MIN_READINGS = 3
/** Most of a series' readings an idle tail may hold to be left out (a longer one is a cool-down). */
export const IDLE_MAX_SHARE = 0.25
/**
 * An idle tail is this many times longer than the longest run of readings the counter held still
 * for while the load ran (a counter read faster than it moves, or updated in batches, holds still
 * for a few readings at a time).
 */
export const IDLE_RUN_FACTOR = 2
/** The counter's pace over its last readings before the stop (the last tenth, 5 at least)... */
const LAST_STEPS = 5
const LAST_SHARE = 0.1
/** ... is at least half its pace over the whole load: it stopped, it did not wind down. */
export const PACE_KEPT = 0.5

/** Where a series' idle tail starts (its first reading left out), or null when it has none. */
export function idleTailStart(series: Series): number | null {
  const { work, count } = series
  const n = work.length
  if (series.workName === undefined || n < 2) return null
  const last = work[n - 1]
  if (!Number.isFinite(last)) return null
  // the reading that first counted the final value keeps its place: the last requests ran into it
  let first = n - 1
  while (first > 0 && work[first - 1] === last) first--
  const start = first + 1
  let readings = 0
  let total = 0
  for (let i = 0; i < n; i++) {
    total += count[i] || 1
    if (i >= start) readings += count[i] || 1
  }
  if (readings < IDLE_MIN_READINGS || readings > IDLE_MAX_SHARE * total) return null
  // The longest run the counter held still for after it first moved (a load starting late is warm-up).
  let moved = 1
  while (moved <= first && !(work[moved] > work[moved - 1])) moved++
  if (moved > first) return null
  let longest = 0
  let run = 0
  for (let i = moved; i <= first; i++) {
    run = work[i] === work[i - 1] ? run + (count[i] || 1) : 0
    longest = Math.max(longest, run)
  }
  if (!(readings > IDLE_RUN_FACTOR * longest)) return null
  // The load ran at its pace up to the stop: a counter slowing to nothing is a load winding down,
  // measured as it ran, not an idle end.
  const loaded = first - moved + 1
  const span = Math.min(loaded, Math.max(LAST_STEPS, Math.round(LAST_SHARE * loaded)))
  const pace = (work[first] - work[moved - 1]) / loaded
  const lastPace = (work[first] - work[first - span]) / span
  return lastPace >= PACE_KEPT * pace ? start : null
}

/** `series` without the points from `start` on. */
function cutAt(series: Series, start: number): Series {
  const count = series.count.slice(0, start)
  return {
    ...series,
    time: series.time.slice(0, start),
    work: series.work.slice(0, start),
    value: series.value.slice(0, start),
    min: series.min.slice(0, start),
    max: series.max.slice(0, start),
    count,
    samples: count.reduce((sum, c) => sum + (c || 1), 0)
  }
}

/**
 * Each series without its idle tail, and one note per file saying what was left out.
 *
 * @example withoutIdleTails(series).notes[0] // 'memory.csv: the last 75 readings (1.5 s), after requests stopped at 6,000, left out …'
 */
export function withoutIdleTails(input: Series[]): { series: Series[]; notes: string[] } {
  const said = new Map<string, string>()
  const series = input.map((s) => {
    const start = idleTailStart(s)
    if (start === null) return s
    if (!said.has(s.file)) {
      const readings = s.count.slice(start).reduce((sum, c) => sum + (c || 1), 0)
      const span =
        s.timeBase !== 'none' && Number.isFinite(s.time[start - 1])
          ? ` (${formatDuration(s.time[s.time.length - 1] - s.time[start - 1])})`
          : ''
      said.set(
        s.file,
        `${s.file}: the last ${readings} readings${span}, after ${s.workName} stopped at ${s.work[start - 1].toLocaleString('en-US')}, left out of the trend rules: the load had ended, and an idle process's memory rests wherever the last request left it (no collection runs to show its floor); memory at rest after the load is the post-test snapshot's to judge`
      )
    }
    return cutAt(s, start)
  })
  return { series, notes: [...said.values()] }
}

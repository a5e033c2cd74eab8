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
 * readings after its last change are left out of the trend rules, with a note, however long the
 * rest: a long idle end is a cool-down, and memory at rest after the load is the post-test
 * snapshot's to judge (judged with it, a leak held at its peak through an idle third of the file
 * passed, and a healthy cache's evicted garbage held there failed). Series with no counter of
 * their own (docker stats beside the service's memory.csv) are cut where the load ended too, when
 * every counter that says so agrees.
 * Pure.
 */
import type { Series } from '../model.js'
import { formatDuration } from './format.js'

/** Fewest readings after the counter's last change that make an idle tail. */
export const IDLE_MIN_READINGS = 2
/** Fewest readings the load must keep for its idle end to be left out (fewer cannot be judged). */
export const MIN_LOADED_READINGS = 8
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
  if (readings < IDLE_MIN_READINGS || total - readings < MIN_LOADED_READINGS) return null
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

/** The number of readings from `start` on. */
const readingsFrom = (series: Series, start: number): number =>
  series.count.slice(start).reduce((sum, c) => sum + (c || 1), 0)

/** ` (1.5 s)`: how long the readings from `start` on lasted after the one before, or ''. */
function spanFrom(series: Series, start: number): string {
  const from = series.time[start - 1]
  const to = series.time[series.time.length - 1]
  return series.timeBase !== 'none' && Number.isFinite(from) && Number.isFinite(to)
    ? ` (${formatDuration(to - from)})`
    : ''
}

/**
 * When the load ended, on a clock series without a counter can be cut at: the latest stop of
 * the counters, when every series that counts work on that clock stopped (one still counting to
 * its end says the load ran on). Null when no counter says so.
 */
function loadEnd(
  input: Series[],
  starts: Map<Series, number>
): { time: number; timeBase: Series['timeBase']; by: Series } | null {
  const counted = input.filter(
    (s) =>
      s.workName !== undefined &&
      s.timeBase !== 'none' &&
      s.work.length > 0 &&
      Number.isFinite(s.work[s.work.length - 1])
  )
  if (counted.length === 0) return null
  const timeBase = counted[0].timeBase
  let end: { time: number; timeBase: Series['timeBase']; by: Series } | null = null
  for (const s of counted) {
    const start = starts.get(s)
    if (s.timeBase !== timeBase || start === undefined) return null
    const time = s.time[start - 1]
    if (!Number.isFinite(time)) return null
    if (!end || time > end.time) end = { time, timeBase, by: s }
  }
  return end
}

/** Where a series with no counter of its own goes idle: its first reading after the load ended. */
function idleAfter(
  series: Series,
  end: { time: number; timeBase: Series['timeBase'] }
): number | null {
  if (series.workName !== undefined || series.timeBase !== end.timeBase) return null
  let start = series.time.length
  while (start > 0 && series.time[start - 1] > end.time) start--
  const readings = readingsFrom(series, start)
  const total = readingsFrom(series, 0)
  return readings >= IDLE_MIN_READINGS && total - readings >= MIN_LOADED_READINGS ? start : null
}

/**
 * Each series without its idle tail, and one note per file saying what was left out.
 *
 * @example withoutIdleTails(series).notes[0] // 'memory.csv: the last 75 readings (1.5 s), after requests stopped at 6,000, left out …'
 */
export function withoutIdleTails(input: Series[]): { series: Series[]; notes: string[] } {
  const starts = new Map<Series, number>()
  for (const s of input) {
    const start = idleTailStart(s)
    if (start !== null) starts.set(s, start)
  }
  const end = starts.size > 0 ? loadEnd(input, starts) : null
  const said = new Map<string, string>()
  const why =
    "left out of the trend rules: the load had ended, and an idle process's memory rests wherever the last request left it (no collection runs to show its floor); memory at rest after the load is the post-test snapshot's to judge"
  const series = input.map((s) => {
    const start = starts.get(s)
    if (start !== undefined) {
      if (!said.has(s.file))
        said.set(
          s.file,
          `${s.file}: the last ${readingsFrom(s, start)} readings${spanFrom(s, start)}, after ${s.workName} stopped at ${s.work[start - 1].toLocaleString('en-US')}, ${why}`
        )
      return cutAt(s, start)
    }
    const after = end ? idleAfter(s, end) : null
    if (after === null || !end) return s
    if (!said.has(s.file))
      said.set(
        s.file,
        `${s.file}: the last ${readingsFrom(s, after)} readings${spanFrom(s, after)}, after the load ended (${end.by.file}'s ${end.by.workName} stopped), ${why}`
      )
    return cutAt(s, after)
  })
  return { series, notes: [...said.values()] }
}

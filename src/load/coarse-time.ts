/**
 * A time column too coarse to order the samples: a logger stamping seconds
 * (`date +%s`) that writes several rows a second, or a stuck clock. Most rows
 * then share their time with the row before, and a trend over time has a
 * handful of distinct x values to fit, so the series would pass untested.
 * Such a series is read in file order instead (the work column when there
 * is one, else the sample index), with a note naming the column and why.
 * A time column with many distinct values keeps its axis even when rows
 * repeat a timestamp: the fit has a time level per bucket.
 * A "time" column that goes back at many rows is no clock either (`elapsed_s`
 * holding each cycle's duration): read in file order the same way.
 */
import type { Series } from '../model.js'

/** From this many distinct times on, the time axis is kept (one per trend bucket of the analysis). */
export const ENOUGH_DISTINCT_TIMES = 40
/** The axis is dropped only when at least this share of the points repeats the time before it. */
const REPEATED_SHARE = 0.5
/** The axis is dropped when at least this share of the steps goes back in time (durations, not a clock). */
const BACKWARD_SHARE = 0.25
/** Fewer points than this are left to the analysis' own short-series rules. */
const MIN_POINTS = 6

/** The note {@link dropCoarseTimes} writes: `time column \`t\`: 2 distinct times over 200 rows (…)`. */
const NOTE_RE = /^time column(?: `[^`]*`)?: (?:\d+ distinct times? over |goes back at )/

/** True for a note saying a file's time column was too coarse (the report repeats it at the top). */
export function isCoarseTimeNote(note: string): boolean {
  return NOTE_RE.test(note)
}

/** How the times of one series repeat: distinct values, and points equal to the point before. */
function timeRepeats(time: readonly number[]): {
  distinct: number
  repeated: number
  backward: number
} {
  const seen = new Set<number>()
  let repeated = 0
  let backward = 0
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i])) continue
    if (i > 0 && time[i] === time[i - 1]) repeated++
    if (i > 0 && time[i] < time[i - 1]) backward++
    if (seen.size < ENOUGH_DISTINCT_TIMES) seen.add(time[i])
  }
  return { distinct: seen.size, repeated, backward }
}

/** Whether the analysis will take the work column as the axis (finite and rising). */
function byWork(series: Series): boolean {
  const { work } = series
  if (series.workName === undefined || work.length < 2) return false
  for (let i = 0; i < work.length; i++)
    if (!Number.isFinite(work[i]) || (i > 0 && work[i] < work[i - 1])) return false
  return work[work.length - 1] > work[0]
}

/**
 * Drops the time axis of series whose times are too coarse to order their
 * samples (see the module comment); one note per file.
 */
export function dropCoarseTimes(series: Series[]): { series: Series[]; notes: string[] } {
  const notes = new Map<string, string>()
  const out = series.map((one) => {
    const n = one.time.length
    if (one.timeBase === 'none' || n < MIN_POINTS) return one
    const { distinct, repeated, backward } = timeRepeats(one.time)
    const coarse = distinct < ENOUGH_DISTINCT_TIMES && repeated >= n * REPEATED_SHARE
    const noClock = backward >= (n - 1) * BACKWARD_SHARE
    if (!coarse && !noClock) return one
    if (!notes.has(one.file)) {
      const column = one.timeName !== undefined ? `time column \`${one.timeName}\`` : 'time column'
      const axis = byWork(one) ? `by \`${one.workName}\`` : 'in file order'
      const rows = one.reduced ? `${n} points` : `${n} rows`
      notes.set(
        one.file,
        coarse
          ? `${column}: ${distinct} distinct ${distinct === 1 ? 'time' : 'times'} over ${rows} (coarse timestamps or a stopped clock): judged ${axis}, not by time`
          : `${column}: goes back at ${backward} of ${n - 1} steps over ${rows} (a duration per row, not a clock): judged ${axis}, not by time`
      )
    }
    return { ...one, timeBase: 'none' as const, time: new Array<number>(n).fill(NaN) }
  })
  return { series: out, notes: [...notes.values()] }
}

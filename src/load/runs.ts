/**
 * Several runs saved into one file (mprof `.dat` sessions appended, a
 * sampler restarted into the same log, a service restarted between tests)
 * and gaps in sampling within one run. Judged as one series, appended runs
 * make a sawtooth that hides a leak or fakes one, so each run becomes a
 * series of its own (`rss[run 2]`). A run starts where time goes back by
 * more than a pause (a little jitter is not a new run), or
 * after a pause much longer than the sampling interval where memory falls
 * to under half of what it was (the process started again). A long pause
 * without that fall is a gap in one run: kept, and said with the coverage it
 * leaves, so 80 deleted minutes of a 4-hour log are never passed over in silence.
 * Each run keeps only its own stops (`0B / 0B` rows) and new processes: a
 * kill in one run is never another run's.
 */
import type { Series } from '../model.js'
import { seriesId } from './series-builder.js'

/** A pause this many sampling intervals long (median) may end a run or be a gap. */
const PAUSE_INTERVALS = 20
/** A pause in one run is reported from this long on. */
const MIN_REPORTED_GAP_MS = 5 * 60_000
/** After a pause, memory under this share of the value before it means the process started again. */
const RESTART_SHARE = 0.5

/** Median of the positive steps between consecutive times. */
function medianStep(time: readonly number[]): number {
  const steps: number[] = []
  for (let i = 1; i < time.length; i++) if (time[i] > time[i - 1]) steps.push(time[i] - time[i - 1])
  if (steps.length === 0) return NaN
  steps.sort((a, b) => a - b)
  return steps[Math.floor(steps.length / 2)]
}

/** `1 h 20 min`, `14 s`. */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 120) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${minutes % 60} min`
}

/** `HH:MM:SS` of an epoch time, in UTC. */
function clock(ms: number): string {
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().slice(11, 19)
}

/** The series' points from `start` to `end` (exclusive) as a series of their own. */
function slice(series: Series, start: number, end: number, run: number): Series {
  const group = series.group === undefined ? `run ${run}` : `${series.group} run ${run}`
  const count = series.count.slice(start, end)
  // samplesBefore counts readings, not points (a reduced series' points hold several)
  let first = 0
  for (let i = 0; i < start; i++) first += series.count[i]
  const last = first + count.reduce((sum, n) => sum + n, 0)
  // a new process where this run starts is the run's start, not a restart within it
  const changes = series.processChanges
    ?.filter((c) => c.samplesBefore > first && c.samplesBefore < last)
    .map((c) => ({ ...c, samplesBefore: c.samplesBefore - first }))
  // a stop follows the reading before it (its last value, at the limit or not): the run holding
  // that reading owns it; stops before any reading belong to the first run
  const stops = series.stops
    ?.filter((s) => (s.samplesBefore > first || first === 0) && s.samplesBefore <= last)
    .map((s) => ({ ...s, samplesBefore: s.samplesBefore - first }))
  const { processChanges: _all, stops: _allStops, ...rest } = series
  const next = end < series.time.length ? { run: run + 1, time: series.time[end] } : undefined
  return {
    ...rest,
    ...(next !== undefined ? { nextRun: next } : {}),
    ...(changes !== undefined && changes.length > 0 ? { processChanges: changes } : {}),
    ...(stops !== undefined && stops.length > 0 ? { stops } : {}),
    id: seriesId(series.file, series.metric, group),
    group,
    time: series.time.slice(start, end),
    work: series.work.slice(start, end),
    value: series.value.slice(start, end),
    min: series.min.slice(start, end),
    max: series.max.slice(start, end),
    count,
    samples: count.reduce((sum, n) => sum + n, 0)
  }
}

/**
 * Splits every series of a load into its runs and finds the gaps in each
 * run (see the module comment). Series without epoch times are unchanged.
 */
export function splitRuns(series: Series[]): { series: Series[]; notes: string[] } {
  const out: Series[] = []
  const notes: string[] = []
  const runNotes = new Map<string, { runs: number; why: Set<string> }>()
  const mark = (file: string, why: string): void => {
    const entry = runNotes.get(file) ?? { runs: 0, why: new Set<string>() }
    if (entry.why.size < 3) entry.why.add(why)
    runNotes.set(file, entry)
  }
  for (const one of series) {
    const { time, value } = one
    const step = one.timeBase === 'epoch' ? medianStep(time) : NaN
    if (!Number.isFinite(step) || time.length < 3) {
      out.push(one)
      continue
    }
    const pause = Math.max(step * PAUSE_INTERVALS, 1000)
    const starts = [0]
    const gaps: Array<[number, number]> = []
    for (let i = 1; i < time.length; i++) {
      const gap = time[i] - time[i - 1]
      if (gap < -pause) {
        starts.push(i)
        mark(one.file, 'time going back')
      } else if (gap > pause && value[i] < value[i - 1] * RESTART_SHARE) {
        starts.push(i)
        mark(
          one.file,
          `values falling to ${Math.round((value[i] / value[i - 1]) * 100)} % after a pause of ${duration(gap)}`
        )
      } else if (gap > pause && gap >= MIN_REPORTED_GAP_MS) gaps.push([time[i - 1], time[i]])
    }
    if (starts.length === 1) {
      out.push(one)
    } else {
      starts.push(time.length)
      for (let k = 0; k + 1 < starts.length; k++)
        out.push(slice(one, starts[k], starts[k + 1], k + 1))
      const entry = runNotes.get(one.file)!
      entry.runs = Math.max(entry.runs, starts.length - 1)
    }
    if (gaps.length > 0) {
      const span = time[time.length - 1] - time[0]
      const missing = gaps.reduce((sum, [from, to]) => sum + (to - from), 0)
      const label = one.group === undefined ? one.metric : `${one.metric}[${one.group}]`
      const listed = gaps
        .slice(0, 3)
        .map(([from, to]) => `${duration(to - from)} (${clock(from)} → ${clock(to)} UTC)`)
        .join(', ')
      notes.push(
        `${label}: ${gaps.length === 1 ? 'a gap' : `${gaps.length} gaps`} in sampling: ${listed}${gaps.length > 3 ? ', …' : ''}; the samples cover ${Math.round(((span - missing) / span) * 100)} % of its ${duration(span)} (every ${duration(step)} elsewhere)`
      )
    }
  }
  for (const [, entry] of runNotes) {
    if (entry.runs < 2) continue
    notes.unshift(
      `${entry.runs} runs appended in one file (${[...entry.why].join('; ')}): each run judged on its own, as "metric[run N]"`
    )
  }
  return { series: out, notes }
}

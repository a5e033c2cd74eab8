/**
 * Memory added at peaks of load, not per request: an off-heap byte count
 * that grows in a few steps and stays exactly flat between them while the
 * work goes on. A leak that keeps memory per request adds it in quanta
 * (Node's Buffers come from 8–64 KiB slabs): between two steps it does at
 * most one quantum's worth of requests, so no flat stretch can owe more than
 * its smallest step at its own pace per request. A pool sized to the
 * requests in flight grows only when the concurrency reaches a new peak and
 * stays flat for thousands of requests in between. Pure: reads one analysed
 * series.
 */
import type { SeriesDetail } from './series-analysis.js'
import { formatBytes, formatDelta, formatPercent } from './format.js'
import { singular, workNoun } from './describe.js'

/** Memory the runtime counts to the byte outside its heap (`process.memoryUsage()`). */
export const EXACT_OFF_HEAP_NAME = /^(external|arrayBuffers|array_buffers)$/i

/** A change no larger than this between two samples is no step (a socket's buffer, a header). */
export const STEP_BYTES = 1024

/**
 * The longest flat stretch must owe, at the window's pace per unit of work,
 * at least this many of the smallest step: the recorded leaks of 10–1,024 B
 * per request (ramps and 5–10 min runs) owe at most 1.00 of their 64 KiB
 * slab, the recorded pools 2.4–35.
 */
export const OWED_STEPS = 2

/** Share of the window's work done while the series stood flat (pools 0.88–0.98). */
export const FLAT_WORK_SHARE = 3 / 4

/**
 * The load must climb for memory to follow its peaks: the work rate over the
 * window's last third at least this many times its first third's (the recorded
 * up-only ramps 2–10×). Under a steady load nothing reaches a new peak, and
 * rare large leaks (one 200 KiB buffer every few hundred requests) are also
 * steps with long flat stretches between them.
 */
export const RAMP_RATIO = 1.25

/** A step comes at a new peak of the load: the rate around it at least this share of the highest before. */
export const PEAK_SHARE = 0.8

/** Fewest steps: one step is a level shift, which other rules read. */
export const MIN_STEPS = 2

/** What {@link loadPeakGrowth} measured. */
export interface LoadPeakGrowth {
  growth: number
  steps: number
  smallest: number
  flatShare: number
  longestFlat: number
  owed: number
  /** How it rose (`in 4 steps, flat between them …`), after the metric and its rise. */
  shape: string
  /** The clause saying so (`arrayBuffers (counted to the byte) rose +40 MiB in 4 steps …`). */
  text: string
}

/**
 * The steady window of an exact off-heap series with a work counter, read
 * as growth at peaks of load: at least {@link MIN_STEPS} steps, flat for at
 * least {@link FLAT_WORK_SHARE} of the work, and a longest flat stretch that
 * would have kept {@link OWED_STEPS} times the smallest step at the
 * window's pace per unit of work. Null otherwise (and for a work counter
 * that goes back).
 */
export function loadPeakGrowth(detail: SeriesDetail): LoadPeakGrowth | null {
  const { series } = detail
  if (series.kind !== 'memory' || series.unit !== 'bytes') return null
  if (!EXACT_OFF_HEAP_NAME.test(series.metric)) return null
  const value = series.value
  const work = series.work
  const n = value.length
  const start = detail.steadyStart
  if (n - start < 4) return null
  for (let i = start; i < n; i++)
    if (!Number.isFinite(value[i]) || !Number.isFinite(work[i])) return null
  const growth = value[n - 1] - value[start]
  const done = work[n - 1] - work[start]
  if (!(growth > 0) || !(done > 0)) return null
  const steps: number[] = []
  const stepAt: number[] = []
  let flat = 0
  let run = 0
  let longestFlat = 0
  for (let i = start + 1; i < n; i++) {
    const dw = work[i] - work[i - 1]
    if (dw < 0) return null
    const d = value[i] - value[i - 1]
    if (d > STEP_BYTES) {
      steps.push(d)
      stepAt.push(i)
      run = 0
      continue
    }
    flat += dw
    run += dw
    longestFlat = Math.max(longestFlat, run)
  }
  if (steps.length < MIN_STEPS) return null
  if (!rampsToPeaks(detail, stepAt)) return null
  const flatShare = flat / done
  if (flatShare < FLAT_WORK_SHARE) return null
  const smallest = Math.min(...steps)
  const owed = (growth / done) * longestFlat
  if (owed < OWED_STEPS * smallest) return null
  const noun = workNoun(series.workName, 2, 'units of work')
  const one = singular(noun)
  const count = (x: number): string => Math.round(x).toLocaleString('en-US')
  const shape = `in ${steps.length} steps, flat between them for ${formatPercent(flatShare * 100)} of the ${count(done)} ${noun}: memory added at new peaks of the load (a pool sized to the ${noun} in flight), not per ${one}; its longest flat stretch (${count(longestFlat)} ${noun}) would have kept ${formatBytes(owed)} at its pace per ${one}, ${(owed / smallest).toFixed(1)}× its smallest step (${formatBytes(smallest)}), longer than memory kept per ${one} goes without a step; hold the load at its peak to see whether it stops`
  return {
    growth,
    steps: steps.length,
    smallest,
    flatShare,
    longestFlat,
    owed,
    shape,
    text: `${series.metric} (counted to the byte) rose ${formatDelta(growth, 'bytes')} ${shape}`
  }
}

/**
 * Whether the load climbs over the steady window ({@link RAMP_RATIO}) and
 * every step comes at a new peak of it: the work rate over the three samples
 * up to the step at least {@link PEAK_SHARE} of the highest such rate before.
 * Needs a time axis (samples in file order say nothing of a rate).
 */
function rampsToPeaks(detail: SeriesDetail, stepAt: readonly number[]): boolean {
  const { time, work } = detail.series
  if (detail.series.timeBase === 'none') return false
  const start = detail.steadyStart
  const n = time.length
  const rate = (from: number, to: number): number => {
    const dt = time[to] - time[from]
    return dt > 0 ? (work[to] - work[from]) / dt : Number.NaN
  }
  const third = Math.floor((n - 1 - start) / 3)
  if (third < 1) return false
  const first = rate(start, start + third)
  const last = rate(n - 1 - third, n - 1)
  if (!(first > 0) || !(last >= RAMP_RATIO * first)) return false
  const around = (i: number): number => rate(Math.max(start, i - 3), i)
  for (const i of stepAt) {
    let highest = 0
    for (let j = start + 1; j < i; j++) highest = Math.max(highest, around(j) || 0)
    if (!(around(i) >= PEAK_SHARE * highest)) return false
  }
  return true
}

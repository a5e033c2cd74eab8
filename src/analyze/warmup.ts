/**
 * Warm-up exclusion (SPEC §4): the start of a series (JIT, pools, caches
 * filling, lazy imports) is excluded from trend rules. Configured as a
 * fraction of the run, a duration, or an amount of work.
 */
import type { Warmup } from '../config/types.js'
import type { Series } from '../model.js'
import { formatDuration, workNoun } from './format.js'

/** Where the steady part starts, and a note when the configured warm-up could not be applied as written. */
export interface SteadyStart {
  /** Index of the first steady point. */
  index: number
  /** Human description, e.g. `first 20% (2 min)` or `first 1,000 requests`. */
  description: string
  note?: string
}

function hasTime(series: Series): boolean {
  const n = series.time.length
  return (
    series.timeBase !== 'none' &&
    n > 1 &&
    Number.isFinite(series.time[0]) &&
    Number.isFinite(series.time[n - 1])
  )
}

function firstIndexAtLeast(values: readonly number[], threshold: number): number {
  for (let i = 0; i < values.length; i++) if (values[i] >= threshold) return i
  return values.length
}

/**
 * Finds the first steady point of a series for a warm-up setting. A
 * fraction applies to the time span when the series has times (samples may
 * be irregular), else to the number of samples. A duration needs times and
 * a work amount needs a work column; without them the default fraction
 * applies and a note says so.
 */
export function findSteadyStart(series: Series, warmup: Warmup): SteadyStart {
  const n = series.value.length
  const timed = hasTime(series)
  const byFraction = (fraction: number, note?: string): SteadyStart => {
    const percent = `${Math.round(fraction * 100)}%`
    if (timed) {
      const t0 = series.time[0]
      const span = series.time[n - 1] - t0
      const index = firstIndexAtLeast(series.time, t0 + fraction * span)
      return { index, description: `first ${percent} (${formatDuration(fraction * span)})`, note }
    }
    const samples = Math.ceil(fraction * series.samples)
    let seen = 0
    let index = 0
    while (index < n && seen < samples) seen += series.count[index++] || 1
    return {
      index,
      description: `first ${percent} (${samples.toLocaleString('en-US')} samples)`,
      note
    }
  }
  switch (warmup.kind) {
    case 'fraction':
      return byFraction(warmup.fraction)
    case 'duration':
      if (!timed)
        return byFraction(
          0.2,
          `${series.id}: warm-up ${formatDuration(warmup.ms)} needs a time column; used the first 20% instead`
        )
      return {
        index: firstIndexAtLeast(series.time, series.time[0] + warmup.ms),
        description: `first ${formatDuration(warmup.ms)}`
      }
    case 'work': {
      const first = series.work.findIndex((w) => Number.isFinite(w))
      if (first < 0)
        return byFraction(
          0.2,
          `${series.id}: warm-up of ${warmup.amount.toLocaleString('en-US')} work units needs a work column; used the first 20% instead`
        )
      const target = series.work[first] + warmup.amount
      let index = first
      while (index < n && !(series.work[index] >= target)) index++
      return {
        index,
        description: `first ${warmup.amount.toLocaleString('en-US')} ${workNoun(series.workName, warmup.amount)}`
      }
    }
  }
}

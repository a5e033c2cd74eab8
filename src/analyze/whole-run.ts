/**
 * The whole run's first → last change, said next to the steady trend. A
 * reviewer reads a memory graph end to end ("memory fell 28.9 MiB over the
 * run"); the steady window after warm-up can point the other way (a run that
 * started high, a sawtooth that ended low). Both are reported, and when they
 * differ the clause says why they may.
 */
import { formatDelta, formatDuration, formatValue } from './format.js'
import type { SeriesDetail } from './series-analysis.js'

/** The whole run's change: first and last value, and the difference. */
export interface WholeRunChange {
  first: number
  last: number
  change: number
}

/** First → last of the series (bucket means when the loader reduced it), or null when not finite. */
export function wholeRunChange(detail: SeriesDetail): WholeRunChange | null {
  const values = detail.series.value
  if (values.length < 2) return null
  const first = values[0]
  const last = values[values.length - 1]
  if (!Number.isFinite(first) || !Number.isFinite(last)) return null
  return { first, last, change: last - first }
}

/** A change beyond the noise: over 2 % of the level and over 1 MiB (0.5 points, 10 items). */
export function isMaterialChange(change: number, level: number, unit: string): boolean {
  const floor = unit === 'bytes' ? 1024 * 1024 : unit === 'percent' ? 0.5 : 10
  return Math.abs(change) > Math.max(0.02 * Math.abs(level), floor)
}

/** A step of the steady window's fit that is more than noise (see {@link isMaterialChange}). */
export function materialStep(
  detail: SeriesDetail,
  step: { size: number; before: number; after: number }
): boolean {
  return (
    step.size > 0 &&
    isMaterialChange(step.size, Math.max(step.before, step.after), detail.series.unit)
  )
}

/**
 * `memory fell 26.6 MiB over the whole run`, `+42.5 MiB over the whole run`, plus why it differs
 * from the steady trend when it does: `steadyDirection` is +1 when the steady
 * part was judged rising (significantly), −1 falling, 0 flat.
 */
export function describeWholeRun(detail: SeriesDetail, steadyDirection: -1 | 0 | 1): string | null {
  const run = wholeRunChange(detail)
  if (!run) return null
  const unit = detail.series.unit
  if (run.change === 0 && steadyDirection === 0) return null // constant: said already
  // A change within the noise (under 2 % of the level and under 1 MiB / 10 items) has no direction.
  const level = Math.max(Math.abs(run.first), Math.abs(run.last))
  const material = isMaterialChange(run.change, level, unit)
  const runDirection = !material ? 0 : run.change > 0 ? 1 : -1
  const what = detail.series.kind === 'memory' ? 'memory' : detail.series.metric
  if (runDirection < 0 && steadyDirection > 0)
    return `${what} fell ${formatValue(-run.change, unit)} over the whole run (first → last sample) while the steady part trends up: the run started higher (warm-up) or ends low in a sawtooth; the steady trend is what is judged`
  // A step inside the steady part (said by the steady clause) is where the rise is, not the warm-up.
  const step = detail.values?.step
  const steppedInWindow =
    step !== undefined && materialStep(detail, step) && step.size >= run.change / 2
  if (runDirection > 0 && steadyDirection <= 0 && detail.steadyStart > 0 && steppedInWindow)
    return `${formatDelta(run.change, unit)} over the whole run, ${formatDelta(step.size, unit)} of it in the steady part's one step`
  if (runDirection > 0 && steadyDirection <= 0 && detail.steadyStart > 0) {
    // Readings missing from before the steady part into it: the rise may lie there, unseen.
    const gap = detail.readingGap
    const across =
      gap && gap.from < detail.x[detail.steadyStart]
        ? ` or across the ${formatDuration(gap.to - gap.from)} without readings before the steady part`
        : ''
    return `${what} rose ${formatValue(run.change, unit)} over the whole run (first → last sample) while the steady part does not trend up: the rise is in the warm-up (${detail.warmupDescription})${across} or in the sawtooth's phase at the end`
  }
  if (run.change < 0) return `${what} fell ${formatValue(-run.change, unit)} over the whole run`
  return `${formatDelta(run.change, unit)} over the whole run`
}

/**
 * A live-object count judged beside the collector's own count of its older
 * collections (Python's `gc.get_count()[2]`, written as `gen2`: young
 * collections of the middle generation since the last full collection; a
 * reset to 0 is a full collection; a cumulative count of full collections
 * reads the same way). Each change of that column is a collection of the
 * older generations that ran between two rows. Pure: reads the analysed
 * series only.
 */
import type { AnalysisContext } from './context.js'
import type { SeriesDetail, TrendFit } from './series-analysis.js'
import { hasRestart } from './segment-growth.js'
import { sameProcessSeries, sameRows } from './same-process.js'
import { workNoun } from './describe.js'
import { formatDuration, formatValue } from './format.js'
import { GC_LOG_COLLECTIONS_METRIC } from '../understand/gc-pause-lines.js'
import {
  countsOlderCollections,
  OLDER_COLLECTIONS_NAME
} from '../understand/collection-counters.js'

// which series count older collections lives in understand/ (the loader's filter reads it too)
export {
  countsOlderCollections,
  OLDER_COLLECTIONS_NAME
} from '../understand/collection-counters.js'

/**
 * A counter of older collections of the same process as `detail` (same-process.ts), on the
 * same kind of time (both epoch, or both a clock), or null.
 */
export function olderCollectionsCounter(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail | null {
  return olderCollectionsCounters(context, detail)[0] ?? null
}

/**
 * Every counter of older collections of the same process as `detail`, on the same kind of time:
 * a JVM's pauses are counted per collector and cause (Micrometer's `cause="Metadata GC
 * Threshold"` may move only at start-up, `cause="Ergonomics"` later).
 */
export function olderCollectionsCounters(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail[] {
  const base = detail.series.timeBase
  if (base === 'none') return []
  return sameProcessSeries(context.series, detail).filter(
    (other) =>
      countsOlderCollections(other.series.metric) &&
      other.series.timeBase === base &&
      other.series.value.some(Number.isFinite)
  )
}

/**
 * The first reading of `detail` (from index `from`) at or after each change of a counter's
 * reading, read by time: a collection happened before that reading and after the one before
 * it. Changes at or before `detail`'s reading at `from` are left out. Indices ascending, once each.
 */
export function readingsAfterCollections(
  detail: SeriesDetail,
  counter: SeriesDetail,
  from: number
): number[] {
  const time = detail.series.time
  const n = time.length
  const ct = counter.series.time
  const cv = counter.series.value
  const at: number[] = []
  let last = Number.NaN
  let i = from
  for (let k = 0; k < cv.length; k++) {
    const v = cv[k]
    if (!Number.isFinite(v) || !Number.isFinite(ct[k])) continue
    const changed = Number.isFinite(last) && v !== last
    last = v
    if (!changed || !(ct[k] > time[from])) continue
    while (i < n && !(time[i] >= ct[k])) i++
    if (i >= n) break
    if (at[at.length - 1] !== i) at.push(i)
  }
  return at
}

/** Fewest collections in the steady part for their pattern to say anything. */
export const MIN_COLLECTIONS_IN_VIEW = 2

/**
 * The climb after the last collection must span no more work (or time) than
 * this many times the longest gap between two collections before it: a
 * collection not yet due. A leak that starts after the last collection and
 * a collection overdue would both run past it.
 */
export const DUE_FACTOR = 1.5

/**
 * A live count's climb between collections of the older generations, when
 * every collection of the older generations in the steady part left the
 * count within `allowance` of the window's lowest reading, there are at
 * least {@link MIN_COLLECTIONS_IN_VIEW} of them, and the stretch since the
 * last is no longer than {@link DUE_FACTOR} times the longest gap between
 * them: what the collector cleared each time was all the climb there was,
 * so the climb at the end is objects waiting for the next one (reference
 * cycles). Objects kept for good survive every collection and leave the
 * count higher after each one. No restart may be in view. The clause
 * for the healthy line, or null. The counter is a column of the same rows:
 * the same file and group at the same times, or the same rows written to
 * another file ({@link sameRows}).
 */
export function climbBetweenCollections(
  context: AnalysisContext,
  detail: SeriesDetail,
  fit: TrendFit,
  allowance: number
): string | null {
  const { series } = detail
  if (series.kind !== 'live' || hasRestart(detail) || (series.stops?.length ?? 0) > 0) return null
  if ((series.processChanges?.length ?? 0) > 0) return null
  const n = series.value.length
  const start = detail.steadyStart
  // Its own file's rows (a gen2 column, or a log's full pauses counted at each reading), or the
  // same rows written to another file (a worker's CSV and its log).
  const counter = context.series.find(
    (other) =>
      other !== detail &&
      (OLDER_COLLECTIONS_NAME.test(other.series.metric) ||
        other.series.metric === GC_LOG_COLLECTIONS_METRIC) &&
      other.series.value.length === n &&
      (other.series.file === series.file
        ? other.series.group === series.group &&
          Object.is(other.series.time[start], series.time[start]) &&
          Object.is(other.series.time[n - 1], series.time[n - 1])
        : sameRows(other.series, series))
  )
  // Else a counter of the same process read by time (a Prometheus scrape's python_gc_collections_total).
  const timed = counter ? null : olderCollectionsCounter(context, detail)
  if ((!counter && !timed) || !(fit.growth > 0)) return null
  const x = detail.x
  const at: number[] = []
  if (counter) {
    const counts = counter.series.value
    for (let i = start + 1; i < n; i++) {
      if (!Number.isFinite(counts[i]) || !Number.isFinite(counts[i - 1])) return null
      if (counts[i] !== counts[i - 1]) at.push(i)
    }
  } else at.push(...readingsAfterCollections(detail, timed!, start))
  const named = (counter ?? timed)!.series.metric
  if (at.length < MIN_COLLECTIONS_IN_VIEW) return null
  const values = series.value.slice(start).filter((v) => Number.isFinite(v))
  if (values.length === 0) return null
  const lowest = Math.min(...values)
  const left = at.map((i) => series.value[i])
  if (!left.every((v) => Number.isFinite(v) && v - lowest <= allowance)) return null
  let longest = 0
  for (let k = 1; k < at.length; k++) longest = Math.max(longest, x[at[k]] - x[at[k - 1]])
  const last = at[at.length - 1]
  const since = x[n - 1] - x[last]
  if (!(longest > 0) || since > DUE_FACTOR * longest) return null
  const unit = series.unit
  const worst = Math.max(...left)
  const span = (d: number): string =>
    detail.xAxis === 'time'
      ? formatDuration(d)
      : `${Math.round(d).toLocaleString('en-US')} ${workNoun(detail.series.workName, Math.round(d), 'units')}`
  return `each of the ${at.length} collections of the older generations in view (${named} changed ${at.length} times) left it at ${formatValue(worst, unit)} or less, within ${formatValue(allowance, unit)} of the window's lowest reading (${formatValue(lowest, unit)}), and the last one came ${span(since)} before the end, the longest gap between them being ${span(longest)}: what climbs between collections is objects waiting for the next one (reference cycles), not kept`
}

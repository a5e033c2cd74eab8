/**
 * The live heap as a witness for memory the allocator holds. RSS, container
 * usage and heapTotal count pages the allocator keeps after the program
 * freed them (fragmentation, high-water marks, heap reservations): they can
 * creep up for minutes while the program holds nothing more. When the live
 * heap of the same process (heapUsed, Go's heap in use, a JVM's used heap)
 * is measured and flat, such growth is reported as a warning, not a leak.
 */
import { judgeWindows } from './growth.js'
import type { AnalysisContext } from './context.js'
import type { SeriesDetail } from './series-analysis.js'
import { RESERVED_MEMORY_NAME } from '../understand/names.js'
import { formatPercent } from './format.js'
import { DEFAULTS, growthTolerance } from './thresholds.js'

/** Most growth (in % of the level, over the window tested) object counters can excuse as allocator creep. */
const MAX_CREEP_PERCENT = 25

/** Live-heap metrics: what the program holds after collection, not what the allocator reserved. */
const LIVE_HEAP_NAME =
  /(^|[._:])(heapUsed|heap_used|heap_inuse|heap_size_used|heap_alloc|alloc_bytes|jvm_memory_used)/i

/** True for memory the allocator holds (RSS, container usage, heapTotal...). */
export function isAllocatorHeld(detail: SeriesDetail): boolean {
  return detail.series.kind === 'memory' && RESERVED_MEMORY_NAME.test(detail.series.metric)
}

/** True for a live-heap series (heapUsed and the like). */
export function isLiveHeap(detail: SeriesDetail): boolean {
  return (
    detail.series.kind === 'memory' &&
    LIVE_HEAP_NAME.test(detail.series.metric) &&
    !RESERVED_MEMORY_NAME.test(detail.series.metric)
  )
}

/**
 * Whether the heap's own findings see it grow: sustained-growth (mean or
 * floor, at its tolerance) or rising-floor (floor, at rising-floor's own
 * tolerance, which the user may set apart). A heap that fails rising-floor
 * in the same report is not "flat", whatever its mean does.
 */
function grows(context: AnalysisContext, detail: SeriesDetail): boolean {
  const { series } = detail
  const timeAxis = detail.xAxis === 'time'
  const tolerance = (signature: 'sustained-growth' | 'rising-floor') =>
    growthTolerance(context.config.checks, signature, series, series.kind, series.unit)
  const growth = tolerance('sustained-growth')
  const floorGrowth = tolerance('rising-floor')
  return Boolean(
    judgeWindows(detail.values, detail.lastHalf, growth, timeAxis)?.growing ||
    judgeWindows(detail.floor, detail.lastHalfFloor, growth, timeAxis)?.growing ||
    judgeWindows(detail.floor, detail.lastHalfFloor, floorGrowth, timeAxis)?.growing
  )
}

/**
 * The flat live heap that vouches for an allocator-held series, or null.
 * Same process means: the same file, or a container series when the run has
 * one container (docker stats of the service whose memory.csv this is).
 * Every live-heap series of that process must be judged and flat.
 */
export function flatLiveHeapWitness(
  context: AnalysisContext,
  detail: SeriesDetail
): SeriesDetail | null {
  if (!isAllocatorHeld(detail)) return null
  const groups = new Set(
    context.series.filter((d) => d.series.group !== undefined).map((d) => d.series.group)
  )
  const sameProcess = (other: SeriesDetail): boolean =>
    other.series.file === detail.series.file ||
    (detail.series.group !== undefined && groups.size === 1 && other.series.group === undefined)
  const witnesses = context.series.filter(
    (other) => other !== detail && isLiveHeap(other) && sameProcess(other)
  )
  if (witnesses.length === 0) return null
  for (const w of witnesses) if (w.insufficient || !w.values || grows(context, w)) return null
  return witnesses[0]
}

/** The clause a downgraded finding ends with. */
export function witnessClause(witness: SeriesDetail): string {
  return `but ${witness.series.metric} (the live heap, ${witness.series.file}) is flat: memory kept by the allocator (fragmentation, freed pages not returned), not held by the program; a native leak outside the heap would look the same`
}

/**
 * Without a live heap, the object counters can vouch instead: when the run
 * counts objects (created/collected/live) and every tracked lifecycle is
 * collected at the minimum rate with no rising uncollected trend, and every
 * count and live series is judged and flat, allocator-held growth is a
 * warning. A Python worker's RSS creeps in arena-sized steps while all its
 * brokers are collected; a leak of the tracked objects fails on the counters.
 */
export function flatObjectsWitness(context: AnalysisContext, detail: SeriesDetail): string | null {
  if (!isAllocatorHeld(detail) || context.lifecycles.length === 0) return null
  // Counters vouch only for what they count: growth of more than a quarter of the process over
  // the window is not allocator creep (a healthy worker crept ~7 % in 4 min; a registry leak 33 % in 30 s).
  const percent = (fit: SeriesDetail['values']): number =>
    fit && fit.level > 0 ? (fit.growth / fit.level) * 100 : 0
  if (Math.max(percent(detail.values), percent(detail.lastHalf)) > MAX_CREEP_PERCENT) return null
  for (const life of context.lifecycles) {
    if (life.ratePercent === null || life.ratePercent < DEFAULTS.collectionRatePercent) return null
    if (life.trend && life.trend.pValue < DEFAULTS.alpha && life.trend.slope > 0) return null
  }
  const counters = context.series.filter(
    (d) => d.series.kind === 'count' || d.series.kind === 'live'
  )
  for (const d of counters) if (d.insufficient || !d.values || grows(context, d)) return null
  const rates = context.lifecycles
    .map((l) => `${l.metric} ${formatPercent(l.ratePercent ?? 0)} collected`)
    .join(', ')
  return `but the tracked objects are collected (${rates}) and ${counters.length > 0 ? 'every counter is flat' : 'nothing accumulates'}: memory kept by the allocator (arenas, fragmentation) or by something not counted`
}

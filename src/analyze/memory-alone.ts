/**
 * Notes for a leak judged on evidence a healthy run can show too, saying what would settle it.
 * The verdict stands either way.
 *
 * - Memory the allocator holds (container usage, RSS) read alone, with no live heap of any process
 *   and no snapshot pair: in a short run a cache still filling, or garbage the runtime has not
 *   collected yet, climbs at one pace to the end as a leak does. Measured on the recorded runs:
 *   read from docker stats alone, 22 of 195 healthy runs failed; with their heap series and
 *   snapshots, 4. Not said when objects counted live or in a registry fail beside it: they
 *   settle it.
 * - A live heap with fewer than 3 major collections in its steady part and no snapshot pair: its
 *   floor holds old-generation garbage until a major collection (a cache evicting one entry per
 *   request adds garbage at the pace a leak adds memory). Read from memory.csv alone, without the
 *   post-test snapshot, 8 of 10 recorded 40 s runs of a filling cache failed; with it, none.
 */
import type { Finding } from '../model.js'
import type { SeriesDetail } from './series-analysis.js'
import { isLiveHeap, MIN_MAJOR_COLLECTIONS } from './witness.js'

/** The signatures read from a series' trend (the ones a filling cache can trip). */
const TREND_SIGNATURES: ReadonlySet<string> = new Set([
  'sustained-growth',
  'rising-floor',
  'oom-risk'
])

const ALLOCATOR_ALONE =
  'judged from memory the allocator holds alone, with no heap series and no snapshots'
const NO_FORCED_COLLECTION = 'in the steady part and no snapshot after a forced one'

/**
 * The first of a report's notes that {@link unsettledEvidenceNotes} wrote, for the reports to show
 * beside the verdict (the notes themselves may be cut at the report's limit); null when none.
 */
export function unsettledNote(notes: readonly string[]): string | null {
  return notes.find((n) => n.includes(ALLOCATOR_ALONE) || n.includes(NO_FORCED_COLLECTION)) ?? null
}

/** The notes (none when a snapshot pair was read, or no trend finding fails). */
export function unsettledEvidenceNotes(
  series: readonly SeriesDetail[],
  snapshotPairs: number,
  findings: readonly Finding[],
  seriesIdOf: (finding: Finding) => string
): string[] {
  if (snapshotPairs > 0) return []
  const byId = new Map(series.map((d) => [d.series.id, d]))
  const failing: SeriesDetail[] = []
  for (const finding of findings) {
    if (finding.level !== 'fail' || !TREND_SIGNATURES.has(finding.signature)) continue
    const detail = byId.get(seriesIdOf(finding))
    if (detail && detail.series.kind === 'memory' && !failing.includes(detail)) failing.push(detail)
  }
  // Objects counted live or kept in a registry that fail too settle it: memory alone judged nothing.
  const counted = findings.some((f) => {
    if (f.level !== 'fail') return false
    const kind = byId.get(seriesIdOf(f))?.series.kind
    return kind === 'count' || kind === 'live'
  })
  const notes: string[] = []
  if (failing.length > 0 && !counted && !series.some(isLiveHeap))
    notes.push(
      `${names(failing)}: ${ALLOCATOR_ALONE}: in a short run a cache still filling, or garbage not yet collected, climbs at one pace to the end as a leak does; the process's heap series (process.memoryUsage(), tracemalloc, the JVM's MXBeans, runtime.ReadMemStats) and a post-test snapshot after a forced collection tell them apart, and so does a longer run`
    )
  const uncollected = failing.filter(
    (d) => isLiveHeap(d) && d.collections !== null && d.collections.count < MIN_MAJOR_COLLECTIONS
  )
  if (uncollected.length > 0) {
    const seen = uncollected.map((d) => d.collections!.count)
    const most = Math.max(...seen)
    const counted =
      most === 0
        ? 'no major collection'
        : `at most ${most} major ${most === 1 ? 'collection' : 'collections'}`
    notes.push(
      `${names(uncollected)}: ${counted} ${NO_FORCED_COLLECTION}: the floor may hold old-generation garbage the next major collection frees (a cache evicting an entry per request adds garbage at the pace a leak adds memory); a post-test snapshot after a forced collection (global.gc(), gc.collect(), System.gc(), runtime.GC()) tells them apart, and so does a run long enough for ${MIN_MAJOR_COLLECTIONS} major collections or more`
    )
  }
  return notes
}

function names(details: readonly SeriesDetail[]): string {
  const all = details.map((d) => d.series.id)
  return all.slice(0, 3).join(', ') + (all.length > 3 ? `, and ${all.length - 3} more` : '')
}

/**
 * A note for a leak judged from allocator-held memory alone (container usage, RSS) with no live
 * heap of any process and no snapshot pair: in a short run a cache still filling, or garbage the
 * runtime has not collected yet, climbs at one pace to the end as a leak does, and only the heap
 * series or a forced collection tells them apart. The verdict stands; the note says what would
 * settle it. (Measured on the recorded runs: read from docker stats alone, 22 of 195 healthy runs
 * failed; with their heap series and snapshots, 4.)
 */
import type { Finding } from '../model.js'
import type { SeriesDetail } from './series-analysis.js'
import { isLiveHeap } from './witness.js'

/** The signatures read from a series' trend (the ones a filling cache can trip). */
const TREND_SIGNATURES: ReadonlySet<string> = new Set([
  'sustained-growth',
  'rising-floor',
  'oom-risk'
])

/** The note, or null when a heap series or a snapshot pair was read, or no such finding fails. */
export function memoryAloneNote(
  series: readonly SeriesDetail[],
  snapshotPairs: number,
  findings: readonly Finding[],
  seriesIdOf: (finding: Finding) => string
): string | null {
  if (snapshotPairs > 0 || series.some(isLiveHeap)) return null
  const byId = new Map(series.map((d) => [d.series.id, d]))
  const names: string[] = []
  for (const finding of findings) {
    if (finding.level !== 'fail' || !TREND_SIGNATURES.has(finding.signature)) continue
    const detail = byId.get(seriesIdOf(finding))
    if (!detail || detail.series.kind !== 'memory') continue
    if (!names.includes(finding.metric)) names.push(finding.metric)
  }
  if (names.length === 0) return null
  const shown =
    names.slice(0, 3).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '')
  return `${shown}: judged from memory the allocator holds alone, with no heap series and no snapshots: in a short run a cache still filling, or garbage not yet collected, climbs at one pace to the end as a leak does; the process's heap series (process.memoryUsage(), tracemalloc, the JVM's MXBeans, runtime.ReadMemStats) and a post-test snapshot after a forced collection tell them apart, and so does a longer run`
}

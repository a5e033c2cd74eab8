/**
 * The collector's count of its older collections (`gen2`) as a witness of a
 * live-object count the config lists or zero-config reads.
 *
 * Python workers write `gc.get_count()` beside their live count; the config
 * (or zero-config, which leaves gc counters out) judges `live` but not `gen2`,
 * yet only `gen2` tells when the collector last ran: a live count that every
 * collection in view brought back to its floor is waiting for the next one.
 * Read beside the listed columns to vouch for them, never judged nor reported.
 */
import type { SeriesSpec } from '../config/types.js'
import { countsOlderCollections, type SampleFilter } from '../understand/collection-counters.js'

/** A header cell naming the older collections: `gen2`, `gc_gen2`, `gen2_collections`. */
const COLLECTIONS_COLUMN =
  /(?:^|[,;\t"'{\s])((?:gc_?)?(?:gen2|gen_2|generation2)(?:_collections)?)(?=$|[,;\t"':\s])/i
/** A header cell naming a live-object count. */
const LIVE_COLUMN = /(?:^|[,;\t"'{\s])live(?:_objects)?(?=$|[,;\t"':\s])/i

/**
 * The spec that reads only the `gen2` column of a file whose config lists a live count but not
 * it, or, with no metrics listed (zero-config), whose header has a live column beside it; null
 * otherwise. `head` is the file's first line.
 */
export function collectionsWitnessSpec(spec: SeriesSpec, head: string): SeriesSpec | null {
  const match = COLLECTIONS_COLUMN.exec(head)
  if (!match) return null
  const metrics = spec.metrics
  if (metrics) {
    const listed = Object.entries(metrics)
    if (!listed.some(([, kind]) => kind === 'live')) return null
    if (listed.some(([name]) => name.toLowerCase() === match[1].toLowerCase())) return null
  } else if (!LIVE_COLUMN.test(head)) return null
  return { ...spec, metrics: { [match[1]]: 'count' } }
}

/**
 * Prometheus families counting a runtime's collections: the python client's per generation,
 * a JVM's per collector (Micrometer's pauses, client_java's collections). Which of their series
 * count older collections is the analysis' to say (collections-in-view.ts).
 */
export const COLLECTION_COUNTER_FAMILIES = [
  'python_gc_collections_total',
  'python_gc_collections',
  'jvm_gc_pause_seconds_count',
  'jvm_gc_collection_seconds_count'
] as const

/**
 * The spec that reads only the collection counters of a Prometheus file whose judged series hold
 * memory or a live count (`judged`: their kinds), as a witness of them; null otherwise, when the
 * file's head (its first scrape: `head`) names none of those families, or when the config lists
 * one itself (then it is judged as listed). The head spares a second pass over a file without them.
 */
export function prometheusCollectionsSpec(
  spec: SeriesSpec,
  judged: ReadonlyArray<{ kind: string }>,
  head: string
): SeriesSpec | null {
  if (!judged.some((one) => one.kind === 'memory' || one.kind === 'live')) return null
  if (!COLLECTION_COUNTER_FAMILIES.some((family) => head.includes(family))) return null
  const listed = Object.keys(spec.metrics ?? {}).map((name) => name.split('{')[0])
  if (COLLECTION_COUNTER_FAMILIES.some((family) => listed.includes(family))) return null
  return {
    ...spec,
    metrics: Object.fromEntries(COLLECTION_COUNTER_FAMILIES.map((family) => [family, 'count']))
  }
}

/**
 * Most collection counters read from one Prometheus file: a fleet's scrapes pasted into one file
 * may hold thousands of label sets (one per instance and cause); the process's own are a few.
 */
export const MAX_COLLECTION_COUNTERS = 64

/**
 * The samples the collection-counter pass reads: only those that can be witnesses, counters of
 * older collections (generation 2, major or old-generation causes: analyze/collections-in-view.ts);
 * the lines of every other label set are skipped unparsed, whatever their number. `markers` is a
 * cheap first test on the raw line; each is part of what `countsOlderCollections` requires.
 */
export const COLLECTION_COUNTERS_FILTER: SampleFilter = {
  families: COLLECTION_COUNTER_FAMILIES,
  markers: ['"2"', 'end of major GC', 'G1 Old Generation', 'MarkSweep'],
  keep: countsOlderCollections,
  maxSeries: MAX_COLLECTION_COUNTERS,
  what: 'collection counters of older generations'
}

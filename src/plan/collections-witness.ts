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
import {
  countsOlderCollections,
  type Admitted,
  type SampleFilter
} from '../understand/collection-counters.js'
import { identityKey, identityLabels } from '../understand/process-labels.js'

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
 * Most collection counters read from one Prometheus file that are not a judged series' own (their
 * identifying labels, `instance`, `pod`, `pid`, ..., differ from every judged series' or carry
 * more): a fleet's scrapes pasted into one file may hold thousands of label sets.
 */
export const MAX_COLLECTION_COUNTERS = 64
/**
 * Most counters kept per judged process (its identifying labels exactly): a JVM counts its major
 * pauses per collector and cause (Micrometer: a handful of causes), Python one generation 2.
 */
export const MAX_COUNTERS_PER_PROCESS = 8
/** Most counters kept of the judged processes together (a file judging thousands of pods). */
export const MAX_OWN_COLLECTION_COUNTERS = 1024

/**
 * Characters of keys whose choice is remembered per file: a hostile file's label sets beyond it
 * (many, or long) are weighed again each time they are read, never held.
 */
const MAX_REMEMBERED_CHARS = 4 << 20

/**
 * The samples the collection-counter pass reads: only those that can be witnesses, counters of
 * older collections (generation 2, major or old-generation causes: analyze/collections-in-view.ts);
 * the lines of every other label set are skipped unparsed, whatever their number. `markers` is a
 * cheap first test on the raw line; each is part of what `countsOlderCollections` requires.
 * With no judged series named, the first {@link MAX_COLLECTION_COUNTERS} in file order.
 */
export const COLLECTION_COUNTERS_FILTER: SampleFilter = {
  families: COLLECTION_COUNTER_FAMILIES,
  markers: ['"2"', 'end of major GC', 'G1 Old Generation', 'MarkSweep'],
  keep: countsOlderCollections,
  maxSeries: MAX_COLLECTION_COUNTERS,
  what: 'collection counters of older generations'
}

/**
 * The collection-counter filter for a file whose judged series are `judged` (their metric keys):
 * the counters are chosen by the judged series' processes, not by file order. A counter carrying
 * exactly the identifying labels of a judged series is that process's own (at most
 * {@link MAX_COUNTERS_PER_PROCESS} each, {@link MAX_OWN_COLLECTION_COUNTERS} in all); one whose
 * labels agree with a judged series' but carry more may be its own (the first
 * {@link MAX_COLLECTION_COUNTERS}); one whose labels differ from every judged series' is another
 * process's and never a witness of them (analyze/same-process.ts): skipped, not counted against a
 * cap. A scrape of 100 pods keeps each pod's own counter wherever its lines fall.
 */
export function collectionCountersFilter(judged: readonly string[]): SampleFilter {
  const own = new Map<string, ReadonlyMap<string, string>>()
  for (const metric of judged) {
    const labels = identityLabels(metric)
    own.set(identityKey(labels), labels)
  }
  const agrees = agreementIndex([...own.values()])
  return {
    ...COLLECTION_COUNTERS_FILTER,
    chosen: `each judged process's own counters (at most ${MAX_COUNTERS_PER_PROCESS} a process, ${MAX_OWN_COLLECTION_COUNTERS} in all), then the first ${MAX_COLLECTION_COUNTERS} whose labels may be a judged process's`,
    admission: () => {
      const perProcess = new Map<string, number>()
      let owned = 0
      let others = 0
      const remembered = new Map<string, Admitted>()
      let rememberedChars = 0
      const choose = (key: string): Admitted => {
        if (!countsOlderCollections(key)) return 'skipped'
        const labels = identityLabels(key)
        const identity = identityKey(labels)
        if (own.has(identity)) {
          const count = perProcess.get(identity) ?? 0
          if (count >= MAX_COUNTERS_PER_PROCESS || owned >= MAX_OWN_COLLECTION_COUNTERS)
            return 'over'
          perProcess.set(identity, count + 1)
          owned++
          return 'kept'
        }
        if (!agrees(labels)) return 'skipped'
        if (others >= MAX_COLLECTION_COUNTERS) return 'over'
        others++
        return 'kept'
      }
      return (key) => {
        const known = remembered.get(key)
        if (known !== undefined) return known
        const said = choose(key)
        if (rememberedChars + key.length <= MAX_REMEMBERED_CHARS) {
          remembered.set(key, said)
          rememberedChars += key.length
        }
        return said
      }
    }
  }
}

/**
 * Whether some of `processes` (identifying labels) agrees with a key's labels (`identityAgrees`:
 * no label both carry differs), without walking every judged process for each key (a file judging
 * 10^4 pods and holding 10^5 other label sets): the processes are grouped by the label names they
 * carry, and each group indexes its values on the names a key shares with it, built on first use.
 */
export function agreementIndex(
  processes: readonly ReadonlyMap<string, string>[]
): (labels: ReadonlyMap<string, string>) => boolean {
  const shapes = new Map<
    string,
    { names: string[]; members: ReadonlyMap<string, string>[]; on: Map<string, Set<string>> }
  >()
  for (const process of processes) {
    const names = [...process.keys()].sort()
    const shape = names.join('\u0000')
    const known = shapes.get(shape)
    if (known) known.members.push(process)
    else shapes.set(shape, { names, members: [process], on: new Map() })
  }
  const values = (labels: ReadonlyMap<string, string>, names: readonly string[]): string =>
    JSON.stringify(names.map((name) => labels.get(name)))
  return (labels) => {
    for (const { names, members, on } of shapes.values()) {
      const shared = names.filter((name) => labels.has(name))
      // a label only one carries proves nothing: no shared name, every member agrees
      if (shared.length === 0) return true
      const key = shared.join('\u0000')
      let index = on.get(key)
      if (!index) {
        index = new Set(members.map((member) => values(member, shared)))
        on.set(key, index)
      }
      if (index.has(values(labels, shared))) return true
    }
    return false
  }
}

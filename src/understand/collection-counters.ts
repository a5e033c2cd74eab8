/**
 * Which series count a collector's collections of its older generations (Python's `gen2`,
 * `python_gc_collections_total{generation="2"}`, a JVM's major or old-generation pauses), and the
 * filter a Prometheus loader reads a file's collection counters with. Shared by the plan (which
 * asks for them), the loader (which reads only those) and the analysis (which reads them as witnesses).
 */

import { GC_LOG_COLLECTIONS_METRIC } from './gc-pause-lines.js'

/** The collector's count of its older collections, by column name. */
export const OLDER_COLLECTIONS_NAME = /^(gc_?)?(gen2|gen_2|generation2)(_collections)?$/i

/** Prometheus' python client: `python_gc_collections_total{generation="2"}` (full collections). */
const PYTHON_OLDEST = /^python_gc_collections(?:_total)?\{(?:[^}]*,)?generation="2"(?:,[^}]*)?\}$/
/**
 * A JVM's collections counted per collector: Micrometer's `jvm_gc_pause_seconds_count`,
 * Prometheus client_java's `jvm_gc_collection_seconds_count`; with their labels.
 */
const JVM_PAUSES = /^jvm_gc_(?:pause_seconds_count|collection_seconds_count|pause_count)\{(.*)\}$/
/**
 * The labels of a JVM's collections of the old generation: Micrometer's `action="end of major
 * GC"`, or the collector's own name (G1's full collections, Parallel's and Serial's old
 * collectors, CMS). G1's mixed collections, labelled minor, are not counted: a collection
 * counted here surely reached the old generation.
 */
const JVM_OLD_LABELS =
  /(?:^|,)\s*(?:action="end of major GC"|gc="(?:G1 Old Generation|PS MarkSweep|ConcurrentMarkSweep|MarkSweepCompact|MarkSweep)")/

/**
 * jstat's counts (understand/jstat-rows.ts): FGC, the old generation's collections; CGC, the
 * pauses of G1's concurrent cycles (each followed by the mixed collections that take old regions).
 */
const JSTAT_OLDER_COUNTS = /^(?:FGC|CGC)$/

/**
 * Whether a series counts collections of the older generations: Python's `gen2` column,
 * `python_gc_collections_total{generation="2"}`, a JVM's major or old-generation collections
 * (`jvm_gc_pause_seconds_count{action="end of major GC",…}`,
 * `jvm_gc_collection_seconds_count{gc="G1 Old Generation"}`), a log's full pauses counted at each
 * reading (understand/gc-pause-lines.ts), jstat's FGC and CGC.
 */
export function countsOlderCollections(metric: string): boolean {
  if (OLDER_COLLECTIONS_NAME.test(metric) || PYTHON_OLDEST.test(metric)) return true
  if (metric === GC_LOG_COLLECTIONS_METRIC || JSTAT_OLDER_COUNTS.test(metric)) return true
  const jvm = JVM_PAUSES.exec(metric)
  return jvm !== null && JVM_OLD_LABELS.test(jvm[1])
}

/** Which samples of a Prometheus file a load reads (load/types.ts `SeriesLoadRequest.samples`). */
export interface SampleFilter {
  /** Families whose lines are read at all (a process's start time is read too, for its restarts). */
  families: readonly string[]
  /** Text a line must hold (one of them) to be parsed: a cheap test before the exact one, `keep`. */
  markers: readonly string[]
  /** Whether a sample, by its canonical key (`name{a="b"}`), is kept. */
  keep(key: string): boolean
  /** Most keys kept per file: the others are left out, with a note. */
  maxSeries: number
  /** What the kept series are, for that note (`collection counters`). */
  what: string
  /**
   * A file's own choice of keys, in place of `keep` and `maxSeries` (a fresh one per file): a key
   * is kept, skipped (never wanted), or over (wanted, but past a cap: left out with the note).
   */
  admission?: () => (key: string) => Admitted
  /** How the kept ones were chosen when some were over a cap, for the note (`the first 64 of each file read`). */
  chosen?: string
}

/** What a {@link SampleFilter}'s admission says of a key. */
export type Admitted = 'kept' | 'skipped' | 'over'

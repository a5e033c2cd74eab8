/**
 * The contract of the loaders: one pure, streaming parser per input format.
 * A parser takes the file's lines (an `AsyncIterable<string>`, so files
 * stream and tests pass arrays) and returns series or a snapshot, plus the
 * errors it met. It keeps reading after a bad row so the report can still
 * list what was read; the pipeline turns any error into verdict `error`.
 */
import type { SeriesSpec } from '../config/types.js'
import type { InputFormat, ReportError, Series, Snapshot } from '../model.js'
import type { SampleFilter } from '../understand/collection-counters.js'

export type { SampleFilter } from '../understand/collection-counters.js'

/** What to load and how: the file's relative path, its format and its `series:` entry. */
export interface SeriesLoadRequest {
  file: string
  format: InputFormat
  spec: SeriesSpec
  /** Time a log `pattern` may take on one batch of lines (default 5 s; tests set less). */
  patternBudgetMs?: number
  /**
   * Memory columns the config did not list, read in the same pass only to vouch
   * for the listed ones (CSV and JSON lines: the reserved heap `heapTotal`):
   * their series come back `witnessOnly`, after the listed ones; a witness cell
   * that does not read drops the witnesses silently, never an error of the file.
   */
  witness?: readonly string[]
  /**
   * Prometheus only: read only the samples this admits (a witness pass over a file already
   * read); every other line is skipped as it is read, without parsing it or building a series.
   */
  samples?: SampleFilter
  /**
   * Log only: the file holds a collector's pause lines (understand/gc-pause-lines.ts); its full
   * collections are counted at each reading and come back as a `witnessOnly` series
   * (`gc_log_full_collections`), when the file's readings are one process's.
   */
  collections?: boolean
}

export interface SeriesLoadResult {
  series: Series[]
  /** Data rows read (header and comment lines not counted). */
  rows: number
  /** Problems found, at most a few per file (the first ones), with the total in `errorCount`. */
  errors: ReportError[]
  errorCount: number
  /** Rows read but without any value (docker `-- / --`, log lines not matching the pattern...). */
  skipped?: number
  /** Things worth saying in the report about how the file was read (one line each). */
  notes?: string[]
  /**
   * The time column's numeric dates proved day-first (a day above 12) only
   * after some were read month-first: the file must be read again with this order.
   */
  rereadWithOrder?: 'dmy'
  /**
   * Why {@link rereadWithOrder} is day-first when no date proved it (the
   * dates step forward only so): the series' note, which the second reading,
   * its order then fixed, cannot write.
   */
  rereadNote?: string
  /**
   * A pid column whose values came back after the head read to plan the file: the file is read
   * again grouped by it (load/index.ts).
   */
  lateProcessSplit?: { column: string; values: string[] }
}

export interface SnapshotLoadResult {
  snapshot: Snapshot
  rows: number
  errors: ReportError[]
  errorCount: number
  /** Things worth saying in the report about how the file was read. */
  notes?: string[]
}

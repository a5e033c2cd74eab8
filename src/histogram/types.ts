/**
 * Class histograms as the runtimes print them: one row per class (or per
 * allocation site) with how many objects it has and how many bytes they
 * take, and for the formats that print a change since the previous call
 * (objgraph, pympler's print_diff, tracemalloc's StatisticDiff) that change.
 * Every parser of this folder turns its text into one {@link Histogram}, so
 * one pure differ (`compare.ts`) judges them all.
 */

import { HISTOGRAM_FORMATS, type HistogramInputFormat } from '../model.js'

/** The text formats read (defined with the data model, as the input formats are). */
export { HISTOGRAM_FORMATS }
export type HistogramFormat = HistogramInputFormat

/** What the printing tool is called, for messages and the report. */
export const HISTOGRAM_TOOLS: Record<HistogramFormat, string> = {
  'jvm-histogram': 'jcmd GC.class_histogram / jmap -histo',
  objgraph: 'objgraph.show_growth',
  pympler: 'pympler summary / print_diff',
  tracemalloc: 'tracemalloc statistics',
  'pprof-top': 'go tool pprof -top'
}

/** One class (or allocation site) of a histogram. Absent numbers are not printed by the tool. */
export interface HistogramRow {
  /** Class name as printed, module suffix removed (`java.lang.String`), or `file:line` / function. */
  name: string
  /** Objects alive (absolute). */
  count?: number
  /** Bytes they take (absolute). */
  bytes?: number
  /** Change of count since the previous call of the tool (objgraph, pympler diff, tracemalloc diff). */
  countDelta?: number
  bytesDelta?: number
  /** 1-based line of the row in its file. */
  line: number
}

/**
 * One histogram file. `complete` says whether a class missing from it has
 * no objects (a JVM histogram lists every loaded class) or was only not
 * printed (objgraph prints growers, `compare_to()[:10]` the top ten).
 */
export interface Histogram {
  file: string
  format: HistogramFormat
  rows: HistogramRow[]
  complete: boolean
  /** pprof only: the sample type (`inuse_space`, `alloc_objects`, ...). */
  sampleType?: string
  /** pympler: the table holds the change since the previous summary (print_diff), not totals. */
  diffOnly?: boolean
  /** From a `# leak-gate: work=N time=T` line at the top of the file. */
  work?: number
  /** Epoch ms, from the same line. */
  time?: number
  /** The tool's own total line (JVM `Total`, pprof `... of X total`), in its units. */
  totalCount?: number
  totalBytes?: number
}

/**
 * What every format's line reader implements, and the bookkeeping they share:
 * rows of one class printed twice (a JVM class loaded by two class loaders,
 * a pprof function listed inline and not) are added up, and a file is capped
 * at {@link MAX_ROWS} rows so a huge file cannot take the memory of the run.
 */
import type { ErrorSink } from '../load/lines.js'
import type { Histogram, HistogramRow } from './types.js'

/** Most rows read from one histogram (a JVM lists a few thousand classes; 200,000 is far beyond any). */
export const MAX_ROWS = 200_000

/** Reads one format line by line; `visit` records problems in the sink and keeps going. */
export interface HistogramLineReader {
  visit(line: string, lineNumber: number, sink: ErrorSink): void
  /** Called at the end: what the file said besides its rows, and problems of the whole (no table). */
  finish(sink: ErrorSink): Omit<Histogram, 'file' | 'format' | 'rows'>
  /** Rows read so far. */
  rows: RowTable
}

/** Rows by class name, in the order first seen; repeated names are summed. */
export class RowTable {
  private readonly byName = new Map<string, HistogramRow>()

  get size(): number {
    return this.byName.size
  }

  /** Adds a row, summing the numbers of a name seen before. False when the cap is reached. */
  add(row: HistogramRow): boolean {
    const seen = this.byName.get(row.name)
    if (!seen) {
      if (this.byName.size >= MAX_ROWS) return false
      this.byName.set(row.name, row)
      return true
    }
    seen.count = sum(seen.count, row.count)
    seen.bytes = sum(seen.bytes, row.bytes)
    seen.countDelta = sum(seen.countDelta, row.countDelta)
    seen.bytesDelta = sum(seen.bytesDelta, row.bytesDelta)
    return true
  }

  list(): HistogramRow[] {
    return [...this.byName.values()]
  }
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : a + b
}

/**
 * Ends a histogram table: an error when its header never came (`expectedTable` says what was
 * looked for) or when the header came with no row after it (`rowsExpected`: which rows).
 */
export function reportEmptyTable(
  sink: ErrorSink,
  header: boolean,
  rows: RowTable,
  expectedTable: string,
  rowsExpected: string
): void {
  if (!header) sink.add(undefined, undefined, 'no header', expectedTable)
  else if (rows.size === 0)
    sink.add(undefined, undefined, 'the header only', `${rowsExpected} after the header`)
}

/** Small helpers that turn a loader's state into a {@link SeriesLoadResult}. */
import type { ErrorSink } from './lines.js'
import type { RowLoader } from './table.js'
import type { SeriesLoadResult } from './types.js'

/** Assembles a load result from what was read and the error sink. */
export function result(
  series: SeriesLoadResult['series'],
  rows: number,
  sink: ErrorSink,
  skipped = 0,
  notes: string[] = []
): SeriesLoadResult {
  const out: SeriesLoadResult = { series, rows, errors: sink.errors, errorCount: sink.count }
  if (skipped > 0) out.skipped = skipped
  if (notes.length > 0) out.notes = notes
  return out
}

/**
 * Ends a row-based load: an error for a file with no rows (empty, or header
 * only) and the series otherwise, with a note on skipped rows.
 */
export function finishRows(
  loader: RowLoader | undefined,
  headerLine: number,
  sink: ErrorSink,
  what: string,
  skippedNote?: (skipped: number) => string
): SeriesLoadResult {
  if (!loader) {
    if (sink.count === 0) sink.add(undefined, undefined, undefined, `${what}, found an empty file`)
    return result([], 0, sink)
  }
  if (loader.rows === 0 && sink.count === 0) {
    sink.add(headerLine, undefined, 'the header only', `${what} after the header`)
  }
  const notes = loader.skipped > 0 && skippedNote ? [skippedNote(loader.skipped)] : []
  notes.push(...loader.notes())
  const out = result(loader.finish(), loader.rows, sink, loader.skipped, notes)
  if (loader.rereadWithOrder !== undefined) out.rereadWithOrder = loader.rereadWithOrder
  if (loader.rereadNote !== undefined) out.rereadNote = loader.rereadNote
  const late = loader.lateProcessSplit()
  if (late !== undefined) out.lateProcessSplit = late
  return out
}

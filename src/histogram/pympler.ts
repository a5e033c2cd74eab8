/**
 * pympler's tables: `SummaryTracker.print_diff()` and `summary.print_()`
 * share one layout (`summary.format_`: right-justified cells joined by
 * `" | "`, a `=` border under the header, sizes by `stringutils.pp` in
 * B/KB/MB/GB meaning powers of 1024):
 *
 * ```text
 *                    types |   # objects |   total size
 * ======================== | =========== | ============
 *     <class '__main__.Session |        4000 |    218.75 KB
 *                     list |        4001 |    343.86 KB
 * ```
 *
 * The two print the same text: print_diff's numbers are the change since
 * the previous summary, print_'s are totals. Which one a file is comes from
 * the config (`histograms.pympler: diff | totals`; default diff, because
 * print_diff is the call pympler documents for finding leaks).
 */
import type { ErrorSink } from '../load/lines.js'
import { reportEmptyTable, RowTable, type HistogramLineReader } from './reader.js'
import { toBytes } from './sizes.js'

/** The header line. */
export const PYMPLER_HEADER_RE = /^\s*types\s+\|\s+# objects\s+\|\s+total size\s*$/
const BORDER_RE = /^\s*=+\s+\|\s+=+\s+\|\s+=+\s*$/
const ROW_RE = /^\s*(.+?)\s+\|\s+(-?\d+)\s+\|\s+(-?\d+(?:\.\d+)?)\s+(B|KB|MB|GB|TB|EB)\s*$/
const ROW_EXPECTED = 'a row like "  list |  4001 |  343.86 KB" (type | # objects | total size)'

/** Reads one pympler table; `diff` says whether its numbers are changes (print_diff) or totals. */
export function createPymplerReader(diff: boolean): HistogramLineReader {
  const rows = new RowTable()
  let header = false
  return {
    rows,
    visit(line: string, lineNumber: number, sink: ErrorSink): void {
      if (line.trim() === '') return
      if (!header) {
        if (PYMPLER_HEADER_RE.test(line)) header = true
        else
          sink.add(
            lineNumber,
            undefined,
            line,
            'the pympler header "types | # objects | total size"'
          )
        return
      }
      if (BORDER_RE.test(line)) return
      const row = ROW_RE.exec(line)
      const bytes = row ? toBytes(row[3], row[4]) : undefined
      if (!row || bytes === undefined) {
        sink.add(lineNumber, 'total size', line, ROW_EXPECTED)
        return
      }
      const name = row[1]
      const added = diff
        ? rows.add({ name, countDelta: Number(row[2]), bytesDelta: bytes, line: lineNumber })
        : rows.add({ name, count: Number(row[2]), bytes, line: lineNumber })
      if (!added)
        sink.add(lineNumber, undefined, `more than ${rows.size} types`, 'at most that many rows')
    },
    finish(sink: ErrorSink) {
      reportEmptyTable(
        sink,
        header,
        rows,
        'a pympler table "types | # objects | total size"',
        'type rows'
      )
      return { complete: !diff, ...(diff ? { diffOnly: true } : {}) }
    }
  }
}

/**
 * `objgraph.show_growth()` (and `objgraph.growth()` printed the same way):
 * one line per type whose count rose above its previous peak, written as
 * `'%-*s%9d %+9d' % (width, name, count, delta)`:
 *
 * ```text
 * dict                      5012     +4000
 * __main__.Session          4000     +4000
 * ```
 *
 * Only growers are printed, so a missing type is "did not grow past its
 * peak", not "no objects".
 */
import type { ErrorSink } from '../load/lines.js'
import { RowTable, type HistogramLineReader } from './reader.js'

/** One show_growth line: name, count, signed delta. */
export const OBJGRAPH_ROW_RE = /^(\S.*?)\s+(\d+)\s+([+-]\d+)\s*$/

/** Reads one show_growth output. */
export function createObjgraphReader(): HistogramLineReader {
  const rows = new RowTable()
  return {
    rows,
    visit(line: string, lineNumber: number, sink: ErrorSink): void {
      if (line.trim() === '') return
      const row = OBJGRAPH_ROW_RE.exec(line)
      if (!row) {
        sink.add(
          lineNumber,
          undefined,
          line,
          'a show_growth line like "Session   4000   +4000" (type, count, +change)'
        )
        return
      }
      if (
        !rows.add({
          name: row[1],
          count: Number(row[2]),
          countDelta: Number(row[3]),
          line: lineNumber
        })
      )
        sink.add(lineNumber, undefined, `more than ${rows.size} types`, 'at most that many rows')
    },
    finish(sink: ErrorSink) {
      if (rows.size === 0)
        sink.add(undefined, undefined, 'no line', 'show_growth lines (type, count, +change)')
      return { complete: false }
    }
  }
}

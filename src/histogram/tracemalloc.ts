/**
 * Python's tracemalloc, printed with `print(stat)`: `Snapshot.statistics()`
 * gives `Statistic` lines, `Snapshot.compare_to()` gives `StatisticDiff`
 * lines with the change since the older snapshot in parentheses
 * (CPython `Lib/tracemalloc.py`, sizes by `_format_size` in B/KiB/MiB/GiB/TiB):
 *
 * ```text
 * /app/store.py:3: size=1017 KiB (+850 KiB), count=17967 (+15000), average=58 B
 * /app/store.py:3: size=1017 KiB, count=17967, average=58 B
 * ```
 *
 * The "class" is the allocation site (`file:line`). Scripts usually print
 * the top N only, so a missing site is "not printed", not "nothing there".
 * The counts are exact and judged; the sizes are rounded by the printer.
 */
import type { ErrorSink } from '../load/lines.js'
import { RowTable, type HistogramLineReader } from './reader.js'
import { toBytes } from './sizes.js'

const SIZE = '(-?\\d+(?:\\.\\d+)?) (B|KiB|MiB|GiB|TiB)'
/** One Statistic or StatisticDiff line. */
export const TRACEMALLOC_ROW_RE = new RegExp(
  `^(.+?): size=${SIZE}(?: \\(([+-]\\d+(?:\\.\\d+)?) (B|KiB|MiB|GiB|TiB)\\))?, ` +
    `count=(\\d+)(?: \\(([+-]\\d+)\\))?(?:, average=${SIZE})?\\s*$`
)
/** A heading a script prints before the lines (`[ Top 10 differences ]`, the docs' example). */
const HEADING_RE = /^\s*\[.*\]\s*$/

/** Reads tracemalloc statistics lines. */
export function createTracemallocReader(): HistogramLineReader {
  const rows = new RowTable()
  return {
    rows,
    visit(line: string, lineNumber: number, sink: ErrorSink): void {
      if (line.trim() === '' || HEADING_RE.test(line)) return
      const row = TRACEMALLOC_ROW_RE.exec(line)
      const bytes = row ? toBytes(row[2], row[3]) : undefined
      if (!row || bytes === undefined) {
        sink.add(
          lineNumber,
          undefined,
          line,
          'a tracemalloc line like "app.py:3: size=576 KiB (+576 KiB), count=10000 (+10000), average=59 B"'
        )
        return
      }
      const added = rows.add({
        name: row[1],
        count: Number(row[6]),
        bytes,
        ...(row[7] !== undefined ? { countDelta: Number(row[7]) } : {}),
        ...(row[4] !== undefined ? { bytesDelta: toBytes(row[4], row[5]) } : {}),
        line: lineNumber
      })
      if (!added)
        sink.add(lineNumber, undefined, `more than ${rows.size} sites`, 'at most that many rows')
    },
    finish(sink: ErrorSink) {
      if (rows.size === 0)
        sink.add(
          undefined,
          undefined,
          'no line',
          'tracemalloc statistics lines ("file:line: size=…, count=…")'
        )
      return { complete: false }
    }
  }
}

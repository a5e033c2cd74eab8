/**
 * JVM class histograms: `jcmd <pid> GC.class_histogram` and `jmap -histo[:live]`
 * print the same table (jcmd first prints `<pid>:`):
 *
 * ```text
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:         46269        1999080  [B (java.base@17.0.15)
 *    4:         13000         312000  Leaky$Session
 * Total        115937        4277424
 * ```
 *
 * JDK 8 prints no `(module)`. The module suffix is left out of the class
 * name so histograms of two JDK builds compare. Every loaded class is listed,
 * so a class missing from a histogram has no instances.
 */
import type { ErrorSink } from '../load/lines.js'
import { reportEmptyTable, RowTable, type HistogramLineReader } from './reader.js'

/** The column header line (JDK 8: without `(module)`). */
export const JVM_HEADER_RE = /^\s*num\s+#instances\s+#bytes\s+class name(?:\s+\(module\))?\s*$/
const ROW_RE = /^\s*(\d+):\s+(\d+)\s+(\d+)\s+(\S+)(?:\s+\(([^()]*)\))?\s*$/
const TOTAL_RE = /^Total\s+(\d+)\s+(\d+)\s*$/
const ROW_EXPECTED = 'a row like "   4:   13000   312000  com.example.Session (module)"'

/** Reads one JVM class histogram. */
export function createJvmReader(): HistogramLineReader {
  const rows = new RowTable()
  let header = false
  let totalCount: number | undefined
  let totalBytes: number | undefined
  let totalLine: number | undefined
  return {
    rows,
    visit(line: string, lineNumber: number, sink: ErrorSink): void {
      if (line.trim() === '') return
      if (!header) {
        if (JVM_HEADER_RE.test(line)) header = true
        else if (!/^\d+:\s*$/.test(line))
          sink.add(
            lineNumber,
            undefined,
            line,
            'the jcmd/jmap header "num  #instances  #bytes  class name"'
          )
        return
      }
      if (/^-+$/.test(line.trim())) return
      const total = TOTAL_RE.exec(line)
      if (total) {
        totalCount = Number(total[1])
        totalBytes = Number(total[2])
        totalLine = lineNumber
        return
      }
      const row = ROW_RE.exec(line)
      if (!row) {
        sink.add(lineNumber, 'class name', line, ROW_EXPECTED)
        return
      }
      if (totalLine !== undefined) {
        sink.add(
          lineNumber,
          undefined,
          line,
          `the end of the histogram after its Total line (line ${totalLine})`
        )
        return
      }
      if (
        !rows.add({ name: row[4], count: Number(row[2]), bytes: Number(row[3]), line: lineNumber })
      )
        sink.add(
          lineNumber,
          undefined,
          `more than ${rows.size} classes`,
          'a class histogram of at most that many rows'
        )
    },
    finish(sink: ErrorSink) {
      reportEmptyTable(
        sink,
        header,
        rows,
        'a jcmd GC.class_histogram or jmap -histo table',
        'class rows'
      )
      return {
        complete: true,
        ...(totalCount !== undefined ? { totalCount, totalBytes } : {})
      }
    }
  }
}

/**
 * `go tool pprof -top` on a heap profile:
 *
 * ```text
 * File: server
 * Type: inuse_space
 * Time: Dec 5, 2026 at 12:00pm (UTC)
 * Showing nodes accounting for 3.50MB, 100% of 3.50MB total
 *       flat  flat%   sum%        cum   cum%
 *     1.50MB 42.86% 42.86%     1.50MB 42.86%  main.(*Store).Add
 * ```
 *
 * The "class" is the allocating function and its `flat` value the memory
 * (inuse_space, bytes) or objects (inuse_objects) it holds. alloc_space and
 * alloc_objects count every allocation since the start, live or not: they
 * always grow, so they are shown but never judged. Nodes below pprof's
 * cut-off are dropped, so a missing function is "not printed".
 */
import type { ErrorSink } from '../load/lines.js'
import { reportEmptyTable, RowTable, type HistogramLineReader } from './reader.js'
import { parsePprofValue } from './sizes.js'

/** The column header line. */
export const PPROF_HEADER_RE = /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/
/** pprof's preamble lines (`File:`, `Type:`, `Showing nodes ...`, `Dropped ...`). */
const PREAMBLE_RE =
  /^(File|Build ID|Type|Time|Duration|Showing|Dropped|Active filters|Fetching|Saved profile|Entering interactive|\(pprof\)|\s+\w+=)/
const ROW_RE = /^\s*(\S+)\s+(-?[\d.]+)%\s+(-?[\d.]+)%\s+(\S+)\s+(-?[\d.]+)%\s+(\S.*?)\s*$/
const MEMORY_TYPES = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects']

/** Reads one pprof -top output of a heap profile. */
export function createPprofReader(): HistogramLineReader {
  const rows = new RowTable()
  let header = false
  let sampleType: string | undefined
  let typeLine = 0
  return {
    rows,
    visit(line: string, lineNumber: number, sink: ErrorSink): void {
      if (line.trim() === '') return
      if (!header) {
        const type = /^Type:\s*(\S+)/.exec(line)
        if (type) {
          sampleType = type[1]
          typeLine = lineNumber
        } else if (PPROF_HEADER_RE.test(line)) header = true
        else if (!PREAMBLE_RE.test(line))
          sink.add(
            lineNumber,
            undefined,
            line,
            'the pprof -top preamble (File:, Type:, Showing nodes …) and the "flat  flat%  sum%  cum  cum%" header'
          )
        return
      }
      const row = ROW_RE.exec(line)
      const flat = row ? parsePprofValue(row[1]) : undefined
      if (!row || !flat) {
        sink.add(
          lineNumber,
          'flat',
          line,
          'a row like "  1.50MB 42.86% 42.86%  1.50MB 42.86%  main.leak"'
        )
        return
      }
      const bytes = flat.unit === 'bytes' || /_space$/.test(sampleType ?? '')
      const added = rows.add(
        bytes
          ? { name: row[6], bytes: flat.value, line: lineNumber }
          : { name: row[6], count: flat.value, line: lineNumber }
      )
      if (!added)
        sink.add(
          lineNumber,
          undefined,
          `more than ${rows.size} functions`,
          'at most that many rows'
        )
    },
    finish(sink: ErrorSink) {
      if (sampleType !== undefined && !MEMORY_TYPES.includes(sampleType))
        sink.add(
          typeLine,
          'Type',
          sampleType,
          `a heap profile (${MEMORY_TYPES.join(', ')}): a ${sampleType} profile holds no objects`
        )
      reportEmptyTable(
        sink,
        header,
        rows,
        'the "flat  flat%  sum%  cum  cum%" header of pprof -top',
        'function rows'
      )
      return { complete: false, ...(sampleType ? { sampleType } : {}) }
    }
  }
}

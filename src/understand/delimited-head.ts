/**
 * The first lines of a delimited file as a header and rows of cells, for the
 * rules that decide a reading from the values of the first rows (one series per
 * process, a long table). The loader and zero-config detection read the same
 * head (200 lines, 64 KiB at most), so both decide alike. Pure.
 */
import { excelSeparator, pickDelimiter, splitCsvLine, TRAILING_CR_RE } from './sniff.js'

/** A head of a delimited file: its header and the rows below it, split into cells. */
export interface DelimitedHead {
  header: string[]
  rows: string[][]
}

/** Rows of the head read at most (the head itself is bounded: 200 lines, 64 KiB). */
const MAX_HEAD_ROWS = 200

/**
 * The header (the first line that is neither blank nor a `#` comment nor Excel's
 * `sep=,`, BOM and `\r` dropped) and the rows after it with as many cells as it has; undefined
 * for fewer than two columns.
 */
export function delimitedHead(head: readonly string[]): DelimitedHead | undefined {
  const lines = head.map((line, index) =>
    (index === 0 ? line.replace(/^\uFEFF/, '') : line).replace(TRAILING_CR_RE, '')
  )
  const first = lines.findIndex((line) => line.trim() !== '')
  // Excel's `sep=;` line names the delimiter; the header follows it
  const separator = first >= 0 ? excelSeparator(lines[first]) : undefined
  const at = lines.findIndex(
    (line, index) =>
      line.trim() !== '' &&
      !line.trim().startsWith('#') &&
      !(separator !== undefined && index === first)
  )
  if (at < 0) return undefined
  const delimiter = separator ?? pickDelimiter(lines[at])
  const header = splitCsvLine(lines[at], delimiter)
  while (header.length > 2 && header[header.length - 1] === '') header.pop()
  if (header.length < 2) return undefined
  const rows: string[][] = []
  for (const line of lines.slice(at + 1, at + 1 + MAX_HEAD_ROWS)) {
    if (line.trim() === '' || line === lines[at]) continue
    const cells = splitCsvLine(line, delimiter)
    if (cells.length === header.length + 1 && cells[header.length] === '') cells.pop()
    if (cells.length === header.length) rows.push(cells)
  }
  return { header, rows }
}

/** Cells that hold no value (empty, `N/A`, `--`, `null`): they say nothing of a row. */
export function isBlankCell(cell: string): boolean {
  return /^(?:|n\/a|na|null|none|nan|-|--|undefined|nil)$/i.test(cell.trim())
}

/**
 * Markdown pipe tables, as issue threads and load-test write-ups paste their
 * measurements (`| t+60 | 144.0 MB | +93.1 |`): the first table of a file is
 * read as CSV, each row a sample, cells as written (units per cell, `**bold**`
 * and `` `code` `` marks removed, a typographic minus `−` read as `-`). Pure: the sniffer finds the table in a
 * file's head; the loader turns each line into a CSV line or an empty one, one
 * for one, so errors keep the file's line numbers.
 */

/** A table row: starts and ends with a pipe (GitHub's form; a row without outer pipes is prose). */
const ROW_RE = /^\s*\|.*\|\s*$/
/** The line under the header: `|---|:---:|---:|`. */
const SEPARATOR_RE = /^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/
/** Emphasis and code marks around a cell's text. */
const MARKS_RE = /\*\*|__|`/g
/** The typographic minus sign (U+2212) write-ups use for negative deltas. */
const MINUS_RE = /\u2212/g
/** Cells a row may hold, at most (a pasted table, not a wide export). */
const MAX_CELLS = 64

/** The cells of a table row: outer pipes removed, split on unescaped pipes, trimmed, marks removed. */
export function markdownCells(line: string): string[] {
  const inner = line.trim().slice(1, -1)
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]
    if (char === '\\' && inner[i + 1] === '|') {
      cell += '|'
      i++
    } else if (char === '|') {
      cells.push(cell)
      cell = ''
    } else cell += char
  }
  cells.push(cell)
  return cells.map((text) => text.replace(MARKS_RE, '').replace(MINUS_RE, '-').trim())
}

/** Header names: a blank first header cell (a column of row labels) is named `row`. */
function headerNames(cells: string[]): string[] {
  return cells.map((name, i) => (name === '' ? (i === 0 ? 'row' : `column ${i + 1}`) : name))
}

/** The first pipe table of a head: its header line's index, column names and first row. */
export function findMarkdownTable(
  lines: readonly string[]
): { at: number; columns: string[]; firstRow: string[] } | undefined {
  for (let at = 0; at + 2 < lines.length; at++) {
    if (!ROW_RE.test(lines[at]) || !SEPARATOR_RE.test(lines[at + 1])) continue
    const columns = markdownCells(lines[at])
    if (columns.length < 2 || columns.length > MAX_CELLS) continue
    if (!ROW_RE.test(lines[at + 2])) continue
    return { at, columns: headerNames(columns), firstRow: markdownCells(lines[at + 2]) }
  }
  return undefined
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Turns a Markdown file into CSV line by line: the first table's header and
 * rows become CSV lines, every other line (prose, the separator, later
 * tables) an empty one, which the CSV reader skips. One output line per
 * input line, so line numbers stay the file's.
 */
export class MarkdownTableToCsv {
  private state: 'before' | 'rows' | 'after' = 'before'
  private previous: string | undefined

  /** The CSV line for `line` (the file's next line). */
  line(line: string): string {
    const previous = this.previous
    this.previous = line
    switch (this.state) {
      case 'before':
        // the header is known only at its separator: it was emitted empty, so it goes on the
        // separator's line (the CSV reader's header error, if any, names that line)
        if (previous !== undefined && ROW_RE.test(previous) && SEPARATOR_RE.test(line)) {
          this.state = 'rows'
          return headerNames(markdownCells(previous)).map(csvField).join(',')
        }
        return ''
      case 'rows':
        if (!ROW_RE.test(line)) {
          this.state = 'after'
          return ''
        }
        return markdownCells(line).map(csvField).join(',')
      default:
        return ''
    }
  }
}

/** True for a file name a Markdown table may come from (`.md`, `.markdown`). */
export function isMarkdownName(file: string): boolean {
  return /\.(?:md|markdown)$/i.test(file)
}

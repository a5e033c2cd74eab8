/**
 * `top -b` output saved to a file: whole screens (`top - 10:00:00 up …`, the
 * summary lines, the process table), or only the process rows kept by a filter
 * under top's column header (`top -b -p $PID`, `top -b | grep node`). The process
 * rows are read as CSV, line for line (errors keep the file's line numbers):
 * `time` from the last `top - HH:MM:SS` line when the file has them, `PID`,
 * `COMMAND` and the memory columns `RES`, `VIRT`, `SHR` with their unit written
 * in each cell (top prints KiB, or a scaled value with a letter once it grows:
 * `845576`, then `1.3g`). Pure: the loader feeds lines, the sniffer asks about a head.
 */

/** A screen's first line: `top - 10:00:00 up 3 days,  2:03,  1 user,  load average: …`. */
const SCREEN_RE = /^top - (\d{1,2}:\d{2}:\d{2}) /
/** The summary lines under it: tasks, CPU, memory and swap totals. */
const SUMMARY_RE =
  /^(?:Tasks|Threads):|^%?Cpu|^[KMGTPE]iB (?:Mem|Swap)\b|^(?:KiB|MiB|GiB) +(?:Mem|Swap)/
/** The process table's header: `PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND` (top's default fields). */
const HEADER_RE =
  /^\s*PID\s+USER\s+PR\s+NI\s+VIRT\s+RES\s+SHR\s+S\s+%CPU\s+%MEM\s+TIME\+\s+COMMAND\s*$/
/** The header's columns, in order (COMMAND last: it may hold spaces). */
const COLUMNS = [
  'PID',
  'USER',
  'PR',
  'NI',
  'VIRT',
  'RES',
  'SHR',
  'S',
  '%CPU',
  '%MEM',
  'TIME+',
  'COMMAND'
]
/** The memory columns read, as named by top. */
export const TOP_MEMORY_COLUMNS = ['RES', 'VIRT', 'SHR'] as const
/** A process row starts with its PID. */
const ROW_RE = /^\s*\d+\s/
/**
 * A whole process row in top's default fields, for rows kept without their
 * header (`top -b | grep app`): PID, USER, PR (`20`, `rt`), NI, three sizes,
 * the state letter, %CPU, %MEM and TIME+ (`0:13.88`): no other tool prints this.
 */
const WHOLE_ROW_RE =
  /^\s*\d+\s+\S+\s+(?:-?\d+|rt)\s+-?\d+(?:\s+\d+(?:\.\d+)?[kmgtpe]?){3}\s+[RSDZTtIXW]\s+\d+(?:\.\d+)?\s+\d+(?:\.\d+)?\s+\d+:\d\d(?:\.\d\d)?\s+\S/
/** A memory cell: KiB as written, or scaled with top's letter (`1.3g`; `-E`/`-e` pick the scale). */
const CELL_RE = /^(\d+(?:\.\d+)?)([kmgtpe])?$/
const SCALE: Readonly<Record<string, string>> = {
  k: 'KiB',
  m: 'MiB',
  g: 'GiB',
  t: 'TiB',
  p: 'PiB',
  e: 'EiB'
}
/** Where each memory column sits among top's columns. */
const MEMORY_AT = TOP_MEMORY_COLUMNS.map((column) => COLUMNS.indexOf(column))
/** Runs of white space between cells. */
const SPACES_RE = /\s+/
/** Characters of a line read at most (a process row is ~100; a longer line is no row of top's). */
const MAX_LINE = 4096

/** True for a screen's first line, `top - 10:00:00 up …`. */
export function isTopScreenLine(line: string): boolean {
  return SCREEN_RE.test(line.replace(/^\uFEFF/, '').trim())
}

/** True for top's process header in its default fields (`PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND`). */
export function isTopHeader(line: string): boolean {
  return HEADER_RE.test(line.replace(/^\uFEFF/, ''))
}

/** True for a line `top -b` prints: a screen's first line, a summary line or the process header. */
export function isTopLine(line: string): boolean {
  const trimmed = line.replace(/^\uFEFF/, '').trim()
  return SCREEN_RE.test(trimmed) || SUMMARY_RE.test(trimmed) || HEADER_RE.test(trimmed)
}

/** True for a process row of top's default fields (the first line of rows kept without their header). */
export function isTopRow(line: string): boolean {
  return line.length <= MAX_LINE && WHOLE_ROW_RE.test(line.replace(/^\uFEFF/, ''))
}

/** The CSV header of top's rows, with or without the time column. */
export function topCsvHeader(timed: boolean): string {
  return [...(timed ? ['time'] : []), 'PID', 'COMMAND', ...TOP_MEMORY_COLUMNS].join(',')
}

/**
 * The process table of a head that starts as `top -b` output does (its first
 * line that is not blank one of top's own, top's column header further down): the columns the CSV will have and the first row's
 * cells, or undefined. The loader decides by this test too, on the same head.
 * `headerless`: rows kept without top's header, read under {@link topCsvHeader}.
 */
export function findTopTable(
  head: readonly string[]
): { columns: string[]; firstRow: string[]; timed: boolean; headerless: boolean } | undefined {
  // blank lines above top's first line are no other lines (a redirect after an `echo`)
  const first = head.find((line) => line.trim() !== '')
  if (first === undefined) return undefined
  if (isTopRow(first)) {
    // rows kept without their header: the loader reads them under top's
    const toCsv = new TopRowsToCsv(true)
    return {
      columns: topCsvHeader(false).split(','),
      firstRow: toCsv.line(first).split(','),
      timed: false,
      headerless: true
    }
  }
  if (!isTopLine(first)) return undefined
  const at = head.findIndex((line) => HEADER_RE.test(line))
  if (at < 0) return undefined
  const timed = head.slice(0, at).some((line) => SCREEN_RE.test(line.trim()))
  const toCsv = new TopRowsToCsv()
  const rows = head.map((line) => toCsv.line(line))
  const columns = rows[at].split(',')
  const row = rows.slice(at + 1).find((line) => line !== '')
  return { columns, firstRow: row === undefined ? [] : row.split(','), timed, headerless: false }
}

/** A CSV field: quoted when it holds a comma or a quote. */
function csvField(text: string): string {
  return text.includes('"') || text.includes(',') || text.includes('\n')
    ? `"${text.replace(/"/g, '""')}"`
    : text
}

/** A memory cell with its unit written out (`845576` → `845576KiB`, `1.3g` → `1.3GiB`); as written when it is no size. */
function sizeCell(cell: string): string {
  const size = CELL_RE.exec(cell)
  if (size === null) return cell
  return `${size[1]}${size[2] === undefined ? 'KiB' : SCALE[size[2]]}`
}

/** Where a cut row is recorded (the loader's error sink): line, column, what was found, what was expected. */
export interface TopErrors {
  add(line: number, column: string, found: string, expected: string): void
}

/**
 * Turns `top -b` output into CSV line by line: the first process header
 * becomes `time,PID,COMMAND,RES,VIRT,SHR` (no `time` when no `top -` line
 * came before it), each process row a CSV row, every other line (screen and
 * summary lines, repeated headers, blank lines) an empty one, which the CSV
 * reader skips. A row cut before a memory cell is no row: it is recorded as
 * one error at its line, quoting the row as written.
 */
export class TopRowsToCsv {
  private time: string | undefined
  private timed: boolean | undefined
  /** The file's line number of the last line read. */
  private lineNumber = 0
  /** Top's column header as the file wrote it, once read. */
  header: string | undefined

  /**
   * `headerless`: rows kept without top's header (the caller reads {@link topCsvHeader} first).
   * `sink`: where a cut row is recorded (the loader's); without one it is only left out.
   */
  constructor(
    headerless = false,
    private readonly sink?: TopErrors
  ) {
    if (headerless) this.timed = false
  }

  /** The CSV line for `line` (the file's next line). */
  line(line: string): string {
    this.lineNumber++
    const trimmed = line.trim()
    // a process row starts with its PID: the common case first, no other test on it
    const code = trimmed.charCodeAt(0)
    if (code >= 48 && code <= 57) return this.timed === undefined ? '' : this.row(trimmed)
    const text = trimmed.charCodeAt(0) === 0xfeff ? trimmed.slice(1).trim() : trimmed
    const screen = SCREEN_RE.exec(text)
    if (screen !== null) {
      this.time = screen[1]
      return ''
    }
    if (HEADER_RE.test(text)) {
      if (this.timed !== undefined) return ''
      this.timed = this.time !== undefined
      this.header = text
      return topCsvHeader(this.timed)
    }
    return ROW_RE.test(text) && this.timed !== undefined ? this.row(text) : ''
  }

  /** A process row as CSV: time, PID, COMMAND and the memory cells with their units. */
  private row(trimmed: string): string {
    const cells = trimmed.slice(0, MAX_LINE).split(SPACES_RE)
    // a row cut before a memory cell: one error quoting the row, and no row read
    // (an empty cell would be read as a missing value, silently)
    const cut = MEMORY_AT.find((at) => at >= cells.length)
    if (cut !== undefined) {
      this.sink?.add(
        this.lineNumber,
        COLUMNS[cut],
        trimmed,
        `a whole row of top's ${COLUMNS.length} columns, ${COLUMNS[0]} to ${COLUMNS[COLUMNS.length - 1]} (this row has ${cells.length})`
      )
      return ''
    }
    let csv = this.timed ? `${this.time ?? ''},${csvField(cells[0])},` : `${csvField(cells[0])},`
    csv += csvField(cells.slice(COLUMNS.length - 1).join(' '))
    for (const at of MEMORY_AT) csv += `,${csvField(sizeCell(cells[at]))}`
    return csv
  }
}

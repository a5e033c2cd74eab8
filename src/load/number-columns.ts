/**
 * The decimal mark of each value column of a `;` or tab delimited file, as
 * its cells settle it (understand/number-forms.ts): `1,234,567` or
 * `122.131,2` settle a column, `163,091` alone does not. Rows wait (at most
 * {@link MAX_HELD_ROWS}) while a column has only such cells; then the file's
 * other columns decide (one locale writes one file), else a column of whole
 * units (bytes, KiB, a count) reads the mark as grouping, else a comma is an
 * error naming the column, never a reading 1000 times off.
 */
import {
  bothReadings,
  cellMarks,
  withMarkRead,
  type DecimalMark
} from '../understand/number-forms.js'
import { kindFromName, unitBytesFromName } from '../understand/names.js'

/** Rows held while a column's decimal mark is open (each row's cells kept). */
export const MAX_HELD_ROWS = 200
/** Rows of a file read through the marks before its plain rows may take the fast paths. */
export const SAMPLED_ROWS = 200

/** A column's decimal mark and how it was learned. */
interface ColumnMark {
  decimal: DecimalMark | undefined
  /** Why: `line 5 "1,234,567"`, or the rule that inferred it. */
  by: string
  /** Its first cell that reads both ways, with its line (the mark still open). */
  either?: { text: string; line: number; mark: DecimalMark }
  /** Thousands separators were read in it. */
  grouped: boolean
  /** Its one-mark cells are an error (see {@link NumberColumns.decideOpen}). */
  refused: boolean
  inferred?: string
}

/** Where a cell that does not read with its column's mark is reported. */
export interface MarkErrors {
  add(line: number, column: string, found: string, expected: string): void
}

/** The numbers of a cell: both sides of docker's `usage / limit`, else the cell. */
function sides(cell: string): string[] {
  const slash = cell.indexOf('/')
  if (slash < 0 || cell.indexOf('/', slash + 1) >= 0) return [cell]
  return [cell.slice(0, slash), cell.slice(slash + 1)]
}

/** A whole number with no unit (a unit's fractions are readings: `5.629MiB`). */
const WHOLE_NUMBER_RE = /^\s*[-+]?\d{1,15}\s*$/

/** What makes a fraction of a column's numbers no reading: whole bytes, KiB or objects. */
function wholeUnits(name: string): string | undefined {
  const unit = unitBytesFromName(name)
  if (unit === 1024) return 'KiB'
  const kind = kindFromName(name)
  if (kind === 'memory' && unit === undefined) {
    if (/(^|[^a-z])(kb|kib)([^a-z]|$)/i.test(name)) return 'KiB'
    return 'bytes'
  }
  if (kind === 'count' || kind === 'live' || kind === 'created' || kind === 'collected')
    return 'objects'
  return undefined
}

/** Per-column decimal marks of one file (see the module comment). */
export class NumberColumns {
  private readonly marks = new Map<number, ColumnMark>()
  /** Rows in which a decimal comma was read (for the file's note). */
  commaRows = 0
  /** Rows read through the marks so far. */
  private rows = 0
  /** A mark other than plain points, or grouping, was read: every row goes through the marks. */
  private rewriting = false
  /** Columns with a whole number written with no mark (`999`) among their cells. */
  private readonly plainWhole = new Set<number>()

  constructor(
    private readonly names: readonly string[],
    private readonly isValue: (index: number) => boolean,
    private readonly errors: MarkErrors
  ) {}

  /** True while every row must be read through the marks (sampling, rewriting, or rows held). */
  get everyRow(): boolean {
    return this.rewriting || this.rows < SAMPLED_ROWS
  }

  private markOf(index: number): ColumnMark {
    let mark = this.marks.get(index)
    if (mark === undefined) {
      mark = { decimal: undefined, by: '', grouped: false, refused: false }
      this.marks.set(index, mark)
    }
    return mark
  }

  /** Learns from a row's value cells; true when the row must wait (a column's mark is open). */
  observe(cells: ArrayLike<unknown>, line: number): boolean {
    this.rows++
    let open = false
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]
      if (typeof cell !== 'string' || !this.isValue(index)) continue
      for (const part of sides(cell)) if (this.learn(index, part, line)) open = true
    }
    return open
  }

  /** Learns from one number of a value cell; true when its column's mark is open. */
  private learn(index: number, cell: string, line: number): boolean {
    let open = false
    const marks = cellMarks(cell)
    if (marks.kind === 'none' && WHOLE_NUMBER_RE.test(cell)) this.plainWhole.add(index)
    if (marks.kind === 'none' || marks.kind === 'invalid') return false
    const mark = this.markOf(index)
    if (marks.kind === 'spaced') {
      mark.grouped = true
      this.rewriting = true
    } else if (marks.kind === 'settles') {
      if (mark.decimal === undefined) {
        mark.decimal = marks.decimal
        mark.by = `line ${line} "${cell.trim()}"`
      }
      if (marks.grouped) mark.grouped = true
      if (marks.decimal === ',' || marks.grouped) this.rewriting = true
    } else if (mark.decimal === undefined) {
      mark.either ??= { text: cell.trim(), line, mark: marks.mark }
      this.rewriting = true
      if (!mark.refused) open = true
    }
    return open
  }

  /**
   * Settles every column whose mark is still open: by the file's other
   * columns, else by whole units (a fraction of a byte, KiB or object is no
   * reading), else a point is read as a decimal point (as every tool but a
   * comma-locale spreadsheet writes it) and a comma is an error at the
   * column's first such cell.
   */
  decideOpen(): void {
    const settled = [...this.marks.values()]
      .map((mark) => mark.decimal)
      .filter((decimal) => decimal !== undefined)
    const fileMark =
      settled.length > 0 && settled.every((d) => d === settled[0]) ? settled[0] : undefined
    for (const [index, mark] of this.marks) {
      if (mark.decimal !== undefined || mark.either === undefined || mark.refused) continue
      const { text, line } = mark.either
      const name = this.names[index]
      // a unit in the cell (`5.629MiB`) is the unit counted: its fractions are readings
      const unit = /[A-Za-z%]*$/.exec(text)![0]
      const whole = unit === '' || unit.toLowerCase() === 'b' ? wholeUnits(name) : undefined
      if (fileMark !== undefined) {
        mark.decimal = fileMark
        mark.inferred = `as the file's other columns write numbers ("${fileMark}" their decimal mark)`
      } else if (whole !== undefined) {
        mark.decimal = mark.either.mark === ',' ? '.' : ','
        mark.inferred = `every value reads both ways, and "${name}" counts whole ${whole}: no fraction of three digits`
      } else if (
        mark.either.mark === '.' &&
        (unit === '' || unit.toLowerCase() === 'b') &&
        this.plainWhole.has(index)
      ) {
        // a tool writing fractions writes them on every value (`%.3f`) or settles the mark with a
        // shorter one (`163.1`); whole numbers beside `1.000` are a spreadsheet grouping thousands
        mark.decimal = ','
        mark.inferred = `every value with a mark reads both ways ("${text}"), and the column writes whole numbers without one: "." groups thousands (999 then 1.000), as a comma-locale spreadsheet writes them`
      } else if (mark.either.mark === '.') {
        mark.decimal = '.'
      } else {
        mark.refused = true
        const [grouped, decimal] = bothReadings(text, ',')
        this.errors.add(
          line,
          name,
          text,
          `a number whose decimal mark the column settles: every value reads both ways ("${text}" is ${grouped} with "," grouping thousands, ${decimal} with "," as the decimal mark); write one value with its decimal mark (\`163,0\`) or more digits, or the numbers without thousands separators`
        )
      }
      if (mark.decimal !== undefined && mark.decimal !== mark.either.mark) mark.grouped = true
    }
  }

  /**
   * True while a column of whole numbers written with no mark has no decimal mark settled: a later
   * `1.000` there may group thousands, so its rows must be read as text, never as bytes.
   */
  get mayGroupLater(): boolean {
    for (const index of this.plainWhole)
      if (this.marks.get(index)?.decimal === undefined) return true
    return false
  }

  /** True when some column's mark is open and not yet refused. */
  get open(): boolean {
    for (const mark of this.marks.values())
      if (mark.decimal === undefined && mark.either !== undefined && !mark.refused) return true
    return false
  }

  /**
   * Writes a row's value cells as plain numbers by their columns' marks; the
   * cells of a column refused (see {@link decideOpen}) that read both ways
   * are no value (its error is said once, at its first such cell).
   */
  rewrite(cells: unknown[]): void {
    this.comma = false
    for (const index of this.marks.keys()) {
      const cell = cells[index]
      if (typeof cell !== 'string') continue
      const parts = sides(cell)
      if (parts.length === 1) {
        cells[index] = this.rewriteOne(index, cell)
        continue
      }
      // docker's `usage / limit`: each side read by the column's mark
      const read = parts.map((part) => this.rewriteOne(index, part))
      cells[index] = read.every((part) => part !== undefined) ? read.join(' / ') : undefined
    }
    if (this.comma) this.commaRows++
  }

  /** A decimal comma was read in the row being rewritten. */
  private comma = false

  /** One number of a cell written plain by its column's mark (undefined: a refused column's). */
  private rewriteOne(index: number, cell: string): string | undefined {
    const mark = this.marks.get(index)!
    const marks = cellMarks(cell)
    if (mark.refused) return marks.kind === 'either' ? undefined : cell
    // a cell that groups nothing stays as written: the loader reports it
    const read = withMarkRead(cell, mark.decimal) ?? cell
    if (
      read !== cell &&
      read.includes('.') &&
      (marks.kind === 'settles' ? marks.decimal : mark.decimal) === ','
    )
      this.comma = true
    return read
  }

  /** The notes on grouping read and marks inferred, one per column. */
  notes(): string[] {
    const notes: string[] = []
    for (const [index, mark] of this.marks) {
      if (mark.refused || !mark.grouped) continue
      const name = this.names[index]
      const group =
        mark.decimal === ',' ? '"." or spaces' : mark.decimal === '.' ? '"," or spaces' : 'spaces'
      const why = mark.inferred ?? (mark.by !== '' ? `settled by ${mark.by}` : 'spaces only')
      notes.push(`"${name}": thousands separators (${group}) read as grouping digits: ${why}`)
    }
    return notes
  }
}

/**
 * Generic CSV (or TSV) with a header row: a time column (config `time`, else
 * found by name), an optional work and group column, numeric columns as
 * series. Values may carry units (`88.18 MB`, `12.5%`). Ragged rows and
 * non-numeric values are errors with file:line and column; a repeated header
 * row (a logger restarted) is skipped.
 */
import { ErrorSink, looksBinary, readAllLines, type LineSource } from './lines.js'
import { RowLoader, type ColumnPlan } from './table.js'
import { detectDelimiter, splitFields } from './fields.js'
import { commentedHeader, excelSeparator } from '../understand/sniff.js'
import { MAX_HELD_ROWS, NumberColumns } from './number-columns.js'
import { parseDateText } from './times.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import { result } from './result.js'

/** Makes the column plan once the header is known (docker-stats names its columns). */
export type PlanFactory = (headers: readonly string[]) => (name: string) => ColumnPlan | undefined

/** A line visitor for delimited text; docker-stats reuses it for its CSV form. */
export class DelimitedReader {
  private headerLine: string | undefined
  private headerNumber = 0
  private width = 0
  private delimiter = ','
  /** The delimiter Excel's `sep=` first line named, if the file has one. */
  private separator: string | undefined
  private loader: RowLoader | undefined
  private stopped = false
  /** The header as the file wrote it, when the lines read were made from another text (top's). */
  shownHeader: (() => string | undefined) | undefined

  constructor(
    private readonly request: SeriesLoadRequest,
    private readonly sink: ErrorSink,
    private readonly planFactory?: PlanFactory,
    private readonly numericStrings = true,
    /** The note for rows without any value (docker says why they happen). */
    private readonly skippedNote: ((skipped: number) => string) | undefined = (skipped) =>
      `${skipped} rows without any value skipped`
  ) {}

  /**
   * Lines of a record whose quoted field holds line breaks (RFC 4180: a
   * `"note"` cell written with its newlines), gathered until the quote
   * closes; each with its line number.
   */
  private pending: Array<[string, number]> | undefined

  /**
   * The decimal mark of each value column of a `;` or tab delimited file (a
   * spreadsheet in a comma locale writes `123,4`, with thousands grouped
   * `1.234,5`, `122,131`, `122 131`): rows holding such numbers are read as
   * text, their cells written plain (number-columns.ts). A comma-delimited
   * file quotes such cells: see {@link visitQuoted}.
   */
  private numbers: NumberColumns | undefined
  /** Rows waiting while a column's decimal mark is open, with their line numbers. */
  private held: Array<[string[], number]> = []

  /** Reads one line; returns false to stop reading. */
  visit(line: string, lineNumber: number): boolean {
    if (this.pending !== undefined) return this.continueRecord(line, lineNumber)
    if (this.headerLine === undefined) return this.visitHeader(line, lineNumber)
    if (line.length === 0 || line === this.headerLine) return true
    if (this.splitTime >= 0) return this.visitSplitTime(line, lineNumber)
    if (line.indexOf('"') === -1) {
      const numbers = this.numbers
      if (numbers !== undefined && (numbers.everyRow || MARKED_DIGITS_RE.test(line)))
        return this.visitMarked(line, lineNumber)
      return this.loader!.rangesReady
        ? this.visitRanges(line, lineNumber)
        : this.visitPlain(line, lineNumber)
    }
    if (endsInQuotes(line, this.delimiter)) {
      this.pending = [[line, lineNumber]]
      return true
    }
    return this.visitQuoted(line, lineNumber)
  }

  /**
   * Adds a line to the record a quoted field spans; reads the record once
   * the quote closes. A quote still open after {@link MAX_RECORD_LINES}
   * lines (or at the end of the file, see {@link finish}) is an error on the
   * line that opened it, and the lines after it are read again as rows, so
   * a stray quote costs one row, not the rest of the file.
   */
  private continueRecord(line: string, lineNumber: number): boolean {
    const pending = this.pending!
    pending.push([line, lineNumber])
    if (!endsInQuotes(line, this.delimiter, true)) {
      this.pending = undefined
      const record = pending.map(([text]) => text).join('\n')
      if (this.headerLine === undefined) return this.readHeader(record, pending[0][1])
      return this.visitQuoted(record, pending[0][1])
    }
    if (pending.length < MAX_RECORD_LINES) return true
    return this.unclosed(`within ${MAX_RECORD_LINES} lines`)
  }

  /** Records the unclosed quote of {@link pending} and reads its other lines again. */
  private unclosed(where: string): boolean {
    const pending = this.pending!
    this.pending = undefined
    const [first, number] = pending[0]
    this.sink.add(number, undefined, first, `a closing quote for the field opened here (${where})`)
    for (let k = 1; k < pending.length; k++) {
      if (!this.visit(pending[k][0], pending[k][1])) return false
    }
    return true
  }

  /** Reads a record with quotes (csv-parse: RFC 4180 quoting, line breaks inside quotes). */
  private visitQuoted(line: string, lineNumber: number): boolean {
    const fields = splitFields(line, this.delimiter)
    if (!Array.isArray(fields)) {
      if (looksBinary(line)) return this.binary(lineNumber)
      this.sink.add(lineNumber, undefined, line, fields.error)
      return true
    }
    if (
      fields.length !== this.width &&
      !(fields.length === this.width + 1 && fields[this.width] === '')
    ) {
      return this.ragged(line, lineNumber, fields.length)
    }
    // `"1,234,567"`: a spreadsheet's number format with thousands separators, quoted for the commas
    if (this.delimiter === ',')
      for (let i = 0; i < fields.length; i++)
        if (GROUPED_NUMBER_RE.test(fields[i])) fields[i] = fields[i].replace(/,/g, '')
    return this.readMarked(fields, lineNumber)
  }

  /** Reads a line without quotes of a file whose numbers may have marks (see {@link numbers}). */
  private visitMarked(line: string, lineNumber: number): boolean {
    const fields = line.split(this.delimiter)
    if (
      fields.length !== this.width &&
      !(fields.length === this.width + 1 && fields[this.width] === '')
    ) {
      return this.ragged(line, lineNumber, fields.length)
    }
    return this.readMarked(fields, lineNumber)
  }

  /**
   * Hands a row to the loader, its value cells written plain by their
   * columns' decimal marks; while a column's mark is open the row waits
   * (at most {@link MAX_HELD_ROWS} rows), then the waiting rows go in order.
   */
  private readMarked(fields: string[], lineNumber: number): boolean {
    const numbers = this.numbers
    if (numbers === undefined) {
      this.loader!.addRow(fields, lineNumber)
      return true
    }
    const wait = numbers.observe(fields, lineNumber)
    if (wait || this.held.length > 0) {
      this.held.push([fields, lineNumber])
      if (numbers.open && this.held.length < MAX_HELD_ROWS) return true
      numbers.decideOpen()
      this.release()
      return true
    }
    numbers.rewrite(fields)
    this.loader!.addRow(fields, lineNumber)
    return true
  }

  /** Reads the rows that waited for their columns' decimal marks. */
  private release(): void {
    const held = this.held
    this.held = []
    for (const [fields, lineNumber] of held) {
      this.numbers!.rewrite(fields)
      this.loader!.addRow(fields, lineNumber)
    }
  }

  /** Quote search state of {@link walk}: the chunk searched and its next `"` (or +∞). */
  private quoteBytes: Uint8Array | undefined
  private nextQuote = 0
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0))
  private delimiterCode = 44
  private headerBytes = new Uint8Array(0)
  /** Lines taken by the last {@link walk} (`ByteRowWalker`). */
  lines = 0

  /**
   * The byte fast path (`ByteRowWalker`, via `LineBatchSource.scan`): data
   * lines without quotes whose cells the loader can read from bytes are
   * taken here, with no string at all; the first line it is not sure about
   * (header, quotes, blank, ragged, odd or bad values) is declined and comes
   * back through {@link visit} as text, so messages and results are those
   * of the text path.
   */
  walk(bytes: Uint8Array, start: number, stop: number): number {
    this.lines = 0
    const loader = this.loader
    if (loader === undefined || this.stopped || !loader.rangesReady) return start
    // rows whose numbers may carry marks go through visit, which reads them
    const numbers = this.numbers
    if (
      numbers !== undefined &&
      (numbers.everyRow || this.held.length > 0 || numbers.mayGroupLater)
    )
      return start
    // a time written with its comma unquoted: every row has a field more, read by visit
    if (this.splitTime >= 0) return start
    // inside a quoted field that spans lines, every line is text
    if (this.pending !== undefined) return start
    if (bytes !== this.quoteBytes) {
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      this.quoteBytes = bytes
      this.nextQuote = -1
    }
    if (this.nextQuote < start) {
      const quote = bytes.indexOf(34, start)
      this.nextQuote = quote === -1 ? Infinity : quote
    }
    const next = loader.walkRows(
      bytes,
      this.view,
      start,
      stop,
      this.delimiterCode,
      this.width,
      this.nextQuote,
      this.headerBytes
    )
    this.lines = loader.walked
    return next
  }

  private readonly cells: string[] = []

  /**
   * The fast path for a line without quotes: find the delimiters with
   * `indexOf` and cut out only the cells the loader reads (a docker-stats
   * row has 8 fields, 3 are used), so no array of 8 strings per row.
   */
  private visitPlain(line: string, lineNumber: number): boolean {
    const loader = this.loader!
    const used = loader.usedIndexes()
    const cells = this.cells
    const delimiter = this.delimiter
    let next = used.length > 0 ? used[0] : -1
    let u = 0
    let field = 0
    let start = 0
    for (;;) {
      const at = line.indexOf(delimiter, start)
      if (field === next) {
        cells[field] = at === -1 ? line.slice(start) : line.slice(start, at)
        next = ++u < used.length ? used[u] : -1
      }
      field++
      if (at === -1) break
      start = at + 1
    }
    if (field !== this.width && !(field === this.width + 1 && start === line.length)) {
      return this.ragged(line, lineNumber, field)
    }
    loader.addRow(cells, lineNumber)
    return true
  }

  private bounds = new Int32Array(0)

  /** Like {@link visitPlain} but records cell ranges instead of cutting substrings. */
  private visitRanges(line: string, lineNumber: number): boolean {
    const loader = this.loader!
    const used = loader.usedIndexes()
    if (this.bounds.length < 2 * this.width + 2) this.bounds = new Int32Array(2 * this.width + 2)
    const bounds = this.bounds
    const delimiter = this.delimiter
    let next = used.length > 0 ? used[0] : -1
    let u = 0
    let field = 0
    let start = 0
    for (;;) {
      const at = line.indexOf(delimiter, start)
      if (field === next) {
        bounds[2 * field] = start
        bounds[2 * field + 1] = at === -1 ? line.length : at
        next = ++u < used.length ? used[u] : -1
      }
      field++
      if (at === -1) break
      start = at + 1
    }
    if (field !== this.width && !(field === this.width + 1 && start === line.length)) {
      return this.ragged(line, lineNumber, field)
    }
    loader.addRowRanges(line, bounds, lineNumber)
    return true
  }

  private ragged(line: string, lineNumber: number, fields: number): boolean {
    if (looksBinary(line)) return this.binary(lineNumber)
    if (line.trim() === '') return true
    if (fields === this.width + 1 && this.startsSplitTime(line, lineNumber))
      return this.visitSplitTime(line, lineNumber)
    const names = this.loader!.columnNames
    const column = fields < this.width ? names[fields] : `(extra field ${this.width + 1})`
    this.sink.add(
      lineNumber,
      column,
      `${fields} fields`,
      `${this.width} fields as in the header on line ${this.headerNumber}`
    )
    return true
  }

  /**
   * The time column whose dates the file writes unquoted with their comma
   * (`Mon, 10 Mar 2025 10:00:00 +0000`, as `date -R` and RFC 2822 print
   * them), so every row has one field more than the header: its two fields
   * are read as one. -1 while rows have the header's width.
   */
  private splitTime = -1
  /** The first row read so, for the note. */
  private splitTimeFirst = ''

  /**
   * Whether the first data row has one field more than the header because
   * its time has a comma: the header names that column as the time, and
   * the column's field joined to the next one with the comma is a date with
   * a zone (RFC 2822, `toUTCString()`). Decided on the first row only: a
   * later ragged row is an error, as any.
   */
  private startsSplitTime(line: string, lineNumber: number): boolean {
    const loader = this.loader!
    const time = loader.timeColumn
    if (this.splitTime >= 0 || loader.rows > 0 || this.sink.count > 0 || time < 0) return false
    if (this.delimiter !== ',' || lineNumber <= this.headerNumber) return false
    const fields = splitFields(line, this.delimiter)
    if (!Array.isArray(fields) || fields.length !== this.width + 1) return false
    const joined = `${fields[time]},${fields[time + 1]}`
    if (Number.isNaN(parseDateText(joined))) return false
    this.splitTime = time
    this.splitTimeFirst = joined.trim().replace(/\s+/g, ' ').slice(0, 80)
    return true
  }

  /** Reads a row of a file whose time column is split by its own comma (see {@link splitTime}). */
  private visitSplitTime(line: string, lineNumber: number): boolean {
    const fields = splitFields(line, this.delimiter)
    if (!Array.isArray(fields)) {
      if (looksBinary(line)) return this.binary(lineNumber)
      this.sink.add(lineNumber, undefined, line, fields.error)
      return true
    }
    const width = this.width + 1
    if (fields.length !== width && !(fields.length === width + 1 && fields[width] === '')) {
      if (line.trim() === '') return true
      const name = this.loader!.columnNames[this.splitTime]
      this.sink.add(
        lineNumber,
        name,
        `${fields.length} fields`,
        `${width} fields as on the first row (the header's ${this.width}, the time "${name}" written with its comma unquoted)`
      )
      return true
    }
    const time = this.splitTime
    fields.splice(time, 2, `${fields[time]},${fields[time + 1]}`)
    this.loader!.addRow(fields, lineNumber)
    return true
  }

  /** The last `#` comment line above the header, and its number (a header may be written as one). */
  private comment: [string, number] | undefined

  private visitHeader(line: string, lineNumber: number): boolean {
    const trimmed = line.trim()
    if (trimmed === '') return true
    if (trimmed.startsWith('#')) {
      this.comment = [line, lineNumber]
      return true
    }
    const separator = excelSeparator(trimmed)
    if (separator !== undefined && this.separator === undefined) {
      // Excel's `sep=;` line: the delimiter of the rows below, not a header
      this.separator = separator
      return true
    }
    if (looksBinary(line)) return this.binary(lineNumber)
    const commented = this.comment && commentedHeader(this.comment[0], line)
    if (commented !== undefined) {
      // `#time,rss` above values only: that comment is the header (the sniffer reads it so too)
      this.delimiter = detectDelimiter(commented)
      if (!this.readHeader(commented, this.comment![1])) return false
      return this.visit(line, lineNumber)
    }
    this.delimiter = this.separator ?? detectDelimiter(line)
    if (endsInQuotes(line, this.delimiter)) {
      // a quoted header name with a line break in it: the header goes on
      this.pending = [[line, lineNumber]]
      return true
    }
    return this.readHeader(line, lineNumber)
  }

  /** Reads the header record (one line, or the lines a quoted name spans joined by `\n`). */
  private readHeader(line: string, lineNumber: number): boolean {
    const fields = splitFields(line, this.delimiter)
    if (!Array.isArray(fields)) {
      this.sink.add(lineNumber, undefined, line, `a header row: ${fields.error}`)
      return false
    }
    const headers = fields.map((field) => field.trim())
    if (headers.length > 1 && headers[headers.length - 1] === '') headers.pop()
    this.headerLine = line
    this.headerNumber = lineNumber
    this.width = headers.length
    this.headerBytes = new TextEncoder().encode(line)
    this.delimiterCode = this.delimiter.charCodeAt(0)
    this.loader = new RowLoader({
      file: this.request.file,
      spec: this.request.spec,
      witness: this.request.witness,
      sink: this.sink,
      plan: this.planFactory?.(headers),
      numericStrings: this.numericStrings,
      groupByName: this.planFactory === undefined
    })
    if (!this.loader.defineColumns(headers, lineNumber, line)) {
      this.stopped = true
      return false
    }
    if (this.delimiter !== ',') {
      const loader = this.loader
      this.numbers = new NumberColumns(headers, (index) => loader.isValueColumn(index), this.sink)
    }
    return true
  }

  private binary(lineNumber: number): boolean {
    this.sink.addBinary(lineNumber)
    this.stopped = true
    return false
  }

  /** Ends reading: checks for empty / header-only files and builds the series. */
  finish(): SeriesLoadResult {
    if (this.pending !== undefined) this.unclosed('before the end of the file')
    if (this.held.length > 0) {
      this.numbers!.decideOpen()
      this.release()
    }
    const { sink } = this
    const loader = this.loader
    if (!loader || this.headerLine === undefined) {
      if (!this.stopped && sink.count === 0)
        sink.add(undefined, undefined, undefined, 'a header row and data rows, found an empty file')
      return result([], 0, sink)
    }
    if (loader.rows === 0 && !this.stopped && sink.count === 0) {
      sink.add(
        this.headerNumber,
        undefined,
        this.shownHeader?.() ?? this.headerLine,
        'data rows after this header'
      )
    }
    const notes = this.skippedNote && loader.skipped > 0 ? [this.skippedNote(loader.skipped)] : []
    if (this.splitTime >= 0) {
      const name = this.loader!.columnNames[this.splitTime]
      notes.push(
        `time column \`${name}\` written with its comma unquoted ("${this.splitTimeFirst}"), so every row has one field more than the header: the two fields read as one date`
      )
    }
    const commaRows = this.numbers?.commaRows ?? 0
    if (commaRows > 0)
      notes.push(
        `decimal commas read as points (\`123,4\` = 123.4) in ${commaRows} ${commaRows === 1 ? 'row' : 'rows'} of this ${this.delimiter === ';' ? 'semicolon' : 'tab'}-separated file`
      )
    if (this.numbers !== undefined) notes.push(...this.numbers.notes())
    notes.push(...loader.notes())
    const out = result(
      this.stopped ? [] : loader.finish(),
      loader.rows,
      sink,
      loader.skipped,
      notes
    )
    if (loader.rereadWithOrder !== undefined) out.rereadWithOrder = loader.rereadWithOrder
    if (loader.rereadNote !== undefined) out.rereadNote = loader.rereadNote
    const late = loader.lateProcessSplit()
    if (late !== undefined) out.lateProcessSplit = late
    return out
  }
}

/** For CSV lines made from another text (top's output): its errors and its header as written. */
export interface CsvLoadOptions {
  /** The sink the maker of the lines records its own errors in (they come first in a line's order). */
  sink?: ErrorSink
  /** The header line as the file wrote it, quoted instead of the CSV one. */
  shownHeader?: () => string | undefined
}

/** Loads a CSV/TSV file with a header row into series (see the module comment). */
export async function loadCsv(
  lines: LineSource,
  request: SeriesLoadRequest,
  options: CsvLoadOptions = {}
): Promise<SeriesLoadResult> {
  const sink = options.sink ?? new ErrorSink(request.file)
  const reader = new DelimitedReader(request, sink)
  reader.shownHeader = options.shownHeader
  await readAllLines(lines, sink, (line, lineNumber) => reader.visit(line, lineNumber), reader)
  return reader.finish()
}

/**
 * {@link loadCsv} for rows that come without their header (`top -b | grep app`
 * keeps the rows only): `header` is read first, as no line of the file, so
 * every row keeps its own line number.
 */
export async function loadCsvUnder(
  header: string,
  lines: LineSource,
  request: SeriesLoadRequest,
  options: CsvLoadOptions = {}
): Promise<SeriesLoadResult> {
  const sink = options.sink ?? new ErrorSink(request.file)
  const reader = new DelimitedReader(request, sink)
  reader.visit(header, 0)
  await readAllLines(lines, sink, (line, lineNumber) => reader.visit(line, lineNumber), reader)
  return reader.finish()
}

/**
 * A comma or a space between digits, or a point before exactly three digits: a decimal comma or
 * thousands grouped (see {@link DelimitedReader.numbers}). Past the rows sampled, such a row is
 * still read through the marks: a column of `999` that reaches `1.000` on row 201 groups thousands.
 */
const MARKED_DIGITS_RE = /\d[,\u00a0\u202f' ]\d|\d\.\d{3}(?!\d)/

/** Digits in groups of three split by commas (`1,234,567.5`), maybe signed or with a unit. */
const GROUPED_NUMBER_RE = /^\s*[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*[A-Za-z%]*\s*$/

/** Most lines one record may span (a quoted field with line breaks). */
const MAX_RECORD_LINES = 100

/**
 * True when a line ends inside a quoted field, so the record goes on on the
 * next line. RFC 4180: a quote opens a field only at its start (`5" disk` is
 * a literal quote, csv-parse reports it), and inside quotes `""` is an
 * escaped quote. `inQuotes` is the state the line starts in.
 */
export function endsInQuotes(line: string, delimiter: string, inQuotes = false): boolean {
  let quoted = inQuotes
  let fieldStart = !inQuotes
  for (let at = 0; at < line.length; at++) {
    const char = line[at]
    if (quoted) {
      if (char !== '"') continue
      if (line[at + 1] === '"') at++
      else quoted = false
    } else if (char === delimiter) {
      fieldStart = true
    } else if (char === '"' && fieldStart) {
      quoted = true
      fieldStart = false
    } else if (char !== ' ') {
      fieldStart = false
    }
  }
  return quoted
}

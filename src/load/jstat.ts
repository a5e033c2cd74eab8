/**
 * `jstat -gc` output read as CSV (understand/jstat-rows.ts), line for line so
 * errors keep the file's line numbers: the first header becomes the CSV
 * header, each row a CSV row, with the sums jstat does not print (the heap in
 * use, S0U+S1U+EU+OU; the heap committed, S0C+S1C+EC+OC) before jstat's own
 * columns, sizes with their unit written in the cell (`KiB`). The header
 * printed again (`-h N`), blank lines and the time lines a loop prints before
 * each block become empty lines, which the CSV reader skips. Time is the
 * `Timestamp` column (`-t`: the JVM's uptime, seconds), else the time line
 * before the row, else none (the sample index). A garbled row is an error
 * at its line and column; other lines (a shell's message) are skipped and
 * counted in a note.
 */
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import type { LineSource } from './lines.js'
import { ErrorSink, mapLines } from './lines.js'
import { loadCsv } from './csv.js'
import { TIME_LINE_RE } from '../understand/sniff.js'
import {
  HEAP_COMMITTED_COLUMNS,
  HEAP_USED_COLUMNS,
  JSTAT_HEAP_COMMITTED,
  JSTAT_HEAP_USED,
  JSTAT_METASPACE_USED,
  JSTAT_OLD_USED,
  JSTAT_PERM_GEN_USED,
  jstatCounters,
  jstatHeader,
  jstatJudged,
  jstatRow,
  jstatSum,
  type JstatHeader
} from '../understand/jstat-rows.js'

/** How a `-gc` file is read: its first header, and whether its rows are timed by time lines. */
export interface JstatTable {
  header: JstatHeader
  dated: boolean
}

/** The CSV column of the time a time line gives (the rows have no `Timestamp`). */
const DATED_TIME = 'time'
/** Characters of a skipped line quoted in the note, at most. */
const QUOTED = 60

/**
 * The request that reads `table`'s rows: unless the entry names its own, the heap, the old
 * generation and metaspace in use as memory, and the time of the rows (`Timestamp` in seconds,
 * or the time lines). `witnesses`: the columns read beside the listed ones only to vouch for them
 * (the heap committed, the collection counters), unless the entry lists them.
 */
export function jstatRequest(
  table: JstatTable,
  request: SeriesLoadRequest
): { request: SeriesLoadRequest; witnesses: string[] } {
  const spec = { ...request.spec }
  spec.metrics ??= Object.fromEntries(jstatJudged(table.header).map((name) => [name, 'memory']))
  const listed = new Set(Object.keys(spec.metrics).map((name) => name.toLowerCase()))
  const witnesses = Object.values(spec.metrics).includes('memory')
    ? [JSTAT_HEAP_USED, JSTAT_HEAP_COMMITTED, ...jstatCounters(table.header)].filter(
        (name) => !listed.has(name.toLowerCase())
      )
    : []
  spec.metrics = {
    ...spec.metrics,
    ...Object.fromEntries(
      witnesses.map((name) => [
        name,
        name === JSTAT_HEAP_USED || name === JSTAT_HEAP_COMMITTED ? 'memory' : 'count'
      ])
    )
  }
  if (table.header.timestamped) {
    spec.time ??= 'Timestamp'
    if (spec.time === 'Timestamp') spec.timeUnitMs ??= 1000
  } else if (table.dated) spec.time ??= DATED_TIME
  return { request: { ...request, spec }, witnesses }
}

/**
 * Loads `jstat -gc` output: the CSV of its rows, the witnesses marked as such
 * (never judged nor reported), and notes on what the time is and on lines skipped.
 */
export async function loadJstat(
  lines: LineSource,
  table: JstatTable,
  request: SeriesLoadRequest,
  witnesses: readonly string[]
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const rows = new JstatRowsToCsv(table, sink)
  const loaded = await loadCsv(
    mapLines(lines, (line) => rows.line(line)),
    request,
    {
      sink,
      shownHeader: () => rows.header
    }
  )
  const witnessNames = new Set(witnesses)
  for (const series of loaded.series) if (witnessNames.has(series.metric)) series.witnessOnly = true
  const notes = [...(loaded.notes ?? [])]
  if (!table.header.timestamped && !table.dated)
    notes.unshift(
      'no Timestamp column (jstat run without -t) and no time line before the rows: the samples are read in file order, each one interval after the last; run `jstat -gc -t` to time them by the JVM uptime'
    )
  else if (!table.header.timestamped)
    notes.unshift(
      'no Timestamp column (jstat run without -t): each row is timed by the time line above it'
    )
  if (rows.skipped > 0)
    notes.push(
      `${rows.skipped} ${rows.skipped === 1 ? 'line' : 'lines'} neither jstat's rows nor its header skipped (the first, line ${rows.firstSkipped!.line}: ${JSON.stringify(rows.firstSkipped!.text)})`
    )
  return { ...loaded, ...(notes.length > 0 ? { notes } : {}) }
}

/** A size column of `-gc` (a capacity or a use, in KiB), by its name. */
function isSizeColumn(name: string): boolean {
  return /^(?:S0|S1|E|O|M|P|CCS)[CU]$/.test(name)
}

/** A CSV field: quoted when it holds a comma or a quote. */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Turns `jstat -gc` output into CSV line by line (see the module comment). A
 * row under a header of other columns than the first's (another JVM's
 * output appended) is not read: the header is one error at its line.
 */
export class JstatRowsToCsv {
  /** The first header as the file wrote it, once read. */
  header: string | undefined
  /** Lines that were neither rows, headers, time lines nor blank. */
  skipped = 0
  firstSkipped: { line: number; text: string } | undefined
  private lineNumber = 0
  private time: string | undefined
  /** Under a header of other columns: its rows are not read. */
  private foreign = false
  private readonly key: string
  private readonly names: string[]

  constructor(
    private readonly table: JstatTable,
    private readonly sink: ErrorSink
  ) {
    this.key = headerKey(table.header)
    const { columns } = table.header
    this.names = [
      ...(table.header.timestamped ? ['Timestamp'] : table.dated ? [DATED_TIME] : []),
      JSTAT_HEAP_USED,
      JSTAT_OLD_USED,
      columns.includes('MU') ? JSTAT_METASPACE_USED : JSTAT_PERM_GEN_USED,
      JSTAT_HEAP_COMMITTED,
      ...columns
    ]
  }

  /** The CSV line for `line` (the file's next line). */
  line(line: string): string {
    this.lineNumber++
    const trimmed = line.replace(/^\uFEFF/, '').trim()
    if (trimmed === '') return ''
    const code = trimmed.charCodeAt(0)
    // a row starts with a number (or `-`, a space the JVM does not have): the common case first
    if ((code >= 48 && code <= 57) || (code === 45 && (trimmed[1] === ' ' || trimmed[1] === '\t')))
      return this.header === undefined || this.foreign ? '' : this.row(trimmed)
    const header = jstatHeader(trimmed)
    if (header !== undefined) return this.headerLine(header, trimmed)
    const time = TIME_LINE_RE.exec(trimmed)
    if (time !== null) {
      this.time = time[1]
      return ''
    }
    this.skipped++
    this.firstSkipped ??= {
      line: this.lineNumber,
      text: trimmed.length > QUOTED ? `${trimmed.slice(0, QUOTED - 1)}…` : trimmed
    }
    return ''
  }

  /** The first header becomes the CSV header; the same again (`-h N`) is skipped; another is an error. */
  private headerLine(header: JstatHeader, trimmed: string): string {
    if (this.header === undefined) {
      this.header = trimmed
      return this.names.join(',')
    }
    this.foreign = headerKey(header) !== this.key
    if (this.foreign)
      this.sink.add(
        this.lineNumber,
        undefined,
        trimmed.length > 120 ? `${trimmed.slice(0, 119)}…` : trimmed,
        `the file's first header again (${this.header.split(/\s+/).join(' ')}): the rows under another one are another jstat's (another option, -t, or JDK), not read; save one jstat -gc run per file`
      )
    return ''
  }

  /** A row as CSV: time, the sums, then jstat's cells, sizes with their unit. */
  private row(trimmed: string): string {
    const read = jstatRow(trimmed, this.table.header)
    if (!('cells' in read)) {
      this.sink.add(this.lineNumber, read.column, read.found, read.expected)
      return ''
    }
    const { cells } = read
    const size = (value: number | string | undefined): string =>
      value === undefined || value === '-' || Number.isNaN(value) ? '' : `${value}KiB`
    const out: string[] = []
    if (this.table.header.timestamped) out.push(cells.get('Timestamp')!)
    else if (this.table.dated) out.push(csvField(this.time ?? ''))
    out.push(
      size(jstatSum(cells, HEAP_USED_COLUMNS)),
      size(cells.get('OU')),
      size(cells.get('MU') ?? cells.get('PU')),
      size(jstatSum(cells, HEAP_COMMITTED_COLUMNS))
    )
    for (const column of this.table.header.columns) {
      const cell = cells.get(column)!
      out.push(cell === '-' ? '' : isSizeColumn(column) ? `${cell}KiB` : cell)
    }
    return out.join(',')
  }
}

/** A header's identity: its columns and whether it has `Timestamp`. */
function headerKey(header: JstatHeader): string {
  return `${header.timestamped ? 'Timestamp ' : ''}${header.columns.join(' ')}`
}

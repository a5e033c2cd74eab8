/**
 * A JSON document holding a table by columns (`{"time": [...], "rss":
 * [...]}`, pandas `to_json()`: understand/json-columns.ts), read as a series
 * file: the document is held whole (at most {@link MAX_SNAPSHOT_CHARS}, as a
 * snapshot is), parsed once, and each row handed to the JSON lines reader,
 * numbered by the line its first cell is on. A Prometheus HTTP API answer is
 * held and parsed the same way, then read by its own reader, and so is
 * dotnet-counters' JSON. A document of any
 * other shape is refused as `format: json` always refused it: a snapshot's shape.
 */
import { ErrorSink, looksBinary } from './lines.js'
import { MAX_SNAPSHOT_CHARS, placeJsonError } from './json.js'
import type { JsonLinesReader } from './jsonl.js'
import type { SeriesLoadResult } from './types.js'
import { result } from './result.js'
import { columnDocumentHead, columnRows, rowLines } from '../understand/json-columns.js'
import { jsonTooDeepAt, lineAndColumn, SHALLOW_JSON } from '../understand/json-depth.js'
import { isTimeName } from '../understand/names.js'
import { prometheusApiHead } from '../understand/prometheus-api.js'
import { isDotnetCountersJson } from '../understand/dotnet-counters-rows.js'

/** What pandas' orients and the object of arrays are called in the report. */
const ORIENT_NAMES = {
  arrays: 'a JSON object of columns (one array per column)',
  columns: 'pandas to_json() (orient "columns")',
  index: 'pandas to_json(orient="index")',
  split: 'pandas to_json(orient="split")'
} as const

/** Reads a JSON document of columns line by line, then as rows (see the module comment). */
export class JsonColumnsReader {
  private readonly kept: string[] = []
  private chars = 0
  private firstLine = 0
  private stopped = false

  constructor(
    private readonly json: JsonLinesReader,
    private readonly sink: ErrorSink,
    /** What a document of no column shape is told it should be. */
    private readonly otherShape: () => void,
    /** Reads a Prometheus HTTP API answer (load/prometheus-api.ts), the other document read as series. */
    private readonly apiAnswer?: (text: string, document: unknown) => SeriesLoadResult,
    /** Reads dotnet-counters' JSON (load/dotnet-counters.ts), by the input plan's test of its head. */
    private readonly countersDocument?: (text: string, document: unknown) => SeriesLoadResult
  ) {}

  /** Keeps one line of the document; returns false to stop. */
  visit(line: string, lineNumber: number): boolean {
    if (this.stopped) return false
    if (looksBinary(line)) {
      this.sink.addBinary(lineNumber)
      return this.stop()
    }
    if (this.firstLine === 0) {
      this.firstLine = lineNumber
      // the blank lines before the document keep the numbering
      for (let blank = 1; blank < lineNumber; blank++) this.kept.push('')
    }
    this.chars += line.length + 1
    if (this.chars > MAX_SNAPSHOT_CHARS) {
      this.sink.add(
        undefined,
        undefined,
        undefined,
        `a JSON document of at most ${MAX_SNAPSHOT_CHARS} characters (write one object per line, JSON lines, for a longer run)`
      )
      return this.stop()
    }
    this.kept.push(line)
    return true
  }

  private stop(): boolean {
    this.stopped = true
    return false
  }

  /** Parses the document and reads its rows; any other shape is refused. */
  finish(): SeriesLoadResult {
    if (this.stopped) return result([], 0, this.sink)
    const head = columnDocumentHead(this.kept)
    // by the input plan's test of the same head (understand/prometheus-api.ts)
    const api =
      head === undefined &&
      this.apiAnswer !== undefined &&
      prometheusApiHead(this.kept) !== undefined
    const counters =
      head === undefined &&
      !api &&
      this.countersDocument !== undefined &&
      isDotnetCountersJson(this.kept)
    if (head === undefined && !api && !counters) {
      this.otherShape()
      return result([], 0, this.sink)
    }
    const text = this.kept.join('\n')
    const deepAt = jsonTooDeepAt(text)
    if (deepAt >= 0) {
      const { line, column } = lineAndColumn(text, deepAt)
      this.sink.add(
        line,
        undefined,
        undefined,
        `${SHALLOW_JSON}, found deeper nesting at column ${column}`
      )
      return result([], 0, this.sink)
    }
    let document: unknown
    try {
      document = JSON.parse(text)
    } catch (error) {
      const place = placeJsonError(text, error instanceof Error ? error.message : String(error))
      const at = place.column !== undefined ? ` at column ${place.column}` : ''
      this.sink.add(
        place.line,
        undefined,
        place.found ?? 'the end of the file',
        `a whole JSON document (${place.reason}${at})`
      )
      return result([], 0, this.sink)
    }
    if (counters) return this.countersDocument!(text, document)
    if (head === undefined) return this.apiAnswer!(text, document)
    const table = columnRows(document as Record<string, unknown>, head.orient, (names) =>
      names.some(isTimeName)
    )
    if (!('rows' in table)) {
      // the line that names the column at fault (the first, when none does)
      const named = table.column === undefined ? -1 : text.indexOf(JSON.stringify(table.column))
      const line = named < 0 ? this.firstLine : lineAndColumn(text, named).line
      this.sink.add(line, table.column, table.found, table.expected)
      return result([], 0, this.sink)
    }
    const lines = rowLines(text, head.orient)
    table.rows.forEach((row, at) => this.json.visitRecord(row, lines[at] ?? this.firstLine))
    const loaded = this.json.finish(ORIENT_NAMES[head.orient])
    if (table.indexAsTime === undefined) return loaded
    // an inference that sets the time axis: said
    const notes = [
      ...(loaded.notes ?? []),
      `${ORIENT_NAMES[head.orient]}: time from the index (epoch ms, as pandas writes a DatetimeIndex), as no column names the time`
    ]
    return { ...loaded, notes }
  }
}

/**
 * JSON lines: one object per line (a metrics logger, k6 `-o json`), nested
 * objects flattened with `.` (`{"mem":{"rss":1}}` → `mem.rss`). Numbers are
 * values; strings count only when they carry a unit (`"293.7MiB"`, `"12%"`)
 * or the column is named under `metrics:`. Keys may appear on later lines.
 * Logger bookkeeping fields (`level`, `pid`, `v`) are not series.
 */
import { ErrorSink, looksBinary, readAllLines, type LineSource } from './lines.js'
import { jsonTooDeepAt, SHALLOW_JSON } from '../understand/json-depth.js'
import { finishRows, result } from './result.js'
import { RowLoader } from './table.js'
import type { PlanFactory } from './csv.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'

/**
 * Flattens nested objects into `a.b.c` keys. Arrays of objects that carry a
 * string `name` (k6's new summary: `results.metrics[{name:"iterations",...}]`)
 * are keyed by that name, other arrays by index.
 */
export function flattenObject(
  value: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {}
): Record<string, unknown> {
  for (const key in value) {
    const child = value[key]
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (child !== null && typeof child === 'object') {
      if (Array.isArray(child)) {
        child.forEach((item, index) => {
          const name =
            item !== null &&
            typeof item === 'object' &&
            typeof (item as { name?: unknown }).name === 'string'
              ? (item as { name: string }).name
              : String(index)
          if (item !== null && typeof item === 'object')
            flattenObject(item as Record<string, unknown>, `${path}.${name}`, out)
          else out[`${path}.${name}`] = item
        })
      } else {
        flattenObject(child as Record<string, unknown>, path, out)
      }
    } else {
      out[path] = child
    }
  }
  return out
}

/** A line visitor for JSON lines; docker-stats reuses it with its column plan. */
export class JsonLinesReader {
  private loader: RowLoader | undefined
  private readonly indexes = new Map<string, number>()
  private firstLine = 0
  private stopped = false

  constructor(
    private readonly request: SeriesLoadRequest,
    private readonly sink: ErrorSink,
    private readonly planFactory?: PlanFactory,
    private readonly numericStrings = false
  ) {}

  /** Reads one line; returns false to stop. */
  visit(line: string, lineNumber: number): boolean {
    const trimmed = line.trim()
    if (trimmed === '') return true
    let record: unknown
    try {
      record = JSON.parse(trimmed)
    } catch {
      if (looksBinary(line)) {
        this.sink.addBinary(lineNumber)
        this.stopped = true
        return false
      }
      this.sink.add(lineNumber, undefined, trimmed, 'a JSON object (one per line)')
      return true
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      this.sink.add(lineNumber, undefined, trimmed, 'a JSON object (one per line)')
      return true
    }
    const deepAt = jsonTooDeepAt(trimmed)
    if (deepAt >= 0) {
      this.sink.add(
        lineNumber,
        undefined,
        undefined,
        `${SHALLOW_JSON}, found deeper nesting at column ${deepAt + 1}`
      )
      return true
    }
    const flat = flattenObject(record as Record<string, unknown>)
    if (!this.loader) {
      this.firstLine = lineNumber
      const keys = Object.keys(flat)
      this.loader = new RowLoader({
        file: this.request.file,
        spec: this.request.spec,
        sink: this.sink,
        plan: this.planFactory?.(keys),
        numericStrings: this.numericStrings
      })
      for (const key of keys) this.indexes.set(key, this.loader.addColumn(key))
    }
    const cells: unknown[] = []
    for (const key in flat) {
      let index = this.indexes.get(key)
      if (index === undefined) {
        index = this.loader.addColumn(key)
        this.indexes.set(key, index)
      }
      cells[index] = flat[key]
    }
    this.loader.addRow(cells, lineNumber)
    return true
  }

  /** Ends reading: checks configured keys were seen, builds the series. */
  finish(what = 'JSON objects, one per line'): SeriesLoadResult {
    if (this.loader && this.loader.rows > 0 && !this.stopped) {
      const before = this.sink.count
      this.loader.checkConfiguredColumns(undefined)
      if (this.sink.count > before) return finishRows(undefined, 0, this.sink, what)
    }
    return finishRows(
      this.loader,
      this.firstLine,
      this.sink,
      what,
      (skipped) => `${skipped} lines without a value skipped`
    )
  }
}

/**
 * Numeric fields structured loggers add to every line (pino/bunyan `level`,
 * `pid`, bunyan's format version `v`): not measurements, so not series
 * unless named under `metrics:`.
 */
const LOGGER_FIELDS = new Set(['level', 'pid', 'v', 'severity', 'lineno', 'thread', 'process'])

/** Column plan of plain JSON lines: leaves out {@link LOGGER_FIELDS}. */
const loggerPlan: PlanFactory = () => (name) =>
  LOGGER_FIELDS.has(name.toLowerCase()) ? { role: 'ignore' } : undefined

/**
 * A JSON array of objects, on one line (`JSON.stringify(samples)`) or
 * indented over many (`JSON.stringify(samples, null, 2)`, `podman stats
 * --format json`), and one array per run when logged in a loop (`[...]`
 * `[...]`). Each top-level object is cut out as its lines come (strings and
 * escapes followed, so `{` or `]` inside a value do not count) and read as
 * one JSON line numbered where the object starts, so memory holds one
 * object, not the file.
 */
export class JsonArrayReader {
  private depth = 0
  private inString = false
  private escaped = false
  private object = ''
  private objectLine = 0
  private stopped = false

  constructor(
    private readonly json: JsonLinesReader,
    private readonly sink: ErrorSink,
    private readonly what = 'JSON objects in an array'
  ) {}

  /** Reads one line; returns false to stop. */
  visit(line: string, lineNumber: number): boolean {
    if (this.stopped) return false
    if (looksBinary(line)) {
      this.sink.addBinary(lineNumber)
      this.stopped = true
      return false
    }
    let start = this.depth >= 2 ? 0 : -1
    for (let i = 0; i < line.length; i++) {
      const char = line[i]
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (char === '\\') this.escaped = true
        else if (char === '"') this.inString = false
        continue
      }
      if (char === '"') {
        if (this.depth < 2) return this.unexpected(line, lineNumber, 'a JSON object in the array')
        this.inString = true
      } else if (char === '[' || char === '{') {
        if (this.depth === 0 && char === '{')
          return this.unexpected(line, lineNumber, 'a JSON array of objects `[{...}, ...]`')
        if (this.depth === 1) {
          if (char === '[') return this.unexpected(line, lineNumber, 'a JSON object in the array')
          start = i
          this.objectLine = lineNumber
        }
        this.depth++
      } else if (char === ']' || char === '}') {
        if (this.depth === 0) return this.unexpected(line, lineNumber, 'a JSON array `[...]`')
        this.depth--
        if (this.depth === 1) {
          this.object += line.slice(start, i + 1)
          start = -1
          this.json.visit(this.object, this.objectLine)
          this.object = ''
        }
      } else if (this.depth < 2 && char !== ',' && char !== ' ' && char !== '\t' && char !== '\r') {
        return this.unexpected(line, lineNumber, 'a JSON array of objects `[{...}, ...]`')
      }
    }
    if (start >= 0) this.object += line.slice(start) + '\n'
    return true
  }

  private unexpected(line: string, lineNumber: number, expected: string): boolean {
    this.sink.add(lineNumber, undefined, line.trim().slice(0, 60), expected)
    this.stopped = true
    return false
  }

  /** Ends reading: an unclosed array is reported, then the series are built. */
  finish(): SeriesLoadResult {
    if (!this.stopped && this.depth > 0)
      this.sink.add(
        this.objectLine || undefined,
        undefined,
        'end of file',
        'the JSON array closed by `]`'
      )
    return this.json.finish(this.what)
  }
}

/** What `format: json` says on a series file that is not a JSON array (a snapshot's shape). */
const JSON_SERIES_EXPECTED =
  'a series format (docker-stats, csv, jsonl, log, prometheus); json is a snapshot: list it under `snapshots:`, or use jsonl for one object per line'

/**
 * Loads a JSON-lines file into series (see the module comment); a file
 * whose first text is `[` is a JSON array of sample objects
 * (`fs.writeFileSync('memory.json', JSON.stringify(samples))`), read the same
 * way, one object per sample. With `arrayOnly` (a series entry of format
 * `json`), anything but an array is reported as a snapshot's shape.
 */
export async function loadJsonl(
  lines: LineSource,
  request: SeriesLoadRequest,
  arrayOnly = false
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  let reader: JsonLinesReader | JsonArrayReader | undefined
  let notArray = false
  await readAllLines(lines, sink, (line, lineNumber) => {
    if (reader) return reader.visit(line, lineNumber)
    const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line
    if (text.trim() === '') return true
    const json = new JsonLinesReader(request, sink, loggerPlan)
    if (text.trimStart().startsWith('[')) reader = new JsonArrayReader(json, sink)
    else if (arrayOnly) {
      notArray = true
      return false
    } else reader = json
    return reader.visit(text, lineNumber)
  })
  if (arrayOnly && (notArray || (!reader && sink.count === 0))) {
    sink.add(undefined, 'format', 'json', JSON_SERIES_EXPECTED)
    return result([], 0, sink)
  }
  return (reader ?? new JsonLinesReader(request, sink, loggerPlan)).finish()
}

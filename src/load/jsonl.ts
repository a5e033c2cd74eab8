/**
 * JSON lines: one object per line (a metrics logger, k6 `-o json`), nested
 * objects flattened with `.` (`{"mem":{"rss":1}}` → `mem.rss`). A file the
 * sniffer finds to be printed JavaScript objects (`console.log(process.memoryUsage())`)
 * is read object by object into the same rows (load/printed-objects.ts). Numbers are
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
import { isProcessIdName } from '../understand/names.js'
import {
  parseJsonObject,
  sniffInput,
  startsLikeJsonArray,
  parseJsonObjectArray,
  TIME_LINE_RE
} from '../understand/sniff.js'
import { PrintedObjectsReader } from './printed-objects.js'
import { JsonColumnsReader } from './json-columns.js'
import { loadPrometheusApiSeries } from './prometheus-api.js'
import { loadCountersJson } from './dotnet-counters.js'
import {
  EXPORT_NAMES,
  exportToolOf,
  MetricExport,
  OTLP_SERVICE_COLUMN,
  type ExportTool
} from '../understand/metric-exports.js'
import { flattenObject } from './flatten-object.js'

/** Lines and characters the input plan sniffs a file by (plan/index.ts, io/read-lines.ts readHead). */
const HEAD_LINES = 200
const HEAD_CHARS = 64 * 1024

/** A line visitor for JSON lines; docker-stats reuses it with its column plan. */
export class JsonLinesReader {
  private loader: RowLoader | undefined
  private readonly indexes = new Map<string, number>()
  private firstLine = 0
  private stopped = false

  /** The keys of the last line read by JSON.parse, as {@link readFlat} matches them (undefined: none usable). */
  private layout: FlatLayout | undefined = undefined

  /**
   * Lines of metric points (k6 `--out json`, OTLP JSON: understand/metric-exports.ts), each
   * turned into rows of memory columns rather than read as one row.
   */
  exported: MetricExport | undefined = undefined

  constructor(
    private readonly request: SeriesLoadRequest,
    private readonly sink: ErrorSink,
    private readonly planFactory?: PlanFactory,
    private readonly numericStrings = false,
    /** Read lines of the last line's keys without JSON.parse (off only to test that it changes nothing). */
    private readonly fastPath = true
  ) {}

  /** Number of the line after the last one read (the byte walker's next line). */
  private nextLine = 1
  /** Lines taken by the last {@link walk}. */
  lines = 0

  /**
   * The byte path (see `ByteRowWalker`): reads lines of the last line's keys
   * straight from the file's bytes ({@link readFlatBytes}), no string per
   * line; declines the first line it is not sure about, which then comes to
   * {@link visit} as text.
   */
  walk(bytes: Uint8Array, start: number, stop: number): number {
    this.lines = 0
    const layout = this.layout
    if (layout === undefined) return start
    let at = start
    while (at <= stop) {
      const newline = readFlatBytes(bytes, at, layout)
      if (newline < 0) return at
      this.loader!.addRow(layout.cells, this.nextLine++)
      this.lines++
      at = newline + 1
    }
    return at
  }

  /** Reads one line; returns false to stop. */
  visit(line: string, lineNumber: number): boolean {
    this.nextLine = lineNumber + 1
    const trimmed = line.trim()
    if (trimmed === '') return true
    const layout = this.layout
    if (layout !== undefined && readFlat(trimmed, layout)) {
      this.loader!.addRow(layout.cells, lineNumber)
      return true
    }
    const record = this.parse(line, trimmed, lineNumber)
    if (record === undefined) return !this.stopped
    if (this.exported !== undefined) {
      for (const row of this.exported.rows(record)) this.visitRecord(row, lineNumber)
      return true
    }
    this.visitRecord(record, lineNumber)
    if (this.fastPath) this.layout = flatLayout(record, this.indexes)
    return true
  }

  /**
   * Reads one object line timed by the time line before it (see
   * {@link DatedJsonLinesReader}): the time first, as the `time` column.
   */
  visitDated(line: string, lineNumber: number, time: string | undefined): boolean {
    const trimmed = line.trim()
    const record = this.parse(line, trimmed, lineNumber)
    if (record === undefined) return !this.stopped
    if (Object.prototype.hasOwnProperty.call(record, 'time')) {
      this.sink.add(
        lineNumber,
        'time',
        trimmed.slice(0, 60),
        'an object without a "time" key of its own: the time line before it gives its time'
      )
      return true
    }
    this.visitRecord({ time: time ?? '', ...record }, lineNumber)
    return true
  }

  /** The object of a line, or undefined once the line is reported (binary data stops the reading). */
  private parse(
    line: string,
    trimmed: string,
    lineNumber: number
  ): Record<string, unknown> | undefined {
    let record: unknown
    try {
      record = JSON.parse(trimmed)
    } catch {
      if (looksBinary(line)) {
        this.sink.addBinary(lineNumber)
        this.stopped = true
        return undefined
      }
      this.sink.add(lineNumber, undefined, trimmed, 'a JSON object (one per line)')
      return undefined
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      this.sink.add(lineNumber, undefined, trimmed, 'a JSON object (one per line)')
      return undefined
    }
    const deepAt = jsonTooDeepAt(trimmed)
    if (deepAt >= 0) {
      this.sink.add(
        lineNumber,
        undefined,
        undefined,
        `${SHALLOW_JSON}, found deeper nesting at column ${deepAt + 1}`
      )
      return undefined
    }
    return record as Record<string, unknown>
  }

  /** Reads one parsed object (a JSON line, or a printed object of load/printed-objects.ts) as a row. */
  visitRecord(record: Record<string, unknown>, lineNumber: number): void {
    const flat = flattenObject(record)
    if (!this.loader) {
      this.firstLine = lineNumber
      const keys = Object.keys(flat)
      this.loader = new RowLoader({
        file: this.request.file,
        spec: this.request.spec,
        witness: this.request.witness,
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
  }

  /** Ends reading: checks configured keys were seen, builds the series. */
  finish(what = 'JSON objects, one per line'): SeriesLoadResult {
    if (this.exported !== undefined) {
      const exported = this.exported
      this.exported = undefined
      const loaded = this.loader
        ? this.finish(EXPORT_NAMES[exported.tool])
        : noMemoryPoints(this.request.file, this.sink, exported)
      return { ...loaded, notes: [...(loaded.notes ?? []), exported.note()] }
    }
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
 * The keys of a flat JSON line (`{"time":"…","rss":1,…}`, a metrics logger's
 * every line) for {@link readFlat}: each key as JSON writes it, its column,
 * and the row buffer the values go to.
 */
interface FlatLayout {
  /** `JSON.stringify(key)` of each key, in the line's order. */
  quoted: string[]
  /** Column index of each key. */
  columns: number[]
  /** The UTF-8 bytes of each `quoted` key. */
  keyBytes: Uint8Array[]
  /** The row handed to the loader: one slot per column, only this layout's set. */
  cells: unknown[]
}

/**
 * The layout of a record JSON.parse read, or undefined when lines like it
 * must go through JSON.parse: a nested value, a boolean, or a key that
 * `for…in` would not visit in the line's order (array-index keys come first)
 * or that is special (`__proto__`).
 */
function flatLayout(
  record: Record<string, unknown>,
  indexes: ReadonlyMap<string, number>
): FlatLayout | undefined {
  const keys = Object.keys(record)
  if (keys.length === 0) return undefined
  const columns: number[] = []
  for (const key of keys) {
    const value = record[key]
    if (value !== null && typeof value !== 'number' && typeof value !== 'string') return undefined
    const first = key.charCodeAt(0)
    if ((first >= 48 && first <= 57) || key === '__proto__') return undefined
    const index = indexes.get(key)
    if (index === undefined) return undefined
    columns.push(index)
  }
  let width = 0
  for (const index of indexes.values()) width = Math.max(width, index + 1)
  return {
    quoted: keys.map((key) => JSON.stringify(key)),
    columns,
    keyBytes: keys.map((key) => Buffer.from(JSON.stringify(key), 'utf8')),
    cells: new Array<unknown>(width).fill(undefined)
  }
}

/** JSON whitespace: space, tab, line feed, carriage return. */
function isJsonBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13
}

/**
 * Reads a flat JSON line whose keys are the layout's, in its order, into
 * `layout.cells`, as JSON.parse and {@link flattenObject} would: numbers
 * (exact JSON grammar, so `1e309` is Infinity as JSON.parse makes it),
 * strings without escapes or control characters, and null. Returns false,
 * having written nothing the caller uses, for anything else (other keys,
 * escapes, nesting, booleans, bad JSON): that line goes to JSON.parse, so
 * the results and messages are the same (`__tests__/load/jsonl-fast-path.test.ts`).
 */
function readFlat(text: string, layout: FlatLayout): boolean {
  const { quoted, columns, cells } = layout
  const length = text.length
  if (text.charCodeAt(0) !== 123) return false
  let at = 1
  for (let k = 0; k < quoted.length; k++) {
    while (at < length && isJsonBlank(text.charCodeAt(at))) at++
    if (k > 0) {
      if (text.charCodeAt(at) !== 44) return false
      at++
      while (at < length && isJsonBlank(text.charCodeAt(at))) at++
    }
    const key = quoted[k]
    if (!text.startsWith(key, at)) return false
    at += key.length
    while (at < length && isJsonBlank(text.charCodeAt(at))) at++
    if (text.charCodeAt(at) !== 58) return false
    at++
    while (at < length && isJsonBlank(text.charCodeAt(at))) at++
    const code = text.charCodeAt(at)
    if (code === 34) {
      const start = at + 1
      let end = start
      for (;;) {
        if (end >= length) return false
        const c = text.charCodeAt(end)
        if (c === 34) break
        if (c === 92 || c < 32) return false
        end++
      }
      cells[columns[k]] = text.slice(start, end)
      at = end + 1
    } else if (code === 45 || (code >= 48 && code <= 57)) {
      const end = jsonNumberEnd(text, at)
      if (end < 0) return false
      cells[columns[k]] = numberOf(text, at, end)
      at = end
    } else if (code === 110 && text.startsWith('null', at)) {
      cells[columns[k]] = null
      at += 4
    } else return false
  }
  while (at < length && isJsonBlank(text.charCodeAt(at))) at++
  return text.charCodeAt(at) === 125 && at === length - 1
}

/** JSON whitespace inside one line of bytes: space, tab, carriage return. */
function isLineBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13
}

/** Node's own Latin-1 decoder of a byte range (what `buffer.toString('latin1', start, end)` calls, without its checks). */
const latin1Slice = (
  Buffer.prototype as unknown as {
    latin1Slice: (this: Uint8Array, start: number, end: number) => string
  }
).latin1Slice

/** Text of ASCII bytes (the caller checked each is below 0x80). */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(bytes, start, end)
}

/**
 * {@link readFlat} on the bytes of one line starting at `bytes[at]` (the
 * file's bytes as read; the line ends at a `\n`): returns the index of that
 * `\n`, or -1 to leave the line to the text path. Strings must be ASCII
 * (anything else is decoded by the text path, which marks bytes that are not
 * UTF-8); blank and odd lines are declined too.
 */
function readFlatBytes(bytes: Uint8Array, start: number, layout: FlatLayout): number {
  const { keyBytes, columns, cells } = layout
  let at = start
  while (isLineBlank(bytes[at])) at++
  if (bytes[at] !== 123) return -1
  at++
  for (let k = 0; k < keyBytes.length; k++) {
    while (isLineBlank(bytes[at])) at++
    if (k > 0) {
      if (bytes[at] !== 44) return -1
      at++
      while (isLineBlank(bytes[at])) at++
    }
    const key = keyBytes[k]
    for (let i = 0; i < key.length; i++) if (bytes[at + i] !== key[i]) return -1
    at += key.length
    while (isLineBlank(bytes[at])) at++
    if (bytes[at] !== 58) return -1
    at++
    while (isLineBlank(bytes[at])) at++
    const code = bytes[at]
    if (code === 34) {
      const from = at + 1
      let end = from
      for (;;) {
        const c = bytes[end]
        if (c === 34) break
        // an escape, a control character (the line's end among them) or a non-ASCII byte
        if (c === 92 || c < 32 || c >= 128 || c === undefined) return -1
        end++
      }
      cells[columns[k]] = ascii(bytes, from, end)
      at = end + 1
    } else if (code === 45 || (code >= 48 && code <= 57)) {
      const from = at
      let value = 0
      let plain = true
      if (code === 45) {
        plain = false
        at++
      }
      const first = bytes[at]
      if (first === 48) at++
      else if (first >= 49 && first <= 57) {
        while (bytes[at] >= 48 && bytes[at] <= 57) value = value * 10 + (bytes[at++] - 48)
      } else return -1
      if (bytes[at] === 46) {
        plain = false
        at++
        if (!(bytes[at] >= 48 && bytes[at] <= 57)) return -1
        while (bytes[at] >= 48 && bytes[at] <= 57) at++
      }
      if (bytes[at] === 101 || bytes[at] === 69) {
        plain = false
        at++
        if (bytes[at] === 43 || bytes[at] === 45) at++
        if (!(bytes[at] >= 48 && bytes[at] <= 57)) return -1
        while (bytes[at] >= 48 && bytes[at] <= 57) at++
      }
      cells[columns[k]] = plain && at - from <= 15 ? value : Number(ascii(bytes, from, at))
    } else if (
      code === 110 &&
      bytes[at + 1] === 117 &&
      bytes[at + 2] === 108 &&
      bytes[at + 3] === 108
    ) {
      cells[columns[k]] = null
      at += 4
    } else return -1
  }
  while (isLineBlank(bytes[at])) at++
  if (bytes[at] !== 125) return -1
  at++
  while (isLineBlank(bytes[at])) at++
  return bytes[at] === 10 ? at : -1
}

/** End of the JSON number at `text[at]` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function jsonNumberEnd(text: string, at: number): number {
  const length = text.length
  let i = at
  if (text.charCodeAt(i) === 45) i++
  const first = text.charCodeAt(i)
  if (first === 48) i++
  else if (first >= 49 && first <= 57) {
    i++
    while (i < length && isDigit(text.charCodeAt(i))) i++
  } else return -1
  if (text.charCodeAt(i) === 46) {
    i++
    if (!isDigit(text.charCodeAt(i))) return -1
    while (i < length && isDigit(text.charCodeAt(i))) i++
  }
  const e = text.charCodeAt(i)
  if (e === 101 || e === 69) {
    i++
    const sign = text.charCodeAt(i)
    if (sign === 43 || sign === 45) i++
    if (!isDigit(text.charCodeAt(i))) return -1
    while (i < length && isDigit(text.charCodeAt(i))) i++
  }
  return i
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** The value of the JSON number `text[start, end)`: digits summed when exact, else `Number`. */
function numberOf(text: string, start: number, end: number): number {
  if (end - start <= 15) {
    let value = 0
    let i = start
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - 48
      if (digit < 0 || digit > 9) break
      value = value * 10 + digit
    }
    if (i === end) return value
  }
  return Number(text.slice(start, end))
}

/** The error of exported metric lines holding no point of a memory metric (never a silent pass). */
function noMemoryPoints(file: string, sink: ErrorSink, exported: MetricExport): SeriesLoadResult {
  if (sink.count === 0)
    sink.add(
      undefined,
      undefined,
      undefined,
      `${
        exported.tool === 'k6'
          ? 'points of a memory metric (a custom Gauge or Trend named like memory, e.g. `memory_rss`, fed by a scenario that polls the server)'
          : 'points of a memory metric in bytes (a gauge or non-monotonic sum in `By`, e.g. `process.memory.usage`)'
      }, found none (${exported.note()})`
    )
  return result([], 0, sink)
}

/**
 * The reader of lines of metric points (see {@link JsonLinesReader.exported}): the columns the
 * reading put in bytes (OTLP units, k6 metrics with tags) are memory in bytes, OTLP rows grouped by
 * service; other k6 columns go by their names, as any column.
 */
function exportReader(
  tool: ExportTool,
  request: SeriesLoadRequest,
  sink: ErrorSink
): JsonLinesReader {
  const exported = new MetricExport(tool)
  const plan: PlanFactory = () => (name) =>
    tool === 'otlp' && name === OTLP_SERVICE_COLUMN
      ? { role: 'group' }
      : exported.bytes.has(name)
        ? { role: 'metric', kind: 'memory', unit: 'bytes' }
        : undefined
  const reader = new JsonLinesReader(request, sink, plan, false, false)
  reader.exported = exported
  return reader
}

/**
 * Numeric fields structured loggers add to every line (pino/bunyan `level`,
 * bunyan's format version `v`): not measurements, so not series unless
 * named under `metrics:`. Their `pid` names the process (understand/names.ts):
 * a new one is a restart.
 */
const LOGGER_FIELDS = new Set(['level', 'v', 'severity', 'lineno', 'thread', 'process'])

/** Column plan of plain JSON lines: the process column, {@link LOGGER_FIELDS} left out. */
const loggerPlan: PlanFactory = () => (name) =>
  isProcessIdName(name)
    ? { role: 'process', process: 'pid' }
    : LOGGER_FIELDS.has(name.toLowerCase())
      ? { role: 'ignore' }
      : undefined

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

/** Longest line taken for a time line (a `date` line is some 30 characters). */
const MAX_TIME_LINE = 200

/**
 * JSON lines a loop wrote after a line of only a time (`date; docker stats
 * --no-stream --format '{{json .}}'`, `date -Iseconds; curl …`): each time
 * line is the time of the objects after it, up to the next (understand/sniff.ts
 * finds such a head). Only a whole time may stand between objects: any other
 * line is an error at its line, and an object before the first time line has
 * no time (an error the table reader gives at its line).
 */
export class DatedJsonLinesReader {
  private time: string | undefined

  constructor(
    private readonly json: JsonLinesReader,
    private readonly sink: ErrorSink
  ) {}

  /** Reads one line; returns false to stop. */
  visit(line: string, lineNumber: number): boolean {
    const trimmed = line.trim()
    if (trimmed === '') return true
    if (trimmed.startsWith('{')) return this.json.visitDated(line, lineNumber, this.time)
    // a sample that is an array of objects on one line (`date; pm2 jlist`): each object, timed alike
    const array = trimmed.startsWith('[{') ? parseJsonObjectArray(trimmed) : undefined
    if (array !== undefined) {
      for (const object of array)
        if (!this.json.visitDated(JSON.stringify(object), lineNumber, this.time)) return false
      return true
    }
    const time = trimmed.length <= MAX_TIME_LINE ? TIME_LINE_RE.exec(trimmed)?.[1] : undefined
    if (time !== undefined) {
      this.time = time
      return true
    }
    if (looksBinary(line)) {
      this.sink.addBinary(lineNumber)
      return false
    }
    this.sink.add(
      lineNumber,
      undefined,
      trimmed.slice(0, 80),
      'a JSON object, or a line of only a time (the `date` a loop prints before each sample)'
    )
    return true
  }

  /** Ends reading (see {@link JsonLinesReader.finish}). */
  finish(what = 'JSON objects after time lines'): SeriesLoadResult {
    return this.json.finish(what)
  }
}

/** What `format: json` says on a series file that is neither a JSON array nor a table by columns (a snapshot's shape). */
const JSON_SERIES_EXPECTED =
  'a series format (docker-stats, csv, jsonl, log, prometheus); json is a snapshot: list it under `snapshots:`, or use jsonl for one object per line'

/**
 * Loads a JSON-lines file into series (see the module comment); a file
 * whose first text is `[` is a JSON array of sample objects
 * (`fs.writeFileSync('memory.json', JSON.stringify(samples))`), read the same
 * way, one object per sample. With `arrayOnly` (a series entry of format
 * `json`), an object is read as a table by columns (load/json-columns.ts)
 * and anything else is reported as a snapshot's shape.
 */
export async function loadJsonl(
  lines: LineSource,
  request: SeriesLoadRequest,
  arrayOnly = false,
  /** Off only in tests, to show the fast paths change nothing. */
  fastPath = true
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  let reader:
    | JsonLinesReader
    | JsonArrayReader
    | PrintedObjectsReader
    | JsonColumnsReader
    | DatedJsonLinesReader
    | undefined
  let notArray = false
  // the first lines, held until the sniffer (the one judge of formats) says whether they are
  // printed JavaScript objects; a first line that is a JSON object or array decides at once
  let held: Array<[string, number]> | undefined
  let heldChars = 0
  const decide = (): boolean => {
    const lines = held ?? []
    held = undefined
    const json = new JsonLinesReader(request, sink, loggerPlan, false, fastPath)
    const sniffed = sniffInput(
      request.file,
      lines.map(([line]) => line)
    )
    reader =
      sniffed.shape === 'printed-objects'
        ? new PrintedObjectsReader(json, sink)
        : sniffed.timeLines
          ? new DatedJsonLinesReader(json, sink)
          : json
    for (const [line, lineNumber] of lines) if (!reader.visit(line, lineNumber)) return false
    return true
  }
  // a file's lines of one flat shape are read from its bytes (JSON lines only)
  const walker = {
    lines: 0,
    walk(bytes: Uint8Array, start: number, stop: number): number {
      if (!(reader instanceof JsonLinesReader)) {
        this.lines = 0
        return start
      }
      const next = reader.walk(bytes, start, stop)
      this.lines = reader.lines
      return next
    }
  }
  await readAllLines(
    lines,
    sink,
    (line, lineNumber) => {
      if (reader) return reader.visit(line, lineNumber)
      const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line
      if (held !== undefined) {
        // as the plan's head: whole lines within its first 64 KiB, at most 200
        if (heldChars + text.length + 1 > HEAD_CHARS)
          return decide() && reader!.visit(text, lineNumber)
        held.push([text, lineNumber])
        heldChars += text.length + 1
        return held.length < HEAD_LINES ? true : decide()
      }
      if (text.trim() === '') return true
      const json = new JsonLinesReader(request, sink, loggerPlan, false, fastPath)
      // `[10:00:01] { rss: … }` is no array: a time before a printed object
      if (text.trimStart().startsWith('[') && (arrayOnly || startsLikeJsonArray(text)))
        reader = new JsonArrayReader(json, sink)
      else if (arrayOnly && text.trimStart().startsWith('{'))
        // a table by columns (`{"time": [...], "rss": [...]}`, pandas), else a snapshot's shape
        reader = new JsonColumnsReader(
          json,
          sink,
          () => sink.add(undefined, undefined, 'format: json', JSON_SERIES_EXPECTED),
          (text, document) => loadPrometheusApiSeries(text, document, request, sink),
          (text, document) =>
            loadCountersJson(
              text,
              document,
              request,
              sink,
              (grouped) => new JsonLinesReader(grouped, sink, loggerPlan, false, fastPath)
            )
        )
      else if (arrayOnly) {
        notArray = true
        return false
      } else {
        const first = parseJsonObject(text)
        if (first === undefined) {
          held = [[text, lineNumber]]
          heldChars = lineNumber + text.length // the blank lines before it count in the head
          return true
        }
        // k6 `--out json`, OTLP JSON: lines of metric points, not rows (unless the entry reads
        // the flattened lines itself: `group: metric`, `time: data.time`)
        const { group, time } = request.spec
        const tool =
          group === undefined && (time ?? 'time') === 'time' ? exportToolOf(first) : undefined
        reader = tool === undefined ? json : exportReader(tool, request, sink)
      }
      return reader.visit(text, lineNumber)
    },
    walker
  )
  if (held !== undefined) decide()
  if (arrayOnly && (notArray || (!reader && sink.count === 0))) {
    sink.add(undefined, undefined, 'format: json', JSON_SERIES_EXPECTED)
    return result([], 0, sink)
  }
  return (reader ?? new JsonLinesReader(request, sink, loggerPlan)).finish()
}

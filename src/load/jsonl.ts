/**
 * JSON lines: one object per line (a metrics logger, k6 `-o json`), nested
 * objects flattened with `.` (`{"mem":{"rss":1}}` → `mem.rss`). Numbers are
 * values; strings count only when they carry a unit (`"293.7MiB"`, `"12%"`)
 * or the column is named under `metrics:`. Keys may appear on later lines.
 * Logger bookkeeping fields (`level`, `pid`, `v`) are not series.
 */
import { ErrorSink, looksBinary, readAllLines, type LineSource } from './lines.js'
import { finishRows } from './result.js'
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

/** Loads a JSON-lines file into series (see the module comment). */
export async function loadJsonl(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const reader = new JsonLinesReader(request, sink, loggerPlan)
  await readAllLines(lines, sink, (line, lineNumber) => reader.visit(line, lineNumber))
  return reader.finish()
}

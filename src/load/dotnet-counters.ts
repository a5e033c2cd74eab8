/**
 * `dotnet-counters collect --format csv`: the long format, one row per
 * counter per interval (`Timestamp,Provider,Counter Name,Counter Type,Mean/Increment`).
 * Each counter becomes a series named by the counter, its kind and unit from
 * the counter's name and the unit in it: `(By)` and `(bytes)` are bytes, the
 * older `(MB)` is decimal megabytes (the runtime divides by 1,000,000), `(%)` a
 * percentage, anything else a count. Rate counters (`Counter Type` `Rate`:
 * increments per interval) and counts are charted only when named under
 * `metrics:`; memory counters are judged. `metrics:` names counters by their
 * full name or the name before its unit (`dotnet.process.memory.working_set`),
 * and the value column's name (`Mean/Increment`) means every counter.
 *
 * Its JSON form (`--format json`: understand/dotnet-counters-rows.ts) is read
 * the same way, each event of `Events` a row (`timestamp`, `name`, `value`).
 */
import type { MetricKind, ValueUnit } from '../model.js'
import { isDotnetCountersHeader } from '../understand/names.js'
import { longRequest, reshapeLong, type LongReading } from './long-table.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import type { ErrorSink } from './lines.js'
import type { JsonLinesReader } from './jsonl.js'
import { result } from './result.js'
import { jsonValueOffset, lineAndColumn } from '../understand/json-depth.js'

/** The columns dotnet-counters writes, in its order. */
const TIME = 'Timestamp'
const COUNTER = 'Counter Name'
const VALUE = 'Mean/Increment'

/** A counter's name without its unit and tags: `dotnet.gc.heap.size (By)[gen=gen0]` → `dotnet.gc.heap.size`. */
function baseName(counter: string): string {
  return counter.replace(/\s*\(.*$/, '').replace(/\[.*$/, '')
}

/** Kind, unit and scale of a counter by its name and unit. */
export function counterMeaning(counter: string): {
  kind: MetricKind
  unit: ValueUnit
  scale: number
} {
  const unit = /\(([^)]*)\)/.exec(counter)?.[1]?.toLowerCase() ?? ''
  if (unit === 'by' || unit === 'bytes' || unit === 'b')
    return { kind: 'memory', unit: 'bytes', scale: 1 }
  if (unit === 'mb') return { kind: 'memory', unit: 'bytes', scale: 1e6 }
  if (unit === '%') return { kind: 'count', unit: 'percent', scale: 1 }
  return { kind: 'count', unit: 'count', scale: 1 }
}

/** How dotnet-counters' CSV is read as a long table (load/long-table.ts). */
const DOTNET_READING: LongReading = {
  nameColumn: COUNTER,
  valueColumn: VALUE,
  timeColumn: TIME,
  // memory counters are judged unasked; rates, counts and percentages only when named
  meaning: (counter) => {
    const meaning = counterMeaning(counter)
    return meaning.kind === 'memory' ? meaning : { ...meaning, kind: undefined }
  },
  baseName,
  label: 'dotnet-counters CSV: one series per counter',
  items: 'counters',
  whyNot: 'that are no memory'
}

/**
 * The request a dotnet-counters CSV is read with: one series per counter
 * (grouped by `Counter Name`), values in `Mean/Increment`, time in
 * `Timestamp`; the user's `metrics:` are kept aside for {@link reshapeCounters}.
 */
export function dotnetCountersRequest(
  header: readonly string[],
  request: SeriesLoadRequest
): SeriesLoadRequest | undefined {
  if (!isDotnetCountersHeader(header)) return undefined
  return longRequest(DOTNET_READING, request)
}

/**
 * Turns the per-counter groups into series of their own (see the module
 * comment), keeping those the user's `metrics:` pick, or the memory
 * counters when it picks none.
 */
export function reshapeCounters(
  loaded: SeriesLoadResult,
  request: SeriesLoadRequest
): SeriesLoadResult {
  return reshapeLong(loaded, request, DOTNET_READING)
}

/** How dotnet-counters' JSON is read: its events' keys for the CSV's columns. */
const DOTNET_JSON_READING: LongReading = {
  ...DOTNET_READING,
  nameColumn: 'name',
  valueColumn: 'value',
  timeColumn: 'timestamp',
  label: 'dotnet-counters JSON: one series per counter'
}

/** Most events of one document read (a day of 30 counters each second is 2.6 million). */
export const MAX_COUNTER_EVENTS = 5_000_000

/** Value errors located at their line and column (each a scan of the document); later ones by path. */
const LOCATED_ERRORS = 5

/**
 * The line each object of the `Events` array starts on, in one pass (strings and escapes
 * followed): objects opened two levels deep, inside the top object's only array.
 */
function eventLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (char === 0x0a) line++
    if (inString) {
      if (char === 0x5c) i++
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      if (depth === 2 && char === 0x7b) lines.push(line)
      depth++
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return lines
}

/**
 * Reads `dotnet-counters collect --format json` (see the module comment): each
 * event a row of the long table, read as the CSV's rows are. An event without
 * a counter name, a timestamp or a numeric value is an error at its line and
 * column, naming its path (`Events[3].value`).
 */
export function loadCountersJson(
  text: string,
  document: unknown,
  request: SeriesLoadRequest,
  sink: ErrorSink,
  rows: (request: SeriesLoadRequest) => JsonLinesReader
): SeriesLoadResult {
  let located = 0
  const report = (path: ReadonlyArray<string | number>, found: string, expected: string) => {
    const offset = located++ < LOCATED_ERRORS ? jsonValueOffset(text, path) : -1
    const place = offset >= 0 ? lineAndColumn(text, offset) : undefined
    const at = place !== undefined ? ` (at column ${place.column})` : ''
    const name = path.map((step) => (typeof step === 'number' ? `[${step}]` : step)).join('.')
    sink.add(place?.line, name.replace(/\.\[/g, '['), found, `${expected}${at}`)
  }
  // what a message quotes: a string as it is, anything else as JSON, bounded
  const shown = (value: unknown, none: string) =>
    typeof value === 'string' ? value.slice(0, 40) : (JSON.stringify(value)?.slice(0, 40) ?? none)
  const events = (document as { Events?: unknown }).Events
  if (!Array.isArray(events) || events.length === 0) {
    report(
      ['Events'],
      Array.isArray(events) ? '[]' : typeof events,
      'an array of counter readings (dotnet-counters wrote none: was the process sampled?)'
    )
    return result([], 0, sink)
  }
  if (events.length > MAX_COUNTER_EVENTS) {
    report(
      ['Events'],
      `${events.length} events`,
      `at most ${MAX_COUNTER_EVENTS} events (collect fewer counters, or at a longer --refresh-interval)`
    )
    return result([], 0, sink)
  }
  const grouped = longRequest(DOTNET_JSON_READING, request)
  if (grouped === undefined) {
    report(
      ['Events'],
      `group: ${request.spec.group}`,
      'no `group:` (dotnet-counters JSON is one series per counter `name`)'
    )
    return result([], 0, sink)
  }
  const reader = rows(grouped)
  const starts = eventLines(text)
  const lineOf = (at: number) => (starts.length === events.length ? starts[at] : 1)
  events.forEach((event: unknown, at) => {
    const { timestamp, name, value } = (event ?? {}) as Record<string, unknown>
    if (event === null || typeof event !== 'object' || Array.isArray(event))
      report(
        ['Events', at],
        shown(event, 'nothing'),
        'a counter reading `{ "timestamp": …, "name": …, "value": … }`'
      )
    else if (typeof name !== 'string' || name.trim() === '')
      report(['Events', at, 'name'], shown(name, 'no name'), "the counter's name")
    else if (typeof timestamp !== 'string')
      report(
        ['Events', at, 'timestamp'],
        shown(timestamp, 'no timestamp'),
        'the time of the reading, as dotnet-counters writes it ("2025-03-10 10:00:05Z")'
      )
    else if (typeof value !== 'number' || !Number.isFinite(value))
      report(['Events', at, 'value'], shown(value, 'no value'), 'a number')
    else reader.visitRecord({ timestamp, name, value }, lineOf(at))
  })
  if (sink.count > 0) return result([], 0, sink)
  return reshapeLong(reader.finish('dotnet-counters JSON events'), request, DOTNET_JSON_READING)
}

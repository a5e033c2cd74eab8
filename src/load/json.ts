/**
 * A snapshot file: one JSON object (`process.memoryUsage()` plus registry
 * counts, a k6 summary...), nested keys joined with `.`. Numbers and size
 * strings are kept (sizes in bytes), booleans and other strings ignored.
 * People also log what `console.log` prints, so the util.inspect form
 * (`{ rss: 4935680, ... }`, unquoted keys), Python reprs
 * (`pmem(rss=15491072, vms=...)`) and flat `key value` files (cgroup
 * `memory.stat`) are accepted too. A Prometheus HTTP API answer (an instant
 * query's) gives its series' values keyed as a scrape's (load/prometheus-api.ts).
 */
import type { Snapshot } from '../model.js'
import { ErrorSink, looksBinary, readAllLines, type LineSource } from './lines.js'
import { flattenObject } from './flatten-object.js'
import { jsonTooDeepAt, lineAndColumn, SHALLOW_JSON } from '../understand/json-depth.js'
import type { SnapshotLoadResult } from './types.js'
import { parseNumber, parseSize } from '../understand/units.js'
import { kindFromName, unitBytesFromName } from '../understand/names.js'
import { isPrometheusApiDocument } from '../understand/prometheus-api.js'
import { prometheusApiSnapshot } from './prometheus-api.js'
import { setOwn } from '../understand/own-property.js'

/** Largest snapshot read into memory (characters); snapshots are small, a bigger file is a mistake. */
export const MAX_SNAPSHOT_CHARS = 32 * 1024 * 1024

/** Keeps the numeric leaves of a flattened object: numbers, and strings that are sizes. */
export function numericValues(flat: Record<string, unknown>): Record<string, number> {
  const values: Record<string, number> = {}
  for (const key in flat) {
    const value = flat[key]
    // a plain number under a memory name with a unit (`rss_mb`, `heapUsedMB`) is in that unit
    if (typeof value === 'number' && Number.isFinite(value))
      setOwn(
        values,
        key,
        value * (kindFromName(key) === 'memory' ? (unitBytesFromName(key) ?? 1) : 1)
      )
    else if (typeof value === 'string' && /[a-z]\s*$/i.test(value)) {
      const size = parseSize(value)
      if (size !== undefined) setOwn(values, key, size)
    }
  }
  return values
}

/**
 * Records an error for every value no measurement can have, and drops it
 * from `values`: a number JSON.parse overflowed to ±Infinity (`1e309`), or a
 * negative size under a memory name (`rss`, `heapUsed`, `*_bytes`). The
 * line is the first that names the key (snapshots are small).
 */
function refuseImpossible(
  flat: Record<string, unknown>,
  values: Record<string, number>,
  lines: readonly string[],
  sink: ErrorSink
): void {
  for (const key in flat) {
    const value = flat[key]
    if (typeof value !== 'number') continue
    let expected: string | undefined
    if (!Number.isFinite(value)) expected = 'a finite number'
    else if (value < 0 && kindFromName(key) === 'memory')
      expected = 'a size of 0 or more (memory is never negative)'
    if (expected === undefined) continue
    delete values[key]
    const name = key.slice(key.lastIndexOf('.') + 1)
    const at = lines.findIndex((line) => line.includes(name))
    sink.add(at >= 0 ? at + 1 : undefined, key, String(value), expected)
  }
}

/** Rewrites util.inspect / JS object-literal text into JSON (best effort). */
export function inspectToJson(text: string): string {
  return text
    .replace(/'((?:[^'\\\n]|\\.)*)'/g, (_match, body: string) =>
      JSON.stringify(body.replace(/\\'/g, "'"))
    )
    .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
    .replace(/\[(?:Object|Array|Function[^\]]*|Circular[^\]]*)\]/g, 'null')
    .replace(/\b(undefined)\b/g, 'null')
    .replace(/(-?\d+)n\b/g, '$1')
    .replace(/\b(?:Map|Set)\(\d+\)\s*/g, '')
    .replace(/,(\s*[}\]])/g, '$1')
}

const REPR_RE = /^\s*[A-Za-z_][\w.]*\((.*)\)\s*$/
const PAIR_RE = /([A-Za-z_][\w.]*)\s*=\s*([^,]+)/g
const KEY_VALUE_RE = /^\s*([A-Za-z_][\w.:\-/]*)\s*[:=]?\s+(\S+(?:\s?[A-Za-z]+)?)\s*$/

/** Reads `name(k=v, ...)` and `key value` lines; returns undefined when no line fits. */
function parseTextSnapshot(lines: string[]): Record<string, number> | undefined {
  const values: Record<string, number> = {}
  let found = false
  for (const line of lines) {
    const repr = REPR_RE.exec(line)
    if (repr) {
      for (const pair of repr[1].matchAll(PAIR_RE)) {
        const value = parseNumber(pair[2]) ?? parseSize(pair[2])
        if (value !== undefined) {
          setOwn(values, pair[1], value)
          found = true
        }
      }
      continue
    }
    const keyValue = KEY_VALUE_RE.exec(line)
    if (keyValue) {
      const value = parseNumber(keyValue[2]) ?? parseSize(keyValue[2])
      if (value !== undefined) {
        setOwn(values, keyValue[1], value)
        found = true
      }
    }
  }
  return found ? values : undefined
}

/** Where JSON.parse stopped and why, in the terms of a message. */
export interface JsonErrorPlace {
  /** 1-based line and column, when the position is known. */
  line?: number
  column?: number
  /** The text from the error on (to the end of its line), or undefined at the end of the file. */
  found?: string
  /** V8's reason without position or excerpt: `Unexpected number`, `Expected ',' or '}' after property value`. */
  reason: string
}

/** V8 shows at most this many characters either side of the error in its excerpt. */
const V8_CONTEXT = 10

/**
 * Offset of a JSON.parse error: from `at position N`, else from the excerpt V8
 * quotes (`"start"...`, `..."middle"...`, `..."end"`, or the whole short text).
 */
function offsetOfJsonError(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message)
  if (position) return Number(position[1])
  const excerpt = /, (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message)
  if (!excerpt) return undefined
  const [, before, body, after] = excerpt
  if (!before && after) return body.length - V8_CONTEXT
  if (before && after) {
    const at = text.indexOf(body)
    return at < 0 ? undefined : at + V8_CONTEXT
  }
  if (before) return text.length - body.length + V8_CONTEXT
  // The whole (short) text: the first occurrence of the unexpected token.
  const token = /^Unexpected token '([\s\S])'/.exec(message)
  const at = token ? text.indexOf(token[1]) : -1
  return at < 0 ? undefined : at
}

/** Turns a JSON.parse message into line, column, what is there and why (no raw excerpt). */
export function placeJsonError(text: string, message: string): JsonErrorPlace {
  const reason =
    message
      .replace(/,\s*(\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '')
      .replace(/\s+in JSON at position \d+[\s\S]*$/, '')
      .replace(/\s+\(line \d+ column \d+\)$/, '')
      .split('\n')[0] || 'not valid JSON'
  const offset = offsetOfJsonError(text, message)
  if (offset === undefined || offset < 0) return { reason }
  if (offset >= text.length) {
    return { line: text.split('\n').length, column: text.length - text.lastIndexOf('\n'), reason }
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', offset)
  const found = text.slice(offset, lineEnd < 0 ? undefined : lineEnd).trimEnd()
  return {
    line: text.slice(0, offset).split('\n').length,
    column: offset - lineStart + 1,
    found: found === '' ? undefined : found,
    reason
  }
}

/** Loads a JSON (or inspect / repr / key-value) snapshot; see the module comment. */
export async function loadJsonSnapshot(
  lines: LineSource,
  file: string
): Promise<SnapshotLoadResult> {
  const sink = new ErrorSink(file)
  const kept: string[] = []
  let chars = 0
  let tooBig = false
  let binaryAt = 0
  const count = await readAllLines(lines, sink, (line, lineNumber) => {
    if (looksBinary(line)) {
      binaryAt = lineNumber
      return false
    }
    chars += line.length + 1
    if (chars > MAX_SNAPSHOT_CHARS) {
      tooBig = true
      return false
    }
    kept.push(line)
  })
  const snapshot: Snapshot = { file, values: {} }
  const notes: string[] = []
  const done = (): SnapshotLoadResult => ({
    snapshot,
    rows: count,
    errors: sink.errors,
    errorCount: sink.count,
    ...(notes.length > 0 ? { notes } : {})
  })
  if (sink.count > 0) return done()
  if (binaryAt > 0) {
    sink.addBinary(binaryAt)
    return done()
  }
  if (tooBig) {
    sink.add(
      undefined,
      undefined,
      undefined,
      `a snapshot of at most ${MAX_SNAPSHOT_CHARS} characters (is this a series file?)`
    )
    return done()
  }
  const text = kept.join('\n')
  if (text.trim() === '') {
    sink.add(undefined, undefined, undefined, 'a JSON object, found an empty file')
    return done()
  }
  let parsed: unknown
  let jsonError = ''
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    jsonError = error instanceof Error ? error.message : String(error)
    try {
      parsed = JSON.parse(inspectToJson(text))
    } catch {
      parsed = undefined
    }
  }
  if (parsed !== undefined) {
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      sink.add(1, undefined, text.slice(0, 60), 'a JSON object (a snapshot of named values)')
      return done()
    }
    const deepAt = jsonTooDeepAt(text)
    if (deepAt >= 0) {
      const { line, column } = lineAndColumn(text, deepAt)
      sink.add(
        line,
        undefined,
        undefined,
        `${SHALLOW_JSON}, found deeper nesting at column ${column}`
      )
      return done()
    }
    if (isPrometheusApiDocument(parsed)) {
      // an instant query's answer (or a range query's, its last values), keyed as scrapes are
      const answer = prometheusApiSnapshot(text, parsed, file, sink)
      snapshot.values = answer.values
      if (answer.time !== undefined) snapshot.time = answer.time
      if (sink.count > 0) return done()
      if (answer.notes.length > 0) notes.push(...answer.notes)
      if (Object.keys(snapshot.values).length === 0)
        sink.add(undefined, undefined, undefined, 'at least one series with a value, found none')
      return done()
    }
    const flat = flattenObject(parsed as Record<string, unknown>)
    snapshot.values = numericValues(flat)
    const time = snapshotTime(parsed as Record<string, unknown>, kept, sink)
    if (time !== undefined) snapshot.time = time
    refuseImpossible(flat, snapshot.values, kept, sink)
  } else {
    const values = parseTextSnapshot(kept)
    if (!values) {
      const place = placeJsonError(text, jsonError)
      const at = place.column !== undefined ? ` at column ${place.column}` : ''
      const expected = `a JSON object or "name value" lines (JSON: ${place.reason}${at})`
      if (place.found !== undefined) sink.add(place.line, undefined, place.found, expected)
      else if (place.line !== undefined)
        sink.add(
          place.line,
          undefined,
          undefined,
          `found the end of the file, expected ${expected}`
        )
      else sink.add(undefined, undefined, undefined, expected)
      return done()
    }
    snapshot.values = values
    refuseImpossible(values, values, kept, sink)
  }
  if (sink.count > 0) return done()
  if (Object.keys(snapshot.values).length === 0) {
    sink.add(
      undefined,
      undefined,
      undefined,
      'at least one numeric value in the snapshot, found none'
    )
  }
  return done()
}

/**
 * An ISO 8601 date-time with its zone (`2026-12-05T12:18:37.000Z`, `…+01:00`, `…+0100`): never read
 * as local time. Fields: date, time, fraction, zone (`Z`, or sign, hours, minutes).
 */
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/i

/**
 * When a JSON snapshot says it was taken: a top-level `time` or `timestamp` holding an ISO
 * date-time with its zone (`new Date().toISOString()`), as epoch ms; else undefined. It tells
 * which of several runs appended in one file the snapshot follows. A date-time of that form
 * that does not exist (`2026-02-31`, `24:00`, a zone of `+25:00`) is an error at its line, as
 * other impossible values are (`Date.parse` would roll it into the next month or day).
 */
function snapshotTime(
  object: Record<string, unknown>,
  lines: readonly string[],
  sink: ErrorSink
): number | undefined {
  for (const [key, value] of Object.entries(object)) {
    if (!/^(?:time|timestamp)$/i.test(key) || typeof value !== 'string') continue
    const text = value.trim()
    const iso = ISO_WITH_ZONE.exec(text)
    if (iso === null) continue
    const ms = isoMs(iso)
    if (ms !== undefined) return ms
    const at = lines.findIndex((line) => line.includes(`"${key}"`))
    sink.add(
      at >= 0 ? at + 1 : undefined,
      key,
      text,
      'a date-time that exists, in ISO 8601 with its zone (e.g. "2026-12-05T12:18:37Z")'
    )
    return undefined
  }
  return undefined
}

/** The epoch ms of {@link ISO_WITH_ZONE}'s fields, or undefined when a field is out of range. */
function isoMs(iso: RegExpExecArray): number | undefined {
  const [year, month, day, hour, minute] = iso.slice(1, 6).map(Number)
  const second = iso[6] === undefined ? 0 : Number(iso[6])
  // the fraction truncated to ms, as Date.parse does
  const ms = iso[7] === undefined ? 0 : Number(iso[7].slice(1, 4).padEnd(3, '0'))
  const zoneHours = iso[8] === undefined ? 0 : Number(iso[9])
  const zoneMinutes = iso[8] === undefined ? 0 : Number(iso[10])
  if (hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59)
    return undefined
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  // the date's fields read back as written: no 31 February rolled into March
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined
  date.setUTCHours(hour, minute, second, ms)
  const offset = (iso[8] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000
  return date.getTime() - offset
}

/**
 * Time parsing for every loader. The first value of a time column fixes its
 * kind (ISO-8601, epoch s/ms/µs/ns, clock `HH:MM:SS[.fff]`, or a `date`
 * text with a zone) and so the series' {@link TimeBase}; a later value of
 * another kind is an error, because mixing them silently would bend every
 * slope. ISO-8601 without a zone is read as UTC (consistent on any runner).
 * Clock times roll over: a clock going backwards means the next day.
 */
import type { TimeBase } from '../model.js'
import { cursor, scanDecimalBytes } from './units.js'

/** The form of a time column, decided by its first value. */
export type TimeKind = 'iso' | 'epoch-s' | 'epoch-ms' | 'epoch-us' | 'epoch-ns' | 'clock' | 'text'

const DAY_MS = 86_400_000

/** Milliseconds per unit of each epoch kind. */
const EPOCH_SCALE: Record<string, number> = {
  'epoch-s': 1000,
  'epoch-ms': 1,
  'epoch-us': 1e-3,
  'epoch-ns': 1e-6
}

const EPOCH_RE = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const CLOCK_RE = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/
const TEXT_ZONE_RE = /\b(?:UTC|GMT|Z)\b|[+-]\d{4}\b/
const MONTH_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48
  return code >= 0 && code <= 9 ? code : -1
}

function twoDigits(text: string, at: number): number {
  const high = digit(text, at)
  const low = digit(text, at + 1)
  return high < 0 || low < 0 ? -1 : high * 10 + low
}

/**
 * Parses ISO-8601 / RFC 3339 (`2024-05-01T12:00:00.123+02:00`, `2024-05-01 12:00:00`,
 * `2024-05-01`) into epoch ms, by character positions (a regex plus `Date.parse`
 * was the slowest part of loading a million rows). No zone means UTC.
 * Returns NaN when the text is not ISO-8601.
 */
export function parseIsoTime(text: string): number {
  const length = text.length
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN
  const century = twoDigits(text, 0)
  const yearInCentury = twoDigits(text, 2)
  const year = century * 100 + yearInCentury
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  if (century < 0 || yearInCentury < 0 || month < 1 || month > 12 || day < 1 || day > 31) return NaN
  let hour = 0
  let minute = 0
  let second = 0
  let fraction = 0
  let at = 10
  if (length > 10) {
    const separator = text.charCodeAt(10)
    if (separator !== 84 && separator !== 116 && separator !== 32) return NaN
    hour = twoDigits(text, 11)
    minute = twoDigits(text, 14)
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || text.charCodeAt(13) !== 58) return NaN
    at = 16
    if (text.charCodeAt(16) === 58) {
      second = twoDigits(text, 17)
      if (second < 0 || second > 60) return NaN
      at = 19
      const dot = text.charCodeAt(19)
      if (dot === 46 || dot === 44) {
        let scale = 100
        at = 20
        let d = digit(text, at)
        if (d < 0) return NaN
        while (d >= 0) {
          fraction += d * scale
          scale /= 10
          d = digit(text, ++at)
        }
      }
    }
  }
  let offsetMinutes = 0
  while (at < length && text.charCodeAt(at) === 32) at++
  if (at < length) {
    const zone = text.charCodeAt(at)
    if ((zone === 90 || zone === 122) && at + 1 === length) {
      // Z
    } else if (zone === 43 || zone === 45) {
      const zoneHours = twoDigits(text, at + 1)
      if (zoneHours < 0) return NaN
      let next = at + 3
      if (text.charCodeAt(next) === 58) next++
      let zoneMinutes = 0
      if (next < length) {
        zoneMinutes = twoDigits(text, next)
        if (zoneMinutes < 0) return NaN
        next += 2
      }
      if (next !== length) return NaN
      offsetMinutes = (zone === 45 ? -1 : 1) * (zoneHours * 60 + zoneMinutes)
    } else if (text.slice(at) !== 'UTC' && text.slice(at) !== 'GMT') {
      return NaN
    }
  }
  if (day > daysInMonth(year, month)) return NaN
  return (
    ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 +
    second * 1000 +
    Math.round(fraction)
  )
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): integer arithmetic, several times faster than `Date.UTC`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

/** The digit at `bytes[at]` (at < end), else -1. */
function digitByte(bytes: Uint8Array, at: number, end: number): number {
  if (at >= end) return -1
  const code = bytes[at] - 48
  return code >= 0 && code <= 9 ? code : -1
}

/** Two digits at `bytes[at]`, `bytes[at + 1]` as a number, else -1. */
function twoDigitBytes(bytes: Uint8Array, at: number, end: number): number {
  if (at + 1 >= end) return -1
  const high = bytes[at] - 48
  const low = bytes[at + 1] - 48
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1
}

/** The date part of the last ISO value read from bytes and its day number (a run of rows shares it). */
interface DayCache {
  key: number
  days: number
}

/**
 * {@link parseIsoTime} on UTF-8 bytes from `start`, stopping after the time
 * ({@link cursor}), with the day number cached. Same value for every time it
 * accepts; NaN for anything it leaves to the text path (no time, spaces,
 * `UTC`). A `,` decimal separator is taken only when `,` is not the delimiter.
 */
export function scanIsoBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
  cache: DayCache
): number {
  if (start + 10 > end || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN
  const century = twoDigitBytes(bytes, start, end)
  const yearInCentury = twoDigitBytes(bytes, start + 2, end)
  const month = twoDigitBytes(bytes, start + 5, end)
  const day = twoDigitBytes(bytes, start + 8, end)
  if (century < 0 || yearInCentury < 0 || month < 1 || month > 12 || day < 1 || day > 31) return NaN
  const year = century * 100 + yearInCentury
  let hour = 0
  let minute = 0
  let second = 0
  let fraction = 0
  let at = start + 10
  const separator = at < end ? bytes[at] : -1
  if (separator === 84 || separator === 116 || separator === 32) {
    hour = twoDigitBytes(bytes, start + 11, end)
    minute = twoDigitBytes(bytes, start + 14, end)
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || bytes[start + 13] !== 58) return NaN
    at = start + 16
    if (at < end && bytes[at] === 58) {
      second = twoDigitBytes(bytes, start + 17, end)
      if (second < 0 || second > 60) return NaN
      at = start + 19
      const dot = at < end ? bytes[at] : -1
      if (dot === 46 || (dot === 44 && delimiter !== 44)) {
        let scale = 100
        at++
        let d = digitByte(bytes, at, end)
        if (d < 0) return NaN
        while (d >= 0) {
          fraction += d * scale
          scale /= 10
          d = digitByte(bytes, ++at, end)
        }
      }
    }
  }
  let offsetMinutes = 0
  const zone = at < end ? bytes[at] : -1
  if (zone === 90 || zone === 122) {
    at++
  } else if (zone === 43 || zone === 45) {
    const zoneHours = twoDigitBytes(bytes, at + 1, end)
    if (zoneHours < 0) return NaN
    at += 3
    if (at < end && bytes[at] === 58) at++
    let zoneMinutes = 0
    const minutes = twoDigitBytes(bytes, at, end)
    if (minutes >= 0) {
      zoneMinutes = minutes
      at += 2
    }
    offsetMinutes = (zone === 45 ? -1 : 1) * (zoneHours * 60 + zoneMinutes)
  }
  const key = (year * 100 + month) * 100 + day
  let days: number
  if (key === cache.key) days = cache.days
  else {
    if (day > daysInMonth(year, month)) return NaN
    days = daysFromCivil(year, month, day)
    cache.key = key
    cache.days = days
  }
  cursor.end = at
  return (
    ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 +
    second * 1000 +
    Math.round(fraction)
  )
}

/**
 * {@link parseClockTime} on bytes from `start` (`H:MM:SS[.fff]`), stopping
 * after it ({@link cursor}); NaN for anything it leaves to the text path.
 */
export function scanClockBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number
): number {
  let i = start
  let hours = digitByte(bytes, i++, end)
  if (hours < 0) return NaN
  const second = digitByte(bytes, i, end)
  if (second >= 0) {
    hours = hours * 10 + second
    i++
  }
  if (i >= end || bytes[i] !== 58) return NaN
  const minutes = twoDigitBytes(bytes, i + 1, end)
  if (minutes < 0 || i + 3 >= end || bytes[i + 3] !== 58) return NaN
  const seconds = twoDigitBytes(bytes, i + 4, end)
  if (seconds < 0) return NaN
  i += 6
  let fraction = 0
  const dot = i < end ? bytes[i] : -1
  if (dot === 46 || (dot === 44 && delimiter !== 44)) {
    let mantissa = 0
    let scale = 1
    let digits = 0
    let d = digitByte(bytes, ++i, end)
    while (d >= 0) {
      mantissa = mantissa * 10 + d
      scale *= 10
      digits++
      d = digitByte(bytes, ++i, end)
    }
    if (digits === 0 || digits > 9) return NaN
    fraction = Math.round((mantissa / scale) * 1000)
  }
  if (hours > 23 || minutes > 59 || seconds > 60) return NaN
  cursor.end = i
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction
}

/** Parses `HH:MM:SS[.fff]` into milliseconds since midnight, NaN otherwise. */
export function parseClockTime(text: string): number {
  const match = CLOCK_RE.exec(text)
  if (!match) return NaN
  const hours = Number(match[1])
  const minutes = Number(match[2])
  const seconds = Number(match[3])
  if (hours > 23 || minutes > 59 || seconds > 60) return NaN
  const fraction = match[4] ? Math.round(Number(`0.${match[4]}`) * 1000) : 0
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction
}

/** Picks the epoch unit from a number's magnitude: s up to 1e11 (year 5138), then ms, µs, ns. */
export function epochKindOf(value: number): TimeKind {
  const magnitude = Math.abs(value)
  if (magnitude < 1e11) return 'epoch-s'
  if (magnitude < 1e14) return 'epoch-ms'
  if (magnitude < 1e17) return 'epoch-us'
  return 'epoch-ns'
}

/** Decides the kind of a first time value, or undefined when no known form fits. */
export function detectTimeKind(value: string | number): TimeKind | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? epochKindOf(value) : undefined
  const text = value.trim()
  if (EPOCH_RE.test(text)) return epochKindOf(Number(text))
  if (!Number.isNaN(parseIsoTime(text))) return 'iso'
  if (!Number.isNaN(parseClockTime(text))) return 'clock'
  if (MONTH_RE.test(text) && TEXT_ZONE_RE.test(text) && Number.isFinite(Date.parse(text)))
    return 'text'
  return undefined
}

/** Human description of a kind, for "expected ..." in error messages. */
export function describeTimeKind(kind: TimeKind | undefined): string {
  switch (kind) {
    case 'iso':
      return 'an ISO-8601 time like "2024-05-01T12:00:00Z" (as in the first row)'
    case 'epoch-s':
      return 'epoch seconds (as in the first row)'
    case 'epoch-ms':
      return 'epoch milliseconds (as in the first row)'
    case 'epoch-us':
      return 'epoch microseconds (as in the first row)'
    case 'epoch-ns':
      return 'epoch nanoseconds (as in the first row)'
    case 'clock':
      return 'a clock time HH:MM:SS[.fff] (as in the first row)'
    case 'text':
      return 'a date text with a zone like "Mon Jan  1 12:00:00 UTC 2024" (as in the first row)'
    case undefined:
      return 'a time: ISO-8601, epoch s/ms/ns, or HH:MM:SS[.fff]'
  }
}

/**
 * A stateful parser for one time column. `parse` returns milliseconds
 * (epoch, or clock time since midnight of the first day plus whole days
 * rolled over) or NaN when the value is not of the column's kind; then
 * `expected` says what was wanted.
 */
export interface TimeParser {
  parse(value: string | number): number
  /** Kind fixed by the first value (undefined before it). */
  readonly kind: TimeKind | undefined
  /** Time base of the series built from this column. */
  readonly base: TimeBase
  /** What a value must look like, for error messages. */
  readonly expected: string
  /**
   * The byte fast path: the time at UTF-8 `bytes[start..]` (up to `end`, the
   * line's end), once the kind is known, leaving `cursor.end` after it; NaN
   * when the text path must decide (first value, odd forms, bad values).
   * Changes no state: pass the result to {@link accept}.
   */
  scanBytes(bytes: Uint8Array, start: number, end: number, delimiter: number): number
  /** Takes a value from {@link scanBytes} as the row's time (clock times roll over here). */
  accept(value: number): number
}

/** Creates a {@link TimeParser}; optionally with the kind fixed in advance. */
export function createTimeParser(fixedKind?: TimeKind): TimeParser {
  let kind: TimeKind | undefined = fixedKind
  let lastClock = -1
  let dayOffset = 0

  // Two containers logged each second share a timestamp: reuse the last result.
  let lastText = ''
  let lastMs = NaN
  const dayCache: DayCache = { key: -1, days: 0 }
  const parseIso = (text: string): number => {
    if (text === lastText) return lastMs
    lastText = text
    lastMs = parseIsoTime(text)
    return lastMs
  }

  const parseAs = (value: string | number, as: TimeKind): number => {
    switch (as) {
      case 'epoch-s':
      case 'epoch-ms':
      case 'epoch-us':
      case 'epoch-ns': {
        let number: number
        if (typeof value === 'number') number = value
        else {
          const text = value.trim()
          number = EPOCH_RE.test(text) ? Number(text) : NaN
        }
        return number * EPOCH_SCALE[as]
      }
      case 'iso':
        return typeof value === 'string' ? parseIso(value.trim()) : NaN
      case 'clock': {
        const ms = typeof value === 'string' ? parseClockTime(value.trim()) : NaN
        if (Number.isNaN(ms)) return NaN
        if (lastClock >= 0 && ms < lastClock) dayOffset += DAY_MS
        lastClock = ms
        return ms + dayOffset
      }
      case 'text': {
        if (typeof value !== 'string' || !TEXT_ZONE_RE.test(value)) return NaN
        return Date.parse(value)
      }
    }
  }

  return {
    parse(value: string | number): number {
      if (kind === undefined) {
        kind = detectTimeKind(value)
        if (kind === undefined) return NaN
      }
      return parseAs(value, kind)
    },
    get kind() {
      return kind
    },
    get base(): TimeBase {
      if (kind === undefined) return 'none'
      return kind === 'clock' ? 'clock' : 'epoch'
    },
    get expected() {
      return describeTimeKind(kind)
    },
    scanBytes(bytes: Uint8Array, start: number, end: number, delimiter: number): number {
      switch (kind) {
        case 'iso':
          return scanIsoBytes(bytes, start, end, delimiter, dayCache)
        case 'epoch-s':
        case 'epoch-ms':
        case 'epoch-us':
        case 'epoch-ns': {
          // EPOCH_RE's shape: a digit first (after a sign) and last, so `12.` and `.5` go to the text path
          const value = scanDecimalBytes(bytes, start, end)
          if (value !== value) return NaN
          const first = bytes[start] === 43 || bytes[start] === 45 ? start + 1 : start
          if (digitByte(bytes, first, end) < 0 || digitByte(bytes, cursor.end - 1, end) < 0)
            return NaN
          return value * EPOCH_SCALE[kind]
        }
        case 'clock':
          return scanClockBytes(bytes, start, end, delimiter)
        default:
          return NaN
      }
    },
    accept(value: number): number {
      if (kind !== 'clock') return value
      if (lastClock >= 0 && value < lastClock) dayOffset += DAY_MS
      lastClock = value
      return value + dayOffset
    }
  }
}

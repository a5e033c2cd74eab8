/**
 * Time parsing for every loader. The first value of a time column fixes its
 * kind (ISO-8601, epoch s/ms/µs/ns, clock `HH:MM:SS[.fff]`, a `date`
 * text with a zone, or an elapsed time: `5s`, `1m30s`, `03:40`) and so the
 * series' {@link TimeBase}; a later value of another kind is an error,
 * because mixing them silently would bend every slope. ISO-8601 without a
 * zone is read as UTC (consistent on any runner). Clock times roll over: a
 * clock going backwards means the next day. Where a form reads two ways
 * (`03/10/2025`, `10:05`) the column settles it, or says it cannot.
 */
import type { TimeBase } from '../model.js'
import {
  parseLooseIso,
  readDateStamp,
  type DateOrder,
  type TimeFormatParser
} from '../understand/date-forms.js'
import { scanDecimalBytes, scanned } from '../understand/units.js'
import {
  FIRST_FIELD_NO_HOUR_MS,
  parseHourMinute,
  parseMinutesSeconds,
  parseUnitDuration
} from '../understand/elapsed-forms.js'

/**
 * The form of a time column, decided by its first value: `dated` is a
 * day-month-year stamp (`19_Feb_2024_16_22_56`, `08/14/2025 16:28:29`),
 * `pattern` the series' `time-format:`; `duration` an elapsed time with its
 * unit (`+5s`, `1m30s`), `minutes-seconds` elapsed `MM:SS` (`03:40`, `75:10`),
 * `hour-minute` a clock `HH:MM` (only when `time-format: HH:mm` says so).
 */
export type TimeKind =
  | 'iso'
  | 'epoch-s'
  | 'epoch-ms'
  | 'epoch-us'
  | 'epoch-ns'
  | 'clock'
  | 'text'
  | 'dated'
  | 'pattern'
  | 'duration'
  | 'minutes-seconds'
  | 'hour-minute'

const DAY_MS = 86_400_000

/** Milliseconds per unit of each epoch kind. */
export const EPOCH_SCALE: Record<string, number> = {
  'epoch-s': 1000,
  'epoch-ms': 1,
  'epoch-us': 1e-3,
  'epoch-ns': 1e-6
}

const EPOCH_RE = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const CLOCK_RE = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/
const MONTH_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i
/** The date of a numeric `a/b/year` stamp, for telling its days apart. */
const NUMERIC_DATE_RE = /^\d{1,2}[-_./ ]\d{1,2}[-_./ ]\d{1,4}/
/** What Go's `time.Time.String()` writes after the offset: the zone name and the monotonic clock. */
// Go's time.Time.String(): `+0100 CET`, or the offset again where the zone has no name (`-0300 -03`)
const GO_ZONE_SUFFIX_RE =
  /^ (?:[A-Z]{1,5}|[+-]\d{2}(?:\d{2})?)(?: m=[+-]\d+(?:\.\d+)?)?$|^ m=[+-]\d+(?:\.\d+)?$/

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
  const ms = parseIsoStrict(text)
  // an hour or day without its leading zero (`2023-11-25 0:02`): the slow path, only then
  return ms === ms ? ms : parseLooseIso(text)
}

function parseIsoStrict(text: string): number {
  const length = text.length
  const dash = text.charCodeAt(4)
  // `-`, or `/` as Go's log package writes dates (`2026/11/05 06:44:04`: year first, unambiguous)
  if (length < 10 || (dash !== 45 && dash !== 47) || text.charCodeAt(7) !== dash) return NaN
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
      if (next !== length && !GO_ZONE_SUFFIX_RE.test(text.slice(next))) return NaN
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])

/**
 * Zone names `date(1)` prints, in minutes east of UTC: RFC 2822's (`UT`,
 * `GMT`, the US zones) and common European and Asia-Pacific ones. Names that
 * mean several zones (`IST`: India, Ireland or Israel) are left out on purpose.
 */
const ZONE_MINUTES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  jst: 540,
  kst: 540,
  awst: 480,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780
}

const DATE_TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/
/**
 * A numeric zone: `+0100`, `+01:00`, `GMT+0100`, and the bare hours glibc's `date` prints for
 * zones without an abbreviation in tzdata (`-03` São Paulo, `+08` Singapore; `+0545` Kathmandu).
 */
const OFFSET_RE = /^(?:(utc|gmt|ut|z))?([+-])(\d{2})(?::?(\d{2}))?$/i
/** Apache/nginx common log format: `05/Nov/2026:06:44:04 +0000`. */
const CLF_RE = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):/

/**
 * Why {@link parseDateText} refused a text that looks like a date, for the
 * error message (empty when it does not look like one at all).
 */
export function dateTextHint(text: string): string {
  const trimmed = text.trim()
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(trimmed))
    return `"${trimmed.split(/\s/)[0]}" is ambiguous (month/day or day/month?): log ISO-8601 (date -Iseconds, toISOString()) or epoch seconds`
  if (!MONTH_RE.test(trimmed) || !/\d:\d\d/.test(trimmed)) return ''
  const tokens = dateTokens(trimmed)
  if (!tokens.some((token) => /^\d{4}$/.test(token)))
    return 'this date has no year (syslog style): log ISO-8601 or epoch seconds'
  const unknown = tokens.find(
    (token) =>
      /^[A-Za-z]{2,5}$/.test(token) &&
      !MONTHS.includes(token.slice(0, 3).toLowerCase()) &&
      !WEEKDAYS.has(token.slice(0, 3).toLowerCase()) &&
      !/^[ap]m$/i.test(token) &&
      ZONE_MINUTES[token.toLowerCase()] === undefined
  )
  if (unknown !== undefined)
    return `zone "${unknown}" is unknown or ambiguous: use a numeric offset like +0530 (date -R) or ISO-8601`
  if (Number.isNaN(parseDateText(trimmed)))
    return 'this date has no zone (UTC, CET, +0100...), so its instant depends on the machine that wrote it: log ISO-8601 or date -R'
  return ''
}

/** Splits a date text into tokens: CLF's `/` and `:` after the year, commas and a trailing `(zone name)` removed. */
function dateTokens(text: string): string[] {
  const body = text.replace(/\s*\([^)]*\)\s*$/, '').replace(CLF_RE, '$1 $2 $3 ')
  return body.split(/[\s,]+/).filter((token) => token !== '')
}

/**
 * Parses a date text with a month name and a zone, in the forms loggers
 * print: `date` (`Thu Nov  5 06:44:04 UTC 2026`, `... 04:57:50 -03 2026` for zones whose
 * tzdata name is numeric, with `AM`/`PM` in newer
 * en_US locales, `Thu  5 Nov 06:44:04 CET 2026` in en_GB), `date -R` / RFC
 * 2822 / JS `toUTCString()` (`Thu, 05 Nov 2026 06:44:04 +0000`), JS
 * `toString()` (`Thu Nov 05 2026 07:44:04 GMT+0100 (Central European
 * Standard Time)`) and the common log format (`05/Nov/2026:06:44:04 +0000`).
 * Returns epoch ms, or NaN when a part is missing (a text without a zone
 * would depend on the machine's zone), unknown or repeated.
 */
export function parseDateText(text: string): number {
  let year = -1
  let month = -1
  let day = -1
  let clock: RegExpExecArray | undefined
  let meridiem = ''
  let offset: number | undefined
  for (const token of dateTokens(text)) {
    const lower = token.toLowerCase()
    const clockMatch = DATE_TIME_RE.exec(token)
    if (clockMatch) {
      if (clock) return NaN
      clock = clockMatch
    } else if (/^\d{4}$/.test(token)) {
      if (year >= 0) return NaN
      year = Number(token)
    } else if (/^\d{1,2}$/.test(token)) {
      if (day >= 0) return NaN
      day = Number(token)
    } else if (lower === 'am' || lower === 'pm') {
      if (meridiem !== '') return NaN
      meridiem = lower
    } else if (
      /^[a-z]+\.?$/.test(lower) &&
      MONTHS.includes(lower.slice(0, 3)) &&
      month < 0 &&
      lower.length <= 10
    ) {
      month = MONTHS.indexOf(lower.slice(0, 3)) + 1
    } else if (/^[a-z]+\.?$/.test(lower) && WEEKDAYS.has(lower.slice(0, 3)) && lower.length <= 10) {
      // the weekday says nothing the date does not
    } else {
      if (offset !== undefined) return NaN
      const numeric = OFFSET_RE.exec(token)
      if (numeric) {
        const minutes = Number(numeric[3]) * 60 + Number(numeric[4] ?? 0)
        if (minutes > 14 * 60 + 45 || Number(numeric[4] ?? 0) > 59) return NaN
        offset = numeric[2] === '-' ? -minutes : minutes
      } else if (ZONE_MINUTES[lower] !== undefined) {
        offset = ZONE_MINUTES[lower]
      } else {
        return NaN
      }
    }
  }
  if (year < 0 || month < 0 || day < 1 || !clock || offset === undefined) return NaN
  if (day > daysInMonth(year, month)) return NaN
  let hour = Number(clock[1])
  const minute = Number(clock[2])
  const second = clock[3] === undefined ? 0 : Number(clock[3])
  if (meridiem !== '') {
    if (hour < 1 || hour > 12) return NaN
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0)
  }
  if (hour > 23 || minute > 59 || second > 60) return NaN
  const fraction = clock[4] === undefined ? 0 : Math.round(Number(`0.${clock[4]}`) * 1000)
  return (
    ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offset) * 60_000 +
    second * 1000 +
    fraction
  )
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

/**
 * The last ISO value read from bytes: its date key and day number, and its
 * first 16 bytes (`2024-05-01T12:00`, as four little-endian words) with the
 * minutes since the epoch they stand for. A run of rows shares them, so
 * most rows only compare four words and read the seconds.
 */
export interface DayCache {
  key: number
  days: number
  /** Prefix words; `w0` is 0 when there is no prefix cached (no text starts with four NULs). */
  w0: number
  w1: number
  w2: number
  w3: number
  minutes: number
}

/**
 * {@link parseIsoTime} on UTF-8 bytes from `start`, the value into
 * `scanned[0]` (see {@link scanned}) with the day number cached; returns
 * where the time ends, or -1 for anything left to the text path (no time,
 * spaces, `UTC`). A `,` decimal separator counts only when `,` is not the
 * delimiter. Same value as the text path for every time it accepts.
 */
export function scanIsoBytes(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  delimiter: number,
  cache: DayCache
): number {
  if (
    cache.w0 !== 0 &&
    start + 16 <= end &&
    view.getInt32(start, true) === cache.w0 &&
    view.getInt32(start + 4, true) === cache.w1 &&
    view.getInt32(start + 8, true) === cache.w2 &&
    view.getInt32(start + 12, true) === cache.w3
  ) {
    return scanIsoRest(bytes, start + 16, end, delimiter, cache.minutes)
  }
  if (start + 10 > end || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return -1
  const y0 = bytes[start] - 48
  const y1 = bytes[start + 1] - 48
  const y2 = bytes[start + 2] - 48
  const y3 = bytes[start + 3] - 48
  const m0 = bytes[start + 5] - 48
  const m1 = bytes[start + 6] - 48
  const d0 = bytes[start + 8] - 48
  const d1 = bytes[start + 9] - 48
  // a digit is 0..9 as an unsigned number; one test for all eight
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9) return -1
  if (m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return -1
  const year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  if (month < 1 || month > 12 || day < 1 || day > 31) return -1
  const separator = start + 10 < end ? bytes[start + 10] : -1
  if (separator === 84 || separator === 116 || separator === 32) {
    if (start + 16 > end || bytes[start + 13] !== 58) return -1
    const h0 = bytes[start + 11] - 48
    const h1 = bytes[start + 12] - 48
    const n0 = bytes[start + 14] - 48
    const n1 = bytes[start + 15] - 48
    if ((h0 | h1 | n0 | n1) < 0 || h0 > 9 || h1 > 9 || n0 > 9 || n1 > 9) return -1
    const hour = h0 * 10 + h1
    const minute = n0 * 10 + n1
    if (hour > 24 || minute > 59) return -1
    const key = (year * 100 + month) * 100 + day
    if (key !== cache.key) {
      if (day > daysInMonth(year, month)) return -1
      cache.key = key
      cache.days = daysFromCivil(year, month, day)
    }
    cache.w0 = view.getInt32(start, true)
    cache.w1 = view.getInt32(start + 4, true)
    cache.w2 = view.getInt32(start + 8, true)
    cache.w3 = view.getInt32(start + 12, true)
    cache.minutes = (cache.days * 24 + hour) * 60 + minute
    return scanIsoRest(bytes, start + 16, end, delimiter, cache.minutes)
  }
  // a date alone (`2024-05-01`, `2024-05-01Z`): midnight, in its zone
  const at = scanZoneBytes(bytes, start + 10, end)
  if (at < 0) return -1
  const key = (year * 100 + month) * 100 + day
  let days = cache.days
  if (key !== cache.key) {
    if (day > daysInMonth(year, month)) return -1
    days = daysFromCivil(year, month, day)
    cache.key = key
    cache.days = days
  }
  scanned[0] = (days * 24 * 60 - zoneOffsetMinutes) * 60_000
  return at
}

/**
 * The rest of an ISO time after `YYYY-MM-DDTHH:MM` (at `at`): seconds,
 * fraction and zone, as {@link parseIsoTime} reads them; `minutes` is the
 * prefix in minutes since the epoch. Value into `scanned[0]`; returns where
 * the time ends or -1.
 */
function scanIsoRest(
  bytes: Uint8Array,
  at: number,
  end: number,
  delimiter: number,
  minutes: number
): number {
  let second = 0
  let fraction = 0
  if (at < end && bytes[at] === 58) {
    second = twoDigitBytes(bytes, at + 1, end)
    if (second < 0 || second > 60) return -1
    at += 3
    const dot = at < end ? bytes[at] : -1
    if (dot === 46 || (dot === 44 && delimiter !== 44)) {
      // milliseconds in integers (exact, as the text path's 100, 10, 1 steps are), then its float steps
      let d = digitByte(bytes, ++at, end)
      if (d < 0) return -1
      let scale = 100
      while (d >= 0 && scale >= 1) {
        fraction = fraction + d * scale
        scale = scale === 100 ? 10 : scale === 10 ? 1 : 0
        d = digitByte(bytes, ++at, end)
      }
      if (d >= 0) {
        scale = 0.1
        while (d >= 0) {
          fraction += d * scale
          scale /= 10
          d = digitByte(bytes, ++at, end)
        }
      }
    }
  }
  at = scanZoneBytes(bytes, at, end)
  if (at < 0) return -1
  scanned[0] = (minutes - zoneOffsetMinutes) * 60_000 + second * 1000 + Math.round(fraction)
  return at
}

/** The offset in minutes of the zone {@link scanZoneBytes} read last. */
let zoneOffsetMinutes = 0

/**
 * An ISO zone at `bytes[at..]` (`Z`, `z`, `+02`, `-0230`, `+02:30`, or none):
 * returns where it ends, or -1, with its offset in {@link zoneOffsetMinutes}.
 */
function scanZoneBytes(bytes: Uint8Array, at: number, end: number): number {
  zoneOffsetMinutes = 0
  const zone = at < end ? bytes[at] : -1
  if (zone === 90 || zone === 122) return at + 1
  if (zone !== 43 && zone !== 45) return at
  const zoneHours = twoDigitBytes(bytes, at + 1, end)
  if (zoneHours < 0) return -1
  at += 3
  if (at < end && bytes[at] === 58) at++
  let zoneMinutes = 0
  const rest = twoDigitBytes(bytes, at, end)
  if (rest >= 0) {
    zoneMinutes = rest
    at += 2
  }
  zoneOffsetMinutes = (zone === 45 ? -1 : 1) * (zoneHours * 60 + zoneMinutes)
  return at
}

/**
 * {@link parseClockTime} on bytes from `start` (`H:MM:SS[.fff]`), the value
 * into `scanned[0]`; returns where it ends, or -1 (text path).
 */
export function scanClockBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number
): number {
  let i = start
  let hours = digitByte(bytes, i++, end)
  if (hours < 0) return -1
  const second = digitByte(bytes, i, end)
  if (second >= 0) {
    hours = hours * 10 + second
    i++
  }
  if (i >= end || bytes[i] !== 58) return -1
  const minutes = twoDigitBytes(bytes, i + 1, end)
  if (minutes < 0 || i + 3 >= end || bytes[i + 3] !== 58) return -1
  const seconds = twoDigitBytes(bytes, i + 4, end)
  if (seconds < 0) return -1
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
    if (digits === 0 || digits > 9) return -1
    fraction = Math.round((mantissa / scale) * 1000)
  }
  if (hours > 23 || minutes > 59 || seconds > 60) return -1
  scanned[0] = ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction
  return i
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
  // a JSON line's `true` or object where the time goes: no time (not a crash)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (EPOCH_RE.test(text)) return epochKindOf(Number(text))
  if (!Number.isNaN(parseIsoTime(text))) return 'iso'
  if (!Number.isNaN(parseClockTime(text))) return 'clock'
  if (MONTH_RE.test(text) && !Number.isNaN(parseDateText(text))) return 'text'
  if (readDateStamp(text) !== undefined) return 'dated'
  if (!Number.isNaN(parseUnitDuration(text))) return 'duration'
  // `10:05` is a clock's HH:MM or elapsed MM:SS: read as MM:SS, the column settles it (see createTimeParser)
  if (!Number.isNaN(parseMinutesSeconds(text))) return 'minutes-seconds'
  return undefined
}

/** The largest time a JavaScript Date holds (±100,000,000 days from 1970): beyond it no date exists. */
const MAX_TIME_MS = 8.64e15

/** A time in ms, or NaN (a bad time) past any date. */
function validTimeMs(ms: number): number {
  return Math.abs(ms) <= MAX_TIME_MS ? ms : NaN
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
    case 'dated':
      return 'a date like "19_Feb_2024_16_22_56" or "08/14/2025 16:28:29" (as in the first row)'
    case 'pattern':
      return "a time in the series' `time-format:`"
    case 'duration':
      return 'an elapsed time with its unit like "5s", "+1m30s" or "1h2m3.5s" (as in the first row)'
    case 'minutes-seconds':
      return 'elapsed minutes:seconds MM:SS like "03:40" (as in the first row)'
    case 'hour-minute':
      return 'a clock time HH:MM (as in the first row)'
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
   * line's end; `view` a DataView of the same bytes) once the kind is
   * known, into `scanned[0]` (units.ts);
   * returns where it ends, or -1 when the text path must decide (first
   * value, odd forms, bad values). Changes no state: see {@link accept}.
   */
  scanBytes(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    delimiter: number
  ): number
  /** Takes `row[index]`, a value from {@link scanBytes}, as the row's time (clock times roll over). */
  accept(row: Float64Array, index: number): void
  /**
   * Numeric dates (`05/06/2025`) whose order no value settled (`ambiguous`:
   * read as MM/DD so far, an error), or settled as DD/MM only after some were
   * read as MM/DD (`reread`: the file must be read again with the order fixed).
   */
  readonly orderProblem: 'ambiguous' | 'reread' | undefined
  /** The first numeric date whose order was open, for the `ambiguous` error. */
  readonly firstAmbiguous: string
  /**
   * A column of `NN:NN` values that read both as a clock's HH:MM and as
   * elapsed MM:SS, which neither its name nor its values settled: its first
   * value and what to set, for the error. Undefined otherwise.
   */
  readonly formProblem: { found: string; expected: string } | undefined
  /**
   * What the column's values settled that the file does not write out: the
   * day-month order of dates that read both ways, or `NN:NN` read as
   * minutes:seconds. For the series' note; undefined when nothing was inferred.
   */
  readonly inferred: string | undefined
}

/** What a series' `time-format:` fixes: the day-month order, or a whole pattern. */
export interface TimeFormatOptions {
  order?: DateOrder
  format?: TimeFormatParser
  /** The name of a time column that counts from the start (`elapsed`): its `NN:NN` are MM:SS. */
  elapsedColumn?: string
}

/** Creates a {@link TimeParser}; optionally with the kind fixed in advance. */
export function createTimeParser(
  fixedKind?: TimeKind,
  fixedBy?: string,
  fixed: TimeFormatOptions = {}
): TimeParser {
  let kind: TimeKind | undefined = fixedKind
  // day-month order of numeric dates: fixed by `time-format:`, or settled by the first day above 12
  let order: DateOrder | undefined = fixed.order
  let orderSettledBy = fixed.order !== undefined ? (fixedBy ?? '') : ''
  let provisional = 0
  let firstAmbiguous = ''
  let reread = false
  let conflict = ''
  let lastClock = -1
  let dayOffset = 0
  // both readings of the dates read while the order was open: does the order change any time apart?
  let openShift = NaN
  let shiftChanges = false
  let openLast: { mdy: number; dmy: number } | undefined
  let mdySteady = true
  let dmySteady = true
  let openDay = ''
  let openDaysDiffer = false
  // `NN:NN` read as MM:SS: settled by the config, the column's name or a first field above 23,
  // else by a column that starts at 00:00 and steps by under a minute
  let minutesSettledBy =
    fixedKind === 'minutes-seconds'
      ? (fixedBy ?? '')
      : fixed.elapsedColumn !== undefined
        ? `the column's name "${fixed.elapsedColumn}" (a time since the start)`
        : ''
  let firstMinutes = ''
  let firstMinutesMs = NaN
  let lastMinutesMs = NaN
  let minutesRows = 0
  let minuteSteps = true

  // Two containers logged each second share a timestamp: reuse the last result.
  let lastText = ''
  let lastMs = NaN
  const dayCache: DayCache = { key: -1, days: 0, w0: 0, w1: 0, w2: 0, w3: 0, minutes: 0 }
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
        // JSON.parse reads `1e309` as Infinity: no time
        if (typeof value === 'number') number = Number.isFinite(value) ? value : NaN
        else if (typeof value !== 'string') number = NaN
        else {
          const text = value.trim()
          number = EPOCH_RE.test(text) ? Number(text) : NaN
        }
        return validTimeMs(number * EPOCH_SCALE[as])
      }
      case 'iso':
        return typeof value === 'string' ? parseIso(value.trim()) : NaN
      case 'clock':
      case 'hour-minute': {
        const read = as === 'clock' ? parseClockTime : parseHourMinute
        const ms = typeof value === 'string' ? read(value.trim()) : NaN
        if (Number.isNaN(ms)) return NaN
        if (lastClock >= 0 && ms < lastClock) dayOffset += DAY_MS
        lastClock = ms
        return ms + dayOffset
      }
      case 'text':
        return typeof value === 'string' ? parseDateText(value) : NaN
      case 'pattern':
        return typeof value === 'string' && fixed.format ? fixed.format(value) : NaN
      case 'dated':
        return typeof value === 'string' ? parseDated(value.trim()) : NaN
      case 'duration':
        // elapsed since the start: never rolled over (a duration going back is no next day)
        return typeof value === 'string' ? parseUnitDuration(value) : NaN
      case 'minutes-seconds':
        return typeof value === 'string' ? parseMinutes(value.trim()) : NaN
    }
  }

  const parseMinutes = (text: string): number => {
    const ms = parseMinutesSeconds(text)
    if (Number.isNaN(ms) || minutesSettledBy !== '') return ms
    if (ms >= FIRST_FIELD_NO_HOUR_MS) {
      minutesSettledBy = `"${text}" (${text.split(':')[0]} is no hour of a clock)`
      return ms
    }
    if (minutesRows === 0) {
      firstMinutes = text
      firstMinutesMs = ms
    } else if (!(ms - lastMinutesMs >= 0 && ms - lastMinutesMs < 60_000)) {
      minuteSteps = false
    }
    minutesRows++
    lastMinutesMs = ms
    return ms
  }

  /** Whether the `NN:NN` column read so far is MM:SS: settled, or from 00:00 by steps under a minute. */
  const minutesSettled = (): boolean =>
    minutesSettledBy !== '' || (firstMinutesMs === 0 && minutesRows > 1 && minuteSteps)

  /**
   * Follows both readings of a date whose order is still open: whether
   * they put it as far from the one before (their difference stays the same),
   * and whether each steps forward by less than a day, as sampling does.
   */
  const followOpenDate = (text: string, mdy: number, dmy: number): void => {
    const shift = mdy - dmy
    if (openLast === undefined) openShift = shift
    else {
      if (shift !== openShift) shiftChanges = true
      const mdyStep = mdy - openLast.mdy
      const dmyStep = dmy - openLast.dmy
      if (!(mdyStep >= 0 && mdyStep < DAY_MS)) mdySteady = false
      if (!(dmyStep >= 0 && dmyStep < DAY_MS)) dmySteady = false
    }
    openLast = { mdy, dmy }
    const day = NUMERIC_DATE_RE.exec(text)?.[0] ?? text
    if (openDay === '') openDay = day
    else if (day !== openDay) openDaysDiffer = true
  }

  /**
   * The order of dates that never settled it, when their times apart tell:
   * any order when it changes no time apart, else the one order whose
   * dates step forward by less than a day at each row (the other then jumps
   * by a month or goes back). Undefined when both or neither do.
   */
  const openOrder = (): DateOrder | undefined => {
    if (!shiftChanges) return 'mdy'
    if (mdySteady) return 'mdy'
    if (dmySteady) return 'dmy'
    return undefined
  }

  const parseDated = (text: string): number => {
    conflict = ''
    const stamp = readDateStamp(text)
    if (stamp === undefined) return NaN
    if (stamp.numeric === undefined) return stamp.ms
    const { proves } = stamp.numeric
    if (proves !== undefined) {
      if (order === undefined) {
        order = proves
        orderSettledBy = `"${text}"`
        if (provisional > 0 && proves === 'dmy') reread = true
      } else if (order !== proves) {
        conflict = text
        return NaN
      }
    }
    if (order === undefined) {
      provisional++
      if (firstAmbiguous === '') firstAmbiguous = text
      followOpenDate(text, stamp.numeric.mdy, stamp.numeric.dmy)
      return stamp.numeric.mdy
    }
    return stamp.numeric[order]
  }

  // why the last first value was refused, when it looked like a date (for `expected`)
  let hint = ''

  return {
    parse(value: string | number): number {
      if (kind === undefined) {
        kind = detectTimeKind(value)
        if (kind === undefined) {
          hint = typeof value === 'string' ? dateTextHint(value) : ''
          return NaN
        }
      }
      return parseAs(value, kind)
    },
    get kind() {
      return kind
    },
    get base(): TimeBase {
      if (kind === undefined) return 'none'
      // elapsed times count from the start as a clock counts from midnight
      return kind === 'clock' ||
        kind === 'hour-minute' ||
        kind === 'duration' ||
        kind === 'minutes-seconds'
        ? 'clock'
        : 'epoch'
    },
    get orderProblem() {
      if (reread) return 'reread'
      if (provisional === 0 || order !== undefined) return undefined
      const open = openOrder()
      // read as MM/DD so far: day first needs the file read again
      return open === undefined ? 'ambiguous' : open === 'dmy' ? 'reread' : undefined
    },
    get firstAmbiguous() {
      return firstAmbiguous
    },
    get formProblem() {
      if (kind !== 'minutes-seconds' || minutesSettled()) return undefined
      const [a, b] = firstMinutes.split(':')
      return {
        found: firstMinutes,
        expected: `a time whose form the column settles, but every value here reads both as a clock HH:MM and as elapsed minutes:seconds ("${firstMinutes}" is ${Number(a)}:${b} o'clock, or ${Number(a)} min ${Number(b)} s after the start): set \`time-format: mm:ss\` (elapsed) or \`time-format: HH:mm\` (clock) on the series, or name the column \`elapsed\``
      }
    },
    get inferred() {
      if (kind === 'minutes-seconds' && minutesSettled() && fixedKind !== 'minutes-seconds') {
        const why =
          minutesSettledBy !== ''
            ? `settled by ${minutesSettledBy}`
            : `it starts at ${firstMinutes} and steps by under a minute, as a run's elapsed time does (a clock would start at midnight and step by minutes)`
        return `read as elapsed minutes:seconds (MM:SS), not a clock's HH:MM: ${why}; set \`time-format: HH:mm\` on the series to read it as a clock`
      }
      if (kind !== 'dated' || provisional === 0 || order !== undefined) return undefined
      const open = openOrder()
      if (open === undefined) return undefined
      const spelled = open === 'mdy' ? 'month first (MM/DD/YYYY)' : 'day first (DD/MM/YYYY)'
      const other = open === 'mdy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'
      const why = !shiftChanges
        ? openDaysDiffer
          ? 'both orders put every row the same time apart, so the order changes no elapsed time'
          : `every date is the same day (${openDay}), so the order changes no elapsed time`
        : `where the date changes, only this order steps forward by less than a day as the rows' times do (${other} jumps by a month or goes back)`
      return `dates like "${firstAmbiguous.slice(0, 48)}" read ${spelled}: no day above 12 settles the order, and ${why}; set \`time-format:\` on the series to say otherwise`
    },
    get expected() {
      if (kind === 'dated' && conflict !== '' && order !== undefined) {
        const spelled = order === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'
        return `a date in the column's order ${spelled} (settled by ${orderSettledBy})`
      }
      // a kind the config fixed (`time-unit: ms`) is not "as in the first row"
      if (fixedBy !== undefined && kind === fixedKind)
        return describeTimeKind(kind).replace('(as in the first row)', `(${fixedBy})`)
      const described = describeTimeKind(kind)
      return kind === undefined && hint !== '' ? `${described}; ${hint}` : described
    },
    scanBytes(
      bytes: Uint8Array,
      view: DataView,
      start: number,
      end: number,
      delimiter: number
    ): number {
      switch (kind) {
        case 'iso':
          return scanIsoBytes(bytes, view, start, end, delimiter, dayCache)
        case 'epoch-s':
        case 'epoch-ms':
        case 'epoch-us':
        case 'epoch-ns': {
          // EPOCH_RE's shape: a digit first (after a sign) and last, so `12.` and `.5` go to the text path
          const stop = scanDecimalBytes(bytes, start, end)
          if (stop < 0) return -1
          const first = bytes[start] === 43 || bytes[start] === 45 ? start + 1 : start
          if (digitByte(bytes, first, end) < 0 || digitByte(bytes, stop - 1, end) < 0) return -1
          scanned[0] *= EPOCH_SCALE[kind]
          // Past any date: the text path reads it again and reports the bad time.
          if (!(Math.abs(scanned[0]) <= MAX_TIME_MS)) return -1
          return stop
        }
        case 'clock':
          return scanClockBytes(bytes, start, end, delimiter)
        default:
          return -1
      }
    },
    accept(row: Float64Array, index: number): void {
      if (kind !== 'clock') return
      const value = row[index]
      if (lastClock >= 0 && value < lastClock) dayOffset += DAY_MS
      lastClock = value
      row[index] = value + dayOffset
    }
  }
}

/**
 * Dates as people's tools save them when they are not ISO-8601: a loose
 * ISO (`2023-11-25 0:02`, an hour without its leading zero), day-month-year
 * stamps from `date +FORMAT` (`19_Feb_2024_16_22_56`, `2024-02-19_16-22-56`),
 * US and European numeric dates (`08/14/2025 16:28:29`, `14.08.2025 16:28`)
 * and a `time-format:` pattern for anything else. Without a zone a date is
 * read as UTC, as ISO-8601 without a zone is. Pure and text-only: these forms
 * leave the byte fast path, so they cost nothing on ISO or epoch files.
 */

/** Day-month order of a numeric date (`08/14/2025` is MM/DD, `14/08/2025` is DD/MM). */
export type DateOrder = 'mdy' | 'dmy'

/** A date stamp read by {@link readDateStamp}: its instant for each order it may have. */
export interface DateStamp {
  /** Epoch ms when day and month are known (a year first, a month name, `.`, or a fixed order). */
  ms: number
  /**
   * For a numeric `a/b/year` date whose order the text does not settle: the
   * instant read as MM/DD and as DD/MM (NaN when that reading is no date),
   * and which order the text itself proves (a part above 12 is the day).
   */
  numeric?: { mdy: number; dmy: number; proves?: DateOrder }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * `YYYY-M-D H:MM[:SS[.fff]]` with one-digit month, day or hour, `-` or `/`,
 * `T` or a blank, and an optional zone.
 */
const LOOSE_ISO_RE =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i

/** A day-month-year stamp: three parts joined by `_ - . /` or blanks, then maybe a time, AM/PM and a zone. */
const STAMP_RE =
  /^(\d{1,4})([-_./ ])([A-Za-z]{3,9}|\d{1,2})[-_./ ](\d{1,4})(?:(?:[-_T ,]+|:)(\d{1,2})[-_:.h](\d{2})(?:[-_:.m](\d{2})(?:[.,](\d{1,9}))?)?)? ?([AaPp][Mm])? ?(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/
/** `%Y%m%d_%H%M%S`, `%Y%m%dT%H%M%S`. */
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})[-_T](\d{2})(\d{2})(\d{2})?$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Minutes east of UTC of `Z`, `UTC`, `+0100`, `-03:00`, `+05`; 0 when absent; NaN when unknown. */
function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || /^(z|utc|gmt)$/i.test(zone)) return 0
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!match) return NaN
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  if (minutes > 14 * 60 + 45 || Number(match[3] ?? 0) > 59) return NaN
  return match[1] === '-' ? -minutes : minutes
}

/**
 * Epoch ms of a calendar date and time of day, or NaN when a part is out of
 * range. `meridiem` is `am`/`pm` or empty; `fraction` the digits after the
 * seconds' point.
 */
function instant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  meridiem: string,
  zone: number
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN
  if (meridiem !== '') {
    if (hour < 1 || hour > 12) return NaN
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0)
  }
  if (hour > 23 || minute > 59 || second > 60 || Number.isNaN(zone)) return NaN
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000)
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - zone * 60_000
}

/**
 * ISO-8601 that the strict reader refuses only for its missing zeros
 * (`2023-11-25 0:02`, `2024-2-5T9:05:00Z`); NaN otherwise.
 */
export function parseLooseIso(text: string): number {
  const m = LOOSE_ISO_RE.exec(text)
  if (!m) return NaN
  return instant(
    Number(m[1]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Number(m[7] ?? 0),
    m[8],
    '',
    zoneMinutes(m[9])
  )
}

/** A month's number from its name or number text (1-12), else -1. */
function monthOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text)
  const index = MONTHS.indexOf(text.slice(0, 3).toLowerCase())
  return index >= 0 && text.length <= 9 ? index + 1 : -1
}

/**
 * Reads a date stamp (see the module comment). Undefined when the text is
 * none; a numeric `a/b/year` date carries both readings so its column can
 * settle the order.
 */
export function readDateStamp(text: string): DateStamp | undefined {
  const compact = COMPACT_RE.exec(text)
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact
    const ms = instant(+y, +mo, +d, +h, +mi, Number(s ?? 0), undefined, '', 0)
    return Number.isNaN(ms) ? undefined : { ms }
  }
  const m = STAMP_RE.exec(text)
  if (!m) return undefined
  const [, a, separator, b, c, h, mi, s, fraction, meridiemText, zoneText] = m
  const meridiem = (meridiemText ?? '').toLowerCase()
  const zone = zoneMinutes(zoneText)
  const at = (year: number, month: number, day: number): number =>
    instant(
      year,
      month,
      day,
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      fraction,
      meridiem,
      zone
    )
  const yearOf = (part: string): number =>
    part.length === 4 ? Number(part) : part.length === 2 ? 2000 + Number(part) : -1
  if (a.length === 4) {
    // year first: YYYY-MM-DD, YYYY_Feb_19
    const ms = at(Number(a), monthOf(b), Number(c))
    return Number.isNaN(ms) ? undefined : { ms }
  }
  const year = yearOf(c)
  if (year < 0 || a.length > 2) return undefined
  if (!/^\d+$/.test(b)) {
    // a month name: day first (19_Feb_2024, 19-Feb-2024)
    const ms = at(year, monthOf(b), Number(a))
    return Number.isNaN(ms) ? undefined : { ms }
  }
  const first = Number(a)
  const second = Number(b)
  const dmy = at(year, second, first)
  if (separator === '.') {
    // DD.MM.YYYY: the dotted date is day first wherever it is written
    return Number.isNaN(dmy) ? undefined : { ms: dmy }
  }
  const mdy = at(year, first, second)
  if (Number.isNaN(mdy) && Number.isNaN(dmy)) return undefined
  const proves: DateOrder | undefined = first > 12 ? 'dmy' : second > 12 ? 'mdy' : undefined
  return { ms: NaN, numeric: { mdy, dmy, proves } }
}

/** The date orders `time-format:` may name instead of a whole pattern. */
const ORDER_FORMATS: Record<string, DateOrder> = {
  'mm/dd/yyyy': 'mdy',
  'mm-dd-yyyy': 'mdy',
  'mm/dd/yy': 'mdy',
  'dd/mm/yyyy': 'dmy',
  'dd-mm-yyyy': 'dmy',
  'dd/mm/yy': 'dmy',
  'dd.mm.yyyy': 'dmy'
}

/**
 * The day-month order a `time-format:` names (`MM/DD/YYYY`, `DD/MM/YYYY`;
 * the time of day after the date is read as usual), or undefined when it is
 * a whole pattern.
 */
export function orderOfTimeFormat(format: string): DateOrder | undefined {
  return ORDER_FORMATS[format.trim().toLowerCase()]
}

/** Tokens of a `time-format:` pattern, longest first, with the regex of their text. */
const TOKENS: Array<[string, string]> = [
  ['YYYY', '(?<year>\\d{4})'],
  ['YY', '(?<year2>\\d{2})'],
  ['MMMM', '(?<monthName>[A-Za-z]{3,9})'],
  ['MMM', '(?<monthName>[A-Za-z]{3})'],
  ['MM', '(?<month>\\d{1,2})'],
  ['DD', '(?<day>\\d{1,2})'],
  ['HH', '(?<hour>\\d{1,2})'],
  ['hh', '(?<hour12>\\d{1,2})'],
  ['mm', '(?<minute>\\d{2})'],
  ['ss', '(?<second>\\d{2})'],
  ['SSS', '(?<fraction>\\d{1,9})'],
  ['A', '(?<meridiem>[AaPp][Mm])'],
  ['Z', '(?<zone>Z|UTC|GMT|[+-]\\d{2}:?\\d{2})']
]

/** A compiled `time-format:` pattern: epoch ms of a text, NaN when it does not fit. */
export type TimeFormatParser = (text: string) => number

/**
 * Compiles a `time-format:` pattern (`DD_MMM_YYYY_HH_mm_ss`,
 * `YYYY.MM.DD-HH:mm:ss Z`): YYYY, YY, MMMM/MMM (month name), MM, DD, HH,
 * hh (12-hour, with A), mm, ss, SSS (fraction), A (AM/PM), Z (zone); any
 * other character stands for itself. Undefined when the pattern lacks a
 * year, a month or a day, or names one twice.
 */
export function compileTimeFormat(format: string): TimeFormatParser | undefined {
  let source = ''
  const seen = new Set<string>()
  let rest = format
  while (rest.length > 0) {
    const token = TOKENS.find(([name]) => rest.startsWith(name))
    if (token) {
      const group = /\?<(\w+)>/.exec(token[1])![1]
      if (seen.has(group)) return undefined
      seen.add(group)
      source += token[1]
      rest = rest.slice(token[0].length)
    } else {
      source += rest[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      rest = rest.slice(1)
    }
  }
  if (!(seen.has('year') || seen.has('year2'))) return undefined
  if (!(seen.has('month') || seen.has('monthName')) || !seen.has('day')) return undefined
  if (seen.has('hour12') !== seen.has('meridiem')) return undefined
  const regex = new RegExp(`^${source}$`)
  return (text: string): number => {
    const g = regex.exec(text.trim())?.groups
    if (!g) return NaN
    const year = g.year !== undefined ? Number(g.year) : 2000 + Number(g.year2)
    const month = g.month !== undefined ? Number(g.month) : monthOf(g.monthName)
    const hour = Number(g.hour ?? g.hour12 ?? 0)
    return instant(
      year,
      month,
      Number(g.day),
      hour,
      Number(g.minute ?? 0),
      Number(g.second ?? 0),
      g.fraction,
      (g.meridiem ?? '').toLowerCase(),
      zoneMinutes(g.zone)
    )
  }
}

/**
 * Number, size and percent parsing shared by every loader and by the config.
 * Sizes follow docker's `go-units` rules: `KiB MiB GiB TiB` are powers of 1024,
 * `kB KB MB GB TB` powers of 1000, `B` is bytes; a space between value and unit
 * is allowed. Results are whole bytes (docker prints `5.629MiB`, which is
 * 5902434.3 bytes, so callers compare integers and not float noise).
 */

const NUMBER_SOURCE = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?'
const NUMBER_RE = new RegExp(`^${NUMBER_SOURCE}$`)
const PERCENT_RE = new RegExp(`^(${NUMBER_SOURCE})\\s*%$`)

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

/** Splits `293.7 MiB` into the number text and the unit text, without a regex (hot path). */
function splitUnit(text: string): [number: string, unit: string] {
  let start = 0
  let end = text.length
  while (start < end && isSpace(text.charCodeAt(start))) start++
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  let unitStart = end
  while (unitStart > start && isLetter(text.charCodeAt(unitStart - 1))) unitStart--
  let numberEnd = unitStart
  while (numberEnd > start && isSpace(text.charCodeAt(numberEnd - 1))) numberEnd--
  return [text.slice(start, numberEnd), text.slice(unitStart, end)]
}

/** Power of the unit's base for k, m, g, t, p (lower-cased char codes). */
function unitPower(code: number): number {
  switch (code) {
    case 107:
      return 1
    case 109:
      return 2
    case 103:
      return 3
    case 116:
      return 4
    case 112:
      return 5
    default:
      return 0
  }
}

/**
 * Multiplier of the unit in `text[start, end)`, NaN when unknown: `` and `B`
 * are bytes, `KiB MiB GiB TiB PiB` (and docker's `k m g t` shorthand, and
 * Kubernetes' `Ki Mi Gi Ti` as kubectl prints them) are powers of 1024,
 * `kB KB MB GB TB PB` powers of 1000 (case-insensitive).
 */
function unitFactor(text: string, start: number, end: number): number {
  const length = end - start
  if (length === 0) return 1
  const first = text.charCodeAt(start) | 32
  if (length === 1) return first === 98 ? 1 : unitPower(first) > 0 ? 1024 ** unitPower(first) : NaN
  const power = unitPower(first)
  if (power === 0) return NaN
  if (length === 2) {
    // `kB MB`: powers of 1000; Kubernetes quantities `Ki Mi Gi` (kubectl top): powers of 1024
    const second = text.charCodeAt(start + 1) | 32
    return second === 98 ? 1000 ** power : second === 105 ? 1024 ** power : NaN
  }
  if (
    length === 3 &&
    (text.charCodeAt(start + 1) | 32) === 105 &&
    (text.charCodeAt(start + 2) | 32) === 98
  ) {
    return 1024 ** power
  }
  return NaN
}

/**
 * Parses the size in `text[start, end)` into whole bytes, NaN when it is
 * not a size. A character scanner, no regex and no substring for the common
 * `293.7MiB` (this runs twice per docker-stats row): the digits are
 * accumulated as an integer and divided by a power of ten, which gives the
 * same double as `Number()` while both fit in 2^53.
 */
export function scanSize(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  let i = start
  let code = text.charCodeAt(i)
  if (code === 43) code = text.charCodeAt(++i)
  let mantissa = 0
  let scale = 1
  let digits = 0
  while (i < end && code >= 48 && code <= 57) {
    mantissa = mantissa * 10 + (code - 48)
    digits++
    code = text.charCodeAt(++i)
  }
  if (code === 46 && i < end) {
    code = text.charCodeAt(++i)
    while (i < end && code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48)
      scale *= 10
      digits++
      code = text.charCodeAt(++i)
    }
  }
  if (digits === 0) return NaN
  let value: number
  if (i < end && (code === 101 || code === 69)) {
    let j = i + 1
    let next = text.charCodeAt(j)
    if (next === 43 || next === 45) next = text.charCodeAt(++j)
    const exponentStart = j
    while (j < end && next >= 48 && next <= 57) next = text.charCodeAt(++j)
    if (j === exponentStart) return NaN
    value = Number(text.slice(start, j))
    i = j
  } else {
    value = digits > 15 ? Number(text.slice(start, i)) : mantissa / scale
  }
  while (i < end && isSpace(text.charCodeAt(i))) i++
  const factor = unitFactor(text, i, end)
  const bytes = value * factor
  return Number.isFinite(bytes) ? Math.round(bytes) : NaN
}

/**
 * Parses a size like `293.7MiB`, `88.18 MB`, `1e+03kB` or `0B` into whole bytes.
 * A bare number is bytes. Returns undefined when the text is not a size, so
 * the caller can report it with its own location.
 */
export function parseSize(text: string): number | undefined {
  const bytes = scanSize(text, 0, text.length)
  return Number.isNaN(bytes) ? undefined : bytes
}

/** True when the text carries a size unit (used to classify columns as memory). */
export function hasSizeUnit(text: string): boolean {
  const [, unit] = splitUnit(text)
  return unit !== '' && parseSize(text) !== undefined
}

/**
 * True when the text is a size whose unit says bytes outright (`45.2MiB`, `88 MB`, `512B`,
 * Kubernetes' `300Mi`), not a bare scale letter (`1.2M`, `3k`: millions and thousands as often
 * as sizes): such a cell is memory whatever its column is called.
 */
export function hasByteUnit(text: string): boolean {
  const [, unit] = splitUnit(text)
  return /^(?:[kmgtp]i?b|[kmgtp]i|b)$/i.test(unit) && parseSize(text) !== undefined
}

/** Parses `12.5%` (the percent sign is required) into 12.5. */
export function parsePercent(text: string): number | undefined {
  const match = PERCENT_RE.exec(text.trim())
  if (!match) return undefined
  const value = Number(match[1])
  return Number.isFinite(value) ? value : undefined
}

/** Options of {@link parseNumber}: which special values the format allows. */
export interface ParseNumberOptions {
  /** Accept `NaN`, `Nan`, `+Inf`, `-Inf`, `Inf` (Prometheus/OpenMetrics values). */
  special?: boolean
}

/**
 * Parses a plain number (`42`, `-1.5`, `1e+03`, `1.5E-3`). `Number()` alone is
 * too lenient (`''`, `0x10`, `  ` all parse), so the shape is checked first.
 * `NaN` and infinities only when `options.special` is set.
 */
export function parseNumber(text: string, options: ParseNumberOptions = {}): number | undefined {
  const trimmed = text.trim()
  if (NUMBER_RE.test(trimmed)) return Number(trimmed)
  if (options.special) {
    switch (trimmed.toLowerCase()) {
      case 'nan':
        return Number.NaN
      case '+inf':
      case 'inf':
      case '+infinity':
      case 'infinity':
        return Number.POSITIVE_INFINITY
      case '-inf':
      case '-infinity':
        return Number.NEGATIVE_INFINITY
    }
  }
  return undefined
}

/**
 * Parses a value that may be a plain number, a size with a unit or a percent.
 * Returns the number and which form it had, so loaders can give the series a unit.
 */
export function parseQuantity(
  text: string
): { value: number; unit: 'bytes' | 'percent' | 'none' } | undefined {
  const plain = parseNumber(text)
  if (plain !== undefined) return { value: plain, unit: 'none' }
  const percent = parsePercent(text)
  if (percent !== undefined) return { value: percent, unit: 'percent' }
  const size = parseSize(text)
  if (size !== undefined) return { value: size, unit: 'bytes' }
  return undefined
}

/**
 * The byte scanners' result: `[0]` the value, `[1]` its {@link ValueForm}.
 * Each scanner returns where it stopped (the first byte after the value,
 * where the row's delimiter must be) or -1 to leave the cell to the text
 * path; the value goes here, unboxed (a returned double would be allocated
 * on every call, and these run several times per row of a million-row file).
 */
export const scanned = new Float64Array(2)

const POW_1024 = [1, 1024, 1024 ** 2, 1024 ** 3, 1024 ** 4, 1024 ** 5]
const POW_1000 = [1, 1000, 1000 ** 2, 1000 ** 3, 1000 ** 4, 1000 ** 5]

/** Multiplier of the unit letters in `bytes[start, end)` exactly as {@link unitFactor} reads text. */
export function unitFactorBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start
  if (length === 0) return 1
  const first = bytes[start] | 32
  const power = unitPower(first)
  if (length === 1) return first === 98 ? 1 : power > 0 ? POW_1024[power] : NaN
  if (power === 0) return NaN
  if (length === 2) {
    const second = bytes[start + 1] | 32
    return second === 98 ? POW_1000[power] : second === 105 ? POW_1024[power] : NaN
  }
  if (length === 3 && (bytes[start + 1] | 32) === 105 && (bytes[start + 2] | 32) === 98) {
    return POW_1024[power]
  }
  return NaN
}

/** What {@link scanValueBytes} found (in `scanned[1]`). */
export const FORM_PLAIN = 0
export const FORM_SIZE = 1
export const FORM_PERCENT = 2

/**
 * A plain decimal number at `bytes[start..]` (`42`, `-1.5`, `.5`, `12.`)
 * into `scanned[0]`, exactly `Number()` of that text; returns where it
 * stopped, or -1 (text path) for no digits, over 15 digits or an exponent.
 */
export function scanDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  let code = i < end ? bytes[i] : -1
  let negative = false
  if (code === 45 || code === 43) {
    negative = code === 45
    code = ++i < end ? bytes[i] : -1
  }
  let mantissa = 0
  let scale = 1
  let digits = 0
  while (code >= 48 && code <= 57) {
    mantissa = mantissa * 10 + (code - 48)
    digits++
    code = ++i < end ? bytes[i] : -1
  }
  if (code === 46) {
    code = ++i < end ? bytes[i] : -1
    while (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48)
      scale *= 10
      digits++
      code = ++i < end ? bytes[i] : -1
    }
  }
  if (digits === 0 || digits > 15 || code === 101 || code === 69) return -1
  scanned[0] = negative ? -(mantissa / scale) : mantissa / scale
  return i
}

/**
 * A metric value at `bytes[start..]`: a plain number, a size (`293.7MiB`,
 * `88.18 MB`) or a percentage (`12.5%`), value and form in {@link scanned}.
 * Values are those of `Number()`, {@link parseSize} and {@link parsePercent}
 * on the same text. Returns where it stopped, or -1 (text path).
 */
export function scanValueBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = scanDecimalBytes(bytes, start, end)
  if (i < 0) return -1
  let code = i < end ? bytes[i] : -1
  if (code === 37) {
    scanned[1] = FORM_PERCENT
    return i + 1
  }
  if (code !== 32 && (code | 32) < 97) {
    scanned[1] = FORM_PLAIN
    return i
  }
  // a size; the text path's size scanner takes `+` but no `-`
  if (bytes[start] === 45) return -1
  while (code === 32) code = ++i < end ? bytes[i] : -1
  const unitStart = i
  while ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) code = ++i < end ? bytes[i] : -1
  if (i === unitStart) return -1
  const value = scanned[0] * unitFactorBytes(bytes, unitStart, i)
  if (!Number.isFinite(value)) return -1
  scanned[0] = Math.round(value)
  scanned[1] = FORM_SIZE
  return i
}

/**
 * A size at `bytes[start..]` as {@link scanSize} reads it (spaces around it,
 * an optional unit, `+` but no `-`) into `scanned[0]`: the usage and the
 * limit of docker's `usage / limit`. Returns where it stopped (after the
 * trailing spaces), or -1 (text path). Tabs are left to the text path (TSV).
 */
export function scanSizePrefixBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  while (i < end && bytes[i] === 32) i++
  if (i < end && bytes[i] === 45) return -1
  i = scanDecimalBytes(bytes, i, end)
  if (i < 0) return -1
  let code = i < end ? bytes[i] : -1
  while (code === 32) code = ++i < end ? bytes[i] : -1
  const unitStart = i
  while ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) code = ++i < end ? bytes[i] : -1
  const unitEnd = i
  while (code === 32) code = ++i < end ? bytes[i] : -1
  const value = scanned[0] * unitFactorBytes(bytes, unitStart, unitEnd)
  if (!Number.isFinite(value)) return -1
  scanned[0] = Math.round(value)
  return i
}

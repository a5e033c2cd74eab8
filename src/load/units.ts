/**
 * Number, size and percent parsing shared by every loader and by the config.
 * Sizes follow docker's `go-units` rules: `KiB MiB GiB TiB` are powers of 1024,
 * `kB KB MB GB TB` powers of 1000, `B` is bytes; a space between value and unit
 * is allowed. Results are whole bytes (docker prints `5.629MiB`, which is
 * 5902434.3 bytes, so callers compare integers and not float noise).
 */

/** Multipliers by lower-cased unit. `k`/`m`/`g`/`t` alone are docker's `--memory` shorthand (binary). */
const SIZE_UNITS: Record<string, number> = {
  b: 1,
  '': 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
  pb: 1000 ** 5,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4
}

const NUMBER_SOURCE = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?'
const SIZE_RE = new RegExp(`^(${NUMBER_SOURCE})\\s*([A-Za-z]*)$`)
const NUMBER_RE = new RegExp(`^${NUMBER_SOURCE}$`)
const PERCENT_RE = new RegExp(`^(${NUMBER_SOURCE})\\s*%$`)

/**
 * Parses a size like `293.7MiB`, `88.18 MB`, `1e+03kB` or `0B` into whole bytes.
 * A bare number is bytes. Returns undefined when the text is not a size, so
 * the caller can report it with its own location.
 */
export function parseSize(text: string): number | undefined {
  const match = SIZE_RE.exec(text.trim())
  if (!match) return undefined
  const factor = SIZE_UNITS[match[2].toLowerCase()]
  if (factor === undefined) return undefined
  const value = Number(match[1]) * factor
  if (!Number.isFinite(value) || value < 0) return undefined
  return Math.round(value)
}

/** True when the text carries a size unit (used to classify columns as memory). */
export function hasSizeUnit(text: string): boolean {
  const match = SIZE_RE.exec(text.trim())
  return match !== null && match[2] !== '' && SIZE_UNITS[match[2].toLowerCase()] !== undefined
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

/**
 * Number formatting for the renderers: bytes in binary units with three
 * significant digits, durations like `3 h 46 min`, percents, p-values and
 * times. Deterministic (UTC, no locale) so snapshot tests are stable.
 * The analysis may later provide its own formatter; the lead dedupes.
 */
import type { TimeBase, ValueUnit } from '../model.js'

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Three significant digits, without exponent notation or trailing noise (`294`, `15.9`, `1.23`). */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value)
  if (value === 0) return '0'
  const magnitude = Math.floor(Math.log10(Math.abs(value)))
  const decimals = Math.max(0, digits - 1 - magnitude)
  const rounded = Number(value.toFixed(Math.min(decimals, 20)))
  // Rounding can carry into the next power of ten (999.6 → 1000): keep it as is.
  // Trailing zeros say nothing here: `1.00 GiB` reads better as `1 GiB`.
  return groupThousands(
    String(rounded.toFixed(Math.min(decimals, 20)))
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '')
  )
}

/** Inserts thousands separators into the integer part of a plain decimal string. */
function groupThousands(text: string): string {
  const negative = text.startsWith('-')
  const body = negative ? text.slice(1) : text
  const [integer, fraction] = body.split('.')
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return (negative ? '-' : '') + grouped + (fraction !== undefined ? `.${fraction}` : '')
}

/** A count with thousands separators: `5,373`; fractional counts keep 3 significant digits. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (Number.isInteger(value)) return groupThousands(String(value))
  if (Math.abs(value) >= 100) return groupThousands(String(Math.round(value)))
  return formatSignificant(value)
}

/**
 * Bytes in binary units (KiB, MiB, GiB) with three significant digits:
 * `294 MiB`, `15.9 MiB`, `1.23 GiB`, `512 B`.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—'
  const sign = bytes < 0 ? '-' : ''
  let size = Math.abs(bytes)
  let unit = 0
  while (size >= 1024 && unit < BYTE_UNITS.length - 1) {
    size /= 1024
    unit++
  }
  // 1023.7 KiB rounds to "1,020 KiB"; promote when three digits would show 1024 or more.
  if (
    unit > 0 &&
    unit < BYTE_UNITS.length - 1 &&
    Number(formatSignificant(size).replace(/,/g, '')) >= 1000
  ) {
    size /= 1024
    unit++
  }
  const digits = unit === 0 ? formatCount(Math.round(size)) : formatSignificant(size)
  return `${sign}${digits} ${BYTE_UNITS[unit]}`
}

/** A value in its unit: bytes in binary units, percents with `%`, counts grouped. */
export function formatValue(value: number, unit: ValueUnit): string {
  if (!Number.isFinite(value)) return '—'
  switch (unit) {
    case 'bytes':
      return formatBytes(value)
    case 'percent':
      return `${formatSignificant(value)}%`
    case 'count':
      return formatCount(value)
  }
}

/** Like {@link formatValue} with an explicit sign (`+15.9 MiB`, `-57.6 MiB`, `±0`). */
export function formatSignedValue(value: number, unit: ValueUnit): string {
  if (!Number.isFinite(value)) return '—'
  if (value === 0) return unit === 'bytes' ? '±0 B' : '±0'
  const text = formatValue(Math.abs(value), unit)
  return `${value > 0 ? '+' : '-'}${text}`
}

/** A rate per hour: `+12.3 MiB/h`, `-0.40/h`. */
export function formatRate(perHour: number | null, unit: ValueUnit, per = 'h'): string {
  if (perHour === null || !Number.isFinite(perHour)) return '—'
  return `${formatSignedValue(perHour, unit)}/${per}`
}

/** A 95 % interval of a rate: `[+8.1, +16.4] MiB/h` style, printed as `+8.10 MiB … +16.4 MiB`. */
export function formatInterval(low: number | null, high: number | null, unit: ValueUnit): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return ''
  return `${formatSignedValue(low, unit)} … ${formatSignedValue(high, unit)}`
}

/** A duration: `3 h 46 min`, `12 min`, `45 s`, `2 d 3 h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  const sign = ms < 0 ? '-' : ''
  const totalSeconds = Math.round(Math.abs(ms) / 1000)
  if (totalSeconds < 60) return `${sign}${totalSeconds} s`
  const totalMinutes = Math.round(totalSeconds / 60)
  if (totalMinutes < 60) return `${sign}${totalMinutes} min`
  const totalHours = Math.floor(totalMinutes / 60)
  const minutes = totalMinutes % 60
  if (totalHours < 48) return `${sign}${totalHours} h${minutes ? ` ${minutes} min` : ''}`
  const days = Math.floor(totalHours / 24)
  const hours = totalHours % 24
  return `${sign}${days} d${hours ? ` ${hours} h` : ''}`
}

/** Hours as a duration (`5.2` → `5 h 12 min`). */
export function formatHours(hours: number): string {
  return formatDuration(hours * 3_600_000)
}

/** A relative change with sign and one decimal: `+18.0%`, `-38.5%`. */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—'
  // One decimal; two for tiny changes so `+0.03%` does not read as zero.
  const text = Math.abs(percent).toFixed(Math.abs(percent) < 0.05 ? 2 : 1)
  if (Number(text) === 0) return '±0%'
  return `${percent > 0 ? '+' : '-'}${groupThousands(text)}%`
}

/** A p-value with two significant digits: `p < 0.001`, `p = 0.023`, `p = 0.61`. */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—'
  if (p < 0.001) return 'p < 0.001'
  if (p >= 0.995) return 'p = 1'
  return `p = ${Number(p.toPrecision(2))}`
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * A time of the series' time axis: epoch as `HH:MM` UTC (with the date when
 * `withDate`), clock as `HH:MM:SS` (days beyond the first shown as `+1d`).
 */
export function formatTime(ms: number, timeBase: TimeBase, withDate = false): string {
  if (!Number.isFinite(ms) || timeBase === 'none') return '—'
  if (timeBase === 'epoch') {
    const date = new Date(ms)
    const clock = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}`
    if (!withDate) return clock
    return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ${clock}`
  }
  const day = Math.floor(ms / 86_400_000)
  const rest = ms - day * 86_400_000
  const hours = Math.floor(rest / 3_600_000)
  const minutes = Math.floor((rest % 3_600_000) / 60_000)
  const seconds = Math.floor((rest % 60_000) / 1000)
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${day > 0 ? ` +${day}d` : ''}`
}

/** An ISO date-time shortened for people: `2025-12-22 16:52 UTC`. */
export function formatIsoDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${formatTime(date.getTime(), 'epoch', true)} UTC`
}

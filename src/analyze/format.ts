/**
 * Human units, in one place for the finding messages and every renderer:
 * the report says "4.1 MiB/h" and "3 h 46 min", never "1147.3e3". Sizes use
 * binary units like docker (KiB, MiB, GiB) with three significant digits.
 * Deterministic (UTC, no locale) so snapshot tests are stable. Pure.
 */
import type { TimeBase, ValueUnit } from '../model.js'

const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Shown for a missing or non-finite number. */
const NONE = '—'

/** Inserts thousands separators into the integer part of a plain decimal string. */
function groupThousands(text: string): string {
  const negative = text.startsWith('-')
  const body = negative ? text.slice(1) : text
  const [integer, fraction] = body.split('.')
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return (negative ? '-' : '') + grouped + (fraction !== undefined ? `.${fraction}` : '')
}

/**
 * A number with `digits` significant digits, no exponent, no trailing zeros,
 * thousands grouped: `294`, `15.9`, `1.23`, `0.384`, `1,430`.
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return NONE
  if (value === 0) return '0'
  const magnitude = Math.floor(Math.log10(Math.abs(value)))
  const decimals = Math.min(20, Math.max(0, digits - 1 - magnitude))
  // Large numbers round to their significant digits too: 251,015 → 251,000.
  const scale = magnitude >= digits ? 10 ** (magnitude - digits + 1) : 1
  const rounded = scale > 1 ? Math.round(value / scale) * scale : value
  // Trailing zeros say nothing here: `1.00 GiB` reads better as `1 GiB`.
  const text = rounded
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')
  return groupThousands(text === '-0' ? '0' : text)
}

/** A count: `5,373` for integers and values of 100 or more, else 3 significant digits (`2.5`, `0.384`). */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NONE
  if (Number.isInteger(value)) return groupThousands(String(value))
  if (Math.abs(value) >= 100) return groupThousands(String(Math.round(value)))
  return formatSignificant(value)
}

/**
 * Bytes in binary units with three significant digits: `512 B`, `11.1 KiB`,
 * `294 MiB`, `7.65 GiB`, `-57.6 MiB`. One rule for messages, tables and charts.
 */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return NONE
  const sign = bytes < 0 ? '-' : ''
  let size = Math.abs(bytes)
  let unit = 0
  while (size >= 1024 && unit < SIZE_UNITS.length - 1) {
    size /= 1024
    unit++
  }
  // 1023.7 KiB would print as "1,020 KiB": promote when three digits reach 1000.
  if (unit > 0 && unit < SIZE_UNITS.length - 1 && Number(size.toPrecision(3)) >= 1000) {
    size /= 1024
    unit++
  }
  const digits = unit === 0 ? formatCount(Math.round(size)) : formatSignificant(size)
  return `${sign}${digits} ${SIZE_UNITS[unit]}`
}

/** A value in its unit: bytes as sizes, percent with `%`, counts grouped. */
export function formatValue(value: number | null, unit: ValueUnit): string {
  if (value === null || !Number.isFinite(value)) return NONE
  switch (unit) {
    case 'bytes':
      return formatBytes(value)
    case 'percent':
      return `${formatSignificant(value)}%`
    case 'count':
      return formatCount(value)
  }
}

/** A signed change in its unit, `+` for growth: `+15.9 MiB`, `-57.6 MiB`, `±0 B`. */
export function formatDelta(value: number | null, unit: ValueUnit): string {
  if (value === null || !Number.isFinite(value)) return NONE
  if (value === 0) return unit === 'bytes' ? '±0 B' : '±0'
  const text = formatValue(Math.abs(value), unit)
  return `${value > 0 ? '+' : '-'}${text}`
}

/** The same as {@link formatDelta}; the name the renderers use. */
export const formatSignedValue = formatDelta

/** A rate's number: sizes and percents as values, counts with 4 significant digits (`251,000/h`, `1,426/h`). */
function rateValue(value: number, unit: ValueUnit): string {
  return unit === 'count' ? formatSignificant(value, 4) : formatValue(value, unit)
}

/**
 * A rate per hour, signed only when negative: `4.1 MiB/h`, `-2.5%/h`,
 * `251,000/h` (the messages put their own `+`; see {@link formatSignedRate}).
 */
export function formatRate(perHour: number | null, unit: ValueUnit): string {
  if (perHour === null || !Number.isFinite(perHour)) return NONE
  return `${rateValue(perHour, unit)}/h`
}

/** A signed rate: `+150 MiB/h`, `-0.4/h`, `±0 B/h`; `per` names another denominator. */
export function formatSignedRate(perHour: number | null, unit: ValueUnit, per = 'h'): string {
  if (perHour === null || !Number.isFinite(perHour)) return NONE
  if (perHour === 0) return `${formatDelta(0, unit)}/${per}`
  return `${perHour > 0 ? '+' : '-'}${rateValue(Math.abs(perHour), unit)}/${per}`
}

/** A 95 % interval of a signed quantity: `+147 MiB … +153 MiB`; '' when unknown. */
export function formatInterval(low: number | null, high: number | null, unit: ValueUnit): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return ''
  return `${formatDelta(low, unit)} … ${formatDelta(high, unit)}`
}

/**
 * A 95 % interval of a rate, the unit written once when both ends share it:
 * `+1.53 … +4.2 GiB/h`, `-3.35 GiB/h … +512 MiB/h`; '' when unknown.
 */
export function formatRateInterval(
  low: number | null,
  high: number | null,
  unit: ValueUnit,
  per = 'h'
): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return ''
  const from = formatSignedRate(low, unit, per)
  const to = formatSignedRate(high, unit, per)
  const fromUnit = from.split(' ')[1]
  if (fromUnit !== undefined && fromUnit === to.split(' ')[1])
    return `${from.split(' ')[0]} … ${to}`
  if (unit !== 'bytes') return `${from.replace(/\/[^/]*$/, '')} … ${to}`
  return `${from} … ${to}`
}

/**
 * A duration: `45 s`, `8 min 59 s` (seconds shown under 10 minutes, where
 * they matter), `12 min`, `3 h 46 min`, `2 d 3 h`; `never` for +Infinity.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never' : NONE
  const sign = ms < 0 ? '-' : ''
  // Under half a second is said as measured, never "0 s".
  if (Math.abs(ms) > 0 && Math.abs(ms) < 500) return `${sign}${Math.round(Math.abs(ms))} ms`
  const totalSeconds = Math.round(Math.abs(ms) / 1000)
  if (totalSeconds < 60) return `${sign}${totalSeconds} s`
  if (totalSeconds < 600) {
    const seconds = totalSeconds % 60
    return `${sign}${Math.floor(totalSeconds / 60)} min${seconds ? ` ${seconds} s` : ''}`
  }
  const totalMinutes = Math.round(totalSeconds / 60)
  if (totalMinutes < 60) return `${sign}${totalMinutes} min`
  const hours = Math.floor(totalMinutes / 60)
  if (hours < 48) {
    const rest = totalMinutes % 60
    return `${sign}${hours} h${rest ? ` ${rest} min` : ''}`
  }
  const days = Math.floor(hours / 24)
  const restHours = hours % 24
  return `${sign}${days} d${restHours ? ` ${restHours} h` : ''}`
}

/** Hours as a duration (`5.2` → `5 h 12 min`). */
export function formatHours(hours: number): string {
  return formatDuration(hours * 3_600_000)
}

/** Digits of a percentage: one decimal (two for tiny non-zero values), integers from 100. */
function percentDigits(abs: number): string {
  if (abs >= 100) return groupThousands(String(Math.round(abs)))
  return abs.toFixed(abs < 0.05 && abs > 0 ? 2 : 1)
}

/** A share without sign (`38.5%`, `0.03%`, `120%`): "30.1% of the level", "99.96% collected". */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return NONE
  return `${percent < 0 ? '-' : ''}${percentDigits(Math.abs(percent))}%`
}

/** A relative change with its sign: `+18.0%`, `-38.5%`, `±0%`. */
export function formatSignedPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return NONE
  const digits = percentDigits(Math.abs(percent))
  if (Number(digits.replace(/,/g, '')) === 0) return '±0%'
  return `${percent > 0 ? '+' : '-'}${digits}%`
}

/**
 * A p-value the way papers print it: `p < 0.001`, then two significant
 * digits with at most three decimals (`p = 0.004`, `p = 0.023`, `p = 0.41`).
 */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return NONE
  if (p < 0.001) return 'p < 0.001'
  if (p >= 0.995) return 'p = 1'
  if (p < 0.01) return `p = ${p.toFixed(3)}`
  return `p = ${Number(p.toPrecision(2))}`
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/** How {@link formatTime} writes a time. */
export interface TimeFormat {
  /** Prefix the date (`2025-12-22 13:05`), for runs spanning days. */
  date?: boolean
  /** Show seconds (`04:41:05`), for windows shorter than about an hour. */
  seconds?: boolean
}

/**
 * A time of a series' time axis: epoch as `HH:MM` UTC (`HH:MM:SS` with
 * `seconds`, the date first with `date`), clock as `HH:MM:SS` (days beyond
 * the first shown as `+1d`); '—' when there is no time axis.
 */
export function formatTime(ms: number, timeBase: TimeBase, format: TimeFormat = {}): string {
  if (!Number.isFinite(ms) || timeBase === 'none') return NONE
  if (timeBase === 'epoch') {
    const date = new Date(ms)
    const clock = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}${format.seconds ? `:${pad2(date.getUTCSeconds())}` : ''}`
    if (!format.date) return clock
    return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ${clock}`
  }
  const day = Math.floor(ms / 86_400_000)
  const rest = ms - day * 86_400_000
  const hours = Math.floor(rest / 3_600_000)
  const minutes = Math.floor((rest % 3_600_000) / 60_000)
  const seconds = Math.floor((rest % 60_000) / 1000)
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${day > 0 ? ` +${day}d` : ''}`
}

/** Whether times of a span this long need seconds to tell start from end (under about an hour). */
export function needsSeconds(spanMs: number): boolean {
  return Number.isFinite(spanMs) && Math.abs(spanMs) < 3_600_000
}

/** An ISO date-time shortened for people: `2025-12-22 16:52 UTC`. */
export function formatIsoDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${formatTime(date.getTime(), 'epoch', { date: true })} UTC`
}

/**
 * An epoch or clock time for evidence (machine-readable but legible): ISO
 * for epoch, `HH:MM:SS` for clock, the number otherwise; null when unknown.
 */
export function formatInstant(value: number | null, timeBase: TimeBase): string | null {
  if (value === null || !Number.isFinite(value)) return null
  // A Date past ±8.64e15 ms is invalid (toISOString throws): a time read from a file may be that far.
  if (Math.abs(value) > 8.64e15) return String(value)
  if (timeBase === 'epoch') return new Date(value).toISOString()
  if (timeBase === 'clock') {
    const day = Math.floor(value / 86400000)
    const rest = value - day * 86400000
    const iso = new Date(rest).toISOString().slice(11, 19)
    return day > 0 ? `${iso} (+${day} d)` : iso
  }
  return String(value)
}

/**
 * A work name after a count: a singular word (`loop`, `count`, as an offered log pattern
 * names its counter) in its plural after any count but one (`47 loops`, `810 counts`); a
 * plural or compound name (`requests`, `http_reqs`) as written; `fallback` when unnamed.
 */
export function workNoun(name: string | undefined, count: number, fallback = 'work units'): string {
  if (name === undefined) return fallback
  if (Math.abs(count) === 1 || !/^[A-Za-z]{3,}$/.test(name) || /s$/i.test(name)) return name
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`
  if (/(?:x|ch|sh)$/i.test(name)) return `${name}es`
  return `${name}s`
}

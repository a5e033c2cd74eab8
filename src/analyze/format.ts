/**
 * Human units for messages: the report says "4.1 MiB/h" and "3 h 46 min",
 * never "1147.3e3". Sizes use binary units like docker (KiB, MiB, GiB).
 * Pure: the report renderers reuse these.
 */
import type { ValueUnit } from '../model.js'

const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Short number: 2 decimals under 1, 1 under 100 (trailing zeros dropped), else a grouped integer. */
function trimNumber(value: number): string {
  const abs = Math.abs(value)
  if (abs === 0) return '0'
  if (abs < 10) return value.toFixed(abs < 1 ? 2 : 1).replace(/\.?0+$/, '') || '0'
  if (abs < 100) return value.toFixed(1).replace(/\.0$/, '')
  return Math.round(value).toLocaleString('en-US')
}

/**
 * Formats bytes with a binary unit: `512 B`, `11.1 KiB`, `4.1 MiB`, `7.65 GiB`.
 * Signed values keep their sign (`-57.6 MiB`).
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes)
  const sign = bytes < 0 ? '-' : ''
  let abs = Math.abs(bytes)
  let unit = 0
  while (abs >= 1024 && unit < SIZE_UNITS.length - 1) {
    abs /= 1024
    unit++
  }
  if (unit === 0) return `${sign}${Math.round(abs)} B`
  // 1 decimal (`293.7 MiB`, like docker); 2 for small GiB+ values (`7.65 GiB` limits).
  const digits = unit >= 3 && abs < 10 ? 2 : 1
  return `${sign}${abs.toFixed(digits)} ${SIZE_UNITS[unit]}`
}

/** Formats a count: `1,428`, `2.5`, `0.38`. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return trimNumber(value)
}

/** Formats a value in its unit: bytes as sizes, percent with `%`, counts as numbers. */
export function formatValue(value: number, unit: ValueUnit): string {
  if (unit === 'bytes') return formatBytes(value)
  if (unit === 'percent') return `${trimNumber(value)}%`
  return formatCount(value)
}

/** Formats a signed change in its unit, with an explicit `+` for growth. */
export function formatDelta(value: number, unit: ValueUnit): string {
  const text = formatValue(value, unit)
  return value > 0 ? `+${text}` : text
}

/**
 * Formats a duration: `45 s`, `9 min`, `3 h 46 min`, `2 d 5 h`. Seconds are
 * shown only under 10 minutes (`4 min 30 s`).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never' : String(ms)
  const sign = ms < 0 ? '-' : ''
  const totalSeconds = Math.round(Math.abs(ms) / 1000)
  if (totalSeconds < 60) return `${sign}${totalSeconds} s`
  const minutes = Math.floor(totalSeconds / 60)
  if (minutes < 10) {
    const seconds = totalSeconds % 60
    return `${sign}${minutes} min${seconds ? ` ${seconds} s` : ''}`
  }
  const totalMinutes = Math.round(Math.abs(ms) / 60000)
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

/** Formats a rate per hour in its unit: `4.1 MiB/h`, `+2.5%/h`, `120 /h`. */
export function formatRate(perHour: number, unit: ValueUnit): string {
  if (unit === 'count') return `${formatCount(perHour)}/h`
  return `${formatValue(perHour, unit)}/h`
}

/** Formats a percentage: `38.5%`, `0.2%`, `120%`. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return String(percent)
  const abs = Math.abs(percent)
  return `${abs >= 100 ? Math.round(percent).toLocaleString('en-US') : percent.toFixed(1)}%`
}

/** Formats a p-value the way papers do: `p < 0.001`, `p = 0.004`, `p = 0.41`. */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001'
  if (p < 0.01) return `p = ${p.toFixed(3)}`
  return `p = ${p.toFixed(2)}`
}

/** Formats an epoch or clock time for evidence: ISO for epoch, `HH:MM:SS` for clock, the number otherwise. */
export function formatInstant(
  value: number | null,
  timeBase: 'epoch' | 'clock' | 'none'
): string | null {
  if (value === null || !Number.isFinite(value)) return null
  if (timeBase === 'epoch') return new Date(value).toISOString()
  if (timeBase === 'clock') {
    const day = Math.floor(value / 86400000)
    const rest = value - day * 86400000
    const iso = new Date(rest).toISOString().slice(11, 19)
    return day > 0 ? `${iso} (+${day} d)` : iso
  }
  return String(value)
}

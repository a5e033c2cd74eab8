/**
 * Elapsed times as people save them beside their measurements, each read as
 * milliseconds since the start of the run: a duration with its unit (`+5s`,
 * `1m30s`, `250ms`, Go's `time.Duration` printed as `1h2m3.5s`) and
 * minutes:seconds (`03:40`, `75:10`, minutes past 59 allowed). Also the
 * clock time `HH:MM` a `time-format: HH:mm` asks for. Pure, text-only and
 * bounded: every regex is anchored and linear.
 */

/** Longest duration text read (`1h2m3.123456789s` is 16): anything longer is no time cell. */
const MAX_DURATION_LENGTH = 64

/** One part of a duration: a number and its unit, a blank allowed between parts. */
const DURATION_PART_RE = /(\d{1,9}(?:\.\d{1,9})?)(min|ms|us|µs|μs|ns|h|m|s)(?![A-Za-z])/y

/** Milliseconds per unit, and the unit's rank: parts go from larger units to smaller ones. */
const DURATION_UNITS: Record<string, { ms: number; rank: number }> = {
  h: { ms: 3_600_000, rank: 0 },
  min: { ms: 60_000, rank: 1 },
  m: { ms: 60_000, rank: 1 },
  s: { ms: 1000, rank: 2 },
  ms: { ms: 1, rank: 3 },
  us: { ms: 1e-3, rank: 4 },
  µs: { ms: 1e-3, rank: 4 },
  μs: { ms: 1e-3, rank: 4 },
  ns: { ms: 1e-6, rank: 5 }
}

/**
 * Milliseconds of an elapsed time written with its units: `5s`, `+5s`,
 * `1m30s`, `1m 30s`, `1.5h`, `250ms`, Go's `1h2m3.5s` and `1.234µs`. Each
 * unit at most once, larger units first; a leading `+` (an offset from the
 * start) is allowed, a `-` is not (no sample is taken before its run starts).
 * NaN for anything else, a bare number included.
 */
export function parseUnitDuration(text: string): number {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_DURATION_LENGTH) return NaN
  let at = trimmed.charCodeAt(0) === 43 ? 1 : 0
  let total = 0
  let lastRank = -1
  while (at < trimmed.length) {
    if (lastRank >= 0 && trimmed.charCodeAt(at) === 32) at++
    DURATION_PART_RE.lastIndex = at
    const part = DURATION_PART_RE.exec(trimmed)
    if (!part) return NaN
    const unit = DURATION_UNITS[part[2]]
    if (unit.rank <= lastRank) return NaN
    lastRank = unit.rank
    total += Number(part[1]) * unit.ms
    at = DURATION_PART_RE.lastIndex
  }
  return lastRank < 0 ? NaN : Math.round(total * 1e6) / 1e6
}

const MINUTES_SECONDS_RE = /^(\d{1,5}):([0-5]\d)(?:[.,](\d{1,9}))?$/

/**
 * Milliseconds of elapsed minutes:seconds (`00:05`, `03:40.250`, `75:10`:
 * minutes may pass 59, seconds may not); NaN otherwise.
 */
export function parseMinutesSeconds(text: string): number {
  const match = MINUTES_SECONDS_RE.exec(text.trim())
  if (!match) return NaN
  const fraction = match[3] === undefined ? 0 : Math.round(Number(`0.${match[3]}`) * 1000)
  return (Number(match[1]) * 60 + Number(match[2])) * 1000 + fraction
}

const HOUR_MINUTE_RE = /^(\d{1,2}):(\d{2})$/

/** Milliseconds since midnight of a clock time `HH:MM` (no seconds); NaN otherwise. */
export function parseHourMinute(text: string): number {
  const match = HOUR_MINUTE_RE.exec(text.trim())
  if (!match) return NaN
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (hours > 23 || minutes > 59) return NaN
  return (hours * 60 + minutes) * 60_000
}

/** Minutes from which an `NN:NN` value is no clock time: its first field is no hour. */
export const FIRST_FIELD_NO_HOUR_MS = 24 * 60_000

/** The clock forms `time-format:` may name: elapsed minutes:seconds, or a clock with minutes. */
export type ClockForm = 'mm:ss' | 'hh:mm'

/**
 * The `NN:NN` form a `time-format:` names (`mm:ss` elapsed, `HH:mm` a clock
 * time; either case, as neither can be a date), or undefined.
 */
export function clockFormOfTimeFormat(format: string): ClockForm | undefined {
  const lower = format.trim().toLowerCase()
  return lower === 'mm:ss' || lower === 'hh:mm' ? lower : undefined
}

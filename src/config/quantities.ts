/**
 * The spelling of every unit-bearing config value (SPEC §3): sizes, rates,
 * percentages, durations and work amounts, as regular expressions (shared
 * with the JSON Schema, so editors flag a bad unit while typing) and as
 * converters into {@link Quantity} / {@link Warmup} with units resolved:
 * bytes, percent, counts, milliseconds, and rates per hour.
 *
 * Converters return `{ error }` with the "expected ..." text instead of
 * throwing, so the zod schema can use them as refinements and the message
 * names the config key.
 */
import { parseSize } from '../understand/units.js'
import type { SignatureId } from '../model.js'
import type { Quantity, Warmup } from './types.js'

/** A converter's failure: what was expected, for `found "X", expected <error>`. */
export interface Invalid {
  error: string
}

const NUM = '(?:\\d+(?:\\.\\d+)?|\\.\\d+)'
const SIZE_UNIT = '(?:[KkMmGgTtPp]i?B|[Bb])'
const SIZE = `${NUM} ?${SIZE_UNIT}`
const PERCENT = `${NUM} ?%`
// Longest spelling first: alternation takes the first that matches.
const DURATION_UNIT =
  '(?:ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d)'
const PER_UNIT = DURATION_UNIT
const DURATION = `(?:${NUM} ?${DURATION_UNIT} ?)+`

/** `70KiB`, `7.654GiB`, `88.18 MB`: binary and decimal units, as docker prints them. */
export const SIZE_RE = new RegExp(`^${SIZE}$`)
/** `20%`, `2.5 %`. */
export const PERCENT_RE = new RegExp(`^${PERCENT}$`)
/** `24h`, `30m`, `90s`, `7d`, `1h30m`. */
export const DURATION_RE = new RegExp(`^${DURATION}$`)
/** `5MiB/h`, `2%/h`, `10/h`, `/min`, `/d`: growth per time. */
export const RATE_RE = new RegExp(`^(?:${SIZE}|${PERCENT}|${NUM}) ?/ ?${PER_UNIT}$`)
/** `500`, `500 requests`: an amount of work (the word names the work counter, for the reader). */
export const WORK_RE = new RegExp(`^${NUM}(?: +[A-Za-z][\\w .-]*)?$`)
/** A count written as text (`"100"`). */
export const COUNT_RE = new RegExp(`^${NUM}$`)

const DURATION_MS: Record<string, number> = { ms: 1 }
for (const [names, ms] of [
  ['s sec secs second seconds', 1000],
  ['m min mins minute minutes', 60_000],
  ['h hr hrs hour hours', 3_600_000],
  ['d day days', 86_400_000]
] as const) {
  for (const name of names.split(' ')) DURATION_MS[name] = ms
}

/** What each signature's threshold looks like, quoted in errors and in the JSON Schema. */
export const THRESHOLD_EXPECTED: Record<SignatureId, string> = {
  'sustained-growth': 'a rate like "5MiB/h", "2%/h" or "10/h", or off',
  'rising-floor': 'a rate like "5MiB/h", "2%/h" or "10/h", or off',
  'retained-after-load': 'a percent like "25%", a size like "10MiB" or a count, or off',
  'per-work-cost': 'a size like "70KiB" or a count per unit of work, or off',
  'uncollected-objects': 'a minimum collection rate like "95%", or off',
  'oom-risk': 'a horizon like "24h", "30m" or "7d", or off',
  regression: 'a percent like "20%", or off',
  'leaking-class':
    'a count of objects like 100 or a size like "1MiB" (heap snapshots: fewest phase-1 survivors or retained bytes to report; class histograms: growth per phase), or off'
}

/** The regular expression each signature's threshold text must match (besides `off`). */
export const THRESHOLD_RE: Record<SignatureId, RegExp> = {
  'sustained-growth': RATE_RE,
  'rising-floor': RATE_RE,
  'retained-after-load': new RegExp(`^(?:${PERCENT}|${SIZE}|${NUM})$`),
  'per-work-cost': new RegExp(`^(?:${SIZE}|${NUM})$`),
  'uncollected-objects': PERCENT_RE,
  'oom-risk': DURATION_RE,
  regression: PERCENT_RE,
  'leaking-class': new RegExp(`^(?:${SIZE}|${NUM})$`)
}

/** Expected spelling of `warmup`. */
export const WARMUP_EXPECTED =
  'a fraction like "20%", a duration like "5m", or a work amount like "500 requests"'
/** Expected spelling of `limit`. */
export const LIMIT_EXPECTED = 'a size like "7.654GiB"'

/** Parses a duration (`24h`, `90s`, `1h30m`) into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim()
  if (!DURATION_RE.test(trimmed)) return undefined
  let total = 0
  for (const part of trimmed.matchAll(new RegExp(`(${NUM}) ?(${DURATION_UNIT})`, 'g'))) {
    total += Number(part[1]) * DURATION_MS[part[2]]
  }
  return total
}

/** Parses a percent (`25%`) into the number of percent. */
export function parsePercentText(text: string): number | undefined {
  const trimmed = text.trim()
  return PERCENT_RE.test(trimmed) ? Number(trimmed.replace('%', '').trim()) : undefined
}

/** Parses a size with an explicit unit (`70KiB`) into bytes; a bare number is not a size here. */
export function parseSizeText(text: string): number | undefined {
  const trimmed = text.trim()
  return SIZE_RE.test(trimmed) ? parseSize(trimmed) : undefined
}

/**
 * Parses a growth rate into a per-hour {@link Quantity}: `5MiB/h` (bytes),
 * `2%/h` (percent of the steady start), `10/h` (count); `/s`, `/min`, `/d`
 * are converted to per hour.
 */
export function parseRate(text: string): Quantity | undefined {
  const trimmed = text.trim()
  if (!RATE_RE.test(trimmed)) return undefined
  const slash = trimmed.lastIndexOf('/')
  const amountText = trimmed.slice(0, slash).trim()
  const perHour = 3_600_000 / DURATION_MS[trimmed.slice(slash + 1).trim()]
  const percent = parsePercentText(amountText)
  if (percent !== undefined)
    return { amount: percent * perHour, unit: 'percent', perHour: true, text }
  const size = parseSizeText(amountText)
  if (size !== undefined) return { amount: size * perHour, unit: 'bytes', perHour: true, text }
  return { amount: Number(amountText) * perHour, unit: 'count', perHour: true, text }
}

/**
 * Converts one `checks:` value for a signature into a {@link Quantity}, or
 * `off`. Numbers (YAML `per-work-cost: 5`) are counts.
 */
export function parseThreshold(signature: SignatureId, value: unknown): Quantity | 'off' | Invalid {
  const expected = { error: THRESHOLD_EXPECTED[signature] }
  if (value === 'off') return 'off'
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return parseLevels(signature, value as Record<string, unknown>)
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return expected
    if (
      signature === 'retained-after-load' ||
      signature === 'per-work-cost' ||
      signature === 'leaking-class'
    )
      return { amount: value, unit: 'count', text: String(value) }
    return expected
  }
  if (typeof value !== 'string') return expected
  const text = value.trim()
  if (!THRESHOLD_RE[signature].test(text)) return expected
  switch (signature) {
    case 'sustained-growth':
    case 'rising-floor':
      return parseRate(text) ?? expected
    case 'retained-after-load':
    case 'per-work-cost':
    case 'leaking-class': {
      const percent = parsePercentText(text)
      if (percent !== undefined) return { amount: percent, unit: 'percent', text }
      const size = parseSizeText(text)
      if (size !== undefined) return { amount: size, unit: 'bytes', text }
      return { amount: Number(text), unit: 'count', text }
    }
    case 'uncollected-objects': {
      const percent = parsePercentText(text)
      if (percent === undefined || percent > 100)
        return { error: `${expected.error} (at most 100%)` }
      return { amount: percent, unit: 'percent', text }
    }
    case 'oom-risk': {
      const ms = parseDuration(text)
      return ms === undefined || ms === 0 ? expected : { amount: ms, unit: 'ms', text }
    }
    case 'regression': {
      const percent = parsePercentText(text)
      return percent === undefined ? expected : { amount: percent, unit: 'percent', text }
    }
  }
}

/**
 * Converts `warmup:`: `20%` (fraction of each series), `5m`/`90s`/`1h`
 * (duration from the first sample), or `500` / `500 requests` (work done).
 */
export function parseWarmup(value: unknown): Warmup | Invalid {
  const expected = { error: WARMUP_EXPECTED }
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? { kind: 'work', amount: value } : expected
  }
  if (typeof value !== 'string') return expected
  const text = value.trim()
  const percent = parsePercentText(text)
  if (percent !== undefined) {
    if (percent >= 100) return { error: `${WARMUP_EXPECTED} (a fraction below 100%)` }
    return { kind: 'fraction', fraction: percent / 100 }
  }
  const ms = parseDuration(text)
  if (ms !== undefined) return { kind: 'duration', ms }
  if (SIZE_RE.test(text)) return { error: `${WARMUP_EXPECTED} (a size is not a warm-up)` }
  if (WORK_RE.test(text)) return { kind: 'work', amount: Number(text.split(' ')[0]) }
  return expected
}

/** Converts `limit:` (a size, or a number of bytes) into bytes. */
export function parseLimit(value: unknown): number | Invalid {
  const expected = { error: LIMIT_EXPECTED }
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : expected
  if (typeof value !== 'string') return expected
  const bytes = parseSizeText(value)
  return bytes === undefined || bytes === 0 ? expected : bytes
}

/** True when a converter failed. */
export function isInvalid(value: unknown): value is Invalid {
  return typeof value === 'object' && value !== null && 'error' in value
}

/** Signatures whose threshold may have two levels (`{warn: …, fail: …}`). */
export const LEVELLED_SIGNATURES: readonly SignatureId[] = [
  'sustained-growth',
  'rising-floor',
  'retained-after-load'
]

/**
 * `{warn: 1MiB/h, fail: 20MiB/h}`: the fail quantity, carrying the warn one.
 * Either may be left out (not both); both must be of one kind (two rates, two
 * sizes…) and warn must not exceed fail.
 */
function parseLevels(signature: SignatureId, value: Record<string, unknown>): Quantity | Invalid {
  const expected = `{warn: …, fail: …} with ${THRESHOLD_EXPECTED[signature]}`
  if (!LEVELLED_SIGNATURES.includes(signature))
    return {
      error: `${THRESHOLD_EXPECTED[signature]} (warn and fail levels are for ${LEVELLED_SIGNATURES.join(', ')})`
    }
  const keys = Object.keys(value)
  if (keys.length === 0 || keys.some((key) => key !== 'warn' && key !== 'fail'))
    return { error: expected }
  const warn = value.warn === undefined ? undefined : parseThreshold(signature, value.warn)
  const fail = value.fail === undefined ? undefined : parseThreshold(signature, value.fail)
  if (warn === 'off' || fail === 'off') return { error: `${expected} (off is not a level)` }
  if ((warn && isInvalid(warn)) || (fail && isInvalid(fail))) return { error: expected }
  const w = warn as Quantity | undefined
  const f = fail as Quantity | undefined
  if (w && f) {
    if (w.unit !== f.unit || Boolean(w.perHour) !== Boolean(f.perHour))
      return { error: `${expected} (warn and fail of one kind: ${w.text} vs ${f.text})` }
    if (w.amount > f.amount) return { error: `${expected} (warn ${w.text} above fail ${f.text})` }
    return { ...f, warn: w }
  }
  if (f) return f
  return { ...w!, amount: Number.POSITIVE_INFINITY, text: 'never', warn: w }
}

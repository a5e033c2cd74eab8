/**
 * Sentences shared by the signatures: the window a fit covers and its slope
 * in human units, e.g. `4.1 MiB/h (95% CI 3.2–5.0 MiB/h)` and `the steady 9 min`.
 */
import type { ValueUnit } from '../model.js'
import {
  formatCount,
  formatDelta,
  formatDuration,
  formatInstant,
  formatPercent,
  formatPValue,
  formatRate,
  formatValue,
  workNoun
} from './format.js'
import { HOUR_MS, type SeriesDetail, type TrendFit } from './series-analysis.js'
import { DEFAULTS } from './thresholds.js'
import { KEEPS_PACE_FRACTION } from './growth.js'

// Said by the warm-up's notes too (warmup.ts, which this module's imports reach): kept in format.ts.
export { workNoun }

/** Rate of a fit per hour (time axis) or per x unit, signed, with its interval. */
export function describeSlope(detail: SeriesDetail, fit: TrendFit): string {
  const unit = detail.series.unit
  if (detail.xAxis === 'time') {
    return `${signedRate(fit.slope * HOUR_MS, unit)} (95% CI ${intervalText(fit.low * HOUR_MS, fit.high * HOUR_MS, unit)}/h)`
  }
  const per = detail.xAxis === 'work' ? singular(detail.series.workName ?? 'work unit') : 'sample'
  return `${formatDelta(fit.slope, unit)} per ${per} (95% CI ${intervalText(fit.low, fit.high, unit)})`
}

/** `+0.2 MiB/h` on a time axis, else `+12 B per request`. */
export function describeSlopeShort(detail: SeriesDetail, slope: number): string {
  if (detail.xAxis === 'time') return signedRate(slope * HOUR_MS, detail.series.unit)
  const per = detail.xAxis === 'work' ? singular(detail.series.workName ?? 'work unit') : 'sample'
  return `${formatDelta(slope, detail.series.unit)} per ${per}`
}

/** Signed rate per hour: `+4.1 MiB/h`. */
export function signedRate(perHour: number, unit: ValueUnit): string {
  const text = formatRate(perHour, unit)
  return perHour > 0 ? `+${text}` : text
}

/** `3.2–5.0 MiB` style interval (unit once when both share it). */
export function intervalText(low: number, high: number, unit: ValueUnit): string {
  const a = formatValue(low, unit)
  const b = formatValue(high, unit)
  const unitA = a.split(' ')[1]
  const unitB = b.split(' ')[1]
  if (unitA && unitA === unitB) return `${a.split(' ')[0]}–${b}`
  return `${a} to ${b}`
}

/** The window of a fit: `the steady 9 min`, `the last 4 min 30 s of the steady window`, or in work/samples. */
export function describeWindow(detail: SeriesDetail, fit: TrendFit): string {
  const size = describeSpan(detail, fit.x1 - fit.x0)
  return fit.window === 'steady' ? `the steady ${size}` : `the last ${size} of the steady window`
}

/** A stretch of the series' x axis: `2 min 4 s`, `9,400 requests`, `120 samples`. */
export function describeSpan(detail: SeriesDetail, span: number): string {
  if (detail.xAxis === 'time') return formatDuration(span)
  const count = Math.round(span)
  const noun = detail.xAxis === 'work' ? workNoun(detail.series.workName, count) : 'samples'
  return `${formatCount(count)} ${noun}`
}

/** p-value text plus the number of buckets it was computed on. */
export function describeP(fit: TrendFit): string {
  return formatPValue(fit.pValue)
}

/**
 * `p = 0.06 is only suggestive on its own, but rss of the same process rises +11.8 MiB over the same
 * window (p = 0.009) and keeps its pace to the end: …`, for a floor that memory confirmed; null otherwise.
 */
export function agreementClause(detail: SeriesDetail, fit: TrendFit): string | null {
  const agreement = fit.agreement
  if (!agreement) return null
  return `${formatPValue(fit.pValue)} is only suggestive on its own, but ${agreement.metric} of the same process rises ${formatDelta(agreement.rise, detail.series.unit)} over the same window (${formatPValue(agreement.pValue)}) and keeps its pace to the end: what the heap keeps shows in the process's pages too`
}

/**
 * `its last half alone cannot tell (p = 0.17 on 8 points) but keeps 94 % of the pace, and rss of the
 * same process keeps its own to the end`, for a window its last half did not carry alone; null otherwise.
 */
export function continuationClause(
  detail: SeriesDetail,
  fit: TrendFit,
  late: TrendFit | null
): string | null {
  if (fit.window !== 'steady' || !late?.continuedBy || fit.agreement || !(fit.slope > 0))
    return null
  if (late.pValue < DEFAULTS.continuationAlpha) return null
  // Under ⅔ of the pace the last third's level carried it (see endOnPace in agreement.ts): said.
  const third =
    late.slope < KEEPS_PACE_FRACTION * fit.slope
      ? ` and its last third stands where that pace puts it (${formatDelta(fit.endRise, detail.series.unit)}, ${formatDelta(fit.endExpected, detail.series.unit)} expected)`
      : ''
  return `its last half alone cannot tell (${formatPValue(late.pValue)} on ${late.points} points) but keeps ${formatPercent((late.slope / fit.slope) * 100)} of the pace${third}, and ${late.continuedBy} of the same process keeps its own to the end`
}

/** Evidence of an agreement: `agreedBy` (the metric) and its p-value, or nothing. */
export function agreementEvidence(fit: TrendFit): Record<string, string | number | null> {
  const agreement = fit.agreement
  return agreement
    ? {
        agreedBy: agreement.metric,
        agreedPValue: round(agreement.pValue),
        agreedRise: round(agreement.rise)
      }
    : {}
}

/** Window bounds for evidence: ISO / clock times, or x values. */
export function windowEvidence(
  detail: SeriesDetail,
  fit: TrendFit
): Record<string, string | number | null> {
  const timeBase = detail.xAxis === 'time' ? detail.series.timeBase : 'none'
  return {
    window: fit.window,
    windowStart: formatInstant(fit.x0, timeBase),
    windowEnd: formatInstant(fit.x1, timeBase),
    windowMinutes: detail.xAxis === 'time' ? round((fit.x1 - fit.x0) / 60000) : null,
    points: fit.points
  }
}

/**
 * A fit's slope for evidence: per hour with its 95 % interval on a time axis,
 * else per x unit. `prefix` names the quantity (`slope`, `floorSlope`).
 */
export function slopeEvidence(
  prefix: 'slope' | 'floorSlope',
  fit: TrendFit,
  timeAxis: boolean
): Record<string, number | null> {
  return {
    [`${prefix}PerHour`]: timeAxis ? round(fit.slope * HOUR_MS) : null,
    [`${prefix}LowPerHour`]: timeAxis ? round(fit.low * HOUR_MS) : null,
    [`${prefix}HighPerHour`]: timeAxis ? round(fit.high * HOUR_MS) : null,
    [`${prefix}PerX`]: timeAxis ? null : round(fit.slope)
  }
}

/** Rounds for evidence (keeps JSON readable, never rounds to 0 a small non-zero value). */
export function round(value: number | null | undefined, digits = 4): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  if (value === 0) return 0
  const magnitude = Math.floor(Math.log10(Math.abs(value)))
  const factor = 10 ** Math.max(0, digits - 1 - magnitude)
  return Math.round(value * factor) / factor
}

/** A work name as a unit noun: `requests` → `request`, `registry.totalModels` → `model`. */
export function singular(name: string): string {
  const noun = plural(name)
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`
  if (noun.endsWith('sses')) return noun.slice(0, -2)
  if (noun.endsWith('s') && !noun.endsWith('ss')) return noun.slice(0, -1)
  return noun
}

/** A work name as a plural noun: `registry.totalModels` → `models`, `reqs_total` → `reqs`. */
export function plural(name: string): string {
  let noun = name.split('.').pop() ?? name
  noun = noun.replace(/^(total|num|count)[_-]?/i, '').replace(/[_-]?(total|count)$/i, '')
  if (!noun) noun = name
  return noun.charAt(0).toLowerCase() + noun.slice(1)
}

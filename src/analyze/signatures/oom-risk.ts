/**
 * oom-risk: a memory series with a known limit (docker's MemUsage limit or
 * the config's `limit`) grows significantly, and at the steady slope reaches
 * the limit within the horizon (default 24 h). The size tolerance of
 * sustained-growth does not apply: a small slope is still an outage when
 * the limit is near.
 */
import {
  type AnalysisContext,
  judgedSeries,
  makeFinding,
  seriesLabel,
  seriesSource,
  type SignatureResult
} from '../context.js'
import { round, signedRate, windowEvidence } from '../describe.js'
import {
  formatDelta,
  formatDuration,
  formatInstant,
  formatPercent,
  formatPValue,
  formatTime,
  formatValue
} from '../format.js'
import { isRecovery, judgeGrowth, lastHalfContinues, PACE_FRACTION } from '../growth.js'
import { HOUR_MS, type TrendFit } from '../series-analysis.js'
import { DEFAULTS, growthTolerance, isOff, lookupCheck } from '../thresholds.js'
import type { Finding } from '../../model.js'
import type { SeriesDetail } from '../series-analysis.js'
import { pushWitnessed } from './sustained-growth.js'
import { GC_LOG_METRIC, type HeapExhaustion } from '../../understand/jvm-gc-log.js'

/**
 * How far beyond the measured window a rise under the size tolerance may be
 * projected: 90 s of +3 MiB do not say where memory is in 5 hours.
 */
const MAX_EXTRAPOLATION = 20

/** Detects memory that reaches its limit within the horizon at the steady slope. */
export function detectOomRisk(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  for (const detail of judgedSeries(context)) {
    const { series } = detail
    // A container that read 0B / 0B right after reaching its limit was killed there: the finding
    // is the kill itself, whatever the trend before it.
    const killed = series.kind === 'memory' ? killedAtLimit(context, detail) : null
    if (killed) result.findings.push(killed)
    const pauses = (series.stops ?? []).filter((stop) => !stop.atLimit)
    if (pauses.length > 0)
      result.healthy.push({
        key: series.id,
        metric: seriesLabel(detail),
        text: `not running ${pauses.length === 1 ? 'once' : `${pauses.length} times`} (${pauses.reduce((sum, p) => sum + p.rows, 0)} rows of 0B / 0B, read as gaps, not as zero), not at its limit: stopped or restarted, not killed for memory`
      })
    if (series.kind !== 'memory' || !series.limit) continue
    // Killed there: a projection of when it reaches the limit it already reached says nothing more.
    if (killed) continue
    const check = lookupCheck(context.config.checks, 'oom-risk', series)
    if (check?.setting === 'off') continue
    // Already over the limit (a configured budget a process can outgrow; a container cannot
    // exceed its cgroup's): the finding is the level, whatever its trend.
    const over = aboveLimit(detail)
    if (over) {
      result.findings.push(over)
      continue
    }
    if (detail.xAxis !== 'time' || detail.insufficient) continue
    const horizonMs =
      check && check.setting.unit === 'ms' ? check.setting.amount : DEFAULTS.oomHorizonMs
    const label = seriesLabel(detail)
    const limitText = formatValue(series.limit, series.unit)
    const tolerance = growthTolerance(
      context.config.checks,
      'sustained-growth',
      series,
      series.kind,
      series.unit
    )
    // Significant and still rising at the end, in the whole window or its last half; size does not matter here.
    // A late rise back to an earlier level (heap regrown after a shrink) does not head for the limit.
    const candidates = [detail.values, detail.lastHalf].filter(
      (fit): fit is TrendFit => fit !== null && !isRecovery(fit)
    )
    // A step (flat–step–flat) does not head anywhere; a window whose last half slowed to under a
    // third of its pace (a cache filled, the allocator settled) is not projected at its early slope,
    // nor one whose last half does not rise on its own as sustained-growth reads it (a cache
    // filling over 28 % of a 4 min run: container usage flat after it, p = 0.27, was projected
    // to its limit at the window's pace). A third of the pace still heads for the limit: a
    // 100 B/request leak's container usage kept 36.5 % of it in its last half, p < 0.001.
    const keepsPace = (fit: TrendFit): boolean =>
      fit !== detail.values ||
      detail.lastHalf === null ||
      (fit.short
        ? detail.lastHalf.slope >= PACE_FRACTION * fit.slope
        : lastHalfContinues(fit, detail.lastHalf, PACE_FRACTION))
    const judged = candidates
      .map((fit) => judgeGrowth(fit, tolerance, true))
      .find((j) => j.significant && j.sustained && !j.step && keepsPace(j.fit))
    if (!judged) {
      result.healthy.push({
        key: series.id,
        metric: label,
        text: `no significant growth toward the ${limitText} limit`
      })
      continue
    }
    const fit = judged.fit
    const slopePerHour = fit.slope * HOUR_MS
    // Peaks hit the limit first: project the top of the sawtooth, not the mean.
    const last = series.value.length - 1
    const peakOffset = Math.max(0, series.max[last] - series.value[last])
    const levelAtEnd = fit.intercept + fit.slope * fit.x1 + peakOffset
    const hours = Math.max(0, (series.limit - levelAtEnd) / slopePerHour)
    const eta = formatDuration(hours * HOUR_MS)
    if (hours * HOUR_MS > horizonMs) {
      result.healthy.push({
        key: series.id,
        metric: label,
        text: `at ${signedRate(slopePerHour, series.unit)} the ${limitText} limit is ${eta} away, beyond the ${formatDuration(horizonMs)} horizon`
      })
      continue
    }
    // A rise under the size tolerance supports a projection only so far beyond the window that measured it.
    const windowMs = fit.x1 - fit.x0
    if (!judged.large && hours * HOUR_MS > MAX_EXTRAPOLATION * windowMs) {
      result.healthy.push({
        key: series.id,
        metric: label,
        text: `rises ${signedRate(slopePerHour, series.unit)} but only ${formatDelta(fit.growth, series.unit)} over ${formatDuration(windowMs)} (under the ${tolerance.text} tolerance): the ${limitText} limit ${eta} away is more than ${MAX_EXTRAPOLATION}× the window measured, too far to project`
      })
      continue
    }
    const finding = makeFinding(
      series.id,
      'oom-risk',
      seriesSource(detail),
      label,
      'fail',
      `${label} reaches its ${limitText} limit in ${eta} at ${signedRate(slopePerHour, series.unit)} (${formatPValue(fit.pValue)}; now ${formatValue(levelAtEnd, series.unit)}), within the ${formatDuration(horizonMs)} horizon`,
      {
        hoursToLimit: round(hours),
        limit: series.limit,
        level: round(levelAtEnd),
        slopePerHour: round(slopePerHour),
        slopeLowPerHour: round(fit.low * HOUR_MS),
        slopeHighPerHour: round(fit.high * HOUR_MS),
        pValue: round(fit.pValue),
        horizonHours: round(horizonMs / HOUR_MS),
        ...windowEvidence(detail, fit)
      }
    )
    pushWitnessed(context, detail, finding, result)
  }
  return result
}

/**
 * What followed a kill that ends its run: nothing, or the next run appended
 * in the same file (a later test or a restarted sampler, judged on its own).
 */
function afterRun(series: SeriesDetail['series'], killedAt: number): string {
  const next = series.nextRun
  if (next === undefined) return '; it was not read again'
  const clock =
    series.timeBase === 'epoch'
      ? ` at ${formatTime(next.time, series.timeBase, { seconds: true })} UTC,`
      : ''
  const later = Number.isFinite(next.time - killedAt)
    ? ` ${formatDuration(next.time - killedAt)} after the kill`
    : ''
  return `; this run ends there: the next run in the file (run ${next.run}, judged on its own) starts${clock}${later}`
}

/**
 * The OOM kill read from the data: the last reading before a run of
 * `0B / 0B` rows (the container not running) was at ≥ 95 % of its memory
 * limit. Memory that reaches the limit and takes the container down is the
 * outage a leak gate exists to prevent, so it fails however the trend reads.
 */
function killedAtLimit(
  context: AnalysisContext,
  detail: SeriesDetail
): (Finding & { key: string }) | null {
  const { series } = detail
  if (isOff(context.config.checks, 'oom-risk', series)) return null
  const kills = (series.stops ?? []).filter((stop) => stop.atLimit)
  if (kills.length === 0) return null
  const label = seriesLabel(detail)
  const [first] = kills
  const start = series.time.find((t) => Number.isFinite(t)) ?? first.time
  const afterMs = first.time - start
  const clock =
    series.timeBase === 'epoch'
      ? `, at ${formatTime(first.time, series.timeBase, { seconds: true })} UTC`
      : ''
  const when = Number.isFinite(afterMs)
    ? `${formatDuration(afterMs)} into the run${clock}`
    : 'during the run'
  const restarted = first.samplesBefore < series.samples
  const limit = first.limit ?? 0
  const share = limit > 0 ? ` (${formatPercent((first.lastValue / limit) * 100)} of it)` : ''
  const down =
    first.until > first.time
      ? `${formatDuration(first.until - first.time)} (${first.rows} rows)`
      : `${first.rows} row${first.rows === 1 ? '' : 's'}`
  return makeFinding(
    series.id,
    'oom-risk',
    seriesSource(detail),
    label,
    'fail',
    `${label} was killed at its ${formatValue(limit, series.unit)} limit ${when}: the last reading was ${formatValue(first.lastValue, series.unit)}${share}, then 0B / 0B for ${down}, the container not running (the OOM killer)${kills.length > 1 ? `; killed ${kills.length} times` : ''}${restarted ? '; it was read again after a restart' : afterRun(series, first.time)}`,
    {
      killed: true,
      kills: kills.length,
      limit: first.limit ?? null,
      lastValue: round(first.lastValue),
      stoppedRows: first.rows,
      killedAfterMs: Number.isFinite(afterMs) ? afterMs : null,
      killedAt: formatInstant(first.time, series.timeBase),
      restarted,
      ...(!restarted && series.nextRun
        ? {
            nextRun: series.nextRun.run,
            nextRunAt: formatInstant(series.nextRun.time, series.timeBase)
          }
        : {})
    }
  )
}

/** Readings at the end of a series that say where it stands: the last ones, at least 3. */
const END_SHARE = 0.05
const endCount = (length: number): number => Math.max(3, Math.ceil(length * END_SHARE))

/**
 * A memory series whose last readings stand above its limit (their median, so one spike is not
 * the level): a failing `oom-risk` finding, or null.
 */
function aboveLimit(detail: SeriesDetail): (Finding & { key: string }) | null {
  const { series } = detail
  const limit = series.limit
  if (!limit || series.value.length === 0) return null
  // the last readings that are numbers (a gap is no reading), at least 3 of them
  const end: number[] = []
  for (let i = series.value.length - 1; i >= 0 && end.length < endCount(series.value.length); i--)
    if (Number.isFinite(series.value[i])) end.push(series.value[i])
  if (end.length < 3) return null
  const count = end.length
  end.sort((a, b) => a - b)
  const level = end[Math.floor((end.length - 1) / 2)]
  // memory left (a free heap) at 0 has used all there was: at its limit is already out of memory
  const exhausted = series.left !== undefined && level >= limit
  if (!(level > limit) && !exhausted) return null
  const label = seriesLabel(detail)
  const limitText = formatValue(limit, series.unit)
  const where = exhausted
    ? `at its ${limitText} limit: all that was free is used, none left`
    : `above its ${limitText} limit (${formatPercent((level / limit) * 100)} of it)`
  return makeFinding(
    series.id,
    'oom-risk',
    seriesSource(detail),
    label,
    'fail',
    `${label} stands at ${formatValue(level, series.unit)} at the end of the run (median of its last ${count} readings), ${where}`,
    {
      limit,
      level: round(level),
      aboveLimit: true,
      hoursToLimit: 0,
      threshold: exhausted ? `under the ${limitText} limit` : `at or under the ${limitText} limit`
    }
  )
}

/**
 * oom-risk from a GC log alone: consecutive full collections that each left
 * the heap (or its old generation) at least 98 % full and freed almost
 * nothing. The collector has nothing left to take; the next allocation that
 * does not fit is an OutOfMemoryError, whatever the trend of the readings.
 */
export function exhaustedHeapFinding(
  file: string,
  exhaustion: HeapExhaustion
): Finding & { key: string } {
  const { space, collections, after, capacity, mostFreed, firstLine, lastLine } = exhaustion
  const what = space === 'heap' ? 'heap' : `old generation (${space})`
  const percent = (after / capacity) * 100
  // floored: 99.987 % is not "100.0%" full
  return makeFinding(
    `${file}:${GC_LOG_METRIC}`,
    'oom-risk',
    file,
    GC_LOG_METRIC,
    'fail',
    `${what} still ${(Math.floor(percent * 100) / 100).toFixed(2)}% full after ${collections} consecutive full collections (${file}:${firstLine}–${lastLine}: ${formatValue(after, 'bytes')} of ${formatValue(capacity, 'bytes')} after the last), each freeing at most ${formatValue(mostFreed, 'bytes')}: the collector finds nothing to free, an OutOfMemoryError is imminent whatever the trend`,
    {
      space,
      fullCollections: collections,
      afterBytes: after,
      capacityBytes: capacity,
      percentFull: round(percent),
      mostFreedBytes: mostFreed,
      firstLine,
      lastLine
    }
  )
}

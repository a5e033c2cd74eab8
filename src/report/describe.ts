/**
 * Words and numbers shared by every renderer, as plain (unescaped) text: the
 * verdict's label, a series' window, slope and status, a finding's threshold.
 * Each renderer escapes what it takes from here for its own output.
 */
import type { Finding, Report, SeriesAnalysis, SnapshotAnalysis, Verdict } from '../model.js'
import {
  formatCount,
  formatDuration,
  formatHours,
  formatInterval,
  formatPValue,
  formatSignedRate,
  formatSignedValue,
  formatTime,
  formatValue
} from '../analyze/format.js'

/** Icon and words of a verdict, as the first line shows them. */
export const VERDICT_LABEL: Record<Verdict, { icon: string; word: string; title: string }> = {
  fail: { icon: '❌', word: 'fail', title: 'Leak found' },
  warn: { icon: '⚠️', word: 'warn', title: 'Possible leak' },
  pass: { icon: '✅', word: 'pass', title: 'No leak found' },
  error: { icon: '⛔', word: 'error', title: 'Could not analyse' }
}

/** Icon and word of a metric's status. */
export const STATUS_LABEL: Record<SeriesAnalysis['status'], { icon: string; word: string }> = {
  leak: { icon: '🔴', word: 'leak' },
  warn: { icon: '🟡', word: 'warn' },
  ok: { icon: '🟢', word: 'ok' }
}

/** Icon of a finding's level. */
export const LEVEL_ICON: Record<Finding['level'], string> = { fail: '❌', warn: '⚠️' }

/** The series analyses of a report, in order. */
export function seriesOf(report: Report): SeriesAnalysis[] {
  return report.metrics.filter((metric): metric is SeriesAnalysis => metric.kind === 'series')
}

/** The snapshot analyses of a report, in order. */
export function snapshotsOf(report: Report): SnapshotAnalysis[] {
  return report.metrics.filter((metric): metric is SnapshotAnalysis => metric.kind === 'snapshot')
}

/** `MemUsage (api)`: the metric name with its group. */
export function seriesName(series: Pick<SeriesAnalysis, 'metric' | 'group'>): string {
  return series.group ? `${series.metric} (${series.group})` : series.metric
}

/** `3 findings (2 fail, 1 warn)`, `no findings`. */
export function countFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'no findings'
  const fails = findings.filter((finding) => finding.level === 'fail').length
  const warns = findings.length - fails
  const noun = findings.length === 1 ? 'finding' : 'findings'
  const parts = [fails ? `${fails} fail` : '', warns ? `${warns} warn` : ''].filter(Boolean)
  return `${findings.length} ${noun} (${parts.join(', ')})`
}

/**
 * What a finding was compared with: `evidence.threshold` when the analysis
 * wrote one (preferred: it is already worded), else built from the evidence
 * keys the signatures use (`tolerance`, `budget`, `minimumPercent`,
 * `horizonHours`, `tolerancePercent`).
 */
export function thresholdOf(finding: Finding): string {
  const evidence = finding.evidence
  const text = (key: string): string | undefined => {
    const value = evidence[key]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
  }
  const number = (key: string): number | undefined => {
    const value = evidence[key]
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined
  }
  const threshold = text('threshold')
  if (threshold !== undefined) return threshold
  const parts: string[] = []
  const tolerance = text('tolerance')
  if (tolerance !== undefined) parts.push(`tolerance ${tolerance}`)
  const budget = number('budget')
  if (budget !== undefined) {
    const unit = text('unit')
    const amount =
      unit === 'bytes' || unit === 'percent' || unit === 'count'
        ? formatValue(budget, unit)
        : formatCount(budget)
    const work = text('workName')
    parts.push(`budget ${amount}${work ? ` per ${singular(work)}` : ' per unit of work'}`)
  }
  const minimum = number('minimumPercent')
  if (minimum !== undefined) parts.push(`at least ${formatCount(minimum)}% collected`)
  const horizon = number('horizonHours')
  if (horizon !== undefined) parts.push(`limit reached within ${formatHours(horizon)}`)
  const worse = number('tolerancePercent')
  if (worse !== undefined) parts.push(`worse than the base run by more than ${formatCount(worse)}%`)
  return parts.length ? parts.join('; ') : '—'
}

/** Length of the whole series and of its warm-up, when the time axis is known. */
export function seriesSpan(series: SeriesAnalysis): { total?: number; warmup?: number } {
  if (series.timeBase === 'none' || series.start === null || series.end === null) return {}
  const total = series.end - series.start
  const warmup = series.steadyStart !== null ? series.steadyStart - series.start : undefined
  return { total, warmup }
}

/**
 * The steady window in words: `10:19 → 10:58 UTC (39 min; warm-up 5 min
 * excluded)`, or sample counts when the series has no time axis.
 */
export function describeWindow(series: SeriesAnalysis): string {
  const { timeBase, steadyStart, steadyEnd, start, end } = series
  if (timeBase === 'none' || steadyStart === null || steadyEnd === null) {
    const warm = series.warmupPoints ? `; warm-up ${formatCount(series.warmupPoints)} excluded` : ''
    return `${formatCount(series.samples)} samples${warm}`
  }
  const multiDay =
    start !== null && end !== null && timeBase === 'epoch' && end - start >= 86_400_000
  const zone = timeBase === 'epoch' ? ' UTC' : ''
  const from = formatTime(steadyStart, timeBase, multiDay)
  const to = formatTime(steadyEnd, timeBase, multiDay)
  const warmupMs = start !== null ? steadyStart - start : 0
  const warm = warmupMs > 0 ? `; warm-up ${formatDuration(warmupMs)} excluded` : ''
  return `${from} → ${to}${zone} (${formatDuration(steadyEnd - steadyStart)}${warm})`
}

/** `182 MiB → 311 MiB`. */
export function describeStartEnd(series: SeriesAnalysis): string {
  return `${formatValue(series.firstValue, series.unit)} → ${formatValue(series.lastValue, series.unit)}`
}

/** `+150 MiB/h`, with `(95 % CI +147 MiB … +153 MiB)` when `withInterval`. */
export function describeSlope(series: SeriesAnalysis, withInterval = true): string {
  const rate = formatSignedRate(series.slopePerHour, series.unit)
  const interval = formatInterval(series.slopeLowPerHour, series.slopeHighPerHour, series.unit)
  return withInterval && interval ? `${rate} (95 % CI ${interval})` : rate
}

/** The floor's slope with its p-value: `+148 MiB/h (p < 0.001)`. */
export function describeFloor(series: SeriesAnalysis): string {
  if (series.floorSlopePerHour === null) return '—'
  const p = series.floorPValue !== null ? ` (${formatPValue(series.floorPValue)})` : ''
  return `${formatSignedRate(series.floorSlopePerHour, series.unit)}${p}`
}

/** Growth per unit of work: `+2.09 KiB per request (CI +2.01 KiB … +2.17 KiB)`. */
export function describePerWork(series: SeriesAnalysis, withInterval = true): string {
  if (series.slopePerWork === null) return '—'
  const per = singular(series.workName ?? 'unit of work')
  const interval = formatInterval(series.slopePerWorkLow, series.slopePerWorkHigh, series.unit)
  const main = `${formatSignedValue(series.slopePerWork, series.unit)} per ${per}`
  return withInterval && interval ? `${main} (95 % CI ${interval})` : main
}

/** `🔴 leak · limit in 4 h 44 min`. */
export function describeStatus(metric: SeriesAnalysis | SnapshotAnalysis): string {
  const label = STATUS_LABEL[metric.status]
  const eta =
    metric.kind === 'series' && metric.hoursToLimit !== null && metric.hoursToLimit >= 0
      ? ` · limit in ${formatHours(metric.hoursToLimit)}`
      : ''
  return `${label.icon} ${label.word}${eta}`
}

/** Snapshot growth per unit of work: `325 KiB per tenant (50 tenants)`. */
export function describeSnapshotPerWork(snapshot: SnapshotAnalysis): string {
  if (snapshot.perWork === null) return '—'
  const per = singular(snapshot.workName ?? 'unit of work')
  const work =
    snapshot.work !== undefined ? ` (${formatCount(snapshot.work)} ${snapshot.workName ?? ''})` : ''
  return `${formatSignedValue(snapshot.perWork, snapshot.unit)} per ${per}${work}`.trim()
}

/** `requests` → `request`: work names are usually plural column names. */
export function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.replace(/ies$/, 'y')
  if (/(ss|us)$/.test(noun)) return noun
  return noun.replace(/s$/, '')
}

/**
 * One sentence under the verdict line that answers what leaked, how fast,
 * since when and how sure we are (fail/warn), or what was checked (pass).
 */
export function describeHeadline(report: Report): string {
  const series = seriesOf(report)
  const snapshots = snapshotsOf(report)
  if (report.verdict === 'error') {
    const n = report.errors.length
    return `${n} ${n === 1 ? 'problem' : 'problems'} with the inputs or the configuration; nothing is claimed about leaks until they are fixed.`
  }
  const worst = series.find((s) => s.status === 'leak') ?? series.find((s) => s.status === 'warn')
  if ((report.verdict === 'fail' || report.verdict === 'warn') && worst) {
    const since =
      worst.steadyStart !== null && worst.timeBase !== 'none'
        ? ` since ${formatTime(worst.steadyStart, worst.timeBase)}${worst.timeBase === 'epoch' ? ' UTC' : ''}`
        : ''
    const sure = worst.pValue !== null ? `, Mann–Kendall ${formatPValue(worst.pValue)}` : ''
    const interval = formatInterval(worst.slopeLowPerHour, worst.slopeHighPerHour, worst.unit)
    const eta =
      worst.hoursToLimit !== null && worst.limit !== undefined
        ? `; at this rate it reaches its ${formatValue(worst.limit, worst.unit)} limit in ${formatHours(worst.hoursToLimit)}`
        : ''
    const work = worst.slopePerWork !== null ? ` (${describePerWork(worst, false)})` : ''
    return `${seriesName(worst)} grows ${formatSignedRate(worst.slopePerHour, worst.unit)}${work}${since} (95 % CI ${interval || 'n/a'}${sure})${eta}.`
  }
  const worstSnapshot = snapshots.find((s) => s.status !== 'ok')
  if ((report.verdict === 'fail' || report.verdict === 'warn') && worstSnapshot) {
    return `${worstSnapshot.metric} is ${formatSignedValue(worstSnapshot.delta, worstSnapshot.unit)} after the load (${formatValue(worstSnapshot.baseline, worstSnapshot.unit)} → ${formatValue(worstSnapshot.post, worstSnapshot.unit)}).`
  }
  if (report.verdict === 'fail' || report.verdict === 'warn') {
    return report.findings[0]?.message ?? ''
  }
  const parts: string[] = []
  if (series.length) parts.push(`${series.length} series`)
  if (snapshots.length) parts.push(`${snapshots.length} snapshot metrics`)
  const spans = series.map(seriesSpan).filter((span) => span.total !== undefined)
  const longest = spans.length ? Math.max(...spans.map((span) => span.total ?? 0)) : undefined
  const over = longest ? ` over ${formatDuration(longest)}` : ''
  const checked = parts.length ? `${parts.join(' and ')} checked${over}` : 'nothing to check'
  return `${checked}: no significant growth beyond the tolerances.`
}

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
  formatRateInterval,
  formatSignedRate,
  formatSignedValue,
  formatTime,
  formatValue,
  needsSeconds,
  type TimeFormat
} from '../analyze/format.js'
import { workNoun } from '../analyze/describe.js'
import { acrossRestarts, describeKept } from '../analyze/leak-rows.js'
import { presentationOf, type LeakRow } from '../analyze/presentation.js'
import { metricRank, seriesOf, singular, usedOutOf } from '../analyze/report-parts.js'

export {
  findingIsOn,
  isInsufficient,
  judgedCounts,
  metricRank,
  // a report names a series as its values show it (a free heap as the memory used out of it)
  shownSeriesName as seriesName,
  seriesOf,
  usedOutOf,
  seriesOfFinding,
  singular,
  snapshotsOf
} from '../analyze/report-parts.js'
export { describeUnjudged } from '../analyze/headline.js'

/** Icon and words of a verdict, as the first line shows them. */
export const VERDICT_LABEL: Record<Verdict, { icon: string; word: string; title: string }> = {
  fail: { icon: '❌', word: 'fail', title: 'Leak found' },
  warn: { icon: '⚠️', word: 'warn', title: 'Possible leak' },
  pass: { icon: '✅', word: 'pass', title: 'No leak found' },
  error: { icon: '⛔', word: 'error', title: 'Could not analyse' }
}

/**
 * The title next to the verdict, as analysis decided it (`presentation.headline.title`):
 * the verdict's own, or "Not enough data" for a warn that only says some series could not be judged.
 */
export function verdictTitle(report: Report): string {
  return presentationOf(report).headline.title
}

/** Icon and word of a metric's status. */
export const STATUS_LABEL: Record<SeriesAnalysis['status'], { icon: string; word: string }> = {
  leak: { icon: '🔴', word: 'leak' },
  warn: { icon: '🟡', word: 'warn' },
  ok: { icon: '🟢', word: 'ok' },
  suppressed: { icon: '⚪', word: 'suppressed' }
}

/** Icon of a finding's level. */
export const LEVEL_ICON: Record<Finding['level'], string> = { fail: '❌', warn: '⚠️' }

/** `3 findings (2 fail, 1 warn)`, `no findings`; `, 2 suppressed` when `ignore:` hid some. */
export function countFindings(findings: Finding[], suppressed = 0): string {
  const counted = countActive(findings)
  return suppressed > 0 ? `${counted}, ${suppressed} suppressed` : counted
}

function countActive(findings: Finding[]): string {
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
 * How times of a series are written: with seconds when the whole run is
 * shorter than about an hour (`04:41:05`), with the date when it spans a day.
 */
export function timeFormatOf(series: SeriesAnalysis): TimeFormat {
  const { total } = seriesSpan(series)
  if (total === undefined) return {}
  return { seconds: needsSeconds(total), date: series.timeBase === 'epoch' && total >= 86_400_000 }
}

/** `04:41:05 UTC`, `13:51 UTC`, `01:02:03` (clock), '' without a time axis. */
export function describeInstant(series: SeriesAnalysis, ms: number | null): string {
  if (ms === null || series.timeBase === 'none' || !Number.isFinite(ms)) return ''
  const zone = series.timeBase === 'epoch' ? ' UTC' : ''
  return `${formatTime(ms, series.timeBase, timeFormatOf(series))}${zone}`
}

/**
 * A series as the tables and charts show it: its own figures (the analysis
 * already moved them to the last half when a late leak was decided there),
 * the window analysis chose to show (`presentation.views`) and that window's
 * trend line for the chart.
 */
export interface SeriesView extends SeriesAnalysis {
  /** The narrower window that decided, when it is not the whole steady window. */
  decided?: { start: number | null; end: number | null }
  /** Length of the steady window, of the warm-up and of the shown window, and where it starts (ms), as analysis measured them. */
  steadyMs?: number | null
  warmupMs?: number | null
  windowMs?: number | null
  startOffsetMs?: number | null
}

/**
 * The lines a finding judged within segments draws: its common slope through each segment's own
 * points (the median residual), so a rise cut by a restart or a heap handed back is shown where it
 * was measured, never as one line across the fall. Null for any other finding.
 */
function segmentTrendsOf(
  chart: SeriesAnalysis['chart'],
  finding: Finding
): NonNullable<SeriesAnalysis['chart']['segmentTrends']> | null {
  const e = finding.evidence
  if (e.basis !== 'segments' || !chart.segments || chart.segments.length < 2) return null
  const slope =
    chart.xAxis === 'time'
      ? typeof e.slopePerHour === 'number'
        ? e.slopePerHour / 3_600_000
        : null
      : typeof e.slopePerX === 'number'
        ? e.slopePerX
        : null
  if (slope === null || !Number.isFinite(slope)) return null
  const lines: NonNullable<SeriesAnalysis['chart']['segmentTrends']> = []
  for (const { x0, x1 } of chart.segments) {
    const residuals: number[] = []
    chart.x.forEach((x, i) => {
      const y = chart.value[i]
      if (x >= x0 && x <= x1 && Number.isFinite(y)) residuals.push(y - slope * (x - x0))
    })
    if (residuals.length < 2) continue
    residuals.sort((a, b) => a - b)
    const middle = Math.floor(residuals.length / 2)
    const y0 =
      residuals.length % 2 ? residuals[middle] : (residuals[middle - 1] + residuals[middle]) / 2
    lines.push({ x0, x1, y0, slope })
  }
  return lines.length >= 2 ? lines : null
}

/** The series of a report with the window analysis chose for each (see {@link SeriesView}). */
export function seriesViewsOf(report: Report): SeriesView[] {
  const views = presentationOf(report).views
  return seriesOf(report).map((series) => {
    const view = views.find((v) => v.id === series.id)
    if (!view) return series
    const shown: SeriesView = {
      ...series,
      steadyMs: view.steadyMs,
      warmupMs: view.warmupMs,
      windowMs: view.windowMs,
      startOffsetMs: view.startOffsetMs,
      chart: { ...series.chart, trend: view.trend }
    }
    const decisive = view.findingId
      ? report.findings.find((f) => f.id === view.findingId)
      : undefined
    const segmentTrends = decisive ? segmentTrendsOf(series.chart, decisive) : null
    if (segmentTrends) shown.chart = { ...shown.chart, segmentTrends }
    if (view.window === 'last-half') shown.decided = { start: view.start, end: view.end }
    return shown
  })
}

/**
 * The window in words: `10:19 → 10:58 UTC (39 min; warm-up 5 min
 * excluded)`; seconds when the run is short (`04:41:08 → 04:41:43 UTC (35 s;
 * …)`); the deciding window when it is narrower (`04:41:26 → 04:41:43 UTC
 * (last 17 s of the 35 s steady window; …)`); sample counts without a time axis.
 */
export function describeWindow(series: SeriesView): string {
  const { timeBase, steadyStart, steadyEnd, start } = series
  if (timeBase === 'none' || steadyStart === null || steadyEnd === null) {
    const warm = series.warmupPoints ? `; warm-up ${formatCount(series.warmupPoints)} excluded` : ''
    return `${formatCount(series.samples)} samples${warm}`
  }
  const format = timeFormatOf(series)
  const zone = timeBase === 'epoch' ? ' UTC' : ''
  // Lengths as analysis measured them (presentation.views); the series' own times for older reports.
  const warmupMs = series.warmupMs ?? (start !== null ? steadyStart - start : 0)
  const warm = warmupMs > 0 ? `; warm-up ${formatDuration(warmupMs)} excluded` : ''
  const steady = formatDuration(series.steadyMs ?? steadyEnd - steadyStart)
  const decided = series.decided
  if (decided && decided.start !== null && decided.end !== null) {
    const from = formatTime(decided.start, timeBase, format)
    const to = formatTime(decided.end, timeBase, format)
    const size = formatDuration(series.windowMs ?? decided.end - decided.start)
    return `${from} → ${to}${zone} (last ${size} of the ${steady} steady window${warm})`
  }
  const from = formatTime(steadyStart, timeBase, format)
  const to = formatTime(steadyEnd, timeBase, format)
  return `${from} → ${to}${zone} (${steady}${warm})`
}

/**
 * `182 MiB → 311 MiB`: the steady window's first and last sample, as the
 * Trends table's heading ("after warm-up") promises; the warm-up's first
 * sample only for reports written before `steadyFirstValue` existed.
 */
export function describeStartEnd(series: SeriesAnalysis): string {
  const start = series.steadyFirstValue ?? series.firstValue
  return `${formatValue(start, series.unit)} → ${formatValue(series.lastValue, series.unit)}`
}

/** `+150 MiB/h`, with `(95 % CI +147 … +153 MiB/h)` when `withInterval`. */
export function describeSlope(series: SeriesAnalysis, withInterval = true): string {
  const rate = formatSignedRate(series.slopePerHour, series.unit)
  const interval = formatRateInterval(series.slopeLowPerHour, series.slopeHighPerHour, series.unit)
  return withInterval && interval ? `${rate} (95 % CI ${interval})` : rate
}

/**
 * The floor's slope with its p-value: `+148 MiB/h (p < 0.001)`; says which
 * window when it is not the one the slope was measured on (`…, whole steady window`).
 */
export function describeFloor(series: SeriesAnalysis): string {
  if (series.floorSlopePerHour === null) return '—'
  const trendLate = series.trendWindow === 'last-half'
  const floorLate = series.floorWindow === 'last-half'
  const where = trendLate === floorLate ? '' : floorLate ? ', last half' : ', whole steady window'
  const p = series.floorPValue !== null ? formatPValue(series.floorPValue) : ''
  const note = p || where ? ` (${[p, where.slice(2)].filter(Boolean).join(', ')})` : ''
  return `${formatSignedRate(series.floorSlopePerHour, series.unit)}${note}`
}

/** Growth per unit of work: `+2.09 KiB per request (95 % CI +2.01 KiB … +2.17 KiB)`. */
export function describePerWork(series: SeriesAnalysis, withInterval = true): string {
  if (series.slopePerWork === null) return '—'
  const per = singular(series.workName ?? 'unit of work')
  const interval = formatInterval(series.slopePerWorkLow, series.slopePerWorkHigh, series.unit)
  const main = `${formatSignedValue(series.slopePerWork, series.unit)} per ${per}`
  return withInterval && interval ? `${main} (95 % CI ${interval})` : main
}

/** Kinds whose values only ever rise (cumulative counters): their slope is not a leak by itself. */
export function isCounter(series: SeriesAnalysis): boolean {
  return series.metricKind === 'created' || series.metricKind === 'collected'
}

/** `🔴 leak · limit in 4 h 44 min`; `🟢 ok · counter` for cumulative counters. */
export function describeStatus(metric: SeriesAnalysis | SnapshotAnalysis): string {
  const label = STATUS_LABEL[metric.status]
  const eta =
    metric.kind === 'series' && metric.hoursToLimit !== null && metric.hoursToLimit >= 0
      ? ` · limit in ${formatHours(metric.hoursToLimit)}`
      : ''
  const counter =
    metric.kind === 'series' && isCounter(metric) && metric.status === 'ok'
      ? ' · counter (rises by design)'
      : ''
  return `${label.icon} ${label.word}${eta}${counter}`
}

/** Snapshot growth per unit of work: `325 KiB per tenant (50 tenants)`. */
export function describeSnapshotPerWork(snapshot: SnapshotAnalysis): string {
  if (snapshot.perWork === null) return '—'
  const per = singular(snapshot.workName ?? 'unit of work')
  const work =
    snapshot.work !== undefined
      ? ` (${formatCount(snapshot.work)} ${workNoun(snapshot.workName, snapshot.work, '')})`
      : ''
  return `${formatSignedValue(snapshot.perWork, snapshot.unit)} per ${per}${work}`.trim()
}

/** `heapUsed +2.1 KiB per request`, `—`: a leak row's cost per unit of work. */
export function describeRowCost(row: LeakRow): string {
  if (!row.perWork) return '—'
  const metric = usedOutOf(row.perWork.metric.replace(/\[[^\]]*\]$/, ''), row.perWork.left)
  const per = singular(row.perWork.workName)
  const own = row.perWork.snapshot
  const kept = own
    ? ` kept after ${own.forced ? 'a forced collection' : 'the load'}`
    : row.perWork.kept
      ? ` (${describeKept(row.perWork.kept, row.perWork.unit, per)})`
      : ''
  // the snapshot's cost in a row named by another file (a gctrace's) is said under its own file
  const file = own?.file !== undefined && own.file !== row.unit ? `${own.file}: ` : ''
  return `${file}${metric} ${formatSignedValue(row.perWork.value, row.perWork.unit)} per ${per}${kept}`
}

/** `1 GiB in 16 min (MemUsage)`, `—`: when a leak row reaches its memory limit. */
export function describeRowLimit(row: LeakRow): string {
  if (!row.limit) return '—'
  if (row.limit.aboveLevel !== undefined) {
    const limit = row.limit.limit !== null ? ` ${formatValue(row.limit.limit, 'bytes')}` : ''
    // memory left at 0 stands at its limit, not above it: all that was free is used
    if (row.limit.limit !== null && row.limit.aboveLevel <= row.limit.limit)
      return `reached${limit} (none left)`
    return `above${limit} (at ${formatValue(row.limit.aboveLevel, 'bytes')})`
  }
  const killed = row.limit.killedAfterMs
  if (killed !== undefined) {
    const at = row.limit.limit !== null ? ` at ${formatValue(row.limit.limit, 'bytes')}` : ''
    return `killed${at}${killed !== null ? ` ${formatDuration(killed)} in` : ''}`
  }
  const limit = row.limit.limit !== null ? `${formatValue(row.limit.limit, 'bytes')} in ` : ''
  return `${limit}${formatHours(row.limit.hoursToLimit)}`
}

/**
 * `+35.7 MiB over the 35 s measured` (a short window: no projection), or
 * `+150 MiB/h over 39 min` when the window measured says a rate honestly.
 */
export function describeRowGrowth(row: LeakRow): string {
  const growth = row.growth
  // Memory kept after the load with no trend behind it: the row's own sentence says how much.
  if (
    !growth &&
    row.signature === 'retained-after-load' &&
    row.sentence.startsWith(`${row.unit}: `)
  )
    return row.sentence.slice(row.unit.length + 2).replace(/\.$/, '')
  if (!growth) return '—'
  const metric = usedOutOf(growth.metric.replace(/\[[^\]]*\]$/, ''), growth.left)
  const restarts = growth.restarts ? ` ${acrossRestarts(growth.restarts)}` : ''
  if (growth.perHour !== null)
    return `${metric} ${formatSignedRate(growth.perHour, growth.unit)}${growth.windowMs !== null ? ` over ${formatDuration(growth.windowMs)}` : ''}${restarts}`
  const over =
    growth.windowMs !== null
      ? `over the ${formatDuration(growth.windowMs)} measured`
      : 'over the steady window'
  return `${metric} ${formatSignedValue(growth.amount, growth.unit)} ${over}${restarts}`
}

/** The finding the headline speaks for (analysis' choice, `presentation.headline.findingId`). */
export function decisiveFinding(report: Report): Finding | undefined {
  const id = presentationOf(report).headline.findingId
  return id === undefined ? undefined : report.findings.find((finding) => finding.id === id)
}

/** The sentence under the verdict line, as analysis wrote it (`presentation.headline.sentence`). */
export function describeHeadline(report: Report): string {
  return presentationOf(report).headline.sentence
}

/**
 * The healthy explanations, strongest reasons first: a memory series judged
 * by its GC floor, then objects that are collected, then snapshot budgets,
 * then the rest; constant series last. Live heap before process memory.
 */
export function orderHealthy(lines: string[]): string[] {
  const strength = (line: string): number => {
    if (/constant at/i.test(line) && !/collected/i.test(line)) return 4
    if (/floor|limit/i.test(line)) return 0
    if (/collected/i.test(line)) return 1
    if (/budget|after load|fell/i.test(line)) return 2
    return 3
  }
  return lines
    .map((line, index) => {
      const name = line.split(/[:( ]/)[0] ?? ''
      return { line, key: [strength(line), metricRank(name), index] }
    })
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2])
    .map((entry) => entry.line)
}

/** Whether a series stays flat (within 0.1 % of its level) after warm-up. */
export function isConstant(series: SeriesAnalysis): boolean {
  const chart = series.chart
  const from = chart.warmupEndX ?? -Infinity
  const values = chart.x.flatMap((x, i) => (x >= from ? [chart.floor[i], chart.peak[i]] : []))
  const finite = values.filter(Number.isFinite)
  if (finite.length < 2) return false
  const low = Math.min(...finite)
  const high = Math.max(...finite)
  return high - low <= Math.abs(high) * 0.001
}

/**
 * Which base run a regression comparison used, in words: the merge-base
 * commit's run, or the branch's newest usable run (and why). '' when the
 * report does not say (a base given on the command line).
 */
export function describeBaseChoice(base: { chosen?: string; mergeBase?: string }): string {
  if (base.chosen === 'merge-base') return "the run of the pull request's merge-base commit"
  if (base.chosen === 'latest')
    return base.mergeBase
      ? `the newest usable run: the merge-base commit ${base.mergeBase.slice(0, 7)} has none`
      : 'the newest usable run of the branch'
  return ''
}

/**
 * The trend column: `p = 0.39`, or, for a series cut at a restart,
 * `p = 0.003 within 2 segments (p = 0.39 across the restart)`.
 */
export function describeTrendTest(s: SeriesAnalysis): string {
  if (!s.segments) return formatPValue(s.pValue)
  const across = s.segments.restarts === 1 ? 'the restart' : `${s.segments.restarts} restarts`
  return `${formatPValue(s.segments.pValue)} within ${s.segments.count} segments (${formatPValue(s.pValue)} across ${across})`
}

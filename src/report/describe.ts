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
  formatSignedPercent,
  formatSignedRate,
  formatSignedValue,
  formatTime,
  formatValue,
  needsSeconds,
  type TimeFormat
} from '../analyze/format.js'
import { countProblems } from './error-count.js'
import { memoryDirectness } from '../understand/names.js'

/** Icon and words of a verdict, as the first line shows them. */
export const VERDICT_LABEL: Record<Verdict, { icon: string; word: string; title: string }> = {
  fail: { icon: '❌', word: 'fail', title: 'Leak found' },
  warn: { icon: '⚠️', word: 'warn', title: 'Possible leak' },
  pass: { icon: '✅', word: 'pass', title: 'No leak found' },
  error: { icon: '⛔', word: 'error', title: 'Could not analyse' }
}

/** Whether a finding is the `insufficient-data` notice (a series too short to judge), not a leak. */
export function isInsufficient(finding: Finding): boolean {
  return finding.signature === 'insufficient-data'
}

/**
 * The series the report could not judge (too few samples) and how many it
 * has: `judged` counts the rest. A series with no samples at all is not in
 * `metrics`, so the total counts its finding too.
 */
export function judgedCounts(report: Report): { unjudged: Finding[]; total: number } {
  const unjudged = report.findings.filter(isInsufficient)
  const series = seriesIndex(report)
  const outside = unjudged.filter((f) => !series.byKey.has(findingKey(f))).length
  return { unjudged, total: series.count + outside }
}

/**
 * The title next to the verdict: {@link VERDICT_LABEL}'s, except for a warn
 * that only says some series could not be judged (no leak signature fired):
 * "Not enough data", never "Possible leak" nor "No leak found".
 */
export function verdictTitle(report: Report): string {
  const { unjudged, total } = judgedCounts(report)
  if (
    report.verdict === 'warn' &&
    unjudged.length > 0 &&
    unjudged.length === report.findings.length
  )
    return unjudged.length >= total && snapshotsOf(report).length === 0
      ? 'Not enough data'
      : 'Not enough data for some series'
  if (report.verdict === 'pass' && report.suppressed.length > 0)
    return 'No leak found except suppressed ones'
  return VERDICT_LABEL[report.verdict].title
}

/**
 * `Could not judge 2 of 5 series (rss: 5 samples over 4 min …; and 1 more)`:
 * the sentence a report with `insufficient-data` findings carries, '' without.
 */
export function describeUnjudged(report: Report): string {
  const { unjudged, total } = judgedCounts(report)
  if (unjudged.length === 0) return ''
  const more = unjudged.length > 1 ? `; and ${unjudged.length - 1} more` : ''
  return `Could not judge ${unjudged.length} of ${total} series (${unjudged[0].message}${more})`
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
 * A series as the tables and charts show it. When a finding was decided on
 * a narrower window than the whole steady part (the last half, where a late
 * leak shows), the slope, interval, p-values and per-work figures are that
 * window's, and `decided` says which window it was, so a row never says
 * "leak" next to the numbers of a window that did not decide it.
 */
export interface SeriesView extends SeriesAnalysis {
  /** The narrower window that decided, and the finding decided on it (when there is one). */
  decided?: { start: number | null; end: number | null; finding?: Finding }
}

/** Whether a finding is about this series (`source` is `file[group]`, `metric` is `metric[group]`). */
export function findingIsOn(finding: Finding, series: SeriesAnalysis): boolean {
  return findingKey(finding) === seriesKey(series)
}

/** The key that ties a finding to its series: its `source` and `metric`. */
function findingKey(finding: Pick<Finding, 'source' | 'metric'>): string {
  return `${finding.source}\u0000${finding.metric}`
}

/** The {@link findingKey} of the findings about a series (`file[group]`, `metric[group]`). */
function seriesKey(series: SeriesAnalysis): string {
  return series.group !== undefined
    ? `${series.file}[${series.group}]\u0000${series.metric}[${series.group}]`
    : `${series.file}\u0000${series.metric}`
}

/**
 * Lookups built once per array instead of a scan per question: with 5,000
 * series and as many findings, scanning every series for every finding made
 * rendering quadratic (15 s). Rebuilt when the array's length changes.
 */
const seriesIndexes = new WeakMap<
  Report['metrics'],
  { length: number; count: number; byKey: Map<string, SeriesAnalysis> }
>()
const findingIndexes = new WeakMap<Finding[], { length: number; byKey: Map<string, Finding[]> }>()

/** The report's series by {@link seriesKey} (the first of equal keys) and their count. */
function seriesIndex(report: Report): { count: number; byKey: Map<string, SeriesAnalysis> } {
  const cached = seriesIndexes.get(report.metrics)
  if (cached && cached.length === report.metrics.length) return cached
  const series = seriesOf(report)
  const byKey = new Map<string, SeriesAnalysis>()
  for (const one of series) {
    const key = seriesKey(one)
    if (!byKey.has(key)) byKey.set(key, one)
  }
  const built = { length: report.metrics.length, count: series.length, byKey }
  seriesIndexes.set(report.metrics, built)
  return built
}

/** Findings by {@link findingKey}, in their order. */
function findingsByKey(findings: Finding[]): Map<string, Finding[]> {
  const cached = findingIndexes.get(findings)
  if (cached && cached.length === findings.length) return cached.byKey
  const byKey = new Map<string, Finding[]>()
  for (const finding of findings) {
    const key = findingKey(finding)
    const list = byKey.get(key)
    if (list) list.push(finding)
    else byKey.set(key, [finding])
  }
  findingIndexes.set(findings, { length: findings.length, byKey })
  return byKey
}

/** The series a finding is about, when it is about a series. */
export function seriesOfFinding(report: Report, finding: Finding): SeriesAnalysis | undefined {
  return seriesIndex(report).byKey.get(findingKey(finding))
}

function evidenceNumber(finding: Finding, key: string): number | null {
  const value = finding.evidence[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function evidenceText(finding: Finding, key: string): string | null {
  const value = finding.evidence[key]
  return typeof value === 'string' ? value : null
}

/** An evidence time (`formatInstant` output: ISO, `HH:MM:SS (+1 d)`, or a number) back in ms. */
export function parseInstant(text: string | null, series: SeriesAnalysis): number | null {
  if (text === null) return null
  if (series.timeBase === 'epoch') {
    const ms = Date.parse(text)
    return Number.isNaN(ms) ? null : ms
  }
  if (series.timeBase === 'clock') {
    const match = /^(\d\d):(\d\d):(\d\d)(?: \(\+(\d+) d\))?$/.exec(text)
    if (!match) return null
    const [, h, m, s, d] = match
    return ((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000
  }
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

/** Signatures whose evidence is a trend fit over a window of one series, most telling first. */
const TREND_SIGNATURES: Finding['signature'][] = ['sustained-growth', 'rising-floor', 'oom-risk']

/** The series with the numbers of the window that decided its finding (see {@link SeriesView}). */
export function viewSeries(series: SeriesAnalysis, findings: Finding[]): SeriesView {
  const mine = (findingsByKey(findings).get(seriesKey(series)) ?? [])
    .filter((finding) => TREND_SIGNATURES.includes(finding.signature))
    .sort(
      (a, b) =>
        Number(a.level !== 'fail') - Number(b.level !== 'fail') ||
        TREND_SIGNATURES.indexOf(a.signature) - TREND_SIGNATURES.indexOf(b.signature)
    )
  const decisive = mine[0]
  // The analysis says itself which window its figures come from: trust it over the evidence.
  if (series.trendWindow === 'last-half' || series.floorWindow === 'last-half') {
    const own: SeriesView = {
      ...series,
      decided: { start: series.trendWindowStart ?? null, end: series.steadyEnd, finding: decisive }
    }
    own.chart = { ...series.chart, trend: decidedTrend(own, series.trendWindow !== 'last-half') }
    return own
  }
  if (series.trendWindow === 'steady') return steadyView(series)
  const window = decisive ? evidenceText(decisive, 'window') : null
  if (!decisive || window === null || window === 'steady') return steadyView(series)
  const view: SeriesView = {
    ...series,
    decided: {
      start: parseInstant(evidenceText(decisive, 'windowStart'), series),
      end: parseInstant(evidenceText(decisive, 'windowEnd'), series),
      finding: decisive
    }
  }
  const number = (key: string): number | null => evidenceNumber(decisive, key)
  if (decisive.signature === 'rising-floor') {
    // The floor's fit decided; the mean's fit over this window is not known.
    Object.assign(view, {
      slopePerHour: null,
      slopeLowPerHour: null,
      slopeHighPerHour: null,
      pValue: null,
      floorSlopePerHour: number('floorSlopePerHour'),
      floorSlopeLowPerHour: number('floorSlopeLowPerHour'),
      floorSlopeHighPerHour: number('floorSlopeHighPerHour'),
      floorPValue: number('pValue')
    })
  } else {
    Object.assign(view, {
      slopePerHour: number('slopePerHour'),
      slopeLowPerHour: number('slopeLowPerHour'),
      slopeHighPerHour: number('slopeHighPerHour'),
      pValue: number('pValue'),
      floorSlopePerHour: number('floorSlopePerHour'),
      floorSlopeLowPerHour: null,
      floorSlopeHighPerHour: null,
      floorPValue: number('floorPValue')
    })
  }
  view.chart = { ...series.chart, trend: decidedTrend(view, decisive.signature === 'rising-floor') }
  if (number('perWork') !== null) {
    Object.assign(view, {
      slopePerWork: number('perWork'),
      slopePerWorkLow: number('perWorkLow'),
      slopePerWorkHigh: number('perWorkHigh')
    })
  }
  return view
}

/**
 * A trend line anchored on the data it was fitted to: the given slopes (per
 * x unit), through the median residual of the points in [start, end] (the
 * Theil–Sen intercept), so the line never floats above or below its points.
 */
function anchorTrend(
  chart: SeriesAnalysis['chart'],
  ys: number[],
  start: number,
  end: number,
  slopes: { slope: number; slopeLow: number; slopeHigh: number }
): SeriesAnalysis['chart']['trend'] {
  const residuals = chart.x
    .map((x, i) => (x >= start && x <= end ? ys[i] - slopes.slope * (x - start) : NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
  if (residuals.length === 0) return chart.trend
  const middle = residuals.length / 2
  const y0 =
    residuals.length % 2
      ? residuals[Math.floor(middle)]
      : (residuals[middle - 1] + residuals[middle]) / 2
  return { x0: start, y0, ...slopes }
}

/** The chart's trend line over the deciding window, with that window's slope and interval. */
function decidedTrend(view: SeriesView, floor: boolean): SeriesView['chart']['trend'] {
  const chart = view.chart
  const start = view.decided?.start ?? null
  const perHour = floor ? view.floorSlopePerHour : view.slopePerHour
  if (chart.xAxis !== 'time' || start === null || perHour === null) return null
  const low = floor ? view.floorSlopeLowPerHour : view.slopeLowPerHour
  const high = floor ? view.floorSlopeHighPerHour : view.slopeHighPerHour
  return anchorTrend(
    chart,
    floor ? chart.floor : chart.value,
    start,
    view.decided?.end ?? Infinity,
    {
      slope: perHour / 3_600_000,
      slopeLow: (low ?? perHour) / 3_600_000,
      slopeHigh: (high ?? perHour) / 3_600_000
    }
  )
}

/** The steady trend line re-anchored on the steady points (see {@link anchorTrend}). */
function steadyView(series: SeriesAnalysis): SeriesView {
  const chart = series.chart
  if (!chart?.trend || !chart.x.every(Number.isFinite)) return series
  const start = chart.warmupEndX ?? chart.x[0]
  const { slope, slopeLow, slopeHigh } = chart.trend
  const trend = anchorTrend(chart, chart.value, start, Infinity, { slope, slopeLow, slopeHigh })
  return { ...series, chart: { ...chart, trend } }
}

/** The series of a report as the tables show them (see {@link viewSeries}). */
export function seriesViewsOf(report: Report): SeriesView[] {
  return seriesOf(report).map((series) => viewSeries(series, report.findings))
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
  const warmupMs = start !== null ? steadyStart - start : 0
  const warm = warmupMs > 0 ? `; warm-up ${formatDuration(warmupMs)} excluded` : ''
  const steady = formatDuration(steadyEnd - steadyStart)
  const decided = series.decided
  if (decided && decided.start !== null && decided.end !== null) {
    const from = formatTime(decided.start, timeBase, format)
    const to = formatTime(decided.end, timeBase, format)
    const size = formatDuration(decided.end - decided.start)
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
    snapshot.work !== undefined ? ` (${formatCount(snapshot.work)} ${snapshot.workName ?? ''})` : ''
  return `${formatSignedValue(snapshot.perWork, snapshot.unit)} per ${per}${work}`.trim()
}

/** `requests` → `request`: work names are usually plural column names. */
export function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.replace(/ies$/, 'y')
  if (/(ss|us)$/.test(noun)) return noun
  return noun.replace(/s$/, '')
}

/** Signature order when several findings of the same level and metric compete for the headline. */
const HEADLINE_SIGNATURES: Finding['signature'][] = [
  'sustained-growth',
  'rising-floor',
  'oom-risk',
  'per-work-cost',
  'retained-after-load',
  'uncollected-objects',
  'regression',
  'insufficient-data'
]

/** How directly a metric shows leaked memory (0 live heap … 3 counts): one rule, in understand/names.ts. */
export const metricRank: (metric: string, kind?: SeriesAnalysis['metricKind']) => number =
  memoryDirectness

/**
 * The finding the headline speaks for: the first of the highest level,
 * preferring the live heap, then process memory, then a trend over a
 * snapshot comparison (see {@link HEADLINE_SIGNATURES}).
 */
export function decisiveFinding(report: Report): Finding | undefined {
  const snapshots = snapshotsOf(report) // once: per finding it was quadratic in the series
  const rank = (finding: Finding): number[] => {
    const series = seriesOfFinding(report, finding)
    const snapshot = snapshots.find((s) => s.metric === finding.metric)
    return [
      finding.level === 'fail' ? 0 : 1,
      // A leak warning speaks before a series that could not be judged.
      isInsufficient(finding) ? 1 : 0,
      metricRank(finding.metric, series?.metricKind ?? snapshot?.metricKind),
      HEADLINE_SIGNATURES.indexOf(finding.signature)
    ]
  }
  const ranked = report.findings.map((finding, index) => ({
    finding,
    key: [...rank(finding), index]
  }))
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i]
    return 0
  })
  return ranked[0]?.finding
}

/** The headline of a trend finding: what, how fast, since when, how sure. */
function describeTrendFinding(report: Report, finding: Finding, series: SeriesAnalysis): string {
  // The finding's own window and numbers (exact when it is the steady window).
  const view = viewSeries(series, [finding])
  const floor = finding.signature === 'rising-floor'
  const unit = series.unit
  const name = seriesName(series)
  const perHour = floor ? view.floorSlopePerHour : view.slopePerHour
  const low = floor ? view.floorSlopeLowPerHour : view.slopeLowPerHour
  const high = floor ? view.floorSlopeHighPerHour : view.slopeHighPerHour
  const p = floor ? view.floorPValue : view.pValue
  const what = floor ? `${name}'s GC floor (what survives collection) rises` : `${name} grows`
  const workText =
    view.slopePerWork !== null
      ? `${formatSignedValue(view.slopePerWork, unit)} per ${singular(view.workName ?? 'unit of work')}`
      : ''
  let rate: string
  if (perHour !== null)
    rate = `${formatSignedRate(perHour, unit)}${workText ? ` (${workText})` : ''}`
  else if (workText) rate = workText
  else {
    const perX = evidenceNumber(finding, floor ? 'floorSlopePerX' : 'slopePerX')
    rate = perX !== null ? `${formatSignedValue(perX, unit)} per sample` : ''
  }
  const since = describeSince(view)
  const interval = perHour !== null ? formatRateInterval(low, high, unit) : ''
  const sure = [interval ? `95 % CI ${interval}` : '', p !== null ? `trend ${formatPValue(p)}` : '']
    .filter(Boolean)
    .join(', ')
  return `${what} ${rate}${since}${sure ? `; ${sure}` : ''}${describeLimitRisk(report, finding)}.`
}

/** `since 04:41:08 UTC (the whole 35 s steady window after warm-up)`, '' without a time axis. */
function describeSince(series: SeriesView): string {
  if (series.timeBase === 'none' || series.steadyStart === null) return ''
  const start = series.decided?.start ?? series.steadyStart
  const end = series.decided?.end ?? series.steadyEnd ?? start
  if (start === null) return ''
  const steady = formatDuration((series.steadyEnd ?? start) - series.steadyStart)
  const which = series.decided
    ? `the last ${formatDuration(end - start)} of the ${steady} steady window`
    : `the whole ${steady} steady window after warm-up`
  return ` since ${describeInstant(series, start)} (${which})`
}

/** The headline of a per-work-cost finding: cost per unit of work first, then the hourly rate. */
function describePerWorkFinding(report: Report, finding: Finding, series: SeriesAnalysis): string {
  const view = viewSeries(series, [finding])
  const perWork = evidenceNumber(finding, 'perWork') ?? view.slopePerWork
  if (perWork === null) return ''
  const unit = series.unit
  const per = singular(evidenceText(finding, 'workName') ?? series.workName ?? 'unit of work')
  const low = evidenceNumber(finding, 'perWorkLow') ?? view.slopePerWorkLow
  const high = evidenceNumber(finding, 'perWorkHigh') ?? view.slopePerWorkHigh
  const interval = formatInterval(low, high, unit)
  const p = evidenceNumber(finding, 'pValue')
  const sure = [interval ? `95 % CI ${interval}` : '', p !== null ? `trend ${formatPValue(p)}` : '']
    .filter(Boolean)
    .join(', ')
  const hourly =
    view.slopePerHour !== null ? `, that is ${formatSignedRate(view.slopePerHour, unit)}` : ''
  return `${seriesName(series)} grows ${formatSignedValue(perWork, unit)} per ${per}${sure ? ` (${sure})` : ''}${hourly}${describeSince(view)}${describeLimitRisk(report, finding)}.`
}

/** `; at this rate it reaches its 1 GiB limit in 4 h 44 min`, from an oom-risk finding. */
function describeLimitRisk(report: Report, decisive: Finding): string {
  const risks = report.findings.filter((finding) => finding.signature === 'oom-risk')
  const same = risks.find((f) => f.source === decisive.source && f.metric === decisive.metric)
  const risk = same ?? risks[0]
  if (!risk) return ''
  const hours = evidenceNumber(risk, 'hoursToLimit')
  const limit = evidenceNumber(risk, 'limit')
  if (hours === null) return ''
  const series = seriesOfFinding(report, risk)
  const unit = series?.unit ?? 'bytes'
  const limitText = limit !== null ? `its ${formatValue(limit, unit)} limit` : 'its limit'
  if (same) return `; at this rate it reaches ${limitText} in ${formatHours(hours)}`
  const name = series ? seriesName(series) : risk.metric
  const slope = evidenceNumber(risk, 'slopePerHour')
  const at = slope !== null ? ` at ${formatSignedRate(slope, unit)}` : ''
  return `; ${name} reaches ${limitText} in ${formatHours(hours)}${at}`
}

/** The headline of a baseline vs post-test finding. */
function describeSnapshotFinding(finding: Finding, snapshot: SnapshotAnalysis): string {
  const change =
    snapshot.changePercent !== null ? ` (${formatSignedPercent(snapshot.changePercent)})` : ''
  const perWork = snapshot.perWork !== null ? `; ${describeSnapshotPerWork(snapshot)}` : ''
  const verb =
    finding.signature === 'retained-after-load' ? 'is still held after the load stopped' : 'changed'
  return `${snapshot.metric} ${verb}: ${formatSignedValue(snapshot.delta, snapshot.unit)}${change} between the baseline and the post-test snapshot (${formatValue(snapshot.baseline, snapshot.unit)} → ${formatValue(snapshot.post, snapshot.unit)}${perWork}).`
}

/**
 * One sentence under the verdict line that answers what leaked, how fast,
 * since when and how sure we are, in the decisive finding's own numbers
 * (so it never contradicts the findings table); on a pass, what was checked.
 */
export function describeHeadline(report: Report): string {
  const series = seriesOf(report)
  const snapshots = snapshotsOf(report)
  if (report.verdict === 'error') {
    const n = countProblems(report.errors)
    return `${n} ${n === 1 ? 'problem' : 'problems'} with the inputs or the configuration; nothing is claimed about leaks until they are fixed.`
  }
  if (report.verdict === 'fail' || report.verdict === 'warn') {
    const finding = decisiveFinding(report)
    if (!finding) return ''
    const unjudged = describeUnjudged(report)
    if (isInsufficient(finding)) {
      // Nothing but series too short to judge: say so, never "no leak found".
      const { unjudged: list, total } = judgedCounts(report)
      const others = total - list.length
      const judged = [
        others > 0 ? `the other ${others} series` : '',
        snapshots.length ? `${snapshots.length} snapshot metrics` : ''
      ].filter(Boolean)
      const rest = judged.length ? `; no leak found in ${judged.join(' or ')}` : ''
      return `${unjudged}${rest}. Record longer or sample more often.`
    }
    const main = describeFinding(report, finding, snapshots)
    return unjudged ? `${main} ${unjudged}.` : main
  }
  const parts: string[] = []
  if (series.length) parts.push(`${series.length} series`)
  if (snapshots.length) parts.push(`${snapshots.length} snapshot metrics`)
  const histograms = report.classHistograms ?? []
  if (histograms.length)
    parts.push(
      `${histograms.reduce((n, t) => n + t.classes, 0)} classes of ${histograms.length} class histogram sequence${histograms.length > 1 ? 's' : ''}`
    )
  const spans = series.map(seriesSpan).filter((span) => span.total !== undefined)
  const longest = spans.length ? Math.max(...spans.map((span) => span.total ?? 0)) : undefined
  const over = longest ? ` over ${formatDuration(longest)}` : ''
  const checked = parts.length ? `${parts.join(' and ')} checked${over}` : 'nothing to check'
  const suppressed = report.suppressed.length
  if (suppressed > 0) {
    // Never "none grows" over a leak that an `ignore:` entry hid.
    const names = [...new Set(report.suppressed.map((finding) => finding.metric))]
    const shown =
      names.slice(0, 4).join(', ') + (names.length > 4 ? `, and ${names.length - 4} more` : '')
    return `${checked}: ${suppressed} ${suppressed === 1 ? 'finding' : 'findings'} on ${shown} suppressed by \`ignore:\` (see Suppressed); no other grows significantly beyond its tolerance.`
  }
  return `${checked}: none grows significantly beyond its tolerance.`
}

/** The headline sentence of one leak finding, in its own numbers. */
function describeFinding(report: Report, finding: Finding, snapshots: SnapshotAnalysis[]): string {
  const onSeries = seriesOfFinding(report, finding)
  if (onSeries && TREND_SIGNATURES.includes(finding.signature)) {
    return describeTrendFinding(report, finding, onSeries)
  }
  if (onSeries && finding.signature === 'per-work-cost') {
    const text = describePerWorkFinding(report, finding, onSeries)
    if (text) return text
  }
  const snapshot = snapshots.find((s) => s.metric === finding.metric)
  if (
    snapshot &&
    (finding.signature === 'retained-after-load' || evidenceNumber(finding, 'post') !== null)
  ) {
    return describeSnapshotFinding(finding, snapshot)
  }
  return `${finding.message}${describeLimitRisk(report, finding)}`
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

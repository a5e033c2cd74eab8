/**
 * One leak, one row. The same growth shows on a process' heap, its rss and
 * its container's usage, each under two or three signatures: nine findings
 * for one leak. Here the findings are grouped by what leaks (a container, or
 * the process whose files show it), the decisive evidence of each group is
 * picked, and the groups are ranked worst first: cost per unit of work, then
 * time to the limit, then growth. Renderers show a row per group.
 */
import { OUTSIDE_GO_RUNTIME, OUTSIDE_GO_RUNTIME_GLOSS } from './go-runtime.js'
import type { Finding, Report, SeriesAnalysis } from '../model.js'
import {
  formatBytes,
  formatDuration,
  formatHours,
  formatPercent,
  formatPValue,
  formatSignedRate,
  formatSignedValue,
  formatValue
} from './format.js'
import {
  evidenceNumber,
  isInsufficient,
  metricRank,
  seriesName,
  seriesOf,
  seriesOfFinding,
  singular,
  snapshotOfFinding
} from './report-parts.js'
import { COLLECTOR_GOAL_NAME, RESERVED_MEMORY_NAME } from '../understand/names.js'
import { SERIES_QUOTE } from './signatures/leaking-class.js'

/**
 * Shortest measured window over which a per-hour rate is shown: a rate
 * projected from 35 seconds to an hour claims 100 times more than was seen.
 * Shorter windows say `+35.7 MiB over the 35 s measured` instead.
 */
export const HONEST_RATE_MIN_MS = 10 * 60_000

/** What leaks, how fast and how soon it hurts: one row of the leaks table. */
export interface LeakRow {
  /** What leaks: a container's name, or the file(s) of the process. */
  unit: string
  level: 'fail' | 'warn'
  /** The finding that speaks for the row (live heap before rss before container; trend before snapshot). */
  decisiveId: string
  /** The decisive finding's signature, metric and series (when it is about a series). */
  signature: Finding['signature']
  metric: string
  seriesId?: string
  /** Every finding of the row, the decisive one first. */
  findingIds: string[]
  /** Growth per unit of work (value's unit per work unit), from the most direct metric that has it. */
  perWork: {
    value: number
    metric: string
    workName: string
    unit: SeriesAnalysis['unit']
    /** Set when the metric is memory left (a free heap): the value is the memory used out of it. */
    left?: true
    /**
     * What the post-test snapshot of the same metric kept per unit of work (delta ÷ work),
     * beside a trend's figure; `forced` for a live heap, read after a forced collection.
     */
    kept?: { value: number; forced: boolean; metric?: string }
    /**
     * Set when the cost is the post-test snapshot's own (delta ÷ work, no trend's): memory
     * kept, not growth; `forced` for a live heap, read after a forced collection; `file` the
     * post-test snapshot's, when the row is named by its series' files (not a container).
     */
    snapshot?: { forced: boolean; file?: string }
  } | null
  /**
   * Time until a memory limit is reached at the steady slope; when the series was killed at
   * its limit, `killedAfterMs` (ms after its first reading, null when unknown) and 0 hours.
   */
  limit: {
    hoursToLimit: number
    limit: number | null
    metric: string
    killedAfterMs?: number | null
    /** Set when the series stands above its limit at the end of the run: its level there. */
    aboveLevel?: number
  } | null
  /** What the decisive trend grew over the window measured, and the rate per hour when that window is long enough to say it. */
  growth: {
    amount: number
    windowMs: number | null
    perHour: number | null
    pValue: number | null
    metric: string
    unit: SeriesAnalysis['unit']
    /** Set when the metric is memory left (a free heap): the amount is the memory used out of it. */
    left?: true
    /** Restarts the trend was judged across (segment by segment), when there were any. */
    restarts?: number
    /** The same process's metric whose rise confirmed a floor only suggestive on its own. */
    agreed?: { metric: string; pValue: number }
  } | null
  /** The row in one sentence (the headline of the first row). */
  sentence: string
}

/** Signature order when several findings of one row compete to speak for it. */
const DECISIVE_SIGNATURES: Finding['signature'][] = [
  'sustained-growth',
  'rising-floor',
  'oom-risk',
  'per-work-cost',
  'retained-after-load',
  'uncollected-objects',
  'regression',
  'insufficient-data'
]

/** `docker_stats.csv[api]` → `api`; `memory.csv` → undefined. */
function groupOfSource(source: string): string | undefined {
  return /\[([^\]]*)\]$/.exec(source)?.[1]
}

/**
 * The unit a finding belongs to. A container (docker group) is its own unit.
 * Files without groups (a process' memory series, its snapshots) belong to
 * the one container when the run has exactly one (the process runs in it),
 * else together to one "process" unit when there is no container at all,
 * else each to its own file.
 */
function unitKeyOf(finding: Finding, containers: string[]): string {
  const group = groupOfSource(finding.source)
  if (group !== undefined) return `group:${group}`
  if (containers.length === 1) return `group:${containers[0]}`
  if (containers.length === 0) return 'process'
  return `file:${finding.source}`
}

/**
 * Where a metric sits in what contains what: 0 for a part of the process's memory (a live heap,
 * direct or off-heap buffers, metaspace, external/arrayBuffers), 1 for a total that includes
 * parts (rss, container usage, heapTotal, a Go heap's HeapSys or committed heap, non-heap), 2 for a count. A leak
 * held by a part shows in every total around it; the part names what leaks.
 */
export function containment(metric: string, kind?: SeriesAnalysis['metricKind']): number {
  const directness = metricRank(metric, kind)
  if (directness === 3) return 2
  if (directness === 0) return 0
  const name = metric.replace(/\[.*\]$/, '')
  if (
    directness === 1 ||
    RESERVED_MEMORY_NAME.test(name) ||
    /non_?heap|total|heap[_-]?sys|(^|[._])(uss|pss|vsz)([._]|$)|^mem(ory)?([._-]?bytes)?$/i.test(
      name
    )
  )
    return 1
  return 0
}

/**
 * The part a metric witnesses: every live-heap witness (heapUsed, the heap after collections)
 * is one part, external and arrayBuffers (which it includes) another; else the metric itself.
 */
function partOf(metric: string, kind?: SeriesAnalysis['metricKind']): string {
  const name = metric.replace(/\[.*\]$/, '')
  if (metricRank(name, kind) === 0) return 'heap'
  if (/^(external|arrayBuffers)$/i.test(name)) return 'external'
  return name
}

function kindOf(report: Report, finding: Finding): SeriesAnalysis['metricKind'] | undefined {
  return (
    seriesOfFinding(report, finding)?.metricKind ?? snapshotOfFinding(report, finding)?.metricKind
  )
}

/**
 * How much each part of a row's failing (else warning) findings leaks: its largest cost per
 * unit of work when every part has one, else its largest growth over the window (a snapshot's
 * delta when it has no trend). Parts that do not contain each other lead by this size.
 */
function partSizes(report: Report, findings: Finding[]): Map<string, number> {
  const leaks = findings.filter((f) => !isInsufficient(f))
  const level = leaks.some((f) => f.level === 'fail') ? 'fail' : 'warn'
  const perWork = new Map<string, number>()
  const growth = new Map<string, number>()
  for (const finding of leaks) {
    if (finding.level !== level || finding.signature === 'leaking-class') continue
    const kind = kindOf(report, finding)
    if (containment(finding.metric, kind) !== 0) continue
    const part = partOf(finding.metric, kind)
    const cost = evidenceNumber(finding, 'perWork')
    const amount = evidenceNumber(finding, 'growth') ?? evidenceNumber(finding, 'delta')
    if (!perWork.has(part)) perWork.set(part, -Infinity)
    if (!growth.has(part)) growth.set(part, -Infinity)
    if (cost !== null) perWork.set(part, Math.max(perWork.get(part) ?? -Infinity, cost))
    if (amount !== null) growth.set(part, Math.max(growth.get(part) ?? -Infinity, amount))
  }
  const everyCost = [...perWork.values()].every((v) => v > 0)
  return everyCost ? perWork : growth
}

/**
 * Rank of a finding inside its row: level, leak before notice, parts before the totals that
 * contain them (the largest part first), metric directness, signature.
 */
function findingRank(report: Report, finding: Finding, sizes: Map<string, number>): number[] {
  const series = seriesOfFinding(report, finding)
  const snapshot = snapshotOfFinding(report, finding)
  const kind = series?.metricKind ?? snapshot?.metricKind
  const tier = containment(finding.metric, kind)
  const size = tier === 0 ? (sizes.get(partOf(finding.metric, kind)) ?? -Infinity) : 0
  return [
    finding.level === 'fail' ? 0 : 1,
    isInsufficient(finding) ? 1 : 0,
    tier,
    Number.isFinite(size) ? -size : Number.MAX_VALUE,
    metricRank(finding.metric, kind),
    // a trend over the run speaks before a two-point snapshot comparison
    series ? 0 : 1,
    DECISIVE_SIGNATURES.indexOf(finding.signature)
  ]
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** A count of goroutines (`go_goroutines`, `goroutines`, `NumGoroutine`, `goroutine_count`). */
const GOROUTINE_COUNT = /goroutine/i

/** Memory of goroutine stacks (`stack_inuse_bytes`, `go_memstats_stack_sys_bytes`, `StackInuse`). */
const GOROUTINE_STACKS = /stack/i

/** The findings of a report ordered as the headline and rows speak: most decisive first. */
export function rankFindings(report: Report, findings: Finding[]): Finding[] {
  const sizes = partSizes(report, findings)
  const keyed = findings.map((finding, index) => ({
    finding,
    key: [...findingRank(report, finding, sizes), index]
  }))
  // Leaked goroutines show as their stacks' bytes, which outrank a count: the count names what
  // leaks, so it speaks just before its stacks at their level.
  const stacks = keyed
    .filter(
      ({ finding }) =>
        GOROUTINE_STACKS.test(finding.metric) &&
        metricRank(finding.metric, kindOf(report, finding)) !== 3
    )
    .sort((a, b) => compareKeys(a.key, b.key))[0]
  if (stacks)
    for (const entry of keyed)
      if (
        entry.finding.level === stacks.finding.level &&
        !isInsufficient(entry.finding) &&
        GOROUTINE_COUNT.test(entry.finding.metric) &&
        metricRank(entry.finding.metric, kindOf(report, entry.finding)) === 3
      )
        entry.key = [...stacks.key.slice(0, -1), -1, entry.key[entry.key.length - 1]]
  return keyed.sort((a, b) => compareKeys(a.key, b.key)).map((entry) => entry.finding)
}

/**
 * Findings in the order the headline and the leak rows speak them: the rows worst first, in each
 * its decisive finding first; notices (`insufficient-data`) last, in their own order. The first
 * failing finding is the one a headline over these findings names. Repeated runs rank each run's
 * findings with it, so a run's decisive finding is the one its own headline would lead with.
 */
export function headlineOrder(report: Report, findings: readonly Finding[]): Finding[] {
  const rows = groupLeaks(report, findings)
  // ids are the findings' own (two of one id are taken in their order)
  const byId = new Map<string, Finding[]>()
  for (const finding of findings) byId.set(finding.id, [...(byId.get(finding.id) ?? []), finding])
  const ordered = rows
    .flatMap((row) => row.findingIds.map((id) => byId.get(id)?.shift()))
    .filter((finding): finding is Finding => finding !== undefined)
  const placed = new Set(ordered)
  return [...ordered, ...findings.filter((finding) => !placed.has(finding))]
}

/** The groups of leak findings (not `insufficient-data` notices), worst first. */
export function groupLeaks(
  report: Report,
  findings: readonly Finding[] = report.findings
): LeakRow[] {
  const leaks = findings.filter((finding) => !isInsufficient(finding))
  const containers = [
    ...new Set(
      [
        ...seriesOf(report).map((s) => s.group),
        ...leaks.map((f) => groupOfSource(f.source))
      ].filter((g): g is string => g !== undefined)
    )
  ]
  const units = new Map<string, Finding[]>()
  for (const finding of leaks) {
    const key = unitKeyOf(finding, containers)
    const list = units.get(key)
    if (list) list.push(finding)
    else units.set(key, [finding])
  }
  const rows = [...units].map(([key, findings]) =>
    makeRow(report, key, findings, containers.length <= 1)
  )
  return rows.sort((a, b) => compareKeys(rowRank(a), rowRank(b)))
}

/** Worst first: fail before warn, then the higher cost per unit of work, the sooner limit, the faster growth. */
function rowRank(row: LeakRow): number[] {
  return [
    row.level === 'fail' ? 0 : 1,
    -(row.perWork?.value ?? -Infinity),
    row.limit?.hoursToLimit ?? Infinity,
    -(row.growth?.perHour ?? row.growth?.amount ?? -Infinity)
  ].map((n) => (Number.isFinite(n) ? n : n > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE))
}

function unitName(report: Report, key: string, findings: Finding[]): string {
  if (key.startsWith('group:')) return key.slice('group:'.length)
  if (key.startsWith('file:')) return key.slice('file:'.length)
  const files = [...new Set(findings.map((f) => f.source))]
  const seriesFiles = files.filter((file) => seriesOf(report).some((s) => s.file === file))
  const named = seriesFiles.length ? seriesFiles : files
  return named.length > 2 ? `${named.slice(0, 2).join(', ')} …` : named.join(', ')
}

/**
 * @param soleProcess whether the run's snapshots can only be this row's (one container or
 *   none); else only a row holding a snapshot finding owns them.
 */
function makeRow(report: Report, key: string, findings: Finding[], soleProcess: boolean): LeakRow {
  const ranked = rankFindings(report, findings)
  const decisive = ranked[0]
  // A snapshot finding's chart is its metric's series, when one series has that name (heapUsed
  // kept after the load: the heapUsed samples, not a warning's heapTotal beside them).
  const namesake = seriesOf(report).filter((s) => s.metric === decisive.metric)
  const series =
    seriesOfFinding(report, decisive) ?? (namesake.length === 1 ? namesake[0] : undefined)
  const level = ranked.some((f) => f.level === 'fail') ? 'fail' : 'warn'
  // A failing row speaks with its failing findings: a warning's trend (heapTotal reserved for
  // churn) beside a failing snapshot would put the warning's numbers in the headline.
  const speaking = ranked.filter((f) => f.level === level)
  const row: LeakRow = {
    unit: unitName(report, key, findings),
    level,
    decisiveId: decisive.id,
    signature: decisive.signature,
    metric: decisive.metric,
    findingIds: ranked.map((f) => f.id),
    perWork: perWorkOf(
      report,
      speaking,
      soleProcess ||
        findings.some((f) => !seriesOfFinding(report, f) && snapshotOfFinding(report, f)),
      !key.startsWith('group:')
    ),
    limit: limitOf(report, ranked),
    growth: growthOf(report, speaking),
    sentence: ''
  }
  if (series) row.seriesId = series.id
  row.sentence = describeRow(row, decisive)
  // The series say how fast; a class of the same process's heap snapshots says what, in the
  // same sentence, so the first screen names the object and its holder.
  const named = ranked.find(
    (f) => f !== decisive && f.signature === 'leaking-class' && f.level === 'fail'
  )
  if (named) row.sentence += ` What leaks: ${classHead(named)}.`
  // Memory the allocator holds whose climb the live heap carried (its trend lost under a
  // sawtooth): where to look is the heap, not native memory.
  const heap = decisive.evidence.heapCarries
  const carried = decisive.evidence.heapCarried
  if (typeof heap === 'string' && typeof carried === 'number')
    row.sentence += ` Held in the live heap: ${heap} rose ${formatBytes(carried)} of it over the same time.`
  return row
}

/** A leaking-class finding's own words, without the series finding it quotes. */
function classHead(finding: Finding): string {
  return finding.message.split(SERIES_QUOTE)[0].replace(/\.$/, '')
}

/**
 * @param namedByFiles whether the row is named by its series' files (not a container or
 *   process): a snapshot's cost is then said under the snapshot's own file.
 */
function perWorkOf(
  report: Report,
  ranked: Finding[],
  ownsSnapshots: boolean,
  namedByFiles: boolean
): LeakRow['perWork'] {
  for (const finding of ranked) {
    // A class finding's perWork counts objects, not memory: its own message says it.
    if (finding.signature === 'leaking-class') continue
    const value = evidenceNumber(finding, 'perWork')
    if (value === null || value <= 0) continue
    const series = seriesOfFinding(report, finding)
    const snapshot = snapshotOfFinding(report, finding)
    const workName =
      (typeof finding.evidence.workName === 'string' ? finding.evidence.workName : undefined) ??
      series?.workName ??
      snapshot?.workName ??
      'units of work'
    const unit = series?.unit ?? snapshot?.unit ?? 'bytes'
    const row = {
      value,
      metric: finding.metric,
      workName,
      unit,
      ...(series?.left !== undefined ? { left: true as const } : {})
    }
    if (!series && snapshot) {
      const file = namedByFiles
        ? report.inputs.find((input) => input.role === 'post')?.file
        : undefined
      return {
        ...row,
        snapshot: {
          forced: metricRank(snapshot.metric, snapshot.metricKind) === 0,
          ...(file !== undefined ? { file } : {})
        }
      }
    }
    // A trend's cost beside what the post-test kept per unit of the same work: the reading a
    // reviewer can check, after a forced collection for a live heap.
    const post = series && ownsSnapshots ? snapshotOfFinding(report, finding) : undefined
    if (
      post?.perWork != null &&
      Number.isFinite(post.perWork) &&
      post.perWork > 0 &&
      post.unit === unit &&
      (post.workName === undefined || post.workName === workName)
    )
      return {
        ...row,
        kept: { value: post.perWork, forced: metricRank(post.metric, post.metricKind) === 0 }
      }
    // A collector's goal is a multiple of the live heap ((1 + GOGC/100)×, twice it by default), so
    // its cost per unit is too: what the post-test kept of the live heap itself is the figure.
    const heap = COLLECTOR_GOAL_NAME.test(finding.metric)
      ? liveHeapKept(report, ranked, unit, workName)
      : null
    if (heap) return { ...row, kept: heap }
    return row
  }
  return null
}

/** What a live heap's post-test snapshot kept per unit of the same work, from a finding of the row. */
function liveHeapKept(
  report: Report,
  ranked: Finding[],
  unit: SeriesAnalysis['unit'],
  workName: string
): { value: number; forced: boolean; metric: string } | null {
  for (const finding of ranked) {
    if (finding.signature !== 'retained-after-load' || COLLECTOR_GOAL_NAME.test(finding.metric))
      continue
    const post = snapshotOfFinding(report, finding)
    if (
      post?.perWork == null ||
      !Number.isFinite(post.perWork) ||
      !(post.perWork > 0) ||
      post.unit !== unit ||
      metricRank(post.metric, post.metricKind) !== 0 ||
      (post.workName !== undefined && post.workName !== workName)
    )
      continue
    return { value: post.perWork, forced: true, metric: post.metric }
  }
  return null
}

function limitOf(report: Report, ranked: Finding[]): LeakRow['limit'] {
  // A kill at the limit is what the limit column says first: it happened.
  const kill = ranked.find((f) => f.signature === 'oom-risk' && f.evidence.killed === true)
  if (kill)
    return {
      hoursToLimit: 0,
      limit: evidenceNumber(kill, 'limit') ?? seriesOfFinding(report, kill)?.limit ?? null,
      metric: kill.metric,
      killedAfterMs: evidenceNumber(kill, 'killedAfterMs')
    }
  // Already above it: where it stands, not when it gets there.
  const above = ranked.find((f) => f.signature === 'oom-risk' && f.evidence.aboveLimit === true)
  const aboveLevel = above ? evidenceNumber(above, 'level') : null
  if (above && aboveLevel !== null)
    return {
      hoursToLimit: 0,
      limit: evidenceNumber(above, 'limit') ?? seriesOfFinding(report, above)?.limit ?? null,
      metric: above.metric,
      aboveLevel
    }
  const risks = ranked
    .filter((f) => evidenceNumber(f, 'hoursToLimit') !== null)
    .sort(
      (a, b) => (evidenceNumber(a, 'hoursToLimit') ?? 0) - (evidenceNumber(b, 'hoursToLimit') ?? 0)
    )
  const risk = risks.find((f) => f.signature === 'oom-risk') ?? risks[0]
  if (!risk) return null
  const hours = evidenceNumber(risk, 'hoursToLimit')
  if (hours === null || hours < 0) return null
  const series = seriesOfFinding(report, risk)
  return {
    hoursToLimit: hours,
    limit: evidenceNumber(risk, 'limit') ?? series?.limit ?? null,
    metric: risk.metric
  }
}

function growthOf(report: Report, ranked: Finding[]): LeakRow['growth'] {
  const trend = ranked.find(
    (f) => f.signature === 'sustained-growth' || f.signature === 'rising-floor'
  )
  if (!trend) return null
  const series = seriesOfFinding(report, trend)
  const floor = trend.signature === 'rising-floor'
  // A trend carried by the floor is as fast as the floor: the mean's rate, under a sawtooth whose
  // peaks rise with the heap, counts garbage too (its amount is the floor's already).
  const byFloor = floor || trend.evidence.basis === 'floor'
  const perHour =
    evidenceNumber(trend, byFloor ? 'floorSlopePerHour' : 'slopePerHour') ??
    (byFloor ? series?.floorSlopePerHour : series?.slopePerHour) ??
    null
  const minutes = evidenceNumber(trend, 'windowMinutes')
  // The finding's own window; else the series' (reports written before findings carried it).
  const seriesWindow =
    series && series.timeBase !== 'none' && series.steadyStart !== null && series.steadyEnd !== null
      ? series.steadyEnd -
        (series.trendWindow === 'last-half' && series.trendWindowStart != null
          ? series.trendWindowStart
          : series.steadyStart)
      : null
  const windowMs = minutes !== null ? minutes * 60_000 : seriesWindow
  const amount =
    evidenceNumber(trend, 'growth') ??
    (perHour !== null && windowMs !== null ? (perHour * windowMs) / 3_600_000 : null)
  if (amount === null) return null
  const restarts = trend.evidence.restart === true ? evidenceNumber(trend, 'resets') : null
  // A trend carried by the floor is as sure as the floor's test (the mean's, noisy from the
  // sawtooth, is in the evidence too), and as the metric that agreed with it.
  const agreedBy = trend.evidence.agreedBy
  const agreedPValue = evidenceNumber(trend, 'agreedPValue')
  return {
    ...(series?.left !== undefined ? { left: true as const } : {}),
    ...(restarts !== null && restarts > 0 ? { restarts } : {}),
    ...(typeof agreedBy === 'string' && agreedPValue !== null
      ? { agreed: { metric: agreedBy, pValue: agreedPValue } }
      : {}),
    amount,
    windowMs,
    // a rate per hour only where the window measured says it honestly
    perHour: windowMs !== null && windowMs >= HONEST_RATE_MIN_MS ? perHour : null,
    pValue:
      (byFloor && !floor ? evidenceNumber(trend, 'floorPValue') : null) ??
      evidenceNumber(trend, 'pValue') ??
      (floor ? series?.floorPValue : series?.pValue) ??
      null,
    metric: trend.metric,
    unit: series?.unit ?? 'bytes'
  }
}

/** `across a restart`, `across 2 restarts`. */
export function acrossRestarts(restarts: number): string {
  return `across ${restarts === 1 ? 'a restart' : `${restarts} restarts`}`
}

/** A metric as the sentence names it: `heapUsed`, `MemUsage` (the row names the container). */
function shortMetric(metric: string): string {
  return metric.replace(/\[[^\]]*\]$/, '')
}

/**
 * `map-leak-web-1: heapUsed grows +2.1 KiB per request (+35.7 MiB over the
 * 35 s measured, p < 0.001); MemUsage reaches its 1 GiB limit in 16 min.`
 */
export function describeRow(row: LeakRow, decisive: Finding): string {
  // A class from a heap snapshot or histogram names itself, its counts and its holder.
  if (decisive.signature === 'leaking-class') return decisive.message.replace(/\.?$/, '.')
  const parts: string[] = []
  const growth = row.growth
  // a figure of memory left (a free heap) is said as its findings say it: the memory used out of it
  const said = (metric: string): string => {
    const short = shortMetric(metric)
    return decisive.message.startsWith(`memory used out of ${metric} `)
      ? `memory used out of ${short}`
      : short
  }
  const growthText = growth
    ? growth.perHour !== null
      ? `${formatSignedRate(growth.perHour, growth.unit)}${growth.windowMs !== null ? ` over ${formatDuration(growth.windowMs)}` : ''}`
      : growth.windowMs !== null
        ? `${formatSignedValue(growth.amount, growth.unit)} over the ${formatDuration(growth.windowMs)} measured`
        : `${formatSignedValue(growth.amount, growth.unit)} over the steady window`
    : ''
  const agreed = growth?.agreed
    ? `; ${shortMetric(growth.agreed.metric)} of the same process rises with it, ${formatPValue(growth.agreed.pValue)}`
    : ''
  const sure =
    growth?.pValue !== null && growth?.pValue !== undefined
      ? `${formatPValue(growth.pValue)}${agreed}`
      : ''
  const restarts = growth?.restarts ? `${acrossRestarts(growth.restarts)}, segment by segment` : ''
  const detail = [growthText, restarts, sure].filter(Boolean).join(', ')
  // Memory kept after the load, with no trend behind it, is said as kept, not as growth.
  const kept =
    !growth && decisive.signature === 'retained-after-load' ? keptAfterLoad(decisive) : null
  if (kept) {
    parts.push(kept)
  } else if (row.perWork) {
    const per = singular(row.perWork.workName)
    // The trend's figures name their own metric when the cost came from another (a snapshot's).
    const other = growth && growth.metric !== row.perWork.metric ? `${said(growth.metric)} ` : ''
    const own = row.perWork.snapshot
    // A post-test snapshot's own cost is what it kept, not a growth seen over the run.
    const verb = own ? 'kept' : 'grows'
    const after = own ? ` after ${own.forced ? 'a forced collection' : 'the load'}` : ''
    if (own?.file !== undefined && growth && other) {
      // the row is named by the trend's file: its metric first, then what the snapshot kept, by
      // its own file (a gctrace's heap_after_gc, then post-test.json's heap_alloc_bytes); a
      // container's or process's row says the snapshot's cost first, the trend beside it
      parts.push(`${said(growth.metric)} grows ${detail}`)
      parts.push(
        `${own.file !== row.unit ? `${own.file}: ` : ''}${said(row.perWork.metric)} kept ${formatSignedValue(row.perWork.value, row.perWork.unit)} per ${per}${after}`
      )
    } else
      parts.push(
        `${said(row.perWork.metric)} ${verb} ${formatSignedValue(row.perWork.value, row.perWork.unit)} per ${per}${after}${detail ? ` (${other}${detail})` : ''}${row.perWork.kept ? `, ${describeKept(row.perWork.kept, row.perWork.unit, per)}` : ''}`
      )
  } else if (growth) {
    parts.push(`${said(growth.metric)} grows ${detail}`)
  } else {
    parts.push(decisive.message.replace(/\.$/, ''))
  }
  if (row.limit) {
    const limit =
      row.limit.limit !== null ? `its ${formatValue(row.limit.limit, 'bytes')} limit` : 'its limit'
    const killed = row.limit.killedAfterMs
    // the decisive finding already says it stands above its limit
    if (row.limit.aboveLevel === undefined)
      parts.push(
        killed !== undefined
          ? `${said(row.limit.metric)} was killed at ${limit}${killed !== null ? ` ${formatDuration(killed)} into the run` : ''}`
          : `${said(row.limit.metric)} reaches ${limit} in ${formatHours(row.limit.hoursToLimit)} at this rate`
      )
  }
  // The derived series is named by no file the user wrote: the headline says what it is.
  const derived = parts.some((part) => part.includes(OUTSIDE_GO_RUNTIME))
    ? ` ${OUTSIDE_GO_RUNTIME} is ${OUTSIDE_GO_RUNTIME_GLOSS}.`
    : ''
  return `${row.unit}: ${parts.join('; ')}.${derived}`
}

/** `177 B per request kept after a forced collection` (`… kept after the load` outside a live heap). */
export function describeKept(
  kept: { value: number; forced: boolean; metric?: string },
  unit: SeriesAnalysis['unit'],
  per: string
): string {
  return `${kept.metric ? `${shortMetric(kept.metric)} ` : ''}${formatValue(kept.value, unit)} per ${per} kept after ${kept.forced ? 'a forced collection' : 'the load'}`
}

/** The series a row's chart shows: the decisive finding's, else the first series of the row. */
export function rowSeries(report: Report, row: LeakRow): SeriesAnalysis | undefined {
  const all = seriesOf(report)
  if (row.seriesId) return all.find((s) => s.id === row.seriesId)
  const ids = new Set(row.findingIds)
  const finding = report.findings.find((f) => ids.has(f.id) && seriesOfFinding(report, f))
  return finding ? seriesOfFinding(report, finding) : undefined
}

/**
 * `heapUsed kept +12.6 MiB after the load (+34.8 %, 661 B per request); bounded: it filled
 * and stopped`, from a retained-after-load finding's evidence; null without it.
 */
function keptAfterLoad(finding: Finding): string | null {
  const e = finding.evidence
  const delta = typeof e.delta === 'number' ? e.delta : null
  const unit = e.unit === 'count' ? 'count' : 'bytes'
  if (delta === null) return null
  const percent = typeof e.changePercent === 'number' ? `+${formatPercent(e.changePercent)}` : ''
  const per =
    typeof e.perWork === 'number' && typeof e.workName === 'string'
      ? `${formatValue(e.perWork, unit)} per ${singular(e.workName)}`
      : ''
  const extra = [percent, per].filter(Boolean).join(', ')
  const bounded =
    e.bounded === true
      ? '; it looks bounded (it filled and stopped, like a cache or pool, as far as the run shows), but is over the tolerance'
      : ''
  return `${shortMetric(finding.metric)} kept ${formatSignedValue(delta, unit)} after the load${extra ? ` (${extra})` : ''}${bounded}`
}

/** `MemUsage (api)` for a series; re-exported for the renderers' legends. */
export { seriesName }

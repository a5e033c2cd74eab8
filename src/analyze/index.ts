/**
 * analyze: metrics in, findings out (SPEC §4–§5). Measures every series
 * (trend, floor, per-work, limit), every snapshot metric and every object
 * lifecycle, runs the eight signature modules (leaking-class reads the
 * heap-snapshot comparison), applies `ignore:` entries and says for each
 * metric why it was judged as it was. Pure: the time comes in as `now`.
 */
import { glossMemoryLeft, usedFromLeft } from './memory-left.js'
import { markAgreements } from './agreement.js'
import { withoutIdleTails } from './idle-tail.js'
import { unsettledEvidenceNotes } from './memory-alone.js'
import { reconcileResets } from './shared-resets.js'
import type { LeakGateConfig, SnapshotSpec } from '../config/types.js'
import { internalReportError } from '../errors.js'
import {
  type Finding,
  type Report,
  type ReportError,
  type Series,
  type SeriesAnalysis,
  SIGNATURE_IDS,
  type SignatureId,
  type Snapshot,
  type SnapshotAnalysis,
  type SuppressedFinding
} from '../model.js'
import {
  type AnalysisContext,
  type HealthyLine,
  judgedSeries,
  makeFinding,
  seriesLabel,
  seriesSource,
  type SignatureResult
} from './context.js'
import { analyzeLifecycles } from './lifecycle.js'
import { glossOutsideGoRuntime, isGoSpareHeap, outsideGoRuntime } from './go-runtime.js'
import { analyzeSeries, HOUR_MS, MIN_JUDGED_POINTS, type SeriesDetail } from './series-analysis.js'
import type { HeapAnalysis } from '../heap/index.js'
import { detectLeakingClass, joinHeapAndSeries } from './signatures/leaking-class.js'
import { detectOomRisk } from './signatures/oom-risk.js'
import { detectPerWorkCost } from './signatures/per-work-cost.js'
import { detectRegression } from './signatures/regression.js'
import { detectRetainedAfterLoad } from './signatures/retained-after-load.js'
import { detectRisingFloor } from './signatures/rising-floor.js'
import { detectSustainedGrowth } from './signatures/sustained-growth.js'
import { detectUncollectedObjects } from './signatures/uncollected-objects.js'
import { analyzeSnapshots, type SnapshotDetail } from './snapshot-analysis.js'
import { snapshotProcessSeries } from './same-process.js'
import { applySuppressions } from './suppress.js'
import { isOff, lookupCheck } from './thresholds.js'

export {
  formatBytes,
  formatDuration,
  formatPercent,
  formatPValue,
  formatRate,
  formatValue
} from './format.js'

/** What the pipeline hands to analysis. */
export interface AnalyzeInput {
  series: Series[]
  baseline?: Snapshot
  post?: Snapshot
  snapshotSpec?: SnapshotSpec
  config: LeakGateConfig
  /** The base branch's report, for the regression signature. */
  base?: Report
  /** The current time (suppression `until` dates). */
  now: Date
  /** `leaking-class` findings judged on class histograms (src/histogram/), suppressed like the rest. */
  classFindings?: Finding[]
  /** The heap-snapshot comparison (`heap:`), for leaking-class. */
  heap?: HeapAnalysis
}

/** What analysis returns; the pipeline adds inputs, errors and the verdict. */
export interface AnalyzeResult {
  findings: Finding[]
  suppressed: SuppressedFinding[]
  metrics: Array<SeriesAnalysis | SnapshotAnalysis>
  /** `metric: why it is healthy`, one line per healthy metric. */
  healthy: string[]
  notes: string[]
  /** Internal errors met while analysing one series, snapshot pair or check (verdict `error`). */
  errors: ReportError[]
}

/** Runs one signature module. The switch is exhaustive over SIGNATURE_IDS. */
export function runSignature(id: SignatureId, context: AnalysisContext): SignatureResult {
  switch (id) {
    case 'sustained-growth':
      return detectSustainedGrowth(context)
    case 'rising-floor':
      return detectRisingFloor(context)
    case 'retained-after-load':
      return detectRetainedAfterLoad(context)
    case 'per-work-cost':
      return detectPerWorkCost(context)
    case 'uncollected-objects':
      return detectUncollectedObjects(context)
    case 'oom-risk':
      return detectOomRisk(context)
    case 'regression':
      return detectRegression(context)
    case 'leaking-class':
      return detectLeakingClass(context)
    default: {
      const unknown: never = id
      throw new Error(`no detector for signature ${String(unknown)}`)
    }
  }
}

/** Where an internal error was met, for its report entry. */
interface Fault {
  /** The series id, when the fault is one series'. */
  key?: string
  file: string | undefined
  subject: string
  error: unknown
  consequence: string
}

/**
 * Runs one signature module so that an internal error on one series costs
 * only that series' judgement by it: on an exception each series is judged
 * alone (the snapshots, lifecycles and heap snapshots apart) to find the
 * parts it fails on, and the module runs again on the other parts. Every
 * series stays in the context as a witness (the live heap beside RSS of one
 * process), so the other series' findings are the ones a run without the
 * fault gives. When no single part explains it, the module's results are
 * left out as a whole.
 */
function runSignatureGuarded(
  id: SignatureId,
  context: AnalysisContext,
  faults: Fault[]
): SignatureResult & { failed: ReadonlySet<string> } {
  try {
    return { ...runSignature(id, context), failed: new Set() }
  } catch (error) {
    const failed = new Set<string>()
    const none = new Set<string>()
    for (const detail of judgedSeries(context)) {
      try {
        runSignature(id, {
          ...context,
          scope: { series: new Set([detail.series.id]), rest: false }
        })
      } catch (alone) {
        failed.add(detail.series.id)
        faults.push({
          file: detail.series.file,
          subject: `series ${seriesLabel(detail)}, check ${id}`,
          error: alone,
          consequence: `this check was not applied to this series; the other series and checks were`
        })
      }
    }
    const failedSeries = new Set(failed)
    let restFailed = false
    try {
      runSignature(id, { ...context, scope: { series: none, rest: true } })
    } catch (alone) {
      restFailed = true
      // never listed as healthy by the other checks (a lifecycle's key is its series')
      for (const detail of context.snapshots) failed.add(detail.key)
      for (const life of context.lifecycles) failed.add(life.key)
      faults.push({
        file: undefined,
        subject: `check ${id} on the snapshots and object counts`,
        error: alone,
        consequence: `this check's results on them are left out; the rest was judged`
      })
    }
    if (failedSeries.size > 0 || restFailed) {
      try {
        const judged = judgedSeries(context).filter((d) => !failedSeries.has(d.series.id))
        const scope = { series: new Set(judged.map((d) => d.series.id)), rest: !restFailed }
        return { ...runSignature(id, { ...context, scope }), failed }
      } catch {
        // not one part's fault alone: reported below for the whole check
      }
    }
    faults.push({
      file: undefined,
      subject: `check ${id}`,
      error,
      consequence: `this check's results are left out; the other checks were applied`
    })
    const all = [
      ...context.series.map((d) => d.series.id),
      ...context.snapshots.map((d) => d.key),
      ...context.lifecycles.map((life) => life.key)
    ]
    return { findings: [], healthy: [], failed: new Set(all) }
  }
}

/**
 * Whether any trend rule would judge this series given enough samples:
 * memory, count and live series with sustained-growth, rising-floor,
 * oom-risk or a per-work budget still on. Cumulative created/collected
 * counters are judged by uncollected-objects (a rate, fine on few points),
 * and a series whose rules are all `off` was left out on purpose: neither
 * gets an `insufficient-data` finding.
 */
export function isTrendJudged(series: Series, config: LeakGateConfig): boolean {
  if (series.kind !== 'memory' && series.kind !== 'count' && series.kind !== 'live') return false
  const on = (id: SignatureId): boolean => !isOff(config.checks, id, series)
  if (on('sustained-growth')) return true
  if (series.kind === 'memory' && on('rising-floor')) return true
  if (series.kind === 'memory' && series.limit !== undefined && on('oom-risk')) return true
  const budget = lookupCheck(config.checks, 'per-work-cost', series)
  return budget !== undefined && budget.setting !== 'off'
}

/**
 * One `insufficient-data` warning per series that would have been judged but
 * had too few samples after warm-up: a short run is never a silent pass. A
 * series another rule still judged (a `live` count the collection rate of
 * its lifecycle vouches for) is judged, so it gets none.
 */
function insufficientFindings(
  context: AnalysisContext,
  empty: Series[],
  judgedKeys: ReadonlySet<string>
): Array<Finding & { key: string }> {
  const findings: Array<Finding & { key: string }> = []
  for (const detail of judgedSeries(context)) {
    if (!detail.insufficient || judgedKeys.has(detail.series.id)) continue
    if (!isTrendJudged(detail.series, context.config)) continue
    const label = seriesLabel(detail)
    const { have, need } = detail.insufficient
    findings.push(
      makeFinding(
        detail.series.id,
        'insufficient-data',
        seriesSource(detail),
        label,
        'warn',
        `${label}: ${detail.insufficient.text}`,
        {
          samples: have,
          needed: need,
          totalSamples: detail.series.samples,
          warmupPoints: detail.steadyStart,
          warmup: detail.warmupDescription,
          threshold: `at least ${need} samples after warm-up`
        }
      )
    )
  }
  for (const s of empty) {
    if (!isTrendJudged(s, context.config)) continue
    const label = s.group === undefined ? s.metric : `${s.metric}[${s.group}]`
    const source = s.group === undefined ? s.file : `${s.file}[${s.group}]`
    findings.push(
      makeFinding(
        s.id,
        'insufficient-data',
        source,
        label,
        'warn',
        s.unitDoubt !== undefined
          ? `${label}: not judged, ${s.unitDoubt}`
          : `${label}: no samples, at least ${MIN_JUDGED_POINTS} needed to judge a trend`,
        {
          samples: s.unitDoubt !== undefined ? s.samples : 0,
          needed: MIN_JUDGED_POINTS,
          totalSamples: 0,
          threshold: `at least ${MIN_JUDGED_POINTS} samples after warm-up`
        }
      )
    )
  }
  return findings
}

/**
 * When a leak was decided on the last half of the steady window (a leak that
 * starts late), the metric's slope, interval and p-value show that window's
 * numbers, not the whole window's (which may span 0 and contradict the finding).
 */
function showDecisiveWindow(
  detail: SeriesDetail,
  findings: Array<Finding & { key: string }>
): void {
  const own = findings.filter((f) => f.key === detail.series.id) // already this series' own
  const lastHalf = (f: Finding): boolean => f.evidence.window === 'last-half'
  const valueBased = own.filter(
    (f) =>
      (f.signature === 'sustained-growth' && f.evidence.basis !== 'floor') ||
      f.signature === 'oom-risk'
  )
  const floorBased = own.filter(
    (f) =>
      f.signature === 'rising-floor' ||
      (f.signature === 'sustained-growth' && f.evidence.basis === 'floor')
  )
  const a = detail.analysis
  const perHour = detail.xAxis === 'time' ? HOUR_MS : null
  const scale = (v: number): number | null => (perHour === null ? null : v * perHour)
  // The value figures follow the value-based finding; a floor-only late decision moves them too.
  const values =
    (valueBased.length > 0 && valueBased.every(lastHalf)) ||
    (valueBased.length === 0 && floorBased.length > 0 && floorBased.every(lastHalf))
  const floor = floorBased.length > 0 && floorBased.every(lastHalf)
  if (values && detail.lastHalf) {
    const fit = detail.lastHalf
    a.slopePerHour = scale(fit.slope)
    a.slopeLowPerHour = scale(fit.low)
    a.slopeHighPerHour = scale(fit.high)
    a.pValue = fit.pValue
    a.trendWindow = 'last-half'
    a.trendWindowStart = detail.xAxis === 'time' ? fit.x0 : null
    a.chart.trend = {
      x0: fit.x0,
      y0: fit.intercept + fit.slope * fit.x0,
      slope: fit.slope,
      slopeLow: fit.low,
      slopeHigh: fit.high
    }
  }
  if (floor && detail.lastHalfFloor) {
    const fit = detail.lastHalfFloor
    a.floorSlopePerHour = scale(fit.slope)
    a.floorSlopeLowPerHour = scale(fit.low)
    a.floorSlopeHighPerHour = scale(fit.high)
    a.floorPValue = fit.pValue
    a.floorWindow = 'last-half'
    if (a.trendWindowStart === undefined)
      a.trendWindowStart = detail.xAxis === 'time' ? fit.x0 : null
  }
}

/** Analyses series and snapshots against the configuration. */
export function analyze(input: AnalyzeInput): AnalyzeResult {
  const { config } = input
  const notes: string[] = []
  const series: SeriesDetail[] = []
  const empty: Series[] = []
  // An internal error (a bug) on one series, snapshot pair or check is reported on it; the rest is analysed.
  const faults: Fault[] = []
  const seriesName = (s: Series): string =>
    `series ${s.group === undefined ? s.metric : `${s.metric}[${s.group}]`}`
  // A Go process's RSS less what its runtime holds (Sys − HeapReleased): memory outside the runtime.
  // A free heap's fall is the memory used growing: judged as such (analyze/memory-left.ts).
  // Readings after the load ended (the work counter stopped) are no steady state: left out.
  const idle = withoutIdleTails(input.series)
  notes.push(...idle.notes)
  const left = usedFromLeft(idle.series)
  notes.push(...left.notes)
  // Go's idle and released heap spans derive memory outside the runtime and vouch; never judged.
  const readings = [...left.series, ...outsideGoRuntime(left.series)].map((s) =>
    s.kind === 'memory' && !s.witnessOnly && isGoSpareHeap(s.metric)
      ? { ...s, witnessOnly: true }
      : s
  )
  for (const s of readings) {
    if (s.witnessOnly && (s.value.length === 0 || s.unitDoubt !== undefined)) continue
    if (s.value.length === 0 || s.unitDoubt !== undefined) {
      // values in a unit they cannot be in are no more a judgement than no values
      notes.push(`${s.id}: ${s.unitDoubt ?? 'no samples'}`)
      empty.push(s)
      continue
    }
    let detail: SeriesDetail
    try {
      detail = analyzeSeries(s, config.warmup)
    } catch (error) {
      faults.push({
        key: s.id,
        file: s.file,
        subject: seriesName(s),
        error,
        // it cannot be a witness of the others (the live heap beside RSS): said, as their findings may differ
        consequence: 'this series was not judged; the other series were, without it as a witness'
      })
      continue
    }
    if (!s.witnessOnly) notes.push(...detail.notes)
    series.push(detail)
  }
  // Witness-only series (a reserved heap the config did not list) vouch for the others: analysed,
  // in the context every rule reads, but never judged, listed or counted.
  const judgedIds = new Set(series.filter((d) => !d.series.witnessOnly).map((d) => d.series.id))
  const reported = series.filter((d) => judgedIds.has(d.series.id))
  const bucketed = reported.filter((d) => d.analysis.reduced)
  if (bucketed.length > 0)
    notes.push(
      `trends tested on bucket means and GC-floor minima (at most 40 and 30 per series) rather than raw samples, which are autocorrelated: ${bucketed
        .map(
          (d) =>
            `${d.series.id} ${d.series.samples.toLocaleString('en-US')} samples → ${d.analysis.points} buckets`
        )
        .slice(0, 6)
        .join(', ')}${bucketed.length > 6 ? ', …' : ''}`
    )
  let snapshots: SnapshotDetail[] = []
  if (input.baseline && input.post) {
    try {
      const spec = input.snapshotSpec ?? config.snapshots
      const inferred =
        spec?.work === undefined ? seriesWorkField(input.baseline, input.post, input.series) : null
      if (inferred)
        notes.push(
          `snapshots: work field "${inferred.name}" read from both snapshots, as ${inferred.file} counts its work (name it under snapshots: work: to choose another)`
        )
      const compared = analyzeSnapshots(
        input.baseline,
        input.post,
        inferred && spec ? { ...spec, work: inferred.name } : spec
      )
      snapshots = compared.details
      notes.push(...compared.notes)
    } catch (error) {
      faults.push({
        file: input.post.file,
        subject: `snapshots ${input.baseline.file} and ${input.post.file}`,
        error,
        consequence:
          'the baseline and post-test snapshots were not compared; the series were judged'
      })
    }
  } else if (input.baseline || input.post) {
    notes.push(
      `snapshots: only ${input.baseline ? 'a baseline' : 'a post-test'} snapshot; nothing to compare`
    )
  }
  const unanalysed = new Set(
    faults.map((fault) => fault.key).filter((key): key is string => key !== undefined)
  )
  let lifecycles: ReturnType<typeof analyzeLifecycles> = []
  try {
    lifecycles = analyzeLifecycles(
      input.series.filter((s) => s.value.length > 0 && !unanalysed.has(s.id)),
      config.warmup
    )
  } catch (error) {
    faults.push({
      file: undefined,
      subject: 'object counts (created/collected)',
      error,
      consequence: 'the uncollected-objects check was not applied; the other checks were'
    })
  }
  const context: AnalysisContext = {
    config,
    series,
    snapshots,
    lifecycles,
    ...(reported.length < series.length ? { scope: { series: judgedIds, rest: true } } : {}),
    ...(input.base ? { base: input.base } : {}),
    ...(input.heap ? { heap: input.heap } : {})
  }
  // A snapshot pair beside several runs of the test speaks for the run it was taken around only.
  for (const untold of new Set(
    snapshots.map((pair) => snapshotProcessSeries(series, pair).untold).filter(Boolean)
  ))
    notes.push(untold!)
  try {
    reconcileResets(context)
    markAgreements(context)
  } catch (error) {
    faults.push({
      file: undefined,
      subject: "the agreement of one process's metrics (falls, heap floors)",
      error,
      consequence: 'a heap floor only suggestive on its own was judged on its own'
    })
  }

  const raw: Array<Finding & { key: string }> = []
  const healthyLines: HealthyLine[] = []
  // Series a check could not judge (an internal error): never listed as healthy.
  const faulted = new Set<string>()
  for (const id of SIGNATURE_IDS) {
    const outcome = runSignatureGuarded(id, context, faults)
    raw.push(...outcome.findings)
    healthyLines.push(...outcome.healthy)
    for (const key of outcome.failed) faulted.add(key)
  }
  // Grouped once: a scan of every finding per series was quadratic with thousands of series.
  const rawByKey = new Map<string, typeof raw>()
  for (const f of raw) {
    const list = rawByKey.get(f.key)
    if (list) list.push(f)
    else rawByKey.set(f.key, [f])
  }
  for (const detail of reported) {
    try {
      showDecisiveWindow(detail, rawByKey.get(detail.series.id) ?? [])
    } catch (error) {
      faulted.add(detail.series.id)
      faults.push({
        file: detail.series.file,
        subject: seriesName(detail.series),
        error,
        consequence:
          'its trend figures were left as measured over the whole steady window; its findings and the other series are kept'
      })
    }
  }
  for (const finding of input.classFindings ?? []) raw.push({ ...finding, key: finding.id })
  if (input.heap) joinHeapAndSeries(raw, input.heap)
  const judgedKeys = new Set([...raw.map((f) => f.key), ...healthyLines.map((l) => l.key)])
  raw.push(...insufficientFindings(context, empty, judgedKeys))
  const keyOf = new Map<string, string>()
  for (const f of raw) keyOf.set(f.id, f.key)
  const leftKeys = new Set(left.series.filter((s) => s.left !== undefined).map((s) => s.id))
  const findings: Finding[] = raw.map(({ key, ...finding }) => ({
    ...finding,
    message: glossMemoryLeft(
      glossOutsideGoRuntime(finding.message, finding.metric),
      finding.metric,
      leftKeys.has(key)
    )
  }))
  const applied = applySuppressions(findings, config.ignore, input.now)
  notes.push(...applied.notes)
  notes.push(
    ...unsettledEvidenceNotes(
      series,
      snapshots.length,
      applied.findings,
      (f) => keyOf.get(f.id) ?? f.id
    )
  )

  // Status and explanation of every metric.
  const byKey = new Map<
    string,
    { findings: Finding[]; suppressed: SuppressedFinding[]; healthy: HealthyLine[] }
  >()
  const entry = (key: string) => {
    let value = byKey.get(key)
    if (!value) byKey.set(key, (value = { findings: [], suppressed: [], healthy: [] }))
    return value
  }
  for (const f of applied.findings) entry(keyOf.get(f.id) ?? f.id).findings.push(f)
  for (const f of applied.suppressed) entry(keyOf.get(f.id) ?? f.id).suppressed.push(f)
  for (const line of healthyLines) if (!faulted.has(line.key)) entry(line.key).healthy.push(line)

  const healthy: string[] = []
  const judge = (
    key: string,
    name: string,
    target: { status: 'leak' | 'warn' | 'ok' | 'suppressed'; explanation: string },
    insufficient?: string
  ): void => {
    const found = byKey.get(key)
    const lines = found?.healthy.map((l) => l.text) ?? []
    if (found && found.findings.length > 0) {
      target.status = found.findings.some((f) => f.level === 'fail') ? 'leak' : 'warn'
      target.explanation = found.findings.map((f) => f.message).join(' | ')
      if (found.findings.every((f) => f.signature === 'insufficient-data')) {
        // Not judged: say so, never "healthy" (other rules' lines, e.g. a collection rate, still count).
        target.explanation = [target.explanation, ...lines].join('; ')
        if (lines.length > 0) healthy.push(`${name}: ${lines.join('; ')}`)
      }
      return
    }
    if (found && found.suppressed.length > 0) {
      // A suppressed leak is still a leak: never listed as healthy.
      target.status = 'suppressed'
      target.explanation = `suppressed (${found.suppressed[0].reason}): ${found.suppressed[0].message}`
      return
    }
    if (insufficient) {
      // Too short, but no trend rule applies to it anyway (counters, rules off): nothing to warn about.
      target.explanation = [`no trend tested (${insufficient})`, ...lines].join('; ')
      if (lines.length > 0) healthy.push(`${name}: ${lines.join('; ')}`)
      return
    }
    if (faulted.has(key)) {
      // Not every check could judge it: never "healthy".
      target.explanation = ['not fully judged: an internal error (see Errors)', ...lines].join('; ')
      return
    }
    target.explanation = lines.join('; ')
    if (lines.length > 0) healthy.push(`${name}: ${target.explanation}`)
  }
  const nameCount = new Map<string, number>()
  const baseName = (d: SeriesDetail): string =>
    d.series.group === undefined ? d.series.metric : `${d.series.metric}[${d.series.group}]`
  for (const d of reported) nameCount.set(baseName(d), (nameCount.get(baseName(d)) ?? 0) + 1)
  for (const detail of reported) {
    const name = baseName(detail)
    const display = (nameCount.get(name) ?? 0) > 1 ? `${name} (${detail.series.file})` : name
    judge(detail.series.id, display, detail.analysis, detail.insufficient?.text)
  }
  // A snapshot check that passed says nothing healthy of a metric whose series leaks: the
  // "healthy" list would then name a metric the Trends table marks as a leak.
  const hasTrendProblem = (d: SeriesDetail): boolean =>
    byKey.get(d.series.id)?.findings.some((f) => f.signature !== 'insufficient-data') ?? false
  for (const detail of snapshots) {
    const before = healthy.length
    judge(detail.key, detail.analysis.metric, detail.analysis)
    // the snapshots' own process (their folder, their appended run), never another worker's
    if (snapshotProcessSeries(reported, detail).series.some(hasTrendProblem))
      healthy.length = before
  }
  // The heap snapshots have no metric row: their healthy lines are listed as they are.
  for (const line of healthyLines)
    if (
      line.key === 'heap' ||
      (line.key.startsWith('heap:') && !byKey.get(line.key)?.findings.length)
    )
      healthy.push(`${line.metric}: ${line.text}`)
  const unjudged = applied.findings.filter((f) => f.signature === 'insufficient-data')
  if (unjudged.length > 0) {
    const total = input.series.filter((one) => !one.witnessOnly).length
    const names = unjudged.map((f) => f.metric)
    notes.push(
      `could not judge ${unjudged.length} of ${total} series (fewer than ${MIN_JUDGED_POINTS} samples after warm-up): ${names.slice(0, 6).join(', ')}${names.length > 6 ? `, and ${names.length - 6} more` : ''}; record longer or sample more often`
    )
  }
  // Lifecycle keys are series ids already judged above; nothing more to do.

  return {
    findings: applied.findings,
    suppressed: applied.suppressed,
    metrics: [...reported.map((d) => d.analysis), ...snapshots.map((d) => d.analysis)],
    healthy,
    notes,
    errors: faults.map((fault) =>
      internalReportError(fault.file, fault.subject, fault.error, fault.consequence)
    )
  }
}

/**
 * The work field a snapshot pair holds when no config names one: the work column of a series in
 * the snapshots' folder (`requests`, `units`) that both snapshots hold as a number. What the forced
 * collection kept is then weighed per unit of work against the series' pace, and the post-test
 * count says which process the snapshot read, with a config that names only the files as with
 * none (a leak's floor climb under a GC sawtooth read as garbage the forced collection freed
 * without it: two recorded leaks of 120 and 300 B per request warned, and fail with it).
 */
function seriesWorkField(
  baseline: Snapshot,
  post: Snapshot,
  series: readonly Series[]
): { name: string; file: string } | null {
  const folder = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1)
  if (folder(baseline.file) !== folder(post.file)) return null
  for (const one of series) {
    const name = one.workName
    if (name === undefined || folder(one.file) !== folder(baseline.file)) continue
    if (Number.isFinite(baseline.values[name]) && Number.isFinite(post.values[name]))
      return { name, file: one.file }
  }
  return null
}

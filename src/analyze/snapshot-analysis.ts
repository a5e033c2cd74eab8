/**
 * Baseline vs post-test snapshots (SPEC §4): delta, change in percent of the
 * baseline, and delta per unit of work when the snapshot config names the
 * work (a field whose delta is the work done, or a fixed amount).
 */
import type { SnapshotSpec } from '../config/types.js'
import type { MetricKind, Snapshot, SnapshotAnalysis, ValueUnit } from '../model.js'
import { isSnapshotMemoryName } from '../understand/names.js'

/** A snapshot metric's comparison plus what the signatures need. */
export interface SnapshotDetail {
  /** `snapshot:metric`: the key healthy lines and statuses use. */
  key: string
  /** File of the post-test snapshot: the finding's source. */
  source: string
  analysis: SnapshotAnalysis
}

/**
 * Counts of things a program keeps (registries, live objects, listeners,
 * open handles), judged in snapshots with the count tolerance when no config
 * names the metrics. Cumulative counters (requests, totals, created) are not
 * among them: they grow by design.
 */
const KEPT_COUNT_NAME =
  /(^|[._])(registr\w*|delegates|dependencies|components\w*|live\w*|listeners|handles|instances|sessions|subscriptions)$/i

/**
 * Metrics to compare: the config's list, else the recognised memory metrics
 * present in both snapshots (one rule with or without a config that names
 * the files: `understand/names.ts`). Exported so the pipeline can tell, before
 * analysing, that configured snapshots have nothing to compare.
 */
export function chooseMetrics(
  baseline: Snapshot,
  post: Snapshot,
  spec?: SnapshotSpec
): Record<string, MetricKind> {
  if (spec?.metrics && Object.keys(spec.metrics).length > 0) return spec.metrics
  const metrics: Record<string, MetricKind> = {}
  for (const name of Object.keys(post.values)) {
    if (!(name in baseline.values)) continue
    if (isSnapshotMemoryName(name)) metrics[name] = 'memory'
    else if (KEPT_COUNT_NAME.test(name) && Number.isInteger(baseline.values[name]))
      metrics[name] = name.match(/live/i) ? 'live' : 'count'
  }
  return metrics
}

/** A name the `snapshots:` config gives that the snapshot files do not both have. */
export interface SnapshotNameProblem {
  /** `metrics` for a key of `snapshots.metrics`, `work` for `snapshots.work`. */
  key: 'metrics' | 'work'
  name: string
  /** Files that lack it: the baseline's, the post-test's, or both. */
  missingFrom: string[]
}

/**
 * The configured snapshot names (metrics and the work field) missing from
 * either file. A typo there must be an error, not a metric quietly left out
 * of the comparison (SPEC §8: never a silent pass).
 */
export function missingSnapshotNames(
  baseline: Snapshot,
  post: Snapshot,
  spec: SnapshotSpec
): SnapshotNameProblem[] {
  const problems: SnapshotNameProblem[] = []
  const check = (key: SnapshotNameProblem['key'], name: string): void => {
    const missingFrom = [baseline, post]
      .filter((snapshot) => !(name in snapshot.values))
      .map((snapshot) => snapshot.file)
    if (missingFrom.length > 0) problems.push({ key, name, missingFrom })
  }
  for (const name of Object.keys(spec.metrics ?? {})) check('metrics', name)
  if (typeof spec.work === 'string') check('work', spec.work)
  return problems
}

/** Compares two snapshots. Notes say what could not be compared (a metric missing in one file, no work). */
export function analyzeSnapshots(
  baseline: Snapshot,
  post: Snapshot,
  spec: SnapshotSpec | undefined
): { details: SnapshotDetail[]; notes: string[] } {
  const notes: string[] = []
  let work: number | undefined
  let workName: string | undefined
  if (typeof spec?.work === 'number') {
    work = spec.work
    workName = 'work units'
  } else if (typeof spec?.work === 'string') {
    const before = baseline.values[spec.work]
    const after = post.values[spec.work]
    workName = spec.work
    if (before === undefined || after === undefined)
      notes.push(
        `snapshots: work field "${spec.work}" is missing from ${before === undefined ? baseline.file : post.file}; no per-work figures`
      )
    else work = after - before
  }
  const details: SnapshotDetail[] = []
  for (const [metric, metricKind] of Object.entries(chooseMetrics(baseline, post, spec))) {
    const before = baseline.values[metric]
    const after = post.values[metric]
    if (before === undefined || after === undefined) {
      notes.push(
        `snapshots: "${metric}" is missing from ${before === undefined ? baseline.file : post.file}; not compared`
      )
      continue
    }
    const unit: ValueUnit = metricKind === 'memory' ? 'bytes' : 'count'
    const delta = after - before
    const analysis: SnapshotAnalysis = {
      kind: 'snapshot',
      metric,
      metricKind,
      unit,
      baseline: before,
      post: after,
      delta,
      changePercent: before !== 0 ? (delta / before) * 100 : null,
      perWork: work !== undefined && work > 0 ? delta / work : null,
      ...(workName !== undefined ? { workName } : {}),
      ...(work !== undefined ? { work } : {}),
      status: 'ok',
      explanation: ''
    }
    details.push({ key: `snapshot:${metric}`, source: post.file, analysis })
  }
  if (work !== undefined && !(work > 0))
    notes.push(`snapshots: work done is ${work}; no per-work figures`)
  return { details, notes }
}

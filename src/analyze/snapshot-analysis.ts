/**
 * Baseline vs post-test snapshots (SPEC §4): delta, change in percent of the
 * baseline, and delta per unit of work when the snapshot config names the
 * work (a field whose delta is the work done, or a fixed amount).
 */
import type { SnapshotSpec } from '../config/types.js'
import type { Snapshot, SnapshotAnalysis, ValueUnit } from '../model.js'
import {
  chooseMetrics,
  snapshotProcess,
  type SnapshotProcess
} from '../understand/snapshot-metrics.js'

/** A snapshot metric's comparison plus what the signatures need. */
export interface SnapshotDetail {
  /** `snapshot:metric`: the key healthy lines and statuses use. */
  key: string
  /** File of the post-test snapshot: the finding's source. */
  source: string
  analysis: SnapshotAnalysis
  /** The post-test snapshot's own work count (its `work` field), when the config names one: which process it read. */
  postWork?: number
  /** The process each snapshot names (a pid, a start time), when both name one. */
  process?: SnapshotProcess
  /** The files' own times (epoch ms), when they say (a Prometheus scrape's). */
  baselineTime?: number
  postTime?: number
  /** The baseline's file. */
  baselineFile: string
}

// Which metrics are compared, and which configured names the files lack, is
// understanding of names (one rule for the input plan and the analysis).
export { chooseMetrics, missingSnapshotNames } from '../understand/snapshot-metrics.js'
export type { SnapshotNameProblem } from '../understand/snapshot-metrics.js'

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
  const writer = snapshotProcess(baseline, post)
  if (writer && writer.baseline !== writer.post)
    notes.push(
      `snapshots: ${baseline.file} and ${post.file} come from different processes (${writer.name} ${writer.baseline} → ${writer.post}): the comparison spans a restart`
    )
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
    const postWork = typeof spec?.work === 'string' ? post.values[spec.work] : undefined
    details.push({
      key: `snapshot:${metric}`,
      source: post.file,
      analysis,
      baselineFile: baseline.file,
      ...(postWork !== undefined ? { postWork } : {}),
      ...(writer ? { process: writer } : {}),
      ...(baseline.time !== undefined ? { baselineTime: baseline.time } : {}),
      ...(post.time !== undefined ? { postTime: post.time } : {})
    })
  }
  if (work !== undefined && !(work > 0))
    notes.push(`snapshots: work done is ${work}; no per-work figures`)
  return { details, notes }
}

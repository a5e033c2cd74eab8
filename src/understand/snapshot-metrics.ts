/**
 * Which metrics of a baseline/post-test snapshot pair are compared: the
 * config's list, else the memory metrics and kept counts the names say
 * (`names.ts`), so zero-config and a config naming only the two files pick
 * the same ones. And which configured names the files lack. Pure.
 */
import type { SnapshotSpec } from '../config/types.js'
import type { MetricKind, Snapshot } from '../model.js'
import {
  isFillingStoreName,
  isKeptCountName,
  isSnapshotMemoryName,
  isSnapshotProcessName,
  kindFromName
} from './names.js'

/**
 * Metrics to compare: the config's list, else the recognised memory metrics
 * present in both snapshots. Exported so the input plan can tell, before
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
    // registries, live objects, listeners, open handles (the column rule); not a cache, which two
    // snapshots cannot tell from a leak once it has filled; cumulative counters never
    else if (
      isKeptCountName(name) &&
      !isFillingStoreName(name) &&
      Number.isInteger(baseline.values[name])
    )
      metrics[name] = kindFromName(name) === 'live' ? 'live' : 'count'
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
 * of the comparison (never a silent pass).
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

/** The value naming the process in both snapshots (a pid, a process start time), before and after. */
export interface SnapshotProcess {
  name: string
  baseline: number
  post: number
}

/**
 * The process the baseline and post-test snapshots were taken from, when
 * both name it (`pid`, `process.pid`, `process_start_time_seconds`):
 * different values mean the comparison spans a restart. Undefined when
 * either file names none.
 */
export function snapshotProcess(baseline: Snapshot, post: Snapshot): SnapshotProcess | undefined {
  for (const name of Object.keys(post.values)) {
    if (!isSnapshotProcessName(name) || !(name in baseline.values)) continue
    return { name, baseline: baseline.values[name], post: post.values[name] }
  }
  return undefined
}

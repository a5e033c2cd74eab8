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
  isTimeName,
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
    if (!Object.hasOwn(baseline.values, name)) continue
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
  const shape = readingByShape(baseline, post)
  for (const [name, kind] of Object.entries(shape?.metrics ?? {})) metrics[name] ??= kind
  return metrics
}

/** What a snapshot pair's shape, not its names, says is memory, and the note that says so. */
interface ShapeReading {
  metrics: Record<string, MetricKind>
  note: string
}

/**
 * The categories of Chrome DevTools' heap snapshot Statistics (`{"total", "v8heap": {"code",
 * "strings", "jsArrays", "system"}, "native": {"total", "typedArrays"}}`, bytes; older versions
 * put the categories at the top).
 */
const HEAP_STATISTICS_CATEGORY = /^(?:v8heap\.)?(code|strings|jsArrays|system)$/
/** Of those, the memory the program holds: everything, its JS heap, its strings and arrays, native memory. */
const HEAP_STATISTICS_HELD =
  /^(total|v8heap(?:\.total)?|native(?:\.total)?|(?:v8heap\.)?(?:strings|jsArrays)|(?:native\.)?typedArrays)$/

/** A top level of generic words only: `{"used": …, "total": …, "objects": …}`. */
const GENERIC_TOP = /^(used|total|objects)$/
const MIB = 1024 * 1024

/**
 * Heap snapshot statistics (DevTools' Statistics view as saved): a `total` beside at least three
 * of its categories, in both files. A heap snapshot holds only what survived the collection it
 * forces, so its total is the live heap (a leak's witness, not an allocator's reservation).
 * Compiled code and the engine's own objects (`code`, `system`) grow as code warms up: left out.
 */
function heapStatisticsReading(baseline: Snapshot, post: Snapshot): ShapeReading | undefined {
  const isStatistics = (snapshot: Snapshot): boolean =>
    'total' in snapshot.values &&
    Object.keys(snapshot.values).filter((name) => HEAP_STATISTICS_CATEGORY.test(name)).length >= 3
  if (!isStatistics(baseline) || !isStatistics(post)) return undefined
  const both = Object.keys(post.values).filter((name) => name in baseline.values)
  const held = both.filter((name) => HEAP_STATISTICS_HELD.test(name))
  const left = both.filter((name) => /(?:^|\.)(code|system)$/.test(name))
  const metrics = Object.fromEntries(held.map((name) => [name, 'memory' as const]))
  return {
    metrics,
    note: `read as heap snapshot statistics (DevTools' Statistics, bytes): ${held.join(', ')} compared as memory, total being all the snapshot held (the live heap)${left.length > 0 ? `; ${left.join(', ')} (compiled code, the engine's own objects: they grow as code warms up) not compared` : ''}`
  }
}

/**
 * A snapshot whose top level says only `used` and `total` (and `objects`), byte-sized (1 MiB or
 * more) with used ≤ total in both files: the memory in use and what is reserved for it, as
 * loggers shorten `heapUsed` / `heapTotal`. Only `used` is compared: a reserved total may stay
 * high after a load without a leak, and an object count moves by more than the count tolerance
 * (10) in a healthy process. Anything else at the top level (a `free`: the host's memory as
 * `free` or `os` report it) and the words say nothing: the names are left to the config.
 */
function genericUsedReading(baseline: Snapshot, post: Snapshot): ShapeReading | undefined {
  const fits = (snapshot: Snapshot): boolean => {
    const { used, total } = snapshot.values
    return (
      Object.keys(snapshot.values).every(
        (name) => GENERIC_TOP.test(name) || isTimeName(name) || isSnapshotProcessName(name)
      ) &&
      Number.isInteger(used) &&
      Number.isInteger(total) &&
      used >= MIB &&
      used <= total
    )
  }
  if (!fits(baseline) || !fits(post)) return undefined
  const left = ['total', 'objects'].filter((name) => name in post.values && name in baseline.values)
  return {
    metrics: { used: 'memory' },
    note: `top-level "used" and "total" read as memory in use and reserved, in bytes (1 MiB or more, used ≤ total, no other name): used compared as memory; ${left.join(' and ')} not compared (a reserved total may stay high after load; objects move by more than 10 in a healthy process): name them under snapshots.metrics to compare them, or what to compare if used is no process's memory`
  }
}

/** The reading of a snapshot pair by its shape: DevTools heap statistics, or generic used/total. */
function readingByShape(baseline: Snapshot, post: Snapshot): ShapeReading | undefined {
  return heapStatisticsReading(baseline, post) ?? genericUsedReading(baseline, post)
}

/**
 * What the report says of a snapshot pair read by its shape rather than its names (which values
 * were taken for memory, which left out), or undefined when the config lists the metrics or the
 * names alone decide.
 */
export function snapshotShapeNote(
  baseline: Snapshot,
  post: Snapshot,
  spec?: SnapshotSpec
): string | undefined {
  if (spec?.metrics && Object.keys(spec.metrics).length > 0) return undefined
  return readingByShape(baseline, post)?.note
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

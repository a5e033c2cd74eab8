/**
 * When two series measure the same process. Witnesses (a flat live heap
 * vouching for RSS, RSS confirming a heap's floor, a fall one series reads as
 * memory handed back) are only evidence about their own process, and every
 * rule must answer that question the same way. The answer comes from what the
 * series carry:
 *
 * - the same file and the same group: one process (a file's columns are read
 *   from the same rows; a `group:` column, docker's container name or a pid,
 *   names the process of each row); a restart within it (a new pid) stays one
 *   family, cut into lives by the segment rules;
 * - the same group value in two files (a container named in both);
 * - a container (docker stats, `kubectl top`, cAdvisor's `container_*`) and a
 *   file of one process's own readings (`process.memoryUsage()`, VmRSS), when
 *   the run has one container: the service inside it. With several containers
 *   nothing says which one holds the service;
 * - never two runs of one test (appended in a file: `[run 2]`; downloaded side
 *   by side: `run-1/`, `run-2/` holding the same files), nor two Prometheus
 *   series whose identifying labels (`instance`, `pod`, `pid`, ...) differ.
 *
 * - a baseline/post-test snapshot pair and the series of its metric (the same
 *   name and unit) in the same repeated-run folder: when the series' file holds
 *   appended runs, only the run the pair was taken around, told by the
 *   snapshots' own times (the post-test after that run's last reading and
 *   before any later run's first); with no times, none of them.
 *
 * Two files of readings with no container between them are not assumed to be
 * one process, unless they are the same rows written twice ({@link sameRows}:
 * a worker's CSV and its log lines of the same checkpoints). What a rule wants of the other series (a live heap, memory the
 * allocator holds) is the rule's own filter on top.
 */
import type { Series } from '../model.js'
import { dockerColumnOf } from '../understand/names.js'
import { identityAgrees, identityLabels } from '../understand/process-labels.js'
import { folderAxis } from './confirm-runs.js'

/** `run 3` at the end of a group: the load stage's name for a run appended to the file. */
const APPENDED_RUN = /(?:^| )run (\d+)$/

/** Metrics that measure a container: cAdvisor's (`container_memory_working_set_bytes`). */
const CONTAINER_METRIC = /^container_/

/** Where a series' process is, as far as the series says. */
export interface ProcessPlace {
  file: string
  /** The group without an appended run's suffix (`web-1` of `web-1 run 2`), if any. */
  group?: string
  /** The appended run's number, if the series is one of several runs in its file. */
  run?: number
  /** Identifying Prometheus labels of the series' key. */
  labels: ReadonlyMap<string, string>
  /** The series measures a container, not one process inside it. */
  container: boolean
}

/** True when the series measures a container (docker stats columns, a container id, cAdvisor). */
export function measuresContainer(series: Series): boolean {
  if (series.processColumn?.what === 'container id') return true
  if (series.processChanges?.some((c) => c.what === 'container id')) return true
  const name = series.metric.split('{')[0]
  return CONTAINER_METRIC.test(name) || dockerColumnOf(name) !== undefined
}

/** Where a series' process is (see the module comment). */
export function processPlace(series: Series): ProcessPlace {
  const labels = identityLabels(series.metric)
  const container = measuresContainer(series)
  const group = series.group
  if (group === undefined) return { file: series.file, labels, container }
  const run = APPENDED_RUN.exec(group)
  if (!run) return { file: series.file, group, labels, container }
  const rest = group.slice(0, run.index).trimEnd()
  return {
    file: series.file,
    ...(rest !== '' ? { group: rest } : {}),
    run: Number(run[1]),
    labels,
    container
  }
}

/** False when an identifying label both carry differs. */
function labelsAgree(a: ProcessPlace, b: ProcessPlace): boolean {
  return identityAgrees(a.labels, b.labels)
}

/** One container: its group, or its file and labels when it has none. */
function containerKey(place: ProcessPlace): string {
  if (place.group !== undefined) return `group\u0000${place.group}`
  const labels = [...place.labels].map(([k, v]) => `${k}=${v}`).join(',')
  return `file\u0000${place.file}\u0000${labels}`
}

/** What the whole run says about its processes: its repeated-run folders and containers in each. */
export interface ProcessCensus {
  /** The place of each series of the run, worked out once. */
  placeOf(series: Series): ProcessPlace
  /** The repeated-run folder a file is in (`leak-test-2`), '' outside them. */
  folderOf(file: string): string
  /** Containers measured in each repeated-run folder ('' for the rest of the run). */
  containers: ReadonlyMap<string, number>
  /** Groups (without an appended run's suffix) that name a container somewhere in the run. */
  containerGroups: ReadonlySet<string>
}

/** The census of a run's series (see {@link ProcessCensus}). */
export function processCensus(run: readonly Series[]): ProcessCensus {
  const places = new Map<Series, ProcessPlace>()
  const placeOf = (series: Series): ProcessPlace => {
    let place = places.get(series)
    if (!place) {
      place = processPlace(series)
      places.set(series, place)
    }
    return place
  }
  // Repeated runs downloaded side by side (run-1/, run-2/ holding the same files): one test, many processes.
  const axis = folderAxis([...new Set(run.map((series) => series.file))])
  const folders = axis?.runs ?? []
  const folderOf = (file: string): string =>
    folders.length === 0 ? '' : (folders.find((folder) => file.startsWith(`${folder}/`)) ?? '')
  const keys = new Map<string, Set<string>>()
  const containerGroups = new Set<string>()
  for (const series of run) {
    const place = placeOf(series)
    if (!place.container) continue
    if (place.group !== undefined) containerGroups.add(place.group)
    const folder = folderOf(place.file)
    const inFolder = keys.get(folder) ?? new Set<string>()
    inFolder.add(containerKey(place))
    keys.set(folder, inFolder)
  }
  return {
    placeOf,
    folderOf,
    containers: new Map([...keys].map(([folder, inFolder]) => [folder, inFolder.size])),
    containerGroups
  }
}

/** How many containers the run's series measure (outside repeated-run folders, or in `folder`). */
export function countContainers(run: readonly Series[], folder = ''): number {
  return processCensus(run).containers.get(folder) ?? 0
}

/** Whether two places are the same process in a run whose census is `census` (see the module comment). */
export function sameProcessPlace(a: ProcessPlace, b: ProcessPlace, census: ProcessCensus): boolean {
  if (a.run !== b.run || !labelsAgree(a, b)) return false
  if (a.file === b.file) return a.group === b.group
  const folder = census.folderOf(a.file)
  if (folder !== census.folderOf(b.file)) return false
  if (a.group !== undefined && a.group === b.group) return true
  // A container and a file of readings from inside it (ungrouped: one process).
  if (a.container === b.container || census.containers.get(folder) !== 1) return false
  const inside = a.container ? b : a
  return inside.group === undefined
}

/** Whether two series of a run (`run`: all its series) are the same process. */
export function sameProcess(a: Series, b: Series, run: readonly Series[]): boolean {
  const census = processCensus(run)
  return sameProcessPlace(census.placeOf(a), census.placeOf(b), census)
}

/** First and last epoch time of a series, or undefined without epoch times. */
function epochSpan(series: Series): [number, number] | undefined {
  const time = series.time
  if (series.timeBase !== 'epoch' || time.length === 0) return undefined
  const first = time[0]
  const last = time[time.length - 1]
  return Number.isFinite(first) && Number.isFinite(last) ? [first, last] : undefined
}

/** Whether two spans share no instant. */
function disjoint(a: [number, number], b: [number, number]): boolean {
  return a[1] < b[0] || b[1] < a[0]
}

/**
 * Whether `other` (a file with no appended runs) was written during another run appended in
 * `series`' file, not during `series`' own: its readings fall outside `series`' span and within
 * a sibling run's (same file, metric and group, another run number). A clock written in another
 * zone overlaps neither, so it proves nothing.
 */
function duringSiblingRun(
  series: Series,
  place: ProcessPlace,
  other: Series,
  census: ProcessCensus,
  run: readonly { series: Series }[]
): boolean {
  const own = epochSpan(series)
  const theirs = epochSpan(other)
  if (!own || !theirs || !disjoint(own, theirs)) return false
  return run.some(({ series: sibling }) => {
    if (sibling === series || sibling.file !== series.file || sibling.metric !== series.metric)
      return false
    const at = census.placeOf(sibling)
    if (at.run === undefined || at.run === place.run || at.group !== place.group) return false
    const span = epochSpan(sibling)
    return span !== undefined && !disjoint(span, theirs)
  })
}

/**
 * Whether two series of a run (`run`: all its series) are provably from different
 * processes: weaker than "not known to be one". A worker's memory.csv and its
 * broker_stats.csv beside it are not known to be one process (two files, no container
 * between them), yet nothing says they are two. Proof is one of:
 *
 * - two runs appended in one file (`[run 1]`, `[run 2]`), or in two files when their
 *   times do not overlap; a file of one run written during another appended run of the
 *   series' file than its own;
 * - two repeated-run folders (`run-1/`, `run-2/`);
 * - an identifying Prometheus label (`instance`, `pod`, `pid`, ...) both carry, differing;
 * - two groups of one file; two groups of two files when both name processes or both
 *   containers, or one names another container of the run;
 * - a column naming the process (`pid`, a container id) in both, never taking one value
 *   in common.
 */
export function provablyOtherProcess<T extends { series: Series }>(
  run: readonly T[],
  a: Series,
  b: Series
): boolean {
  const census = censusOf(run)
  const pa = census.placeOf(a)
  const pb = census.placeOf(b)
  if (!labelsAgree(pa, pb)) return true
  const folderA = census.folderOf(pa.file)
  const folderB = census.folderOf(pb.file)
  if (folderA !== '' && folderB !== '' && folderA !== folderB) return true
  if (pa.run !== undefined && pb.run !== undefined && pa.run !== pb.run) {
    if (pa.file === pb.file) return true
    const spanA = epochSpan(a)
    const spanB = epochSpan(b)
    if (spanA && spanB && disjoint(spanA, spanB)) return true
  }
  if (pa.file !== pb.file) {
    if (pa.run !== undefined && pb.run === undefined && duringSiblingRun(a, pa, b, census, run))
      return true
    if (pb.run !== undefined && pa.run === undefined && duringSiblingRun(b, pb, a, census, run))
      return true
  }
  if (pa.group !== undefined && pb.group !== undefined && pa.group !== pb.group) {
    if (pa.file === pb.file || pa.container === pb.container) return true
    const inside = pa.container ? pb : pa
    if (census.containerGroups.has(inside.group!)) return true
  }
  const ca = a.processColumn
  const cb = b.processColumn
  if (ca?.ids && cb?.ids && ca.what === cb.what && ca.ids.length > 0 && cb.ids.length > 0) {
    const seen = new Set(ca.ids)
    if (!cb.ids.some((id) => seen.has(id))) return true
  }
  return false
}

/**
 * Censuses already taken, by run: a context's series array, asked once per series it holds
 * (a loaded series is not changed afterwards; an array grown or changed at its ends is counted again).
 */
const taken = new WeakMap<
  readonly unknown[],
  { length: number; first: unknown; last: unknown; census: ProcessCensus }
>()

/** The census of a run of details, taken once per run (see {@link taken}). */
function censusOf<T extends { series: Series }>(run: readonly T[]): ProcessCensus {
  let known = taken.get(run)
  if (
    known?.length !== run.length ||
    known.first !== run[0] ||
    known.last !== run[run.length - 1]
  ) {
    const census = processCensus(run.map((d) => d.series))
    known = { length: run.length, first: run[0], last: run[run.length - 1], census }
    taken.set(run, known)
  }
  return known.census
}

/** The other series of the run (`run`) of the same process as `detail`'s. */
export function sameProcessSeries<T extends { series: Series }>(run: readonly T[], detail: T): T[] {
  const census = censusOf(run)
  const own = census.placeOf(detail.series)
  return run.filter(
    (other) => other !== detail && sameProcessPlace(own, census.placeOf(other.series), census)
  )
}

/** A baseline/post-test snapshot pair as far as it says where it was taken. */
export interface SnapshotPair {
  /** The post-test file (the pair's source) and the baseline's. */
  source: string
  baselineFile: string
  /** The files' own times (epoch ms), when they say (a Prometheus scrape's). */
  postTime?: number
  analysis: { metric: string; unit: Series['unit'] }
}

/** The series of the run a snapshot pair speaks for, or why it speaks for none of them. */
export interface SnapshotSeries<T> {
  series: T[]
  /** Series of its metric were left out because which of them it was taken from cannot be told. */
  untold?: string
}

/**
 * The series of a run (`run`: all its series) of the same process as a snapshot pair, of
 * its metric and unit (see the module comment): those in the pair's repeated-run folder
 * and, of a file of appended runs, the run the pair was taken around.
 */
export function snapshotProcessSeries<T extends { series: Series }>(
  run: readonly T[],
  pair: SnapshotPair
): SnapshotSeries<T> {
  const census = censusOf(run)
  const folder = census.folderOf(pair.source)
  const named = run.filter(
    (d) => d.series.metric === pair.analysis.metric && d.series.unit === pair.analysis.unit
  )
  const here = named.filter((d) => census.folderOf(d.series.file) === folder)
  const files =
    pair.source === pair.baselineFile ? pair.source : `${pair.baselineFile} → ${pair.source}`
  if (here.length === 0 && named.length > 0 && folder === '')
    return {
      series: [],
      untold: `snapshots ${files} lie outside the repeated-run folders (${[...new Set(named.map((d) => census.folderOf(d.series.file)))].join(', ')}): which run they were taken around cannot be told, so they vouch for none of their series`
    }
  const single = here.filter((d) => census.placeOf(d.series).run === undefined)
  const appended = here.filter((d) => census.placeOf(d.series).run !== undefined)
  if (appended.length === 0) return { series: single }
  const around = runAround(appended, pair.postTime)
  if (around !== undefined) return { series: [...single, ...around] }
  const where = [...new Set(appended.map((d) => d.series.file))].join(', ')
  const runs = new Set(appended.map((d) => census.placeOf(d.series).run)).size
  return {
    series: single,
    untold: `snapshots ${files}: which of the ${runs} runs appended in ${where} they were taken around cannot be told (${pair.postTime === undefined ? 'the snapshot files carry no time; a top-level "time" in ISO 8601 would tell' : 'their time falls after no run alone'}), so they vouch for none of them`
  }
}

/**
 * The series of the one appended run the post-test was taken after (its last reading at or
 * before `postTime`, no other run's first reading between the two), or undefined.
 */
function runAround<T extends { series: Series }>(
  appended: readonly T[],
  postTime: number | undefined
): T[] | undefined {
  if (postTime === undefined) return undefined
  if (appended.some((d) => d.series.timeBase !== 'epoch' || d.series.time.length === 0))
    return undefined
  const last = (d: T): number => d.series.time[d.series.time.length - 1]
  const before = appended.filter((d) => last(d) <= postTime)
  if (before.length === 0) return undefined
  const end = Math.max(...before.map(last))
  const chosen = before.filter((d) => last(d) === end)
  // a later run started before the post-test: it was taken during that run, or cannot be told
  if (appended.some((d) => d.series.time[0] > end && d.series.time[0] <= postTime)) return undefined
  return chosen
}

/** Times of one row written to two files may differ by the write itself, never by a sample. */
export const SAME_ROW_SLACK_MS = 1000

/**
 * Whether two series are the same rows written twice: the same work counter
 * (by name) with equal values at every row, at the same times (within
 * {@link SAME_ROW_SLACK_MS}). Two runs of one test count the same work but
 * not at the same instants. Neither may show another process (a stop, a
 * new pid or container id).
 */
export function sameRows(a: Series, b: Series): boolean {
  if (a.workName === undefined || a.workName.toLowerCase() !== b.workName?.toLowerCase())
    return false
  const n = a.value.length
  if (n < 2 || b.value.length !== n || a.timeBase !== b.timeBase) return false
  for (const s of [a, b])
    if ((s.stops?.length ?? 0) > 0 || (s.processChanges?.length ?? 0) > 0) return false
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a.work[i]) || a.work[i] !== b.work[i]) return false
    if (!(Math.abs(a.time[i] - b.time[i]) <= SAME_ROW_SLACK_MS)) return false
  }
  return true
}

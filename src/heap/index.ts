/**
 * The heap-snapshot engine: names what leaks. Given the snapshots of one
 * process (after warm-up → after load phase 1 → after phase 2), it reads
 * the first two by id only, the last one whole, and reports per class the
 * survivors of phase 1 still alive at the end, their retained size, who
 * holds them and where the class is defined, and whether they grow in
 * phase 2 too. Pure: the caller opens the files (and gunzips them) and
 * hands in byte streams.
 */
import { nameClasses } from './class-names.js'
import { computeDominators } from './dominators.js'
import type { HeapAnalysis, HeapClassRow } from './heap-analysis.js'
import { HEAP_DEFAULTS, type HeapJudgeOptions, judgeClasses } from './judge.js'
import { readHeapSnapshot, readSnapshotIds } from './read-snapshot.js'
import {
  type DefinitionSite,
  definitionSite,
  describePath,
  indexLocations,
  retainerPath,
  shortestPathTree
} from './retainer-path.js'
import { compareProcesses, maxIdOf } from './same-process.js'
import { countSurvivors } from './survivors.js'

export type { HeapAnalysis, HeapClassRow } from './heap-analysis.js'
export { HEAP_DEFAULTS, type HeapJudgeOptions } from './judge.js'
export { formatCount, formatSize } from './format.js'
export type { DefinitionSite } from './retainer-path.js'

/** A snapshot to read: its display name and a way to stream its bytes. */
export interface SnapshotSource {
  file: string
  open: () => AsyncIterable<Uint8Array>
}

/** What {@link analyzeHeapSnapshots} needs. */
export interface HeapInput {
  baseline: SnapshotSource
  /** Absent: two snapshots (baseline and final), per-class change only. */
  target?: SnapshotSource
  final: SnapshotSource
  /** Cumulative work at each snapshot (requests, ...), when known. */
  work?: { baseline: number; target?: number; final: number; name: string }
  options?: Partial<HeapJudgeOptions>
  /** Maps a definition site through a source map, when the artifact ships one. */
  mapSite?: (site: DefinitionSite) => DefinitionSite | undefined
  /** Rows shown besides the leaks (largest retained first). Default 8. */
  maxRows?: number
}

/**
 * Compares the snapshots (see the module comment). Never compares by id
 * snapshots that do not come from one process: the result then has no
 * rows and a note that says so.
 * @throws InputError when a file is not a V8 heap snapshot.
 */
export async function analyzeHeapSnapshots(input: HeapInput): Promise<HeapAnalysis> {
  const options = { ...HEAP_DEFAULTS, ...input.options }
  const baseline = await readSnapshotIds(input.baseline.open(), input.baseline.file)
  const target = input.target
    ? await readSnapshotIds(input.target.open(), input.target.file)
    : undefined
  const graph = await readHeapSnapshot(input.final.open(), input.final.file)
  const finalMaxId = maxIdOf(graph)
  const three = target !== undefined
  const result: HeapAnalysis = {
    baseline: input.baseline.file,
    ...(target ? { target: target.file } : {}),
    final: input.final.file,
    mode: three ? 'three-snapshots' : 'two-snapshots',
    maxIds: [baseline.maxId, ...(target ? [target.maxId] : []), finalMaxId],
    totalSurvivors: 0,
    rows: [],
    notes: []
  }
  for (const earlier of target ? [baseline, target] : [baseline]) {
    const match = compareProcesses(earlier, graph)
    if (!match.same) {
      result.notes.push(
        `heap snapshots ${earlier.file} and ${graph.file} are not of the same process (${match.reason}): ` +
          'object ids are only comparable within one process (a restart or another run starts them again), so they were not compared'
      )
      return result
    }
  }
  if (target && target.maxId < baseline.maxId) {
    result.notes.push(
      `heap snapshot ${target.file} is older than ${baseline.file} (largest id ${target.maxId} < ${baseline.maxId}): check the order of baseline and target`
    )
    return result
  }
  let work: { phase1: number; phase2: number } | undefined
  if (input.work) {
    const w = input.work
    const phase1 = (three ? (w.target ?? NaN) : w.final) - w.baseline
    const phase2 = three ? w.final - (w.target ?? NaN) : 0
    if (Number.isFinite(phase1) && phase1 > 0 && Number.isFinite(phase2) && phase2 >= 0) {
      work = { phase1, phase2 }
      result.work = { phase1, phase2, name: w.name }
    } else
      result.notes.push(
        `heap work amounts ${w.baseline} → ${w.target ?? '–'} → ${w.final} do not grow: per-work figures left out`
      )
  }
  if (three && !work)
    result.notes.push(
      'heap: the work of each phase is unknown, so the phases are taken as equal (set heap.work, or take the snapshots with the preload helper, for per-work figures)'
    )

  const dominators = computeDominators(graph)
  const classes = nameClasses(graph, dominators.firstEdge)
  const stats = countSurvivors(graph, dominators, classes, {
    phase1: { low: baseline.maxId, high: target ? target.maxId : Infinity },
    ...(target ? { phase2: { low: target.maxId } } : {}),
    finalMaxId
  })
  result.totalSurvivors = stats.total
  const judged = judgeClasses(stats, classes, options, work, three)

  const leaks = judged.filter((j) => j.row.status === 'leak')
  leaks.sort((a, b) => b.row.retainedSize - a.row.retainedSize)
  // Besides the leaks, the largest classes not folded under a leak, with why they are fine.
  const weight = (row: HeapClassRow): number => Math.max(row.retainedSize, row.selfSize)
  const others = judged
    .filter((j) => j.row.status !== 'leak' && !j.row.reason.startsWith('owned by'))
    .sort((a, b) => weight(b.row) - weight(a.row) || b.row.survivors - a.row.survivors)
    .slice(0, input.maxRows ?? 10)
  const shown = [...leaks, ...others]
  const via = shortestPathTree(graph, dominators)
  const locations = indexLocations(graph)
  const sites = new Map<HeapClassRow, DefinitionSite>()
  for (const { classIndex, row } of shown) {
    const representative = stats.representative[classIndex]
    if (representative < 0) continue
    if (row.className === 'Function') {
      const name =
        graph.strings[graph.nodes[representative * graph.nodeFieldCount + graph.nodeNameOffset]]
      if (name) row.functionName = name
    }
    const steps = retainerPath(graph, dominators, classes, via, representative)
    const heldBy = describePath(steps, graph, via)
    if (heldBy) row.heldBy = heldBy
    const site = definitionSite(graph, dominators.firstEdge, locations, representative)
    if (site) sites.set(row, input.mapSite?.(site) ?? site)
  }
  const root = commonFolder([...sites.values()].map((site) => displayScript(site.script)))
  for (const [row, site] of sites)
    row.definedAt = `${displayScript(site.script).slice(root.length)}:${site.line}`
  result.rows = shown.map((j) => j.row)
  return result
}

/**
 * The folder the absolute script paths share (with its trailing `/`), so
 * sites read `src/store.js:3`, not the load-test machine's checkout path.
 * One script keeps its folder and name; empty when nothing is in common.
 */
export function commonFolder(paths: string[]): string {
  const absolute = [...new Set(paths.filter((p) => p.startsWith('/')))]
  if (absolute.length === 1 && absolute.length === new Set(paths).size) {
    // One script: keep its folder and name (`node-service/service.mjs`), not the machine's path.
    const parts = absolute[0].split('/')
    return parts.length > 3 ? `${parts.slice(0, -2).join('/')}/` : ''
  }
  if (absolute.length < 2 || absolute.length !== new Set(paths).size) return ''
  let prefix = absolute[0].slice(0, absolute[0].lastIndexOf('/') + 1)
  for (const path of absolute)
    while (!path.startsWith(prefix))
      prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1)
  return prefix === '/' ? '' : prefix
}

/** A script name as a path: `file:///app/src/a.js` → `/app/src/a.js`. */
export function displayScript(script: string): string {
  return script.startsWith('file://') ? decodeURIComponent(script.slice('file://'.length)) : script
}

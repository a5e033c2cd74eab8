/**
 * Survivors by class. V8 gives every object an id when a snapshot first sees
 * it, and newer objects larger ids, for as long as the process lives. So in
 * the final snapshot of one process, `maxId(baseline) < id ≤ maxId(target)`
 * are the objects allocated in phase 1 (between the first two snapshots) and
 * still alive at the end (DevTools' "Objects allocated between snapshots",
 * memlab's `find-leaks` set), and `id > maxId(target)` those of phase 2.
 * Per class: how many, their own size, and the size they retain. A survivor
 * dominated by another survivor (a `Session`'s `{name, roles}` and its
 * arrays) is counted under the top one's class ("owned"), so each leaked
 * byte is counted once, under the class that holds it.
 */
import type { ClassNames } from './class-names.js'
import type { Dominators } from './dominators.js'
import type { HeapGraph } from './types.js'

/**
 * Node types that never own survivors: V8's internal arrays (a Map's hash
 * table, an object's elements), hidden objects and code. A `Session` stored
 * in a Map whose table was reallocated after the baseline belongs to the
 * `Session` class, not to the table.
 */
const TRANSPARENT_TYPES = new Set(['hidden', 'array', 'code', 'object shape', 'synthetic'])

/** The id ranges of the two phases, both inclusive of `high`. */
export interface IdRanges {
  /** Phase 1: `low < id ≤ high`. */
  phase1: { low: number; high: number }
  /** Phase 2: `id > low` (three snapshots only). */
  phase2?: { low: number }
  /** Largest id of the final snapshot: larger ones are embedder addresses, not allocation order. */
  finalMaxId: number
}

/** Per-class figures of the survivors (arrays indexed by class index). */
export interface SurvivorStats {
  /** Phase-1 survivors per class. */
  count: Float64Array
  selfSize: Float64Array
  /** Survivors not dominated by another survivor: they carry the class's retained size. */
  topCount: Float64Array
  retained: Float64Array
  /** Phase-2 survivors per class (zeros with two snapshots). */
  phase2Count: Float64Array
  /** Owned survivors: class → (owner class → count). */
  ownedBy: Map<number, Map<number, number>>
  /** A top-level survivor of each class with the largest retained size (ordinal, or -1). */
  representative: Int32Array
  /** Survivors of all classes (phase 1). */
  total: number
}

/** Counts the survivors of both phases by class (see the module comment). */
export function countSurvivors(
  graph: HeapGraph,
  dominators: Dominators,
  classes: ClassNames,
  ranges: IdRanges
): SurvivorStats {
  const classCount = classes.names.length
  const stats: SurvivorStats = {
    count: new Float64Array(classCount),
    selfSize: new Float64Array(classCount),
    topCount: new Float64Array(classCount),
    retained: new Float64Array(classCount),
    phase2Count: new Float64Array(classCount),
    ownedBy: new Map(),
    representative: new Int32Array(classCount).fill(-1),
    total: 0
  }
  const { nodes, nodeFieldCount, nodeIdOffset, nodeSelfSizeOffset } = graph
  const { low, high } = ranges.phase1
  const phase2Low = ranges.phase2?.low ?? Infinity
  const { idom, retained, preorder } = dominators
  const { classOf } = classes
  // Top-level survivor of each phase-1 survivor, in preorder so dominators come first; -1 otherwise.
  const top = new Int32Array(graph.nodeCount).fill(-1)
  const transparent = graph.nodeTypes.map((type) => TRANSPARENT_TYPES.has(type))
  const { nodeTypeOffset } = graph
  for (let i = 0; i < preorder.length; i++) {
    const ordinal = preorder[i]
    if (ordinal === graph.rootOrdinal) continue
    const at = ordinal * nodeFieldCount
    const id = nodes[at + nodeIdOffset]
    const cls = classOf[ordinal]
    if (id > ranges.finalMaxId) continue
    if (id > phase2Low) {
      stats.phase2Count[cls]++
      continue
    }
    if (id <= low || id > high) continue
    stats.total++
    stats.count[cls]++
    stats.selfSize[cls] += nodes[at + nodeSelfSizeOffset]
    const owner = top[idom[ordinal]]
    if (transparent[nodes[at + nodeTypeOffset]]) {
      // V8's own arrays and metadata (a Map's hash table) own nothing: look through them.
      top[ordinal] = owner
      if (owner < 0) {
        stats.topCount[cls]++
        stats.retained[cls] += nodes[at + nodeSelfSizeOffset]
      }
      continue
    }
    if (owner < 0) {
      top[ordinal] = ordinal
      stats.topCount[cls]++
      stats.retained[cls] += retained[ordinal]
      const best = stats.representative[cls]
      if (best < 0 || retained[ordinal] > retained[best]) stats.representative[cls] = ordinal
    } else {
      top[ordinal] = owner
      const ownerClass = classOf[owner]
      let owners = stats.ownedBy.get(cls)
      if (!owners) stats.ownedBy.set(cls, (owners = new Map()))
      owners.set(ownerClass, (owners.get(ownerClass) ?? 0) + 1)
    }
  }
  return stats
}

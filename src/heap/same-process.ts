/**
 * Whether two snapshots come from one process. Ids only mean "allocated
 * later" within one process: after a restart (or on the base branch's run)
 * they start again from 1 and the id range of a phase says nothing. A
 * later snapshot of the same process still holds most objects of an
 * earlier one under the same id with the same type and size (built-ins,
 * modules, long-lived state); another process's objects under those ids
 * mostly differ. So a sample of the earlier snapshot's nodes is looked up
 * in the later one.
 */
import { isEmbedderType } from './read-snapshot.js'
import type { HeapGraph, SnapshotIds } from './types.js'

/** The verdict of {@link compareProcesses}, with its evidence. */
export interface ProcessMatch {
  same: boolean
  /** Sampled ids of the earlier snapshot found in the later one. */
  found: number
  /** Of those, how many have the same type and self size. */
  agreeing: number
  sampled: number
  reason: string
}

/** Fewest found sample ids, as a fraction of the sample, for the same process. */
const MIN_FOUND_FRACTION = 0.05
/** Fewest agreeing (type and size), as a fraction of those found. */
const MIN_AGREEING_FRACTION = 0.8

/** Looks the earlier snapshot's sample up in the later, fully read, snapshot. */
export function compareProcesses(earlier: SnapshotIds, later: HeapGraph): ProcessMatch {
  const sampled = earlier.sample.ids.length
  if (later.nodes.length === 0 || sampled === 0)
    return { same: false, found: 0, agreeing: 0, sampled, reason: 'empty snapshot' }
  const wanted = new Map<number, number>()
  const filter = new Uint8Array(1 << 17)
  for (let i = 0; i < sampled; i++) {
    const id = earlier.sample.ids[i]
    wanted.set(id, i)
    const h = hash(id)
    filter[h >>> 3] |= 1 << (h & 7)
  }
  let found = 0
  let agreeing = 0
  const { nodes, nodeFieldCount, nodeIdOffset, nodeTypeOffset, nodeSelfSizeOffset } = later
  for (let at = 0; at < nodes.length; at += nodeFieldCount) {
    const id = nodes[at + nodeIdOffset]
    if (id > earlier.maxId) continue
    const h = hash(id)
    if ((filter[h >>> 3] & (1 << (h & 7))) === 0) continue
    const i = wanted.get(id)
    if (i === undefined) continue
    found++
    const sameType =
      earlier.nodeTypes[earlier.sample.types[i]] === later.nodeTypes[nodes[at + nodeTypeOffset]]
    if (sameType && earlier.sample.sizes[i] === nodes[at + nodeSelfSizeOffset]) agreeing++
  }
  if (later.nodes.length > 0 && maxIdOf(later) < earlier.maxId)
    return {
      same: false,
      found,
      agreeing,
      sampled,
      reason: `its largest id ${maxIdOf(later)} is below ${earlier.file}'s ${earlier.maxId}`
    }
  const same = found >= sampled * MIN_FOUND_FRACTION && agreeing >= found * MIN_AGREEING_FRACTION
  const reason = same
    ? `${agreeing} of ${found} sampled objects of ${earlier.file} found unchanged`
    : `only ${agreeing} of ${sampled} sampled objects of ${earlier.file} found with the same id, type and size`
  return { same, found, agreeing, sampled, reason }
}

/** Largest node id of a fully read snapshot (embedder nodes left out, see `isEmbedderType`). */
export function maxIdOf(graph: HeapGraph): number {
  let max = 0
  const embedder = isEmbedderType(graph.nodeTypes)
  const { nodes, nodeFieldCount, nodeIdOffset, nodeTypeOffset } = graph
  for (let at = 0; at < nodes.length; at += nodeFieldCount)
    if (nodes[at + nodeIdOffset] > max && !embedder[nodes[at + nodeTypeOffset]])
      max = nodes[at + nodeIdOffset]
  return max
}

function hash(id: number): number {
  return Math.imul(id, 0x9e3779b1) >>> 15
}

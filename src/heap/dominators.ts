/**
 * Dominator tree and retained sizes of a heap graph, the way Chrome DevTools
 * computes them: Lengauer–Tarjan ("A fast algorithm for finding dominators
 * in a flowgraph", TOPLAS 1979, the simple eval/link variant) from the
 * synthetic root over the *essential* edges only. An edge is not essential
 * when it is weak, a self edge, a `shortcut` from anything but the root, or
 * the table's half of a WeakMap entry (`part of key … -> value … pair in
 * WeakMap (table @N)` from table N: the key's half is kept). Nodes left
 * unreachable (only weak retainers, or cliques) hang from the root, as in
 * DevTools. DevTools' browser-only rule (page-owned objects) does not apply
 * to Node.js snapshots and is left out. O(E α(E, N)) time, typed arrays only.
 */
import type { HeapGraph } from './types.js'

/** The dominator tree and sizes, indexed by node ordinal. */
export interface Dominators {
  /** Immediate dominator ordinal of each node (the root's is itself). */
  idom: Uint32Array
  /** Retained size in bytes: the node and everything it alone keeps alive. */
  retained: Float64Array
  /** Node ordinals in DFS preorder: a dominator always comes before the nodes it dominates. */
  preorder: Uint32Array
  /** Essential-edge flag per edge ordinal (1 = used for dominators and retainer paths). */
  essential: Uint8Array
  /** First edge ordinal of each node (`nodeCount + 1` entries). */
  firstEdge: Uint32Array
}

const WEAK_MAP_EDGE =
  /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/

/** First edge ordinal of every node, from the nodes' edge counts. */
export function buildFirstEdge(graph: HeapGraph): Uint32Array {
  const first = new Uint32Array(graph.nodeCount + 1)
  const { nodes, nodeFieldCount, nodeEdgeCountOffset } = graph
  let edge = 0
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    first[ordinal] = edge
    edge += nodes[ordinal * nodeFieldCount + nodeEdgeCountOffset]
  }
  first[graph.nodeCount] = edge
  return first
}

/** Rules other tools apply differently, for comparing with them (the bench). */
export interface EssentialRules {
  /**
   * memlab 2.0.5 keeps the WeakMap table's half of an entry as a retaining
   * edge, so a value is retained by the common dominator of its key and the
   * table, not by the key. DevTools (and leak-gate by default) skip it.
   */
  weakMapTableRetains?: boolean
}

/** Marks the edges that retain (see the module comment for the rules). */
export function markEssentialEdges(
  graph: HeapGraph,
  firstEdge: Uint32Array,
  rules: EssentialRules = {}
): Uint8Array {
  const {
    edges,
    nodes,
    strings,
    edgeFieldCount,
    edgeTypeOffset,
    edgeNameOffset,
    edgeToNodeOffset
  } = graph
  const weak = graph.edgeTypes.indexOf('weak')
  const shortcut = graph.edgeTypes.indexOf('shortcut')
  const internal = graph.edgeTypes.indexOf('internal')
  const essential = new Uint8Array(graph.edgeCount)
  // WeakMap table ids by edge name string index: -1 not yet parsed, -2 not a WeakMap entry.
  const tableIdOf = new Float64Array(strings.length).fill(-1)
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    const nodeIndex = ordinal * graph.nodeFieldCount
    const isRoot = ordinal === graph.rootOrdinal
    for (let e = firstEdge[ordinal]; e < firstEdge[ordinal + 1]; e++) {
      const at = e * edgeFieldCount
      const type = edges[at + edgeTypeOffset]
      if (type === weak) continue
      if (edges[at + edgeToNodeOffset] === nodeIndex) continue
      if (type === shortcut && !isRoot) continue
      if (type === internal && !rules.weakMapTableRetains) {
        const name = edges[at + edgeNameOffset]
        let tableId = tableIdOf[name]
        if (tableId === -1) {
          const match = WEAK_MAP_EDGE.exec(strings[name])
          tableId = tableIdOf[name] = match ? Number(match[1]) : -2
        }
        if (tableId >= 0 && nodes[nodeIndex + graph.nodeIdOffset] === tableId) continue
      }
      essential[e] = 1
    }
  }
  return essential
}

/** Computes the dominator tree and retained sizes of every node. */
export function computeDominators(graph: HeapGraph, rules: EssentialRules = {}): Dominators {
  const nodeCount = graph.nodeCount
  const { edges, nodes, edgeFieldCount, edgeToNodeOffset, nodeFieldCount } = graph
  const firstEdge = buildFirstEdge(graph)
  const essential = markEssentialEdges(graph, firstEdge, rules)

  // Predecessors over essential edges (vertex numbers are ordinal + 1; 0 means none).
  const firstRetainer = new Uint32Array(nodeCount + 2)
  for (let e = 0; e < graph.edgeCount; e++)
    if (essential[e])
      firstRetainer[edges[e * edgeFieldCount + edgeToNodeOffset] / nodeFieldCount + 1]++
  for (let i = 1; i <= nodeCount + 1; i++) firstRetainer[i] += firstRetainer[i - 1]
  const retainers = new Uint32Array(firstRetainer[nodeCount])
  const fill = firstRetainer.slice(0, nodeCount)
  for (let from = 0; from < nodeCount; from++) {
    for (let e = firstEdge[from]; e < firstEdge[from + 1]; e++) {
      if (!essential[e]) continue
      const to = edges[e * edgeFieldCount + edgeToNodeOffset] / nodeFieldCount
      retainers[fill[to]++] = from
    }
  }

  const size = nodeCount + 1
  const parent = new Uint32Array(size)
  const ancestor = new Uint32Array(size)
  const vertex = new Uint32Array(size)
  const label = new Uint32Array(size)
  const semi = new Uint32Array(size)
  const nextEdge = fill // reused: one cursor per node for the iterative DFS
  let n = 0

  const dfs = (root: number): void => {
    nextEdge[root - 1] = firstEdge[root - 1]
    let v = root
    while (v !== 0) {
      if (semi[v] === 0) {
        semi[v] = ++n
        vertex[n] = label[v] = v
      }
      let following = parent[v]
      const ordinal = v - 1
      const end = firstEdge[ordinal + 1]
      for (; nextEdge[ordinal] < end; nextEdge[ordinal]++) {
        const e = nextEdge[ordinal]
        if (!essential[e]) continue
        const w = edges[e * edgeFieldCount + edgeToNodeOffset] / nodeFieldCount + 1
        if (semi[w] === 0) {
          parent[w] = v
          nextEdge[w - 1] = firstEdge[w - 1]
          following = w
          break
        }
      }
      v = following
    }
  }

  const r = graph.rootOrdinal + 1
  dfs(r)
  if (n < nodeCount) {
    // Nodes with only non-essential retainers start their own DFS under the root.
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] !== 0) continue
      if (hasNoRetainer(firstRetainer, v - 1)) {
        parent[v] = r
        dfs(v)
      }
    }
  }
  if (n < nodeCount) {
    // Cliques retained only by each other: each node hangs from the root.
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] !== 0) continue
      parent[v] = r
      semi[v] = ++n
      vertex[n] = label[v] = v
    }
  }

  const stack = new Uint32Array(size)
  const compress = (start: number): void => {
    let top = 0
    let v = start
    while (ancestor[ancestor[v]] !== 0) {
      stack[++top] = v
      v = ancestor[v]
    }
    while (top > 0) {
      const w = stack[top--]
      if (semi[label[ancestor[w]]] < semi[label[w]]) label[w] = label[ancestor[w]]
      ancestor[w] = ancestor[ancestor[w]]
    }
  }
  const evaluate = (v: number): number => {
    if (ancestor[v] === 0) return v
    compress(v)
    return label[v]
  }

  // Buckets as linked lists: bucketHead[v] → first w, bucketNext[w] → next.
  const bucketHead = new Uint32Array(size)
  const bucketNext = new Uint32Array(size)
  const dom = new Uint32Array(size)
  for (let i = n; i >= 2; i--) {
    const w = vertex[i]
    const wOrdinal = w - 1
    let orphan = true
    for (let k = firstRetainer[wOrdinal]; k < firstRetainer[wOrdinal + 1]; k++) {
      orphan = false
      const u = evaluate(retainers[k] + 1)
      if (semi[u] < semi[w]) semi[w] = semi[u]
    }
    if (orphan) semi[w] = semi[r]
    const bucketOwner = vertex[semi[w]]
    bucketNext[w] = bucketHead[bucketOwner]
    bucketHead[bucketOwner] = w
    ancestor[w] = parent[w]
    const p = parent[w]
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      const u = evaluate(v)
      dom[v] = semi[u] < semi[v] ? u : p
    }
    bucketHead[p] = 0
  }
  dom[0] = dom[r] = r
  for (let i = 2; i <= n; i++) {
    const w = vertex[i]
    if (dom[w] !== vertex[semi[w]]) dom[w] = dom[dom[w]]
  }

  const idom = new Uint32Array(nodeCount)
  const retained = new Float64Array(nodeCount)
  const preorder = new Uint32Array(nodeCount)
  const sizeOffset = graph.nodeSelfSizeOffset
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    idom[ordinal] = dom[ordinal + 1] - 1
    retained[ordinal] = nodes[ordinal * nodeFieldCount + sizeOffset]
  }
  for (let i = 1; i <= n; i++) preorder[i - 1] = vertex[i] - 1
  for (let i = n; i > 1; i--) {
    const ordinal = vertex[i] - 1
    retained[idom[ordinal]] += retained[ordinal]
  }
  return { idom, retained, preorder, essential, firstEdge }
}

function hasNoRetainer(firstRetainer: Uint32Array, ordinal: number): boolean {
  return firstRetainer[ordinal + 1] === firstRetainer[ordinal]
}

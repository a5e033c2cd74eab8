/**
 * Who holds an object: the shortest retainer path from the GC roots
 * (breadth-first from the synthetic root over the essential edges, so weak
 * references never count as holding), and where its class is defined (the
 * constructor's or closure's script and line from the snapshot's
 * `locations`). What a reviewer needs to open the right file.
 */
import type { ClassNames } from './class-names.js'
import type { Dominators } from './dominators.js'
import type { HeapGraph } from './types.js'

/** The edge that first reached each node from the root (edge ordinal + 1; 0 = none). */
export function shortestPathTree(graph: HeapGraph, dominators: Dominators): Uint32Array {
  const { edges, edgeFieldCount, edgeToNodeOffset, nodeFieldCount } = graph
  const { firstEdge, essential } = dominators
  const via = new Uint32Array(graph.nodeCount)
  const queue = new Uint32Array(graph.nodeCount)
  const seen = new Uint8Array(graph.nodeCount)
  let head = 0
  let tail = 0
  queue[tail++] = graph.rootOrdinal
  seen[graph.rootOrdinal] = 1
  while (head < tail) {
    const from = queue[head++]
    for (let e = firstEdge[from]; e < firstEdge[from + 1]; e++) {
      if (!essential[e]) continue
      const to = edges[e * edgeFieldCount + edgeToNodeOffset] / nodeFieldCount
      if (seen[to]) continue
      seen[to] = 1
      via[to] = e + 1
      queue[tail++] = to
    }
  }
  return via
}

/** One step of a retainer path: `holder` reaches the next node by `edge`. */
export interface PathStep {
  holderOrdinal: number
  holderClass: string
  holderType: string
  edgeType: string
  edgeName: string
}

/** The edge ordinal → its holder node, found by the edge ranges. */
function holderOf(firstEdge: Uint32Array, edge: number): number {
  let low = 0
  let high = firstEdge.length - 2
  while (low < high) {
    const mid = (low + high + 1) >>> 1
    if (firstEdge[mid] <= edge) low = mid
    else high = mid - 1
  }
  return low
}

/** The path from a node up to the root, nearest holder first (at most `limit` steps). */
export function retainerPath(
  graph: HeapGraph,
  dominators: Dominators,
  classes: ClassNames,
  via: Uint32Array,
  ordinal: number,
  limit = 64
): PathStep[] {
  const steps: PathStep[] = []
  let current = ordinal
  while (steps.length < limit && via[current] !== 0) {
    const edge = via[current] - 1
    const holder = holderOf(dominators.firstEdge, edge)
    steps.push({
      holderOrdinal: holder,
      holderClass: classes.names[classes.classOf[holder]],
      holderType:
        graph.nodeTypes[graph.nodes[holder * graph.nodeFieldCount + graph.nodeTypeOffset]],
      edgeType: graph.edgeTypes[graph.edges[edge * graph.edgeFieldCount + graph.edgeTypeOffset]],
      edgeName: edgeName(graph, edge)
    })
    current = holder
  }
  return steps
}

/** The name of an edge: a property or variable name, or `[index]` for elements. */
export function edgeName(graph: HeapGraph, edge: number): string {
  const at = edge * graph.edgeFieldCount
  const type = graph.edgeTypes[graph.edges[at + graph.edgeTypeOffset]]
  const name = graph.edges[at + graph.edgeNameOffset]
  if (type === 'element' || type === 'hidden') return `[${name}]`
  return graph.strings[name] ?? `#${name}`
}

/** Holders not worth naming: V8 internals between a user object and its holder. */
const INTERNAL_HOLDER_TYPES = new Set(['hidden', 'array', 'code', 'synthetic', 'object shape'])

/**
 * A retainer path in one line, nearest holder first, V8 internals left out:
 * "`sessions` (Map) ← `handle` (Function)". Each holder is named by how it
 * is itself reached (its variable or property name) and shown with its class.
 */
export function describePath(
  steps: PathStep[],
  graph: HeapGraph,
  via: Uint32Array,
  maxHolders = 4
): string {
  const parts: string[] = []
  for (const step of steps) {
    if (INTERNAL_HOLDER_TYPES.has(step.holderType)) continue
    if (step.holderType === 'synthetic') break
    const reachedBy = via[step.holderOrdinal]
    const name = reachedBy === 0 ? '' : edgeName(graph, reachedBy - 1)
    const holderName = name && !/^\[|^\d+$/.test(name) ? `\`${name}\` ` : ''
    parts.push(`${holderName}(${step.holderClass})`)
    if (parts.length >= maxHolders) break
  }
  return parts.join(' ← ')
}

/** Location records by the node they describe (`object_index` is a node field index). */
export function indexLocations(graph: HeapGraph): Map<number, number> {
  const byNode = new Map<number, number>()
  const step = graph.locationFieldCount
  for (let at = 0; at + step <= graph.locations.length; at += step)
    byNode.set(graph.locations[at] / graph.nodeFieldCount, at)
  return byNode
}

/** Finds the edge of a node with this type and name (`internal` `map`, `property` `constructor`). */
export function findEdge(
  graph: HeapGraph,
  firstEdge: Uint32Array,
  ordinal: number,
  type: string,
  name: (edgeName: string) => boolean
): number {
  const typeNumber = graph.edgeTypes.indexOf(type)
  for (let e = firstEdge[ordinal]; e < firstEdge[ordinal + 1]; e++) {
    const at = e * graph.edgeFieldCount
    if (graph.edges[at + graph.edgeTypeOffset] !== typeNumber) continue
    if (name(graph.strings[graph.edges[at + graph.edgeNameOffset]] ?? ''))
      return graph.edges[at + graph.edgeToNodeOffset] / graph.nodeFieldCount
  }
  return -1
}

/** Where a class is defined in source: script and 1-based line and column. */
export interface DefinitionSite {
  script: string
  line: number
  column: number
}

/**
 * The definition site of an object's class: for a closure, the closure
 * itself; for an instance, its constructor (through the hidden class's
 * `constructor_or_back_pointer`, else `__proto__.constructor`). The script's
 * name comes from the function's `shared` → `script` → `name`.
 */
export function definitionSite(
  graph: HeapGraph,
  firstEdge: Uint32Array,
  locations: Map<number, number>,
  ordinal: number
): DefinitionSite | undefined {
  const closureType = graph.nodeTypes.indexOf('closure')
  const typeOf = (n: number): number => graph.nodes[n * graph.nodeFieldCount + graph.nodeTypeOffset]
  let fn = typeOf(ordinal) === closureType ? ordinal : -1
  if (fn < 0) {
    let map = findEdge(graph, firstEdge, ordinal, 'internal', (n) => n === 'map')
    for (let hops = 0; map >= 0 && hops < 8 && fn < 0; hops++) {
      const next = findEdge(
        graph,
        firstEdge,
        map,
        'internal',
        (n) => n === 'constructor_or_back_pointer' || n === 'constructor'
      )
      if (next < 0) break
      if (typeOf(next) === closureType) fn = next
      else map = next
    }
  }
  if (fn < 0) {
    const proto = findEdge(graph, firstEdge, ordinal, 'property', (n) => n === '__proto__')
    if (proto >= 0) {
      const ctor = findEdge(graph, firstEdge, proto, 'property', (n) => n === 'constructor')
      if (ctor >= 0 && typeOf(ctor) === closureType) fn = ctor
    }
  }
  if (fn < 0) return undefined
  const at = locations.get(fn)
  if (at === undefined) return undefined
  const script = scriptName(graph, firstEdge, fn)
  if (!script) return undefined
  return { script, line: graph.locations[at + 2] + 1, column: graph.locations[at + 3] + 1 }
}

/** The script name of a closure: `shared` → `script` (or `script_or_debug_info`) → `name`. */
function scriptName(graph: HeapGraph, firstEdge: Uint32Array, closure: number): string | undefined {
  const shared = findEdge(graph, firstEdge, closure, 'internal', (n) => n === 'shared')
  if (shared < 0) return undefined
  const script = findEdge(graph, firstEdge, shared, 'internal', (n) => n.startsWith('script'))
  if (script < 0) return undefined
  const name = findEdge(graph, firstEdge, script, 'internal', (n) => n === 'name')
  if (name < 0) return undefined
  const text = graph.strings[graph.nodes[name * graph.nodeFieldCount + graph.nodeNameOffset]]
  return text || undefined
}

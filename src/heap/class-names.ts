/**
 * Class names of heap objects, as Chrome DevTools' "Summary" view groups
 * them, so the name in the PR comment is the one a developer then finds in
 * DevTools: objects and native objects by their constructor name (`Session`,
 * `Map`), closures as `Function`, regular expressions as `RegExp`, V8's
 * hidden objects as `(system)`, code as `(compiled code)` and anything else
 * as `(type)` (`(string)`, `(array)`, `(number)`...). Plain objects
 * (`Object`) are named by their property shape, `{name, roles}`: the
 * property lists shared by at least two objects become "interfaces" (at most
 * 1,000, most common first, names up to 120 characters) and each plain
 * object takes the interface with the most properties it has.
 */
import type { HeapGraph } from './types.js'

/** The class of every node: an index into `names`. */
export interface ClassNames {
  classOf: Uint32Array
  names: string[]
}

const MAX_INTERFACE_COUNT = 1000
const MIN_INTERFACE_PROPERTY_COUNT = 1
const MAX_INTERFACE_NAME_LENGTH = 120
const MIN_OBJECT_COUNT_PER_INTERFACE = 2

/** A property name as DevTools prints it in an interface: quoted when it could confuse. */
export function formatPropertyName(name: string): string {
  return /[,'"{}]/.test(name) ? JSON.stringify(name) : name
}

/** Names every node's class (see the module comment). */
export function nameClasses(graph: HeapGraph, firstEdge: Uint32Array): ClassNames {
  const { nodes, strings, nodeFieldCount, nodeTypeOffset, nodeNameOffset } = graph
  const names: string[] = []
  const indexOfName = new Map<string, number>()
  const classIndex = (name: string): number => {
    let index = indexOfName.get(name)
    if (index === undefined) {
      index = names.length
      names.push(name)
      indexOfName.set(name, index)
    }
    return index
  }
  const type = (name: string): number => graph.nodeTypes.indexOf(name)
  const hidden = type('hidden')
  const object = type('object')
  const native = type('native')
  const code = type('code')
  const closure = type('closure')
  const regexp = type('regexp')
  const byType = graph.nodeTypes.map((name) => classIndex(`(${name})`))
  byType[hidden] = classIndex('(system)')
  if (code >= 0) byType[code] = classIndex('(compiled code)')
  if (closure >= 0) byType[closure] = classIndex('Function')
  if (regexp >= 0) byType[regexp] = classIndex('RegExp')
  const byNameString = new Int32Array(strings.length).fill(-1)

  const classOf = new Uint32Array(graph.nodeCount)
  const plainObjectName = strings.indexOf('Object')
  const plain: number[] = []
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    const at = ordinal * nodeFieldCount
    const t = nodes[at + nodeTypeOffset]
    if (t === object || t === native) {
      const nameIndex = nodes[at + nodeNameOffset]
      let index = byNameString[nameIndex]
      if (index < 0) index = byNameString[nameIndex] = classIndex(shortTagName(strings[nameIndex]))
      classOf[ordinal] = index
      if (t === object && nameIndex === plainObjectName) plain.push(ordinal)
    } else classOf[ordinal] = byType[t] ?? classIndex('(unknown)')
  }
  if (plain.length > 0) applyInterfaces(graph, firstEdge, plain, classOf, classIndex)
  return { classOf, names }
}

/** `<div id="a">` → `<div>`, `Detached <div id="a">` → `Detached <div>` (DOM nodes). */
function shortTagName(name: string): string {
  if (name.startsWith('<') || name.startsWith('Detached <')) {
    const space = name.indexOf(' ', name.startsWith('<') ? 0 : 10)
    if (space !== -1) return `${name.slice(0, space)}>`
  }
  return name
}

/** Property names of a plain object in edge order (`__proto__` left out when asked). */
function propertyNames(
  graph: HeapGraph,
  firstEdge: Uint32Array,
  ordinal: number,
  property: number,
  skipProto: boolean
): string[] {
  const out: string[] = []
  const { edges, edgeFieldCount, edgeTypeOffset, edgeNameOffset, strings } = graph
  for (let e = firstEdge[ordinal]; e < firstEdge[ordinal + 1]; e++) {
    const at = e * edgeFieldCount
    if (edges[at + edgeTypeOffset] !== property) continue
    const name = strings[edges[at + edgeNameOffset]]
    if (skipProto && name === '__proto__') continue
    out.push(name)
  }
  return out
}

interface TreeNode {
  next: Map<string, TreeNode>
  match: { name: string; propertyCount: number; index: number } | null
  greatestNext: string | null
}

/** DevTools' interface inference and matching over the plain objects. */
function applyInterfaces(
  graph: HeapGraph,
  firstEdge: Uint32Array,
  plain: number[],
  classOf: Uint32Array,
  classIndex: (name: string) => number
): void {
  const property = graph.edgeTypes.indexOf('property')
  const candidates = new Map<string, { name: string; properties: string[]; count: number }>()
  for (const ordinal of plain) {
    let name = '{'
    const properties: string[] = []
    for (const edgeName of propertyNames(graph, firstEdge, ordinal, property, true)) {
      const formatted = formatPropertyName(edgeName)
      if (
        name.length > MIN_INTERFACE_PROPERTY_COUNT &&
        name.length + formatted.length > MAX_INTERFACE_NAME_LENGTH
      )
        break
      if (name.length !== 1) name += ', '
      name += formatted
      properties.push(edgeName)
    }
    if (properties.length === 0) continue
    name += '}'
    const candidate = candidates.get(name)
    if (candidate) candidate.count++
    else candidates.set(name, { name, properties, count: 1 })
  }
  const definitions = [...candidates.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_INTERFACE_COUNT)
    .filter((candidate) => candidate.count >= MIN_OBJECT_COUNT_PER_INTERFACE)
  if (definitions.length === 0) return

  const tree: TreeNode = { next: new Map(), match: null, greatestNext: null }
  definitions.forEach((definition, index) => {
    let node = tree
    const sorted = [...definition.properties].sort()
    for (const name of sorted) {
      let next = node.next.get(name)
      if (!next) {
        next = { next: new Map(), match: null, greatestNext: null }
        node.next.set(name, next)
        if (node.greatestNext === null || node.greatestNext < name) node.greatestNext = name
      }
      node = next
    }
    if (!node.match) node.match = { name: definition.name, propertyCount: sorted.length, index }
  })
  type Match = NonNullable<TreeNode['match']>
  const better = (a: Match, b: Match | null): Match => {
    if (!b || a.propertyCount > b.propertyCount) return a
    if (b.propertyCount > a.propertyCount) return b
    return a.index <= b.index ? a : b
  }
  const none: Match = { name: 'Object', propertyCount: 0, index: Infinity }
  for (const ordinal of plain) {
    const properties = propertyNames(graph, firstEdge, ordinal, property, false).sort()
    const states = new Set<TreeNode>([tree])
    let match = better(none, tree.match)
    for (const name of properties) {
      for (const state of [...states]) {
        if (state.greatestNext === null || name >= state.greatestNext) states.delete(state)
        const next = state.next.get(name)
        if (next) {
          states.add(next)
          match = better(match, next.match)
        }
      }
    }
    if (match !== none) classOf[ordinal] = classIndex(match.name)
  }
}

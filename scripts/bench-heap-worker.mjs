// One measured step of the heap benchmark, run in its own process so its
// peak RSS is its own (scripts/bench-heap.mjs reads it with /usr/bin/time):
//   parse FILE          read the final snapshot whole (typed arrays)
//   ids FILE...         the ids-only pass (stops after the nodes)
//   report B T F        the whole comparison (ids, parse, dominators, classes, paths)
//   memlab-table B T F  memlab's "Alive objects allocated in target page" table computed
//                       from leak-gate's reader and dominators with memlab's id set,
//                       node filter and sum, for the equality check
// Prints one JSON line. Needs build/ (npx tsc -p tsconfig.build.json).
import { createReadStream, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createGunzip } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const load = (path) => import(pathToFileURL(join(root, 'build/src', path)).href)
const reader = await load('heap/read-snapshot.js')
const [mode, ...files] = process.argv.slice(2)
const open = (file) => {
  const stream = createReadStream(file, { highWaterMark: 4 << 20 })
  return file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream
}
const start = performance.now()
const out = { mode, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) }
if (mode === 'parse') {
  const graph = await reader.readHeapSnapshot(open(files[0]), files[0])
  out.nodes = graph.nodeCount
  out.edges = graph.edgeCount
} else if (mode === 'ids') {
  out.maxIds = []
  for (const file of files) out.maxIds.push((await reader.readSnapshotIds(open(file), file)).maxId)
} else if (mode === 'report') {
  const { analyzeHeapSnapshots } = await load('heap/index.js')
  const source = (file) => ({ file, open: () => open(file) })
  const result = await analyzeHeapSnapshots({
    baseline: source(files[0]),
    target: source(files[1]),
    final: source(files[2])
  })
  out.leaks = result.rows
    .filter((r) => r.status === 'leak')
    .map((r) => [r.className, r.survivors, r.retainedSize, r.heldBy, r.definedAt])
} else if (mode === 'memlab-table') {
  // memlab's definition, not leak-gate's: "allocated in target" is the ids of
  // the target that are not in the baseline (a set difference, HeapAnalyzer's
  // getSnapshotDiff), alive in the final snapshot; rows are isDebuggableNode's
  // nodes keyed `name (type)`, each adding its own retained size (a node and
  // the survivors it dominates are both counted), over memlab's essential
  // edges (a WeakMap's table retains its values; ownRetainedSize: DevTools'
  // rules, leak-gate's). So baseline and target are
  // read whole here for their id sets. inRange counts the same nodes under
  // leak-gate's rule (maxId(baseline) < id <= maxId(target)) to show whether
  // the two definitions pick the same objects.
  const { computeDominators } = await load('heap/dominators.js')
  const idsOf = async (file) => {
    const g = await reader.readHeapSnapshot(open(file), file)
    const ids = new Uint32Array(g.nodeCount)
    for (let i = 0; i < g.nodeCount; i++) ids[i] = g.nodes[i * g.nodeFieldCount + g.nodeIdOffset]
    ids.sort()
    return ids
  }
  const has = (sorted, id) => {
    let lo = 0
    let hi = sorted.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid] === id) return true
      if (sorted[mid] < id) lo = mid + 1
      else hi = mid - 1
    }
    return false
  }
  const baseIds = await idsOf(files[0])
  const targetIds = await idsOf(files[1])
  const b = await reader.readSnapshotIds(open(files[0]), files[0])
  const t = await reader.readSnapshotIds(open(files[1]), files[1])
  const g = await reader.readHeapSnapshot(open(files[2]), files[2])
  // memlab's edge rules (a WeakMap table retains its values), and DevTools' (leak-gate's own)
  const d = computeDominators(g, { weakMapTableRetains: true })
  const own = computeDominators(g)
  const table = new Map()
  const skipTypes = new Set([
    'hidden',
    'array',
    'string',
    'number',
    'concatenated string',
    'sliced string',
    'code'
  ])
  const embedder = reader.isEmbedderType(g.nodeTypes)
  let memlabSet = 0
  let inRange = 0
  let both = 0
  for (let i = 0; i < g.nodeCount; i++) {
    const at = i * g.nodeFieldCount
    const id = g.nodes[at + g.nodeIdOffset]
    const type = g.nodeTypes[g.nodes[at + g.nodeTypeOffset]]
    const name = g.strings[g.nodes[at + g.nodeNameOffset]]
    const theirs = has(targetIds, id) && !has(baseIds, id)
    const ours = !embedder[g.nodes[at + g.nodeTypeOffset]] && id > b.maxId && id <= t.maxId
    if (theirs) memlabSet++
    if (ours) inRange++
    if (theirs && ours) both++
    if (!theirs) continue
    if (type === 'native' && !name.startsWith('Detached ')) continue
    if (skipTypes.has(type) || name === 'system / Context') continue
    const key = `${name} (${type})`
    const row = table.get(key) ?? { name, type, count: 0, retainedSize: 0, ownRetainedSize: 0 }
    row.count++
    row.retainedSize += d.retained[i] | 0
    row.ownRetainedSize += own.retained[i] | 0
    table.set(key, row)
  }
  out.sets = { memlab: memlabSet, leakGate: inRange, both }
  out.table = [...table.values()].sort((x, y) => y.retainedSize - x.retainedSize).slice(0, 20)
}
out.ms = Math.round(performance.now() - start)
console.log(JSON.stringify(out))

#!/usr/bin/env node
// A small node:http service with switchable memory behaviours, for leak-gate's scenarios.
//
//   node --expose-gc service.mjs --mode map-leak [--port 0] [--host 127.0.0.1]
//
// Endpoints:
//   GET /work   one unit of work (what the load driver calls)
//   GET /stats  JSON: process.memoryUsage(), requests served, registry counts, bytes in/out
//   GET /gc     runs global.gc() when started with --expose-gc, then answers like /stats
//
// On start it prints one line `LISTENING <port>` on stdout (port 0 picks a free port).
// Every mode serves the same JSON answer built from a little garbage, so the heap has the
// ordinary sawtooth of a real service; the modes differ in what they keep.
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import v8 from 'node:v8'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'

export const MODES = [
  'healthy',
  'lru',
  'warmup',
  'garbage',
  'map-leak',
  'listener-leak',
  'slow-leak',
  'late-leak',
  'registry',
  'step',
  'native-leak',
  'pool'
]

const { values: opts } = parseArgs({
  options: {
    mode: { type: 'string', default: 'healthy' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    // Application state loaded at start (framework, config, templates) so that heap
    // percentages look like a real service's rather than a 5 MB toy's.
    'ballast-mb': { type: 'string', default: '32' },
    // map-leak / late-leak: bytes kept per request (payload string size).
    'leak-bytes': { type: 'string', default: '2048' },
    // listener-leak: bytes each listener's closure holds.
    'listener-bytes': { type: 'string', default: '1024' },
    // slow-leak: bytes kept per request.
    'slow-leak-bytes': { type: 'string', default: '128' },
    // slow-leak: short-lived bytes per request, and for how many requests they are kept (0: the
    // request's own; N: the last N requests', so they are promoted and pile up: a tall sawtooth).
    'slow-garbage-bytes': { type: 'string', default: '65536' },
    'slow-garbage-keep': { type: 'string', default: '0' },
    // step: at request --step-at a table of --step-bytes is built once and kept (a lazy module).
    'step-at': { type: 'string', default: '10000' },
    'step-bytes': { type: 'string', default: String(16 * 1024 * 1024) },
    // native-leak: bytes kept per request outside the JS heap (Buffers of 64 KiB, zero-filled).
    'native-leak-bytes': { type: 'string', default: '60' },
    // late-leak: the request budget of the run; the leak starts at half of it.
    'request-budget': { type: 'string', default: '30000' },
    // GET /heap-snapshot?name=heap-1 writes <dir>/heap-1.heapsnapshot.gz (after a forced GC).
    'snapshot-dir': { type: 'string' },
    // Every mode: the answer is sent this many ms after the work (a downstream call), so the requests
    // in flight follow the arrival rate times the latency. Default 0 (answer at once); pool: 25.
    'latency-ms': { type: 'string', default: '' },
    // pool: a buffer of --pool-buffer-bytes per request in flight, kept for reuse once returned (the
    // pool grows to the most requests ever in flight, up to --pool-max; a request over it waits).
    'pool-buffer-bytes': { type: 'string', default: String(512 * 1024) },
    'pool-max': { type: 'string', default: '64' },
    // lru: entries and bytes per entry.
    'lru-size': { type: 'string', default: '1000' },
    'lru-entry-bytes': { type: 'string', default: '16384' },
    // warmup: requests that fill the warm cache and bytes added per such request.
    'warmup-requests': { type: 'string', default: '2000' },
    'warmup-bytes': { type: 'string', default: '16384' },
    // garbage: short-lived bytes allocated per request.
    'garbage-bytes': { type: 'string', default: '262144' },
    // registry: tenants, models per tenant, bytes per model, tenants preloaded at start.
    tenants: { type: 'string', default: '50' },
    'models-per-tenant': { type: 'string', default: '28' },
    'model-cost': { type: 'string', default: '4096' },
    'preload-tenants': { type: 'string', default: '16' },
    'preload-models': { type: 'string', default: '12' }
  }
})

const num = (name) => {
  const value = Number(opts[name])
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name}: expected a number, found "${opts[name]}"`)
  return value
}

const mode = opts.mode
if (!MODES.includes(mode)) {
  console.error(`--mode: expected one of ${MODES.join(', ')}, found "${mode}"`)
  process.exit(2)
}
const latencyMs = opts['latency-ms'] === '' ? (mode === 'pool' ? 25 : 0) : num('latency-ms')

// ---------------------------------------------------------------- state kept by the modes

/** A new flat one-byte string of `bytes` characters that V8 cannot share with another. */
let uniq = 0
const makeFlat = (bytes) => {
  uniq++
  const s = (`${uniq}-` + 'y'.repeat(bytes)).slice(0, bytes)
  return JSON.parse(JSON.stringify(s)) // a sequential string, not a sliced/cons string
}

const ballast = []
for (let i = 0; i < num('ballast-mb') * 16; i++) ballast.push(makeFlat(64 * 1024))

let requests = 0
const leakMap = new Map() // map-leak / late-leak
const slowLeak = [] // slow-leak
const bus = new EventEmitter() // listener-leak
/** --slow-garbage-bytes of small short-lived objects (slow-leak; lru and step with --slow-garbage-keep). */
const makeJunk = () => {
  const junk = []
  const garbage = num('slow-garbage-bytes')
  for (let b = 0; b < garbage; b += 64) junk.push({ a: b, b: 'z' })
  return junk
}
bus.setMaxListeners(100) // a real service sets some bound; Node then warns once, like in production logs
const lru = new Map() // lru: Map insertion order = recency order
const warmCache = [] // warmup
const recent = new Array(64) // garbage
const slowRecent = [] // slow-leak with --slow-garbage-keep
const stepTable = [] // step
const nativeChunks = [] // native-leak: Buffers, memory outside the JS heap
let nativePending = 0

/**
 * pool: request buffers (a connection's or a codec's), one per request in flight, returned to the
 * free list after the answer and never freed: the pool's size is the high-water mark of concurrency.
 */
const bufferPool = { free: [], size: 0, waiting: [] }
const acquireBuffer = () => {
  const free = bufferPool.free.pop()
  if (free) return free
  if (bufferPool.size < num('pool-max')) {
    bufferPool.size++
    return Buffer.alloc(num('pool-buffer-bytes'), 1) // filled: its pages are resident, as a used buffer's are
  }
  return new Promise((resolve) => bufferPool.waiting.push(resolve))
}
const releaseBuffer = (buffer) => {
  const next = bufferPool.waiting.shift()
  if (next) next(buffer)
  else bufferPool.free.push(buffer)
}

/** Multi-tenant model registry (like seed report 2): tenant → (model name → model). */
const registry = { tenants: new Map(), totalModels: 0, reuseCount: 0, modelNames: new Set() }
const getModel = (tenant, name) => {
  let models = registry.tenants.get(tenant)
  if (!models) {
    models = new Map()
    registry.tenants.set(tenant, models)
  }
  let model = models.get(name)
  if (model) {
    registry.reuseCount++
    return model
  }
  model = { tenant, name, schema: makeFlat(num('model-cost')), createdAt: Date.now() }
  models.set(name, model)
  registry.totalModels++
  registry.modelNames.add(name)
  return model
}
if (mode === 'registry') {
  for (let t = 0; t < num('preload-tenants'); t++) {
    for (let m = 0; m < num('preload-models'); m++) getModel(`tenant-${t}`, `Model${m}`)
  }
}

// ---------------------------------------------------------------- one unit of work

/** The ordinary per-request garbage every mode makes: a small document, serialised. */
const answer = (extra) => {
  const rows = []
  for (let i = 0; i < 20; i++) rows.push({ id: requests * 20 + i, name: `item-${i}`, score: Math.random() })
  return JSON.stringify({ ok: true, mode, request: requests, rows, ...extra })
}

const work = () => {
  requests++
  const n = requests
  switch (mode) {
    case 'healthy':
      return answer({})
    case 'lru': {
      const key = `k${n}` // mostly-new keys: the cache fills, then every insert evicts one
      lru.set(key, makeFlat(num('lru-entry-bytes')))
      if (lru.size > num('lru-size')) lru.delete(lru.keys().next().value)
      // --slow-garbage-keep K > 0: the slow-leak mode's tall sawtooth under the cache too
      if (num('slow-garbage-keep') > 0) slowRecent[n % num('slow-garbage-keep')] = makeJunk()
      return answer({ cached: lru.size })
    }
    case 'warmup':
      if (n <= num('warmup-requests')) warmCache.push(makeFlat(num('warmup-bytes')))
      return answer({ warm: warmCache.length })
    case 'garbage': {
      // Heavy short-lived garbage: many small objects kept for the last 64 requests only (a
      // request-scoped buffer pool, say). They outlive a scavenge, get promoted, and pile up in
      // the old generation until a major GC: a big sawtooth whose floor is flat.
      const junk = []
      const target = num('garbage-bytes')
      for (let b = 0; b < target; b += 64) junk.push({ a: b, b: 'z', c: [b, b + 1] })
      recent[n % recent.length] = junk
      return answer({ junk: junk.length })
    }
    case 'map-leak':
      // Classic: a per-request "session" written to a global Map and never deleted.
      leakMap.set(`req-${n}`, { at: Date.now(), body: makeFlat(num('leak-bytes')) })
      return answer({ sessions: leakMap.size })
    case 'listener-leak': {
      // A listener per request on a long-lived emitter, never removed; it closes over the request data.
      const context = { id: n, payload: makeFlat(num('listener-bytes')) }
      bus.on('config-changed', () => context.payload.length)
      return answer({ listeners: bus.listenerCount('config-changed') })
    }
    case 'slow-leak': {
      // ~100-200 bytes per request, hidden under a big garbage sawtooth.
      // 0 keeps nothing: the same sawtooth with no leak, its healthy twin.
      if (num('slow-leak-bytes') > 0) slowLeak.push(makeFlat(num('slow-leak-bytes')))
      const junk = makeJunk()
      const keep = num('slow-garbage-keep')
      if (keep > 0) slowRecent[n % keep] = junk
      return answer({ junk: junk.length })
    }
    case 'late-leak':
      if (n > num('request-budget') / 2) {
        leakMap.set(`req-${n}`, { at: Date.now(), body: makeFlat(num('leak-bytes')) })
      }
      return answer({ sessions: leakMap.size })
    case 'registry': {
      // Every tenant × model in order: the registry fills in the first tenants × models requests.
      const tenants = num('tenants')
      const tenant = `tenant-${(n - 1) % tenants}`
      const model = `Model${Math.floor((n - 1) / tenants) % num('models-per-tenant')}`
      const found = getModel(tenant, model)
      return answer({ tenant, model: found.name })
    }
    case 'step':
      // A lazily built lookup table (a module loaded on first use): built once, kept, flat after.
      if (n === num('step-at'))
        for (let b = 0; b < num('step-bytes'); b += 65536) stepTable.push(makeFlat(65536))
      // --slow-garbage-keep K > 0: the slow-leak mode's tall sawtooth under the table too
      if (num('slow-garbage-keep') > 0) slowRecent[n % num('slow-garbage-keep')] = makeJunk()
      return answer({ table: stepTable.length })
    case 'native-leak': {
      // Memory kept outside the JS heap per request (a driver's native handle, say): the JS heap
      // holds one small Buffer object per 64 KiB, so heapUsed stays flat while RSS climbs.
      nativePending += num('native-leak-bytes')
      if (nativePending >= 65536) {
        nativeChunks.push(Buffer.alloc(nativePending, 1))
        nativePending = 0
      }
      return answer({ chunks: nativeChunks.length })
    }
    case 'pool':
      return answer({ pooled: bufferPool.size }) // the buffer itself is taken in the handler (it is held while in flight)
    default:
      throw new Error(`unknown mode ${mode}`)
  }
}

// ---------------------------------------------------------------- stats and server

const sockets = new Set()
let closedRead = 0
let closedWritten = 0

const stats = () => {
  let bytesRead = closedRead
  let bytesWritten = closedWritten
  for (const s of sockets) {
    bytesRead += s.bytesRead
    bytesWritten += s.bytesWritten
  }
  const uniqueModels = registry.modelNames.size
  return {
    ...process.memoryUsage(),
    requests,
    mode,
    pid: process.pid,
    net: { rx: bytesRead, tx: bytesWritten },
    registry: {
      tenantRegistries: registry.tenants.size,
      totalModels: registry.totalModels,
      uniqueModels,
      reuseCount: registry.reuseCount,
      sessions: leakMap.size,
      listeners: bus.listenerCount('config-changed'),
      lruEntries: lru.size,
      warmEntries: warmCache.length,
      ballastChunks: ballast.length,
      recentSlots: recent.length
    }
  }
}

const sendJson = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

/** /work with a latency or a pooled buffer: the request stays in flight for latencyMs. */
const slowWork = async (res) => {
  const buffer = mode === 'pool' ? await acquireBuffer() : null
  const body = work()
  buffer?.write(body) // the answer is encoded into the request's buffer
  await new Promise((resolve) => setTimeout(resolve, latencyMs))
  if (buffer) releaseBuffer(buffer)
  sendJson(res, 200, body)
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]
  let body
  let status = 200
  if (path === '/work' && (latencyMs > 0 || mode === 'pool')) {
    slowWork(res).catch((error) => sendJson(res, 500, JSON.stringify({ error: String(error) })))
    return
  }
  if (path === '/work') body = work()
  else if (path === '/stats') body = JSON.stringify(stats())
  else if (path === '/heap-snapshot' && opts['snapshot-dir']) {
    // A V8 heap snapshot, gzipped (they compress ~10×): for leak-gate's heap: input.
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? ''
    if (!/^heap-[1-9]$/.test(name)) {
      status = 400
      body = JSON.stringify({ error: 'name must be heap-1 … heap-9' })
    } else {
      if (typeof global.gc === 'function') global.gc()
      const file = join(opts['snapshot-dir'], `${name}.heapsnapshot`)
      v8.writeHeapSnapshot(file)
      fs.writeFileSync(`${file}.gz`, gzipSync(fs.readFileSync(file), { level: 9 }))
      fs.rmSync(file)
      body = JSON.stringify({ written: `${name}.heapsnapshot.gz`, requests })
    }
  }
  else if (path === '/gc') {
    if (typeof global.gc === 'function') {
      global.gc()
      body = JSON.stringify({ gc: true, ...stats() })
    } else {
      status = 501
      body = JSON.stringify({ gc: false, error: 'start node with --expose-gc' })
    }
  } else {
    status = 404
    body = JSON.stringify({ error: 'not found', path })
  }
  sendJson(res, status, body)
})
server.keepAliveTimeout = 30_000
server.on('connection', (socket) => {
  sockets.add(socket)
  socket.on('close', () => {
    sockets.delete(socket)
    closedRead += socket.bytesRead
    closedWritten += socket.bytesWritten
  })
})

server.listen(Number(opts.port), opts.host, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`)
})

const stop = () => {
  server.close(() => process.exit(0))
  for (const s of sockets) s.destroy()
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

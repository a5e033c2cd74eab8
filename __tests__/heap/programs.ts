/**
 * Small Node.js programs that write three heap snapshots with
 * `v8.writeHeapSnapshot` (after warm-up, after phase 1, after phase 2), run
 * at test time so no multi-MB fixture is committed. `leaky` keeps every
 * `Session` in a module-level Map and adds a listener per request;
 * `healthy` does the same work and keeps nothing but a bounded LRU and a
 * one-time initialisation.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Requests per load phase. */
export const PER_PHASE = 2000

const STORE = `class Session {
  constructor(id) {
    this.id = id
    this.user = { name: 'user' + id, roles: ['reader', 'writer'] }
    this.token = 'token-' + id + '-'.repeat(40)
  }
}
const sessions = new Map()
module.exports = { Session, sessions }
`

const LRU = `class CacheEntry {
  constructor(key, value) { this.key = key; this.value = value }
}
const cache = new Map()
function remember(key, value) {
  cache.delete(key)
  cache.set(key, new CacheEntry(key, value))
  if (cache.size > 50) cache.delete(cache.keys().next().value)
}
module.exports = { remember }
`

const INIT = `class Setting {
  constructor(name) { this.name = name; this.value = 'v-' + name }
}
let settings
function loadSettings() {
  if (!settings) { settings = []; for (let i = 0; i < 600; i++) settings.push(new Setting('s' + i)) }
  return settings
}
module.exports = { loadSettings }
`

function main(leaky: boolean): string {
  return `const v8 = require('node:v8')
const { EventEmitter } = require('node:events')
const { Session, sessions } = require('./store.js')
const { remember } = require('./lru.js')
const { loadSettings } = require('./init.js')
const bus = new EventEmitter()
bus.setMaxListeners(0)
let served = 0
function handle(i) {
  const session = new Session(i)
  ${leaky ? 'sessions.set(i, session)' : 'void session'}
  ${leaky ? "bus.on('tick', function onTick() { return i })" : ''}
  remember(i % 500, { at: i })
  const scratch = { rows: new Array(20).fill(i) }
  served++
  return scratch.rows.length
}
function phase(n) { for (let k = 0; k < n; k++) handle(served) }
phase(300)
globalThis.gc && gc()
v8.writeHeapSnapshot(process.argv[2] + '/heap-1.heapsnapshot')
loadSettings()
phase(${PER_PHASE})
v8.writeHeapSnapshot(process.argv[2] + '/heap-2.heapsnapshot')
phase(${PER_PHASE})
v8.writeHeapSnapshot(process.argv[2] + '/heap-3.heapsnapshot')
`
}

/** Writes the program into `dir` and runs it there; the snapshots land in `dir`. */
export function runProgram(dir: string, kind: 'leaky' | 'healthy'): void {
  writeFileSync(join(dir, 'store.js'), STORE)
  writeFileSync(join(dir, 'lru.js'), LRU)
  writeFileSync(join(dir, 'init.js'), INIT)
  writeFileSync(join(dir, 'main.js'), main(kind === 'leaky'))
  execFileSync(process.execPath, ['--expose-gc', join(dir, 'main.js'), dir], {
    stdio: 'pipe',
    env: { ...process.env, NODE_OPTIONS: '' }
  })
}

/** The preload helper as the package ships it (dist/, built by `npm run bundle`). */
export const HELPER = join(import.meta.dirname, '../../dist/heap-snapshot.js')

/**
 * The leaky program run the way the helper's docs say: `node --import
 * leak-gate/heap-snapshot`, counting one unit of work per request with
 * `addWork()` and taking the three snapshots with `takeSnapshot()`. The
 * helper writes `heap-1-baseline.heapsnapshot` …, `memory.csv` and
 * `heap-snapshots.json` (with the work count of each snapshot) into `dir`.
 */
export function runProgramWithHelper(dir: string): void {
  writeFileSync(join(dir, 'store.js'), STORE)
  writeFileSync(join(dir, 'lru.js'), LRU)
  writeFileSync(join(dir, 'init.js'), INIT)
  const helperUrl = pathToFileURL(HELPER).href
  const program = main(true)
    .replace(/v8\.writeHeapSnapshot\([^)]*\)/g, 'helper.takeSnapshot()')
    .replace('served++', 'served++\n  helper.addWork(1)')
  writeFileSync(
    join(dir, 'main.js'),
    `import(${JSON.stringify(helperUrl)}).then((helper) => {\n${program}})\n`
  )
  execFileSync(process.execPath, ['--expose-gc', '--import', helperUrl, join(dir, 'main.js')], {
    stdio: 'pipe',
    cwd: dir,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      LEAK_GATE_DIR: dir,
      LEAK_GATE_SIGNAL: 'none',
      LEAK_GATE_COUNT_HTTP: '0',
      LEAK_GATE_INTERVAL_MS: '20'
    }
  })
}

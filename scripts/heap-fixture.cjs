// Writes three V8 heap snapshots of one leaking process for `npm run bench`
// (heap part): after warm-up, after load phase 1, after load phase 2. The
// service keeps every Session in a module-level Map (the leak) and holds a
// preloaded catalogue (the warm-up's size), so the three files grow by about
// the same amount per phase. Usage: node scripts/heap-fixture.cjs DIR BASE PHASE [weakmap]
//   BASE: catalogue entries loaded in warm-up; PHASE: requests per load phase;
//   weakmap: each Session also gets a SessionMeta in a WeakMap keyed by it
//   (where memlab's retained sizes differ from DevTools' and leak-gate's).
const v8 = require('node:v8')
const { join } = require('node:path')

class Session {
  constructor(id) {
    this.id = id
    this.user = { name: 'user' + id, roles: ['reader', 'writer'] }
    this.started = Date.now()
  }
}
class CatalogueItem {
  constructor(id) {
    this.id = id
    this.title = 'item-' + id
    this.tags = ['a', 'b', 'c']
  }
}
class SessionMeta {
  constructor(id) {
    this.seen = new Array(16).fill(id)
  }
}
const sessions = new Map()
const meta = new WeakMap()
const catalogue = []
const recent = new Map() // a bounded cache: churns, never grows past 1000

const [dir, base, phase] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])]
const withMeta = process.argv[5] === 'weakmap'
let served = 0
function handle() {
  const id = served++
  const session = new Session(id)
  sessions.set(id, session)
  if (withMeta) meta.set(session, new SessionMeta(id))
  recent.set(id, { at: id })
  if (recent.size > 1000) recent.delete(recent.keys().next().value)
}
function preload(n) {
  for (let i = 0; i < n; i++) catalogue.push(new CatalogueItem(i))
}
preload(base)
for (let i = 0; i < 1000; i++) handle()
v8.writeHeapSnapshot(join(dir, 'heap-1.heapsnapshot'))
for (let i = 0; i < phase; i++) handle()
v8.writeHeapSnapshot(join(dir, 'heap-2.heapsnapshot'))
for (let i = 0; i < phase; i++) handle()
v8.writeHeapSnapshot(join(dir, 'heap-3.heapsnapshot'))

// Measures what writing a V8 heap snapshot does to the process that writes it:
// how long it blocks, the peak RSS while writing (as a multiple of heapUsed),
// and how much memory stays raised afterwards. Each size runs in a fresh child
// (node --expose-gc), so one measurement's leftovers cannot colour the next.
//
//   node scripts/measure-snapshot-disturbance.mjs [MiB ...]   (default: 25 50 100)
//
// Figures of the last run are in docs/heap-snapshot-helper.md.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MiB = 1024 * 1024
const child = process.argv[2] === '--child'

if (child) {
  const v8 = await import('node:v8')
  const targetMiB = Number(process.argv[3])
  const dir = process.argv[4]
  // Small objects in a Map, like a session store: ~100 bytes each with their strings.
  const store = new Map()
  let i = 0
  while (process.memoryUsage().heapUsed < targetMiB * MiB) {
    for (let k = 0; k < 10_000; k++, i++)
      store.set(`s${i}`, { id: i, name: `user-${i}`, roles: ['user'] })
  }
  globalThis.gc()
  const before = process.memoryUsage()
  const peakBefore = process.resourceUsage().maxRSS * 1024
  const start = performance.now()
  const file = v8.writeHeapSnapshot(join(dir, `m-${targetMiB}.heapsnapshot`))
  const blockedMs = performance.now() - start
  const peakAfter = process.resourceUsage().maxRSS * 1024
  const right = process.memoryUsage()
  const { statSync } = await import('node:fs')
  const fileBytes = statSync(file).size
  rmSync(file)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  globalThis.gc()
  const later = process.memoryUsage()
  await new Promise((resolve) => setTimeout(resolve, 4000))
  globalThis.gc()
  const latest = process.memoryUsage()
  process.stdout.write(
    JSON.stringify({
      targetMiB,
      objects: store.size,
      before,
      peakBefore,
      peakAfter,
      blockedMs,
      right,
      later,
      latest,
      fileBytes
    })
  )
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0)
  const dir = mkdtempSync(join(tmpdir(), 'leak-gate-snapshot-cost-'))
  const rows = []
  try {
    for (const size of sizes.length ? sizes : [25, 50, 100]) {
      const run = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          '--max-old-space-size=4096',
          fileURLToPath(import.meta.url),
          '--child',
          String(size),
          dir
        ],
        { encoding: 'utf8' }
      )
      if (run.status !== 0) throw new Error(run.stderr)
      rows.push(JSON.parse(run.stdout))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const m = (b) => (b / MiB).toFixed(1)
  console.log(`node ${process.version}`)
  console.log(
    'heapUsed MiB | rss before | peak rss while writing | peak / heapUsed | extra peak / heapUsed | blocked ms | file MiB | rss +1 s | rss +5 s | heapTotal before → +5 s | heapUsed +5 s'
  )
  for (const r of rows) {
    const peak = Math.max(r.peakAfter, r.peakBefore)
    console.log(
      [
        m(r.before.heapUsed),
        m(r.before.rss),
        m(peak),
        (peak / r.before.heapUsed).toFixed(1) + '×',
        ((peak - r.before.rss) / r.before.heapUsed).toFixed(1) + '×',
        r.blockedMs.toFixed(0),
        m(r.fileBytes),
        `${m(r.later.rss)} (+${m(r.later.rss - r.before.rss)})`,
        `${m(r.latest.rss)} (+${m(r.latest.rss - r.before.rss)})`,
        `${m(r.before.heapTotal)} → ${m(r.latest.heapTotal)}`,
        m(r.latest.heapUsed)
      ].join(' | ')
    )
  }
}

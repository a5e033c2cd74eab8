#!/usr/bin/env node
// The synthetic detection-limit table of docs/signatures.md: 10-minute runs sampled every second,
// 20 % warm-up, a GC sawtooth with random period (3–33 s), garbage rate (0.3–3.3 MiB/s), floor
// (20–80 MiB), 0.2 MiB noise, plus a leak of B bytes/request at R requests/s; and healthy shapes.
// Needs the tsc build: npx tsc --outDir build/sweep --noEmit false
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const build = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'build',
  'sweep'
)
const { analyze } = await import(pathToFileURL(path.join(build, 'src/analyze/index.js')).href)
const { heapSeries, leak, config, random, MiB } = await import(
  pathToFileURL(path.join(build, '__tests__/analyze/synthetic.js')).href
)
const now = new Date('2026-01-01T00:00:00Z')
const fails = (series) =>
  analyze({ series: [series], config: config(), now }).findings.some((f) => f.level === 'fail')
const shape = (seed) => {
  const r = random(seed * 7919)
  return { gcPeriod: 3 + 30 * r(), garbageRate: (0.3 + 3 * r()) * MiB, base: (20 + 60 * r()) * MiB }
}
const rate = (n, pred) => {
  let hit = 0
  for (let seed = 1; seed <= n; seed++) if (pred(seed)) hit++
  return `${Math.round((100 * hit) / n)} %`
}
console.log('| leak | per hour | fails (from the start) | fails (leak starts at 50 %) |')
console.log('| --- | --- | ---: | ---: |')
for (const [b, rps] of [
  [20, 300],
  [30, 300],
  [50, 300],
  [100, 300],
  [150, 300],
  [50, 100],
  [100, 100],
  [150, 100]
]) {
  const full = rate(100, (s) =>
    fails(heapSeries({ seed: s, rps, ...shape(s), extra: leak(b, rps) }))
  )
  const late = rate(100, (s) =>
    fails(heapSeries({ seed: s, rps, ...shape(s), extra: leak(b, rps, 300) }))
  )
  console.log(
    `| ${b} B/req × ${rps} req/s | ${((b * rps * 3600) / MiB).toFixed(1)} MiB/h | ${full} | ${late} |`
  )
}
const healthy = {
  'flat sawtooth': (s) => ({ ...shape(s) }),
  'bounded cache filling 20 MiB over the first 33–50 %': (s) => {
    const end = 200 + 100 * random(s)()
    return { ...shape(s), extra: (t) => 20 * MiB * Math.min(1, t / end) }
  },
  'warm-up allocation of 80 MiB': (s) => ({ ...shape(s), extra: (t) => (t < 60 ? 80 * MiB : 0) }),
  'slow GC (60–120 s period)': (s) => ({ ...shape(s), gcPeriod: 60 + 60 * random(s)() }),
  'heavy noise (2–7 MiB)': (s) => ({ ...shape(s), noise: (2 + 5 * random(s)()) * MiB })
}
for (const [name, make] of Object.entries(healthy)) {
  let fp = 0
  for (let seed = 1; seed <= 300; seed++) if (fails(heapSeries({ seed, ...make(seed) }))) fp++
  console.log(`false positives, ${name}: ${fp}/300`)
}

// Analysis scaling: times analyze() on synthetic sawtooth + leak series of
// 10^4, 10^5 and 10^6 samples and prints a markdown table with the time and
// time / (n log2 n), which stays flat (or falls) when the cost is O(n log n) or less.
//
// Needs the compiled sources: npx tsc --outDir build --noEmit false
// Usage: node scripts/bench-analyze.mjs [repeats] [--quick]   (--quick: one run, as `npm run bench -- --quick` passes it)
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { analyze } = await import(pathToFileURL(join(root, 'build/src/analyze/index.js')).href)

const MiB = 1024 * 1024
const args = process.argv.slice(2)
const repeats = Number(
  args.find((arg) => !arg.startsWith('--')) ?? (args.includes('--quick') ? 1 : 5)
)

/** Seeded PRNG (mulberry32) so every run measures the same series. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A 10-minute heap sampled n times: GC sawtooth (period ~12 s) on a floor leaking 150 B/request at 300 req/s. */
function makeSeries(n) {
  const rand = random(42)
  const intervalMs = 600_000 / n
  const time = new Array(n)
  const value = new Array(n)
  const work = new Array(n)
  let lastGc = 0
  let nextGc = 12
  for (let i = 0; i < n; i++) {
    const seconds = (i * intervalMs) / 1000
    if (seconds >= nextGc) {
      lastGc = seconds
      nextGc = seconds + 12 * (0.6 + 0.8 * rand())
    }
    time[i] = Date.UTC(2025, 0, 1) + i * intervalMs
    work[i] = Math.round(300 * seconds)
    value[i] =
      40 * MiB + 150 * 300 * seconds + 1.5 * MiB * (seconds - lastGc) + 0.2 * MiB * (rand() - 0.5)
  }
  return {
    id: 'memory.csv:heapUsed',
    file: 'memory.csv',
    metric: 'heapUsed',
    kind: 'memory',
    unit: 'bytes',
    timeBase: 'epoch',
    time,
    work,
    workName: 'requests',
    value,
    min: value.slice(),
    max: value.slice(),
    count: new Array(n).fill(1),
    samples: n,
    reduced: false
  }
}

const config = {
  source: 'bench',
  warmup: { kind: 'fraction', fraction: 0.2 },
  series: [],
  checks: {},
  ignore: []
}
const rows = []
for (const n of [1e4, 1e5, 1e6]) {
  const series = makeSeries(n)
  analyze({ series: [series], config, now: new Date(0) }) // warm up the JIT
  const times = []
  let findings = []
  for (let r = 0; r < repeats; r++) {
    const start = performance.now()
    findings = analyze({ series: [series], config, now: new Date(0) }).findings
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const ms = times[Math.floor(times.length / 2)]
  rows.push({
    n,
    ms,
    ratio: (ms * 1e6) / (n * Math.log2(n)),
    findings: [...new Set(findings.map((f) => f.signature))].join(', ')
  })
}

console.log('### analyze() scaling (median of %d runs)\n', repeats)
console.log('| samples | time (ms) | ns / (n log₂ n) | findings |')
console.log('| ---: | ---: | ---: | --- |')
for (const row of rows)
  console.log(
    `| ${row.n.toLocaleString('en-US')} | ${row.ms.toFixed(1)} | ${row.ratio.toFixed(2)} | ${row.findings} |`
  )
const slowest = rows[rows.length - 1]
console.log(
  `\n10^6 samples: ${slowest.ms.toFixed(0)} ms (${slowest.ms < 1000 ? 'under' : 'OVER'} the 1 s budget)`
)

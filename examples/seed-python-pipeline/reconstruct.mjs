#!/usr/bin/env node
// Rebuilds the artifacts of seed report 1 ("Memory Leak Investigation", 2025-12-22) from the
// figures it published. Not a recording: see README.md for what is published and what is filled in.
//
//   node examples/seed-python-pipeline/reconstruct.mjs --out DIR
//
// Deterministic (seeded noise): the same bytes on every run.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { bytesSize, humanSize } from '../node-service/sampler.mjs'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
if (!values.out) {
  console.error('usage: node reconstruct.mjs --out DIR')
  process.exit(2)
}
fs.mkdirSync(values.out, { recursive: true })

/** mulberry32: a tiny seeded PRNG so the noise is the same on every run. */
const prng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const random = prng(20251222)

const DAY = '2025-12-22'
const clock = (hms) => Date.parse(`${DAY}T${hms}Z`)
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) // `date +%Y-%m-%dT%H:%M:%S`, no zone
const MiB = 1024 ** 2
const LIMIT = 7.654 * 1024 ** 3 // "Docker Memory Limit: 7.654 GiB"
const START = clock('13:05:52')
const END = clock('16:52:00')

// ---------------------------------------------------------------- docker_stats.csv (MemUsage)
// Knots (time, MiB) of the published shape; linear in between, plus ±1.5 MiB noise.
//  13:06-13:30 stable 290-295; 13:30-14:00 drop to ~225-245 after a major GC;
//  14:00-16:00 sawtooth 210-280 (~225 at 14:00, ~257 at 15:00, ~283 at 16:00);
//  16:00-16:52 stable around 260-265; 264.8 at the end.
// Unpublished, chosen: each cycle drops to ~212 at a collection, climbs back to ~250 within
// two minutes as the next batch loads, then creeps up to ~280 before the next drop.
const cycle = (drop, floor, back, peak) => [
  [drop, floor],
  [drop + 120_000, back]
].concat(peak ? [[peak[0], peak[1]]] : [])
const RAW = [
  ['13:05:52', 292.0], ['13:18:00', 291.5], ['13:30:00', 294.5],
  ['13:31:00', 238.0], ['13:45:00', 245.0], ['13:45:20', 227.0], ['14:00:00', 225.0],
  ['14:03:00', 252.0], ['14:13:50', 276.0]
].map(([t, v]) => [clock(t), v])
const CYCLES = [
  ['14:14:00', 211, 249, ['14:31:50', 279]],
  ['14:32:00', 214, 252, ['14:48:00', 271]],
  ['14:48:10', 212, 247, ['15:05:00', 262]],
  ['15:05:10', 214, 251, ['15:23:50', 280]],
  ['15:24:00', 211, 250, ['15:41:00', 272]],
  ['15:41:10', 215, 254, ['16:00:30', 284.5]]
]
const KNOTS = [
  ...RAW,
  ...CYCLES.flatMap(([drop, floor, back, [peakAt, peak]]) => cycle(clock(drop), floor, back, [clock(peakAt), peak])),
  ...[['16:00:40', 259.0], ['16:26:00', 266.0], ['16:26:10', 258.5], ['16:52:00', 264.8]].map(([t, v]) => [clock(t), v])
]

const shape = (ms) => {
  for (let i = 1; i < KNOTS.length; i++) {
    const [t1, v1] = KNOTS[i]
    const [t0, v0] = KNOTS[i - 1]
    if (ms <= t1) return v0 + ((v1 - v0) * (ms - t0)) / (t1 - t0)
  }
  return KNOTS[KNOTS.length - 1][1]
}

const docker = ['timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids']
let netRx = 4.2e6
let netTx = 1.1e6
let blockRead = 61.2e6
const row = (ms, mib) => {
  const usage = Math.round(mib * MiB)
  netRx += 30e3 + random() * 40e3
  netTx += 8e3 + random() * 12e3
  blockRead += random() < 0.1 ? random() * 2e6 : 0
  const cpu = 35 + random() * 60
  docker.push(
    [
      iso(ms),
      'rules-processing',
      cpu.toFixed(2) + '%',
      `${bytesSize(usage)} / ${bytesSize(LIMIT)}`,
      ((usage / LIMIT) * 100).toFixed(2) + '%',
      `${humanSize(netRx)} / ${humanSize(netTx)}`,
      `${humanSize(blockRead)} / 0B`,
      String(14 + Math.floor(random() * 3))
    ].join(',')
  )
}
// Every 10 s from 13:05:53; the published start (13:06:13, 293.7 MiB) and end (16:52:00, 264.8 MiB) exactly.
for (let ms = START + 1000; ms < END; ms += 10_000) {
  if (ms === clock('13:06:13')) row(ms, 293.7)
  else row(ms, shape(ms) + (random() - 0.5) * 3)
}
row(END, 264.8)

// ---------------------------------------------------------------- archive_count.csv
// 5,373 archives between 13:05:52 and 16:52:00, every 30 s, at a rate that wobbles ±30 %.
const times = []
for (let ms = START; ms < END; ms += 30_000) times.push(ms)
times.push(END)
const weights = times.map((_, i) => (i === 0 ? 0 : 0.7 + random() * 0.6))
const total = weights.reduce((a, b) => a + b, 0)
let cumulative = 0
const archives = times.map((_, i) => {
  cumulative += weights[i]
  return Math.round((cumulative / total) * 5373)
})
const archiveCsv = ['timestamp,archives', ...times.map((ms, i) => `${iso(ms)},${archives[i]}`)]

/** When the n-th archive was done (linear between archive_count samples). */
const timeOfArchive = (n) => {
  for (let i = 1; i < times.length; i++) {
    if (archives[i] >= n) {
      const span = archives[i] - archives[i - 1] || 1
      return times[i - 1] + ((n - archives[i - 1]) / span) * (times[i] - times[i - 1])
    }
  }
  return END
}

// ---------------------------------------------------------------- broker_stats.csv
// Checkpoints every 100 archives. 100-400 are the report's table; 500-5300 are filled in with
// what the report states for all checkpoints (live 2, registries 2,921) and random GC counts.
const PUBLISHED_GC = { 100: [7, 1, 2], 200: [339, 0, 5], 300: [448, 11, 8], 400: [306, 9, 2] }
const brokers = ['timestamp,archives,created,collected,live,DELEGATES,DEPENDENCIES,COMPONENTS_BY_TYPE,gen0,gen1,gen2']
for (let n = 100; n <= 5373; n += 100) {
  const [gen0, gen1, gen2] =
    PUBLISHED_GC[n] ?? [Math.floor(random() * 700), Math.floor(random() * 11), Math.floor(random() * 10)]
  brokers.push([iso(Math.round(timeOfArchive(n))), n, n, n - 2, 2, 2921, 2921, 2921, gen0, gen1, gen2].join(','))
}

fs.writeFileSync(path.join(values.out, 'docker_stats.csv'), docker.join('\n') + '\n')
fs.writeFileSync(path.join(values.out, 'archive_count.csv'), archiveCsv.join('\n') + '\n')
fs.writeFileSync(path.join(values.out, 'broker_stats.csv'), brokers.join('\n') + '\n')
console.log(
  `seed-python-pipeline: ${docker.length - 1} docker stats rows, ${archiveCsv.length - 1} archive counts, ` +
    `${brokers.length - 1} broker checkpoints`
)

#!/usr/bin/env node
// Pipeline benchmark (not a test): the whole pipeline (plan, load, analysis, report object) on a
// 1M-row `process.memoryUsage()` CSV whose config lists rss, heapUsed and external but not heapTotal,
// so heapTotal is read as a witness only. Timed against a bare Node line reader over the same file
// in the same run (rounds of one child process per reader, alternating; medians), as
// scripts/bench-load.mjs does. Needs the compiled sources (`npx tsc -p tsconfig.build.json`).
// Usage: node scripts/bench-pipeline.mjs [--quick] [--before DIR] [--case memory|counters]
//   --quick: a 10× smaller file, fewer rounds.
//   --case counters: instead, a ~32 MB Prometheus scrape file (30 scrapes of 10,000 label sets of
//   Micrometer's jvm_gc_pause_seconds_count, one in ten a major collection, beside the process's
//   resident memory, which the config lists): the pass that reads collection counters as witnesses.
//   Also reports each reader's peak RSS.
//   Run of 2026-12-06 (load average 8.8-9.6 on 2 vCPUs, CPU time of the medians): with only the
//   label sets that can be witnesses read (at most 64) 633 ms vs 1,882 ms when every label set was
//   kept (0.34x; wall 0.32x; peak RSS 0.92x), and 1.51x CPU / 1.19x wall / 1.07x peak RSS of the
//   code before the counters were read at all (the pass still reads the 32 MB once more).
//   --before DIR: also time another build (DIR/build/src/pipeline.js; e.g. `git archive <commit> src
//   tsconfig.json tsconfig.build.json | tar -x -C DIR`, a package.json with "type": "module",
//   node_modules linked, `npx tsc -p tsconfig.build.json` in DIR) in the same rounds.
import { spawnSync } from 'node:child_process'
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const CHUNK = 1 << 20
/** Timed runs per timing child (after one warm-up). */
const TIMED_RUNS = 3
const CONFIG = `warmup: 20%
series:
  - file: memory.csv
    format: csv
    time: timestamp
    metrics:
      rss: memory
      heapUsed: memory
      external: memory
`

const COUNTERS_CONFIG = `warmup: 20%
series:
  - file: memory.csv
    format: prometheus
    metrics:
      process_resident_memory_bytes: memory
`
/** Label sets of the counter family per scrape, and scrapes, in the counters case. */
const COUNTER_LABEL_SETS = 10_000
const COUNTER_SCRAPES = 30

const args = process.argv.slice(2)
const caseAt = args.indexOf('--case')
const benchCase = caseAt >= 0 ? args[caseAt + 1] : 'memory'
const beforeAt = args.indexOf('--before')
const beforeDir = beforeAt >= 0 ? args[beforeAt + 1] : undefined

/** `process.memoryUsage()` every 250 ms, as bench-load.mjs writes it (a time and the 5 numbers). */
async function memoryRows(path, rows) {
  const start = Date.UTC(2026, 10, 25, 4, 40)
  const out = createWriteStream(path, { highWaterMark: CHUNK })
  let buffer = 'timestamp,rss,heapTotal,heapUsed,external,arrayBuffers\n'
  for (let i = 0; i < rows; i++) {
    const heapUsed = 45274168 + ((i * 7919) % 4000000) + i * 3
    buffer += `${new Date(start + i * 250).toISOString()},${109068288 + i * 5},${76521472 + (i % 100) * 4096},${heapUsed},${1975789 + (i % 1000)},${10475 + (i % 50)}\n`
    if (buffer.length > CHUNK) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve))
      buffer = ''
    }
  }
  out.write(buffer)
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
}

/**
 * A scrape loop's file (a time line, then the scrape) over 30 scrapes: resident memory rising
 * slowly and 10,000 label sets of jvm_gc_pause_seconds_count (per instance and cause; one in ten
 * labelled a major collection), as a service fleet's Micrometer scrapes pasted into one file.
 * Written as `memory.csv` so the bare reader reads the same path.
 */
async function counterScrapes(path, quick) {
  const sets = quick ? COUNTER_LABEL_SETS / 10 : COUNTER_LABEL_SETS
  const start = Date.UTC(2026, 10, 25, 4, 40)
  const out = createWriteStream(path, { highWaterMark: CHUNK })
  let buffer = ''
  for (let scrape = 0; scrape < COUNTER_SCRAPES; scrape++) {
    buffer += `# ${new Date(start + scrape * 15000).toISOString()}\n`
    buffer += '# TYPE process_resident_memory_bytes gauge\n'
    buffer += `process_resident_memory_bytes ${109068288 + scrape * 40960}\n`
    buffer += '# TYPE jvm_gc_pause_seconds summary\n'
    for (let k = 0; k < sets; k++) {
      const major = k % 10 === 0
      const action = major ? 'end of major GC' : 'end of minor GC'
      const cause = major ? 'Allocation Failure' : 'G1 Evacuation Pause'
      buffer += `jvm_gc_pause_seconds_count{action="${action}",cause="${cause}",instance="app-${k}:8080",} ${scrape * (major ? 1 : 7) + (k % 13)}\n`
      if (buffer.length > CHUNK) {
        if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve))
        buffer = ''
      }
    }
  }
  out.write(buffer)
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
}

async function bareReader(path) {
  let rest = ''
  let lines = 0
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, encoding: 'utf8' })) {
    const parts = chunk.split('\n')
    parts[0] = rest + parts[0]
    rest = parts.pop()
    lines += parts.length
  }
  return { lines }
}

async function pipeline(folder, dir) {
  const { runPipeline } = await import(join(dir ?? root, 'build/src/pipeline.js'))
  const report = await runPipeline({
    root: folder,
    configPath: join(folder, 'leak-gate.yml'),
    now: new Date('2026-11-25T00:00:00Z')
  })
  return { verdict: report.verdict, errors: report.errors.length, metrics: report.metrics.length }
}

/** One timing child: a warm-up, then TIMED_RUNS runs; prints the times and what was read. */
async function timeChild(who, folder, dir) {
  const read = () =>
    who === 'bare' ? bareReader(join(folder, 'memory.csv')) : pipeline(folder, dir)
  await read()
  const times = []
  const cpu = []
  let value
  for (let i = 0; i < TIMED_RUNS; i++) {
    const started = process.hrtime.bigint()
    const used = process.cpuUsage()
    value = await read()
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
    const { user, system } = process.cpuUsage(used)
    cpu.push((user + system) / 1000)
  }
  const maxRssMiB = process.resourceUsage().maxRSS / 1024
  console.log(JSON.stringify({ times, cpu, value, maxRssMiB }))
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main() {
  const quick = args.includes('--quick')
  const counters = benchCase === 'counters'
  const rows = quick ? 100_000 : 1_000_000
  const rounds = quick ? 2 : counters ? 3 : 5
  if (!existsSync(join(root, 'build/src/pipeline.js'))) {
    console.error('missing build/src/pipeline.js: run npx tsc -p tsconfig.build.json first')
    process.exit(2)
  }
  const folder = mkdtempSync(join(tmpdir(), 'leak-gate-pipeline-'))
  try {
    if (counters) {
      console.error('generating and timing the pipeline on a Prometheus file of counters ...')
      await counterScrapes(join(folder, 'memory.csv'), quick)
      writeFileSync(join(folder, 'leak-gate.yml'), COUNTERS_CONFIG)
    } else {
      console.error(`generating and timing the pipeline on ${rows.toLocaleString('en')} rows ...`)
      await memoryRows(join(folder, 'memory.csv'), rows)
      writeFileSync(join(folder, 'leak-gate.yml'), CONFIG)
    }
    const who = ['bare', 'ours', ...(beforeDir ? ['before'] : [])]
    const times = Object.fromEntries(who.map((w) => [w, []]))
    const cpu = Object.fromEntries(who.map((w) => [w, []]))
    const values = {}
    const loads = []
    const rss = Object.fromEntries(who.map((w) => [w, []]))
    for (let round = 0; round < rounds; round++) {
      for (const w of who) {
        const run = spawnSync(
          process.execPath,
          [
            fileURLToPath(import.meta.url),
            '--time',
            w,
            folder,
            ...(w === 'before' ? [beforeDir] : [])
          ],
          { encoding: 'utf8' }
        )
        if (run.status !== 0) throw new Error(run.stderr)
        const result = JSON.parse(run.stdout.trim().split('\n').pop())
        times[w].push(...result.times)
        cpu[w].push(...result.cpu)
        values[w] = result.value
        rss[w].push(result.maxRssMiB)
      }
      loads.push(loadavg()[0])
    }
    const bare = median(times.bare)
    const bareCpu = median(cpu.bare)
    console.log(
      `\n## leak-gate pipeline benchmark${quick ? ' (--quick: a 10× smaller file)' : ''}\n`
    )
    console.log(
      `Node ${process.version}, medians over ${rounds} rounds of one child process per reader, alternating, each a warm-up and ${TIMED_RUNS} timed runs; wall time and CPU time (user + system: steadier when other work shares the cores); load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.\n`
    )
    console.log(
      '| case | size | bare line reader wall / CPU | pipeline wall / CPU | ratio wall / CPU | peak RSS (bare) | verdict |'
    )
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
    const size = `${(statSync(join(folder, 'memory.csv')).size / 1e6).toFixed(0)} MB`
    const label = counters
      ? `pipeline, Prometheus file, ${COUNTER_SCRAPES} scrapes × ${(quick ? COUNTER_LABEL_SETS / 10 : COUNTER_LABEL_SETS).toLocaleString('en')} jvm_gc_pause_seconds_count label sets (collection counters as witnesses)`
      : `pipeline, ${rows.toLocaleString('en')}-row configured memoryUsage CSV (heapTotal a witness)`
    const peak = (w) => Math.max(...rss[w]).toFixed(0)
    for (const w of who.slice(1)) {
      const ms = median(times[w])
      const used = median(cpu[w])
      const name = w === 'before' ? `${label}, before (${beforeDir})` : label
      console.log(
        `| ${name} | ${size} | ${bare.toFixed(0)} / ${bareCpu.toFixed(0)} ms | ${ms.toFixed(0)} / ${used.toFixed(0)} ms | ${(ms / bare).toFixed(2)}× / ${(used / bareCpu).toFixed(2)}× | ${peak(w)} MiB (${peak('bare')}) | ${values[w].verdict}, ${values[w].errors} errors |`
      )
    }
    if (beforeDir)
      console.log(
        `\nnow / before: wall ${(median(times.ours) / median(times.before)).toFixed(2)}× (${median(times.ours).toFixed(0)} / ${median(times.before).toFixed(0)} ms), CPU ${(median(cpu.ours) / median(cpu.before)).toFixed(2)}× (${median(cpu.ours).toFixed(0)} / ${median(cpu.before).toFixed(0)} ms), peak RSS ${(Math.max(...rss.ours) / Math.max(...rss.before)).toFixed(2)}× (${peak('ours')} / ${peak('before')} MiB)`
      )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

if (args[0] === '--time') await timeChild(args[1], args[2], args[3])
else await main()

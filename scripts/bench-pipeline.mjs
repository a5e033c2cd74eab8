#!/usr/bin/env node
// Pipeline benchmark (not a test): the whole pipeline (plan, load, analysis, report object) on a
// 1M-row `process.memoryUsage()` CSV whose config lists rss, heapUsed and external but not heapTotal,
// so heapTotal is read as a witness only. Timed against a bare Node line reader over the same file
// in the same run (rounds of one child process per reader, alternating; medians), as
// scripts/bench-load.mjs does. Needs the compiled sources (`npx tsc -p tsconfig.build.json`).
// Usage: node scripts/bench-pipeline.mjs [--quick] [--before DIR]
//   --quick: a 10× smaller file, fewer rounds.
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

const args = process.argv.slice(2)
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
  console.log(JSON.stringify({ times, cpu, value }))
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main() {
  const quick = args.includes('--quick')
  const rows = quick ? 100_000 : 1_000_000
  const rounds = quick ? 2 : 5
  if (!existsSync(join(root, 'build/src/pipeline.js'))) {
    console.error('missing build/src/pipeline.js: run npx tsc -p tsconfig.build.json first')
    process.exit(2)
  }
  const folder = mkdtempSync(join(tmpdir(), 'leak-gate-pipeline-'))
  try {
    console.error(`generating and timing the pipeline on ${rows.toLocaleString('en')} rows ...`)
    await memoryRows(join(folder, 'memory.csv'), rows)
    writeFileSync(join(folder, 'leak-gate.yml'), CONFIG)
    const who = ['bare', 'ours', ...(beforeDir ? ['before'] : [])]
    const times = Object.fromEntries(who.map((w) => [w, []]))
    const cpu = Object.fromEntries(who.map((w) => [w, []]))
    const values = {}
    const loads = []
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
      '| case | size | bare line reader wall / CPU | pipeline wall / CPU | ratio wall / CPU | verdict |'
    )
    console.log('| --- | ---: | ---: | ---: | ---: | --- |')
    const size = `${(statSync(join(folder, 'memory.csv')).size / 1e6).toFixed(0)} MB`
    const label = `pipeline, ${rows.toLocaleString('en')}-row configured memoryUsage CSV (heapTotal a witness)`
    for (const w of who.slice(1)) {
      const ms = median(times[w])
      const used = median(cpu[w])
      const name = w === 'before' ? `${label}, before (${beforeDir})` : label
      console.log(
        `| ${name} | ${size} | ${bare.toFixed(0)} / ${bareCpu.toFixed(0)} ms | ${ms.toFixed(0)} / ${used.toFixed(0)} ms | ${(ms / bare).toFixed(2)}× / ${(used / bareCpu).toFixed(2)}× | ${values[w].verdict}, ${values[w].errors} errors |`
      )
    }
    if (beforeDir)
      console.log(
        `\nnow / before: wall ${(median(times.ours) / median(times.before)).toFixed(2)}× (${median(times.ours).toFixed(0)} / ${median(times.before).toFixed(0)} ms), CPU ${(median(cpu.ours) / median(cpu.before)).toFixed(2)}× (${median(cpu.ours).toFixed(0)} / ${median(cpu.before).toFixed(0)} ms)`
      )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

if (args[0] === '--time') await timeChild(args[1], args[2], args[3])
else await main()

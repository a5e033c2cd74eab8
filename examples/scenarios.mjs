#!/usr/bin/env node
// Regenerates every examples/<scenario>/artifacts/ folder from the programs (npm run scenarios).
//
//   node examples/scenarios.mjs                 all scenarios, two at a time
//   node examples/scenarios.mjs --only map-leak  one (repeat --only for several)
//   node examples/scenarios.mjs --list
//
// Only the recorded data files are rewritten (memory.csv, docker_stats.csv, baseline.json,
// post-test.json, broker_stats.csv, container.log, archive_count.csv, gc.log); each folder's
// leak-gate.yml and expected.json are written by hand and left alone. A run goes into
// examples/<scenario>/.run/ first and replaces the artifacts only when it succeeded.
// Nothing is written outside examples/. Every run is bounded in requests/archives and time.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { evidenceTable } from './evidence.mjs'
import { parseStages } from './node-service/load.mjs'
import { runScenario } from './node-service/run-scenario.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

const GiB = 1024 ** 3
const node = (name, mode, options) => ({ name, kind: 'node', mode, ...options })
const python = (name, mode, options = {}) => ({ name, kind: 'python', mode, ...options })
const jvm = (name, mode, options = {}) => ({ name, kind: 'jvm', mode, ...options })
const go = (name, mode, options = {}) => ({ name, kind: 'go', mode, ...options })
const seed = (name) => ({ name, kind: 'seed', script: path.join(here, name, 'reconstruct.mjs') })

/**
 * The scenarios. Node runs are paced (--rate) so that they take the same time, and keep the
 * same request count, on a fast or a slow machine; 250 ms sampling; 1 GiB container limit.
 */
export const SCENARIOS = [
  node('healthy', 'healthy', { requests: 40_000, rate: 1000 }),
  // The LRU (1000 entries × 16 KiB) fills during the warm-up pass (2000 requests): the baseline is after it.
  node('lru-cache', 'lru', { requests: 40_000, rate: 1000, prewarm: 2000 }),
  // The same cache at 1000 req/s for 20 s, sampled every 500 ms: on a loaded machine the old generation
  // fills with evicted entries faster than major collections free them (the forced one frees it all).
  node('lru-overload', 'lru', { requests: 20_000, rate: 1000, prewarm: 2000, interval: 500 }),
  node('lru-overload-rss', 'lru', { requests: 20_000, rate: 1000, prewarm: 2000, interval: 250 }),
  // 2000 requests × 16 KiB of warm cache, all inside the warm-up pass.
  node('warmup', 'warmup', { requests: 40_000, rate: 1000, prewarm: 2500 }),
  node('gc-sawtooth', 'garbage', { requests: 20_000, rate: 500 }),
  node('map-leak', 'map-leak', { requests: 20_000, rate: 500 }),
  node('listener-leak', 'listener-leak', { requests: 20_000, rate: 500 }),
  node('slow-leak', 'slow-leak', { requests: 100_000, rate: 2500 }),
  node('late-leak', 'late-leak', { requests: 20_000, rate: 500 }),
  // Baseline before the load, with 16 tenants × 12 models preloaded (like seed report 2).
  node('registry-healthy', 'registry', { requests: 20_000, rate: 500, prewarm: 0 }),
  // The shapes real runs take (issue: a verdict teams can trust). Each is a real run, label true by construction.
  // A bounded cache (20,000 × 1 KiB) that takes half the run to fill, then evicts: healthy.
  node('cache-fill', 'lru', { requests: 40_000, rate: 1000, args: ['--lru-size', '20000', '--lru-entry-bytes', '1024'] }),
  // The same cache in a short run: 7,200 entries fill over 45 % of 16,000 requests at 400 req/s, sampled
  // every second; no major collection after the fill (old-generation garbage climbs to the end): healthy.
  node('cache-fill-short', 'lru', {
    requests: 16_000,
    rate: 400,
    interval: 1000,
    args: ['--lru-size', '7200', '--lru-entry-bytes', '1024']
  }),
  // The same cache, 11,400 entries filling over 57 % of 20,000 requests at 1000 req/s, sampled every 250 ms;
  // one major collection after the fill, the floor climbing again with garbage after it: healthy, with a
  // warning that the cache (35 % of the baseline heap) stays after the load.
  node('cache-fill-collected', 'lru', {
    requests: 20_000,
    rate: 1000,
    interval: 250,
    args: ['--lru-size', '11400', '--lru-entry-bytes', '1024']
  }),
  // The same settings again (a second recording): the only major collection comes at 79 % of the run,
  // so the heap creeps with old-generation garbage to the end, at half the window's pace: healthy.
  node('cache-fill-late-collection', 'lru', {
    requests: 20_000,
    rate: 1000,
    interval: 250,
    args: ['--lru-size', '11400', '--lru-entry-bytes', '1024']
  }),
  // 33,280 entries of 1 KiB filling over 52 % of 64,000 requests at 400 req/s, sampled every 2.1 s, under a
  // tall sawtooth (the last 64 requests' garbage kept): RSS steps once inside the window, short of what the
  // forced collection kept (the fill began in the warm-up); heapTotal rises and flattens with it: healthy.
  node('cache-fill-tall-sawtooth', 'lru', {
    requests: 64_000,
    rate: 400,
    interval: 2100,
    args: ['--lru-size', '33280', '--lru-entry-bytes', '1024', '--slow-garbage-keep', '64']
  }),
  // A 16 MiB table built once at 40 % / 75 % of the requests, flat before and after: healthy (a step, noted).
  node('step-40', 'step', { requests: 40_000, rate: 1000, args: ['--step-at', '16000'] }),
  node('step-75', 'step', { requests: 40_000, rate: 1000, args: ['--step-at', '30000'] }),
  // The same table at 61 % of a short run: the GC sawtooth hides the step in heapUsed, RSS shows it.
  node('step-61', 'step', { requests: 20_000, rate: 1000, args: ['--step-at', '12200'] }),
  // An 18 MiB table at 68 % of a short run sampled every second: the samples fall in step with the GC
  // sawtooth, so heapUsed creeps 0.6 MiB a second before and after the step (garbage the forced collection
  // frees); RSS and container usage jump once: healthy.
  node('step-68', 'step', {
    requests: 20_000,
    rate: 1000,
    interval: 1000,
    args: ['--step-at', '13600', '--step-bytes', String(18 * 2 ** 20)]
  }),
  // Ramping load (k6-like stages, requests answered after 10 ms so the clients in flight follow the
  // rate): the stateless handler under step increases 100 → 300 → 600 req/s, 12 s each. V8 shrinks its
  // heap at the low start and regrows it as the rate climbs; RSS and container usage follow: healthy.
  node('ramp-step-healthy', 'healthy', {
    requests: 13_000,
    rate: 333,
    stages: '12s:100,1ms:300,12s:300,1ms:600,12s:600',
    startRate: 100,
    args: ['--latency-ms', '10']
  }),
  // The warm cache filled in the warm-up pass, then a ramp 20 → 400 req/s, a hold and a ramp down, with
  // heapTotal in the config: the heap the runtime reserves grows with the load and RSS with it.
  node('ramp-heap-regrowth', 'warmup', {
    requests: 17_400,
    rate: 273,
    prewarm: 2500,
    stages: '20s:400,20s:400,20s:20',
    startRate: 20,
    args: ['--latency-ms', '10']
  }),
  // ~150 B kept per request under a tall garbage sawtooth (the last 64 requests' junk kept), 2.5 min.
  node('sawtooth-slow-leak', 'slow-leak', {
    requests: 75_000,
    rate: 500,
    args: ['--slow-leak-bytes', '150', '--slow-garbage-keep', '64']
  }),
  // ~110 and ~140 B per request under the slow-leak mode's own sawtooth, under 3 minutes, sampled every 2 s:
  // the heap's trend is lost under its teeth while RSS climbs at one pace, by about what the heap rose.
  node('sawtooth-slow-leak-110', 'slow-leak', {
    requests: 79_900,
    rate: 470,
    interval: 2000,
    args: ['--slow-leak-bytes', '110']
  }),
  node('sawtooth-slow-leak-140', 'slow-leak', {
    requests: 76_500,
    rate: 450,
    interval: 2100,
    args: ['--slow-leak-bytes', '140']
  }),
  // 25 B per request under the same sawtooth, 5 minutes at 500 req/s, sampled every second: the heap
  // floor alone is only suggestive (p = 0.06); RSS of the same process rises with it significantly.
  node('sawtooth-leak-25', 'slow-leak', {
    requests: 150_000,
    rate: 500,
    interval: 1000,
    args: ['--slow-leak-bytes', '25', '--slow-garbage-keep', '64']
  }),
  // ~200 B per request kept in Buffers (outside the JS heap): RSS climbs to the end, heapUsed flat.
  node('native-leak', 'native-leak', { requests: 150_000, rate: 1000, args: ['--native-leak-bytes', '200'] }),
  // 100 B per request in Buffers over 5 minutes at 500 req/s, sampled every second; 1 min 46 s in, V8
  // shrinks its heap (heapTotal 79 → 51 MiB) and RSS falls 28 MiB, then climbs on at the same pace: fail.
  node('native-leak-shrunk', 'native-leak', {
    requests: 150_000,
    rate: 500,
    interval: 1000,
    args: ['--native-leak-bytes', '100']
  }),
  // Restarted halfway (SIGTERM at request 10,000, 1 s down, a new pid under the same container name):
  // the map leak starts again from the fresh process's level and climbs at the same pace (fail); the
  // healthy service restarted the same way stays flat in both parts (pass: a restart is not a leak).
  node('restart-leak', 'map-leak', { requests: 20_000, rate: 500, restartAt: 10_000 }),
  node('restart-healthy', 'healthy', { requests: 20_000, rate: 500, restartAt: 10_000 }),
  // The map leak at ~4 KiB per request in a container limited to 160 MiB: the emulated limit kills the
  // service (SIGKILL when its resident memory reaches it, as the OOM killer does) ~25 s in; docker
  // stats then prints the stopped container's 0B / 0B for the cooldown (fail: oom-risk, the kill).
  node('oom-kill', 'map-leak', {
    requests: 25_000,
    rate: 500,
    limit: 160 * 1024 ** 2,
    oomKill: true,
    args: ['--leak-bytes', '4096']
  }),
  python('broker-healthy', 'healthy'),
  python('broker-leak', 'leaking-brokers'),
  python('registry-growth', 'growing-registry'),
  // 4 KiB malloc'ed per archive and never freed (a C extension's leak, outside every Python object count).
  python('python-native-leak', 'healthy', { archives: 3000, interval: 0.5, args: ['--native-leak-bytes', '4096'] }),
  // An LRU of 1,862 × 4 KiB filling over 45 % of the run: no full collection comes, brokers in reference
  // cycles pile up (live +10 with no fall); post-test.json after gc.collect() holds live 2 (pass). The
  // backlog needs ~4,000 archives, whose container.log (470 KiB) is left out: broker_stats.csv has its rows.
  python('python-cache-backlog', 'healthy', {
    archives: 4138,
    interval: 1,
    args: ['--cache-entries', '1862', '--cache-entry-bytes', '4096', '--cache-keys', '1862'],
    leaveOut: ['container.log']
  }),
  // An LRU of 3,379 × 3 KiB filling over the first third of 9,655 archives (140 s), sampled every 1.8 s:
  // RSS climbs +12.9 MiB by the middle of the run, then stays; its window's trend is under the tolerance.
  python('python-cache-filled', 'healthy', {
    archives: 9655,
    interval: 1.8,
    args: ['--cache-entries', '3379', '--cache-entry-bytes', '3072', '--cache-keys', '3379'],
    leaveOut: ['container.log']
  }),
  // Heap snapshots (after warm-up, after half the load, after the cooldown) of the same
  // services, without the memory series: writing a snapshot disturbs them.
  node('map-leak-heap', 'map-leak', { requests: 4_000, rate: 500, heap: true }),
  node('listener-leak-heap', 'listener-leak', { requests: 4_000, rate: 500, heap: true }),
  node('lru-cache-heap', 'lru', { requests: 4_000, rate: 500, prewarm: 2000, heap: true, serviceArgs: ['--lru-entry-bytes', '1024'] }),
  node('healthy-heap', 'healthy', { requests: 4_000, rate: 500, heap: true }),
  // The JVM worker (Worker.java run from source, G1, -Xmx256m, the GC log at -Xlog:gc): 9,524 units (40 s) at
  // ~250/s sampled every 500 ms, 32 KiB of young garbage per unit. Healthy: the heap after each pause
  // stays at its floor; the slow leak keeps 2 KiB per unit in a static list (~20 MiB over the run).
  jvm('jvm-healthy', 'healthy', { units: 9_524, interval: 0.5, args: ['--garbage-bytes', '32768'] }),
  jvm('jvm-slow-leak', 'slow-leak', {
    units: 9_524,
    interval: 0.5,
    args: ['--garbage-bytes', '32768', '--leak-bytes', '2048']
  }),
  // The Go worker (main.go, standard library only, GOGC=100, a 16 MiB working set): 10,714 units (45 s) at
  // ~250/s sampled every 500 ms, the unit's 64 KiB of garbage made by 4 goroutines that end with it, and
  // the Prometheus Go client's names in metrics.prom. The goroutine leak blocks one goroutine forever
  // (holding 1 KiB) every 10 units.
  go('go-healthy', 'healthy', { units: 10_714, interval: 0.5, args: ['--fanout', '4'] }),
  go('go-goroutine-leak', 'goroutine-leak', {
    units: 10_714,
    interval: 0.5,
    args: ['--leak-every', '10', '--leak-bytes', '1024']
  }),
  // The same slow leak (512 B per unit, 71 s sampled every second) under GOGC=off and GOMEMLIMIT=96MiB:
  // the collector's goal is the limit, not twice the live heap, and RSS sits near the limit; the
  // collector trace (GODEBUG=gctrace=1, saved from stderr into gctrace.log) shows the heap each
  // cycle left live.
  go('go-limit-leak', 'slow-leak', {
    units: 17_857,
    interval: 1,
    env: { GOGC: 'off', GOMEMLIMIT: '96MiB', GODEBUG: 'gctrace=1' },
    args: ['--leak-bytes', '512']
  }),
  seed('seed-python-pipeline'),
  seed('seed-node-registry')
]

/** Files a run may write into artifacts/ (everything else there is left alone). */
const DATA_FILES = [
  'memory.csv',
  'docker_stats.csv',
  'baseline.json',
  'post-test.json',
  'broker_stats.csv',
  'container.log',
  'archive_count.csv',
  'gc.log',
  'gctrace.log',
  'metrics.prom',
  'heap-1.heapsnapshot.gz',
  'heap-2.heapsnapshot.gz',
  'heap-3.heapsnapshot.gz'
]
/** What a heap scenario ships: its snapshots only. */
const HEAP_FILES = new Set(['heap-1.heapsnapshot.gz', 'heap-2.heapsnapshot.gz', 'heap-3.heapsnapshot.gz'])

// With `stderrFile`, the program's stderr is also saved there (Go's GODEBUG=gctrace=1 trace).
// The JVM and Go workers take the same flags: the scenario's mode, units and pace, a 150 s cap.
const workerArgs = (scenario, run) => [
  '--mode', scenario.mode,
  '--units', String(scenario.units),
  '--interval', String(scenario.interval),
  '--max-seconds', '150',
  '--out', run,
  ...(scenario.args ?? [])
]

const runProcess = (command, args, timeoutMs, { env, stderrFile } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => {
      out += chunk
      err += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (stderrFile) fs.writeFileSync(stderrFile, err)
      if (code === 0) resolve(out.trim())
      else reject(new Error(`${command} ${args.join(' ')} → ${code ?? signal}\n${out.slice(-2000)}`))
    })
  })

/** Runs one scenario into `<name>/.run/`, then moves the data files into `<name>/artifacts/`. */
export async function regenerate(scenario) {
  const folder = path.join(here, scenario.name)
  // Heap snapshots are generated, not committed: they go to snapshots/ (gitignored), not artifacts/.
  const artifacts = path.join(folder, scenario.heap ? 'snapshots' : 'artifacts')
  const run = path.join(folder, '.run')
  fs.rmSync(run, { recursive: true, force: true })
  fs.mkdirSync(run, { recursive: true })
  const started = Date.now()
  let note
  try {
    if (scenario.kind === 'node') {
      const { requests, rate, prewarm = 200, heap = false } = scenario
      const serviceArgs = scenario.serviceArgs ?? scenario.args ?? []
      // Ramping load (load.mjs --stages): the stages end the run; --requests only bounds it.
      const stages = scenario.stages ? parseStages(scenario.stages) : undefined
      const stagesMs = stages ? stages.reduce((sum, stage) => sum + stage.ms, 0) : 0
      const result = await runScenario({
        mode: scenario.mode,
        requests,
        rate,
        prewarm,
        stages,
        startRate: scenario.startRate ?? 0,
        // writing a heap snapshot blocks the service for seconds: not load time
        durationMs: stages
          ? stagesMs + Math.ceil((prewarm / rate) * 1000 * 1.5) + 10_000
          : Math.ceil(((requests + prewarm) / rate) * 1000 * 1.5) + 5000 + (heap ? 180_000 : 0),
        concurrency: 8,
        intervalMs: scenario.interval ?? 250,
        cooldownMs: 3000,
        limitBytes: scenario.limit ?? GiB,
        name: `${scenario.name}-web-1`,
        out: run,
        heapSnapshots: heap,
        serviceArgs,
        restartAt: scenario.restartAt ?? 0,
        oomKill: scenario.oomKill ?? false
      })
      if (heap) for (const file of fs.readdirSync(run)) if (!HEAP_FILES.has(file)) fs.rmSync(path.join(run, file))
      // A run meant to be killed at its limit must be; requests in flight at the kill fail.
      const expected = scenario.oomKill ? 'killed' : stages ? 'stages' : 'count'
      if (result.stoppedBy !== expected || (!scenario.oomKill && result.failed > 0)) {
        throw new Error(`${scenario.name}: load stopped by ${result.stoppedBy}, ${result.failed} failed requests`)
      }
      note = `${result.sent} requests in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.rows} samples`
      if (result.stoppedRows > 0) note += `, ${result.stoppedRows} stopped-container rows`
      for (const r of result.restarts ?? []) note += `; restarted at ${r.at} (${r.signal}, pid ${r.oldPid} → ${r.newPid})`
      if (result.killed) {
        note += `; killed at ${result.killed.at} with ${(result.killed.rss / 1024 ** 2).toFixed(1)} MiB resident (limit ${(scenario.limit / 1024 ** 2).toFixed(0)} MiB)`
      }
    } else if (scenario.kind === 'python') {
      note = await runProcess(
        'python3',
        [
          path.join(here, 'python-worker', 'worker.py'),
          '--mode', scenario.mode,
          '--archives', String(scenario.archives ?? 2000),
          ...(scenario.interval ? ['--interval', String(scenario.interval)] : []),
          '--out', run,
          ...(scenario.args ?? [])
        ],
        180_000
      )
    } else if (scenario.kind === 'jvm') {
      note = await runProcess(
        'java',
        [
          '-Xmx256m',
          `-Xlog:gc:file=${path.join(run, 'gc.log')}:time,uptime,level,tags`,
          path.join(here, 'jvm-worker', 'Worker.java'),
          ...workerArgs(scenario, run)
        ],
        210_000
      )
    } else if (scenario.kind === 'go') {
      note = await runProcess(
        'go',
        [
          'run',
          path.join(here, 'go-worker', 'main.go'),
          ...workerArgs(scenario, run)
        ],
        210_000,
        {
          env: scenario.env,
          stderrFile: /gctrace=1/.test(scenario.env?.GODEBUG ?? '') ? path.join(run, 'gctrace.log') : undefined
        }
      )
    } else {
      note = await runProcess(process.execPath, [scenario.script, '--out', run], 60_000)
    }
    fs.mkdirSync(artifacts, { recursive: true })
    for (const file of DATA_FILES) fs.rmSync(path.join(artifacts, file), { force: true })
    for (const file of fs.readdirSync(run)) fs.renameSync(path.join(run, file), path.join(artifacts, file))
    // Files a scenario leaves out of its artifacts (the 400 KiB budget), said in its leak-gate.yml.
    for (const file of scenario.leaveOut ?? []) fs.rmSync(path.join(artifacts, file), { force: true })
  } finally {
    fs.rmSync(run, { recursive: true, force: true })
  }
  for (const file of scenario.heap ? [] : ['leak-gate.yml', 'expected.json']) {
    if (!fs.existsSync(path.join(artifacts, file))) console.warn(`${scenario.name}: artifacts/${file} is missing`)
  }
  return `${scenario.name}: ${note} (${((Date.now() - started) / 1000).toFixed(0)} s)`
}

/** Runs `tasks` with at most `limit` at once; resolves when all are done, rejects with the first error after. */
const pool = async (items, limit, worker) => {
  const queue = [...items]
  const errors = []
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        console.log(await worker(item))
      } catch (error) {
        errors.push(error)
        console.error(String(error.message ?? error))
      }
    }
  })
  await Promise.all(lanes)
  if (errors.length > 0) throw new Error(`${errors.length} scenario(s) failed`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      list: { type: 'boolean', default: false },
      parallel: { type: 'string', default: '2' }
    }
  })
  if (values.list) {
    for (const s of SCENARIOS) console.log(`${s.name}\t${s.kind}${s.mode ? `\t${s.mode}` : ''}`)
    process.exit(0)
  }
  const chosen = values.only ? SCENARIOS.filter((s) => values.only.includes(s.name)) : SCENARIOS
  const unknown = (values.only ?? []).filter((name) => !SCENARIOS.some((s) => s.name === name))
  if (unknown.length > 0) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`)
    process.exit(2)
  }
  const started = Date.now()
  // Slowest first, so two lanes finish together.
  const ordered = [...chosen].sort((a, b) => (a.kind === 'seed') - (b.kind === 'seed'))
  try {
    await pool(ordered, Math.max(1, Math.min(2, Number(values.parallel))), regenerate)
  } catch (error) {
    console.error(error.message)
    process.exitCode = 1
  }
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
  console.log(evidenceTable(chosen.filter((s) => !s.heap).map((s) => path.join(here, s.name, 'artifacts'))))
}

#!/usr/bin/env node
// One recorded load test, the way a team's CI job does it:
//   start the service (node --expose-gc) → start sampling (memory.csv, docker_stats.csv) → a short
//   warm-up load (--prewarm requests) → forced GC → baseline.json → the measured load (--requests)
//   → stop sampling → cooldown → forced GC → post-test.json → stop the service.
//
//   node run-scenario.mjs --mode map-leak --requests 30000 --duration 90 --out DIR \
//        [--rate 500] [--concurrency 8] [--interval 500] [--cooldown 3] [--idle 1] \
//        [--limit 1GiB] [--name web-1] [--service-args="--leak-bytes 2048"] \
//        [--restart-at N] [--restart-signal SIGTERM] [--restart-downtime 1] [--oom-kill]
//        [--stages 10s:100,20s:500,10s:0 [--start-rate 0] [--max-vus 100]]
//
// --stages: the measured load ramps like k6's ramping-arrival-rate (see load.mjs); the warm-up pass
// keeps --rate (0: unpaced). --requests still bounds the run.
//
// --restart-at N: after N measured requests the service is stopped (--restart-signal, as an
// orchestrator would) and, after --restart-downtime seconds, started again: a new pid under the
// same container name; the sampler follows the new process and the load goes on against it.
// --oom-kill: the --limit is enforced like a container's (the sampler SIGKILLs the service when
// its resident memory reaches it); the load stops, the sampler records the stopped container
// for the cooldown, and there is no post-test snapshot (nothing is left to ask).
//
// Bounded: the load stops at --requests or --duration, whichever comes first; the whole run
// is killed after duration + 60 s. The service listens on 127.0.0.1 on a free port.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { parseStages, runLoad } from './load.mjs'
import { parseSize, startSampler, takeSnapshot } from './sampler.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts service.mjs and resolves `{ child, port }` once it prints `LISTENING <port>`. */
export function startService(mode, extraArgs = []) {
  const child = spawn(
    process.execPath,
    ['--expose-gc', path.join(here, 'service.mjs'), '--mode', mode, '--host', '127.0.0.1', '--port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`service did not start in 15 s: ${err}`))
    }, 15_000)
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk) => (err = (err + chunk).slice(-2000)))
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /LISTENING (\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve({ child, port: Number(match[1]), stderr: () => err })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`service exited with ${code} before listening: ${err}`))
    })
  })
}

const stopService = async (child, signal = 'SIGTERM') => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/**
 * Runs one scenario and writes memory.csv, docker_stats.csv, baseline.json and post-test.json
 * into `out`. Resolves with a summary (requests sent, elapsed ms, rows sampled, snapshots).
 */
export async function runScenario({
  mode,
  requests = 10_000,
  durationMs = 60_000,
  out,
  rate = 0,
  concurrency = 8,
  intervalMs = 500,
  cooldownMs = 3000,
  idleMs = 1000,
  limitBytes = 1024 ** 3,
  name = 'web-1',
  prewarm = 200,
  serviceArgs = [],
  heapSnapshots = false,
  restartAt = 0,
  restartSignal = 'SIGTERM',
  restartDowntimeMs = 1000,
  oomKill = false,
  stages,
  startRate = 0,
  maxVus = 100
}) {
  fs.mkdirSync(out, { recursive: true })
  const args = [...serviceArgs]
  // Heap snapshots: after the warm-up, after half the load, after the cooldown (gzipped).
  if (heapSnapshots) args.push('--snapshot-dir', path.resolve(out))
  // late-leak starts leaking halfway through all the requests it will serve.
  if (mode === 'late-leak' && !args.includes('--request-budget')) {
    args.push('--request-budget', String(prewarm + requests))
  }
  if (stages?.length && restartAt > 0) throw new Error('--stages and --restart-at cannot be combined')
  if (restartAt > 0 && (restartAt >= requests || heapSnapshots)) {
    throw new Error(`--restart-at must be under --requests (${requests}) and without heap snapshots`)
  }
  let service = await startService(mode, args)
  const hardStop = setTimeout(() => service.child.kill('SIGKILL'), durationMs + 60_000)
  let baseUrl = `http://127.0.0.1:${service.port}`
  const stderrs = []
  const died = new AbortController()
  let killed = null
  const restarts = []
  try {
    // No memory series around heap snapshots: writing one blocks the service (and its /stats) for seconds.
    const sampler = heapSnapshots
      ? { stop: async () => ({ rows: 0 }) }
      : startSampler({
          pid: service.child.pid,
          baseUrl,
          outDir: out,
          intervalMs,
          limitBytes,
          name,
          pidColumn: restartAt > 0 || oomKill,
          oomKill,
          onKill: (kill) => {
            killed = kill
            died.abort()
          }
        })
    await sleep(idleMs)
    // Warm-up pass (JIT, connection pool, caches), then the baseline, then the measured load.
    const started = Date.now()
    if (prewarm > 0) await runLoad({ url: `${baseUrl}/work`, requests: prewarm, durationMs, concurrency, rate })
    const baseline = await takeSnapshot(baseUrl, path.join(out, 'baseline.json'))
    const heap = async (name) => {
      const response = await fetch(`${baseUrl}/heap-snapshot?name=${name}`)
      if (!response.ok) throw new Error(`heap snapshot ${name}: HTTP ${response.status}`)
      return response.json()
    }
    const phases = heapSnapshots
      ? [Math.floor(requests / 2), requests - Math.floor(requests / 2)]
      : restartAt > 0
        ? [restartAt, requests - restartAt]
        : [requests]
    if (heapSnapshots) await heap('heap-1')
    let load = { sent: 0, failed: 0, elapsedMs: 0, stoppedBy: 'count' }
    for (const [index, count] of phases.entries()) {
      if (killed) break
      if (restartAt > 0 && index === 1) {
        // The restart: stop the process, leave the container down a moment, start a new one.
        sampler.detach()
        const old = service.child.pid
        const stoppedAt = new Date().toISOString()
        await stopService(service.child, restartSignal)
        stderrs.push(service.stderr())
        await sleep(restartDowntimeMs)
        service = await startService(mode, args)
        baseUrl = `http://127.0.0.1:${service.port}`
        sampler.retarget({ pid: service.child.pid, baseUrl })
        restarts.push({ at: stoppedAt, signal: restartSignal, oldPid: old, newPid: service.child.pid })
      }
      const part = await runLoad({
        url: `${baseUrl}/work`,
        requests: count,
        durationMs: Math.max(1000, durationMs - (Date.now() - started)),
        concurrency,
        rate,
        stages,
        startRate,
        maxVus,
        signal: died.signal
      })
      load = {
        ...part,
        sent: load.sent + part.sent,
        ok: (load.ok ?? 0) + part.ok,
        failed: load.failed + part.failed,
        elapsedMs: load.elapsedMs + part.elapsedMs
      }
      if (heapSnapshots && index === 0) await heap('heap-2')
    }
    if (killed) {
      // The container stays down: the cooldown is recorded as stopped rows, there is no post-test.
      await sleep(cooldownMs)
      const { rows, stoppedRows } = await sampler.stop()
      stderrs.push(service.stderr())
      return { mode, ...load, stoppedBy: 'killed', killed, rows, stoppedRows, baseline, post: null, serviceStderr: stderrs.join('\n') }
    }
    await sleep(Math.min(intervalMs, 500)) // one last sample at the end of the load
    const { rows, stoppedRows } = await sampler.stop()
    await sleep(cooldownMs)
    const post = await takeSnapshot(baseUrl, path.join(out, 'post-test.json'))
    if (heapSnapshots) await heap('heap-3')
    stderrs.push(service.stderr())
    return { mode, ...load, rows, stoppedRows, restarts, baseline, post, serviceStderr: stderrs.join('\n') }
  } finally {
    clearTimeout(hardStop)
    await stopService(service.child)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'healthy' },
      requests: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '60' },
      out: { type: 'string' },
      rate: { type: 'string', default: '0' },
      concurrency: { type: 'string', default: '8' },
      interval: { type: 'string', default: '500' },
      cooldown: { type: 'string', default: '3' },
      idle: { type: 'string', default: '1' },
      limit: { type: 'string', default: '1GiB' },
      name: { type: 'string', default: 'web-1' },
      prewarm: { type: 'string', default: '200' },
      'service-args': { type: 'string', default: '' },
      'restart-at': { type: 'string', default: '0' },
      'restart-signal': { type: 'string', default: 'SIGTERM' },
      'restart-downtime': { type: 'string', default: '1' },
      'oom-kill': { type: 'boolean', default: false },
      stages: { type: 'string' },
      'start-rate': { type: 'string', default: '0' },
      'max-vus': { type: 'string', default: '100' }
    }
  })
  if (!values.out) {
    console.error('usage: node run-scenario.mjs --mode MODE --requests N --duration S --out DIR [options]')
    process.exit(2)
  }
  const summary = await runScenario({
    mode: values.mode,
    requests: Number(values.requests),
    durationMs: Number(values.duration) * 1000,
    out: values.out,
    rate: Number(values.rate),
    concurrency: Number(values.concurrency),
    intervalMs: Number(values.interval),
    cooldownMs: Number(values.cooldown) * 1000,
    idleMs: Number(values.idle) * 1000,
    limitBytes: parseSize(values.limit),
    name: values.name,
    prewarm: Number(values.prewarm),
    serviceArgs: values['service-args'].split(/\s+/).filter(Boolean),
    restartAt: Number(values['restart-at']),
    restartSignal: values['restart-signal'],
    restartDowntimeMs: Number(values['restart-downtime']) * 1000,
    oomKill: values['oom-kill'],
    stages: values.stages ? parseStages(values.stages) : undefined,
    startRate: Number(values['start-rate']),
    maxVus: Number(values['max-vus'])
  })
  const { baseline, post, serviceStderr, ...rest } = summary
  console.log(
    JSON.stringify({ ...rest, heapUsed: [baseline.heapUsed, post?.heapUsed], rss: [baseline.rss, post?.rss] })
  )
  if (serviceStderr.trim()) console.error(serviceStderr.trim())
}

#!/usr/bin/env node
// One recorded load test, the way a team's CI job does it:
//   start the service (node --expose-gc) → start sampling (memory.csv, docker_stats.csv) → a short
//   warm-up load (--prewarm requests) → forced GC → baseline.json → the measured load (--requests)
//   → stop sampling → cooldown → forced GC → post-test.json → stop the service.
//
//   node run-scenario.mjs --mode map-leak --requests 30000 --duration 90 --out DIR \
//        [--rate 500] [--concurrency 8] [--interval 500] [--cooldown 3] [--idle 1] \
//        [--limit 1GiB] [--name web-1] [--service-args="--leak-bytes 2048"]
//
// Bounded: the load stops at --requests or --duration, whichever comes first; the whole run
// is killed after duration + 60 s. The service listens on 127.0.0.1 on a free port.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { runLoad } from './load.mjs'
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

const stopService = async (child) => {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
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
  heapSnapshots = false
}) {
  fs.mkdirSync(out, { recursive: true })
  const args = [...serviceArgs]
  // Heap snapshots: after the warm-up, after half the load, after the cooldown (gzipped).
  if (heapSnapshots) args.push('--snapshot-dir', path.resolve(out))
  // late-leak starts leaking halfway through all the requests it will serve.
  if (mode === 'late-leak' && !args.includes('--request-budget')) {
    args.push('--request-budget', String(prewarm + requests))
  }
  const { child, port, stderr } = await startService(mode, args)
  const hardStop = setTimeout(() => child.kill('SIGKILL'), durationMs + 60_000)
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    // No memory series around heap snapshots: writing one blocks the service (and its /stats) for seconds.
    const sampler = heapSnapshots
      ? { stop: async () => ({ rows: 0 }) }
      : startSampler({ pid: child.pid, baseUrl, outDir: out, intervalMs, limitBytes, name })
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
    const phases = heapSnapshots ? [Math.floor(requests / 2), requests - Math.floor(requests / 2)] : [requests]
    if (heapSnapshots) await heap('heap-1')
    let load = { sent: 0, failed: 0, elapsedMs: 0, stoppedBy: 'count' }
    for (const [index, count] of phases.entries()) {
      const part = await runLoad({
        url: `${baseUrl}/work`,
        requests: count,
        durationMs: Math.max(1000, durationMs - (Date.now() - started)),
        concurrency,
        rate
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
    await sleep(Math.min(intervalMs, 500)) // one last sample at the end of the load
    const { rows } = await sampler.stop()
    await sleep(cooldownMs)
    const post = await takeSnapshot(baseUrl, path.join(out, 'post-test.json'))
    if (heapSnapshots) await heap('heap-3')
    return { mode, ...load, rows, baseline, post, serviceStderr: stderr() }
  } finally {
    clearTimeout(hardStop)
    await stopService(child)
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
      'service-args': { type: 'string', default: '' }
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
    serviceArgs: values['service-args'].split(/\s+/).filter(Boolean)
  })
  const { baseline, post, serviceStderr, ...rest } = summary
  console.log(
    JSON.stringify({ ...rest, heapUsed: [baseline.heapUsed, post.heapUsed], rss: [baseline.rss, post.rss] })
  )
  if (serviceStderr.trim()) console.error(serviceStderr.trim())
}

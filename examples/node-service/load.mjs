#!/usr/bin/env node
// Load driver: N concurrent keep-alive clients calling one URL, stopping at a request count or a
// time limit, whichever comes first. An optional rate (requests per second, all clients together)
// makes a run last the same on a fast and a slow machine, like k6's constant-arrival-rate.
//
//   node load.mjs --url http://127.0.0.1:8080/work --requests 30000 --duration 60 --concurrency 8 [--rate 500]
//
// Ramping load, like k6's ramping-arrival-rate `stages`: `--stages 10s:100,20s:500,10s:500,10s:0`
// ramps the arrival rate linearly from the previous stage's target (the first from --start-rate,
// default 0) to each target over that stage's duration (`s` or `ms`), so this one ramps up to
// 500 req/s, holds, and ramps down; a step increase is a short stage (`1ms:300,15s:300`).
// Requests arrive on schedule whether or not earlier ones have answered (an open model): a request
// that finds every client busy gets a new client (its own keep-alive connection, like a k6 VU) up
// to --max-vus (default 100; over it the request is dropped and counted), so concurrency grows with
// the rate times the service's latency. Clients are kept to the end, idle, as k6 keeps its VUs.
// The run ends with the last stage (or at --requests / --duration if sooner).
//
// Only loopback addresses are accepted: this is a test tool, not a traffic generator.
import http from 'node:http'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** One GET, body drained. Resolves with the status code. */
const get = (url, agent) =>
  new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
      res.on('error', reject)
    })
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${url}`)))
    req.on('error', reject)
  })

/**
 * `"10s:100,20s:500"` → `[{ ms: 10000, target: 100 }, { ms: 20000, target: 500 }]`; a bad stage is an
 * error that names it and what was expected.
 */
export function parseStages(text) {
  return String(text)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+(?:\.\d+)?)(ms|s|m)?:(\d+(?:\.\d+)?)$/.exec(part)
      if (!match) throw new Error(`--stages: found "${part}", expected DURATION:RATE such as 10s:200 (durations in ms, s or m)`)
      const unit = { ms: 1, s: 1000, m: 60_000 }[match[2] ?? 's']
      return { ms: Number(match[1]) * unit, target: Number(match[3]) }
    })
}

/** Requests due by `t` ms into the stages (the integral of the linearly ramped rate), and the rate at `t`. */
export function stagesAt(stages, startRate, t) {
  let due = 0
  let from = startRate
  let at = 0
  for (const { ms, target } of stages) {
    if (t <= at + ms) {
      const x = t - at
      const rate = from + ((target - from) * x) / Math.max(ms, 1e-9)
      return { due: due + ((from + rate) / 2) * (x / 1000), rate }
    }
    due += ((from + target) / 2) * (ms / 1000)
    from = target
    at += ms
  }
  return { due, rate: from, ended: true }
}

/**
 * Open-model ramping load (see the header): resolves with the same summary as runLoad plus
 * `vus` (clients opened, the peak concurrency), `dropped` and `peakInFlight`.
 */
async function runStages({ target, requests, durationMs, stages, startRate, maxVus, onProgress, signal }) {
  const total = stages.reduce((n, s) => n + s.ms, 0)
  const end = Math.min(total, durationMs)
  const started = Date.now()
  const idle = []
  const agents = []
  let sent = 0
  let ok = 0
  let failed = 0
  let dropped = 0
  let inFlight = 0
  let peakInFlight = 0
  let firstError
  const pending = new Set()
  const fire = (agent) => {
    sent++
    inFlight++
    peakInFlight = Math.max(peakInFlight, inFlight)
    const p = get(target, agent)
      .then(
        (status) => (status === 200 ? ok++ : failed++),
        (error) => {
          failed++
          firstError ??= error
        }
      )
      .then(() => {
        inFlight--
        idle.push(agent)
        pending.delete(p)
        onProgress?.(sent)
      })
    pending.add(p)
  }
  let issued = 0
  for (;;) {
    const t = Date.now() - started
    if (t >= end || sent >= requests || signal?.aborted) break
    if (failed > 100 && ok === 0) throw firstError
    const { due } = stagesAt(stages, startRate, t)
    while (issued < Math.floor(due) && sent + dropped < requests) {
      issued++
      let agent = idle.pop()
      if (!agent && agents.length < maxVus) {
        agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
        agents.push(agent)
      }
      if (agent) fire(agent)
      else dropped++
    }
    await sleep(2)
  }
  await Promise.all(pending)
  for (const agent of agents) agent.destroy()
  return {
    sent,
    ok,
    failed,
    dropped,
    vus: agents.length,
    peakInFlight,
    elapsedMs: Date.now() - started,
    stoppedBy: signal?.aborted ? 'aborted' : sent >= requests ? 'count' : end < total ? 'time' : 'stages',
    firstError: firstError ? String(firstError.message ?? firstError) : undefined
  }
}

/**
 * Drives load and resolves with a summary `{ sent, ok, failed, elapsedMs, stoppedBy }`.
 * `onProgress(sent)` is called after every response (cheap; used by tests); an aborted
 * `signal` (the service died) stops the clients.
 */
export async function runLoad({
  url,
  requests = 10_000,
  durationMs = 60_000,
  concurrency = 8,
  rate = 0,
  stages,
  startRate = 0,
  maxVus = 100,
  onProgress,
  signal
}) {
  const target = new URL(url)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`load driver: only loopback targets are allowed, found ${target.hostname}`)
  }
  if (stages?.length) {
    return runStages({ target, requests, durationMs, stages, startRate, maxVus, onProgress, signal })
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const started = Date.now()
  const deadline = started + durationMs
  let sent = 0
  let ok = 0
  let failed = 0
  let firstError
  // Pacing: request i may start at started + i / rate seconds.
  const slotMs = rate > 0 ? 1000 / rate : 0

  const client = async () => {
    for (;;) {
      if (sent >= requests || Date.now() >= deadline || signal?.aborted) return
      const index = sent++
      if (slotMs > 0) {
        const due = started + index * slotMs
        const wait = due - Date.now()
        if (wait > 0) await sleep(wait)
        if (Date.now() >= deadline || signal?.aborted) return
      }
      try {
        const status = await get(target, agent)
        if (status === 200) ok++
        else failed++
      } catch (error) {
        failed++
        firstError ??= error
        if (signal?.aborted) return
        if (failed > 100 && ok === 0) throw firstError
      }
      onProgress?.(sent)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client))
  agent.destroy()
  const elapsedMs = Date.now() - started
  return {
    sent,
    ok,
    failed,
    elapsedMs,
    stoppedBy: signal?.aborted ? 'aborted' : sent >= requests ? 'count' : 'time',
    firstError: firstError ? String(firstError.message ?? firstError) : undefined
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      requests: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '8' },
      rate: { type: 'string', default: '0' },
      stages: { type: 'string' },
      'start-rate': { type: 'string', default: '0' },
      'max-vus': { type: 'string', default: '100' }
    }
  })
  if (!values.url) {
    console.error(
      'usage: node load.mjs --url http://127.0.0.1:PORT/work [--requests N] [--duration S] [--concurrency C] [--rate R | --stages 10s:100,20s:500,10s:0 [--start-rate R] [--max-vus N]]'
    )
    process.exit(2)
  }
  const summary = await runLoad({
    url: values.url,
    requests: Number(values.requests),
    durationMs: Number(values.duration) * 1000,
    concurrency: Number(values.concurrency),
    rate: Number(values.rate),
    stages: values.stages ? parseStages(values.stages) : undefined,
    startRate: Number(values['start-rate']),
    maxVus: Number(values['max-vus'])
  })
  console.log(JSON.stringify(summary))
}

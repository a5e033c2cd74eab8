#!/usr/bin/env node
// Load driver: N concurrent keep-alive clients calling one URL, stopping at a request count or a
// time limit, whichever comes first. An optional rate (requests per second, all clients together)
// makes a run last the same on a fast and a slow machine, like k6's constant-arrival-rate.
//
//   node load.mjs --url http://127.0.0.1:8080/work --requests 30000 --duration 60 --concurrency 8 [--rate 500]
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
  onProgress,
  signal
}) {
  const target = new URL(url)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`load driver: only loopback targets are allowed, found ${target.hostname}`)
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
      rate: { type: 'string', default: '0' }
    }
  })
  if (!values.url) {
    console.error('usage: node load.mjs --url http://127.0.0.1:PORT/work [--requests N] [--duration S] [--concurrency C] [--rate R]')
    process.exit(2)
  }
  const summary = await runLoad({
    url: values.url,
    requests: Number(values.requests),
    durationMs: Number(values.duration) * 1000,
    concurrency: Number(values.concurrency),
    rate: Number(values.rate)
  })
  console.log(JSON.stringify(summary))
}

#!/usr/bin/env node
// A sweep of real runs the bundled examples never showed the analysis: the scenario programs
// (examples/node-service, examples/python-worker, examples/jvm-worker, examples/go-worker) with other rates, durations, sample intervals,
// leak sizes, cache sizes and budgets, each judged with the matching example's leak-gate.yml and
// with no config at all (zero-config). Prints: run, params, expected, got (config / zero-config).
//
//   node scripts/sweep/run-sweep.mjs record [--group main|limit|py60|pylimit|...|all, or a,b] [--only ID...] [--out /tmp/leak-sweep]
//   node scripts/sweep/run-sweep.mjs judge  [--out /tmp/leak-sweep] [--no-build] [--verbose] [--pipeline OTHER/build/src/pipeline.js]
//   node scripts/sweep/run-sweep.mjs limit  [--out /tmp/leak-sweep]   (the detection-limit table)
//   node scripts/sweep/run-sweep.mjs list
//
// `record` writes each run into OUT/runs/<id>/data (never into examples/), two runs at a time
// (2 cores), each bounded (requests and time; python by --archives and --max-seconds) and killed
// after its deadline. `judge` compiles src with tsc into build/sweep (gitignored) and runs the
// pipeline on OUT/runs/<id>/cfg (data + the example's leak-gate.yml) and OUT/runs/<id>/zero (data
// only). Recording once and judging many times is the point: tune the analysis, re-judge in seconds.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..', '..')
const examples = path.join(repo, 'examples')

const KiB = 1024
const fail = (...signatures) => ({ verdict: 'fail', signatures })
const pass = { verdict: 'pass', signatures: [] }
/** A leak that must fail on one metric (the one that leaks): a finding on another does not count. */
const failOn = (metric, ...signatures) => ({ verdict: 'fail', signatures, metric })

/**
 * node(id, example folder whose config is used, mode, { requests, rate, interval ms, prewarm, args }).
 * Durations are requests / rate; the run is killed at 1.5 × that + 60 s.
 */
const node = (id, example, mode, expected, o) => ({
  id,
  kind: 'node',
  example,
  mode,
  expected,
  ...o
})
const python = (id, example, mode, expected, o) => ({
  id,
  kind: 'python',
  example,
  mode,
  expected,
  ...o
})

// The request at which a fraction `at` of a run of `seconds` at `rate` is done (200 warm-up
// requests first), and the service's arguments for an LRU filling over that fraction or a table of
// `mib` MiB built once there: shared by the holdout groups below.
const stepAt = (seconds, rate, at) => String(200 + Math.round(seconds * rate * at))
const lru = (seconds, rate, at, bytes) => [
  '--lru-size',
  String(Math.round(seconds * rate * at)),
  '--lru-entry-bytes',
  String(bytes)
]
const step = (seconds, rate, at, mib) => [
  '--step-at',
  stepAt(seconds, rate, at),
  '--step-bytes',
  String(mib * 2 ** 20)
]

export const RUNS = [
  // ---------------------------------------------------------------- long runs (the 10-minute claim)
  node('slow100-10m', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'main',
    requests: 300_000,
    rate: 500,
    interval: 1000,
    args: ['--slow-leak-bytes', '100']
  }),
  node('healthy-10m-10s', 'healthy', 'healthy', pass, {
    group: 'main',
    requests: 300_000,
    rate: 500,
    interval: 10_000
  }),
  node('slow150-8m-5s', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'main',
    requests: 192_000,
    rate: 400,
    interval: 5000,
    args: ['--slow-leak-bytes', '150']
  }),
  node('garbage64k-6m', 'gc-sawtooth', 'garbage', pass, {
    group: 'main',
    requests: 180_000,
    rate: 500,
    interval: 1000,
    args: ['--garbage-bytes', '65536']
  }),
  node('lru4000x8k-5m', 'lru-cache', 'lru', pass, {
    group: 'main',
    requests: 90_000,
    rate: 300,
    interval: 2000,
    prewarm: 1000,
    args: ['--lru-size', '4000', '--lru-entry-bytes', '8192']
  }),
  // ---------------------------------------------------------------- short runs, varied
  node('healthy-1k-60s', 'healthy', 'healthy', pass, {
    group: 'main',
    requests: 60_000,
    rate: 1000,
    interval: 250
  }),
  node('healthy-200-90s-2s', 'healthy', 'healthy', pass, {
    group: 'main',
    requests: 18_000,
    rate: 200,
    interval: 2000
  }),
  node('healthy-12s', 'healthy', 'healthy', pass, {
    group: 'main',
    requests: 6000,
    rate: 500,
    interval: 1000
  }),
  node('lru2000x32k-90s', 'lru-cache', 'lru', pass, {
    group: 'main',
    requests: 45_000,
    rate: 500,
    interval: 500,
    prewarm: 500,
    args: ['--lru-size', '2000', '--lru-entry-bytes', '32768']
  }),
  node('warmup-big-90s', 'warmup', 'warmup', pass, {
    group: 'main',
    requests: 45_000,
    rate: 500,
    interval: 500,
    prewarm: 200,
    args: ['--warmup-requests', '15000', '--warmup-bytes', '8192']
  }),
  node('garbage512k-2m', 'gc-sawtooth', 'garbage', pass, {
    group: 'main',
    requests: 24_000,
    rate: 200,
    interval: 500,
    args: ['--garbage-bytes', '524288']
  }),
  node(
    'map1k-60s-1s',
    'map-leak',
    'map-leak',
    fail('sustained-growth', 'rising-floor', 'retained-after-load'),
    {
      group: 'main',
      requests: 18_000,
      rate: 300,
      interval: 1000,
      args: ['--leak-bytes', '1024']
    }
  ),
  node(
    'map4k-90s-2s',
    'map-leak',
    'map-leak',
    fail('sustained-growth', 'rising-floor', 'retained-after-load'),
    {
      group: 'main',
      requests: 9000,
      rate: 100,
      interval: 2000,
      args: ['--leak-bytes', '4096']
    }
  ),
  node(
    'listener-60s',
    'listener-leak',
    'listener-leak',
    fail('sustained-growth', 'rising-floor', 'retained-after-load'),
    {
      group: 'main',
      requests: 18_000,
      rate: 300,
      interval: 500
    }
  ),
  node('late1k-2m', 'late-leak', 'late-leak', fail('sustained-growth', 'retained-after-load'), {
    group: 'main',
    requests: 48_000,
    rate: 400,
    interval: 500,
    args: ['--leak-bytes', '1024']
  }),
  node('slow200-2m', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'main',
    requests: 120_000,
    rate: 1000,
    interval: 250,
    args: ['--slow-leak-bytes', '200']
  }),
  node('registry-over-60s', 'registry-healthy', 'registry', fail('per-work-cost'), {
    group: 'main',
    requests: 30_000,
    rate: 500,
    interval: 500,
    prewarm: 0,
    args: ['--model-cost', '102400']
  }),
  node('registry-under-60s', 'registry-healthy', 'registry', pass, {
    group: 'main',
    requests: 30_000,
    rate: 500,
    interval: 1000,
    prewarm: 0,
    args: ['--tenants', '100', '--models-per-tenant', '20', '--model-cost', '16384']
  }),
  python('broker-healthy-6k', 'broker-healthy', 'healthy', pass, {
    group: 'main',
    archives: 6000,
    interval: 1,
    checkpoint: 50
  }),
  python(
    'broker-leak-1500',
    'broker-leak',
    'leaking-brokers',
    fail('uncollected-objects', 'sustained-growth'),
    {
      group: 'main',
      archives: 1500,
      interval: 0.5,
      checkpoint: 25
    }
  ),
  python('registry-growth-3k', 'registry-growth', 'growing-registry', fail('sustained-growth'), {
    group: 'main',
    archives: 3000,
    interval: 2,
    checkpoint: 50
  }),
  // ---------------------------------------------------------------- detection limit (slow leak at 500 req/s)
  node('slow25-3m', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'limit',
    requests: 90_000,
    rate: 500,
    interval: 500,
    args: ['--slow-leak-bytes', '25']
  }),
  node('slow50-3m', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'limit',
    requests: 90_000,
    rate: 500,
    interval: 500,
    args: ['--slow-leak-bytes', '50']
  }),
  node('slow200-3m', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'limit',
    requests: 90_000,
    rate: 500,
    interval: 1000,
    args: ['--slow-leak-bytes', '200']
  }),
  node('garbage64k-3m', 'gc-sawtooth', 'garbage', pass, {
    group: 'limit',
    requests: 90_000,
    rate: 500,
    interval: 500,
    args: ['--garbage-bytes', '65536']
  }),
  // ---------------------------------------------------------------- repeats (the same settings again)
  node('slow50-3m-b', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'repeat',
    requests: 90_000,
    rate: 500,
    interval: 1000,
    args: ['--slow-leak-bytes', '50']
  }),
  node('slow100-3m', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'repeat',
    requests: 90_000,
    rate: 500,
    interval: 500,
    args: ['--slow-leak-bytes', '100']
  }),
  node('slow100-3m-b', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'repeat',
    requests: 90_000,
    rate: 500,
    interval: 2000,
    args: ['--slow-leak-bytes', '100']
  }),
  node('garbage64k-3m-b', 'gc-sawtooth', 'garbage', pass, {
    group: 'repeat',
    requests: 90_000,
    rate: 500,
    interval: 1000,
    args: ['--garbage-bytes', '65536']
  }),
  node('healthy-3m', 'healthy', 'healthy', pass, {
    group: 'repeat',
    requests: 90_000,
    rate: 500,
    interval: 500
  }),
  python('broker-healthy-20k', 'broker-healthy', 'healthy', pass, {
    group: 'repeat',
    archives: 20_000,
    interval: 2,
    checkpoint: 100
  }),
  // ---------------------------------------------------------------- toward the limit: a fifth of the load
  node('slow25-5m-100', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'limit2',
    requests: 30_000,
    rate: 100,
    interval: 1000,
    args: ['--slow-leak-bytes', '25']
  }),
  node('slow50-5m-100', 'slow-leak', 'slow-leak', fail('rising-floor'), {
    group: 'limit2',
    requests: 30_000,
    rate: 100,
    interval: 1000,
    args: ['--slow-leak-bytes', '50']
  }),
  node('garbage64k-5m-100', 'gc-sawtooth', 'garbage', pass, {
    group: 'limit2',
    requests: 30_000,
    rate: 100,
    interval: 1000,
    args: ['--garbage-bytes', '65536']
  }),
  node('late150-3m', 'late-leak', 'late-leak', fail('sustained-growth', 'retained-after-load'), {
    group: 'repeat',
    requests: 54_000,
    rate: 300,
    interval: 1000,
    args: ['--leak-bytes', '512']
  })
]

// ---------------------------------------------------------------- the shapes of issue 10
// Healthy runs of six kinds, ten of each (group healthy60): the false-fail rate. Short runs at a
// high request rate: the physics (a sawtooth per few seconds, a cache filling over half the run, a
// step at 40–75 %) depends on requests, not on wall time, so 20 s at 1000 req/s stands for minutes
// at a lower rate. Intervals vary (250 ms – 1 s).
/** The six healthy kinds at one request rate; cache sizes and step positions scale with the requests. */
const healthyKinds = ({ prefix, requests, rate, garbageRate, cache, step }) => [
  (i) => node(`${prefix}-healthy-${i}`, 'healthy', 'healthy', pass, { requests, rate }),
  (i) => node(`${prefix}-lru-${i}`, 'lru-cache', 'lru', pass, { requests, rate, prewarm: 2000 }),
  (i) =>
    node(`${prefix}-garbage-${i}`, 'gc-sawtooth', 'garbage', pass, {
      requests: 10_000,
      rate: garbageRate
    }),
  (i) => node(`${prefix}-warmup-${i}`, 'warmup', 'warmup', pass, { requests, rate, prewarm: 2500 }),
  (i) =>
    node(`${prefix}-cachefill-${i}`, 'cache-fill', 'lru', pass, {
      requests,
      rate,
      args: ['--lru-size', String(cache[0] + cache[1] * i), '--lru-entry-bytes', '1024']
    }),
  (i) =>
    node(`${prefix}-step-${i}`, 'step-40', 'step', pass, {
      requests,
      rate,
      args: ['--step-at', String(step[0] + step[1] * i), '--step-bytes', String((10 + i) * 2 ** 20)]
    })
]
for (let i = 0; i < 10; i++)
  for (const kind of healthyKinds({
    prefix: 'h',
    requests: 20_000,
    rate: 1000,
    garbageRate: 500,
    cache: [6000, 600],
    step: [8000, 700]
  }))
    RUNS.push({ group: 'healthy60', interval: [250, 500, 1000][i % 3], ...kind(i) })

// The same six kinds at 400 req/s (group healthy60b): on a shared 2-core machine 1000 req/s was not
// held in 22 of the 60 runs above (the load bunched, so time no longer tracked work). 16,000
// requests, 40 s; the cache fills over 30–57 % of the requests, the step comes at 40–72 %.
for (let i = 0; i < 10; i++)
  for (const kind of healthyKinds({
    prefix: 'hb',
    requests: 16_000,
    rate: 400,
    garbageRate: 250,
    cache: [4800, 480],
    step: [6400, 540]
  }))
    RUNS.push({ group: 'healthy60b', interval: [250, 500, 1000][i % 3], ...kind(i) })

// Detection limit per shape, 5- and 10-minute runs at 500 req/s (group limit510).
for (const [minutes, bytes] of [
  [5, 10],
  [5, 25],
  [5, 50],
  [5, 100],
  [10, 5],
  [10, 10],
  [10, 25]
])
  RUNS.push(
    node(`slow${bytes}-${minutes}m-saw`, 'sawtooth-slow-leak', 'slow-leak', fail(), {
      group: 'limit510',
      requests: minutes * 60 * 500,
      rate: 500,
      interval: 1000,
      args: ['--slow-leak-bytes', String(bytes), '--slow-garbage-keep', '64']
    })
  )
for (const [minutes, bytes] of [
  [5, 25],
  [5, 50],
  [5, 100],
  [5, 200],
  [10, 10],
  [10, 25],
  [10, 50],
  [10, 100]
])
  RUNS.push(
    node(`native${bytes}-${minutes}m`, 'native-leak', 'native-leak', fail(), {
      group: 'limit510',
      requests: minutes * 60 * 500,
      rate: 500,
      interval: 1000,
      args: ['--native-leak-bytes', String(bytes)]
    })
  )

// The short run under a tall sawtooth, repeated (group shape3): 2.5 minutes at 500 req/s, ~10 major
// collections of a ~100 MiB sawtooth, 150 and 100 B per request kept, and the same sawtooth with nothing
// kept (`--slow-leak-bytes 0`): how often the leak is caught, and whether its healthy twin ever fails.
for (let i = 0; i < 8; i++)
  for (const bytes of [150, 100, 0])
    RUNS.push(
      node(`shape3-${bytes}-${i}`, 'sawtooth-slow-leak', 'slow-leak', bytes > 0 ? fail() : pass, {
        group: 'shape3',
        requests: 75_000,
        rate: 500,
        interval: [250, 500, 1000][i % 3],
        args: ['--slow-leak-bytes', String(bytes), '--slow-garbage-keep', '64']
      })
    )
// ---------------------------------------------------------------- ramping load (group ramp)
// Load that ramps like k6's `stages` (load.mjs --stages): up then hold, up only (ending at the peak),
// step increases, up then down to nothing. Requests arrive on schedule (an open model) and the
// service answers after a latency, so the requests in flight, the sockets and the pool grow with the
// rate: memory that follows the concurrency is healthy; a leak under the same ramps must still fail.
// Peaks ≤ 600 req/s (a shared 2-core machine holds them), 20–60 s, intervals 250 ms – 1 s.
const RAMPS = {
  uphold: {
    start: 50,
    stages: [
      [10, 600],
      [20, 600]
    ]
  },
  uponly: { start: 50, stages: [[30, 600]] },
  stepup: {
    start: 100,
    stages: [
      [12, 100],
      [0.001, 300],
      [12, 300],
      [0.001, 600],
      [12, 600]
    ]
  },
  updown: {
    start: 50,
    stages: [
      [10, 500],
      [15, 500],
      [10, 0]
    ]
  },
  updownlong: {
    start: 20,
    stages: [
      [20, 400],
      [20, 400],
      [20, 20]
    ]
  }
}
/** The stages scaled by `scale` as load.mjs reads them, and the requests they make. */
const rampOf = (name, scale = 1) => {
  const { start, stages } = RAMPS[name]
  let from = start * scale
  let requests = 0
  let seconds = 0
  const parts = []
  for (const [s, target] of stages) {
    const to = Math.round(target * scale)
    requests += ((from + to) / 2) * s
    seconds += s
    parts.push(`${s < 1 ? `${Math.round(s * 1000)}ms` : `${s}s`}:${to}`)
    from = to
  }
  return {
    startRate: Math.round(start * scale),
    stages: parts.join(','),
    rampRequests: Math.round(requests),
    seconds
  }
}
const rampRun = (
  id,
  example,
  mode,
  expected,
  shape,
  { scale = 1, prewarm, args = [], interval, group = 'ramp' }
) => {
  const r = rampOf(shape, scale)
  return node(id, example, mode, expected, {
    group,
    shape,
    stages: r.stages,
    startRate: r.startRate,
    // A bound above what the stages make: the last stage ends the run.
    requests: r.rampRequests + 1000,
    rampRequests: r.rampRequests,
    rate: Math.round(r.rampRequests / r.seconds), // mean rate (the warm-up pass is paced at it)
    rampSeconds: r.seconds,
    prewarm,
    interval,
    args
  })
}
const RAMP_KINDS = [
  ['healthy', 'healthy', 'healthy', { args: ['--latency-ms', '10'] }],
  ['lru', 'lru-cache', 'lru', { prewarm: 2000, args: ['--latency-ms', '5'] }],
  ['garbage', 'gc-sawtooth', 'garbage', { scale: 0.5, args: ['--latency-ms', '10'] }],
  ['warmup', 'warmup', 'warmup', { prewarm: 2500, args: ['--latency-ms', '10'] }],
  [
    'pool',
    'healthy',
    'pool',
    { args: ['--pool-buffer-bytes', String(1024 * KiB), '--pool-max', '48', '--latency-ms', '25'] }
  ],
  // A bounded cache filling over 30–55 % of the requests, no warm-up fill.
  ['cachefill', 'cache-fill', 'lru', { cache: true, args: ['--latency-ms', '5'] }]
]
{
  let i = 0
  for (const shape of Object.keys(RAMPS))
    for (const [kind, example, mode, o] of RAMP_KINDS) {
      const interval = [250, 500, 1000][i % 3]
      const extra = o.cache
        ? [
            '--lru-size',
            String(Math.round(rampOf(shape).rampRequests * (0.3 + 0.05 * (i % 6)))),
            '--lru-entry-bytes',
            '1024'
          ]
        : []
      RUNS.push(
        rampRun(`r-${kind}-${shape}`, example, mode, pass, shape, {
          ...o,
          interval,
          args: [...o.args, ...extra]
        })
      )
      i++
    }
  // The pool again, ending at the peak, sampled at the other intervals.
  for (const interval of [250, 1000])
    RUNS.push(
      rampRun(`r-pool-uponly-${interval}`, 'healthy', 'pool', pass, 'uponly', {
        interval,
        args: RAMP_KINDS[4][3].args
      })
    )
  // Leaks under the same ramps: per request, 1 KiB in a Map, 512 B kept under a 64 KiB garbage
  // sawtooth, 1 KiB and 200 B in Buffers (outside the JS heap).
  const leaks = [
    [
      'map',
      'map-leak',
      'map-leak',
      ['--leak-bytes', '1024'],
      fail('sustained-growth'),
      ['uphold', 'updown', 'stepup', 'uponly']
    ],
    [
      'slow',
      'slow-leak',
      'slow-leak',
      ['--slow-leak-bytes', '512'],
      fail(),
      ['uponly', 'updownlong']
    ],
    [
      'native',
      'native-leak',
      'native-leak',
      ['--native-leak-bytes', '1024'],
      fail(),
      ['uphold', 'updown', 'stepup']
    ],
    [
      'native200',
      'native-leak',
      'native-leak',
      ['--native-leak-bytes', '200'],
      fail(),
      ['updownlong']
    ]
  ]
  for (const [kind, example, mode, args, expected, shapes] of leaks)
    for (const shape of shapes)
      RUNS.push(
        rampRun(`r-leak-${kind}-${shape}`, example, mode, expected, shape, {
          interval: [250, 500, 1000][i++ % 3],
          args: [...args, '--latency-ms', '10']
        })
      )
}

// ---------------------------------------------------------------- the python worker's shapes (group py60)
// The worker processes an archive in ~2.5 ms of CPU plus --pace-ms of simulated I/O: at the default
// 12 ms about 70 archives/s, at 50 ms about 19/s. A run is given in seconds and pace; its archive
// count follows (the worker stops at the count, or at 2x the seconds + 60 as a safety net).
const pyRate = (pace) => 1000 / (pace + 2.5)
const py = (
  id,
  example,
  mode,
  expected,
  { seconds, pace = 12, interval = 1, checkpoint = 25, args = [], group = 'py60', archives }
) =>
  python(id, example, mode, expected, {
    group,
    seconds,
    pace,
    interval,
    checkpoint,
    args,
    archives: archives ?? Math.round(seconds * pyRate(pace))
  })
const cacheArgs = (entries, bytes, keys = entries) => [
  '--cache-entries',
  String(entries),
  '--cache-entry-bytes',
  String(bytes),
  '--cache-keys',
  String(keys)
]
// plain healthy: archive counts, paces (70 → 19 archives/s), intervals 0.5–5 s, checkpoints 10–200, 30 s – 5 min
for (const [i, [seconds, pace, interval, checkpoint]] of [
  [30, 12, 0.5, 25],
  [45, 12, 0.5, 10],
  [60, 12, 1, 50],
  [60, 30, 1, 25],
  [90, 12, 2, 100],
  [90, 50, 1, 20],
  [120, 20, 2, 50],
  [150, 12, 2.5, 200],
  [180, 50, 3, 25],
  [240, 30, 5, 100],
  [300, 12, 5, 200],
  [40, 5, 0.5, 50]
].entries())
  RUNS.push(
    py(`py-healthy-${i}`, 'broker-healthy', 'healthy', pass, {
      seconds,
      pace,
      interval,
      checkpoint
    })
  )
// a bounded LRU of parsed results that fills over 30–60 % of the run, then hits (keys = entries) or
// evicts one per archive (keys > entries); entries of 2–16 KiB
for (const [i, [seconds, fraction, bytes, keysFactor, interval, pace]] of [
  [60, 0.3, 8192, 1, 0.5, 12],
  [60, 0.45, 4096, 1, 1, 12],
  [60, 0.6, 8192, 1, 1, 12],
  [90, 0.5, 16384, 1, 1, 12],
  [90, 0.4, 8192, 1.5, 1, 12],
  [90, 0.55, 4096, 2, 2, 12],
  [120, 0.35, 2048, 1, 2, 20],
  [120, 0.5, 8192, 1.5, 1, 30],
  [45, 0.6, 16384, 1, 0.5, 12],
  [180, 0.45, 4096, 1, 3, 12],
  [75, 0.3, 16384, 3, 1, 12],
  [60, 0.5, 8192, 1, 0.5, 5]
].entries()) {
  const archives = Math.round(seconds * pyRate(pace))
  const entries = Math.round(archives * fraction)
  RUNS.push(
    py(`py-cache-${i}`, 'broker-healthy', 'healthy', pass, {
      seconds,
      pace,
      interval,
      checkpoint: 25,
      args: cacheArgs(entries, bytes, Math.round(entries * keysFactor))
    })
  )
}
// a lookup table of 10–20 MiB built once at 40 / 50 / 75 % of the run, flat before and after
for (const [i, [seconds, at, mib, interval, pace]] of [
  [60, 0.4, 16, 0.5, 12],
  [60, 0.5, 16, 1, 12],
  [60, 0.75, 16, 1, 12],
  [90, 0.4, 10, 1, 12],
  [90, 0.75, 20, 2, 12],
  [120, 0.5, 12, 2, 20],
  [120, 0.75, 14, 1, 30],
  [45, 0.4, 18, 0.5, 12],
  [45, 0.75, 18, 0.5, 12],
  [150, 0.4, 20, 3, 12],
  [150, 0.75, 10, 2.5, 12],
  [75, 0.5, 20, 1, 5]
].entries())
  RUNS.push(
    py(`py-step-${i}`, 'broker-healthy', 'healthy', pass, {
      seconds,
      pace,
      interval,
      checkpoint: 25,
      args: ['--step-at', String(at), '--step-bytes', String(mib * 2 ** 20)]
    })
  )
// garbage churn: small objects in reference cycles, held for the last K archives, left to the cyclic gc
for (const [i, [seconds, bytes, keep, interval, pace]] of [
  [60, 16384, 32, 0.5, 12],
  [60, 65536, 32, 1, 12],
  [90, 262144, 32, 1, 12],
  [90, 1048576, 8, 1, 12],
  [120, 65536, 64, 2, 20],
  [60, 262144, 8, 0.5, 5],
  [150, 131072, 16, 2.5, 12],
  [45, 524288, 32, 0.5, 12],
  [120, 1048576, 16, 2, 30],
  [75, 32768, 128, 1, 12]
].entries())
  RUNS.push(
    py(`py-garbage-${i}`, 'broker-healthy', 'healthy', pass, {
      seconds,
      pace,
      interval,
      checkpoint: 50,
      args: ['--garbage-bytes', String(bytes), '--garbage-keep', String(keep)]
    })
  )
// what a team runs: a cache filling over half the run, garbage churn, and a table built at 60 %
for (const [i, [seconds, interval]] of [
  [60, 0.5],
  [90, 1],
  [120, 2],
  [180, 2]
].entries()) {
  const archives = Math.round(seconds * pyRate(12))
  RUNS.push(
    py(`py-mixed-${i}`, 'broker-healthy', 'healthy', pass, {
      seconds,
      interval,
      checkpoint: 50,
      args: [
        ...cacheArgs(Math.round(archives / 2), 4096),
        '--garbage-bytes',
        '65536',
        '--step-at',
        '0.6',
        '--step-bytes',
        String(12 * 2 ** 20)
      ]
    })
  )
}
// leaks, short runs (1–2 min): kept bytes per archive (dict of summaries), malloc'ed and never freed
// (a C extension's leak: no gc count sees it), brokers kept, registries growing
for (const [i, [seconds, bytes, interval]] of [
  [60, 4096, 0.5],
  [90, 1024, 1],
  [120, 256, 1]
].entries()) {
  RUNS.push(
    py(`py-slowleak-${i}`, 'broker-healthy', 'healthy', failOn('rss', 'sustained-growth'), {
      seconds,
      interval,
      args: ['--leak-bytes', String(bytes)]
    })
  )
  RUNS.push(
    py(`py-native-${i}`, 'broker-healthy', 'healthy', failOn('rss', 'sustained-growth'), {
      seconds,
      interval,
      args: ['--native-leak-bytes', String(bytes)]
    })
  )
}
RUNS.push(
  py(
    'py-brokers-0',
    'broker-leak',
    'leaking-brokers',
    fail('uncollected-objects', 'sustained-growth'),
    { seconds: 60, interval: 1, checkpoint: 50 }
  )
)
RUNS.push(
  py(
    'py-brokers-1',
    'broker-leak',
    'leaking-brokers',
    fail('uncollected-objects', 'sustained-growth'),
    { seconds: 120, pace: 30, interval: 2, checkpoint: 25 }
  )
)
RUNS.push(
  py('py-registry-0', 'registry-growth', 'growing-registry', fail('sustained-growth'), {
    seconds: 60,
    interval: 1,
    checkpoint: 50
  })
)
RUNS.push(
  py('py-registry-1', 'registry-growth', 'growing-registry', fail('sustained-growth'), {
    seconds: 120,
    pace: 30,
    interval: 2,
    checkpoint: 25
  })
)
// a slow leak under garbage churn (the python sawtooth)
RUNS.push(
  py('py-slowleak-saw-0', 'broker-healthy', 'healthy', failOn('rss', 'sustained-growth'), {
    seconds: 120,
    interval: 1,
    args: ['--leak-bytes', '512', '--garbage-bytes', '262144']
  })
)

// Detection limit (group pylimit): the slow and the native leak in 5- and 10-minute runs at ~70
// archives/s. RSS must grow past 4 MiB (the allocator's quantum) and 5 % of the level over the
// steady part: ~250 B per archive in 5 minutes, ~125 B in 10; the sizes bracket those.
for (const [minutes, name, flag, bytes] of [
  [5, 'slowleak', '--leak-bytes', 256],
  [5, 'native', '--native-leak-bytes', 512],
  [10, 'slowleak', '--leak-bytes', 64],
  [10, 'native', '--native-leak-bytes', 128]
])
  RUNS.push(
    py(`pylim-${name}${bytes}-${minutes}m`, 'broker-healthy', 'healthy', failOn('rss'), {
      group: 'pylimit',
      seconds: minutes * 60,
      interval: 2,
      checkpoint: 100,
      args: [flag, String(bytes)]
    })
  )

// Candidates for bundled examples: 3000 archives (the artifacts stay under 400 KiB), sampled every 0.5 s.
RUNS.push(
  py('py-example-native', 'broker-healthy', 'healthy', failOn('rss', 'sustained-growth'), {
    group: 'pylimit',
    seconds: 43,
    archives: 3000,
    interval: 0.5,
    args: ['--native-leak-bytes', '4096']
  })
)
RUNS.push(
  py('py-example-cache', 'broker-healthy', 'healthy', pass, {
    group: 'pylimit',
    seconds: 43,
    archives: 3000,
    interval: 0.5,
    args: cacheArgs(1500, 8192)
  })
)

// ---------------------------------------------------------------- the JVM worker's shapes (group jvm)
// examples/jvm-worker/Worker.java run from source under OpenJDK 17 (G1), judged with
// examples/jvm-worker/leak-gate.yml: memory.csv (MXBeans and VmRSS), the unified GC log and the
// baseline/post-test snapshots after System.gc(). A unit is --garbage-bytes of short-lived arrays
// plus --pace-ms of simulated I/O: at the default 4 ms about 250 units/s. A run is given in seconds;
// its unit count follows, and it is stopped at 2x the seconds + 60 (and killed 60 s later).
const jvmRate = (pace) => 1000 / (pace + 0.2)
const jvm = (
  id,
  mode,
  expected,
  { seconds, interval = 1, pace = 4, heap = ['-Xmx256m'], gcLog = 'gc*', args = [], group = 'jvm' }
) => ({
  id,
  kind: 'jvm',
  example: 'jvm-worker',
  mode,
  expected,
  group,
  seconds,
  interval,
  pace,
  heap,
  gcLog,
  args,
  units: Math.round(seconds * jvmRate(pace))
})
// The heap that leaks is the live heap: the sampled used heap or the GC log's heap after a collection.
const jvmHeap = ['heap_used_bytes', 'heap_after_gc_bytes', 'heap_after_gc']
for (const [i, [seconds, interval, heap, garbage]] of [
  [30, 0.5, ['-Xmx256m'], 65536],
  [45, 1, ['-Xms256m', '-Xmx256m'], 65536],
  [60, 1, ['-Xmx512m'], 131072],
  [60, 2, ['-Xmx128m'], 32768],
  [90, 1, ['-Xmx256m'], 65536]
].entries())
  RUNS.push(
    jvm(`jvm-healthy-${i}`, 'healthy', pass, {
      seconds,
      interval,
      heap,
      args: ['--garbage-bytes', String(garbage)]
    })
  )
// a bounded LRU filling over 30–60 % of the run (then evicting one entry per unit), 2–4 KiB entries
for (const [i, [seconds, interval, fraction, bytes, heap]] of [
  [45, 0.5, 0.3, 4096, ['-Xmx256m']],
  [60, 1, 0.5, 2048, ['-Xmx256m']],
  [60, 1, 0.6, 4096, ['-Xms256m', '-Xmx256m']],
  [90, 2, 0.45, 2048, ['-Xmx256m']]
].entries())
  RUNS.push(
    jvm(`jvm-cache-${i}`, 'cache-fill', pass, {
      seconds,
      interval,
      heap,
      args: [
        '--cache-entries',
        String(Math.round(seconds * jvmRate(4) * fraction)),
        '--cache-entry-bytes',
        String(bytes)
      ]
    })
  )
// a lookup table of 12–20 MiB built once at 40 / 50 / 75 % of the run, flat before and after
for (const [i, [seconds, interval, at, mib, heap]] of [
  [45, 0.5, 0.4, 16, ['-Xmx256m']],
  [45, 1, 0.75, 20, ['-Xmx256m']],
  [60, 1, 0.5, 12, ['-Xmx256m']],
  [90, 2, 0.75, 16, ['-Xms256m', '-Xmx256m']]
].entries())
  RUNS.push(
    jvm(`jvm-table-${i}`, 'table-once', pass, {
      seconds,
      interval,
      heap,
      args: ['--step-at', String(at), '--step-bytes', String(mib * 2 ** 20)]
    })
  )
// leaks: bytes per unit kept in a static list (heap), in direct ByteBuffers (native), class loaders (metaspace)
for (const [i, [seconds, interval, bytes]] of [
  [60, 1, 1024],
  [60, 1, 256],
  [90, 2, 128]
].entries())
  RUNS.push(
    jvm(`jvm-slowleak-${i}`, 'slow-leak', failOn(jvmHeap), {
      seconds,
      interval,
      args: ['--leak-bytes', String(bytes)]
    })
  )
for (const [i, [seconds, interval, bytes]] of [
  [60, 1, 1024],
  [90, 1, 256]
].entries())
  RUNS.push(
    jvm(`jvm-direct-${i}`, 'direct-leak', failOn(['rss_bytes', 'direct_used_bytes']), {
      seconds,
      interval,
      args: ['--leak-bytes', String(bytes)]
    })
  )
RUNS.push(
  jvm(
    'jvm-classloader-0',
    'classloader-leak',
    failOn(['nonheap_used_bytes', 'metaspace_used_bytes', 'classes_loaded']),
    { seconds: 60, interval: 1, args: ['--leak-every', '10'] }
  )
)
// Candidates for bundled examples: 40 s sampled every 0.5 s, the GC log at -Xlog:gc (small files).
RUNS.push(
  jvm('jvm-example-healthy', 'healthy', pass, {
    seconds: 40,
    interval: 0.5,
    gcLog: 'gc',
    args: ['--garbage-bytes', '32768']
  })
)
RUNS.push(
  jvm('jvm-example-slowleak', 'slow-leak', failOn(jvmHeap), {
    seconds: 40,
    interval: 0.5,
    gcLog: 'gc',
    args: ['--garbage-bytes', '32768', '--leak-bytes', '2048']
  })
)

// ---------------------------------------------------------------- more JVM shapes (group jvm2)
// A native leak no MXBean measures (Unsafe.allocateMemory, written, never freed: only RSS grows)
// alone and beside a cache or table whose heap highs touch fresh committed pages; a heap leak beside
// a cache that evicts; caches and tables of sizes, fill fractions and heaps group jvm did not use.
const jvm2 = (id, mode, expected, o) => jvm(`jvm2-${id}`, mode, expected, { group: 'jvm2', ...o })
const jvmCache = (seconds, fraction, bytes) => [
  '--cache-entries',
  String(Math.round(seconds * jvmRate(4) * fraction)),
  '--cache-entry-bytes',
  String(bytes)
]
const fixedHeap = ['-Xms256m', '-Xmx256m']
RUNS.push(
  jvm2('native-cache', 'cache-fill', failOn(['rss_bytes']), {
    seconds: 90,
    heap: fixedHeap,
    args: [...jvmCache(90, 0.5, 4096), '--native-bytes', '512']
  }),
  jvm2('native-0', 'healthy', failOn(['rss_bytes']), {
    seconds: 90,
    heap: fixedHeap,
    args: ['--native-bytes', '256']
  }),
  jvm2('native-table', 'table-once', failOn(['rss_bytes']), {
    seconds: 75,
    args: ['--step-at', '0.5', '--step-bytes', String(16 * 2 ** 20), '--native-bytes', '1024']
  }),
  jvm2('native-1', 'healthy', failOn(['rss_bytes']), {
    seconds: 100,
    interval: 2,
    args: ['--native-bytes', '128']
  }),
  jvm2('cacheleak', 'cache-fill', failOn(jvmHeap), {
    seconds: 90,
    heap: fixedHeap,
    args: [...jvmCache(90, 0.5, 4096), '--kept-bytes', '1024']
  }),
  jvm2('cache-0', 'cache-fill', pass, {
    seconds: 75,
    heap: fixedHeap,
    args: jvmCache(75, 0.55, 8192)
  }),
  jvm2('cache-1', 'cache-fill', pass, {
    seconds: 100,
    interval: 1.5,
    heap: ['-Xmx384m'],
    args: jvmCache(100, 0.4, 3072)
  }),
  jvm2('cache-2', 'cache-fill', pass, {
    seconds: 80,
    interval: 0.5,
    args: jvmCache(80, 0.65, 2048)
  }),
  jvm2('table-0', 'table-once', pass, {
    seconds: 75,
    args: ['--step-at', '0.6', '--step-bytes', String(24 * 2 ** 20)]
  }),
  jvm2('table-1', 'table-once', pass, {
    seconds: 90,
    interval: 2,
    heap: fixedHeap,
    args: ['--step-at', '0.45', '--step-bytes', String(10 * 2 ** 20)]
  })
)

// ---------------------------------------------------------------- the Go worker's shapes (group go)
// examples/go-worker/main.go (standard library only) built once per recording with `go build`, judged
// with examples/go-worker/leak-gate.yml: memory.csv (runtime.ReadMemStats, NumGoroutine, VmRSS) and
// the baseline/post-test snapshots after runtime.GC() and debug.FreeOSMemory(). A unit is
// --garbage-bytes of short-lived slices plus --pace-ms of simulated I/O (about 250 units/s at 4 ms)
// over a 16 MiB working set, so GOGC=100 draws a sawtooth from the live heap to about twice it.
// Skipped, with a message, where `go` is not installed.
const goRun = (
  id,
  mode,
  expected,
  { seconds, interval = 1, pace = 4, env = {}, args = [], group = 'go' }
) => ({
  id,
  kind: 'go',
  example: 'go-worker',
  mode,
  expected,
  group,
  seconds,
  interval,
  pace,
  env,
  args,
  units: Math.round(seconds * jvmRate(pace))
})
// The live heap that leaks: the sampled heap (HeapAlloc, HeapInuse) or the collector's goal (NextGC, twice the heap marked live).
const goHeap = ['heap_alloc_bytes', 'heap_inuse_bytes', 'next_gc_bytes']
for (const [i, [seconds, interval, env, args]] of [
  [60, 1, {}, []],
  [90, 1, {}, ['--fanout', '8']],
  [60, 0.5, { GOGC: '200' }, []],
  [120, 2, {}, ['--live-bytes', String(64 * 2 ** 20)]],
  [90, 2, { GOGC: '50' }, ['--fanout', '16', '--garbage-bytes', '131072']]
].entries())
  RUNS.push(goRun(`go-healthy-${i}`, 'healthy', pass, { seconds, interval, env, args }))
// a bounded map filling over 30–60 % of the run (then deleting its oldest entry per unit), 2–4 KiB entries
for (const [i, [seconds, interval, fraction, bytes, env]] of [
  [60, 1, 0.5, 4096, {}],
  [90, 1, 0.4, 2048, {}],
  [60, 0.5, 0.6, 4096, { GOGC: '50' }],
  [120, 2, 0.45, 2048, {}]
].entries())
  RUNS.push(
    goRun(`go-cache-${i}`, 'cache-fill', pass, {
      seconds,
      interval,
      env,
      args: [
        '--cache-entries',
        String(Math.round(seconds * jvmRate(4) * fraction)),
        '--cache-entry-bytes',
        String(bytes)
      ]
    })
  )
// a lookup table of 15–20 MiB built once at 40 / 50 / 75 % of the run, flat before and after
for (const [i, [seconds, interval, at, mib]] of [
  [60, 1, 0.5, 15],
  [90, 1, 0.75, 15],
  [60, 0.5, 0.4, 20],
  [90, 2, 0.5, 15]
].entries())
  RUNS.push(
    goRun(`go-table-${i}`, 'table-once', pass, {
      seconds,
      interval,
      args: ['--step-at', String(at), '--step-bytes', String(mib * 2 ** 20)]
    })
  )
// leaks: bytes per unit kept in a package-level slice (heap), goroutines blocked forever, mmap'd pages
for (const [i, [seconds, interval, bytes]] of [
  [60, 1, 1024],
  [90, 1, 256]
].entries())
  RUNS.push(
    goRun(`go-slowleak-${i}`, 'slow-leak', failOn(goHeap), {
      seconds,
      interval,
      args: ['--leak-bytes', String(bytes)]
    })
  )
for (const [i, [seconds, interval, every, bytes, prom]] of [
  [60, 1, 10, 1024, true],
  [90, 2, 50, 0, false]
].entries())
  RUNS.push(
    goRun(
      `go-goroutine-${i}`,
      'goroutine-leak',
      failOn(['goroutines', 'stack_inuse_bytes', 'go_goroutines']),
      {
        seconds,
        interval,
        args: [
          '--leak-every',
          String(every),
          '--leak-bytes',
          String(bytes),
          ...(prom ? ['--prom=true'] : [])
        ]
      }
    )
  )
for (const [i, [seconds, interval, bytes]] of [
  [60, 1, 1024],
  [90, 1, 256]
].entries())
  RUNS.push(
    goRun(`go-mmap-${i}`, 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      seconds,
      interval,
      args: ['--leak-bytes', String(bytes)]
    })
  )
// Candidates for bundled examples: 45 s sampled every 0.5 s (small files), with the Prometheus scrape.
RUNS.push(
  goRun('go-example-healthy', 'healthy', pass, {
    seconds: 45,
    interval: 0.5,
    args: ['--fanout', '4', '--prom=true']
  })
)
RUNS.push(
  goRun(
    'go-example-goroutine',
    'goroutine-leak',
    failOn(['goroutines', 'stack_inuse_bytes', 'go_goroutines']),
    {
      seconds: 45,
      interval: 0.5,
      args: ['--leak-every', '10', '--leak-bytes', '1024', '--prom=true']
    }
  )
)

// ---------------------------------------------------------------- Go's other physics (group go2)
// Healthy services the go group never tried: GOGC=400 (the goal ~5x the live heap), GOGC=off with
// GOMEMLIMIT (the goal set by the limit), a load that climbs then holds (--ramp: the live heap of
// in-flight work grows with it), GODEBUG=madvdontneed=0 (freed pages stay resident until the OS
// wants them), 48-64 MiB allocation bursts every 3-5 s, 16-64 goroutines per unit; and leaks under
// the same conditions.
const go2 = (id, mode, expected, o) => goRun(id, mode, expected, { ...o, group: 'go2' })
const limit = (mib) => ({ GOGC: 'off', GOMEMLIMIT: `${mib}MiB` })
const madvFree = { GODEBUG: 'madvdontneed=0' }
const burst = (s, mib) => ['--burst-every', String(s), '--burst-bytes', String(mib * 2 ** 20)]
for (const [i, [seconds, interval, env, args]] of [
  [60, 1, { GOGC: '400' }, []],
  [60, 1, { GOGC: '400' }, ['--fanout', '8']],
  [60, 1, limit(64), []],
  [45, 0.5, limit(48), ['--fanout', '16']],
  [45, 1, {}, ['--ramp', '0.5']],
  [45, 0.5, { GOGC: '200' }, ['--ramp', '0.4']],
  [60, 1, madvFree, burst(5, 64)],
  [60, 1, madvFree, ['--fanout', '8']],
  [75, 1, {}, burst(3, 48)],
  [60, 2, { GOGC: '400' }, burst(5, 64)],
  [60, 1, {}, ['--fanout', '32']],
  [45, 0.5, madvFree, ['--fanout', '64']]
].entries())
  RUNS.push(go2(`go2-healthy-${i}`, 'healthy', pass, { seconds, interval, env, args }))
RUNS.push(
  go2('go2-slowleak-gogc400', 'slow-leak', failOn(goHeap), {
    seconds: 60,
    env: { GOGC: '400' },
    args: ['--leak-bytes', '1024']
  }),
  go2('go2-slowleak-burst', 'slow-leak', failOn(goHeap), {
    seconds: 60,
    args: ['--leak-bytes', '1024', ...burst(5, 48)]
  }),
  go2(
    'go2-goroutine-fanout',
    'goroutine-leak',
    failOn(['goroutines', 'stack_inuse_bytes', 'go_goroutines']),
    { seconds: 60, args: ['--fanout', '16', '--leak-every', '10', '--leak-bytes', '1024'] }
  ),
  go2('go2-mmap-madvfree', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
    seconds: 60,
    env: madvFree,
    args: ['--leak-bytes', '1024', '--fanout', '8']
  })
)

// ---------------------------------------------------------------- Go under limits (group go3)
// Settings neither go nor go2 used: leaks under a memory limit (GOGC=off + GOMEMLIMIT pins the
// collector's goal near the limit, so the goal no longer follows the live heap and RSS stays at the
// limit; only the heap left after each cycle climbs), a goroutine leak under a limit, leaks under
// GOGC=50 / 800 and GOMAXPROCS=1, samples every 0.5 s and 4 s, a 5-minute leak of 128 B per unit;
// healthy runs whose 40-56 MiB bursts hold memory near a limit, and madvdontneed=0 with a 40 s
// idle tail (the runtime returns freed pages late, if at all).
const go3 = (id, mode, expected, o) => goRun(id, mode, expected, { ...o, group: 'go3' })
const goLeak = (bytes, ...more) => ['--leak-bytes', String(bytes), ...more]
const goroutineLeak = failOn(['goroutines', 'stack_inuse_bytes', 'go_goroutines'])
RUNS.push(
  go3('go3-leak-limit96', 'slow-leak', failOn(goHeap), {
    seconds: 75,
    env: limit(96),
    args: goLeak(1024)
  }),
  go3('go3-leak-limit80-slow', 'slow-leak', failOn(goHeap), {
    seconds: 90,
    interval: 1.5,
    env: limit(80),
    args: goLeak(384)
  }),
  go3('go3-goroutine-limit72', 'goroutine-leak', goroutineLeak, {
    seconds: 60,
    env: limit(72),
    args: goLeak(2048, '--leak-every', '20')
  }),
  go3('go3-leak-gogc50', 'slow-leak', failOn(goHeap), {
    seconds: 75,
    interval: 0.5,
    env: { GOGC: '50' },
    args: goLeak(512)
  }),
  go3('go3-leak-gogc800', 'slow-leak', failOn(goHeap), {
    seconds: 120,
    interval: 4,
    env: { GOGC: '800' },
    args: goLeak(1024)
  }),
  go3('go3-leak-procs1', 'slow-leak', failOn(goHeap), {
    seconds: 60,
    env: { GOMAXPROCS: '1' },
    args: goLeak(768, '--fanout', '8')
  }),
  go3('go3-leak-5m', 'slow-leak', failOn(goHeap), {
    seconds: 300,
    interval: 2,
    args: goLeak(128)
  })
)
for (const [i, [seconds, interval, env, args]] of [
  [75, 0.5, { GOMEMLIMIT: '128MiB' }, burst(4, 48)],
  [60, 1, limit(96), burst(2, 40)],
  [120, 4, { GOGC: '800' }, ['--fanout', '4']],
  [60, 0.5, { GOMAXPROCS: '1' }, ['--fanout', '8']],
  [60, 1, madvFree, [...burst(6, 56), '--idle-seconds', '40']],
  [75, 1.5, { ...limit(112), ...madvFree }, [...burst(5, 40), '--idle-seconds', '30']]
].entries())
  RUNS.push(go3(`go3-healthy-${i}`, 'healthy', pass, { seconds, interval, env, args }))
// Under a limit only the heap each cycle left live tells a leak from a table or a cache:
// GODEBUG=gctrace=1 writes it (the third figure of "a->b->c MB") to stderr, i.e. record.log.
const traced = (mib) => ({ ...limit(mib), GODEBUG: 'gctrace=1' })
RUNS.push(
  go3('go3-leak-limit96-gctrace', 'slow-leak', failOn([...goHeap, 'heap_after_gc']), {
    seconds: 75,
    env: traced(96),
    args: goLeak(512)
  }),
  go3('go3-table-limit96-gctrace', 'table-once', pass, {
    seconds: 75,
    env: traced(96),
    args: ['--step-at', '0.45', '--step-bytes', String(15 * 2 ** 20)]
  }),
  go3('go3-cache-limit96-gctrace', 'cache-fill', pass, {
    seconds: 75,
    env: traced(96),
    args: [
      '--cache-entries',
      String(Math.round(75 * jvmRate(4) * 0.4)),
      '--cache-entry-bytes',
      '2048'
    ]
  })
)
// a table built once and a cache that fills under the same kind of limit: bounded, not leaks
RUNS.push(
  go3('go3-table-limit96', 'table-once', pass, {
    seconds: 75,
    env: limit(96),
    args: ['--step-at', '0.55', '--step-bytes', String(15 * 2 ** 20)]
  }),
  go3('go3-cache-limit96', 'cache-fill', pass, {
    seconds: 75,
    interval: 1.5,
    env: limit(96),
    args: [
      '--cache-entries',
      String(Math.round(75 * jvmRate(4) * 0.4)),
      '--cache-entry-bytes',
      '2048'
    ]
  })
)

// ---------------------------------------------------------------- a holdout (group holdout)
// Settings no other group used, recorded to check the analysis on shapes it was never tuned on:
// 90 s – 4 min, samples every 0.75 / 1.5 / 2 / 3 s, caches filling over 35 % and 55 % of the run,
// 12 MiB at 55 % and 18 MiB at 70 %, leaks of 300–800 B per request near the detection limit, a
// native leak with a flat heap, restarts and a kill, python-worker variants, and their healthy twins.
const hold = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`hold-${id}`, example, mode, expected, {
    group: 'holdout',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
RUNS.push(
  hold('cachefill35-2m', 'cache-fill', 'lru', pass, {
    seconds: 120,
    rate: 300,
    interval: 750,
    args: ['--lru-size', String(Math.round(36_000 * 0.35)), '--lru-entry-bytes', '1024']
  }),
  hold('cachefill55-90s', 'cache-fill', 'lru', pass, {
    seconds: 90,
    rate: 400,
    interval: 2000,
    args: ['--lru-size', String(Math.round(36_000 * 0.55)), '--lru-entry-bytes', '768']
  }),
  hold('step12at55-3m', 'step-40', 'step', pass, {
    seconds: 180,
    rate: 250,
    interval: 3000,
    args: ['--step-at', String(Math.round(45_000 * 0.55)), '--step-bytes', String(12 * 2 ** 20)]
  }),
  hold('step18at70-90s', 'step-40', 'step', pass, {
    seconds: 90,
    rate: 400,
    interval: 750,
    args: ['--step-at', String(Math.round(36_000 * 0.7)), '--step-bytes', String(18 * 2 ** 20)]
  }),
  hold('saw300-2m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
    seconds: 120,
    rate: 400,
    interval: 2000,
    args: ['--slow-leak-bytes', '300', '--slow-garbage-keep', '64']
  }),
  hold('saw0-2m', 'sawtooth-slow-leak', 'slow-leak', pass, {
    seconds: 120,
    rate: 400,
    interval: 2000,
    args: ['--slow-leak-bytes', '0', '--slow-garbage-keep', '64']
  }),
  hold('slow500-3m', 'slow-leak', 'slow-leak', fail(), {
    seconds: 180,
    rate: 200,
    interval: 1500,
    args: ['--slow-leak-bytes', '500']
  }),
  hold('slow0-2m', 'slow-leak', 'slow-leak', pass, {
    seconds: 120,
    rate: 200,
    interval: 1500,
    args: ['--slow-leak-bytes', '0']
  }),
  hold('native300-3m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
    seconds: 180,
    rate: 200,
    interval: 750,
    args: ['--native-leak-bytes', '300']
  }),
  hold('native0-2m', 'native-leak', 'native-leak', pass, {
    seconds: 120,
    rate: 200,
    interval: 750,
    args: ['--native-leak-bytes', '0']
  }),
  hold('restart-map400-2m', 'restart-leak', 'map-leak', fail(), {
    seconds: 120,
    rate: 300,
    interval: 1500,
    restartAt: 20_000,
    args: ['--leak-bytes', '400']
  }),
  hold('restart-healthy-2m', 'restart-healthy', 'healthy', pass, {
    seconds: 120,
    rate: 300,
    interval: 1500,
    restartAt: 20_000
  }),
  hold('map800-90s-3s', 'map-leak', 'map-leak', fail(), {
    seconds: 90,
    rate: 250,
    interval: 3000,
    args: ['--leak-bytes', '800']
  }),
  hold('garbage-90s-3s', 'gc-sawtooth', 'garbage', pass, {
    seconds: 90,
    rate: 250,
    interval: 3000,
    args: ['--garbage-bytes', '131072']
  }),
  hold('oom-map3k', 'oom-kill', 'map-leak', fail('oom-risk'), {
    seconds: 90,
    rate: 500,
    interval: 750,
    limit: '150MiB',
    oomKill: true,
    args: ['--leak-bytes', '3072']
  })
)
const pyHold = (id, expected, o) =>
  py(`hold-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout', ...o })
{
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold('cache35-2m', pass, {
      seconds: 120,
      interval: 0.75,
      args: cacheArgs(Math.round(archives(120) * 0.35), 6144)
    }),
    pyHold('cache55-90s', pass, {
      seconds: 90,
      interval: 3,
      args: cacheArgs(Math.round(archives(90) * 0.55), 3072, Math.round(archives(90) * 0.8))
    }),
    pyHold('step12at55-2m', pass, {
      seconds: 120,
      interval: 2,
      args: ['--step-at', '0.55', '--step-bytes', String(12 * 2 ** 20)]
    }),
    pyHold('step18at70-90s', pass, {
      seconds: 90,
      interval: 0.75,
      args: ['--step-at', '0.7', '--step-bytes', String(18 * 2 ** 20)]
    }),
    pyHold('slowleak600-3m', failOn('rss', 'sustained-growth'), {
      seconds: 180,
      interval: 2,
      checkpoint: 40,
      args: ['--leak-bytes', '600']
    }),
    pyHold('native500-3m', failOn('rss', 'sustained-growth'), {
      seconds: 180,
      interval: 3,
      checkpoint: 40,
      args: ['--native-leak-bytes', '500']
    }),
    pyHold('garbage-3m', pass, {
      seconds: 180,
      interval: 2,
      checkpoint: 40,
      args: ['--garbage-bytes', '196608', '--garbage-keep', '24']
    }),
    pyHold('slowleak700-saw-2m', failOn('rss', 'sustained-growth'), {
      seconds: 120,
      interval: 0.75,
      args: ['--leak-bytes', '700', '--garbage-bytes', '262144']
    })
  )
}

// ---------------------------------------------------------------- a second holdout (group holdout2)
// Recorded fresh with settings no other group used, to check the analysis on shapes it was never
// tuned on: 2–4 min, samples every 0.5 / 1 / 2.5 / 4 s, caches filling over 40 % and 65 % of the
// run, 10 MiB at 45 % and 16 MiB at 62 %, 120–200 B per request under a tall sawtooth, a native leak
// of 120 B per request (Buffers) and 200 B per archive (malloc) with a flat heap, restarts with and
// without a leak, a kill at a 200 MiB limit, load that ramps and pauses, bursts, Python variants.
const hold2 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h2-${id}`, example, mode, expected, {
    group: 'holdout2',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
/** Stages given as [seconds, target] from `start`: the requests they make and their mean rate. */
const hold2Staged = (id, example, mode, expected, { start, stages, ...o }) => {
  let from = start
  let requests = 0
  let seconds = 0
  for (const [s, to] of stages) {
    requests += ((from + to) / 2) * s
    seconds += s
    from = to
  }
  return node(`h2-${id}`, example, mode, expected, {
    group: 'holdout2',
    stages: stages
      .map(([s, to]) => `${s < 1 ? `${Math.round(s * 1000)}ms` : `${s}s`}:${to}`)
      .join(','),
    startRate: start,
    requests: Math.round(requests) + 1000,
    rate: Math.round(requests / seconds),
    rampSeconds: seconds,
    ...o
  })
}
{
  // The step is built at request N of all served (the 200 warm-up requests count).
  RUNS.push(
    hold2('cachefill40-3m', 'cache-fill', 'lru', pass, {
      seconds: 180,
      rate: 250,
      interval: 2500,
      args: ['--lru-size', String(Math.round(45_000 * 0.4)), '--lru-entry-bytes', '1280']
    }),
    hold2('cachefill65-210s', 'cache-fill', 'lru', pass, {
      seconds: 210,
      rate: 200,
      interval: 4000,
      args: ['--lru-size', String(Math.round(42_000 * 0.65)), '--lru-entry-bytes', '512']
    }),
    hold2('step10at45-3m', 'step-40', 'step', pass, {
      seconds: 180,
      rate: 300,
      interval: 1000,
      args: ['--step-at', stepAt(180, 300, 0.45), '--step-bytes', String(10 * 2 ** 20)]
    }),
    hold2('step16at62-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 400,
      interval: 500,
      args: ['--step-at', stepAt(150, 400, 0.62), '--step-bytes', String(16 * 2 ** 20)]
    }),
    hold2('saw0-150s', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 150,
      rate: 500,
      interval: 1000,
      args: ['--slow-leak-bytes', '0', '--slow-garbage-keep', '96']
    }),
    hold2('native0-3m', 'native-leak', 'native-leak', pass, {
      seconds: 180,
      rate: 400,
      interval: 4000,
      args: ['--native-leak-bytes', '0']
    }),
    hold2('restart-healthy-3m', 'restart-healthy', 'healthy', pass, {
      seconds: 180,
      rate: 250,
      interval: 1000,
      restartAt: Math.round(45_000 * 0.55)
    }),
    hold2Staged('pause-healthy', 'healthy', 'healthy', pass, {
      start: 50,
      stages: [
        [40, 400],
        [20, 400],
        [0.001, 0],
        [25, 0],
        [0.001, 300],
        [40, 300]
      ],
      interval: 2500,
      args: ['--latency-ms', '10']
    }),
    hold2Staged('bursts-garbage', 'gc-sawtooth', 'garbage', pass, {
      start: 100,
      stages: Array.from({ length: 5 }, () => [
        [20, 100],
        [0.001, 500],
        [6, 500],
        [0.001, 100]
      ]).flat(),
      interval: 500,
      args: ['--garbage-bytes', '32768', '--latency-ms', '10']
    }),
    hold2('saw200-2m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 120,
      rate: 500,
      interval: 1000,
      args: ['--slow-leak-bytes', '200', '--slow-garbage-keep', '48']
    }),
    hold2('saw120-3m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 500,
      interval: 2500,
      args: ['--slow-leak-bytes', '120', '--slow-garbage-keep', '96']
    }),
    hold2('native120-3m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 180,
      rate: 400,
      interval: 4000,
      args: ['--native-leak-bytes', '120']
    }),
    hold2('restart-map300-3m', 'restart-leak', 'map-leak', fail(), {
      seconds: 180,
      rate: 300,
      interval: 1000,
      restartAt: Math.round(54_000 * 0.5),
      args: ['--leak-bytes', '300']
    }),
    hold2('oom-map2k-200m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 150,
      rate: 400,
      interval: 1000,
      limit: '200MiB',
      oomKill: true,
      args: ['--leak-bytes', '2048']
    }),
    hold2Staged('pause-map600', 'map-leak', 'map-leak', fail(), {
      start: 50,
      stages: [
        [30, 350],
        [40, 350],
        [0.001, 0],
        [20, 0],
        [0.001, 350],
        [40, 350]
      ],
      interval: 2500,
      args: ['--leak-bytes', '600']
    })
  )
  const pyHold2 = (id, expected, o) =>
    py(`h2-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout2', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold2('cache65-3m', pass, {
      seconds: 180,
      interval: 2.5,
      args: cacheArgs(Math.round(archives(180) * 0.65), 3072)
    }),
    pyHold2('step10at45-150s', pass, {
      seconds: 150,
      interval: 0.5,
      args: ['--step-at', '0.45', '--step-bytes', String(10 * 2 ** 20)]
    }),
    pyHold2('garbage-150s', pass, {
      seconds: 150,
      interval: 4,
      checkpoint: 50,
      args: ['--garbage-bytes', '131072', '--garbage-keep', '48']
    }),
    pyHold2('native200-3m', failOn('rss'), {
      seconds: 180,
      pace: 6,
      interval: 1,
      checkpoint: 50,
      args: ['--native-leak-bytes', '200']
    }),
    pyHold2('leak250-saw-3m', failOn('rss'), {
      seconds: 180,
      pace: 6,
      interval: 2.5,
      checkpoint: 50,
      args: ['--leak-bytes', '250', '--garbage-bytes', '196608']
    })
  )
}

// ---------------------------------------------------------------- a third holdout (group holdout3)
// Recorded fresh with settings no other group used, to judge the analysis on shapes it was never
// tuned on (holdout and holdout2 are tuning data now): 2–4 min, samples every 0.3 / 1.25 / 3.5 / 5 s,
// caches filling over 30 % and 50 % of the run (896 B and 1.5 KiB entries), 13 MiB at 45 % and
// 22 MiB at 80 %, 110 and 260 B per request under a tall sawtooth, a native leak of 180 B per request
// (Buffers) and 350 B per archive (malloc) with a flat heap, a restart at 35 % (healthy) and at 60 %
// (a 350 B map leak), a kill at a 180 MiB limit, load that ramps down to 30 req/s at the end or
// pauses twice, bursts under a prewarmed LRU, Python and Go variants (GOGC=300 with bursts, a table at
// 80 %, 640 B per unit under GOGC=150).
const hold3 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h3-${id}`, example, mode, expected, {
    group: 'holdout3',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
const hold3Staged = (id, example, mode, expected, o) => ({
  ...hold2Staged(id, example, mode, expected, o),
  id: `h3-${id}`,
  group: 'holdout3'
})
{
  // The step is built at request N of all served (the 200 warm-up requests count).
  RUNS.push(
    hold3('cachefill30-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 350,
      interval: 1250,
      args: ['--lru-size', String(Math.round(52_500 * 0.3)), '--lru-entry-bytes', '896']
    }),
    hold3('cachefill50-4m', 'cache-fill', 'lru', pass, {
      seconds: 240,
      rate: 220,
      interval: 5000,
      args: ['--lru-size', String(Math.round(52_800 * 0.5)), '--lru-entry-bytes', '1536']
    }),
    hold3('step13at45-3m', 'step-40', 'step', pass, {
      seconds: 180,
      rate: 320,
      interval: 300,
      args: ['--step-at', stepAt(180, 320, 0.45), '--step-bytes', String(13 * 2 ** 20)]
    }),
    hold3('step22at80-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 380,
      interval: 3500,
      args: ['--step-at', stepAt(150, 380, 0.8), '--step-bytes', String(22 * 2 ** 20)]
    }),
    hold3('saw0-4m', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 240,
      rate: 300,
      interval: 3500,
      args: ['--slow-leak-bytes', '0', '--slow-garbage-keep', '80']
    }),
    hold3('restart-healthy-150s', 'restart-healthy', 'healthy', pass, {
      seconds: 150,
      rate: 350,
      interval: 1250,
      restartAt: Math.round(52_500 * 0.35)
    }),
    hold3Staged('rampdown-healthy', 'healthy', 'healthy', pass, {
      start: 80,
      stages: [
        [30, 450],
        [60, 450],
        [40, 30]
      ],
      interval: 1250,
      args: ['--latency-ms', '15']
    }),
    hold3Staged('bursts-lru', 'lru-cache', 'lru', pass, {
      start: 120,
      stages: Array.from({ length: 4 }, () => [
        [25, 120],
        [0.001, 600],
        [8, 600],
        [0.001, 120]
      ]).flat(),
      interval: 300,
      prewarm: 2000,
      args: ['--latency-ms', '5']
    }),
    hold3('saw260-3m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 350,
      interval: 1250,
      args: ['--slow-leak-bytes', '260', '--slow-garbage-keep', '80']
    }),
    hold3('saw110-4m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 240,
      rate: 450,
      interval: 5000,
      args: ['--slow-leak-bytes', '110', '--slow-garbage-keep', '72']
    }),
    hold3('native180-3m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 180,
      rate: 350,
      interval: 3500,
      args: ['--native-leak-bytes', '180']
    }),
    hold3('restart-map350-4m', 'restart-leak', 'map-leak', fail(), {
      seconds: 240,
      rate: 250,
      interval: 300,
      restartAt: Math.round(60_000 * 0.6),
      args: ['--leak-bytes', '350']
    }),
    hold3('oom-map2560-180m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 150,
      rate: 450,
      interval: 300,
      limit: '180MiB',
      oomKill: true,
      args: ['--leak-bytes', '2560']
    }),
    hold3Staged('pause2-map400', 'map-leak', 'map-leak', fail(), {
      start: 50,
      stages: [
        [20, 300],
        [30, 300],
        [0.001, 0],
        [15, 0],
        [0.001, 300],
        [30, 300],
        [0.001, 0],
        [15, 0],
        [0.001, 300],
        [30, 300]
      ],
      interval: 3500,
      args: ['--leak-bytes', '400']
    })
  )
  const pyHold3 = (id, expected, o) =>
    py(`h3-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout3', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold3('cache30-3m', pass, {
      seconds: 180,
      interval: 0.3,
      args: cacheArgs(Math.round(archives(180) * 0.3), 5120, Math.round(archives(180) * 0.3 * 1.3))
    }),
    pyHold3('step22at80-150s', pass, {
      seconds: 150,
      interval: 3.5,
      args: ['--step-at', '0.8', '--step-bytes', String(22 * 2 ** 20)]
    }),
    pyHold3('garbage-3m', pass, {
      seconds: 180,
      interval: 1.25,
      checkpoint: 30,
      args: ['--garbage-bytes', '98304', '--garbage-keep', '40']
    }),
    pyHold3('native350-4m', failOn('rss'), {
      seconds: 240,
      pace: 8,
      interval: 1.25,
      checkpoint: 60,
      args: ['--native-leak-bytes', '350']
    }),
    pyHold3('leak300-saw-3m', failOn('rss'), {
      seconds: 180,
      pace: 8,
      interval: 5,
      checkpoint: 30,
      args: ['--leak-bytes', '300', '--garbage-bytes', '131072']
    })
  )
  const goHold3 = (id, mode, expected, o) =>
    goRun(`h3-go-${id}`, mode, expected, { ...o, group: 'holdout3' })
  RUNS.push(
    goHold3('healthy-gogc300-bursts', 'healthy', pass, {
      seconds: 120,
      interval: 3.5,
      env: { GOGC: '300' },
      args: ['--fanout', '4', ...burst(7, 32)]
    }),
    goHold3('table18at80', 'table-once', pass, {
      seconds: 90,
      interval: 0.3,
      args: ['--step-at', '0.8', '--step-bytes', String(18 * 2 ** 20)]
    }),
    goHold3('slowleak640-gogc150', 'slow-leak', failOn(goHeap), {
      seconds: 120,
      interval: 1.25,
      env: { GOGC: '150' },
      args: goLeak(640)
    })
  )
}

// ---------------------------------------------------------------- a fourth holdout (group holdout4)
// Recorded fresh with settings no other group used, to judge the analysis on shapes it was never
// tuned on (holdout, holdout2 and holdout3 are tuning data now): 2–3 min, samples every 0.4 / 0.9 /
// 2 / 4.5 s, caches filling over 25 % (1152 B entries), 45 % (Go, 3.5 KiB; Python, 2.5 KiB) and 70 %
// (704 B) of the run, 15 MiB at 35 % and 20 MiB at 90 % (Python: 11 MiB at 35 %), load that doubles
// half-way, load that stops at 70 % while sampling goes on, 420 B per request and 150 B under a tall
// sawtooth, a native leak of 230 B per request (Buffers), a restart at 25 % with a 470 B map leak, a
// kill at a 160 MiB limit, Python (450 B per archive under a sawtooth) and Go (480 B per unit,
// GOGC=120) leaks. Ten healthy runs, seven leaks.
const hold4 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h4-${id}`, example, mode, expected, {
    group: 'holdout4',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
const hold4Staged = (id, example, mode, expected, o) => ({
  ...hold2Staged(id, example, mode, expected, o),
  id: `h4-${id}`,
  group: 'holdout4'
})
{
  // The step is built at request N of all served (the 200 warm-up requests count).
  RUNS.push(
    hold4('cachefill25-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 300,
      interval: 900,
      args: ['--lru-size', String(Math.round(45_000 * 0.25)), '--lru-entry-bytes', '1152']
    }),
    hold4('cachefill70-2m', 'cache-fill', 'lru', pass, {
      seconds: 120,
      rate: 380,
      interval: 4500,
      args: ['--lru-size', String(Math.round(45_600 * 0.7)), '--lru-entry-bytes', '704']
    }),
    hold4('step15at35-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 330,
      interval: 400,
      args: ['--step-at', stepAt(150, 330, 0.35), '--step-bytes', String(15 * 2 ** 20)]
    }),
    hold4('step20at90-2m', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 420,
      interval: 2000,
      args: ['--step-at', stepAt(120, 420, 0.9), '--step-bytes', String(20 * 2 ** 20)]
    }),
    hold4Staged('double-healthy', 'healthy', 'healthy', pass, {
      start: 180,
      stages: [
        [60, 180],
        [0.001, 360],
        [60, 360]
      ],
      interval: 2000,
      args: ['--latency-ms', '10']
    }),
    hold4Staged('idletail-garbage', 'gc-sawtooth', 'garbage', pass, {
      start: 300,
      stages: [
        [105, 300],
        [0.001, 0],
        [45, 0]
      ],
      interval: 900,
      args: ['--garbage-bytes', '98304', '--latency-ms', '10']
    }),
    hold4('saw0-150s', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 150,
      rate: 450,
      interval: 4500,
      args: ['--slow-leak-bytes', '0', '--slow-garbage-keep', '112']
    }),
    hold4('slow420-150s', 'slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 300,
      interval: 400,
      args: ['--slow-leak-bytes', '420']
    }),
    hold4('saw150-3m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 450,
      interval: 2000,
      args: ['--slow-leak-bytes', '150', '--slow-garbage-keep', '112']
    }),
    hold4('native230-150s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 150,
      rate: 380,
      interval: 900,
      args: ['--native-leak-bytes', '230']
    }),
    hold4('restart-map470-150s', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 300,
      interval: 2000,
      restartAt: Math.round(45_000 * 0.25),
      args: ['--leak-bytes', '470']
    }),
    hold4('oom-map2816-160m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 150,
      rate: 420,
      interval: 400,
      limit: '160MiB',
      oomKill: true,
      args: ['--leak-bytes', '2816']
    })
  )
  const pyHold4 = (id, expected, o) =>
    py(`h4-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout4', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold4('cache45-150s', pass, {
      seconds: 150,
      interval: 0.4,
      args: cacheArgs(Math.round(archives(150) * 0.45), 2560)
    }),
    pyHold4('step11at35-2m', pass, {
      seconds: 120,
      interval: 4.5,
      args: ['--step-at', '0.35', '--step-bytes', String(11 * 2 ** 20)]
    }),
    pyHold4('leak450-saw-3m', failOn('rss'), {
      seconds: 180,
      pace: 8,
      interval: 0.9,
      checkpoint: 45,
      args: ['--leak-bytes', '450', '--garbage-bytes', '163840']
    })
  )
  const goHold4 = (id, mode, expected, o) =>
    goRun(`h4-go-${id}`, mode, expected, { ...o, group: 'holdout4' })
  RUNS.push(
    goHold4('cache45', 'cache-fill', pass, {
      seconds: 120,
      interval: 0.9,
      args: [
        '--cache-entries',
        String(Math.round(120 * jvmRate(4) * 0.45)),
        '--cache-entry-bytes',
        '3584'
      ]
    }),
    goHold4('slowleak480-gogc120', 'slow-leak', failOn(goHeap), {
      seconds: 120,
      interval: 4.5,
      env: { GOGC: '120' },
      args: goLeak(480)
    })
  )
}

// ---------------------------------------------------------------- a fifth holdout (group holdout5)
// Recorded fresh with settings no other group used, on a new machine, to judge the analysis on
// shapes it was never tuned on (holdout to holdout4 are tuning data now): 100 s – 3 min 20 s,
// samples every 0.6 / 1.1 / 1.7 / 3.5 s, caches filling over 33 % (896 B entries), 50 % (1600 B)
// and 62 % (Python, 3 KiB; JVM 38 %, 5 KiB) of the run, 13 MiB at 48 % and 22 MiB at 66 %, a
// listener leak of 260 B per request, 180 B per request under a tall sawtooth, a native leak of
// 170 B per request (Buffers) and 700 B per archive (malloc), a restart at 60 % with a 380 B map
// leak and one without a leak at 40 %, a kill at a 192 MiB limit, load that falls to a third at
// 55 %, a JVM heap leak of 600 B per unit. Eleven healthy runs, nine leaks.
const hold5 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h5-${id}`, example, mode, expected, {
    group: 'holdout5',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
const hold5Staged = (id, example, mode, expected, o) => ({
  ...hold2Staged(id, example, mode, expected, o),
  id: `h5-${id}`,
  group: 'holdout5'
})
{
  RUNS.push(
    hold5('cachefill33-135s', 'cache-fill', 'lru', pass, {
      seconds: 135,
      rate: 340,
      interval: 1100,
      args: ['--lru-size', String(Math.round(135 * 340 * 0.33)), '--lru-entry-bytes', '896']
    }),
    hold5('cachefill50-100s', 'cache-fill', 'lru', pass, {
      seconds: 100,
      rate: 400,
      interval: 600,
      args: ['--lru-size', String(Math.round(100 * 400 * 0.5)), '--lru-entry-bytes', '1600']
    }),
    hold5('step13at48-165s', 'step-40', 'step', pass, {
      seconds: 165,
      rate: 280,
      interval: 1700,
      args: ['--step-at', stepAt(165, 280, 0.48), '--step-bytes', String(13 * 2 ** 20)]
    }),
    hold5('step22at66-2m', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 360,
      interval: 3500,
      args: ['--step-at', stepAt(120, 360, 0.66), '--step-bytes', String(22 * 2 ** 20)]
    }),
    hold5Staged('third-healthy', 'healthy', 'healthy', pass, {
      start: 420,
      stages: [
        [75, 420],
        [0.001, 140],
        [60, 140]
      ],
      interval: 1100,
      args: ['--latency-ms', '10']
    }),
    hold5('garbage-200s', 'gc-sawtooth', 'garbage', pass, {
      seconds: 200,
      rate: 260,
      interval: 3500,
      args: ['--garbage-bytes', '196608']
    }),
    hold5('restart-healthy-40', 'restart-healthy', 'healthy', pass, {
      seconds: 120,
      rate: 340,
      interval: 1100,
      restartAt: Math.round(120 * 340 * 0.4)
    }),
    hold5('listener260-2m', 'listener-leak', 'listener-leak', fail(), {
      seconds: 120,
      rate: 300,
      interval: 1700,
      args: ['--listener-bytes', '260']
    }),
    hold5('saw180-165s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 165,
      rate: 480,
      interval: 1100,
      args: ['--slow-leak-bytes', '180', '--slow-garbage-keep', '96']
    }),
    hold5('native170-2m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 120,
      rate: 420,
      interval: 1700,
      args: ['--native-leak-bytes', '170']
    }),
    hold5('restart-map380-135s', 'restart-leak', 'map-leak', fail(), {
      seconds: 135,
      rate: 340,
      interval: 600,
      restartAt: Math.round(135 * 340 * 0.6),
      args: ['--leak-bytes', '380']
    }),
    hold5('oom-map3072-192m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 120,
      rate: 450,
      interval: 600,
      limit: '192MiB',
      oomKill: true,
      args: ['--leak-bytes', '3072']
    })
  )
  const pyHold5 = (id, expected, o) =>
    py(`h5-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout5', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold5('cache62-100s', pass, {
      seconds: 100,
      interval: 1.1,
      args: cacheArgs(Math.round(archives(100) * 0.62), 3072)
    }),
    pyHold5('step9at55-135s', pass, {
      seconds: 135,
      interval: 1.7,
      args: ['--step-at', '0.55', '--step-bytes', String(9 * 2 ** 20)]
    }),
    pyHold5('native700-2m', failOn('rss'), {
      seconds: 120,
      pace: 20,
      interval: 0.6,
      args: ['--native-leak-bytes', '700']
    }),
    pyHold5('leak1200-saw-100s', failOn('rss'), {
      seconds: 100,
      interval: 1.1,
      checkpoint: 60,
      args: ['--leak-bytes', '1200', '--garbage-bytes', '98304']
    })
  )
  const jvmHold5 = (id, mode, expected, o) =>
    jvm(`h5-jvm-${id}`, mode, expected, { group: 'holdout5', ...o })
  RUNS.push(
    jvmHold5('cache38', 'cache-fill', pass, {
      seconds: 100,
      interval: 1.7,
      args: jvmCache(100, 0.38, 5120)
    }),
    jvmHold5('table14at52', 'table-once', pass, {
      seconds: 90,
      interval: 1.1,
      heap: ['-Xmx320m'],
      args: ['--step-at', '0.52', '--step-bytes', String(14 * 2 ** 20)]
    }),
    jvmHold5('slowleak600', 'slow-leak', failOn(jvmHeap), {
      seconds: 100,
      interval: 3.5,
      args: ['--leak-bytes', '600']
    }),
    jvmHold5('native300', 'healthy', failOn(['rss_bytes']), {
      seconds: 110,
      interval: 1.1,
      heap: ['-Xms192m', '-Xmx192m'],
      args: ['--native-bytes', '300']
    })
  )
}

// ---------------------------------------------------------------- readings that beat with the GC cycle (group alias)
// A tall garbage sawtooth (the last 80–112 requests' 64 KiB of small objects) sampled every
// 1–1.25 s, about the young generation's own period, so the readings drift through the cycle and
// whole windows miss its troughs: healthy twins with no leak, bounded caches filling over 35–60 %
// of the run under the same sawtooth, and two leaks (120 and 250 B per request). Recorded to check
// that a last half carried by its last third's level (holdout5's 180 B/request leak) fails no
// healthy run of this shape.
const alias = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`al-${id}`, example, mode, expected, {
    group: 'alias',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  const saw = (leak, keep) => [
    '--slow-leak-bytes',
    String(leak),
    '--slow-garbage-keep',
    String(keep)
  ]
  const fill = (seconds, rate, at, bytes, keep) => [
    '--lru-size',
    String(Math.round(seconds * rate * at)),
    '--lru-entry-bytes',
    String(bytes),
    '--slow-garbage-keep',
    String(keep)
  ]
  RUNS.push(
    alias('saw0-k96-1100', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 165,
      rate: 480,
      interval: 1100,
      args: saw(0, 96)
    }),
    alias('saw0-k112-1000', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 150,
      rate: 450,
      interval: 1000,
      args: saw(0, 112)
    }),
    alias('saw0-k80-1250', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 150,
      rate: 500,
      interval: 1250,
      args: saw(0, 80)
    }),
    alias('fill45-k96-1100', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 480,
      interval: 1100,
      args: fill(150, 480, 0.45, 1024, 96)
    }),
    alias('fill60-k96-1000', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 480,
      interval: 1000,
      args: fill(150, 480, 0.6, 800, 96)
    }),
    alias('fill35-k80-1200', 'cache-fill', 'lru', pass, {
      seconds: 165,
      rate: 450,
      interval: 1200,
      args: fill(165, 450, 0.35, 1228, 80)
    }),
    alias('saw120-k96-1100', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 480,
      interval: 1100,
      args: saw(120, 96)
    }),
    alias('saw250-k112-1250', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 450,
      interval: 1250,
      args: saw(250, 112)
    })
  )
}

// ---------------------------------------------------------------- a sixth holdout (group holdout6)
// Recorded fresh with settings no other group used, to judge the analysis on shapes it was not
// tuned on: 100 s – 4 min, samples every 0.7 / 0.8 / 1.05 / 1.3 / 1.6 / 2.2 / 2.6 / 4 s, caches
// filling over 28 % (2 KiB entries, 4 min), 42 % (1152 B) and 55 % (under a tall sawtooth sampled
// at about its period; Python 50 %, JVM 47 %, Go 52 %), tables of 17 MiB at 58 % under that
// sawtooth and 8 MiB at 72 % (Python 14 MiB at 68 %, JVM 20 MiB at 40 %), a map leak of 220 B per
// request, 140 B per request under the tall sawtooth, a listener leak of 330 B, a native leak of
// 240 B per request (Buffers), 500 B per archive (malloc) and 600 B per unit (JVM Unsafe), a
// restart at half the run with a 300 B map leak, heap leaks of 600 B per archive under a sawtooth
// (Python), 400 B per unit (JVM) and 300 B per unit at GOGC=150 (Go). Twelve healthy, ten leaks.
const hold6 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h6-${id}`, example, mode, expected, {
    group: 'holdout6',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold6('cachefill42-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 310,
      interval: 2200,
      args: lru(150, 310, 0.42, 1152)
    }),
    hold6('cachefill28-4m', 'cache-fill', 'lru', pass, {
      seconds: 240,
      rate: 250,
      interval: 4000,
      args: lru(240, 250, 0.28, 2048)
    }),
    hold6('fill55-k88-1050', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 470,
      interval: 1050,
      args: [...lru(150, 470, 0.55, 900), '--slow-garbage-keep', '88']
    }),
    hold6('step17at58-k100-1150', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 460,
      interval: 1150,
      args: [
        '--step-at',
        stepAt(150, 460, 0.58),
        '--step-bytes',
        String(17 * 2 ** 20),
        '--slow-garbage-keep',
        '100'
      ]
    }),
    hold6('step8at72-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 330,
      interval: 800,
      args: ['--step-at', stepAt(150, 330, 0.72), '--step-bytes', String(8 * 2 ** 20)]
    }),
    hold6('garbage-4m', 'gc-sawtooth', 'garbage', pass, {
      seconds: 240,
      rate: 230,
      interval: 2600,
      args: ['--garbage-bytes', '131072']
    }),
    hold6('map220-3m', 'map-leak', 'map-leak', fail(), {
      seconds: 180,
      rate: 300,
      interval: 2200,
      args: ['--leak-bytes', '220']
    }),
    hold6('saw140-k88-1050', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 470,
      interval: 1050,
      args: ['--slow-leak-bytes', '140', '--slow-garbage-keep', '88']
    }),
    hold6('listener330-100s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 100,
      rate: 380,
      interval: 700,
      args: ['--listener-bytes', '330']
    }),
    hold6('native240-150s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 150,
      rate: 360,
      interval: 2600,
      args: ['--native-leak-bytes', '240']
    }),
    hold6('restart-map300-50', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 320,
      interval: 1300,
      restartAt: Math.round(150 * 320 * 0.5),
      args: ['--leak-bytes', '300']
    })
  )
  const pyHold6 = (id, expected, o) =>
    py(`h6-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout6', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold6('cache50-150s', pass, {
      seconds: 150,
      interval: 2.2,
      args: cacheArgs(Math.round(archives(150) * 0.5), 2048)
    }),
    pyHold6('step14at68-2m', pass, {
      seconds: 120,
      interval: 0.8,
      args: ['--step-at', '0.68', '--step-bytes', String(14 * 2 ** 20)]
    }),
    pyHold6('leak600-saw-150s', failOn('rss'), {
      seconds: 150,
      interval: 1.3,
      checkpoint: 40,
      args: ['--leak-bytes', '600', '--garbage-bytes', '131072']
    }),
    pyHold6('native500-150s', failOn('rss'), {
      seconds: 150,
      pace: 16,
      interval: 2.6,
      args: ['--native-leak-bytes', '500']
    })
  )
  const jvmHold6 = (id, mode, expected, o) =>
    jvm(`h6-jvm-${id}`, mode, expected, { group: 'holdout6', ...o })
  RUNS.push(
    jvmHold6('cache47', 'cache-fill', pass, {
      seconds: 120,
      interval: 1.3,
      args: jvmCache(120, 0.47, 6144)
    }),
    jvmHold6('table20at40', 'table-once', pass, {
      seconds: 120,
      interval: 2.2,
      args: ['--step-at', '0.4', '--step-bytes', String(20 * 2 ** 20)]
    }),
    jvmHold6('slowleak400', 'slow-leak', failOn(jvmHeap), {
      seconds: 150,
      interval: 1.6,
      args: ['--leak-bytes', '400']
    }),
    jvmHold6('native600', 'healthy', failOn(['rss_bytes']), {
      seconds: 120,
      interval: 2.2,
      args: ['--native-bytes', '600']
    })
  )
  const goHold6 = (id, mode, expected, o) =>
    goRun(`h6-go-${id}`, mode, expected, { ...o, group: 'holdout6' })
  RUNS.push(
    goHold6('cache52', 'cache-fill', pass, {
      seconds: 100,
      interval: 0.7,
      args: [
        '--cache-entries',
        String(Math.round(100 * jvmRate(4) * 0.52)),
        '--cache-entry-bytes',
        '3072'
      ]
    }),
    goHold6('healthy-gogc80', 'healthy', pass, {
      seconds: 120,
      interval: 4,
      env: { GOGC: '80' },
      args: ['--fanout', '12']
    }),
    goHold6('slowleak300-gogc150', 'slow-leak', failOn(goHeap), {
      seconds: 150,
      interval: 1.6,
      env: { GOGC: '150' },
      args: goLeak(300)
    })
  )
}

// ---------------------------------------------------------------- a seventh holdout (group holdout7)
// Recorded fresh with settings no other group used: 110 s – 200 s, samples every 0.5 / 0.7 / 0.9 /
// 1.0 / 1.1 / 1.2 / 1.4 / 1.5 / 1.8 / 1.9 / 2.0 / 2.4 / 3.0 / 3.2 s, caches filling over 36 % (1600 B
// entries), 58 % (720 B; Python 40 %, JVM 55 %, Go 38 %), tables of 12 MiB at 45 % and 19 MiB at 62 %
// under a tall sawtooth (Python 18 MiB at 45 %, JVM 14 MiB at 65 %, Go 12 MiB at 60 %), a healthy
// restart at 65 %, a map leak of 160 B per request, 200 B under the tall sawtooth, listeners of
// 250 B, a native leak of 180 B (Buffers), 420 B per archive (malloc) and 800 B per unit (JVM
// Unsafe), a restart at 35 % with a 260 B map leak, a kill at a 176 MiB limit, heap leaks of 450 B
// per archive (Python), 500 B per unit (JVM) and 250 B per unit (Go). Thirteen healthy, eleven leaks.
const hold7 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h7-${id}`, example, mode, expected, {
    group: 'holdout7',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold7('cachefill36-135s', 'cache-fill', 'lru', pass, {
      seconds: 135,
      rate: 340,
      interval: 1400,
      args: lru(135, 340, 0.36, 1600)
    }),
    hold7('cachefill58-200s', 'cache-fill', 'lru', pass, {
      seconds: 200,
      rate: 280,
      interval: 3000,
      args: lru(200, 280, 0.58, 720)
    }),
    hold7('step12at45-110s', 'step-40', 'step', pass, {
      seconds: 110,
      rate: 400,
      interval: 900,
      args: ['--step-at', stepAt(110, 400, 0.45), '--step-bytes', String(12 * 2 ** 20)]
    }),
    hold7('step19at62-k92-1200', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 470,
      interval: 1200,
      args: [
        '--step-at',
        stepAt(150, 470, 0.62),
        '--step-bytes',
        String(19 * 2 ** 20),
        '--slow-garbage-keep',
        '92'
      ]
    }),
    hold7('garbage160k-3m', 'gc-sawtooth', 'garbage', pass, {
      seconds: 180,
      rate: 270,
      interval: 1800,
      args: ['--garbage-bytes', '163840']
    }),
    hold7('restart-healthy-65', 'restart-healthy', 'healthy', pass, {
      seconds: 140,
      rate: 330,
      interval: 900,
      restartAt: Math.round(140 * 330 * 0.65)
    }),
    hold7('healthy-170s', 'healthy', 'healthy', pass, {
      seconds: 170,
      rate: 420,
      interval: 500
    }),
    hold7('map160-200s', 'map-leak', 'map-leak', fail(), {
      seconds: 200,
      rate: 290,
      interval: 1400,
      args: ['--leak-bytes', '160']
    }),
    hold7('saw200-k92-1200', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 135,
      rate: 470,
      interval: 1200,
      args: ['--slow-leak-bytes', '200', '--slow-garbage-keep', '92']
    }),
    hold7('listener250-150s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 150,
      rate: 330,
      interval: 3200,
      args: ['--listener-bytes', '250']
    }),
    hold7('native180-200s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 200,
      rate: 380,
      interval: 1900,
      args: ['--native-leak-bytes', '180']
    }),
    hold7('restart-map260-35', 'restart-leak', 'map-leak', fail(), {
      seconds: 160,
      rate: 310,
      interval: 1000,
      restartAt: Math.round(160 * 310 * 0.35),
      args: ['--leak-bytes', '260']
    }),
    hold7('oom-map2560-176m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 120,
      rate: 460,
      interval: 700,
      limit: '176MiB',
      oomKill: true,
      args: ['--leak-bytes', '2560']
    })
  )
  const pyHold7 = (id, expected, o) =>
    py(`h7-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout7', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold7('cache40-2m', pass, {
      seconds: 120,
      interval: 1.5,
      args: cacheArgs(Math.round(archives(120) * 0.4), 3072)
    }),
    pyHold7('step18at45-150s', pass, {
      seconds: 150,
      interval: 2.4,
      args: ['--step-at', '0.45', '--step-bytes', String(18 * 2 ** 20)]
    }),
    pyHold7('leak450-2m', failOn('rss'), {
      seconds: 120,
      interval: 1.1,
      args: ['--leak-bytes', '450']
    }),
    pyHold7('native420-200s', failOn('rss'), {
      seconds: 200,
      pace: 14,
      interval: 1.9,
      args: ['--native-leak-bytes', '420']
    })
  )
  const jvmHold7 = (id, mode, expected, o) =>
    jvm(`h7-jvm-${id}`, mode, expected, { group: 'holdout7', ...o })
  RUNS.push(
    jvmHold7('cache55', 'cache-fill', pass, {
      seconds: 135,
      interval: 1.8,
      args: jvmCache(135, 0.55, 5120)
    }),
    jvmHold7('table14at65', 'table-once', pass, {
      seconds: 110,
      interval: 1.0,
      args: ['--step-at', '0.65', '--step-bytes', String(14 * 2 ** 20)]
    }),
    jvmHold7('slowleak500', 'slow-leak', failOn(jvmHeap), {
      seconds: 150,
      interval: 2.0,
      args: ['--leak-bytes', '500']
    }),
    jvmHold7('native800', 'healthy', failOn(['rss_bytes']), {
      seconds: 130,
      interval: 1.4,
      args: ['--native-bytes', '800']
    })
  )
  const goHold7 = (id, mode, expected, o) =>
    goRun(`h7-go-${id}`, mode, expected, { ...o, group: 'holdout7' })
  RUNS.push(
    goHold7('cache38', 'cache-fill', pass, {
      seconds: 120,
      interval: 1.2,
      args: [
        '--cache-entries',
        String(Math.round(120 * jvmRate(4) * 0.38)),
        '--cache-entry-bytes',
        '2048'
      ]
    }),
    goHold7('table12at60-gogc120', 'table-once', pass, {
      seconds: 110,
      interval: 0.9,
      env: { GOGC: '120' },
      args: ['--step-at', '0.6', '--step-bytes', String(12 * 2 ** 20)]
    }),
    goHold7('slowleak250', 'slow-leak', failOn(goHeap), {
      seconds: 140,
      interval: 2.4,
      args: goLeak(250)
    })
  )
}

// ---------------------------------------------------------------- an eighth holdout (group holdout8)
// The issue's own shapes once more, at settings no other group used: caches filling over 31 %,
// 46 % and 61 % (Node, 1408 / 896 / 640 B entries; Python 45 %), tables of 11 / 16 / 20 MiB at 41 %,
// 52 % and 74 % (Python 13 MiB at 58 %), a slow leak of 150 B per request under a tall sawtooth in
// 2.5 minutes (the issue's example) and one of 120 B, a native leak of 90 B per request over 4
// minutes, a restart at 55 % with a 240 B map leak, a kill at a 160 MiB limit, Python 350 B per
// archive. Sampled every 0.6 / 0.85 / 1.15 / 1.35 / 1.7 / 2.1 / 2.8 s. Ten healthy, six leaks.
const hold8 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h8-${id}`, example, mode, expected, {
    group: 'holdout8',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold8('cachefill31-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 360,
      interval: 1350,
      args: lru(150, 360, 0.31, 1408)
    }),
    hold8('cachefill46-2m', 'cache-fill', 'lru', pass, {
      seconds: 120,
      rate: 420,
      interval: 850,
      args: lru(120, 420, 0.46, 896)
    }),
    hold8('cachefill61-165s', 'cache-fill', 'lru', pass, {
      seconds: 165,
      rate: 300,
      interval: 2100,
      args: lru(165, 300, 0.61, 640)
    }),
    hold8('step11at41-2m', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 380,
      interval: 1150,
      args: step(120, 380, 0.41, 11)
    }),
    hold8('step16at52-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 320,
      interval: 1700,
      args: step(150, 320, 0.52, 16)
    }),
    hold8('step20at74-135s', 'step-40', 'step', pass, {
      seconds: 135,
      rate: 400,
      interval: 600,
      args: step(135, 400, 0.74, 20)
    }),
    hold8('saw150-150s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 500,
      interval: 1000,
      args: ['--slow-leak-bytes', '150']
    }),
    hold8('saw120-k96-165s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 165,
      rate: 460,
      interval: 1350,
      args: ['--slow-leak-bytes', '120', '--slow-garbage-keep', '96']
    }),
    hold8('native90-4m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 240,
      rate: 400,
      interval: 2800,
      args: ['--native-leak-bytes', '90']
    }),
    hold8('restart-map240-55', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 330,
      interval: 850,
      restartAt: Math.round(150 * 330 * 0.55),
      args: ['--leak-bytes', '240']
    }),
    hold8('oom-map2304-160m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 120,
      rate: 440,
      interval: 600,
      limit: '160MiB',
      oomKill: true,
      args: ['--leak-bytes', '2304']
    })
  )
  const pyHold8 = (id, expected, o) =>
    py(`h8-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout8', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold8('cache45-135s', pass, {
      seconds: 135,
      interval: 1.7,
      args: cacheArgs(Math.round(archives(135) * 0.45), 2560)
    }),
    pyHold8('step13at58-2m', pass, {
      seconds: 120,
      interval: 1.15,
      args: ['--step-at', '0.58', '--step-bytes', String(13 * 2 ** 20)]
    }),
    pyHold8('healthy-150s', pass, { seconds: 150, interval: 2.1 }),
    pyHold8('healthy-100s', pass, { seconds: 100, interval: 0.6 }),
    pyHold8('leak350-150s', failOn('rss'), {
      seconds: 150,
      interval: 1.35,
      args: ['--leak-bytes', '350']
    })
  )
}

// ---------------------------------------------------------------- a ninth holdout (group holdout9)
// Fresh settings again, recorded before any rule of stop 21 was written: Node caches filling over
// 35 %, 52 % and 58 % (1152 / 768 / 1792 B entries), tables of 13 / 18 / 9 MiB at 44 %, 63 % and
// 70 %, a plain healthy run, a slow leak of 130 B per request under the tall sawtooth, a map leak of
// 190 B, a native leak of 110 B per request over 3 minutes, a restart at 40 % with a 200 B map leak,
// a kill at a 192 MiB limit; Python cache 55 %, table 16 MiB at 48 %, 380 B per archive native;
// JVM cache 42 %, 450 B per unit heap; Go table 15 MiB at 55 %, 200 B per unit. Sampled every
// 0.65 / 0.95 / 1.25 / 1.45 / 1.65 / 2.2 / 2.6 / 3.4 s.
const hold9 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h9-${id}`, example, mode, expected, {
    group: 'holdout9',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold9('cachefill35-140s', 'cache-fill', 'lru', pass, {
      seconds: 140,
      rate: 390,
      interval: 1450,
      args: lru(140, 390, 0.35, 1152)
    }),
    hold9('cachefill52-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 340,
      interval: 950,
      args: lru(150, 340, 0.52, 768)
    }),
    hold9('cachefill58-2m', 'cache-fill', 'lru', pass, {
      seconds: 120,
      rate: 410,
      interval: 1650,
      args: lru(120, 410, 0.58, 1792)
    }),
    hold9('step13at44-130s', 'step-40', 'step', pass, {
      seconds: 130,
      rate: 370,
      interval: 1250,
      args: step(130, 370, 0.44, 13)
    }),
    hold9('step18at63-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 350,
      interval: 2200,
      args: step(150, 350, 0.63, 18)
    }),
    hold9('step9at70-2m', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 430,
      interval: 650,
      args: step(120, 430, 0.7, 9)
    }),
    hold9('healthy-140s', 'healthy', 'healthy', pass, {
      seconds: 140,
      rate: 380,
      interval: 2600
    }),
    hold9('saw130-160s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 160,
      rate: 480,
      interval: 1250,
      args: ['--slow-leak-bytes', '130']
    }),
    hold9('map190-130s', 'map-leak', 'map-leak', fail(), {
      seconds: 130,
      rate: 360,
      interval: 1450,
      args: ['--leak-bytes', '190']
    }),
    hold9('native110-3m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 180,
      rate: 420,
      interval: 3400,
      args: ['--native-leak-bytes', '110']
    }),
    hold9('restart-map200-40', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 340,
      interval: 950,
      restartAt: Math.round(150 * 340 * 0.4),
      args: ['--leak-bytes', '200']
    }),
    hold9('oom-map2816-192m', 'oom-kill', 'map-leak', fail('oom-risk'), {
      seconds: 120,
      rate: 450,
      interval: 650,
      limit: '192MiB',
      oomKill: true,
      args: ['--leak-bytes', '2816']
    })
  )
  const pyHold9 = (id, expected, o) =>
    py(`h9-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout9', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold9('cache55-140s', pass, {
      seconds: 140,
      interval: 1.65,
      args: cacheArgs(Math.round(archives(140) * 0.55), 2816)
    }),
    pyHold9('step16at48-2m', pass, {
      seconds: 120,
      interval: 1.25,
      args: ['--step-at', '0.48', '--step-bytes', String(16 * 2 ** 20)]
    }),
    pyHold9('native380-170s', failOn('rss'), {
      seconds: 170,
      pace: 14,
      interval: 2.2,
      args: ['--native-leak-bytes', '380']
    })
  )
  RUNS.push(
    jvm('h9-jvm-cache42', 'cache-fill', pass, {
      group: 'holdout9',
      seconds: 130,
      interval: 1.45,
      args: jvmCache(130, 0.42, 4608)
    }),
    jvm('h9-jvm-slowleak450', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout9',
      seconds: 140,
      interval: 2.6,
      args: ['--leak-bytes', '450']
    }),
    goRun('h9-go-table15at55', 'table-once', pass, {
      group: 'holdout9',
      seconds: 120,
      interval: 0.95,
      args: ['--step-at', '0.55', '--step-bytes', String(15 * 2 ** 20)]
    }),
    goRun('h9-go-slowleak200', 'slow-leak', failOn(goHeap), {
      group: 'holdout9',
      seconds: 150,
      interval: 1.65,
      args: goLeak(200)
    })
  )
}

// ---------------------------------------------------------------- a tenth holdout at the edges (group holdout10)
// The issue's shapes at their edges, in short runs: caches filling over 30 % of 90 s, 45 % of 75 s
// and 60 % of 2 minutes, tables of 10 / 14 / 20 MiB at 40 / 50 / 75 %, the issue's 150 B per
// request under the tall sawtooth keeping 112 KiB per burst, 110 B per request over 3 minutes, a
// native leak of 60 B per request (the public driver report's pace) over 4 minutes, a restart at
// 60 % with a 180 B map leak; Python cache 35 % and 300 B per archive. Sampled every 0.55 / 0.75 /
// 1.05 / 1.55 / 1.85 / 2.35 / 3.1 s. Eight healthy, five leaks.
const hold10 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h10-${id}`, example, mode, expected, {
    group: 'holdout10',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold10('cachefill30-90s', 'cache-fill', 'lru', pass, {
      seconds: 90,
      rate: 440,
      interval: 1050,
      args: lru(90, 440, 0.3, 1536)
    }),
    hold10('cachefill45-75s', 'cache-fill', 'lru', pass, {
      seconds: 75,
      rate: 480,
      interval: 550,
      args: lru(75, 480, 0.45, 1024)
    }),
    hold10('cachefill60-2m', 'cache-fill', 'lru', pass, {
      seconds: 120,
      rate: 380,
      interval: 1850,
      args: lru(120, 380, 0.6, 1280)
    }),
    hold10('step10at40-90s', 'step-40', 'step', pass, {
      seconds: 90,
      rate: 420,
      interval: 750,
      args: step(90, 420, 0.4, 10)
    }),
    hold10('step14at50-2m', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 360,
      interval: 1550,
      args: step(120, 360, 0.5, 14)
    }),
    hold10('step20at75-100s', 'step-40', 'step', pass, {
      seconds: 100,
      rate: 400,
      interval: 1050,
      args: step(100, 400, 0.75, 20)
    }),
    hold10('saw150-k112-150s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 500,
      interval: 1850,
      args: ['--slow-leak-bytes', '150', '--slow-garbage-keep', '112']
    }),
    hold10('saw110-3m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 470,
      interval: 1550,
      args: ['--slow-leak-bytes', '110']
    }),
    hold10('native60-4m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 240,
      rate: 450,
      interval: 2350,
      args: ['--native-leak-bytes', '60']
    }),
    hold10('restart-map180-60', 'restart-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 350,
      interval: 1050,
      restartAt: Math.round(140 * 350 * 0.6),
      args: ['--leak-bytes', '180']
    })
  )
  const pyHold10 = (id, expected, o) =>
    py(`h10-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout10', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold10('cache35-100s', pass, {
      seconds: 100,
      interval: 1.05,
      args: cacheArgs(Math.round(archives(100) * 0.35), 3584)
    }),
    pyHold10('healthy-2m', pass, { seconds: 120, interval: 3.1 }),
    pyHold10('leak300-2m', failOn('rss'), {
      seconds: 120,
      interval: 0.75,
      args: ['--leak-bytes', '300']
    })
  )
}

// ---------------------------------------------------------------- an eleventh holdout (group holdout11)
// Recorded before any rule of stop 22 was written. Caches filling over 35–55 % of 110 s – 3 min 20 s
// read sparsely (every 2.1–2.6 s: stop 17's false fail `h2-cachefill40-3m` was one of these), one
// under the tall sawtooth; tables of 12 and 17 MiB at 45 and 68 %; a plain healthy run read every
// 2.9 s; leaks: 140 B per request under the tall sawtooth, a map of 170 B, a native leak of 80 B per
// request over 3 min 20 s, listeners, a restart at 50 % with a 220 B map leak; Python cache 45 %,
// plain healthy, 280 B per archive, native 400 B per archive; JVM cache 48 %, native 600 B per unit;
// Go table 10 MiB at 45 %, 180 B per unit. Twelve healthy, ten leaks.
const hold11 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h11-${id}`, example, mode, expected, {
    group: 'holdout11',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold11('cachefill35-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 330,
      interval: 2400,
      args: lru(150, 330, 0.35, 1408)
    }),
    hold11('cachefill42-200s', 'cache-fill', 'lru', pass, {
      seconds: 200,
      rate: 260,
      interval: 2600,
      args: lru(200, 260, 0.42, 1280)
    }),
    hold11('cachefill50-saw-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 400,
      interval: 2100,
      args: [...lru(160, 400, 0.5, 896), '--slow-garbage-keep', '96']
    }),
    hold11('cachefill55-110s', 'cache-fill', 'lru', pass, {
      seconds: 110,
      rate: 420,
      interval: 1350,
      args: lru(110, 420, 0.55, 2048)
    }),
    hold11('step12at45-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 390,
      interval: 2800,
      args: step(140, 390, 0.45, 12)
    }),
    hold11('step17at68-2m', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 440,
      interval: 1150,
      args: [...step(120, 440, 0.68, 17), '--slow-garbage-keep', '80']
    }),
    hold11('healthy-3m', 'healthy', 'healthy', pass, {
      seconds: 180,
      rate: 360,
      interval: 2900
    }),
    hold11('saw140-170s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 170,
      rate: 460,
      interval: 2100,
      args: ['--slow-leak-bytes', '140']
    }),
    hold11('map170-140s', 'map-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 380,
      interval: 2700,
      args: ['--leak-bytes', '170']
    }),
    hold11('native80-200s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 200,
      rate: 430,
      interval: 1800,
      args: ['--native-leak-bytes', '80']
    }),
    hold11('listener-2m', 'listener-leak', 'listener-leak', fail(), {
      seconds: 120,
      rate: 350,
      interval: 1600,
      args: ['--listener-bytes', '240']
    }),
    hold11('restart-map220-50', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 360,
      interval: 1250,
      restartAt: Math.round(150 * 360 * 0.5),
      args: ['--leak-bytes', '220']
    })
  )
  const pyHold11 = (id, expected, o) =>
    py(`h11-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout11', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold11('cache45-150s', pass, {
      seconds: 150,
      interval: 2.3,
      args: cacheArgs(Math.round(archives(150) * 0.45), 3072)
    }),
    pyHold11('healthy-170s', pass, { seconds: 170, interval: 2.9 }),
    pyHold11('leak280-150s', failOn('rss'), {
      seconds: 150,
      interval: 1.4,
      args: ['--leak-bytes', '280']
    }),
    pyHold11('native400-2m', failOn('rss'), {
      seconds: 120,
      pace: 14,
      interval: 1.9,
      args: ['--native-leak-bytes', '400']
    })
  )
  RUNS.push(
    jvm('h11-jvm-cache48', 'cache-fill', pass, {
      group: 'holdout11',
      seconds: 140,
      interval: 2.1,
      args: jvmCache(140, 0.48, 3584)
    }),
    jvm('h11-jvm-native600', 'healthy', failOn(['rss_bytes']), {
      group: 'holdout11',
      seconds: 120,
      interval: 1.3,
      args: ['--native-bytes', '600']
    }),
    goRun('h11-go-table10at45', 'table-once', pass, {
      group: 'holdout11',
      seconds: 130,
      interval: 2.2,
      args: ['--step-at', '0.45', '--step-bytes', String(10 * 2 ** 20)]
    }),
    goRun('h11-go-slowleak180', 'slow-leak', failOn(goHeap), {
      group: 'holdout11',
      seconds: 140,
      interval: 1.45,
      args: goLeak(180)
    })
  )
}

// ---------------------------------------------------------------- a twelfth holdout (group holdout12)
// Recorded after stop 22's rules were written (the idle tail, the re-landed sharp falls, RSS that
// climbs ahead of the heap's pages), to check them on runs none of them was tuned on: Node caches
// filling over 38 % and 48 % (under the tall sawtooth), tables of 15 and 11 MiB at 55 and 72 %, a
// plain healthy run; 120 B per request under the tall sawtooth, a map of 150 B, a native leak of
// 70 B per request over 3 min 40 s, listeners of 200 B, a restart at 45 % with a 200 B map leak;
// Python cache 50 %, table 14 MiB at 52 %, 320 B per archive, native 350 B per archive; JVM cache
// 36 %, table 18 MiB at 55 %, heap 400 B per unit, native 450 B per unit; Go cache 40 %, a native
// (mmap) leak of 300 B per unit. Twelve healthy, ten leaks.
const hold12 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h12-${id}`, example, mode, expected, {
    group: 'holdout12',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold12('cachefill38-170s', 'cache-fill', 'lru', pass, {
      seconds: 170,
      rate: 310,
      interval: 1900,
      args: lru(170, 310, 0.38, 1664)
    }),
    hold12('cachefill48-saw-130s', 'cache-fill', 'lru', pass, {
      seconds: 130,
      rate: 420,
      interval: 2300,
      args: [...lru(130, 420, 0.48, 1152), '--slow-garbage-keep', '64']
    }),
    hold12('step15at55-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 370,
      interval: 1700,
      args: step(150, 370, 0.55, 15)
    }),
    hold12('step11at72-110s', 'step-40', 'step', pass, {
      seconds: 110,
      rate: 430,
      interval: 2500,
      args: step(110, 430, 0.72, 11)
    }),
    hold12('healthy-150s', 'healthy', 'healthy', pass, {
      seconds: 150,
      rate: 400,
      interval: 1300
    }),
    hold12('saw120-200s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 200,
      rate: 450,
      interval: 2400,
      args: ['--slow-leak-bytes', '120']
    }),
    hold12('map150-160s', 'map-leak', 'map-leak', fail(), {
      seconds: 160,
      rate: 350,
      interval: 1900,
      args: ['--leak-bytes', '150']
    }),
    hold12('native70-220s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 220,
      rate: 440,
      interval: 2100,
      args: ['--native-leak-bytes', '70']
    }),
    hold12('listener200-130s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 130,
      rate: 330,
      interval: 2200,
      args: ['--listener-bytes', '200']
    }),
    hold12('restart-map200-45', 'restart-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 370,
      interval: 1500,
      restartAt: Math.round(140 * 370 * 0.45),
      args: ['--leak-bytes', '200']
    })
  )
  const pyHold12 = (id, expected, o) =>
    py(`h12-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout12', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold12('cache50-130s', pass, {
      seconds: 130,
      interval: 1.7,
      args: cacheArgs(Math.round(archives(130) * 0.5), 2560)
    }),
    pyHold12('step14at52-140s', pass, {
      seconds: 140,
      interval: 2.1,
      args: ['--step-at', '0.52', '--step-bytes', String(14 * 2 ** 20)]
    }),
    pyHold12('leak320-140s', failOn('rss'), {
      seconds: 140,
      interval: 2.4,
      args: ['--leak-bytes', '320']
    }),
    pyHold12('native350-150s', failOn('rss'), {
      seconds: 150,
      pace: 14,
      interval: 1.5,
      args: ['--native-leak-bytes', '350']
    })
  )
  RUNS.push(
    jvm('h12-jvm-cache36', 'cache-fill', pass, {
      group: 'holdout12',
      seconds: 120,
      interval: 1.7,
      args: jvmCache(120, 0.36, 4096)
    }),
    jvm('h12-jvm-table18at55', 'table-once', pass, {
      group: 'holdout12',
      seconds: 110,
      interval: 1.2,
      args: ['--step-at', '0.55', '--step-bytes', String(18 * 2 ** 20)]
    }),
    jvm('h12-jvm-slowleak400', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout12',
      seconds: 130,
      interval: 2.2,
      args: ['--leak-bytes', '400']
    }),
    jvm('h12-jvm-native450', 'healthy', failOn(['rss_bytes']), {
      group: 'holdout12',
      seconds: 130,
      interval: 1.7,
      args: ['--native-bytes', '450']
    }),
    goRun('h12-go-cache40', 'cache-fill', pass, {
      group: 'holdout12',
      seconds: 120,
      interval: 1.9,
      args: [
        '--cache-entries',
        String(Math.round(120 * jvmRate(4) * 0.4)),
        '--cache-entry-bytes',
        '2048'
      ]
    }),
    goRun('h12-go-mmap300', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout12',
      seconds: 130,
      interval: 1.3,
      args: ['--leak-bytes', '300']
    })
  )
}

// ---------------------------------------------------------------- a thirteenth holdout (group holdout13)
// Recorded at the start of stop 23, before any of its rules: Node caches filling over 33 %, 44 %
// (under the tall sawtooth) and 57 %, tables of 13 and 17 MiB at 62 and 41 %, a plain healthy run;
// 110 B per request under the tall sawtooth over 3 min, a map of 140 B, a native leak of 90 B per
// request over 3 min 20 s, listeners of 170 B, a restart at 58 % with a 170 B map leak; Python
// cache 42 %, healthy, 260 B per archive, native 420 B per archive; JVM cache 46 %, table 12 MiB at
// 65 %, heap 350 B per unit, native 700 B per unit; Go cache 52 %, a native (mmap) leak of 250 B
// per unit. Eleven healthy, ten leaks.
const hold13 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h13-${id}`, example, mode, expected, {
    group: 'holdout13',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold13('cachefill33-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 360,
      interval: 1600,
      args: lru(150, 360, 0.33, 1408)
    }),
    hold13('cachefill44-saw-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 400,
      interval: 2100,
      args: [...lru(160, 400, 0.44, 1024), '--slow-garbage-keep', '64']
    }),
    hold13('cachefill57-180s', 'cache-fill', 'lru', pass, {
      seconds: 180,
      rate: 330,
      interval: 2700,
      args: lru(180, 330, 0.57, 1536)
    }),
    hold13('step13at62-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 390,
      interval: 1400,
      args: step(140, 390, 0.62, 13)
    }),
    hold13('step17at41-120s', 'step-40', 'step', pass, {
      seconds: 120,
      rate: 410,
      interval: 2000,
      args: step(120, 410, 0.41, 17)
    }),
    hold13('healthy-170s', 'healthy', 'healthy', pass, {
      seconds: 170,
      rate: 380,
      interval: 2300
    }),
    hold13('saw110-180s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 460,
      interval: 1800,
      args: ['--slow-leak-bytes', '110']
    }),
    hold13('map140-150s', 'map-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 380,
      interval: 1700,
      args: ['--leak-bytes', '140']
    }),
    hold13('native90-200s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 200,
      rate: 420,
      interval: 2500,
      args: ['--native-leak-bytes', '90']
    }),
    hold13('listener170-140s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 140,
      rate: 350,
      interval: 1600,
      args: ['--listener-bytes', '170']
    }),
    hold13('restart-map170-58', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 360,
      interval: 1800,
      restartAt: Math.round(150 * 360 * 0.58),
      args: ['--leak-bytes', '170']
    })
  )
  const pyHold13 = (id, expected, o) =>
    py(`h13-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout13', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold13('cache42-140s', pass, {
      seconds: 140,
      interval: 1.9,
      args: cacheArgs(Math.round(archives(140) * 0.42), 3072)
    }),
    pyHold13('healthy-120s', pass, { seconds: 120, interval: 1.4 }),
    pyHold13('leak260-150s', failOn('rss'), {
      seconds: 150,
      interval: 2.2,
      args: ['--leak-bytes', '260']
    }),
    pyHold13('native420-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.8,
      args: ['--native-leak-bytes', '420']
    })
  )
  RUNS.push(
    jvm('h13-jvm-cache46', 'cache-fill', pass, {
      group: 'holdout13',
      seconds: 130,
      interval: 1.9,
      args: jvmCache(130, 0.46, 3072)
    }),
    jvm('h13-jvm-table12at65', 'table-once', pass, {
      group: 'holdout13',
      seconds: 120,
      interval: 1.5,
      args: ['--step-at', '0.65', '--step-bytes', String(12 * 2 ** 20)]
    }),
    jvm('h13-jvm-slowleak350', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout13',
      seconds: 140,
      interval: 2.0,
      args: ['--leak-bytes', '350']
    }),
    jvm('h13-jvm-native700', 'healthy', failOn(['rss_bytes']), {
      group: 'holdout13',
      seconds: 120,
      interval: 1.6,
      args: ['--native-bytes', '700']
    }),
    goRun('h13-go-cache52', 'cache-fill', pass, {
      group: 'holdout13',
      seconds: 130,
      interval: 1.7,
      args: [
        '--cache-entries',
        String(Math.round(130 * jvmRate(4) * 0.52)),
        '--cache-entry-bytes',
        '3072'
      ]
    }),
    goRun('h13-go-mmap250', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout13',
      seconds: 140,
      interval: 1.5,
      args: ['--leak-bytes', '250']
    })
  )
}

// ---------------------------------------------------------------- a fourteenth holdout (group holdout14)
// Recorded after stop 23's rules, as a check on them: Node caches filling over 36 %, 47 % (under
// the tall sawtooth, read every 2.4 s) and 52 %, tables of 14 and 19 MiB at 58 and 46 %, a plain
// healthy run; 130 B per request under the tall sawtooth, a map of 160 B, a native leak of 100 B
// per request over 3 min 10 s, listeners of 190 B, a restart at 52 % with a 190 B map leak;
// Python cache 38 %, table 12 MiB at 48 %, 290 B per archive; JVM cache 40 %, heap 380 B per
// unit, native 650 B per unit; Go table 14 MiB at 50 %, a native (mmap) leak of 280 B per unit.
// Ten healthy, nine leaks.
const hold14 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h14-${id}`, example, mode, expected, {
    group: 'holdout14',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold14('cachefill36-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 340,
      interval: 1500,
      args: lru(160, 340, 0.36, 1280)
    }),
    hold14('cachefill47-saw-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 410,
      interval: 2400,
      args: [...lru(150, 410, 0.47, 1088), '--slow-garbage-keep', '64']
    }),
    hold14('cachefill52-170s', 'cache-fill', 'lru', pass, {
      seconds: 170,
      rate: 350,
      interval: 2000,
      args: lru(170, 350, 0.52, 1216)
    }),
    hold14('step14at58-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 380,
      interval: 1800,
      args: step(150, 380, 0.58, 14)
    }),
    hold14('step19at46-130s', 'step-40', 'step', pass, {
      seconds: 130,
      rate: 400,
      interval: 1300,
      args: step(130, 400, 0.46, 19)
    }),
    hold14('healthy-160s', 'healthy', 'healthy', pass, {
      seconds: 160,
      rate: 390,
      interval: 1900
    }),
    hold14('saw130-190s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 190,
      rate: 440,
      interval: 2000,
      args: ['--slow-leak-bytes', '130']
    }),
    hold14('map160-140s', 'map-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 360,
      interval: 1600,
      args: ['--leak-bytes', '160']
    }),
    hold14('native100-190s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 190,
      rate: 430,
      interval: 2300,
      args: ['--native-leak-bytes', '100']
    }),
    hold14('listener190-130s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 130,
      rate: 340,
      interval: 1700,
      args: ['--listener-bytes', '190']
    }),
    hold14('restart-map190-52', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 350,
      interval: 1700,
      restartAt: Math.round(150 * 350 * 0.52),
      args: ['--leak-bytes', '190']
    })
  )
  const pyHold14 = (id, expected, o) =>
    py(`h14-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout14', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold14('cache38-130s', pass, {
      seconds: 130,
      interval: 1.6,
      args: cacheArgs(Math.round(archives(130) * 0.38), 2048)
    }),
    pyHold14('step12at48-130s', pass, {
      seconds: 130,
      interval: 2.0,
      args: ['--step-at', '0.48', '--step-bytes', String(12 * 2 ** 20)]
    }),
    pyHold14('leak290-140s', failOn('rss'), {
      seconds: 140,
      interval: 2.1,
      args: ['--leak-bytes', '290']
    })
  )
  RUNS.push(
    jvm('h14-jvm-cache40', 'cache-fill', pass, {
      group: 'holdout14',
      seconds: 120,
      interval: 1.8,
      args: jvmCache(120, 0.4, 3584)
    }),
    jvm('h14-jvm-slowleak380', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout14',
      seconds: 130,
      interval: 1.9,
      args: ['--leak-bytes', '380']
    }),
    jvm('h14-jvm-native650', 'healthy', failOn(['rss_bytes']), {
      group: 'holdout14',
      seconds: 120,
      interval: 1.5,
      args: ['--native-bytes', '650']
    }),
    goRun('h14-go-table14at50', 'table-once', pass, {
      group: 'holdout14',
      seconds: 120,
      interval: 1.6,
      args: ['--step-at', '0.5', '--step-bytes', String(14 * 2 ** 20)]
    }),
    goRun('h14-go-mmap280', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout14',
      seconds: 130,
      interval: 1.4,
      args: ['--leak-bytes', '280']
    })
  )
}

// ---------------------------------------------------------------- a fifteenth holdout (group holdout15)
// Recorded at the start of stop 24, before any of its rules: Node caches filling over 31 %, 44 %
// (under the tall sawtooth, read every 2.2 s) and 58 %, tables of 16 and 11 MiB at 44 and 67 %, a
// plain healthy run; 120 B per request under the tall sawtooth, a map of 150 B, a native leak of
// 110 B per request, listeners of 180 B; four Python caches (33, 40, 47 and 56 % with entries of
// 2–4 KiB, read every 1.5–2.4 s: stop 23's false fail was one of these), a Python table of 14 MiB
// at 60 %, Python leaks of 240 B and native 380 B per archive; JVM cache 44 %, native 600 B per
// unit; Go cache 45 %, mmap 260 B per unit. Thirteen healthy, eight leaks.
const hold15 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h15-${id}`, example, mode, expected, {
    group: 'holdout15',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold15('cachefill31-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 370,
      interval: 1700,
      args: lru(150, 370, 0.31, 1344)
    }),
    hold15('cachefill44-saw-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 400,
      interval: 2200,
      args: [...lru(160, 400, 0.44, 1152), '--slow-garbage-keep', '64']
    }),
    hold15('cachefill58-170s', 'cache-fill', 'lru', pass, {
      seconds: 170,
      rate: 330,
      interval: 1800,
      args: lru(170, 330, 0.58, 1088)
    }),
    hold15('step16at44-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 390,
      interval: 1600,
      args: step(140, 390, 0.44, 16)
    }),
    hold15('step11at67-130s', 'step-40', 'step', pass, {
      seconds: 130,
      rate: 410,
      interval: 1400,
      args: step(130, 410, 0.67, 11)
    }),
    hold15('healthy-150s', 'healthy', 'healthy', pass, {
      seconds: 150,
      rate: 370,
      interval: 2100
    }),
    hold15('saw120-180s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 450,
      interval: 1900,
      args: ['--slow-leak-bytes', '120']
    }),
    hold15('map150-150s', 'map-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 370,
      interval: 1800,
      args: ['--leak-bytes', '150']
    }),
    hold15('native110-180s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 180,
      rate: 410,
      interval: 2200,
      args: ['--native-leak-bytes', '110']
    }),
    hold15('listener180-140s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 140,
      rate: 350,
      interval: 1500,
      args: ['--listener-bytes', '180']
    })
  )
  const pyHold15 = (id, expected, o) =>
    py(`h15-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout15', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold15('cache33-130s', pass, {
      seconds: 130,
      interval: 1.5,
      args: cacheArgs(Math.round(archives(130) * 0.33), 4096)
    }),
    pyHold15('cache40-140s', pass, {
      seconds: 140,
      interval: 2.0,
      args: cacheArgs(Math.round(archives(140) * 0.4), 3072)
    }),
    pyHold15('cache47-150s', pass, {
      seconds: 150,
      interval: 2.4,
      args: cacheArgs(Math.round(archives(150) * 0.47), 2560)
    }),
    pyHold15('cache56-120s', pass, {
      seconds: 120,
      interval: 1.7,
      args: cacheArgs(Math.round(archives(120) * 0.56), 2048)
    }),
    pyHold15('step14at60-130s', pass, {
      seconds: 130,
      interval: 1.8,
      args: ['--step-at', '0.6', '--step-bytes', String(14 * 2 ** 20)]
    }),
    pyHold15('leak240-150s', failOn('rss'), {
      seconds: 150,
      interval: 2.0,
      args: ['--leak-bytes', '240']
    }),
    pyHold15('native380-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.9,
      args: ['--native-leak-bytes', '380']
    })
  )
  RUNS.push(
    jvm('h15-jvm-cache44', 'cache-fill', pass, {
      group: 'holdout15',
      seconds: 130,
      interval: 1.7,
      args: jvmCache(130, 0.44, 3072)
    }),
    jvm('h15-jvm-native600', 'healthy', failOn(['rss_bytes']), {
      group: 'holdout15',
      seconds: 120,
      interval: 1.8,
      args: ['--native-bytes', '600']
    }),
    goRun('h15-go-cache45', 'cache-fill', pass, {
      group: 'holdout15',
      seconds: 120,
      interval: 1.5,
      args: [
        '--cache-entries',
        String(Math.round(120 * jvmRate(4) * 0.45)),
        '--cache-entry-bytes',
        '3072'
      ]
    }),
    goRun('h15-go-mmap260', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout15',
      seconds: 130,
      interval: 1.6,
      args: ['--leak-bytes', '260']
    })
  )
}

// ---------------------------------------------------------------- a sixteenth holdout (group holdout16)
// Recorded after stop 24's rules, as a check on them: Node caches filling over 34 %, 50 % (under
// the tall sawtooth, read every 2.5 s) and 41 %, tables of 12 and 18 MiB at 52 and 63 %, a plain
// healthy run; 140 B per request under the tall sawtooth, a map of 170 B, a native leak of 95 B
// per request, listeners of 200 B, a restart at 48 % with a 180 B map leak; four Python caches
// (36, 44, 52 and 60 % with entries of 2–4 KiB, read every 1.6–2.3 s), a Python table of 10 MiB at
// 45 %, Python leaks of 280 B and native 400 B per archive; JVM cache 50 %, heap 360 B per unit;
// Go cache 38 %, mmap 270 B per unit. Thirteen healthy, nine leaks.
const hold16 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h16-${id}`, example, mode, expected, {
    group: 'holdout16',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold16('cachefill34-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 360,
      interval: 1900,
      args: lru(160, 360, 0.34, 1216)
    }),
    hold16('cachefill50-saw-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 420,
      interval: 2500,
      args: [...lru(150, 420, 0.5, 1024), '--slow-garbage-keep', '64']
    }),
    hold16('cachefill41-140s', 'cache-fill', 'lru', pass, {
      seconds: 140,
      rate: 380,
      interval: 1400,
      args: lru(140, 380, 0.41, 1408)
    }),
    hold16('step12at52-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 370,
      interval: 2000,
      args: step(150, 370, 0.52, 12)
    }),
    hold16('step18at63-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 400,
      interval: 1700,
      args: step(140, 400, 0.63, 18)
    }),
    hold16('healthy-140s', 'healthy', 'healthy', pass, {
      seconds: 140,
      rate: 400,
      interval: 1600
    }),
    hold16('saw140-170s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 170,
      rate: 450,
      interval: 2100,
      args: ['--slow-leak-bytes', '140']
    }),
    hold16('map170-140s', 'map-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 380,
      interval: 1500,
      args: ['--leak-bytes', '170']
    }),
    hold16('native95-190s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 190,
      rate: 420,
      interval: 2400,
      args: ['--native-leak-bytes', '95']
    }),
    hold16('listener200-130s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 130,
      rate: 360,
      interval: 1800,
      args: ['--listener-bytes', '200']
    }),
    hold16('restart-map180-48', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 360,
      interval: 1600,
      restartAt: Math.round(150 * 360 * 0.48),
      args: ['--leak-bytes', '180']
    })
  )
  const pyHold16 = (id, expected, o) =>
    py(`h16-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout16', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold16('cache36-140s', pass, {
      seconds: 140,
      interval: 1.6,
      args: cacheArgs(Math.round(archives(140) * 0.36), 3584)
    }),
    pyHold16('cache44-130s', pass, {
      seconds: 130,
      interval: 2.1,
      args: cacheArgs(Math.round(archives(130) * 0.44), 3072)
    }),
    pyHold16('cache52-150s', pass, {
      seconds: 150,
      interval: 2.3,
      args: cacheArgs(Math.round(archives(150) * 0.52), 2048)
    }),
    pyHold16('cache60-120s', pass, {
      seconds: 120,
      interval: 1.8,
      args: cacheArgs(Math.round(archives(120) * 0.6), 2560)
    }),
    pyHold16('step10at45-130s', pass, {
      seconds: 130,
      interval: 1.9,
      args: ['--step-at', '0.45', '--step-bytes', String(10 * 2 ** 20)]
    }),
    pyHold16('leak280-140s', failOn('rss'), {
      seconds: 140,
      interval: 2.0,
      args: ['--leak-bytes', '280']
    }),
    pyHold16('native400-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.7,
      args: ['--native-leak-bytes', '400']
    })
  )
  RUNS.push(
    jvm('h16-jvm-cache50', 'cache-fill', pass, {
      group: 'holdout16',
      seconds: 130,
      interval: 1.8,
      args: jvmCache(130, 0.5, 3072)
    }),
    jvm('h16-jvm-slowleak360', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout16',
      seconds: 130,
      interval: 1.7,
      args: ['--leak-bytes', '360']
    }),
    goRun('h16-go-cache38', 'cache-fill', pass, {
      group: 'holdout16',
      seconds: 120,
      interval: 1.6,
      args: [
        '--cache-entries',
        String(Math.round(120 * jvmRate(4) * 0.38)),
        '--cache-entry-bytes',
        '3072'
      ]
    }),
    goRun('h16-go-mmap270', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout16',
      seconds: 130,
      interval: 1.5,
      args: ['--leak-bytes', '270']
    })
  )
}

// ---------------------------------------------------------------- a seventeenth holdout (group holdout17)
// Recorded at stop 25's start, before any of its rules: Node caches filling over 38 %, 46 % (under
// the tall sawtooth, read every 2.3 s) and 55 %, tables of 14 and 16 MiB at 47 and 70 %, a plain
// healthy run; 130 and 160 B per request under the tall sawtooth, a map of 160 B, a native leak of
// 100 B per request, listeners of 190 B, a restart at 55 % with a 170 B map leak; Python caches of
// 39, 48 and 57 %, a Python table of 12 MiB at 55 %, Python leaks of 260 B and native 380 B per
// archive; JVM cache 45 %, heap 340 B per unit. Eleven healthy, nine leaks (no Go: this machine has
// no Go toolchain).
const hold17 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h17-${id}`, example, mode, expected, {
    group: 'holdout17',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold17('cachefill38-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 370,
      interval: 1700,
      args: lru(150, 370, 0.38, 1280)
    }),
    hold17('cachefill46-saw-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 410,
      interval: 2300,
      args: [...lru(160, 410, 0.46, 1088), '--slow-garbage-keep', '64']
    }),
    hold17('cachefill55-140s', 'cache-fill', 'lru', pass, {
      seconds: 140,
      rate: 390,
      interval: 1500,
      args: lru(140, 390, 0.55, 1152)
    }),
    hold17('step14at47-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 380,
      interval: 1800,
      args: step(150, 380, 0.47, 14)
    }),
    hold17('step16at70-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 400,
      interval: 1600,
      args: step(140, 400, 0.7, 16)
    }),
    hold17('healthy-150s', 'healthy', 'healthy', pass, {
      seconds: 150,
      rate: 390,
      interval: 1900
    }),
    hold17('saw130-170s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 170,
      rate: 460,
      interval: 2200,
      args: ['--slow-leak-bytes', '130']
    }),
    hold17('saw160-150s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 440,
      interval: 1900,
      args: ['--slow-leak-bytes', '160']
    }),
    hold17('map160-140s', 'map-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 390,
      interval: 1700,
      args: ['--leak-bytes', '160']
    }),
    hold17('native100-180s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 180,
      rate: 410,
      interval: 2200,
      args: ['--native-leak-bytes', '100']
    }),
    hold17('listener190-140s', 'listener-leak', 'listener-leak', fail(), {
      seconds: 140,
      rate: 370,
      interval: 1900,
      args: ['--listener-bytes', '190']
    }),
    hold17('restart-map170-55', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 370,
      interval: 1700,
      restartAt: Math.round(150 * 370 * 0.55),
      args: ['--leak-bytes', '170']
    })
  )
  const pyHold17 = (id, expected, o) =>
    py(`h17-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout17', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold17('cache39-140s', pass, {
      seconds: 140,
      interval: 1.7,
      args: cacheArgs(Math.round(archives(140) * 0.39), 3072)
    }),
    pyHold17('cache48-130s', pass, {
      seconds: 130,
      interval: 2.2,
      args: cacheArgs(Math.round(archives(130) * 0.48), 2560)
    }),
    pyHold17('cache57-140s', pass, {
      seconds: 140,
      interval: 1.9,
      args: cacheArgs(Math.round(archives(140) * 0.57), 3584)
    }),
    pyHold17('step12at55-130s', pass, {
      seconds: 130,
      interval: 2.0,
      args: ['--step-at', '0.55', '--step-bytes', String(12 * 2 ** 20)]
    }),
    pyHold17('leak260-140s', failOn('rss'), {
      seconds: 140,
      interval: 1.8,
      args: ['--leak-bytes', '260']
    }),
    pyHold17('native380-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.6,
      args: ['--native-leak-bytes', '380']
    })
  )
  RUNS.push(
    jvm('h17-jvm-cache45', 'cache-fill', pass, {
      group: 'holdout17',
      seconds: 130,
      interval: 1.9,
      args: jvmCache(130, 0.45, 3072)
    }),
    jvm('h17-jvm-slowleak340', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout17',
      seconds: 130,
      interval: 1.6,
      args: ['--leak-bytes', '340']
    })
  )
}

// ---------------------------------------------------------------- an eighteenth holdout (group holdout18)
// Recorded at stop 26's start, before any of its rules: Node caches filling over 33 %, 52 % (under
// the tall sawtooth) and 60 %, tables of 12 and 18 MiB at 40 and 75 %, a restart at 50 % with
// nothing kept; 150 and 110 B per request under the tall sawtooth, a map of 140 B, a native leak of
// 120 B per request, a restart at 45 % with a 160 B map leak; Python caches of 35 and 60 %, a table
// of 14 MiB at 42 %, leaks of 300 B and native 500 B per archive; a JVM cache of 55 % and a heap
// leak of 300 B per unit; Go (1.19, Debian's) a cache of 50 %, a table of 16 MiB at 60 %, a heap
// leak of 200 B and mmap'd pages of 240 B per unit. Twelve healthy, ten leaks.
const hold18 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h18-${id}`, example, mode, expected, {
    group: 'holdout18',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold18('cachefill33-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 380,
      interval: 1600,
      args: lru(150, 380, 0.33, 1344)
    }),
    hold18('cachefill52-saw-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 400,
      interval: 2100,
      args: [...lru(160, 400, 0.52, 1024), '--slow-garbage-keep', '64']
    }),
    hold18('cachefill60-140s', 'cache-fill', 'lru', pass, {
      seconds: 140,
      rate: 380,
      interval: 1700,
      args: lru(140, 380, 0.6, 1216)
    }),
    hold18('step12at40-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 390,
      interval: 1900,
      args: step(150, 390, 0.4, 12)
    }),
    hold18('step18at75-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 410,
      interval: 1500,
      args: step(140, 410, 0.75, 18)
    }),
    hold18('restart-healthy-50', 'restart-healthy', 'healthy', pass, {
      seconds: 150,
      rate: 360,
      interval: 1800,
      restartAt: Math.round(150 * 360 * 0.5)
    }),
    hold18('saw150-150s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 480,
      interval: 1300,
      args: ['--slow-leak-bytes', '150', '--slow-garbage-keep', '64']
    }),
    hold18('saw110-170s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 170,
      rate: 470,
      interval: 2000,
      args: ['--slow-leak-bytes', '110']
    }),
    hold18('map140-140s', 'map-leak', 'map-leak', fail(), {
      seconds: 140,
      rate: 400,
      interval: 1600,
      args: ['--leak-bytes', '140']
    }),
    hold18('native120-160s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 160,
      rate: 420,
      interval: 2000,
      args: ['--native-leak-bytes', '120']
    }),
    hold18('restart-map160-45', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 380,
      interval: 1700,
      restartAt: Math.round(150 * 380 * 0.45),
      args: ['--leak-bytes', '160']
    })
  )
  const pyHold18 = (id, expected, o) =>
    py(`h18-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout18', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold18('cache35-140s', pass, {
      seconds: 140,
      interval: 1.8,
      args: cacheArgs(Math.round(archives(140) * 0.35), 3072)
    }),
    pyHold18('cache60-130s', pass, {
      seconds: 130,
      interval: 2.1,
      args: cacheArgs(Math.round(archives(130) * 0.6), 2560)
    }),
    pyHold18('step14at42-130s', pass, {
      seconds: 130,
      interval: 1.9,
      args: ['--step-at', '0.42', '--step-bytes', String(14 * 2 ** 20)]
    }),
    pyHold18('leak300-130s', failOn('rss'), {
      seconds: 130,
      interval: 1.7,
      args: ['--leak-bytes', '300']
    }),
    pyHold18('native500-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.6,
      args: ['--native-leak-bytes', '500']
    })
  )
  RUNS.push(
    jvm('h18-jvm-cache55', 'cache-fill', pass, {
      group: 'holdout18',
      seconds: 130,
      interval: 1.7,
      args: jvmCache(130, 0.55, 3072)
    }),
    jvm('h18-jvm-slowleak300', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout18',
      seconds: 130,
      interval: 1.8,
      args: ['--leak-bytes', '300']
    }),
    goRun('h18-go-cache50', 'cache-fill', pass, {
      group: 'holdout18',
      seconds: 120,
      interval: 1.5,
      args: [
        '--cache-entries',
        String(Math.round(120 * jvmRate(4) * 0.5)),
        '--cache-entry-bytes',
        '3072'
      ]
    }),
    goRun('h18-go-table16at60', 'table-once', pass, {
      group: 'holdout18',
      seconds: 120,
      interval: 1.6,
      args: ['--step-at', '0.6', '--step-bytes', String(16 * 2 ** 20)]
    }),
    goRun('h18-go-slowleak200', 'slow-leak', failOn(goHeap), {
      group: 'holdout18',
      seconds: 120,
      interval: 1.5,
      args: ['--leak-bytes', '200']
    }),
    goRun('h18-go-mmap240', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout18',
      seconds: 130,
      interval: 1.6,
      args: ['--leak-bytes', '240']
    })
  )
}

// ---------------------------------------------------------------- a nineteenth holdout (group holdout19)
// Recorded at stop 28, after its rules, to judge them on runs they were not made on: Node caches
// filling over 40 % (tall sawtooth) and 55 %, a table of 15 MiB at 50 % sampled every 3 s, a
// restart at 60 % with nothing kept; 130 B per request under the tall sawtooth (sampled every
// 2.5 s), a native leak of 150 B per request (sampled every 2.2 s), a map of 100 B in a
// 4-minute run; Python caches of 45 % and 30 % (sampled every 3 s), a native leak of 700 B per
// archive beside a 30 % cache, a leak of 400 B per archive. Six healthy, five leaks.
const hold19 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h19-${id}`, example, mode, expected, {
    group: 'holdout19',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold19('cachefill40-saw-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 420,
      interval: 1800,
      args: [...lru(150, 420, 0.4, 1152), '--slow-garbage-keep', '64']
    }),
    hold19('cachefill55-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 360,
      interval: 1500,
      args: lru(150, 360, 0.55, 1280)
    }),
    hold19('step15at50-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 400,
      interval: 3000,
      args: step(150, 400, 0.5, 15)
    }),
    hold19('restart-healthy-60', 'restart-healthy', 'healthy', pass, {
      seconds: 140,
      rate: 380,
      interval: 1600,
      restartAt: Math.round(140 * 380 * 0.6)
    }),
    hold19('saw130-160s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 160,
      rate: 460,
      interval: 2500,
      args: ['--slow-leak-bytes', '130']
    }),
    hold19('native150-150s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 150,
      rate: 400,
      interval: 2200,
      args: ['--native-leak-bytes', '150']
    }),
    hold19('map100-240s', 'map-leak', 'map-leak', fail(), {
      seconds: 240,
      rate: 350,
      interval: 2000,
      args: ['--leak-bytes', '100']
    })
  )
  const pyHold19 = (id, expected, o) =>
    py(`h19-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout19', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold19('cache45-140s', pass, {
      seconds: 140,
      interval: 1.6,
      args: cacheArgs(Math.round(archives(140) * 0.45), 2048)
    }),
    pyHold19('cache30-150s', pass, {
      seconds: 150,
      interval: 3,
      args: cacheArgs(Math.round(archives(150) * 0.3), 3072)
    }),
    pyHold19('native700-cache30-140s', failOn('rss'), {
      seconds: 140,
      interval: 1.8,
      args: [...cacheArgs(Math.round(archives(140) * 0.3), 3072), '--native-leak-bytes', '700']
    }),
    pyHold19('leak400-130s', failOn('rss'), {
      seconds: 130,
      interval: 2,
      args: ['--leak-bytes', '400']
    })
  )
}

// ---------------------------------------------------------------- a twentieth holdout (group holdout20)
// Recorded at stop 29, after its rules, to judge them on runs they were not made on: Node caches
// filling over 58 % (sampled every 2 s), 62 % under the tall sawtooth and 45 % sampled every 3 s,
// tables of 12 MiB at 72 % and 18 MiB at 40 %; 120 B per request under the tall sawtooth in 3
// minutes, a native leak of 100 B per request, a map of 120 B, a map of 250 B restarted halfway;
// a Python cache of 50 %, a leak of 300 B per archive. Six healthy, five leaks.
const hold20 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h20-${id}`, example, mode, expected, {
    group: 'holdout20',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold20('cachefill58-160s', 'cache-fill', 'lru', pass, {
      seconds: 160,
      rate: 350,
      interval: 2000,
      args: lru(160, 350, 0.58, 768)
    }),
    hold20('cachefill62-saw-150s', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 400,
      interval: 2200,
      args: [...lru(150, 400, 0.62, 896), '--slow-garbage-keep', '64']
    }),
    hold20('cachefill45-170s', 'cache-fill', 'lru', pass, {
      seconds: 170,
      rate: 380,
      interval: 3000,
      args: lru(170, 380, 0.45, 1024)
    }),
    hold20('step12at72-150s', 'step-40', 'step', pass, {
      seconds: 150,
      rate: 400,
      interval: 2000,
      args: step(150, 400, 0.72, 12)
    }),
    hold20('step18at40-140s', 'step-40', 'step', pass, {
      seconds: 140,
      rate: 400,
      interval: 1500,
      args: step(140, 400, 0.4, 18)
    }),
    hold20('saw120-180s', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 180,
      rate: 450,
      interval: 2200,
      args: ['--slow-leak-bytes', '120']
    }),
    hold20('native100-160s', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 160,
      rate: 400,
      interval: 2000,
      args: ['--native-leak-bytes', '100']
    }),
    hold20('map120-150s', 'map-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 380,
      interval: 1700,
      args: ['--leak-bytes', '120']
    }),
    hold20('restart-map250-150s', 'restart-leak', 'map-leak', fail(), {
      seconds: 150,
      rate: 380,
      interval: 1800,
      args: ['--leak-bytes', '250'],
      restartAt: Math.round(150 * 380 * 0.5)
    })
  )
  const pyHold20 = (id, expected, o) =>
    py(`h20-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout20', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold20('cache50-150s', pass, {
      seconds: 150,
      interval: 2,
      args: cacheArgs(Math.round(archives(150) * 0.5), 2560)
    }),
    pyHold20('leak300-140s', failOn('rss'), {
      seconds: 140,
      interval: 1.8,
      args: ['--leak-bytes', '300']
    })
  )
}

// ---------------------------------------------------------------- a twenty-first holdout (group holdout21)
// Recorded at stop 35 before any rule of that stop, to judge the rules on runs of CI's usual length:
// five minutes where the earlier groups ran two or three. Node caches filling over 40 % and 55 %
// (the second under the tall sawtooth), a table of 16 MiB at 60 %, the tall sawtooth alone; a Python
// cache of 35 %; 50 B per request under the tall sawtooth, a native leak of 80 B per request, a map
// restarted halfway keeping 100 B per request; a Python leak of 400 B per archive. Five healthy, four
// leaks.
const hold21 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h21-${id}`, example, mode, expected, {
    group: 'holdout21',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold21('cachefill40-5m', 'cache-fill', 'lru', pass, {
      seconds: 300,
      rate: 300,
      interval: 3000,
      args: lru(300, 300, 0.4, 640)
    }),
    hold21('cachefill55-saw-5m', 'cache-fill', 'lru', pass, {
      seconds: 300,
      rate: 350,
      interval: 2500,
      args: [...lru(300, 350, 0.55, 512), '--slow-garbage-keep', '64']
    }),
    hold21('step16at60-5m', 'step-40', 'step', pass, {
      seconds: 300,
      rate: 350,
      interval: 2500,
      args: step(300, 350, 0.6, 16)
    }),
    hold21('saw0-5m', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 300,
      rate: 400,
      interval: 2000,
      args: ['--slow-leak-bytes', '0', '--slow-garbage-keep', '64']
    }),
    hold21('saw50-5m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 300,
      rate: 450,
      interval: 2200,
      args: ['--slow-leak-bytes', '50', '--slow-garbage-keep', '64']
    }),
    hold21('native80-5m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 300,
      rate: 400,
      interval: 3000,
      args: ['--native-leak-bytes', '80']
    }),
    hold21('restart-map100-5m', 'restart-leak', 'map-leak', fail(), {
      seconds: 300,
      rate: 350,
      interval: 2500,
      args: ['--leak-bytes', '100'],
      restartAt: Math.round(300 * 350 * 0.5)
    })
  )
  const pyHold21 = (id, expected, o) =>
    py(`h21-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout21', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold21('cache35-5m', pass, {
      seconds: 300,
      interval: 3,
      args: cacheArgs(Math.round(archives(300) * 0.35), 2048)
    }),
    pyHold21('leak400-5m', failOn('rss'), {
      seconds: 300,
      interval: 3,
      args: ['--leak-bytes', '400']
    })
  )
}

// ---------------------------------------------------------------- a twenty-second holdout (group holdout22)
// Recorded at stop 35 after its rules, to judge them on runs of CI's usual length in the other
// runtimes: a JVM cache filling over 45 % of 5 minutes, a Go cache over 40 % and a Go table of
// 16 MiB at 45 %, the node service restarted halfway; a JVM leak of 120 B per unit, a Go leak of
// 80 B per unit and an mmap leak of 100 B per unit, a Python native leak of 400 B per archive. Four
// healthy, four leaks.
{
  const units = (seconds) => Math.round(seconds * jvmRate(4))
  RUNS.push(
    jvm('h22-jvm-cache45-5m', 'cache-fill', pass, {
      group: 'holdout22',
      seconds: 300,
      interval: 3,
      args: jvmCache(300, 0.45, 1024)
    }),
    jvm('h22-jvm-slowleak120-5m', 'slow-leak', failOn(jvmHeap), {
      group: 'holdout22',
      seconds: 300,
      interval: 3,
      args: ['--leak-bytes', '120']
    }),
    goRun('h22-go-cache40-5m', 'cache-fill', pass, {
      group: 'holdout22',
      seconds: 300,
      interval: 3,
      args: ['--cache-entries', String(Math.round(units(300) * 0.4)), '--cache-entry-bytes', '1024']
    }),
    goRun('h22-go-table16at45-5m', 'table-once', pass, {
      group: 'holdout22',
      seconds: 300,
      interval: 2.5,
      args: ['--step-at', '0.45', '--step-bytes', String(16 * 2 ** 20)]
    }),
    goRun('h22-go-slowleak80-5m', 'slow-leak', failOn(goHeap), {
      group: 'holdout22',
      seconds: 300,
      interval: 3,
      args: ['--leak-bytes', '80']
    }),
    goRun('h22-go-mmap100-5m', 'mmap-leak', failOn(['rss_bytes', 'outside_go_runtime_bytes']), {
      group: 'holdout22',
      seconds: 300,
      interval: 3,
      args: ['--leak-bytes', '100']
    }),
    node('h22-restart-healthy-5m', 'restart-healthy', 'healthy', pass, {
      group: 'holdout22',
      requests: 300 * 300,
      rate: 300,
      interval: 2500,
      restartAt: 45_000
    }),
    py('h22-py-native400-5m', 'broker-healthy', 'healthy', failOn('rss'), {
      group: 'holdout22',
      seconds: 300,
      interval: 3,
      args: ['--native-leak-bytes', '400']
    })
  )
}

// ---------------------------------------------------------------- a twenty-third holdout (group holdout23)
// Recorded at the start of stop 36, before any rule of it: five-minute runs of the shapes at the
// edges of the issue's ranges. Node caches filling over 30 % and 60 % (the second under a sawtooth),
// tables of 12 MiB at 75 % (under a sawtooth) and 20 MiB at 40 %, a Python table of 14 MiB at 70 %;
// 80 B per request under the tall sawtooth, 150 B per request kept from halfway on, a native leak of
// 120 B per request restarted at 60 %, a Python native leak of 250 B per archive beside a cache of
// 40 %. Five healthy, four leaks.
const hold23 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`h23-${id}`, example, mode, expected, {
    group: 'holdout23',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  RUNS.push(
    hold23('cachefill30-5m', 'cache-fill', 'lru', pass, {
      seconds: 300,
      rate: 320,
      interval: 2000,
      args: lru(300, 320, 0.3, 640)
    }),
    hold23('cachefill60-saw-5m', 'cache-fill', 'lru', pass, {
      seconds: 300,
      rate: 300,
      interval: 3000,
      args: [...lru(300, 300, 0.6, 512), '--slow-garbage-keep', '32']
    }),
    hold23('step12at75-saw-5m', 'step-40', 'step', pass, {
      seconds: 300,
      rate: 350,
      interval: 2500,
      args: [...step(300, 350, 0.75, 12), '--slow-garbage-keep', '48']
    }),
    hold23('step20at40-5m', 'step-40', 'step', pass, {
      seconds: 300,
      rate: 300,
      interval: 3000,
      args: step(300, 300, 0.4, 20)
    }),
    hold23('saw80-5m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 300,
      rate: 400,
      interval: 2500,
      args: ['--slow-leak-bytes', '80', '--slow-garbage-keep', '48']
    }),
    hold23('late150-5m', 'late-leak', 'late-leak', fail(), {
      seconds: 300,
      rate: 350,
      interval: 2500,
      args: ['--leak-bytes', '150', '--request-budget', String(300 * 350)]
    }),
    hold23('restart-native120-5m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      seconds: 300,
      rate: 350,
      interval: 3000,
      args: ['--native-leak-bytes', '120'],
      restartAt: Math.round(300 * 350 * 0.6)
    })
  )
  const pyHold23 = (id, expected, o) =>
    py(`h23-py-${id}`, 'broker-healthy', 'healthy', expected, { group: 'holdout23', ...o })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyHold23('step14at70-5m', pass, {
      seconds: 300,
      interval: 3,
      args: ['--step-at', '0.7', '--step-bytes', String(14 * 2 ** 20)]
    }),
    pyHold23('native250-cache40-5m', failOn('rss'), {
      seconds: 300,
      interval: 3,
      args: [...cacheArgs(Math.round(archives(300) * 0.4), 2048), '--native-leak-bytes', '250']
    })
  )
}

// ---------------------------------------------------------------- a twenty-fourth holdout (group holdout24)
// Recorded during stop 36, after holdout23 showed a healthy cache filling over 60 % of 5 minutes
// under a sawtooth failing: more five-minute cache fills (35–60 %, with and without the sawtooth,
// entries of 384 B – 1 KiB) to measure how often that happens. Six healthy (leaks beside caches:
// the copies, scripts/sweep's leak copies of these recordings).
{
  const hold24 = (
    id,
    expected,
    {
      seconds = 300,
      rate,
      at,
      bytes,
      keep,
      interval,
      mode = 'lru',
      example = 'cache-fill',
      extra = []
    }
  ) =>
    node(`h24-${id}`, example, mode, expected, {
      group: 'holdout24',
      requests: Math.round(seconds * rate),
      rate,
      interval,
      args: [
        ...lru(seconds, rate, at, bytes),
        ...(keep ? ['--slow-garbage-keep', String(keep)] : []),
        ...extra
      ]
    })
  RUNS.push(
    hold24('cachefill35-saw-5m', pass, {
      rate: 320,
      at: 0.35,
      bytes: 768,
      keep: 40,
      interval: 2500
    }),
    hold24('cachefill45-5m', pass, { rate: 350, at: 0.45, bytes: 512, interval: 3000 }),
    hold24('cachefill50-saw-5m', pass, {
      rate: 300,
      at: 0.5,
      bytes: 640,
      keep: 32,
      interval: 3000
    }),
    hold24('cachefill55-5m', pass, { rate: 280, at: 0.55, bytes: 1024, interval: 2500 }),
    hold24('cachefill60-5m', pass, { rate: 300, at: 0.6, bytes: 384, interval: 2000 }),
    hold24('cachefill60-saw24-5m', pass, {
      rate: 320,
      at: 0.6,
      bytes: 512,
      keep: 24,
      interval: 3000
    })
  )
}

// ---------------------------------------------------------------- a twenty-fifth holdout (group holdout25)
// Recorded late in stop 36, after its rules, to judge them blind: five-minute Node runs of a cache
// filling over 25 % and 40 % (entries of 768 B and 512 B), a 16 MiB table at 50 % under the
// sawtooth, the tall sawtooth alone; 120 B per request under the tall sawtooth, a map of 200 B per
// request, a native leak of 150 B per request. Four healthy, three leaks.
{
  const hold25 = (id, example, mode, expected, { seconds = 300, rate, ...o }) =>
    node(`h25-${id}`, example, mode, expected, {
      group: 'holdout25',
      requests: Math.round(seconds * rate),
      rate,
      ...o
    })
  RUNS.push(
    hold25('cachefill25-5m', 'cache-fill', 'lru', pass, {
      rate: 330,
      interval: 2500,
      args: lru(300, 330, 0.25, 768)
    }),
    hold25('cachefill40-5m', 'cache-fill', 'lru', pass, {
      rate: 300,
      interval: 2000,
      args: lru(300, 300, 0.4, 512)
    }),
    hold25('step16at50-saw-5m', 'step-40', 'step', pass, {
      rate: 350,
      interval: 2500,
      args: [...step(300, 350, 0.5, 16), '--slow-garbage-keep', '48']
    }),
    hold25('saw0-5m', 'sawtooth-slow-leak', 'slow-leak', pass, {
      rate: 380,
      interval: 2500,
      args: ['--slow-leak-bytes', '0', '--slow-garbage-keep', '56']
    }),
    hold25('saw120-5m', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      rate: 380,
      interval: 2500,
      args: ['--slow-leak-bytes', '120', '--slow-garbage-keep', '56']
    }),
    hold25('map200-5m', 'map-leak', 'map-leak', fail(), {
      rate: 300,
      interval: 3000,
      args: ['--leak-bytes', '200']
    }),
    hold25('native150-5m', 'native-leak', 'native-leak', failOn(['rss', 'MemUsage']), {
      rate: 350,
      interval: 2500,
      args: ['--native-leak-bytes', '150']
    })
  )
}

// ---------------------------------------------------------------- Python with tracemalloc (group traced)
// The python worker with --tracemalloc: memory.csv gains `traced` (tracemalloc's current size, the
// Python objects alive) beside RSS, and the snapshots too. Caches filling over 45 and 55 % (then
// the allocator's creep in RSS), a table of 12 MiB at 50 %, a plain run; a leak of 260 B and a
// native (malloc) leak of 380 and 1000 B per archive, which tracemalloc does not see. Four healthy,
// three leaks.
{
  const pyTraced = (id, expected, o) =>
    py(`tr-py-${id}`, 'broker-healthy', 'healthy', expected, {
      group: 'traced',
      ...o,
      args: [...(o.args ?? []), '--tracemalloc']
    })
  const archives = (seconds, pace = 12) => Math.round(seconds * pyRate(pace))
  RUNS.push(
    pyTraced('cache45-140s', pass, {
      seconds: 140,
      interval: 1.8,
      args: cacheArgs(Math.round(archives(140) * 0.45), 3072)
    }),
    pyTraced('cache55-130s', pass, {
      seconds: 130,
      interval: 2.0,
      args: cacheArgs(Math.round(archives(130) * 0.55), 2560)
    }),
    pyTraced('step12at50-130s', pass, {
      seconds: 130,
      interval: 1.9,
      args: ['--step-at', '0.5', '--step-bytes', String(12 * 2 ** 20)]
    }),
    pyTraced('healthy-130s', pass, { seconds: 130, interval: 1.7 }),
    pyTraced('leak260-140s', failOn('traced'), {
      seconds: 140,
      interval: 1.8,
      args: ['--leak-bytes', '260']
    }),
    pyTraced('native380-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.6,
      args: ['--native-leak-bytes', '380']
    }),
    // 380 B per archive adds 2.9 MiB in all, under the 4 MiB any leak must add: this one, 7.5 MiB.
    pyTraced('native1000-130s', failOn('rss'), {
      seconds: 130,
      pace: 14,
      interval: 1.6,
      args: ['--native-leak-bytes', '1000']
    })
  )
}

// ---------------------------------------------------------------- tables under readings that beat with the GC cycle (group alias2)
// Group alias's tall sawtooth sampled at about its own period, with a table of 10–22 MiB built once
// at 45–77 % of the run instead of a cache: synthetic one-step runs of this shape failed
// sustained-growth 4–10 % of the time (a 15 MiB table at 77 % read as growth over the last 47 s).
const alias2 = (id, { seconds, rate, at, mib, keep, interval }) =>
  node(`al2-${id}`, 'step-40', 'step', pass, {
    group: 'alias2',
    requests: Math.round(seconds * rate),
    rate,
    interval,
    args: [
      '--step-at',
      String(200 + Math.round(seconds * rate * at)),
      '--step-bytes',
      String(mib * 2 ** 20),
      '--slow-garbage-keep',
      String(keep)
    ]
  })
RUNS.push(
  alias2('step15at77-k96-1100', {
    seconds: 150,
    rate: 480,
    at: 0.77,
    mib: 15,
    keep: 96,
    interval: 1100
  }),
  alias2('step10at45-k112-1000', {
    seconds: 150,
    rate: 450,
    at: 0.45,
    mib: 10,
    keep: 112,
    interval: 1000
  }),
  alias2('step22at65-k80-1250', {
    seconds: 165,
    rate: 500,
    at: 0.65,
    mib: 22,
    keep: 80,
    interval: 1250
  }),
  alias2('step12at70-k96-1050', {
    seconds: 120,
    rate: 480,
    at: 0.7,
    mib: 12,
    keep: 96,
    interval: 1050
  })
)

// ---------------------------------------------------------------- more readings that beat with the GC cycle (group alias3)
// Group alias's sawtooth at other periods and sampling (every 0.95–1.3 s), to check that the
// reserved heap's pace (heapTotal's floor to the end) fails no cache filling under it: caches
// filling over 40, 50 and 65 % of the run, two healthy twins, and leaks of 90 and 170 B/request.
const alias3 = (id, example, mode, expected, { seconds, rate, ...o }) =>
  node(`al3-${id}`, example, mode, expected, {
    group: 'alias3',
    requests: Math.round(seconds * rate),
    rate,
    ...o
  })
{
  const fill = (seconds, rate, at, bytes, keep) => [
    '--lru-size',
    String(Math.round(seconds * rate * at)),
    '--lru-entry-bytes',
    String(bytes),
    '--slow-garbage-keep',
    String(keep)
  ]
  const saw = (leak, keep) => [
    '--slow-leak-bytes',
    String(leak),
    '--slow-garbage-keep',
    String(keep)
  ]
  RUNS.push(
    alias3('fill40-k104-950', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 500,
      interval: 950,
      args: fill(150, 500, 0.4, 1024, 104)
    }),
    alias3('fill50-k72-1300', 'cache-fill', 'lru', pass, {
      seconds: 165,
      rate: 420,
      interval: 1300,
      args: fill(165, 420, 0.5, 700, 72)
    }),
    alias3('fill65-k90-1100', 'cache-fill', 'lru', pass, {
      seconds: 150,
      rate: 460,
      interval: 1100,
      args: fill(150, 460, 0.65, 600, 90)
    }),
    alias3('saw0-k104-950', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 150,
      rate: 500,
      interval: 950,
      args: saw(0, 104)
    }),
    alias3('saw0-k72-1300', 'sawtooth-slow-leak', 'slow-leak', pass, {
      seconds: 165,
      rate: 420,
      interval: 1300,
      args: saw(0, 72)
    }),
    alias3('saw90-k104-950', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 150,
      rate: 500,
      interval: 950,
      args: saw(90, 104)
    }),
    alias3('saw170-k72-1300', 'sawtooth-slow-leak', 'slow-leak', fail(), {
      seconds: 165,
      rate: 420,
      interval: 1300,
      args: saw(170, 72)
    })
  )
}

// ---------------------------------------------------------------- recording

const runProcess = (command, args, timeoutMs, logFile, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: repo,
      env: { ...process.env, ...env }
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      fs.writeFileSync(logFile, out)
      resolve({ code, signal, out })
    })
  })

const recordRun = async (run, outRoot) => {
  const dir = path.join(outRoot, 'runs', run.id)
  const data = path.join(dir, 'data')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(data, { recursive: true })
  const started = Date.now()
  let result
  if (run.kind === 'node') {
    const prewarm = run.prewarm ?? 200
    const seconds = run.stages
      ? Math.ceil(run.rampSeconds + (prewarm / run.rate) * 1.5) + 10
      : Math.ceil(((run.requests + prewarm) / run.rate) * 1.5) + 5
    result = await runProcess(
      process.execPath,
      [
        path.join(examples, 'node-service', 'run-scenario.mjs'),
        '--mode',
        run.mode,
        '--requests',
        String(run.requests),
        '--rate',
        String(run.rate),
        '--duration',
        String(seconds),
        '--interval',
        String(run.interval),
        '--prewarm',
        String(prewarm),
        '--cooldown',
        '3',
        '--limit',
        run.limit ?? '1GiB',
        ...(run.restartAt ? ['--restart-at', String(run.restartAt)] : []),
        ...(run.oomKill ? ['--oom-kill'] : []),
        '--name',
        `${run.example}-web-1`,
        ...(run.stages ? ['--stages', run.stages, '--start-rate', String(run.startRate)] : []),
        '--out',
        data,
        `--service-args=${(run.args ?? []).join(' ')}`
      ],
      (seconds + 90) * 1000,
      path.join(dir, 'record.log')
    )
  } else if (run.kind === 'go') {
    const limit = run.seconds * 2 + 60
    result = await runProcess(
      goWorker(outRoot),
      [
        '--mode',
        run.mode,
        '--units',
        String(run.units),
        '--interval',
        String(run.interval),
        '--pace-ms',
        String(run.pace),
        '--max-seconds',
        String(limit),
        '--out',
        data,
        ...run.args
      ],
      (limit + 60) * 1000,
      path.join(dir, 'record.log'),
      run.env
    )
    // The runtime writes GODEBUG=gctrace=1 to stderr: the service's log, uploaded with its files.
    if (/gctrace=1/.test(run.env.GODEBUG ?? ''))
      fs.copyFileSync(path.join(dir, 'record.log'), path.join(data, 'gctrace.log'))
  } else if (run.kind === 'jvm') {
    const limit = run.seconds * 2 + 60
    result = await runProcess(
      'java',
      [
        ...run.heap,
        `-Xlog:${run.gcLog}:file=${path.join(data, 'gc.log')}:time,uptime,level,tags`,
        path.join(examples, 'jvm-worker', 'Worker.java'),
        '--mode',
        run.mode,
        '--units',
        String(run.units),
        '--interval',
        String(run.interval),
        '--pace-ms',
        String(run.pace),
        '--max-seconds',
        String(limit),
        '--out',
        data,
        ...run.args
      ],
      (limit + 60) * 1000,
      path.join(dir, 'record.log')
    )
  } else {
    result = await runProcess(
      'python3',
      [
        path.join(examples, 'python-worker', 'worker.py'),
        '--mode',
        run.mode,
        '--archives',
        String(run.archives),
        '--interval',
        String(run.interval),
        '--checkpoint',
        String(run.checkpoint),
        ...(run.pace === undefined ? [] : ['--pace-ms', String(run.pace)]),
        '--max-seconds',
        String(run.seconds ? run.seconds * 2 + 60 : 600),
        '--out',
        data,
        ...(run.args ?? [])
      ],
      ((run.seconds ? run.seconds * 2 + 60 : 600) + 60) * 1000,
      path.join(dir, 'record.log')
    )
  }
  const meta = {
    ...run,
    code: result.code,
    signal: result.signal,
    seconds: (Date.now() - started) / 1000
  }
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2))
  return `${run.id}: exit ${result.code ?? result.signal} in ${meta.seconds.toFixed(0)} s ${result.out.trim().split('\n').pop()?.slice(0, 160) ?? ''}`
}

/**
 * examples/go-worker built once into OUT/bin (the Go build cache makes a rebuild cheap); null
 * when `go` is not installed.
 */
let goBinary
const goWorker = (outRoot) => {
  if (goBinary !== undefined) return goBinary
  const bin = path.join(outRoot, 'bin', 'go-worker')
  fs.mkdirSync(path.dirname(bin), { recursive: true })
  const built = spawnSync('go', ['build', '-o', bin, path.join(examples, 'go-worker', 'main.go')], {
    cwd: repo,
    encoding: 'utf8'
  })
  if (built.error || built.status !== 0)
    throw new Error(`go build failed: ${built.error?.message ?? built.stderr}`)
  goBinary = bin
  return bin
}
const hasGo = () => !spawnSync('go', ['version']).error

const pool = async (items, limit, worker) => {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        try {
          console.log(await worker(item))
        } catch (error) {
          console.error(`${item.id}: ${error.stack ?? error}`)
        }
      }
    })
  )
}

// ---------------------------------------------------------------- judging

const DATA_COPY = (from, to) => {
  fs.rmSync(to, { recursive: true, force: true })
  fs.mkdirSync(to, { recursive: true })
  for (const file of fs.readdirSync(from))
    fs.copyFileSync(path.join(from, file), path.join(to, file))
}

/**
 * The example's leak-gate.yml, with the snapshots a python recording holds: the worker writes
 * baseline.json and post-test.json (each after a forced gc.collect()) since it could; a recording
 * from before has none and is judged with the example's config as it stands.
 */
const sweepConfig = (meta, data) => {
  // The JVM worker's config sits beside it (the bundled JVM examples ship a copy in artifacts/).
  let text = fs.readFileSync(
    meta.kind === 'jvm' || meta.kind === 'go'
      ? path.join(examples, meta.example, 'leak-gate.yml')
      : path.join(examples, meta.example, 'artifacts', 'leak-gate.yml'),
    'utf8'
  )
  const has = (file) => fs.existsSync(path.join(data, file))
  // A Go run's collector trace, as a user who set GODEBUG=gctrace=1 lists the service's log.
  if (meta.kind === 'go' && has('gctrace.log'))
    return text.replace(
      /^snapshots:/m,
      '  - file: gctrace.log              # GODEBUG=gctrace=1, saved from stderr: the heap each cycle left live\nsnapshots:'
    )
  // A Python run with --tracemalloc: its traced column, as a user who records it names it.
  const traced =
    meta.kind === 'python' &&
    has('memory.csv') &&
    /,traced$/m.test(fs.readFileSync(path.join(data, 'memory.csv'), 'utf8').split('\n', 1)[0])
  if (traced) text = text.replace(/^( +)rss: memory$/m, '$1rss: memory\n$1traced: memory')
  if (
    meta.kind !== 'python' ||
    /^snapshots:/m.test(text) ||
    !has('baseline.json') ||
    !has('post-test.json')
  )
    return text
  return `${text.trimEnd()}\nsnapshots:                         # each after a forced gc.collect()\n  baseline: baseline.json\n  post: post-test.json\n  work: archives\n`
}

const buildPipeline = () => {
  const outDir = path.join(repo, 'build', 'sweep')
  const result = spawnSync('npx', ['tsc', '--outDir', outDir, '--noEmit', 'false'], {
    cwd: repo,
    encoding: 'utf8'
  })
  if (result.status !== 0)
    console.error(`tsc reported errors (emitting anyway):\n${result.stdout.slice(0, 2000)}`)
  return path.join(outDir, 'src', 'pipeline.js')
}

const summarise = (report) => {
  const signatures = [...new Set(report.findings.map((f) => f.signature))]
  return { verdict: report.verdict, signatures, errors: report.errors.map((e) => e.message) }
}

const judgeAll = async (outRoot, { build, verbose, only, pipeline }) => {
  const pipelinePath = pipeline
    ? path.resolve(pipeline)
    : build
      ? buildPipeline()
      : path.join(repo, 'build', 'sweep', 'src', 'pipeline.js')
  const { runPipeline } = await import(pathToFileURL(pipelinePath).href)
  const runsDir = path.join(outRoot, 'runs')
  const ids = fs.existsSync(runsDir) ? fs.readdirSync(runsDir).sort() : []
  const rows = []
  let wrong = 0
  // Per kind (the run's id without its number): healthy runs that failed / warned, leaks caught.
  const tally = new Map()
  const count = (kind, expected, cfgVerdict, zeroVerdict, okCfg, okZero) => {
    const t = tally.get(kind) ?? {
      expected,
      runs: 0,
      right: { cfg: 0, zero: 0 },
      cfg: { fail: 0, warn: 0, pass: 0, error: 0 },
      zero: { fail: 0, warn: 0, pass: 0, error: 0 }
    }
    t.runs++
    if (okCfg) t.right.cfg++
    if (okZero) t.right.zero++
    t.cfg[cfgVerdict]++
    t.zero[zeroVerdict]++
    tally.set(kind, t)
  }
  for (const id of ids) {
    if (only && !only.includes(id)) continue
    const dir = path.join(runsDir, id)
    if (!fs.existsSync(path.join(dir, 'meta.json'))) continue
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'))
    const cfg = path.join(dir, 'cfg')
    const zero = path.join(dir, 'zero')
    DATA_COPY(path.join(dir, 'data'), cfg)
    DATA_COPY(path.join(dir, 'data'), zero)
    fs.writeFileSync(path.join(cfg, 'leak-gate.yml'), sweepConfig(meta, path.join(dir, 'data')))
    const now = new Date('2026-11-25T00:00:00Z')
    const withConfig = await runPipeline({ root: cfg, workspace: cfg, now })
    const zeroConfig = await runPipeline({ root: zero, workspace: zero, now })
    fs.writeFileSync(path.join(dir, 'report-cfg.json'), JSON.stringify(withConfig, null, 1))
    fs.writeFileSync(path.join(dir, 'report-zero.json'), JSON.stringify(zeroConfig, null, 1))
    const a = summarise(withConfig)
    const b = summarise(zeroConfig)
    // The expectation as the script states it now (a recording keeps the one of its day).
    const expected = RUNS.find((r) => r.id === id)?.expected ?? meta.expected
    // With `metric`, the leak must be found on that metric (a leak's rss, not a gc-lagging live count).
    // (`metric` may list several: the JVM's live heap is both the sampled used heap and the GC log's.)
    const onMetric = (report) =>
      !expected.metric ||
      report.findings.some(
        (f) =>
          f.level === 'fail' &&
          [expected.metric].flat().includes(f.metric) &&
          (expected.signatures.length === 0 || expected.signatures.includes(f.signature))
      )
    const okCfg =
      a.verdict === expected.verdict &&
      expected.signatures.every((s) => a.signatures.includes(s)) &&
      onMetric(withConfig)
    // Zero-config: a healthy run must not fail; a leak should fail (signatures are not required).
    const okZero =
      expected.verdict === 'pass'
        ? b.verdict !== 'fail' && b.verdict !== 'error'
        : b.verdict === 'fail' && onMetric(zeroConfig)
    if (!okCfg) wrong++
    count(id.replace(/-\d+$/, ''), expected.verdict, a.verdict, b.verdict, okCfg, okZero)
    const params =
      meta.kind === 'node' && meta.stages
        ? `${meta.startRate}→${meta.stages} ${meta.interval}ms ${(meta.args ?? []).join(' ').replace(/--/g, '')}`
        : meta.kind === 'go'
          ? `${meta.units} units ${meta.seconds}s ${meta.interval}s ${Object.entries(meta.env ?? {})
              .map(([k, v]) => `${k}=${v} `)
              .join('')}${meta.args.join(' ').replace(/--/g, '')}`
          : meta.kind === 'jvm'
            ? `${meta.units} units ${meta.seconds}s ${meta.interval}s ${meta.heap.join(' ')} ${meta.args.join(' ').replace(/--/g, '')}`
            : meta.kind === 'node'
              ? `${meta.requests / 1000}k@${meta.rate}/s ${meta.interval}ms ${(meta.args ?? []).join(' ').replace(/--/g, '')}`
              : `${meta.archives} archives${meta.pace === undefined ? '' : ` pace ${meta.pace}ms`} ${meta.interval}s ckpt ${meta.checkpoint} ${(meta.args ?? []).join(' ').replace(/--/g, '')}`
    rows.push([
      id,
      params.trim(),
      `${expected.verdict} ${expected.signatures.join(',')}${expected.metric ? ` on ${expected.metric}` : ''}`,
      `${okCfg ? 'ok ' : 'BAD'} ${a.verdict} ${a.signatures.join(',')}${a.errors.length ? ` ERR ${a.errors[0]}` : ''}`,
      `${okZero ? 'ok ' : 'BAD'} ${b.verdict} ${b.signatures.join(',')}${b.errors.length ? ` ERR ${b.errors[0]}` : ''}`
    ])
    if (verbose) {
      for (const s of withConfig.analyses ?? withConfig.series ?? []) {
        if (s.kind !== 'series') continue
        console.log(`  ${id} ${s.id}: ${s.status} ${s.explanation}`)
      }
    }
  }
  const header = ['run', 'params', 'expected', 'got (config)', 'got (zero-config)']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
  console.log(`\n${rows.length} runs, ${wrong} wrong with config`)
  // The false-fail rate over healthy runs and the detection over leaks, with config and without.
  const sum = (which, expected, verdict) =>
    [...tally.values()]
      .filter((t) => t.expected === expected)
      .reduce((n, t) => n + t[which][verdict], 0)
  const runsOf = (expected) =>
    [...tally.values()].filter((t) => t.expected === expected).reduce((n, t) => n + t.runs, 0)
  console.log(
    '\nkind | expected | runs | config: fail / warn / pass | zero-config: fail / warn / pass'
  )
  for (const [kind, t] of [...tally.entries()].sort())
    console.log(
      `${kind} | ${t.expected} | ${t.runs} | ${t.cfg.fail} / ${t.cfg.warn} / ${t.cfg.pass}${t.cfg.error ? ` (+${t.cfg.error} error)` : ''} | ${t.zero.fail} / ${t.zero.warn} / ${t.zero.pass}${t.zero.error ? ` (+${t.zero.error} error)` : ''}`
    )
  const healthy = runsOf('pass')
  const leaks = runsOf('fail')
  if (healthy > 0)
    console.log(
      `healthy runs: ${healthy}; false fails ${sum('cfg', 'pass', 'fail')} with config, ${sum('zero', 'pass', 'fail')} zero-config; warnings ${sum('cfg', 'pass', 'warn')} / ${sum('zero', 'pass', 'warn')}`
    )
  if (leaks > 0)
    console.log(
      `leaks: ${leaks}; failed ${sum('cfg', 'fail', 'fail')} with config, ${sum('zero', 'fail', 'fail')} zero-config; warned ${sum('cfg', 'fail', 'warn')} / ${sum('zero', 'fail', 'warn')}; caught as expected (signatures, metric) ${[...tally.values()].filter((t) => t.expected === 'fail').reduce((n, t) => n + t.right.cfg, 0)} / ${[...tally.values()].filter((t) => t.expected === 'fail').reduce((n, t) => n + t.right.zero, 0)}`
    )
}

/** The service's closing summary line in a run's record.log (sent, elapsedMs, ...), or null. */
const recordSummary = (dir) => {
  const file = path.join(dir, 'record.log')
  if (!fs.existsSync(file)) return null
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const value = JSON.parse(lines[i])
      if (value && typeof value === 'object' && 'elapsedMs' in value) return value
    } catch {}
  }
  return null
}

/** The leak shape a run stands for, and the snapshot metric that measures what it retained. */
const shapeOf = (meta) => {
  if (meta.mode === 'native-leak')
    return { shape: 'native (Buffers outside the JS heap)', metric: 'external' }
  if (meta.mode === 'slow-leak' && (meta.args ?? []).includes('--slow-garbage-keep'))
    return { shape: 'slow leak under a tall GC sawtooth', metric: 'heapUsed' }
  if (meta.mode === 'slow-leak') return { shape: 'slow leak (JS heap)', metric: 'heapUsed' }
  if (meta.mode === 'garbage' || meta.mode === 'healthy')
    return { shape: 'healthy', metric: 'heapUsed' }
  return null
}

const verdictOf = (r) =>
  r
    ? `${r.verdict} ${[...new Set(r.findings.filter((f) => f.level === r.verdict).map((f) => f.signature))].join(', ')}`.trim()
    : '?'

/**
 * A python run's row of the limit table. What an archive cost is the least-squares slope of RSS on
 * archives over the steady part (after the first 20 % of archives): recordings made before the
 * worker wrote snapshots have none, and its snapshots' RSS holds the allocator's pages too.
 */
const pythonLimitRow = (id, dir, meta) => {
  const flag = (name) => {
    const i = (meta.args ?? []).indexOf(name)
    return i >= 0 ? meta.args[i + 1] : null
  }
  const shape = flag('--native-leak-bytes')
    ? ['python native (malloc, never freed)', flag('--native-leak-bytes')]
    : flag('--leak-bytes')
      ? [
          `python slow leak (dict)${flag('--garbage-bytes') ? ' under garbage churn' : ''}`,
          flag('--leak-bytes')
        ]
      : meta.mode === 'healthy' && !(meta.args ?? []).length
        ? ['python healthy', null]
        : null
  if (!shape) return null
  const lines = fs
    .readFileSync(path.join(dir, 'data', 'memory.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  const rows = lines
    .map((l) => l.split(','))
    .map(([t, a, r]) => ({ t: Date.parse(t), a: Number(a), r: Number(r) }))
  const last = rows[rows.length - 1]
  const seconds = (last.t - rows[0].t) / 1000
  const steady = rows.filter((r) => r.a >= 0.2 * last.a)
  const mean = (f) => steady.reduce((n, r) => n + f(r), 0) / steady.length
  const ma = mean((r) => r.a)
  const mr = mean((r) => r.r)
  const slope =
    steady.reduce((n, r) => n + (r.a - ma) * (r.r - mr), 0) /
    steady.reduce((n, r) => n + (r.a - ma) ** 2, 0)
  const read = (name) =>
    fs.existsSync(path.join(dir, name))
      ? JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'))
      : null
  // Which metric carried the verdict matters here: a gc-lagging live count is no evidence of the leak.
  const verdict = (r) =>
    r
      ? `${r.verdict} ${[...new Set(r.findings.filter((f) => f.level === r.verdict).map((f) => `${f.signature} (${f.metric})`))].join(', ')}`.trim()
      : '?'
  return `| ${shape[0]} | ${shape[1] ? `${shape[1]} B` : '-'} | ${(seconds / 60).toFixed(1)} min, ${Math.round(last.a / seconds)} archives/s, every ${meta.interval} s | ${slope.toFixed(0)} B (rss slope) | ${((slope * last.a * 3600) / seconds / 2 ** 20).toFixed(1)} MiB/h | ${verdict(read('report-cfg.json'))} | ${verdict(read('report-zero.json'))} | ${id} |`
}

/**
 * The measured detection limit: for every judged leak run (JS heap, under a tall sawtooth,
 * native) and every healthy node run, what a request really retained (post-test − baseline of
 * the shape's metric, both after a forced GC, ÷ requests served), that rate per hour at the rate
 * the load generator really held, and the verdict with the example's config and with none.
 */
const limitTable = (outRoot) => {
  const runsDir = path.join(outRoot, 'runs')
  const rows = []
  for (const id of fs.readdirSync(runsDir).sort()) {
    const dir = path.join(runsDir, id)
    const file = path.join(dir, 'report-cfg.json')
    if (!fs.existsSync(file)) continue
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'))
    if (meta.kind === 'python') {
      const row = pythonLimitRow(id, dir, meta)
      if (row) rows.push(row)
      continue
    }
    const kind = meta.kind === 'node' ? shapeOf(meta) : null
    if (!kind) continue
    const summary = recordSummary(dir)
    const requests = summary?.sent ?? meta.requests
    const seconds = summary?.elapsedMs ? summary.elapsedMs / 1000 : meta.requests / meta.rate
    const report = JSON.parse(fs.readFileSync(file, 'utf8'))
    const zeroFile = path.join(dir, 'report-zero.json')
    const zero = fs.existsSync(zeroFile) ? JSON.parse(fs.readFileSync(zeroFile, 'utf8')) : null
    // The snapshots themselves (both after a forced GC): external counts the Buffers a native leak keeps.
    const snap = (name) =>
      JSON.parse(fs.readFileSync(path.join(dir, 'data', name), 'utf8'))[kind.metric]
    const delta = snap('post-test.json') - snap('baseline.json')
    const perRequest = Number.isFinite(delta) ? delta / requests : Number.NaN
    const perHour = (perRequest * requests * 3600) / seconds
    const verdict = (r) =>
      r
        ? `${r.verdict} ${[...new Set(r.findings.filter((f) => f.level === r.verdict).map((f) => f.signature))].join(', ')}`.trim()
        : '?'
    const bytes = (meta.args ?? []).find((a, i, all) => /-bytes$/.test(all[i - 1] ?? '')) ?? ''
    rows.push(
      `| ${kind.shape} | ${bytes ? `${bytes} B` : '-'} | ${(seconds / 60).toFixed(1)} min, ${Math.round(requests / seconds)} req/s, every ${meta.interval / 1000} s | ${perRequest.toFixed(0)} B (${kind.metric}) | ${(perHour / 2 ** 20).toFixed(0)} MiB/h | ${verdict(report)} | ${verdict(zero)} | ${id} |`
    )
  }
  console.log(
    '| shape | kept per request | length, load held, sampling | retained per request | per hour | verdict (config) | verdict (zero-config) | run |'
  )
  console.log('| --- | ---: | --- | ---: | ---: | --- | --- | --- |')
  for (const row of rows.sort()) console.log(row)
}

// ---------------------------------------------------------------- command line

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      group: { type: 'string', default: 'all' },
      only: { type: 'string', multiple: true },
      out: { type: 'string', default: '/tmp/leak-sweep' },
      build: { type: 'boolean', default: true },
      'no-build': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      parallel: { type: 'string', default: '2' },
      // judge with another build's pipeline.js (an older commit's, built elsewhere): before/after
      pipeline: { type: 'string' }
    }
  })
  const command = positionals[0] ?? 'list'
  const out = path.resolve(values.out)
  if (out.startsWith(examples)) throw new Error('the sweep never writes into examples/')
  const chosen = RUNS.filter(
    (r) =>
      (values.group === 'all' || values.group.split(',').includes(r.group)) &&
      (!values.only || values.only.includes(r.id))
  )
  if (command === 'list') {
    for (const r of chosen)
      console.log(`${r.id}\t${r.group}\t${r.kind}\t${r.mode}\t${r.expected.verdict}`)
  } else if (command === 'record') {
    const started = Date.now()
    // Longest first so the two lanes finish together.
    const length = (r) =>
      r.kind === 'node' ? (r.rampSeconds ?? r.requests / r.rate) : (r.seconds ?? r.archives * 0.02)
    const runnable = chosen.filter((r) => r.kind !== 'go' || hasGo())
    if (runnable.length < chosen.length)
      console.log(`go is not installed: ${chosen.length - runnable.length} Go run(s) skipped`)
    const ordered = [...runnable].sort((a, b) => length(b) - length(a))
    await pool(ordered, Math.max(1, Math.min(2, Number(values.parallel))), (r) => recordRun(r, out))
    console.log(
      `recorded ${chosen.length} runs in ${((Date.now() - started) / 60000).toFixed(1)} min`
    )
  } else if (command === 'limit') {
    limitTable(out)
  } else if (command === 'judge') {
    await judgeAll(out, {
      build: !values['no-build'],
      verbose: values.verbose,
      only: values.only,
      pipeline: values.pipeline
    })
  } else {
    console.error(`unknown command ${command}: record | judge | list`)
    process.exit(2)
  }
}

// Generates the hand-made Report fixtures of the renderer tests (deterministic PRNG).
// Run: node __fixtures__/report/make-fixtures.mjs  (writes *.json next to this file)
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const MiB = 1024 * 1024
const KiB = 1024
const HOUR = 3_600_000

function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const round = (v, d = 0) => Number(v.toFixed(d))

/** Least squares with a normal-approximation interval and p-value: good enough for fixtures. */
function fit(xs, ys) {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2
    sxy += (xs[i] - mx) * (ys[i] - my)
  }
  const slope = sxy / sxx
  let sse = 0
  for (let i = 0; i < n; i++) sse += (ys[i] - my - slope * (xs[i] - mx)) ** 2
  const se = Math.sqrt(sse / (n - 2) / sxx)
  const z = Math.abs(slope / se)
  const p = erfc(z / Math.SQRT2)
  return { slope, low: slope - 1.96 * se, high: slope + 1.96 * se, p, x0: mx, y0: my }
}

function erfc(x) {
  const t = 1 / (1 + 0.5 * x)
  const r =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851973 + t * (-0.82215223 + t * 0.17087277))))))))
    )
  return Math.min(1, r)
}

/**
 * Builds a SeriesAnalysis from raw samples: buckets for the chart (mean/min/max),
 * steady-window fits of values and floor, per-hour slopes.
 */
function analyse(spec) {
  const { time, value, work, warmupMs, bucket = 1, status, explanation } = spec
  const chart = { xAxis: 'time', x: [], value: [], floor: [], peak: [], warmupEndX: null, trend: null }
  for (let i = 0; i < value.length; i += bucket) {
    const slice = value.slice(i, i + bucket)
    chart.x.push(time[i])
    chart.value.push(round(slice.reduce((a, b) => a + b, 0) / slice.length))
    chart.floor.push(Math.min(...slice))
    chart.peak.push(Math.max(...slice))
  }
  const warmupEnd = time[0] + warmupMs
  const steady = value.map((v, i) => [time[i], v]).filter(([t]) => t >= warmupEnd)
  const warmupPoints = value.length - steady.length
  chart.warmupEndX = warmupMs > 0 ? steady[0][0] : null
  const valueFit = fit(
    steady.map(([t]) => t),
    steady.map(([, v]) => v)
  )
  // Floor: minima of windows of 12 samples on the steady part.
  const fx = []
  const fy = []
  for (let i = 0; i < steady.length; i += 12) {
    const w = steady.slice(i, i + 12)
    if (w.length < 4) continue
    let best = w[0]
    for (const pt of w) if (pt[1] < best[1]) best = pt
    fx.push(best[0])
    fy.push(best[1])
  }
  const floorFit = fit(fx, fy)
  chart.trend = {
    x0: round(valueFit.x0),
    y0: round(valueFit.y0),
    slope: valueFit.slope,
    slopeLow: valueFit.low,
    slopeHigh: valueFit.high
  }
  let perWork = null
  if (work) {
    const steadyWork = work.filter((_, i) => time[i] >= warmupEnd)
    const wf = fit(steadyWork, steady.map(([, v]) => v))
    perWork = wf
  }
  const hoursToLimit =
    spec.limit && valueFit.p < 0.01 && valueFit.slope > 0
      ? (spec.limit - value[value.length - 1]) / (valueFit.slope * HOUR)
      : null
  const sig = (v, d = 4) => (v === null ? null : Number(v.toPrecision(d)))
  return {
    kind: 'series',
    id: spec.group ? `${spec.file}:${spec.metric}[${spec.group}]` : `${spec.file}:${spec.metric}`,
    file: spec.file,
    metric: spec.metric,
    ...(spec.group ? { group: spec.group } : {}),
    metricKind: spec.metricKind,
    unit: spec.unit,
    samples: value.length,
    points: value.length,
    reduced: false,
    timeBase: 'epoch',
    start: time[0],
    end: time[time.length - 1],
    steadyStart: steady[0][0],
    steadyEnd: steady[steady.length - 1][0],
    warmupPoints,
    firstValue: value[0],
    lastValue: value[value.length - 1],
    minValue: Math.min(...value),
    maxValue: Math.max(...value),
    slopePerHour: sig(valueFit.slope * HOUR),
    slopeLowPerHour: sig(valueFit.low * HOUR),
    slopeHighPerHour: sig(valueFit.high * HOUR),
    floorSlopePerHour: sig(floorFit.slope * HOUR),
    floorSlopeLowPerHour: sig(floorFit.low * HOUR),
    floorSlopeHighPerHour: sig(floorFit.high * HOUR),
    pValue: sig(Math.max(valueFit.p, 1e-12), 2),
    floorPValue: sig(Math.max(floorFit.p, 1e-12), 2),
    slopePerWork: perWork ? sig(perWork.slope) : null,
    slopePerWorkLow: perWork ? sig(perWork.low) : null,
    slopePerWorkHigh: perWork ? sig(perWork.high) : null,
    ...(spec.workName ? { workName: spec.workName } : {}),
    ...(spec.limit ? { limit: spec.limit } : {}),
    hoursToLimit: hoursToLimit === null ? null : sig(hoursToLimit, 3),
    status,
    explanation,
    chart
  }
}

// ---------------------------------------------------------------- leak
function makeLeak() {
  const r = prng(7)
  const t0 = Date.UTC(2026, 0, 15, 10, 14, 0)
  // docker stats every 5 s for 45 min; GC sawtooth every ~90 s on a floor rising 150 MiB/h.
  const time = []
  const mem = []
  for (let i = 0; i < 540; i++) {
    const t = t0 + i * 5000
    const hours = (i * 5) / 3600
    const warm = Math.min(1, (i * 5) / 300)
    const floor = 118 * MiB + 70 * MiB * warm + 150 * MiB * Math.max(0, hours - 5 / 60)
    const saw = ((i * 5) % 90) / 90
    time.push(t)
    mem.push(Math.round(floor + saw * 24 * MiB + (r() - 0.5) * 3 * MiB))
  }
  const memUsage = analyse({
    file: 'docker_stats.csv',
    metric: 'MemUsage',
    group: 'api',
    metricKind: 'memory',
    unit: 'bytes',
    time,
    value: mem,
    warmupMs: 5 * 60_000,
    bucket: 2,
    limit: 1024 * MiB,
    status: 'leak',
    explanation: 'steady part and GC floor both grow about 150 MiB/h (p < 0.001); the 1 GiB limit is about 4.6 h away'
  })
  // Node process.memoryUsage() every 10 s with a cumulative request counter.
  const t1 = []
  const heap = []
  const ext = []
  const req = []
  let requests = 0
  let warmRequests = Infinity
  for (let i = 0; i < 270; i++) {
    const t = t0 + i * 10_000
    requests += Math.round(38 + r() * 8)
    const warm = Math.min(1, (i * 10) / 300)
    const perReq = i * 10 > 300 ? 2.1 * KiB : 0
    if (i === 30) warmRequests = requests
    t1.push(t)
    req.push(requests)
    heap.push(Math.round(41 * MiB + 22 * MiB * warm + perReq * Math.max(0, requests - warmRequests) + (r() - 0.5) * 6 * MiB))
    ext.push(Math.round(3.1 * MiB + (r() - 0.5) * 0.2 * MiB))
  }
  const heapUsed = analyse({
    file: 'memory.jsonl',
    metric: 'heapUsed',
    metricKind: 'memory',
    unit: 'bytes',
    time: t1,
    value: heap,
    work: req,
    workName: 'requests',
    warmupMs: 5 * 60_000,
    status: 'leak',
    explanation: 'grows 2.1 KiB per request after warm-up, budget 512 B per request'
  })
  const external = analyse({
    file: 'memory.jsonl',
    metric: 'external',
    metricKind: 'memory',
    unit: 'bytes',
    time: t1,
    value: ext,
    work: req,
    workName: 'requests',
    warmupMs: 5 * 60_000,
    status: 'ok',
    explanation: 'flat after warm-up: no significant trend'
  })
  const m = memUsage
  const mib = (v) => `${(v / MiB).toFixed(1)} MiB`
  const findings = [
    {
      id: 'sustained-growth:docker_stats.csv[api]:MemUsage[api]',
      signature: 'sustained-growth',
      metric: 'MemUsage[api]',
      source: 'docker_stats.csv[api]',
      level: 'fail',
      message: `MemUsage of api grows ${mib(m.slopePerHour)}/h (95 % CI ${mib(m.slopeLowPerHour)} to ${mib(m.slopeHighPerHour)}/h, p < 0.001) over the 40 min after warm-up, from ${mib(m.firstValue)} to ${mib(m.lastValue)}`,
      evidence: {
        slopePerHour: m.slopePerHour,
        slopeLowPerHour: m.slopeLowPerHour,
        slopeHighPerHour: m.slopeHighPerHour,
        pValue: m.pValue,
        window: 'steady',
        windowStart: new Date(m.steadyStart).toISOString(),
        windowEnd: new Date(m.steadyEnd).toISOString(),
        threshold: 'slope > 10 MiB/h with p < 0.01'
      }
    },
    {
      id: 'rising-floor:docker_stats.csv[api]:MemUsage[api]',
      signature: 'rising-floor',
      metric: 'MemUsage[api]',
      source: 'docker_stats.csv[api]',
      level: 'fail',
      message: `the GC floor of MemUsage (api) rises ${mib(m.floorSlopePerHour)}/h (p < 0.001): memory left after each collection keeps growing`,
      evidence: {
        floorSlopePerHour: m.floorSlopePerHour,
        floorSlopeLowPerHour: m.floorSlopeLowPerHour,
        floorSlopeHighPerHour: m.floorSlopeHighPerHour,
        pValue: m.floorPValue,
        window: 'steady',
        windowStart: new Date(m.steadyStart).toISOString(),
        windowEnd: new Date(m.steadyEnd).toISOString(),
        threshold: 'floor slope > 5 MiB/h with p < 0.01'
      }
    },
    {
      id: 'oom-risk:docker_stats.csv[api]:MemUsage[api]',
      signature: 'oom-risk',
      metric: 'MemUsage[api]',
      source: 'docker_stats.csv[api]',
      level: 'fail',
      message: `at ${mib(m.slopePerHour)}/h MemUsage (api) reaches its 1 GiB limit in about ${m.hoursToLimit} h`,
      evidence: {
        hoursToLimit: m.hoursToLimit,
        limit: 1024 * MiB,
        level: m.lastValue,
        slopePerHour: m.slopePerHour,
        pValue: m.pValue,
        window: 'steady',
        threshold: 'limit within 24 h'
      }
    },
    {
      id: 'per-work-cost:memory.jsonl:heapUsed',
      signature: 'per-work-cost',
      metric: 'heapUsed',
      source: 'memory.jsonl',
      level: 'fail',
      message: `heapUsed grows ${(heapUsed.slopePerWork / KiB).toFixed(2)} KiB per request (95 % CI ${(heapUsed.slopePerWorkLow / KiB).toFixed(2)} to ${(heapUsed.slopePerWorkHigh / KiB).toFixed(2)} KiB) over 9,874 requests after warm-up`,
      evidence: {
        perWork: heapUsed.slopePerWork,
        perWorkLow: heapUsed.slopePerWorkLow,
        perWorkHigh: heapUsed.slopePerWorkHigh,
        pValue: heapUsed.pValue,
        work: 9874,
        workName: 'requests',
        threshold: 'budget 512 B per request'
      }
    }
  ]
  return {
    version: 1,
    verdict: 'fail',
    findings,
    suppressed: [],
    metrics: [memUsage, heapUsed, external],
    inputs: [
      { file: 'docker_stats.csv', format: 'docker-stats', how: 'detected', role: 'series', rows: 540, series: [memUsage.id] },
      { file: 'memory.jsonl', format: 'jsonl', how: 'config', role: 'series', rows: 270, series: [heapUsed.id, external.id] }
    ],
    errors: [],
    healthy: [
      `external (memory.jsonl) is flat after the 5 min warm-up: ${(external.slopePerHour / KiB).toFixed(0)} KiB/h, p = ${external.pValue.toFixed(2)}`
    ],
    notes: ['warm-up: the first 5 min of each series are excluded from the trend rules'],
    config: '.github/leak-gate.yml',
    root: 'artifacts',
    base: {
      branch: 'main',
      commit: '4f1c2a9d0b7e35c8e9a1d2f3b4c5d6e7f8091a2b',
      runId: 12873401234,
      runUrl: 'https://github.com/acme/api/actions/runs/12873401234',
      createdAt: '2026-01-14T08:02:11Z',
      ageHours: 26.2
    }
  }
}

// ---------------------------------------------------------------- healthy (seed report 1)
function makeHealthy() {
  const r = prng(11)
  const t0 = Date.UTC(2025, 11, 22, 13, 5, 52)
  const span = (16 * 3600 + 52 * 60) - (13 * 3600 + 5 * 60 + 52)
  const n = 1150
  const time = []
  const mem = []
  const archives = []
  for (let i = 0; i < n; i++) {
    const s = (i * span) / (n - 1)
    const t = t0 + Math.round(s * 1000)
    const clockMin = 13 * 60 + 5 + s / 60
    let base
    if (clockMin < 13 * 60 + 30) base = 291
    else if (clockMin < 14 * 60) base = 292 - ((clockMin - 13 * 60 - 30) / 30) * 66
    else if (clockMin < 16 * 60) base = 226 + 9 * Math.sin((clockMin - 840) / 19)
    else base = 258
    const saw = ((s % 420) / 420) * (clockMin < 13 * 60 + 30 ? 4 : clockMin < 16 * 60 ? 42 : 7)
    time.push(t)
    mem.push(Math.round((base + saw + (r() - 0.5) * 3) * MiB))
    archives.push(Math.round((s / span) * 5373))
  }
  mem[0] = Math.round(293.7 * MiB)
  mem[n - 1] = Math.round(264.8 * MiB)
  const memUsage = analyse({
    file: 'docker_stats.csv',
    metric: 'MemUsage',
    group: 'rules-processing',
    metricKind: 'memory',
    unit: 'bytes',
    time,
    value: mem,
    work: archives,
    workName: 'archives',
    warmupMs: 12 * 60_000,
    bucket: 4,
    limit: Math.round(7.654 * 1024 * MiB),
    status: 'ok',
    explanation: 'GC sawtooth; after warm-up both the trend and the floor fall slightly: no growth'
  })
  memUsage.status = 'ok'
  // Broker lifecycle every 100 archives.
  const bt = []
  const live = []
  const created = []
  const collected = []
  const delegates = []
  for (let a = 100; a <= 5300; a += 100) {
    const idx = archives.findIndex((x) => x >= a)
    bt.push(time[idx])
    const l = a % 700 === 0 ? 3 : 2
    live.push(l)
    created.push(a)
    collected.push(a - l)
    delegates.push(2921)
  }
  const lifecycle = (metric, metricKind, value, explanation) =>
    analyse({ file: 'broker_stats.csv', metric, metricKind, unit: 'count', time: bt, value: value.map((v, i) => v + (metricKind === 'live' || metricKind === 'count' ? (i % 2) * 1e-9 : 0)), warmupMs: 0, status: 'ok', explanation })
  const liveA = lifecycle('live', 'live', live, 'bounded: between 2 and 3 live brokers, no trend')
  const createdA = lifecycle('created', 'created', created, '1 broker per archive')
  const collectedA = lifecycle('collected', 'collected', collected, '99.96 % of created brokers collected')
  const delegatesA = lifecycle('DELEGATES', 'count', delegates, 'constant at 2,921')
  for (const a of [liveA, delegatesA]) {
    a.chart.value = a.chart.value.map(Math.round)
    a.chart.floor = a.chart.floor.map(Math.round)
    a.chart.peak = a.chart.peak.map(Math.round)
  }
  liveA.pValue = 0.74
  liveA.slopePerHour = 0
  liveA.slopeLowPerHour = 0
  liveA.slopeHighPerHour = 0
  liveA.floorSlopePerHour = 0
  liveA.floorSlopeLowPerHour = 0
  liveA.floorSlopeHighPerHour = 0
  liveA.floorPValue = 1
  liveA.firstValue = 2
  liveA.lastValue = 2
  liveA.minValue = 2
  liveA.maxValue = 3
  liveA.chart.trend = { x0: liveA.chart.trend.x0, y0: 2, slope: 0, slopeLow: 0, slopeHigh: 0 }
  delegatesA.pValue = 1
  delegatesA.floorPValue = 1
  for (const k of ['slopePerHour', 'slopeLowPerHour', 'slopeHighPerHour', 'floorSlopePerHour', 'floorSlopeLowPerHour', 'floorSlopeHighPerHour']) delegatesA[k] = 0
  delegatesA.chart.trend = { x0: delegatesA.chart.trend.x0, y0: 2921, slope: 0, slopeLow: 0, slopeHigh: 0 }
  delegatesA.firstValue = delegatesA.lastValue = delegatesA.minValue = delegatesA.maxValue = 2921
  for (const a of [createdA, collectedA]) {
    a.pValue = 1e-12
    a.floorPValue = 1e-12
  }
  const m = memUsage
  const mib = (v) => (v / MiB).toFixed(1)
  return {
    version: 1,
    verdict: 'pass',
    findings: [],
    suppressed: [],
    metrics: [memUsage, liveA, createdA, collectedA, delegatesA],
    inputs: [
      { file: 'docker_stats.csv', format: 'docker-stats', how: 'detected', role: 'series', rows: 1151, series: [memUsage.id] },
      { file: 'broker_stats.csv', format: 'csv', how: 'config', role: 'series', rows: 54, series: [liveA.id, createdA.id, collectedA.id, delegatesA.id] },
      { file: 'archive_count.csv', format: 'csv', how: 'config', role: 'series', rows: 152, series: [], note: 'work axis (archives) joined to docker_stats.csv by time' }
    ],
    errors: [],
    healthy: [
      `MemUsage (rules-processing): no growth. After the 12 min warm-up the trend is ${mib(m.slopePerHour)} MiB/h and the GC floor ${mib(m.floorSlopePerHour)} MiB/h (both falling) over 3 h 34 min; a GC sawtooth between ${mib(m.minValue)} and ${mib(m.maxValue)} MiB that ended 28.9 MiB below where it started`,
      'brokers: 5,300 created, 5,298 collected (99.96 %); live stays between 2 and 3 with no trend (p = 0.74): garbage collection keeps up',
      'DELEGATES is constant at 2,921 from the first checkpoint to the last: the global registry does not grow with archives',
      `MemUsage per archive: ${(m.slopePerWork / KiB).toFixed(2)} KiB per archive over 5,373 archives, no cost per unit of work`
    ],
    notes: [],
    config: 'zero-config',
    root: 'monitoring_run_20251222_130552'
  }
}

// ---------------------------------------------------------------- snapshots (seed report 2)
function makeSnapshots() {
  const snap = (metric, metricKind, unit, baseline, post, status, explanation, tenants = 50) => {
    const delta = post - baseline
    return {
      kind: 'snapshot',
      metric,
      metricKind,
      unit,
      baseline,
      post,
      delta,
      changePercent: baseline === 0 ? null : Number(((delta / baseline) * 100).toFixed(2)),
      perWork: Number((delta / tenants).toFixed(2)),
      workName: 'tenants',
      work: tenants,
      status,
      explanation
    }
  }
  const b = (mb) => Math.round(mb * MiB)
  const metrics = [
    snap('heapUsed', 'memory', 'bytes', b(88.18), b(104.06), 'ok', '325 KiB per tenant, within the 512 KiB budget'),
    snap('heapTotal', 'memory', 'bytes', b(93.3), b(109.59), 'ok', 'follows heapUsed'),
    snap('rss', 'memory', 'bytes', b(149.81), b(92.19), 'ok', 'fell after the load: pages returned to the OS'),
    snap('external', 'memory', 'bytes', b(20.98), b(21.22), 'ok', '+1.1 %, within the 5 % tolerance'),
    snap('totalModels', 'count', 'count', 193, 1621, 'ok', '28.6 models per tenant'),
    snap('uniqueModels', 'count', 'count', 127, 1555, 'ok', 'suppressed: bounded per-tenant cache'),
    snap('tenantRegistries', 'count', 'count', 16, 118, 'ok', 'one registry per tenant and data source'),
    snap('reuseCount', 'count', 'count', 121, 3538, 'ok', 'cache hits')
  ]
  return {
    version: 1,
    verdict: 'pass',
    findings: [],
    suppressed: [
      {
        id: 'retained-after-load:post.json:uniqueModels',
        signature: 'retained-after-load',
        metric: 'uniqueModels',
        source: 'post.json',
        level: 'warn',
        message: 'uniqueModels is 1,428 above baseline 10 min after the load (+1,124 %), 28.6 per tenant',
        evidence: { delta: 1428, changePercent: 1124.4, perWork: 28.56, threshold: 'count tolerance 10 %' },
        reason: 'model registry is a per-tenant cache bounded by the tenant count (see #412)',
        until: '2026-06-30'
      }
    ],
    metrics,
    inputs: [
      { file: 'baseline.json', format: 'json', how: 'detected', role: 'baseline', rows: 1, series: [] },
      { file: 'post.json', format: 'json', how: 'detected', role: 'post', rows: 1, series: [], note: 'taken 10 min after the load test; work: 50 tenants from leak-gate.yml' }
    ],
    errors: [],
    healthy: [
      'heapUsed +15.9 MiB (+18.0 %) for 50 tenants = 325 KiB per tenant, within the 512 KiB budget',
      'rss fell 57.6 MiB (-38.5 %) after the load: memory was returned to the OS',
      'external +0.24 MiB (+1.1 %), within the 5 % tolerance',
      'totalModels grew by 1,428 = 28.6 per tenant: it follows the work, not time'
    ],
    notes: ['snapshots only: no time series, so no trend, floor or OOM checks'],
    config: '.github/leak-gate.yml',
    root: 'artifacts/registry-load'
  }
}

// ---------------------------------------------------------------- error
function makeError() {
  return {
    version: 1,
    verdict: 'error',
    findings: [],
    suppressed: [],
    metrics: [],
    inputs: [
      { file: 'docker_stats.csv', format: 'docker-stats', how: 'detected', role: 'series', rows: 41, series: [] },
      { file: 'memory.jsonl', format: 'jsonl', how: 'config', role: 'series', rows: 6, series: [] }
    ],
    errors: [
      {
        file: 'docker_stats.csv',
        line: 42,
        column: 'MemUsage',
        found: 'n/a',
        expected: 'a size like "293.7MiB"',
        message: 'docker_stats.csv:42: column "MemUsage": found "n/a", expected a size like "293.7MiB"'
      },
      {
        file: 'memory.jsonl',
        line: 7,
        found: '{"rss": 1234',
        expected: 'one JSON object per line',
        message: 'memory.jsonl:7: found "{"rss": 1234", expected one JSON object per line'
      },
      {
        file: '.github/leak-gate.yml',
        message: '.github/leak-gate.yml: key "checks.sustained-growth.tolerence": unknown key, expected one of tolerance, min-duration, level'
      }
    ],
    healthy: [],
    notes: ['nothing is claimed about leaks until the inputs above can be read'],
    config: '.github/leak-gate.yml',
    root: 'artifacts',
    base: { warning: 'no successful run of the base branch main with artifact "memory" in the last 90 days: regression not checked' }
  }
}

const fixtures = { leak: makeLeak(), healthy: makeHealthy(), snapshots: makeSnapshots(), error: makeError() }
for (const [name, report] of Object.entries(fixtures)) {
  writeFileSync(join(here, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`)
  console.log(name, JSON.stringify(report).length)
}

/**
 * Synthetic series with the physics of a garbage-collected service: a heap
 * that climbs between collections and drops to its floor after each, with
 * jittered GC periods and measurement noise, plus whatever the scenario adds
 * (a leak, a cache that fills, a warm-up allocation). Deterministic (seeded).
 */
import type { LeakGateConfig } from '../../src/config/types.js'
import { DEFAULT_WARMUP } from '../../src/config/types.js'
import type { MetricKind, Series, ValueUnit } from '../../src/model.js'

export const MiB = 1024 * 1024
export const KiB = 1024

/** mulberry32: a small seeded PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal deviate (Box–Muller). */
export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand())
}

export interface HeapOptions {
  seed?: number
  /** Samples (one per `intervalMs`). */
  samples?: number
  intervalMs?: number
  /** Floor level in bytes at t = 0. */
  base?: number
  /** Added to the floor at time t seconds (leak, cache, warm-up). */
  extra?: (seconds: number) => number
  /** Garbage allocated per second between collections (bytes/s), and the collection period (s). */
  garbageRate?: number
  gcPeriod?: number
  /** Measurement noise (bytes, standard deviation). */
  noise?: number
  /** Requests per second (work column). */
  rps?: number
  metric?: string
  file?: string
  kind?: MetricKind
  unit?: ValueUnit
  limit?: number
  start?: number
}

/** A sampled heap: floor + extra(t) + garbage since the last GC + noise. */
export function heapSeries(options: HeapOptions = {}): Series {
  const rand = random(options.seed ?? 1)
  const n = options.samples ?? 600
  const interval = options.intervalMs ?? 1000
  const base = options.base ?? 40 * MiB
  const garbageRate = options.garbageRate ?? 1.5 * MiB
  const gcPeriod = options.gcPeriod ?? 12
  const noise = options.noise ?? 0.2 * MiB
  const rps = options.rps ?? 300
  const start = options.start ?? Date.UTC(2025, 0, 1, 12)
  const time: number[] = []
  const value: number[] = []
  const work: number[] = []
  let sinceGc = 0
  let nextGc = gcPeriod * (0.5 + rand())
  for (let i = 0; i < n; i++) {
    const seconds = (i * interval) / 1000
    if (seconds >= nextGc) {
      sinceGc = 0
      nextGc = seconds + gcPeriod * (0.6 + 0.8 * rand())
    }
    time.push(start + i * interval)
    value.push(
      Math.round(
        base + (options.extra?.(seconds) ?? 0) + garbageRate * sinceGc + noise * gaussian(rand)
      )
    )
    work.push(Math.round(rps * seconds))
    sinceGc += interval / 1000
  }
  const metric = options.metric ?? 'heapUsed'
  const file = options.file ?? 'memory.csv'
  return {
    id: `${file}:${metric}`,
    file,
    metric,
    kind: options.kind ?? 'memory',
    unit: options.unit ?? 'bytes',
    timeBase: 'epoch',
    time,
    work,
    workName: 'requests',
    value,
    min: value.slice(),
    max: value.slice(),
    count: value.map(() => 1),
    samples: n,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    reduced: false
  }
}

/** A plain series from values (one sample per point, one per second). */
export function plainSeries(
  values: number[],
  options: {
    metric: string
    kind: MetricKind
    file?: string
    unit?: ValueUnit
    work?: number[]
    workName?: string
    timeBase?: 'epoch' | 'none'
  }
): Series {
  const file = options.file ?? 'stats.csv'
  const timeBase = options.timeBase ?? 'epoch'
  return {
    id: `${file}:${options.metric}`,
    file,
    metric: options.metric,
    kind: options.kind,
    unit: options.unit ?? 'count',
    timeBase,
    time: values.map((_, i) =>
      timeBase === 'none' ? Number.NaN : Date.UTC(2025, 0, 1) + i * 1000
    ),
    work: options.work ?? values.map(() => Number.NaN),
    ...(options.workName ? { workName: options.workName } : {}),
    value: values,
    min: values.slice(),
    max: values.slice(),
    count: values.map(() => 1),
    samples: values.length,
    reduced: false
  }
}

/** A configuration with defaults, and what a test changes. */
export function config(overrides: Partial<LeakGateConfig> = {}): LeakGateConfig {
  return {
    source: 'test',
    warmup: DEFAULT_WARMUP,
    series: [],
    checks: {},
    ignore: [],
    ...overrides
  }
}

/** A linear leak of `bytesPerRequest` at `rps` requests per second, from `fromSeconds`. */
export function leak(
  bytesPerRequest: number,
  rps: number,
  fromSeconds = 0
): (seconds: number) => number {
  return (seconds) => (seconds > fromSeconds ? bytesPerRequest * rps * (seconds - fromSeconds) : 0)
}

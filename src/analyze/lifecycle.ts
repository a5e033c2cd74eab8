/**
 * Object lifecycle (SPEC §4): with cumulative `created` and `collected`
 * counters (and optionally `live`), the collection rate Δcollected ÷ Δcreated
 * over the steady window and whether the uncollected objects keep piling up.
 * A WeakSet/finalizer count of brokers, sessions, handlers... is the most
 * direct leak evidence there is: it counts the leaked objects themselves.
 */
import type { Warmup } from '../config/types.js'
import type { Series } from '../model.js'
import { downsample } from '../stats/downsample.js'
import { fitTrend, MAX_VALUE_BUCKETS, type TrendFit } from './series-analysis.js'
import { findSteadyStart } from './warmup.js'

/** The lifecycle of one kind of object in one file (and group). */
export interface LifecycleDetail {
  /** Key of the series the explanation attaches to (live, else created). */
  key: string
  source: string
  /** Display name: the live metric, else `created/collected`. */
  metric: string
  created: Series
  collected: Series
  live?: Series
  /** Over the steady window. */
  createdDelta: number
  collectedDelta: number
  /** Δcollected ÷ Δcreated over the steady window, in % (null when nothing was created). */
  ratePercent: number | null
  /** collected ÷ created at the end, in %. */
  totalRatePercent: number | null
  createdLast: number
  collectedLast: number
  /** Uncollected (live, or created − collected) at the end and its maximum. */
  uncollectedLast: number
  uncollectedMax: number
  uncollectedAtSteadyStart: number
  /** Trend of the uncollected count over the steady window (null when too few points). */
  trend: TrendFit | null
  points: number
}

function last(values: readonly number[]): number {
  return values[values.length - 1]
}

/**
 * Finds created/collected pairs (same file and group) and measures them.
 * The two counters are aligned by row when they have the same length (they
 * come from the same rows); otherwise only first and last values are used.
 */
export function analyzeLifecycles(series: Series[], warmup: Warmup): LifecycleDetail[] {
  const groups = new Map<string, { created?: Series; collected?: Series; live?: Series }>()
  for (const s of series) {
    if (s.kind !== 'created' && s.kind !== 'collected' && s.kind !== 'live') continue
    const key = `${s.file}\u0000${s.group ?? ''}`
    const group = groups.get(key) ?? {}
    if (!group[s.kind]) group[s.kind] = s
    groups.set(key, group)
  }
  const details: LifecycleDetail[] = []
  for (const { created, collected, live } of groups.values()) {
    if (!created || !collected || created.value.length === 0 || collected.value.length === 0)
      continue
    const aligned = created.value.length === collected.value.length
    const steady = findSteadyStart(created, warmup)
    const start = Math.min(steady.index, created.value.length - 1)
    const collectedStart = aligned ? start : 0
    const createdDelta = last(created.value) - created.value[start]
    const collectedDelta = last(collected.value) - collected.value[collectedStart]
    const uncollected: number[] =
      live && (!aligned || live.value.length === created.value.length)
        ? live.value
        : aligned
          ? created.value.map((c, i) => c - collected.value[i])
          : [created.value[0] - collected.value[0], last(created.value) - last(collected.value)]
    const steadyUncollected = uncollected.slice(Math.min(start, uncollected.length - 1))
    let trend: TrendFit | null = null
    if (steadyUncollected.length >= 4) {
      const x = created.value.slice(start)
      const xs = x.length === steadyUncollected.length ? x : steadyUncollected.map((_, i) => i)
      const buckets = downsample(
        {
          x: xs,
          value: steadyUncollected,
          min: steadyUncollected,
          max: steadyUncollected,
          count: steadyUncollected.map(() => 1)
        },
        MAX_VALUE_BUCKETS
      )
      trend = fitTrend(buckets.x, buckets.value, 'steady', { x0: xs[0], x1: last(xs) })
    }
    const createdLast = last(created.value)
    const collectedLast = last(collected.value)
    details.push({
      key: (live ?? created).id,
      source: created.group === undefined ? created.file : `${created.file}[${created.group}]`,
      metric: live ? live.metric : `${created.metric}/${collected.metric}`,
      created,
      collected,
      ...(live ? { live } : {}),
      createdDelta,
      collectedDelta,
      ratePercent: createdDelta > 0 ? (collectedDelta / createdDelta) * 100 : null,
      totalRatePercent: createdLast > 0 ? (collectedLast / createdLast) * 100 : null,
      createdLast,
      collectedLast,
      uncollectedLast: last(uncollected),
      uncollectedMax: steadyUncollected.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
      uncollectedAtSteadyStart: steadyUncollected[0],
      trend,
      points: steadyUncollected.length
    })
  }
  return details
}

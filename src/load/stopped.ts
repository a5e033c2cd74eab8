/**
 * Rows of a stopped container. `docker stats` prints `0B / 0B` for a
 * container that is not running (stopped, killed, restarting): that is no
 * reading of zero bytes but a gap. When the container's last reading before
 * the gap was at its memory limit, the kernel's OOM killer most likely
 * stopped it: the analysis turns that into a failing finding.
 */
import type { SeriesStop } from '../model.js'
import type { SeriesBuilder } from './series-builder.js'

/** A reading this close to the limit (share of it) before `0B / 0B` means killed at the limit. */
export const AT_LIMIT_FRACTION = 0.95

/** What a table target needs for stops: its builder, limit and the stops met so far. */
export interface StoppableTarget {
  builder: SeriesBuilder
  limit?: number
  stops?: SeriesStop[]
}

/**
 * True for a `usage / limit` cell that reads `0B / 0B` (usage 0 and limit 0):
 * a container that is not running.
 */
export function isStoppedCell(usage: number, limit: number): boolean {
  return usage === 0 && limit === 0
}

/**
 * Records a `0B / 0B` row as a gap: the first such row after readings opens
 * a stop (time, last reading, limit); the following ones extend it.
 */
export function noteStopped(target: StoppableTarget, time: number): void {
  const stops = (target.stops ??= [])
  const samples = target.builder.samples
  const open = stops[stops.length - 1]
  if (open && open.samplesBefore === samples) {
    open.rows++
    open.until = time
    return
  }
  const lastValue = samples > 0 ? target.builder.lastMax : Number.NaN
  const limit = target.limit
  stops.push({
    time,
    until: time,
    rows: 1,
    samplesBefore: samples,
    lastValue,
    ...(limit !== undefined ? { limit } : {}),
    atLimit: limit !== undefined && limit > 0 && lastValue >= AT_LIMIT_FRACTION * limit
  })
}

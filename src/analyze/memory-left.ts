/**
 * Figures of memory left rather than used: a device's free heap (`ESP.getFreeHeap()`, TinyCLR's
 * `FreeRAM`). Their fall is the growth of what the process uses, so
 * they are judged as the memory used since their highest reading, and that reading (what was free)
 * sets the scale: a heap with 40 KiB free has no 1 MiB of allocator noise to tolerate. A host's
 * `free` / `MemFree` / `MemAvailable` are no such figure (page cache and other processes move them),
 * nor a bare free memory (`os.freemem()`, a JVM's `freeMemory()`): see understand/names.ts.
 */
import type { Series } from '../model.js'
import { memoryLeftName } from '../understand/names.js'
import { formatValue } from './format.js'

export { memoryLeftName }

/** Part of a default tolerance of memory used out of what was left: 5 % of it. */
export const LEFT_TOLERANCE_PERCENT = 5

/**
 * Each memory series named as memory left, as the memory used since its highest reading (`left`
 * = that reading; `limit` = it too when none is known: used reaching it is the free heap at 0).
 */
export function usedFromLeft(input: Series[]): { series: Series[]; notes: string[] } {
  const notes: string[] = []
  const series = input.map((s) => {
    if (s.kind !== 'memory' || s.unit !== 'bytes' || s.value.length === 0) return s
    if (!memoryLeftName(s.metric)) return s
    const most = Math.max(...s.max.map((v, i) => (Number.isFinite(v) ? v : s.value[i])))
    notes.push(
      `${s.id}: memory left (free), judged as the memory used since its highest reading (${formatValue(most, 'bytes')} free): its fall is growth`
    )
    return {
      ...s,
      value: s.value.map((v) => most - v),
      min: s.max.map((v) => most - v),
      max: s.min.map((v) => most - v),
      limit: s.limit ?? most,
      left: most
    }
  })
  return { series, notes }
}

/** A finding on memory left said as what it is: `memory used out of free_heap grows …`. */
export function glossMemoryLeft(message: string, metric: string, left: boolean): string {
  if (!left || !message.startsWith(`${metric} `)) return message
  return `memory used out of ${metric}${message.slice(metric.length)}`
}

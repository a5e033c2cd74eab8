/**
 * Memory a Go process holds outside its runtime, derived from readings the
 * runtime already writes. `runtime.MemStats.Sys` is every byte the runtime
 * took from the OS; `HeapReleased` is the part of the heap its scavenger gave
 * back (madvise: no longer resident). RSS less `Sys − HeapReleased` is what
 * the process holds that the Go runtime does not account for: cgo's malloc, a
 * C library, mmap'd pages. The scavenger returns free pages in its own time,
 * so RSS itself swings by megabytes with the sawtooth's peaks and hides a
 * slow leak outside the heap under them; the difference does not swing.
 * `Sys` counts reserved pages never touched too, so the difference sits
 * below RSS and falls a little when the heap grows (a table, a cache).
 * Pure.
 */
import type { Series } from '../model.js'
import { normaliseName } from '../understand/names.js'

/** The derived series' name. */
export const OUTSIDE_GO_RUNTIME = 'outside_go_runtime_bytes'

/** What the derived series is, for a reader who never wrote it. */
export const OUTSIDE_GO_RUNTIME_GLOSS =
  "RSS less what the Go runtime holds, Sys − HeapReleased: memory outside the Go runtime, such as cgo, a C library or mmap'd pages"

/** True for the derived series' metric (labels aside). */
export function isOutsideGoRuntime(metric: string): boolean {
  return metric === OUTSIDE_GO_RUNTIME || metric.startsWith(`${OUTSIDE_GO_RUNTIME}{`)
}

/**
 * A finding's message on the derived series, its name glossed where it first
 * names it (the user never wrote that name); other messages as they are.
 */
export function glossOutsideGoRuntime(message: string, metric: string): string {
  if (!isOutsideGoRuntime(metric)) return message
  const at = message.indexOf(metric)
  if (at < 0) return message
  const end = at + metric.length
  return `${message.slice(0, end)} (${OUTSIDE_GO_RUNTIME_GLOSS})${message.slice(end)}`
}

const RSS = new Set(['rss', 'rssbytes', 'vmrss', 'processresidentmemorybytes'])
const SYS = new Set(['sys', 'sysbytes', 'gomemstatssysbytes'])
const RELEASED = new Set(['heapreleased', 'heapreleasedbytes', 'gomemstatsheapreleasedbytes'])

/** Names only Go's runtime writes: `runtime.MemStats` fields and the client's `go_memstats_*`. */
const GO_ONLY = new Set([
  ...SYS,
  ...RELEASED,
  'heapsys',
  'heapidle',
  'nextgc',
  'numgc',
  'mspaninuse'
])

/**
 * True when one of `metrics` (a process's series) names a reading only Go's
 * runtime writes, so memory outside its heap is cgo's, a C library's or
 * mmap'd pages, not a Node addon's.
 */
export function isGoProcess(metrics: readonly string[]): boolean {
  return metrics.some((metric) => {
    const { family } = parts(metric)
    return GO_ONLY.has(family) || family.startsWith('gomemstats') || isOutsideGoRuntime(metric)
  })
}

/**
 * Spans Go's heap holds but does not use: `HeapIdle` (free spans kept for reuse) and its part
 * `HeapReleased` (given back to the OS, no longer resident), as `runtime.MemStats` fields, the
 * client's `go_memstats_heap_{idle,released}_bytes` or a prefix (`memstats.HeapIdle`). They grow
 * when the heap shrinks or the scavenger returns pages: never a leak (a healthy service's grew
 * +4.4 MiB, 19 % and 33 % of their level, and failed). Read only to derive and vouch.
 */
const SPARE_HEAP = /(?:heapidle|heapreleased)(?:bytes)?$/

/** True for a series of the spans Go's heap holds unused (see {@link SPARE_HEAP}). */
export function isGoSpareHeap(metric: string): boolean {
  return SPARE_HEAP.test(parts(metric).family)
}

/** A metric's family (labels aside), normalised, and its labels as written. */
function parts(metric: string): { family: string; labels: string } {
  const open = metric.indexOf('{')
  return open < 0
    ? { family: normaliseName(metric), labels: '' }
    : { family: normaliseName(metric.slice(0, open)), labels: metric.slice(open) }
}

/** Read in the same rows, and merged into the same buckets when merged (a long run's). */
function sameRows(a: Series, b: Series): boolean {
  if (a.value.length !== b.value.length || a.reduced !== b.reduced) return false
  for (let i = 0; i < a.time.length; i++)
    if (!Object.is(a.time[i], b.time[i]) || a.count[i] !== b.count[i]) return false
  return true
}

/**
 * For each process (file, group and labels) that writes RSS, Go's `Sys` and `HeapReleased` in
 * the same rows (a long run's merged into the same buckets: a difference of bucket means is the
 * bucket mean of the differences), the series RSS − (Sys − HeapReleased), counted
 * from where RSS started (it keeps RSS's first reading and adds the difference's changes), so its
 * level and tolerance are RSS's scale; none otherwise.
 */
export function outsideGoRuntime(series: readonly Series[]): Series[] {
  const derived: Series[] = []
  const candidates = series.filter(
    (s) => s.kind === 'memory' && s.unit === 'bytes' && !s.witnessOnly
  )
  for (const rss of candidates) {
    const own = parts(rss.metric)
    if (!RSS.has(own.family)) continue
    const partner = (names: Set<string>) =>
      candidates.find((other) => {
        const p = parts(other.metric)
        return (
          names.has(p.family) &&
          p.labels === own.labels &&
          other.file === rss.file &&
          other.group === rss.group &&
          sameRows(other, rss)
        )
      })
    const sys = partner(SYS)
    const released = partner(RELEASED)
    if (!sys || !released) continue
    const held = sys.value.map((v, i) => v - released.value[i])
    const value = rss.value.map((v, i) => v - (held[i] - held[0]))
    if (!value.every(Number.isFinite)) continue
    const metric = `${OUTSIDE_GO_RUNTIME}${own.labels}`
    derived.push({
      ...rss,
      id: `${rss.file}:${metric}${rss.group === undefined ? '' : `[${rss.group}]`}`,
      metric,
      value,
      min: [...value],
      max: [...value],
      limit: undefined
    })
  }
  return derived
}

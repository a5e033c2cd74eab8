/**
 * V8's collector trace (`node --trace-gc`, on stdout), told from its first
 * lines and read with no configuration: one sample per full collection, the
 * heap it left in use, by the milliseconds since the isolate started.
 *
 *   [4118:0x5b2c6d0]     5074 ms: Scavenge 19.8 (23.4) -> 19.3 (24.4) MB, 0.84 / 0.00 ms  (average mu = 0.982, current mu = 0.980) allocation failure;
 *   [4118:0x5b2c6d0]     6121 ms: Mark-Compact 27.1 (31.4) -> 14.2 (29.0) MB, 6.02 / 0.00 ms  (average mu = 0.990, current mu = 0.988) allocation failure; scavenge might not succeed
 *   [149:0xd8bd20]     1144 ms: Mark-sweep 9.6 (14.5) -> 4.5 (14.5) MB, 1.4 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure scavenge might not succeed
 *   37136896 ms: Mark-sweep 35.6 (5345832.9) -> 35.5 (5424623.9) MB, 445.4 / 0 ms [allocation failure] [GC in old space requested].
 *
 * `used (committed) -> used (committed) MB`: the heap in use before and after
 * the collection, and what V8 had committed. Only a full collection
 * (`Mark-sweep` before V8 9.x, `Mark-Compact` since, `(reduce)` ones too)
 * leaves the live heap: a scavenge, or V8's minor mark-sweep, empties the
 * young generation only and says nothing of the old one, where a leak
 * settles. V8's `MB` is MiB. Node before 8 writes no `[pid:isolate]` prefix; a
 * shell prompt or a journald tag before it is allowed. Isolates (worker threads,
 * a cluster's processes, a restarted process) are kept apart by their prefix
 * whenever the file writes one: a worker may start long after the first lines,
 * its milliseconds counted from its own start, and mixed into the main
 * thread's series it would hide its leak in a zigzag.
 */
import type { GcLogSpec } from './jvm-gc-log.js'

/** How many trace lines (any collection) the first lines need to hold. */
const MIN_LINES = 2

/** A `[pid:0xisolate]` prefix (Node 8+; Windows writes the address without `0x`). */
const ISOLATE = '\\[\\d+:(?:0x)?[0-9a-fA-F]+\\]'

/**
 * A trace line, strictly (for telling the format): not anchored, since a
 * prompt or a log tag may come first. Each part stops at a space or a
 * parenthesis, so a start that fails fails within one field (linear over a
 * hostile line).
 */
const TRACE_LINE = new RegExp(
  `(?:^|[\\s\\]])(?:${ISOLATE} +)?\\d+ ms: (?:Scavenge|Mark-[Ss]weep|Mark-[Cc]ompact|Minor Mark-[Ss]weep|Minor Mark-[Cc]ompact)(?: \\([a-z ]{1,20}\\))? \\d+(?:\\.\\d+)? \\(\\d+(?:\\.\\d+)?\\) -> \\d+(?:\\.\\d+)? \\(\\d+(?:\\.\\d+)?\\) MB\\b`
)

/** Characters of a full collection's milliseconds read (see {@link fullCollectionPattern}). */
const MAX_UPTIME = 24

/**
 * What is read of a full collection: the isolate, the milliseconds since it
 * started and the heap before, after and committed. The numbers are taken as
 * the field holds them (up to a space or a parenthesis), so a garbled one is
 * reported with its line rather than the line skipped; the rest is strict.
 * The milliseconds are at most {@link MAX_UPTIME} characters: unbounded, every
 * `]` of a line with no space (an app's minified JSON between trace lines)
 * would start a scan to the line's end, quadratic in its length.
 */
function fullCollectionPattern(isolates: boolean): string {
  const isolate = isolates ? `\\[(?<isolate>\\d+:(?:0x)?[0-9a-fA-F]+)\\] +` : `(?:${ISOLATE} +)?`
  return `(?:^|[\\s\\]])${isolate}(?<uptime>[^\\s:]{1,${MAX_UPTIME}}) ms: Mark-(?:[Ss]weep|[Cc]ompact)(?: \\([a-z ]{1,20}\\))? (?<heap_before_gc>[^\\s(]+) \\([^\\s)]+\\) -> (?<heap_after_gc>[^\\s(]+) \\((?<heap_committed_gc>[^\\s)]+)\\) MB\\b`
}

/**
 * The spec that reads `lines` (a file's first lines) as V8's `--trace-gc`
 * output, or undefined when fewer than {@link MIN_LINES} of them are trace
 * lines. Isolates are told apart (`group: isolate`) when the first lines name
 * theirs (Node 8+), one or several.
 */
export function v8TraceGcSpec(lines: readonly string[]): GcLogSpec | undefined {
  let found = 0
  const isolates = new Set<string>()
  const isolateOf = new RegExp(`(${ISOLATE}) +\\d+ ms: `)
  for (const line of lines) {
    if (!line.includes(' ms: ') || !TRACE_LINE.test(line)) continue
    found++
    const isolate = isolateOf.exec(line)?.[1]
    if (isolate !== undefined) isolates.add(isolate)
  }
  if (found < MIN_LINES) return undefined
  const named = isolates.size > 0
  return {
    pattern: fullCollectionPattern(named),
    time: 'uptime',
    timeUnitMs: 1,
    unitBytes: 2 ** 20,
    v8: true,
    noMatch:
      'a V8 GC trace with no full collection: none of its {lines} lines is a `Mark-Compact` or `Mark-sweep`, and scavenges empty the young generation only, saying nothing of the live heap; run the load longer (or with a smaller `--max-old-space-size`) until V8 collects the old generation',
    ...(named ? { group: 'isolate' } : {})
  }
}

/**
 * How far past the head a log is searched for a V8 trace that starts late (a
 * service's own lines before its first collection): lines and bytes, so an
 * unrecognised large log costs one bounded read.
 */
export const LATE_TRACE_LINES = 10_000
export const LATE_TRACE_BYTES = 1 << 20

/**
 * The lines from a V8 trace's first line on (at most `count`), when `lines`
 * (a log's first lines, further than detection's head) hold one after other
 * output; undefined when no `count` lines from a trace line on hold
 * {@link MIN_LINES} trace lines, as for a head. Told from the trace's own
 * lines, not from the app's lines before it, so the spec reads the same as a
 * trace from line 1; a lone trace line before them (one quoted in an error
 * report) is passed over.
 */
export function lateV8TraceLines(lines: readonly string[], count: number): string[] | undefined {
  const traced: number[] = []
  for (let i = 0; i < lines.length; i++)
    if (lines[i].includes(' ms: ') && TRACE_LINE.test(lines[i])) traced.push(i)
  for (let k = 0; k + MIN_LINES - 1 < traced.length; k++) {
    const first = traced[k]
    if (traced[k + MIN_LINES - 1] >= first + count) continue
    const from = lines.slice(first, first + count)
    if (v8TraceGcSpec(from) !== undefined) return from
  }
  return undefined
}

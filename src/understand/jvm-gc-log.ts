/**
 * A JVM unified GC log (JDK 9+, `-Xlog:gc` or `-Xlog:gc*:file=gc.log`), told
 * from its first lines and read with no configuration: one sample per young or
 * full pause, the heap after it. That is the floor a leak raises (what the
 * collector could not free), where a sampled heap shows the sawtooth.
 *
 *   [2026-12-06T01:02:33.146+0000][0.799s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 12M->4M(256M) 17.547ms
 *   [0.192s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 4M->1M(10M) 2.522ms
 *
 * HotSpot writes these sizes in whole MiB (`M`) whatever the heap's size, and
 * its decorations in a fixed order (time, utctime, uptime, ..., level, tags):
 * the pattern takes the first time the line carries. Remark and Cleanup
 * pauses (G1's concurrent cycle) free little and are left out; ZGC's and
 * Shenandoah's lines have no `before->after(committed)` and are not read.
 *
 * The JDK 8 log (`-XX:+PrintGCDetails`, with `-XX:+PrintGCDateStamps` and/or
 * `-XX:+PrintGCTimeStamps`) is read the same way, one line per pause:
 *
 *   2021-07-28T18:38:29.678+0800: 9137.425: [Full GC (Ergonomics) [PSYoungGen: 937984K->678408K(1053696K)] [ParOldGen: 2342580K->2342579K(2342912K)] 3280564K->3020988K(3396608K), [Metaspace: 77771K->77771K(1122304K)], 2.7266583 secs] [Times: …]
 *   1.234: [GC (Allocation Failure) 1.234: [ParNew: 272640K->34048K(306688K), 0.0512 secs] 272640K->45000K(989888K), 0.0513 secs]
 *
 * The whole heap is the last `before->after(committed)` that follows a `]` or
 * `)` (a generation's sizes follow its name and a colon), in K. G1's JDK 8
 * log spreads a pause over several lines; its `Heap:` line, which closes
 * every young, mixed and full pause, is read, in the unit each size carries
 * (B, K, M, G: HotSpot's powers of 1024), in file order (the line has no
 * stamp):
 *
 *   2021-07-28T18:38:29.678+0800: 12.600: [GC pause (G1 Evacuation Pause) (young), 0.0051234 secs]
 *      [Eden: 24.0M(24.0M)->0.0B(22.0M) Survivors: 0.0B->3072.0K Heap: 40.0M(256.0M)->12.0M(256.0M)]
 */

/** The metric a GC log gives: the heap in use after each pause. */
export const GC_LOG_METRIC = 'heap_after_gc'

/** How to read a GC log with the `log` format. */
export interface GcLogSpec {
  pattern: string
  /** The pattern group holding the time, if the lines carry one. */
  time?: string
  /** Milliseconds per unit of a numeric time (uptime in s or ms). */
  timeUnitMs?: number
  /** Bytes per unit of the sizes (HotSpot's `M`). */
  unitBytes: number
  /** The collector named by a `Using G1` line, if the head has one. */
  collector?: string
  /** A JDK 8 log (`-XX:+PrintGCDetails`) rather than unified logging. */
  legacy?: boolean
  /** Go's gctrace (understand/go-gctrace.ts) rather than a HotSpot log. */
  go?: boolean
  /** V8's `--trace-gc` (understand/v8-trace-gc.ts) rather than a HotSpot log. */
  v8?: boolean
  /** The pattern group that tells apart heaps sharing the file (V8 isolates). */
  group?: string
  /** What the file must hold for the pattern to read a sample (said when no line does; `{lines}`: the line count). */
  noMatch?: string
}

/** The body of a young or full pause line, after the tags. */
const PAUSE_BODY =
  'GC\\(\\d+\\) Pause (?:Young|Full)\\b.* (?<heap_before_gc>\\d+)M->(?<heap_after_gc>\\d+)M\\((?<heap_committed_gc>\\d+)M\\)'
/** The `gc` tag set alone, padded as unified logging pads it (`[gc          ]`). */
const GC_TAG = '\\[gc\\s*\\] '
const PAUSE_LINE = new RegExp(`^(?:\\[[^\\]]*\\])+${GC_TAG}${PAUSE_BODY}`)
const USING_LINE =
  /^(?:\[[^\]]*\])+\[gc(?:,init)?\s*\] Using (G1|Parallel|Serial|Concurrent Mark Sweep)\b/
/** Decorations: a date (`time`, `utctime`), uptime in seconds, uptime in milliseconds. */
const DATE_DECORATION = /^\[\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)\]/
const UPTIME_S = /^(?:\[[^\]]*\]){0,2}\[\d+(?:\.\d+)?s\]/
const UPTIME_MS = /^(?:\[[^\]]*\]){0,2}\[\d+ms\]/

/** JDK 8's stamps before a pause: a date (`-XX:+PrintGCDateStamps`), uptime in s (`-XX:+PrintGCTimeStamps`). */
const LEGACY_DATE = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)'
const LEGACY_UPTIME = '\\d+\\.\\d+'
/**
 * A JDK 8 pause after its stamps: `[GC (cause) … heap, secs]` or `[Full GC …]`;
 * the whole heap is the last sizes after a `]` or `)` (the greedy `.*` takes the
 * last; a line is bounded, so its backtracking is too).
 */
const LEGACY_BODY =
  '\\[(?:Full GC|GC)\\b.*[\\])]\\s+(?<heap_before_gc>\\d+)K->(?<heap_after_gc>\\d+)K\\((?<heap_committed_gc>\\d+)K\\), (?:\\[Metaspace: [^\\]]{0,120}\\], )?\\d+\\.\\d+ secs\\]'
const LEGACY_LINE = new RegExp(`^(?:${LEGACY_DATE}: )?(?:${LEGACY_UPTIME}: )?${LEGACY_BODY}`)

/** A size as G1's JDK 8 `Heap:` line writes it: `12.0M`, `4316.1K`, `0.0B`. */
const G1_SIZE = '\\d+(?:\\.\\d+)?[BKMG]'
/** G1's JDK 8 closing line of a pause: the whole heap before(capacity)->after(capacity). */
const G1_HEAP_LINE = `^\\s+\\[Eden: .* Heap: (?<heap_before_gc>${G1_SIZE})\\(${G1_SIZE}\\)->(?<heap_after_gc>${G1_SIZE})\\((?<heap_committed_gc>${G1_SIZE})\\)`

/** The spec for a JDK 8 log whose first pause is `sample`, by the stamps it carries. */
function legacySpec(sample: string): GcLogSpec {
  const base = { unitBytes: 1024, legacy: true }
  if (new RegExp(`^${LEGACY_DATE}: `).test(sample))
    return {
      ...base,
      pattern: `^(?<time>${LEGACY_DATE}): (?:${LEGACY_UPTIME}: )?${LEGACY_BODY}`,
      time: 'time'
    }
  if (new RegExp(`^${LEGACY_UPTIME}: `).test(sample))
    return {
      ...base,
      pattern: `^(?<uptime>${LEGACY_UPTIME}): ${LEGACY_BODY}`,
      time: 'uptime',
      timeUnitMs: 1000
    }
  return { ...base, pattern: `^${LEGACY_BODY}` }
}

/**
 * The spec that reads `lines` (a file's first lines) as a HotSpot GC log, or
 * undefined when they are not one: unified logging with at least one young or
 * full pause with its sizes or a `Using G1` line with the `gc` tag; or a JDK 8
 * log with at least one one-line pause.
 */
export function jvmGcLogSpec(lines: readonly string[]): GcLogSpec | undefined {
  const legacy = lines.find((line) => LEGACY_LINE.test(line))
  if (legacy !== undefined && !lines.some((line) => PAUSE_LINE.test(line)))
    return legacySpec(legacy)
  const g1Heap = new RegExp(G1_HEAP_LINE)
  if (lines.some((line) => g1Heap.test(line)) && !lines.some((line) => PAUSE_LINE.test(line)))
    // each size carries its unit; a bare number would be bytes
    return { pattern: G1_HEAP_LINE, unitBytes: 1, legacy: true, collector: 'G1' }
  const pause = lines.find((line) => PAUSE_LINE.test(line))
  const using = lines.map((line) => USING_LINE.exec(line)).find((m) => m !== null)
  const sample = pause ?? using?.[0]
  if (sample === undefined) return undefined
  const collector = using?.[1]
  const body = `(?:\\[[^\\]]*\\])*${GC_TAG}${PAUSE_BODY}`
  if (DATE_DECORATION.test(sample))
    return {
      pattern: `^\\[(?<time>[^\\]]+)\\]${body}`,
      time: 'time',
      unitBytes: 2 ** 20,
      collector
    }
  if (UPTIME_S.test(sample))
    return {
      pattern: `^(?:\\[[^\\]]*\\]){0,2}?\\[(?<uptime>\\d+(?:\\.\\d+)?)s\\]${body}`,
      time: 'uptime',
      timeUnitMs: 1000,
      unitBytes: 2 ** 20,
      collector
    }
  if (UPTIME_MS.test(sample))
    return {
      pattern: `^(?:\\[[^\\]]*\\]){0,2}?\\[(?<uptime>\\d+)ms\\]${body}`,
      time: 'uptime',
      timeUnitMs: 1,
      unitBytes: 2 ** 20,
      collector
    }
  // no time decoration: the pauses in file order
  return { pattern: `^${body}`, unitBytes: 2 ** 20, collector }
}

/**
 * Share of the capacity a full collection must leave in use, and most it may
 * free, for the heap to count as exhausted: the collector ran over the whole
 * heap and found almost nothing to free.
 */
export const EXHAUSTED_FRACTION = 0.98
/** Fewest consecutive full collections that each leave the heap exhausted. */
export const EXHAUSTED_FULL_COLLECTIONS = 2

/** Consecutive full collections that each left the heap (or its old generation) full. */
export interface HeapExhaustion {
  /** `heap`, or the old generation JDK 8 names (`ParOldGen`, `CMS`, `Tenured`). */
  space: string
  /** Full collections in the run. */
  collections: number
  /** After the last of them, and the capacity, in bytes. */
  after: number
  capacity: number
  /** The most any of them freed, in bytes. */
  mostFreed: number
  /** 1-based lines of the first and last. */
  firstLine: number
  lastLine: number
}

const SIZE_FACTOR: Record<string, number> = { B: 1, K: 1024, M: 2 ** 20, G: 2 ** 30 }
const UNIFIED_PAUSE = /\bGC\(\d+\) Pause (Young|Full)\b.* (\d+)M->(\d+)M\((\d+)M\)/
const LEGACY_PAUSE = new RegExp(`^(?:${LEGACY_DATE}: )?(?:${LEGACY_UPTIME}: )?\\[(Full GC|GC)\\b`)
/** A JDK 8 full pause's old generation: `[ParOldGen: 2342580K->2342579K(2342912K)]`. */
const LEGACY_OLD = /\[(ParOldGen|PSOldGen|CMS|Tenured): (\d+)K->(\d+)K\((\d+)K\)/
const LEGACY_HEAP = / (\d+)K->(\d+)K\((\d+)K\), (?:\[Metaspace: [^\]]*\], )?\d+\.\d+ secs\]/
const G1_HEAP = new RegExp(`Heap: (${G1_SIZE})\\((${G1_SIZE})\\)->(${G1_SIZE})\\((${G1_SIZE})\\)`)

function g1Bytes(text: string): number {
  return Number.parseFloat(text) * SIZE_FACTOR[text.at(-1)!]
}

/**
 * The last run of at least {@link EXHAUSTED_FULL_COLLECTIONS} consecutive full
 * collections (no young pause between) in a HotSpot GC log that each left at
 * least {@link EXHAUSTED_FRACTION} of the capacity in use and freed less than
 * the rest: an OutOfMemoryError is imminent whatever the trend. The capacity
 * is the one the line gives (`->after(capacity)`); a JDK 8 line with an old
 * generation is judged on it (objects that survive a full collection live
 * there; the young generation's share of the heap is not theirs to fill).
 */
export function heapExhaustion(lines: readonly string[]): HeapExhaustion | undefined {
  let run: HeapExhaustion | undefined
  let last: HeapExhaustion | undefined
  // JDK 8 G1: the Heap: line closes the pause its first line opened
  let g1Full: boolean | undefined
  const pause = (
    full: boolean,
    at: number,
    space: string,
    before: number,
    after: number,
    capacity: number
  ): void => {
    const exhausted =
      full &&
      capacity > 0 &&
      after >= EXHAUSTED_FRACTION * capacity &&
      before - after < (1 - EXHAUSTED_FRACTION) * capacity
    if (!exhausted) {
      run = undefined
      return
    }
    const freed = Math.max(0, before - after)
    run =
      run === undefined || run.space !== space
        ? { space, collections: 1, after, capacity, mostFreed: freed, firstLine: at, lastLine: at }
        : {
            ...run,
            collections: run.collections + 1,
            after,
            capacity,
            mostFreed: Math.max(run.mostFreed, freed),
            lastLine: at
          }
    if (run.collections >= EXHAUSTED_FULL_COLLECTIONS) last = run
  }
  lines.forEach((line, i) => {
    const unified = UNIFIED_PAUSE.exec(line)
    if (unified) {
      const [, kind, before, after, capacity] = unified
      pause(
        kind === 'Full',
        i + 1,
        'heap',
        +before * 2 ** 20,
        +after * 2 ** 20,
        +capacity * 2 ** 20
      )
      return
    }
    const legacy = LEGACY_PAUSE.exec(line)
    if (legacy) {
      const full = legacy[1] === 'Full GC'
      const old = LEGACY_OLD.exec(line)
      const heap = LEGACY_HEAP.exec(line)
      if (old) pause(full, i + 1, old[1], +old[2] * 1024, +old[3] * 1024, +old[4] * 1024)
      else if (heap) pause(full, i + 1, 'heap', +heap[1] * 1024, +heap[2] * 1024, +heap[3] * 1024)
      // G1: the sizes come on the Heap: line below
      else g1Full = full
      return
    }
    const g1 = g1Full !== undefined ? G1_HEAP.exec(line) : null
    if (g1) {
      pause(g1Full!, i + 1, 'heap', g1Bytes(g1[1]), g1Bytes(g1[3]), g1Bytes(g1[4]))
      g1Full = undefined
    }
  })
  return last
}

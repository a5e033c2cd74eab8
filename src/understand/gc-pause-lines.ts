/**
 * The pause lines a collector writes, told one by one: a HotSpot log's young and full pauses
 * (JDK 9+ unified logging, JDK 8 `-XX:+PrintGCDetails`), Go's gctrace, Node's `--trace-gc`.
 * Counting the full (major) collections a log shows is the same witness as a runtime's counter
 * of its older collections (`python_gc_collections_total{generation="2"}`, a JVM's major
 * pauses): a collection that went over the whole heap ran between two readings.
 *
 *   [0.799s][info][gc] GC(7) Pause Full (System.gc()) 30M->12M(256M) 17.547ms      full
 *   [0.192s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 4M->1M(10M) 2.522ms
 *   9137.425: [Full GC (Ergonomics) [PSYoungGen: …] …, 2.7266583 secs]               full
 *   gc 12 @3.512s 4%: 0.018+2.1+0.021 ms clock, …, 41->43->21 MB, 44 MB goal, 8 P     full (Go marks the whole heap each cycle)
 *   [40817:0x5e8b0a0]     2345 ms: Mark-Compact 45.2 (60.1) -> 30.1 (61.2) MB, …    full
 *   [40817:0x5e8b0a0]     1201 ms: Scavenge 12.1 (14.0) -> 3.2 (15.0) MB, …         young
 *
 * G1's mixed pauses, CMS's remark and V8's minor mark-compact/mark-sweep are not full
 * collections. Node's lines carry the process id, so a file several processes wrote into is told.
 */

/** What a pause line says: a full (major) collection or a young one, and who wrote it. */
export interface PauseLine {
  full: boolean
  /** The writing process (Node's `[pid:isolate]` prefix), when the line names it. */
  pid?: string
  /** The isolate within it (Node's worker threads each have their own heap). */
  isolate?: string
  /**
   * Which family of lines it is (`unified`, `legacy`, `gctrace`, `v8`): a collector writes one.
   * With `seq`, the collector's own numbering: HotSpot's `GC(7)` (repeated by the `gc,start` line
   * of the same pause), Go's `gc 12`, JDK 8's uptime stamp; it never goes back within one process.
   */
  family: 'unified' | 'legacy' | 'gctrace' | 'v8'
  seq?: number
  /** Go's `@3.512s`: seconds since the writing program started. */
  uptime?: number
}

/** JDK 9+ unified logging: `GC(7) Pause Full` / `GC(0) Pause Young`. */
const UNIFIED = /\bGC\((\d+)\) Pause (Full|Young)\b/
/** JDK 8: `[Full GC (cause)` / `[GC (cause)` / `[GC pause (…)`, after at most two stamps (the last an uptime). */
const LEGACY = /^(?:[\dT:.+-]+Z?: ){0,2}\[(Full GC|GC)\b/
/** JDK 8's uptime stamp, the last before the pause: `9137.425: [`. */
const LEGACY_UPTIME = /(?:^|: )(\d+\.\d+): \[/
/** Go's gctrace: `gc 12 @3.512s 4%:` (journald or a runtime may write a time and tag before it). */
const GCTRACE = /(?:^|[\s:\]])gc (\d+) @(\d+(?:\.\d+)?)s \d+%: /
/** Node's --trace-gc: `[pid:isolate]   1234 ms: Mark-Compact …` (V8 writes `Mark-sweep` before 2018). */
const NODE =
  /\[(\d+):((?:0x)?[0-9a-fA-F]+)\]\s+\d+(?:\.\d+)? ms: (Minor Mark-(?:Compact|Sweep)|Mark-(?:Compact|sweep)|Scavenge)\b/

/** The pause a line reports, or undefined when it is no pause line. */
export function pauseOnLine(line: string): PauseLine | undefined {
  // most lines of an application's log are none: cheap tests before the patterns. HotSpot's lines
  // say `GC`; Go's and V8's give their sizes in `MB`: two scans for rare capitals first (the
  // scans for `gc ` and ` ms: ` cost twice theirs on a line with neither)
  if (
    line.indexOf('GC') === -1 &&
    (line.indexOf('MB') === -1 || (line.indexOf('gc ') === -1 && line.indexOf(' ms: ') === -1))
  )
    return undefined
  const unified = UNIFIED.exec(line)
  if (unified) return { full: unified[2] === 'Full', family: 'unified', seq: Number(unified[1]) }
  const legacy = LEGACY.exec(line)
  if (legacy) {
    const uptime = LEGACY_UPTIME.exec(legacy[0])
    return {
      full: legacy[1] === 'Full GC',
      family: 'legacy',
      ...(uptime ? { seq: Number(uptime[1]) } : {})
    }
  }
  const gctrace = GCTRACE.exec(line)
  if (gctrace)
    return { full: true, family: 'gctrace', seq: Number(gctrace[1]), uptime: Number(gctrace[2]) }
  const node = NODE.exec(line)
  if (node)
    return {
      full: node[3].startsWith('Mark-'),
      family: 'v8',
      pid: node[1],
      isolate: node[2].toLowerCase().replace(/^0x/, '')
    }
  return undefined
}

/** Whether a file's first lines hold a collector's pause line (then its full pauses are counted). */
export function hasPauseLines(lines: readonly string[]): boolean {
  return lines.some((line) => pauseOnLine(line) !== undefined)
}

/**
 * The witness a log's full pauses give: at each reading, the full collections the file showed
 * up to it (read like `python_gc_collections_total{generation="2"}`; never judged nor listed).
 */
export const GC_LOG_COLLECTIONS_METRIC = 'gc_log_full_collections'

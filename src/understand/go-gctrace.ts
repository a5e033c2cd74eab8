/**
 * Go's collector trace (`GODEBUG=gctrace=1`, on stderr), told from its first
 * lines and read with no configuration: one sample per collection, the live
 * heap it marked, by the seconds since the program started.
 *
 *   gc 12 @3.512s 4%: 0.018+2.1+0.021 ms clock, 0.14+0.52/3.9/0.42+0.17 ms cpu, 41->43->21 MB, 44 MB goal, 0 MB stacks, 0 MB globals, 8 P
 *   gc 13 @4.020s 4%: 0.02+1.9+0.02 ms clock, 0.16+0/3.1/0.4+0.18 ms cpu, 38->38->22 MB, 44 MB goal, 8 P (forced)
 *
 * The sizes are the heap when the collection started, when it ended, and the
 * heap it marked live: the third is the floor a leak raises (the first two
 * hold garbage allocated meanwhile, a sawtooth). Go's `MB` is MiB. Go 1.19
 * added the stacks and globals fields; `(forced)` ends a `runtime.GC()`
 * collection, whose marked heap is read like any other. `scvg:` and `pacer:`
 * lines between them are skipped.
 */
import type { GcLogSpec } from './jvm-gc-log.js'

/** How many gctrace lines the first lines need to hold. */
const MIN_LINES = 2

/**
 * A gctrace line, strictly (for telling the format): not anchored, since
 * journald or a container runtime may write a time and a tag before it. Each
 * part is a character class that stops at a space, so a start that fails
 * fails within one field (linear over a hostile line).
 */
const GCTRACE_LINE =
  /(?:^|[\s:\]])gc \d+ @\d+(?:\.\d+)?s \d+%: [\d.+/]+ ms clock, [\d.+/]+ ms cpu, \d+->\d+->\d+ MB, \d+ MB goal\b/

/**
 * What is read of a line: the collection's time since the start and the live
 * heap it marked (`heap_after_gc`). The time and the sizes are taken as the
 * field holds them (no space, no comma), so a garbled one is reported with its
 * line rather than the line skipped; the rest is strict.
 */
const GCTRACE_PATTERN =
  '\\bgc \\d+ @(?<uptime>[^\\s,]+?)s \\d+%: [\\d.+/]+ ms clock, [\\d.+/]+ ms cpu, (?<heap_before_gc>[^\\s,>-]+)->[^\\s,>-]+->(?<heap_after_gc>[^\\s,]+) MB, (?<heap_goal_gc>[^\\s,]+) MB goal'

/**
 * The spec that reads `lines` (a file's first lines) as a Go gctrace, or
 * undefined when fewer than {@link MIN_LINES} of them are gctrace lines.
 */
export function goGctraceSpec(lines: readonly string[]): GcLogSpec | undefined {
  let found = 0
  for (const line of lines) {
    if (!line.includes('gc ') || !GCTRACE_LINE.test(line)) continue
    if (++found >= MIN_LINES)
      return {
        pattern: GCTRACE_PATTERN,
        time: 'uptime',
        timeUnitMs: 1000,
        unitBytes: 2 ** 20,
        go: true
      }
  }
  return undefined
}

/** `gc 12 @3.512s`: a cycle's number and its seconds since its program started. */
const CYCLE = /(?:^|[\s:\]])gc (\d+) @(\d+(?:\.\d+)?)s \d+%: /

/** The share of the program's run the cycles left out may span, at most (a build, not a run). */
const EARLIER_SHARE = 0.1

/**
 * Where the program's own cycles start (a 1-based line) in a gctrace that
 * `GODEBUG=gctrace=1 go run` wrote: the go command, the compiler and the
 * linker trace their cycles first, each numbered from `gc 1`, then the
 * program from `gc 1`. Only when the numbering last went back to `gc 1`, never
 * went back after it, and every earlier cycle came within a tenth of the
 * program's run (seconds since each process started): a build's processes
 * live for seconds, a restarted service as long as its run. Undefined when
 * the numbering never goes back or the start is not provably the program's:
 * the file is then read whole, as before.
 */
export function goRunProgramStart(lines: readonly string[]): number | undefined {
  let previous = -Infinity
  let start = -1
  let startSeq = Number.NaN
  let earlier = -Infinity
  let latest = -Infinity
  let program = -Infinity
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line.includes('gc ')) continue
    const cycle = CYCLE.exec(line)
    if (cycle === null) continue
    const seq = Number(cycle[1])
    const uptime = Number(cycle[2])
    if (seq <= previous) {
      start = i
      startSeq = seq
      earlier = latest
      program = -Infinity
    }
    previous = seq
    latest = Math.max(latest, uptime)
    program = Math.max(program, uptime)
  }
  if (start < 0 || startSeq !== 1 || !(earlier <= EARLIER_SHARE * program)) return undefined
  return start + 1
}

/**
 * The cycles before `start` (a 1-based line, {@link goRunProgramStart}'s) and the latest second
 * any of them came at: what a note says was left out. The numbering and the clock cannot tell
 * `go run`'s build from a first run of the program that ended early, so the note says both.
 */
export function earlierCycles(
  lines: readonly string[],
  start: number
): { cycles: number; seconds: number } {
  let cycles = 0
  let seconds = 0
  for (let i = 0; i < start - 1 && i < lines.length; i++) {
    if (!lines[i].includes('gc ')) continue
    const cycle = CYCLE.exec(lines[i])
    if (cycle === null) continue
    cycles++
    seconds = Math.max(seconds, Number(cycle[2]))
  }
  return { cycles, seconds }
}

/**
 * memory_profiler's `mprof run` output (`mprofile_20250310100000.dat`), told
 * from its first lines and read with no configuration: one sample per `MEM`
 * line, the memory of the profiled process in MiB by epoch seconds.
 *
 *   CMDLINE python worker.py --serve
 *   MEM 149.971428 1741600800.0000
 *   FUNC __main__.handle 150.1211 1741600800.1021 152.3320 1741600800.4050
 *   CHLD 41234 35.125000 1741600800.1033
 *   MEM 0.000000 1741600995.1000
 *
 * `MEM` is the process's resident memory (RSS, mprof's default `psutil`
 * backend; with `--include-children` its children's added in). Sessions
 * appended to one file each start with their own `CMDLINE` line; the loader
 * splits them into runs (load/runs.ts: a pause, then memory falling to a
 * starting process's). mprof writes `MEM 0.000000` once the process has
 * exited (psutil reads a zombie as 0 bytes), and `-1` when `ps` failed (its
 * `posix` backend): no reading of memory, left out, so an exit is never read
 * as all memory freed (a fall to 0 would look like a restart or an OOM kill).
 * `FUNC` lines (`@profile` functions' start and end) and `CHLD` lines (each
 * child's memory, `--multiprocess`) are not read: see {@link MprofSpec.children}.
 */
/** The metric an mprof file gives: `MEM`, as users name it in their own patterns. */
export const MPROF_METRIC = 'mem'

/** How to read an mprof file with the `log` format, and what its first lines hold besides. */
export interface MprofSpec {
  pattern: string
  /** The pattern group holding the time (epoch seconds). */
  time: string
  timeUnitMs: number
  /** Bytes per unit of the sizes (MiB). */
  unitBytes: number
  /** What the file must hold for the pattern to read a sample (said when no line does; `{lines}`: the line count). */
  noMatch: string
  /**
   * `CHLD` lines among the first lines (`mprof run --multiprocess`): each child's memory, by pid.
   * Not read: `MEM` stays the main process alone, and children (pool workers replaced, `CHLD 0
   * 0.000000` where one vanished between listing and reading) would make many short series each
   * judged alone; the note says how to count them (`--include-children`) or read them.
   */
  children: number
}

/** A `MEM <MiB> <epoch s>` line as mprof writes it (`%.6f %.4f`), strictly, for telling the format. */
const MEM_LINE = /^MEM -?\d{1,12}(?:\.\d{1,12})? \d{1,12}(?:\.\d{1,12})?\s*$/

/** How many `MEM` lines the first lines need to hold when no `CMDLINE` line opens them. */
const MIN_MEM_LINES = 2

/**
 * What is read of a line: a `MEM` line but one whose value is 0 (the process has exited) or
 * negative (`ps` failed). Each field is taken as it is written up to the next space, so a garbled
 * one (two writes run together) is reported with its line rather than the line skipped; a last
 * line cut before its time is skipped. Anchored, one way to match (linear).
 */
const MPROF_PATTERN = `^MEM (?!-|0+(?:\\.0+)?\\s)(?<${MPROF_METRIC}>\\S+) (?<time>\\S+)`

/**
 * The spec that reads `lines` (a file's first lines) as mprof output: they open with a
 * `CMDLINE` line, or hold at least {@link MIN_MEM_LINES} `MEM` lines. Undefined otherwise.
 */
export function mprofSpec(lines: readonly string[]): MprofSpec | undefined {
  let mem = 0
  let children = 0
  let first = true
  let opened = false
  for (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '')
    if (line.trim() === '') continue
    if (first && line.startsWith('CMDLINE ')) opened = true
    first = false
    if (line.startsWith('MEM ') && MEM_LINE.test(line)) mem++
    else if (line.startsWith('CHLD ')) children++
  }
  if (!opened && mem < MIN_MEM_LINES) return undefined
  return {
    pattern: MPROF_PATTERN,
    time: 'time',
    timeUnitMs: 1000,
    unitBytes: 2 ** 20,
    noMatch:
      'memory_profiler output (`mprof run`) with no reading: none of its {lines} lines is a `MEM <MiB> <epoch seconds>` line above 0 MiB (the process exited before mprof first read it?)',
    children
  }
}

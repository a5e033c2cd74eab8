/**
 * Progress of long reads, for the person watching: a 1 GB file used to show
 * a blank terminal (and an empty `leak-gate: analyse` log group) for the
 * whole read. The readers in `io/read-lines.ts` report bytes read per chunk
 * ({@link ReadProgressListener}); this turns those reports into output:
 * - on a terminal: one line (file, bytes read of total, rate, ETA) redrawn
 *   in place at most 10 times a second, once the file has taken a second,
 *   and cleared when it is done;
 * - in a log (the Actions log, a pipe): a plain line every 10 s, only for a
 *   file that takes longer than that.
 * Small files show nothing. The clock is injected, so tests drive it.
 */
import type { ReadProgress, ReadProgressListener } from './read-lines.js'

/** Where and how a {@link createProgressDisplay} writes. */
export interface ProgressDisplayOptions {
  /** Writes text (stderr for the CLI, the log for the action). */
  write: (text: string) => void
  /** True to redraw one line in place (a terminal); false for plain lines (a log). */
  tty: boolean
  /** Milliseconds now; default `performance.now()`. */
  now?: () => number
}

/** Least time between two redraws on a terminal (10 per second at most). */
export const TTY_REDRAW_MS = 100
/** A file shows progress on a terminal once its read has taken this long. */
export const TTY_DELAY_MS = 1000
/** Time between two plain lines in a log, and before the first. */
export const LOG_INTERVAL_MS = 10_000

/** Makes the listener that shows read progress as described in the module comment. */
export function createProgressDisplay(options: ProgressDisplayOptions): ReadProgressListener {
  const now = options.now ?? (() => performance.now())
  const { write, tty } = options
  /** Per file being read: when it started, when it was last shown, whether a line is on screen. */
  const reads = new Map<string, { started: number; shown: number; drawn: boolean }>()
  return (progress: ReadProgress) => {
    const at = now()
    let read = reads.get(progress.file)
    if (read === undefined) {
      read = { started: at, shown: at, drawn: false }
      reads.set(progress.file, read)
    }
    if (progress.done) {
      reads.delete(progress.file)
      // the line goes: the report that follows is what stays
      if (read.drawn) write('\r\u001b[2K')
      return
    }
    const elapsed = at - read.started
    if (tty) {
      if (elapsed < TTY_DELAY_MS || (read.drawn && at - read.shown < TTY_REDRAW_MS)) return
      write(`\r\u001b[2K${describeProgress(progress, elapsed)}`)
      read.drawn = true
      read.shown = at
      return
    }
    if (at - read.shown < LOG_INTERVAL_MS) return
    write(`${describeProgress(progress, elapsed)}\n`)
    read.shown = at
  }
}

/**
 * `leak-gate: reading docker_stats.csv: 412 MiB of 931 MiB (44 %), 95.3 MiB/s, about 6 s left`:
 * what a progress line says, from bytes read over the time taken so far.
 */
export function describeProgress(progress: ReadProgress, elapsedMs: number): string {
  const { file, bytesRead, totalBytes } = progress
  const rate = elapsedMs > 0 ? (bytesRead / elapsedMs) * 1000 : 0
  const parts = [
    totalBytes > 0
      ? `${mebibytes(bytesRead)} of ${mebibytes(totalBytes)} (${Math.floor((100 * bytesRead) / totalBytes)} %)`
      : mebibytes(bytesRead),
    `${(rate / 2 ** 20).toFixed(1)} MiB/s`
  ]
  if (totalBytes > bytesRead && rate > 0)
    parts.push(`about ${duration((totalBytes - bytesRead) / rate)} left`)
  return `leak-gate: reading ${file}: ${parts.join(', ')}`
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`
}

/** `42 s`, `3 min 5 s`, `1 h 2 min`. */
function duration(seconds: number): string {
  const s = Math.ceil(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
}

/**
 * The display for this process: a redrawn line when stderr is a terminal
 * outside GitHub Actions, else plain lines on `logWrite` (stderr for the
 * CLI, stdout, the step's log, for the action).
 */
export function processProgressDisplay(
  logWrite: (text: string) => void = (text) => process.stderr.write(text)
): ReadProgressListener {
  const tty = Boolean(process.stderr.isTTY) && process.env.GITHUB_ACTIONS !== 'true'
  return createProgressDisplay({
    tty,
    write: tty ? (text) => process.stderr.write(text) : logWrite
  })
}

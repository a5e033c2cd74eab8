/**
 * One fall, one reading. A process's metrics fall together when the runtime
 * hands memory back (V8 shrinking its heap): the series that carries the
 * process's own work counter can tell it from a restart (the counter counts
 * on), a container series beside it cannot and would call the same fall "a
 * restart: back to the starting level". A fall that a same-process series
 * shows at the same time and reads as no restart is no restart in the other
 * either, unless something of its own says so (a pause, `0B / 0B`, a new
 * id, its own counter starting again). Likewise a count (goroutines, threads)
 * that falls back to its starting level while the same process's memory
 * shows no restart: 8–64 goroutines per unit of work end with it, and the
 * count is at its floor between units.
 */
import type { AnalysisContext } from './context.js'
import { isRestart, type LevelReset } from './segments.js'
import type { SeriesDetail } from './series-analysis.js'
import { median } from '../stats/median.js'
import { sameProcessSeries } from './same-process.js'

/** Two falls are one when they are at most this many sampling intervals apart (and 2 s). */
const SAME_FALL_INTERVALS = 3
const SAME_FALL_MIN_MS = 2000

function interval(detail: SeriesDetail): number {
  const gaps: number[] = []
  for (let i = 1; i < detail.x.length; i++) gaps.push(detail.x[i] - detail.x[i - 1])
  return gaps.length > 0 ? median(gaps) : 0
}

/** A restart only because the level went back to where it started: nothing else says so. */
function restartByLevelOnly(r: LevelReset): boolean {
  return r.toStart && !r.afterGap && !r.notRunning && !r.workReset && r.newProcess === undefined
}

/**
 * Re-reads falls that are restarts only by their level when a same-process
 * series shows the same fall and reads it as the runtime handing memory back.
 * Run once, after every series is analysed.
 */
export function reconcileResets(context: AnalysisContext): void {
  const timed = context.series.filter((d) => d.xAxis === 'time' && d.segmented)
  for (const detail of timed) {
    const resets = detail.segmented!.resets
    if (!resets.some(restartByLevelOnly)) continue
    const same = sameProcessSeries(context.series, detail)
    const witnesses = same.filter((other) => other.xAxis === 'time' && other.segmented)
    // A count (goroutines, threads) back at its floor is work that ended, unless the process's
    // memory went back to where it started at the same time: a restart drops both.
    const memory =
      detail.series.kind === 'memory'
        ? []
        : same.filter(
            (other) =>
              other.series.kind === 'memory' &&
              other.xAxis === 'time' &&
              !other.insufficient &&
              other.values !== null
          )
    if (witnesses.length === 0 && memory.length === 0) continue
    let changed = false
    for (const reset of resets) {
      if (!restartByLevelOnly(reset)) continue
      const near = (other: SeriesDetail): number =>
        Math.max(
          SAME_FALL_MIN_MS,
          SAME_FALL_INTERVALS * Math.max(interval(detail), interval(other))
        )
      const handedBack = witnesses.some((other) =>
        other.segmented!.resets.some(
          (theirs) => !isRestart(theirs) && Math.abs(theirs.x - reset.x) <= near(other)
        )
      )
      const memoryStayed =
        memory.length > 0 &&
        !memory.some((other) =>
          (other.segmented?.resets ?? []).some(
            (theirs) => isRestart(theirs) && Math.abs(theirs.x - reset.x) <= near(other)
          )
        )
      if (handedBack || memoryStayed) {
        reset.toStart = false
        changed = true
      }
    }
    if (!changed || !detail.analysis.segments) continue
    const restarts = resets.filter(isRestart).length
    if (restarts === 0) delete detail.analysis.segments
    else detail.analysis.segments.restarts = restarts
  }
}

/**
 * Keeps the disturbance of heap snapshots out of the verdict. Writing a
 * snapshot blocks the process and leaves its RSS raised for good (the
 * snapshot's memory is not returned to the OS), and a full GC runs first,
 * so a memory series shows a step at each snapshot that is not a leak. For
 * the series of the folder a `heap-snapshots.json` sits in (one process),
 * each pause and a settle time after it are left out, and the memory
 * samples after it are moved down by the rise across the gap (median of the
 * 3 points after minus median of the 3 before; a drop is the snapshot's own
 * full GC and is left to the sawtooth), so the trend rules see the
 * process as if no snapshot had been written. Growth during the pause
 * itself (a few seconds) is not counted; the report says what was done.
 * Series without absolute times cannot be matched to the pauses and are
 * left as they are, with a note. Pure.
 */
import { formatBytes, formatDuration } from '../analyze/format.js'
import type { Series } from '../model.js'
import type { PauseManifest } from './manifest.js'

/** Time after a pause left out too: the first samples after it still show the GC and the write. */
export const SETTLE_MS = 1000
/** Points on each side whose median gives the level before and after a pause. */
const LEVEL_POINTS = 3

/**
 * Leaves the pauses out of the series of `folder` ('' for the artifact root).
 *
 * @example excludePauses(series, manifest, '').notes[0] // 'memory.csv: 3 heap snapshot pauses left out …'
 */
export function excludePauses(
  series: Series[],
  manifest: PauseManifest,
  folder: string
): { series: Series[]; notes: string[] } {
  const notes: string[] = []
  const pauses = [...manifest.snapshots].sort((a, b) => a.start - b.start)
  if (pauses.length === 0) return { series, notes }
  const inFolder = (file: string): boolean =>
    (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '') === folder
  const steps = new Map<string, string[]>()
  const out = series.map((s) => {
    if (!inFolder(s.file)) return s
    if (s.timeBase !== 'epoch') {
      notes.push(
        `${s.id}: no absolute times, so the heap snapshot pauses of ${manifest.series ?? 'this folder'} cannot be left out of it`
      )
      return s
    }
    let current = s
    for (const pause of pauses) {
      const result = cutPause(current, pause.start, pause.end + SETTLE_MS)
      current = result.series
      if (result.step !== null && result.step > 0 && s.kind === 'memory') {
        const list = steps.get(s.metric) ?? []
        list.push(`${result.step >= 0 ? '+' : '-'}${formatBytes(Math.abs(result.step))}`)
        steps.set(s.metric, list)
      }
    }
    return current
  })
  const files = [
    ...new Set(series.filter((s) => inFolder(s.file) && s.timeBase === 'epoch').map((s) => s.file))
  ]
  if (files.length > 0) {
    const durations = pauses.map((p) => formatDuration(p.end - p.start)).join(', ')
    const moved = [...steps.entries()]
      .map(([metric, list]) => `${metric} ${list.join(', ')}`)
      .join('; ')
    notes.push(
      `${files.join(', ')}: ${pauses.length} heap snapshot pause${pauses.length > 1 ? 's' : ''} left out (${durations}, each with ${formatDuration(SETTLE_MS)} to settle, from ${folder ? `${folder}/` : ''}heap-snapshots.json)` +
        (moved ? `; memory after each moved by its step across the pause: ${moved}` : '')
    )
  }
  return { series: out, notes }
}

/** Removes the points in [from, to] and moves the later memory points by the step across the gap. */
function cutPause(
  series: Series,
  from: number,
  to: number
): { series: Series; step: number | null } {
  const keepBefore: number[] = []
  const keepAfter: number[] = []
  for (let i = 0; i < series.time.length; i++) {
    if (series.time[i] < from) keepBefore.push(i)
    else if (series.time[i] > to) keepAfter.push(i)
  }
  if (keepBefore.length + keepAfter.length === series.time.length) {
    // nothing inside the window: a pause between two samples still moves the level
    if (keepBefore.length === 0 || keepAfter.length === 0) return { series, step: null }
  }
  let step: number | null = null
  if (keepBefore.length > 0 && keepAfter.length > 0 && series.kind === 'memory') {
    const before = median(keepBefore.slice(-LEVEL_POINTS).map((i) => series.value[i]))
    const after = median(keepAfter.slice(0, LEVEL_POINTS).map((i) => series.value[i]))
    // Only a rise is the snapshot's: a drop is the full GC it runs first, which the sawtooth refills.
    step = Math.max(0, after - before)
  }
  const pick = <T>(values: T[], shift: (value: T, after: boolean) => T): T[] => [
    ...keepBefore.map((i) => shift(values[i], false)),
    ...keepAfter.map((i) => shift(values[i], true))
  ]
  const move = (value: number, after: boolean): number =>
    after && step !== null ? value - step : value
  const same = <T>(value: T): T => value
  const count = pick(series.count, same)
  return {
    series: {
      ...series,
      time: pick(series.time, same),
      work: pick(series.work, same),
      value: pick(series.value, move),
      min: pick(series.min, move),
      max: pick(series.max, move),
      count,
      samples: count.reduce((sum, n) => sum + n, 0)
    },
    step
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

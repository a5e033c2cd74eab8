/**
 * Whether a series cut at level resets (segments.ts) grows like a leak
 * within its segments, and the words for where it was cut: shared by
 * sustained-growth, retained-after-load and the live-heap witness, so a
 * heap that leaks within each segment of a restarted run is never called
 * flat because the restart's fall cancels its rise over the whole window.
 */
import { describeSlopeShort, singular } from './describe.js'
import { formatDelta, formatDuration, formatPValue, formatTime, formatValue } from './format.js'
import { exceedsTolerance } from './growth.js'
import { median } from '../stats/median.js'
import { paceAndEndPace, readingsBetween } from './readings.js'
import { isRestart, MAX_RESETS, MIN_SEGMENT_SAMPLES, type NewProcess } from './segments.js'
import type { SeriesDetail, TrendFit } from './series-analysis.js'
import { DEFAULTS, type growthTolerance } from './thresholds.js'

/** True when a series was cut at a restart (a fall to the starting level, a gap, a new process). */
export function hasRestart(detail: SeriesDetail): boolean {
  return detail.segmented?.resets.some(isRestart) ?? false
}

/** Whether the segments between level resets grow like a leak, and if not why. */
export function judgeSegments(
  detail: SeriesDetail,
  tolerance: ReturnType<typeof growthTolerance>,
  workSource?: SeriesDetail | null
): { growing: boolean; why: string; regrowth?: true } {
  const seg = detail.segmented
  if (!seg) return { growing: false, why: 'no segments' }
  const pseudo = { slope: seg.slope, growth: seg.growth, level: seg.level } as TrendFit
  const unit = detail.series.unit
  if (!(seg.slope > 0 && seg.pValue < DEFAULTS.alpha))
    return {
      growing: false,
      why: `no significant trend within them (${describeSlopeShort(detail, seg.slope)}, ${formatPValue(seg.pValue)})`
    }
  if (!exceedsTolerance(pseudo, tolerance, detail.xAxis === 'time'))
    return {
      growing: false,
      why: `they rise ${formatDelta(seg.growth, unit)} in all, under the ${tolerance.text} tolerance`
    }
  // Falls that are no restart (the runtime handing heap back) split a series only once, into
  // long parts: a heap shrunk and regrown twice within a minute is the collector's pacing. A
  // short part counts when both parts climb at the same pace (within 2× of each other): memory
  // that grows on through the shrink, at the rate it grew before it (a native leak under a heap
  // the runtime shrank), where a heap regrowing after a shrink was flat before it and climbs faster.
  //
  // Long parts keep one pace too when the work is counted, per unit of work: a leak adds the same
  // per request on both sides of a shrink whatever the load did; a heap the runtime shrank at a
  // low load and regrew as the load ramped up adds far more per request on one side.
  const restart = seg.resets.some(isRestart)
  const covered = seg.segments.reduce((sum, part) => sum + (part.x1 - part.x0), 0)
  const shortPart = seg.segments.some((part) => part.x1 - part.x0 < 0.25 * covered)
  const perWork = perWorkPaces(detail, workSource ?? null)
  if (!restart && seg.resets.length === 1 && perWork !== null && !samePace(perWork)) {
    const per = (workSource && !detail.series.work.some(Number.isFinite) ? workSource : detail)
      .series.workName
    const noun = per ? singular(per) : 'unit of work'
    return {
      growing: false,
      why: `the parts do not keep one pace per ${noun} (${perWork.map((p) => formatValue(p.slope, unit)).join(' and ')} per ${noun}, more than ${SAME_PACE_RATIO}× apart): a heap the runtime shrank at a low load and regrew as the load rose, where a leak adds the same per ${noun} on both sides`
    }
  }
  // With the work counted, its pace per unit of work (checked above) is the one both parts keep.
  if (!restart && (seg.resets.length > 1 || (shortPart && !samePace(perWork ?? seg.segments))))
    return {
      growing: false,
      why: 'the falls are no restart and come more than once or leave short parts (the collector shrinking and regrowing its heap)'
    }
  const regrew = restart ? null : regrewToWorkingSize(detail, tolerance)
  if (regrew) return { growing: false, why: regrew, regrowth: true }
  if (!seg.everySegmentGrows || !seg.lastKeepsPace)
    return {
      growing: false,
      why: restart
        ? 'the rise is not in every segment to its end (a process warming up after its start and levelling off; a leak climbs in every life to its end)'
        : 'the rise is not in every segment to its end (a heap regrowing once after the runtime shrank it, not a leak)'
    }
  return { growing: true, why: '' }
}

/** A regrowth slows down at its working size: its last half under this share of the part's pace. */
export const REGROWTH_END_PACE = 1 / 2

/**
 * A series cut once at a fall the runtime made (it shrank its heap, no restart) whose part after
 * the fall climbed back to the level it fell from, within the tolerance, and slowed down there
 * (the last half of that part, on its readings, under {@link REGROWTH_END_PACE} of the part's
 * pace): the heap regrowing to its working size, not memory added. A leak goes on at its pace
 * through the shrink (a native leak under a heap V8 shrank by 28 MiB kept 100 % of it and ended
 * 19 MiB under the fall's top) or ends above that level by what it added since. A healthy cache
 * of 30 % in a 5-minute run: RSS fell 139.4 → 110.3 MiB at 58 %, climbed back to 141.8 MiB and
 * rose at 21 % of the part's pace over its last half. The clause saying so, or null.
 */
export function regrewToWorkingSize(
  detail: SeriesDetail,
  tolerance: ReturnType<typeof growthTolerance>
): string | null {
  const seg = detail.segmented
  if (!seg || seg.resets.length !== 1 || seg.resets.some(isRestart)) return null
  const fall = seg.resets[0]
  const last = seg.segments[seg.segments.length - 1]
  if (!(last.x0 >= fall.x)) return null
  const { x, y, work: w } = readingsBetween(detail, last.x0, last.x1)
  if (y.length < 2 * MIN_SEGMENT_SAMPLES) return null
  const half = Math.floor(y.length / 2)
  const slowed = (axis: readonly number[]): { pace: number; endPace: number } | null => {
    const paces = paceAndEndPace(axis, y)
    return paces.pace > 0 && paces.endPace < REGROWTH_END_PACE * paces.pace ? paces : null
  }
  const inTime = slowed(x)
  if (!inTime) return null
  const { pace, endPace } = inTime
  // With the work counted, per unit of work too: a leak under a load that ramps down slows in
  // time, not per request (a time axis only; on a work axis x is the work).
  const counted =
    detail.xAxis === 'time' &&
    w.every(Number.isFinite) &&
    w[w.length - 1] > w[half] &&
    w[half] > w[0]
  if (counted && !slowed(w)) return null
  // the level it ends at: the median of the part's last fifth of readings
  const end = median(y.slice(y.length - Math.max(3, Math.floor(y.length / 5))))
  const above = end - fall.from
  if (
    above > 0 &&
    exceedsTolerance({ slope: 0, growth: above, level: seg.level } as TrendFit, tolerance, false)
  )
    return null
  const unit = detail.series.unit
  const level =
    above > 0
      ? `climbed back to ${formatValue(end, unit)} (${formatDelta(above, unit)} above the ${formatValue(fall.from, unit)} it fell from, within the ${tolerance.text} tolerance)`
      : `climbed to ${formatValue(end, unit)}, no higher than the ${formatValue(fall.from, unit)} it fell from,`
  return `after the fall it ${level} and slowed down there (${describeSlopeShort(detail, endPace)} over the last half of that part, ${describeSlopeShort(detail, pace)} over the part): the heap regrowing to its working size after the runtime shrank it, not memory added`
}

/** Most a segment's slope may differ from another's (as a ratio) for both to keep one pace. */
export const SAME_PACE_RATIO = 2

/**
 * Each segment's growth per unit of work (its slope × its span ÷ the work done in it), when the
 * series counts work on a time axis through every segment, or another series of the same process
 * does (`workSource`: container usage beside the service's own memory.csv); else null.
 */
function perWorkPaces(
  detail: SeriesDetail,
  workSource: SeriesDetail | null
): Array<{ slope: number; work: number }> | null {
  const seg = detail.segmented
  if (!seg || detail.xAxis !== 'time') return null
  const own = detail.series.work.some(Number.isFinite)
  const source = own ? detail : workSource
  if (!source || source.xAxis !== 'time') return null
  const work = source.series.work
  const paces: Array<{ slope: number; work: number }> = []
  for (const part of seg.segments) {
    // The work counted at the samples nearest the segment's ends (within it).
    let first = -1
    let last = -1
    for (let i = 0; i < source.x.length; i++) {
      if (source.x[i] < part.x0 || source.x[i] > part.x1 || !Number.isFinite(work[i])) continue
      if (first < 0) first = i
      last = i
    }
    if (first < 0 || !(work[last] > work[first])) return null
    const done = work[last] - work[first]
    paces.push({ slope: (part.slope * (part.x1 - part.x0)) / done, work: done })
  }
  return paces
}

/**
 * What the segments added per unit of work, together: their growth (slope × span) over the work
 * done within them, read as each segment's pace is. The whole window's per-work slope runs across
 * the falls (a heap the runtime shrank, a restart) and says nothing, or a negative figure.
 */
export function perWorkWithinSegments(detail: SeriesDetail): number | null {
  const paces = perWorkPaces(detail, null)
  if (!paces) return null
  const growth = paces.reduce((sum, part) => sum + part.slope * part.work, 0)
  const work = paces.reduce((sum, part) => sum + part.work, 0)
  return work > 0 && growth > 0 ? growth / work : null
}

/** True when every segment climbs, each within {@link SAME_PACE_RATIO}× of every other. */
function samePace(segments: ReadonlyArray<{ slope: number }>): boolean {
  const slopes = segments.map((part) => part.slope)
  const low = Math.min(...slopes)
  const high = Math.max(...slopes)
  return low > 0 && high <= SAME_PACE_RATIO * low
}

/**
 * `split at a fall of −26.9 MiB (137 → 110 MiB) 25 s into the run, at 15:48:46 UTC (a restart:
 * back to the starting level, after a gap)`.
 */
export function describeResets(detail: SeriesDetail): string {
  const seg = detail.segmented
  if (!seg) return ''
  const { unit, timeBase } = detail.series
  const start = detail.x[0]
  const parts = seg.resets.map((r) => {
    const clock =
      timeBase === 'epoch' ? `, at ${formatTime(r.x, timeBase, { seconds: true })} UTC` : ''
    const when =
      detail.xAxis === 'time' ? `${formatDuration(r.x - start)} into the run${clock}` : `at ${r.x}`
    const levels = `(${formatValue(r.from, unit)} → ${formatValue(r.to, unit)})`
    const reasons: string[] = []
    if (r.newProcess) reasons.push(describeNewProcess(r.newProcess))
    if (r.toStart) reasons.push(`back to the starting level${r.afterGap ? ', after a gap' : ''}`)
    else if (r.notRunning) reasons.push('the container was not running before it')
    else if (r.workReset) reasons.push('the work counter started again')
    else if (r.afterGap) reasons.push('after a pause in sampling')
    const what = r.samePid
      ? `memory handed back at once: the runtime shrank its heap; the same pid before and after${r.afterGap ? ' a pause in sampling' : ''}, no restart`
      : reasons.length > 0
        ? `a restart: ${reasons.join(', ')}`
        : detail.series.kind === 'memory'
          ? 'memory handed back at once: the runtime shrank its heap'
          : 'fell at once (work that ended, or a collection), no restart'
    const change = r.size < 0 ? 'a rise' : 'a fall'
    return `${change} of ${formatDelta(-r.size, unit)} ${levels} ${when} (${what})`
  })
  const listed =
    parts.length <= MAX_LISTED_RESETS + 1
      ? parts.join(' and ')
      : `${parts.slice(0, MAX_LISTED_RESETS - 1).join(', ')}, ${parts.length - MAX_LISTED_RESETS} more like them and ${parts[parts.length - 1]}`
  return `split at ${listed}${describeCrashLoop(detail)}`
}

/** Resets listed one by one; of more, the first ones and the last (a crash loop's restarts). */
const MAX_LISTED_RESETS = 3

/**
 * How a crash loop was judged (more restarts than unnamed falls could
 * count, so every one is a new process the file names): how often it
 * restarted, and which of its lives in the steady window were judged on
 * their own (those with {@link MIN_SEGMENT_SAMPLES} samples or more).
 * For a few restarts, each listed already, only whether the lives were
 * judged on their later halves.
 */
function describeCrashLoop(detail: SeriesDetail): string {
  const seg = detail.segmented
  if (!seg) return ''
  // A few restarts whose lives' starts drive their common slope (segments.ts)
  if (seg.resets.length <= MAX_RESETS)
    return seg.lastHalves
      ? `; each life judged on its later half, its start-up climb left out (the later halves rise at under half the lives' common slope: a start-up levelling off, where a leak keeps one pace)`
      : ''
  const lives = seg.resets.length + 1
  const named = Math.max(detail.series.processChanges?.length ?? 0, seg.resets.length)
  const earlier = named - seg.resets.filter((r) => r.newProcess !== undefined).length
  const how = (its: string): string =>
    seg.lastHalves ? `on ${its} last half (the first is ${its} warm-up)` : `on ${its} own`
  const judged =
    seg.segments.length === lives
      ? `each of its ${lives} lives in the steady window judged ${how('its')}`
      : `${seg.segments.length} of its ${lives} lives in the steady window judged ${how('their')} (the others too short: fewer than ${seg.lastHalves ? 2 * MIN_SEGMENT_SAMPLES : MIN_SEGMENT_SAMPLES} samples there)`
  return `; a crash loop: restarted ${named} times${earlier > 0 ? ` (${earlier} before the steady window)` : ''}, ${judged}`
}

/** `pid 4121 → 4388`, `container id 3f2a9c1b7d10 → 9e8d7c6b5a40`. */
export function describeNewProcess(p: NewProcess): string {
  return `${p.what} ${p.from} → ${p.to}`
}

/** A restart seen in a series, for sentences about what spans it. */
export interface SeenRestart {
  /** When (ms, as the series' time), or null when the series has no time axis. */
  time: number | null
  /** `pid 954 → 1020, 2 min 10 s into the run` */
  text: string
}

/**
 * The restarts a series shows: a new pid or container id the file names, a
 * cut at a restart (segments.ts), or a container read again after `0B / 0B`
 * rows. Each once, in time order.
 */
export function seriesRestarts(detail: SeriesDetail): SeenRestart[] {
  const { series } = detail
  const timed = detail.xAxis === 'time'
  const start = detail.x[0]
  const when = (time: number): string =>
    timed && Number.isFinite(time) ? `, ${formatDuration(time - start)} into the run` : ''
  const seen: SeenRestart[] = []
  for (const change of series.processChanges ?? [])
    seen.push({
      time: timed && Number.isFinite(change.time) ? change.time : null,
      text: `${describeNewProcess(change)}${when(change.time)}`
    })
  const resets = (detail.segmented?.resets ?? []).filter((r) => isRestart(r) && !r.newProcess)
  for (const r of resets)
    seen.push({
      time: timed ? r.x : null,
      text: `${r.notRunning ? 'the container was not running' : r.workReset ? 'the work counter started again' : 'back to its starting level'}${when(r.x)}`
    })
  // A container read again after 0B / 0B rows, when no cut says it already.
  if (!resets.some((r) => r.notRunning))
    for (const stop of series.stops ?? [])
      if (stop.samplesBefore < series.samples)
        seen.push({
          time: timed ? stop.until : null,
          text: `the container was not running${when(stop.until)}`
        })
  return seen.sort((a, b) => (a.time ?? 0) - (b.time ?? 0))
}

/**
 * Trend statistics of one series (SPEC §4): warm-up excluded, the steady
 * part reduced to bucket means and GC-floor minima, Theil–Sen slope with its
 * interval and Mann–Kendall p-value on those buckets, the same on the last
 * half of the steady window (a leak that starts late), growth per unit of
 * work, and the time until the memory limit. Signatures judge these numbers;
 * this module only measures.
 */
import { DEFAULT_WARMUP, type Warmup } from '../config/types.js'
import type { Series, SeriesAnalysis, SeriesChart, SeriesCut } from '../model.js'
import { downsample, type SpreadPoints } from '../stats/downsample.js'
import { gcFloor } from '../stats/gc-floor.js'
import type { Agreement } from './agreement.js'
import { hamedRaoMannKendall } from '../stats/hamed-rao.js'
import { majorCollections, type MajorCollections } from '../stats/major-collections.js'
import { mannKendall } from '../stats/mann-kendall.js'
import { median } from '../stats/median.js'
import { stepFit } from '../stats/step-fit.js'
import { theilSen } from '../stats/theil-sen.js'
import { exactMannKendallP } from './exact-mann-kendall.js'
import { formatDuration } from './format.js'
import {
  isRestart,
  segmentTrend,
  unjudgedLives,
  type NewProcess,
  type SegmentedTrend
} from './segments.js'
import { AFTER_COLLECTION_NAME, RESERVED_MEMORY_NAME } from '../understand/names.js'
import { findSteadyStart, type SteadyStart } from './warmup.js'
import { SUGGESTIVE_ALPHA } from './thresholds.js'
import { describeReadingGap, longReadingGap, type ReadingGap } from './reading-gaps.js'

/** Milliseconds per hour: slopes per ms × this = per hour. */
export const HOUR_MS = 3_600_000
/** At most this many bucket means are tested (at least one GC cycle each when cycles are visible). */
export const MAX_VALUE_BUCKETS = 40
/** At most this many floor windows. */
export const MAX_FLOOR_BUCKETS = 30
/**
 * Fewest buckets a trend is tested on in the usual way. A shorter steady
 * window (a short run, coarse sampling) is still judged down to
 * {@link MIN_JUDGED_POINTS}, with the exact Mann–Kendall p-value and a
 * stricter end-of-window check (see `growth.ts`).
 */
export const MIN_TREND_POINTS = 8
/**
 * Fewest steady points any trend is judged on. The smallest two-sided
 * Mann–Kendall p-value of n points is 2/n!: 0.017 for 5 points, which can
 * never pass α = 0.01, and 0.0028 for 6 strictly rising points.
 */
export const MIN_JUDGED_POINTS = 6
/**
 * Fewest points a whole series is judged on when the warm-up is the default:
 * 5 strictly rising points give p = 2/5! = 0.017, under the short-series
 * α of `growth.ts` (0.05) but never under 0.01, so only a climb far beyond
 * the tolerance that keeps its pace to the end fails; one dip (p ≈ 0.08) is
 * at most a warning. Five runs of a test printing tracemalloc's total after
 * each (+2.8 MB every run) are a leak to any reviewer; 5 points left after a
 * configured warm-up are still too few (the config chose to drop the rest).
 */
export const MIN_WHOLE_SERIES_POINTS = 5
/**
 * Fewest floor windows: with few GC cycles in view a floor cannot be told
 * from the sawtooth, and 6 windows reach p < 0.01 only when strictly rising.
 */
export const MIN_FLOOR_POINTS = 6
/** Chart points kept (floor and peaks preserved). */
export const CHART_POINTS = 300

/** A trend fitted on one window of a series (values or floor), in x units. */
export interface TrendFit {
  window: 'steady' | 'last-half'
  /** Buckets tested. */
  points: number
  /** Window bounds in x units (first and last point of the window). */
  x0: number
  x1: number
  slope: number
  low: number
  high: number
  intercept: number
  pValue: number
  tau: number
  /** Median of the bucket values: the level growth is compared with. */
  level: number
  /** slope × (x1 − x0): the growth over the window. */
  growth: number
  /** Median of the last third of the buckets minus the median of the middle third. */
  endRise: number
  /** What endRise would be if the slope held to the end (slope × distance between the thirds). */
  endExpected: number
  /** Median of the last third of the buckets: where the window ends. */
  endLevel: number
  /**
   * Fitted on fewer than {@link MIN_TREND_POINTS} points (a short series):
   * the p-value is exact and the end-of-window check stricter.
   */
  short?: boolean
  /** Short fits: Theil–Sen slope of the last half of the points (no test, just the pace at the end). */
  lateSlope?: number
  /**
   * Last-half fits only: the highest bucket of the steady window before this
   * one. Memory that leaks late climbs beyond it; memory that only climbs
   * back after the runtime shrank its heap does not.
   */
  priorPeak?: number
  /**
   * The best one-step (flat–step–flat) description of the buckets, when it
   * fits far better than a line and both sides are flat: a table or module
   * loaded once, a level shift, not a trend. See {@link describeStep}.
   */
  step?: LevelStep
  /**
   * Mann–Kendall p-value on every sample of the window (up to
   * {@link MAX_ALL_SAMPLES} averaged neighbours), with Hamed & Rao's variance
   * correction for autocorrelation. Uses the evidence the buckets throw away.
   */
  allSamplesPValue?: number
  /** Samples that test was run on. */
  allSamplesPoints?: number
  /**
   * Floor fits only: the Hamed–Rao Mann–Kendall p-value on the minima of
   * short windows ({@link FINE_FLOOR_SAMPLES} samples, or one GC cycle when
   * cycles are longer), the floor at every cycle rather than in a handful of
   * windows. See {@link fineFloorTest}.
   */
  fineFloorPValue?: number
  /** Minima that test was run on. */
  fineFloorPoints?: number
  /** `floor` for a fit of the GC floor (per-window minima); absent for bucket means. */
  basis?: 'floor'
  /**
   * Fitted on the series' own readings, each taken right after a collection
   * (a GC log, a heap-after-GC gauge): every point is a floor, so the floor
   * and the mean are the same fit, on every reading (means of neighbours past
   * {@link MAX_ALL_SAMPLES}), its p-value Hamed–Rao's. See {@link ownPointsFit}.
   */
  ownPoints?: true
  /**
   * Floor fits of allocator-held memory (RSS, container usage) whose raw
   * samples show no GC-like fall in the steady part: the minima are the
   * series itself in coarser windows, not a sawtooth's noisy bottoms, and
   * keep the mean's pace (see growth.ts).
   */
  noDrops?: true
  /**
   * Set when the window's last fifth (at least 5 samples) stays within a
   * quarter of what the window's pace would add over it: the growth stopped
   * (a pool or cache that filled), whatever the window's slope says.
   */
  levelledTail?: LevelledTail
  /**
   * Set on a live heap's merely suggestive floor fit when the same process's
   * allocator-held memory rises significantly with it (agreement.ts).
   */
  agreement?: Agreement
  /**
   * Set on the last half of such a floor: the allocator-held metric that
   * keeps its pace there (the half's own few windows have little power).
   */
  continuedBy?: string
  /**
   * On a floor's last half: copied from the mean's, the floor's own last half having too few
   * samples for windows (memory with no fall in view). It checks the floor's end only; it is no late
   * rise of the floor's own (the mean's last half is tested as the mean's).
   */
  borrowed?: boolean
  /**
   * Memory the allocator holds with no fall in view (RSS, container usage), sampled raw: the
   * usual step of its readings over the steady window ({@link usualStep}). Growth spanning many
   * such steps is no allocator quantum (see `ALLOCATOR_QUANTA` in growth.ts).
   */
  quantum?: number
  /**
   * On a last half: the Theil–Sen slope of the steady window's first half, fitted the same way
   * (a cache that fills decelerates; a leak keeps its pace in both halves).
   */
  firstHalfSlope?: number
  /**
   * On a last half: its pace per unit of work as a share of the first half's (Theil–Sen slopes of
   * the values against the work counter), when work is counted and counts on.
   */
  workPaceVsFirst?: number
}

/** The flat end of a window that stopped growing (x in the series' x units). */
export interface LevelledTail {
  /** x where the last fifth starts. */
  x: number
  /** Samples in it. */
  samples: number
  /** Highest minus lowest reading in it. */
  range: number
  /** What the window's slope adds over it. */
  expected: number
}

/** The share of the window its tail covers, and the most of a leak's addition the tail may move. */
export const LEVELLED_TAIL_SPAN = 0.2
export const LEVELLED_TAIL_RANGE = 0.25

/**
 * The last fifth of a window (from `from`) that rises at `slope`: levelled when it holds at least 5
 * samples, moves no more than {@link LEVELLED_TAIL_RANGE} of what the
 * window's slope adds over it (highest − lowest reading, so a sawtooth never
 * looks level), and the work went on through it (when counted on a time
 * axis: at least a tenth of the window's work; an idle end is no plateau).
 * A leak's own trend spans that addition in the tail; a pool or cache that
 * filled does not move. Memory that grows in steps must have had room for one
 * of its usual steps in the tail.
 */
function levelledTail(
  points: SpreadPoints,
  slope: number,
  from: number,
  work: readonly number[] | undefined
): LevelledTail | undefined {
  if (!(slope > 0)) return undefined
  const n = points.x.length
  let first = n
  while (first > 0 && points.x[first - 1] >= from) first--
  if (n - first < 3) return undefined
  let samples = 0
  let low = Number.POSITIVE_INFINITY
  let high = Number.NEGATIVE_INFINITY
  for (let i = first; i < n; i++) {
    samples += points.count[i] || 1
    low = Math.min(low, points.min[i])
    high = Math.max(high, points.max[i])
  }
  if (samples < 5) return undefined
  let expected = slope * (points.x[n - 1] - points.x[first])
  if (!(high - low <= LEVELLED_TAIL_RANGE * expected)) return undefined
  // The flat end may be longer than the last fifth: read all of it, as far back as it stays
  // within a quarter of what the pace would add over it.
  while (first > 1) {
    const lower = Math.min(low, points.min[first - 1])
    const higher = Math.max(high, points.max[first - 1])
    const longer = slope * (points.x[n - 1] - points.x[first - 1])
    if (!(higher - lower <= LEVELLED_TAIL_RANGE * longer)) break
    first--
    low = lower
    high = higher
    expected = longer
    samples += points.count[first] || 1
  }
  // Memory that grows in steps (an allocator's arenas, pages mapped in chunks) is flat between
  // them: a flat tail says it stopped only when the pace would have taken one of its usual steps
  // there (the rise between readings that, with the larger ones, makes half of all the rising).
  if (!(expected >= usualStep(points.value))) return undefined
  if (work && work.length === n) {
    const [w0, wTail, wEnd] = [work[0], work[first], work[n - 1]]
    if ([w0, wTail, wEnd].every(Number.isFinite) && !(wEnd - wTail >= 0.1 * (wEnd - w0)))
      return undefined
  }
  return { x: points.x[first], samples, range: high - low, expected }
}

/**
 * The usual step of a series that rises in steps: the size-weighted median of
 * its rises between consecutive readings (the rises at least this large make
 * half of all the rising). Small noise does not hide an allocator's 4 MiB
 * arenas; 0 when it never rises.
 */
function usualStep(values: readonly number[]): number {
  const rises: number[] = []
  for (let i = 1; i < values.length; i++)
    if (values[i] > values[i - 1]) rises.push(values[i] - values[i - 1])
  rises.sort((a, b) => b - a)
  const total = rises.reduce((sum, r) => sum + r, 0)
  let seen = 0
  for (const rise of rises) {
    seen += rise
    if (seen >= total / 2) return rise
  }
  return 0
}

/** A one-time level shift found in a window (x in the series' x units). */
export interface LevelStep {
  /** x of the first bucket after the step. */
  x: number
  /** Level after minus level before. */
  size: number
  before: number
  after: number
  /** Growth within the flat parts (Theil–Sen slope × span), before and after the step. */
  beforeRise: number
  afterRise: number
  /** Residual of the two-level fit ÷ residual of the line (well under 1 for a step). */
  residualRatio: number
}

/** A step must explain the buckets at least this much better than a line (residual ratio). */
export const STEP_RESIDUAL_RATIO = 0.5
/** The flat parts may move at most this fraction of the step (a creep of uncollected garbage). */
export const STEP_FLAT_FRACTION = 0.25
/**
 * A fall of the floor by more than this fraction of the steady level marks a
 * major collection (minor collections move a heap's floor by the survivors
 * of the young generation only, about 1–2 % of a 50 MiB heap).
 */
export const MAJOR_FALL_FRACTION = 0.05
/** Most raw samples a step is looked for on when the buckets smear it (Theil–Sen of each part is O(n²)). */
export const MAX_RAW_STEP_SAMPLES = 600
/** Most samples the all-samples trend test runs on (its autocorrelation is O(n²)). */
export const MAX_ALL_SAMPLES = 500

/**
 * Flat–step–flat against steady growth on one window's buckets: the best
 * single level shift (least-squares change point) must leave at most half
 * the residual of a straight line, be upward, and the parts before and
 * after it must each move less than a quarter of the step. A linear leak
 * fails the last two (each half rises about as much as the "step"); a lazily
 * built 16 MiB table with 0.8 MiB of garbage creeping after it passes.
 */
export function describeStep(x: readonly number[], y: readonly number[]): LevelStep | undefined {
  if (y.length < 6) return undefined
  const fit = stepFit(x, y)
  if (!(fit.size > 0) || !(fit.stepSse < STEP_RESIDUAL_RATIO * fit.lineSse)) return undefined
  const rise = (from: number, to: number): number => {
    if (to - from < 3) return 0
    const xs = x.slice(from, to)
    // Samples that share one time (a burst written in one tick) have no slope of their own.
    if (xs[xs.length - 1] === xs[0] || new Set(xs).size < 2) return 0
    return theilSen(xs, y.slice(from, to)).slope * (xs[xs.length - 1] - xs[0])
  }
  const beforeRise = rise(0, fit.splitIndex)
  const afterRise = rise(fit.splitIndex, y.length)
  if (Math.abs(beforeRise) > STEP_FLAT_FRACTION * fit.size) return undefined
  if (Math.abs(afterRise) > STEP_FLAT_FRACTION * fit.size) return undefined
  return {
    x: x[fit.splitIndex],
    size: fit.size,
    before: fit.before,
    after: fit.after,
    beforeRise,
    afterRise,
    residualRatio: fit.lineSse > 0 ? fit.stepSse / fit.lineSse : 0
  }
}

/** Fewest samples in a window of the fine floor (a fast sawtooth's cycle: 2–4 samples). */
export const FINE_FLOOR_SAMPLES = 4

/**
 * The floor at every cycle: minima of consecutive windows of
 * {@link FINE_FLOOR_SAMPLES} samples (or of one GC cycle, when the drops seen
 * say cycles are longer), tested with Hamed–Rao's Mann–Kendall, which
 * inflates the variance by the autocorrelation the minima keep. A last half
 * sampled every second leaves 6 floor windows of ~10 samples (p = 0.13 for a
 * floor still climbing at half its pace under a 6 MiB sawtooth); its 15
 * minima keep that evidence. Null with fewer than 10 minima.
 */
function fineFloorTest(
  min: readonly number[],
  cycleSamples: number
): { pValue: number; points: number } | null {
  const size = Math.max(
    FINE_FLOOR_SAMPLES,
    Math.ceil(cycleSamples),
    Math.ceil(min.length / MAX_ALL_SAMPLES)
  )
  const lows: number[] = []
  for (let i = 0; i + size <= min.length; i += size) {
    let low = min[i]
    for (let k = i + 1; k < i + size; k++) if (min[k] < low) low = min[k]
    lows.push(low)
  }
  if (lows.length < 10 || !allFinite(lows)) return null
  return { pValue: hamedRaoMannKendall(lows).pValue, points: lows.length }
}

/**
 * The Hamed–Rao Mann–Kendall p-value on the raw samples of a window, means
 * of neighbouring samples when there are more than {@link MAX_ALL_SAMPLES}.
 */
function allSamplesTest(values: readonly number[]): { pValue: number; points: number } | null {
  if (values.length < 10) return null
  const group = Math.ceil(values.length / MAX_ALL_SAMPLES)
  const thinned: number[] = []
  for (let i = 0; i < values.length; i += group) {
    let sum = 0
    const end = Math.min(values.length, i + group)
    for (let k = i; k < end; k++) sum += values[k]
    thinned.push(sum / (end - i))
  }
  if (!allFinite(thinned)) return null
  return { pValue: hamedRaoMannKendall(thinned).pValue, points: thinned.length }
}

/** Everything measured on a series, for the signatures and the report. */
export interface SeriesDetail {
  series: Series
  analysis: SeriesAnalysis
  xAxis: 'time' | 'work' | 'index'
  /** x of each point. */
  x: number[]
  steadyStart: number
  warmupDescription: string
  /** The longest stretch without readings, when it is long (time axis only): see reading-gaps.ts. */
  readingGap?: ReadingGap
  /** Median of the steady bucket means. */
  level: number
  values: TrendFit | null
  floor: TrendFit | null
  lastHalf: TrendFit | null
  lastHalfFloor: TrendFit | null
  /** Trend of the value against cumulative work (slope = unit per work unit). */
  perWork: TrendFit | null
  /**
   * The GC floor against cumulative work (the same floor windows' minima), when the
   * floor was fitted: what a floor finding costs per unit of work. The mean's
   * cost under a sawtooth whose peaks rise with the heap counts garbage too.
   */
  perWorkFloor: TrendFit | null
  /** Work done in the steady window, when known. */
  steadyWork: number | null
  /**
   * The steady part judged in segments split at level resets (a restart, the
   * heap handed back at once), or null when it has none. See segments.ts.
   */
  segmented: SegmentedTrend | null
  /** GC-like drops counted in the steady part (null when the series was already bucketed). */
  cycles: number | null
  /**
   * Memory series with raw samples: major collections seen in the steady
   * part (falls of the floor by more than {@link MAJOR_FALL_FRACTION} of the
   * level) and how high its floor climbed. Null otherwise.
   */
  collections: MajorCollections | null
  /**
   * Set when the steady part has too few points to test a trend: no trend
   * rule judges the series, and analysis adds an `insufficient-data` finding
   * (a warn) instead of calling it healthy. `text` is the reason, without the metric.
   */
  insufficient: { have: number; need: number; text: string } | null
  notes: string[]
  /**
   * In file order, the cut (lines the paste left out) a fit's one step lies
   * across: that step is no level shift (the readings either side are no
   * neighbours), and a rise across it is said as such, a warning at most.
   */
  acrossCut?: SeriesCut
  /**
   * With `acrossCut`: the steady window fitted as if the lines left out had
   * added nothing (each rise across a cut taken out); a leak by this fit is
   * one whatever the cut hides.
   */
  withinCuts?: TrendFit | null
}

/**
 * The steady points with every rise across a cut taken out (the readings
 * after a cut moved down by it): the least the series can have grown.
 */
function withoutCutRises(series: Series, points: SpreadPoints, steadyStart: number): SpreadPoints {
  const shift = new Array<number>(points.value.length).fill(0)
  for (const cut of series.cuts ?? []) {
    if (cut.index <= steadyStart || cut.index >= series.value.length) continue
    // a fall across a cut stays: taking it out would add growth the readings never showed
    const rise = Math.max(0, series.value[cut.index] - series.value[cut.index - 1])
    if (!(rise > 0)) continue
    for (let i = cut.index - steadyStart; i < shift.length; i++) shift[i] += rise
  }
  const less = (values: readonly number[]) => values.map((v, i) => v - shift[i])
  return {
    x: points.x,
    value: less(points.value),
    min: less(points.min),
    max: less(points.max),
    count: points.count
  }
}

/**
 * In file order, the cut a fit's one-step shape lies across: a cut between
 * two steady readings whose rise is at least half the step. The step is
 * dropped from the fits (no level-shift reading across a cut) and the cut
 * returned.
 */
function stepAcrossCut(
  series: Series,
  steadyStart: number,
  fits: ReadonlyArray<TrendFit | null>
): SeriesCut | undefined {
  const cuts = (series.cuts ?? []).filter(
    (cut) => cut.index > steadyStart && cut.index < series.value.length
  )
  if (cuts.length === 0) return undefined
  let found: SeriesCut | undefined
  for (const fit of fits) {
    const step = fit?.step
    if (!fit || !step) continue
    const cut = cuts.find((c) => series.value[c.index] - series.value[c.index - 1] >= step.size / 2)
    if (cut === undefined) continue
    delete fit.step
    found ??= cut
  }
  return found
}

function allFinite(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => Number.isFinite(v))
}

function isIncreasing(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i] >= values[i - 1])) return false
  return values.length > 1 && values[values.length - 1] > values[0]
}

/**
 * Where the loader's restarts are among the steady points (which start at
 * `steadyStart`): each new process the file names (a new pid or container
 * id) and each container read again after `0B / 0B` rows, by the index of
 * the point holding its first reading. The loader counts readings; in a
 * series reduced to buckets the running count of each bucket's readings
 * finds the bucket, `clean` when the restart is exactly at its start.
 */
function restartPoints(
  series: Series,
  steadyStart: number
): { processes: Map<number, NewProcess>; stopped: Set<number>; clean: Set<number> } {
  const processes = new Map<number, NewProcess>()
  const stopped = new Set<number>()
  const clean = new Set<number>()
  const n = series.value.length
  // only stops between two readings cut (one before the first or after the last ends nothing)
  const stops = series.reduced
    ? (series.stops ?? []).filter(
        (stop) => stop.time > series.time[0] && stop.until < series.time[series.value.length - 1]
      )
    : []
  if (!series.processChanges?.length && stops.length === 0) return { processes, stopped, clean }
  // readings before each point (the point's index while unreduced)
  const before = new Array<number>(n + 1)
  before[0] = 0
  for (let i = 0; i < n; i++) before[i + 1] = before[i] + (series.reduced ? series.count[i] : 1)
  const pointOf = (readings: number): number => {
    let low = 0
    let high = n - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (before[mid] <= readings) low = mid
      else high = mid - 1
    }
    return low
  }
  const place = (readings: number): number | null => {
    if (!(readings < before[n])) return null
    const point = pointOf(readings)
    if (point - steadyStart <= 0) return null
    if (before[point] === readings) clean.add(point - steadyStart)
    return point - steadyStart
  }
  for (const change of series.processChanges ?? []) {
    const index = place(change.samplesBefore)
    if (index !== null)
      processes.set(index, { what: change.what, from: change.from, to: change.to })
  }
  for (const stop of stops) {
    const index = place(stop.samplesBefore)
    if (index !== null) stopped.add(index)
  }
  return { processes, stopped, clean }
}

/** Picks the x axis: time when known, else cumulative work, else the sample index. */
function chooseAxis(series: Series): { axis: 'time' | 'work' | 'index'; x: number[] } {
  if (series.timeBase !== 'none' && allFinite(series.time) && isIncreasing(series.time))
    return { axis: 'time', x: series.time }
  if (allFinite(series.work) && isIncreasing(series.work)) return { axis: 'work', x: series.work }
  const x: number[] = []
  let sample = 0
  for (const c of series.count) {
    x.push(sample)
    sample += c || 1
  }
  return { axis: 'index', x }
}

/**
 * The last half's pace per unit of work as a share of the first half's: Theil–Sen slopes of the
 * values against the work counter on each half (at most 60 readings each). Null without a work
 * counter that counts on through both halves, or when the first half does not rise per unit of work.
 */
function halvesWorkPace(series: Series, start: number, mid: number, end: number): number | null {
  const slopeOf = (from: number, to: number): number | null => {
    const step = Math.max(1, Math.floor((to - from) / 60))
    const wx: number[] = []
    const wy: number[] = []
    for (let i = from; i < to; i += step) {
      const w = series.work[i]
      if (!Number.isFinite(w) || !Number.isFinite(series.value[i])) continue
      if (wx.length > 0 && w < wx[wx.length - 1]) return null // the counter went back: a restart
      wx.push(w)
      wy.push(series.value[i])
    }
    if (wx.length < 4 || !(wx[wx.length - 1] > wx[0])) return null
    return theilSen(wx, wy).slope
  }
  const early = slopeOf(start, mid)
  const late = slopeOf(mid, end)
  if (early === null || late === null || !(early > 0)) return null
  return late / early
}

function slicePoints(series: Series, x: number[], from: number, to: number): SpreadPoints {
  if (from === 0 && to === series.value.length)
    return { x, value: series.value, min: series.min, max: series.max, count: series.count }
  return {
    x: x.slice(from, to),
    value: series.value.slice(from, to),
    min: series.min.slice(from, to),
    max: series.max.slice(from, to),
    count: series.count.slice(from, to)
  }
}

/**
 * Counts GC-like drops: falls between consecutive raw samples larger than
 * half the typical range inside a bucket and three times the median step.
 * One drop per collection on a sawtooth; few on noise or a smooth drift,
 * whose buckets then stay few (8) so autocorrelation cannot fake a trend.
 */

/** Falls far larger than the usual step between samples (collections): how many. */
function findDrops(points: SpreadPoints): { count: number } {
  const coarse = downsample(points, MAX_VALUE_BUCKETS)
  const ranges = coarse.max.map((high, i) => high - coarse.min[i])
  const typical = median(ranges)
  if (!(typical > 0)) return { count: 0 }
  // A collection is a fall far larger than the usual step between samples: a steady decline
  // or plain noise moves by similar steps and has (almost) no such falls.
  // The median step from at most ~10⁴ evenly spread steps keeps this O(n).
  const steps: number[] = []
  const stride = Math.max(1, Math.floor(points.value.length / 10_000))
  for (let i = 1; i < points.value.length; i += stride)
    steps.push(Math.abs(points.value[i] - points.value[i - 1]))
  const threshold = Math.max(typical / 2, 3 * median(steps))
  const falls: number[] = []
  for (let i = 1; i < points.value.length; i++)
    if (points.value[i - 1] - points.value[i] > threshold)
      falls.push(points.value[i - 1] - points.value[i])
  return { count: falls.length }
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value))
}

/**
 * Fits a trend on bucket values: Theil–Sen slope and 95 % interval,
 * Mann–Kendall p-value, level, growth over the window and how the last third
 * compares with the middle third (a bounded cache that filled and stopped
 * has endRise ≈ 0; a leak keeps rising to the end).
 */
export function fitTrend(
  x: number[],
  y: number[],
  window: 'steady' | 'last-half',
  bounds: { x0: number; x1: number },
  options: { short?: boolean } = {}
): TrendFit | null {
  if (y.length < 4 || new Set(x).size < 2) return null
  const fit = theilSen(x, y)
  const test = mannKendall(y)
  // A short series is tested exactly: the normal approximation is too conservative on 6–7 points
  // (with one tie it cannot reach 0.01 on 6). No exact value, no fit: never a pass by default.
  const exact = options.short ? exactMannKendallP(y) : null
  if (options.short && exact === null) return null
  const third = Math.floor(y.length / 3)
  const middle = y.slice(third, y.length - third)
  const last = y.slice(y.length - third)
  const middleX = x.slice(third, x.length - third)
  const lastX = x.slice(x.length - third)
  const endRise = third > 0 ? median(last) - median(middle) : 0
  const endLevel = third > 0 ? median(last) : y[y.length - 1]
  const endExpected = third > 0 ? fit.slope * (median(lastX) - median(middleX)) : 0
  // Short fits: the slope of the last half (a warm-up levels off, a leak keeps its pace).
  const half = Math.floor(y.length / 2)
  const lateSlope =
    options.short && new Set(x.slice(half)).size > 1
      ? theilSen(x.slice(half), y.slice(half)).slope
      : undefined
  return {
    window,
    points: y.length,
    x0: bounds.x0,
    x1: bounds.x1,
    slope: fit.slope,
    low: fit.low,
    high: fit.high,
    intercept: fit.intercept,
    pValue: exact ?? test.pValue,
    tau: test.tau,
    level: median(y),
    growth: fit.slope * (bounds.x1 - bounds.x0),
    endRise,
    endExpected,
    endLevel,
    ...(options.short ? { short: true, lateSlope } : {}),
    ...stepOf(x, y)
  }
}

function stepOf(x: number[], y: number[]): { step?: LevelStep } {
  const step = describeStep(x, y)
  return step ? { step } : {}
}

/**
 * Most steady readings after collections judged on their own readings: up to
 * {@link MIN_FLOOR_POINTS} windows of 6. A generational collector's heap after
 * its young pauses still carries the old generation's garbage, which climbs
 * until a mixed or full collection takes it (real G1 logs: 20 → 28 MiB over
 * 20 young pauses, then back to 20): with more readings, window minima see past
 * that cycle; with fewer, they are a handful of minima of minima with no power.
 */
export const MAX_OWN_POINTS = 6 * MIN_FLOOR_POINTS

/**
 * Fewest readings after collections for Hamed–Rao's test to replace the plain
 * Mann–Kendall p-value (its autocorrelation estimate needs a few lags).
 */
export const MIN_OWN_POINTS_TEST = 10

/**
 * The fits of a heap read right after each collection, on its own readings.
 * Window minima of such a series are minima of minima: 24 pauses leave 8
 * buckets and a handful of floor windows, whose test misses a heap that
 * climbs 100 MiB at every pause (p = 0.06). Each reading is the level the
 * collector left; consecutive ones share the old generation's promoted
 * garbage until a full collection, which Hamed–Rao's variance correction
 * allows for. The mean and the floor are the same fit, so no "taller
 * sawtooth" excuses a rise.
 */
function ownPointsFit(
  points: SpreadPoints,
  window: 'steady' | 'last-half',
  short: boolean
): WindowFits {
  const n = points.value.length
  const bounds = { x0: points.x[0], x1: points.x[n - 1] }
  const own = downsample(points, MAX_ALL_SAMPLES)
  const values = fitTrend(own.x, own.value, window, bounds, { short })
  if (values) {
    values.ownPoints = true
    if (!short && own.value.length >= MIN_OWN_POINTS_TEST && allFinite(own.value)) {
      const pValue = hamedRaoMannKendall(own.value).pValue
      values.pValue = pValue
      values.allSamplesPValue = pValue
      values.allSamplesPoints = own.value.length
    }
  }
  const readings = { x: own.x, y: own.value }
  return {
    values,
    floor: values ? { ...values, basis: 'floor' } : null,
    valueBuckets: readings,
    floorBuckets: readings
  }
}

function fitWindow(
  points: SpreadPoints,
  window: 'steady' | 'last-half',
  valueBuckets: number,
  floorBuckets: number,
  short = false,
  cycleSamples = 0,
  ownPoints = false
): WindowFits {
  const n = points.value.length
  const none = { x: [], y: [] }
  if (n < 4) return { values: null, floor: null, valueBuckets: none, floorBuckets: none }
  if (ownPoints) return ownPointsFit(points, window, short)
  const bounds = { x0: points.x[0], x1: points.x[n - 1] }
  const buckets = downsample(points, valueBuckets)
  const values = fitTrend(buckets.x, buckets.value, window, bounds, { short })
  if (values && !short && points.count.every((c) => c <= 1)) {
    const test = allSamplesTest(points.value)
    if (test) {
      values.allSamplesPValue = test.pValue
      values.allSamplesPoints = test.points
    }
    // A sharp step inside one bucket smears into a bucket between the levels, which a line fits
    // about as well: on the raw samples the step is sharp again.
    if (!values.step && n >= 8 && n <= MAX_RAW_STEP_SAMPLES) {
      const step = describeStep(points.x, points.value)
      if (step) values.step = step
    }
  }
  // A floor needs several samples per window, else it is the values again.
  let floor: TrendFit | null = null
  let lows = { x: [] as number[], floor: [] as number[] }
  const samples = points.count.reduce((sum, c) => sum + (c || 1), 0)
  if (samples >= 3 * floorBuckets) {
    lows = gcFloor(points.x, points.min, floorBuckets)
    floor = fitTrend(lows.x, lows.floor, window, bounds, { short })
    if (floor) floor.basis = 'floor'
    const fine = floor && !short && points.count.every((c) => c <= 1)
    const test = fine ? fineFloorTest(points.min, cycleSamples) : null
    if (floor && test) {
      floor.fineFloorPValue = test.pValue
      floor.fineFloorPoints = test.points
    }
  }
  return {
    values,
    floor,
    valueBuckets: { x: buckets.x, y: buckets.value },
    floorBuckets: { x: lows.x, y: lows.floor }
  }
}

/** Fits of one window and the buckets they were fitted on. */
interface WindowFits {
  values: TrendFit | null
  floor: TrendFit | null
  valueBuckets: { x: number[]; y: number[] }
  floorBuckets: { x: number[]; y: number[] }
}

/** Highest bucket before x (the level a late rise must beyond to be new memory). */
function peakBefore(buckets: { x: number[]; y: number[] }, x: number): number | undefined {
  let peak: number | undefined
  for (let i = 0; i < buckets.x.length; i++)
    if (buckets.x[i] < x && (peak === undefined || buckets.y[i] > peak)) peak = buckets.y[i]
  return peak
}

function buildChart(
  points: SpreadPoints,
  axis: 'time' | 'work' | 'index',
  warmupEndX: number | null,
  values: TrendFit | null
): SeriesChart {
  const reduced = downsample(points, CHART_POINTS)
  return {
    xAxis: axis,
    x: reduced.x,
    value: reduced.value,
    floor: reduced.min,
    peak: reduced.max,
    warmupEndX,
    trend: values
      ? {
          x0: values.x0,
          y0: values.intercept + values.slope * values.x0,
          slope: values.slope,
          slopeLow: values.low,
          slopeHigh: values.high
        }
      : null
  }
}

/**
 * The default warm-up (the first 20 % of the run) on a short series: when it
 * would leave fewer than {@link MIN_TREND_POINTS} steady points it excludes
 * fewer, down to the first sample only, and a note says so. Seven samples a
 * minute apart rising 100 → 700 MiB are a leak to any reviewer; the default
 * would keep 5 points, too few to test. The stricter end-of-window check of
 * short fits still tells a warm-up that levelled off from a leak. A warm-up
 * the config sets (a duration, work, another fraction) is kept as written.
 */
function shortenWarmup(series: Series, warmup: Warmup, steady: SteadyStart): SteadyStart {
  const n = series.value.length
  const isDefault =
    warmup.kind === 'fraction' &&
    DEFAULT_WARMUP.kind === 'fraction' &&
    warmup.fraction === DEFAULT_WARMUP.fraction
  if (!isDefault || n - steady.index >= MIN_TREND_POINTS || steady.index < 1) return steady
  // Keep the first point out when that still leaves a judgeable window; keep it in when only it
  // makes the series judgeable (6 samples: dropping one leaves 5, which no test can judge).
  const index = n - 1 >= MIN_JUDGED_POINTS ? Math.max(1, n - MIN_TREND_POINTS) : 0
  if (index === 0 && n < MIN_WHOLE_SERIES_POINTS) return steady
  if (index >= steady.index) return steady
  const kept = n - index
  const excluded = index === 0 ? 'none' : `the first ${index === 1 ? 'point' : `${index} points`}`
  const note = `${series.id}: short series (${n} points): warm-up shortened from the ${steady.description} to ${excluded}, leaving ${kept} to judge`
  return {
    index,
    description: `${index === 0 ? 'no points' : `first ${index === 1 ? 'point' : `${index} points`}`} (shortened for a short series)`,
    note: steady.note ? `${steady.note}; ${note}` : note
  }
}

/** Why a steady window is too short to judge, without the metric: `5 samples over 4 min after a 2 min warm-up, …`. */
function describeInsufficient(
  series: Series,
  x: number[],
  axis: 'time' | 'work' | 'index',
  steadyStart: number,
  untested = false
): { have: number; need: number; text: string } {
  const n = series.value.length
  let have = 0
  for (let i = steadyStart; i < n; i++) have += series.count[i] || 1
  const noun = have === 1 ? 'sample' : 'samples'
  const timed = axis === 'time'
  const over =
    timed && n - steadyStart > 1 ? ` over ${formatDuration(x[n - 1] - x[steadyStart])}` : ''
  let after = ''
  if (steadyStart > 0 && steadyStart < n)
    after = timed
      ? ` after a ${formatDuration(x[steadyStart] - x[0])} warm-up`
      : ` after ${steadyStart} warm-up ${steadyStart === 1 ? 'point' : 'points'}`
  if (untested) {
    // A short window whose exact test could not be computed: judged only from MIN_TREND_POINTS on.
    const need = `no exact trend test on them, at least ${MIN_TREND_POINTS} needed to judge a trend`
    return { have, need: MIN_TREND_POINTS, text: `${have} ${noun}${over}${after}, ${need}` }
  }
  const need = `at least ${MIN_JUDGED_POINTS} needed to judge a trend`
  if (have === 0) {
    const total = series.samples || n
    const all = `${total} ${total === 1 ? 'sample' : 'samples'}`
    return { have, need: MIN_JUDGED_POINTS, text: `${all}, all within the warm-up; ${need}` }
  }
  return { have, need: MIN_JUDGED_POINTS, text: `${have} ${noun}${over}${after}, ${need}` }
}

/**
 * Measures one series. Cost: O(n) for bucketing plus O(B² log B) for
 * Theil–Sen on B ≤ 40 buckets, so 10⁶ samples take a few tens of ms.
 */
export function analyzeSeries(series: Series, warmup: Warmup): SeriesDetail {
  const n = series.value.length
  const { axis, x } = chooseAxis(series)
  const notes: string[] = []
  const asConfigured = findSteadyStart(series, warmup)
  const steady = shortenWarmup(series, warmup, asConfigured)
  if (steady.note) notes.push(steady.note)
  const gap = axis === 'time' ? longReadingGap(x) : null
  if (gap)
    notes.push(
      `${series.id}: ${describeReadingGap(gap, x[0])}: what memory did there is not seen; its trend rests on the readings either side`
    )
  const steadyStart = Math.min(steady.index, n)
  const all = slicePoints(series, x, 0, n)
  const steadyPoints = slicePoints(series, x, steadyStart, n)
  const steadyCount = steadyPoints.value.length
  // read right after each collection, too few readings for window minima: judged on its own
  // readings (see ownPointsFit and MAX_OWN_POINTS)
  const ownPoints =
    series.kind === 'memory' &&
    AFTER_COLLECTION_NAME.test(series.metric) &&
    steadyCount <= MAX_OWN_POINTS

  // Too few points after warm-up: nothing is tested (no 5 points can reach p < 0.01), except a
  // whole series of 5 with no point dropped (a default warm-up is shortened to none: see MIN_WHOLE_SERIES_POINTS).
  const wholeShort = steadyStart === 0 && steadyCount >= MIN_WHOLE_SERIES_POINTS
  let insufficient =
    steadyCount < MIN_JUDGED_POINTS && !wholeShort
      ? describeInsufficient(series, x, axis, steadyStart)
      : null
  // 6–7 points: judged, exactly and more strictly (see MIN_TREND_POINTS).
  const short = steadyCount < MIN_TREND_POINTS

  const raw = steadyPoints.count.every((c) => c <= 1)
  const cycles = raw && steadyCount >= 8 ? findDrops(steadyPoints).count : null
  // At least one GC cycle per value bucket and two per floor window, when cycles are visible.
  const valueBuckets =
    cycles === null ? MAX_VALUE_BUCKETS : clamp(cycles, MIN_TREND_POINTS, MAX_VALUE_BUCKETS)
  // Samples per GC cycle, when drops are seen (0: none seen, or the series was already bucketed).
  const cycleSamples = cycles ? steadyCount / cycles : 0
  const floorBuckets =
    cycles === null
      ? MAX_FLOOR_BUCKETS
      : clamp(Math.floor(cycles / 2), MIN_FLOOR_POINTS, MAX_FLOOR_BUCKETS)

  const whole: WindowFits = insufficient
    ? { values: null, floor: null, valueBuckets: { x: [], y: [] }, floorBuckets: { x: [], y: [] } }
    : fitWindow(steadyPoints, 'steady', valueBuckets, floorBuckets, short, cycleSamples, ownPoints)
  let lastHalf: TrendFit | null = null
  let lastHalfFloor: TrendFit | null = null
  // The work counter beside points from index `from` on, when the trend runs against time.
  const timeWork = (from: number): number[] | undefined =>
    axis === 'time' ? series.work.slice(from, n) : undefined
  if (whole.values) {
    const tailFrom = whole.values.x1 - LEVELLED_TAIL_SPAN * (whole.values.x1 - whole.values.x0)
    for (const fit of [whole.values, whole.floor]) {
      const tail = fit && levelledTail(steadyPoints, fit.slope, tailFrom, timeWork(steadyStart))
      if (fit && tail) fit.levelledTail = tail
    }
  }
  if (!insufficient) {
    const midX = (steadyPoints.x[0] + steadyPoints.x[steadyCount - 1]) / 2
    let from = steadyStart
    while (from < n && x[from] < midX) from++
    // A half of the steady window, fitted as the last half is (¾ of the buckets, ½ of the floor windows).
    const fitHalf = (start: number, end: number): WindowFits =>
      fitWindow(
        slicePoints(series, x, start, end),
        'last-half',
        Math.max(MIN_TREND_POINTS, Math.round(valueBuckets * 0.75)),
        Math.max(MIN_FLOOR_POINTS, Math.round(floorBuckets / 2)),
        short,
        cycleSamples,
        ownPoints
      )
    const half = fitHalf(from, n)
    lastHalf = half.values
    lastHalfFloor = half.floor
    const noFalls =
      cycles === 0 && series.kind === 'memory' && RESERVED_MEMORY_NAME.test(series.metric)
    // The first half, fitted alike, is what the last half's pace is compared with besides the
    // window's; only on memory the allocator holds with no fall in view (RSS that never shrinks),
    // where the halves are the memory itself. A live heap's first half holds it sizing itself to
    // the load, under a sawtooth the drop count may miss (Node leaks' heap floors kept 0.34–0.45
    // of their first half's pace, their means ~1).
    if (noFalls) {
      const first = fitHalf(steadyStart, from)
      const workPace = halvesWorkPace(series, steadyStart, from, n)
      for (const [late, early] of [
        [lastHalf, first.values],
        [lastHalfFloor, first.floor]
      ] as const) {
        if (!late || !early) continue
        late.firstHalfSlope = early.slope
        if (workPace !== null) late.workPaceVsFirst = workPace
      }
    }
    // Memory the allocator holds (RSS, container usage) with no fall in view has no GC sawtooth; a
    // live heap's sawtooth can hide from the drop count (collections spread over a few samples).
    if (noFalls) for (const fit of [whole.floor, lastHalfFloor]) if (fit) fit.noDrops = true
    // The size of its quanta, read on the raw steady readings (bucket means would smooth them away).
    if (noFalls && raw) {
      const quantum = usualStep(series.value.slice(steadyStart))
      for (const fit of [whole.values, whole.floor, lastHalf, lastHalfFloor])
        if (fit) fit.quantum = quantum
    }
    // Such a floor is the series itself in coarser windows: when its last half has too few samples
    // for windows of its own, the mean's last half says whether it kept its pace (a cache that
    // filled would otherwise pass on its floor with no end check at all).
    if (whole.floor?.noDrops && !lastHalfFloor && lastHalf)
      lastHalfFloor = { ...lastHalf, basis: 'floor', noDrops: true, borrowed: true }
    // The same last fifth of the steady window ends the last half: a late rise that stopped there
    // is no late leak either.
    if (whole.values) {
      const halfPoints = slicePoints(series, x, from, n)
      const tailFrom = whole.values.x1 - LEVELLED_TAIL_SPAN * (whole.values.x1 - whole.values.x0)
      for (const fit of [lastHalf, lastHalfFloor]) {
        const tail = fit && levelledTail(halfPoints, fit.slope, tailFrom, timeWork(from))
        if (fit && tail) fit.levelledTail = tail
      }
    }
    if (lastHalf) lastHalf.priorPeak = peakBefore(whole.valueBuckets, lastHalf.x0)
    if (lastHalfFloor) lastHalfFloor.priorPeak = peakBefore(whole.floorBuckets, lastHalfFloor.x0)
  }
  // Five points are judged only when they climb at least suggestively (p < 0.1): too few to call a
  // flat or falling series healthy, so that stays `insufficient-data`, as fewer points do.
  const climbs =
    whole.values !== null && whole.values.slope > 0 && whole.values.pValue < SUGGESTIVE_ALPHA
  if (!insufficient && steadyCount < MIN_JUDGED_POINTS && !climbs) {
    // Said as the warm-up would have left it, without the note of a shortening that judged nothing.
    if (steady.note !== asConfigured.note) {
      if (steady.note) notes.splice(notes.indexOf(steady.note), 1)
      if (asConfigured.note) notes.push(asConfigured.note)
    }
    insufficient = describeInsufficient(series, x, axis, Math.min(asConfigured.index, n))
    lastHalf = null
    lastHalfFloor = null
    whole.values = null
    whole.floor = null
  }
  // A short window with no fit (no exact p-value) is not judged: a warning, never a quiet pass.
  if (!insufficient && short && !whole.values) {
    insufficient = describeInsufficient(series, x, axis, steadyStart, true)
    lastHalf = null
    lastHalfFloor = null
    whole.floor = null
  }
  // Enough points but no fit: they share too few x values (one time for all). Never a quiet pass.
  if (!insufficient && !whole.values) {
    const distinct = new Set(steadyPoints.x).size
    const have = steadyPoints.count.reduce((sum, c) => sum + (c || 1), 0)
    const along = axis === 'time' ? 'time' : axis === 'work' ? (series.workName ?? 'work') : 'x'
    insufficient = {
      have,
      need: MIN_JUDGED_POINTS,
      text: `${have} samples after warm-up at only ${distinct} distinct ${along} ${distinct === 1 ? 'value' : 'values'}: no trend can be fitted; give the rows distinct times (or a work column)`
    }
    lastHalf = null
    lastHalfFloor = null
    whole.floor = null
  }

  // Value against cumulative work, on the steady points that have work.
  let perWork: TrendFit | null = null
  let perWorkFloor: TrendFit | null = null
  let steadyWork: number | null = null
  let finiteWork = 0
  for (let i = steadyStart; i < n; i++) if (Number.isFinite(series.work[i])) finiteWork++
  let byWork: SpreadPoints
  if (finiteWork === n - steadyStart) {
    byWork = { ...steadyPoints, x: series.work.slice(steadyStart, n) }
  } else {
    byWork = { x: [], value: [], min: [], max: [], count: [] }
    for (let i = steadyStart; i < n; i++) {
      if (!Number.isFinite(series.work[i])) continue
      byWork.x.push(series.work[i])
      byWork.value.push(series.value[i])
      byWork.min.push(series.min[i])
      byWork.max.push(series.max[i])
      byWork.count.push(series.count[i])
    }
  }
  if (!insufficient && byWork.x.length >= 4) {
    const firstWork = byWork.x[0]
    const lastWork = byWork.x[byWork.x.length - 1]
    steadyWork = lastWork - firstWork
    if (steadyWork > 0) {
      const buckets = downsample(byWork, ownPoints ? MAX_ALL_SAMPLES : valueBuckets)
      perWork = fitTrend(
        buckets.x,
        buckets.value,
        'steady',
        { x0: firstWork, x1: lastWork },
        { short }
      )
      if (ownPoints && whole.floor && perWork) perWorkFloor = { ...perWork, basis: 'floor' }
      else if (whole.floor && byWork.x.length >= 3 * floorBuckets) {
        const lows = gcFloor(byWork.x, byWork.min, floorBuckets)
        perWorkFloor = fitTrend(
          lows.x,
          lows.floor,
          'steady',
          { x0: firstWork, x1: lastWork },
          { short }
        )
      }
    }
  }

  const level = whole.values?.level ?? (steadyCount > 0 ? median(steadyPoints.value) : Number.NaN)
  const perHour = axis === 'time' ? HOUR_MS : null
  const scale = (value: number | undefined): number | null =>
    perHour === null || value === undefined ? null : value * perHour
  const values = whole.values
  let hoursToLimit: number | null = null
  // Killed at its limit (0B / 0B right after a reading at it): the limit was reached, not ahead.
  const killed = series.stops?.some((stop) => stop.atLimit) ?? false
  if (
    !killed &&
    series.limit &&
    values &&
    axis === 'time' &&
    values.pValue < 0.01 &&
    values.low > 0
  ) {
    const levelAtEnd = values.intercept + values.slope * values.x1
    hoursToLimit = Math.max(0, (series.limit - levelAtEnd) / (values.slope * HOUR_MS))
  }

  let minValue = Number.POSITIVE_INFINITY
  let maxValue = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    if (series.min[i] < minValue) minValue = series.min[i]
    if (series.max[i] > maxValue) maxValue = series.max[i]
  }
  const timeOrNull = (i: number): number | null =>
    axis === 'time' && i >= 0 && i < n ? series.time[i] : null
  const warmupEndX = steadyStart < n && steadyStart > 0 ? x[steadyStart] : null
  const points = (values?.points ?? 0) || steadyCount

  const analysis: SeriesAnalysis = {
    kind: 'series',
    id: series.id,
    file: series.file,
    metric: series.metric,
    ...(series.group !== undefined ? { group: series.group } : {}),
    metricKind: series.kind,
    unit: series.unit,
    samples: series.samples,
    points,
    // Bucketed when fewer points were tested than steady samples were read (not merely warm-up excluded).
    reduced: series.reduced || points < steadyCount,
    timeBase: series.timeBase,
    start: timeOrNull(0),
    end: timeOrNull(n - 1),
    steadyStart: timeOrNull(steadyStart),
    steadyEnd: timeOrNull(n - 1),
    warmupPoints: steadyStart,
    firstValue: n ? series.value[0] : Number.NaN,
    lastValue: n ? series.value[n - 1] : Number.NaN,
    steadyFirstValue: n ? series.value[Math.min(steadyStart, n - 1)] : Number.NaN,
    minValue: n ? minValue : Number.NaN,
    maxValue: n ? maxValue : Number.NaN,
    slopePerHour: scale(values?.slope),
    slopeLowPerHour: scale(values?.low),
    slopeHighPerHour: scale(values?.high),
    floorSlopePerHour: scale(whole.floor?.slope),
    floorSlopeLowPerHour: scale(whole.floor?.low),
    floorSlopeHighPerHour: scale(whole.floor?.high),
    pValue: values?.pValue ?? null,
    floorPValue: whole.floor?.pValue ?? null,
    slopePerWork: perWork?.slope ?? null,
    slopePerWorkLow: perWork?.low ?? null,
    slopePerWorkHigh: perWork?.high ?? null,
    ...(series.workName !== undefined ? { workName: series.workName } : {}),
    ...(series.limit !== undefined ? { limit: series.limit } : {}),
    ...(series.left !== undefined ? { left: series.left } : {}),
    hoursToLimit,
    status: 'ok',
    explanation: '',
    chart: buildChart(all, axis, warmupEndX, values)
  }
  // Memory without a GC sawtooth (RSS, container usage) and counts are cut at every reset; a
  // live heap only at restarts (its major collections are no resets).
  // A reduced series is cut where the loader counted its restarts: a bucket's time cannot say
  // which side of it a stop fell on.
  const known = restartPoints(series, steadyStart)
  const segmented = insufficient
    ? null
    : segmentTrend(steadyPoints, valueBuckets, {
        firstValue: n > 0 ? series.value[0] : Number.NaN,
        stops: axis === 'time' ? (series.stops ?? []) : [],
        restartsOnly: series.kind === 'memory' && !RESERVED_MEMORY_NAME.test(series.metric),
        work: series.work.slice(steadyStart, n),
        processes: known.processes,
        pidWitness: series.processColumn?.what === 'pid',
        ...(series.reduced
          ? { stoppedAt: axis === 'time' ? known.stopped : new Set<number>(), clean: known.clean }
          : {})
      })
  if (segmented)
    analysis.chart.segments = segmented.segments.map((part) => ({ x0: part.x0, x1: part.x1 }))
  else if (!insufficient) {
    // a crash loop of lives too short to judge one by one: said, never passed over in silence
    const why = unjudgedLives(
      series.processChanges?.length ?? 0,
      known.processes,
      steadyPoints.value.length
    )
    if (why) notes.push(`${series.id}: ${why}`)
  }
  // Across a restart the steady figures span two processes: the table says the segments' test too.
  const restarts = segmented?.resets.filter(isRestart).length ?? 0
  if (segmented && restarts > 0)
    analysis.segments = {
      count: segmented.segments.length,
      restarts,
      slopePerHour: perHour === null ? null : segmented.slope * perHour,
      pValue: segmented.pValue
    }
  // in file order a step across lines the paste left out is no level shift
  const acrossCut =
    axis === 'index'
      ? stepAcrossCut(series, steadyStart, [values, whole.floor, lastHalf, lastHalfFloor])
      : undefined
  const withinCuts = acrossCut
    ? fitWindow(
        withoutCutRises(series, steadyPoints, steadyStart),
        'steady',
        valueBuckets,
        floorBuckets,
        short,
        cycleSamples
      ).values
    : undefined
  return {
    series,
    analysis,
    xAxis: axis,
    x,
    steadyStart,
    warmupDescription: steady.description,
    ...(gap ? { readingGap: gap } : {}),
    level,
    values,
    floor: whole.floor,
    lastHalf,
    lastHalfFloor,
    perWork,
    perWorkFloor,
    steadyWork,
    segmented,
    cycles,
    collections:
      raw && series.kind === 'memory' && Number.isFinite(level) && level > 0
        ? majorCollections(
            steadyPoints.value,
            MAJOR_FALL_FRACTION * level,
            // a sharp fall is a collection in a heap, pages handed back in RSS or container usage
            !RESERVED_MEMORY_NAME.test(series.metric)
          )
        : null,
    insufficient,
    notes,
    ...(acrossCut ? { acrossCut, withinCuts } : {})
  }
}

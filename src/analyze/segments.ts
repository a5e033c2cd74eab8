/**
 * Segments of a series split at level resets: a process restarted mid-run
 * (memory falls back to its starting level, often after a gap in sampling)
 * or the runtime handing a large part of its heap back at once. The plain
 * trend test sees the fall and cancels the rise on either side of it (a
 * restarted leak reads p = 1); judged segment by segment, with points
 * compared only within a segment, the rise counts every time. A GC sawtooth
 * (many falls) is not segmented: its floor is judged instead. A live heap
 * (heapUsed) is cut only at restarts, falls to the starting level after a
 * pause in sampling: its major collections fall too, but the sampler keeps
 * reading through them. A new process named in the file (a new `pid`, a
 * new container id under the same name) is a restart wherever memory went.
 * A long series reduced to buckets is cut the same way: the fall is read
 * from the bucket before to the lowest reading after, a pause from the
 * widest bucket around it, and the bucket a restart falls in (it may hold
 * readings of both processes) is left out of both segments unless the
 * loader's row count puts the restart exactly at its start.
 */
import { blockedMannKendall } from '../stats/blocked-mann-kendall.js'
import { downsample, type SpreadPoints } from '../stats/downsample.js'
import { median } from '../stats/median.js'
import { theilSen } from '../stats/theil-sen.js'

/**
 * At most this many resets: more falls than that are a sawtooth, not
 * restarts. More cuts than this, the others new processes the file names,
 * are a crash loop: each life is judged on its last half only, its first
 * half being the new process's own warm-up (a service starting up climbs;
 * with a few lives those climbs alone make a significant pooled rise). A
 * leak climbs to the end of every life; a healthy process levels off in each.
 */
export const MAX_RESETS = 3
/** A reset falls by at least this share of the steady window's range… */
export const RESET_RANGE_FRACTION = 0.4
/** …and by at least this many times the median step between samples. */
export const RESET_STEP_MULTIPLE = 10
/** A pause in sampling longer than this many usual intervals is a gap (a `0B / 0B` row always is). */
export const GAP_MULTIPLE = 3
/**
 * A live heap without a work counter is cut only after a pause of at least
 * this long: a major collection of a large heap can hold up the sampler for
 * a few intervals, a process start takes longer.
 */
export const HEAP_RESTART_GAP_MS = 1000
/** Fewest samples a segment needs to be judged. */
export const MIN_SEGMENT_SAMPLES = 8
/**
 * Each judged segment must grow at least this fraction of the common slope:
 * a leak grows in every segment at its pace; a heap regrowing once after the
 * runtime shrank it rises in one segment only.
 */
export const SEGMENT_PACE_FRACTION = 1 / 3
/**
 * With 1 to {@link MAX_RESETS} restarts, lives whose later halves rise at
 * under this fraction of the lives' common slope owe that slope to their
 * starts (a process starting up climbs fast, then levels off): they are
 * judged on their later halves, each of which must keep its pace to its end.
 * A leak climbs at one pace to the end of every life and keeps its verdict.
 */
export const LATER_PACE_FRACTION = 1 / 2
/**
 * A later half is judged when it holds at least this many of the series'
 * buckets; fewer than 2 such halves leave the lives judged whole.
 */
export const LATER_MIN_BUCKETS = 3

/** One fall between two segments. */
export interface LevelReset {
  /** x of the first sample after the fall. */
  x: number
  /** The fall (positive; negative for a rise across a stop, the new process starting higher). */
  size: number
  /** The last reading before the fall and the first after it. */
  from: number
  to: number
  /** True when it fell back to about where the steady window started (a restart). */
  toStart: boolean
  /** True when sampling paused before it (more than 3× the usual interval, or `0B / 0B` rows). */
  afterGap: boolean
  /** True when the container was read as not running (`0B / 0B` rows) just before it. */
  notRunning: boolean
  /** True when the work counter went back there (a new process counting from zero). */
  workReset: boolean
  /** Set when the file names a new process there (a new pid or container id). */
  newProcess?: NewProcess
  /** Set when the file's pid stays the same across it: the same process, never a restart. */
  samePid?: true
}

/** A new process the file names: `pid 954 → 1020`. */
export interface NewProcess {
  what: 'pid' | 'container id' | 'process start'
  from: string
  to: string
}

/** A reset that is a restart: back to the starting level, after a pause, or a new process. */
export function isRestart(r: LevelReset): boolean {
  if (r.newProcess !== undefined || r.notRunning) return true
  return !r.samePid && (r.toStart || r.afterGap || r.workReset)
}

/** A series judged in segments. */
export interface SegmentedTrend {
  resets: LevelReset[]
  segments: Array<{ x0: number; x1: number; samples: number; slope: number }>
  /** Common slope within the segments (pooled Theil–Sen), per x unit. */
  slope: number
  /** Blocked Mann–Kendall p-value (pairs within a segment only). */
  pValue: number
  /** slope × the x covered by the segments: the growth the segments add up to. */
  growth: number
  /** Median of the bucket means. */
  level: number
  /** Every segment grows at least {@link SEGMENT_PACE_FRACTION} of the common slope. */
  everySegmentGrows: boolean
  /**
   * The last half of the last segment still grows at that pace (not a regrowth levelling off);
   * for a few lives judged on their later halves, the last halves of all of them (pooled).
   */
  lastKeepsPace: boolean
  /**
   * Each segment is the last half of one life (the first is that process's
   * warm-up): always in a crash loop (more than {@link MAX_RESETS} cuts);
   * with fewer restarts when the lives' later halves rise at under
   * {@link LATER_PACE_FRACTION} of the lives' common slope.
   */
  lastHalves: boolean
}

/**
 * Finds level resets in the steady points and, when there are 1 to
 * {@link MAX_RESETS}, measures the trend within the segments they leave.
 * Null when the series has no reset (or too many: a sawtooth).
 */
export function segmentTrend(
  points: SpreadPoints,
  maxBuckets: number,
  run: {
    firstValue: number
    stops: readonly { time: number; until: number }[]
    /** Cut only at restarts (a live heap's major collections are no cuts): see below. */
    restartsOnly?: boolean
    /**
     * The cumulative work counter at each point (NaN when unknown). A counter
     * that goes back is a new process counting from zero: with restartsOnly,
     * a fall is a restart where the counter went back, and never where it went on.
     */
    work?: readonly number[]
    /** New processes the file names, by the index (in `points`) of each one's first reading. */
    processes?: ReadonlyMap<number, NewProcess>
    /**
     * The file names the pid at its rows: every restart is in `processes`,
     * and a fall where the pid stays is the same process (the runtime
     * handing memory back), whatever the work counter or a pause say.
     */
    pidWitness?: boolean
    /**
     * Buckets a container was read as not running just before (by index in
     * `points`): given for a reduced series, whose buckets' times cannot say
     * which side of a bucket a stop fell on. `stops` is then not read.
     */
    stoppedAt?: ReadonlySet<number>
    /** Buckets of a reduced series that start exactly at a named restart or stop: kept whole. */
    clean?: ReadonlySet<number>
  } = {
    firstValue: Number.NaN,
    stops: []
  }
): SegmentedTrend | null {
  const n = points.value.length
  if (n < 2 * MIN_SEGMENT_SAMPLES) return null
  // Buckets (a long series the loader reduced): each point spans several readings.
  const reduced = points.count.some((c) => c > 1)
  let low = Number.POSITIVE_INFINITY
  let high = Number.NEGATIVE_INFINITY
  const steps: number[] = []
  const intervals: number[] = []
  // Medians from at most ~10⁴ evenly spread steps keep this O(n).
  const stride = Math.max(1, Math.floor(n / 10_000))
  for (let i = 0; i < n; i++) {
    low = Math.min(low, points.value[i])
    high = Math.max(high, points.value[i])
    if (i > 0 && i % stride === 0) {
      steps.push(Math.abs(points.value[i] - points.value[i - 1]))
      intervals.push(points.x[i] - points.x[i - 1])
    }
  }
  const range = high - low
  if (!(range > 0)) return null
  // A live heap climbs several MiB between samples as it allocates: its restarts are told by the
  // gap and the return to the starting level, not by a fall of 10 steps.
  const threshold = run.restartsOnly
    ? RESET_RANGE_FRACTION * range
    : Math.max(RESET_RANGE_FRACTION * range, RESET_STEP_MULTIPLE * median(steps))
  const usualInterval = median(intervals)
  // Time per reading: a bucket of k readings spans k of them.
  const perReading = reduced ? usualInterval / Math.max(1, median(points.count)) : usualInterval
  // The pause before point i: raw, the step to it; reduced, the widest bucket around it (a
  // restart within bucket i widens bucket i, one at its start the bucket before) beyond a usual one.
  const pause = (i: number): number => {
    const before = points.x[i] - points.x[i - 1]
    if (!reduced) return before
    const within = i + 1 < n ? points.x[i + 1] - points.x[i] : 0
    return Math.max(before, within) - usualInterval + perReading
  }
  // Where the run started (its first reading), else where the steady window did.
  const start = Number.isFinite(run.firstValue)
    ? run.firstValue
    : median(points.value.slice(0, Math.min(n, 5)))
  // The lowest reading after the fall (a raw point's min is its value): where the new process began.
  const toStart = (i: number): boolean => Math.abs(points.min[i] - start) <= 0.2 * range
  const stoppedAt = run.stoppedAt
  const notRunning = (i: number): boolean =>
    stoppedAt !== undefined
      ? stoppedAt.has(i)
      : run.stops.some((stop) => stop.time > points.x[i - 1] && stop.until < points.x[i])
  const afterGap = (i: number): boolean => pause(i) > GAP_MULTIPLE * perReading || notRunning(i)
  // A cumulative work counter goes back only when a new process counts from zero. One that goes
  // back more often than restarts are judged is no cumulative counter: it says nothing here.
  const work = run.work
  const counted = (i: number): boolean =>
    work !== undefined && Number.isFinite(work[i - 1]) && Number.isFinite(work[i])
  let wentBack = 0
  for (let i = 1; i < n; i++) if (counted(i) && work![i] < work![i - 1]) wentBack++
  const workSays = wentBack <= MAX_RESETS
  const workReset = (i: number): boolean => workSays && counted(i) && work![i] < work![i - 1]
  // A live heap: the counter says it when there is one (back at a restart, on through a
  // collection); else a fall to the starting level after a pause as long as a process start.
  const heapRestart = (i: number): boolean => {
    if (workSays && counted(i)) return workReset(i)
    return toStart(i) && afterGap(i) && pause(i) >= HEAP_RESTART_GAP_MS
  }
  // The pid, when the file names it, says whether a process started: a new one is a restart
  // whatever memory or the counter did, the same one never is.
  const samePid = (i: number): boolean =>
    run.pidWitness === true && !(run.processes?.has(i) ?? false)
  // A reduced series' cut leaves its bucket out (it may hold both processes) unless known clean.
  const dropped = (i: number): boolean => reduced && !(run.clean?.has(i) ?? false)
  const cuts: number[] = []
  for (let i = 1; i < n; i++) {
    // A container read as not running, a work counter starting again or a new pid or container
    // id is a new process, whichever way memory moved (it can start above a predecessor whose
    // runtime had shrunk, or where a leak had left it).
    if (notRunning(i) || (workReset(i) && !samePid(i)) || run.processes?.has(i)) {
      cuts.push(i)
      continue
    }
    // The bucket after a left-out one: its fall from the mixed bucket is the same restart.
    if (cuts[cuts.length - 1] === i - 1 && dropped(i - 1)) continue
    if (!(points.value[i - 1] - points.min[i] > threshold)) continue
    if (run.restartsOnly && (samePid(i) || !heapRestart(i))) continue
    cuts.push(i)
  }
  const unnamed = run.processes ? cuts.filter((i) => !run.processes!.has(i)).length : cuts.length
  // New processes the file names are cut however many there are (a crash loop, see MAX_RESETS;
  // the loader names at most 64); unnamed falls beyond a few are a sawtooth.
  if (cuts.length === 0 || unnamed > MAX_RESETS) return null
  const bounds = [0, ...cuts, n]
  const crashLoop = cuts.length > MAX_RESETS
  // A fall back to the starting level with no pause while the work counter counts on is the
  // runtime handing memory back (V8 shrinking its heap), not a new process. The counter is always
  // read from the memory series' own rows (a loader never joins another file's), yet it may be a
  // load generator's logged beside the memory: a new pid the file names wins over it.
  const countsOn = (i: number): boolean => workSays && counted(i) && !workReset(i)
  const resets: LevelReset[] = cuts.map((i) => {
    const named = run.processes?.get(i)
    return {
      x: points.x[i],
      size: points.value[i - 1] - points.min[i],
      from: points.value[i - 1],
      to: points.min[i],
      toStart: toStart(i) && (named !== undefined || !(countsOn(i) && !afterGap(i))),
      afterGap: afterGap(i),
      notRunning: notRunning(i),
      workReset: workReset(i) && !samePid(i),
      ...(named !== undefined ? { newProcess: named } : {}),
      ...(samePid(i) ? { samePid: true as const } : {})
    }
  })
  // Each life whole, or from its middle (its later part: a start-up climb is over by then).
  const measure = (halves: boolean): Measured | null => {
    const xs: number[][] = []
    const ys: number[][] = []
    const segments: SegmentedTrend['segments'] = []
    for (let k = 0; k + 1 < bounds.length; k++) {
      const start = k > 0 && dropped(bounds[k]) ? bounds[k] + 1 : bounds[k]
      const to = bounds[k + 1]
      const from = halves ? start + Math.floor((to - start) / 2) : start
      if (to - from < MIN_SEGMENT_SAMPLES) continue
      const part: SpreadPoints = {
        x: points.x.slice(from, to),
        value: points.value.slice(from, to),
        min: points.min.slice(from, to),
        max: points.max.slice(from, to),
        count: points.count.slice(from, to)
      }
      // The series' buckets this part holds (each a GC cycle or more, when cycles show): a few
      // lives' later halves holding fewer tell no pace (bucket means shorter than a cycle).
      const share = Math.round((maxBuckets * (to - from)) / n)
      if (halves && !crashLoop && share < LATER_MIN_BUCKETS) continue
      const buckets = downsample(part, Math.max(4, share))
      xs.push(buckets.x)
      ys.push(buckets.value)
      segments.push({
        x0: part.x[0],
        x1: part.x[part.x.length - 1],
        samples: to - from,
        slope: theilSen(buckets.x, buckets.value).slope
      })
    }
    if (segments.length < 2) return null
    const test = blockedMannKendall(xs, ys)
    const covered = segments.reduce((sum, s) => sum + (s.x1 - s.x0), 0)
    const last = xs.length - 1
    const half = Math.floor(xs[last].length / 2)
    const lastHalfSlope =
      xs[last].length - half >= 2 ? theilSen(xs[last].slice(half), ys[last].slice(half)).slope : 0
    // A few lives judged on their later halves: the end of every one (pooled) must keep the pace,
    // where a start-up climb's tail slows down as it levels off.
    const endSlope =
      halves && !crashLoop
        ? blockedMannKendall(
            xs.map((bx) => bx.slice(Math.floor(bx.length / 2))),
            ys.map((by) => by.slice(Math.floor(by.length / 2)))
          ).slope
        : lastHalfSlope
    return {
      segments,
      slope: test.slope,
      pValue: test.pValue,
      growth: test.slope * covered,
      level: median(ys.flat()),
      everySegmentGrows:
        test.slope > 0 && segments.every((s) => s.slope >= SEGMENT_PACE_FRACTION * test.slope),
      lastKeepsPace: test.slope > 0 && endSlope >= SEGMENT_PACE_FRACTION * test.slope,
      lastHalves: halves
    }
  }
  if (crashLoop) {
    const loop = measure(true)
    return loop && { resets, ...loop }
  }
  const whole = measure(false)
  if (!whole) return null
  // A few restarts: a process starting up climbs fast and levels off, a leak keeps its pace to
  // the end of each life. When the lives' later parts rise at under half the lives' common slope,
  // that slope is their start-up climbs': the later parts are judged instead.
  if (whole.slope > 0 && resets.some(isRestart)) {
    const later = measure(true)
    if (later && later.slope < LATER_PACE_FRACTION * whole.slope) return { resets, ...later }
  }
  return { resets, ...whole }
}

/** The figures of a {@link SegmentedTrend} measured on one choice of parts. */
type Measured = Omit<SegmentedTrend, 'resets'>

/**
 * Why a series whose file names new processes in its steady window was not
 * judged life by life ({@link segmentTrend} returned null), for a note: its
 * lives too short to judge on their own. Empty otherwise (no new process
 * within the steady window, enough long lives, or a constant series).
 */
export function unjudgedLives(
  restarts: number,
  processes: ReadonlyMap<number, NewProcess>,
  points: number
): string {
  const cuts = [...processes.keys()].filter((i) => i > 0 && i < points).sort((a, b) => a - b)
  if (cuts.length === 0) return ''
  const need = cuts.length > MAX_RESETS ? 2 * MIN_SEGMENT_SAMPLES : MIN_SEGMENT_SAMPLES
  const bounds = [0, ...cuts, points]
  let long = 0
  for (let k = 0; k + 1 < bounds.length; k++) if (bounds[k + 1] - bounds[k] >= need) long++
  const lives = cuts.length + 1
  const times = restarts === 1 ? 'once' : `${restarts} times`
  // other reasons (a constant series, falls within the lives) leave nothing a restart hides
  if (long >= 2) return ''
  const which = long === 0 ? 'none' : 'only 1'
  return `restarted ${times}, but ${which} of its ${lives} lives in the steady window has the ${need} samples to be judged on its own: judged as one window across them (a restart's fall can hide a leak there; sample more often or record longer lives)`
}

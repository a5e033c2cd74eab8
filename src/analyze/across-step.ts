import { hamedRaoMannKendall } from '../stats/hamed-rao.js'
import { stepFit } from '../stats/step-fit.js'
import { theilSen } from '../stats/theil-sen.js'

/** Fewest readings on either side of a step for its own trend test. */
export const MIN_PART_READINGS = 8
/** Each side's rise must be significant on its own readings at this level. */
export const PART_ALPHA = 0.01
/** A leak keeps one pace: the faster side at most this many times the slower. */
export const PART_PACE_RATIO = 2
/** Most readings a side's Theil–Sen slope and trend test run on (both are O(n²)). */
const MAX_PART_READINGS = 300

/** One side of a step: its readings' rise (Theil–Sen pace × span) and trend test. */
export interface StepSide {
  from: number
  to: number
  readings: number
  pace: number
  /** The pace's 95 % interval (Theil–Sen). */
  low: number
  high: number
  rise: number
  pValue: number
}

/** A rise at one pace on both sides of a level shift. */
export interface GrowthAcrossStep {
  /** x of the first reading after the step, and its size (level after − level before). */
  stepX: number
  stepSize: number
  before: StepSide
  after: StepSide
  /** What both sides add, the step left out. */
  growth: number
}

/**
 * Whether a window that stepped once also grew at one pace on both sides of
 * the step. A table loaded once leaves memory the allocator holds flat before
 * and after it (RSS and container usage of every recorded healthy table rose
 * under 2 MiB on either side, or on one side only); a leak beside that table
 * goes on through it, at the pace of its work. Each side's rise must be
 * significant on its own readings (Hamed–Rao's Mann–Kendall, which allows
 * for their autocorrelation) and the two paces within a factor of
 * {@link PART_PACE_RATIO}; whether their sum is over the tolerance is the
 * caller's. Null otherwise. x: the readings' x, y: their values, both of the
 * steady window only.
 */
export function growthAcrossStep(
  x: readonly number[],
  y: readonly number[]
): GrowthAcrossStep | null {
  if (y.length < 2 * MIN_PART_READINGS) return null
  const { x: tx, y: ty } = thin(x, y, 2 * MAX_PART_READINGS)
  const fit = stepFit(tx, ty)
  if (!(fit.size > 0)) return null
  return onePace(tx, ty, fit.splitIndex, fit.size)
}

/**
 * The same test at a step another series of the process took (a live heap that stepped once, a
 * table loaded at stepX): whether this series rose at one pace on both sides of it. Its size is
 * this series' own move across the split (its means after less before). Null otherwise.
 */
export function growthBesideStep(
  x: readonly number[],
  y: readonly number[],
  stepX: number
): GrowthAcrossStep | null {
  if (y.length < 2 * MIN_PART_READINGS) return null
  const { x: tx, y: ty } = thin(x, y, 2 * MAX_PART_READINGS)
  const split = tx.findIndex((v) => v >= stepX)
  if (split < 0) return null
  const mean = (values: readonly number[]): number =>
    values.reduce((sum, v) => sum + v, 0) / values.length
  return onePace(tx, ty, split, mean(ty.slice(split)) - mean(ty.slice(0, split)))
}

function onePace(
  x: readonly number[],
  y: readonly number[],
  split: number,
  size: number
): GrowthAcrossStep | null {
  const before = side(x, y, 0, split)
  const after = side(x, y, split, y.length)
  if (!before || !after) return null
  if (!(before.pace > 0 && after.pace > 0)) return null
  if (before.pValue >= PART_ALPHA || after.pValue >= PART_ALPHA) return null
  const ratio = Math.max(before.pace, after.pace) / Math.min(before.pace, after.pace)
  if (ratio > PART_PACE_RATIO) return null
  return { stepX: x[split], stepSize: size, before, after, growth: before.rise + after.rise }
}

/**
 * What a series rose on both sides of another series' step (at stepX), over
 * x0..x1: each side's Theil–Sen pace × its span, a side that fell counted as
 * none. Null when a side has fewer than {@link MIN_PART_READINGS} readings.
 */
export function riseBesideStep(
  x: readonly number[],
  y: readonly number[],
  x0: number,
  stepX: number,
  x1: number
): number | null {
  const bx: number[] = []
  const by: number[] = []
  const ax: number[] = []
  const ay: number[] = []
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] >= x0 && x[i] <= x1) || !Number.isFinite(y[i])) continue
    if (x[i] < stepX) {
      bx.push(x[i])
      by.push(y[i])
    } else {
      ax.push(x[i])
      ay.push(y[i])
    }
  }
  const before = thin(bx, by, MAX_PART_READINGS)
  const after = thin(ax, ay, MAX_PART_READINGS)
  const b = side(before.x, before.y, 0, before.y.length)
  const a = side(after.x, after.y, 0, after.y.length)
  if (!b || !a) return null
  return Math.max(0, b.rise) + Math.max(0, a.rise)
}

function side(
  x: readonly number[],
  y: readonly number[],
  from: number,
  to: number
): StepSide | null {
  if (to - from < MIN_PART_READINGS) return null
  const xs = x.slice(from, to)
  const ys = y.slice(from, to)
  const span = xs[xs.length - 1] - xs[0]
  if (!(span > 0)) return null
  const { slope: pace, low, high } = theilSen(xs, ys)
  return {
    from: xs[0],
    to: xs[xs.length - 1],
    readings: ys.length,
    pace,
    low,
    high,
    rise: pace * span,
    pValue: hamedRaoMannKendall(ys).pValue
  }
}

/** Means of neighbouring readings, at most `most` of them (x: the group's first). */
function thin(
  x: readonly number[],
  y: readonly number[],
  most: number
): { x: number[]; y: number[] } {
  const group = Math.ceil(y.length / most)
  if (group <= 1) return { x: [...x], y: [...y] }
  const tx: number[] = []
  const ty: number[] = []
  for (let i = 0; i < y.length; i += group) {
    const end = Math.min(y.length, i + group)
    let sum = 0
    for (let k = i; k < end; k++) sum += y[k]
    tx.push(x[i])
    ty.push(sum / (end - i))
  }
  return { x: tx, y: ty }
}

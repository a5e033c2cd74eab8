/**
 * Builds a {@link Series} while streaming, in bounded memory: at most
 * {@link MAX_POINTS} points are kept. When full, adjacent pairs are merged
 * (mean weighted by count, min of mins, max of maxes, time of the first,
 * work of the last) and each new point takes twice as many raw samples.
 * A 4M-row file therefore needs the same memory as a 1M-row one, and the
 * floor (bucket minima) and peaks (maxima) the analysis needs survive.
 */
import type { MetricKind, Series, TimeBase, ValueUnit } from '../model.js'

/** Most points kept per series (8192 × 6 float64 arrays ≈ 400 KB). Power of two. */
export const MAX_POINTS = 8192

/**
 * Points allocated when a series starts; the arrays double up to the
 * capacity as samples arrive, so 50,000 short series in a small file cost
 * kilobytes each, not 384 KiB each up front.
 */
const INITIAL_POINTS = 16

/** What a built series is, besides its points. */
export interface SeriesMeta {
  id: string
  file: string
  metric: string
  group?: string
  kind: MetricKind
  unit: ValueUnit
  timeBase: TimeBase
  workName?: string
  timeName?: string
  limit?: number
}

/** Accumulates samples into at most `capacity` buckets. */
export class SeriesBuilder {
  private sum: Float64Array
  private min: Float64Array
  private max: Float64Array
  private time: Float64Array
  private work: Float64Array
  private count: Float64Array
  /** Length of the arrays now (≤ capacity). */
  private allocated: number
  private points = 0
  private bucketSize = 1
  private raw = 0

  constructor(readonly capacity: number = MAX_POINTS) {
    if (capacity < 2 || capacity % 2 !== 0)
      throw new RangeError('capacity must be an even number ≥ 2')
    this.allocated = Math.min(capacity, INITIAL_POINTS)
    this.sum = new Float64Array(this.allocated)
    this.min = new Float64Array(this.allocated)
    this.max = new Float64Array(this.allocated)
    this.time = new Float64Array(this.allocated)
    this.work = new Float64Array(this.allocated)
    this.count = new Float64Array(this.allocated)
  }

  /** Raw samples added so far. */
  get samples(): number {
    return this.raw
  }

  /** Largest value added so far (NaN before the first). */
  get maxValue(): number {
    let max = NaN
    for (let i = 0; i < this.points; i++) if (!(max >= this.max[i])) max = this.max[i]
    return max
  }

  /** Highest raw value in the last point (NaN when there is none): the last reading before a gap. */
  get lastMax(): number {
    return this.points > 0 ? this.max[this.points - 1] : NaN
  }

  /** Time of the first point (NaN when there is none or it had no time). */
  get firstTime(): number {
    return this.points > 0 ? this.time[0] : NaN
  }

  /** Adds one sample; `time` and `work` are NaN when unknown. NaN values are ignored. */
  add(value: number, time: number, work: number): void {
    if (Number.isNaN(value)) return
    this.raw++
    let last = this.points - 1
    if (last >= 0 && this.count[last] < this.bucketSize) {
      this.sum[last] += value
      if (value < this.min[last]) this.min[last] = value
      if (value > this.max[last]) this.max[last] = value
      if (!Number.isNaN(work)) this.work[last] = work
      this.count[last]++
      return
    }
    if (this.points === this.allocated) {
      if (this.allocated < this.capacity) this.grow()
      else this.halve()
    }
    last = this.points++
    this.sum[last] = value
    this.min[last] = value
    this.max[last] = value
    this.time[last] = time
    this.work[last] = work
    this.count[last] = 1
  }

  /**
   * {@link add} with the sample in a row buffer: value `row[index]`, time
   * `row[0]`, work `row[1]` (the byte fast path; passing doubles to a call
   * that is not inlined would allocate one number each).
   */
  addFrom(row: Float64Array, index: number): void {
    this.add(row[index], row[0], row[1])
  }

  /**
   * {@link add} for `n` samples at once: value `values[offset + j * stride]`, time
   * `times[j]`, work `works[j]`, in order, with exactly the result of `n`
   * calls. The samples that fall into the open bucket are summed in locals
   * (same additions in the same order), so a loader that stages a block of
   * rows per column pays one call per block, not one per value.
   */
  addBlock(
    values: Float64Array,
    offset: number,
    times: Float64Array,
    works: Float64Array,
    n: number,
    stride = 1
  ): void {
    let j = 0
    while (j < n) {
      const last = this.points - 1
      if (last < 0 || this.count[last] >= this.bucketSize) {
        // a new point (or a grow / halve first): as add does it
        this.add(values[offset + j * stride], times[j], works[j])
        j++
        continue
      }
      let count = this.count[last]
      let sum = this.sum[last]
      let min = this.min[last]
      let max = this.max[last]
      let work = this.work[last]
      const full = this.bucketSize
      let raw = 0
      for (; j < n && count < full; j++) {
        const value = values[offset + j * stride]
        if (Number.isNaN(value)) continue
        sum += value
        if (value < min) min = value
        if (value > max) max = value
        const w = works[j]
        if (!Number.isNaN(w)) work = w
        count++
        raw++
      }
      this.sum[last] = sum
      this.min[last] = min
      this.max[last] = max
      this.work[last] = work
      this.count[last] = count
      this.raw += raw
    }
  }

  /**
   * {@link addBlock} for a block with no NaN value (a loader's numbers-only
   * rows): the samples that fit in the open bucket are summed in one bounded
   * loop, with no test per value, and its work is the block's last known one
   * (`works` is read only when `withWork`: all NaN otherwise). Same result as
   * `n` calls of {@link add}: the same additions and comparisons in the same
   * order.
   */
  addDenseBlock(
    values: Float64Array,
    offset: number,
    stride: number,
    times: Float64Array,
    works: Float64Array,
    n: number,
    withWork: boolean
  ): void {
    let j = 0
    while (j < n) {
      const last = this.points - 1
      const open = last < 0 ? 0 : this.bucketSize - this.count[last]
      if (open <= 0) {
        // a new point (or a grow / halve first): as add does it
        this.add(values[offset + j * stride], times[j], works[j])
        j++
        continue
      }
      const end = Math.min(n, j + open)
      let sum = this.sum[last]
      let min = this.min[last]
      let max = this.max[last]
      for (let k = offset + j * stride, stop = offset + end * stride; k < stop; k += stride) {
        const value = values[k]
        sum += value
        if (value < min) min = value
        if (value > max) max = value
      }
      if (withWork) {
        for (let k = end - 1; k >= j; k--) {
          const w = works[k]
          if (!Number.isNaN(w)) {
            this.work[last] = w
            break
          }
        }
      }
      this.sum[last] = sum
      this.min[last] = min
      this.max[last] = max
      this.count[last] += end - j
      this.raw += end - j
      j = end
    }
  }

  /** Doubles the arrays (up to the capacity), keeping the points. */
  private grow(): void {
    const size = Math.min(this.capacity, this.allocated * 2)
    const larger = (from: Float64Array): Float64Array => {
      const to = new Float64Array(size)
      to.set(from)
      return to
    }
    this.sum = larger(this.sum)
    this.min = larger(this.min)
    this.max = larger(this.max)
    this.time = larger(this.time)
    this.work = larger(this.work)
    this.count = larger(this.count)
    this.allocated = size
  }

  /** Merges adjacent pairs; every kept point is then a full bucket of the doubled size. */
  private halve(): void {
    const half = this.points >> 1
    for (let i = 0; i < half; i++) {
      const a = 2 * i
      const b = a + 1
      this.sum[i] = this.sum[a] + this.sum[b]
      this.min[i] = Math.min(this.min[a], this.min[b])
      this.max[i] = Math.max(this.max[a], this.max[b])
      this.time[i] = Number.isNaN(this.time[a]) ? this.time[b] : this.time[a]
      this.work[i] = Number.isNaN(this.work[b]) ? this.work[a] : this.work[b]
      this.count[i] = this.count[a] + this.count[b]
    }
    this.points = half
    this.bucketSize *= 2
  }

  /** Returns the series as plain arrays (JSON-serialisable). */
  build(meta: SeriesMeta): Series {
    const n = this.points
    const value = new Array<number>(n)
    for (let i = 0; i < n; i++) value[i] = this.sum[i] / this.count[i]
    const series: Series = {
      id: meta.id,
      file: meta.file,
      metric: meta.metric,
      kind: meta.kind,
      unit: meta.unit,
      timeBase: meta.timeBase,
      time: meta.timeBase === 'none' ? new Array<number>(n).fill(NaN) : toArray(this.time, n),
      work: toArray(this.work, n),
      value,
      min: toArray(this.min, n),
      max: toArray(this.max, n),
      count: toArray(this.count, n),
      samples: this.raw,
      reduced: this.bucketSize > 1 || this.raw > n
    }
    if (meta.group !== undefined) series.group = meta.group
    if (meta.workName !== undefined) series.workName = meta.workName
    if (meta.timeName !== undefined) series.timeName = meta.timeName
    if (meta.limit !== undefined) series.limit = meta.limit
    return series
  }
}

/** The first `n` numbers of `from` as a plain array (a loop: `Array.from` iterates, several times slower). */
function toArray(from: Float64Array, n: number): number[] {
  const to = new Array<number>(n)
  for (let i = 0; i < n; i++) to[i] = from[i]
  return to
}

/** The stable id of a series: `file:metric` or `file:metric[group]`. */
export function seriesId(file: string, metric: string, group?: string): string {
  return group === undefined ? `${file}:${metric}` : `${file}:${metric}[${group}]`
}

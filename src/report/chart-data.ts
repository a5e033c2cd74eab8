/**
 * Chart helpers shared by the Mermaid, SVG and terminal charts: resampling
 * onto an even grid (Mermaid spaces points evenly), nice axis ticks, and the
 * display unit of a byte axis.
 */
import type { SeriesChart, ValueUnit } from '../model.js'

/** A chart reduced to `x` grid points with the mean and the lowest floor / highest peak per cell. */
export interface ResampledChart {
  x: number[]
  value: number[]
  floor: number[]
  peak: number[]
}

/**
 * Resamples a chart onto `cells` evenly spaced x positions from the first to
 * the last x: each cell takes the mean of the values that fall in it, the
 * minimum of their floors and the maximum of their peaks; empty cells are
 * interpolated from their neighbours. O(n + cells).
 */
export function resampleChart(chart: SeriesChart, cells: number): ResampledChart {
  const points = chart.x.length
  const finite = chart.x.every(Number.isFinite)
  const xs = finite ? chart.x : chart.x.map((_, index) => index)
  if (points === 0) return { x: [], value: [], floor: [], peak: [] }
  const first = xs[0]
  const last = xs[points - 1]
  const count = Math.max(2, Math.min(cells, points))
  if (last <= first || points <= count) {
    return {
      x: [...xs],
      value: [...chart.value],
      floor: chart.floor.map((v, i) => v ?? chart.value[i]),
      peak: chart.peak.map((v, i) => v ?? chart.value[i])
    }
  }
  const sum = new Array<number>(count).fill(0)
  const seen = new Array<number>(count).fill(0)
  const floor = new Array<number>(count).fill(Infinity)
  const peak = new Array<number>(count).fill(-Infinity)
  const step = (last - first) / (count - 1)
  for (let i = 0; i < points; i++) {
    const cell = Math.min(count - 1, Math.max(0, Math.round((xs[i] - first) / step)))
    sum[cell] += chart.value[i]
    seen[cell]++
    floor[cell] = Math.min(floor[cell], chart.floor[i] ?? chart.value[i])
    peak[cell] = Math.max(peak[cell], chart.peak[i] ?? chart.value[i])
  }
  const x = sum.map((_, cell) => first + cell * step)
  const value = sum.map((total, cell) => (seen[cell] ? total / seen[cell] : NaN))
  fillGaps(value)
  fillGaps(
    floor.map((v) => (Number.isFinite(v) ? v : NaN)),
    floor
  )
  fillGaps(
    peak.map((v) => (Number.isFinite(v) ? v : NaN)),
    peak
  )
  return { x, value, floor, peak }
}

/** Linear interpolation over NaN runs (ends copy their nearest known value); writes into `out`. */
function fillGaps(values: number[], out: number[] = values): void {
  let previous = -1
  for (let i = 0; i <= values.length; i++) {
    if (i < values.length && Number.isNaN(values[i])) continue
    for (let gap = previous + 1; gap < i; gap++) {
      if (previous < 0) out[gap] = values[i]
      else if (i === values.length) out[gap] = values[previous]
      else
        out[gap] =
          values[previous] + ((values[i] - values[previous]) * (gap - previous)) / (i - previous)
    }
    if (i < values.length) out[i] = values[i]
    previous = i
  }
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) for about `target` intervals over `span`. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0)) return 1
  const raw = span / target
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
  return nice * power
}

/** Axis bounds and ticks covering [min, max] with a nice step (at least `minStep`: 1 for counts). */
export function niceAxis(
  min: number,
  max: number,
  target = 5,
  minStep = 0
): { lo: number; hi: number; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { lo: 0, hi: 1, ticks: [0, 1] }
  if (max <= min) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1
    min -= pad
    max += pad
  }
  const step = Math.max(minStep, niceStep(max - min, target))
  const lo = Math.floor(min / step) * step
  const hi = Math.ceil(max / step) * step
  const ticks: number[] = []
  for (let tick = lo; tick <= hi + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)))
  return { lo, hi, ticks }
}

/** The unit a byte axis is drawn in, chosen by its largest value: KiB, MiB or GiB. */
export function byteAxisUnit(maxBytes: number): { name: string; divisor: number } {
  if (maxBytes >= 10 * 1024 ** 3) return { name: 'GiB', divisor: 1024 ** 3 }
  if (maxBytes >= 1024 ** 2) return { name: 'MiB', divisor: 1024 ** 2 }
  if (maxBytes >= 1024) return { name: 'KiB', divisor: 1024 }
  return { name: 'B', divisor: 1 }
}

/** Display unit of a value axis: bytes scaled, percent and counts as they are. */
export function valueAxisUnit(
  unit: ValueUnit,
  maxValue: number
): { name: string; divisor: number } {
  if (unit === 'bytes') return byteAxisUnit(maxValue)
  if (unit === 'percent') return { name: '%', divisor: 1 }
  return { name: 'count', divisor: 1 }
}

/** Rounds for display in a chart: about 4 significant digits, no float noise. */
export function chartNumber(value: number): string {
  if (!Number.isFinite(value)) return '0'
  const abs = Math.abs(value)
  const decimals = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3
  return String(Number(value.toFixed(decimals)))
}

/**
 * Widens a value range to at least 10 % of its magnitude, so noise of a few
 * KiB on a flat 3 MiB series does not fill the chart and look like a trend.
 */
export function padDomain(min: number, max: number, share = 0.1): [number, number] {
  const span = max - min
  const wanted = Math.max(Math.abs(max), Math.abs(min)) * share
  if (!(span < wanted)) return [min, max]
  const middle = (min + max) / 2
  const low = Math.max(min >= 0 ? 0 : -Infinity, middle - wanted / 2)
  return [low, low + Math.max(wanted, max - low)]
}

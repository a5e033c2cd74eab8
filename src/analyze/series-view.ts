/**
 * Which window each series' row and chart show, decided once, here, from the
 * analysis' own numbers (never read back from formatted evidence text): the
 * whole steady window, or its last half when the analysis moved the series'
 * figures there (a leak that starts late). Also the trend line the chart
 * draws, anchored on the points it was fitted to. The result is stored in the
 * JSON report (`presentation.views`) so every renderer shows the same window.
 */
import type { Finding, SeriesAnalysis, SeriesChart } from '../model.js'

/** The window a series is shown on, and the chart's trend line over it. */
export interface SeriesWindowView {
  /** The series' id (`file:metric[group]`). */
  id: string
  /** `steady`: the whole steady window after warm-up; `last-half`: where a late leak was decided. */
  window: 'steady' | 'last-half'
  /** Start and end of the shown window (ms on the series' time axis), null without one. */
  start: number | null
  end: number | null
  /** Length of the shown window, of the whole steady window and of the warm-up (ms), null without a time axis. */
  windowMs: number | null
  /** Where the shown window starts, counted from the series' first sample (ms). */
  startOffsetMs: number | null
  steadyMs: number | null
  warmupMs: number | null
  /** Which figures decided: the mean's trend or the GC floor's. */
  basis: 'mean' | 'floor'
  /** The finding the window belongs to (the series' most telling trend finding), when there is one. */
  findingId?: string
  /** The trend line the chart draws over the shown window (slopes per x unit). */
  trend: SeriesChart['trend']
}

/** Signatures whose evidence is a trend fit over a window of one series, most telling first. */
export const TREND_SIGNATURES: Finding['signature'][] = [
  'sustained-growth',
  'rising-floor',
  'oom-risk'
]

/** Whether a finding is about this series (`source` is `file[group]`, `metric` is `metric[group]`). */
export function findingIsOn(finding: Finding, series: SeriesAnalysis): boolean {
  const source = series.group !== undefined ? `${series.file}[${series.group}]` : series.file
  const metric = series.group !== undefined ? `${series.metric}[${series.group}]` : series.metric
  return finding.source === source && finding.metric === metric
}

/**
 * The window a series is shown on: the last half when the analysis measured
 * its slope or floor there (`trendWindow`/`floorWindow`), else the steady
 * window. The chart's trend line is refitted through the median residual of
 * the points of that window (the Theil–Sen intercept), so it never floats.
 */
export function viewSeriesWindow(series: SeriesAnalysis, findings: Finding[]): SeriesWindowView {
  const decisive = findings
    .filter((f) => findingIsOn(f, series) && TREND_SIGNATURES.includes(f.signature))
    .sort(
      (a, b) =>
        Number(a.level !== 'fail') - Number(b.level !== 'fail') ||
        TREND_SIGNATURES.indexOf(a.signature) - TREND_SIGNATURES.indexOf(b.signature)
    )[0]
  const timed = series.timeBase !== 'none' && series.steadyStart !== null
  const steadyMs =
    timed && series.steadyEnd !== null && series.steadyStart !== null
      ? series.steadyEnd - series.steadyStart
      : null
  const warmupMs =
    timed && series.start !== null && series.steadyStart !== null
      ? series.steadyStart - series.start
      : null
  const late = series.trendWindow === 'last-half' || series.floorWindow === 'last-half'
  const floorOnly = late && series.trendWindow !== 'last-half'
  const start = late ? (series.trendWindowStart ?? null) : series.steadyStart
  const end = series.steadyEnd
  const view: SeriesWindowView = {
    id: series.id,
    window: late ? 'last-half' : 'steady',
    start: timed ? start : null,
    end: timed ? end : null,
    windowMs: timed && start !== null && end !== null ? end - start : null,
    startOffsetMs: timed && start !== null && series.start !== null ? start - series.start : null,
    steadyMs,
    warmupMs,
    basis: floorOnly || decisive?.signature === 'rising-floor' ? 'floor' : 'mean',
    trend: null
  }
  if (decisive) view.findingId = decisive.id
  view.trend = late ? lateTrend(series, floorOnly) : steadyTrend(series)
  return view
}

/**
 * A trend line anchored on the data it was fitted to: the given slopes (per
 * x unit), through the median residual of the points in [start, end].
 */
function anchorTrend(
  chart: SeriesChart,
  ys: number[],
  start: number,
  end: number,
  slopes: { slope: number; slopeLow: number; slopeHigh: number }
): SeriesChart['trend'] {
  const residuals = chart.x
    .map((x, i) => (x >= start && x <= end ? ys[i] - slopes.slope * (x - start) : NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
  if (residuals.length === 0) return chart.trend
  const middle = residuals.length / 2
  const y0 =
    residuals.length % 2
      ? residuals[Math.floor(middle)]
      : (residuals[middle - 1] + residuals[middle]) / 2
  return { x0: start, y0, ...slopes }
}

/** The last-half trend line, with that window's slope and interval (mean, or floor when only the floor moved). */
function lateTrend(series: SeriesAnalysis, floor: boolean): SeriesChart['trend'] {
  const chart = series.chart
  const start = series.trendWindowStart ?? null
  const perHour = floor ? series.floorSlopePerHour : series.slopePerHour
  if (!chart || chart.xAxis !== 'time' || start === null || perHour === null) return null
  const low = floor ? series.floorSlopeLowPerHour : series.slopeLowPerHour
  const high = floor ? series.floorSlopeHighPerHour : series.slopeHighPerHour
  return anchorTrend(
    chart,
    floor ? chart.floor : chart.value,
    start,
    series.steadyEnd ?? Infinity,
    {
      slope: perHour / 3_600_000,
      slopeLow: (low ?? perHour) / 3_600_000,
      slopeHigh: (high ?? perHour) / 3_600_000
    }
  )
}

/** The steady trend line re-anchored on the steady points. */
function steadyTrend(series: SeriesAnalysis): SeriesChart['trend'] {
  const chart = series.chart
  if (!chart?.trend || !chart.x.every(Number.isFinite)) return chart?.trend ?? null
  const start = chart.warmupEndX ?? chart.x[0]
  const { slope, slopeLow, slopeHigh } = chart.trend
  return anchorTrend(chart, chart.value, start, Infinity, { slope, slopeLow, slopeHigh })
}

/**
 * An inline SVG chart of one series for the HTML report: the values line,
 * the GC floor, the min–max band, the steady trend with its 95 % interval,
 * the excluded warm-up, and the memory limit when known. Self-contained (no
 * script, no font or network), so the report opens anywhere.
 */
import type { SeriesAnalysis } from '../model.js'
import { chartNumber, niceAxis, niceStep, padDomain, valueAxisUnit } from './chart-data.js'
import { escapeHtml } from './escape.js'
import { formatCount, formatHours, formatTime, formatValue } from '../analyze/format.js'
import { seriesName, type SeriesView } from './describe.js'

/** Size of the SVG's coordinate system; it scales to the page width. */
const WIDTH = 880
const HEIGHT = 320
const MARGIN = { left: 72, right: 24, top: 40, bottom: 44 }

/** Colours (GitHub Primer palette). */
const COLOR = {
  value: '#0969da',
  band: '#0969da',
  floor: '#1a7f37',
  trend: '#bc4c00',
  limit: '#cf222e',
  warmup: '#8c959f',
  grid: '#d8dee4',
  axis: '#57606a',
  text: '#1f2328'
}

/** Tick steps for a time axis, in ms. */
const TIME_STEPS = [
  1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000
]

/** SVG numbers with one decimal: small output, no float noise. */
function n(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0'
}

function polyline(xs: number[], ys: number[]): string {
  return xs.map((x, i) => `${n(x)},${n(ys[i])}`).join(' ')
}

/** x ticks and their labels for the chart's x axis. */
function xTicks(
  series: SeriesAnalysis,
  lo: number,
  hi: number
): Array<{ x: number; label: string }> {
  const chart = series.chart
  if (chart.xAxis === 'time' && series.timeBase !== 'none') {
    const span = hi - lo
    const step =
      TIME_STEPS.find((candidate) => span / candidate <= 7) ?? TIME_STEPS[TIME_STEPS.length - 1]
    const ticks: Array<{ x: number; label: string }> = []
    const multiDay = span >= 86_400_000
    for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      // Sub-minute steps need seconds, or every tick of a short run reads the same minute.
      const label = formatTime(t, series.timeBase, {
        date: multiDay && series.timeBase === 'epoch',
        seconds: step < 60_000
      })
      // Clock labels carry seconds: drop them when the step is whole minutes.
      const short =
        series.timeBase === 'clock' && step >= 60_000
          ? label.replace(/^(\d\d:\d\d):\d\d/, '$1')
          : label
      ticks.push({ x: t, label: short })
    }
    return ticks
  }
  const step = niceStep(hi - lo, 6)
  const ticks: Array<{ x: number; label: string }> = []
  for (let t = Math.ceil(lo / step) * step; t <= hi + step / 1000; t += step) {
    ticks.push({ x: t, label: formatCount(Number(t.toPrecision(12))) })
  }
  return ticks
}

/** The x axis title: `time (UTC)`, `requests`, `sample`. */
function xTitle(series: SeriesAnalysis): string {
  const chart = series.chart
  if (chart.xAxis === 'time') {
    return series.timeBase === 'epoch'
      ? 'time (UTC)'
      : series.timeBase === 'clock'
        ? 'time of day'
        : 'sample'
  }
  if (chart.xAxis === 'work') return series.workName ?? 'work'
  return 'sample'
}

/**
 * Renders the SVG of a series, or '' when its chart has fewer than two
 * points. `id` makes clip-path ids unique when several charts share a page.
 */
export function renderSvgChart(series: SeriesView, id: string): string {
  const chart = series.chart
  if (!chart || chart.x.length < 2) return ''
  const xs = chart.x.every(Number.isFinite) ? chart.x : chart.x.map((_, index) => index)
  const xLo = xs[0]
  const xHi = Math.max(xs[xs.length - 1], xLo + 1)
  // The trend starts where it was fitted: the steady window, or the narrower window that decided.
  const decidedFrom = series.decided?.start ?? null
  const steadyFrom =
    chart.trend && decidedFrom !== null && chart.xAxis === 'time'
      ? decidedFrom
      : (chart.warmupEndX ?? xLo)

  // Value domain: data, the trend band over the steady part, and the limit when it is close or at risk.
  const domain = [...chart.floor, ...chart.peak, ...chart.value].filter(Number.isFinite)
  const trend = chart.trend
  const trendAt = (x: number, slope: number): number =>
    trend ? trend.y0 + slope * (x - trend.x0) : NaN
  if (trend) {
    for (const x of [steadyFrom, xHi]) {
      domain.push(trendAt(x, trend.slope))
    }
  }
  const dataMax = Math.max(...domain)
  const dataMin = Math.min(...domain)
  const limit = series.limit
  // Drawn only when it is near the data: a far limit would flatten the curve the reader came to see.
  const showLimit = limit !== undefined && limit <= dataMax * 1.5
  if (showLimit && limit !== undefined) domain.push(limit)
  const [low, high] = padDomain(dataMin, Math.max(...domain))
  const unit = valueAxisUnit(series.unit, high)
  const axis = niceAxis(low / unit.divisor, high / unit.divisor, 5, series.unit === 'count' ? 1 : 0)
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const sx = (x: number): number => MARGIN.left + ((x - xLo) / (xHi - xLo)) * plotW
  const sy = (y: number): number =>
    MARGIN.top + plotH - ((y / unit.divisor - axis.lo) / (axis.hi - axis.lo)) * plotH
  const clip = `clip-${id}`
  const parts: string[] = []

  // Grid and y axis labels.
  for (const tick of axis.ticks) {
    const y = MARGIN.top + plotH - ((tick - axis.lo) / (axis.hi - axis.lo)) * plotH
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y)}" y2="${n(y)}" stroke="${COLOR.grid}" stroke-width="1"/>`
    )
    const label = unit.name === 'count' ? formatCount(tick) : `${chartNumber(tick)} ${unit.name}`
    parts.push(
      `<text x="${MARGIN.left - 8}" y="${n(y + 4)}" text-anchor="end" class="tick">${escapeHtml(label)}</text>`
    )
  }
  // x axis ticks.
  for (const tick of xTicks(series, xLo, xHi)) {
    const x = sx(tick.x)
    parts.push(
      `<line x1="${n(x)}" x2="${n(x)}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 5}" stroke="${COLOR.axis}"/>`
    )
    parts.push(
      `<text x="${n(x)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" class="tick">${escapeHtml(tick.label)}</text>`
    )
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="${COLOR.axis}"/>`
  )
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle" class="axis-title">${escapeHtml(xTitle(series), 80)}</text>`
  )

  const plot: string[] = []
  // Warm-up band.
  if (chart.warmupEndX !== null && chart.warmupEndX > xLo) {
    const w = sx(Math.min(chart.warmupEndX, xHi)) - sx(xLo)
    plot.push(
      `<rect class="warmup" x="${n(sx(xLo))}" y="${MARGIN.top}" width="${n(w)}" height="${plotH}" fill="${COLOR.warmup}" fill-opacity="0.16"/>`
    )
    plot.push(
      `<text x="${n(sx(xLo) + 6)}" y="${MARGIN.top + 14}" class="note">warm-up (excluded)</text>`
    )
  }
  // Min–max band, then floor and values.
  const peakPoints = polyline(xs.map(sx), chart.peak.map(sy))
  const floorBack = polyline([...xs].reverse().map(sx), [...chart.floor].reverse().map(sy))
  plot.push(
    `<polygon class="band" points="${peakPoints} ${floorBack}" fill="${COLOR.band}" fill-opacity="0.12" stroke="none"/>`
  )
  plot.push(
    `<polyline class="floor" points="${polyline(xs.map(sx), chart.floor.map(sy))}" fill="none" stroke="${COLOR.floor}" stroke-width="1.5" stroke-linejoin="round"/>`
  )
  plot.push(
    `<polyline class="values" points="${polyline(xs.map(sx), chart.value.map(sy))}" fill="none" stroke="${COLOR.value}" stroke-width="1.6" stroke-linejoin="round"/>`
  )
  // A finding judged within segments: its slope through each segment, no line across the cuts.
  const segmentTrends = chart.segmentTrends
  if (segmentTrends) {
    for (const part of segmentTrends)
      plot.push(
        `<line class="trend segment-trend" x1="${n(sx(part.x0))}" y1="${n(sy(part.y0))}" x2="${n(sx(part.x1))}" y2="${n(sy(part.y0 + part.slope * (part.x1 - part.x0)))}" stroke="${COLOR.trend}" stroke-width="2" stroke-dasharray="6 4"/>`
      )
  }
  // Trend and its 95 % interval over the steady part.
  else if (trend) {
    const a = Math.max(steadyFrom, xLo)
    const fan = [
      [a, trendAt(a, trend.slopeLow)],
      [xHi, trendAt(xHi, trend.slopeLow)],
      [xHi, trendAt(xHi, trend.slopeHigh)],
      [a, trendAt(a, trend.slopeHigh)]
    ]
      .map(([x, y]) => `${n(sx(x))},${n(sy(y))}`)
      .join(' ')
    plot.push(
      `<polygon class="trend-ci" points="${fan}" fill="${COLOR.trend}" fill-opacity="0.14" stroke="none"/>`
    )
    plot.push(
      `<line class="trend" x1="${n(sx(a))}" y1="${n(sy(trendAt(a, trend.slope)))}" x2="${n(sx(xHi))}" y2="${n(sy(trendAt(xHi, trend.slope)))}" stroke="${COLOR.trend}" stroke-width="2" stroke-dasharray="6 4"/>`
    )
  }
  // Limit.
  if (showLimit && limit !== undefined) {
    const y = sy(limit)
    plot.push(
      `<line class="limit" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y)}" y2="${n(y)}" stroke="${COLOR.limit}" stroke-width="1.5" stroke-dasharray="2 3"/>`
    )
    plot.push(
      `<text x="${WIDTH - MARGIN.right - 4}" y="${n(y - 5)}" text-anchor="end" class="note limit-label">limit ${escapeHtml(formatValue(limit, series.unit))}</text>`
    )
  }
  parts.push(`<g clip-path="url(#${clip})">${plot.join('')}</g>`)

  // Legend across the top.
  const legend: Array<[string, string]> = [
    [COLOR.value, 'mean'],
    [COLOR.floor, 'GC floor'],
    [COLOR.band, 'min–max'],
    ...(segmentTrends
      ? [[COLOR.trend, 'trend within segments'] as [string, string]]
      : trend
        ? [[COLOR.trend, 'trend ± 95 % CI'] as [string, string]]
        : []),
    ...(chart.warmupEndX !== null && chart.warmupEndX > xLo
      ? [[COLOR.warmup, 'warm-up'] as [string, string]]
      : []),
    ...(showLimit ? [[COLOR.limit, 'limit'] as [string, string]] : [])
  ]
  let lx = MARGIN.left
  for (const [color, label] of legend) {
    const band = label === 'min–max' || label === 'warm-up'
    parts.push(
      band
        ? `<rect x="${lx}" y="12" width="16" height="10" fill="${color}" fill-opacity="${label === 'warm-up' ? 0.3 : 0.2}"/>`
        : `<line x1="${lx}" x2="${lx + 16}" y1="17" y2="17" stroke="${color}" stroke-width="2.5"${label.startsWith('trend') ? ' stroke-dasharray="5 3"' : label === 'limit' ? ' stroke-dasharray="2 3"' : ''}/>`
    )
    parts.push(`<text x="${lx + 21}" y="21" class="legend">${escapeHtml(label)}</text>`)
    lx += 30 + label.length * 6.6
  }
  if (limit !== undefined && !showLimit) {
    const eta =
      series.hoursToLimit !== null
        ? `, reached in ${formatHours(series.hoursToLimit)} at this slope`
        : ''
    parts.push(
      `<text x="${WIDTH - MARGIN.right}" y="21" text-anchor="end" class="note limit-label">limit ${escapeHtml(formatValue(limit, series.unit))} above the chart${eta}</text>`
    )
  }

  const label = escapeHtml(`Chart of ${seriesName(series)} from ${series.file}`, 300)
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${label}</title>`,
    `<defs><clipPath id="${clip}"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>`,
    ...parts,
    '</svg>'
  ].join('\n')
}

/**
 * A Mermaid `xychart-beta` of one series for the PR comment: GitHub renders
 * it inline, so the reviewer sees the shape (sawtooth, rising floor) without
 * downloading anything. Points are resampled onto an even grid because
 * xychart spaces line points evenly along a numeric x axis.
 */
import type { SeriesAnalysis } from '../model.js'
import { chartNumber, niceAxis, padDomain, resampleChart, valueAxisUnit } from './chart-data.js'
import { seriesName } from './describe.js'
import { escapeMermaidLabel } from './escape.js'
import { formatTime, needsSeconds } from '../analyze/format.js'

/** Most points per line: GitHub draws about 60 legibly at comment width. */
export const MERMAID_POINTS = 60

/** Line colours in order: mean values (blue), GC floor (green). */
const PALETTE = '#0969da, #1a7f37'

/** The x axis in words and the divisor that turns chart x into axis numbers. */
function describeXAxis(series: SeriesAnalysis): {
  title: string
  origin: number
  divisor: number
  unit: string
} {
  const chart = series.chart
  const first = chart.x[0] ?? 0
  const last = chart.x[chart.x.length - 1] ?? 0
  if (chart.xAxis === 'time' && series.timeBase !== 'none') {
    // Seconds for runs up to 10 min, minutes up to 2 h, hours beyond: axis numbers stay readable.
    const span = last - first
    const [word, divisor, unit] =
      span <= 600_000
        ? ['seconds', 1000, ' s']
        : span <= 2 * 3_600_000
          ? ['minutes', 60_000, ' min']
          : ['hours', 3_600_000, ' h']
    const zone = series.timeBase === 'epoch' ? ' UTC' : ''
    const start = formatTime(first, series.timeBase, { seconds: needsSeconds(span) })
    return { title: `${word} since ${start}${zone}`, origin: first, divisor, unit }
  }
  if (chart.xAxis === 'work') {
    const name = series.workName ?? 'work'
    return { title: name, origin: 0, divisor: 1, unit: ` ${name}` }
  }
  return { title: 'sample', origin: 0, divisor: 1, unit: '' }
}

/**
 * The fenced ```mermaid block for a series, or '' when it has fewer than two
 * points. Blue is the mean, green the GC floor (bucket minima); the x axis
 * title says where the excluded warm-up ends.
 */
export function renderMermaidChart(series: SeriesAnalysis, points = MERMAID_POINTS): string {
  const chart = series.chart
  if (!chart || chart.x.length < 2) return ''
  const data = resampleChart(chart, points)
  const all = [...data.value, ...data.floor].filter(Number.isFinite)
  const [low, high] = padDomain(Math.min(...all), Math.max(...all))
  const unit = valueAxisUnit(series.unit, high)
  const axis = niceAxis(low / unit.divisor, high / unit.divisor)
  const x = describeXAxis(series)
  const xFrom = (data.x[0] - x.origin) / x.divisor
  const xTo = (data.x[data.x.length - 1] - x.origin) / x.divisor
  const warmup =
    chart.warmupEndX !== null && chart.warmupEndX > data.x[0]
      ? `, warm-up until ${chartNumber((chart.warmupEndX - x.origin) / x.divisor)}${x.unit} excluded`
      : ''
  // A count (goroutines, live objects) has a floor, not a collector's: its lowest readings.
  const floor = series.metricKind === 'memory' ? 'GC floor' : 'floor'
  const title = escapeMermaidLabel(`${seriesName(series)}: mean (blue) and ${floor} (green)`)
  const xTitle = escapeMermaidLabel(`${x.title}${warmup}`, 100)
  const line = (values: number[]): string =>
    `[${values.map((value) => chartNumber(value / unit.divisor)).join(', ')}]`
  return [
    '```mermaid',
    '---',
    'config:',
    '  xyChart:',
    '    width: 760',
    '    height: 320',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${PALETTE}"`,
    '---',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "${xTitle}" ${chartNumber(xFrom)} --> ${chartNumber(Math.max(xTo, xFrom + 1e-3))}`,
    `  y-axis "${escapeMermaidLabel(unit.name)}" ${chartNumber(axis.lo)} --> ${chartNumber(axis.hi)}`,
    `  line ${line(data.value)}`,
    `  line ${line(data.floor)}`,
    '```'
  ].join('\n')
}

/**
 * Small questions about a finished report that both the presentation
 * decisions (`presentation.ts`, `headline.ts`) and the renderers ask: which
 * metrics are series, which finding is about which series, what a metric is
 * called. Pure reads of the report; no decisions.
 */
import { memoryDirectness } from '../understand/names.js'
import type { Finding, Report, SeriesAnalysis, SnapshotAnalysis } from '../model.js'
import { findingIsOn } from './series-view.js'

export { findingIsOn } from './series-view.js'

/** The series analyses of a report, in order. */
export function seriesOf(report: Report): SeriesAnalysis[] {
  return report.metrics.filter((metric): metric is SeriesAnalysis => metric.kind === 'series')
}

/** The snapshot analyses of a report, in order. */
export function snapshotsOf(report: Report): SnapshotAnalysis[] {
  return report.metrics.filter((metric): metric is SnapshotAnalysis => metric.kind === 'snapshot')
}

/** `MemUsage (api)`: the metric name with its group. */
export function seriesName(series: Pick<SeriesAnalysis, 'metric' | 'group'>): string {
  return series.group ? `${series.metric} (${series.group})` : series.metric
}

/**
 * `memory used out of free_heap`: a figure of memory left (a free heap) is shown as the memory
 * used out of it since its highest reading, so its name says so wherever its values are shown.
 */
export function usedOutOf(metric: string, left: boolean | number | undefined): string {
  return left !== undefined && left !== false ? `memory used out of ${metric}` : metric
}

/** `memory used out of free_heap (b)`: {@link seriesName} as a report shows the series' values. */
export function shownSeriesName(series: Pick<SeriesAnalysis, 'metric' | 'group' | 'left'>): string {
  return seriesName({ ...series, metric: usedOutOf(series.metric, series.left) })
}

/** Whether a finding is the `insufficient-data` notice (a series too short to judge), not a leak. */
export function isInsufficient(finding: Finding): boolean {
  return finding.signature === 'insufficient-data'
}

/** The series a finding is about, when it is about a series. */
export function seriesOfFinding(report: Report, finding: Finding): SeriesAnalysis | undefined {
  return seriesOf(report).find((series) => findingIsOn(finding, series))
}

/** The snapshot metric a finding is about, when it is about one. */
export function snapshotOfFinding(report: Report, finding: Finding): SnapshotAnalysis | undefined {
  return snapshotsOf(report).find((snapshot) => snapshot.metric === finding.metric)
}

/** `requests` → `request`: work names are usually plural column names. */
export function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.replace(/ies$/, 'y')
  if (/(ss|us)$/.test(noun)) return noun
  return noun.replace(/s$/, '')
}

/**
 * How directly a metric shows leaked memory: 0 for the live heap
 * (`heapUsed`, `go_memstats_heap_alloc_bytes`), 1 for process memory (`rss`,
 * docker `MemUsage`, working set), 2 for other memory, 3 for counts.
 */
export function metricRank(metric: string, kind?: SeriesAnalysis['metricKind']): number {
  return memoryDirectness(metric, kind)
}

/**
 * The series the report could not judge (too few samples) and how many it
 * has: `total` counts the rest. A series with no samples at all is not in
 * `metrics`, so the total counts its finding too.
 */
export function judgedCounts(report: Report): { unjudged: Finding[]; total: number } {
  const unjudged = report.findings.filter(isInsufficient)
  const series = seriesOf(report)
  const outside = unjudged.filter((f) => !series.some((s) => findingIsOn(f, s))).length
  return { unjudged, total: series.length + outside }
}

/** A finding's number evidence, null when absent or not finite. */
export function evidenceNumber(finding: Finding, key: string): number | null {
  const value = finding.evidence[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** A finding's text evidence, null when absent. */
export function evidenceText(finding: Finding, key: string): string | null {
  const value = finding.evidence[key]
  return typeof value === 'string' ? value : null
}

/**
 * k6's CSV output (`k6 run --out csv=k6.csv`): one row per sample of any
 * metric, `metric_name,timestamp,metric_value` then k6's tag columns.
 *
 *   metric_name,timestamp,metric_value,check,error,…,url,extra_tags,metadata
 *   http_req_duration,1741600800,12.500000,,,,true,,GET,…
 *   heap_used_mb,1741600800,70.287430,,,,,,,,,default,,,,,,,
 *
 * k6's own metrics (`http_req_*`, `vus`, `iterations`, `data_*`, `checks`…)
 * are load, not memory; a custom Gauge or Trend named like memory
 * (`heap_used_mb`, `memory_rss`, fed by a scenario that polls the server) is
 * read as one series per metric name, by the same name rules as k6's JSON
 * lines (understand/metric-exports.ts). Pure and bounded.
 */
import { isK6MemoryMetric } from './metric-exports.js'

/** Distinct memory metric names kept at most. */
const MAX_NAMES = 64
/** A metric name longer than this is no k6 metric name (k6 allows 128). */
const MAX_NAME_LENGTH = 128

/** The metric name a row starts with (its first cell, quotes dropped). */
function rowMetric(line: string): string {
  const comma = line.indexOf(',')
  const cell = (comma < 0 ? line : line.slice(0, comma)).trim()
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell
}

/**
 * The memory metrics ({@link isK6MemoryMetric}) the rows of a k6 CSV's lines name, first seen
 * first; the header line (and any line before it) is passed over.
 */
export function k6CsvMemoryMetrics(lines: readonly string[]): string[] {
  const names: string[] = []
  const seen = new Set<string>()
  let header = true
  for (const line of lines) {
    if (header) {
      header = !line.replace(/^\uFEFF/, '').startsWith('metric_name')
      continue
    }
    const metric = rowMetric(line)
    if (metric === '' || metric.length > MAX_NAME_LENGTH || seen.has(metric)) continue
    seen.add(metric)
    if (isK6MemoryMetric(metric)) names.push(metric)
    if (seen.size >= MAX_NAMES * 4 || names.length >= MAX_NAMES) break
  }
  return names
}

/**
 * The header of a k6 CSV and its first `rows` rows of a memory metric: what its
 * detection is shown when its first lines hold only k6's own metrics (a Gauge
 * polled every few seconds among thousands of request rows). Undefined when
 * none of `lines` is such a row.
 */
export function k6CsvMemoryHead(lines: readonly string[], rows = 50): string[] | undefined {
  const at = lines.findIndex((line) => line.replace(/^\uFEFF/, '').startsWith('metric_name'))
  if (at < 0) return undefined
  const head = [lines[at]]
  // thousands of rows name a few metrics: each name is judged once
  const memory = new Map<string, boolean>()
  for (let i = at + 1; i < lines.length && head.length <= rows; i++) {
    const metric = rowMetric(lines[i])
    let is = memory.get(metric)
    if (is === undefined && memory.size < MAX_NAMES * 4) {
      is = metric.length <= MAX_NAME_LENGTH && isK6MemoryMetric(metric)
      memory.set(metric, is)
    }
    if (is === true) head.push(lines[i])
  }
  return head.length > 1 ? head : undefined
}

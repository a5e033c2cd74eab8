/**
 * A long table: one row per metric per sample, the metric named in a column
 * of its own and its value in another, with or without a time column.
 *
 *   metric,value,time                   name,value
 *   rss,208948406,2025-03-10T10:00:00Z  rss,208948406
 *   heapUsed,84842453,2025-03-10T10:00Z heapUsed,84842453
 *
 * Grafana's CSV export of a panel's series as rows (`"Series","Time","Value"`;
 * its Series-to-rows transformation: `"Time","Metric","Value"`) is one too,
 * its names Prometheus series (`process_resident_memory_bytes{job="api"}`):
 * the name before `{` gives the kind, the labels tell the series apart.
 *
 * Read as one series per metric name (load/long-table.ts), as dotnet-counters'
 * CSV is. Told from the header and the first rows: exactly a name column, a
 * value column and maybe a time column; names that repeat (several samples),
 * at least one a memory name leak-gate knows (`rss`, `heapUsed`,
 * `process_resident_memory_bytes`: or listed under `metrics:`), and mostly
 * numbers for values. Pure.
 */
import { delimitedHead, isBlankCell } from './delimited-head.js'
import { isTimeName, kindFromName, normaliseName } from './names.js'

/** Columns naming a row's metric (`Series`: Grafana's CSV of series as rows). */
const NAME_COLUMNS = new Set([
  'metric',
  'series',
  'metricname',
  'name',
  'key',
  'counter',
  'countername',
  'stat',
  'measurement',
  'field',
  // PowerShell's Get-Counter samples saved with Export-Csv: `"Timestamp","Path","CookedValue"`
  'path'
])

/** Columns holding a row's value. */
const VALUE_COLUMNS = new Set(['value', 'val', 'metricvalue', 'reading', 'cookedvalue'])

/** More metric names than this in the head are no long table of a process's figures. */
const MAX_METRICS = 64

/** A number as a long table writes it, maybe signed, maybe with a unit after it. */
const NUMBER_RE = /^[-+]?(?:\d|\.\d)/

/** The columns of a long table, and the metric names its head shows (first seen first). */
export interface LongTable {
  name: string
  value: string
  time?: string
  metrics: string[]
}

/**
 * The long table a delimited file's first lines show, else undefined (see the
 * module comment); `memory` names the metrics the entry's `metrics:` lists.
 */
export function longTable(
  head: readonly string[],
  memory: readonly string[] = []
): LongTable | undefined {
  const table = delimitedHead(head)
  if (table === undefined || table.header.length > 3) return undefined
  const { header, rows } = table
  const nameAt = header.findIndex((column) => NAME_COLUMNS.has(normaliseName(column)))
  const valueAt = header.findIndex((column) => VALUE_COLUMNS.has(normaliseName(column)))
  if (nameAt < 0 || valueAt < 0) return undefined
  const timeAt = header.findIndex((column, at) => at !== nameAt && at !== valueAt)
  if (timeAt >= 0 && !isTimeName(header[timeAt])) return undefined
  const named = rows.filter((row) => !isBlankCell(row[nameAt]))
  const names = [...new Set(named.map((row) => row[nameAt].trim()))]
  // each name once is one sample (a snapshot), not a series
  if (names.length === 0 || names.length > MAX_METRICS || names.length === named.length)
    return undefined
  if (!names.some((name) => memory.includes(name) || kindFromName(name) === 'memory'))
    return undefined
  // mostly numbers: a garbled value is the loader's to report at its line, not a reason to read
  // the file another way
  const values = named.map((row) => row[valueAt].trim()).filter((cell) => !isBlankCell(cell))
  const numbers = values.filter((cell) => NUMBER_RE.test(cell)).length
  if (values.length === 0 || numbers * 4 < values.length * 3) return undefined
  return {
    name: header[nameAt],
    value: header[valueAt],
    ...(timeAt >= 0 ? { time: header[timeAt] } : {}),
    metrics: names
  }
}

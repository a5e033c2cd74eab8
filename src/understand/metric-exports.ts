/**
 * JSON lines that load tools and telemetry pipelines write, one metric
 * point per line or a batch of them, turned into rows of memory columns:
 *
 * - k6 `--out json=results.json`: `{"type":"Metric",...}` declarations and
 *   `{"type":"Point","metric":"memory_rss","data":{"time":"…","value":…,"tags":{…}}}`.
 *   Custom metrics named like memory (`memory_rss`, `heap_used`, a Gauge a
 *   monitor scenario feeds from the server) are read, one column per metric
 *   (and per set of the script's own tags); k6's built-in metrics (`http_*`,
 *   `vus`, `data_*`…) are load, not memory, and left out.
 * - the OpenTelemetry collector's `file` exporter (OTLP JSON, one
 *   `{"resourceMetrics":[…]}` batch per line): gauges and non-monotonic sums
 *   in bytes (`By`, `KiBy`…: `process.memory.usage`, `jvm.memory.used`,
 *   `v8js.memory.heap.used`, `container.memory.usage`…), one column per
 *   metric and attribute set, time from `timeUnixNano`, one group per
 *   service. Host-wide `system.*` figures are no process's and left out.
 *
 * Each {@link MetricExport} keeps what it left out for the report's note.
 * Everything is bounded: points per line, columns per file. Pure.
 */
import { kindFromName, unitBytesFromName } from './names.js'

/** Points of one OTLP line read at most (a collector batch holds a few hundred). */
const MAX_POINTS_PER_LINE = 20_000
/** Distinct columns (metric and attribute set) one file makes at most; more are counted, not read. */
const MAX_COLUMNS = 256
/** Names listed in a note at most. */
const LISTED = 4

/** A JSON lines tool whose lines are metric points rather than rows. */
export type ExportTool = 'k6' | 'otlp'

/** What each tool is called in the report. */
export const EXPORT_NAMES: Readonly<Record<ExportTool, string>> = {
  k6: 'k6 JSON output (--out json)',
  otlp: 'OpenTelemetry metrics (OTLP JSON, the collector file exporter)'
}

/** The group column of OTLP rows: the service the resource names. */
export const OTLP_SERVICE_COLUMN = 'service.name'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The tool that wrote a parsed JSON line, when it is one of {@link ExportTool}. */
export function exportToolOf(line: Json): ExportTool | undefined {
  if (Array.isArray(line.resourceMetrics)) return 'otlp'
  if (
    (line.type === 'Point' || line.type === 'Metric') &&
    typeof line.metric === 'string' &&
    isObject(line.data)
  )
    return 'k6'
  return undefined
}

/** k6's own metrics: load, not memory (grafana/k6 metrics/builtin.go and its extensions). */
export const K6_BUILTIN =
  /^(?:https?_|ws_|grpc_|browser_|data_|iteration|vus|checks$|group_duration$|dropped_iterations$)/
/**
 * Whether a k6 metric (of `--out json` or `--out csv`) is memory: named like memory (`memory_rss`,
 * `heap_used_mb`: a custom Gauge or Trend a monitor scenario feeds from the server) and none of
 * k6's own, which are load.
 */
export function isK6MemoryMetric(metric: string): boolean {
  return !K6_BUILTIN.test(metric) && kindFromName(metric) === 'memory'
}

/** Tags k6 puts on every point itself (system tags), not the script's: no series of their own. */
const K6_SYSTEM_TAGS = new Set([
  'proto',
  'subproto',
  'status',
  'method',
  'url',
  'name',
  'group',
  'check',
  'error',
  'error_code',
  'tls_version',
  'scenario',
  'service',
  'expected_response',
  'vu',
  'iter',
  'ip',
  'ocsp_status'
])

/** Bytes per unit of an OTLP (UCUM) byte unit: `By`, `KiBy`, `MBy`…; undefined for any other unit. */
function bytesPerUnit(unit: unknown): number | undefined {
  if (typeof unit !== 'string') return undefined
  const match = /^(?:([kMGT])|([KMGT])i)?By$/.exec(unit)
  if (match === null) return undefined
  const powers = 'kMGT'
  if (match[1] !== undefined) return 1000 ** (powers.indexOf(match[1]) + 1)
  if (match[2] !== undefined) return 1024 ** ('KMGT'.indexOf(match[2]) + 1)
  return 1
}

/** `name[k=v,k2=v2]` for a metric and its attributes (sorted), as dotnet-counters names tagged counters. */
function columnName(metric: string, attributes: Array<[string, string]>): string {
  if (attributes.length === 0) return metric
  attributes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `${metric}[${attributes.map(([key, value]) => `${key}=${value}`).join(',')}]`
}

/** An OTLP attribute value as text (`stringValue`, `intValue`, `boolValue`, `doubleValue`). */
function attributeText(value: unknown): string {
  if (!isObject(value)) return ''
  const scalar = value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue
  return scalar === undefined || scalar === null ? '' : String(scalar).slice(0, 200)
}

/** OTLP `attributes: [{key, value}]` as pairs. */
function attributesOf(list: unknown): Array<[string, string]> {
  if (!Array.isArray(list)) return []
  return list
    .slice(0, 32)
    .filter((item): item is Json => isObject(item) && typeof item.key === 'string')
    .map((item) => [item.key as string, attributeText(item.value)])
}

/** `timeUnixNano` (a string or number of ns) as epoch ms; NaN when it is none. */
function nanosToMs(value: unknown): number {
  const text = typeof value === 'number' ? String(Math.trunc(value)) : value
  if (typeof text !== 'string' || !/^\d{1,25}$/.test(text)) return NaN
  return text.length <= 6 ? 0 : Number(text.slice(0, -6))
}

/** A point's value: `asInt` (int64, written as a string) or `asDouble`. */
function pointValue(point: Json): number {
  const raw = point.asInt ?? point.asDouble
  const value = typeof raw === 'string' ? Number(raw) : raw
  return typeof value === 'number' ? value : NaN
}

/**
 * One file's reading of exported metric lines: {@link rows} turns each
 * parsed line into rows; {@link note} says what was read and left out.
 */
export class MetricExport {
  /** The columns read so far (metric and attribute set). */
  readonly columns = new Set<string>()
  /** The columns whose values this reading put in bytes (OTLP units, k6 tagged metrics). */
  readonly bytes = new Set<string>()
  private readonly leftOut = new Map<string, string>()
  private droppedColumns = 0
  private cutLines = 0

  constructor(readonly tool: ExportTool) {}

  /** The rows of one parsed line (none for a line of other metrics, or a k6 declaration). */
  rows(line: Json): Json[] {
    return this.tool === 'k6' ? this.k6Rows(line) : this.otlpRows(line)
  }

  /** The memory metrics a head's lines name (k6 declarations too), for detection. */
  headColumns(lines: readonly Json[]): string[] {
    for (const line of lines) {
      if (this.tool === 'k6' && line.type === 'Metric' && isObject(line.data)) {
        const name = line.data.name
        if (typeof name === 'string' && this.isK6Memory(name)) this.keep(name)
      } else this.rows(line)
    }
    return [...this.columns]
  }

  /** What the report says of the reading. */
  note(): string {
    const read = [...this.columns]
    const shown = (names: string[]) =>
      names.slice(0, LISTED).join(', ') + (names.length > LISTED ? ', …' : '')
    const left = [...this.leftOut].map(([name, why]) => `${name} (${why})`)
    const parts = [`${EXPORT_NAMES[this.tool]}: memory read from ${shown(read) || 'no metric'}`]
    if (left.length > 0) parts.push(`not read: ${shown(left)}`)
    if (this.droppedColumns > 0)
      parts.push(
        `${this.droppedColumns} points of further attribute sets past the first ${MAX_COLUMNS} not read`
      )
    if (this.cutLines > 0)
      parts.push(
        `${this.cutLines} lines held over ${MAX_POINTS_PER_LINE} points: only their first ${MAX_POINTS_PER_LINE} read`
      )
    return parts.join('; ')
  }

  /** Whether a column may be made (under the cap); counts the points of those that may not. */
  private keep(column: string): boolean {
    if (this.columns.has(column)) return true
    if (this.columns.size >= MAX_COLUMNS) {
      this.droppedColumns++
      return false
    }
    this.columns.add(column)
    return true
  }

  private leave(name: string, why: string): void {
    if (!this.leftOut.has(name) && this.leftOut.size < 64) this.leftOut.set(name, why)
  }

  private isK6Memory(metric: string): boolean {
    return isK6MemoryMetric(metric)
  }

  private k6Rows(line: Json): Json[] {
    if (line.type !== 'Point' || !isObject(line.data)) return []
    const metric = line.metric as string
    if (!this.isK6Memory(metric)) {
      this.leave(metric, K6_BUILTIN.test(metric) ? "k6's own" : 'no memory')
      return []
    }
    const { time, value, tags } = line.data
    const own = isObject(tags)
      ? Object.entries(tags)
          .filter(([key]) => !K6_SYSTEM_TAGS.has(key))
          .slice(0, 32)
          .map(([key, tag]): [string, string] => [key, String(tag).slice(0, 200)])
      : []
    const column = columnName(metric, own)
    if (!this.keep(column)) return []
    if (own.length === 0) return [{ time, [metric]: value }]
    // `heap_used_mb[instance=a]`: the unit is read from the metric's name here, as the loader
    // reads it from a plain name, and the column is then bytes
    this.bytes.add(column)
    const scale = unitBytesFromName(metric) ?? 1
    return [{ time, [column]: typeof value === 'number' ? value * scale : value }]
  }

  private otlpRows(line: Json): Json[] {
    const rows = new Map<string, Json>()
    let points = 0
    for (const resource of asArray(line.resourceMetrics)) {
      const attributes = isObject(resource.resource)
        ? attributesOf(resource.resource.attributes)
        : []
      const named = new Map(attributes)
      const service = [named.get('service.name'), named.get('service.instance.id')]
        .filter((part) => part !== undefined && part !== '')
        .join('/')
      for (const scope of asArray(resource.scopeMetrics))
        for (const metric of asArray(scope.metrics)) {
          const name = typeof metric.name === 'string' ? metric.name.slice(0, 200) : ''
          const scale = bytesPerUnit(metric.unit)
          const data = isObject(metric.gauge)
            ? metric.gauge
            : isObject(metric.sum)
              ? metric.sum
              : undefined
          if (data === undefined) {
            if (kindFromName(name) === 'memory' || scale !== undefined)
              this.leave(name, 'not a gauge or sum')
            continue
          }
          if (scale === undefined) {
            if (kindFromName(name) === 'memory')
              this.leave(name, `unit ${String(metric.unit)}, not bytes`)
            continue
          }
          if (data.isMonotonic === true) {
            this.leave(name, 'a counter: it only grows')
            continue
          }
          if (name.startsWith('system.')) {
            this.leave(name, 'the host’s, not a process’s')
            continue
          }
          for (const point of asArray(data.dataPoints)) {
            if (++points > MAX_POINTS_PER_LINE) {
              this.cutLines++
              return [...rows.values()]
            }
            const column = columnName(name, attributesOf(point.attributes))
            if (!this.keep(column)) continue
            this.bytes.add(column)
            const ms = nanosToMs(point.timeUnixNano)
            // a time that is none is kept as written: the loader reports it at its line
            const time = Number.isNaN(ms) ? (point.timeUnixNano ?? null) : ms
            const value = pointValue(point)
            const key = `${service}\u0000${String(time)}`
            let row = rows.get(key)
            if (row === undefined) {
              row = { time, [OTLP_SERVICE_COLUMN]: service }
              rows.set(key, row)
            }
            row[column] = Number.isFinite(value)
              ? value * scale
              : (point.asInt ?? point.asDouble ?? null)
          }
        }
    }
    return [...rows.values()]
  }
}

/** The objects of an array (anything else: none). */
function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

/**
 * What a file is, from its name and first lines: the one decision tree of
 * input formats ({@link sniffInput}), and the line shapes it judges by (a CSV
 * header, JSON lines, a JSON array of samples, Prometheus text, the docker
 * stats table and the time lines loggers print before its frames). The
 * input-planning stage asks here once per file, for a config entry without
 * `format:` and for zero-config detection alike, and hands the format to the
 * loader; the docker-stats loader reads its time lines and table headers by
 * the same rules. Pure: callers read the heads.
 */
import { findMarkdownTable } from './markdown-table.js'
import { findTopTable, isTopHeader, isTopScreenLine } from './top-rows.js'
import { findBareNumbers, findProcFile, findProcTable } from './proc-tables.js'
import { jstatHeader, type JstatHeader, type JstatOption } from './jstat-rows.js'
import type { InputFormat } from '../model.js'
import {
  DOCKER_NAME_COLUMNS,
  dockerColumnOf,
  isDockerMemoryHeader,
  isTimeName,
  normaliseName
} from './names.js'
import { headerlessContainerRows, KUBECTL_COLUMNS, type ContainerRows } from './container-rows.js'
import { jsonTooDeepAt } from './json-depth.js'
import { printedObjectsOf } from './printed-objects.js'
import { columnDocumentHead, type ColumnDocumentHead } from './json-columns.js'
import { exportToolOf, MetricExport, type ExportTool } from './metric-exports.js'
import { prometheusApiHead, type PrometheusApiHead } from './prometheus-api.js'
import { isDotnetCountersJson } from './dotnet-counters-rows.js'
import { isTimeCell, TIME_LINE_RE, TIME_PREFIX_RE } from './time-text.js'
import { pickDelimiter, splitCsvLine } from './csv-cells.js'

// The time and CSV cell readers live in leaf modules (container-rows.ts and proc-tables.ts use
// them, and sniff.ts uses those): re-exported for the loaders that read them from here.
export { isTimeCell, pickDelimiter, splitCsvLine, TIME_LINE_RE, TIME_PREFIX_RE }

/**
 * Carriage returns ending a line. Only from the first of a run (the lookbehind): `\r+$` alone
 * tries every `\r` of a run as a start, quadratic on a hostile line of 60,000 of them.
 */
export const TRAILING_CR_RE = /(?<!\r)\r+$/

// eslint-disable-next-line no-control-regex
const BINARY_RE = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u{dc80}-\u{dcff}]/u

/**
 * True when a line holds control bytes or bytes that are not UTF-8, i.e. the
 * file is not text. `io/read-lines.ts` decodes a byte that is not UTF-8 as
 * a lone surrogate (U+DC80 + byte), so a real U+FFFD in a file is text.
 */
export function looksBinary(line: string): boolean {
  return BINARY_RE.test(line)
}

// eslint-disable-next-line no-control-regex
export const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g
/** Cells of the docker stats table: 2+ spaces or a tab between them. */
export const SPLIT_RE = /\s{2,}|\t/
/** First cell of a table header: docker (`CONTAINER ID`, `CONTAINER`, `NAME`) or podman (`ID`). */
export const TABLE_HEADER_RE = /^(CONTAINER(?: ID)?|NAME|ID)$/

/** The line without a leading time (`date -Iseconds`, `$(date)` ...) a logger put before it. */
export function withoutTimePrefix(line: string): string {
  return TIME_PREFIX_RE.exec(line)?.[2] ?? line
}

/** True when a line (ANSI escapes and a leading time allowed) is the header of a docker/podman stats table. */
export function isDockerTableHeader(raw: string): boolean {
  const line = (raw.includes('\x1b') ? raw.replace(ANSI_RE, '') : raw).trim()
  const cells = withoutTimePrefix(line).split(SPLIT_RE)
  return (
    cells.length > 1 &&
    TABLE_HEADER_RE.test(cells[0]) &&
    cells.some((cell) => /^(MEM|PRIV)/.test(cell))
  )
}

/** True when a line (ANSI escapes removed, trimmed) is only a time: a logger's line before each frame. */
export function isTimeLine(line: string): boolean {
  return TIME_LINE_RE.test(line)
}

/**
 * The delimiter Excel's first line names (`sep=,`, `sep=;`, `sep=<tab>`: a line Excel writes and
 * reads to split a CSV whatever the locale's list separator), or undefined for any other line.
 */
export function excelSeparator(line: string): string | undefined {
  const match = /^\uFEFF?"?sep=([,;\t|])"?\r?$/i.exec(line)
  return match?.[1]
}

export function cleanLines(head: string[]): string[] {
  const lines = head
    .map((line, index) =>
      (index === 0 ? line.replace(/^\uFEFF/, '') : line)
        .replace(ANSI_RE, '')
        .replace(TRAILING_CR_RE, '')
    )
    .filter((line) => line.trim() !== '')
  // Excel's `sep=,` line is no header: the table starts after it
  return lines.length > 0 && excelSeparator(lines[0]) !== undefined ? lines.slice(1) : lines
}

export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined
  if (jsonTooDeepAt(trimmed) >= 0) return undefined // the loader reports it at its line
  try {
    const value: unknown = JSON.parse(trimmed)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The objects of a line that is a JSON array of objects (`pm2 jlist`, `docker stats --format json`
 * in a loop), or undefined (not an array, empty, another element, or nested too deep).
 */
export function parseJsonObjectArray(line: string): Array<Record<string, unknown>> | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('[{') || !trimmed.endsWith('}]')) return undefined
  if (jsonTooDeepAt(trimmed) >= 0) return undefined // the loader reports it at its line
  try {
    const value: unknown = JSON.parse(trimmed)
    return Array.isArray(value) &&
      value.length > 0 &&
      value.every((one) => one !== null && typeof one === 'object' && !Array.isArray(one))
      ? (value as Array<Record<string, unknown>>)
      : undefined
  } catch {
    return undefined
  }
}

/** Flattens nested keys with `.` (`{"mem":{"rss":1}}` → `mem.rss`), as the jsonl loader does. */
export function flattenKeys(
  object: Record<string, unknown>,
  prefix = ''
): Array<[string, unknown]> {
  return Object.entries(object).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? flattenKeys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]]
  )
}

/**
 * Every flattened key of the objects, in first-seen order, with the first
 * value seen for it (a docker `MemUsage` cell is recognised by its value).
 */
export function unionKeys(objects: Array<Record<string, unknown>>): {
  columns: string[]
  values: unknown[]
} {
  const seen = new Map<string, unknown>()
  for (const object of objects)
    for (const [key, value] of flattenKeys(object)) if (!seen.has(key)) seen.set(key, value)
  return { columns: [...seen.keys()], values: [...seen.values()] }
}

/**
 * The objects of a JSON array of objects (`[{...}, {...}]`, on one line or
 * indented, `[...]` `[...]` one per run), from a head that may cut the last
 * one: the complete objects, parsed. Undefined when the text is not an array
 * of objects or no object is complete.
 */
export function jsonArrayObjects(lines: string[]): Array<Record<string, unknown>> | undefined {
  const text = lines.join('\n')
  const objects: Array<Record<string, unknown>> = []
  let depth = 0
  let inString = false
  let escaped = false
  let start = -1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') inString = false
    } else if (char === '"') {
      if (depth < 2) return undefined
      inString = true
    } else if (char === '[' || char === '{') {
      if (depth === 0 && char === '{') return undefined
      if (depth === 1) {
        if (char === '[') return undefined
        start = i
      }
      depth++
    } else if (char === ']' || char === '}') {
      if (depth === 0) return undefined
      depth--
      if (depth === 1) {
        const object = parseJsonObject(text.slice(start, i + 1))
        if (object === undefined) return undefined
        objects.push(object)
      }
    } else if (depth < 2 && !/[\s,]/.test(char)) return undefined
  }
  return objects.length > 0 ? objects : undefined
}

/**
 * True when a line starting with `[` reads as the start of JSON: the whole
 * line parses, or an array opens on a value (`[`, `[{`, `["a",`, `[1,`). A
 * text log's `[2026-11-25T07:58:45.123Z] INFO ...` or `[info] ...` does not.
 */
export function startsLikeJsonArray(line: string): boolean {
  const trimmed = line.trim()
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    return /^\[\s*(?:$|[{["]|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*(?:,|$)|(?:true|false|null)\s*(?:,|$))/.test(
      trimmed
    )
  }
}

export const PROMETHEUS_SAMPLE =
  /^[A-Za-z_:][\w:]*(?:\{.*\})?\s+(?:[-+]?[\d.]+(?:[eE][-+]?\d+)?|[Nn]a[Nn]|[-+]?Inf)(?:\s+[-\d.]+)?\s*$/
/** A `Name: value` line a Prometheus sample pattern would take (its name ending in the colon). */
const NAME_COLON_VALUE = /^[A-Za-z_:][\w:]*:\s/
/** Counter-like sample names (listed last in the account of a scrape). */
export const CUMULATIVE_NAME = /_(?:total|count|sum|bucket|created)$/
export const PROMETHEUS_META = /^#\s+(?:HELP|TYPE|UNIT)\s+([A-Za-z_:][\w:]*)/

/** Extensions that name Prometheus text. */
export const PROMETHEUS_EXTENSIONS = new Set(['prom', 'openmetrics', 'om', 'metrics'])

/**
 * Prometheus text: every head line a comment or a sample; or, so that one
 * broken line is reported by the loader rather than the file dropped, at
 * least half of them with a `# HELP`/`# TYPE` line or a `.prom` name.
 */
export function looksLikePrometheus(lines: string[], ext: string): boolean {
  // `RAM: 41312` is a `Name: value` log line: a colon may be inside a metric name, never its end
  const samples = lines.filter((line) => !line.startsWith('#') && PROMETHEUS_SAMPLE.test(line))
  if (samples.length > 0 && samples.every((line) => NAME_COLON_VALUE.test(line))) return false
  const fitting = lines.filter((line) => line.startsWith('#') || PROMETHEUS_SAMPLE.test(line))
  if (!lines.some((line) => PROMETHEUS_META.test(line) || PROMETHEUS_SAMPLE.test(line)))
    return false
  if (fitting.length === lines.length) return true
  return (
    fitting.length * 2 >= lines.length &&
    (PROMETHEUS_EXTENSIONS.has(ext) || lines.some((line) => PROMETHEUS_META.test(line)))
  )
}

/** Metric family names a Prometheus head mentions. */
export function prometheusNames(lines: string[]): string[] {
  const names = lines.map(
    (line) =>
      PROMETHEUS_META.exec(line)?.[1] ??
      (line.startsWith('#') ? undefined : /^[A-Za-z_:][\w:]*/.exec(line)?.[0])
  )
  return [...new Set(names.filter((name): name is string => name !== undefined))]
}

/**
 * The stem of a file name (`post-test` for `run/post-test.json`) and its
 * extension. A gzip file is named by what it holds (`memory.csv.gz`: `memory`,
 * `csv`), as it is read decompressed (io/read-lines.ts).
 */
export function nameParts(path: string): { stem: string; ext: string } {
  const whole = path.split('/').pop() ?? path
  const base = /.\.[^./]+\.gz$/i.test(whole) ? whole.slice(0, -3) : whole
  const dot = base.lastIndexOf('.')
  return dot > 0
    ? { stem: base.slice(0, dot), ext: base.slice(dot + 1).toLowerCase() }
    : { stem: base, ext: '' }
}

/** What a file's first lines look like: the shape zero-config detection judges further. */
export type InputShape =
  | 'empty'
  | 'binary'
  | 'prometheus'
  | 'json-lines'
  | 'json-array'
  | 'json-document'
  | 'printed-objects'
  | 'docker-table'
  | 'delimited'
  | 'markdown-table'
  | 'top-rows'
  | 'proc-table'
  | 'bare-numbers'
  | 'proc-file'
  | 'container-rows'
  | 'jstat'
  | 'text'

/** The sniffer's answer: the format a file is read in, and what its head showed. */
export interface SniffedInput {
  /** The format the loader reads the file in; undefined when nothing fits. */
  format: InputFormat | undefined
  shape: InputShape
  /** The head's lines: BOM, ANSI escapes, `\r` and blank lines removed. */
  lines: string[]
  /** The columns a tabular head names (CSV header, table header, JSON keys), in order. */
  columns?: string[]
  /** A first value per column (a JSON key's first value, a CSV's first row). */
  values?: unknown[]
  /** The docker memory column, when the columns have one (then the format is `docker-stats`). */
  dockerMemory?: string
  /** Lines of the head before the docker table's header (time lines). */
  tableAt?: number
  /** The tool whose metric points the JSON lines are (k6, OTLP): its columns are its memory metrics. */
  exportTool?: ExportTool
  /**
   * JSON lines with lines of only a time between them (a loop's `date` before each
   * sample): each time is the time of the objects after it, read as the `time` column.
   */
  timeLines?: boolean
  /** docker stats or `kubectl top` rows saved without their header (understand/container-rows.ts). */
  containerRows?: ContainerRows
}

/** `293.7MiB / 7.654GiB`: docker's usage / limit cell. */
const USAGE_LIMIT =
  /^\s*[\d.]+(?:e[+-]?\d+)?\s*[KMGTP]?i?B\s*\/\s*[\d.]+(?:e[+-]?\d+)?\s*[KMGTP]?i?B\s*$/i

/**
 * The docker memory column of a header: by name first (`MemUsage`, `MEM USAGE /
 * LIMIT` ...), else the first column whose first value is shaped like
 * `293.7MiB / 7.654GiB` (NET I/O and BLOCK I/O cells look the same, so those
 * columns are left out).
 */
export function dockerMemoryColumn(columns: string[], values: unknown[] = []): string | undefined {
  return (
    columns.find(isDockerMemoryHeader) ??
    columns.find((column, index) => {
      const value = values[index]
      return !/net|block|io$/i.test(column) && typeof value === 'string' && USAGE_LIMIT.test(value)
    })
  )
}

/** The series format a binary file is read in when its extension names data, so the loader reports it. */
const BINARY_FORMATS: Readonly<Record<string, InputFormat>> = {
  csv: 'csv',
  tsv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'jsonl',
  prom: 'prometheus',
  openmetrics: 'prometheus',
  om: 'prometheus',
  metrics: 'prometheus',
  log: 'log',
  txt: 'log'
}

/** The format an empty file is read in, by its extension (the loader then says it is empty). */
const EMPTY_FORMATS: Readonly<Record<string, InputFormat>> = {
  prom: 'prometheus',
  openmetrics: 'prometheus',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  tsv: 'csv',
  log: 'log',
  txt: 'log'
}

/** Extensions whose first line, holding a delimiter, may be a CSV header. */
const DELIMITED_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'out', ''])
/** A column name in a text file's header: starts with a letter (or %, @, #), no `=`. */
const COLUMN_NAME = /^[A-Za-z_%@#][\w %./()@#-]*$/
/** podman stats --format json, cut by the head before its first object closes. */
const PODMAN_MEMORY = /^\[?\s*\{?\s*"(?:mem_?usage|MemUsage)"\s*:\s*"/i

/**
 * docker's `MemPerc` column of a table made of docker's columns only (a time,
 * the container's name, `CPUPerc`, `MemPerc`, `PIDs` under any of their
 * spellings: `timestamp,name,%CPU,%Mem`), when no column holds the usage in
 * bytes: the memory, in percent of the limit, read by the docker loader.
 * Undefined when any other column is there (a `ps` table's `rss` beside `%mem`).
 */
export function dockerPercentOnly(columns: readonly string[]): string | undefined {
  const memPerc = columns.filter((column) => dockerColumnOf(column)?.metric === 'MemPerc')
  if (memPerc.length !== 1) return undefined
  const docker = (column: string) =>
    isTimeName(column) ||
    DOCKER_NAME_COLUMNS.includes(normaliseName(column)) ||
    (dockerColumnOf(column) !== undefined && !isDockerMemoryHeader(column))
  return columns.every(docker) ? memPerc[0] : undefined
}

/** The tabular answer: `docker-stats` when the columns hold docker's memory column, else `format`. */
function tabular(
  shape: InputShape,
  format: InputFormat,
  lines: string[],
  columns: string[],
  values: unknown[],
  extra: Partial<SniffedInput> = {}
): SniffedInput {
  const dockerMemory = dockerMemoryColumn(columns, values) ?? dockerPercentOnly(columns)
  return {
    format: dockerMemory !== undefined ? 'docker-stats' : format,
    shape,
    lines,
    columns,
    values,
    ...(dockerMemory !== undefined ? { dockerMemory } : {}),
    ...extra
  }
}

/**
 * What a file is, from its extension and first lines: the one decision tree
 * of input formats. Zero-config detection reads the shape and columns to
 * decide whether a file is worth reading; the input plan takes the format
 * for a config entry that names none. So a file reads the same with no
 * config as with a config naming only it.
 *
 * In order: binary bytes (read by a data extension, so the loader reports
 * them); Prometheus text (`.prom`/`.openmetrics`, a `# TYPE`/`# HELP` line,
 * or lines that are samples); JSON lines (one object per line: most lines, or
 * a `.jsonl` name; or objects after lines of only a time, a loop's `date`,
 * each time for the objects after it); a JSON array of sample objects (podman's too);
 * JavaScript objects as `console.log` prints them, when some name memory
 * (keys unquoted, one key per line, a time or label before each, other log
 * lines between: read by the JSON lines loader); another JSON document; the docker/podman stats table (maybe after time lines);
 * docker stats or `kubectl top` rows saved with no header row, told by their
 * cells (understand/container-rows.ts); a
 * delimited file whose first line names its columns (`.csv`/`.tsv`, also
 * `.txt`, `.out`, no extension or any first line with a delimiter); then
 * `.csv`/`.tsv` → csv and `.log`/`.txt` → log (which still needs a pattern).
 * Tabular files holding docker's memory column are `docker-stats`, and so
 * are tables of docker's columns alone with `MemPerc` for their memory.
 */
export function sniffInput(file: string, head: string[]): SniffedInput {
  const ext = nameParts(file).ext
  const lines = cleanLines(head)
  if (lines.length === 0) return { format: EMPTY_FORMATS[ext], shape: 'empty', lines }
  if (lines.some(looksBinary)) return { format: BINARY_FORMATS[ext], shape: 'binary', lines }
  const trimmed = lines.map((line) => line.trim())
  const first = trimmed[0]

  if (
    ext === 'prom' ||
    ext === 'openmetrics' ||
    trimmed.some((line) => /^# (?:TYPE|HELP|UNIT) [A-Za-z_:]/.test(line) || line === '# EOF') ||
    looksLikePrometheus(lines, ext)
  )
    return { format: 'prometheus', shape: 'prometheus', lines }

  const jsonLinesName = ext === 'jsonl' || ext === 'ndjson'
  const objects = lines.map(parseJsonObject)
  const objectCount = objects.filter((object) => object !== undefined).length
  if (
    objectCount > 0 &&
    (ext !== 'json' || lines.length > 1) &&
    (objectCount === lines.length ||
      (objectCount * 2 > lines.length && trimmed.every((line) => line.startsWith('{'))) ||
      jsonLinesName)
  ) {
    const parsed = objects.filter(
      (object): object is Record<string, unknown> => object !== undefined
    )
    // k6 `--out json`, OTLP JSON: lines of metric points, whose columns are the memory metrics
    const exportTool = exportToolOf(parsed[0])
    if (exportTool !== undefined) {
      const columns = ['time', ...new MetricExport(exportTool).headColumns(parsed)]
      return tabular('json-lines', 'jsonl', lines, columns, [], { exportTool })
    }
    // keys may first appear on later lines (a logger's memory line among request lines)
    const { columns, values } = unionKeys(parsed)
    return tabular('json-lines', 'jsonl', lines, columns, values)
  }
  // a loop's `date` before each sample (`date; docker stats --no-stream --format '{{json .}}'`):
  // each time line times the objects after it (load/jsonl.ts DatedJsonLinesReader)
  // each sample an array of objects on one line (`date; pm2 jlist`): its objects, timed alike
  const arrays = isShortTimeLine(first) ? trimmed.map(parseJsonObjectArray) : []
  const dated = objects.map((object, i) => object ?? arrays[i]?.[0])
  if (dated.some((object) => object !== undefined) && datedObjects(trimmed, dated)) {
    const parsed = objects
      .flatMap((object, i) => (object !== undefined ? [object] : (arrays[i] ?? [])))
      .filter((object): object is Record<string, unknown> => object !== undefined)
    const { columns, values } = unionKeys(parsed)
    const time = TIME_LINE_RE.exec(first)?.[1]
    return tabular('json-lines', 'jsonl', lines, ['time', ...columns], [time, ...values], {
      timeLines: true
    })
  }
  if (jsonLinesName && first.startsWith('{')) return { format: 'jsonl', shape: 'json-lines', lines } // no line reads: the loader reports them

  if (first.startsWith('[')) {
    // `JSON.stringify(samples)` (one line, maybe cut by the head) or indented over many lines
    const samples = jsonArrayObjects(lines)
    if (samples !== undefined) {
      const { columns, values } = unionKeys(samples)
      return tabular('json-array', 'jsonl', lines, columns, values)
    }
    if (trimmed.some((line) => PODMAN_MEMORY.test(line)))
      return { format: 'docker-stats', shape: 'json-array', lines }
  }
  // `console.log(process.memoryUsage())` saved to a file (keys unquoted, one key per line past
  // 72 columns, a time or a label before each object, other log lines between): JSON lines' reader
  // takes each object as one line (load/printed-objects.ts)
  const printed = printedObjectsOf(lines)
  if (printed !== undefined) {
    const { columns, values } = unionKeys(printed.records)
    return {
      format: 'jsonl',
      shape: 'printed-objects',
      lines,
      ...(columns.length > 0 ? { columns, values } : {})
    }
  }
  if (first.startsWith('{') || (first.startsWith('[') && startsLikeJsonArray(first)))
    return { format: jsonLinesName ? 'jsonl' : 'json', shape: 'json-document', lines }
  if (ext === 'json') return { format: 'json', shape: 'json-document', lines }

  // the docker/podman table, maybe after a time line (`date` before each frame) or with a time before each row
  const tableAt = trimmed.slice(0, 4).findIndex(isDockerTableHeader)
  if (tableAt >= 0 && trimmed.slice(0, tableAt).every(isTimeLine)) {
    const columns = withoutTimePrefix(trimmed[tableAt]).split(SPLIT_RE)
    const found = tabular('docker-table', 'docker-stats', lines, columns, [], { tableAt })
    return { ...found, format: 'docker-stats' }
  }

  // docker stats or `kubectl top` rows a loop saved without their header row, told by their cells
  const containerRows = headerlessContainerRows(lines)
  if (containerRows !== undefined)
    return {
      format: 'docker-stats',
      shape: 'container-rows',
      lines,
      columns: containerRows.kind === 'docker' ? containerRows.rows.columns : KUBECTL_COLUMNS,
      dockerMemory: containerRows.kind === 'docker' ? 'MemUsage' : 'MEMORY(bytes)',
      containerRows
    }

  // `top -b` output (whole screens, or the process rows kept under top's header): its rows read as CSV
  const top = findTopTable(head)
  if (top !== undefined) return tabular('top-rows', 'csv', lines, top.columns, top.firstRow)

  // `pidstat -r` or a loop of `ps -o pid,rss,…` (header repeated, maybe a `date` line before each):
  // its rows read as CSV (understand/proc-tables.ts)
  if (findProcTable(head) !== undefined) return { format: 'csv', shape: 'proc-table', lines }
  // a loop's bare numbers: `date; ps -o rss= -p $PID`, `echo "$(date +%s) $(ps -o rss= …)"`
  if (findBareNumbers(head, nameParts(file).stem) !== undefined)
    return { format: 'csv', shape: 'bare-numbers', lines }
  // a loop over /proc/PID/status (grep VmRSS) or /proc/PID/statm, maybe a `date` line before each
  if (findProcFile(head) !== undefined) return { format: 'csv', shape: 'proc-file', lines }

  // `jstat -gc` output (maybe a `date` line before each block): its rows read as CSV (load/jstat.ts)
  const jstat = findJstatTable(head)
  if (jstat?.header.option === 'gc') return { format: 'csv', shape: 'jstat', lines }

  // a Markdown pipe table pasted from an issue or a write-up (`| t+60 | 144.0 MB |`): read as CSV
  if (ext === 'md' || ext === 'markdown') {
    const table = findMarkdownTable(lines)
    if (table !== undefined)
      return tabular('markdown-table', 'csv', lines, table.columns, table.firstRow)
    return { format: undefined, shape: 'text', lines }
  }

  // `#` comment lines a logger writes above its header (the CSV reader skips them too)
  let headerAt = 0
  while (headerAt < lines.length - 1 && trimmed[headerAt].startsWith('#')) headerAt++
  let header = lines[headerAt]
  // a header written as a comment (`#time,rss`) above the first row
  const commented = headerAt > 0 ? commentedHeader(lines[headerAt - 1], header) : undefined
  if (commented !== undefined) {
    header = commented
    headerAt--
  }
  if (DELIMITED_EXTENSIONS.has(ext) || /[,\t;]/.test(header)) {
    const delimiter = ext === 'tsv' ? '\t' : pickDelimiter(header)
    const columns = splitCsvLine(header, delimiter)
    // delimiters after the last column on every row (`t,rss,`; Excel's `t,rss,,,` for formatted
    // empty columns): no columns, as the loader reads them
    while (columns.length > 2 && columns[columns.length - 1] === '') columns.pop()
    // A header names its columns; a log line that happens to hold commas does not look like this.
    const headerLike = (column: string) =>
      ext === 'csv' || ext === 'tsv'
        ? column !== '' && !/^[-+]?[\d.]+$/.test(column)
        : COLUMN_NAME.test(column)
    if (columns.length >= 2 && columns.every(headerLike)) {
      const row = lines[headerAt + 1]
      const firstRow = row !== undefined ? splitCsvLine(row, delimiter) : []
      return tabular('delimited', 'csv', lines, columns, firstRow)
    }
  }
  if (ext === 'csv' || ext === 'tsv') return { format: 'csv', shape: 'delimited', lines }
  if (ext === 'log' || ext === 'txt') return { format: 'log', shape: 'text', lines }
  return { format: undefined, shape: 'text', lines }
}

/** True for a line of only a time, short enough to test (a `date` line is some 30 characters). */
function isShortTimeLine(line: string): boolean {
  return line.length <= 200 && TIME_LINE_RE.test(line)
}

/**
 * True when a head starts with a line of only a time and is JSON objects
 * after time lines: lines that are neither (a broken object, a stray log
 * line) under a quarter of them, so the loader reports each at its line.
 */
export function datedObjects(
  trimmed: readonly string[],
  objects: ReadonlyArray<Record<string, unknown> | undefined>
): boolean {
  if (!isShortTimeLine(trimmed[0])) return false
  let others = 0
  for (let i = 0; i < trimmed.length; i++)
    if (objects[i] === undefined && !isShortTimeLine(trimmed[i])) others++
  return others * 4 < trimmed.length
}

/** The format {@link sniffInput} reads a file in; undefined when nothing fits. */
export function sniffFormat(file: string, firstLines: string[]): InputFormat | undefined {
  return sniffInput(file, firstLines).format
}

/** A process tool's printout: which tool, and why leak-gate cannot read it as a table. */
export interface ToolPrintout {
  tool: string
  why: string
}

const LOOSE = 'the time on a line of its own, no header row'
/** Why top's output is not read when other lines come first. */
export const TOP_AFTER_OTHER_LINES =
  'other lines before its first `top -` line or its column header'
/** Why top's output is not read when it starts the file but its column header is not in the first lines. */
export const TOP_WITHOUT_HEADER =
  "no column header in top's default fields (`PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND`) in its first lines"
/** Why `pidstat -r` output is not read when other lines come first (understand/proc-tables.ts). */
export const PROC_AFTER_OTHER_LINES =
  "other lines before its first header (other than sysstat's first line and date lines)"
/** Why `jstat -gc` output is not read when other lines come first. */
export const JSTAT_AFTER_OTHER_LINES = 'other lines before its first header (and the date lines)'
/** Why jstat's other options are not read. */
const JSTAT_NOT_READ: Readonly<Record<Exclude<JstatOption, 'gc'>, string>> = {
  gcutil:
    "each space's use as a percentage of its current capacity, which the collector resizes (G1 grows and shrinks the old generation region by region): a leak can read flat, and a resize as growth",
  gccause:
    "each space's use as a percentage of its current capacity, which the collector resizes: a leak can read flat, and a resize as growth",
  gcold: 'the old generation and metaspace alone, not the heap',
  gcnew: 'the young generation alone, whose use is garbage between collections',
  gccapacity: 'capacities, not the memory in use',
  gcnewcapacity: 'capacities, not the memory in use',
  gcoldcapacity: 'capacities, not the memory in use',
  gcmetacapacity: 'capacities, not the memory in use'
}

/**
 * jstat output at a file's start: its first header, maybe after the time lines a loop prints
 * before each `jstat -gc $PID` (`date`); `dated` when one came before it. The loader decides by
 * this test too, on the same head.
 */
export function findJstatTable(
  head: readonly string[]
): { header: JstatHeader; dated: boolean } | undefined {
  let dated = false
  for (const raw of head.slice(0, 16)) {
    const line = raw.replace(/^\uFEFF/, '').trim()
    if (line === '') continue
    if (isTimeLine(line)) {
      dated = true
      continue
    }
    const header = jstatHeader(line)
    return header === undefined ? undefined : { header, dated }
  }
  return undefined
}

/** Why the host's memory is not judged as the service's (free, vmstat, sar -r, /proc/meminfo). */
export const HOST_MEMORY =
  "the host's memory, not the service's: used and free memory over every process, with the page cache and buffers that grow as files are read, so a healthy service's host can climb and a leak hide in the rest"

/** Lines process tools print, by the tool, as people log them in a loop with `date`. */
const PROCESS_TOOL_LINES: Array<[RegExp, ToolPrintout]> = [
  // the host's memory: read as no process's (HOST_MEMORY)
  [
    /^total\s+used\s+free\s+shared\s+(?:buff\/cache|buffers)\b|^Mem:\s+\d+(?:[.,]\d+)?[KMGTi]*\s+\d/,
    { tool: '`free` output', why: HOST_MEMORY }
  ],
  [
    /^r\s+b\s+swpd\s+free\s+(?:buff|inact)\s+(?:cache|active)\b|^procs -+memory-+/,
    { tool: '`vmstat` output', why: HOST_MEMORY }
  ],
  [/\bkbmemfree\s+(?:kbavail\s+)?kbmemused\b/, { tool: '`sar -r` output', why: HOST_MEMORY }],
  [/^MemTotal:\s+\d+ kB$/, { tool: '`/proc/meminfo` lines', why: HOST_MEMORY }],
  [
    /^Vm(?:RSS|Size|HWM|Peak|Data):\s+\d+\s+kB$/,
    { tool: '`/proc/PID/status` lines (VmRSS)', why: `one line per value, ${LOOSE}` }
  ],
  // `top -b` output is read when the file starts with it (understand/top-rows.ts); after other lines
  // (a shell prompt, a note) it is named here
  [/^top - \d{1,2}:\d{2}:\d{2} up /, { tool: '`top -b` output', why: TOP_AFTER_OTHER_LINES }],
  [
    // the process rows kept by a filter (`top -b | grep node`) under top's header
    /^PID\s+USER\s+PR\s+NI\s+VIRT\s+RES\s+SHR\s+S\s+%CPU\s+%MEM\s+TIME\+\s+COMMAND$/,
    { tool: '`top -b` process rows', why: TOP_AFTER_OTHER_LINES }
  ],
  [
    /\bminflt\/s\s+majflt\/s\s+VSZ\s+RSS\b/,
    { tool: '`pidstat -r` output', why: PROC_AFTER_OTHER_LINES }
  ],
  [
    /^USER\s+PID\s+%CPU\s+%MEM\s+VSZ\s+RSS\b/,
    { tool: '`ps aux` output', why: `every process, ${LOOSE}` }
  ],
  [
    /^(?:PID\s+)?(?:RSS|VSZ|RSZ)(?:\s+(?:VSZ|RSS|%MEM|PID|COMMAND|CMD))*$/,
    { tool: '`ps -o` output', why: LOOSE }
  ]
]

/**
 * The process tool whose printout a file logs (`ps`, `top -b`, `pidstat -r`,
 * `/proc/PID/status`, jstat), when its lines say so: no table
 * leak-gate reads, so the message says what to log instead. Also a loop of
 * `date` lines each followed by one bare number (`ps -o rss= -p PID`).
 */
export function processToolLog(lines: readonly string[]): ToolPrintout | undefined {
  const trimmed = lines.map((line) => line.trim()).filter((line) => line !== '')
  // top's screen first and no header of its default fields: the header is what is missing
  if (trimmed.length > 0 && isTopScreenLine(trimmed[0]) && !trimmed.some(isTopHeader))
    return { tool: '`top -b` output', why: TOP_WITHOUT_HEADER }
  // `jstat -gc` is read when the file starts with it; its other options never are
  const jstat = trimmed.map(jstatHeader).find((header) => header !== undefined)
  if (jstat !== undefined)
    return {
      tool: `\`jstat -${jstat.option}\` output`,
      why: jstat.option === 'gc' ? JSTAT_AFTER_OTHER_LINES : JSTAT_NOT_READ[jstat.option]
    }
  for (const [pattern, printout] of PROCESS_TOOL_LINES)
    if (trimmed.some((line) => pattern.test(line))) return printout
  const numbers = trimmed.filter((line) => /^\d+$/.test(line)).length
  const times = trimmed.filter(isTimeLine).length
  if (numbers > 0 && times > 0 && numbers + times === trimmed.length)
    return {
      tool: '`ps -o rss=` output (a time line, then a bare number)',
      why: `${LOOSE}, and a file name that says neither memory nor ps (named rss.log, memory.current.log or ps.log it is read with no config)`
    }
  return undefined
}

/**
 * True when the first lines are rows of a delimited table with no header
 * row: two or more cells each, every cell a number, a size or a time
 * (`1764928800\t115343`, `2025-12-05T10:00:00Z,120.5MiB`).
 */
export function headerlessTable(lines: readonly string[]): boolean {
  const rows = lines.slice(0, 5).filter((line) => line.trim() !== '')
  if (rows.length < 2) return false
  const delimiter = pickDelimiter(rows[0])
  const valueLike = (cell: string): boolean =>
    /^[-+]?\d[\d.]*(?:e[+-]?\d+)?\s*(?:[KMGTP]i?B|[kKmMgG][bB]?|B|%)?$/.test(cell) ||
    isTimeCell(cell)
  const width = splitCsvLine(rows[0], delimiter).length
  return (
    width >= 2 &&
    rows.every((row) => {
      const cells = splitCsvLine(row, delimiter)
      return cells.length === width && cells.every(valueLike)
    })
  )
}

/**
 * What a JSON document that is no snapshot holds, when its head shows it:
 * a table by columns (`{"time": [...], "rss": [...]}`, pandas `to_json()`:
 * understand/json-columns.ts), a Prometheus HTTP API answer
 * (`"resultType":"matrix"`, a failed query's `"status":"error"`:
 * understand/prometheus-api.ts), `dotnet-counters collect --format json`'s
 * document (understand/dotnet-counters-rows.ts), or an array of sample objects
 * under a key (`{"samples": [{...}, ...]}`).
 */
export function jsonDocumentHolds(
  lines: readonly string[]
):
  | ({ kind: 'columns' } & ColumnDocumentHead)
  | { kind: 'prometheus-api'; head: PrometheusApiHead }
  | { kind: 'wrapped-array'; key: string }
  | { kind: 'dotnet-counters' }
  | undefined {
  const api = prometheusApiHead(lines)
  if (api !== undefined) return { kind: 'prometheus-api', head: api }
  if (isDotnetCountersJson(lines)) return { kind: 'dotnet-counters' }
  const text = lines.join('\n')
  const columns = columnDocumentHead(lines)
  if (columns !== undefined) return { kind: 'columns', ...columns }
  const wrapped = /^\s*\{[^[]*?"([^"\\]{1,64})"\s*:\s*\[\s*\{/.exec(text)
  return wrapped ? { kind: 'wrapped-array', key: wrapped[1] } : undefined
}

/**
 * The header of a table written as a comment (`#time,rss`, gnuplot's
 * habit), when the comment line just above the first row names as many
 * columns as the row has cells and the row is values only: the comment
 * without its `#`. Undefined otherwise.
 */
export function commentedHeader(comment: string, row: string): string | undefined {
  const header = comment.replace(/^\s*#+\s*/, '')
  if (header === '' || header.startsWith('!')) return undefined
  const delimiter = pickDelimiter(header)
  const names = splitCsvLine(header, delimiter)
  if (names.length < 2 || !names.every((name) => COLUMN_NAME.test(name))) return undefined
  if (pickDelimiter(row) !== delimiter || !headerlessTable([row, row])) return undefined
  return splitCsvLine(row, delimiter).length === names.length ? header : undefined
}

/** A number, a size or a time cell of a table whose columns are split by spaces. */
const SPACED_VALUE = /^[-+]?\d[\d.,:]*(?:e[+-]?\d+)?(?:[KMGTP]i?B|[kKmMgG][bB]?|B|%|s|ms)?$/

/**
 * The header of a table whose columns are split by runs of spaces (Python's
 * `print(df)`, `column -t`, a script's summary), when a line of two or more
 * column names is followed by at least two rows of as many values: the
 * names and the line's index. Undefined otherwise (`ps`, `top` and `jstat`
 * are told apart before this, by their own headers).
 */
export function spaceAlignedTable(
  lines: readonly string[]
): { names: string[]; at: number } | undefined {
  for (let at = 0; at + 2 < lines.length && at < 10; at++) {
    const names = lines[at].trim().split(/\s+/)
    if (names.length < 2 || !names.every((name) => COLUMN_NAME.test(name))) continue
    if (names.every((name) => SPACED_VALUE.test(name))) continue
    const rows = lines.slice(at + 1, at + 6).map((line) => line.trim().split(/\s+/))
    if (
      rows.length >= 2 &&
      rows.every(
        (cells) => cells.length === names.length && cells.every((c) => SPACED_VALUE.test(c))
      )
    )
      return { names, at }
  }
  return undefined
}

/**
 * Zero-config detection (SPEC §3, end): with no config file, leak-gate still
 * works on the files it recognises, judging each by its name and its first
 * lines only (so a 4 GB log costs one read of a few bytes):
 *
 * - `docker stats` logs (CSV, JSON lines, or the table) with a `MemUsage`-like column;
 * - CSV / JSON lines / JSON arrays of objects with `process.memoryUsage()` columns (`rss`, `heapUsed`,
 *   `heapTotal`, `external`, `arrayBuffers`), other byte columns, or object
 *   counters named `live` / `created` / `collected` (a CSV whose `pid` or program-name column
 *   interleaves is said to be one series per process);
 * - long CSV tables, one row per metric per sample (`metric,value,time`; Grafana's
 *   `Series,Time,Value`), naming memory metrics;
 * - a Prometheus HTTP API answer to a range query saved with curl (`query_range` JSON) naming
 *   memory: one series per result (plan/prometheus-api.ts);
 * - `console.log(process.memoryUsage())` saved to a file: printed JavaScript
 *   objects naming memory, one point per object (other log lines between skipped);
 * - a `baseline.*` and a `post*.*` snapshot (JSON or Prometheus text), or two files of one
 *   folder named the same but for a before/after word (`start.json` / `end.json`);
 * - Prometheus scrapes carrying default process/runtime metrics, in one file
 *   or one scrape per file (`scrape-01.prom` … `scrape-12.prom`: one input).
 *   Files are one input only when they look like a sequence: the same folder,
 *   names that differ only in their last run of digits, at least 3 files, and
 *   no two with the same time when their lines carry one. So `shard-1/` and
 *   `shard-2/` stay apart, and so do replicas `pod-1.prom` … `pod-3.prom`
 *   scraped at one moment (or any pair): spliced together they would hide a leak.
 *
 * A file recognised as data by its extension or most of its lines is read
 * even when a line is broken, so the loader reports that line (SPEC §8: never
 * a silent pass); binary data under a data extension is read for the same
 * reason. k6 CSV output is read for its custom memory metrics (`heap_used_mb`),
 * else skipped with a reason: k6's own metrics are load, not memory (a config
 * entry charts them per metric). memory_profiler's `mprof run` output is read
 * whatever its extension (`.dat`). Everything else is skipped with a reason (never raw file bytes),
 * and every used file says how it is read, so the report can tell the user
 * what was (and was not) analysed. The format of every file is the sniffer's
 * (`understand/sniff.ts`), the one a config entry naming only the file gets:
 * this module decides only which files are worth reading unasked, and as
 * which series or snapshot. Pure: the caller lists the files and reads their heads.
 */
import { escapeGlob, matchFiles } from '../config/globs.js'
import type { SeriesSpec, SnapshotSpec } from '../config/types.js'
import type { InputFormat, MetricKind, Series } from '../model.js'
import {
  DOCKER_NAME_COLUMNS,
  isDotnetCountersHeader,
  isK6CsvHeader,
  isMemoryChangeName,
  isTimeName,
  isWorkCounterName,
  kindAmongColumns,
  kindFromName,
  isUnheldSizeName,
  normaliseName,
  unitBytesFromName
} from '../understand/names.js'
import { hasByteUnit } from '../understand/units.js'
import {
  CUMULATIVE_NAME,
  cleanLines,
  findJstatTable,
  JSTAT_AFTER_OTHER_LINES,
  PROC_AFTER_OTHER_LINES,
  nameParts,
  headerlessTable,
  jsonDocumentHolds,
  processToolLog,
  prometheusNames,
  sniffInput,
  spaceAlignedTable,
  TOP_AFTER_OTHER_LINES,
  TOP_WITHOUT_HEADER,
  type SniffedInput,
  type ToolPrintout
} from '../understand/sniff.js'
import { groupScrapeSequences, headScrapeTime } from '../understand/scrape-sequences.js'
import { EXPORT_NAMES } from '../understand/metric-exports.js'
import { namedSnapshotPairs } from '../understand/snapshot-pairs.js'
import { isTopRow } from '../understand/top-rows.js'
import {
  findBareNumbers,
  findProcFile,
  findProcTable,
  procIdColumn,
  procMemoryColumn
} from '../understand/proc-tables.js'
import { containerRowsName } from '../understand/container-rows.js'
import { longTable, type LongTable } from '../understand/long-rows.js'
import { processSplit } from '../understand/process-columns.js'
import { GC_LOG_METRIC, jvmGcLogSpec } from '../understand/jvm-gc-log.js'
import { goGctraceSpec } from '../understand/go-gctrace.js'
import { v8TraceGcSpec } from '../understand/v8-trace-gc.js'
import { MPROF_METRIC, mprofSpec } from '../understand/mprof.js'
import { k6CsvMemoryMetrics } from '../understand/k6-csv.js'
import { prometheusApiDecision } from './prometheus-api.js'
import {
  DOTNET_COUNTERS_HEADER,
  headerlessDotnetCounters
} from '../understand/dotnet-counters-rows.js'
import {
  inspectedObjects,
  suggestLogPattern,
  suggestionYaml
} from '../understand/log-suggestion.js'

/**
 * A file of the artifact: POSIX path relative to the root, and its first lines
 * (the pipeline reads up to 64 KiB / 200 lines: JSON lines are judged by the
 * keys of all of them, so a logger's memory lines among request lines count).
 */
export interface FileHead {
  path: string
  head: string[]
}

/** A file detection decided to read, and how (one line for the report). */
export interface DetectedUse {
  file: string
  role: 'series' | 'baseline' | 'post'
  format: InputFormat
  how: string
}

/** What zero-config detection found. */
export interface DetectedInputs {
  series: SeriesSpec[]
  snapshots?: SnapshotSpec
  /** Every used file with the way it is read, in path order. */
  used: DetectedUse[]
  /** Every other file with the reason it was left out, in path order. */
  skipped: Array<{ file: string; reason: string }>
}

/** Metric-name prefixes of default process/runtime collectors (prom-client, client_python, client_golang, Micrometer...). */
const RUNTIME_PREFIXES = [
  'process_',
  'nodejs_',
  'go_',
  'jvm_',
  'python_',
  'dotnet_',
  'ruby_',
  'erlang_vm_'
]

/** File content made safe for a one-line note: no control bytes, at most `max` characters. */
function printable(text: string, max = 40): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?')
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

/** What columns say about a tabular file (CSV header or first JSON line's keys). */
interface ColumnRoles {
  dockerMemory?: string
  container?: string
  time?: string
  work?: string
  metrics: Record<string, MetricKind>
}

/**
 * Memory by a column's first value when its name says nothing: a size whose unit says bytes
 * (`45.2MiB`: one series per container, as `time,api,worker` files hold them), unless the name
 * says it is no memory held (`net_rx`, top's `VIRT`). The loader reads such cells so too.
 */
function sizedByValue(column: string, value: unknown): MetricKind | undefined {
  return typeof value === 'string' && hasByteUnit(value) && !isUnheldSizeName(column)
    ? 'memory'
    : undefined
}

function classifyColumns(
  columns: string[],
  dockerMemory: string | undefined,
  values: readonly unknown[] = []
): ColumnRoles {
  // the memory column is the sniffer's (understand/sniff.ts), so the format and the roles agree
  const roles: ColumnRoles = { metrics: {}, dockerMemory }
  const containerRank = (column: string) => DOCKER_NAME_COLUMNS.indexOf(normaliseName(column))
  for (const [index, column] of columns.entries()) {
    if (column === roles.dockerMemory) continue
    const rank = containerRank(column)
    if (rank >= 0) {
      if (roles.container === undefined || rank < containerRank(roles.container))
        roles.container = column
    } else if (roles.time === undefined && isTimeName(column)) roles.time = column
    else if (roles.work === undefined && isWorkCounterName(column) && !kindFromName(column))
      roles.work = column
    else {
      const kind =
        kindAmongColumns(column, columns) ??
        (kindFromName(column) === undefined ? sizedByValue(column, values[index]) : undefined)
      if (kind) roles.metrics[column] = kind
    }
  }
  return roles
}

function describeMetrics(metrics: Record<string, MetricKind>): string {
  return Object.entries(metrics)
    .map(([column, kind]) => `${column} (${kind})`)
    .join(', ')
}

type Decision =
  | { use: 'series'; spec: SeriesSpec; how: string }
  | { use: 'snapshot'; format: InputFormat; how: string }
  | { use: 'skip'; reason: string }

/** How a docker stats file's detection says it groups rows: one series per container column. */
function perContainerPhrase(column: string): string {
  return `, one series per ${column}`
}

/**
 * Detection's account of a docker stats file once it is read: when the
 * loader joined the container column's ids into one series (one container
 * recreated: each id's rows follow the last id's, a restart at each new id),
 * the file is not "one series per" that column, and its note says only the
 * join (the loader's note that follows).
 */
export function describeReadGroups(
  how: string,
  spec: SeriesSpec,
  series: readonly Series[]
): string {
  const column = spec.group
  if (spec.format !== 'docker-stats' || column === undefined) return how
  const joined = series.some(
    (s) =>
      s.group === undefined &&
      s.processChanges?.some((change) => change.what === 'container id' && change.column === column)
  )
  return joined ? how.replace(perContainerPhrase(column), '') : how
}

/**
 * Why a JSON document of columns whose first column runs past the head read to detect it is not
 * used, when the whole document could not be sketched (see plan/index.ts): it starts so.
 */
export const LONG_COLUMNS_REASON = 'a JSON object of columns whose first column'

function longColumnsReason(first: string): string {
  return `${LONG_COLUMNS_REASON}, "${printable(first)}", runs past the lines read to detect it, and the whole document is no object of arrays of cells (or larger than a JSON document leak-gate reads): name it under series: to read it`
}

/** Builds the series decision for a tabular file from the sniffer's format and the column roles. */
function tabularDecision(
  file: string,
  format: InputFormat,
  label: string,
  columns: string[],
  roles: ColumnRoles
): Decision {
  const extras = [
    roles.time ? `time column ${roles.time}` : 'no time column (sample order)',
    roles.work ? `work column ${roles.work}` : undefined
  ].filter(Boolean)
  if (format === 'docker-stats') {
    const spec: SeriesSpec = { file: escapeGlob(file), format }
    if (roles.time) spec.time = roles.time
    if (roles.work) spec.work = roles.work
    if (roles.container) spec.group = roles.container
    const perContainer = roles.container ? perContainerPhrase(roles.container) : ''
    const memory = roles.dockerMemory ?? columns.find((column) => /^(MEM|PRIV)/.test(column))
    return {
      use: 'series',
      spec,
      how: `docker stats ${label}: memory column ${memory}${perContainer}; ${extras.join(', ')}`
    }
  }
  if (Object.keys(roles.metrics).length === 0) {
    // A change of memory (a diff from the last reading or from a start) is left out unasked: say
    // which column it was and how to have it judged, rather than only that none was memory.
    const change = columns.find((column) => isMemoryChangeName(column))
    return {
      use: 'skip',
      reason: `${label} without memory or object-count columns (columns: ${columns
        .slice(0, 12)
        .map((column) => printable(column))
        .join(', ')})${
        change
          ? `; ${printable(change)} names a change of memory, not memory held: if it is memory since a start (tracemalloc's diff from its first snapshot), name it under metrics: as memory`
          : ''
      }`
    }
  }
  // no `metrics:`: the loader reads the columns by the same name rules (understand/names.ts),
  // so a config naming only this file reads it exactly as zero-config does
  const spec: SeriesSpec = { file: escapeGlob(file), format }
  if (roles.time) spec.time = roles.time
  if (roles.work) spec.work = roles.work
  return {
    use: 'series',
    spec,
    how: `${label}: ${describeMetrics(roles.metrics)}; ${extras.join(', ')}`
  }
}

/**
 * The decision for a long table (one row per metric per sample): one series per
 * metric name, read by the loader from the same head test (load/index.ts).
 */
function longTableDecision(file: string, table: LongTable): Decision {
  const kinds = table.metrics.flatMap((name) => {
    const kind = kindAmongColumns(name, table.metrics)
    return kind ? [`${printable(name)} (${kind})`] : []
  })
  return {
    use: 'series',
    spec: { file: escapeGlob(file), format: 'csv' },
    how: `long CSV, one row per metric per sample: one series per "${printable(table.name)}" value, read from "${printable(table.value)}": ${kinds.slice(0, 6).join(', ')}${kinds.length > 6 ? ', …' : ''}; ${table.time ? `time column ${printable(table.time)}` : 'no time column (sample order)'}`
  }
}

/** The decision for a tabular shape: its columns' roles, in the sniffer's format. */
function tabularOf(file: string, sniffed: SniffedInput, label: string): Decision {
  const columns = sniffed.columns ?? []
  return tabularDecision(
    file,
    sniffed.format ?? 'csv',
    label,
    columns,
    classifyColumns(columns, sniffed.dockerMemory, sniffed.values)
  )
}

// `baseline.json` / `post-test.json`, and as people also name the pair: `before` / `after`,
// `pre-test` / `post-test`
const BASELINE_NAME = /^(?:baseline|before)(?:$|[._\-\d])|^pre(?:$|[._-]|test|load|run)/i
const POST_NAME = /^post(?:$|[._\-\d]|test|load|run)|^after(?:$|[._\-\d])/i
const DATA_EXTENSIONS = new Set([
  'csv',
  'tsv',
  'jsonl',
  'ndjson',
  'json',
  'prom',
  'txt',
  'log',
  'metrics',
  'om',
  'openmetrics',
  'out',
  ''
])

/**
 * Whether zero-config reads a file, and how. The format is the sniffer's
 * (`understand/sniff.ts`), the same a config entry naming only this file
 * gets; this decides only whether the file is worth reading unasked.
 * `pairedByName`: the file has a partner by the before/after-word rule
 * (`understand/snapshot-pairs.ts`), so a JSON object or Prometheus text is a
 * snapshot in that role.
 */
function decide(file: FileHead, pairedByName?: 'baseline' | 'post'): Decision {
  const { stem, ext } = nameParts(file.path)
  const markdown = ext === 'md' || ext === 'markdown'
  // memory_profiler writes `.dat` (`mprofile_<date>.dat`), a name other tools give anything
  const mprof =
    ext === 'dat' || DATA_EXTENSIONS.has(ext)
      ? mprofSeries({ file: escapeGlob(file.path) }, file.head)
      : undefined
  if (mprof !== undefined) return { use: 'series', ...mprof }
  if (!DATA_EXTENSIONS.has(ext) && !markdown)
    return { use: 'skip', reason: `not a data file (.${ext})` }
  const sniffed = sniffInput(file.path, file.head)
  // a Markdown file is read only for a pipe table (a README beside the artifacts is not data)
  if (markdown && sniffed.shape !== 'markdown-table')
    return { use: 'skip', reason: `not a data file (.${ext})` }
  const { format, lines } = sniffed
  if (sniffed.shape === 'empty') return { use: 'skip', reason: 'empty file' }
  if (sniffed.shape === 'binary') {
    if (format === undefined || format === 'log')
      return { use: 'skip', reason: 'binary data, not a text file' }
    // Named as data: read it, so the loader says `file:line: a text file, found binary data`.
    return {
      use: 'series',
      spec: { file: escapeGlob(file.path), format },
      how: `binary data in a .${ext} file`
    }
  }
  const isSnapshotName = BASELINE_NAME.test(stem) || POST_NAME.test(stem)
  // a name paired by its before/after word is a snapshot only as one whole JSON object (not JSON
  // lines, not an array of samples) or Prometheus text
  const pairedSnapshot =
    pairedByName !== undefined &&
    (sniffed.shape === 'prometheus' ||
      (sniffed.shape === 'json-document' && lines[0].trim().startsWith('{')))

  if (
    pairedSnapshot ||
    (isSnapshotName && (format === 'prometheus' || lines[0].trim().startsWith('{')))
  ) {
    const snapshotFormat: InputFormat = format === 'prometheus' ? 'prometheus' : 'json'
    const role =
      (pairedByName ?? (BASELINE_NAME.test(stem) ? 'baseline' : 'post')) === 'baseline'
        ? 'baseline'
        : 'post-test'
    return {
      use: 'snapshot',
      format: snapshotFormat,
      how: `${role} snapshot (${snapshotFormat === 'json' ? 'JSON' : 'Prometheus text'}); metric kinds by name (bytes → memory, others → count)`
    }
  }

  switch (sniffed.shape) {
    case 'prometheus': {
      const names = prometheusNames(lines)
      const runtime = names
        .filter((name) =>
          RUNTIME_PREFIXES.some((prefix) => name.startsWith(prefix) || name.includes(`_${prefix}`))
        )
        // gauges first: counters are left out by the loader unless named under metrics:
        .sort((a, b) => Number(CUMULATIVE_NAME.test(a)) - Number(CUMULATIVE_NAME.test(b)))
      if (runtime.length === 0) {
        return {
          use: 'skip',
          reason: `Prometheus text without default process/runtime metrics in its first lines (${names
            .slice(0, 3)
            .map((name) => printable(name))
            .join(', ')}): name it baseline.prom / post.prom, or list it under series:`
        }
      }
      return {
        use: 'series',
        spec: { file: escapeGlob(file.path), format: 'prometheus' },
        how: `Prometheus scrape(s), one point per scrape: default runtime metrics (${runtime.slice(0, 3).join(', ')}${runtime.length > 3 ? ', ...' : ''})`
      }
    }
    case 'json-lines':
      if (sniffed.exportTool !== undefined) return exportDecision(file.path, sniffed)
      if (sniffed.timeLines) return timedByLines(tabularOf(file.path, sniffed, 'JSON lines'))
      if (sniffed.columns) return tabularOf(file.path, sniffed, 'JSON lines')
      // Named JSON lines, yet no line reads: the loader reports the first bad lines.
      return {
        use: 'series',
        spec: { file: escapeGlob(file.path), format: format ?? 'jsonl' },
        how: 'JSON lines (by name)'
      }
    case 'json-array': {
      if (!sniffed.columns) {
        // podman's array cut before its first object closes: the loader reads the whole file
        return {
          use: 'series',
          spec: { file: escapeGlob(file.path), format: format ?? 'docker-stats' },
          how: 'podman stats JSON array'
        }
      }
      const decision = tabularOf(file.path, sniffed, 'JSON array')
      if (decision.use === 'series' && decision.spec.format === 'jsonl')
        decision.how = `${decision.how} (one point per object)`
      return decision
    }
    case 'json-document': {
      const holds = jsonDocumentHolds(lines)
      if (holds?.kind === 'columns' && holds.cut)
        // the plan reads the whole document for its column names and detects it again
        return { use: 'skip', reason: longColumnsReason(holds.columns[0]) }
      if (holds?.kind === 'columns') {
        // a table by columns (pandas `to_json()`, `{"time": [...], "rss": [...]}`): read as rows
        const label =
          holds.orient === 'arrays'
            ? 'JSON object of columns'
            : `pandas to_json() (orient ${holds.orient})`
        const decision = tabularDecision(
          file.path,
          'json',
          label,
          holds.columns,
          classifyColumns(holds.columns, undefined)
        )
        // pandas writes a DatetimeIndex as epoch ms keys: the loader takes it for the time (and says so)
        if (decision.use === 'series' && holds.orient !== 'arrays')
          decision.how = decision.how.replace(
            'no time column (sample order)',
            'no time column (the index as time when it is epoch ms, else sample order)'
          )
        return decision
      }
      if (holds?.kind === 'prometheus-api') return prometheusApiDecision(file.path, holds.head)
      if (holds?.kind === 'dotnet-counters')
        return {
          use: 'series',
          spec: { file: escapeGlob(file.path), format: 'json' },
          how: "dotnet-counters JSON: one series per counter, memory counters ((By), (MB)) judged; time from each event's timestamp"
        }
      if (holds?.kind === 'wrapped-array')
        return {
          use: 'skip',
          reason: `samples in an array under "${holds.key}" inside a JSON object, not a format leak-gate reads: write the array itself (\`JSON.stringify(${/^[A-Za-z_$][\w$]*$/.test(holds.key) ? `data.${holds.key}` : 'samples'})\`, a top-level [{"time": ..., "rss": ...}, ...]) or one object per line (JSON lines)`
        }
      let reason = 'starts like JSON but is neither JSON lines nor a JSON document'
      if (inspectedObjects(lines)) return { use: 'skip', reason: inspectedReason(file.path, lines) }
      if (lines[0].trim().startsWith('['))
        reason =
          'a JSON array, not of sample objects (read as a series: [{"time": ..., "rss": ...}, ...] or one object per line)'
      else if (isSnapshotName)
        reason = 'named like a snapshot but not a JSON object or Prometheus text'
      else if (ext === 'json')
        reason =
          'a JSON document not named as a snapshot (baseline.* / post*.*, or two names the same but for a before/after word: start.json / end.json, memory-before.json / memory-after.json): list it under snapshots: to compare it'
      return { use: 'skip', reason }
    }
    case 'printed-objects': {
      // `console.log(process.memoryUsage())` saved to a file: read even when no object in the
      // head is whole, so the loader reports the broken one at its line
      if (!sniffed.columns)
        return {
          use: 'series',
          spec: { file: escapeGlob(file.path), format: 'jsonl' },
          how: 'printed JavaScript objects (`console.log(process.memoryUsage())`), one point per object'
        }
      const decision = tabularOf(file.path, sniffed, 'printed JavaScript objects')
      if (decision.use === 'series') decision.how = `${decision.how} (one point per object)`
      return decision
    }
    case 'docker-table': {
      // `docker stats` redirected to a file, maybe after a time line (`date` before each `docker stats --no-stream`)
      const decision = tabularOf(file.path, sniffed, 'table')
      if ((sniffed.tableAt ?? 0) > 0 && decision.use === 'series')
        decision.how = decision.how.replace(
          'no time column (sample order)',
          'time from the time line before each table'
        )
      return decision
    }
    case 'container-rows':
      // docker stats / `kubectl top` rows saved without their header (understand/container-rows.ts)
      return {
        use: 'series',
        spec: { file: escapeGlob(file.path), format: 'docker-stats' },
        how: containerRowsName(sniffed.containerRows!)
      }
    case 'markdown-table':
      return tabularOf(file.path, sniffed, 'Markdown table')
    case 'top-rows': {
      // the loader reads one series per PID of RES, VIRT and SHR (load/index.ts)
      const timed = sniffed.columns?.[0] === 'time'
      // rows a `grep` kept without top's header are read as top's default columns: say so
      const headerless = isTopRow(lines[0]) ? " (no header: in top's default columns)" : ''
      return {
        use: 'series',
        spec: { file: escapeGlob(file.path), format: 'csv' },
        how: `\`top -b\` process rows${headerless}: RES, VIRT, SHR (memory; KiB unless the cell says \`m\`, \`g\`…), one series per PID; ${timed ? 'time from the `top -` line of each screen' : 'no time on the rows (sample order)'}`
      }
    }
    case 'jstat':
      return jstatDecision(file.path, file.head)
    case 'proc-table':
      return procTableDecision(file.path, file.head)
    case 'proc-file': {
      const proc = findProcFile(file.head)!
      return {
        use: 'series',
        spec: { file: escapeGlob(file.path), format: 'csv' },
        how: `${proc.kind === 'status' ? '/proc/PID/status lines: VmRSS (KiB) as memory, the other lines (VmHWM, VmSize) not judged' : '/proc/PID/statm lines: resident pages × 4 KiB as memory'}; ${proc.dated ? 'time from the time line before each' : 'no time (sample order)'}`
      }
    }
    case 'bare-numbers': {
      const numbers = findBareNumbers(file.head, nameParts(file.path).stem)!
      return {
        use: 'series',
        spec: { file: escapeGlob(file.path), format: 'csv' },
        how: `one number per sample (as \`ps -o rss=\` or \`cat memory.current\` prints it) read as memory, "${numbers.name}", its unit by its size; ${numbers.time === 'none' ? 'no time (sample order)' : numbers.time === 'column' ? 'time from the epoch on its line' : 'time from the time line before each'}`
      }
    }
    case 'delimited': {
      const columns = sniffed.columns
      if (columns === undefined) break
      if (isDotnetCountersHeader(columns)) {
        return {
          use: 'series',
          spec: { file: escapeGlob(file.path), format: 'csv' },
          how: 'dotnet-counters CSV: one series per counter, memory counters ((By), (MB)) judged; time column Timestamp'
        }
      }
      if (isK6CsvHeader(columns)) {
        // a custom metric named like memory (a Gauge polling the server) is read, one series each
        const memory = k6CsvMemoryMetrics(lines)
        if (memory.length > 0)
          return {
            use: 'series',
            spec: { file: escapeGlob(file.path), format: 'csv' },
            how: `k6 CSV output (--out csv): memory metrics ${memory
              .slice(0, 4)
              .map((name) => `${printable(name)}${namedUnit(name)}`)
              .join(
                ', '
              )}${memory.length > 4 ? ', …' : ''}, k6's own (load) left out; time column ${printable(columns[1])}`
          }
        // load-test figures (vus, latency, request counts), not memory: judged for growth they
        // would fail a healthy run whose load ramps; a config entry reads them per metric
        return {
          use: 'skip',
          reason: `k6 CSV output (load-test metrics, no memory): list it under series: to chart it (one series per ${columns[0]})`
        }
      }
      const long = longTable(lines)
      if (long !== undefined) return longTableDecision(file.path, long)
      const decision = tabularOf(file.path, sniffed, 'CSV')
      // the loader reads the file grouped by that column (load/index.ts), by the same head test
      const split =
        decision.use === 'series' && sniffed.format === 'csv' ? processSplit(lines) : undefined
      if (split !== undefined && decision.use === 'series')
        decision.how = decision.how.replace(
          /;/,
          `, one series per ${split.column} (its values interleave: several processes sampled side by side);`
        )
      return decision
    }
  }
  const gcLog = gcLogSeries({ file: escapeGlob(file.path) }, sniffed.lines)
  if (gcLog !== undefined) return { use: 'series', ...gcLog }
  const tool = processToolLog(sniffed.lines)
  if (tool !== undefined) return { use: 'skip', reason: processToolReason(tool) }
  if (headerlessDotnetCounters(sniffed.lines))
    return {
      use: 'series',
      spec: { file: escapeGlob(file.path), format: 'csv' },
      how: `dotnet-counters CSV rows without their header line, read under the one dotnet-counters writes (${DOTNET_COUNTERS_HEADER}): one series per counter, memory counters ((By), (MB)) judged; time column Timestamp`
    }
  if (headerlessTable(sniffed.lines))
    return {
      use: 'skip',
      reason: `a table with no header row (its first line is ${JSON.stringify(sniffed.lines[0].slice(0, 80))}): add a first line naming the columns, e.g. \`time,rss_kb\` (time, then memory in KiB)`
    }
  const spaced = spaceAlignedTable(sniffed.lines)
  if (spaced !== undefined) {
    const memory = spaced.names.filter((name) => kindFromName(name) === 'memory')
    const judged =
      memory.length > 0
        ? `; its memory columns (${printable(memory.join(', '), 80)}) are then read by name`
        : ''
    const above = spaced.at > 0 ? ' (without the lines above its header)' : ''
    return {
      use: 'skip',
      reason: `a table with columns split by spaces (${printable(spaced.names.join(' '), 80)}), not a format leak-gate reads: make it CSV${above}, \`awk -v OFS=, '{$1=$1}1' ${file.path} > ${nameParts(file.path).stem}.csv\`${judged}`
    }
  }
  if (inspectedObjects(sniffed.lines))
    return { use: 'skip', reason: inspectedReason(file.path, sniffed.lines) }
  const suggestion = suggestLogPattern(sniffed.lines)
  if (suggestion !== undefined)
    return {
      use: 'skip',
      reason: `a text log with memory figures (${printable(suggestion.line, 80)}), read only with a pattern: list it under series:, e.g. ${suggestionYaml(file.path, suggestion)}`
    }
  return {
    use: 'skip',
    reason:
      'not a recognised format (to read a text log, list it under series: with a pattern of named groups)'
  }
}

/** The decision for `pidstat -r` output or a `ps -o` loop (load/proc-table.ts reads it by the same head test). */
function procTableDecision(path: string, head: readonly string[]): Decision {
  const table = findProcTable(head)!
  const tool =
    table.tool === 'pidstat'
      ? '`pidstat -r` output'
      : table.headerless
        ? "`ps aux` rows kept by a filter (no header: in ps aux's columns)"
        : '`ps` output in a loop'
  return {
    use: 'series',
    spec: { file: escapeGlob(path), format: 'csv' },
    how: `${tool}: ${procMemoryColumn(table)} (KiB) as memory, one series per ${procIdColumn(table) ?? 'file'}; repeated headers skipped`
  }
}

/** The decision for `jstat -gc` output (load/jstat.ts reads it by the same head test). */
function jstatDecision(path: string, head: readonly string[]): Decision {
  const { header } = findJstatTable(head)!
  const metaspace = header.columns.includes('MU')
    ? 'metaspace_used (MU)'
    : 'perm_gen_used (PU, the permanent generation)'
  // without -t the loader's note says what times the rows (the time lines, or none)
  const time = header.timestamped ? '; time from the Timestamp column (the JVM uptime, -t)' : ''
  return {
    use: 'series',
    spec: { file: escapeGlob(path), format: 'csv' },
    how: `\`jstat -gc\` output: old_heap_used (OU) and ${metaspace}, KiB, judged as memory; heap_used (S0U+S1U+EU+OU, eden's sawtooth and promoted garbage), the capacities (heap_committed, S0C+S1C+EC+OC) and the collection ${header.columns.includes('CGC') ? 'counts FGC and CGC' : 'count FGC'} read as witnesses, not judged${time}; repeated headers (-h) skipped`
  }
}

/** ` (MiB by its name)` for a k6 metric whose name gives its unit (`heap_used_mb`), else nothing. */
function namedUnit(name: string): string {
  const bytes = unitBytesFromName(name)
  if (bytes === undefined) return ''
  return ` (${bytes === 1024 ? 'KiB' : bytes === 1024 ** 2 ? 'MiB' : 'GiB'} by its name)`
}

/** A decision whose rows take their time from a time line of its own before them (a loop's `date`). */
function timedByLines(decision: Decision): Decision {
  if (decision.use === 'series')
    decision.how = decision.how.replace(
      'time column time',
      "time from the time line before each object (a loop's `date`)"
    )
  return decision
}

/**
 * The decision for JSON lines of metric points (k6 `--out json`, OTLP JSON:
 * understand/metric-exports.ts): their memory metrics as columns, or why
 * none is read.
 */
function exportDecision(file: string, sniffed: SniffedInput): Decision {
  const tool = sniffed.exportTool!
  const decision = tabularOf(file, sniffed, EXPORT_NAMES[tool])
  if (decision.use === 'skip')
    decision.reason =
      tool === 'k6'
        ? `${EXPORT_NAMES[tool]} with no memory metric in its first lines (k6's own metrics are load, not memory): add a Gauge named like memory (\`memory_rss\`) fed by a scenario that polls the server (or list it under series: with \`group: metric\` and \`time: data.time\` to chart k6's own)`
        : `${EXPORT_NAMES[tool]} with no memory metric in bytes in its first lines (a gauge or non-monotonic sum in \`By\`, e.g. process.memory.usage)`
  return decision
}

/** Whether a configured entry leaves the reading of its file to us (no pattern, no other format). */
export function readsAsGcLog(entry: SeriesSpec): boolean {
  return entry.pattern === undefined && (entry.format === undefined || entry.format === 'log')
}

/**
 * A series entry (a config's, or zero-config's bare one) completed to read a
 * HotSpot GC log, Go's gctrace or V8's --trace-gc, when `head` is one and the entry gives no pattern
 * and no other format: the pattern, the time its lines carry, MiB, and
 * `heap_after_gc` unless the entry names its metrics. What the report says of
 * it. A file reads the same with no config as with a config naming only it.
 */
export function gcLogSeries(
  entry: SeriesSpec,
  head: readonly string[]
): { spec: SeriesSpec; how: string } | undefined {
  if (!readsAsGcLog(entry)) return undefined
  const gcLog = jvmGcLogSpec(head) ?? goGctraceSpec(head) ?? v8TraceGcSpec(head)
  if (gcLog === undefined) return undefined
  const spec: SeriesSpec = {
    ...entry,
    format: 'log',
    pattern: gcLog.pattern,
    metrics: entry.metrics ?? { [GC_LOG_METRIC]: 'memory' },
    unitBytes: entry.unitBytes ?? gcLog.unitBytes
  }
  if (spec.time === undefined && gcLog.time !== undefined) spec.time = gcLog.time
  if (spec.timeUnitMs === undefined && gcLog.timeUnitMs !== undefined)
    spec.timeUnitMs = gcLog.timeUnitMs
  if (spec.group === undefined && gcLog.group !== undefined) spec.group = gcLog.group
  if (gcLog.noMatch !== undefined) spec.noMatch = gcLog.noMatch
  spec.gcTrace = gcLog.v8 ? 'v8' : gcLog.go ? 'go' : 'jvm'
  return {
    spec,
    how: gcLog.v8
      ? `V8 GC trace (node --trace-gc): ${GC_LOG_METRIC}, the heap each full collection (mark-sweep, mark-compact) left in use, time from the isolate's start${gcLog.group ? ', one series per isolate' : ''}; scavenges (young generation only) skipped`
      : gcLog.go
        ? `Go gctrace (GODEBUG=gctrace=1): ${GC_LOG_METRIC}, the live heap each collection marked (forced ones too), time from the program's start`
        : `${gcLog.legacy ? 'JVM GC log (JDK 8, -XX:+PrintGCDetails)' : 'JVM unified GC log'}${gcLog.collector ? ` (${gcLog.collector})` : ''}: ${GC_LOG_METRIC}, the heap after each young or full pause${gcLog.time === 'uptime' ? ', time from the JVM uptime' : gcLog.time ? '' : gcLog.legacy ? ', in file order (the Heap: line that closes each pause has no stamp)' : ', in file order (no time decoration)'}`
  }
}

/**
 * A series entry (a config's, or zero-config's bare one) completed to read
 * memory_profiler's `mprof run` output (understand/mprof.ts) when `head` is
 * one and the entry gives no pattern and no other format: the pattern, epoch
 * seconds, MiB, and `mem` unless the entry names its metrics. What the report
 * says of it. A file reads the same with no config as with a config naming only it.
 */
export function mprofSeries(
  entry: SeriesSpec,
  head: readonly string[]
): { spec: SeriesSpec; how: string } | undefined {
  if (!readsAsGcLog(entry)) return undefined
  const mprof = mprofSpec(head)
  if (mprof === undefined) return undefined
  const spec: SeriesSpec = {
    ...entry,
    format: 'log',
    pattern: mprof.pattern,
    metrics: entry.metrics ?? { [MPROF_METRIC]: 'memory' },
    unitBytes: entry.unitBytes ?? mprof.unitBytes,
    time: entry.time ?? mprof.time,
    timeUnitMs: entry.timeUnitMs ?? mprof.timeUnitMs,
    noMatch: mprof.noMatch
  }
  // children's memory by pid (`--multiprocess`): one pattern reads one kind of line
  const children =
    mprof.children > 0
      ? `; its CHLD lines (each child's memory, --multiprocess) are not read: run \`mprof run --include-children\` to count the children in MEM, or list the file under series: with pattern '^CHLD (?<pid>\\d+) (?<child_mem>[\\d.]+) (?<time>[\\d.]+)$', group: pid, unit: MiB`
      : ''
  return {
    spec,
    how: `memory_profiler (mprof run): MEM, the resident memory of the process in MiB (RSS; with --include-children, its children's too), as ${MPROF_METRIC}, by epoch seconds; MEM 0.000000 lines (written once the process has exited) are no reading: left out${children}`
  }
}

/**
 * A series entry completed to read a log format leak-gate knows with no
 * pattern: a collector trace ({@link gcLogSeries}) or mprof output ({@link mprofSeries}).
 */
export function builtInLogSeries(
  entry: SeriesSpec,
  head: readonly string[]
): { spec: SeriesSpec; how: string } | undefined {
  return gcLogSeries(entry, head) ?? mprofSeries(entry, head)
}

/**
 * Why lines of printed JavaScript objects (`console.log(process.memoryUsage())`:
 * util.inspect, keys unquoted) are not read when no `{` opens an object
 * (whole objects are: understand/printed-objects.ts), what to log instead,
 * and a pattern for them as they are when each object is one line.
 */
function inspectedReason(file: string, lines: readonly string[]): string {
  const suggestion = suggestLogPattern(lines)
  // an object over several lines (Node's default past 80 columns) gives one key per line
  const asIs =
    suggestion !== undefined && !lines.some((line) => /\{\s*$|^\s*\},?\s*$/.test(line))
      ? `, or read it as it is with a pattern under series:, e.g. ${suggestionYaml(file, suggestion)}`
      : ''
  return `printed JavaScript objects (\`console.log(process.memoryUsage())\`) but no whole object in the first lines: save whole objects (read with no config, one per line or over several), or log \`JSON.stringify({time: new Date(), ...process.memoryUsage()})\`, one object per line (JSON lines)${asIs}`
}

/** Why a process tool's printout is not read, and what to log instead. */
export function processToolReason(printout: ToolPrintout): string {
  if (printout.why === TOP_WITHOUT_HEADER)
    return `${printout.tool} with ${printout.why}: top prints that header unless its fields were changed (\`f\`, saved in toprc); save \`top -b -d 10 -p $PID > top.log\` with the default fields, then it is read with no config (RES, VIRT, SHR per PID)`
  if (printout.why === TOP_AFTER_OTHER_LINES)
    return `${printout.tool} after ${printout.why}: save top's output alone (\`top -b -d 10 -p $PID > top.log\`) or remove the lines above it; it is then read with no config (RES, VIRT, SHR per PID)`
  if (printout.why === PROC_AFTER_OTHER_LINES)
    return `${printout.tool} after ${printout.why}: save its output alone (\`pidstat -r -p $PID 5 > pidstat.log\`) or remove the lines above it; it is then read with no config (RSS per PID)`
  if (printout.why === JSTAT_AFTER_OTHER_LINES)
    return `${printout.tool} after ${printout.why}: save jstat's output alone (\`jstat -gc -t $PID 5s > jstat.log\`) or remove the lines above it; it is then read with no config (the old generation and metaspace in use)`
  const instead = printout.tool.startsWith('`jstat')
    ? 'save `jstat -gc -t $PID 5s > jstat.log` instead (sizes in KiB, timed by the JVM uptime): it is read with no config (the old generation and metaspace in use)'
    : 'log one CSV row per sample instead, a header `time,rss_kb` then `echo "$(date +%s),$(ps -o rss= -p $PID)"` in the loop (or `awk \'/VmRSS/{print $2}\' /proc/$PID/status`), or docker stats, process.memoryUsage() JSON lines or Prometheus scrapes'
  return `${printout.tool}, not a format leak-gate reads (${printout.why}): ${instead}`
}

/**
 * Decides, from names and first lines only, which files zero-config reads and
 * how. One `snapshots` pair at most: two files of one folder named the same
 * but for a before/after word (`start.json` / `end.json`,
 * `memory-before.json` / `memory-after.json`, `baseline.json` /
 * `post-test.json`: `understand/snapshot-pairs.ts`), else the first
 * `baseline.*` / `before.*` / `pre*.*` (in path order) with a `post*.*` /
 * `after.*` snapshot of the same format, preferably in the same folder.
 * A file whose name pairs it with a file that is no snapshot of its format is
 * judged as any other file.
 */
export function detectInputs(files: FileHead[]): DetectedInputs {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const result: DetectedInputs = { series: [], used: [], skipped: [] }
  const namedPairs = namedSnapshotPairs(sorted.map((file) => file.path))
  const pairedRole = new Map<string, 'baseline' | 'post'>()
  for (const pair of namedPairs) {
    if (!pairedRole.has(pair.baseline)) pairedRole.set(pair.baseline, 'baseline')
    if (!pairedRole.has(pair.post)) pairedRole.set(pair.post, 'post')
  }
  type SnapshotEntry = {
    file: string
    format: InputFormat
    how: string
    /** The role its own name gives (`baseline.*`, `post*.*`), else undefined: a partner by name only. */
    named?: 'baseline' | 'post'
    head: FileHead
  }
  const snapshots: SnapshotEntry[] = []
  const take = (file: FileHead, decision: Decision): void => {
    if (decision.use === 'skip') result.skipped.push({ file: file.path, reason: decision.reason })
    else if (decision.use === 'series') {
      result.series.push(decision.spec)
      result.used.push({
        file: file.path,
        role: 'series',
        format: decision.spec.format ?? 'csv',
        how: decision.how
      })
    }
  }
  for (const file of sorted) {
    const decision = decide(file, pairedRole.get(file.path))
    if (decision.use !== 'snapshot') {
      take(file, decision)
      continue
    }
    const stem = nameParts(file.path).stem
    const named = BASELINE_NAME.test(stem) ? 'baseline' : POST_NAME.test(stem) ? 'post' : undefined
    snapshots.push({
      file: file.path,
      format: decision.format,
      how: decision.how,
      named,
      head: file
    })
  }
  const byPath = new Map(snapshots.map((entry) => [entry.file, entry]))
  const entryOf = (path: string) => byPath.get(path)
  let pair: { baseline: SnapshotEntry; post: SnapshotEntry; words?: [string, string] } | undefined
  // files in a pair by name whose both files are snapshots of one format
  const pairable = new Set<SnapshotEntry>()
  for (const named of namedPairs) {
    const baseline = entryOf(named.baseline)
    const post = entryOf(named.post)
    if (!baseline || !post || baseline.format !== post.format) continue
    pairable.add(baseline).add(post)
    // the pair's words are said when the names alone (`baseline.*`, `post*.*`) would not pair them
    const byOwnNames = baseline.named === 'baseline' && post.named === 'post'
    pair ??= { baseline, post, ...(byOwnNames ? {} : { words: named.words }) }
  }
  const folder = (path: string) => path.slice(0, path.lastIndexOf('/') + 1)
  if (!pair) {
    for (const baseline of snapshots.filter((entry) => entry.named === 'baseline')) {
      const candidates = snapshots.filter(
        (entry) => entry.named === 'post' && entry.format === baseline.format
      )
      const post = candidates.find((c) => folder(c.file) === folder(baseline.file)) ?? candidates[0]
      if (post) {
        pair = { baseline, post }
        break
      }
    }
  }
  if (pair) {
    result.snapshots = {
      baseline: escapeGlob(pair.baseline.file),
      post: escapeGlob(pair.post.file)
    }
    // the roles the pair gives (`post-idle.json` / `post-loaded.json`: idle is the baseline)
    const roleHow = (how: string, role: 'baseline' | 'post-test') =>
      how.replace(/^(?:baseline|post-test) snapshot/, `${role} snapshot`)
    const pairedBy = (partner: string) =>
      pair!.words ? `, paired by name with ${partner} (${pair!.words[0]} → ${pair!.words[1]})` : ''
    result.used.push({
      file: pair.baseline.file,
      role: 'baseline',
      format: pair.baseline.format,
      how: roleHow(pair.baseline.how, 'baseline').replace(
        / \((JSON|Prometheus text)\);/,
        ` ($1)${pairedBy(pair.post.file)};`
      )
    })
    result.used.push({
      file: pair.post.file,
      role: 'post',
      format: pair.post.format,
      how: roleHow(pair.post.how, 'post-test').replace(
        / \((JSON|Prometheus text)\);/,
        ` ($1)${pairedBy(pair.baseline.file)};`
      )
    })
  }
  for (const entry of snapshots) {
    if (entry === pair?.baseline || entry === pair?.post) continue
    if (entry.named === undefined && !pairable.has(entry))
      // its partner by name is no snapshot of its format: judged as any other file
      take(entry.head, decide(entry.head))
    else if (pair)
      result.skipped.push({
        file: entry.file,
        reason: `another snapshot pair is used (${pair.baseline.file} → ${pair.post.file}); list this one under snapshots: instead`
      })
    else
      result.skipped.push({
        file: entry.file,
        reason:
          entry.named === 'baseline'
            ? `baseline snapshot without a post*.${entry.format === 'json' ? 'json' : 'prom'} snapshot of the same format`
            : 'post-test snapshot without a baseline.* snapshot of the same format'
      })
  }
  groupScrapeFiles(result, sorted)
  result.used.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  result.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  return result
}

/** A glob matching exactly `members` among `paths`: the last digit run as `*` when that is exact, else a list. */
function groupGlob(members: string[], paths: string[]): string {
  const first = members[0]
  const cut = first.lastIndexOf('/') + 1
  const base = first.slice(cut)
  const last = /\d+(?=\D*$)/.exec(base)!
  const starred =
    escapeGlob(first.slice(0, cut) + base.slice(0, last.index)) +
    '*' +
    escapeGlob(base.slice(last.index + last[0].length))
  const matched = matchFiles(starred, paths)
  if (matched.length === members.length && matched.every((path) => members.includes(path)))
    return starred
  return `{${members.map((path) => escapeGlob(path).replace(/,/g, '\\,')).join(',')}}`
}

/**
 * Prometheus files that make a scrape sequence ({@link groupScrapeSequences}:
 * same folder, names differing only in their last digits, at least 3, no two
 * at the same time) become one series entry whose glob matches them all, so
 * the loader reads them as one series in file-name order (not 12 one-point
 * series). Shards in other folders and replicas scraped at one moment stay
 * entries of their own.
 */
function groupScrapeFiles(result: DetectedInputs, files: FileHead[]): void {
  const paths = files.map((file) => file.path)
  const candidates: Array<{ file: string; time: number; spec: SeriesSpec }> = []
  for (const spec of result.series) {
    if (spec.format !== 'prometheus') continue
    const use = result.used.find((entry) => escapeGlob(entry.file) === spec.file)
    if (!use || use.how.startsWith('binary')) continue
    const head = files.find((file) => file.path === use.file)?.head ?? []
    candidates.push({ file: use.file, time: headScrapeTime(cleanLines(head)), spec })
  }
  for (const group of groupScrapeSequences(candidates)) {
    const members = group.map((member) => member.file)
    const specs = group.map((member) => member.spec)
    const glob = groupGlob(members, paths)
    const names = result.used
      .find((use) => use.file === members[0])!
      .how.replace(/^Prometheus scrape\(s\), one point per scrape/, '')
    const how = `Prometheus scrapes saved one per file (${members.length} files, ${glob}), one point per scrape in file-name order${names}`
    for (const use of result.used) if (members.includes(use.file)) use.how = how
    const at = Math.min(...specs.map((spec) => result.series.indexOf(spec)))
    result.series = result.series.filter((spec) => !specs.includes(spec))
    result.series.splice(at, 0, { file: glob, format: 'prometheus' })
  }
}

/**
 * The load stage's entry: pick the parser for a format (exhaustive switch,
 * so a new format cannot be forgotten). Which format a file is was decided
 * before, by the input plan (`plan/`, with `understand/sniff.ts`).
 */
import { isMarkdownName, MarkdownTableToCsv } from '../understand/markdown-table.js'
import {
  DOTNET_COUNTERS_HEADER,
  headerlessDotnetCounters,
  isCutLine
} from '../understand/dotnet-counters-rows.js'
import {
  findTopTable,
  TOP_MEMORY_COLUMNS,
  topCsvHeader,
  TopRowsToCsv
} from '../understand/top-rows.js'
import { headerlessContainerRows } from '../understand/container-rows.js'
import type { InputFormat, Snapshot } from '../model.js'
import { loadCsv, loadCsvUnder } from './csv.js'
import { dotnetCountersRequest, reshapeCounters } from './dotnet-counters.js'
import {
  checkPlainSizes,
  k6CsvReading,
  longRequest,
  namedLongReading,
  reshapeLong,
  type LongReading
} from './long-table.js'
import { withProcessSplitNote } from './process-groups.js'
import { longTable } from '../understand/long-rows.js'
import { jsonProcessSplit, processSplit, type ProcessSplit } from '../understand/process-columns.js'
import { loadDockerStats } from './docker-stats.js'
import { jstatRequest, loadJstat } from './jstat.js'
import {
  bareNumbersRequest,
  loadBareNumbers,
  loadProcFile,
  procFileRequest,
  loadProcTable,
  procTableRequest
} from './proc-table.js'
import { isPm2ProcessList, PM2_MEMORY, PM2_NAME, PM2_NOTE } from '../understand/pm2.js'
import { findBareNumbers, findProcFile, findProcTable } from '../understand/proc-tables.js'
import { findJstatTable, nameParts, parseJsonObject } from '../understand/sniff.js'
import { loadJsonSnapshot } from './json.js'
import { loadJsonl } from './jsonl.js'
import { ErrorSink, type LineBatchSource, type LineSource, mapLines } from './lines.js'
import { loadLog } from './log.js'
import {
  loadPrometheusScrapes,
  loadPrometheusSeries,
  loadPrometheusSnapshot,
  type ScrapeFile
} from './prometheus.js'
import { result } from './result.js'
import { splitRuns } from './runs.js'
import { dropCoarseTimes } from './coarse-time.js'
import { isK6CsvHeader } from '../understand/names.js'
import { isK6MemoryMetric } from '../understand/metric-exports.js'
import type { SeriesLoadRequest, SeriesLoadResult, SnapshotLoadResult } from './types.js'

export type { LineSource, LineBatchSource } from './lines.js'
export { toAsync, splitText } from './lines.js'
export type { ScrapeFile } from './prometheus.js'
export { splitRuns } from './runs.js'
export { naturalCompare } from './prometheus.js'

/**
 * Loads a series file in the request's format. Never throws for bad input:
 * errors are in the result. Several runs appended to the file become series
 * of their own (`metric[run N]`) and gaps in sampling are noted ({@link splitRuns}),
 * so every caller judges the same series. A file whose numeric dates prove day-first
 * (`14/08/2025`) only after some month-first readings is read once more with
 * the order fixed, when its source can be read twice (a file, an array).
 */
export async function loadSeries(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  return withRuns(await loadSeriesReread(lines, request))
}

/**
 * The load with appended runs split and sampling gaps noted (runs.ts), then
 * times too coarse to order the samples dropped for file order (coarse-time.ts).
 */
function withRuns(loaded: SeriesLoadResult): SeriesLoadResult {
  if (loaded.series.length === 0) return loaded
  const listed = loaded.series.filter((one) => !one.witnessOnly)
  const runs = splitRuns(listed)
  const coarse = dropCoarseTimes(runs.series)
  const notes = [...(loaded.notes ?? []), ...runs.notes, ...coarse.notes]
  // witnesses split the same way on their own, after the listed series; their notes are not said
  const witnesses = loaded.series.filter((one) => one.witnessOnly)
  const witnessed = witnesses.length > 0 ? dropCoarseTimes(splitRuns(witnesses).series).series : []
  return {
    ...loaded,
    series: [...coarse.series, ...witnessed],
    ...(notes.length > 0 ? { notes } : {})
  }
}

async function loadSeriesReread(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const loaded = await loadSeriesOnce(lines, request)
  if (loaded.rereadWithOrder === undefined) return loaded
  const spec = { ...request.spec, timeFormat: 'DD/MM/YYYY' }
  const note = loaded.rereadNote
  if (canReadTwice(lines)) {
    const again = await loadSeriesOnce(lines, { ...request, spec })
    return note === undefined ? again : { ...again, notes: [...(again.notes ?? []), note] }
  }
  const sink = new ErrorSink(request.file)
  sink.add(
    undefined,
    request.spec.time,
    note === undefined
      ? 'dates proven day-first (DD/MM) only after month-first readings'
      : 'dates that step forward only day-first (DD/MM), known only after month-first readings',
    'one order for the whole column: set `time-format: DD/MM/YYYY` on the series'
  )
  return result([], loaded.rows, sink)
}

/** True for a source that can be read again from its start (a file's batches, an array). */
function canReadTwice(lines: LineSource): boolean {
  return typeof (lines as Partial<LineBatchSource>).batches === 'function' || Array.isArray(lines)
}

async function loadSeriesOnce(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const format: InputFormat = request.format
  switch (format) {
    case 'docker-stats':
      // rows saved without their header (docker's `--format` cells, `kubectl top --no-headers`):
      // by the sniffer's test on the same head
      return loadDockerStats(lines, request, headerlessContainerRows(await safePeekHead(lines)))
    case 'csv': {
      if (isMarkdownName(request.file)) return loadCsv(markdownAsCsv(lines), request)
      const top = await topReading(lines, request)
      if (top) return loadTop(lines, top)
      const proc = await procTableReading(lines, request)
      if (proc?.table) return loadProcTable(lines, proc.table, proc.request)
      if (proc?.numbers) return loadBareNumbers(lines, proc.numbers, proc.request)
      if (proc?.file) return loadProcFile(lines, proc.file, proc.request)
      const jstat = await jstatReading(lines, request)
      if (jstat) return loadJstat(lines, jstat.table, jstat.request, jstat.witnesses)
      const counters = await dotnetCountersReading(lines, request)
      if (counters) return reshapeCounters(await loadCsv(lines, counters), request)
      const headerless = await headerlessCountersReading(lines, request)
      if (headerless)
        return reshapeCounters(
          await loadCsvUnder(
            DOTNET_COUNTERS_HEADER,
            mapLines(lines, (line) => (isCutLine(line) ? '' : line)),
            headerless
          ),
          request
        )
      const head = await safePeekHead(lines)
      const long = longTableReading(head, request)
      if (long) {
        const reshaped = reshapeLong(await loadCsv(lines, long.request), request, long.reading)
        return checkPlainSizes(reshaped, request, long.reading)
      }
      const split = processSplitReading(head, request)
      if (split) return withProcessSplitNote(await loadCsv(lines, split.request), split.split)
      const k6 = await k6Reading(lines, request)
      if (k6) return k6Series(await loadCsv(lines, k6.request), request, k6.reading)
      return groupedIfInterleaved(lines, request, await loadCsv(lines, request), loadCsv)
    }
    case 'jsonl': {
      const head = await safePeekHead(lines)
      const pm2 = pm2Request(head, request)
      if (pm2 !== undefined) {
        const loaded = await loadJsonl(lines, pm2)
        return { ...loaded, notes: [PM2_NOTE, ...(loaded.notes ?? [])] }
      }
      // several processes side by side in JSON lines (`{"time":…,"name":"api","mem":…}` per app)
      const split = jsonProcessSplitReading(head, request)
      if (split) return withProcessSplitNote(await loadJsonl(lines, split.request), split.split)
      return groupedIfInterleaved(lines, request, await loadJsonl(lines, request), loadJsonl)
    }
    case 'log':
      return loadLog(lines, request)
    case 'prometheus':
      if (request.spec.unitBytes !== undefined || request.spec.timeUnitMs !== undefined)
        return unitsRefused(request)
      return loadPrometheusSeries(lines, request)
    case 'json':
      // a JSON array of sample objects is a series; one JSON object is a snapshot (reported)
      return loadJsonl(lines, request, true)
  }
}

/** The lines of a Markdown file as CSV lines, one for one (understand/markdown-table.ts). */
function markdownAsCsv(lines: LineSource): AsyncIterable<string | readonly string[]> {
  const table = new MarkdownTableToCsv()
  return mapLines(lines, (line) => table.line(line))
}

/**
 * Loads `top -b` output as CSV (understand/top-rows.ts): a cut row is an error
 * quoting the row, a file with no rows quotes top's own header line.
 */
function loadTop(
  lines: LineSource,
  request: SeriesLoadRequest & { headerless: boolean }
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const top = new TopRowsToCsv(request.headerless, sink)
  const csv = mapLines(lines, (line) => top.line(line))
  if (request.headerless) return loadCsvUnder(topCsvHeader(false), csv, request, { sink })
  return loadCsv(csv, request, { sink, shownHeader: () => top.header })
}

/** Lines the top test reads: as many as the input plan's head (plan/index.ts), so both decide alike. */
const TOP_HEAD_LINES = 200
/** Characters of the head at most, as the plan's head (its first 64 KiB). */
const TOP_HEAD_CHARS = 64 * 1024

/**
 * The reading of a file that starts as `top -b` output (by the sniffer's own
 * test on the same head, {@link findTopTable}): one series per PID (processes
 * of one screen run side by side, not one after another) of RES, VIRT and SHR,
 * unless the entry names its own group or metrics.
 */
async function topReading(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<(SeriesLoadRequest & { headerless: boolean }) | undefined> {
  const head = await safePeekHead(lines)
  if (head.length === 0) return undefined // the loader reports an unreadable or empty file
  // a CSV whose header starts `Cpu,…` is no top output: top's column header must be in the head
  const table = findTopTable(head)
  if (table === undefined) return undefined
  const spec = { ...request.spec }
  spec.group ??= 'PID'
  spec.metrics ??= Object.fromEntries(TOP_MEMORY_COLUMNS.map((column) => [column, 'memory']))
  return { ...request, spec, headerless: table.headerless }
}

/**
 * The reading of a file that starts as `jstat -gc` output (by the sniffer's own test on the same
 * head, understand/sniff.ts `findJstatTable`): load/jstat.ts.
 */
async function jstatReading(lines: LineSource, request: SeriesLoadRequest) {
  const head = await safePeekHead(lines)
  if (head.length === 0) return undefined // the loader reports an unreadable or empty file
  const table = findJstatTable(head)
  if (table?.header.option !== 'gc') return undefined
  return { table, ...jstatRequest(table, request) }
}

/**
 * The reading of a file that starts as `pidstat -r` output or a loop of `ps -o …,rss,…` (by the
 * sniffer's own test on the same head, understand/proc-tables.ts): load/proc-table.ts.
 */
async function procTableReading(lines: LineSource, request: SeriesLoadRequest) {
  const head = await safePeekHead(lines)
  if (head.length === 0) return undefined // the loader reports an unreadable or empty file
  const table = findProcTable(head)
  if (table !== undefined) return { table, request: procTableRequest(table, request) }
  // a loop's bare numbers (`date; ps -o rss= -p $PID`): named by the file when it names memory
  const numbers = findBareNumbers(head, nameParts(request.file).stem)
  if (numbers !== undefined) return { numbers, request: bareNumbersRequest(numbers, request) }
  const file = findProcFile(head)
  if (file !== undefined) return { file, request: procFileRequest(file, request) }
  return undefined
}

/**
 * `pm2 jlist` saved in a loop (understand/pm2.ts): unless the entry names its own, one series per
 * app `name` (every app is in each sample, side by side) of `monit.memory`.
 */
function pm2Request(
  head: readonly string[],
  request: SeriesLoadRequest
): SeriesLoadRequest | undefined {
  if (!isPm2ProcessList(head)) return undefined
  const spec = { ...request.spec }
  spec.group ??= PM2_NAME
  spec.metrics ??= { [PM2_MEMORY]: 'memory' }
  return { ...request, spec }
}

/** Prometheus values and timestamps are in base units already: `unit:`/`time-unit:` would mislead. */
function unitsRefused(request: SeriesLoadRequest): SeriesLoadResult {
  const sink = new ErrorSink(request.file)
  const key = request.spec.unitBytes !== undefined ? 'unit' : 'time-unit'
  sink.add(
    undefined,
    undefined,
    key,
    'no `unit:` or `time-unit:` on a Prometheus series (its values are bytes and seconds, its timestamps ms)'
  )
  return result([], 0, sink)
}

/**
 * Loads the files one series entry matched as one input: Prometheus scrapes
 * saved one per file (`scrape-01.prom` … `scrape-12.prom`) become one series
 * per metric in natural file-name order, named by `request.file` (the glob),
 * when they make a sequence (one folder, names differing only in their last
 * digits, at least 3, no two at one time); other files, such as shards in
 * other folders or replicas, stay series of their own.
 * Runs are split as {@link loadSeries} splits them.
 * Other formats have no meaning across files, so only a single file is read
 * that way; several are an error naming the entry.
 */
export async function loadSeriesFiles(
  files: ScrapeFile[],
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  if (request.format === 'prometheus') {
    if (request.spec.unitBytes !== undefined || request.spec.timeUnitMs !== undefined)
      return unitsRefused(request)
    return withRuns(await loadPrometheusScrapes(files, request))
  }
  if (files.length === 1) return loadSeries(files[0].lines, { ...request, file: files[0].file })
  const sink = new ErrorSink(request.file)
  sink.add(
    undefined,
    undefined,
    `${files.length} files`,
    `one ${request.format} file per series (only Prometheus scrapes are read across files)`
  )
  return result([], 0, sink)
}

/** Loads a snapshot (baseline / post-test values) in the given format. */
export async function loadSnapshot(
  lines: LineSource,
  file: string,
  format: InputFormat
): Promise<SnapshotLoadResult> {
  switch (format) {
    case 'json':
      return loadJsonSnapshot(lines, file)
    case 'prometheus':
      return loadPrometheusSnapshot(lines, file)
    case 'docker-stats':
    case 'csv':
    case 'jsonl':
    case 'log': {
      const sink = new ErrorSink(file)
      // the config's `format:` key, not a column of the file
      sink.add(undefined, undefined, `format: ${format}`, 'a snapshot format (json or prometheus)')
      const snapshot: Snapshot = { file, values: {} }
      return { snapshot, rows: 0, errors: sink.errors, errorCount: sink.count }
    }
  }
}

/** The first line of a source that can be read twice (a file, an array), else undefined. */
async function peekFirstLine(lines: LineSource): Promise<string | undefined> {
  const scan = (lines as Partial<LineBatchSource>).scan
  if (typeof scan === 'function') {
    // only the first line is decoded (a batch is a whole 1 MiB chunk split into lines)
    let first: string | undefined
    await scan.call(lines, { lines: 0, walk: (_bytes, start) => start }, (line) => {
      first = line
      return false
    })
    return first
  }
  if (typeof (lines as Partial<LineBatchSource>).batches === 'function') {
    for await (const batch of (lines as LineBatchSource).batches()) return batch[0]
    return undefined
  }
  if (Array.isArray(lines)) return lines[0] as string | undefined
  return undefined
}

/** The first `count` lines of a source (fewer once they hold `chars` characters), without reading the rest. */
async function peekHead(lines: LineSource, count: number, chars: number): Promise<string[]> {
  const head: string[] = []
  let size = 0
  const take = (line: string): boolean => {
    head.push(line.slice(0, chars - size))
    size += line.length + 1
    return head.length < count && size < chars
  }
  const scan = (lines as Partial<LineBatchSource>).scan
  if (typeof scan === 'function') {
    await scan.call(lines, { lines: 0, walk: (_bytes, start) => start }, take)
    return head
  }
  if (typeof (lines as Partial<LineBatchSource>).batches === 'function') {
    for await (const batch of (lines as LineBatchSource).batches())
      for (const line of batch) if (!take(line)) return head
    return head
  }
  if (Array.isArray(lines)) for (const line of lines as string[]) if (!take(line)) break
  return head
}

/** The reading of a dotnet-counters CSV (one series per counter), or undefined for any other CSV. */
async function dotnetCountersReading(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadRequest | undefined> {
  let header: string | undefined
  try {
    header = await peekFirstLine(lines)
  } catch {
    return undefined // the loader reports an unreadable file
  }
  const columns = header?.replace(/^\uFEFF/, '').split(',')
  return columns ? dotnetCountersRequest(columns, request) : undefined
}

/**
 * The reading of dotnet-counters rows that came without their header
 * (understand/dotnet-counters-rows.ts), by the same head test as the input plan.
 */
async function headerlessCountersReading(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadRequest | undefined> {
  let head: string[]
  try {
    head = await peekHead(lines, 16, 16 * 1024)
  } catch {
    return undefined // the loader reports an unreadable file
  }
  if (!headerlessDotnetCounters(head)) return undefined
  return dotnetCountersRequest(DOTNET_COUNTERS_HEADER.split(','), request)
}

/** The head the input plan reads of a file (none when it cannot be read: the loader reports it). */
async function safePeekHead(lines: LineSource): Promise<string[]> {
  try {
    return await peekHead(lines, TOP_HEAD_LINES, TOP_HEAD_CHARS)
  } catch {
    return []
  }
}

/** The columns an entry's `metrics:` lists as memory. */
function listedMemory(request: SeriesLoadRequest): string[] {
  const metrics = request.spec.metrics ?? {}
  return Object.keys(metrics).filter((name) => metrics[name] === 'memory')
}

/**
 * The reading of a long table (understand/long-rows.ts: one row per metric per
 * sample), by the same head test as the input plan; undefined for any other CSV.
 */
function longTableReading(
  head: readonly string[],
  request: SeriesLoadRequest
): { request: SeriesLoadRequest; reading: LongReading } | undefined {
  const table = longTable(head, listedMemory(request))
  if (table === undefined) return undefined
  const reading = namedLongReading(table, request.spec)
  const grouped = longRequest(reading, request)
  return grouped && { request: grouped, reading }
}

/**
 * The reading of a CSV whose `pid` or program-name column shows several
 * processes sampled side by side (understand/process-columns.ts): grouped by
 * it, when the entry names no group; by the same head test as the input plan.
 */
function processSplitReading(
  head: readonly string[],
  request: SeriesLoadRequest
): { request: SeriesLoadRequest; split: ProcessSplit } | undefined {
  if (request.spec.group !== undefined) return undefined
  const split = processSplit(head, listedMemory(request))
  if (split === undefined) return undefined
  return { request: { ...request, spec: { ...request.spec, group: split.column } }, split }
}

/**
 * A file read with no group whose pid column's values came back after the head that planned it
 * (processes that began to alternate later): read again grouped by it, one series per process,
 * as when the head shows them; said in the same note. Once only, and only from a source that
 * can be read twice.
 */
async function groupedIfInterleaved(
  lines: LineSource,
  request: SeriesLoadRequest,
  loaded: SeriesLoadResult,
  load: (lines: LineSource, request: SeriesLoadRequest) => Promise<SeriesLoadResult>
): Promise<SeriesLoadResult> {
  const late = loaded.lateProcessSplit
  if (late === undefined || request.spec.group !== undefined || !canReadTwice(lines)) return loaded
  const grouped = await load(lines, { ...request, spec: { ...request.spec, group: late.column } })
  if (grouped.series.length === 0) return loaded
  return withProcessSplitNote(grouped, { column: late.column, what: 'pid', values: late.values })
}

/** {@link processSplitReading} for JSON lines: one object per line, by the same rule. */
function jsonProcessSplitReading(
  head: readonly string[],
  request: SeriesLoadRequest
): { request: SeriesLoadRequest; split: ProcessSplit } | undefined {
  if (request.spec.group !== undefined) return undefined
  const objects = head.map(parseJsonObject)
  // JSON lines (most lines an object): printed objects keep their own reading
  const parsed = objects.filter((object): object is Record<string, unknown> => object !== undefined)
  if (parsed.length * 2 < head.filter((line) => line.trim() !== '').length) return undefined
  const split = jsonProcessSplit(parsed, listedMemory(request))
  if (split === undefined) return undefined
  return { request: { ...request, spec: { ...request.spec, group: split.column } }, split }
}

/**
 * A csv entry naming no group over a k6 CSV output reads it as k6 means it:
 * grouped by `metric_name`, the value in `metric_value`, the tag columns
 * ignored (else `status` would be a series and `metric_value` a mix of every
 * metric). So when it names no metrics either, or only metrics that are no
 * column of the file (`metrics: {heap_used_mb: memory}`, a metric name).
 */
async function k6Reading(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<{ request: SeriesLoadRequest; reading: LongReading } | undefined> {
  const { spec } = request
  if (spec.group !== undefined) return undefined
  let header: string | undefined
  try {
    header = await peekFirstLine(lines)
  } catch {
    return undefined // the loader reports an unreadable file
  }
  const columns = header
    ?.replace(/^\uFEFF/, '')
    .split(',')
    .map((column) => column.trim().replace(/"/g, ''))
  if (!columns || !isK6CsvHeader(columns)) return undefined
  if (spec.metrics !== undefined && Object.keys(spec.metrics).some((key) => columns.includes(key)))
    return undefined
  const [name, time, value] = columns
  const reading = k6CsvReading({ name, time, value }, spec)
  return {
    request: {
      ...request,
      spec: { ...spec, group: name, time: spec.time ?? time, metrics: { [value]: 'count' } }
    },
    reading
  }
}

/**
 * A k6 CSV read per metric name: when a memory metric is among them (or the entry names its
 * metrics), each a series of its own by the k6 reading (memory judged, k6's own left out, said in
 * a note); else one `metric_value` series per metric, as a chart of the load (never judged as
 * memory).
 */
function k6Series(
  loaded: SeriesLoadResult,
  request: SeriesLoadRequest,
  reading: LongReading
): SeriesLoadResult {
  const memory = loaded.series.some(
    (series) => series.group !== undefined && isK6MemoryMetric(series.group)
  )
  if (!memory && request.spec.metrics === undefined) return loaded
  return checkPlainSizes(reshapeLong(loaded, request, reading), request, reading)
}

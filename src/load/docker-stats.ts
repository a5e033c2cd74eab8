/**
 * `docker stats` logged over time, in any of the three shapes people log it
 * (FORMATS §1): CSV/TSV with a header, or without one when its cells say
 * docker's columns (understand/container-rows.ts), JSON lines (`--format
 * '{{json .}}'` plus a time key, or after a `date` line of their own), or the
 * space-aligned table (optionally with a time prefix, or a time on its own
 * line before each frame, and with the ANSI escapes of a redirected streaming
 * `docker stats`); `kubectl top pod` read as that table, with its header or
 * as `--no-headers` rows. `MemUsage` is split into
 * usage (the series, bytes) and limit (`Series.limit`); one series per
 * container name, a new container id under that name read as a restart
 * (`Series.processChanges`). A log naming containers by id alone is one
 * series per id, unless each id's rows follow the last id's (one container
 * recreated: one series, a restart at each new id; see recreated.ts). `-- / --` rows (container stopping) are skipped and counted.
 * Known docker columns get docker's names (`MemUsage`, `MemPerc`, `CPUPerc`,
 * `PIDs`) whatever the header spelled, so `checks:` keys work for any logger.
 */
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import { DelimitedReader, type PlanFactory } from './csv.js'
import { finishRows, result } from './result.js'
import {
  ErrorSink,
  looksBinary,
  readAllLines,
  type ByteRowWalker,
  type LineSource
} from './lines.js'
import { RowLoader, type ColumnPlan } from './table.js'
import {
  dockerColumnOf,
  dockerColumnRoles,
  isDockerMemoryHeader,
  isTimeName,
  isUnheldSizeName,
  kindFromName
} from '../understand/names.js'
import {
  ANSI_RE,
  SPLIT_RE,
  TABLE_HEADER_RE,
  TIME_LINE_RE,
  TIME_PREFIX_RE,
  isDockerTableHeader,
  withoutTimePrefix
} from '../understand/sniff.js'
import { DatedJsonLinesReader, JsonArrayReader, JsonLinesReader } from './jsonl.js'
import {
  containerRowsNote,
  KUBECTL_COLUMNS,
  kubectlTopLine,
  type ContainerRows
} from '../understand/container-rows.js'

/** Column plan for docker-stats given all headers (see the module comment). */
export const dockerPlan =
  (request: SeriesLoadRequest): PlanFactory =>
  (headers) => {
    const hasUsage = headers.some(isDockerMemoryHeader)
    // no docker name for it: the sniffer found `usage / limit` cells under a memory-named column
    // (`memory`, `mem`); it is read as docker's MemUsage, its limit kept, under its own name
    const usageColumn = hasUsage ? undefined : headers.find(isUsageLimitName)
    // one series per container name; a new id under the same name is a restart (understand/names.ts)
    const { group: nameColumn, id: idColumn } = dockerColumnRoles(headers)
    const configured = request.spec.metrics !== undefined
    return (name: string): ColumnPlan | undefined => {
      if (nameColumn !== undefined && headers[nameColumn] === name)
        return { role: 'group', containers: true }
      if (idColumn !== undefined && headers[idColumn] === name)
        return { role: 'process', process: 'container id' }
      if (isTimeName(name)) return { role: 'time' }
      if (name === usageColumn)
        return { role: 'metric', metric: name, kind: 'memory', unit: 'bytes', usageLimit: true }
      const docker = dockerColumnOf(name)
      if (docker) {
        const wanted =
          configured ||
          (docker.kind === 'memory' && docker.unit === 'bytes') ||
          (!hasUsage && docker.metric === 'MemPerc')
        if (!wanted) return { role: 'ignore' }
        return {
          role: 'metric',
          metric: docker.metric,
          kind: docker.kind,
          unit: docker.unit,
          usageLimit: docker.usageLimit
        }
      }
      return configured ? undefined : { role: 'ignore' }
    }
  }

/** A column whose `usage / limit` cells are memory by its name (`memory`, `mem`; not `net_io`). */
function isUsageLimitName(name: string): boolean {
  return kindFromName(name) === 'memory' && !isUnheldSizeName(name)
}

/** The space-aligned table form. */
class TableReader {
  private headers: string[] | undefined
  private headerNumber = 0
  private loader: RowLoader | undefined
  private currentTime: string | undefined
  private readonly timeName: string

  constructor(
    private readonly request: SeriesLoadRequest,
    private readonly sink: ErrorSink
  ) {
    this.timeName = request.spec.time ?? 'time'
  }

  visit(raw: string, lineNumber: number): boolean {
    const line = (raw.includes('\x1b') ? raw.replace(ANSI_RE, '') : raw).trim()
    if (line === '') return true
    if (TIME_LINE_RE.test(line)) {
      this.currentTime = TIME_LINE_RE.exec(line)![1]
      return true
    }
    let cells = line.split(SPLIT_RE)
    let time = this.currentTime
    // a time before the row (`date -Iseconds`, `$(date)`, `date -R` ...): taken when
    // the rest has the header's columns (a container ID made of digits is no epoch)
    const prefixed = TIME_PREFIX_RE.exec(line)
    if (prefixed) {
      const rest = prefixed[2].split(SPLIT_RE)
      if (
        this.headers === undefined ||
        rest.length === this.headers.length ||
        cells.length !== this.headers.length
      ) {
        time = prefixed[1]
        cells = rest
      }
    }
    if (TABLE_HEADER_RE.test(cells[0]) && cells.some((cell) => /^(MEM|PRIV)/.test(cell))) {
      if (this.headers === undefined) return this.defineHeader(cells, lineNumber)
      return true
    }
    if (!this.headers) {
      if (looksBinary(line)) {
        this.sink.addBinary(lineNumber)
        return false
      }
      this.sink.add(
        lineNumber,
        undefined,
        line,
        'a docker stats header row (CONTAINER ID   NAME   CPU %   MEM USAGE / LIMIT ...)'
      )
      return false
    }
    if (cells.length !== this.headers.length) {
      if (looksBinary(line)) {
        this.sink.addBinary(lineNumber)
        return false
      }
      this.sink.add(
        lineNumber,
        this.headers[Math.min(cells.length, this.headers.length - 1)],
        `${cells.length} columns`,
        `${this.headers.length} columns as in the header on line ${this.headerNumber} (columns are separated by 2+ spaces)`
      )
      return true
    }
    cells.unshift(time ?? '')
    this.loader!.addRow(cells, lineNumber)
    return true
  }

  private defineHeader(cells: string[], lineNumber: number): boolean {
    this.headers = cells
    this.headerNumber = lineNumber
    const names = [this.timeName, ...cells]
    const plan = dockerPlan(this.request)(names)
    this.loader = new RowLoader({
      file: this.request.file,
      spec: this.request.spec,
      sink: this.sink,
      plan,
      numericStrings: true,
      optionalTime: true
    })
    return this.loader.defineColumns(names, lineNumber)
  }

  finish(): SeriesLoadResult {
    return finishLoader(this.loader, this.headerNumber, this.sink)
  }
}

function finishLoader(
  loader: RowLoader | undefined,
  headerLine: number,
  sink: ErrorSink
): SeriesLoadResult {
  return finishRows(loader, headerLine, sink, 'docker stats rows', skippedNote)
}

function skippedNote(skipped: number): string {
  return `${skipped} rows without a memory value ("-- / --", container not running) skipped`
}

/**
 * `kubectl top pod --no-headers` rows after a time (`echo $(date +%s)
 * $(kubectl top pod --no-headers)`) or after a time line of their own,
 * read as the table `kubectl top pod` prints with its header (NAME,
 * CPU(cores), MEMORY(bytes): one series per pod, CPU not read), each pod of
 * a line a row (understand/container-rows.ts).
 */
class KubectlRowsReader {
  private readonly loader: RowLoader
  private time: string | undefined
  private firstRow = 0

  constructor(
    request: SeriesLoadRequest,
    private readonly sink: ErrorSink
  ) {
    const names = [request.spec.time ?? KUBECTL_COLUMNS[0], ...KUBECTL_COLUMNS.slice(1)]
    this.loader = new RowLoader({
      file: request.file,
      spec: request.spec,
      sink,
      plan: dockerPlan(request)(names),
      numericStrings: true,
      optionalTime: true
    })
    this.loader.defineColumns(names, 0)
  }

  visit(raw: string, lineNumber: number): boolean {
    const line = (raw.includes('\x1b') ? raw.replace(ANSI_RE, '') : raw).trim()
    if (line === '') return true
    const read = kubectlTopLine(line)
    if (read === undefined) {
      if (looksBinary(line)) {
        this.sink.addBinary(lineNumber)
        return false
      }
      this.sink.add(
        lineNumber,
        undefined,
        line.slice(0, 80),
        '`kubectl top pod --no-headers` rows (NAME CPU MEMORY: `api-0 12m 210Mi`) after a time, or a line of only a time'
      )
      return true
    }
    if (read.kind === 'time') {
      this.time = read.time
      return true
    }
    if (this.firstRow === 0) this.firstRow = lineNumber
    const time = read.time ?? this.time ?? ''
    for (const record of read.records)
      this.loader.addRow([time, record.name, record.cpu, record.memory], lineNumber)
    return true
  }

  finish(): SeriesLoadResult {
    return finishRows(this.loader, this.firstRow, this.sink, '`kubectl top` rows')
  }
}

type Reader = { visit(line: string, lineNumber: number): boolean; finish(): SeriesLoadResult }

/**
 * Loads a docker-stats log in any of its shapes (see the module comment);
 * `rows`: the head is container stats rows without their header
 * (understand/container-rows.ts, the sniffer's test on the same head).
 */
export async function loadDockerStats(
  lines: LineSource,
  request: SeriesLoadRequest,
  rows?: ContainerRows
): Promise<SeriesLoadResult> {
  const loaded = await loadDockerShapes(lines, request, rows)
  const notes = [...(rows ? [containerRowsNote(rows)] : []), ...(loaded.notes ?? [])]
  const percentOnly =
    loaded.series.some((series) => series.metric === 'MemPerc' && series.kind === 'memory') &&
    !loaded.series.some((series) => series.kind === 'memory' && series.unit === 'bytes')
  if (percentOnly) notes.push(PERCENT_ONLY_NOTE)
  return notes.length > 0 ? { ...loaded, notes } : loaded
}

/**
 * Why a docker log of percentages alone is judged in them: `MemPerc` is the
 * usage over a limit that does not move (the host's memory when none is
 * set), so it grows in proportion with the usage and a leak shows the same.
 */
const PERCENT_ONLY_NOTE =
  'MemPerc judged as memory in percent of the limit, the file holding no usage in bytes: over a fixed limit it grows in proportion with the usage (default tolerance 5 % of the level and 0.5 points); save `{{.MemUsage}}` too to judge bytes'

async function loadDockerShapes(
  lines: LineSource,
  request: SeriesLoadRequest,
  rows: ContainerRows | undefined
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  let reader: Reader | undefined =
    rows?.kind === 'kubectl' ? new KubectlRowsReader(request, sink) : undefined
  let csvReader: DelimitedReader | undefined
  // a time line before anything else: the table's (`date` before each frame) or, when an object
  // follows, JSON lines' (`date` before each `--format '{{json .}}'`); the last one is held
  let heldTime: [string, number] | undefined
  // docker's CSV form walks its rows as bytes; its other forms are read as text
  const walker: ByteRowWalker = {
    lines: 0,
    walk(bytes, start, stop) {
      if (csvReader === undefined) {
        this.lines = 0
        return start
      }
      const next = csvReader.walk(bytes, start, stop)
      this.lines = csvReader.lines
      return next
    }
  }
  const visit = (line: string, lineNumber: number): boolean => {
    if (reader) return reader.visit(line, lineNumber)
    const clean = (line.includes('\x1b') ? line.replace(ANSI_RE, '') : line).trim()
    if (clean === '') return true
    if (TIME_LINE_RE.test(clean)) {
      heldTime = [line, lineNumber]
      return true
    }
    const body = withoutTimePrefix(clean)
    if (clean.startsWith('{') && heldTime !== undefined) {
      const dated = new DatedJsonLinesReader(
        new JsonLinesReader(request, sink, dockerPlan(request), true),
        sink
      )
      reader = {
        visit: (l, n) => dated.visit(l, n),
        finish: () => dated.finish('docker stats rows')
      }
    } else if (heldTime !== undefined) reader = new TableReader(request, sink)
    else if (clean.startsWith('{')) {
      const json = new JsonLinesReader(request, sink, dockerPlan(request), true)
      reader = { visit: (l, n) => json.visit(l, n), finish: () => json.finish('docker stats rows') }
    } else if (clean.startsWith('[')) {
      // `podman stats --format json`: one array per run, indented over many lines
      reader = new JsonArrayReader(
        new JsonLinesReader(request, sink, dockerPlan(request), true),
        sink,
        'docker stats rows'
      )
    } else if (
      isDockerTableHeader(clean) ||
      (/\S {2,}\S/.test(body) && !body.includes(',') && !body.includes('\t'))
    )
      reader = new TableReader(request, sink)
    else {
      const csv = new DelimitedReader(request, sink, dockerPlan(request), true, skippedNote)
      // rows without a header: read under docker's names for their cells, as no line of the file
      if (rows?.kind === 'docker') csv.visit(rows.rows.columns.join(rows.rows.delimiter), 0)
      csvReader = csv
      reader = { visit: (l, n) => csv.visit(l, n), finish: () => csv.finish() }
    }
    if (heldTime !== undefined && !reader.visit(heldTime[0], heldTime[1])) return false
    heldTime = undefined
    return reader.visit(line, lineNumber)
  }
  await readAllLines(lines, sink, visit, walker)
  // time lines and nothing else: the table reader says what it expected
  if (!reader && heldTime !== undefined) {
    reader = new TableReader(request, sink)
    reader.visit(heldTime[0], heldTime[1])
  }
  if (!reader) {
    if (sink.count === 0)
      sink.add(undefined, undefined, undefined, 'docker stats rows, found an empty file')
    return result([], 0, sink)
  }
  return reader.finish()
}

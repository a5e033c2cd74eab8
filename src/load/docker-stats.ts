/**
 * `docker stats` logged over time, in any of the three shapes people log it
 * (FORMATS §1): CSV/TSV with a header, JSON lines (`--format '{{json .}}'`
 * plus a time key), or the space-aligned table (optionally with a time
 * prefix, or a time on its own line before each frame, and with the ANSI
 * escapes of a redirected streaming `docker stats`). `MemUsage` is split into
 * usage (the series, bytes) and limit (`Series.limit`); one series per
 * container. `-- / --` rows (container stopping) are skipped and counted.
 * Known docker columns get docker's names (`MemUsage`, `MemPerc`, `CPUPerc`,
 * `PIDs`) whatever the header spelled, so `checks:` keys work for any logger.
 */
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import { DelimitedReader, type PlanFactory } from './csv.js'
import { finishRows, result } from './result.js'
import { ErrorSink, looksBinary, readAllLines, type LineSource } from './lines.js'
import { RowLoader, isTimeName, type ColumnPlan } from './table.js'
import { JsonLinesReader } from './jsonl.js'

/** Normalised header → docker column. */
const DOCKER_COLUMNS: Record<
  string,
  {
    metric: string
    kind: 'memory' | 'count'
    unit: 'bytes' | 'percent' | 'count'
    usageLimit?: boolean
  }
> = {
  memusage: { metric: 'MemUsage', kind: 'memory', unit: 'bytes', usageLimit: true },
  memusagelimit: { metric: 'MemUsage', kind: 'memory', unit: 'bytes', usageLimit: true },
  memoryusage: { metric: 'MemUsage', kind: 'memory', unit: 'bytes', usageLimit: true },
  memoryusagelimit: { metric: 'MemUsage', kind: 'memory', unit: 'bytes', usageLimit: true },
  privworkingset: { metric: 'MemUsage', kind: 'memory', unit: 'bytes', usageLimit: true },
  memperc: { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  'mem%': { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  '%mem': { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  mempercent: { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  mempercentage: { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  memoryperc: { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  memorypercentage: { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  'memory%': { metric: 'MemPerc', kind: 'memory', unit: 'percent' },
  cpuperc: { metric: 'CPUPerc', kind: 'count', unit: 'percent' },
  'cpu%': { metric: 'CPUPerc', kind: 'count', unit: 'percent' },
  '%cpu': { metric: 'CPUPerc', kind: 'count', unit: 'percent' },
  cpupercentage: { metric: 'CPUPerc', kind: 'count', unit: 'percent' },
  pids: { metric: 'PIDs', kind: 'count', unit: 'count' }
}

/** Container name columns, best first. */
const NAME_COLUMNS = ['name', 'names', 'containername', 'container', 'containerid', 'id']

/** Lower-cases and drops spaces, `_`, `/` and `-`: `MEM USAGE / LIMIT` → `memusagelimit`. */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_/\-.]+/g, '')
}

/** True when a header names docker's memory usage column (for format detection). */
export function isDockerMemoryHeader(name: string): boolean {
  return DOCKER_COLUMNS[normaliseHeader(name)]?.metric === 'MemUsage'
}

/** Column plan for docker-stats given all headers (see the module comment). */
export const dockerPlan =
  (request: SeriesLoadRequest): PlanFactory =>
  (headers) => {
    const normalised = headers.map(normaliseHeader)
    const hasUsage = normalised.some((name) => DOCKER_COLUMNS[name]?.metric === 'MemUsage')
    const nameColumn = NAME_COLUMNS.map((candidate) => normalised.indexOf(candidate)).find(
      (index) => index >= 0
    )
    const configured = request.spec.metrics !== undefined
    return (name: string): ColumnPlan | undefined => {
      const key = normaliseHeader(name)
      if (nameColumn !== undefined && headers[nameColumn] === name) return { role: 'group' }
      if (isTimeName(name)) return { role: 'time' }
      const docker = DOCKER_COLUMNS[key]
      if (docker) {
        const wanted =
          configured || docker.metric === 'MemUsage' || (!hasUsage && docker.metric === 'MemPerc')
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

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g
const SPLIT_RE = /\s{2,}|\t/
const TIME_TOKEN =
  '\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?|\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?|\\d{10,19}(?:\\.\\d+)?)\\]?'
const TIME_ONLY_RE = new RegExp(`^${TIME_TOKEN}$`)
const TIME_PREFIX_RE = new RegExp(`^${TIME_TOKEN}[\\s,|]+(\\S.*)$`)
const TABLE_HEADER_RE = /^(CONTAINER(?: ID)?|NAME)$/

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
    if (TIME_ONLY_RE.test(line)) {
      this.currentTime = TIME_ONLY_RE.exec(line)![1]
      return true
    }
    const cells = line.split(SPLIT_RE)
    let time = this.currentTime
    const prefixed = TIME_PREFIX_RE.exec(cells[0])
    if (prefixed && (this.headers === undefined || cells.length === this.headers.length)) {
      time = prefixed[1]
      cells[0] = prefixed[2]
    } else if (
      this.headers &&
      cells.length === this.headers.length + 1 &&
      TIME_ONLY_RE.test(cells[0])
    ) {
      time = TIME_ONLY_RE.exec(cells.shift()!)![1]
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

type Reader = { visit(line: string, lineNumber: number): boolean; finish(): SeriesLoadResult }

/** Loads a docker-stats log in any of its shapes (see the module comment). */
export async function loadDockerStats(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  let reader: Reader | undefined
  let csvReader: DelimitedReader | undefined
  const visitBytes = (bytes: Uint8Array, start: number, end: number, lineNumber: number) =>
    csvReader !== undefined && csvReader.visitBytes(bytes, start, end, lineNumber)
  const visit = (line: string, lineNumber: number): boolean => {
    if (reader) return reader.visit(line, lineNumber)
    const clean = (line.includes('\x1b') ? line.replace(ANSI_RE, '') : line).trim()
    if (clean === '' || TIME_ONLY_RE.test(clean)) {
      if (clean !== '') {
        reader = new TableReader(request, sink)
        return reader.visit(line, lineNumber)
      }
      return true
    }
    if (clean.startsWith('{')) {
      const json = new JsonLinesReader(request, sink, dockerPlan(request), true)
      reader = { visit: (l, n) => json.visit(l, n), finish: () => json.finish('docker stats rows') }
    } else if (/\S {2,}\S/.test(clean) && !clean.includes(',') && !clean.includes('\t'))
      reader = new TableReader(request, sink)
    else {
      const csv = new DelimitedReader(request, sink, dockerPlan(request), true, skippedNote)
      csvReader = csv
      reader = { visit: (l, n) => csv.visit(l, n), finish: () => csv.finish() }
    }
    return reader.visit(line, lineNumber)
  }
  await readAllLines(lines, sink, visit, visitBytes)
  if (!reader) {
    if (sink.count === 0)
      sink.add(undefined, undefined, undefined, 'docker stats rows, found an empty file')
    return result([], 0, sink)
  }
  return reader.finish()
}

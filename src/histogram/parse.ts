/**
 * Reads a class histogram file: tells its format from its first lines (or
 * takes the configured one), reads the optional `# leak-gate: work=N time=T`
 * line a load test may write above the tool's output, and hands each line to
 * the format's reader. Text only: a pickle (`tracemalloc.Snapshot.dump`,
 * pympler/objgraph pickles), a JVM `.hprof` or a pprof protobuf is refused
 * with an error that says how to print it as text. Nothing read from an
 * artifact is ever unpickled or deserialised.
 */
import { ErrorSink, looksBinary, readAllLines, type LineSource } from '../load/lines.js'
import type { ReportError } from '../model.js'
import { createJvmReader, JVM_HEADER_RE } from './jvm.js'
import { createObjgraphReader, OBJGRAPH_ROW_RE } from './objgraph.js'
import { createPprofReader, PPROF_HEADER_RE } from './pprof.js'
import { createPymplerReader, PYMPLER_HEADER_RE } from './pympler.js'
import type { HistogramLineReader } from './reader.js'
import { createTracemallocReader, TRACEMALLOC_ROW_RE } from './tracemalloc.js'
import { HISTOGRAM_FORMATS, type Histogram, type HistogramFormat } from './types.js'

/** How a file is read. */
export interface HistogramReadOptions {
  file: string
  /** The configured format; default: told from the first lines. */
  format?: HistogramFormat
  /** pympler tables hold changes since the previous call (print_diff, the default) or totals. */
  pymplerDiff?: boolean
}

/** A read histogram (undefined when the file could not be read as one) and its problems. */
export interface HistogramReadResult {
  histogram?: Histogram
  errors: ReportError[]
  errorCount: number
}

/** The annotation line: `# leak-gate: work=12000 time=2026-12-05T12:00:00Z` (time also epoch s or ms). */
const ANNOTATION_RE = /^#\s*leak-gate:\s*(.*)$/
/** Binary dumps by name: never read. */
const BINARY_DUMP_RE = /\.(?:pickle|pkl|p|hprof|pb|pb\.gz|pprof|prof|dump|dat|bin)$/i

/** What to print instead of a binary dump, by the tool that wrote it. */
export const BINARY_DUMP_EXPECTED =
  'a class histogram printed as text (jcmd <pid> GC.class_histogram, jmap -histo:live, ' +
  'objgraph.show_growth(), pympler print_diff(), print(stat) of tracemalloc statistics, ' +
  'go tool pprof -top): leak-gate never loads pickles or binary dumps from an artifact'

/**
 * The histogram format of a file's first lines, or undefined when they are
 * not one. Used by zero-config, so it must not claim ordinary logs or CSV:
 * objgraph and tracemalloc, which have no header, need their first line and
 * nearly all others to be rows.
 */
export function sniffHistogram(head: readonly string[]): HistogramFormat | undefined {
  const lines = head.filter((line) => line.trim() !== '' && !ANNOTATION_RE.test(line))
  if (lines.length === 0) return undefined
  if (lines.some((line) => JVM_HEADER_RE.test(line))) return 'jvm-histogram'
  if (lines.some((line) => PYMPLER_HEADER_RE.test(line))) return 'pympler'
  if (lines.some((line) => PPROF_HEADER_RE.test(line))) return 'pprof-top'
  const body = lines.filter((line) => !/^\s*\[.*\]\s*$/.test(line))
  if (mostly(body, TRACEMALLOC_ROW_RE)) return 'tracemalloc'
  if (mostly(lines, OBJGRAPH_ROW_RE)) return 'objgraph'
  return undefined
}

/**
 * Headerless formats: the first line and at least 4 in 5 of the lines seen
 * must be rows, so one bad row still gets its file:line error while a log
 * that happens to have one such line is not taken for a histogram.
 */
function mostly(lines: readonly string[], row: RegExp): boolean {
  if (lines.length === 0 || !row.test(lines[0])) return false
  const rows = lines.filter((line) => row.test(line)).length
  return rows * 5 >= lines.length * 4
}

/** True when a file name says it is a binary dump (pickle, hprof, pprof protobuf). */
export function isBinaryDumpName(file: string): boolean {
  return BINARY_DUMP_RE.test(file)
}

function createReader(format: HistogramFormat, pymplerDiff: boolean): HistogramLineReader {
  switch (format) {
    case 'jvm-histogram':
      return createJvmReader()
    case 'objgraph':
      return createObjgraphReader()
    case 'pympler':
      return createPymplerReader(pymplerDiff)
    case 'tracemalloc':
      return createTracemallocReader()
    case 'pprof-top':
      return createPprofReader()
  }
}

/** Reads one histogram file. Never throws for bad input: problems are in the result, with file:line. */
export async function readHistogram(
  lines: LineSource,
  options: HistogramReadOptions
): Promise<HistogramReadResult> {
  const { file } = options
  const sink = new ErrorSink(file)
  const done = (histogram?: Histogram): HistogramReadResult => ({
    ...(histogram ? { histogram } : {}),
    errors: sink.errors,
    errorCount: sink.count
  })
  if (isBinaryDumpName(file)) {
    sink.add(undefined, undefined, `a binary dump (${file.split('/').pop()})`, BINARY_DUMP_EXPECTED)
    return done()
  }
  let reader: HistogramLineReader | undefined
  let format = options.format
  const pending: Array<[string, number]> = []
  let work: number | undefined
  let time: number | undefined
  let binary = false
  const start = (): boolean => {
    format = format ?? sniffHistogram(pending.map(([line]) => line))
    if (!format) return false
    reader = createReader(format, options.pymplerDiff ?? true)
    for (const [line, number] of pending) reader.visit(line, number, sink)
    pending.length = 0
    return true
  }
  await readAllLines(lines, sink, (line, lineNumber) => {
    if (looksBinary(line)) {
      binary = true
      sink.add(
        lineNumber,
        undefined,
        'binary data (a pickle or another binary dump?)',
        BINARY_DUMP_EXPECTED
      )
      return false
    }
    if (!reader && pending.length === 0) {
      const annotation = ANNOTATION_RE.exec(line)
      if (annotation) {
        const parsed = parseAnnotation(annotation[1], lineNumber, sink)
        work = parsed.work ?? work
        time = parsed.time ?? time
        return
      }
      if (line.trim() === '') return
    }
    if (reader) {
      reader.visit(line, lineNumber, sink)
      return
    }
    pending.push([line, lineNumber])
    if (format !== undefined || pending.length >= 20) {
      if (!start()) return false
    }
  })
  if (binary) return done()
  if (!reader && !start()) {
    if (sink.count === 0)
      sink.add(
        pending[0]?.[1],
        undefined,
        pending.length === 0 ? 'an empty file' : pending[0][0],
        `a class histogram (${HISTOGRAM_FORMATS.join(', ')})`
      )
    return done()
  }
  const active = reader as HistogramLineReader
  const extra = active.finish(sink)
  return done({
    file,
    format: format as HistogramFormat,
    rows: active.rows.list(),
    ...extra,
    ...(work !== undefined ? { work } : {}),
    ...(time !== undefined ? { time } : {})
  })
}

/** `work=12000 time=2026-12-05T12:00:00Z` → numbers; unknown keys and bad values are errors. */
function parseAnnotation(
  text: string,
  lineNumber: number,
  sink: ErrorSink
): { work?: number; time?: number } {
  const out: { work?: number; time?: number } = {}
  for (const pair of text.trim().split(/\s+/).filter(Boolean)) {
    const [key, value = ''] = pair.split('=', 2)
    if (key === 'work') {
      const work = Number(value)
      if (value === '' || !Number.isFinite(work) || work < 0)
        sink.add(lineNumber, 'work', value, 'a number of work units done so far (requests, jobs)')
      else out.work = work
    } else if (key === 'time') {
      // epoch seconds (date +%s) or milliseconds, or an ISO-8601 text
      const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined
      const time = number === undefined ? Date.parse(value) : number < 1e11 ? number * 1000 : number
      if (!Number.isFinite(time))
        sink.add(lineNumber, 'time', value, 'an ISO-8601 time or epoch milliseconds')
      else out.time = time
    } else sink.add(lineNumber, undefined, pair, 'work=N or time=T after "# leak-gate:"')
  }
  return out
}

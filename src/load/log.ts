/**
 * Any text log: a `pattern` (JavaScript RegExp source with named groups, or
 * `/source/flags`) turns each matching line into a row whose columns are the
 * group names; a group named like the config's `time` (or `time`,
 * `timestamp`...) is the time. Lines that do not match are skipped and
 * counted: a 4 GB container log is mostly noise around a few stats lines.
 */
import { OUT_OF_TIME, runWithBudget } from '../time-budget.js'
import { ErrorSink, readAllBatches, type LineSource } from './lines.js'
import { finishRows, result } from './result.js'
import { RowLoader } from './table.js'
import type { Series, SeriesCut } from '../model.js'
import {
  GC_LOG_COLLECTIONS_METRIC,
  pauseOnLine,
  type PauseLine
} from '../understand/gc-pause-lines.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'

const GROUP_NAME_RE = /\(\?<([A-Za-z_$][\w$]*)>/g
/**
 * A captured number with thousands separators (`1,250`, `12,345,678.5 MB`):
 * one group holds one value, so its commas can only group digits. A first
 * group with a leading zero (`0,512`) is a decimal comma and stays as written.
 */
const GROUPED_NUMBER_RE = /^\s*[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?\s*[A-Za-z%]*\s*$/
/**
 * A size with a decimal comma (`22,74 MB`: Process Hacker in a comma locale): one comma, no dot,
 * a size unit after it, and not three digits after the comma (that groups). A plain number with a
 * decimal comma (`12,34 requests`) stays an error: a list of two is as likely.
 */
const DECIMAL_COMMA_SIZE_RE = /^\s*[-+]?\d+,(?:\d{1,2}|\d{4,})\s*(?:[KMGT]i?B|kB|B)\s*$/
/** A size whose one comma may group or be decimal (`1,125 MB`): which, its group's other sizes say. */
const EITHER_COMMA_SIZE_RE = /^\s*[-+]?\d{1,3},\d{3}\s*(?:[KMGT]i?B|kB|B)\s*$/

/**
 * A captured cell with its commas read: thousands separators dropped, a size's decimal comma made
 * a point. A group whose sizes write decimal commas (`1,5 MB`) cannot also group thousands with
 * them, so a size that could be either (`1,125 MB`, `0.### MB` in a comma locale) beside one that
 * is decimal stays as written, an error at its line, never read 1000 times too large; `seen` keeps
 * each group's reading across batches.
 */
function readCommas(
  cell: string | undefined,
  group: string,
  seen: Map<string, 'decimal' | 'grouped'>
): string | undefined {
  if (cell === undefined || !cell.includes(',')) return cell
  if (GROUPED_NUMBER_RE.test(cell)) {
    if (EITHER_COMMA_SIZE_RE.test(cell)) {
      if (seen.get(group) === 'decimal') return cell
      seen.set(group, 'grouped')
    }
    return cell.replace(/,/g, '')
  }
  if (DECIMAL_COMMA_SIZE_RE.test(cell)) {
    if (seen.get(group) === 'grouped') return cell
    seen.set(group, 'decimal')
    return cell.replace(',', '.')
  }
  return cell
}

/**
 * Time a pattern may take on one batch of lines. A sound pattern reads a
 * batch (at most {@link BATCH_READS} read batches) in milliseconds; one that
 * backtracks catastrophically would run for hours. Generous on purpose: a
 * loaded runner must never refuse a sound pattern.
 */
export const PATTERN_BUDGET_MS = 5000
/**
 * Read batches matched per budgeted call (one call costs ~0.3 ms; a file's
 * batch is one 1 MiB chunk of lines, so a call reads about 4 MiB of text).
 */
const BATCH_READS = 4
/** Lines matched per budgeted call, whatever their length. */
const BATCH_LINES = 65536

/** A compiled pattern and its named groups in order, or the reason it cannot be used. */
export function compilePattern(
  pattern: string
): { regex: RegExp; groups: string[] } | { error: string } {
  let source = pattern
  let flags = ''
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern)
  if (literal) {
    source = literal[1]
    flags = literal[2].replace(/[gy]/g, '')
  }
  let regex: RegExp
  try {
    regex = new RegExp(source, flags)
  } catch (error) {
    return {
      error: `a valid regular expression (${error instanceof Error ? error.message : String(error)})`
    }
  }
  const groups = [...source.matchAll(GROUP_NAME_RE)].map((match) => match[1])
  if (groups.length === 0)
    return { error: 'a regular expression with named groups like (?<rss>\\d+)' }
  return { regex, groups }
}

/** Loads a log through the request's `pattern` (see the module comment). */
export async function loadLog(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const pattern = request.spec.pattern
  if (pattern === undefined || pattern === '') {
    sink.add(
      undefined,
      'pattern',
      undefined,
      "a `pattern` with named groups for format log (e.g. 'rss=(?<rss>\\d+)')"
    )
    return result([], 0, sink)
  }
  const compiled = compilePattern(pattern)
  if ('error' in compiled) {
    sink.add(undefined, 'pattern', pattern, compiled.error)
    return result([], 0, sink)
  }
  const { regex, groups } = compiled
  const loader = new RowLoader({
    file: request.file,
    spec: request.spec,
    sink,
    numericStrings: true,
    everyNumericColumn: true
  })
  // the pattern's groups are the columns: a problem with them has no line in the file
  if (!loader.defineColumns(groups, undefined)) return result([], 0, sink)
  let lineCount = 0
  let unmatched = 0
  const cutMarks: SeriesCut[] = []
  const cells = new Array<string | undefined>(groups.length)
  const commaSizes = new Map<string, 'decimal' | 'grouped'>()
  // Lines are matched a few read batches at a time, each call under a time
  // budget (see PATTERN_BUDGET_MS); the batches are kept as read (no copy per line).
  const pending: Array<readonly string[]> = []
  /** Per pending batch: the number of its first line, and the range of it to match. */
  const pendingFirst: number[] = []
  const pendingFrom: number[] = []
  const pendingTo: number[] = []
  let pendingLines = 0
  let outOfTime = false
  const pauses = request.collections ? new PauseCount() : undefined
  const fromLine = request.spec.fromLine ?? 0
  const matchBatch = (): void => {
    for (let p = 0; p < pending.length; p++) {
      const batch = pending[p]
      const lineOffset = pendingFirst[p]
      const from = Math.max(pendingFrom[p], fromLine - lineOffset)
      for (let b = from, to = pendingTo[p]; b < to; b++) {
        // a pause line before the reading it precedes (a GC log's reading is its own pause)
        pauses?.visit(batch[b])
        const match = regex.exec(batch[b])
        if (match === null) {
          unmatched++
          // one cut per gap between readings (`...` on several lines is one cut); the first-character
          // test first: most unmatched lines stop there (no `cutMarks[-1]`, a slow keyed load in V8)
          if (
            mayBeCut(batch[b]) &&
            cutMarks.length < MAX_CUTS &&
            (cutMarks.length === 0 || cutMarks[cutMarks.length - 1].index !== loader.rows) &&
            OMITTED_RE.test(batch[b])
          )
            cutMarks.push({
              index: loader.rows,
              line: lineOffset + b,
              marker: batch[b].trim().slice(0, 20)
            })
          continue
        }
        const named = match.groups!
        for (let i = 0; i < groups.length; i++) {
          // "after 1,250 fetch() requests": loggers format counts for people
          cells[i] = readCommas(named[groups[i]], groups[i], commaSizes)
        }
        const before = loader.rows
        loader.addRow(cells, lineOffset + b)
        if (pauses && loader.rows > before) pauses.atRow()
      }
    }
  }
  const flush = (): void => {
    if (pending.length === 0 || outOfTime) return
    if (runWithBudget(matchBatch, request.patternBudgetMs ?? PATTERN_BUDGET_MS) === OUT_OF_TIME) {
      outOfTime = true
      const firstLine = pendingFirst[0] + pendingFrom[0]
      const lastLine = pendingFirst[pending.length - 1] + pendingTo[pending.length - 1] - 1
      const where = firstLine === lastLine ? `line ${firstLine}` : `lines ${firstLine}-${lastLine}`
      sink.add(
        undefined,
        'pattern',
        pattern,
        `a pattern that matches in linear time: it ran over ${(request.patternBudgetMs ?? PATTERN_BUDGET_MS) / 1000} s on ${where} and was stopped (nested repetition such as (a+)+ or (.*)* backtracks exponentially; write each repeated part so it can match only one way)`
      )
    }
    pending.length = 0
    pendingFirst.length = 0
    pendingFrom.length = 0
    pendingTo.length = 0
    pendingLines = 0
  }
  lineCount = await readAllBatches(lines, sink, (batch, firstLine) => {
    // line `firstLine + i` is `batch[i]`
    const offset = firstLine
    for (let from = 0; from < batch.length;) {
      const to = Math.min(batch.length, from + BATCH_LINES - pendingLines)
      pending.push(batch)
      pendingFirst.push(offset)
      pendingFrom.push(from)
      pendingTo.push(to)
      pendingLines += to - from
      from = to
      if (pendingLines >= BATCH_LINES || pending.length >= BATCH_READS) {
        flush()
        if (outOfTime) return false
      }
    }
  })
  flush()
  if (outOfTime) return result([], lineCount, sink)
  if (lineCount === 0 && sink.count === 0) {
    sink.add(undefined, undefined, undefined, 'log lines, found an empty file')
    return result([], 0, sink)
  }
  if (loader.rows === 0 && sink.count === 0) {
    const chosen = request.spec.noMatch
    sink.add(
      undefined,
      chosen === undefined ? 'pattern' : undefined,
      chosen === undefined ? pattern : undefined,
      chosen === undefined
        ? `lines matching the pattern; none of ${lineCount} lines matched`
        : chosen.replace('{lines}', String(lineCount))
    )
    return result([], 0, sink)
  }
  const loaded = finishRows(
    loader,
    0,
    sink,
    'log lines',
    (skipped) => `${skipped} matching lines without any value skipped`
  )
  loaded.skipped = unmatched + loader.skipped
  // only a cut between two readings separates them
  const cuts = cutMarks.filter((cut) => cut.index > 0 && cut.index < loader.rows)
  if (cuts.length > 0)
    for (const series of loaded.series)
      // one reading per row: the row count before the marker is the reading's index
      if (series.group === undefined && !series.reduced && series.samples === loader.rows)
        series.cuts = cuts
  const counted = pauses?.witness(loaded.series, loader.rows)
  if (counted) loaded.series.push(counted)
  if (unmatched > 0)
    loaded.notes = [
      `${unmatched} of ${lineCount} lines did not match the pattern (skipped)`,
      ...cuts.map(
        (cut) =>
          `line ${cut.line} (\`${cut.marker}\`): lines left out of the file here; the readings either side are not neighbours`
      ),
      ...(loaded.notes ?? [])
    ]
  return loaded
}

/**
 * The full collections a log's pause lines show, counted at each reading (a row the pattern
 * read): the witness `gc_log_full_collections`. Only when the readings are one process's: one
 * series per metric (no group, no new pid, not reduced to buckets) and the pause lines one
 * collector's: one `[pid:isolate]` (Node's worker threads collect their own heaps), one family of
 * lines, and the collector's numbering (`GC(7)`, `gc 12`, JDK 8's uptime) never going back (a
 * second JVM in the file, or a restart: the readings after it are another process's). A full
 * pause is counted once however many lines name it (`-Xlog:gc*` writes its `gc,start` line too).
 * Any pause line at all (a young one) says the collector writes here, so a count that stays 0 is
 * no full collection, not a silent log.
 */
class PauseCount {
  private full = 0
  private seen = false
  private mixed = false
  private family: PauseLine['family'] | undefined
  private isolate: string | undefined
  private seq = -Infinity
  private countedSeq = Number.NaN
  private rows: number[] = []
  /** Readings read when the last pause line came (see {@link restartsAsProgram}). */
  private rowsAtPause = 0
  /** gctrace: the latest uptime of any cycle, of those left out as earlier processes', and since. */
  private maxUptime = -Infinity
  private earlierUptime = -Infinity
  private programUptime = -Infinity
  private startSeq = Number.NaN

  visit(line: string): void {
    const pause = pauseOnLine(line)
    if (pause === undefined || this.mixed) return
    this.seen = true
    if (this.family !== undefined && this.family !== pause.family) this.mixed = true
    this.family = pause.family
    if (pause.pid !== undefined) {
      const isolate = `${pause.pid}:${pause.isolate ?? ''}`
      if (this.isolate !== undefined && this.isolate !== isolate) this.mixed = true
      this.isolate = isolate
    }
    if (pause.seq !== undefined) {
      // Go numbers each cycle once: the same number again is another process's
      const back = pause.family === 'gctrace' ? pause.seq <= this.seq : pause.seq < this.seq
      if (back && !this.restartsAsProgram(pause)) this.mixed = true
      this.seq = pause.seq
    }
    if (pause.uptime !== undefined) {
      this.maxUptime = Math.max(this.maxUptime, pause.uptime)
      this.programUptime = Math.max(this.programUptime, pause.uptime)
    }
    this.rowsAtPause = this.rows.length
    if (!pause.full) return
    // the same pause's second line (`gc,start`, then the line with its sizes)
    if (pause.family === 'unified' && pause.seq === this.countedSeq) return
    this.full++
    if (pause.seq !== undefined) this.countedSeq = pause.seq
  }

  /**
   * Whether Go's numbering going back at `pause` starts the program whose readings the log holds,
   * after the cycles of processes that wrote no reading among their lines (`go run`: the go
   * command, the compiler and the linker trace their cycles first, each from `gc 1`). Their cycles
   * are then left out, and readings read since the last of their lines are the program's before
   * its first cycle (count 0). A restart once the readings began among the pause lines (a
   * restarted service, a second program) is no such start: the witness is refused.
   */
  private restartsAsProgram(pause: PauseLine): boolean {
    if (pause.family !== 'gctrace' || this.rowsAtPause > 0) return false
    this.earlierUptime = this.maxUptime
    this.programUptime = -Infinity
    this.startSeq = pause.seq!
    this.full = 0
    this.countedSeq = Number.NaN
    this.rows = this.rows.map(() => 0)
    return true
  }

  /**
   * Whether the cycles counted are one process's: a numbering started again (see
   * {@link restartsAsProgram}) must start at `gc 1` and outlive every cycle left out (the
   * program runs for the test; the build's processes ended before it started).
   */
  private oneProcess(): boolean {
    if (this.earlierUptime === -Infinity) return true
    return this.startSeq === 1 && this.programUptime >= this.earlierUptime
  }

  atRow(): void {
    this.rows.push(this.full)
  }

  /** The witness series beside `series` (all read from `rows` rows), or undefined. */
  witness(series: readonly Series[], rows: number): Series | undefined {
    if (!this.seen || this.mixed || !this.oneProcess() || this.rows.length !== rows)
      return undefined
    const like = series.find((one) => !one.witnessOnly)
    if (like === undefined) return undefined
    for (const one of series)
      if (
        one.group !== undefined ||
        one.reduced ||
        one.samples !== rows ||
        one.value.length !== rows ||
        (one.processChanges?.length ?? 0) > 0
      )
        return undefined
    const counts = [...this.rows]
    return {
      id: `${like.file}:${GC_LOG_COLLECTIONS_METRIC}`,
      file: like.file,
      metric: GC_LOG_COLLECTIONS_METRIC,
      kind: 'count',
      unit: 'count',
      timeBase: like.timeBase,
      time: [...like.time],
      work: [...like.work],
      ...(like.workName !== undefined ? { workName: like.workName } : {}),
      ...(like.timeName !== undefined ? { timeName: like.timeName } : {}),
      value: counts,
      min: [...counts],
      max: [...counts],
      count: counts.map(() => 1),
      samples: rows,
      reduced: false,
      witnessOnly: true
    }
  }
}

/**
 * A line saying lines were left out of a paste: `[omissis]`, `...`, `…`,
 * `[...]`, `[snip]`, `<snip>`, `(snipped)`, `-- cut --`, `[truncated]`.
 */
const OMITTED_RE =
  /^\s*(?:\.{3,}|…+|\[(?:\.{3}|…|omissis|omitted|snip|snipped|cut|truncated)\]|<(?:snip|snipped)>|\((?:\.{3}|…|omissis|omitted|snip|snipped)\)|-{2,} ?(?:snip|cut) ?-{2,}|omissis)\s*$/i
/**
 * Whether a line's first non-blank character can start an {@link OMITTED_RE} marker (`.`, `…`,
 * `[`, `<`, `(`, `-`, `o`), or is a character it does not know (then the regex says): most
 * unmatched lines of a long log are not cuts, and this spares them the regex (the log bench's 1 GB
 * file has millions of them).
 */
function mayBeCut(line: string): boolean {
  let i = 0
  let code = line.charCodeAt(0)
  while (code === 32 || code === 9 || code === 13 || code === 11 || code === 12)
    code = line.charCodeAt(++i)
  return (
    code === 46 || // .
    code === 91 || // [
    code === 60 || // <
    code === 40 || // (
    code === 45 || // -
    code === 111 || // o
    code === 79 || // O
    code > 127 // … and other whitespace or letters: the regex decides
  )
}
/** Cuts remembered per file, at most (a file of `...` lines is no paste with a few cuts). */
const MAX_CUTS = 100

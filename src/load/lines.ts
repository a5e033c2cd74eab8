/**
 * How loaders receive lines and report problems. A parser takes any
 * `AsyncIterable<string>` (tests pass arrays through {@link toAsync}); a
 * {@link LineBatchSource} such as `io/read-lines.ts` also hands out whole
 * batches, which saves one promise per line on million-row files (measured:
 * per-line async iteration alone cost about half the time of a bare reader).
 */
import { InputError } from '../errors.js'
import type { ReportError } from '../model.js'

/** Lines of a file: one string per line (no line terminators), or batches of lines. */
export type LineSource = AsyncIterable<string | readonly string[]> | Iterable<string>

/**
 * Reads whole lines straight from a file's UTF-8 bytes (the fast path of a
 * loader that can: no string and no promise per line). `walk` takes lines
 * from `bytes[start..stop]`, where `bytes[stop]` is the `\n` ending the last
 * of them, for as long as it is sure about each (a data row it can read in
 * place), and sets {@link lines} to how many it took. It returns the start
 * of the first line it declines (the caller decodes that one line for the
 * text visitor, then walks on after it) or `stop + 1`. A walker must not
 * change any state for a line it declines.
 */
export interface ByteRowWalker {
  walk(bytes: Uint8Array, start: number, stop: number): number
  /** Lines taken by the last {@link walk}. */
  lines: number
}

/** How a loader wants its lines read. */
export interface BatchOptions {
  /**
   * Pass NUL bytes on in the lines instead of stopping with "binary data":
   * Prometheus text allows any UTF-8 inside a quoted label value or a HELP
   * text, so its loader judges a NUL by where it is.
   */
  keepNul?: boolean
}

/** A line source that can also yield lines in batches (the fast path). */
export interface LineBatchSource extends AsyncIterable<string> {
  batches(options?: BatchOptions): AsyncIterable<readonly string[]>
  /**
   * The fastest path, for sources backed by bytes (a file): the lines go to
   * the walker first and those it declines, decoded, to `text`. No string
   * per line and no UTF-8 decoding for the lines it takes. Resolves to the
   * number of lines read; `text` returning false stops reading.
   */
  scan?(
    walker: ByteRowWalker,
    text: (line: string, lineNumber: number) => boolean | void
  ): Promise<number>
}

/** Most errors kept per file; the rest are only counted (SPEC §8: the first ones tell the story). */
export const MAX_ERRORS_PER_FILE = 5

function hasBatches(source: LineSource): source is LineBatchSource {
  return typeof (source as Partial<LineBatchSource>).batches === 'function'
}

/**
 * Calls `visit` for every line with its 1-based number, batch by batch when
 * the source allows. `visit` returns `false` to stop reading. With a
 * `walker` and a source that can `scan` (a file), lines go to the walker first and only
 * those it declines are decoded for `visit` (see {@link ByteRowWalker}).
 */
export async function forEachLine(
  source: LineSource,
  visit: (line: string, lineNumber: number) => boolean | void,
  walker?: ByteRowWalker,
  options?: BatchOptions
): Promise<number> {
  let lineNumber = 0
  if (walker !== undefined && hasBatches(source) && source.scan !== undefined)
    return source.scan(walker, visit)
  if (hasBatches(source)) {
    for await (const batch of source.batches(options)) {
      for (let i = 0; i < batch.length; i++) {
        if (visit(batch[i], ++lineNumber) === false) return lineNumber
      }
    }
    return lineNumber
  }
  if (Symbol.asyncIterator in source) {
    for await (const item of source as AsyncIterable<string | readonly string[]>) {
      if (typeof item === 'string') {
        if (visit(item, ++lineNumber) === false) return lineNumber
      } else {
        for (let i = 0; i < item.length; i++) {
          if (visit(item[i], ++lineNumber) === false) return lineNumber
        }
      }
    }
    return lineNumber
  }
  for (const line of source as Iterable<string>) {
    if (visit(line, ++lineNumber) === false) return lineNumber
  }
  return lineNumber
}

/** Lines per batch when a source that has no batches of its own is read by {@link forEachBatch}. */
const FALLBACK_BATCH = 4096

/**
 * Calls `visit` with the lines in batches (each batch's lines numbered from
 * `firstLine`, 1-based, consecutively): a file's batches as read (one per
 * chunk), other sources' lines gathered {@link FALLBACK_BATCH} at a time. For
 * loaders that work on many lines at once (the log loader runs its pattern
 * over a batch): no call and no copy per line. `visit` returns `false` to stop.
 */
export async function forEachBatch(
  source: LineSource,
  visit: (lines: readonly string[], firstLine: number) => boolean | void,
  options?: BatchOptions
): Promise<number> {
  let lineNumber = 0
  if (hasBatches(source)) {
    for await (const batch of source.batches(options)) {
      const first = lineNumber + 1
      lineNumber += batch.length
      if (batch.length > 0 && visit(batch, first) === false) return lineNumber
    }
    return lineNumber
  }
  let gathered: string[] = []
  const flush = (): boolean => {
    if (gathered.length === 0) return true
    const batch = gathered
    gathered = []
    return visit(batch, lineNumber - batch.length + 1) !== false
  }
  const take = (line: string): boolean => {
    gathered.push(line)
    lineNumber++
    return gathered.length < FALLBACK_BATCH || flush()
  }
  if (Symbol.asyncIterator in source) {
    for await (const item of source as AsyncIterable<string | readonly string[]>) {
      if (typeof item === 'string') {
        if (!take(item)) return lineNumber
      } else for (let i = 0; i < item.length; i++) if (!take(item[i])) return lineNumber
    }
  } else for (const line of source as Iterable<string>) if (!take(line)) return lineNumber
  flush()
  return lineNumber
}

/** Wraps an array (or any iterable) as an async line source, for tests and callers with text in memory. */
export async function* toAsync(lines: Iterable<string>): AsyncIterable<string> {
  yield* lines
}

/**
 * The lines of a source, each rewritten by `map` (another format's rows as CSV lines, cut markers
 * as blank lines), one for one so every row keeps its line number. A batch stays a batch: one
 * promise per batch, not per line.
 */
export async function* mapLines(
  lines: LineSource,
  map: (line: string) => string
): AsyncIterable<string | readonly string[]> {
  for await (const item of lines as AsyncIterable<string | readonly string[]>) {
    if (typeof item === 'string') yield map(item)
    else yield item.map(map)
  }
}

/** Splits text in memory into lines the way `io/read-lines.ts` does (BOM, `\n`, `\r\n`, `\r\r\n`). */
export function splitText(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const lines = body.split('\n').map(stripCarriageReturns)
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Removes the `\r` (one or more: Windows Python writes `\r\r\n`) that ends a line. */
export function stripCarriageReturns(line: string): string {
  let end = line.length
  while (end > 0 && line.charCodeAt(end - 1) === 13) end--
  return end === line.length ? line : line.slice(0, end)
}

// What counts as binary is the sniffer's rule too (understand/sniff.ts).
export { looksBinary } from '../understand/sniff.js'

/**
 * Collects a file's errors: keeps the first {@link MAX_ERRORS_PER_FILE},
 * counts all, so a file with a million bad rows gives five lines and a count.
 */
export class ErrorSink {
  readonly errors: ReportError[] = []
  count = 0

  constructor(readonly file: string) {}

  /** Records an input error at a place in the file. */
  add(
    line: number | undefined,
    column: string | undefined,
    found: string | undefined,
    expected: string
  ): void {
    this.push(new InputError(this.file, line, column, found, expected))
  }

  /** Records an already built error. */
  push(error: InputError): void {
    this.count++
    if (this.errors.length < MAX_ERRORS_PER_FILE) this.errors.push(error.toReportError())
  }

  /** Records the single "this is not a text file" error. */
  addBinary(line: number): void {
    this.add(
      line,
      undefined,
      undefined,
      'a text file, found binary data (control bytes or invalid UTF-8)'
    )
  }
}

/**
 * Runs `forEachLine` and turns an {@link InputError} thrown by the source
 * (an over-long line, binary data) into a recorded error, so the loader still
 * returns what it read before the bad spot.
 */
export async function readAllLines(
  source: LineSource,
  sink: ErrorSink,
  visit: (line: string, lineNumber: number) => boolean | void,
  walker?: ByteRowWalker,
  options?: BatchOptions
): Promise<number> {
  try {
    return await forEachLine(source, visit, walker, options)
  } catch (error) {
    if (error instanceof InputError) {
      sink.push(error)
      return error.line ?? 0
    }
    throw error
  }
}

/** {@link readAllLines} for {@link forEachBatch}: an error thrown by the source is recorded. */
export async function readAllBatches(
  source: LineSource,
  sink: ErrorSink,
  visit: (lines: readonly string[], firstLine: number) => boolean | void,
  options?: BatchOptions
): Promise<number> {
  try {
    return await forEachBatch(source, visit, options)
  } catch (error) {
    if (error instanceof InputError) {
      sink.push(error)
      return error.line ?? 0
    }
    throw error
  }
}

/** Cell values that mean "no value here" rather than "bad value" (Locust `N/A`, docker `--`, empty). */
const MISSING = new Set(['', 'n/a', 'na', 'null', 'none', 'nan', '-', '--', 'undefined', 'nil'])

/** True for an empty or placeholder cell, skipped without an error. */
export function isMissing(cell: string): boolean {
  return cell.length === 0 || (cell.length <= 9 && MISSING.has(cell.trim().toLowerCase()))
}

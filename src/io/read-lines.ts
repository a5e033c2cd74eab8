/**
 * Streams a file as lines: the only place in the load path that touches the
 * file system. Big chunks (1 MiB) decoded by the stream and split with the
 * native `String.prototype.split`, handed out in batches (one promise per
 * chunk, not per line) and, for simple callers, line by line. Strips a BOM
 * and the `\r` of `\r\n` and `\r\r\n` (Locust on Windows). A line longer
 * than the cap or a NUL byte stops reading with one {@link InputError}, so
 * a 10 MB single line or a binary file never floods memory or the report.
 * `scan` is the byte path of the same lines (raw chunks, Buffer.indexOf, no
 * decoding of the lines a byte visitor takes): the docker-stats/CSV loaders
 * read a million rows without a string per row.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { InputError, describeError } from '../errors.js'
import type { ByteRowWalker, LineBatchSource } from '../load/lines.js'

/** Longest line accepted, in characters (1 MiB). */
export const MAX_LINE_LENGTH = 1 << 20

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** Name used in error messages (the path relative to the artifact root). Default: the path. */
  displayName?: string
  /** Longest line accepted, in characters. Default {@link MAX_LINE_LENGTH}. */
  maxLineLength?: number
  /** Bytes read at once. Default 1 MiB. */
  chunkSize?: number
}

/** Lines of a file; iterate it directly (one string per line) or call `batches()`. */
export function readLines(path: string, options: ReadLinesOptions = {}): LineBatchSource {
  const name = options.displayName ?? path
  const maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH
  const chunkSize = options.chunkSize ?? 1 << 20
  const batches = (): AsyncIterable<string[]> => readBatches(path, name, maxLineLength, chunkSize)
  return {
    batches,
    scan: (walker, text) => scanLines(path, name, maxLineLength, chunkSize, walker, text),
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch
    }
  }
}

function tooLong(name: string, line: number, text: string, max: number): InputError {
  return new InputError(
    name,
    line,
    undefined,
    text.slice(0, 60),
    `a line of at most ${max} characters (this line is longer; is it a text file?)`
  )
}

async function* readBatches(
  path: string,
  name: string,
  max: number,
  chunkSize: number
): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { highWaterMark: chunkSize, encoding: 'utf8' })
  let rest = ''
  let lineNumber = 0
  let first = true
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = chunk
      if (first) {
        first = false
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      }
      const nul = text.indexOf('\0')
      if (nul !== -1) {
        const line = lineNumber + text.slice(0, nul).split('\n').length
        throw new InputError(
          name,
          line,
          undefined,
          undefined,
          'a text file, found binary data (a NUL byte)'
        )
      }
      const lines = text.split('\n')
      lines[0] = rest + lines[0]
      rest = lines.pop()!
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]
        const length = line.length
        if (length > 0 && line.charCodeAt(length - 1) === 13) lines[i] = trimCarriageReturns(line)
        if (length > max) {
          // the lines before it are read, as the byte path reads them
          if (i > 0) yield lines.slice(0, i)
          throw tooLong(name, lineNumber + i + 1, line, max)
        }
      }
      if (rest.length > max) throw tooLong(name, lineNumber + lines.length + 1, rest, max)
      lineNumber += lines.length
      if (lines.length > 0) yield lines
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw unreadable(name, error)
  } finally {
    stream.destroy()
  }
  if (rest.length > 0) {
    const line = trimCarriageReturns(rest)
    if (line.length > 0) yield [line]
  }
}

/**
 * The byte path of {@link readLines} (see `LineBatchSource.scan`): the same
 * lines, numbers, BOM, `\r`, NUL and long-line rules as {@link readBatches},
 * but each raw chunk, up to its last `\n`, goes to the walker, which reads
 * the rows it is sure about in place; only the lines it declines are
 * decoded for `text`. A line split between chunks is joined first.
 */
async function scanLines(
  path: string,
  name: string,
  max: number,
  chunkSize: number,
  walker: ByteRowWalker,
  text: (line: string, lineNumber: number) => boolean | void
): Promise<number> {
  const stream = createReadStream(path, { highWaterMark: chunkSize })
  let lineNumber = 0
  let first = true
  let carry: Buffer[] = []
  let carryLength = 0
  let visiting = false
  /** Decodes the line `chunk[start, newline)` for the text visitor; false stops reading. */
  const decline = (chunk: Buffer, start: number, newline: number): boolean => {
    const number = ++lineNumber
    let end = newline
    if (end - start > max) {
      const whole = chunk.toString('utf8', start, end)
      if (whole.length > max) throw tooLong(name, number, whole, max)
    }
    while (end > start && chunk[end - 1] === 13) end--
    visiting = true
    const go = text(chunk.toString('utf8', start, end), number) !== false
    visiting = false
    return go
  }
  /**
   * Reads the lines of `chunk[start..stop]` (`chunk[stop]` is `\n`): the
   * walker's, then one declined line as text, and so on. False stops reading.
   * Lines longer than the cap can only occur when it is below the chunk size:
   * then each line is measured before the walker sees it.
   */
  const region = (chunk: Buffer, start: number, stop: number): boolean => {
    const perLine = stop - start >= max
    let at = start
    while (at <= stop) {
      const until = perLine ? chunk.indexOf(10, at) : stop
      if (perLine && until - at > max) {
        if (!decline(chunk, at, until)) return false
        at = until + 1
        continue
      }
      visiting = true
      const next = walker.walk(chunk, at, until)
      visiting = false
      lineNumber += walker.lines
      if (next > until) {
        at = next
        continue
      }
      const newline = chunk.indexOf(10, next)
      if (!decline(chunk, next, newline)) return false
      at = newline + 1
    }
    return true
  }
  /** Checks the unfinished line carried to the next chunk against the cap. */
  const checkCarry = (): void => {
    if (carryLength <= max) return
    const partial = Buffer.concat(carry, carryLength).toString('utf8')
    if (partial.length > max) throw tooLong(name, lineNumber + 1, partial, max)
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0
      if (first) {
        first = false
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3
      }
      const nul = chunk.indexOf(0, start)
      if (nul !== -1) {
        let line = lineNumber + 1
        for (
          let at = chunk.indexOf(10, start);
          at !== -1 && at < nul;
          at = chunk.indexOf(10, at + 1)
        )
          line++
        throw new InputError(
          name,
          line,
          undefined,
          undefined,
          'a text file, found binary data (a NUL byte)'
        )
      }
      const last = chunk.lastIndexOf(10)
      if (last < start) {
        carry.push(chunk.subarray(start))
        carryLength += chunk.length - start
        checkCarry()
        continue
      }
      if (carryLength > 0) {
        // the line begun in earlier chunks, with its `\n`
        const newline = chunk.indexOf(10, start)
        carry.push(chunk.subarray(start, newline + 1))
        const line = Buffer.concat(carry, carryLength + newline + 1 - start)
        carry = []
        carryLength = 0
        if (!region(line, 0, line.length - 1)) return lineNumber
        start = newline + 1
      }
      if (start <= last && !region(chunk, start, last)) return lineNumber
      if (last + 1 < chunk.length) {
        carry.push(chunk.subarray(last + 1))
        carryLength = chunk.length - last - 1
        checkCarry()
      }
    }
    if (carryLength > 0) {
      // the last line has no `\n`: give it one
      carry.push(Buffer.from([10]))
      const line = Buffer.concat(carry, carryLength + 1)
      let end = line.length - 1
      while (end > 0 && line[end - 1] === 13) end--
      if (end > 0) region(line, 0, line.length - 1)
    }
  } catch (error) {
    // a visitor's own error is not a read error
    if (error instanceof InputError || visiting) throw error
    throw unreadable(name, error)
  } finally {
    stream.destroy()
  }
  return lineNumber
}

/** The one error for a file the system would not let us read (missing, a folder, no access). */
function unreadable(name: string, error: unknown): InputError {
  return new InputError(
    name,
    undefined,
    undefined,
    undefined,
    `a readable file (${systemMessage(error)})`
  )
}

/** `ENOENT: no such file or directory` without the absolute path (errors may come from another realm under Jest). */
function systemMessage(error: unknown): string {
  const message =
    typeof (error as { message?: unknown })?.message === 'string'
      ? (error as Error).message
      : describeError(error)
  return message.replace(/, \w+ '[^']*'$/, '')
}

function trimCarriageReturns(line: string): string {
  let end = line.length
  while (end > 0 && line.charCodeAt(end - 1) === 13) end--
  return line.slice(0, end)
}

/**
 * Reads the first `count` lines (for format detection) without reading the
 * whole file; stops early on a long line or binary data and returns what it has.
 */
export async function readHead(
  path: string,
  count: number,
  options: ReadLinesOptions = {}
): Promise<string[]> {
  const head: string[] = []
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    let text = buffer.subarray(0, bytesRead).toString('utf8')
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    const lines = text.split('\n')
    if (bytesRead === buffer.length && lines.length > 1) lines.pop()
    for (const line of lines.slice(0, count))
      head.push(trimCarriageReturns(line).slice(0, options.maxLineLength ?? MAX_LINE_LENGTH))
  } finally {
    await handle.close()
  }
  if (head.length > 0 && head[head.length - 1] === '') head.pop()
  return head
}

/**
 * Streams a file as lines: the only place in the load path that touches the
 * file system. Big chunks (1 MiB) decoded by the stream and split with the
 * native `String.prototype.split`, handed out in batches (one promise per
 * chunk, not per line) and, for simple callers, line by line. Strips a BOM
 * and the `\r` of `\r\n` and `\r\r\n` (Locust on Windows). A line longer
 * than the cap or a NUL byte stops reading with one {@link InputError}, so
 * a 10 MB single line or a binary file never floods memory or the report.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { InputError, describeError } from '../errors.js'
import type { LineBatchSource } from '../load/lines.js'

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
        if (length > max) throw tooLong(name, lineNumber + i + 1, line, max)
      }
      if (rest.length > max) throw tooLong(name, lineNumber + lines.length + 1, rest, max)
      lineNumber += lines.length
      if (lines.length > 0) yield lines
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(
      name,
      undefined,
      undefined,
      undefined,
      `a readable file (${systemMessage(error)})`
    )
  } finally {
    stream.destroy()
  }
  if (rest.length > 0) {
    const line = trimCarriageReturns(rest)
    if (line.length > 0) yield [line]
  }
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

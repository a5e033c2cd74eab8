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
 * read a million rows without a string per row. A gzip-compressed file
 * (`memory.csv.gz`, told by its first bytes) is read decompressed, as the
 * same lines, up to {@link MAX_GUNZIPPED_BYTES}.
 */
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { createGunzip, type Gunzip } from 'node:zlib'
import { InputError, describeError } from '../errors.js'
import type { BatchOptions, ByteRowWalker, LineBatchSource } from '../load/lines.js'
import { isGzipFile } from './read-bytes.js'

/** Longest line accepted, in characters (1 MiB). */
export const MAX_LINE_LENGTH = 1 << 20

/**
 * Most bytes a gzip-compressed input is read to once decompressed (1 GiB).
 * Uncompressed files stream with no cap but their size on disk; a gzip file
 * may decompress a thousandfold (a "gzip bomb" from a fork's artifact), so
 * reading stops here with an error rather than spending minutes on it.
 */
export const MAX_GUNZIPPED_BYTES = 1 << 30

/**
 * Most a gzip file may grow by decompressing, beyond {@link GUNZIP_FLOOR}: measurements compress
 * 5–30× (a CSV of memory samples about 6×, a repetitive log 20–30×), so 100× is room for any;
 * a bomb (260 KB of newlines that decompress to 256 MiB took a minute to read) stops within seconds.
 */
export const GUNZIP_RATIO = 100
/** Decompressed bytes any gzip file may reach whatever its size (a small file's ratio says nothing). */
export const GUNZIP_FLOOR = 16 << 20

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** Name used in error messages (the path relative to the artifact root). Default: the path. */
  displayName?: string
  /** Longest line accepted, in characters. Default {@link MAX_LINE_LENGTH}. */
  maxLineLength?: number
  /** Bytes read at once. Default 1 MiB. */
  chunkSize?: number
  /** Told how far reading has got (default: the one set by {@link setReadProgressListener}). */
  onProgress?: ReadProgressListener
  /** Most decompressed bytes read from a gzip file. Default {@link MAX_GUNZIPPED_BYTES}. */
  maxGunzippedBytes?: number
}

/** Lines of a file; iterate it directly (one string per line) or call `batches()`. */
export function readLines(path: string, options: ReadLinesOptions = {}): LineBatchSource {
  const name = options.displayName ?? path
  const maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH
  const chunkSize = options.chunkSize ?? 1 << 20
  const gunzipCap = options.maxGunzippedBytes ?? MAX_GUNZIPPED_BYTES
  const tracker = (): ProgressTracker =>
    new ProgressTracker(name, options.onProgress ?? defaultProgress)
  const source = (): ChunkSource => ({ path, name, chunkSize, gunzipCap, progress: tracker() })
  const batches = (batchOptions: BatchOptions = {}): AsyncIterable<string[]> =>
    readBatches(source(), maxLineLength, batchOptions.keepNul === true)
  return {
    batches,
    scan: (walker, text) => scanLines(source(), maxLineLength, walker, text),
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch
    }
  }
}

/**
 * How far the reading of one file has got, for a progress display: called
 * after every chunk read and once more with `done` when the file is closed.
 */
export type ReadProgressListener = (progress: ReadProgress) => void

/** One report of a {@link ReadProgressListener}. */
export interface ReadProgress {
  /** The file's display name. */
  file: string
  /** Bytes read so far. */
  bytesRead: number
  /** The file's size when it was opened (0 when unknown). */
  totalBytes: number
  /** True on the last report of the file (read to the end, stopped early or failed). */
  done: boolean
}

let defaultProgress: ReadProgressListener | undefined

/**
 * Sets the listener every {@link readLines} reports to when its caller gave
 * none (`onProgress`): the CLI and the action set one at start (a progress
 * line on a terminal, a plain line in logs), so the loaders stay pure and
 * the pipeline need not pass it along. Returns the one it replaces.
 */
export function setReadProgressListener(
  listener: ReadProgressListener | undefined
): ReadProgressListener | undefined {
  const previous = defaultProgress
  defaultProgress = listener
  return previous
}

/** Counts the bytes of one read for its listener (none: nothing to do). */
class ProgressTracker {
  private bytesRead = 0
  private totalBytes = 0
  private closed = false
  constructor(
    private readonly file: string,
    private readonly listener: ReadProgressListener | undefined
  ) {}

  async open(path: string): Promise<void> {
    if (this.listener === undefined) return
    try {
      this.totalBytes = (await stat(path)).size
    } catch {
      // the read itself reports an unreadable file
    }
  }

  read(bytes: number): void {
    if (this.listener === undefined) return
    this.bytesRead += bytes
    this.listener({
      file: this.file,
      bytesRead: this.bytesRead,
      totalBytes: this.totalBytes,
      done: false
    })
  }

  close(): void {
    if (this.listener === undefined || this.closed) return
    this.closed = true
    this.listener({
      file: this.file,
      bytesRead: this.bytesRead,
      totalBytes: this.totalBytes,
      done: true
    })
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

/** Where {@link textChunks} reads from, and how. */
interface ChunkSource {
  path: string
  /** The file's name in messages. */
  name: string
  chunkSize: number
  /** Most decompressed bytes of a gzip file. */
  gunzipCap: number
  progress: ProgressTracker
}

async function* readBatches(
  source: ChunkSource,
  max: number,
  keepNul: boolean
): AsyncGenerator<string[]> {
  const { path, name, progress } = source
  const chunks = textChunks(source)
  let carry: Buffer[] = []
  let carryLength = 0
  let lineNumber = 0
  let first = true
  /** Decodes `bytes` (whole lines, each ending in `\n`, or the last line) and splits it. */
  const split = (bytes: Buffer): string[] => {
    const lines = decodeText(bytes).split('\n')
    lines.pop()
    longAt = -1
    // no `\r` and too few bytes for a line over the cap (each char is ≥ 1 byte): nothing to look at per line
    if (bytes.length <= max && bytes.indexOf(13) === -1) return lines
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      const length = line.length
      if (length > 0 && line.charCodeAt(length - 1) === 13) lines[i] = trimCarriageReturns(line)
      if (length > max && longAt === -1) longAt = i
    }
    return lines
  }
  /** The first line longer than the cap in `lines`, or -1 (from {@link split}'s pass). */
  let longAt = -1
  const tooLongAt = (): number => longAt
  try {
    await progress.open(path)
    for await (const chunk of chunks) {
      let start = 0
      if (first) {
        first = false
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3
      }
      if (!keepNul) checkNul(chunk, start, name, lineNumber)
      const last = chunk.lastIndexOf(10)
      if (last < start) {
        carry.push(chunk.subarray(start))
        carryLength += chunk.length - start
        if (carryLength > max) {
          const partial = decodeText(Buffer.concat(carry, carryLength))
          if (partial.length > max) throw tooLong(name, lineNumber + 1, partial, max)
        }
        continue
      }
      let lines: string[]
      if (carryLength > 0) {
        // the line begun in earlier chunks: joined on its own (no copy of the whole chunk)
        const newline = chunk.indexOf(10, start)
        carry.push(chunk.subarray(start, newline + 1))
        const head = split(Buffer.concat(carry, carryLength + newline + 1 - start))
        if (newline < last) {
          lines = split(chunk.subarray(newline + 1, last + 1))
          longAt = longAt === -1 ? -1 : longAt + 1
        } else {
          lines = []
          longAt = -1
        }
        lines.unshift(head[0])
        if (head[0].length > max) longAt = 0
      } else lines = split(chunk.subarray(start, last + 1))
      carry = []
      carryLength = 0
      const long = tooLongAt()
      if (long !== -1) {
        // the lines before it are read, as the byte path reads them
        if (long > 0) yield lines.slice(0, long)
        throw tooLong(name, lineNumber + long + 1, lines[long], max)
      }
      lineNumber += lines.length
      if (lines.length > 0) yield lines
      if (last + 1 < chunk.length) {
        carry.push(chunk.subarray(last + 1))
        carryLength = chunk.length - last - 1
        if (carryLength > max) {
          const partial = decodeText(carry[0])
          if (partial.length > max) throw tooLong(name, lineNumber + 1, partial, max)
        }
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw unreadable(name, error)
  } finally {
    await chunks.return(undefined)
    progress.close()
  }
  if (carryLength > 0) {
    const line = trimCarriageReturns(decodeText(Buffer.concat(carry, carryLength)))
    if (line.length > max) throw tooLong(name, lineNumber + 1, line, max)
    if (line.length > 0) yield [line]
  }
}

/** Throws the "binary data" error when `chunk[start..]` holds a NUL byte, at its line. */
function checkNul(chunk: Buffer, start: number, name: string, linesBefore: number): void {
  const nul = chunk.indexOf(0, start)
  if (nul === -1) return
  let line = linesBefore + 1
  for (let at = chunk.indexOf(10, start); at !== -1 && at < nul; at = chunk.indexOf(10, at + 1))
    line++
  if (linesBefore === 0 && looksUtf16(chunk))
    throw new InputError(
      name,
      1,
      undefined,
      'UTF-16 text without a byte-order mark',
      'UTF-8 text (or UTF-16 with its byte-order mark): save the file as UTF-8, e.g. PowerShell `Out-File -Encoding utf8` or `Export-Csv -Encoding utf8`'
    )
  throw new InputError(
    name,
    line,
    undefined,
    undefined,
    'a text file, found binary data (a NUL byte)'
  )
}

/** True when most odd or most even bytes of the first 64 are NUL: ASCII written as UTF-16. */
function looksUtf16(chunk: Buffer): boolean {
  const n = Math.min(chunk.length, 64) & ~1
  if (n < 4) return false
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (chunk[i] === 0) even++
    if (chunk[i + 1] === 0) odd++
  }
  const half = n / 2
  return (odd >= half * 0.9 && even === 0) || (even >= half * 0.9 && odd === 0)
}

/** The text encoding a byte-order mark at the start of a file names, or undefined (UTF-8). */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/**
 * The file's bytes as UTF-8 chunks, counted for the progress as read. A
 * UTF-16 file with its byte-order mark (Windows PowerShell 5's `Out-File`
 * and `>` write UTF-16 LE) is decoded and handed on as UTF-8 without the
 * mark, so every reader after this sees the same bytes as for a UTF-8 file.
 * A gzip file is decompressed first (the progress counts its bytes on
 * disk), and stops with an error past `gunzipCap` decompressed bytes or at
 * a corrupt stream.
 */
async function* textChunks(source: ChunkSource): AsyncGenerator<Buffer, void, undefined> {
  const { path, name, chunkSize, gunzipCap, progress } = source
  const gzip = await isGzipFile(path)
  const stream = createReadStream(path, { highWaterMark: chunkSize })
  let gunzip: Gunzip | undefined
  let gunzipped = 0
  let cap = gunzipCap
  let decoder: TextDecoder | undefined
  let bigEndian = false
  let odd: number | undefined
  let first = true
  try {
    let chunks: AsyncIterable<Buffer> = stream
    if (gzip) {
      const compressed = (await stat(path)).size
      cap = Math.min(gunzipCap, Math.max(GUNZIP_FLOOR, GUNZIP_RATIO * compressed))
      // zlib's smallest output chunk is 64 bytes
      const inflate = createGunzip({ chunkSize: Math.max(64, chunkSize) })
      gunzip = inflate
      stream.on('data', (raw) => progress.read(raw.length))
      stream.on('error', (error) => inflate.destroy(error))
      chunks = stream.pipe(inflate)
    }
    for await (const raw of chunks) {
      if (gunzip === undefined) progress.read(raw.length)
      else if ((gunzipped += raw.length) > cap) throw gunzipTooBig(name, cap, cap < gunzipCap)
      let chunk = raw
      if (first) {
        first = false
        const encoding = utf16Bom(chunk)
        if (encoding !== undefined) {
          // the decoder takes little-endian pairs; big-endian bytes are swapped first
          decoder = new TextDecoder('utf-16le', { ignoreBOM: false })
          bigEndian = encoding === 'utf-16be'
        }
      }
      if (decoder === undefined) {
        yield chunk
        continue
      }
      if (bigEndian) {
        if (odd !== undefined) chunk = Buffer.concat([Buffer.from([odd]), chunk])
        odd = chunk.length % 2 === 1 ? chunk[chunk.length - 1] : undefined
        chunk = Buffer.from(chunk.subarray(0, chunk.length - (chunk.length % 2))).swap16()
      }
      const text = decoder.decode(chunk, { stream: true })
      // the decoder drops the byte-order mark itself (ignoreBOM: false)
      if (text.length > 0) yield Buffer.from(text, 'utf8')
    }
    if (decoder !== undefined) {
      const rest = decoder.decode()
      if (rest.length > 0) yield Buffer.from(rest, 'utf8')
    }
  } catch (error) {
    throw gunzip !== undefined && isZlibError(error) ? corruptGzip(name, error) : error
  } finally {
    gunzip?.destroy()
    stream.destroy()
  }
}

/** An error of zlib's (`Z_DATA_ERROR`, `Z_BUF_ERROR` ...): the compressed bytes are wrong or cut. */
function isZlibError(error: unknown): boolean {
  // duck-typed: errors may come from another realm under Jest
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('Z_')
}

/** The error of a gzip file whose stream is corrupt or cut short. */
function corruptGzip(name: string, error: unknown): InputError {
  return new InputError(
    name,
    undefined,
    undefined,
    `a corrupt gzip stream (${systemMessage(error)})`,
    'a whole gzip file (`gzip -t FILE` checks one; compress the file again)'
  )
}

/** The error of a gzip file that decompresses past the cap (`byRatio`: its size's, not the absolute). */
function gunzipTooBig(name: string, cap: number, byRatio = false): InputError {
  const most = byRatio
    ? `at most ${sizeText(cap)} decompressed (${GUNZIP_RATIO}× its own size, at least ${sizeText(GUNZIP_FLOOR)}: measurements compress 5–30×, more is a gzip bomb)`
    : `at most ${sizeText(cap)} decompressed`
  return new InputError(
    name,
    undefined,
    undefined,
    `more than ${sizeText(cap)} once decompressed (reading stopped there)`,
    `a gzip file of ${most} (split the measurements, or keep fewer samples)`
  )
}

/** `1 GiB`, `64 KiB`: a cap in the unit that shows it whole. */
function sizeText(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10]
  ] as const)
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`
  return `${bytes} bytes`
}

/**
 * UTF-8 text of `bytes`. Bytes that are not UTF-8 become lone surrogates
 * (U+DC80 + byte, Python's "surrogateescape"), never U+FFFD: a file may hold
 * a real U+FFFD (csv-spectrum does), and only a lone surrogate, which no
 * valid UTF-8 decodes to, tells a loader "this is not text" (see
 * `looksBinary`). Text without U+FFFD (almost all) costs one search of
 * the decoded string.
 */
export function decodeText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start)
  const decoded = buffer.toString('utf8')
  // no U+FFFD in the text (instant for ASCII text): nothing was replaced
  if (decoded.indexOf('\ufffd') === -1 || isUtf8(buffer)) return decoded
  let text = ''
  let from = 0
  let at = 0
  while (at < buffer.length) {
    const size = utf8SequenceLength(buffer, at)
    if (size > 0) {
      at += size
      continue
    }
    text += buffer.toString('utf8', from, at) + String.fromCharCode(0xdc00 + buffer[at])
    at++
    from = at
  }
  return text + buffer.toString('utf8', from, at)
}

/** Length of the well-formed UTF-8 sequence at `bytes[at]` (RFC 3629), or 0. */
function utf8SequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]
  if (lead < 0x80) return 1
  const continuation = (i: number): boolean =>
    at + i < bytes.length && (bytes[at + i] & 0xc0) === 0x80
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0
  if (lead >= 0xe0 && lead <= 0xef) {
    const second = bytes[at + 1]
    if (lead === 0xe0 && second < 0xa0) return 0
    if (lead === 0xed && second > 0x9f) return 0
    return continuation(1) && continuation(2) ? 3 : 0
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const second = bytes[at + 1]
    if (lead === 0xf0 && second < 0x90) return 0
    if (lead === 0xf4 && second > 0x8f) return 0
    return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
  }
  return 0
}

/**
 * The byte path of {@link readLines} (see `LineBatchSource.scan`): the same
 * lines, numbers, BOM, `\r`, NUL and long-line rules as {@link readBatches},
 * but each raw chunk, up to its last `\n`, goes to the walker, which reads
 * the rows it is sure about in place; only the lines it declines are
 * decoded for `text`. A line split between chunks is joined first.
 */
async function scanLines(
  source: ChunkSource,
  max: number,
  walker: ByteRowWalker,
  text: (line: string, lineNumber: number) => boolean | void
): Promise<number> {
  const { path, name, progress } = source
  const chunks = textChunks(source)
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
      const whole = decodeText(chunk, start, end)
      if (whole.length > max) throw tooLong(name, number, whole, max)
    }
    while (end > start && chunk[end - 1] === 13) end--
    visiting = true
    const go = text(decodeText(chunk, start, end), number) !== false
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
    const partial = decodeText(Buffer.concat(carry, carryLength))
    if (partial.length > max) throw tooLong(name, lineNumber + 1, partial, max)
  }
  try {
    await progress.open(path)
    for await (const chunk of chunks) {
      let start = 0
      if (first) {
        first = false
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3
      }
      checkNul(chunk, start, name, lineNumber)
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
    await chunks.return(undefined)
    progress.close()
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
 * whole file, from its first `bytes` (64 KiB unless given); stops early on a
 * long line or binary data and returns what it has.
 */
export async function readHead(
  path: string,
  count: number,
  options: ReadLinesOptions & { bytes?: number } = {}
): Promise<string[]> {
  const head: string[] = []
  const size = options.bytes ?? 64 * 1024
  // a gzip file's head is its decompressed text; a corrupt one's, its raw bytes (the loader says why)
  const gunzipped = (await isGzipFile(path)) ? await gunzipHead(path, size) : undefined
  const { bytes, full } = gunzipped ?? (await rawHead(path, size))
  const encoding = utf16Bom(bytes)
  let text =
    encoding === undefined
      ? decodeText(bytes)
      : new TextDecoder(encoding).decode(bytes.subarray(0, bytes.length & ~1))
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const lines = text.split('\n')
  if (full && lines.length > 1) lines.pop()
  for (const line of lines.slice(0, count))
    head.push(trimCarriageReturns(line).slice(0, options.maxLineLength ?? MAX_LINE_LENGTH))
  if (head.length > 0 && head[head.length - 1] === '') head.pop()
  return head
}

/** The first `size` bytes of a file; `full` when the file holds more (its last line may be cut). */
async function rawHead(path: string, size: number): Promise<{ bytes: Buffer; full: boolean }> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(size)
    const { bytesRead } = await handle.read(buffer, 0, size, 0)
    return { bytes: buffer.subarray(0, bytesRead), full: bytesRead === size }
  } finally {
    await handle.close()
  }
}

/**
 * The first `size` decompressed bytes of a gzip file, decompressing no more
 * than that (a chunk past it); undefined when its stream is corrupt before
 * any byte, so the head is its raw bytes and the loader reports the file.
 */
async function gunzipHead(
  path: string,
  size: number
): Promise<{ bytes: Buffer; full: boolean } | undefined> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 })
  const gunzip = createGunzip()
  stream.on('error', (error) => gunzip.destroy(error))
  const parts: Buffer[] = []
  let length = 0
  try {
    for await (const chunk of stream.pipe(gunzip) as AsyncIterable<Buffer>) {
      parts.push(chunk)
      length += chunk.length
      if (length >= size) break
    }
  } catch {
    if (length === 0) return undefined
  } finally {
    gunzip.destroy()
    stream.destroy()
  }
  const bytes = Buffer.concat(parts, length)
  return { bytes: bytes.subarray(0, size), full: length >= size }
}

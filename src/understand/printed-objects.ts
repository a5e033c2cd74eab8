/**
 * JavaScript objects as `console.log` prints them (util.inspect: keys
 * unquoted, strings in single quotes, a `Date` bare, one line or one key per
 * line past 72 columns), the way Node users save `process.memoryUsage()` and
 * paste it in leak reports. Each object is one sample; a time (`2024-01-01T…Z
 * {…}`, `[10:00:01] {…}`) or a work count (`after 1000 requests {…}`) before
 * it on its line gives it its place. Lines that are no object are other log
 * lines. No eval and no regular expression over a whole line: one linear scan
 * per character, objects capped at {@link MAX_OBJECT_CHARS}. Pure: the
 * sniffer feeds it the head, the loader the whole file.
 */
import { isKeptCountName, isTimeName, isWorkCounterName, kindFromName } from './names.js'
import { setOwn } from './own-property.js'

/** Longest printed object read (characters, its lines joined): a memoryUsage() object is ~100. */
export const MAX_OBJECT_CHARS = 64 * 1024
/** Longest text before an object's `{` on its line (a time, a label). */
const MAX_PREFIX = 200
/** Deepest nesting of objects and arrays inside one printed object. */
const MAX_NESTING = 8

/** What the scanner found: an object (a sample), other lines, or a broken object that looked like memory. */
export type PrintedEvent =
  | {
      kind: 'object'
      /** Line of the object's `{`. */
      line: number
      /** The object, keys from the text before it first (`time`, a work word), nested keys joined with `.`. */
      record: Record<string, unknown>
      /** True when the object is plain JSON with nothing before it (a JSON document's shape). */
      json: boolean
    }
  | { kind: 'other'; lines: number }
  | { kind: 'error'; line: number; found: string; expected: string }

/** A size string with a decimal-looking unit: `'181.54 MB'`, `"1.5 GB"`, `'512 KB'` (bounded, anchored). */
const PRINTED_SIZE_RE = /^(\s{0,8}[+-]?[\d.,_]{1,32}\s{0,8})([kKmMgGtT])[bB](\s{0,8})$/
const BINARY_UNITS: Readonly<Record<string, string>> = { k: 'KiB', m: 'MiB', g: 'GiB', t: 'TiB' }

/**
 * A size string of a printed object in the unit it was computed in. These
 * strings come from the formatter every Node memory snippet uses,
 * `Math.round(used / 1024 / 1024 * 100) / 100 + ' MB'`: divided by 1024,
 * so their KB, MB and GB are KiB, MiB and GiB. (A size in a table cell
 * keeps MB = 10^6 bytes, as docker writes it.)
 */
function binarySize(text: string): string {
  const size = PRINTED_SIZE_RE.exec(text)
  return size === null ? text : `${size[1]}${BINARY_UNITS[size[2].toLowerCase()]}${size[3]}`
}

/** A parse failure at an offset of the object's text. */
interface Failure {
  at: number
  found: string
  expected: string
}

const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13
const isDigit = (code: number): boolean => code >= 48 && code <= 57
const isIdentStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36
const isIdentPart = (code: number): boolean => isIdentStart(code) || isDigit(code)

/** A `Date` as util.inspect prints it (unquoted ISO); bounded quantifiers only. */
const BARE_DATE_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})/y
const WORDS: Readonly<Record<string, unknown>> = {
  true: true,
  false: false,
  null: null,
  undefined: null,
  NaN: null,
  Infinity: null
}
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0'
}

/** Shows a found token short and printable. */
function shown(text: string, at: number): string {
  if (at >= text.length) return 'the end of the object'
  const code = text.charCodeAt(at)
  if (code === 10) return 'the end of the line'
  let end = at
  while (end < text.length && end - at < 24 && !isBlank(text.charCodeAt(end))) end++
  return text.slice(at, Math.max(end, at + 1))
}

/**
 * A recursive-descent reader of one printed object's text (starting at its
 * `{`): the value, or where it broke. Keys read before the break are kept, so
 * a broken object that names memory is an error, not another log line.
 */
class ObjectParser {
  at = 0
  readonly keys: string[] = []

  constructor(private readonly text: string) {}

  private blanks(): void {
    while (this.at < this.text.length && isBlank(this.text.charCodeAt(this.at))) this.at++
  }

  private fail(expected: string): never {
    throw { at: this.at, found: shown(this.text, this.at), expected } satisfies Failure
  }

  parse(): Record<string, unknown> {
    const value = this.object(1, '')
    this.blanks()
    if (this.text[this.at] === ',') this.at++ // `console.log` in an array's style
    this.blanks()
    if (this.at < this.text.length) this.fail('the end of the line after the object')
    return value
  }

  private object(depth: number, path: string): Record<string, unknown> {
    if (depth > MAX_NESTING) this.fail(`objects nested at most ${MAX_NESTING} deep`)
    this.at++ // `{`
    const out: Record<string, unknown> = {}
    for (;;) {
      this.blanks()
      if (this.text.charCodeAt(this.at) === 125) {
        this.at++
        return out
      }
      const key = this.key()
      this.keys.push(path + key)
      this.blanks()
      if (this.text.charCodeAt(this.at) !== 58) this.fail('`:` after the key')
      this.at++
      this.blanks()
      setOwn(out, key, this.value(depth, `${path}${key}.`))
      this.blanks()
      const code = this.text.charCodeAt(this.at)
      if (code === 44) this.at++
      else if (code !== 125) this.fail('`,` or `}`')
    }
  }

  private array(depth: number, path: string): unknown[] {
    if (depth > MAX_NESTING) this.fail(`arrays nested at most ${MAX_NESTING} deep`)
    this.at++ // `[`
    const out: unknown[] = []
    for (;;) {
      this.blanks()
      if (this.text.charCodeAt(this.at) === 93) {
        this.at++
        return out
      }
      out.push(this.value(depth, `${path}${out.length}.`))
      this.blanks()
      const code = this.text.charCodeAt(this.at)
      if (code === 44) this.at++
      else if (code !== 93) this.fail('`,` or `]`')
    }
  }

  private key(): string {
    const code = this.text.charCodeAt(this.at)
    if (code === 39 || code === 34) return this.string()
    if (!isIdentStart(code)) this.fail('a key (a name, or a quoted one) or `}`')
    const start = this.at
    while (this.at < this.text.length && isIdentPart(this.text.charCodeAt(this.at))) this.at++
    return this.text.slice(start, this.at)
  }

  private string(): string {
    const quote = this.text.charCodeAt(this.at)
    const start = this.at
    this.at++
    let out = ''
    let from = this.at
    for (;;) {
      if (this.at >= this.text.length || this.text.charCodeAt(this.at) === 10) {
        this.at = start
        this.fail(`a string closed by ${String.fromCharCode(quote)} on its line`)
      }
      const code = this.text.charCodeAt(this.at)
      if (code === quote) break
      if (code === 92) {
        out += this.text.slice(from, this.at)
        const next = this.text[this.at + 1] ?? ''
        if (next === 'u' || next === 'x') {
          const digits = this.text.slice(this.at + 2, this.at + (next === 'u' ? 6 : 4))
          if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (next === 'u' ? 4 : 2))
            this.fail('a `\\u` or `\\x` escape with its hex digits')
          out += String.fromCharCode(parseInt(digits, 16))
          this.at += 2 + digits.length
        } else {
          out += ESCAPES[next] ?? next
          this.at += 2
        }
        from = this.at
        continue
      }
      this.at++
    }
    out += this.text.slice(from, this.at)
    this.at++
    return out
  }

  private value(depth: number, path: string): unknown {
    const code = this.text.charCodeAt(this.at)
    if (code === 123) return this.object(depth + 1, path)
    if (code === 91) return this.array(depth + 1, path)
    if (code === 39 || code === 34 || code === 96) return binarySize(this.string())
    if (isDigit(code)) {
      BARE_DATE_RE.lastIndex = this.at
      const date = BARE_DATE_RE.exec(this.text)
      if (date !== null) {
        this.at += date[0].length
        return date[0]
      }
    }
    if (isDigit(code) || code === 45 || code === 43) return this.number()
    if (isIdentStart(code)) {
      const start = this.at
      while (this.at < this.text.length && isIdentPart(this.text.charCodeAt(this.at))) this.at++
      const word = this.text.slice(start, this.at)
      if (word in WORDS) return WORDS[word]
      this.at = start
    }
    return this.fail(
      "a value: a number (`4935680`, `1_234`), a quoted string (`'181.54 MB'`), a date, an object or an array"
    )
  }

  /** `-12`, `1_234.5e3`, `123n` (a BigInt), `-Infinity`. */
  private number(): number | null {
    const start = this.at
    const text = this.text
    let negative = false
    if (text.charCodeAt(this.at) === 45 || text.charCodeAt(this.at) === 43) {
      negative = text.charCodeAt(this.at) === 45
      this.at++
      if (text.startsWith('Infinity', this.at)) {
        this.at += 8
        return null
      }
    }
    // the usual case: whole digits up to 15 (exact as a double), summed without a string
    let plain = 0
    let end = this.at
    while (end < text.length && end - this.at < 16 && isDigit(text.charCodeAt(end)))
      plain = plain * 10 + (text.charCodeAt(end++) - 48)
    const next = text.charCodeAt(end)
    if (
      end > this.at &&
      end - this.at <= 15 &&
      !isDigit(next) &&
      next !== 95 &&
      next !== 46 &&
      next !== 101 &&
      next !== 69 &&
      next !== 110 &&
      !(end < text.length && isIdentPart(next))
    ) {
      this.at = end
      return negative ? -plain : plain
    }
    let digits = ''
    const run = (): void => {
      if (!isDigit(text.charCodeAt(this.at))) this.fail('a digit')
      let from = this.at
      while (this.at < text.length) {
        const c = text.charCodeAt(this.at)
        if (isDigit(c)) this.at++
        else if (
          c === 95 &&
          isDigit(text.charCodeAt(this.at + 1)) &&
          isDigit(text.charCodeAt(this.at - 1))
        ) {
          digits += text.slice(from, this.at)
          this.at++
          from = this.at
        } else break
      }
      digits += text.slice(from, this.at)
    }
    run()
    if (text.charCodeAt(this.at) === 46) {
      digits += '.'
      this.at++
      run()
    }
    const e = text.charCodeAt(this.at)
    if (e === 101 || e === 69) {
      digits += 'e'
      this.at++
      const sign = text.charCodeAt(this.at)
      if (sign === 43 || sign === 45) {
        digits += text[this.at]
        this.at++
      }
      run()
    }
    if (text.charCodeAt(this.at) === 110) this.at++ // BigInt
    if (this.at < text.length && isIdentPart(text.charCodeAt(this.at))) {
      this.at = start
      this.fail(
        "a value: a number (`4935680`, `1_234`), a quoted string (`'181.54 MB'`), a date, an object or an array"
      )
    }
    const value = Number(digits)
    return negative ? -value : value
  }
}

/** A time at the start of the text before an object, maybe in brackets (`[10:00:01]`). */
const LEADING_TIME_RE =
  /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?|\d{10,19}(?:\.\d{1,9})?)\]?(?=$|[\s,|:\]-])/
/** A time inside the text before an object (`memory at 10:00:01`). */
const INNER_TIME_RE =
  /\b(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)\b/
/** A number followed by a word (`1,000 requests`); the word says whether it counts work. */
const COUNT_RE = /(\d{1,15}(?:,\d{3}){0,5})\s{1,4}([A-Za-z]{1,40})/g

/**
 * What the text before an object says of it: a time (ISO, a clock, an
 * epoch), else a work count (`after 1000 requests`, as log patterns read
 * `N requests`). The keys go first in the sample, unless the object has a
 * key of that kind itself.
 */
export function prefixFields(prefix: string): Record<string, unknown> {
  const text = prefix.trim()
  const fields: Record<string, unknown> = {}
  if (text === '') return fields
  let rest = text
  const time = LEADING_TIME_RE.exec(text) ?? INNER_TIME_RE.exec(text)
  if (time !== null) {
    fields.time = time[1]
    rest = text.slice(0, time.index) + ' ' + text.slice(time.index + time[0].length)
  }
  for (const count of rest.matchAll(COUNT_RE)) {
    if (!isWorkCounterName(count[2]) || kindFromName(count[2]) !== undefined) continue
    fields[count[2]] = Number(count[1].replace(/,/g, ''))
    break
  }
  return fields
}

/** Name rules by key, remembered: every object of a file repeats its keys. */
const KINDS = new Map<string, ReturnType<typeof kindFromName> | null>()
const TIMES = new Map<string, boolean>()
const REMEMBERED = 4096

/** The kind of a key's last part (`mem.rss` → rss's). */
function kindOf(key: string): ReturnType<typeof kindFromName> {
  let kind = KINDS.get(key)
  if (kind === undefined) {
    kind = kindFromName(key.slice(key.lastIndexOf('.') + 1)) ?? null
    if (KINDS.size < REMEMBERED) KINDS.set(key, kind)
  }
  return kind ?? undefined
}

/** A key naming memory or counted objects, a measurement by itself (a kept count only beside one). */
function namesMeasurement(key: string): boolean {
  return kindFromName(key) !== undefined && !isKeptCountName(key)
}

function timeName(name: string): boolean {
  let time = TIMES.get(name)
  if (time === undefined) {
    time = isTimeName(name)
    if (TIMES.size < REMEMBERED) TIMES.set(name, time)
  }
  return time
}

/** True when a key (nested keys joined with `.`) names memory. */
function hasMemoryKey(keys: readonly string[]): boolean {
  return keys.some((key) => kindOf(key) === 'memory')
}

/**
 * True when the text after a line's `{` opens a printed object: the line
 * ends there, or closes it (`{}`), or a key and `:` follow.
 */
function opensObject(line: string, brace: number): boolean {
  let at = brace + 1
  while (at < line.length && isBlank(line.charCodeAt(at))) at++
  if (at >= line.length) return true
  const code = line.charCodeAt(at)
  if (code === 125) return true
  if (code === 39 || code === 34) {
    const close = line.indexOf(line[at], at + 1)
    if (close < 0) return false
    at = close + 1
  } else if (isIdentStart(code)) {
    while (at < line.length && isIdentPart(line.charCodeAt(at))) at++
  } else return false
  while (at < line.length && isBlank(line.charCodeAt(at))) at++
  return line.charCodeAt(at) === 58
}

/**
 * Reads printed objects line by line. An object closes when its brackets
 * balance (strings followed); then it is parsed. A broken object whose keys
 * name memory is an error at its line and column; any other broken one was
 * other log lines, and the line that broke it is looked at afresh.
 */
export class PrintedObjectScanner {
  private text = ''
  private prefix = ''
  private firstLine = 0
  /** Offset in `text` where each of the object's lines starts, and that line's first column in the file. */
  private starts: number[] = []
  private columns: number[] = []
  private stack = ''
  private quote = 0

  /** True while an object is open (its `{` read, not yet closed). */
  get open(): boolean {
    return this.stack !== ''
  }

  /** Reads one line; what it found is pushed to `out`. */
  feed(line: string, lineNumber: number, out: PrintedEvent[]): void {
    if (!this.open && isBlankLine(line)) return
    if (this.open) {
      // each line inside an object starts with a key, a value or a closing bracket
      let first = 0
      while (first < line.length && isBlank(line.charCodeAt(first))) first++
      if (first === line.length) return this.append(line, lineNumber, out)
      const code = line.charCodeAt(first)
      const inObject = this.stack.endsWith('{')
      const fits = inObject
        ? isIdentStart(code) || code === 39 || code === 34 || code === 125
        : code !== 58 && code !== 44 && code !== 125
      if (fits && this.text.length + line.length < MAX_OBJECT_CHARS)
        return this.append(line, lineNumber, out)
      // an error when the object names memory, else its lines were other lines; either way
      // this line is looked at afresh (a new object may start on it)
      this.broken(out, lineNumber, first, line, fits)
    }
    this.start(line, lineNumber, out)
  }

  /** The end of the input: an object still open is broken. */
  end(out: PrintedEvent[]): void {
    if (!this.open) return
    const parser = new ObjectParser(this.text)
    try {
      parser.parse()
    } catch {
      // keys read up to the end
    }
    const lines = this.starts.length
    if (hasMemoryKey(parser.keys)) {
      out.push({
        kind: 'error',
        line: this.firstLine,
        found: 'the end of the file',
        expected: `\`${this.stack.endsWith('[') ? ']' : '}'}\` closing the printed object opened at line ${this.firstLine}`
      })
    } else out.push({ kind: 'other', lines })
    this.reset()
  }

  private reset(): void {
    this.text = ''
    this.stack = ''
    this.quote = 0
    this.starts = []
    this.columns = []
  }

  /** A line outside any object: the start of one, or another log line. */
  private start(line: string, lineNumber: number, out: PrintedEvent[]): void {
    const brace = line.indexOf('{')
    if (
      brace < 0 ||
      brace > MAX_PREFIX ||
      line.lastIndexOf('}', brace) >= 0 ||
      !opensObject(line, brace)
    ) {
      out.push({ kind: 'other', lines: 1 })
      return
    }
    this.prefix = line.slice(0, brace)
    this.firstLine = lineNumber
    const body = line.slice(brace)
    if (body.length >= MAX_OBJECT_CHARS) {
      this.text = body.slice(0, MAX_OBJECT_CHARS)
      this.starts = [0]
      this.columns = [brace]
      this.stack = '{'
      this.broken(out, lineNumber, brace + MAX_OBJECT_CHARS, line, true)
      return
    }
    this.text = ''
    this.starts = []
    this.columns = []
    this.stack = ''
    this.quote = 0
    this.scan(body, brace, lineNumber, out)
  }

  /** A line inside the open object. */
  private append(line: string, lineNumber: number, out: PrintedEvent[]): void {
    this.text += '\n'
    this.scan(line, 0, lineNumber, out)
  }

  /** Adds `part` (from `column` of its line) to the object, following brackets and strings. */
  private scan(part: string, column: number, lineNumber: number, out: PrintedEvent[]): void {
    const offset = this.text.length
    this.starts.push(offset)
    this.columns.push(column)
    this.text += part
    this.quote = 0 // strings end on their line (util.inspect escapes line breaks)
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i)
      if (this.quote !== 0) {
        if (code === 92) i++
        else if (code === this.quote) this.quote = 0
      } else if (code === 39 || code === 34 || code === 96) this.quote = code
      else if (code === 123 || code === 91) {
        this.stack += code === 123 ? '{' : '['
        if (this.stack.length > MAX_NESTING + 1) break // the parser says so
      } else if (code === 125 || code === 93) {
        this.stack = this.stack.slice(0, -1)
        if (this.stack === '') {
          this.close(out)
          return
        }
      }
    }
    if (this.stack.length > MAX_NESTING + 1) this.close(out)
  }

  /** The object's brackets balanced at `end` of its text: parse it. */
  private close(out: PrintedEvent[]): void {
    const text = this.text
    const lines = this.starts.length
    const parser = new ObjectParser(text)
    try {
      const object = parser.parse()
      // `config { port: 3000 }`: an object naming no measurement is another log line (nor is
      // `{ handlers: [...] }`: a kept count beside memory is read, alone it is a settings dump)
      if (!parser.keys.some((key) => namesMeasurement(key.slice(key.lastIndexOf('.') + 1)))) {
        out.push({ kind: 'other', lines })
        this.reset()
        return
      }
      const record: Record<string, unknown> = {}
      const own = Object.keys(object)
      if (this.prefix !== '')
        for (const [key, value] of Object.entries(prefixFields(this.prefix)))
          if (!own.some((name) => (key === 'time' ? timeName(name) : name === key)))
            record[key] = value
      for (const key of own) setOwn(record, key, object[key])
      out.push({
        kind: 'object',
        line: this.firstLine,
        record,
        json: this.prefix.trim() === '' && isJson(text)
      })
    } catch (error) {
      const failure = error as Failure
      if (hasMemoryKey(parser.keys)) out.push(this.errorAt(failure))
      else out.push({ kind: 'other', lines })
    }
    this.reset()
  }

  /**
   * A line that cannot continue the open object (or one past the size cap):
   * an error when the object names memory (returns true: the line is taken),
   * else the object's lines were other lines and this one is looked at afresh.
   */
  private broken(
    out: PrintedEvent[],
    lineNumber: number,
    column: number,
    line: string,
    oversize: boolean
  ): void {
    const parser = new ObjectParser(this.text)
    try {
      parser.parse()
    } catch {
      // keys read up to the break
    }
    const lines = this.starts.length
    const memory = hasMemoryKey(parser.keys)
    const opened = this.firstLine
    const closer = this.stack.endsWith('[') ? ']' : '}'
    this.reset()
    if (!memory) {
      out.push({ kind: 'other', lines })
      return
    }
    out.push({
      kind: 'error',
      line: lineNumber,
      found: oversize ? `an object over ${MAX_OBJECT_CHARS / 1024} KiB` : shown(line, column),
      expected: oversize
        ? `a printed object of at most ${MAX_OBJECT_CHARS / 1024} KiB (opened at line ${opened})`
        : `at column ${column + 1} a key, a value or \`${closer}\` continuing the printed object opened at line ${opened}`
    })
  }

  /** The error of a parse failure, at its line and column in the file. */
  private errorAt(failure: Failure): PrintedEvent {
    let k = 0
    while (k + 1 < this.starts.length && this.starts[k + 1] <= failure.at) k++
    const column = failure.at - this.starts[k] + this.columns[k] + 1
    return {
      kind: 'error',
      line: this.firstLine + k,
      found: failure.found,
      expected: `at column ${column} ${failure.expected} (a printed object, as console.log writes it)`
    }
  }
}

function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isBlank(line.charCodeAt(i))) return false
  return true
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** The printed objects of a head: samples, broken objects that name memory, other lines. */
export interface PrintedHead {
  records: Array<Record<string, unknown>>
  errors: number
  other: number
  /** Every object is plain JSON with nothing before it. */
  allJson: boolean
}

/**
 * The printed objects in the first lines of a file, when some whole one
 * names memory (`rss`, `heapUsed` … by the column-name rules);
 * undefined otherwise, and for one plain JSON object alone (a snapshot). An
 * object the head cuts off is not counted (a JSON document longer than the
 * head stays a document).
 */
export function printedObjectsOf(lines: readonly string[]): PrintedHead | undefined {
  const scanner = new PrintedObjectScanner()
  const events: PrintedEvent[] = []
  lines.forEach((line, index) => scanner.feed(line, index + 1, events))
  const records: Array<Record<string, unknown>> = []
  let errors = 0
  let other = 0
  let memory = false
  let allJson = true
  for (const event of events) {
    if (event.kind === 'object') {
      records.push(event.record)
      allJson &&= event.json
      if (!memory) memory = hasMemoryKey(flatKeys(event.record))
    } else if (event.kind === 'error') errors++
    else other += event.lines
  }
  // broken objects alone (a config's `{rss: memory}`, code's `{ rss: mb(149.81) }`) make no
  // printed-objects file; in one that has whole objects they are errors (the loader's)
  if (!memory) return undefined
  if (errors === 0 && allJson && records.length === 1 && other === 0) return undefined
  return { records, errors, other, allJson }
}

function flatKeys(object: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? flatKeys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`]
  )
}

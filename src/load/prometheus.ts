/**
 * Prometheus text exposition 0.0.4 and OpenMetrics 1.0. A scrape is a
 * snapshot whose keys are `name` or `name{a="b",c="d"}` (labels in their
 * original order, values re-escaped canonically, no trailing comma), so a
 * Micrometer ≤1.12 scrape (`{area="heap",}`) and a 1.13 one give the same
 * keys. Handles label escapes, `NaN`/`Nan`/`+Inf`, `E` exponents, optional
 * timestamps (ms in 0.0.4, s in OpenMetrics), exemplars after ` # `,
 * `# EOF`, HELP/TYPE/UNIT and CRLF. Files holding several scrapes in a row
 * load as series with {@link loadPrometheusSeries}, and so do scrapes saved
 * one per file ({@link loadPrometheusScrapes}) when the files make a sequence
 * ({@link groupScrapeSequences}: one folder, names differing only in their last
 * digits, at least 3, no two at one time); a line holding only a
 * time before a scrape (`date` or `# $(date -Iseconds)` in a curl loop)
 * times it when its samples carry no timestamp. Counters, histograms,
 * summaries and times only grow, so they are left out unless the config
 * names them (see {@link leftOutReason}); an input whose every sample is
 * left out is an error, never a silent pass.
 */
import { InputError } from '../errors.js'
import type { MetricKind, Series, SeriesProcessChange, Snapshot } from '../model.js'
import { ErrorSink, looksBinary, readAllLines, type LineSource } from './lines.js'
import { MAX_POINTS, SeriesBuilder, seriesId, type SeriesMeta } from './series-builder.js'
import type {
  SampleFilter,
  SeriesLoadRequest,
  SeriesLoadResult,
  SnapshotLoadResult
} from './types.js'
import { parseNumber } from '../understand/units.js'
import { isProcessStartName } from '../understand/names.js'
import { TIME_LINE_RE } from '../understand/sniff.js'
import { createTimeParser, detectTimeKind, type TimeParser } from './times.js'
import {
  groupScrapeSequences,
  naturalCompare,
  type ScrapeFileTime
} from '../understand/scrape-sequences.js'

// The sequence rules are shared with zero-config detection (understand/scrape-sequences.ts).
export {
  groupScrapeSequences,
  headScrapeTime,
  naturalCompare
} from '../understand/scrape-sequences.js'
export type { ScrapeFileTime } from '../understand/scrape-sequences.js'

/** One parsed sample line. */
export interface PrometheusSample {
  name: string
  labels: Array<[string, string]>
  /** Canonical key: `name` or `name{a="b"}`. */
  key: string
  value: number
  /** Raw timestamp as written (ms in 0.0.4, s in OpenMetrics), if any. */
  timestamp?: number
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57)
}

/** A label name's first character: a letter or `_` (no digit, no `:`). */
function isLabelStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9
}

/** Escapes a label value the way the exposition formats write it. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** Builds the canonical key of a sample. */
export function sampleKey(name: string, labels: ReadonlyArray<readonly [string, string]>): string {
  if (labels.length === 0) return name
  return `${name}{${labels.map(([label, value]) => `${label}="${escapeLabelValue(value)}"`).join(',')}}`
}

/** Reads a quoted string starting at `at` (on the opening quote); returns [value, index after closing quote]. */
function readQuoted(line: string, at: number): [string, number] | undefined {
  let value = ''
  let i = at + 1
  let start = i
  while (i < line.length) {
    const code = line.charCodeAt(i)
    if (code === 34) return [value + line.slice(start, i), i + 1]
    if (code === 92) {
      value += line.slice(start, i)
      const next = line[i + 1]
      value += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next ?? ''}`
      i += 2
      start = i
      continue
    }
    i++
  }
  return undefined
}

/** The value of a sample's value token, or what was wrong with it. */
export function sampleValue(token: string): number | { error: string; found: string } {
  const value = parseNumber(token, { special: true })
  if (value === undefined) return { error: 'a number like 1.5e3, NaN or +Inf', found: token }
  // `NaN` and `±Inf` are written as words; digits that overflow a double (`1e309`) are a mistake
  if (!Number.isFinite(value) && !Number.isNaN(value) && /\d/.test(token))
    return {
      error: 'a number a double can hold (this one overflows to infinity)',
      found: token
    }
  return value
}

/** A byte that is not UTF-8, as `io/read-lines.ts` decodes it (a lone surrogate). */
const NOT_UTF8 = /[\u{dc80}-\u{dcff}]/u

/** Most line prefixes a {@link SampleCache} remembers. */
const SAMPLE_CACHE_SIZE = 20000
/** Longest prefix a {@link SampleCache} remembers: real `name{labels}` are far shorter. */
const SAMPLE_CACHE_PREFIX = 512
/**
 * Most characters (prefixes, keys, labels) a {@link SampleCache} holds: 8 to
 * 16 MiB (one or two bytes a character), 20,000 keys of 400 characters. At 4 Mi
 * a file of 20,000 keys of 450 characters loaded 2x slower, with 80 MiB more
 * peak RSS (each line parsed anew), than with all of them held.
 */
export const SAMPLE_CACHE_CHARS = 8 * 1024 * 1024

/**
 * A copy of `text` that does not keep the string it was cut from alive: V8
 * makes `slice` of 13 or more characters a view into its parent (here the
 * line, itself a view into its 1 MiB decoded chunk) and a concatenation a
 * pair of pointers; slicing a fresh concatenation first copies it into a new
 * flat string, which is all the result then refers to (measured: 200 kept
 * 200-character slices of 1 MiB strings held 203 MiB of heap, these copies 4 MiB).
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/**
 * A copy of a sample without timestamp whose strings are {@link detached}
 * from its line: its name and labels are cut from `key` (its key, detached)
 * where they are written there unescaped, so they hold no characters of their
 * own; `chars` counts those of the others.
 */
function keyedSample(
  key: string,
  sample: PrometheusSample
): { sample: PrometheusSample; chars: number } {
  const { name } = sample
  let chars = 0
  const copy: PrometheusSample = {
    name: key.slice(0, name.length),
    labels: [],
    key,
    value: sample.value
  }
  // the layout of sampleKey: name{label="value",label="value"}
  let at = name.length + 1
  for (const [label, value] of sample.labels) {
    const start = at + label.length + 2
    if (/[\\"\n]/.test(value)) {
      copy.labels.push([key.slice(at, at + label.length), detached(value)])
      chars += value.length
      at = start + escapeLabelValue(value).length + 2
    } else {
      copy.labels.push([key.slice(at, at + label.length), key.slice(start, start + value.length)])
      at = start + value.length + 2
    }
  }
  return { sample: copy, chars }
}

/**
 * The fast path of {@link parsePrometheusLine} for the lines of a scrape
 * file, which repeat the same `name{labels}` once per scrape: a line
 * `PREFIX VALUE` (PREFIX up to its last space) whose PREFIX was parsed
 * before gets that parse's name, labels and key, and only its value is read.
 * A prefix is remembered only from a line the general parser read as
 * `name{labels} value` with no timestamp, no `#` in the prefix (so no
 * exemplar) and a value token with no tab or `#`: the general parser then
 * reads PREFIX the same way whatever single token follows it, so both paths
 * agree (`__tests__/load/prometheus-fast-path.test.ts`). Anything else,
 * including a value it cannot read, goes to the general parser.
 *
 * Its memory is bounded whatever the file: prefixes over
 * {@link SAMPLE_CACHE_PREFIX} characters are not remembered, nor more than
 * {@link SAMPLE_CACHE_SIZE} prefixes or {@link SAMPLE_CACHE_CHARS}
 * characters; what it keeps is copied off the line (see {@link detached}).
 * Families the loader leaves out are remembered too: their keys still end
 * scrapes, so each of their lines must be parsed anyway.
 */
export class SampleCache {
  private readonly samples = new Map<string, PrometheusSample>()
  /** Characters held by {@link samples} (its prefixes and their samples' strings). */
  private held = 0
  /** Lines it did not remember since it became full. */
  private missed = 0
  /**
   * True when the last {@link parse} took a remembered prefix: the line is
   * then UTF-8 (prefixes with bytes that are not are never remembered, and a
   * value read has only ASCII), so the caller need not search it again.
   */
  hit = false

  /** Prefixes remembered now. */
  get size(): number {
    return this.samples.size
  }

  /** Characters held now (at most {@link SAMPLE_CACHE_CHARS}). */
  get chars(): number {
    return this.held
  }

  /** Parses `line` (trimmed, not a comment) as {@link parsePrometheusLine} does. */
  parse(line: string): PrometheusSample | { error: string; found: string } {
    this.hit = false
    const space = line.lastIndexOf(' ')
    if (space <= 0) return parsePrometheusLine(line)
    if (space > SAMPLE_CACHE_PREFIX) return parsePrometheusLine(line)
    const prefix = line.slice(0, space)
    const known = this.samples.get(prefix)
    if (known !== undefined) {
      // most values are plain digits: read them in place
      const digits = digitsAt(line, space + 1)
      if (!Number.isNaN(digits)) {
        this.hit = true
        return { name: known.name, labels: known.labels, key: known.key, value: digits }
      }
      const token = line.slice(space + 1)
      if (plainToken(token)) {
        const digits = digitsValue(token)
        const value = Number.isNaN(digits) ? sampleValue(token) : digits
        if (typeof value === 'number') {
          this.hit = true
          return { name: known.name, labels: known.labels, key: known.key, value }
        }
      }
      return parsePrometheusLine(line)
    }
    const sample = parsePrometheusLine(line)
    if (
      !('error' in sample) &&
      sample.timestamp === undefined &&
      prefix.indexOf('#') === -1 &&
      plainToken(line.slice(space + 1)) &&
      !NOT_UTF8.test(prefix)
    )
      return this.remember(prefix, sample)
    return sample
  }

  /**
   * Remembers `sample` under `prefix`, both copied off the line; returns what
   * it remembers. When full it remembers nothing more until as many lines
   * have missed as it holds, then starts afresh: scrapes repeat their keys in
   * the same order, and clearing at once would let a scrape of more keys
   * than it holds evict each key just before its next use (no hit at all).
   */
  private remember(prefix: string, sample: PrometheusSample): PrometheusSample {
    // a canonical line's prefix is its key: then one string serves as both
    const key = detached(sample.key)
    const same = prefix === key
    const copy = keyedSample(key, sample)
    const chars = (same ? 0 : prefix.length) + key.length + copy.chars
    if (this.samples.size >= SAMPLE_CACHE_SIZE || this.held + chars > SAMPLE_CACHE_CHARS) {
      // still a copy: the loader keeps a new key's sample for the whole load
      if (++this.missed <= this.samples.size) return copy.sample
      this.samples.clear()
      this.held = 0
      this.missed = 0
    }
    this.held += chars
    const remembered = copy.sample
    this.samples.set(same ? key : detached(prefix), remembered)
    return remembered
  }
}

/** The value of `text[start..]` when it is 1 to 15 ASCII digits (exact in a double), else NaN. */
function digitsAt(text: string, start: number): number {
  const end = text.length
  if (end <= start || end - start > 15) return NaN
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return NaN
    value = value * 10 + digit
  }
  return value
}

/** The value of a token of 1 to 15 ASCII digits (exact in a double), else NaN. */
function digitsValue(token: string): number {
  const length = token.length
  if (length > 15) return NaN
  let value = 0
  for (let i = 0; i < length; i++) {
    const digit = token.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return NaN
    value = value * 10 + digit
  }
  return value
}

/** A value token the fast path may read: not empty, no tab, no `#`. */
function plainToken(token: string): boolean {
  return token.length > 0 && token.indexOf('\t') === -1 && token.indexOf('#') === -1
}

/**
 * Parses one sample line, or returns what was wrong. Exported for tests
 * and for tools that read single lines.
 */
export function parsePrometheusLine(
  line: string
): PrometheusSample | { error: string; found: string } {
  let i = 0
  const length = line.length
  while (i < length && isBlank(line.charCodeAt(i))) i++
  let name = ''
  const nameStart = i
  while (
    i < length &&
    (i === nameStart ? isNameStart(line.charCodeAt(i)) : isNameChar(line.charCodeAt(i)))
  )
    i++
  name = line.slice(nameStart, i)
  const labels: Array<[string, string]> = []
  // `name {labels}`: the text format allows blanks before the brace
  let brace = i
  while (name !== '' && brace < length && isBlank(line.charCodeAt(brace))) brace++
  if (line.charCodeAt(brace) === 123) i = brace
  if (line.charCodeAt(i) === 123) {
    i++
    for (;;) {
      while (i < length && isBlank(line.charCodeAt(i))) i++
      if (line.charCodeAt(i) === 125) {
        i++
        break
      }
      let label: string
      if (line.charCodeAt(i) === 34) {
        const quoted = readQuoted(line, i)
        if (!quoted) return { error: 'a closing quote', found: line.slice(i) }
        i = quoted[1]
        while (i < length && isBlank(line.charCodeAt(i))) i++
        if (name === '' && line.charCodeAt(i) !== 61) {
          name = quoted[0]
          if (line.charCodeAt(i) === 44) i++
          continue
        }
        label = quoted[0]
      } else {
        const labelStart = i
        if (i < length && isLabelStart(line.charCodeAt(i)))
          while (i < length && isNameChar(line.charCodeAt(i))) i++
        label = line.slice(labelStart, i)
        if (label === '')
          return {
            error: 'a label name (a letter or "_" first) or "}"',
            found: line.slice(i, i + 20) || 'end of line'
          }
        while (i < length && isBlank(line.charCodeAt(i))) i++
      }
      if (line.charCodeAt(i) !== 61)
        return { error: `"=" after label ${label}`, found: line.slice(i, i + 20) || 'end of line' }
      i++
      while (i < length && isBlank(line.charCodeAt(i))) i++
      if (line.charCodeAt(i) !== 34)
        return {
          error: `a quoted value for label ${label}`,
          found: line.slice(i, i + 20) || 'end of line'
        }
      const value = readQuoted(line, i)
      if (!value)
        return { error: `a closing quote for label ${label}`, found: line.slice(i, i + 20) }
      for (const [seen] of labels)
        if (seen === label)
          return {
            error: `each label name once (label ${label} is repeated)`,
            found: line.slice(nameStart, value[1])
          }
      labels.push([label, value[0]])
      i = value[1]
      const afterValue = i
      while (i < length && isBlank(line.charCodeAt(i))) i++
      const separator = line.charCodeAt(i)
      if (separator === 44) i++
      // Prometheus' own scrape parser also takes blanks between labels (`{a="1" b="2"}`)
      else if (
        separator !== 125 &&
        !(i > afterValue && (isLabelStart(separator) || separator === 34))
      )
        return { error: '"," or "}" after a label', found: line.slice(i, i + 20) || 'end of line' }
    }
  }
  if (name === '') return { error: 'a sample `name{labels} value [timestamp]`', found: line }
  // after `}` the value may follow at once (`name{a="b"}-Inf`, as expfmt reads it)
  if (i < length && !isBlank(line.charCodeAt(i)) && line.charCodeAt(i - 1) !== 125)
    return { error: 'a space after the metric name', found: line.slice(i, i + 20) }
  const rest = line.slice(i).trim()
  // an OpenMetrics exemplar: ` # {labels} value [timestamp]`; any other `#` is junk
  const hash = rest.search(/[ \t]#[ \t]*\{/)
  const tokens = (hash >= 0 ? rest.slice(0, hash) : rest).split(/[ \t]+/)
  if (tokens.length === 0 || tokens[0] === '')
    return { error: 'a value after the metric name', found: 'end of line' }
  if (tokens.length > 2) return { error: 'a value and an optional timestamp', found: rest }
  const value = sampleValue(tokens[0])
  if (typeof value !== 'number') return value

  const sample: PrometheusSample = { name, labels, key: sampleKey(name, labels), value }
  if (tokens.length === 2) {
    const timestamp = parseNumber(tokens[1])
    if (timestamp === undefined || !Number.isFinite(timestamp))
      return { error: 'a timestamp (a number)', found: tokens[1] }
    sample.timestamp = timestamp
  }
  return sample
}

/** Prometheus text may hold a NUL in a label value or HELP text: the reader judges it here. */
const KEEP_NUL = { keepNul: true } as const

const OPENMETRICS_TYPES = new Set(['stateset', 'info', 'gaugehistogram', 'unknown'])

/**
 * The epoch ms of a line that is only a time, as a scrape loop writes it
 * before each scrape (`date`, `date -Iseconds`, `date +%s`, also as a
 * comment `# $(date)`); NaN otherwise. Small numbers are not taken for
 * times (epoch seconds from 2001 on only), nor clock or elapsed times (no date).
 */
function scrapeTimeOf(text: string, parser: TimeParser): number {
  // a time between rules or after a label (`=== Mon Mar 10 10:00:05 UTC 2025 ===`, `Time: …`): the time
  const time = text.length <= MAX_TIME_LINE ? (TIME_LINE_RE.exec(text)?.[1] ?? text) : text
  const kind = detectTimeKind(time)
  if (kind === undefined || kind === 'clock' || kind === 'duration' || kind === 'minutes-seconds')
    return NaN
  if (kind.startsWith('epoch') && Number(time) < 1e9) return NaN
  return parser.parse(time)
}

/** Longest line searched for a time between rules (a `date` line is some 40 characters). */
const MAX_TIME_LINE = 200

/** Streams scrapes: calls `onSample` per sample and `onEnd` at `# EOF`; tracks the OpenMetrics flavour. */
class ExpositionReader {
  openMetrics = false
  samples = 0
  /** Line of the first sample, for an error about the file as a whole. */
  firstSampleLine: number | undefined
  private readonly times = createTimeParser()
  private readonly cache = new SampleCache()
  constructor(
    private readonly sink: ErrorSink,
    /** `# TYPE` of each family seen so far (shared by the files of one series). */
    private readonly types: Map<string, string>,
    private readonly onSample: (sample: PrometheusSample) => void,
    private readonly onEof: () => void,
    /** A line holding only a time (a scrape loop's `date`), in epoch ms. */
    private readonly onTime: (ms: number) => void = () => undefined,
    /** Lines worth parsing (a {@link SampleFilter}'s families and markers); all when absent. */
    private readonly wanted?: (line: string) => boolean
  ) {}

  visit(raw: string, lineNumber: number): boolean {
    const line = raw.trim()
    if (line === '') return true
    if (line.charCodeAt(0) === 35) {
      const parts = line.split(/\s+/)
      // a NUL is text inside a HELP docstring (read with `keepNul`), binary anywhere else
      if (parts[1] !== 'HELP' && line.indexOf('\0') !== -1) {
        this.sink.addBinary(lineNumber)
        return false
      }
      if (parts[1] === 'EOF' && parts.length === 2) {
        this.openMetrics = true
        this.onEof()
      } else if (parts[1] === 'UNIT') this.openMetrics = true
      else if (parts[1] === 'TYPE') {
        if (parts[2] !== undefined && parts[3] !== undefined)
          this.types.set(parts[2], parts[3].toLowerCase())
        if (OPENMETRICS_TYPES.has(parts[3] ?? '')) this.openMetrics = true
      } else if (parts[1] !== 'HELP') {
        const time = scrapeTimeOf(line.slice(1).trim(), this.times)
        if (!Number.isNaN(time)) this.onTime(time)
      }
      return true
    }
    if (this.wanted !== undefined && !this.wanted(line)) return true
    const sample = this.cache.parse(line)
    if ('error' in sample) {
      const time = scrapeTimeOf(line, this.times)
      if (!Number.isNaN(time)) {
        this.onTime(time)
        return true
      }
      if (looksBinary(line)) {
        this.sink.addBinary(lineNumber)
        return false
      }
      const name = /^[A-Za-z_:][\w:]*/.exec(line)?.[0]
      this.sink.add(lineNumber, name, sample.found, sample.error)
      return true
    }
    if (!this.cache.hit && NOT_UTF8.test(line)) {
      this.sink.add(
        lineNumber,
        sample.name,
        line,
        'UTF-8 text (the line holds bytes that are not UTF-8)'
      )
      return true
    }
    this.samples++
    this.firstSampleLine ??= lineNumber
    this.onSample(sample)
    return true
  }
}

/**
 * True when a sample's value is a measurement (finite): `NaN` and `±Inf` are
 * valid Prometheus values but missing samples here, left out of a snapshot
 * with a note and a gap in a series. Negative values stay: gauges are signed
 * and Micrometer writes `jvm_memory_max_bytes -1` for "no limit".
 */
function isMeasurement(sample: PrometheusSample): boolean {
  return Number.isFinite(sample.value)
}

/** Converts a raw sample timestamp to epoch ms (OpenMetrics writes seconds, 0.0.4 milliseconds). */
function timestampMs(raw: number, openMetrics: boolean): number {
  return openMetrics ? raw * 1000 : raw
}

/**
 * The test of a line for a {@link SampleFilter}: its metric name is one of the families (or a
 * process's start time) and, for a family, the line holds one of the markers. A line that does not
 * start with a name (OpenMetrics' quoted `{"name"}`) is parsed, to be judged on its key.
 */
function wantedLines(filter: SampleFilter): (line: string) => boolean {
  const families = new Set(filter.families)
  const starts = new Map<string, boolean>()
  return (line) => {
    let end = 0
    while (end < line.length && isNameChar(line.charCodeAt(end))) end++
    if (end === 0) return true
    // a line not shaped like a sample is parsed: a scrape loop's bare time (`date`, an ISO or epoch
    // time) starts the next scrape and times it
    if (!looksLikeSample(line, end)) return true
    const name = line.slice(0, end)
    if (families.has(name)) return filter.markers.some((marker) => line.includes(marker))
    // a file has few names: each one's answer is remembered (at most a few thousand)
    let start = starts.get(name)
    if (start === undefined) {
      start = isProcessStartName(name)
      if (starts.size < 4096) starts.set(name, start)
    }
    return start
  }
}

/**
 * Whether a line whose name ends at `end` is shaped like a sample: labels follow, or blanks then a
 * number (`NaN`, `Inf` included). `Fri Nov 20 09:00:05 UTC 2026`, `2026-11-20T09:00:05Z` and a bare
 * epoch are not.
 */
function looksLikeSample(line: string, end: number): boolean {
  const next = line.charCodeAt(end)
  if (next === 123) return true // {
  if (next !== 32 && next !== 9) return false
  return SAMPLE_VALUE_START.test(line.slice(end, end + 8))
}

/** The blanks and the start of a sample's value after its name. */
const SAMPLE_VALUE_START = /^[ \t]+(?:[+-]?(?:\d|\.\d|inf)|nan)/i

/** Loads one scrape (or the last values of several) as a snapshot. */
export async function loadPrometheusSnapshot(
  lines: LineSource,
  file: string
): Promise<SnapshotLoadResult> {
  const sink = new ErrorSink(file)
  const values: Record<string, number> = {}
  let lastTimestamp: number | undefined
  let lineTime: number | undefined
  let nonFinite = 0
  const reader = new ExpositionReader(
    sink,
    new Map(),
    (sample) => {
      if (isMeasurement(sample)) values[sample.key] = sample.value
      else nonFinite++
      if (sample.timestamp !== undefined) lastTimestamp = sample.timestamp
    },
    () => undefined,
    (ms) => {
      lineTime = ms
    }
  )
  const rows = await readAllLines(
    lines,
    sink,
    (line, lineNumber) => reader.visit(line, lineNumber),
    undefined,
    KEEP_NUL
  )
  const snapshot: Snapshot = { file, values }
  if (lastTimestamp !== undefined) snapshot.time = timestampMs(lastTimestamp, reader.openMetrics)
  else if (lineTime !== undefined) snapshot.time = lineTime
  if (reader.samples === 0 && sink.count === 0) {
    sink.add(
      undefined,
      undefined,
      undefined,
      rows === 0
        ? 'Prometheus samples, found an empty file'
        : 'at least one sample line `name{labels} value`, found none'
    )
  }
  const loaded: SnapshotLoadResult = { snapshot, rows, errors: sink.errors, errorCount: sink.count }
  if (nonFinite > 0) loaded.notes = [`${nonFinite} samples with NaN or ±Inf values left out`]
  return loaded
}

/** Sample-name suffixes of counter, histogram and summary families (OpenMetrics and 0.0.4). */
const FAMILY_SUFFIX = /_(?:total|count|sum|bucket|created|gcount|gsum|info)$/
/** Families whose every sample only grows (or is a quantile of a growing population). */
const CUMULATIVE_TYPES = new Set(['counter', 'histogram', 'summary'])
/** Times and uptimes by name: they grow with the clock (`go_memstats_last_gc_time_seconds`). */
const TIME_NAME = /(?:^|_)(?:time|timestamp|uptime)(?:_seconds|_ms|_milliseconds)?$/
/** Cumulative counters by name, when no `# TYPE` says otherwise. */
const CUMULATIVE_NAME = /_(?:total|count|sum|bucket|created)$/

/** The `# TYPE` of a sample's family: its own name's, else its name's without a family suffix. */
function typeOf(name: string, types: ReadonlyMap<string, string>): string | undefined {
  return types.get(name) ?? types.get(name.replace(FAMILY_SUFFIX, ''))
}

/**
 * Kind by name of a counter of object births or deaths (`brokers_created_total`,
 * `python_gc_objects_collected_total`): kept for the lifecycle analysis, which
 * reads them as cumulative counters. OpenMetrics `foo_created` (a counter's
 * creation time) is not one of them.
 */
function lifecycleKind(name: string): 'created' | 'collected' | undefined {
  return /_created_total$/.test(name)
    ? 'created'
    : /_collected_total$/.test(name)
      ? 'collected'
      : undefined
}

/**
 * Why a sample is left out of the analysed series when the config names no
 * metrics, or undefined to keep it: counters (`# TYPE x counter`, or with no
 * type a name ending `_total`, `_count`, `_sum`, `_bucket`, `_created`),
 * histograms and summaries only ever rise on a healthy service, and so do
 * times (`*_time_seconds`). Gauges stay, whatever their name.
 */
export function leftOutReason(
  name: string,
  types: ReadonlyMap<string, string>
): 'cumulative' | 'time' | undefined {
  const type = typeOf(name, types)
  if (TIME_NAME.test(name)) return 'time'
  if (type !== undefined && CUMULATIVE_TYPES.has(type)) return 'cumulative'
  if (
    (type === undefined || type === 'untyped' || type === 'unknown') &&
    CUMULATIVE_NAME.test(name)
  )
    return 'cumulative'
  return undefined
}

/** Prometheus lines of one file, for {@link loadPrometheusScrapes}. */
export interface ScrapeFile {
  file: string
  lines: LineSource
}

/** The samples of one scrape (or one moment of an API answer), timed (epoch ms, NaN when unknown). */
export interface TimedScrape {
  samples: Map<string, PrometheusSample>
  time: number
}

/**
 * One key's values while a file is read: one float per scrape from the
 * scrape it first appeared in (NaN where it was missing or not a
 * measurement), the times shared by all keys of the file. 8 bytes a scrape
 * instead of a {@link SeriesBuilder}'s 48 (2,000 series × 400 scrapes:
 * 6 MiB, not 37); past the builder's capacity the key moves to a builder,
 * so memory stays bounded however many scrapes a file holds.
 */
class KeyValues {
  values: Float64Array | undefined = new Float64Array(4)
  /** Slots of `values` written. */
  length = 0
  builder: SeriesBuilder | undefined = undefined
  constructor(
    readonly sample: PrometheusSample,
    readonly kind: MetricKind,
    /** Index (in the file's scrapes) of `values[0]`. */
    readonly start: number
  ) {}

  /** Records the value of scrape `index` (each key at most once a scrape, in scrape order). */
  put(index: number, value: number, times: readonly number[]): void {
    if (this.builder !== undefined) {
      this.builder.add(value, times[index], NaN)
      return
    }
    let values = this.values!
    const slot = index - this.start
    if (slot >= MAX_POINTS) {
      this.builder = this.replay(times)
      this.values = undefined
      this.builder.add(value, times[index], NaN)
      return
    }
    if (slot >= values.length) {
      const larger = new Float64Array(Math.min(MAX_POINTS, Math.max(values.length * 2, slot + 1)))
      larger.set(values.subarray(0, this.length))
      values = this.values = larger
    }
    values.fill(NaN, this.length, slot)
    values[slot] = value
    this.length = slot + 1
  }

  /**
   * The series of a key that never needed a builder (at most its capacity of
   * scrapes, so one raw sample a point): what {@link SeriesBuilder.build} gives
   * for the same samples, without building it. Undefined when every value was missing.
   */
  series(meta: SeriesMeta, times: readonly number[], shared: SharedArrays): Series | undefined {
    const values = this.values!
    let n = 0
    for (let i = 0; i < this.length; i++) if (!Number.isNaN(values[i])) n++
    if (n === 0) return undefined
    const value = new Array<number>(n)
    for (let i = 0, k = 0; i < this.length; i++)
      if (!Number.isNaN(values[i])) value[k++] = values[i]
    // the times of its samples: the last series' array when they are the same
    let time: number[]
    if (meta.timeBase === 'none') time = sharedFill(shared, 'none', n, NaN)
    else {
      let same = shared.time.length === n
      for (let i = 0, k = 0; same && i < this.length; i++)
        if (!Number.isNaN(values[i]) && !Object.is(shared.time[k++], times[this.start + i]))
          same = false
      if (same) time = shared.time
      else {
        time = new Array<number>(n)
        for (let i = 0, k = 0; i < this.length; i++)
          if (!Number.isNaN(values[i])) time[k++] = times[this.start + i]
        shared.time = time
      }
    }
    // the values are no longer needed (the other keys' series are still to be built)
    this.values = undefined
    const series: Series = {
      id: meta.id,
      file: meta.file,
      metric: meta.metric,
      kind: meta.kind,
      unit: meta.unit,
      timeBase: meta.timeBase,
      time,
      work: sharedFill(shared, 'noWork', n, NaN),
      value,
      min: value,
      max: value,
      count: sharedFill(shared, 'ones', n, 1),
      samples: n,
      reduced: false
    }
    if (meta.limit !== undefined) series.limit = meta.limit
    return series
  }

  /**
   * The restarts (scrape indexes where the process's start time changed) as
   * changes of this key's series, at its first point from that scrape on.
   * Call before {@link series} (which drops the values).
   */
  processChanges(
    restarts: ReadonlyArray<{ index: number; from: number; to: number }>,
    times: readonly number[],
    column: string
  ): SeriesProcessChange[] {
    const changes: SeriesProcessChange[] = []
    const values = this.values
    if (values === undefined || restarts.length === 0) return changes
    let points = 0
    let slot = 0
    for (const restart of restarts) {
      const at = restart.index - this.start
      if (at <= 0) continue
      while (slot < at && slot < this.length) if (!Number.isNaN(values[slot++])) points++
      // the new process's first point: none when the key has no value from there on
      let next = slot
      while (next < this.length && Number.isNaN(values[next])) next++
      if (points === 0 || next >= this.length) continue
      changes.push({
        column,
        what: 'process start',
        from: startText(restart.from),
        to: startText(restart.to),
        time: times[this.start + next],
        samplesBefore: points
      })
    }
    return changes
  }

  /** A builder holding the values so far, added in order as {@link SeriesBuilder.add} takes them. */
  replay(times: readonly number[]): SeriesBuilder {
    if (this.builder !== undefined) return this.builder
    const builder = new SeriesBuilder()
    const values = this.values!
    for (let i = 0; i < this.length; i++) builder.add(values[i], times[this.start + i], NaN)
    return builder
  }
}

/** Per-key values of one file's scrapes, with the keys left out remembered. */
class ScrapeSeries {
  private readonly entries = new Map<string, KeyValues | null>()
  /** Time of each scrape added (epoch ms, NaN when unknown). */
  private readonly times: number[] = []
  anyTime = false
  /** The key of the process's start time (`process_start_time_seconds`), when the scrapes have one. */
  private startKey: string | undefined
  /** More than one such key (several processes in one file): no restarts are read from them. */
  private startKeys = 0
  /** The start time in each scrape (NaN when absent). */
  private readonly starts: number[] = []

  constructor(
    private readonly file: string,
    private readonly spec: SeriesLoadRequest['spec'],
    private readonly types: ReadonlyMap<string, string>,
    /** Family names left out, by reason (shared by all the builders of a load). */
    private readonly leftOut: Map<string, 'cumulative' | 'time'>,
    /** Kinds of names the reader chose (a Prometheus API answer's unnamed results), before the name rules. */
    private readonly chosenKinds?: ReadonlyMap<string, MetricKind>
  ) {}

  /** Kind of a new key: the config's for named metrics only; else by name, counters and times left out. */
  private kindOf(sample: PrometheusSample): MetricKind | undefined {
    const metrics = this.spec.metrics
    if (metrics) return metrics[sample.key] ?? metrics[sample.name]
    const chosen = this.chosenKinds?.get(sample.name)
    if (chosen) return chosen
    const lifecycle = lifecycleKind(sample.name)
    if (lifecycle) return lifecycle
    const reason = leftOutReason(sample.name, this.types)
    if (reason) {
      const family = typeOf(sample.name, this.types) !== undefined && !this.types.has(sample.name)
      this.leftOut.set(family ? sample.name.replace(FAMILY_SUFFIX, '') : sample.name, reason)
      return undefined
    }
    return /bytes(_total)?$/.test(sample.name) ? 'memory' : 'count'
  }

  add(scrape: TimedScrape): void {
    if (!Number.isNaN(scrape.time)) this.anyTime = true
    const index = this.times.length
    this.times.push(scrape.time)
    for (const sample of scrape.samples.values()) {
      let entry = this.entries.get(sample.key)
      if (entry === undefined) {
        if (isProcessStartName(sample.name) && this.startKeys++ === 0) this.startKey = sample.key
        const kind = this.kindOf(sample)
        entry = kind === undefined ? null : new KeyValues(sample, kind, index)
        this.entries.set(sample.key, entry)
      }
      if (entry === null) continue
      entry.put(index, isMeasurement(sample) ? sample.value : NaN, this.times)
    }
    const start = this.startKey === undefined ? undefined : scrape.samples.get(this.startKey)
    this.starts.push(start !== undefined && isMeasurement(start) ? start.value : NaN)
  }

  /**
   * The scrapes where the process's start time changed (by a second or more):
   * a restart. None when the file holds several processes' start times or
   * more than {@link MAX_START_CHANGES} changes (no restarts, many processes).
   */
  restarts(): Array<{ index: number; from: number; to: number }> {
    if (this.startKeys !== 1) return []
    const changes: Array<{ index: number; from: number; to: number }> = []
    let last = Number.NaN
    for (let index = 0; index < this.starts.length; index++) {
      const start = this.starts[index]
      if (!Number.isFinite(start)) continue
      if (Number.isFinite(last) && Math.abs(start - last) >= 1)
        changes.push({ index, from: last, to: start })
      last = start
    }
    return changes.length > MAX_START_CHANGES ? [] : changes
  }

  /** The note on the restarts {@link restarts} found, or undefined. */
  restartNote(): string | undefined {
    const changes = this.restarts()
    if (changes.length === 0) return undefined
    const listed = changes
      .slice(0, 3)
      .map((c) => `${startText(c.from)} → ${startText(c.to)}`)
      .join(', ')
    return `${this.file}: ${this.startKey} changed ${changes.length === 1 ? 'once' : `${changes.length} times`} (${listed}${changes.length > 3 ? ', …' : ''}): ${changes.length === 1 ? 'a restart' : 'a restart each time'}`
  }

  /**
   * The series, one per key kept. Keys scraped together have equal `time`,
   * `work` and `count` arrays, and a series whose points are single
   * samples has `min` and `max` equal to `value`: those arrays are shared (no
   * stage changes a loaded series' arrays in place), so 2,000 series of 400
   * scrapes hold one array each, not 6.
   */
  build(): Series[] {
    const series: Series[] = []
    const restarts = this.restarts()
    const shared: SharedArrays = { time: [], none: [], noWork: [], ones: [], work: [], count: [] }
    for (const [key, entry] of this.entries) {
      if (entry === null) continue
      const { sample, kind } = entry
      const meta = {
        id: seriesId(this.file, key),
        file: this.file,
        metric: key,
        kind,
        unit: /bytes(_total)?$/.test(sample.name) || kind === 'memory' ? 'bytes' : 'count',
        timeBase: this.anyTime ? 'epoch' : 'none',
        limit: this.spec.limit
      } as const
      if (entry.builder === undefined) {
        const changes = entry.processChanges(restarts, this.times, this.startKey ?? '')
        const direct = entry.series(meta, this.times, shared)
        if (direct !== undefined) {
          if (changes.length > 0) direct.processChanges = changes
          series.push(direct)
        }
        continue
      }
      if (entry.builder.samples === 0) continue
      const built = entry.builder.build(meta)
      if (!built.reduced) {
        // one raw sample a point: its min and max are its value
        built.min = built.value
        built.max = built.value
      }
      if (sameNumbers(built.time, shared.time)) built.time = shared.time
      else shared.time = built.time
      if (sameNumbers(built.work, shared.work)) built.work = shared.work
      else shared.work = built.work
      if (sameNumbers(built.count, shared.count)) built.count = shared.count
      else shared.count = built.count
      series.push(built)
    }
    return series
  }
}

/** More start-time changes than this in one file are many processes, not restarts. */
const MAX_START_CHANGES = 64

/** A process start time (epoch seconds) as `2026-01-05T10:00:00Z`, or the number past any date. */
function startText(seconds: number): string {
  const ms = seconds * 1000
  return Math.abs(ms) <= 8.64e15
    ? new Date(ms).toISOString().replace('.000Z', 'Z')
    : String(seconds)
}

/**
 * Arrays the series of one {@link ScrapeSeries} share when equal (see its
 * `build`). The filled ones (`none`, `noWork`, `ones`) are only ever filled
 * by {@link sharedFill}, which checks their length alone; `work` and `count`
 * are a builder's and compared in full: a reduced key's `count` (2 a point)
 * must not pass for the ones of a key that never needed a builder.
 */
interface SharedArrays {
  time: number[]
  /** `time` of a series with no time base: NaN throughout. */
  none: number[]
  /** `work` of a series that never needed a builder: NaN throughout. */
  noWork: number[]
  /** `count` of a series that never needed a builder: 1 throughout. */
  ones: number[]
  /** The last builder's `work`. */
  work: number[]
  /** The last builder's `count`. */
  count: number[]
}

/** `shared[which]` when it is `n` times `fill`, else a new such array, kept as `shared[which]`. */
function sharedFill(
  shared: SharedArrays,
  which: 'none' | 'noWork' | 'ones',
  n: number,
  fill: number
): number[] {
  if (shared[which].length !== n) shared[which] = new Array<number>(n).fill(fill)
  return shared[which]
}

/** True when two arrays hold the same numbers (NaN equal to NaN). */
function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
  return true
}

/** The note naming what was left out (the CSV loader's wording for its cumulative columns). */
function leftOutNote(leftOut: Map<string, 'cumulative' | 'time'>): string | undefined {
  if (leftOut.size === 0) return undefined
  const names = [...leftOut.keys()]
  const shown = names.slice(0, 8).map((name) => `"${name}"`)
  if (names.length > shown.length) shown.push(`${names.length - shown.length} more`)
  const what = [...leftOut.values()].includes('time')
    ? 'cumulative counters, histograms, summaries or times'
    : 'cumulative counters, histograms or summaries'
  return `${shown.join(', ')} left out: ${what} by their type or name, which only grow (name them under \`metrics:\` to analyse them)`
}

/**
 * Several scrapes in one file (appended by a loop around `curl /metrics`):
 * a scrape ends at `# EOF` or when a sample key repeats. One series per
 * sample key, timed by the scrape's first timestamp (epoch), the time line
 * before it, or by index.
 */
export async function loadPrometheusSeries(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  return loadPrometheusScrapes([{ file: request.file, lines }], request)
}

/** The series name of a sequence that is not the whole load: its folder and name, last digits as `*`. */
function sequenceName(members: readonly ScrapeFileTime[]): string {
  const path = members[0].file
  const cut = path.lastIndexOf('/') + 1
  return path.slice(0, cut) + path.slice(cut).replace(/\d+(?=\D*$)/, '*')
}

/** The error for a load whose every sample was left out (SPEC §8: never a silent pass). */
function allLeftOutError(
  file: string,
  line: number | undefined,
  leftOut: Map<string, 'cumulative' | 'time'>
): InputError {
  const names = [...leftOut.keys()]
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '')
  const what = [...leftOut.values()].includes('time')
    ? 'cumulative counters, histograms, summaries or times'
    : 'cumulative counters, histograms or summaries'
  const expected = 'a gauge to analyse (name counters under `metrics:` to analyse them)'
  const error = new InputError(file, line, undefined, shown, expected)
  error.message = `${line === undefined ? file : `${file}:${line}`}: found only ${what} (${shown}), expected ${expected}`
  return error
}

/**
 * Scrapes spread over files (`scrape-01.prom` … `scrape-12.prom`, one
 * exposition each): one-scrape files that make a sequence by
 * {@link groupScrapeSequences} are read in natural name order as one series
 * per sample key, named by `request.file` (the glob) when there is one
 * sequence, else by the sequence's own `folder/name-*.prom`. Other one-scrape
 * files, and files holding several scrapes (as {@link loadPrometheusSeries}
 * reads them), are series of their own, so a glob over shards, replicas or a
 * few long scrape logs does not splice them together. Errors name each file
 * and line; a load whose every sample was left out (counters only) is an error.
 */
export async function loadPrometheusScrapes(
  files: ScrapeFile[],
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const { spec, samples: filter } = request
  const wanted = filter && wantedLines(filter)
  /** Files where the filter's cap left keys out. */
  const capped: string[] = []
  const ordered = [...files].sort((a, b) => naturalCompare(a.file, b.file))
  const types = new Map<string, string>()
  const leftOut = new Map<string, 'cumulative' | 'time'>()
  /** Per file: its own series (several scrapes), or its one scrape, held for grouping. */
  const read: Array<{ file: string; own?: ScrapeSeries; first?: TimedScrape }> = []
  const errors: SeriesLoadResult['errors'] = []
  let errorCount = 0
  let scrapes = 0
  let firstSample: { file: string; line: number } | undefined
  for (const { file, lines } of ordered) {
    const sink = new ErrorSink(file)
    /** The file's first scrape, held until the file shows whether it has more. */
    let first: TimedScrape | undefined
    let own: ScrapeSeries | undefined
    let scrape = new Map<string, PrometheusSample>()
    let scrapeTime: number | undefined
    /** The time line before the current scrape (a loop's `date`), in epoch ms. */
    let lineTime: number | undefined
    let fileScrapes = 0
    let reader: ExpositionReader | undefined = undefined
    /** The filter's keys kept in this file (at most its cap), and whether others were left out. */
    const admitted = new Set<string>()
    let overCap = false
    const chooses = filter?.admission?.()
    const admits = (sample: PrometheusSample): boolean => {
      if (filter === undefined || isProcessStartName(sample.name)) return true
      if (admitted.has(sample.key)) return true
      if (chooses) {
        const said = chooses(sample.key)
        if (said === 'over') overCap = true
        if (said !== 'kept') return false
      } else {
        if (!filter.keep(sample.key)) return false
        if (admitted.size >= filter.maxSeries) {
          overCap = true
          return false
        }
      }
      admitted.add(sample.key)
      return true
    }
    const flush = (): void => {
      if (scrape.size === 0) return
      fileScrapes++
      const time =
        scrapeTime !== undefined ? timestampMs(scrapeTime, reader!.openMetrics) : (lineTime ?? NaN)
      const timed: TimedScrape = { samples: scrape, time }
      if (own) own.add(timed)
      else if (!first) first = timed
      else {
        own = new ScrapeSeries(file, spec, types, leftOut)
        own.add(first)
        own.add(timed)
        first = undefined
      }
      scrape = new Map()
      scrapeTime = undefined
      lineTime = undefined
    }
    reader = new ExpositionReader(
      sink,
      types,
      (sample) => {
        if (!admits(sample)) return
        if (scrape.has(sample.key)) flush()
        if (scrapeTime === undefined && sample.timestamp !== undefined)
          scrapeTime = sample.timestamp
        scrape.set(sample.key, sample)
      },
      flush,
      (ms) => {
        // a time line starts the next scrape
        flush()
        lineTime = ms
      },
      wanted
    )
    const rows = await readAllLines(
      lines,
      sink,
      (line, lineNumber) => reader!.visit(line, lineNumber),
      undefined,
      KEEP_NUL
    )
    flush()
    // a filtered pass (a witness) may well find none of its samples in a file: not an error
    if (fileScrapes === 0 && sink.count === 0 && filter === undefined)
      sink.add(
        undefined,
        undefined,
        undefined,
        rows === 0
          ? 'Prometheus scrapes, found an empty file'
          : 'at least one sample line, found none'
      )
    if (firstSample === undefined && reader.firstSampleLine !== undefined)
      firstSample = { file, line: reader.firstSampleLine }
    read.push({ file, own, first })
    if (overCap) capped.push(file)
    scrapes += fileScrapes
    errors.push(...sink.errors)
    errorCount += sink.count
  }

  const singles = read.flatMap(({ file, first }) =>
    first ? [{ file, time: first.time, first }] : []
  )
  const sequences = groupScrapeSequences(singles)
  const inSequence = new Set(sequences.flat().map((member) => member.file))
  const series: Series[] = []
  const restartNotes: string[] = []
  const take = (scrapes: ScrapeSeries): void => {
    series.push(...scrapes.build())
    const restarted = scrapes.restartNote()
    if (restarted !== undefined && restartNotes.length < 4) restartNotes.push(restarted)
  }
  for (const members of sequences) {
    const name = sequences.length === 1 ? request.file : sequenceName(members)
    const merged = new ScrapeSeries(name, spec, types, leftOut)
    for (const member of members) merged.add(member.first)
    take(merged)
  }
  for (const { file, own, first } of read) {
    if (own) take(own)
    else if (first && !inSequence.has(file)) {
      const alone = new ScrapeSeries(file, spec, types, leftOut)
      alone.add(first)
      series.push(...alone.build())
    }
  }

  if (series.length === 0 && leftOut.size > 0 && errorCount === 0 && firstSample) {
    errors.push(allLeftOutError(firstSample.file, firstSample.line, leftOut).toReportError())
    errorCount++
  }
  const notes = [
    ordered.length > 1
      ? `${scrapes} scrapes read from ${ordered.length} files${describeSequences(sequences, ordered.length)}`
      : `${scrapes} scrapes read`
  ]
  const note = leftOutNote(leftOut)
  if (note) notes.push(note)
  if (filter !== undefined && capped.length > 0) {
    const where =
      capped.length === 1
        ? capped[0]
        : `${capped.length} files (${capped.slice(0, 3).join(', ')}${capped.length > 3 ? ', …' : ''})`
    notes.push(
      filter.chosen !== undefined
        ? `${filter.what} in ${where} past a cap: ${filter.chosen} read, the others left out`
        : `more than ${filter.maxSeries} ${filter.what} in ${where}: the first ${filter.maxSeries} of each file read, the others left out`
    )
  }
  notes.push(...restartNotes)
  return { series, rows: scrapes, errors, errorCount, notes }
}

/**
 * Series from samples already parsed and grouped by moment (the Prometheus
 * HTTP API's answers: load/prometheus-api.ts), by the rules scrape files are
 * read by: one series per sample key, its kind by name (`*_bytes` memory,
 * counters and times left out, with the same note) unless the entry's
 * `metrics:` or `chosenKinds` name it, restarts from a process start time.
 * Every sample left out is an error at `line`, in `sink` (never a silent pass).
 */
export function seriesOfSamples(
  file: string,
  spec: SeriesLoadRequest['spec'],
  moments: Iterable<TimedScrape>,
  line: number | undefined,
  sink: ErrorSink,
  chosenKinds?: ReadonlyMap<string, MetricKind>
): { series: Series[]; notes: string[] } {
  const leftOut = new Map<string, 'cumulative' | 'time'>()
  const scrapes = new ScrapeSeries(file, spec, new Map(), leftOut, chosenKinds)
  for (const moment of moments) scrapes.add(moment)
  const series = scrapes.build()
  const notes: string[] = []
  const note = leftOutNote(leftOut)
  if (note) notes.push(note)
  const restarted = scrapes.restartNote()
  if (restarted !== undefined) notes.push(restarted)
  if (series.length === 0 && leftOut.size > 0) sink.push(allLeftOutError(file, line, leftOut))
  return { series, notes }
}

/** How the files of a load were joined, for its note (empty when none were). */
function describeSequences(sequences: ScrapeFileTime[][], fileCount: number): string {
  const joined = sequences.reduce((sum, members) => sum + members.length, 0)
  if (joined === 0) return ' (each file a series of its own)'
  const which = joined === fileCount ? 'one scrape each' : `${joined} of them one scrape each`
  const as =
    sequences.length === 1 ? 'one series' : `${sequences.length} series, one per folder and name`
  return ` (${which}, in file-name order, as ${as})`
}

/**
 * The row-to-series core shared by the tabular loaders (csv, docker-stats,
 * jsonl, log): decides each column's role (time, work, group, metric or
 * ignored), parses cells, and feeds one {@link SeriesBuilder} per metric and
 * group. Formats only turn their lines into cells.
 */
import type { SeriesSpec } from '../config/types.js'
import type { MetricKind, Series, SeriesProcessChange, SeriesStop, ValueUnit } from '../model.js'
import { isMissing, type ErrorSink } from './lines.js'
import { SeriesBuilder, seriesId } from './series-builder.js'
import { isStoppedCell, noteStopped } from './stopped.js'
import { joinRecreated } from './recreated.js'
import {
  createTimeParser,
  detectTimeKind,
  scanIsoBytes,
  EPOCH_SCALE,
  type DayCache,
  type TimeKind,
  type TimeParser
} from './times.js'
import { compileTimeFormat, orderOfTimeFormat } from '../understand/date-forms.js'
import { clockFormOfTimeFormat } from '../understand/elapsed-forms.js'
import { unheldCounterNotes, windowsCounterReading } from '../understand/windows-counters.js'
import {
  parseNumber,
  parsePercent,
  parseSize,
  scanDecimalBytes,
  scanSize,
  scanSizePrefixBytes,
  scanValueBytes,
  scanned,
  unitFactorBytes,
  FORM_PLAIN,
  FORM_PERCENT,
  hasByteUnit
} from '../understand/units.js'
import {
  isCumulativeName,
  isProcessIdName,
  namesContainerIdsOnly,
  isProcessSizeName,
  isTimeName,
  isElapsedName,
  PDH_TIME_RE,
  timeUnitMsFromName,
  isWorkCounterName,
  isKeptCountName,
  kindAmongColumns,
  isGroupColumnName,
  isPeakName,
  isTopUnheldName,
  isUnheldSizeName,
  kindFromName,
  unitBytesFromName
} from '../understand/names.js'

/**
 * Most groups (series per metric column) one file keeps. Each series costs
 * memory and a line of analysis and report: without a cap a 4 MB file of
 * 50,000 containers took over 14 GB. Rows of later groups are read, counted
 * in a note, and not kept.
 */
export const MAX_GROUPS = 1000

type Role = 'time' | 'work' | 'group' | 'process' | 'metric' | 'ignore' | 'undecided'

/** 1024's power of a size unit's first letter (k, m, g, t, p), lower case; 0 for any other. */
const POWER_OF_LETTER = new Uint8Array(128)
POWER_OF_LETTER[107] = 1
POWER_OF_LETTER[109] = 2
POWER_OF_LETTER[103] = 3
POWER_OF_LETTER[116] = 4
POWER_OF_LETTER[112] = 5

/** Epoch times outside these are no dates of a test run (2001-01-01, 2100-01-01). */
const EPOCH_2001_MS = Date.UTC(2001, 0, 1)
/** The largest time a JavaScript Date holds (±100,000,000 days from 1970). */
const MAX_TIME_MS = 8.64e15
const EPOCH_2100_MS = Date.UTC(2100, 0, 1)

/** The epoch kind of a `time-unit:` (milliseconds per unit). */
const EPOCH_KIND_BY_MS = new Map<number, TimeKind>([
  [1000, 'epoch-s'],
  [1, 'epoch-ms'],
  [1e-3, 'epoch-us'],
  [1e-6, 'epoch-ns']
])

/** Rows {@link RowLoader}'s plain-row reader stages per column before it hands them to the series. */
const PLAIN_STAGE_ROWS = 2048

/** Cell roles of the byte fast path ({@link RowLoader.addRowBytes}). */
const CELL_SKIP = 0
const CELL_TIME = 1
const CELL_WORK = 2
const CELL_GROUP = 3
const CELL_USAGE = 4
const CELL_VALUE = 5
const CELL_PROCESS = 6

/**
 * A column naming the process sampled takes at most this many values in one
 * series: more are no restarts but many processes writing one file.
 */
const MAX_PROCESSES = 64

/** How a format wants a column used (docker-stats knows its columns by name). */
export interface ColumnPlan {
  /** `process`: the column names the process sampled (a container id): a new value is a restart. */
  role: 'metric' | 'ignore' | 'group' | 'time' | 'process'
  /**
   * The group column names docker containers: when its values are container ids alone
   * and each id's rows follow the last id's, the ids are one container recreated.
   */
  containers?: boolean
  /** What a `process` column names. */
  process?: SeriesProcessChange['what']
  /** Series metric name when it differs from the header (docker: `MemUsage`). */
  metric?: string
  kind?: MetricKind
  unit?: ValueUnit
  /** Cell is `usage / limit` (docker MemUsage): value = usage, series limit = last limit. */
  usageLimit?: boolean
}

/** Options of a {@link RowLoader}. */
export interface RowLoaderOptions {
  file: string
  spec: SeriesSpec
  sink: ErrorSink
  /** Format-specific column plan, consulted before name-based detection. */
  plan?: (name: string) => ColumnPlan | undefined
  /** Accept plain numbers written as strings in auto-detected columns (CSV cells are all strings). */
  numericStrings: boolean
  /** A row without a time gets NaN instead of an error (docker tables logged without times). */
  optionalTime?: boolean
  /** Every numeric column is judged, whatever its name (a log pattern's groups are named on purpose). */
  everyNumericColumn?: boolean
  /** Memory columns read only as witnesses (see `SeriesLoadRequest.witness`). */
  witness?: readonly string[]
  /** A column named like a container, service or worker groups the rows when no `group:` is set. */
  groupByName?: boolean
}

interface Target {
  group: string
  builder: SeriesBuilder
  limit?: number
  /** `0B / 0B` rows: a stopped container (see stopped.ts). */
  stops?: SeriesStop[]
  /** Where the process column took a new value in this group (see {@link RowLoader.noteProcess}). */
  processChanges?: SeriesProcessChange[]
  /** Rows of another group came after this group's (see {@link follow}). */
  left?: boolean
  /** Time of this group's last row (readings and `0B / 0B` rows alike). */
  lastTime?: number
}

/** The process column's values met in one group. */
interface ProcessTrack {
  current: string
  seen: Set<string>
  /** A value came back (or too many values): processes interleaved, not restarts. */
  interleaved: boolean
  /** A value came back: processes written in turn, not a run of restarts. */
  cameBack?: boolean
  /** `current` as bytes when it is ASCII, for the byte paths' comparison (else undefined). */
  currentBytes: Uint8Array | undefined
  /** The first few changes, for the notes. */
  changes: Array<{ from: string; to: string; time: number }>
  count: number
}

interface Column {
  index: number
  name: string
  metric: string
  role: Role
  kind?: MetricKind
  unit?: ValueUnit
  usageLimit: boolean
  /** Strict columns reject non-numeric text (metrics named in config or by the format). */
  strict: boolean
  /** A metric only because its values are numbers: its name says nothing of memory or objects. */
  byValues: boolean
  /** A count only by a name like `sessions` or `cache_size` (see `isKeptCountName`): text makes it no metric. */
  keptCount: boolean
  /**
   * Which placeholder texts (`N/A`, `null`, `--`...) are a missing sample
   * rather than an error: any (a column found numeric by its values, e.g.
   * Locust's `N/A` percentiles), docker's `--` only (docker columns), or none
   * (columns named under `metrics:`, the work column, names that say numeric).
   * Empty cells are missing samples in every column; all are counted for the notes.
   */
  placeholders: 'any' | 'docker' | 'none'
  /** Cells read as missing samples (empty or placeholder), for the notes. */
  missing: number
  /** What a plain number in this column is multiplied by when its unit is bytes (`unit: KiB`). */
  plainScale: number
  targets: Map<string, Target>
  limitText?: string
  limitValue: number
  /** The byte path's last limit text (after `/`, as bytes) and its value. */
  limitBytes?: Uint8Array
  limitView: DataView
  limitBytesValue: number
  /** The byte path's targets by group slot, valid for one generation of the slot list. */
  slotTargets: Target[]
  slotGeneration: number
  recent: Target[]
  /** The target of the last row, to tell groups that follow each other from interleaved ones. */
  last?: Target
  /** A group's rows came again after another group's: the groups interleave. */
  interleaved: boolean
  /** Read only to vouch for the listed columns: its cells' problems spoil it, never the file. */
  witness: boolean
}

/**
 * Notes that a row of `column` went to `target`: rows of a group met again
 * after another group's mean the groups interleave (containers sampled
 * together), not that one followed the other (a container recreated).
 */
function follow(column: Column, target: Target, time: number): void {
  target.lastTime = time
  const last = column.last
  if (last === target) return
  if (last !== undefined) last.left = true
  if (target.left) column.interleaved = true
  column.last = target
}

const EMPTY_VIEW = new DataView(new ArrayBuffer(0))

/**
 * How many bytes of `bytes[start, end)` equal `byte` (`pattern` is the byte
 * in all four lanes), four at a time: an exact zero-byte mask of the word
 * XOR the pattern, summed with one multiply.
 */
function countByte(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  pattern: number,
  byte: number
): number {
  let count = 0
  let i = start
  for (; i + 4 <= end; i += 4) {
    const word = view.getInt32(i, true) ^ pattern
    const zeros = ~(((word & 0x7f7f7f7f) + 0x7f7f7f7f) | word | 0x7f7f7f7f)
    count += Math.imul(zeros >>> 7, 0x01010101) >>> 24
  }
  for (; i < end; i++) if (bytes[i] === byte) count++
  return count
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * {@link scanDecimalBytes} for the row walker, whose bytes always hold a
 * `\n` before their end (every loop stops there, so no bounds test per
 * byte): a plain decimal at `bytes[start..]` into `scanned[0]`, exactly
 * `Number()` of that text; returns where it stopped, or -1 for no digits,
 * over 15 digits or an exponent. Whole digits are read four at a time from
 * one 32-bit word (a `process.memoryUsage()` row is five 8-9 digit numbers;
 * measured: ~5 % less CPU time on such a file than a byte at a time).
 */
function readDecimal(bytes: Uint8Array, view: DataView, start: number): number {
  let i = start
  let code = bytes[i]
  let negative = false
  if (code === 45 || code === 43) {
    negative = code === 45
    code = bytes[++i]
  }
  let mantissa = 0
  let scale = 1
  let digits = 0
  const words = bytes.length - 4
  while (i <= words) {
    const word = view.getInt32(i, true)
    // all four bytes are digits: none under 0x30 (borrow) and none over 0x39 (carry past 0x7f)
    if (((word - 0x30303030) | (word + 0x46464646)) & 0x80808080) break
    let v = word - 0x30303030
    // lanes d0 d1 d2 d3 (d0 first in the text): pairs, then the four
    v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff
    mantissa = mantissa * 10000 + ((v & 0xff) * 100 + (v >>> 16))
    digits += 4
    i += 4
  }
  code = bytes[i]
  while (code >= 48 && code <= 57) {
    mantissa = mantissa * 10 + (code - 48)
    digits++
    code = bytes[++i]
  }
  if (code === 46) {
    code = bytes[++i]
    while (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48)
      scale *= 10
      digits++
      code = bytes[++i]
    }
  }
  if (digits === 0 || digits > 15 || code === 101 || code === 69) return -1
  // no division for whole numbers (most cells): it cost ~10 % of a memoryUsage CSV's load
  const value = scale === 1 ? mantissa : mantissa / scale
  scanned[0] = negative ? -value : value
  return i
}

/**
 * Past the quoted cell whose opening quote is at `bytes[at]` (RFC 4180:
 * `""` inside is one quote, a delimiter is text): the index after its
 * closing quote, or -1 when a line break comes first (a record over
 * several lines) or anything but a delimiter or the line's end follows the
 * closing quote; the text path joins or reports those. `bytes` holds a
 * `\n` after `at`.
 */
function skipQuoted(bytes: Uint8Array, at: number, delimiter: number): number {
  let i = at + 1
  for (;;) {
    const c = bytes[i]
    if (c === 34) {
      if (bytes[i + 1] !== 34) break
      i += 2
      continue
    }
    if (c === 10) return -1
    i++
  }
  i++
  const next = bytes[i]
  if (next === delimiter || next === 10) return i
  let j = i
  while (bytes[j] === 13) j++
  return j > i && bytes[j] === 10 ? i : -1
}

/**
 * True when `bytes[start..]` begins with `known` (and it fits before `end`),
 * compared four bytes at a time.
 */
function sameBytes(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  known: Uint8Array,
  knownView: DataView
): boolean {
  const length = known.length
  if (start + length > end) return false
  const words = length & ~3
  for (let i = 0; i < words; i += 4)
    if (view.getInt32(start + i, true) !== knownView.getInt32(i, true)) return false
  for (let i = words; i < length; i++) if (bytes[start + i] !== known[i]) return false
  return true
}

/**
 * Parses a plain decimal number fast: `+text` after a first-character check
 * (`Number('')` is 0 and `Number('Infinity')` is not a measurement).
 */
function fastNumber(text: string): number {
  const code = text.charCodeAt(0)
  if ((code >= 48 && code <= 57) || code === 45 || code === 46 || code === 43) {
    const value = +text
    // `Number()` also reads `-Infinity`, `0x10`, `0b1`, `0o7` and overflows `1e309` to
    // Infinity: none is a measurement (they go on to the text checks, which report them)
    if (value - value !== 0) return NaN
    if (code === 48 && text.length > 2) {
      const second = text.charCodeAt(1) | 32
      if (second === 120 || second === 98 || second === 111) return NaN
    }
    return value
  }
  return NaN
}

/**
 * What a number-like cell that is no measurement should have been, or
 * undefined when it is not number-like: `Infinity`, `1e309` (overflows a
 * double) and `0x10` (hexadecimal) are refused with their own reason.
 */
export function impossibleNumber(text: string): string | undefined {
  const trimmed = text.trim()
  if (/^[+-]?inf(inity)?$/i.test(trimmed)) return 'a finite number (not infinity)'
  if (/^[+-]?0[xbo][0-9a-f_]*$/i.test(trimmed))
    return 'a decimal number (not hexadecimal, binary or octal)'
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) && !Number.isFinite(Number(trimmed)))
    return 'a number a double can hold (this one overflows to infinity)'
  return undefined
}

/** The expected text for a negative value in a memory column. */
const NEGATIVE_SIZE = 'a size of 0 or more (memory is never negative)'

/**
 * Below this, a process-size column of plain numbers read as bytes cannot be
 * bytes at all (no runtime fits in 64 KiB): its series is not judged, and the
 * analysis says which `unit:` to set instead of passing it quietly.
 */
const PROCESS_BYTES_FLOOR = 64 * 1024

/**
 * The unit plain numbers of a process-size column were written in, when their size leaves one:
 * a largest value of 64 KiB to 1 MiB is 64 MiB to 1 GiB in KiB (ps, top, /proc, getrusage), and
 * would be 64 GiB or more in MiB; one of 4 to 1023 is under 1 MiB in KiB, no process's size, and
 * 4 MiB to 1 GiB in MiB (`Math.round(rss / 1024 / 1024)`). Between the two (1,024 to 65,535) both
 * read as a process's size: undecided, the series is not judged and the report says which
 * `unit:` to set.
 */
export function inferredUnit(
  max: number
): { bytes: number; name: string; why: string } | undefined {
  if (max >= PROCESS_BYTES_FLOOR && max < 1024 * 1024)
    return { bytes: 1024, name: 'KiB', why: 'as ps, top, /proc and getrusage write it' }
  if (max >= 4 && max < 1024)
    return {
      bytes: 1024 * 1024,
      name: 'MiB',
      why: 'as loggers write `Math.round(rss / 1024 / 1024)` (in KiB it would be under 1 MiB)'
    }
  return undefined
}

/** A column's largest value over its series (NaN before any). */
function maxOf(column: Column): number {
  let max = NaN
  for (const target of column.targets.values()) {
    const value = target.builder.maxValue
    if (!(max >= value)) max = value
  }
  return max
}

/** Fewest readings a column's unit is inferred from (see {@link inferredUnit}). */
const MIN_INFERRED_READINGS = 6

/** Multiplies a series read in bytes by the unit its numbers were written in. */
function scaleSeries(series: Series, bytes: number): void {
  for (const values of [series.value, series.min, series.max])
    for (let i = 0; i < values.length; i++) values[i] *= bytes
}

/**
 * The `unit:` a process size's largest plain number fits, as advice: KiB for
 * ps-sized numbers (16,384 and up: 16 MiB or more as KiB), MiB for
 * hundreds (`297.1`: 297 MiB), GiB under 4, either of the first two between.
 */
export function unitAdvice(max: number): string {
  if (max >= 16384)
    return `as KiB the largest is ${(max / 1024).toFixed(0)} MiB: if the tool writes KiB (ps, top, /proc, getrusage), set \`unit: KiB\` on the series`
  if (max >= 1024)
    return `as KiB the largest is ${(max / 1024).toFixed(1)} MiB, as MiB ${(max / 1024).toFixed(1)} GiB: set \`unit: KiB\` (ps, top, /proc, getrusage) or \`unit: MiB\` on the series`
  if (max >= 4)
    return `as MiB the largest is ${max.toFixed(1)} MiB: if the numbers are MiB (docker stats, V8 and most loggers' "MB"), set \`unit: MiB\` on the series`
  return `as GiB the largest is ${max.toFixed(2)} GiB: set \`unit: GiB\` on the series`
}

/**
 * Returned by {@link RowLoader} helpers for a cell already reported as an
 * error. No cell can give it: every reader refuses infinities (a `-Infinity`
 * cell used to pass as this marker, so its row vanished with no word).
 */
const BAD = -Infinity

const USAGE_EXPECTED = 'a size like "293.7MiB / 7.654GiB"'

/** A column of CPU use (`cpu`, `CPU(cores)`, `cpu_millicores`): never memory. */
const CPU_NAME_RE = /(^|[^a-z])(cpu|cores?|millicores?)([^a-z]|$)/i

const EXPECTED_BY_UNIT: Record<ValueUnit, string> = {
  bytes: 'a number or a size like "293.7MiB"',
  percent: 'a percentage like "12.5%"',
  count: 'a number'
}

/**
 * The time parser a series entry asks for: its \`time-unit:\` (numeric times)
 * or \`time-format:\` (a day-month order, or a whole pattern), else one that
 * takes the column's form from its first value.
 */
function timeParserFor(spec: SeriesSpec): TimeParser {
  if (spec.timeUnitMs !== undefined)
    return createTimeParser(EPOCH_KIND_BY_MS.get(spec.timeUnitMs), "the series' `time-unit:`")
  if (spec.timeFormat !== undefined) {
    const by = "the series' `time-format:`"
    const order = orderOfTimeFormat(spec.timeFormat)
    if (order !== undefined) return createTimeParser(undefined, by, { order })
    const clock = clockFormOfTimeFormat(spec.timeFormat)
    if (clock !== undefined)
      return createTimeParser(clock === 'mm:ss' ? 'minutes-seconds' : 'hour-minute', by)
    return createTimeParser('pattern', by, { format: compileTimeFormat(spec.timeFormat) })
  }
  return createTimeParser()
}

/** The bytes of an ASCII text (undefined for any other: the byte paths then decline its rows). */
function asciiBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length)
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k)
    if (code > 127) return undefined
    bytes[k] = code
  }
  return bytes
}

/** Turns rows of cells into series; see the module comment. */
export class RowLoader {
  private readonly columns: Column[] = []
  private metricColumns: Column[] = []
  private timeIndex = -1
  private workIndex = -1
  private groupIndex = -1
  /** The column naming the process sampled (`pid`, a container id), or -1. */
  private processIndex = -1
  private processWhat: SeriesProcessChange['what'] = 'pid'
  /** The group column names docker containers (see {@link ColumnPlan.containers}). */
  private containerGroups = false
  private readonly processes = new Map<string, ProcessTrack>()
  private undecided = 0
  /** A column that groups the rows by its name alone, until its first value says so (or -1). */
  private namedGroup = -1
  private time: TimeParser
  /** Bytes per plain number in memory columns (the series' `unit:`; 1 = bytes). */
  private readonly unitBytes: number
  private readonly metricsConfig: Map<string, { name: string; kind: MetricKind }> | undefined
  /** Rows read (data rows, including those with errors). */
  rows = 0
  /** Rows without any value (e.g. docker `-- / --`, k6 `Metric` lines). */
  skipped = 0
  /** The line of the first time read (the text path reads every first value). */
  private firstTimeLine = -1
  /** Set when the file must be read again with its day-month order fixed (settled late). */
  rereadWithOrder: 'dmy' | undefined
  /** The note of a day-first order the dates' steps chose (see {@link SeriesLoadResult.rereadNote}). */
  rereadNote: string | undefined

  constructor(private readonly options: RowLoaderOptions) {
    this.time = timeParserFor(options.spec)
    this.unitBytes = options.spec.unitBytes ?? 1
    const metrics = options.spec.metrics
    if (metrics && Object.keys(metrics).length > 0) {
      this.metricsConfig = new Map()
      for (const [name, kind] of Object.entries(metrics))
        this.metricsConfig.set(name.toLowerCase(), { name, kind })
      // a witness is a column the config did not list: read beside the listed ones, in one pass
      for (const name of options.witness ?? []) {
        const lower = name.toLowerCase()
        if (this.metricsConfig.has(lower)) continue
        this.metricsConfig.set(lower, { name, kind: 'memory' })
        this.witnesses.add(lower)
      }
    }
  }

  /** Witness column names (lower case) that the config did not list (see {@link Column.witness}). */
  private readonly witnesses = new Set<string>()
  /** A witness cell did not read cleanly: the witnesses are dropped, the listed series stay. */
  private witnessSpoiled = false

  /**
   * A cell that does not read: an error at its line and column, or, in a
   * witness column, the witnesses dropped silently (a witness that does not
   * read cleanly vouches for nothing; the listed series are judged as before).
   */
  private cellError(column: Column, line: number, found: string, expected: string): void {
    if (column.witness) this.witnessSpoiled = true
    else this.options.sink.add(line, column.name, found, expected)
  }

  private used: number[] | undefined

  /**
   * Indexes of the cells this loader reads (time, work, group, metric and
   * still-undecided columns), ascending: a reader may leave the others unset.
   */
  usedIndexes(): number[] {
    if (this.used === undefined) {
      this.used = []
      for (const column of this.columns) if (column.role !== 'ignore') this.used.push(column.index)
    }
    return this.used
  }

  /** Index of the time column (by the config or its name), or -1. */
  get timeColumn(): number {
    return this.timeIndex
  }

  /** Names of the columns seen so far, in order. */
  get columnNames(): string[] {
    return this.columns.map((column) => column.name)
  }

  /**
   * Declares the header. Config-named time/work/group columns that are
   * missing are errors at `line`. Returns false when loading cannot go on.
   */
  defineColumns(names: readonly string[], line: number | undefined, rawHeader?: string): boolean {
    for (const name of names) this.addColumn(name)
    return this.checkConfiguredColumns(line, rawHeader)
  }

  /**
   * Checks that the columns the config names exist; records an error per
   * missing one. A header line that holds values (a time, numbers, sizes)
   * and leaves nothing to read is one error saying the file has no header
   * row, quoting the line as written (`rawHeader`).
   */
  checkConfiguredColumns(line: number | undefined, rawHeader?: string): boolean {
    const { spec, sink } = this.options
    if (rawHeader !== undefined && this.headerIsData() && !this.headerUsable()) {
      sink.add(
        line,
        undefined,
        rawHeader,
        'a header row naming the columns (no header row: this first line holds values; add one such as "time,rss", or list the columns in a log pattern)'
      )
      return false
    }
    const list = this.columns.map((column) => column.name).join(', ')
    let ok = true
    const need = (key: 'time' | 'work' | 'group', index: number): void => {
      const name = spec[key]
      if (name !== undefined && index < 0) {
        sink.add(line, name, list, `a ${key} column named "${name}" (the config's \`${key}\`)`)
        ok = false
      }
    }
    need('time', this.timeIndex)
    need('work', this.workIndex)
    need('group', this.groupIndex)
    if (this.metricsConfig) {
      for (const { name } of this.metricsConfig.values()) {
        if (this.witnesses.has(name.toLowerCase())) continue
        const found = this.columns.some(
          (column) => column.role === 'metric' && column.name.toLowerCase() === name.toLowerCase()
        )
        const planned = this.columns.some(
          (column) => column.role === 'metric' && column.metric.toLowerCase() === name.toLowerCase()
        )
        if (!found && !planned) {
          sink.add(line, name, list, `a column named "${name}" (listed under \`metrics\`)`)
          ok = false
        }
      }
    }
    if (
      ok &&
      this.metricColumns.length === 0 &&
      !this.columns.some((column) => column.role === 'undecided')
    ) {
      sink.add(line, undefined, list, 'a numeric column to analyse')
      ok = false
    }
    return ok
  }

  /** True when most header cells, or the first, read as values (a time, a number, a size, `a / b`). */
  private headerIsData(): boolean {
    const isValue = (text: string): boolean =>
      text !== '' &&
      (parseNumber(text) !== undefined ||
        parseSize(text) !== undefined ||
        parsePercent(text) !== undefined ||
        /\d\s*[KMGT]?i?B\s*\/\s*\d/i.test(text) ||
        (/^[\d[]/.test(text) && detectTimeKind(text) !== undefined))
    const names = this.columns.map((column) => column.name.trim())
    const values = names.filter(isValue).length
    return (
      values * 2 >= names.length || (names.length > 0 && /^\d/.test(names[0]) && isValue(names[0]))
    )
  }

  /** True when the header names what the config asks for and leaves a column to read. */
  private headerUsable(): boolean {
    const { spec } = this.options
    if (spec.time !== undefined && this.timeIndex < 0) return false
    if (spec.work !== undefined && this.workIndex < 0) return false
    if (spec.group !== undefined && this.groupIndex < 0) return false
    if (this.metricsConfig) {
      for (const { name } of this.metricsConfig.values()) {
        const lower = name.toLowerCase()
        if (this.witnesses.has(lower)) continue
        const has = this.columns.some(
          (column) =>
            column.role === 'metric' &&
            (column.name.toLowerCase() === lower || column.metric.toLowerCase() === lower)
        )
        if (!has) return false
      }
    }
    return this.metricColumns.length > 0 || this.columns.some((c) => c.role === 'undecided')
  }

  /**
   * With no `work:` configured, a cumulative work counter by its name (`requests`, `iterations`)
   * is the work axis, not a "leaking" series: takes it as such (the first one) and says so.
   */
  private takesWorkAxis(spec: SeriesSpec, name: string, index: number): boolean {
    if (
      spec.work !== undefined ||
      this.workIndex >= 0 ||
      !isWorkCounterName(name) ||
      kindFromName(name) !== undefined
    )
      return false
    this.workIndex = index
    this.autoNotes.push(
      `column "${name}" read as the work axis (a cumulative work counter by its name; set \`work:\` to choose another)`
    )
    return true
  }

  /** Adds a column (headers, or keys discovered in JSON lines); returns its index. */
  addColumn(name: string): number {
    const { spec, plan } = this.options
    const index = this.columns.length
    const lower = name.toLowerCase()
    const column: Column = {
      index,
      name,
      metric: name,
      role: 'ignore',
      // every field set here, so all columns share one shape (the byte path reads them per row)
      kind: undefined,
      unit: undefined,
      usageLimit: false,
      strict: false,
      byValues: false,
      keptCount: false,
      placeholders: 'none',
      missing: 0,
      plainScale: 1,
      targets: new Map(),
      limitText: undefined,
      limitValue: NaN,
      limitBytes: undefined,
      limitBytesValue: NaN,
      limitView: EMPTY_VIEW,
      slotTargets: [],
      slotGeneration: 0,
      recent: [],
      last: undefined,
      interleaved: false,
      witness: false
    }
    const planned = plan?.(name)
    const configured =
      this.metricsConfig?.get(lower) ??
      (planned?.metric ? this.metricsConfig?.get(planned.metric.toLowerCase()) : undefined)
    if (
      spec.time !== undefined
        ? name === spec.time
        : this.timeIndex < 0 && (planned?.role === 'time' || (!planned && isTimeName(name)))
    ) {
      column.role = 'time'
      this.timeIndex = index
      if (spec.timeFormat === undefined && spec.timeUnitMs === undefined) {
        // typeperf/perfmon write month first whatever the locale: no order for the column to settle
        if (PDH_TIME_RE.test(name))
          this.time = createTimeParser(undefined, 'a PDH-CSV time column (typeperf, perfmon)', {
            order: 'mdy'
          })
        // `elapsed`, `uptime`: its `NN:NN` count minutes and seconds from the start, not a clock
        else if (isElapsedName(name))
          this.time = createTimeParser(undefined, undefined, { elapsedColumn: name })
        // `elapsed_ms`, `time (s)`: numbers in the unit the name gives, not guessed from their size
        const unitMs = timeUnitMsFromName(name)
        if (unitMs !== undefined)
          this.time = createTimeParser(EPOCH_KIND_BY_MS.get(unitMs), `the time column's name`)
      }
    } else if (spec.work !== undefined && name === spec.work) {
      column.role = 'work'
      this.workIndex = index
    } else if (
      spec.group !== undefined
        ? name === spec.group
        : this.groupIndex < 0 &&
          this.namedGroup < 0 &&
          (planned?.role === 'group' ||
            // rows of several containers or workers interleaved in one file (a loop over
            // `docker ps`, a worker pool): one series each, never one zigzag through them
            (planned === undefined && this.options.groupByName === true && isGroupColumnName(name)))
    ) {
      if (spec.group === undefined && planned === undefined) {
        // by its name only: `worker` names whose row it is, unless its cells are sizes (one
        // column per process, `time,api,worker`): its first value decides (decideColumns)
        column.role = 'undecided'
        this.namedGroup = index
        this.undecided++
      } else {
        column.role = 'group'
        this.groupIndex = index
        this.containerGroups = planned?.role === 'group' && planned.containers === true
      }
    } else if (
      this.processIndex < 0 &&
      !configured &&
      (planned !== undefined ? planned.role === 'process' : isProcessIdName(name))
    ) {
      // the process sampled: a new value is a restart, never a series nor a group of its own
      column.role = 'process'
      this.processIndex = index
      this.processWhat = planned?.process ?? 'pid'
    } else if (this.metricsConfig) {
      // `metrics:` chooses the series, not the axis: a work counter it does not name is still the
      // work axis (`requests` beside `metrics: {rss: memory}` gives bytes per request, as with none)
      if (!configured && this.takesWorkAxis(spec, name, index)) column.role = 'work'
      else if (configured) {
        column.role = 'metric'
        column.witness = this.witnesses.has(configured.name.toLowerCase())
        column.kind = configured.kind
        column.strict = true
        // a column the user names may hold its tool's "no value yet" (Locust's `N/A` percentiles
        // before the first request): a missing sample, counted in the notes; text is still an error
        column.placeholders = 'any'
        if (planned?.role === 'metric') {
          column.metric = planned.metric ?? name
          column.unit = planned.unit
          column.usageLimit = planned.usageLimit ?? false
          column.placeholders = 'docker'
        }
      }
    } else if (planned) {
      if (planned.role === 'metric') {
        column.role = 'metric'
        column.metric = planned.metric ?? name
        column.kind = planned.kind
        column.unit = planned.unit
        column.usageLimit = planned.usageLimit ?? false
        column.strict = true
        column.placeholders = 'docker'
      }
    } else if (this.takesWorkAxis(spec, name, index)) {
      column.role = 'work'
    } else if (isCumulativeName(name) || (isTimeName(name) && this.timeIndex !== index)) {
      // cumulative counters and second time columns only ever grow: as series they would look like leaks
      this.leftOut.push(name)
    } else if (isTopUnheldName(name)) {
      // top's VIRT and SHR: sizes, but no memory the process holds (see isTopUnheldName)
      this.unheld.push(name)
    } else if (windowsCounterReading(name)?.judged === false) {
      // a Windows counter of the machine, of every process, or of no size held
      this.unheldCounters.push(name)
    } else {
      column.role = 'undecided'
      column.kind = kindFromName(name)
      // a count by its name alone (`sessions`, `cache_size`) may hold text in someone's log: its
      // values decide, as for a column whose name says nothing (memory and object names are numeric)
      column.keptCount = column.kind === 'count' && isKeptCountName(name)
      column.placeholders = column.kind === undefined || column.keptCount ? 'any' : 'none'
      this.undecided++
    }
    this.columns.push(column)
    column.plainScale = this.scaleFor(column.name, column.kind)
    if (column.role === 'metric') this.metricColumns.push(column)
    this.used = undefined
    this.bytePlan = undefined
    return index
  }

  /** True for a column whose cells are values (a metric, the work, or not yet decided): no time, group or label. */
  isValueColumn(index: number): boolean {
    const role = this.columns[index]?.role
    return role === 'metric' || role === 'undecided' || role === 'work'
  }

  /** Column index by exact name, or -1. */
  indexOf(name: string): number {
    return this.columns.findIndex((column) => column.name === name)
  }

  /**
   * Reads one data row. Cells are strings (CSV, logs) or JSON values;
   * `undefined` means absent. Bad cells are recorded with their line.
   */
  addRow(cells: ArrayLike<unknown>, line: number): void {
    this.rows++
    this.rowMissing.length = 0
    const { sink } = this.options
    let time = NaN
    if (this.timeIndex >= 0) {
      const cell = cells[this.timeIndex]
      if (cell === undefined || cell === null || cell === '') {
        if (this.options.optionalTime) {
          // no time on this row: keep NaN
        } else if (!this.hasAnyValue(cells)) {
          this.skipped++
          return
        } else {
          sink.add(line, this.columns[this.timeIndex].name, '', this.time.expected)
          return
        }
      } else {
        time = this.time.parse(cell as string | number)
        if (this.firstTimeLine < 0) this.firstTimeLine = line
        if (Number.isNaN(time)) {
          sink.add(line, this.columns[this.timeIndex].name, String(cell), this.time.expected)
          return
        }
      }
    }
    let work = NaN
    if (this.workIndex >= 0) {
      work = this.workOf(cells[this.workIndex], line)
      if (work === BAD) return
    }
    // before the group is read: a column named like a group may hold sizes (see namedGroup)
    if (this.undecided > 0) this.decideColumns(cells)
    let group = ''
    if (this.groupIndex >= 0) {
      const cell = cells[this.groupIndex]
      if (cell !== undefined && cell !== null) group = String(cell)
    }
    if (this.processIndex >= 0) this.noteProcess(cells[this.processIndex], group, time)
    let values = 0
    const metrics = this.metricColumns
    for (let i = 0; i < metrics.length; i++) {
      const column = metrics[i]
      const cell = cells[column.index]
      // a witness's value never makes a row count as read (skipped rows, missing cells)
      if (this.addCell(column, cell, group, time, work, line) && !column.witness) values++
    }
    this.endRow(values)
  }

  /** Ends a row: counts it as skipped when it gave no value, else counts its missing cells. */
  private endRow(values: number): void {
    if (values === 0) this.skipped++
    else for (const column of this.rowMissing) column.missing++
  }

  /**
   * The work cell as a number: NaN when absent or empty (a missing sample,
   * counted), {@link BAD} when the text is not a number (recorded).
   */
  private workOf(cell: unknown, line: number): number {
    const column = this.columns[this.workIndex]
    if (typeof cell === 'number') {
      if (Number.isFinite(cell)) return cell
      this.options.sink.add(
        line,
        column.name,
        String(cell),
        'a finite number (cumulative work done)'
      )
      return BAD
    }
    if (cell === null) {
      this.rowMissing.push(column)
      return NaN
    }
    if (typeof cell !== 'string') return NaN
    let work = fastNumber(cell)
    if (Number.isNaN(work)) work = parseNumber(cell) ?? NaN
    if (Number.isFinite(work)) return work
    if (cell.trim() === '') {
      this.rowMissing.push(column)
      return NaN
    }
    const problem = impossibleNumber(cell)
    this.options.sink.add(
      line,
      column.name,
      cell,
      problem === undefined
        ? 'a number (cumulative work done)'
        : `${problem} (cumulative work done)`
    )
    return BAD
  }

  /**
   * An empty or placeholder cell in a numeric column: a missing sample
   * (counted for the notes; true) or, for a placeholder the column does not
   * allow (see `Column.placeholders`), an error (recorded; false).
   */
  private missingCell(
    column: Column,
    text: string,
    line: number,
    expected: string,
    found = text
  ): boolean {
    const trimmed = text.trim()
    if (
      trimmed === '' ||
      column.placeholders === 'any' ||
      (column.placeholders === 'docker' && trimmed === '--')
    ) {
      this.rowMissing.push(column)
      return true
    }
    this.cellError(column, line, found, expected)
    return false
  }

  /** Columns whose cells were missing on the current row. */
  private readonly rowMissing: Column[] = []
  /** Notes on columns read by their name (work axis chosen). */
  private readonly autoNotes: string[] = []
  /** Groups past {@link MAX_GROUPS}: their rows are read but not kept. */
  private readonly droppedGroups = new Set<string>()
  /** The discard target of {@link droppedGroups}' rows (never built into a series). */
  private overflow: Target | undefined
  /** Columns left out as cumulative counters or extra times, by their name. */
  private readonly leftOut: string[] = []
  /** Sizes left out as no memory held (top's VIRT and SHR, `net_rx`), by their name. */
  private readonly unheld: string[] = []
  /** Windows counter paths not judged (understand/windows-counters.ts), by their name. */
  private readonly unheldCounters: string[] = []

  /**
   * With no \`metrics:\`, a file whose columns name memory or objects (\`rss\`,
   * \`heapUsed\`, \`live\`, sizes like \`12MiB\`) is judged on those: its other
   * numeric columns (\`cpu\`, \`num_threads\`, \`gen0\`) are left out, as zero-config
   * detection leaves them out, so a config naming only the file reads it the same.
   * A file of plain numbers only keeps every numeric column.
   */
  private unjudgedColumns(): Column[] {
    if (this.metricsConfig !== undefined || this.options.everyNumericColumn) return []
    if (!this.metricColumns.some((column) => !column.byValues)) {
      // numbers only, but a running peak beside what it marks (tracemalloc's `current, peak`)
      const names = this.columns.map((column) => column.name)
      const marked = this.metricColumns.some(
        (column) => !isPeakName(column.name) && kindAmongColumns(column.name, names) === 'memory'
      )
      return marked ? this.metricColumns.filter((column) => isPeakName(column.name)) : []
    }
    // `DELEGATES` beside `live`: a module's registry in a file that counts objects is named enough
    const names = this.columns.map((column) => column.name)
    // and a high-water mark beside the memory it marks (`max_rss_kb` beside `rss_kb`)
    return this.metricColumns.filter(
      (column) =>
        (column.byValues || kindFromName(column.name) === 'memory') &&
        kindAmongColumns(column.name, names) === undefined
    )
  }

  /**
   * What the report should say about how this file's columns were read:
   * a work axis chosen by name, columns left out, missing samples.
   */
  notes(): string[] {
    const notes = [...this.autoNotes, ...this.processNotes()]
    if (this.droppedGroups.size > 0) {
      const name =
        this.groupIndex >= 0 ? ` (values of "${this.columns[this.groupIndex].name}")` : ''
      notes.push(
        `only the first ${MAX_GROUPS} series${name} are analysed; ${this.droppedGroups.size} more not kept and not judged (split the file, or check that \`group:\` names one value per series)`
      )
    }
    if (this.leftOut.length > 0) {
      notes.push(
        `${this.leftOut.map((name) => `"${name}"`).join(', ')} left out: cumulative counters or times by their name, which only grow (name them under \`metrics:\` to analyse them)`
      )
    }
    if (this.unheld.length > 0) {
      notes.push(
        `${this.unheld.map((name) => `"${name}"`).join(', ')} not judged: sizes that are no memory the process holds (${this.unheld.every(isTopUnheldName) ? "top's VIRT is address space reserved, SHR pages shared" : 'bytes moved, free, a limit, or top’s reserved or shared pages'}); name them under \`metrics:\` to analyse them`
      )
    }
    notes.push(...unheldCounterNotes(this.unheldCounters))
    const unjudged = this.unjudgedColumns()
    const peaks = unjudged.filter((column) => !column.byValues || isPeakName(column.name))
    const unnamed = unjudged.filter((column) => !peaks.includes(column))
    if (unnamed.length > 0) {
      notes.push(
        `${unnamed.map((column) => `"${column.name}"`).join(', ')} not judged: numbers whose name says neither memory nor objects, next to columns that do (name them under \`metrics:\` to analyse them)`
      )
    }
    if (peaks.length > 0) {
      notes.push(
        `${peaks.map((column) => `"${column.name}"`).join(', ')} not judged: a high-water mark beside the memory it marks, which never falls (a sawtooth's taller peaks would read as a rising floor; name it under \`metrics:\` to analyse it)`
      )
    }
    const missing = this.columns.filter((column) => column.missing > 0 && !column.witness)
    if (missing.length > 0) {
      const total = missing.reduce((sum, column) => sum + column.missing, 0)
      notes.push(
        `${total} cells without a value (empty, "N/A", "null", "--") read as missing samples: ${missing
          .map((column) => `"${column.name}" ${column.missing}`)
          .join(', ')}`
      )
    }
    const elapsed = this.elapsedTimeNote()
    if (elapsed) notes.push(elapsed)
    const inferred = this.inferredTimeNote()
    if (inferred !== undefined) notes.push(inferred)
    const small = this.kibibyteNote()
    if (small) notes.push(small)
    const named = this.namedUnits.filter((name) =>
      this.metricColumns.some(
        (column) => column.name === name && column.unit === 'bytes' && !column.witness
      )
    )
    if (named.length > 0)
      notes.push(
        `${named.map((name) => `"${name}"`).join(', ')} read in the unit ${named.length === 1 ? 'its name gives' : 'their names give'} (kb = KiB, mb = MiB: as ps, top, /proc and V8 mean them); set \`unit:\` on the series to say otherwise`
      )
    return notes
  }

  /** What the time column's values settled that the file does not write out (see {@link TimeParser.inferred}). */
  private inferredTimeNote(): string | undefined {
    const inferred = this.timeIndex >= 0 ? this.time.inferred : undefined
    return inferred === undefined
      ? undefined
      : `time column \`${this.columns[this.timeIndex].name}\`: ${inferred}`
  }

  /**
   * Numbers in a time column whose guessed epoch unit gives no date of a
   * test run (before 2001 or after 2100) are elapsed times (performance.now(),
   * --trace-gc, process.hrtime): read in the guessed unit, which may be
   * wrong by 1000×; says so and how to set it, unless `time-unit:` did.
   */
  private elapsedTimeNote(): string | undefined {
    const kind = this.time.kind
    if (this.timeIndex < 0 || this.options.spec.timeUnitMs !== undefined) return undefined
    if (kind === undefined || !kind.startsWith('epoch')) return undefined
    let first = NaN
    for (const column of this.metricColumns) {
      if (column.witness) continue
      for (const target of column.targets.values()) {
        const time = target.builder.firstTime
        if (!(first <= time)) first = time
      }
    }
    if (!Number.isFinite(first) || (first >= EPOCH_2001_MS && first <= EPOCH_2100_MS))
      return undefined
    const unit = { 'epoch-s': 's', 'epoch-ms': 'ms', 'epoch-us': 'us', 'epoch-ns': 'ns' }[
      kind as string
    ]
    const name = this.columns[this.timeIndex].name
    // Past ±8.64e15 ms (year 275760) a Date is invalid and toISOString throws: say the number.
    const when =
      Math.abs(first) <= 8.64e15
        ? `${new Date(first).toISOString().slice(0, 19)}Z`
        : `${first} ms, past any date`
    return `time column "${name}" holds no dates of a test run (as epoch ${unit} its first value is ${when}): read as elapsed time in ${unit}; if it counts another unit (performance.now() and --trace-gc count ms, process.hrtime.bigint() ns), set \`time-unit:\` on the series`
  }

  /**
   * A process's resident or heap size is never under 1 MiB: plain numbers
   * that small in such a column were written in a larger unit (ps, top,
   * /proc and getrusage write KiB; home-made loggers MiB), read here as
   * bytes, which would shrink a leak 1024 times or more. Says so, proposing
   * the unit the numbers' size fits, unless the series has a `unit:`.
   */
  private kibibyteNote(): string | undefined {
    const all = this.tooSmallColumns().filter(({ column }) => !column.witness)
    const inferred = this.inferredColumns()
    const notes: string[] = []
    for (const { column, max, unit } of inferred) {
      if (column.witness) continue
      const largest = `the largest ${((max * unit.bytes) / 1024 ** 2).toFixed(1)} MiB`
      notes.push(
        max < 1024 * 1024
          ? `"${column.name}": every value is under 1 MiB, too small for a process's memory in bytes: read as ${unit.name} (${largest}), ${unit.why}; set \`unit:\` on the series to say otherwise`
          : `"${column.name}": a virtual size beside resident sizes read as ${unit.name}: read as ${unit.name} too (${largest}); set \`unit:\` on the series to say otherwise`
      )
    }
    const small = all.filter(({ column }) => !inferred.some((one) => one.column === column))
    if (small.length > 0) {
      const names = small.map(({ column }) => `"${column.name}"`).join(', ')
      const largest = Math.max(...small.map(({ max }) => max))
      notes.push(
        `${names}: every value is under 1 MiB, too small for a process's memory in bytes; ${unitAdvice(largest)}`
      )
    }
    return notes.length > 0 ? notes.join('; ') : undefined
  }

  /**
   * Too-small columns read in the unit their numbers' size leaves (see {@link inferredUnit}), when
   * every process-size column of plain numbers in the file is too small: one in bytes beside them
   * (`rss` 4.9 MB beside `heapUsed` 650 KB, a tiny script's) says the file writes bytes.
   */
  private inferredColumns(): Array<{
    column: Column
    max: number
    unit: NonNullable<ReturnType<typeof inferredUnit>>
  }> {
    // A virtual size (ps's `vsz`) reserves address space far beyond what is resident: over 1 MiB
    // in KiB, it says nothing of the unit, and takes the resident columns' KiB when they have it.
    const virtual = (column: Column): boolean =>
      /(^|[^a-z])(vsz|vms|virt|virtual)/i.test(column.name)
    const small = this.tooSmallColumns().filter(({ column }) => !virtual(column))
    const sizes = this.metricColumns.filter(
      (column) =>
        column.kind === 'memory' &&
        column.unit === 'bytes' &&
        column.plainScale === 1 &&
        isProcessSizeName(column.name) &&
        !virtual(column)
    )
    if (small.length === 0 || small.length < sizes.length) return []
    // A size read from a handful of numbers is a guess no judgement needs (under 6 readings no
    // trend is judged): they keep the note naming the unit to set.
    const readings = (column: Column): number =>
      Math.max(0, ...[...column.targets.values()].map((target) => target.builder.samples))
    const resident = small.flatMap(({ column, max }) => {
      if (readings(column) < MIN_INFERRED_READINGS) return []
      const unit = inferredUnit(max)
      return unit ? [{ column, max, unit }] : []
    })
    const kib = resident.find(({ unit }) => unit.bytes === 1024)
    if (!kib || resident.length < small.length) return resident
    const virtuals = this.metricColumns
      .filter(
        (column) =>
          virtual(column) &&
          column.kind === 'memory' &&
          column.unit === 'bytes' &&
          column.plainScale === 1
      )
      .map((column) => ({ column, max: maxOf(column), unit: kib.unit }))
      .filter(({ max }) => max > 0 && max < 1024 ** 3)
    return [...resident, ...virtuals]
  }

  /** Process-size memory columns of plain bytes whose largest value is under 1 MiB, with it. */
  private tooSmallColumns(): Array<{ column: Column; max: number }> {
    if (this.options.spec.unitBytes !== undefined) return []
    const small: Array<{ column: Column; max: number }> = []
    for (const column of this.metricColumns) {
      if (column.kind !== 'memory' || column.unit !== 'bytes') continue
      if (column.plainScale !== 1 || !isProcessSizeName(column.name)) continue
      // a docker usage column is judged here only when it held plain numbers (no `usage / limit`)
      if (column.usageLimit && [...column.targets.values()].some((t) => t.limit !== undefined))
        continue
      const max = maxOf(column)
      if (max > 0 && max < 1024 * 1024) small.push({ column, max })
    }
    return small
  }

  /** What plain numbers of a memory column are multiplied by: the series' `unit:`, else its name's. */
  private scaleFor(name: string, kind: MetricKind | undefined): number {
    if (kind !== 'memory') return 1
    if (this.options.spec.unitBytes !== undefined) return this.unitBytes
    const byName = unitBytesFromName(name)
    if (byName !== undefined && !this.namedUnits.includes(name)) this.namedUnits.push(name)
    return byName ?? 1
  }

  /** Columns read in the unit their name gives (`rss_kb`), for the notes. */
  private readonly namedUnits: string[] = []

  /** True when {@link addRowRanges} can read rows (every column decided). */
  get rangesReady(): boolean {
    return this.undecided === 0
  }

  /**
   * Reads the process column of a row of `group` before its values: a new
   * value is a new process (a restart), recorded on each series of the group
   * that has readings, at the reading that comes next. A value that comes
   * back, or more than {@link MAX_PROCESSES} values, means processes
   * interleaved in one file: no restarts are claimed (see {@link notes}).
   */
  private noteProcess(cell: unknown, group: string, time: number): void {
    if (cell === undefined || cell === null) return
    const id = (typeof cell === 'string' ? cell : String(cell)).trim()
    // no value (docker's `--` for an entry it could not read): says nothing of the process
    if (isMissing(id)) return
    const track = this.processes.get(group)
    if (track === undefined) {
      if (this.processes.size < MAX_GROUPS)
        this.processes.set(group, {
          current: id,
          currentBytes: asciiBytes(id),
          seen: new Set([id]),
          interleaved: false,
          changes: [],
          count: 0
        })
      return
    }
    if (track.current === id || track.interleaved) return
    if (track.seen.has(id) || track.seen.size >= MAX_PROCESSES) {
      track.interleaved = true
      if (track.seen.has(id)) track.cameBack = true
      return
    }
    track.seen.add(id)
    const name = this.columns[this.processIndex].name
    for (const column of this.metricColumns) {
      const target = column.targets.get(group)
      if (target === undefined || target.builder.samples === 0) continue
      ;(target.processChanges ??= []).push({
        column: name,
        what: this.processWhat,
        from: track.current,
        to: id,
        time,
        samplesBefore: target.builder.samples
      })
    }
    if (track.changes.length < 3) track.changes.push({ from: track.current, to: id, time })
    track.current = id
    track.currentBytes = asciiBytes(id)
    track.count++
  }

  /**
   * The byte paths' process check: true when the process cell
   * `bytes[start, end)` names the process its group is known to be in (or
   * the group's processes interleave, so it says nothing); false declines the
   * row to the text path, which reads the first value and every change
   * ({@link noteProcess}). Changes are rare: most rows cost a short compare.
   */
  private sameProcessBytes(bytes: Uint8Array, start: number, end: number, slot: number): boolean {
    const track = this.processes.get(this.groupIndex >= 0 ? this.byteGroups[slot] : '')
    // past MAX_GROUPS groups no process is tracked: nothing to compare
    if (track === undefined) return this.processes.size >= MAX_GROUPS
    if (track.interleaved) return true
    const known = track.currentBytes
    if (known === undefined || known.length !== end - start) return false
    for (let k = 0; k < known.length; k++) if (bytes[start + k] !== known[k]) return false
    return true
  }

  /**
   * The groups of `column` that are one container recreated, in file order
   * (see recreated.ts), else none: docker containers named by id alone, at
   * least two, each id's rows after the last id's and never coming back,
   * each read at least twice and, when rows have times, each id's first
   * later than the last id's last (one frame of several containers, each
   * read once at one time, is no recreation).
   */
  private recreatedIds(column: Column): Target[] {
    if (!this.containerGroups || column.interleaved || this.droppedGroups.size > 0) return []
    const parts = [...column.targets.values()].filter((target) => target.builder.samples > 0)
    if (parts.length < 2 || parts.length > MAX_PROCESSES) return []
    for (let k = 0; k < parts.length; k++) {
      if (parts[k].builder.samples < 2) return []
      const after = parts[k].builder.firstTime
      const before = k > 0 ? parts[k - 1].lastTime! : NaN
      if (Number.isFinite(after) && Number.isFinite(before) && !(after > before)) return []
    }
    const header = this.columns[this.groupIndex].name
    return namesContainerIdsOnly(
      header,
      parts.map((target) => target.group)
    )
      ? parts
      : []
  }

  /** The note on ids joined as one container recreated (see {@link recreatedIds}). */
  private recreatedNote(): string[] {
    for (const column of this.metricColumns) {
      if (column.witness) continue
      const parts = this.recreatedIds(column)
      if (parts.length === 0) continue
      const listed = parts
        .slice(1, 4)
        .map(
          (part, k) => `${parts[k].group} → ${part.group}${this.clockOf(part.builder.firstTime)}`
        )
        .join(', ')
      const count = parts.length - 1
      return [
        `"${this.columns[this.groupIndex].name}" names containers by id alone, and each id's rows follow the last id's: one container recreated, read as one series with a restart at each new id (${count === 1 ? 'once' : `${count} times`}: ${listed}${count > 3 ? ', …' : ''})`
      ]
    }
    return []
  }

  /** ` at HH:MM:SS UTC` of an epoch time, else nothing. */
  private clockOf(time: number): string {
    return this.time.base === 'epoch' && Number.isFinite(time) && Math.abs(time) <= MAX_TIME_MS
      ? ` at ${new Date(time).toISOString().slice(11, 19)} UTC`
      : ''
  }

  /**
   * A pid column whose values come back in a file read with no group: processes written in turn
   * that the head read to plan it did not show (they began to alternate later, a worker pool
   * that grew). The column and its values, first seen first, for the file to be read again
   * grouped by it (load/index.ts); undefined otherwise.
   */
  lateProcessSplit(): { column: string; values: string[] } | undefined {
    if (this.processIndex < 0 || this.groupIndex >= 0 || this.processWhat !== 'pid')
      return undefined
    const track = [...this.processes.values()].find((one) => one.cameBack === true)
    if (track === undefined) return undefined
    return { column: this.columns[this.processIndex].name, values: [...track.seen] }
  }

  /** The notes on the process column: restarts read from it, or why none were. */
  private processNotes(): string[] {
    if (this.processIndex < 0) return this.recreatedNote()
    const name = this.columns[this.processIndex].name
    const grouped = this.groupIndex >= 0
    const notes: string[] = []
    const interleaved = [...this.processes].filter(([, track]) => track.interleaved)
    if (interleaved.length > 0)
      notes.push(
        `"${name}" takes back an earlier value${
          grouped
            ? ` (${interleaved
                .map(([group]) => group)
                .slice(0, 3)
                .join(', ')})`
            : ''
        }: several processes write in turn, so its changes are read as no restarts (set \`group: ${name}\` to judge each process on its own)`
      )
    const clock = (time: number): string => this.clockOf(time)
    for (const [group, track] of this.processes) {
      if (track.interleaved || track.count === 0) continue
      const listed = track.changes.map((c) => `${c.from} → ${c.to}${clock(c.time)}`).join(', ')
      notes.push(
        `${grouped ? `${group}: ` : ''}a new ${this.processWhat} ${track.count === 1 ? 'once' : `${track.count} times`} ("${name}" ${listed}${track.count > track.changes.length ? ', …' : ''}): ${track.count === 1 ? 'a restart' : 'a restart each time'}`
      )
      if (notes.length >= 4) break
    }
    return [...notes, ...this.recreatedNote()]
  }

  /**
   * Reads one row given as ranges of `line` (`bounds[2i]`, `bounds[2i+1]`
   * for cell i, only for {@link usedIndexes}): the group and `usage / limit`
   * cells are read in place, with no substring per row (the CSV fast path).
   */
  addRowRanges(line: string, bounds: Int32Array, lineNumber: number): void {
    const cells = this.rangeCells
    const group = this.groupIndex
    const used = this.usedIndexes()
    for (let u = 0; u < used.length; u++) {
      const index = used[u]
      const column = this.columns[index]
      if (index === group || (column.role === 'metric' && column.usageLimit)) continue
      cells[index] = line.slice(bounds[2 * index], bounds[2 * index + 1])
    }
    if (group < 0 && !this.hasUsageLimit) {
      this.addRow(cells, lineNumber)
      return
    }
    this.rows++
    this.rowMissing.length = 0
    if (!this.readTimeAndWork(cells, lineNumber)) return
    const at = this.rowTime
    const work = this.rowWork
    let targetsGroupStart = 0
    let targetsGroupEnd = 0
    if (group >= 0) {
      targetsGroupStart = bounds[2 * group]
      targetsGroupEnd = bounds[2 * group + 1]
    }
    if (this.processIndex >= 0)
      this.noteProcess(
        cells[this.processIndex],
        group >= 0 ? line.slice(targetsGroupStart, targetsGroupEnd) : '',
        at
      )
    let values = 0
    const metrics = this.metricColumns
    for (let i = 0; i < metrics.length; i++) {
      const column = metrics[i]
      if (!column.usageLimit) {
        const groupName = group >= 0 ? line.slice(targetsGroupStart, targetsGroupEnd) : ''
        if (
          this.addCell(column, cells[column.index], groupName, at, work, lineNumber) &&
          !column.witness
        )
          values++
        continue
      }
      const start = bounds[2 * column.index]
      const end = bounds[2 * column.index + 1]
      const slash = line.indexOf('/', start)
      const usageEnd = slash < 0 || slash >= end ? end : slash
      const value = scanSize(line, start, usageEnd)
      if (Number.isNaN(value)) {
        const usage = line.slice(start, usageEnd)
        const cell = line.slice(start, end)
        if (isMissing(usage)) this.missingCell(column, usage, lineNumber, USAGE_EXPECTED, cell)
        else this.cellError(column, lineNumber, cell, USAGE_EXPECTED)
        continue
      }
      let limit = NaN
      if (usageEnd < end) {
        const cached = column.limitText
        if (
          cached !== undefined &&
          end - usageEnd - 1 === cached.length &&
          line.startsWith(cached, usageEnd + 1)
        ) {
          limit = column.limitValue
        } else {
          column.limitText = line.slice(usageEnd + 1, end)
          limit = column.limitValue = scanSize(column.limitText, 0, column.limitText.length)
        }
      }
      column.unit ??= 'bytes'
      let target: Target | undefined
      const recent = column.recent
      const length = targetsGroupEnd - targetsGroupStart
      for (let r = 0; r < recent.length; r++) {
        const name = recent[r].group
        if (name.length === length && line.startsWith(name, targetsGroupStart)) {
          target = recent[r]
          break
        }
      }
      if (target === undefined)
        target = this.targetFor(column, line.slice(targetsGroupStart, targetsGroupEnd))
      follow(column, target, at)
      if (isStoppedCell(value, limit)) noteStopped(target, at)
      else target.builder.add(value, at, work)
      if (limit > 0) target.limit = limit
      if (!column.witness) values++
    }
    this.endRow(values)
  }

  /** Group names met by {@link addRowBytes} (ASCII only); a row's group is a slot of this list. */
  private readonly byteGroups: string[] = []
  /** Bumped when {@link byteGroups} is cleared, so columns drop their slot → target caches. */
  private byteGeneration = 0

  /**
   * Reads one delimited row from UTF-8 `bytes[start, end)` in a single pass
   * (the byte fast path, see `DelimitedReader.visitBytes`): unused cells are
   * skipped, used ones parsed in place (ISO/epoch/clock time, decimal
   * number, size, percent, `usage / limit`, ASCII group name), no string
   * made. Takes the row only when it has exactly `width` cells (or one more,
   * empty) and every used cell is a value read exactly as the text path
   * would; otherwise returns false having changed nothing, and the caller
   * passes the line as text (which reports or skips it).
   */
  addRowBytes(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    delimiter: number,
    width: number
  ): boolean {
    const metrics = this.metricColumns
    const count = metrics.length
    if (count === 0 || this.undecided > 0 || width !== this.columns.length) return false
    const plan = this.bytePlan ?? this.makeBytePlan()
    // row[0] time, row[1] work, row[2 + k] value of metric k, row[2 + count + k] its limit
    if (this.byteRow.length < 2 + 2 * count) this.byteRow = new Float64Array(2 + 2 * count)
    const row = this.byteRow
    row[0] = NaN
    row[1] = NaN
    let slot = 0
    let m = 0
    let i = start
    let processStart = 0
    let processEnd = 0
    const pattern = delimiter * 0x01010101
    const tail = this.byteTail
    for (let field = 0; field < width; field++) {
      if (field > 0) {
        if (i >= end || bytes[i] !== delimiter) return false
        if (field === tail) {
          // the unused cells that end the row: only their number matters
          const delimiters = countByte(bytes, view, i, end, pattern, delimiter)
          const cells = width - tail
          if (delimiters !== cells && !(delimiters === cells + 1 && bytes[end - 1] === delimiter))
            return false
          i = end
          break
        }
        i++
      }
      const role = plan[field]
      if (role === CELL_SKIP) {
        // four bytes at a time while none is the delimiter (a zero byte in word ^ pattern)
        while (i + 4 <= end) {
          const word = view.getInt32(i, true) ^ pattern
          if (((word - 0x01010101) & ~word & -0x7f7f7f80) !== 0) break
          i += 4
        }
        while (i < end && bytes[i] !== delimiter) i++
      } else if (role === CELL_TIME) {
        i = this.time.scanBytes(bytes, view, i, end, delimiter)
        if (i < 0) return false
        row[0] = scanned[0]
      } else if (role === CELL_WORK) {
        i = scanDecimalBytes(bytes, i, end)
        if (i < 0) return false
        row[1] = scanned[0]
      } else if (role === CELL_GROUP) {
        slot = this.groupSlot(bytes, view, i, end, delimiter)
        if (slot < 0) return false
        i = this.groupEnd
      } else if (role === CELL_PROCESS) {
        processStart = i
        while (i < end && bytes[i] !== delimiter) i++
        processEnd = i
      } else if (role === CELL_USAGE) {
        i = scanSizePrefixBytes(bytes, i, end)
        if (i < 0) return false
        row[2 + m] = scanned[0]
        row[2 + count + m] = NaN
        if (i < end && bytes[i] === 47) {
          // the limit is the same on most rows: the same bytes give the same value
          const column = metrics[m]
          const limitStart = i + 1
          const known = column.limitBytes
          if (
            known !== undefined &&
            sameBytes(bytes, view, limitStart, end, known, column.limitView)
          ) {
            i = limitStart + known.length
            row[2 + count + m] = column.limitBytesValue
          } else {
            i = scanSizePrefixBytes(bytes, limitStart, end)
            if (i < 0) return false
            row[2 + count + m] = column.limitBytesValue = scanned[0]
            const copy = new Uint8Array(i - limitStart)
            copy.set(bytes.subarray(limitStart, i))
            column.limitBytes = copy
            column.limitView = new DataView(copy.buffer)
          }
        }
        if (metrics[m++].unit !== 'bytes') return false
      } else {
        // A column's unit is decided by its first value, on the text path: a row declined
        // here must not have changed it (nothing changes before the row is taken)
        const column = metrics[m]
        if (column.unit === undefined) return false
        i = scanValueBytes(bytes, i, end)
        if (i < 0) return false
        const form = scanned[1]
        // a plain number fits any unit; `12%` only a percent column, `5MiB` only a bytes one
        if (form === FORM_PERCENT && column.unit !== 'percent') return false
        if (form !== FORM_PLAIN && form !== FORM_PERCENT && column.unit !== 'bytes') return false
        // a negative size is an error, which the text path reports
        if (scanned[0] < 0 && column.unit === 'bytes') return false
        row[2 + m] =
          form === FORM_PLAIN && column.unit === 'bytes'
            ? scanned[0] * column.plainScale
            : scanned[0]
        row[2 + count + m++] = NaN
      }
    }
    if (i !== end && !(i === end - 1 && bytes[i] === delimiter)) return false
    // a new process (or the group's first row) is read by the text path
    if (this.processIndex >= 0 && !this.sameProcessBytes(bytes, processStart, processEnd, slot))
      return false
    // every cell read: take the row
    this.rows++
    if (this.timeIndex >= 0 && this.time.kind === 'clock') this.time.accept(row, 0)
    this.commitByteRow(slot, count)
    return true
  }

  /**
   * Adds the byte row in {@link byteRow} (time, work, then each metric's
   * value and limit) to its group's series: the group is a slot of
   * {@link byteGroups}, its targets cached per column.
   */
  private commitByteRow(slot: number, count: number): void {
    const metrics = this.metricColumns
    const row = this.byteRow
    const generation = this.byteGeneration
    for (let k = 0; k < count; k++) {
      const column = metrics[k]
      if (column.slotGeneration !== generation) {
        column.slotTargets.length = 0
        column.slotGeneration = generation
      }
      let target = column.slotTargets[slot]
      if (target === undefined) {
        const group = this.groupIndex >= 0 ? this.byteGroups[slot] : ''
        target = column.targets.get(group) ?? this.targetFor(column, group)
        column.slotTargets[slot] = target
      }
      follow(column, target, row[0])
      const limit = row[2 + count + k]
      if (isStoppedCell(row[2 + k], limit)) noteStopped(target, row[0])
      else target.builder.addFrom(row, 2 + k)
      if (limit > 0 && limit !== target.limit) target.limit = limit
    }
  }

  /** Lines taken by the last {@link walkRows}. */
  walked = 0
  /** The ISO prefix cache of {@link addRowCommon} (its own: the time parser's is for its scanBytes). */
  private readonly isoCache: DayCache = { key: -1, days: 0, w0: 0, w1: 0, w2: 0, w3: 0, minutes: 0 }

  /**
   * The byte path's row loop (`DelimitedReader.walk`): takes the lines of
   * `bytes[start..stop]` (`bytes[stop]` is `\n`) while each is a data row
   * read in place, and returns where it stopped (the first line it declines)
   * with {@link walked} set. A blank line, a line with a quote the readers
   * below cannot read (`nextQuote` is the chunk's first) or the header again
   * are declined for the text path. Rows of numbers only are read by
   * {@link walkPlainRows}, rows of the common shape by {@link addRowCommon}
   * (both read quoted cells in place and find where the row ends), the
   * others by {@link addRowBytes} (rows with quotes from an unquoted copy).
   */
  walkRows(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    stop: number,
    delimiter: number,
    width: number,
    nextQuote: number,
    header: Uint8Array
  ): number {
    let at = start
    let taken = 0
    const headerLength = header.length
    this.quoteAt = nextQuote
    this.header = header
    // the inline reader needs ISO or epoch times (or none): clock times go through addRowBytes
    const kind = this.time.kind
    this.epochScale = kind !== undefined && kind.startsWith('epoch') ? EPOCH_SCALE[kind] : 0
    const common =
      this.undecided === 0 &&
      width === this.columns.length &&
      this.metricColumns.length > 0 &&
      (this.timeIndex < 0 || kind === 'iso' || this.epochScale > 0)
    // plain numbers are read inline in columns whose unit is already bytes or count
    const metrics = this.metricColumns
    if (this.plainUnits.length < metrics.length) this.plainUnits = new Uint8Array(metrics.length)
    if (this.plainScales.length < metrics.length)
      this.plainScales = new Float64Array(metrics.length)
    for (let k = 0; k < metrics.length; k++) {
      const unit = metrics[k].unit
      this.plainUnits[k] = unit === 'bytes' || unit === 'count' ? 1 : 0
      this.plainScales[k] = unit === 'bytes' ? metrics[k].plainScale : 1
    }
    // rows of numbers only (a time, plain numbers, no group): staged per column (walkPlainRows)
    let plain = common && this.groupIndex < 0
    for (let k = 0; k < metrics.length; k++)
      if (this.plainUnits[k] === 0 || metrics[k].usageLimit) plain = false
    while (at <= stop) {
      if (plain) {
        at = this.walkPlainRows(bytes, view, at, stop, delimiter, width)
        taken += this.plainTaken
        if (at > stop) break
      }
      if (common) {
        const taken1 = this.addRowCommon(bytes, view, at, stop + 1, delimiter, width)
        if (taken1 >= 0) {
          taken++
          at = taken1 + 1
          continue
        }
      }
      if (this.quoteAt < at) {
        const quote = bytes.indexOf(34, at)
        this.quoteAt = quote === -1 || quote > stop ? Infinity : quote
      }
      const newline = bytes.indexOf(10, at)
      if (this.quoteAt < newline) {
        // a row with quotes the inline readers declined: read from its unquoted copy
        if (!this.addQuotedRow(bytes, at, newline, delimiter, width)) break
        taken++
        at = newline + 1
        continue
      }
      let end = newline
      while (end > at && bytes[end - 1] === 13) end--
      if (end === at) break
      if (end - at === headerLength && this.isHeader(bytes, at)) break
      if (!this.addRowBytes(bytes, view, at, end, delimiter, width)) break
      taken++
      at = newline + 1
    }
    this.walked = taken
    return at
  }

  /** Rows taken by the last {@link walkPlainRows}. */
  private plainTaken = 0
  /** {@link walkPlainRows}' staged values, row by row: metric k's at `[row * metrics + k]`. */
  private stage = new Float64Array(0)
  private readonly stageTimes = new Float64Array(PLAIN_STAGE_ROWS)
  private readonly stageWorks = new Float64Array(PLAIN_STAGE_ROWS)

  /**
   * {@link addRowCommon} for files of numbers (`process.memoryUsage()`
   * loggers: an ISO or epoch time and five plain numbers, no group, no
   * `usage / limit`): one loop over the rows of `bytes[start..stop]`, each
   * value put in its column's block ({@link stage}) and each block given to
   * its series in one call ({@link SeriesBuilder.addBlock}) every
   * {@link PLAIN_STAGE_ROWS} rows and on return, so a row costs no call and
   * no object. Reads the rows addRowCommon would read, with the same value
   * (quoted cells in place); returns the start of the first row it does not
   * take (the callers' paths read or decline it), {@link plainTaken} set.
   */
  private walkPlainRows(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    stop: number,
    delimiter: number,
    width: number
  ): number {
    const count = this.metricColumns.length
    const plan = this.bytePlan ?? this.makeBytePlan()
    if (this.stage.length < count * PLAIN_STAGE_ROWS)
      this.stage = new Float64Array(count * PLAIN_STAGE_ROWS)
    const stage = this.stage
    const times = this.stageTimes
    const works = this.stageWorks
    const scales = this.plainScales
    const iso = this.isoCache
    const epochScale = this.epochScale
    const headerLength = this.header.length
    const length = bytes.length
    // every loop below stops at the `\n` at `stop`
    const end = stop + 1
    // the usual layout (a time, then only value cells): its rows are tried by a loop
    // with no cell roles, and a row it is unsure of is read again by the loop after it
    // (its number loops repeat the general one's: one loop for the epoch time and the
    // values, or a call, measured up to 10 % slower)
    let timeThenValues = plan[0] === CELL_TIME && width === count + 1
    for (let field = 1; field < width; field++)
      if (plan[field] !== CELL_VALUE) timeThenValues = false
    let unscaled = true
    for (let k = 0; k < count; k++) if (scales[k] !== 1) unscaled = false
    let staged = 0
    let taken = 0
    let at = start
    const namesProcess = this.processIndex >= 0
    let processStart = 0
    let processEnd = 0
    rows: while (at <= stop) {
      simple: if (timeThenValues) {
        let i = at
        let time: number
        if (epochScale > 0) {
          let p = i
          let mantissa = 0
          while (p + 4 <= length) {
            const word = view.getInt32(p, true)
            if (((word - 0x30303030) | (word + 0x46464646)) & 0x80808080) break
            let v = word - 0x30303030
            v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff
            mantissa = mantissa * 10000 + ((v & 0xff) * 100 + (v >>> 16))
            p += 4
          }
          let code = bytes[p]
          while (code >= 48 && code <= 57) {
            mantissa = mantissa * 10 + (code - 48)
            code = bytes[++p]
          }
          if (p === i || p - i > 15) break simple
          time = mantissa * epochScale
          if (!(time <= MAX_TIME_MS && time >= -MAX_TIME_MS)) break simple
          i = p
        } else {
          // the previous row's minute, `:SS`, and `.fff` or less, `Z` or `z`
          if (!(
            i + 19 <= end &&
            view.getInt32(i, true) === iso.w0 &&
            view.getInt32(i + 4, true) === iso.w1 &&
            view.getInt32(i + 8, true) === iso.w2 &&
            view.getInt32(i + 12, true) === iso.w3 &&
            bytes[i + 16] === 58
          ))
            break simple
          const s0 = bytes[i + 17] - 48
          const s1 = bytes[i + 18] - 48
          if (s0 < 0 || s0 > 9 || s1 < 0 || s1 > 9) break simple
          const second = s0 * 10 + s1
          if (second > 60) break simple
          i += 19
          let fraction = 0
          let c = bytes[i]
          if (c === 46) {
            c = bytes[++i]
            if (c < 48 || c > 57) break simple
            let scale = 100
            while (c >= 48 && c <= 57) {
              if (scale === 0) break simple
              fraction += (c - 48) * scale
              scale = scale === 100 ? 10 : scale === 10 ? 1 : 0
              c = bytes[++i]
            }
          }
          if (c !== 90 && c !== 122) break simple
          i++
          time = iso.minutes * 60_000 + second * 1000 + fraction
        }
        // each value: a delimiter, then a whole number of at most 15 digits
        let slot = staged * count
        for (let k = 0; k < count; k++) {
          if (bytes[i] !== delimiter) break simple
          let p = ++i
          let mantissa = 0
          while (p + 4 <= length) {
            const word = view.getInt32(p, true)
            if (((word - 0x30303030) | (word + 0x46464646)) & 0x80808080) break
            let v = word - 0x30303030
            v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff
            mantissa = mantissa * 10000 + ((v & 0xff) * 100 + (v >>> 16))
            p += 4
          }
          let code = bytes[p]
          while (code >= 48 && code <= 57) {
            mantissa = mantissa * 10 + (code - 48)
            code = bytes[++p]
          }
          if (p === i || p - i > 15) break simple
          stage[slot++] = unscaled ? mantissa : mantissa * scales[k]
          i = p
        }
        // the row ends here, with no `\r` or trailing delimiter (those: the loop below)
        if (bytes[i] !== 10) break simple
        if (i - at === headerLength && this.isHeader(bytes, at)) break simple
        times[staged] = time
        works[staged] = NaN
        taken++
        at = i + 1
        if (++staged === PLAIN_STAGE_ROWS) {
          this.commitStage(staged)
          staged = 0
        }
        continue
      }
      let i = at
      let time = NaN
      let work = NaN
      let m = 0
      for (let field = 0; field < width; field++) {
        if (field > 0) {
          if (bytes[i] !== delimiter) break rows
          i++
        }
        const role = plan[field]
        const quoted = bytes[i] === 34
        if (quoted) {
          if (role === CELL_SKIP) {
            i = skipQuoted(bytes, i, delimiter)
            if (i < 0) break rows
            continue
          }
          i++
        }
        if (role === CELL_VALUE || role === CELL_WORK || (role === CELL_TIME && epochScale > 0)) {
          // a whole number (most cells) is read here, four digits at a time, with no call
          let p = i
          let mantissa = 0
          while (p + 4 <= length) {
            const word = view.getInt32(p, true)
            if (((word - 0x30303030) | (word + 0x46464646)) & 0x80808080) break
            let v = word - 0x30303030
            v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff
            mantissa = mantissa * 10000 + ((v & 0xff) * 100 + (v >>> 16))
            p += 4
          }
          let code = bytes[p]
          while (code >= 48 && code <= 57) {
            mantissa = mantissa * 10 + (code - 48)
            code = bytes[++p]
          }
          let value = mantissa
          if (
            p === i ||
            p - i > 15 ||
            (code !== delimiter && code !== 10 && code !== 13 && code !== 34)
          ) {
            // signs, fractions, long or odd numbers: read as addRowCommon reads them
            if (role === CELL_TIME) {
              p = readDecimal(bytes, view, i)
              if (p < 0) break rows
              // a digit first (after a sign) and last
              const first = bytes[i] === 43 || bytes[i] === 45 ? i + 1 : i
              if (!isDigit(bytes[first]) || !isDigit(bytes[p - 1])) break rows
            } else {
              // negatives go to the text path (an error in a memory column)
              if (bytes[i] === 45) break rows
              p = readDecimal(bytes, view, i)
              if (p < 0) break rows
              code = bytes[p]
              if (code !== delimiter && code !== 10 && code !== 13 && code !== 34) break rows
            }
            value = scanned[0]
          }
          i = p
          if (role === CELL_VALUE) {
            stage[staged * count + m] = value * scales[m]
            m++
          } else if (role === CELL_WORK) work = value
          else {
            time = value * epochScale
            // past any date a Date holds: the text path reports the bad time
            if (!(time <= MAX_TIME_MS && time >= -MAX_TIME_MS)) break rows
          }
        } else if (role === CELL_TIME) {
          if (
            i + 19 <= end &&
            view.getInt32(i, true) === iso.w0 &&
            view.getInt32(i + 4, true) === iso.w1 &&
            view.getInt32(i + 8, true) === iso.w2 &&
            view.getInt32(i + 12, true) === iso.w3 &&
            bytes[i + 16] === 58
          ) {
            // the previous row's minute: `:SS[.f[f[f]]][Z]` as addRowCommon reads it
            const s0 = bytes[i + 17] - 48
            const s1 = bytes[i + 18] - 48
            if (s0 < 0 || s0 > 9 || s1 < 0 || s1 > 9) break rows
            const second = s0 * 10 + s1
            if (second > 60) break rows
            i += 19
            let fraction = 0
            let c = bytes[i]
            if (c === 46) {
              c = bytes[++i]
              if (c < 48 || c > 57) break rows
              let scale = 100
              while (c >= 48 && c <= 57) {
                if (scale === 0) break rows
                fraction += (c - 48) * scale
                scale = scale === 100 ? 10 : scale === 10 ? 1 : 0
                c = bytes[++i]
              }
            }
            if (c === 90 || c === 122) i++
            else if (c === 43 || c === 45 || (c === 44 && delimiter !== 44)) break rows
            time = iso.minutes * 60_000 + second * 1000 + fraction
          } else {
            i = scanIsoBytes(bytes, view, i, end, delimiter, iso)
            if (i < 0) break rows
            time = scanned[0]
          }
        } else if (role === CELL_PROCESS) {
          processStart = i
          let c = bytes[i]
          while (c !== delimiter && c !== 10 && c !== 13 && c !== 34) c = bytes[++i]
          processEnd = i
        } else {
          let c = bytes[i]
          while (c !== delimiter && c !== 10 && c !== 34) c = bytes[++i]
          if (c === 34) break rows
        }
        if (quoted) {
          if (bytes[i] !== 34) break rows
          i++
        }
      }
      // a new process (or the first row) is read by the text path, after the rows staged
      if (namesProcess && !this.sameProcessBytes(bytes, processStart, processEnd, 0)) break
      // an optional trailing delimiter, `\r`s and the `\n`
      let newline = bytes[i] === delimiter ? i + 1 : i
      while (bytes[newline] === 13) newline++
      if (bytes[newline] !== 10) break
      let lineEnd = newline
      while (lineEnd > at && bytes[lineEnd - 1] === 13) lineEnd--
      if (lineEnd - at === headerLength && this.isHeader(bytes, at)) break
      times[staged] = time
      works[staged] = work
      taken++
      at = newline + 1
      if (++staged === PLAIN_STAGE_ROWS) {
        this.commitStage(staged)
        staged = 0
      }
    }
    if (staged > 0) this.commitStage(staged)
    this.rows += taken
    this.plainTaken = taken
    return at
  }

  /** Gives each metric column's staged block of `rows` values to its series (no group). */
  private commitStage(rows: number): void {
    const metrics = this.metricColumns
    const scales = this.plainScales
    const withWork = this.workIndex >= 0
    for (let k = 0; k < metrics.length; k++) {
      const column = metrics[k]
      const target = column.targets.get('') ?? this.targetFor(column, '')
      // a staged value is a number of at most 15 digits times its column's scale: NaN only
      // when the scale is, so the block needs no test per value otherwise
      if (Number.isNaN(scales[k]))
        target.builder.addBlock(
          this.stage,
          k,
          this.stageTimes,
          this.stageWorks,
          rows,
          metrics.length
        )
      else
        target.builder.addDenseBlock(
          this.stage,
          k,
          metrics.length,
          this.stageTimes,
          this.stageWorks,
          rows,
          withWork
        )
    }
  }

  /** A quoted row without its quotes, ending in `\n` (see {@link addQuotedRow}). */
  private unquoted = new Uint8Array(256)
  private unquotedView = new DataView(this.unquoted.buffer)

  /**
   * Reads the row `bytes[start, newline)` that holds a quote and that the
   * in-place readers declined (a new group, limit or odd value): its cells
   * are copied without their quotes (RFC 4180: a quote opens a field only at
   * its start, `""` inside is one quote) and the copy is read by
   * {@link addRowBytes}. The copy holds exactly the cells the text path's
   * splitter gives, so the result is the same. False, having changed nothing, for a row the
   * text path must read: a quoted delimiter, a quote that is not at a field's
   * start, text after a closing quote, or a quote not closed on this line (a
   * field with line breaks).
   */
  private addQuotedRow(
    bytes: Uint8Array,
    start: number,
    newline: number,
    delimiter: number,
    width: number
  ): boolean {
    let end = newline
    while (end > start && bytes[end - 1] === 13) end--
    if (end === start) return false
    if (this.unquoted.length < end - start + 1) {
      this.unquoted = new Uint8Array(2 * (end - start + 1))
      this.unquotedView = new DataView(this.unquoted.buffer)
    }
    const copy = this.unquoted
    let length = 0
    let i = start
    for (;;) {
      // at a field's start
      let c = i < end ? bytes[i] : -1
      if (c === 34) {
        i++
        for (;;) {
          if (i >= end) return false
          c = bytes[i++]
          if (c === 34) {
            if (i < end && bytes[i] === 34) {
              copy[length++] = 34
              i++
              continue
            }
            break
          }
          if (c === delimiter) return false
          copy[length++] = c
        }
        if (i >= end) break
        if (bytes[i] !== delimiter) return false
        copy[length++] = delimiter
        i++
        continue
      }
      while (i < end) {
        c = bytes[i++]
        if (c === 34) return false
        copy[length++] = c
        if (c === delimiter) break
      }
      if (i >= end) {
        // a row ending in a delimiter has one more (empty) field
        break
      }
    }
    copy[length] = 10
    // (not addRowCommon: it would take a `"` left by `""` for a quote)
    return (
      length > 0 &&
      !(length === this.header.length && this.isHeader(copy, 0)) &&
      this.addRowBytes(copy, this.unquotedView, 0, length, delimiter, width)
    )
  }

  /** Milliseconds per unit of an epoch time column (0: ISO or no time), for {@link addRowCommon}. */
  private epochScale = 0
  /** Per metric column: 1 when its unit takes plain numbers as they are (bytes or count). */
  private plainUnits = new Uint8Array(0)
  /** Per metric column: what a plain number is multiplied by (the series' `unit:` for bytes). */
  private plainScales = new Float64Array(0)

  /** Where {@link walkRows}' chunk has its next `"` (rows reaching it are declined). */
  private quoteAt = Infinity
  /** The header row's bytes (a logger restarted writes it again: declined). */
  private header: Uint8Array = new Uint8Array(0)

  /** True when the bytes at `start` are the header's. */
  private isHeader(bytes: Uint8Array, start: number): boolean {
    const header = this.header
    let j = 0
    while (j < header.length && bytes[start + j] === header[j]) j++
    return j === header.length
  }

  /**
   * {@link addRowBytes} for the rows most files are made of, in one tight
   * pass: an ISO time whose first 16 bytes (date, hour, minute) are those of
   * the previous row, `:SS[.fff][Z]`; a group seen before; `usage / limit`
   * with the previous limit; plain numbers in numeric columns; skipped
   * cells. The row starts at `start` and its line ends somewhere before
   * `limit` (a `\n` is there): found on the way, with the unused cells that
   * end the row, so no search for it first. Returns the index of the row's
   * `\n`, or -1, having changed nothing, for any other row (then
   * addRowBytes reads it, and updates the caches this relies on).
   * On a million-row docker-stats CSV this is most of the load time.
   */
  private addRowCommon(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    limit: number,
    delimiter: number,
    width: number
  ): number {
    const metrics = this.metricColumns
    const count = metrics.length
    const plan = this.bytePlan ?? this.makeBytePlan()
    if (this.byteRow.length < 2 + 2 * count) this.byteRow = new Float64Array(2 + 2 * count)
    const row = this.byteRow
    const iso = this.isoCache
    let time = NaN
    let work = NaN
    let slot = 0
    let m = 0
    let i = start
    let processStart = 0
    let processEnd = 0
    const tail = this.byteTail
    // every loop below stops at a `\n` or `\r` (not a digit, letter, space or delimiter)
    const end = limit
    let newline = -1
    // no quote from here to the chunk's end (most files): no quote tests
    const quotesAhead = this.quoteAt < end
    for (let field = 0; field < width; field++) {
      if (field > 0) {
        if (i >= end || bytes[i] !== delimiter) return -1
        i++
        if (field === tail) {
          // the unused cells that end the row: count their delimiters up to the `\n`,
          // four bytes at a time (exact zero-byte masks of word ^ pattern)
          const pattern = delimiter * 0x01010101
          let delimiters = 0
          for (;;) {
            for (; i + 4 <= end; i += 4) {
              const word = view.getInt32(i, true)
              // any byte under 0x20 (the `\n`, a `\r` or a tab) or a quote: one byte below
              if (((word - 0x20202020) & ~word & 0x80808080) !== 0) break
              const quotes = word ^ 0x22222222
              if (quotesAhead && ((quotes - 0x01010101) & ~quotes & 0x80808080) !== 0) break
              const hit = word ^ pattern
              const zeros = ~(((hit & 0x7f7f7f7f) + 0x7f7f7f7f) | hit | 0x7f7f7f7f)
              delimiters += Math.imul(zeros >>> 7, 0x01010101) >>> 24
            }
            // then a byte at a time to the `\n` or a quote
            let c = bytes[i]
            while (c !== 10 && c !== 34) {
              if (c === delimiter) delimiters++
              c = bytes[++i]
            }
            if (c === 10) break
            // a quoted cell (only at a cell's start): its delimiters are text
            if (bytes[i - 1] !== delimiter) return -1
            i = skipQuoted(bytes, i, delimiter)
            if (i < 0) return -1
          }
          newline = i
          let last = i
          while (last > start && bytes[last - 1] === 13) last--
          const cells = width - tail - 1
          if (delimiters !== cells && !(delimiters === cells + 1 && bytes[last - 1] === delimiter))
            return -1
          i = last
          break
        }
      }
      const role = plan[field]
      // a quoted cell is read in place: its content, then its closing quote (below)
      const quoted = quotesAhead && bytes[i] === 34
      if (quoted) {
        if (role === CELL_SKIP) {
          i = skipQuoted(bytes, i, delimiter)
          if (i < 0) return -1
          continue
        }
        i++
      }
      if (role === CELL_SKIP) {
        let c = i < end ? bytes[i] : 10
        while (c !== delimiter && c !== 10 && c !== 34) c = bytes[++i]
        // a quote inside a cell that does not start with one: the text path reports it
        if (c === 34) return -1
      } else if (role === CELL_TIME && this.epochScale > 0) {
        // EPOCH_RE's shape: a digit first (after a sign) and last, so `12.` and `.5` go to addRowBytes
        const stop = readDecimal(bytes, view, i)
        if (stop < 0) return -1
        const first = bytes[i] === 43 || bytes[i] === 45 ? i + 1 : i
        if (!isDigit(bytes[first]) || !isDigit(bytes[stop - 1])) return -1
        time = scanned[0] * this.epochScale
        // past any date a Date holds: the text path reports the bad time
        if (!(time <= MAX_TIME_MS && time >= -MAX_TIME_MS)) return -1
        i = stop
      } else if (role === CELL_TIME) {
        if (
          i + 19 > end ||
          view.getInt32(i, true) !== iso.w0 ||
          view.getInt32(i + 4, true) !== iso.w1 ||
          view.getInt32(i + 8, true) !== iso.w2 ||
          view.getInt32(i + 12, true) !== iso.w3 ||
          bytes[i + 16] !== 58
        ) {
          // a new minute (or an odd form): the full scanner, which fills the cache
          i = scanIsoBytes(bytes, view, i, end, delimiter, iso)
          if (i < 0) return -1
          time = scanned[0]
          if (quoted) {
            if (bytes[i] !== 34) return -1
            i++
          }
          continue
        }
        const s0 = bytes[i + 17] - 48
        const s1 = bytes[i + 18] - 48
        if (s0 < 0 || s0 > 9 || s1 < 0 || s1 > 9) return -1
        const second = s0 * 10 + s1
        if (second > 60) return -1
        i += 19
        let fraction = 0
        let c = i < end ? bytes[i] : -1
        if (c === 46) {
          // one to three digits are whole milliseconds; more go to the full scanner
          c = ++i < end ? bytes[i] : -1
          if (c < 48 || c > 57) return -1
          let scale = 100
          while (c >= 48 && c <= 57) {
            if (scale === 0) return -1
            fraction += (c - 48) * scale
            scale = scale === 100 ? 10 : scale === 10 ? 1 : 0
            c = ++i < end ? bytes[i] : -1
          }
        }
        if (c === 90 || c === 122) i++
        else if (c === 43 || c === 45 || (c === 44 && delimiter !== 44)) return -1
        time = iso.minutes * 60_000 + second * 1000 + fraction
      } else if (role === CELL_GROUP) {
        const known = this.byteGroupBytes
        slot = -1
        for (let k = 0; k < known.length; k++) {
          const name = known[k]
          const stop = i + name.length
          if (stop >= end) continue
          const after = bytes[stop]
          if (after !== delimiter && after !== 10 && after !== 13 && after !== 34) continue
          if (sameBytes(bytes, view, i, end, name, this.byteGroupViews[k])) {
            slot = k
            i = stop
            break
          }
        }
        if (slot < 0) return -1
      } else if (role === CELL_PROCESS) {
        processStart = i
        let c = bytes[i]
        while (c !== delimiter && c !== 10 && c !== 13 && c !== 34) c = bytes[++i]
        processEnd = i
      } else if (role === CELL_USAGE) {
        // scanSizePrefixBytes inline, without signs (those rows go to addRowBytes)
        let c = i < end ? bytes[i] : -1
        while (c === 32) c = ++i < end ? bytes[i] : -1
        let mantissa = 0
        let scale = 1
        let digits = 0
        while (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48)
          digits++
          c = ++i < end ? bytes[i] : -1
        }
        if (c === 46) {
          c = ++i < end ? bytes[i] : -1
          while (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48)
            scale *= 10
            digits++
            c = ++i < end ? bytes[i] : -1
          }
        }
        if (digits === 0 || digits > 15 || c === 101 || c === 69) return -1
        while (c === 32) c = ++i < end ? bytes[i] : -1
        const unitStart = i
        while ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) c = ++i < end ? bytes[i] : -1
        const unitEnd = i
        while (c === 32) c = ++i < end ? bytes[i] : -1
        // docker's `MiB` / `GiB` / `KiB` without a call; other units through unitFactorBytes
        const power =
          unitEnd - unitStart === 3 &&
          (bytes[unitStart + 1] | 32) === 105 &&
          (bytes[unitStart + 2] | 32) === 98
            ? POWER_OF_LETTER[bytes[unitStart] | 32]
            : 0
        const factor = power > 0 ? 1024 ** power : unitFactorBytes(bytes, unitStart, unitEnd)
        const usage = Math.round((mantissa / scale) * factor)
        if (!Number.isFinite(usage)) return -1
        row[2 + m] = usage
        row[2 + count + m] = NaN
        if (c === 47) {
          // the previous row's limit, compared word by word here (no call per row)
          const column = metrics[m]
          const known = column.limitBytes
          if (known === undefined) return -1
          const length = known.length
          const at = i + 1
          if (at + length > end) return -1
          const knownView = column.limitView
          const words = length & ~3
          for (let w = 0; w < words; w += 4)
            if (view.getInt32(at + w, true) !== knownView.getInt32(w, true)) return -1
          for (let w = words; w < length; w++) if (bytes[at + w] !== known[w]) return -1
          i = at + length
          row[2 + count + m] = column.limitBytesValue
        }
        if (metrics[m].unit !== 'bytes') return -1
        m++
      } else {
        // a plain number in a column already known to hold plain numbers (WORK too);
        // negatives go to the text path (an error in a memory column)
        if (bytes[i] === 45) return -1
        const stop = readDecimal(bytes, view, i)
        if (stop < 0) return -1
        const code = bytes[stop]
        if (code !== delimiter && code !== 10 && code !== 13 && code !== 34) return -1
        i = stop
        if (role === CELL_WORK) {
          work = scanned[0]
        } else {
          if (this.plainUnits[m] === 0) return -1
          row[2 + m] = scanned[0] * this.plainScales[m]
          row[2 + count + m++] = NaN
        }
      }
      if (quoted) {
        if (bytes[i] !== 34) return -1
        i++
      }
    }
    if (newline < 0) {
      // the last cell was read: then an optional trailing delimiter, `\r`s and the `\n`
      let j = i < end && bytes[i] === delimiter ? i + 1 : i
      while (j < end && bytes[j] === 13) j++
      if (j >= end || bytes[j] !== 10) return -1
      newline = j
    }
    // the header again: the text path skips it
    let lineEnd = newline
    while (lineEnd > start && bytes[lineEnd - 1] === 13) lineEnd--
    if (lineEnd - start === this.header.length && this.isHeader(bytes, start)) return -1
    // a new process (or the group's first row) is read by the text path
    if (this.processIndex >= 0 && !this.sameProcessBytes(bytes, processStart, processEnd, slot))
      return -1
    // every cell read: take the row
    this.rows++
    row[0] = time
    row[1] = work
    // commitByteRow written out: a call here, once per row, cost 5 % of a million-row load
    const generation = this.byteGeneration
    for (let k = 0; k < count; k++) {
      const column = metrics[k]
      if (column.slotGeneration !== generation) {
        column.slotTargets.length = 0
        column.slotGeneration = generation
      }
      let target = column.slotTargets[slot]
      if (target === undefined) {
        const group = this.groupIndex >= 0 ? this.byteGroups[slot] : ''
        target = column.targets.get(group) ?? this.targetFor(column, group)
        column.slotTargets[slot] = target
      }
      follow(column, target, time)
      const rowLimit = row[2 + count + k]
      if (rowLimit === 0 && row[2 + k] === 0) noteStopped(target, time)
      else target.builder.addFrom(row, 2 + k)
      if (rowLimit > 0 && rowLimit !== target.limit) target.limit = rowLimit
    }
    return newline
  }

  private byteRow = new Float64Array(0)
  /** Where the group cell read by {@link groupSlot} ends. */
  private groupEnd = 0

  private bytePlan: Uint8Array | undefined
  /** The first of the unused cells that end a row (the row's width when the last cell is used). */
  private byteTail = 0

  /** What {@link addRowBytes} does with each cell, by column index. */
  private makeBytePlan(): Uint8Array {
    const plan = new Uint8Array(this.columns.length)
    for (const column of this.columns) {
      let role = CELL_SKIP
      if (column.role === 'time') role = CELL_TIME
      else if (column.role === 'work') role = CELL_WORK
      else if (column.role === 'group') role = CELL_GROUP
      else if (column.role === 'process') role = CELL_PROCESS
      else if (column.role === 'metric') role = column.usageLimit ? CELL_USAGE : CELL_VALUE
      plan[column.index] = role
    }
    let tail = plan.length
    while (tail > 1 && plan[tail - 1] === CELL_SKIP) tail--
    this.byteTail = tail
    this.bytePlan = plan
    return plan
  }

  /** The bytes of {@link byteGroups}, compared with each row's group cell. */
  private readonly byteGroupBytes: Uint8Array[] = []
  private readonly byteGroupViews: DataView[] = []

  /**
   * The slot of the group name at `bytes[start..]` (up to the delimiter),
   * adding it when new, with {@link groupEnd} after it; -1 for non-ASCII names.
   */
  private groupSlot(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    delimiter: number
  ): number {
    const known = this.byteGroupBytes
    for (let k = 0; k < known.length; k++) {
      const name = known[k]
      const stop = start + name.length
      if (stop < end && bytes[stop] !== delimiter) continue
      if (!sameBytes(bytes, view, start, end, name, this.byteGroupViews[k])) continue
      this.groupEnd = stop
      return k
    }
    let stop = start
    while (stop < end && bytes[stop] !== delimiter) {
      // a quote in a name (`""` in a quoted cell) would let the inline reader match a bad cell
      if (bytes[stop] >= 128 || bytes[stop] === 34) return -1
      stop++
    }
    const copy = new Uint8Array(stop - start)
    copy.set(bytes.subarray(start, stop))
    if (known.length >= 32) {
      known.length = 0
      this.byteGroupViews.length = 0
      this.byteGroups.length = 0
      this.byteGeneration++
    }
    known.push(copy)
    this.byteGroupViews.push(new DataView(copy.buffer))
    this.byteGroups.push(String.fromCharCode.apply(null, Array.from(copy)))
    this.groupEnd = stop
    return known.length - 1
  }

  private readonly rangeCells: string[] = []

  private rowTime = NaN
  private rowWork = NaN

  private get hasUsageLimit(): boolean {
    for (let i = 0; i < this.metricColumns.length; i++)
      if (this.metricColumns[i].usageLimit) return true
    return false
  }

  /** Reads a row's time and work into rowTime / rowWork; false when the row is bad (recorded). */
  private readTimeAndWork(cells: ArrayLike<unknown>, line: number): boolean {
    const { sink } = this.options
    let time = NaN
    if (this.timeIndex >= 0) {
      const cell = cells[this.timeIndex]
      if (cell === undefined || cell === null || cell === '') {
        if (!this.options.optionalTime) {
          sink.add(line, this.columns[this.timeIndex].name, '', this.time.expected)
          return false
        }
      } else {
        time = this.time.parse(cell as string | number)
        if (this.firstTimeLine < 0) this.firstTimeLine = line
        if (Number.isNaN(time)) {
          sink.add(line, this.columns[this.timeIndex].name, String(cell), this.time.expected)
          return false
        }
      }
    }
    let work = NaN
    if (this.workIndex >= 0) {
      work = this.workOf(cells[this.workIndex], line)
      if (work === BAD) return false
    }
    this.rowTime = time
    this.rowWork = work
    return true
  }

  private targetFor(column: Column, group: string): Target {
    let target = column.targets.get(group)
    if (!target && column.targets.size >= MAX_GROUPS) {
      // Past the cap the rows of a new group go to a discard target (see MAX_GROUPS).
      this.droppedGroups.add(group)
      this.overflow ??= { group, builder: new SeriesBuilder(2), limit: undefined }
      return this.overflow
    }
    if (!target) {
      target = {
        group,
        builder: new SeriesBuilder(),
        limit: undefined,
        left: false,
        lastTime: NaN
      }
      column.targets.set(group, target)
    }
    if (column.recent.length < 8) column.recent.push(target)
    return target
  }

  private hasAnyValue(cells: ArrayLike<unknown>): boolean {
    let witnessed = false
    for (const column of this.metricColumns) {
      const cell = cells[column.index]
      if (cell !== undefined && cell !== null && !(typeof cell === 'string' && isMissing(cell))) {
        if (!column.witness) return true
        witnessed = true
      }
    }
    // a row with a witness's value alone and no time: skipped, and the witness is not whole
    if (witnessed) this.witnessSpoiled = true
    return false
  }

  /** Classifies still-undecided columns from their first non-empty value. */
  private decideColumns(cells: ArrayLike<unknown>): void {
    for (let index = 0; index < this.columns.length; index++) {
      const column = this.columns[index]
      if (column.role !== 'undecided') continue
      const cell = cells[index]
      if (cell === undefined || cell === null) continue
      if (index === this.namedGroup) {
        if (typeof cell === 'string' && cell.trim() === '') continue
        this.namedGroup = -1
        if (!(typeof cell === 'string' && hasByteUnit(cell))) {
          this.undecided--
          column.role = 'group'
          this.groupIndex = index
          this.used = undefined
          this.bytePlan = undefined
          continue
        }
      }
      this.undecided--
      // a name its file's other columns explain (tracemalloc's `current` beside `peak`)
      column.kind ??= kindAmongColumns(
        column.name,
        this.columns.map((other) => other.name)
      )
      if (typeof cell === 'number') {
        this.promote(column, column.kind ?? 'count', column.kind === 'memory' ? 'bytes' : 'count')
      } else if (typeof cell === 'string') {
        if (isMissing(cell) && (column.kind === undefined || cell.trim() === '')) {
          this.undecided++
          continue
        }
        const text = cell.trim()
        if (this.options.numericStrings && parseNumber(text) !== undefined) {
          this.promote(column, column.kind ?? 'count', column.kind === 'memory' ? 'bytes' : 'count')
        } else if (
          column.kind === undefined &&
          CPU_NAME_RE.test(column.name) &&
          /^\d+(?:\.\d+)?\s*(?:m|n|u)?$/i.test(text)
        ) {
          // `kubectl top`'s CPU in millicores (`12m`): no size, whatever its suffix reads as
          column.role = 'ignore'
          this.used = undefined
          this.bytePlan = undefined
        } else if (parseSize(text) !== undefined && /[a-z]\s*$/i.test(text)) {
          if (column.kind === undefined && isUnheldSizeName(column.name)) {
            // `net_rx` `1.2kB`: bytes moved, free or a limit, no memory held
            this.unheld.push(column.name)
            column.role = 'ignore'
            this.used = undefined
            this.bytePlan = undefined
          } else this.promote(column, column.kind ?? 'memory', 'bytes')
        } else if (parsePercent(text) !== undefined) {
          this.promote(
            column,
            column.kind ?? (/mem/i.test(column.name) ? 'memory' : 'count'),
            'percent'
          )
        } else if (column.kind !== undefined && !column.keptCount) {
          // a column named like a metric (rss, heapUsed, *_bytes) is numeric: its bad value is an error
          this.promote(column, column.kind, column.kind === 'memory' ? 'bytes' : 'count')
        } else {
          column.role = 'ignore'
          this.used = undefined
          this.bytePlan = undefined
        }
      } else {
        column.role = 'ignore'
        this.used = undefined
        this.bytePlan = undefined
      }
    }
  }

  private promote(column: Column, kind: MetricKind, unit: ValueUnit): void {
    column.byValues = column.kind === undefined && kind !== 'memory'
    column.plainScale = this.scaleFor(column.name, kind)
    column.role = 'metric'
    column.kind = kind
    column.unit = unit
    this.metricColumns.push(column)
    this.metricColumns.sort((a, b) => a.index - b.index)
    this.bytePlan = undefined
  }

  /** Parses one metric cell into its series; returns true when a value was added. */
  private addCell(
    column: Column,
    cell: unknown,
    group: string,
    time: number,
    work: number,
    line: number
  ): boolean {
    let value: number
    let limit = NaN
    if (typeof cell === 'number') {
      // a JSON number (JSON.parse reads `1e309` as Infinity): finite only
      if (!Number.isFinite(cell)) {
        this.cellError(column, line, String(cell), 'a finite number')
        return false
      }
      // bytes in a memory column (rss, heapUsed, configured as memory), else a count
      column.unit ??= column.kind === 'memory' ? 'bytes' : 'count'
      value = column.unit === 'bytes' ? cell * column.plainScale : cell
    } else if (typeof cell === 'string') {
      value = column.usageLimit ? NaN : fastNumber(cell)
      if (Number.isNaN(value)) {
        if (column.usageLimit) {
          const slash = cell.indexOf('/')
          value = scanSize(cell, 0, slash < 0 ? cell.length : slash)
          if (slash >= 0) {
            // the limit is the same on every row: parse it once
            const cached = column.limitText
            if (
              cached !== undefined &&
              cell.length - slash - 1 === cached.length &&
              cell.endsWith(cached)
            ) {
              limit = column.limitValue
            } else {
              column.limitText = cell.slice(slash + 1)
              limit = column.limitValue = scanSize(column.limitText, 0, column.limitText.length)
            }
          }
          if (Number.isNaN(value)) {
            const usage = slash < 0 ? cell : cell.slice(0, slash)
            if (isMissing(usage)) this.missingCell(column, usage, line, USAGE_EXPECTED, cell)
            else this.cellError(column, line, cell, USAGE_EXPECTED)
            return false
          }
          column.unit ??= 'bytes'
        } else {
          if (isMissing(cell)) {
            this.missingCell(column, cell, line, this.expectedOf(column))
            return false
          }
          // ` 4032` (ps pads, `date, ps` writes `, `): still a plain number, in the series' unit
          const trimmed = cell.trim()
          value = trimmed === cell ? NaN : fastNumber(trimmed)
          if (!Number.isNaN(value)) {
            column.unit ??= column.kind === 'memory' ? 'bytes' : 'count'
            if (column.unit === 'bytes') value *= column.plainScale
          } else {
            value = this.parseText(column, cell, line)
            if (Number.isNaN(value)) return false
          }
        }
      } else {
        // a plain number: in the series' `unit:` when the column holds bytes
        column.unit ??= column.kind === 'memory' ? 'bytes' : 'count'
        if (column.unit === 'bytes') value *= column.plainScale
      }
    } else if (cell === undefined) {
      return false
    } else if (cell === null) {
      this.rowMissing.push(column)
      return false
    } else {
      this.cellError(column, line, JSON.stringify(cell), this.expectedOf(column))
      return false
    }
    if (value < 0 && column.unit === 'bytes') {
      this.cellError(
        column,
        line,
        typeof cell === 'number' ? String(cell) : (cell as string),
        NEGATIVE_SIZE
      )
      return false
    }
    // Containers alternate row by row: a short list compared by content beats
    // hashing each row's fresh group string for a Map lookup.
    let target: Target | undefined
    const recent = column.recent
    for (let i = 0; i < recent.length; i++) {
      if (recent[i].group === group) {
        target = recent[i]
        break
      }
    }
    if (target === undefined) target = this.targetFor(column, group)
    follow(column, target, time)
    if (isStoppedCell(value, limit)) noteStopped(target, time)
    else target.builder.add(value, time, work)
    if (limit > 0) target.limit = limit
    return true
  }

  /** What a cell of the column must look like, for error messages. */
  private expectedOf(column: Column): string {
    return EXPECTED_BY_UNIT[column.unit ?? (column.kind === 'memory' ? 'bytes' : 'count')]
  }

  /** Parses a cell with a unit, checking it agrees with the column's unit. */
  private parseText(column: Column, cell: string, line: number): number {
    const size = parseSize(cell)
    if (size !== undefined && column.unit !== 'percent') {
      column.unit ??= 'bytes'
      if (column.unit === 'bytes') return size
    }
    const percent = parsePercent(cell)
    if (percent !== undefined && column.unit !== 'bytes') {
      column.unit ??= 'percent'
      if (column.unit === 'percent') return percent
    }
    this.cellError(column, line, cell, impossibleNumber(cell) ?? this.expectedOf(column))
    return NaN
  }

  /** Whether the metric columns' readings all came in one group. */
  private soleGroup(): boolean {
    const groups = new Set<string>()
    for (const column of this.metricColumns)
      for (const [group, target] of column.targets)
        if (target.builder.samples > 0) groups.add(group)
    return groups.size === 1
  }

  /** Builds the series, one per metric column and group, in column then group order. */
  finish(): Series[] {
    const { file, spec } = this.options
    const order = this.time.orderProblem
    if (order === 'reread') {
      this.rereadWithOrder = 'dmy'
      this.rereadNote = this.inferredTimeNote()
    }
    const form = this.time.formProblem
    if (form !== undefined) {
      // never a guess: HH:MM against MM:SS is a factor of 60 on every slope
      this.options.sink.add(
        this.firstTimeLine < 0 ? undefined : this.firstTimeLine,
        this.columns[this.timeIndex].name,
        form.found,
        form.expected
      )
      return []
    }
    if (order === 'ambiguous') {
      // never a guess: the order decides every gap between two days
      const first = this.time.firstAmbiguous
      const [a, b] = first.split(/[/.-]/)
      this.options.sink.add(
        this.firstTimeLine < 0 ? undefined : this.firstTimeLine,
        this.columns[this.timeIndex].name,
        first,
        `a date whose day-month order the column settles (a day above 12), but every date here reads both ways ("${a}/${b}" is month ${Number(a)} day ${Number(b)} as MM/DD/YYYY, day ${Number(a)} month ${Number(b)} as DD/MM/YYYY): set \`time-format: MM/DD/YYYY\` or \`time-format: DD/MM/YYYY\` on the series`
      )
      return []
    }
    const series: Series[] = []
    const workName = this.workIndex >= 0 ? this.columns[this.workIndex].name : undefined
    const timeName = this.timeIndex >= 0 ? this.columns[this.timeIndex].name : undefined
    const unjudged = this.unjudgedColumns()
    const inferred = new Map(
      this.inferredColumns().map(({ column, unit }) => [column, unit.bytes] as const)
    )
    const doubtful = new Map(
      this.tooSmallColumns()
        .filter(({ column, max }) => max < PROCESS_BYTES_FLOOR && !inferred.has(column))
        .map(({ column, max }) => [
          column,
          `every value is under 64 KiB, no process's memory in bytes: ${unitAdvice(max)}`
        ])
    )
    // a V8 trace of one isolate names none: its `[pid:isolate]` only tells isolates apart
    const labelled = this.groupIndex >= 0 && !(spec.gcTrace === 'v8' && this.soleGroup())
    for (const column of this.metricColumns) {
      if (unjudged.includes(column)) continue
      if (column.witness && this.witnessSpoiled) continue
      const parts: Series[] = []
      for (const [group, target] of column.targets) {
        if (target.builder.samples === 0) continue
        const grouped = labelled ? group : undefined
        const built = target.builder.build({
          id: seriesId(file, column.metric, grouped),
          file,
          metric: column.metric,
          group: grouped,
          kind: column.kind ?? 'count',
          unit: column.unit ?? (column.kind === 'memory' ? 'bytes' : 'count'),
          timeBase: this.time.base,
          workName,
          timeName,
          limit: spec.limit ?? target.limit
        })
        if (target.stops) built.stops = target.stops
        if (spec.gcTrace !== undefined) built.gcTrace = spec.gcTrace
        if (target.processChanges && !this.processes.get(group)?.interleaved)
          built.processChanges = target.processChanges
        // the process is named for this series: where it stays the same, no restart (a pid's witness)
        const track = this.processIndex >= 0 ? this.processes.get(group) : undefined
        if (track !== undefined && !track.interleaved)
          built.processColumn = {
            column: this.columns[this.processIndex].name,
            what: this.processWhat,
            ids: [...track.seen]
          }
        const doubt = doubtful.get(column)
        if (doubt !== undefined) built.unitDoubt = doubt
        const scale = inferred.get(column)
        if (scale !== undefined) scaleSeries(built, scale)
        if (column.witness) built.witnessOnly = true
        parts.push(built)
      }
      if (this.recreatedIds(column).length > 0)
        series.push(joinRecreated(parts, this.columns[this.groupIndex].name))
      else series.push(...parts)
    }
    return series
  }
}

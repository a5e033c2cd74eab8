/**
 * Process tables that shell loops save in CI, read as CSV line for line (as
 * `top -b` is, understand/top-rows.ts), so errors keep the file's line numbers:
 *
 * - `pidstat -r -p PID 5` (sysstat): a banner (`Linux 5.15.0 (host) 03/10/2025
 *   _x86_64_ (4 CPU)`), then a header before every sample, each line led by
 *   the clock (`10:00:05 AM` or `10:00:05`, by the locale), and `Average:`
 *   lines at the end (no samples). `pidstat -r -h`: one header starting `#`,
 *   then one line per sample whose `Time` column is epoch seconds.
 * - a loop of `ps -o pid,rss,vsz,cmd -p $PID` (the header printed again before
 *   each sample), maybe with a `date` line before each.
 *
 * RSS (KiB, as both tools print it) is the memory, one series per PID; VSZ is
 * address space reserved, not memory held, and is not read. Pure: the loader
 * feeds lines, the sniffer asks about a head.
 */
import { TIME_LINE_RE } from './time-text.js'
import { kindFromName } from './names.js'

/** The tool a table comes from. */
export type ProcTool = 'pidstat' | 'ps'

/** A process table found at a file's start: what its rows hold and what times them. */
export interface ProcTable {
  tool: ProcTool
  /** The header's column names, the clock (pidstat) and the `#` (-h) left out. */
  columns: string[]
  /** What times the rows: the clock before each (pidstat), a `Time` column (pidstat -h), the `date` line before each sample, or nothing. */
  time: 'clock' | 'column' | 'time-lines' | 'none'
  /** Rows of `ps aux` a `grep` kept without the header: read under {@link PS_AUX_COLUMNS}. */
  headerless?: boolean
}

/** `ps aux`'s columns, in order (COMMAND last: it holds spaces). */
export const PS_AUX_COLUMNS = [
  'USER',
  'PID',
  '%CPU',
  '%MEM',
  'VSZ',
  'RSS',
  'TTY',
  'STAT',
  'START',
  'TIME',
  'COMMAND'
]
/**
 * A whole row of `ps aux` (`runner 12345 3.1 2.0 1234567 163091 ? Sl 10:00 0:07 node server.js`):
 * the user, PID, two percentages, two sizes, the terminal, the state letters, the start and the
 * CPU time: no other tool prints this.
 */
const PS_AUX_ROW_RE =
  /^\S{1,64}\s+\d{1,10}\s+\d{1,4}(?:\.\d)?\s+\d{1,3}(?:\.\d)?\s+\d{1,15}\s+\d{1,15}\s+\S{1,32}\s+[RSDZTtIXWKPLNs<+l]{1,8}\s+\S{1,16}\s+\d{1,4}(?:[:-]\d\d){1,3}\s+\S/

/** sysstat's first line: `Linux 5.15.0-91-generic (host) \t03/10/2025 \t_x86_64_\t(4 CPU)`. */
const SYSSTAT_BANNER_RE =
  /^Linux \S{1,100} \(\S{1,200}\)\s+\S{1,20}\s+_\S{1,20}_\s+\(\d{1,5} CPU\)$/
/** pidstat's clock before each line: `10:00:05 AM`, `10:00:05` (24-hour locales). */
const CLOCK_RE = /^(\d{1,2}):(\d{2}):(\d{2})(?:\s+([AaPp][Mm]))?\s+/
/** pidstat's closing averages: no sample. */
const AVERAGE_RE = /^(?:Average|Moyenne|Durchschn\.|Media|Média|Среднее):/
/** The columns of `ps -o` a loop asks for (the header `ps` prints names them so). */
const PS_COLUMNS = new Set([
  'PID',
  'PPID',
  'PGID',
  'USER',
  'UID',
  'RSS',
  'RSZ',
  'VSZ',
  'VSIZE',
  'SZ',
  '%MEM',
  '%CPU',
  'NI',
  'PRI',
  'STAT',
  'S',
  'TT',
  'TTY',
  'TIME',
  'START',
  'STARTED',
  'ELAPSED',
  'NLWP',
  'PSR',
  'CMD',
  'COMMAND',
  'COMM',
  'ARGS'
])
/** Columns that may hold spaces: a command line, always last. */
const COMMAND_COLUMNS = new Set(['CMD', 'COMMAND', 'ARGS', 'Command'])
/** A memory cell: KiB, as ps and pidstat print it. */
const KIB_CELL_RE = /^\d{1,15}$/
/** Runs of white space between cells. */
const SPACES_RE = /\s+/
/** Characters of a line read at most (a table's line is some 100; a longer line is none of these tools'). */
const MAX_LINE = 4096
/** Lines of a head looked through for the header. */
const HEAD_LINES = 16

/** The header of `pidstat` with `-r` (its RSS column), the clock or the `#` of -h left out; undefined otherwise. */
function pidstatColumns(line: string): { columns: string[]; hourly: boolean } | undefined {
  if (line.length > MAX_LINE) return undefined
  const hashed = line.startsWith('#')
  const rest = hashed ? line.slice(1).trim() : line.replace(CLOCK_RE, '')
  if (!hashed && rest === line) return undefined
  const columns = rest.split(SPACES_RE)
  if (!columns.includes('PID') && !columns.includes('TGID')) return undefined
  if (!columns.includes('RSS') || !columns.includes('minflt/s')) return undefined
  if (hashed && columns[0] !== 'Time') return undefined
  return { columns, hourly: hashed }
}

/** The header of `ps -o …` holding RSS (or RSZ): every name one of ps's; undefined otherwise. */
function psColumns(line: string): string[] | undefined {
  if (line.length > 400) return undefined
  const columns = line.split(SPACES_RE)
  if (columns.length < 1 || !columns.every((name) => PS_COLUMNS.has(name))) return undefined
  if (!columns.includes('RSS') && !columns.includes('RSZ')) return undefined
  // a command line is last: a name after it would be read into it
  const command = columns.findIndex((name) => COMMAND_COLUMNS.has(name))
  return command === -1 || command === columns.length - 1 ? columns : undefined
}

/** The header of either tool, with what times its rows. */
function headerOf(line: string): { tool: ProcTool; columns: string[]; clock: boolean } | undefined {
  const pidstat = pidstatColumns(line)
  if (pidstat !== undefined)
    return { tool: 'pidstat', columns: pidstat.columns, clock: !pidstat.hourly }
  const ps = psColumns(line)
  return ps === undefined ? undefined : { tool: 'ps', columns: ps, clock: false }
}

/**
 * The process table a head starts with: sysstat's banner, blank lines and
 * `date` lines may come first, then the header of `pidstat -r` or `ps -o`
 * holding RSS. Undefined otherwise. The loader decides by this test too, on
 * the same head.
 */
export function findProcTable(head: readonly string[]): ProcTable | undefined {
  let dated = false
  let seen = 0
  for (const raw of head) {
    const line = raw.replace(/^\uFEFF/, '').trim()
    if (line === '') continue
    if (++seen > HEAD_LINES) return undefined
    if (SYSSTAT_BANNER_RE.test(line)) continue
    if (line.length <= 200 && TIME_LINE_RE.test(line)) {
      dated = true
      continue
    }
    // `ps aux | grep node`: rows kept without the header, read under ps aux's
    if (line.length <= MAX_LINE && PS_AUX_ROW_RE.test(line))
      return {
        tool: 'ps',
        columns: PS_AUX_COLUMNS,
        time: dated ? 'time-lines' : 'none',
        headerless: true
      }
    const header = headerOf(line)
    if (header === undefined) return undefined
    const time = header.clock
      ? 'clock'
      : header.columns[0] === 'Time'
        ? 'column'
        : dated
          ? 'time-lines'
          : 'none'
    return { tool: header.tool, columns: header.columns, time }
  }
  return undefined
}

/** The memory column a table is read by: RSS (ps's RSZ when it has no RSS). */
export function procMemoryColumn(table: ProcTable): string {
  return table.columns.includes('RSS') ? 'RSS' : 'RSZ'
}

/** The process's id column, when the table has one (pidstat -t names it TGID). */
export function procIdColumn(table: ProcTable): string | undefined {
  return ['PID', 'TGID'].find((name) => table.columns.includes(name))
}

/** The CSV columns of a table's rows: time, the process id and its command, the memory. */
export function procCsvColumns(table: ProcTable): string[] {
  const id = procIdColumn(table)
  const command = table.columns.find((name) => COMMAND_COLUMNS.has(name))
  return [
    ...(table.time === 'none' ? [] : ['time']),
    ...(id === undefined ? [] : [id]),
    ...(command === undefined ? [] : [command]),
    procMemoryColumn(table)
  ]
}

/** `10:00:05 PM` → `22:00:05`; a 24-hour clock as written. */
function clock24(match: RegExpExecArray): string {
  const [, hours, minutes, seconds, half] = match
  let hour = Number(hours)
  if (half !== undefined) {
    const pm = half.toUpperCase() === 'PM'
    if (hour === 12) hour = pm ? 12 : 0
    else if (pm) hour += 12
  }
  return `${String(hour).padStart(2, '0')}:${minutes}:${seconds}`
}

/** A CSV field: quoted when it holds a comma or a quote. */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Where a garbled row is recorded (the loader's error sink): line, column, what was found, what was expected. */
export interface ProcErrors {
  add(line: number, column: string | undefined, found: string, expected: string): void
}

/**
 * Turns a process table into CSV line by line (see the module comment): the
 * first header becomes {@link procCsvColumns}, each row a CSV row with its
 * memory in KiB written in the cell; banners, repeated headers, `Average:`
 * lines, time lines and blank lines become empty lines, which the CSV reader
 * skips. A row cut short or whose memory is no number is one error at its
 * line and column; a header of other columns further down (another command
 * appended) is an error and its rows are not read; other lines are skipped
 * and counted.
 */
export class ProcRowsToCsv {
  /** The first header as the file wrote it, once read. */
  header: string | undefined
  /** Lines that were none of the tool's, nor time lines, nor blank. */
  skipped = 0
  firstSkipped: { line: number; text: string } | undefined
  /** `Average:` lines left out. */
  averages = 0
  /** Rows of the filter's own process (`grep node` matches itself) left out. */
  greps = 0
  private lineNumber = 0
  private time: string | undefined
  private foreign = false
  private readonly key: string
  private readonly memoryAt: number
  private readonly idAt: number
  private readonly commandAt: number

  constructor(
    private readonly table: ProcTable,
    private readonly sink: ProcErrors
  ) {
    this.key = table.columns.join(' ')
    this.memoryAt = table.columns.indexOf(procMemoryColumn(table))
    const id = procIdColumn(table)
    this.idAt = id === undefined ? -1 : table.columns.indexOf(id)
    this.commandAt = table.columns.findIndex((name) => COMMAND_COLUMNS.has(name))
    // rows without a header: the loader reads them under the CSV header of ps aux's columns
    if (table.headerless) this.header = PS_AUX_COLUMNS.join(' ')
  }

  /** The CSV line for `line` (the file's next line). */
  line(line: string): string {
    this.lineNumber++
    const trimmed = line.replace(/^\uFEFF/, '').trim()
    if (trimmed === '') return ''
    if (trimmed.length > MAX_LINE) return this.skip(trimmed)
    const header = headerOf(trimmed)
    if (header !== undefined) return this.headerLine(header.columns, trimmed)
    if (AVERAGE_RE.test(trimmed)) {
      this.averages++
      return ''
    }
    if (SYSSTAT_BANNER_RE.test(trimmed)) return ''
    if (trimmed.length <= 200) {
      const time = TIME_LINE_RE.exec(trimmed)
      if (time !== null) {
        this.time = time[1]
        return ''
      }
    }
    if (this.header === undefined || this.foreign) return ''
    return this.row(trimmed)
  }

  private skip(trimmed: string): string {
    this.skipped++
    this.firstSkipped ??= {
      line: this.lineNumber,
      text: trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed
    }
    return ''
  }

  /** The first header becomes the CSV header; the same again is skipped; another is an error. */
  private headerLine(columns: string[], trimmed: string): string {
    if (this.header === undefined) {
      this.header = trimmed
      return procCsvColumns(this.table).join(',')
    }
    this.foreign = columns.join(' ') !== this.key
    if (this.foreign)
      this.sink.add(
        this.lineNumber,
        undefined,
        trimmed.length > 120 ? `${trimmed.slice(0, 119)}…` : trimmed,
        `the file's first header again (${this.key}): the rows under another one are another command's, not read; save one command's output per file`
      )
    return ''
  }

  /** A row as CSV; a line that does not start as a row is skipped and counted. */
  private row(trimmed: string): string {
    let text = trimmed
    let time = this.time
    if (this.table.time === 'clock') {
      const clock = CLOCK_RE.exec(trimmed)
      if (clock === null) return this.skip(trimmed)
      time = clock24(clock)
      text = trimmed.slice(clock[0].length)
    }
    const width = this.table.columns.length
    const split = text.split(SPACES_RE)
    // the command line, last, may hold spaces
    const cells =
      this.commandAt === width - 1 && split.length > width
        ? [...split.slice(0, width - 1), split.slice(width - 1).join(' ')]
        : split
    // a row starts with a number (ps's PID, pidstat's UID or -h's Time) unless its first column is a name
    if (
      !/^\d/.test(cells[0]) &&
      !/^(?:USER|S|STAT|TT|TTY|CMD|COMMAND|COMM|ARGS)$/.test(this.table.columns[0])
    )
      return this.skip(trimmed)
    if (cells.length !== width) {
      this.sink.add(
        this.lineNumber,
        this.table.columns[Math.min(cells.length, width - 1)],
        trimmed,
        `a row of the header's ${width} columns (${this.key}); this row has ${cells.length}`
      )
      return ''
    }
    const memory = cells[this.memoryAt]
    if (!KIB_CELL_RE.test(memory)) {
      this.sink.add(
        this.lineNumber,
        this.table.columns[this.memoryAt],
        memory,
        'a size in KiB, a whole number, as ps and pidstat print it'
      )
      return ''
    }
    // `ps aux | grep node` lists the grep too: a new PID each sample, never the service
    if (this.commandAt >= 0 && /^(?:[ef]?grep|rg) /.test(cells[this.commandAt])) {
      this.greps++
      return ''
    }
    const out: string[] = []
    if (this.table.time === 'column') out.push(cells[0])
    else if (this.table.time !== 'none') out.push(csvField(time ?? ''))
    if (this.idAt >= 0) out.push(csvField(cells[this.idAt]))
    if (this.commandAt >= 0) out.push(csvField(cells[this.commandAt]))
    out.push(`${memory}KiB`)
    return out.join(',')
  }
}

/** A line of one number, as `ps -o rss= -p $PID` or `cat memory.current` prints it. */
const BARE_NUMBER_RE = /^\d{1,20}$/
/** `date +%s` and the number on one line, split by spaces as `echo` writes them: `1741600800 163091` (epoch seconds or milliseconds; a tab-separated table with no header stays one to name). */
const EPOCH_NUMBER_RE = /^(\d{10}|\d{13})(?:\.\d{1,9})? +(\d{1,20})$/
/** A file named after ps (`ps.log`, `ps-rss.txt`): its bare numbers are `ps -o rss=`'s. */
const PS_STEM_RE = /^ps(?:$|[-_.])/i
/** The value column's name when the file's name is ps's. */
const BARE_VALUE_NAME = 'rss'

/** Bare numbers a loop saved: what times them and the name their column is read under. */
export interface BareNumbers {
  time: 'time-lines' | 'column' | 'none'
  /** The file's stem when it names memory (`rss`, `memory.current`), else `rss`. */
  name: string
  /** True when the name is the file's own. */
  named: boolean
}

/**
 * A loop's bare numbers at a file's start: a time line, then one number
 * (`date; ps -o rss= -p $PID`, `date; cat memory.current`), or the epoch and
 * the number on one line (`echo "$(date +%s) $(ps -o rss= -p $PID)"`), or
 * only numbers, in a file whose name says memory (`rss.log`, `memory.current.log`)
 * or ps (`ps.log`: its numbers are read as `rss`; with no time line, only
 * under a memory name): every non-blank line of the head one of these.
 * Undefined otherwise: numbers under another name may be anything.
 */
export function findBareNumbers(head: readonly string[], stem: string): BareNumbers | undefined {
  const lines = head.map((line) => line.replace(/^\uFEFF/, '').trim()).filter((l) => l !== '')
  if (lines.length < 2) return undefined
  const ownName = /^[A-Za-z_][\w.-]{0,63}$/.test(stem) && kindFromName(stem) === 'memory'
  // numbers under a name that says neither memory nor ps (`latency.log`) may be anything: not read
  if (!ownName && !PS_STEM_RE.test(stem)) return undefined
  const name = ownName ? stem : BARE_VALUE_NAME
  if (lines.every((line) => EPOCH_NUMBER_RE.test(line)))
    return { time: 'column', name, named: ownName }
  let times = 0
  let numbers = 0
  let afterTime = false
  for (const line of lines) {
    if (afterTime && BARE_NUMBER_RE.test(line)) {
      numbers++
      afterTime = false
    } else if (line.length <= 200 && TIME_LINE_RE.test(line)) {
      times++
      afterTime = true
    } else if (BARE_NUMBER_RE.test(line)) {
      numbers++
      afterTime = false
    } else afterTime = false
  }
  // other lines (a tool's message when the process is gone) under a quarter: each an error at its line
  if ((lines.length - times - numbers) * 4 >= lines.length) return undefined
  if (times > 0 && numbers > 0) return { time: 'time-lines', name, named: ownName }
  return times === 0 && numbers === lines.length && ownName
    ? { time: 'none', name, named: true }
    : undefined
}

/**
 * Turns a loop's bare numbers into CSV line by line: `time,<name>` (or `<name>`
 * alone with no time), a time line timing the number after it. The loader
 * reads the lines under {@link header} (`loadCsvUnder`), so they keep the
 * file's line numbers. A line that
 * is none of these is an error at its line: the format has nothing else.
 */
export class BareNumbersToCsv {
  private lineNumber = 0
  private time: string | undefined
  private afterTime = false

  constructor(
    private readonly numbers: BareNumbers,
    private readonly sink: ProcErrors
  ) {}

  /** The CSV header. */
  get header(): string {
    return this.numbers.time === 'none' ? this.numbers.name : `time,${this.numbers.name}`
  }

  /** The CSV line for `line` (the file's next line); the caller writes {@link header} first. */
  line(line: string): string {
    this.lineNumber++
    const trimmed = line.replace(/^\uFEFF/, '').trim()
    if (trimmed === '') return ''
    if (this.numbers.time === 'column') {
      const row = EPOCH_NUMBER_RE.exec(trimmed)
      if (row !== null) return `${trimmed.split(/ +/)[0]},${row[2]}`
    } else if (BARE_NUMBER_RE.test(trimmed) && (this.afterTime || this.numbers.time === 'none')) {
      this.afterTime = false
      return this.numbers.time === 'none' ? trimmed : `${csvField(this.time ?? '')},${trimmed}`
    } else if (this.numbers.time === 'time-lines' && trimmed.length <= 200) {
      const time = TIME_LINE_RE.exec(trimmed)
      if (time !== null) {
        this.time = time[1]
        this.afterTime = true
        return ''
      }
    }
    this.sink.add(
      this.lineNumber,
      this.numbers.name,
      trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed,
      this.numbers.time === 'column'
        ? 'the epoch and a number on one line, as `echo "$(date +%s) $(ps -o rss= -p $PID)"` prints them'
        : this.numbers.time === 'time-lines'
          ? 'a time line, then one number, as `date; ps -o rss= -p $PID` prints them'
          : 'one number per line'
    )
    return ''
  }
}

/** A line of `/proc/PID/status` as grep keeps it: `VmRSS:\t  163091 kB`. */
const STATUS_LINE_RE = /^(Vm[A-Za-z]{2,5}|Rss[A-Za-z]{2,5}):\s+(\d{1,15}) kB$/
/** A line of `/proc/PID/statm`: size resident shared text lib data dirty, in pages. */
const STATM_LINE_RE = /^(\d{1,15}) (\d{1,15}) \d{1,15} \d{1,15} \d{1,15} \d{1,15} \d{1,15}$/
/** The page size statm counts in: 4 KiB on x86_64 and most arm64 Linux. */
const STATM_PAGE_KIB = 4

/** A loop over a file of /proc: its kind and whether a time line times each sample. */
export interface ProcFile {
  kind: 'status' | 'statm'
  dated: boolean
}

/** The column a /proc file's memory is read under. */
export function procFileColumn(file: ProcFile): string {
  return file.kind === 'status' ? 'VmRSS' : 'statm_resident'
}

/**
 * A loop over `/proc/PID/status` (`grep -E 'VmRSS|VmHWM|VmSize'`, VmRSS among
 * the lines) or `/proc/PID/statm` at a file's start, maybe with a `date` line
 * before each sample: every non-blank line of the head one of these.
 */
export function findProcFile(head: readonly string[]): ProcFile | undefined {
  const lines = head.map((line) => line.replace(/^\uFEFF/, '').trim()).filter((l) => l !== '')
  let dated = false
  let status = 0
  let statm = 0
  let rss = false
  let others = 0
  for (const line of lines) {
    const field = line.length > 200 ? null : STATUS_LINE_RE.exec(line)
    if (field !== null) {
      status++
      rss ||= field[1] === 'VmRSS'
    } else if (line.length > 200) others++
    else if (STATM_LINE_RE.test(line)) statm++
    else if (TIME_LINE_RE.test(line)) dated = true
    else others++
  }
  // other lines (a garbled value, a message when the process is gone) under a quarter: each an error at its line
  if (others * 4 >= lines.length) return undefined
  if (status > 0 && statm === 0 && rss) return { kind: 'status', dated }
  if (statm > 0 && status === 0) return { kind: 'statm', dated }
  return undefined
}

/**
 * Turns a loop over a /proc file into CSV line by line: `time,VmRSS` (status)
 * or `time,statm_resident` (statm's resident pages × 4 KiB), the size in KiB
 * written in the cell; VmHWM, VmSize and the other fields are not read; a
 * line that is none of the file's is an error at its line.
 */
export class ProcFileToCsv {
  private lineNumber = 0
  private time: string | undefined
  /** Fields of status left out, by name. */
  readonly leftOut = new Set<string>()

  constructor(
    private readonly file: ProcFile,
    private readonly sink: ProcErrors
  ) {}

  /** The CSV header. */
  get header(): string {
    return this.file.dated ? `time,${procFileColumn(this.file)}` : procFileColumn(this.file)
  }

  /** The CSV line for `line` (the file's next line); the caller writes {@link header} first. */
  line(line: string): string {
    this.lineNumber++
    const trimmed = line.replace(/^\uFEFF/, '').trim()
    if (trimmed === '' || trimmed.length > 200) return trimmed === '' ? '' : this.error(trimmed)
    const time = this.file.dated ? TIME_LINE_RE.exec(trimmed) : null
    if (time !== null) {
      this.time = time[1]
      return ''
    }
    let kib: string | undefined
    if (this.file.kind === 'status') {
      const field = STATUS_LINE_RE.exec(trimmed)
      if (field !== null && field[1] !== 'VmRSS') {
        this.leftOut.add(field[1])
        return ''
      }
      kib = field?.[2]
    } else {
      const statm = STATM_LINE_RE.exec(trimmed)
      if (statm !== null) kib = String(Number(statm[2]) * STATM_PAGE_KIB)
    }
    if (kib === undefined) return this.error(trimmed)
    return this.file.dated ? `${csvField(this.time ?? '')},${kib}KiB` : `${kib}KiB`
  }

  private error(trimmed: string): string {
    this.sink.add(
      this.lineNumber,
      procFileColumn(this.file),
      trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed,
      this.file.kind === 'status'
        ? 'a line of /proc/PID/status (`VmRSS:\t163091 kB`) or a time line'
        : 'a line of /proc/PID/statm (seven numbers of pages) or a time line'
    )
    return ''
  }
}

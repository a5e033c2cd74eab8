/**
 * `pidstat -r` output and loops of `ps -o …,rss,…` read as CSV
 * (understand/proc-tables.ts), line for line so errors keep the file's line
 * numbers: RSS in KiB as memory, one series per PID, timed by pidstat's
 * clock, its `Time` column (-h), the `date` line before each sample, or file
 * order, each said in a note.
 */
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import type { LineSource } from './lines.js'
import { ErrorSink, mapLines } from './lines.js'
import { loadCsv, loadCsvUnder } from './csv.js'
import {
  BareNumbersToCsv,
  ProcFileToCsv,
  ProcRowsToCsv,
  procFileColumn,
  procCsvColumns,
  type ProcFile,
  type BareNumbers,
  procIdColumn,
  procMemoryColumn,
  type ProcTable
} from '../understand/proc-tables.js'

/** The request that reads `table`'s rows: unless the entry names its own, RSS as memory, one series per PID, and the time of the rows. */
export function procTableRequest(table: ProcTable, request: SeriesLoadRequest): SeriesLoadRequest {
  const spec = { ...request.spec }
  spec.metrics ??= { [procMemoryColumn(table)]: 'memory' }
  const id = procIdColumn(table)
  if (id !== undefined) spec.group ??= id
  if (table.time !== 'none') spec.time ??= 'time'
  if (table.time === 'column' && spec.time === 'time') spec.timeUnitMs ??= 1000
  return { ...request, spec }
}

/** What times the rows, as the note says it. */
function timeNote(table: ProcTable): string {
  switch (table.time) {
    case 'clock':
      return "each row timed by pidstat's clock before it (a time of day: the date line's date is not needed, a clock that goes back rolls over midnight)"
    case 'column':
      return "each row timed by pidstat's Time column (-h: epoch seconds)"
    case 'time-lines':
      return 'each row timed by the time line above it (the `date` the loop prints)'
    case 'none':
      return 'no time on the rows and no time line before them: the samples are read in file order, each one interval after the last; print `date +%s` before each sample to time them'
  }
}

/**
 * Loads a process table: the CSV of its rows, and notes on what times them,
 * what is not read (VSZ, the averages) and lines skipped.
 */
export async function loadProcTable(
  lines: LineSource,
  table: ProcTable,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const rows = new ProcRowsToCsv(table, sink)
  const loaded = table.headerless
    ? await loadCsvUnder(
        procCsvColumns(table).join(','),
        mapLines(lines, (line) => rows.line(line)),
        request,
        { sink }
      )
    : await loadCsv(
        mapLines(lines, (line) => rows.line(line)),
        request,
        { sink, shownHeader: () => rows.header }
      )
  const notes = [...(loaded.notes ?? [])]
  const tool = table.tool === 'pidstat' ? '`pidstat -r`' : '`ps`'
  if (table.headerless)
    notes.unshift(
      "no header: each row read as a whole row of `ps aux`'s columns (USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND)"
    )
  const left = [
    ...(table.columns.includes('VSZ') ? ['VSZ (address space reserved, not memory held)'] : []),
    ...(rows.averages > 0 ? [`${rows.averages} \`Average:\` line(s) (no sample)`] : []),
    ...(rows.greps > 0 ? [`${rows.greps} row(s) of the filter's own \`grep\` process`] : [])
  ]
  notes.unshift(`${timeNote(table)}${left.length > 0 ? `; not read: ${left.join(', ')}` : ''}`)
  if (rows.skipped > 0)
    notes.push(
      `${rows.skipped} ${rows.skipped === 1 ? 'line' : 'lines'} neither ${tool}'s rows nor its header skipped (the first, line ${rows.firstSkipped!.line}: ${JSON.stringify(rows.firstSkipped!.text)})`
    )
  return { ...loaded, notes }
}

/** The request that reads a loop's bare numbers: unless the entry names its own, the one column as memory, and its time. */
export function bareNumbersRequest(
  numbers: BareNumbers,
  request: SeriesLoadRequest
): SeriesLoadRequest {
  const spec = { ...request.spec }
  spec.metrics ??= { [numbers.name]: 'memory' }
  if (numbers.time !== 'none') spec.time ??= 'time'
  return { ...request, spec }
}

/**
 * Loads a loop's bare numbers (`date; ps -o rss= -p $PID`, `date; cat memory.current`,
 * `echo "$(date +%s) $(ps -o rss= …)"`): one series, its unit by the size of its numbers
 * (the CSV reader's inference, said in its note), a note saying what was read as what.
 */
export async function loadBareNumbers(
  lines: LineSource,
  numbers: BareNumbers,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const rows = new BareNumbersToCsv(numbers, sink)
  const loaded = await loadCsvUnder(
    rows.header,
    mapLines(lines, (line) => rows.line(line)),
    request,
    { sink }
  )
  const time =
    numbers.time === 'time-lines'
      ? 'each timed by the time line above it'
      : numbers.time === 'column'
        ? 'each timed by the epoch before it on its line'
        : 'no time: read in file order'
  const what = numbers.named
    ? `the file's name (${numbers.name})`
    : '`rss`, as `ps -o rss=` prints it (the file is named after ps)'
  return {
    ...loaded,
    notes: [
      `one bare number per sample read as memory, named by ${what}; ${time}`,
      ...(loaded.notes ?? [])
    ]
  }
}

/** The request that reads a loop over a /proc file: unless the entry names its own, its resident size as memory. */
export function procFileRequest(file: ProcFile, request: SeriesLoadRequest): SeriesLoadRequest {
  const spec = { ...request.spec }
  spec.metrics ??= { [procFileColumn(file)]: 'memory' }
  if (file.dated) spec.time ??= 'time'
  return { ...request, spec }
}

/** Loads a loop over `/proc/PID/status` or `/proc/PID/statm`, a note saying what was read and what not. */
export async function loadProcFile(
  lines: LineSource,
  file: ProcFile,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const rows = new ProcFileToCsv(file, sink)
  const loaded = await loadCsvUnder(
    rows.header,
    mapLines(lines, (line) => rows.line(line)),
    request,
    { sink }
  )
  const time = file.dated
    ? 'each sample timed by the time line above it'
    : 'no time line: read in file order'
  const what =
    file.kind === 'status'
      ? `/proc/PID/status lines: VmRSS (KiB) as memory${rows.leftOut.size > 0 ? `; not judged: ${[...rows.leftOut].map(statusFieldWhy).join(', ')}` : ''}`
      : '/proc/PID/statm lines: resident pages × 4 KiB (the page size of x86_64 and most arm64 Linux) as memory; size (virtual) not judged'
  return { ...loaded, notes: [`${what}; ${time}`, ...(loaded.notes ?? [])] }
}

/** Why a field of /proc/PID/status beside VmRSS is not judged. */
function statusFieldWhy(name: string): string {
  if (name === 'VmHWM') return 'VmHWM (the high-water mark of VmRSS)'
  if (name === 'VmSize' || name === 'VmPeak') return `${name} (address space reserved)`
  return `${name} (a part of the address space or of VmRSS)`
}

/**
 * Which column of a CSV splits its rows into one series per process, when
 * no `group:` is set and no column is named like a container or worker
 * (those always split: `isGroupColumnName`). A `pid` column, or a column
 * naming the program (`name`, `process`, `proc`, `cmd`, `command`, `comm`),
 * splits the file only when the head shows several processes sampled side
 * by side: a value comes back after another (`4101, 4102, 4101`). A value
 * that changes for good is no second process: a new pid is a restart (read
 * as one, see load/table.ts), a new name a phase of the run. Pure.
 *
 *   time,pid,rss_mb                     time,pid,rss_mb
 *   10:00:00,4101,179.3   ← split       10:00:00,4101,179.3   ← one series,
 *   10:00:00,4102,320.9                 10:00:05,4101,181.4     a restart
 *   10:00:05,4101,181.4                 10:00:10,4230,95.2      at 10:00:10
 */
import { delimitedHead, isBlankCell } from './delimited-head.js'
import { flattenKeys, unionKeys } from './sniff.js'
import {
  isGroupColumnName,
  isProcessIdName,
  isTimeName,
  kindFromName,
  normaliseName
} from './names.js'

/** Columns naming the program a row was sampled from (ps's `comm`, psutil's `name`). */
const PROCESS_NAME_COLUMNS = new Set([
  'name',
  'process',
  'processname',
  'proc',
  'procname',
  'cmd',
  'command',
  'comm'
])

/** True for a column naming the program sampled (`name`, `process`, `cmd`, ...). */
export function isProcessNameColumn(name: string): boolean {
  return PROCESS_NAME_COLUMNS.has(normaliseName(name))
}

/** More processes than this in the head are no pool but labels of some other kind. */
const MAX_PROCESSES = 64

/** The column that splits a file into one series per process, and what the head showed. */
export interface ProcessSplit {
  /** The column as the header names it. */
  column: string
  /** A process id (`pid`) or a program's name. */
  what: 'pid' | 'name'
  /** The values the head shows, first seen first. */
  values: string[]
}

/**
 * Locust's stats (`Type,Name,Request Count,...`, the history's `Timestamp,User Count,Type,Name`)
 * name endpoints in `Name`: never processes.
 */
export function isLocustHeader(header: readonly string[]): boolean {
  const names = new Set(header.map(normaliseName))
  return (
    names.has('name') &&
    names.has('type') &&
    (names.has('requests') || names.has('requestcount') || names.has('usercount'))
  )
}

/**
 * The distinct values of a sequence, first seen first, when at least two
 * interleave (one comes back after another) and there are at most
 * {@link MAX_PROCESSES}; undefined otherwise (one value, values that follow
 * each other for good, or too many).
 */
export function interleavedValues(sequence: readonly string[]): string[] | undefined {
  const seen = new Set<string>()
  let current: string | undefined
  let back = false
  for (const value of sequence) {
    if (value === current) continue
    if (seen.has(value)) back = true
    else if (seen.size >= MAX_PROCESSES) return undefined
    seen.add(value)
    current = value
  }
  return back && seen.size >= 2 ? [...seen] : undefined
}

/**
 * The column splitting a delimited file's rows into one series per process
 * (see the module comment), from the file's first lines; `memory` names the
 * columns the entry's `metrics:` lists as memory. A program-name column wins
 * over a pid column when each program's pids do not interleave (then a new pid
 * under one name stays a restart); pids interleaving under one name (a pool of
 * `gunicorn` workers) split by pid.
 */
export function processSplit(
  head: readonly string[],
  memory: readonly string[] = []
): ProcessSplit | undefined {
  const table = delimitedHead(head)
  if (table === undefined) return undefined
  return processSplitOfRows(table.header, table.rows, memory)
}

/**
 * The split of JSON lines (one object per line) by a process column, by the
 * same rule as a CSV's ({@link processSplit}): the objects' flattened keys are
 * the header, their scalar values the rows.
 */
export function jsonProcessSplit(
  objects: ReadonlyArray<Record<string, unknown>>,
  memory: readonly string[] = []
): ProcessSplit | undefined {
  if (objects.length < 2) return undefined
  const { columns } = unionKeys([...objects])
  const rows = objects.map((object) => {
    const flat = new Map(flattenKeys(object))
    return columns.map((key) => {
      const value = flat.get(key)
      return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
    })
  })
  return processSplitOfRows(columns, rows, memory)
}

/** {@link processSplit} on a header and its rows' cells. */
function processSplitOfRows(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  memory: readonly string[]
): ProcessSplit | undefined {
  if (header.some(isGroupColumnName) || isLocustHeader(header)) return undefined
  // only a file of memory readings: a name column elsewhere labels other things
  const hasMemory = header.some(
    (name) => memory.includes(name) || (kindFromName(name) === 'memory' && !isTimeName(name))
  )
  if (!hasMemory) return undefined
  const nameAt = header.findIndex(isProcessNameColumn)
  const pidAt = header.findIndex(isProcessIdName)
  const column = (at: number): string[] =>
    rows.map((row) => row[at].trim()).filter((cell) => !isBlankCell(cell))
  if (nameAt >= 0) {
    const names = column(nameAt)
    const values = interleavedValues(names)
    // a label per row (`request 1`, `request 2`) is no program: each must come back
    if (values !== undefined && values.length * 2 <= names.length) {
      const pidsInterleave =
        pidAt >= 0 &&
        values.some(
          (name) =>
            interleavedValues(
              rows
                .filter((row) => row[nameAt].trim() === name)
                .map((row) => row[pidAt].trim())
                .filter((cell) => !isBlankCell(cell))
            ) !== undefined
        )
      if (!pidsInterleave) return { column: header[nameAt], what: 'name', values }
    }
  }
  if (pidAt >= 0) {
    const values = interleavedValues(column(pidAt))
    if (values !== undefined) return { column: header[pidAt], what: 'pid', values }
  }
  return undefined
}

/**
 * A JSON document that is a table written by columns, as people save one
 * from a script or a notebook:
 *
 * - an object of arrays, one per column (`{"time": [...], "rss": [...]}`);
 * - pandas `DataFrame.to_json()`: `orient="columns"` (the default,
 *   `{"rss": {"0": v, "1": v, ...}}`), `orient="index"`
 *   (`{"0": {"time": ..., "rss": ...}, ...}`) and `orient="split"`
 *   (`{"columns": [...], "index": [...], "data": [[...], ...]}`).
 *   (`orient="records"` is a JSON array of objects, read as such.)
 *
 * {@link columnDocumentHead} tells the shape and the column names from a
 * head that may cut the document; {@link columnRows} turns the parsed
 * document into rows, one object per sample, or says why it cannot. Pure.
 */
import { setOwn } from './own-property.js'

/** How the columns are laid out. */
export type ColumnOrient = 'arrays' | 'columns' | 'index' | 'split'

/** What a head shows of a column document. */
export interface ColumnDocumentHead {
  orient: ColumnOrient
  /** The column names the head shows (all of them unless the head is cut). */
  columns: string[]
  /**
   * The head ends inside the first column's array (a long run written by columns): only the
   * whole document names the others.
   */
  cut?: boolean
}

/** Values at the start of a cut first array: numbers or strings (a column's cells), and commas. */
const SCALAR_CELLS_RE = /^\[\s*(?:(?:-?\d[\d.eE+-]*|"(?:[^"\\]|\\.)*"|null)\s*,\s*){8}/

/** Top-level keys looked at, at most (a table has a few columns; a bigger object is something else). */
const MAX_HEAD_KEYS = 256
/** An index key of pandas: a row number, or epoch ms of a DatetimeIndex. */
const INDEX_KEY = /^-?\d{1,19}$/

/** A top-level key of a JSON object text, and where its value starts. */
interface TopKey {
  key: string
  /** The value's first character (`[`, `{`, `"`, a digit...). */
  opens: string
  /** Offset of the value's first character. */
  at: number
}

/**
 * The keys of the top-level object of `text` (which may be cut), in order,
 * with the first character of each value: a linear walk, strings and
 * escapes followed. Undefined when the text is no object or a key is not
 * followed by `:`.
 */
function topKeys(text: string): TopKey[] | undefined {
  let i = 0
  const blank = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++
  }
  blank()
  if (text[i] !== '{') return undefined
  i++
  const keys: TopKey[] = []
  for (;;) {
    blank()
    if (i >= text.length || text[i] === '}') return keys
    if (keys.length > 0) {
      if (text[i] !== ',') return undefined
      i++
      blank()
    }
    if (text[i] !== '"') return i >= text.length ? keys : undefined
    const end = stringEnd(text, i)
    if (end < 0) return keys // cut inside a key
    let key: unknown
    try {
      key = JSON.parse(text.slice(i, end))
    } catch {
      return undefined
    }
    i = end
    blank()
    if (i >= text.length) return keys
    if (text[i] !== ':') return undefined
    i++
    blank()
    if (i >= text.length) return keys
    keys.push({ key: key as string, opens: text[i], at: i })
    if (keys.length >= MAX_HEAD_KEYS) return keys
    i = valueEnd(text, i)
    if (i < 0) return keys // cut inside the value
  }
}

/** Offset past the JSON string starting at `text[at]` (a `"`), or -1 when the text ends first. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x5c) i++
    else if (code === 0x22) return i + 1
  }
  return -1
}

/** Offset past the JSON value starting at `text[at]`, or -1 when the text ends first. */
function valueEnd(text: string, at: number): number {
  const first = text[at]
  if (first === '"') return stringEnd(text, at)
  if (first !== '[' && first !== '{') {
    let i = at
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++
    return i < text.length ? i : -1
  }
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const char = text[i]
    if (char === '"') {
      i = stringEnd(text, i) - 1
      if (i < 0) return -1
    } else if (char === '[' || char === '{') depth++
    else if ((char === ']' || char === '}') && --depth === 0) return i + 1
  }
  return -1
}

/** The first key of the object starting at `text[at]`, when the head shows it. */
function firstInnerKey(text: string, at: number): string | undefined {
  const inner = /^\{\s*"((?:[^"\\]|\\.){0,64})"\s*:/.exec(text.slice(at, at + 200))
  return inner?.[1]
}

/** The strings of the short array starting at `text[at]` (pandas' `columns`), when the head holds it whole. */
function stringArrayAt(text: string, at: number): string[] | undefined {
  const end = valueEnd(text, at)
  if (end < 0 || end - at > 64 * 1024) return undefined
  try {
    const value: unknown = JSON.parse(text.slice(at, end))
    return Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? value
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The shape and column names of a column document from its first lines
 * (see the module comment), or undefined for any other JSON document (a
 * snapshot of named values, a summary, an API answer).
 */
export function columnDocumentHead(lines: readonly string[]): ColumnDocumentHead | undefined {
  const text = lines.join('\n')
  const keys = topKeys(text)
  if (keys === undefined || keys.length === 0) return undefined
  const names = keys.map((key) => key.key)
  const columns = keys.find((key) => key.key === 'columns')
  if (columns?.opens === '[' && names.includes('data')) {
    const split = stringArrayAt(text, columns.at)
    return split && split.length > 0 ? { orient: 'split', columns: split } : undefined
  }
  if (keys.every((key) => key.opens === '[') && keys.length >= 2)
    return { orient: 'arrays', columns: names }
  // one column so long the head ends inside it: a table by columns when it starts with cells
  if (
    keys.length === 1 &&
    keys[0].opens === '[' &&
    valueEnd(text, keys[0].at) < 0 &&
    SCALAR_CELLS_RE.test(text.slice(keys[0].at, keys[0].at + 4096))
  )
    return { orient: 'arrays', columns: names, cut: true }
  if (!keys.every((key) => key.opens === '{')) return undefined
  const inner = firstInnerKey(text, keys[0].at)
  // pandas orient=columns: each column an object keyed by the index
  if (inner !== undefined && INDEX_KEY.test(inner))
    return keys.length === 1 && valueEnd(text, keys[0].at) < 0
      ? { orient: 'columns', columns: names, cut: true }
      : { orient: 'columns', columns: names }
  // pandas orient=index: each row an object keyed by its column, the rows keyed by the index
  if (names.every((name) => INDEX_KEY.test(name))) {
    const end = valueEnd(text, keys[0].at)
    const row = end < 0 ? undefined : topKeys(text.slice(keys[0].at, end))
    if (row && row.length > 0 && row.every((cell) => cell.opens !== '[' && cell.opens !== '{'))
      return { orient: 'index', columns: row.map((cell) => cell.key) }
  }
  return undefined
}

/** Cells of each column a sketch keeps (enough for the name rules and a look at the values). */
const SKETCH_CELLS = 16

/**
 * A short stand-in for a column document whose first column runs past the head read to detect
 * it (see {@link ColumnDocumentHead.cut}): the same top-level keys, each array (or pandas'
 * object keyed by the index) cut to its first {@link SKETCH_CELLS} cells, on one line, for detection to name the columns as it does for a
 * short document. Undefined when the whole text is not an object of arrays (or objects) of cells. One linear
 * walk (the arrays' ends found by {@link valueEnd}).
 */
export function columnDocumentSketch(text: string): string | undefined {
  const keys = topKeys(text)
  if (keys === undefined || keys.length < 2) return undefined
  const opens = keys[0].opens
  if ((opens !== '[' && opens !== '{') || !keys.every((key) => key.opens === opens))
    return undefined
  const close = opens === '[' ? ']' : '}'
  const parts: string[] = []
  for (const key of keys) {
    // an array's cells, or an object's `"index": cell` entries (pandas orient=columns)
    const cells: string[] = []
    let i = key.at + 1
    while (cells.length < SKETCH_CELLS) {
      while (i < text.length && /[\s,]/.test(text[i])) i++
      if (i >= text.length || text[i] === close) break
      const from = i
      if (opens === '{') {
        const keyEnd = stringEnd(text, i)
        if (text[i] !== '"' || keyEnd < 0) return undefined
        i = keyEnd
        while (i < text.length && /\s/.test(text[i])) i++
        if (text[i] !== ':') return undefined
        i++
        while (i < text.length && /\s/.test(text[i])) i++
      }
      const end = valueEnd(text, i)
      if (end < 0) return undefined
      cells.push(text.slice(from, end))
      i = end
    }
    parts.push(`${JSON.stringify(key.key)}: ${opens}${cells.join(', ')}${close}`)
  }
  return `{${parts.join(', ')}}`
}

/** Why a document cannot be read as a table, in the terms of a message. */
export interface ColumnProblem {
  /** The column (or key) at fault. */
  column?: string
  found: string
  expected: string
}

/** A column document as rows, one object per sample, in the document's order. */
export interface ColumnTable {
  orient: ColumnOrient
  rows: Array<Record<string, unknown>>
  /** The column the index was read into as time (a pandas DatetimeIndex, epoch ms), if any. */
  indexAsTime?: string
}

/** A JSON value a cell may hold: a number, a string, null. */
function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'string'
}

/** Epoch ms from 2001 on: a pandas DatetimeIndex written by `to_json()` (its default `date_unit`). */
function isEpochMsIndex(keys: readonly unknown[]): boolean {
  return keys.length > 0 && keys.every((key) => Number(key) >= 978307200000 && Number(key) < 4.1e12)
}

/**
 * The rows of a parsed column document of the given orient, or the problem
 * that keeps it from being one table: columns of unequal lengths, a cell
 * that is an object or an array, a row of pandas' `data` of another width.
 * `hasTime` says whether a column already names the time: when none does
 * and the index is epoch ms (a DatetimeIndex), the index is the time.
 */
export function columnRows(
  document: Record<string, unknown>,
  orient: ColumnOrient,
  hasTime: (columns: readonly string[]) => boolean
): ColumnTable | ColumnProblem {
  const rows: Array<Record<string, unknown>> = []
  let names: string[]
  let index: readonly unknown[] = []
  if (orient === 'split') {
    const columns = document.columns
    const data = document.data
    if (!Array.isArray(columns) || !columns.every((name) => typeof name === 'string'))
      return { column: 'columns', found: 'no array of names', expected: 'the column names' }
    if (!Array.isArray(data))
      return { column: 'data', found: 'no array', expected: 'an array of rows `[[...], ...]`' }
    names = columns
    for (const [at, row] of data.entries()) {
      if (!Array.isArray(row) || row.length !== names.length)
        return {
          column: 'data',
          found: `row ${at} of ${Array.isArray(row) ? `${row.length} cells` : typeof row}`,
          expected: `rows of ${names.length} cells, one per column (${names.join(', ')})`
        }
      rows.push(Object.fromEntries(row.map((cell, k) => [names[k], cell])))
    }
    if (Array.isArray(document.index)) index = document.index
  } else if (orient === 'index') {
    index = Object.keys(document)
    names = []
    for (const key of index as string[]) {
      const row = document[key]
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        return { column: key, found: 'no object', expected: 'a row `{"column": value, ...}`' }
      rows.push(row as Record<string, unknown>)
      for (const name of Object.keys(row)) if (!names.includes(name)) names.push(name)
    }
  } else {
    names = Object.keys(document)
    const first = document[names[0]]
    if (names.length === 0 || (orient === 'arrays' && !Array.isArray(first)))
      return { column: names[0], found: typeof first, expected: 'an array of values' }
    if (orient === 'columns') {
      if (first === null || typeof first !== 'object')
        return { column: names[0], found: 'no object', expected: 'a column `{"0": value, ...}`' }
      index = Object.keys(first)
    }
    const length = orient === 'arrays' ? (first as unknown[]).length : index.length
    for (let at = 0; at < length; at++) rows.push({})
    for (const name of names) {
      const column = document[name]
      const cells =
        orient === 'arrays'
          ? Array.isArray(column)
            ? column
            : undefined
          : column !== null && typeof column === 'object' && !Array.isArray(column)
            ? (index as string[]).map((key) => (column as Record<string, unknown>)[key])
            : undefined
      if (cells === undefined)
        return {
          column: name,
          found: Array.isArray(column) ? 'an array' : typeof column,
          expected: orient === 'arrays' ? 'an array of values' : 'an object keyed by the index'
        }
      const size = orient === 'arrays' ? cells.length : Object.keys(column as object).length
      if (size !== length)
        return {
          column: name,
          found: `${size} values`,
          expected: `${length} values, as many as "${names[0]}" (the columns of one table have one length)`
        }
      cells.forEach((cell, at) => setOwn(rows[at], name, cell))
    }
  }
  for (const row of rows)
    for (const name in row)
      if (!isScalar(row[name]))
        return {
          column: name,
          found: Array.isArray(row[name]) ? 'an array' : 'an object',
          expected: 'a number or a string in each cell'
        }
  if (!hasTime(names) && index.length === rows.length && isEpochMsIndex(index)) {
    rows.forEach((row, at) => (row.time = Number(index[at])))
    return { orient, rows, indexAsTime: 'time' }
  }
  return { orient, rows }
}

/**
 * The line (1-based) each row of a column document starts on, from its
 * text: the line of the row's cell in the first column (`arrays`,
 * `columns`), of its array in `data` (`split`), of its object (`index`).
 * Cells of one row sit on different lines when the document is indented by
 * columns: a message names the column too. One linear walk.
 */
export function rowLines(text: string, orient: ColumnOrient): number[] {
  const lines: number[] = []
  /** The open containers, innermost last: true for an object. */
  const open: boolean[] = []
  const rowDepth = orient === 'index' ? 1 : 2
  let line = 1
  let keyIndex = -1
  let keyName = ''
  let afterColon = false
  const isRowKey = (): boolean =>
    orient === 'index' || (orient === 'split' ? keyName === 'data' : keyIndex === 0)
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '\n') line++
    if (char === '\n' || char === ' ' || char === '\t' || char === '\r' || char === ',') continue
    if (char === ':') {
      afterColon = true
      continue
    }
    const depth = open.length
    // in an array every item is a value; in an object only what follows a colon
    const starts = depth > 0 && (!open[depth - 1] || afterColon)
    if (starts && depth === rowDepth && isRowKey()) lines.push(line)
    afterColon = false
    if (char === '"') {
      const end = stringEnd(text, i)
      if (end < 0) break
      if (!starts && depth === 1) {
        keyIndex++
        keyName = text.slice(i + 1, end - 1)
      }
      i = end - 1 // a JSON string holds no raw line break
    } else if (char === '{' || char === '[') open.push(char === '{')
    else if (char === '}' || char === ']') open.pop()
    else while (i + 1 < text.length && !/[\s,\]}:]/.test(text[i + 1])) i++
  }
  return lines
}

/**
 * `jstat` output saved to a file (`jstat -gc -t $PID 5000 > jstat.log`): a
 * header row of jstat's column names, then one row per sample, the cells
 * right-aligned under it and split by spaces, the header printed again every
 * N rows with `-h N`. `-t` adds a first `Timestamp` column, the JVM's uptime
 * in seconds.
 *
 *   Timestamp        S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT     CGC    CGCT     GCT
 *             5.3    0.0 2048.0    0.0 2048.0 26624.0  12288.0  232448.0   45231.5  30080.0 29443.2 3968.0 3706.9     12    0.085   0      0.000   4      0.010    0.095
 *
 * `-gc` sizes are KiB (`0.0`); JDK 8 has no `CGC CGCT`, JDK 7 and older
 * `PC PU` (the permanent generation) where later ones write `MC MU`
 * (metaspace) and `CCSC CCSU`. jstat prints a `-` for a space or a
 * collector the JVM does not have, and formats its numbers in the JVM's
 * locale (`2048,0`: no grouping, so a comma is the decimal mark).
 * `-gcutil` and `-gccause` give each space's use as a percentage of its
 * current capacity, no size; `-gcold`, `-gcnew` and the `-gc…capacity`
 * options give part of the picture. Pure: the loader feeds lines, the
 * sniffer asks about a head.
 */

/** jstat's options whose output leak-gate tells apart by their header. */
export type JstatOption =
  | 'gc'
  | 'gcutil'
  | 'gccause'
  | 'gcold'
  | 'gcnew'
  | 'gccapacity'
  | 'gcnewcapacity'
  | 'gcoldcapacity'
  | 'gcmetacapacity'

/** A header row: the option that prints it, its columns (without `Timestamp`), and whether `-t` added `Timestamp`. */
export interface JstatHeader {
  option: JstatOption
  columns: string[]
  timestamped: boolean
}

/** `-gc`'s columns, in order, as every JDK since 6 writes them (the one option read). */
const GC_COLUMNS_RE =
  /^S0C S1C S0U S1U EC EU OC OU (?:MC MU(?: CCSC CCSU)?|PC PU) YGC YGCT FGC FGCT(?: CGC CGCT)? GCT$/
/** The other options, by their first columns (they are not read: enough to name them). */
const OTHER_OPTIONS: ReadonlyArray<[RegExp, JstatOption]> = [
  [/^S0 S1 E O (?:M|P) .*\bGCT LGCC GCC$/, 'gccause'],
  [/^S0 S1 E O (?:M|P) (?:CCS )?YGC YGCT FGC FGCT\b/, 'gcutil'],
  [/^(?:MC MU CCSC CCSU|PC PU) OC OU YGC FGC\b/, 'gcold'],
  [/^S0C S1C S0U S1U TT MTT DSS EC EU YGC\b/, 'gcnew'],
  [/^NGCMN NGCMX NGC S0C S1C EC OGCMN\b/, 'gccapacity'],
  [/^NGCMN NGCMX NGC S0CMX S0C\b/, 'gcnewcapacity'],
  [/^OGCMN OGCMX OGC OC YGC\b/, 'gcoldcapacity'],
  [/^(?:MCMN MCMX MC CCSMN|PGCMN PGCMX PGC PC) /, 'gcmetacapacity']
]
/** Characters of a header read at most (jstat's widest, `-gc -t`, is about 240). */
const MAX_HEADER = 512
/** Runs of white space between cells. */
const SPACES_RE = /\s+/

/**
 * The jstat header `line` is (BOM, edge blanks and `-t`'s `Timestamp` allowed), or undefined. Only
 * jstat's exact column sequences count: a table of other tools with an `OU` column is none.
 */
export function jstatHeader(line: string): JstatHeader | undefined {
  const trimmed = line.replace(/^\uFEFF/, '').trim()
  if (trimmed.length > MAX_HEADER || trimmed === '') return undefined
  const cells = trimmed.split(SPACES_RE)
  const timestamped = cells[0] === 'Timestamp'
  const columns = timestamped ? cells.slice(1) : cells
  const text = columns.join(' ')
  if (GC_COLUMNS_RE.test(text)) return { option: 'gc', columns, timestamped }
  for (const [pattern, option] of OTHER_OPTIONS)
    if (pattern.test(text)) return { option, columns, timestamped }
  return undefined
}

/** The columns summed into the heap in use: both survivor spaces, eden and the old generation. */
export const HEAP_USED_COLUMNS = ['S0U', 'S1U', 'EU', 'OU'] as const
/** The columns summed into the heap committed: the same spaces' current capacities. */
export const HEAP_COMMITTED_COLUMNS = ['S0C', 'S1C', 'EC', 'OC'] as const

/**
 * The series read from `-gc` rows, as the CSV the loader reads names them: the
 * heap in use (`heap_used`), the old generation in use (`old_heap_used`, OU),
 * metaspace in use (`metaspace_used`, MU; `perm_gen_used`, PU, before JDK 8);
 * the last two judged as memory, the heap in use, the heap committed
 * (`heap_committed`) and the counts of full collections (FGC) and concurrent
 * cycles (CGC) read beside them as witnesses only.
 */
export const JSTAT_HEAP_USED = 'heap_used'
export const JSTAT_OLD_USED = 'old_heap_used'
export const JSTAT_METASPACE_USED = 'metaspace_used'
export const JSTAT_PERM_GEN_USED = 'perm_gen_used'
export const JSTAT_HEAP_COMMITTED = 'heap_committed'

/**
 * The judged series of a `-gc` header's rows: the old generation and metaspace (or the permanent
 * generation). The whole heap in use is read beside them only as a witness: eden's sawtooth adds
 * nothing a leak keeps, and where no old-generation collection comes in the run its floor climbs
 * with promoted garbage (a simulated 75 s healthy run: +63 MiB, p = 0.002) that the old
 * generation, with FGC and CGC beside it, is not failed for.
 */
export function jstatJudged(header: JstatHeader): string[] {
  return [
    JSTAT_OLD_USED,
    header.columns.includes('MU') ? JSTAT_METASPACE_USED : JSTAT_PERM_GEN_USED
  ]
}

/**
 * The collection counters of a `-gc` header read as witnesses: FGC, the old generation's
 * collections (Parallel's and Serial's full collections; CMS's initial-mark and remark pauses),
 * and CGC (JDK 9+), the pauses of G1's concurrent cycles, after which its mixed collections take
 * the old regions: what moves only when the old generation was collected.
 */
export function jstatCounters(header: JstatHeader): string[] {
  return ['FGC', ...(header.columns.includes('CGC') ? ['CGC'] : [])]
}

/** A cell as jstat writes it: digits with an optional decimal part (`.`, or `,` in a comma locale), or `-` (no such space or collector). */
const CELL_RE = /^(?:\d{1,15}(?:[.,]\d{1,6})?|-)$/

/** What reading a row found: its cells by column, or the first cell that is not jstat's. */
export type JstatRow =
  { cells: ReadonlyMap<string, string> } | { column: string; found: string; expected: string }

/**
 * The cells of `trimmed` (a row under `header`), each checked: as many as the header's columns,
 * each a number or `-`. Decimal commas become points.
 */
export function jstatRow(trimmed: string, header: JstatHeader): JstatRow {
  const names = header.timestamped ? ['Timestamp', ...header.columns] : header.columns
  const cells = trimmed.split(SPACES_RE, names.length + 1)
  for (let i = 0; i < names.length; i++) {
    const cell = cells[i]
    if (cell === undefined)
      return {
        column: names[i],
        found: 'nothing (the row ends here)',
        expected: `a whole row of the header's ${names.length} columns, ${names[0]} to ${names[names.length - 1]} (this row has ${cells.length})`
      }
    if (!CELL_RE.test(cell) || (cell === '-' && names[i] === 'Timestamp'))
      return {
        column: names[i],
        found: cell.length > 40 ? `${cell.slice(0, 39)}…` : cell,
        expected:
          names[i] === 'Timestamp'
            ? "the JVM's uptime in seconds, like 5.3"
            : `a number as jstat writes it, like 2048.0 (or - for a space the JVM does not have)`
      }
  }
  if (cells.length > names.length)
    return {
      column: names[names.length - 1],
      found: `more cells after it (${cells[names.length].slice(0, 40)})`,
      expected: `a row of the header's ${names.length} columns`
    }
  const byName = new Map<string, string>()
  names.forEach((name, i) => byName.set(name, cells[i].replace(',', '.')))
  return { cells: byName }
}

/**
 * The sum of `columns`' cells (KiB), or NaN when every one is `-`. A `-`
 * counts nothing: the JVM has no such space.
 */
export function jstatSum(cells: ReadonlyMap<string, string>, columns: readonly string[]): number {
  let sum = 0
  let any = false
  for (const column of columns) {
    const cell = cells.get(column)
    if (cell === undefined || cell === '-') continue
    sum += Number(cell)
    any = true
  }
  // one decimal as jstat writes them: no float noise (0.1 + 0.2) in the cell
  return any ? Math.round(sum * 10) / 10 : Number.NaN
}

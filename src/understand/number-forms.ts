/**
 * Numbers as spreadsheets and locales save them in a `;` or tab delimited
 * file: digits grouped in thousands (`122,131`, `167.005.366`, `122 131`) and
 * a decimal mark that is a comma or a point (`122.131,2`, `149,3`). One cell
 * often cannot say what its mark is (`163,091` is 163091 or 163.091): its
 * column's cells settle it, as a column's day-month order of dates is settled
 * (date-forms.ts). Pure: the CSV reader keeps each column's mark.
 */

/** The character between a number's whole part and its fraction. */
export type DecimalMark = ',' | '.'

/** What one cell says about its column's decimal mark. */
export type CellMarks =
  /** No separator at all (`4032`, `12MiB`), or no number: nothing learned. */
  | { kind: 'none' }
  /** The cell alone settles the mark: `1,234,567` (groups), `12,5`, `122.131,2`, `1 234,5`. */
  | { kind: 'settles'; decimal: DecimalMark; grouped: boolean }
  /** Spaces group its digits (`122 131`): says nothing of the mark. */
  | { kind: 'spaced' }
  /** One mark with three digits after it and at most three before (`163,091`): either reading. */
  | { kind: 'either'; mark: DecimalMark }
  /** Separators that group nothing (`1,23,4`, `1.234,5,6`): left as written (the loader's error). */
  | { kind: 'invalid' }

/** Spaces that group digits: a space, a no-break space (fr-FR), a narrow no-break space, `'` (de-CH). */
const SPACE_MARKS = new Set([' ', '\u00a0', '\u202f', "'"])
/** Longest cell looked at (a number with groups and a unit is far shorter). */
const MAX_CELL = 48

/** A cell's sign, number and unit, and the number's digit runs with the separator before each. */
interface NumberParts {
  sign: string
  runs: string[]
  separators: string[]
  unit: string
}

/** Splits `-1.234,5 MiB` into its parts, or undefined for a cell that is no number with a unit. */
function numberParts(text: string): NumberParts | undefined {
  if (text.length > MAX_CELL) return undefined
  let at = 0
  let end = text.length
  while (at < end && /\s/.test(text[at])) at++
  while (end > at && /\s/.test(text[end - 1])) end--
  let sign = ''
  if (text[at] === '-' || text[at] === '+') sign = text[at++]
  let unitStart = end
  while (unitStart > at && /[A-Za-z%]/.test(text[unitStart - 1])) unitStart--
  const unit = text.slice(unitStart, end)
  if (unit.length > 5) return undefined
  let numberEnd = unitStart
  while (numberEnd > at && /\s/.test(text[numberEnd - 1]) && text[numberEnd - 1] !== '\u202f')
    numberEnd--
  const runs: string[] = []
  const separators: string[] = []
  let run = ''
  for (let k = at; k < numberEnd; k++) {
    const char = text[k]
    if (char >= '0' && char <= '9') {
      run += char
      continue
    }
    if (char !== ',' && char !== '.' && !SPACE_MARKS.has(char)) return undefined
    // a separator stands between digits, one at a time
    if (run === '') return undefined
    runs.push(run)
    separators.push(char)
    run = ''
  }
  if (run === '') return undefined
  runs.push(run)
  return { sign, runs, separators, unit }
}

/** True when runs after the first are thousands (three digits) and the first has one to three. */
function groupsThousands(runs: readonly string[]): boolean {
  return runs[0].length <= 3 && runs.slice(1).every((run) => run.length === 3)
}

const OTHER: Record<DecimalMark, DecimalMark> = { ',': '.', '.': ',' }

/** What a cell says about its column's decimal mark (see {@link CellMarks}). */
export function cellMarks(text: string): CellMarks {
  const parts = numberParts(text)
  if (parts === undefined || parts.separators.length === 0) return { kind: 'none' }
  const { runs, separators } = parts
  const last = separators[separators.length - 1]
  const before = separators.slice(0, -1)
  if (last === ',' || last === '.') {
    const mark: DecimalMark = last
    // the last mark is the decimal one when the separators before it group with another
    if (before.length > 0) {
      const group = before[0]
      if (group === mark) {
        // `1,234,567`: the one mark groups throughout, the other is the decimal mark
        return separators.every((separator) => separator === mark) && groupsThousands(runs)
          ? { kind: 'settles', decimal: OTHER[mark], grouped: true }
          : { kind: 'invalid' }
      }
      const whole = runs.slice(0, -1)
      return before.every((separator) => separator === group) && groupsThousands(whole)
        ? { kind: 'settles', decimal: mark, grouped: true }
        : { kind: 'invalid' }
    }
    // one mark: a fraction of other than three digits, a whole part over three or a leading 0
    const [whole, fraction] = runs
    if (fraction.length !== 3 || whole.length > 3 || whole[0] === '0')
      return { kind: 'settles', decimal: mark, grouped: false }
    return { kind: 'either', mark }
  }
  return separators.every((separator) => separator === last) && groupsThousands(runs)
    ? { kind: 'spaced' }
    : { kind: 'invalid' }
}

/**
 * The cell written as a plain number for the loader (`122.131,2` → `122131.2`,
 * `1,234 KiB` → `1234KiB`): a cell that settles its mark reads by it (`110.2`
 * in a column of `110,4` is still 110.2: it reads no other way), one that
 * reads both ways by its column's `decimal` mark. Undefined when it groups
 * nothing, or reads both ways and the mark is not known. A cell without
 * separators is returned as it is.
 */
export function withMarkRead(text: string, decimal: DecimalMark | undefined): string | undefined {
  const parts = numberParts(text)
  if (parts === undefined || parts.separators.length === 0) return text
  const marks = cellMarks(text)
  if (marks.kind === 'invalid') return undefined
  const mark = marks.kind === 'settles' ? marks.decimal : decimal
  if (marks.kind === 'either' && mark === undefined) return undefined
  const { sign, runs, separators, unit } = parts
  let number = runs[0]
  for (let k = 0; k < separators.length; k++)
    number += (separators[k] === mark ? '.' : '') + runs[k + 1]
  return `${sign}${number}${unit}`
}

/** Both readings of an undecided cell, for the message: `163,091` → 163091 and 163.091. */
export function bothReadings(text: string, mark: DecimalMark): [grouped: string, decimal: string] {
  return [withMarkRead(text, OTHER[mark]) ?? text, withMarkRead(text, mark) ?? text]
}

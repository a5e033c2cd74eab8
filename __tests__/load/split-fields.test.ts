/**
 * The quoted-record splitter reads what csv-parse (RFC 4180, its defaults)
 * reads, and refuses what it refuses: compared on random records built from
 * the characters that matter (quotes, delimiters, spaces, line breaks).
 */
import fc from 'fast-check'
import { parse } from 'csv-parse/sync'
import { splitFields } from '../../src/load/fields.js'

function csvParse(line: string, delimiter: string): string[] | 'error' {
  try {
    const records = parse(line, { delimiter, relax_column_count: true, trim: false }) as string[][]
    return records.length === 1 ? records[0] : 'error'
  } catch {
    return 'error'
  }
}

describe('splitFields', () => {
  it.each([
    ['a,"b,c",d', ['a', 'b,c', 'd']],
    ['"x""y",z', ['x"y', 'z']],
    ['"a\nb",c', ['a\nb', 'c']],
    ['"a",', ['a', '']],
    ['a,""', ['a', '']],
    ['"",""', ['', '']]
  ])('%j', (line, fields) => {
    expect(splitFields(line, ',')).toEqual(fields)
  })

  it.each(['a,5" disk,c', 'a,"b"x,c', 'a, "b",c', '"open,c', '"x" ,y'])(
    'refuses %j with a reason',
    (line) => {
      expect(splitFields(line, ',')).toEqual({
        error: expect.stringMatching(/^valid CSV quoting \(/)
      })
    }
  )

  it('agrees with csv-parse on random quoted records', () => {
    const piece = fc.constantFrom('a', '1', ' ', '"', '""', ',', '\t', ';', 'x y')
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }),
        fc.constantFrom(',', '\t', ';'),
        (parts, delimiter) => {
          const line = parts.join('')
          if (!line.includes('"')) return
          const expected = csvParse(line, delimiter)
          const got = splitFields(line, delimiter)
          if (expected === 'error') expect(got).toHaveProperty('error')
          else expect(got).toEqual(expected)
        }
      ),
      { numRuns: 3000 }
    )
  })
})

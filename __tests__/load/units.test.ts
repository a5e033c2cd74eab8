import fc from 'fast-check'
import { parseNumber, parsePercent, parseSize } from '../../src/understand/units.js'

/** Go's `%.<p>g`: JS toPrecision, trailing zeros dropped, exponents written `e+03`. */
function goG(value: number, precision: number): string {
  const text = value.toPrecision(precision)
  if (!text.includes('e')) return String(Number(text))
  const [mantissa, exponent] = text.split('e')
  const sign = exponent.startsWith('-') ? '-' : '+'
  return `${String(Number(mantissa))}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`
}

/** docker's go-units BytesSize: `%.4g` with binary units (FORMATS §1.2). */
function dockerBytesSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let size = bytes
  let i = 0
  while (size >= 1024 && i < units.length - 1) {
    size /= 1024
    i++
  }
  return `${goG(size, 4)}${units[i]}`
}

/** go-units HumanSizeWithPrecision(size, 3): `%.3g` with decimal units (NET/BLOCK I/O). */
function dockerHumanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let size = bytes
  let i = 0
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000
    i++
  }
  return `${goG(size, 3)}${units[i]}`
}

describe('parseSize', () => {
  it.each([
    ['5.629MiB', 5902434],
    ['293.7MiB', 307966771],
    ['88.18 MB', 88180000],
    ['1e+03kB', 1000000],
    ['1e+03MB', 1000000000],
    ['796 KB', 796000],
    ['0B', 0],
    ['0.31B', 0],
    ['12.3B', 12],
    ['196KiB', 200704],
    ['1.952GiB', 2095944040],
    ['7.654GiB', 8218419921],
    ['1024MiB', 1073741824],
    ['1TiB', 1099511627776],
    ['1TB', 1e12],
    ['2GB', 2e9],
    ['38.21 MiB', 40066089],
    ['4096', 4096],
    ['  12 kB ', 12000],
    ['1mib', 1048576],
    ['2k', 2048]
  ])('%s → %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })

  it.each([
    '',
    'MiB',
    'abc',
    '5 parsecs',
    '1.2.3MiB',
    '-5MiB',
    '5MiBs',
    '5 M B',
    '1e+kB',
    'NaN',
    '12%'
  ])('rejects %j', (text) => {
    expect(parseSize(text)).toBeUndefined()
  })

  it("parses back docker's %.4g binary memory sizes within rounding", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 44 }), (bytes) => {
        const parsed = parseSize(dockerBytesSize(bytes))!
        expect(Math.abs(parsed - bytes)).toBeLessThanOrEqual(bytes * 5e-4 + 1)
      })
    )
  })

  it("parses back docker's %.3g decimal I/O sizes, 1e+03 exponents included", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (bytes) => {
        const parsed = parseSize(dockerHumanSize(bytes))!
        expect(Math.abs(parsed - bytes)).toBeLessThanOrEqual(bytes * 5e-3 + 1)
      })
    )
    expect(dockerHumanSize(999_600)).toBe('1e+03kB')
  })

  it('accepts an optional space and both cases of the decimal k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('', ' '),
        fc.constantFrom('kB', 'KB'),
        (n, space, unit) => {
          expect(parseSize(`${n}${space}${unit}`)).toBe(n * 1000)
        }
      )
    )
  })
})

describe('parsePercent', () => {
  it.each([
    ['12.5%', 12.5],
    ['0.00%', 0],
    ['100.47%', 100.47],
    [' 3 % ', 3]
  ])('%s → %d', (text, value) => {
    expect(parsePercent(text)).toBe(value)
  })
  it.each(['12.5', '%', 'abc%'])('rejects %j', (text) => {
    expect(parsePercent(text)).toBeUndefined()
  })
})

describe('parseNumber', () => {
  it.each([
    ['42', 42],
    ['-1.5', -1.5],
    ['1e+03', 1000],
    ['2.1131264e+07', 21131264],
    ['9.2140544E7', 92140544],
    ['.5', 0.5]
  ])('%s → %d', (text, value) => {
    expect(parseNumber(text)).toBe(value)
  })

  it.each(['', ' ', '0x10', 'Infinity', 'NaN', '1_000', '12abc'])(
    'rejects %j without special values',
    (text) => {
      expect(parseNumber(text)).toBeUndefined()
    }
  )

  it.each([
    ['NaN', NaN],
    ['Nan', NaN],
    ['nan', NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['+inf', Infinity]
  ])('%s is allowed where the caller allows special values', (text, value) => {
    expect(parseNumber(text, { special: true })).toBe(value)
  })

  it('round-trips any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(parseNumber(String(value))).toBe(value === 0 ? 0 : value)
      })
    )
  })
})

/**
 * JSON lines of one flat shape are read without JSON.parse (from the file's
 * bytes, or from the line's text): the results must be exactly those of
 * JSON.parse on every line, errors and their lines included, on random and
 * adversarial input.
 */
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLines } from '../../src/io/read-lines.js'
import { loadJsonl } from '../../src/load/jsonl.js'
import { splitText, toAsync } from '../../src/load/lines.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('jsonl-fast-path')
let fileCount = 0

/** Loads bytes with the fast paths on (file: byte walker; lines: text) and off. */
async function allWays(bytes: Buffer, chunkSize: number) {
  const file = 'memory.jsonl'
  const path = join(dir, `case-${fileCount++}.jsonl`)
  writeFileSync(path, bytes)
  const request = { file, format: 'jsonl' as const, spec: { file } }
  const read = () => readLines(path, { displayName: file, chunkSize })
  const general = await loadJsonl(read(), request, false, false)
  const fromBytes = await loadJsonl(read(), request, false, true)
  const fromText = await loadJsonl(toAsync(splitText(bytes.toString('utf8'))), request, false, true)
  const fromTextGeneral = await loadJsonl(
    toAsync(splitText(bytes.toString('utf8'))),
    request,
    false,
    false
  )
  return { general, fromBytes, fromText, fromTextGeneral }
}

const keyPool = [
  'time',
  'rss',
  'heapUsed',
  'external',
  'level',
  '1',
  '__proto__',
  'a"b',
  'é',
  'mem',
  'x y'
]
const value = fc.oneof(
  { weight: 6, arbitrary: fc.nat(2 ** 40).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0',
      '-0',
      '-12',
      '1.5e3',
      '1E+2',
      '2.50',
      '1234567890123456',
      '99999999999999999999',
      '90729234602558198',
      '1e309',
      '-1e309',
      '01',
      '1.',
      '.5',
      '+1',
      '-',
      '0x10',
      'NaN',
      'null',
      'true',
      'false',
      '"12MiB"',
      '"12 %"',
      '"abc"',
      '""',
      '"a\\"b"',
      '"\\u0031"',
      '"caf\u00e9"',
      '"tab\there"',
      '{}',
      '{"rss":1}',
      '[1,2]',
      '"2026-11-25T04:40:00.000Z"',
      '"2026-11-25T04:40:00.250Z"',
      '"yesterday"',
      '1 2',
      ''
    )
  }
)
const blank = fc.constantFrom('', '', ' ', '\t', '\r')
const objectLine = (keys: string[]) =>
  fc
    .tuple(fc.array(value, { minLength: keys.length, maxLength: keys.length }), blank, blank, blank)
    .map(
      ([values, a, b, c]) =>
        `${a}{${keys.map((key, i) => `${JSON.stringify(key)}${b}:${c}${values[i]}`).join(`,${b}`)}}${a}`
    )

describe('JSON lines fast paths', () => {
  it('give what JSON.parse gives on lines of one shape with odd values, keys and blanks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...keyPool), { minLength: 1, maxLength: 5 }),
        fc.uniqueArray(fc.constantFrom(...keyPool), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 24, max: 300 }),
        fc.boolean(),
        async (keys, otherKeys, chunkSize, crlf) => {
          const lines = fc.sample(
            fc.oneof(
              { weight: 8, arbitrary: objectLine(keys) },
              { weight: 2, arbitrary: objectLine(otherKeys) },
              {
                weight: 1,
                arbitrary: fc.constantFrom('', '   ', 'not json', '{"rss":1,"rss":2}', '[1]', '{')
              }
            ),
            { numRuns: 30 }
          )
          const text = lines.join(crlf ? '\r\n' : '\n') + '\n'
          const { general, fromBytes, fromText, fromTextGeneral } = await allWays(
            Buffer.from(text),
            chunkSize
          )
          expect(fromBytes).toEqual(general)
          expect(fromText).toEqual(fromTextGeneral)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('gives what JSON.parse gives around bytes that are not UTF-8 and a BOM', async () => {
    const line = (rss: string, time = '2026-11-25T04:40:00.000Z') =>
      `{"time":"${time}","rss":${rss}}\n`
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(line('1') + line('2', '2026-11-25T04:40:01.000Z')),
      Buffer.from('{"time":"2026-11-25T04:40:02.000Z","rss":3,"note":"'),
      Buffer.from([0xff]),
      Buffer.from(
        '"}\n' + line('4', '2026-11-25T04:40:03.000Z') + line('1e309', '2026-11-25T04:40:04.000Z')
      ),
      Buffer.from(line('5', 'late')),
      Buffer.from(line('6', '2026-11-25T04:40:06.000Z'))
    ])
    const { general, fromBytes } = await allWays(bytes, 64)
    expect(fromBytes).toEqual(general)
    expect(general.errors.map((error) => error.line)).toEqual([5, 6])
    expect(general.series.find((s) => s.metric === 'rss')?.value).toEqual([1, 2, 3, 4, 6])
  })

  it('reads a time that is true, false or an object as a bad time, not a crash', async () => {
    for (const first of ['true', 'false', '{}', '[1]']) {
      const text = `{"time":${first},"rss":1}\n{"time":1764045600000,"rss":2}\n{"time":true,"rss":3}\n`
      const { general, fromBytes } = await allWays(Buffer.from(text), 1 << 16)
      expect(fromBytes).toEqual(general)
      expect(general.errors.map((error) => [error.line, error.column])).toContainEqual([3, 'time'])
    }
  })

  it('reads an epoch time past any date as a bad time at its line, not a crash (found by the property above)', async () => {
    const text = '{"time":1e300,"rss":1}\n{"time":1e300,"rss":2}\n'
    const { general, fromBytes } = await allWays(Buffer.from(text), 1 << 16)
    expect(fromBytes).toEqual(general)
    expect(general.errors.map((error) => [error.line, error.column])).toEqual([
      [1, 'time'],
      [2, 'time']
    ])
  })
})

/**
 * The log loader matches its pattern over whole read batches (several per
 * budgeted call): it must give what line-by-line reading gives, whatever the
 * chunk size, and a pattern that runs out of time must name the lines of the
 * call it was stopped in.
 */
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('log-batches')
let fileCount = 0
const PATTERN = 'stats live=(?<live>\\d+) rss=(?<rss>\\S+)'

async function viaFileAndLines(
  text: string,
  chunkSize: number,
  pattern = PATTERN,
  budget?: number
) {
  const file = 'app.log'
  const path = join(dir, `case-${fileCount++}.log`)
  writeFileSync(path, text)
  const request = { file, format: 'log' as const, spec: { file, pattern }, patternBudgetMs: budget }
  const fromFile = await loadSeries(readLines(path, { displayName: file, chunkSize }), request)
  const fromLines = await loadSeries(toAsync(splitText(text)), request)
  return { fromFile, fromLines }
}

describe('log loader over read batches', () => {
  it('reads the same series, rows, errors and notes from a file in any chunk size as from lines', async () => {
    const line = fc.oneof(
      fc.constant('noise INFO worker processed message'),
      fc.constant(''),
      fc.constant('\r'),
      fc.nat(5000).map((n) => `stats live=${n} rss=${n * 1024}`),
      fc.nat(5000).map((n) => `stats live=${n} rss=${n}MiB`),
      fc.constant('stats live=12 rss=bad'),
      fc.constant('stats live=12 rss=1e309')
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 16, max: 512 }),
        fc.boolean(),
        async (lines, chunkSize, finalNewline) => {
          const text = lines.join('\n') + (finalNewline ? '\n' : '')
          const { fromFile, fromLines } = await viaFileAndLines(text, chunkSize)
          expect(fromFile).toEqual(fromLines)
        }
      ),
      { numRuns: 60 }
    )
  })

  it('numbers the rows of a file longer than one budgeted call by their own lines', async () => {
    // 70,000 lines: more than one call's 65,536 lines, and many 64 KiB chunks
    const lines: string[] = []
    for (let i = 1; i <= 70000; i++) lines.push(i % 7 === 0 ? `stats live=${i} rss=${i}` : 'noise')
    lines[69999] = 'stats live=1 rss=oops'
    const { fromFile, fromLines } = await viaFileAndLines(lines.join('\n') + '\n', 64 * 1024)
    expect(fromFile).toEqual(fromLines)
    expect(fromFile.series.find((s) => s.metric === 'live')?.samples).toBe(10000)
    expect(fromFile.errors.map((e) => e.line)).toEqual([70000])
  })

  it('stops a pattern that backtracks past its budget and names the lines of that call', async () => {
    const text = ['rss=1', 'a'.repeat(40), 'rss=2'].join('\n') + '\n'
    const { fromFile } = await viaFileAndLines(text, 1 << 20, '^(?<rss>(a+)+)b|rss=(?<x>\\d+)', 50)
    expect(fromFile.series).toEqual([])
    expect(fromFile.errors).toHaveLength(1)
    expect(fromFile.errors[0].message).toContain('it ran over 0.05 s on lines 1-3 and was stopped')
  })
})

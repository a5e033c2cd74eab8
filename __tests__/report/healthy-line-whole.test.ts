/**
 * A healthy line a reader can read to its end. The real run of examples/cache-fill saved twice in
 * one file (two runs appended, a 1 GiB container limit): the container's line joins its creep,
 * its limit and the heap that accounts for it. Its limit clause once began "run 1] reaches its…"
 * (the series' name cut at its first space) and the PR comment cut the line mid-word at 600
 * characters.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { cutAtClause, HEALTHY_LINE_MAX } from '../../src/report/escape.js'
import { renderHtml, renderText } from '../../src/report/index.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const example = 'examples/cache-fill/artifacts'
const NOW = new Date('2026-12-06T00:00:00Z')

afterAll(removeTempDirs)

let report: Report

beforeAll(async () => {
  const dir = makeTempDir('healthy-line')
  mkdirSync(dir, { recursive: true })
  for (const file of ['memory.csv', 'docker_stats.csv']) {
    const [header, ...rows] = readFileSync(join(example, file), 'utf8').trim().split('\n')
    // an earlier run (two hours before) saved after the later one
    const earlier = rows.map((row) => {
      const [time, ...rest] = row.split(',')
      return [new Date(Date.parse(time) - 2 * 3600_000).toISOString(), ...rest].join(',')
    })
    writeFileSync(join(dir, file), [header, ...rows, ...earlier].join('\n') + '\n')
  }
  const config = readFileSync(join(example, 'leak-gate.yml'), 'utf8').replace(
    /^snapshots:[\s\S]*$/m,
    ''
  )
  writeFileSync(join(dir, 'leak-gate.yml'), config)
  report = await runPipeline({ root: dir, workspace: dir, now: NOW })
})

/** The container's healthy line of `run`. */
const container = (run: number): string =>
  report.healthy.find((line) => line.startsWith(`MemUsage[cache-fill-web-1 run ${run}]: `))!

describe('the healthy line of a grouped appended series', () => {
  it('names the series whole in its limit clause', () => {
    expect(report.verdict).toBe('pass')
    for (const run of [1, 2]) {
      const line = container(run)
      expect(line).toMatch(/; reaches its 1 GiB limit in .* within the 24 h horizon; but heapTotal/)
      expect(line).not.toMatch(/run \d\] reaches/)
    }
  })

  it('is shown whole in the PR comment, the terminal and the HTML report', () => {
    const line = container(1)
    expect(line.length).toBeGreaterThan(600)
    expect(line.length).toBeLessThanOrEqual(HEALTHY_LINE_MAX)
    // Markdown escapes brackets and `<`; the end of the line is there, not cut
    const markdown = renderMarkdown(report)
    const shown = markdown
      .split('\n')
      .find((l) => l.startsWith('- ✅ MemUsage\\[cache-fill-web-1 run 1\\]'))
    expect(shown).toBeDefined()
    expect(shown!.endsWith('…')).toBe(false)
    expect(shown).toContain(line.slice(-40).replace(/[[\]]/g, '\\$&'))
    expect(renderText(report, { color: false })).toContain(line)
    expect(renderHtml(report)).toContain(line.slice(-40))
  })
})

describe('cutAtClause', () => {
  it('keeps a line within the limit as it is', () => {
    expect(cutAtClause('a; b', 10)).toBe('a; b')
  })

  it('cuts a longer line between clauses, never mid-word', () => {
    const line = `${'first clause '.repeat(4).trim()}; ${'second clause '.repeat(4).trim()}; third`
    const cut = cutAtClause(line, line.length - 2)
    expect(cut).toBe(`${line.slice(0, line.lastIndexOf('; '))}; …`)
    expect(cut.length).toBeLessThanOrEqual(line.length - 2)
  })

  it('cuts mid-text only when no clause ends within reach', () => {
    expect(cutAtClause('abcdefghij; k', 8)).toBe('abcdefg…')
  })
})

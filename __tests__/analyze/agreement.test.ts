/**
 * The agreement of one process's metrics: a slow leak under a tall GC
 * sawtooth in a short run (examples/sawtooth-leak-25: 25 B kept per request,
 * 5 minutes at 500 req/s) leaves heapUsed's floor only suggestive (p = 0.06
 * on 8 floor windows), while RSS of the same process rises significantly by
 * more over the same window and keeps its pace. The two agree: a leak. The
 * same heap beside an RSS that does not rise is judged on its own (no fail).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { runEdited } from '../helpers/edited-run.js'

const example = 'examples/sawtooth-leak-25/artifacts'
const now = new Date('2026-11-25T00:00:00Z')

/** Sets a memory.csv column to its first value on every row (a process whose RSS never moved). */
function flattenColumn(dir: string, column: string): void {
  const rows = readFileSync(join(dir, 'memory.csv'), 'utf8').trim().split('\n')
  const at = rows[0].split(',').indexOf(column)
  const first = rows[1].split(',')[at]
  const out = rows.map((row, i) => {
    if (i === 0) return row
    const cells = row.split(',')
    cells[at] = first
    return cells.join(',')
  })
  writeFileSync(join(dir, 'memory.csv'), out.join('\n') + '\n')
}

/** Drops the docker stats series (the file and its config entry). */
function dropContainer(dir: string): void {
  rmSync(join(dir, 'docker_stats.csv'))
  const yml = readFileSync(join(dir, 'leak-gate.yml'), 'utf8').split('\n')
  const start = yml.findIndex((line) => line.includes('file: docker_stats.csv'))
  const end = yml.findIndex((line, i) => i > start && line.startsWith('snapshots:'))
  writeFileSync(join(dir, 'leak-gate.yml'), [...yml.slice(0, start), ...yml.slice(end)].join('\n'))
}

describe('a heap floor confirmed by the same process’s RSS', () => {
  it('fails rising-floor on a floor only suggestive on its own, saying which metric agreed', async () => {
    const report = await runPipeline({ root: example, workspace: example, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const floor = report.findings.find(
      (f) => f.signature === 'rising-floor' && f.metric === 'heapUsed'
    )
    expect(floor).toBeDefined()
    expect(floor!.level).toBe('fail')
    // On its own the floor is not significant; the agreement is what decided.
    expect(floor!.evidence.pValue as number).toBeGreaterThanOrEqual(0.01)
    expect(floor!.evidence.pValue as number).toBeLessThan(0.1)
    expect(['rss', 'MemUsage[sawtooth-slow-leak-web-1]']).toContain(floor!.evidence.agreedBy)
    expect(floor!.evidence.agreedPValue as number).toBeLessThan(0.01)
    expect(floor!.evidence.agreedRise as number).toBeGreaterThan(
      0.5 * (floor!.evidence.growth as number)
    )
    expect(floor!.message).toMatch(
      /p = 0\.0\d is only suggestive on its own, but (rss|MemUsage\S*) of the same process rises \+[\d.]+ MiB over the same window \(p = 0\.00\d\) and keeps its pace to the end/
    )
    // The fall RSS and the container share is one event: the runtime handed memory back (the
    // service's work counter counts on through it), not a restart the container alone would claim.
    for (const f of report.findings.filter((f) => f.evidence.basis === 'segments')) {
      expect(f.evidence.restart).toBe(false)
      expect(f.message).toMatch(/memory handed back at once: the runtime shrank its heap/)
      expect(f.message).not.toMatch(/a restart/)
    }
    // The headline cites the floor's test and the metric that agreed, not the mean's (p = 0.17).
    const row = report.presentation!.leaks[0]
    expect(row.growth!.pValue!).toBeCloseTo(floor!.evidence.pValue as number, 3)
    expect(row.sentence).toMatch(
      /heapUsed grows .*p = 0\.0\d; (rss|MemUsage) of the same process rises with it, p = 0\.00\d/
    )
    // A one-reading dip in RSS and its return are no step that could excuse the heap's climb.
    expect(report.healthy.join('\n')).not.toMatch(/its rise is one step/)
  })

  it('judges the same heap on its own when the process’s RSS did not rise (no fail)', async () => {
    const report = await runEdited(
      example,
      (dir) => {
        flattenColumn(dir, 'rss')
        dropContainer(dir)
      },
      now
    )
    expect(report.errors).toEqual([])
    expect(report.verdict).not.toBe('fail')
    expect(
      report.findings.some((f) => f.metric === 'heapUsed' && f.evidence.agreedBy !== undefined)
    ).toBe(false)
  })
})

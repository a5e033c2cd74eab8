/**
 * A config that lists rss but not heapTotal still lets the reserved heap vouch for RSS: under a
 * ramping load V8 sizes its heap to the allocation rate and RSS follows it. The column is read as
 * a witness only: never judged, listed in the metrics or counted among the inputs' series.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runPipeline } from '../../src/pipeline.js'

const data = 'examples/ramp-heap-regrowth/artifacts'
const configPath = path.resolve('__fixtures__/pipeline/reserved-heap-witness/leak-gate.yml')
const now = new Date('2026-11-25T00:00:00Z')

describe('the reserved heap as a witness the config did not list', () => {
  it('passes a heap regrowing with a ramp, and reports no heapTotal', async () => {
    const report = await runPipeline({ root: data, workspace: '.', configPath, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(/rss: .*heapTotal \(the heap the runtime reserved\)/)
    expect(report.metrics.map((m) => m.metric)).not.toContain('heapTotal')
    const input = report.inputs.find((i) => i.file === 'memory.csv')
    expect([...(input?.series ?? [])].sort()).toEqual([
      'memory.csv:external',
      'memory.csv:heapUsed',
      'memory.csv:rss'
    ])
  })

  it('fails the same samples without a heapTotal column: RSS reads as memory outside the heap', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-witness-'))
    try {
      const rows = fs.readFileSync(path.join(data, 'memory.csv'), 'utf8').trimEnd().split('\n')
      const drop = rows[0].split(',').indexOf('heapTotal')
      expect(drop).toBeGreaterThan(0)
      const without = rows.map((row) =>
        row
          .split(',')
          .filter((_, i) => i !== drop)
          .join(',')
      )
      fs.writeFileSync(path.join(dir, 'memory.csv'), `${without.join('\n')}\n`)
      fs.copyFileSync(configPath, path.join(dir, 'leak-gate.yml'))
      const report = await runPipeline({ root: dir, workspace: dir, now })
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('fail')
      expect(report.findings.some((f) => f.metric === 'rss' && f.level === 'fail')).toBe(true)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

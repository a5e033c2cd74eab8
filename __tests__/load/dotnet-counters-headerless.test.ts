/**
 * dotnet-counters CSV rows pasted without their header line are read under the
 * header dotnet-counters writes, every row keeping its own line number; a
 * paste's `...` between rows is skipped. Fixture: our own rows
 * (__fixtures__/pipeline/dotnet-counters-headerless/leak: Working Set +3 MB a
 * second, the GC heap flat, a `...` after the 20th interval).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SeriesAnalysis } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const fixture = '__fixtures__/pipeline/dotnet-counters-headerless/leak'
const now = new Date('2026-12-06T00:00:00Z')
const run = (root: string) => runPipeline({ root, workspace: root, now })

describe('dotnet-counters rows without their header', () => {
  it('are one series per counter as with the header: the growing working set fails, the flat heap passes', async () => {
    const report = await run(fixture)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const failing = new Set(report.findings.filter((f) => f.level === 'fail').map((f) => f.metric))
    expect(failing).toEqual(new Set(['Working Set (MB)']))
    // GC Heap Size is the managed heap in use: the working set is judged beside a live heap
    expect(report.notes.join('\n')).not.toMatch(/allocator holds alone/)
    const heap = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'GC Heap Size (MB)'
    )!
    // 40 intervals, the `...` line skipped; (MB) is 10^6 bytes
    expect(heap.samples).toBe(40)
    expect(heap.firstValue).toBe(
      Number(
        /GC Heap Size \(MB\),Metric,(\d+)/.exec(
          readFileSync(join(fixture, 'counters.csv'), 'utf8')
        )![1]
      ) * 1e6
    )
  })

  it('a bad value is an error at its own line of the file (the header read is no line of it)', async () => {
    const dir = makeTempDir('counters-headerless')
    const lines = readFileSync(join(fixture, 'counters.csv'), 'utf8').split('\n')
    const at = lines.findIndex((line, i) => i > 30 && line.includes('Working Set (MB)'))
    lines[at] = lines[at].replace(/,(\d+)$/, ',4l2')
    writeFileSync(join(dir, 'counters.csv'), lines.join('\n'))
    const report = await run(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`counters\\.csv:${at + 1}: .*found "4l2"`))
    ])
  })

  it('a bad value in the first rows is an error at its line too, not an unrecognised file', async () => {
    const dir = makeTempDir('counters-headerless')
    const lines = readFileSync(join(fixture, 'counters.csv'), 'utf8').split('\n')
    const at = lines.findIndex((line) => line.includes('Working Set (MB)'))
    expect(at).toBeLessThan(8)
    lines[at] = lines[at].replace(/,(\d+)$/, ',4l2')
    writeFileSync(join(dir, 'counters.csv'), lines.join('\n'))
    const report = await run(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`counters\\.csv:${at + 1}: .*found "4l2"`))
    ])
  })
})

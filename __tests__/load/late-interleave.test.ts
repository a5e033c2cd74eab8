/**
 * Processes that begin to alternate in one file only after the rows read to plan it (a worker
 * pool that grew mid-run): the pid column's values come back, so the file is read again grouped
 * by it, one series per process, as when the head shows them. A pid that changes for good stays a
 * restart of one series.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const t0 = 1_700_000_000
/** pid 100 alone for 300 s, then pid 200 (growing 60 KiB a second) written in turn with it. */
function rows(): Array<{ time: number; pid: number; rss_kb: number }> {
  const out = []
  for (let i = 0; i < 300; i++) out.push({ time: t0 + i, pid: 100, rss_kb: 100_000 + (i % 7) * 10 })
  for (let j = 0; j < 300; j++) {
    out.push({ time: t0 + 300 + j, pid: 100, rss_kb: 100_000 + (j % 7) * 10 })
    out.push({ time: t0 + 300 + j, pid: 200, rss_kb: 50_000 + j * 60 })
  }
  return out
}

async function judge(file: string, text: string): Promise<Report> {
  const dir = makeTempDir('late-interleave')
  writeFileSync(join(dir, file), text)
  return runPipeline({ root: dir, workspace: dir, now: new Date('2026-12-07T12:00:00Z') })
}

describe('processes that interleave after the head', () => {
  it.each([
    [
      'ps.csv',
      `time,pid,rss_kb\n${rows()
        .map((r) => `${r.time},${r.pid},${r.rss_kb}`)
        .join('\n')}\n`
    ],
    [
      'ps.jsonl',
      `${rows()
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`
    ]
  ])('%s: one series per pid, the growing one fails', async (file, text) => {
    const report = await judge(file, text)
    expect(report.errors).toEqual([])
    const series = report.metrics.filter((m) => m.kind === 'series')
    expect(series.map((m) => m.group).sort()).toEqual(['100', '200'])
    expect(report.verdict).toBe('fail')
    // only the process that grows fails
    expect(new Set(report.findings.filter((f) => f.level === 'fail').map((f) => f.metric))).toEqual(
      new Set(['rss_kb[200]'])
    )
    expect(report.inputs[0].note).toMatch(
      /"pid" takes values that interleave \(100, 200\): several processes sampled side by side, one series per pid.*200 only from/
    )
  })

  it('a pid that changes for good stays one series, its restart said', async () => {
    const lines = ['time,pid,rss_kb']
    for (let i = 0; i < 600; i++)
      lines.push(`${t0 + i},${i < 400 ? 100 : 200},${100_000 + (i % 7) * 10}`)
    const report = await judge('ps.csv', `${lines.join('\n')}\n`)
    expect(report.metrics.filter((m) => m.kind === 'series')).toHaveLength(1)
    expect(report.inputs[0].note).toMatch(/a new pid once \("pid" 100 → 200.*\): a restart/)
  })
})

/**
 * getrusage's `maxrss` written beside `rss` (a Python loop's `resource.getrusage().ru_maxrss`):
 * a peak never falls, so a sawtooth whose peaks grow taller over a flat floor (GC pacing)
 * would read as a rising floor. Such a column is not judged unasked; `rss` decides.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(removeTempDirs)

/** 20 min every 5 s: a floor at 200 MiB, a sawtooth every minute whose peak grows 0.15 MiB a reading. */
function sawtoothCsv(): string {
  const MiB = 2 ** 20
  const start = Date.parse('2026-12-06T09:00:00Z')
  const rows = ['timestamp,rss,maxrss']
  let peak = 0
  for (let i = 0; i < 240; i++) {
    const top = 20 + i * 0.15
    const rss = Math.round((200 + (top * (i % 12)) / 11) * MiB)
    peak = Math.max(peak, rss)
    rows.push(`${new Date(start + i * 5000).toISOString()},${rss},${peak}`)
  }
  return `${rows.join('\n')}\n`
}

describe('a peak column beside the resident size', () => {
  it('maxrss is not judged unasked: taller peaks over a flat floor pass', async () => {
    const dir = makeTempDir('maxrss-beside-rss')
    writeFileSync(join(dir, 'memory.csv'), sawtoothCsv())
    const report = await runPipeline({
      root: dir,
      workspace: dir,
      now: new Date('2026-12-07T00:00:00Z')
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.metrics.map((m) => m.metric)).toEqual(['rss'])
  })
})

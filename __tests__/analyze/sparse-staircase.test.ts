/**
 * A leak sampled sparsely (every 4–8 s, 12–17 samples): the live heap's
 * sawtooth sampled in phase reads as a staircase whose bucket means cannot
 * tell a trend, and beside it RSS and heapTotal grow. The fixtures are
 * recorded runs of examples/map-leak (1 KiB per request over 60 s, 4 KiB per
 * request over 90 s), every 4th sample kept, with the snapshots taken after
 * forced collections before and after the load.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const fixtures = '__fixtures__/pipeline/sparse-staircase'
const now = new Date('2026-11-25T00:00:00Z')
const run = (root: string): Promise<Report> => runPipeline({ root, workspace: root, now })

describe('a live heap sampled sparsely', () => {
  it('does not vouch for RSS when every sample and the forced collection say it kept its climb', async () => {
    const report = await run(`${fixtures}/map-1k`)
    expect(report.verdict).toBe('fail')
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level).toBe('fail')
    expect(rss?.message).toMatch(/the live heap does not vouch for it: heapUsed .*all 13 samples/)
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(retained?.level).toBe('fail')
    expect(retained?.message).not.toMatch(/flat in its steady part/)
  })

  it('is not called a filled cache when the forced collection kept what it rose', async () => {
    const report = await run(`${fixtures}/map-4k`)
    expect(report.verdict).toBe('fail')
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(retained?.level).toBe('fail')
    expect(retained?.message).toMatch(/forced collection before the post-test snapshot .* kept/)
  })

  it('still vouches when the forced collection freed the climb (garbage, not held)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lg-sparse-'))
    for (const f of ['memory.csv', 'baseline.json'])
      copyFileSync(`${fixtures}/map-1k/${f}`, join(root, f))
    const post = JSON.parse(readFileSync(`${fixtures}/map-1k/post-test.json`, 'utf8'))
    // the same run, had the forced collection brought heapUsed back to its baseline
    const baseline = JSON.parse(readFileSync(`${fixtures}/map-1k/baseline.json`, 'utf8'))
    writeFileSync(
      join(root, 'post-test.json'),
      JSON.stringify({ ...post, heapUsed: baseline.heapUsed })
    )
    const report = await run(root)
    const rss = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(rss?.level ?? 'pass').not.toBe('fail')
    expect(report.findings.some((f) => /does not vouch/.test(f.message))).toBe(false)
  })
})

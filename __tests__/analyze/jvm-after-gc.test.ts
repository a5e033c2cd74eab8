/**
 * A JVM's used heap, sampled between G1's pauses, judged through the heap
 * right after each collection of the same process (`heap_after_gc_bytes`,
 * from the collectors' notifications). Fixtures are recorded runs of
 * examples/jvm-worker (OpenJDK 17, -Xmx256m, 14,286 units in 60 s, sampled
 * every second): memory.csv and the snapshots after System.gc().
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'

const fixtures = '__fixtures__/pipeline/jvm-after-gc'
const now = new Date('2026-11-25T00:00:00Z')
const run = (root: string) => runPipeline({ root, workspace: root, now })

/** The fixture without the heap-after-collection column (and its config line): the rule's input gone. */
function withoutAfterGc(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jvm-after-gc-'))
  for (const file of ['baseline.json', 'post-test.json'])
    copyFileSync(join(fixtures, name, file), join(dir, file))
  const rows = readFileSync(join(fixtures, name, 'memory.csv'), 'utf8')
    .trimEnd()
    .split('\n')
  const column = rows[0].split(',').indexOf('heap_after_gc_bytes')
  expect(column).toBeGreaterThan(0)
  const kept = rows.map((row) =>
    row
      .split(',')
      .filter((_, i) => i !== column)
      .join(',')
  )
  writeFileSync(join(dir, 'memory.csv'), `${kept.join('\n')}\n`)
  const config = readFileSync(join(fixtures, name, 'leak-gate.yml'), 'utf8')
  writeFileSync(
    join(dir, 'leak-gate.yml'),
    config.replace(/^ *heap_after_gc_bytes: memory.*\n/m, '')
  )
  return dir
}

describe('a JVM used heap beside its heap after each collection', () => {
  it('a 12 MiB table built at half the run: the used heap climbs as G1 grows its heap, no failure', async () => {
    const report = await run(join(fixtures, 'table-once'))
    expect(report.errors).toEqual([])
    expect(report.verdict).not.toBe('fail')
    expect(report.findings.filter((f) => f.metric === 'heap_used_bytes')).toEqual([])
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(
      /heap_after_gc_bytes: steady part stepped \+16\.9 MiB once, 32 s into the run .*a level shift/
    )
    expect(healthy).toMatch(
      /heap_used_bytes: grows: .*but heap_after_gc_bytes \(the heap right after each collection, same process\) does not grow: the rise is garbage between collections/
    )
    // what the forced collection kept arrived in the after-collection heap's one step
    expect(healthy).toMatch(
      /heap_used_bytes: \+15\.8 MiB \(\+307%\) after load .*arrived in one step of \+16\.9 MiB and flat at the end of the run \(memory\.csv, heap_after_gc_bytes\)/
    )
  })

  it('the same run without the heap after each collection fails on the used heap', async () => {
    const dir = withoutAfterGc('table-once')
    try {
      const report = await run(dir)
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('fail')
      expect(
        report.findings.some((f) => f.metric === 'heap_used_bytes' && f.level === 'fail')
      ).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a cache filling over half the run: what the forced collection kept arrived while filling', async () => {
    const report = await run(join(fixtures, 'cache-fill'))
    expect(report.errors).toEqual([])
    // RSS climbs while G1 commits pages for the cache: a warning, never a failure
    expect(report.findings.map((f) => `${f.level} ${f.metric}`)).toEqual(['warn rss_bytes'])
    expect(report.healthy.join('\n')).toMatch(
      /heap_used_bytes: \+8\.78 MiB \(\+80\.1%\) after load .*arrived while filling, then levelled off and flat at the end of the run \(memory\.csv, heap_after_gc_bytes\)/
    )
  })

  it('a slow leak (256 B kept per unit) still fails, on the heap after each collection', async () => {
    const report = await run(join(fixtures, 'slow-leak'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(
      report.findings.some(
        (f) =>
          f.metric === 'heap_after_gc_bytes' &&
          f.signature === 'sustained-growth' &&
          f.level === 'fail'
      )
    ).toBe(true)
    expect(report.presentation?.headline.sentence).toMatch(
      /^memory\.csv: heap_after_gc_bytes grows/
    )
  })

  it('zero-config compares the snapshots by their names with the unit (rss_bytes, heap_used_bytes)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jvm-zero-'))
    try {
      for (const file of ['memory.csv', 'baseline.json', 'post-test.json'])
        copyFileSync(join(fixtures, 'cache-fill', file), join(dir, file))
      const report = await run(dir)
      expect(report.errors).toEqual([])
      const compared = report.metrics
        .filter((m) => m.kind === 'snapshot')
        .map((m) => m.metric)
        .sort()
      expect(compared).toEqual(expect.arrayContaining(['heap_used_bytes', 'rss_bytes']))
      // bytes the name does not call memory are left to snapshots.metrics
      expect(compared).not.toContain('direct_used_bytes')
      // rss_bytes' own series warns: its snapshot is not listed as healthy, heap_used_bytes' is
      const lines = report.healthy.filter((line) => / after load | \(\d[\d.]* MiB → /.test(line))
      expect(lines.some((line) => line.startsWith('heap_used_bytes: '))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

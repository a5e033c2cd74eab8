/**
 * A JVM's used heap, sampled between G1's pauses, judged through the heap
 * right after each collection of the same process (`heap_after_gc_bytes`,
 * from the collectors' notifications). Fixtures are recorded runs of
 * examples/jvm-worker (OpenJDK 17, -Xmx256m, 14,286 units in 60 s, sampled
 * every second, unless a test says otherwise): memory.csv and the snapshots
 * after System.gc().
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { groupLeaks } from '../../src/analyze/leak-rows.js'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { withoutColumn } from '../helpers/edited-run.js'
import { removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const fixtures = '__fixtures__/pipeline/jvm-after-gc'
const now = new Date('2026-11-25T00:00:00Z')
const run = (root: string) => runPipeline({ root, workspace: root, now })
/** Whether sustained-growth fails on the heap read after each collection. */
const failsOnAfterGc = (report: Report): boolean =>
  report.findings.some(
    (f) =>
      f.metric === 'heap_after_gc_bytes' && f.signature === 'sustained-growth' && f.level === 'fail'
  )

/** The fixture without the heap-after-collection column (and its config line): the rule's input gone. */
function withoutAfterGc(name: string): string {
  return withoutColumn(join(fixtures, name), 'heap_after_gc_bytes')
}

/** The fixture with every heap_after_gc_bytes cell set to `value` (a gauge that never updated). */
function withStaleAfterGc(name: string, value: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'jvm-stale-'))
  for (const file of ['baseline.json', 'post-test.json', 'leak-gate.yml'])
    copyFileSync(join(fixtures, name, file), join(dir, file))
  const rows = readFileSync(join(fixtures, name, 'memory.csv'), 'utf8')
    .trimEnd()
    .split('\n')
  const column = rows[0].split(',').indexOf('heap_after_gc_bytes')
  const stale = rows.map((row, i) =>
    i === 0
      ? row
      : row
          .split(',')
          .map((cell, j) => (j === column ? String(value) : cell))
          .join(',')
  )
  writeFileSync(join(dir, 'memory.csv'), `${stale.join('\n')}\n`)
  return dir
}

/** The fixture with the post-test snapshot's heap_used_bytes set to `post` bytes. */
function withPostHeap(name: string, post: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'jvm-post-'))
  for (const file of ['memory.csv', 'baseline.json', 'leak-gate.yml'])
    copyFileSync(join(fixtures, name, file), join(dir, file))
  const snapshot = JSON.parse(readFileSync(join(fixtures, name, 'post-test.json'), 'utf8'))
  snapshot.heap_used_bytes = post
  writeFileSync(join(dir, 'post-test.json'), JSON.stringify(snapshot))
  return dir
}

/** The last heap_after_gc_bytes reading of a fixture's memory.csv. */
function lastAfterGc(name: string): number {
  const rows = readFileSync(join(fixtures, name, 'memory.csv'), 'utf8')
    .trimEnd()
    .split('\n')
  const column = rows[0].split(',').indexOf('heap_after_gc_bytes')
  return Number(rows[rows.length - 1].split(',')[column])
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
    // RSS climbs while G1 touches pages of its flat committed heap for the cache, then levels off
    expect(report.findings.map((f) => `${f.level} ${f.metric}`)).toEqual([])
    expect(report.healthy.join('\n')).toMatch(
      /rss_bytes: .*but heap_committed_bytes \(the heap the JVM committed\) stayed at 45 MiB .*pages of the committed heap touched for the first time/
    )
    expect(report.healthy.join('\n')).toMatch(
      /heap_used_bytes: \+8\.78 MiB \(\+80\.1%\) after load .*arrived while filling, then levelled off and flat at the end of the run \(memory\.csv, heap_after_gc_bytes\)/
    )
  })

  it('a slow leak (256 B kept per unit) still fails, on the heap after each collection', async () => {
    const report = await run(join(fixtures, 'slow-leak'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(failsOnAfterGc(report)).toBe(true)
    expect(report.presentation?.headline.sentence).toMatch(
      /^memory\.csv: heap_after_gc_bytes grows/
    )
  })

  it('a class-loader leak leads with metaspace, not with non-heap (a total) nor the heap', async () => {
    const report = await run(join(fixtures, 'classloader-leak'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const cost = (metric: string) =>
      report.findings.find((f) => f.metric === metric && f.signature === 'sustained-growth')
        ?.evidence.perWork as number
    // non-heap (metaspace + code cache) grows more than metaspace, and contains it
    expect(cost('nonheap_used_bytes')).toBeGreaterThan(cost('metaspace_used_bytes'))
    expect(cost('metaspace_used_bytes')).toBeGreaterThan(cost('heap_after_gc_bytes'))
    const { headline } = report.presentation!
    expect(headline.metric).toBe('metaspace_used_bytes')
    expect(headline.sentence).toMatch(/^memory\.csv: metaspace_used_bytes grows \+456 B per unit/)
  })

  it('a direct-buffer leak (1 KiB per unit) leads the headline over the heap that grows 7 times less', async () => {
    const report = await run(join(fixtures, 'direct-leak'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const cost = (metric: string) =>
      report.findings.find((f) => f.metric === metric && f.signature === 'sustained-growth')
        ?.evidence.perWork as number
    // both parts fail; neither contains the other, so the one that leaks more speaks
    expect(cost('heap_after_gc_bytes')).toBeGreaterThan(0)
    expect(cost('direct_used_bytes')).toBeGreaterThan(5 * cost('heap_after_gc_bytes'))
    const { headline, leaks } = report.presentation!
    expect(headline.metric).toBe('direct_used_bytes')
    expect(leaks[0].perWork).toMatchObject({ metric: 'direct_used_bytes', value: 1024 })
    expect(leaks[0].growth?.metric).toBe('direct_used_bytes')
    expect(headline.sentence).toMatch(
      /^memory\.csv: direct_used_bytes grows \+1 KiB per unit \(\+11\.2 MiB over the 46 s measured, p < 0\.001\)/
    )
    // rss holds the buffers and the heap: a total speaks after its parts, however fast it grows
    const direct = report.findings.find(
      (f) => f.metric === 'direct_used_bytes' && f.signature === 'sustained-growth'
    )!
    const withRss: Report = {
      ...report,
      findings: [
        {
          ...direct,
          id: `${direct.id}-rss`,
          metric: 'rss_bytes',
          evidence: { ...direct.evidence, perWork: 4096, growth: 4 * 11767605 }
        },
        ...report.findings
      ]
    }
    expect(groupLeaks(withRss)[0].metric).toBe('direct_used_bytes')
  })

  it('without work on the series the cost is what the post-test snapshot kept, said as kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jvm-nowork-'))
    try {
      for (const file of ['memory.csv', 'baseline.json', 'post-test.json'])
        copyFileSync(join(fixtures, 'direct-leak', file), join(dir, file))
      const config = readFileSync(join(fixtures, 'direct-leak', 'leak-gate.yml'), 'utf8')
      // the series' `work: units` (indented under series:), not the snapshots'
      expect(config).toMatch(/^ {4}work: units\n/m)
      writeFileSync(join(dir, 'leak-gate.yml'), config.replace(/^ {4}work: units\n/m, ''))
      const report = await run(dir)
      expect(report.errors).toEqual([])
      const row = report.presentation!.leaks[0]
      expect(row.perWork).toMatchObject({
        metric: 'direct_used_bytes',
        snapshot: { forced: false }
      })
      expect(report.presentation!.headline.sentence).toMatch(
        /^memory\.csv: direct_used_bytes kept \+1,023 B per unit after the load \(\+11\.2 MiB over/
      )
      expect(report.presentation!.headline.sentence).not.toMatch(/grows/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
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
  // jvm-cache-2: 8,571 x 4 KiB entries filling until 60 % of a 66 s run, past the baseline
  // snapshot (20 %); no mixed or full collection between the two System.gc() calls.
  it('a cache filling past the baseline: the forced collection freed 44 % of the climb, a warning', async () => {
    const report = await run(join(fixtures, 'cache-past-baseline'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heap_used_bytes'
    )
    expect(retained?.level).toBe('warn')
    expect(retained?.message).toMatch(
      /\+22\.8 MiB \(\+138%\) after load .*cannot show whether it stopped growing: heap_after_gc_bytes's floor climbed \+40\.9 MiB and the forced collection .* freed 18 MiB of it/
    )
    expect(report.healthy.join('\n')).toMatch(
      /heap_after_gc_bytes: steady part rises .*but heap_after_gc_bytes's floor climbed \+40\.9 MiB and the forced collection/
    )
  })

  it.each(['cache-past-baseline', 'cache-evicting'])(
    '%s: the same samples with the post-test heap at the last reading after a pause (what a leak keeps) fail',
    async (fixture) => {
      const dir = withPostHeap(fixture, lastAfterGc(fixture))
      try {
        const report = await run(dir)
        expect(report.verdict).toBe('fail')
        expect(failsOnAfterGc(report)).toBe(true)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  )

  it('a forced collection freeing a fifth of the climb (under a third), above every reading of the last fifth, is no excuse: it fails', async () => {
    // held floor 57.4 MiB, start floor 16.6 MiB: a fifth of the 40.9 MiB climb freed leaves
    // 49.3 MiB, above the lowest reading of the window's last fifth (49.0 MiB); a quarter (47.2 MiB)
    // would land under it, where the climb to the end was garbage and the run cannot tell
    const post = Math.round(lastAfterGc('cache-past-baseline') - 0.2 * 40.9 * 2 ** 20)
    const dir = withPostHeap('cache-past-baseline', post)
    try {
      const report = await run(dir)
      expect(report.verdict).toBe('fail')
      expect(
        report.findings.some((f) => f.metric === 'heap_after_gc_bytes' && f.level === 'fail')
      ).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // jvm2-cache-2: 12,381 x 2 KiB entries filling until 65 % of a 79 s run (-Xmx256m, sampled every
  // 0.5 s). G1 never reclaims the evicted entries (promoted before eviction): the heap after each
  // pause climbs to the end, 0.75 of the fill's pace per unit, and the System.gc() before the
  // post-test snapshot drops it 40.4 -> 30.6 MiB, under every reading of the window's last fifth.
  it('a full cache evicting into the old generation: the forced collection left the heap under every reading of the last fifth, a warning', async () => {
    const report = await run(join(fixtures, 'cache-evicting'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heap_used_bytes'
    )
    expect(retained?.level).toBe('warn')
    expect(retained?.message).toMatch(
      /\+17\.7 MiB \(\+137%\) after load .*cannot show whether it stopped growing: .*left 30\.6 MiB, 3\.6\d? MiB under its lowest reading of the last fifth of the window \(34\.2 MiB\)/
    )
    expect(report.healthy.join('\n')).toMatch(
      /heap_used_bytes: .*heap_after_gc_bytes \(the heap right after each collection, same process\)/
    )
  })

  // jvm2-cacheleak: 1 KiB kept per unit beside a full LRU of 10,714 x 4 KiB (-Xms256m): its heap
  // after each pause climbs with the leak and the evictions alike; the run cannot tell them apart.
  it('a 1 KiB/unit leak beside a full LRU never passes', async () => {
    const report = await run(join(fixtures, 'cache-beside-leak'))
    expect(report.errors).toEqual([])
    expect(report.verdict).not.toBe('pass')
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heap_used_bytes'
    )
    expect(retained?.message).toMatch(/\+42\.8 MiB \(\+161%\) after load/)
  })

  it.each([0, 50 * 1024 * 1024])(
    'a heap-after-collection gauge that never moved (%i bytes throughout) vouches for nothing',
    async (value) => {
      const dir = withStaleAfterGc('table-once', value)
      try {
        const report = await run(dir)
        expect(report.errors).toEqual([])
        // judged as if the column were not there: the used heap's climb is not excused
        expect(
          report.findings.some((f) => f.metric === 'heap_used_bytes' && f.level === 'fail')
        ).toBe(true)
        expect(report.healthy.join('\n')).not.toMatch(/heap right after each collection/)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  )
})

/**
 * A live heap that filled over the warm-up and reached its size in one last step kept a cache, not
 * a leak, when the forced collection left no more than its floor held after that step. Real
 * recording (fixtures in __fixtures__/pipeline/filled-then-stepped): a healthy service whose LRU of
 * 11,250 entries of 1152 B fills over the first quarter of a 150 s run at 300 req/s (the warm-up is
 * the first 31 s), sampled every 0.9 s. heapUsed's floor rose from 36.3 MiB to 48.7 MiB in the
 * warm-up, stepped +3.38 MiB once at 37 % of the run and stayed flat; the forced collection left
 * 50 MiB. It failed retained-after-load: "the forced collection kept +9.51 MiB more than that step".
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runEdited } from '../helpers/edited-run.js'

const base = '__fixtures__/pipeline/filled-then-stepped'
const now = new Date('2026-12-06T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })

/** A leak's verdict: retained-after-load fails on `metric`, never said as a fill that stepped. */
const expectKeptFails = (report: Report, metric: string): void => {
  expect(report.errors).toEqual([])
  const kept = report.findings.find(
    (f) => f.signature === 'retained-after-load' && f.metric === metric
  )
  expect(kept?.level).toBe('fail')
  expect(JSON.stringify(report)).not.toMatch(/arrived while filling and in one step/)
}

describe('a cache that filled in the warm-up and then in one step', () => {
  it('passes when the forced collection left no more than the floor after the step', async () => {
    const report = await judge('cache-fill')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const kept = report.metrics?.find((m) => m.kind === 'snapshot' && m.metric === 'heapUsed')
    expect(kept?.explanation).toMatch(
      /its GC floor already held \+10\.3 MiB of it \(75\.3%; 48\.7 MiB less 2\.16 MiB of garbage the forced collection freed\) before one step of \+3\.38 MiB after 35\.6% of the run.*left 50 MiB, no more than that floor after its step \(52\.1 MiB\)/
    )
  })

  it('still fails the same readings when the forced collection kept 3.2 MiB above that floor', async () => {
    const report = await judge('cache-fill-kept')
    expect(report.verdict).toBe('fail')
    expectKeptFails(report, 'heapUsed')
  })

  // The same settings recorded again: the floor's window minima smear the last fill (no floor step),
  // while the mean steps +4.21 MiB at 45 % of the run; it failed "the forced collection kept
  // +9.59 MiB more than that step". The floor's levels either side of the mean's step say the rest.
  it('passes a second recording whose floor shows no step, read around the mean step', async () => {
    const report = await judge('cache-fill-smeared')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const kept = report.metrics?.find((m) => m.kind === 'snapshot' && m.metric === 'heapUsed')
    expect(kept?.explanation).toMatch(
      /its GC floor already held \+13\.3 MiB of it \(96\.7%; 51\.5 MiB less 1\.92 MiB of garbage the forced collection freed\) before the mean's one step of \+4\.21 MiB after 44\.6% of the run's work \(the floor's windows either side of it: 51\.5 MiB → 52 MiB\), and the forced collection left 50\.1 MiB, no more than that floor after the step \(52 MiB\)/
    )
  })

  const keptMore = (dir: string): void => {
    const file = join(dir, 'post-test.json')
    const post = JSON.parse(readFileSync(file, 'utf8')) as { heapUsed: number }
    post.heapUsed += 3.2 * 2 ** 20
    writeFileSync(file, JSON.stringify(post))
  }

  it.each([
    ['the requests counted front-loaded', (dir: string) => frontLoaded(dir)],
    ['the forced collection keeping 3.2 MiB more', keptMore]
  ])('still fails that second recording with %s', async (_, edit) => {
    const report = await runEdited(`${base}/cache-fill-smeared`, edit, now)
    expectKeptFails(report, 'heapUsed')
  })

  // A cache filling over 45 % of a 150 s run under a tall sawtooth sampled at about its period: the
  // floor stepped +18.3 MiB at a third of the requests, holding 0.47 of what was kept before it
  // (short of 1.6 times 0.33), then moved +865 KiB over the two thirds of the work after it, where a
  // leak adding per request would have added +23.1 MiB. It failed ("kept +18 MiB more than that step").
  it('passes a fill whose floor stayed flat over most of the work after its step', async () => {
    const report = await judge('alias-fill45')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const kept = report.metrics?.find((m) => m.kind === 'snapshot' && m.metric === 'heapUsed')
    expect(kept?.explanation).toMatch(
      /before one step of \+18\.3 MiB after 33\.2% of the run's work, flat before and after.*; over the 66\.8% of the work after it the floor moved \+865 KiB, where a leak adding per request would have added \+23\.1 MiB: bounded/
    )
  })

  // A recording with `bytes` per request added from request `from` on (heapUsed, heapTotal, RSS and
  // the post-test snapshot): the floor climbs after its step, as a leak's does. Beside the alias fill
  // 400 B per request after the step (200 B is under the detection limit there, before and after
  // this rule).
  const leakAfter =
    (from: number, bytes: number) =>
    (dir: string): void => {
      const memory = readFileSync(join(dir, 'memory.csv'), 'utf8').trimEnd().split('\n')
      const header = memory[0].split(',')
      const col = (name: string): number => header.indexOf(name)
      const added = (requests: number): number => Math.max(0, requests - from) * bytes
      const out = memory.map((row, i) => {
        if (i === 0) return row
        const cells = row.split(',')
        const extra = added(Number(cells[col('requests')]))
        for (const name of ['heapUsed', 'heapTotal', 'rss'])
          cells[col(name)] = String(Number(cells[col(name)]) + extra)
        return cells.join(',')
      })
      writeFileSync(join(dir, 'memory.csv'), `${out.join('\n')}\n`)
      const file = join(dir, 'post-test.json')
      const post = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>
      for (const name of ['heapUsed', 'heapTotal', 'rss']) post[name] += added(post.requests)
      writeFileSync(file, JSON.stringify(post))
    }

  it('still fails that fill with 400 B per request added after its step', async () => {
    const report = await runEdited(`${base}/alias-fill45`, leakAfter(24_000, 400), now)
    expect(report.verdict).toBe('fail')
    expectKeptFails(report, 'heapUsed')
  })

  // With every second reading kept and 150 B per request added after the step, the forced collection
  // ends above the floor's level after the step, within the older rule's quarter-step slack: the
  // flat-after reading passed it with that slack; it takes none.
  it('still fails that fill thinned to 2.2 s with 150 B per request added after its step', async () => {
    const report = await judge('alias-fill45-leak150')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(JSON.stringify(report)).not.toMatch(/arrived while filling and in one step/)
  })

  // Another recording of the shape (group alias3): an LRU of 30,000 × 1 KiB filling over 40 % of
  // 150 s at 500 req/s, under the last 104 requests' garbage, sampled every 0.95 s. The floor stepped
  // +8.86 MiB at 52 % of the work and fell 1.35 MiB over the 48 % after it.
  it('passes a fill whose floor stayed flat over the 48 % of the work after its step', async () => {
    const report = await judge('alias3-fill40')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const kept = report.metrics?.find((m) => m.kind === 'snapshot' && m.metric === 'heapUsed')
    expect(kept?.explanation).toMatch(
      /over the 48\.\d% of the work after it the floor moved -1\.3\d MiB, where a leak adding per request would have added \+15\.\d MiB: bounded/
    )
  })

  it('still fails that fill with 100 B per request added from its step', async () => {
    const report = await runEdited(`${base}/alias3-fill40`, leakAfter(36_000, 100), now)
    expect(report.verdict).toBe('fail')
    expectKeptFails(report, 'heapUsed')
  })

  // A fill read sparsely (group holdout12): an LRU of 20,026 × 1664 B filling over 38 % of 170 s
  // at 310 req/s, sampled every 1.9 s. Its floor held 0.44 of what the forced collection kept by
  // 0.33 of the work, then stepped +19.1 MiB and moved +4.13 MiB over the rest (a leak adding per
  // request would have added +22.9 MiB): short of both rules above. It failed ("kept +14.6 MiB
  // more than that step"); a slow leak beside a fill can end the same way, so it warns, saying so.
  it('warns, not fails, a fill read sparsely that filled early but not provably bounded', async () => {
    const report = await judge('cache-fill38-sparse')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    const kept = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(kept?.level).toBe('warn')
    expect(kept?.message).toMatch(
      /its GC floor already held \+15 MiB of it \(44\.0%\) by 32\.9% of the run's work, before one step of \+19\.1 MiB.*a slow leak beside a cache looks the same here/
    )
  })

  it('still fails that sparse fill with 400 B per request added', async () => {
    const report = await runEdited(`${base}/cache-fill38-sparse`, leakAfter(0, 400), now)
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'heapUsed' && f.level === 'fail')).toBe(true)
  })

  // A fill under the tall sawtooth read every 2.3 s (group holdout12): an LRU of 26,208 × 1152 B
  // filling over 48 % of 130 s at 420 req/s, 64 of each burst's garbage kept to the next major
  // collection. heapUsed's floor stepped +22.5 MiB at 38 % of the work and then moved −564 KiB
  // over the 62 % after it, where a leak would have added +19.4 MiB; what it held before the step,
  // less the 4.96 MiB of garbage the forced collection freed, is only 0.29 of what was kept, short
  // of the share rule, but with the step it accounts for all of it, and the floor as read held
  // 0.45 of it by 0.38 of the work (a staircase leak holds at most its share: see
  // step-vs-snapshot.test.ts). It failed ("kept +8.95 MiB more than that step").
  it('passes a fill whose floor before the step and the step account for what was kept, flat after', async () => {
    const report = await judge('cache-fill48-saw')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const kept = report.metrics?.find((m) => m.kind === 'snapshot' && m.metric === 'heapUsed')
    expect(kept?.explanation).toMatch(
      /its GC floor already held \+8\.95 MiB of it \(28\.5%.*before one step of \+22\.5 MiB after 38\.2% of the run's work.*the floor moved -564 KiB, where a leak adding per request would have added \+19\.4 MiB: bounded/
    )
  })

  // A leak read in phase with its sawtooth (a staircase) holds at most its share of the work before
  // its step: the same readings with the requests front-loaded (most of them done by the step, more
  // than the floor held) fail as before.
  it('still fails that fill with the requests counted front-loaded', async () => {
    const report = await runEdited(`${base}/cache-fill48-saw`, frontLoaded, now)
    expectKeptFails(report, 'heapUsed')
  })

  // A fill over 36 % of 135 s at 340 req/s read every 1.4 s (group holdout7), with 50 B per request
  // added: the heap's floor fitted through the fill has a slope near 0, so its line starts at
  // 63.4 MiB where the floor stood near 50 MiB. Read on the line, the memory was "already reached
  // when the steady window starts" and the leak passed; read where the floor stood, the run cannot
  // show whether it stopped growing, and says so. The healthy run still passes.
  it('reads where the floor stood at the start, not where its line through a fill starts', async () => {
    const healthy = await judge('cache-fill36')
    expect(healthy.verdict).toBe('pass')
    const report = await runEdited(`${base}/cache-fill36`, leakAfter(0, 50), now)
    expect(report.verdict).not.toBe('pass')
    expect(JSON.stringify(report)).not.toMatch(/already reached when the steady window starts/)
  })

  // A Go leak of 1 KiB per unit under GOMEMLIMIT=96MiB with GOGC=off, zero-config: the collector's
  // goal sat at the limit, so heap_inuse_bytes read between cycles swings up to it and its window
  // minima (stepped +7.26 MiB, flat after) are not the live heap; the forced collection kept +14.2 MiB.
  it('still fails a leak under a memory limit whose sampled floor stepped once', async () => {
    const report = await judge('go-limit-leak')
    expect(report.verdict).toBe('fail')
    expectKeptFails(report, 'heap_inuse_bytes')
  })

  // A leak adds per request, so the floor's share before the step is weighed against the share of
  // the requests done by then; the run's time is no stand-in for them. The same readings with the
  // requests front-loaded (a load that ramps down: 0.75 of them done by the step, where the floor
  // held 0.75) are what a leak leaves, and without a work counter nothing tells them apart.
  const frontLoaded = (dir: string): void => {
    const rows = readFileSync(join(dir, 'memory.csv'), 'utf8').trimEnd().split('\n')
    const n = rows.length - 1
    const total = Number(rows[n].split(',')[1])
    const out = rows.map((row, i) => {
      if (i === 0) return row
      const cells = row.split(',')
      cells[1] = String(Math.round(total * (1 - (1 - (i - 1) / (n - 1)) ** 4)))
      return cells.join(',')
    })
    writeFileSync(join(dir, 'memory.csv'), `${out.join('\n')}\n`)
  }
  // no work counter at all: the config's `work:` and the column it names both gone (a `requests`
  // column left in would still be the work axis by its name)
  const withoutWork = (dir: string): void => {
    const config = readFileSync(join(dir, 'leak-gate.yml'), 'utf8')
    writeFileSync(join(dir, 'leak-gate.yml'), config.replace(/^ {4}work: requests\n/m, ''))
    const rows = readFileSync(join(dir, 'memory.csv'), 'utf8').trimEnd().split('\n')
    const out = rows.map((row) =>
      row
        .split(',')
        .filter((_, column) => column !== 1)
        .join(',')
    )
    writeFileSync(join(dir, 'memory.csv'), `${out.join('\n')}\n`)
  }

  it.each([
    ['the requests counted front-loaded', frontLoaded],
    ['no work counted', withoutWork]
  ])('still fails the same readings with %s', async (_, edit) => {
    const report = await runEdited(`${base}/cache-fill`, edit, now)
    expectKeptFails(report, 'heapUsed')
  })
})

/**
 * Restarts and kills in docker stats (fixtures in __fixtures__/pipeline/restarts, generated in
 * the shape `docker stats` prints: 5 s rows, `0B / 0B` while the container is not running):
 * `0B / 0B` rows are gaps, not zero readings; a container that reaches its limit and then reads
 * `0B / 0B` was killed at its limit (a failing finding); a leak restarted mid-run is judged
 * segment by segment and still fails; a healthy service restarted mid-run passes and says so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { renderText } from '../../src/report/text.js'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `__fixtures__/pipeline/restarts/${name}`,
    workspace: `__fixtures__/pipeline/restarts/${name}`,
    now: new Date('2026-11-25T00:00:00Z')
  })

describe('restarts and kills', () => {
  it('reads 0B / 0B rows as gaps, never as zero readings', async () => {
    const report = await run('killed-at-limit')
    const [series] = report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')
    expect(series.samples).toBe(394) // 400 rows, 6 of them 0B / 0B
    expect(series.minValue).toBeGreaterThan(100 * 1024 * 1024)
  })

  it('fails a container killed at its memory limit (oom-risk, killed)', async () => {
    const report = await run('killed-at-limit')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const kill = report.findings.find((f) => f.signature === 'oom-risk' && f.evidence.killed)!
    expect(kill.level).toBe('fail')
    // When, at what memory, for how long it was down.
    expect(kill.message).toMatch(
      /^MemUsage\[web-1\] was killed at its 512 MiB limit 17 min into the run, at 10:16:40 UTC: the last reading was 510 MiB \(99\.6% of it\), then 0B \/ 0B for 25 s \(6 rows\), the container not running \(the OOM killer\); it was read again after a restart$/
    )
    expect(kill.evidence).toMatchObject({ kills: 1, stoppedRows: 6, restarted: true })
  })

  it('judges a leak restarted mid-run segment by segment, and says so', async () => {
    const report = await run('leak-restart')
    expect(report.verdict).toBe('fail')
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
    expect(growth.message).toMatch(/within each of 2 segments/)
    expect(growth.message).toMatch(/a restart: back to the starting level, after a gap/)
  })

  it('passes a healthy service restarted mid-run and says it was not running', async () => {
    const report = await run('healthy-restart')
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /not running once \(4 rows of 0B \/ 0B, read as gaps, not as zero\), not at its limit/
    )
  })
})

/**
 * One docker stats log holding two runs (the sampler restarted hours later): each run is its own
 * series, and a kill at the limit in one run is that run's alone, whichever comes first.
 */
describe('a kill in one of two appended runs', () => {
  // what follows the kill: the next run in the file (said, never "not read again"), or nothing
  const cases = [
    [
      'appended-killed-first',
      'run 1',
      'run 2',
      '10:16:40',
      '; this run ends there: the next run in the file (run 2, judged on its own) starts at 13:00:00 UTC, 2 h 43 min after the kill',
      { nextRun: 2, nextRunAt: '2026-01-05T13:00:00.000Z' }
    ],
    ['appended-killed-last', 'run 2', 'run 1', '13:16:40', '; it was not read again', {}]
  ] as const
  it.each(cases)(
    '%s: the killed run fails with oom-risk, the healthy run has no stop',
    async (name, killed, healthy, at, after, next) => {
      const report = await run(name)
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('fail')
      const ids = report.metrics
        .filter((m): m is SeriesAnalysis => m.kind === 'series')
        .map((m) => m.id)
      expect(ids).toEqual([
        'docker_stats.csv:MemUsage[web-1 run 1]',
        'docker_stats.csv:MemUsage[web-1 run 2]'
      ])
      const kills = report.findings.filter((f) => f.signature === 'oom-risk')
      expect(kills.map((f) => f.metric)).toEqual([`MemUsage[web-1 ${killed}]`])
      expect(kills[0].message).toMatch(
        new RegExp(
          `^MemUsage\\[web-1 ${killed}\\] was killed at its 512 MiB limit 17 min into the run, at ${at} UTC: the last reading was 510 MiB [^;]*\\(the OOM killer\\)`
        )
      )
      expect(kills[0].message.endsWith(`(the OOM killer)${after}`)).toBe(true)
      expect(kills[0].evidence).toMatchObject({
        killed: true,
        kills: 1,
        stoppedRows: 6,
        restarted: false,
        ...next
      })
      if (!('nextRun' in next)) expect(kills[0].evidence.nextRun).toBeUndefined()
      // the healthy run: no finding, no kill, no stop said
      expect(report.findings.filter((f) => f.metric === `MemUsage[web-1 ${healthy}]`)).toEqual([])
      const line = report.healthy.find((h) => h.startsWith(`MemUsage[web-1 ${healthy}]`))!
      expect(line).toMatch(/no significant growth toward the 512 MiB limit/)
      expect(report.healthy.join('\n')).not.toMatch(/not running|0B \/ 0B|killed/)
      expect(renderText(report, { color: false })).not.toMatch(
        new RegExp(`web-1 ${healthy}\\][^\\n]*killed`)
      )
    }
  )
})

/**
 * The same shapes recorded by the real programs (examples/restart-leak, restart-healthy, oom-kill:
 * examples/node-service run with --restart-at and --oom-kill; see examples/README.md). What a
 * reviewer reads: that the service restarted or was killed, when, and at what memory.
 */
describe('restarts and kills in real runs', () => {
  const example = (name: string): Promise<Report> =>
    runPipeline({
      root: `examples/${name}/artifacts`,
      workspace: `examples/${name}/artifacts`,
      now: new Date('2026-11-25T00:00:00Z')
    })
  const restartClause =
    /a (fall of -|rise of \+)[\d.]+ MiB \([\d.]+ MiB → [\d.]+ MiB\) \d+ s into the run, at \d\d:\d\d:\d\d UTC \(a restart: (pid \d+ → \d+, )?(back to the starting level|the container was not running before it|after a pause in sampling|the work counter started again)/

  it('a leak restarted mid-run: every series of the process judged segment by segment, the live heap too', async () => {
    const report = await example('restart-leak')
    expect(report.verdict).toBe('fail')
    const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
    expect(growth.map((f) => f.metric).sort()).toEqual([
      'MemUsage[restart-leak-web-1]',
      'heapUsed',
      'rss'
    ])
    for (const finding of growth) {
      expect(finding.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
      expect(finding.message).toMatch(restartClause)
    }
    // memory.csv names the process sampled: its restart is said with the pids
    for (const metric of ['heapUsed', 'rss'])
      expect(growth.find((f) => f.metric === metric)!.message).toMatch(
        /\(a restart: pid 954 → 1081, /
      )
    // The snapshots' pair spans the restart: the retained-after-load finding says so.
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )!
    expect(retained.message).toMatch(
      /baseline and post-test may come from different processes: memory\.csv restarted \(pid 954 → 1081, 25 s into the run\): the second process after the load compared with the first before it, not what one process kept$/
    )
    expect(retained.evidence.otherProcess).toBe(true)
    // The trends table: the segments' test beside the whole window's, where the fall cancels the rise.
    const rss = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'rss'
    )!
    expect(rss.segments).toMatchObject({ count: 2, restarts: 1 })
    expect(rss.segments!.pValue).toBeLessThan(0.01)
    expect(rss.pValue!).toBeGreaterThan(0.05)
    expect(renderText(report, { color: false })).toMatch(
      /rss .* p = 0\.00\d within 2 segments \(p = 0\.\d+ across the restart\)\s+leak/
    )
    // The headline and the leaks table say the growth was measured across the restart.
    expect(report.presentation!.leaks[0].growth?.restarts).toBe(1)
    expect(report.presentation!.leaks[0].sentence).toMatch(/across a restart, segment by segment/)
  })

  it('a healthy service restarted mid-run passes, and the restart is said', async () => {
    const report = await example('restart-healthy')
    expect(report.verdict).toBe('pass')
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(restartClause)
    expect(healthy).toMatch(
      /not running once \(\d+ rows of 0B \/ 0B, read as gaps, not as zero\), not at its limit/
    )
  })

  it('a leak killed at its limit: the kill is the finding, with its time and memory, and nothing is projected', async () => {
    const report = await example('oom-kill')
    expect(report.verdict).toBe('fail')
    const risks = report.findings.filter((f) => f.signature === 'oom-risk')
    // The kill only: "reaches its limit in 1 s" after it was killed there says nothing.
    expect(risks).toHaveLength(1)
    const [kill] = risks
    expect(kill.evidence).toMatchObject({ killed: true, kills: 1, limit: 160 * 1024 * 1024 })
    expect(kill.evidence.lastValue as number).toBeGreaterThanOrEqual(0.95 * 160 * 1024 * 1024)
    expect(kill.evidence.killedAfterMs as number).toBeGreaterThan(10_000)
    expect(kill.message).toMatch(
      /^MemUsage\[oom-kill-web-1\] was killed at its 160 MiB limit \d+ s into the run, at \d\d:\d\d:\d\d UTC: the last reading was 1[56]\d MiB \(\d+(\.\d)?% of it\), then 0B \/ 0B for \d+ s \(\d+ rows\), the container not running \(the OOM killer\); it was not read again$/
    )
    const [row] = report.presentation!.leaks
    expect(row.limit).toMatchObject({ hoursToLimit: 0, limit: 160 * 1024 * 1024 })
    expect(row.sentence).toMatch(/MemUsage was killed at its 160 MiB limit \d+ s into the run\.$/)
    const series = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'MemUsage'
    )!
    expect(series.hoursToLimit).toBeNull()
  })
})

describe('a leak a restart cleared', () => {
  it('a process that leaked, then was restarted and is flat after it, is a warning, not a healthy line', async () => {
    // examples/restart-leak: the leaking process's 95 samples, then 40 of a new one whose heap is flat
    const rows = readFileSync('examples/restart-leak/artifacts/memory.csv', 'utf8')
      .trim()
      .split('\n')
    const column = rows[0].split(',').indexOf('heapUsed')
    const after = rows.slice(96, 136).map((row, k) => {
      const cells = row.split(',')
      cells[column] = String(41e6 + (k % 4) * 3e6)
      return cells.join(',')
    })
    const dir = mkdtempSync(join(tmpdir(), 'lg-redeployed-'))
    try {
      writeFileSync(join(dir, 'memory.csv'), [...rows.slice(0, 96), ...after].join('\n') + '\n')
      writeFileSync(
        join(dir, 'leak-gate.yml'),
        'warmup: 20%\nseries:\n  - file: memory.csv\n    format: csv\n    time: timestamp\n    work: requests\n    metrics:\n      heapUsed: memory\n'
      )
      const report = await runPipeline({
        root: dir,
        workspace: dir,
        now: new Date('2026-11-25T00:00:00Z')
      })
      expect(report.errors).toEqual([])
      const finding = report.findings.find(
        (f) => f.metric === 'heapUsed' && f.signature === 'sustained-growth'
      )
      expect(finding?.level).toBe('warn')
      expect(finding?.message).toMatch(
        /^heapUsed grew \+[\d.]+ MiB within segment 1 of 2 .*a restart.*a leak the restart cleared/
      )
      expect(report.healthy.filter((h) => h.startsWith('heapUsed'))).toEqual([])
      expect(report.verdict).not.toBe('pass')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

/**
 * A new pid or container id named in the file is a restart at that row, with no gap and no fall
 * to the starting level needed (fixtures in __fixtures__/pipeline/restarts: `docker stats
 * --format json` lines with a time key added by the logging script, 5 s apart, compose
 * recreating the container under the same Name; a memoryUsage logger writing `process.pid`
 * every second, restarted with no pause in sampling, and its baseline/post-test snapshots).
 */
describe('a new pid or container id is a restart', () => {
  const seriesOf = (report: Report) =>
    report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

  it('a container recreated under its name while leaking: one series, judged per segment, fails', async () => {
    const report = await run('recreated-leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    // grouped by Name: the new ID is no second series
    expect(seriesOf(report).map((m) => m.id)).toEqual(['docker_stats.jsonl:MemUsage[web-1]'])
    expect(seriesOf(report)[0].samples).toBe(200)
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.level).toBe('fail')
    expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
    // the new container starts above where the first did: no fall to the starting level, no gap
    expect(growth.message).toMatch(
      /split at a fall of -[\d.]+ MiB \([\d.]+ MiB → 17\d MiB\) 9 min 10 s into the run, at 10:09:10 UTC \(a restart: container id a1b2c3d4e5f6 → 9f8e7d6c5b4a\); the rise resumes at the same pace/
    )
    expect(report.inputs[0].note).toMatch(
      /web-1: a new container id once \("ID" a1b2c3d4e5f6 → 9f8e7d6c5b4a at 10:09:10 UTC\): a restart/
    )
  })

  it('a healthy container recreated under its name passes, and the restart is said', async () => {
    const report = await run('recreated-healthy')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(seriesOf(report).map((m) => m.id)).toEqual(['docker_stats.jsonl:MemUsage[web-1]'])
    expect(report.healthy.join('\n')).toMatch(
      /judged in 2 segments too, split at a fall of .* 8 min 20 s into the run, at 10:08:20 UTC \(a restart: container id a1b2c3d4e5f6 → 9f8e7d6c5b4a, back to the starting level\): no significant trend within them/
    )
  })

  it('docker stats naming containers by id alone (JSON lines, Container and ID but no Name), recreated while leaking: one series, judged per segment, fails', async () => {
    const report = await run('ids-recreated-leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    // the new id follows the last one's rows: one container recreated, not two short series
    expect(seriesOf(report).map((m) => [m.id, m.samples])).toEqual([
      ['docker_stats.jsonl:MemUsage', 200]
    ])
    const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
    expect(growth.level).toBe('fail')
    expect(growth.evidence).toMatchObject({ basis: 'segments', segments: 2, restart: true })
    expect(growth.message).toMatch(
      /split at a fall of -[\d.]+ MiB \([\d.]+ MiB → 17\d MiB\) 9 min 10 s into the run, at 10:09:10 UTC \(a restart: container id a1b2c3d4e5f6 → 9f8e7d6c5b4a\)/
    )
    // one account: the ids joined into one series, never "one series per Container" before it
    expect(report.inputs[0].note).toBe(
      'docker stats JSON lines: memory column MemUsage; time column time; "Container" names containers by id alone, and each id\'s rows follow the last id\'s: one container recreated, read as one series with a restart at each new id (once: a1b2c3d4e5f6 → 9f8e7d6c5b4a at 10:09:10 UTC)'
    )
  })

  it('docker stats CSV with a container_id column and no name, a healthy container recreated: one series, passes, the restart said', async () => {
    const report = await run('ids-recreated-healthy')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(seriesOf(report).map((m) => m.id)).toEqual(['docker_stats.csv:MemUsage'])
    expect(report.inputs[0].note).toMatch(
      /^docker stats CSV: memory column mem_usage; time column timestamp; "container_id" names containers by id alone, .*one container recreated, read as one series/
    )
    expect(report.inputs[0].note).not.toMatch(/one series per/)
    expect(report.healthy.join('\n')).toMatch(
      /judged in 2 segments too, split at a fall of .* 8 min 20 s into the run, at 10:08:20 UTC \(a restart: container id a1b2c3d4e5f6 → 9f8e7d6c5b4a, back to the starting level\): no significant trend within them/
    )
  })

  it.each([
    ['ids-interleaved-csv', 'docker_stats.csv'],
    ['ids-interleaved-jsonl', 'docker_stats.jsonl']
  ])(
    '%s: containers sampled together, named by id alone, stay one series per id (the leaking one fails, no restart)',
    async (name, file) => {
      const report = await run(name)
      expect(report.errors).toEqual([])
      expect(seriesOf(report).map((m) => m.id)).toEqual([
        `${file}:MemUsage[a1b2c3d4e5f6]`,
        `${file}:MemUsage[c0ffee123456]`
      ])
      const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
      expect(growth.map((f) => [f.metric, f.level])).toEqual([['MemUsage[a1b2c3d4e5f6]', 'fail']])
      expect(growth[0].message).not.toMatch(/restart|segment/)
      expect(report.inputs[0].note).not.toMatch(/recreated/)
      expect(report.inputs[0].note).toMatch(/, one series per (container_id|Container);/)
    }
  )

  it('a memoryUsage CSV whose pid changes: the heap judged per segment, pid no series, snapshots of two processes said', async () => {
    const report = await run('pid-restart-leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(seriesOf(report).map((m) => m.id)).toEqual([
      'memory.csv:rss',
      'memory.csv:heapTotal',
      'memory.csv:heapUsed',
      'memory.csv:external',
      'memory.csv:arrayBuffers'
    ])
    expect(report.metrics.some((m) => m.metric === 'pid')).toBe(false)
    // No pause in sampling (1 s rows throughout): the live heap is cut only where the pid changed.
    const heap = seriesOf(report).find((m) => m.metric === 'heapUsed')!
    expect(heap.segments).toMatchObject({ count: 2, restarts: 1 })
    expect(heap.segments!.pValue).toBeLessThan(0.001)
    // over the whole window the restart's fall cancels the rise: not significant at 1 %
    expect(heap.pValue!).toBeGreaterThan(0.01)
    const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
    expect(growth.map((f) => [f.metric, f.level]).sort()).toEqual([
      ['heapTotal', 'fail'],
      ['heapUsed', 'fail'],
      ['rss', 'fail']
    ])
    for (const finding of growth)
      expect(finding.message).toMatch(
        /2 min into the run, at 10:02:00 UTC \(a restart: pid 4121 → 4388, back to the starting level\)/
      )
    // RSS is not excused by a heap "flat" across the restart: the heap leaks within each segment.
    expect(growth.find((f) => f.metric === 'rss')!.message).not.toMatch(/live heap|heap pages/)
    // retained-after-load: what the snapshots name (pid 4121 vs 4388) is said, and the heap's
    // series, rising within each segment, is not called flat in its steady part.
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )!
    expect(retained.level).toBe('fail')
    expect(retained.message).toBe(
      'heapUsed +15 MiB (+46.9%) after load (32 MiB → 47 MiB), over the 25% and 4 MiB tolerance: retained after the load stopped; baseline and post-test come from different processes (pid 4121 in baseline.json, 4388 in post.json): the second process after the load compared with the first before it, not what one process kept'
    )
    expect(report.notes).toContainEqual(
      'snapshots: baseline.json and post.json come from different processes (pid 4121 → 4388): the comparison spans a restart'
    )
  })

  it('Prometheus snapshots of two processes (process_start_time_seconds differs): said; of one: nothing said', async () => {
    const scrape = (start: number, rss: number) =>
      [
        '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
        '# TYPE process_start_time_seconds gauge',
        `process_start_time_seconds ${start}`,
        '# HELP process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${rss}`,
        ''
      ].join('\n')
    const judge = async (postStart: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'lg-two-processes-'))
      try {
        writeFileSync(join(dir, 'baseline.prom'), scrape(1767607200, 100 * 2 ** 20))
        writeFileSync(join(dir, 'post.prom'), scrape(postStart, 160 * 2 ** 20))
        return await runPipeline({
          root: dir,
          workspace: dir,
          now: new Date('2026-11-25T00:00:00Z')
        })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
    const two = await judge(1767607500)
    expect(two.errors).toEqual([])
    const finding = two.findings.find((f) => f.signature === 'retained-after-load')!
    expect(finding.message).toMatch(
      /; baseline and post-test come from different processes \(process_start_time_seconds 1767607200 in baseline\.prom, 1767607500 in post\.prom\): the second process after the load/
    )
    expect(two.notes.join('\n')).toMatch(/come from different processes/)
    const one = await judge(1767607200)
    expect(one.findings.find((f) => f.signature === 'retained-after-load')!.message).not.toMatch(
      /different processes/
    )
    expect(one.notes.join('\n')).not.toMatch(/different processes/)
  })

  it('repeated Prometheus scrapes whose process_start_time_seconds changes: the heap judged per segment', async () => {
    // prom-client's defaults scraped every 5 s with their timestamps; the service restarts after
    // 80 scrapes, with no missed scrape, and leaks at the same pace again
    const lines: string[] = []
    for (let i = 0; i < 160; i++) {
      const ms = Date.UTC(2026, 0, 5, 10, 0, 0) + i * 5000
      const second = i >= 80
      const k = second ? i - 80 : i
      const heap = Math.round((40 + 0.25 * k + ((k * 7) % 5) * 0.6) * 2 ** 20)
      lines.push(
        `process_start_time_seconds ${second ? 1767607400 : 1767606990} ${ms}`,
        `nodejs_heap_size_used_bytes ${heap} ${ms}`
      )
    }
    const dir = mkdtempSync(join(tmpdir(), 'lg-prom-restart-'))
    try {
      writeFileSync(join(dir, 'metrics.prom'), lines.join('\n') + '\n')
      const report = await runPipeline({
        root: dir,
        workspace: dir,
        now: new Date('2026-11-25T00:00:00Z')
      })
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('fail')
      const growth = report.findings.find((f) => f.signature === 'sustained-growth')!
      expect(growth.evidence).toMatchObject({ basis: 'segments', restart: true })
      expect(growth.message).toMatch(
        /6 min 40 s into the run, at 10:06:40 UTC \(a restart: process start 2026-01-05T09:56:30Z → 2026-01-05T10:03:20Z, back to the starting level\)/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

/**
 * A crash loop the file names: process.memoryUsage() every second with its pid, the service
 * restarted by its supervisor (2 s down) 14 times. Leaking: each life climbs ~2.4 MiB/s under a
 * young-generation sawtooth for 36–44 s until the heap limit kills it. Healthy: a worker recycled
 * every 18–22 s, each life starting 4 MiB lower (its start-up) and flat after it. Every life
 * starts at the level of the first, so over the whole window the rise of each life cancels.
 */
describe('a crash loop with more than 10 restarts (a new pid each time)', () => {
  it('each life climbing at one pace until killed: judged life by life, fails, and says how', async () => {
    const report = await run('crash-loop-leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
    expect(growth.map((f) => [f.metric, f.level]).sort()).toEqual([
      ['heapTotal', 'fail'],
      ['heapUsed', 'fail'],
      ['rss', 'fail']
    ])
    const heap = growth.find((f) => f.metric === 'heapUsed')!
    expect(heap.evidence).toMatchObject({ basis: 'segments', segments: 12, restart: true })
    expect(heap.message).toMatch(/ within each of 12 segments, p < 0\.001 /)
    // the first restarts and the last are listed, the rest counted
    expect(heap.message).toMatch(
      /split at a fall of [^;]* \(a restart: pid 4718 → 4794, back to the starting level\), a fall of [^;]* \(a restart: pid 4794 → 5168, back to the starting level\), 8 more like them and a fall of [^;]* 9 min 44 s into the run, at 10:09:44 UTC \(a restart: pid 7170 → 7551, back to the starting level\); a crash loop: restarted 14 times \(3 before the steady window\), each of its 12 lives in the steady window judged on its last half \(the first is its warm-up\);/
    )
    const series = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'heapUsed'
    )!
    expect(series.segments).toMatchObject({ count: 12, restarts: 11 })
  })

  it('each life warming up, then flat: judged life by life, passes, and says how', async () => {
    const report = await run('crash-loop-healthy')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.findings).toEqual([])
    const rss = report.healthy.find((line) => line.startsWith('rss:'))!
    expect(rss).toMatch(
      /judged in 12 segments too, split at .*; a crash loop: restarted 14 times \(3 before the steady window\), each of its 12 lives in the steady window judged on its last half \(the first is its warm-up\): /
    )
  })

  it('lives too short to judge one by one: judged as one window, and the note says so', async () => {
    // 15 lives of 10 s: each half-life has 5 samples, fewer than a life's test needs
    const rows = ['time,pid,rss,heapUsed']
    let t = Date.parse('2026-01-05T10:00:00Z')
    for (let life = 0; life < 15; life++) {
      for (let i = 0; i < 10; i++, t += 1000)
        rows.push(
          `${new Date(t).toISOString()},${4121 + life * 97},${(80 + 5 * i) * 2 ** 20},${(30 + 5 * i) * 2 ** 20}`
        )
      t += 2000
    }
    const dir = mkdtempSync(join(tmpdir(), 'lg-crash-loop-'))
    try {
      writeFileSync(join(dir, 'memory.csv'), rows.join('\n') + '\n')
      const report = await runPipeline({
        root: dir,
        workspace: dir,
        now: new Date('2026-11-25T00:00:00Z')
      })
      expect(report.errors).toEqual([])
      expect(report.notes).toContain(
        "memory.csv:rss: restarted 14 times, but none of its 12 lives in the steady window has the 16 samples to be judged on its own: judged as one window across them (a restart's fall can hide a leak there; sample more often or record longer lives)"
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

/**
 * A service restarted 2 or 3 times whose every life climbs at start-up (fast, then levelling off)
 * and is flat after it, and the same lives keeping 1 KiB per request (each climbing at the work's
 * pace to its end): process.memoryUsage() CSV with its pid, written from a fixed seed by
 * `node scripts/sweep/measure-lives.mjs --fixtures` (__tests__/helpers/restart-lives.ts).
 */
describe('a few restarts, each life with a start-up climb', () => {
  it.each(['lives-climb-2', 'lives-climb-3'])(
    '%s: the lives judged on their later halves, flat there: passes and says how',
    async (name) => {
      const report = await run(name)
      expect(report.errors).toEqual([])
      expect(report.findings).toEqual([])
      expect(report.verdict).toBe('pass')
      const heap = report.healthy.find((line) => line.startsWith('heapUsed:'))!
      expect(heap).toMatch(
        /a restart: pid \d+ → \d+.*; each life judged on its later half, its start-up climb left out \(the later halves rise at under half the lives' common slope/
      )
    }
  )

  it.each(['lives-leak-2', 'lives-leak-3'])(
    '%s: the same lives leaking 1 KiB per request fail on rss and heapUsed',
    async (name) => {
      const report = await run(name)
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('fail')
      const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
      expect(growth.map((f) => [f.metric, f.level]).sort()).toEqual([
        ['heapUsed', 'fail'],
        ['rss', 'fail']
      ])
      for (const finding of growth)
        expect(finding.evidence).toMatchObject({ basis: 'segments', restart: true })
    }
  )
})

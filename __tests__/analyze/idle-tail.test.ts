/**
 * Readings after the load ended (the work counter stopped) are left out of the trend rules. The
 * fixtures are the heap-snapshot helper's test service under a second process burning a core, as
 * a CI runner is loaded: `node --import leak-gate/heap-snapshot` sampling memory.csv every 20 ms,
 * 6,000 requests in ~15 s, then 1.5 s idle before it was stopped. The healthy one keeps the last
 * 200 sessions under an 8 MiB old space; its idle tail held a sawtooth's top (7.7 MiB over a 5 MiB
 * floor) and failed sustained-growth on heapUsed (p = 0.049 on its last half) before the rule.
 * The leaking one keeps every session.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { idleTailStart, withoutIdleTails } from '../../src/analyze/idle-tail.js'
import { plainSeries } from './synthetic.js'

const fixtures = '__fixtures__/pipeline/idle-tail'
const now = new Date('2026-11-25T00:00:00Z')
const run = (name: string): Promise<Report> => {
  const root = join(fixtures, name)
  return runPipeline({ root, workspace: root, now })
}
const heapFindings = (report: Report) =>
  report.findings.filter((f) => /^heapUsed(\[|$)/.test(f.metric))

/** A counter that moves by `step` every `every` readings for `n` readings, then holds for `idle`. */
function counter(n: number, every: number, idle: number, step = 10): number[] {
  const work: number[] = []
  for (let i = 0; i < n; i++) work.push(Math.floor(i / every) * step)
  const last = work[work.length - 1]
  for (let i = 0; i < idle; i++) work.push(last)
  return work
}
const withWork = (work: number[], workName: string | null = 'requests') =>
  plainSeries(
    work.map((_, i) => 50e6 + (i % 7) * 1e6),
    {
      metric: 'heapUsed',
      kind: 'memory',
      unit: 'bytes',
      work,
      ...(workName ? { workName } : {}),
      file: 'memory.csv'
    }
  )

describe('readings after the load ended', () => {
  it('a healthy service sampled on after its load stopped: its idle tail is left out, and its heap is healthy', async () => {
    const report = await run('healthy-service-20s')
    expect(report.errors).toEqual([])
    expect(heapFindings(report)).toEqual([])
    const note = report.notes.find((n) => /left out of the trend rules/.test(n))
    expect(note).toMatch(
      /^memory\.csv: the last 7\d readings \([\d.]+ s\), after requests stopped at 6,000, left out of the trend rules: the load had ended/
    )
    // the chart and the whole-run figures end where the load did: the reading that counted 6,000
    const rows = readFileSync(join(fixtures, 'healthy-service-20s/memory.csv'), 'utf8').split('\n')
    const lastLoaded = rows.find((row) => row.split(',')[1] === '6000')!.split(',')[0]
    const heap = report.metrics.find((m) => m.kind === 'series' && m.metric === 'heapUsed')
    expect(heap && heap.kind === 'series' ? heap.end : null).toBe(Date.parse(lastLoaded))
  })

  it('a leaking service sampled the same way still fails on its heap, per request', async () => {
    const report = await run('leaking-service-20s')
    expect(report.verdict).toBe('fail')
    const growth = heapFindings(report).find((f) => f.signature === 'sustained-growth')
    expect(growth?.level).toBe('fail')
    // ~3.2 KiB of heap per session, one session per request
    expect(growth?.evidence.perWork).toBeGreaterThan(2.5 * 1024)
    expect(growth?.evidence.perWork).toBeLessThan(4 * 1024)
  })

  it('a counter read faster than it moves holds still for a few readings: only a far longer stop is idle', () => {
    // moves every 3rd reading: runs of 2 equal readings; a tail of 4 readings is no stop
    expect(idleTailStart(withWork(counter(100, 3, 3)))).toBeNull()
    const idle = withWork(counter(100, 3, 8))
    const start = idleTailStart(idle)
    expect(start).not.toBeNull()
    // the reading that first counted the final value stays; the 8 after it go
    expect(idle.work.length - start!).toBe(8)
    expect(idle.work[start! - 1]).toBe(idle.work[idle.work.length - 1])
    const { series, notes } = withoutIdleTails([idle])
    expect(series[0].value).toHaveLength(start!)
    expect(series[0].samples).toBe(start!)
    expect(notes).toEqual([expect.stringMatching(/^memory\.csv: the last 8 readings \(8 s\)/)])
  })

  it('leaves out a long idle end too, and keeps a series with no counter, a load too short to judge, and a counter that never stopped', () => {
    // an idle third of the file: memory at rest is the post-test snapshot's to judge
    const cooled = withWork(counter(60, 1, 30))
    expect(idleTailStart(cooled)).toBe(60)
    // the load must keep 8 readings to be judged at all
    expect(idleTailStart(withWork(counter(7, 1, 30)))).toBeNull()
    expect(idleTailStart(withWork(counter(100, 1, 8), null))).toBeNull()
    expect(idleTailStart(withWork(counter(100, 1, 0)))).toBeNull()
    // a load winding down: the counter slows to nothing, the last readings equal (requests
    // counted front-loaded): measured as it ran, not an idle end
    const windingDown = Array.from({ length: 100 }, (_, i) =>
      Math.round(60_000 * (1 - (1 - i / 99) ** 4))
    )
    expect(windingDown.slice(-4)).toEqual([60_000, 60_000, 60_000, 60_000])
    expect(idleTailStart(withWork(windingDown))).toBeNull()
    const kept = withWork(counter(100, 1, 0))
    expect(withoutIdleTails([kept])).toEqual({ series: [kept], notes: [] })
  })

  it('cuts a series with no counter of its own (docker stats) where the counters say the load ended', () => {
    const service = withWork(counter(100, 1, 20))
    // docker stats every 2 s on the same clock, running on as long
    const docker = plainSeries(
      Array.from({ length: 60 }, (_, i) => 100e6 + i * 1e5),
      { metric: 'MemUsage', kind: 'memory', unit: 'bytes', file: 'docker_stats.csv' }
    )
    docker.time = docker.time.map((t, i) => service.time[0] + i * 2000)
    const { series, notes } = withoutIdleTails([service, docker])
    // the service's last counted reading is at 99 s: docker keeps its readings up to then
    expect(series[0].value).toHaveLength(100)
    expect(series[1].time[series[1].time.length - 1]).toBe(service.time[0] + 98_000)
    expect(series[1].value).toHaveLength(50)
    expect(notes).toEqual([
      expect.stringMatching(/^memory\.csv: the last 20 readings \(20 s\), after requests stopped/),
      expect.stringMatching(
        /^docker_stats\.csv: the last 10 readings \(20 s\), after the load ended \(memory\.csv's requests stopped\), left out/
      )
    ])
    // a counter still counting to its end says the load ran on: docker stats stays whole
    const other = { ...withWork(counter(120, 1, 0)), file: 'worker.csv', id: 'worker.csv:heapUsed' }
    const whole = withoutIdleTails([service, other, docker])
    expect(whole.series[2]).toBe(docker)
    expect(whole.series[0].value).toHaveLength(100)
  })
})

/**
 * Off-heap memory added at new peaks of the load (a pool sized to the requests in flight, growing
 * to the end of an up-only ramp) against a leak kept per request in slabs: both step and stand flat
 * between steps, but a per-request leak cannot go longer than one step's worth of requests without
 * stepping. Fixtures: recorded runs in __fixtures__/pipeline/load-peaks (README there).
 */
import { runPipeline } from '../../src/pipeline.js'

const root = '__fixtures__/pipeline/load-peaks'
const run = (dir: string, config?: string) =>
  runPipeline({
    root: `${root}/${dir}`,
    ...(config ? { configPath: `${root}/${config}`, configAnywhere: true } : {}),
    now: new Date('2026-12-06T00:00:00Z')
  })

type Report = Awaited<ReturnType<typeof run>>
const levels = (report: Report, metric: RegExp) =>
  report.findings.filter((f) => metric.test(f.metric)).map((f) => `${f.signature}:${f.level}`)

describe('memory added at new peaks of the load', () => {
  it('warns on a pool that grows to the end of an up-only ramp, saying why (examples’ config)', async () => {
    const report = await run('pool-uponly', 'pool-uponly.yml')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    const external = report.findings.find(
      (f) => f.metric === 'external' && f.signature === 'sustained-growth'
    )
    expect(external?.level).toBe('warn')
    expect(external?.message).toMatch(
      /external \(counted to the byte\) rose \+40 MiB in 4 steps, flat between them for 92\.5% of the 9,494 requests: memory added at new peaks of the load \(a pool sized to the requests in flight\), not per request; its longest flat stretch \(3,498 requests\) would have kept 14\.7 MiB at its pace per request, 4\.9× its smallest step \(3 MiB\)/
    )
    // RSS and container usage that the pool accounts for warn with it (they failed as a native leak)
    const rss = report.findings.find(
      (f) => f.metric === 'rss' && f.signature === 'sustained-growth'
    )
    expect(rss?.level).toBe('warn')
    expect(rss?.message).toMatch(
      /heapUsed \(the live heap\) holds no leak, and external of the same process \(counted to the byte\), \+36\.5 MiB of its \+42\.6 MiB over the same window, rose in 4 steps/
    )
    expect(report.findings.filter((f) => f.level === 'fail')).toEqual([])
  })

  it('warns on what the pool kept after the load, with no config', async () => {
    const report = await run('pool-uponly')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    const kept = report.findings.filter(
      (f) => f.signature === 'retained-after-load' && /external|arrayBuffers/.test(f.metric)
    )
    expect(kept.length).toBeGreaterThan(0)
    for (const f of kept) {
      expect(f.level).toBe('warn')
      expect(f.message).toMatch(/shows how it arrived: .* in 4 steps/)
    }
  })

  it('still fails a native leak kept per request in 64 KiB slabs, flat between slabs', async () => {
    const report = await run('native-slab')
    expect(report.verdict).toBe('fail')
    expect(levels(report, /^(external|arrayBuffers)$/)).toEqual(
      expect.arrayContaining([
        'sustained-growth:fail',
        'sustained-growth:fail',
        'rising-floor:fail',
        'rising-floor:fail'
      ])
    )
    expect(report.findings.some((f) => /new peaks of the load/.test(f.message))).toBe(false)
  })
})

/**
 * A cache filling from the warm-up into the steady window, its heap's mean blind under a tall
 * sawtooth and RSS stepping once by less than the forced collection kept: the heap the runtime
 * reserved (heapTotal, sized to what the live heap holds) rose and flattened, so the retained
 * memory arrived while filling. A leak beside the fill keeps heapTotal and the heap's floor rising.
 */
import { runPipeline } from '../../src/pipeline.js'

const run = (root: string) =>
  runPipeline({ root, workspace: root, now: new Date('2026-12-07T12:00:00Z') })

describe('a fill that the reserved heap shows', () => {
  it('passes the cache: heapTotal rose early in its window, then flattened', async () => {
    const report = await run('examples/cache-fill-tall-sawtooth/artifacts')
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: \+35\.4 MiB \(\+90\.1%\) after load \(39\.3 MiB → 74\.8 MiB\), arrived while filling: heapTotal \(the heap the runtime reserved, sized to what the live heap holds\) of the same process \(memory\.csv\) rose \+30\.8 MiB early in its steady window, then flattened \(last third \+1\.53 MiB, \+11\.9 MiB at its pace\)/
    )
  })

  it('fails 100 B per request kept beside the cache, on the heap', async () => {
    const report = await run('__fixtures__/pipeline/fill-in-reserved-heap/cache52-leak100')
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail')
    expect(new Set(failing.map((f) => `${f.signature}:${f.metric}`))).toEqual(
      new Set([
        'sustained-growth:heapUsed',
        'rising-floor:heapUsed',
        'retained-after-load:heapUsed'
      ])
    )
    // the heap the runtime reserved kept growing with the leak: no fill is claimed
    expect(report.healthy.join('\n')).not.toMatch(/heapUsed: .*arrived while filling/)
  })
})

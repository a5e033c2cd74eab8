/**
 * A cache filling inside the steady window, its heap's mean blind under the sawtooth: RSS of the same
 * process shows the fill and its flat end, and says how the retained memory arrived. A leak beside
 * the fill keeps RSS's last third rising, so the doubt stays a warning.
 */
import { runPipeline } from '../../src/pipeline.js'

const run = (dir: string) => {
  const root = `__fixtures__/pipeline/fill-in-rss/${dir}`
  return runPipeline({ root, workspace: root, now: new Date('2026-11-25T00:00:00Z') })
}

describe('a fill that RSS shows', () => {
  it('passes the cache: RSS rose early in its window, then flattened', async () => {
    const report = await run('cache38')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(
      /heapUsed: \+28\.2 MiB \(\+77\.6%\) after load \(36\.3 MiB → 64\.5 MiB\), arrived while filling: rss of the same process \(memory\.csv\) rose \+17\.3 MiB early in its steady window, then flattened \(last third \+1\.3 MiB, \+6\.59 MiB at its pace\)/
    )
    // RSS's own retained memory is said as the fill it was, not as "flat"
    expect(healthy).toMatch(
      /rss: \+33\.4 MiB \(\+29\.2%\) after load \(114 MiB → 148 MiB\), arrived while filling, then flattened: its last third rose \+1\.3 MiB where its pace gives \+6\.59 MiB/
    )
  })

  it('still warns with 100 B per request kept beside the cache: RSS keeps rising', async () => {
    const report = await run('cache38-leak100')
    expect(report.verdict).toBe('warn')
    const retained = report.findings.find(
      (f) => f.signature === 'retained-after-load' && f.metric === 'heapUsed'
    )
    expect(retained?.level).toBe('warn')
    expect(retained?.message).toMatch(/cannot show whether it stopped growing/)
  })
})

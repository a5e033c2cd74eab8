/**
 * Memory the allocator holds that filled early and stayed (a Python worker's cache): what the
 * post-test snapshot kept had all arrived before the last half of the steady window, so it is
 * bounded. A native leak beside the same cache keeps the last half climbing at its own pace, and
 * that pace, kept over the window, adds more than any leak must: no longer excused as a fill that
 * decelerated.
 */
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

const judge = (root: string): Promise<Report> =>
  runPipeline({ root, workspace: root, now: new Date('2026-12-07T12:00:00Z') })

describe('memory that filled early and stayed', () => {
  it('passes: RSS kept +12.9 MiB, all of it there before the last half of the window', async () => {
    const report = await judge('examples/python-cache-filled/artifacts')
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.healthy.join('\n')).toMatch(
      /rss: \+12\.9 MiB \(\+65\.6%\) after load \(19\.6 MiB → 32\.5 MiB\), arrived before the last half of the steady window and stayed \(memory\.csv\): over that half it rose \+280 KiB where a leak keeping \+12\.9 MiB at one pace adds about \+5\.05 MiB/
    )
  })

  it('fails 800 B per archive beside the cache: the last half keeps a leak’s pace', async () => {
    const report = await judge('__fixtures__/pipeline/plateau/cache35-native800')
    expect(report.verdict).toBe('fail')
    const growth = report.findings.find(
      (f) => f.signature === 'sustained-growth' && f.metric === 'rss'
    )
    expect(growth?.level).toBe('fail')
    expect(report.healthy.join('\n')).not.toMatch(
      /rss: .*(decelerates|arrived before the last half)/
    )
  })
})

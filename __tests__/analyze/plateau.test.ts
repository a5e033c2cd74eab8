/**
 * Memory the allocator holds that filled early and stayed (a Python worker's cache): what the
 * post-test snapshot kept had all arrived before the last half of the steady window, so it is
 * bounded. A leak adds its share of the work in that half.
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
})

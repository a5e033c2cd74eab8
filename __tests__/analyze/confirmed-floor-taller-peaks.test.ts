/**
 * A floor the process's pages confirm is "not taller sawtooth peaks" only when it carries the mean's
 * climb. Synthetic fixture (__fixtures__/pipeline/confirmed-floor-taller-peaks): the young
 * generation grows its garbage from 8 to 24 MiB over a 180 s run while the live heap creeps +2 MiB
 * (its floor +1.64 MiB over the steady window, 3.9% of 42 MiB: under its tolerance) and RSS follows
 * that creep (+1.55 MiB, p < 0.001), so the floor's suggestive rise (+41.3 MiB/h, p = 0.076) has an
 * agreement. The mean rises +203 MiB/h, five times the floor's pace: taller peaks, not a leak.
 * Nor when the pages that confirm it stepped once (table-under-alias: a 12 MiB table loaded at 70 %
 * of a run whose readings beat with a 1.05 s sawtooth; MemUsage of the same process stepped
 * +12.9 MiB once, flat before and after, and "confirmed" the heap floor's +415 MiB/h, p = 0.06).
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

const base = '__fixtures__/pipeline/confirmed-floor-taller-peaks'
const now = new Date('2026-11-25T00:00:00Z')
const judge = (name: string): Promise<Report> =>
  runPipeline({ root: `${base}/${name}`, workspace: `${base}/${name}`, now })

describe('a confirmed floor under a far faster mean', () => {
  it('passes taller sawtooth peaks over a floor creeping under its tolerance', async () => {
    const report = await judge('young-generation')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const heap = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'heapUsed')
    expect(heap?.explanation).toMatch(/taller sawtooth peaks, not retained memory/)
  })

  it('passes a table loaded once whose container usage stepped, under a mean the sawtooth beats', async () => {
    const report = await judge('table-under-alias')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const heap = report.metrics?.find((m) => m.kind !== 'snapshot' && m.metric === 'heapUsed')
    expect(heap?.explanation).toMatch(/taller sawtooth peaks, not retained memory/)
  })
})

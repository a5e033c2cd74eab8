/**
 * Across a restart the whole window mixes two processes: the restart's fall cancels the rise
 * before it. What the live heap did, as a witness for RSS and in retained-after-load's
 * wording, is measured within the segments between restarts, never across them.
 */
import { analyze } from '../../src/analyze/index.js'
import { analyzeSeries } from '../../src/analyze/series-analysis.js'
import { describeHeapChange } from '../../src/analyze/witness.js'
import { DEFAULT_WARMUP } from '../../src/config/types.js'
import { SeriesBuilder } from '../../src/load/series-builder.js'
import type { Series } from '../../src/model.js'
import { config, heapSeries, MiB } from './synthetic.js'

const now = new Date('2026-03-01T00:00:00Z')

/** The process restarts (a new pid, no pause in sampling) at this sample of 600 (1 s apart). */
const RESTART = 300

/** `extra` restarted: the new process starts from where the first one did. */
const restarted =
  (extra: (seconds: number) => number) =>
  (seconds: number): number =>
    extra(seconds < RESTART ? seconds : seconds - RESTART)

/** The series with its pid changing at {@link RESTART}, as the loader records it. */
function withNewPid(series: Series): Series {
  return {
    ...series,
    processChanges: [
      {
        column: 'pid',
        what: 'pid',
        from: '4121',
        to: '4388',
        time: series.time[RESTART],
        samplesBefore: RESTART
      }
    ]
  }
}

/** RSS growing 3 MiB/min within each process (native memory), no sawtooth. */
const rss = withNewPid(
  heapSeries({
    seed: 21,
    metric: 'rss',
    base: 120 * MiB,
    garbageRate: 0,
    noise: 0.1 * MiB,
    extra: restarted((t) => 0.05 * MiB * t)
  })
)

describe('a live heap across a restart', () => {
  it('flat within each segment: said per segment, and it vouches as before', () => {
    const heap = withNewPid(heapSeries({ seed: 22 }))
    const result = analyze({ series: [rss, heap], config: config(), now })
    const onRss = result.findings.find(
      (f) => f.metric === 'rss' && f.signature === 'sustained-growth'
    )!
    expect(onRss.evidence).toMatchObject({ basis: 'segments', liveHeapFlat: 'memory.csv:heapUsed' })
    expect(onRss.message).toMatch(
      /heapUsed \(the live heap\) is flat within each of its 2 segments \([-+][\d.]+ [KM]iB, [-+][\d.]+ [KM]iB; split at a restart\)/
    )
  })

  it('rising within each segment (a leak the restart cut in two): it grows, so it vouches for nothing', () => {
    // 1.5 MiB/min kept within each process; over the whole window the fall cancels the rise
    const heap = withNewPid(heapSeries({ seed: 23, extra: restarted((t) => 0.025 * MiB * t) }))
    const result = analyze({ series: [rss, heap], config: config(), now })
    const onHeap = result.findings.find(
      (f) => f.metric === 'heapUsed' && f.signature === 'sustained-growth'
    )!
    expect(onHeap.level).toBe('fail')
    expect(onHeap.evidence).toMatchObject({ basis: 'segments', restart: true })
    expect(onHeap.message).toMatch(/\(a restart: pid 4121 → 4388/)
    const onRss = result.findings.filter((f) => f.metric === 'rss')
    expect(onRss.length).toBeGreaterThan(0)
    for (const finding of onRss) {
      expect(finding.level).toBe('fail')
      expect(finding.evidence.liveHeapFlat).toBeUndefined()
      expect(finding.message).not.toMatch(/is flat|rose only/)
    }
  })

  it('describeHeapChange measures the heap within its segments, not across the restart', () => {
    const heap = withNewPid(
      heapSeries({ seed: 24, garbageRate: 0.1 * MiB, extra: restarted((t) => 0.01 * MiB * t) })
    )
    const rssDetail = analyzeSeries(rss, DEFAULT_WARMUP)
    const heapDetail = analyzeSeries(heap, DEFAULT_WARMUP)
    expect(heapDetail.segmented?.resets[0].newProcess).toEqual({
      what: 'pid',
      from: '4121',
      to: '4388'
    })
    // 0.01 MiB/s within each segment of RSS's steady window (120–299 s and 300–599 s), between
    // the medians of their first and last fifths (4/5 of each span): about 1.4 MiB and 2.4 MiB, less the sawtooth
    expect(describeHeapChange(rssDetail, heapDetail)).toMatch(
      /^rose 1\.[2-7]\d* MiB and 2\.[0-6]\d* MiB within its 2 segments \(split at a restart\)$/
    )
    // The same heap without the pid: no cut (no pause, no work reset), measured over the window.
    const { processChanges: _dropped, ...unnamed } = heap
    expect(describeHeapChange(rssDetail, analyzeSeries(unnamed, DEFAULT_WARMUP))).not.toMatch(
      /segments/
    )
  })
})

describe('retained-after-load across a restart', () => {
  const snapshot = (file: string, heapUsed: number, time?: number) => ({
    file,
    values: { heapUsed },
    ...(time !== undefined ? { time } : {})
  })

  it('a heap flat within each segment: a warning that says so per segment, and that two processes are compared', () => {
    const heap = withNewPid(heapSeries({ seed: 25 }))
    const result = analyze({
      series: [heap],
      baseline: snapshot('baseline.json', 40 * MiB),
      post: snapshot('post.json', 52 * MiB),
      config: config(),
      now
    })
    const retained = result.findings.find((f) => f.signature === 'retained-after-load')!
    expect(retained.level).toBe('warn')
    expect(retained.message).toMatch(
      /^heapUsed \+12 MiB \(\+30\.0%\) after load \(40 MiB → 52 MiB\), over the 25% and 4 MiB tolerance: but memory\.csv shows heapUsed not growing within its 2 segments \(no significant trend within them .*\), split at .*\(a restart: pid 4121 → 4388\): bounded/
    )
    expect(retained.message).toMatch(
      /; baseline and post-test may come from different processes: memory\.csv restarted \(pid 4121 → 4388, 5 min into the run\): the second process/
    )
    expect(retained.message).not.toMatch(/flat in its steady part/)
  })

  it('snapshot times around the restart: the two processes are said for sure; after it, not at all', () => {
    const heap = withNewPid(heapSeries({ seed: 26, extra: restarted((t) => 0.025 * MiB * t) }))
    const at = (i: number) => heap.time[i]
    const judge = (baselineAt: number) =>
      analyze({
        series: [heap],
        baseline: snapshot('baseline.prom', 40 * MiB, baselineAt),
        post: snapshot('post.prom', 52 * MiB, at(599) + 5000),
        config: config(),
        now
      }).findings.find((f) => f.signature === 'retained-after-load')!
    const across = judge(at(10))
    expect(across.level).toBe('fail')
    expect(across.message).toMatch(
      /retained after the load stopped; baseline and post-test come from different processes: memory\.csv restarted between them \(pid 4121 → 4388, 5 min into the run\)/
    )
    // a baseline taken from the second process: one process, nothing to say
    expect(judge(at(400)).message).not.toMatch(/different processes/)
  })
})

describe('a restart in a series reduced to buckets', () => {
  /** The series as the loader keeps a long one: buckets of 2 readings (a builder of 400 points). */
  function bucketed(series: Series): Series {
    const builder = new SeriesBuilder(400)
    for (let i = 0; i < series.value.length; i++)
      builder.add(series.value[i], series.time[i], series.work[i])
    const built = builder.build({ ...series, timeBase: series.timeBase })
    return { ...built, ...(series.processChanges ? { processChanges: series.processChanges } : {}) }
  }

  it('is cut where the loader counted the new pid and judged segment by segment, as raw', () => {
    const heap = withNewPid(heapSeries({ seed: 23, extra: restarted((t) => 0.025 * MiB * t) }))
    const reduced = bucketed(heap)
    expect(reduced.reduced).toBe(true)
    expect(reduced.value).toHaveLength(300)
    const detail = analyzeSeries(reduced, DEFAULT_WARMUP)
    // reading 300 starts bucket 150: the cut is there, and that bucket is kept (it holds the new pid only)
    expect(detail.segmented?.resets).toMatchObject([
      { x: heap.time[RESTART], newProcess: { what: 'pid', from: '4121', to: '4388' } }
    ])
    const steady = reduced.value.length - detail.steadyStart
    expect(detail.segmented!.segments.reduce((sum, s) => sum + s.samples, 0)).toBe(steady)
    const result = analyze({ series: [reduced], config: config(), now })
    const onHeap = result.findings.find(
      (f) => f.metric === 'heapUsed' && f.signature === 'sustained-growth'
    )!
    expect(onHeap.level).toBe('fail')
    expect(onHeap.evidence).toMatchObject({ basis: 'segments', restart: true })
    expect(onHeap.message).toMatch(/within each of 2 segments.*\(a restart: pid 4121 → 4388/)
    expect(result.notes.join('\n')).not.toMatch(/not judged segment by segment/)
  })

  it('leaves out the bucket that holds readings of both processes', () => {
    const heap = heapSeries({ seed: 23, extra: restarted((t) => 0.025 * MiB * t) })
    // the pid changes at reading 301: bucket 150 holds one reading of each process
    const named: Series = {
      ...heap,
      processChanges: [
        {
          column: 'pid',
          what: 'pid',
          from: '4121',
          to: '4388',
          time: heap.time[301],
          samplesBefore: 301
        }
      ]
    }
    const detail = analyzeSeries(bucketed(named), DEFAULT_WARMUP)
    expect(detail.segmented?.resets).toMatchObject([
      { x: heap.time[300], newProcess: { to: '4388' } }
    ])
    const steady = 300 - detail.steadyStart
    expect(detail.segmented!.segments.reduce((sum, s) => sum + s.samples, 0)).toBe(steady - 1)
    expect(detail.segmented!.segments[1].x0).toBe(heap.time[302])
  })
})

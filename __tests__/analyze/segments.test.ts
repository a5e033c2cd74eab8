/**
 * Level resets in a live heap (heapUsed): its GC sawtooth falls every few seconds, so it is cut
 * only at restarts: a fall back to the starting level after a pause in sampling. The shape is the
 * one examples/restart-leak records: 250 ms samples, the heap climbing ~3 MiB between samples and
 * falling ~9 MiB at each collection while a leak raises the floor, a 1.5 s pause at the restart.
 */
import { isRestart, segmentTrend, unjudgedLives } from '../../src/analyze/segments.js'
import type { SpreadPoints } from '../../src/stats/downsample.js'

const MiB = 1024 * 1024

/** A leaking heap's sawtooth from `start`, `n` samples every 250 ms from time `t0`. */
function sawtooth(t0: number, n: number, start: number): { x: number[]; value: number[] } {
  const x: number[] = []
  const value: number[] = []
  for (let i = 0; i < n; i++) {
    x.push(t0 + i * 250)
    // +0.5 MiB of floor per 4 samples (the leak), +3 MiB per sample between collections every 4.
    value.push(start + (i / 4) * 0.5 * MiB + (i % 4) * 3 * MiB)
  }
  return { x, value }
}

function points(parts: Array<{ x: number[]; value: number[] }>): SpreadPoints {
  const x = parts.flatMap((p) => p.x)
  const value = parts.flatMap((p) => p.value)
  return { x, value, min: [...value], max: [...value], count: value.map(() => 1) }
}

const noStops = { firstValue: 44 * MiB, stops: [] as { time: number; until: number }[] }

describe('segmentTrend on a live heap (restarts only)', () => {
  it('cuts at a fall to the starting level after a pause, and not at the collections', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    // The restart: 1.5 s without samples, then the new process at its starting level.
    const after = sawtooth(before.x[59] + 1500, 80, 44 * MiB)
    const seg = segmentTrend(points([before, after]), 40, { ...noStops, restartsOnly: true })
    expect(seg).not.toBeNull()
    expect(seg!.resets).toHaveLength(1)
    expect(seg!.resets[0]).toMatchObject({ x: after.x[0], toStart: true, afterGap: true })
    expect(seg!.resets[0].from).toBeGreaterThan(seg!.resets[0].to)
    expect(seg!.segments).toHaveLength(2)
    expect(seg!.everySegmentGrows).toBe(true)
    expect(seg!.pValue).toBeLessThan(0.05)
  })

  it('does not cut a live heap whose fall has no pause before it (a major collection)', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 250, 80, 44 * MiB)
    expect(segmentTrend(points([before, after]), 40, { ...noStops, restartsOnly: true })).toBeNull()
  })

  it('does not cut a live heap that falls after a pause but not to its starting level', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 1500, 80, 52 * MiB)
    expect(segmentTrend(points([before, after]), 40, { ...noStops, restartsOnly: true })).toBeNull()
  })

  it('without restartsOnly, the fall of a few sawtooth steps is no reset either (10 median steps)', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 1500, 80, 44 * MiB)
    // The same restart in a series judged like RSS: the heap's own steps (3 MiB) hide it.
    expect(segmentTrend(points([before, after]), 40, noStops)).toBeNull()
  })

  it('cuts where the container was not running (0B / 0B rows), even when the new process starts higher', () => {
    // RSS of a process whose runtime had shrunk to 89 MiB, then a restart at 113 MiB (restart-healthy).
    const flat = (t0: number, n: number, level: number) => ({
      x: Array.from({ length: n }, (_, i) => t0 + i * 250),
      value: Array.from({ length: n }, (_, i) => level + (i % 3) * 0.1 * MiB)
    })
    const before = flat(0, 40, 89 * MiB)
    const after = flat(before.x[39] + 1500, 40, 113 * MiB)
    const stop = { time: before.x[39] + 500, until: before.x[39] + 1250 }
    const seg = segmentTrend(points([before, after]), 40, {
      firstValue: 104 * MiB,
      stops: [stop]
    })
    expect(seg).not.toBeNull()
    expect(seg!.resets).toHaveLength(1)
    expect(seg!.resets[0]).toMatchObject({ notRunning: true, afterGap: true, x: after.x[0] })
    expect(seg!.resets[0].size).toBeLessThan(0) // a rise
    // Without the 0B / 0B rows the rise is no reset.
    expect(
      segmentTrend(points([before, after]), 40, { firstValue: 104 * MiB, stops: [] })
    ).toBeNull()
  })

  it('reads the work counter: on through a stalled collection is no restart, back to zero is one', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    // A major collection that held the sampler up 1.5 s and fell to the starting level.
    const after = sawtooth(before.x[59] + 1500, 80, 44 * MiB)
    const all = points([before, after])
    const goesOn = all.x.map((_, i) => 125 * i)
    expect(segmentTrend(all, 40, { ...noStops, restartsOnly: true, work: goesOn })).toBeNull()
    // The same fall where the counter starts again from zero: a new process.
    const restarts = all.x.map((_, i) => (i < 60 ? 125 * i : 125 * (i - 60)))
    const seg = segmentTrend(all, 40, { ...noStops, restartsOnly: true, work: restarts })
    expect(seg!.resets).toHaveLength(1)
    expect(seg!.resets[0]).toMatchObject({ workReset: true, x: after.x[0] })
  })

  it('does not cut a live heap without a work counter at a pause shorter than a process start', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 900, 80, 44 * MiB) // 3.6 intervals: a gap, under 1 s
    expect(segmentTrend(points([before, after]), 40, { ...noStops, restartsOnly: true })).toBeNull()
  })

  it('cuts where the file names a new process (a new pid), with no pause and wherever memory went', () => {
    // The restart of the first test without its pause (the sampler ran on through it): no cut
    // by the level alone, one where the pid changed.
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 250, 80, 44 * MiB)
    const all = points([before, after])
    expect(segmentTrend(all, 40, { ...noStops, restartsOnly: true })).toBeNull()
    const processes = new Map([[60, { what: 'pid' as const, from: '4121', to: '4388' }]])
    const seg = segmentTrend(all, 40, { ...noStops, restartsOnly: true, processes })
    expect(seg!.resets).toHaveLength(1)
    expect(seg!.resets[0]).toMatchObject({
      x: after.x[0],
      afterGap: false,
      newProcess: { what: 'pid', from: '4121', to: '4388' }
    })
    expect(isRestart(seg!.resets[0])).toBe(true)
    expect(seg!.everySegmentGrows).toBe(true)
    // A new process that starts where the old one stopped (no fall at all) is cut there too.
    const onward = sawtooth(0, 140, 44 * MiB)
    const flatStart = segmentTrend(points([onward]), 40, {
      ...noStops,
      restartsOnly: true,
      processes
    })
    expect(flatStart!.resets.map((r) => r.x)).toEqual([onward.x[60]])
  })

  it('a crash loop the file names (five new pids) is judged in six segments; five unnamed falls are a sawtooth', () => {
    const parts = Array.from({ length: 6 }, (_, k) => sawtooth(k * 20_000, 60, 44 * MiB))
    const all = points(parts)
    const processes = new Map(
      [1, 2, 3, 4, 5].map((k) => [k * 60, { what: 'pid' as const, from: `${k}`, to: `${k + 1}` }])
    )
    const seg = segmentTrend(all, 40, { ...noStops, restartsOnly: true, processes })
    expect(seg!.segments).toHaveLength(6)
    expect(seg!.resets.every((r) => r.newProcess !== undefined)).toBe(true)
    expect(seg!.everySegmentGrows).toBe(true)
    // the same falls after pauses but with no pid: more than three resets, no segments
    expect(segmentTrend(all, 40, { ...noStops, restartsOnly: true })).toBeNull()
  })

  it('a crash loop of 15 named lives: every one cut (no cap), each judged on its last half', () => {
    // RSS of a worker recycled every 24 samples: 3 samples of start-up climb, then flat.
    const life = (t0: number): { x: number[]; value: number[] } => ({
      x: Array.from({ length: 24 }, (_, i) => t0 + i * 1000),
      value: Array.from(
        { length: 24 },
        (_, i) => 78 * MiB - Math.max(0, 3 - i) * 3 * MiB + ((i * 7) % 5) * 0.2 * MiB
      )
    })
    const lives = Array.from({ length: 15 }, (_, k) => life(k * 26_000))
    const processes = new Map(
      lives
        .slice(1)
        .map((_, k) => [(k + 1) * 24, { what: 'pid' as const, from: `${k}`, to: `${k + 1}` }])
    )
    const seg = segmentTrend(points(lives), 40, { ...noStops, firstValue: 69 * MiB, processes })!
    expect(seg.resets).toHaveLength(14)
    expect(seg.lastHalves).toBe(true)
    // each judged part is the second half of its life: the start-up climb is left out
    expect(seg.segments.map((part) => part.x0)).toEqual(lives.map((l) => l.x[12]))
    expect(seg.everySegmentGrows).toBe(false)
    // the same lives climbing to their end (a leak killed each time): every part grows
    const leaking = lives.map((l) => ({ x: l.x, value: l.value.map((v, i) => v + i * 2 * MiB) }))
    const leak = segmentTrend(points(leaking), 40, { ...noStops, firstValue: 69 * MiB, processes })!
    expect(leak.everySegmentGrows && leak.lastKeepsPace).toBe(true)
    expect(leak.pValue).toBeLessThan(0.001)
  })

  it('a pid the file names at every row: a fall with the same pid is no restart, a new pid is one', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 1500, 80, 44 * MiB)
    const all = points([before, after])
    // a live heap back at its start after a pause: a restart, unless the pid stayed the same
    expect(segmentTrend(all, 40, { ...noStops, restartsOnly: true })!.resets).toHaveLength(1)
    expect(segmentTrend(all, 40, { ...noStops, restartsOnly: true, pidWitness: true })).toBeNull()
    // RSS-like (cut at every large fall): cut, but the same pid makes it no restart
    const rssLike = points([
      { x: before.x, value: before.x.map((_, i) => 80 * MiB + i * 0.5 * MiB) },
      { x: after.x, value: after.x.map((_, i) => 80 * MiB + i * 0.5 * MiB) }
    ])
    const same = segmentTrend(rssLike, 40, { ...noStops, firstValue: 80 * MiB, pidWitness: true })!
    expect(same.resets).toHaveLength(1)
    expect(same.resets[0]).toMatchObject({ samePid: true, afterGap: true })
    expect(isRestart(same.resets[0])).toBe(false)
    // a new pid there with no pause, while a work counter counts on through it: a restart, back
    // at its start (the counter may be a load generator's logged beside the memory)
    const noPause = points([
      { x: before.x, value: before.x.map((_, i) => 80 * MiB + i * 0.5 * MiB) },
      { x: after.x.map((x) => x - 1250), value: after.x.map((_, i) => 80 * MiB + i * 0.5 * MiB) }
    ])
    const processes = new Map([[60, { what: 'pid' as const, from: '4121', to: '4388' }]])
    const work = noPause.x.map((_, i) => i * 500)
    const named = segmentTrend(noPause, 40, {
      ...noStops,
      firstValue: 80 * MiB,
      pidWitness: true,
      processes,
      work
    })!
    expect(named.resets[0]).toMatchObject({
      toStart: true,
      afterGap: false,
      newProcess: processes.get(60)
    })
    expect(isRestart(named.resets[0])).toBe(true)
  })

  it('3 named lives warming up: judged on their later halves; the same lives leaking: whole', () => {
    // RSS sampled every second, 40 samples a life: a start-up climb of 20 MiB levelling off
    // within the first 12 samples (concave), then flat with a little allocator noise.
    const life = (t0: number, leak: number): { x: number[]; value: number[] } => ({
      x: Array.from({ length: 40 }, (_, i) => t0 + i * 1000),
      value: Array.from(
        { length: 40 },
        (_, i) =>
          80 * MiB + 20 * MiB * (1 - Math.exp(-i / 4)) + ((i * 7) % 5) * 0.1 * MiB + i * leak
      )
    })
    const processes = new Map([
      [40, { what: 'pid' as const, from: '1', to: '2' }],
      [80, { what: 'pid' as const, from: '2', to: '3' }]
    ])
    const run = { ...noStops, firstValue: 80 * MiB, processes }
    const warming = [0, 1, 2].map((k) => life(k * 42_000, 0))
    const healthy = segmentTrend(points(warming), 40, run)!
    expect(healthy.resets).toHaveLength(2)
    expect(healthy.lastHalves).toBe(true)
    // each judged part starts halfway through its life, after the climb
    expect(healthy.segments.map((part) => part.x0)).toEqual(warming.map((l) => l.x[20]))
    expect(healthy.pValue).toBeGreaterThan(0.01)
    // 0.5 MiB per sample to the end of every life: the later halves keep the lives' pace
    const leaking = [0, 1, 2].map((k) => life(k * 42_000, 0.5 * MiB))
    const leak = segmentTrend(points(leaking), 40, run)!
    expect(leak.lastHalves).toBe(false)
    expect(leak.segments.map((part) => part.x0)).toEqual(leaking.map((l) => l.x[0]))
    expect(leak.everySegmentGrows && leak.lastKeepsPace).toBe(true)
    expect(leak.pValue).toBeLessThan(0.001)
  })

  it('says why a named crash loop was judged as one window: lives too short', () => {
    const processes = new Map(
      Array.from({ length: 14 }, (_, k) => [
        (k + 1) * 10,
        { what: 'pid' as const, from: '1', to: '2' }
      ])
    )
    expect(unjudgedLives(14, processes, 150)).toMatch(
      /^restarted 14 times, but none of its 15 lives in the steady window has the 16 samples to be judged on its own: judged as one window/
    )
    expect(unjudgedLives(2, new Map(), 150)).toBe('')
  })
})

/**
 * A long series the loader reduced to buckets: means of k readings with their min and max, the
 * time of the first. A restart's fall and pause can fall inside a bucket.
 */
function buckets(p: SpreadPoints, k: number): SpreadPoints {
  const out: SpreadPoints = { x: [], value: [], min: [], max: [], count: [] }
  for (let i = 0; i < p.value.length; i += k) {
    const part = p.value.slice(i, i + k)
    out.x.push(p.x[i])
    out.value.push(part.reduce((sum, v) => sum + v, 0) / part.length)
    out.min.push(Math.min(...part))
    out.max.push(Math.max(...part))
    out.count.push(part.length)
  }
  return out
}

describe('segmentTrend on buckets (a reduced series)', () => {
  it('finds a live heap restarted within a bucket (fall to the start, pause) and leaves that bucket out', () => {
    // 61 readings, then 1.5 s without samples: bucket 30 holds the last reading and the first new one
    const before = sawtooth(0, 61, 44 * MiB)
    const after = sawtooth(before.x[60] + 1500, 81, 44 * MiB)
    const reduced = buckets(points([before, after]), 2)
    const seg = segmentTrend(reduced, 40, { ...noStops, restartsOnly: true })
    expect(seg).not.toBeNull()
    expect(seg!.resets).toHaveLength(1)
    expect(seg!.resets[0]).toMatchObject({
      x: reduced.x[30],
      to: 44 * MiB,
      toStart: true,
      afterGap: true
    })
    expect(seg!.segments.map((s) => s.samples)).toEqual([30, 40])
    expect(seg!.segments[1].x0).toBe(reduced.x[31])
    expect(seg!.everySegmentGrows).toBe(true)
    expect(seg!.pValue).toBeLessThan(0.05)
  })

  it('does not cut a live heap in buckets at a fall with no pause (its collections)', () => {
    const before = sawtooth(0, 61, 44 * MiB)
    const after = sawtooth(before.x[60] + 250, 81, 44 * MiB)
    expect(
      segmentTrend(buckets(points([before, after]), 2), 40, { ...noStops, restartsOnly: true })
    ).toBeNull()
  })

  it('a new process the loader counted: its bucket left out unless the restart starts it', () => {
    const before = sawtooth(0, 60, 44 * MiB)
    const after = sawtooth(before.x[59] + 250, 80, 60 * MiB)
    const reduced = buckets(points([before, after]), 2)
    const processes = new Map([[30, { what: 'pid' as const, from: '4121', to: '4388' }]])
    const run = { ...noStops, restartsOnly: true, processes }
    expect(segmentTrend(reduced, 40, run)!.segments.map((s) => s.samples)).toEqual([30, 39])
    const clean = segmentTrend(reduced, 40, { ...run, clean: new Set([30]) })!
    expect(clean.segments.map((s) => s.samples)).toEqual([30, 40])
    expect(clean.resets[0]).toMatchObject({ x: after.x[0], newProcess: { to: '4388' } })
  })
})

import fc from 'fast-check'
import { MAX_POINTS, SeriesBuilder } from '../../src/load/series-builder.js'

const meta = {
  id: 'f:m',
  file: 'f',
  metric: 'm',
  kind: 'memory' as const,
  unit: 'bytes' as const,
  timeBase: 'epoch' as const
}

describe('SeriesBuilder', () => {
  it('keeps every sample while under capacity', () => {
    const builder = new SeriesBuilder(8)
    for (let i = 0; i < 8; i++) builder.add(i * 10, i * 1000, i)
    const series = builder.build(meta)
    expect(series.value).toEqual([0, 10, 20, 30, 40, 50, 60, 70])
    expect(series.count).toEqual([1, 1, 1, 1, 1, 1, 1, 1])
    expect(series.reduced).toBe(false)
    expect(series.samples).toBe(8)
  })

  it('merges adjacent pairs when full: mean, min, max, first time, last work', () => {
    const builder = new SeriesBuilder(4)
    const values = [5, 1, 7, 3, 9, 2]
    values.forEach((v, i) => builder.add(v, 100 + i, i * 10))
    const series = builder.build(meta)
    // 4 points full → halve to [5,1],[7,3] then new bucket size 2: [9,2]
    expect(series.value).toEqual([3, 5, 5.5])
    expect(series.min).toEqual([1, 3, 2])
    expect(series.max).toEqual([5, 7, 9])
    expect(series.time).toEqual([100, 102, 104])
    expect(series.work).toEqual([10, 30, 50])
    expect(series.count).toEqual([2, 2, 2])
    expect(series.reduced).toBe(true)
    expect(series.samples).toBe(6)
  })

  it('ignores NaN values', () => {
    const builder = new SeriesBuilder(4)
    builder.add(NaN, 0, NaN)
    builder.add(1, 1, NaN)
    expect(builder.build(meta).value).toEqual([1])
  })

  it('never keeps more than the cap and preserves total count, sum, extremes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 300 }), (values) => {
        const builder = new SeriesBuilder(16)
        values.forEach((v, i) => builder.add(v, i, i))
        const series = builder.build(meta)
        expect(series.value.length).toBeLessThanOrEqual(16)
        expect(series.count.reduce((a, b) => a + b, 0)).toBe(values.length)
        const sum = series.value.reduce((a, v, i) => a + v * series.count[i], 0)
        expect(sum).toBeCloseTo(
          values.reduce((a, b) => a + b, 0),
          6
        )
        if (values.length > 0) {
          expect(Math.min(...series.min)).toBe(Math.min(...values))
          expect(Math.max(...series.max)).toBe(Math.max(...values))
          expect(series.time[0]).toBe(0)
          expect(series.work[series.work.length - 1]).toBe(values.length - 1)
        }
      })
    )
  })

  it('addBlock gives exactly what one add per sample gives (NaN values and works, grows, halvings)', () => {
    const sample = fc.record({
      value: fc.oneof(fc.double({ noDefaultInfinity: true }), fc.constant(NaN), fc.integer()),
      time: fc.oneof(fc.integer(), fc.constant(NaN)),
      work: fc.oneof(fc.integer(), fc.constant(NaN))
    })
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 200 }),
        fc.constantFrom(2, 4, 16, MAX_POINTS),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (samples, capacity, blockSizes, offset, stride) => {
          const one = new SeriesBuilder(capacity)
          for (const { value, time, work } of samples) one.add(value, time, work)
          const blocks = new SeriesBuilder(capacity)
          let at = 0
          for (let b = 0; at < samples.length; b++) {
            const n = Math.min(blockSizes[b % blockSizes.length], samples.length - at)
            // the values at an offset and a stride in a larger array, as a loader stages them
            const values = new Float64Array(offset + n * stride).fill(-1)
            const times = new Float64Array(n + 2).fill(-2)
            const works = new Float64Array(n + 2).fill(-3)
            for (let j = 0; j < n; j++) {
              values[offset + j * stride] = samples[at + j].value
              times[j] = samples[at + j].time
              works[j] = samples[at + j].work
            }
            blocks.addBlock(values, offset, times, works, n, stride)
            at += n
          }
          expect(blocks.samples).toBe(one.samples)
          expect(blocks.build(meta)).toEqual(one.build(meta))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('addDenseBlock gives exactly what one add per sample gives (no NaN value; works or none)', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(0, -0)
    )
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(
          fc.record({
            value,
            time: fc.oneof(fc.integer(), fc.constant(NaN)),
            work: fc.oneof(fc.integer(), fc.constant(NaN))
          }),
          { maxLength: 200 }
        ),
        fc.constantFrom(2, 4, 16, MAX_POINTS),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (withWork, drawn, capacity, blockSizes, offset, stride) => {
          // without a work column every work is NaN (what the loader stages then)
          const samples = withWork ? drawn : drawn.map((s) => ({ ...s, work: NaN }))
          const one = new SeriesBuilder(capacity)
          for (const { value, time, work } of samples) one.add(value, time, work)
          const blocks = new SeriesBuilder(capacity)
          let at = 0
          for (let b = 0; at < samples.length; b++) {
            const n = Math.min(blockSizes[b % blockSizes.length], samples.length - at)
            const values = new Float64Array(offset + n * stride).fill(-1)
            const times = new Float64Array(n + 2).fill(-2)
            const works = new Float64Array(n + 2).fill(-3)
            for (let j = 0; j < n; j++) {
              values[offset + j * stride] = samples[at + j].value
              times[j] = samples[at + j].time
              works[j] = samples[at + j].work
            }
            blocks.addDenseBlock(values, offset, stride, times, works, n, withWork)
            at += n
          }
          expect(blocks.samples).toBe(one.samples)
          expect(blocks.build(meta)).toEqual(one.build(meta))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('holds a million samples in at most MAX_POINTS points', () => {
    const builder = new SeriesBuilder()
    for (let i = 0; i < 1_000_000; i++) builder.add(i % 100, i, NaN)
    const series = builder.build(meta)
    expect(series.value.length).toBeLessThanOrEqual(MAX_POINTS)
    expect(series.value.length).toBeGreaterThan(MAX_POINTS / 2)
    expect(series.samples).toBe(1_000_000)
  })
})

/**
 * The bound that tells memory added at new peaks of the load from memory kept per request: a leak
 * that keeps a fixed number of bytes per request, in quanta (Buffers from 64 KiB slabs), steps at
 * least once per quantum's worth of requests whatever the rate does, so no flat stretch owes more
 * than one step at its pace; a pool sized to the requests in flight stands flat between new peaks.
 * Own values: an up-only ramp from 50 to 600 requests/s over 30 s, sampled every 250 ms.
 */
import { analyzeSeries } from '../../src/analyze/series-analysis.js'
import { loadPeakGrowth } from '../../src/analyze/load-peaks.js'
import { DEFAULT_WARMUP } from '../../src/config/types.js'
import type { Series } from '../../src/model.js'

const KiB = 1024
const MiB = 1024 * KiB
const SLAB = 64 * KiB
const INTERVAL = 250

/** Requests done by the end of each sample of the ramp (rate 50 → 600/s, linear in time). */
const requests: number[] = []
for (let i = 0, done = 0; i <= 120; i++) {
  const t = (i * INTERVAL) / 1000
  const rate = 50 + (550 * t) / 30
  if (i > 0) done += (rate * INTERVAL) / 1000
  requests.push(Math.floor(done))
}

/** The same requests at a steady 325 requests/s: nothing reaches a new peak. */
const steady = requests.map((_, i) => Math.floor((325 * i * INTERVAL) / 1000))

function arrayBuffers(value: (i: number) => number, work: number[] = requests): Series {
  const time = work.map((_, i) => Date.UTC(2026, 11, 6) + i * INTERVAL)
  const values = requests.map((_, i) => value(i))
  return {
    id: 'memory.csv:arrayBuffers',
    file: 'memory.csv',
    metric: 'arrayBuffers',
    kind: 'memory',
    unit: 'bytes',
    timeBase: 'epoch',
    time,
    work,
    workName: 'requests',
    value: values,
    min: values,
    max: values,
    count: values.map(() => 1),
    samples: values.length,
    reduced: false
  }
}

describe('memory added at new peaks of the load', () => {
  it.each([25, 50, 100, 200, 512, 1024])(
    'is never read in a leak of %i B per request kept in 64 KiB slabs under the ramp',
    (bytes) => {
      // the slab is taken when the bytes kept so far outgrow the slabs already held
      const leak = arrayBuffers((i) => Math.ceil((requests[i] * bytes) / SLAB) * SLAB)
      expect(loadPeakGrowth(analyzeSeries(leak, DEFAULT_WARMUP))).toBeNull()
    }
  )

  it('is read in a pool of 1 MiB buffers that grows at a few new peaks of concurrency', () => {
    // new peaks of requests in flight at samples 40, 75, 100 and 110: 15, 22, 45, 48 buffers
    const pool = (i: number) => (i < 40 ? 8 : i < 75 ? 15 : i < 100 ? 22 : i < 110 ? 45 : 48) * MiB
    const read = loadPeakGrowth(analyzeSeries(arrayBuffers(pool), DEFAULT_WARMUP))
    expect(read).not.toBeNull()
    expect(read!.steps).toBe(4)
    expect(read!.smallest).toBe(3 * MiB)
    expect(read!.owed / read!.smallest).toBeGreaterThan(2)
    expect(read!.text).toMatch(/a pool sized to the requests in flight\), not per request/)
  })

  it('is never read under a steady load: large buffers kept now and then are a leak', () => {
    // the pool's staircase under a constant rate: 200 KiB-sized leaks every few hundred requests look alike
    const stairs = (i: number) =>
      (i < 40 ? 8 : i < 75 ? 15 : i < 100 ? 22 : i < 110 ? 45 : 48) * MiB
    expect(loadPeakGrowth(analyzeSeries(arrayBuffers(stairs, steady), DEFAULT_WARMUP))).toBeNull()
  })
})

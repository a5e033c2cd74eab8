/**
 * The collection-counter pass over a Prometheus file (plan/collections-witness.ts): only label
 * sets that can be witnesses (generation 2, major or old-generation collections) become series;
 * the others are skipped as they are read, and at most a cap of them is kept per file, with a note.
 */
import { loadSeries, loadSeriesFiles, splitText, toAsync } from '../../src/load/index.js'
import type { SampleFilter } from '../../src/load/types.js'
import {
  COLLECTION_COUNTERS_FILTER,
  COLLECTION_COUNTER_FAMILIES,
  MAX_COLLECTION_COUNTERS,
  MAX_COUNTERS_PER_PROCESS,
  agreementIndex,
  collectionCountersFilter
} from '../../src/plan/collections-witness.js'
import { identityAgrees } from '../../src/understand/process-labels.js'

const spec = {
  file: 'metrics.prom',
  metrics: Object.fromEntries(COLLECTION_COUNTER_FAMILIES.map((f) => [f, 'count' as const]))
}

function load(text: string, samples: SampleFilter = COLLECTION_COUNTERS_FILTER) {
  return loadSeries(toAsync(splitText(text)), {
    file: 'metrics.prom',
    format: 'prometheus',
    spec,
    samples
  })
}

/** Scrapes a second apart (ms timestamps), each with the lines `at(i)` gives. */
function scrapes(count: number, at: (i: number) => string[]): string {
  const start = Date.parse('2026-11-20T09:00:00Z')
  const lines: string[] = []
  for (let i = 0; i < count; i++)
    for (const line of at(i)) lines.push(`${line} ${start + i * 1000}`)
  return `${lines.join('\n')}\n`
}

const MAJOR = 'action="end of major GC",cause="G1 Compaction Pause",gc="G1 Old Generation"'
const MINOR = 'action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"'

describe('the collection-counter pass keeps only what can be a witness', () => {
  it('major and generation-2 counters become series; minor ones, other generations and other families do not', async () => {
    const text = scrapes(5, (i) => [
      `jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} ${1e8 + i}`,
      `jvm_gc_pause_seconds_count{${MINOR}} ${3 * i}`,
      `jvm_gc_pause_seconds_sum{${MAJOR}} ${0.1 * i}`,
      `jvm_gc_pause_seconds_count{${MAJOR}} ${i}`,
      `jvm_gc_collection_seconds_count{gc="PS MarkSweep"} ${i}`,
      `jvm_gc_collection_seconds_count{gc="PS Scavenge"} ${5 * i}`,
      `python_gc_collections_total{generation="1"} ${2 * i}`,
      `python_gc_collections_total{generation="2"} ${i}`
    ])
    const loaded = await load(text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.metric).sort()).toEqual([
      'jvm_gc_collection_seconds_count{gc="PS MarkSweep"}',
      `jvm_gc_pause_seconds_count{${MAJOR}}`,
      'python_gc_collections_total{generation="2"}'
    ])
    for (const one of loaded.series) {
      expect(one.value).toEqual([0, 1, 2, 3, 4])
      expect(one.timeBase).toBe('epoch')
    }
    // the same file read whole holds every family (the filter is what leaves them out)
    const whole = await loadSeries(toAsync(splitText(text)), {
      file: 'metrics.prom',
      format: 'prometheus',
      spec: { file: 'metrics.prom' }
    })
    expect(whole.series.map((s) => s.metric)).toContain(
      'jvm_memory_used_bytes{area="heap",id="G1 Old Gen"}'
    )
  })

  it('keeps the process restarts its start time shows, though that family is not kept', async () => {
    const text = scrapes(6, (i) => [
      `process_start_time_seconds ${i < 3 ? 1763629000 : 1763629300}`,
      `jvm_gc_pause_seconds_count{${MAJOR}} ${i < 3 ? i : i - 3}`
    ])
    const loaded = await load(text)
    expect(loaded.series).toHaveLength(1)
    expect(loaded.series[0].processChanges).toHaveLength(1)
    expect(loaded.series[0].processChanges![0].samplesBefore).toBe(3)
  })

  it.each([
    ['an ISO time', (ms: number) => new Date(ms).toISOString()],
    ['an epoch time', (ms: number) => String(ms / 1000)],
    [
      "date's output",
      (ms: number) => `Fri Nov 20 09:00:${String((ms / 1000) % 60).padStart(2, '0')} UTC 2026`
    ]
  ])(
    'a scrape loop writing %s on its own line before each scrape: the counters keep those times',
    async (_, time) => {
      // the filter skips lines of other families unparsed; a bare time line is none of them
      const start = Date.parse('2026-11-20T09:00:00Z')
      const lines: string[] = []
      for (let i = 0; i < 5; i++)
        lines.push(
          time(start + i * 5000),
          `process_resident_memory_bytes ${1e8 + i}`,
          `python_gc_collections_total{generation="0"} ${9 * i}`,
          `python_gc_collections_total{generation="2"} ${i}`
        )
      const loaded = await load(`${lines.join('\n')}\n`)
      expect(loaded.errors).toEqual([])
      expect(loaded.series).toHaveLength(1)
      expect(loaded.series[0].timeBase).toBe('epoch')
      expect(loaded.series[0].time).toEqual([0, 1, 2, 3, 4].map((i) => start + i * 5000))
      expect(loaded.series[0].value).toEqual([0, 1, 2, 3, 4])
    }
  )

  it('a file holding none of them gives no series and no error', async () => {
    const loaded = await load(scrapes(4, (i) => [`jvm_gc_pause_seconds_count{${MINOR}} ${i}`]))
    expect(loaded.series).toEqual([])
    expect(loaded.errorCount).toBe(0)
  })
})

describe('at most a cap of counters per file', () => {
  const instances = (n: number) =>
    scrapes(3, (i) =>
      Array.from(
        { length: n },
        (_, k) => `jvm_gc_pause_seconds_count{${MAJOR},instance="app-${k}"} ${i + k}`
      )
    )

  it(`the first ${MAX_COLLECTION_COUNTERS} in file order are read, with a note saying others were left out`, async () => {
    const loaded = await load(instances(MAX_COLLECTION_COUNTERS + 36))
    expect(loaded.errors).toEqual([])
    expect(loaded.series).toHaveLength(MAX_COLLECTION_COUNTERS)
    expect(loaded.series[0].metric).toContain('instance="app-0"')
    expect(loaded.series.every((s) => s.value.length === 3)).toBe(true)
    expect(loaded.notes).toContain(
      `more than ${MAX_COLLECTION_COUNTERS} collection counters of older generations in metrics.prom: the first ${MAX_COLLECTION_COUNTERS} of each file read, the others left out`
    )
  })

  it('no note at the cap itself', async () => {
    const loaded = await load(instances(MAX_COLLECTION_COUNTERS))
    expect(loaded.series).toHaveLength(MAX_COLLECTION_COUNTERS)
    expect(loaded.notes?.some((n) => n.includes('left out'))).toBe(false)
  })

  it('counts per file: each file of a glob keeps its own', async () => {
    const filter = { ...COLLECTION_COUNTERS_FILTER, maxSeries: 2 }
    const file = (n: number) =>
      scrapes(3, (i) =>
        Array.from(
          { length: n },
          (_, k) => `jvm_gc_pause_seconds_count{${MAJOR},instance="app-${k}"} ${i}`
        )
      )
    const loaded = await loadSeriesFiles(
      [
        { file: 'a/metrics.prom', lines: toAsync(splitText(file(3))) },
        { file: 'b/metrics.prom', lines: toAsync(splitText(file(2))) }
      ],
      {
        file: '*/metrics.prom',
        format: 'prometheus',
        spec: { ...spec, file: '*/metrics.prom' },
        samples: filter
      }
    )
    expect(loaded.series).toHaveLength(4)
    expect(loaded.notes).toContain(
      'more than 2 collection counters of older generations in a/metrics.prom: the first 2 of each file read, the others left out'
    )
  })
})

describe("chosen by the judged series' processes, not by file order", () => {
  /** 100 pods' major counters, pod 0 first; each pod's count is its number. */
  const pods = (n: number, extra = '') =>
    scrapes(3, () =>
      Array.from(
        { length: n },
        (_, k) => `jvm_gc_pause_seconds_count{${MAJOR},pod="web-${k}"${extra}} ${k}`
      )
    )
  const memoryOf = (k: number) => `process_resident_memory_bytes{pod="web-${k}"}`

  it('a scrape of 100 pods judging every pod keeps each pod its own counter (more than 64), no note', async () => {
    const judged = Array.from({ length: 100 }, (_, k) => memoryOf(k))
    const loaded = await load(pods(100), collectionCountersFilter(judged))
    expect(loaded.errors).toEqual([])
    expect(loaded.series).toHaveLength(100)
    expect(loaded.series.find((s) => s.metric.includes('pod="web-99"'))?.value).toEqual([
      99, 99, 99
    ])
    expect(loaded.notes?.some((n) => n.includes('left out'))).toBe(false)
  })

  it('judging the last pod of 100 keeps its counter and skips the 99 others (never its witnesses)', async () => {
    const loaded = await load(pods(100), collectionCountersFilter([memoryOf(99)]))
    expect(loaded.series.map((s) => s.metric)).toEqual([
      `jvm_gc_pause_seconds_count{${MAJOR},pod="web-99"}`
    ])
    expect(loaded.notes?.some((n) => n.includes('left out'))).toBe(false)
    // file order alone kept the first 64 and lost it
    const first = await load(pods(100))
    expect(first.series.some((s) => s.metric.includes('pod="web-99"'))).toBe(false)
  })

  it('the labels compared are those naming a process, in any order; a heap space or cause is not one', async () => {
    const loaded = await load(
      scrapes(3, (i) => [
        `jvm_gc_pause_seconds_count{${MAJOR},instance="10.0.0.2:8080",job="api"} ${i}`,
        `jvm_gc_pause_seconds_count{${MAJOR},instance="10.0.0.1:8080",job="api"} ${2 * i}`
      ]),
      collectionCountersFilter([
        'jvm_memory_used_bytes{job="api",instance="10.0.0.1:8080",area="heap",id="G1 Old Gen"}'
      ])
    )
    expect(loaded.series.map((s) => s.value)).toEqual([[0, 2, 4]])
  })

  it(`at most ${MAX_COUNTERS_PER_PROCESS} of one process's own, with a note saying how they were chosen`, async () => {
    const causes = scrapes(3, (i) =>
      Array.from(
        { length: MAX_COUNTERS_PER_PROCESS + 4 },
        (_, k) =>
          `jvm_gc_pause_seconds_count{action="end of major GC",cause="cause ${k}",gc="G1 Old Generation",pod="web-1"} ${i}`
      )
    )
    const loaded = await load(causes, collectionCountersFilter([memoryOf(1)]))
    expect(loaded.series).toHaveLength(MAX_COUNTERS_PER_PROCESS)
    expect(loaded.notes).toContain(
      `collection counters of older generations in metrics.prom past a cap: each judged process's own counters (at most ${MAX_COUNTERS_PER_PROCESS} a process, 1024 in all), then the first ${MAX_COLLECTION_COUNTERS} whose labels may be a judged process's read, the others left out`
    )
  })

  it(`counters that only may be a judged process's (its labels and more): the first ${MAX_COLLECTION_COUNTERS}, after its own`, async () => {
    // a judged series naming no process agrees with every counter; its own carries no label either
    const text = scrapes(3, (i) => [
      ...Array.from(
        { length: MAX_COLLECTION_COUNTERS + 10 },
        (_, k) => `jvm_gc_pause_seconds_count{${MAJOR},instance="app-${k}"} ${i}`
      ),
      `jvm_gc_pause_seconds_count{${MAJOR}} ${5 * i}`
    ])
    const loaded = await load(
      text,
      collectionCountersFilter(['jvm_memory_used_bytes{area="heap"}'])
    )
    expect(loaded.series).toHaveLength(MAX_COLLECTION_COUNTERS + 1)
    expect(
      loaded.series.find((s) => s.metric === `jvm_gc_pause_seconds_count{${MAJOR}}`)?.value
    ).toEqual([0, 5, 10])
  })

  it("whether a key may be a judged process's: the same answer as comparing it with each judged one", () => {
    // every set of identifying labels over three names, each absent, "a" or "b": 27
    const every: Map<string, string>[] = [new Map()]
    for (const name of ['pod', 'instance', 'job'])
      for (const base of every.splice(0))
        for (const value of [undefined, 'a', 'b'])
          every.push(value === undefined ? base : new Map([...base, [name, value]]))
    expect(every).toHaveLength(27)
    const lists = [[], ...every.map((_, k) => every.filter((_, j) => (j * 7 + k) % 5 === 0))]
    for (const processes of lists) {
      const agrees = agreementIndex(processes)
      for (const labels of every)
        expect([processes.length, [...labels], agrees(labels)]).toEqual([
          processes.length,
          [...labels],
          processes.some((process) => identityAgrees(process, labels))
        ])
    }
  })

  it('10^4 label sets of other processes are skipped, each weighed once per file', async () => {
    const loaded = await load(
      scrapes(2, () =>
        Array.from(
          { length: 10_000 },
          (_, k) => `python_gc_collections_total{generation="2",pid="${k + 2}"} 1`
        )
      ).concat(scrapes(1, () => ['python_gc_collections_total{generation="2",pid="1"} 3'])),
      collectionCountersFilter(['process_resident_memory_bytes{pid="1"}'])
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.metric)).toEqual([
      'python_gc_collections_total{generation="2",pid="1"}'
    ])
  })
})

/**
 * Every sample in `__fixtures__/load/samples/` (copied from ../shared/samples,
 * real tool output) that carries memory or work data loads with the right values.
 */
import { readLines } from '../../src/io/read-lines.js'
import { sniffFormat } from '../../src/understand/sniff.js'
import { readHead } from '../../src/io/read-lines.js'
import { fixture, loadFixtureSeries, loadFixtureSnapshot, pick } from './helpers.js'
import { loadSeries } from '../../src/load/index.js'

const GiB = 1024 ** 3

describe('docker stats samples', () => {
  it.each([
    [
      'docker-stats-table.txt',
      [
        ['awesome_brattain', 5902434, Math.round(1.952 * GiB)],
        ['foobar', 1810891, Math.round(1.952 * GiB)],
        ['test-1951.1.kay7x1lh1twk9c0oig50sd5tr', 200704, Math.round(1.952 * GiB)],
        ['random.1.vnc8on831idyr42slu578u3cr', 1753219, Math.round(1.952 * GiB)]
      ]
    ],
    [
      'docker-stats-table-windows.txt',
      [
        ['09d3bb5b1604', 40066089, undefined],
        ['9db7aa4d986d', 40118518, undefined],
        ['3f214c61ad1d', 30031217, undefined]
      ]
    ],
    [
      'docker-stats-custom-format-stopped.txt',
      [
        ['fervent_panini', 57344, Math.round(15.57 * GiB)],
        ['5acfcb1b4fd1', 34456207, Math.round(15.57 * GiB)],
        ['humble_visvesvaraya', 0, undefined],
        ['big_heisenberg', 0, undefined]
      ]
    ],
    [
      'docker-stats-json.jsonl',
      [
        ['nginx', 2466251, Math.round(982.5 * 1024 ** 2)],
        ['angry_hugle', 302199603, Math.round(29.29 * GiB)]
      ]
    ]
  ] as const)('%s: MemUsage per container, usage and limit in bytes', async (file, expected) => {
    const loaded = await loadFixtureSeries(`samples/${file}`, 'docker-stats')
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(expected.length)
    // A stopped container (`0B / 0B`) has no readings: its rows are gaps, not zero bytes.
    const running = expected.filter(([, usage]) => usage > 0)
    expect(loaded.series).toHaveLength(running.length)
    for (const [container, usage, limit] of running) {
      const series = pick(loaded.series, 'MemUsage', container)
      expect(series.value).toEqual([usage])
      expect(series.limit).toBe(limit)
      expect(series.kind).toBe('memory')
      expect(series.unit).toBe('bytes')
      expect(series.timeBase).toBe('none')
      expect(series.id).toBe(`${file}:MemUsage[${container}]`)
    }
  })
})

describe('snapshot samples', () => {
  it.each([
    [
      'prom-client-node.prom',
      'prometheus',
      {
        process_resident_memory_bytes: 74395648,
        nodejs_heap_size_used_bytes: 24616000,
        'nodejs_active_handles{type="Socket"}': 3,
        'nodejs_gc_duration_seconds_bucket{le="+Inf",kind="major"}': 3
      }
    ],
    [
      'python-client.prom',
      'prometheus',
      {
        process_resident_memory_bytes: 21131264,
        'python_gc_objects_collected_total{generation="0"}': 334,
        process_max_fds: 1048576,
        'neohub{name="Upstairs Hall",variable="current_temperature"}': 255.255
      }
    ],
    [
      'go-client.prom',
      'prometheus',
      {
        go_memstats_heap_inuse_bytes: 5103616,
        go_goroutines: 10,
        go_memstats_heap_objects: 2955,
        'go_gc_duration_seconds{quantile="0.25"}': 2.6698e-5
      }
    ],
    [
      'micrometer-jvm-1.13plus.prom',
      'prometheus',
      {
        'jvm_memory_used_bytes{area="heap",id="G1 Old Gen"}': 15906816,
        'jvm_memory_max_bytes{area="heap",id="G1 Eden Space"}': -1,
        jvm_gc_overhead: 1.2664825893213033e-4
      }
    ],
    [
      'openmetrics-spec-example.txt',
      'prometheus',
      {
        go_goroutines: 69,
        process_cpu_seconds_total: 4200722.46,
        'acme_http_router_request_seconds_count{path="/api/v2",method="POST"}': 34
      }
    ],
    [
      'openmetrics-spec-exemplars.txt',
      'prometheus',
      {
        'foo_bucket{le="10"}': 17,
        'foo_bucket{le="0.1"}': 8,
        foo_sum: 324789.3,
        foo_created: 1520430000.123
      }
    ],
    [
      'cgroup-v2-memory.stat',
      'prometheus',
      { anon: 790425600, file: 6502666240, inactive_file: 5307346944 }
    ],
    [
      'node-memoryUsage.txt',
      'json',
      { rss: 4935680, heapTotal: 1826816, heapUsed: 650472, external: 49879, arrayBuffers: 9386 }
    ],
    [
      'node-v8-getHeapStatistics.txt',
      'json',
      {
        heap_size_limit: 1535115264,
        number_of_native_contexts: 1,
        number_of_detached_contexts: 0,
        external_memory: 318824
      }
    ],
    ['psutil-memory-info.txt', 'json', { rss: 10199040, vms: 52133888, uss: 6545408, swap: 0 }],
    [
      'k6-summary.json',
      'json',
      {
        'metrics.iterations.values.count': 439,
        'metrics.http_reqs.values.count': 878,
        'state.testRunDurationMs': 24425.289882
      }
    ],
    [
      'k6-machine-readable-summary-v1-example.json',
      'json',
      { 'results.metrics.iterations.values.count': 1500, 'config.duration': 60 }
    ]
  ] as const)('%s (%s)', async (file, format, expected) => {
    const loaded = await loadFixtureSnapshot(`samples/${file}`, format)
    expect(loaded.errors).toEqual([])
    for (const [key, value] of Object.entries(expected))
      expect(loaded.snapshot.values[key]).toBe(value)
  })

  it('counts every sample of a scrape (no line lost or merged)', async () => {
    const loaded = await loadFixtureSnapshot('samples/prom-client-node.prom', 'prometheus')
    expect(Object.keys(loaded.snapshot.values)).toHaveLength(87)
  })
})

describe('series samples with work data', () => {
  it('k6 CSV output: one series per metric name, epoch-second times', async () => {
    const loaded = await loadFixtureSeries('samples/k6-csv-output.csv', 'csv', {
      group: 'metric_name',
      metrics: { metric_value: 'count' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(12)
    const reqs = pick(loaded.series, 'metric_value', 'http_reqs')
    expect(reqs.value).toEqual([1])
    expect(reqs.time).toEqual([1641298536000])
    expect(pick(loaded.series, 'metric_value', 'vus_max').value).toEqual([100])
    expect(pick(loaded.series, 'metric_value', 'http_req_duration').value).toEqual([114.365])
  })

  it('k6 JSON output: nested keys flattened, Metric lines skipped, zone honoured', async () => {
    const loaded = await loadFixtureSeries('samples/k6-json-output.jsonl', 'jsonl', {
      group: 'metric',
      time: 'data.time'
    })
    expect(loaded.errors).toEqual([])
    const duration = pick(loaded.series, 'data.value', 'http_req_duration')
    expect(duration.value).toEqual([118.96])
    expect(duration.time).toEqual([Date.parse('2022-01-05T12:46:23.603+01:00')])
    expect(loaded.skipped).toBe(3)
  })

  it('tracemalloc top: a log pattern with size units gives bytes', async () => {
    const loaded = await loadFixtureSeries('samples/tracemalloc-top.txt', 'log', {
      pattern: 'size=(?<size>[\\d.]+ [KMG]?i?B), count=(?<count>\\d+)'
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(10)
    expect(pick(loaded.series, 'size').value.slice(0, 3)).toEqual([
      4855 * 1024,
      521 * 1024,
      244 * 1024
    ])
    expect(pick(loaded.series, 'size').kind).toBe('memory')
    expect(pick(loaded.series, 'count').value[0]).toBe(39328)
    expect(loaded.skipped).toBe(1)
  })
})

describe('sniffFormat on the samples', () => {
  it.each([
    ['docker-stats-table.txt', 'docker-stats'],
    ['docker-stats-table-windows.txt', 'docker-stats'],
    ['docker-stats-custom-format-stopped.txt', 'docker-stats'],
    ['docker-stats-json.jsonl', 'docker-stats'],
    ['prom-client-node.prom', 'prometheus'],
    ['openmetrics-spec-example.txt', 'prometheus'],
    ['openmetrics-spec-exemplars.txt', 'prometheus'],
    // util.inspect's printed object (keys unquoted): read by the JSON lines loader, one sample per object
    ['node-memoryUsage.txt', 'jsonl'],
    ['k6-summary.json', 'json'],
    ['k6-csv-output.csv', 'csv'],
    ['k6-json-output.jsonl', 'jsonl'],
    ['tracemalloc-top.txt', 'log'],
    ['cgroup-v2-memory.stat', 'prometheus']
  ])('%s → %s', async (file, format) => {
    expect(sniffFormat(file, await readHead(fixture('samples', file), 20))).toBe(format)
  })
})

describe("Node's docs' printed process.memoryUsage() object", () => {
  it('is one sample of five byte series, read with the format the sniffer gives it', async () => {
    const loaded = await loadFixtureSeries('samples/node-memoryUsage.txt', 'jsonl')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.samples, s.value[0]])).toEqual([
      ['rss', 'memory', 1, 4935680],
      ['heapTotal', 'memory', 1, 1826816],
      ['heapUsed', 'memory', 1, 650472],
      ['external', 'memory', 1, 49879],
      ['arrayBuffers', 'memory', 1, 9386]
    ])
  })
})

describe('line sources', () => {
  it('gives the same result line by line as in batches', async () => {
    const path = fixture('samples', 'docker-stats-table.txt')
    const request = { file: 'x', format: 'docker-stats' as const, spec: { file: 'x' } }
    const batched = await loadSeries(readLines(path), request)
    const lineByLine = await loadSeries(
      { [Symbol.asyncIterator]: () => readLines(path)[Symbol.asyncIterator]() },
      request
    )
    expect(lineByLine).toEqual(batched)
  })
})

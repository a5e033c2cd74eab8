import { loadSeries, loadSnapshot, splitText, toAsync } from '../../src/load/index.js'
import { parsePrometheusLine, type PrometheusSample } from '../../src/load/prometheus.js'

function snapshot(text: string) {
  return loadSnapshot(toAsync(splitText(text)), 'metrics.prom', 'prometheus')
}

describe('parsePrometheusLine', () => {
  it.each([
    [
      'process_resident_memory_bytes 74395648',
      'process_resident_memory_bytes',
      74395648,
      undefined
    ],
    [
      'jvm_memory_used_bytes{area="heap",id="G1 Old Gen",} 9.2140544E7',
      'jvm_memory_used_bytes{area="heap",id="G1 Old Gen"}',
      92140544,
      undefined
    ],
    [
      'jvm_memory_max_bytes{area="heap",id="G1 Survivor Space",} -1.0',
      'jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"}',
      -1,
      undefined
    ],
    [
      'process_resident_memory_bytes 2.1131264e+07',
      'process_resident_memory_bytes',
      21131264,
      undefined
    ],
    ['nodejs_eventloop_lag_mean_seconds Nan', 'nodejs_eventloop_lag_mean_seconds', NaN, undefined],
    ['x NaN', 'x', NaN, undefined],
    [
      'something_weird{problem="division by zero"} +Inf -3982045',
      'something_weird{problem="division by zero"}',
      Infinity,
      -3982045
    ],
    ['y -Inf', 'y', -Infinity, undefined],
    [
      'process_resident_memory_bytes 52686848 1579444523568',
      'process_resident_memory_bytes',
      52686848,
      1579444523568
    ],
    [
      'http_requests_total{method="post",code="400"}    3 1395066363000',
      'http_requests_total{method="post",code="400"}',
      3,
      1395066363000
    ],
    [
      'foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789',
      'foo_bucket{le="10"}',
      17,
      undefined
    ],
    ['foo_bucket{le="0.1"} 8 # {} 0.054', 'foo_bucket{le="0.1"}', 8, undefined],
    ['foo 17.0 1520879607.789', 'foo', 17, 1520879607.789],
    ['empty{} 1', 'empty', 1, undefined],
    [
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""}',
      1458255915,
      undefined
    ],
    [
      'bar_seconds_count{a="x",b="escaping\\" example \\n "} 0',
      'bar_seconds_count{a="x",b="escaping\\" example \\n "}',
      0,
      undefined
    ],
    ['odd{path="/a,b}c"} 2', 'odd{path="/a,b}c"}', 2, undefined],
    ['spaced{a="1", b="2"} 3', 'spaced{a="1",b="2"}', 3, undefined],
    ['{"my.dotted.metric", zone="a"} 4', 'my.dotted.metric{zone="a"}', 4, undefined],
    ['  indented_metric   5  ', 'indented_metric', 5, undefined]
  ])('%s', (line, key, value, timestamp) => {
    const sample = parsePrometheusLine(line) as PrometheusSample
    expect('error' in sample).toBe(false)
    expect(sample.key).toBe(key)
    expect(sample.value).toBe(value)
    expect(sample.timestamp).toBe(timestamp)
  })

  it('keeps label order and decodes escapes', () => {
    const sample = parsePrometheusLine('m{z="1",a="q\\"\\\\\\n"} 1') as PrometheusSample
    expect(sample.labels).toEqual([
      ['z', '1'],
      ['a', 'q"\\\n']
    ])
  })

  it.each([
    ['m{a="1" 2', '"," or "}" after a label'],
    ['m{a=1} 2', 'a quoted value for label a'],
    ['m{="1"} 2', 'a label name (a letter or "_" first) or "}"'],
    ['m', 'a value after the metric name'],
    ['m 1 2 3', 'a value and an optional timestamp'],
    ['m one', 'a number like 1.5e3, NaN or +Inf'],
    ['m 1 soon', 'a timestamp (a number)'],
    ['9m 1', 'a sample `name{labels} value [timestamp]`']
  ])('rejects %j: expected %s', (line, expected) => {
    const result = parsePrometheusLine(line)
    expect(result).toMatchObject({ error: expected })
  })
})

describe('Prometheus snapshots', () => {
  it('0.0.4 with ms timestamps (prom-client 9–11), CRLF, empty HELP, families without samples', async () => {
    const text = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes{serviceName="api-v1"} 33853440 1498510040309',
      '# HELP pwrstat_battery_capacity_percent ',
      '# TYPE nodejs_active_requests gauge',
      '',
      '# a free comment',
      'nodejs_heap_size_used_bytes 24616000'
    ].join('\r\n')
    const loaded = await snapshot(text)
    expect(loaded.errors).toEqual([])
    expect(loaded.snapshot.values).toEqual({
      'process_resident_memory_bytes{serviceName="api-v1"}': 33853440,
      nodejs_heap_size_used_bytes: 24616000
    })
    expect(loaded.snapshot.time).toBe(1498510040309)
  })

  it('OpenMetrics: timestamps in seconds, UNIT, # EOF; NaN and Inf values are left out with a note', async () => {
    const text = [
      '# TYPE foo gauge',
      '# UNIT foo bytes',
      'foo 17.0 1520879607.789',
      'bar NaN',
      'baz +Inf',
      '# EOF',
      ''
    ].join('\n')
    const loaded = await snapshot(text)
    expect(loaded.errors).toEqual([])
    expect(loaded.snapshot.values).toEqual({ foo: 17 })
    expect(loaded.snapshot.time).toBe(1520879607789)
    expect(loaded.notes).toEqual(['2 samples with NaN or ±Inf values left out'])
  })

  it('Micrometer ≤1.12 and ≥1.13 give the same keys (trailing comma dropped)', async () => {
    const old = await snapshot('jvm_memory_used_bytes{area="heap",id="G1 Old Gen",} 9.2140544E7\n')
    const recent = await snapshot(
      'jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.5906816E7\n'
    )
    expect(Object.keys(old.snapshot.values)).toEqual(Object.keys(recent.snapshot.values))
  })
})

describe('loadPrometheusSeries (concatenated scrapes)', () => {
  it('splits on # EOF and times each scrape (OpenMetrics seconds)', async () => {
    const scrape = (t: number, rss: number) =>
      [`process_resident_memory_bytes ${rss} ${t}`, `go_goroutines 10 ${t}`, '# EOF'].join('\n')
    const text = [scrape(1700000000, 100), scrape(1700000015, 110), scrape(1700000030, 125)].join(
      '\n'
    )
    const loaded = await loadSeries(toAsync(splitText(text)), {
      file: 'scrapes.prom',
      format: 'prometheus',
      spec: { file: 'scrapes.prom' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.rows).toBe(3)
    const rss = loaded.series.find((s) => s.metric === 'process_resident_memory_bytes')!
    expect(rss.value).toEqual([100, 110, 125])
    expect(rss.time).toEqual([1700000000000, 1700000015000, 1700000030000])
    expect(rss.kind).toBe('memory')
    expect(rss.unit).toBe('bytes')
    expect(loaded.series.find((s) => s.metric === 'go_goroutines')!.kind).toBe('count')
  })

  it('splits 0.0.4 scrapes on a repeated sample and keeps only configured metrics', async () => {
    const text = ['# TYPE a gauge', 'a 1', 'b 5', '# TYPE a gauge', 'a 2', 'b 6', 'a 3'].join('\n')
    const loaded = await loadSeries(toAsync(splitText(text)), {
      file: 's.prom',
      format: 'prometheus',
      spec: { file: 's.prom', metrics: { a: 'count' } }
    })
    expect(loaded.series.map((s) => [s.metric, s.value, s.timeBase])).toEqual([
      ['a', [1, 2, 3], 'none']
    ])
  })
})

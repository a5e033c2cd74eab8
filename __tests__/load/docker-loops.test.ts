/**
 * Files the shell loops people write around `docker stats` and `kubectl top`
 * save (fixtures in __fixtures__/load/docker-loops): a `date` line before each
 * sample's JSON objects, `--format` rows with no header row, `kubectl top pod
 * --no-headers` after `date +%s`, and a docker CSV of percentages only.
 * Loaded through the real file reader as the plan reads them (format from
 * zero-config detection), and the lines that are none of these reported at
 * their line.
 */
import { readFileSync } from 'node:fs'
import { detectInputs } from '../../src/plan/detect.js'
import { loadSeries, splitText } from '../../src/load/index.js'
import { fixture, loadFixtureSeries, pick } from './helpers.js'

const MiB = 1024 ** 2
const GiB = 1024 ** 3
const DIR = 'docker-loops'

/** Loads a fixture in the format zero-config detection gives it. */
async function loadDetected(name: string) {
  const head = readFileSync(fixture(DIR, name), 'utf8').split('\n').slice(0, 200)
  const detected = detectInputs([{ path: name, head }])
  expect(detected.skipped).toEqual([])
  const { format, ...spec } = detected.series[0]
  return loadFixtureSeries(`${DIR}/${name}`, format!, spec)
}

describe('JSON objects after a `date` line (`date; docker stats --no-stream --format json`)', () => {
  it('the date times the objects after it, one series per container, usage / limit read', async () => {
    const loaded = await loadDetected('dated-json.log')
    expect(loaded.errors).toEqual([])
    const orders = pick(loaded.series, 'memory.raw', 'orders')
    expect(orders.value).toEqual([120.5, 122.25, 124, 125.75].map((v) => v * MiB))
    expect(orders.time).toEqual([0, 10, 20, 30].map((s) => Date.UTC(2025, 5, 3, 9, 15, s)))
    expect(orders.limit).toBe(Math.round(1.944 * GiB))
    const gateway = pick(loaded.series, 'memory.raw', 'gateway')
    expect(gateway.time).toEqual(orders.time)
    expect(gateway.value[1]).toBe(Math.round(64.1 * MiB))
    expect(loaded.series).toHaveLength(2)
  })

  it('a line that is neither an object nor a whole date is an error at its line; the rest is read', async () => {
    const loaded = await loadDetected('dated-json-stray.log')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'dated-json-stray.log:5: found "Error response from daemon: No such container: orders", expected a JSON object, or a line of only a time (the `date` a loop prints before each sample)'
    ])
    expect(pick(loaded.series, 'MemUsage', 'orders').samples).toBe(4)
  })

  it('plain JSON lines (not docker) after `date -Iseconds` lines, through the jsonl loader', async () => {
    const text = [
      '2025-06-03T09:15:00+00:00',
      '{"rss": 104857600, "heapUsed": 52428800}',
      '2025-06-03T09:15:10+00:00',
      '{"rss": 105906176, "heapUsed": 53477376}'
    ].join('\n')
    const loaded = await loadSeries(splitText(text), {
      file: 'mem.log',
      format: 'jsonl',
      spec: { file: 'mem.log' }
    })
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'rss')
    expect(rss.value).toEqual([100 * MiB, 101 * MiB])
    expect(rss.time).toEqual([Date.UTC(2025, 5, 3, 9, 15), Date.UTC(2025, 5, 3, 9, 15, 10)])
  })

  it('an object with a "time" key of its own is an error at its line (two times, one row)', async () => {
    const text = [
      '2025-06-03T09:15:00+00:00',
      '{"rss": 104857600}',
      '2025-06-03T09:15:10+00:00',
      '{"time": "2025-06-03T09:15:09Z", "rss": 105906176}'
    ].join('\n')
    const loaded = await loadSeries(splitText(text), {
      file: 'mem.log',
      format: 'jsonl',
      spec: { file: 'mem.log' }
    })
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'mem.log:4: column "time": found "{"time": "2025-06-03T09:15:09Z", "rss": 105906176}", expected an object without a "time" key of its own: the time line before it gives its time'
    ])
  })
})

describe('docker stats `--format` rows with no header row', () => {
  it('time, CPUPerc, MemUsage, MemPerc: the usage is the memory, its limit kept, with a note', async () => {
    const loaded = await loadDetected('compose-noheader.log')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.kind, s.unit])).toEqual([
      ['MemUsage', 'memory', 'bytes']
    ])
    const usage = loaded.series[0]
    expect(usage.value).toEqual([209.87, 211, 212.4, 213.9, 215.25].map((v) => Math.round(v * MiB)))
    expect(usage.time[1]).toBe(Date.UTC(2025, 5, 3, 9, 15, 5))
    expect(usage.limit).toBe(Math.round(7.667 * GiB))
    expect(loaded.notes).toContain(
      "no header row: columns read as docker's time, CPUPerc, MemUsage, MemPerc, told by their cells (a percentage just after MemUsage is MemPerc, as docker orders them); MemUsage is the memory, its limit kept"
    )
  })

  it("docker's default columns with epoch times: one series per name, `-- / --` rows skipped and counted", async () => {
    const loaded = await loadDetected('noheader-default-order.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.notes?.[0]).toMatch(
      /docker's time, ID, Name, CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs, told by their cells/
    )
    const web = pick(loaded.series, 'MemUsage', 'shop-web-1')
    expect(web.value).toEqual([120.5 * MiB, 121.75 * MiB])
    expect(web.time).toEqual([1748942100_000, 1748942110_000])
    expect(pick(loaded.series, 'MemUsage', 'shop-db-1').samples).toBe(3)
    expect(loaded.skipped).toBe(1)
    // NET I/O and BLOCK I/O (decimal `kB`, `MB`) are no memory
    expect(loaded.series.map((s) => s.metric)).toEqual(['MemUsage', 'MemUsage'])
  })

  it('two containers run together on one line stay an error: no header row, quoted at line 1', async () => {
    const line =
      '2024-12-03T20:14:14,e4372c1e283a,shop-web-1,0.11%,513MiB / 7.425GiB fb87f88ed80a,shop-db-1,0.26%,97.08MiB / 7.425GiB '
    const loaded = await loadSeries(splitText(`${line}\n${line}\n`), {
      file: 'docker_stats.csv',
      format: 'docker-stats',
      spec: { file: 'docker_stats.csv' }
    })
    expect(loaded.series).toEqual([])
    expect(loaded.errors[0].message).toMatch(
      /^docker_stats\.csv:1: found .*expected a header row naming the columns \(no header row: this first line holds values/
    )
  })
})

describe('`kubectl top pod --no-headers` after `date +%s`', () => {
  it('one series per pod, memory from `Mi`, the millicore CPU cell not read, time from the epoch', async () => {
    const loaded = await loadDetected('kubectl-epoch.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.kind, s.unit])).toEqual([
      ['kubectl-epoch.csv:MEMORY(bytes)[checkout-7f9c8d-x2x9q]', 'memory', 'bytes'],
      ['kubectl-epoch.csv:MEMORY(bytes)[redis-0]', 'memory', 'bytes']
    ])
    const checkout = loaded.series[0]
    expect(checkout.value).toEqual([210 * MiB, 212 * MiB, 215 * MiB])
    expect(checkout.time).toEqual([1748942100_000, 1748942105_000, 1748942110_000])
    expect(loaded.notes?.[0]).toMatch(/CPU\(cores\) \(millicores, `12m`: not read\)/)
  })

  it('pods joined on one line by an unquoted `echo $(…)` are each a row of that time', async () => {
    const loaded = await loadDetected('kubectl-echo-joined.log')
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'MEMORY(bytes)', 'checkout-7f9c8d-x2x9q').value).toEqual([
      210 * MiB,
      212 * MiB,
      GiB
    ])
    expect(pick(loaded.series, 'MEMORY(bytes)', 'redis-0').time).toEqual([
      1748942100_000, 1748942105_000, 1748942110_000
    ])
  })

  it("a line that is no row (kubectl's error) is an error at its line; the rows around it are read", async () => {
    const loaded = await loadDetected('kubectl-broken.csv')
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'kubectl-broken.csv:6: found "error: Metrics API not available", expected `kubectl top pod --no-headers` rows (NAME CPU MEMORY: `api-0 12m 210Mi`) after a time, or a line of only a time'
    ])
    expect(loaded.series[0].samples).toBe(6)
  })

  it('rows after a `date` line of their own take its time', async () => {
    const text = [
      'Tue Jun  3 09:15:00 UTC 2025',
      'checkout-7f9c8d-x2x9q   12m   210Mi',
      'Tue Jun  3 09:15:10 UTC 2025',
      'checkout-7f9c8d-x2x9q   14m   214Mi'
    ].join('\n')
    const loaded = await loadSeries(splitText(text), {
      file: 'top.log',
      format: 'docker-stats',
      spec: { file: 'top.log' }
    })
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      Date.UTC(2025, 5, 3, 9, 15),
      Date.UTC(2025, 5, 3, 9, 15, 10)
    ])
    expect(loaded.series[0].value).toEqual([210 * MiB, 214 * MiB])
  })
})

describe('docker stats CSV of percentages only (`timestamp,name,%CPU,%Mem`)', () => {
  it('judges %Mem as memory in percent of the limit, and says why', async () => {
    const loaded = await loadDetected('pct-only.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.kind, s.unit, s.value])).toEqual([
      ['pct-only.csv:MemPerc[api]', 'memory', 'percent', [10.25, 10.31, 10.34, 10.41]]
    ])
    expect(loaded.notes).toContain(
      'MemPerc judged as memory in percent of the limit, the file holding no usage in bytes: over a fixed limit it grows in proportion with the usage (default tolerance 5 % of the level and 0.5 points); save `{{.MemUsage}}` too to judge bytes'
    )
  })

  it('no such note when the usage in bytes is read beside MemPerc', async () => {
    const loaded = await loadSeries(
      splitText('time,name,MemUsage,MemPerc\n1700000001,web,1MiB / 1GiB,0.10%\n'),
      {
        file: 'd.csv',
        format: 'docker-stats',
        spec: { file: 'd.csv', metrics: { MemUsage: 'memory', MemPerc: 'memory' } }
      }
    )
    expect(loaded.errors).toEqual([])
    expect(loaded.notes ?? []).not.toContainEqual(expect.stringMatching(/^MemPerc judged/))
  })
})

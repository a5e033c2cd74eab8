/**
 * Files as people's tools and spreadsheets save them, through the whole
 * pipeline with no config (fixtures in __fixtures__/pipeline/saved-shapes,
 * one folder per shape, each also in the no-config vs config equivalence
 * test): each is read right, or is an error at file:line naming what was
 * found and what was expected; never a silent pass or a wrong number.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(() => removeTempDirs())

const DIR = '__fixtures__/pipeline/saved-shapes'
const MiB = 1024 ** 2

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `${DIR}/${name}`,
    workspace: `${DIR}/${name}`,
    now: new Date('2026-12-05T00:00:00Z')
  })

const seriesOf = (report: Report): SeriesAnalysis[] =>
  report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

const noteOf = (report: Report): string => report.inputs.map((i) => i.note ?? '').join('\n')

describe('a time column too coarse to order the rows', () => {
  it('200 rows at 2 distinct seconds, heapUsed climbing 19 MiB: judged in file order, a leak', async () => {
    const report = await run('coarse-time')
    expect(report.errors).toEqual([])
    const heap = seriesOf(report).find((s) => s.metric === 'heapUsed')!
    expect(heap.timeBase).toBe('none')
    expect(heap.chart.xAxis).toBe('index')
    expect(heap.samples).toBe(200)
    expect(noteOf(report)).toContain(
      'time column `time`: 2 distinct times over 200 rows (coarse timestamps or a stopped clock): judged in file order, not by time'
    )
    // at the top of the report too, where a long input note is not cut short
    expect(report.notes).toContain(
      'memory.csv: time column `time`: 2 distinct times over 200 rows (coarse timestamps or a stopped clock): judged in file order, not by time'
    )
    expect(report.verdict).toBe('fail')
    expect(report.findings.some((f) => f.metric === 'heapUsed' && f.level === 'fail')).toBe(true)
    expect(heap.lastValue - heap.firstValue).toBeGreaterThan(18 * MiB)
  })
})

/** The series read, as `metric kind unit timeBase samples first→last (MiB, 2 decimals)`. */
const readings = (report: Report): string[] =>
  seriesOf(report).map(
    (s) =>
      `${s.metric} ${s.metricKind} ${s.unit} ${s.timeBase} ${s.samples} ${(s.firstValue / MiB).toFixed(2)}→${(s.lastValue / MiB).toFixed(2)}`
  )

/**
 * Every fixture holds 60 samples 10 s apart from 2025-12-05 10:00:00 UTC of
 * a process whose heap climbs 50 → 62.6 MiB (RSS 60 MiB above it): read
 * right, each is a leak.
 */
describe('the formats people save, read with no config', () => {
  it('German Excel: `;`, decimal commas, `Zeit`, `RSS (MB)`, dd.mm.yyyy, BOM and CRLF', async () => {
    const report = await run('semicolon-decimal-comma')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'RSS (MB) memory bytes epoch 60 110.00→122.60',
      'Heap (MB) memory bytes epoch 60 50.00→62.60'
    ])
    const [rss] = seriesOf(report)
    expect(rss.start).toBe(Date.UTC(2025, 11, 5, 10, 0, 0))
    expect(noteOf(report)).toContain('time column Zeit')
    expect(noteOf(report)).toContain(
      'decimal commas read as points (`123,4` = 123.4) in 60 rows of this semicolon-separated file'
    )
    expect(report.verdict).toBe('fail')
  })

  it.each([['tab-separated'], ['tab-separated-txt']])('tab-separated (%s)', async (name) => {
    const report = await run(name)
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes epoch 60 110.00→122.58',
      'heapUsed memory bytes epoch 60 50.00→62.58'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('Windows PowerShell 5 Export-Csv: UTF-16 LE with its BOM, quoted, Get-Process names', async () => {
    const report = await run('utf16-powershell')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'WorkingSet64 memory bytes epoch 60 110.00→122.58',
      'PrivateMemorySize64 memory bytes epoch 60 130.00→142.58'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('a delimiter after the last column on every row, and blank lines at the end', async () => {
    const report = await run('trailing-delimiter')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes epoch 60 110.00→122.58',
      'heapUsed memory bytes epoch 60 50.00→62.58'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('units in the header name: `heap (MB)`, `RSS [KiB]`, `memory_mb` are read in them', async () => {
    const report = await run('header-units')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'heap (MB) memory bytes epoch 60 50.00→62.58',
      'RSS [KiB] memory bytes epoch 60 110.00→122.58',
      'memory_mb memory bytes epoch 60 120.00→132.60'
    ])
    expect(noteOf(report)).toContain(
      '"heap (MB)", "RSS [KiB]", "memory_mb" read in the unit their names give'
    )
    expect(report.verdict).toBe('fail')
  })

  it('units in the cells: `123.4MiB`, `0.0524 GB`, `512kB`', async () => {
    const report = await run('units-in-cells')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes epoch 60 110.00→122.60',
      'heap memory bytes epoch 60 49.97→62.56',
      'external memory bytes epoch 60 0.49→0.49'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('a JSON array of objects with the memoryUsage() object nested', async () => {
    const report = await run('json-nested')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'mem.rss memory bytes epoch 60 110.00→122.58',
      'mem.heapTotal memory bytes epoch 60 58.00→70.58',
      'mem.heapUsed memory bytes epoch 60 50.00→62.58',
      'mem.external memory bytes epoch 60 1.14→1.14'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('psutil: float epoch seconds (`1764928800.123`) and memory_info() in bytes', async () => {
    const report = await run('psutil-float-epoch')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes epoch 60 110.00→122.58',
      'vms memory bytes epoch 60 440.00→490.32'
    ])
    expect(seriesOf(report)[0].start).toBe(Date.UTC(2025, 11, 5, 10, 0, 0, 123))
    expect(report.verdict).toBe('fail')
  })
})

/**
 * Process tools' printouts logged in a loop (`date; ps -o rss= -p $PID`,
 * `grep VmRSS /proc/$PID/status`, `pidstat -r`) are read with no config
 * (understand/proc-tables.ts): the process's RSS in KiB.
 */
describe('process tool printouts: read with no config', () => {
  it.each([
    ['ps-rss-loop', 'rss memory bytes epoch 6 110.00→111.03'],
    ['proc-status-loop', 'VmRSS memory bytes epoch 6 110.00→111.03'],
    ['pidstat', 'RSS memory bytes clock 6 110.00→111.03']
  ])('%s', async (name, reading) => {
    const report = await run(name)
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([reading])
    expect(report.verdict).toBe('pass')
  })
})

describe('more saved shapes, read with no config', () => {
  it('jstat -gc (-t): read with no config, the old generation and metaspace in KiB judged', async () => {
    const report = await run('jstat-gc')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'old_heap_used memory bytes epoch 6 4.88→5.08',
      'metaspace_used memory bytes epoch 6 4.49→4.49'
    ])
    // 200 KiB over 50 s: under the tolerance
    expect(report.verdict).toBe('pass')
  })

  it('a JDK 8 GC log (-XX:+PrintGCDetails, date stamps, safepoint lines between): the heap after each pause, a leak', async () => {
    const report = await run('jdk8-gc-log')
    expect(report.errors).toEqual([])
    const heap = seriesOf(report).find((s) => s.metric === 'heap_after_gc')!
    // 81 young and 9 full pauses; the safepoint lines are not samples
    expect(heap.samples).toBe(90)
    expect(heap.timeBase).toBe('epoch')
    expect(noteOf(report)).toContain('JVM GC log (JDK 8, -XX:+PrintGCDetails): heap_after_gc')
    // the whole heap after the first young pause (20,000K young + 40,000K old), not a generation's, in KiB
    expect(heap.firstValue).toBe(60000 * 1024)
    expect(report.findings.map((f) => [f.signature, f.metric, f.level])).toEqual([
      ['sustained-growth', 'heap_after_gc', 'fail']
    ])
  })

  it('`#` comment lines above the header', async () => {
    const report = await run('comment-lines')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes epoch 60 110.00→122.58',
      'heapUsed memory bytes epoch 60 50.00→62.58'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('thousands separators in quoted numbers ("115,343,360"), `RSS (bytes)`', async () => {
    const report = await run('thousands-separators')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual(['RSS (bytes) memory bytes epoch 60 110.00→122.58'])
    expect(report.verdict).toBe('fail')
  })

  it('a Prometheus HTTP API answer to a range query (curl of /api/v1/query_range)', async () => {
    const report = await run('prometheus-api-json')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'process_resident_memory_bytes{job="app"} memory bytes epoch 60 110.00→122.58'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('typeperf / perfmon CSV: the PDH-CSV time column (month first), counter paths', async () => {
    const report = await run('typeperf')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      '\\\\CI-RUNNER\\Process(node)\\Private Bytes memory bytes epoch 60 130.00→142.58',
      '\\\\CI-RUNNER\\Process(node)\\Working Set memory bytes epoch 60 110.00→122.58'
    ])
    // 12/05/2025: December 5th, as PDH always writes it, though the day is not above 12
    expect(seriesOf(report)[0].start).toBe(Date.UTC(2025, 11, 5, 10, 0, 0, 123))
    expect(report.verdict).toBe('fail')
  })
})

describe('shapes leak-gate does not read: an error saying what to save instead', () => {
  it.each([
    [
      'headerless-tsv',
      'memory.txt: a table with no header row (its first line is "1764928800\\t112640"): add a first line naming the columns'
    ],
    [
      'json-wrapped-array',
      'memory.json: samples in an array under "samples" inside a JSON object, not a format leak-gate reads: write the array itself (`JSON.stringify(data.samples)`'
    ]
  ])('%s', async (name, why) => {
    const report = await run(name)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/no input recognised \(1 files\)/)
    ])
    expect(report.errors[0].message).toContain(why)
  })
})

describe('a header written as a comment', () => {
  it('`#time\\trss\\theapUsed` above the rows (gnuplot style) names the columns', async () => {
    const report = await run('commented-header')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes epoch 60 110.00→122.58',
      'heapUsed memory bytes epoch 60 50.00→62.58'
    ])
    expect(report.verdict).toBe('fail')
  })
})

describe('empty columns Excel keeps after the data', () => {
  it('`time,rss,,,` with `,,,` ending every row (CRLF): the empty columns are nothing', async () => {
    const report = await run('excel-empty-columns')
    expect(report.errors).toEqual([])
    expect(seriesOf(report).map((s) => [s.metric, s.samples, s.timeBase])).toEqual([
      ['rss', 60, 'epoch']
    ])
    expect(report.verdict).toBe('fail')
  })
})

describe('a time unit in the time column name', () => {
  it('`elapsed_ms` of performance.now() counts ms, not the seconds its size would suggest', async () => {
    const report = await run('elapsed-ms')
    expect(report.errors).toEqual([])
    const [rss] = seriesOf(report)
    // 60 samples about 10 s apart: under 10 minutes, not 6.8 days
    expect((rss.end! - rss.start!) / 1000).toBeCloseTo(590.2, 0)
    expect(rss.slopePerHour! / MiB).toBeGreaterThan(60)
    expect(report.verdict).toBe('fail')
  })
})

describe('kubectl top pod logged in a loop', () => {
  it('a `date` line, then the table; `123Mi` is a Kubernetes size (MiB); one series per pod', async () => {
    const report = await run('kubectl-top')
    expect(report.errors).toEqual([])
    expect(
      seriesOf(report).map((s) => [s.metric, s.group, s.timeBase, s.samples, s.lastValue / MiB])
    ).toEqual([
      ['MEMORY(bytes)', 'api-7d9c8b6f4-x2k9q', 'epoch', 60, 121],
      ['MEMORY(bytes)', 'worker-5f6d7c8b9-abcde', 'epoch', 60, 200]
    ])
    expect(report.verdict).toBe('fail')
    expect(report.findings.every((f) => f.source.endsWith('[api-7d9c8b6f4-x2k9q]'))).toBe(true)
  })
})

describe('a log whose counts are formatted for people', () => {
  it('"after 1,050 fetch() requests": the grouped count is 1050, the work axis of the series', async () => {
    // read with the folder's leak-gate.yml (a log needs a pattern); was an error on every grouped count
    const report = await run('log-grouped-counts')
    expect(report.errors).toEqual([])
    const [rss] = seriesOf(report)
    expect([rss.metric, rss.workName, rss.samples]).toEqual(['rss', 'requests', 60])
    expect(rss.chart.xAxis).toBe('work')
    expect(rss.chart.x.at(-1)).toBe(3000)
    // 110 → 123 MiB over 3,000 requests: ~4.4 KiB per request, not 4.4 KiB per 1,000
    expect(rss.slopePerWork! / 1024).toBeGreaterThan(3)
    expect(rss.slopePerWork! / 1024).toBeLessThan(6)
    expect(report.verdict).toBe('fail')
  })
})

/**
 * `top -b` output saved to a file (whole screens, or the rows a filter kept under
 * top's header): read with no config, one series per PID of RES, VIRT and SHR,
 * each cell in the unit top wrote (KiB, or `1.3g` once it grows).
 */
describe('top -b output, read with no config', () => {
  const notes = (report: Report) => report.inputs.map((i) => i.note ?? '')

  it('whole screens: the time from each `top -` line; a process that grows a little passes', async () => {
    const report = await run('top-batch')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'RES memory bytes clock 6 110.00→111.03',
      'VIRT memory bytes clock 6 440.00→444.10',
      'SHR memory bytes clock 6 29.30→29.30'
    ])
    expect(seriesOf(report).map((s) => s.group)).toEqual(['12345', '12345', '12345'])
    expect(notes(report)[0]).toContain(
      '`top -b` process rows: RES, VIRT, SHR (memory; KiB unless the cell says `m`, `g`…), one series per PID; time from the `top -` line of each screen'
    )
    expect(report.verdict).toBe('pass')
  })

  it('rows kept under the header, KiB then `1.0g`: judged in sample order, the climb fails', async () => {
    const report = await run('top-rows')
    expect(report.errors).toEqual([])
    const [res] = seriesOf(report)
    expect([res.metric, res.group, res.timeBase, res.samples]).toEqual(['RES', '48211', 'none', 5])
    // 1.3g is 1.3 GiB, not 1.3 KiB or 1.3 GB
    expect(res.lastValue).toBeCloseTo(1.3 * 1024 ** 3, -6)
    expect(notes(report)[0]).toContain('no time on the rows (sample order)')
    expect(report.findings.filter((f) => f.level === 'fail').map((f) => f.metric)).toContain(
      'RES[48211]'
    )
    expect(report.verdict).toBe('fail')
  })

  it('two processes per screen are two series: the one that grows fails, the flat one is fine', async () => {
    const report = await run('top-two-processes')
    expect(report.errors).toEqual([])
    const res = seriesOf(report).filter((s) => s.metric.startsWith('RES'))
    expect(res.map((s) => `${s.metric}[${s.group}] ${s.samples} ${s.status}`)).toEqual([
      'RES[7001] 12 ok',
      'RES[7002] 12 leak'
    ])
    // 11:00:00 → 11:01:50, every 10 s, from the screens' `top -` lines
    expect(res[1].timeBase).toBe('clock')
    expect((res[1].end! - res[1].start!) / 1000).toBe(110)
    expect(report.verdict).toBe('fail')
  })

  it("rows a grep kept without the header: read in top's default columns, the climb fails", async () => {
    const report = await run('top-rows-no-header')
    expect(report.errors).toEqual([])
    expect(readings(report)[0]).toBe('RES memory bytes none 8 128.00→189.82')
    expect(notes(report)[0]).toContain(
      "`top -b` process rows (no header: in top's default columns): RES, VIRT, SHR"
    )
    expect(report.verdict).toBe('fail')
  })

  it('a bad cell is an error at its line and column', async () => {
    const report = await run('top-rows-bad-cell')
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('column "RES": found "2O5100", expected a number or a size')
    )
    expect(report.errors.map((e) => `${e.file}:${e.line}`)).toContain('top.log:4')
  })
})

/** The entry zero-config offers for a log, pasted as is under `series:` in a copy of the fixture. */
async function runOffered(name: string, file: string): Promise<{ entry: string; report: Report }> {
  const report = await run(name)
  expect(report.verdict).toBe('error')
  const [message] = report.errors.map((e) => e.message)
  expect(message).toContain(`${file}: a text log with memory figures (`)
  const notes = report.inputs.map((i) => i.note ?? '').join('\n')
  const entry = /e\.g\. (\{file: .*\})\)?$/m.exec([...report.notes, notes].join('\n'))?.[1]
  expect(entry).toBeDefined()
  const dir = makeTempDir(name)
  cpSync(`${DIR}/${name}`, dir, { recursive: true })
  writeFileSync(join(dir, 'leak-gate.yml'), `series:\n  - ${entry}\n`)
  const configured = await runPipeline({
    root: dir,
    workspace: dir,
    now: new Date('2026-12-05T00:00:00Z')
  })
  return { entry: entry!, report: configured }
}

describe('logs of tools people paste: the offered entry reads them', () => {
  it('tracemalloc blocks (`Memory allocated after run N: X MB`): by run, the climb fails', async () => {
    const { entry, report } = await runOffered('tracemalloc-blocks', 'tracemalloc.txt')
    expect(entry).toContain('work: run')
    expect(report.errors).toEqual([])
    const [allocated] = seriesOf(report)
    expect([allocated.metric, allocated.samples, allocated.workName]).toEqual([
      'Memory_allocated',
      6,
      'run'
    ])
    expect(report.verdict).toBe('fail')
  })

  it('`ps -o pid,rss,vsz,time,args` rows under the command that printed them: KiB, flat, pass', async () => {
    const { entry, report } = await runOffered('ps-rows-command', 'ps.log')
    expect(entry).toContain('unit: KiB')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes none 20 20.00→20.00',
      'vsz memory bytes none 20 500.33→500.33'
    ])
    expect(report.verdict).toBe('pass')
  })

  it("Go's gctrace with the program's lines between, read with no config: the live heap by seconds, the climb fails", async () => {
    const report = await run('go-gctrace')
    expect(report.errors).toEqual([])
    expect(report.inputs.map((i) => i.note)).toEqual([
      expect.stringMatching(/^Go gctrace \(GODEBUG=gctrace=1\): heap_after_gc, the live heap/)
    ])
    const [live] = seriesOf(report)
    expect([live.metric, live.samples]).toEqual(['heap_after_gc', 30])
    // Go's MB is MiB: 2 → 17
    expect([live.firstValue / MiB, live.lastValue / MiB]).toEqual([2, 17])
    expect(report.verdict).toBe('fail')
  })
})

describe('a text log of memory figures, as pasted in leak reports', () => {
  it('zero-config offers a pattern; pasted into leak-gate.yml, it reads every figure by the query count', async () => {
    const report = await run('memory-log')
    expect(report.verdict).toBe('error')
    const [message] = report.errors.map((e) => e.message)
    expect(message).toContain(
      "console.log: a text log with memory figures (0 rss=90.00MB heapTotal=32.00MB heapUsed=20.00MB external=1.20MB), read only with a pattern: list it under series:, e.g. {file: 'console.log', pattern: "
    )
    // the user's next step: the offered entry, as written, under series:
    const entry = message.slice(message.indexOf('e.g. {') + 5)
    const dir = makeTempDir('memory-log')
    cpSync(`${DIR}/memory-log`, dir, { recursive: true })
    writeFileSync(join(dir, 'leak-gate.yml'), `series:\n  - ${entry}\n`)
    const configured = await runPipeline({
      root: dir,
      workspace: dir,
      now: new Date('2026-12-05T00:00:00Z')
    })
    expect(configured.errors).toEqual([])
    expect(readings(configured)).toEqual([
      'rss memory bytes none 60 85.83→106.00',
      'heapTotal memory bytes none 60 30.52→43.49',
      'heapUsed memory bytes none 60 19.07→32.04',
      'external memory bytes none 60 1.14→1.14'
    ])
    expect(
      seriesOf(configured).every((s) => s.workName === 'count' && s.chart.xAxis === 'work')
    ).toBe(true)
    expect(configured.verdict).toBe('fail')
  })
})

describe('console.log(process.memoryUsage()) saved to a file, read with no config', () => {
  const findingsOf = (report: Report, signature: string) =>
    report.findings.filter((f) => f.signature === signature).map((f) => `${f.metric} ${f.level}`)

  it("Node's multi-line form, no time: 20 samples in file order, the climb fails", async () => {
    const report = await run('memory-usage-printed')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'rss memory bytes none 20 49.72→61.59',
      'heapTotal memory bytes none 20 20.00→24.75',
      'heapUsed memory bytes none 20 11.19→20.69',
      'external memory bytes none 20 1.03→1.03',
      'arrayBuffers memory bytes none 20 0.02→0.02'
    ])
    expect(report.inputs[0]).toMatchObject({ format: 'jsonl', role: 'series' })
    expect(noteOf(report)).toContain('printed JavaScript objects: rss (memory)')
    expect(noteOf(report)).toContain('judged in file order')
    expect(report.verdict).toBe('fail')
  })

  it('12 objects after `after N requests` labels, heapUsed +1 MiB per 1,000 requests: sustained-growth fails', async () => {
    const report = await run('printed-multiline')
    expect(report.errors).toEqual([])
    const heap = seriesOf(report).find((s) => s.metric === 'heapUsed')!
    expect(heap.samples).toBe(12)
    expect(heap.workName).toBe('requests')
    expect(findingsOf(report, 'sustained-growth')).toContain('heapUsed fail')
    expect(report.verdict).toBe('fail')
  })

  it('one-line objects after an ISO time: judged by time, a leak', async () => {
    const report = await run('printed-time-prefix')
    expect(report.errors).toEqual([])
    const heap = seriesOf(report).find((s) => s.metric === 'heapUsed')!
    expect(heap.timeBase).toBe('epoch')
    expect(heap.start).toBe(Date.UTC(2025, 11, 5, 10, 0, 0))
    expect(report.verdict).toBe('fail')
  })

  it("a flat run printed as '181.54 MB' strings after `[HH:MM:SS] memory:`: passes", async () => {
    const report = await run('printed-units')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      // '181.54 MB' from `/ 1024 / 1024` is 181.54 MiB; the last sample '182.44 MB'
      'rss memory bytes clock 30 181.54→182.44',
      'heapTotal memory bytes clock 30 96.25→96.70',
      'heapUsed memory bytes clock 30 45.10→46.00',
      'external memory bytes clock 30 2.05→2.05'
    ])
    expect(report.verdict).toBe('pass')
  })

  it('objects among request lines of an app log: the lines are skipped with a note, rss +2 MiB a sample fails', async () => {
    const report = await run('printed-mixed-log')
    expect(report.errors).toEqual([])
    expect(noteOf(report)).toContain(
      '31 lines between the printed objects skipped (other log lines)'
    )
    const rss = seriesOf(report).find((s) => s.metric === 'rss')!
    expect(rss.samples).toBe(15)
    expect(rss.timeBase).toBe('epoch')
    expect(report.verdict).toBe('fail')
  })

  it('a broken object that names memory is an error at file:line with the column, never skipped', async () => {
    const dir = makeTempDir('printed-broken')
    cpSync(`${DIR}/printed-time-prefix/memory.log`, join(dir, 'memory.log'))
    const lines = readFileSync(join(dir, 'memory.log'), 'utf8').split('\n')
    lines[5] = lines[5].replace('heapUsed: ', 'heapUsed: 12 MB ')
    writeFileSync(join(dir, 'memory.log'), lines.join('\n'))
    const report = await runPipeline({
      root: dir,
      workspace: dir,
      now: new Date('2026-12-05T00:00:00Z')
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /^memory\.log:6: found "MB", expected at column \d+ `,` or `}` \(a printed object/
      )
    )
  })
})

describe('a "time" column that holds a duration per row', () => {
  it('`elapsed_s` going back at many rows is no clock: judged in file order, with a note', async () => {
    const report = await run('duration-column')
    expect(report.errors).toEqual([])
    expect(readings(report)).toEqual([
      'workload_rss_mib memory bytes none 30 253.90→314.20',
      'workload_uss_mib memory bytes none 30 193.00→250.00'
    ])
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^summary\.csv: time column `elapsed_s`: goes back at \d+ of 29 steps over 30 rows \(a duration per row, not a clock\): judged by `cycle`, not by time$/
      )
    )
    expect(report.verdict).toBe('fail')
  })
})

describe('a Markdown table pasted from an issue or a write-up', () => {
  it('reads the first pipe table under prose with no config: labels, units per cell, bold marks', async () => {
    const report = await run('markdown-table')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    // `sessions` names a count a program keeps (a session store): judged too, flat at 150
    expect(seriesOf(report).map((s) => s.metric)).toEqual(['RSS', 'sessions'])
    const rss = seriesOf(report).find((s) => s.metric === 'RSS')!
    // 11 rows; the second table (fds, threads) is not read
    expect(rss.samples).toBe(11)
    expect(rss.timeBase).toBe('none')
    expect(noteOf(report)).toMatch(
      /^Markdown table: RSS \(memory\), sessions \(count\); no time column \(sample order\)/
    )
  })

  it('fails a leak by its work column (`5,000` requests, grouped) per request', async () => {
    const report = await run('markdown-table-leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
    expect(growth.map((f) => f.metric).sort()).toEqual(['heapUsed', 'rss'])
    const rss = growth.find((f) => f.metric === 'rss')!
    // 4.95 MiB per 5,000 requests: about 1.04 KiB per request
    expect(rss.evidence.perWork as number).toBeGreaterThan(1000)
    expect(rss.evidence.perWork as number).toBeLessThan(1100)
    expect(rss.evidence.workName).toBe('requests')
  })

  it('names a bad cell at its line in the Markdown file', async () => {
    const report = await run('markdown-table-bad-cell')
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      'bench.md:5: column "rss": found "10l.3 MiB", expected a number or a size like "293.7MiB"'
    ])
  })
})

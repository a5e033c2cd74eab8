/**
 * V8's collector trace (`node --trace-gc`) read with no configuration: the heap
 * each full collection left in use, by the milliseconds since the isolate
 * started. Fixtures (__fixtures__/pipeline/v8-trace-gc) are our own lines in
 * the shapes Node 20 (`Mark-Compact`, `(reduce)`) and Node 10–14
 * (`Mark-sweep`, CRLF) write: a leak, two healthy runs, and a main thread
 * beside a leaking worker.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compilePattern } from '../../src/load/log.js'
import type { SeriesAnalysis } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { detectInputs, gcLogSeries } from '../../src/plan/detect.js'
import { GC_LOG_METRIC } from '../../src/understand/jvm-gc-log.js'
import { lateV8TraceLines, v8TraceGcSpec } from '../../src/understand/v8-trace-gc.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const fixtures = '__fixtures__/pipeline/v8-trace-gc'
const now = new Date('2026-12-06T00:00:00Z')
const run = (root: string) => runPipeline({ root, workspace: root, now })
const text = (name: string) => readFileSync(join(fixtures, name, 'trace-gc.log'), 'utf8')
const head = (name: string) => text(name).split(/\r?\n/).slice(0, 40)

const SCAVENGE =
  '[4118:0x5b2c6d0]     5074 ms: Scavenge 19.8 (23.4) -> 19.3 (24.4) MB, 0.84 / 0.00 ms  (average mu = 0.982, current mu = 0.980) allocation failure; '
const COMPACT =
  '[4118:0x5b2c6d0]     6121 ms: Mark-Compact 27.1 (31.4) -> 14.2 (29.0) MB, 6.02 / 0.00 ms  (average mu = 0.990, current mu = 0.988) allocation failure; scavenge might not succeed'
const REDUCE =
  '[4118:0x5b2c6d0]     7002 ms: Mark-Compact (reduce) 15.0 (29.0) -> 14.6 (20.5) MB, 3.10 / 0.00 ms  (average mu = 0.990, current mu = 0.990) low memory notification; GC in old space requested'
const SWEEP =
  '[149:0xd8bd20]     1144 ms: Mark-sweep 9.6 (14.5) -> 4.5 (14.5) MB, 1.4 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure scavenge might not succeed'
// Node 4–7: no [pid:isolate] prefix
const NODE4 =
  '37136896 ms: Mark-sweep 35.6 (5345832.9) -> 35.5 (5424623.9) MB, 445.4 / 0 ms [allocation failure] [GC in old space requested].'
// Windows writes the isolate's address without 0x
const WINDOWS =
  '[8052:0000020B71749770]      180 ms: Mark-sweep 441.9 (449.3) -> 441.3 (449.1) MB, 9.9 / 0.0 ms  (average mu = 0.931, current mu = 0.931) allocation failure scavenge might not succeed '
const MINOR =
  '[4118:0x5b2c6d0]     5190 ms: Minor Mark-Sweep 20.1 (23.4) -> 19.0 (24.4) MB, 1.02 / 0.00 ms  (average mu = 0.982, current mu = 0.980) allocation failure; '

describe("V8's --trace-gc", () => {
  it('reads full collections only (mark-sweep, mark-compact, reduce): the heap after, the ms since the start', () => {
    const spec = v8TraceGcSpec([SCAVENGE, COMPACT])!
    expect(spec).toMatchObject({ time: 'uptime', timeUnitMs: 1, unitBytes: 2 ** 20 })
    // Node 8+ names the isolate: one series per isolate, even when the first lines hold one
    expect(spec.group).toBe('isolate')
    const compiled = compilePattern(spec.pattern)
    if ('error' in compiled) throw new Error(compiled.error)
    const read = [SCAVENGE, COMPACT, REDUCE, SWEEP, NODE4, MINOR, WINDOWS].map((line) => {
      const groups = compiled.regex.exec(line)?.groups
      return groups && [groups.uptime, groups[GC_LOG_METRIC]]
    })
    expect(read).toEqual([
      undefined,
      ['6121', '14.2'],
      ['7002', '14.6'],
      ['1144', '4.5'],
      undefined, // no isolate: not this file's
      undefined,
      ['180', '441.3']
    ])
    // Node 4–7 names none: read without one
    const old = v8TraceGcSpec([NODE4, NODE4])!
    expect(old.group).toBeUndefined()
    const unnamed = compilePattern(old.pattern)
    if ('error' in unnamed) throw new Error(unnamed.error)
    expect(unnamed.regex.exec(NODE4)?.groups?.[GC_LOG_METRIC]).toBe('35.5')
  })

  it('is told from two trace lines, behind a shell prompt too, and not from one or from a log that mentions ms', () => {
    expect(
      v8TraceGcSpec([`user@host:~/app$ node --trace-gc index.js ${SCAVENGE}`, SWEEP])
    ).toBeDefined()
    expect(v8TraceGcSpec([COMPACT, 'listening on :3000'])).toBeUndefined()
    expect(
      v8TraceGcSpec(['request 1 took 12 ms: 200 OK', 'request 2 took 9 ms: 200 OK'])
    ).toBeUndefined()
  })

  it('keeps isolates apart when the first lines hold several (a worker beside the main thread)', () => {
    const spec = v8TraceGcSpec(head('two-isolates-worker-leaks'))!
    expect(spec.group).toBe('isolate')
    const compiled = compilePattern(spec.pattern)
    if ('error' in compiled) throw new Error(compiled.error)
    expect(compiled.regex.exec(COMPACT)?.groups?.isolate).toBe('4118:0x5b2c6d0')
  })

  it('is read by zero-config as heap_after_gc in MiB, and a config entry naming it without a pattern reads the same', () => {
    const detected = detectInputs([{ path: 'logs/stdout.log', head: head('leak') }])
    expect(detected.series).toEqual([
      expect.objectContaining({
        file: 'logs/stdout.log',
        format: 'log',
        time: 'uptime',
        timeUnitMs: 1,
        unitBytes: 2 ** 20,
        metrics: { [GC_LOG_METRIC]: 'memory' }
      })
    ])
    expect(detected.used[0].how).toMatch(/^V8 GC trace \(node --trace-gc\): heap_after_gc/)
    expect(gcLogSeries({ file: 'stdout.log' }, head('leak'))!.spec).toEqual(
      expect.objectContaining({ pattern: detected.series[0].pattern })
    )
  })
})

describe("V8's --trace-gc judged with no config", () => {
  it.each([
    ['leak', 'fail'],
    ['healthy', 'pass'],
    ['healthy-mark-sweep-crlf', 'pass']
  ])('%s: %s', async (name, verdict) => {
    const report = await run(join(fixtures, name))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe(verdict)
    expect(report.metrics.map((m) => m.metric)).toEqual([GC_LOG_METRIC])
    if (verdict === 'fail')
      expect(report.findings.map((f) => f.signature)).toContain('sustained-growth')
  })

  it('a trace of one isolate names none: the series, findings and headline carry no [pid:isolate]', async () => {
    const report = await run(join(fixtures, 'leak'))
    const series = report.metrics.filter((m) => m.kind === 'series')
    expect(series.map((m) => [m.metric, m.id])).toEqual([
      [GC_LOG_METRIC, `trace-gc.log:${GC_LOG_METRIC}`]
    ])
    expect(report.findings.map((f) => f.metric)).toEqual([GC_LOG_METRIC, GC_LOG_METRIC])
    const comment = renderMarkdown(report)
    expect(comment).not.toMatch(/4118:0x5b2c6d0/)
    expect(comment.split('\n').find((line) => line.startsWith('**Leak found:**'))).toMatch(
      /^\*\*Leak found:\*\* trace-gc\.log: heap\\_after\\_gc grows/
    )
  })

  it('reads one sample per full collection, in bytes from MiB', async () => {
    const report = await run(join(fixtures, 'leak'))
    const fulls = text('leak')
      .trimEnd()
      .split('\n')
      .filter((line) => / ms: Mark-Compact/.test(line))
    const metric = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === GC_LOG_METRIC
    )!
    expect(metric.samples).toBe(fulls.length)
    const lastAfter = Number(/-> ([\d.]+) \(/.exec(fulls.at(-1)!)![1])
    expect(metric.lastValue).toBeCloseTo(lastAfter * 2 ** 20, 0)
  })

  it("a worker thread started after the first lines is not read into the main thread's heap", async () => {
    // the main isolate flat at 30 MiB, then leaking 0.2 MiB a collection once a worker started
    // (past the lines the format is told from); the worker's own clock starts at 0
    const lines: string[] = []
    let ms = 100
    for (let i = 0; i < 700; i++) {
      ms += 500
      const heap = 30 + Math.max(0, i - 450) * 0.2
      lines.push(
        `[4118:0x5b2c6d0]    ${ms} ms: Scavenge ${(heap + 8).toFixed(1)} (60.0) -> ${(heap + 1).toFixed(1)} (61.0) MB, 0.84 / 0.00 ms  (average mu = 0.982, current mu = 0.980) allocation failure; `
      )
      if (i % 5 === 4)
        lines.push(
          `[4118:0x5b2c6d0]    ${ms + 100} ms: Mark-Compact ${(heap + 9).toFixed(1)} (62.0) -> ${heap.toFixed(1)} (61.0) MB, 6.02 / 0.00 ms  (average mu = 0.990, current mu = 0.988) allocation failure; scavenge might not succeed`
        )
      if (i > 450 && i % 5 === 1)
        lines.push(
          `[4118:0x7f3a2c001000]    ${(i - 450) * 500} ms: Mark-Compact 6.1 (9.0) -> 5.0 (9.0) MB, 1.02 / 0.00 ms  (average mu = 0.990, current mu = 0.988) allocation failure; scavenge might not succeed`
        )
    }
    const root = makeTempDir('v8-late-worker')
    writeFileSync(join(root, 'trace-gc.log'), `${lines.join('\n')}\n`)
    const report = await run(root)
    expect(report.errors).toEqual([])
    // the main isolate's 140 full collections in one series, not cut into runs at each worker
    // line; the worker's own heap is a series of its own
    expect(report.metrics.map((m) => [m.metric, 'samples' in m ? m.samples : null])).toEqual(
      expect.arrayContaining([
        [GC_LOG_METRIC, 140],
        [GC_LOG_METRIC, 50]
      ])
    )
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail').map((f) => f.metric)
    expect(new Set(failing)).toEqual(new Set([`${GC_LOG_METRIC}[4118:0x5b2c6d0]`]))
  })

  it('a worker that leaks beside a flat main thread fails on the worker alone', async () => {
    const report = await run(join(fixtures, 'two-isolates-worker-leaks'))
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail').map((f) => f.metric)
    expect(new Set(failing)).toEqual(new Set([`${GC_LOG_METRIC}[4118:0x7f3a2c0]`]))
  })

  it('a worker started after the first lines is judged on its own, not mixed into the main thread', async () => {
    // the head (the first 200 lines) holds the main thread alone; the worker's lines come later,
    // its milliseconds counted from its own start
    const lines = text('worker-starts-late').split('\n')
    expect(lines.slice(0, 200).some((line) => line.includes('0x7f3a2c0'))).toBe(false)
    const report = await run(join(fixtures, 'worker-starts-late'))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail').map((f) => f.metric)
    expect(new Set(failing)).toEqual(new Set([`${GC_LOG_METRIC}[4118:0x7f3a2c0]`]))
  })

  it('a trace of scavenges alone says there is no full collection to judge, not that a pattern failed', async () => {
    const dir = makeTempDir('trace-gc-young')
    const scavenges = text('healthy')
      .split('\n')
      .filter((line) => line.includes(' ms: Scavenge'))
    writeFileSync(join(dir, 'trace-gc.log'), scavenges.join('\n') + '\n')
    const report = await run(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `trace-gc\\.log: a V8 GC trace with no full collection: none of its ${scavenges.length} lines`
        )
      )
    ])
  })

  it('a garbled size or time is an error at its line and column, with what was found', async () => {
    const dir = makeTempDir('trace-gc-bad')
    const lines = text('healthy').split('\n')
    const fulls = lines.flatMap((line, i) => (/ ms: Mark-Compact/.test(line) ? [i] : []))
    lines[fulls[2]] = lines[fulls[2]].replace(/-> ([\d.]+) \(/, '-> 1A.2 (')
    lines[fulls[4]] = lines[fulls[4]].replace(/ (\d+) ms: /, ' $1x ms: ')
    writeFileSync(join(dir, 'trace-gc.log'), lines.join('\n'))
    const report = await run(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `trace-gc\\.log:${fulls[2] + 1}: column "heap_after_gc": found "1A\\.2", expected a number`
        )
      ),
      expect.stringMatching(
        new RegExp(`trace-gc\\.log:${fulls[4] + 1}: column "uptime": found "\\d+x"`)
      )
    ])
  })
})

describe("a V8 trace after the app's own lines (its first trace line past the head)", () => {
  // 250 lines of the service's own log (npm's banner, startup, request lines), then the leak's
  // trace with a request line every few trace lines
  const LATE = join(fixtures, 'app-log-first')
  const lines = readFileSync(join(LATE, 'stdout.log'), 'utf8').trimEnd().split('\n')
  const fulls = lines.filter((line) => / ms: Mark-Compact/.test(line))

  it('is read with no config, one sample per full collection, and fails the leak', async () => {
    expect(lines.findIndex((line) => line.includes(' ms: '))).toBeGreaterThanOrEqual(250)
    const report = await run(LATE)
    expect(report.errors).toEqual([])
    expect(report.inputs).toEqual([
      expect.objectContaining({ file: 'stdout.log', how: 'detected', format: 'log' })
    ])
    expect(report.notes.join('\n')).not.toMatch(/stdout\.log: not used/)
    const metric = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === GC_LOG_METRIC
    )!
    expect(metric.samples).toBe(fulls.length)
    expect(report.verdict).toBe('fail')
  })

  it('a config entry naming it without a pattern reads the same', async () => {
    const root = makeTempDir('v8-late-config')
    writeFileSync(join(root, 'stdout.log'), readFileSync(join(LATE, 'stdout.log')))
    writeFileSync(join(root, 'leak-gate.yml'), 'series:\n  - file: stdout.log\n')
    const report = await run(root)
    expect(report.errors).toEqual([])
    expect(report.inputs).toEqual([
      expect.objectContaining({ file: 'stdout.log', how: 'config', format: 'log' })
    ])
    expect(
      report.metrics.find((m) => m.kind === 'series' && m.metric === GC_LOG_METRIC)
    ).toMatchObject({ samples: fulls.length })
  })

  it('is told from its own lines: not from one trace line, nor from lines that only mention ms', () => {
    const app = lines.slice(0, 250)
    expect(lateV8TraceLines(lines, 200)?.[0]).toBe(lines.find((l) => l.includes(' ms: ')))
    expect(lateV8TraceLines([...app, COMPACT, 'GET /health 200'], 200)).toBeUndefined()
    const mentions = Array.from({ length: 40 }, (_, i) => `request ${i} took 12 ms: 200 OK`)
    expect(lateV8TraceLines([...app, ...mentions], 200)).toBeUndefined()
  })

  it('a lone trace line quoted early (an error report) does not hide the trace that starts later', () => {
    const app = lines.slice(0, 250)
    const quoted = `2026-12-06T08:00:05.300Z WARN  slow request; last GC: ${COMPACT}`
    const between = Array.from({ length: 300 }, (_, i) => `GET /api/items/${i} 200`)
    const trace = lines.slice(250)
    const found = lateV8TraceLines([...app, quoted, ...between, ...trace], 200)
    expect(found?.[0]).toBe(trace[0])
    expect(found).toHaveLength(Math.min(200, trace.length))
  })

  it('another log with a late mention of ms is still not used, and no read goes past its budget', async () => {
    const root = makeTempDir('v8-late-none')
    const mentions = Array.from({ length: 40 }, (_, i) => `request ${i} took 12 ms: 200 OK`)
    // two trace lines past the budget (LATE_TRACE_LINES lines) are not searched for
    const filler = Array.from({ length: 10_000 }, (_, i) => `GET /api/items/${i} 200`)
    writeFileSync(
      join(root, 'app.log'),
      [...lines.slice(0, 250), ...mentions, ...filler, COMPACT, REDUCE].join('\n') + '\n'
    )
    const report = await run(root)
    expect(report.metrics).toEqual([])
    expect(report.notes.join('\n')).toMatch(/app\.log: not used/)
  })
})

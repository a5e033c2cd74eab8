/**
 * Go's collector trace (`GODEBUG=gctrace=1`) read with no configuration: the
 * live heap each collection marked, by the seconds since the program started.
 * Fixtures (__fixtures__/pipeline/go-gctrace) are our own lines in the shapes
 * Go 1.21 (stacks, globals, `(forced)`) and Go 1.12 (`scvg:` and `pacer:`
 * lines between collections; one file with CRLF) write, and two recorded runs
 * of examples/go-worker (Go 1.19, healthy and slow-leak modes, 1 KiB kept per
 * unit).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectInputs, gcLogSeries } from '../../src/plan/detect.js'
import { compilePattern } from '../../src/load/log.js'
import type { SeriesAnalysis } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { GC_LOG_METRIC } from '../../src/understand/jvm-gc-log.js'
import { goGctraceSpec, goRunProgramStart } from '../../src/understand/go-gctrace.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const fixtures = '__fixtures__/pipeline/go-gctrace'
const now = new Date('2026-12-06T00:00:00Z')
const run = (root: string) => runPipeline({ root, workspace: root, now })
const head = (name: string) =>
  readFileSync(join(fixtures, name, 'gctrace.log'), 'utf8')
    .split(/\r?\n/)
    .slice(0, 40)

const MODERN =
  'gc 12 @3.512s 4%: 0.018+2.1+0.021 ms clock, 0.14+0.52/3.9/0.42+0.17 ms cpu, 41->43->21 MB, 44 MB goal, 0 MB stacks, 0 MB globals, 8 P'
const FORCED =
  'gc 13 @4.020s 4%: 0.02+1.9+0.02 ms clock, 0.16+0/3.1/0.4+0.18 ms cpu, 38->38->22 MB, 44 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)'
const GO112 =
  'gc 1 @0.013s 0%: 0.008+0.26+0.003 ms clock, 0.032+0.066/0.13/0.23+0.012 ms cpu, 4->4->0 MB, 5 MB goal, 4 P'

describe('a Go gctrace', () => {
  it('reads the third size (the marked live heap) and the seconds since start, forced collections too', () => {
    const spec = goGctraceSpec([MODERN, FORCED])!
    expect(spec).toMatchObject({ time: 'uptime', timeUnitMs: 1000, unitBytes: 2 ** 20 })
    const compiled = compilePattern(spec.pattern)
    if ('error' in compiled) throw new Error(compiled.error)
    const read = [MODERN, FORCED, GO112, 'scvg: 0 MB released'].map((line) => {
      const groups = compiled.regex.exec(line)?.groups
      return groups && [groups.uptime, groups[GC_LOG_METRIC]]
    })
    expect(read).toEqual([['3.512', '21'], ['4.020', '22'], ['0.013', '0'], undefined])
  })

  it('is told from two lines, behind a journald prefix too, and not from one or from an application line', () => {
    expect(
      goGctraceSpec([`Dec 06 05:00:01 host app[81]: ${MODERN}`, `app[81]: ${FORCED}`])
    ).toBeDefined()
    expect(goGctraceSpec([MODERN, 'scvg: 0 MB released'])).toBeUndefined()
    expect(
      goGctraceSpec(['gc 1 took 3 ms, heap 41->21 MB', 'gc 2 took 3 ms, heap 41->21 MB'])
    ).toBeUndefined()
  })

  it('is read by zero-config as heap_after_gc in MiB, and a config entry naming it without a pattern reads the same', () => {
    const detected = detectInputs([{ path: 'logs/stderr.log', head: head('go112-leak') }])
    expect(detected.series).toEqual([
      expect.objectContaining({
        file: 'logs/stderr.log',
        format: 'log',
        time: 'uptime',
        timeUnitMs: 1000,
        unitBytes: 2 ** 20,
        metrics: { [GC_LOG_METRIC]: 'memory' }
      })
    ])
    expect(detected.used[0].how).toMatch(
      /^Go gctrace \(GODEBUG=gctrace=1\): heap_after_gc, the live heap/
    )
    expect(gcLogSeries({ file: 'stderr.log' }, head('leak'))!.spec).toEqual(
      expect.objectContaining({ pattern: detected.series[0].pattern, unitBytes: 2 ** 20 })
    )
    expect(gcLogSeries({ file: 'stderr.log', pattern: '(?<x>\\d+)' }, head('leak'))).toBeUndefined()
  })
})

describe('a Go gctrace judged with no config', () => {
  it.each([
    ['leak', 'fail'],
    ['go112-leak', 'fail'],
    ['healthy', 'pass'],
    ['go112-healthy-crlf', 'pass'],
    ['cache-fill', 'pass'],
    // recorded: examples/go-worker, GODEBUG=gctrace=1, 10,000 units (--pace-ms 2), stderr saved
    ['recorded-healthy', 'pass'],
    ['recorded-slow-leak', 'fail']
  ])('%s: %s', async (name, verdict) => {
    const report = await run(join(fixtures, name))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe(verdict)
    const series = report.metrics.map((m) => m.metric)
    expect(series).toEqual([GC_LOG_METRIC])
    if (verdict === 'fail')
      expect(report.findings.map((f) => f.signature)).toEqual(
        expect.arrayContaining(['sustained-growth', 'rising-floor'])
      )
  })

  it('a leak reads its live heap in bytes from MiB, scvg lines skipped', async () => {
    const report = await run(join(fixtures, 'go112-leak'))
    const lines = readFileSync(join(fixtures, 'go112-leak', 'gctrace.log'), 'utf8')
      .trimEnd()
      .split('\n')
    const collections = lines.filter((line) => line.startsWith('gc '))
    const metric = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === GC_LOG_METRIC
    )!
    expect(metric.samples).toBe(collections.length)
    expect(lines.length).toBeGreaterThan(collections.length)
    const lastLive = Number(/->(\d+) MB,/.exec(collections.at(-1)!)![1])
    expect(metric.lastValue).toBe(lastLive * 2 ** 20)
  })

  it('a garbled size or time is an error at its line and column, with what was found', async () => {
    const dir = makeTempDir('gctrace-bad')
    const lines = readFileSync(join(fixtures, 'healthy', 'gctrace.log'), 'utf8').split('\n')
    lines[6] = lines[6].replace(/->(\d+) MB,/, '->2O MB,')
    lines[8] = lines[8].replace(/@([\d.]+)s /, '@$1xs ')
    writeFileSync(join(dir, 'gctrace.log'), lines.join('\n'))
    const report = await run(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /gctrace\.log:7: column "heap_after_gc": found "2O", expected a number/
      ),
      expect.stringMatching(/gctrace\.log:9: column "uptime": found "[\d.]+x"/)
    ])
  })
})

describe("`GODEBUG=gctrace=1 go run`: the build's processes trace their cycles first", () => {
  // go-run-<name>: the go command's, the compiler's and the linker's cycles (10 lines, each process
  // numbered from gc 1, up to 0.13 s into each), then <name>'s own trace
  const lines = (name: string) =>
    readFileSync(join(fixtures, name, 'gctrace.log'), 'utf8')
      .trimEnd()
      .split('\n')
  const series = (report: Awaited<ReturnType<typeof run>>) =>
    report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === GC_LOG_METRIC
    )!

  it.each([
    ['leak', 'fail'],
    ['healthy', 'pass']
  ])(
    "%s: judged on the program's cycles alone, by its own clock, as without the build",
    async (name, verdict) => {
      const report = await run(join(fixtures, `go-run-${name}`))
      const plain = await run(join(fixtures, name))
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe(verdict)
      const [got, want] = [series(report), series(plain)]
      // the program's cycles only, by time (the build's numbering going back read them in sample order)
      expect([got.samples, got.timeBase, got.firstValue, got.lastValue, got.slopePerHour]).toEqual([
        want.samples,
        want.timeBase,
        want.firstValue,
        want.lastValue,
        want.slopePerHour
      ])
      expect(report.inputs[0].note).toMatch(
        /the 10 cycles before line 11 left out: earlier processes', .*within 0\.13 s.*`go run`'s build/
      )
    }
  )

  it('a program that ended early and ran again: its first run is left out as what it may be, not called the build', async () => {
    // the program's first 4 cycles (5.7 s), then the same program from gc 1 for 70 s: its first
    // run cannot be told from a build by the numbering and the clock, so the note says both
    const root = makeTempDir('go-run-crashed')
    const leak = lines('leak')
    writeFileSync(join(root, 'gctrace.log'), [...leak.slice(0, 4), ...leak].join('\n') + '\n')
    const report = await run(root)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(series(report).samples).toBe(leak.length)
    const note = report.inputs[0].note!
    expect(note).toMatch(
      /the 4 cycles before line 5 left out: earlier processes', .*within 5\.68 s.*or a run of the program that ended early/
    )
    expect(note).not.toMatch(/left out: `go run`'s build/)
  })

  it('finds the program by the last numbering from gc 1, outliving the build tenfold', () => {
    const text = lines('go-run-leak')
    expect(goRunProgramStart(text)).toBe(11)
    expect(goRunProgramStart(lines('leak'))).toBeUndefined()
    // a restarted service (its first process as long-lived as the second): read whole, as before
    const twice = [...lines('leak'), ...lines('leak')]
    expect(goRunProgramStart(twice)).toBeUndefined()
    // the last numbering not from gc 1 (its first cycles are not in the file)
    const late = text.map((line, i) => (i === 10 ? line.replace(/^gc 1 /, 'gc 2 ') : line))
    expect(goRunProgramStart(late)).toBeUndefined()
  })
})

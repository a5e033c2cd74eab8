/**
 * A collector's pause lines in the log that holds the readings (`node --trace-gc` and the
 * service's own memory lines on one stdout; a JVM's `-Xlog:gc` beside its log lines; Go's
 * gctrace on stderr with `2>&1`): the full collections they show are counted at each reading and
 * read as the witness a runtime's counter is (`python_gc_collections_total{generation="2"}`).
 * - A heap that never falls within its reserved room warns "no collection in view" when the log
 *   shows young pauses only; full collections in the window prove one ran: judged as usual.
 * - A live count every full collection brought back to its floor is the collector's backlog.
 * - Pause lines of two processes (Node's `[pid:…]`) in one file vouch for none.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import { runPipeline } from '../../src/pipeline.js'
import { pauseOnLine } from '../../src/understand/gc-pause-lines.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const NOW = new Date('2026-11-25T00:00:00Z')
afterAll(removeTempDirs)

const judge = (dir: string): Promise<Report> => runPipeline({ root: dir, workspace: dir, now: NOW })

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
}

const MiB = 2 ** 20
const START = Date.parse('2026-11-20T09:00:00Z')

describe('which lines are pauses, and which of them full collections', () => {
  it.each([
    ['[0.799s][info][gc] GC(7) Pause Full (System.gc()) 30M->12M(256M) 17.547ms', true],
    [
      '[2026-12-06T01:02:33.146+0000][0.799s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 12M->4M(256M) 17.547ms',
      false
    ],
    [
      '2021-07-28T18:38:29.678+0800: 9137.425: [Full GC (Ergonomics) [PSYoungGen: 937984K->678408K(1053696K)] 3280564K->3020988K(3396608K), 2.7266583 secs]',
      true
    ],
    [
      '1.234: [GC (Allocation Failure) 1.234: [ParNew: 272640K->34048K(306688K), 0.0512 secs] 272640K->45000K(989888K), 0.0513 secs]',
      false
    ],
    [
      'gc 12 @3.512s 4%: 0.018+2.1+0.021 ms clock, 0.14+0.52/3.9/0.42+0.17 ms cpu, 41->43->21 MB, 44 MB goal, 8 P',
      true
    ],
    [
      '[40817:0x5e8b0a0]     2345 ms: Mark-Compact 45.2 (60.1) -> 30.1 (61.2) MB, 12.3 / 0.0 ms  (average mu = 0.998, current mu = 0.987) allocation failure; GC in old space requested',
      true
    ],
    ['[45678:0x104800000]      154 ms: Mark-sweep 9.9 (14.2) -> 8.8 (15.2) MB, 3.8 / 0.0 ms', true],
    ['[40817:0x5e8b0a0]     1201 ms: Scavenge 12.1 (14.0) -> 3.2 (15.0) MB, 1.2 / 0.0 ms', false],
    [
      '[40817:0x5e8b0a0]     1201 ms: Minor Mark-Sweep 12.1 (14.0) -> 3.2 (15.0) MB, 1.2 / 0.0 ms',
      false
    ]
  ])('%s: full %s', (line, full) => expect(pauseOnLine(line)?.full).toBe(full))

  it('says who wrote it: the collector numbering and the isolate', () => {
    expect(pauseOnLine('[0.799s][info][gc,start] GC(7) Pause Full (System.gc())')).toEqual({
      full: true,
      family: 'unified',
      seq: 7
    })
    expect(
      pauseOnLine(
        '2021-07-28T18:38:29.678+0800: 9137.425: [Full GC (Ergonomics) 3280564K->3020988K(3396608K), 2.7 secs]'
      )?.seq
    ).toBe(9137.425)
    expect(
      pauseOnLine(
        'gc 12 @3.512s 4%: 0.018+2.1+0.021 ms clock, 41->43->21 MB, 44 MB goal, 8 P (forced)'
      )
    ).toEqual({
      full: true,
      family: 'gctrace',
      seq: 12,
      uptime: 3.512
    })
    expect(
      pauseOnLine(
        '[40817:0x7F3A2C001000]     2345 ms: Mark-Compact 45.2 (60.1) -> 30.1 (61.2) MB, 12.3 / 0.0 ms'
      )
    ).toEqual({ full: true, family: 'v8', pid: '40817', isolate: '7f3a2c001000' })
  })

  it.each([
    '2026-11-20T09:00:01Z GET /orders 200 12ms',
    '[0.9s][info][gc] GC(3) Pause Remark 20M->20M(64M) 1.1ms',
    'gc: 3 collections so far'
  ])('%s: no pause', (line) => expect(pauseOnLine(line)).toBeUndefined())
})

/** A service's memory line, once a second: `heapUsed` climbing 0.75 MiB a second, never falling. */
function memoryLine(i: number): string {
  const t = new Date(START + i * 1000).toISOString()
  return `${t} memory heapUsed=${30 * MiB + i * 0.75 * MiB} heapTotal=${64 * MiB} rss=${120 * MiB + i * MiB}`
}

/** `node --trace-gc`'s line at `ms` since the isolate started. */
const traceGc = (
  pid: number,
  ms: number,
  kind: 'Scavenge' | 'Mark-Compact',
  isolate = '0x5e8b0a0'
) =>
  `[${pid}:${isolate}]    ${ms} ms: ${kind} 45.2 (60.1) -> 30.1 (61.2) MB, 2.1 / 0.0 ms  (average mu = 0.998, current mu = 0.987) allocation failure;`

/**
 * 40 s of a service's stdout under `node --trace-gc`: a Scavenge every second, a Mark-Compact
 * where `full` says (by the isolate `fullIsolate` names: a worker thread's has its own heap).
 */
function nodeStdout(
  full: (i: number) => boolean,
  pid = (_: number) => 40817,
  fullIsolate = (_: number) => '0x5e8b0a0'
): string {
  const lines: string[] = []
  for (let i = 0; i < 40; i++) {
    lines.push(
      memoryLine(i),
      `${new Date(START + i * 1000 + 300).toISOString()} GET /orders 200 4ms`
    )
    lines.push(traceGc(pid(i), 1000 * i + 500, 'Scavenge'))
    if (full(i)) lines.push(traceGc(pid(i), 1000 * i + 700, 'Mark-Compact', fullIsolate(i)))
  }
  return `${lines.join('\n')}\n`
}

const NODE_CONFIG = `series:
  - file: app.log
    format: log
    pattern: '^(?<time>\\S+) memory heapUsed=(?<heapUsed>\\d+) heapTotal=(?<heapTotal>\\d+)'
    metrics:
      heapUsed: memory
      heapTotal: memory
`

const heapUsed = (report: Report) =>
  report.findings.filter((f) => /^heapUsed\b/.test(f.metric) && f.signature === 'sustained-growth')

describe('node --trace-gc in the log that holds the readings', () => {
  it('Scavenges only: no full collection in view, a warning', async () => {
    const dir = makeTempDir('trace-gc-young')
    write(dir, { 'app.log': nodeStdout(() => false), 'leak-gate.yml': NODE_CONFIG })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(heapUsed(report).every((f) => f.level === 'warn' && f.evidence.noCollectionInView)).toBe(
      true
    )
    // the log shows 40 Scavenges: not "no collection", no full one
    expect(heapUsed(report)[0].message).toMatch(
      /no full collection in view \(gc_log_full_collections, the collector's count of its older collections, did not move; young collections, if any, leave the old generation alone\): it never falls/
    )
  })

  it('Mark-Compacts in the window and the heap never fell: what it holds survived them, a leak', async () => {
    const dir = makeTempDir('trace-gc-full')
    write(dir, { 'app.log': nodeStdout((i) => i % 12 === 11), 'leak-gate.yml': NODE_CONFIG })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const trend = heapUsed(report)[0]
    expect(trend.level).toBe('fail')
    expect(trend.evidence.collectionsCounted).toBe(true)
    expect(trend.message).toMatch(
      /it never falls over 3\d s, yet gc_log_full_collections \(the collector's count of its older collections, same process\) moved 3 times in the window/
    )
    // a witness: never judged nor listed
    expect(report.metrics.some((m) => m.metric === 'gc_log_full_collections')).toBe(false)
    expect(report.findings.some((f) => f.metric === 'gc_log_full_collections')).toBe(false)
  })

  it('the same pause lines written by two processes into one file vouch for none: a warning', async () => {
    const dir = makeTempDir('trace-gc-two')
    write(dir, {
      'app.log': nodeStdout(
        (i) => i % 12 === 11,
        (i) => (i % 2 === 0 ? 40817 : 40818)
      ),
      'leak-gate.yml': NODE_CONFIG
    })
    const report = await judge(dir)
    expect(report.verdict).toBe('warn')
    expect(heapUsed(report).every((f) => f.evidence.noCollectionInView)).toBe(true)
  })

  it("a worker thread's Mark-Compacts (same pid, its own isolate) vouch for no collection of the main heap: a warning", async () => {
    const dir = makeTempDir('trace-gc-worker')
    write(dir, {
      'app.log': nodeStdout(
        (i) => i % 12 === 11,
        () => 40817,
        () => '0x7f3a2c001000'
      ),
      'leak-gate.yml': NODE_CONFIG
    })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(heapUsed(report).every((f) => f.evidence.noCollectionInView)).toBe(true)
  })

  it('a log grouped by process (several series per metric) gets no count either', async () => {
    const dir = makeTempDir('trace-gc-grouped')
    let n = 0
    const text = nodeStdout((i) => i % 12 === 11).replace(
      / memory /g,
      () => ` memory worker=${n++ % 2 === 0 ? 'a' : 'b'} `
    )
    write(dir, {
      'app.log': text,
      'leak-gate.yml': `series:
  - file: app.log
    format: log
    pattern: '^(?<time>\\S+) memory worker=(?<worker>\\w+) heapUsed=(?<heapUsed>\\d+) heapTotal=(?<heapTotal>\\d+)'
    group: worker
    metrics:
      heapUsed: memory
      heapTotal: memory
`
    })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(heapUsed(report).map((f) => f.metric)).toEqual(['heapUsed[a]', 'heapUsed[b]'])
    expect(heapUsed(report).every((f) => f.evidence.noCollectionInView)).toBe(true)
  })
})

/**
 * A JVM service's stdout with `-Xlog:gc` (unified logging to stdout, its default) and its live
 * session count logged every 0.35 s: the count wobbles 3–6, full collections (`Pause Full`) before
 * readings 43, 80 and 120 leave it at 3–4, and after the last it climbs 4 → 14 (the shape of the
 * Python worker's backlog, __fixtures__/pipeline/collections-in-view). Young pauses every 10 readings.
 */
function jvmStdout(
  full: readonly number[] = [43, 80, 120],
  /** Another JVM's pauses in the same file (its own numbering): full ones at these readings. */
  other: readonly number[] = [],
  /** `-Xlog:gc*`: each pause's `gc,start` line before the line with its sizes. */
  starts = false
): string {
  const lines: string[] = []
  let gc = 0
  let otherGc = 0
  for (let i = 1; i <= 160; i++) {
    const uptime = ((i * 350) / 1000).toFixed(3)
    if (i % 10 === 0)
      lines.push(
        `[${uptime}s][info][gc] GC(${gc++}) Pause Young (Normal) (G1 Evacuation Pause) 40M->12M(256M) 2.1ms`
      )
    if (full.includes(i)) {
      if (starts)
        lines.push(`[${uptime}s][info][gc,start] GC(${gc}) Pause Full (G1 Compaction Pause)`)
      lines.push(
        `[${uptime}s][info][gc] GC(${gc++}) Pause Full (G1 Compaction Pause) 60M->14M(256M) 31.2ms`
      )
    }
    if (other.includes(i))
      lines.push(
        `[${uptime}s][info][gc] GC(${otherGc++}) Pause Full (System.gc()) 20M->9M(128M) 11.0ms`
      )
    const live = i <= 120 ? 6 - ((i - 1) % 4) : 4 + Math.floor((i - 120) / 4)
    lines.push(`${new Date(START + i * 350).toISOString()} INFO sessions live=${live}`)
  }
  return `${lines.join('\n')}\n`
}

const JVM_CONFIG = `series:
  - file: service.log
    format: log
    pattern: '^(?<time>\\S+) INFO sessions live=(?<live>\\d+)'
    metrics:
      live: live
`

describe('a JVM log with -Xlog:gc beside a live count', () => {
  it('a climb every full collection brought back to its floor is backlog (pass, saying so)', async () => {
    const dir = makeTempDir('xlog-backlog')
    write(dir, { 'service.log': jvmStdout(), 'leak-gate.yml': JVM_CONFIG })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /live rises .* but each of the 3 collections of the older generations in view \(gc_log_full_collections changed 3 times\) left it at 4 or less/
    )
  })

  it('the last full collection overdue (none at reading 120) fails: a leak starting late looks the same', async () => {
    const dir = makeTempDir('xlog-overdue')
    write(dir, { 'service.log': jvmStdout([43, 80]), 'leak-gate.yml': JVM_CONFIG })
    expect((await judge(dir)).verdict).toBe('fail')
  })

  it('counted once per pause with -Xlog:gc* (its gc,start line too): still backlog', async () => {
    const dir = makeTempDir('xlog-starts')
    write(dir, { 'service.log': jvmStdout([43, 80, 120], [], true), 'leak-gate.yml': JVM_CONFIG })
    const report = await judge(dir)
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(/gc_log_full_collections changed 3 times/)
  })

  it("a second JVM's full pauses in the file (its GC numbering starts again) vouch for none: the overdue climb fails", async () => {
    // the readings' JVM ran two full collections; another's, at readings 100 and 125, would make
    // the climb after the last one look due
    const dir = makeTempDir('xlog-two-jvms')
    write(dir, { 'service.log': jvmStdout([43, 80], [100, 125]), 'leak-gate.yml': JVM_CONFIG })
    expect((await judge(dir)).verdict).toBe('fail')
  })

  it('the same climb with the pause lines removed fails (what the count tells)', async () => {
    const dir = makeTempDir('xlog-none')
    const text = jvmStdout()
      .split('\n')
      .filter((line) => !line.includes('[gc]'))
      .join('\n')
    write(dir, { 'service.log': text, 'leak-gate.yml': JVM_CONFIG })
    expect((await judge(dir)).verdict).toBe('fail')
  })
})

/** `GODEBUG=gctrace=1`'s line of cycle `n` at `s` seconds since the program started. */
const gctrace = (n: number, s: number) =>
  `gc ${n} @${s.toFixed(3)}s 1%: 0.018+2.1+0.021 ms clock, 0.14+0.52/3.9/0.42+0.17 ms cpu, 41->43->21 MB, 44 MB goal, 0 MB stacks, 0 MB globals, 8 P`

/**
 * A Go service under `GODEBUG=gctrace=1` with its stderr in its log: its memory lines once a second
 * (`heap_alloc` climbing within `heap_sys`) and a cycle where `cycle` says; at `restartAt` the
 * numbering starts again (a restart, or a second program writing to the file).
 */
function goStderr(cycle: (i: number) => boolean, restartAt?: number): string {
  const lines: string[] = []
  let n = 1
  for (let i = 0; i < 40; i++) {
    if (i === restartAt) n = 1
    const t = new Date(START + i * 1000).toISOString()
    lines.push(`${t} memory heap_alloc=${30 * MiB + i * 0.75 * MiB} heap_sys=${64 * MiB}`)
    if (cycle(i)) lines.push(gctrace(n++, i + 0.5))
  }
  return `${lines.join('\n')}\n`
}

const GO_CONFIG = `series:
  - file: service.log
    format: log
    pattern: '^(?<time>\\S+) memory heap_alloc=(?<heap_alloc>\\d+) heap_sys=(?<heap_sys>\\d+)'
    metrics:
      heap_alloc: memory
      heap_sys: memory
`

describe("Go's gctrace in the log that holds the readings", () => {
  const heapAlloc = (report: Report) =>
    report.findings.filter((f) => f.metric === 'heap_alloc' && f.signature === 'sustained-growth')

  it("the service's own cycles in the window: a heap that never fell survived them, judged as usual", async () => {
    const dir = makeTempDir('gctrace-go')
    write(dir, { 'service.log': goStderr((i) => i % 12 === 11), 'leak-gate.yml': GO_CONFIG })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(heapAlloc(report)[0].message).toMatch(/gc_log_full_collections .* moved 3 times/)
  })

  it('cycles numbered from 1 again after the readings began (a restart, or a second program) vouch for none', async () => {
    const dir = makeTempDir('gctrace-restart')
    write(dir, { 'service.log': goStderr((i) => i % 6 === 5, 20), 'leak-gate.yml': GO_CONFIG })
    const report = await judge(dir)
    expect(heapAlloc(report).every((f) => f.evidence.noCollectionInView)).toBe(true)
  })
})

describe("`GODEBUG=gctrace=1 go run`: the build's cycles first, each process numbered from gc 1", () => {
  const GO_RUN = '__fixtures__/pipeline/gc-log-collections/go-run'
  const heapAlloc = (report: Report) =>
    report.findings.filter((f) => f.metric === 'heap_alloc' && f.signature === 'sustained-growth')
  const copy = (edit: (text: string) => string): string => {
    const dir = makeTempDir('gctrace-go-run')
    write(dir, {
      'service.log': edit(readFileSync(join(GO_RUN, 'service.log'), 'utf8')),
      'leak-gate.yml': readFileSync(join(GO_RUN, 'leak-gate.yml'), 'utf8')
    })
    return dir
  }

  it("the program's own cycles (the last numbering, outliving the build's) witness; the build's are not its", async () => {
    const report = await judge(GO_RUN)
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const [finding] = heapAlloc(report)
    expect(finding.evidence.noCollectionInView).toBeUndefined()
    // 3 cycles of the program's in view, none of the build's 10 before its first reading
    expect(finding.message).toMatch(/gc_log_full_collections .* moved 3 times/)
    // counted at each reading: 0 before the program's first cycle, 3 at the end (the build's 10
    // cycles are not the program's)
    const text = readFileSync(join(GO_RUN, 'service.log'), 'utf8')
    const pattern = /pattern: '(.*)'/.exec(readFileSync(join(GO_RUN, 'leak-gate.yml'), 'utf8'))![1]
    const spec = { file: 'service.log', format: 'log' as const, pattern, time: 'time' }
    const loaded = await loadSeries(toAsync(splitText(text)), {
      file: 'service.log',
      format: 'log',
      spec,
      collections: true
    })
    const count = loaded.series.find((one) => one.metric === 'gc_log_full_collections')!
    expect([count.value[0], count.value[11], count.value[12], count.value.at(-1)]).toEqual([
      0, 0, 1, 3
    ])
  })

  it('earlier cycles that outlive the last numbering (another program, not a build) vouch for none', async () => {
    const dir = copy((text) => text.replace('gc 4 @0.130s', 'gc 4 @95.130s'))
    const report = await judge(dir)
    expect(heapAlloc(report).every((f) => f.evidence.noCollectionInView)).toBe(true)
  })

  it('a last numbering that does not start at gc 1 (lines of another process after the build) vouches for none', async () => {
    // the program's cycles numbered from gc 2: a process whose first cycles are not in the file
    const dir = copy((text) =>
      text.replace(
        /^gc (\d+) @(\d\d\.500s)/gm,
        (_, n: string, at: string) => `gc ${Number(n) + 1} @${at}`
      )
    )
    const report = await judge(dir)
    expect(heapAlloc(report).every((f) => f.evidence.noCollectionInView)).toBe(true)
  })
})

describe('a GC log read on its own', () => {
  it('its full pauses are counted but never judged nor listed', async () => {
    const dir = makeTempDir('xlog-alone')
    const text = jvmStdout()
      .split('\n')
      .filter((line) => line.includes('[gc]'))
      .join('\n')
    write(dir, { 'gc.log': `${text}\n` })
    const report = await judge(dir)
    expect(report.errors).toEqual([])
    expect(report.metrics.map((m) => m.metric)).toEqual(['heap_after_gc'])
  })
})

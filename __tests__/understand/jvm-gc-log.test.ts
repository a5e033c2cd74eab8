/**
 * A HotSpot unified GC log read with no configuration: the heap after each
 * young or full pause, with the time its decorations carry. The lines are
 * as OpenJDK 17 writes them (`-Xlog:gc` with the default decorations, and
 * `-Xlog:gc*:file=gc.log:time,uptime,level,tags`).
 */
import { detectInputs, gcLogSeries } from '../../src/plan/detect.js'
import { compilePattern } from '../../src/load/log.js'
import { GC_LOG_METRIC, heapExhaustion, jvmGcLogSpec } from '../../src/understand/jvm-gc-log.js'

const DATED = [
  '[2026-12-06T01:02:32.402+0000][0.055s][info][gc,init] Version: 17.0.15+6-Debian-1deb12u1 (release)',
  '[2026-12-06T01:02:32.402+0000][0.055s][info][gc,init] Heap Region Size: 1M',
  '[2026-12-06T01:02:32.402+0000][0.049s][info][gc     ] Using G1',
  '[2026-12-06T01:02:33.129+0000][0.781s][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)',
  '[2026-12-06T01:02:33.146+0000][0.799s][info][gc,heap     ] GC(0) Eden regions: 12->0(11)',
  '[2026-12-06T01:02:33.146+0000][0.799s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 12M->4M(256M) 17.547ms',
  '[2026-12-06T01:02:33.146+0000][0.799s][info][gc,cpu      ] GC(0) User=0.02s Sys=0.00s Real=0.02s'
]
const UPTIME = [
  '[0.045s][info][gc] Using G1',
  '[0.192s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 4M->1M(10M) 2.522ms',
  '[0.317s][info][gc] GC(13) Concurrent Cycle',
  '[0.324s][info][gc] GC(13) Pause Remark 15M->15M(55M) 0.519ms',
  '[1.004s][info][gc] GC(14) Pause Full (System.gc()) 25M->3M(12M) 9.112ms'
]

/** The rows a spec's pattern reads from lines: [time cell, heap after]. */
function rows(pattern: string, time: string | undefined, lines: string[]): string[][] {
  const compiled = compilePattern(pattern)
  if ('error' in compiled) throw new Error(compiled.error)
  return lines
    .map((line) => compiled.regex.exec(line)?.groups)
    .filter((groups) => groups !== undefined)
    .map((groups) => [time ? groups[time] : '', groups[GC_LOG_METRIC]])
}

describe('a JVM unified GC log', () => {
  it('with a date decoration: the date is the time, one row per young or full pause', () => {
    const spec = jvmGcLogSpec(DATED)!
    expect(spec).toMatchObject({ time: 'time', unitBytes: 2 ** 20, collector: 'G1' })
    expect(rows(spec.pattern, spec.time, DATED)).toEqual([['2026-12-06T01:02:33.146+0000', '4']])
  })

  it('with the default decorations: the uptime in seconds; Remark pauses are left out', () => {
    const spec = jvmGcLogSpec(UPTIME)!
    expect(spec).toMatchObject({ time: 'uptime', timeUnitMs: 1000 })
    expect(rows(spec.pattern, spec.time, UPTIME)).toEqual([
      ['0.192', '1'],
      ['1.004', '3']
    ])
  })

  it('with uptime in milliseconds, or no decoration with a time', () => {
    const millis = ['[192ms][info][gc] GC(0) Pause Young (Allocation Failure) 4M->1M(10M) 2.5ms']
    expect(jvmGcLogSpec(millis)).toMatchObject({ time: 'uptime', timeUnitMs: 1 })
    const bare = ['[info][gc] GC(0) Pause Young (Allocation Failure) 4M->1M(10M) 2.5ms']
    const spec = jvmGcLogSpec(bare)!
    expect(spec.time).toBeUndefined()
    expect(rows(spec.pattern, undefined, bare)).toEqual([['', '1']])
  })

  it('is not any log: ZGC lines (no before->after(committed)) and an application log are not one', () => {
    expect(
      jvmGcLogSpec([
        '[0.020s][info][gc,init] Initializing The Z Garbage Collector',
        '[1.204s][info][gc] GC(0) Garbage Collection (Warmup) 26M(10%)->16M(6%)'
      ])
    ).toBeUndefined()
    expect(
      jvmGcLogSpec(['2026-12-06 01:02:03 INFO GC(0) Pause Young 12M->4M(256M) done'])
    ).toBeUndefined()
  })

  it('is read by zero-config as a memory series of the heap after each pause', () => {
    const detected = detectInputs([{ path: 'logs/gc.log', head: UPTIME }])
    expect(detected.series).toEqual([
      expect.objectContaining({
        file: 'logs/gc.log',
        format: 'log',
        time: 'uptime',
        timeUnitMs: 1000,
        unitBytes: 2 ** 20,
        metrics: { [GC_LOG_METRIC]: 'memory' }
      })
    ])
    expect(detected.used[0].how).toMatch(
      /^JVM unified GC log \(G1\): heap_after_gc, the heap after each young or full pause, time from the JVM uptime$/
    )
  })

  it('completes a config entry that names the log without a pattern, keeping what it gives', () => {
    const named = gcLogSeries({ file: 'gc*.log', format: 'log' }, DATED)!
    expect(named.spec).toMatchObject({
      file: 'gc*.log',
      format: 'log',
      time: 'time',
      metrics: { [GC_LOG_METRIC]: 'memory' }
    })
    const own = gcLogSeries(
      { file: 'gc.log', time: 'time', metrics: { heap_before_gc: 'memory' } },
      DATED
    )!
    expect(own.spec.metrics).toEqual({ heap_before_gc: 'memory' })
    // a pattern or another format is the config's own reading
    expect(gcLogSeries({ file: 'gc.log', pattern: '(?<x>\\d+)' }, DATED)).toBeUndefined()
    expect(gcLogSeries({ file: 'gc.log', format: 'csv' }, DATED)).toBeUndefined()
  })
})

/** JDK 8 `-XX:+PrintGCDetails` lines (own values, in the shapes Parallel, CMS and Serial write). */
const JDK8_DATED = [
  '2026-12-06T09:00:01.100+0800: 12.500: Total time for which application threads were stopped: 0.0004100 seconds, Stopping threads took: 0.0000500 seconds',
  '2026-12-06T09:00:01.200+0800: 12.600: [GC (Allocation Failure) [PSYoungGen: 65536K->8192K(76288K)] 65536K->9216K(251392K), 0.0051234 secs] [Times: user=0.01 sys=0.00, real=0.01 secs] ',
  '2026-12-06T09:00:04.300+0800: 15.700: [Full GC (Ergonomics) [PSYoungGen: 8192K->0K(76288K)] [ParOldGen: 170000K->169000K(175104K)] 178192K->169000K(251392K), [Metaspace: 30000K->30000K(1077248K)], 0.4000000 secs] [Times: user=0.80 sys=0.00, real=0.40 secs] '
]
const JDK8_CMS = [
  '3.141: [GC (Allocation Failure) 3.141: [ParNew: 272640K->34048K(306688K), 0.0512000 secs] 272640K->45000K(989888K), 0.0513000 secs] [Times: user=0.10 sys=0.01, real=0.05 secs] ',
  '9.000: [GC (CMS Initial Mark) [1 CMS-initial-mark: 10952K(683200K)] 160000K(989888K), 0.0020000 secs]',
  '12.000: [Full GC (System.gc()) 12.000: [CMS: 10952K->9000K(683200K), 0.0800000 secs] 50000K->9000K(989888K), [Metaspace: 20000K->20000K(1067008K)], 0.0810000 secs]'
]

describe('a JDK 8 GC log (-XX:+PrintGCDetails)', () => {
  it('with date stamps: the date is the time, the whole heap after each pause in KiB, safepoint lines left out', () => {
    const spec = jvmGcLogSpec(JDK8_DATED)!
    expect(spec).toMatchObject({ time: 'time', unitBytes: 1024, legacy: true })
    expect(rows(spec.pattern, spec.time, JDK8_DATED)).toEqual([
      ['2026-12-06T09:00:01.200+0800', '9216'],
      ['2026-12-06T09:00:04.300+0800', '169000']
    ])
  })

  it("with uptime stamps: a generation's sizes inside the pause are not the heap; marks without before->after are left out", () => {
    const spec = jvmGcLogSpec(JDK8_CMS)!
    expect(spec).toMatchObject({ time: 'uptime', timeUnitMs: 1000, unitBytes: 1024 })
    expect(rows(spec.pattern, spec.time, JDK8_CMS)).toEqual([
      ['3.141', '45000'],
      ['12.000', '9000']
    ])
    const bare = ['[GC (Allocation Failure)  65536K->1234K(251392K), 0.0018000 secs]']
    const plain = jvmGcLogSpec(bare)!
    expect(plain.time).toBeUndefined()
    expect(rows(plain.pattern, undefined, bare)).toEqual([['', '1234']])
  })

  it('is read by zero-config, and the report names the JDK 8 log', () => {
    const detected = detectInputs([{ path: 'gc.log', head: JDK8_DATED }])
    expect(detected.series).toEqual([
      expect.objectContaining({ file: 'gc.log', format: 'log', time: 'time', unitBytes: 1024 })
    ])
    expect(detected.used[0].how).toMatch(
      /^JVM GC log \(JDK 8, -XX:\+PrintGCDetails\): heap_after_gc/
    )
  })

  it('an application line that mentions GC is not one', () => {
    expect(
      jvmGcLogSpec(['2026-12-06 01:02:03 INFO [GC] freed 12000K->4000K(256000K), 0.1 secs'])
    ).toBeUndefined()
  })
})

/** JDK 8 G1 with -XX:+PrintGCDetails (own values): a pause over several lines, closed by its Heap: line. */
const JDK8_G1 = [
  'CommandLine flags: -XX:MaxHeapSize=268435456 -XX:+PrintGC -XX:+PrintGCDateStamps -XX:+PrintGCDetails -XX:+UseG1GC ',
  '2026-12-06T01:00:05.000+0000: 5.000: [GC pause (G1 Evacuation Pause) (young), 0.0061234 secs]',
  '   [Parallel Time: 5.6 ms, GC Workers: 2]',
  '   [Eden: 24.0M(24.0M)->0.0B(22.0M) Survivors: 0.0B->3072.0K Heap: 40.0M(256.0M)->4316.1K(256.0M)]',
  ' [Times: user=0.01 sys=0.00, real=0.01 secs] ',
  '2026-12-06T01:00:09.000+0000: 9.000: [GC cleanup 120M->110M(256M), 0.0010000 secs]',
  '2026-12-06T01:00:12.000+0000: 12.000: [Full GC (Allocation Failure)  255M->200M(256M), 0.8000000 secs]',
  '   [Eden: 0.0B(12.0M)->0.0B(12.0M) Survivors: 0.0B->0.0B Heap: 255.9M(256.0M)->200.5M(256.0M)], [Metaspace: 30000K->30000K(1077248K)]'
]

describe('a JDK 8 G1 GC log (-XX:+PrintGCDetails, pauses over several lines)', () => {
  it('reads the Heap: line closing each young or full pause, each size in its own unit, in file order', () => {
    const spec = jvmGcLogSpec(JDK8_G1)!
    expect(spec).toMatchObject({ legacy: true, collector: 'G1', unitBytes: 1 })
    expect(spec.time).toBeUndefined()
    // the one-line Full GC and cleanup (M sizes, no Heap: line) are not read twice
    expect(rows(spec.pattern, undefined, JDK8_G1)).toEqual([
      ['', '4316.1K'],
      ['', '200.5M']
    ])
  })

  it('is read by zero-config and says why it is in file order', () => {
    const detected = detectInputs([{ path: 'gc.log', head: JDK8_G1 }])
    expect(detected.series).toEqual([
      expect.objectContaining({
        file: 'gc.log',
        format: 'log',
        metrics: { [GC_LOG_METRIC]: 'memory' }
      })
    ])
    expect(detected.used[0].how).toBe(
      'JVM GC log (JDK 8, -XX:+PrintGCDetails) (G1): heap_after_gc, the heap after each young or full pause, in file order (the Heap: line that closes each pause has no stamp)'
    )
  })
})

/** Full pauses (own values) as Parallel, Serial, G1 and unified logging write them. */
const PS_FULL = (at: string, oldBefore: number, oldAfter: number): string =>
  `2026-12-06T09:10:${at}+0800: 600.000: [Full GC (Ergonomics) [PSYoungGen: 300000K->280000K(305664K)] [ParOldGen: ${oldBefore}K->${oldAfter}K(699392K)] ${oldBefore + 300000}K->${oldAfter + 280000}K(1005056K), [Metaspace: 30000K->30000K(1077248K)], 1.2000000 secs] [Times: user=2.30 sys=0.01, real=1.20 secs] `
const PS_YOUNG =
  '2026-12-06T09:10:05.000+0800: 605.000: [GC (Allocation Failure) [PSYoungGen: 262144K->20000K(305664K)] 900000K->690000K(1005056K), 0.0120000 secs] [Times: user=0.03 sys=0.00, real=0.01 secs] '
const SAFEPOINT =
  '2026-12-06T09:10:01.300+0800: 601.300: Total time for which application threads were stopped: 1.2005000 seconds, Stopping threads took: 0.0000400 seconds'

describe('full collections that leave the heap full (an OutOfMemoryError whatever the trend)', () => {
  it.each([
    [
      'JDK 8 Parallel: 2 full pauses in a row leave the old generation 99.9 % full, freeing 512 KiB at most',
      [PS_FULL('01.000', 699000, 698500), SAFEPOINT, PS_FULL('03.000', 698600, 698600)],
      {
        space: 'ParOldGen',
        collections: 2,
        after: 698600 * 1024,
        capacity: 699392 * 1024,
        mostFreed: 500 * 1024,
        firstLine: 1,
        lastLine: 3
      }
    ],
    [
      'unified logging: 3 Pause Full leaving 255 of 256 MiB',
      [
        '[30.100s][info][gc] GC(40) Pause Full (G1 Compaction Pause) 256M->255M(256M) 812.000ms',
        '[31.000s][info][gc] GC(41) Pause Full (G1 Compaction Pause) 256M->255M(256M) 790.000ms',
        '[31.900s][info][gc] GC(42) Pause Full (Allocation Failure) 256M->256M(256M) 801.000ms'
      ],
      {
        space: 'heap',
        collections: 3,
        after: 256 * 2 ** 20,
        capacity: 256 * 2 ** 20,
        firstLine: 1,
        lastLine: 3
      }
    ],
    [
      "JDK 8 G1: each full pause's Heap: line",
      [
        '2026-12-06T01:00:12.000+0000: 12.000: [Full GC (Allocation Failure)  255M->254M(256M), 0.8000000 secs]',
        '   [Eden: 0.0B(12.0M)->0.0B(12.0M) Survivors: 0.0B->0.0B Heap: 255.9M(256.0M)->254.5M(256.0M)], [Metaspace: 30000K->30000K(1077248K)]',
        '2026-12-06T01:00:13.000+0000: 13.000: [Full GC (Allocation Failure)  255M->254M(256M), 0.8000000 secs]',
        '   [Eden: 0.0B(12.0M)->0.0B(12.0M) Survivors: 0.0B->0.0B Heap: 255.8M(256.0M)->254.6M(256.0M)], [Metaspace: 30000K->30000K(1077248K)]'
      ],
      { space: 'heap', collections: 2, firstLine: 2, lastLine: 4 }
    ]
  ])('%s', (_, lines, expected) => {
    expect(heapExhaustion(lines)).toMatchObject(expected)
  })

  it.each([
    ['one full pause only', [PS_FULL('01.000', 699000, 698500)]],
    [
      'a young pause between the full ones',
      [PS_FULL('01.000', 699000, 698500), PS_YOUNG, PS_FULL('03.000', 698600, 698600)]
    ],
    // 678,000K of 699,392K: 96.9 %
    [
      'full pauses that leave 97 % of the old generation in use',
      [PS_FULL('01.000', 699000, 678000), PS_FULL('03.000', 699000, 678000)]
    ],
    [
      'full pauses that leave the heap half full',
      [
        '[30.100s][info][gc] GC(40) Pause Full (System.gc()) 200M->128M(256M) 81.000ms',
        '[31.000s][info][gc] GC(41) Pause Full (System.gc()) 130M->128M(256M) 79.000ms'
      ]
    ],
    [
      'young pauses of a full heap',
      [
        '[1.000s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 256M->255M(256M) 3.000ms',
        '[2.000s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 256M->255M(256M) 3.000ms'
      ]
    ]
  ])('none: %s', (_, lines) => {
    expect(heapExhaustion(lines)).toBeUndefined()
  })
})

/**
 * The pattern zero-config offers for a text log of memory figures: it must
 * read every line of the shape it was built from, keep interleaved writers
 * apart, find the work counter, and offer nothing when it cannot pair a value
 * with its name (a wrong pattern pasted by a user would judge the wrong numbers).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { suggestLogPattern, suggestionYaml } from '../../src/understand/log-suggestion.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

/** What the suggested pattern reads from each line: its named groups, or null. */
const readWith = (pattern: string, lines: string[]) =>
  lines.map((line) => {
    const groups = new RegExp(pattern).exec(line)?.groups
    return groups === undefined ? null : { ...groups }
  })

describe('suggestLogPattern', () => {
  it('a leading counter and key=value sizes: the counter is the work, every figure a group', () => {
    const lines = [
      '0 rss=36.31MB heapTotal=1.13MB heapUsed=0.20MB',
      '10000 rss=51.35MB heapTotal=2.38MB heapUsed=1.49MB',
      'pool: reconnecting',
      '20000 rss=54.75MB heapTotal=3.24MB heapUsed=2.29MB'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.work).toBe('count')
    expect(suggestion.matches).toBe(3)
    expect(readWith(suggestion.pattern, lines)).toEqual([
      { count: '0', rss: '36.31MB', heapTotal: '1.13MB', heapUsed: '0.20MB' },
      { count: '10000', rss: '51.35MB', heapTotal: '2.38MB', heapUsed: '1.49MB' },
      null,
      { count: '20000', rss: '54.75MB', heapTotal: '3.24MB', heapUsed: '2.29MB' }
    ])
  })

  it('a leading epoch (`date +%s` before the figures) is the time, not a counter of work', () => {
    const lines = [
      '1741600800 VmSize: 1075147 kB VmRSS: 153547 kB',
      '1741600805 VmSize: 1076093 kB VmRSS: 154493 kB'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.work).toBeUndefined()
    expect(suggestion.time).toBe('time')
    expect(readWith(suggestion.pattern, lines)[0]).toEqual({
      time: '1741600800',
      VmRSS: '153547 kB'
    })
  })

  it('`name: value,` in bytes: no trailing comma in a value', () => {
    const lines = [
      'rss: 61890560, heapTotal: 17879040, heapUsed: 11086400',
      'rss: 61890560, heapTotal: 17879040, heapUsed: 11102864'
    ]
    expect(readWith(suggestLogPattern(lines)!.pattern, lines)[1]).toEqual({
      rss: '61890560',
      heapTotal: '17879040',
      heapUsed: '11102864'
    })
  })

  it('the work after a count formatted for people, and the time of an ISO stamp', () => {
    const lines = [
      '2025-02-09T19:20:50.315Z RSS 83 MB after 50 fetch() requests',
      '2025-02-09T19:20:51.315Z RSS 84 MB after 1,050 fetch() requests'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect([suggestion.time, suggestion.work]).toEqual(['time', 'requests'])
    expect(readWith(suggestion.pattern, lines)[1]).toEqual({
      time: '2025-02-09T19:20:51.315Z',
      RSS: '84 MB',
      requests: '1,050'
    })
  })

  it('interleaved writers tagged `[Name]` are kept apart: the pattern reads one writer', () => {
    const lines = [
      '[MetricsSubprocess] Memory: heap=9MB, rss=148MB (cycle 130)',
      '[EventSubprocess] Memory: heap=12MB, rss=84MB, dedup=0',
      '[MetricsSubprocess] Memory: heap=7MB, rss=154MB (cycle 140)',
      '[EventSubprocess] Memory: heap=22MB, rss=89MB, dedup=0',
      '[MetricsSubprocess] Memory: heap=16MB, rss=168MB'
    ]
    const read = readWith(suggestLogPattern(lines)!.pattern, lines)
    expect(read.map((groups) => groups?.rss ?? null)).toEqual([
      '148MB',
      null,
      '154MB',
      null,
      '168MB'
    ])
  })

  it('the line shape with the most figures wins over a one-figure summary line', () => {
    const lines = [
      'RSS: 112.48 MB',
      'Batch 1/24 - Total: 150/3600 requests - Heap: 415.29 MB, RSS: 655.75 MB',
      'Batch 2/24 - Total: 300/3600 requests - Heap: 392.46 MB, RSS: 677.35 MB'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.work).toBe('requests')
    expect(readWith(suggestion.pattern, lines)[2]).toEqual({
      requests: '300',
      Heap: '392.46 MB',
      RSS: '677.35 MB'
    })
  })

  it('a two-word name when the two words name memory (`Memory usage`), else the last word', () => {
    const usage = ['Memory usage:  59 MB', 'Memory usage:  61 MB']
    expect(readWith(suggestLogPattern(usage)!.pattern, usage)[1]).toEqual({
      Memory_usage: '61 MB'
    })
    const phases = ['Starting memory: 11448 KB', 'Ending memory: 11236 KB']
    expect(readWith(suggestLogPattern(phases)!.pattern, phases)).toEqual([
      { memory: '11448 KB' },
      { memory: '11236 KB' }
    ])
  })

  it('keeps a lower-case unit glued to its value, and leaves out a used/total pair whose unit follows the total', () => {
    const lines = [
      'Memory: rss=31mb, js-heap=4/9mb native-heap=22mb',
      'Memory: rss=33mb, js-heap=5/9mb native-heap=22mb',
      'Memory: rss=33mb, js-heap=7/12mb native-heap=23mb'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.matches).toBe(3)
    // `4/9mb`: a group could hold only `4`, with no unit, read as bytes: not offered
    expect(readWith(suggestion.pattern, lines)).toEqual([
      { rss: '31mb', heap: '22mb' },
      { rss: '33mb', heap: '22mb' },
      { rss: '33mb', heap: '23mb' }
    ])
  })

  it('a value named in parentheses after its unit (a coupler log), padding that changes with the numbers', () => {
    const lines = [
      ' mem_check: day =   00020101   0 memory =     912.40 MB (highwater)         97.25 MB (usage)',
      ' mem_check: day =   00020102   0 memory =     940.12 MB (highwater)         98.03 MB (usage)',
      ' mem_check: day =   00020103   0 memory =    1012.88 MB (highwater)        101.60 MB (usage)'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.matches).toBe(3)
    // `memory =` names the first value too; the word after each value says which it is
    expect(readWith(suggestion.pattern, lines)).toEqual([
      { highwater: '912.40 MB', usage: '97.25 MB' },
      { highwater: '940.12 MB', usage: '98.03 MB' },
      { highwater: '1012.88 MB', usage: '101.60 MB' }
    ])
  })

  it('keeps a unit written after two spaces (`HeapInuse = 7082  MiB`) in its group', () => {
    const lines = [
      'HeapInuse = 512 MiB   HeapSys = 640 MiB',
      'HeapInuse = 1024  MiB   HeapSys = 1152 MiB'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(readWith(suggestion.pattern, lines)).toEqual([
      { HeapInuse: '512 MiB', HeapSys: '640 MiB' },
      { HeapInuse: '1024  MiB', HeapSys: '1152 MiB' }
    ])
  })

  it('values written before their names: each with the word after its unit, never the next one', () => {
    const before = [
      '[2025-02-09T19:20:50.315Z] usage 45.59MB RSS 0.71MB Heap',
      '[2025-02-09T19:20:50.685Z] usage 45.32MB RSS 0.79MB Heap'
    ]
    // `45.59MB RSS 0.71MB Heap`: 0.71MB is the heap, written before its name; never read as RSS
    expect(readWith(suggestLogPattern(before)!.pattern, before)[1]).toEqual({
      time: '2025-02-09T19:20:50.685Z',
      RSS: '45.32MB',
      Heap: '0.79MB'
    })
    // a Go test's log: the total before its name, a signed growth (a difference) left out
    const batches = [
      '    leak_test.go:88: batch 1/6: 21 MB total, growth +180 KB',
      '    leak_test.go:88: batch 2/6: 22 MB total, growth +96 KB',
      '    leak_test.go:88: batch 3/6: 22 MB total, growth +0 KB'
    ]
    const totals = suggestLogPattern(batches)!
    expect(readWith(totals.pattern, batches)[1]).toEqual({ total: '22 MB' })
    // `total` alone says no memory to the loader: the entry names it
    expect(totals.metrics).toEqual({ total: 'memory' })
    // a word followed by its own value is the next figure's name, not this one's
    const next = ['used 12 MB heap: 40 MB', 'used 13 MB heap: 41 MB']
    const offer = suggestLogPattern(next)
    expect(offer && readWith(offer.pattern, next)[1]?.heap).not.toBe('13 MB')
  })

  it('offers nothing for one lone line or no memory names', () => {
    const labelled = [
      '[2025-02-09T19:20:50.315Z] Memory usage: 45.59MB RSS 0.71MB Heap',
      '[2025-02-09T19:20:50.685Z] Memory usage: 45.32MB RSS 0.79MB Heap'
    ]
    expect(readWith(suggestLogPattern(labelled)!.pattern, labelled)[1]).toEqual({
      time: '2025-02-09T19:20:50.685Z',
      Memory_usage: '45.32MB'
    })
    expect(suggestLogPattern(['booting', 'rss=120MB heapUsed=40MB', 'ready'])).toBeUndefined()
    expect(
      suggestLogPattern(['GET /api/users 200 12ms size=512', 'GET /api/users 200 9ms size=498'])
    ).toBeUndefined()
  })

  it('a line of many figures gives a pattern of at most 32 groups, read as a template of the line', () => {
    const line = Array.from({ length: 100 }, (_, i) => `rss${i}=${i}MB`)
      .map((pair) => pair.replace(/^rss\d+/, 'rss'))
      .join(' ')
    const suggestion = suggestLogPattern([line, line])!
    expect(suggestion.pattern.match(/\(\?</g)).toHaveLength(32)
    expect(suggestion.pattern).not.toContain('.*?')
  })

  it('a figure named before the counter of its run (tracemalloc blocks): the run is the work', () => {
    const lines = [
      'Run 0...',
      'Memory allocated after run 1: 4.117137 MB',
      'Max peak memory recorded: 4.617137 MB',
      'Run 1...',
      'Memory allocated after run 2: 5.872410 MB',
      'Max peak memory recorded: 6.372410 MB'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect([suggestion.work, suggestion.matches]).toEqual(['run', 2])
    expect(readWith(suggestion.pattern, lines).filter(Boolean)).toEqual([
      { run: '1', Memory_allocated: '4.117137 MB' },
      { run: '2', Memory_allocated: '5.872410 MB' }
    ])
    // a counter that counts no work (`port 8080: 12 MB`), or a phrase naming no memory: no figure
    expect(
      suggestLogPattern([
        'listening on port 8080: 12 MB free',
        'listening on port 8081: 12 MB free'
      ])
    ).toBeUndefined()
    expect(
      suggestLogPattern(['Time taken by run 1: 12 MB', 'Time taken by run 2: 13 MB'])
    ).toBeUndefined()
  })

  it('a memory figure counted by `after N` alone: N is the work (an average per thousand queries)', () => {
    // our own lines in the shape of a loop that prints heapUsed every 1,000 queries
    const lines = [
      'Memory usage before: 7.5 MB',
      'Average memory usage after 1000: 9.25 MB (+1.75 MB)',
      'Average memory usage after 2000: 10.5 MB (+1.25 MB)',
      'Average memory usage after 3000: 12 MB (+1.5 MB)'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect([suggestion.work, suggestion.matches]).toEqual(['count', 3])
    expect(readWith(suggestion.pattern, lines).filter(Boolean)).toEqual([
      { count: '1000', Average_memory_usage: '9.25 MB' },
      { count: '2000', Average_memory_usage: '10.5 MB' },
      { count: '3000', Average_memory_usage: '12 MB' }
    ])
    // `after N` with no memory word before it is no figure
    expect(
      suggestLogPattern(['Latency after 1000: 12 MB/s', 'Latency after 2000: 13 MB/s'])
    ).toBeUndefined()
  })

  it('a size after a run counter that starts the line is offered as memory (a bullet list of loops)', () => {
    const lines = ['* Loop 1: 2.5 MB', '* Loop 2: 2.75 MB', '* ...', '* Loop 10: 3 MB']
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.work).toBe('loop')
    expect(readWith(suggestion.pattern, lines).filter(Boolean)).toEqual([
      { loop: '1', memory: '2.5 MB' },
      { loop: '2', memory: '2.75 MB' },
      { loop: '10', memory: '3 MB' }
    ])
    // with words before the counter that name something else, no figure
    expect(
      suggestLogPattern(['Disk written in loop 1: 12 MB', 'Disk written in loop 2: 13 MB'])
    ).toBeUndefined()
  })

  it('a counter of work named before its value (`Count: 250`) is the work; Windows private bytes are memory', () => {
    // our own lines in the shape of a Go test printing its loop every 250 queries
    const lines = [
      'Time:    0s  Count:    0  Private Memory:  12.4MB  MemStats.Alloc:  1.9MB',
      'Time:   15s  Count:  250  Private Memory:  13.0MB  MemStats.Alloc:  0.6MB',
      'Time:   31s  Count:  500  Private Memory:  13.7MB  MemStats.Alloc:  2.2MB'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.work).toBe('count')
    expect(readWith(suggestion.pattern, lines)[1]).toEqual({
      count: '250',
      Private_Memory: '13.0MB',
      MemStats_Alloc: '0.6MB'
    })
    // a count with a unit is no counter of work
    const sized = ['count: 3 MB heap: 12 MB', 'count: 4 MB heap: 13 MB']
    expect(suggestLogPattern(sized)?.work).toBeUndefined()
  })

  it('a figure of memory left (`FreeRAM: N`, `Free Heap: N`) is offered as memory, judged as memory used', () => {
    // our own lines in the shape of a board answering each request with its free heap
    const lines = [
      '09:00:01 reply: served 40, FreeRAM: 51200',
      '09:00:02 reply: served 41, FreeRAM: 50176',
      '09:00:03 reply: served 42, FreeRAM: 49152'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(readWith(suggestion.pattern, lines)[1]).toMatchObject({ FreeRAM: '50176' })
    expect(suggestion.metrics).toEqual({ FreeRAM: 'memory' })
    // bytes, not the KiB a plain 16–64 thousand from `ps` would be
    expect(suggestion.unit).toBeUndefined()
    const heap = ['Free Heap: 30000 bytes', 'Free Heap: 29000 bytes']
    expect(readWith(suggestLogPattern(heap)!.pattern, heap)[1]).toEqual({ Free_Heap: '29000' })
  })

  it("a time far before the figures (a client logging the server's reply): offered without the time", () => {
    // our own lines: a client's log line quoting the board's reply, the figures 70 characters after the time
    const lines = [11, 12, 13].map(
      (n) =>
        `2026-01-02 10:00:${n} - Posted reading #${n}. Reply from device: hello from the sensor hub. Client request count: ${n + 100}, FreeRAM: ${52000 - n * 900}`
    )
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.time).toBeUndefined()
    expect(suggestion.work).toBe('count')
    expect(readWith(suggestion.pattern, lines)[2]).toEqual({ count: '113', FreeRAM: '40300' })
  })

  it('a memory figure qualified by when it was read (`memory usage before: N`)', () => {
    const lines = [
      '-'.repeat(80),
      'memory usage before: 401200',
      'memory usage after:  405600',
      '-'.repeat(80),
      'memory usage before: 405600',
      'memory usage after:  410000'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.matches).toBe(2)
    expect(readWith(suggestion.pattern, lines).filter(Boolean)).toEqual([
      { memory_usage_before: '401200' },
      { memory_usage_before: '405600' }
    ])
    expect(suggestLogPattern(['tests before: 12', 'tests before: 14'])).toBeUndefined()
  })

  it('offers no rate, no size of data moved and no running peak as memory held', () => {
    const groupsOf = (lines: string[]) => {
      const suggestion = suggestLogPattern(lines)
      return suggestion && readWith(suggestion.pattern, lines)[1]
    }
    // a throughput per loop or per thousand queries is no memory
    expect(suggestLogPattern(['* Loop 1: 12.5 MB/s', '* Loop 2: 13.1 MB/s'])).toBeUndefined()
    expect(
      suggestLogPattern([
        'Memory bandwidth after 1000: 12 MB/s',
        'Memory bandwidth after 2000: 13 MB/s'
      ])
    ).toBeUndefined()
    expect(suggestLogPattern(['rss: 12 MB/s', 'rss: 13 MB/s'])).toBeUndefined()
    // an unnamed size followed by what it measures (data read) is no memory either
    expect(suggestLogPattern(['Loop 1: 120 MB read', 'Loop 2: 131 MB read'])).toBeUndefined()
    // a peak beside the figure is not read as a second one of the same name
    expect(
      groupsOf([
        'Time:  0s  Count:   0  Private Memory: 12.4MB  Peak Private Memory: 14.0MB',
        'Time: 15s  Count: 250  Private Memory: 13.0MB  Peak Private Memory: 14.0MB'
      ])
    ).toEqual({ count: '250', Private_Memory: '13.0MB' })
    expect(groupsOf(['Heap: 12MB Peak Heap: 14MB', 'Heap: 13MB Peak Heap: 14MB'])).toEqual({
      Heap: '13MB'
    })
    // a high alone on its line is offered under its own name, never as the plain figure
    expect(
      groupsOf([
        'MemTest 01 - gc: 0, peak mem: 13.677 MiB',
        'MemTest 02 - gc: 0, peak mem: 13.9 MiB'
      ])
    ).toEqual({ peak_mem: '13.9 MiB' })
    // `used / total` is no rate
    expect(
      groupsOf([
        'Heap Used: 58.44 MB / Heap Total: 80.1 MB',
        'Heap Used: 59.1 MB / Heap Total: 80.1 MB'
      ])
    ).toEqual({ Heap_Used: '59.1 MB', Heap_Total: '80.1 MB' })
    // a count of allocations, plain, is no memory (it was named memory in `metrics:`)
    expect(
      groupsOf([
        'Memory allocated before: 12 MB, total allocations before: 100',
        'Memory allocated before: 13 MB, total allocations before: 200'
      ])
    ).toEqual({ Memory_allocated_before: '13 MB' })
  })

  it("a figure's name is read from the words just before it, not from a long word further back", () => {
    // the name is looked for in the last 120 characters: a word cut there is no part of it
    const lines = [1, 2].map(
      (run) => `[worker] ${'x'.repeat(150 + run)} Memory allocated after run ${run}: ${run}.5 MB`
    )
    const suggestion = suggestLogPattern(lines)!
    expect(suggestion.work).toBe('run')
    expect(readWith(suggestion.pattern, lines)).toEqual([
      { run: '1', Memory_allocated: '1.5 MB' },
      { run: '2', Memory_allocated: '2.5 MB' }
    ])
  })

  it('`ps` rows with no header: the command pasted above them says which column is RSS (KiB)', () => {
    const lines = [
      'me@host ~ $ while :; do ps -eo pid,rss,time,args|grep -v grep|grep worker; sleep 10; done',
      '  4242 20480 00:00:00 ./worker --threads 2',
      '  4242 20492 00:00:01 ./worker --threads 2'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect([suggestion.unit, suggestion.matches, suggestion.time]).toEqual(['KiB', 2, undefined])
    // TIME is CPU time: matched, never captured (a group named `time` would be the time axis)
    expect(readWith(suggestion.pattern, lines)).toEqual([
      null,
      { pid: '4242', rss: '20480' },
      { pid: '4242', rss: '20492' }
    ])
    expect(suggestionYaml('ps.log', suggestion)).toBe(
      "{file: 'ps.log', pattern: '^\\s*(?<pid>\\d+) +(?<rss>\\d+) +[\\d:.-]+(?: |$)', unit: KiB}"
    )
    // two workers kept by the grep, lines interleaved: one series per pid
    const workers = [lines[0], lines[1], '  4243 30480 00:00:00 ./worker --threads 2', lines[2]]
    expect(suggestionYaml('ps.log', suggestLogPattern(workers)!)).toContain(
      'unit: KiB, group: pid}'
    )
    expect(suggestLogPattern(lines)!.group).toBeUndefined()
    // the same rows without the command: nothing says the second number is RSS
    expect(suggestLogPattern(lines.slice(1))).toBeUndefined()
    // a command column before the memory columns would shift them: no offer
    expect(
      suggestLogPattern(['$ ps -o args,rss -p 4242', 'node app.js 20480', 'node app.js 20490'])
    ).toBeUndefined()
  })

  it('a leading number that goes down is no work counter (`sort | uniq -c` repeat counts): matched, not captured', () => {
    const counted = [
      '      3 memory_usage: 512.25',
      '     11 memory_usage: 512.5',
      '      1 memory_usage: 513.0'
    ]
    const offer = suggestLogPattern(counted)!
    expect(offer.work).toBeUndefined()
    expect(suggestionYaml('m.txt', offer)).not.toContain('work:')
    expect(readWith(offer.pattern, counted)).toEqual([
      { memory_usage: '512.25' },
      { memory_usage: '512.5' },
      { memory_usage: '513.0' }
    ])
    // a counter that only grows stays the work
    const growing = ['10 rss=100MB', '20 rss=101MB', '30 rss=102MB']
    expect(suggestLogPattern(growing)!.work).toBe('count')
  })

  it('plain numbers under 64 KiB get the unit their size allows: KiB for ps-sized, MiB for hundreds, none between', () => {
    const ps = ['rss: 23404 - live objects: 95690', 'rss: 23416 - live objects: 50309']
    expect(suggestLogPattern(ps)!.unit).toBe('KiB')
    const mb = ['Memory usage: 59', 'Memory usage: 61']
    expect(suggestLogPattern(mb)!.unit).toBe('MiB')
    // 1,024 to 16,383 reads as KiB or MiB alike; bytes are bytes; a unit written stays
    expect(suggestLogPattern(['rss: 2048', 'rss: 2050'])!.unit).toBeUndefined()
    expect(suggestLogPattern(['rss: 61890560', 'rss: 61890999'])!.unit).toBeUndefined()
    expect(suggestLogPattern(['rss=59MB', 'rss=61MB'])!.unit).toBeUndefined()
  })

  it('`ps aux` rows kept by a grep without their header: the user format says VSZ and RSS (KiB)', () => {
    const rows = [
      'alice    31337   0.0  1.5  2400100 61440 s003  S+   9:15am    0:02.10 node server.js',
      'alice    31337   2.1  2.9  2480200 120832 s003  S+   9:15am    0:40.52 node server.js',
      'alice    31337   0.4  4.0  2520300 167936 s003  S+   9:15am    1:10.07 node server.js'
    ]
    const suggestion = suggestLogPattern(rows)!
    expect([suggestion.unit, suggestion.matches, suggestion.group]).toEqual(['KiB', 3, undefined])
    expect(readWith(suggestion.pattern, rows)).toEqual([
      { pid: '31337', vsz: '2400100', rss: '61440' },
      { pid: '31337', vsz: '2480200', rss: '120832' },
      { pid: '31337', vsz: '2520300', rss: '167936' }
    ])
    // Linux's columns (`pts/1`, `Sl`, a START of `Dec05`), two processes: one series per pid
    const linux = [
      'www-data  2101  1.2  3.4 1012345 139264 ?        Sl   Dec05  12:30 php-fpm: pool www',
      'www-data  2102  0.9  3.1 1010000 126976 ?        Sl   Dec05  11:02 php-fpm: pool www',
      'www-data  2101  1.3  3.6 1012345 147456 ?        Sl   Dec05  12:41 php-fpm: pool www'
    ]
    expect(suggestLogPattern(linux)!.group).toBe('pid')
    // one row is no series; numbers that are not the user format are not guessed at
    expect(suggestLogPattern(rows.slice(0, 1))).toBeUndefined()
    expect(
      suggestLogPattern(['alice 31337 12 15 2400100 61440', 'alice 31337 13 16 2400100 61450'])
    ).toBeUndefined()
  })

  it('names that say memory in other words: `Resident size`, getrusage `max rss`, Go MemStats by field', () => {
    const go = [
      'Time:    0s  Count:     0  Resident size:  6.0MB  MemStats.Sys:  8.0MB  MemStats.Alloc:  2.3MB  MemStats.TotalAlloc:   3.5MB',
      'Time:   60s  Count:   100  Resident size:  9.5MB  MemStats.Sys:  8.5MB  MemStats.Alloc:  2.4MB  MemStats.TotalAlloc: 250.0MB'
    ]
    const groups = readWith(suggestLogPattern(go)!.pattern, go)
    // TotalAlloc counts every allocation ever made: never offered as memory held; `Count:` is the work
    expect(groups[1]).toEqual({
      count: '100',
      Resident_size: '9.5MB',
      MemStats_Sys: '8.5MB',
      MemStats_Alloc: '2.4MB'
    })
    const rusage = ['iteration: 0, max rss: 11000 kb', 'iteration: 1000, max rss: 12000 kb']
    expect(readWith(suggestLogPattern(rusage)!.pattern, rusage)[1]).toEqual({
      iteration: '1000',
      max_rss: '12000 kb'
    })
  })

  it("Go's gctrace lines: the live heap after each collection (MiB) by the seconds since the start", () => {
    const lines = [
      'gc 1 @0.512s 1%: 0.020+0.31+0.011 ms clock, 0.16+0.20/0.28/0.41+0.091 ms cpu, 4->4->1 MB, 5 MB goal, 8 P',
      'listening on :8080',
      'gc 2 @1.730s 1%: 0.031+0.52+0.014 ms clock, 0.25+0.18/0.41/0.72+0.11 ms cpu, 4->5->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P',
      'gc 3 @2.918s 2%: 0.041+0.60+0.016 ms clock, 0.33+0.21/0.55/0.80+0.13 ms cpu, 6->6->3 MB, 7 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)'
    ]
    const suggestion = suggestLogPattern(lines)!
    expect(readWith(suggestion.pattern, lines).filter(Boolean)).toEqual([
      { t: '0.512', live_heap: '1' },
      { t: '1.730', live_heap: '2' },
      { t: '2.918', live_heap: '3' }
    ])
    expect(suggestionYaml('stderr.log', suggestion)).toContain(
      'time: t, time-unit: s, unit: MiB, metrics: {live_heap: memory}}'
    )
    // written after a time and a tag (journald, a container runtime): the same offer reads them
    const journal = lines.map((line) => `Dec 06 10:00:01 host api[812]: ${line}`)
    expect(readWith(suggestLogPattern(journal)!.pattern, journal).filter(Boolean)).toHaveLength(3)
    // one gctrace line in an application log is no trace to read
    expect(
      suggestLogPattern([lines[0], 'rss=120MB heapUsed=40MB', 'rss=121MB heapUsed=41MB'])!.pattern
    ).toContain('(?<rss>')
  })

  it('builds no offer from hostile lines: a repeated command, a repeated figure, one huge line', () => {
    // each would backtrack for minutes under a nested or lazy quantifier (the test would time out)
    const lines = [
      `${'ps -o '.repeat(300)}${'a '.repeat(500)}`,
      `${'Memory run 1: '.repeat(150)}1 MB`,
      `${'gc 1 @1s 1%: '.repeat(200)}`,
      'x'.repeat(100_000)
    ]
    expect(suggestLogPattern(lines)).toBeUndefined()
  })

  it('keeps no long stretch of the file in the pattern it offers (the message quotes it)', () => {
    const chatter = 'x'.repeat(200)
    const lines = [`rss=120MB ${chatter} heapUsed=40MB`, `rss=121MB ${chatter} heapUsed=41MB`]
    // the figures before the stretch are offered, the stretch and what follows it are not
    const offer = suggestLogPattern(lines)!
    expect(offer.pattern).not.toContain('xxx')
    expect(readWith(offer.pattern, lines)).toEqual([{ rss: '120MB' }, { rss: '121MB' }])
    // a time far before the first figure would be left behind with nothing else to place the figures: no offer
    const timed = [`12:00:01 ${chatter} rss=120MB`, `12:00:02 ${chatter} rss=121MB`]
    expect(suggestLogPattern(timed)).toBeUndefined()
  })

  it("Python's printed named tuple (psutil `memory_full_info()`): the figures before the fields that are not memory", () => {
    const lines = [
      '2026-12-06 10:00:00 pfullmem(rss=50000000, vms=900000000, shared=9000000, text=4096, lib=0, data=100000000, dirty=0, uss=40000000, pss=42000000, swap=0)',
      '2026-12-06 10:05:00 pfullmem(rss=50100000, vms=900000000, shared=9000000, text=4096, lib=0, data=100000000, dirty=0, uss=40100000, pss=42100000, swap=0)'
    ]
    const offer = suggestLogPattern(lines)!
    expect(offer.time).toBe('time')
    expect(readWith(offer.pattern, lines)[1]).toEqual({
      time: '2026-12-06 10:05:00',
      rss: '50100000',
      vms: '900000000'
    })
  })
})

describe('suggestionYaml', () => {
  it('is one YAML flow mapping with the pattern single-quoted (quotes doubled)', () => {
    expect(
      suggestionYaml('logs/app.log', {
        line: "  rss: '181.54 MB',",
        pattern: "\\brss: '(?<rss>\\d+ MB)",
        work: 'requests',
        matches: 2
      })
    ).toBe("{file: 'logs/app.log', pattern: '\\brss: ''(?<rss>\\d+ MB)', work: requests}")
  })

  // our own lines, 40 readings each, the figure plain bytes (PHP's memory_get_usage(), a Windows
  // test's private bytes): a name the loader does not read as memory must come with `metrics:`
  const plainBytes: [string, (i: number) => string[]][] = [
    [
      'memory usage before/after',
      (i) => [
        '-'.repeat(40),
        `memory usage before: ${401200 + i * 4400}`,
        `memory usage after:  ${405600 + i * 4400}`
      ]
    ],
    [
      'Private Memory',
      (i) => [`Time: ${i * 15}s  Count: ${i * 250}  Private Memory: ${15200000 + i * 9000}`]
    ]
  ]
  it.each(plainBytes)(
    'an offered pattern of plain bytes (%s), pasted into the config, is judged as memory in bytes',
    async (_name, make) => {
      const lines = Array.from({ length: 40 }, (_, i) => make(i)).flat()
      const suggestion = suggestLogPattern(lines.slice(0, 200))!
      const dir = makeTempDir('offered-plain')
      writeFileSync(join(dir, 'run.log'), lines.join('\n') + '\n')
      const configPath = join(dir, 'leak-gate.yml')
      writeFileSync(configPath, `series:\n  - ${suggestionYaml('run.log', suggestion)}\n`)
      const report = await runPipeline({ root: dir, workspace: dir, configPath })
      expect(report.errors).toEqual([])
      const judged = report.metrics.filter((m) => m.kind === 'series')
      expect(judged.length).toBeGreaterThan(0)
      for (const metric of judged)
        expect([metric.metric, metric.metricKind, metric.unit]).toEqual([
          metric.metric,
          'memory',
          'bytes'
        ])
    }
  )
})

/**
 * Process tools Linux and Node teams save in CI loops, read with no config
 * (fixtures in __fixtures__/load/proc-tools, written as the tools write them):
 * `pidstat -r` (header before each sample, the clock before each line,
 * `Average:` at the end; `-h` with an epoch `Time` column) and `ps -o …`
 * loops (the header again before each sample, maybe after a `date` line):
 * RSS in KiB as memory, one series per PID, VSZ not read.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectInputs } from '../../src/plan/detect.js'
import { splitText } from '../../src/load/index.js'
import { sniffFormat } from '../../src/understand/sniff.js'
import { fixture, loadFixtureSeries, pick } from './helpers.js'

const KiB = 1024

function lines(file: string): string[] {
  return splitText(readFileSync(fixture(join('proc-tools', file)), 'utf8'))
}

/** Loaded as a config entry naming only the file loads it: the sniffer's format, no other key. */
async function load(file: string) {
  const format = sniffFormat(file, lines(file).slice(0, 200))
  expect(format).toBe('csv')
  return loadFixtureSeries(`proc-tools/${file}`, format!)
}

describe('pidstat -r', () => {
  it('is found with no config, saying what is judged', () => {
    const found = detectInputs([{ path: 'pidstat.log', head: lines('pidstat-r.log') }])
    expect(found.skipped).toEqual([])
    expect(found.series).toEqual([{ file: 'pidstat.log', format: 'csv' }])
    expect(found.used[0].how).toBe(
      '`pidstat -r` output: RSS (KiB) as memory, one series per PID; repeated headers skipped'
    )
  })

  it('reads RSS per PID, timed by the 12-hour clock (12 PM is noon), the averages left out', async () => {
    const loaded = await load('pidstat-r.log')
    expect(loaded.errors).toEqual([])
    const node = pick(loaded.series, 'RSS', '12345')
    expect(node.kind).toBe('memory')
    expect(node.value).toEqual([163091, 164000, 165200].map((v) => v * KiB))
    // 11:59:55 AM, 12:00:00 PM, 12:00:05 PM: five seconds apart
    expect(node.time.map((t) => t - node.time[0])).toEqual([0, 5000, 10000])
    expect(pick(loaded.series, 'RSS', '12399').value).toEqual([90000, 90010].map((v) => v * KiB))
    expect(loaded.series.map((s) => s.metric)).not.toContain('VSZ')
    expect(loaded.notes?.[0]).toBe(
      "each row timed by pidstat's clock before it (a time of day: the date line's date is not needed, a clock that goes back rolls over midnight); not read: VSZ (address space reserved, not memory held), 2 `Average:` line(s) (no sample)"
    )
  })

  it('-h: one header starting #, the Time column epoch seconds', async () => {
    const loaded = await load('pidstat-rh.log')
    expect(loaded.errors).toEqual([])
    const node = pick(loaded.series, 'RSS', '12345')
    expect(node.timeBase).toBe('epoch')
    expect(node.time).toEqual([1741600805000, 1741600810000, 1741600815000])
    expect(node.value[2]).toBe(165200 * KiB)
  })

  it('a 24-hour locale: a garbled RSS and a row cut short are errors at their line and column', async () => {
    const loaded = await load('pidstat-garbled.log')
    expect(loaded.errors.map((e) => [e.line, e.column, e.found])).toEqual([
      [7, 'RSS', '16x000'],
      [10, 'RSS', '10:00:15     1000     12345    121.00      0.00  1234580']
    ])
    expect(pick(loaded.series, 'RSS', '12345').samples).toBe(1)
  })

  it('after a shell prompt it is not read: the reason names pidstat', () => {
    const found = detectInputs([
      { path: 'pidstat.log', head: ['$ pidstat -r -p 12345 5', ...lines('pidstat-r.log')] }
    ])
    expect(found.series).toEqual([])
    expect(found.skipped[0].reason).toMatch(
      /^`pidstat -r` output after other lines before its first header .*: save its output alone/
    )
  })
})

describe('ps -o in a loop', () => {
  it('a date line and the header before each sample: timed by the date, the header no row', async () => {
    const found = detectInputs([{ path: 'ps.log', head: lines('ps-o-dated.log') }])
    expect(found.used[0].how).toBe(
      '`ps` output in a loop: RSS (KiB) as memory, one series per PID; repeated headers skipped'
    )
    const loaded = await load('ps-o-dated.log')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'RSS', '12345')
    expect(rss.value).toEqual([163091, 164000, 165200].map((v) => v * KiB))
    const t0 = Date.parse('2025-03-10T10:00:00Z')
    expect(rss.time).toEqual([t0, t0 + 5000, t0 + 10000])
  })

  it('no date lines: read in file order, the note says so', async () => {
    const loaded = await load('ps-o-repeated.txt')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'RSS', '12345')
    expect(rss.timeBase).toBe('none')
    expect(rss.samples).toBe(3)
    expect(loaded.notes?.[0]).toMatch(/^no time on the rows and no time line before them/)
  })

  it('a header of names that are not all ps columns is no ps output', () => {
    const found = detectInputs([
      { path: 'mem.log', head: ['PID RSS note', '12345 163091 ok', '12345 164000 ok'] }
    ])
    expect(found.series.map((s) => s.format)).not.toContain('csv')
  })
})

describe("a loop's bare numbers (ps -o rss=, cat memory.current)", () => {
  it('a date line then a number, in rss.log: memory named by the file, KiB by its size', async () => {
    const found = detectInputs([{ path: 'rss.log', head: lines('rss.log') }])
    expect(found.series).toEqual([{ file: 'rss.log', format: 'csv' }])
    const loaded = await load('rss.log')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'rss')
    expect(rss.value[0]).toBe(163091 * KiB)
    expect(rss.time[1] - rss.time[0]).toBe(5000)
    expect(loaded.notes?.[0]).toBe(
      "one bare number per sample read as memory, named by the file's name (rss); each timed by the time line above it"
    )
    // the unit is inferred from the numbers' size, and the note says so
    expect(loaded.notes?.join('\n')).toMatch(/KiB/)
  })

  it('the epoch and the number on one line, in ps.log: read as rss', async () => {
    const loaded = await load('ps.log')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'rss')
    expect(rss.time[0]).toBe(1741600800000)
    expect(rss.value[5]).toBe(168000 * KiB)
  })

  it('memory.current after `date +%s`: bytes, a ten-digit value after a time line is a value', async () => {
    const loaded = await load('memory.current.log')
    expect(loaded.errors).toEqual([])
    const current = pick(loaded.series, 'memory.current')
    expect(current.value).toEqual([1670000000, 1690000000, 1710000000])
    expect(current.time).toEqual([1741600800000, 1741600805000, 1741600810000])
  })

  it('a line that is no number (ps after the process exited) is an error at its line', async () => {
    const loaded = await load('rss-gone.log')
    expect(loaded.errors.map((e) => [e.line, e.column, e.found])).toEqual([
      [4, 'rss-gone', 'ps: process 12345 not found']
    ])
  })

  it('numbers under a name that says neither memory nor ps are not read as memory', () => {
    const found = detectInputs([{ path: 'latency.log', head: lines('rss.log') }])
    expect(found.series).toEqual([])
    expect(found.skipped[0].reason).toMatch(/named rss\.log, memory\.current\.log or ps\.log/)
  })
})

describe('loops over /proc/PID/status and /proc/PID/statm', () => {
  it('grep VmRSS|VmHWM|VmSize after a date line: VmRSS judged, the others not; a garbled value an error', async () => {
    const found = detectInputs([{ path: 'status.log', head: lines('status.log') }])
    expect(found.used[0].how).toBe(
      '/proc/PID/status lines: VmRSS (KiB) as memory, the other lines (VmHWM, VmSize) not judged; time from the time line before each'
    )
    const loaded = await load('status.log')
    expect(loaded.series.map((s) => s.metric)).toEqual(['VmRSS'])
    expect(pick(loaded.series, 'VmRSS').value).toEqual([163091, 164000].map((v) => v * KiB))
    expect(loaded.errors.map((e) => [e.line, e.column, e.found])).toEqual([
      [12, 'VmRSS', 'VmRSS:\t  16520O kB']
    ])
    expect(loaded.notes?.[0]).toBe(
      '/proc/PID/status lines: VmRSS (KiB) as memory; not judged: VmSize (address space reserved), VmHWM (the high-water mark of VmRSS); each sample timed by the time line above it'
    )
  })

  it('statm: the resident pages × 4 KiB', async () => {
    const loaded = await load('statm.log')
    expect(loaded.errors).toEqual([])
    const resident = pick(loaded.series, 'statm_resident')
    expect(resident.value).toEqual([40772 * 4 * KiB, 41000 * 4 * KiB])
    expect(resident.time[1] - resident.time[0]).toBe(5000)
  })
})

describe('ps aux', () => {
  it('rows a grep kept (no header): read in ps aux columns, the grep itself left out', async () => {
    const found = detectInputs([{ path: 'ps-aux.log', head: lines('ps-aux-grep.log') }])
    expect(found.used[0].how).toMatch(/^`ps aux` rows kept by a filter \(no header/)
    const loaded = await load('ps-aux-grep.log')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.group])).toEqual([['RSS', '12345']])
    expect(pick(loaded.series, 'RSS', '12345').value).toEqual(
      [163091, 164000, 165200].map((v) => v * KiB)
    )
    expect(loaded.notes?.[0]).toMatch(/3 row\(s\) of the filter's own `grep` process$/)
  })

  it('with its header before each sample: one series per PID, the header no row', async () => {
    const loaded = await load('ps-aux.txt')
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'RSS', '12345').value).toEqual([163091, 164000].map((v) => v * KiB))
    expect(pick(loaded.series, 'RSS', '1').samples).toBe(2)
  })

  it('a line that only looks like a ps aux row (no state letters) is not read as one', () => {
    const found = detectInputs([
      {
        path: 'app.log',
        head: ['runner 12345 3.1 2.0 1234567 163091 ? hello 10:00 0:07 node', 'x 1 2 3']
      }
    ])
    expect(found.series).toEqual([])
  })
})

describe('pm2', () => {
  it('`date; pm2 jlist` in a loop: one series per app name of monit.memory, timed by the date', async () => {
    const format = sniffFormat('pm2.log', lines('pm2-jlist.log'))
    expect(format).toBe('jsonl')
    const loaded = await loadFixtureSeries('proc-tools/pm2-jlist.log', format!)
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.metric, s.group])).toEqual([
      ['monit.memory', 'api'],
      ['monit.memory', 'worker']
    ])
    const api = pick(loaded.series, 'monit.memory', 'api')
    expect(api.value).toEqual([163091, 164000, 165200].map((v) => v * KiB))
    expect(api.time[2] - api.time[0]).toBe(10000)
    expect(loaded.notes?.[0]).toBe(
      "pm2's process list: one series per app name, monit.memory (the process's RSS, bytes) as memory; monit.cpu and pm2_env not judged"
    )
  })

  it("jq's JSON lines with each app's name: the apps side by side split by name", async () => {
    const loaded = await loadFixtureSeries('proc-tools/pm2-jq.jsonl', 'jsonl')
    expect(loaded.errors).toEqual([])
    expect(pick(loaded.series, 'mem', 'api').value).toEqual(
      [163091, 164000, 165200].map((v) => v * KiB)
    )
    expect(pick(loaded.series, 'mem', 'worker').samples).toBe(3)
    expect(loaded.notes?.join('\n')).toMatch(/"name" takes values that interleave \(api, worker\)/)
  })

  it('JSON lines whose other label does not name a process are not split', async () => {
    const loaded = await loadFixtureSeries('proc-tools/routes.jsonl', 'jsonl')
    expect(loaded.series.map((s) => s.id)).toEqual(['routes.jsonl:rss'])
  })
})

describe("the host's memory (free, vmstat, sar -r) is not the service's", () => {
  it.each([
    ['free-m.log', '`free` output'],
    ['vmstat.log', '`vmstat` output'],
    ['sar-r.log', '`sar -r` output']
  ])('%s is skipped, saying it is the host’s memory and what to save', (file, tool) => {
    const found = detectInputs([{ path: file, head: lines(file) }])
    expect(found.series).toEqual([])
    expect(found.skipped[0].reason).toMatch(
      new RegExp(
        `^${tool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, not a format leak-gate reads \\(the host's memory, not the service's: .*page cache.*\\): log one CSV row per sample instead`
      )
    )
  })

  it("beside the service's own RSS, only the service is read", () => {
    const found = detectInputs([
      { path: 'free.log', head: lines('free-m.log') },
      { path: 'pidstat.log', head: lines('pidstat-r.log') }
    ])
    expect(found.series).toEqual([{ file: 'pidstat.log', format: 'csv' }])
    expect(found.skipped.map((s) => s.file)).toEqual(['free.log'])
  })
})

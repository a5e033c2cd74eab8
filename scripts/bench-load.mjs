#!/usr/bin/env node
// Load benchmark (not a test): leak-gate's loader vs a bare Node line reader on the same files,
// measured side by side in one run, plus peak RSS for 1M and 4M rows in child processes.
// Needs the compiled sources: `npx tsc -p tsconfig.json --outDir build --noEmit false`.
// Usage: node scripts/bench-load.mjs [--quick] [--keep] [--before DIR]
//   --before DIR: also time another build of the loaders (DIR/build/src/load, DIR/build/src/io; e.g.
//   `git archive <commit> src tsconfig.json | tar -x -C DIR`, a package.json with "type": "module",
//   node_modules linked, then tsc as above) in the same run, for before/after tables.
//
// How the CSV paths are fast (src/io/read-lines.ts `scanLines`, src/load/csv.ts `walk`,
// src/load/table.ts `walkRows` / `addRowCommon` / `walkPlainRows`): the file is read as raw 1 MiB
// chunks and each chunk, up to its last newline, goes to one row loop (no callback, string or promise
// per line). A row of the common shape is read in one pass over its bytes: the ISO time compared with
// the previous row's minute as four 32-bit words and only `:SS.fffZ` parsed, the container name
// compared with the known ones as words, `usage / limit` parsed in place with the limit compared with
// the previous one, unused cells skipped, and the cells that end the row counted four bytes at a time
// while looking for the newline, so the row's end is found on the way (no search per line).
// A quoted cell is read in place: its content as an unquoted cell's, then its closing quote (a skipped
// quoted cell may hold delimiters and `""`); the quote tests cost nothing while the chunk has no quote
// ahead. (Reading each quoted row from a copy without its quotes cost 2.3x the unquoted file; csv-parse
// per line took 639 s for a 931 MB quoted file.) A file of numbers only (a time and plain numbers, no
// group or `usage / limit`: `process.memoryUsage()` loggers) has its own loop, `walkPlainRows`: whole
// numbers read four digits at a time inline (no call, no division), each row's values staged side by
// side for blocks of 2,048 rows and each column's block added to its series in one call
// (`SeriesBuilder.addDenseBlock`: the same additions in the same order as one `add` per value, one
// bounded loop per bucket with no NaN test, since a staged number is never NaN), so a row costs no
// call and no object. Its usual layout (a time, then only value cells) is tried first by a loop with
// no cell roles or quote tests: the previous row's ISO minute and `:SS.fffZ`, or an epoch number,
// then delimiter and whole number per value and the `\n`; any row it is unsure of (a new minute,
// quotes, `\r`, signs, fractions, over 15 digits) is read again by the general loop.
// A column naming the process (`pid`, docker's `ID`) is compared as bytes with the process its
// group is known to be in; the first row and each change (a restart) go to the text path, which
// records it: a docker-stats CSV with an `ID` column read in 1.23-1.26x the time of the same file
// without it, a memoryUsage CSV with `pid` in 1.19-1.22x (load 5.7-8.2, 300,000 rows).
// Rows these loops are not sure about go to the general byte reader (`addRowBytes`; quoted ones from a
// copy without the quotes, `addQuotedRow`), and lines it declines (header, quoted line breaks, stray
// quotes, blank, ragged, odd or bad values) are decoded and read by the text path (its own RFC 4180
// splitter), so results and messages are unchanged: __tests__/load/byte-path.test.ts compares the
// paths, with property tests. Two V8 details mattered as much as the loop: every Column and Target
// object is created with all its fields (one hidden class, so the per-row property reads stay
// monomorphic), and the hot cell parsers are written inline in the row loop. Tried on the
// memoryUsage file and left out (slower or within noise): blocks of 256 rows, finding the last
// digits of a number in its word with Math.clz32 instead of a byte loop, a `.fff` fraction read
// without its loop, a per-value count in addBlock written as one bound; with the usual-layout loop:
// the epoch time read by the values' number loop (one copy of it less: ~10 % slower on ISO rows),
// column by column staging (slower), and all columns' buckets summed in one interleaved loop (slower).
//
// How it measures: rounds of one child process per reader (bare, leak-gate, `--before`),
// alternating, each a warm-up and 3 timed runs; medians over all timed runs. Timing both readers
// in one process made the order matter: the bare reader's million strings were collected during
// leak-gate's next run, and the ratio swung between 1.6x and 2.4x from run to run.
// Figures of the last `npm run bench` (Node 20.20, 2 shared vCPUs, load average 1.3):
//   docker-stats CSV 1M rows, 106 MB: bare reader 133 ms · leak-gate 223 ms (1.68×; 1.45× in the
//   run before; 2.6-3.3× at the start of 2026-11-25, in the old one-process method)
//   log 923 MB, named-group regex:   bare reader 1417 ms · leak-gate 1451 ms (1.02×)
//   peak RSS, docker-stats CSV 1M / 4M rows: 91 / 92 MiB (bare reader 113 MiB): flat
// Run of 2026-12-05 with the formats added (load average 20 on 2 vCPUs: 8 engineers' jobs; the bare
// reader itself ran 14x slower than above, so read the ratios as rough): docker-stats 2.48x; the same
// with 2 quoted fields a row 3.04x, i.e. 1.44x the unquoted file (1.23x per bare-reader time; before:
// 148x on 100,000 rows, csv-parse per line); memoryUsage CSV ISO 3.73x, epoch ms 5.25x (in CPU time,
// quieter: 225 vs 83 ms for the bare reader, 2.7x); JSON lines 18x; Prometheus 100 scrapes x 2,000
// samples 61x with 672 / 680 MiB peak RSS (each of the 2,000 series reserves 8,192 points up front);
// log 3.16x. Peak RSS of the CSV and JSON-lines loads 92-129 MiB, flat from the 1x to the 4x file.
// Quoted cells read in place and the plain-row loop (2026-12-05, two runs of `--formats
// csv,csv-quoted,memory-iso,memory-epoch --before` with the previous build, load average 5.5 and
// 4.0-5.2 on 2 vCPUs; ratios to the bare reader in the same run, before in brackets):
//   docker-stats CSV 1.79x / 1.87x (1.88x / 1.49x: within this machine's noise; in CPU time,
//   alternating children, 162-173 ms now vs 162-169 ms before)
//   quoted docker-stats CSV 1.50x / 1.38x (4.64x / 3.15x); 221 / 199 ms vs 280 / 260 ms for the
//   unquoted file (CPU time: 185 vs 172 ms, 1.08x; before 2.3x)
//   memoryUsage CSV, ISO times 1.66x / 1.58x (3.09x / 2.60x); epoch ms 1.44x / 1.50x (2.27x / 2.40x)
//   (goal 1.5x: met for epoch times, not quite for ISO; CPU time 130 vs 78 ms for the bare reader)
//   peak RSS 92-97 MiB for the 1x and the 4x file of each: flat.
// `npm run bench --only load` after it, load average 2.7: docker-stats 1.36x, quoted 1.37x (166 vs
// 182 ms unquoted), memoryUsage ISO 1.67x, epoch 1.59x, JSON lines 11.6x, Prometheus 24x, log 1.56x.
// A third `--before` run (load 2.6-5.4): docker-stats 1.70x (before 1.32x), quoted 1.64x (3.75x),
// ISO 1.61x (2.66x), epoch 1.86x (2.69x). The docker-stats "before" column is often the better one:
// with these changes the first two timed runs of a child are slower (V8 re-optimizes the row loop
// after "insufficient type feedback" deoptimizations in runs 2-3; runs 4+ and CPU time alternating
// children are as before, ~165-175 ms), and the median of 3 timed runs a child catches that.
// JSON lines, Prometheus scrapes and logs (src/load/jsonl.ts, prometheus.ts, log.ts): a JSON line
// with the same flat keys as the line JSON.parse read before it (`{"time":"…","rss":1,…}`) is read
// from the file's bytes (`JsonLinesReader.walk`: keys compared as bytes, numbers summed, ASCII
// strings sliced), anything else through JSON.parse; a Prometheus line whose `name{labels}` (the
// text before its last space) was parsed before reads only its value (`SampleCache`), each key keeps
// one float per scrape instead of a SeriesBuilder, and the series of one file share their equal
// time/work/count arrays (min and max are the value array when every point is one sample); a log's
// pattern runs over whole read batches, 4 per time-budgeted call (no call or copy per line).
// Property tests hold each fast path to the general one: __tests__/load/jsonl-fast-path.test.ts,
// prometheus-fast-path.test.ts, log-batches.test.ts.
// Runs of 2026-12-05, `--formats jsonl,prometheus,log --before DIR` (DIR: the code before these
// changes) so before and after are timed in one run; 2 vCPUs shared by 6 engineers.
// 15:46 UTC, load average 2.8 (all but the last commit, which reads Prometheus digits in place):
//   JSON lines 1M lines, 133 MB:   bare 156 ms · leak-gate 647 ms (4.14×; before 1945 ms, 12.45×);
//                                  peak RSS 67 / 67 MiB (1× / 4× file)
//   Prometheus 100 × 2,000, 11 MB: bare 19 ms · leak-gate 139 ms (7.14×; before 512 ms, 26.37×);
//                                  peak RSS 107 / 132 MiB (before 132 / 210): the rest is the points
//                                  kept (2,000 series × 400 scrapes), which grow up to 8,192 a series
//   log 923 MB, named-group regex: bare 1312 ms · leak-gate 1606 ms (1.22×; before 2152 ms, 1.64×)
// 15:53 UTC, final code, load average 5.5: JSON lines 4.44× (before 11.97×), peak RSS 66 / 66 MiB;
// Prometheus 8.68× (before 23.79×), 106 / 133 MiB; log 1.40× (before 1.53×).
// Three runs without --before (load average 5.5-7.0) gave JSON lines 3.34-4.46×, Prometheus
// 5.61-7.35× and the log 1.22-1.48×; in CPU time (least of 9 runs) the log is 1.08-1.23× a bare
// reader. The log's wall-time ratio swings with the other jobs: 1.22× at load 2.8 (and once at 5.5).
// After both merges, `npm run bench -- --only load` (2026-12-05 16:09 UTC, load average 3.0), ratio to the bare
// reader in the same run (the same command at 14:58 UTC before this work, load 1.5, in brackets):
//   docker-stats CSV 1.16x (1.62x) · quoted 1.30x (3.52x), i.e. 1.12x the unquoted file (2.27x) ·
//   memoryUsage CSV ISO 1.53x (2.61x), epoch 1.35x (2.58x) · JSON lines 4.36x (12.90x) ·
//   Prometheus 100 x 2,000 6.02x (26.37x) · log 923 MB 1.25x (1.61x). Peak RSS 1x / 4x file: CSVs
//   94-97 MiB flat, JSON lines 70 / 66, Prometheus 110 / 135 (the points kept grow with the scrapes,
//   up to 8,192 a series), log 142.
// Quiet machine at the end of the stop (16:51 and 16:54 UTC, load average 0.3-1.6), `--formats
// csv,csv-quoted,memory-iso,memory-epoch`: docker-stats 1.34x / 1.38x, quoted 1.41x (1.08x the unquoted
// file), memoryUsage ISO 1.60x / 1.62x (NOT the 1.5x goal), epoch 1.45x / 1.48x.
// The usual-layout loop and addDenseBlock (2026-12-05 17:43-18:15 UTC; the machine busy throughout:
// load average 5.2-8.7 on 2 vCPUs), nine runs of `--before` with the code before them, ratio to the
// bare reader in the same run, before in brackets: memoryUsage ISO 1.37x, 1.29x, 1.02x, 1.16x, 2.54x,
// 1.87x, 1.35x, 1.55x, 1.19x (1.71x, 1.52x, 1.35x, 1.95x, 2.26x, 2.25x, 1.49x, 1.40x, 1.57x): median
// 1.35x (1.57x); epoch ms 1.41x, 1.09x, 1.25x, 1.34x, 0.92x, 1.15x, 0.90x, 1.42x, 0.97x (median 1.15x;
// before 1.51x); docker-stats (its code unchanged) 1.11-1.82x, before 1.15-1.89x. At that load the wall times
// swing with the other jobs (the ISO run of 2.54x beside its 2.26x "before"), so in CPU time too, one
// process per reader alternating, median of each process's best of 7 loads, three rounds: ISO 1.25x,
// 1.22x, 1.22x (before 1.69x, 1.64x, 1.63x), epoch 1.11x, 1.08x, 1.06x (1.45x, 1.46x, 1.30x). The bare
// reader decodes UTF-8 and makes a string per line; leak-gate reads the bytes and makes none, which is
// why it can come near 1x while parsing every number. Three more at 18:39-18:43 UTC, load 8.6-10:
// ISO 1.87x, 1.51x, 1.49x (2.27x, 1.83x, 1.78x), epoch 1.37x, 1.27x, 1.45x (1.42x, 1.58x, 2.55x).
// Quieter, 18:53-18:56 UTC (load 2.2 at the start, 4.3-4.8 in the runs), `--formats
// memory-iso,memory-epoch,csv`: ISO 1.38x, 1.27x, 1.35x (1.76x, 1.61x, 1.76x), epoch 1.15x, 1.32x,
// 1.10x (1.47x, 1.60x, 1.44x), docker-stats 1.50x, 1.45x, 1.54x (1.52x, 1.50x, 1.70x). On a quiet
// machine at 19:03-19:06 UTC (load 0.8-1.4; the ISO file was 1.60x there before), after every merge of
// that stop, two runs: docker-stats 1.36x, 1.39x; quoted 1.47x, 1.44x (1.09x, 1.08x the unquoted
// file); memoryUsage ISO 1.14x, 1.18x; epoch 1.10x, 1.19x; then JSON lines 4.22x, Prometheus 100 x
// 2,000 7.33x, the 923 MB log 1.18x. Peak RSS 92-100 MiB for the CSVs at 1x and 4x the file.
// `log-pauses`: the log with a gctrace line in 500, its pause lines counted at each reading (the
// pipeline does so when a log's head holds pause lines; `log` alone never counts them, so the
// pause-line check costs it nothing). In CPU time (one process per build, alternating, median of
// 7, load average 5.8-6.8, 2026-12-06): counted 240 ms with three scans of each line for `GC`,
// `gc `, ` ms: ` before the patterns, 199 ms with scans for the rare capitals `GC` and `MB` first
// (Go's and V8's lines give sizes in MB); not counted 185 ms; the code before the count (8346f88)
// 188 ms. Wall times at that load swung 1.2-1.9x from run to run.
import { spawnSync } from 'node:child_process'
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const loaderPath = join(root, 'build/src/load/index.js')
const readerPath = join(root, 'build/src/io/read-lines.js')
const LOG_PATTERN = 'stats archives=(?<archives>\\d+) live=(?<live>\\d+) rss=(?<rss>\\d+)'
const CHUNK = 1 << 20
/** Timed runs per timing child (after one warm-up). */
const TIMED_RUNS = 3

if (!existsSync(loaderPath)) {
  console.error(
    `missing ${loaderPath}: run npx tsc -p tsconfig.json --outDir build --noEmit false first`
  )
  process.exit(2)
}

const args = process.argv.slice(2)
const beforeAt = args.indexOf('--before')
const beforeDir = beforeAt >= 0 ? args[beforeAt + 1] : undefined

/** Generates a file in a child process, so the measuring process starts with a clean heap. */
function generate(kind, path, amount) {
  const run = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--generate', kind, path, String(amount)],
    {
      stdio: 'inherit'
    }
  )
  if (run.status !== 0) throw new Error(`generating ${path} failed`)
}

/** Formats bytes like docker's BytesSize (%.4g, binary units). */
function bytesSize(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  while (bytes >= 1024 && i < units.length - 1) {
    bytes /= 1024
    i++
  }
  return `${Number(bytes.toPrecision(4))}${units[i]}`
}

async function writeLines(path, count, makeLine, header) {
  const out = createWriteStream(path, { highWaterMark: CHUNK })
  let buffer = header ? `${header}\n` : ''
  for (let i = 0; i < count; i++) {
    buffer += makeLine(i) + '\n'
    if (buffer.length > CHUNK) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve))
      buffer = ''
    }
  }
  out.write(buffer)
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
}

/** docker stats CSV as the elastiknn-style logger writes it: ISO time, 2 containers, sawtooth memory. */
function dockerRows(path, rows) {
  const start = Date.UTC(2024, 4, 1, 12)
  const mib = 1024 * 1024
  return writeLines(
    path,
    rows,
    (i) => {
      const container = i % 2 === 0 ? 'compose-web-1' : 'compose-worker-1'
      const time = new Date(start + Math.floor(i / 2) * 1000).toISOString()
      const usage = (200 + (i % 2000) / 20 + i / 50000) * mib
      return `${time},${container},${((i * 7) % 10000) / 100}%,${bytesSize(usage)} / 7.654GiB,${((usage / (7.654 * 1024 * mib)) * 100).toFixed(2)}%,${(i % 997) + 1}kB / 10.1kB,3.88GB / 4.1kB,22`
    },
    'timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids'
  )
}

/** The docker-stats CSV above with two quoted fields per row (`"200MiB / 7.654GiB"`, `"1kB / 10.1kB"`), as csv writers that quote fields with spaces write it. */
function dockerQuotedRows(path, rows) {
  const start = Date.UTC(2024, 4, 1, 12)
  const mib = 1024 * 1024
  return writeLines(
    path,
    rows,
    (i) => {
      const container = i % 2 === 0 ? 'compose-web-1' : 'compose-worker-1'
      const time = new Date(start + Math.floor(i / 2) * 1000).toISOString()
      const usage = (200 + (i % 2000) / 20 + i / 50000) * mib
      return `${time},${container},${((i * 7) % 10000) / 100}%,"${bytesSize(usage)} / 7.654GiB",${((usage / (7.654 * 1024 * mib)) * 100).toFixed(2)}%,"${(i % 997) + 1}kB / 10.1kB",3.88GB / 4.1kB,22`
    },
    'timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids'
  )
}

/** `process.memoryUsage()` sampled every 250 ms: a time and the 5 numbers (as examples/node-service writes it). */
function memoryRows(path, rows, epoch) {
  const start = Date.UTC(2026, 10, 25, 4, 40)
  return writeLines(
    path,
    rows,
    (i) => {
      const ms = start + i * 250
      const time = epoch ? String(ms) : new Date(ms).toISOString()
      const heapUsed = 45274168 + ((i * 7919) % 4000000) + i * 3
      return `${time},${109068288 + i * 5},${76521472 + (i % 100) * 4096},${heapUsed},${1975789 + (i % 1000)},${10475 + (i % 50)}`
    },
    'timestamp,rss,heapTotal,heapUsed,external,arrayBuffers'
  )
}

/** The same samples as JSON lines (a logger writing `JSON.stringify({ time, ...process.memoryUsage() })`). */
function jsonRows(path, rows) {
  const start = Date.UTC(2026, 10, 25, 4, 40)
  return writeLines(path, rows, (i) =>
    JSON.stringify({
      time: new Date(start + i * 250).toISOString(),
      rss: 109068288 + i * 5,
      heapTotal: 76521472 + (i % 100) * 4096,
      heapUsed: 45274168 + ((i * 7919) % 4000000) + i * 3,
      external: 1975789 + (i % 1000),
      arrayBuffers: 10475 + (i % 50)
    })
  )
}

/** Prometheus scrapes appended by a `curl /metrics` loop: `scrapes` scrapes of 2,000 gauges each, a time line before each. */
function promScrapes(path, scrapes) {
  const perScrape = 2000
  const start = Date.UTC(2026, 10, 25, 4, 40) / 1000
  return writeLines(path, scrapes * (perScrape + 3), (line) => {
    const scrape = Math.floor(line / (perScrape + 3))
    const at = line % (perScrape + 3)
    if (at === 0) return `# ${new Date((start + scrape * 15) * 1000).toISOString()}`
    if (at === 1)
      return '# HELP app_cache_entries Entries per cache shard.\n# TYPE app_cache_entries gauge'
    if (at === 2) return `process_resident_memory_bytes ${109068288 + scrape * 4096}`
    const shard = at - 3
    return `app_cache_entries{shard="${shard}",region="eu-west-1"} ${1000 + ((shard * 31 + scrape) % 97)}`
  })
}

const GENERATORS = {
  csv: dockerRows,
  'csv-quoted': dockerQuotedRows,
  'memory-iso': (path, rows) => memoryRows(path, rows, false),
  'memory-epoch': (path, rows) => memoryRows(path, rows, true),
  jsonl: jsonRows,
  prometheus: promScrapes,
  log: (path, bytes) => logLines(path, bytes),
  'log-pauses': (path, bytes) => logLines(path, bytes, true)
}

/** How leak-gate reads each kind of file: its format and series spec (zero-config names). */
const LOADS = {
  csv: ['docker-stats', {}],
  'csv-quoted': ['docker-stats', {}],
  'memory-iso': ['csv', {}],
  'memory-epoch': ['csv', {}],
  jsonl: ['jsonl', {}],
  prometheus: ['prometheus', {}],
  log: ['log', { pattern: LOG_PATTERN }],
  // its pause lines counted at each reading, as the pipeline does when the head holds some
  'log-pauses': ['log', { pattern: LOG_PATTERN }, { collections: true }]
}

/** A container log: mostly noise, one stats line in 50 (and with `pauses`, a gctrace line in 500). */
function logLines(path, bytes, pauses = false) {
  const noise =
    ' INFO worker[3] processed message id=8f14e45fceea167a5a36dedd4bea2543 in 12ms queue=archives-default'
  const lines = Math.round(bytes / (noise.length + 30))
  return writeLines(path, lines, (i) => {
    const stamp = `2024-05-01T12:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}Z`
    if (pauses && i % 500 === 250)
      return `gc ${i / 500 + 0.5} @${(i / 1000).toFixed(3)}s 1%: 0.018+2.1+0.021 ms clock, 0.14+0.52/3.9/0.42+0.17 ms cpu, 41->43->21 MB, 44 MB goal, 0 MB stacks, 0 MB globals, 8 P`
    return i % 50 === 0
      ? `${stamp} stats archives=${i} live=${1000 + (i % 777)} rss=${200000000 + (i % 100000)}`
      : stamp + noise
  })
}

/**
 * The baseline: createReadStream (same 1 MiB chunks, utf8), split each chunk on \n, carry the
 * partial last line, count lines (optionally running the regex per line). Splitting the chunk
 * and prepending the carry (not `(rest + chunk).split`) is the faster of the two usual ways,
 * so the ratio is not flattered.
 */
async function bareReader(path, regex) {
  let rest = ''
  let lines = 0
  let matches = 0
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, encoding: 'utf8' })) {
    const parts = chunk.split('\n')
    parts[0] = rest + parts[0]
    rest = parts.pop()
    lines += parts.length
    if (regex) for (let i = 0; i < parts.length; i++) if (regex.exec(parts[i]) !== null) matches++
  }
  if (rest) lines++
  return { lines, matches }
}

async function leakGate(path, [format, spec, request], dir) {
  const { loadSeries } = await import(dir ? join(dir, 'build/src/load/index.js') : loaderPath)
  const { readLines } = await import(dir ? join(dir, 'build/src/io/read-lines.js') : readerPath)
  return loadSeries(readLines(path, { displayName: 'bench' }), {
    file: 'bench',
    format,
    spec: { file: 'bench', ...spec },
    ...request
  })
}

async function time(fn) {
  const started = process.hrtime.bigint()
  const value = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Times the readers side by side: rounds of one child process per reader (bare, leak-gate,
 * `--before`), alternating, each doing one warm-up and a few timed runs. Separate processes keep
 * each reader's heap to itself: in one process the bare reader's million strings were collected
 * during leak-gate's next run and its timing swung by 20-60 % with the order of the runs.
 */
async function compare(label, path, kind, rounds, withBefore) {
  const times = { bare: [], ours: [], before: [] }
  let checked
  for (let round = 0; round < rounds; round++) {
    for (const who of withBefore ? ['bare', 'ours', 'before'] : ['bare', 'ours']) {
      const run = spawnSync(
        process.execPath,
        [
          fileURLToPath(import.meta.url),
          '--time',
          who,
          kind,
          path,
          ...(who === 'before' ? [beforeDir] : [])
        ],
        { encoding: 'utf8' }
      )
      if (run.status !== 0) throw new Error(run.stderr)
      const result = JSON.parse(run.stdout.trim().split('\n').pop())
      times[who].push(...result.times)
      if (who === 'ours') checked = result.checked
    }
  }
  const size = statSync(path).size
  const result = {
    label,
    size,
    bare: median(times.bare),
    ours: median(times.ours),
    checked,
    runs: times.ours.length
  }
  if (withBefore) result.before = median(times.before)
  return result
}

/** One timing child: a warm-up, then TIMED_RUNS runs of one reader over the file. */
async function timeChild(who, kind, path, dir) {
  const regex = kind.startsWith('log') ? new RegExp(LOG_PATTERN) : undefined
  const read = () =>
    who === 'bare'
      ? bareReader(path, regex)
      : leakGate(path, LOADS[kind], who === 'before' ? dir : undefined)
  await read()
  const times = []
  let value
  for (let i = 0; i < TIMED_RUNS; i++) {
    const run = await time(read)
    times.push(run.ms)
    value = run.value
  }
  const checked =
    who === 'bare' ? undefined : { errorCount: value.errorCount, errors: value.errors }
  console.log(JSON.stringify({ times, checked }))
}

async function child(kind, path, rows, dir) {
  if (kind === 'bare') {
    const { lines } = await bareReader(path)
    console.log(
      JSON.stringify({
        rows: lines,
        series: 0,
        points: 0,
        errors: 0,
        maxRssMiB: process.resourceUsage().maxRSS / 1024
      })
    )
    return
  }
  const result = await leakGate(path, LOADS[kind], dir)
  const usage = process.resourceUsage()
  console.log(
    JSON.stringify({
      rows: result.rows,
      expectedRows: Number(rows),
      series: result.series.length,
      points: result.series[0]?.value.length ?? 0,
      errors: result.errorCount,
      maxRssMiB: usage.maxRSS / 1024
    })
  )
}

function peakRss(kind, path, rows, dir) {
  const extra = dir ? [dir] : []
  const run = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', kind, path, String(rows), ...extra],
    {
      encoding: 'utf8'
    }
  )
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout.trim().split('\n').pop())
}

async function main() {
  const quick = args.includes('--quick')
  const scale = quick ? 10 : 1
  const formatsAt = args.indexOf('--formats')
  const wanted = formatsAt >= 0 ? new Set(args[formatsAt + 1].split(',')) : undefined
  const dir = mkdtempSync(join(tmpdir(), 'leak-gate-bench-'))
  // Ctrl-C skips the finally below: the files are large (up to 1 GB), so remove them here too.
  process.once('SIGINT', () => {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  })
  const rows = 1_000_000 / scale
  /** Each file: kind, label, amount (rows, scrapes or bytes), timing rounds, goal, and a 4× file for peak RSS. */
  const cases = [
    ['csv', `docker-stats CSV, ${rows.toLocaleString('en')} rows`, rows, 5, '≤ 2× (1.5×)'],
    [
      'csv-quoted',
      `docker-stats CSV, 2 quoted fields per row, ${rows.toLocaleString('en')} rows`,
      rows,
      5,
      '≤ 1.5× the unquoted'
    ],
    [
      'memory-iso',
      `process.memoryUsage() CSV, ISO times, ${rows.toLocaleString('en')} rows`,
      rows,
      5,
      '≤ 1.5×'
    ],
    [
      'memory-epoch',
      `process.memoryUsage() CSV, epoch ms, ${rows.toLocaleString('en')} rows`,
      rows,
      5,
      '≤ 1.5×'
    ],
    ['jsonl', `JSON lines (memoryUsage), ${rows.toLocaleString('en')} lines`, rows, 3, '—'],
    ['prometheus', `Prometheus, 100 scrapes × 2,000 samples`, 100, 3, '—'],
    ['log', 'log with a named-group pattern', 1_000_000_000 / scale, quick ? 2 : 3, '≤ 1.3×'],
    [
      'log-pauses',
      'the same with gctrace lines, counted',
      1_000_000_000 / scale,
      quick ? 2 : 3,
      '≤ 1.3×'
    ]
  ].filter(([kind]) => wanted === undefined || wanted.has(kind))
  try {
    const results = []
    for (const [kind, label, amount, rounds, goal] of cases) {
      const path = join(dir, `${kind}.data`)
      console.error(`generating and timing ${label} ...`)
      generate(kind, path, amount)
      const result = await compare(
        label,
        path,
        kind,
        quick ? Math.min(rounds, 3) : rounds,
        Boolean(beforeDir)
      )
      if (result.checked.errorCount > 0) console.error(`${label}: errors`, result.checked.errors)
      result.kind = kind
      result.goal = goal
      // peak RSS at this size and at 4× (the log: the one 1 GB file), each in its own child process
      result.rss = [peakRss(kind, path, amount)]
      if (!kind.startsWith('log')) {
        const bigger = join(dir, `${kind}-4x.data`)
        generate(kind, bigger, amount * 4)
        result.rss.push(peakRss(kind, bigger, amount * 4))
        rmSync(bigger, { force: true })
      }
      results.push(result)
      rmSync(path, { force: true })
    }
    const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`
    const load = (await import('node:os')).loadavg()[0]
    console.log(`\n## leak-gate load benchmark${quick ? ' (--quick: files 10× smaller)' : ''}\n`)
    console.log(
      `Node ${process.version}, medians over rounds of one child process per reader, alternating, each a warm-up and ${TIMED_RUNS} timed runs; same files; load average ${load.toFixed(1)}.\n`
    )
    const was = (r) =>
      r.before === undefined
        ? ''
        : ` ${r.before.toFixed(0)} ms (${(r.before / r.bare).toFixed(2)}×) |`
    const wasHead = beforeDir ? ' before |' : ''
    console.log(
      `| file | size | bare line reader | leak-gate | ratio | goal | peak RSS (1× / 4× file) |${wasHead}`
    )
    console.log(`| --- | ---: | ---: | ---: | ---: | --- | ---: |${beforeDir ? ' ---: |' : ''}`)
    for (const r of results) {
      const rss = r.rss.map((x) => `${x.maxRssMiB.toFixed(0)}`).join(' / ') + ' MiB'
      console.log(
        `| ${r.label} | ${mb(r.size)} | ${r.bare.toFixed(0)} ms | ${r.ours.toFixed(0)} ms | ${(r.ours / r.bare).toFixed(2)}× | ${r.goal} | ${rss} |${was(r)}`
      )
    }
    const plain = results.find((r) => r.kind === 'csv')
    const quoted = results.find((r) => r.kind === 'csv-quoted')
    if (plain && quoted) {
      // each against its own bare reader (the quoted file is 4 bytes a row longer)
      const relative = quoted.ours / quoted.bare / (plain.ours / plain.bare)
      console.log(
        `\nquoted vs unquoted docker-stats CSV: ${quoted.ours.toFixed(0)} vs ${plain.ours.toFixed(0)} ms = ${(quoted.ours / plain.ours).toFixed(2)}× (${relative.toFixed(2)}× per bare-reader time)`
      )
    }
    for (const r of results)
      if (r.checked.errorCount > 0)
        console.log(`${r.label}: ${r.checked.errorCount} errors (see above)`)
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true })
  }
}

// dispatch last: the tables above (GENERATORS, LOADS) must exist first
if (args[0] === '--child') await child(args[1], args[2], args[3], args[4])
else if (args[0] === '--time') await timeChild(args[1], args[2], args[3], args[4])
else if (args[0] === '--generate') await GENERATORS[args[1]](args[2], Number(args[3]))
else await main()

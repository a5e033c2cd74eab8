// Heap-snapshot benchmark (`npm run bench`, or `node scripts/bench-heap.mjs`):
// generates its own fixtures into .bench/heap/ (three snapshots of one leaking
// process: ~7/10/12 MiB and ~160/315/475 MiB, kept for later runs; --regen
// makes them again), then measures each step in its own process under
// /usr/bin/time (peak RSS, CPU and wall time):
//   - final-snapshot parse: MiB/s and peak RSS ÷ file size
//   - ids-only pass over baseline and target: MiB/s of the files and peak RSS
//   - the three small snapshots end to end with the built CLI (dist/cli.js)
//   - the three large snapshots: leak-gate's CLI vs `memlab find-leaks`
//     (@memlab/cli 2.0.5, installed on demand into .bench/memlab, never a
//     dependency of leak-gate), time and peak RSS side by side, and memlab's
//     "Alive objects allocated in target page" table (count and retained size
//     per name) compared with the same table computed by leak-gate's engine.
//   - the same comparison on the small set, and on a small set whose Sessions
//     each key a WeakMap entry (where memlab counts retained sizes differently)
// These machines are shared and noisy: CPU time (user + sys) is the figure
// that load does not inflate; wall time is printed too.
//   node scripts/bench-heap.mjs [--regen] [--small-only] [--no-memlab]
// Needs build/ (npx tsc -p tsconfig.build.json) and dist/ (npm run bundle).
//
// Last run (Node 20.20, 2 shared cores, load average 12; ratios within one run):
//   large set, 170/331/496 MiB: leak-gate 6.9 s CPU, 1009 MiB peak RSS; memlab
//     38.9 s CPU, 2,597 MiB: 5.7× faster, 0.39× its peak RSS (an earlier run
//     at load 11: 6.4 vs 36.9 s, 1037 vs 2588 MiB: 5.8×, 0.40×)
//   small set, 7.0/9.3/11.7 MiB: 0.52 vs 2.0 s CPU (3.8×), 120 vs 284 MiB (0.42×)
//   memlab's table equal to the byte, every row: small 4/4, large 4/4 (410,000
//     Session retaining 68,808,000 B), WeakMap set 5/5 under memlab's edge
//     rules; there leak-gate's own Session retains 2,392,000 B to memlab's
//     1,040,000 B: memlab keeps a WeakMap's table as a retainer of the
//     values, DevTools and leak-gate do not (docs/signatures.md, leaking-class)
//   final-snapshot parse 196 MiB/s CPU at 1.35× the file (496 MiB); ids-only
//     pass 834 MiB/s in 85 MiB. On the 11.7 MiB file, 69 MiB/s and 6.4×: a
//     bare `node -e ''` is 40 MiB of RSS and 0.06 s of it; the parse itself
//     adds about 35 MiB (10 MiB of typed arrays, the strings, the 4 MiB read
//     chunks) and 0.11 s, about 105 MiB/s.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const regen = args.includes('--regen')
const smallOnly = args.includes('--small-only')
const noMemlab = args.includes('--no-memlab')
const MiB = 1024 * 1024
const bench = join(root, '.bench')
const SETS = {
  small: { base: 10_000, phase: 6_500 },
  weakmap: { base: 10_000, phase: 6_500, extra: ['weakmap'] },
  large: { base: 557_000, phase: 410_000 }
}
const names = ['heap-1.heapsnapshot', 'heap-2.heapsnapshot', 'heap-3.heapsnapshot']

/** Runs a command under /usr/bin/time; returns wall s, CPU s, peak RSS bytes and stdout. */
function measure(cmd, cmdArgs, options = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '@@time %e %U %S %M', cmd, ...cmdArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * MiB,
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env }
  })
  const line = result.stderr.match(/@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/) ?? []
  if (!line.length)
    throw new Error(`${cmd} ${cmdArgs.join(' ')}: no timing (${result.stderr.slice(-500)})`)
  return {
    status: result.status,
    wall: Number(line[1]),
    cpu: Number(line[2]) + Number(line[3]),
    rss: Number(line[4]) * 1024,
    stdout: result.stdout,
    stderr: result.stderr
  }
}

function fixtures(set) {
  const dir = join(bench, 'heap', set)
  const files = names.map((name) => join(dir, name))
  if (!regen && files.every((file) => existsSync(file))) return files
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  console.log(`generating the ${set} snapshots in ${dir} ...`)
  const { base, phase, extra = [] } = SETS[set]
  const run = measure(process.execPath, [
    join(root, 'scripts/heap-fixture.cjs'),
    dir,
    String(base),
    String(phase),
    ...extra
  ])
  if (run.status !== 0) throw new Error(`fixture generation failed: ${run.stderr.slice(-500)}`)
  console.log(
    `  written in ${run.wall.toFixed(1)} s (writeHeapSnapshot peak RSS ${(run.rss / MiB).toFixed(0)} MiB)`
  )
  return files
}

const size = (file) => statSync(file).size
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`
const worker = (mode, files) =>
  measure(process.execPath, [join(root, 'scripts/bench-heap-worker.mjs'), mode, ...files])
const lines = []
const say = (text) => {
  console.log(text)
  lines.push(text)
}

function parseAndIds(set, files) {
  const final = files[2]
  const parse = worker('parse', [final])
  say(
    `| ${set} final-snapshot parse | ${mib(size(final))} | ${(size(final) / MiB / parse.cpu).toFixed(0)} MiB/s CPU (${(size(final) / MiB / parse.wall).toFixed(0)} wall) | ${mib(parse.rss)} = ${(parse.rss / size(final)).toFixed(2)}× the file | ≥ 100 MiB/s, ≤ 1.5× |`
  )
  const ids = worker('ids', [files[0], files[1]])
  const idsBytes = size(files[0]) + size(files[1])
  say(
    `| ${set} ids-only pass, baseline + target | ${mib(idsBytes)} | ${(idsBytes / MiB / ids.cpu).toFixed(0)} MiB/s CPU (${(idsBytes / MiB / ids.wall).toFixed(0)} wall) | ${mib(ids.rss)} | ≥ 500 MiB/s, < 100 MiB |`
  )
}

/** A folder with the three snapshots (hard links) for the CLI. */
function artifactOf(set, files) {
  const dir = join(bench, 'heap', `${set}-artifact`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const file of files) spawnSync('ln', [file, join(dir, file.split('/').pop())])
  return dir
}

function cliRun(set, files) {
  const dir = artifactOf(set, files)
  const run = measure(process.execPath, [join(root, 'dist/cli.js'), dir, '--format', 'json'])
  const report = JSON.parse(run.stdout)
  const found = report.findings.filter((f) => f.signature === 'leaking-class')
  const leaks = found.map((f) => f.message.split(', defined')[0])
  const findings = found.map((f) => ({
    name: f.message.match(/`([^`]+)`/)?.[1],
    survivors: f.evidence.survivors,
    retainedSize: f.evidence.retainedSize
  }))
  return { ...run, leaks, findings }
}

// memlab, on demand. Its bin script starts with
// `#!/usr/bin/env node --expose-gc --max-old-space-size=4096`: Linux hands
// everything after `env` to it as ONE argument, GNU env (no -S) takes that
// argument for a NAME=VALUE assignment (it contains `=`) and executes the
// script itself again, which starts env again: an endless exec loop that
// prints nothing (the first runs of this bench "ran" 25 min for 200 s CPU of
// exec calls and a peak RSS of 1.7 MiB, env's). So memlab's entry is run by
// this node with the flags of that line, and /usr/bin/time measures memlab's
// own process.
function memlabEntry() {
  const dir = join(bench, 'memlab')
  const entry = join(dir, 'node_modules/@memlab/cli/bin/memlab.js')
  if (existsSync(entry)) return entry
  mkdirSync(dir, { recursive: true })
  if (!existsSync(join(dir, 'package.json')))
    writeFileSync(join(dir, 'package.json'), '{"name":"memlab-bench","private":true}\n')
  console.log('installing @memlab/cli@2.0.5 into .bench/memlab (not a dependency of leak-gate) ...')
  const install = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '@memlab/cli@2.0.5'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' }
    }
  )
  if (install.status !== 0 || !existsSync(entry)) {
    say(
      `memlab: could not install @memlab/cli@2.0.5 (${(install.stderr || '').trim().split('\n').pop()}); the comparison is skipped`
    )
    return undefined
  }
  return entry
}

/**
 * Loaded into memlab's process with -r: its table prints retained sizes
 * rounded ("1MB", getReadableBytes); this makes them print whole bytes so
 * the check below is exact. Nothing else in memlab changes.
 */
function memlabExactBytes() {
  const file = join(bench, 'memlab', 'exact-bytes.cjs')
  const utils = join(bench, 'memlab', 'node_modules/@memlab/core/dist/lib/Utils.js')
  writeFileSync(
    file,
    `require(${JSON.stringify(utils)}).default.getReadableBytes = (bytes) => String(bytes)\n`
  )
  return file
}

/** memlab's table rows: `│ 0 │ 'Session' │ 'object' │ 6500 │ '1MB' │`. */
function memlabTable(stdout) {
  const rows = []
  for (const line of stdout.split('\n')) {
    const m = line.match(/│\s*\d+\s*│\s*'(.*)'\s*│\s*'(.*)'\s*│\s*(\d+)\s*│\s*'(.*)'\s*│/)
    if (m) rows.push({ name: m[1], type: m[2], count: Number(m[3]), retainedSize: Number(m[4]) })
  }
  return rows
}

/** How long memlab may run on one set before the bench gives up on it. */
const MEMLAB_TIMEOUT_S = 1800

function compareWithMemlab(set, files, ours) {
  const entry = noMemlab ? undefined : memlabEntry()
  if (!entry) return
  const work = join(bench, 'memlab-work')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  // `timeout` sits between /usr/bin/time and node: wait4 reports the largest
  // RSS and the CPU of the whole tree under it, so the figures are memlab's.
  const run = measure(
    'timeout',
    [
      String(MEMLAB_TIMEOUT_S),
      process.execPath,
      '--expose-gc',
      '--max-old-space-size=4096',
      '-r',
      memlabExactBytes(),
      entry,
      'find-leaks',
      '--baseline',
      files[0],
      '--target',
      files[1],
      '--final',
      files[2],
      '--work-dir',
      work
    ],
    { env: { PUPPETEER_SKIP_DOWNLOAD: '1' } }
  )
  say(
    `| ${set}: memlab find-leaks | ${mib(files.reduce((s, f) => s + size(f), 0))} | ${run.cpu.toFixed(1)} s CPU (${run.wall.toFixed(1)} s wall) | ${mib(run.rss)} | exit ${run.status} |`
  )
  if (run.status !== 0) {
    const why = run.status === 124 ? `killed after ${MEMLAB_TIMEOUT_S} s` : `exited ${run.status}`
    say(
      `memlab ${why} on the ${set} set: no ratio, no table (its output ends: ${(run.stdout + run.stderr).slice(-300).replace(/\s+/g, ' ')})`
    )
    return
  }
  say(
    `| ${set}: leak-gate vs memlab | | **${(run.cpu / ours.cpu).toFixed(1)}× faster** (CPU; ${(run.wall / ours.wall).toFixed(1)}× wall) | **${(ours.rss / run.rss).toFixed(2)}× its peak RSS** | ≥ 4× faster, ≤ 0.5× RSS |`
  )
  const theirs = memlabTable(run.stdout)
  if (theirs.length === 0) {
    say(
      `memlab printed no "Alive objects allocated in target page" table; its output ends: ${run.stdout.slice(-300).replace(/\s+/g, ' ')}`
    )
    return
  }
  // The same table from leak-gate's reader and dominator tree, with memlab's
  // definitions (scripts/bench-heap-worker.mjs, memlab-table).
  const mine = JSON.parse(worker('memlab-table', files).stdout)
  say(
    `  objects allocated between baseline and target, alive in final: memlab's id-set difference ${mine.sets.memlab}, leak-gate's id range ${mine.sets.leakGate}, in both ${mine.sets.both}`
  )
  let same = 0
  for (const row of theirs) {
    const m = mine.table.find((r) => r.name === row.name && r.type === row.type)
    const ok = m && m.count === row.count && m.retainedSize === row.retainedSize
    if (ok) same++
    const own =
      m && m.ownRetainedSize !== m.retainedSize
        ? ` (by DevTools' edge rules, leak-gate's own: ${m.ownRetainedSize} B)`
        : ''
    say(
      `  ${ok ? 'same' : 'DIFFERENT'}: ${row.name} (${row.type}) memlab ${row.count} / ${row.retainedSize} B, leak-gate ${m ? `${m.count} / ${m.retainedSize} B${own}` : 'absent'}`
    )
  }
  say(
    `memlab's table (${set}): **${same} of ${theirs.length} rows with the same count and retained size (bytes)** under memlab's definitions`
  )
  // leak-gate's own finding for a class memlab lists: survivors and retained
  // bytes (its own rows fold owned objects under the class, so the class's
  // retained size is memlab's row for that class, not the sum of all rows).
  for (const leak of ours.findings) {
    const row = theirs.find((r) => r.type === 'object' && r.name === leak.name)
    const m = mine.table.find((r) => r.type === 'object' && r.name === leak.name)
    const verdict = !row
      ? ''
      : row.count === leak.survivors && row.retainedSize === leak.retainedSize
        ? ' (same)'
        : m && leak.retainedSize === m.ownRetainedSize
          ? " (memlab's edge rules differ: see above)"
          : ' (DIFFERENT)'
    say(
      `  leak-gate's finding \`${leak.name}\`: ${leak.survivors} survivors / ${leak.retainedSize} B retained; memlab's row: ${row ? `${row.count} / ${row.retainedSize} B${verdict}` : 'absent'}`
    )
  }
}

console.log('| step | input | speed | peak RSS | target |\n| --- | --- | --- | --- | --- |')
const small = fixtures('small')
parseAndIds('small', small)
const smallRun = cliRun('small', small)
say(
  `| small: 3 snapshots end to end (dist/cli.js) | ${mib(small.reduce((s, f) => s + size(f), 0))} | ${smallRun.cpu.toFixed(2)} s CPU (${smallRun.wall.toFixed(2)} s wall) | ${mib(smallRun.rss)} | < 1 s |`
)
say(`  named: ${smallRun.leaks.join(' | ')}`)
// memlab on the small set too: quick, and its table checks counts and retained sizes
compareWithMemlab('small', small, smallRun)
// The same with a WeakMap keyed by each Session: where memlab's retained sizes differ
if (!noMemlab) {
  const weak = fixtures('weakmap')
  compareWithMemlab('weakmap', weak, cliRun('weakmap', weak))
}
if (!smallOnly) {
  const large = fixtures('large')
  parseAndIds('large', large)
  const ours = cliRun('large', large)
  say(
    `| large: leak-gate 3-snapshot report (dist/cli.js) | ${mib(large.reduce((s, f) => s + size(f), 0))} | ${ours.cpu.toFixed(1)} s CPU (${ours.wall.toFixed(1)} s wall) | ${mib(ours.rss)} | |`
  )
  say(`  named: ${ours.leaks.join(' | ')}`)
  compareWithMemlab('large', large, ours)
}
writeFileSync(join(bench, 'heap-bench.md'), lines.join('\n') + '\n')

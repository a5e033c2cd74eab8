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
// These machines are shared and noisy: CPU time (user + sys) is the figure
// that load does not inflate; wall time is printed too.
//   node scripts/bench-heap.mjs [--regen] [--small-only] [--no-memlab]
// Needs build/ (npx tsc -p tsconfig.build.json) and dist/ (npm run bundle).
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
  large: { base: 557_000, phase: 410_000 }
}
const names = ['heap-1.heapsnapshot', 'heap-2.heapsnapshot', 'heap-3.heapsnapshot']

/** Runs a command under /usr/bin/time; returns wall s, CPU s, peak RSS bytes and stdout. */
function measure(cmd, cmdArgs, options = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '@@time %e %U %S %M', cmd, ...cmdArgs], {
    encoding: 'utf8',
    maxBuffer: 256 * MiB,
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env }
  })
  const line = (result.stderr.match(/@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/) ?? [])
  if (!line.length) throw new Error(`${cmd} ${cmdArgs.join(' ')}: no timing (${result.stderr.slice(-500)})`)
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
  const { base, phase } = SETS[set]
  const run = measure(process.execPath, [join(root, 'scripts/heap-fixture.cjs'), dir, String(base), String(phase)])
  if (run.status !== 0) throw new Error(`fixture generation failed: ${run.stderr.slice(-500)}`)
  console.log(`  written in ${run.wall.toFixed(1)} s (writeHeapSnapshot peak RSS ${(run.rss / MiB).toFixed(0)} MiB)`)
  return files
}

const size = (file) => statSync(file).size
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`
const worker = (mode, files) => measure(process.execPath, [join(root, 'scripts/bench-heap-worker.mjs'), mode, ...files])
const lines = []
const say = (text) => {
  console.log(text)
  lines.push(text)
}

function parseAndIds(set, files) {
  const final = files[2]
  const parse = worker('parse', [final])
  say(`| ${set} final-snapshot parse | ${mib(size(final))} | ${(size(final) / MiB / parse.cpu).toFixed(0)} MiB/s CPU (${(size(final) / MiB / parse.wall).toFixed(0)} wall) | ${mib(parse.rss)} = ${(parse.rss / size(final)).toFixed(2)}× the file | ≥ 100 MiB/s, ≤ 1.5× |`)
  const ids = worker('ids', [files[0], files[1]])
  const idsBytes = size(files[0]) + size(files[1])
  say(`| ${set} ids-only pass, baseline + target | ${mib(idsBytes)} | ${(idsBytes / MiB / ids.cpu).toFixed(0)} MiB/s CPU (${(idsBytes / MiB / ids.wall).toFixed(0)} wall) | ${mib(ids.rss)} | ≥ 500 MiB/s, < 100 MiB |`)
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
  const leaks = report.findings.filter((f) => f.signature === 'leaking-class').map((f) => f.message.split(', defined')[0])
  return { ...run, leaks }
}

// memlab, on demand
function memlabBin() {
  const dir = join(bench, 'memlab')
  const bin = join(dir, 'node_modules/.bin/memlab')
  if (existsSync(bin)) return bin
  mkdirSync(dir, { recursive: true })
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"name":"memlab-bench","private":true}\n')
  console.log('installing @memlab/cli@2.0.5 into .bench/memlab (not a dependency of leak-gate) ...')
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '@memlab/cli@2.0.5'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' }
  })
  if (install.status !== 0 || !existsSync(bin)) {
    say(`memlab: could not install @memlab/cli@2.0.5 (${(install.stderr || '').trim().split('\n').pop()}); the comparison is skipped`)
    return undefined
  }
  return bin
}

/** memlab's table rows: `│ 0 │ 'Session' │ 'object' │ 6500 │ '1MB' │`. */
function memlabTable(stdout) {
  const rows = []
  for (const line of stdout.split('\n')) {
    const m = line.match(/│\s*\d+\s*│\s*'(.*)'\s*│\s*'(.*)'\s*│\s*(\d+)\s*│\s*'(.*)'\s*│/)
    if (m) rows.push({ name: m[1], type: m[2], count: Number(m[3]), retainedSize: m[4] })
  }
  return rows
}

/** memlab's getReadableBytes, for comparing the printed sizes. */
function readableBytes(bytes) {
  if (bytes >= 1e12) return `${((bytes / 1e11) | 0) / 10}TB`
  if (bytes >= 1e9) return `${((bytes / 1e8) | 0) / 10}GB`
  if (bytes >= 1e6) return `${((bytes / 1e5) | 0) / 10}MB`
  if (bytes >= 1e3) return `${((bytes / 1e2) | 0) / 10}KB`
  return bytes > 1 ? `${bytes} bytes` : `${bytes} byte`
}

function compareWithMemlab(set, files, ours) {
  const bin = noMemlab ? undefined : memlabBin()
  if (!bin) return
  const work = join(bench, 'memlab-work')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const run = measure(bin, ['find-leaks', '--baseline', files[0], '--target', files[1], '--final', files[2], '--work-dir', work], {
    env: { PUPPETEER_SKIP_DOWNLOAD: '1' }
  })
  say(`| ${set}: memlab find-leaks | ${mib(files.reduce((s, f) => s + size(f), 0))} | ${run.cpu.toFixed(1)} s CPU (${run.wall.toFixed(1)} s wall) | ${mib(run.rss)} | exit ${run.status} |`)
  if (run.status !== 0) {
    say(`memlab exited ${run.status} on the ${set} set: no ratio, no table (its stderr ends: ${run.stderr.slice(-200).replace(/\n/g, ' ')})`)
    return
  }
  say(`| ${set}: leak-gate ÷ memlab | | **${(run.cpu / ours.cpu).toFixed(1)}× faster** (CPU; ${(run.wall / ours.wall).toFixed(1)}× wall) | **${(ours.rss / run.rss).toFixed(2)}× its peak RSS** | ≥ 4× faster, ≤ 0.5× RSS |`)
  const theirs = memlabTable(run.stdout)
  if (theirs.length === 0) {
    say(`memlab printed no "Alive objects allocated in target page" table; its output ends: ${run.stdout.slice(-300).replace(/\n/g, ' ')}`)
    return
  }
  const table = JSON.parse(worker('memlab-table', files).stdout).table
  let same = 0
  const differ = []
  for (const row of theirs) {
    const mine = table.find((r) => r.name === row.name && r.type === row.type)
    const ok = mine && mine.count === row.count && readableBytes(mine.retainedSize) === row.retainedSize
    if (ok) same++
    else differ.push(`${row.name} (${row.type}): memlab ${row.count} / ${row.retainedSize}, leak-gate ${mine ? `${mine.count} / ${readableBytes(mine.retainedSize)}` : 'absent'}`)
  }
  say(`memlab's table: ${same} of ${theirs.length} rows with the same count and retained size${differ.length ? `; different: ${differ.slice(0, 5).join('; ')}` : ''}`)
}

console.log('| step | input | speed | peak RSS | target |\n| --- | --- | --- | --- | --- |')
const small = fixtures('small')
parseAndIds('small', small)
const smallRun = cliRun('small', small)
say(`| small: 3 snapshots end to end (dist/cli.js) | ${mib(small.reduce((s, f) => s + size(f), 0))} | ${smallRun.cpu.toFixed(2)} s CPU (${smallRun.wall.toFixed(2)} s wall) | ${mib(smallRun.rss)} | < 1 s |`)
say(`  named: ${smallRun.leaks.join(' | ')}`)
// memlab on the small set too: quick, and its table checks counts and retained sizes
compareWithMemlab('small', small, smallRun)
if (!smallOnly) {
  const large = fixtures('large')
  parseAndIds('large', large)
  const ours = cliRun('large', large)
  say(`| large: leak-gate 3-snapshot report (dist/cli.js) | ${mib(large.reduce((s, f) => s + size(f), 0))} | ${ours.cpu.toFixed(1)} s CPU (${ours.wall.toFixed(1)} s wall) | ${mib(ours.rss)} | |`)
  say(`  named: ${ours.leaks.join(' | ')}`)
  compareWithMemlab('large', large, ours)
}
writeFileSync(join(bench, 'heap-bench.md'), lines.join('\n') + '\n')

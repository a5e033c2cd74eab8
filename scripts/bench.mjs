// `npm run bench`: speed and memory, measured side by side in one run (these
// machines are noisy, so every figure is a ratio against a bare baseline run
// in the same process tree at the same time). Not a test: it prints a report.
//   node scripts/bench.mjs [--quick] [--keep] [--only load|analyze|pipeline|pipeline-counters|cold-start|many-series|heap|patterns]
//   patterns: scripts/bench-patterns.mjs (built-in log patterns on hostile long lines)
//   pipeline: scripts/bench-pipeline.mjs (1M-row configured memoryUsage CSV through the whole pipeline)
//   pipeline-counters: scripts/bench-pipeline.mjs --case counters (a 32 MB Prometheus file of
//   jvm_gc_pause_seconds_count label sets: the pass that reads collection counters as witnesses)
//   heap: scripts/bench-heap.mjs (its own fixtures in .bench/heap, memlab side by side; --quick: small only)
//   --keep: leave the temp folders (leak-gate-cold-*, leak-gate-bench-*) for a look.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const quick = args.includes('--quick') ? ['--quick'] : []
const keep = args.includes('--keep')

function run(cmd, cmdArgs, options = {}) {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...options })
  if (result.status !== 0) {
    console.error(`${cmd} ${cmdArgs.join(' ')} exited ${result.status}`)
    process.exit(result.status ?? 1)
  }
}

// The pure stages are benchmarked from a plain tsc build (no bundler in the way).
console.log('compiling src/ to build/ ...')
run('npx', ['tsc', '-p', 'tsconfig.build.json'])

if (!only || only === 'load')
  run('node', ['scripts/bench-load.mjs', ...quick, ...(keep ? ['--keep'] : [])])
if (!only || only === 'analyze') run('node', ['scripts/bench-analyze.mjs', ...quick])
if (!only || only === 'pipeline') run('node', ['scripts/bench-pipeline.mjs', ...quick])
if (!only || only === 'pipeline-counters')
  run('node', ['scripts/bench-pipeline.mjs', '--case', 'counters', ...quick])
if (!only || only === 'cold-start') coldStart()
if (!only || only === 'heap')
  run('node', ['scripts/bench-heap.mjs', ...(quick.length ? ['--small-only'] : [])])
if (!only || only === 'many-series') manySeries()
if (!only || only === 'patterns') run('node', ['scripts/bench-patterns.mjs', ...quick])

/**
 * Many series in a small file (issue 14): docker stats of N containers, two
 * rows each, through the CLI bundle to Markdown. Time and peak RSS must grow
 * linearly in N (the renderer once compared every series with every finding,
 * and each series reserved 384 KiB: 5,000 took 15 s and 1.5 GB) and stop
 * growing past the 1,000-series cap. Ratios against 500 containers.
 */
function manySeries() {
  if (!existsSync('dist/cli.js')) {
    console.log('many series: dist/cli.js missing, run npm run bundle first')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'leak-gate-many-'))
  try {
    const sizes = quick.length ? [500, 5000] : [500, 1000, 5000, 50000]
    const rows = []
    for (const n of sizes) {
      const folder = join(dir, String(n))
      mkdirSync(folder)
      const lines = ['timestamp,Name,MemUsage']
      for (let t = 0; t < 2; t++)
        for (let c = 0; c < n; c++) lines.push(`2026-11-25T10:0${t}:00Z,c${c},${10 + t}MiB / 1GiB`)
      const text = lines.join('\n') + '\n'
      writeFileSync(join(folder, 'docker_stats.csv'), text)
      // /usr/bin/time -f reports the child's peak RSS; user+sys CPU is steadier than wall time here.
      const r = spawnSync(
        '/usr/bin/time',
        ['-f', '%U %S %M', process.execPath, 'dist/cli.js', '--format', 'markdown', folder],
        { encoding: 'utf8', maxBuffer: 1 << 28 }
      )
      const [user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number)
      rows.push({ n, kb: text.length / 1024, cpu: user + sys, rss: kb / 1024, status: r.status })
    }
    const base = rows[0]
    console.log(
      '\n## Many series (CLI to Markdown, CPU user+sys, peak RSS; ratios against the first row)\n'
    )
    console.log('| containers | file KiB | CPU s | ratio | peak RSS MiB | ratio | exit |')
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const r of rows)
      console.log(
        `| ${r.n} | ${r.kb.toFixed(0)} | ${r.cpu.toFixed(2)} | ${(r.cpu / base.cpu).toFixed(2)} | ${r.rss.toFixed(0)} | ${(r.rss / base.rss).toFixed(2)} | ${r.status} |`
      )
  } finally {
    if (keep) console.log(`kept ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

/** Cold start of the action bundle on a tiny local folder vs a bare `node -e ''`. */
function coldStart() {
  if (!existsSync('dist/index.js')) {
    console.log('cold start: dist/index.js missing, run npm run bundle first')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'leak-gate-cold-'))
  try {
    coldStartIn(dir)
  } finally {
    if (keep) console.log(`kept ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

function coldStartIn(dir) {
  const artifacts = join(dir, 'artifacts')
  mkdirSync(artifacts)
  const rows = ['timestamp,name,mem_usage']
  for (let i = 0; i < 60; i++) {
    rows.push(
      `2026-01-01T00:${String(i).padStart(2, '0')}:00Z,web,${(100 + (i % 7)).toFixed(1)}MiB / 1GiB`
    )
  }
  writeFileSync(join(artifacts, 'docker_stats.csv'), rows.join('\n') + '\n')
  const env = {
    ...process.env,
    INPUT_PATH: artifacts,
    INPUT_COMMENT: 'never',
    'INPUT_REPORT-NAME': '',
    'INPUT_FAIL-ON': 'never',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir
  }
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  const time = (cmd, cmdArgs) => {
    const start = process.hrtime.bigint()
    const r = spawnSync(cmd, cmdArgs, { env, stdio: 'ignore' })
    if (r.status !== 0) throw new Error(`${cmdArgs.join(' ')} exited ${r.status}`)
    return Number(process.hrtime.bigint() - start) / 1e6
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const bare = []
  const action = []
  for (let i = 0; i < 7; i++) {
    bare.push(time(process.execPath, ['-e', '']))
    action.push(time(process.execPath, ['dist/index.js']))
  }
  const b = median(bare)
  const a = median(action)
  console.log('\n## Cold start (median of 7, interleaved)\n')
  console.log('| command | ms | ratio |')
  console.log('| --- | ---: | ---: |')
  console.log(`| node -e '' | ${b.toFixed(0)} | 1.00 |`)
  console.log(`| node dist/index.js (local path) | ${a.toFixed(0)} | ${(a / b).toFixed(2)} |`)
}

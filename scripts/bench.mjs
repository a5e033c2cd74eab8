// `npm run bench`: speed and memory, measured side by side in one run (these
// machines are noisy, so every figure is a ratio against a bare baseline run
// in the same process tree at the same time). Not a test: it prints a report.
//   node scripts/bench.mjs [--quick] [--keep] [--only load|analyze|cold-start|heap]
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

if (!only || only === 'load') run('node', ['scripts/bench-load.mjs', ...quick, ...(keep ? ['--keep'] : [])])
if (!only || only === 'analyze') run('node', ['scripts/bench-analyze.mjs', ...quick])
if (!only || only === 'cold-start') coldStart()
if (!only || only === 'heap') run('node', ['scripts/bench-heap.mjs', ...(quick.length ? ['--small-only'] : [])])

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
    rows.push(`2026-01-01T00:${String(i).padStart(2, '0')}:00Z,web,${(100 + (i % 7)).toFixed(1)}MiB / 1GiB`)
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

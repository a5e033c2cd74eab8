// `npm run demo`: runs the committed CLI bundle (dist/cli.js) on every bundled
// example artifact folder, prints the full report of one leak and one healthy
// service, then a table of verdicts against each example's expected.json.
// Exit status 0 when every example gets its expected verdict.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const examples = readdirSync('examples', { withFileTypes: true })
  .filter(
    (e) => e.isDirectory() && existsSync(join('examples', e.name, 'artifacts', 'expected.json'))
  )
  .map((e) => e.name)
  .sort()

function cli(dir, format = 'json') {
  return spawnSync(process.execPath, ['dist/cli.js', '--format', format, dir], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' }
  })
}

const showcase = [process.argv[2] ?? 'map-leak', process.argv[3] ?? 'seed-python-pipeline']
for (const name of showcase) {
  if (!examples.includes(name)) continue
  const dir = join('examples', name, 'artifacts')
  console.log(`\n$ npx leak-gate ${dir}\n`)
  const r = cli(dir, 'text')
  process.stdout.write(r.stdout)
  process.stdout.write(r.stderr)
  console.log(`(exit status ${r.status})`)
}

console.log('\n| example | expected | got | findings | exit |')
console.log('| --- | --- | --- | --- | ---: |')
let mismatches = 0
for (const name of examples) {
  const dir = join('examples', name, 'artifacts')
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'))
  const r = cli(dir)
  let report
  try {
    report = JSON.parse(r.stdout)
  } catch {
    report = { verdict: 'crash', findings: [] }
  }
  const signatures = [...new Set(report.findings.map((f) => f.signature))].join(', ') || '-'
  const ok = report.verdict === expected.verdict
  if (!ok) mismatches++
  console.log(
    `| ${name} | ${expected.verdict} | ${ok ? '' : '**'}${report.verdict}${ok ? '' : '**'} | ${signatures} | ${r.status} |`
  )
}
console.log(
  mismatches
    ? `\n${mismatches} example(s) did not get their expected verdict`
    : '\nevery example got its expected verdict'
)
process.exit(mismatches ? 1 : 0)

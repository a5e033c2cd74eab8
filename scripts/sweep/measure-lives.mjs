#!/usr/bin/env node
// Tallies leak-gate's verdicts on generated runs of a service restarted 1–3 times
// (__tests__/helpers/restart-lives.ts): healthy lives with a start-up climb must pass, leaking
// lives must fail. Uses the tsc build in build/sweep (`npx tsc --outDir build/sweep --noEmit false`)
// for the generator, and the pipeline of each build named (to compare code before and after).
//
//   node scripts/sweep/measure-lives.mjs [BUILD_DIR...] [--list] [--seed=N] [--life=S] [--interval=S]
//   (default: build/sweep; seeds from 1, lives of ~60 s sampled every 0.5 s)
//   node scripts/sweep/measure-lives.mjs --fixtures   (rewrites __fixtures__/pipeline/restarts/lives-*)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const list = args.includes('--list')
const builds = args.filter((a) => !a.startsWith('--'))
if (builds.length === 0) builds.push('build/sweep')
const { livesCsv, livesFixtures, livesGrid } = await import(
  pathToFileURL(path.join(repo, 'build', 'sweep', '__tests__', 'helpers', 'restart-lives.js')).href
)
const option = (name) => {
  const arg = args.find((a) => a.startsWith(`--${name}=`))
  return arg === undefined ? undefined : Number(arg.slice(name.length + 3))
}
const grid = livesGrid({
  seed: option('seed'),
  lifeSeconds: option('life'),
  interval: option('interval')
})
if (args.includes('--fixtures')) {
  for (const [name, spec] of Object.entries(livesFixtures)) {
    const dir = path.join(repo, '__fixtures__', 'pipeline', 'restarts', name)
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'memory.csv'), livesCsv(spec))
  }
  process.exit(0)
}
for (const build of builds) {
  const { runPipeline } = await import(
    pathToFileURL(path.resolve(repo, build, 'src', 'pipeline.js')).href
  )
  const tally = new Map()
  const wrong = []
  for (const spec of grid) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-lives-'))
    try {
      fs.writeFileSync(path.join(dir, 'memory.csv'), livesCsv(spec))
      const report = await runPipeline({
        root: dir,
        workspace: dir,
        now: new Date('2026-11-25T00:00:00Z')
      })
      const leak = spec.leakPerRequest > 0
      const key = `${leak ? 'leak' : 'healthy'} r${spec.restarts}`
      const row = tally.get(key) ?? { runs: 0, fail: 0, warn: 0, pass: 0 }
      row.runs++
      row[report.verdict] = (row[report.verdict] ?? 0) + 1
      tally.set(key, row)
      if (leak ? report.verdict !== 'fail' : report.verdict !== 'pass')
        wrong.push(
          `${spec.name}: ${report.verdict} [${report.findings.map((f) => `${f.metric} ${f.level}`).join(', ')}]`
        )
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  console.log(`\n${build}`)
  console.log('| runs | n | fail | warn | pass |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const [key, row] of [...tally].sort())
    console.log(`| ${key} | ${row.runs} | ${row.fail} | ${row.warn} | ${row.pass} |`)
  if (list) for (const line of wrong) console.log(`  ${line}`)
}

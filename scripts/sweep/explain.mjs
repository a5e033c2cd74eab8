#!/usr/bin/env node
// Prints leak-gate's judgement of artifact folders, one line per metric, from the tsc build in
// build/sweep (built by `run-sweep.mjs judge`, or `npx tsc --outDir build/sweep --noEmit false`).
//
//   node scripts/sweep/explain.mjs DIR [DIR...] [--zero]   (--zero: ignore the folder's leak-gate.yml)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const { runPipeline } = await import(
  pathToFileURL(path.join(repo, 'build', process.env.LG_BUILD ?? 'sweep', 'src', 'pipeline.js'))
    .href
)
const zero = process.argv.includes('--zero')
for (const dir of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  let root = dir
  if (zero) {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-zero-'))
    for (const f of fs.readdirSync(dir))
      if (!/^leak-gate\.ya?ml$|^expected\.json$/.test(f))
        fs.copyFileSync(path.join(dir, f), path.join(root, f))
  }
  try {
    const report = await runPipeline({
      root,
      workspace: root,
      now: new Date('2026-11-25T00:00:00Z')
    })
    console.log(
      `\n== ${dir}: ${report.verdict} [${[...new Set(report.findings.map((f) => f.signature))].join(', ')}]`
    )
    for (const m of report.metrics ?? []) {
      const p = m.pValue != null ? ` p=${m.pValue.toPrecision(2)}` : ''
      const s = m.slopePerHour != null ? ` slope=${(m.slopePerHour / 1048576).toFixed(2)}MiB/h` : ''
      console.log(
        `  [${m.status}] ${m.id ?? m.metric} (${m.samples ?? ''}→${m.points ?? ''})${s}${p}: ${m.explanation}`
      )
    }
    for (const f of report.findings)
      console.log(`  FINDING ${f.level} ${f.signature} ${f.metric}: ${f.message}`)
    for (const n of report.notes ?? []) console.log(`  note: ${n}`)
  } finally {
    // the copy for --zero is ours: removed even when the pipeline throws
    if (zero) fs.rmSync(root, { recursive: true, force: true })
  }
}

/**
 * A real run, edited: the example's artifacts copied to a temporary folder, changed there (a
 * post-test snapshot set to what a leak would leave, a linear leak added to the samples) and
 * judged by the pipeline. Used to check that a rule excusing a healthy shape does not excuse a
 * leak beside it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir } from './temp-dir.js'

/** Copies `example`, lets `edit` change the copy, runs the pipeline on it, removes it. */
export async function runEdited(
  example: string,
  edit: (dir: string) => void,
  now: Date
): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'lg-edited-'))
  try {
    cpSync(example, dir, { recursive: true })
    edit(dir)
    return await runPipeline({ root: dir, workspace: dir, now })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

type Snapshot = Record<string, number>

/** Rewrites post-test.json of a copied example (`edit` gets it and the baseline). */
export function editPostTest(
  dir: string,
  edit: (post: Snapshot, baseline: Snapshot) => void
): void {
  const read = (name: string): Snapshot =>
    JSON.parse(readFileSync(join(dir, name), 'utf8')) as Snapshot
  const post = read('post-test.json')
  edit(post, read('baseline.json'))
  writeFileSync(join(dir, 'post-test.json'), JSON.stringify(post))
}

/**
 * Adds a linear leak to a copied example: B bytes per unit of work on the named columns of its
 * memory.csv, and B × the post-test work on the post-test snapshot (a forced collection keeps a leak).
 */
export function addLinearLeak(
  dir: string,
  bytesPerWork: number,
  columns: string[],
  workColumn = 'requests'
): void {
  const rows = readFileSync(join(dir, 'memory.csv'), 'utf8').trim().split('\n')
  const header = rows[0].split(',')
  const work = header.indexOf(workColumn)
  const indexes = columns.map((c) => header.indexOf(c))
  let last = 0
  const out = [rows[0]]
  for (const row of rows.slice(1)) {
    const cells = row.split(',')
    last = Number(cells[work])
    for (const i of indexes) cells[i] = String(Math.round(Number(cells[i]) + bytesPerWork * last))
    out.push(cells.join(','))
  }
  writeFileSync(join(dir, 'memory.csv'), `${out.join('\n')}\n`)
  editPostTest(dir, (post) => {
    const done = typeof post[workColumn] === 'number' ? post[workColumn] : last
    for (const c of columns)
      if (typeof post[c] === 'number') post[c] += Math.round(bytesPerWork * done)
  })
}

/**
 * A copy of a fixture (memory.csv, its snapshots and leak-gate.yml) in a temporary folder without
 * one memory.csv column and its config line: a rule's input gone. Returns the folder (made by
 * makeTempDir: the test file removes it with removeTempDirs).
 */
export function withoutColumn(fixture: string, column: string): string {
  const dir = makeTempDir('without')
  for (const file of ['baseline.json', 'post-test.json'])
    cpSync(join(fixture, file), join(dir, file))
  const rows = readFileSync(join(fixture, 'memory.csv'), 'utf8').trimEnd().split('\n')
  const index = rows[0].split(',').indexOf(column)
  if (index <= 0) throw new Error(`${fixture}/memory.csv has no column ${column}`)
  const kept = rows.map((row) =>
    row
      .split(',')
      .filter((_, i) => i !== index)
      .join(',')
  )
  writeFileSync(join(dir, 'memory.csv'), `${kept.join('\n')}\n`)
  const config = readFileSync(join(fixture, 'leak-gate.yml'), 'utf8')
  const line = new RegExp(`^ *${column}: memory.*\\n`, 'm')
  writeFileSync(join(dir, 'leak-gate.yml'), config.replace(line, ''))
  return dir
}

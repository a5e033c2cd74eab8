/**
 * A real run with a linear leak added: B bytes per unit of work on the named columns of its
 * memory.csv, and B × the post-test work on the post-test snapshot (the forced collection keeps a
 * leak). Used to check that a rule excusing a healthy shape does not excuse a leak beside it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function withAddedLeak(
  example: string,
  bytesPerWork: number,
  columns: string[],
  workColumn = 'requests'
): string {
  const dir = mkdtempSync(join(tmpdir(), 'lg-added-leak-'))
  cpSync(example, dir, { recursive: true })
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
  const post = JSON.parse(readFileSync(join(dir, 'post-test.json'), 'utf8')) as Record<
    string,
    number
  >
  const done = typeof post[workColumn] === 'number' ? post[workColumn] : last
  for (const c of columns)
    if (typeof post[c] === 'number') post[c] += Math.round(bytesPerWork * done)
  writeFileSync(join(dir, 'post-test.json'), JSON.stringify(post))
  return dir
}

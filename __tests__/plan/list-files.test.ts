/**
 * Listing the artifact folder: every stage walks the list, so an artifact
 * holding more files than leak-gate reads is refused with a clear message,
 * never cut short silently.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { listFiles, MAX_FILES } from '../../src/plan/index.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(removeTempDirs)

function folder(count: number): string {
  const root = makeTempDir('list-files')
  for (let n = 1; n <= count; n++) {
    mkdirSync(join(root, `run-${n}`))
    writeFileSync(join(root, `run-${n}`, 'memory.csv'), 'timestamp,rss\n')
  }
  writeFileSync(join(root, '.hidden'), '')
  return root
}

describe('listFiles', () => {
  it('lists every file up to the limit, sorted, hidden files left out', async () => {
    expect(await listFiles(folder(3), 3)).toEqual([
      'run-1/memory.csv',
      'run-2/memory.csv',
      'run-3/memory.csv'
    ])
  })

  it('refuses a folder holding more files than the limit, and says what to do', async () => {
    await expect(listFiles(folder(4), 3)).rejects.toThrow(
      'more than 3 files in the artifact folder: leak-gate reads at most 3; upload the measurements only'
    )
    expect(MAX_FILES).toBe(20_000)
  })
})

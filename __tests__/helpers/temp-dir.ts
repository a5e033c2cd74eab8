/**
 * Temp folders for tests that are removed when the tests are done, so running
 * the suite again and again does not fill the system temp dir. Set
 * LEAK_GATE_KEEP_TEMP=1 to keep them for a look after a run.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made = new Set<string>()
const keep = process.env.LEAK_GATE_KEEP_TEMP === '1'

function remove(dir: string): void {
  made.delete(dir)
  if (!keep) rmSync(dir, { recursive: true, force: true })
}

/**
 * Makes a fresh folder `leak-gate-<name>-XXXXXX` in the system temp dir now;
 * `removeTempDirs()` (in an afterEach or afterAll) removes it.
 */
export function makeTempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `leak-gate-${name}-`))
  made.add(dir)
  return dir
}

/** Removes every folder `makeTempDir` made in this test file and not removed yet. */
export function removeTempDirs(): void {
  for (const dir of [...made]) remove(dir)
}

/**
 * A temp folder for the enclosing describe block (or the whole file): its path
 * is known at once, the folder is made in a beforeAll and removed in an
 * afterAll, so a block that is skipped or filtered out leaves nothing behind.
 */
export function useTempDir(name: string): string {
  const dir = join(tmpdir(), `leak-gate-${name}-${randomBytes(6).toString('hex')}`)
  beforeAll(() => {
    mkdirSync(dir, { mode: 0o700 })
    made.add(dir)
  })
  afterAll(() => remove(dir))
  return dir
}

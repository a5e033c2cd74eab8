/**
 * Class histograms through the committed bundle, as a user runs it:
 * `node dist/cli.js` on a folder of three jcmd histograms fails (exit 1)
 * and its Markdown names the class; a broken pause manifest is an error
 * (exit 2) with its file name; a pickle is refused (exit 2).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const CLI = resolve('dist/cli.js')
const FIXTURES = resolve('__fixtures__/histograms')
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 })

afterAll(removeTempDirs)

function jvmLeak(): string {
  const root = makeTempDir('cli-histo')
  for (const i of [1, 2, 3])
    cpSync(join(FIXTURES, `jvm-leak/jcmd-${i}.txt`), join(root, `jcmd-${i}.txt`))
  return root
}

describe('leak-gate CLI on class histograms (dist/cli.js)', () => {
  it('three jcmd histograms of a leaking JVM: exit 1, the comment names the class', () => {
    const run = cli('--format', 'markdown', jvmLeak())
    expect(run.status).toBe(1)
    expect(run.stdout).toContain(
      '**Leak found:** Leaky\\$Session: +18,000 objects in phase 1 and +22,000 in phase 2'
    )
    expect(run.stdout).toContain('| ❌ leak | Leaky\\$Session |')
  })

  it('a broken heap-snapshots.json is an error with its file name: exit 2', () => {
    const root = jvmLeak()
    writeFileSync(join(root, 'heap-snapshots.json'), '{"version": 1, "snapshots": [{"file": "a"}]}')
    const run = cli(root)
    expect(run.status).toBe(2)
    expect(run.stdout + run.stderr).toContain('heap-snapshots.json: found snapshots[0]')
  })

  it('a pickle named as a histogram is refused, never loaded: exit 2', () => {
    const root = jvmLeak()
    writeFileSync(join(root, 'snap.pkl'), Buffer.from([0x80, 0x04, 0x95, 0x10, 0, 0, 0]))
    writeFileSync(
      join(root, 'leak-gate.yml'),
      'histograms: { baseline: jcmd-1.txt, final: snap.pkl }\n'
    )
    const run = cli(root)
    expect(run.status).toBe(2)
    expect(run.stdout + run.stderr).toContain('leak-gate never loads pickles or binary dumps')
  })
})

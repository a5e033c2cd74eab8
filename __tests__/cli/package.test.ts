/**
 * The package as a user gets it: `npm pack`, installed into an empty folder
 * with no network (everything runs from the bundled `dist/`, so there is
 * nothing else to fetch), then the "Reproduce locally" command of a comment
 * run there, outside this repository, with the package spec pointing at the
 * tarball instead of `github:OWNER/REPO#REF`. It must give the verdict the
 * comment gave.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { renderMarkdown } from '../../src/report/index.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const EXAMPLE = resolve('examples/map-leak/artifacts')

describe('npm pack, installed in an empty folder', () => {
  let tarball: string
  let empty: string
  beforeAll(() => {
    const dir = makeTempDir('pack')
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--pack-destination', dir, '--json'], { encoding: 'utf8' })
    ) as Array<{ filename: string; files: Array<{ path: string }> }>
    tarball = join(dir, packed.filename)
    empty = join(dir, 'empty')
    mkdirSync(empty)
  }, 120_000)
  afterAll(() => removeTempDirs())

  it('installs offline as one package: no runtime dependencies', () => {
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: empty,
      encoding: 'utf8'
    })
    expect(
      readdirSync(join(empty, 'node_modules')).filter((name) => !name.startsWith('.'))
    ).toEqual(['leak-gate'])
    const help = execFileSync(join(empty, 'node_modules/.bin/leak-gate'), ['--help'], {
      encoding: 'utf8'
    })
    for (const flag of [
      '--config',
      '--format',
      '--out',
      '--base',
      '--color',
      '--no-color',
      '--help',
      '--version'
    ])
      expect(help).toContain(flag)
  }, 120_000)

  it("runs the comment's reproduce command outside the repository with the comment's verdict", async () => {
    const report = await runPipeline({ root: EXAMPLE })
    const command = `npx --yes github:acme/leak-gate#v1 ${EXAMPLE} --format json`
    const body = renderMarkdown(report, { commandLine: command })
    const shown = /```sh\n(.+)\n```/.exec(body)?.[1] ?? ''
    expect(shown).toBe(command)
    const args = shown.split(' ').slice(1)
    // The same command, with the package spec pointing at the packed tarball (no network here).
    args[args.indexOf('github:acme/leak-gate#v1')] = `file:${tarball}`
    const run = spawnSync('npx', ['--offline', ...args], { cwd: empty, encoding: 'utf8' })
    expect(run.status).toBe(1)
    const reproduced = JSON.parse(run.stdout) as {
      verdict: string
      findings: Array<{ id: string }>
    }
    expect(reproduced.verdict).toBe(report.verdict)
    expect(reproduced.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id))
  }, 120_000)
})

/**
 * Issue 14 (hostile input), the parts read from the PR's config and the
 * artifact, through the built bundles as the runner and a developer run
 * them: `node dist/index.js` with the runner's environment against the
 * local GitHub, and `node dist/cli.js`.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FakeGitHub } from '../helpers/fake-github.js'
import { runAction } from '../helpers/run-action.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'
import { folderEntries } from '../helpers/zip.js'

const CLI = resolve('dist/cli.js')
const FIXTURES = join(process.cwd(), '__fixtures__', 'action')
const LEAK_FOLDER = join(FIXTURES, 'leak')
const LEAK = folderEntries(LEAK_FOLDER)
const TOKEN = 'ghs_NeverWriteThisToken0123456789abcdef'
const ESC = '\u001b'

let github: FakeGitHub

beforeEach(async () => {
  github = new FakeGitHub()
  await github.start()
})

afterEach(async () => {
  await github.stop()
  removeTempDirs()
})

/** Everything the action wrote where people or other jobs can read it. */
function everythingWritten(run: { stdout: string; stderr: string; summary: string }): string {
  const uploaded = [...github.uploaded.values()]
    .flatMap((files) => Object.values(files))
    .map((buffer) => buffer.toString('utf8'))
  return [
    run.stdout,
    run.stderr,
    run.summary,
    ...github.comments.map((comment) => comment.body),
    ...uploaded
  ].join('\n')
}

/** Runs the CLI bundle in `cwd` with extra environment. */
function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A folder with the leak fixture's docker stats and the files given. */
function artifactFolder(files: Record<string, string> = {}): string {
  const dir = makeTempDir('hostile')
  writeFileSync(join(dir, 'docker_stats.csv'), LEAK['docker_stats.csv'])
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('item 2: a config read through a symbolic link', () => {
  it('action: .github/leak-gate.yml linked to /proc/self/environ is refused and no token is written anywhere', async () => {
    const workspace = makeTempDir('workspace')
    mkdirSync(join(workspace, '.github'))
    symlinkSync('/proc/self/environ', join(workspace, '.github', 'leak-gate.yml'))
    github.addArtifact(1000, 'load-test', LEAK)
    const run = await runAction({
      apiUrl: github.url,
      workspace,
      inputs: { artifact: 'load-test', 'github-token': TOKEN, comment: 'always' },
      env: { NPM_TOKEN: 'npm_AlsoNeverShown0123456789' }
    })

    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('error')
    const written = everythingWritten(run)
    expect(github.comments).toHaveLength(1)
    expect(github.uploaded.get('leak-gate-report')).toBeDefined()
    expect(written).toContain(
      '.github/leak-gate.yml: found a symbolic link, expected a regular file'
    )
    for (const secret of [TOKEN, 'npm_AlsoNeverShown', 'Actions.GenericRead', 'GITHUB_EVENT_PATH'])
      expect(written).not.toContain(secret)
  })

  it('CLI: the artifact leak-gate.yml linked to /proc/self/environ is refused, no token in any output', () => {
    const dir = artifactFolder()
    symlinkSync('/proc/self/environ', join(dir, 'leak-gate.yml'))
    for (const format of ['text', 'json', 'markdown', 'html']) {
      const result = cli(['--format', format, dir], dir, { GITHUB_TOKEN: TOKEN })
      expect(result.code).toBe(2)
      expect(result.stdout + result.stderr).toContain('found a symbolic link')
      expect(result.stdout + result.stderr).not.toContain(TOKEN)
    }
  })

  it('action: a config input that leaves the workspace is refused', async () => {
    const workspace = makeTempDir('workspace')
    github.addArtifact(1000, 'load-test', LEAK)
    const run = await runAction({
      apiUrl: github.url,
      workspace,
      inputs: {
        artifact: 'load-test',
        'github-token': TOKEN,
        config: '/proc/self/environ',
        'report-name': ''
      }
    })
    expect(run.outputs.verdict).toBe('error')
    expect(run.summary).toContain('found a path that leads outside the workspace')
    expect(everythingWritten(run)).not.toContain(TOKEN)
  })
})

describe('item 15: control sequences from config values', () => {
  it('CLI: an ESC in a key and in a value reaches neither stdout nor stderr', () => {
    const yaml =
      `warmup: "\\e[31mRED\\e]8;;http://x\\a"\n` +
      `series:\n  - file: "*.csv"\n    "\\e[2Jkey": 1\n`
    const dir = artifactFolder({ 'leak-gate.yml': yaml })
    for (const format of ['text', 'json', 'markdown', 'html']) {
      const result = cli(['--format', format, dir], dir)
      expect(result.code).toBe(2)
      expect(result.stdout).not.toContain(ESC)
      expect(result.stderr).not.toContain(ESC)
      expect(result.stdout).not.toContain('\u0007')
    }
    const json = cli(['--format', 'json', dir], dir)
    expect(json.stderr).toContain('leak-gate.yml:1: key "warmup": found "?[31mRED?]8;;http://x?"')
  })
})

describe('item 16: YAML alias bombs and deep JSON carry file:line', () => {
  it('CLI: an alias bomb in the config', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`
      )
    const dir = artifactFolder({ 'leak-gate.yml': `${lines.join('\n')}\nwarmup: 10%\n` })
    const result = cli(['--format', 'json', dir], dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^leak-gate: leak-gate\.yml:2: found "a1: &a1 \[\*a0, .*", expected YAML whose aliases \(\*name\) expand to at most 100 copies/m
    )
  })

  it('CLI: a snapshot and a JSON-lines row nested 20,000 deep', () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`
    const snapshots = artifactFolder({ 'baseline.json': deep, 'post-test.json': '{"rss": 1}' })
    const lines = artifactFolder({ 'memory.jsonl': `${'{"rss":1}\n'.repeat(3)}${deep}\n` })
    const snapshot = cli(['--format', 'json', snapshots], snapshots)
    expect(snapshot.code).toBe(2)
    expect(snapshot.stderr).toContain(
      'baseline.json:1: JSON nested at most 64 levels deep, found deeper nesting at column 321'
    )
    const row = cli(['--format', 'json', lines], lines)
    expect(row.code).toBe(2)
    expect(row.stderr).toContain('memory.jsonl:4: JSON nested at most 64 levels deep')
    expect(snapshot.stderr + row.stderr).not.toContain('Maximum call stack')
  })
})

describe("item 17 and item 14: the artifact's own config", () => {
  it('action: errors of the artifact config show its path in the artifact, never the runner temp folder', async () => {
    github.addArtifact(1000, 'load-test', {
      ...LEAK,
      'leak-gate.yml': Buffer.from('warmup: 10%\nseries:\n  - file: nothing-*.csv\n')
    })
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': TOKEN, 'report-name': '' }
    })
    expect(run.outputs.verdict).toBe('error')
    expect(run.summary).toContain(
      'load-test/leak-gate.yml: key "series\\[0\\].file": "nothing-\\*.csv" matched no file in load-test'
    )
    // What people read (the log's download lines are the runner's own record of where files went).
    const shown = [run.summary, run.failure ?? '', ...github.comments.map((c) => c.body)].join('\n')
    expect(shown).not.toContain(run.tempDir)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).not.toContainEqual(
      expect.stringContaining(run.tempDir)
    )
  })

  it('action: an ignore: shipped in the artifact is applied and the comment says where it came from', async () => {
    github.addArtifact(1000, 'load-test', {
      ...LEAK,
      'leak-gate.yml': Buffer.from(
        'warmup: 10%\nignore:\n' +
          ['sustained-growth', 'rising-floor', 'oom-risk']
            .map((id) => `  - signature: ${id}\n    reason: "not ours"\n`)
            .join('')
      )
    })
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': TOKEN, comment: 'always', 'report-name': '' }
    })
    expect(run.outputs.verdict).toBe('pass')
    const body = github.comments[0].body
    expect(body).toMatch(/pass · no findings, \d+ suppressed/)
    expect(body).toContain('No leak found except suppressed ones')
    expect(body).not.toContain('none grows significantly')
    expect(body).toContain(
      'in load-test/leak-gate.yml, the config shipped inside the artifact, not in the repository'
    )
    expect(body).toContain('⚪ suppressed')
  })
})

describe('item 9: catastrophic patterns and globs are stopped with a message naming the key', () => {
  it('CLI: a log pattern that backtracks exponentially', () => {
    const log = `${Array.from({ length: 30 }, (_, i) => `rss=${100 + i}\n`).join('')}${'a'.repeat(40)}c\n`
    const dir = artifactFolder({
      'app.log': log,
      'leak-gate.yml': "series:\n  - file: app.log\n    pattern: '^(?<rss>(a+)+)b|rss=(?<x>\\d+)'\n"
    })
    const result = cli(['--format', 'json', dir], dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'app.log: column "pattern": found "^(?<rss>(a+)+)b|rss=(?<x>\\d+)", expected a pattern that matches in linear time: it ran over 5 s'
    )
  })

  it('CLI: a glob that backtracks, and one whose {a,b} groups explode', () => {
    const dir = artifactFolder({
      [`${'a'.repeat(200)}.txt`]: 'x',
      'leak-gate.yml': `series:\n  - file: '${'*a'.repeat(12)}*b.csv'\n`
    })
    const slow = cli(['--format', 'json', dir], dir)
    expect(slow.code).toBe(2)
    expect(slow.stderr).toContain(
      'leak-gate.yml:2: key "series[0].file": found "*a*a*a*a*a*a*a*a*a*a*a*a*b.csv", expected a glob that can be matched'
    )
    const braces = artifactFolder({
      'leak-gate.yml': `series:\n  - file: '${'{a,b}'.repeat(12)}.csv'\n`
    })
    const wide = cli(['--format', 'json', braces], braces)
    expect(wide.code).toBe(2)
    expect(wide.stderr).toContain('its {…} groups expand to more than 256 paths')
  })
})

describe('item 10: many series in a small file', () => {
  it('CLI: 1,500 containers keep 1,000 series, with a note', () => {
    const rows = ['timestamp,Name,MemUsage']
    for (let t = 0; t < 2; t++)
      for (let c = 0; c < 1500; c++) rows.push(`2026-11-25T10:0${t}:00Z,c${c},${10 + t}MiB / 1GiB`)
    const dir = makeTempDir('many')
    writeFileSync(join(dir, 'docker_stats.csv'), `${rows.join('\n')}\n`)
    const result = cli(['--format', 'json', dir], dir)
    const report = JSON.parse(result.stdout) as {
      metrics: unknown[]
      inputs: Array<{ note?: string }>
    }
    expect(report.metrics).toHaveLength(1000)
    expect(report.inputs[0].note).toContain(
      'only the first 1000 series (values of "Name") are analysed; 500 more not kept and not judged'
    )
  })
})

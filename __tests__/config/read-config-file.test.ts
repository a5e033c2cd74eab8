/**
 * Issue 14, item 2: a config that the pull request or the artifact controls
 * is read only as a regular text file inside the workspace or the artifact
 * root, of bounded size; a refusal quotes nothing of the file.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findConfig, loadConfig } from '../../src/config/find-config.js'
import { MAX_CONFIG_BYTES } from '../../src/config/read-config-file.js'

let base: string
let workspace: string
let artifact: string

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'leak-gate-read-config-'))
  workspace = join(base, 'repo')
  artifact = join(base, 'artifact')
  await mkdir(join(workspace, '.github'), { recursive: true })
  await mkdir(artifact, { recursive: true })
})
afterEach(async () => {
  await rm(base, { recursive: true, force: true })
})

/** The rejection message of a config load (fails the test when it loads). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('the config was read')
}

describe('a config that is a symbolic link is refused, never followed', () => {
  it('.github/leak-gate.yml linked to /proc/self/environ: refused, nothing of the environment quoted', async () => {
    process.env.LEAK_GATE_TEST_TOKEN = 'ghs_ThisMustNeverShow0123456789'
    try {
      await symlink('/proc/self/environ', join(workspace, '.github', 'leak-gate.yml'))
      const message = await refusal(loadConfig({ workspace, artifactRoot: artifact }))
      expect(message).toBe(
        '.github/leak-gate.yml: found a symbolic link, expected a regular file (a config is never ' +
          'read through a link, which could point at secrets; name the file itself)'
      )
      expect(message).not.toContain('ghs_')
    } finally {
      delete process.env.LEAK_GATE_TEST_TOKEN
    }
  })

  it("the artifact's leak-gate.yml linked to a file: refused", async () => {
    await writeFile(join(base, 'secret.yml'), 'warmup: 10%\n')
    await symlink(join(base, 'secret.yml'), join(artifact, 'leak-gate.yml'))
    expect(await refusal(loadConfig({ workspace, artifactRoot: artifact }))).toMatch(
      /^leak-gate\.yml: found a symbolic link, expected a regular file/
    )
  })

  it('a planted link is refused rather than skipped (no silent fall-back to the artifact config)', async () => {
    await symlink('/proc/self/environ', join(workspace, '.github', 'leak-gate.yml'))
    await writeFile(join(artifact, 'leak-gate.yml'), 'warmup: 10%\n')
    expect((await findConfig({ workspace, artifactRoot: artifact })).how).toBe('workspace')
    await expect(loadConfig({ workspace, artifactRoot: artifact })).rejects.toThrow(/symbolic link/)
  })

  it('a linked .github folder leading outside the workspace: refused', async () => {
    const outside = join(base, 'elsewhere')
    await mkdir(outside)
    await writeFile(join(outside, 'leak-gate.yml'), 'warmup: 10%\n')
    await rm(join(workspace, '.github'), { recursive: true })
    await symlink(outside, join(workspace, '.github'))
    expect(await refusal(loadConfig({ workspace, artifactRoot: artifact }))).toMatch(
      /^\.github\/leak-gate\.yml: found a path that leads outside the workspace and the artifact folder/
    )
  })
})

describe('the config input', () => {
  it('(action) a path outside the workspace and the artifact root is refused', async () => {
    await writeFile(join(base, 'outside.yml'), 'warmup: 10%\n')
    expect(
      await refusal(
        loadConfig({ explicitPath: '../outside.yml', workspace, artifactRoot: artifact })
      )
    ).toMatch(/found a path that leads outside the workspace and the artifact folder/)
  })

  it('(action) /proc/self/environ named directly is refused', async () => {
    expect(
      await refusal(
        loadConfig({ explicitPath: '/proc/self/environ', workspace, artifactRoot: artifact })
      )
    ).toMatch(/^\/proc\/self\/environ: found a path that leads outside/)
  })

  it('(command line) a --config typed outside the folder is read, but never binary content', async () => {
    await writeFile(join(base, 'outside.yml'), 'warmup: 10%\n')
    const config = await loadConfig({
      explicitPath: '../outside.yml',
      workspace,
      artifactRoot: artifact,
      explicitAnywhere: true
    })
    expect(config.warmup).toEqual({ kind: 'fraction', fraction: 0.1 })
    const message = await refusal(
      loadConfig({
        explicitPath: '/proc/self/environ',
        workspace,
        artifactRoot: artifact,
        explicitAnywhere: true
      })
    )
    expect(message).toBe(
      '/proc/self/environ:1: found binary content (a NUL byte), expected a YAML text file'
    )
  })

  it('(command line) a --config inside the folder may still not leave it through a link', async () => {
    await writeFile(join(base, 'outside.yml'), 'warmup: 10%\n')
    await symlink(join(base, 'outside.yml'), join(workspace, 'ci.yml'))
    expect(
      await refusal(
        loadConfig({
          explicitPath: 'ci.yml',
          workspace,
          artifactRoot: artifact,
          explicitAnywhere: true
        })
      )
    ).toMatch(/^ci\.yml: found a symbolic link/)
  })
})

describe('size and content', () => {
  it(`a config over ${MAX_CONFIG_BYTES / 1024} KiB is refused`, async () => {
    await writeFile(
      join(artifact, 'leak-gate.yml'),
      `# ${'x'.repeat(MAX_CONFIG_BYTES)}\nwarmup: 10%\n`
    )
    expect(await refusal(loadConfig({ workspace, artifactRoot: artifact }))).toBe(
      'leak-gate.yml: found more than 1024 KiB, expected a config file of at most 1024 KiB'
    )
  })

  it('a NUL byte says the line and quotes nothing', async () => {
    await writeFile(join(artifact, 'leak-gate.yml'), 'warmup: 10%\nseries: secret\u0000value\n')
    expect(await refusal(loadConfig({ workspace, artifactRoot: artifact }))).toBe(
      'leak-gate.yml:2: found binary content (a NUL byte), expected a YAML text file'
    )
  })

  it('a bad value is quoted as a short, printable excerpt', async () => {
    const long = `\u001b[31m${'A'.repeat(500)}`
    await writeFile(join(artifact, 'leak-gate.yml'), `warmup: "${long.replace('\u001b', '\\e')}"\n`)
    const message = await refusal(loadConfig({ workspace, artifactRoot: artifact }))
    expect(message).toMatch(/^leak-gate\.yml:1: key "warmup": found "\?\[31mA+… \(505 chars\)"/)
    expect(message).not.toContain('\u001b')
    expect(message.length).toBeLessThan(300)
  })
})

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '../../src/errors.js'
import { findConfig, loadConfig, loadConfigFile } from '../../src/config/find-config.js'

let base: string
let workspace: string
let artifact: string

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'leak-gate-config-'))
  workspace = join(base, 'repo')
  artifact = join(base, 'artifact')
  await mkdir(join(workspace, '.github'), { recursive: true })
  await mkdir(artifact, { recursive: true })
})
afterEach(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('findConfig: SPEC §3 order', () => {
  it('uses zero-config when there is no file', async () => {
    expect(await findConfig({ workspace, artifactRoot: artifact })).toEqual({
      path: undefined,
      how: 'zero-config'
    })
  })

  it('uses leak-gate.yml at the artifact root', async () => {
    await writeFile(join(artifact, 'leak-gate.yml'), 'warmup: 10%\n')
    expect(await findConfig({ workspace, artifactRoot: artifact })).toEqual({
      path: join(artifact, 'leak-gate.yml'),
      how: 'artifact'
    })
  })

  it('prefers .github/leak-gate.yml (or .yaml) in the workspace over the artifact', async () => {
    await writeFile(join(artifact, 'leak-gate.yml'), 'warmup: 10%\n')
    await writeFile(join(workspace, '.github', 'leak-gate.yaml'), 'warmup: 30%\n')
    expect(await findConfig({ workspace, artifactRoot: artifact })).toEqual({
      path: join(workspace, '.github', 'leak-gate.yaml'),
      how: 'workspace'
    })
  })

  it('prefers an explicit path over everything, relative to the workspace', async () => {
    await writeFile(join(workspace, '.github', 'leak-gate.yml'), 'warmup: 30%\n')
    await writeFile(join(workspace, 'ci.yml'), 'warmup: 5m\n')
    expect(await findConfig({ explicitPath: 'ci.yml', workspace, artifactRoot: artifact })).toEqual(
      {
        path: join(workspace, 'ci.yml'),
        how: 'input'
      }
    )
  })

  it('fails when the explicit path does not exist (no silent fallback)', async () => {
    await writeFile(join(workspace, '.github', 'leak-gate.yml'), 'warmup: 30%\n')
    await expect(
      findConfig({ explicitPath: 'nope.yml', workspace, artifactRoot: artifact })
    ).rejects.toThrow(
      new ConfigError('nope.yml', '', 'config file not found (given as config / --config)')
    )
  })

  it('treats a directory given as the config as missing', async () => {
    await expect(
      findConfig({ explicitPath: '.github', workspace, artifactRoot: artifact })
    ).rejects.toThrow('config file not found')
  })
})

describe('loadConfig', () => {
  it('reads and parses the found file, recording where it came from', async () => {
    await writeFile(
      join(workspace, '.github', 'leak-gate.yml'),
      'warmup: 5m\nseries:\n  - file: "*.csv"\n'
    )
    const config = await loadConfig({ workspace, artifactRoot: artifact })
    expect(config).toMatchObject({
      how: 'workspace',
      warmup: { kind: 'duration', ms: 300_000 },
      series: [{ file: '*.csv' }],
      checks: {},
      ignore: []
    })
    expect(config.source.endsWith(join('.github', 'leak-gate.yml'))).toBe(true)
  })

  it('returns the zero-config defaults when nothing is found', async () => {
    expect(await loadConfig({ artifactRoot: artifact })).toEqual({
      source: 'zero-config',
      how: 'zero-config',
      warmup: { kind: 'fraction', fraction: 0.2 },
      series: [],
      checks: {},
      ignore: []
    })
  })

  it('puts the file and line in errors of the found file', async () => {
    await writeFile(
      join(artifact, 'leak-gate.yml'),
      'warmup: 10%\nseries:\n  - file: ../etc/x.csv\n'
    )
    await expect(loadConfig({ artifactRoot: artifact })).rejects.toThrow(
      /leak-gate\.yml:3: key "series\[0\]\.file": found "\.\.\/etc\/x\.csv", expected a glob relative to the artifact root/
    )
  })
})

describe('loadConfigFile', () => {
  it('reports a file that cannot be read as a config error', async () => {
    await expect(loadConfigFile(artifact, { artifactRoot: base })).rejects.toThrow(
      /^artifact: found a folder or a special file, expected a regular file$/
    )
  })
})

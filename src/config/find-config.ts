/**
 * Where the configuration comes from (SPEC §3): the `config` input or
 * `--config` when given (an error if it does not exist), else
 * `.github/leak-gate.yml` in the workspace, else `leak-gate.yml` at the
 * artifact root (so a load-test job can ship its config with its data), else
 * zero-config detection. The only file-system code of the config stage.
 */
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { keepKeyLines, parseConfig } from './parse-config.js'
import { DEFAULT_WARMUP, type LeakGateConfig } from './types.js'

/** Where to look. */
export interface FindConfigOptions {
  /** The `config` input / `--config` value; relative paths are resolved against the workspace (default: cwd). */
  explicitPath?: string
  /** Repository checkout (`GITHUB_WORKSPACE`); omitted on the command line outside a checkout. */
  workspace?: string
  /** Folder holding the artifact's files. */
  artifactRoot: string
}

/** Which file was found, and by which rule (shown in the report). */
export interface FoundConfig {
  path: string | undefined
  how: 'input' | 'workspace' | 'artifact' | 'zero-config'
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** The first existing candidate of a list. */
async function firstFile(candidates: string[]): Promise<string | undefined> {
  for (const candidate of candidates) if (await isFile(candidate)) return candidate
  return undefined
}

/**
 * Finds the config file by the SPEC's order. Throws {@link ConfigError} when
 * an explicit path does not name a file (a typo must not fall back silently).
 */
export async function findConfig(options: FindConfigOptions): Promise<FoundConfig> {
  if (options.explicitPath !== undefined && options.explicitPath.trim() !== '') {
    const path = resolve(options.workspace ?? '.', options.explicitPath)
    if (!(await isFile(path))) {
      throw new ConfigError(
        options.explicitPath,
        '',
        'config file not found (given as config / --config)'
      )
    }
    return { path, how: 'input' }
  }
  if (options.workspace !== undefined) {
    const found = await firstFile(
      ['leak-gate.yml', 'leak-gate.yaml'].map((name) =>
        join(options.workspace as string, '.github', name)
      )
    )
    if (found) return { path: found, how: 'workspace' }
  }
  const inArtifact = await firstFile(
    ['leak-gate.yml', 'leak-gate.yaml'].map((name) => join(options.artifactRoot, name))
  )
  if (inArtifact) return { path: inArtifact, how: 'artifact' }
  return { path: undefined, how: 'zero-config' }
}

/** The configuration used when there is no file: defaults, and detection fills the inputs. */
export function zeroConfig(): LeakGateConfig {
  return {
    source: 'zero-config',
    how: 'zero-config',
    warmup: DEFAULT_WARMUP,
    series: [],
    checks: {},
    ignore: []
  }
}

/** A path as shown in messages: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown
}

/**
 * Reads and parses one config file. `source` (and every message) shows the
 * path relative to the working directory when it is inside it.
 * Throws {@link ConfigError} when it cannot be read or is not valid.
 */
export async function loadConfigFile(path: string): Promise<LeakGateConfig> {
  const shown = displayPath(path)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    // Not `instanceof Error`: errors from node:fs may come from another realm (Jest VM modules).
    const message = (error as { message?: unknown } | null)?.message
    const reason = typeof message === 'string' ? message : String(error)
    throw new ConfigError(shown, '', `cannot read the config file (${reason})`)
  }
  return parseConfig(text, shown)
}

/**
 * Finds, reads and parses the configuration. `source` is the file's path as
 * shown in messages, or `zero-config`; `how` says which rule found it.
 * Throws {@link ConfigError} for a missing explicit file or a bad config.
 */
export async function loadConfig(options: FindConfigOptions): Promise<LeakGateConfig> {
  const found = await findConfig(options)
  if (found.path === undefined) return zeroConfig()
  const config = await loadConfigFile(found.path)
  return keepKeyLines(config, { ...config, how: found.how })
}

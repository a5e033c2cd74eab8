/**
 * Where the configuration comes from (SPEC §3): the `config` input or
 * `--config` when given (an error if it does not exist), else
 * `.github/leak-gate.yml` in the workspace, else `leak-gate.yml` at the
 * artifact root (so a load-test job can ship its config with its data), else
 * zero-config detection. The only file-system code of the config stage.
 */
import { lstat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ConfigError } from '../errors.js'
import { keepKeyLines, parseConfig } from './parse-config.js'
import { isInside, readConfigText } from './read-config-file.js'
import { DEFAULT_WARMUP, type LeakGateConfig } from './types.js'

/** Where to look. */
export interface FindConfigOptions {
  /** The `config` input / `--config` value; relative paths are resolved against the workspace (default: cwd). */
  explicitPath?: string
  /** Repository checkout (`GITHUB_WORKSPACE`); omitted on the command line outside a checkout. */
  workspace?: string
  /** Folder holding the artifact's files. */
  artifactRoot: string
  /**
   * The explicit path was typed by a person on their own command line
   * (`--config`): it may name a file outside the workspace and the artifact
   * folder. Never set for the action, whose `config` input may be built from
   * pull-request data.
   */
  explicitAnywhere?: boolean
  /** The artifact's name, for showing paths inside it (see {@link displayConfigPath}). */
  artifactLabel?: string
}

/** Which file was found, and by which rule (shown in the report). */
export interface FoundConfig {
  path: string | undefined
  how: 'input' | 'workspace' | 'artifact' | 'zero-config'
}

/**
 * Whether something other than a folder is at `path`. A symbolic link counts
 * (without following it): it is then refused when read, never skipped, so a
 * planted link cannot make leak-gate fall back to another config silently.
 */
async function exists(path: string): Promise<boolean> {
  try {
    return !(await lstat(path)).isDirectory()
  } catch {
    return false
  }
}

/** The first existing candidate of a list. */
async function firstFile(candidates: string[]): Promise<string | undefined> {
  for (const candidate of candidates) if (await exists(candidate)) return candidate
  return undefined
}

/**
 * Finds the config file by the SPEC's order. Throws {@link ConfigError} when
 * an explicit path does not name a file (a typo must not fall back silently).
 */
export async function findConfig(options: FindConfigOptions): Promise<FoundConfig> {
  if (options.explicitPath !== undefined && options.explicitPath.trim() !== '') {
    const path = resolve(options.workspace ?? '.', options.explicitPath)
    if (!(await exists(path))) {
      throw new ConfigError(
        displayConfigPath(path, options),
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

/** Where a config's path is shown from: the workspace (default: cwd) and the artifact root. */
export interface ConfigRoots {
  workspace?: string
  artifactRoot?: string
  /** The artifact's name (action): a file in the artifact is shown as `NAME/leak-gate.yml`. */
  artifactLabel?: string
}

/**
 * A config path as shown in messages and the report: relative to the
 * workspace (or the working directory) when inside it, else relative to the
 * artifact root, else as the user gave it; never the runner's absolute
 * temporary folders (`/home/runner/work/_temp/...`).
 */
export function displayConfigPath(path: string, roots: ConfigRoots = {}): string {
  const posix = (text: string): string => text.split(sep).join('/')
  if (roots.artifactLabel !== undefined && roots.artifactRoot !== undefined) {
    const artifactRoot = resolve(roots.artifactRoot)
    if (isInside(artifactRoot, path) && path !== artifactRoot)
      return `${roots.artifactLabel}/${posix(relative(artifactRoot, path))}`
  }
  for (const root of [roots.workspace ?? process.cwd(), roots.artifactRoot]) {
    if (root === undefined) continue
    const absoluteRoot = resolve(root)
    if (isInside(absoluteRoot, path) && path !== absoluteRoot)
      return posix(relative(absoluteRoot, path))
  }
  // Only a `--config` typed on the command line gets here (the action reads none outside the roots).
  const fromCwd = relative(process.cwd(), path)
  return isAbsolute(fromCwd) || fromCwd.startsWith('..') ? posix(path) : posix(fromCwd)
}

/** How a config file found by {@link findConfig} is read. */
export interface LoadConfigFileOptions extends ConfigRoots {
  /** The file was named on a person's own command line: it may lie outside the roots. */
  anywhere?: boolean
}

/**
 * Reads and parses one config file, refusing links, files outside the
 * workspace and the artifact root, oversized and binary files (see
 * {@link readConfigText}). `source` (and every message) shows the path as
 * {@link displayConfigPath} does.
 * Throws {@link ConfigError} when it cannot be read or is not valid.
 */
export async function loadConfigFile(
  path: string,
  options: LoadConfigFileOptions = {}
): Promise<LeakGateConfig> {
  const shown = displayConfigPath(path, options)
  const roots = [options.workspace ?? process.cwd(), options.artifactRoot].filter(
    (root): root is string => root !== undefined
  )
  const text = await readConfigText(path, { shown, roots, anywhere: options.anywhere })
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
  const config = await loadConfigFile(found.path, configFileOptions(found, options))
  return keepKeyLines(config, { ...config, how: found.how })
}

/**
 * How to read what {@link findConfig} found: inside the workspace or the
 * artifact root, except an explicit path typed on the command line that
 * itself lies outside both (`--config ../shared/leak-gate.yml`).
 */
export function configFileOptions(
  found: FoundConfig,
  options: FindConfigOptions
): LoadConfigFileOptions {
  const roots = {
    workspace: options.workspace,
    artifactRoot: options.artifactRoot,
    artifactLabel: options.artifactLabel
  }
  if (found.how !== 'input' || !options.explicitAnywhere || found.path === undefined) return roots
  const typedInside = [options.workspace ?? process.cwd(), options.artifactRoot].some((root) =>
    isInside(resolve(root), found.path as string)
  )
  return { ...roots, anywhere: !typedInside }
}

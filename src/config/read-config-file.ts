/**
 * Reads a config file's text the safe way. The file may come from the pull
 * request (`.github/leak-gate.yml`) or from the artifact (`leak-gate.yml`),
 * so an attacker controls what is at that path: a symbolic link to
 * `/proc/self/environ` would otherwise put the runner's tokens into the
 * report, the uploaded artifact and the PR comment. So a config is read only
 * when it is a regular file (never through a link), its real path stays
 * inside the folders it may come from, it is at most {@link MAX_CONFIG_BYTES},
 * and it is text; every refusal says why without quoting the file.
 */
import { constants } from 'node:fs'
import { lstat, open, realpath } from 'node:fs/promises'
import { relative, isAbsolute } from 'node:path'
import { ConfigError } from '../errors.js'

/** Largest config file read (a real one is a few KiB; one naming every metric of a big Prometheus scrape may need hundreds; the cap keeps a huge file from filling memory). */
export const MAX_CONFIG_BYTES = 1024 * 1024

/** Where a config may be read from. */
export interface ConfigReadOptions {
  /** The path as shown in messages (relative to the workspace or the artifact root). */
  shown: string
  /** Folders the file's real path must stay inside (workspace, artifact root). */
  roots: readonly string[]
  /**
   * Skip the folder check (not the link, size and text checks): a `--config`
   * a person typed on their own command line may name a file anywhere.
   */
  anywhere?: boolean
}

/** Whether `path` is `root` or below it (both real, absolute paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  const real: string[] = []
  for (const root of roots) {
    try {
      real.push(await realpath(root))
    } catch {
      // a root that does not exist holds no config
    }
  }
  return real
}

/** The errno code of a file-system error (never its message: that holds the absolute path). */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'unreadable'
}

/**
 * Returns the text of the config file at `path`, or throws a
 * {@link ConfigError} that says why it is refused: a symbolic link, not a
 * regular file, outside the workspace and the artifact root, larger than
 * {@link MAX_CONFIG_BYTES}, or not text (a NUL byte, as in `/proc/self/environ`).
 */
export async function readConfigText(path: string, options: ConfigReadOptions): Promise<string> {
  const { shown } = options
  const refuse = (problem: string, line?: number): never => {
    throw new ConfigError(shown, '', problem, [], line)
  }
  let info
  try {
    info = await lstat(path)
  } catch (error) {
    return refuse(`cannot read the config file (${errorCode(error)})`)
  }
  if (info.isSymbolicLink())
    refuse(
      'found a symbolic link, expected a regular file (a config is never read through a link, ' +
        'which could point at secrets; name the file itself)'
    )
  if (!info.isFile()) refuse('found a folder or a special file, expected a regular file')
  if (!options.anywhere) {
    const roots = await realRoots(options.roots)
    const real = await realpath(path).catch(() => path)
    if (!roots.some((root) => isInside(root, real)))
      refuse(
        'found a path that leads outside the workspace and the artifact folder ' +
          '(through a linked folder or ".."), expected a file inside them'
      )
  }
  let handle
  try {
    // O_NOFOLLOW: a link swapped in after the check above is still not followed.
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
  } catch (error) {
    return refuse(`cannot read the config file (${errorCode(error)})`)
  }
  let bytes: Buffer
  try {
    const opened = await handle.stat()
    if (!opened.isFile()) refuse('found a special file, expected a regular file')
    // Read up to one byte past the cap: /proc files report size 0, so the size alone proves nothing.
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > MAX_CONFIG_BYTES)
      refuse(
        `found more than ${MAX_CONFIG_BYTES / 1024} KiB, expected a config file of at most ${MAX_CONFIG_BYTES / 1024} KiB`
      )
    bytes = buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).toString('latin1').split('\n').length
    refuse('found binary content (a NUL byte), expected a YAML text file', line)
  }
  return bytes.toString('utf8')
}

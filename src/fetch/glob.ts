/**
 * Artifact-name globs (`load-test-*`, `shard-?`, `svc-[ab]`). `getArtifact`
 * is exact-match only, so a glob means listing the run's artifacts and
 * filtering them here.
 */

/** True when the text uses glob syntax rather than naming one artifact. */
export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern)
}

/** Converts an artifact-name glob to an anchored regular expression (`*` and `?` match any character). */
export function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 2)
      if (end === -1) source += '\\['
      else {
        const body = pattern.slice(index + 1, end).replace(/\\/g, '\\\\')
        source += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`
        index = end
      }
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/** True when an artifact name matches the name or glob. */
export function matchesArtifact(pattern: string, name: string): boolean {
  return isGlob(pattern) ? globToRegExp(pattern).test(name) : pattern === name
}

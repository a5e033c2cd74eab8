/**
 * Artifact-name globs (`load-test-*`, `shard-?`, `svc-[ab]`). `getArtifact`
 * is exact-match only, so a glob means listing the run's artifacts and
 * filtering them here, with the same glob rules as the config's file globs
 * (artifact names have no `/`, so path semantics do not get in the way).
 */
import { globToRegExp } from '../config/globs.js'

/** True when the text uses glob syntax rather than naming one artifact. */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern)
}

/** True when an artifact name matches the name or glob. */
export function matchesArtifact(pattern: string, name: string): boolean {
  return isGlob(pattern) ? globToRegExp(pattern).test(name) : pattern === name
}

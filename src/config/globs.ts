/**
 * Globs of `series[].file` and `snapshots.baseline/post` (SPEC §3): matched
 * against POSIX paths relative to the artifact root, and refused when they
 * could leave it (`../x`, `/etc/passwd`, `C:\x`), because the config may come
 * from the artifact itself and must not make leak-gate read other files.
 *
 * Own small converter instead of `path.matchesGlob` (experimental in Node 20,
 * and platform-dependent): `*` and `?` stay within one path segment, `**` as a
 * whole segment spans any number of segments (also none), `{a,b}` is
 * alternation (nestable), `[abc]`/`[!abc]` are character classes and `\`
 * escapes the next character. A pattern matches the whole path: `*.csv`
 * matches `memory.csv` but not `run1/memory.csv` (write `**\/*.csv`).
 */
import { ConfigError, quoteFound } from '../errors.js'
import { OUT_OF_TIME, runWithBudget } from '../time-budget.js'

/** Most paths a glob's `{a,b}` groups may expand to (`{a,b}` thirty times would be 2^30). */
export const MAX_GLOB_ALTERNATIVES = 256

/**
 * Time a glob may take to match the artifact's file list. A sound glob
 * takes microseconds; `**` repeated or `*a*a*a...` on long names backtracks
 * without end. Generous on purpose, a loaded runner must never refuse one.
 */
export const GLOB_BUDGET_MS = 2000

/** A glob that cannot be used: too many alternatives, or too slow to match. */
export class GlobError extends Error {
  override name = 'GlobError'
}

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g

function escapeRegExp(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&')
}

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(pattern: string, open: number): number {
  let depth = 0
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') i++
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return i
  }
  return -1
}

/** Splits the inside of a brace group on its top-level commas. */
function splitAlternatives(inner: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]
    if (char === '\\') i++
    else if (char === '{') depth++
    else if (char === '}') depth--
    else if (char === ',' && depth === 0) {
      parts.push(inner.slice(start, i))
      start = i + 1
    }
  }
  parts.push(inner.slice(start))
  return parts
}

/**
 * Expands `{a,b}` groups into every alternative (`x.{csv,jsonl}` →
 * `x.csv`, `x.jsonl`). A group without a comma or without its `}` stays literal.
 */
export function expandBraces(pattern: string): string[] {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++
      continue
    }
    if (pattern[i] !== '{') continue
    const close = closingBrace(pattern, i)
    if (close < 0) return [pattern]
    const alternatives = splitAlternatives(pattern.slice(i + 1, close))
    if (alternatives.length < 2) continue
    const prefix = pattern.slice(0, i)
    const suffixes = expandBraces(pattern.slice(close + 1))
    const expanded: string[] = []
    for (const alternative of alternatives) {
      for (const head of expandBraces(prefix + alternative)) {
        for (const tail of suffixes) expanded.push(head + tail)
        if (expanded.length > MAX_GLOB_ALTERNATIVES)
          throw new GlobError(`its {…} groups expand to more than ${MAX_GLOB_ALTERNATIVES} paths`)
      }
    }
    return expanded
  }
  return [pattern]
}

/** Converts one brace-free glob into a regular expression source (without anchors). */
function braceFreeToSource(pattern: string): string {
  let source = ''
  let i = 0
  while (i < pattern.length) {
    const char = pattern[i]
    if (char === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[i + 1])
      i += 2
    } else if (char === '*') {
      let end = i
      while (pattern[end] === '*') end++
      const wholeSegment =
        end - i >= 2 &&
        (i === 0 || pattern[i - 1] === '/') &&
        (end === pattern.length || pattern[end] === '/')
      if (wholeSegment && pattern[end] === '/') {
        source += '(?:[^/]*/)*'
        i = end + 1
      } else if (wholeSegment) {
        source += '.*'
        i = end
      } else {
        source += '[^/]*'
        i = end
      }
    } else if (char === '?') {
      source += '[^/]'
      i++
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 2)
      if (close < 0) {
        source += '\\['
        i++
        continue
      }
      let body = pattern.slice(i + 1, close)
      const negated = body.startsWith('!') || body.startsWith('^')
      if (negated) body = body.slice(1)
      source += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`
      i = close + 1
    } else {
      source += escapeRegExp(char)
      i++
    }
  }
  return source
}

/** Converts a glob into an anchored regular expression over POSIX relative paths. */
export function globToRegExp(pattern: string): RegExp {
  const normalised = pattern.replace(/^(?:\.\/)+/, '')
  const sources = expandBraces(normalised).map(braceFreeToSource)
  return new RegExp(`^(?:${sources.join('|')})$`)
}

/**
 * Returns the files (POSIX paths relative to the artifact root) that the glob
 * matches, in the order given.
 * @example matchFiles('**\/*.csv', ['a.csv', 'x/b.csv', 'c.json']) // ['a.csv', 'x/b.csv']
 */
export function matchFiles(pattern: string, files: string[], budgetMs = GLOB_BUDGET_MS): string[] {
  const regex = globToRegExp(pattern)
  const matched = runWithBudget(
    () => files.filter((file) => regex.test(file.replace(/^(?:\.\/)+/, ''))),
    budgetMs
  )
  if (matched === OUT_OF_TIME)
    throw new GlobError(
      `matching it against ${files.length} paths ran over ${budgetMs / 1000} s and was stopped (write fewer * and ** in a row)`
    )
  return matched
}

/** Escapes a literal path so that it can be used as a glob matching only itself. */
export function escapeGlob(path: string): string {
  return path.replace(/[*?[\]{}\\]/g, '\\$&')
}

/**
 * Why a glob could reach outside the artifact root, or undefined when it
 * cannot: absolute paths (POSIX, Windows drive or UNC) and `..` segments, in
 * any brace alternative, are refused.
 */
export function insideRootProblem(pattern: string): string | undefined {
  let alternatives: string[]
  try {
    alternatives = expandBraces(pattern)
  } catch (error) {
    if (error instanceof GlobError) return error.message
    throw error
  }
  for (const alternative of alternatives) {
    if (/^(?:[/\\]|[A-Za-z]:)/.test(alternative) || alternative.startsWith('~/')) {
      return 'absolute paths are refused'
    }
    if (alternative.split(/[/\\]/).includes('..')) return '".." leaves the artifact root'
  }
  return undefined
}

/**
 * Throws a {@link ConfigError} when the glob could leave the artifact root.
 * `file` and `key` say where the glob was written (for the message).
 */
export function assertInsideRoot(pattern: string, file = 'config', key = 'file'): void {
  const problem = insideRootProblem(pattern)
  if (problem) {
    throw new ConfigError(
      file,
      key,
      `found "${quoteFound(pattern)}", expected a glob relative to the artifact root (${problem})`
    )
  }
}

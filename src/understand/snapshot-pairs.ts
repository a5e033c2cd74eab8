/**
 * Baseline / post-test snapshot pairs by their names, as people name them
 * beyond `baseline.json` / `post-test.json`: two files of one folder whose
 * names are the same but for one word, a before word in one (`start`,
 * `memory-before`, `snapshot-baseline`, `heap-baseline`) and an after word in
 * the other (`end`, `memory-after`, `snapshot-post`, `heap-post`). Words are
 * separated by `-`, `_` or `.`, or start or end the name. Only the names are
 * read here (pure); whether both files are snapshots of one format is the
 * caller's to judge.
 *
 * A name with a before word and no partner (a lone `start.json`) pairs with
 * nothing, and `end.json` pairs only with a file whose whole name is a before
 * word (`start.json`, `baseline.json`): the rest of the two names must match.
 */
import { nameParts } from './sniff.js'

/** Which before/after words go together (`start` ↔ `end`), to prefer them when a file has several partners. */
type Family = 'before-after' | 'baseline-post' | 'start-end' | 'initial-final' | 'idle-loaded'

/** Before words, separators inside them removed (`pre-test` → `pretest`), and their family. */
const BEFORE_WORDS: ReadonlyMap<string, Family> = new Map([
  ['before', 'before-after'],
  ['baseline', 'baseline-post'],
  ['pre', 'baseline-post'],
  ['pretest', 'baseline-post'],
  ['preload', 'baseline-post'],
  ['prerun', 'baseline-post'],
  ['start', 'start-end'],
  ['begin', 'start-end'],
  ['initial', 'initial-final'],
  ['idle', 'idle-loaded']
])

/** After words, separators inside them removed (`post-test` → `posttest`), and their family. */
const AFTER_WORDS: ReadonlyMap<string, Family> = new Map([
  ['after', 'before-after'],
  ['post', 'baseline-post'],
  ['posttest', 'baseline-post'],
  ['postload', 'baseline-post'],
  ['postrun', 'baseline-post'],
  ['end', 'start-end'],
  ['final', 'initial-final'],
  ['loaded', 'idle-loaded']
])

/** Most words of a name looked at (a name is a handful; a longer one is no snapshot's). */
const MAX_NAME_WORDS = 16

/** A snapshot pair found by name: the two paths and the words that differ. */
export interface NamedSnapshotPair {
  baseline: string
  post: string
  /** The before and after words as the names spell them (`memory-before` / `memory-after`: `before`, `after`). */
  words: [string, string]
}

/** One reading of a name: a before or after word, and the name around it. */
interface WordAt {
  side: 'before' | 'after'
  family: Family
  /** The word as spelt. */
  word: string
  /** The folder, the name before and after the word, and the extension: equal in both files of a pair. */
  rest: string
}

/**
 * The before and after words of a path's name, each with the rest of the
 * name around it: one word (`start`), or two joined by a separator
 * (`post-test`, `pre_load`).
 */
function wordsOf(path: string): WordAt[] {
  const cut = path.lastIndexOf('/') + 1
  const folder = path.slice(0, cut)
  const { stem, ext } = nameParts(path)
  // words and the separators between them: ['memory', '-', 'before']
  const pieces = stem.split(/([-_.])/)
  if (pieces.length > MAX_NAME_WORDS * 2) return []
  const found: WordAt[] = []
  for (let start = 0; start < pieces.length; start += 2) {
    for (const span of [1, 3]) {
      const end = start + span
      if (end > pieces.length) continue
      const word = pieces.slice(start, end).join('')
      const joined = pieces
        .slice(start, end)
        .filter((_, i) => i % 2 === 0)
        .join('')
        .toLowerCase()
      const before = BEFORE_WORDS.get(joined)
      const after = AFTER_WORDS.get(joined)
      if (before === undefined && after === undefined) continue
      const rest = [
        folder,
        pieces.slice(0, start).join('').toLowerCase(),
        pieces.slice(end).join('').toLowerCase(),
        ext
      ].join('\u0000')
      found.push(
        before !== undefined
          ? { side: 'before', family: before, word, rest }
          : { side: 'after', family: after!, word, rest }
      )
    }
  }
  return found
}

/**
 * Snapshot pairs among `paths` by the before/after-word rule (see the module
 * comment), best first: words of one family (`start` ↔ `end`) before mixed
 * ones (`baseline` ↔ `end`), then in path order, the longer words first. A file may
 * appear in several pairs; the caller takes the first whose files are both snapshots.
 */
export function namedSnapshotPairs(paths: readonly string[]): NamedSnapshotPair[] {
  const befores = new Map<string, Array<{ path: string; at: WordAt }>>()
  const afters: Array<{ path: string; at: WordAt }> = []
  for (const path of paths) {
    for (const at of wordsOf(path)) {
      if (at.side === 'after') afters.push({ path, at })
      else befores.set(at.rest, [...(befores.get(at.rest) ?? []), { path, at }])
    }
  }
  const pairs: Array<NamedSnapshotPair & { mixed: boolean }> = []
  for (const after of afters) {
    for (const before of befores.get(after.at.rest) ?? []) {
      if (before.path === after.path) continue
      pairs.push({
        baseline: before.path,
        post: after.path,
        words: [before.at.word, after.at.word],
        mixed: before.at.family !== after.at.family
      })
    }
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  pairs.sort(
    (a, b) =>
      Number(a.mixed) - Number(b.mixed) ||
      order(a.baseline, b.baseline) ||
      order(a.post, b.post) ||
      // `mem-pre-test` / `mem-post-test` differ in `pre-test` / `post-test`, not only `pre` / `post`
      b.words.join('').length - a.words.join('').length
  )
  return pairs.map(({ baseline, post, words }) => ({ baseline, post, words }))
}

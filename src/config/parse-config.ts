/**
 * Turns the text of `.github/leak-gate.yml` into a {@link LeakGateConfig}
 * (SPEC §3). Pure: text in, config out, or a {@link ConfigError} whose one
 * line says `file:line: key "series[0].limit": found "7.6 parsecs", expected
 * a size like "7.654GiB"`, so a user fixes the file without reading our code.
 */
import {
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isPair,
  isScalar,
  visit,
  type Document,
  type Node
} from 'yaml'
import type { z } from 'zod'
import { ConfigError, quoteFound } from '../errors.js'
import type { SignatureId } from '../model.js'
import { allowedKeysAt, configFileSchema, type ConfigFile } from './schema.js'

/** Milliseconds per unit of `time-unit:`. */
const TIME_UNIT_MS = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 } as const
import { isInvalid, parseLimit, parseThreshold, parseWarmup } from './quantities.js'
import {
  DEFAULT_WARMUP,
  type CheckSetting,
  type Checks,
  type LeakGateConfig,
  type SeriesSpec
} from './types.js'

type PathKey = PropertyKey

/** Finds the line of a key path in the file a config came from (see {@link configKeyLine}). */
type KeyLineFinder = (path: readonly PathKey[], keyName?: string) => number | undefined

/**
 * Line finders of parsed configs. Kept beside the config rather than in it so
 * the config stays plain data; checks made after loading (a metric named in
 * the config that no input has) still point at the right line.
 */
const keyLines = new WeakMap<LeakGateConfig, KeyLineFinder>()

/**
 * The 1-based line of a key in the file a config was parsed from, so an error
 * found later (a name that matches no input) says `leak-gate.yml:12`. For
 * `keyName`, the line of that key inside the map at `path`. Undefined for
 * zero-config or a config built in code.
 */
export function configKeyLine(
  config: LeakGateConfig,
  path: readonly PathKey[],
  keyName?: string
): number | undefined {
  return keyLines.get(config)?.(path, keyName)
}

/** Makes a copy of a config (e.g. `{ ...config, how }`) answer {@link configKeyLine} too. */
export function keepKeyLines(from: LeakGateConfig, to: LeakGateConfig): LeakGateConfig {
  const finder = keyLines.get(from)
  if (finder) keyLines.set(to, finder)
  return to
}

/**
 * Parses and validates a config file's text. `file` is the path shown in
 * messages and kept as `source`. Throws {@link ConfigError} on the first
 * problem in file order.
 */
export function parseConfig(text: string, file: string): LeakGateConfig {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const yamlError = document.errors[0]
  if (yamlError) {
    const { line, col } = lineCounter.linePos(yamlError.pos[0])
    const found = text.split(/\r?\n/)[line - 1]?.trim() ?? ''
    throw new ConfigError(
      file,
      '',
      `found ${found ? `"${quoteFound(found)}"` : 'an empty line'}, expected valid YAML ` +
        `(at column ${col}: ${quoteFound(yamlError.message.split('\n')[0], 200)})`,
      [],
      line
    )
  }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}
  } catch (error) {
    throw expansionError(error, document, lineCounter, text, file)
  }
  const proto = protoKeyPath(data, [])
  if (proto)
    throw new ConfigError(
      file,
      formatKeyPath(proto),
      'found the key "__proto__", expected a name leak-gate can use (a key that sets an object\'s prototype is refused, not read and not ignored)',
      [],
      lineAt(document, lineCounter, proto.slice(0, -1), '__proto__')
    )
  const result = configFileSchema.safeParse(data, { reportInput: true })
  if (!result.success) {
    throw firstError(result.error.issues, document, lineCounter, file, data)
  }
  const config = convertConfig(result.data, file)
  keyLines.set(config, (path, keyName) => lineAt(document, lineCounter, path, keyName))
  return config
}

/**
 * The path of the first `__proto__` key in a parsed config, or null. The schema's records would
 * drop it without a word (a metric named so under `metrics:` was neither read nor refused).
 */
function protoKeyPath(data: unknown, path: PathKey[]): PathKey[] | null {
  if (data === null || typeof data !== 'object') return null
  if (Array.isArray(data)) {
    for (const [index, item] of data.entries()) {
      const found = protoKeyPath(item, [...path, index])
      if (found) return found
    }
    return null
  }
  for (const key of Object.keys(data)) {
    if (key === '__proto__') return [...path, key]
    const found = protoKeyPath((data as Record<string, unknown>)[key], [...path, key])
    if (found) return found
  }
  return null
}

/**
 * Most alias expansions a config may cause (yaml's own guard against an
 * "alias bomb", a few lines that expand into billions of nodes). A real
 * config uses a handful of aliases, if any.
 */
const MAX_ALIAS_COUNT = 100

/**
 * The error of a document that cannot be turned into data (an alias bomb, or
 * nesting deeper than the stack): at the line of the first alias when there
 * is one, else at the first line, quoting a short excerpt.
 */
function expansionError(
  error: unknown,
  document: Document,
  lineCounter: LineCounter,
  text: string,
  file: string
): ConfigError {
  let offset: number | undefined
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        offset = node.range[0]
        return visit.BREAK
      }
    }
  })
  const line = offset === undefined ? 1 : lineCounter.linePos(offset).line
  const found = text.split(/\r?\n/)[line - 1]?.trim() ?? ''
  const reason = error instanceof Error ? error.message : String(error)
  const expected =
    offset === undefined
      ? 'a config nested a few levels deep'
      : `YAML whose aliases (*name) expand to at most ${MAX_ALIAS_COUNT} copies`
  return new ConfigError(
    file,
    '',
    `found "${quoteFound(found)}", expected ${expected} (${quoteFound(reason, 200)})`,
    [],
    line
  )
}

/** The validated file with units converted (validation already ran every converter). */
function convertConfig(raw: ConfigFile, source: string): LeakGateConfig {
  const warmup = raw.warmup === undefined ? DEFAULT_WARMUP : parseWarmup(raw.warmup)
  const series: SeriesSpec[] = (raw.series ?? []).map((entry) => {
    const spec: SeriesSpec = { file: entry.file }
    if (entry.format !== undefined) spec.format = entry.format
    else if (entry.pattern !== undefined) spec.format = 'log'
    if (entry.time !== undefined) spec.time = entry.time
    if (entry.work !== undefined) spec.work = entry.work
    if (entry.group !== undefined) spec.group = entry.group
    if (entry.pattern !== undefined) spec.pattern = entry.pattern
    if (entry.limit !== undefined) spec.limit = parseLimit(entry.limit) as number
    if (entry.metrics !== undefined) spec.metrics = entry.metrics
    if (entry.unit !== undefined) spec.unitBytes = parseLimit(`1${entry.unit}`) as number
    if (entry['time-unit'] !== undefined) spec.timeUnitMs = TIME_UNIT_MS[entry['time-unit']]
    if (entry['time-format'] !== undefined) spec.timeFormat = entry['time-format']
    return spec
  })
  const checks: Checks = {}
  for (const [metric, settings] of Object.entries(raw.checks ?? {})) {
    const converted: Partial<Record<SignatureId, CheckSetting>> = {}
    for (const [signature, value] of Object.entries(settings)) {
      if (value === undefined) continue
      converted[signature as SignatureId] = parseThreshold(
        signature as SignatureId,
        value
      ) as CheckSetting
    }
    checks[metric] = converted
  }
  const config: LeakGateConfig = {
    source,
    warmup: isInvalid(warmup) ? DEFAULT_WARMUP : warmup,
    series,
    checks,
    ignore: (raw.ignore ?? []).map((entry) => ({
      signature: entry.signature,
      metric: entry.metric ?? '*',
      reason: entry.reason,
      ...(entry.until !== undefined ? { until: entry.until } : {})
    }))
  }
  if (raw.heap) {
    const { baseline, target, final, work } = raw.heap
    config.heap = { baseline, final, ...(target !== undefined ? { target } : {}) }
    if (work !== undefined) config.heap.work = { ...work }
  }
  if (raw.snapshots) {
    const { baseline, post, work, metrics } = raw.snapshots
    config.snapshots = { baseline, post }
    if (work !== undefined) config.snapshots.work = work
    if (metrics !== undefined) config.snapshots.metrics = metrics
  }
  if (raw.runs) {
    config.runs = { confirm: raw.runs.confirm ?? 'majority' }
    if (raw.runs.from !== undefined) config.runs.from = raw.runs.from
  }
  if (raw.histograms) {
    const { baseline, target, final, format, pympler, work } = raw.histograms
    config.histograms = { baseline, final }
    if (target !== undefined) config.histograms.target = target
    if (format !== undefined) config.histograms.format = format
    if (pympler !== undefined) config.histograms.pymplerDiff = pympler === 'diff'
    if (work !== undefined) config.histograms.work = work
  }
  return config
}

/** Renders a key path as people read it: `series[0].metrics.MemUsage`. */
export function formatKeyPath(path: readonly PathKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

/** Describes a found value for a message: `"5 parsecs"`, `42`, `a list`, `nothing`. */
function describeFound(value: unknown): string {
  if (value === null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return `"${quoteFound(value)}"`
  return quoteFound(String(value))
}

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let current = data
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** 1-based line of the node at a path; for `keyName`, the line of that key in the map. */
function lineAt(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PathKey[],
  keyName?: string
): number | undefined {
  // Walk up until a node exists (a missing key points at its parent map).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = (depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true)) as
      Node | null | undefined
    if (!node || !node.range) continue
    let offset = node.range[0]
    if (keyName !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === keyName
      )
      const keyNode = pair?.key as Node | undefined
      if (keyNode?.range) offset = keyNode.range[0]
    }
    return lineCounter.linePos(offset).line
  }
  return undefined
}

/** Picks the issue that counts for a union failure: the branch that got past the type check. */
function unwrapUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue
  const branches = issue.errors.flat()
  const deeper = branches.find((branch) => branch.code !== 'invalid_type') ?? branches[0]
  return deeper ? unwrapUnion({ ...deeper, path: [...issue.path, ...deeper.path] }) : issue
}

/**
 * The candidate a misspelt name most likely meant, for "did you mean": at
 * most two edits away (or the same letters in another case), else undefined.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0.5 : distance(candidate, name)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

/**
 * Names to list after "allowed:" without flooding a message: all of them when
 * few, else the `max` closest to `name` and a count of the rest.
 */
export function listNames(name: string, candidates: readonly string[], max = 12): string[] {
  const unique = [...new Set(candidates)]
  if (unique.length <= max) return unique
  const ranked = unique
    .map((candidate, index) => ({ candidate, index, d: distance(candidate, name) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.candidate)
  return [...ranked, `… ${unique.length - max} more`]
}

/** Levenshtein distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]
}

function toConfigError(
  rawIssue: z.core.$ZodIssue,
  document: Document,
  lineCounter: LineCounter,
  file: string,
  data: unknown
): ConfigError {
  const issue = unwrapUnion(rawIssue)
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]
    const allowed = allowedKeysAt(issue.path)
    const close = allowed.find((candidate) => distance(candidate, key) <= 2)
    const problem = close ? `unknown key, did you mean "${close}"?` : 'unknown key'
    // The key path is quoted (cut and made printable) by ConfigError.
    const line = lineAt(document, lineCounter, issue.path, key)
    return new ConfigError(file, formatKeyPath([...issue.path, key]), problem, allowed, line)
  }
  const key = formatKeyPath(issue.path)
  const line = lineAt(document, lineCounter, issue.path)
  const found = valueAt(data, issue.path)
  const allowed = issue.code === 'invalid_value' ? issue.values.map(String) : []
  const expected = issue.message
  const problem =
    found === undefined
      ? `missing, expected ${expected}`
      : `found ${describeFound(found)}, expected ${expected}`
  return new ConfigError(file, key, problem, allowed, line)
}

/** The first issue in file order, as a ConfigError. */
function firstError(
  issues: z.core.$ZodIssue[],
  document: Document,
  lineCounter: LineCounter,
  file: string,
  data: unknown
): ConfigError {
  const errors = issues.map((issue) => toConfigError(issue, document, lineCounter, file, data))
  errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
  return errors[0]
}

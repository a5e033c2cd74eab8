/**
 * What a file is, from its name and first lines: the one sniffer of input
 * formats, and the line shapes it and zero-config detection judge by (a CSV
 * header, JSON lines, a JSON array of samples, Prometheus text, the docker
 * stats table and the time lines loggers print before its frames). The
 * input-planning stage asks here once per file and hands the format to the
 * loader; the docker-stats loader reads its time lines and table headers by
 * the same rules. Pure: callers read the heads.
 */
import type { InputFormat } from '../model.js'
import { isDockerMemoryHeader } from './names.js'
import { jsonTooDeepAt } from './json-depth.js'

// eslint-disable-next-line no-control-regex
const BINARY_RE = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u{dc80}-\u{dcff}]/u

/**
 * True when a line holds control bytes or bytes that are not UTF-8, i.e. the
 * file is not text. `io/read-lines.ts` decodes a byte that is not UTF-8 as
 * a lone surrogate (U+DC80 + byte), so a real U+FFFD in a file is text.
 */
export function looksBinary(line: string): boolean {
  return BINARY_RE.test(line)
}

// eslint-disable-next-line no-control-regex
export const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g
/** Cells of the docker stats table: 2+ spaces or a tab between them. */
export const SPLIT_RE = /\s{2,}|\t/
/**
 * A date text as shell loggers print it before a frame or a row: `date`
 * (`Thu Nov  5 06:44:04 UTC 2026`, `... 06:44:04 AM UTC 2026`, en_GB
 * `Thu  5 Nov ...`), `date -R` (`Thu, 05 Nov 2026 06:44:04 +0000`), JS
 * `toString()` / `toUTCString()`. The time parser decides if it is usable.
 */
const DATE_TEXT =
  '(?:[A-Z][a-z]{2},? +)?(?:[A-Z][a-z]{2} +\\d{1,2}|\\d{1,2} +[A-Z][a-z]{2})(?: +\\d{4})? +\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?: +[AP]M)?(?: +(?:[A-Z]{1,5}(?:[+-]\\d{2}:?\\d{2})?|[+-]\\d{2}:?\\d{2}))?(?: +\\d{4})?(?: +\\([^)]*\\))?'
const TIME_FORMS = `\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?|\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?|\\d{10,19}(?:\\.\\d+)?|${DATE_TEXT}`
/**
 * Other `date +FORMAT` outputs, on a line of their own: the date's parts
 * joined by `_ - . /` or blanks, day or year first, the month as a number or
 * a name (`19_Feb_2024_16_22_56`, `2024-02-19_16-22-56`, `02/19/2024 16:22:56`,
 * `%Y%m%d_%H%M%S`), optionally with AM/PM and a zone.
 */
const DATE_STAMP =
  '\\d{1,4}[-_./ ](?:\\d{1,2}|[A-Za-z]{3,9})[-_./ ]\\d{2,4}(?:[-_T ,]+\\d{1,2}[-_:.h]\\d{2}(?:[-_:.m]\\d{2}(?:[.,]\\d{1,9})?)?)?(?: ?[AaPp][Mm])?(?: ?(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?|\\d{8}[-_T]\\d{4,6}'
const TIME_TOKEN = `\\[?(${TIME_FORMS})\\]?`
/**
 * A line that is only a time, as a logger prints one before each frame of
 * `docker stats --no-stream`: any form above, maybe in brackets, with a
 * trailing `:`, a label (`Time: `, `DATE=`) or rules around it
 * (`=== ... ===`, `--- ... ---`). Group 1 is the time.
 */
export const TIME_LINE_RE = new RegExp(
  `^(?:[=#*~>-]+ *)?(?:(?:[Tt]ime(?:stamp)?|TIME(?:STAMP)?|[Dd]ate|DATE|[Nn]ow|NOW) *[:=] *)?\\[?(${TIME_FORMS}|${DATE_STAMP})\\]? *:?(?: *[=#*~<-]+)?$`
)
/** A time before a row (`date -Iseconds`, `$(date)`, `date -R` ...); group 2 is the rest. */
export const TIME_PREFIX_RE = new RegExp(`^${TIME_TOKEN}(?: *[,|] *| +)(\\S.*)$`)
/** First cell of a table header: docker (`CONTAINER ID`, `CONTAINER`, `NAME`) or podman (`ID`). */
export const TABLE_HEADER_RE = /^(CONTAINER(?: ID)?|NAME|ID)$/

/** The line without a leading time (`date -Iseconds`, `$(date)` ...) a logger put before it. */
export function withoutTimePrefix(line: string): string {
  return TIME_PREFIX_RE.exec(line)?.[2] ?? line
}

/** True when a line (ANSI escapes and a leading time allowed) is the header of a docker/podman stats table. */
export function isDockerTableHeader(raw: string): boolean {
  const line = (raw.includes('\x1b') ? raw.replace(ANSI_RE, '') : raw).trim()
  const cells = withoutTimePrefix(line).split(SPLIT_RE)
  return (
    cells.length > 1 &&
    TABLE_HEADER_RE.test(cells[0]) &&
    cells.some((cell) => /^(MEM|PRIV)/.test(cell))
  )
}

/** True when a line (ANSI escapes removed, trimmed) is only a time: a logger's line before each frame. */
export function isTimeLine(line: string): boolean {
  return TIME_LINE_RE.test(line)
}

export function cleanLines(head: string[]): string[] {
  return head
    .map((line, index) =>
      (index === 0 ? line.replace(/^\uFEFF/, '') : line).replace(ANSI_RE, '').replace(/\r+$/, '')
    )
    .filter((line) => line.trim() !== '')
}

/** Splits one CSV line on the delimiter, honouring double quotes. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === delimiter) {
      cells.push(cell.trim())
      cell = ''
    } else cell += char
  }
  cells.push(cell.trim())
  return cells
}

export function pickDelimiter(header: string): string {
  const unquoted = header.replace(/"[^"]*"/g, '')
  const counts = [',', '\t', ';'].map((d) => [d, unquoted.split(d).length - 1] as const)
  counts.sort((a, b) => b[1] - a[1])
  return counts[0][1] > 0 ? counts[0][0] : ','
}

export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined
  if (jsonTooDeepAt(trimmed) >= 0) return undefined // the loader reports it at its line
  try {
    const value: unknown = JSON.parse(trimmed)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** Flattens nested keys with `.` (`{"mem":{"rss":1}}` → `mem.rss`), as the jsonl loader does. */
export function flattenKeys(
  object: Record<string, unknown>,
  prefix = ''
): Array<[string, unknown]> {
  return Object.entries(object).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? flattenKeys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]]
  )
}

/**
 * Every flattened key of the objects, in first-seen order, with the first
 * value seen for it (a docker `MemUsage` cell is recognised by its value).
 */
export function unionKeys(objects: Array<Record<string, unknown>>): {
  columns: string[]
  values: unknown[]
} {
  const seen = new Map<string, unknown>()
  for (const object of objects)
    for (const [key, value] of flattenKeys(object)) if (!seen.has(key)) seen.set(key, value)
  return { columns: [...seen.keys()], values: [...seen.values()] }
}

/**
 * The objects of a JSON array of objects (`[{...}, {...}]`, on one line or
 * indented, `[...]` `[...]` one per run), from a head that may cut the last
 * one: the complete objects, parsed. Undefined when the text is not an array
 * of objects or no object is complete.
 */
export function jsonArrayObjects(lines: string[]): Array<Record<string, unknown>> | undefined {
  const text = lines.join('\n')
  const objects: Array<Record<string, unknown>> = []
  let depth = 0
  let inString = false
  let escaped = false
  let start = -1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') inString = false
    } else if (char === '"') {
      if (depth < 2) return undefined
      inString = true
    } else if (char === '[' || char === '{') {
      if (depth === 0 && char === '{') return undefined
      if (depth === 1) {
        if (char === '[') return undefined
        start = i
      }
      depth++
    } else if (char === ']' || char === '}') {
      if (depth === 0) return undefined
      depth--
      if (depth === 1) {
        const object = parseJsonObject(text.slice(start, i + 1))
        if (object === undefined) return undefined
        objects.push(object)
      }
    } else if (depth < 2 && !/[\s,]/.test(char)) return undefined
  }
  return objects.length > 0 ? objects : undefined
}

/**
 * True when a line starting with `[` reads as the start of JSON: the whole
 * line parses, or an array opens on a value (`[`, `[{`, `["a",`, `[1,`). A
 * text log's `[2026-11-25T07:58:45.123Z] INFO ...` or `[info] ...` does not.
 */
export function startsLikeJsonArray(line: string): boolean {
  const trimmed = line.trim()
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    return /^\[\s*(?:$|[{["]|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*(?:,|$)|(?:true|false|null)\s*(?:,|$))/.test(
      trimmed
    )
  }
}

export const PROMETHEUS_SAMPLE =
  /^[A-Za-z_:][\w:]*(?:\{.*\})?\s+(?:[-+]?[\d.]+(?:[eE][-+]?\d+)?|[Nn]a[Nn]|[-+]?Inf)(?:\s+[-\d.]+)?\s*$/
/** Counter-like sample names (listed last in the account of a scrape). */
export const CUMULATIVE_NAME = /_(?:total|count|sum|bucket|created)$/
export const PROMETHEUS_META = /^#\s+(?:HELP|TYPE|UNIT)\s+([A-Za-z_:][\w:]*)/

/** Extensions that name Prometheus text. */
export const PROMETHEUS_EXTENSIONS = new Set(['prom', 'openmetrics', 'om', 'metrics'])

/**
 * Prometheus text: every head line a comment or a sample; or, so that one
 * broken line is reported by the loader rather than the file dropped, at
 * least half of them with a `# HELP`/`# TYPE` line or a `.prom` name.
 */
export function looksLikePrometheus(lines: string[], ext: string): boolean {
  const fitting = lines.filter((line) => line.startsWith('#') || PROMETHEUS_SAMPLE.test(line))
  if (!lines.some((line) => PROMETHEUS_META.test(line) || PROMETHEUS_SAMPLE.test(line)))
    return false
  if (fitting.length === lines.length) return true
  return (
    fitting.length * 2 >= lines.length &&
    (PROMETHEUS_EXTENSIONS.has(ext) || lines.some((line) => PROMETHEUS_META.test(line)))
  )
}

/** Metric family names a Prometheus head mentions. */
export function prometheusNames(lines: string[]): string[] {
  const names = lines.map(
    (line) =>
      PROMETHEUS_META.exec(line)?.[1] ??
      (line.startsWith('#') ? undefined : /^[A-Za-z_:][\w:]*/.exec(line)?.[0])
  )
  return [...new Set(names.filter((name): name is string => name !== undefined))]
}

/** The stem of a file name (`post-test` for `run/post-test.json`) and its extension. */
export function nameParts(path: string): { stem: string; ext: string } {
  const base = path.split('/').pop() ?? path
  const dot = base.lastIndexOf('.')
  return dot > 0
    ? { stem: base.slice(0, dot), ext: base.slice(dot + 1).toLowerCase() }
    : { stem: base, ext: '' }
}

/**
 * Guesses a file's format from its extension and first lines (zero-config):
 * `.prom` or `# TYPE`/`# HELP` → prometheus; one JSON object per line →
 * jsonl (docker-stats when it has `MemUsage`, also nested); a JSON array
 * with `mem_usage` (podman) → docker-stats; a JSON object → json; a header
 * with a docker memory column (CSV, or the docker/podman table, also after
 * a time line or with a time before each row) → docker-stats;
 * `.csv`/`.tsv` → csv; `.log`/`.txt` → log (which still needs a pattern).
 * Undefined when nothing fits.
 */
export function sniffFormat(file: string, firstLines: string[]): InputFormat | undefined {
  const extension = nameParts(file).ext
  const lines = firstLines.map((line, index) =>
    (index === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line).replace(/\r+$/, '')
  )
  const clean = lines.map((line) => line.replace(ANSI_RE, '').trim()).filter((line) => line !== '')
  const first = clean[0]
  if (extension === 'prom' || extension === 'openmetrics') return 'prometheus'
  if (clean.some((line) => /^# (TYPE|HELP|UNIT) [A-Za-z_:]/.test(line) || line === '# EOF'))
    return 'prometheus'
  if (first === undefined) {
    if (extension === 'json') return 'json'
    if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl'
    if (extension === 'csv' || extension === 'tsv') return 'csv'
    if (extension === 'log' || extension === 'txt') return 'log'
    return undefined
  }
  const objects = clean.slice(0, 5).map(parseJsonObject)
  const firstObject = objects[0]
  if (firstObject && (objects.length > 1 || extension === 'jsonl' || extension === 'ndjson')) {
    if (objects.some((object) => !object)) return extension === 'json' ? 'json' : 'jsonl'
    return flattenKeys(firstObject).some(([key]) => isDockerMemoryHeader(key))
      ? 'docker-stats'
      : 'jsonl'
  }
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl'
  // podman stats --format json: an array of objects with `mem_usage`
  if (
    first.startsWith('[') &&
    clean.some((line) => /^\[?\s*\{?\s*"(?:mem_?usage|MemUsage)"\s*:\s*"/i.test(line))
  )
    return 'docker-stats'
  if (first.startsWith('{') || extension === 'json') return 'json'
  // the docker/podman table, maybe after a time line (`date` before each frame) or with a time before each row
  const table = clean.slice(0, 4)
  const header = table.findIndex(isDockerTableHeader)
  if (header >= 0 && table.slice(0, header).every(isTimeLine)) return 'docker-stats'
  const fields = splitCsvLine(first, pickDelimiter(first))
  if (fields.length > 1) {
    if (fields.some((name) => isDockerMemoryHeader(name.trim()))) return 'docker-stats'
    if (extension === 'csv' || extension === 'tsv') return 'csv'
  }
  if (extension === 'csv' || extension === 'tsv') return 'csv'
  if (extension === 'log' || extension === 'txt') return 'log'
  if (clean.slice(0, 10).every((line) => line.startsWith('#') || PROMETHEUS_SAMPLE.test(line)))
    return 'prometheus'
  return undefined
}

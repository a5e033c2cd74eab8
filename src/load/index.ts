/**
 * The load stage's entry: pick the parser for a format (exhaustive switch,
 * so a new format cannot be forgotten) and guess a file's format from its
 * name and first lines for zero-config runs.
 */
import type { InputFormat, Snapshot } from '../model.js'
import { loadCsv } from './csv.js'
import { isDockerMemoryHeader, isDockerTableHeader, isTimeLine } from './docker-stats.js'
import { loadDockerStats } from './docker-stats.js'
import { flattenObject } from './jsonl.js'
import { detectDelimiter, splitFields } from './fields.js'
import { loadJsonSnapshot } from './json.js'
import { loadJsonl } from './jsonl.js'
import { ErrorSink, type LineSource } from './lines.js'
import { loadLog } from './log.js'
import { loadPrometheusSeries, loadPrometheusSnapshot, parsePrometheusLine } from './prometheus.js'
import { result } from './result.js'
import type { SeriesLoadRequest, SeriesLoadResult, SnapshotLoadResult } from './types.js'

export type { LineSource, LineBatchSource } from './lines.js'
export { toAsync, splitText } from './lines.js'

/** Loads a series file in the request's format. Never throws for bad input: errors are in the result. */
export async function loadSeries(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const format: InputFormat = request.format
  switch (format) {
    case 'docker-stats':
      return loadDockerStats(lines, request)
    case 'csv':
      return loadCsv(lines, request)
    case 'jsonl':
      return loadJsonl(lines, request)
    case 'log':
      return loadLog(lines, request)
    case 'prometheus':
      return loadPrometheusSeries(lines, request)
    case 'json': {
      const sink = new ErrorSink(request.file)
      sink.add(
        undefined,
        'format',
        'json',
        'a series format (docker-stats, csv, jsonl, log, prometheus); json is a snapshot: list it under `snapshots:`, or use jsonl for one object per line'
      )
      return result([], 0, sink)
    }
  }
}

/** Loads a snapshot (baseline / post-test values) in the given format. */
export async function loadSnapshot(
  lines: LineSource,
  file: string,
  format: InputFormat
): Promise<SnapshotLoadResult> {
  switch (format) {
    case 'json':
      return loadJsonSnapshot(lines, file)
    case 'prometheus':
      return loadPrometheusSnapshot(lines, file)
    case 'docker-stats':
    case 'csv':
    case 'jsonl':
    case 'log': {
      const sink = new ErrorSink(file)
      sink.add(undefined, 'format', format, 'a snapshot format (json or prometheus)')
      const snapshot: Snapshot = { file, values: {} }
      return { snapshot, rows: 0, errors: sink.errors, errorCount: sink.count }
    }
  }
}

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]/g

function extensionOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase()
  const dot = base.lastIndexOf('.')
  return dot < 0 ? '' : base.slice(dot + 1)
}

function isJsonObjectLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{') || !line.endsWith('}')) return undefined
  try {
    const value: unknown = JSON.parse(line)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
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
  const extension = extensionOf(file)
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
  const objects = clean.slice(0, 5).map(isJsonObjectLine)
  const firstObject = objects[0]
  if (firstObject && (objects.length > 1 || extension === 'jsonl' || extension === 'ndjson')) {
    if (objects.some((object) => !object)) return extension === 'json' ? 'json' : 'jsonl'
    return Object.keys(flattenObject(firstObject)).some(isDockerMemoryHeader)
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
  const delimiter = detectDelimiter(first)
  const fields = splitFields(first, delimiter)
  if (Array.isArray(fields) && fields.length > 1) {
    if (fields.some((name) => isDockerMemoryHeader(name.trim()))) return 'docker-stats'
    if (extension === 'csv' || extension === 'tsv') return 'csv'
  }
  if (extension === 'csv' || extension === 'tsv') return 'csv'
  if (extension === 'log' || extension === 'txt') return 'log'
  if (
    clean
      .slice(0, 10)
      .every((line) => line.startsWith('#') || !('error' in parsePrometheusLine(line)))
  )
    return 'prometheus'
  return undefined
}

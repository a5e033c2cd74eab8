/**
 * The Prometheus HTTP API's answer to a query saved as a file
 * (understand/prometheus-api.ts): a range query (`matrix`) read as series,
 * one per result, by the rules Prometheus scrapes are read by
 * (load/prometheus.ts: the series named `name{labels}`, `*_bytes` memory,
 * counters and times left out, NaN and ±Inf gaps), the time from each
 * point's epoch seconds; an instant query (`vector`) read as a snapshot.
 * A result without `__name__` (an expression's) is named by the entry's one
 * `metrics:` name, else by the file's name when that is a memory name
 * (`rss.json`), said in a note; otherwise the file is an error saying how to
 * name it. Errors name the file, the line and the path of the value at fault.
 */
import type { MetricKind } from '../model.js'
import type { ErrorSink } from './lines.js'
import { result } from './result.js'
import {
  sampleKey,
  sampleValue,
  seriesOfSamples,
  type PrometheusSample,
  type TimedScrape
} from './prometheus.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'
import { jsonValueOffset, lineAndColumn } from '../understand/json-depth.js'
import { unitBytesFromName } from '../understand/names.js'
import {
  checkPrometheusApi,
  unnamedResultName,
  unnamedResultsAdvice,
  UNNAMED_RESULTS,
  type ApiAnswer,
  type ApiProblem,
  type ApiResult
} from '../understand/prometheus-api.js'
import { nameParts } from '../understand/sniff.js'

/** Value errors located at their line (each a scan of the document); later ones name their path only. */
const LOCATED_ERRORS = 5

/** A path in the document as a message names it: `data.result[0].values[3]`. */
function pathText(path: ReadonlyArray<string | number>): string {
  return path
    .map((step, at) => (typeof step === 'number' ? `[${step}]` : at === 0 ? step : `.${step}`))
    .join('')
}

/** Records a problem at the line of its path (the first line when the path is not found). */
function report(
  sink: ErrorSink,
  text: string,
  path: ReadonlyArray<string | number>,
  found: string | undefined,
  expected: string,
  locate = true
): void {
  const offset = locate ? jsonValueOffset(text, path) : -1
  const place = offset >= 0 ? lineAndColumn(text, offset) : undefined
  const at = place !== undefined && place.column > 1 ? ` (at column ${place.column})` : ''
  sink.add(place?.line, path.length > 0 ? pathText(path) : undefined, found, `${expected}${at}`)
}

function reportProblem(sink: ErrorSink, text: string, problem: ApiProblem): void {
  report(sink, text, problem.path, problem.found, problem.expected)
}

/** How the results without a metric name are named, or why they cannot be. */
type Naming =
  | { name: string; kinds?: ReadonlyMap<string, MetricKind>; scale: number; note: string }
  | { refused: string }

/**
 * The name of the results without `__name__` (see the module comment) and
 * the scale of their values: the entry's `unit:`, else the unit the name
 * gives (`memory_mb.json` of `x / 1024 / 1024`), else bytes.
 */
function unnamedNaming(request: SeriesLoadRequest, count: number): Naming {
  const listed = Object.keys(request.spec.metrics ?? {})
  if (listed.length > 1)
    return {
      refused: `${UNNAMED_RESULTS}, or one name under metrics: to read them under (found ${listed.length}: ${listed.slice(0, 3).join(', ')})`
    }
  const fromMetrics = listed.length === 1
  const name = fromMetrics ? listed[0] : unnamedResultName(nameParts(request.file).stem)
  if (name === undefined)
    return { refused: `${UNNAMED_RESULTS}: ${unnamedResultsAdvice(request.file)}` }
  const kind = fromMetrics ? request.spec.metrics![name] : 'memory'
  const named = request.spec.unitBytes === undefined ? unitBytesFromName(name) : undefined
  const scale = kind === 'memory' ? (request.spec.unitBytes ?? named ?? 1) : 1
  const unit =
    kind !== 'memory'
      ? ''
      : named !== undefined
        ? `, in the unit its name gives (${named === 1024 ? 'KiB' : named === 1024 ** 2 ? 'MiB' : 'GiB'}; set \`unit:\` on the series to say otherwise)`
        : request.spec.unitBytes !== undefined
          ? ', in the unit `unit:` gives'
          : ', in bytes (an expression that divides, `x / 1024`, needs `unit:` on the series)'
  const how = fromMetrics ? 'the name under metrics:' : "the file's name, a memory name"
  return {
    name,
    ...(fromMetrics ? {} : { kinds: new Map([[name, 'memory' as MetricKind]]) }),
    scale,
    note: `${count} ${count === 1 ? 'result' : 'results'} without a metric name (the query was an expression) read as "${name}" (${kind}), by ${how}${unit}`
  }
}

/**
 * Every point of the results, in time order (results in the answer's order at
 * one time): one moment per time, as a scrape holds its samples. Results of one
 * query share their times (its step), so a moment holds a sample of each.
 */
function* moments(
  results: readonly ApiResult[],
  keys: readonly string[],
  names: readonly string[],
  values: readonly Float64Array[]
): Generator<TimedScrape> {
  let total = 0
  for (const one of results) total += one.points.length
  const times = new Float64Array(total)
  const owner = new Uint32Array(total)
  const offsets: number[] = []
  let at = 0
  for (const [r, one] of results.entries()) {
    offsets.push(at)
    for (const [time] of one.points) {
      times[at] = time
      owner[at++] = r
    }
  }
  let order = new Uint32Array(total).map((_, i) => i)
  let sorted = true
  for (let i = 1; i < total && sorted; i++) if (times[i] < times[i - 1]) sorted = false
  if (!sorted) order = order.sort((a, b) => times[a] - times[b] || a - b)
  let samples = new Map<string, PrometheusSample>()
  let time = NaN
  for (const i of order) {
    if (times[i] !== time && samples.size > 0) {
      yield { samples, time: time * 1000 }
      samples = new Map()
    }
    time = times[i]
    const r = owner[i]
    const { labels } = results[r]
    samples.set(keys[r], { name: names[r], labels, key: keys[r], value: values[r][i - offsets[r]] })
  }
  if (samples.size > 0) yield { samples, time: time * 1000 }
}

/** The values of a result's points (NaN for one that is no number, reported), scaled. */
function pointValues(
  one: ApiResult,
  dataPath: readonly string[],
  resultType: ApiAnswer['resultType'],
  scale: number,
  text: string,
  sink: ErrorSink,
  counts: { nonFinite: number }
): Float64Array {
  const values = new Float64Array(one.points.length)
  for (const [k, [, token]] of one.points.entries()) {
    const value = sampleValue(token)
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) counts.nonFinite++
      values[k] = value * scale
      continue
    }
    values[k] = NaN
    const path =
      resultType === 'vector'
        ? [...dataPath, 'result', one.index, 'value', 1]
        : [...dataPath, 'result', one.index, 'values', k, 1]
    report(sink, text, path, value.found, value.error, sink.count < LOCATED_ERRORS)
  }
  return values
}

/**
 * Reads a parsed Prometheus API answer as series (see the module comment).
 * `text` is the document as written, to place errors at their line.
 */
export function loadPrometheusApiSeries(
  text: string,
  document: unknown,
  request: SeriesLoadRequest,
  sink: ErrorSink
): SeriesLoadResult {
  const answer = checkPrometheusApi(document)
  if ('path' in answer) {
    reportProblem(sink, text, answer)
    return result([], 0, sink)
  }
  const { results, dataPath, resultType } = answer
  if (resultType === 'vector') {
    report(
      sink,
      text,
      [...dataPath, 'resultType'],
      'vector',
      'resultType "matrix", a range query\'s answer (/api/v1/query_range): an instant query (/api/v1/query) holds one value per series, no series over time; list two instant answers under snapshots: (baseline, post) to compare them'
    )
    return result([], 0, sink)
  }
  if (results.length === 0) {
    report(
      sink,
      text,
      [...dataPath, 'result'],
      '[]',
      'at least one series (the query matched nothing in its time range)'
    )
    return result([], 0, sink)
  }
  const unnamed = results.filter((one) => one.name === undefined)
  const naming = unnamed.length > 0 ? unnamedNaming(request, unnamed.length) : undefined
  if (naming !== undefined && 'refused' in naming) {
    const first = unnamed[0]
    report(
      sink,
      text,
      [...dataPath, 'result', first.index, 'metric'],
      JSON.stringify(Object.fromEntries(first.labels)).slice(0, 60),
      naming.refused
    )
    return result([], 0, sink)
  }
  if (request.spec.unitBytes !== undefined && naming === undefined) {
    sink.add(
      undefined,
      undefined,
      'unit',
      "no `unit:` on series named by their metric (Prometheus values are in the metric's base unit: bytes, seconds)"
    )
    return result([], 0, sink)
  }
  const keys: string[] = []
  const names: string[] = []
  const values: Float64Array[] = []
  const seen = new Map<string, number>()
  const counts = { nonFinite: 0 }
  let rows = 0
  for (const one of results) {
    const name = one.name ?? naming!.name
    const key = sampleKey(name, one.labels)
    const before = seen.get(key)
    if (before !== undefined) {
      report(
        sink,
        text,
        [...dataPath, 'result', one.index, 'metric'],
        key.slice(0, 120),
        `a label set of its own (result ${before} has the same): label each result apart (by (instance), by (pod))`
      )
      return result([], 0, sink)
    }
    seen.set(key, one.index)
    keys.push(key)
    names.push(name)
    values.push(
      pointValues(
        one,
        dataPath,
        resultType,
        one.name === undefined ? naming!.scale : 1,
        text,
        sink,
        counts
      )
    )
    rows += one.points.length
  }
  const line = lineAndColumn(
    text,
    Math.max(0, jsonValueOffset(text, [...dataPath, 'result', 0]))
  ).line
  const built = seriesOfSamples(
    request.file,
    request.spec,
    moments(results, keys, names, values),
    line,
    sink,
    naming?.kinds
  )
  const notes = [
    `${results.length} series, ${rows} points read from a Prometheus range query's answer`
  ]
  if (naming !== undefined) notes.push(naming.note)
  if (counts.nonFinite > 0)
    notes.push(`${counts.nonFinite} values NaN or ±Inf read as missing samples (gaps)`)
  notes.push(...built.notes)
  return { series: built.series, rows, errors: sink.errors, errorCount: sink.count, notes }
}

/**
 * A parsed Prometheus API answer as a snapshot's values, keyed as a
 * Prometheus scrape's (`name{labels}`): an instant query's value of each
 * series, or a range query's last value of each (said in a note); NaN and
 * ±Inf left out with a note. Undefined when the document is no answer;
 * errors recorded otherwise. Results without a name cannot be matched
 * between two snapshots: an error saying how to name them.
 */
export function prometheusApiSnapshot(
  text: string,
  document: unknown,
  file: string,
  sink: ErrorSink
): { values: Record<string, number>; time?: number; notes: string[] } {
  const values: Record<string, number> = {}
  const notes: string[] = []
  const answer = checkPrometheusApi(document)
  if ('path' in answer) {
    reportProblem(sink, text, answer)
    return { values, notes }
  }
  const { results, dataPath, resultType } = answer
  const unnamed = results.find((one) => one.name === undefined)
  if (unnamed !== undefined) {
    report(
      sink,
      text,
      [...dataPath, 'result', unnamed.index, 'metric'],
      JSON.stringify(Object.fromEntries(unnamed.labels)).slice(0, 60),
      `${UNNAMED_RESULTS}, as two snapshots are compared metric by metric: ${unnamedResultsAdvice(file, true)}`
    )
    return { values, notes }
  }
  const counts = { nonFinite: 0 }
  let time: number | undefined
  let none = 0
  for (const one of results) {
    const read = pointValues(one, dataPath, resultType, 1, text, sink, counts)
    // a range query's last measurement (NaN and ±Inf are none)
    let k = read.length - 1
    while (k >= 0 && !Number.isFinite(read[k])) k--
    if (k < 0) {
      none++
      continue
    }
    values[sampleKey(one.name!, one.labels)] = read[k]
    const at = one.points[k][0] * 1000
    if (time === undefined || at > time) time = at
  }
  if (resultType === 'matrix')
    notes.push(
      `${file}: a Prometheus range query's answer read as a snapshot: the last value of each of its ${results.length} series`
    )
  if (none > 0) notes.push(`${none} series with only NaN or ±Inf values left out`)
  return { values, ...(time !== undefined ? { time } : {}), notes }
}

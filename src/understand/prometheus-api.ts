/**
 * The Prometheus HTTP API's answer to a query, as teams save it with curl
 * instead of the scrapes themselves (`curl -s
 * 'http://prom:9090/api/v1/query_range?query=process_resident_memory_bytes&start=…&end=…&step=5'
 * > memory.json`):
 *
 *   {"status":"success","data":{"resultType":"matrix","result":[
 *     {"metric":{"__name__":"process_resident_memory_bytes","instance":"api:8080"},
 *      "values":[[1741600800,"123456789"],[1741600805.5,"123500000"]]}]}}
 *
 * A range query (`matrix`) is one series per result; an instant query
 * (`vector`: one value per result) is a snapshot at most. A result keeps
 * `__name__` only when the query was a metric selector: an expression
 * (`sum(rate(…))`, `container_memory_rss / 1024`) has labels and no name.
 * Grafana's query inspector shows the same answer under `response` (its
 * older, proxied Prometheus data source): read the same. Here the head test
 * the input plan judges by, and the checks of a parsed answer the loader
 * reads by (load/prometheus-api.ts). Pure.
 */
import { kindFromName } from './names.js'

/** The `resultType`s an answer may have. */
export type ApiResultType = 'matrix' | 'vector' | 'scalar' | 'string'

/** What the first lines of an answer show. */
export interface PrometheusApiHead {
  /** `error`: the query failed (Prometheus's `error` text in {@link error}). */
  status: 'success' | 'error'
  resultType?: ApiResultType
  /** `errorType: error`, as Prometheus wrote them (bounded). */
  error?: string
  /** Metric names (`__name__`) of the results the head shows, first seen first. */
  names: string[]
  /** Some result the head shows has no `__name__` (the query was an expression). */
  unnamed: boolean
}

const RESULT_TYPE_RE = /"resultType"\s*:\s*"(matrix|vector|scalar|string)"/
const STATUS_ERROR_RE = /^\s*\{[^[\]{}]{0,400}?"status"\s*:\s*"error"/
/** A JSON string of at most 500 characters (escapes followed: no backtracking). */
const SHORT_STRING = '("(?:[^"\\\\\\n]|\\\\.){0,500}")'
const ERROR_TEXT_RE = new RegExp(`"error"\\s*:\\s*${SHORT_STRING}`)
const ERROR_TYPE_RE = new RegExp(`"errorType"\\s*:\\s*${SHORT_STRING}`)
/** A result's `metric` object: label names and string values, no nesting. */
const METRIC_OBJECT_RE = /"metric"\s*:\s*(\{[^{}]{0,8192}\})/g
/** Characters of a document judged (the input plan's head). */
const HEAD_CHARS = 64 * 1024
/** Results looked at in a head (a head is 64 KiB at most). */
const MAX_HEAD_RESULTS = 200

/** Most results of one answer read (a process's memory is a handful; more is a query too wide). */
export const MAX_API_RESULTS = 1000
/** Most values of one result (Prometheus answers 11,000 at most, VictoriaMetrics 30,000). */
export const MAX_API_VALUES = 50_000
/** Most labels of one result, and characters of one label value. */
export const MAX_API_LABELS = 64
export const MAX_API_LABEL_CHARS = 1024

/** The string a JSON string literal holds, or undefined. */
function jsonString(literal: string | undefined): string | undefined {
  if (literal === undefined) return undefined
  try {
    const value: unknown = JSON.parse(literal)
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * What a JSON document's first lines show of a Prometheus API answer, or
 * undefined when they are none: a `resultType` (whatever wraps it, Grafana's
 * `response` too), or a failed query (`{"status":"error","errorType":…,"error":…}`).
 */
export function prometheusApiHead(lines: readonly string[]): PrometheusApiHead | undefined {
  // the input plan's head: the loader decides by the same first 64 KiB
  let text = ''
  for (const line of lines) {
    text += `${line}\n`
    if (text.length >= HEAD_CHARS) break
  }
  text = text.slice(0, HEAD_CHARS)
  const type = RESULT_TYPE_RE.exec(text)
  if (type === null) {
    // Prometheus always writes an errorType: a document of `"status": "error"` alone is none
    const errorType = jsonString(ERROR_TYPE_RE.exec(text)?.[1])
    if (!STATUS_ERROR_RE.test(text) || errorType === undefined) return undefined
    const error = jsonString(ERROR_TEXT_RE.exec(text)?.[1])
    return {
      status: 'error',
      error: error !== undefined ? `${errorType}: ${error}` : errorType,
      names: [],
      unnamed: false
    }
  }
  const names = new Set<string>()
  let unnamed = false
  let seen = 0
  for (const match of text.matchAll(METRIC_OBJECT_RE)) {
    if (++seen > MAX_HEAD_RESULTS) break
    let metric: unknown
    try {
      metric = JSON.parse(match[1])
    } catch {
      continue
    }
    const name = (metric as Record<string, unknown> | null)?.__name__
    if (typeof name === 'string' && name !== '') names.add(name)
    else unnamed = true
  }
  return {
    status: 'success',
    resultType: type[1] as ApiResultType,
    names: [...names],
    unnamed
  }
}

/** What the head's metric names say: memory (or object counts) by name, as a column's name says. */
export function apiMemoryNames(head: PrometheusApiHead): string[] {
  return head.names.filter((name) => {
    const kind = kindFromName(name)
    return kind !== undefined && kind !== 'count'
  })
}

/**
 * The name results without `__name__` are read under, when the file's name
 * gives one: its stem when that is a memory name leak-gate knows (`rss.json`,
 * `memory.json`, `heap_used_mb.json`); undefined otherwise.
 */
export function unnamedResultName(stem: string): string | undefined {
  return /^[A-Za-z_][\w.-]{0,63}$/.test(stem) && kindFromName(stem) === 'memory' ? stem : undefined
}

/**
 * How to name results without `__name__` (the message of the input plan
 * and of the loader); for a snapshot, only a metric name will do (two
 * snapshots are compared metric by metric).
 */
export function unnamedResultsAdvice(file: string, snapshot = false): string {
  const keep =
    'query the metric itself, or keep a name with label_replace(<expr>, "__name__", "rss", "", "")'
  return snapshot
    ? keep
    : `${keep}; or name the file after the memory it holds (rss.json, memory.json); or list ${file} under series: with metrics: {rss: memory} to name them`
}

/** What an expression's result lacks, in the terms of a message. */
export const UNNAMED_RESULTS =
  "a metric name (__name__), which Prometheus drops from an expression's results (sum(…), x / 1024)"

/** One result of an answer, checked: its labels (with `__name__`) and its points. */
export interface ApiResult {
  /** Its index in `data.result`. */
  index: number
  /** `__name__`, or undefined for an expression's result. */
  name: string | undefined
  /** The other labels, in the answer's order. */
  labels: Array<[string, string]>
  /** Epoch seconds and value text of each point, times increasing (a vector's one point). */
  points: Array<[number, string]>
}

/** A checked answer. */
export interface ApiAnswer {
  resultType: 'matrix' | 'vector'
  results: ApiResult[]
  /** The path of `data` in the document (`['response', 'data']` under Grafana's wrapper). */
  dataPath: string[]
}

/** What is wrong with an answer: where (a path in the document), what was found, what was expected. */
export interface ApiProblem {
  path: Array<string | number>
  found: string
  expected: string
}

/** True when a parsed document is a Prometheus API answer (maybe under Grafana's `response`). */
export function isPrometheusApiDocument(document: unknown): boolean {
  return answerRoot(document) !== undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The answer object and its path: the document, or Grafana's `response` holding it. */
function answerRoot(
  document: unknown
): { answer: Record<string, unknown>; path: string[] } | undefined {
  // as Prometheus writes them: a success holds data.resultType, an error its errorType (an
  // application's own `{"status": "success", "data": {…}}` snapshot is none)
  const looks = (value: unknown): value is Record<string, unknown> =>
    isObject(value) &&
    ((value.status === 'success' &&
      isObject(value.data) &&
      typeof value.data.resultType === 'string') ||
      (value.status === 'error' && typeof value.errorType === 'string'))
  if (looks(document)) return { answer: document, path: [] }
  if (isObject(document) && looks(document.response))
    return { answer: document.response, path: ['response'] }
  return undefined
}

/** A value as a message quotes it (bounded). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** Checks one point `[epoch seconds, "value"]`. */
function pointProblem(point: unknown): { found: string; expected: string } | undefined {
  if (!Array.isArray(point) || point.length !== 2)
    return { found: shown(point), expected: 'a point [epoch seconds, "value"]' }
  const [time, value] = point as [unknown, unknown]
  if (typeof time !== 'number' || !Number.isFinite(time) || time <= 0 || time >= 1e11)
    return {
      found: shown(time),
      expected: 'a time in epoch seconds, a number like 1741600805.5'
    }
  if (typeof value !== 'string')
    return {
      found: shown(value),
      expected: 'a value as Prometheus writes it, a string like "123456789"'
    }
  return undefined
}

/**
 * A parsed document checked as a Prometheus API answer of series: a
 * successful `matrix` or `vector` whose results are label sets (strings)
 * with points `[epoch seconds, "value"]`, times increasing, bounded by
 * {@link MAX_API_RESULTS}, {@link MAX_API_VALUES} and {@link MAX_API_LABELS};
 * else the first problem, at its path. A failed query is a problem quoting
 * Prometheus's error text.
 */
export function checkPrometheusApi(document: unknown): ApiAnswer | ApiProblem {
  const root = answerRoot(document)
  if (root === undefined)
    return {
      path: [],
      found: shown(document),
      expected: 'a Prometheus HTTP API answer {"status":"success","data":{…}}'
    }
  const { answer, path } = root
  if (answer.status === 'error') {
    const failed =
      [answer.errorType, answer.error]
        .filter((part): part is string => typeof part === 'string')
        .map((part) => (part.length > 300 ? `${part.slice(0, 299)}…` : part))
        .join(': ') || 'no error text'
    return {
      path: [...path, 'status'],
      found: 'error',
      expected: `"success": Prometheus could not run the query (${failed}); fix the query and save its answer again`
    }
  }
  const data = answer.data as Record<string, unknown>
  const dataPath = [...path, 'data']
  const type = data.resultType
  if (type !== 'matrix' && type !== 'vector')
    return {
      path: [...dataPath, 'resultType'],
      found: shown(type),
      expected: 'resultType "matrix" (a range query: /api/v1/query_range) or "vector"'
    }
  const result = data.result
  if (!Array.isArray(result))
    return { path: [...dataPath, 'result'], found: shown(result), expected: 'an array of results' }
  if (result.length > MAX_API_RESULTS)
    return {
      path: [...dataPath, 'result'],
      found: `${result.length} results`,
      expected: `at most ${MAX_API_RESULTS} series in one answer (narrow the query to the service's processes)`
    }
  const results: ApiResult[] = []
  for (const [index, one] of result.entries()) {
    const at = [...dataPath, 'result', index]
    if (!isObject(one) || !isObject(one.metric))
      return { path: at, found: shown(one), expected: 'a result {"metric":{…},"values":[…]}' }
    const entries = Object.entries(one.metric)
    if (entries.length > MAX_API_LABELS + 1)
      return {
        path: [...at, 'metric'],
        found: `${entries.length} labels`,
        expected: `at most ${MAX_API_LABELS} labels`
      }
    let name: string | undefined
    const labels: Array<[string, string]> = []
    for (const [label, value] of entries) {
      if (typeof value !== 'string' || value.length > MAX_API_LABEL_CHARS || label.length > 256)
        return {
          path: [...at, 'metric', label],
          found: shown(value),
          expected: `a label value, a string of at most ${MAX_API_LABEL_CHARS} characters`
        }
      if (label === '__name__') name = value === '' ? undefined : value
      else labels.push([label, value])
    }
    const points: Array<[number, string]> = []
    if (type === 'vector') {
      const problem = pointProblem(one.value)
      if (problem !== undefined) return { path: [...at, 'value'], ...problem }
      points.push(one.value as [number, string])
    } else {
      const values = one.values
      if (!Array.isArray(values))
        return {
          path: [...at, 'values'],
          found: shown(values),
          expected: 'an array of points [epoch seconds, "value"]'
        }
      if (values.length > MAX_API_VALUES)
        return {
          path: [...at, 'values'],
          found: `${values.length} points`,
          expected: `at most ${MAX_API_VALUES} points per series (a larger step)`
        }
      let last = -Infinity
      for (const [k, point] of values.entries()) {
        const problem = pointProblem(point)
        if (problem !== undefined) return { path: [...at, 'values', k], ...problem }
        const time = (point as [number, string])[0]
        if (time <= last)
          return {
            path: [...at, 'values', k],
            found: `${time} after ${last}`,
            expected: 'times increasing, each once (as Prometheus answers)'
          }
        last = time
        points.push(point as [number, string])
      }
    }
    results.push({ index, name, labels, points })
  }
  return { resultType: type, results, dataPath }
}

/**
 * Zero-config's decision for a Prometheus HTTP API answer saved as a file
 * (understand/prometheus-api.ts), from its head: a range query naming memory
 * is read as series (load/prometheus-api.ts), as a config entry naming only
 * the file reads it; a failed query is read so its error is reported; an
 * instant query, an answer of no memory metric, or results without a metric
 * name the file's name cannot give are skipped with what to save instead.
 * (An answer named as a snapshot, `baseline.json` / `post.json`, is one: the
 * snapshot rules come first.) Pure.
 */
import { escapeGlob } from '../config/globs.js'
import type { SeriesSpec } from '../config/types.js'
import {
  apiMemoryNames,
  unnamedResultName,
  unnamedResultsAdvice,
  UNNAMED_RESULTS,
  type PrometheusApiHead
} from '../understand/prometheus-api.js'
import { nameParts } from '../understand/sniff.js'

/** A range query's answer as curl saves it, for the messages. */
const RANGE_QUERY =
  "a range query's answer (`curl -s 'http://prom:9090/api/v1/query_range?query=process_resident_memory_bytes&start=…&end=…&step=5'`)"

/** A text for a note, at most `max` characters. */
function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Names for a note, bounded. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((name) => bounded(name, 60))
  return `${shown.join(', ')}${names.length > 3 ? ', …' : ''}`
}

/** Whether zero-config reads a Prometheus API answer, and how (see the module comment). */
export function prometheusApiDecision(
  file: string,
  head: PrometheusApiHead
): { use: 'series'; spec: SeriesSpec; how: string } | { use: 'skip'; reason: string } {
  const spec: SeriesSpec = { file: escapeGlob(file), format: 'json' }
  if (head.status === 'error')
    return {
      use: 'series',
      spec,
      how: `a Prometheus HTTP API answer of a failed query${head.error !== undefined ? ` (${bounded(head.error, 160)})` : ''}: read to report it`
    }
  if (head.resultType !== 'matrix')
    return {
      use: 'skip',
      reason:
        head.resultType === 'vector'
          ? `a Prometheus instant query's answer (resultType vector: one value per series), no series over time: save ${RANGE_QUERY}, read as one series per result; or save one before and one after the load as baseline.json and post.json, compared as snapshots`
          : `a Prometheus HTTP API answer of resultType ${head.resultType}, no series: save ${RANGE_QUERY}`
    }
  const stemName = head.unnamed ? unnamedResultName(nameParts(file).stem) : undefined
  if (head.unnamed && stemName === undefined)
    return {
      use: 'skip',
      reason: `a Prometheus HTTP API answer whose results lack ${UNNAMED_RESULTS}: ${unnamedResultsAdvice(file)}`
    }
  const memory = apiMemoryNames(head)
  if (head.names.length > 0 && memory.length === 0 && stemName === undefined)
    return {
      use: 'skip',
      reason: `a Prometheus HTTP API answer of no memory metric (${listed(head.names)}): query a memory metric (process_resident_memory_bytes, container_memory_working_set_bytes, …), or list it under series: to chart it`
    }
  const named = memory.length > 0 ? ` (${listed(memory)})` : ''
  const unnamed =
    stemName !== undefined
      ? `; results without a metric name (an expression's) read as "${stemName}", the file's name (memory)`
      : ''
  return {
    use: 'series',
    spec,
    how: `Prometheus HTTP API answer (range query): one series per result, named by its metric name and labels as scrapes are${named}${unnamed}; time from each point's epoch seconds`
  }
}

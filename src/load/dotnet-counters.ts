/**
 * `dotnet-counters collect --format csv`: the long format, one row per
 * counter per interval (`Timestamp,Provider,Counter Name,Counter Type,Mean/Increment`).
 * Each counter becomes a series named by the counter, its kind and unit from
 * the counter's name and the unit in it: `(By)` and `(bytes)` are bytes, the
 * older `(MB)` is decimal megabytes (the runtime divides by 1,000,000), `(%)` a
 * percentage, anything else a count. Rate counters (`Counter Type` `Rate`:
 * increments per interval) and counts are charted only when named under
 * `metrics:`; memory counters are judged. `metrics:` names counters by their
 * full name or the name before its unit (`dotnet.process.memory.working_set`),
 * and the value column's name (`Mean/Increment`) means every counter.
 */
import type { SeriesSpec } from '../config/types.js'
import type { MetricKind, Series, ValueUnit } from '../model.js'
import { isDotnetCountersHeader } from '../understand/names.js'
import { seriesId } from './series-builder.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'

/** The columns dotnet-counters writes, in its order. */
const TIME = 'Timestamp'
const COUNTER = 'Counter Name'
const VALUE = 'Mean/Increment'

/** A counter's name without its unit and tags: `dotnet.gc.heap.size (By)[gen=gen0]` → `dotnet.gc.heap.size`. */
function baseName(counter: string): string {
  return counter.replace(/\s*\(.*$/, '').replace(/\[.*$/, '')
}

/** Kind, unit and scale of a counter by its name and unit. */
export function counterMeaning(counter: string): {
  kind: MetricKind
  unit: ValueUnit
  scale: number
} {
  const unit = /\(([^)]*)\)/.exec(counter)?.[1]?.toLowerCase() ?? ''
  if (unit === 'by' || unit === 'bytes' || unit === 'b')
    return { kind: 'memory', unit: 'bytes', scale: 1 }
  if (unit === 'mb') return { kind: 'memory', unit: 'bytes', scale: 1e6 }
  if (unit === '%') return { kind: 'count', unit: 'percent', scale: 1 }
  return { kind: 'count', unit: 'count', scale: 1 }
}

/**
 * The request a dotnet-counters CSV is read with: one series per counter
 * (grouped by `Counter Name`), values in `Mean/Increment`, time in
 * `Timestamp`; the user's `metrics:` are kept aside for {@link reshapeCounters}.
 */
export function dotnetCountersRequest(
  header: readonly string[],
  request: SeriesLoadRequest
): SeriesLoadRequest | undefined {
  if (!isDotnetCountersHeader(header)) return undefined
  const { spec } = request
  if (spec.group !== undefined && spec.group !== COUNTER) return undefined
  const reading: SeriesSpec = {
    ...spec,
    group: COUNTER,
    time: spec.time ?? TIME,
    metrics: { [VALUE]: 'count' }
  }
  return { ...request, spec: reading }
}

/**
 * Turns the per-counter groups into series of their own (see the module
 * comment), keeping those the user's `metrics:` pick, or the memory
 * counters when it picks none.
 */
export function reshapeCounters(
  loaded: SeriesLoadResult,
  request: SeriesLoadRequest
): SeriesLoadResult {
  const picked = request.spec.metrics
  const every = picked !== undefined && VALUE in picked
  const wanted = (counter: string): MetricKind | 'by-name' | undefined => {
    if (picked === undefined) return undefined
    if (every) return 'by-name'
    return picked[counter] ?? picked[baseName(counter)]
  }
  const series: Series[] = []
  const unjudged: string[] = []
  for (const one of loaded.series) {
    const counter = one.group ?? one.metric
    const meaning = counterMeaning(counter)
    const choice = wanted(counter)
    if (choice === undefined && (picked !== undefined || meaning.kind !== 'memory')) {
      unjudged.push(counter)
      continue
    }
    const kind = choice === undefined || choice === 'by-name' ? meaning.kind : choice
    const scale = (values: number[]) =>
      meaning.scale === 1 ? values : values.map((value) => value * meaning.scale)
    series.push({
      ...one,
      id: seriesId(one.file, counter),
      metric: counter,
      group: undefined,
      kind,
      unit: kind === 'memory' ? 'bytes' : meaning.unit,
      value: scale(one.value),
      min: scale(one.min),
      max: scale(one.max)
    })
  }
  const notes = [...(loaded.notes ?? [])]
  notes.push(
    `dotnet-counters CSV: one series per counter (${series.length} judged` +
      (unjudged.length > 0
        ? `; not judged: ${unjudged.length} counters that are no memory, e.g. ${unjudged
            .slice(0, 2)
            .map((name) => `"${name}"`)
            .join(', ')}; name counters under \`metrics:\` to judge them`
        : '') +
      ')'
  )
  if (picked !== undefined && !every) {
    const names = new Set(loaded.series.flatMap((s) => [s.group ?? '', baseName(s.group ?? '')]))
    const missing = Object.keys(picked).filter((name) => !names.has(name))
    if (missing.length > 0 && loaded.errors.length === 0) {
      const shown = [...new Set(loaded.series.map((s) => baseName(s.group ?? '')))].slice(0, 5)
      loaded.errors.push({
        file: loaded.series[0]?.file ?? request.file,
        column: 'metrics',
        found: missing[0],
        expected: `a counter of the file (${shown.join(', ')}, …)`,
        message: `${request.file}: column "${COUNTER}": found no counter "${missing[0]}", expected a counter of the file (${shown.join(', ')}, …)`
      })
      loaded.errorCount++
    }
  }
  return { ...loaded, series, notes }
}

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
import type { MetricKind, ValueUnit } from '../model.js'
import { isDotnetCountersHeader } from '../understand/names.js'
import { longRequest, reshapeLong, type LongReading } from './long-table.js'
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

/** How dotnet-counters' CSV is read as a long table (load/long-table.ts). */
const DOTNET_READING: LongReading = {
  nameColumn: COUNTER,
  valueColumn: VALUE,
  timeColumn: TIME,
  // memory counters are judged unasked; rates, counts and percentages only when named
  meaning: (counter) => {
    const meaning = counterMeaning(counter)
    return meaning.kind === 'memory' ? meaning : { ...meaning, kind: undefined }
  },
  baseName,
  label: 'dotnet-counters CSV: one series per counter',
  items: 'counters',
  whyNot: 'that are no memory'
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
  return longRequest(DOTNET_READING, request)
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
  return reshapeLong(loaded, request, DOTNET_READING)
}

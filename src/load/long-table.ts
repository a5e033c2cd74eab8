/**
 * Long tables: one row per metric per sample, the metric named in one column
 * and its value in another (dotnet-counters' CSV, `metric,value,time` files).
 * The CSV loader reads such a file grouped by the name column, the value column
 * as one metric of counts ({@link longRequest}); {@link reshapeLong} then makes
 * each group a series of its own, named by the metric, its kind and unit from
 * the name. Memory metrics are judged; others only when named under `metrics:`
 * (or every metric, when `metrics:` names the value column).
 */
import type { SeriesSpec } from '../config/types.js'
import type { MetricKind, Series, ValueUnit } from '../model.js'
import type { LongTable } from '../understand/long-rows.js'
import { isK6MemoryMetric } from '../understand/metric-exports.js'
import { isProcessSizeName, kindAmongColumns, unitBytesFromName } from '../understand/names.js'
import { seriesId } from './series-builder.js'
import { inferredUnit, unitAdvice } from './table.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'

/** What a metric of a long table is: its kind (undefined: not judged unasked), unit and scale. */
export interface LongMeaning {
  kind: MetricKind | undefined
  unit: ValueUnit
  /** What the numbers are multiplied by (bytes per unit). */
  scale: number
  /** The scale came from the metric's name (`rss_mb`): said in the notes. */
  namedUnit?: boolean
}

/** How one kind of long table is read. */
export interface LongReading {
  /** The name column, the value column and the time column. */
  nameColumn: string
  valueColumn: string
  timeColumn?: string
  /** The metric a name means. */
  meaning: (name: string) => LongMeaning
  /** The name a user may give under `metrics:` besides the full one (`dotnet.gc.heap.size`). */
  baseName: (name: string) => string
  /** The note's start: what the file is, and what one series is (`one series per counter`). */
  label: string
  /** What one name names, in the plural (`counters`, `metrics`). */
  items: string
  /** Why a name left out is not judged. */
  whyNot: string
}

/**
 * The request a long table is read with: grouped by the name column, the
 * value column as counts, time in the time column; undefined when the entry
 * groups by another column.
 */
export function longRequest(
  reading: LongReading,
  request: SeriesLoadRequest
): SeriesLoadRequest | undefined {
  const { spec } = request
  if (spec.group !== undefined && spec.group !== reading.nameColumn) return undefined
  const time = spec.time ?? reading.timeColumn
  const grouped: SeriesSpec = {
    ...spec,
    group: reading.nameColumn,
    ...(time !== undefined ? { time } : {}),
    metrics: { [reading.valueColumn]: 'count' }
  }
  return { ...request, spec: grouped }
}

/**
 * Turns the per-name groups into series of their own (see the module
 * comment), keeping those the user's `metrics:` pick, or the judged ones
 * when it picks none.
 */
export function reshapeLong(
  loaded: SeriesLoadResult,
  request: SeriesLoadRequest,
  reading: LongReading
): SeriesLoadResult {
  const picked = request.spec.metrics
  const every = picked !== undefined && reading.valueColumn in picked
  const wanted = (name: string): MetricKind | 'by-name' | undefined => {
    if (picked === undefined) return undefined
    if (every) return 'by-name'
    return picked[name] ?? picked[reading.baseName(name)]
  }
  const series: Series[] = []
  const unjudged: string[] = []
  const namedUnits: string[] = []
  for (const one of loaded.series) {
    const name = one.group ?? one.metric
    const meaning = reading.meaning(name)
    const choice = wanted(name)
    if (choice === undefined && (picked !== undefined || meaning.kind === undefined)) {
      unjudged.push(name)
      continue
    }
    const kind = choice === undefined || choice === 'by-name' ? (meaning.kind ?? 'count') : choice
    if (kind === 'memory' && meaning.namedUnit === true) namedUnits.push(name)
    const scale = (values: number[]) =>
      meaning.scale === 1 ? values : values.map((value) => value * meaning.scale)
    series.push({
      ...one,
      id: seriesId(one.file, name),
      metric: name,
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
    `${reading.label} (${series.length} judged` +
      (unjudged.length > 0
        ? `; not judged: ${unjudged.length} ${reading.items} ${picked === undefined ? reading.whyNot : 'not named under `metrics:`'}, e.g. ${unjudged
            .slice(0, 2)
            .map((name) => `"${name}"`)
            .join(', ')}; name ${reading.items} under \`metrics:\` to judge them`
        : '') +
      ')'
  )
  if (namedUnits.length > 0)
    notes.push(
      `${namedUnits.map((name) => `"${name}"`).join(', ')} read in the unit ${namedUnits.length === 1 ? 'its name gives' : 'their names give'} (kb = KiB, mb = MiB: as ps, top, /proc and V8 mean them); set \`unit:\` on the series to say otherwise`
    )
  if (picked !== undefined && !every) {
    const groups = loaded.series.map((s) => s.group ?? '')
    const names = new Set(groups.flatMap((group) => [group, reading.baseName(group)]))
    const missing = Object.keys(picked).filter((name) => !names.has(name))
    if (missing.length > 0 && loaded.errors.length === 0) {
      const shown = [...new Set(groups.map(reading.baseName))].slice(0, 5)
      const item = reading.items.replace(/s$/, '')
      loaded.errors.push({
        file: loaded.series[0]?.file ?? request.file,
        column: 'metrics',
        found: missing[0],
        expected: `a ${item} of the file (${shown.join(', ')}, …)`,
        message: `${request.file}: column "${reading.nameColumn}": found no ${item} "${missing[0]}", expected a ${item} of the file (${shown.join(', ')}, …)`
      })
      loaded.errorCount++
    }
  }
  return { ...loaded, series, notes }
}

/**
 * The reading of a long table with metrics named as in a wide CSV's header
 * (understand/long-rows.ts): each name's kind by the same rules as a column's
 * (`rss`, `heapUsed`, `process_resident_memory_bytes` memory; `live` objects),
 * the unit of plain numbers from the series' `unit:`, else the name (`rss_kb`),
 * else bytes.
 */
export function namedLongReading(table: LongTable, spec: SeriesSpec): LongReading {
  return {
    nameColumn: table.name,
    valueColumn: table.value,
    ...(table.time !== undefined ? { timeColumn: table.time } : {}),
    meaning: (name) => {
      const kind = kindAmongColumns(name, table.metrics)
      if (kind !== 'memory') return { kind, unit: 'count', scale: 1 }
      const named = spec.unitBytes === undefined ? unitBytesFromName(name) : undefined
      return {
        kind,
        unit: 'bytes',
        scale: spec.unitBytes ?? named ?? 1,
        ...(named !== undefined ? { namedUnit: true } : {})
      }
    },
    baseName: (name) => name,
    label: `a long table, one row per metric per sample: one series per "${table.name}" value, read from "${table.value}"${table.time !== undefined ? '' : ' in file order (no time column: sample order)'}`,
    items: 'metrics',
    whyNot: 'named neither as memory nor as object counts'
  }
}

/**
 * The reading of k6's CSV output (understand/k6-csv.ts): one series per
 * `metric_name`, a memory metric by the rule k6's JSON lines follow
 * ({@link isK6MemoryMetric}: named like memory, none of k6's own), its unit
 * from the series' `unit:`, else the name (`heap_used_mb`), else bytes; k6's
 * own metrics (load) and others are not judged unless named under `metrics:`.
 */
export function k6CsvReading(
  columns: { name: string; time: string; value: string },
  spec: SeriesSpec
): LongReading {
  return {
    nameColumn: columns.name,
    valueColumn: columns.value,
    timeColumn: columns.time,
    meaning: (name) => {
      if (!isK6MemoryMetric(name)) return { kind: undefined, unit: 'count', scale: 1 }
      const named = spec.unitBytes === undefined ? unitBytesFromName(name) : undefined
      return {
        kind: 'memory',
        unit: 'bytes',
        scale: spec.unitBytes ?? named ?? 1,
        ...(named !== undefined ? { namedUnit: true } : {})
      }
    },
    baseName: (name) => name,
    label: `k6 CSV output (--out csv): one series per memory "${columns.name}", read from "${columns.value}"`,
    items: 'metrics',
    whyNot: "k6's own (load, not memory) or not named as memory"
  }
}

/**
 * Memory series of plain numbers a named long table's reading left in bytes,
 * checked as a wide CSV's columns are (load/table.ts): when every one is under
 * 1 MiB (no process's size) and read at least 6 times, each is read in the
 * unit its largest value fits, said in a note; one under 64 KiB otherwise is
 * not judged, the report saying which `unit:` to set.
 */
export function checkPlainSizes(
  loaded: SeriesLoadResult,
  request: SeriesLoadRequest,
  reading: LongReading
): SeriesLoadResult {
  if (request.spec.unitBytes !== undefined) return loaded
  const largest = (series: Series): number => {
    let max = -Infinity
    for (const value of series.value) if (value > max) max = value
    return max
  }
  const plain = loaded.series.filter((series) => {
    const meaning = reading.meaning(series.metric)
    return (
      series.kind === 'memory' &&
      meaning.kind === 'memory' &&
      meaning.scale === 1 &&
      isProcessSizeName(series.metric)
    )
  })
  const small = plain.filter((series) => largest(series) > 0 && largest(series) < 1024 * 1024)
  if (small.length === 0) return loaded
  const notes = [...(loaded.notes ?? [])]
  const inferAll = small.length === plain.length
  for (const series of small) {
    const max = largest(series)
    const unit = inferAll && series.samples >= 6 ? inferredUnit(max) : undefined
    if (unit !== undefined) {
      for (const values of [series.value, series.min, series.max])
        for (let i = 0; i < values.length; i++) values[i] *= unit.bytes
      notes.push(
        `"${series.metric}": every value is under 1 MiB, too small for a process's memory in bytes: read as ${unit.name} (the largest ${((max * unit.bytes) / 1024 ** 2).toFixed(1)} MiB), ${unit.why}; set \`unit:\` on the series to say otherwise`
      )
    } else if (max < 64 * 1024) {
      series.unitDoubt = `every value is under 64 KiB, no process's memory in bytes: ${unitAdvice(max)}`
    }
  }
  return { ...loaded, notes }
}

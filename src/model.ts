/**
 * The data model shared by every stage of the pipeline:
 * load → analyze → verdict → report. Plain data only: no classes with I/O,
 * so every stage can be tested with literals and the JSON report is a
 * direct serialisation of {@link Report}.
 */

import type { Presentation } from './analyze/presentation.js'
import type { HeapAnalysis } from './heap/heap-analysis.js'
import type { RunsSummary } from './analyze/confirm-runs.js'
import type { GcTraceRuntime } from './config/types.js'

/** What a measured quantity is, which decides the rules that apply to it (SPEC §3 kinds). */
export const METRIC_KINDS = ['memory', 'count', 'live', 'created', 'collected'] as const
export type MetricKind = (typeof METRIC_KINDS)[number]

/** The leak signatures of SPEC §5; one module each under `analyze/signatures/`. */
export const SIGNATURE_IDS = [
  'sustained-growth',
  'rising-floor',
  'retained-after-load',
  'per-work-cost',
  'uncollected-objects',
  'oom-risk',
  'regression',
  'leaking-class'
] as const
export type SignatureId = (typeof SIGNATURE_IDS)[number]

/**
 * Findings that are not leak signatures (an addition to SPEC §5's table):
 * `insufficient-data` marks a series that would have been judged but had
 * too few samples, so a short run is a `warn`, never a silent pass (§8).
 * Not tunable under `checks:`; the remedy is more samples.
 */
export const NOTICE_IDS = ['insufficient-data'] as const
export type NoticeId = (typeof NOTICE_IDS)[number]
/** Every id a finding may carry: a leak signature or a notice. */
export type FindingSignature = SignatureId | NoticeId

/** The input formats of SPEC §2. */
export const INPUT_FORMATS = ['docker-stats', 'csv', 'jsonl', 'json', 'prometheus', 'log'] as const
export type InputFormat = (typeof INPUT_FORMATS)[number]

/** Class histogram formats (`src/histogram/`, config `histograms.format`), inputs of role `histogram`. */
export const HISTOGRAM_FORMATS = [
  'jvm-histogram',
  'objgraph',
  'pympler',
  'tracemalloc',
  'pprof-top'
] as const
export type HistogramInputFormat = (typeof HISTOGRAM_FORMATS)[number]

/** Unit of a value after loading: sizes are always converted to bytes. */
export type ValueUnit = 'bytes' | 'percent' | 'count'

/**
 * Whether the time axis is absolute (epoch milliseconds) or a clock
 * (`HH:MM:SS`, milliseconds since midnight of the first day, with day
 * roll-over added), or absent (the sample index stands in for time).
 */
export type TimeBase = 'epoch' | 'clock' | 'none'

/**
 * One measured quantity over time, possibly reduced to a bounded number of
 * points while streaming (see `load/series-builder.ts`). Each point is a
 * bucket of `count[i]` consecutive raw samples: `value[i]` is their mean,
 * `min[i]`/`max[i]` their extremes (equal to value when count is 1),
 * `time[i]` the time of the first sample of the bucket and `work[i]` the
 * last cumulative work value seen in it (NaN when unknown).
 */
export interface Series {
  /** Stable identity: `file:metric` or `file:metric[group]`. */
  id: string
  /** Path of the input file relative to the artifact root (POSIX separators). */
  file: string
  /** Column / metric name as the input spells it (`MemUsage`, `rss`, `live`). */
  metric: string
  /** Value of the `group` column (docker: container name), when grouped. */
  group?: string
  kind: MetricKind
  unit: ValueUnit
  timeBase: TimeBase
  /** Milliseconds (epoch or clock, see timeBase); NaN when timeBase is 'none'. */
  time: number[]
  /** Cumulative work counter at each point (requests, archives...); NaN when unknown. */
  work: number[]
  /** Name of the work column, when there is one. */
  workName?: string
  /** Name of the time column the times were read from, when the file has one. */
  timeName?: string
  value: number[]
  min: number[]
  max: number[]
  count: number[]
  /** Number of raw samples read (sum of count). */
  samples: number
  /** Memory limit in bytes when known (docker-stats MemUsage, or config `limit`). */
  limit?: number
  /**
   * Set when the input's figure was memory left (a free heap): the highest reading, bytes. The
   * values are then the memory used since it (see analyze/memory-left.ts).
   */
  left?: number
  /** True when raw samples were merged into buckets to bound memory. */
  reduced: boolean
  /**
   * Gaps where the container was not running (`0B / 0B` docker-stats rows),
   * in file order. Absent when there were none.
   */
  stops?: SeriesStop[]
  /**
   * Where the process sampled changed (a new `pid`, a new docker container
   * id under the same name): a restart at that reading, in file order.
   * Absent when the file names no process or it never changed.
   */
  processChanges?: SeriesProcessChange[]
  /**
   * The column naming the process sampled, when the file has one for this
   * series and its values never interleave: with a pid, a fall where it
   * stays the same is the same process, never a restart (a restarted
   * process always gets a new pid; a container restarted in place keeps its id).
   */
  processColumn?: {
    column: string
    what: SeriesProcessChange['what']
    /** Every value the column took for this series (first to last, 64 at most). */
    ids?: readonly string[]
  }
  /**
   * One of several runs appended in one file (`metric[run N]`) with a later
   * run after it: that run's number and its first time (ms, as `time`), so
   * a run that ends killed is not said to be the file's end.
   */
  nextRun?: { run: number; time: number }
  /**
   * Lines a paste says it left out (`[omissis]`, `...`, `[snip]`) between two
   * readings of a log: `index` is the first reading after the cut. In file
   * order those two readings are no neighbours: a rise between them may be
   * one step or the trend of everything left out. Absent when there were none.
   */
  cuts?: SeriesCut[]
  /**
   * Set when the values cannot be in the unit they were read in (a process's
   * size under 64 KiB as bytes): the series is not judged and the analysis
   * warns with this text (which `unit:` to set).
   */
  unitDoubt?: string
  /**
   * Read only to vouch for the judged series of its process (the reserved heap
   * a config did not list, beside the RSS it lists): never judged nor reported.
   */
  witnessOnly?: boolean
  /**
   * The runtime whose collector trace the file was read as (a HotSpot GC log, Go's gctrace, V8's
   * --trace-gc), when leak-gate chose the pattern: whose heap its readings are.
   */
  gcTrace?: GcTraceRuntime
}

/** Where a paste left lines out: the first reading after the cut, the marker's line and text. */
export interface SeriesCut {
  index: number
  line: number
  marker: string
}

/** A run of `0B / 0B` rows: the container stopped (or was killed) and later read again or not. */
export interface SeriesStop {
  /** Time of the first and last `0B / 0B` row (ms, as Series.time). */
  time: number
  until: number
  /** `0B / 0B` rows in this gap. */
  rows: number
  /** Readings of the series before the gap. */
  samplesBefore: number
  /** The last reading before the gap (the highest in its bucket). */
  lastValue: number
  limit?: number
  /** The last reading was at ≥ 95 % of the limit: killed at the limit (the OOM killer). */
  atLimit: boolean
}

/** A new process in a series: the column naming the process took a new value. */
export interface SeriesProcessChange {
  /** The column as the file spells it (`pid`, `ID`, `Container`, `process_start_time_seconds`). */
  column: string
  /** What it names: the process's id, its container's, or its start time (Prometheus). */
  what: 'pid' | 'container id' | 'process start'
  /** The value before and after. */
  from: string
  to: string
  /** Time of the new process's first reading (ms, as Series.time; NaN without times). */
  time: number
  /** Readings of the series before it: the index of the new process's first point while unreduced. */
  samplesBefore: number
}

/** Values measured at one moment: a JSON snapshot or a Prometheus scrape. */
export interface Snapshot {
  file: string
  /** Metric name → value. Sizes in bytes. */
  values: Record<string, number>
  /** Epoch ms when the file says so: a Prometheus scrape's timestamp, a JSON snapshot's `time`. */
  time?: number
}

/** A finding of one leak signature on one metric. */
export interface Finding {
  /** Stable id, `signature:source:metric`, used to tell new / still there / fixed across runs. */
  id: string
  signature: FindingSignature
  metric: string
  /** File (and group) the metric came from. */
  source: string
  level: 'fail' | 'warn'
  /** One line a person understands, with the decisive numbers. */
  message: string
  /** The numbers behind the message (slope, interval, p-value, window, ETA...). */
  evidence: Record<string, number | string | boolean | null>
}

/** A finding that matched an `ignore:` entry. */
export interface SuppressedFinding extends Finding {
  reason: string
  until?: string
}

/** Trend statistics of a series' steady part, as shown in the series table. */
export interface SeriesAnalysis {
  kind: 'series'
  id: string
  file: string
  metric: string
  group?: string
  metricKind: MetricKind
  unit: ValueUnit
  samples: number
  /** Points analysed after bucketing (equal to samples when not reduced). */
  points: number
  reduced: boolean
  timeBase: TimeBase
  /** Whole series: first / last time (ms) and work. */
  start: number | null
  end: number | null
  /** Steady window (after warm-up). */
  steadyStart: number | null
  steadyEnd: number | null
  warmupPoints: number
  /** First and last sample of the whole series (warm-up included). */
  firstValue: number
  lastValue: number
  /**
   * First sample of the steady window (after warm-up): the "start" of the
   * Trends table, whose figures are all the steady part's. Optional: reports
   * written before it had only `firstValue`.
   */
  steadyFirstValue?: number
  minValue: number
  maxValue: number
  /** Theil–Sen slope of the steady part per hour (unit per hour), with its 95 % interval. */
  slopePerHour: number | null
  slopeLowPerHour: number | null
  slopeHighPerHour: number | null
  /** Theil–Sen slope of the GC floor per hour. */
  floorSlopePerHour: number | null
  floorSlopeLowPerHour: number | null
  floorSlopeHighPerHour: number | null
  /** Mann–Kendall two-sided p-values (values and floor). */
  pValue: number | null
  floorPValue: number | null
  /** Growth per unit of work (unit per work unit) with interval, when work is known. */
  slopePerWork: number | null
  slopePerWorkLow: number | null
  slopePerWorkHigh: number | null
  workName?: string
  limit?: number
  /**
   * Set when the input's figure was memory left (a free heap): what was free at its highest
   * reading, bytes; every value here is then the memory used out of it since (see {@link Series.left}).
   */
  left?: number
  /** Hours until the limit at the steady slope, when growing significantly. */
  hoursToLimit: number | null
  /**
   * The steady part judged within the segments between restarts (the process
   * restarted: the figures above span two processes). Absent without a restart.
   */
  segments?: { count: number; restarts: number; slopePerHour: number | null; pValue: number }
  /**
   * The window the slope, interval and p-value above were measured on: the
   * whole steady window (absent or 'steady') or its last half, when a leak
   * that starts late was decided there. `floorWindow` the same for the floor
   * figures; `trendWindowStart` is where that window starts (ms, time axis).
   */
  trendWindow?: 'steady' | 'last-half'
  floorWindow?: 'steady' | 'last-half'
  trendWindowStart?: number | null
  /** 'leak' | 'warn' | 'ok' for the table; 'suppressed' when every finding on it was suppressed by `ignore:` (never shown as healthy). */
  status: 'leak' | 'warn' | 'ok' | 'suppressed'
  /** Why this series was judged as it was, in one line. */
  explanation: string
  /** Points for charts, downsampled to at most a few hundred (floor and peaks kept). */
  chart: SeriesChart
}

/**
 * What a chart of a series needs: x positions (time in ms, work, or sample
 * index), the mean value, the floor (bucket minima) and peaks (bucket
 * maxima), where warm-up ends, and the fitted steady trend.
 */
export interface SeriesChart {
  xAxis: 'time' | 'work' | 'index'
  x: number[]
  value: number[]
  floor: number[]
  peak: number[]
  /** x where the steady window starts (end of warm-up), or null. */
  warmupEndX: number | null
  /** Steady trend line: value y0 at x0, slope per x unit, with the 95 % interval of the slope. */
  trend: { x0: number; y0: number; slope: number; slopeLow: number; slopeHigh: number } | null
  /** Where the steady part was cut at level resets (restarts, a heap handed back): each segment's x range. */
  segments?: Array<{ x0: number; x1: number }>
  /**
   * Set by the renderers when a finding was judged within those segments: the common slope drawn
   * through each segment's own points (value y0 at x0), instead of one line across the cuts.
   */
  segmentTrends?: Array<{ x0: number; x1: number; y0: number; slope: number }>
}

/** Baseline vs post-test comparison of one snapshot metric. */
export interface SnapshotAnalysis {
  kind: 'snapshot'
  metric: string
  metricKind: MetricKind
  unit: ValueUnit
  baseline: number
  post: number
  delta: number
  /** Relative change in percent of baseline (null when baseline is 0). */
  changePercent: number | null
  /** delta ÷ work, when the snapshot config names work. */
  perWork: number | null
  workName?: string
  work?: number
  status: 'leak' | 'warn' | 'ok' | 'suppressed'
  explanation: string
}

/** A file the pipeline read, and how. */
export interface InputSummary {
  file: string
  /** An input format, the class histogram format (`jvm-histogram`, `objgraph`, … under `histograms:`), or `heapsnapshot` (a V8 heap snapshot of `heap:`). */
  format: InputFormat | HistogramInputFormat | 'heapsnapshot'
  /** 'config' when a `series:`/`snapshots:`/`histograms:`/`heap:` entry named it, 'detected' for zero-config. */
  how: 'config' | 'detected'
  role:
    'series' | 'baseline' | 'post' | 'histogram' | 'heap-baseline' | 'heap-target' | 'heap-final'
  /** Rows (lines) read. */
  rows: number
  series: string[]
  note?: string
}

/** One problem with the inputs or the configuration (SPEC §8), or an internal error. */
export interface ReportError {
  file?: string
  line?: number
  column?: string
  found?: string
  expected?: string
  /** The one-line rendering: `file:line: column "X": found "Y", expected Z`. */
  message: string
  /** An internal error of leak-gate (a bug), not a problem with the inputs or the configuration. */
  internal?: true
}

export type Verdict = 'pass' | 'warn' | 'fail' | 'error'

/** The base branch run a regression comparison used (issue 6). */
export interface BaseInfo {
  branch?: string
  commit?: string
  runId?: number
  runUrl?: string
  createdAt?: string
  ageHours?: number
  warning?: string
  /**
   * Which base run was used: `merge-base` (the run of the commit the pull
   * request branched from: differences from unrelated base changes vanish)
   * or `latest` (the base branch's newest usable run, when the merge-base
   * commit has none).
   */
  chosen?: 'merge-base' | 'latest'
  /** The merge-base commit, when it was known. */
  mergeBase?: string
}

/**
 * One class (or allocation site) across the class histograms of one process:
 * its numbers in each histogram and its growth in each phase between them.
 * `null` where the tool did not print it.
 */
export interface ClassGrowthRow {
  name: string
  /** Objects in each histogram (absolute), when the tool prints totals. */
  counts: Array<number | null>
  bytes: Array<number | null>
  /** Growth per phase (histogram i-1 → i) in the table's `quantity`. */
  growth: Array<number | null>
  /** Growth per phase in bytes, when the tool prints sizes. */
  bytesGrowth: Array<number | null>
  /** Growth of the last phase per unit of work, when work is known. */
  perWork: number | null
  /** `leak`: fails leaking-class; `grows`: rose in the last phase without failing. */
  status: 'leak' | 'grows' | 'ok' | 'shrinks'
  /** Why, in a few words (`grows in both phases, 2.2 per request`, `slowing: a cache filling`). */
  why: string
}

/** The growing classes of a sequence of class histograms (`histograms:`): the report's table. */
export interface ClassGrowthTable {
  /** The printing tool, e.g. `jcmd GC.class_histogram / jmap -histo`. */
  tool: string
  /** The histogram files in order: after warm-up, after phase 1, after phase 2. */
  files: string[]
  /** Work done at each histogram, when known. */
  work: Array<number | null>
  workName?: string
  /** Whether `leaking-class` judged them (three or more histograms of a live-object type). */
  judged: boolean
  /** What is compared: object counts, or bytes where the tool prints only sizes (pprof inuse_space). */
  quantity: 'count' | 'bytes'
  /** Classes seen in all histograms. */
  classes: number
  /** The growing classes, leaking first, largest growth first (at most a few dozen). */
  rows: ClassGrowthRow[]
  /** How the histograms were read and judged, one line each. */
  notes: string[]
}

/** The whole result; `--format json` prints exactly this. */
export interface Report {
  version: 1
  verdict: Verdict
  findings: Finding[]
  suppressed: SuppressedFinding[]
  metrics: Array<SeriesAnalysis | SnapshotAnalysis>
  inputs: InputSummary[]
  errors: ReportError[]
  /** Lines that say why healthy things are healthy. */
  healthy: string[]
  /** Notes for the reader (expired suppressions, bucketing, missing base...). */
  notes: string[]
  /** Which configuration was used: a path, or 'zero-config'. */
  config: string
  /** Artifact root that was analysed (as given). */
  root: string
  base?: BaseInfo
  /** Growing classes by class histogram sequence (`histograms:`), when any were read. */
  classHistograms?: ClassGrowthTable[]
  /**
   * What the reader sees first, decided by analysis (headline, one row per
   * leaking process or container, the window each series is shown on).
   * Renderers only format it. Absent in reports written before it existed.
   */
  presentation?: Presentation
  /** The heap-snapshot comparison, when heap snapshots were given (`heap:` or detected). */
  heap?: HeapAnalysis
  /**
   * Repeated runs of one test (`runs:` in the config): each run's own verdict
   * and the leaks confirmed across runs. Absent with a single run.
   */
  runs?: RunsSummary
  /** Sections per artifact when several shards were analysed (issue 6). */
  sections?: Array<{ name: string; report: Report }>
}

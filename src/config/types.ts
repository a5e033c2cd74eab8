/**
 * The configuration after validation (SPEC §3), with every unit already
 * converted: sizes in bytes, durations in milliseconds, percentages as
 * numbers of percent. The YAML spelling lives only in `config/schema.ts`.
 */
import type { HistogramInputFormat, InputFormat, MetricKind, SignatureId } from '../model.js'

/** How much of the start of each series is warm-up (excluded from trend rules). */
export type Warmup =
  | { kind: 'fraction'; fraction: number }
  | { kind: 'duration'; ms: number }
  | { kind: 'work'; amount: number }

/** One `series:` entry. */
export interface SeriesSpec {
  /** Glob relative to the artifact root. */
  file: string
  format?: InputFormat
  time?: string
  work?: string
  group?: string
  /** Regular expression source with named groups (format log). */
  pattern?: string
  /** Memory limit in bytes. */
  limit?: number
  /** Column → kind. When absent, numeric columns are detected by name. */
  metrics?: Record<string, MetricKind>
  /** Bytes per unit of plain numbers in memory columns (`unit: KiB` → 1024). Default 1. */
  unitBytes?: number
  /** Milliseconds per unit of a numeric time column (`time-unit: ms` → 1); default guessed. */
  timeUnitMs?: number
  /**
   * How the time column's dates are written when the file does not say
   * (`time-format:`): a day-month order (`MM/DD/YYYY`, `DD/MM/YYYY`), the
   * form of `NN:NN` values (`mm:ss` elapsed, `HH:mm` a clock) or a whole
   * pattern (`DD_MMM_YYYY_HH_mm_ss`).
   */
  timeFormat?: string
  /**
   * What a file read by a pattern leak-gate chose (a GC trace) must hold when
   * no line matches: said instead of the pattern, which the user never wrote
   * (`{lines}` is replaced by the file's line count).
   */
  noMatch?: string
  /** The runtime whose collector trace leak-gate chose to read the file as (a GC log, gctrace). */
  gcTrace?: GcTraceRuntime
  /** A log's first line read (1-based): the lines before it are other processes' (`go run`'s build). */
  fromLine?: number
}

/** The runtime a collector trace comes from: HotSpot's GC log, Go's gctrace, V8's --trace-gc. */
export type GcTraceRuntime = 'jvm' | 'go' | 'v8'

/** The `snapshots:` entry. */
export interface SnapshotSpec {
  baseline: string
  post: string
  /** A field whose delta is the work done, or a fixed amount. */
  work?: string | number
  metrics?: Record<string, MetricKind>
}

/** The `heap:` entry: V8 heap snapshots of one process (globs). */
export interface HeapSpec {
  baseline: string
  /** Absent: two snapshots, per-class change only. */
  target?: string
  final: string
  /** Cumulative work at each snapshot, and what it counts. */
  work?: { baseline: number; target?: number; final: number; name?: string }
}

/**
 * The `histograms:` entry: class histograms of one process printed as text
 * (jcmd/jmap, objgraph, pympler, tracemalloc, pprof -top), after warm-up,
 * after load phase 1 and after load phase 2.
 */
export interface HistogramSpec {
  /** Globs relative to the artifact root; `target` may be left out (two histograms: shown, not judged). */
  baseline: string
  target?: string
  final: string
  /** The format; default: told from the file's first lines. */
  format?: HistogramInputFormat
  /** pympler tables: changes since the previous call (print_diff, default) or totals (summary.print_). */
  pymplerDiff?: boolean
  /** Work done at each histogram, in order (overrides `# leak-gate: work=` lines). */
  work?: number[]
}

/**
 * A threshold value. `unit` says what the number is: bytes, percent (of the
 * baseline / first value), a plain count, a duration in ms, or a fraction.
 * `perHour` marks rates (`5MiB/h`, `2%/h`).
 */
export interface Quantity {
  amount: number
  unit: 'bytes' | 'percent' | 'count' | 'ms'
  perHour?: boolean
  /** The text as the user wrote it, for messages. */
  text: string
  /**
   * Two levels (`{warn: 1MiB/h, fail: 20MiB/h}`): growth beyond `warn` is a
   * warning, beyond the quantity itself a failure. With `{warn: X}` alone the
   * quantity is `never` (amount Infinity): the signature only warns.
   */
  warn?: Quantity
}

/** A check setting: a threshold, or `off` to disable the signature for the metric. */
export type CheckSetting = Quantity | 'off'

/** Thresholds by metric name (`rss`, `memory.csv:rss`, or `*` for all). */
export type Checks = Record<string, Partial<Record<SignatureId, CheckSetting>>>

/** One `ignore:` entry. */
export interface IgnoreEntry {
  signature: SignatureId
  /** Metric name, qualified name, or `*`. */
  metric: string
  reason: string
  /** ISO date (YYYY-MM-DD) after which the entry no longer applies. */
  until?: string
}

/**
 * The `runs:` entry: repeated runs of one load test, confirmed across runs.
 * `confirm` is how many runs must fail with the same leak for the verdict to
 * fail (`majority`: more than half of the runs found).
 */
export interface RunsSpec {
  confirm: number | 'majority' | 'all'
  /** Where the runs are; absent: found (artifacts, else numbered folders, else appended runs). */
  from?: 'folders' | 'artifacts' | 'appended'
}

/** The validated configuration. */
export interface LeakGateConfig {
  /** Path of the file it came from, or 'zero-config'. */
  source: string
  /** Which rule of SPEC §3 found it (set by `loadConfig`): `--config`/input, workspace, artifact root, none. */
  how?: 'input' | 'workspace' | 'artifact' | 'zero-config'
  warmup: Warmup
  series: SeriesSpec[]
  snapshots?: SnapshotSpec
  histograms?: HistogramSpec
  heap?: HeapSpec
  checks: Checks
  ignore: IgnoreEntry[]
  /** Confirmation across repeated runs; absent: every run is judged on its own and any failure fails. */
  runs?: RunsSpec
}

/** Warm-up when the config says nothing: the first 20 % of each series. */
export const DEFAULT_WARMUP: Warmup = { kind: 'fraction', fraction: 0.2 }

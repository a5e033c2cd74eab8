/**
 * The input-planning stage, between config and load: which files of the
 * artifact folder are read, in which format, as which series or snapshot.
 * It lists the folder, reads each candidate's first lines once, and either
 * follows the config's entries (a format the config does not give is
 * sniffed by `understand/sniff.ts`) or lets zero-config detection
 * (`detect.ts`) decide; the loader then reads each file in the planned format,
 * so no file is sniffed twice. Class histograms (`histograms:` or detected)
 * are planned here too, for their own stage. Problems (a glob matching
 * nothing or too costly to match, a format nobody can tell) are report
 * errors, never exceptions.
 */
import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { GlobError, matchFiles } from '../config/globs.js'
import { configKeyLine } from '../config/parse-config.js'
import type { LeakGateConfig, SeriesSpec, SnapshotSpec } from '../config/types.js'
import { ConfigError, quoteFound } from '../errors.js'
import {
  detectHistograms,
  planConfiguredHistograms,
  type HistogramPlanEntry
} from '../histogram/stage.js'
import { readHead } from '../io/read-lines.js'
import type { InputFormat, InputSummary, Report, ReportError } from '../model.js'
import { PAUSE_MANIFEST_NAME } from '../pauses/index.js'
import { earlierCycles, goRunProgramStart } from '../understand/go-gctrace.js'
import { columnDocumentSketch } from '../understand/json-columns.js'
import { sniffFormat } from '../understand/sniff.js'
import { k6CsvMemoryHead } from '../understand/k6-csv.js'
import { isK6CsvHeader } from '../understand/names.js'
import { LATE_TRACE_BYTES, LATE_TRACE_LINES, lateV8TraceLines } from '../understand/v8-trace-gc.js'
import {
  builtInLogSeries,
  detectInputs,
  gcLogSeries,
  LONG_COLUMNS_REASON,
  readsAsGcLog
} from './detect.js'

/** Files that are never inputs: our own config and the example's expectation. */
const NOT_INPUTS = new Set([
  'leak-gate.yml',
  'leak-gate.yaml',
  'expected.json',
  // the heap snapshot helper's pause manifest, read by src/pauses/
  PAUSE_MANIFEST_NAME
])
/** Lines read from each file to detect its format. */
const HEAD_LINES = 200
/** Deepest folder level searched below the artifact root. */
const MAX_DEPTH = 8
/**
 * Files listed below the artifact root at most: every stage walks the list,
 * and an artifact (a fork's, in the action) could hold any number.
 */
export const MAX_FILES = 20_000

/** The artifact folder holds more than {@link MAX_FILES} files. */
export class TooManyFilesError extends Error {
  constructor(max: number) {
    super(
      `more than ${max} files in the artifact folder: leak-gate reads at most ${max}; upload the measurements only`
    )
  }
}

/** One series input the loader reads. */
export interface PlannedSeries {
  file: string
  format: InputFormat
  spec: SeriesSpec
  /** Detection's one-line account of how the file is read. */
  note?: string
  /** Prometheus scrapes one entry matched, read as one input named `file` (the glob). */
  files?: string[]
}

/** What the load stage reads, and how each file was chosen. */
export interface InputPlan {
  how: InputSummary['how']
  series: PlannedSeries[]
  snapshots?: SnapshotSpec
  /** Class histogram sequences (`histograms:` or detected). */
  histograms: HistogramPlanEntry[]
  /** Detection's one-line account of how each file is read. */
  notes?: Map<string, string>
  /** The format each planned file was found in (so snapshots are not sniffed again). */
  formats: Map<string, InputFormat>
  /** The config the plan came from (undefined for zero-config detection). */
  config?: LeakGateConfig
  /** Files zero-config detection left out, with why (also in the report's notes). */
  skipped?: Array<{ file: string; reason: string }>
}

/** Lists regular files below root as POSIX paths relative to it, sorted; more than `maxFiles` is an error. */
export async function listFiles(root: string, maxFiles = MAX_FILES): Promise<string[]> {
  const info = await stat(root)
  if (!info.isDirectory()) throw new Error('not a folder')
  const out: string[] = []
  async function walk(dir: string, depth: number): Promise<void> {
    if (depth > MAX_DEPTH) return
    const entries = await readdir(dir, { withFileTypes: true })
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path, depth + 1)
      else if (entry.isFile()) {
        if (out.length >= maxFiles) throw new TooManyFilesError(maxFiles)
        out.push(relative(root, path).split(sep).join('/'))
      }
    }
  }
  await walk(root, 0)
  return out.sort()
}

/** The first lines of a file; empty when it cannot be read (the loader reports that). */
async function safeHead(path: string): Promise<string[]> {
  try {
    return await readHead(path, HEAD_LINES)
  } catch {
    return []
  }
}

/** Text files searched past their head for a late V8 trace, at most (each one bounded read). */
const LATE_TRACE_FILES = 64

/** Whether a file's head is text that a V8 trace could follow (neither empty nor another format). */
function mayHoldLateTrace(path: string, head: string[]): boolean {
  const format = sniffFormat(path, head)
  return head.length > 0 && (format === undefined || format === 'log')
}

/**
 * A log's lines from its V8 trace's first line on, when its head held no trace
 * but the file goes on past it (a service's own lines before its first
 * collection): read once more, up to LATE_TRACE_LINES / LATE_TRACE_BYTES.
 */
async function lateTraceHead(path: string, head: string[]): Promise<string[] | undefined> {
  try {
    const headBytes = head.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
    if ((await stat(path)).size <= headBytes) return undefined
    const lines = await readHead(path, LATE_TRACE_LINES, { bytes: LATE_TRACE_BYTES })
    return lateV8TraceLines(lines, HEAD_LINES)
  } catch {
    return undefined // the load reports an unreadable file
  }
}

/** A k6 CSV whose first lines hold only k6's own metrics is searched this far for a memory metric. */
const K6_SCAN_BYTES = 8 << 20
const K6_SCAN_LINES = 200_000

/**
 * A k6 CSV's header and its first rows of a memory metric, when its head held none (a Gauge
 * polled every few seconds among thousands of request rows): read once more, up to
 * K6_SCAN_LINES / K6_SCAN_BYTES. Undefined for any other file, or none found.
 */
async function lateK6Head(path: string, head: string[]): Promise<string[] | undefined> {
  const header = head.find((line) => line.trim() !== '')
  if (header === undefined || !isK6CsvHeader(header.replace(/^\uFEFF/, '').split(',')))
    return undefined
  try {
    const headBytes = head.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
    if ((await stat(path)).size <= headBytes) return undefined
    return k6CsvMemoryHead(await readHead(path, K6_SCAN_LINES, { bytes: K6_SCAN_BYTES }))
  } catch {
    return undefined // the load reports an unreadable file
  }
}

/** A JSON document of columns is read whole for its column names up to this size (as the loader reads it). */
const LONG_COLUMNS_BYTES = 32 << 20

/**
 * A JSON document of columns whose first column ran past its head (a long run saved by
 * `JSON.stringify` or pandas): read whole once more, up to LONG_COLUMNS_BYTES, and sketched as
 * the same keys with their first cells, for detection to name its columns. Undefined when it is
 * larger, unreadable or no object of arrays of cells (the skip reason says so).
 */
async function longColumnsHead(path: string): Promise<string[] | undefined> {
  try {
    const size = (await stat(path)).size
    if (size > LONG_COLUMNS_BYTES) return undefined
    const bytes = Math.max(1, size + 1)
    const lines = await readHead(path, Number.MAX_SAFE_INTEGER, { bytes, maxLineLength: bytes })
    const sketch = columnDocumentSketch(lines.join('\n'))
    return sketch === undefined ? undefined : [sketch]
  } catch {
    return undefined // the load reports an unreadable file
  }
}

/** A Go gctrace is searched whole for `go run`'s build cycles up to this size (gctrace lines are few). */
const GO_RUN_SCAN_BYTES = 8 << 20

/**
 * A Go gctrace spec read from the program's first cycle on when `go run`'s build traced its own
 * cycles first (see understand/go-gctrace.ts), and the note saying so; as it was otherwise.
 */
async function fromProgramStart(
  path: string,
  spec: SeriesSpec,
  note: string | undefined
): Promise<{ spec: SeriesSpec; note: string | undefined }> {
  if (spec.gcTrace !== 'go') return { spec, note }
  try {
    const size = (await stat(path)).size
    if (size > GO_RUN_SCAN_BYTES) return { spec, note }
    const lines = await readHead(path, Number.MAX_SAFE_INTEGER, { bytes: Math.max(1, size + 1) })
    const start = goRunProgramStart(lines)
    if (start === undefined) return { spec, note }
    const { cycles, seconds } = earlierCycles(lines, start)
    // what was left out, as it may be: the numbering and the clock say no more
    const left = `the ${cycles} ${cycles === 1 ? 'cycle' : 'cycles'} before line ${start} left out: earlier processes', each numbered from gc 1, all within ${seconds} s, under a tenth of the program's run (\`go run\`'s build: the go command, compiler, linker; or a run of the program that ended early)`
    return { spec: { ...spec, fromLine: start }, note: note ? `${note}; ${left}` : left }
  } catch {
    return { spec, note } // the load reports an unreadable file
  }
}

/**
 * The files a configured glob matches, or undefined after reporting a glob
 * that cannot be used (too many `{a,b}` paths, or too slow to match) at its key.
 */
export function matchOrReport(
  pattern: string,
  files: string[],
  config: LeakGateConfig | undefined,
  at: Array<string | number>,
  key: string,
  report: Report
): string[] | undefined {
  try {
    return matchFiles(pattern, files)
  } catch (error) {
    if (!(error instanceof GlobError)) throw error
    const path = [...at, key].map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    report.errors.push(
      new ConfigError(
        config?.source ?? 'config',
        path.join('').replace(/^\./, ''),
        `found "${quoteFound(pattern)}", expected a glob that can be matched (${error.message})`,
        [],
        config ? configKeyLine(config, at, key) : undefined
      ).toReportError()
    )
    return undefined
  }
}

/**
 * Decides which file is read how: from the config's entries, or by
 * zero-config detection. Problems go to `report.errors`, skipped files to
 * `report.notes`; `label` is how messages name the artifact folder.
 */
export async function planInputs(
  root: string,
  files: string[],
  config: LeakGateConfig,
  report: Report,
  label: string = root
): Promise<InputPlan> {
  const candidates = files.filter((file) => !NOT_INPUTS.has(file.split('/').pop() ?? ''))
  const configured = planConfiguredHistograms(config, candidates)
  report.errors.push(...configured.errors)
  const histograms = configured.entry ? [configured.entry] : []
  const heads = new Map<string, string[]>()
  const headOf = async (file: string): Promise<string[]> => {
    let head = heads.get(file)
    if (head === undefined) {
      head = await safeHead(join(root, file))
      heads.set(file, head)
    }
    return head
  }
  const formats = new Map<string, InputFormat>()
  const formatOf = async (file: string): Promise<InputFormat | undefined> => {
    const format = formats.get(file) ?? sniffFormat(file, await headOf(file))
    if (format !== undefined) formats.set(file, format)
    return format
  }

  // Zero-config: no series:, snapshots: or heap: (heap snapshots alone do not name the rest).
  if (config.series.length === 0 && !config.snapshots && !config.heap) {
    const allHeads = await Promise.all(
      candidates.map(async (file) => ({ path: file, head: await headOf(file) }))
    )
    // Class histograms are read by their own stage, not as series.
    const detectedHistograms = detectHistograms(allHeads)
    const histogramFiles = new Set([
      ...detectedHistograms.flatMap((entry) => entry.files),
      ...histograms.flatMap((entry) => entry.files)
    ])
    if (!configured.entry && !config.histograms) histograms.push(...detectedHistograms)
    const detectable = allHeads.filter((head) => !histogramFiles.has(head.path))
    let detected = detectInputs(detectable)
    // a V8 trace after the app's own lines is told from its first trace lines
    const late = new Map<string, string[]>()
    const searched = detected.skipped
      .flatMap(({ file }) => detectable.filter((head) => head.path === file))
      .filter(({ path, head }) => mayHoldLateTrace(path, head))
      .slice(0, LATE_TRACE_FILES)
    for (const { path, head } of searched) {
      const trace = await lateTraceHead(join(root, path), head)
      if (trace !== undefined) late.set(path, trace)
    }
    // a k6 CSV's memory metric after its first lines of request rows
    const k6 = detected.skipped
      .filter(({ reason }) => reason.startsWith('k6 CSV output'))
      .slice(0, LATE_TRACE_FILES)
    for (const { file } of k6) {
      const head = detectable.find((one) => one.path === file)?.head ?? []
      const rows = await lateK6Head(join(root, file), head)
      if (rows !== undefined) late.set(file, rows)
    }
    // a JSON document of columns whose first column ran past its head
    const long = detected.skipped
      .filter(({ reason }) => reason.startsWith(LONG_COLUMNS_REASON))
      .slice(0, LATE_TRACE_FILES)
    for (const { file } of long) {
      const sketch = await longColumnsHead(join(root, file))
      if (sketch !== undefined) late.set(file, sketch)
    }
    if (late.size > 0)
      detected = detectInputs(
        detectable.map((file) => ({ ...file, head: late.get(file.path) ?? file.head }))
      )
    for (const skipped of detected.skipped)
      report.notes.push(`${skipped.file}: not used (${skipped.reason})`)
    for (const use of detected.used) formats.set(use.file, use.format)
    const series: PlannedSeries[] = []
    for (const spec of detected.series) {
      // A detected spec's file is an escaped glob of one file, or of scrapes saved one per file.
      const matched = matchFiles(spec.file, candidates)
      const file = matched[0] ?? spec.file
      const format = spec.format ?? (await formatOf(file)) ?? 'csv'
      const how = detected.used.find((use) => use.file === file)?.how
      if (format === 'prometheus' && matched.length > 1)
        series.push({ file: spec.file, format, spec, note: how, files: matched })
      else series.push({ file, format, ...(await fromProgramStart(join(root, file), spec, how)) })
    }
    const notes = new Map(detected.used.map((use) => [use.file, use.how]))
    for (const planned of series) if (planned.note) notes.set(planned.file, planned.note)
    return {
      how: 'detected',
      series,
      snapshots: detected.snapshots,
      notes,
      formats,
      histograms,
      skipped: detected.skipped
    }
  }

  const plan: InputPlan = {
    how: 'config',
    series: [],
    snapshots: config.snapshots,
    formats,
    histograms,
    config
  }
  for (const [index, spec] of config.series.entries()) {
    const matched = matchOrReport(spec.file, candidates, config, ['series', index], 'file', report)
    if (matched === undefined) continue
    if (matched.length === 0) {
      report.errors.push({
        file: config.source,
        column: `series[${index}].file`,
        found: quoteFound(spec.file),
        expected: 'a glob that matches at least one file',
        message: `${config.source}: key "series[${index}].file": "${quoteFound(spec.file)}" matched no file in ${label} (${candidates.length} files there)`
      })
      continue
    }
    let refused = false
    for (const file of matched) {
      // A GC log or mprof output named with no pattern reads as zero-config reads it.
      const head = await headOf(file)
      const gcLog =
        builtInLogSeries(spec, head) ??
        (readsAsGcLog(spec) && mayHoldLateTrace(file, head)
          ? gcLogSeries(spec, (await lateTraceHead(join(root, file), head)) ?? [])
          : undefined)
      if (gcLog) {
        formats.set(file, 'log')
        plan.series.push({
          file,
          format: 'log',
          ...(await fromProgramStart(join(root, file), gcLog.spec, gcLog.how))
        })
        continue
      }
      const format = spec.format ?? (await formatOf(file))
      if (!format) {
        report.errors.push({
          file,
          message: `${file}: cannot tell the format, expected one of docker-stats, csv, jsonl, json, prometheus, log (set series[${index}].format)`
        })
        continue
      }
      const inapplicable = inapplicableKey(config, spec, index, file, format)
      if (inapplicable) {
        // said once per entry, at the config's key; the file is not read with a key it cannot take
        if (!refused) report.errors.push(inapplicable)
        refused = true
        continue
      }
      // Prometheus files of one entry are read together (scrapes saved one per file).
      const scrapes = plan.series.find((e) => e.spec === spec && e.format === 'prometheus')
      if (format === 'prometheus' && scrapes) {
        scrapes.files = [...(scrapes.files ?? [scrapes.file]), file]
        scrapes.file = spec.file
      } else plan.series.push({ file, format, spec })
    }
  }
  if (config.snapshots) {
    for (const pattern of [config.snapshots.baseline, config.snapshots.post]) {
      let file: string | undefined
      try {
        file = matchFiles(pattern, files)[0]
      } catch (error) {
        if (!(error instanceof GlobError)) throw error
        continue // the snapshot stage reports the glob at its key
      }
      if (file !== undefined) await formatOf(file)
    }
  }
  return plan
}

/**
 * A key of a series entry that cannot apply to the file's format, as a config
 * error at the key's line: `time-format:` on Prometheus text, whose samples
 * carry their own timestamps (or take their scrape's time).
 */
function inapplicableKey(
  config: LeakGateConfig,
  spec: SeriesSpec,
  index: number,
  file: string,
  format: InputFormat
): ReportError | undefined {
  if (format !== 'prometheus' || spec.timeFormat === undefined) return undefined
  return new ConfigError(
    config.source,
    `series[${index}].time-format`,
    `found "${quoteFound(spec.timeFormat)}" for ${file}, which is Prometheus text, expected no \`time-format:\` on a Prometheus series (its samples carry their own timestamps, or take the time of their scrape)`,
    [],
    configKeyLine(config, ['series', index], 'time-format')
  ).toReportError()
}

/** A snapshot's format: Prometheus text when the plan found it so, else JSON. */
export function snapshotFormat(plan: InputPlan, file: string): 'prometheus' | 'json' {
  return plan.formats.get(file) === 'prometheus' ? 'prometheus' : 'json'
}

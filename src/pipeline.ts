/**
 * The engine shared by the action and the command line: configuration →
 * input plan (`plan/`: which file is read how) → load → analyze → verdict,
 * on a local artifact folder.
 * It never throws for bad input: every problem becomes a report error and
 * verdict `error`, so callers always have a report to render.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { analyze } from './analyze/index.js'
import { withPresentation } from './analyze/presentation.js'
import {
  configFileOptions,
  displayConfigPath,
  findConfig,
  loadConfigFile
} from './config/find-config.js'
import type { Checks, LeakGateConfig, SeriesSpec } from './config/types.js'
import { DEFAULT_WARMUP } from './config/types.js'
import {
  InputError,
  internalReportError,
  printableLine,
  quoteFound,
  toReportError
} from './errors.js'
import { readHead, readLines } from './io/read-lines.js'
import { reservedHeapWitness } from './plan/reserved-heap-witness.js'
import {
  COLLECTION_COUNTERS_FILTER,
  collectionCountersFilter,
  collectionsWitnessSpec,
  prometheusCollectionsSpec
} from './plan/collections-witness.js'
import { loadSeries, loadSeriesFiles, loadSnapshot } from './load/index.js'
import { isCoarseTimeNote } from './load/coarse-time.js'
import { MAX_SNAPSHOT_CHARS } from './load/json.js'
import type { Finding, InputFormat, Report, ReportError, Series, Snapshot } from './model.js'
import { checkConfiguredNames, checkSeriesNames } from './plan/check-names.js'
import { describeReadGroups } from './plan/detect.js'
import {
  listFiles,
  matchOrReport,
  planInputs,
  snapshotFormat,
  TooManyFilesError,
  type InputPlan
} from './plan/index.js'
import { applyRuns, decideVerdict, findRunAxis } from './verdict.js'
import { applyPauseManifests } from './pauses/index.js'
import { runHistogramStage } from './histogram/stage.js'
import { HEAP_SNAPSHOT_FILE, loadHeap, planHeap } from './heap-stage.js'
import { GC_LOG_METRIC, heapExhaustion } from './understand/jvm-gc-log.js'
import { hasPauseLines } from './understand/gc-pause-lines.js'
import { snapshotShapeNote } from './understand/snapshot-metrics.js'
import { exhaustedHeapFinding } from './analyze/signatures/oom-risk.js'
import { isOff } from './analyze/thresholds.js'

export interface PipelineOptions {
  /** The artifact folder to analyse. */
  root: string
  /** Config file named by the user (action input `config`, CLI `--config`). */
  configPath?: string
  /** Workspace whose `.github/leak-gate.yml` is used when no config is named. */
  workspace?: string
  /**
   * `configPath` was typed on a person's own command line and may name a file
   * outside the workspace and the artifact folder (never for the action).
   */
  configAnywhere?: boolean
  /** How messages name the artifact folder (the artifact's name in the action); default: `root` as given. */
  rootLabel?: string
  /** The base branch's report, for the `regression` signature. */
  base?: Report
  /** The time suppressions' `until` dates are compared with. Default: now. */
  now?: Date
  /**
   * This folder is one of several artifacts the caller may confirm across
   * (`runs:` in the config): its own folders are not taken for artifacts, and
   * without runs of its own it is judged as one run, silently.
   */
  acrossArtifacts?: boolean
  /**
   * The artifact folder's own config is not the user's (the action: a fork's
   * workflow writes the artifact): its `runs:`, which can lower failures to
   * warnings, is ignored with a note. The command line trusts the user's files.
   */
  untrustedArtifactConfig?: boolean
}

/** Runs config → load → analyze → verdict on a local folder and returns the report. */
export async function runPipeline(options: PipelineOptions): Promise<Report> {
  const report = await runStages(options)
  // One message, one printable line: whatever a file or the config quotes (SPEC §8).
  for (const error of report.errors) {
    error.message = printableLine(error.message)
    if (error.found !== undefined) error.found = quoteFound(error.found)
    if (error.column !== undefined) error.column = printableLine(error.column)
  }
  report.notes = report.notes.map(printableLine)
  redactSecrets(report, secretValues(process.env))
  // What the reader sees first is decided here, once, and travels in the JSON report.
  return withPresentation(report, options.now ?? new Date())
}

/** Names of environment variables that hold credentials (`INPUT_GITHUB-TOKEN`, `ACTIONS_RUNTIME_TOKEN`, `NPM_TOKEN`, ...). */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|API_?KEY|AUTH/i
/** Shorter values are too likely to be ordinary words to redact. */
const MIN_SECRET_LENGTH = 8

/** The values of the environment's credentials, longest first. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && (value?.length ?? 0) >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string)
  return [...new Set(values)].sort((a, b) => b.length - a.length)
}

/**
 * Last line of defence: a credential of the environment that still made it
 * into a message or note (through some file the checks did not foresee) is
 * replaced by `***`; the report is uploaded and commented, and the runner
 * masks only its log.
 */
function redactSecrets(report: Report, secrets: readonly string[]): void {
  if (secrets.length === 0) return
  const redact = (text: string): string =>
    secrets.reduce(
      (out, secret) => (out.includes(secret) ? out.split(secret).join('***') : out),
      text
    )
  for (const error of report.errors) {
    error.message = redact(error.message)
    if (error.found !== undefined) error.found = redact(error.found)
  }
  report.notes = report.notes.map(redact)
}

/** Where a pipeline run with these options looks for its configuration. */
function configSearch(options: PipelineOptions) {
  return {
    explicitPath: options.configPath,
    workspace: options.workspace,
    artifactRoot: options.root,
    explicitAnywhere: options.configAnywhere,
    artifactLabel: options.rootLabel
  }
}

/**
 * The configuration a pipeline run with these options reads, or undefined
 * with none or one that cannot be used (the pipeline itself reports why).
 */
export async function configFor(options: PipelineOptions): Promise<LeakGateConfig | undefined> {
  try {
    const where = configSearch(options)
    const found = await findConfig(where)
    if (!found.path) return undefined
    const config = await loadConfigFile(found.path, configFileOptions(found, where))
    return untrustedRuns(found.how, options) ? { ...config, runs: undefined } : config
  } catch {
    return undefined
  }
}

async function runStages(options: PipelineOptions): Promise<Report> {
  const now = options.now ?? new Date()
  const report = emptyReport(options.root)
  if (options.base) report.base = report.base ?? {}

  let config: LeakGateConfig
  let configHow: string = 'zero-config'
  try {
    const where = configSearch(options)
    const found = await findConfig(where)
    config = found.path
      ? await loadConfigFile(found.path, configFileOptions(found, where))
      : zeroConfig()
    report.config = found.path ? displayConfigPath(found.path, where) : 'zero-config'
    configHow = found.how
    if (config.runs && untrustedRuns(found.how, options)) {
      config = { ...config, runs: undefined }
      report.notes.push(ignoredRunsNote(report.config))
    }
  } catch (error) {
    report.errors.push(toReportError(error))
    report.verdict = 'error'
    return report
  }

  let files: string[]
  try {
    files = await listFiles(options.root)
  } catch (error) {
    report.errors.push({
      message:
        error instanceof TooManyFilesError
          ? `${rootLabel(options)}: ${error.message}`
          : `${rootLabel(options)}: cannot read the artifact folder (${errorCode(error)})`
    })
    report.verdict = 'error'
    return report
  }

  // Heap snapshots are their own input (heap:), never sniffed as series.
  const heapPlan = planHeap(files, config, isZeroConfig(config), report)
  const plan = await planInputs(
    options.root,
    files.filter((file) => !HEAP_SNAPSHOT_FILE.test(file)),
    config,
    report,
    rootLabel(options)
  )
  const series: Series[] = []
  for (const entry of plan.series) {
    const errorsBefore = report.errors.length
    const loaded = await loadSeriesFile(
      options.root,
      entry.file,
      entry.format,
      entry.spec,
      report,
      entry.files,
      await reservedHeapWitnessOf(options.root, entry),
      await holdsCollectorPauses(options.root, entry)
    )
    // the witness (heapTotal the config did not list) is read in the same pass, kept apart
    const witnesses = loaded.series.filter((one) => one.witnessOnly)
    if (witnesses.length > 0) loaded.series = loaded.series.filter((one) => !one.witnessOnly)
    series.push(...loaded.series)
    if (report.errors.length === errorsBefore)
      await checkSeriesNames(config, entry, loaded.series, report, (file) =>
        prometheusNames(options.root, file)
      )
    if (report.errors.length === errorsBefore && loaded.series.length === 0) {
      // a file that was read but gave nothing to judge is never a pass (SPEC §8)
      const rows = loaded.rows === 1 ? '1 row' : `${loaded.rows} rows`
      report.errors.push(
        toReportError(
          new InputError(
            entry.file,
            undefined,
            undefined,
            `${rows}, no value`,
            `numbers to analyse (${entry.format}: is the file ${entry.format === 'csv' ? 'comma-, tab- or semicolon-separated, ' : ''}with the columns the config names?)`
          )
        )
      )
    }
    if (report.errors.length === errorsBefore && loaded.series.length > 0)
      series.push(
        ...witnesses,
        ...(await loadCollectionsWitness(options.root, entry, loaded.series, report))
      )
    // the axis changed: said at the top too, where it is not cut short
    for (const note of loaded.notes)
      if (isCoarseTimeNote(note)) report.notes.push(`${entry.file}: ${note}`)
    report.inputs.push({
      file: entry.file,
      format: entry.format,
      how: plan.how,
      role: 'series',
      rows: loaded.rows,
      series: loaded.series.map((s) => s.id),
      ...(entry.note || loaded.notes.length
        ? {
            note: [
              entry.note && describeReadGroups(entry.note, entry.spec, loaded.series),
              ...loaded.notes
            ]
              .filter(Boolean)
              .join('; ')
          }
        : {})
    })
  }

  let baseline: Snapshot | undefined
  let post: Snapshot | undefined
  if (plan.snapshots) {
    baseline = await loadSnapshotFile(
      options.root,
      files,
      plan.snapshots.baseline,
      'baseline',
      plan,
      report,
      rootLabel(options)
    )
    post = await loadSnapshotFile(
      options.root,
      files,
      plan.snapshots.post,
      'post',
      plan,
      report,
      rootLabel(options)
    )
  }

  // A pair read by its shape (heap snapshot statistics, generic used/total): the post-test's note says how.
  const shapeNote = baseline && post ? snapshotShapeNote(baseline, post, plan.snapshots) : undefined
  const postInput = report.inputs.find(
    (input) => input.role === 'post' && input.file === post?.file
  )
  if (shapeNote && postInput)
    postInput.note = [postInput.note, shapeNote].filter(Boolean).join('; ')

  // Heap snapshot pauses (heap-snapshots.json of the preload helper) left out of their folder's series.
  const paused = await applyPauseManifests(
    files,
    (file, max) => readBounded(join(options.root, file), max),
    series
  )
  series.splice(0, series.length, ...paused.series)
  report.errors.push(...paused.errors)
  report.notes.push(...paused.notes)

  // Class histograms (jcmd, objgraph, pympler, tracemalloc, pprof -top): read after the series,
  // whose work column may date them.
  const histograms = await runHistogramStage(
    plan.histograms,
    (file) => readLines(join(options.root, file), { displayName: file }),
    config,
    series
  )
  report.inputs.push(...histograms.inputs)
  report.errors.push(...histograms.errors)
  if (histograms.tables.length > 0) report.classHistograms = histograms.tables

  const heap = heapPlan
    ? await loadHeap(options.root, files, heapPlan, config, series, report, paused.manifests)
    : undefined
  if (heap) report.heap = heap
  // Classes of the heap snapshots may be named in checks: (leaking-class thresholds).
  const heapRefs = (heap?.rows ?? []).map((row) => ({ file: heap!.final, metric: row.className }))

  checkConfiguredNames(config, plan.snapshots, series, baseline, post, report, [
    ...histograms.refs,
    ...heapRefs
  ])

  if (report.inputs.length === 0 && report.errors.length === 0) {
    // why the first few files were left out: a process tool's printout says what to log instead
    const why = (plan.skipped ?? [])
      .slice(0, 3)
      .map((skipped) => `; ${skipped.file}: ${skipped.reason}`)
      .join('')
    report.errors.push({
      message:
        `${rootLabel(options)}: no input recognised (${files.length} files). Name the files in ` +
        '.github/leak-gate.yml (series:/snapshots:) or ship docker stats, memory CSV or baseline/post snapshots' +
        why
    })
  }
  // An input or config problem stops here; an internal error in one part (heap snapshots) does not.
  if (report.errors.some((error) => !error.internal)) {
    report.verdict = 'error'
    return report
  }

  let result: ReturnType<typeof analyze>
  try {
    result = analyze({
      series,
      baseline,
      post,
      snapshotSpec: plan.snapshots,
      config,
      base: options.base,
      now,
      classFindings: [
        ...histograms.findings,
        ...(await exhaustedHeaps(options.root, plan.series, config.checks))
      ],
      ...(heap ? { heap } : {})
    })
  } catch (error) {
    // Outside any one series or check: the inputs read are still reported.
    report.errors.push(
      internalReportError(
        rootLabel(options),
        'the analysis',
        error,
        'nothing was judged; the inputs read are listed'
      )
    )
    report.verdict = 'error'
    return report
  }
  report.errors.push(...result.errors)
  report.findings = result.findings
  report.suppressed = result.suppressed
  if (configHow === 'artifact' && result.suppressed.length > 0) {
    // The artifact's own config is not in the pull request's diff: say where the `ignore:` came from.
    const n = result.suppressed.length
    report.notes.push(
      `${n} ${n === 1 ? 'finding' : 'findings'} suppressed by \`ignore:\` in ${report.config}, the config shipped inside the artifact, not in the repository (a pull request's diff does not show it)`
    )
  }
  report.metrics = result.metrics
  report.healthy = result.healthy
  report.notes.push(...result.notes)
  // Repeated runs (run-1/, run-2/ or appended): each run's verdict, failures confirmed across runs.
  const axis = findRunAxis(
    report,
    series.map((one) => one.group),
    config.runs?.from,
    options.acrossArtifacts
  )
  // One of several artifacts with no runs of its own: the caller confirms across the artifacts.
  if (options.acrossArtifacts && !axis)
    report.verdict = decideVerdict(report.findings, report.errors)
  else applyRuns(report, config, axis, report.config)
  return report
}

/** `runs:` from this config is not applied: it was found inside an artifact the action does not trust. */
function untrustedRuns(how: string, options: PipelineOptions): boolean {
  return how === 'artifact' && options.untrustedArtifactConfig === true
}

/** Why an artifact's `runs:` was ignored and where to set it instead. */
export function ignoredRunsNote(configFile: string): string {
  return `\`runs:\` in ${configFile} ignored: it is the config shipped inside the artifact, not in the repository, and could turn failures into warnings unseen in a pull request's diff; set \`runs:\` in the repository's .github/leak-gate.yml or the file the action's \`config\` input names`
}

function emptyReport(root: string): Report {
  return {
    version: 1,
    verdict: 'pass',
    findings: [],
    suppressed: [],
    metrics: [],
    inputs: [],
    errors: [],
    healthy: [],
    notes: [],
    config: 'zero-config',
    root
  }
}

/**
 * How a series file's lines are read: a JSON document (`format: json`) may be one line as long as
 * the document may be (dotnet-counters' JSON and curl's Prometheus answers come on one line; at 25
 * counters a second a 5-minute run passes the 1 MiB any other line may take).
 */
function linesOf(
  file: string,
  format: InputFormat
): { displayName: string; maxLineLength?: number } {
  return format === 'json'
    ? { displayName: file, maxLineLength: MAX_SNAPSHOT_CHARS }
    : { displayName: file }
}

/** No `series:`, `snapshots:` or `heap:`: the files are detected. */
function isZeroConfig(config: LeakGateConfig): boolean {
  return config.series.length === 0 && !config.snapshots && !config.heap
}

function zeroConfig(): LeakGateConfig {
  return { source: 'zero-config', warmup: DEFAULT_WARMUP, series: [], checks: {}, ignore: [] }
}

async function loadSeriesFile(
  root: string,
  file: string,
  format: InputFormat,
  spec: SeriesSpec,
  report: Report,
  files?: string[],
  witness?: string,
  collections = false
): Promise<{ series: Series[]; rows: number; notes: string[] }> {
  try {
    const result = files
      ? await loadSeriesFiles(
          files.map((f) => ({ file: f, lines: readLines(join(root, f), { displayName: f }) })),
          { file, format, spec }
        )
      : await loadSeries(readLines(join(root, file), linesOf(file, format)), {
          file,
          format,
          spec,
          ...(witness !== undefined ? { witness: [witness] } : {}),
          ...(collections ? { collections } : {})
        })
    pushErrors(report, file, result.errors, result.errorCount)
    // runs appended in one file come split by the load stage; its notes say so
    return { series: result.series, rows: result.rows, notes: result.notes ?? [] }
  } catch (error) {
    report.errors.push(toReportError(error))
    return { series: [], rows: 0, notes: [] }
  }
}

/**
 * The reserved heap (`heapTotal`) of a memoryUsage file whose config lists memory but not it,
 * to read as a witness only in the same pass as the listed columns (see
 * plan/reserved-heap-witness.ts); undefined when the file has none or its first line cannot be read.
 */
async function reservedHeapWitnessOf(
  root: string,
  entry: { file: string; format: InputFormat; spec: SeriesSpec; files?: string[] }
): Promise<string | undefined> {
  if (entry.files || (entry.format !== 'csv' && entry.format !== 'jsonl')) return undefined
  try {
    const [head] = await readHead(join(root, entry.file), 1)
    return reservedHeapWitness(entry.spec, head ?? '')
  } catch {
    return undefined // the load reports an unreadable file
  }
}

/** Lines of a log looked at for a collector's pause lines (readHead stops at 64 KiB). */
const PAUSE_HEAD_LINES = 4096

/**
 * Whether a log (one file) holds a collector's pause lines in its head (understand/gc-pause-lines.ts):
 * then its load counts the full ones at each reading, as a witness of the readings' process.
 */
async function holdsCollectorPauses(
  root: string,
  entry: { file: string; format: InputFormat; files?: string[] }
): Promise<boolean> {
  if (entry.files || entry.format !== 'log') return false
  try {
    return hasPauseLines(await readHead(join(root, entry.file), PAUSE_HEAD_LINES))
  } catch {
    return false // the load reports an unreadable file
  }
}

/**
 * The collector's `gen2` count beside a live count the config lists (or zero-config reads), read
 * as a witness only (see plan/collections-witness.ts): its own pass over the file, as it is read as
 * a count with its own spec; nothing when the file has none or the column does not read cleanly
 * (the listed series were judged without it).
 */
async function loadCollectionsWitness(
  root: string,
  entry: { file: string; format: InputFormat; spec: SeriesSpec; files?: string[] },
  judged: readonly Series[],
  report: Report
): Promise<Series[]> {
  if (entry.format === 'prometheus') return loadPrometheusCollections(root, entry, judged, report)
  if (entry.files || (entry.format !== 'csv' && entry.format !== 'jsonl')) return []
  try {
    const [head] = await readHead(join(root, entry.file), 1)
    const spec = collectionsWitnessSpec(entry.spec, head ?? '')
    if (spec === null) return []
    const result = await loadSeries(
      readLines(join(root, entry.file), { displayName: entry.file }),
      {
        file: entry.file,
        format: entry.format,
        spec
      }
    )
    if (result.errors.length > 0 || (result.errorCount ?? 0) > 0) return []
    return result.series.map((one) => ({ ...one, witnessOnly: true }))
  } catch {
    return []
  }
}

/** Lines of a Prometheus file looked at for collection counters (readHead stops at 64 KiB). */
const PROMETHEUS_HEAD_LINES = 4096

/**
 * A Prometheus file's collection counters (plan/collections-witness.ts) beside the memory or live
 * count judged from it, read as a witness only: the collector's own count of its collections
 * proves they ran. Its own pass, only when the file's head names them, reading only the label sets
 * that can be witnesses, chosen by the judged series' processes (`collectionCountersFilter`,
 * bounded, with a note past a cap); nothing when
 * it does not read cleanly.
 */
async function loadPrometheusCollections(
  root: string,
  entry: { file: string; format: InputFormat; spec: SeriesSpec; files?: string[] },
  judged: readonly Series[],
  report: Report
): Promise<Series[]> {
  try {
    // the first scrape names its families (64 KiB: a JVM's Micrometer scrape is ~20 KiB)
    const head = await readHead(join(root, entry.files?.[0] ?? entry.file), PROMETHEUS_HEAD_LINES)
    const spec = prometheusCollectionsSpec(entry.spec, judged, head.join('\n'))
    if (spec === null) return []
    const request = {
      file: entry.file,
      format: entry.format,
      spec,
      samples: collectionCountersFilter(judged.map((one) => one.metric))
    }
    const result = entry.files
      ? await loadSeriesFiles(
          entry.files.map((f) => ({
            file: f,
            lines: readLines(join(root, f), { displayName: f })
          })),
          request
        )
      : await loadSeries(readLines(join(root, entry.file), { displayName: entry.file }), request)
    if (result.errors.length > 0 || (result.errorCount ?? 0) > 0) return []
    // only the cap's note: the others (scrapes read, restarts) were said by the judged pass
    for (const note of result.notes ?? [])
      if (note.includes(COLLECTION_COUNTERS_FILTER.what)) report.notes.push(note)
    return result.series.map((one) => ({ ...one, witnessOnly: true }))
  } catch {
    return []
  }
}

async function loadSnapshotFile(
  root: string,
  files: string[],
  pattern: string,
  role: 'baseline' | 'post',
  plan: InputPlan,
  report: Report,
  label: string
): Promise<Snapshot | undefined> {
  const matched = matchOrReport(pattern, files, plan.config, ['snapshots'], role, report)
  if (matched === undefined) return undefined
  const file = matched[0]
  if (!file) {
    report.errors.push({
      column: `snapshots.${role === 'post' ? 'post' : 'baseline'}`,
      found: quoteFound(pattern),
      message: `snapshots.${role}: "${quoteFound(pattern)}" matched no file in ${label}`
    })
    return undefined
  }
  const format = snapshotFormat(plan, file)
  try {
    const result = await loadSnapshot(
      readLines(join(root, file), { displayName: file }),
      file,
      format
    )
    pushErrors(report, file, result.errors, result.errorCount)
    const note = [plan.notes?.get(file), ...(result.notes ?? [])].filter(Boolean).join('; ')
    report.inputs.push({
      file,
      format,
      how: plan.how,
      role,
      rows: result.rows,
      series: Object.keys(result.snapshot.values),
      ...(note ? { note } : {})
    })
    return result.snapshot
  } catch (error) {
    report.errors.push(toReportError(error))
    return undefined
  }
}

/** Metric names (without labels) of a Prometheus file, for "did you mean"; empty when unreadable. */
async function prometheusNames(root: string, file: string): Promise<string[]> {
  try {
    const result = await loadSnapshot(
      readLines(join(root, file), { displayName: file }),
      file,
      'prometheus'
    )
    return [...new Set(Object.keys(result.snapshot.values).map((key) => key.replace(/\{.*$/, '')))]
  } catch {
    return []
  }
}

function pushErrors(report: Report, file: string, errors: ReportError[], errorCount: number): void {
  report.errors.push(...errors)
  if (errorCount > errors.length) {
    report.errors.push({
      file,
      message: `${file}: ${errorCount - errors.length} more ${errorCount - errors.length === 1 ? 'problem' : 'problems'} not listed`
    })
  }
}

/** Most bytes of a GC log read again for full collections that left its heap full. */
const MAX_GC_LOG_BYTES = 256 * 2 ** 20

/**
 * oom-risk findings of the GC logs read (a `log` entry reading `heap_after_gc`
 * from one file): consecutive full collections that left the heap full. A log
 * over {@link MAX_GC_LOG_BYTES} or unreadable here is judged on its trend only.
 */
async function exhaustedHeaps(
  root: string,
  entries: readonly { file: string; format: InputFormat; spec: SeriesSpec; files?: string[] }[],
  checks: Checks
): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const entry of entries) {
    if (entry.format !== 'log' || entry.files || !entry.spec.metrics?.[GC_LOG_METRIC]) continue
    if (isOff(checks, 'oom-risk', { file: entry.file, metric: GC_LOG_METRIC })) continue
    let text: string
    try {
      text = await readBounded(join(root, entry.file), MAX_GC_LOG_BYTES)
    } catch {
      continue
    }
    const exhaustion = heapExhaustion(text.split(/\r?\n/))
    if (exhaustion) findings.push(exhaustedHeapFinding(entry.file, exhaustion))
  }
  return findings
}

/** A small file's text, refused beyond `maxBytes` (a manifest is never large) and never read through a link. */
async function readBounded(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    const size = (await handle.stat()).size
    if (size > maxBytes) throw new Error(`${size} bytes, more than ${maxBytes}`)
    return (await handle.readFile()).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** The errno code of a file-system error (its message would show the runner's absolute path). */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)
}

/**
 * How messages name the artifact folder: the label given (the artifact's
 * name in the action), else the folder as given when it is relative (the
 * CLI's argument), else its path relative to the working directory.
 */
function rootLabel(options: PipelineOptions): string {
  if (options.rootLabel !== undefined) return options.rootLabel
  if (!isAbsolute(options.root)) return options.root
  const rel = relative(process.cwd(), options.root)
  if (rel === '') return '.'
  return isAbsolute(rel) || rel.startsWith('..') ? options.root : rel.split(sep).join('/')
}

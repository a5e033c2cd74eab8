/**
 * The engine shared by the action and the command line: configuration →
 * file discovery → load → analyze → verdict, on a local artifact folder.
 * It never throws for bad input: every problem becomes a report error and
 * verdict `error`, so callers always have a report to render.
 */
import { constants } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { analyze } from './analyze/index.js'
import { withPresentation } from './analyze/presentation.js'
import { detectInputs } from './config/detect.js'
import {
  configFileOptions,
  displayConfigPath,
  findConfig,
  loadConfigFile
} from './config/find-config.js'
import { GlobError, matchFiles } from './config/globs.js'
import type { LeakGateConfig, SeriesSpec, SnapshotSpec } from './config/types.js'
import { DEFAULT_WARMUP } from './config/types.js'
import { chooseMetrics, missingSnapshotNames } from './analyze/snapshot-analysis.js'
import { metricNames, unknownCheckKeys, type MetricRef } from './analyze/thresholds.js'
import { closestName, configKeyLine, listNames } from './config/parse-config.js'
import { ConfigError, InputError, printableLine, quoteFound, toReportError } from './errors.js'
import { readHead, readLines } from './io/read-lines.js'
import { loadSeries, loadSeriesFiles, loadSnapshot, sniffFormat } from './load/index.js'
import type {
  InputFormat,
  InputSummary,
  MetricKind,
  Report,
  ReportError,
  Series,
  SignatureId,
  Snapshot
} from './model.js'
import { decideVerdict } from './verdict.js'
import { applyPauseManifests, PAUSE_MANIFEST_NAME } from './pauses/index.js'
import {
  detectHistograms,
  planConfiguredHistograms,
  runHistogramStage,
  type HistogramPlanEntry
} from './histogram/stage.js'
import { HEAP_SNAPSHOT_FILE, loadHeap, planHeap } from './heap-stage.js'

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
}

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

async function runStages(options: PipelineOptions): Promise<Report> {
  const now = options.now ?? new Date()
  const report = emptyReport(options.root)
  if (options.base) report.base = report.base ?? {}

  let config: LeakGateConfig
  let configHow: string = 'zero-config'
  try {
    const where = {
      explicitPath: options.configPath,
      workspace: options.workspace,
      artifactRoot: options.root,
      explicitAnywhere: options.configAnywhere,
      artifactLabel: options.rootLabel
    }
    const found = await findConfig(where)
    config = found.path
      ? await loadConfigFile(found.path, configFileOptions(found, where))
      : zeroConfig()
    report.config = found.path ? displayConfigPath(found.path, where) : 'zero-config'
    configHow = found.how
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
      message: `${rootLabel(options)}: cannot read the artifact folder (${errorCode(error)})`
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
      entry.files
    )
    series.push(...loaded.series)
    if (report.errors.length === errorsBefore)
      await checkSeriesNames(options.root, config, entry, loaded.series, report)
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
    report.inputs.push({
      file: entry.file,
      format: entry.format,
      how: plan.how,
      role: 'series',
      rows: loaded.rows,
      series: loaded.series.map((s) => s.id),
      ...(entry.note || loaded.notes.length
        ? { note: [entry.note, ...loaded.notes].filter(Boolean).join('; ') }
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
    ? await loadHeap(options.root, files, heapPlan, config, series, report)
    : undefined
  if (heap) report.heap = heap
  // Classes of the heap snapshots may be named in checks: (leaking-class thresholds).
  const heapRefs = (heap?.rows ?? []).map((row) => ({ file: heap!.final, metric: row.className }))

  checkConfiguredNames(config, plan.snapshots, series, baseline, post, report, [
    ...histograms.refs,
    ...heapRefs
  ])

  if (report.inputs.length === 0 && report.errors.length === 0) {
    report.errors.push({
      message:
        `${rootLabel(options)}: no input recognised (${files.length} files). Name the files in ` +
        '.github/leak-gate.yml (series:/snapshots:) or ship docker stats, memory CSV or baseline/post snapshots'
    })
  }
  if (report.errors.length > 0) {
    report.verdict = 'error'
    return report
  }

  const result = analyze({
    series,
    baseline,
    post,
    snapshotSpec: plan.snapshots,
    config,
    base: options.base,
    now,
    classFindings: histograms.findings,
    ...(heap ? { heap } : {})
  })
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
  report.verdict = decideVerdict(report.findings, report.errors)
  return report
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

/** No `series:`, `snapshots:` or `heap:`: the files are detected. */
function isZeroConfig(config: LeakGateConfig): boolean {
  return config.series.length === 0 && !config.snapshots && !config.heap
}

function zeroConfig(): LeakGateConfig {
  return { source: 'zero-config', warmup: DEFAULT_WARMUP, series: [], checks: {}, ignore: [] }
}

interface InputPlan {
  how: InputSummary['how']
  /** `files`: Prometheus scrapes one entry matched, read as one input named `file` (the glob). */
  series: Array<{
    file: string
    format: InputFormat
    spec: SeriesSpec
    note?: string
    files?: string[]
  }>
  snapshots?: SnapshotSpec
  /** Class histogram sequences (`histograms:` or detected). */
  histograms: HistogramPlanEntry[]
  /** Detection's one-line account of how each file is read. */
  notes?: Map<string, string>
  /** The config the plan came from (undefined for zero-config detection). */
  config?: LeakGateConfig
}

/** Decides which file is read how: from the config's entries, or by zero-config detection. */
async function planInputs(
  root: string,
  files: string[],
  config: LeakGateConfig,
  report: Report,
  label: string
): Promise<InputPlan> {
  const candidates = files.filter((file) => !NOT_INPUTS.has(file.split('/').pop() ?? ''))
  const configured = planConfiguredHistograms(config, candidates)
  report.errors.push(...configured.errors)
  const histograms = configured.entry ? [configured.entry] : []
  if (isZeroConfig(config)) {
    const allHeads = await Promise.all(
      candidates.map(async (file) => ({ path: file, head: await safeHead(join(root, file)) }))
    )
    // Class histograms are read by their own stage, not as series.
    const detectedHistograms = detectHistograms(allHeads)
    const histogramFiles = new Set([
      ...detectedHistograms.flatMap((entry) => entry.files),
      ...histograms.flatMap((entry) => entry.files)
    ])
    if (!configured.entry && !config.histograms) histograms.push(...detectedHistograms)
    const heads = allHeads.filter((head) => !histogramFiles.has(head.path))
    const detected = detectInputs(heads)
    for (const skipped of detected.skipped)
      report.notes.push(`${skipped.file}: not used (${skipped.reason})`)
    const series: InputPlan['series'] = []
    for (const spec of detected.series) {
      // A detected spec's file is an escaped glob of one file, or of scrapes saved one per file.
      const matched = matchFiles(spec.file, candidates)
      const file = matched[0] ?? spec.file
      const format = spec.format ?? (await formatOf(root, file)) ?? 'csv'
      const note = detected.used.find((use) => use.file === file)?.how
      if (format === 'prometheus' && matched.length > 1)
        series.push({ file: spec.file, format, spec, note, files: matched })
      else series.push({ file, format, spec, note })
    }
    const notes = new Map(detected.used.map((use) => [use.file, use.how]))
    return { how: 'detected', series, snapshots: detected.snapshots, notes, histograms }
  }

  const plan: InputPlan = {
    how: 'config',
    series: [],
    snapshots: config.snapshots,
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
    for (const file of matched) {
      const format = spec.format ?? (await formatOf(root, file))
      if (!format) {
        report.errors.push({
          file,
          message: `${file}: cannot tell the format, expected one of docker-stats, csv, jsonl, json, prometheus, log (set series[${index}].format)`
        })
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
  return plan
}

/**
 * The files a configured glob matches, or undefined after reporting a glob
 * that cannot be used (too many `{a,b}` paths, or too slow to match) at its key.
 */
function matchOrReport(
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

/** What a configured snapshot must hold when no `metrics:` are named. */
const SNAPSHOT_MEMORY_HINT =
  'memory metrics such as rss, heapUsed (process.memoryUsage()) or ' +
  'process_resident_memory_bytes (Prometheus)'

/**
 * A configured series' names the loaded file does not have, where the loader
 * itself does not say so: a `work:` that gave no work axis (whatever the
 * format), and Prometheus `metrics:` names no sample has (the table loaders
 * check their columns themselves). Runs only on an entry that loaded without errors.
 */
async function checkSeriesNames(
  root: string,
  config: LeakGateConfig,
  entry: InputPlan['series'][number],
  loaded: Series[],
  report: Report
): Promise<void> {
  const index = config.series.indexOf(entry.spec)
  if (index < 0) return // detected, not configured
  const { spec } = entry
  const files = entry.files ?? [entry.file]
  if (spec.work !== undefined && loaded.length > 0 && !loaded.some((s) => s.workName)) {
    const expected =
      entry.format === 'prometheus'
        ? `no \`work\` for a Prometheus file (${entry.file}): its scrapes give no work axis`
        : `a work column of ${entry.file}`
    report.errors.push(
      new ConfigError(
        config.source,
        `series[${index}].work`,
        `found "${quoteFound(spec.work)}", expected ${expected}`,
        [],
        configKeyLine(config, ['series', index], 'work')
      ).toReportError()
    )
  }
  if (entry.format !== 'prometheus' || !spec.metrics) return
  const has = (name: string): boolean =>
    loaded.some((s) => s.metric === name || s.metric.startsWith(`${name}{`))
  const missing = Object.keys(spec.metrics).filter((name) => !has(name))
  if (missing.length === 0) return
  const names = await prometheusNames(root, files[0])
  for (const name of missing) {
    const close = closestName(name, names)
    report.errors.push(
      new ConfigError(
        config.source,
        `series[${index}].metrics.${name}`,
        `found "${quoteFound(name)}", expected a metric of ${entry.file}` +
          (close ? `, did you mean "${close}"?` : ''),
        listNames(name, names),
        configKeyLine(config, ['series', index, 'metrics'], name)
      ).toReportError()
    )
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

/** Names worth suggesting under `snapshots.metrics`, best first (V8 heap statistics, cgroup memory.stat). */
const EXAMPLE_METRIC = [
  /rss|resident/i,
  /used_heap|heap_?used/i,
  /heap/i,
  /^anon$/,
  /mem/i,
  /bytes/i
]

/**
 * Names in the config that match nothing in the inputs are errors, as a
 * misspelt column is (SPEC §8): a snapshot metric or work field the snapshot
 * files lack, configured snapshots with nothing to compare, and a `checks:`
 * key no metric has (its thresholds would apply nowhere, leaving the defaults).
 * Runs only on inputs that loaded cleanly, so it never piles onto a load error.
 */
function checkConfiguredNames(
  config: LeakGateConfig,
  snapshotSpec: SnapshotSpec | undefined,
  series: Series[],
  baseline: Snapshot | undefined,
  post: Snapshot | undefined,
  report: Report,
  classRefs: MetricRef[] = []
): void {
  const cleanBefore = report.errors.length === 0
  const loaded = (snapshot: Snapshot): boolean =>
    !report.errors.some((error) => error.file === snapshot.file)
  const refs: MetricRef[] = series.map((s) => ({ file: s.file, metric: s.metric, group: s.group }))
  refs.push(...classRefs)
  const judged: JudgedRef[] = series.map((s) => ({
    ref: { file: s.file, metric: s.metric, group: s.group },
    kind: s.kind,
    snapshot: false
  }))
  const spec = config.snapshots
  const addSnapshotRefs = (chosen: Record<string, MetricKind>, file: string): void => {
    for (const [metric, kind] of Object.entries(chosen)) {
      refs.push({ file, metric })
      judged.push({ ref: { file, metric }, kind, snapshot: true })
    }
  }
  if (spec && baseline && post && loaded(baseline) && loaded(post)) {
    const problems = checkSnapshotNames(config, baseline, post)
    report.errors.push(...problems.map((problem) => problem.toReportError()))
    if (problems.length === 0) addSnapshotRefs(chooseMetrics(baseline, post, spec), post.file)
  } else if (baseline && post) {
    addSnapshotRefs(chooseMetrics(baseline, post, snapshotSpec), post.file)
  }
  if (!cleanBefore || report.errors.length > 0) return
  for (const problem of inapplicableChecks(config, judged)) report.errors.push(problem)
  if (report.errors.length > 0) return
  const names = [...new Set(refs.map((ref) => ref.metric))]
  for (const key of unknownCheckKeys(config.checks, refs)) {
    const close = closestName(key.replace(/^.*:/, ''), names)
    const hint = close ? `, did you mean "${close}"?` : ''
    const problem =
      `found "${quoteFound(key)}", expected a metric of the inputs ` +
      `(its name, FILE:name, or * for all)${hint}`
    report.errors.push(
      new ConfigError(
        config.source,
        `checks.${key}`,
        problem,
        listNames(key, names),
        configKeyLine(config, ['checks'], key)
      ).toReportError()
    )
  }
}

/** The errors for configured snapshot names the files lack, or for nothing to compare. */
function checkSnapshotNames(
  config: LeakGateConfig,
  baseline: Snapshot,
  post: Snapshot
): ConfigError[] {
  const spec = config.snapshots as SnapshotSpec
  const both = Object.keys(post.values).filter((name) => name in baseline.values)
  const files = `${baseline.file} and ${post.file}`
  const errors = missingSnapshotNames(baseline, post, spec).map((problem) => {
    const close = closestName(problem.name, both)
    const hint = close ? `, did you mean "${close}"?` : ''
    const where =
      problem.missingFrom.length === 2
        ? ''
        : ` in ${problem.missingFrom[0] === baseline.file ? post.file : baseline.file} only`
    const what =
      problem.key === 'metrics'
        ? `a metric that both ${files} have`
        : `a field that both ${files} have (its change is the work done), or a number`
    const line =
      problem.key === 'metrics'
        ? configKeyLine(config, ['snapshots', 'metrics'], problem.name)
        : configKeyLine(config, ['snapshots'], 'work')
    return new ConfigError(
      config.source,
      problem.key === 'metrics' ? `snapshots.metrics.${problem.name}` : 'snapshots.work',
      `found "${quoteFound(problem.name)}"${where}, expected ${what}${hint}`,
      listNames(problem.name, both),
      line
    )
  })
  if (errors.length > 0 || Object.keys(chooseMetrics(baseline, post, spec)).length > 0)
    return errors
  // Configured snapshots of which nothing can be compared: an error, never an empty pass.
  const sample = both.slice(0, 5).join(', ') + (both.length > 5 ? ', …' : '')
  const example = EXAMPLE_METRIC.map((pattern) => both.find((name) => pattern.test(name))).find(
    Boolean
  )
  const problem =
    both.length === 0
      ? `found no value that both ${files} have, expected ${SNAPSHOT_MEMORY_HINT} in both files`
      : `found ${both.length} values in both ${files} (${sample}), none of them a memory metric ` +
        `leak-gate knows, expected ${SNAPSHOT_MEMORY_HINT}, or the values to compare named ` +
        `under snapshots.metrics${example ? `, e.g. "metrics: { ${example}: memory }"` : ''}`
  return [
    new ConfigError(config.source, 'snapshots', problem, [], configKeyLine(config, [], 'snapshots'))
  ]
}

async function formatOf(root: string, file: string): Promise<InputFormat | undefined> {
  return sniffFormat(file, await safeHead(join(root, file)))
}

async function safeHead(path: string): Promise<string[]> {
  try {
    return await readHead(path, HEAD_LINES)
  } catch {
    return []
  }
}

async function loadSeriesFile(
  root: string,
  file: string,
  format: InputFormat,
  spec: SeriesSpec,
  report: Report,
  files?: string[]
): Promise<{ series: Series[]; rows: number; notes: string[] }> {
  try {
    const result = files
      ? await loadSeriesFiles(
          files.map((f) => ({ file: f, lines: readLines(join(root, f), { displayName: f }) })),
          { file, format, spec }
        )
      : await loadSeries(readLines(join(root, file), { displayName: file }), {
          file,
          format,
          spec
        })
    pushErrors(report, file, result.errors, result.errorCount)
    return { series: result.series, rows: result.rows, notes: result.notes ?? [] }
  } catch (error) {
    report.errors.push(toReportError(error))
    return { series: [], rows: 0, notes: [] }
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
  const format = (await formatOf(root, file)) === 'prometheus' ? 'prometheus' : 'json'
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

function pushErrors(report: Report, file: string, errors: ReportError[], errorCount: number): void {
  report.errors.push(...errors)
  if (errorCount > errors.length) {
    report.errors.push({
      file,
      message: `${file}: ${errorCount - errors.length} more ${errorCount - errors.length === 1 ? 'problem' : 'problems'} not listed`
    })
  }
}

/** Lists regular files below root as POSIX paths relative to it, sorted. */
async function listFiles(root: string): Promise<string[]> {
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
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'))
    }
  }
  await walk(root, 0)
  return out.sort()
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

/** A metric a check may name, with what it is (for {@link inapplicableChecks}). */
interface JudgedRef {
  ref: MetricRef
  kind: MetricKind
  snapshot: boolean
}

/** Which metrics each signature can judge: a series or a snapshot metric, of these kinds. */
const APPLIES: Record<SignatureId, (ref: JudgedRef) => boolean> = {
  'sustained-growth': (r) => !r.snapshot && ['memory', 'count', 'live'].includes(r.kind),
  'rising-floor': (r) => !r.snapshot && r.kind === 'memory',
  'retained-after-load': (r) => r.snapshot && ['memory', 'count', 'live'].includes(r.kind),
  'per-work-cost': (r) => ['memory', 'count', 'live'].includes(r.kind),
  'uncollected-objects': (r) => !r.snapshot && ['created', 'collected', 'live'].includes(r.kind),
  'oom-risk': (r) => !r.snapshot && r.kind === 'memory',
  'leaking-class': () => true,
  regression: () => true
}

/**
 * A `checks:` entry naming a metric (not `*`) that its signature cannot judge
 * (retained-after-load on a series, rising-floor on a count...) is an error:
 * the threshold would otherwise be silently ignored.
 */
function inapplicableChecks(config: LeakGateConfig, judged: JudgedRef[]): ReportError[] {
  const errors: ReportError[] = []
  for (const [key, settings] of Object.entries(config.checks)) {
    if (key === '*') continue
    const named = judged.filter((j) => metricNames(j.ref).includes(key))
    if (named.length === 0) continue // unknownCheckKeys says so
    for (const signature of Object.keys(settings) as SignatureId[]) {
      if (settings[signature] === 'off' || named.some(APPLIES[signature])) continue
      const what = [
        ...new Set(named.map((j) => `${j.snapshot ? 'a snapshot' : 'a series'} ${j.kind} metric`))
      ]
      errors.push(
        new ConfigError(
          config.source,
          `checks.${key}.${signature}`,
          `${signature} cannot judge ${key} (${what.join(', ')}): it judges ${APPLIES_TEXT[signature]}`,
          [],
          configKeyLine(config, ['checks'], key)
        ).toReportError()
      )
    }
  }
  return errors
}

const APPLIES_TEXT: Record<SignatureId, string> = {
  'sustained-growth': 'memory, count and live series',
  'rising-floor': 'memory series',
  'retained-after-load': 'memory, count and live metrics of the snapshots',
  'per-work-cost': 'memory, count and live metrics with a work column or snapshots.work',
  'uncollected-objects': 'created/collected/live counters of a series file',
  'oom-risk': 'memory series',
  'leaking-class': 'class histograms',
  regression: 'any metric'
}

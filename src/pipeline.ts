/**
 * The engine shared by the action and the command line: configuration →
 * input plan (`plan/`: which file is read how) → load → analyze → verdict,
 * on a local artifact folder.
 * It never throws for bad input: every problem becomes a report error and
 * verdict `error`, so callers always have a report to render.
 */
import { join, relative, sep } from 'node:path'
import { analyze } from './analyze/index.js'
import { findConfig, loadConfigFile } from './config/find-config.js'
import { matchFiles } from './config/globs.js'
import type { LeakGateConfig, SeriesSpec } from './config/types.js'
import { DEFAULT_WARMUP } from './config/types.js'
import { InputError, oneLine, toReportError } from './errors.js'
import { readLines } from './io/read-lines.js'
import { loadSeries, loadSeriesFiles, loadSnapshot, splitRuns } from './load/index.js'
import type { InputFormat, Report, ReportError, Series, Snapshot } from './model.js'
import { checkConfiguredNames, checkSeriesNames } from './plan/check-names.js'
import { listFiles, planInputs, snapshotFormat, type InputPlan } from './plan/index.js'
import { decideVerdict } from './verdict.js'

export interface PipelineOptions {
  /** The artifact folder to analyse. */
  root: string
  /** Config file named by the user (action input `config`, CLI `--config`). */
  configPath?: string
  /** Workspace whose `.github/leak-gate.yml` is used when no config is named. */
  workspace?: string
  /** The base branch's report, for the `regression` signature. */
  base?: Report
  /** The time suppressions' `until` dates are compared with. Default: now. */
  now?: Date
}

/** Runs config → load → analyze → verdict on a local folder and returns the report. */
export async function runPipeline(options: PipelineOptions): Promise<Report> {
  const report = await runStages(options)
  // One message, one line: whatever a file or the config quotes (SPEC §8).
  for (const error of report.errors) error.message = oneLine(error.message)
  return report
}

async function runStages(options: PipelineOptions): Promise<Report> {
  const now = options.now ?? new Date()
  const report = emptyReport(options.root)
  if (options.base) report.base = report.base ?? {}

  let config: LeakGateConfig
  try {
    const found = await findConfig({
      explicitPath: options.configPath,
      workspace: options.workspace,
      artifactRoot: options.root
    })
    config = found.path ? await loadConfigFile(found.path) : zeroConfig()
    report.config = found.path ? displayPath(found.path) : 'zero-config'
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
      message: `${options.root}: cannot read the artifact folder (${describe(error)})`
    })
    report.verdict = 'error'
    return report
  }

  const plan = await planInputs(options.root, files, config, report)
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
      report
    )
    post = await loadSnapshotFile(options.root, files, plan.snapshots.post, 'post', plan, report)
  }

  checkConfiguredNames(config, plan.snapshots, series, baseline, post, report)

  if (report.inputs.length === 0 && report.errors.length === 0) {
    report.errors.push({
      message:
        `${options.root}: no input recognised (${files.length} files). Name the files in ` +
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
    now
  })
  report.findings = result.findings
  report.suppressed = result.suppressed
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

function zeroConfig(): LeakGateConfig {
  return { source: 'zero-config', warmup: DEFAULT_WARMUP, series: [], checks: {}, ignore: [] }
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
    // runs appended in one file are judged one by one; gaps in sampling are said
    const runs = splitRuns(result.series)
    return {
      series: runs.series,
      rows: result.rows,
      notes: [...(result.notes ?? []), ...runs.notes]
    }
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
  report: Report
): Promise<Snapshot | undefined> {
  const file = matchFiles(pattern, files)[0]
  if (!file) {
    report.errors.push({
      column: `snapshots.${role === 'post' ? 'post' : 'baseline'}`,
      found: pattern,
      message: `snapshots.${role}: "${pattern}" matched no file in ${root}`
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

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : path
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

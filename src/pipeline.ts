/**
 * The engine shared by the action and the command line: configuration →
 * file discovery → load → analyze → verdict, on a local artifact folder.
 * It never throws for bad input: every problem becomes a report error and
 * verdict `error`, so callers always have a report to render.
 */
import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { analyze } from './analyze/index.js'
import { detectInputs } from './config/detect.js'
import { findConfig, loadConfigFile } from './config/find-config.js'
import { matchFiles } from './config/globs.js'
import type { LeakGateConfig, SeriesSpec, SnapshotSpec } from './config/types.js'
import { DEFAULT_WARMUP } from './config/types.js'
import { toReportError } from './errors.js'
import { readHead, readLines } from './io/read-lines.js'
import { loadSeries, loadSnapshot, sniffFormat } from './load/index.js'
import type { InputFormat, InputSummary, Report, ReportError, Series, Snapshot } from './model.js'
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

/** Files that are never inputs: our own config and the example's expectation. */
const NOT_INPUTS = new Set(['leak-gate.yml', 'leak-gate.yaml', 'expected.json'])
/** Lines read from each file to detect its format. */
const HEAD_LINES = 24
/** Deepest folder level searched below the artifact root. */
const MAX_DEPTH = 8

/** Runs config → load → analyze → verdict on a local folder and returns the report. */
export async function runPipeline(options: PipelineOptions): Promise<Report> {
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
    const loaded = await loadSeriesFile(options.root, entry.file, entry.format, entry.spec, report)
    series.push(...loaded.series)
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

interface InputPlan {
  how: InputSummary['how']
  series: Array<{ file: string; format: InputFormat; spec: SeriesSpec; note?: string }>
  snapshots?: SnapshotSpec
  /** Detection's one-line account of how each file is read. */
  notes?: Map<string, string>
}

/** Decides which file is read how: from the config's entries, or by zero-config detection. */
async function planInputs(
  root: string,
  files: string[],
  config: LeakGateConfig,
  report: Report
): Promise<InputPlan> {
  const candidates = files.filter((file) => !NOT_INPUTS.has(file.split('/').pop() ?? ''))
  if (config.series.length === 0 && !config.snapshots) {
    const heads = await Promise.all(
      candidates.map(async (file) => ({ path: file, head: await safeHead(join(root, file)) }))
    )
    const detected = detectInputs(heads)
    for (const skipped of detected.skipped)
      report.notes.push(`${skipped.file}: not used (${skipped.reason})`)
    const series: InputPlan['series'] = []
    for (const spec of detected.series) {
      // A detected spec's file is an escaped glob of exactly one file.
      const file = matchFiles(spec.file, candidates)[0] ?? spec.file
      const format = spec.format ?? (await formatOf(root, file)) ?? 'csv'
      const note = detected.used.find((use) => use.file === file)?.how
      series.push({ file, format, spec, note })
    }
    const notes = new Map(detected.used.map((use) => [use.file, use.how]))
    return { how: 'detected', series, snapshots: detected.snapshots, notes }
  }

  const plan: InputPlan = { how: 'config', series: [], snapshots: config.snapshots }
  for (const [index, spec] of config.series.entries()) {
    const matched = matchFiles(spec.file, candidates)
    if (matched.length === 0) {
      report.errors.push({
        file: config.source,
        column: `series[${index}].file`,
        found: spec.file,
        expected: 'a glob that matches at least one file',
        message: `${config.source}: key "series[${index}].file": "${spec.file}" matched no file in ${root} (${candidates.length} files there)`
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
      plan.series.push({ file, format, spec })
    }
  }
  return plan
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
  report: Report
): Promise<{ series: Series[]; rows: number; notes: string[] }> {
  try {
    const result = await loadSeries(readLines(join(root, file), { displayName: file }), {
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
      message: `${file}: ${errorCount - errors.length} more problems not listed`
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

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : path
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

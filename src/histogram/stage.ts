/**
 * The class histogram stage, between load and analyze: which files are
 * histograms (the `histograms:` entry, or zero-config: files whose first
 * lines are one of the known formats, grouped per folder and format, in
 * natural name order), reading them, the work done at each, and the
 * comparison. Reading goes through a line source the caller hands in, so
 * this stays testable with arrays; the pipeline passes `io/read-lines`.
 */
import type { HistogramSpec, LeakGateConfig } from '../config/types.js'
import { matchFiles } from '../config/globs.js'
import { internalReportError } from '../errors.js'
import { naturalCompare, type LineSource } from '../load/index.js'
import type { MetricRef } from '../understand/metric-names.js'
import type { ClassGrowthTable, Finding, InputSummary, ReportError, Series } from '../model.js'
import { compareHistograms } from './compare.js'
import { readHistogram, sniffHistogram } from './parse.js'
import type { Histogram, HistogramFormat } from './types.js'

/** One sequence of histograms of one process, oldest first. */
export interface HistogramPlanEntry {
  files: string[]
  how: InputSummary['how']
  spec?: HistogramSpec
  format?: HistogramFormat
}

/** What the stage hands back to the pipeline. */
export interface HistogramStageResult {
  tables: ClassGrowthTable[]
  findings: Finding[]
  inputs: InputSummary[]
  errors: ReportError[]
  /** Class names, so `checks:` and `ignore:` may name a class. */
  refs: MetricRef[]
}

/**
 * Files of a zero-config run that are class histograms, by their first
 * lines, grouped per folder and format in natural name order
 * (`histo-2.txt` before `histo-10.txt`).
 */
export function detectHistograms(
  heads: ReadonlyArray<{ path: string; head: readonly string[] }>
): HistogramPlanEntry[] {
  const groups = new Map<string, { files: string[]; format: HistogramFormat }>()
  for (const { path, head } of heads) {
    const format = sniffHistogram(head)
    if (!format) continue
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    const key = `${folder}\u0000${format}`
    const group = groups.get(key) ?? { files: [], format }
    group.files.push(path)
    groups.set(key, group)
  }
  return [...groups.values()].map((group) => ({
    files: group.files.sort(naturalCompare),
    how: 'detected' as const,
    format: group.format
  }))
}

/** The configured sequence: baseline, target (optional), final; an error for a glob that matches nothing. */
export function planConfiguredHistograms(
  config: LeakGateConfig,
  candidates: string[]
): { entry?: HistogramPlanEntry; errors: ReportError[] } {
  const spec = config.histograms
  if (!spec) return { errors: [] }
  const errors: ReportError[] = []
  const files: string[] = []
  for (const key of ['baseline', 'target', 'final'] as const) {
    const pattern = spec[key]
    if (pattern === undefined) continue
    const file = matchFiles(pattern, candidates)[0]
    if (file === undefined) {
      errors.push({
        file: config.source,
        column: `histograms.${key}`,
        found: pattern,
        expected: 'a glob that matches a class histogram file',
        message: `${config.source}: key "histograms.${key}": "${pattern}" matched no file (${candidates.length} files there)`
      })
    } else files.push(file)
  }
  if (spec.work && spec.work.length !== files.length && errors.length === 0)
    errors.push({
      file: config.source,
      column: 'histograms.work',
      found: `${spec.work.length} numbers`,
      expected: `one work count per histogram (${files.length})`,
      message: `${config.source}: key "histograms.work": found ${spec.work.length} numbers, expected one work count per histogram (${files.length})`
    })
  if (errors.length > 0) return { errors }
  return {
    entry: { files, how: 'config', spec, ...(spec.format ? { format: spec.format } : {}) },
    errors
  }
}

/**
 * The work counter at an instant, from the first series with a work column
 * whose time axis is absolute and spans the instant: the last sample at or
 * before it. Undefined when no series covers it.
 */
export function workAtTime(
  series: readonly Series[],
  time: number
): { work: number; name?: string } | undefined {
  for (const s of series) {
    if (!s.workName || s.timeBase !== 'epoch' || s.time.length < 2) continue
    const first = s.time[0]
    const last = s.time[s.time.length - 1]
    const step = (last - first) / (s.time.length - 1)
    if (time < first - step || time > last + step) continue
    let found: number | undefined
    for (let i = 0; i < s.time.length && s.time[i] <= time; i++)
      if (Number.isFinite(s.work[i])) found = s.work[i]
    if (found === undefined && Number.isFinite(s.work[0])) found = s.work[0]
    if (found !== undefined) return { work: found, name: s.workName }
  }
  return undefined
}

/** Reads and compares each planned sequence. Never throws for bad input. */
export async function runHistogramStage(
  plan: readonly HistogramPlanEntry[],
  open: (file: string) => LineSource,
  config: LeakGateConfig,
  series: readonly Series[]
): Promise<HistogramStageResult> {
  const out: HistogramStageResult = { tables: [], findings: [], inputs: [], errors: [], refs: [] }
  for (const entry of plan) {
    const read: Histogram[] = []
    let clean = true
    for (const file of entry.files) {
      const result = await readHistogram(open(file), {
        file,
        ...(entry.format ? { format: entry.format } : {}),
        ...(entry.spec?.pymplerDiff !== undefined ? { pymplerDiff: entry.spec.pymplerDiff } : {})
      })
      out.errors.push(...result.errors)
      if (result.errorCount > result.errors.length)
        out.errors.push({
          file,
          message: `${file}: ${result.errorCount - result.errors.length} more problems not listed`
        })
      if (result.errorCount > 0 || !result.histogram) clean = false
      if (result.histogram) {
        read.push(result.histogram)
        out.inputs.push({
          file,
          format: result.histogram.format,
          how: entry.how,
          role: 'histogram',
          rows: result.histogram.rows.length,
          series: []
        })
      }
    }
    if (!clean || read.length === 0) continue
    const formats = new Set(read.map((h) => h.format))
    if (formats.size > 1) {
      out.errors.push({
        file: read[read.length - 1].file,
        found: [...formats].join(' and '),
        expected: 'histograms of one tool, of one process',
        message: `${entry.files.join(', ')}: found ${[...formats].join(' and ')} histograms, expected histograms of one tool, of one process`
      })
      continue
    }
    if (read.length === 1) {
      out.inputs[out.inputs.length - 1].note = 'one class histogram: nothing to compare it with'
      continue
    }
    let compared: ReturnType<typeof compareHistograms>
    let work: ReturnType<typeof workOf>
    try {
      work = workOf(read, entry.spec, series)
      compared = compareHistograms(read, {
        checks: config.checks,
        work: work.values,
        ...(work.name ? { workName: work.name } : {})
      })
    } catch (error) {
      // A bug met on one sequence: reported on it, the other sequences and the series still judged.
      out.errors.push(
        internalReportError(
          read[read.length - 1].file,
          `class histograms ${entry.files.join(', ')}`,
          error,
          'these histograms were not compared; the rest was analysed'
        )
      )
      continue
    }
    if (work.how) compared.table.notes.unshift(work.how)
    out.tables.push(compared.table)
    out.findings.push(...compared.findings)
    const final = read[read.length - 1].file
    for (const h of read) for (const row of h.rows) out.refs.push({ file: final, metric: row.name })
  }
  return out
}

/** Work at each histogram: the config's list, the files' `# leak-gate: work=` lines, or their `time=` in a series. */
function workOf(
  histograms: Histogram[],
  spec: HistogramSpec | undefined,
  series: readonly Series[]
): { values: Array<number | undefined>; name?: string; how?: string } {
  if (spec?.work) return { values: spec.work, how: 'work per histogram from histograms.work' }
  if (histograms.every((h) => h.work !== undefined))
    return {
      values: histograms.map((h) => h.work),
      how: 'work per histogram from its "# leak-gate: work=" line'
    }
  if (histograms.every((h) => h.time !== undefined)) {
    const found = histograms.map((h) => workAtTime(series, h.time as number))
    if (found.every(Boolean))
      return {
        values: found.map((f) => f?.work),
        name: found[0]?.name,
        how: `work per histogram read from the series' ${found[0]?.name} column at each histogram's time`
      }
  }
  return { values: histograms.map(() => undefined) }
}

/**
 * The verdict (SPEC §6): `error` when an input or the configuration could
 * not be used (then nothing is claimed about leaks), else `fail` when any
 * finding is at level fail, `warn` when any is at level warn, else `pass`.
 * Suppressed findings are not passed in: they never decide the verdict.
 * An `insufficient-data` finding (a series too short to judge) is a warn, so
 * a run that could not be judged is never a plain pass (SPEC §8).
 * With `runs:` in the config, repeated runs of one test are confirmed first
 * (`analyze/confirm-runs.ts`): a failure seen in too few runs is a warning.
 */
import {
  appendedAxis,
  artifactAxis,
  capRuns,
  confirmRuns,
  folderAxis,
  listRunNames,
  MAX_RUNS,
  relabelSeries,
  requiredRuns,
  type RunAxis
} from './analyze/confirm-runs.js'
import { headlineOrder } from './analyze/leak-rows.js'
import { configKeyLine } from './config/parse-config.js'
import type { LeakGateConfig } from './config/types.js'
import { ConfigError } from './errors.js'
import type { Finding, Report, ReportError, Verdict } from './model.js'

/** Decides the verdict from the findings that count and the input/config errors. */
export function decideVerdict(findings: Finding[], errors: ReportError[]): Verdict {
  if (errors.length > 0) return 'error'
  if (findings.some((f) => f.level === 'fail')) return 'fail'
  if (findings.some((f) => f.level === 'warn')) return 'warn'
  return 'pass'
}

/**
 * The runs of one analysed folder that `runs.from` (or, when absent, the
 * folder's shape) names: numbered folders, else runs appended in one file.
 * `from: artifacts` in one folder means its top-level folders (artifacts
 * downloaded side by side by `gh run download`), unless the caller confirms
 * across artifacts itself (`acrossArtifacts`).
 */
export function findRunAxis(
  report: Report,
  groups: ReadonlyArray<string | undefined>,
  from: NonNullable<LeakGateConfig['runs']>['from'],
  acrossArtifacts = false
): RunAxis | undefined {
  const files = report.inputs.map((input) => input.file)
  if (from === 'artifacts') return acrossArtifacts ? undefined : capRuns(folderAxis(files, true))
  if (from === 'folders') return capRuns(folderAxis(files, true))
  if (from === 'appended') return capRuns(appendedAxis(groups))
  return capRuns(folderAxis(files) ?? appendedAxis(groups))
}

/** Where the runs were looked for, for the note when fewer than two were found. */
const LOOKED_AT: Record<string, string> = {
  folders: 'folders like run-1/, run-2/ holding the same files',
  artifacts: 'artifacts (or their folders) holding the same files',
  appended: 'runs appended in one file',
  found: 'numbered folders (run-1/, run-2/) or runs appended in one file'
}

/**
 * Applies `runs:` to a finished analysis (findings, metrics, verdict): each
 * run's own verdict, failures confirmed across runs, the headline's words.
 * With fewer than two runs the report is unchanged but for a note; a
 * `confirm:` above the number of runs found is a configuration error at its
 * line. Without `runs:` in the config, a note says when repeated runs were
 * found and how to confirm across them. Mutates `report`.
 */
export function applyRuns(
  report: Report,
  config: LeakGateConfig,
  axis: RunAxis | undefined,
  configFile = config.source
): void {
  const spec = config.runs
  const total = axis?.runs.length ?? 0
  const omitted = axis?.omitted ?? 0
  if (!spec) {
    if (axis && total >= 2 && axis.by !== 'appended')
      report.notes.push(
        `${total + omitted} numbered folders hold the same files (${axis.runs.slice(0, 3).join(', ')}${total > 3 ? ', …' : ''}): each judged on its own and any failure fails; if they are runs of one test, \`runs: {confirm: majority}\` fails only when most of them fail with the same leak`
      )
    report.verdict = decideVerdict(report.findings, report.errors)
    return
  }
  const required = requiredRuns(spec.confirm, Math.max(total, 1))
  if (typeof spec.confirm === 'number' && required > Math.max(total, 1)) {
    const found =
      total >= 2
        ? omitted > 0
          ? `the first ${total} of the ${total + omitted} runs found (${listRunNames(axis!.runs)})`
          : `the ${total} runs found (${listRunNames(axis!.runs)})`
        : 'the 1 run found'
    report.errors.push(
      new ConfigError(
        configFile,
        'runs.confirm',
        `found ${spec.confirm}, expected at most ${Math.max(total, 1)}, ${found}`,
        [],
        configKeyLine(config, ['runs'], 'confirm')
      ).toReportError()
    )
    report.verdict = 'error'
    return
  }
  if (!axis || total < 2) {
    report.notes.push(
      `runs: ${total === 0 ? 'no repeated runs' : 'one run'} found (looked for ${LOOKED_AT[spec.from ?? 'found']}): judged as one run, nothing to confirm`
    )
    report.verdict = decideVerdict(report.findings, report.errors)
    return
  }
  if (omitted > 0)
    report.notes.push(
      `runs: ${total + omitted} runs found, more than ${MAX_RUNS}: only the first ${MAX_RUNS} (${axis.runs[0]} to ${axis.runs[total - 1]}) are confirmed across; the findings of the other ${omitted} are judged on their own (any failure among them fails)`
    )
  const confirmed = confirmRuns(report.findings, axis, spec.confirm, (findings) =>
    headlineOrder(report, findings)
  )
  report.findings = confirmed.findings
  report.metrics = relabelSeries(report.metrics, report.findings)
  report.runs = confirmed.summary
  report.verdict = decideVerdict(report.findings, report.errors)
}

/**
 * Confirms across the artifacts of one action run (matrix repeats) when the
 * config says `runs: {from: artifacts}`, or says `runs:` and every artifact
 * holds the same input files. Mutates the combined report.
 */
export function applyArtifactRuns(
  combined: Report,
  config: LeakGateConfig | undefined,
  names: readonly string[]
): void {
  if (names.length < 2 || combined.verdict === 'error') return
  const sections = combined.sections ?? []
  const list = `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`
  if (!config?.runs) {
    if (sameFiles(sections))
      combined.notes.push(
        `${names.length} artifacts hold the same files (${list}): each judged on its own and any failure fails; if they are runs of one test, \`runs: {confirm: majority}\` fails only when most of them fail with the same leak`
      )
    return
  }
  // Already confirmed inside the artifacts (their own run folders).
  if (sections.some((section) => section.report.runs)) return
  if (config.runs.from !== undefined && config.runs.from !== 'artifacts') return
  if (config.runs.from === undefined && !sameFiles(sections)) {
    combined.notes.push(
      `runs: the ${names.length} artifacts (${list}) hold different files: judged as shards of one test, not as runs (\`runs: {from: artifacts}\` takes them for runs)`
    )
    return
  }
  applyRuns(combined, config, capRuns(artifactAxis(names)), combined.config)
}

/** Every section read the same input files (the same test, repeated). */
function sameFiles(sections: ReadonlyArray<{ report: Report }>): boolean {
  const lists = sections.map((section) =>
    section.report.inputs
      .map((input) => input.file)
      .sort()
      .join('\n')
  )
  return lists.length >= 2 && lists[0] !== '' && lists.every((list) => list === lists[0])
}

/**
 * Shapes the action's report: several artifacts (matrix shards) become one
 * report with a section each, and a failure before analysis becomes a report
 * with verdict `error` so it is published like any other result.
 */
import { presentReport } from '../analyze/presentation.js'
import type { LeakGateConfig } from '../config/types.js'
import type { Finding, Report, ReportError, Verdict } from '../model.js'
import { applyArtifactRuns } from '../verdict.js'

const VERDICT_RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2, error: 3 }

/** The worse of verdicts (error > fail > warn > pass). */
export function worstVerdict(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>(
    (worst, verdict) => (VERDICT_RANK[verdict] > VERDICT_RANK[worst] ? verdict : worst),
    'pass'
  )
}

/** A report that claims nothing about leaks: the inputs could not be used. */
export function errorReport(root: string, errors: ReportError[], config = ''): Report {
  return {
    version: 1,
    verdict: 'error',
    findings: [],
    suppressed: [],
    metrics: [],
    inputs: [],
    errors,
    healthy: [],
    notes: [],
    config,
    root
  }
}

function prefixFinding<T extends Finding>(name: string, finding: T): T {
  const source = `${name}/${finding.source}`
  return { ...finding, source, id: `${finding.signature}:${source}:${finding.metric}` }
}

/**
 * Merges per-artifact reports: the top level lists every finding (sources
 * prefixed with the artifact name, so ids stay unique and stable) and the
 * worst verdict; `sections` keeps each report as it was. With `runs:` in
 * `config`, artifacts that repeat one test are runs: the verdict fails only
 * when enough of them fail with the same leak.
 */
export function combineSections(
  sections: Array<{ name: string; report: Report }>,
  root: string,
  config?: LeakGateConfig
): Report {
  if (sections.length === 1) return sections[0].report
  const reports = sections.map((section) => section.report)
  const combined: Report = {
    version: 1,
    verdict: worstVerdict(reports.map((report) => report.verdict)),
    findings: sections.flatMap(({ name, report }) =>
      report.findings.map((finding) => prefixFinding(name, finding))
    ),
    suppressed: sections.flatMap(({ name, report }) =>
      report.suppressed.map((finding) => prefixFinding(name, finding))
    ),
    metrics: sections.flatMap(({ name, report }) =>
      report.metrics.map((metric) =>
        metric.kind === 'series'
          ? { ...metric, file: `${name}/${metric.file}`, id: `${name}/${metric.id}` }
          : metric
      )
    ),
    inputs: sections.flatMap(({ name, report }) =>
      report.inputs.map((input) => ({ ...input, file: `${name}/${input.file}` }))
    ),
    errors: sections.flatMap(({ name, report }) =>
      report.errors.map((error) => ({
        ...error,
        file: error.file === undefined ? undefined : `${name}/${error.file}`,
        message: `${name}: ${error.message}`
      }))
    ),
    healthy: sections.flatMap(({ name, report }) =>
      report.healthy.map((line) => `${name}: ${line}`)
    ),
    notes: sections.flatMap(({ name, report }) => report.notes.map((line) => `${name}: ${line}`)),
    config: [...new Set(reports.map((report) => report.config))].join(', '),
    root,
    base: reports.find((report) => report.base)?.base,
    sections
  }
  applyArtifactRuns(
    combined,
    config,
    sections.map((section) => section.name)
  )
  // The whole run's headline and leak rows are decided over all sections together.
  combined.presentation = presentReport(combined)
  const until = reports.find((report) => report.presentation?.suppressUntil)?.presentation
  if (until?.suppressUntil) combined.presentation.suppressUntil = until.suppressUntil
  return combined
}

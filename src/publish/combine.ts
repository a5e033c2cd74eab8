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

/** Artifacts named in a shared note: the first three, then how many more. */
const NAMES_SHOWN = 3

/**
 * Every section's notes, each once and in the order first met, prefixed with
 * the artifacts that have it: a note several artifacts share is one line
 * (`a, b and 1 more: …`). The sections are not shown their notes again.
 */
function combineNotes(sections: ReadonlyArray<{ name: string; report: Report }>): string[] {
  const byNote = new Map<string, string[]>()
  for (const { name, report } of sections)
    for (const note of report.notes) {
      const names = byNote.get(note)
      if (!names) byNote.set(note, [name])
      else if (!names.includes(name)) names.push(name)
    }
  return [...byNote].map(([note, names]) => {
    const shown = names.slice(0, NAMES_SHOWN).join(', ')
    const more = names.length - NAMES_SHOWN
    return `${more > 0 ? `${shown} and ${more} more` : shown}: ${note}`
  })
}

/**
 * Merges per-artifact reports: the top level lists every finding (sources
 * prefixed with the artifact name, so ids stay unique and stable) and the
 * worst verdict; `sections` keeps each report as it was (renderers show a
 * section's notes only at the top, merged by {@link combineNotes}). With `runs:` in
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
    notes: combineNotes(sections),
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

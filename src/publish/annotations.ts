/**
 * Annotations: one per finding (error for `fail`, warning for `warn`) and one
 * per input error, each with a title, so the run's page shows them at a glance.
 */
import * as core from './workflow-commands.js'
import type { Report } from '../model.js'

/** GitHub shows only the first few annotations of a step; more is noise. */
export const MAX_ANNOTATIONS = 50

/** Strips line breaks: an annotation is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}

/** Emits the report's annotations. @returns how many were emitted */
export function annotateReport(report: Report): number {
  let count = 0
  for (const error of report.errors) {
    if (count >= MAX_ANNOTATIONS) break
    core.error(oneLine(error.message), { title: 'leak-gate: input error' })
    count++
  }
  for (const finding of report.findings) {
    if (count >= MAX_ANNOTATIONS) break
    const title = `leak-gate ${finding.level}: ${finding.signature} (${oneLine(finding.metric)})`
    const message = `${oneLine(finding.source)}: ${oneLine(finding.message)}`
    if (finding.level === 'fail') core.error(message, { title })
    else core.warning(message, { title })
    count++
  }
  const left = report.errors.length + report.findings.length - count
  if (left > 0)
    core.warning(`${left} more finding(s) not annotated; see the job summary`, {
      title: 'leak-gate'
    })
  return count
}

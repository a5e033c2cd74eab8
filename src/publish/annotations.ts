/**
 * Annotations: the verdict line first (naming the metric the headline
 * names), then one per further leaking process or container (not one per
 * finding: nine findings of one leak are one annotation), then input errors,
 * at most {@link MAX_ANNOTATIONS}: GitHub shows only the first ten of a step.
 * The Check run takes the same list.
 */
import * as core from './workflow-commands.js'
import { presentationOf } from '../analyze/presentation.js'
import type { Report } from '../model.js'

/** GitHub shows ten annotations of a step and hides the rest: we never emit more. */
export const MAX_ANNOTATIONS = 10

/** One annotation, as the log command and the Check run both take it. */
export interface Annotation {
  level: 'error' | 'warning'
  title: string
  message: string
}

/** Strips line breaks: an annotation is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}

/**
 * The annotations of a report, verdict first, at most `max` (the last one
 * counts what did not fit). A pass has none.
 */
export function annotationsOf(report: Report, max = MAX_ANNOTATIONS): Annotation[] {
  if (report.verdict === 'pass') return []
  const presentation = presentationOf(report)
  const headline = presentation.headline
  const level = report.verdict === 'warn' ? 'warning' : 'error'
  const metric = headline.metric ? ` (${oneLine(headline.metric)})` : ''
  const all: Annotation[] = [
    {
      level,
      title: `leak-gate ${report.verdict}: ${oneLine(headline.title)}${metric}`,
      message: oneLine(headline.sentence)
    }
  ]
  for (const row of presentation.leaks.slice(1)) {
    all.push({
      level: row.level === 'fail' ? 'error' : 'warning',
      title: `leak-gate ${row.level}: ${row.signature} (${oneLine(row.metric)})`,
      message: oneLine(row.sentence)
    })
  }
  for (const error of report.errors) {
    all.push({ level: 'error', title: 'leak-gate: input error', message: oneLine(error.message) })
  }
  if (all.length <= max) return all
  const shown = all.slice(0, Math.max(1, max - 1))
  shown.push({
    level: 'warning',
    title: 'leak-gate',
    message: `${all.length - shown.length} more not annotated (GitHub shows ${max}); see the job summary or the HTML report`
  })
  return shown
}

/**
 * Emits the report's annotations in the log, leaving room for the gate's own
 * failure line among the ten GitHub shows. @returns how many were emitted
 */
export function annotateReport(report: Report): number {
  const annotations = annotationsOf(report, MAX_ANNOTATIONS - 1)
  for (const annotation of annotations) {
    const emit = annotation.level === 'error' ? core.error : core.warning
    emit(annotation.message, { title: annotation.title })
  }
  return annotations.length
}

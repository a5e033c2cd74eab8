/**
 * TEMPORARY stand-in for src/report/index.ts while it is being written: only used to
 * build a scratch bundle for the action's end-to-end tests (never copied into src/).
 */
import type { Report } from '../../../src/model.js'
import type { MarkdownContext } from '../../../src/report/types.js'

export function renderMarkdown(report: Report, context: MarkdownContext = {}): string {
  const lines = [`<!-- leak-gate:${context.key ?? 'default'} -->`, `## leak-gate: ${report.verdict}`]
  for (const finding of report.findings) lines.push(`- ${finding.level} ${finding.signature} ${finding.metric}${context.history?.newIds.includes(finding.id) ? ' (new)' : ''}`)
  for (const fixed of context.history?.fixed ?? []) lines.push(`- fixed ${fixed.signature}`)
  for (const error of report.errors) lines.push(`- error: ${error.message}`)
  if (report.base) lines.push(`Base: ${report.base.branch ?? ''} ${report.base.commit ?? ''} run ${report.base.runId ?? ''} ${report.base.runUrl ?? ''} ${report.base.warning ?? ''}`)
  for (const section of report.sections ?? []) lines.push(`### ${section.name}: ${section.report.verdict}`)
  if (context.hiddenData) lines.push(`<!-- ${context.hiddenData} -->`)
  return lines.join('\n')
}
export const renderHtml = (report: Report): string => `<html><body>${report.verdict}</body></html>`
export const renderJson = (report: Report): string => JSON.stringify(report, null, 2)

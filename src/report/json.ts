/**
 * The JSON report (`--format json` and the action's report file): exactly
 * the {@link Report}, with its top-level keys in a fixed order so diffs
 * between runs are readable, 2-space indented, ending with a newline.
 */
import type { Report } from '../model.js'

/** Top-level key order: what SPEC §7 shows first comes first. */
const KEY_ORDER: Array<keyof Report> = [
  'version',
  'verdict',
  'findings',
  'suppressed',
  'metrics',
  'inputs',
  'errors',
  'healthy',
  'notes',
  'config',
  'root',
  'base',
  'runs',
  'sections'
]

function ordered(report: Report): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of KEY_ORDER) if (report[key] !== undefined) out[key] = report[key]
  // Keys added to Report later still come out, after the known ones.
  for (const [key, value] of Object.entries(report)) if (!(key in out)) out[key] = value
  if (report.sections) {
    out.sections = report.sections.map((section) => ({
      name: section.name,
      report: ordered(section.report)
    }))
  }
  return out
}

/** Serialises the report; non-finite numbers become null (as JSON requires). */
export function renderJson(report: Report): string {
  return `${JSON.stringify(ordered(report), (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`
}

/**
 * A report read back from an artifact (`mode: report`) was written by a run
 * that may have executed untrusted code (a fork's pull request): check its
 * shape before rendering it. The renderer escapes all text it holds.
 */
import type { Report } from '../model.js'

const VERDICTS = new Set(['pass', 'warn', 'fail', 'error'])

function isArrayOf(value: unknown, check: (item: Record<string, unknown>) => boolean): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (item) => typeof item === 'object' && item !== null && check(item as Record<string, unknown>)
    )
  )
}

const isString = (value: unknown) => typeof value === 'string'

/** True when the value has the shape of a version-1 report. */
export function isReport(value: unknown): value is Report {
  if (typeof value !== 'object' || value === null) return false
  const report = value as Record<string, unknown>
  return (
    report.version === 1 &&
    VERDICTS.has(report.verdict as string) &&
    isArrayOf(report.findings, (finding) =>
      ['id', 'signature', 'metric', 'source', 'level', 'message'].every((key) =>
        isString(finding[key])
      )
    ) &&
    isArrayOf(report.errors, (error) => isString(error.message)) &&
    Array.isArray(report.metrics) &&
    Array.isArray(report.inputs) &&
    Array.isArray(report.suppressed ?? []) &&
    Array.isArray(report.healthy ?? []) &&
    Array.isArray(report.notes ?? [])
  )
}

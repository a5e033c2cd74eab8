/**
 * A report read back from an artifact (`mode: report`) was written by a run
 * that may have executed untrusted code (a fork's pull request): it is
 * checked against the report schema (report/report-schema.ts) before any of
 * it is rendered, and refused whole when it does not match. What passes is
 * the schema's output: keys the schema does not know are dropped. The
 * renderer still escapes every string it holds.
 */
import type { Report } from '../model.js'
import { reportProblems, reportSchema } from '../report/report-schema.js'

/** Largest relayed report read (bytes); a real one with charts is a few MB at most. */
export const MAX_RELAYED_REPORT_BYTES = 64 * 1024 * 1024

/** The outcome of checking a relayed report. */
export type RelayedReport = { report: Report } | { problems: string[] }

/** True when the value has the shape of a version-1 report (see the schema). */
export function isReport(value: unknown): value is Report {
  return reportSchema.safeParse(value).success
}

/** Parses and checks the text of a relayed `leak-gate-report.json`. */
export function parseRelayedReport(text: string): RelayedReport {
  if (Buffer.byteLength(text, 'utf8') > MAX_RELAYED_REPORT_BYTES)
    return { problems: [`larger than ${MAX_RELAYED_REPORT_BYTES / 1024 / 1024} MiB`] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { problems: ['not valid JSON'] }
  }
  const result = reportSchema.safeParse(value)
  if (result.success) return { report: result.data as Report }
  return { problems: reportProblems(value) }
}

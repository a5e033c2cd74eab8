/**
 * How many problems a report's errors stand for. A loader keeps only its first
 * few errors and counts the rest; the pipeline then adds one entry
 * `file: N more problems not listed` (see pushErrors in src/pipeline.ts). A
 * headline that counted entries said "6 input errors" for a file with 12 or 40,
 * so every count shown to the user goes through {@link countProblems}.
 */
import type { ReportError } from '../model.js'

/** The pipeline's summary entry for the errors a loader counted but did not keep. */
const NOT_LISTED_RE = /: (\d+) more problems? not listed$/

/** The problems one error entry stands for: N for a "N more problems not listed" entry, else 1. */
export function problemsIn(error: ReportError): number {
  const match = NOT_LISTED_RE.exec(error.message)
  return match ? Number(match[1]) : 1
}

/** The real number of problems behind `errors`, the unlisted ones included, so headlines say it. */
export function countProblems(errors: readonly ReportError[]): number {
  let total = 0
  for (const error of errors) total += problemsIn(error)
  return total
}

/** `12 input errors` / `1 input error` / `1 internal error`, for the verdict line of every format. */
export function describeErrorCount(errors: readonly ReportError[]): string {
  const internal = errors.filter((error) => error.internal).length
  const n = countProblems(errors) - internal
  const parts: string[] = []
  if (n > 0 || internal === 0) parts.push(`${n} input ${n === 1 ? 'error' : 'errors'}`)
  if (internal > 0) parts.push(`${internal} internal ${internal === 1 ? 'error' : 'errors'}`)
  return parts.join(', ')
}

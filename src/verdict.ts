/**
 * The verdict (SPEC §6): `error` when an input or the configuration could
 * not be used (then nothing is claimed about leaks), else `fail` when any
 * finding is at level fail, `warn` when any is at level warn, else `pass`.
 * Suppressed findings are not passed in: they never decide the verdict.
 * An `insufficient-data` finding (a series too short to judge) is a warn, so
 * a run that could not be judged is never a plain pass (SPEC §8).
 */
import type { Finding, ReportError, Verdict } from './model.js'

/** Decides the verdict from the findings that count and the input/config errors. */
export function decideVerdict(findings: Finding[], errors: ReportError[]): Verdict {
  if (errors.length > 0) return 'error'
  if (findings.some((f) => f.level === 'fail')) return 'fail'
  if (findings.some((f) => f.level === 'warn')) return 'warn'
  return 'pass'
}

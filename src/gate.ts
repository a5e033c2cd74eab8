/**
 * The gate: decides from the verdict and `fail-on` whether the job fails
 * (SPEC §6), and fails it with one line that points to the comment or the
 * job summary. The only place that sets the job's exit status.
 */
import * as core from './publish/workflow-commands.js'
import type { FailOn } from './inputs.js'
import type { Report, Verdict } from './model.js'
import { countProblems } from './report/error-count.js'

/** Which verdicts fail the job for each `fail-on` value. */
const FAILING: Record<FailOn, readonly Verdict[]> = {
  warn: ['warn', 'fail', 'error'],
  fail: ['fail', 'error'],
  error: ['error'],
  never: []
}

/** True when this verdict fails the job under `fail-on`. */
export function failsJob(verdict: Verdict, failOn: FailOn): boolean {
  return FAILING[failOn].includes(verdict)
}

/** Where the reader finds the details. */
export interface GateTarget {
  commentUrl?: string
  summaryWritten: boolean
}

/** The one-line failure message. */
export function failureMessage(report: Report, target: GateTarget): string {
  const where = target.commentUrl
    ? `see the PR comment: ${target.commentUrl}`
    : target.summaryWritten
      ? 'see the job summary'
      : 'see the log above'
  const fails = report.findings.filter((finding) => finding.level === 'fail').length
  const warns = report.findings.length - fails
  let what: string
  if (report.verdict === 'error') {
    const first = report.errors[0]?.message ?? 'the inputs could not be used'
    const others = countProblems(report.errors) - 1
    const more = others > 0 ? ` (+${others} more)` : ''
    what = `error: ${first}${more}`
  } else if (report.verdict === 'fail') {
    const first = report.findings.find((finding) => finding.level === 'fail')
    what =
      `memory leak signature found (${fails} failing finding${fails === 1 ? '' : 's'}${warns ? `, ${warns} warning${warns === 1 ? '' : 's'}` : ''})` +
      (first ? `: ${first.signature} on ${first.metric}` : '')
  } else {
    what = `${warns} warning${warns === 1 ? '' : 's'} (fail-on: warn)`
  }
  // Repeated runs: say how many runs agreed ("Fails in 3 of 3 runs.").
  if (report.runs && report.verdict !== 'error')
    what += `; ${report.runs.sentence.replace(/\.$/, '')}`
  return `leak-gate: ${what}; ${where}`.replace(/\s*[\r\n]+\s*/g, ' ')
}

/**
 * Applies `fail-on`: fails the job with one line when the verdict says so.
 * @returns true when the job was failed
 */
export function applyGate(report: Report, failOn: FailOn, target: GateTarget): boolean {
  if (!failsJob(report.verdict, failOn)) {
    core.info(`leak-gate: verdict ${report.verdict} (fail-on: ${failOn})`)
    return false
  }
  core.setFailed(failureMessage(report, target))
  return true
}

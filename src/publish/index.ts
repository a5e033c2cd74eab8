/**
 * The publish stage: report files and their artifact, the PR comment (upsert
 * with history), the job summary, annotations and outputs. Failures here are
 * warnings: publishing never hides or changes the verdict.
 */
import * as core from './workflow-commands.js'
import { join } from 'node:path'
import { describeError } from '../errors.js'
import type { ActionInputs } from '../inputs.js'
import type { Report } from '../model.js'
import { hiddenDataComment, readHiddenData, renderMarkdown } from '../report/index.js'
import type { MarkdownContext } from '../report/types.js'
import type { RunContext } from '../fetch/run-context.js'
import { annotateReport } from './annotations.js'
import { CHECK_TEXT_MAX, checkOutput, publishCheckRun, type CheckTarget } from './check-run.js'
import type { ExistingComment } from './comment.js'
import {
  CommentForbiddenError,
  commentMarker,
  findComment,
  forbiddenWarning,
  upsertComment,
  wantsComment
} from './comment.js'
import type { RunStamp } from './history.js'
import {
  MAX_HIDDEN_DATA,
  computeHistory,
  encodeHiddenData,
  isNewerRun,
  readStoredHistory
} from './history.js'
import { findOwnLogin } from './identity.js'
import type { Octokit } from './octokit.js'
import { statusOf } from './octokit.js'
import type { ReportMeta } from './report-files.js'
import { uploadReport, writeReportFiles } from './report-files.js'
import { writeSummary } from './summary.js'

export {
  CommentForbiddenError,
  commentMarker,
  findComment,
  upsertComment,
  wantsComment
} from './comment.js'
export { combineSections, errorReport, worstVerdict } from './combine.js'
export { createOctokit } from './octokit.js'
export type { Octokit } from './octokit.js'

/** GitHub refuses comment bodies longer than this (422). */
const GITHUB_COMMENT_LIMIT = 65_536
/** Longest comment body we render, hidden history included (a margin under GitHub's limit). */
const COMMENT_MAX = 65_000
/** Longest summary we render, in characters (the runner's limit is 1 MiB). */
const SUMMARY_MAX = 900_000

/** What publishing needs besides the report. */
export interface PublishOptions {
  inputs: ActionInputs
  context: RunContext
  /** Artifact name(s) or path analysed, for the verdict line. */
  label: string
  /** Command that reproduces the verdict locally. */
  commandLine: string
  /** Link to the run that analysed. */
  /** The workflow run's page; empty outside a workflow run (nothing is linked then). */
  runUrl: string
  /** `docs/signatures.md` of the leak-gate that runs, on the web. */
  docsUrl?: string
  /** The PR to comment on; undefined: no comment. */
  prNumber?: number
  headSha?: string
  /** Comment key: the workflow's own input, never the artifact's. */
  commentKey: string
  /** The run whose verdict this is (default: this run), stored so a newer run's comment is never overwritten. */
  runStamp?: RunStamp
  /** Markdown of ours (never artifact text) shown right under the verdict line of the comment and summary. */
  banner?: string
  getOctokit: () => Promise<Octokit>
  /** False in `mode: analyze` (no write token there). */
  comment: boolean
  /** False in `mode: report` (the report already exists). */
  writeFiles: boolean
  annotate: boolean
  /** Report JSON already on disk (`mode: report`). */
  reportPath?: string
  /** Link to a report artifact uploaded elsewhere (`mode: report`). */
  reportUrl?: string
  /** Whether the job fails on this verdict (`fail-on`): the Check run concludes the same way. */
  failsJob?: boolean
  /** False where no Check run is made (`mode: analyze`: a fork's token is read-only). */
  check?: boolean
}

/** What publishing did, for the gate's message and the outputs. */
export interface PublishResult {
  commentUrl?: string
  summaryWritten: boolean
  reportPath: string
  /** Set when the token could not comment. */
  commentWarning?: string
  /** The Check run, when one was created or updated. */
  checkUrl?: string
}

/** Makes sure the body carries the marker and the hidden data, whatever the renderer did. */
export function finishCommentBody(body: string, key: string, hiddenData: string): string {
  let result = body
  const marker = commentMarker(key)
  if (!result.includes(marker)) result = `${marker}\n${result}`
  if (readHiddenData(result) !== hiddenData)
    result = `${result}\n${hiddenDataComment(hiddenData)}\n`
  return result
}

interface CommentOutcome {
  url?: string
  warning?: string
}

/** What a run that could not judge says, right under its verdict line. */
const COULD_NOT_JUDGE =
  '> leak-gate could not judge this run, so nothing is called new or fixed: the findings of the last judged run are kept for the next comparison.'

/** Puts `text` right after the verdict line (the line after the marker). */
function afterVerdictLine(body: string, text: string): string {
  const lines = body.split('\n')
  const at = lines.findIndex((line) => line.startsWith('### '))
  if (at < 0) return `${text}\n\n${body}`
  lines.splice(at + 1, 0, '', text)
  return lines.join('\n')
}

/**
 * The comment when the report does not fit: marker, verdict line, where the
 * report is, and the hidden data when it still fits.
 */
export function shortCommentBody(
  fullBody: string,
  key: string,
  hiddenData: string,
  maxLength: number
): string {
  const verdictLine = fullBody.split('\n').find((line) => line.startsWith('### ')) ?? ''
  const text = [
    commentMarker(key),
    verdictLine.slice(0, 1_000),
    '',
    `> ✂️ The report (${fullBody.length.toLocaleString('en-US')} characters) was too long for a pull request comment, which GitHub refused. It is in the job summary and the report artifact of the workflow run linked above.`
  ].join('\n')
  const withData = `${text}\n\n${hiddenDataComment(hiddenData)}\n`
  return withData.length <= maxLength ? withData : `${text}\n`
}

async function publishComment(
  report: Report,
  options: PublishOptions,
  context: MarkdownContext
): Promise<CommentOutcome> {
  const { inputs, prNumber } = options
  if (!options.comment || inputs.comment === 'never') return {}
  if (prNumber === undefined) {
    core.info('No pull request for this run: no PR comment (the report is in the job summary)')
    return {}
  }
  if (!inputs.githubToken) {
    return { warning: `input "github-token" is empty: no comment on pull request #${prNumber}` }
  }
  try {
    const octokit = await options.getOctokit()
    const login = await findOwnLogin(octokit)
    if (!login)
      core.info(
        'Could not tell which account the token writes as: earlier comments are not trusted'
      )
    const target = {
      owner: options.context.owner,
      repo: options.context.repo,
      issueNumber: prNumber,
      key: options.commentKey,
      login
    }
    const existing: ExistingComment | undefined = await findComment(octokit, target)
    const stored = existing ? readStoredHistory(existing.body) : undefined
    const run = options.runStamp ?? [options.context.runId, options.context.runAttempt]
    if (existing && isNewerRun(stored?.run, run)) {
      core.info(
        `A newer run (${stored!.run![0]}) already wrote the PR comment: leaving it as it is (${existing.url})`
      )
      return { url: existing.url }
    }
    if (!wantsComment(inputs.comment, report, existing !== undefined)) {
      core.info(`comment: ${inputs.comment}: no comment needed for verdict ${report.verdict}`)
      return {}
    }
    const findings = report.findings.map(({ id, signature, metric, source }) => ({
      id,
      signature,
      metric,
      source
    }))
    // A run that could not judge keeps the last judged findings and says nothing changed.
    const judged = report.verdict !== 'error'
    const hiddenData =
      judged || !stored
        ? encodeHiddenData(findings, run)
        : encodeHiddenData(stored.findings, run, MAX_HIDDEN_DATA, stored.partial)
    const history = judged ? computeHistory(findings, stored) : undefined
    let body = finishCommentBody(
      renderMarkdown(report, { ...context, history, hiddenData, maxLength: COMMENT_MAX }),
      options.commentKey,
      hiddenData
    )
    if (!judged) body = afterVerdictLine(body, COULD_NOT_JUDGE)
    if (options.banner) body = afterVerdictLine(body, options.banner)
    if (body.length > GITHUB_COMMENT_LIMIT)
      body = shortCommentBody(body, options.commentKey, hiddenData, GITHUB_COMMENT_LIMIT)
    let result
    try {
      result = await upsertComment(octokit, target, body, existing ?? null)
    } catch (error) {
      if (statusOf(error) !== 422) throw error
      // GitHub measured the body longer than we did: replace the old comment with a short one.
      core.info(`GitHub refused the PR comment (${describeError(error)}); writing a short one`)
      const short = shortCommentBody(body, options.commentKey, hiddenData, 2_000)
      result = await upsertComment(octokit, target, short)
    }
    core.info(
      `${result.action === 'created' ? 'Created' : 'Updated'} the PR comment: ${result.url}`
    )
    return { url: result.url }
  } catch (error) {
    if (
      error instanceof CommentForbiddenError ||
      (statusOf(error) === 403 && !/rate limit/i.test(describeError(error)))
    ) {
      return { warning: forbiddenWarning(prNumber, describeError(error)) }
    }
    return { warning: `could not write the PR comment on #${prNumber}: ${describeError(error)}` }
  }
}

interface CheckOutcome {
  id?: number
  url?: string
  warning?: string
}

/** The Check run's name: `check-name`, with the comment key when several jobs report on one PR. */
function checkName(options: PublishOptions): string {
  const name = options.inputs.checkName
  return options.commentKey !== 'default' && name === 'leak-gate'
    ? `${name} (${options.commentKey})`
    : name
}

function checkTarget(report: Report, options: PublishOptions): CheckTarget | undefined {
  if (!options.headSha) return undefined
  const workflow = options.context.workflowFile
  const config = /^[\w./-]+\.ya?ml$/.test(report.config) ? report.config : undefined
  return {
    owner: options.context.owner,
    repo: options.context.repo,
    headSha: options.headSha,
    name: checkName(options),
    annotationPath: config ?? (workflow ? `.github/workflows/${workflow}` : '.github')
  }
}

/** Creates or updates the Check run; a token that may not is a warning, never a failure. */
async function publishCheck(
  report: Report,
  options: PublishOptions,
  context: MarkdownContext
): Promise<CheckOutcome> {
  if (options.check === false || !options.inputs.checkName) return {}
  const target = checkTarget(report, options)
  if (!target) {
    core.info('No head commit known: no Check run')
    return {}
  }
  if (!options.inputs.githubToken) return { warning: 'input "github-token" is empty: no Check run' }
  try {
    const octokit = await options.getOctokit()
    const markdown = renderMarkdown(report, { ...context, maxLength: CHECK_TEXT_MAX })
    const result = await publishCheckRun(octokit, target, report, {
      failsJob: options.failsJob ?? false,
      markdown,
      detailsUrl: options.runUrl
    })
    core.info(
      `${result.action === 'created' ? 'Created' : 'Updated'} the Check run "${target.name}": ${result.url}`
    )
    return { id: result.id, url: result.url || undefined }
  } catch (error) {
    return { warning: `no Check run "${target.name}": ${describeError(error)}` }
  }
}

/** Adds the PR comment's link to the Check's summary (the comment already links the Check). */
async function linkCheckToComment(
  report: Report,
  options: PublishOptions,
  checkId: number,
  commentUrl: string
): Promise<void> {
  try {
    const octokit = await options.getOctokit()
    const output = checkOutput(report, { failsJob: false, markdown: '', commentUrl })
    await octokit.rest.checks.update({
      owner: options.context.owner,
      repo: options.context.repo,
      check_run_id: checkId,
      output: { title: output.title, summary: output.summary }
    })
  } catch (error) {
    core.info(`Could not link the Check run to the comment: ${describeError(error)}`)
  }
}

/**
 * Publishes the report everywhere it belongs. Never throws for GitHub
 * problems: they become warnings.
 */
export async function publishReport(
  report: Report,
  options: PublishOptions
): Promise<PublishResult> {
  const { inputs, context } = options
  let reportPath = options.reportPath ?? ''
  let reportUrl = options.reportUrl
  if (options.writeFiles) {
    const meta: ReportMeta = {
      version: 1,
      prNumber: options.prNumber,
      headSha: options.headSha,
      commentKey: options.commentKey,
      artifactName: options.label,
      runId: context.runId,
      runUrl: options.runUrl,
      verdict: report.verdict
    }
    const files = await writeReportFiles(
      join(context.tempDir, 'leak-gate', 'report', options.commentKey),
      report,
      meta,
      { commandLine: options.commandLine, docsUrl: options.docsUrl }
    )
    reportPath = files.json
    if (inputs.reportName) {
      const id = await uploadReport(inputs.reportName, files)
      if (id !== undefined && options.runUrl) reportUrl = `${options.runUrl}/artifacts/${id}`
    }
  }
  const markdownContext: MarkdownContext = {
    key: options.commentKey,
    artifactName: options.label,
    runUrl: options.runUrl,
    reportUrl,
    commandLine: options.commandLine,
    docsUrl: options.docsUrl
  }
  const check = await publishCheck(report, options, markdownContext)
  if (check.warning) core.warning(check.warning, { title: 'leak-gate: no Check run' })
  if (check.url) markdownContext.checkUrl = check.url
  const comment = await publishComment(report, options, markdownContext)
  if (comment.warning) core.warning(comment.warning, { title: 'leak-gate: no PR comment' })
  if (check.id !== undefined && comment.url)
    await linkCheckToComment(report, options, check.id, comment.url)
  let summary = renderMarkdown(report, { ...markdownContext, maxLength: SUMMARY_MAX })
  if (options.banner) summary = afterVerdictLine(summary, options.banner)
  if (comment.warning)
    summary = `> [!WARNING]\n> ${comment.warning.replace(/\n/g, ' ')}\n\n${summary}`
  const summaryWritten = await writeSummary(summary)
  if (options.annotate) annotateReport(report)
  core.setOutput('verdict', report.verdict)
  core.setOutput('findings', String(report.findings.length))
  core.setOutput('report-path', reportPath)
  core.setOutput('comment-url', comment.url ?? '')
  core.setOutput('check-url', check.url ?? '')
  return {
    commentUrl: comment.url,
    summaryWritten,
    reportPath,
    commentWarning: comment.warning,
    checkUrl: check.url
  }
}

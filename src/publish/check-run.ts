/**
 * The Check run: a named status on the head commit that a branch protection
 * rule can require, with the verdict as its conclusion, the headline as its
 * title, the report as its summary and the annotations (50 per request, the
 * API's limit). One per commit and name, updated in place when the job is
 * re-run. It links to the PR comment and the comment links to it. Where the
 * token may not write checks (a fork's pull request, no `checks: write`), the
 * caller gets a warning and the job's own status gates as before.
 */
import { presentationOf } from '../analyze/presentation.js'
import type { Report, Verdict } from '../model.js'
import { annotationsOf, type Annotation } from './annotations.js'
import type { Octokit } from './octokit.js'
import { statusOf } from './octokit.js'

/** The API accepts at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50
/** Most annotations a Check run gets from us (the rest are counted in the last one). */
export const MAX_CHECK_ANNOTATIONS = 200
/** `output.summary` and `output.text` are limited to 65,535 characters each. */
export const CHECK_TEXT_MAX = 65_535

/** Which commit the Check run is on and what it is called. */
export interface CheckTarget {
  owner: string
  repo: string
  headSha: string
  /** The Check's name: what a branch protection rule requires. */
  name: string
  /** The file annotations point at (the configuration, else the workflow). */
  annotationPath: string
}

/** What the Check shows besides the report. */
export interface CheckContent {
  /** Whether the job fails on this verdict (`fail-on`): the Check concludes the same. */
  failsJob: boolean
  /** The full report as Markdown (the comment's body), shown as the Check's text. */
  markdown: string
  /** The workflow run that made it. */
  detailsUrl?: string
  /** The PR comment, when there is one. */
  commentUrl?: string
}

/** What happened to the Check run. */
export interface CheckResult {
  id: number
  url: string
  action: 'created' | 'updated'
}

/** The Check could not be written: the message says why and what permission is missing. */
export class CheckForbiddenError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'CheckForbiddenError'
  }
}

/**
 * The Check's conclusion: `failure` exactly when the job fails (so requiring
 * the Check and requiring the job agree), `neutral` for a warning or an
 * error that does not fail the job, `success` for a pass.
 */
export function checkConclusion(
  verdict: Verdict,
  failsJob: boolean
): 'success' | 'failure' | 'neutral' {
  if (failsJob) return 'failure'
  return verdict === 'pass' ? 'success' : 'neutral'
}

function cut(text: string, max: number, note: string): string {
  return text.length <= max ? text : `${text.slice(0, max - note.length)}${note}`
}

/** Title and summary: the verdict's words and the headline sentence, with the link to the comment. */
export function checkOutput(
  report: Report,
  content: CheckContent
): { title: string; summary: string; text: string } {
  const headline = presentationOf(report).headline
  const comment = content.commentUrl ? `\n\nThe PR comment: ${content.commentUrl}` : ''
  return {
    title: cut(`${headline.title}: leak-gate ${report.verdict}`, 255, '…'),
    summary: cut(`**${headline.title}:** ${headline.sentence}${comment}`, CHECK_TEXT_MAX, '…'),
    text: cut(content.markdown, CHECK_TEXT_MAX, '\n\n✂️ cut: see the job summary')
  }
}

function checkAnnotations(annotations: Annotation[], path: string) {
  return annotations.map((annotation) => ({
    path,
    start_line: 1,
    end_line: 1,
    annotation_level: annotation.level === 'error' ? ('failure' as const) : ('warning' as const),
    title: annotation.title.slice(0, 255),
    message: annotation.message.slice(0, 64_000)
  }))
}

async function findCheckRun(octokit: Octokit, target: CheckTarget): Promise<number | undefined> {
  const response = await octokit.rest.checks.listForRef({
    owner: target.owner,
    repo: target.repo,
    ref: target.headSha,
    check_name: target.name,
    filter: 'latest',
    per_page: 100
  })
  return response.data.check_runs.find((run) => run.name === target.name)?.id
}

/**
 * Creates the Check run on the head commit, or updates the one of the same
 * name there (a re-run), with the verdict, title, summary and annotations.
 * @throws CheckForbiddenError when the token may not write checks
 */
export async function publishCheckRun(
  octokit: Octokit,
  target: CheckTarget,
  report: Report,
  content: CheckContent
): Promise<CheckResult> {
  try {
    const output = checkOutput(report, content)
    const annotations = checkAnnotations(
      annotationsOf(report, MAX_CHECK_ANNOTATIONS),
      target.annotationPath
    )
    const batches: Array<typeof annotations> = []
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
      batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
    const fields = {
      owner: target.owner,
      repo: target.repo,
      name: target.name,
      head_sha: target.headSha,
      status: 'completed' as const,
      conclusion: checkConclusion(report.verdict, content.failsJob),
      ...(content.detailsUrl ? { details_url: content.detailsUrl } : {}),
      output: { ...output, annotations: batches[0] ?? [] }
    }
    const existing = await findCheckRun(octokit, target)
    const first =
      existing === undefined
        ? await octokit.rest.checks.create(fields)
        : await octokit.rest.checks.update({ ...fields, check_run_id: existing })
    const id = first.data.id
    // Annotations past the first 50 go in further updates (the API appends them).
    for (const batch of batches.slice(1)) {
      await octokit.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: id,
        output: { title: output.title, summary: output.summary, annotations: batch }
      })
    }
    return {
      id,
      url: first.data.html_url ?? '',
      action: existing === undefined ? 'created' : 'updated'
    }
  } catch (error) {
    const status = statusOf(error)
    if (status === 403 || status === 404) {
      throw new CheckForbiddenError(
        `the token may not create a Check run (HTTP ${status}): give the job "permissions: checks: write"; a pull request from a fork gets a read-only token, use the workflow_run pair (mode: analyze, then mode: report)`,
        status
      )
    }
    throw error
  }
}

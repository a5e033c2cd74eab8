/**
 * The PR comment: one per pull request and comment key, found by its hidden
 * marker across every page of comments and updated in place, never
 * duplicated. Only comments written by the token's own identity count (see
 * identity.ts): anyone can type the marker. A create that fails with a
 * server error is not blindly repeated: the comments are listed again first,
 * in case it landed; and after a create the comments are read again, so that
 * when a concurrent run created one too, exactly one remains.
 */
import * as core from './workflow-commands.js'
import type { CommentMode } from '../inputs.js'
import type { Report } from '../model.js'
import { describeError } from '../errors.js'
import type { Octokit } from './octokit.js'
import { statusOf } from './octokit.js'
import { isOwnComment } from './identity.js'
import { isNewerRun, readStoredHistory } from './history.js'

/** The hidden marker of a key: `<!-- leak-gate:KEY -->`. */
export function commentMarker(key: string): string {
  return `<!-- leak-gate:${key} -->`
}

/** Where a comment lives. */
export interface CommentTarget {
  owner: string
  repo: string
  issueNumber: number
  key: string
  /** The login the token writes as; comments by anyone else are never ours. */
  login?: string
}

/** A comment found by its marker. */
export interface ExistingComment {
  id: number
  body: string
  url: string
}

/** The outcome of an upsert. */
export interface UpsertResult {
  id: number
  url: string
  action: 'created' | 'updated'
}

/** The token may not write comments (fork pull requests get a read-only token). */
export class CommentForbiddenError extends Error {
  override name = 'CommentForbiddenError'
  constructor(
    readonly status: number,
    detail: string
  ) {
    super(detail)
  }
}

/** Writes that fail with these are tried again (after looking for the comment again). */
const RETRY_DELAYS_MS = [1000, 2000, 4000]

/**
 * Finds every comment of ours carrying the key's marker, reading every page.
 * @returns them oldest first (none when the token's identity is unknown)
 */
export async function findComments(
  octokit: Octokit,
  target: CommentTarget
): Promise<ExistingComment[]> {
  if (!target.login) return []
  const marker = commentMarker(target.key)
  const found: ExistingComment[] = []
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  for await (const page of iterator) {
    for (const comment of page.data) {
      if (comment.body?.includes(marker) && isOwnComment(comment.user, target.login))
        found.push({ id: comment.id, body: comment.body, url: comment.html_url })
    }
  }
  return found.sort((a, b) => a.id - b.id)
}

/**
 * Finds our comment carrying the key's marker.
 * @returns the oldest such comment, or undefined
 */
export async function findComment(
  octokit: Octokit,
  target: CommentTarget
): Promise<ExistingComment | undefined> {
  return (await findComments(octokit, target))[0]
}

/** Decides whether the comment mode wants a comment for this report (SPEC §7). */
export function wantsComment(mode: CommentMode, report: Report, hasExisting: boolean): boolean {
  switch (mode) {
    case 'never':
      return false
    case 'always':
      return true
    case 'on-fail':
      return report.verdict === 'fail' || report.verdict === 'error' || hasExisting
    case 'auto':
      return (
        report.findings.length > 0 ||
        report.errors.length > 0 ||
        report.verdict !== 'pass' ||
        hasExisting
      )
  }
}

/** A rate limit answers 403 too; it is not a permission problem. */
function isRateLimit(error: unknown): boolean {
  return (
    statusOf(error) === 429 || (statusOf(error) === 403 && /rate limit/i.test(describeError(error)))
  )
}

function isForbidden(error: unknown): boolean {
  const status = statusOf(error)
  return (status === 403 || status === 401) && !isRateLimit(error)
}

function isTransient(error: unknown): boolean {
  const status = statusOf(error)
  return status === undefined || status >= 500 || isRateLimit(error)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Creates the comment, or updates the one that carries the marker.
 * @param existing the comment found before (saves a listing), or undefined to look it up
 * @throws CommentForbiddenError when the token may not write; other errors as they come
 */
export async function upsertComment(
  octokit: Octokit,
  target: CommentTarget,
  body: string,
  existing?: ExistingComment | null
): Promise<UpsertResult> {
  const { owner, repo, issueNumber } = target
  let found = existing === undefined ? await findComment(octokit, target) : (existing ?? undefined)
  for (let attempt = 0; ; attempt++) {
    try {
      // Retries are ours (see the loop), so a create is never repeated blindly.
      const request = { retries: 0 }
      if (found) {
        const { data } = await octokit.rest.issues.updateComment({
          owner,
          repo,
          comment_id: found.id,
          body,
          request
        })
        return { id: data.id, url: data.html_url, action: 'updated' }
      }
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
        request
      })
      // What we write as, for certain: the author of what we just wrote.
      const login = data.user?.login ?? target.login
      const created = { id: data.id, url: data.html_url, action: 'created' as const }
      return await settleDuplicates(octokit, { ...target, login }, created, body)
    } catch (error) {
      if (isForbidden(error))
        throw new CommentForbiddenError(statusOf(error) ?? 403, describeError(error))
      if (found && statusOf(error) === 404 && attempt < RETRY_DELAYS_MS.length) {
        // Deleted since we listed: create a new one.
        found = undefined
        continue
      }
      if (!isTransient(error) || attempt >= RETRY_DELAYS_MS.length) throw error
      core.info(`Writing the PR comment failed (${describeError(error)}); trying again`)
      await sleep(RETRY_DELAYS_MS[attempt])
      found = await findComment(octokit, target)
    }
  }
}

/**
 * After a create: reads the comments again and, when a concurrent run
 * created one with the same key too, keeps the oldest, gives it the body of
 * the newest run (by the run stamp in the hidden data; ours on a tie) and
 * deletes the others. Both runs doing this at once end in the same place.
 */
export async function settleDuplicates(
  octokit: Octokit,
  target: CommentTarget,
  created: UpsertResult,
  body: string
): Promise<UpsertResult> {
  let comments: ExistingComment[]
  try {
    comments = await findComments(octokit, target)
  } catch (error) {
    core.info(`Could not read the comments again after creating ours: ${describeError(error)}`)
    return created
  }
  if (comments.length <= 1) return created
  const ourRun = readStoredHistory(body)?.run
  let winner = body
  let winnerRun = ourRun
  for (const comment of comments) {
    const run = readStoredHistory(comment.body)?.run
    if (isNewerRun(run, winnerRun)) {
      winner = comment.body
      winnerRun = run
    }
  }
  const [keeper, ...others] = comments
  core.info(
    `Another run created the same PR comment meanwhile: keeping ${keeper.url}, removing ${others.length}`
  )
  const { owner, repo } = target
  let url = keeper.url
  if (keeper.body !== winner) {
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: keeper.id,
      body: winner
    })
    url = data.html_url
  }
  for (const other of others) {
    try {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: other.id })
    } catch (error) {
      // gone already: the other run removed it
      if (statusOf(error) !== 404) throw error
    }
  }
  return { id: keeper.id, url, action: keeper.id === created.id ? 'created' : 'updated' }
}

/** The warning shown when the token may not comment, with the way out. */
export function forbiddenWarning(issueNumber: number, detail: string): string {
  return (
    `leak-gate could not comment on pull request #${issueNumber} (${detail}). ` +
    'Pull requests from forks get a read-only token. The report is in the job summary and the verdict still gates this job. ' +
    'To get the comment, use the two-workflow recipe: "mode: analyze" in the pull_request workflow and ' +
    '"mode: report" in a workflow_run workflow (see docs/action.md, "Pull requests from forks").'
  )
}

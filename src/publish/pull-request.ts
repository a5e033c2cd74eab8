/**
 * Which pull request a `workflow_run` report belongs to. For pull requests
 * from forks `workflow_run.pull_requests` is empty, so the number travels in
 * the analysis artifact; since that artifact was written by untrusted code,
 * the number is checked against the run's head branch and repository.
 */
import * as core from './workflow-commands.js'
import { describeError } from '../errors.js'
import type { RunContext } from '../fetch/run-context.js'
import type { Octokit } from './octokit.js'

/** The resolved PR number and how it was found. */
export interface ResolvedPullRequest {
  number?: number
  how: string
}

interface PullLike {
  number: number
  state?: string
  head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }
}

/** True when the pull request is the one the triggering run built. */
function matchesRun(pull: PullLike, context: RunContext): boolean {
  const run = context.payload.workflow_run
  if (!run) return true
  const headRepo = run.head_repository?.full_name
  if (run.head_branch && pull.head?.ref && headRepo && pull.head.repo?.full_name) {
    return pull.head.ref === run.head_branch && pull.head.repo.full_name === headRepo
  }
  return !run.head_sha || pull.head?.sha === run.head_sha
}

function pickPull(pulls: PullLike[], sha: string | undefined): PullLike | undefined {
  return (
    pulls.find((pull) => sha && pull.head?.sha === sha) ??
    pulls.find((pull) => pull.state !== 'closed') ??
    pulls[0]
  )
}

/**
 * Resolves the PR: the `pr-number` input, the number stored by the analysing
 * run (verified), `workflow_run.pull_requests`, the PRs of the head commit,
 * or the open PRs of the head branch.
 */
export async function resolvePullRequest(
  getOctokit: () => Promise<Octokit>,
  context: RunContext,
  input: number | undefined,
  stored: number | undefined
): Promise<ResolvedPullRequest> {
  if (input !== undefined) return { number: input, how: 'input "pr-number"' }
  const run = context.payload.workflow_run
  const sha = run?.head_sha
  const { owner, repo } = context
  const octokit = await getOctokit()
  let unverified: number | undefined
  if (stored !== undefined) {
    try {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: stored })
      if (matchesRun(data, context))
        return { number: stored, how: 'the analysis artifact (checked)' }
      core.warning(
        `the analysis artifact names pull request #${stored}, which does not match the triggering run's branch; ignoring it`
      )
    } catch (error) {
      core.debug(`could not check pull request #${stored}: ${describeError(error)}`)
      if (!run) return { number: stored, how: 'the analysis artifact' }
      unverified = stored
    }
  }
  const listed = run?.pull_requests?.find((pull) => typeof pull.number === 'number')
  if (listed?.number) return { number: listed.number, how: 'workflow_run.pull_requests' }
  if (sha) {
    try {
      const { data } = await octokit.request(
        'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        { owner, repo, commit_sha: sha }
      )
      const pull = pickPull(
        (data as PullLike[]).filter((item) => matchesRun(item, context)),
        sha
      )
      if (pull)
        return { number: pull.number, how: `the pull requests of commit ${sha.slice(0, 7)}` }
    } catch (error) {
      core.debug(`commits/${sha}/pulls: ${describeError(error)}`)
    }
  }
  const headOwner = run?.head_repository?.full_name?.split('/')[0]
  if (run?.head_branch && headOwner) {
    try {
      const { data } = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${headOwner}:${run.head_branch}`,
        per_page: 100
      })
      const pull = pickPull(
        (data as PullLike[]).filter((item) => matchesRun(item, context)),
        sha
      )
      if (pull)
        return {
          number: pull.number,
          how: `the open pull requests of ${headOwner}:${run.head_branch}`
        }
    } catch (error) {
      core.debug(`pulls?head=${headOwner}:${run.head_branch}: ${describeError(error)}`)
    }
  }
  if (unverified !== undefined) {
    core.warning(
      `could not check pull request #${unverified} named by the analysis artifact; commenting there`
    )
    return { number: unverified, how: 'the analysis artifact (unchecked)' }
  }
  return { number: undefined, how: 'not found' }
}

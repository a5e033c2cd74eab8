/**
 * Which pull request a relayed report (`mode: report`) belongs to. The
 * analysis artifact was written by a run that may have executed a fork's
 * code, so nothing in it decides the target: the pull request comes from
 * the workflow's own input, from `workflow_run.pull_requests`, or from the
 * analysing run's head (commit and repository, as GitHub reports them). A
 * number stored in the artifact is only a hint, used when that pull
 * request's head is the run's head commit in the run's head repository.
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

/** The analysing run, as GitHub (not its artifact) describes it. */
export interface AnalysingRun {
  id: number
  attempt: number
  headSha?: string
  headBranch?: string
  /** `owner/repo` the head commit is in (a fork's for fork pull requests). */
  headRepo?: string
  /** success, failure, cancelled… of the whole run; undefined while unknown. */
  conclusion?: string
  /** Pull requests GitHub lists for the run (empty for forks). */
  pullRequests: number[]
  htmlUrl?: string
}

interface PullLike {
  number: number
  state?: string
  head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }
  base?: { repo?: { full_name?: string } | null }
}

interface RunLike {
  id?: number
  run_attempt?: number
  head_sha?: string
  head_branch?: string | null
  head_repository?: { full_name?: string } | null
  conclusion?: string | null
  html_url?: string
  pull_requests?: Array<{ number?: number }> | null
}

function fromRun(run: RunLike, id: number): AnalysingRun {
  return {
    id,
    attempt: typeof run.run_attempt === 'number' && run.run_attempt > 0 ? run.run_attempt : 1,
    headSha: run.head_sha,
    headBranch: run.head_branch ?? undefined,
    headRepo: run.head_repository?.full_name,
    // an enum of GitHub's; anything else is not shown
    conclusion: /^[a-z_]{1,30}$/.test(run.conclusion ?? '')
      ? (run.conclusion as string)
      : undefined,
    pullRequests: (run.pull_requests ?? [])
      .map((pull) => pull.number)
      .filter((number): number is number => typeof number === 'number' && number > 0),
    htmlUrl: run.html_url
  }
}

/**
 * The analysing run: from the `workflow_run` payload when it is that run,
 * else read from the API (`run-id` without the event).
 * @returns undefined when the run cannot be read
 */
export async function readAnalysingRun(
  getOctokit: () => Promise<Octokit>,
  context: RunContext,
  runId: number
): Promise<AnalysingRun | undefined> {
  const payloadRun = context.payload.workflow_run
  if (payloadRun?.id === runId) return fromRun(payloadRun as RunLike, runId)
  try {
    const octokit = await getOctokit()
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
      owner: context.owner,
      repo: context.repo,
      run_id: runId
    })
    return fromRun(data as RunLike, runId)
  } catch (error) {
    core.warning(`could not read run ${runId}: ${describeError(error)}`)
    return undefined
  }
}

/** True when the pull request's head is the run's head commit in the run's head repository. */
function isRunHead(pull: PullLike, run: AnalysingRun, context: RunContext): boolean {
  const base = pull.base?.repo?.full_name
  return (
    run.headSha !== undefined &&
    run.headRepo !== undefined &&
    pull.head?.sha === run.headSha &&
    pull.head.repo?.full_name === run.headRepo &&
    (base === undefined || base === `${context.owner}/${context.repo}`)
  )
}

/** True when the pull request comes from the run's head repository (and branch, when known). */
function isFromRunHead(pull: PullLike, run: AnalysingRun): boolean {
  return (
    run.headRepo !== undefined &&
    pull.head?.repo?.full_name === run.headRepo &&
    (run.headBranch === undefined || pull.head.ref === run.headBranch)
  )
}

function pickPull(pulls: PullLike[], sha: string | undefined): PullLike | undefined {
  return (
    pulls.find((pull) => sha && pull.head?.sha === sha && pull.state !== 'closed') ??
    pulls.find((pull) => pull.state !== 'closed')
  )
}

/**
 * Resolves the PR: the `pr-number` input; `workflow_run.pull_requests`; the
 * number stored by the analysing run when its head is the run's head; the
 * pull requests of the head commit, or the open pull requests of the head
 * branch, that come from the run's head repository.
 */
export async function resolvePullRequest(
  getOctokit: () => Promise<Octokit>,
  context: RunContext,
  input: number | undefined,
  stored: number | undefined,
  run: AnalysingRun | undefined
): Promise<ResolvedPullRequest> {
  if (input !== undefined) return { number: input, how: 'input "pr-number"' }
  if (!run) return { number: undefined, how: 'not found: the analysing run could not be read' }
  if (run.pullRequests.length) {
    const number =
      stored !== undefined && run.pullRequests.includes(stored) ? stored : run.pullRequests[0]
    return { number, how: 'the pull requests of the analysing run' }
  }
  const { owner, repo } = context
  const octokit = await getOctokit()
  if (stored !== undefined) {
    try {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: stored })
      if (isRunHead(data, run, context))
        return { number: stored, how: 'the analysis artifact (checked against the run head)' }
      core.warning(
        `the analysis artifact names pull request #${stored}, whose head is not the analysing run's head commit in ${run.headRepo ?? 'its repository'}; ignoring it`
      )
    } catch (error) {
      core.warning(
        `could not check pull request #${stored} named by the analysis artifact (${describeError(error)}); ignoring it`
      )
    }
  }
  if (run.headSha) {
    try {
      const { data } = await octokit.request(
        'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        { owner, repo, commit_sha: run.headSha }
      )
      const pull = pickPull(
        (data as PullLike[]).filter((item) => isFromRunHead(item, run)),
        run.headSha
      )
      if (pull)
        return {
          number: pull.number,
          how: `the pull requests of commit ${run.headSha.slice(0, 7)}`
        }
    } catch (error) {
      core.debug(`commits/${run.headSha}/pulls: ${describeError(error)}`)
    }
  }
  const headOwner = run.headRepo?.split('/')[0]
  if (run.headBranch && headOwner) {
    try {
      const { data } = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${headOwner}:${run.headBranch}`,
        per_page: 100
      })
      const pull = pickPull(
        (data as PullLike[]).filter((item) => isFromRunHead(item, run)),
        run.headSha
      )
      if (pull)
        return {
          number: pull.number,
          how: `the open pull requests of ${headOwner}:${run.headBranch}`
        }
    } catch (error) {
      core.debug(`pulls?head=${headOwner}:${run.headBranch}: ${describeError(error)}`)
    }
  }
  return { number: undefined, how: 'not found' }
}

/**
 * `compare-base`: finds the base branch's latest successful run that still
 * has the same artifact(s), walking back over runs whose artifact expired or
 * is missing (bounded), and downloads it. The run used is always described
 * (branch, commit, run, age); a missing or stale base is a warning, never a
 * silent skip.
 */
import * as core from '../publish/workflow-commands.js'
import { join } from 'node:path'
import type { BaseInfo } from '../model.js'
import { describeError } from '../errors.js'
import { statusOf } from '../publish/octokit.js'
import type { ArtifactAccess, DownloadedArtifact } from './artifacts.js'
import { downloadArtifact, listRunArtifacts, safeFolderName, selectArtifacts } from './artifacts.js'
import type { RunContext } from './run-context.js'

/** Runs looked at before giving up. */
export const MAX_BASE_RUNS = 10
/** A base older than this is used, with a warning. */
export const STALE_BASE_HOURS = 7 * 24

/** A workflow run as the REST listing shows it (the fields we use). */
interface RunEntry {
  id: number
  head_branch?: string | null
  head_sha?: string
  html_url?: string
  created_at?: string
  updated_at?: string
  conclusion?: string | null
  status?: string | null
}

/** What compare-base found: the base info for the report and, when found, the downloaded artifacts. */
export interface BaseFetchResult {
  info: BaseInfo
  artifacts: DownloadedArtifact[]
  /** Runs skipped on the way, for the report notes. */
  skipped: string[]
}

/** The branch a pull request targets, or the default branch for other events. */
export function baseBranchOf(context: RunContext): string | undefined {
  return (
    context.payload.pull_request?.base?.ref ??
    context.payload.repository?.default_branch ??
    undefined
  )
}

/**
 * Lists the base branch's successful runs, newest first: of this workflow
 * (by file name from GITHUB_WORKFLOW_REF, then by id from this run), else of
 * the whole repository. The first source that answers with runs wins.
 */
async function listCandidateRuns(access: ArtifactAccess, branch: string): Promise<RunEntry[]> {
  const { owner, repo, runId, workflowFile } = access.context
  const octokit = await access.getOctokit()
  const query = { owner, repo, branch, status: 'success', per_page: 30 } as const
  const workflowRuns = async (workflowId: string | number): Promise<RunEntry[]> => {
    try {
      const { data } = await octokit.request(
        'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
        {
          ...query,
          workflow_id: workflowId
        }
      )
      return data.workflow_runs as RunEntry[]
    } catch (error) {
      core.debug(`compare-base: runs of workflow ${workflowId}: ${describeError(error)}`)
      return []
    }
  }
  if (workflowFile) {
    const runs = await workflowRuns(workflowFile)
    if (runs.length > 0) return runs
  }
  if (runId) {
    let workflowId: number | undefined
    try {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        owner,
        repo,
        run_id: runId
      })
      workflowId = data.workflow_id
    } catch (error) {
      core.debug(`compare-base: could not read this run's workflow: ${describeError(error)}`)
    }
    if (workflowId !== undefined) {
      const runs = await workflowRuns(workflowId)
      if (runs.length > 0) return runs
    }
  }
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs', query)
  return data.workflow_runs as RunEntry[]
}

/**
 * The commit the pull request branched from (`GET /compare/BASE...HEAD`'s
 * merge base), undefined outside a pull request or when the API says nothing.
 */
async function mergeBaseOf(access: ArtifactAccess): Promise<string | undefined> {
  const { owner, repo, payload } = access.context
  const base = payload.pull_request?.base?.sha
  const head = payload.pull_request?.head?.sha
  if (!base || !head) return undefined
  try {
    const octokit = await access.getOctokit()
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner,
      repo,
      basehead: `${base}...${head}`,
      per_page: 1
    })
    const sha = (data as { merge_base_commit?: { sha?: string } }).merge_base_commit?.sha
    return typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha) ? sha : undefined
  } catch (error) {
    core.debug(`compare-base: no merge base: ${describeError(error)}`)
    return undefined
  }
}

/** The merge-base commit's successful runs first (when there are any), then the rest, newest first. */
export function preferMergeBase<T extends { head_sha?: string }>(
  runs: T[],
  mergeBase: string | undefined
): T[] {
  if (!mergeBase) return runs
  return [
    ...runs.filter((run) => run.head_sha === mergeBase),
    ...runs.filter((run) => run.head_sha !== mergeBase)
  ]
}

function ageInHours(run: RunEntry, now: Date): number | undefined {
  const at = Date.parse(run.created_at ?? run.updated_at ?? '')
  return Number.isFinite(at) ? Math.max(0, (now.getTime() - at) / 3_600_000) : undefined
}

/** Human age: `3.2 h` or `4.5 days`. */
export function formatAge(hours: number): string {
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`
}

/**
 * Finds and downloads the base run's artifacts matching `pattern` (only the
 * names in `names` when given: the shards analysed in this run).
 * Never throws: problems end up in `info.warning`.
 */
export async function fetchBase(
  access: ArtifactAccess,
  pattern: string,
  names: string[],
  destRoot: string,
  now: Date
): Promise<BaseFetchResult> {
  const context = access.context
  const branch = baseBranchOf(context)
  const skipped: string[] = []
  if (!branch) {
    return {
      info: {
        warning: `compare-base: the ${context.eventName || 'current'} event names no base branch; regression check skipped`
      },
      artifacts: [],
      skipped
    }
  }
  let runs: RunEntry[]
  try {
    runs = await listCandidateRuns(access, branch)
  } catch (error) {
    const status = statusOf(error)
    const hint = status === 403 || status === 404 ? ' (the token needs "actions: read")' : ''
    return {
      info: {
        branch,
        warning: `compare-base: could not list runs of branch "${branch}"${hint}: ${describeError(error)}; regression check skipped`
      },
      artifacts: [],
      skipped
    }
  }
  const mergeBase = await mergeBaseOf(access)
  const candidates = preferMergeBase(
    runs
      .filter((run) => run.id !== context.runId)
      .filter((run) => !run.head_branch || run.head_branch === branch)
      .filter((run) => !run.conclusion || run.conclusion === 'success'),
    mergeBase
  ).slice(0, MAX_BASE_RUNS)
  for (const run of candidates) {
    let selected
    try {
      const entries = await listRunArtifacts(access, run.id)
      selected = selectArtifacts(pattern, entries).filter(
        (entry) => names.length === 0 || names.includes(entry.name)
      )
    } catch (error) {
      skipped.push(`run ${run.id}: ${describeError(error)}`)
      continue
    }
    if (selected.length === 0) {
      skipped.push(`run ${run.id}: no artifact "${pattern}"`)
      continue
    }
    if (selected.every((entry) => entry.expired)) {
      skipped.push(`run ${run.id}: artifact "${selected[0].name}" expired`)
      continue
    }
    const artifacts: DownloadedArtifact[] = []
    let failed: string | undefined
    for (const entry of selected.filter((item) => !item.expired)) {
      try {
        artifacts.push(
          await downloadArtifact(
            access,
            entry,
            join(destRoot, String(run.id), safeFolderName(entry.name)),
            run.id
          )
        )
      } catch (error) {
        failed = describeError(error)
        break
      }
    }
    if (failed !== undefined) {
      skipped.push(`run ${run.id}: ${failed}`)
      continue
    }
    const ageHours = ageInHours(run, now)
    const info: BaseInfo = {
      branch,
      commit: run.head_sha,
      runId: run.id,
      runUrl:
        run.html_url ??
        `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${run.id}`,
      createdAt: run.created_at,
      ageHours: ageHours === undefined ? undefined : Math.round(ageHours * 10) / 10,
      chosen: mergeBase !== undefined && run.head_sha === mergeBase ? 'merge-base' : 'latest',
      ...(mergeBase ? { mergeBase } : {})
    }
    if (ageHours !== undefined && ageHours > STALE_BASE_HOURS) {
      info.warning = `compare-base: the newest usable base run ${run.id} on "${branch}" is ${formatAge(ageHours)} old; the comparison may be stale`
    }
    core.info(
      `compare-base: using run ${run.id} on ${branch} (${run.head_sha?.slice(0, 7) ?? '?'}` +
        (ageHours === undefined ? ')' : `, ${formatAge(ageHours)} old)`) +
        (info.chosen === 'merge-base'
          ? ': the run of the merge-base commit'
          : mergeBase
            ? `: the merge-base commit ${mergeBase.slice(0, 7)} has no usable run, so the newest one`
            : '')
    )
    return { info, artifacts, skipped }
  }
  const looked = candidates.length
  const detail = skipped.length ? ` (${skipped.slice(0, 5).join('; ')})` : ''
  return {
    info: {
      branch,
      warning:
        looked === 0
          ? `compare-base: no successful run on branch "${branch}" found; regression check skipped`
          : `compare-base: none of the last ${looked} successful runs on "${branch}" has a usable artifact "${pattern}"${detail}; regression check skipped`
    },
    artifacts: [],
    skipped
  }
}

/**
 * Downloads workflow artifacts into local folders: from this run (the
 * artifact service, through `@actions/artifact`) or from another run (REST,
 * with a token). `@actions/artifact` costs about a second to load, so it is
 * imported only here and only when an artifact is actually fetched. The
 * library has no timeout of its own that we can set: each of its operations
 * runs under a deadline here, and a download is tried again (bounded) when
 * it stalls or fails with a server error.
 */
import * as core from '../publish/workflow-commands.js'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArtifactClient } from '@actions/artifact'
import { FetchError, describeError } from '../errors.js'
import { NetworkTimeoutError, withDeadline, withRetries } from '../net/deadline.js'
import { NetworkBudgetError, networkSettings } from '../net/settings.js'
import type { Octokit } from '../publish/octokit.js'
import { statusOf } from '../publish/octokit.js'
import { isGlob, matchesArtifact } from './glob.js'
import type { RunContext } from './run-context.js'

/** One artifact as a listing shows it. */
export interface ArtifactEntry {
  name: string
  id: number
  size?: number
  createdAt?: string
  /** Only REST listings of other runs know it; this run's artifacts never are. */
  expired: boolean
}

/** An artifact unpacked into a local folder. */
export interface DownloadedArtifact {
  name: string
  id: number
  dir: string
  /** The run it came from; undefined for this run. */
  runId?: number
}

/** What the fetchers need: where we run, and a REST client when another run is read. */
export interface ArtifactAccess {
  context: RunContext
  token: string
  getOctokit: () => Promise<Octokit>
}

let artifactClient: ArtifactClient | undefined

/** The artifact client, loaded on first use. */
export async function loadArtifactClient(): Promise<ArtifactClient> {
  if (!artifactClient) {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    artifactClient = new DefaultArtifactClient()
  }
  return artifactClient
}

/** Says which run a message is about. */
export function describeRun(context: RunContext, runId?: number): string {
  return runId === undefined ? `this workflow run (${context.runId})` : `run ${runId}`
}

function requireRuntime(): void {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    throw new FetchError(
      'this run\'s artifacts can only be read inside GitHub Actions (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set); use the input "path" or "run-id"'
    )
  }
}

/**
 * Lists the artifacts of this run (runId undefined) or of another run.
 * @throws FetchError when the run cannot be read
 */
export async function listRunArtifacts(
  access: ArtifactAccess,
  runId?: number
): Promise<ArtifactEntry[]> {
  if (runId === undefined) {
    requireRuntime()
    const client = await loadArtifactClient()
    const { artifacts } = await withDeadline(networkSettings().artifactTimeoutMs, () =>
      client.listArtifacts({ latest: true })
    ).catch((error: unknown) => {
      throw new FetchError(
        `could not list the artifacts of ${describeRun(access.context)}: ${describeError(error)}`
      )
    })
    return artifacts.map((artifact) => ({
      name: artifact.name,
      id: artifact.id,
      size: artifact.size,
      createdAt: artifact.createdAt?.toISOString(),
      expired: false
    }))
  }
  const { owner, repo } = access.context
  const octokit = await access.getOctokit()
  try {
    const items = await octokit.paginate(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
      {
        owner,
        repo,
        run_id: runId,
        per_page: 100
      }
    )
    return items.map((artifact) => ({
      name: artifact.name,
      id: artifact.id,
      size: artifact.size_in_bytes,
      createdAt: artifact.created_at ?? undefined,
      expired: Boolean(artifact.expired)
    }))
  } catch (error) {
    const status = statusOf(error)
    if (status === 404) {
      throw new FetchError(
        `run ${runId} not found in ${owner}/${repo}, or the token may not read it (it needs "actions: read")`,
        undefined,
        runId,
        404
      )
    }
    throw new FetchError(
      `could not list the artifacts of run ${runId}: ${describeError(error)}`,
      undefined,
      runId,
      status
    )
  }
}

/** Keeps the newest artifact of each name that matches the name or glob. */
export function selectArtifacts(pattern: string, entries: ArtifactEntry[]): ArtifactEntry[] {
  const newest = new Map<string, ArtifactEntry>()
  for (const entry of entries) {
    if (!matchesArtifact(pattern, entry.name)) continue
    const seen = newest.get(entry.name)
    // Prefer an unexpired copy, then the newest.
    if (
      !seen ||
      (seen.expired && !entry.expired) ||
      (seen.expired === entry.expired && entry.id > seen.id)
    ) {
      newest.set(entry.name, entry)
    }
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** The message for "nothing matched", listing what the run does have. */
export function notFoundMessage(pattern: string, where: string, entries: ArtifactEntry[]): string {
  const names = [...new Set(entries.map((entry) => entry.name))].sort()
  const kind = isGlob(pattern) ? 'no artifact matches' : 'artifact not found:'
  const available = names.length
    ? `artifacts there: ${names.slice(0, 20).join(', ')}`
    : 'that run has no artifacts'
  return `${kind} "${pattern}" in ${where}; ${available}`
}

/** The message for an expired artifact. */
export function expiredMessage(name: string, where: string): string {
  return `artifact "${name}" of ${where} has expired (GitHub deletes artifacts after their retention period); re-run that workflow or raise "retention-days"`
}

/**
 * Downloads one artifact into `dir` (emptied first).
 * @throws FetchError naming the artifact and run (404 missing, 410 expired)
 */
export async function downloadArtifact(
  access: ArtifactAccess,
  entry: ArtifactEntry,
  dir: string,
  runId?: number
): Promise<DownloadedArtifact> {
  const where = describeRun(access.context, runId)
  if (entry.expired) throw new FetchError(expiredMessage(entry.name, where), entry.name, runId, 410)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const client = await loadArtifactClient()
  const { owner, repo } = access.context
  if (runId === undefined) requireRuntime()
  const download = () =>
    runId === undefined
      ? client.downloadArtifact(entry.id, { path: dir })
      : client.downloadArtifact(entry.id, {
          path: dir,
          findBy: {
            token: access.token,
            workflowRunId: runId,
            repositoryOwner: owner,
            repositoryName: repo
          }
        })
  try {
    await withRetries(
      async (attempt) => {
        if (attempt > 0) {
          core.info(`Downloading artifact "${entry.name}" of ${where} again (try ${attempt + 1})`)
          await rm(dir, { recursive: true, force: true })
          await mkdir(dir, { recursive: true })
        }
        return withDeadline(networkSettings().artifactTimeoutMs, download)
      },
      isTransientDownloadError,
      2
    )
  } catch (error) {
    const status = statusOf(error)
    if (status === 410)
      throw new FetchError(expiredMessage(entry.name, where), entry.name, runId, 410)
    if (status === 404) {
      throw new FetchError(
        `artifact "${entry.name}" (id ${entry.id}) of ${where} is gone (404)`,
        entry.name,
        runId,
        404
      )
    }
    throw new FetchError(
      `could not download artifact "${entry.name}" of ${where}: ${describeError(error)}`,
      entry.name,
      runId,
      status
    )
  }
  // The runner's temp path says nothing to a reader and is kept out of every message.
  core.info(`Downloaded artifact "${entry.name}" of ${where}`)
  return { name: entry.name, id: entry.id, dir, runId }
}

/** A stalled or failed-by-the-server download is worth another try; 4xx answers are not. */
function isTransientDownloadError(error: unknown): boolean {
  if (error instanceof NetworkBudgetError) return false
  if (error instanceof NetworkTimeoutError) return true
  const status = statusOf(error)
  return status === undefined || status >= 500 || status === 429
}

/**
 * Downloads every artifact whose name matches `pattern` (a name or a glob),
 * one folder each under `destRoot`.
 * @throws FetchError when nothing matches, or everything that matches has expired
 */
export async function downloadArtifacts(
  access: ArtifactAccess,
  pattern: string,
  destRoot: string,
  runId?: number
): Promise<DownloadedArtifact[]> {
  const where = describeRun(access.context, runId)
  const entries = await listRunArtifacts(access, runId)
  const selected = selectArtifacts(pattern, entries)
  if (selected.length === 0)
    throw new FetchError(
      notFoundMessage(pattern, where, entries),
      pattern,
      runId ?? access.context.runId,
      404
    )
  const usable = selected.filter((entry) => !entry.expired)
  if (usable.length === 0)
    throw new FetchError(expiredMessage(selected[0].name, where), selected[0].name, runId, 410)
  for (const entry of selected) {
    if (entry.expired) core.warning(expiredMessage(entry.name, where) + '; analysing the others')
  }
  const downloaded: DownloadedArtifact[] = []
  for (const entry of usable) {
    downloaded.push(
      await downloadArtifact(access, entry, join(destRoot, safeFolderName(entry.name)), runId)
    )
  }
  return downloaded
}

/** A folder name for an artifact name (artifact names may hold spaces, not slashes). */
export function safeFolderName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || 'artifact'
}

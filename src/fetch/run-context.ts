/**
 * What the runner tells the action about the workflow run: repository, run,
 * event payload. Read from the environment directly (not `@actions/github`'s
 * context) so a run on a local `path` never loads Octokit.
 */
import { readFileSync } from 'node:fs'

/** A minimal view of the event payload (pull_request / workflow_run / push). */
export interface EventPayload {
  pull_request?: {
    number?: number
    head?: { sha?: string; ref?: string }
    base?: { ref?: string; sha?: string }
  }
  workflow_run?: {
    id?: number
    run_attempt?: number
    /** success, failure, cancelled, skipped… of the whole analysing run. */
    conclusion?: string | null
    event?: string
    head_sha?: string
    head_branch?: string
    html_url?: string
    head_repository?: { owner?: { login?: string }; full_name?: string }
    pull_requests?: Array<{ number?: number; head?: { sha?: string } }>
  }
  repository?: { default_branch?: string }
  number?: number
  [key: string]: unknown
}

/** The run this action executes in. */
export interface RunContext {
  owner: string
  repo: string
  runId: number
  /** GITHUB_RUN_ATTEMPT: 2 and up for a re-run. */
  runAttempt: number
  sha: string
  eventName: string
  payload: EventPayload
  serverUrl: string
  apiUrl: string
  /** Where downloads and report files go. */
  tempDir: string
  workspace: string
  /** Workflow file name (`ci.yml`) from GITHUB_WORKFLOW_REF, when the runner sets it. */
  workflowFile?: string
  /** The action's own repository and ref (`uses: OWNER/REPO@REF`), when the runner says them. */
  actionRepository?: string
  actionRef?: string
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload
  } catch {
    return {}
  }
}

/** Reads the run context from the runner's environment. */
export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? ''
  const workflowFile = /\/\.github\/workflows\/([^@/]+)@/.exec(workflowRef)?.[1]
  return {
    owner,
    repo,
    runId: Number(env.GITHUB_RUN_ID ?? 0) || 0,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1) || 1,
    sha: env.GITHUB_SHA ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    tempDir: env.RUNNER_TEMP || env.TMPDIR || '/tmp',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    workflowFile,
    actionRepository: env.GITHUB_ACTION_REPOSITORY || undefined,
    actionRef: env.GITHUB_ACTION_REF || undefined
  }
}

/** Characters a repository and a ref may have in a command we print for people to paste. */
const SAFE_REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
const SAFE_REF = /^[A-Za-z0-9_./-]+$/

/**
 * Where the leak-gate that runs comes from: the action's own repository and
 * ref (`uses: OWNER/REPO@REF`), or this repository at this commit when the
 * action is used from a path in it (`uses: ./`, where the runner names none).
 */
export function actionSource(context: RunContext): { repository: string; ref: string } | undefined {
  const own =
    context.actionRepository && context.actionRef
      ? { repository: context.actionRepository, ref: context.actionRef }
      : { repository: `${context.owner}/${context.repo}`, ref: context.sha }
  return SAFE_REPOSITORY.test(own.repository) && SAFE_REF.test(own.ref) ? own : undefined
}

/**
 * The command that runs this very leak-gate on a laptop, outside any
 * checkout: `npx --yes github:OWNER/REPO#REF` (npm installs the repository at
 * that ref and runs its committed `dist/`). `npx --yes leak-gate` when the
 * source is unknown.
 */
export function leakGateCommand(context: RunContext): string {
  const source = actionSource(context)
  return source ? `npx --yes github:${source.repository}#${source.ref}` : 'npx --yes leak-gate'
}

/** `docs/signatures.md` of the leak-gate that runs, on the web; its sections are the signature ids. */
export function signaturesDocUrl(context: RunContext): string | undefined {
  const source = actionSource(context)
  return source
    ? `${context.serverUrl}/${source.repository}/blob/${source.ref}/docs/signatures.md`
    : undefined
}

/** Link to a workflow run on the web. */
export function runUrl(context: RunContext, runId = context.runId): string {
  return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${runId}`
}

/** The pull request number the event is about, if any. */
export function eventPrNumber(context: RunContext): number | undefined {
  const number =
    context.payload.pull_request?.number ??
    (context.eventName.startsWith('pull_request') ? context.payload.number : undefined)
  return typeof number === 'number' && number > 0 ? number : undefined
}

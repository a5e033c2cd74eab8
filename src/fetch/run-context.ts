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
    workflowFile
  }
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

/**
 * Runs the action bundle (`node dist/index.js`) exactly as the runner does:
 * inputs as `INPUT_*` variables, the event payload in a file, outputs and
 * summary files, the artifact service and REST API pointed at a local server.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeTempDir } from './temp-dir.js'

/** The bundle under test (LEAK_GATE_BUNDLE overrides, e.g. a scratch build). */
export const BUNDLE = resolve(process.env.LEAK_GATE_BUNDLE ?? 'dist/index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The one `::error::` line of core.setFailed, if any. */
  failure?: string
  tempDir: string
  durationMs: number
}

export interface RunOptions {
  apiUrl: string
  inputs: Record<string, string>
  event?: { name: string; payload: unknown }
  runId?: number
  sha?: string
  workspace?: string
  /** Extra or overriding environment. */
  env?: Record<string, string>
  timeoutMs?: number
}

/** An unsigned JWT with the scope the artifact client reads its backend ids from. */
export function runtimeToken(): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ scp: 'Actions.GenericRead:x Actions.Results:run-backend:job-backend', exp: 4102444800 })}.c2ln`
}

/** A pull_request event payload for PR `number` of acme/shop. */
export function pullRequestEvent(
  number: number,
  options: { baseRef?: string; headSha?: string } = {}
) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        head: { sha: options.headSha ?? 'f00dfeed'.padEnd(40, '1'), ref: 'feature' },
        base: { ref: options.baseRef ?? 'main', sha: 'ba5e'.padEnd(40, '2') }
      },
      repository: { full_name: 'acme/shop', default_branch: 'main' }
    }
  }
}

/** Parses the runner's GITHUB_OUTPUT file (`name<<DELIM` blocks). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index])
    if (match) {
      const values: string[] = []
      while (++index < lines.length && lines[index] !== match[2]) values.push(lines[index])
      outputs[match[1]] = values.join('\n')
    } else if (lines[index].includes('=')) {
      const at = lines[index].indexOf('=')
      outputs[lines[index].slice(0, at)] = lines[index].slice(at + 1)
    }
  }
  return outputs
}

/**
 * Runs the bundle and collects what the runner would see. Its temp folder (event,
 * outputs, summary, RUNNER_TEMP) stays until the test calls `removeTempDirs()`.
 */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} not found: build the bundle first (npm run bundle)`)
  const tempDir = makeTempDir('e2e')
  const eventPath = join(tempDir, 'event.json')
  const outputPath = join(tempDir, 'output.txt')
  const summaryPath = join(tempDir, 'summary.md')
  const event = options.event ?? pullRequestEvent(7)
  writeFileSync(eventPath, JSON.stringify(event.payload))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value
    ])
  )
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tempDir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: options.sha ?? 'cafe'.padEnd(40, '3'),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_RUN_ID: String(options.runId ?? 1000),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'load test',
    GITHUB_JOB: 'load-test',
    GITHUB_ACTOR: 'octocat',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_WORKSPACE: options.workspace ?? tempDir,
    ACTIONS_RESULTS_URL: `${options.apiUrl}/`,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(),
    RUNNER_TEMP: tempDir,
    RUNNER_OS: 'Linux',
    ...inputs,
    ...options.env
  }
  const started = Date.now()
  const child = spawn(process.execPath, [BUNDLE], { env, cwd: options.workspace ?? tempDir })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolveExit) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000)
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      resolveExit(exitCode)
    })
  })
  const failures = stdout.split('\n').filter((line) => line.startsWith('::error::'))
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    failure: failures.at(-1)?.slice('::error::'.length),
    tempDir,
    durationMs: Date.now() - started
  }
}

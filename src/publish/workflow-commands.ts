/**
 * The runner's workflow commands (`::error title=…::`, `GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`, groups), written exactly as `@actions/core` 3
 * writes them. Why not `@actions/core` itself on this path: it pulls in an
 * HTTP client (undici, for OIDC tokens) whose loading doubles the action's
 * cold start on a local `path` (measured: ~1.9× a bare `node -e ''` for
 * `@actions/core` alone). `@actions/artifact` and Octokit still use the real
 * `@actions/core` when they are loaded, and their output goes to the same
 * streams and files, in the same format.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

/** Where an annotation points and what it is called (as `@actions/core`'s AnnotationProperties). */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** A group whose `::group::` line waits for its first log line: a group with nothing in it is never shown. */
let pendingGroup: string | undefined

function openPendingGroup(): void {
  if (pendingGroup === undefined) return
  const name = pendingGroup
  pendingGroup = undefined
  process.stdout.write(`::group::${escapeData(name)}${EOL}`)
  groupOpened = true
}
let groupOpened = false

/** Writes `::command key=value,…::message` on its own line. */
export function issueCommand(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string
): void {
  openPendingGroup()
  const pairs = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
  process.stdout.write(
    `::${command}${pairs.length ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}${EOL}`
  )
}

function annotation(command: string, message: string, properties: AnnotationProperties): void {
  issueCommand(
    command,
    {
      title: properties.title,
      file: properties.file,
      line: properties.startLine,
      endLine: properties.endLine,
      col: properties.startColumn,
      endColumn: properties.endColumn
    },
    message
  )
}

/** A plain log line. */
export function info(message: string): void {
  openPendingGroup()
  process.stdout.write(message + EOL)
}

/**
 * Prints text that quotes artifacts (metric names, log lines) with workflow
 * commands stopped, so a line like `::set-output …` in it stays text.
 */
export function infoVerbatim(text: string): void {
  const token = `leak-gate-${randomUUID()}`
  issueCommand('stop-commands', {}, token)
  process.stdout.write(text.endsWith('\n') ? text : `${text}${EOL}`)
  process.stdout.write(`::${token}::${EOL}`)
}

/** A line shown only with step debug logging on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

/** A warning annotation. */
export function warning(message: string, properties: AnnotationProperties = {}): void {
  annotation('warning', message, properties)
}

/** An error annotation. */
export function error(message: string, properties: AnnotationProperties = {}): void {
  annotation('error', message, properties)
}

/** Fails the step: exit code 1 and an error annotation with the message. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Sets a step output (`GITHUB_OUTPUT` file, heredoc with a random delimiter). */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, value)
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error('output contains its delimiter')
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}

/**
 * Runs `work` inside a foldable log group. The group's header is written with
 * its first line, so a stage that logs nothing leaves no empty group behind.
 */
export async function group<T>(name: string, work: () => Promise<T>): Promise<T> {
  pendingGroup = name
  groupOpened = false
  try {
    return await work()
  } finally {
    const opened = groupOpened
    pendingGroup = undefined
    groupOpened = false
    if (opened) process.stdout.write(`::endgroup::${EOL}`)
  }
}

/**
 * Appends markdown to the job summary.
 * @returns false when there is no summary file (outside the runner)
 */
export function appendSummary(markdown: string): boolean {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, markdown + EOL, 'utf8')
  return true
}

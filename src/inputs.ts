/**
 * The action's inputs (SPEC §7), read once, validated and mapped to camelCase.
 * Every other module receives an {@link ActionInputs}; nothing else reads
 * `INPUT_*`, so a bad value is reported once, naming the input and the values
 * it accepts. Read like `core.getInput` does (trimmed), without loading
 * `@actions/core` (see publish/workflow-commands.ts for why).
 */
import { ActionInputError } from './errors.js'

/** When to post or update the PR comment. */
export const COMMENT_MODES = ['auto', 'always', 'on-fail', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/**
 * Which verdicts fail the job: `fail` (default) fails on fail and error,
 * `warn` also on warn, `error` only on error, `never` never.
 */
export const FAIL_ON_VALUES = ['fail', 'warn', 'error', 'never'] as const
export type FailOn = (typeof FAIL_ON_VALUES)[number]

/** `full` does everything in one job; `analyze` + `report` is the fork-safe pair. */
export const MODES = ['full', 'analyze', 'report'] as const
export type Mode = (typeof MODES)[number]

/** Default name of the uploaded report artifact (HTML + JSON). */
export const DEFAULT_REPORT_NAME = 'leak-gate-report'

/** Validated action inputs. Empty strings mean "not given". */
export interface ActionInputs {
  /** Artifact name or glob (`load-test-*`), from this run or from `runId`'s. */
  artifact: string
  /** A local folder to analyse instead of an artifact. */
  path: string
  /** Another workflow run to download `artifact` from. */
  runId?: number
  /** Configuration file, relative to the workspace. */
  config: string
  /** Token for the REST API; never printed. */
  githubToken: string
  comment: CommentMode
  failOn: FailOn
  compareBase: boolean
  /** Name of the report artifact; empty disables the upload. */
  reportName: string
  /** PR to comment on when the event does not say (e.g. `workflow_run`). */
  prNumber?: number
  /** Several reports on one PR: one comment per key. */
  commentKey: string
  mode: Mode
  /** Name of the Check run (what branch protection requires); empty: no Check run. */
  checkName: string
}

/** Reads one input; `undefined` when the runner did not set it at all (so a default applies). */
type InputReader = (name: string) => string | undefined

/** The runner's reader: `INPUT_<NAME>` with spaces as `_`, upper-cased; hyphens stay; trimmed. */
function readRunnerInput(name: string): string | undefined {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim()
}

function pickOne<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T
): T {
  if (value === undefined || value === '') return fallback
  const lower = value.toLowerCase()
  const found = allowed.find((candidate) => candidate === lower)
  if (!found) throw new ActionInputError(name, value, `one of ${allowed.join(', ')}`)
  return found
}

function readBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  throw new ActionInputError(name, value, 'true or false')
}

function readPositiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const trimmed = value.replace(/^#/, '')
  if (!/^\d+$/.test(trimmed) || Number(trimmed) <= 0 || !Number.isSafeInteger(Number(trimmed))) {
    throw new ActionInputError(name, value, 'a positive whole number')
  }
  return Number(trimmed)
}

/** A key goes into `<!-- leak-gate:KEY -->`, so it may not break the HTML comment. */
function readCommentKey(value: string | undefined): string {
  if (value === undefined || value === '') return 'default'
  if (!/^[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)*$/.test(value) || value.length > 100) {
    throw new ActionInputError(
      'comment-key',
      value,
      'letters, digits, ".", "_" and single "-" (at most 100)'
    )
  }
  return value
}

/** The Check run's name: one line of plain text, at most 100 characters; empty disables it. */
function readCheckName(value: string | undefined): string {
  if (value === undefined) return 'leak-gate'
  const control = [...value].some((char) => char.charCodeAt(0) < 0x20)
  if (value.length > 100 || control) {
    throw new ActionInputError('check-name', value, 'one line of at most 100 characters, or empty')
  }
  return value
}

/**
 * Reads and validates every input once.
 * @param read input reader; the default reads the runner's `INPUT_*` variables
 * @throws ActionInputError naming the input and the allowed values
 */
export function readInputs(read: InputReader = readRunnerInput): ActionInputs {
  const artifact = read('artifact') ?? ''
  const path = read('path') ?? ''
  const mode = pickOne('mode', read('mode'), MODES, 'full')
  const reportName = read('report-name') ?? DEFAULT_REPORT_NAME
  if (reportName !== '' && /["<>|*?\r\n\\/:]/.test(reportName)) {
    throw new ActionInputError(
      'report-name',
      reportName,
      'an artifact name without " : < > | * ? \\ / or line breaks'
    )
  }
  if (mode !== 'report' && artifact === '' && path === '') {
    throw new ActionInputError(
      'artifact',
      '',
      'an artifact name or glob, or the input "path" with a local folder'
    )
  }
  if (mode !== 'full' && reportName === '') {
    throw new ActionInputError(
      'report-name',
      '',
      `a name: mode "${mode}" passes the report through that artifact`
    )
  }
  return {
    artifact,
    path,
    runId: readPositiveInteger('run-id', read('run-id')),
    config: read('config') ?? '',
    githubToken: read('github-token') ?? '',
    comment: pickOne('comment', read('comment'), COMMENT_MODES, 'auto'),
    failOn: pickOne('fail-on', read('fail-on'), FAIL_ON_VALUES, 'fail'),
    compareBase: readBoolean('compare-base', read('compare-base'), false),
    reportName,
    prNumber: readPositiveInteger('pr-number', read('pr-number')),
    commentKey: readCommentKey(read('comment-key')),
    mode,
    checkName: readCheckName(read('check-name'))
  }
}

/**
 * How long the action waits for GitHub, in one place. Every REST request has
 * a timeout and a bounded number of retries, every artifact operation a
 * deadline, and the whole step a network budget, so a stalled connection
 * ends the step with a clear error in minutes instead of holding the job
 * until GitHub's 6-hour limit.
 *
 * The defaults are for production. The `LEAK_GATE_*_MS` environment
 * variables exist for tests (the end-to-end suite sets them to a fraction of
 * a second) and for a runner on a very slow network; they are not action inputs.
 */

/** The network limits in force. */
export interface NetworkSettings {
  /** One REST request, headers and body (`LEAK_GATE_HTTP_TIMEOUT_MS`, default 30 s). */
  httpTimeoutMs: number
  /** Retries after the first try of an idempotent request (3). */
  retries: number
  /** Unit of the back-off between tries: 1, 4, 9 × this (`LEAK_GATE_RETRY_DELAY_MS`, default 1 s). */
  retryDelayMs: number
  /** Longest `retry-after` honoured; a longer one ends the retries (60 s). */
  maxRetryAfterMs: number
  /** One artifact list, download or upload (`LEAK_GATE_ARTIFACT_TIMEOUT_MS`, default 5 min). */
  artifactTimeoutMs: number
  /** All network work of the step, from its start (`LEAK_GATE_NETWORK_BUDGET_MS`, default 15 min). */
  budgetMs: number
}

const DEFAULTS: NetworkSettings = {
  httpTimeoutMs: 30_000,
  retries: 3,
  retryDelayMs: 1_000,
  maxRetryAfterMs: 60_000,
  artifactTimeoutMs: 300_000,
  budgetMs: 900_000
}

function readMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name])
  return env[name] && Number.isFinite(value) && value > 0 ? value : fallback
}

/** Reads the settings from the environment (unset or invalid values take the defaults). */
export function readNetworkSettings(env: NodeJS.ProcessEnv = process.env): NetworkSettings {
  return {
    ...DEFAULTS,
    httpTimeoutMs: readMs(env, 'LEAK_GATE_HTTP_TIMEOUT_MS', DEFAULTS.httpTimeoutMs),
    retryDelayMs: readMs(env, 'LEAK_GATE_RETRY_DELAY_MS', DEFAULTS.retryDelayMs),
    artifactTimeoutMs: readMs(env, 'LEAK_GATE_ARTIFACT_TIMEOUT_MS', DEFAULTS.artifactTimeoutMs),
    budgetMs: readMs(env, 'LEAK_GATE_NETWORK_BUDGET_MS', DEFAULTS.budgetMs)
  }
}

let current: NetworkSettings | undefined
let startedAt: number | undefined

/** The settings of this process (read once) and when its network budget started. */
export function networkSettings(): NetworkSettings {
  current ??= readNetworkSettings()
  startedAt ??= Date.now()
  return current
}

/** Milliseconds left of the step's network budget (0 when used up). */
export function budgetLeftMs(): number {
  const settings = networkSettings()
  return Math.max(0, (startedAt ?? Date.now()) + settings.budgetMs - Date.now())
}

/** Seconds, as messages show them: `0.4 s`, `30 s`, `5 min`. */
export function formatWait(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`
  return `${Number((ms / 1000).toFixed(1))} s`
}

/** The network budget is used up: nothing more is sent. */
export class NetworkBudgetError extends Error {
  override name = 'NetworkBudgetError'
  constructor() {
    super(`the network time budget of ${formatWait(networkSettings().budgetMs)} is used up`)
  }
}

/** The back-off before retry `attempt` (0-based): 1, 4, 9 × the delay unit. */
export function backoffMs(attempt: number): number {
  return (attempt + 1) ** 2 * networkSettings().retryDelayMs
}

/**
 * Reads a `retry-after` header (seconds, or an HTTP date) as milliseconds;
 * undefined when absent or unreadable.
 */
export function retryAfterMs(
  value: string | null | undefined,
  now = Date.now()
): number | undefined {
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined
}

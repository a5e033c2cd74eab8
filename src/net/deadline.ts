/**
 * Timeouts and bounded retries for every request the action sends:
 * `timedFetch` is the `fetch` Octokit uses (each try has a timeout covering
 * headers and body; idempotent requests are retried on timeouts, network
 * errors, 5xx and 429, honouring `retry-after`), and `withDeadline` bounds an
 * operation of a library we cannot hand a fetch to (`@actions/artifact`).
 */
import {
  NetworkBudgetError,
  backoffMs,
  budgetLeftMs,
  formatWait,
  networkSettings,
  retryAfterMs
} from './settings.js'

/** An operation did not finish within its time. */
export class NetworkTimeoutError extends Error {
  override name = 'NetworkTimeoutError'
}

let abandoned = 0

/**
 * How many operations were given up on while their socket may still be open
 * (the artifact library cannot be cancelled). The entry point exits instead
 * of waiting for them.
 */
export function abandonedOperations(): number {
  return abandoned
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The time one try may take: the per-try limit, or what is left of the budget. */
function tryLimit(limitMs: number): number {
  const left = budgetLeftMs()
  if (left <= 0) throw new NetworkBudgetError()
  return Math.min(limitMs, left)
}

/**
 * Runs `operation` with a deadline: after `limitMs` (or when the step's
 * network budget runs out) it rejects with a {@link NetworkTimeoutError}
 * saying how long it waited; the operation itself is abandoned.
 */
export async function withDeadline<T>(limitMs: number, operation: () => Promise<T>): Promise<T> {
  const limit = tryLimit(limitMs)
  const budgetBound = limit < limitMs
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      abandoned++
      reject(
        budgetBound
          ? new NetworkBudgetError()
          : new NetworkTimeoutError(`no answer within ${formatWait(limit)}`)
      )
    }, limit)
  })
  try {
    return await Promise.race([operation(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs `operation` up to `1 + retries` times while it fails with an error
 * `shouldRetry` accepts, waiting the back-off in between (never past the budget).
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  retries = networkSettings().retries
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (error) {
      if (attempt >= retries || !shouldRetry(error) || error instanceof NetworkBudgetError)
        throw error
      const wait = backoffMs(attempt)
      if (wait >= budgetLeftMs()) throw error
      await sleep(wait)
    }
  }
}

/** Requests that may be sent again without doing twice what they do. POST creates: never repeated here. */
function isIdempotent(method: string, url: string): boolean {
  return (
    ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method) ||
    // a GraphQL query (we send no mutations)
    (method === 'POST' && /\/graphql$/.test(new URL(url).pathname))
  )
}

/** Answers worth another try. */
function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500
}

/**
 * A `fetch` with a timeout on each try (headers and body read in full
 * within it) and bounded retries for idempotent requests. A failure is an
 * error whose message says what was asked and how long it waited.
 */
export async function timedFetch(
  input: string | URL | Request,
  init: RequestInit = {}
): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const method = (init.method ?? 'GET').toUpperCase()
  const what = `${method} ${new URL(url).pathname}`
  const settings = networkSettings()
  const retries = isIdempotent(method, url) ? settings.retries : 0
  let lastError = ''
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const wait = Math.min(backoffMs(attempt - 1), budgetLeftMs())
      await sleep(wait)
    }
    let limit: number
    try {
      limit = tryLimit(settings.httpTimeoutMs)
    } catch (error) {
      throw new Error(`${what}: ${(error as Error).message}${lastError ? ` (${lastError})` : ''}`)
    }
    const timeout = AbortSignal.timeout(limit)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      const response = await fetch(url, { ...init, signal })
      const body = [101, 204, 205, 304].includes(response.status)
        ? null
        : await response.arrayBuffer()
      const wait = retryAfterMs(response.headers.get('retry-after'))
      if (attempt < retries && isTransientStatus(response.status)) {
        if (wait === undefined) {
          lastError = `answered ${response.status}`
          continue
        }
        if (wait <= settings.maxRetryAfterMs && wait < budgetLeftMs()) {
          // Honour the server's wait instead of the back-off, then try again.
          lastError = `answered ${response.status}, retry-after ${formatWait(wait)}`
          await sleep(Math.max(0, wait - backoffMs(attempt)))
          continue
        }
      }
      const copy = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
      Object.defineProperty(copy, 'url', { value: response.url })
      return copy
    } catch (error) {
      if (init.signal?.aborted) throw error
      lastError = timeout.aborted
        ? `no answer within ${formatWait(limit)}`
        : `${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`
    }
  }
  const tries = retries + 1
  throw new Error(`${what}: ${lastError}${tries > 1 ? ` (${tries} tries)` : ''}`)
}

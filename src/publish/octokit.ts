/**
 * One Octokit for the whole run. Every request goes through `timedFetch`
 * (a timeout per try, bounded retries of idempotent requests on timeouts,
 * 5xx and 429, honouring `retry-after`: see net/deadline.ts), and rate limits
 * are waited out by the `throttling` plugin. Loaded with `import()` so a run
 * that never talks to GitHub does not pay for it.
 */
import * as core from './workflow-commands.js'
import type { getOctokit } from '@actions/github'
import { timedFetch } from '../net/deadline.js'
import { budgetLeftMs } from '../net/settings.js'

/** The REST client type `@actions/github` hands out. */
export type Octokit = ReturnType<typeof getOctokit>

/** Longest wait (seconds) we accept from a rate-limit answer before giving up. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

/**
 * Creates the REST client.
 * @param token the workflow token or a PAT (the runner masks it; we never log it, nor echo it in an add-mask command)
 * @param baseUrl `GITHUB_API_URL`
 */
export async function createOctokit(token: string, baseUrl: string): Promise<Octokit> {
  const [{ getOctokit: makeOctokit }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-throttling')
  ])
  const log = {
    debug: (message: string) => core.debug(message),
    info: (message: string) => core.debug(message),
    warn: (message: string) => core.info(message),
    error: (message: string) => core.info(message)
  }
  return makeOctokit(
    token,
    {
      baseUrl,
      log,
      request: { fetch: timedFetch },
      throttle: {
        fallbackSecondaryRateRetryAfter: 10,
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _octokit: unknown,
          retryCount: number
        ) => {
          core.info(
            `GitHub rate limit on ${options.method} ${options.url}: waiting ${retryAfter} s`
          )
          return retryCount < 1 && withinBudget(retryAfter)
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _octokit: unknown,
          retryCount: number
        ) => {
          core.info(
            `GitHub secondary rate limit on ${options.method} ${options.url}: waiting ${retryAfter} s`
          )
          return retryCount < 2 && withinBudget(retryAfter)
        }
      }
    },
    throttling
  )
}

/** A rate-limit wait we accept: short, and within the step's network budget. */
function withinBudget(retryAfterSeconds: number): boolean {
  return (
    retryAfterSeconds <= MAX_RATE_LIMIT_WAIT_SECONDS && retryAfterSeconds * 1000 < budgetLeftMs()
  )
}

/** HTTP status of an Octokit error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

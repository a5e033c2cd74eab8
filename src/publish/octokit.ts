/**
 * One Octokit for the whole run, with retries for 5xx answers and waits for
 * secondary rate limits (plugins `retry` and `throttling`). Loaded with
 * `import()` so a run that never talks to GitHub does not pay for it.
 */
import * as core from './workflow-commands.js'
import type { getOctokit } from '@actions/github'

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
  const [{ getOctokit: makeOctokit }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
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
      retry: { retries: 3 },
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
          return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS
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
          return retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS
        }
      }
    },
    retry,
    throttling
  )
}

/** HTTP status of an Octokit error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

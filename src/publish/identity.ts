/**
 * Who the token writes as, so that only our own comments count: a marker
 * that anyone can type into a comment proves nothing, its author does.
 * Asked of the API, never guessed: GraphQL `viewer` answers for every kind
 * of token (the workflow token gives `github-actions[bot]`, an app's
 * installation token `<slug>[bot]`, a personal token the user), and
 * `GET /user` is the fallback for personal tokens (installation tokens are
 * refused there).
 */
import * as core from './workflow-commands.js'
import { describeError } from '../errors.js'
import type { Octokit } from './octokit.js'

/** The login the token writes as; undefined when the API would not say. */
export async function findOwnLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    const data = await octokit.graphql<{ viewer?: { login?: unknown } }>(
      'query { viewer { login } }'
    )
    if (typeof data?.viewer?.login === 'string' && data.viewer.login) return data.viewer.login
  } catch (error) {
    core.debug(`GraphQL viewer: ${describeError(error)}`)
  }
  try {
    const { data } = await octokit.request('GET /user')
    if (typeof data?.login === 'string' && data.login) return data.login
  } catch (error) {
    core.debug(`GET /user: ${describeError(error)}`)
  }
  return undefined
}

/** A comment's author as the REST API shows it. */
export interface CommentAuthor {
  login?: string
  type?: string
}

/**
 * True when the comment was written by `login` (logins are case-insensitive;
 * a `…[bot]` login must also be a bot account).
 */
export function isOwnComment(
  author: CommentAuthor | null | undefined,
  login: string | undefined
): boolean {
  if (!login || !author?.login) return false
  if (author.login.toLowerCase() !== login.toLowerCase()) return false
  return !/\[bot\]$/i.test(login) || author.type === 'Bot'
}

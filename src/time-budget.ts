/**
 * A time budget for synchronous work that user input can make explode: a
 * regular expression from the PR's config or the artifact (`pattern:`, a
 * file glob) that backtracks catastrophically, `(a+)+b` on a line of `a`s,
 * runs for hours and never yields, so no timer can stop it. V8 can:
 * `vm`'s `timeout` interrupts running code, also inside a RegExp. No native
 * addon, no worker; one call costs a fraction of a millisecond, so callers
 * run a whole batch of lines per call.
 */
import { Script, createContext } from 'node:vm'

/** Returned instead of the result when the budget ran out. */
export const OUT_OF_TIME: unique symbol = Symbol('out of time')

const call = new Script('run()')
const context = createContext({ run: (): unknown => undefined })

/**
 * Runs `work` and returns its result, or {@link OUT_OF_TIME} when it ran
 * longer than `budgetMs` (it is then stopped where it was). Errors thrown
 * by `work` propagate.
 */
export function runWithBudget<T>(work: () => T, budgetMs: number): T | typeof OUT_OF_TIME {
  context.run = work
  try {
    return call.runInContext(context, { timeout: Math.max(1, Math.round(budgetMs)) }) as T
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      return OUT_OF_TIME
    throw error
  } finally {
    context.run = () => undefined
  }
}

/** Command-line entry: `leak-gate [options] DIR` (see src/cli/run.ts). */
import { describeError } from './errors.js'
import { runCli } from './cli/run.js'

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`leak-gate: internal error: ${describeError(error)}\n`)
    process.exitCode = 2
  }
)

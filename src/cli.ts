/** Command-line entry: `leak-gate [options] DIR` (see src/cli/run.ts). */
import { describeError } from './errors.js'
import { runCli } from './cli/run.js'

// `leak-gate … | head`: a reader that stops early closes the pipe. That is not a
// fault of the run: stop writing quietly and keep the verdict's exit status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`leak-gate: internal error: ${describeError(error)}\n`)
    process.exitCode = 2
  }
)

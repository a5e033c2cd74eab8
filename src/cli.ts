/** Command-line entry: `leak-gate [options] DIR` (see src/cli/run.ts). */
import { describeError } from './errors.js'
import { runCli } from './cli/run.js'
import { processProgressDisplay } from './io/progress.js'
import { setReadProgressListener } from './io/read-lines.js'

// `leak-gate … | head`: a reader that stops early closes the pipe. That is not a
// fault of the run: stop writing quietly and keep the verdict's exit status.
// Any other failure to write the report (a full disk) is an error: exit 2, never 1 ("leak").
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return
    process.exitCode = 2
    if (stream !== process.stderr)
      process.stderr.write(`leak-gate: cannot write the report: ${describeError(error)}\n`)
  })
}

// a long read shows its progress on stderr (a line redrawn on a terminal, else every 10 s)
setReadProgressListener(processProgressDisplay())

runCli(process.argv.slice(2)).then(
  (code) => {
    // a failed write (above) already set 2
    if (process.exitCode !== 2) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`leak-gate: internal error: ${describeError(error)}\n`)
    process.exitCode = 2
  }
)

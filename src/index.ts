/** The action's entry point: only runs the action (see main.ts). */
import { run } from './main.js'
import { abandonedOperations } from './net/deadline.js'
import { processProgressDisplay } from './io/progress.js'
import { setReadProgressListener } from './io/read-lines.js'

// a long read says how far it has got in the step's log, every 10 s
setReadProgressListener(processProgressDisplay((text) => process.stdout.write(text)))

await run()
// An artifact operation given up on at its deadline may still hold a socket
// open; it must not keep the job alive after the verdict is out.
if (abandonedOperations() > 0) process.exit()

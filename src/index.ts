/** The action's entry point: only runs the action (see main.ts). */
import { run } from './main.js'

await run()

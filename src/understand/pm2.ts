/**
 * `pm2 jlist` / `pm2 prettylist` saved in a loop: a JSON array of pm2's
 * processes per sample (`[{"pid":123,"name":"api","pm2_env":{…},"monit":{"memory":163091456,"cpu":3}}, …]`).
 * Every process of the app list is in each array, side by side: read as one
 * series per process `name` (pm2's app name, kept across restarts, where the
 * pid changes), `monit.memory` (the process's RSS in bytes) as memory. Pure.
 */

/** pm2's process objects in a head's text: `pm2_env` beside `monit` holding `memory`, bounded. */
const PM2_PROCESS_RE = /"pm2_env"\s*:\s*\{/
const PM2_MONIT_RE = /"monit"\s*:\s*\{\s*"(?:memory|cpu)"\s*:/

/** True when a head is pm2's process list (`pm2 jlist`, `pm2 prettylist`) saved as it prints it. */
export function isPm2ProcessList(head: readonly string[]): boolean {
  const text = head
    .slice(0, 400)
    .join('\n')
    .slice(0, 256 * 1024)
  return PM2_PROCESS_RE.test(text) && PM2_MONIT_RE.test(text)
}

/** The column of pm2's memory (flattened as JSON keys are: `monit.memory`). */
export const PM2_MEMORY = 'monit.memory'
/** The column naming pm2's app: one series per app. */
export const PM2_NAME = 'name'
/** What is read of pm2's process list, as the note says it. */
export const PM2_NOTE =
  "pm2's process list: one series per app name, monit.memory (the process's RSS, bytes) as memory; monit.cpu and pm2_env not judged"

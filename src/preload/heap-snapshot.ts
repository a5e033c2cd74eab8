/**
 * `node --import leak-gate/heap-snapshot app.js`: the heap snapshot helper a
 * service preloads for a load test. It
 *
 * - counts the work done: every HTTP request the process serves (through
 *   `diagnostics_channel`), plus whatever the app adds with {@link addWork};
 * - samples `process.memoryUsage()` with that counter into `memory.csv`
 *   (time, work, rss, heapTotal, heapUsed, external, arrayBuffers), which
 *   leak-gate reads with no config;
 * - takes three heap snapshots (after warm-up, after load phase 1, after load
 *   phase 2) on a signal (`SIGUSR2` by default; `kill -USR2 <pid>`) or when
 *   the counter reaches the counts in `LEAK_GATE_SNAPSHOT_AT`;
 * - writes `heap-snapshots.json`: each snapshot's file, work count and the
 *   pause it caused, so leak-gate leaves the pauses out of the memory series.
 *   Writing a snapshot blocks the process for seconds and leaves its RSS
 *   raised for good; without this the memory-series signatures would read
 *   the snapshots as a leak (figures in docs/heap-snapshot-helper.md).
 *
 * Settings (environment, since `--import` takes no arguments):
 * `LEAK_GATE_DIR` (folder, default `leak-gate`), `LEAK_GATE_SNAPSHOT_AT`
 * (e.g. `1000,6000,11000`), `LEAK_GATE_SIGNAL` (default `SIGUSR2`, `none`
 * to disable), `LEAK_GATE_INTERVAL_MS` (sampling, default 1000),
 * `LEAK_GATE_WORK_NAME` (the work column, default `requests`),
 * `LEAK_GATE_COUNT_HTTP` (`0` to count only {@link addWork}).
 *
 * The only I/O here is the process being measured: its own memory and files.
 */
import { subscribe } from 'node:diagnostics_channel'
import { appendFileSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'
import {
  PAUSE_MANIFEST_NAME,
  SNAPSHOT_ROLES,
  type PauseManifest,
  type SnapshotPause
} from '../pauses/manifest.js'

/** The series file the helper writes. */
export const SERIES_FILE = 'memory.csv'

/** The helper's settings, read once from the environment. */
export interface HelperSettings {
  dir: string
  snapshotAt: number[]
  signal: NodeJS.Signals | 'none'
  intervalMs: number
  workName: string
  countHttp: boolean
}

/** Reads the settings from an environment; throws with the variable's name on a bad value. */
export function readSettings(env: NodeJS.ProcessEnv): HelperSettings {
  const at = (env.LEAK_GATE_SNAPSHOT_AT ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const snapshotAt = at.map(Number)
  if (
    snapshotAt.some((n) => !Number.isFinite(n) || n < 0) ||
    snapshotAt.length > SNAPSHOT_ROLES.length ||
    snapshotAt.some((n, i) => i > 0 && n <= snapshotAt[i - 1])
  )
    throw new Error(
      `LEAK_GATE_SNAPSHOT_AT: found "${env.LEAK_GATE_SNAPSHOT_AT}", expected up to 3 rising work counts like "1000,6000,11000"`
    )
  const intervalMs = Number(env.LEAK_GATE_INTERVAL_MS ?? 1000)
  if (!Number.isFinite(intervalMs) || intervalMs < 10)
    throw new Error(
      `LEAK_GATE_INTERVAL_MS: found "${env.LEAK_GATE_INTERVAL_MS}", expected milliseconds ≥ 10`
    )
  const workName = env.LEAK_GATE_WORK_NAME ?? 'requests'
  if (!/^[A-Za-z_][\w.]*$/.test(workName))
    throw new Error(
      `LEAK_GATE_WORK_NAME: found "${workName}", expected a column name like "requests"`
    )
  return {
    dir: resolve(env.LEAK_GATE_DIR ?? 'leak-gate'),
    snapshotAt,
    signal: (env.LEAK_GATE_SIGNAL ?? 'SIGUSR2') as HelperSettings['signal'],
    intervalMs,
    workName,
    countHttp: env.LEAK_GATE_COUNT_HTTP !== '0'
  }
}

const settings = readSettings(process.env)
let work = 0
let pending = false
const manifest: PauseManifest & { workName: string; series: string; pid: number } = {
  version: 1,
  series: SERIES_FILE,
  workName: settings.workName,
  pid: process.pid,
  snapshots: []
}

mkdirSync(settings.dir, { recursive: true })
writeFileSync(
  join(settings.dir, SERIES_FILE),
  `time,${settings.workName},rss,heapTotal,heapUsed,external,arrayBuffers\n`
)
writeManifest()

/** Appends one `process.memoryUsage()` sample with the work count. */
function sample(): void {
  const m = process.memoryUsage()
  appendFileSync(
    join(settings.dir, SERIES_FILE),
    `${new Date().toISOString()},${work},${m.rss},${m.heapTotal},${m.heapUsed},${m.external},${m.arrayBuffers}\n`
  )
}

function writeManifest(): void {
  const target = join(settings.dir, PAUSE_MANIFEST_NAME)
  writeFileSync(`${target}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`)
  renameSync(`${target}.tmp`, target)
}

/** Work done so far (requests served plus {@link addWork}). */
export function workDone(): number {
  return work
}

/**
 * Counts work the helper cannot see (jobs, messages, tenants); HTTP requests
 * are counted already. A snapshot due at this count is taken right after
 * the current task.
 */
export function addWork(amount = 1): void {
  work += amount
  const next = settings.snapshotAt[manifest.snapshots.length]
  if (next !== undefined && work >= next && !pending) {
    pending = true
    setImmediate(() => {
      pending = false
      takeSnapshot()
    })
  }
}

/**
 * Takes the next of the three snapshots (baseline, target, final) now and
 * records its pause; undefined once all three are taken. Blocks the process
 * while V8 writes (seconds for a heap of 100 MiB).
 */
export function takeSnapshot(): string | undefined {
  const index = manifest.snapshots.length
  const role = SNAPSHOT_ROLES[index]
  if (role === undefined) return undefined
  sample()
  const file = `heap-${index + 1}-${role}.heapsnapshot`
  const before = process.memoryUsage()
  const start = Date.now()
  // Written under another name first: a reader never sees half a snapshot.
  writeHeapSnapshot(join(settings.dir, `${file}.partial`))
  renameSync(join(settings.dir, `${file}.partial`), join(settings.dir, file))
  const end = Date.now()
  const after = process.memoryUsage()
  const pause: SnapshotPause & { bytes: number } = {
    file,
    role,
    work,
    start,
    end,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapUsedBefore: before.heapUsed,
    bytes: statSync(join(settings.dir, file)).size
  }
  manifest.snapshots.push(pause)
  writeManifest()
  sample()
  return join(settings.dir, file)
}

if (settings.countHttp) subscribe('http.server.request.start', () => addWork(1))
if (settings.signal !== 'none') process.on(settings.signal, () => takeSnapshot())
setInterval(sample, settings.intervalMs).unref()
sample()
process.on('exit', sample)

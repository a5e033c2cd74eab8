import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Ls: () => (/* binding */ SERIES_FILE),
  RK: () => (/* binding */ addWork),
  sb: () => (/* binding */ readSettings),
  W9: () => (/* binding */ takeSnapshot),
  kb: () => (/* binding */ workDone)
});

;// CONCATENATED MODULE: external "node:diagnostics_channel"
const external_node_diagnostics_channel_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: ./build/bundle/js/src/pauses/manifest.js
/**
 * `heap-snapshots.json`: what the preload helper (`leak-gate/heap-snapshot`)
 * writes next to the memory series it samples, so the analysis knows when
 * the process was writing a heap snapshot. Writing a snapshot blocks the
 * process for seconds and leaves its RSS raised for good (docs/heap-snapshot-helper.md),
 * which the memory-series signatures would read as a leak. The file lists
 * those windows; the pipeline leaves them out of the series of the same
 * folder (`exclude.ts`). Any tool may write it:
 *
 * ```json
 * {
 *   "version": 1,
 *   "series": "memory.csv",
 *   "workName": "requests",
 *   "snapshots": [
 *     { "file": "heap-1-baseline.heapsnapshot", "role": "baseline", "work": 1000,
 *       "start": "2026-12-05T12:00:10.000Z", "end": "2026-12-05T12:00:12.400Z" }
 *   ]
 * }
 * ```
 *
 * `start`/`end` are ISO-8601 times (or epoch ms) of the pause; `work` the
 * work counter when the snapshot was taken (cumulative: it never falls from
 * one snapshot to the next), which gives the heap comparison its per-work
 * figures when `heap.work` is not configured. Pure: parsing and validation
 * only. The file comes from an artifact: every field is checked and bounded,
 * and a bad one is reported at its line.
 */

/** The file name the helper writes and the pipeline looks for. */
const PAUSE_MANIFEST_NAME = 'heap-snapshots.json';
/** Largest manifest read (a run takes a handful of snapshots). */
const MAX_MANIFEST_BYTES = (/* unused pure expression or super */ null && (1024 * 1024));
/** Most snapshots listed. */
const MAX_PAUSES = 1000;
/** Largest work count accepted (beyond it a double no longer counts by one). */
const MAX_WORK = Number.MAX_SAFE_INTEGER;
/** The work column's name: what the helper accepts for `LEAK_GATE_WORK_NAME`. */
const WORK_NAME = /^[A-Za-z_][\w.]{0,63}$/;
/** The roles of the three snapshots, in order. */
const SNAPSHOT_ROLES = ['baseline', 'target', 'final'];
/** Parses and validates a manifest's text; bounded, never trusts a field's type. */
function parsePauseManifest(text) {
    if (text.length > MAX_MANIFEST_BYTES)
        return {
            problem: { found: `${text.length} bytes`, expected: `at most ${MAX_MANIFEST_BYTES} bytes` }
        };
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
            problem: { found: `invalid JSON (${reason})`, expected: 'a heap-snapshots.json manifest' }
        };
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        return {
            problem: { found: typeof data, expected: 'a JSON object with "version" and "snapshots"' }
        };
    const record = data;
    if (record.version !== 1)
        return {
            problem: { found: `version ${JSON.stringify(record.version)}`, expected: 'version 1' }
        };
    if (!Array.isArray(record.snapshots) || record.snapshots.length > MAX_PAUSES)
        return {
            problem: { found: 'snapshots', expected: `a list of at most ${MAX_PAUSES} snapshots` }
        };
    const snapshots = [];
    for (const [index, entry] of record.snapshots.entries()) {
        const item = (typeof entry === 'object' && entry !== null ? entry : {});
        const start = toTime(item.start);
        const end = toTime(item.end);
        if (typeof item.file !== 'string' || start === undefined || end === undefined || end < start)
            return {
                problem: {
                    found: `snapshots[${index}] ${JSON.stringify(entry)?.slice(0, 120)}`,
                    expected: 'an entry with "file", and "start" ≤ "end" as ISO-8601 times or epoch ms'
                }
            };
        const number = (value) => typeof value === 'number' && Number.isFinite(value) ? value : undefined;
        if (item.work !== undefined) {
            const work = item.work;
            const previous = snapshots.findLast((s) => s.work !== undefined)?.work;
            if (typeof work !== 'number' || !Number.isFinite(work) || work < 0 || work > MAX_WORK)
                return badValue(text, ['snapshots', index, 'work'], {
                    found: `snapshots[${index}].work ${quoteValue(work)}`,
                    expected: `a work count (a number from 0 to ${MAX_WORK})`
                });
            if (previous !== undefined && work < previous)
                return badValue(text, ['snapshots', index, 'work'], {
                    found: `snapshots[${index}].work ${work} after ${previous}`,
                    expected: "a cumulative work count, never below the previous snapshot's"
                });
        }
        snapshots.push({
            file: item.file,
            role: typeof item.role === 'string' ? item.role : (SNAPSHOT_ROLES[index] ?? `#${index + 1}`),
            start,
            end,
            ...(number(item.work) !== undefined ? { work: number(item.work) } : {}),
            ...(number(item.rssBefore) !== undefined ? { rssBefore: number(item.rssBefore) } : {}),
            ...(number(item.rssAfter) !== undefined ? { rssAfter: number(item.rssAfter) } : {}),
            ...(number(item.heapUsedBefore) !== undefined
                ? { heapUsedBefore: number(item.heapUsedBefore) }
                : {})
        });
    }
    const workName = record.workName;
    if (workName !== undefined && (typeof workName !== 'string' || !WORK_NAME.test(workName)))
        return badValue(text, ['workName'], {
            found: `workName ${quoteValue(workName)}`,
            expected: 'a column name like "requests" (letters, digits, _ and ., at most 64)'
        });
    return {
        manifest: {
            version: 1,
            ...(typeof record.series === 'string' ? { series: record.series } : {}),
            ...(typeof workName === 'string' ? { workName } : {}),
            snapshots
        }
    };
}
/** A problem with the value at `path`, with its line in the text. */
function badValue(text, path, problem) {
    const offset = jsonValueOffset(text, path);
    return { problem: offset < 0 ? problem : { ...problem, line: lineAndColumn(text, offset).line } };
}
/** A value as found, short (an artifact's value may be any size). */
function quoteValue(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
function toTime(value) {
    if (typeof value === 'number' && Number.isFinite(value))
        return value;
    if (typeof value !== 'string')
        return undefined;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
}

;// CONCATENATED MODULE: ./build/bundle/js/src/preload/heap-snapshot.js
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





/** The series file the helper writes. */
const SERIES_FILE = 'memory.csv';
/** Reads the settings from an environment; throws with the variable's name on a bad value. */
function readSettings(env) {
    const at = (env.LEAK_GATE_SNAPSHOT_AT ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
    const snapshotAt = at.map(Number);
    if (snapshotAt.some((n) => !Number.isFinite(n) || n < 0) ||
        snapshotAt.length > SNAPSHOT_ROLES.length ||
        snapshotAt.some((n, i) => i > 0 && n <= snapshotAt[i - 1]))
        throw new Error(`LEAK_GATE_SNAPSHOT_AT: found "${env.LEAK_GATE_SNAPSHOT_AT}", expected up to 3 rising work counts like "1000,6000,11000"`);
    const intervalMs = Number(env.LEAK_GATE_INTERVAL_MS ?? 1000);
    if (!Number.isFinite(intervalMs) || intervalMs < 10)
        throw new Error(`LEAK_GATE_INTERVAL_MS: found "${env.LEAK_GATE_INTERVAL_MS}", expected milliseconds ≥ 10`);
    const workName = env.LEAK_GATE_WORK_NAME ?? 'requests';
    if (!/^[A-Za-z_][\w.]*$/.test(workName))
        throw new Error(`LEAK_GATE_WORK_NAME: found "${workName}", expected a column name like "requests"`);
    return {
        dir: (0,external_node_path_namespaceObject.resolve)(env.LEAK_GATE_DIR ?? 'leak-gate'),
        snapshotAt,
        signal: (env.LEAK_GATE_SIGNAL ?? 'SIGUSR2'),
        intervalMs,
        workName,
        countHttp: env.LEAK_GATE_COUNT_HTTP !== '0'
    };
}
const settings = readSettings(process.env);
let work = 0;
let pending = false;
const manifest = {
    version: 1,
    series: SERIES_FILE,
    workName: settings.workName,
    pid: process.pid,
    snapshots: []
};
(0,external_node_fs_namespaceObject.mkdirSync)(settings.dir, { recursive: true });
(0,external_node_fs_namespaceObject.writeFileSync)((0,external_node_path_namespaceObject.join)(settings.dir, SERIES_FILE), `time,${settings.workName},rss,heapTotal,heapUsed,external,arrayBuffers\n`);
writeManifest();
/** Appends one `process.memoryUsage()` sample with the work count. */
function sample() {
    const m = process.memoryUsage();
    (0,external_node_fs_namespaceObject.appendFileSync)((0,external_node_path_namespaceObject.join)(settings.dir, SERIES_FILE), `${new Date().toISOString()},${work},${m.rss},${m.heapTotal},${m.heapUsed},${m.external},${m.arrayBuffers}\n`);
}
function writeManifest() {
    const target = (0,external_node_path_namespaceObject.join)(settings.dir, PAUSE_MANIFEST_NAME);
    (0,external_node_fs_namespaceObject.writeFileSync)(`${target}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    (0,external_node_fs_namespaceObject.renameSync)(`${target}.tmp`, target);
}
/** Work done so far (requests served plus {@link addWork}). */
function workDone() {
    return work;
}
/**
 * Counts work the helper cannot see (jobs, messages, tenants); HTTP requests
 * are counted already. A snapshot due at this count is taken right after
 * the current task.
 */
function addWork(amount = 1) {
    work += amount;
    const next = settings.snapshotAt[manifest.snapshots.length];
    if (next !== undefined && work >= next && !pending) {
        pending = true;
        setImmediate(() => {
            pending = false;
            takeSnapshot();
        });
    }
}
/**
 * Takes the next of the three snapshots (baseline, target, final) now and
 * records its pause; undefined once all three are taken. Blocks the process
 * while V8 writes (seconds for a heap of 100 MiB).
 */
function takeSnapshot() {
    const index = manifest.snapshots.length;
    const role = SNAPSHOT_ROLES[index];
    if (role === undefined)
        return undefined;
    sample();
    const file = `heap-${index + 1}-${role}.heapsnapshot`;
    const before = process.memoryUsage();
    const start = Date.now();
    // Written under another name first: a reader never sees half a snapshot.
    (0,external_node_v8_namespaceObject.writeHeapSnapshot)((0,external_node_path_namespaceObject.join)(settings.dir, `${file}.partial`));
    (0,external_node_fs_namespaceObject.renameSync)((0,external_node_path_namespaceObject.join)(settings.dir, `${file}.partial`), (0,external_node_path_namespaceObject.join)(settings.dir, file));
    const end = Date.now();
    const after = process.memoryUsage();
    const pause = {
        file,
        role,
        work,
        start,
        end,
        rssBefore: before.rss,
        rssAfter: after.rss,
        heapUsedBefore: before.heapUsed,
        bytes: (0,external_node_fs_namespaceObject.statSync)((0,external_node_path_namespaceObject.join)(settings.dir, file)).size
    };
    manifest.snapshots.push(pause);
    writeManifest();
    sample();
    return (0,external_node_path_namespaceObject.join)(settings.dir, file);
}
if (settings.countHttp)
    (0,external_node_diagnostics_channel_namespaceObject.subscribe)('http.server.request.start', () => addWork(1));
if (settings.signal !== 'none')
    process.on(settings.signal, () => takeSnapshot());
setInterval(sample, settings.intervalMs).unref();
sample();
process.on('exit', sample);

var __webpack_exports__SERIES_FILE = __webpack_exports__.Ls;
var __webpack_exports__addWork = __webpack_exports__.RK;
var __webpack_exports__readSettings = __webpack_exports__.sb;
var __webpack_exports__takeSnapshot = __webpack_exports__.W9;
var __webpack_exports__workDone = __webpack_exports__.kb;
export { __webpack_exports__SERIES_FILE as SERIES_FILE, __webpack_exports__addWork as addWork, __webpack_exports__readSettings as readSettings, __webpack_exports__takeSnapshot as takeSnapshot, __webpack_exports__workDone as workDone };

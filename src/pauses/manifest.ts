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
import { jsonValueOffset, lineAndColumn } from '../understand/json-depth.js'

/** The file name the helper writes and the pipeline looks for. */
export const PAUSE_MANIFEST_NAME = 'heap-snapshots.json'
/** Largest manifest read (a run takes a handful of snapshots). */
export const MAX_MANIFEST_BYTES = 1024 * 1024
/** Most snapshots listed. */
export const MAX_PAUSES = 1000
/** Largest work count accepted (beyond it a double no longer counts by one). */
export const MAX_WORK = Number.MAX_SAFE_INTEGER
/** The work column's name: what the helper accepts for `LEAK_GATE_WORK_NAME`. */
const WORK_NAME = /^[A-Za-z_][\w.]{0,63}$/
/** The roles of the three snapshots, in order. */
export const SNAPSHOT_ROLES = ['baseline', 'target', 'final'] as const

/** One snapshot the helper took, and the pause it caused. */
export interface SnapshotPause {
  /** The snapshot file, relative to the manifest's folder. */
  file: string
  role: string
  /** Work counter when it was taken; undefined when not counted. */
  work?: number
  /** Epoch ms the process stopped / went on. */
  start: number
  end: number
  /** Memory around the pause, bytes (what the helper measured; for the docs and the report). */
  rssBefore?: number
  rssAfter?: number
  heapUsedBefore?: number
}

/** The validated manifest. */
export interface PauseManifest {
  version: 1
  /** The memory series file the helper wrote (relative to the manifest's folder). */
  series?: string
  workName?: string
  snapshots: SnapshotPause[]
}

/** A problem with the manifest, in the `file:line: …` form the pipeline reports. */
export interface ManifestProblem {
  found: string
  expected: string
  /** 1-based line of the bad value, when it could be found. */
  line?: number
}

/** Parses and validates a manifest's text; bounded, never trusts a field's type. */
export function parsePauseManifest(
  text: string
): { manifest: PauseManifest } | { problem: ManifestProblem } {
  if (text.length > MAX_MANIFEST_BYTES)
    return {
      problem: { found: `${text.length} bytes`, expected: `at most ${MAX_MANIFEST_BYTES} bytes` }
    }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      problem: { found: `invalid JSON (${reason})`, expected: 'a heap-snapshots.json manifest' }
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return {
      problem: { found: typeof data, expected: 'a JSON object with "version" and "snapshots"' }
    }
  const record = data as Record<string, unknown>
  if (record.version !== 1)
    return {
      problem: { found: `version ${JSON.stringify(record.version)}`, expected: 'version 1' }
    }
  if (!Array.isArray(record.snapshots) || record.snapshots.length > MAX_PAUSES)
    return {
      problem: { found: 'snapshots', expected: `a list of at most ${MAX_PAUSES} snapshots` }
    }
  const snapshots: SnapshotPause[] = []
  for (const [index, entry] of record.snapshots.entries()) {
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >
    const start = toTime(item.start)
    const end = toTime(item.end)
    if (typeof item.file !== 'string' || start === undefined || end === undefined || end < start)
      return {
        problem: {
          found: `snapshots[${index}] ${JSON.stringify(entry)?.slice(0, 120)}`,
          expected: 'an entry with "file", and "start" ≤ "end" as ISO-8601 times or epoch ms'
        }
      }
    const number = (value: unknown): number | undefined =>
      typeof value === 'number' && Number.isFinite(value) ? value : undefined
    if (item.work !== undefined) {
      const work = item.work
      const previous = snapshots.findLast((s) => s.work !== undefined)?.work
      if (typeof work !== 'number' || !Number.isFinite(work) || work < 0 || work > MAX_WORK)
        return badValue(text, ['snapshots', index, 'work'], {
          found: `snapshots[${index}].work ${quoteValue(work)}`,
          expected: `a work count (a number from 0 to ${MAX_WORK})`
        })
      if (previous !== undefined && work < previous)
        return badValue(text, ['snapshots', index, 'work'], {
          found: `snapshots[${index}].work ${work} after ${previous}`,
          expected: "a cumulative work count, never below the previous snapshot's"
        })
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
    })
  }
  const workName = record.workName
  if (workName !== undefined && (typeof workName !== 'string' || !WORK_NAME.test(workName)))
    return badValue(text, ['workName'], {
      found: `workName ${quoteValue(workName)}`,
      expected: 'a column name like "requests" (letters, digits, _ and ., at most 64)'
    })
  return {
    manifest: {
      version: 1,
      ...(typeof record.series === 'string' ? { series: record.series } : {}),
      ...(typeof workName === 'string' ? { workName } : {}),
      snapshots
    }
  }
}

/** A problem with the value at `path`, with its line in the text. */
function badValue(
  text: string,
  path: Array<string | number>,
  problem: ManifestProblem
): { problem: ManifestProblem } {
  const offset = jsonValueOffset(text, path)
  return { problem: offset < 0 ? problem : { ...problem, line: lineAndColumn(text, offset).line } }
}

/** A value as found, short (an artifact's value may be any size). */
function quoteValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function toTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value !== 'string') return undefined
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : undefined
}

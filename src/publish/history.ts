/**
 * Finding history across pushes: the comment carries the finding ids of the
 * run that wrote it (hidden data), so the next run can say what is new, what
 * is still there and what was fixed since the last push.
 *
 * Version 2 of the data also names the run that wrote it (run id and
 * attempt), so concurrent runs can tell the newer verdict, and is
 * deflate-compressed and bounded: the whole comment must fit GitHub's
 * 65,536 characters, so when even the compressed list is too long, the
 * first findings are kept and the data says it is partial.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Finding } from '../model.js'
import { readHiddenData } from '../report/escape.js'
import type { MarkdownContext } from '../report/types.js'

/** What a finding needs to be named after it is gone. */
export type FindingRef = Pick<Finding, 'id' | 'signature' | 'metric' | 'source'>

/** The run that wrote a comment: `[run id, attempt]`; a higher run id is a newer run. */
export type RunStamp = [number, number]

/** What a comment stored. */
export interface StoredHistory {
  findings: FindingRef[]
  /** True when only the first findings could be stored. */
  partial: boolean
  /** The run that wrote it (version 2 on). */
  run?: RunStamp
}

/** Most characters the hidden data may take in a comment (after both encodings). */
export const MAX_HIDDEN_DATA = 24_000

/** Longest stored cell: ids and names beyond this are not history worth keeping. */
const MAX_CELL = 1_000
/** Most findings read back from a comment. */
const MAX_STORED = 20_000

/** Characters the hidden comment takes for `data` (base64 of its UTF-8 plus the comment markers). */
function hiddenLength(data: string): number {
  return Math.ceil(Buffer.byteLength(data, 'utf8') / 3) * 4 + 30
}

function rowOf(finding: FindingRef): string[] {
  const row = [finding.signature, finding.metric, finding.source]
  // the id is rebuilt from the other three unless it differs
  if (finding.id !== `${finding.signature}:${finding.source}:${finding.metric}`)
    row.push(finding.id)
  return row
}

function pack(findings: FindingRef[], run: RunStamp | undefined, partial: boolean): string {
  const rows = JSON.stringify(findings.map(rowOf))
  const z = deflateRawSync(Buffer.from(rows, 'utf8'), { level: 9 }).toString('base64')
  return JSON.stringify({ v: 2, ...(run ? { r: run } : {}), ...(partial ? { p: 1 } : {}), z })
}

/**
 * Encodes the findings of this run for the comment's hidden data (the
 * renderer wraps it in base64 inside an HTML comment, see `hiddenDataComment`),
 * at most `maxLength` characters once wrapped: the first findings that fit,
 * marked partial, when all do not.
 */
export function encodeHiddenData(
  findings: FindingRef[],
  run?: RunStamp,
  maxLength = MAX_HIDDEN_DATA,
  partial = false
): string {
  const all = pack(findings, run, partial)
  if (hiddenLength(all) <= maxLength) return all
  let low = 0
  let high = findings.length - 1
  let best = pack([], run, true)
  while (low <= high) {
    const count = Math.floor((low + high) / 2)
    const data = pack(findings.slice(0, count), run, true)
    if (hiddenLength(data) <= maxLength) {
      best = data
      low = count + 1
    } else high = count - 1
  }
  return best
}

const isCell = (cell: unknown): cell is string =>
  typeof cell === 'string' && cell.length <= MAX_CELL

function fromRow(row: unknown): FindingRef | undefined {
  if (!Array.isArray(row) || !row.every(isCell)) return undefined
  if (row.length === 3 || row.length === 4) {
    const [signature, metric, source, id] = row as string[]
    return {
      id: id ?? `${signature}:${source}:${metric}`,
      signature: signature as Finding['signature'],
      metric,
      source
    }
  }
  return undefined
}

/** Reads what a previous comment stored; undefined when it has none (or it is unreadable). */
export function readStoredHistory(body: string): StoredHistory | undefined {
  const stored = readHiddenData(body)
  if (stored === undefined || stored.length > 200_000) return undefined
  try {
    const data = JSON.parse(stored) as {
      v?: unknown
      f?: unknown
      z?: unknown
      r?: unknown
      p?: unknown
    }
    if (data.v === 1 && Array.isArray(data.f)) {
      // version 1: [id, signature, metric, source]
      const findings = data.f
        .slice(0, MAX_STORED)
        .filter(
          (row): row is string[] => Array.isArray(row) && row.length === 4 && row.every(isCell)
        )
        .map(([id, signature, metric, source]) => ({
          id,
          signature: signature as Finding['signature'],
          metric,
          source
        }))
      return { findings, partial: false }
    }
    if (data.v !== 2) return undefined
    // rows deflated (as written here) or plain
    const rows =
      typeof data.z === 'string'
        ? (JSON.parse(
            inflateRawSync(Buffer.from(data.z, 'base64'), {
              maxOutputLength: 4 * 1024 * 1024
            }).toString('utf8')
          ) as unknown)
        : data.f
    if (!Array.isArray(rows)) return undefined
    const findings = rows
      .slice(0, MAX_STORED)
      .map(fromRow)
      .filter((finding): finding is FindingRef => finding !== undefined)
    const run =
      Array.isArray(data.r) &&
      data.r.length === 2 &&
      data.r.every((value) => Number.isSafeInteger(value) && value >= 0)
        ? (data.r as RunStamp)
        : undefined
    return { findings, partial: data.p === 1, run }
  } catch {
    return undefined
  }
}

/** Reads the findings a previous comment stored; undefined when it has none (or they are unreadable). */
export function decodeHiddenData(body: string): FindingRef[] | undefined {
  return readStoredHistory(body)?.findings
}

/** True when run `a` is newer than run `b` (a later run, or a later attempt of the same run). */
export function isNewerRun(a: RunStamp | undefined, b: RunStamp | undefined): boolean {
  if (!a || !b) return false
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])
}

/**
 * History for the renderer: ids new in this run, and findings fixed since
 * the previous comment. None when the previous comment stored nothing, or
 * only part of its findings (then "new" would be a guess).
 */
export function computeHistory(
  current: FindingRef[],
  previous: FindingRef[] | StoredHistory | undefined
): MarkdownContext['history'] {
  if (!previous) return undefined
  if (!Array.isArray(previous)) {
    if (previous.partial) return undefined
    previous = previous.findings
  }
  const before = new Set(previous.map((finding) => finding.id))
  const now = new Set(current.map((finding) => finding.id))
  return {
    newIds: current.filter((finding) => !before.has(finding.id)).map((finding) => finding.id),
    fixed: previous
      .filter((finding) => !now.has(finding.id))
      .map(({ id, signature, metric, source }) => ({ id, signature, metric, source }))
  }
}

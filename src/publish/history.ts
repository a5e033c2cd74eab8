/**
 * Finding history across pushes: the comment carries the finding ids of the
 * run that wrote it (hidden data), so the next run can say what is new, what
 * is still there and what was fixed since the last push.
 */
import type { Finding } from '../model.js'
import { readHiddenData } from '../report/escape.js'
import type { MarkdownContext } from '../report/types.js'

/** What a finding needs to be named after it is gone. */
export type FindingRef = Pick<Finding, 'id' | 'signature' | 'metric' | 'source'>

/**
 * Encodes the findings of this run for the comment's hidden data (plain JSON:
 * the renderer wraps it in base64 inside an HTML comment, see `hiddenDataComment`).
 */
export function encodeHiddenData(findings: FindingRef[]): string {
  const rows = findings.map((finding) => [
    finding.id,
    finding.signature,
    finding.metric,
    finding.source
  ])
  return JSON.stringify({ v: 1, f: rows })
}

/** Reads the findings a previous comment stored; undefined when it has none (or they are unreadable). */
export function decodeHiddenData(body: string): FindingRef[] | undefined {
  const stored = readHiddenData(body)
  if (stored === undefined) return undefined
  try {
    const data = JSON.parse(stored) as {
      v?: number
      f?: unknown
    }
    if (data.v !== 1 || !Array.isArray(data.f)) return undefined
    return data.f
      .filter(
        (row): row is string[] =>
          Array.isArray(row) && row.length === 4 && row.every((cell) => typeof cell === 'string')
      )
      .map(([id, signature, metric, source]) => ({
        id,
        signature: signature as Finding['signature'],
        metric,
        source
      }))
  } catch {
    return undefined
  }
}

/** History for the renderer: ids new in this run, and findings fixed since the previous comment. */
export function computeHistory(
  current: FindingRef[],
  previous: FindingRef[] | undefined
): MarkdownContext['history'] {
  if (!previous) return undefined
  const before = new Set(previous.map((finding) => finding.id))
  const now = new Set(current.map((finding) => finding.id))
  return {
    newIds: current.filter((finding) => !before.has(finding.id)).map((finding) => finding.id),
    fixed: previous
      .filter((finding) => !now.has(finding.id))
      .map(({ id, signature, metric, source }) => ({ id, signature, metric, source }))
  }
}

/**
 * Suppressions (`ignore:` entries): a matched finding moves to `suppressed`
 * with the entry's reason, never silently dropped. An entry whose `until`
 * date has passed no longer applies, and a note says so, so a "temporary"
 * exception cannot outlive its fix date unnoticed.
 */
import type { IgnoreEntry } from '../config/types.js'
import type { Finding, SuppressedFinding } from '../model.js'
import { metricNames } from './thresholds.js'

const DAY_MS = 86_400_000

/** True when the entry's `until` (a YYYY-MM-DD date, inclusive) is before `now`. */
export function isExpired(entry: IgnoreEntry, now: Date): boolean {
  if (!entry.until) return false
  const end = Date.parse(`${entry.until.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(end)) return false
  return now.getTime() >= end + DAY_MS
}

/** True when an entry names this finding's signature and metric (plain, qualified with its file, or `*`). */
export function matchesEntry(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.signature !== finding.signature) return false
  const group = /\[([^\]]*)\]$/.exec(finding.source)?.[1]
  const file = group === undefined ? finding.source : finding.source.slice(0, -group.length - 2)
  const metric =
    group !== undefined && finding.metric.endsWith(`[${group}]`)
      ? finding.metric.slice(0, -group.length - 2)
      : finding.metric
  return metricNames({ file, metric, group }).includes(entry.metric)
}

/** Splits findings into those that count and those an active entry suppresses; notes expired and unused entries. */
export function applySuppressions(
  findings: Finding[],
  ignore: IgnoreEntry[],
  now: Date
): { findings: Finding[]; suppressed: SuppressedFinding[]; notes: string[] } {
  const notes: string[] = []
  const active = ignore.filter((entry) => !isExpired(entry, now))
  for (const entry of ignore) {
    if (!isExpired(entry, now)) continue
    const matched = findings.filter((f) => matchesEntry(entry, f)).length
    notes.push(
      `ignore entry for ${entry.signature} on ${entry.metric} expired on ${entry.until} and no longer applies` +
        (matched ? ` (${matched} finding${matched > 1 ? 's' : ''} count again)` : '') +
        `; reason was: ${entry.reason}`
    )
  }
  const kept: Finding[] = []
  const suppressed: SuppressedFinding[] = []
  const used = new Set<IgnoreEntry>()
  for (const finding of findings) {
    const entry = active.find((e) => matchesEntry(e, finding))
    if (!entry) {
      kept.push(finding)
      continue
    }
    used.add(entry)
    suppressed.push({
      ...finding,
      reason: entry.reason,
      ...(entry.until ? { until: entry.until } : {})
    })
  }
  for (const entry of active)
    if (!used.has(entry))
      notes.push(
        `ignore entry for ${entry.signature} on ${entry.metric} matched no finding (${entry.reason})`
      )
  return { findings: kept, suppressed, notes }
}

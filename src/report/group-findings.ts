/**
 * Findings as a reader scans them. A folder of single scrapes or one-row
 * files gives an `insufficient-data` warning per series (honest: nothing was
 * judged), but a hundred identical lines bury the findings that matter. The
 * renderers show such warnings one line per file instead; the JSON report
 * keeps every finding.
 */
import type { Finding } from '../model.js'

/** More `insufficient-data` warnings than this are shown grouped by file. */
export const UNGROUPED_INSUFFICIENT = 5

/** The file of a finding's source (`docker_stats.csv[web]` → `docker_stats.csv`). */
function fileOf(source: string): string {
  return source.replace(/\[[^\]]*\]$/, '')
}

/**
 * The findings to display: unchanged when there are few `insufficient-data`
 * warnings; else those are replaced, where the first of them stood, by one
 * warning per file that names its series and how many samples they had.
 */
export function groupFindingsForDisplay(findings: readonly Finding[]): Finding[] {
  const unjudged = findings.filter((f) => f.signature === 'insufficient-data')
  if (unjudged.length <= UNGROUPED_INSUFFICIENT) return [...findings]
  const byFile = new Map<string, Finding[]>()
  for (const finding of unjudged) {
    const file = fileOf(finding.source)
    const list = byFile.get(file)
    if (list) list.push(finding)
    else byFile.set(file, [finding])
  }
  const grouped = [...byFile].map(([file, list]) =>
    list.length === 1 ? list[0] : groupOf(file, list)
  )
  const out: Finding[] = []
  let placed = false
  for (const finding of findings) {
    if (finding.signature !== 'insufficient-data') out.push(finding)
    else if (!placed) {
      out.push(...grouped)
      placed = true
    }
  }
  return out
}

function groupOf(file: string, list: Finding[]): Finding {
  const needed = Math.max(...list.map((f) => Number(f.evidence.needed ?? 0)))
  const counts = sampleCounts(list)
  const names = list.map((f) => f.metric)
  const shown =
    names.slice(0, 4).join(', ') + (names.length > 4 ? `, and ${names.length - 4} more` : '')
  return {
    id: `insufficient-data:${file}:${list.length} series`,
    signature: 'insufficient-data',
    metric: `${list.length} series`,
    source: file,
    level: 'warn',
    message: `${list.length} series with too few samples (${counts}): ${shown}; at least ${needed} needed to judge a trend`,
    evidence: { series: list.length, needed, threshold: `at least ${needed} samples after warm-up` }
  }
}

/** `1 sample each, all within the warm-up`, `2 to 5 samples after warm-up`. */
function sampleCounts(list: Finding[]): string {
  const after = list.map((f) => Number(f.evidence.samples ?? NaN))
  const total = list.map((f) => Number(f.evidence.totalSamples ?? NaN))
  const plural = (n: number) => `${n} sample${n === 1 ? '' : 's'}`
  if (after.every((n) => n === 0) && total.every((n) => n === total[0] && n > 0))
    return `${plural(total[0])} each, all within the warm-up`
  if (after.every((n) => n === after[0])) return `${plural(after[0])} each after warm-up`
  return `${Math.min(...after)} to ${plural(Math.max(...after))} after warm-up`
}

/**
 * The repeated-runs table (`runs:` in the config), shared by the Markdown,
 * HTML and text renderers: one row per run with its own verdict and the
 * finding that decided it, and one line per leak saying in which runs it
 * failed. Cells are plain text here; each renderer escapes them through
 * `escape.ts`. Pure.
 */
import type { RunsSummary } from '../analyze/confirm-runs.js'
import type { Report } from '../model.js'

/** Most runs listed; a matrix of 100 repeats is counted, not listed. */
export const RUN_ROWS_SHOWN = 20
/** Most leaks named under the table. */
const LEAK_LINES_SHOWN = 3

const VERDICT_CELL: Record<RunsSummary['runs'][number]['verdict'], string> = {
  fail: '❌ fail',
  warn: '⚠️ warn',
  pass: '✅ pass'
}

/** The table's title: `Repeated runs (3, 2 must fail with the same leak)`. */
export function runsTitle(runs: RunsSummary): string {
  const how =
    runs.confirm === 'majority' ? 'a majority' : runs.confirm === 'all' ? 'all' : `${runs.required}`
  return `Repeated runs (${runs.total} ${runs.by === 'appended' ? 'appended in one file' : runs.by}; ${how} = ${runs.required} must fail with the same leak)`
}

export const RUNS_HEADERS = ['Run', 'Verdict', 'Decisive finding']

/** One row of plain-text cells per run shown, and how many runs were left out. */
export function runsRows(
  runs: RunsSummary,
  max = RUN_ROWS_SHOWN
): { rows: string[][]; more: number } {
  const shown = runs.runs.slice(0, max)
  return {
    rows: shown.map((run) => [run.name, VERDICT_CELL[run.verdict], run.finding ?? '—']),
    more: runs.runs.length - shown.length
  }
}

/** `memory.csv:heapUsed fails in run-1, run-3 (2 of 3: confirmed)`, the leaks failing most runs first. */
export function runsLeakLines(runs: RunsSummary): string[] {
  const lines = runs.leaks
    .slice(0, LEAK_LINES_SHOWN)
    .map(
      (leak) =>
        `${leak.name} fails in ${leak.runs.join(', ')} (${leak.runs.length} of ${runs.total}: ${leak.confirmed ? 'confirmed' : 'not confirmed'})`
    )
  const rest = runs.leaks.length - LEAK_LINES_SHOWN
  if (rest > 0) lines.push(`and ${rest} more ${rest === 1 ? 'leak' : 'leaks'}`)
  return lines
}

/** The runs summary of a report, when it has one. */
export function runsOf(report: Report): RunsSummary | undefined {
  return report.runs
}

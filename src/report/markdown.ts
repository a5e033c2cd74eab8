/**
 * The PR comment and job summary (SPEC §7): verdict first, then the evidence
 * a reviewer needs to believe it (findings, snapshot and series tables, a
 * chart per memory series, why healthy things are healthy), then how to
 * reproduce. Every artifact-derived string goes through `escape.ts`; the
 * body is shortened to `maxLength` by dropping charts, then table rows, never
 * the verdict line or the findings.
 */
import { renderHeapMarkdown } from './heap-table.js'
import type { Finding, Report, SeriesAnalysis, SnapshotAnalysis } from '../model.js'
import type { MarkdownContext } from './types.js'
import { classTableHeaders, classTableRow, classTablesOf, classTableTitle } from './class-table.js'
import { RUNS_HEADERS, runsLeakLines, runsRows, runsTitle } from './runs-table.js'
import {
  codeSpan,
  cutAtClause,
  escapeHtml,
  escapeHtmlText,
  escapeMarkdown,
  escapeTableCell,
  HEALTHY_LINE_MAX,
  hiddenDataComment,
  markerComment,
  safeUrl
} from './escape.js'
import {
  LEVEL_ICON,
  STATUS_LABEL,
  VERDICT_LABEL,
  countFindings,
  describeFloor,
  describeTrendTest,
  describePerWork,
  describeSlope,
  describeSnapshotPerWork,
  describeStartEnd,
  describeStatus,
  describeWindow,
  isConstant,
  orderHealthy,
  describeBaseChoice,
  describeRowCost,
  describeRowGrowth,
  describeRowLimit,
  seriesName,
  seriesOf,
  seriesViewsOf,
  snapshotsOf,
  thresholdOf,
  type SeriesView
} from './describe.js'
import {
  formatCount,
  formatDuration,
  formatIsoDate,
  formatRateInterval,
  formatSignedPercent,
  formatSignedRate,
  formatSignedValue,
  formatValue
} from '../analyze/format.js'
import { renderMermaidChart } from './mermaid-chart.js'
import { presentationOf, type LeakRow } from '../analyze/presentation.js'
import { unsettledNote } from '../analyze/memory-alone.js'
import { rowSeries } from '../analyze/leak-rows.js'
import { groupFindingsForDisplay } from './group-findings.js'
import { countProblems, describeErrorCount } from './error-count.js'

/** GitHub refuses comment bodies longer than this. */
export const DEFAULT_MAX_LENGTH = 65_536

/** How much of the report a rendering attempt keeps. */
interface Limits {
  /** Which memory series get a chart. */
  charts: 'all' | 'flagged' | 'none'
  /** Most rows per table (findings excluded). */
  rows: number
  /** Most rows of the findings table: only lowered as a last resort. */
  findingRows: number
}

/** What a rendering attempt left out, for the cut note. */
interface Cuts {
  charts: number
  series: number
  snapshots: number
  other: number
  findings: number
}

/** Chart steps tried before any table row is cut. */
const CHART_STEPS: Array<Limits['charts']> = ['all', 'flagged', 'none']

/**
 * Renders the report as GitHub Markdown. The first line is the hidden marker
 * `<!-- leak-gate:KEY -->` that the comment upsert looks for; the next is the
 * verdict line. Pure: everything variable comes in through `context`.
 */
export function renderMarkdown(report: Report, context: MarkdownContext = {}): string {
  const maxLength = context.maxLength ?? DEFAULT_MAX_LENGTH
  const hidden = context.hiddenData !== undefined ? hiddenDataComment(context.hiddenData) : ''
  const fit = (body: string): string => (hidden ? `${body}\n\n${hidden}\n` : `${body}\n`)
  for (const charts of CHART_STEPS) {
    const body = fit(
      composeBody(report, context, { charts, rows: Infinity, findingRows: Infinity })
    )
    if (body.length <= maxLength) return body
  }
  // Then the most table rows that fit (binary search: a few renders, not one per row).
  const longest = longestTable(report)
  let best: string | undefined
  let low = 0
  let high = longest - 1
  while (low <= high) {
    const rows = Math.floor((low + high) / 2)
    const body = fit(composeBody(report, context, { charts: 'none', rows, findingRows: Infinity }))
    if (body.length <= maxLength) {
      best = body
      low = rows + 1
    } else {
      high = rows - 1
    }
  }
  if (best !== undefined) return best
  // Last resort: fewer finding rows, halving until the verdict and the first findings fit.
  let findingRows = report.findings.length
  while (findingRows > 0) {
    findingRows = Math.floor(findingRows / 2)
    const body = fit(composeBody(report, context, { charts: 'none', rows: 0, findingRows }))
    if (body.length <= maxLength) return body
  }
  // Even the bare verdict is too long (a tiny maxLength): cut the text itself.
  const bare = composeBody(report, context, { charts: 'none', rows: 0, findingRows: 0 })
  const note = '\n\n✂️ cut: the rest of this report; see the HTML report / job summary'
  const room = Math.max(0, maxLength - note.length - (hidden ? hidden.length + 3 : 1))
  return fit(`${bare.slice(0, room)}${note}`)
}

/** Rows of the longest table a row limit applies to, sections included. */
function longestTable(report: Report): number {
  const own = Math.max(
    report.metrics.length,
    report.inputs.length,
    report.suppressed.length,
    report.healthy.length,
    report.notes.length,
    report.errors.length
  )
  return Math.max(own, ...(report.sections ?? []).map((section) => longestTable(section.report)))
}

/** Leak rows shown in the comment's leaks table; the rest are counted and left to the HTML report. */
export const LEAK_ROWS_SHOWN = 10

/** One rendering attempt under the given limits. */
function composeBody(report: Report, context: MarkdownContext, limits: Limits): string {
  const cuts: Cuts = { charts: 0, series: 0, snapshots: 0, other: 0, findings: 0 }
  const presentation = presentationOf(report)
  const head: string[] = [markerComment(context.key), renderVerdictLine(report, context)]
  head.push(
    `**${escapeMarkdown(presentation.headline.title, 100)}:** ${escapeMarkdown(presentation.headline.sentence, 1000)}`
  )
  // Repeated runs side by side, right under the sentence: why the verdict is fail or only warn.
  if (report.runs) head.push(renderRuns(report.runs))
  // The decisive series' chart right under the sentence: the first thing a reviewer sees.
  const decisive = decisiveChart(report, limits, cuts)
  if (decisive) head.push(decisive)
  if (report.errors.length) head.push(renderErrors(report, Math.max(limits.rows, 10), cuts))
  // A pass says why right away: the strongest reasons come before anything else.
  const healthyFirst = report.verdict === 'pass'
  if (healthyFirst) {
    const healthy = renderHealthy(report, limits, cuts)
    if (healthy) head.push(healthy)
  }
  const next = renderNextSteps(report, context)
  if (next) head.push(next)
  const history = renderHistory(report, context)
  if (history) head.push(history)
  if (presentation.leaks.length) head.push(renderLeaks(report, context, limits))
  // The growing classes come right under the leaks: a failing class is named in the first screen.
  head.push(...renderClassTables(report, limits, cuts))

  const evidence: string[] = []
  if (report.findings.length) evidence.push(renderFindings(report.findings, context, limits, cuts))
  evidence.push(...renderDetails(report, limits, cuts, '###', healthyFirst))
  for (const section of report.sections ?? []) {
    const label = VERDICT_LABEL[section.report.verdict]
    evidence.push(
      `### 📦 ${escapeMarkdown(section.name, 200)}: ${label.icon} ${label.word}, ${countFindings(section.report.findings)}`
    )
    if (section.report.errors.length)
      evidence.push(renderErrors(section.report, Math.max(limits.rows, 10), cuts))
    // Its notes are in the top level's, once for all the artifacts that share one.
    evidence.push(...renderDetails({ ...section.report, notes: [] }, limits, cuts, '####'))
  }
  const tail: string[] = []
  const shownEvidence = evidence.filter(Boolean)
  if (shownEvidence.length) {
    tail.push(
      `<details>\n<summary>🔎 <b>All the evidence</b>: ${escapeHtml(describeEvidence(report))}</summary>\n\n${shownEvidence.join('\n\n')}\n\n</details>`
    )
  }
  tail.push(...renderBase(report))

  const note = renderCutNote(cuts, context)
  return [...head, ...(note ? [note] : []), ...tail].filter(Boolean).join('\n\n')
}

/** One row per run (its own verdict and decisive finding), then the leaks and the runs they failed in. */
function renderRuns(runs: NonNullable<Report['runs']>): string {
  const { rows, more } = runsRows(runs)
  const lines = [
    `**${escapeMarkdown(runsTitle(runs), 300)}**`,
    '',
    `| ${RUNS_HEADERS.join(' | ')} |`,
    '| --- | --- | --- |',
    ...rows.map(
      ([run, verdict, finding]) =>
        `| ${codeSpan(run, 200)} | ${escapeTableCell(verdict, 20)} | ${escapeTableCell(finding, 400)} |`
    )
  ]
  if (more > 0) lines.push('', `_${formatCount(more)} more runs in the JSON report._`)
  const leaks = runsLeakLines(runs)
  if (leaks.length) lines.push('', ...leaks.map((line) => `- ${escapeMarkdown(line, 600)}`))
  return lines.join('\n')
}

/** `9 findings, 4 series, 2 snapshot metrics, 4 input files`: what the evidence fold holds. */
function describeEvidence(report: Report): string {
  const series = seriesOf(report).length
  const snapshots = snapshotsOf(report).length
  const parts = [
    report.findings.length ? countFindings(report.findings) : '',
    series ? `${formatCount(series)} series` : '',
    snapshots ? `${formatCount(snapshots)} snapshot metrics` : '',
    report.inputs.length
      ? `${formatCount(report.inputs.length)} input ${report.inputs.length === 1 ? 'file' : 'files'}`
      : ''
  ].filter(Boolean)
  return parts.join(', ') || 'inputs and notes'
}

/** The chart of the series the worst leak row speaks for, open, right under the headline. */
function decisiveChart(report: Report, limits: Limits, cuts: Cuts): string {
  const row = presentationOf(report).leaks[0]
  if (!row) return ''
  const view = seriesViewsOf(report).find((s) => s.id === rowSeries(report, row)?.id)
  if (!view || !view.chart || view.chart.x.length < 2) return ''
  if (limits.charts === 'none') {
    cuts.charts++
    return ''
  }
  return [
    renderMermaidChart(view),
    '',
    `<sub>${escapeHtml(chartLegend(view).join(' · '))}</sub>`
  ].join('\n')
}

/** The reproduce command, the signature's documentation and how to suppress it, in that order. */
function renderNextSteps(report: Report, context: MarkdownContext): string {
  const presentation = presentationOf(report)
  const row = presentation.leaks[0]
  const lines: string[] = []
  const docs = safeUrl(context.docsUrl)
  if (row) {
    const what = docs
      ? `[what \`${row.signature}\` means and how to fix it](${docs}#${row.signature})`
      : `what \`${row.signature}\` means: \`docs/signatures.md\` of leak-gate`
    lines.push(`**Next:** reproduce it locally, read ${what}, or suppress it if it is expected.`)
    const doubt = report.verdict === 'fail' ? unsettledNote(report.notes) : null
    if (doubt) lines.push('', `**Before you trust it:** ${escapeMarkdown(doubt, 600)}`)
  } else if (report.verdict !== 'pass') {
    lines.push('**Next:** reproduce it locally:')
  }
  if (lines.length === 0) return renderReproduce(report, context, false)
  lines.push('', renderReproduce(report, context, true))
  if (row) lines.push('', renderSuppressExample(report, row))
  return lines.join('\n')
}

/**
 * A ready-to-paste `ignore:` block for the worst row: one entry per
 * signature and metric of the row (suppressing one of them would leave the
 * others failing), each with an expiry so it cannot be forgotten.
 */
function renderSuppressExample(report: Report, row: LeakRow): string {
  const until = presentationOf(report).suppressUntil ?? 'YYYY-MM-DD'
  const byId = new Map(report.findings.map((finding) => [finding.id, finding]))
  const entries = row.findingIds
    .map((id) => byId.get(id))
    .filter((f): f is Finding => !!f)
    // Repeated runs give one finding per run for the same signature and metric: one entry covers them.
    .filter(
      (f, i, all) =>
        all.findIndex((g) => g.signature === f.signature && g.metric === f.metric) === i
    )
    .map((f) => [
      `  - signature: ${f.signature}`,
      // Only plain names are pasted: artifact text never goes raw into the body, not even in a fence.
      /^[\w.:/[\] -]{1,200}$/.test(f.metric)
        ? `    metric: ${JSON.stringify(f.metric)}`
        : '    metric: METRIC   # its name as the findings table shows it',
      '    reason: "expected: say why this growth is not a leak"',
      `    until: ${until}`
    ])
  const yaml = [
    '# .github/leak-gate.yml (each entry stops applying after its until date)',
    'ignore:',
    ...entries.slice(0, 12).flat(),
    ...(entries.length > 12 ? [`  # … and ${entries.length - 12} more findings of this row`] : [])
  ].join('\n')
  return `<details>\n<summary>🔕 Not a leak? Suppress it until ${escapeHtml(until, 20)}</summary>\n\n${fence(yaml, 'yaml')}\n\n</details>`
}

/** The leaks table: one row per leaking process or container, worst first, the rest counted. */
function renderLeaks(report: Report, context: MarkdownContext, limits: Limits): string {
  const leaks = presentationOf(report).leaks
  const byId = new Map(report.findings.map((finding) => [finding.id, finding]))
  const shown = leaks.slice(0, Math.min(LEAK_ROWS_SHOWN, Math.max(1, limits.findingRows)))
  const rows = shown.map((row) => {
    const findings = row.findingIds.map((id) => byId.get(id)).filter((f): f is Finding => !!f)
    const [first, ...rest] = findings
    const more = rest.length
      ? `<details><summary>${rest.length} more ${rest.length === 1 ? 'finding' : 'findings'}</summary>${rest
          .map(
            (f) => `${LEVEL_ICON[f.level]} ${codeSpan(f.signature)} on ${codeSpan(f.metric, 120)}`
          )
          .join('<br>')}</details>`
      : ''
    return [
      LEVEL_ICON[row.level],
      codeSpan(row.unit, 120),
      escapeTableCell(describeRowCost(row), 160),
      escapeTableCell(describeRowLimit(row), 120),
      escapeTableCell(describeRowGrowth(row), 160),
      `${first ? `${codeSpan(first.signature)} on ${codeSpan(first.metric, 120)}` : ''}${more}`
    ]
  })
  const lines = [
    '| | What leaks | Cost per unit of work | Time to the limit | Growth measured | Evidence |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`)
  ]
  const rest = leaks.length - shown.length
  if (rest > 0) {
    const url = safeUrl(context.reportUrl)
    const where = url ? `[the HTML report](${url})` : 'the HTML report'
    lines.push(
      '',
      `_${formatCount(rest)} more leaking ${rest === 1 ? 'unit' : 'units'}, ranked the same way, in ${where}._`
    )
  }
  const title =
    leaks.length === 1
      ? '### What leaks'
      : `### What leaks (${formatCount(leaks.length)}, worst first)`
  return `${title}\n\n${lines.join('\n')}`
}

/** `### ❌ leak-gate: fail · 4 findings (4 fail) · artifact `x` · [workflow run](…)` */
function renderVerdictLine(report: Report, context: MarkdownContext): string {
  const label = VERDICT_LABEL[report.verdict]
  const leaks = presentationOf(report).leaks.length
  const parts = [`### ${label.icon} leak-gate: ${label.word}`]
  if (report.verdict === 'error') parts.push(describeErrorCount(report.errors))
  else {
    if (leaks > 1) parts.push(`${formatCount(leaks)} leaking units`)
    parts.push(countFindings(report.findings, report.suppressed.length))
  }
  if (context.artifactName) parts.push(`artifact ${codeSpan(context.artifactName, 200)}`)
  const runUrl = safeUrl(context.runUrl)
  if (runUrl) parts.push(`[workflow run](${runUrl})`)
  const reportUrl = safeUrl(context.reportUrl)
  if (reportUrl) parts.push(`[HTML report](${reportUrl})`)
  const checkUrl = safeUrl(context.checkUrl)
  if (checkUrl) parts.push(`[Check](${checkUrl})`)
  return parts.join(' · ')
}

/** A finding in a few words: `` `sustained-growth` on `MemUsage` (docker_stats.csv [api]) ``. */
function findingShort(finding: Pick<Finding, 'signature' | 'metric' | 'source'>): string {
  return `${codeSpan(finding.signature)} on ${codeSpan(finding.metric, 120)} (${escapeMarkdown(finding.source, 120)})`
}

/** Up to five items, then `and N more`. */
function listSome(items: string[]): string {
  const shown = items.slice(0, 5).join(', ')
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown
}

/** New since the last push / still there / fixed, when the caller compared with the previous comment. */
function renderHistory(report: Report, context: MarkdownContext): string {
  const history = context.history
  if (!history) return ''
  const isNew = new Set(history.newIds)
  const added = report.findings.filter((finding) => isNew.has(finding.id))
  const still = report.findings.filter((finding) => !isNew.has(finding.id))
  const lines: string[] = []
  if (added.length)
    lines.push(`- 🆕 **New since the last push:** ${listSome(added.map(findingShort))}`)
  if (still.length) lines.push(`- 🔁 **Still there:** ${listSome(still.map(findingShort))}`)
  if (history.fixed.length) {
    lines.push(`- 🎉 **Fixed since the last push:** ${listSome(history.fixed.map(findingShort))}`)
  }
  return lines.join('\n')
}

/** A Markdown table; rows beyond `limit` are dropped and counted. */
function renderTable(
  headers: string[],
  rows: string[][],
  limit: number,
  what: string,
  onCut: (count: number) => void
): string {
  if (rows.length === 0) return ''
  const shown = rows.slice(0, limit)
  const lines = [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...shown.map((row) => `| ${row.join(' | ')} |`)
  ]
  const cut = rows.length - shown.length
  if (cut > 0) {
    onCut(cut)
    lines.push('', `_✂️ ${formatCount(cut)} more ${what} not shown here._`)
  }
  return lines.join('\n')
}

function renderFindings(
  findings: Finding[],
  context: MarkdownContext,
  limits: Limits,
  cuts: Cuts
): string {
  const isNew = new Set(context.history?.newIds ?? [])
  const rows = groupFindingsForDisplay(findings).map((finding) => [
    `${LEVEL_ICON[finding.level] ?? ''} ${escapeMarkdown(finding.level, 10)}${isNew.has(finding.id) ? ' 🆕' : ''}`,
    codeSpan(finding.signature),
    codeSpan(finding.metric, 120),
    escapeTableCell(finding.source, 160),
    escapeTableCell(finding.message, 600),
    escapeTableCell(thresholdOf(finding), 200)
  ])
  const table = renderTable(
    ['', 'Signature', 'Metric', 'Source', 'What was measured', 'Threshold'],
    rows,
    limits.findingRows,
    'findings',
    (count) => (cuts.findings += count)
  )
  return `### Findings\n\n${table}`
}

/** One table per class histogram sequence, with its notes. */
function renderClassTables(report: Report, limits: Limits, cuts: Cuts): string[] {
  return classTablesOf(report).map((table) => {
    const rows = table.rows.map((row) =>
      classTableRow(table, row).map((cell, i) =>
        i === 1 ? codeSpan(cell, 160) : escapeTableCell(cell, 300)
      )
    )
    const body = rows.length
      ? renderTable(
          classTableHeaders(table).map((h) => escapeTableCell(h, 80)),
          rows,
          Math.max(limits.rows, 5),
          'classes',
          (count) => (cuts.other += count)
        )
      : `_No class grew (${formatCount(table.classes)} classes compared)._`
    const notes = table.notes.map((note) => `> ℹ️ ${escapeMarkdown(note, 400)}`).join('\n>\n')
    return [`### ${escapeMarkdown(classTableTitle(table), 400)}`, body, notes]
      .filter(Boolean)
      .join('\n\n')
  })
}

function renderErrors(report: Report, limit: number, cuts: Cuts): string {
  const shown = report.errors
    .slice(0, limit)
    .map((error) => `- ${escapeMarkdown(error.message, 500)}`)
  // the unlisted problems a cut summary entry stands for count too
  const cut = countProblems(report.errors.slice(shown.length))
  if (cut > 0) {
    cuts.other += cut
    shown.push(`- ✂️ ${formatCount(cut)} more errors not shown here`)
  }
  return `### ⛔ Errors\n\n${shown.join('\n')}`
}

/** Tables, charts and explanations of one report (the top level or a section). */
function renderDetails(
  report: Report,
  limits: Limits,
  cuts: Cuts,
  level: string,
  healthyShown = false
): string[] {
  const out: string[] = []
  const snapshots = snapshotsOf(report)
  if (snapshots.length) {
    out.push(`${level} Baseline vs post-test`, renderSnapshotTable(snapshots, limits, cuts))
  }
  if (report.heap?.rows.length)
    out.push(
      `${level} Heap snapshots: survivors by class`,
      renderHeapMarkdown(report.heap, Math.max(limits.rows, 10))
    )
  const series = seriesViewsOf(report)
  if (series.length) {
    out.push(`${level} Trends`, renderSeriesTable(series, limits, cuts), HOW_TO_READ)
    const above = presentationOf(report).leaks[0]
    out.push(
      ...renderCharts(series, limits, cuts, above ? rowSeries(report, above)?.id : undefined)
    )
  }
  const healthy = healthyShown ? '' : renderHealthy(report, limits, cuts)
  if (healthy) out.push(`${level} Why the healthy metrics are healthy`, healthy)
  if (report.suppressed.length) {
    const rows = report.suppressed.map((finding) => [
      codeSpan(finding.signature),
      codeSpan(finding.metric, 120),
      escapeTableCell(finding.source, 160),
      escapeTableCell(finding.message, 400),
      escapeTableCell(finding.reason, 300),
      escapeTableCell(finding.until ?? '—', 40)
    ])
    out.push(
      `${level} Suppressed`,
      renderTable(
        ['Signature', 'Metric', 'Source', 'What was measured', 'Reason', 'Until'],
        rows,
        limits.rows,
        'suppressed findings',
        (count) => (cuts.other += count)
      )
    )
  }
  if (report.notes.length) {
    const notes = report.notes.slice(0, Math.max(limits.rows, 5))
    cuts.other += report.notes.length - notes.length
    out.push(notes.map((note) => `> ℹ️ ${escapeMarkdown(note, 500)}`).join('\n>\n'))
  }
  if (report.inputs.length) out.push(renderInputs(report, limits, cuts))
  return out
}

function renderSnapshotTable(snapshots: SnapshotAnalysis[], limits: Limits, cuts: Cuts): string {
  const rows = snapshots.map((snapshot) => [
    codeSpan(snapshot.metric, 120),
    formatValue(snapshot.baseline, snapshot.unit),
    formatValue(snapshot.post, snapshot.unit),
    formatSignedValue(snapshot.delta, snapshot.unit),
    formatSignedPercent(snapshot.changePercent),
    escapeTableCell(describeSnapshotPerWork(snapshot), 120),
    escapeTableCell(describeStatus(snapshot), 80)
  ])
  return renderTable(
    ['Metric', 'Baseline', 'Post-test', 'Delta', 'Change', 'Per unit of work', 'Status'],
    rows,
    limits.rows,
    'snapshot metrics',
    (count) => (cuts.snapshots += count)
  )
}

/** What the trend columns mean, for a reviewer who does not do statistics every day. */
const HOW_TO_READ =
  '<details>\n<summary>How to read this table</summary>\n\n' +
  '<sub>Slope: Theil–Sen (median of pairwise slopes) over the steady window after warm-up, with its 95 % confidence interval. ' +
  'Floor: the same for the lowest value of each bucket, i.e. what survives garbage collection: a rising floor is retained memory, ' +
  'a rising mean over a flat floor is only a taller GC sawtooth. Trend p: Mann–Kendall test, the chance of a trend this steady in memory that does not grow; ' +
  'leak-gate calls growth significant when p &lt; 0.01 and the whole interval is above zero, and a leak when it also exceeds the tolerance. ' +
  'When growth starts late, a row shows the last part of the steady window, where it was judged.</sub>\n\n</details>'

function seriesCell(series: SeriesAnalysis): string {
  const group = series.group ? ` · ${escapeMarkdown(series.group, 80)}` : ''
  // a free heap's values are the memory used out of it: the cell says so
  const used = series.left !== undefined ? 'memory used out of ' : ''
  return `${used}${codeSpan(series.metric, 120)}${group}<br><sub>${escapeMarkdown(series.file, 160)}</sub>`
}

function renderSeriesTable(series: SeriesView[], limits: Limits, cuts: Cuts): string {
  const withWork = series.some((s) => s.slopePerWork !== null)
  const rows = series.map((s) => {
    const interval =
      s.slopeLowPerHour !== null && s.slopeHighPerHour !== null
        ? `<br><sub>${formatRateInterval(s.slopeLowPerHour, s.slopeHighPerHour, s.unit)}</sub>`
        : ''
    const row = [
      seriesCell(s),
      escapeTableCell(describeWindow(s)),
      describeStartEnd(s),
      `${formatSignedRate(s.slopePerHour, s.unit)}${interval}`,
      describeFloor(s),
      describeTrendTest(s)
    ]
    if (withWork) row.push(escapeTableCell(describePerWork(s, false), 120))
    row.push(describeStatus(s))
    return row
  })
  const headers = [
    'Metric',
    'Window (after warm-up)',
    'Start → end',
    'Slope/h (95 % CI)',
    'Floor slope/h',
    'Trend p'
  ]
  if (withWork) headers.push('Per unit of work')
  headers.push('Status')
  return renderTable(headers, rows, limits.rows, 'series', (count) => (cuts.series += count))
}

/** What the chart of a series shows, in words under it. */
function chartLegend(s: SeriesView): string[] {
  const warmupMs = s.warmupMs ?? 0
  const decided =
    s.decided && s.windowMs != null && s.startOffsetMs != null
      ? `judged on the last ${formatDuration(s.windowMs)} (from ${formatDuration(s.startOffsetMs)} on), where the growth starts`
      : ''
  return [
    'Blue: mean per bucket',
    'green: GC floor (lowest value per bucket)',
    warmupMs > 0 ? `warm-up (first ${formatDuration(warmupMs)}) excluded from the trend` : '',
    decided,
    s.limit !== undefined ? `limit ${formatValue(s.limit, s.unit)}` : ''
  ].filter(Boolean)
}

function renderCharts(
  series: SeriesView[],
  limits: Limits,
  cuts: Cuts,
  shownAbove?: string
): string[] {
  const memory = series.filter(
    (s) => s.metricKind === 'memory' && s.chart && s.chart.x.length >= 2 && s.id !== shownAbove
  )
  const out: string[] = []
  // A flat line says nothing a number does not: constant series get one line, not a chart.
  const constant = memory.filter(isConstant)
  for (const s of memory.filter((s) => !isConstant(s))) {
    const wanted = limits.charts === 'all' || (limits.charts === 'flagged' && s.status !== 'ok')
    if (!wanted) {
      cuts.charts++
      continue
    }
    const chart = renderMermaidChart(s)
    const label = STATUS_LABEL[s.status]
    const open = s.status === 'ok' ? '' : ' open'
    const legend = chartLegend(s)
    out.push(
      [
        `<details${open}>`,
        `<summary>📈 <b>${escapeHtmlText(seriesName(s), 160)}</b> — ${label.icon} ${label.word}, ${escapeHtml(describeSlope(s, false))}</summary>`,
        '',
        chart,
        '',
        `<sub>${escapeHtml(legend.join(' · '))}</sub>`,
        '',
        '</details>'
      ].join('\n')
    )
  }
  if (constant.length) {
    const names = constant.map(
      (s) => `${escapeMarkdown(seriesName(s), 120)} at ${formatValue(s.lastValue, s.unit)}`
    )
    out.push(`<sub>Not charted, constant after warm-up: ${names.join(', ')}.</sub>`)
  }
  return out
}

function renderHealthy(report: Report, limits: Limits, cuts: Cuts): string {
  let lines = orderHealthy(report.healthy)
  if (lines.length === 0) {
    // No worded explanations: fall back to each healthy metric's own line.
    lines = report.metrics
      .filter((metric) => metric.status === 'ok' && metric.explanation)
      .map((metric) =>
        metric.kind === 'series'
          ? `${seriesName(metric)}: ${metric.explanation}`
          : `${metric.metric}: ${metric.explanation}`
      )
  }
  if (lines.length === 0) return ''
  const limit = Math.max(limits.rows, 3)
  const shown = lines
    .slice(0, limit)
    .map((line) => `- ✅ ${escapeMarkdown(cutAtClause(line, HEALTHY_LINE_MAX), HEALTHY_LINE_MAX)}`)
  if (lines.length > shown.length) {
    cuts.other += lines.length - shown.length
    shown.push(`- ✂️ ${formatCount(lines.length - shown.length)} more not shown here`)
  }
  return shown.join('\n')
}

function renderInputs(report: Report, limits: Limits, cuts: Cuts): string {
  const rows = report.inputs.map((input) => [
    codeSpan(input.file, 160),
    escapeTableCell(input.format, 20),
    escapeTableCell(input.how, 20),
    escapeTableCell(input.role, 20),
    formatCount(input.rows),
    formatCount(input.series.length),
    escapeTableCell(input.note ?? '', 200)
  ])
  const table = renderTable(
    ['File', 'Format', 'How', 'Role', 'Rows', 'Series', 'Note'],
    rows,
    Math.max(limits.rows, 3),
    'inputs',
    (count) => (cuts.other += count)
  )
  const files = `${report.inputs.length} ${report.inputs.length === 1 ? 'file' : 'files'}`
  const config = escapeHtmlText(report.config, 200)
  return `<details>\n<summary>📂 Inputs used (${files}; config: ${config})</summary>\n\n${table}\n\n</details>`
}

function renderBase(report: Report): string[] {
  const base = report.base
  if (!base) return []
  const parts: string[] = []
  if (base.branch) parts.push(codeSpan(base.branch, 100))
  if (base.commit) parts.push(`at ${codeSpan(base.commit.slice(0, 7), 40)}`)
  const url = safeUrl(base.runUrl)
  if (base.runId !== undefined) {
    const run = escapeMarkdown(String(base.runId), 20)
    parts.push(url ? `([run ${run}](${url}))` : `(run ${run})`)
  }
  if (base.createdAt) parts.push(`from ${escapeMarkdown(formatIsoDate(base.createdAt), 60)}`)
  if (base.ageHours !== undefined) parts.push(`(${formatDuration(base.ageHours * 3_600_000)} old)`)
  const choice = describeBaseChoice(base)
  if (choice) parts.push(`— ${escapeMarkdown(choice, 200)}`)
  const lines: string[] = []
  if (parts.length) lines.push(`**Base run compared with:** ${parts.join(' ')}`)
  if (base.warning) lines.push(`⚠️ ${escapeMarkdown(base.warning, 400)}`)
  return lines.length ? [lines.join('\n\n')] : []
}

/** A fenced block whose fence is longer than any backtick run in the text. */
function fence(text: string, info: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const marks = '`'.repeat(longest + 1)
  // A raw `<!--` or `-->` in the body could fake or end a marker: break it with a zero-width space.
  const inert = text.replace(/<!--/g, '<!\u200b--').replace(/-->/g, '--\u200b>')
  return `${marks}${info}\n${inert}\n${marks}`
}

/**
 * The command that reproduces the verdict: a fenced block (under the next
 * steps) or, on a pass, folded away.
 */
function renderReproduce(report: Report, context: MarkdownContext, bare: boolean): string {
  const root = /^[\w./-]+$/.test(report.root)
    ? report.root
    : `'${report.root.replace(/'/g, `'\\''`)}'`
  const command = context.commandLine ?? `npx --yes leak-gate ${root}`
  if (bare) return fence(command, 'sh')
  return `<details>\n<summary>🔁 Reproduce locally</summary>\n\n${fence(command, 'sh')}\n\n</details>`
}

function renderCutNote(cuts: Cuts, context: MarkdownContext): string {
  const parts: string[] = []
  if (cuts.findings) parts.push(`${formatCount(cuts.findings)} findings`)
  if (cuts.series) parts.push(`${formatCount(cuts.series)} series`)
  if (cuts.snapshots) parts.push(`${formatCount(cuts.snapshots)} snapshot metrics`)
  if (cuts.charts) parts.push(`${formatCount(cuts.charts)} charts`)
  if (cuts.other) parts.push(`${formatCount(cuts.other)} other rows`)
  if (parts.length === 0) return ''
  const url = safeUrl(context.reportUrl)
  const where = url ? `[the HTML report](${url}) / job summary` : 'the HTML report / job summary'
  return `> ✂️ cut to fit GitHub's comment limit: ${parts.join(', ')} not shown; see ${where}`
}

/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script,
 * no network) that a reviewer downloads from the run's artifacts and opens
 * anywhere. Same evidence as the comment, with a full chart per series.
 */
import { unsettledNote } from '../analyze/memory-alone.js'
import type {
  ClassGrowthTable,
  Finding,
  Report,
  SeriesAnalysis,
  SnapshotAnalysis
} from '../model.js'
import type { HtmlOptions } from './types.js'
import { cutAtClause, escapeHtml, HEALTHY_LINE_MAX, safeUrl } from './escape.js'
import {
  VERDICT_LABEL,
  countFindings,
  describeFloor,
  describeTrendTest,
  describeHeadline,
  verdictTitle,
  describePerWork,
  describeSlope,
  describeSnapshotPerWork,
  describeStartEnd,
  describeWindow,
  describeBaseChoice,
  describeRowCost,
  describeRowGrowth,
  describeRowLimit,
  isConstant,
  isCounter,
  orderHealthy,
  seriesName,
  seriesViewsOf,
  snapshotsOf,
  thresholdOf,
  type SeriesView
} from './describe.js'
import {
  formatCount,
  formatDuration,
  formatHours,
  formatIsoDate,
  formatSignedPercent,
  formatSignedValue,
  formatValue
} from '../analyze/format.js'
import { renderSvgChart } from './svg-chart.js'
import { classTableHeaders, classTableRow, classTablesOf, classTableTitle } from './class-table.js'
import { heapCaption, heapTableCells } from './heap-table.js'
import { RUNS_HEADERS, runsLeakLines, runsRows, runsTitle } from './runs-table.js'
import { presentationOf } from '../analyze/presentation.js'
import { rowSeries } from '../analyze/leak-rows.js'
import { groupFindingsForDisplay } from './group-findings.js'
import { describeErrorCount } from './error-count.js'

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif}
main{max-width:1120px;margin:24px auto;padding:0 16px}
.box{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:0 0 16px;padding:16px 20px}
h1{font-size:22px;margin:0;font-weight:600}
h2{font-size:18px;margin:0 0 12px;padding-bottom:6px;border-bottom:1px solid #d8dee4;font-weight:600}
h3{font-size:15px;margin:0;font-weight:600}
.verdict{display:flex;gap:16px;align-items:center;border-left:6px solid}
.verdict.fail{border-left-color:#cf222e}.verdict.warn{border-left-color:#bf8700}.verdict.pass{border-left-color:#1a7f37}.verdict.error{border-left-color:#6e7781}
.dot{flex:none;width:40px;height:40px;border-radius:50%;display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700;font-size:22px}
.fail .dot{background:#cf222e}.warn .dot{background:#bf8700}.pass .dot{background:#1a7f37}.error .dot{background:#6e7781}
.sub{color:#59636e;margin:2px 0 0}
.headline{font-size:15px;margin:12px 0 0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #d0d7de;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.nowrap{white-space:nowrap}
tr:nth-child(2n) td{background:#fbfcfd}
td code{white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;background:#eff1f3;border-radius:4px;padding:1px 5px}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:12px;overflow:auto}
pre code{background:none;padding:0}
.badge{display:inline-block;border-radius:2em;padding:0 8px;font-size:12px;font-weight:600;line-height:20px;border:1px solid transparent;white-space:nowrap}
.badge.leak,.badge.fail{color:#fff;background:#cf222e}.badge.warn{color:#1f2328;background:#fff8c5;border-color:#d4a72c}
.badge.ok,.badge.pass{color:#fff;background:#1a7f37}.badge.error{color:#fff;background:#6e7781}
.muted{color:#59636e}.small{font-size:12px}
.chart-card{margin:0 0 20px;padding:12px 0 0;border-top:1px solid #eaeef2}
.chart-card:first-of-type{border-top:none;padding-top:0}
.chart-head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0;color:#59636e;font-size:12.5px}
.facts b{color:#1f2328;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;background:#fff}
svg .tick{font-size:11px;fill:#57606a}svg .axis-title{font-size:12px;fill:#57606a}
svg .legend{font-size:12px;fill:#1f2328}svg .note{font-size:11px;fill:#57606a}svg .limit-label{fill:#cf222e}
ul.clean{margin:0;padding-left:20px}ul.clean li{margin:2px 0}
.ok-list li::marker{color:#1a7f37;content:"✓  "}
.err-list li{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px;color:#82071e}
.warning{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:8px 0 0}
h2.shard{margin:28px 0 12px;border:none;font-size:20px}
details.more>summary{cursor:pointer;color:#0969da;margin:4px 0 12px}
ul.why{margin:10px 0 0}
footer{color:#59636e;font-size:12px;text-align:center;margin:24px 0}
`

function cell(text: string, className = ''): string {
  return `<td${className ? ` class="${className}"` : ''}>${text}</td>`
}

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((header) => `<th>${header}</th>`).join('')
  const body = rows.map((row) => `<tr>${row.join('')}</tr>`).join('\n')
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

function code(text: string, max = 300): string {
  return `<code>${escapeHtml(text, max)}</code>`
}

function badge(kind: string, text: string): string {
  return `<span class="badge ${escapeHtml(kind, 20)}">${escapeHtml(text, 80)}</span>`
}

function renderFindings(findings: Finding[], id: string): string {
  const rows = groupFindingsForDisplay(findings).map((finding) => [
    cell(badge(finding.level, finding.level)),
    cell(code(finding.signature)),
    cell(code(finding.metric)),
    cell(escapeHtml(finding.source, 300)),
    cell(escapeHtml(finding.message, 1000)),
    cell(escapeHtml(thresholdOf(finding), 300))
  ])
  return section(
    'Findings',
    table(['Level', 'Signature', 'Metric', 'Source', 'What was measured', 'Threshold'], rows),
    id
  )
}

/** A class histogram sequence's growing classes (see class-table.ts). */
function renderClassTable(classes: ClassGrowthTable): string {
  const rows = classes.rows.map((row) =>
    classTableRow(classes, row).map((text, i) =>
      cell(i === 1 ? code(text) : escapeHtml(text, 600), row.status === 'leak' ? 'leak' : '')
    )
  )
  const body = rows.length
    ? table(
        classTableHeaders(classes).map((h) => escapeHtml(h, 100)),
        rows
      )
    : `<p>No class grew (${classes.classes} classes compared).</p>`
  const notes = classes.notes
    .map((note) => `<p class="note">${escapeHtml(note, 600)}</p>`)
    .join('\n')
  return section(classTableTitle(classes), `${body}\n${notes}`)
}

/** The heap snapshots' survivors by class: the leaking classes first, each with its holder. */
function renderHeapTable(heap: NonNullable<Report['heap']>): string {
  const { headers, rows } = heapTableCells(heap, 50)
  const body = table(
    headers.map((h) => escapeHtml(h, 100)),
    rows.map((row) =>
      row.cells.map((text, i) =>
        cell(i === 0 ? code(text) : escapeHtml(text, 600), row.leak ? 'leak' : '')
      )
    )
  )
  const more =
    heap.rows.length > rows.length
      ? `<p class="note">${heap.rows.length - rows.length} more classes in the JSON report.</p>`
      : ''
  return section(
    'Heap snapshots: survivors by class',
    `<p class="note">${escapeHtml(heapCaption(heap), 600)}</p>\n${body}${more}`
  )
}

function section(title: string, body: string, id = ''): string {
  return `<section class="box"${id ? ` id="${id}"` : ''}>\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>`
}

function renderSnapshots(snapshots: SnapshotAnalysis[]): string {
  const rows = snapshots.map((s) => [
    cell(code(s.metric)),
    cell(formatValue(s.baseline, s.unit), 'num'),
    cell(formatValue(s.post, s.unit), 'num'),
    cell(formatSignedValue(s.delta, s.unit), 'num'),
    cell(formatSignedPercent(s.changePercent), 'num'),
    cell(escapeHtml(describeSnapshotPerWork(s))),
    cell(
      `${badge(s.status, s.status)} <span class="muted small">${escapeHtml(s.explanation, 400)}</span>`
    )
  ])
  return section(
    'Baseline vs post-test',
    table(
      ['Metric', 'Baseline', 'Post-test', 'Delta', 'Change', 'Per unit of work', 'Status'],
      rows
    )
  )
}

function statusCell(s: SeriesAnalysis): string {
  const eta =
    s.hoursToLimit !== null
      ? ` <span class="small">limit in ${formatHours(s.hoursToLimit)}</span>`
      : ''
  const counter =
    isCounter(s) && s.status === 'ok'
      ? ' <span class="muted small">counter (rises by design)</span>'
      : ''
  return `${badge(s.status, s.status)}${eta}${counter}`
}

function renderSeriesTable(series: SeriesView[]): string {
  const withWork = series.some((s) => s.slopePerWork !== null)
  const rows = series.map((s) => {
    const row = [
      cell(
        `${s.left !== undefined ? 'memory used out of ' : ''}${code(s.metric)}${s.group ? ` ${escapeHtml(s.group, 120)}` : ''}<br><span class="muted small">${escapeHtml(s.file, 300)}</span>`
      ),
      cell(escapeHtml(describeWindow(s))),
      cell(escapeHtml(describeStartEnd(s)), 'num'),
      cell(
        escapeHtml(describeSlope(s, true))
          .replace(' (95 % CI', '<br><span class="muted small">95 % CI')
          .replace(/\)$/, '</span>'),
        'num'
      ),
      cell(escapeHtml(describeFloor(s)), 'num'),
      cell(escapeHtml(describeTrendTest(s)), 'num')
    ]
    if (withWork) row.push(cell(escapeHtml(describePerWork(s, false))))
    row.push(cell(statusCell(s)))
    return row
  })
  const headers = [
    'Metric',
    'Window (after warm-up)',
    'Start → end',
    'Slope per hour',
    'Floor slope per hour',
    'Trend p'
  ]
  if (withWork) headers.push('Per unit of work')
  headers.push('Status')
  return section('Trends', `${table(headers, rows)}\n<p class="muted small">${HOW_TO_READ}</p>`)
}

/** What the trend columns mean (the same words as the comment's "How to read this table"). */
const HOW_TO_READ =
  'Slope: Theil–Sen (median of pairwise slopes) over the steady window after warm-up, with its 95 % confidence interval. ' +
  'Floor: the same for the lowest value of each bucket, i.e. what survives garbage collection: a rising floor is retained memory, ' +
  'a rising mean over a flat floor is only a taller GC sawtooth. Trend p: Mann–Kendall test, the chance of a trend this steady in memory that does not grow; ' +
  'leak-gate calls growth significant when p &lt; 0.01 and the whole interval is above zero, and a leak when it also exceeds the tolerance. ' +
  'When growth starts late, a row shows the last part of the steady window, where it was judged.'

/** Flagged series first (open), then healthy ones; constant series get a line, not a chart. */
function renderCharts(
  series: SeriesView[],
  prefix: string,
  shownAbove?: string
): { html: string; count: number } {
  const flagged: string[] = []
  const healthy: string[] = []
  const constant = series.filter((s) => s.chart && s.chart.x.length >= 2 && isConstant(s))
  const order = [
    ...series.filter((s) => s.status !== 'ok'),
    ...series.filter((s) => s.status === 'ok')
  ].filter((s) => !constant.includes(s) && s.id !== shownAbove)
  order.forEach((s) => {
    const index = series.indexOf(s)
    const svg = renderSvgChart(s, `${prefix}${index}`)
    if (!svg) return
    const facts = [
      ['window', describeWindow(s)],
      ['slope', describeSlope(s, true)],
      ['floor', describeFloor(s)],
      ['trend', describeTrendTest(s)],
      ...(s.slopePerWork !== null ? [['per unit of work', describePerWork(s, true)]] : []),
      [
        'samples',
        `${formatCount(s.samples)}${s.reduced ? ` (bucketed to ${formatCount(s.points)} points)` : ''}`
      ]
    ]
      .map(([name, value]) => `<span>${escapeHtml(name)} <b>${escapeHtml(value)}</b></span>`)
      .join('')
    ;(s.status === 'ok' ? healthy : flagged).push(
      [
        `<figure class="chart-card">`,
        `<div class="chart-head"><h3>${escapeHtml(seriesName(s), 200)}</h3>${badge(s.status, s.status)}<span class="muted small">${escapeHtml(s.file, 300)}</span></div>`,
        `<div class="facts">${facts}</div>`,
        svg,
        s.explanation
          ? `<figcaption class="muted small">${escapeHtml(s.explanation, 600)}</figcaption>`
          : '',
        `</figure>`
      ].join('\n')
    )
  })
  const flat = constant.length
    ? `<p class="muted small">Not charted, constant after warm-up: ${constant
        .map((s) => `${escapeHtml(seriesName(s), 200)} at ${formatValue(s.lastValue, s.unit)}`)
        .join(', ')}.</p>`
    : ''
  // Healthy charts stay one click away when something leaks: the leak is what the reader came for.
  const rest =
    flagged.length && healthy.length
      ? `<details class="more"><summary>Healthy series (${healthy.length})</summary>\n${healthy.join('\n')}\n</details>`
      : healthy.join('\n')
  const cards = [...flagged, rest].filter(Boolean)
  const html = cards.length || flat ? section('Charts', `${cards.join('\n')}${flat}`) : ''
  return { html, count: flagged.length + healthy.length }
}

function renderList(title: string, items: string[], className: string, max = 1000): string {
  if (items.length === 0) return ''
  return section(
    title,
    `<ul class="clean ${className}">\n${items.map((item) => `<li>${escapeHtml(item, max)}</li>`).join('\n')}\n</ul>`
  )
}

function renderSuppressed(report: Report): string {
  if (report.suppressed.length === 0) return ''
  const rows = report.suppressed.map((finding) => [
    cell(code(finding.signature)),
    cell(code(finding.metric)),
    cell(escapeHtml(finding.source, 300)),
    cell(escapeHtml(finding.message, 1000)),
    cell(escapeHtml(finding.reason, 500)),
    cell(escapeHtml(finding.until ?? '—', 40))
  ])
  return section(
    'Suppressed findings',
    table(['Signature', 'Metric', 'Source', 'What was measured', 'Reason', 'Until'], rows)
  )
}

function renderBase(report: Report): string {
  const base = report.base
  if (!base) return ''
  const facts: string[] = []
  if (base.branch) facts.push(`branch ${code(base.branch)}`)
  if (base.commit) facts.push(`commit ${code(base.commit.slice(0, 12))}`)
  const url = safeUrl(base.runUrl)
  if (base.runId !== undefined) {
    facts.push(url ? `<a href="${escapeHtml(url)}">run ${base.runId}</a>` : `run ${base.runId}`)
  }
  if (base.createdAt) facts.push(escapeHtml(formatIsoDate(base.createdAt)))
  if (base.ageHours !== undefined) facts.push(`${formatDuration(base.ageHours * 3_600_000)} old`)
  const choice = describeBaseChoice(base)
  if (choice) facts.push(escapeHtml(choice, 200))
  const warning = base.warning ? `<div class="warning">${escapeHtml(base.warning, 600)}</div>` : ''
  if (facts.length === 0) return section('Base run', warning)
  return section('Base run compared with', `<p>${facts.join(' · ')}</p>${warning}`)
}

function renderInputs(report: Report): string {
  if (report.inputs.length === 0) return ''
  const rows = report.inputs.map((input) => [
    cell(code(input.file)),
    cell(escapeHtml(input.format)),
    cell(escapeHtml(input.how)),
    cell(escapeHtml(input.role)),
    cell(formatCount(input.rows), 'num'),
    cell(input.series.map((id) => code(id)).join('<br>') || '—'),
    cell(escapeHtml(input.note ?? '', 400))
  ])
  return section(
    'Inputs used',
    `<p class="muted">Root ${code(report.root)} · configuration ${code(report.config)}</p>\n${table(['File', 'Format', 'How', 'Role', 'Rows', 'Series', 'Note'], rows)}`
  )
}

/** Everything below the verdict for one report (top level or a section); returns the chart count too. */
function renderBody(report: Report, prefix: string): { html: string; charts: number } {
  const parts: string[] = []
  if (report.findings.length) parts.push(renderFindings(report.findings, `${prefix}-findings`))
  for (const classes of classTablesOf(report)) parts.push(renderClassTable(classes))
  if (report.heap?.rows.length) parts.push(renderHeapTable(report.heap))
  if (report.errors.length) {
    parts.push(
      renderList(
        'Errors',
        report.errors.map((error) => error.message),
        'err-list'
      )
    )
  }
  const snapshots = snapshotsOf(report)
  if (snapshots.length) parts.push(renderSnapshots(snapshots))
  const series = seriesViewsOf(report)
  if (series.length) parts.push(renderSeriesTable(series))
  const top = presentationOf(report).leaks[0]
  const charts = renderCharts(series, prefix, top ? rowSeries(report, top)?.id : undefined)
  parts.push(charts.html)
  // A pass says why right under the verdict (see renderVerdict); a fail keeps it with the details.
  if (report.verdict !== 'pass') {
    parts.push(
      renderList(
        'Why the healthy metrics are healthy',
        orderHealthy(report.healthy).map((line) => cutAtClause(line, HEALTHY_LINE_MAX)),
        'ok-list',
        HEALTHY_LINE_MAX
      )
    )
  }
  parts.push(renderSuppressed(report))
  parts.push(renderList('Notes', report.notes, ''))
  parts.push(renderBase(report))
  parts.push(renderInputs(report))
  return { html: parts.filter(Boolean).join('\n'), charts: charts.count }
}

/**
 * Right under the verdict: the chart of the series the worst leak speaks
 * for, what to do next, and every leaking process or container, worst first.
 */
function renderFirstScreen(report: Report, options: HtmlOptions, command: string): string {
  const presentation = presentationOf(report)
  const top = presentation.leaks[0]
  if (!top) return ''
  const parts: string[] = []
  const decisive = seriesViewsOf(report).find((s) => s.id === rowSeries(report, top)?.id)
  const svg = decisive ? renderSvgChart(decisive, 'top') : ''
  if (decisive && svg) {
    parts.push(
      `<figure class="chart-card"><div class="chart-head"><h3>${escapeHtml(seriesName(decisive), 200)}</h3>${badge(decisive.status, decisive.status)}<span class="muted small">${escapeHtml(describeWindow(decisive))}</span></div>\n${svg}</figure>`
    )
  }
  const docs = safeUrl(options.docsUrl)
  const what = docs
    ? `<a href="${escapeHtml(`${docs}#${top.signature}`)}">what ${code(top.signature)} means and how to fix it</a>`
    : `what ${code(top.signature)} means: <code>docs/signatures.md</code> of leak-gate`
  const until = presentation.suppressUntil ?? 'YYYY-MM-DD'
  parts.push(
    `<p><b>Next:</b> reproduce it locally, read ${what}, or suppress it (an <code>ignore:</code> entry with <code>until: ${escapeHtml(until, 20)}</code>) if it is expected.</p>`,
    `<pre><code>${escapeHtml(command, 2000)}</code></pre>`
  )
  const doubt = report.verdict === 'fail' ? unsettledNote(report.notes) : null
  if (doubt) parts.push(`<p><b>Before you trust it:</b> ${escapeHtml(doubt, 600)}</p>`)
  const byId = new Map(report.findings.map((finding) => [finding.id, finding]))
  const rows = presentation.leaks.map((row) => {
    const findings = row.findingIds.map((id) => byId.get(id)).filter((f): f is Finding => !!f)
    const evidence = findings
      .map((f) => `${badge(f.level, f.level)} ${code(f.signature)} on ${code(f.metric)}`)
      .join('<br>')
    return [
      cell(badge(row.level, row.level)),
      cell(code(row.unit)),
      cell(escapeHtml(describeRowCost(row))),
      cell(escapeHtml(describeRowLimit(row)), 'num'),
      cell(escapeHtml(describeRowGrowth(row))),
      cell(evidence)
    ]
  })
  parts.push(
    table(
      [
        '',
        'What leaks',
        'Cost per unit of work',
        'Time to the limit',
        'Growth measured',
        'Findings'
      ],
      rows
    )
  )
  const title =
    presentation.leaks.length === 1
      ? 'What leaks'
      : `What leaks (${formatCount(presentation.leaks.length)}, worst first)`
  return section(title, parts.join('\n'), 'leaks')
}

/** Each run's own verdict side by side, and the leaks with the runs they failed in. */
function renderRuns(report: Report): string {
  if (!report.runs) return ''
  const { rows, more } = runsRows(report.runs)
  const body = table(
    RUNS_HEADERS,
    rows.map(([run, verdict, finding]) => [
      cell(code(run), 'nowrap'),
      cell(escapeHtml(verdict, 20), 'nowrap'),
      cell(escapeHtml(finding, 1000))
    ])
  )
  const notes = [
    ...(more > 0 ? [`${formatCount(more)} more runs in the JSON report`] : []),
    ...runsLeakLines(report.runs)
  ]
  const list = notes.length
    ? `\n<ul class="clean">\n${notes.map((line) => `<li>${escapeHtml(line, 1000)}</li>`).join('\n')}\n</ul>`
    : ''
  return section(runsTitle(report.runs), `${body}${list}`, 'runs')
}

/** The verdict box: big coloured mark, verdict, counts and the headline sentence. */
function renderVerdict(report: Report, title: string): string {
  const label = VERDICT_LABEL[report.verdict]
  const mark = { fail: '✕', warn: '!', pass: '✓', error: '?' }[report.verdict]
  const count =
    report.verdict === 'error'
      ? describeErrorCount(report.errors)
      : countFindings(report.findings, report.suppressed.length)
  return [
    `<header class="box verdict ${report.verdict}">`,
    `<div class="dot" aria-hidden="true">${mark}</div>`,
    `<div><h1 id="verdict">${escapeHtml(verdictTitle(report))}</h1>`,
    `<p class="sub">leak-gate verdict ${badge(report.verdict, label.word)} · ${escapeHtml(count)} · ${escapeHtml(title, 300)}</p>`,
    `<p class="headline">${escapeHtml(describeHeadline(report), 1500)}</p>`,
    report.verdict === 'pass' && report.healthy.length
      ? `<ul class="clean ok-list why">\n${orderHealthy(report.healthy)
          .map(
            (line) =>
              `<li>${escapeHtml(cutAtClause(line, HEALTHY_LINE_MAX), HEALTHY_LINE_MAX)}</li>`
          )
          .join('\n')}\n</ul>`
      : '',
    '</div>',
    `</header>`
  ].join('\n')
}

/**
 * Renders the whole report as one HTML document. Pure: the caller writes it
 * to a file (the action uploads it with the JSON report).
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const title = options.title ?? report.root
  const body = renderBody(report, 'c')
  const sections = (report.sections ?? []).map((shard, index) => {
    // Its notes are in the top level's, once for all the artifacts that share one.
    const inner = renderBody({ ...shard.report, notes: [] }, `s${index}c`)
    const label = VERDICT_LABEL[shard.report.verdict]
    return `<h2 class="shard">${escapeHtml(shard.name, 200)} ${badge(shard.report.verdict, label.word)}</h2>\n${inner.html}`
  })
  const root = /^[\w./-]+$/.test(report.root)
    ? report.root
    : `'${report.root.replace(/'/g, `'\\''`)}'`
  const command = options.commandLine ?? `npx --yes leak-gate ${root}`
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>leak-gate: ${escapeHtml(report.verdict)} · ${escapeHtml(title, 200)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    renderVerdict(report, title),
    renderRuns(report),
    renderFirstScreen(report, options, command),
    body.html,
    ...sections,
    section('Reproduce locally', `<pre><code>${escapeHtml(command, 2000)}</code></pre>`),
    `<footer>leak-gate report · format version ${report.version}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

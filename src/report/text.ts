/**
 * The terminal report of the CLI: the verdict first, then aligned tables and
 * a sparkline per series. Colour (ANSI) only when the caller says the output
 * is a TTY; artifact text is flattened so it cannot move the cursor or inject
 * escape sequences.
 */
import { unsettledNote } from '../analyze/memory-alone.js'
import { heapCaption, renderHeapText } from './heap-table.js'
import type { Report, SeriesAnalysis } from '../model.js'
import type { TextOptions } from './types.js'
import { resampleChart } from './chart-data.js'
import { classTableHeaders, classTableRow, classTablesOf, classTableTitle } from './class-table.js'
import { RUNS_HEADERS, runsLeakLines, runsRows, runsTitle } from './runs-table.js'
import { groupFindingsForDisplay } from './group-findings.js'
import {
  VERDICT_LABEL,
  countFindings,
  describeFloor,
  describeTrendTest,
  describeHeadline,
  describeBaseChoice,
  describeRowCost,
  describeRowGrowth,
  describeRowLimit,
  verdictTitle,
  describePerWork,
  describeSnapshotPerWork,
  describeStartEnd,
  describeWindow,
  orderHealthy,
  seriesName,
  seriesViewsOf,
  snapshotsOf,
  thresholdOf
} from './describe.js'
import { cutAtClause, flattenText, HEALTHY_LINE_MAX } from './escape.js'
import { presentationOf } from '../analyze/presentation.js'
import {
  formatCount,
  formatDuration,
  formatHours,
  formatRateInterval,
  formatIsoDate,
  formatSignedPercent,
  formatSignedRate,
  formatSignedValue,
  formatValue
} from '../analyze/format.js'
import { describeErrorCount } from './error-count.js'

type Paint = (text: string) => string

interface Palette {
  bold: Paint
  dim: Paint
  red: Paint
  yellow: Paint
  green: Paint
}

function palette(color: boolean): Palette {
  const wrap =
    (open: number, close: number): Paint =>
    (text) =>
      color ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39)
  }
}

/** Visible width: code points, ANSI sequences excluded. */
function width(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length
}

function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)))
}

/** Aligned columns with a dim header row; `right` lists right-aligned column indexes. */
function columns(
  headers: string[],
  rows: string[][],
  paint: Palette,
  right: number[] = []
): string[] {
  const sizes = headers.map((header, index) =>
    Math.max(width(header), ...rows.map((row) => width(row[index] ?? '')))
  )
  const line = (row: string[]): string =>
    '  ' +
    row
      .map((text, index) => {
        if (index === row.length - 1 && !right.includes(index)) return text
        return right.includes(index)
          ? ' '.repeat(Math.max(0, sizes[index] - width(text))) + text
          : padEnd(text, sizes[index])
      })
      .join('  ')
      .trimEnd()
  return [paint.dim(line(headers)), ...rows.map(line)]
}

const SPARKS = '▁▂▃▄▅▆▇█'

/** A one-line sparkline of a series' means (40 cells). */
function sparkline(series: SeriesAnalysis): string {
  if (!series.chart || series.chart.x.length < 2) return ''
  const values = resampleChart(series.chart, 40).value
  const low = Math.min(...values)
  const high = Math.max(...values)
  return values
    .map(
      (value) =>
        SPARKS[high > low ? Math.round(((value - low) / (high - low)) * (SPARKS.length - 1)) : 0]
    )
    .join('')
}

/**
 * Renders the report for a terminal: plain text, aligned, with ANSI colour
 * only when `options.color`.
 */
/** Leak rows the text report lists before counting the rest. */
export const TEXT_LEAK_ROWS = 20

export function renderText(report: Report, options: TextOptions): string {
  const paint = palette(options.color)
  const out: string[] = []
  renderInto(out, report, paint, true)
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`
}

function statusPaint(status: string, paint: Palette): Paint {
  if (status === 'leak' || status === 'fail' || status === 'error') return paint.red
  if (status === 'warn') return paint.yellow
  return paint.green
}

function heading(out: string[], title: string, paint: Palette): void {
  out.push('', paint.bold(title))
}

function renderInto(out: string[], report: Report, paint: Palette, top: boolean): void {
  const t = (text: string, max?: number): string => flattenText(text, max)
  const label = VERDICT_LABEL[report.verdict]
  const verdictPaint = statusPaint(report.verdict, paint)
  const count =
    report.verdict === 'error'
      ? describeErrorCount(report.errors)
      : countFindings(report.findings, report.suppressed.length)
  if (top) {
    out.push(
      `${paint.bold(verdictPaint(`leak-gate: ${label.word.toUpperCase()}`))} · ${verdictTitle(report)} · ${count}`
    )
    out.push(t(describeHeadline(report), 1000))
    const doubt = report.verdict === 'fail' ? unsettledNote(report.notes) : null
    if (doubt) out.push(`${paint.bold('Before you trust it:')} ${t(doubt, 600)}`)
    if (report.runs) {
      // Each run's own verdict side by side: why the overall verdict is what it is.
      heading(out, t(runsTitle(report.runs), 300), paint)
      const { rows, more } = runsRows(report.runs)
      out.push(
        ...columns(
          RUNS_HEADERS,
          rows.map((row) => row.map((cell) => t(cell, 300))),
          paint
        )
      )
      if (more > 0) out.push(paint.dim(`  … and ${more} more runs (see the JSON report)`))
      for (const line of runsLeakLines(report.runs)) out.push(`  ${t(line, 400)}`)
    }
    const leaks = presentationOf(report).leaks
    if (leaks.length) {
      heading(
        out,
        leaks.length === 1 ? 'What leaks' : `What leaks (${leaks.length}, worst first)`,
        paint
      )
      for (const row of leaks.slice(0, TEXT_LEAK_ROWS)) {
        const facts = [describeRowCost(row), describeRowLimit(row), describeRowGrowth(row)]
          .filter((fact) => fact !== '—')
          .join(' · ')
        out.push(
          `  ${statusPaint(row.level, paint)(row.level.padEnd(4))}  ${paint.bold(t(row.unit, 120))}  ${t(facts, 400)} ${paint.dim(`(${row.findingIds.length} ${row.findingIds.length === 1 ? 'finding' : 'findings'})`)}`
        )
      }
      if (leaks.length > TEXT_LEAK_ROWS)
        out.push(
          paint.dim(
            `  … and ${leaks.length - TEXT_LEAK_ROWS} more leaking units (see the HTML report)`
          )
        )
    }
    // A pass says why right away, before any table.
    if (report.verdict === 'pass') {
      for (const line of orderHealthy(report.healthy))
        out.push(
          `  ${paint.green('✓')} ${t(cutAtClause(line, HEALTHY_LINE_MAX), HEALTHY_LINE_MAX)}`
        )
    }
  }

  if (report.findings.length) {
    heading(out, 'Findings', paint)
    for (const finding of groupFindingsForDisplay(report.findings)) {
      const level = statusPaint(finding.level, paint)(finding.level.padEnd(4))
      out.push(
        `  ${level}  ${paint.bold(t(finding.signature))} on ${t(finding.metric, 120)} ${paint.dim(`(${t(finding.source, 160)})`)}`
      )
      out.push(`        ${t(finding.message, 600)}`)
      out.push(paint.dim(`        threshold: ${t(thresholdOf(finding), 200)}`))
    }
  }
  for (const table of classTablesOf(report)) {
    heading(out, t(classTableTitle(table), 400), paint)
    const rows = table.rows.map((row) => classTableRow(table, row).map((cell) => t(cell, 300)))
    if (rows.length) out.push(...columns(classTableHeaders(table), rows, paint))
    else out.push(`  no class grew (${table.classes} classes compared)`)
    for (const note of table.notes) out.push(paint.dim(`  - ${t(note, 400)}`))
  }
  if (report.errors.length) {
    heading(out, 'Errors', paint)
    for (const error of report.errors) out.push(`  ${paint.red('✗')} ${t(error.message, 500)}`)
  }

  if (report.heap?.rows.length) {
    heading(out, 'Heap snapshots: survivors by class', paint)
    out.push(`  ${t(heapCaption(report.heap), 300)}`)
    for (const line of renderHeapText(report.heap, 12)) out.push(`  ${line}`)
  }

  const snapshots = snapshotsOf(report)
  if (snapshots.length) {
    heading(out, 'Baseline vs post-test', paint)
    const rows = snapshots.map((s) => [
      t(s.metric, 60),
      formatValue(s.baseline, s.unit),
      formatValue(s.post, s.unit),
      formatSignedValue(s.delta, s.unit),
      formatSignedPercent(s.changePercent),
      describeSnapshotPerWork(s),
      statusPaint(s.status, paint)(s.status)
    ])
    out.push(
      ...columns(
        ['metric', 'baseline', 'post-test', 'delta', 'change', 'per unit of work', 'status'],
        rows,
        paint,
        [1, 2, 3, 4]
      )
    )
  }

  const series = seriesViewsOf(report)
  if (series.length) {
    heading(out, 'Trends (steady part, after warm-up)', paint)
    const rows = series.map((s) => [
      t(seriesName(s), 60),
      describeStartEnd(s),
      formatSignedRate(s.slopePerHour, s.unit),
      formatRateInterval(s.slopeLowPerHour, s.slopeHighPerHour, s.unit) || '—',
      describeFloor(s),
      describeTrendTest(s),
      statusPaint(s.status, paint)(s.status) +
        (s.hoursToLimit !== null ? ` (limit in ${formatHours(s.hoursToLimit)})` : '')
    ])
    out.push(
      ...columns(
        ['metric', 'start → end', 'slope/h', '95 % CI', 'floor slope/h', 'trend', 'status'],
        rows,
        paint,
        [2]
      )
    )
    out.push('')
    const nameWidth = Math.min(40, Math.max(...series.map((s) => width(t(seriesName(s), 40)))))
    for (const s of series) {
      const spark = sparkline(s)
      const work = s.slopePerWork !== null ? ` · ${describePerWork(s, false)}` : ''
      out.push(
        `  ${padEnd(t(seriesName(s), 40), nameWidth)}  ${spark}  ${paint.dim(`${describeWindow(s)}${work}`)}`
      )
    }
  }

  const healthy = top && report.verdict === 'pass' ? [] : orderHealthy(report.healthy)
  if (healthy.length) {
    heading(out, 'Why the healthy metrics are healthy', paint)
    for (const line of healthy)
      out.push(`  ${paint.green('✓')} ${t(cutAtClause(line, HEALTHY_LINE_MAX), HEALTHY_LINE_MAX)}`)
  }
  if (report.suppressed.length) {
    heading(out, 'Suppressed', paint)
    for (const finding of report.suppressed) {
      const until = finding.until ? ` until ${t(finding.until, 40)}` : ''
      out.push(
        `  ${t(finding.signature)} on ${t(finding.metric, 120)} (${t(finding.source, 160)}): ${t(finding.reason, 300)}${until}`
      )
    }
  }
  if (report.notes.length) {
    heading(out, 'Notes', paint)
    for (const note of report.notes) out.push(`  - ${t(note, 500)}`)
  }
  if (report.base) {
    const base = report.base
    heading(out, 'Base run', paint)
    const facts = [
      base.branch ? `branch ${t(base.branch, 100)}` : '',
      base.commit ? `commit ${t(base.commit.slice(0, 12), 12)}` : '',
      base.runId !== undefined ? `run ${base.runId}` : '',
      base.createdAt ? t(formatIsoDate(base.createdAt), 40) : '',
      base.ageHours !== undefined ? `${formatDuration(base.ageHours * 3_600_000)} old` : '',
      t(describeBaseChoice(base), 200)
    ].filter(Boolean)
    if (facts.length) out.push(`  ${facts.join(' · ')}`)
    if (base.warning) out.push(`  ${paint.yellow('!')} ${t(base.warning, 400)}`)
  }
  if (report.inputs.length) {
    heading(out, 'Inputs used', paint)
    const rows = report.inputs.map((input) => [
      t(input.file, 120),
      input.format,
      input.how,
      input.role,
      formatCount(input.rows),
      t(input.note ?? '', 200)
    ])
    out.push(...columns(['file', 'format', 'how', 'role', 'rows', 'note'], rows, paint, [4]))
    if (top)
      out.push(paint.dim(`  config: ${t(report.config, 200)} · root: ${t(report.root, 200)}`))
  }
  for (const section of report.sections ?? []) {
    const sectionLabel = VERDICT_LABEL[section.report.verdict]
    out.push(
      '',
      paint.bold(
        `== ${t(section.name, 200)}: ${statusPaint(section.report.verdict, paint)(sectionLabel.word)}, ${countFindings(section.report.findings)} ==`
      )
    )
    // Its notes are in the top level's, once for all the artifacts that share one.
    renderInto(out, { ...section.report, notes: [] }, paint, false)
  }
}

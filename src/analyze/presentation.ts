/**
 * Every decision about what a reader sees first, made once, in analysis, and
 * stored in the JSON report as `presentation`: the headline, the leak rows
 * (one per leaking process or container, worst first), the window each
 * series is shown on with its chart's trend line, and the expiry a
 * suppression example proposes. Renderers (markdown, HTML, text, the Check
 * run) only format it, so a comment rendered from the JSON artifact
 * (`mode: report`) is the comment the analysing job would have posted.
 */
import type { Report } from '../model.js'
import { decideHeadline, type Headline } from './headline.js'
import { groupLeaks, type LeakRow } from './leak-rows.js'
import { seriesOf } from './report-parts.js'
import { viewSeriesWindow, type SeriesWindowView } from './series-view.js'

export type { Headline } from './headline.js'
export type { LeakRow } from './leak-rows.js'
export type { SeriesWindowView } from './series-view.js'

/** Version of the `presentation` block's shape (inside report version 1). */
export const PRESENTATION_VERSION = 1

/** Days a suggested suppression lasts before it expires and the finding fails again. */
export const SUPPRESS_DAYS = 30

/** What the report shows first, as decided by analysis. */
export interface Presentation {
  version: typeof PRESENTATION_VERSION
  headline: Headline
  /** One row per leaking process or container, worst first. */
  leaks: LeakRow[]
  /** The window every series is shown on (same order as the series in `metrics`). */
  views: SeriesWindowView[]
  /** `until:` date (YYYY-MM-DD) the suppression example proposes, when the time was known. */
  suppressUntil?: string
}

/**
 * The presentation of a finished report (verdict decided). Pure: `now` only
 * sets the suggested suppression expiry.
 */
export function presentReport(report: Report, now?: Date): Presentation {
  const leaks = groupLeaks(report)
  const presentation: Presentation = {
    version: PRESENTATION_VERSION,
    headline: decideHeadline(report, leaks),
    leaks,
    views: seriesOf(report).map((series) => viewSeriesWindow(series, report.findings))
  }
  if (now && Number.isFinite(now.getTime())) {
    const until = new Date(now.getTime() + SUPPRESS_DAYS * 86_400_000)
    presentation.suppressUntil = until.toISOString().slice(0, 10)
  }
  return presentation
}

/**
 * The report with its presentation (the report itself when it already has
 * one, as a relayed JSON report does). Sections get theirs too.
 */
export function withPresentation(report: Report, now?: Date): Report {
  const sections = report.sections?.map((section) => ({
    ...section,
    report: withPresentation(section.report, now)
  }))
  const out: Report = sections ? { ...report, sections } : { ...report }
  if (!out.presentation) out.presentation = presentReport(out, now)
  return out
}

/** The presentation of a report, computed when an older report lacks it. */
export function presentationOf(report: Report): Presentation {
  return report.presentation ?? presentReport(report)
}

/** The window view of a series by id (a steady view when absent). */
export function viewOf(report: Report, id: string): SeriesWindowView | undefined {
  return presentationOf(report).views.find((view) => view.id === id)
}

/**
 * The headline: the verdict's title and one sentence under it that says what
 * leaks and how badly (the worst leak row's own numbers, so it never
 * contradicts the table), or, on a pass, what was checked. Decided here once
 * and stored in the JSON report; renderers print it.
 */
import type { Report, Verdict } from '../model.js'
import { formatDuration } from './format.js'
import type { LeakRow } from './leak-rows.js'
import { countProblems } from './problem-count.js'
import { judgedCounts, seriesOf, snapshotsOf } from './report-parts.js'

/** The headline as the JSON report stores it. */
export interface Headline {
  /** `Leak found`, `Possible leak`, `No leak found`, `Could not analyse`, `Not enough data`. */
  title: string
  /** One sentence: what leaks, how fast, how soon it hits the limit; or what was checked. */
  sentence: string
  /** The finding the sentence speaks for, and its metric (annotations and the Check name the same). */
  findingId?: string
  metric?: string
}

/** The verdict's own title, before the not-enough-data exception. */
export const VERDICT_TITLE: Record<Verdict, string> = {
  fail: 'Leak found',
  warn: 'Possible leak',
  pass: 'No leak found',
  error: 'Could not analyse'
}

/**
 * The title next to the verdict, except for a warn that only says some series
 * could not be judged (no leak signature fired): "Not enough data".
 */
export function decideTitle(report: Report): string {
  const { unjudged, total } = judgedCounts(report)
  if (
    report.verdict === 'warn' &&
    unjudged.length > 0 &&
    unjudged.length === report.findings.length
  )
    return unjudged.length >= total && snapshotsOf(report).length === 0
      ? 'Not enough data'
      : 'Not enough data for some series'
  if (report.verdict === 'pass' && report.suppressed.length > 0)
    return 'No leak found except suppressed ones'
  if (
    report.verdict === 'error' &&
    report.errors.length > 0 &&
    report.errors.every((error) => error.internal)
  )
    return 'Analysis incomplete'
  return VERDICT_TITLE[report.verdict]
}

/**
 * `Could not judge 2 of 5 series (rss: 5 samples over 4 min …; and 1 more)`:
 * the sentence a report with `insufficient-data` findings carries, '' without.
 */
export function describeUnjudged(report: Report): string {
  const { unjudged, total } = judgedCounts(report)
  if (unjudged.length === 0) return ''
  const more = unjudged.length > 1 ? `; and ${unjudged.length - 1} more` : ''
  return `Could not judge ${unjudged.length} of ${total} series (${unjudged[0].message}${more})`
}

/**
 * The headline of a report whose leak rows are already grouped and ranked.
 * With repeated runs the sentence starts with what the runs say ("Fails in
 * 3 of 3 runs.", "1 of 3 runs failed; not confirmed (2 needed).").
 */
export function decideHeadline(report: Report, leaks: LeakRow[]): Headline {
  const headline = singleHeadline(report, leaks)
  const runs = report.runs
  if (!runs || report.verdict === 'error') return headline
  const title =
    report.verdict === 'warn' && runs.failed > 0 && !runs.confirmed
      ? 'Leak not confirmed'
      : headline.title
  return { ...headline, title, sentence: `${runs.sentence} ${headline.sentence}` }
}

function singleHeadline(report: Report, leaks: LeakRow[]): Headline {
  const title = decideTitle(report)
  const series = seriesOf(report)
  const snapshots = snapshotsOf(report)
  if (report.verdict === 'error') {
    const internal = report.errors.filter((error) => error.internal).length
    const n = countProblems(report.errors) - internal
    if (internal > 0) {
      // A bug in leak-gate: what it could analyse is kept, and the verdict says it is incomplete.
      const inputs =
        n > 0
          ? ` and ${n} ${n === 1 ? 'problem' : 'problems'} with the inputs or the configuration`
          : ''
      return {
        title,
        sentence: `${internal} internal ${internal === 1 ? 'error' : 'errors'} in leak-gate${inputs}: part of the run was not analysed (see Errors); what was analysed is listed, and the verdict stays error (neither pass nor fail) until ${internal + n === 1 ? 'it is' : 'they are'} fixed.`
      }
    }
    return {
      title,
      sentence: `${n} ${n === 1 ? 'problem' : 'problems'} with the inputs or the configuration; nothing is claimed about leaks until they are fixed.`
    }
  }
  if (report.verdict === 'fail' || report.verdict === 'warn') {
    const unjudged = describeUnjudged(report)
    const worst = leaks[0]
    if (!worst) {
      // Nothing but series too short to judge: say so, never "no leak found".
      const { unjudged: list, total } = judgedCounts(report)
      const others = total - list.length
      const judged = [
        others > 0 ? `the other ${others} series` : '',
        snapshots.length ? `${snapshots.length} snapshot metrics` : ''
      ].filter(Boolean)
      const rest = judged.length ? `; no leak found in ${judged.join(' or ')}` : ''
      const first = list[0]
      return {
        title,
        sentence: `${unjudged}${rest}. Record longer or sample more often.`,
        ...(first ? { findingId: first.id, metric: first.metric } : {})
      }
    }
    const more =
      leaks.length > 1
        ? ` ${leaks.length - 1} more ${leaks.length === 2 ? 'unit leaks' : 'units leak'} (see the table).`
        : ''
    return {
      title,
      sentence: `${worst.sentence}${more}${unjudged ? ` ${unjudged}.` : ''}`,
      findingId: worst.decisiveId,
      metric: worst.metric
    }
  }
  const parts: string[] = []
  if (series.length) parts.push(`${series.length} series`)
  if (snapshots.length) parts.push(`${snapshots.length} snapshot metrics`)
  const histograms = report.classHistograms ?? []
  if (histograms.length)
    parts.push(
      `${histograms.reduce((n, t) => n + t.classes, 0)} classes of ${histograms.length} class histogram sequence${histograms.length > 1 ? 's' : ''}`
    )
  const spans = series
    .filter((s) => s.timeBase !== 'none' && s.start !== null && s.end !== null)
    .map((s) => (s.end ?? 0) - (s.start ?? 0))
  const longest = spans.length ? Math.max(...spans) : undefined
  const over = longest ? ` over ${formatDuration(longest)}` : ''
  const checked = parts.length ? `${parts.join(' and ')} checked${over}` : 'nothing to check'
  const suppressed = report.suppressed.length
  if (suppressed > 0) {
    // Never "none grows" over a leak that an `ignore:` entry hid.
    const names = [...new Set(report.suppressed.map((finding) => finding.metric))]
    const shown =
      names.slice(0, 4).join(', ') + (names.length > 4 ? `, and ${names.length - 4} more` : '')
    return {
      title,
      sentence: `${checked}: ${suppressed} ${suppressed === 1 ? 'finding' : 'findings'} on ${shown} suppressed by \`ignore:\` (see Suppressed); no other grows significantly beyond its tolerance.`
    }
  }
  return { title, sentence: `${checked}: none grows significantly beyond its tolerance.` }
}

/** Loads the hand-made Report fixtures of __fixtures__/report (see make-fixtures.mjs). */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Finding, Report, SeriesAnalysis } from '../../src/model.js'

const here = dirname(fileURLToPath(import.meta.url))

export const FIXTURE_NAMES = ['leak', 'healthy', 'snapshots', 'error'] as const

/**
 * `late-leak` is not made by make-fixtures.mjs: it is the real JSON report of
 * `leak-gate --format json examples/late-leak/artifacts` (growth only in the last half).
 */

/** A fresh copy of a fixture report (tests may mutate it). */
export function loadFixture(name: string): Report {
  return JSON.parse(
    readFileSync(join(here, '../../__fixtures__/report', `${name}.json`), 'utf8')
  ) as Report
}

/** Text an attacker controls in column names, log lines and messages. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  pipe: 'heap|used | x',
  backticks: 'rss```\n```js\nevil()',
  mention: '@org/team and @alice',
  marker: '<!-- leak-gate:default -->',
  close: 'end --> here',
  newline: 'first line\nsecond line\r\nthird'
}

/** The leak fixture with every artifact-derived string replaced by hostile text. */
export function hostileReport(): Report {
  const report = loadFixture('leak')
  const series = report.metrics[0] as SeriesAnalysis
  series.metric = `${HOSTILE.img}${HOSTILE.newline}`
  series.group = `${HOSTILE.pipe}${HOSTILE.mention}`
  series.file = `${HOSTILE.marker}.csv`
  series.explanation = `${HOSTILE.close} ${HOSTILE.backticks}`
  const finding: Finding = report.findings[0]
  finding.metric = HOSTILE.img
  finding.source = `${HOSTILE.pipe} ${HOSTILE.marker}`
  finding.message = `${HOSTILE.mention} look: ${HOSTILE.newline} ${HOSTILE.close} ${HOSTILE.backticks}`
  finding.evidence.threshold = `${HOSTILE.pipe} <script>alert(1)</script>`
  report.findings[1].metric = HOSTILE.backticks
  report.healthy.push(`${HOSTILE.marker} ${HOSTILE.mention} ${HOSTILE.img}`)
  report.notes.push(`log line: ${HOSTILE.newline} ${HOSTILE.close}`)
  report.errors.push({
    message: `docker_stats.csv:9: column "${HOSTILE.img}": found "${HOSTILE.pipe}", expected a size`
  })
  report.inputs[0].file = `${HOSTILE.backticks}|${HOSTILE.img}`
  report.inputs[0].note = HOSTILE.mention
  report.suppressed.push({
    ...report.findings[2],
    metric: HOSTILE.pipe,
    reason: `${HOSTILE.mention} said so ${HOSTILE.marker}`,
    until: HOSTILE.close
  })
  report.config = `${HOSTILE.img}.yml`
  return report
}

/** A report with `count` memory series (copies of the leak fixture's first series) and its findings. */
export function manySeriesReport(count: number): Report {
  const report = loadFixture('leak')
  const template = report.metrics[0] as SeriesAnalysis
  report.metrics = Array.from({ length: count }, (_, index) => ({
    ...template,
    id: `docker_stats.csv:MemUsage[worker-${index}]`,
    group: `worker-${index}`,
    status: index % 3 === 0 ? 'leak' : 'ok'
  }))
  return report
}

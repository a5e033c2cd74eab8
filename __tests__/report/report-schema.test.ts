/**
 * The JSON report's schema (`schema/leak-gate-report.schema.json`): the
 * published file is the one the code builds, every real report validates,
 * and what a hostile report may not hold is refused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { combineSections } from '../../src/publish/combine.js'
import { parseRelayedReport } from '../../src/publish/validate.js'
import { renderJson } from '../../src/report/json.js'
import { buildReportJsonSchema, reportProblems } from '../../src/report/report-schema.js'
import type { Report } from '../../src/model.js'

const examples = readdirSync('examples', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join('examples', entry.name, 'artifacts'))
  .filter((dir) => existsSync(dir))

const reports = new Map<string, Report>()

beforeAll(async () => {
  for (const dir of [...examples, join('__fixtures__', 'action', 'leak')]) {
    reports.set(
      dir,
      await runPipeline({ root: dir, workspace: dir, now: new Date('2026-11-25T00:00:00Z') })
    )
  }
})

describe('report schema', () => {
  it('is published as npm run schema writes it', () => {
    const published = JSON.parse(readFileSync('schema/leak-gate-report.schema.json', 'utf8'))
    expect(published).toEqual(buildReportJsonSchema())
    expect(published.$id).toMatch(/leak-gate-report\.schema\.json$/)
  })

  it('accepts the JSON report of every example, and a combined one with sections', () => {
    expect(reports.size).toBeGreaterThanOrEqual(10)
    for (const [dir, report] of reports) {
      expect({ dir, problems: reportProblems(JSON.parse(renderJson(report))) }).toEqual({
        dir,
        problems: []
      })
    }
    const [a, b] = [...reports.values()]
    const combined = combineSections(
      [
        { name: 'one', report: a },
        { name: 'two', report: b }
      ],
      'load-test-*'
    )
    expect(reportProblems(JSON.parse(renderJson(combined)))).toEqual([])
  })

  it.each([
    ['an unknown level', { findings: [{ level: '<img src=x>' }] }, /findings\[0\]\.level/],
    ['an unknown input format', { inputs: [{ format: 'html' }] }, /inputs\[0\]\.format/],
    ['a run id that is text', { base: { runId: '1 <b>x</b>' } }, /base\.runId/],
    ['a string past its bound', { notes: ['x'.repeat(20_000)] }, /notes\[0\]/],
    ['a version 2', { version: 2 }, /version/]
  ])('refuses %s, naming where, never quoting the value', (_what, spoil, where) => {
    const report = JSON.parse(renderJson([...reports.values()].find((r) => r.findings.length)!))
    for (const [key, value] of Object.entries(spoil)) {
      if (Array.isArray(value)) report[key][0] = { ...report[key][0], ...value[0] }
      else if (typeof value === 'object') report[key] = { ...report[key], ...value }
      else report[key] = value
    }
    if ('notes' in spoil) report.notes = spoil.notes
    const problems = reportProblems(report)
    expect(problems.join('\n')).toMatch(where)
    expect(problems.join('\n')).not.toMatch(/<img|<b>|xxxxxxxx/)
  })

  it('refuses a number JSON cannot hold (1e400 reads as Infinity), and text that is not JSON', () => {
    const text = renderJson([...reports.values()][0]).replace('"version": 1', '"version": 1e400')
    expect(parseRelayedReport(text)).toEqual({ problems: [expect.stringMatching(/version/)] })
    expect(parseRelayedReport('{"version": 1,')).toEqual({ problems: ['not valid JSON'] })
  })

  it('does not quote a hostile key in its message', () => {
    const report = JSON.parse(renderJson([...reports.values()].find((r) => r.findings.length)!))
    report.findings[0].evidence['<img src=x onerror=alert(1)>'] = { nested: true }
    const problems = reportProblems(report)
    expect(problems).toEqual([expect.stringMatching(/^findings\[0\]\.evidence\[…\]: /)])
  })

  it('drops keys it does not know', () => {
    const report = JSON.parse(renderJson([...reports.values()][0]))
    report.injected = '<img src=x>'
    const parsed = parseRelayedReport(JSON.stringify(report))
    expect('report' in parsed && 'injected' in parsed.report).toBe(false)
  })
})

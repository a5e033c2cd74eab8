/**
 * An internal error (a bug in leak-gate) met while analysing one series, one
 * check on one series or the snapshot pair is reported on that part, as an
 * error entry that says so; the rest of the report is still produced and the
 * verdict is `error` (exit 2), never a crash with no report and never a pass.
 * No real input is known to reach such a bug (each one found was fixed), so
 * one internal function is made to throw here, for one series only, through
 * Jest's ESM module mock; the input is a real example run (map-leak).
 */
import { jest } from '@jest/globals'
import { Writable } from 'node:stream'
import type { Report, Series } from '../../src/model.js'
import type { AnalysisContext } from '../../src/analyze/context.js'

/** Which part throws: a series' measurement, one check on one series, or the snapshot comparison. */
const fault: { series?: string; check?: string; snapshots?: boolean } = {}
/** Control characters and a long tail: the entry must be one bounded, printable line. */
const BUG = `Cannot read properties of undefined (reading 'slope')\u001b[31m\n${'x'.repeat(600)}`

/** The series a run of a check judges (the guard scopes a run; every series stays a witness). */
const judged = (context: AnalysisContext): AnalysisContext['series'] =>
  context.scope === undefined
    ? context.series
    : context.series.filter((detail) => context.scope!.series.has(detail.series.id))

const realSeries = await import('../../src/analyze/series-analysis.js')
jest.unstable_mockModule('../../src/analyze/series-analysis.js', () => ({
  ...realSeries,
  analyzeSeries: (series: Series, warmup: Parameters<typeof realSeries.analyzeSeries>[1]) => {
    if (series.metric === fault.series) throw new TypeError(BUG)
    return realSeries.analyzeSeries(series, warmup)
  }
}))
const realGrowth = await import('../../src/analyze/signatures/sustained-growth.js')
jest.unstable_mockModule('../../src/analyze/signatures/sustained-growth.js', () => ({
  ...realGrowth,
  detectSustainedGrowth: (context: AnalysisContext) => {
    if (judged(context).some((detail) => detail.series.metric === fault.check))
      throw new RangeError('Invalid array length')
    return realGrowth.detectSustainedGrowth(context)
  }
}))
const realSnapshots = await import('../../src/analyze/snapshot-analysis.js')
jest.unstable_mockModule('../../src/analyze/snapshot-analysis.js', () => ({
  ...realSnapshots,
  analyzeSnapshots: (...args: Parameters<typeof realSnapshots.analyzeSnapshots>) => {
    if (fault.snapshots) throw new Error('snapshot bug')
    return realSnapshots.analyzeSnapshots(...args)
  }
}))

const { runPipeline } = await import('../../src/pipeline.js')
const { runCli } = await import('../../src/cli/run.js')
const { reportProblems } = await import('../../src/report/report-schema.js')
const { parseRelayedReport } = await import('../../src/publish/validate.js')

const ROOT = 'examples/map-leak/artifacts'
const NOW = new Date('2026-11-26T00:00:00Z')

function analyse(root = ROOT): Promise<Report> {
  return runPipeline({ root, workspace: root, now: NOW })
}

function capture(): Writable & { text: string } {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      sink.text += String(chunk)
      done()
    }
  }) as Writable & { text: string }
  sink.text = ''
  return sink
}

const ids = (report: Report): string[] => report.findings.map((finding) => finding.id).sort()
/** The faulted series' own findings (post-test.json's rss is a snapshot metric: judged apart). */
const onRssSeries = (f: { metric: string; source: string }): boolean =>
  f.metric === 'rss' && f.source === 'memory.csv'

let clean: Report
beforeAll(async () => {
  clean = await analyse()
})
afterEach(() => {
  delete fault.series
  delete fault.check
  delete fault.snapshots
})

describe('an internal error in one part of the analysis', () => {
  it('the example judges cleanly without a fault (the comparison below means something)', () => {
    expect(clean.errors).toEqual([])
    expect(clean.verdict).toBe('fail')
    // both the faulted series and the others have findings to lose
    expect(clean.findings.some((f) => f.metric === 'rss' && f.source === 'memory.csv')).toBe(true)
    expect(clean.findings.some((f) => f.metric === 'heapUsed')).toBe(true)
  })

  it('in one series: an error entry on it, every other series still judged, verdict error', async () => {
    fault.series = 'rss'
    const report = await analyse()
    expect(report.verdict).toBe('error')
    expect(report.errors).toHaveLength(1)
    const [entry] = report.errors
    expect(entry).toMatchObject({ file: 'memory.csv', internal: true })
    expect(entry.message).toMatch(
      /^memory\.csv: series rss: internal error in leak-gate \(TypeError: Cannot read properties of undefined \(reading 'slope'\)\?\[31m\?x+… \(\d+ chars\)\), not a problem with the input; this series was not judged; the other series were, without it as a witness$/
    )
    expect([...entry.message].some((c) => c.charCodeAt(0) < 0x20)).toBe(false)
    expect(entry.message.length).toBeLessThan(400)
    // every finding but rss's own is still there, and rss is not claimed healthy
    const others = clean.findings.filter((f) => !onRssSeries(f)).map((f) => f.id)
    expect(ids(report)).toEqual(others.sort())
    const series = report.metrics.filter((m) => m.kind === 'series').map((m) => m.metric)
    expect(series).not.toContain('rss')
    expect(series).toContain('heapUsed')
    expect(report.healthy.join('\n')).not.toMatch(/^rss:/m)
    expect(report.presentation!.headline.title).toBe('Analysis incomplete')
    expect(report.presentation!.headline.sentence).toMatch(
      /^1 internal error in leak-gate: part of the run was not analysed/
    )
    expect(reportProblems(JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('in one check on one series: only that judgement is left out', async () => {
    fault.check = 'heapUsed'
    const report = await analyse()
    expect(report.verdict).toBe('error')
    expect(report.errors).toEqual([
      {
        file: 'memory.csv',
        internal: true,
        message:
          'memory.csv: series heapUsed, check sustained-growth: internal error in leak-gate (RangeError: Invalid array length), not a problem with the input; this check was not applied to this series; the other series and checks were'
      }
    ])
    const lost = (id: string): boolean => id.startsWith('sustained-growth:memory.csv:heapUsed')
    const kept = clean.findings.filter((f) => !lost(f.id)).map((f) => f.id)
    expect(kept.length).toBeLessThan(clean.findings.length) // a finding was really at stake
    expect(ids(report)).toEqual(kept.sort())
    // sustained-growth still judged the other series
    expect(report.findings.some((f) => f.signature === 'sustained-growth')).toBe(true)
    expect(report.healthy.join('\n')).not.toMatch(/^heapUsed:/m)
  })

  it('in one check on one series: the other series are judged beside it, as without the fault', async () => {
    // A native leak: rss is judged against heapUsed of the same process (the live heap is flat).
    const root = 'examples/native-leak-shrunk/artifacts'
    const before = await analyse(root)
    const witnessed = before.findings.filter(
      (f) => f.metric === 'rss' && f.evidence.liveHeapFlat !== undefined
    )
    expect(witnessed).toHaveLength(1)
    expect(witnessed[0].message).toMatch(/heapUsed \(the live heap\).*a native leak/)
    fault.check = 'heapUsed'
    const report = await analyse(root)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^memory\.csv: series heapUsed, check sustained-growth: internal error/)
    ])
    // every other finding, rss's witnessed one included, is what the run without the fault gives
    const lost = (f: { id: string }): boolean =>
      f.id.startsWith('sustained-growth:memory.csv:heapUsed')
    expect(report.findings).toEqual(before.findings.filter((f) => !lost(f)))
    // the faulted series is not called healthy; the snapshots' heapUsed and rss lines stay
    const ownLine = (line: string): boolean => line.startsWith('heapUsed: steady part')
    expect(before.healthy.some(ownLine)).toBe(true)
    expect(report.healthy).toEqual(before.healthy.filter((line) => !ownLine(line)))
  })

  it('in the snapshot comparison: the series are still judged', async () => {
    fault.snapshots = true
    const report = await analyse()
    expect(report.verdict).toBe('error')
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0].message).toBe(
      'post-test.json: snapshots baseline.json and post-test.json: internal error in leak-gate (snapshot bug), not a problem with the input; the baseline and post-test snapshots were not compared; the series were judged'
    )
    const seriesFindings = clean.findings.filter((f) => !f.source.endsWith('.json'))
    expect(seriesFindings.length).toBeGreaterThan(0)
    expect(ids(report)).toEqual(seriesFindings.map((f) => f.id).sort())
  })

  it('on the command line: exit 2, and text and markdown show the error with the other findings', async () => {
    fault.series = 'rss'
    const text = capture()
    const stderr = capture()
    expect(await runCli([ROOT], text, stderr)).toBe(2)
    expect(stderr.text).not.toMatch(/internal error: /) // not the crash line: a report
    expect(text.text).toMatch(/^leak-gate: ERROR · Analysis incomplete · 1 internal error$/m)
    expect(text.text).toMatch(/\n {2}✗ memory\.csv: series rss: internal error in leak-gate \(/)
    expect(text.text).toMatch(/rising-floor on heapUsed/)

    const markdown = capture()
    expect(await runCli(['--format', 'markdown', ROOT], markdown, capture())).toBe(2)
    expect(markdown.text).toMatch(/memory\.csv: series rss: internal error in leak-gate/)
    expect(markdown.text).toMatch(/1 internal error/)
    expect(markdown.text).toMatch(/heapUsed/)
    expect(markdown.text).not.toContain('\u001b')

    const json = capture()
    expect(await runCli(['--format', 'json', ROOT], json, capture())).toBe(2)
    delete fault.series
    const cleanJson = capture()
    expect(await runCli(['--format', 'json', ROOT], cleanJson, capture())).toBe(1)
    const report = JSON.parse(json.text) as Report
    expect(report.verdict).toBe('error')
    expect(report.errors[0].internal).toBe(true)
    // `mode: report` posts from this JSON: the mark survives the relayed report's check
    const relayed = parseRelayedReport(json.text)
    expect('report' in relayed && relayed.report.errors[0].internal).toBe(true)
    const before = (JSON.parse(cleanJson.text) as Report).findings
    expect(before.some(onRssSeries)).toBe(true)
    expect(ids(report)).toEqual(
      before
        .filter((f) => !onRssSeries(f))
        .map((f) => f.id)
        .sort()
    )
  })
})

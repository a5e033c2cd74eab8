/**
 * How the reports word `insufficient-data`: never "No leak found" nor "Possible
 * leak" when the only findings say series were too short; after the leak when a
 * real finding decides the headline.
 */
import type { Finding, Report } from '../../src/model.js'
import { describeHeadline, verdictTitle } from '../../src/report/describe.js'
import { renderHtml, renderMarkdown, renderText } from '../../src/report/index.js'
import { loadFixture } from './fixtures.js'

const short: Finding = {
  id: 'insufficient-data:broker_stats.csv:DELEGATES',
  signature: 'insufficient-data',
  metric: 'DELEGATES',
  source: 'broker_stats.csv',
  level: 'warn',
  message:
    'DELEGATES: 5 samples over 4 min after a 1 min warm-up, at least 6 needed to judge a trend',
  evidence: { samples: 5, needed: 6, threshold: 'at least 6 samples after warm-up' }
}

/** The healthy fixture (5 series) with one series too short to judge. */
function partlyJudged(): Report {
  const report = loadFixture('healthy')
  report.verdict = 'warn'
  report.findings = [short]
  return report
}

describe('insufficient-data in the reports', () => {
  it('titles a warn made only of unjudged series "Not enough data for some series"', () => {
    const report = partlyJudged()
    expect(verdictTitle(report)).toBe('Not enough data for some series')
    expect(describeHeadline(report)).toBe(
      `Could not judge 1 of 5 series (${short.message}); no leak found in the other 4 series. Record longer or sample more often.`
    )
    const text = renderText(report, { color: false })
    expect(text.split('\n')[0]).toBe(
      'leak-gate: WARN · Not enough data for some series · 1 finding (1 warn)'
    )
    expect(text).toContain('threshold: at least 6 samples after warm-up')
    expect(text).not.toMatch(/No leak found|Possible leak/)
    const markdown = renderMarkdown(report)
    expect(markdown).toContain('**Not enough data for some series:** Could not judge 1 of 5 series')
    expect(markdown).not.toMatch(/No leak found|Possible leak/)
    expect(renderHtml(report)).toContain('<h1 id="verdict">Not enough data for some series</h1>')
  })

  it('lets a leak decide the headline and adds what could not be judged', () => {
    const report = loadFixture('leak')
    report.findings.push({ ...short, metric: 'external', source: 'memory.jsonl' })
    const plain = loadFixture('leak')
    expect(verdictTitle(report)).toBe('Leak found')
    const headline = describeHeadline(report)
    expect(headline.startsWith(describeHeadline(plain))).toBe(true)
    expect(headline.endsWith(`Could not judge 1 of 3 series (${short.message}).`)).toBe(true)
  })

  it('ranks a leak warning before an unjudged series at the same level', () => {
    const report = partlyJudged()
    const warnLeak: Finding = {
      id: 'sustained-growth:docker_stats.csv[rules-processing]:MemUsage[rules-processing]',
      signature: 'sustained-growth',
      metric: 'MemUsage[rules-processing]',
      source: 'docker_stats.csv[rules-processing]',
      level: 'warn',
      message: 'MemUsage[rules-processing] grows; the live heap is flat',
      evidence: {}
    }
    report.findings = [short, warnLeak]
    expect(verdictTitle(report)).toBe('Possible leak')
    expect(describeHeadline(report)).toMatch(/^rules-processing: MemUsage grows/)
    expect(describeHeadline(report)).toMatch(/Could not judge 1 of 5 series/)
  })
})

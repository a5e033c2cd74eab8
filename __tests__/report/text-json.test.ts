import { renderJson, renderText } from '../../src/report/index.js'
import type { Report } from '../../src/model.js'
import { FIXTURE_NAMES, hostileReport, loadFixture } from './fixtures.js'

describe('renderText', () => {
  it.each(FIXTURE_NAMES)('%s matches its snapshot (no colour)', (name) => {
    const text = renderText(loadFixture(name), { color: false })
    expect(text).not.toContain('\u001b[')
    expect(text).toMatchSnapshot()
  })

  it('puts the verdict first and aligns the trend table', () => {
    const lines = renderText(loadFixture('leak'), { color: false }).split('\n')
    expect(lines[0]).toBe('leak-gate: FAIL · Leak found · 4 findings (4 fail)')
    const header = lines.findIndex((line) => line.startsWith('  metric  '))
    const slopeColumnEnd = lines[header].indexOf('slope/h') + 'slope/h'.length
    for (const row of lines.slice(header + 1, header + 4)) {
      // Right-aligned slope column: every value ends where the header ends.
      expect(row.slice(0, slopeColumnEnd)).toMatch(/MiB\/h$|KiB\/h$/)
    }
  })

  it('colours only when asked', () => {
    const text = renderText(loadFixture('leak'), { color: true })
    expect(text.split('\n')[0]).toBe(
      '\u001b[1m\u001b[31mleak-gate: FAIL\u001b[39m\u001b[22m · Leak found · 4 findings (4 fail)'
    )
  })

  it('lets no artifact text move the cursor or inject escapes', () => {
    const report = hostileReport()
    report.findings[0].message = 'evil \u001b[2J\u001b[H cleared\rback'
    const text = renderText(report, { color: false })
    expect(text).not.toContain('\u001b')
    expect(text).not.toContain('\r')
    expect(text).toContain('first line ↵ second line ↵ third')
  })
})

describe('renderJson', () => {
  it('prints the report with 2-space indent, SPEC key order and a final newline', () => {
    const report = loadFixture('snapshots')
    const shuffled = Object.fromEntries(Object.entries(report).reverse()) as unknown as Report
    const json = renderJson(shuffled)
    expect(json.endsWith('}\n')).toBe(true)
    expect(json.split('\n')[1]).toBe('  "version": 1,')
    expect(json.split('\n')[2]).toBe('  "verdict": "pass",')
    expect(JSON.parse(json)).toEqual(report)
    expect(renderJson(report)).toBe(json)
  })

  it('writes non-finite numbers as null', () => {
    const report = loadFixture('error')
    report.findings.push({
      id: 'x',
      signature: 'regression',
      metric: 'rss',
      source: 'memory.jsonl',
      level: 'warn',
      message: 'm',
      evidence: { ratio: Number.NaN as unknown as number }
    })
    expect(JSON.parse(renderJson(report)).findings[0].evidence.ratio).toBeNull()
  })
})

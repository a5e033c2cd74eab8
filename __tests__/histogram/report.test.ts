/**
 * The growing classes in every report format: the comment names a failing
 * class in its first screen, artifact text is escaped, and the JSON report
 * carries the table.
 */
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { renderHtml } from '../../src/report/html.js'
import { renderJson } from '../../src/report/json.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { reportProblems } from '../../src/report/report-schema.js'
import { renderText } from '../../src/report/text.js'
import type { Report } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const FIXTURES = join(import.meta.dirname, '../../__fixtures__/histograms')
afterAll(removeTempDirs)

async function jvmLeak(): Promise<Report> {
  const root = makeTempDir('histo-report')
  for (const i of [1, 2, 3])
    cpSync(join(FIXTURES, `jvm-leak/jcmd-${i}.txt`), join(root, `jcmd-${i}.txt`))
  writeFileSync(
    join(root, 'leak-gate.yml'),
    'histograms:\n  baseline: jcmd-1.txt\n  target: jcmd-2.txt\n  final: jcmd-3.txt\n  work: [13000, 31000, 53000]\n'
  )
  return runPipeline({ root, workspace: root, now: new Date('2026-12-05T12:00:00Z') })
}

describe('growing classes in the reports', () => {
  let report: Report
  beforeAll(async () => {
    report = await jvmLeak()
  })

  it('the PR comment names the leaking class in its first screen (first 40 lines)', () => {
    const markdown = renderMarkdown(report)
    const firstScreen = markdown.split('\n').slice(0, 40).join('\n')
    // the headline itself names the class ($ escaped so GitHub does not read it as math)
    expect(firstScreen).toContain(
      '**Leak found:** Leaky\\$Session: +18,000 objects in phase 1 and +22,000 in phase 2'
    )
    expect(firstScreen).toContain(
      '### Growing classes (jcmd GC.class\\_histogram / jmap -histo: jcmd-1.txt → jcmd-2.txt → jcmd-3.txt)'
    )
    const row = markdown.split('\n').find((line) => line.startsWith('| ❌ leak | Leaky\\$Session'))
    expect(row).toBe(
      '| ❌ leak | Leaky\\$Session | 13,000 (305 KiB) | 31,000 (727 KiB) | 53,000 (1.21 MiB) | +18,000 | +22,000 | 1 | grows in both phases, 1 per unit of work (phase 1: 1 per unit of work) |'
    )
  })

  it('the text and HTML reports show the same table; JSON carries it', () => {
    const text = renderText(report, { color: false })
    expect(text).toMatch(/❌ leak\s+Leaky\$Session\s+13,000 \(305 KiB\)/)
    const html = renderHtml(report)
    expect(html).toContain('<code>Leaky$Session</code>')
    const json = JSON.parse(renderJson(report))
    expect(json.classHistograms[0].rows[0]).toMatchObject({
      name: 'Leaky$Session',
      status: 'leak',
      growth: [18000, 22000]
    })
    expect(json.findings[0]).toMatchObject({
      signature: 'leaking-class',
      metric: 'Leaky$Session',
      level: 'fail'
    })
  })

  it('the JSON report with class histograms is a valid report (mode report relays it whole)', () => {
    const json = JSON.parse(renderJson(report))
    expect(reportProblems(json)).toEqual([])
    expect(reportProblems({ ...json, classHistograms: [{ tool: 'x' }] })).not.toEqual([])
  })

  it('class names from the artifact are escaped everywhere', async () => {
    const root = makeTempDir('histo-hostile')
    const hostile = (count: number) =>
      [
        ' num     #instances         #bytes  class name (module)',
        '-------------------------------------------------------',
        `   1:   ${count}   ${count * 24}  <img|src=x>@here\`x`,
        `   2:   10   240  java.lang.Object`,
        `Total   ${count + 10}   ${count * 24 + 240}`
      ].join('\n')
    writeFileSync(join(root, 'h-1.txt'), hostile(1000))
    writeFileSync(join(root, 'h-2.txt'), hostile(5000))
    writeFileSync(join(root, 'h-3.txt'), hostile(9000))
    const hostileReport = await runPipeline({
      root,
      workspace: root,
      now: new Date('2026-12-05T12:00:00Z')
    })
    expect(hostileReport.findings[0]?.metric).toBe('<img|src=x>@here`x')
    const markdown = renderMarkdown(hostileReport)
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toMatch(/(^|[^`\w])@here/)
    expect(renderHtml(hostileReport)).not.toContain('<img|')
  })
})

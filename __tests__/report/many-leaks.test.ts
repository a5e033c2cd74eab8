/**
 * 400 leaking containers, through the real pipeline: the comment stays under
 * GitHub's 65,536 characters with the verdict first, shows the worst
 * containers first (the soonest to hit their limit), counts the rest and
 * links the HTML report, which lists every one; the text report (what the
 * Actions log prints) starts with the verdict too.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { renderHtml, renderMarkdown, renderText } from '../../src/report/index.js'
import type { Report } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const CONTAINERS = 400
const SAMPLES = 40
const REPORT_URL = 'https://github.com/acme/api/actions/runs/1/artifacts/2'

/** docker stats of 400 containers sampled every 15 s for 10 min; container i grows (i + 1) MiB per sample. */
function writeDockerStats(dir: string): void {
  const lines = ['timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids']
  const start = Date.parse('2026-11-25T10:00:00Z')
  for (let t = 0; t < SAMPLES; t++) {
    const time = new Date(start + t * 15_000).toISOString()
    for (let c = 0; c < CONTAINERS; c++) {
      const mib = 100 + (c + 1) * t + (t % 3) * 0.5
      lines.push(`${time},svc-${c},1.00%,${mib.toFixed(1)}MiB / 8GiB,1.0%,0B / 0B,0B / 0B,5`)
    }
  }
  writeFileSync(join(dir, 'docker_stats.csv'), `${lines.join('\n')}\n`)
}

describe('400 leaking containers', () => {
  let report: Report
  beforeAll(async () => {
    const dir = makeTempDir('many-leaks')
    writeDockerStats(dir)
    report = await runPipeline({ root: dir, now: new Date('2026-11-25T12:00:00Z') })
  }, 120_000)
  afterAll(() => removeTempDirs())

  it('groups them into one row per container, worst first', () => {
    expect(report.verdict).toBe('fail')
    const leaks = report.presentation?.leaks ?? []
    expect(leaks).toHaveLength(CONTAINERS)
    // svc-399 grows fastest, so it reaches its 8 GiB limit first.
    expect(leaks[0].unit).toBe('svc-399')
    const hours = leaks.map((row) => row.limit?.hoursToLimit ?? Infinity)
    expect([...hours].sort((a, b) => a - b)).toEqual(hours)
  })

  it('keeps the comment under 65,536 characters, verdict first, worst 10 shown, the rest counted and linked', () => {
    const body = renderMarkdown(report, { reportUrl: REPORT_URL })
    expect(body.length).toBeLessThanOrEqual(65_536)
    const lines = body.split('\n')
    expect(lines[2]).toMatch(/^### ❌ leak-gate: fail · 400 leaking units · \d+ findings/)
    expect(lines[4]).toMatch(/^\*\*Leak found:\*\* svc-399: MemUsage grows/)
    expect(lines[4]).toContain('399 more units leak')
    const rows = lines.filter((line) => /^\| ❌ \| `svc-\d+` \|/.test(line))
    expect(rows).toHaveLength(10)
    expect(rows[0]).toContain('`svc-399`')
    expect(rows[9]).toContain('`svc-390`')
    expect(body).toContain(
      `_390 more leaking units, ranked the same way, in [the HTML report](${REPORT_URL})._`
    )
  })

  it('lists every leaking container in the HTML report', () => {
    const html = renderHtml(report)
    for (const name of ['svc-0', 'svc-200', 'svc-399'])
      expect(html).toContain(`<code>${name}</code>`)
  })

  it('prints the verdict first in the text report the log shows', () => {
    const text = renderText(report, { color: false })
    expect(text.split('\n')[0]).toMatch(/^leak-gate: FAIL · Leak found/)
    expect(text).toContain('… and 380 more leaking units')
  })
})

import { renderMarkdown } from '../../src/report/markdown.js'
import { readHiddenData } from '../../src/report/escape.js'
import type { MarkdownContext } from '../../src/report/types.js'
import { FIXTURE_NAMES, HOSTILE, hostileReport, loadFixture, manySeriesReport } from './fixtures.js'

const CONTEXT: MarkdownContext = {
  key: 'default',
  artifactName: 'memory-run',
  runUrl: 'https://github.com/acme/api/actions/runs/12873409999',
  reportUrl: 'https://github.com/acme/api/actions/runs/12873409999/artifacts/4242',
  commandLine: 'npx leak-gate --config .github/leak-gate.yml artifacts'
}

/** Lines of the Markdown tables in a body, grouped per table. */
function tables(body: string): string[][] {
  const groups: string[][] = []
  let current: string[] = []
  for (const line of body.split('\n')) {
    if (line.startsWith('|')) current.push(line)
    else if (current.length) {
      groups.push(current)
      current = []
    }
  }
  if (current.length) groups.push(current)
  return groups
}

/** Cell separators: pipes not escaped with a backslash. */
function separators(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length
}

/** Every `<` that starts a tag or comment must be one of ours. */
const OUR_TAGS =
  /^<(\/?(details|summary|sub|b|br)( open)?>|!-- leak-gate:default -->|!-- leak-gate-data:)/

describe('renderMarkdown on the fixtures', () => {
  it.each(FIXTURE_NAMES)('%s matches its snapshot', (name) => {
    expect(renderMarkdown(loadFixture(name), CONTEXT)).toMatchSnapshot()
  })

  it('starts with the marker, then the verdict line with counts, artifact and run', () => {
    const lines = renderMarkdown(loadFixture('leak'), CONTEXT).split('\n')
    expect(lines[0]).toBe('<!-- leak-gate:default -->')
    expect(lines[2]).toBe(
      '### ❌ leak-gate: fail · 4 findings (4 fail) · artifact `memory-run` · ' +
        '[workflow run](https://github.com/acme/api/actions/runs/12873409999) · ' +
        '[HTML report](https://github.com/acme/api/actions/runs/12873409999/artifacts/4242)'
    )
  })

  it('says what leaked, how fast, since when and how sure', () => {
    const body = renderMarkdown(loadFixture('leak'), CONTEXT)
    // The live heap's finding speaks first; the OOM risk of the container is added to it.
    expect(body).toContain(
      '**Leak found:** api: heapUsed grows +2.09 KiB per request (MemUsage +150 MiB/h over 40 min, p &lt; 0.001); ' +
        'MemUsage reaches its 1 GiB limit in 4 h 44 min at this rate.'
    )
    // One row for the container and the process in it, the rest of its findings folded.
    expect(body).toContain(
      '| ❌ | `api` | heapUsed +2.09 KiB per request | 1 GiB in 4 h 44 min | MemUsage +150 MiB/h over 40 min |'
    )
    // A 40 min window is shorter than an hour: its times carry seconds.
    expect(body).toContain(
      '| 10:19:00 → 10:58:55 UTC (40 min; warm-up 5 min excluded) | 117 MiB → 311 MiB | +150 MiB/h<br><sub>+147 … +153 MiB/h</sub>'
    )
    expect(body).toContain('<summary>How to read this table</summary>')
  })

  it('takes the headline from the decisive finding, never from a window that did not decide', () => {
    // Recorded with `leak-gate --format json examples/late-leak/artifacts`: rss grows only in
    // the last half of its steady window (+3.12 GiB/h, p = 0.17 over the whole window).
    const report = loadFixture('late-leak')
    const body = renderMarkdown(report, CONTEXT)
    const headline = body.split('\n').find((line) => line.startsWith('**Leak found:**')) ?? ''
    // 35 s measured: the growth over the window, not a rate projected to an hour.
    expect(headline).toBe(
      '**Leak found:** late-leak-web-1: heapUsed grows +1.67 KiB per request (+28.3 MiB over the 35 s measured, p = 0.001), ' +
        '1.09 KiB per request kept after a forced collection; ' +
        'MemUsage reaches its 1 GiB limit in 6 min 56 s at this rate.'
    )
    expect(headline).not.toContain('/h')
    // Its numbers are the finding's own.
    const finding = report.findings.find((f) => f.id === 'sustained-growth:memory.csv:heapUsed')
    expect(finding?.message).toContain('+2.86 GiB/h')
    expect(finding?.message).toContain('p = 0.001')
    expect(body).not.toContain('3.12 GiB')
    expect(body).not.toContain('p = 0.17')
    // The rss row shows the window that decided it, with that window's numbers.
    expect(body).toContain(
      '| `rss`<br><sub>memory.csv</sub> | 04:41:25 → 04:41:43 UTC (last 17 s of the 35 s steady window; warm-up 9 s excluded) | 104 MiB → 131 MiB | +7.49 GiB/h<br><sub>+3.78 … +9.66 GiB/h</sub> | +3.32 GiB/h (p = 0.26, whole steady window) | p < 0.001 |'
    )
  })

  it('speaks for a late leak with the last-half window when that finding decides', () => {
    const report = loadFixture('late-leak')
    report.findings = report.findings.filter((f) => f.metric === 'rss')
    const body = renderMarkdown(report, CONTEXT)
    expect(body).toContain(
      '**Leak found:** late-leak-web-1: rss grows +1.82 KiB per request (+36.8 MiB over the 17 s measured, p &lt; 0.001), 1,023 B per request kept after the load.'
    )
    expect(body).toContain('judged on the last 17 s (from 26 s on), where the growth starts')
  })

  it('shows the steady window when the analysis names no narrower one (nothing is read back from text)', () => {
    // An analysis without trendWindow: the series holds the whole steady window's figures,
    // and the evidence's formatted window times are not parsed back into numbers.
    const report = loadFixture('late-leak')
    delete report.presentation
    const rss = report.metrics.find((m) => m.kind === 'series' && m.metric === 'rss')
    if (rss?.kind !== 'series') throw new Error('no rss series')
    delete rss.trendWindow
    delete rss.trendWindowStart
    for (const finding of report.findings) finding.evidence.windowStart = 'not a time'
    const body = renderMarkdown(report, CONTEXT)
    expect(body).toContain(
      '| `rss`<br><sub>memory.csv</sub> | 04:41:08 → 04:41:43 UTC (35 s; warm-up 9 s excluded) |'
    )
  })

  it('shows seconds for short runs and keeps HH:MM for long ones', () => {
    const short = renderMarkdown(loadFixture('late-leak'), CONTEXT)
    expect(short).toContain('| 04:41:08 → 04:41:43 UTC (35 s; warm-up 9 s excluded) |')
    expect(short).toContain(
      '  x-axis "seconds since 04:40:59 UTC, warm-up until 8.75 s excluded" 0 --> 43.5'
    )
    expect(short).not.toMatch(/x-axis "minutes/)
    const long = renderMarkdown(loadFixture('healthy'), CONTEXT)
    expect(long).toContain('| 13:17 → 16:52 UTC (3 h 34 min; warm-up 12 min excluded) |')
    expect(long).toContain('  x-axis "hours since 13:05 UTC')
  })

  it('charts no constant series, and says so in one line', () => {
    const body = renderMarkdown(loadFixture('late-leak'), CONTEXT)
    expect(body).not.toContain('<b>external</b>')
    expect(body).toContain('<sub>Not charted, constant after warm-up: external at 1.88 MiB.</sub>')
    expect(body.match(/```mermaid/g)).toHaveLength(3)
  })

  it('shows the snapshot table as the seed report does, with per-tenant cost', () => {
    const body = renderMarkdown(loadFixture('snapshots'), CONTEXT)
    expect(body).toContain(
      '| `heapUsed` | 88.2 MiB | 104 MiB | +15.9 MiB | +18.0% | +325 KiB per tenant (50 tenants) | 🟢 ok |'
    )
    expect(body).toContain('| `rss` | 150 MiB | 92.2 MiB | -57.6 MiB | -38.5% |')
    expect(body).toContain('### Suppressed')
    expect(body).toContain('2026-06-30')
  })

  it('explains a healthy run and charts its memory series only', () => {
    const body = renderMarkdown(loadFixture('healthy'), CONTEXT)
    const lines = body.split('\n')
    // Verdict, headline, then the strongest reasons, before any table.
    expect(lines[4]).toBe(
      '**No leak found:** 5 series checked over 3 h 46 min: none grows significantly beyond its tolerance.'
    )
    expect(lines[6]).toMatch(/^- ✅ MemUsage \(rules-processing\): no growth\./)
    expect(lines[7]).toMatch(/^- ✅ brokers: 5,300 created, 5,298 collected \(99\.96 %\)/)
    // No leak, no leak table, and the evidence stays folded: a healthy run stays short.
    expect(body).not.toContain('### What leaks')
    expect(body).toMatch(/<details>\n<summary>🔎 <b>All the evidence<\/b>/)
    expect(body.indexOf('- ✅ brokers')).toBeLessThan(body.indexOf('### Trends'))
    expect(body).not.toContain('### Why the healthy metrics are healthy')
    expect(body).toContain('🟢 ok · counter (rises by design)')
    expect(body.match(/```mermaid/g)).toHaveLength(1)
  })

  it('lists errors one per line and the base warning', () => {
    const body = renderMarkdown(loadFixture('error'), CONTEXT)
    expect(body).toContain('### ⛔ leak-gate: error · 3 input errors')
    expect(body).toContain(
      '- docker\\_stats.csv:42: column "MemUsage": found "n/a", expected a size like "293.7MiB"'
    )
    expect(body).toContain('⚠️ no successful run of the base branch main')
  })

  it('keeps every Mermaid line at 60 points or fewer with an explicit axis', () => {
    const body = renderMarkdown(loadFixture('healthy'), CONTEXT)
    const lines = body.split('\n').filter((line) => line.startsWith('  line ['))
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line.split(',').length).toBe(60)
    expect(body).toContain(
      '  x-axis "hours since 13:05 UTC, warm-up until 0.2 h excluded" 0 --> 3.77'
    )
    expect(body).toContain('  y-axis "MiB" 200 --> 320')
  })
})

describe('history, key and hidden data', () => {
  it('marks new, still-there and fixed findings', () => {
    const report = loadFixture('leak')
    const body = renderMarkdown(report, {
      ...CONTEXT,
      history: {
        newIds: [report.findings[3].id],
        fixed: [
          {
            id: 'rising-floor:memory.jsonl:rss',
            signature: 'rising-floor',
            metric: 'rss',
            source: 'memory.jsonl'
          }
        ]
      }
    })
    expect(body).toContain(
      '- 🆕 **New since the last push:** `per-work-cost` on `heapUsed` (memory.jsonl)'
    )
    expect(body).toContain('- 🔁 **Still there:** `sustained-growth` on `MemUsage[api]`')
    expect(body).toContain(
      '- 🎉 **Fixed since the last push:** `rising-floor` on `rss` (memory.jsonl)'
    )
    expect(body).toContain('| ❌ fail 🆕 | `per-work-cost` |')
  })

  it('uses the key in the marker and stores hidden data that reads back', () => {
    const data = JSON.stringify({ ids: ['a --> b', '<!-- leak-gate:x -->'] })
    const body = renderMarkdown(loadFixture('healthy'), { key: 'shard 1', hiddenData: data })
    expect(body.startsWith('<!-- leak-gate:shard-1 -->\n')).toBe(true)
    expect(body.trimEnd().split('\n').pop()).toMatch(/^<!-- leak-gate-data:[A-Za-z0-9+/=]+ -->$/)
    expect(readHiddenData(body)).toBe(data)
  })

  it('renders matrix sections under their own heading', () => {
    const top = loadFixture('leak')
    top.sections = [
      { name: 'shard-a', report: loadFixture('healthy') },
      { name: 'shard-b', report: loadFixture('snapshots') }
    ]
    const body = renderMarkdown(top, CONTEXT)
    expect(body).toContain('### 📦 shard-a: ✅ pass, no findings')
    expect(body).toContain('### 📦 shard-b: ✅ pass, no findings')
    expect(body).toContain('#### Baseline vs post-test')
    expect(body.match(/```mermaid/g)).toHaveLength(4)
  })
})

describe('hostile artifact text', () => {
  const body = renderMarkdown(hostileReport(), { ...CONTEXT, hiddenData: 'x' })

  it('contains no HTML but our own tags', () => {
    const tags = body.match(/<[^\s]/g) ?? []
    expect(tags.length).toBeGreaterThan(0)
    for (const match of body.matchAll(/<[^\s]/g)) {
      expect(body.slice(match.index)).toMatch(OUR_TAGS)
    }
    expect(body).not.toContain('<img')
    expect(body).not.toContain('<script')
  })

  it('has exactly one marker, first, and no stray comment terminators', () => {
    expect(body.indexOf('<!-- leak-gate:')).toBe(0)
    expect(body.lastIndexOf('<!-- leak-gate:')).toBe(0)
    const mermaidAxes = (body.match(/ --> -?\d/g) ?? []).length
    expect(body.match(/-->/g)).toHaveLength(2 + mermaidAxes)
    expect(mermaidAxes).toBe(6)
  })

  it('mentions nobody', () => {
    expect(body).not.toMatch(/@[A-Za-z0-9]/)
    expect(body).toContain('@&#8203;org/team')
  })

  it('keeps every table row whole', () => {
    const groups = tables(body)
    expect(groups.length).toBeGreaterThanOrEqual(4)
    for (const group of groups) {
      const expected = separators(group[0])
      for (const line of group) expect(separators(line)).toBe(expected)
    }
  })

  it('keeps multi-line names and log lines on their own row', () => {
    const rows = body
      .split('\n')
      .filter((line) => line.includes('first line') && !line.startsWith('  title '))
    expect(rows.length).toBeGreaterThanOrEqual(4)
    for (const row of rows) expect(row).toContain('first line ↵ second line ↵ third')
    expect(rows.filter((row) => row.startsWith('|')).length).toBeGreaterThanOrEqual(2)
    expect(body.split('\n').some((line) => line.startsWith('second line'))).toBe(false)
  })

  it('keeps the code fences closed and Mermaid labels plain', () => {
    const fences = body.split('\n').filter((line) => /^\s*```/.test(line))
    expect(fences.length % 2).toBe(0)
    const titles = body.split('\n').filter((line) => line.startsWith('  title '))
    for (const title of titles) expect(title).toMatch(/^ {2}title "[\p{L}\p{N} ._\-:/()%,+=…]*"$/u)
  })
})

describe('truncation', () => {
  it('keeps a 500-series report under 65,536 characters with the verdict and findings', () => {
    const report = manySeriesReport(500)
    const body = renderMarkdown(report, CONTEXT)
    expect(body.length).toBeLessThanOrEqual(65_536)
    const lines = body.split('\n')
    expect(lines[0]).toBe('<!-- leak-gate:default -->')
    expect(lines[2]).toMatch(
      /^### ❌ leak-gate: fail · (\d+ leaking units · )?4 findings \(4 fail\)/
    )
    for (const finding of report.findings) expect(body).toContain(`| \`${finding.signature}\` |`)
    const note =
      /> ✂️ cut to fit GitHub's comment limit: (\d+) series, 500 charts not shown; see \[the HTML report\]/.exec(
        body
      )
    expect(note).not.toBeNull()
    const shown = body.match(/\| `MemUsage` · worker-/g)?.length ?? 0
    expect(shown + Number(note?.[1])).toBe(500)
    // Most of the room is used: the body is not cut far below the limit.
    expect(body.length).toBeGreaterThan(60_000)
    expect(shown).toBeGreaterThan(150)
    // The note comes right after the findings, before the tables it speaks of.
    expect(body.indexOf('✂️ cut')).toBeLessThan(body.indexOf('### Trends'))
    expect(body).not.toContain('```mermaid')
  })

  it('drops charts before table rows', () => {
    const report = manySeriesReport(30)
    const full = renderMarkdown(report, CONTEXT)
    const body = renderMarkdown(report, { ...CONTEXT, maxLength: full.length - 1 })
    expect(body.length).toBeLessThan(full.length)
    expect(body).toContain('charts not shown')
    expect(body).not.toMatch(/cut to fit[^\n]*\d+ series, /)
    expect(body.match(/\| `MemUsage` · worker-/g)).toHaveLength(30)
  })

  it('cuts findings last, and says so, when they alone are too long', () => {
    const report = manySeriesReport(10)
    const template = report.findings[0]
    report.findings = Array.from({ length: 1000 }, (_, index) => ({
      ...template,
      id: `f${index}`,
      metric: `m${index}`
    }))
    const body = renderMarkdown(report, { ...CONTEXT, hiddenData: 'ids' })
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body.split('\n')[2]).toMatch(/^### ❌ leak-gate: fail · 1000 findings \(1000 fail\)/)
    expect(body).toMatch(/cut to fit GitHub's comment limit: \d+ findings, /)
    expect(body).toContain('| `m0` |')
    expect(readHiddenData(body)).toBe('ids')
  })

  it('honours a tiny maxLength', () => {
    const body = renderMarkdown(loadFixture('leak'), { ...CONTEXT, maxLength: 300 })
    expect(body.length).toBeLessThanOrEqual(300)
    expect(body.startsWith('<!-- leak-gate:default -->')).toBe(true)
    expect(body).toContain('✂️ cut')
  })
})

it('escapes the hostile group name inside the chart summary', () => {
  const body = renderMarkdown(hostileReport(), CONTEXT)
  expect(body).toContain('heap|used | x@&#8203;org/team and @&#8203;alice')
  expect(body).not.toContain(HOSTILE.marker.slice(0, 15) + 'default -->.csv')
})

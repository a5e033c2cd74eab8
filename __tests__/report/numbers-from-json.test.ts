/**
 * Analysis decides, renderers only format: every number a reviewer reads in
 * the comment or the HTML report is a number of the JSON report (the same
 * value, rounded for display), never one a renderer computed on its own.
 * This walks every number of the rendered text and finds it in the JSON.
 *
 * Left out on purpose: the charts (Mermaid and SVG axes and downsampled
 * points are layout, drawn from `metrics[].chart` and `presentation.views`),
 * the hidden data comment, and the fixed prose of "How to read this table".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderHtml, renderMarkdown } from '../../src/report/index.js'
import type { Report } from '../../src/model.js'
import type { MarkdownContext } from '../../src/report/types.js'
import { withPresentation } from '../../src/analyze/presentation.js'
import { runPipeline } from '../../src/pipeline.js'
import { FIXTURE_NAMES, loadFixture } from './fixtures.js'

const CONTEXT: MarkdownContext = {
  key: 'default',
  artifactName: 'memory-run',
  runUrl: 'https://github.com/acme/api/actions/runs/12873409999',
  reportUrl: 'https://github.com/acme/api/actions/runs/12873409999/artifacts/4242',
  commandLine: 'npx --yes github:acme/leak-gate#v1 artifacts'
}

const BYTES: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4
}
const MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }

/** Every number of a JSON value, and every count a renderer may show (array lengths, items per kind/level). */
function numbersOf(value: unknown, out: Set<number>): void {
  if (typeof value === 'number' && Number.isFinite(value)) out.add(value)
  else if (Array.isArray(value)) {
    out.add(value.length)
    const byField = new Map<string, number>()
    for (const item of value) {
      numbersOf(item, out)
      if (item && typeof item === 'object')
        for (const [key, field] of Object.entries(item as Record<string, unknown>))
          if (typeof field === 'string')
            byField.set(`${key}=${field}`, (byField.get(`${key}=${field}`) ?? 0) + 1)
    }
    for (const count of byField.values()) out.add(count)
  } else if (value && typeof value === 'object') {
    // Chart points are drawn, not written: leaving them out keeps the match strict.
    for (const [key, field] of Object.entries(value as Record<string, unknown>))
      if (key !== 'chart' && key !== 'trend') numbersOf(field, out)
  }
}

/** The text a reader sees, without charts, comments and the fixed explanation. */
function readableMarkdown(body: string): string {
  return body
    .replace(/```mermaid[\s\S]*?```/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<details>\n<summary>How to read this table<\/summary>[\s\S]*?<\/details>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function readableHtml(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<p class="muted small">Slope: Theil–Sen[\s\S]*?<\/p>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&#8203;/g, '')
}

interface Token {
  text: string
  value: number
  /** Half the last shown digit, in the value's unit: how far rounding may have moved it. */
  slack: number
  kind: 'bytes' | 'ms' | 'percent' | 'clock' | 'plain'
  bound: boolean
}

const TOKEN =
  /(?<![\w.:/#-])(<\s*)?[+\-±]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(KiB|MiB|GiB|TiB|B|%|ms|s|min|h|d)(?![\w]))?(?:\s(\d+)\s(h|min|s)(?![\w]))?/g
const CLOCK = /(?<![\w.])(\d\d):(\d\d)(?::(\d\d))?(?![\d])/g

/** `+147 … +153 MiB/h`: the first bound carries the unit of the second. */
const INTERVAL =
  /([+\-±]?[\d,]+(?:\.\d+)?) … ([+\-±]?[\d,]+(?:\.\d+)?)\s?(KiB|MiB|GiB|TiB|B|%)(?![\w])/g

function tokens(text: string): Token[] {
  const out: Token[] = []
  const prose = text
    .replace(/95 % CI/g, 'CI')
    .replace(INTERVAL, (_match, low, high, unit) => `${low} ${unit} … ${high} ${unit}`)
  const withoutClocks = prose.replace(CLOCK, (match, h, m, sec) => {
    const ms = ((Number(h) * 60 + Number(m)) * 60 + Number(sec ?? 0)) * 1000
    out.push({
      text: match,
      value: ms,
      slack: sec === undefined ? 60_000 : 1000,
      kind: 'clock',
      bound: false
    })
    return ' '
  })
  // ISO dates (suppression expiry, base run) are compared as text.
  const rest = withoutClocks.replace(/\d{4}-\d\d-\d\d/g, ' ')
  for (const match of rest.matchAll(TOKEN)) {
    const [text, bound, whole, decimals, unit, more, moreUnit] = match
    const digits = Number(`${whole.replace(/,/g, '')}${decimals ? `.${decimals}` : ''}`)
    const step = decimals ? 10 ** -decimals.length / 2 : 0.5
    if (unit && unit in BYTES)
      out.push({
        text,
        value: digits * BYTES[unit],
        slack: Math.max(step * BYTES[unit], digits * BYTES[unit] * 0.006),
        kind: 'bytes',
        bound: !!bound
      })
    else if (unit && unit in MS) {
      const extra = more ? Number(more) * MS[moreUnit] : 0
      const smallest = more ? MS[moreUnit] : MS[unit]
      out.push({
        text,
        value: digits * MS[unit] + extra,
        slack: Math.max(step * smallest, smallest / 2),
        kind: 'ms',
        bound: !!bound
      })
    } else if (unit === '%')
      out.push({ text, value: digits, slack: step, kind: 'percent', bound: !!bound })
    else
      out.push({
        text,
        value: digits,
        slack: Math.max(step, digits * 0.006),
        kind: 'plain',
        bound: !!bound
      })
  }
  return out
}

/** Whether the JSON report holds the number a token shows. */
function found(token: Token, numbers: number[], json: string): boolean {
  if (json.includes(token.text.trim())) return true
  const near = (candidate: number): boolean =>
    token.bound
      ? Math.abs(candidate) < token.value
      : Math.abs(Math.abs(candidate) - token.value) <= token.slack
  switch (token.kind) {
    case 'clock':
      return numbers.some((n) => n > 1e6 && near(((n % 86_400_000) + 86_400_000) % 86_400_000))
    case 'ms':
      // durations are stored in ms, minutes (`windowMinutes`) or hours (`hoursToLimit`)
      return numbers.some((n) => near(n) || near(n * 60_000) || near(n * 3_600_000))
    default:
      return numbers.some(near)
  }
}

function missingNumbers(report: Report, text: string): string[] {
  const json = JSON.stringify({ report, context: CONTEXT })
  const set = new Set<number>()
  numbersOf(report, set)
  const numbers = [...set]
  return tokens(text)
    .filter((token) => !found(token, numbers, json))
    .map((token) => token.text)
}

/** A config asking for confirmation across runs, outside the artifact. */
const runsDir = mkdtempSync(join(tmpdir(), 'leak-gate-numbers-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))
function runsConfig(): string {
  writeFileSync(join(runsDir, 'leak-gate.yml'), 'runs:\n  confirm: majority\n')
  return join(runsDir, 'leak-gate.yml')
}

const reports: Array<[string, () => Promise<Report>]> = [
  ...FIXTURE_NAMES.map((name): [string, () => Promise<Report>] => [
    `fixture ${name}`,
    async () => withPresentation(loadFixture(name))
  ]),
  ['fixture late-leak', async () => withPresentation(loadFixture('late-leak'))],
  [
    'examples/map-leak through the pipeline',
    () =>
      runPipeline({ root: 'examples/map-leak/artifacts', now: new Date('2026-12-05T12:00:00Z') })
  ],
  [
    'repeated runs (runs: majority) through the pipeline',
    () =>
      runPipeline({
        root: '__fixtures__/pipeline/repeated-runs/appended-one-leak',
        configPath: runsConfig(),
        configAnywhere: true,
        now: new Date('2026-12-05T12:00:00Z')
      })
  ],
  [
    'examples/healthy through the pipeline',
    () => runPipeline({ root: 'examples/healthy/artifacts', now: new Date('2026-12-05T12:00:00Z') })
  ]
]

describe('every number shown is a number of the JSON report', () => {
  it.each(reports)('%s: the comment', async (_name, make) => {
    const report = await make()
    // The JSON artifact round trip: what `mode: report` renders from.
    const relayed = JSON.parse(JSON.stringify(report)) as Report
    const body = renderMarkdown(relayed, CONTEXT)
    expect(body).toBe(renderMarkdown(report, CONTEXT))
    expect(missingNumbers(relayed, readableMarkdown(body))).toEqual([])
  })

  it.each(reports)('%s: the HTML report', async (_name, make) => {
    const report = await make()
    const html = renderHtml(report, { commandLine: CONTEXT.commandLine })
    expect(missingNumbers(report, readableHtml(html))).toEqual([])
  })

  it('notices a number the JSON does not hold', () => {
    const report = withPresentation(loadFixture('leak'))
    expect(missingNumbers(report, 'grows +777 MiB in 13 min 7 s')).toEqual([
      '+777 MiB',
      '13 min 7 s'
    ])
  })
})

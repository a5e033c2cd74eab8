/**
 * What a person would see: each fixture's HTML report rendered in headless
 * Chromium (charts present, verdict visible, nothing in the console, no
 * network), and every Mermaid block of the comment parsed and rendered by
 * the real `mermaid` package in the same browser (its parser needs a DOM).
 * Skipped only when /usr/bin/chromium is absent; CI installs Debian's chromium.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { renderHtml, renderMarkdown } from '../../src/report/index.js'
import type { Report } from '../../src/model.js'
import { isConstant } from '../../src/report/describe.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'
import { FIXTURE_NAMES, HOSTILE, hostileReport, loadFixture } from './fixtures.js'

const CHROMIUM = '/usr/bin/chromium'
const haveChromium = existsSync(CHROMIUM)
const require = createRequire(import.meta.url)
const MERMAID = require.resolve('mermaid/dist/mermaid.min.js')

if (!haveChromium) {
  console.warn(
    `browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it)`
  )
}
const describeBrowser = haveChromium ? describe : describe.skip

/** Series that have a chart (constant ones get a line instead): each must get one SVG. */
function chartCount(report: Report): number {
  return report.metrics.filter(
    (metric) => metric.kind === 'series' && metric.chart.x.length >= 2 && !isConstant(metric)
  ).length
}

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((match) => match[1])
}

describeBrowser('in headless Chromium', () => {
  let browser: Browser
  let page: Page
  let problems: string[]
  let requests: string[]
  let shots: string

  beforeAll(async () => {
    shots = makeTempDir('report')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    removeTempDirs()
  })

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    problems = []
    requests = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    page.on('request', (request) => {
      if (!/^(data|about):/.test(request.url())) requests.push(request.url())
    })
  })

  afterEach(async () => {
    await page.close()
  })

  it.each(FIXTURE_NAMES)(
    'shows the %s report with its charts and verdict, offline and error-free',
    async (name) => {
      const report = loadFixture(name)
      const html = renderHtml(report)
      const file = join(shots, `${name}.html`)
      writeFileSync(file, html)
      await page.goto(`file://${file}`)
      const verdict = page.locator('#verdict')
      await expect(verdict.isVisible()).resolves.toBe(true)
      const titles = {
        leak: 'Leak found',
        healthy: 'No leak found',
        snapshots: 'No leak found except suppressed ones',
        error: 'Could not analyse'
      }
      await expect(verdict.textContent()).resolves.toBe(titles[name])
      await expect(page.locator('svg.chart').count()).resolves.toBe(chartCount(report))
      // Every chart draws a values line with real points, inside its box.
      const lines = await page.locator('svg.chart polyline.values').evaluateAll((nodes) =>
        nodes.map((node) => {
          const box = (
            node as unknown as { getBBox(): { width: number; height: number } }
          ).getBBox()
          return {
            points: (node.getAttribute('points') ?? '').split(' ').length,
            width: box.width,
            height: box.height
          }
        })
      )
      for (const line of lines) {
        expect(line.points).toBeGreaterThan(40)
        expect(line.width).toBeGreaterThan(500)
      }
      await page.screenshot({
        path: join(shots, `${name}.png`),
        fullPage: true
      })
      expect(problems).toEqual([])
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([])
    }
  )

  it('shows hostile text as text: no element, no script, no dialog', async () => {
    await page.setContent(renderHtml(hostileReport()))
    await expect(page.locator('body img, body script, body iframe').count()).resolves.toBe(0)
    const metric = await page
      .locator('table')
      .first()
      .locator('tbody tr')
      .first()
      .locator('td')
      .nth(2)
      .textContent()
    expect(metric).toBe(HOSTILE.img)
    await expect(page.locator('body').textContent()).resolves.toContain(
      'first line ↵ second line ↵ third'
    )
    expect(problems).toEqual([])
  })

  it('parses and renders every Mermaid chart of the comments', async () => {
    const blocks = [...FIXTURE_NAMES.map(loadFixture), hostileReport()].flatMap((report) =>
      mermaidBlocks(renderMarkdown(report))
    )
    expect(blocks.length).toBe(3 + 1 + 0 + 0 + 3)
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>')
    await page.addScriptTag({ path: MERMAID })
    const results = await page.evaluate(async (texts) => {
      // Runs in the page; typed by hand because the project compiles without the DOM lib.
      const { mermaid, document } = globalThis as unknown as {
        document: {
          createElement(tag: string): {
            innerHTML: string
            querySelectorAll(selector: string): { length: number }
          }
        }
        mermaid: {
          initialize(options: object): void
          parse(text: string): Promise<unknown>
          render(id: string, text: string): Promise<{ svg: string }>
        }
      }
      mermaid.initialize({ startOnLoad: false })
      const out: Array<{ ok: boolean; error?: string; lines?: number }> = []
      for (const [index, text] of texts.entries()) {
        try {
          await mermaid.parse(text)
          const { svg } = await mermaid.render(`chart${index}`, text)
          const holder = document.createElement('div')
          holder.innerHTML = svg
          out.push({
            ok: true,
            lines: holder.querySelectorAll(
              'path[class*="line-plot"], g.line-plot-0 path, g.line-plot-1 path'
            ).length
          })
        } catch (error) {
          out.push({ ok: false, error: String((error as Error).message ?? error) })
        }
      }
      // The validator itself can fail: a broken chart must be rejected.
      try {
        await mermaid.parse('xychart-beta\n  title "a"b"\n  line [1, , x]')
        out.push({ ok: true })
      } catch {
        out.push({ ok: false, error: 'rejected' })
      }
      return out
    }, blocks)
    const broken = results.pop()
    expect(broken).toEqual({ ok: false, error: 'rejected' })
    for (const result of results) {
      expect(result.error).toBeUndefined()
      expect(result.ok).toBe(true)
      expect(result.lines).toBe(2)
    }
  }, 60_000)
})

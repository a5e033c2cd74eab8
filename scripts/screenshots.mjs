#!/usr/bin/env node
/**
 * Screenshots of what a reviewer sees: the PR comment rendered the way GitHub
 * renders it (GFM through `marked`, GitHub's fonts and table style, Mermaid
 * blocks drawn by the real `mermaid` package) and the HTML report, at 1280 px,
 * for one leaking and one healthy example, written to docs/screenshots/.
 *
 *   node scripts/screenshots.mjs [--out DIR] [--prefix NAME-]
 *
 * Needs Chromium at /usr/bin/chromium (apt-get install chromium) and the
 * built dist/ (npm run bundle). Prints each comment's length in characters
 * and in 800 px screens.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { marked } from 'marked'

const require = createRequire(import.meta.url)
const MERMAID = require.resolve('mermaid/dist/mermaid.min.js')
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots' },
    prefix: { type: 'string', default: '' }
  }
})
const EXAMPLES = [
  ['leak', 'examples/map-leak/artifacts'],
  ['healthy', 'examples/healthy/artifacts']
]
const WIDTH = 1280
const SCREEN = 800

/** GitHub's comment look: its font stack, sizes, table borders, code blocks, <details>. */
const GITHUB_CSS = `
body { margin: 0; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328; }
.page { width: ${WIDTH}px; box-sizing: border-box; padding: 24px 0; }
.comment { margin: 0 auto; width: 890px; border: 1px solid #d1d9e0; border-radius: 6px; }
.comment-head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; border-radius: 6px 6px 0 0; }
.markdown-body { padding: 16px; word-wrap: break-word; }
.markdown-body h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
.markdown-body h3:first-child { margin-top: 0; }
.markdown-body p, .markdown-body table, .markdown-body pre, .markdown-body details, .markdown-body blockquote, .markdown-body ul { margin: 0 0 16px; }
.markdown-body table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; }
.markdown-body th { font-weight: 600; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 85%; background: rgba(129,139,152,.12); padding: .2em .4em; border-radius: 6px; }
.markdown-body pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; font-size: 85%; }
.markdown-body pre code { background: none; padding: 0; font-size: 100%; }
.markdown-body blockquote { color: #59636e; border-left: .25em solid #d1d9e0; padding: 0 1em; }
.markdown-body summary { cursor: pointer; }
.markdown-body sub { font-size: 75%; }
.markdown-body .mermaid { text-align: center; }
`

function renderComment(markdown) {
  // GitHub hides HTML comments; marked keeps them as raw HTML, which the browser hides too.
  const tokens = marked.lexer(markdown)
  const walk = (list) => {
    for (const token of list) {
      if (token.type === 'code' && token.lang === 'mermaid') {
        token.type = 'html'
        token.text = `<pre class="mermaid">${token.text.replace(/</g, '&lt;')}</pre>`
        token.raw = token.text
      }
      if (token.tokens) walk(token.tokens)
    }
  }
  walk(tokens)
  const body = marked.parser(tokens, { gfm: true })
  return `<!doctype html><html><head><meta charset="utf-8"><style>${GITHUB_CSS}</style>
<script src="file://${MERMAID}"></script></head><body><div class="page"><div class="comment">
<div class="comment-head"><b>github-actions</b> bot commented</div>
<div class="markdown-body">${body}</div></div></div>
<script>mermaid.initialize({ startOnLoad: false, theme: 'default' }); mermaid.run({ querySelector: '.mermaid' }).then(() => { document.body.dataset.ready = '1' }, (e) => { document.body.dataset.ready = 'error: ' + e })</script>
</body></html>`
}

function cli(args) {
  try {
    return execFileSync('node', ['dist/cli.js', ...args], { encoding: 'utf8' })
  } catch (error) {
    if (typeof error.stdout === 'string' && error.stdout) return error.stdout
    throw error
  }
}

const work = mkdtempSync(join(tmpdir(), 'leak-gate-shots-'))
mkdirSync(values.out, { recursive: true })
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu']
})
try {
  for (const [name, dir] of EXAMPLES) {
    const markdown = cli(['--format', 'markdown', dir])
    const html = cli(['--format', 'html', dir])
    const commentFile = join(work, `${name}-comment.html`)
    const reportFile = join(work, `${name}-report.html`)
    writeFileSync(commentFile, renderComment(markdown))
    writeFileSync(reportFile, html)
    const page = await browser.newPage({ viewport: { width: WIDTH, height: SCREEN } })
    await page.goto(`file://${commentFile}`)
    await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30_000 })
    const state = await page.evaluate(() => document.body.dataset.ready)
    if (state !== '1') console.error(`${name}: mermaid ${state}`)
    const height = await page.evaluate(
      () => document.querySelector('.page').getBoundingClientRect().height
    )
    await page.screenshot({
      path: join(values.out, `${values.prefix}${name}-comment.png`),
      fullPage: true
    })
    await page.goto(`file://${reportFile}`)
    await page.screenshot({
      path: join(values.out, `${values.prefix}${name}-report.png`),
      fullPage: false
    })
    await page.close()
    console.log(
      `${name}: comment ${markdown.length} characters, ${(height / SCREEN).toFixed(1)} screens of ${SCREEN} px at ${WIDTH} px`
    )
  }
} finally {
  await browser.close()
}

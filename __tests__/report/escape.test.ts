import {
  codeSpan,
  escapeHtml,
  escapeHtmlText,
  escapeMarkdown,
  escapeMermaidLabel,
  hiddenDataComment,
  markerComment,
  readHiddenData,
  safeUrl,
  sanitizeKey
} from '../../src/report/escape.js'
import { HOSTILE } from './fixtures.js'

describe('escapeMarkdown', () => {
  it('makes HTML inert', () => {
    expect(escapeMarkdown(HOSTILE.img)).toBe('&lt;img src=x onerror=alert(1)&gt;')
  })
  it('keeps a table cell whole', () => {
    const cell = escapeMarkdown(HOSTILE.pipe)
    expect(cell).toBe('heap\\|used \\| x')
    expect(cell.match(/(?<!\\)\|/g)).toBeNull()
  })
  it('cannot open code, emphasis, links or math', () => {
    expect(escapeMarkdown('`a` *b* _c_ [d](e) $x$ # h ~s~')).toBe(
      '\\`a\\` \\*b\\* \\_c\\_ \\[d\\](e) \\$x\\$ \\# h \\~s\\~'
    )
  })
  it('mentions nobody', () => {
    const text = escapeMarkdown(HOSTILE.mention)
    expect(text).toBe('@&#8203;org/team and @&#8203;alice')
    expect(text).not.toMatch(/@[A-Za-z]/)
  })
  it('cannot fake the hidden marker or end a comment', () => {
    expect(escapeMarkdown(HOSTILE.marker)).toBe('&lt;!-- leak-gate:default --&gt;')
    expect(escapeMarkdown(HOSTILE.close)).not.toContain('-->')
  })
  it('keeps multi-line text on one line, visibly', () => {
    expect(escapeMarkdown(HOSTILE.newline)).toBe('first line ↵ second line ↵ third')
    expect(escapeMarkdown('a\u2028b\u0085c')).toBe('a ↵ b ↵ c')
  })
  it('drops terminal escapes and bidi overrides', () => {
    expect(escapeMarkdown('\u001b[31mred\u001b[0m \u202Eevil')).toBe('\\[31mred\\[0m evil')
  })
  it('cuts very long text', () => {
    expect(escapeMarkdown('x'.repeat(1000), 10)).toBe('xxxxxxxxx…')
  })
})

describe('codeSpan', () => {
  it('uses a code span for plain names', () => {
    expect(codeSpan('docker_stats.csv')).toBe('`docker_stats.csv`')
    expect(codeSpan('MemUsage[api]')).toBe('`MemUsage[api]`')
  })
  it('falls back to escaped text for anything hostile', () => {
    expect(codeSpan(HOSTILE.img)).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(codeSpan(HOSTILE.backticks)).toBe('rss\\`\\`\\` ↵ \\`\\`\\`js ↵ evil()')
    expect(codeSpan('@org')).toBe('@&#8203;org')
  })
})

describe('escapeHtml', () => {
  it('escapes the five specials and breaks mentions', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a> @org`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; @&#8203;org'
    )
  })
})

describe('escapeMermaidLabel', () => {
  it('keeps only characters that cannot end a string or the block', () => {
    expect(escapeMermaidLabel('heap "used" [x] <b>#1;`\n```')).toBe('heap used x b 1')
    expect(escapeMermaidLabel('MemUsage (api): mean, 95% CI')).toBe('MemUsage (api): mean, 95% CI')
    expect(escapeMermaidLabel(HOSTILE.marker)).toBe('-- leak-gate:default --')
  })
})

describe('marker, key, links and hidden data', () => {
  it('builds one exact marker from a sanitised key', () => {
    expect(markerComment(undefined)).toBe('<!-- leak-gate:default -->')
    expect(markerComment('shard-1')).toBe('<!-- leak-gate:shard-1 -->')
    expect(sanitizeKey('a --> b <!--')).toBe('a-----b-----')
  })
  it('accepts only http(s) links and encodes what could end a link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl('https://x.test/a b')).toBeUndefined()
    expect(safeUrl('https://x.test/run/1)"<x>')).toBe('https://x.test/run/1%29%22%3Cx%3E')
  })
  it('round-trips hidden data that contains comment terminators', () => {
    const data = '{"ids":["a --> b","<!-- leak-gate:x -->"]}'
    const comment = hiddenDataComment(data)
    expect(comment).toMatch(/^<!-- leak-gate-data:[A-Za-z0-9+/=]+ -->$/)
    expect(readHiddenData(`body\n\n${comment}\n`)).toBe(data)
    expect(readHiddenData('no data here')).toBeUndefined()
  })
})

describe('bare URLs from artifact text (issue 14, item 18)', () => {
  it('become code in Markdown, never links, and stay inert in a table cell', () => {
    expect(escapeMarkdown('see https://evil.test/a?b=c and www.evil.test/x, then stop')).toBe(
      'see `https://evil.test/a?b=c` and `www.evil.test/x,` then stop'
    )
    expect(escapeMarkdown('a|https://evil.test/x|b')).toBe('a\\|`https://evil.test/x`\\|b')
    expect(escapeMarkdown('[x](https://evil.test/`a`)')).toBe(
      '\\[x\\](`https://evil.test/`\\`a\\`)'
    )
  })
  it('become <code> in HTML text', () => {
    expect(escapeHtmlText('<b>https://evil.test/x</b>')).toBe(
      '&lt;b&gt;<code>https://evil.test/x</code>&lt;/b&gt;'
    )
  })
})

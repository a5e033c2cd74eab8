/**
 * The one escaping family for every piece of text that comes from an
 * artifact (metric names, file names, log lines, messages quoting them).
 * A PR comment is read by people and by GitHub: artifact text must not
 * inject HTML, break a table, ping `@someone`, fake our hidden marker or
 * close a Mermaid block. Every renderer goes through these functions.
 */

/** Line breaks of any kind, shown as a visible `↵` so a multi-line value stays one line. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g
/** Control and bidi-override characters: dropped (tabs become spaces). */
const INVISIBLES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Longest artifact text shown in one place; longer text is cut with `…`. */
export const MAX_TEXT = 300

/**
 * Longest healthy line shown (every renderer): a line joins the clauses of every check that
 * judged the metric (a container's creep, its limit, the heap that accounts for it) and ran to
 * 720 characters; cut at 600 it stopped mid-word.
 */
export const HEALTHY_LINE_MAX = 1200

/**
 * Text of at most `max` characters cut between clauses (at the last `; ` that keeps at least
 * half of it, then ` …`), so a reader sees whole sentences; mid-text only when no clause ends in reach.
 */
export function cutAtClause(text: string, max: number): string {
  if (text.length <= max) return text
  const end = text.lastIndexOf('; ', max - 3)
  if (end >= max / 2) return `${text.slice(0, end)}; …`
  return `${text.slice(0, Math.max(0, max - 1))}…`
}

/**
 * Flattens text to one printable line: line breaks become ` ↵ `, tabs a
 * space, control and bidi characters vanish, and it is cut to `max` characters.
 */
export function flattenText(text: string, max = MAX_TEXT): string {
  let flat = String(text).replace(LINE_BREAKS, ' ↵ ').replace(/\t/g, ' ').replace(INVISIBLES, '')
  if (flat.length > max) flat = `${flat.slice(0, Math.max(0, max - 1))}…`
  return flat
}

/**
 * Markdown inline text, safe in a paragraph and in a table cell: HTML made
 * inert with entities (so `<!--`, `-->` and `<img>` cannot act), Markdown
 * punctuation backslash-escaped (`|` cannot split a cell, backticks cannot
 * open code, `$` cannot start math), and `@name` broken with a zero-width
 * space so GitHub mentions nobody. Bare URLs become code, not links.
 */
export function escapeMarkdown(text: string, max = MAX_TEXT): string {
  // Bare URLs would become links: each goes into a code span (which holds no
  // `|`, backtick or `<`, so it stays inert in a table cell too).
  return flattenText(text, max)
    .split(BARE_URL)
    .map((part, index) => (index % 2 === 1 ? `\`${part}\`` : escapeInline(part)))
    .join('')
}

/** What GitHub turns into a link by itself: `http(s)://…`, `ftp://…`, `www.…` (to the next space). */
const BARE_URL = /((?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>`|]+)/i

function escapeInline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~$]/g, (char) => `\\${char}`)
    .replace(/@(?=[\p{L}\p{N}_-])/gu, '@&#8203;')
}

/** A table cell: {@link escapeMarkdown}, never empty (an empty cell still needs a space). */
export function escapeTableCell(text: string, max = MAX_TEXT): string {
  const escaped = escapeMarkdown(text, max)
  return escaped === '' ? ' ' : escaped
}

/** Characters that are harmless inside a Markdown code span, in a table or not. */
const CODE_SAFE = /^[\p{L}\p{N} ._\-/:,+=()[\]{}%#]+$/u

/**
 * Artifact text as a code span when that is safe (names like `MemUsage`,
 * `docker_stats.csv`), else as escaped plain text. Code spans cannot hold
 * entities, so text with `<`, `@`, `|` or backticks takes the plain path
 * rather than risk a raw `<!--` or `@org` in the comment body.
 */
export function codeSpan(text: string, max = MAX_TEXT): string {
  const flat = flattenText(text, max).trim()
  if (flat === '') return escapeTableCell('')
  return CODE_SAFE.test(flat) ? `\`${flat}\`` : escapeMarkdown(flat, max)
}

/**
 * HTML text and attribute values: the five special characters as entities,
 * and `@name` broken (HTML blocks inside a PR comment are mention-scanned too).
 */
export function escapeHtml(text: string, max = 10_000): string {
  return flattenText(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/@(?=[\p{L}\p{N}_-])/gu, '@&#8203;')
}

/**
 * Artifact text inside HTML of a Markdown body (`<summary>`, `<sub>`):
 * {@link escapeHtml}, with bare URLs in `<code>` so they never turn into links.
 */
export function escapeHtmlText(text: string, max = 10_000): string {
  return flattenText(text, max)
    .split(BARE_URL)
    .map((part, index) =>
      index % 2 === 1 ? `<code>${escapeHtml(part, max)}</code>` : escapeHtml(part, max)
    )
    .join('')
}

/**
 * A Mermaid label or title, placed inside `"..."`: only letters, digits,
 * spaces and `._-:/()%,+=` survive (no quotes, brackets, `<`, `#`, backticks
 * or semicolons), so it can neither end the string nor the code block.
 */
export function escapeMermaidLabel(text: string, max = 80): string {
  const kept = flattenText(text, 1000)
    .replace(/[^\p{L}\p{N} ._\-:/()%,+=]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return kept.length > max ? `${kept.slice(0, max - 1)}…` : kept
}

/** The comment key reduced to `[A-Za-z0-9._-]`, so the hidden marker stays one exact string. */
export function sanitizeKey(key: string | undefined): string {
  const cleaned = (key ?? '').replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100)
  return cleaned === '' ? 'default' : cleaned
}

/** The hidden marker that identifies our comment for a key: `<!-- leak-gate:KEY -->`. */
export function markerComment(key: string | undefined): string {
  return `<!-- leak-gate:${sanitizeKey(key)} -->`
}

/**
 * A link target that is an http(s) URL with the characters that could end a
 * Markdown link or an HTML attribute percent-encoded; undefined otherwise.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  const trimmed = url.trim()
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return undefined
  return trimmed.replace(
    /[()<>"'`\\|[\]{}]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

const HIDDEN_DATA_PREFIX = '<!-- leak-gate-data:'
const HIDDEN_DATA_RE = /<!-- leak-gate-data:([A-Za-z0-9+/=]*) -->/

/**
 * Opaque data stored in a hidden comment at the end of a body, base64 so it
 * can neither close the comment nor look like a marker.
 */
export function hiddenDataComment(data: string): string {
  return `${HIDDEN_DATA_PREFIX}${Buffer.from(data, 'utf8').toString('base64')} -->`
}

/** Reads back what {@link hiddenDataComment} stored in a comment body, if any. */
export function readHiddenData(body: string): string | undefined {
  const match = HIDDEN_DATA_RE.exec(body)
  if (!match) return undefined
  return Buffer.from(match[1], 'base64').toString('utf8')
}

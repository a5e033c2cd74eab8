/**
 * Nesting depth of JSON text. `JSON.parse` takes 100,000 nested brackets in
 * its stride, but every recursive walk of the result (flattening keys) then
 * overflows the stack and the message loses its file and line. Input nested
 * deeper than {@link MAX_JSON_DEPTH} is refused up front, at the bracket
 * that goes too deep.
 */

/** Deepest nesting of objects and arrays read (a real snapshot or log line nests a handful). */
export const MAX_JSON_DEPTH = 64

/**
 * Offset of the first `{` or `[` (outside strings) that opens level
 * `max + 1`, or -1 when the text never nests that deep. O(n), no parse.
 */
export function jsonTooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c)
        i++ // backslash: skip the escaped character
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) return i
    } else if (code === 0x7d || code === 0x5d) depth--
  }
  return -1
}

/** 1-based line and column of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/** What a message says is expected instead of deeper nesting. */
export const SHALLOW_JSON = `JSON nested at most ${MAX_JSON_DEPTH} levels deep`

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

/**
 * Offset of the value at `path` (object keys and array indexes) in JSON text
 * that `JSON.parse` accepted, so a value found wrong after parsing can be
 * quoted at its line. A repeated key resolves to its last value, as
 * `JSON.parse` does. -1 when the path is not there. O(n), no parse.
 */
export function jsonValueOffset(text: string, path: ReadonlyArray<string | number>): number {
  let i = skipSpace(text, 0)
  for (const step of path) {
    const open = text.charCodeAt(i)
    let found = -1
    let index = 0
    i = skipSpace(text, i + 1)
    while (i < text.length && text.charCodeAt(i) !== 0x7d && text.charCodeAt(i) !== 0x5d) {
      if (open === 0x7b) {
        const keyEnd = skipValue(text, i)
        const key: unknown = JSON.parse(text.slice(i, keyEnd))
        i = skipSpace(text, skipSpace(text, keyEnd) + 1) // past the colon
        if (key === step) found = i
      } else if (open === 0x5b) {
        if (index++ === step) found = i
      } else return -1
      i = skipSpace(text, skipValue(text, i))
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1)
    }
    if (found < 0) return -1
    i = found
  }
  return i
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++
  return i
}

/** The offset just past the JSON value starting at `i`. */
function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i)
  if (first === 0x22) {
    for (i++; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === 0x5c) i++
      else if (code === 0x22) return i + 1
    }
    return i
  }
  if (first === 0x7b || first === 0x5b) {
    let depth = 0
    let inString = false
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (inString) {
        if (code === 0x5c) i++
        else if (code === 0x22) inString = false
      } else if (code === 0x22) inString = true
      else if (code === 0x7b || code === 0x5b) depth++
      else if ((code === 0x7d || code === 0x5d) && --depth === 0) return i + 1
    }
    return i
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i])) i++
  return i
}

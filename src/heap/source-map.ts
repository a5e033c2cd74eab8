/**
 * Maps a generated position back to the source through a Source Map v3
 * (`mappings` in base64 VLQ), so a class defined in bundled or compiled
 * code is reported at its TypeScript (or original) line. Only the segment
 * lookup DevTools does for a location: the last mapping at or before the
 * position on its line.
 */
import type { DefinitionSite } from './retainer-path.js'

/** The parts of a source map this needs. */
export interface SourceMapV3 {
  version: number
  sources: string[]
  sourceRoot?: string
  mappings: string
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i

/** True when a parsed JSON value looks like a Source Map v3. */
export function isSourceMap(value: unknown): value is SourceMapV3 {
  const map = value as SourceMapV3
  return (
    typeof map === 'object' &&
    map !== null &&
    map.version === 3 &&
    Array.isArray(map.sources) &&
    typeof map.mappings === 'string'
  )
}

/**
 * The original position of a generated 1-based line and column, or
 * undefined when the map has no segment there.
 */
export function mapPosition(map: SourceMapV3, site: DefinitionSite): DefinitionSite | undefined {
  const wantLine = site.line - 1
  const wantColumn = site.column - 1
  let line = 0
  let column = 0
  let source = 0
  let sourceLine = 0
  let sourceColumn = 0
  let best: { source: number; line: number; column: number } | undefined
  const text = map.mappings
  let i = 0
  const values: number[] = []
  while (i < text.length && line <= wantLine) {
    const c = text.charCodeAt(i)
    if (c === 59 /* ; */) {
      line++
      column = 0
      i++
      continue
    }
    if (c === 44 /* , */) {
      i++
      continue
    }
    values.length = 0
    while (i < text.length && text[i] !== ',' && text[i] !== ';') {
      let value = 0
      let shift = 0
      let digit: number
      do {
        digit = DIGIT[text.charCodeAt(i++)] ?? -1
        if (digit < 0) return undefined
        value += (digit & 31) * 2 ** shift
        shift += 5
      } while (digit & 32)
      values.push(value & 1 ? -Math.floor(value / 2) : Math.floor(value / 2))
    }
    column += values[0] ?? 0
    if (values.length >= 4) {
      source += values[1]
      sourceLine += values[2]
      sourceColumn += values[3]
      if (line === wantLine && column <= wantColumn)
        best = { source, line: sourceLine, column: sourceColumn }
    }
  }
  if (!best || best.source < 0 || best.source >= map.sources.length) return undefined
  const root = map.sourceRoot ? map.sourceRoot.replace(/\/?$/, '/') : ''
  return { script: root + map.sources[best.source], line: best.line + 1, column: best.column + 1 }
}

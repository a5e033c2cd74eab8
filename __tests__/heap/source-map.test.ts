/**
 * Definition sites mapped through a Source Map v3: the segment at or
 * before the generated column on its line gives the original line.
 * Mappings written by hand with their VLQ meaning in the comments.
 */
import { isSourceMap, mapPosition } from '../../src/heap/source-map.js'

// line 1: "AAAA" = col 0 → source 0, line 0, col 0
// line 2: "AAKA" = col 0 → line +5 (6), "UAAE" = col +10 → col +2
// line 3: "ACAA" = col 0 → source +1 (other.ts), line 6
const map = {
  version: 3,
  sources: ['src/store.ts', 'src/other.ts'],
  mappings: 'AAAA;AAKA,UAAE;ACAA'
}

describe('mapPosition', () => {
  it.each([
    [
      { line: 1, column: 1 },
      { script: 'src/store.ts', line: 1, column: 1 }
    ],
    [
      { line: 2, column: 5 },
      { script: 'src/store.ts', line: 6, column: 1 }
    ],
    [
      { line: 2, column: 12 },
      { script: 'src/store.ts', line: 6, column: 3 }
    ],
    [
      { line: 3, column: 1 },
      { script: 'src/other.ts', line: 6, column: 3 }
    ]
  ])('maps generated %j to %j', (generated, original) => {
    expect(mapPosition(map, { script: 'dist/index.js', ...generated })).toEqual(original)
  })

  it('gives nothing for a line the map does not cover, or a broken map', () => {
    expect(mapPosition(map, { script: 'x.js', line: 9, column: 1 })).toBeUndefined()
    expect(
      mapPosition({ ...map, mappings: 'A!A' }, { script: 'x.js', line: 1, column: 1 })
    ).toBeUndefined()
    expect(isSourceMap({ version: 2, sources: [], mappings: '' })).toBe(false)
  })

  it('prefixes the sourceRoot', () => {
    expect(
      mapPosition({ ...map, sourceRoot: '/app' }, { script: 'x.js', line: 1, column: 1 })?.script
    ).toBe('/app/src/store.ts')
  })
})

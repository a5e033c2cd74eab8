/**
 * Markdown pipe tables (understand/markdown-table.ts): the cells of a row, the first table of a
 * head, and the line-for-line CSV the loader reads, so errors keep the file's line numbers.
 */
import {
  findMarkdownTable,
  markdownCells,
  MarkdownTableToCsv
} from '../../src/understand/markdown-table.js'

describe('markdownCells', () => {
  it('splits on pipes, trims, and drops emphasis and code marks', () => {
    expect(markdownCells('| t+300 | **186.4 MB** | `+0.3` |')).toEqual([
      't+300',
      '186.4 MB',
      '+0.3'
    ])
  })

  it('keeps an escaped pipe in its cell and reads a typographic minus as "-"', () => {
    expect(markdownCells('| a \\| b | −0.2 |')).toEqual(['a | b', '-0.2'])
  })

  it('keeps empty cells in place', () => {
    expect(markdownCells('| pre-load | 16 MB | |')).toEqual(['pre-load', '16 MB', ''])
  })
})

describe('findMarkdownTable', () => {
  it('finds the first table under prose, naming a blank first header cell `row`', () => {
    const lines = [
      'Memory per hour:',
      '',
      '| | RSS | Δ |',
      '|---|---:|---|',
      '| t+60 | 144.0 MB | +93.1 |'
    ]
    expect(findMarkdownTable(lines)).toEqual({
      at: 2,
      columns: ['row', 'RSS', 'Δ'],
      firstRow: ['t+60', '144.0 MB', '+93.1']
    })
  })

  it('needs the separator line under the header and a row under it', () => {
    expect(findMarkdownTable(['| a | b |', '| 1 | 2 |', '| 3 | 4 |'])).toBeUndefined()
    expect(findMarkdownTable(['| a | b |', '|---|---|', 'no rows'])).toBeUndefined()
    expect(findMarkdownTable(['a | b', '--- | ---', '1 | 2'])).toBeUndefined()
  })
})

describe('MarkdownTableToCsv', () => {
  it('turns the first table into CSV, one line per line, every other line empty', () => {
    const table = new MarkdownTableToCsv()
    const lines = [
      'Prose above.',
      '| requests | rss | note |',
      '| --- | --- | --- |',
      '| 1,000 | 92.0 MiB | warm, cold |',
      '| 2,000 | 97.1 MiB | "quoted" |',
      '',
      '| other | table |',
      '|---|---|',
      '| 1 | 2 |'
    ]
    expect(lines.map((line) => table.line(line))).toEqual([
      '',
      '',
      'requests,rss,note',
      '"1,000",92.0 MiB,"warm, cold"',
      '"2,000",97.1 MiB,"""quoted"""',
      '',
      '',
      '',
      ''
    ])
  })
})

/**
 * A log pattern's group holds one value, so commas inside it can only group
 * digits ("after 1,250 requests"): read as 1250. A first group starting with 0
 * ("0,512") is a decimal comma, which logs do not take: an error as before.
 */
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'

const load = (lines: string[]) =>
  loadSeries(toAsync(splitText(lines.join('\n') + '\n')), {
    file: 'bench.txt',
    format: 'log',
    spec: {
      file: 'bench.txt',
      pattern: 'rss=(?<rss>\\S+) after (?<requests>[\\d,.]+) requests',
      work: 'requests'
    }
  })

describe('numbers with thousands separators in a log', () => {
  it('reads grouped counts and sizes as whole numbers, on the work axis and in memory', async () => {
    const loaded = await load([
      'rss=1,048,576 after 950 requests',
      'rss=1,049,600 after 1,000 requests',
      'rss=1,050,624 after 12,345,678 requests',
      'rss=2.5MiB after 1,234.5 requests'
    ])
    expect(loaded.errors).toEqual([])
    const [rss] = loaded.series
    expect(rss.work).toEqual([950, 1000, 12345678, 1234.5])
    expect(rss.value).toEqual([1048576, 1049600, 1050624, 2.5 * 1024 ** 2])
  })

  it('leaves a decimal comma or a misplaced comma as written: an error at its line', async () => {
    const loaded = await load([
      'rss=1024 after 0,512 requests',
      'rss=1024 after 12,34 requests',
      'rss=1024 after 1,2345 requests'
    ])
    expect(loaded.errors.map((e) => [e.line, e.found])).toEqual([
      [1, '0,512'],
      [2, '12,34'],
      [3, '1,2345']
    ])
  })
})

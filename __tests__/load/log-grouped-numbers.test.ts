/**
 * A log pattern's group holds one value, so commas inside it can only group
 * digits ("after 1,250 requests"): read as 1250. A first group starting with 0
 * ("0,512") is a decimal comma: an error as before, unless a size unit follows it ("22,74 MB").
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

  it('reads a size written with a decimal comma (a Windows tool in a comma locale): one value, its unit after it', async () => {
    const loaded = await load([
      'rss=22,74MB after 10 requests',
      'rss=35,5MB after 20 requests',
      'rss=1234,5KiB after 30 requests'
    ])
    expect(loaded.errors).toEqual([])
    const [rss] = loaded.series
    expect(rss.value).toEqual([22.74e6, 35.5e6, 1234.5 * 1024])
  })

  it('a size with a comma and three digits is still grouped, one with both separators an error', async () => {
    const loaded = await load(['rss=1,024KiB after 10 requests', 'rss=1.234,5MB after 20 requests'])
    expect(loaded.series[0]?.value[0]).toBe(1024 * 1024)
    expect(loaded.errors.map((e) => [e.line, e.found])).toEqual([[2, '1.234,5MB']])
  })

  it('a size whose comma could group or be decimal (`1,125MB`) among decimal commas is an error at its line, never 1000 times too large', async () => {
    // a culture writing decimal commas and up to three decimals (`0.### MB` under de-DE)
    const loaded = await load([
      'rss=1,5MB after 10 requests',
      'rss=1,25MB after 20 requests',
      'rss=1,125MB after 30 requests',
      'rss=1,75MB after 40 requests'
    ])
    expect(loaded.series[0].value).toEqual([1.5e6, 1.25e6, 1.75e6])
    expect(loaded.errors.map((e) => [e.line, e.column, e.found])).toEqual([[3, 'rss', '1,125MB']])
    // and the other way round: a grouped size first, then a decimal comma
    const grouped = await load(['rss=1,024KiB after 10 requests', 'rss=1,5MiB after 20 requests'])
    expect(grouped.series[0].value).toEqual([1024 * 1024])
    expect(grouped.errors.map((e) => [e.line, e.found])).toEqual([[2, '1,5MiB']])
  })
})

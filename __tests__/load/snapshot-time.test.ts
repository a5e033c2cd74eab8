/**
 * A JSON snapshot's own time (a top-level `time` or `timestamp` in ISO 8601 with its zone), which
 * tells which of several runs appended in one file the snapshot follows. A date-time without a
 * zone would be read in the machine's time zone: never taken.
 */
import { loadSnapshot, splitText, toAsync } from '../../src/load/index.js'

async function timeOf(json: object): Promise<number | undefined> {
  const result = await loadSnapshot(
    toAsync(splitText(JSON.stringify(json))),
    'post-test.json',
    'json'
  )
  expect(result.errors).toEqual([])
  return result.snapshot.time
}

describe('a JSON snapshot says when it was taken', () => {
  it('reads `time` in ISO 8601 with Z or an offset', async () => {
    expect(await timeOf({ time: '2026-12-05T12:18:37.000Z', rss: 1e8 })).toBe(
      Date.UTC(2026, 11, 5, 12, 18, 37)
    )
    expect(await timeOf({ timestamp: '2026-12-05T13:18:37+01:00', rss: 1e8 })).toBe(
      Date.UTC(2026, 11, 5, 12, 18, 37)
    )
  })

  it('takes no time without a zone, nor a number, nor a nested key', async () => {
    expect(await timeOf({ time: '2026-12-05T12:18:37', rss: 1e8 })).toBeUndefined()
    expect(await timeOf({ time: 1764937117000, rss: 1e8 })).toBeUndefined()
    expect(await timeOf({ meta: { time: '2026-12-05T12:18:37Z' }, rss: 1e8 })).toBeUndefined()
  })

  it('reads a zone written without its colon (`+0100`, `-0530`)', async () => {
    expect(await timeOf({ time: '2026-12-05T13:18:37+0100', rss: 1e8 })).toBe(
      Date.UTC(2026, 11, 5, 12, 18, 37)
    )
    expect(await timeOf({ time: '2026-12-05T06:48:37.250-0530', rss: 1e8 })).toBe(
      Date.UTC(2026, 11, 5, 12, 18, 37, 250)
    )
  })

  it.each([
    ['2026-02-31T10:00:00Z', 'a day February does not have (Date.parse rolls it into March)'],
    ['2026-12-05T24:00:00Z', 'hour 24'],
    ['2026-13-05T10:00:00Z', 'month 13'],
    ['2026-12-05T10:61:00+01:00', 'minute 61'],
    ['2026-12-05T10:00:00+2500', 'a zone of 25 hours']
  ])('a date-time that does not exist (%s: %s) is an error at its line', async (time) => {
    const text = ['{', `  "time": "${time}",`, '  "rss": 100000000', '}'].join('\n')
    const result = await loadSnapshot(toAsync(splitText(text)), 'post-test.json', 'json')
    expect(result.snapshot.time).toBeUndefined()
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({
      file: 'post-test.json',
      line: 2,
      column: 'time',
      found: time,
      expected: 'a date-time that exists, in ISO 8601 with its zone (e.g. "2026-12-05T12:18:37Z")'
    })
  })
})

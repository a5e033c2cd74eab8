import fc from 'fast-check'
import {
  parseDuration,
  parseLimit,
  parseRate,
  parseThreshold,
  parseWarmup
} from '../../src/config/quantities.js'

describe('parseRate: per hour', () => {
  it.each([
    ['5MiB/h', 5_242_880, 'bytes'],
    ['5 MiB / h', 5_242_880, 'bytes'],
    ['1KiB/min', 61_440, 'bytes'],
    ['1kB/s', 3_600_000, 'bytes'],
    ['24MB/d', 1_000_000, 'bytes'],
    ['2%/h', 2, 'percent'],
    ['0.5%/min', 30, 'percent'],
    ['10/h', 10, 'count'],
    ['240/day', 10, 'count'],
    ['1/hour', 1, 'count']
  ])('%s → %d %s per hour', (text, amount, unit) => {
    expect(parseRate(text)).toEqual({ amount, unit, perHour: true, text })
  })

  it.each(['5MiB', '5 parsecs/h', '/h', '5MiB/fortnight', '-1MiB/h'])('refuses %s', (text) => {
    expect(parseRate(text)).toBeUndefined()
  })

  it('scales any size per minute to 60 times per hour (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('B', 'KiB', 'MiB', 'kB', 'MB'),
        (n, unit) => {
          const factor = { B: 1, KiB: 1024, MiB: 1024 ** 2, kB: 1000, MB: 1000 ** 2 }[unit]
          expect(parseRate(`${n}${unit}/min`)?.amount).toBe(n * factor * 60)
        }
      )
    )
  })
})

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['30m', 1_800_000],
    ['7d', 604_800_000],
    ['90s', 90_000],
    ['250ms', 250],
    ['1h30m', 5_400_000],
    ['2 hours', 7_200_000],
    ['1.5h', 5_400_000]
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })
  it.each(['24', 'soon', '5 MiB', 'h'])('refuses %s', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })
})

describe('thresholds, warm-up and limit', () => {
  it('reads off for every signature', () => {
    expect(parseThreshold('oom-risk', 'off')).toBe('off')
    expect(parseThreshold('sustained-growth', 'off')).toBe('off')
  })
  it('reads retained-after-load as percent, bytes or count', () => {
    expect(parseThreshold('retained-after-load', '25%')).toEqual({
      amount: 25,
      unit: 'percent',
      text: '25%'
    })
    expect(parseThreshold('retained-after-load', '10MiB')).toEqual({
      amount: 10_485_760,
      unit: 'bytes',
      text: '10MiB'
    })
    expect(parseThreshold('retained-after-load', 12)).toEqual({
      amount: 12,
      unit: 'count',
      text: '12'
    })
  })
  it('refuses numbers where a unit is needed', () => {
    expect(parseThreshold('oom-risk', 24)).toEqual({
      error: 'a horizon like "24h", "30m" or "7d", or off'
    })
    expect(parseThreshold('oom-risk', '0h')).toEqual({
      error: 'a horizon like "24h", "30m" or "7d", or off'
    })
  })
  it('reads warm-up forms', () => {
    expect(parseWarmup('0%')).toEqual({ kind: 'fraction', fraction: 0 })
    expect(parseWarmup('12.5%')).toEqual({ kind: 'fraction', fraction: 0.125 })
    expect(parseWarmup('500 tenants')).toEqual({ kind: 'work', amount: 500 })
    expect(parseWarmup(-1)).toEqual({
      error: 'a fraction like "20%", a duration like "5m", or a work amount like "500 requests"'
    })
  })
  it('reads a limit as docker prints it', () => {
    // 1.952 × 1024³ = 2,095,944,040.4
    expect(parseLimit('1.952GiB')).toBe(2_095_944_040)
    expect(parseLimit('512MB')).toBe(512_000_000)
    expect(parseLimit('0B')).toEqual({ error: 'a size like "7.654GiB"' })
    expect(parseLimit('512')).toEqual({ error: 'a size like "7.654GiB"' })
  })
})

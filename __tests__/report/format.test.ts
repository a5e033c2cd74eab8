import type { Finding } from '../../src/model.js'
import { thresholdOf } from '../../src/report/describe.js'
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPValue,
  formatPercent,
  formatRate,
  formatRateInterval,
  formatSignedPercent,
  formatSignedRate,
  formatSignedValue,
  formatTime
} from '../../src/analyze/format.js'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1,023 B'],
    [1024, '1 KiB'],
    [317 * 1024, '317 KiB'],
    [Math.round(293.7 * 1024 ** 2), '294 MiB'],
    [Math.round(15.88 * 1024 ** 2), '15.9 MiB'],
    [Math.round(7.654 * 1024 ** 3), '7.65 GiB'],
    [1023.9 * 1024, '1 MiB'],
    [-57.62 * 1024 ** 2, '-57.6 MiB']
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})

describe('formatDuration', () => {
  it.each([
    [45_000, '45 s'],
    [320, '320 ms'],
    [850, '1 s'],
    [4_000, '4 s'],
    [0, '0 s'],
    [12 * 60_000, '12 min'],
    [539_000, '8 min 59 s'],
    [(3 * 60 + 46) * 60_000, '3 h 46 min'],
    [2 * 3_600_000, '2 h'],
    [51 * 3_600_000, '2 d 3 h']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('small formats', () => {
  it('formats p-values, percents, counts, rates and times', () => {
    expect(formatPValue(1e-12)).toBe('p < 0.001')
    expect(formatPValue(0.0234)).toBe('p = 0.023')
    expect(formatPValue(0.61)).toBe('p = 0.61')
    expect(formatPValue(null)).toBe('—')
    expect(formatSignedPercent(18.01)).toBe('+18.0%')
    expect(formatSignedPercent(-38.46)).toBe('-38.5%')
    expect(formatSignedPercent(0.03)).toBe('+0.03%')
    expect(formatSignedPercent(1124.4)).toBe('+1,124%')
    expect(formatSignedPercent(0)).toBe('±0%')
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent(99.96)).toBe('100.0%')
    expect(formatCount(5373)).toBe('5,373')
    expect(formatSignedValue(1428, 'count')).toBe('+1,428')
    expect(formatSignedRate(150.2 * 1024 ** 2, 'bytes')).toBe('+150 MiB/h')
    expect(formatSignedRate(null, 'bytes')).toBe('—')
    // Messages put their own sign on formatRate; counts per hour keep 3 significant digits.
    expect(formatRate(150.2 * 1024 ** 2, 'bytes')).toBe('150 MiB/h')
    expect(formatSignedRate(251_015, 'count')).toBe('+251,000/h')
    expect(formatRateInterval(1.53 * 1024 ** 3, 4.2 * 1024 ** 3, 'bytes')).toBe(
      '+1.53 … +4.2 GiB/h'
    )
    expect(formatRateInterval(-3.35 * 1024 ** 3, 512 * 1024 ** 2, 'bytes')).toBe(
      '-3.35 GiB/h … +512 MiB/h'
    )
    expect(formatRateInterval(-2, 3.5, 'percent')).toBe('-2% … +3.5%/h')
    expect(formatTime(Date.UTC(2025, 11, 22, 13, 5, 52), 'epoch')).toBe('13:05')
    expect(formatTime(Date.UTC(2025, 11, 22, 13, 5, 52), 'epoch', { date: true })).toBe(
      '2025-12-22 13:05'
    )
    expect(formatTime(Date.UTC(2025, 11, 22, 4, 41, 5), 'epoch', { seconds: true })).toBe(
      '04:41:05'
    )
    expect(formatTime((24 + 1) * 3_600_000 + 62_000, 'clock')).toBe('01:01:02 +1d')
  })
})

describe('thresholdOf', () => {
  const finding = (evidence: Finding['evidence']): Finding => ({
    id: 'x',
    signature: 'per-work-cost',
    metric: 'heapUsed',
    source: 'memory.jsonl',
    level: 'fail',
    message: 'm',
    evidence
  })
  it('prefers the worded threshold, else words the evidence keys', () => {
    expect(thresholdOf(finding({ threshold: 'budget 512 B per request', budget: 512 }))).toBe(
      'budget 512 B per request'
    )
    expect(thresholdOf(finding({ budget: 512, unit: 'bytes', workName: 'requests' }))).toBe(
      'budget 512 B per request'
    )
    expect(thresholdOf(finding({ tolerance: '10 MiB/h' }))).toBe('tolerance 10 MiB/h')
    expect(thresholdOf(finding({ minimumPercent: 90 }))).toBe('at least 90% collected')
    expect(thresholdOf(finding({ horizonHours: 24, limit: 1 }))).toBe('limit reached within 24 h')
    expect(thresholdOf(finding({ tolerancePercent: 20 }))).toBe(
      'worse than the base run by more than 20%'
    )
    expect(thresholdOf(finding({ slope: 1 }))).toBe('—')
  })
})

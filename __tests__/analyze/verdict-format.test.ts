import type { Finding } from '../../src/model.js'
import { decideVerdict } from '../../src/verdict.js'
import {
  formatBytes,
  formatDuration,
  formatPercent,
  formatPValue,
  formatRate
} from '../../src/analyze/format.js'

const finding = (level: 'fail' | 'warn'): Finding => ({
  id: `sustained-growth:m.csv:rss`,
  signature: 'sustained-growth',
  metric: 'rss',
  source: 'm.csv',
  level,
  message: '',
  evidence: {}
})

describe('decideVerdict (SPEC §6)', () => {
  it.each([
    [[], [], 'pass'],
    [[finding('warn')], [], 'warn'],
    [[finding('warn'), finding('fail')], [], 'fail'],
    [
      [finding('fail')],
      [{ message: 'x.csv:3: column "rss": found "n/a", expected a number' }],
      'error'
    ]
  ] as const)('%j + errors %j → %s', (findings, errors, verdict) => {
    expect(decideVerdict([...findings], [...errors])).toBe(verdict)
  })
})

describe('format', () => {
  it('formats sizes, durations, rates, percents and p-values in human units', () => {
    expect([
      formatBytes(512),
      formatBytes(11_386),
      formatBytes(4.1 * 1024 ** 2),
      formatBytes(-57.62 * 1024 ** 2),
      formatBytes(8218595328)
    ]).toEqual(['512 B', '11.1 KiB', '4.1 MiB', '-57.6 MiB', '7.65 GiB'])
    expect([
      formatDuration(45_000),
      formatDuration(539_000),
      formatDuration(13_560_000),
      formatDuration(190 * 3_600_000)
    ]).toEqual(['45 s', '8 min 59 s', '3 h 46 min', '7 d 22 h'])
    expect(formatRate(4.1 * 1024 ** 2, 'bytes')).toBe('4.1 MiB/h')
    expect([formatPercent(38.46), formatPercent(120.4)]).toEqual(['38.5%', '120%'])
    expect([formatPValue(0.0004), formatPValue(0.0042), formatPValue(0.41)]).toEqual([
      'p < 0.001',
      'p = 0.004',
      'p = 0.41'
    ])
  })
})

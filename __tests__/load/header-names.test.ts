/**
 * What a column's name says about its kind, unit and role, as spreadsheets
 * and hand-written loggers head their columns: a unit in brackets
 * (`heap (MB)`, `RSS [KiB]`), a suffix (`rss_kb`), other languages' time
 * headers, PowerShell's Get-Process names.
 */
import {
  isProcessSizeName,
  isTimeName,
  kindFromName,
  timeUnitMsFromName,
  unitBytesFromName
} from '../../src/understand/names.js'
import { parseSize } from '../../src/understand/units.js'

const KiB = 1024
const MiB = 1024 ** 2

describe('a unit in a column name', () => {
  it.each([
    ['rss_kb', KiB],
    ['heap_used_MiB', MiB],
    ['heap (MB)', MiB],
    ['RSS [KiB]', KiB],
    ['Memory Usage (GB)', 1024 ** 3],
    ['rss (kb) ', KiB],
    ['rss(bytes)', undefined],
    ['RSS [B]', undefined],
    ['rss', undefined],
    ['heap (peak)', undefined],
    ['mb', undefined]
  ])('%s → %s bytes per number', (name, bytes) => {
    expect(unitBytesFromName(name)).toBe(bytes)
  })

  it.each(['heap (MB)', 'RSS [KiB]', 'rss (bytes)', 'Memory Usage (MB)', 'heap', 'WorkingSet64'])(
    '%s is memory',
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it.each(['workload_rss_mib', 'workload_uss_mib', 'cleanup_pss_kb', 'process_uss'])(
    '%s: a prefix naming what was measured, then a resident size, is memory',
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it('a percentage stays no size, brackets or not', () => {
    expect(kindFromName('mem (%)')).toBeUndefined()
    expect(kindFromName('MemPerc')).toBeUndefined()
  })

  it('a process size is told under its unit', () => {
    expect(isProcessSizeName('RSS [KiB]')).toBe(true)
    expect(isProcessSizeName('heap (MB)')).toBe(false)
  })
})

describe('time column names', () => {
  it.each(['time', 'time (s)', 'Timestamp [UTC]', 'Zeit', 'Datum', 'fecha', 'horodatage'])(
    '%s names time',
    (name) => {
      expect(isTimeName(name)).toBe(true)
    }
  )
  it.each(['rss', 'heap (MB)', 'timeout'])('%s does not', (name) => {
    expect(isTimeName(name)).toBe(false)
  })
})

describe('a time unit in a time column name', () => {
  it.each([
    ['elapsed_ms', 1],
    ['time (s)', 1000],
    ['elapsed [ms]', 1],
    ['t_us', 1e-3],
    ['uptime_ns', 1e-6],
    ['time_sec', 1000],
    ['timestamp', undefined],
    ['ts', undefined],
    ['time', undefined]
  ])('%s → %s ms per number', (name, ms) => {
    expect(timeUnitMsFromName(name)).toBe(ms)
  })
})

describe('Kubernetes quantities', () => {
  it.each([
    ['123Mi', 123 * MiB],
    ['512Ki', 512 * KiB],
    ['2Gi', 2 * 1024 ** 3],
    ['1.5MB', 1_500_000],
    ['293.7MiB', Math.round(293.7 * MiB)]
  ])('%s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })
})

import fc from 'fast-check'
import { createTimeParser, detectTimeKind, parseIsoTime } from '../../src/load/times.js'
import { parseMinutesSeconds, parseUnitDuration } from '../../src/understand/elapsed-forms.js'

describe('parseIsoTime', () => {
  it.each([
    ['2024-05-01T12:00:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01 12:00:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00.123Z', Date.UTC(2024, 4, 1, 12, 0, 0, 123)],
    ['2024-05-01T12:00:00,5Z', Date.UTC(2024, 4, 1, 12, 0, 0, 500)],
    ['2022-01-05T12:46:23.603474+01:00', Date.UTC(2022, 0, 5, 11, 46, 23, 603)],
    ['2024-05-01T12:00:00-0230', Date.UTC(2024, 4, 1, 14, 30)],
    ['2024-05-01T12:00:00+02', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T12:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01T12:00:00.123456789Z', Date.UTC(2024, 4, 1, 12, 0, 0, 123)]
  ])('%s', (text, ms) => {
    expect(parseIsoTime(text)).toBe(ms)
  })

  it.each([
    '2024-13-01T00:00:00Z',
    '2024-05-01X12:00:00',
    '01/05/2024',
    '2024-05-01T25:00:00Z',
    '2024-05-01T12:00:00 CET'
  ])('rejects %s', (text) => {
    expect(parseIsoTime(text)).toBeNaN()
  })

  it('agrees with Date.parse for any instant written by toISOString, with or without zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800000 }), fc.boolean(), (ms, zone) => {
        const iso = new Date(ms).toISOString()
        expect(parseIsoTime(zone ? iso : iso.slice(0, -1))).toBe(ms)
      })
    )
  })

  it('applies offsets like Date.parse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4102444800 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (seconds, offset) => {
          const sign = offset < 0 ? '-' : '+'
          const abs = Math.abs(offset)
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
          const local = new Date(seconds * 1000 + offset * 60000).toISOString().slice(0, 19)
          expect(parseIsoTime(local + zone)).toBe(Date.parse(local + zone))
        }
      )
    )
  })
})

describe('detectTimeKind', () => {
  it.each([
    ['1641298536', 'epoch-s'],
    ['1741337519.5', 'epoch-s'],
    ['1641298536000', 'epoch-ms'],
    ['1641298536000000', 'epoch-us'],
    ['1700000000123456789', 'epoch-ns'],
    ['2024-05-01T12:00:00Z', 'iso'],
    ['23:59:58', 'clock'],
    ['07:00:01.250', 'clock'],
    ['Mon Jan  1 12:00:00 UTC 2024', 'text'],
    ['Mon, 10 Mar 2025 10:00:00 +0000', 'text'],
    ['Mon Mar 10 2025 10:00:00 GMT+0000 (Coordinated Universal Time)', 'text'],
    ['+5s', 'duration'],
    ['1h2m3.5s', 'duration'],
    ['03:40', 'minutes-seconds'],
    ['75:10', 'minutes-seconds'],
    ['yesterday', undefined],
    ['Mon Jan  1 12:00:00 2024', undefined],
    ['-5s', undefined],
    ['10:75', undefined]
  ])('%s → %s', (text, kind) => {
    expect(detectTimeKind(text)).toBe(kind)
  })
})

describe('createTimeParser', () => {
  it('reads epoch seconds, ms and ns (date +%s%N) by the magnitude of the first value', () => {
    const seconds = createTimeParser()
    expect(seconds.parse('1641298536')).toBe(1641298536000)
    expect(seconds.parse('1641298537.5')).toBe(1641298537500)
    expect(seconds.base).toBe('epoch')
    const nanos = createTimeParser()
    expect(nanos.parse('1700000000123456789')).toBeCloseTo(1700000000123.4568, 2)
    expect(nanos.kind).toBe('epoch-ns')
    const millis = createTimeParser()
    expect(millis.parse(1641298536123)).toBe(1641298536123)
  })

  it('rolls a clock over midnight: a clock going backwards is the next day', () => {
    const parser = createTimeParser()
    const times = ['23:59:58', '23:59:59.500', '00:00:01', '12:00:00', '00:00:00'].map((t) =>
      parser.parse(t)
    )
    const day = 86_400_000
    expect(times).toEqual([86_398_000, 86_399_500, day + 1000, day + 43_200_000, 2 * day])
    expect(parser.base).toBe('clock')
  })

  it('keeps clock time increasing over any sequence of steps shorter than a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 86_399 }),
        fc.array(fc.integer({ min: 0, max: 86_399 }), { maxLength: 50 }),
        (start, steps) => {
          const parser = createTimeParser()
          const format = (s: number) =>
            [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60]
              .map((n) => String(n).padStart(2, '0'))
              .join(':')
          let absolute = start
          let previous = parser.parse(format(start))
          expect(previous).toBe(start * 1000)
          for (const step of steps) {
            absolute += step
            const next = parser.parse(format(absolute))
            expect(next).toBe(absolute * 1000)
            expect(next).toBeGreaterThanOrEqual(previous)
            previous = next
          }
        }
      )
    )
  })

  it('rejects a value of another kind than the first and says what was expected', () => {
    const parser = createTimeParser()
    expect(parser.parse('2024-05-01T12:00:00Z')).toBe(Date.UTC(2024, 4, 1, 12))
    expect(parser.parse('1641298536')).toBeNaN()
    expect(parser.parse('12:00:00')).toBeNaN()
    expect(parser.expected).toMatch(/ISO-8601/)
  })

  it('reads consecutive ISO rows through its prefix cache exactly like a full parse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4102444800000 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 30 }),
        fc.constantFrom('Z', '+01:00', ''),
        fc.boolean(),
        (start, steps, zone, millis) => {
          const parser = createTimeParser()
          let ms = start
          for (const step of [0, ...steps]) {
            ms += step
            const iso = new Date(ms).toISOString()
            const text = (millis ? iso.slice(0, 23) : iso.slice(0, 19)) + zone
            expect(parser.parse(text)).toBe(parseIsoTime(text))
          }
        }
      )
    )
  })
})

describe('parseUnitDuration', () => {
  it.each([
    ['0s', 0],
    ['+5s', 5000],
    ['250ms', 250],
    ['1m30s', 90_000],
    ['1m 30s', 90_000],
    ['2min', 120_000],
    ['1.5h', 5_400_000],
    ['1h2m3.5s', 3_723_500],
    ['1.234µs', 0.001234],
    ['17ns', 0.000017]
  ])('%s → %d ms', (text, ms) => {
    expect(parseUnitDuration(text)).toBe(ms)
  })

  it.each([
    '5',
    '5 s',
    's',
    '+',
    '-5s',
    '30s1m',
    '1m1m',
    '5sec',
    '5mb',
    '1m  30s',
    `${'1'.repeat(70)}s`
  ])('rejects %j', (text) => {
    expect(parseUnitDuration(text)).toBeNaN()
  })

  it('reads what Go prints for any duration (time.Duration.String, whole ms)', () => {
    /** Go's String() for whole milliseconds: `1h2m3.5s`, `59.5s`, `500ms`, `0s`. */
    const goString = (ms: number): string => {
      if (ms === 0) return '0s'
      if (ms < 1000) return `${ms}ms`
      const hours = Math.floor(ms / 3_600_000)
      const minutes = Math.floor((ms % 3_600_000) / 60_000)
      const seconds = (ms % 60_000) / 1000
      return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${seconds}s`
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 3_600_000 }), (ms) => {
        expect(parseUnitDuration(goString(ms))).toBe(ms)
      })
    )
  })
})

describe('parseMinutesSeconds', () => {
  it.each([
    ['00:00', 0],
    ['03:40', 220_000],
    ['75:10', 4_510_000],
    ['3:05.250', 185_250]
  ])('%s → %d ms', (text, ms) => {
    expect(parseMinutesSeconds(text)).toBe(ms)
  })

  it.each(['03:60', '03:4', '1:02:03', 'ab:cd'])('rejects %s', (text) => {
    expect(parseMinutesSeconds(text)).toBeNaN()
  })
})

describe('elapsed times in createTimeParser', () => {
  it('never rolls durations over: they count from the start, on the clock axis', () => {
    const parser = createTimeParser()
    expect(['59m59s', '1h0m0s', '25h0m0s'].map((t) => parser.parse(t))).toEqual([
      3_599_000, 3_600_000, 90_000_000
    ])
    expect(parser.base).toBe('clock')
    expect(parser.inferred).toBeUndefined()
  })

  it('settles MM:SS by a first field above 23 even late in the column', () => {
    const parser = createTimeParser()
    for (const t of ['10:00', '10:05', '24:10']) parser.parse(t)
    expect(parser.formProblem).toBeUndefined()
    expect(parser.inferred).toMatch(/settled by "24:10" \(24 is no hour of a clock\)/)
  })
})

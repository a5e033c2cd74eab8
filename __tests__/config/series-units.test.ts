/** `unit:` and `time-unit:` in a series entry: converted once, bad spellings refused with the allowed list. */
import { ConfigError } from '../../src/errors.js'
import { parseConfig } from '../../src/config/parse-config.js'

describe('series unit and time-unit', () => {
  it('converts them to bytes and milliseconds per unit', () => {
    const config = parseConfig(
      [
        'series:',
        '  - file: ps.csv',
        '    unit: KiB',
        '  - file: gc.log',
        '    pattern: "(?<ms>\\\\d+) ms: (?<after>[\\\\d.]+) MB"',
        '    time: ms',
        '    unit: MiB',
        '    time-unit: ms',
        '  - file: hr.csv',
        '    time-unit: ns',
        '  - file: docker.csv',
        '    unit: kB'
      ].join('\n'),
      'leak-gate.yml'
    )
    expect(config.series.map((s) => [s.file, s.unitBytes, s.timeUnitMs])).toEqual([
      ['ps.csv', 1024, undefined],
      ['gc.log', 1024 ** 2, 1],
      ['hr.csv', undefined, 1e-6],
      ['docker.csv', 1000, undefined]
    ])
  })

  it.each([
    [
      'unit: KB/s',
      'leak-gate.yml:3: key "series[0].unit": found "KB/s", expected a size unit: B, KiB, MiB, GiB, kB, MB, GB'
    ],
    [
      'time-unit: minutes',
      'leak-gate.yml:3: key "series[0].time-unit": found "minutes", expected a time unit: s, ms, us, ns'
    ]
  ])('%s is refused', (line, message) => {
    expect(() => parseConfig(`series:\n  - file: a.csv\n    ${line}\n`, 'leak-gate.yml')).toThrow(
      ConfigError
    )
    expect(() => parseConfig(`series:\n  - file: a.csv\n    ${line}\n`, 'leak-gate.yml')).toThrow(
      message
    )
  })
})

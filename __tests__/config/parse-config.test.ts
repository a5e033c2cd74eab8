import { readFileSync } from 'node:fs'
import { ConfigError } from '../../src/errors.js'
import { parseConfig } from '../../src/config/parse-config.js'
import { DEFAULT_WARMUP } from '../../src/config/types.js'

const specExample = readFileSync(
  new URL('../../__fixtures__/config/spec-example.yml', import.meta.url),
  'utf8'
)

describe('parseConfig: valid files', () => {
  it('parses the SPEC §3 example verbatim, with units converted', () => {
    const config = parseConfig(specExample, '.github/leak-gate.yml')
    expect(config.source).toBe('.github/leak-gate.yml')
    expect(config.warmup).toEqual({ kind: 'fraction', fraction: 0.2 })
    expect(config.series).toEqual([
      {
        file: 'docker_stats*.csv',
        format: 'docker-stats',
        time: 'timestamp',
        work: 'archives',
        group: 'name',
        pattern: 'archives=(?<archives>\\d+) live=(?<live>\\d+)',
        // 7.654 × 1024³ = 8,218,419,921.3 bytes
        limit: 8_218_419_921,
        metrics: {
          MemUsage: 'memory',
          live: 'live',
          created: 'created',
          collected: 'collected',
          DELEGATES: 'count'
        }
      }
    ])
    expect(config.snapshots).toEqual({
      baseline: 'baseline.json',
      post: 'post-test.json',
      work: 'registry.totalModels',
      metrics: { heapUsed: 'memory', rss: 'memory', 'registry.tenantRegistries': 'count' }
    })
    expect(config.checks).toEqual({
      heapUsed: {
        'retained-after-load': { amount: 25, unit: 'percent', text: '25%' },
        'per-work-cost': { amount: 71_680, unit: 'bytes', text: '70KiB' }
      },
      MemUsage: {
        'sustained-growth': { amount: 5_242_880, unit: 'bytes', perHour: true, text: '5MiB/h' },
        'oom-risk': { amount: 86_400_000, unit: 'ms', text: '24h' }
      }
    })
    expect(config.ignore).toEqual([
      {
        signature: 'rising-floor',
        metric: 'rss',
        reason: 'known slow growth in the TLS session cache, fixed in #1234',
        until: '2027-01-31'
      }
    ])
  })

  it.each([
    ['an empty file', ''],
    [
      'only comments',
      '# yaml-language-server: $schema=https://unpkg.com/leak-gate/schema/leak-gate.schema.json\n'
    ],
    ['an empty map', '{}\n']
  ])('gives all defaults for %s', (_name, text) => {
    expect(parseConfig(text, 'x.yml')).toEqual({
      source: 'x.yml',
      warmup: DEFAULT_WARMUP,
      series: [],
      checks: {},
      ignore: []
    })
  })

  it.each([
    ['20%', { kind: 'fraction', fraction: 0.2 }],
    ['5m', { kind: 'duration', ms: 300_000 }],
    ['90s', { kind: 'duration', ms: 90_000 }],
    ['1h', { kind: 'duration', ms: 3_600_000 }],
    ['1h30m', { kind: 'duration', ms: 5_400_000 }],
    ['10 minutes', { kind: 'duration', ms: 600_000 }],
    ['500', { kind: 'work', amount: 500 }],
    ['500 requests', { kind: 'work', amount: 500 }],
    ['"250"', { kind: 'work', amount: 250 }],
    ['0', { kind: 'work', amount: 0 }]
  ])('reads warmup: %s', (value, expected) => {
    expect(parseConfig(`warmup: ${value}\n`, 'x.yml').warmup).toEqual(expected)
  })

  it('reads every threshold spelling, converted per hour / to bytes / to ms', () => {
    const config = parseConfig(
      [
        'checks:',
        '  rss:',
        '    sustained-growth: 1KiB/min',
        '    rising-floor: 2%/h',
        '    retained-after-load: 10MiB',
        '    per-work-cost: 3',
        '    uncollected-objects: 95%',
        '    oom-risk: 7d',
        '    regression: 20%',
        '  live:',
        '    sustained-growth: 10/h',
        '    rising-floor: 48/d',
        '    retained-after-load: 100',
        '    per-work-cost: "1.5"',
        '  "*":',
        '    oom-risk: off',
        '    regression: off',
        '  memory.csv:heapUsed:',
        '    sustained-growth: 1 MB / day'
      ].join('\n'),
      'x.yml'
    )
    expect(config.checks).toEqual({
      rss: {
        'sustained-growth': { amount: 61_440, unit: 'bytes', perHour: true, text: '1KiB/min' },
        'rising-floor': { amount: 2, unit: 'percent', perHour: true, text: '2%/h' },
        'retained-after-load': { amount: 10_485_760, unit: 'bytes', text: '10MiB' },
        'per-work-cost': { amount: 3, unit: 'count', text: '3' },
        'uncollected-objects': { amount: 95, unit: 'percent', text: '95%' },
        'oom-risk': { amount: 604_800_000, unit: 'ms', text: '7d' },
        regression: { amount: 20, unit: 'percent', text: '20%' }
      },
      live: {
        'sustained-growth': { amount: 10, unit: 'count', perHour: true, text: '10/h' },
        'rising-floor': { amount: 2, unit: 'count', perHour: true, text: '48/d' },
        'retained-after-load': { amount: 100, unit: 'count', text: '100' },
        'per-work-cost': { amount: 1.5, unit: 'count', text: '1.5' }
      },
      '*': { 'oom-risk': 'off', regression: 'off' },
      'memory.csv:heapUsed': {
        'sustained-growth': {
          amount: 1_000_000 / 24,
          unit: 'bytes',
          perHour: true,
          text: '1 MB / day'
        }
      }
    })
  })

  it('takes mm:ss and HH:mm as a time-format for a column of NN:NN values', () => {
    const config = parseConfig(
      [
        'series:',
        '  - {file: a.csv, time: t, time-format: mm:ss}',
        "  - {file: b.csv, time: t, time-format: 'HH:mm'}"
      ].join('\n'),
      'x.yml'
    )
    expect(config.series.map((entry) => entry.timeFormat)).toEqual(['mm:ss', 'HH:mm'])
    expect(() =>
      parseConfig('series:\n  - {file: a.csv, time: t, time-format: ss:mm}\n', 'x.yml')
    ).toThrow(
      'x.yml:2: key "series[0].time-format": found "ss:mm", expected a date order (MM/DD/YYYY or DD/MM/YYYY), mm:ss (elapsed) or HH:mm (clock), or a pattern with a year, a month and a day like "DD_MMM_YYYY_HH_mm_ss"'
    )
  })

  it('reads a log series: format defaults to log when a pattern is given; limit as a number of bytes', () => {
    const config = parseConfig(
      [
        'series:',
        "  - file: 'logs/**/broker_stats.{log,txt}'",
        "    pattern: 'archives=(?<archives>\\d+) live=(?<live>\\d+)'",
        '    work: archives',
        '    limit: 536870912',
        'snapshots:',
        '  baseline: baseline.prom',
        '  post: post.prom',
        '  work: 50',
        'ignore:',
        '  - signature: oom-risk',
        '    reason: staging has no limit'
      ].join('\n'),
      'x.yml'
    )
    expect(config.series).toEqual([
      {
        file: 'logs/**/broker_stats.{log,txt}',
        format: 'log',
        pattern: 'archives=(?<archives>\\d+) live=(?<live>\\d+)',
        work: 'archives',
        limit: 536_870_912
      }
    ])
    expect(config.snapshots).toEqual({ baseline: 'baseline.prom', post: 'post.prom', work: 50 })
    expect(config.ignore).toEqual([
      { signature: 'oom-risk', metric: '*', reason: 'staging has no limit' }
    ])
  })
})

const SIGNATURES =
  'sustained-growth, rising-floor, retained-after-load, per-work-cost, uncollected-objects, oom-risk, regression, leaking-class'
const GLOB = 'a glob relative to the artifact root like "docker_stats*.csv"'
const PATTERN = 'a regular expression with named groups like "live=(?<live>\\d+)"'

describe('parseConfig: errors name the key, the line, and what is allowed', () => {
  it.each([
    [
      'unknown signature id in checks',
      'checks:\n  heapUsed:\n    per-work-costt: 70KiB\n',
      `leak-gate.yml:3: key "checks.heapUsed.per-work-costt": unknown key, did you mean "per-work-cost"? (allowed: ${SIGNATURES})`
    ],
    [
      'unknown top-level key',
      'warmup: 10%\nchekcs: {}\n',
      'leak-gate.yml:2: key "chekcs": unknown key, did you mean "checks"? (allowed: warmup, series, snapshots, histograms, heap, checks, ignore, runs)'
    ],
    [
      'unknown series key, nothing close',
      'series:\n  - file: a.csv\n    colour: red\n',
      'leak-gate.yml:3: key "series[0].colour": unknown key (allowed: file, format, time, work, group, pattern, limit, metrics, unit, time-unit, time-format)'
    ],
    [
      'unknown snapshots key',
      'snapshots:\n  baseline: b.json\n  post: p.json\n  before: x\n',
      'leak-gate.yml:4: key "snapshots.before": unknown key (allowed: baseline, post, work, metrics)'
    ],
    [
      'unknown ignore key',
      'ignore:\n  - signature: oom-risk\n    reason: r\n    reson: r\n',
      'leak-gate.yml:4: key "ignore[0].reson": unknown key, did you mean "reason"? (allowed: signature, metric, reason, until)'
    ],
    [
      'bad size unit',
      'series:\n  - file: a.csv\n    limit: 7.6 parsecs\n',
      'leak-gate.yml:3: key "series[0].limit": found "7.6 parsecs", expected a size like "7.654GiB"'
    ],
    [
      'a list where a map is expected',
      'series: 5\n',
      'leak-gate.yml:1: key "series": found 5, expected a list of series entries'
    ],
    [
      'wrong type for a threshold',
      'checks:\n  rss:\n    sustained-growth: true\n',
      'leak-gate.yml:3: key "checks.rss.sustained-growth": found true, expected a rate like "5MiB/h", "2%/h" or "10/h", or off'
    ],
    [
      'wrong type for a checks entry',
      'checks:\n  rss: 5\n',
      'leak-gate.yml:2: key "checks.rss": found 5, expected a map of signature id → threshold'
    ],
    [
      'wrong type for a column name',
      'series:\n  - file: a.csv\n    time: [a, b]\n',
      'leak-gate.yml:3: key "series[0].time": found a list, expected a column name'
    ],
    [
      'empty value',
      'warmup:\n',
      'leak-gate.yml:1: key "warmup": found nothing, expected a fraction like "20%", a duration like "5m", or a work amount like "500 requests"'
    ],
    [
      'a rate without a time unit',
      'checks:\n  rss:\n    sustained-growth: 5MiB\n',
      'leak-gate.yml:3: key "checks.rss.sustained-growth": found "5MiB", expected a rate like "5MiB/h", "2%/h" or "10/h", or off'
    ],
    [
      'collection rate above 100 %',
      'checks:\n  live:\n    uncollected-objects: 120%\n',
      'leak-gate.yml:3: key "checks.live.uncollected-objects": found "120%", expected a minimum collection rate like "95%", or off (at most 100%)'
    ],
    [
      'a horizon that is not a duration',
      'checks:\n  rss:\n    oom-risk: soon\n',
      'leak-gate.yml:3: key "checks.rss.oom-risk": found "soon", expected a horizon like "24h", "30m" or "7d", or off'
    ],
    [
      'a regression tolerance that is not a percent',
      'checks:\n  rss:\n    regression: 20\n',
      'leak-gate.yml:3: key "checks.rss.regression": found 20, expected a percent like "20%", or off'
    ],
    [
      'a negative count',
      'checks:\n  rss:\n    per-work-cost: -3\n',
      'leak-gate.yml:3: key "checks.rss.per-work-cost": found -3, expected a size like "70KiB" or a count per unit of work, or off'
    ],
    [
      'warm-up of 100 % or more',
      'warmup: 150%\n',
      'leak-gate.yml:1: key "warmup": found "150%", expected a fraction like "20%", a duration like "5m", or a work amount like "500 requests" (a fraction below 100%)'
    ],
    [
      'warm-up given as a size',
      'warmup: 20 MiB\n',
      'leak-gate.yml:1: key "warmup": found "20 MiB", expected a fraction like "20%", a duration like "5m", or a work amount like "500 requests" (a size is not a warm-up)'
    ],
    [
      'bad signature id in ignore',
      'ignore:\n  - signature: rising-flor\n    reason: x\n',
      `leak-gate.yml:2: key "ignore[0].signature": found "rising-flor", expected a signature id (allowed: ${SIGNATURES})`
    ],
    [
      'bad kind',
      'series:\n  - file: a.csv\n    metrics:\n      MemUsage: mem\n',
      'leak-gate.yml:4: key "series[0].metrics.MemUsage": found "mem", expected a metric kind (allowed: memory, count, live, created, collected)'
    ],
    [
      'bad kind in snapshots',
      'snapshots:\n  baseline: b.json\n  post: p.json\n  metrics:\n    rss: bytes\n',
      'leak-gate.yml:5: key "snapshots.metrics.rss": found "bytes", expected a metric kind (allowed: memory, count, live, created, collected)'
    ],
    [
      'bad format',
      'series:\n  - file: a.csv\n    format: xml\n',
      'leak-gate.yml:3: key "series[0].format": found "xml", expected an input format (allowed: docker-stats, csv, jsonl, json, prometheus, log)'
    ],
    [
      'invalid YAML (flow sequence not closed)',
      'warmup: [1\nseries: 2\n',
      'leak-gate.yml:2: found "series: 2", expected valid YAML (at column 1: Flow sequence in block collection must be sufficiently indented and end with a ])'
    ],
    [
      'invalid YAML (duplicate key)',
      'warmup: 10%\nwarmup: 20%\n',
      'leak-gate.yml:2: found "warmup: 20%", expected valid YAML (at column 1: Map keys must be unique)'
    ],
    [
      'invalid YAML (tab indentation)',
      'series:\n\t- file: a.csv\n',
      'leak-gate.yml:2: found "- file: a.csv", expected valid YAML (at column 1: Tabs are not allowed as indentation)'
    ],
    [
      'a document that is not a map',
      'hello\n',
      'leak-gate.yml:1: found "hello", expected a map of settings'
    ],
    [
      'until that is not a date',
      'ignore:\n  - signature: rising-floor\n    reason: x\n    until: soon\n',
      'leak-gate.yml:4: key "ignore[0].until": found "soon", expected a date like "2027-01-31"'
    ],
    [
      'until that is not a calendar day',
      'ignore:\n  - signature: rising-floor\n    reason: x\n    until: 2027-02-30\n',
      'leak-gate.yml:4: key "ignore[0].until": found "2027-02-30", expected a date like "2027-01-31"'
    ],
    [
      'a pattern that is not a RegExp',
      'series:\n  - file: a.log\n    pattern: "(?<a>"\n',
      `leak-gate.yml:3: key "series[0].pattern": found "(?<a>", expected ${PATTERN} (Invalid regular expression: /(?<a>/: Unterminated group)`
    ],
    [
      'a pattern without named groups',
      "series:\n  - file: a.log\n    pattern: 'live=(\\d+)'\n",
      `leak-gate.yml:3: key "series[0].pattern": found "live=(\\d+)", expected ${PATTERN} (it has none)`
    ],
    [
      'format log without a pattern',
      'series:\n  - file: a.log\n    format: log\n',
      `leak-gate.yml:2: key "series[0].pattern": missing, expected ${PATTERN} (format log needs one)`
    ],
    [
      'a glob that climbs out of the root',
      'series:\n  - file: ../x.csv\n',
      `leak-gate.yml:2: key "series[0].file": found "../x.csv", expected ${GLOB} (".." leaves the artifact root)`
    ],
    [
      'an absolute glob',
      'series:\n  - file: a.csv\n  - file: /etc/passwd\n',
      `leak-gate.yml:3: key "series[1].file": found "/etc/passwd", expected ${GLOB} (absolute paths are refused)`
    ],
    [
      'a Windows drive path',
      "snapshots:\n  baseline: 'C:\\data\\b.json'\n  post: p.json\n",
      `leak-gate.yml:2: key "snapshots.baseline": found "C:\\data\\b.json", expected ${GLOB} (absolute paths are refused)`
    ],
    [
      '".." hidden in a brace alternative',
      'snapshots:\n  baseline: "{a,../b}.json"\n  post: p.json\n',
      `leak-gate.yml:2: key "snapshots.baseline": found "{a,../b}.json", expected ${GLOB} (".." leaves the artifact root)`
    ],
    [
      'a missing required key',
      'series:\n  - format: csv\n',
      `leak-gate.yml:2: key "series[0].file": missing, expected ${GLOB}`
    ],
    [
      'an ignore entry without a reason',
      'ignore:\n  - signature: oom-risk\n',
      'leak-gate.yml:2: key "ignore[0].reason": missing, expected a reason (shown in the report)'
    ]
  ])('%s', (_name, text, message) => {
    let thrown: unknown
    try {
      parseConfig(text, 'leak-gate.yml')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).message).toBe(message)
    expect((thrown as ConfigError).message).not.toContain('\n')
  })

  it('reports the first problem in file order when there are several', () => {
    expect(() =>
      parseConfig(
        'series:\n  - file: a.csv\n    format: xml\nwarmup: soon-ish\nbogus: 1\n',
        'x.yml'
      )
    ).toThrow('x.yml:3: key "series[0].format"')
  })

  it('keeps the key and line as fields for the report', () => {
    try {
      parseConfig('\n\nseries:\n  - file: a.csv\n    limit: lots\n', 'cfg.yml')
      throw new Error('no error')
    } catch (error) {
      expect(error).toMatchObject({ file: 'cfg.yml', key: 'series[0].limit', line: 5 })
      expect((error as ConfigError).toReportError()).toMatchObject({
        file: 'cfg.yml',
        line: 5,
        column: 'series[0].limit'
      })
    }
  })
})

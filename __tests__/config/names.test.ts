/**
 * The helpers behind "a name in the config matches nothing" errors: the config
 * line of a key, did-you-mean, short name lists, unknown `checks:` keys,
 * snapshot names missing from the files, and where JSON.parse stopped.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/find-config.js'
import {
  closestName,
  configKeyLine,
  listNames,
  parseConfig
} from '../../src/config/parse-config.js'
import { missingSnapshotNames } from '../../src/analyze/snapshot-analysis.js'
import { unknownCheckKeys } from '../../src/analyze/thresholds.js'
import { placeJsonError } from '../../src/load/json.js'
import { ConfigError, InputError, oneLine } from '../../src/errors.js'

const TEXT = [
  'warmup: 10%', // 1
  'series:', // 2
  '  - file: memory.csv', // 3
  '    work: requests', // 4
  '    metrics:', // 5
  '      rss: memory', // 6
  'snapshots:', // 7
  '  baseline: b.json', // 8
  '  post: p.json', // 9
  '  metrics: { heapUsed: memory, rss: memory }', // 10
  'checks:', // 11
  '  heapUsd: { retained-after-load: 10% }' // 12
].join('\n')

describe('configKeyLine', () => {
  const config = parseConfig(TEXT, 'leak-gate.yml')

  it.each([
    [[], 'snapshots', 7],
    [['snapshots'], 'work', 8], // a missing key points at its map's first line
    [['snapshots', 'metrics'], 'rss', 10],
    [['checks'], 'heapUsd', 12],
    [['series', 0], 'work', 4],
    [['series', 0, 'metrics'], 'rss', 6]
  ] as const)('%j %s → line %i', (path, key, line) => {
    expect(configKeyLine(config, path, key)).toBe(line)
  })

  it('knows nothing of a config built in code', () => {
    expect(configKeyLine({ ...config }, ['checks'], 'heapUsd')).toBeUndefined()
  })

  it('survives loadConfig, which copies the parsed config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'leak-gate-names-'))
    try {
      await mkdir(join(dir, 'artifact'))
      await writeFile(join(dir, 'artifact', 'leak-gate.yml'), TEXT)
      const loaded = await loadConfig({ artifactRoot: join(dir, 'artifact') })
      expect(loaded.how).toBe('artifact')
      expect(configKeyLine(loaded, ['checks'], 'heapUsd')).toBe(12)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('closestName and listNames', () => {
  it('suggests a name at most two edits away, or one differing in case only', () => {
    expect(closestName('heapUsd', ['rss', 'heapUsed', 'heapTotal'])).toBe('heapUsed')
    expect(closestName('RSS', ['rss', 'heapUsed'])).toBe('rss')
    expect(closestName('requestz', ['requests', 'rss'])).toBe('requests')
    expect(closestName('totally-else', ['rss', 'heapUsed'])).toBeUndefined()
  })

  it('lists all names when few, else the closest and a count of the rest', () => {
    expect(listNames('x', ['a', 'b', 'a'])).toEqual(['a', 'b'])
    const many = Array.from({ length: 20 }, (_, i) => `metric_${i}`)
    const listed = listNames('metric_17', many, 3)
    expect(listed).toHaveLength(4)
    expect(listed).toContain('metric_17')
    expect(listed[3]).toBe('… 17 more')
  })
})

describe('unknownCheckKeys', () => {
  const refs = [
    { file: 'data/memory.csv', metric: 'rss' },
    { file: 'docker_stats.csv', metric: 'MemUsage', group: 'api' },
    { file: 'p.json', metric: 'heapUsed' }
  ]
  it('accepts every name metricNames gives, and *', () => {
    const checks = Object.fromEntries(
      [
        'rss',
        'memory.csv:rss',
        'data/memory.csv:rss',
        'MemUsage',
        'MemUsage[api]',
        'docker_stats.csv:MemUsage[api]',
        'p.json:heapUsed',
        '*'
      ].map((key) => [key, {}])
    )
    expect(unknownCheckKeys(checks, refs)).toEqual([])
  })
  it('returns the keys no metric has', () => {
    expect(
      unknownCheckKeys({ heapUsd: {}, 'other.csv:rss': {}, 'MemUsage[web]': {}, rss: {} }, refs)
    ).toEqual(['heapUsd', 'other.csv:rss', 'MemUsage[web]'])
  })
})

describe('missingSnapshotNames', () => {
  const baseline = { file: 'b.json', values: { rss: 1, heapUsed: 2, requests: 0 } }
  const post = { file: 'p.json', values: { rss: 1, requests: 5 } }
  it('names each configured metric or work field a file lacks, and which file', () => {
    expect(
      missingSnapshotNames(baseline, post, {
        baseline: 'b.json',
        post: 'p.json',
        work: 'requestz',
        metrics: { rss: 'memory', heapUsed: 'memory', heapUsd: 'memory' }
      })
    ).toEqual([
      { key: 'metrics', name: 'heapUsed', missingFrom: ['p.json'] },
      { key: 'metrics', name: 'heapUsd', missingFrom: ['b.json', 'p.json'] },
      { key: 'work', name: 'requestz', missingFrom: ['b.json', 'p.json'] }
    ])
  })
  it('has nothing to say about a numeric work amount or present names', () => {
    expect(
      missingSnapshotNames(baseline, post, {
        baseline: 'b.json',
        post: 'p.json',
        work: 500,
        metrics: { rss: 'memory' }
      })
    ).toEqual([])
  })
})

describe('placeJsonError', () => {
  const place = (text: string) => {
    try {
      JSON.parse(text)
    } catch (error) {
      return placeJsonError(text, (error as Error).message)
    }
    throw new Error('parsed')
  }

  it('reads "at position N" (with or without Node 22\'s line and column)', () => {
    const text = '{\n  "rss": 1,\n  "heapUsed" 2\n}'
    expect(placeJsonError(text, 'Unexpected number in JSON at position 27')).toEqual({
      line: 3,
      column: 14,
      found: '2',
      reason: 'Unexpected number'
    })
    expect(
      placeJsonError(text, 'Unexpected number in JSON at position 27 (line 3 column 14)')
    ).toEqual({ line: 3, column: 14, found: '2', reason: 'Unexpected number' })
  })

  it('reads the excerpt V8 quotes at the start, middle and end of a long text', () => {
    expect(place('[ Top 10 ]\n<frozen importlib>: size=1 KiB')).toEqual({
      line: 1,
      column: 3,
      found: 'Top 10 ]',
      reason: "Unexpected token 'T'"
    })
    const middle = '{"a": [' + '1,'.repeat(20) + 'x, 2]}'
    expect(place(middle)).toEqual({
      line: 1,
      column: middle.indexOf('x') + 1,
      found: 'x, 2]}',
      reason: "Unexpected token 'x'"
    })
    const end = '{"a": [' + '1,'.repeat(20) + 'x]}'
    expect(place(end)).toMatchObject({ column: end.indexOf('x') + 1, found: 'x]}' })
    expect(place('{"a": tru}')).toMatchObject({ line: 1, column: 10, found: '}' })
  })

  it('says nothing was found at the end of the text', () => {
    expect(place('{\n"a": 1')).toEqual({
      line: 2,
      column: 7,
      reason: "Expected ',' or '}' after property value"
    })
  })
})

describe('messages stay on one line', () => {
  it('folds line breaks in quoted text', () => {
    expect(oneLine('a\n  b\r\nc')).toBe('a b c')
    expect(new InputError('f.json', 1, undefined, 'x\ny', 'a\nthing').message).toBe(
      'f.json:1: found "x?y", expected a thing'
    )
    expect(new ConfigError('c.yml', 'k', 'found\n"x"', [], 2).message).toBe(
      'c.yml:2: key "k": found "x"'
    )
  })

  it('leaves empty fields out of report entries', () => {
    expect(new ConfigError('c.yml', '', 'bad').toReportError()).toStrictEqual({
      file: 'c.yml',
      message: 'c.yml: bad'
    })
    expect(
      new InputError('f.csv', undefined, undefined, undefined, 'rows').toReportError()
    ).toStrictEqual({ file: 'f.csv', expected: 'rows', message: 'f.csv: rows' })
  })
})

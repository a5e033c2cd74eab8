import { ConfigError } from '../../src/errors.js'
import {
  assertInsideRoot,
  escapeGlob,
  expandBraces,
  insideRootProblem,
  matchFiles
} from '../../src/config/globs.js'

const FILES = [
  'docker_stats.csv',
  'docker_stats_2.csv',
  'broker_stats.csv',
  'memory.csv',
  'baseline.json',
  'post-test.json',
  'runtime.prom',
  'README.md',
  'run1/docker_stats.csv',
  'run1/deep/memory.csv',
  'run2/memory.jsonl',
  'shard[1]/memory.csv',
  '.hidden.csv'
]

describe('matchFiles', () => {
  it.each([
    ['docker_stats*.csv', ['docker_stats.csv', 'docker_stats_2.csv']],
    [
      '*.csv',
      ['docker_stats.csv', 'docker_stats_2.csv', 'broker_stats.csv', 'memory.csv', '.hidden.csv']
    ],
    ['**/memory.csv', ['memory.csv', 'run1/deep/memory.csv', 'shard[1]/memory.csv']],
    ['run1/**', ['run1/docker_stats.csv', 'run1/deep/memory.csv']],
    ['run1/*', ['run1/docker_stats.csv']],
    ['**', FILES],
    ['**/*.{csv,jsonl}', FILES.filter((f) => f.endsWith('.csv') || f.endsWith('.jsonl'))],
    ['{baseline,post*}.json', ['baseline.json', 'post-test.json']],
    ['run?/memory.*', ['run2/memory.jsonl']],
    ['run[12]/**/memory.csv', ['run1/deep/memory.csv']],
    ['[!bd]*.csv', ['memory.csv', '.hidden.csv']],
    ['./memory.csv', ['memory.csv']],
    ['shard\\[1\\]/*.csv', ['shard[1]/memory.csv']],
    ['docker_stats.csv', ['docker_stats.csv']],
    ['memory.c?v', ['memory.csv']],
    ['*.txt', []],
    ['docker.stats.csv', []]
  ])('%s', (pattern, expected) => {
    expect(matchFiles(pattern, FILES)).toEqual(expected)
  })

  it('keeps regex characters of paths literal', () => {
    expect(matchFiles('a+b(1).csv', ['a+b(1).csv', 'aab1.csv'])).toEqual(['a+b(1).csv'])
  })

  it('escapes a literal path so it matches only itself', () => {
    const odd = 'shard[1]/mem*{x,y}?.csv'
    expect(matchFiles(escapeGlob(odd), [odd, 'shard1/memx.csv', 'shard[1]/mem-x1.csv'])).toEqual([
      odd
    ])
  })

  it('expands nested braces', () => {
    expect(expandBraces('a.{csv,json{,l}}')).toEqual(['a.csv', 'a.json', 'a.jsonl'])
    expect(expandBraces('no{braces}')).toEqual(['no{braces}'])
  })
})

describe('containment in the artifact root', () => {
  it.each([
    ['../x.csv', '".." leaves the artifact root'],
    ['a/../../x.csv', '".." leaves the artifact root'],
    ['{ok,..}/x.csv', '".." leaves the artifact root'],
    ['..\\x.csv', '".." leaves the artifact root'],
    ['/etc/passwd', 'absolute paths are refused'],
    ['C:\\x.csv', 'absolute paths are refused'],
    ['c:/x.csv', 'absolute paths are refused'],
    ['\\\\server\\share\\x.csv', 'absolute paths are refused'],
    ['~/x.csv', 'absolute paths are refused']
  ])('refuses %s', (pattern, problem) => {
    expect(insideRootProblem(pattern)).toBe(problem)
    expect(() => assertInsideRoot(pattern, 'leak-gate.yml', 'series[0].file')).toThrow(ConfigError)
  })

  it.each(['a.csv', '**/*.csv', 'run..1/x.csv', '..hidden', 'a/./b.csv'])(
    'accepts %s',
    (pattern) => {
      expect(insideRootProblem(pattern)).toBeUndefined()
      expect(() => assertInsideRoot(pattern)).not.toThrow()
    }
  )

  it('says which key and file in the message', () => {
    expect(() => assertInsideRoot('../x', 'leak-gate.yml', 'snapshots.post')).toThrow(
      'leak-gate.yml: key "snapshots.post": found "../x", expected a glob relative to the artifact root (".." leaves the artifact root)'
    )
  })
})

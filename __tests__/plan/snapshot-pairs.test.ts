/**
 * Snapshot pairs found by name with no config: two files of one folder named
 * the same but for a before/after word (`start.json` / `end.json`,
 * `memory-before.json` / `memory-after.json`, `snapshot-baseline.json` /
 * `snapshot-post.json`, `heap-baseline.json` / `heap-post.json`). A lone
 * `start.json`, an `end.json` beside an unrelated file, and names that differ
 * in more than the word are no pair.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectInputs, type FileHead } from '../../src/plan/detect.js'
import { namedSnapshotPairs } from '../../src/understand/snapshot-pairs.js'

const SHAPES = '__fixtures__/load/snapshot-shapes'
const heap = readFileSync(join(SHAPES, 'start-end/start.json'), 'utf8').split('\n')
const samples = ['[{"time": 1, "rss": 146800640}, {"time": 2, "rss": 146800700}]']

/** Files of one content under the given paths. */
const files = (paths: string[], head = heap): FileHead[] => paths.map((path) => ({ path, head }))

describe('pairs by one before/after word', () => {
  it.each([
    ['start.json', 'end.json', 'start', 'end'],
    ['memory-before.json', 'memory-after.json', 'before', 'after'],
    ['snapshot-baseline.json', 'snapshot-post.json', 'baseline', 'post'],
    ['heap-baseline.json', 'heap-post.json', 'baseline', 'post'],
    ['heap_initial.json', 'heap_final.json', 'initial', 'final'],
    ['run.idle.json', 'run.loaded.json', 'idle', 'loaded'],
    ['mem-pre-test.json', 'mem-post-test.json', 'pre-test', 'post-test'],
    ['out/begin-3.json', 'out/end-3.json', 'begin', 'end']
  ])('%s / %s', (baseline, post, before, after) => {
    const detected = detectInputs(files([post, baseline]))
    expect(detected.snapshots).toEqual({ baseline, post })
    expect(detected.skipped).toEqual([])
    expect(detected.used.find((use) => use.file === baseline)).toMatchObject({
      role: 'baseline',
      format: 'json',
      how: `baseline snapshot (JSON), paired by name with ${post} (${before} → ${after}); metric kinds by name (bytes → memory, others → count)`
    })
    expect(detected.used.find((use) => use.file === post)?.role).toBe('post')
  })

  it('baseline.json / post-test.json read as before, without a pairing phrase', () => {
    const detected = detectInputs(files(['baseline.json', 'post-test.json']))
    expect(detected.snapshots).toEqual({ baseline: 'baseline.json', post: 'post-test.json' })
    expect(detected.used.map((use) => use.how)).toEqual([
      'baseline snapshot (JSON); metric kinds by name (bytes → memory, others → count)',
      'post-test snapshot (JSON); metric kinds by name (bytes → memory, others → count)'
    ])
  })

  it('Prometheus scrapes pair the same way', () => {
    const prom = ['# TYPE process_resident_memory_bytes gauge', 'process_resident_memory_bytes 1e8']
    expect(detectInputs(files(['start.prom', 'end.prom'], prom)).snapshots).toEqual({
      baseline: 'start.prom',
      post: 'end.prom'
    })
  })
})

describe('no pair', () => {
  const reason =
    'a JSON document not named as a snapshot (baseline.* / post*.*, or two names the same but for a before/after word: start.json / end.json, memory-before.json / memory-after.json): list it under snapshots: to compare it'

  it('a lone start.json is no snapshot', () => {
    const detected = detectInputs(files(['start.json']))
    expect(detected.snapshots).toBeUndefined()
    expect(detected.skipped).toEqual([{ file: 'start.json', reason }])
  })

  it.each([
    // the rest of the names differ
    ['end.json', 'summary.json'],
    ['end.json', 'config-start.json'],
    ['memory-before.json', 'memory_after.json'],
    ['memory-before.json', 'heap-after.json'],
    // a word inside another word
    ['restart.json', 'reend.json'],
    ['startup.json', 'endpoint.json'],
    // another folder
    ['a/start.json', 'b/end.json'],
    // two before words, two after words
    ['start.json', 'before.json'],
    ['end.json', 'after.json']
  ])('%s and %s', (one, other) => {
    const detected = detectInputs(files([one, other]))
    expect(detected.snapshots).toBeUndefined()
    expect(detected.used).toEqual([])
  })

  it('a partner that is no JSON object: the other file is judged as any file', () => {
    const detected = detectInputs([
      { path: 'start.json', head: heap },
      { path: 'end.json', head: samples }
    ])
    expect(detected.snapshots).toBeUndefined()
    expect(detected.series).toEqual([{ file: 'end.json', format: 'jsonl', time: 'time' }])
    expect(detected.skipped).toEqual([{ file: 'start.json', reason }])
  })

  it('JSON lines named start/end are series, not snapshots', () => {
    const lines = ['{"time": 1, "rss": 146800640}', '{"time": 2, "rss": 146800700}']
    const detected = detectInputs(files(['start.jsonl', 'end.jsonl'], lines))
    expect(detected.snapshots).toBeUndefined()
    expect(detected.series.map((spec) => spec.file)).toEqual(['end.jsonl', 'start.jsonl'])
  })
})

describe('several pairs in one folder', () => {
  it('one pair is compared (the words of one family first), the others are said to be left out', () => {
    const detected = detectInputs(
      files([
        'baseline.json',
        'end.json',
        'memory-after.json',
        'memory-before.json',
        'post-test.json'
      ])
    )
    expect(detected.snapshots).toEqual({ baseline: 'baseline.json', post: 'post-test.json' })
    const why =
      'another snapshot pair is used (baseline.json → post-test.json); list this one under snapshots: instead'
    expect(detected.skipped).toEqual([
      { file: 'end.json', reason: why },
      { file: 'memory-after.json', reason: why },
      { file: 'memory-before.json', reason: why }
    ])
  })

  it('a mixed pair (baseline → end) when nothing better', () => {
    expect(namedSnapshotPairs(['baseline.json', 'end.json'])).toEqual([
      { baseline: 'baseline.json', post: 'end.json', words: ['baseline', 'end'] }
    ])
    expect(namedSnapshotPairs(['baseline.json', 'end.json', 'start.json'])[0]).toEqual({
      baseline: 'start.json',
      post: 'end.json',
      words: ['start', 'end']
    })
  })

  it('a name of many words is looked at no further', () => {
    const long = Array.from({ length: 40 }, (_, i) => `w${i}`).join('-')
    expect(namedSnapshotPairs([`${long}-start.json`, `${long}-end.json`])).toEqual([])
  })
})

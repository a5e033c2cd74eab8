/**
 * Baseline / post-test snapshots as people save them beyond `process.memoryUsage()`
 * (fixtures in __fixtures__/load/snapshot-shapes): nested keys (`memory.heap.used`,
 * `registries.connections`), Chrome DevTools' heap snapshot Statistics saved as JSON, and a
 * top level of generic words (`used`, `total`, `objects`). What is compared with no config,
 * as which kind, and what is not.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSnapshot, splitText } from '../../src/load/index.js'
import { chooseMetrics, snapshotShapeNote } from '../../src/understand/snapshot-metrics.js'
import { kindFromName, RESERVED_MEMORY_NAME } from '../../src/understand/names.js'
import type { Snapshot } from '../../src/model.js'

const DIR = '__fixtures__/load/snapshot-shapes'
const MiB = 1024 ** 2

async function load(file: string): Promise<Snapshot> {
  const loaded = await loadSnapshot(splitText(readFileSync(join(DIR, file), 'utf8')), file, 'json')
  expect(loaded.errors).toEqual([])
  return loaded.snapshot
}

const snapshot = (values: Record<string, number>, file = 'post-test.json'): Snapshot => ({
  file,
  values
})

describe('nested keys', () => {
  it('heap.used is the live heap, heap.total the reserved one, a registry field a kept count', async () => {
    const baseline = await load('nested/baseline.json')
    const post = await load('nested/post-test.json')
    expect(post.values['memory.heap.used']).toBe(123731968)
    expect(chooseMetrics(baseline, post)).toEqual({
      'memory.rss': 'memory',
      'memory.heap.used': 'memory',
      'memory.heap.total': 'memory',
      'registries.plugins': 'count',
      'registries.connections': 'count'
    })
    // the reserved heap warns at most (like heapTotal); the live heap may fail (like heapUsed)
    expect(RESERVED_MEMORY_NAME.test('memory.heap.total')).toBe(true)
    expect(RESERVED_MEMORY_NAME.test('memory.heap.used')).toBe(false)
    // read by name: no shape note
    expect(snapshotShapeNote(baseline, post)).toBeUndefined()
  })

  it('what is not a kept count under a namespace: the load brings it, an id, counters, objects by type', async () => {
    const chosen = chooseMetrics(
      await load('nested/baseline.json'),
      await load('nested/post-test.json')
    )
    for (const name of [
      'registry.uniqueModels',
      'registry.models',
      'registry.id',
      'counts.requests',
      'counts.errors',
      'objects.Array',
      'objects.Object'
    ])
      expect(chosen[name]).toBeUndefined()
  })

  it('a dotted registry constant (registry.DELEGATES) is a kept count with no config', () => {
    const baseline = snapshot(
      { 'registry.DELEGATES': 2921, 'registry.REGISTERED_PARSERS': 40 },
      'baseline.json'
    )
    const post = snapshot({ 'registry.DELEGATES': 3921, 'registry.REGISTERED_PARSERS': 40 })
    expect(chooseMetrics(baseline, post)).toEqual({
      'registry.DELEGATES': 'count',
      'registry.REGISTERED_PARSERS': 'count'
    })
  })

  it('a heap figure nested under another word is no heap', () => {
    expect(kindFromName('heap.used')).toBe('memory')
    expect(kindFromName('disk.used')).toBeUndefined()
    expect(kindFromName('heapless.used')).toBeUndefined()
  })
})

describe("DevTools' heap snapshot Statistics", () => {
  it('total is the live heap; strings, arrays and native memory are compared; code and system are not', async () => {
    const baseline = await load('devtools-statistics/heap-baseline.json')
    const post = await load('devtools-statistics/heap-post.json')
    expect(chooseMetrics(baseline, post)).toEqual({
      total: 'memory',
      'native.total': 'memory',
      'native.typedArrays': 'memory',
      'v8heap.total': 'memory',
      'v8heap.jsArrays': 'memory',
      'v8heap.strings': 'memory'
    })
    // a heap snapshot holds what survived the collection it forces: never the reserved heap
    expect(RESERVED_MEMORY_NAME.test('total')).toBe(false)
    expect(snapshotShapeNote(baseline, post)).toMatch(
      /^read as heap snapshot statistics \(DevTools' Statistics, bytes\): total, .*; v8heap\.code, v8heap\.system \(compiled code, the engine's own objects: they grow as code warms up\) not compared$/
    )
  })

  it('a config naming the metrics decides alone, with no note', async () => {
    const baseline = await load('devtools-statistics/heap-baseline.json')
    const post = await load('devtools-statistics/heap-post.json')
    const spec = { baseline: baseline.file, post: post.file, metrics: { total: 'memory' as const } }
    expect(chooseMetrics(baseline, post, spec)).toEqual({ total: 'memory' })
    expect(snapshotShapeNote(baseline, post, spec)).toBeUndefined()
  })

  it('a total beside two categories only is not read so', () => {
    const values = { total: 60 * MiB, 'v8heap.code': 3 * MiB, 'v8heap.strings': 8 * MiB }
    expect(chooseMetrics(snapshot(values, 'baseline.json'), snapshot(values))).toEqual({})
  })
})

describe('a top level of generic words (used, total, objects)', () => {
  it('byte-sized used ≤ total: used is compared as memory, total and objects are said to be left out', async () => {
    const baseline = await load('generic-used-total/baseline.json')
    const post = await load('generic-used-total/post-test.json')
    expect(chooseMetrics(baseline, post)).toEqual({ used: 'memory' })
    expect(snapshotShapeNote(baseline, post)).toMatch(
      /^top-level "used" and "total" read as memory in use and reserved, in bytes .*: used compared as memory; total and objects not compared/
    )
  })

  it.each([
    ['in MiB (under 1 MiB as bytes)', { used: 60, total: 90 }],
    ['used above total', { used: 95 * MiB, total: 90 * MiB }],
    // the host's memory as `free` or `os` report it
    ['beside free', { used: 60 * MiB, total: 90 * MiB, free: 30 * MiB }],
    ['beside another name', { used: 60 * MiB, total: 90 * MiB, requests: 500 }]
  ])('%s: nothing is read (the config names what to compare)', (_case, values) => {
    const baseline = snapshot(values, 'baseline.json')
    expect(chooseMetrics(baseline, snapshot(values))).toEqual({})
    expect(snapshotShapeNote(baseline, snapshot(values))).toBeUndefined()
  })
})

/**
 * Zero-config detection of what users really ship: scrapes saved one per file,
 * data files with a broken line or binary data (read, so the loader reports
 * them), and k6 CSV output.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectInputs, type FileHead } from '../../src/plan/detect.js'

/** A fixture folder as the pipeline lists it: relative paths and the first 24 lines. */
function listFolder(name: string): FileHead[] {
  const root = new URL(`../../__fixtures__/pipeline/zero-config/${name}/`, import.meta.url)
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(relative(fileURLToPath(root), entry.parentPath), entry.name)
      return { path, head: readFileSync(new URL(path, root), 'utf8').split('\n').slice(0, 24) }
    })
}

describe('scrapes saved one per file', () => {
  it('become one prometheus entry whose glob matches exactly those files', () => {
    const detected = detectInputs(listFolder('scrape-per-file'))
    expect(detected.series).toEqual([{ file: 'scrape-*.prom', format: 'prometheus' }])
    expect(detected.skipped).toEqual([])
    expect(detected.used).toHaveLength(12)
    expect(detected.used[0].how).toMatch(
      /^Prometheus scrapes saved one per file \(12 files, scrape-\*\.prom\), one point per scrape in file-name order: default runtime metrics \(python_info, process_virtual_memory_bytes, /
    )
  })

  it('list the files when a star would also match another file; other folders stay apart', () => {
    const head = [
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes 2.1e7'
    ]
    const detected = detectInputs([
      { path: 'run/scrape-1.prom', head },
      { path: 'run/scrape-2.prom', head },
      { path: 'run/scrape-3.prom', head },
      { path: 'run/scrape-final.prom', head },
      { path: 'other/scrape-4.prom', head }
    ])
    expect(detected.series).toEqual([
      { file: 'other/scrape-4.prom', format: 'prometheus' },
      { file: '{run/scrape-1.prom,run/scrape-2.prom,run/scrape-3.prom}', format: 'prometheus' },
      { file: 'run/scrape-final.prom', format: 'prometheus' }
    ])
  })

  it('stay apart per folder: shard-1/ … shard-3/ are three entries, not one spliced series', () => {
    const detected = detectInputs(listFolder('shards'))
    expect(detected.series).toEqual([
      { file: 'shard-1/scrape-*.prom', format: 'prometheus' },
      { file: 'shard-2/scrape-*.prom', format: 'prometheus' },
      { file: 'shard-3/scrape-*.prom', format: 'prometheus' }
    ])
    expect(detected.used).toHaveLength(36)
    expect(detected.used[0].how).toMatch(
      /^Prometheus scrapes saved one per file \(12 files, shard-1\/scrape-\*\.prom\)/
    )
  })

  it('keep replicas scraped at one time apart (pod-1.prom … pod-3.prom), and so a pair', () => {
    const detected = detectInputs(listFolder('replicas'))
    expect(detected.series).toEqual([
      { file: 'pod-1.prom', format: 'prometheus' },
      { file: 'pod-2.prom', format: 'prometheus' },
      { file: 'pod-3.prom', format: 'prometheus' }
    ])
    const head = (stamp: string) => [
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes 2.1e7 ${stamp}`
    ]
    const pair = detectInputs([
      { path: 'scrape-1.prom', head: head('1714564800000') },
      { path: 'scrape-2.prom', head: head('1714564815000') }
    ])
    expect(pair.series.map((spec) => spec.file)).toEqual(['scrape-1.prom', 'scrape-2.prom'])
    const stamped = detectInputs([
      { path: 'scrape-1.prom', head: head('1714564800000') },
      { path: 'scrape-2.prom', head: head('1714564815000') },
      { path: 'scrape-3.prom', head: head('1714564830000') }
    ])
    expect(stamped.series).toEqual([{ file: 'scrape-*.prom', format: 'prometheus' }])
    const sameTime = detectInputs([
      { path: 'scrape-1.prom', head: head('5') },
      { path: 'scrape-2.prom', head: head('6') },
      { path: 'scrape-3.prom', head: head('5') }
    ])
    expect(sameTime.series).toHaveLength(3)
  })

  it('group only names that differ in their last digits', () => {
    const head = ['process_resident_memory_bytes 2.1e7']
    const detected = detectInputs([
      { path: 'run1-scrape-1.prom', head },
      { path: 'run2-scrape-1.prom', head },
      { path: 'run3-scrape-1.prom', head },
      { path: 'run3-scrape-2.prom', head },
      { path: 'run3-scrape-3.prom', head }
    ])
    expect(detected.series.map((spec) => spec.file)).toEqual([
      'run1-scrape-1.prom',
      'run2-scrape-1.prom',
      'run3-scrape-*.prom'
    ])
  })

  it('read a .prom file with a time line and one broken line as Prometheus', () => {
    const detected = detectInputs([
      {
        path: 'metrics.prom',
        head: [
          '2024-05-01T12:00:00+00:00',
          '# TYPE process_resident_memory_bytes gauge',
          'process_resident_memory_bytes 2.1e7',
          'nodejs_heap_size_used_bytes{ 12'
        ]
      }
    ])
    expect(detected.series).toEqual([{ file: 'metrics.prom', format: 'prometheus' }])
  })
})

describe('broken and binary data files are read, never dropped', () => {
  it('reads memory.jsonl with a broken line 2 as JSON lines', () => {
    const detected = detectInputs(listFolder('broken-jsonl'))
    expect(detected.series).toEqual([
      { file: 'docker_stats.csv', format: 'docker-stats', time: 'timestamp', group: 'name' },
      { file: 'memory.jsonl', format: 'jsonl', time: 'time' }
    ])
    expect(detected.skipped).toEqual([])
  })

  it('reads a .jsonl whose head has no good line, so its errors are reported', () => {
    const detected = detectInputs([{ path: 'm.jsonl', head: ['{"rss": }', '{"rss": 1'] }])
    expect(detected.series).toEqual([{ file: 'm.jsonl', format: 'jsonl' }])
  })

  it('reads binary data named memory.csv as csv (the loader reports it) and skips other binaries quietly', () => {
    const binary = readFileSync(
      new URL('../../__fixtures__/pipeline/zero-config/binary-csv/memory.csv', import.meta.url),
      'utf8'
    ).split('\n')
    const detected = detectInputs([
      { path: 'memory.csv', head: binary },
      { path: 'core', head: binary },
      { path: 'dump.txt', head: binary }
    ])
    expect(detected.series).toEqual([{ file: 'memory.csv', format: 'csv' }])
    expect(detected.used[0].how).toBe('binary data in a .csv file')
    expect(detected.skipped).toEqual([
      { file: 'core', reason: 'binary data, not a text file' },
      { file: 'dump.txt', reason: 'binary data, not a text file' }
    ])
  })

  it('never puts raw control bytes in a skip reason', () => {
    // ESC and C1 controls are not binary data, yet must not reach a terminal raw
    const detected = detectInputs([{ path: 'odd.csv', head: ['a\u001bb,c\u009bd', '1,2'] }])
    expect(detected.skipped).toEqual([
      {
        file: 'odd.csv',
        reason: 'CSV without memory or object-count columns (columns: a?b, c?d)'
      }
    ])
  })

  it('names the column that holds a change of memory and how to have it judged', () => {
    // tracemalloc's "top diff" printed per iteration: a change, not a size held, so not judged
    // unasked; the reason says which column it was, not only that none was memory
    const detected = detectInputs([
      { path: 'memory.csv', head: ['iteration,traced_top_diff_bytes', '100,16160', '200,32160'] },
      { path: 'delta.csv', head: ['elapsed_s,rss_delta_mb', '0,0.5', '10,0.4'] },
      { path: 'other.csv', head: ['elapsed_s,price_diff', '0,1', '10,2'] }
    ])
    expect(detected.series).toEqual([])
    expect(detected.skipped.map((s) => s.reason)).toEqual([
      // in file order: delta.csv, memory.csv, other.csv
      "CSV without memory or object-count columns (columns: elapsed_s, rss_delta_mb); rss_delta_mb names a change of memory, not memory held: if it is memory since a start (tracemalloc's diff from its first snapshot), name it under metrics: as memory",
      "CSV without memory or object-count columns (columns: iteration, traced_top_diff_bytes); traced_top_diff_bytes names a change of memory, not memory held: if it is memory since a start (tracemalloc's diff from its first snapshot), name it under metrics: as memory",
      'CSV without memory or object-count columns (columns: elapsed_s, price_diff)'
    ])
  })
})

describe('k6 CSV output', () => {
  it('is load, not memory: skipped with a reason (a config entry reads it per metric)', () => {
    const detected = detectInputs(listFolder('k6-csv'))
    expect(detected.series.map((spec) => spec.file)).toEqual(['docker_stats.csv'])
    expect(detected.skipped).toContainEqual({
      file: 'k6.csv',
      reason:
        'k6 CSV output (load-test metrics, no memory): list it under series: to chart it (one series per metric_name)'
    })
  })
})

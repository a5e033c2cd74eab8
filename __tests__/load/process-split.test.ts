/**
 * CSVs holding several processes sampled side by side (fixtures in
 * __fixtures__/load/process-groups, as psutil loops, `ps` loops and worker
 * pools write them): a `pid`, `name`, `process` or `command` column whose
 * values interleave splits the file into one series per process, each judged
 * on its own span. A pid that changes for good is a restart, never a split; a
 * name that changes for good is a phase of the run; a label per row is no
 * process.
 */
import { readFileSync } from 'node:fs'
import { loadSeries, splitText } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import {
  interleavedValues,
  isLocustHeader,
  processSplit
} from '../../src/understand/process-columns.js'
import { fixture, loadFixtureSeries } from './helpers.js'
import { pick } from './helpers.js'

const MiB = 1024 ** 2
const at = (seconds: number) => Date.UTC(2025, 2, 10, 10, 0, seconds)

function load(name: string, spec: Partial<SeriesSpec> = {}) {
  return loadFixtureSeries(`process-groups/${name}`, 'csv', spec)
}

function head(name: string): string[] {
  return readFileSync(fixture('process-groups', name), 'utf8').split('\n')
}

describe('a pid column whose values interleave', () => {
  it('a worker pool: one series per pid; the worker that joins half way is its own shorter series', async () => {
    const loaded = await load('pool-pids.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.samples])).toEqual([
      ['pool-pids.csv:rss_kb[7201]', 12],
      ['pool-pids.csv:rss_kb[7202]', 12],
      ['pool-pids.csv:rss_kb[7203]', 6]
    ])
    const joined = pick(loaded.series, 'rss_kb', '7203')
    expect(joined.time[0]).toBe(at(30))
    expect(joined.value[0]).toBe(337000 * 1024)
    expect(pick(loaded.series, 'rss_kb', '7201').value[0]).toBe(183500 * 1024)
    // no restart is read from a pid that is a series of its own
    expect(loaded.series.every((s) => s.processChanges === undefined)).toBe(true)
    expect(loaded.notes).toContainEqual(
      '"pid" takes values that interleave (7201, 7202, 7203): several processes sampled side by side, one series per pid, each judged on its own span (a new pid is then a process of its own, not a restart of another); 7203 only from 10:00:30 UTC'
    )
  })

  it('one pid after another (a restart) stays one series with the restart recorded', async () => {
    const loaded = await load('pid-restart.csv')
    expect(loaded.series.map((s) => s.id)).toEqual([
      'pid-restart.csv:rss',
      'pid-restart.csv:heapUsed'
    ])
    expect(pick(loaded.series, 'rss').processChanges).toEqual([
      expect.objectContaining({ from: '4121', to: '4388', time: at(40), samplesBefore: 8 })
    ])
    expect((loaded.notes ?? []).join('\n')).not.toMatch(/interleave/)
  })

  it('`group:` in the config is kept as written', async () => {
    const loaded = await load('pool-pids.csv', { group: 'pid' })
    expect(loaded.series).toHaveLength(3)
    expect((loaded.notes ?? []).join('\n')).not.toMatch(/interleave/)
  })

  it('pids interleaving under one program name (gunicorn workers): one series per pid', async () => {
    const loaded = await load('gunicorn-workers.csv')
    expect(loaded.series.map((s) => s.group)).toEqual(['9001', '9002', '9003'])
    expect(pick(loaded.series, 'rss_mb', '9002').value[0]).toBe(60 * MiB)
  })
})

describe('a program-name column whose values interleave', () => {
  it('psutil rows (pid, name): one series per name, a new pid under a name is its restart', async () => {
    const loaded = await load('psutil-names.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => [s.id, s.samples])).toEqual([
      ['psutil-names.csv:rss_mb[node]', 10],
      ['psutil-names.csv:rss_mb[chrome]', 10]
    ])
    expect(pick(loaded.series, 'rss_mb', 'node').processChanges).toEqual([
      expect.objectContaining({ from: '5120', to: '5391', time: at(25) })
    ])
    expect(pick(loaded.series, 'rss_mb', 'chrome').processChanges).toBeUndefined()
    expect(pick(loaded.series, 'rss_mb', 'chrome').value[0]).toBe(310.25 * MiB)
  })

  it('a `command` column: one series per command line', async () => {
    const loaded = await load('command.csv')
    expect(loaded.series.map((s) => s.group)).toEqual(['node server.js', 'python worker.py'])
    expect(loaded.notes?.join('\n')).toMatch(/"command" takes values that interleave/)
  })

  it('names that follow each other for good (phases of the run) stay one series', async () => {
    const loaded = await load('phases.csv')
    expect(loaded.series.map((s) => [s.id, s.samples])).toEqual([['phases.csv:rss_mb', 20]])
  })

  it('a label per row, even with a few coming back, is no process: one series', async () => {
    const loaded = await load('labels.csv')
    expect(loaded.series.map((s) => s.id)).toEqual(['labels.csv:rss'])
  })

  it('read from a stream that cannot be read twice: one series, the note says how to split', async () => {
    const text = readFileSync(fixture('process-groups', 'pool-pids.csv'), 'utf8')
    async function* once() {
      for (const line of splitText(text)) yield line
    }
    const loaded = await loadSeries(once(), {
      file: 'in.csv',
      format: 'csv',
      spec: { file: 'in.csv' }
    })
    expect(loaded.series.map((s) => s.id)).toEqual(['in.csv:rss_kb'])
    expect(loaded.notes?.join('\n')).toMatch(/set `group: pid` to judge each process on its own/)
  })
})

describe('the rule (understand/process-columns.ts)', () => {
  it('values interleave when one comes back after another', () => {
    expect(interleavedValues(['a', 'b', 'a'])).toEqual(['a', 'b'])
    expect(interleavedValues(['a', 'a', 'b', 'b'])).toBeUndefined()
    expect(interleavedValues(['a', 'a'])).toBeUndefined()
    // more than 64 values are labels of some other kind
    const many = Array.from({ length: 70 }, (_, i) => String(i))
    expect(interleavedValues([...many, '0'])).toBeUndefined()
  })

  it.each(['process', 'proc', 'cmd', 'Command', 'comm', 'process_name'])(
    'a `%s` column splits',
    (column) => {
      const lines = [`time,${column},rss`, '1,a,100', '1,b,200', '2,a,101', '2,b,201']
      expect(processSplit(lines)).toEqual({ column, what: 'name', values: ['a', 'b'] })
    }
  )

  it('no memory column, no split (a name column then labels something else)', () => {
    expect(processSplit(['time,name,latency_ms', '1,a,5', '1,b,6', '2,a,5', '2,b,7'])).toBe(
      undefined
    )
    // unless the entry lists a memory column under `metrics:`
    expect(
      processSplit(['time,name,used', '1,a,5', '1,b,6', '2,a,5', '2,b,7'], ['used'])?.column
    ).toBe('name')
  })

  it("Locust's stats history names endpoints in `Name`: never processes", () => {
    const header = 'Timestamp,User Count,Type,Name,Requests/s,rss'
    expect(isLocustHeader(header.split(','))).toBe(true)
    expect(
      processSplit([header, '1,5,GET,/a,1.0,100', '1,5,GET,/b,1.0,100', '2,5,GET,/a,1.0,101'])
    ).toBeUndefined()
  })

  it('a container column splits by the older rule already: no second split', () => {
    expect(
      processSplit(['time,container,pid,rss', '1,a,1,100', '1,b,2,200', '2,a,1,101', '2,b,2,201'])
    ).toBeUndefined()
  })

  it('the head of a fixture: the pool splits by pid, the restart does not', () => {
    expect(processSplit(head('pool-pids.csv'))?.what).toBe('pid')
    expect(processSplit(head('pid-restart.csv'))).toBeUndefined()
    expect(processSplit(head('psutil-names.csv'))?.column).toBe('name')
  })
})

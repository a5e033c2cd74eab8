/**
 * A column naming the process sampled (`pid` in a memoryUsage logger's rows, docker's `ID` or
 * `Container` beside its `Name`): a new value within one series is a restart there. The column
 * is never a series itself and a pid that changes for good never splits the series into one per
 * process (a leak cut into pieces each too short to judge); the restarts are recorded on the
 * series. (Pids interleaving in a file's head split it: process-split.test.ts.)
 */
import type { SeriesSpec } from '../../src/config/types.js'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import type { InputFormat } from '../../src/model.js'
import {
  isProcessIdName,
  dockerColumnRoles,
  namesContainerIdsOnly
} from '../../src/understand/names.js'
import { pick } from './helpers.js'

function load(format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}, file = 'in.csv') {
  return loadSeries(toAsync(splitText(text)), { file, format, spec: { file, ...spec } })
}

const MiB = 1024 ** 2

/** `time,pid,rss,heapUsed` rows every second from `hour`:00:00, `pid` per row. */
function memoryCsv(pids: number[], hour = 10): string {
  const rows = pids.map((pid, i) => {
    const time = new Date(Date.UTC(2026, 0, 5, hour, 0, i)).toISOString()
    return `${time},${pid},${(100 + i) * MiB},${(40 + i) * MiB}`
  })
  return ['time,pid,rss,heapUsed', ...rows].join('\n')
}

describe('which column names the process (understand/names.ts)', () => {
  it.each(['pid', 'PID', 'process.pid', 'process_pid', 'processId'])('%s names a process', (name) =>
    expect(isProcessIdName(name)).toBe(true)
  )

  it.each(['PIDs', 'pids', 'rss', 'spider', 'pid_count'])('%s does not', (name) =>
    expect(isProcessIdName(name)).toBe(false)
  )

  it('docker: the name groups, the id beside it tells restarts; without a name the id groups', () => {
    const json = ['BlockIO', 'CPUPerc', 'Container', 'ID', 'MemUsage', 'Name', 'PIDs']
    expect(dockerColumnRoles(json)).toEqual({ group: 5, id: 3 })
    expect(dockerColumnRoles(['CONTAINER ID', 'NAME', 'MEM USAGE / LIMIT'])).toEqual({
      group: 1,
      id: 0
    })
    expect(dockerColumnRoles(['TIME', 'CONTAINER_ID', 'CONTAINER_NAME', 'MEMORY_USAGE'])).toEqual({
      group: 2,
      id: 1
    })
    // `{{.Container}}` alone: it is all there is to group by
    expect(dockerColumnRoles(['CONTAINER', 'CPU %', 'MEM USAGE / LIMIT'])).toEqual({
      group: 0,
      id: undefined
    })
    expect(dockerColumnRoles(['ts', 'stats.ID', 'stats.Name', 'stats.MemUsage'])).toEqual({
      group: 2,
      id: 1
    })
  })
})

describe('a pid column in a memoryUsage CSV', () => {
  const pids = [...Array(10).fill(4121), ...Array(6).fill(4388)] as number[]

  it('records the restart on every series of the process, and is no series or group itself', async () => {
    const loaded = await load('csv', memoryCsv(pids))
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.id)).toEqual(['in.csv:rss', 'in.csv:heapUsed'])
    for (const series of loaded.series) {
      expect(series.group).toBeUndefined()
      expect(series.samples).toBe(16)
      expect(series.processChanges).toEqual([
        {
          column: 'pid',
          what: 'pid',
          from: '4121',
          to: '4388',
          time: Date.UTC(2026, 0, 5, 10, 0, 10),
          samplesBefore: 10
        }
      ])
      // the pid names the process at its rows: the witness of whether a fall is a restart
      expect(series.processColumn).toEqual({ column: 'pid', what: 'pid', ids: ['4121', '4388'] })
    }
    expect(loaded.notes).toContainEqual(
      'a new pid once ("pid" 4121 → 4388 at 10:00:10 UTC): a restart'
    )
  })

  it('reads it the same with `metrics:` naming only the memory columns', async () => {
    const loaded = await load('csv', memoryCsv(pids), {
      metrics: { heapUsed: 'memory' }
    })
    expect(loaded.series.map((s) => s.id)).toEqual(['in.csv:heapUsed'])
    expect(loaded.series[0].processChanges?.map((c) => [c.from, c.to, c.samplesBefore])).toEqual([
      ['4121', '4388', 10]
    ])
  })

  it('JSON lines a logger writes (`{...process.memoryUsage(), pid: process.pid}`): the same', async () => {
    const lines = pids.map((pid, i) =>
      JSON.stringify({
        time: new Date(Date.UTC(2026, 0, 5, 10, 0, i)).toISOString(),
        pid,
        rss: (100 + i) * MiB,
        heapUsed: (40 + i) * MiB
      })
    )
    const loaded = await load('jsonl', lines.join('\n'), {}, 'memory.jsonl')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.id)).toEqual(['memory.jsonl:rss', 'memory.jsonl:heapUsed'])
    for (const series of loaded.series) {
      expect(series.processChanges?.map((c) => [c.from, c.to, c.samplesBefore])).toEqual([
        ['4121', '4388', 10]
      ])
      expect(series.processColumn).toEqual({ column: 'pid', what: 'pid', ids: ['4121', '4388'] })
    }
  })

  it('a pid that never changes claims no restart, and witnesses that none happened', async () => {
    const loaded = await load('csv', memoryCsv(Array(12).fill(4121)))
    expect(loaded.series.every((s) => s.processChanges === undefined)).toBe(true)
    expect(loaded.series.every((s) => s.processColumn?.what === 'pid')).toBe(true)
    expect((loaded.notes ?? []).join('\n')).not.toMatch(/pid/)
  })

  it('processes writing one file in turn (a value comes back) are no restarts, and the note says so', async () => {
    // cluster workers appending to one memory.csv: 4121, 4122, 4121, 4122 … read from a stream
    // read once (a file's head splits it by pid instead: process-split.test.ts)
    const loaded = await load(
      'csv',
      memoryCsv(Array.from({ length: 16 }, (_, i) => 4121 + (i % 2)))
    )
    expect(loaded.series.map((s) => s.id)).toEqual(['in.csv:rss', 'in.csv:heapUsed'])
    expect(loaded.series.every((s) => s.processChanges === undefined)).toBe(true)
    // nor is the pid a witness of one process (a fall with the same pid is no restart)
    expect(loaded.series.every((s) => s.processColumn === undefined)).toBe(true)
    expect(loaded.notes).toContainEqual(
      '"pid" takes back an earlier value: several processes write in turn, so its changes are read as no restarts (set `group: pid` to judge each process on its own)'
    )
  })

  it('`group: pid` in the config still splits by process, as asked', async () => {
    const loaded = await load('csv', memoryCsv(pids), { group: 'pid' })
    expect(loaded.series.map((s) => s.id).sort()).toEqual([
      'in.csv:heapUsed[4121]',
      'in.csv:heapUsed[4388]',
      'in.csv:rss[4121]',
      'in.csv:rss[4388]'
    ])
  })

  it('appended runs split at time going back keep each restart in its own run', async () => {
    // run 1: 4121 then 4388; run 2 (time back to 09:00:00): 5000 only
    const first = memoryCsv([...Array(8).fill(4121), ...Array(8).fill(4388)]).split('\n')
    const second = memoryCsv(Array(16).fill(5000), 9).split('\n').slice(1)
    const loaded = await load('csv', [...first, ...second].join('\n'))
    const run1 = pick(loaded.series, 'rss', 'run 1')
    const run2 = pick(loaded.series, 'rss', 'run 2')
    expect(run1.processChanges?.map((c) => [c.from, c.to, c.samplesBefore])).toEqual([
      ['4121', '4388', 8]
    ])
    expect(run2.processChanges).toBeUndefined()
  })
})

describe('a container id in docker stats', () => {
  it('JSON lines: one series per Name, a new ID under it is a restart', async () => {
    const row = (i: number, id: string, name: string, mib: number) =>
      JSON.stringify({
        BlockIO: '0B / 0B',
        CPUPerc: '1.00%',
        Container: id,
        ID: id,
        MemPerc: '1.0%',
        MemUsage: `${mib}MiB / 1GiB`,
        Name: name,
        NetIO: '1kB / 1kB',
        PIDs: '11',
        time: new Date(Date.UTC(2026, 0, 5, 10, 0, 5 * i)).toISOString()
      })
    const lines: string[] = []
    for (let i = 0; i < 12; i++) {
      lines.push(row(i, i < 7 ? 'a1b2c3d4e5f6' : '9f8e7d6c5b4a', 'web-1', 150 + i))
      lines.push(row(i, '0123456789ab', 'db-1', 300))
    }
    const loaded = await load('docker-stats', lines.join('\n'), {}, 'docker_stats.jsonl')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.id)).toEqual([
      'docker_stats.jsonl:MemUsage[web-1]',
      'docker_stats.jsonl:MemUsage[db-1]'
    ])
    const web = pick(loaded.series, 'MemUsage', 'web-1')
    expect(web.samples).toBe(12)
    expect(web.processChanges).toEqual([
      {
        column: 'ID',
        what: 'container id',
        from: 'a1b2c3d4e5f6',
        to: '9f8e7d6c5b4a',
        time: Date.UTC(2026, 0, 5, 10, 0, 35),
        samplesBefore: 7
      }
    ])
    expect(pick(loaded.series, 'MemUsage', 'db-1').processChanges).toBeUndefined()
    // an entry docker could not read (`--` in every cell) says nothing of the process
    const unread = JSON.stringify({
      ID: '--',
      MemUsage: '-- / --',
      Name: 'web-1',
      time: '2026-01-05T10:00:36Z'
    })
    const again = await load(
      'docker-stats',
      [...lines.slice(0, 15), unread, ...lines.slice(15)].join('\n'),
      {},
      'docker_stats.jsonl'
    )
    expect(pick(again.series, 'MemUsage', 'web-1').processChanges?.map((c) => c.to)).toEqual([
      '9f8e7d6c5b4a'
    ])
    expect(loaded.notes).toContainEqual(
      'web-1: a new container id once ("ID" a1b2c3d4e5f6 → 9f8e7d6c5b4a at 10:00:35 UTC): a restart'
    )
  })

  it('the table form: `CONTAINER ID` beside `NAME`', async () => {
    const header =
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS'
    const rows = Array.from({ length: 10 }, (_, i) => {
      const id = i < 6 ? 'b95a83497c91' : '67b2525d8ad1'
      const time = new Date(Date.UTC(2026, 0, 5, 10, 0, 5 * i)).toISOString()
      return `${time} ${id}   web-1     0.28%     ${100 + i}MiB / 1.952GiB   5.0%     916B / 0B   0B / 0B     9`
    })
    const loaded = await load('docker-stats', [header, ...rows].join('\n'), {}, 'stats.txt')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.id)).toEqual(['stats.txt:MemUsage[web-1]'])
    expect(loaded.series[0].processChanges?.map((c) => [c.column, c.from, c.to])).toEqual([
      ['CONTAINER ID', 'b95a83497c91', '67b2525d8ad1']
    ])
  })

  it('CSV with `group: Name` in the config: the ID column still tells the restart', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => {
      const id = i < 4 ? 'ed37317fbf42' : '9839ab6be2d5'
      return `${1767607200 + 5 * i},${id},web-1,${120 + i}MiB / 1GiB`
    })
    const text = ['time,ID,Name,MemUsage', ...rows].join('\n')
    const loaded = await load('docker-stats', text, { group: 'Name', time: 'time' })
    expect(loaded.series.map((s) => s.id)).toEqual(['in.csv:MemUsage[web-1]'])
    expect(loaded.series[0].processChanges?.map((c) => [c.to, c.samplesBefore])).toEqual([
      ['9839ab6be2d5', 4]
    ])
  })
})

describe('docker stats naming containers by id alone', () => {
  /** CSV rows `time,container_id,mem_usage` every 5 s: `[id, MiB]` per row, `0` for `0B / 0B`. */
  const csv = (rows: Array<[string, number]>) =>
    [
      'timestamp,container_id,mem_usage',
      ...rows.map(([id, mib], i) => {
        const time = new Date(Date.UTC(2026, 0, 5, 10, 0, 5 * i)).toISOString()
        return `${time},${id},${mib === 0 ? '0B / 0B' : `${mib}MiB / 512MiB`}`
      })
    ].join('\n')
  const rise = (id: string, n: number, from: number): Array<[string, number]> =>
    Array.from({ length: n }, (_, i) => [id, from + i])

  it('the id column, or a Container column holding ids only, names no service', () => {
    expect(namesContainerIdsOnly('ID', ['web-1'])).toBe(true)
    expect(namesContainerIdsOnly('CONTAINER ID', [])).toBe(true)
    expect(namesContainerIdsOnly('Container', ['a1b2c3d4e5f6', 'c0ffee123456'])).toBe(true)
    expect(namesContainerIdsOnly('CONTAINER', ['a1b2c3d4e5f6', 'web-1'])).toBe(false)
    expect(namesContainerIdsOnly('Container', ['deadbeef'])).toBe(false)
  })

  it('ids that follow each other are one container recreated: one series, a restart at each new id, stops kept in place', async () => {
    const rows = [
      ...rise('a1b2c3d4e5f6', 6, 500),
      ['a1b2c3d4e5f6', 0],
      ['a1b2c3d4e5f6', 0],
      ...rise('9f8e7d6c5b4a', 5, 120),
      ...rise('0123456789ab', 4, 130)
    ] as Array<[string, number]>
    const loaded = await load('docker-stats', csv(rows), {}, 'stats.csv')
    expect(loaded.errors).toEqual([])
    expect(loaded.series.map((s) => s.id)).toEqual(['stats.csv:MemUsage'])
    const [series] = loaded.series
    expect(series.samples).toBe(15)
    expect(series.value.slice(5, 8)).toEqual([505 * MiB, 120 * MiB, 121 * MiB])
    expect(series.limit).toBe(512 * MiB)
    expect(
      series.processChanges?.map((c) => [c.column, c.from, c.to, c.samplesBefore, c.time])
    ).toEqual([
      ['container_id', 'a1b2c3d4e5f6', '9f8e7d6c5b4a', 6, Date.UTC(2026, 0, 5, 10, 0, 40)],
      ['container_id', '9f8e7d6c5b4a', '0123456789ab', 11, Date.UTC(2026, 0, 5, 10, 1, 5)]
    ])
    expect(series.stops).toMatchObject([{ samplesBefore: 6, rows: 2, atLimit: true }])
    expect(loaded.notes).toContainEqual(
      '"container_id" names containers by id alone, and each id\'s rows follow the last id\'s: one container recreated, read as one series with a restart at each new id (2 times: a1b2c3d4e5f6 → 9f8e7d6c5b4a at 10:00:40 UTC, 9f8e7d6c5b4a → 0123456789ab at 10:01:05 UTC)'
    )
  })

  it('an id coming back after another means containers sampled in turn: one series per id', async () => {
    const rows = [
      ...rise('a1b2c3d4e5f6', 4, 100),
      ...rise('9f8e7d6c5b4a', 4, 200),
      ...rise('a1b2c3d4e5f6', 4, 104)
    ]
    const loaded = await load('docker-stats', csv(rows), {}, 'stats.csv')
    expect(loaded.series.map((s) => [s.id, s.samples, s.processChanges])).toEqual([
      ['stats.csv:MemUsage[a1b2c3d4e5f6]', 8, undefined],
      ['stats.csv:MemUsage[9f8e7d6c5b4a]', 4, undefined]
    ])
    expect((loaded.notes ?? []).join('\n')).not.toMatch(/recreated/)
    // read at one time (a frame of several containers, a row each): not one after the other
    const frame = [
      'timestamp,container_id,mem_usage',
      '2026-01-05T10:00:00Z,a1b2c3d4e5f6,100MiB / 512MiB',
      '2026-01-05T10:00:05Z,a1b2c3d4e5f6,101MiB / 512MiB',
      '2026-01-05T10:00:05Z,9f8e7d6c5b4a,200MiB / 512MiB',
      '2026-01-05T10:00:10Z,9f8e7d6c5b4a,201MiB / 512MiB'
    ].join('\n')
    const together = await load('docker-stats', frame, {}, 'stats.csv')
    expect(together.series.map((s) => s.id)).toEqual([
      'stats.csv:MemUsage[a1b2c3d4e5f6]',
      'stats.csv:MemUsage[9f8e7d6c5b4a]'
    ])
  })

  it('the old table form (`CONTAINER` holding ids): the same; container names that follow each other stay apart', async () => {
    const header =
      'CONTAINER      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS'
    const table = (names: string[]) =>
      [
        header,
        ...names.map((name, i) => {
          const time = new Date(Date.UTC(2026, 0, 5, 10, 0, 5 * i)).toISOString()
          return `${time} ${name}   0.28%     ${100 + i}MiB / 1.952GiB   5.0%     916B / 0B   0B / 0B     9`
        })
      ].join('\n')
    const ids = [...Array(5).fill('b95a83497c91'), ...Array(5).fill('67b2525d8ad1')]
    const recreated = await load('docker-stats', table(ids), {}, 'stats.txt')
    expect(recreated.errors).toEqual([])
    expect(recreated.series.map((s) => s.id)).toEqual(['stats.txt:MemUsage'])
    expect(recreated.series[0].processChanges?.map((c) => [c.column, c.from, c.to])).toEqual([
      ['CONTAINER', 'b95a83497c91', '67b2525d8ad1']
    ])
    // `docker stats web-1` then `docker stats worker-1`: names say two services
    const names = [...Array(5).fill('web-1'), ...Array(5).fill('worker-1')]
    const apart = await load('docker-stats', table(names), {}, 'stats.txt')
    expect(apart.series.map((s) => s.id)).toEqual([
      'stats.txt:MemUsage[web-1]',
      'stats.txt:MemUsage[worker-1]'
    ])
  })
})

describe('process_start_time_seconds in repeated Prometheus scrapes', () => {
  /** Scrapes 15 s apart with their own timestamps (ms), the process restarted at scrape `at`. */
  function scrapes(n: number, at: number, extraStart?: string): string {
    const lines: string[] = []
    for (let i = 0; i < n; i++) {
      const ms = Date.UTC(2026, 0, 5, 10, 0, 0) + i * 15_000
      const start = i < at ? 1767607000 : 1767607000 + at * 15
      lines.push(
        '# TYPE process_start_time_seconds gauge',
        `process_start_time_seconds ${start} ${ms}`,
        ...(extraStart ? [`${extraStart} 1767600000 ${ms}`] : []),
        '# TYPE nodejs_heap_size_used_bytes gauge',
        `nodejs_heap_size_used_bytes ${(40 + (i < at ? i : i - at)) * MiB} ${ms}`
      )
    }
    return lines.join('\n') + '\n'
  }

  it('a new start time is a restart of every series of the file', async () => {
    const loaded = await load('prometheus', scrapes(20, 12), {}, 'metrics.prom')
    expect(loaded.errors).toEqual([])
    const heap = pick(loaded.series, 'nodejs_heap_size_used_bytes')
    expect(heap.processChanges).toEqual([
      {
        column: 'process_start_time_seconds',
        what: 'process start',
        from: '2026-01-05T09:56:40Z',
        to: '2026-01-05T09:59:40Z',
        time: Date.UTC(2026, 0, 5, 10, 3, 0),
        samplesBefore: 12
      }
    ])
    expect(loaded.notes).toContainEqual(
      'metrics.prom: process_start_time_seconds changed once (2026-01-05T09:56:40Z → 2026-01-05T09:59:40Z): a restart'
    )
  })

  it("two processes' start times in one file: no restarts read from them", async () => {
    const loaded = await load(
      'prometheus',
      scrapes(20, 12, 'process_start_time_seconds{instance="b"}'),
      {},
      'metrics.prom'
    )
    expect(pick(loaded.series, 'nodejs_heap_size_used_bytes').processChanges).toBeUndefined()
  })
})

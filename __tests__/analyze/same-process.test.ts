/**
 * One answer to "are these two series the same process?", from what the loaded series carry:
 * their file, their group (a `group:` column, docker's container name, an appended run), a
 * container id or pid column, and a Prometheus key's identifying labels. Every witness rule (a
 * flat live heap vouching for RSS, RSS confirming a heap's floor, a fall read once) asks it.
 * The series are loaded from real-format files (__fixtures__/load/same-process: docker stats as
 * logged by a CSV script, process.memoryUsage() columns, Prometheus text with timestamps).
 */
import type { InputFormat, Series } from '../../src/model.js'
import {
  countContainers,
  measuresContainer,
  provablyOtherProcess,
  sameProcess,
  sameProcessSeries
} from '../../src/analyze/same-process.js'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries } from '../../src/load/index.js'
import { fixture, loadFixtureSeries, pick } from '../load/helpers.js'

async function load(
  file: string,
  format: InputFormat,
  spec: Record<string, string> = {}
): Promise<Series[]> {
  const loaded = await loadFixtureSeries(`same-process/${file}`, format, spec)
  expect(loaded.errors).toEqual([])
  return loaded.series
}

/** A fixture read as if saved at `path` in the artifact (`leak-test-2/memory.csv`). */
async function loadAt(file: string, path: string, format: InputFormat): Promise<Series[]> {
  const loaded = await loadSeries(readLines(fixture('same-process', file), { displayName: path }), {
    file: path,
    format,
    spec: { file: path }
  })
  expect(loaded.errors).toEqual([])
  return loaded.series
}

const service = () => load('memory.csv', 'csv')
const oneContainer = () => load('docker_stats.csv', 'docker-stats')
const twoContainers = () => load('docker_stats_two.csv', 'docker-stats')

describe('the same process', () => {
  it('every column of one file of one process is the same process', async () => {
    const run = await service()
    const rss = pick(run, 'rss')
    for (const other of run) expect(sameProcess(rss, other, run)).toBe(true)
  })

  it("a run's one container and the service's own readings beside it are one process family", async () => {
    const run = [...(await service()), ...(await oneContainer())]
    const usage = pick(run, 'MemUsage', 'shop-web-1')
    expect(measuresContainer(usage)).toBe(true)
    expect(measuresContainer(pick(run, 'rss'))).toBe(false)
    expect(countContainers(run)).toBe(1)
    for (const metric of ['rss', 'heapUsed', 'heapTotal']) {
      expect(sameProcess(usage, pick(run, metric), run)).toBe(true)
      expect(sameProcess(pick(run, metric), usage, run)).toBe(true)
    }
  })

  it('with two containers nothing says which one holds the service, and they are not each other', async () => {
    const run = [...(await service()), ...(await twoContainers())]
    expect(countContainers(run)).toBe(2)
    const web = pick(run, 'MemUsage', 'shop-web-1')
    const db = pick(run, 'MemUsage', 'shop-db-1')
    expect(sameProcess(web, db, run)).toBe(false)
    expect(sameProcess(web, pick(run, 'heapUsed'), run)).toBe(false)
    expect(sameProcess(pick(run, 'rss'), db, run)).toBe(false)
    // a container named in two files is one container
    const again = await oneContainer()
    const both = [...run, ...again]
    expect(sameProcess(web, pick(again, 'MemUsage', 'shop-web-1'), both)).toBe(true)
  })

  it('a file whose `group:` column names several processes pairs only the rows of each', async () => {
    const run = [
      ...(await load('services.csv', 'csv', { group: 'service' })),
      ...(await oneContainer())
    ]
    expect(sameProcess(pick(run, 'rss', 'api'), pick(run, 'heapUsed', 'api'), run)).toBe(true)
    expect(sameProcess(pick(run, 'rss', 'api'), pick(run, 'heapUsed', 'worker'), run)).toBe(false)
    // the container holds both services: neither one's heap speaks for its usage
    const usage = pick(run, 'MemUsage', 'shop-web-1')
    expect(sameProcess(usage, pick(run, 'heapUsed', 'api'), run)).toBe(false)
  })

  it('a restart within a file (a new pid) stays one process family, cut into lives elsewhere', async () => {
    const run = await load('pid-restart.csv', 'csv')
    const rss = pick(run, 'rss')
    expect(rss.processChanges?.map((c) => `${c.from} → ${c.to}`)).toEqual(['4121 → 4388'])
    expect(sameProcess(rss, pick(run, 'heapUsed'), run)).toBe(true)
    // a container recreated under a new id is still the run's one container
    const recreated = await load('docker_stats_recreated.csv', 'docker-stats')
    const usage = pick(recreated, 'MemUsage')
    expect(usage.group).toBeUndefined()
    const withService = [...(await service()), ...recreated]
    expect(countContainers(withService)).toBe(1)
    expect(sameProcess(usage, pick(withService, 'heapUsed'), withService)).toBe(true)
  })

  it('two files of readings with no container between them are not assumed to be one process', async () => {
    const a = await service()
    const b = await load('pid-restart.csv', 'csv')
    const run = [...a, ...b]
    expect(sameProcess(pick(a, 'rss'), pick(b, 'heapUsed'), run)).toBe(false)
  })

  it('runs appended in one file are never each other, each keeps its own columns', async () => {
    const run = await load('two-runs.csv', 'csv')
    const rss1 = pick(run, 'rss', 'run 1')
    expect(sameProcess(rss1, pick(run, 'heapUsed', 'run 1'), run)).toBe(true)
    expect(sameProcess(rss1, pick(run, 'heapUsed', 'run 2'), run)).toBe(false)
    // appended runs are no containers: the run's one container still pairs with a service file
    const withContainer = [...run, ...(await service()), ...(await oneContainer())]
    expect(countContainers(withContainer)).toBe(1)
    expect(
      sameProcess(
        pick(withContainer, 'MemUsage', 'shop-web-1'),
        pick(withContainer, 'rss'),
        withContainer
      )
    ).toBe(true)
  })

  it('repeated runs downloaded side by side are never each other, each pairs its own container', async () => {
    const run: Series[] = []
    for (const folder of ['leak-test-1', 'leak-test-2']) {
      run.push(...(await loadAt('memory.csv', `${folder}/memory.csv`, 'csv')))
      run.push(...(await loadAt('docker_stats.csv', `${folder}/docker_stats.csv`, 'docker-stats')))
    }
    const of = (file: string, metric: string, group?: string) =>
      run.find((s) => s.file === file && s.metric === metric && s.group === group)!
    // the same container name in both folders: one container per run, not one for the artifact
    expect(countContainers(run, 'leak-test-1')).toBe(1)
    const usage1 = of('leak-test-1/docker_stats.csv', 'MemUsage', 'shop-web-1')
    const usage2 = of('leak-test-2/docker_stats.csv', 'MemUsage', 'shop-web-1')
    expect(sameProcess(usage1, of('leak-test-1/memory.csv', 'heapUsed'), run)).toBe(true)
    expect(sameProcess(usage1, usage2, run)).toBe(false)
    expect(sameProcess(usage2, of('leak-test-1/memory.csv', 'heapUsed'), run)).toBe(false)
    expect(
      sameProcess(of('leak-test-2/memory.csv', 'rss'), of('leak-test-1/memory.csv', 'rss'), run)
    ).toBe(false)
  })

  it('Prometheus series of one file are one process only where their identifying labels agree', async () => {
    const run = await load('two-instances.prom', 'prometheus')
    const key = (name: string, instance: string, extra = '') =>
      pick(run, `${name}{instance="${instance}",job="shop"${extra}}`)
    const rssA = key('process_resident_memory_bytes', '10.0.0.5:9100')
    expect(sameProcess(rssA, key('nodejs_heap_size_used_bytes', '10.0.0.5:9100'), run)).toBe(true)
    // a heap space label is no process label
    expect(
      sameProcess(
        rssA,
        key('nodejs_heap_space_size_used_bytes', '10.0.0.5:9100', ',space="old"'),
        run
      )
    ).toBe(true)
    expect(sameProcess(rssA, key('nodejs_heap_size_used_bytes', '10.0.0.6:9100'), run)).toBe(false)
  })

  it('lists the other series of the same process, symmetric with the pairwise answer', async () => {
    const run = [
      ...(await service()),
      ...(await oneContainer()),
      ...(await load('services.csv', 'csv', { group: 'service' }))
    ].map((series) => ({ series }))
    const usage = run.find((d) => d.series.metric === 'MemUsage')!
    const listed = sameProcessSeries(run, usage).map((d) => d.series.id)
    expect(listed.sort()).toEqual(
      [
        'memory.csv:external',
        'memory.csv:heapTotal',
        'memory.csv:heapUsed',
        'memory.csv:rss'
      ].sort()
    )
    const all = run.map((d) => d.series)
    for (const a of run)
      for (const b of sameProcessSeries(run, a))
        expect(sameProcess(b.series, a.series, all)).toBe(true)
  })
})

describe('provably another process (what may not vouch even where "the same" cannot be told)', () => {
  const other = (a: Series, b: Series, run: Series[]) =>
    provablyOtherProcess(
      run.map((series) => ({ series })),
      a,
      b
    )

  it('two files with nothing between them are not known to be one, nor proven two', async () => {
    const a = await service()
    const b = await load('pid-restart.csv', 'csv')
    const run = [...a, ...b]
    expect(sameProcess(pick(a, 'rss'), pick(b, 'heapUsed'), run)).toBe(false)
    expect(other(pick(a, 'rss'), pick(b, 'heapUsed'), run)).toBe(false)
    // nor a container and a file beside it when the run has two containers
    const two = [...a, ...(await twoContainers())]
    expect(other(pick(two, 'MemUsage', 'shop-web-1'), pick(two, 'heapUsed'), two)).toBe(false)
  })

  it('another group of one file, another container, another Prometheus instance', async () => {
    const run = [
      ...(await load('services.csv', 'csv', { group: 'service' })),
      ...(await twoContainers())
    ]
    expect(other(pick(run, 'rss', 'api'), pick(run, 'heapUsed', 'worker'), run)).toBe(true)
    expect(other(pick(run, 'rss', 'api'), pick(run, 'heapUsed', 'api'), run)).toBe(false)
    const web = pick(run, 'MemUsage', 'shop-web-1')
    expect(other(web, pick(run, 'MemUsage', 'shop-db-1'), run)).toBe(true)
    // a group naming a process, beside a container: the process may run inside it
    expect(other(web, pick(run, 'heapUsed', 'api'), run)).toBe(false)
    const prom = await load('two-instances.prom', 'prometheus')
    const key = (instance: string) =>
      pick(prom, `process_resident_memory_bytes{instance="${instance}",job="shop"}`)
    const heap = pick(prom, 'nodejs_heap_size_used_bytes{instance="10.0.0.5:9100",job="shop"}')
    expect(other(key('10.0.0.6:9100'), heap, prom)).toBe(true)
    expect(other(key('10.0.0.5:9100'), heap, prom)).toBe(false)
  })

  it('appended runs of one file, repeated-run folders', async () => {
    const run = await load('two-runs.csv', 'csv')
    expect(other(pick(run, 'rss', 'run 1'), pick(run, 'heapUsed', 'run 2'), run)).toBe(true)
    expect(other(pick(run, 'rss', 'run 1'), pick(run, 'heapUsed', 'run 1'), run)).toBe(false)
    const folders: Series[] = []
    for (const folder of ['leak-test-1', 'leak-test-2'])
      folders.push(...(await loadAt('memory.csv', `${folder}/memory.csv`, 'csv')))
    const of = (file: string) => folders.find((s) => s.file === file && s.metric === 'rss')!
    expect(other(of('leak-test-1/memory.csv'), of('leak-test-2/memory.csv'), folders)).toBe(true)
  })

  it('a pid column in two files: another pid is another process, a shared one may be the same', async () => {
    const a = await load('pid-restart.csv', 'csv')
    const b = await loadAt('pid-restart.csv', 'worker/pid-restart.csv', 'csv')
    const run = [...a, ...b]
    // the same pids (4121, then 4388) in both: not proven two
    expect(other(pick(a, 'rss'), pick(b, 'heapUsed'), run)).toBe(false)
    const lone = {
      ...pick(b, 'heapUsed'),
      processColumn: { column: 'pid', what: 'pid' as const, ids: ['5376'] }
    }
    expect(other(pick(a, 'rss'), lone, [...run, lone])).toBe(true)
  })
})

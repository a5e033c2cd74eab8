/**
 * Container stats rows saved without their header (understand/container-rows.ts):
 * docker's `--format` cells told by their shapes in any order docker's
 * templates give them, `kubectl top --no-headers` rows in their forms, and
 * the rows that are neither.
 */
import {
  headerlessDockerRows,
  headerlessKubectlTop,
  kubectlTopLine,
  kubectlTopRecords
} from '../../src/understand/container-rows.js'

const columnsOf = (...rows: string[]) => headerlessDockerRows(rows)?.columns

describe('docker stats rows without a header', () => {
  it.each([
    [
      ['2025-03-10T10:00:00,12.30%,209.87MiB / 7.667GiB,2.67%'],
      ['time', 'CPUPerc', 'MemUsage', 'MemPerc']
    ],
    [
      ['api,12.30%,209.87MiB / 7.667GiB,2.67%,1746000000'],
      ['Name', 'CPUPerc', 'MemUsage', 'MemPerc', 'time']
    ],
    [['a1b2c3d4e5f6\t209.87MiB / 7.667GiB\t0.50%'], ['ID', 'MemUsage', 'MemPerc']],
    // MemPerc before the usage: docker's CPU-then-memory order names the percentages
    [['api;1.00%;2.67%;209.87MiB / 7.667GiB'], ['Name', 'CPUPerc', 'MemPerc', 'MemUsage']],
    [
      ['Mon Mar 10 10:00:00 UTC 2025,web-1,a1b2c3d4e5f6,0.5%,5.6MiB / 1.9GiB,1e+03kB / 2MB,12'],
      ['time', 'Name', 'ID', 'CPUPerc', 'MemUsage', 'NetIO', 'PIDs']
    ]
  ])('%j → %j', (rows, columns) => {
    expect(columnsOf(...rows)).toEqual(columns)
  })

  it('takes `--` cells of a stopping container, and names that look like ids among names', () => {
    expect(
      columnsOf(
        '1746000000,deadbeef1234,1.0%,5MiB / 1GiB,0.5%',
        '1746000000,web,--,-- / --,--',
        '1746000010,web,1.0%,6MiB / 1GiB,0.6%'
      )
    ).toEqual(['time', 'Name', 'CPUPerc', 'MemUsage', 'MemPerc'])
  })

  it.each([
    ['no usage / limit cell', '2025-03-10T10:00:00,api,12.30%,120MiB'],
    ['only a decimal pair (NET I/O)', '2025-03-10T10:00:00,api,0.50%,1.2MB / 3.4MB'],
    ['no percentage', '2025-03-10T10:00:00,api,209.87MiB / 7.667GiB'],
    ['percent signs stripped', '2025-03-10T10:00:00,api,12.30,209.87MiB / 7.667GiB,2.67'],
    ['a time between other cells', 'api,2025-03-10T10:00:00,1.0%,5MiB / 1GiB'],
    [
      'two containers run together',
      '2024-12-03T20:14:14,e4372c1e283a,web-1,0.11%,513MiB / 7.425GiB fb87f88ed80a,db-1,0.26%,97.08MiB / 7.425GiB'
    ],
    ['a header row', 'time,cpu,mem_usage,mem_perc']
  ])('%s: not docker rows', (_why, row) => {
    expect(columnsOf(row, row)).toBeUndefined()
  })

  it('a header above the rows makes them no headerless rows', () => {
    expect(columnsOf('time,cpu,mem', '1746000000,1.0%,5MiB / 1GiB')).toBeUndefined()
  })
})

describe('kubectl top rows without a header', () => {
  it('reads pods, namespaces (-A), containers and nodes; several pods on one line', () => {
    expect(kubectlTopRecords('api-0 12m 210Mi')).toEqual([
      { name: 'api-0', cpu: '12m', memory: '210Mi' }
    ])
    expect(kubectlTopRecords('default api-0 12m 210Mi')).toEqual([
      { name: 'default/api-0', cpu: '12m', memory: '210Mi' }
    ])
    expect(kubectlTopRecords('node-1 250m 12% 2048Mi 55%')).toEqual([
      { name: 'node-1', cpu: '250m', memory: '2048Mi' }
    ])
    expect(kubectlTopRecords('api-0 12m 210Mi redis-0   3m   48Mi')).toEqual([
      { name: 'api-0', cpu: '12m', memory: '210Mi' },
      { name: 'redis-0', cpu: '3m', memory: '48Mi' }
    ])
  })

  it('a time before the rows or on its own line', () => {
    expect(kubectlTopLine('1741600800 api-0 12m 210Mi')).toEqual({
      kind: 'rows',
      time: '1741600800',
      records: [{ name: 'api-0', cpu: '12m', memory: '210Mi' }]
    })
    expect(kubectlTopLine('Mon Mar 10 10:00:00 UTC 2025')).toEqual({
      kind: 'time',
      time: 'Mon Mar 10 10:00:00 UTC 2025'
    })
  })

  it.each([
    ['memory before CPU', 'api-0 210Mi 12m'],
    ['CPU that is no millicores', 'api-0 0.5 210Mi'],
    ['memory in decimal units', 'api-0 12m 210MB'],
    ['three names', 'a b c 12m 210Mi'],
    ['a cut row', 'api-0 12m 210Mi redis-0 3m'],
    ['a header', 'NAME CPU(cores) MEMORY(bytes)']
  ])('%s: no row', (_why, line) => {
    expect(kubectlTopRecords(line)).toBeUndefined()
  })

  it('a head of rows and times is kubectl; a head of times alone, or mostly other lines, is not', () => {
    expect(headerlessKubectlTop(['1741600800 api-0 12m 210Mi'])).toEqual({ timed: true })
    expect(headerlessKubectlTop(['api-0 12m 210Mi', 'api-0 13m 211Mi'])).toEqual({ timed: false })
    expect(headerlessKubectlTop(['1741600800', '1741600805'])).toBeUndefined()
    expect(
      headerlessKubectlTop(['api-0 12m 210Mi', 'error: Metrics API not available', 'retrying'])
    ).toBeUndefined()
  })
})

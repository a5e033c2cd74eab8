/**
 * The formats people save, through the built command line (dist/cli.js) with
 * no config, as a user runs it on a folder: a dotnet-counters CSV, a docker
 * stats table with a `date +FORMAT` line before each frame; and a headerless
 * docker stats CSV named in a config (exit 2, "no header row").
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const CLI = resolve('dist/cli.js')
const FIXTURES = '__fixtures__/load/saved-forms'

afterAll(() => removeTempDirs())

function run(dir: string): { status: number | null; report: Record<string, unknown> } {
  const out = spawnSync('node', [CLI, '--format', 'json', dir], { encoding: 'utf8' })
  return { status: out.status, report: JSON.parse(out.stdout) as Record<string, unknown> }
}

describe('dist/cli.js on files as people save them, no config', () => {
  it('reads a dotnet-counters CSV and a docker table with date lines, and says how', () => {
    const dir = makeTempDir('cli-saved')
    for (const file of ['dotnet-counters.csv', 'docker-stats-date-lines.txt'])
      copyFileSync(join(FIXTURES, file), join(dir, file))
    const { status, report } = run(dir)
    const inputs = report.inputs as Array<{ file: string; series: string[]; note?: string }>
    expect(report.errors).toEqual([])
    expect(status).not.toBe(2)
    expect(inputs.map((input) => [input.file, input.series.length])).toEqual([
      ['docker-stats-date-lines.txt', 2],
      ['dotnet-counters.csv', 2]
    ])
    expect(inputs[0].note).toContain('time from the time line before each table')
    expect(inputs[1].note).toContain('dotnet-counters CSV: one series per counter')
    // the working set grows 2 MB a second: a leak
    expect(report.verdict).toBe('fail')
  })

  it('a headerless docker stats CSV named in a config: its columns told by their cells, with a note', () => {
    const dir = makeTempDir('cli-headerless')
    const line = (t: string) =>
      `${t}, e4372c1e283a, shop-web-1, 0.11%, 120.5MiB / 1.944GiB, 6.05%, 1.2kB / 0B, 0B / 0B, 9`
    writeFileSync(
      join(dir, 'docker_stats.csv'),
      [line('2024-12-03T20:14:14'), line('2024-12-03T20:14:24')].join('\n') + '\n'
    )
    writeFileSync(
      join(dir, 'leak-gate.yml'),
      'series:\n  - file: docker_stats.csv\n    format: docker-stats\n'
    )
    const { report } = run(dir)
    expect(report.errors).toEqual([])
    const inputs = report.inputs as Array<{ note?: string }>
    expect(inputs[0].note).toContain("no header row: columns read as docker's time, ID, Name")
    expect((report.metrics as Array<{ metric: string }>).map((m) => m.metric)).toContain('MemUsage')
  })

  it('two containers run together on one headerless line: exit 2 and "no header row"', () => {
    const dir = makeTempDir('cli-headerless-two')
    const row = (t: string, name: string) =>
      `${t},e4372c1e283a,${name},0.11%,51.2MiB / 1.944GiB,2.57%,1.2kB / 0B,0B / 0B,9`
    const line = (t: string) => `${row(t, 'shop-web-1')} ${row(t, 'shop-db-1')}`
    writeFileSync(
      join(dir, 'docker_stats.csv'),
      [line('2024-12-03T20:14:14'), line('2024-12-03T20:14:24')].join('\n') + '\n'
    )
    writeFileSync(
      join(dir, 'leak-gate.yml'),
      'series:\n  - file: docker_stats.csv\n    format: docker-stats\n'
    )
    const { status, report } = run(dir)
    expect(status).toBe(2)
    const errors = report.errors as Array<{ message: string }>
    expect(errors[0].message).toMatch(
      /^docker_stats\.csv:1: found "2024-12-03T20:14:14,e4372c1e283a,.*", expected a header row naming the columns \(no header row/
    )
  })
})

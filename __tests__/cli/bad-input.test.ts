/**
 * Bad input through the built command line (dist/cli.js), as a user meets it:
 * every malformed file or config gives exit status 2 and a one-line message
 * that starts with the file (and line), never a stack trace, never a pass.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const CLI = resolve('dist/cli.js')
let work: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'leak-gate-bad-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

const GOOD_HEAD = 'timestamp,requests,rss,heapUsed'
const goodRows = (n: number): string[] =>
  Array.from(
    { length: n },
    (_, i) =>
      `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,${i * 10},${50_000_000 + i},${20_000_000 + i}`
  )

interface Case {
  name: string
  files: Record<string, string | Buffer>
  /** What the message must contain: location first. */
  expect: RegExp
}

const memoryConfig = 'series:\n  - file: memory.csv\n    time: timestamp\n    work: requests\n'

const cases: Case[] = [
  {
    name: 'ragged row',
    files: {
      'memory.csv':
        [GOOD_HEAD, ...goodRows(3), '2026-01-01T00:01:00Z,40,50000004'].join('\n') + '\n',
      'leak-gate.yml': memoryConfig
    },
    expect: /^leak-gate: memory\.csv:5: /m
  },
  {
    name: 'non-numeric value',
    files: {
      'memory.csv':
        [GOOD_HEAD, ...goodRows(2), '2026-01-01T00:01:00Z,40,n/a,20000004'].join('\n') + '\n',
      'leak-gate.yml': memoryConfig
    },
    expect: /^leak-gate: memory\.csv:4: column "rss": found "n\/a", expected /m
  },
  {
    name: 'bad unit in docker stats',
    files: {
      'docker_stats.csv':
        'timestamp,name,mem_usage\n2026-01-01T00:00:00Z,web,10MiB / 1GiB\n2026-01-01T00:00:10Z,web,12 parsecs / 1GiB\n'
    },
    expect: /^leak-gate: docker_stats\.csv:3: column "mem_usage": found "12 parsecs/m
  },
  {
    name: 'unknown time format',
    files: {
      'memory.csv': [GOOD_HEAD, 'yesterday at noon,0,1,2'].join('\n') + '\n',
      'leak-gate.yml': memoryConfig
    },
    expect: /^leak-gate: memory\.csv:2: column "timestamp": found "yesterday at noon"/m
  },
  {
    name: 'empty file',
    files: { 'memory.csv': '', 'leak-gate.yml': memoryConfig },
    expect: /^leak-gate: memory\.csv(:1)?: /m
  },
  {
    name: 'header only',
    files: { 'memory.csv': GOOD_HEAD + '\n', 'leak-gate.yml': memoryConfig },
    expect: /^leak-gate: memory\.csv(:\d+)?: /m
  },
  {
    name: 'binary garbage',
    files: {
      'memory.csv': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'leak-gate.yml': memoryConfig
    },
    expect: /^leak-gate: memory\.csv(:\d+)?: /m
  },
  {
    name: 'a 10 MB single line',
    files: {
      'memory.csv': GOOD_HEAD + '\n' + 'x'.repeat(10 * 1024 * 1024) + '\n',
      'leak-gate.yml': memoryConfig
    },
    expect: /^leak-gate: memory\.csv:2: /m
  },
  {
    name: 'bad regular expression',
    files: {
      'app.log': 'BROKER_STATS archives=1 live=2\n',
      'leak-gate.yml':
        "series:\n  - file: app.log\n    format: log\n    pattern: 'archives=(?<archives>\\d+ live=(?<live>\\d+)'\n"
    },
    expect: /^leak-gate: leak-gate\.yml(:\d+)?: key "series\[0\]\.pattern"/m
  },
  {
    name: 'invalid YAML',
    files: {
      'memory.csv': [GOOD_HEAD, ...goodRows(3)].join('\n') + '\n',
      'leak-gate.yml': 'series:\n  - file: memory.csv\n   time: [oops\n'
    },
    expect: /^leak-gate: leak-gate\.yml:\d+/m
  },
  {
    name: 'unknown config key',
    files: {
      'memory.csv': [GOOD_HEAD, ...goodRows(3)].join('\n') + '\n',
      'leak-gate.yml': 'warmup: 10%\nchekcs: {}\n'
    },
    expect: /^leak-gate: leak-gate\.yml(:\d+)?: key "chekcs": .*allowed: .*checks/m
  }
]

describe('malformed input through dist/cli.js', () => {
  it.each(cases)(
    '$name: exit 2 with a one-line located message',
    ({ name, files, expect: pattern }) => {
      const dir = join(work, name.replace(/\W+/g, '-'))
      mkdirSync(dir, { recursive: true })
      for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content)
      const result = spawnSync(process.execPath, [CLI, '--format', 'json', dir], {
        encoding: 'utf8',
        cwd: dir,
        timeout: 20_000
      })
      expect(result.status).toBe(2)
      expect(result.stderr).toMatch(pattern)
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/) // no stack trace
      const report = JSON.parse(result.stdout)
      expect(report.verdict).toBe('error')
      expect(report.findings).toEqual([])
      for (const error of report.errors) expect(error.message).not.toContain('\n')
    }
  )
})

/**
 * Names in the config that match nothing in the inputs (SPEC §8: never a silent
 * pass): each gives verdict `error` and one message `file:line: key "…": found
 * "…", expected …`, through the whole pipeline on real files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'

const SAMPLES = '__fixtures__/load/samples'
let work: string
let count = 0

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'leak-gate-names-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Writes the files into a fresh folder, runs the pipeline on it; returns the report and the config path. */
async function run(files: Record<string, string>): Promise<{ report: Report; config: string }> {
  const dir = join(work, String(++count))
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  const report = await runPipeline({ root: dir, workspace: dir })
  // Shown relative to the workspace, never as the absolute temporary path.
  return { report, config: 'leak-gate.yml' }
}

const sample = (name: string): string => readFileSync(join(SAMPLES, name), 'utf8')
const snap = JSON.stringify({ rss: 100_000_000, heapUsed: 40_000_000 })
const csv =
  'time,rss,requests\n' +
  Array.from({ length: 30 }, (_, i) => `${i},${100_000_000 + i},${i * 10}`).join('\n') +
  '\n'
const snapshotConfig = (baseline: string, post: string, extra = ''): string =>
  `snapshots:\n  baseline: ${baseline}\n  post: ${post}\n${extra}`

describe('snapshot names', () => {
  it('a misspelt snapshot metric is an error at its config line, with a did-you-mean', async () => {
    const { report, config } = await run({
      'baseline.json': snap,
      'post-test.json': snap,
      'leak-gate.yml': snapshotConfig(
        'baseline.json',
        'post-test.json',
        '  metrics: { heapUsd: memory }\n'
      )
    })
    expect(report.verdict).toBe('error')
    expect(report.findings).toEqual([])
    expect(report.errors).toEqual([
      {
        file: config,
        line: 4,
        column: 'snapshots.metrics.heapUsd',
        message:
          `${config}:4: key "snapshots.metrics.heapUsd": found "heapUsd", expected a metric that ` +
          'both baseline.json and post-test.json have, did you mean "heapUsed"? (allowed: rss, heapUsed)'
      }
    ])
  })

  it('a metric only the baseline has says which file has it', async () => {
    const { report, config } = await run({
      'baseline.json': JSON.stringify({ rss: 1, heapUsed: 2, extra: 3 }),
      'post.json': JSON.stringify({ rss: 1, heapUsed: 2 }),
      'leak-gate.yml': snapshotConfig(
        'baseline.json',
        'post.json',
        '  metrics:\n    rss: memory\n    extra: count\n'
      )
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      `${config}:6: key "snapshots.metrics.extra": found "extra" in baseline.json only, expected ` +
        'a metric that both baseline.json and post.json have (allowed: rss, heapUsed)'
    ])
  })

  it('a misspelt snapshot work field is an error', async () => {
    const { report, config } = await run({
      'baseline.json': JSON.stringify({ rss: 1, requests: 0 }),
      'post.json': JSON.stringify({ rss: 2, requests: 100 }),
      'leak-gate.yml': snapshotConfig('baseline.json', 'post.json', '  work: requestz\n')
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      `${config}:4: key "snapshots.work": found "requestz", expected a field that both ` +
        'baseline.json and post.json have (its change is the work done), or a number, ' +
        'did you mean "requests"? (allowed: rss, requests)'
    ])
  })

  it('correct names still compare and pass', async () => {
    const { report } = await run({
      'baseline.json': JSON.stringify({ rss: 100_000_000, heapUsed: 40_000_000, requests: 0 }),
      'post.json': JSON.stringify({ rss: 100_000_000, heapUsed: 40_000_000, requests: 500 }),
      'leak-gate.yml': snapshotConfig(
        'baseline.json',
        'post.json',
        '  work: requests\n  metrics: { heapUsed: memory }\nchecks:\n  heapUsed: { retained-after-load: 10% }\n'
      )
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.metrics.map((m) => m.metric)).toEqual(['heapUsed'])
  })

  it.each([
    [
      'node-v8-getHeapStatistics.txt',
      'txt',
      // and V8's contexts, which a healthy process keeps constant (detached ones leak)
      [
        'total_heap_size',
        'used_heap_size',
        'malloced_memory',
        'number_of_native_contexts',
        'number_of_detached_contexts'
      ]
    ],
    ['cgroup-v2-memory.stat', 'stat', ['anon']]
  ])(
    'configured snapshots of %s compare the memory names the series loader knows too',
    async (name, ext, metrics) => {
      const text = sample(name)
      const { report } = await run({
        [`baseline.${ext}`]: text,
        [`post.${ext}`]: text,
        'leak-gate.yml': snapshotConfig(`baseline.${ext}`, `post.${ext}`)
      })
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('pass')
      expect(report.metrics.map((m) => m.metric).sort()).toEqual([...metrics].sort())
    }
  )

  it.each([['k6-summary.json', 'json', 95, undefined]])(
    'configured snapshots of %s with nothing to compare are an error',
    async (name, ext, values, example) => {
      const text = sample(name)
      const { report, config } = await run({
        [`baseline.${ext}`]: text,
        [`post.${ext}`]: text,
        'leak-gate.yml': snapshotConfig(`baseline.${ext}`, `post.${ext}`)
      })
      expect(report.verdict).toBe('error')
      expect(report.metrics).toEqual([])
      expect(report.errors).toHaveLength(1)
      const message = report.errors[0].message
      expect(message).toMatch(
        new RegExp(
          `^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: key "snapshots": found ${values} ` +
            `values in both baseline\\.${ext} and post\\.${ext} \\(.*\\), none of them a memory ` +
            'metric leak-gate knows, expected memory metrics such as rss, heapUsed'
        )
      )
      if (example) expect(message).toContain(`e.g. "metrics: { ${example}: memory }"`)
      else expect(message).not.toContain('e.g.')
    }
  )

  it('zero-config snapshots with nothing recognised are not an error (nothing was named)', async () => {
    const { report } = await run({
      'baseline.json': JSON.stringify({ models: 3 }),
      'post.json': JSON.stringify({ models: 3 }),
      'memory.csv': csv
    })
    expect(report.errors).toEqual([])
  })
})

describe('series names', () => {
  it('a work field a Prometheus file cannot give is an error at the config line', async () => {
    const { report, config } = await run({
      'm.prom': sample('go-client.prom').repeat(3),
      'leak-gate.yml': 'series:\n  - file: m.prom\n    work: requests\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      `${config}:3: key "series[0].work": found "requests", expected no \`work\` for a ` +
        'Prometheus file (m.prom): its scrapes give no work axis'
    ])
  })

  it('a time-format on Prometheus text is an error at the config line, the file not read with it', async () => {
    const { report, config } = await run({
      'm.prom': sample('go-client.prom').repeat(3),
      'scrapes.txt': sample('go-client.prom').repeat(3),
      'leak-gate.yml':
        'series:\n  - file: m.prom\n    time-format: DD/MM/YYYY\n' +
        '  - file: scrapes.txt\n    format: prometheus\n    time-format: YYYY-MM-DD HH:mm:ss\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        3,
        'series[0].time-format',
        `${config}:3: key "series[0].time-format": found "DD/MM/YYYY" for m.prom, which is Prometheus text, ` +
          'expected no `time-format:` on a Prometheus series (its samples carry their own timestamps, or take the time of their scrape)'
      ],
      [
        6,
        'series[1].time-format',
        `${config}:6: key "series[1].time-format": found "YYYY-MM-DD HH:mm:ss" for scrapes.txt, which is Prometheus text, ` +
          'expected no `time-format:` on a Prometheus series (its samples carry their own timestamps, or take the time of their scrape)'
      ]
    ])
  })

  it('a time-format on a file with no time column is an error at the config line', async () => {
    const { report, config } = await run({
      'memory.csv':
        'rss,heapUsed\n' +
        Array.from({ length: 30 }, (_, i) => `${100_000_000 + i},${40_000_000 + i}`).join('\n') +
        '\n',
      'leak-gate.yml': 'series:\n  - file: memory.csv\n    time-format: DD/MM/YYYY\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      `${config}:3: key "series[0].time-format": found "DD/MM/YYYY", expected a time column of ` +
        'memory.csv to read with it (none was found: name it with `time:`)'
    ])
  })

  it('a time-format on a CSV time column applies (no error)', async () => {
    const dated =
      'time,rss\n' +
      Array.from(
        { length: 30 },
        (_, i) => `0${1 + (i % 9)}/08/2025 10:${String(i).padStart(2, '0')},${100_000_000 + i}`
      ).join('\n') +
      '\n'
    const { report } = await run({
      'memory.csv': dated,
      'leak-gate.yml': 'series:\n  - file: memory.csv\n    time-format: DD/MM/YYYY\n'
    })
    expect(report.errors).toEqual([])
  })

  it('a misspelt Prometheus metric is an error with a did-you-mean', async () => {
    const { report, config } = await run({
      'm.prom': sample('go-client.prom').repeat(3),
      'leak-gate.yml': 'series:\n  - file: m.prom\n    metrics:\n      go_goroutinez: count\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0].message).toMatch(
      new RegExp(
        `^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: key "series\\[0\\]\\.metrics\\.go_goroutinez": ` +
          'found "go_goroutinez", expected a metric of m\\.prom, did you mean "go_goroutines"\\? ' +
          '\\(allowed: .*go_goroutines.*… \\d+ more\\)$'
      )
    )
  })

  it('a misspelt CSV work column is an error (the loader names the columns)', async () => {
    const { report } = await run({
      'memory.csv': csv,
      'leak-gate.yml': 'series:\n  - file: memory.csv\n    time: time\n    work: requestz\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors).toHaveLength(1)
    // The table loader's text (src/load/table.ts): located at the header, naming the columns.
    expect(report.errors[0].message).toMatch(
      /^memory\.csv:1: column "requestz": .*time, rss, requests/
    )
  })
})

describe('checks names', () => {
  it('thresholds for a metric no input has are an error with the known names', async () => {
    const { report, config } = await run({
      'memory.csv': csv,
      'leak-gate.yml':
        'series:\n  - file: memory.csv\n    time: time\nchecks:\n  rsss: { sustained-growth: 5MiB/h }\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors).toEqual([
      {
        file: config,
        line: 5,
        column: 'checks.rsss',
        message:
          `${config}:5: key "checks.rsss": found "rsss", expected a metric of the inputs ` +
          '(its name, FILE:name, or * for all), did you mean "rss"? (allowed: rss)'
      }
    ])
  })

  it('accepts every name a metric goes by: plain, FILE:name, and *', async () => {
    const { report } = await run({
      'memory.csv': csv,
      'baseline.json': snap,
      'post.json': snap,
      'leak-gate.yml':
        'series:\n  - file: memory.csv\n    time: time\n' +
        snapshotConfig('baseline.json', 'post.json') +
        'checks:\n  rss: { sustained-growth: 5MiB/h }\n  memory.csv:rss: { rising-floor: 5MiB/h }\n' +
        '  post.json:heapUsed: { retained-after-load: 10% }\n  "*": { oom-risk: 1h }\n'
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('thresholds for a snapshot metric that is not compared are an error', async () => {
    const { report, config } = await run({
      'baseline.json': snap,
      'post.json': snap,
      'leak-gate.yml':
        snapshotConfig('baseline.json', 'post.json', '  metrics: { rss: memory }\n') +
        'checks:\n  heapUsed: { retained-after-load: 10% }\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      `${config}:6: key "checks.heapUsed": found "heapUsed", expected a metric of the inputs ` +
        '(its name, FILE:name, or * for all) (allowed: rss)'
    ])
  })
})

describe('messages: file:line, found, expected, one line', () => {
  it('a bad JSON snapshot says the line, what is there and where JSON.parse stopped', async () => {
    const { report } = await run({
      'baseline.json': '{\n  "rss": 1,\n  "heapUsed" 2\n}\n',
      'post.json': snap,
      'leak-gate.yml': snapshotConfig('baseline.json', 'post.json')
    })
    expect(report.verdict).toBe('error')
    expect(report.errors).toEqual([
      {
        file: 'baseline.json',
        line: 3,
        found: '2',
        expected: 'a JSON object or "name value" lines (JSON: Unexpected number at column 14)',
        message:
          'baseline.json:3: found "2", expected a JSON object or "name value" lines ' +
          '(JSON: Unexpected number at column 14)'
      }
    ])
  })

  it('a tracemalloc text as a snapshot gets a line number and no raw newline', async () => {
    const text = sample('tracemalloc-top.txt')
    const { report } = await run({
      'baseline.txt': text,
      'post.txt': text,
      'leak-gate.yml': snapshotConfig('baseline.txt', 'post.txt')
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      'baseline.txt:1: found "Top 10 ]", expected a JSON object or "name value" lines (JSON: Unexpected token \'T\' at column 3)',
      'post.txt:1: found "Top 10 ]", expected a JSON object or "name value" lines (JSON: Unexpected token \'T\' at column 3)'
    ])
  })

  it('a JSON snapshot cut short says it found the end of the file', async () => {
    const { report } = await run({
      'baseline.json': '{\n  "rss": 1,\n  "heapUsed": 2\n',
      'post.json': snap,
      'leak-gate.yml': snapshotConfig('baseline.json', 'post.json')
    })
    expect(report.errors.map((e) => e.message)).toEqual([
      'baseline.json:3: found the end of the file, expected a JSON object or "name value" lines ' +
        "(JSON: Expected ',' or '}' after property value at column 16)"
    ])
  })

  it('a YAML error has the line, what is there, and no empty column field', async () => {
    const { report, config } = await run({
      'memory.csv': csv,
      'leak-gate.yml': 'series:\n  - file: memory.csv\n   time: [\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors).toStrictEqual([
      {
        file: config,
        line: 3,
        message: `${config}:3: found "time: [", expected valid YAML (at column 1: Sequence item without - indicator)`
      }
    ])
  })

  it('a file glob with a line break in it still gives a one-line message', async () => {
    const { report } = await run({
      'memory.csv': csv,
      'leak-gate.yml': 'series:\n  - file: "memory\\n.csv"\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0].message).not.toMatch(/[\r\n]/)
    expect(report.errors[0].message).toContain('"memory?.csv" matched no file')
  })
})

describe('a configured file that gives nothing to judge', () => {
  it('`ps` output saved with spaces as a .csv: an error naming the rows and what was expected', async () => {
    const ps =
      'time rss vsz\n' +
      Array.from({ length: 12 }, (_, i) => `${1795594616 + i} ${20316 + i * 900}  90844`).join(
        '\n'
      ) +
      '\n'
    const { report } = await run({
      'ps.csv': ps,
      'leak-gate.yml': 'series:\n  - file: ps.csv\n    unit: KiB\n'
    })
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      'ps.csv: found "12 rows, no value", expected numbers to analyse (csv: is the file comma-, tab- or semicolon-separated, with the columns the config names?)'
    ])
  })
})

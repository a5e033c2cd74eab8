/**
 * Zero-config detection of JSON inputs from their head as the pipeline reads
 * it (the first 64 KiB, at most 200 lines): keys that appear only on later
 * JSON lines, JSON arrays of samples, and text logs that start with `[`.
 */
import { readFileSync } from 'node:fs'
import { detectInputs, type FileHead } from '../../src/plan/detect.js'
import { readHead } from '../../src/io/read-lines.js'

const FIXTURES = '__fixtures__/pipeline/zero-config-json'

/** The head of a fixture exactly as the pipeline reads it. */
async function headOf(path: string, name = path.split('/').pop()!): Promise<FileHead> {
  return { path: name, head: await readHead(`${FIXTURES}/${path}`, 200) }
}

describe('JSON lines whose memory keys come after the first line (pino)', () => {
  it('reads memory.* found on line 32 of the head, with the time column', async () => {
    const detected = detectInputs([await headOf('pino/server.log')])
    expect(detected.skipped).toEqual([])
    expect(detected.series).toEqual([
      {
        file: 'server.log',
        format: 'jsonl',
        time: 'time'
      }
    ])
    expect(detected.used[0].how).toBe(
      'JSON lines: memory.rss (memory), memory.heapTotal (memory), memory.heapUsed (memory), memory.external (memory), memory.arrayBuffers (memory); time column time'
    )
  })

  it('names the union of the keys when no line holds memory', () => {
    const lines = readFileSync(`${FIXTURES}/pino/server.log`, 'utf8').split('\n').slice(0, 31)
    const detected = detectInputs([{ path: 'server.log', head: lines }])
    expect(detected.series).toEqual([])
    expect(detected.skipped).toEqual([
      {
        file: 'server.log',
        reason:
          'JSON lines without memory or object-count columns (columns: level, time, pid, hostname, msg, port, req.id, req.method, req.url, req.remoteAddress, res.statusCode, responseTime)'
      }
    ])
  })
})

describe('JSON arrays of samples', () => {
  const series = {
    file: 'memory.json',
    format: 'jsonl',
    time: 'time'
  }
  const how =
    'JSON array: rss (memory), heapTotal (memory), heapUsed (memory), external (memory), arrayBuffers (memory); time column time (one point per object)'

  it('JSON.stringify(samples) on one line, ISO times', async () => {
    const detected = detectInputs([await headOf('json-array/memory.json')])
    expect(detected.series).toEqual([series])
    expect(detected.used.map((use) => [use.role, use.how])).toEqual([['series', how]])
  })

  it('one line cut by the 64 KiB head: the complete objects decide', () => {
    const text = readFileSync(`${FIXTURES}/json-array/memory.json`, 'utf8')
    const cut = text.slice(0, text.indexOf('},{') + 40)
    expect(detectInputs([{ path: 'memory.json', head: [cut] }]).series).toEqual([series])
  })

  it('indented with 2 spaces, epoch-ms times', async () => {
    const detected = detectInputs([await headOf('json-array-pretty/memory.json')])
    expect(detected.series).toEqual([series])
    expect(detected.skipped).toEqual([])
  })

  it('podman stats --format json: docker stats, one series per name', () => {
    const head = readFileSync('__fixtures__/load/variants/podman-stats.json', 'utf8').split('\n')
    const detected = detectInputs([{ path: 'podman-stats.json', head: head.slice(0, 200) }])
    expect(detected.series).toEqual([
      { file: 'podman-stats.json', format: 'docker-stats', group: 'name' }
    ])
  })

  it('an array of objects without memory keys is skipped with its keys', () => {
    const detected = detectInputs([
      { path: 'results.json', head: ['[{"url":"/a","status":200,"ms":3},{"url":"/b","ms":4}]'] }
    ])
    expect(detected.skipped).toEqual([
      {
        file: 'results.json',
        reason: 'JSON array without memory or object-count columns (columns: url, status, ms)'
      }
    ])
  })

  it('an array of numbers is not sent to snapshots:', () => {
    const detected = detectInputs([{ path: 'values.json', head: ['[1, 2, 3]'] }])
    expect(detected.skipped).toEqual([
      {
        file: 'values.json',
        reason:
          'a JSON array, not of sample objects (read as a series: [{"time": ..., "rss": ...}, ...] or one object per line)'
      }
    ])
  })
})

describe('text logs that start with `[`', () => {
  const HINT =
    'not a recognised format (to read a text log, list it under series: with a pattern of named groups)'

  it('[ISO time] lines get a pattern for their figures, not "starts like JSON"', async () => {
    expect(detectInputs([await headOf('text-log/app.log')]).skipped).toEqual([
      {
        file: 'app.log',
        reason:
          "a text log with memory figures ([2026-11-25T07:58:45.123Z] INFO memory rss=52133888 heapUsed=11735168), read only with a pattern: list it under series:, e.g. {file: 'app.log', pattern: '(?<time>\\d{4}-\\d{2}-\\d{2}[T ][\\d:.,]+(?:Z|[+-][\\d:]+)?)\\] INFO memory \\brss=(?<rss>\\d+(?:,\\d{3})*(?:\\.\\d+)?) \\bheapUsed=(?<heapUsed>\\d+(?:,\\d{3})*(?:\\.\\d+)?)', time: time}"
      }
    ])
  })

  it.each([
    ['[info] 12:00:01 rss=52133888', 'app.txt', ' '],
    ['[12:00:01] rss=52133888', 'out.log', '\\] ']
  ])('%s: a pattern for the clock time and the figure', (line, path, between) => {
    expect(detectInputs([{ path, head: [line, line] }]).skipped).toEqual([
      {
        file: path,
        reason: `a text log with memory figures (${line}), read only with a pattern: list it under series:, e.g. {file: '${path}', pattern: '(?<time>\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)${between}\\brss=(?<rss>\\d+(?:,\\d{3})*(?:\\.\\d+)?)', time: time}`
      }
    ])
  })

  it('one-line printed objects are read, one point per object (keys unquoted)', () => {
    const head = [
      '{ rss: 9076736, heapTotal: 6131200, heapUsed: 2052352 }',
      '{ rss: 10960896, heapTotal: 6131200, heapUsed: 2939096 }'
    ]
    const detected = detectInputs([{ path: 'timer.log', head }])
    expect(detected.skipped).toEqual([])
    expect(detected.series).toEqual([{ file: 'timer.log', format: 'jsonl' }])
    expect(detected.used[0].how).toBe(
      'printed JavaScript objects: rss (memory), heapTotal (memory), heapUsed (memory); no time column (sample order) (one point per object)'
    )
  })

  it('`[10:00:01] {…}`: the clock before each object is the time column', () => {
    const head = ['[10:00:01] { rss: 9076736 }', '[10:00:02] { rss: 10960896 }']
    const detected = detectInputs([{ path: 'timer.log', head }])
    expect(detected.series).toEqual([{ file: 'timer.log', format: 'jsonl', time: 'time' }])
  })

  it('lines of keys with no whole object still say what to save instead', () => {
    const head = ['  rss: 9076736,', '  heapUsed: 2052352', '}']
    const [skipped] = detectInputs([{ path: 'tail.log', head }]).skipped
    expect(skipped.reason).toMatch(
      /^printed JavaScript objects \(`console\.log\(process\.memoryUsage\(\)\)`/
    )
  })

  it('[main] started: no memory figure, the general pattern hint', () => {
    const line = '[main] started'
    expect(detectInputs([{ path: 'run.out', head: [line, line] }]).skipped).toEqual([
      { file: 'run.out', reason: HINT }
    ])
  })

  it('a JSON-like start that is not an array of objects still says so', () => {
    expect(detectInputs([{ path: 'x.log', head: ['[', '  1,', '  2'] }]).skipped).toEqual([
      {
        file: 'x.log',
        reason:
          'a JSON array, not of sample objects (read as a series: [{"time": ..., "rss": ...}, ...] or one object per line)'
      }
    ])
  })
})

/**
 * Zero-config detection of what shell loops around `docker stats` and
 * `kubectl top` save (fixtures in __fixtures__/load/docker-loops, loaded in
 * __tests__/load/docker-loops.test.ts): the format and what the report says,
 * and the near misses that must not be read so.
 */
import { detectInputs, type FileHead } from '../../src/plan/detect.js'
import { readHead } from '../../src/io/read-lines.js'

const FIXTURES = '__fixtures__/load/docker-loops'

async function headOf(name: string): Promise<FileHead> {
  return { path: name, head: await readHead(`${FIXTURES}/${name}`, 200) }
}

describe('docker stats and kubectl top loops, with no config', () => {
  it.each([
    [
      'dated-json.log',
      "docker stats JSON lines: memory column memory.raw, one series per container; time from the time line before each object (a loop's `date`)"
    ],
    [
      'dated-json-stray.log',
      "docker stats JSON lines: memory column MemUsage, one series per Name; time from the time line before each object (a loop's `date`)"
    ],
    ['compose-noheader.log', 'docker stats rows (`docker stats --format` cells)'],
    ['noheader-default-order.csv', 'docker stats rows (`docker stats --format` cells)'],
    ['kubectl-epoch.csv', '`kubectl top --no-headers` rows'],
    ['kubectl-echo-joined.log', '`kubectl top --no-headers` rows'],
    ['kubectl-broken.csv', '`kubectl top --no-headers` rows'],
    [
      'pct-only.csv',
      'docker stats CSV: memory column %Mem, one series per name; time column timestamp'
    ]
  ])('reads %s as docker-stats', async (file, how) => {
    const detected = detectInputs([await headOf(file)])
    expect(detected.skipped).toEqual([])
    expect(detected.series.map((spec) => spec.format)).toEqual(['docker-stats'])
    expect(detected.used[0].how).toBe(how)
  })

  it('rows whose only pair of sizes is decimal (NET I/O) are no docker memory', async () => {
    const detected = detectInputs([await headOf('noheader-not-docker.log')])
    expect(detected.series).toEqual([])
    expect(detected.skipped[0].reason).toMatch(/^not a recognised format/)
  })

  it('plain JSON lines after `date` lines are read as JSON lines, their time from the date', () => {
    const detected = detectInputs([
      {
        path: 'mem.log',
        head: [
          '2025-06-03T09:15:00+00:00',
          '{"rss": 104857600}',
          '2025-06-03T09:15:10+00:00',
          '{"rss": 105906176}'
        ]
      }
    ])
    expect(detected.series).toEqual([{ file: 'mem.log', format: 'jsonl', time: 'time' }])
    expect(detected.used[0].how).toBe(
      "JSON lines: rss (memory); time from the time line before each object (a loop's `date`)"
    )
  })

  it('JSON objects among other log lines, or before any date, are not timed by date lines', () => {
    // (read as objects among log lines, in sample order, as before)
    const detected = detectInputs([
      {
        path: 'app.log',
        head: ['2025-06-03T09:15:00+00:00', 'starting', '{"rss": 1}', 'listening on :8080', 'GET /']
      },
      { path: 'late.log', head: ['{"rss": 1}', '2025-06-03T09:15:00+00:00', '{"rss": 2}'] }
    ])
    expect(detected.used.map((use) => use.how)).toEqual([
      'printed JavaScript objects: rss (memory); no time column (sample order) (one point per object)',
      'printed JavaScript objects: rss (memory); no time column (sample order) (one point per object)'
    ])
  })

  it('a `ps` table with %mem beside rss keeps rss; %CPU alone is no memory', () => {
    const detected = detectInputs([
      { path: 'ps.csv', head: ['time,pid,%cpu,%mem,rss_kb', '1700000000,42,1.5,2.0,120000'] },
      { path: 'cpu.csv', head: ['timestamp,name,%CPU', '2024-01-01T00:00:00,web,1.0'] }
    ])
    expect(detected.series).toEqual([{ file: 'ps.csv', format: 'csv', time: 'time' }])
    expect(detected.skipped).toEqual([
      {
        file: 'cpu.csv',
        reason: 'CSV without memory or object-count columns (columns: timestamp, name, %CPU)'
      }
    ])
  })
})

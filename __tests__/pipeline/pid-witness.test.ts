/**
 * The pid a memoryUsage CSV logs beside the memory is the witness of a restart: a new pid is a
 * restart whatever the work counter does (a load generator's counter logged in the same rows
 * counts on through the service's restart), and a fall where the pid stays the same is the same
 * process (the runtime handing memory back), even after a pause in sampling. Without a pid the
 * work counter of the memory's own rows speaks (never another file's). Real runs, edited:
 * examples/native-leak-shrunk (V8 shrank its heap 1 min 46 s in, RSS fell 28.7 MiB and climbed
 * on: a native leak) and the pid-restart-leak fixture (a leak restarted at 10:02:00).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding, SeriesAnalysis } from '../../src/model.js'
import { runEdited } from '../helpers/edited-run.js'

const SHRUNK = 'examples/native-leak-shrunk/artifacts'
const RESTARTED = '__fixtures__/pipeline/restarts/pid-restart-leak'
/** The first data row after the shrink in native-leak-shrunk's memory.csv (18:12:19.505 UTC). */
const SHRINK_ROW = 107

/**
 * Rewrites memory.csv of a copied run: `pid(row)` appends a pid column (null: none), `pauseMs`
 * delays every row from `at` on (1-based data rows), `cells` edits the other cells of a row.
 */
function editMemory(
  dir: string,
  options: {
    pid?: (row: number) => string
    pauseMs?: number
    at?: number
    header?: (cells: string[]) => string[]
    cells?: (cells: string[], row: number) => string[]
  }
): void {
  const rows = readFileSync(join(dir, 'memory.csv'), 'utf8').trim().split('\n')
  const header = options.header ? options.header(rows[0].split(',')) : rows[0].split(',')
  const out = [[...header, ...(options.pid ? ['pid'] : [])].join(',')]
  rows.slice(1).forEach((line, k) => {
    const row = k + 1
    let cells = line.split(',')
    if (options.pauseMs && row >= options.at!)
      cells[0] = new Date(Date.parse(cells[0]) + options.pauseMs).toISOString()
    if (options.cells) cells = options.cells(cells, row)
    out.push([...cells, ...(options.pid ? [options.pid(row)] : [])].join(','))
  })
  writeFileSync(join(dir, 'memory.csv'), out.join('\n') + '\n')
}

const rssFinding = (findings: Finding[]): Finding =>
  findings.find(
    (f) => f.signature === 'sustained-growth' && f.source === 'memory.csv' && f.metric === 'rss'
  )!

const NOW = new Date('2026-12-06T00:00:00Z')

describe('the pid is the witness of a restart', () => {
  it('the same pid across a fall after a pause in sampling: no restart, judged as memory handed back', async () => {
    // the sampler held up 4 s where V8 shrank its heap: without a pid that reads as a restart
    const pause = { pauseMs: 4000, at: SHRINK_ROW }
    const without = await runEdited(SHRUNK, (dir) => editMemory(dir, pause), NOW)
    expect(rssFinding(without.findings).message).toMatch(/\(a restart: after a pause in sampling\)/)

    const report = await runEdited(
      SHRUNK,
      (dir) => editMemory(dir, { ...pause, pid: () => '4121' }),
      NOW
    )
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const rss = rssFinding(report.findings)
    expect(rss.message).toMatch(
      /split at a fall of -28\.7 MiB \(123 MiB → 94\.4 MiB\) 1 min 50 s into the run, at 18:12:23 UTC \(memory handed back at once: the runtime shrank its heap; the same pid before and after a pause in sampling, no restart\); the rise resumes at the same pace after each fall; .*a native leak$/
    )
    expect(rss.evidence).toMatchObject({ basis: 'segments', restart: false })
    // nothing of the run is said to span two processes
    const said = [...report.findings.map((f) => f.message), ...report.healthy, ...report.notes]
    expect(said.join('\n')).not.toMatch(/a restart|different processes/)
  })

  it('a new pid where the work counter counts on (a load generator logged in the same rows): a restart', async () => {
    // pid-restart-leak with a `requests` column that counts on through the restart
    const report = await runEdited(
      RESTARTED,
      (dir) =>
        editMemory(dir, {
          header: ([time, ...rest]) => [time, 'requests', ...rest],
          cells: ([time, ...rest], row) => [time, String((row - 1) * 500), ...rest]
        }),
      new Date('2026-11-25T00:00:00Z')
    )
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const growth = report.findings.filter((f) => f.signature === 'sustained-growth')
    expect(growth.map((f) => f.metric).sort()).toEqual(['heapTotal', 'heapUsed', 'rss'])
    for (const finding of growth) {
      expect(finding.evidence).toMatchObject({ basis: 'segments', restart: true })
      // the pid says a new process started: back at its starting level, whatever the counter did
      expect(finding.message).toMatch(
        /2 min into the run, at 10:02:00 UTC \(a restart: pid 4121 → 4388, back to the starting level\)/
      )
    }
  })

  it("without a pid, a counter in another file (the load generator's) says nothing of the memory's restart", async () => {
    // pid-restart-leak without its pid column, beside loadgen.csv whose request counter counts on
    const report = await runEdited(
      RESTARTED,
      (dir) => {
        editMemory(dir, {
          header: (cells) => cells.filter((c) => c !== 'pid'),
          cells: (cells) => cells.filter((_, i) => i !== 1)
        })
        const rows = ['time,requests']
        for (let s = 0; s < 240; s++)
          rows.push(
            `${new Date(Date.parse('2026-01-05T10:00:00Z') + s * 1000).toISOString()},${s * 500}`
          )
        writeFileSync(join(dir, 'loadgen.csv'), rows.join('\n') + '\n')
      },
      new Date('2026-11-25T00:00:00Z')
    )
    expect(report.errors).toEqual([])
    expect(report.errors).toEqual([])
    expect(report.notes).toContain(
      'loadgen.csv: not used (CSV without memory or object-count columns (columns: time, requests))'
    )
    // rss falls back to its starting level with no pause: a restart, as with no other file
    const rss = report.metrics.find(
      (m): m is SeriesAnalysis => m.kind === 'series' && m.metric === 'rss'
    )!
    expect(rss.segments).toMatchObject({ count: 2, restarts: 1 })
    expect(report.healthy.find((line) => line.startsWith('rss: grows'))).toMatch(
      /at 10:02:00 UTC \(a restart: back to the starting level\)/
    )
  })
})

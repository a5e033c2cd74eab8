/**
 * A JSON document written on one line (dotnet-counters' `--format json`, curl's Prometheus
 * answers) may be as long as a document may be: 25 counters a second pass the 1 MiB any other
 * line may take within 5 minutes, and a 10-minute run was "line too long".
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(removeTempDirs)
const NOW = new Date('2026-12-07T00:00:00Z')

it('reads a 10-minute dotnet-counters JSON document of 2 MB on one line', async () => {
  const dir = makeTempDir('long-json-line')
  const events: object[] = []
  const start = Date.UTC(2025, 2, 10, 10)
  for (let s = 0; s < 600; s++) {
    const timestamp = new Date(start + s * 1000).toISOString().replace(/\.000Z$/, 'Z')
    events.push({
      timestamp,
      provider: 'System.Runtime',
      name: 'Working Set (MB)',
      tags: '',
      counterType: 'Metric',
      value: 200 + s * 0.05
    })
    for (let i = 0; i < 24; i++)
      events.push({
        timestamp,
        provider: 'System.Runtime',
        name: `Other counter ${i} (Count)`,
        tags: '',
        counterType: 'Metric',
        value: 3
      })
  }
  const text = JSON.stringify({
    TargetProcess: 'app',
    StartTime: '3/10/2025 10:00:00 AM',
    Events: events
  })
  expect(text.length).toBeGreaterThan(2 * 1024 * 1024)
  writeFileSync(join(dir, 'counters.json'), text)
  const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
  expect(report.errors).toEqual([])
  const workingSet = report.metrics.find((m) => m.metric === 'Working Set (MB)')
  expect(workingSet?.kind === 'series' && workingSet.samples).toBe(600)
})

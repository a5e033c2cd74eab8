/**
 * A heap read only a handful of times cannot vouch for RSS. Nine readings of a load test that
 * logs its heap and RSS every few seconds: RSS climbs with the requests; the heap, sampled on
 * whatever tooth of a sawtooth as tall as itself, has no significant trend, but an interval that
 * reaches RSS's pace. It does not show the heap flat, so RSS's growth is judged on its own (it
 * was a warning, "memory kept by the allocator"). A heap that is flat in few readings still
 * vouches; with more readings (bucket means that average the teeth) the rule does not apply.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(removeTempDirs)
const NOW = new Date('2026-12-07T00:00:00Z')

async function judge(rows: Array<[number, number, number, number]>): Promise<Report> {
  const dir = makeTempDir('few-heap')
  mkdirSync(join(dir, 'artifacts'))
  const csv = ['elapsed_s,requests,heap_used_mb,rss_mb', ...rows.map((r) => r.join(','))]
  writeFileSync(join(dir, 'artifacts', 'memory.csv'), csv.join('\n') + '\n')
  return runPipeline({ root: join(dir, 'artifacts'), workspace: dir, now: NOW })
}

const finding = (report: Report, metric: string) =>
  report.findings.find((f) => f.signature === 'sustained-growth' && f.metric === metric)

// Requests every 5 s; RSS adds ~600 KiB per request; the heap swings 300–900 MiB.
const elapsed = [0, 10, 15, 20, 25, 30, 35, 40, 45]
const requests = elapsed.map((s) => s * 30)
const rss = [110, 640, 700, 880, 1010, 1000, 1050, 1330, 1280]

describe('a heap read a handful of times beside a climbing RSS', () => {
  it('does not vouch when its interval reaches RSS pace: RSS fails and says why', async () => {
    const heap = [35, 420, 390, 350, 680, 480, 700, 1050, 460]
    const report = await judge(elapsed.map((s, i) => [s, requests[i], heap[i], rss[i]]))
    const rssFinding = finding(report, 'rss_mb')
    expect(rssFinding?.level).toBe('fail')
    expect(rssFinding?.message).toMatch(
      /heap_used_mb \(the live heap, read \d+ times in the steady part\) cannot show it flat: its pace could be anything from -[\d.]+ GiB\/h to \+[\d.]+ GiB\/h, enough to carry rss_mb's/
    )
    expect(report.verdict).toBe('fail')
  })

  it('still vouches when the few readings show the heap flat', async () => {
    const heap = [35, 402, 398, 405, 399, 401, 404, 400, 403]
    const report = await judge(elapsed.map((s, i) => [s, requests[i], heap[i], rss[i]]))
    const rssFinding = finding(report, 'rss_mb')
    expect(rssFinding?.level).toBe('warn')
    expect(rssFinding?.message).toMatch(/heap_used_mb \(the live heap[^)]*\) is flat/)
  })
})

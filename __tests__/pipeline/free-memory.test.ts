/**
 * Figures of memory left (a device's free heap, `FreeRAM`, `getFreeHeap()`): their fall is the
 * leak. Judged as the memory used since the highest reading, with the scale of what was free, not
 * the 1 MiB of allocator noise a server process has (fixtures in __fixtures__/pipeline/free-memory).
 */
import { runPipeline } from '../../src/pipeline.js'
import type { Report, SeriesAnalysis } from '../../src/model.js'
import { memoryLeftName } from '../../src/analyze/memory-left.js'
import { renderHtml } from '../../src/report/html.js'
import { renderMarkdown } from '../../src/report/markdown.js'

const DIR = '__fixtures__/pipeline/free-memory'

const run = (name: string): Promise<Report> =>
  runPipeline({
    root: `${DIR}/${name}`,
    workspace: `${DIR}/${name}`,
    configPath: `${process.cwd()}/${DIR}/${name}/leak-gate.yml`,
    configAnywhere: true,
    now: new Date('2026-12-06T00:00:00Z')
  })

const seriesOf = (report: Report): SeriesAnalysis[] =>
  report.metrics.filter((m): m is SeriesAnalysis => m.kind === 'series')

describe('a figure of memory left', () => {
  it('free heap falling 1,536 B per request from 60 KiB: a leak, said as memory used', async () => {
    const report = await run('leak')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const finding = report.findings.find((f) => f.metric === 'free_heap' && f.level === 'fail')!
    expect(finding).toBeDefined()
    expect(finding.message).toMatch(/^memory used out of free_heap grows /)
    const heap = seriesOf(report).find((s) => s.metric === 'free_heap')!
    // used since the highest reading: starts near 0, ends near 29 × 1,536 B
    expect(heap.firstValue).toBeLessThan(100)
    expect(heap.lastValue).toBeGreaterThan(29 * 1536 - 100)
    expect(report.notes.join('\n')).toContain('free_heap: memory left')
    // the headline under the verdict says it too: the free heap fell, the memory used grew
    expect(report.presentation?.headline.sentence).toMatch(
      /^serial\.log: memory used out of free_heap grows \+1\.5 KiB per request /
    )
  })

  it('a free heap that falls to 0 and stays there is out of memory: oom-risk fails, though a one-time step is no trend', async () => {
    const report = await run('exhausted')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const oom = report.findings.find((f) => f.signature === 'oom-risk' && f.level === 'fail')
    expect(oom?.metric).toBe('free_heap')
    expect(oom?.message).toMatch(
      /^memory used out of free_heap stands at 58\.8 KiB at the end of the run .*at its 58\.8 KiB limit: all that was free is used, none left/
    )
    const comment = renderMarkdown(report).replace(/\\_/g, '_')
    expect(comment.slice(comment.indexOf('What leaks'))).toContain('reached 58.8 KiB (none left)')
  })

  it('several devices: the one whose free heap falls fails, said as memory used, the steady one passes', async () => {
    const report = await run('devices')
    expect(report.verdict).toBe('fail')
    const failing = report.findings.filter((f) => f.level === 'fail').map((f) => f.metric)
    expect([...new Set(failing)]).toEqual(['free_heap[b]'])
    expect(report.presentation?.headline.sentence).toMatch(
      /^b: memory used out of free_heap grows /
    )
  })

  it('the PR comment and the HTML report name what they show: the memory used out of free_heap, not free_heap', async () => {
    const report = await run('leak')
    // the values shown are the memory used since the highest reading (0 → 43.5 KiB), not what was
    // free (60 KiB → 16.5 KiB): every place that shows them says so
    const comment = renderMarkdown(report).replace(/\\_/g, '_')
    const leaksTable = comment.slice(comment.indexOf('What leaks'))
    const leakRow = leaksTable.split('\n').find((line) => line.includes('per request'))!
    expect(leakRow).toMatch(/memory used out of free_heap \+1\.5 KiB per request/)
    expect(leakRow).toMatch(/memory used out of free_heap \+34\.5 KiB over the steady window/)
    expect(leakRow.replace(/memory used out of free_heap/g, '')).not.toMatch(/free_heap \+/)
    const trendRow = comment.split('\n').find((line) => /^\| .*43\.5 KiB/.test(line))!
    expect(trendRow).toMatch(/memory used out of `free_heap`/)
    expect(comment).not.toMatch(/<b>free_heap<\/b>/)
    const html = renderHtml(report)
    expect(html).toMatch(/memory used out of free_heap \+1\.5 KiB per request/)
    expect(html).not.toMatch(/<h3>free_heap<\/h3>/)
    expect(html).not.toMatch(/Chart of free_heap /)
    const trend = html.slice(html.indexOf('43.5 KiB') - 600, html.indexOf('43.5 KiB'))
    expect(trend).toMatch(/memory used out of/)
    // by device too: the failing one's row says what it shows
    const devices = renderMarkdown(await run('devices')).replace(/\\_/g, '_')
    expect(devices).toMatch(/^\| ❌ \| `b` \|.*\| memory used out of free_heap \+\d/m)
    expect(devices).toMatch(/<b>memory used out of free_heap \(a\)<\/b>/)
  })

  it('free heap wandering with buffers in flight, no trend: passes', async () => {
    const report = await run('steady')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it("a host's free pages falling while its page cache fills: not memory left to a process, passes", async () => {
    const report = await run('system-free')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it("a host's free memory as a Node harness logs it (`os.freemem()`): falling with the page cache, passes", async () => {
    const report = await run('host-freemem')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
  })

  it('zero-config: a `free_memory_bytes` column beside the process RSS, falling with the page cache, passes', async () => {
    const report = await runPipeline({
      root: `${DIR}/host-free-bytes`,
      workspace: `${DIR}/host-free-bytes`,
      now: new Date('2026-12-06T00:00:00Z')
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.notes.join('\n')).not.toContain('memory left')
  })

  it('names that say memory left, and names that do not', () => {
    for (const name of [
      'FreeRAM',
      'free_heap',
      'freeHeap',
      'Free Heap Size',
      'heap_free',
      'availableRAM',
      'getMinFreeHeap'
    ])
      expect([name, memoryLeftName(name)]).toEqual([name, true])
    for (const name of [
      'free',
      'MemFree',
      'MemAvailable',
      'mem_free',
      'rss',
      'heapUsed',
      'freed',
      'free_count',
      // the host's (Node's os.freemem() and process.availableMemory(), psutil, /proc/meminfo) or a
      // JVM's freeMemory() (its committed heap less what is used: falls when the heap shrinks)
      'freemem',
      'free memory',
      'free_memory_bytes',
      'availableMemory',
      'available_memory_mb',
      'freeMemory',
      'system_free_ram',
      'host_free_heap'
    ])
      expect([name, memoryLeftName(name)]).toEqual([name, false])
  })
})

/**
 * A table built once, under a GC sawtooth that hides the step in heapUsed's
 * mean: RSS and container usage of the same process show it (flat, one step,
 * flat), and a retained heap of about that size arrived in that step. The real
 * run in examples/step-61 passes; the same samples with a post-test heap that
 * kept three times the step (more than a step explains) fail retained-after-load.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { addLinearLeak, editPostTest, runEdited } from '../helpers/edited-run.js'

const example = 'examples/step-61/artifacts'
const now = new Date('2026-11-25T00:00:00Z')

describe('a retained heap explained by a step in the same process', () => {
  it('passes when RSS steps about the retained size once and the heap floor does not grow', async () => {
    const report = await runPipeline({ root: example, workspace: example, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.healthy.join('\n')).toMatch(
      /heapUsed: \+[\d.]+ MiB \(\+[\d.]+%\) after load .*arrived in one step: (rss|MemUsage) of the same process \(\S+\) stepped \+[\d.]+ MiB once and is flat before and after/
    )
  })

  it('fails when the heap kept far more than the step (three times it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-step-'))
    try {
      cpSync(example, dir, { recursive: true })
      const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as Record<
        string,
        number
      >
      const post = JSON.parse(readFileSync(join(dir, 'post-test.json'), 'utf8')) as Record<
        string,
        number
      >
      post.heapUsed = baseline.heapUsed + 3 * (post.heapUsed - baseline.heapUsed)
      writeFileSync(join(dir, 'post-test.json'), JSON.stringify(post))
      const report = await runPipeline({ root: dir, workspace: dir, now })
      expect(report.verdict).toBe('fail')
      expect(
        report.findings.some(
          (f) =>
            f.signature === 'retained-after-load' && f.metric === 'heapUsed' && f.level === 'fail'
        )
      ).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

/**
 * examples/step-68: 1 s samples fall in step with the GC sawtooth, so heapUsed creeps 0.6 MiB a
 * second before and after the table arrives (garbage), and its own fit sees a trend. RSS jumps
 * once between two samples; the forced collection before the post-test snapshot goes below the
 * heap's floor just after the jump. A leak keeps adding after the step: the same samples with a
 * post-test heap at the run's last floor fail.
 */
describe('a heap whose creep around a step is garbage', () => {
  const stepped = 'examples/step-68/artifacts'

  it('passes: the rise is the step RSS shows, the creep is freed by the forced collection', async () => {
    const report = await runPipeline({ root: stepped, workspace: stepped, now })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const healthy = report.healthy.join('\n')
    expect(healthy).toMatch(
      /heapUsed: .*its rise is one step: rss of the same process \(memory\.csv\) stepped \+[\d.]+ MiB once [\d.]+ s into the run .*no more than heapUsed's floor just after the step/
    )
    expect(healthy).toMatch(/heapUsed: \+[\d.]+ MiB \(\+[\d.]+%\) after load .*arrived in one step/)
  })

  it('fails when the post-test heap kept the floor of the run’s end (a leak adds after the step)', async () => {
    const rows = readFileSync(join(stepped, 'memory.csv'), 'utf8').trim().split('\n')
    const column = rows[0].split(',').indexOf('heapUsed')
    const last = Number(rows[rows.length - 1].split(',')[column])
    const report = await runEdited(
      stepped,
      (dir) =>
        editPostTest(dir, (post) => {
          post.heapUsed = last
        }),
      now
    )
    expect(report.verdict).toBe('fail')
    expect(report.healthy.join('\n')).not.toMatch(/its rise is one step/)
  })
})

describe('a leak beside a step is not excused by the step', () => {
  it.each([300, 600])('step-68 with %i B per request leaking in heapUsed fails', async (bytes) => {
    const report = await runEdited(
      'examples/step-68/artifacts',
      (dir) => addLinearLeak(dir, bytes, ['heapUsed']),
      now
    )
    expect(report.verdict).toBe('fail')
    expect(report.healthy.join('\n')).not.toMatch(/its rise is one step|arrived in one step/)
  })
})

/**
 * A work name after a count reads as English: a singular name (`loop`, `count`,
 * `iteration`, as an offered log pattern names its counter) takes its plural
 * after any count but one; a plural or compound name (`requests`, `http_reqs`)
 * stays as written. Fixture: our own bullet list of loops, read by the entry
 * zero-config offers for it.
 */
import { resolve } from 'node:path'
import { workNoun } from '../../src/analyze/describe.js'
import { runPipeline } from '../../src/pipeline.js'

const fixture = '__fixtures__/pipeline/work-noun/loops'

describe('work names after a count', () => {
  it('the findings on a log counted in loops say "47 loops", never "47 loop"', async () => {
    const report = await runPipeline({
      root: fixture,
      workspace: fixture,
      configPath: resolve(fixture, 'leak-gate.yml'),
      configAnywhere: true,
      now: new Date('2026-12-06T00:00:00Z')
    })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const messages = report.findings.map((f) => f.message)
    expect(messages.join('\n')).toMatch(/over the steady \d+ loops\b/)
    for (const message of messages) expect(message).not.toMatch(/\d loop\b/)
  })

  it.each([
    ['count', 810, 'counts'],
    ['iteration', 2, 'iterations'],
    ['query', 3, 'queries'],
    ['batch', 4, 'batches'],
    ['loop', 1, 'loop'],
    ['requests', 5, 'requests'],
    ['http_reqs', 5, 'http_reqs'],
    ['n', 5, 'n']
  ])('%s after %d: %s', (name, count, noun) => {
    expect(workNoun(name, count)).toBe(noun)
  })
})

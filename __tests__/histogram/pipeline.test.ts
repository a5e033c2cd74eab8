/**
 * Class histograms through the whole pipeline, on fixture folders of real
 * tool output (__fixtures__/histograms): zero-config finds them, three
 * histograms of a leaking program fail `leaking-class` naming the class,
 * a bounded cache and two histograms never fail, and `checks:`/`ignore:`
 * may name a class.
 */
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const FIXTURES = join(import.meta.dirname, '../../__fixtures__/histograms')
const NOW = new Date('2026-12-05T12:00:00Z')

/** A temp artifact folder with the named fixture files (and an optional leak-gate.yml). */
function artifact(files: Record<string, string>, config?: string): string {
  const root = makeTempDir('histo')
  for (const [to, from] of Object.entries(files)) cpSync(join(FIXTURES, from), join(root, to))
  if (config !== undefined) writeFileSync(join(root, 'leak-gate.yml'), config)
  return root
}

const run = (root: string): Promise<Report> => runPipeline({ root, workspace: root, now: NOW })

afterAll(removeTempDirs)

describe('class histograms, zero-config', () => {
  it('three jcmd histograms of a leaking JVM fail leaking-class on the leaking class', async () => {
    const report = await run(
      artifact({
        'jcmd-1.txt': 'jvm-leak/jcmd-1.txt',
        'jcmd-2.txt': 'jvm-leak/jcmd-2.txt',
        'jcmd-3.txt': 'jvm-leak/jcmd-3.txt'
      })
    )
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const classes = report.findings
      .filter((f) => f.signature === 'leaking-class')
      .map((f) => f.metric)
    // the application's class first, before the byte arrays, strings and map nodes it holds
    expect(classes[0]).toBe('Leaky$Session')
    expect(classes).toEqual(
      expect.arrayContaining(['[B', 'java.lang.String', 'java.util.HashMap$Node'])
    )
    const session = report.findings.find((f) => f.metric === 'Leaky$Session')
    expect(session?.evidence).toMatchObject({
      phase1Growth: 18000,
      phase2Growth: 22000,
      finalCount: 53000
    })
    expect(session?.message).toMatch(
      /^Leaky\$Session: \+18,000 objects in phase 1 and \+22,000 in phase 2/
    )
    const table = report.classHistograms?.[0]
    expect(table?.files).toEqual(['jcmd-1.txt', 'jcmd-2.txt', 'jcmd-3.txt'])
    expect(table?.judged).toBe(true)
    expect(table?.rows[0].status).toBe('leak')
    expect(report.inputs.map((i) => [i.file, i.format, i.role])).toEqual([
      ['jcmd-1.txt', 'jvm-histogram', 'histogram'],
      ['jcmd-2.txt', 'jvm-histogram', 'histogram'],
      ['jcmd-3.txt', 'jvm-histogram', 'histogram']
    ])
  })

  it('a bounded LRU (5,000 entries, evicting) names nothing and passes', async () => {
    const report = await run(
      artifact({
        'lru-1.txt': 'jvm-lru/lru-1.txt',
        'lru-2.txt': 'jvm-lru/lru-2.txt',
        'lru-3.txt': 'jvm-lru/lru-3.txt'
      })
    )
    expect(report.errors).toEqual([])
    expect(report.findings).toEqual([])
    expect(report.verdict).toBe('pass')
    expect(report.classHistograms?.[0].rows.filter((r) => r.status === 'leak')).toEqual([])
  })

  it('two histograms show the change and never fail alone', async () => {
    const report = await run(
      artifact({ 'jcmd-1.txt': 'jvm-leak/jcmd-1.txt', 'jcmd-3.txt': 'jvm-leak/jcmd-3.txt' })
    )
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('pass')
    const table = report.classHistograms?.[0]
    expect(table?.judged).toBe(false)
    expect(table?.rows.find((r) => r.name === 'Leaky$Session')).toMatchObject({
      growth: [40000],
      status: 'grows'
    })
    expect(table?.notes.join(' ')).toContain('never judged alone')
  })

  it('python worker: objgraph, pympler and tracemalloc sequences each name the leak, per job', async () => {
    const files: Record<string, string> = {}
    for (const tool of ['objgraph', 'pympler', 'tracemalloc'])
      for (const i of [1, 2, 3]) files[`${tool}-${i}.txt`] = `python-leak/${tool}-${i}.txt`
    const report = await run(artifact(files))
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    const failing = report.findings.map((f) => `${f.source.replace(/-\d\.txt$/, '')} ${f.metric}`)
    expect(failing).toEqual(
      expect.arrayContaining([
        'objgraph Session',
        "pympler <class '__main__.Session",
        'tracemalloc /srv/worker/jobs.py:9'
      ])
    )
    const objgraph = report.findings.find((f) => f.metric === 'Session')
    // 3,000 jobs per phase, 3,000 Sessions per phase: one Session per job
    expect(objgraph?.evidence).toMatchObject({ phase1Growth: 3000, phase2Growth: 3000, perWork: 1 })
    expect(report.classHistograms).toHaveLength(3)
  })

  it('pprof -top inuse_space: the growing function fails on bytes', async () => {
    const report = await run(
      artifact({
        'heap-1.txt': 'go-leak/heap-1.txt',
        'heap-2.txt': 'go-leak/heap-2.txt',
        'heap-3.txt': 'go-leak/heap-3.txt'
      })
    )
    expect(report.errors).toEqual([])
    expect(report.findings.map((f) => f.metric)).toEqual(['main.(*Store).Add'])
    expect(report.classHistograms?.[0].quantity).toBe('bytes')
  })

  it('alloc_space is shown, never judged (it counts every allocation)', async () => {
    const root = artifact({
      'heap-1.txt': 'go-leak/heap-1.txt',
      'heap-2.txt': 'go-leak/heap-2.txt',
      'heap-3.txt': 'go-leak/heap-3.txt'
    })
    for (const i of [1, 2, 3]) {
      const path = join(root, `heap-${i}.txt`)
      const { readFileSync } = await import('node:fs')
      writeFileSync(path, readFileSync(path, 'utf8').replace('inuse_space', 'alloc_space'))
    }
    const report = await run(root)
    expect(report.findings).toEqual([])
    expect(report.classHistograms?.[0].notes.join(' ')).toContain(
      'alloc_space counts every allocation'
    )
  })

  it('a bad line in a histogram is an error with file:line, verdict error', async () => {
    const root = artifact({
      'jcmd-1.txt': 'jvm-leak/jcmd-1.txt',
      'jcmd-2.txt': 'jvm-leak/jcmd-2.txt'
    })
    const { readFileSync } = await import('node:fs')
    const text = readFileSync(join(root, 'jcmd-2.txt'), 'utf8').split('\n')
    text[9] = '   7:          979          n/a  [Ljava.lang.Object; (java.base@17.0.15)'
    writeFileSync(join(root, 'jcmd-2.txt'), text.join('\n'))
    const report = await run(root)
    expect(report.verdict).toBe('error')
    expect(report.errors[0].message).toContain(
      'jcmd-2.txt:10: column "class name": found "   7:          979          n/a'
    )
  })
})

describe('class histograms dated by "# leak-gate: time=" take their work from the memory series', () => {
  it('reads the requests column at each histogram time and judges per request', async () => {
    const root = artifact({})
    const start = Date.parse('2026-12-05T11:00:00Z')
    const rows = ['time,requests,rss,heapUsed']
    for (let i = 0; i <= 60; i++)
      rows.push(
        `${new Date(start + i * 10_000).toISOString()},${i * 500},${100e6 + i * 1e5},${50e6 + (i % 5) * 1e5}`
      )
    writeFileSync(join(root, 'memory.csv'), rows.join('\n') + '\n')
    const { readFileSync } = await import('node:fs')
    for (const [i, at] of [
      [1, 100],
      [2, 300],
      [3, 500]
    ] as const) {
      const text = readFileSync(join(FIXTURES, `jvm-leak/jcmd-${i}.txt`), 'utf8')
      writeFileSync(
        join(root, `jcmd-${i}.txt`),
        `# leak-gate: time=${(start + at * 1000) / 1000}\n${text}`
      )
    }
    const report = await run(root)
    expect(report.errors).toEqual([])
    const table = report.classHistograms?.[0]
    expect(table?.work).toEqual([5000, 15000, 25000])
    expect(table?.workName).toBe('requests')
    const session = report.findings.find((f) => f.metric === 'Leaky$Session')
    expect(session?.evidence.perWork).toBeCloseTo(2.2)
    expect(session?.message).toContain('2.2 per request')
  })
})

describe('class histograms, configured', () => {
  const leak = {
    'h/a.txt': 'jvm-leak/jcmd-1.txt',
    'h/b.txt': 'jvm-leak/jcmd-2.txt',
    'h/c.txt': 'jvm-leak/jcmd-3.txt'
  }

  it('histograms: baseline/target/final with work per histogram: growth per request', async () => {
    const report = await run(
      artifact(
        leak,
        'histograms:\n  baseline: h/a.txt\n  target: h/b.txt\n  final: h/c.txt\n  work: [13000, 31000, 53000]\n'
      )
    )
    expect(report.errors).toEqual([])
    const session = report.findings.find((f) => f.metric === 'Leaky$Session')
    expect(session?.evidence.perWork).toBe(1)
    expect(report.inputs.every((i) => i.how === 'config')).toBe(true)
  })

  it('checks: may turn leaking-class off for one class, and ignore: suppresses it with its reason', async () => {
    const off = await run(
      artifact(
        leak,
        "histograms: { baseline: h/a.txt, target: h/b.txt, final: h/c.txt }\nchecks:\n  'Leaky$Session': { leaking-class: off }\n"
      )
    )
    expect(off.errors).toEqual([])
    expect(off.findings.map((f) => f.metric)).not.toContain('Leaky$Session')
    const ignored = await run(
      artifact(
        leak,
        "histograms: { baseline: h/a.txt, target: h/b.txt, final: h/c.txt }\nignore:\n  - { signature: leaking-class, metric: '*', reason: 'known, fixed in #12' }\n"
      )
    )
    expect(ignored.verdict).toBe('pass')
    expect(ignored.suppressed.map((f) => f.metric)).toContain('Leaky$Session')
  })

  it('a threshold above the growth passes the class', async () => {
    const report = await run(
      artifact(
        leak,
        "histograms: { baseline: h/a.txt, target: h/b.txt, final: h/c.txt }\nchecks:\n  '*': { leaking-class: 100000 }\n"
      )
    )
    expect(report.findings).toEqual([])
  })

  it('a glob that matches nothing, a wrong work list and an unknown key are config errors', async () => {
    const missing = await run(
      artifact(leak, 'histograms: { baseline: h/a.txt, final: h/zzz.txt }\n')
    )
    expect(missing.verdict).toBe('error')
    expect(missing.errors[0].message).toContain(
      'key "histograms.final": "h/zzz.txt" matched no file'
    )
    const work = await run(
      artifact(leak, 'histograms: { baseline: h/a.txt, final: h/c.txt, work: [1, 2, 3] }\n')
    )
    expect(work.errors[0].message).toContain(
      'found 3 numbers, expected one work count per histogram (2)'
    )
    const key = await run(
      artifact(leak, 'histograms: { baseline: h/a.txt, final: h/c.txt, phase: 2 }\n')
    )
    expect(key.errors[0].message).toContain('histograms')
    expect(key.errors[0].message).toContain('target')
  })

  it('a binary dump named as a histogram is refused, never loaded', async () => {
    const root = artifact(leak, 'histograms: { baseline: h/a.txt, final: snap.pickle }\n')
    writeFileSync(join(root, 'snap.pickle'), Buffer.from([0x80, 0x04, 0x95, 0x10, 0, 0, 0]))
    const report = await run(root)
    expect(report.verdict).toBe('error')
    expect(report.errors[0].message).toContain('leak-gate never loads pickles or binary dumps')
  })
})

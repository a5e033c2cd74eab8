/**
 * The confirmation rule on its own: which runs a shape holds, k of N, and
 * what happens to findings that fail in too few runs.
 */
import {
  appendedAxis,
  artifactAxis,
  capRuns,
  confirmRuns,
  folderAxis,
  listRunNames,
  MAX_RUNS,
  relabelSeries,
  requiredRuns
} from '../../src/analyze/confirm-runs.js'
import type { Finding, SeriesAnalysis } from '../../src/model.js'

function finding(source: string, metric: string, level: 'fail' | 'warn' = 'fail'): Finding {
  return {
    id: `sustained-growth:${source}:${metric}`,
    signature: 'sustained-growth',
    metric,
    source,
    level,
    message: `${metric} grows`,
    evidence: { p: 0.001 }
  }
}

describe('requiredRuns', () => {
  it('makes a majority more than half of the runs', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => requiredRuns('majority', n))).toEqual([1, 2, 2, 3, 3, 4])
    expect(requiredRuns('all', 5)).toBe(5)
    expect(requiredRuns(2, 5)).toBe(2)
  })
})

describe('finding the runs', () => {
  it('takes numbered sibling folders for runs, in natural order', () => {
    const axis = folderAxis([
      'run-10/memory.csv',
      'run-2/memory.csv',
      'run-1/memory.csv',
      'run-1/logs/gc.log',
      'leak-gate.yml'
    ])!
    expect(axis.by).toBe('folders')
    expect(axis.runs).toEqual(['run-1', 'run-2', 'run-10'])
    expect(axis.placeOf({ source: 'run-10/memory.csv', metric: 'rss' })).toEqual({
      run: 'run-10',
      leak: 'run-*/memory.csv:rss'
    })
    expect(axis.placeOf({ source: 'memory.csv', metric: 'rss' })).toBeUndefined()
  })

  it('finds runs one level down and leaves unnumbered folders alone unless asked', () => {
    const nested = folderAxis(['out/attempt_1/stats.csv', 'out/attempt_2/stats.csv'])!
    expect(nested.runs).toEqual(['out/attempt_1', 'out/attempt_2'])
    expect(
      nested.placeOf({ source: 'out/attempt_2/stats.csv[web]', metric: 'MemUsage[web]' })
    ).toEqual({ run: 'out/attempt_2', leak: 'out/attempt_*/stats.csv[web]:MemUsage[web]' })
    const plain = ['first/memory.csv', 'second/memory.csv']
    expect(folderAxis(plain)).toBeUndefined()
    expect(folderAxis(plain, true)?.runs).toEqual(['first', 'second'])
    expect(folderAxis(['run-1/memory.csv'])).toBeUndefined()
    // replicas or phases holding different files are no runs of one test
    expect(folderAxis(['phase-1/warmup.csv', 'phase-2/load.csv'])).toBeUndefined()
    expect(folderAxis(['logs/app.log', 'stats/memory.csv'], true)).toBeUndefined()
    // plain names count at the top only
    expect(folderAxis(['out/a/m.csv', 'out/b/m.csv'], true)).toBeUndefined()
  })

  it('reads the load stage names of appended runs, grouped or not', () => {
    const axis = appendedAxis(['run 2', 'run 1', 'web run 1', undefined])!
    expect(axis.runs).toEqual(['run 1', 'run 2'])
    expect(axis.placeOf({ source: 'memory.csv[run 2]', metric: 'rss[run 2]' })).toEqual({
      run: 'run 2',
      leak: 'memory.csv:rss'
    })
    expect(axis.placeOf({ source: 'stats.csv[web run 1]', metric: 'MemUsage[web run 1]' })).toEqual(
      { run: 'run 1', leak: 'stats.csv[web]:MemUsage[web]' }
    )
    expect(axis.placeOf({ source: 'memory.csv', metric: 'rss' })).toBeUndefined()
    expect(appendedAxis(['web', undefined])).toBeUndefined()
  })

  it('tells artifacts apart when one name starts another', () => {
    const axis = artifactAxis(['leak-test-1', 'leak-test-10', 'leak-test-2'])!
    expect(axis.runs).toEqual(['leak-test-1', 'leak-test-2', 'leak-test-10'])
    expect(
      axis.placeOf({ source: 'leak-test-10/docker_stats.csv[web]', metric: 'MemUsage' })
    ).toEqual({ run: 'leak-test-10', leak: 'docker_stats.csv[web]:MemUsage' })
    expect(artifactAxis(['only'])).toBeUndefined()
  })
})

describe('many runs', () => {
  it('keeps the first 200 runs in natural order; findings of the others are outside every run', () => {
    const files = Array.from({ length: 500 }, (_, i) => `run-${500 - i}/memory.csv`)
    const found = folderAxis(files)!
    expect(found.runs).toHaveLength(500)
    const axis = capRuns(found)!
    expect(MAX_RUNS).toBe(200)
    expect(axis.runs).toHaveLength(200)
    expect([axis.runs[0], axis.runs[199]]).toEqual(['run-1', 'run-200'])
    expect(axis.omitted).toBe(300)
    expect(axis.placeOf({ source: 'run-200/memory.csv', metric: 'rss' })?.run).toBe('run-200')
    expect(axis.placeOf({ source: 'run-201/memory.csv', metric: 'rss' })).toBeUndefined()
    // a leak failing in run-201 only stays a failure: it is not lowered by runs it was not counted in
    const out = confirmRuns(
      [finding('run-1/memory.csv', 'rss'), finding('run-201/memory.csv', 'rss')],
      axis,
      2
    )
    expect(out.findings.map((f) => f.level)).toEqual(['warn', 'fail'])
    expect(out.summary.total).toBe(200)
    // up to 200 nothing changes
    const few = folderAxis(['run-1/m.csv', 'run-2/m.csv'])
    expect(capRuns(few)).toBe(few)
  })

  it('quotes ten run names at most', () => {
    const names = Array.from({ length: 12 }, (_, i) => `run-${i + 1}`)
    expect(listRunNames(names.slice(0, 10))).toBe(names.slice(0, 10).join(', '))
    expect(listRunNames(names)).toBe(`${names.slice(0, 10).join(', ')} and 2 more`)
  })
})

describe('confirmRuns', () => {
  const axis = folderAxis(['run-1/m.csv', 'run-2/m.csv', 'run-3/m.csv'])!

  it('keeps a failure seen in a majority of runs, and says in how many', () => {
    const { findings, summary } = confirmRuns(
      [finding('run-1/m.csv', 'heapUsed'), finding('run-3/m.csv', 'heapUsed')],
      axis,
      'majority'
    )
    expect(findings.map((f) => f.level)).toEqual(['fail', 'fail'])
    expect(findings[0].evidence).toMatchObject({ runsFailed: 2, runs: 3, runsNeeded: 2 })
    expect(summary).toMatchObject({ required: 2, total: 3, failed: 2, confirmed: true })
    expect(summary.sentence).toBe('Fails in 2 of 3 runs (2 needed).')
    expect(summary.runs.map((run) => [run.name, run.verdict])).toEqual([
      ['run-1', 'fail'],
      ['run-2', 'pass'],
      ['run-3', 'fail']
    ])
    expect(summary.leaks).toEqual([
      { name: 'run-*/m.csv:heapUsed', runs: ['run-1', 'run-3'], confirmed: true }
    ])
  })

  it('says "fails in 3 of 3 runs" when every run fails, and confirm: 1 keeps any failure', () => {
    const all = [1, 2, 3].map((n) => finding(`run-${n}/m.csv`, 'heapUsed'))
    expect(confirmRuns(all, axis, 'majority').summary.sentence).toBe('Fails in 3 of 3 runs.')
    expect(confirmRuns(all, axis, 'all').summary.sentence).toBe('Fails in 3 of 3 runs.')
    const one = confirmRuns([finding('run-2/m.csv', 'rss')], axis, 1)
    expect(one.findings[0].level).toBe('fail')
    expect(one.summary.sentence).toBe('Fails in 1 of 3 runs (1 needed).')
  })

  it('lowers a failure seen in too few runs to a warning that says so', () => {
    const { findings, summary } = confirmRuns([finding('run-2/m.csv', 'rss')], axis, 'majority')
    expect(findings[0].level).toBe('warn')
    expect(findings[0].message).toBe('rss grows (not confirmed: fails in 1 of 3 runs, 2 needed)')
    expect(findings[0].evidence).toMatchObject({ confirmed: false, runsFailed: 1 })
    expect(summary.sentence).toBe('1 of 3 runs failed; not confirmed (2 needed).')
    expect(summary.runs[1]).toEqual({
      name: 'run-2',
      verdict: 'fail',
      findingId: 'sustained-growth:run-2/m.csv:rss',
      finding: 'rss grows'
    })
  })

  it('needs the same leak: two runs failing on different series is not confirmed', () => {
    const { findings, summary } = confirmRuns(
      [finding('run-1/m.csv', 'heapUsed'), finding('run-2/m.csv', 'rss')],
      axis,
      2
    )
    expect(findings.map((f) => f.level)).toEqual(['warn', 'warn'])
    expect(summary.failed).toBe(2)
    expect(summary.sentence).toBe(
      '2 of 3 runs failed, not with the same leak; not confirmed (2 needed).'
    )
  })

  it('with confirm: all, two of three failing runs only warn', () => {
    const { findings, summary } = confirmRuns(
      [finding('run-1/m.csv', 'heapUsed'), finding('run-2/m.csv', 'heapUsed')],
      axis,
      'all'
    )
    expect(findings.map((f) => f.level)).toEqual(['warn', 'warn'])
    expect(summary.sentence).toBe('2 of 3 runs failed; not confirmed (3 needed).')
  })

  it('names in each run the failure the headline order puts first, and ranks equal leaks by it', () => {
    const fails = [1, 2].flatMap((n) => [
      finding(`run-${n}/m.csv`, 'heapUsed'),
      finding(`run-${n}/m.csv`, 'external')
    ])
    // the headline's order (here: external, the larger part, before the heap)
    const order = (list: readonly Finding[]) =>
      [...list].sort((a, b) => Number(a.metric !== 'external') - Number(b.metric !== 'external'))
    const { summary } = confirmRuns(fails, axis, 'majority', order)
    expect(summary.runs.slice(0, 2).map((run) => run.findingId)).toEqual([
      'sustained-growth:run-1/m.csv:external',
      'sustained-growth:run-2/m.csv:external'
    ])
    expect(summary.leaks.map((leak) => leak.name)).toEqual([
      'run-*/m.csv:external',
      'run-*/m.csv:heapUsed'
    ])
    // without one, the findings' own order
    expect(confirmRuns(fails, axis, 'majority').summary.runs[0].findingId).toBe(
      'sustained-growth:run-1/m.csv:heapUsed'
    )
  })

  it('leaves warnings and findings outside every run as they are', () => {
    const outside = finding('memory.csv', 'rss')
    const warn = finding('run-1/m.csv', 'rss', 'warn')
    const { findings, summary } = confirmRuns([outside, warn], axis, 'majority')
    expect(findings).toEqual([outside, warn])
    expect(summary.runs[0].verdict).toBe('warn')
    expect(summary.sentence).toBe('No run failed (3 runs).')
  })

  it('marks a series whose failures were all lowered as warn, not leak', () => {
    const series = { kind: 'series', file: 'run-2/m.csv', metric: 'rss', status: 'leak' }
    const other = { kind: 'series', file: 'run-1/m.csv', metric: 'rss', status: 'leak' }
    const lowered = { ...finding('run-2/m.csv', 'rss'), level: 'warn' as const }
    const [a, b] = relabelSeries([series, other] as unknown as SeriesAnalysis[], [
      lowered,
      finding('run-1/m.csv', 'rss')
    ])
    expect(a.status).toBe('warn')
    expect(b.status).toBe('leak')
  })
})

/**
 * Repeated runs of one load test, saved the ways users save them, through the
 * pipeline and the command line. The fixtures are real runs of the example
 * service (examples/*: memory.csv from its /stats endpoint, docker_stats.csv
 * from `docker stats`), arranged as a user's CI would keep them:
 * - memory-csv/run-1..3: map-leak, healthy, listener-leak (two leaking runs of three);
 * - appended/memory.csv: map-leak, listener-leak, healthy appended in one file;
 * - appended-one-leak/memory.csv: map-leak, healthy, lru-cache appended (one leaking run);
 * - docker-stats/leak-test-1..3: matrix artifacts downloaded side by side
 *   (lru-cache, map-leak, healthy: one leaking run);
 * - single-run: one map-leak run.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { runCli } from '../../src/cli/run.js'
import type { Report } from '../../src/model.js'
import { configFor, runPipeline } from '../../src/pipeline.js'
import { combineSections } from '../../src/publish/combine.js'
import { failureMessage } from '../../src/gate.js'
import { parseConfig } from '../../src/config/parse-config.js'
import { renderHtml, renderJson, renderMarkdown, renderText } from '../../src/report/index.js'
import { reportProblems } from '../../src/report/report-schema.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

const FIXTURES = '__fixtures__/pipeline/repeated-runs'
const NOW = new Date('2026-11-26T00:00:00Z')

afterAll(removeTempDirs)

/** A config file outside the artifact, as `--config` names one. */
function config(text: string): string {
  const path = join(makeTempDir('runs-config'), 'leak-gate.yml')
  writeFileSync(path, text)
  return path
}

function run(fixture: string, configText?: string): Promise<Report> {
  const root = `${FIXTURES}/${fixture}`
  return runPipeline({
    root,
    workspace: root,
    now: NOW,
    ...(configText === undefined ? {} : { configPath: config(configText), configAnywhere: true })
  })
}

const runVerdicts = (report: Report): string[][] =>
  (report.runs?.runs ?? []).map((one) => [one.name, one.verdict])

describe('repeated runs in numbered folders (run-1/, run-2/, run-3/)', () => {
  it('fails when a majority of runs fail with the same leak, and shows every run', async () => {
    const report = await run('memory-csv', 'runs:\n  confirm: majority\n')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    expect(report.runs).toMatchObject({ by: 'folders', required: 2, total: 3, failed: 2 })
    expect(runVerdicts(report)).toEqual([
      ['run-1', 'fail'],
      ['run-2', 'pass'],
      ['run-3', 'fail']
    ])
    // the leak that decides is the live heap, failing in the two leaking runs
    expect(report.runs!.leaks[0]).toEqual({
      name: 'run-*/memory.csv:heapUsed',
      runs: ['run-1', 'run-3'],
      confirmed: true
    })
    expect(report.runs!.runs[0].findingId).toMatch(/:run-1\/memory\.csv:heapUsed$/)
    expect(report.presentation!.headline.title).toBe('Leak found')
    expect(report.presentation!.headline.sentence).toMatch(/^Fails in 2 of 3 runs \(2 needed\)\. /)
    expect(reportProblems(JSON.parse(renderJson(report)))).toEqual([])
    // the ready-to-paste ignore: block has one entry per signature and metric, not one per run
    const ignore = renderMarkdown(report).split('ignore:\n')[1].split('```')[0]
    const entries = [...ignore.matchAll(/signature: (\S+)\n\s+metric: (\S+)/g)].map(
      (m) => `${m[1]} ${m[2]}`
    )
    expect(entries).toContain('sustained-growth "heapUsed"')
    expect(new Set(entries).size).toBe(entries.length)
  })

  it('with confirm: all, two failing runs of three only warn, and say why', async () => {
    const report = await run('memory-csv', 'runs:\n  confirm: all\n')
    expect(report.verdict).toBe('warn')
    expect(report.findings.every((f) => f.level === 'warn')).toBe(true)
    expect(report.findings.find((f) => f.signature === 'sustained-growth')!.message).toMatch(
      /\(not confirmed: fails in 2 of 3 runs, 3 needed\)$/
    )
    expect(report.presentation!.headline.title).toBe('Leak not confirmed')
    expect(report.presentation!.headline.sentence).toMatch(
      /^2 of 3 runs failed; not confirmed \(3 needed\)\. /
    )
    // no series is shown as a leak when the verdict is not a fail
    const statuses = report.metrics.map((m) => m.status)
    expect(statuses).not.toContain('leak')
    expect(statuses).toContain('warn')
  })

  it('without runs: judges every run on its own as before, and says how to confirm', async () => {
    const plain = await run('memory-csv')
    expect(plain.verdict).toBe('fail')
    expect(plain.runs).toBeUndefined()
    expect(plain.notes.join('\n')).toMatch(
      /3 numbered folders hold the same files \(run-1, run-2, run-3\): each judged on its own and any failure fails; if they are runs of one test, `runs: \{confirm: majority\}`/
    )
    const confirmed = await run('memory-csv', 'runs:\n  confirm: 2\n')
    // the failing runs' findings are the same findings, still failing
    expect(confirmed.findings.map((f) => [f.id, f.level])).toEqual(
      plain.findings.map((f) => [f.id, f.level])
    )
  })

  it('refuses confirm: 4 for 3 runs at its file:line', async () => {
    const report = await run('memory-csv', 'warmup: 20%\nruns:\n  from: folders\n  confirm: 4\n')
    expect(report.verdict).toBe('error')
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0]).toMatchObject({ line: 4, column: 'runs.confirm' })
    expect(report.errors[0].message).toMatch(
      /leak-gate\.yml:4: key "runs\.confirm": found 4, expected at most 3, the 3 runs found \(run-1, run-2, run-3\)$/
    )
  })
})

describe('repeated runs appended in one file', () => {
  it('fails when two of three appended runs leak', async () => {
    const report = await run('appended', 'runs: {}\n')
    expect(report.verdict).toBe('fail')
    expect(report.runs).toMatchObject({ by: 'appended', required: 2, total: 3, confirmed: true })
    expect(runVerdicts(report)).toEqual([
      ['run 1', 'fail'],
      ['run 2', 'fail'],
      ['run 3', 'pass']
    ])
    expect(report.runs!.leaks[0]).toMatchObject({ name: 'memory.csv:heapUsed', confirmed: true })
  })

  it('warns, not fails, when one appended run of three leaks', async () => {
    const report = await run('appended-one-leak', 'runs: {}\n')
    expect(report.verdict).toBe('warn')
    expect(report.runs!.sentence).toBe('1 of 3 runs failed; not confirmed (2 needed).')
    expect(runVerdicts(report)).toEqual([
      ['run 1', 'fail'],
      ['run 2', 'pass'],
      ['run 3', 'pass']
    ])
    // without runs: the one leaking run fails the whole file, as before
    expect((await run('appended-one-leak')).verdict).toBe('fail')
  })
})

describe('a single run', () => {
  it('is judged exactly as without runs:, with a note that there was nothing to confirm', async () => {
    const plain = await run('single-run')
    const withRuns = await run('single-run', 'runs:\n  confirm: majority\n')
    expect(withRuns.verdict).toBe('fail')
    expect(withRuns.runs).toBeUndefined()
    expect(withRuns.findings).toEqual(plain.findings)
    expect(withRuns.metrics).toEqual(plain.metrics)
    expect(withRuns.notes.at(-1)).toBe(
      'runs: no repeated runs found (looked for numbered folders (run-1/, run-2/) or runs appended in one file): judged as one run, nothing to confirm'
    )
  })

  it('refuses confirm: 2 when there is one run', async () => {
    const report = await run('single-run', 'runs:\n  confirm: 2\n')
    expect(report.verdict).toBe('error')
    expect(report.errors[0].message).toMatch(
      /:2: key "runs\.confirm": found 2, expected at most 1, the 1 run found$/
    )
  })
})

describe('matrix artifacts (leak-test-1, leak-test-2, leak-test-3)', () => {
  it('downloaded side by side, from: artifacts takes each folder for a run', async () => {
    const report = await run('docker-stats', 'runs:\n  from: artifacts\n')
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('warn')
    expect(report.runs).toMatchObject({ by: 'folders', total: 3, failed: 1, confirmed: false })
    expect(runVerdicts(report)).toEqual([
      ['leak-test-1', 'pass'],
      ['leak-test-2', 'fail'],
      ['leak-test-3', 'pass']
    ])
    expect(report.runs!.leaks[0].name).toBe(
      'leak-test-*/docker_stats.csv[map-leak-web-1]:MemUsage[map-leak-web-1]'
    )
  })

  it('analysed one artifact each by the action, confirmed once combined', async () => {
    const text = 'runs:\n  confirm: majority\n'
    const names = ['leak-test-1', 'leak-test-2', 'leak-test-3']
    const sections = []
    for (const name of names) {
      const root = `${FIXTURES}/docker-stats/${name}`
      const report = await runPipeline({
        root,
        rootLabel: name,
        workspace: root,
        now: NOW,
        acrossArtifacts: true
      })
      expect(report.notes.join('\n')).not.toMatch(/runs:/)
      sections.push({ name, report: { ...report, root: name } })
    }
    expect(sections.map((s) => s.report.verdict)).toEqual(['pass', 'fail', 'pass'])
    const plain = combineSections(sections, 'leak-test-*')
    expect(plain.verdict).toBe('fail')
    expect(plain.runs).toBeUndefined()
    expect(plain.notes.at(-1)).toBe(
      '3 artifacts hold the same files (leak-test-1, leak-test-2, leak-test-3): each judged on its own and any failure fails; if they are runs of one test, `runs: {confirm: majority}` fails only when most of them fail with the same leak'
    )
    const combined = combineSections(sections, 'leak-test-*', parseConfig(text, 'leak-gate.yml'))
    expect(combined.verdict).toBe('warn')
    expect(combined.runs).toMatchObject({ by: 'artifacts', total: 3, failed: 1, required: 2 })
    expect(combined.presentation!.headline.sentence).toMatch(
      /^1 of 3 runs failed; not confirmed \(2 needed\)\. /
    )
    expect(reportProblems(JSON.parse(renderJson(combined)))).toEqual([])
    // fail-on: warn fails the job with one line that says the runs did not agree
    expect(combined.findings.every((f) => f.level === 'warn')).toBe(true)
    expect(failureMessage(combined, { summaryWritten: true })).toBe(
      `leak-gate: ${combined.findings.length} warnings (fail-on: warn); 1 of 3 runs failed; not confirmed (2 needed); see the job summary`
    )
  })

  it('takes artifacts holding different files for shards, not runs, unless told', async () => {
    const sections = []
    for (const [name, root] of [
      ['memory', `${FIXTURES}/memory-csv/run-1`],
      ['docker', `${FIXTURES}/docker-stats/leak-test-1`]
    ]) {
      const report = await runPipeline({
        root,
        rootLabel: name,
        workspace: root,
        now: NOW,
        acrossArtifacts: true
      })
      sections.push({ name, report: { ...report, root: name } })
    }
    const shards = combineSections(sections, '*', parseConfig('runs: {}\n', 'leak-gate.yml'))
    expect(shards.runs).toBeUndefined()
    expect(shards.verdict).toBe('fail')
    expect(shards.notes.at(-1)).toBe(
      'runs: the 2 artifacts (memory, docker) hold different files: judged as shards of one test, not as runs (`runs: {from: artifacts}` takes them for runs)'
    )
    const told = combineSections(
      sections,
      '*',
      parseConfig('runs: {from: artifacts, confirm: all}\n', 'leak-gate.yml')
    )
    expect(told.runs).toMatchObject({ by: 'artifacts', total: 2, required: 2, failed: 1 })
    expect(told.verdict).toBe('warn')
  })
})

/** A copy of a fixture folder with its own leak-gate.yml at its root, as a fork could ship it. */
function withOwnConfig(fixture: string, configText: string): string {
  const root = join(makeTempDir('runs-artifact'), 'artifact')
  cpSync(`${FIXTURES}/${fixture}`, root, { recursive: true })
  writeFileSync(join(root, 'leak-gate.yml'), configText)
  return root
}

const IGNORED =
  /`runs:` in leak-test\/leak-gate\.yml ignored: it is the config shipped inside the artifact, not in the repository, and could turn failures into warnings unseen in a pull request's diff; set `runs:` in the repository's \.github\/leak-gate\.yml or the file the action's `config` input names/

describe("runs: in the artifact's own config", () => {
  it('is ignored by the action, with a note in the comment: two leaking runs of three still fail', async () => {
    const root = withOwnConfig('memory-csv', 'runs:\n  confirm: all\n')
    // the action: no config in the repository, the artifact analysed under its name
    const workspace = makeTempDir('runs-workspace')
    const report = await runPipeline({
      root,
      rootLabel: 'leak-test',
      workspace,
      now: NOW,
      untrustedArtifactConfig: true
    })
    expect(report.errors).toEqual([])
    expect(report.config).toBe('leak-test/leak-gate.yml')
    expect(report.verdict).toBe('fail')
    expect(report.runs).toBeUndefined()
    expect(report.findings.filter((f) => f.level === 'fail').length).toBeGreaterThan(0)
    expect(report.notes.join('\n')).toMatch(IGNORED)
    expect(renderMarkdown(report)).toContain(
      'ignored: it is the config shipped inside the artifact'
    )
    // the same runs: from the repository's config is applied
    mkdirSync(join(workspace, '.github'))
    writeFileSync(join(workspace, '.github', 'leak-gate.yml'), 'runs:\n  confirm: all\n')
    const trusted = await runPipeline({
      root,
      rootLabel: 'leak-test',
      workspace,
      now: NOW,
      untrustedArtifactConfig: true
    })
    expect(trusted.config).toBe('.github/leak-gate.yml')
    expect(trusted.verdict).toBe('warn')
    expect(trusted.runs).toMatchObject({ total: 3, failed: 2, required: 3 })
  })

  it("is trusted on the command line (the user's own files): two of three with confirm: all warn", async () => {
    const root = withOwnConfig('memory-csv', 'runs:\n  confirm: all\n')
    const report = await runPipeline({ root, workspace: makeTempDir('runs-cwd'), now: NOW })
    expect(report.verdict).toBe('warn')
    expect(report.runs).toMatchObject({ total: 3, failed: 2, required: 3 })
    expect(report.notes.join('\n')).not.toMatch(/ignored/)
  })

  it('across artifacts, the first artifact’s runs: does not confirm for all of them in the action', async () => {
    const workspace = makeTempDir('runs-workspace')
    const roots = [1, 2, 3].map((n) =>
      withOwnConfig(`memory-csv/run-${n}`, 'runs:\n  confirm: all\n')
    )
    // as the action does: the first artifact's config decides whether to confirm across them
    const runsConfig = await configFor({
      root: roots[0],
      rootLabel: 'leak-test-1',
      workspace,
      untrustedArtifactConfig: true
    })
    expect(runsConfig).toBeDefined()
    expect(runsConfig!.runs).toBeUndefined()
    const sections = []
    for (const [index, root] of roots.entries()) {
      const name = `leak-test-${index + 1}`
      const report = await runPipeline({
        root,
        rootLabel: name,
        workspace,
        now: NOW,
        acrossArtifacts: runsConfig?.runs !== undefined,
        untrustedArtifactConfig: true
      })
      sections.push({ name, report: { ...report, root: name } })
    }
    const combined = combineSections(sections, 'leak-test-*', runsConfig)
    expect(combined.verdict).toBe('fail')
    expect(combined.runs).toBeUndefined()
    const ignored = /ignored: it is the config shipped/g
    expect(combined.notes.filter((note) => note.match(ignored))).toHaveLength(3)
    // one line per artifact, not again in each artifact's section (was 6 in each format)
    expect(renderMarkdown(combined).match(ignored)).toHaveLength(3)
    expect(renderText(combined, { color: false }).match(ignored)).toHaveLength(3)
    expect(renderHtml(combined).match(ignored)).toHaveLength(3)
    // the notes are still each section's own in the JSON report
    expect(combined.sections!.map((s) => s.report.notes.join('\n').match(ignored)?.length)).toEqual(
      [1, 1, 1]
    )
  })
})

describe('many run folders', () => {
  /** `count` numbered folders of one small memoryUsage CSV each; the runs in `leaking` hold a leaking run. */
  function manyRuns(count: number, leaking: number[]): string {
    const root = makeTempDir('many-runs')
    // a short healthy run keeps 500 folders quick to read
    const healthy = readFileSync(`${FIXTURES}/memory-csv/run-2/memory.csv`, 'utf8')
      .split('\n')
      .slice(0, 40)
      .join('\n')
    const leak = readFileSync(`${FIXTURES}/memory-csv/run-1/memory.csv`, 'utf8')
    for (let n = 1; n <= count; n++) {
      mkdirSync(join(root, `run-${n}`))
      writeFileSync(join(root, `run-${n}`, 'memory.csv'), leaking.includes(n) ? leak : healthy)
    }
    return root
  }

  it('confirms across the first 200 of 500 runs, says so, and never lowers a leak beyond them', async () => {
    const root = manyRuns(500, [1, 2, 450])
    const report = await runPipeline({
      root,
      workspace: root,
      now: NOW,
      configPath: config('runs:\n  confirm: 3\n'),
      configAnywhere: true
    })
    expect(report.errors).toEqual([])
    expect(report.runs).toMatchObject({ total: 200, failed: 2, required: 3, confirmed: false })
    expect(report.runs!.runs).toHaveLength(200)
    expect(report.runs!.runs.at(-1)!.name).toBe('run-200')
    expect(report.notes).toContain(
      'runs: 500 runs found, more than 200: only the first 200 (run-1 to run-200) are confirmed across; the findings of the other 300 are judged on their own (any failure among them fails)'
    )
    // run-1 and run-2 are 2 of the 3 needed: lowered; run-450 is outside the runs confirmed: still fails
    const failing = report.findings.filter((f) => f.level === 'fail').map((f) => f.source)
    expect(failing.length).toBeGreaterThan(0)
    expect(failing.every((source) => source.startsWith('run-450/'))).toBe(true)
    expect(report.verdict).toBe('fail')
  })

  it('quotes the first ten run names in a confirm: error, and how many more', async () => {
    const root = manyRuns(500, [])
    const report = await runPipeline({
      root,
      workspace: root,
      now: NOW,
      configPath: config('runs:\n  confirm: 300\n'),
      configAnywhere: true
    })
    expect(report.verdict).toBe('error')
    expect(report.errors[0].message).toMatch(
      /key "runs\.confirm": found 300, expected at most 200, the first 200 of the 500 runs found \(run-1, run-2, run-3, run-4, run-5, run-6, run-7, run-8, run-9, run-10 and 190 more\)$/
    )
  })
})

describe('what the reader sees', () => {
  it('the comment, the text and the HTML report show each run side by side', async () => {
    const report = await run('appended-one-leak', 'runs: {}\n')
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(
      '**Leak not confirmed:** 1 of 3 runs failed; not confirmed (2 needed).'
    )
    expect(markdown).toContain('| Run | Verdict | Decisive finding |')
    expect(markdown).toMatch(/\| `run 1` \| ❌ fail \| heapUsed\\\[run 1\\\] grows \+3\.61 GiB\/h/)
    expect(markdown).toContain('| `run 2` | ✅ pass | — |')
    expect(markdown).toContain('- memory.csv:heapUsed fails in run 1 (1 of 3: not confirmed)')
    const text = renderText(report, { color: false })
    expect(text).toMatch(/^leak-gate: WARN · Leak not confirmed/)
    expect(text).toMatch(/Repeated runs \(3 appended in one file; a majority = 2 must fail/)
    expect(text).toMatch(/run 3 +✅ pass +—/)
    const html = renderHtml(report)
    expect(html).toContain('<section class="box" id="runs">')
    expect(html).toContain('<code>run 1</code>')
  })

  it('the command line exits 0 on an unconfirmed leak and 1 on a confirmed one', async () => {
    const capture = (): Writable & { text: string } => {
      const sink = new Writable({
        write(chunk, _encoding, done) {
          sink.text += String(chunk)
          done()
        }
      }) as Writable & { text: string }
      sink.text = ''
      return sink
    }
    const path = config('runs:\n  confirm: majority\n')
    const out = capture()
    expect(await runCli(['--config', path, `${FIXTURES}/appended-one-leak`], out, capture())).toBe(
      0
    )
    expect(out.text).toMatch(/1 of 3 runs failed; not confirmed \(2 needed\)/)
    const json = capture()
    expect(
      await runCli(
        ['--config', path, '--format', 'json', `${FIXTURES}/memory-csv`],
        json,
        capture()
      )
    ).toBe(1)
    const report = JSON.parse(json.text)
    expect(report.runs.runs.map((r: { verdict: string }) => r.verdict)).toEqual([
      'fail',
      'pass',
      'fail'
    ])
  })
})

describe('each run names the metric its own headline would', () => {
  // A recorded JVM direct-buffer leak (examples/jvm-worker --mode direct-leak): the heap after
  // collections fails at a seventh of the buffers' cost per unit; the part that leaks most leads.
  const DIRECT = '__fixtures__/pipeline/jvm-after-gc/direct-leak'

  it('two runs of the direct-buffer leak: each run’s decisive finding is direct_used_bytes, as the headline', async () => {
    const dir = makeTempDir('runs-direct')
    for (const name of ['run-1', 'run-2']) {
      mkdirSync(join(dir, name))
      cpSync(join(DIRECT, 'memory.csv'), join(dir, name, 'memory.csv'))
    }
    const config = readFileSync(join(DIRECT, 'leak-gate.yml'), 'utf8')
      .replace(/^snapshots:[\s\S]*$/m, '')
      .replace('file: memory.csv', 'file: "*/memory.csv"')
    writeFileSync(join(dir, 'leak-gate.yml'), `${config}runs:\n  confirm: all\n`)
    const report = await runPipeline({ root: dir, workspace: dir, now: NOW })
    expect(report.errors).toEqual([])
    expect(report.verdict).toBe('fail')
    // the heap fails too (what a heap-first ranking named)
    expect(
      report.findings.some((f) => f.metric === 'heap_after_gc_bytes' && f.level === 'fail')
    ).toBe(true)
    const headline = report.presentation!.headline
    expect(headline.metric).toBe('direct_used_bytes')
    const decisive = report.runs!.runs.map(
      (one) => report.findings.find((f) => f.id === one.findingId)?.metric
    )
    expect(decisive).toEqual(['direct_used_bytes', 'direct_used_bytes'])
    expect(report.runs!.leaks[0].name).toBe('run-*/memory.csv:direct_used_bytes')
    expect(renderMarkdown(report)).toMatch(/\| `run-1` \| ❌ fail \| direct\\_used\\_bytes grows/)
  })
})

/**
 * Issue 14, the GitHub side: the bundle (`node dist/index.js`, the runner's
 * environment, the real Octokit and `@actions/artifact`) against a stand-in
 * GitHub that hangs, refuses long bodies, has a second writer and comments
 * by other people, and fed relayed reports that a fork controls.
 */
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { renderJson } from '../../src/report/json.js'
import { readHiddenData } from '../../src/report/escape.js'
import type { Report } from '../../src/model.js'
import { ACTIONS_BOT, FakeGitHub } from '../helpers/fake-github.js'
import { runAction } from '../helpers/run-action.js'
import { removeTempDirs } from '../helpers/temp-dir.js'
import { folderEntries } from '../helpers/zip.js'

const FIXTURES = join(process.cwd(), '__fixtures__', 'action')
const LEAK = folderEntries(join(FIXTURES, 'leak'))
const HEALTHY = folderEntries(join(FIXTURES, 'healthy'))
const PR = 7
const HEAD_SHA = 'feed'.padEnd(40, '4')
const MARKER = '<!-- leak-gate:default -->'
/** Network limits for tests: short timeouts and retry delays, so every hang ends in seconds. */
const FAST_NETWORK = {
  LEAK_GATE_HTTP_TIMEOUT_MS: '400',
  LEAK_GATE_RETRY_DELAY_MS: '20',
  LEAK_GATE_ARTIFACT_TIMEOUT_MS: '1500',
  LEAK_GATE_NETWORK_BUDGET_MS: '20000'
}

let github: FakeGitHub
let leakReport: Report

beforeAll(async () => {
  leakReport = await runPipeline({
    root: join(FIXTURES, 'leak'),
    now: new Date('2026-01-16T00:00:00Z')
  })
})

beforeEach(async () => {
  github = new FakeGitHub()
  await github.start()
})

afterEach(async () => {
  await github.stop()
  removeTempDirs()
})

const ourComments = () => github.comments.filter((comment) => comment.body.includes(MARKER))

/** The open PR of the fork's branch, and another PR (someone else's) to aim at. */
function addPulls(): void {
  github.pulls.push(
    {
      number: PR,
      state: 'open',
      head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: 'forker/shop' } },
      base: { ref: 'main', sha: 'ba5e'.padEnd(40, '2'), repo: { full_name: 'acme/shop' } }
    },
    {
      number: 8,
      state: 'open',
      head: { sha: 'beef'.padEnd(40, '5'), ref: 'feature', repo: { full_name: 'acme/shop' } },
      base: { ref: 'main', sha: 'ba5e'.padEnd(40, '2'), repo: { full_name: 'acme/shop' } }
    }
  )
}

function workflowRunEvent(conclusion = 'failure', pullRequests: unknown[] = []) {
  return {
    name: 'workflow_run',
    payload: {
      action: 'completed',
      workflow_run: {
        id: 1000,
        head_sha: HEAD_SHA,
        head_branch: 'feature',
        conclusion,
        html_url: 'https://github.com/acme/shop/actions/runs/1000',
        head_repository: { full_name: 'forker/shop', owner: { login: 'forker' } },
        pull_requests: pullRequests
      }
    }
  }
}

/** The analysing run's report artifact, as the fork's run uploaded it. */
function addRelayedReport(
  json: string,
  meta: Record<string, unknown> = {},
  name = 'leak-gate-report'
) {
  github.addArtifact(1000, name, {
    'leak-gate-report.json': json,
    'leak-gate-meta.json': JSON.stringify({
      version: 1,
      prNumber: PR,
      headSha: HEAD_SHA,
      commentKey: 'default',
      artifactName: 'load-test',
      runId: 1000,
      runUrl: 'https://github.com/acme/shop/actions/runs/1000',
      verdict: 'fail',
      ...meta
    })
  })
}

/** Runs `mode: report` as the workflow_run job (run 1001) does. */
function relay(options: { event?: ReturnType<typeof workflowRunEvent>; inputs?: object } = {}) {
  github.currentRunId = 1001
  return runAction({
    apiUrl: github.url,
    runId: 1001,
    inputs: { 'github-token': 'write-token', mode: 'report', ...options.inputs },
    event: options.event ?? workflowRunEvent(),
    env: FAST_NETWORK
  })
}

/** Runs `mode: full` on the leak (or another) artifact of run 1000 for PR 7. */
function fullRun(
  files: Record<string, string | Buffer> = LEAK,
  env: Record<string, string> = {},
  inputs: object = {}
) {
  github.currentRunId = 1000
  if (!github.artifacts.some((artifact) => artifact.runId === 1000))
    github.addArtifact(1000, 'load-test', files)
  return runAction({
    apiUrl: github.url,
    inputs: { artifact: 'load-test', 'github-token': 'token', 'report-name': '', ...inputs },
    env: { ...FAST_NETWORK, ...env }
  })
}

/** Text GitHub would act on: raw HTML, a mention, our marker, a bare link. */
function expectInert(body: string): void {
  expect(body).not.toMatch(/<img|<a |<script|<iframe/i)
  expect(body).not.toMatch(/@evil-org\/team/)
  expect(body).not.toContain('<!-- leak-gate:other')
  expect(body.match(/<!-- leak-gate:/g)).toHaveLength(1)
  // A bare URL from the artifact would become a link: it is code, or not a URL.
  for (const match of body.matchAll(/https?:\/\/evil\.example[^\s`]*/g)) {
    const before = body.slice(0, match.index)
    expect({ url: match[0], before: before.slice(-40) }).toEqual({
      url: match[0],
      before: expect.stringMatching(/(`|<code>)$/)
    })
  }
}

describe('item 1: the relayed report is validated against the report schema', () => {
  const HOSTILE = '<img src=x onerror=alert(1)> @evil-org/team [click](https://evil.example/x)'

  it.each([
    ['findings[].level', (report: Report) => (report.findings[0].level = HOSTILE as 'fail')],
    [
      'inputs[].format',
      (report: Report) => (report.inputs[0].format = HOSTILE as Report['inputs'][0]['format'])
    ],
    ['base.runId', (report: Report) => (report.base = { runId: HOSTILE as unknown as number })],
    ['a huge string', (report: Report) => (report.notes = ['x'.repeat(200_000)])],
    ['an unknown verdict', (report: Report) => (report.verdict = 'pass ✅' as 'pass')]
  ])('%s: refused with a clear error, and the comment says so', async (_what, spoil) => {
    addPulls()
    const report = structuredClone(leakReport)
    spoil(report)
    addRelayedReport(renderJson(report))
    github.addComment(
      PR,
      `${MARKER}\n### ✅ leak-gate: pass (an old green comment)`,
      ACTIONS_BOT.login,
      'Bot'
    )

    const run = await relay()

    expect(run.code).toBe(1)
    expect(run.failure).toMatch(/refused/i)
    expect(run.failure).toMatch(/leak-gate-report\.json/)
    expect(ourComments()).toHaveLength(1)
    const body = ourComments()[0].body
    expect(body).toMatch(/refused/i)
    expect(body).not.toContain('an old green comment')
    expectInert(body)
    expect(run.stdout + run.summary).not.toMatch(/<img|@evil-org\/team/)
  })

  it('a valid report with hostile text everywhere it may hold text is escaped on the way out', async () => {
    addPulls()
    const report = structuredClone(leakReport)
    for (const finding of report.findings) {
      finding.metric = `${HOSTILE} ${MARKER.replace('default', 'other')}`
      finding.source = `https://evil.example/${finding.source}`
      finding.message = `${HOSTILE} see https://evil.example/a?b=c and www.evil.example`
    }
    report.notes = [HOSTILE, 'docs at https://evil.example/notes']
    report.healthy = [HOSTILE]
    report.config = HOSTILE
    report.errors = [{ message: HOSTILE }]
    addRelayedReport(renderJson(report))

    const run = await relay()

    expect(run.code).toBe(0)
    expect(ourComments()).toHaveLength(1)
    expectInert(ourComments()[0].body)
    expect(run.summary).not.toMatch(/<img|@evil-org\/team/)
  })
})

describe('item 4: mode report does not let the artifact choose the target', () => {
  it('a PR number in the artifact that is not the run head is ignored; the key comes from the workflow', async () => {
    addPulls()
    addRelayedReport(renderJson(leakReport), { prNumber: 8, commentKey: 'victim' })
    github.addComment(8, '<!-- leak-gate:victim -->\nsomeone else', ACTIONS_BOT.login, 'Bot')

    const run = await relay()

    expect(run.code).toBe(0)
    expect(github.comments.filter((comment) => comment.issue === 8)).toHaveLength(1)
    expect(github.comments.find((comment) => comment.issue === 8)?.body).toContain('someone else')
    // The PR found from the run's head commit and repository gets the comment, under the input's key.
    expect(ourComments().map((comment) => comment.issue)).toEqual([PR])
  })

  it("run-id without a workflow_run payload: the PR is checked against that run's head", async () => {
    addPulls()
    github.addRun({
      id: 1000,
      head_branch: 'feature',
      head_sha: HEAD_SHA,
      head_full_name: 'forker/shop',
      event: 'pull_request',
      conclusion: 'failure'
    })
    addRelayedReport(renderJson(leakReport), { prNumber: 8 })

    const run = await relay({
      event: { name: 'workflow_dispatch', payload: {} } as ReturnType<typeof workflowRunEvent>,
      inputs: { 'run-id': '1000' }
    })

    expect(run.code).toBe(0)
    expect(github.comments.filter((comment) => comment.issue === 8)).toHaveLength(0)
    expect(ourComments().map((comment) => comment.issue)).toEqual([PR])
  })
})

describe('item 5: only our own comments count', () => {
  it('a marker planted by someone else is neither edited nor trusted', async () => {
    const forgedHistory = JSON.stringify({
      v: 1,
      f: [['sustained-growth:x:y', 'sustained-growth', 'forged-metric', 'x']]
    })
    const planted = github.addComment(
      PR,
      `${MARKER}\nplanted\n<!-- leak-gate-data:${Buffer.from(forgedHistory).toString('base64')} -->`,
      'mallory'
    )

    const run = await fullRun()

    expect(run.code).toBe(1)
    expect(planted.body).toContain('planted')
    expect(github.requests('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(0)
    const ours = ourComments().filter((comment) => comment.user.login === ACTIONS_BOT.login)
    expect(ours).toHaveLength(1)
    expect(ours[0].body).not.toContain('forged-metric')
    expect(ours[0].body).not.toMatch(/Fixed since the last push/)
    expect(run.stdout).not.toMatch(/::warning[^\n]*workflow_run/)
    // The identity came from the API (GraphQL viewer), not from a guess.
    expect(github.requests('POST', /^\/graphql$/).length).toBeGreaterThanOrEqual(1)
  })

  it("with a personal token, comments by that user are ours and the bot's are not", async () => {
    github.identities.set('pat', { login: 'release-bot-user', type: 'User' })
    github.addComment(PR, `${MARKER}\nby the workflow token`, ACTIONS_BOT.login, 'Bot')
    const mine = github.addComment(PR, `${MARKER}\nby the PAT user`, 'release-bot-user')

    const run = await fullRun(LEAK, {}, { 'github-token': 'pat' })

    expect(run.code).toBe(1)
    expect(mine.body).toContain('leak-gate: fail')
    expect(github.comments.find((comment) => comment.user.type === 'Bot')?.body).toContain(
      'by the workflow token'
    )
  })
})

describe('item 6: the comment fits 65,536 characters, history included', () => {
  /** A docker stats file of `count` containers that all leak. */
  function manyLeaks(count: number): Record<string, string> {
    const lines = ['timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids']
    for (let step = 0; step < 60; step++) {
      const time = new Date(Date.UTC(2026, 0, 15, 10, 0, step * 10)).toISOString()
      for (let container = 0; container < count; container++) {
        const mib = 100 + step * 2 + (step % 3)
        lines.push(
          `${time},service-container-with-a-long-name-${container},1%,${mib}MiB / 2GiB,5%,0B / 0B,0B / 0B,3`
        )
      }
    }
    return { 'docker_stats.csv': lines.join('\n') + '\n' }
  }

  it('150 leaking containers: one body under the limit, verdict first, hidden history kept', async () => {
    const first = await fullRun(manyLeaks(150))
    expect(first.code).toBe(1)
    expect(ourComments()).toHaveLength(1)
    const body = ourComments()[0].body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body.split('\n').filter(Boolean)[1]).toMatch(/^### ❌ leak-gate: fail/)
    const stored = readHiddenData(body)
    expect(stored).toBeDefined()
    // The next run reads it back: every finding is still there, none new.
    const second = await fullRun(manyLeaks(150))
    expect(second.code).toBe(1)
    const again = ourComments()[0].body
    expect(again.length).toBeLessThanOrEqual(65_536)
    expect(again).toMatch(/Still there/)
    expect(again).not.toMatch(/New since the last push/)
    expect(github.log.filter((entry) => entry.status === 422)).toHaveLength(0)
  })

  it('when GitHub still refuses the body, the old comment is replaced by a short one that says so', async () => {
    github.addComment(
      PR,
      `${MARKER}\n### ✅ leak-gate: pass (an old green comment)`,
      ACTIONS_BOT.login,
      'Bot'
    )
    github.maxCommentLength = 1_500

    const run = await fullRun()

    expect(run.code).toBe(1)
    const body = ourComments()[0].body
    expect(ourComments()).toHaveLength(1)
    expect(body).not.toContain('an old green comment')
    expect(body).toMatch(/leak-gate: fail/)
    expect(body).toMatch(/too long|did not fit/i)
    expect(body.length).toBeLessThanOrEqual(1_500)
    expect(run.failure).toContain('#issuecomment-')
  })
})

describe('item 7: an error run keeps the history', () => {
  it('says it could not judge, claims nothing fixed and keeps the stored findings', async () => {
    const first = await fullRun()
    expect(first.code).toBe(1)
    const stored = readHiddenData(ourComments()[0].body)
    github.artifacts = []
    github.addArtifact(1000, 'load-test', { 'docker_stats.csv': 'not,a\nvalid,file\n' })

    const broken = await fullRun()

    expect(broken.code).toBe(1)
    const body = ourComments()[0].body
    expect(body).toMatch(/leak-gate: error/)
    expect(body).toMatch(/could not judge/i)
    expect(body).not.toMatch(/Fixed since the last push/)
    expect(JSON.parse(readHiddenData(body)!).f).toEqual(JSON.parse(stored!).f)
    // The next good run compares with the last judged one: nothing is new.
    github.artifacts = []
    const third = await fullRun()
    expect(ourComments()[0].body).toMatch(/Still there/)
    expect(ourComments()[0].body).not.toMatch(/New since the last push/)
    expect(third.code).toBe(1)
  })
})

describe('item 8: every request has a timeout and bounded retries', () => {
  it('a comment listing that never answers: the step ends in seconds with a clear warning, and still gates', async () => {
    github.hang('GET', /\/issues\/7\/comments$/)

    const run = await fullRun()

    expect(run.code).toBe(1)
    expect(run.durationMs).toBeLessThan(15_000)
    expect(run.stdout).toMatch(/::warning[^\n]*no answer within 0\.4 s/)
    expect(run.failure).toMatch(/memory leak signature found/)
    // Bounded: a first try and three retries.
    expect(github.requests('GET', /\/issues\/7\/comments$/)).toHaveLength(4)
  })

  it('retry-after on a 429 is honoured', async () => {
    github.fail(
      'GET',
      /\/issues\/7\/comments$/,
      429,
      1,
      { message: 'slow down' },
      { 'retry-after': '2' }
    )

    const run = await fullRun()

    expect(run.code).toBe(1)
    expect(ourComments()).toHaveLength(1)
    const listed = github.requests('GET', /\/issues\/7\/comments$/)
    expect(listed.slice(0, 2).map((entry) => entry.status)).toEqual([429, 200])
    // The back-off unit is 20 ms here: the wait is the server's 2 s.
    expect(listed[1].at! - listed[0].at!).toBeGreaterThanOrEqual(1_900)
  })

  it("another run's artifact download that hangs is retried, then a clear error within the budget", async () => {
    github.addArtifact(900, 'load-test', LEAK)
    github.hang('GET', /\/actions\/artifacts\/\d+\/zip$/)

    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'run-id': '900',
        'github-token': 'token',
        comment: 'never',
        'report-name': ''
      },
      env: FAST_NETWORK
    })

    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('error')
    expect(run.failure).toMatch(/artifact "load-test" of run 900[^\n]*no answer within 1\.5 s/)
    expect(github.requests('GET', /\/zip$/).length).toBe(3)
    expect(run.durationMs).toBeLessThan(20_000)
  })

  it("another run's artifact download that hangs once is retried and succeeds", async () => {
    github.addArtifact(900, 'load-test', LEAK)
    github.hang('GET', /\/actions\/artifacts\/\d+\/zip$/, 1)

    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'run-id': '900',
        'github-token': 'token',
        comment: 'never',
        'report-name': ''
      },
      env: FAST_NETWORK
    })

    expect(run.outputs.verdict).toBe('fail')
    expect(run.durationMs).toBeLessThan(20_000)
  })

  it('the total network budget ends the step with a clear error', async () => {
    github.hang('POST', /ArtifactService\/ListArtifacts$/)

    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'github-token': 'token',
        comment: 'never',
        'report-name': ''
      },
      env: {
        ...FAST_NETWORK,
        LEAK_GATE_ARTIFACT_TIMEOUT_MS: '60000',
        LEAK_GATE_NETWORK_BUDGET_MS: '2000'
      }
    })

    expect(run.code).toBe(1)
    expect(run.failure).toMatch(/network time budget of 2 s/)
    expect(run.durationMs).toBeLessThan(15_000)
  })
})

describe('item 11: concurrent runs leave exactly one comment', () => {
  it('a second writer creating the same comment meanwhile: one remains, with the newest verdict', async () => {
    // The other run (an older push) creates its comment while ours is being created.
    github.before('POST', /\/issues\/7\/comments$/, () => {
      github.addComment(
        PR,
        `${MARKER}\n### ✅ leak-gate: pass (the other run)\n<!-- leak-gate-data:${Buffer.from(JSON.stringify({ v: 2, r: [999, 1], f: [] })).toString('base64')} -->`,
        ACTIONS_BOT.login,
        'Bot'
      )
    })

    const run = await fullRun()

    expect(run.code).toBe(1)
    expect(ourComments()).toHaveLength(1)
    expect(ourComments()[0].body).toMatch(/leak-gate: fail/)
    expect(run.outputs['comment-url']).toContain(`#issuecomment-${ourComments()[0].id}`)
  })

  it('an older run finishing last does not overwrite the newer verdict', async () => {
    github.addComment(
      PR,
      `${MARKER}\n### ✅ leak-gate: pass (run 2000)\n<!-- leak-gate-data:${Buffer.from(JSON.stringify({ v: 2, r: [2000, 1], f: [] })).toString('base64')} -->`,
      ACTIONS_BOT.login,
      'Bot'
    )

    const run = await fullRun()

    expect(run.code).toBe(1)
    expect(ourComments()).toHaveLength(1)
    expect(ourComments()[0].body).toContain('run 2000')
    expect(run.stdout).toMatch(/newer run/)
  })
})

describe('items 12 and 13: a broken, missing or contradicted relayed report', () => {
  it.each([
    ['not JSON', '{"version": 1, "verdict": "pass", '],
    [
      'a metric without fields',
      JSON.stringify({ ...JSON.parse(renderJson(HEALTHY_REPORT())), metrics: [{}] })
    ]
  ])(
    '%s: the old comment is replaced by one that says the report was refused',
    async (_what, json) => {
      addPulls()
      addRelayedReport(json)
      github.addComment(
        PR,
        `${MARKER}\n### ✅ leak-gate: pass (an old green comment)`,
        ACTIONS_BOT.login,
        'Bot'
      )

      const run = await relay()

      expect(run.code).toBe(1)
      expect(run.failure).toMatch(/refused/)
      expect(ourComments()[0].body).not.toContain('an old green comment')
      expect(ourComments()[0].body).toMatch(/refused/)
    }
  )

  it('no report at all: the old comment says the analysing run left none', async () => {
    addPulls()
    github.addComment(
      PR,
      `${MARKER}\n### ✅ leak-gate: pass (an old green comment)`,
      ACTIONS_BOT.login,
      'Bot'
    )

    const run = await relay()

    expect(run.code).toBe(1)
    expect(run.failure).toMatch(/leak-gate-report/)
    expect(ourComments()[0].body).not.toContain('an old green comment')
    expect(ourComments()[0].body).toMatch(/no report/i)
  })

  it("a pass whose analysing run failed: the comment says the verdict contradicts the run's conclusion", async () => {
    addPulls()
    const pass = { ...HEALTHY_REPORT(), verdict: 'pass' as const }
    addRelayedReport(renderJson(pass), { verdict: 'pass' })

    const run = await relay({ event: workflowRunEvent('failure'), inputs: { comment: 'always' } })

    expect(run.code).toBe(0)
    expect(ourComments()[0].body).toMatch(/concluded `?failure`?/)
    expect(run.stdout).toMatch(/::warning[^\n]*concluded failure/)
  })
})

/** A small valid report that passes. */
function HEALTHY_REPORT(): Report {
  return {
    version: 1,
    verdict: 'pass',
    findings: [],
    suppressed: [],
    metrics: [],
    inputs: [],
    errors: [],
    healthy: ['memory is flat'],
    notes: [],
    config: 'zero-config',
    root: 'load-test'
  }
}

void HEALTHY

/**
 * End-to-end tests of the action bundle: `node dist/index.js` with the
 * runner's environment against a local GitHub (REST + the artifact service
 * that the real `@actions/artifact` and Octokit code talk to).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../helpers/fake-github.js'
import { pullRequestEvent, runAction } from '../helpers/run-action.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'
import { folderEntries } from '../helpers/zip.js'

const FIXTURES = join(process.cwd(), '__fixtures__', 'action')
const LEAK = folderEntries(join(FIXTURES, 'leak'))
const HEALTHY = folderEntries(join(FIXTURES, 'healthy'))
const PR = 7

let github: FakeGitHub

beforeEach(async () => {
  github = new FakeGitHub()
  await github.start()
})

afterEach(async () => {
  await github.stop()
  removeTempDirs()
})

function markerComments() {
  return github.comments.filter((comment) => comment.body.includes('<!-- leak-gate:default -->'))
}

function readReport(path: string) {
  return JSON.parse(readFileSync(path, 'utf8')) as {
    verdict: string
    findings: Array<{ signature: string; id: string }>
    sections?: Array<{ name: string }>
    base?: {
      runId?: number
      branch?: string
      warning?: string
      chosen?: string
      mergeBase?: string
    }
  }
}

describe('action bundle end to end', () => {
  it('leak: creates the comment, uploads the report and fails the job with one line', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'ghs_secret123' }
    })

    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(1)
    expect(markerComments()).toHaveLength(1)
    expect(github.requests('POST', /\/issues\/7\/comments$/)).toHaveLength(1)
    expect(run.outputs['comment-url']).toMatch(
      /^https:\/\/github\.com\/acme\/shop\/pull\/7#issuecomment-\d+$/
    )
    expect(run.failure).toContain('leak-gate:')
    expect(run.failure).toContain(run.outputs['comment-url'])
    expect(run.failure).not.toContain('\n')
    expect(run.stdout).toMatch(/::error title=leak-gate fail/)
    expect(run.summary).toContain('leak-gate')
    // The report artifact holds JSON, HTML and the metadata for `mode: report`.
    const uploaded = github.uploaded.get('leak-gate-report')
    expect(uploaded && Object.keys(uploaded).sort()).toEqual([
      'leak-gate-meta.json',
      'leak-gate-report.html',
      'leak-gate-report.json'
    ])
    expect(JSON.parse(uploaded!['leak-gate-meta.json'].toString()).prNumber).toBe(PR)
    expect(readReport(run.outputs['report-path']).verdict).toBe('fail')
    // The token never shows.
    expect(run.stdout + run.stderr).not.toContain('ghs_secret123')
  })

  it('rerun: finds the marker past the first page and updates the same comment', async () => {
    for (let index = 0; index < 120; index++) github.addComment(PR, `unrelated comment ${index}`)
    github.addArtifact(1000, 'load-test', LEAK)
    const inputs = { artifact: 'load-test', 'github-token': 'token' }
    const first = await runAction({ apiUrl: github.url, inputs, env: { 'INPUT_REPORT-NAME': '' } })
    const second = await runAction({ apiUrl: github.url, inputs, env: { 'INPUT_REPORT-NAME': '' } })

    expect(first.code).toBe(1)
    expect(second.code).toBe(1)
    expect(github.requests('POST', /\/issues\/7\/comments$/)).toHaveLength(1)
    expect(github.requests('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1)
    expect(markerComments()).toHaveLength(1)
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
    // The listing was paged (121 comments, 100 a page).
    expect(github.requests('GET', /\/issues\/7\/comments$/).length).toBeGreaterThanOrEqual(4)
    // The hidden data carries the finding ids to the next run.
    expect(markerComments()[0].body).toMatch(/<!-- leak-gate-data:[A-Za-z0-9+/=]+ -->/)
    expect(markerComments()[0].body.match(/leak-gate-data/g)).toHaveLength(1)
  })

  it('healthy: passes, and with comment auto posts nothing', async () => {
    github.addArtifact(1000, 'load-test', HEALTHY)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token', 'report-name': '' }
    })

    expect(run.code).toBe(0)
    expect(run.outputs.verdict).toBe('pass')
    expect(run.outputs.findings).toBe('0')
    expect(run.failure).toBeUndefined()
    expect(github.comments).toHaveLength(0)
    expect(run.summary).toContain('leak-gate')
  })

  it('fork: a 403 on the comment warns with the workflow_run recipe, writes the summary and still gates', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    github.fail('POST', /\/issues\/7\/comments$/, 403, 99, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
    })
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token', 'report-name': '' }
    })

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::warning[^\n]*workflow_run/)
    expect(run.summary).toContain('workflow_run')
    expect(run.summary).toContain('leak-gate')
    expect(run.failure).toContain('job summary')
    expect(github.comments).toHaveLength(0)
    // 403 is not retried.
    expect(
      github.log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/comments'))
    ).toHaveLength(1)
  })

  it('500 twice then OK: exactly one comment', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    github.fail('POST', /\/issues\/7\/comments$/, 500, 2)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token', 'report-name': '' }
    })

    expect(run.code).toBe(1)
    expect(
      github.log
        .filter((entry) => entry.method === 'POST' && entry.path.endsWith('/comments'))
        .map((entry) => entry.status)
    ).toEqual([500, 500, 201])
    expect(markerComments()).toHaveLength(1)
    expect(run.outputs['comment-url']).toContain('#issuecomment-')
  })

  it('secondary rate limit on the create: waits, retries, one comment', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    github.fail(
      'POST',
      /\/issues\/7\/comments$/,
      403,
      1,
      {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
      },
      { 'retry-after': '1' }
    )
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token', 'report-name': '' }
    })

    expect(run.code).toBe(1)
    expect(markerComments()).toHaveLength(1)
    expect(run.stdout).not.toMatch(/::warning[^\n]*workflow_run/)
  })

  it('artifact missing: a clear error naming the artifact and the run', async () => {
    github.addArtifact(1000, 'something-else', HEALTHY)
    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'github-token': 'token',
        comment: 'never',
        'report-name': ''
      }
    })

    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('error')
    expect(run.failure).toContain('"load-test"')
    expect(run.failure).toContain('1000')
    expect(run.failure).toContain('something-else')
    expect(run.summary).toContain('load-test')
  })

  it('another run: an expired artifact is a clear error naming it and the run', async () => {
    github.addArtifact(900, 'load-test', LEAK, { expired: true })
    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'run-id': '900',
        'github-token': 'token',
        comment: 'never',
        'report-name': ''
      }
    })

    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('error')
    expect(run.failure).toMatch(/artifact "load-test" of run 900 has expired/)
    expect(github.requests('GET', /\/zip$/)).toHaveLength(0)
  })

  /** The leak fixture read from a local path on a push: no comment, Check run or report upload. */
  const runOnLocalLeak = (token: string, env?: Record<string, string>) =>
    runAction({
      apiUrl: github.url,
      inputs: {
        path: join(FIXTURES, 'leak'),
        comment: 'never',
        'check-name': '',
        'github-token': token,
        'report-name': ''
      },
      event: { name: 'push', payload: {} },
      ...(env ? { env } : {})
    })

  it('local path: no network at all, same verdict', async () => {
    const run = await runOnLocalLeak('token')

    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    expect(github.log).toHaveLength(0)
    expect(run.stdout).not.toContain('Uploading artifact')
  })

  it('run by hand outside a workflow: no link to a run that does not exist', async () => {
    const run = await runOnLocalLeak('', {
      GITHUB_REPOSITORY: '',
      GITHUB_REPOSITORY_OWNER: '',
      GITHUB_RUN_ID: ''
    })

    expect(run.outputs.verdict).toBe('fail')
    expect(run.summary).toContain('### ❌ leak-gate: fail')
    expect(run.summary).not.toContain('actions/runs')
    expect(run.summary).not.toContain('[workflow run]')
  })

  it('glob over two shards: one section each', async () => {
    github.addArtifact(1000, 'load-test-api', LEAK)
    github.addArtifact(1000, 'load-test-worker', HEALTHY)
    github.addArtifact(1000, 'coverage', HEALTHY)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test-*', 'github-token': 'token', 'report-name': '' }
    })

    expect(run.code).toBe(1)
    const report = readReport(run.outputs['report-path'])
    expect(report.sections?.map((section) => section.name)).toEqual([
      'load-test-api',
      'load-test-worker'
    ])
    expect(report.verdict).toBe('fail')
    expect(report.findings.every((finding) => finding.id.includes('load-test-api/'))).toBe(true)
    expect(markerComments()[0].body).toContain('load-test-worker')
  })

  it('matrix repeats with runs: in the workspace config: one leak in three runs is not confirmed, two are', async () => {
    // The same test run three times (a matrix), one artifact each; the workspace's config asks for a majority.
    const repeats = join(process.cwd(), '__fixtures__', 'pipeline', 'repeated-runs')
    const workspace = makeTempDir('leak-gate-matrix-')
    writeFileSync(join(workspace, 'leak-gate.yml'), 'runs:\n  confirm: majority\n')
    for (const n of [1, 2, 3])
      github.addArtifact(
        1000,
        `leak-test-${n}`,
        folderEntries(join(repeats, 'docker-stats', `leak-test-${n}`))
      )
    const once = await runAction({
      apiUrl: github.url,
      workspace,
      inputs: {
        artifact: 'leak-test-*',
        config: 'leak-gate.yml',
        'github-token': 'token',
        'report-name': ''
      }
    })
    expect(once.code).toBe(0)
    expect(once.outputs.verdict).toBe('warn')
    const body = markerComments()[0].body
    expect(body).toContain('1 of 3 runs failed; not confirmed (2 needed)')
    for (const name of ['leak-test-1', 'leak-test-2', 'leak-test-3']) expect(body).toContain(name)

    // Two of three memoryUsage runs leak: confirmed, the job fails and says how many runs agreed.
    const github2 = new FakeGitHub()
    await github2.start()
    try {
      for (const n of [1, 2, 3])
        github2.addArtifact(
          1000,
          `leak-test-${n}`,
          folderEntries(join(repeats, 'memory-csv', `run-${n}`))
        )
      const twice = await runAction({
        apiUrl: github2.url,
        workspace,
        inputs: {
          artifact: 'leak-test-*',
          config: 'leak-gate.yml',
          'github-token': 'token',
          'report-name': ''
        }
      })
      expect(twice.code).toBe(1)
      expect(twice.outputs.verdict).toBe('fail')
      expect(twice.failure).toMatch(/2 of 3 runs/)
      const report = JSON.parse(readFileSync(twice.outputs['report-path'], 'utf8')) as {
        runs?: { total: number; failed: number; confirmed: boolean }
      }
      expect(report.runs).toMatchObject({ total: 3, failed: 2, confirmed: true })
    } finally {
      await github2.stop()
    }
  })

  it("an artifact's own runs: cannot turn its leaks into warnings: ignored, with a note in the comment", async () => {
    const repeats = join(process.cwd(), '__fixtures__', 'pipeline', 'repeated-runs')
    for (const n of [1, 2, 3])
      github.addArtifact(1000, `leak-test-${n}`, {
        ...folderEntries(join(repeats, 'memory-csv', `run-${n}`)),
        'leak-gate.yml': Buffer.from('runs:\n  confirm: all\n')
      })
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'leak-test-*', 'github-token': 'token', 'report-name': '' }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    const body = markerComments()[0].body
    expect(body).toMatch(
      /runs:\\?` in leak-test-1\/leak-gate\.yml ignored: it is the config shipped inside the artifact/
    )
    // once per artifact, not again in each artifact's section
    expect(body.match(/ignored: it is the config shipped inside the artifact/g)).toHaveLength(3)
  })

  it('compare-base: walks past an expired base artifact to an older healthy run and reports a regression', async () => {
    const day = 24 * 3_600_000
    github.addRun({
      id: 1000,
      head_branch: 'feature',
      event: 'pull_request',
      created_at: new Date().toISOString()
    })
    github.addRun({
      id: 900,
      head_branch: 'main',
      head_sha: 'abc1234'.padEnd(40, '0'),
      created_at: new Date(Date.now() - 2 * day).toISOString()
    })
    github.addRun({
      id: 950,
      head_branch: 'main',
      created_at: new Date(Date.now() - day).toISOString()
    })
    github.addRun({
      id: 960,
      head_branch: 'other',
      created_at: new Date(Date.now() - day / 2).toISOString()
    })
    github.addArtifact(950, 'load-test', HEALTHY, { expired: true })
    github.addArtifact(900, 'load-test', HEALTHY)
    github.addArtifact(1000, 'load-test', LEAK)
    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'github-token': 'token',
        'compare-base': 'true',
        'report-name': ''
      },
      event: pullRequestEvent(PR, { baseRef: 'main' })
    })

    expect(run.code).toBe(1)
    const report = readReport(run.outputs['report-path'])
    expect(report.findings.map((finding) => finding.signature)).toContain('regression')
    expect(report.base).toMatchObject({ runId: 900, branch: 'main' })
    // The expired artifact was never downloaded: the listing said so.
    expect(
      github.requests('GET', /\/actions\/artifacts\/\d+\/zip$/).map((entry) => entry.status)
    ).toEqual([302])
    const body = markerComments()[0].body
    expect(body).toContain('900')
    expect(body).toContain('main')
  })

  it('compare-base: prefers the run of the merge-base commit over a newer base run, and says so', async () => {
    const hour = 3_600_000
    const mergeBase = 'aaaa111'.padEnd(40, '0')
    const headSha = 'f00dfeed'.padEnd(40, '1')
    const baseSha = 'ba5e'.padEnd(40, '2')
    github.mergeBases.set(`${baseSha}...${headSha}`, mergeBase)
    github.addRun({ id: 1000, head_branch: 'feature', event: 'pull_request' })
    github.addRun({
      id: 880,
      head_branch: 'main',
      head_sha: mergeBase,
      created_at: new Date(Date.now() - 5 * hour).toISOString()
    })
    github.addRun({
      id: 990,
      head_branch: 'main',
      created_at: new Date(Date.now() - hour).toISOString()
    })
    github.addArtifact(880, 'load-test', HEALTHY)
    github.addArtifact(990, 'load-test', HEALTHY)
    github.addArtifact(1000, 'load-test', LEAK)
    const inputs = {
      artifact: 'load-test',
      'github-token': 'token',
      'compare-base': 'true',
      'report-name': ''
    }
    const run = await runAction({
      apiUrl: github.url,
      inputs,
      event: pullRequestEvent(PR, { baseRef: 'main', headSha })
    })
    const report = readReport(run.outputs['report-path'])
    expect(report.base).toMatchObject({ runId: 880, chosen: 'merge-base', mergeBase })
    expect(markerComments()[0].body).toContain("the run of the pull request's merge-base commit")

    // Without a run for the merge-base commit: the newest usable run, and the reason.
    github.runs = github.runs.filter((entry) => entry.id !== 880)
    const fallback = await runAction({
      apiUrl: github.url,
      inputs,
      event: pullRequestEvent(PR, { baseRef: 'main', headSha })
    })
    expect(readReport(fallback.outputs['report-path']).base).toMatchObject({
      runId: 990,
      chosen: 'latest'
    })
    expect(markerComments()[0].body).toContain(
      'the newest usable run: the merge-base commit aaaa111 has none'
    )
  })

  it('compare-base without a usable base: a visible warning, not a silent skip', async () => {
    github.addRun({ id: 1000, head_branch: 'feature' })
    github.addArtifact(1000, 'load-test', HEALTHY)
    const run = await runAction({
      apiUrl: github.url,
      inputs: {
        artifact: 'load-test',
        'github-token': 'token',
        'compare-base': 'true',
        comment: 'always',
        'report-name': ''
      }
    })

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning[^\n]*compare-base[^\n]*main/)
    expect(readReport(run.outputs['report-path']).base?.warning).toMatch(
      /no successful run on branch "main"/
    )
  })

  it('fork-safe pair: analyze uploads the report and PR number, report comments on the PR', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    const analyze = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'read-only', mode: 'analyze' },
      event: pullRequestEvent(PR, { headSha: 'feed'.padEnd(40, '4') })
    })
    expect(analyze.code).toBe(1)
    expect(github.comments).toHaveLength(0)
    expect(github.requests('GET', /\/comments$/)).toHaveLength(0)

    // The workflow_run job: another run, pull_requests empty (a fork).
    github.currentRunId = 1001
    github.pulls.push({
      number: PR,
      state: 'open',
      head: { sha: 'feed'.padEnd(40, '4'), ref: 'feature', repo: { full_name: 'forker/shop' } },
      base: { ref: 'main', sha: 'ba5e'.padEnd(40, '2'), repo: { full_name: 'acme/shop' } }
    })
    const report = await runAction({
      apiUrl: github.url,
      runId: 1001,
      inputs: { 'github-token': 'write-token', mode: 'report' },
      event: {
        name: 'workflow_run',
        payload: {
          action: 'completed',
          workflow_run: {
            id: 1000,
            head_sha: 'feed'.padEnd(40, '4'),
            head_branch: 'feature',
            html_url: 'https://github.com/acme/shop/actions/runs/1000',
            head_repository: { full_name: 'forker/shop', owner: { login: 'forker' } },
            pull_requests: []
          }
        }
      }
    })
    expect(report.code).toBe(0)
    expect(markerComments()).toHaveLength(1)
    expect(markerComments()[0].issue).toBe(PR)
    expect(report.outputs.verdict).toBe('fail')
  })

  it('a bad input value names the input and the allowed values', async () => {
    const run = await runAction({ apiUrl: github.url, inputs: { path: '.', comment: 'sometimes' } })
    expect(run.code).toBe(1)
    expect(run.failure).toBe(
      'leak-gate: input "comment": found "sometimes", expected one of auto, always, on-fail, never'
    )
  })
})

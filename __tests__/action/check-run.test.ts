/**
 * The Check run, the Actions log and the annotations, end to end: the built
 * `dist/index.js` with the runner's environment, the real Octokit, and the
 * fake GitHub on 127.0.0.1 (its checks endpoints refuse what GitHub refuses:
 * more than 50 annotations per request, a summary over 65,535 characters).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../helpers/fake-github.js'
import { runAction } from '../helpers/run-action.js'
import { removeTempDirs } from '../helpers/temp-dir.js'
import { folderEntries } from '../helpers/zip.js'

const FIXTURES = join(process.cwd(), '__fixtures__', 'action')
const LEAK = folderEntries(join(FIXTURES, 'leak'))
const HEALTHY = folderEntries(join(FIXTURES, 'healthy'))
const HEAD_SHA = 'f00dfeed'.padEnd(40, '1')

let github: FakeGitHub

beforeEach(async () => {
  github = new FakeGitHub()
  await github.start()
})

afterEach(async () => {
  await github.stop()
  removeTempDirs()
})

/** Annotations as the runner collects them from the log (`::error`/`::warning` lines). */
function annotations(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^::(error|warning)( |::)/.test(line))
}

function leakGateComment() {
  return github.comments.find((comment) => comment.body.includes('<!-- leak-gate:default -->'))
}

describe('Check run end to end', () => {
  it('creates a Check on the head commit that concludes as the job does, and links it with the comment', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token' },
      env: { GITHUB_ACTION_REPOSITORY: 'acme/leak-gate', GITHUB_ACTION_REF: 'v1' }
    })
    expect(run.code).toBe(1)
    expect(github.checkRuns).toHaveLength(1)
    const check = github.checkRuns[0]
    expect(check).toMatchObject({
      name: 'leak-gate',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'failure',
      details_url: 'https://github.com/acme/shop/actions/runs/1000'
    })
    expect(check.output.title).toBe('Leak found: leak-gate fail')
    expect(check.output.summary).toMatch(/^\*\*Leak found:\*\* /)
    expect(check.output.text).toContain('<!-- leak-gate:default -->')
    expect(check.annotations.length).toBeGreaterThanOrEqual(1)
    expect(Math.max(...check.annotationBatches)).toBeLessThanOrEqual(50)
    // The Check links to the comment, the comment to the Check.
    const comment = leakGateComment()
    expect(check.output.summary).toContain(run.outputs['comment-url'])
    expect(comment?.body).toContain(`[Check](https://github.com/acme/shop/runs/${check.id})`)
    expect(run.outputs['check-url']).toBe(`https://github.com/acme/shop/runs/${check.id}`)
    // The reproduce command is the action's own repository and ref, and the docs link too.
    expect(comment?.body).toContain('npx --yes github:acme/leak-gate#v1 load-test')
    expect(comment?.body).toContain('https://github.com/acme/leak-gate/blob/v1/docs/signatures.md#')
  })

  it('updates the same Check in place on a re-run', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    const inputs = { artifact: 'load-test', 'github-token': 'token', 'report-name': '' }
    await runAction({ apiUrl: github.url, inputs })
    await runAction({ apiUrl: github.url, inputs })
    expect(github.checkRuns).toHaveLength(1)
    expect(github.requests('POST', /\/check-runs$/)).toHaveLength(1)
    expect(github.requests('PATCH', /\/check-runs\/\d+$/).length).toBeGreaterThanOrEqual(2)
    expect(github.checkRuns[0].conclusion).toBe('failure')
  })

  it('a healthy run concludes success', async () => {
    github.addArtifact(1000, 'load-test', HEALTHY)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token' }
    })
    expect(run.code).toBe(0)
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'success', status: 'completed' })
    expect(github.checkRuns[0].output.title).toBe('No leak found: leak-gate pass')
  })

  it('without checks: write (403): a warning naming the permission, the comment, and the job gates as before', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    github.fail('POST', /\/check-runs$/, 403, 1, {
      message: 'Resource not accessible by integration'
    })
    github.fail('GET', /\/check-runs$/, 403, 1, {
      message: 'Resource not accessible by integration'
    })
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token' }
    })
    expect(run.code).toBe(1)
    expect(github.checkRuns).toHaveLength(0)
    expect(run.stdout).toMatch(/::warning title=leak-gate%3A no Check run::.*checks: write/)
    expect(leakGateComment()).toBeDefined()
    expect(leakGateComment()?.body).not.toContain('[Check](')
    expect(run.failure).toContain('leak-gate:')
  })

  it('check-name empty: no Check run, no request', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token', 'check-name': '' }
    })
    expect(github.requests('POST', /\/check-runs$/)).toHaveLength(0)
    expect(github.requests('GET', /\/check-runs$/)).toHaveLength(0)
  })
})

describe('the Actions log', () => {
  it('prints the text report with the verdict, leaves no empty group, and at most 10 annotations, the verdict first', async () => {
    github.addArtifact(1000, 'load-test', LEAK)
    const run = await runAction({
      apiUrl: github.url,
      inputs: { artifact: 'load-test', 'github-token': 'token' }
    })
    expect(run.stdout).toMatch(/^leak-gate: FAIL · Leak found · \d+ findings/m)
    expect(run.stdout).toMatch(/^What leaks$/m)
    expect(run.stdout).toMatch(/^Inputs used$/m)
    expect(run.stdout).not.toMatch(/::group::[^\n]*\n::endgroup::/)
    const lines = annotations(run.stdout)
    expect(lines.length).toBeLessThanOrEqual(10)
    // The first is the verdict, naming the headline's metric, with the comment's headline sentence.
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as {
      presentation: { headline: { metric: string; sentence: string } }
    }
    const { metric, sentence } = report.presentation.headline
    expect(lines[0]).toBe(`::error title=leak-gate fail%3A Leak found (${metric})::${sentence}`)
    expect(leakGateComment()?.body).toContain(`**Leak found:** ${sentence.replace(/</g, '&lt;')}`)
  })
})

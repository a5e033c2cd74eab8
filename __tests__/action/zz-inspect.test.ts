import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../helpers/fake-github.js'
import { pullRequestEvent, runAction } from '../helpers/run-action.js'
import { folderEntries } from '../helpers/zip.js'
const FIXTURES = join(process.cwd(), '__fixtures__', 'action')
it('inspect', async () => {
  const github = new FakeGitHub(); await github.start()
  const day = 24 * 3_600_000
  github.addRun({ id: 1000, head_branch: 'feature' })
  github.addRun({ id: 900, head_branch: 'main', head_sha: 'abc1234'.padEnd(40, '0'), created_at: new Date(Date.now() - 2 * day).toISOString() })
  github.addArtifact(900, 'load-test', folderEntries(join(FIXTURES, 'healthy')))
  github.addArtifact(1000, 'load-test', folderEntries(join(FIXTURES, 'leak')))
  const inputs = { artifact: 'load-test', 'github-token': 'token', 'compare-base': 'true', 'report-name': '' }
  await runAction({ apiUrl: github.url, inputs, event: pullRequestEvent(7) })
  writeFileSync('/tmp/comment1.md', github.comments[0].body)
  github.artifacts = github.artifacts.filter((a) => a.runId !== 1000)
  github.addArtifact(1000, 'load-test', folderEntries(join(FIXTURES, 'healthy')))
  const r = await runAction({ apiUrl: github.url, inputs, event: pullRequestEvent(7) })
  writeFileSync('/tmp/comment2.md', github.comments[0].body)
  writeFileSync('/tmp/run2.txt', r.stdout)
  await github.stop()
})

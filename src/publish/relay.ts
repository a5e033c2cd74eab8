/**
 * `mode: report` (in a `workflow_run` workflow, with a write token): relays
 * the report of the analysing run, which may have executed a fork's code.
 * What this job trusts is GitHub's word (the event payload, the run and pull
 * request as the API shows them) and the workflow's own inputs; the artifact
 * is data to check and escape:
 * - the pull request is resolved from the run's head, never taken from the
 *   artifact (pull-request.ts), and the comment key is the input's;
 * - the report must match the report schema, or it is refused: the comment
 *   says so (replacing any older verdict) and the step fails;
 * - a missing report also replaces the older verdict, and fails the step;
 * - a verdict that contradicts the run's conclusion is shown as such.
 * The analysing run already gated; this job fails only when it cannot relay.
 */
import * as core from './workflow-commands.js'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ActionInputError, FetchError, describeError } from '../errors.js'
import type { ActionInputs } from '../inputs.js'
import type { Report, Verdict } from '../model.js'
import type { ArtifactAccess, DownloadedArtifact } from '../fetch/artifacts.js'
import { describeRun, downloadArtifacts } from '../fetch/artifacts.js'
import { runUrl, signaturesDocUrl } from '../fetch/run-context.js'
import { failsJob } from '../gate.js'
import { errorReport } from './combine.js'
import { publishReport } from './index.js'
import type { AnalysingRun } from './pull-request.js'
import { readAnalysingRun, resolvePullRequest } from './pull-request.js'
import { REPORT_JSON, REPORT_META } from './report-files.js'
import { MAX_RELAYED_REPORT_BYTES, parseRelayedReport } from './validate.js'

/** Runs `mode: report`. @throws when the report cannot be relayed (after saying so on the PR) */
export async function relayReport(inputs: ActionInputs, access: ArtifactAccess): Promise<void> {
  const { context } = access
  const runId = inputs.runId ?? context.payload.workflow_run?.id
  if (!runId) {
    throw new ActionInputError(
      'run-id',
      '',
      'the analysing run: "mode: report" runs on the workflow_run event, or set "run-id"'
    )
  }
  const run = await readAnalysingRun(access.getOctokit, context, runId)
  const analysingRunUrl = run?.htmlUrl ?? runUrl(context, runId)
  const where = describeRun(context, runId)
  let artifacts: DownloadedArtifact[] = []
  let missing: string | undefined
  try {
    artifacts = await core.group('leak-gate: fetch', () =>
      downloadArtifacts(
        access,
        inputs.reportName,
        join(context.tempDir, 'leak-gate', 'relay', String(runId)),
        runId
      )
    )
  } catch (error) {
    if (!(error instanceof FetchError)) throw error
    missing = describeError(error)
  }
  const stored = artifacts.length ? await readMeta(artifacts[0].dir) : undefined
  const pull = await resolvePullRequest(
    access.getOctokit,
    context,
    inputs.prNumber,
    typeof stored?.prNumber === 'number' ? stored.prNumber : undefined,
    run
  )
  core.info(
    pull.number
      ? `Pull request #${pull.number} (from ${pull.how})`
      : `No pull request found for the analysing run (${pull.how})`
  )
  if (
    typeof stored?.commentKey === 'string' &&
    stored.commentKey !== inputs.commentKey &&
    /^[A-Za-z0-9_.-]{1,100}$/.test(stored.commentKey)
  ) {
    core.info(
      `The analysis artifact asks for comment key "${stored.commentKey}"; using this workflow's "${inputs.commentKey}" (set "comment-key" here to change it)`
    )
  }
  const publish = (
    report: Report,
    label: string,
    extra: { banner?: string; artifactId?: number }
  ) =>
    core.group('leak-gate: publish', () =>
      publishReport(report, {
        inputs,
        context,
        label,
        commandLine: `gh run download ${runId} -n ${inputs.reportName}`,
        runUrl: analysingRunUrl,
        prNumber: pull.number,
        commentKey: inputs.commentKey,
        runStamp: run ? [run.id, run.attempt] : undefined,
        getOctokit: access.getOctokit,
        comment: true,
        docsUrl: signaturesDocUrl(context),
        // The Check lands on the analysing run's head commit, as GitHub reports it (never the artifact's word).
        headSha: run?.headSha && /^[0-9a-f]{40}$/.test(run.headSha) ? run.headSha : undefined,
        failsJob: failsJob(report.verdict, inputs.failOn),
        writeFiles: false,
        annotate: false,
        banner: extra.banner,
        reportUrl:
          extra.artifactId === undefined
            ? undefined
            : `${analysingRunUrl}/artifacts/${extra.artifactId}`
      })
    )

  if (missing !== undefined) {
    const message = `the analysing run left no report to relay (${where}${run?.conclusion ? `, concluded ${run.conclusion}` : ''}): ${missing}`
    await publish(errorReport(inputs.reportName, [{ message }]), inputs.reportName, {})
    throw new FetchError(message, inputs.reportName, runId)
  }

  const refused: string[] = []
  for (const artifact of artifacts) {
    const checked = await readRelayedReport(artifact.dir)
    if ('problems' in checked) {
      const message = `the report of ${where} was refused: ${REPORT_JSON} in artifact "${artifact.name}" does not match the leak-gate report schema (${checked.problems.join('; ')}); it was written by the analysing run, which may run a fork's code`
      core.error(message, { title: 'leak-gate: report refused' })
      await publish(errorReport(artifact.name, [{ message }]), artifact.name, {
        artifactId: artifact.id
      })
      refused.push(message)
      continue
    }
    ownLinks(checked.report, (id) => runUrl(context, id))
    const conflict = verdictConflict(checked.report.verdict, run)
    if (conflict) core.warning(conflict.text, { title: 'leak-gate: verdict and run disagree' })
    await publish(checked.report, artifact.name, {
      banner: conflict?.markdown,
      artifactId: artifact.id
    })
  }
  if (refused.length) throw new Error(refused[0])
}

/**
 * The only link a report carries (the base run) is rebuilt from its run id
 * in this repository: a relayed report cannot link anywhere else.
 */
function ownLinks(report: Report, linkOf: (runId: number) => string): void {
  for (const each of [report, ...(report.sections ?? []).map((section) => section.report)]) {
    if (!each.base) continue
    if (each.base.runId !== undefined) each.base.runUrl = linkOf(each.base.runId)
    else delete each.base.runUrl
  }
}

/** What the analysing run stored beside the report (a hint only: the fork may have written it). */
interface StoredMeta {
  prNumber?: unknown
  commentKey?: unknown
}

async function readMeta(dir: string): Promise<StoredMeta | undefined> {
  try {
    const path = join(dir, REPORT_META)
    if ((await stat(path)).size > 64 * 1024) return undefined
    const value = JSON.parse(await readFile(path, 'utf8')) as unknown
    return typeof value === 'object' && value !== null ? (value as StoredMeta) : undefined
  } catch {
    return undefined
  }
}

async function readRelayedReport(dir: string) {
  const path = join(dir, REPORT_JSON)
  const size = await stat(path).then(
    (info) => (info.isFile() ? info.size : -1),
    () => -1
  )
  if (size < 0) return { problems: ['the file is missing'] }
  if (size > MAX_RELAYED_REPORT_BYTES)
    return { problems: [`larger than ${MAX_RELAYED_REPORT_BYTES / 1024 / 1024} MiB`] }
  return parseRelayedReport(await readFile(path, 'utf8'))
}

/**
 * A verdict the analysing run's conclusion contradicts: a pass from a run
 * that failed (another step failed, or the report was altered), or a fail
 * from a run that succeeded (`fail-on` may allow it). Shown, never decided.
 */
export function verdictConflict(
  verdict: Verdict,
  run: AnalysingRun | undefined
): { text: string; markdown: string } | undefined {
  const conclusion = run?.conclusion
  const contradicts =
    (verdict === 'pass' && conclusion === 'failure') ||
    ((verdict === 'fail' || verdict === 'error') && conclusion === 'success')
  if (!run || !conclusion || !contradicts) return undefined
  const text = `the analysing run ${run.id} concluded ${conclusion}, but its report says ${verdict}`
  const why =
    verdict === 'pass'
      ? 'another step may have failed, or the report was altered'
      : '"fail-on" may allow it, or the report was altered'
  return {
    text,
    markdown: `> ⚠️ The analysing run concluded \`${conclusion}\`, but its report says **${verdict}**: ${why}. The run's own checks are what count.`
  }
}

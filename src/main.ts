/**
 * The action: inputs → fetch → pipeline → report → publish → gate.
 * `run()` has no side effects at import, so tests can call it; `index.ts`
 * is the entry that does. Problems before the analysis (a missing artifact)
 * become a report with verdict `error`, published like any other.
 */
import * as core from './publish/workflow-commands.js'
import { join } from 'node:path'
import {
  ActionInputError,
  FetchError,
  describeError,
  internalReportError,
  isInternalError,
  toReportError
} from './errors.js'
import { applyGate, failsJob } from './gate.js'
import type { ActionInputs } from './inputs.js'
import { readInputs } from './inputs.js'
import type { BaseInfo, Report } from './model.js'
import { configFor, runPipeline } from './pipeline.js'
import type { ArtifactAccess, FetchResult, RunContext, Source } from './fetch/index.js'
import {
  eventPrNumber,
  fetchBase,
  fetchSources,
  readRunContext,
  resolveInWorkspace,
  runUrl
} from './fetch/index.js'
import type { Octokit } from './publish/index.js'
import { combineSections, createOctokit, errorReport, publishReport } from './publish/index.js'
import { relayReport } from './publish/relay.js'
import { leakGateCommand, signaturesDocUrl } from './fetch/run-context.js'
import { renderText } from './report/index.js'

/** Runs the action. Never throws: every failure ends in `core.setFailed` with one line. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    const access = createAccess(inputs, readRunContext())
    if (inputs.mode === 'report') return await relayReport(inputs, access)
    const fetched = await core.group('leak-gate: fetch', () => fetchStage(inputs, access))
    const report = await core.group('leak-gate: analyse', () =>
      analyseStage(fetched, inputs, access, new Date())
    )
    // The verdict, what leaks and the inputs, readable in the log without opening the summary.
    core.infoVerbatim(renderText(report, { color: false }))
    const published = await core.group('leak-gate: publish', () =>
      publishStage(report, fetched, inputs, access)
    )
    applyGate(report, inputs.failOn, published)
  } catch (error) {
    core.setFailed(`leak-gate: ${describeError(error).replace(/\s*[\r\n]+\s*/g, ' ')}`)
  }
}

/** Access to artifacts and the REST API; the client is created on first use only. */
function createAccess(inputs: ActionInputs, context: RunContext): ArtifactAccess {
  let octokit: Promise<Octokit> | undefined
  const getOctokit = () => {
    if (!inputs.githubToken) {
      return Promise.reject(
        new ActionInputError(
          'github-token',
          '',
          'a token (default: the workflow token ${{ github.token }})'
        )
      )
    }
    octokit ??= createOctokit(inputs.githubToken, context.apiUrl)
    return octokit
  }
  return { context, token: inputs.githubToken, getOctokit }
}

type Fetched = FetchResult | { failed: Report; label: string }

/** Fetch stage; a fetch failure becomes an error report. */
async function fetchStage(inputs: ActionInputs, access: ArtifactAccess): Promise<Fetched> {
  try {
    return await fetchSources(inputs, access)
  } catch (error) {
    if (!(error instanceof FetchError)) throw error
    const label = inputs.path || inputs.artifact
    return { failed: errorReport(label, [toReportError(error)]), label }
  }
}

/** Pipeline stage: each artifact analysed (against its base when asked), then combined. */
async function analyseStage(
  fetched: Fetched,
  inputs: ActionInputs,
  access: ArtifactAccess,
  now: Date
): Promise<Report> {
  if ('failed' in fetched) return fetched.failed
  const { context } = access
  const configPath = inputs.config ? resolveInWorkspace(context, inputs.config) : undefined
  const workspace = context.workspace
  const bases = new Map<string, Report>()
  let baseInfo: BaseInfo | undefined
  if (inputs.compareBase) {
    if (!fetched.fromArtifact) {
      baseInfo = {
        warning:
          'compare-base needs the input "artifact": a local path has no base run to compare with; regression check skipped'
      }
    } else {
      const names = fetched.sources.map((source) => source.name)
      const base = await fetchBase(
        access,
        inputs.artifact,
        names,
        join(context.tempDir, 'leak-gate', 'base'),
        now
      )
      baseInfo = base.info
      for (const line of base.skipped) core.info(`compare-base: skipped ${line}`)
      for (const artifact of base.artifacts) {
        const report = await runPipeline({
          root: artifact.dir,
          rootLabel: artifact.name,
          configPath,
          workspace,
          now,
          untrustedArtifactConfig: true
        })
        if (report.verdict === 'error') {
          baseInfo.warning = `compare-base: the base run's artifact "${artifact.name}" could not be analysed (${report.errors[0]?.message ?? 'error'}); regression check skipped`
        } else bases.set(artifact.name, report)
      }
    }
  }
  // Several artifacts may be repeats of one test (`runs:`): confirmed across them once combined.
  // `runs:` is read from the repository's config only (an artifact's own is ignored, with a
  // note in its section), so the first artifact's config is the one every artifact reads.
  const first = fetched.sources[0]
  const runsConfig =
    fetched.sources.length > 1 && first
      ? await configFor({
          root: first.dir,
          rootLabel: first.name,
          configPath,
          workspace,
          untrustedArtifactConfig: true
        })
      : undefined
  const sections: Array<{ name: string; report: Report }> = []
  for (const source of fetched.sources) {
    let report: Report
    try {
      report = await runPipeline({
        root: source.dir,
        rootLabel: source.name,
        configPath,
        workspace,
        base: bases.get(source.name),
        now,
        acrossArtifacts: runsConfig?.runs !== undefined,
        untrustedArtifactConfig: true
      })
    } catch (error) {
      // A bug met in one artifact: it is reported on it, the other artifacts are still analysed.
      if (!isInternalError(error)) throw error
      report = errorReport(source.name, [
        internalReportError(
          undefined,
          `artifact ${source.name}`,
          error,
          fetched.sources.length > 1
            ? 'this artifact was not analysed; the other artifacts were'
            : 'it was not analysed'
        )
      ])
    }
    sections.push({ name: source.name, report: { ...report, root: source.name } })
  }
  const report = combineSections(sections, fetched.label, runsConfig)
  if (baseInfo) {
    report.base = { ...report.base, ...baseInfo }
    if (baseInfo.warning) core.warning(baseInfo.warning, { title: 'leak-gate: compare-base' })
  }
  return report
}

/** The command a developer runs to get the same verdict locally (with the base run when one was used). */
function reproduceCommand(
  fetched: Fetched,
  report: Report,
  inputs: ActionInputs,
  context: RunContext
): string {
  const config = inputs.config ? ` --config ${inputs.config}` : ''
  const leakGate = leakGateCommand(context)
  if ('failed' in fetched || !fetched.fromArtifact)
    return `${leakGate}${config} ${inputs.path || '<folder>'}`
  const first: Source | undefined = fetched.sources[0]
  return downloadAndRun(leakGate, {
    runId: fetched.runId ?? context.runId,
    name: first?.name ?? inputs.artifact,
    config: inputs.config,
    baseRunId: report.base?.runId
  })
}

/** `gh run download RUN -n NAME -D NAME && npx --yes github:OWNER/REPO#REF NAME`, with the base run when there is one. */
function downloadAndRun(
  leakGate: string,
  run: { runId: number; name: string; config?: string; baseRunId?: number }
): string {
  const config = run.config ? ` --config ${run.config}` : ''
  const steps = [`gh run download ${run.runId} -n ${run.name} -D ${run.name}`]
  let base = ''
  if (run.baseRunId !== undefined) {
    steps.push(`gh run download ${run.baseRunId} -n ${run.name} -D base-${run.name}`)
    base = ` --base base-${run.name}`
  }
  return `${steps.join(' && ')} && ${leakGate}${config}${base} ${run.name}`
}

/** Report + publish stage for `full` and `analyze`. */
function publishStage(
  report: Report,
  fetched: Fetched,
  inputs: ActionInputs,
  access: ArtifactAccess
) {
  const { context } = access
  return publishReport(report, {
    inputs,
    context,
    label: fetched.label,
    commandLine: reproduceCommand(fetched, report, inputs, context),
    // run by hand outside a workflow (no repository or run id) there is no run to link to
    runUrl: context.owner && context.repo && context.runId > 0 ? runUrl(context) : '',
    docsUrl: signaturesDocUrl(context),
    prNumber: inputs.prNumber ?? eventPrNumber(context),
    headSha: context.payload.pull_request?.head?.sha ?? context.sha,
    commentKey: inputs.commentKey,
    getOctokit: access.getOctokit,
    comment: inputs.mode === 'full',
    // A fork's pull_request token is read-only: in the fork-safe pair, mode "report" makes the Check.
    check: inputs.mode === 'full',
    failsJob: failsJob(report.verdict, inputs.failOn),
    writeFiles: true,
    annotate: true
  })
}

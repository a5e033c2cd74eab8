/**
 * The report as files (JSON, self-contained HTML, and the small metadata file
 * the fork-safe `report` mode needs), and their upload as an artifact.
 */
import * as core from './workflow-commands.js'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describeError } from '../errors.js'
import { loadArtifactClient } from '../fetch/artifacts.js'
import { withDeadline } from '../net/deadline.js'
import { networkSettings } from '../net/settings.js'
import type { Report, Verdict } from '../model.js'
import { renderHtml, renderJson, type HtmlOptions } from '../report/index.js'

/** File names inside the report folder / artifact. */
export const REPORT_JSON = 'leak-gate-report.json'
export const REPORT_HTML = 'leak-gate-report.html'
export const REPORT_META = 'leak-gate-meta.json'

/** What travels with the report from `mode: analyze` to `mode: report`. */
export interface ReportMeta {
  version: 1
  /** PR the analysed run was for (forks: `workflow_run.pull_requests` is empty, so it travels here). */
  prNumber?: number
  headSha?: string
  commentKey: string
  artifactName: string
  runId: number
  runUrl: string
  verdict: Verdict
}

/** Where the written files are. */
export interface ReportFiles {
  dir: string
  json: string
  html: string
  meta: string
}

/** Writes the JSON and HTML reports and the metadata into `dir`. */
export async function writeReportFiles(
  dir: string,
  report: Report,
  meta: ReportMeta,
  html: HtmlOptions = {}
): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true })
  const files = {
    dir,
    json: join(dir, REPORT_JSON),
    html: join(dir, REPORT_HTML),
    meta: join(dir, REPORT_META)
  }
  await writeFile(files.json, renderJson(report), 'utf8')
  await writeFile(files.html, renderHtml(report, html), 'utf8')
  await writeFile(files.meta, JSON.stringify(meta, null, 2) + '\n', 'utf8')
  return files
}

/**
 * Uploads the report folder as an artifact. Skipped (with a note) outside
 * GitHub Actions; a failure is a warning, never a crash.
 * @returns the artifact id, or undefined when not uploaded
 */
export async function uploadReport(name: string, files: ReportFiles): Promise<number | undefined> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    core.info(`Not uploading the report artifact "${name}": not running inside GitHub Actions`)
    return undefined
  }
  try {
    const client = await loadArtifactClient()
    const { id } = await withDeadline(networkSettings().artifactTimeoutMs, () =>
      client.uploadArtifact(name, [files.json, files.html, files.meta], files.dir, {
        retentionDays: 30
      })
    )
    core.info(`Uploaded the report as artifact "${name}" (id ${id})`)
    return id
  } catch (error) {
    core.warning(`could not upload the report artifact "${name}": ${describeError(error)}`)
    return undefined
  }
}

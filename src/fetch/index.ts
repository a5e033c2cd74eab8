/**
 * The fetch stage: turns the inputs `path` / `artifact` / `run-id` into local
 * folders to analyse, one per artifact (matrix shards become sections).
 */
import * as core from '../publish/workflow-commands.js'
import { stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { FetchError } from '../errors.js'
import type { ActionInputs } from '../inputs.js'
import type { ArtifactAccess } from './artifacts.js'
import { downloadArtifacts } from './artifacts.js'
import type { RunContext } from './run-context.js'

export type { ArtifactAccess, DownloadedArtifact } from './artifacts.js'
export { fetchBase } from './base.js'
export { readRunContext, runUrl, eventPrNumber } from './run-context.js'
export type { RunContext } from './run-context.js'

/** A local folder to analyse, named after its artifact (or the path). */
export interface Source {
  name: string
  dir: string
}

/** What the fetch stage hands to the pipeline. */
export interface FetchResult {
  sources: Source[]
  /** Artifact name or glob, or the path, for the report's verdict line. */
  label: string
  /** Run the artifacts came from (undefined: this run, or a local path). */
  runId?: number
  fromArtifact: boolean
}

/** Resolves a workspace-relative path. */
export function resolveInWorkspace(context: RunContext, path: string): string {
  return isAbsolute(path) ? path : resolve(context.workspace, path)
}

/**
 * Runs the fetch stage.
 * @throws FetchError for a missing folder, a missing or expired artifact
 */
export async function fetchSources(
  inputs: ActionInputs,
  access: ArtifactAccess
): Promise<FetchResult> {
  const { context } = access
  if (inputs.path) {
    if (inputs.artifact)
      core.warning(
        `inputs "path" and "artifact" are both set: analysing the folder "${inputs.path}"`
      )
    const dir = resolveInWorkspace(context, inputs.path)
    const info = await stat(dir).catch(() => undefined)
    if (!info?.isDirectory())
      throw new FetchError(`input "path": folder "${inputs.path}" not found (looked at ${dir})`)
    return { sources: [{ name: inputs.path, dir }], label: inputs.path, fromArtifact: false }
  }
  const destRoot = join(
    context.tempDir,
    'leak-gate',
    'artifacts',
    String(inputs.runId ?? 'this-run')
  )
  const downloaded = await downloadArtifacts(access, inputs.artifact, destRoot, inputs.runId)
  return {
    sources: downloaded.map((artifact) => ({ name: artifact.name, dir: artifact.dir })),
    label: inputs.artifact,
    runId: inputs.runId,
    fromArtifact: true
  }
}

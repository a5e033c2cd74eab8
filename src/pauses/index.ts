/**
 * The pause stage: finds `heap-snapshots.json` manifests among the artifact's
 * files, validates them, and leaves their pauses out of the series of their
 * folder. Reading goes through a function the caller hands in (the pipeline
 * reads the file, bounded), so this stays pure.
 */
import type { ReportError, Series } from '../model.js'
import { excludePauses } from './exclude.js'
import {
  MAX_MANIFEST_BYTES,
  PAUSE_MANIFEST_NAME,
  parsePauseManifest,
  type PauseManifest
} from './manifest.js'

export { PAUSE_MANIFEST_NAME, MAX_MANIFEST_BYTES } from './manifest.js'
export type { PauseManifest, SnapshotPause } from './manifest.js'

/** The manifests' effect: the series with the pauses left out, notes, and errors. */
export interface PauseStageResult {
  series: Series[]
  notes: string[]
  errors: ReportError[]
  manifests: Array<{ file: string; manifest: PauseManifest }>
}

/** True for a pause manifest's path (any folder). */
export function isPauseManifest(file: string): boolean {
  return (file.split('/').pop() ?? '') === PAUSE_MANIFEST_NAME
}

/** Applies every manifest among `files` to the series of its folder. */
export async function applyPauseManifests(
  files: readonly string[],
  readText: (file: string, maxBytes: number) => Promise<string>,
  series: Series[]
): Promise<PauseStageResult> {
  const out: PauseStageResult = { series, notes: [], errors: [], manifests: [] }
  for (const file of files.filter(isPauseManifest)) {
    let text: string
    try {
      text = await readText(file, MAX_MANIFEST_BYTES)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      out.errors.push({
        file,
        message: `${file}: cannot read the heap snapshot manifest (${reason})`
      })
      continue
    }
    const parsed = parsePauseManifest(text)
    if ('problem' in parsed) {
      const { found, expected, line } = parsed.problem
      out.errors.push({
        file,
        ...(line !== undefined ? { line } : {}),
        found,
        expected,
        message: `${file}${line !== undefined ? `:${line}` : ''}: found ${found}, expected ${expected}`
      })
      continue
    }
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''
    const applied = excludePauses(out.series, parsed.manifest, folder)
    out.series = applied.series
    out.notes.push(...applied.notes)
    out.manifests.push({ file, manifest: parsed.manifest })
  }
  return out
}

/**
 * The job summary: the same report as the comment. The runner refuses a step
 * summary over 1 MiB, so the text is cut (with a note) below that.
 */
import * as core from './workflow-commands.js'
import { describeError } from '../errors.js'

/** The runner's limit for one step's summary, in bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024

/** Cuts text to at most `limit` UTF-8 bytes, adding a note when it cuts. */
export function capBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text, 'utf8') <= limit) return text
  const note =
    '\n\n_(leak-gate: report cut to fit the 1 MiB job summary limit; the full report is in the report artifact)_\n'
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, limit - Buffer.byteLength(note) - 4)
    .toString('utf8')
  cut = cut.replace(/\uFFFD+$/, '')
  return cut + note
}

/**
 * Appends the markdown to the job summary. Does nothing outside the runner
 * (no GITHUB_STEP_SUMMARY); never throws.
 * @returns true when written
 */
export async function writeSummary(markdown: string): Promise<boolean> {
  try {
    if (core.appendSummary(capBytes(markdown, SUMMARY_LIMIT_BYTES - 1024))) return true
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary')
    return false
  } catch (error) {
    core.warning(`could not write the job summary: ${describeError(error)}`)
    return false
  }
}

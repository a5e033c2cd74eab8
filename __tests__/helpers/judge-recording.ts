/**
 * A recorded run kept as a fixture, judged as a user would: with no config (every column read) or
 * with the config of the example it was recorded from (passed as `--config` on the command line).
 */
import path from 'node:path'
import type { Report } from '../../src/model.js'
import { runPipeline } from '../../src/pipeline.js'

/** The date suppressions are compared with: fixed, so a suppression's `until` never expires a test. */
const NOW = new Date('2026-12-07T12:00:00Z')

/** Judges `root`, with `config` (a path from the project root) when given. */
export function judgeRecording(root: string, config?: string): Promise<Report> {
  return runPipeline({
    root,
    workspace: root,
    ...(config ? { configPath: path.resolve(config), configAnywhere: true } : {}),
    now: NOW
  })
}

/** The config of examples/cache-fill (memory.csv's heapUsed, rss and external; docker stats by name). */
export const CACHE_FILL_CONFIG = 'examples/cache-fill/artifacts/leak-gate.yml'

/**
 * A judge of the recordings under `fixtures`: `run(name, configured)` judges one with the
 * example's config, or with none.
 */
export function recordingsIn(
  fixtures: string,
  config = CACHE_FILL_CONFIG
): (name: string, configured: boolean) => Promise<Report> {
  return (name, configured) =>
    judgeRecording(`${fixtures}/${name}`, configured ? config : undefined)
}

/** Each finding as `level signature:metric`, sorted. */
export function findingLevels(report: Report): string[] {
  return report.findings.map((f) => `${f.level} ${f.signature}:${f.metric}`).sort()
}

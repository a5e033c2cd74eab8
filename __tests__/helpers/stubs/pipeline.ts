/**
 * TEMPORARY stand-in for src/pipeline.ts while it is being written: only used to
 * build a scratch bundle for the action's end-to-end tests (never copied into src/).
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Report } from '../../../src/model.js'

export async function runPipeline(options: { root: string; configPath?: string; workspace?: string; base?: Report; now?: Date }): Promise<Report> {
  const report: Report = { version: 1, verdict: 'pass', findings: [], suppressed: [], metrics: [], inputs: [], errors: [], healthy: [], notes: [], config: 'zero-config', root: options.root }
  const files = await readdir(options.root).catch(() => [] as string[])
  if (!files.includes('docker_stats.csv')) {
    report.verdict = 'error'
    report.errors.push({ message: `${options.root}: no input files` })
    return report
  }
  const lines = (await readFile(join(options.root, 'docker_stats.csv'), 'utf8')).trim().split('\n')
  const last = parseFloat(lines[lines.length - 1].split(',')[3])
  if (last > 300) {
    report.findings.push({ id: 'sustained-growth:docker_stats.csv[svc-web-1]:mem_usage', signature: 'sustained-growth', metric: 'mem_usage', source: 'docker_stats.csv[svc-web-1]', level: 'fail', message: 'grows 1.6 GiB/h', evidence: {} })
    if (options.base && options.base.findings.length === 0) {
      report.findings.push({ id: 'regression:docker_stats.csv[svc-web-1]:mem_usage', signature: 'regression', metric: 'mem_usage', source: 'docker_stats.csv[svc-web-1]', level: 'fail', message: 'worse than base', evidence: {} })
    }
    report.verdict = 'fail'
  }
  if (options.base) report.base = {}
  return report
}

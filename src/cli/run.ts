/**
 * The command-line entry: the same pipeline as the action, on a local folder,
 * so a developer reproduces the verdict on a laptop with the same files.
 * Exit status: 0 pass or warn, 1 fail, 2 error.
 */
import { writeFile } from 'node:fs/promises'
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './args.js'
import type { Report } from '../model.js'
import { runPipeline } from '../pipeline.js'
import { VERSION } from '../version.js'
import { renderHtml, renderJson, renderMarkdown, renderText } from '../report/index.js'

/** Exit status for a verdict (SPEC §6). */
export function exitCodeFor(report: Report): number {
  if (report.verdict === 'fail') return 1
  if (report.verdict === 'error') return 2
  return 0
}

/** Runs the CLI and returns its exit status; writes only to the streams given. */
export async function runCli(
  argv: readonly string[],
  stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr
): Promise<number> {
  let args: CliArgs
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    stderr.write(`leak-gate: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args.help) {
    stdout.write(`${USAGE}\n`)
    return 0
  }
  if (args.version) {
    stdout.write(`${VERSION}\n`)
    return 0
  }

  const root = args.root as string
  let base: Report | undefined
  if (args.base) {
    base = await runPipeline({
      root: args.base,
      configPath: args.config,
      configAnywhere: true,
      workspace: process.cwd()
    })
    if (base.verdict === 'error') {
      stderr.write(`leak-gate: --base ${args.base}: the base artifacts cannot be used:\n`)
      for (const error of base.errors) stderr.write(`  ${error.message}\n`)
      return 2
    }
  }
  const report = await runPipeline({
    root,
    configPath: args.config,
    configAnywhere: true,
    workspace: process.cwd(),
    base
  })
  if (base) {
    report.base = { ...report.base, branch: report.base?.branch ?? `--base ${args.base}` }
  }

  const color = args.color ?? (!args.out && args.format === 'text' && Boolean(stdout.isTTY))
  const commandLine = [
    'npx leak-gate',
    args.config ? `--config ${args.config}` : '',
    args.base ? `--base ${args.base}` : '',
    root
  ]
    .filter(Boolean)
    .join(' ')
  const rendered = render(report, args.format, color, commandLine)
  if (args.out) {
    try {
      await writeFile(args.out, rendered)
    } catch (error) {
      // a user's path, not a fault of leak-gate: say which and why, exit 2
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'its folder does not exist'
          : String((error as Error).message ?? error)
      stderr.write(`leak-gate: --out ${args.out}: cannot write the report (${reason})\n`)
      return 2
    }
    stderr.write(
      `leak-gate: ${report.verdict} (${report.findings.length} findings), report written to ${args.out}\n`
    )
  } else {
    stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`)
  }
  if (report.verdict === 'error' && args.format !== 'text' && !args.out) {
    for (const error of report.errors) stderr.write(`leak-gate: ${error.message}\n`)
  } else if (report.verdict === 'error' && args.out) {
    for (const error of report.errors) stderr.write(`leak-gate: ${error.message}\n`)
  }
  return exitCodeFor(report)
}

function render(
  report: Report,
  format: CliArgs['format'],
  color: boolean,
  commandLine: string
): string {
  switch (format) {
    case 'json':
      return renderJson(report)
    case 'markdown':
      return renderMarkdown(report, { commandLine })
    case 'html':
      return renderHtml(report)
    case 'text':
      return renderText(report, { color })
  }
}

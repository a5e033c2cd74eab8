/**
 * Command-line arguments of `leak-gate` (SPEC §7), parsed without a library:
 * `leak-gate [--config FILE] [--format text|markdown|json|html] [--out FILE] [--base DIR] DIR`.
 */

export const OUTPUT_FORMATS = ['text', 'markdown', 'json', 'html'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface CliArgs {
  root?: string
  config?: string
  format: OutputFormat
  out?: string
  base?: string
  help: boolean
  version: boolean
  /** `--color`/`--no-color` force colour on or off; default: only on a TTY. */
  color?: boolean
}

/** A command-line mistake; the CLI prints it with the usage line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const USAGE = `Usage: leak-gate [--config FILE] [--format text|markdown|json|html] [--out FILE] [--base DIR] DIR

Analyses the load-test artifacts in DIR (docker stats, memory CSV/JSONL, baseline/post
snapshots, Prometheus scrapes, logs) and fails when they show a memory-leak signature.

Options:
  --config FILE   configuration (default: .github/leak-gate.yml, else DIR/leak-gate.yml, else zero-config)
  --format F      text (default), markdown (the PR comment), json (the report, schema/leak-gate-report.schema.json), html (self-contained)
  --out FILE      write the report to FILE instead of standard output
  --base DIR      the base branch's artifacts: enables the regression signature
  --color         ANSI colours even when not writing to a terminal
  --no-color      no ANSI colours (default: colours only on a terminal, and never when NO_COLOR is set)
  -h, --help      this text
  -v, --version   the version

Exit status: 0 pass or warn, 1 fail (a leak signature), 2 error (unusable input or config).

Without installing: npx --yes github:OWNER/REPO#REF DIR (the action's repository and tag).`

const VALUE_OPTIONS = new Set(['--config', '--format', '--out', '--base'])

/** Parses argv (without node and script). Throws UsageError naming the bad argument. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { format: 'text', help: false, version: false }
  const positional: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]
    if (raw === '--') {
      positional.push(...argv.slice(i + 1))
      break
    }
    if (raw === '-h' || raw === '--help') args.help = true
    else if (raw === '-v' || raw === '--version') args.version = true
    else if (raw === '--color') args.color = true
    else if (raw === '--no-color') args.color = false
    else if (raw.startsWith('--')) {
      const eq = raw.indexOf('=')
      const name = eq === -1 ? raw : raw.slice(0, eq)
      if (!VALUE_OPTIONS.has(name)) {
        throw new UsageError(
          `unknown option "${name}", expected one of --config, --format, --out, --base, --color, --no-color, --help, --version`
        )
      }
      const value = eq === -1 ? argv[++i] : raw.slice(eq + 1)
      if (value === undefined || value === '') throw new UsageError(`option ${name} needs a value`)
      assign(args, name, value)
    } else if (raw.startsWith('-') && raw !== '-') {
      throw new UsageError(`unknown option "${raw}"`)
    } else positional.push(raw)
  }
  if (positional.length > 1) {
    throw new UsageError(
      `expected one artifact folder, found ${positional.length}: ${positional.join(' ')}`
    )
  }
  args.root = positional[0]
  if (!args.root && !args.help && !args.version)
    throw new UsageError('missing the artifact folder DIR')
  return args
}

function assign(args: CliArgs, name: string, value: string): void {
  switch (name) {
    case '--config':
      args.config = value
      break
    case '--out':
      args.out = value
      break
    case '--base':
      args.base = value
      break
    case '--format':
      if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(
          `--format: found "${value}", expected one of ${OUTPUT_FORMATS.join(', ')}`
        )
      }
      args.format = value as OutputFormat
      break
  }
}

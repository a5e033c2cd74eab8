/**
 * Typed errors, one class per failure, each rendered as one line with the
 * location first (SPEC §8): `file:line: column "X": found "Y", expected Z`.
 * An error here becomes verdict `error`; it is never a crash.
 */
import type { ReportError } from './model.js'

/** Longest excerpt of user data quoted in a message (a 10 MB line must not flood the log). */
const MAX_FOUND = 60

/** Longest key path quoted in a message (`checks.<a long Prometheus name>.sustained-growth` fits). */
const MAX_KEY = 120

/**
 * Control characters (ESC starts a terminal escape sequence, BEL ends one),
 * the replacement character, the lone surrogates that stand for bytes that are
 * not UTF-8, and bidi overrides (which reorder what a reader sees): none of
 * them may reach a log, a terminal or a report as they are.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\ufffd\u202a-\u202e\u2066-\u2069\u{dc80}-\u{dcff}]/gu

/** Replaces every control, bidi-override and replacement character with `?`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '?')
}

/** Shortens and makes printable a piece of input for quoting in a message. */
export function quoteFound(found: string, max = MAX_FOUND): string {
  const shown = printable(found)
  return shown.length > max ? `${shown.slice(0, max)}… (${found.length} chars)` : shown
}

/**
 * A message as it may be shown anywhere: one line ({@link oneLine}), then
 * {@link printable}, so no value quoted in it can move a terminal's cursor,
 * recolour a log or fake a line of output.
 */
export function printableLine(text: string): string {
  return printable(oneLine(text))
}

/**
 * Folds line breaks (and the spaces around them) into one space: a message is
 * one line in a log, an annotation and `--format json`'s stderr, whatever
 * text (a JSON.parse excerpt, a YAML error) it quotes.
 */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
}

/** A value in an input file that cannot be used. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: string | undefined,
    readonly found: string | undefined,
    readonly expected: string
  ) {
    super(formatInputError(file, line, column, found, expected))
  }

  /** The report entry; fields without a value are left out. */
  toReportError(): ReportError {
    return {
      file: this.file,
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(this.column !== undefined && this.column !== '' ? { column: this.column } : {}),
      ...(this.found !== undefined ? { found: this.found } : {}),
      expected: this.expected,
      message: this.message
    }
  }
}

function formatInputError(
  file: string,
  line: number | undefined,
  column: string | undefined,
  found: string | undefined,
  expected: string
): string {
  const location = line === undefined ? file : `${file}:${line}`
  const parts = [location]
  if (column !== undefined) parts.push(`column "${quoteFound(column)}"`)
  if (found !== undefined) parts.push(`found "${quoteFound(found)}", expected ${expected}`)
  else parts.push(expected)
  return printableLine(parts.join(': '))
}

/** A configuration key or value that cannot be used. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(
    /** Where: the config file (and line when known). */
    readonly file: string,
    /** Dotted key path, e.g. `checks.heapUsed.per-work-cost`. */
    readonly key: string,
    /** What is wrong, e.g. `unknown key` or `found "5 parsecs", expected a size like "5MiB"`. */
    readonly problem: string,
    /** What is allowed there, when a list helps. */
    readonly allowed: readonly string[] = [],
    readonly line?: number
  ) {
    super(
      printableLine(
        `${line === undefined ? file : `${file}:${line}`}: ${key ? `key "${quoteFound(key, MAX_KEY)}": ` : ''}${problem}` +
          (allowed.length ? ` (allowed: ${allowed.join(', ')})` : '')
      )
    )
  }

  /** The report entry; fields without a value are left out (no `"column": ""` in the JSON report). */
  toReportError(): ReportError {
    return {
      file: this.file,
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(this.key ? { column: this.key } : {}),
      message: this.message
    }
  }
}

/** An artifact or run that cannot be fetched. */
export class FetchError extends Error {
  override name = 'FetchError'
  constructor(
    message: string,
    readonly artifact?: string,
    readonly runId?: number,
    readonly status?: number
  ) {
    super(message)
  }
}

/** An action input with a value that is not allowed. */
export class ActionInputError extends Error {
  override name = 'ActionInputError'
  constructor(
    readonly input: string,
    readonly value: string,
    readonly allowed: string
  ) {
    super(`input "${input}": found "${quoteFound(value)}", expected ${allowed}`)
  }
}

/** Renders any thrown value as one line (no stack trace as the only message). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

/**
 * An exception leak-gate did not expect (a bug, not bad input): one that is
 * none of the errors above and carries no system error code (ENOENT, EACCES).
 */
export function isInternalError(error: unknown): boolean {
  if (
    error instanceof InputError ||
    error instanceof ConfigError ||
    error instanceof FetchError ||
    error instanceof ActionInputError
  )
    return false
  const code = (error as { code?: unknown } | null)?.code
  return typeof code !== 'string'
}

/** Longest part of an exception's text quoted in an internal-error entry. */
const MAX_INTERNAL = 200

/**
 * The report entry for an internal error met while analysing one thing
 * (`subject`: a series, a snapshot pair, a check): it names the file, says it
 * is leak-gate's fault, quotes the exception (bounded, printable) and what
 * was kept. It makes the verdict `error`, so nothing is silently lost.
 */
export function internalReportError(
  file: string | undefined,
  subject: string,
  error: unknown,
  consequence: string
): ReportError {
  const what =
    error instanceof Error && error.name && error.name !== 'Error'
      ? `${error.name}: ${describeError(error)}`
      : describeError(error)
  const where = file === undefined ? '' : `${quoteFound(file, MAX_KEY)}: `
  return {
    ...(file !== undefined ? { file } : {}),
    internal: true,
    message: printableLine(
      `${where}${quoteFound(subject, MAX_KEY)}: internal error in leak-gate (${quoteFound(what, MAX_INTERNAL)}), not a problem with the input; ${consequence}`
    )
  }
}

/** Turns any thrown value into a report error entry. */
export function toReportError(error: unknown): ReportError {
  if (error instanceof InputError || error instanceof ConfigError) return error.toReportError()
  return { message: describeError(error) }
}

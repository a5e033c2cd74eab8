/**
 * Any text log: a `pattern` (JavaScript RegExp source with named groups, or
 * `/source/flags`) turns each matching line into a row whose columns are the
 * group names; a group named like the config's `time` (or `time`,
 * `timestamp`...) is the time. Lines that do not match are skipped and
 * counted: a 4 GB container log is mostly noise around a few stats lines.
 */
import { ErrorSink, readAllLines, type LineSource } from './lines.js'
import { finishRows, result } from './result.js'
import { RowLoader } from './table.js'
import type { SeriesLoadRequest, SeriesLoadResult } from './types.js'

const GROUP_NAME_RE = /\(\?<([A-Za-z_$][\w$]*)>/g

/** A compiled pattern and its named groups in order, or the reason it cannot be used. */
export function compilePattern(
  pattern: string
): { regex: RegExp; groups: string[] } | { error: string } {
  let source = pattern
  let flags = ''
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern)
  if (literal) {
    source = literal[1]
    flags = literal[2].replace(/[gy]/g, '')
  }
  let regex: RegExp
  try {
    regex = new RegExp(source, flags)
  } catch (error) {
    return {
      error: `a valid regular expression (${error instanceof Error ? error.message : String(error)})`
    }
  }
  const groups = [...source.matchAll(GROUP_NAME_RE)].map((match) => match[1])
  if (groups.length === 0)
    return { error: 'a regular expression with named groups like (?<rss>\\d+)' }
  return { regex, groups }
}

/** Loads a log through the request's `pattern` (see the module comment). */
export async function loadLog(
  lines: LineSource,
  request: SeriesLoadRequest
): Promise<SeriesLoadResult> {
  const sink = new ErrorSink(request.file)
  const pattern = request.spec.pattern
  if (pattern === undefined || pattern === '') {
    sink.add(
      undefined,
      'pattern',
      undefined,
      "a `pattern` with named groups for format log (e.g. 'rss=(?<rss>\\d+)')"
    )
    return result([], 0, sink)
  }
  const compiled = compilePattern(pattern)
  if ('error' in compiled) {
    sink.add(undefined, 'pattern', pattern, compiled.error)
    return result([], 0, sink)
  }
  const { regex, groups } = compiled
  const loader = new RowLoader({
    file: request.file,
    spec: request.spec,
    sink,
    numericStrings: true,
    everyNumericColumn: true
  })
  // the pattern's groups are the columns: a problem with them has no line in the file
  if (!loader.defineColumns(groups, undefined)) return result([], 0, sink)
  let lineCount = 0
  let unmatched = 0
  const cells = new Array<string | undefined>(groups.length)
  lineCount = await readAllLines(lines, sink, (line, lineNumber) => {
    const match = regex.exec(line)
    if (match === null) {
      unmatched++
      return
    }
    const named = match.groups!
    for (let i = 0; i < groups.length; i++) cells[i] = named[groups[i]]
    loader.addRow(cells, lineNumber)
  })
  if (lineCount === 0 && sink.count === 0) {
    sink.add(undefined, undefined, undefined, 'log lines, found an empty file')
    return result([], 0, sink)
  }
  if (loader.rows === 0 && sink.count === 0) {
    sink.add(
      undefined,
      'pattern',
      pattern,
      `lines matching the pattern; none of ${lineCount} lines matched`
    )
    return result([], 0, sink)
  }
  const loaded = finishRows(
    loader,
    0,
    sink,
    'log lines',
    (skipped) => `${skipped} matching lines without any value skipped`
  )
  loaded.skipped = unmatched + loader.skipped
  if (unmatched > 0)
    loaded.notes = [
      `${unmatched} of ${lineCount} lines did not match the pattern (skipped)`,
      ...(loaded.notes ?? [])
    ]
  return loaded
}

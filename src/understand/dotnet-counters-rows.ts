/**
 * Rows of `dotnet-counters collect --format csv` pasted without their header
 * line (a paste cut above it, an excerpt of a long file): told from the first
 * lines and read under the header dotnet-counters writes, every row keeping
 * its own line number. Pure.
 *
 *   2023-11-14 8:53:03 AM,System.Runtime,Working Set (MB),Metric,19506
 *   2023-11-14 8:53:03 AM,System.Runtime,Gen 0 GC Count (Count / 1 sec),Rate,1
 */

/** The header `dotnet-counters collect --format csv` writes. */
export const DOTNET_COUNTERS_HEADER = 'Timestamp,Provider,Counter Name,Counter Type,Mean/Increment'

/**
 * A row: time, provider, counter, its type (`Metric`, `Rate`, or a newer one), value. The value
 * is any field here: a garbled one is the CSV reader's to report at its line, not a reason to
 * call the file unrecognised.
 */
const ROW =
  /^[^,]{6,40},[A-Za-z][\w.-]{0,80},[^,]{1,120},(?:Metric|Rate|Gauge|Sum|UpDownCounter|Counter),[^,]{1,40}$/

/** A line of its own saying lines were left out of a paste (`...`, `…`). */
const CUT_RE = /^\s*(?:\.{3}|…)\s*$/

/** True for a paste's cut marker between rows: read as a blank line (skipped, numbering kept). */
export function isCutLine(line: string): boolean {
  return CUT_RE.test(line)
}

/**
 * True when the first data lines (blank lines and cut markers aside, at least
 * two, at most eight looked at) are all dotnet-counters rows.
 */
export function headerlessDotnetCounters(lines: readonly string[]): boolean {
  const rows = lines.filter((line) => line.trim() !== '' && !isCutLine(line))
  return rows.length >= 2 && rows.slice(0, 8).every((line) => ROW.test(line.trim()))
}

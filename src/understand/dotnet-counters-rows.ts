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

/**
 * `dotnet-counters collect --format json`: one JSON document, on one line as the tool writes
 * it, its counters' readings in the array under `Events`:
 *
 *   { "TargetProcess": "app", "StartTime": "3/10/2025 10:00:00 AM", "Events": [{ "timestamp":
 *   "2025-03-10 10:00:05Z",  "provider": "System.Runtime",  "name": "GC Heap Size (MB)",
 *   "counterType": "Metric",  "value": 45.2 }, …]}
 *
 * Told by the keys the tool writes, in its order, before the array; each string bounded.
 */
const COUNTERS_JSON_RE =
  /^\s*\{\s*"TargetProcess"\s*:\s*"(?:[^"\\\n]|\\.){0,500}"\s*,\s*"StartTime"\s*:\s*"[^"\n]{0,100}"\s*,\s*"Events"\s*:\s*\[/

/** True when a JSON document's head is dotnet-counters' JSON (see {@link COUNTERS_JSON_RE}). */
export function isDotnetCountersJson(lines: readonly string[]): boolean {
  // the keys before the array fit in the first kilobyte
  let text = ''
  for (const line of lines) {
    text += `${line}\n`
    if (text.length >= 1024) break
  }
  return COUNTERS_JSON_RE.test(text.slice(0, 1024))
}

/** Shared helpers for the load tests: fixture paths and loading through the real file reader. */
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { readLines } from '../../src/io/read-lines.js'
import { loadSeries, loadSnapshot } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import type { InputFormat, Series } from '../../src/model.js'

export const FIXTURES = fileURLToPath(new URL('../../__fixtures__/load/', import.meta.url))

/** Path of a fixture file. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts)
}

/** Loads a fixture as series through readLines, as the pipeline does. */
export function loadFixtureSeries(
  path: string,
  format: InputFormat,
  spec: Partial<SeriesSpec> = {}
) {
  const file = path.split('/').pop()!
  return loadSeries(readLines(fixture(path), { displayName: file }), {
    file,
    format,
    spec: { file, ...spec }
  })
}

/** Loads a fixture as a snapshot through readLines. */
export function loadFixtureSnapshot(path: string, format: InputFormat) {
  const file = path.split('/').pop()!
  return loadSnapshot(readLines(fixture(path), { displayName: file }), file, format)
}

/** Finds a series by metric and group, failing loudly when absent. */
export function pick(series: Series[], metric: string, group?: string): Series {
  const found = series.find((s) => s.metric === metric && s.group === group)
  if (!found)
    throw new Error(`no series ${metric}[${group}] in ${series.map((s) => s.id).join(', ')}`)
  return found
}

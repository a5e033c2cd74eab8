/**
 * The runtime's reserved heap (`heapTotal`) as a witness the config did not list.
 *
 * A config that judges `rss` and `heapUsed` of a `process.memoryUsage()` file
 * leaves `heapTotal` out, yet only `heapTotal` tells V8 sizing its heap to the
 * load (RSS follows the heap it reserves as the request rate ramps) from memory
 * held outside the heap. Such a column is read beside the listed ones to vouch
 * for them, never judged nor reported itself.
 */
import type { MetricKind } from '../model.js'
import type { SeriesSpec } from '../config/types.js'

/** A reserved-heap column in a header row or a first JSON line: `heapTotal`, `heap_total`. */
const RESERVED_HEAP_COLUMN = /(?:^|[\s,;\t"'{])(heapTotal|heap_total)(?=$|[\s,;\t"':])/i

/**
 * The spec that reads only the reserved heap of a file whose config lists memory metrics but
 * not it (same time, work and group columns), or null. `head` is the file's first line.
 */
export function reservedHeapWitnessSpec(spec: SeriesSpec, head: string): SeriesSpec | null {
  const metrics = spec.metrics
  if (!metrics) return null
  const listed = Object.entries(metrics) as Array<[string, MetricKind]>
  if (!listed.some(([, kind]) => kind === 'memory')) return null
  if (listed.some(([name]) => /heap_?total/i.test(name))) return null
  const match = RESERVED_HEAP_COLUMN.exec(head)
  if (!match) return null
  return { ...spec, metrics: { [match[1]]: 'memory' } }
}

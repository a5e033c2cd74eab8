/**
 * The runtime's reserved heap (`heapTotal`) as a witness the config did not list.
 *
 * A config that judges `rss` and `heapUsed` of a `process.memoryUsage()` file
 * leaves `heapTotal` out, yet only `heapTotal` tells V8 sizing its heap to the
 * load (RSS follows the heap it reserves as the request rate ramps) from memory
 * held outside the heap. Such a column is read beside the listed ones, in the
 * same pass (`SeriesLoadRequest.witness`), to vouch for them, never judged nor
 * reported itself.
 */
import type { MetricKind } from '../model.js'
import type { SeriesSpec } from '../config/types.js'

/** A reserved-heap column in a header row or a first JSON line: `heapTotal`, `heap_total`. */
const RESERVED_HEAP_COLUMN = /(?:^|[\s,;\t"'{])(heapTotal|heap_total)(?=$|[\s,;\t"':])/i

/**
 * The reserved-heap column to read as a witness of a file whose config lists memory metrics but
 * not it (`heapTotal` as the file spells it), or undefined. `head` is the file's first line.
 */
export function reservedHeapWitness(spec: SeriesSpec, head: string): string | undefined {
  const metrics = spec.metrics
  if (!metrics) return undefined
  const listed = Object.entries(metrics) as Array<[string, MetricKind]>
  if (!listed.some(([, kind]) => kind === 'memory')) return undefined
  if (listed.some(([name]) => /heap_?total/i.test(name))) return undefined
  return RESERVED_HEAP_COLUMN.exec(head)?.[1]
}

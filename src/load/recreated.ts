/**
 * One container recreated in a docker stats log that names containers by id
 * alone: the series of its ids, whose rows follow each other, joined into
 * one, with a restart (`Series.processChanges`) where each new id starts.
 * Segments are then cut there like at any restart, so a leak across a
 * redeploy is one series judged per segment, not two short ones.
 */
import type { Series, SeriesProcessChange, SeriesStop } from '../model.js'
import { seriesId } from './series-builder.js'

/**
 * Joins `parts` (one metric's series, one per container id, in file order)
 * into one series with no group; `column` is the header naming the ids.
 */
export function joinRecreated(parts: readonly Series[], column: string): Series {
  const [first] = parts
  const last = parts[parts.length - 1]
  const stops: SeriesStop[] = []
  const changes: SeriesProcessChange[] = []
  let before = 0
  parts.forEach((part, k) => {
    if (k > 0)
      changes.push({
        column,
        what: 'container id',
        from: parts[k - 1].group ?? '',
        to: part.group ?? '',
        time: part.time[0],
        samplesBefore: before
      })
    for (const c of part.processChanges ?? [])
      changes.push({ ...c, samplesBefore: c.samplesBefore + before })
    for (const s of part.stops ?? []) stops.push({ ...s, samplesBefore: s.samplesBefore + before })
    before += part.samples
  })
  const { group: _group, stops: _stops, processChanges: _changes, limit: _limit, ...rest } = first
  const limit = last.limit ?? parts.findLast((part) => part.limit !== undefined)?.limit
  return {
    ...rest,
    id: seriesId(first.file, first.metric, undefined),
    time: parts.flatMap((part) => part.time),
    work: parts.flatMap((part) => part.work),
    value: parts.flatMap((part) => part.value),
    min: parts.flatMap((part) => part.min),
    max: parts.flatMap((part) => part.max),
    count: parts.flatMap((part) => part.count),
    samples: before,
    reduced: parts.some((part) => part.reduced),
    ...(limit !== undefined ? { limit } : {}),
    ...(stops.length > 0 ? { stops } : {}),
    ...(changes.length > 0 ? { processChanges: changes } : {})
  }
}

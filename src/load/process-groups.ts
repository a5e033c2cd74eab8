/**
 * A CSV whose `pid` or program-name column shows several processes sampled
 * side by side (understand/process-columns.ts) is read grouped by it: one
 * series per process, each judged on its own span. The note says so, and
 * names the processes that join late or leave early: their series are
 * shorter than the file, and a reader comparing them with the others
 * should know.
 */
import type { Series } from '../model.js'
import type { ProcessSplit } from '../understand/process-columns.js'
import type { SeriesLoadResult } from './types.js'

/** A process's span shorter than the file's by more than this share of it is said. */
const PARTIAL_SHARE = 0.1

/** Processes whose partial span is named in the note, at most. */
const MAX_NAMED = 3

/** Where one process's readings start and end (times, or reading counts without times). */
interface Span {
  first: number
  last: number
  samples: number
}

/** `HH:MM:SS UTC` of an epoch time, `N s in` of an elapsed one. */
function when(time: number, base: Series['timeBase']): string {
  if (base === 'epoch' && Math.abs(time) <= 8.64e15)
    return `${new Date(time).toISOString().slice(11, 19)} UTC`
  return `${Math.round(time / 1000)} s in`
}

/** The span of each group's readings, over every metric of the group. */
function spans(series: readonly Series[]): Map<string, Span> {
  const byGroup = new Map<string, Span>()
  for (const one of series) {
    if (one.group === undefined || one.witnessOnly || one.time.length === 0) continue
    const first = one.time[0]
    const last = one.time[one.time.length - 1]
    const span = byGroup.get(one.group)
    if (span === undefined) byGroup.set(one.group, { first, last, samples: one.samples })
    else {
      if (!(span.first <= first)) span.first = first
      if (!(span.last >= last)) span.last = last
      span.samples = Math.max(span.samples, one.samples)
    }
  }
  return byGroup
}

/** The processes read over only part of the file, as a phrase each. */
function partialSpans(series: readonly Series[]): string[] {
  const byGroup = spans(series)
  if (byGroup.size < 2) return []
  const base = series.find((one) => one.group !== undefined)?.timeBase ?? 'none'
  const all = [...byGroup.values()]
  if (base === 'none' || !all.every((span) => Number.isFinite(span.first + span.last))) {
    // no times: a process read fewer times than the others is all that is known
    const most = Math.max(...all.map((span) => span.samples))
    return [...byGroup]
      .filter(([, span]) => span.samples < most * (1 - PARTIAL_SHARE))
      .map(([group, span]) => `${group} read ${span.samples} times of ${most}`)
  }
  const start = Math.min(...all.map((span) => span.first))
  const end = Math.max(...all.map((span) => span.last))
  const slack = (end - start) * PARTIAL_SHARE
  const phrases: string[] = []
  for (const [group, span] of byGroup) {
    const late = span.first - start > slack
    const early = end - span.last > slack
    if (!late && !early) continue
    if (span.first === span.last) {
      phrases.push(`${group} only at ${when(span.first, base)}`)
      continue
    }
    const from = late ? `from ${when(span.first, base)}` : ''
    const to = early ? `until ${when(span.last, base)}` : ''
    phrases.push(`${group} only ${[from, to].filter(Boolean).join(' ')}`)
  }
  return phrases
}

/**
 * The note on a file split by its process column: how many processes, that
 * each is judged on its own span, and which were read over only part of the
 * file (joined late, left early).
 */
export function processSplitNote(split: ProcessSplit, series: readonly Series[]): string {
  const shown = split.values.slice(0, 3).join(', ')
  const partial = partialSpans(series)
  const named =
    partial.length === 0
      ? ''
      : `; ${partial.slice(0, MAX_NAMED).join(', ')}${partial.length > MAX_NAMED ? ', …' : ''}`
  const restart =
    split.what === 'pid'
      ? ' (a new pid is then a process of its own, not a restart of another)'
      : ''
  return `"${split.column}" takes values that interleave (${shown}${split.values.length > 3 ? ', …' : ''}): several processes sampled side by side, one series per ${split.what === 'pid' ? 'pid' : 'name'}, each judged on its own span${restart}${named}`
}

/** The loaded file with the note on its split by a process column added. */
export function withProcessSplitNote(
  loaded: SeriesLoadResult,
  split: ProcessSplit
): SeriesLoadResult {
  if (loaded.series.length === 0) return loaded
  return { ...loaded, notes: [...(loaded.notes ?? []), processSplitNote(split, loaded.series)] }
}

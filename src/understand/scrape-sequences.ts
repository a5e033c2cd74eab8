/**
 * When Prometheus scrapes saved one per file are one series: files in one
 * folder whose names differ only in their last run of digits, at least
 * three, no two taken at the same moment. One rule for zero-config detection
 * (which sees only each file's first lines) and the loader (which reads them
 * all), so both draw the same line between a sequence and shards or replicas.
 * Pure.
 */
import { parseLooseIso } from './date-forms.js'
import { TIME_LINE_RE } from './sniff.js'

/**
 * Compares file names the way people number them: digit runs by value, so
 * `scrape-2.prom` comes before `scrape-10.prom`.
 */
export function naturalCompare(a: string, b: string): number {
  const split = (text: string) => text.split(/(\d+)/)
  const left = split(a)
  const right = split(b)
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] === right[i]) continue
    if (i % 2 === 1) {
      const difference = Number(left[i]) - Number(right[i])
      if (difference !== 0) return difference
    }
    return left[i] < right[i] ? -1 : 1
  }
  return left.length - right.length
}

/** Fewest one-scrape files that make a sequence: two files may as well be two replicas. */
const MIN_SEQUENCE_FILES = 3

/**
 * The name shape of a scrape file: its folder and its name with the last run
 * of digits blanked (`run/scrape-#.prom`), or undefined when the name has no digits.
 */
function sequenceShape(path: string): string | undefined {
  const cut = path.lastIndexOf('/') + 1
  const base = path.slice(cut)
  const last = /\d+(?=\D*$)/.exec(base)
  if (!last) return undefined
  const after = last.index + last[0].length
  return `${path.slice(0, cut)}${base.slice(0, last.index)}\u0000${base.slice(after)}`
}

/** A one-scrape file as {@link groupScrapeSequences} sees it. */
export interface ScrapeFileTime {
  file: string
  /** The scrape's own time (a sample timestamp or a time line), NaN when it has none. */
  time: number
}

/**
 * Which one-scrape files are scrapes of one process saved one per file, so
 * one series: files in the same folder whose names differ only in their last
 * run of digits (`scrape-01.prom` … `scrape-12.prom`), at least
 * {@link MIN_SEQUENCE_FILES} of them, no two with the same time when they
 * carry one. Anything else (`shard-1/` and `shard-2/`, `pod-1.prom` …
 * `pod-3.prom` scraped at one moment, a pair) is read file by file: splicing
 * replicas or shards into one series would average a leak away. Returns the
 * sequences, each in natural name order; the other files are in none.
 */
export function groupScrapeSequences<T extends ScrapeFileTime>(files: readonly T[]): T[][] {
  const byShape = new Map<string, T[]>()
  for (const file of [...files].sort((a, b) => naturalCompare(a.file, b.file))) {
    const shape = sequenceShape(file.file)
    if (shape !== undefined) byShape.set(shape, [...(byShape.get(shape) ?? []), file])
  }
  return [...byShape.values()].filter((members) => {
    if (members.length < MIN_SEQUENCE_FILES) return false
    const times = members.map((member) => member.time).filter((time) => !Number.isNaN(time))
    return new Set(times).size === times.length
  })
}

/** A sample line with a timestamp: `name{labels} value timestamp` (group 1). */
const TIMED_SAMPLE = /^[A-Za-z_:][\w:]*\s*(?:\{.*\})?\s+\S+\s+([-+]?\d+(?:\.\d+)?)\s*$/
/** A sample line: `name{labels} value`. */
const SAMPLE = /^[A-Za-z_:][\w:]*\s*(?:\{.*\})?\s+\S+\s*$/

/** The instant a line holding only a time names (epoch ms), NaN for anything else or a bare clock. */
function timeOfLine(text: string): number {
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const value = Number(text)
    return value >= 1e9 ? value : NaN // a small number is a count, not an epoch
  }
  // the time alone, without rules or a label around it (`=== Mon Mar 10 10:00:05 UTC 2025 ===`)
  const time = text.length <= 200 ? TIME_LINE_RE.exec(text)?.[1] : undefined
  if (time === undefined || /^\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?$/.test(time)) return NaN
  const loose = parseLooseIso(time)
  if (!Number.isNaN(loose)) return loose
  const parsed = Date.parse(time)
  return Number.isFinite(parsed) ? parsed : NaN
}

/**
 * The time of the first scrape in a file's first lines (a sample's raw
 * timestamp, or the time line before the samples), NaN when they carry none.
 * Zero-config detection tells replicas scraped at one moment from a sequence
 * by it, so only equality between files matters.
 */
export function headScrapeTime(head: readonly string[]): number {
  for (const raw of head) {
    const line = raw.trim()
    if (line === '') continue
    if (line.startsWith('#')) {
      const parts = line.split(/\s+/)
      if (['HELP', 'TYPE', 'UNIT', 'EOF'].includes(parts[1] ?? '')) continue
      const time = timeOfLine(line.slice(1).trim())
      if (!Number.isNaN(time)) return time
      continue
    }
    const timed = TIMED_SAMPLE.exec(line)
    if (timed) return Number(timed[1])
    if (SAMPLE.test(line)) return NaN
    const time = timeOfLine(line)
    if (!Number.isNaN(time)) return time
  }
  return NaN
}

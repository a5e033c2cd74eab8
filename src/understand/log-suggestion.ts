/**
 * A pattern to read a text log of memory figures with, from its first lines.
 * Leak reports paste such logs (`0 rss=36.31MB heapUsed=0.20MB`,
 * `rss: 61890560, heapUsed: 11086400`, `count: 600 | rss: 30343168`): a log is
 * never read without a `pattern:` (an application log shipped beside the
 * measurements must not be judged unasked), so zero-config's message offers
 * one the user can paste. Pure: the caller gives the head's lines.
 */
import { isWorkCounterName, kindFromName, memoryLeftName } from './names.js'

/**
 * `name=value`, `name: value`, `name: 'value'` or `name value`, the value a
 * number with an optional size unit (`36.31MB`, `11448 KB`, `24mb`, `1,250`); the
 * word before the name too, for two-word names (`Memory usage: 59 MB`).
 */
const PAIR_RE =
  /(?:([A-Za-z_][\w.]*) )?([A-Za-z_][\w.]*)(\s*[=:]\s*'?|\s)(\d+(?:,\d{3})*(?:\.\d+)?)(\s*(?:[KMGT]i?B|kB|[kmgt]i?b)\b)?/g
/** A value with a size unit named after it in parentheses (`825.01 MB (highwater)`). */
const VALUE_NAMED_RE =
  /(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(\s?(?:[KMGT]i?B|kB|[kmgt]i?b))(\s*)\(([A-Za-z_]\w*)\)/g
/** A value with a size unit, then the word naming it (`45.59MB RSS`, `16 MB total`); not signed. */
const VALUE_THEN_NAME_RE =
  /(?<![\w.+-])(\d+(?:,\d{3})*(?:\.\d+)?)(\s?(?:[KMGT]i?B|kB|[kmgt]i?b))(\s+)([A-Za-z_]\w*)\b(?!\s*[:=(])/g
/** Words that name a size written before them (beside the memory names). */
const AFTER_VALUE_NAMES = /^(?:total|used|resident|private)$/i
/** What follows a figure whose name is the parenthesised word after it. */
const NAMED_AFTER_RE = /^\s*\([A-Za-z_]\w*\)/
/** A figure followed by `/total` (`js-heap=2/6mb`): the unit is after the total, out of a group's reach. */
const OVER_TOTAL_RE = /^\/\d/
/**
 * A time before the figures, as the loader reads it: ISO-8601
 * (`2024-11-05T11:07:40.051Z`, `[2025-02-09 19:20:50]`) or a clock
 * (`12:00:01.250`, rolling over midnight), each with the pattern that reads it.
 */
const TIMES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/,
    '\\d{4}-\\d{2}-\\d{2}[T ][\\d:.,]+(?:Z|[+-][\\d:]+)?'
  ],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/, '\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?']
]
/** A counter then a size after a colon or `=`: `run 2: 8.88 MB`, `iteration 10 = 24 MiB`. */
const COUNTED_FIGURE_RE =
  /\b([A-Za-z]+) (\d+)(\s*[=:]\s*)(\d+(?:,\d{3})*(?:\.\d+)?)(\s?(?:[KMGT]i?B|kB|[kmgt]i?b))\b/g
/** Words that count the work a figure follows (`after run 2`, `at iteration 10`). */
const FIGURE_COUNTER_WORDS = new Set([
  'run',
  'iteration',
  'iter',
  'round',
  'step',
  'batch',
  'cycle',
  'epoch',
  'loop',
  'pass',
  'trial',
  'repetition',
  'rep'
])
/** When a figure was read, after its name: `memory usage before: 435808`, `rss after = 12 MB`. */
const QUALIFIED_FIGURE_RE =
  /\b(before|after)(\s*[=:]\s*)(\d+(?:,\d{3})*(?:\.\d+)?)(\s?(?:[KMGT]i?B|kB|[kmgt]i?b)\b)?/g
/** Up to five words ending just before the counter: the figure's name (`Memory allocated after`). */
const PHRASE_BEFORE_RE = /((?:[A-Za-z][\w-]* ){1,5})$/
/**
 * Characters before the counter the name is looked for in: a `$`-anchored
 * pattern is tried from every position of what it is given, so a long word
 * before a figure would cost the line's length at every figure of the line.
 */
const PHRASE_SPAN = 120
/** Words that join a figure's name to its counter, left out of the name. */
const PREPOSITIONS = new Set([
  'after',
  'at',
  'of',
  'for',
  'in',
  'on',
  'per',
  'by',
  'from',
  'during'
])
/** A word that says a figure is memory. */
const MEMORY_WORD_RE = /^(?:memory|mem|heap|rss|resident|allocated|alloc|allocations?|traced)$/i
/** A line that starts with a bare counter before its figures (`630000 rss=109.49MB ...`). */
const LEADING_COUNT_RE = /^\s*(\d+)\s+(?=[A-Za-z_])/
/**
 * Epoch seconds or milliseconds from 2001 on (10 or 13 digits, `date +%s`, `Date.now()`): a
 * leading number so is the line's time, not a counter.
 */
function isEpochNumber(digits: string): boolean {
  const value = Number(digits)
  return (digits.length === 10 && value >= 1e9) || (digits.length === 13 && value >= 1e12)
}

/** A captured number: digits, maybe grouped by commas (`1,250`), maybe a fraction; never a trailing comma. */
const NUMBER = '\\d+(?:,\\d{3})*(?:\\.\\d+)?'
/** The text before a name ends with a value: the line writes values before their names. */
const VALUE_BEFORE_RE = /\d\s?(?:[KMGT]i?B|kB|B)?\s$/
/** Lines of the head the suggested pattern must match, so it reads a recurring line shape. */
const MIN_MATCHES = 2

/** A suggested `series:` entry for a log: its pattern, and the work group when there is one. */
export interface LogSuggestion {
  /** The head line the pattern was built from. */
  line: string
  pattern: string
  /** The group counting the work done (`requests`, a leading counter named `count`). */
  work?: string
  /** The group holding the time, when the lines carry an ISO time. */
  time?: string
  /** Head lines the pattern matches. */
  matches: number
  /** The unit of the plain numbers (`KiB` for `ps`' columns), when the log's own shape says it. */
  unit?: string
  /** The unit of a numeric time group (`s` for Go's `@12.5s`). */
  timeUnit?: string
  /** Kinds of groups whose names alone would not say them. */
  metrics?: Record<string, 'memory'>
  /** The group naming the process of each line, when the lines interleave several (one series each). */
  group?: string
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Runs of two or more spaces: padding that changes with the width of the numbers around it. */
const PADDING_RE = / {2,}/g

/** Text as written, with its padding free (`=     825.01` and `=    1255.43` read alike). */
const paddingFree = (text: string): string => escapeRegExp(text).replace(PADDING_RE, ' +')

/** The text as a pattern with each run of digits free (`Batch 1/24 -` → `Batch \d+/\d+ -`). */
const digitsFree = (text: string): string =>
  text
    .split(/(\d+)/)
    .map((part, i) => (i % 2 === 1 ? '\\d+' : paddingFree(part)))
    .join('')

/** A group name JavaScript accepts, unique among `taken`. */
function groupName(name: string, taken: Set<string>): string {
  const base = name.replace(/[^\w$]/g, '_').replace(/^(\d)/, '_$1')
  let unique = base
  for (let n = 2; taken.has(unique); n++) unique = `${base}_${n}`
  taken.add(unique)
  return unique
}

/** A number followed by the work it counts: `after 1,250 fetch() requests`, `Total: 450/3600 requests`. */
const COUNTED_RE = /(\d+(?:,\d{3})*)((?:\/\d+)?\s+(?:[\w.]+\(\)\s+)?)([A-Za-z]+)\b/g
/** A bracketed tag naming who wrote the line (`[MetricsSubprocess]`): kept, so interleaved writers stay apart. */
const TAG_RE = /\[[A-Za-z][^\]]*\]/

/** One part of a suggested pattern: its place in the line (`at` to `end`) and what reads it. */
interface Part {
  at: number
  end: number
  source: string
  /** A memory figure (not the time or the work). */
  memory?: boolean
  /** A memory figure's group. */
  group?: string
  /** A memory figure written with no unit: only its name tells the loader it is memory. */
  plain?: boolean
  /** A memory figure whose name (`total`) the loader would not read as memory, its unit aside. */
  unnamedKind?: boolean
}

/**
 * A name an offered pattern reads as memory: the column-name rules' memory names, and
 * getrusage's `max rss` printed by a loop (offered, the user choosing to judge a peak; a column
 * so named is not judged unasked).
 */
function offeredMemory(name: string): boolean {
  return (
    kindFromName(name) === 'memory' ||
    /^max[ _]?rss$/i.test(name) ||
    // Windows' private bytes as a test prints them (`Private Memory: 15.2MB`)
    /^private[ _]?(?:memory|working[ _]?set)$/i.test(name) ||
    // a free heap (`FreeRAM: 40144`): memory left, judged as memory used (analyze/memory-left.ts)
    memoryLeftName(name)
  )
}

/** A size per unit of time right after a figure (`12 MB/s`): a rate, no memory held. */
const RATE_AFTER_RE = /^\/(?:s|sec|second|min|minute|h|hour)\b/i
/**
 * A word saying the figure after it is a running high (`Peak Heap: 14MB`): not the memory held
 * now, and never read under the plain name (`Heap_2`); offered, named so, only when the line
 * holds no other memory figure (`peak mem: 13.677 MiB`).
 */
const PEAK_BEFORE_RE = /\b(peak|max|maximum|highest|high)([\s_-]+)$/i
/** What may follow a size named by no word (`* Loop 1: 2.7 MB`): the line's end or a parenthesis, not `read`. */
const UNNAMED_END_RE = /^\s*(?:[.,;]\s*)?(?:\(|$)/

/** A counter of work named before its value (`Count: 250`, `loops=40`): the work when nothing else counts it. */
const NAMED_COUNT_RE = /^(?:count|loops?|calls|queries|iterations?)$/i

/** Lines longer than this are no log line of figures to build a pattern from. */
const MAX_LINE = 2000
/** Text between two figures a suggested pattern keeps, at most (characters). */
const MAX_GAP = 60
/** Figures read by one suggested pattern, at most. */
const MAX_PARTS = 32

/** The pattern built from one line, or undefined when the line holds no memory figure. */
function patternOf(
  line: string
): (Omit<LogSuggestion, 'matches'> & { memory: number }) | undefined {
  const taken = new Set<string>()
  const parts: Part[] = []
  let work: string | undefined
  let time: string | undefined
  let memory = 0
  let firstFigure = Infinity
  if (line.length > MAX_LINE) return undefined
  const leading = LEADING_COUNT_RE.exec(line)
  if (leading && isEpochNumber(leading[1])) {
    // `date +%s` before the figures: the time, not a count of work
    time = groupName('time', taken)
    parts.push({ at: 0, end: leading[0].length, source: `^\\s*(?<${time}>\\d+)\\s+` })
  } else if (leading) {
    work = groupName('count', taken)
    parts.push({ at: 0, end: leading[0].length, source: `^\\s*(?<${work}>\\d+)\\s+` })
  }
  const peaks: {
    at: number
    end: number
    name: string
    source: string
    value: string
    plain: boolean
  }[] = []
  for (const pair of line.matchAll(PAIR_RE)) {
    const [, before, last, separator, , unit] = pair
    const twoWords = before !== undefined && offeredMemory(`${before} ${last}`)
    const name = twoWords ? `${before} ${last}` : last
    const at = twoWords || before === undefined ? pair.index : pair.index + before.length + 1
    // `45.59MB RSS 0.71MB Heap` writes the value before its name: `RSS 0.71MB` is no pair
    // (its match is 6 characters at most: the slice keeps the test short on a long line)
    if (separator === ' ' && VALUE_BEFORE_RE.test(line.slice(Math.max(0, at - 8), at))) continue
    if (!offeredMemory(name) || parts.length >= MAX_PARTS) continue
    const after = line.slice(pair.index + pair[0].length)
    // `rss: 12 MB/s` is a rate
    if (RATE_AFTER_RE.test(after)) continue
    if (OVER_TOTAL_RE.test(after) || NAMED_AFTER_RE.test(after)) continue
    const peak = PEAK_BEFORE_RE.exec(line.slice(Math.max(0, at - 12), at))
    if (peak) {
      const value = `${NUMBER}${unit === undefined ? '' : paddingFree(unit)}`
      peaks.push({
        at: at - peak[0].length,
        end: pair.index + pair[0].length,
        name: `${peak[1]}_${name}`,
        source: `\\b${escapeRegExp(peak[1])}${paddingFree(peak[2])}${escapeRegExp(name)}${paddingFree(separator)}`,
        value,
        plain: unit === undefined
      })
      continue
    }
    const group = groupName(name, taken)
    memory++
    firstFigure = Math.min(firstFigure, at)
    const value = `${NUMBER}${unit === undefined ? '' : paddingFree(unit)}`
    parts.push({
      at,
      end: pair.index + pair[0].length,
      source: `\\b${escapeRegExp(name)}${paddingFree(separator)}(?<${group}>${value})`,
      memory: true,
      group,
      plain: unit === undefined
    })
  }
  // `825.01 MB (highwater)  83.84 MB (usage)`: a value with its unit, then its name in parentheses
  for (const named of line.matchAll(VALUE_NAMED_RE)) {
    const [, , unit, between, name] = named
    // named by a word that says what it is, and memory by its unit (`(highwater)`, `(usage)`)
    if (parts.length >= MAX_PARTS) continue
    const group = groupName(name, taken)
    memory++
    firstFigure = Math.min(firstFigure, named.index)
    parts.push({
      at: named.index,
      end: named.index + named[0].length,
      source: `(?<${group}>${NUMBER}${paddingFree(unit)})${paddingFree(between)}\\(${escapeRegExp(name)}\\)`,
      memory: true,
      group
    })
  }
  // `45.59MB RSS 0.71MB Heap`, `16 MB total`: values written before their names, read only on a
  // line that names none of its figures before them (else a word after a value may be the next
  // figure's name: `rss 12 MB heap 40 MB`)
  if (memory === 0)
    for (const named of line.matchAll(VALUE_THEN_NAME_RE)) {
      const [, , unit, between, name] = named
      if (!(offeredMemory(name) || AFTER_VALUE_NAMES.test(name)) || parts.length >= MAX_PARTS)
        continue
      if (RATE_AFTER_RE.test(line.slice(named.index + named[1].length + unit.length))) continue
      const end = named.index + named[0].length
      if (parts.some((part) => part.end > named.index && part.at < end)) continue
      const group = groupName(name, taken)
      memory++
      firstFigure = Math.min(firstFigure, named.index)
      parts.push({
        at: named.index,
        end,
        source: `(?<${group}>${NUMBER}${paddingFree(unit)})${paddingFree(between)}${escapeRegExp(name)}\\b`,
        memory: true,
        group,
        unnamedKind: true
      })
    }
  // `Memory allocated after run 2: 8.88 MB` (a tracemalloc loop): a figure named before the
  // counter of the work it follows; the counter is the work
  // `Average memory usage after 2000: 12.91 MB` counts the work with no word for it (`after N`);
  // `* Loop 1: 2.7 MB` names no figure, a size after a counter of runs being what it measures
  for (const counted of line.matchAll(COUNTED_FIGURE_RE)) {
    const [, counter, , separator, , unit] = counted
    const afterCount = counter.toLowerCase() === 'after'
    if (
      (!afterCount && !FIGURE_COUNTER_WORDS.has(counter.toLowerCase())) ||
      parts.length >= MAX_PARTS
    )
      continue
    const phrase = phraseBefore(line, counted.index)
    const words = phrase?.text.trim().split(' ') ?? []
    while (words.length > 1 && PREPOSITIONS.has(words[words.length - 1].toLowerCase())) words.pop()
    const named = words.some((word) => MEMORY_WORD_RE.test(word))
    // unnamed: only a counter of runs that starts the line's words (nothing else to name it)
    if (!named && (afterCount || !/^[^A-Za-z]*$/.test(line.slice(0, counted.index)))) continue
    const at = named ? phrase!.at : counted.index
    if (parts.some((part) => part.end > at && part.at < counted.index + counted[0].length)) continue
    // a rate (`12 MB/s`) is no memory held; a size no word names must end the line (`120 MB read` is data)
    const rest = line.slice(counted.index + counted[0].length)
    if (RATE_AFTER_RE.test(rest) || (!named && !UNNAMED_END_RE.test(rest))) continue
    const group = groupName(named ? words.join('_') : 'memory', taken)
    const counterGroup =
      work === undefined
        ? groupName(afterCount ? 'count' : counter.toLowerCase(), taken)
        : undefined
    if (counterGroup !== undefined) work = counterGroup
    memory++
    firstFigure = Math.min(firstFigure, at)
    parts.push({
      at,
      end: counted.index + counted[0].length,
      source: `${paddingFree(line.slice(at, counted.index + counter.length + 1))}${
        counterGroup === undefined ? '\\d+' : `(?<${counterGroup}>\\d+)`
      }${paddingFree(separator)}(?<${group}>${NUMBER}${paddingFree(unit)})`,
      memory: true,
      group
    })
  }
  // `memory usage before: 435808` / `memory usage after:  442808`: a memory phrase, then when
  for (const qualified of line.matchAll(QUALIFIED_FIGURE_RE)) {
    const [, when, separator, , unit] = qualified
    if (parts.length >= MAX_PARTS) continue
    const phrase = phraseBefore(line, qualified.index)
    if (phrase === undefined) continue
    const words = phrase.text.trim().split(' ').slice(-3)
    if (!words.some((word) => MEMORY_WORD_RE.test(word))) continue
    // plain numbers are memory only by their name (`total allocations before: 100` counts); no rate
    if (unit === undefined && !offeredMemory(words.join('_'))) continue
    if (RATE_AFTER_RE.test(line.slice(qualified.index + qualified[0].length))) continue
    const at = qualified.index - phrase.text.trimEnd().split(' ').slice(-3).join(' ').length - 1
    if (parts.some((part) => part.end > at && part.at < qualified.index + qualified[0].length))
      continue
    const group = groupName([...words, when].join('_'), taken)
    memory++
    firstFigure = Math.min(firstFigure, at)
    parts.push({
      at,
      end: qualified.index + qualified[0].length,
      source: `${paddingFree(line.slice(at, qualified.index))}${escapeRegExp(when)}${paddingFree(separator)}(?<${group}>${NUMBER}${unit === undefined ? '' : paddingFree(unit)})`,
      memory: true,
      group,
      plain: unit === undefined
    })
  }
  // a running high alone on its line is what the line measures: offered under its own name
  if (memory === 0)
    for (const peak of peaks) {
      if (parts.length >= MAX_PARTS) break
      if (parts.some((part) => part.end > peak.at && part.at < peak.end)) continue
      const group = groupName(peak.name, taken)
      memory++
      firstFigure = Math.min(firstFigure, peak.at)
      parts.push({
        at: peak.at,
        end: peak.end,
        source: `${peak.source}(?<${group}>${peak.value})`,
        memory: true,
        group,
        plain: peak.plain
      })
    }
  if (memory === 0) return undefined
  if (work === undefined)
    for (const pair of line.matchAll(PAIR_RE)) {
      const [, before, name, separator, , unit] = pair
      if (unit !== undefined || separator.trim() === '') continue
      if (!NAMED_COUNT_RE.test(name) && !isWorkCounterName(name)) continue
      const at = before === undefined ? pair.index : pair.index + before.length + 1
      const end = pair.index + pair[0].length
      if (parts.some((part) => part.end > at && part.at < end)) continue
      work = groupName(name.toLowerCase(), taken)
      parts.push({
        at,
        end,
        source: `\\b${escapeRegExp(name)}${paddingFree(separator)}(?<${work}>\\d+)`
      })
      break
    }
  if (work === undefined)
    for (const counted of line.matchAll(COUNTED_RE)) {
      const [, , between, word] = counted
      if (!isWorkCounterName(word)) continue
      work = groupName(word, taken)
      parts.push({
        at: counted.index,
        end: counted.index + counted[0].length,
        source: `(?<${work}>${NUMBER})${digitsFree(between)}${escapeRegExp(word)}`
      })
      break
    }
  let prefixFrom = 0
  for (const [form, source] of TIMES) {
    const clock = form.exec(line)
    if (clock === null || clock.index > firstFigure) continue
    time = groupName('time', taken)
    parts.push({
      at: clock.index,
      end: clock.index + clock[0].length,
      source: `(?<${time}>${source})`
    })
    prefixFrom = clock.index + clock[0].length
    break
  }
  parts.sort((a, b) => a.at - b.at)
  // the text between the figures as written, digits free: a template of the line, no `.*?`
  // (one lazy gap per figure backtracks badly on a long line that almost matches)
  const kept = parts.filter((part, i) => i === 0 || part.at >= parts[i - 1].end)
  let pattern = ''
  const head = line.slice(prefixFrom, kept[0].at)
  const tag = kept[0].at === firstFigure ? TAG_RE.exec(head) : null
  // `[MetricsSubprocess] Memory: heap=…`: the writer's tag starts the pattern
  if (tag && head.length - tag.index <= MAX_GAP) pattern += digitsFree(head.slice(tag.index))
  // the figures up to the first long stretch of other text (`pfullmem(rss=…, vms=…, shared=…,
  // text=…, lib=…, data=…, dirty=…, uss=…)`: rss and vms): the message quotes the pattern, and
  // a figure far from the one before is read by a template of the text between, kept short
  let read = 0
  let figures = 0
  const memoryGroups: string[] = []
  let unnamed = false
  for (const [i, part] of kept.entries()) {
    const gap = i > 0 ? line.slice(kept[i - 1].end, part.at) : ''
    // a time far before the figures (`2022-11-08 11:34:22 - Sent … Client request count: 412`)
    // is left out when a counter of work places them (else the figures would lose their axis)
    const timeFar =
      gap.length > MAX_GAP &&
      i === 1 &&
      time !== undefined &&
      work !== undefined &&
      kept[0].source.startsWith(`(?<${time}>`)
    if (timeFar) time = undefined
    else if (gap.length > MAX_GAP) break
    pattern = timeFar ? part.source : pattern + digitsFree(gap) + part.source
    read++
    if (part.memory) figures++
    if (part.group !== undefined) memoryGroups.push(part.group)
    // plain numbers under a name the loader reads as no memory (`memory_usage_before`,
    // `Private_Memory`) would be judged as counts once pasted: the entry names them memory
    if (
      (part.plain || part.unnamedKind) &&
      part.group !== undefined &&
      kindFromName(part.group) !== 'memory'
    )
      unnamed = true
  }
  const dropped = kept.slice(read)
  // the time or the work left behind would leave the figures unplaced: no offer
  if (figures === 0 || dropped.some((part) => !part.memory)) return undefined
  // no control characters in a quoted pattern
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(pattern)) return undefined
  const metrics = unnamed
    ? Object.fromEntries(memoryGroups.map((group): [string, 'memory'] => [group, 'memory']))
    : undefined
  return { line, pattern, work, time, memory: figures, ...(metrics ? { metrics } : {}) }
}

/**
 * The line shape of the head with the most memory figures whose pattern
 * also reads at least one more line of it; undefined when no line names a memory figure
 * (`rss`, `heapUsed`, `Heap`, `HeapAlloc` … by the column-name rules).
 */
export function suggestLogPattern(lines: readonly string[]): LogSuggestion | undefined {
  const tool = gctraceSuggestion(lines) ?? psRowsSuggestion(lines) ?? psUserRowsSuggestion(lines)
  if (tool !== undefined) return tool
  const tried = new Set<string>()
  let best: (LogSuggestion & { memory: number }) | undefined
  for (const line of lines) {
    const built = patternOf(line)
    if (built === undefined || tried.has(built.pattern)) continue
    tried.add(built.pattern)
    let regex: RegExp
    try {
      regex = new RegExp(built.pattern)
    } catch {
      continue
    }
    const matches = lines.filter((other) => regex.test(other)).length
    // the line shape with the most figures wins (a batch line over a one-figure summary line)
    if (
      matches >= MIN_MATCHES &&
      (best === undefined ||
        built.memory > best.memory ||
        (built.memory === best.memory && matches > best.matches))
    )
      best = { ...built, matches }
  }
  if (best === undefined) return undefined
  return withPlainUnit(
    withCumulativeWork(
      {
        line: best.line,
        pattern: best.pattern,
        work: best.work,
        time: best.time,
        matches: best.matches,
        ...(best.metrics ? { metrics: best.metrics } : {})
      },
      lines
    ),
    lines
  )
}

/** A plain number: no unit after it. */
const PLAIN_NUMBER_RE = /^\d+(?:,\d{3})*(?:\.\d+)?$/

/**
 * The suggestion with the `unit:` its plain memory numbers can only be in,
 * when they are all under 64 KiB (no process fits that in bytes) and their
 * size says which: KiB from 16,384 up (`rss: 23404` from `ps`: 23 MiB), MiB
 * from 4 to 1,023 (`Memory usage: 59`); between the two either could be, and
 * the loader's warning says so once the entry is pasted.
 */
function withPlainUnit(suggestion: LogSuggestion, lines: readonly string[]): LogSuggestion {
  if (suggestion.unit !== undefined) return suggestion
  const regex = new RegExp(suggestion.pattern)
  const other = new Set([suggestion.work, suggestion.time, suggestion.group])
  let max = -Infinity
  for (const line of lines) {
    const groups = regex.exec(line)?.groups
    if (groups === undefined) continue
    for (const [name, cell] of Object.entries(groups)) {
      if (other.has(name) || cell === undefined) continue
      // a group with its unit in it is read in that unit; a free heap is a runtime's count of bytes
      if (!PLAIN_NUMBER_RE.test(cell) || memoryLeftName(name)) return suggestion
      max = Math.max(max, Number(cell.replace(/,/g, '')))
    }
  }
  if (max >= 16384 && max < 65536) return { ...suggestion, unit: 'KiB' }
  if (max >= 4 && max < 1024) return { ...suggestion, unit: 'MiB' }
  return suggestion
}

/**
 * The suggestion without its work group when that number goes down between
 * the head's lines: work done only grows, and a leading number that falls is
 * something else (`sort | uniq -c`'s repeat counts, a row number per block);
 * it is matched, not captured, and the lines are read in file order.
 */
function withCumulativeWork(suggestion: LogSuggestion, lines: readonly string[]): LogSuggestion {
  const work = suggestion.work
  if (work === undefined) return suggestion
  const regex = new RegExp(suggestion.pattern)
  let last = -Infinity
  for (const line of lines) {
    const cell = regex.exec(line)?.groups?.[work]
    if (cell === undefined) continue
    const value = Number(cell.replace(/,/g, ''))
    if (value < last) {
      const { work: _dropped, ...rest } = suggestion
      return { ...rest, pattern: suggestion.pattern.replace(`(?<${work}>`, '(?:') }
    }
    last = value
  }
  return suggestion
}

/**
 * Go's `GODEBUG=gctrace=1` line: `gc 12 @3.104s 2%: … ms clock, … ms cpu,
 * 4->4->1 MB, 5 MB goal, …` (the heap at the collection's start, at its end,
 * and the live heap it marked; Go's MB is MiB).
 */
const GCTRACE_RE =
  /(?:^|[\s:\]])gc \d+ @\d+(?:\.\d+)?s \d+%: [\d.+/]+ ms clock, [\d.+/]+ ms cpu, \d+->\d+->\d+ MB, \d+ MB goal\b/
/**
 * What the offer reads of a gctrace line: the time since the start, and the
 * live heap. Not anchored to the line's start: journald or a container runtime
 * may write a time and a tag before it.
 */
const GCTRACE_PATTERN =
  '\\bgc \\d+ @(?<t>[\\d.]+)s \\d+%: [\\d.+/]+ ms clock, [\\d.+/]+ ms cpu, \\d+->\\d+->(?<live_heap>\\d+) MB, \\d+ MB goal'

/**
 * An offer for Go's gctrace lines: the live heap after each collection (the
 * heap before it is garbage not yet collected: a sawtooth, never a leak by
 * itself), by the seconds since the program started.
 */
function gctraceSuggestion(lines: readonly string[]): LogSuggestion | undefined {
  const traced = lines.filter((line) => line.length <= MAX_LINE && GCTRACE_RE.test(line))
  if (traced.length < MIN_MATCHES) return undefined
  return {
    line: traced[0],
    pattern: GCTRACE_PATTERN,
    time: 't',
    timeUnit: 's',
    unit: 'MiB',
    metrics: { live_heap: 'memory' },
    matches: traced.length
  }
}

/** `ps -eo pid,rss,time,args` (or `ps -o rss,vsz -p PID`, `ps axo …`) in the command a paste shows. */
const PS_COMMAND_RE = /\bps\s+(?:-[A-Za-z]+\s+)*?(?:-[A-Za-z]*o|[a-z]*o)\s*([a-z%,=]+)(?=\s|\||$)/
/** `ps` fields whose numbers are KiB of the process's memory. */
const PS_MEMORY_FIELDS = new Set(['rss', 'rsz', 'vsz', 'vsize', 'size', 'drs', 'trs'])
/** What each `ps` field's cell looks like in a row (the last field may hold spaces). */
const PS_CELLS: Readonly<Record<string, string>> = {
  pid: '\\d+',
  ppid: '\\d+',
  time: '[\\d:.-]+',
  cputime: '[\\d:.-]+',
  etime: '[\\d:.-]+',
  '%cpu': '[\\d.]+',
  '%mem': '[\\d.]+',
  pcpu: '[\\d.]+',
  pmem: '[\\d.]+',
  nlwp: '\\d+'
}
/** `ps` fields that name the command: the rest of the row. */
const PS_COMMAND_FIELDS = new Set(['args', 'cmd', 'command', 'comm', 'ucomm'])

/**
 * An offer for `ps` rows printed with no header (`ps -eo pid,rss,time,args
 * | grep app` in a loop) when the paste shows the command that printed them:
 * its `-o` list says which column is which; RSS and VSZ are KiB. Without the
 * command nothing says the second number is RSS: no offer.
 */
function psRowsSuggestion(lines: readonly string[]): LogSuggestion | undefined {
  const command = lines.find((line) => line.length <= MAX_LINE && PS_COMMAND_RE.test(line))
  if (command === undefined) return undefined
  const fields = PS_COMMAND_RE.exec(command)![1]
    .split(',')
    .map((field) => field.replace(/=.*$/, '').toLowerCase())
    .filter((field) => field !== '')
  if (!fields.some((field) => PS_MEMORY_FIELDS.has(field)) || fields.length > MAX_PARTS)
    return undefined
  const parts: string[] = []
  for (const [i, field] of fields.entries()) {
    if (PS_COMMAND_FIELDS.has(field)) {
      if (i !== fields.length - 1) return undefined // the command's spaces would shift the columns after it
      break
    }
    const cell = PS_MEMORY_FIELDS.has(field)
      ? `(?<${field}>\\d+)`
      : field === 'pid'
        ? '(?<pid>\\d+)'
        : PS_CELLS[field]
    if (cell === undefined) return undefined
    parts.push(cell)
  }
  const pattern = `^\\s*${parts.join(' +')}(?: |$)`
  let regex: RegExp
  try {
    regex = new RegExp(pattern)
  } catch {
    return undefined // a field listed twice: two groups of one name
  }
  const rows = lines.filter((line) => line !== command && regex.test(line))
  if (rows.length < MIN_MATCHES) return undefined
  // several processes in one loop (`grep worker` keeping each worker): one series per pid, not
  // one series restarting at every line
  const pids = new Set(rows.map((row) => regex.exec(row)?.groups?.pid))
  const group = pids.size > 1 && !pids.has(undefined) ? 'pid' : undefined
  return { line: rows[0], pattern, unit: 'KiB', matches: rows.length, ...(group ? { group } : {}) }
}

/**
 * A `ps aux` / `ps u` row (BSD user format, Linux and macOS alike): USER PID
 * %CPU %MEM VSZ RSS TT STAT STARTED TIME COMMAND, VSZ and RSS in KiB
 * (`dirkjan  39437   0.2  7.3  2766016 307360 s005  S+   10:41pm   3:43.30 rbx …`).
 * Each `\\S+ +` is a cell then its padding: one way to match, no backtracking.
 */
const PS_USER_ROW_RE = /^\S+ +(\d+) +\d+\.\d +\d+\.\d +(\d+) +(\d+) +\S+ +\S+ +\S+ +[\d:.-]+ +\S/
const PS_USER_PATTERN =
  '^\\S+ +(?<pid>\\d+) +[\\d.]+ +[\\d.]+ +(?<vsz>\\d+) +(?<rss>\\d+) +\\S+ +\\S+ +\\S+ +[\\d:.-]+ '

/**
 * An offer for `ps aux` rows kept by a `grep` without their header: the
 * layout is fixed (the user format), so VSZ and RSS are the 5th and 6th cells,
 * in KiB; several pids get one series each.
 */
function psUserRowsSuggestion(lines: readonly string[]): LogSuggestion | undefined {
  const rows = lines.filter((line) => line.length <= MAX_LINE && PS_USER_ROW_RE.test(line))
  if (rows.length < MIN_MATCHES) return undefined
  const pids = new Set(rows.map((row) => PS_USER_ROW_RE.exec(row)![1]))
  return {
    line: rows[0],
    pattern: PS_USER_PATTERN,
    unit: 'KiB',
    matches: rows.length,
    ...(pids.size > 1 ? { group: 'pid' } : {})
  }
}

/**
 * The suggestion as a `series:` entry in YAML's flow form, one line:
 * `{file: app.log, pattern: '…', work: count}` (a `'` in the pattern doubled).
 */
export function suggestionYaml(file: string, suggestion: LogSuggestion): string {
  const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`
  const fields = [`file: ${quote(file)}`, `pattern: ${quote(suggestion.pattern)}`]
  if (suggestion.time !== undefined) fields.push(`time: ${suggestion.time}`)
  if (suggestion.timeUnit !== undefined) fields.push(`time-unit: ${suggestion.timeUnit}`)
  if (suggestion.work !== undefined) fields.push(`work: ${suggestion.work}`)
  if (suggestion.unit !== undefined) fields.push(`unit: ${suggestion.unit}`)
  if (suggestion.group !== undefined) fields.push(`group: ${suggestion.group}`)
  if (suggestion.metrics !== undefined)
    fields.push(
      `metrics: {${Object.entries(suggestion.metrics)
        .map(([group, kind]) => `${group}: ${kind}`)
        .join(', ')}}`
    )
  return `{${fields.join(', ')}}`
}

/** `{ rss: 9076736, heapUsed: 2052352 }` or `  heapUsed: '26.46 MB',`: a memory key unquoted before its value. */
const INSPECTED_PAIR_RE = /^\s*\{?\s*([A-Za-z_$][\w$]*): (?:'[^']*'|-?\d[\d.e+]*)(?:,|\s*\}|$)/

/**
 * True when the head prints JavaScript objects as Node's `console.log` does
 * (util.inspect: keys unquoted, strings in single quotes) with memory keys:
 * not JSON, though it starts like it.
 */
export function inspectedObjects(lines: readonly string[]): boolean {
  return lines.some((line) => {
    const pair = INSPECTED_PAIR_RE.exec(line)
    return pair !== null && kindFromName(pair[1]) === 'memory'
  })
}

/**
 * The words a figure's name is read from, ending at `end`: {@link PHRASE_BEFORE_RE}
 * on the last {@link PHRASE_SPAN} characters, from a word's start (a word the
 * span cuts is left out), with where they start in the line.
 */
function phraseBefore(line: string, end: number): { text: string; at: number } | undefined {
  let from = Math.max(0, end - PHRASE_SPAN)
  if (from > 0 && /[\w-]/.test(line[from - 1])) {
    const space = line.indexOf(' ', from)
    if (space < 0 || space >= end) return undefined
    from = space + 1
  }
  const phrase = PHRASE_BEFORE_RE.exec(line.slice(from, end))
  return phrase === null ? undefined : { text: phrase[1], at: from + phrase.index }
}

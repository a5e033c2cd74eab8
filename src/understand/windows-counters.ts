/**
 * Windows performance counter paths as typeperf, perfmon and PowerShell's
 * `Get-Counter` head their columns: `\\HOST\Process(node)\Working Set`,
 * `\\HOST\.NET CLR Memory(app)\# Bytes in all Heaps`, `\Memory\Available MBytes`.
 * Which of them are a process's memory, judged, and which are not, with why.
 * Pure.
 */

/** The parts of a counter path, lower-cased: object, instance (`''` when none), counter. */
export interface CounterPath {
  object: string
  instance: string
  counter: string
}

/**
 * `\\HOST\Object(Instance)\Counter`, the host optional. Each part bounded and free of
 * backslashes, so a hostile header costs at most a few hundred steps.
 */
const COUNTER_PATH_RE =
  /^(?:\\\\[^\\]{1,255})?\\([^\\()]{1,255}?)(?:\(([^\\]{0,255})\))?\\([^\\]{1,255})$/

/** The parts of a counter path, or undefined for any other name. */
export function parseCounterPath(name: string): CounterPath | undefined {
  const match = COUNTER_PATH_RE.exec(name.trim())
  if (!match) return undefined
  return {
    object: match[1].trim().toLowerCase(),
    instance: (match[2] ?? '').trim().toLowerCase(),
    counter: match[3].trim().toLowerCase()
  }
}

/** How a counter is read: a process's memory (judged), or not judged and why. */
export type CounterReading = { judged: true } | { judged: false; why: string }

/** A process's sizes: what it holds resident (working set) or has committed (private bytes). */
const PROCESS_MEMORY = new Set([
  'working set',
  'working set - private',
  'private bytes',
  'page file bytes'
])

/** The managed heap's sizes (`.NET CLR Memory`): the live heap and its older generations. */
const CLR_MEMORY = new Set([
  '# bytes in all heaps',
  'gen 1 heap size',
  'gen 2 heap size',
  'large object heap size',
  '# total committed bytes'
])

const HOST_WIDE = "a host-wide counter: the machine's figure, not the process's"
const ALL_INSTANCES = 'the sum over every process (`_Total`, `_Global_`), not one process'
const ADDRESS_SPACE = 'address space reserved, far beyond what is in use'
const NO_SIZE =
  "no size the process holds (a rate, a count of collections, the next collection's budget, a peak, a kernel pool)"

/**
 * How a counter path is read, or undefined for a name that is no counter path.
 * Only `Process` and `.NET CLR Memory` objects describe one process; `Memory`,
 * `Paging File`, `Processor` and the rest describe the machine. Of a process,
 * its working set and private bytes are judged, and of the managed heap the
 * bytes in all heaps and the older generations (`Gen 0 heap size` is the
 * allocation budget of the next collection, not bytes kept).
 */
export function windowsCounterReading(name: string): CounterReading | undefined {
  const path = parseCounterPath(name)
  if (path === undefined) return undefined
  const { object, instance, counter } = path
  const clr = object === '.net clr memory'
  if (object !== 'process' && object !== 'process v2' && !clr)
    return { judged: false, why: HOST_WIDE }
  if (instance === '_total' || instance === '_global_') return { judged: false, why: ALL_INSTANCES }
  if (clr ? CLR_MEMORY.has(counter) : PROCESS_MEMORY.has(counter)) return { judged: true }
  if (counter === 'virtual bytes' || counter === '# total reserved bytes')
    return { judged: false, why: ADDRESS_SPACE }
  // a process's other counters (handles, threads, CPU) are read by their names as any column's
  return clr || /bytes|peak/.test(counter) ? { judged: false, why: NO_SIZE } : undefined
}

/**
 * The notes saying which counter paths were not judged and why, one per reason:
 * `"\\H\Memory\Available MBytes" not judged: a host-wide counter: …`.
 */
export function unheldCounterNotes(names: readonly string[]): string[] {
  const byWhy = new Map<string, string[]>()
  for (const name of names) {
    const reading = windowsCounterReading(name)
    if (reading === undefined || reading.judged) continue
    byWhy.set(reading.why, [...(byWhy.get(reading.why) ?? []), name])
  }
  return [...byWhy].map(
    ([why, listed]) =>
      `${listed.map((name) => `"${name}"`).join(', ')} not judged: ${why} (name ${listed.length === 1 ? 'it' : 'them'} under \`metrics:\` to analyse ${listed.length === 1 ? 'it' : 'them'})`
  )
}

/**
 * What a column, key or metric name means: the one home of every rule that
 * reads meaning from a name. Zero-config detection (`plan/detect.ts`), the
 * row loader (`load/table.ts`), the docker-stats loader, the snapshot
 * comparison and the report's ordering all ask here, so a file reads the
 * same with no config as with a config that only names it (a CSV
 * `elapsed,rss` used to lose its time axis once a config named the file,
 * and Go's `HeapAlloc` snapshots were compared only without a config).
 *
 * Pure and cheap: the loaders consult these rules once per header, never per
 * row, so the byte loops keep their speed.
 */
import type { MetricKind } from '../model.js'
import { windowsCounterReading } from './windows-counters.js'

/** Lower case, letters and digits only: `Heap_Used` → `heapused`, `@timestamp` → `timestamp`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** Lower case, `_ . - /` and blanks as single spaces: `Total_Request.Count` → `total request count`. */
function words(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_.\-/]+/g, ' ')
    .trim()
}

/**
 * Names (normalised) that hold a process's memory in bytes:
 * `process.memoryUsage()`, Go `runtime.MemStats` / expvar, psutil
 * `memory_info` / `memory_full_info`, V8 heap statistics, cgroup `memory.current`,
 * PowerShell's `Get-Process` sizes (`WorkingSet64`, `PrivateMemorySize64`),
 * and the generic `memory` / `mem` / `heap` / `used_memory` of home-made loggers.
 */
const MEMORY_NAMES = new Set([
  'rss',
  'heap',
  'heapused',
  'heaptotal',
  'external',
  'arraybuffers',
  'memusage',
  'memory',
  'mem',
  'memoryusage',
  'usedmemory',
  'heapinuse',
  'heapalloc',
  'heapsys',
  'vms',
  'vsz',
  'uss',
  'pss',
  'anon',
  'workingset',
  'usedheapsize',
  'totalheapsize',
  'mallocedmemory',
  // a browser's JS heap: performance.memory (Chrome), Puppeteer's page.metrics()
  'usedjsheapsize',
  'totaljsheapsize',
  'jsheapusedsize',
  'jsheaptotalsize',
  // Python's tracemalloc.get_traced_memory()[0], as loops record it (its peak is a high-water mark)
  'traced',
  'tracedcurrent',
  'tracedmemory',
  'tracemalloc',
  'tracemalloccurrent',
  'memorycurrent',
  // `Resident size: 6.0MB`, Go's MemStats printed by field (getrusage's `maxrss`, a peak that never
  // falls, is no column judged unasked: a sawtooth's taller peaks would read as a rising floor)
  'resident',
  'residentsize',
  'residentsetsize',
  // top's RES column (its resident size; VIRT and SHR are not memory held: see isTopUnheldName)
  'res',
  'memstatsalloc',
  'memstatssys',
  // PowerShell Get-Process properties and Windows performance counters
  'workingset64',
  'privatememorysize64',
  'privatememorysize',
  'privatebytes',
  'workingsetprivate',
  // Get-Process's default columns: WS (working set), PM (private memory), in bytes
  'ws',
  'pm',
  // as spreadsheets in other languages head it
  'speicher',
  'arbeitsspeicher',
  'speicherverbrauch',
  'memoire',
  'memoria'
])

/**
 * A unit at the end of a column name: `rss_kb`, `heap_used_MiB`, `maxrss-kib`, `heap used mb`,
 * or in brackets as spreadsheets write it: `heap (MB)`, `RSS [KiB]`, `rss(bytes)`.
 */
const UNIT_SUFFIX_RE =
  /(?:[_\s-](kb|kib|mb|mib|gb|gib)|\s*\(\s*(kb|kib|mb|mib|gb|gib|b|bytes?)\s*\)|\s*\[\s*(kb|kib|mb|mib|gb|gib|b|bytes?)\s*\])$/i
/**
 * A unit written on to a camelCase name, as `Math.round(rss / 1024 / 1024)` loggers head it:
 * `heapUsedMB`, `rssMiB`, `RssKb`. Case-sensitive: the unit's capital follows a lower-case letter.
 */
const CAMEL_UNIT_SUFFIX_RE = /(?<=[a-z])(K[Bb]|KiB|M[Bb]|MiB|G[Bb]|GiB)$/
/** Any bracketed note at the end of a name (`time (s)`, `elapsed [ms]`, `heap (MB)`). */
const BRACKETED_SUFFIX_RE = /\s*(?:\([^()]*\)|\[[^[\]]*\])$/

/**
 * Bytes per plain number a column's name gives (`rss_kb` → 1024: ps, top,
 * /proc and getrusage mean KiB by kB; `heap_mb` → MiB as V8 means it), or
 * undefined when its name has no unit.
 */
export function unitBytesFromName(name: string): number | undefined {
  const match = UNIT_SUFFIX_RE.exec(name.trim()) ?? CAMEL_UNIT_SUFFIX_RE.exec(name.trim())
  if (!match) return undefined
  const unit = (match[1] ?? match[2] ?? match[3]).toLowerCase()
  if (unit.startsWith('b')) return undefined // bytes: as plain numbers are read anyway
  return unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : 1024 ** 3
}

/** A whole process's size, by the last part of a name. */
const PROCESS_SIZE_RE =
  /(^|[_\s-])(rss|vsz|vms|heap_?total|heap_?used|res|rss_?kb|maxrss|mem|memory|mem(?:ory)?[_ ]?usage|working_?set)($|[_\s-])/i

/**
 * True for a column holding a whole process's size (`rss`, `mem.rss`,
 * `heapUsed`, `memory`, `vsz`): never under 1 MiB in bytes, so the notes
 * can catch KiB or MiB numbers read as bytes.
 */
export function isProcessSizeName(name: string): boolean {
  const bare = name.trim().replace(BRACKETED_SUFFIX_RE, '')
  const last = bare.slice(bare.lastIndexOf('.') + 1)
  // or by its words, camelCase too: `residentSet`, `avgMemory`, `heapUsedMB`
  // (a kernel pool charged to it, `NonpagedSystemMemorySize64`, is a few KiB in bytes)
  return (
    PROCESS_SIZE_RE.test(last) ||
    (namesMemoryByWord(last) &&
      /(^| )(rss|resident|memory|mem)( |$)/.test(nameWords(last)) &&
      !/(^| )(nonpaged|system|kernel|pool)( |$)/.test(nameWords(last)))
  )
}

/**
 * Default process/runtime Prometheus metrics worth analysing, by family name
 * (labels aside), with their kind. Names may carry a prefix
 * (`collectDefaultMetrics({ prefix })`), so match with {@link runtimeMetricKind}.
 */
export const DEFAULT_PROMETHEUS_METRICS: Readonly<Record<string, MetricKind>> = {
  process_resident_memory_bytes: 'memory',
  process_heap_bytes: 'memory',
  nodejs_heap_size_used_bytes: 'memory',
  nodejs_heap_size_total_bytes: 'memory',
  nodejs_external_memory_bytes: 'memory',
  nodejs_active_handles_total: 'count',
  nodejs_active_resources_total: 'count',
  go_memstats_heap_inuse_bytes: 'memory',
  go_memstats_heap_alloc_bytes: 'memory',
  go_memstats_alloc_bytes: 'memory',
  go_memstats_heap_objects: 'live',
  go_goroutines: 'count',
  go_threads: 'count',
  jvm_memory_used_bytes: 'memory',
  jvm_memory_bytes_used: 'memory',
  jvm_buffer_memory_used_bytes: 'memory',
  jvm_threads_live_threads: 'count',
  jvm_classes_loaded_classes: 'count',
  python_gc_objects_collected_total: 'collected',
  process_open_fds: 'count'
}

/**
 * Kind of a Prometheus sample by its family name (`name{labels}` allowed, a
 * prefix before the default name allowed), or undefined when it is not a
 * default runtime metric.
 */
export function runtimeMetricKind(sampleName: string): MetricKind | undefined {
  const family = sampleName.split('{')[0]
  for (const [name, kind] of Object.entries(DEFAULT_PROMETHEUS_METRICS)) {
    if (family === name || family.endsWith(`_${name}`)) return kind
  }
  return undefined
}

/** A Windows performance counter path's counter: `\\HOST\Process(node)\Working Set` → `Working Set`. */
function counterName(name: string): string {
  return name.startsWith('\\') ? name.slice(name.lastIndexOf('\\') + 1) : name
}

/**
 * A heap's figures nested under it, as home-made snapshots group them
 * (`{"memory": {"heap": {"used": …, "total": …}}}`, flattened `memory.heap.used`): the
 * `heapUsed` and `heapTotal` of `process.memoryUsage()`.
 */
const NESTED_HEAP_RE = /(?:^|\.)heap\.(used|total)$/i

/** The memory name under a column's unit suffix and prefix: `rss_kb`, `container_rss` → `rss`; `heap.used` → `heapused`. */
function memoryKey(name: string): string {
  const family = counterName(name.split('{')[0].trim()).replace(BRACKETED_SUFFIX_RE, '')
  const nested = NESTED_HEAP_RE.exec(family)
  if (nested) return `heap${nested[1].toLowerCase()}`
  const last = family
    .slice(family.lastIndexOf('.') + 1)
    .replace(CAMEL_UNIT_SUFFIX_RE, '')
    .toLowerCase()
    .replace(UNIT_SUFFIX_RE, '')
    // `workload_rss`, `cleanup_uss`: what is measured, the resident kind last
    .replace(/^[a-z0-9_]+_(?=(?:rss|uss|pss)$)/, '')
  return normaliseName(last)
}

/**
 * Kind a column, key or metric name implies when the config gives none:
 * memory for byte names (`rss`, `heapUsed`, `HeapAlloc`, `rss_kb`,
 * `mem.rss`, `*_bytes`), `live` / `created` / `collected` for object
 * counters so named, a default runtime metric's kind, else undefined (the
 * name says nothing; the values decide). Percentages (`mem%`, `MemPerc`) are
 * never memory in bytes.
 */
export function kindFromName(name: string): MetricKind | undefined {
  if (/%|perc/i.test(name)) return undefined
  // a Windows counter path says by its object whose memory it is (`\Memory\…` is the machine's)
  const counter = windowsCounterReading(name)
  if (counter !== undefined) return counter.judged ? 'memory' : undefined
  const key = memoryKey(name)
  const whole = normaliseName(name.split('{')[0])
  const change = CHANGE_WORD_RE.test(nameWords(name))
  if ((MEMORY_NAMES.has(key) || MEMORY_NAMES.has(whole)) && !change) return 'memory'
  if (/bytes$/.test(key) && !change && !NOT_HELD_BYTES_RE.test(nameWords(name))) return 'memory'
  if (key === 'live' || key === 'created' || key === 'collected') return key
  const object = /(?:^|[._\- ])(live|created|collected)$/i.exec(name.split('{')[0])
  if (object) return object[1].toLowerCase() as MetricKind
  const runtime = runtimeMetricKind(name)
  if (runtime !== undefined) return runtime
  if (isKeptCountName(name)) return /(^| )live( |$)/.test(nameWords(name)) ? 'live' : 'count'
  if (namesMemoryByWord(name)) return 'memory'
  if (sizedByUnit(name)) return 'memory'
  return undefined
}

/**
 * True for a number whose name gives a byte unit (`allocated_mb`, `reserved_mb`,
 * `heapSizeMB`: PyTorch's `memory_allocated()`, .NET's heap sizes as loggers divide them): a size
 * in bytes, memory, unless its words say it is no size held (a peak, a limit, a change, free
 * memory, bytes moved).
 */
function sizedByUnit(name: string): boolean {
  if (unitBytesFromName(name) === undefined) return false
  const text = nameWords(name.replace(BRACKETED_SUFFIX_RE, ''))
  return (
    !NOT_A_SIZE_RE.test(text) &&
    !NOT_HELD_BYTES_RE.test(text) &&
    !CHANGE_WORD_RE.test(text) &&
    // the system's page cache, buffers and swap (`free -m`): memory the kernel keeps
    !/(^| )(cache|cached|buff|buffers|shared|swap|page|pages)( |$)/.test(text)
  )
}

/**
 * Bytes that are no memory a program holds: bytes moved (disk and network I/O counters: psutil's
 * `read_bytes`, docker's `rx_bytes`), free memory, a limit, and running totals of allocation
 * (Go's `TotalAlloc`, runtime/metrics' `/gc/heap/allocs:bytes`). (Go's `HeapIdle` and
 * `HeapReleased` stay memory, RSS less `Sys − HeapReleased` being derived from them; the
 * analysis reads them only for that and never judges them: analyze/go-runtime.ts.)
 */
const NOT_HELD_BYTES_RE =
  /(^| )(read|write|written|rx|tx|sent|recv|received|transmitted|in|out|io|disk|net|network|free|available|avail|limit|limits|allocs|allocations|freed|frees)( |$)|(^| )total alloc|(^| )alloc(ated)? total/

/**
 * top's VIRT (address space reserved, far beyond what is resident, grown by thread stacks and
 * arenas with no leak) and SHR (pages shared with other processes): sizes, but no memory the
 * process holds on its own, so never judged unasked, whatever their cells say.
 */
export function isTopUnheldName(name: string): boolean {
  return /^(virt|shr)$/.test(normaliseName(name))
}

/**
 * True for a size that is no memory a program holds (`net_rx`, `disk_read`, `mem_limit`,
 * `free_mem`): a column of such sizes (`1.2kB`) is not judged as memory for its cells' unit.
 */
export function isUnheldSizeName(name: string): boolean {
  return NOT_HELD_BYTES_RE.test(nameWords(name)) || isTopUnheldName(name)
}

/** A change of memory between readings (`delta_rss`, `heap_used_delta_bytes`), not its size. */
const CHANGE_WORD_RE = /(^| )(delta|deltas|diff|change|growth|increase|increment)( |$)/

/**
 * True for a column that names a change of memory (`traced_diff_bytes`, `delta_rss`,
 * `heap_growth_mb`): no size held, so never judged unasked, and said so when nothing else is.
 */
export function isMemoryChangeName(name: string): boolean {
  const text = nameWords(name.replace(BRACKETED_SUFFIX_RE, ''))
  if (!CHANGE_WORD_RE.test(text)) return false
  return (
    PROCESS_MEMORY_WORD_RE.test(text) ||
    unitBytesFromName(name) !== undefined ||
    /bytes$/.test(memoryKey(name))
  )
}

/** A process's memory by one of its words, wherever it stands in the name. */
const PROCESS_MEMORY_WORD_RE = /(^| )(rss|uss|pss|heap|memory|mem|resident)( |$)/

/**
 * Words that make a number named after memory something else: how many objects, a limit or a
 * peak (a high-water mark never falls: a sawtooth's taller peaks would read as a rising floor),
 * a share, an event count or a running total, a change, a time, an identifier, memory the system
 * has free.
 */
const NOT_A_SIZE_RE =
  /(^| )(objects?|count|counts|num|number|limit|limits|max|maximum|peak|high|hwm|min|minimum|ratio|pct|percent|percentage|fraction|share|mallocs|frees|slots?|tests?|bench|benchmarks?|loops?|runs?|cases?|gc|gcs|collections?|time|ms|secs?|seconds?|rate|per|pages?|faults?|errors?|id|pid|free|available|avail|pressure|cumulative|allocations|allocs|growth|delta|diff|change)( |$)|(^| )total (alloc|allocated)( |$)/

/**
 * True for a column named after a process's memory with its own words around it, as people
 * head the columns of several processes or of a snapshot tool: `worker_8073_rss`, `rss_worker_a`,
 * `api_heap_used`, `heap_snapshot_mb`. A name the well-known names miss must not go unjudged.
 */
function namesMemoryByWord(name: string): boolean {
  // an identifier, not a phrase of a log line (`315Z RSS`)
  if (/\s/.test(name.trim().replace(BRACKETED_SUFFIX_RE, ''))) return false
  const text = nameWords(name.replace(BRACKETED_SUFFIX_RE, ''))
  return PROCESS_MEMORY_WORD_RE.test(text) && !NOT_A_SIZE_RE.test(text)
}

/**
 * Words of a name, camelCase split too: `listenerCount` → `listener count`,
 * `COMPONENTS_BY_TYPE` → `components by type`, `registry.size` → `registry size`.
 */
function nameWords(name: string): string {
  return words(counterName(name.split('{')[0]).replace(/([a-z0-9])([A-Z])/g, '$1 $2'))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim()
}

/**
 * Numbers that are never a kept count, whatever else the name says: the
 * garbage collector's own counters (`gen0`..`gen2`, a sawtooth of
 * allocations since the last collection; `collections_*`, `gc_count`), rates,
 * latencies and durations, CPU and threads.
 */
const NEVER_A_COUNT_RE =
  /(^| )(gen ?\d|generation|generations|gc|gcs|collections?|collect|rate|rates|per|rps|qps|tps|throughput|latency|latencies|duration|durations|elapsed|uptime|time|ms|secs?|seconds?|p\d{2,3}|percentile|avg|mean|max|min|cpu|cpus|threads?)( |$)/

/** Words of a counter that counts happenings (it only grows, as the work does), not things kept. */
const CUMULATIVE_WORD_RE =
  /(^| )(total|totals|cumulative|created|opened|closed|processed|handled|served|started|completed|finished|failed|sent|received|seen|emitted|dispatched|added|removed|evicted|dropped)( |$)/

/**
 * Things a program keeps, whose number a healthy program holds constant
 * once warm: the entries of a registry, listeners and their kin, sessions,
 * open handles (`listeners`, `activeSessions`, `DELEGATES`, `COMPONENTS_BY_TYPE`).
 */
const KEPT_THING_RE =
  /(^| )(registry|delegates|dependencies|components|listeners|handlers|callbacks|subscriptions|subscribers|sessions|watchers|observers|timers|handles|instances|hooks|goroutines|nodes|documents|contexts)( |$)/

/**
 * What a count or size measures when it is a store or the things kept in
 * one (`map_size`, `queue_length`, `num_keys`, `listener_count`); a counter
 * of happenings (`retry_count`, `reuseCount`, `request_count`) is none of them.
 */
const STORE_RE =
  /(^| )(map|set|dict|table|pool|queue|list|array|store|index|cache|lru|registry|keys?|entries|entry|objects?|promises?|refs?|closures?|timers?|intervals?|listeners?|handlers?|callbacks?|subscriptions?|subscribers?|sessions?|watchers?|observers?|handles?|instances?|hooks?|components?|delegates?|dependency|dependencies|goroutines?)$/

/** A measure of a store: `*_size`, `*_count`, `*_len`, `*_entries`; or `num_*` before it. */
const MEASURE_RE = /^(size|count|len|length|entries|keys|items)$/

/** Memory, not a count: a size in bytes whose name says so (`heap_size`, `buffer_size`, `rss_mb`). */
const MEMORY_SIZE_RE =
  /heap|mem|rss|byte|alloc|resident|external|buffer|(^| )(kb|kib|mb|mib|gb|gib)$/

/** The page cache and its kin are memory the kernel keeps (`free`'s `buff/cache`, vmstat's `cache`). */
const KERNEL_CACHE_RE = /(^| )(buff|buffers?|page|os|kernel|disk|file|fs|swap)( |$)/

/**
 * The words a kept count is told by: a name's last dotted part, with the
 * part before it when the last only measures (`registry.size`,
 * `cache.length`); a namespace (`registry.uniqueModels`) says nothing of
 * what its fields count.
 */
function measuredWords(name: string): string {
  const parts = counterName(name.split('{')[0]).split('.')
  const last = parts[parts.length - 1]
  const words = nameWords(last)
  return MEASURE_RE.test(words) && parts.length > 1
    ? `${nameWords(parts[parts.length - 2])} ${words}`
    : words
}

/**
 * Namespaces whose every field is the size of one store a program keeps, as
 * home-made snapshots group them: `{"registries": {"plugins": 12, "connections": 4}}`,
 * `registry.routes`, `handles.tcp`, `listeners.request`. Not `counts` or
 * `objects`: a bag of counters (`counts.requests`, `counts.errors`) grows with
 * the work, and live objects by type move by hundreds in a healthy process.
 */
const KEPT_NAMESPACE_RE =
  /^(registry|registries|handles|listeners|subscriptions|subscribers|watchers)$/

/**
 * A field of a {@link KEPT_NAMESPACE_RE} namespace named by one word (`registry.plugins`) or
 * as a module constant (`registry.DELEGATES`, `registry.REGISTERED_PARSERS`: the `len()` of a
 * module-level registry); a field of several words says what it counts itself
 * (`registry.uniqueModels`, `registry.tenantRegistries`: one per tenant the load brings).
 */
function inKeptNamespace(name: string): boolean {
  const parts = counterName(name.split('{')[0]).split('.')
  if (parts.length < 2) return false
  const raw = parts[parts.length - 1].trim()
  const field = nameWords(raw)
  return (
    KEPT_NAMESPACE_RE.test(nameWords(parts[parts.length - 2])) &&
    (/^[a-z]+$/.test(field) || (CONSTANT_NAME_RE.test(raw) && raw.length >= 3)) &&
    !/^(id|ids|version|port|limit|capacity|enabled|status|state)$/.test(field) &&
    !isTimeName(field) &&
    // what the load brings (`registry.tenants`, `registry.models`), not what stays
    !isWorkCounterName(field)
  )
}

/**
 * True for a name that holds how many things a program keeps: the entries
 * of a registry (`*_registry`, `registry.size`, `DELEGATES`), a cache's
 * (`*_cache`, `cache_size`), listeners and their kin, sessions, open
 * handles, subscriptions, dependencies, or the size of a store (`map_size`,
 * `queue_length`, `num_keys`, `listenerCount`). A healthy program holds it
 * constant after warm-up (a registry filled at start-up) or levels it off
 * (a bounded cache that fills): judged as a `count` with no config.
 *
 * Never a gc counter (`gen0`, `collections_*`), a rate, a latency, a
 * duration, CPU or threads; never a counter of happenings (`retry_count`,
 * `reuseCount`, `*_total`, `created`, `processed`): those grow with the
 * work by design; never a size in bytes (`heap_size`, `buffer_size`); and
 * never a number of stores (`tenantRegistries`, `caches`: one per tenant
 * or key the load brings).
 */
export function isKeptCountName(name: string): boolean {
  if (/%|perc/i.test(name)) return false
  const text = measuredWords(name)
  if (text === '' || NEVER_A_COUNT_RE.test(text) || CUMULATIVE_WORD_RE.test(text)) return false
  if (MEMORY_SIZE_RE.test(text) || isWorkCounterName(name) || isProcessIdName(name)) return false
  if (/(^| )live( |$)/.test(text)) return true
  if (inKeptNamespace(name)) return true
  const parts = text.split(' ')
  // `num_keys`, `n_sessions`: a count by its prefix
  const counted = /^(num|n|number)$/.test(parts[0]) ? parts.slice(1) : parts
  if (counted.length === 0) return false
  // a measure of a store: `cache_size`, `map_entries`, `session_count`: what it measures comes before
  const measured =
    counted.length > 1 && MEASURE_RE.test(counted[counted.length - 1])
      ? counted.slice(0, -1)
      : counted
  const isMeasure = counted.length < parts.length || measured.length < counted.length
  const store = measured.join(' ')
  // the size of things, not of a store, is their bytes: V8's `used_global_handles_size`
  if (counted[counted.length - 1] === 'size' && /s$/.test(store) && !/(^| )lru$/.test(store))
    return false
  if (/(^| )(cache|lru)$/.test(store))
    // a bare `cache` column is vmstat's or free's page cache (KiB), not a count
    return !KERNEL_CACHE_RE.test(store) && (store !== 'cache' || isMeasure)
  if (KEPT_THING_RE.test(store)) return true
  return isMeasure && STORE_RE.test(store)
}

/**
 * True for a kept count that may fill and stay: a cache's size. A series
 * shows it level off; two snapshots cannot tell it from a leak, so the
 * snapshot comparison leaves it to a config that names it.
 */
export function isFillingStoreName(name: string): boolean {
  return /(^| )(cache|lru)( |$)/.test(measuredWords(name))
}

/** A high-water mark by its name: `peak_rss`, `max_usage_in_bytes`, `VmHWM`, `PeakWorkingSet64`. */
export function isPeakName(name: string): boolean {
  return /(^| )(peak|max|maximum|hwm|highwater|high water)( |$)|^(vm ?hwm|maxrss|peakworkingset)/.test(
    nameWords(name)
  )
}

/** A module-level constant as Python and C name them: `DELEGATES`, `COMPONENTS_BY_TYPE`. */
const CONSTANT_NAME_RE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/

/**
 * Kind of a column among the other columns of its file: {@link kindFromName},
 * and `count` for an all-caps module constant (`DELEGATES`,
 * `COMPONENTS_BY_TYPE`) in a file that counts objects (a `live`, `created`
 * or `collected` column): a worker that logs its object counts beside the
 * `len()` of its module-level registries. Names that are never a count
 * (`GEN0`, `CPU`, `THREADS`, a rate, a time, a work counter) stay undecided.
 */
export function kindAmongColumns(name: string, columns: readonly string[]): MetricKind | undefined {
  const kind = kindFromName(name)
  // A high-water mark beside the memory it marks (`max_usage_in_bytes` beside `usage_in_bytes`,
  // `peak_rss_kb` beside `rss_kb`) never falls: a sawtooth's taller peaks would read as a rising
  // floor. Read alone, it is all the file has.
  if (kind === 'memory' && isPeakName(name))
    return columns.some(
      (other) => other !== name && !isPeakName(other) && kindFromName(other) === 'memory'
    )
      ? undefined
      : kind
  // tracemalloc.get_traced_memory() as loops save it: `current` beside `peak`
  if (
    kind === undefined &&
    memoryKey(name) === 'current' &&
    columns.some((other) => memoryKey(other) === 'peak')
  )
    return 'memory'
  if (kind !== undefined || !CONSTANT_NAME_RE.test(name.trim()) || name.trim().length < 3)
    return kind
  const text = nameWords(name.toLowerCase())
  if (NEVER_A_COUNT_RE.test(text) || CUMULATIVE_WORD_RE.test(text) || MEMORY_SIZE_RE.test(text))
    return undefined
  if (
    isTimeName(name) ||
    isWorkCounterName(name) ||
    isProcessIdName(name) ||
    isCumulativeName(name)
  )
    return undefined
  const countsObjects = columns.some((column) => {
    const other = kindFromName(column)
    return other === 'live' || other === 'created' || other === 'collected'
  })
  return countsObjects ? 'count' : undefined
}

/**
 * {@link kindFromName}, with `count` for a name that says nothing: the kind
 * of a snapshot value or column metric nobody configured.
 */
export function guessMetricKind(name: string): MetricKind {
  return kindFromName(name) ?? 'count'
}

/**
 * A memory name compared between baseline and post-test snapshots when the
 * config names none: the well-known process and runtime memory names
 * (`rss`, `heapUsed`, Go's `HeapAlloc`, psutil `uss`, the Prometheus
 * defaults), also with the unit in the name (`rss_bytes`, `heap_used_bytes`, as
 * a JVM's MXBean readings are written), not every `*_bytes` value (a Go scrape
 * has twenty, idle and released pages among them).
 */
export function isSnapshotMemoryName(name: string): boolean {
  if (/%|perc/i.test(name)) return false
  return (
    MEMORY_NAMES.has(memoryKey(name)) ||
    MEMORY_NAMES.has(memoryKey(name.replace(/[_-]bytes$/i, ''))) ||
    runtimeMetricKind(name) === 'memory'
  )
}

/**
 * The heap right after each collection, not sampled between them: a JVM's
 * GC log (`12M->4M`: the 4M) or its collectors' notifications
 * (`heap_after_gc_bytes`), Micrometer's `jvm.gc.live.data.size`. Every
 * reading is already a floor: there is no sawtooth to take minima of.
 */
export const AFTER_COLLECTION_NAME =
  /(^|[._:])(heap_after_gc|heap_after_collection|jvm_gc_live_data)/i

/**
 * Memory the allocator holds rather than memory the program holds: RSS,
 * heapTotal, container usage. Allocators keep freed pages (glibc malloc
 * arenas, V8 heap reservations), so growth here after a load test is not by
 * itself a leak.
 */
export const RESERVED_MEMORY_NAME =
  /(^|[._{])(rss|heapTotal|heap\.total$|resident|mem_?usage|working_?set|vms|virtual|committed|heap_size_total|sys_bytes|total_heap_size|totalJSHeapSize|JSHeapTotalSize|(?:ws|pm)$)/i

/**
 * The collector's goal for its next cycle: Go's `NextGC` (`next_gc_bytes`,
 * `go_memstats_next_gc_bytes`), runtime/metrics' `/gc/heap/goal`. At the end
 * of each cycle the pacer sets it to (1 + GOGC/100) times the heap that cycle
 * marked live (twice it at the default GOGC=100), so it moves with the live
 * heap and not with the garbage allocated since: the heap sampled between
 * cycles (`HeapAlloc`) swings from the live heap to the goal, teeth as tall
 * as the live heap itself.
 */
export const COLLECTOR_GOAL_NAME = /(^|[._:])(next_?gc|gc_heap_goal|heap_goal)/i

/**
 * How directly a metric shows leaked memory: 0 for the live heap
 * (`heapUsed`, `go_memstats_heap_alloc_bytes`), 1 for process memory (`rss`,
 * docker `MemUsage`, working set), 2 for other memory, 3 for counts. The
 * report leads with the most direct witness.
 */
export function memoryDirectness(metric: string, kind?: MetricKind): number {
  const name = metric.replace(/\[.*\]$/, '')
  if (
    /heap/i.test(name) &&
    // a JVM's non-heap (metaspace, code cache) or off-heap memory is no live heap, nor the spans a
    // Go heap holds from the OS (HeapSys, HeapIdle, HeapReleased): they are its reservation
    !/(non|off)[_-]?heap/i.test(name) &&
    !/heap[_-]?(sys|idle|released)/i.test(name) &&
    (/used|alloc|live|in_?use/i.test(name) ||
      !/total|size|limit|committed|max|capacity/i.test(name))
  )
    return 0
  if (/rss|memusage|resident|working_?set|mem(ory)?_?usage/i.test(name)) return 1
  if (kind === undefined || kind === 'memory') return 2
  return 3
}

/**
 * Time column names (normalised, of the last dotted part): `time`,
 * `timestamp`, `@timestamp`, `ts`, `t`, `date`, `datetime`, `epoch`,
 * `elapsed` (and `elapsed_ms`, `elapsed_s`), `time_ms`, `unixtime`, `clock`.
 */
const TIME_NAMES = new Set([
  'time',
  'timestamp',
  'ts',
  't',
  'date',
  'datetime',
  'epoch',
  'elapsed',
  'elapsedms',
  'elapseds',
  'elapsedsec',
  'elapsedtime',
  'timems',
  'timestampms',
  'unixtime',
  'clock',
  'seconds',
  'secs',
  'elapsedseconds',
  'elapsedsecs',
  'elapsedmillis',
  'timeelapsed',
  'sampletime',
  'createdat',
  'sampledat',
  'recordedat',
  'loggedat',
  // as spreadsheets in other languages head it (German, Spanish, French)
  'zeit',
  'zeitstempel',
  'datum',
  'uhrzeit',
  'fecha',
  'hora',
  'horodatage'
])

/** A time unit at the end of a name: `elapsed_ms`, `time_s`, `elapsed (ms)`, `t [µs]`. */
const TIME_UNIT_SUFFIX_RE =
  /(?:[_-]|\s*\(\s*|\s*\[\s*)(ms|msec|millis|milliseconds|s|sec|secs|seconds|us|µs|usec|micros|microseconds|ns|nsec|nanos|nanoseconds)\s*[)\]]?$/i

/**
 * Milliseconds per number a time column's name gives (`elapsed_ms` → 1,
 * `time (s)` → 1000, `t_us` → 0.001), or undefined when its name has no
 * unit: then the numbers' size decides (epoch s/ms/µs/ns).
 */
export function timeUnitMsFromName(name: string): number | undefined {
  if (/^(seconds|secs)$/i.test(name.trim())) return 1000
  const match = TIME_UNIT_SUFFIX_RE.exec(name.trim())
  if (!match) return undefined
  const unit = match[1].toLowerCase()
  if (unit.startsWith('n')) return 1e-6
  if (unit.startsWith('u') || unit.startsWith('µ') || unit.startsWith('mic')) return 1e-3
  if (unit.startsWith('m')) return 1
  return 1000
}

/**
 * True for a time column whose name says it counts from the start of the run
 * (`elapsed`, `duration`, `uptime`, `runtime`, `elapsedTime`): its `NN:NN`
 * values are minutes:seconds, not a clock's hours and minutes.
 */
export function isElapsedName(name: string): boolean {
  return /elapsed|duration|uptime|runtime|sincestart/.test(normaliseName(name))
}

/** The time column of a Windows performance-counter CSV (typeperf, perfmon, relog). */
export const PDH_TIME_RE = /^\s*\(PDH-CSV [\d.]+\)/

/** True for a header that names a time column (`time`, `timestamp`, `elapsed`, `data.time`...). */
export function isTimeName(name: string): boolean {
  // typeperf / perfmon CSV: `(PDH-CSV 4.0) (Coordinated Universal Time)(0)`
  if (PDH_TIME_RE.test(name)) return true
  const trimmed = name.trim().replace(BRACKETED_SUFFIX_RE, '')
  const last = trimmed.slice(trimmed.lastIndexOf('.') + 1)
  // `time_s`, `timestamp_ns`, `epoch_ms`: a time name with its unit written on
  return (
    TIME_NAMES.has(normaliseName(last)) ||
    TIME_NAMES.has(normaliseName(last.replace(TIME_UNIT_SUFFIX_RE, '')))
  )
}

const WORK_RE =
  /^(?:total )?(?:http )?(?:requests?|reqs|iterations?|iters?|steps?|cycles?|rounds?|batches|operations|ops|jobs|tasks|messages|work|items|models|tenants|archives)(?: (?:total|count|done|processed|completed))?$/
/** Work counters whose words run together: `totalRequestCount`, `archivesProcessed`. */
const WORK_NAMES = new Set(['totalrequestcount', 'archivesprocessed', 'processed', 'httpreqs'])

/**
 * True for a header that names a cumulative work counter (`requests`,
 * `Total Request Count`, `http_requests_total`, `iterations`, `archives`):
 * the work axis when the config names none.
 */
export function isWorkCounterName(name: string): boolean {
  return WORK_RE.test(words(name)) || WORK_NAMES.has(normaliseName(name))
}

const MEMORY_WORD_RE = /heap|mem|rss|byte|size|alloc|resident|external|buffer/

/**
 * True for a header that names a counter or clock that only grows (`total`
 * as a word: `Total Failure Count`, `errors_total`; `uptime`, `elapsed`;
 * Locust's `User Count`; a second work counter): as a series it would look
 * like a leak. Names that speak of memory (`heapTotal`, `total_heap_size`) are kept.
 */
export function isCumulativeName(name: string): boolean {
  const text = words(name)
  if (MEMORY_WORD_RE.test(text) || kindFromName(name) !== undefined) return false
  return (
    /(^| )(total|uptime|elapsed)( |$)/.test(text) ||
    /^(users?|failures?|errors?) count$/.test(text) ||
    isWorkCounterName(name)
  )
}

/** A known docker stats column: the name docker gives it, its kind and unit. */
export interface DockerColumn {
  metric: string
  kind: 'memory' | 'count'
  unit: 'bytes' | 'percent' | 'count'
  /** `usage / limit` cells. */
  usageLimit?: boolean
}

const MEM_USAGE: DockerColumn = {
  metric: 'MemUsage',
  kind: 'memory',
  unit: 'bytes',
  usageLimit: true
}
const MEM_PERC: DockerColumn = { metric: 'MemPerc', kind: 'memory', unit: 'percent' }
const CPU_PERC: DockerColumn = { metric: 'CPUPerc', kind: 'count', unit: 'percent' }

/** Normalised header → docker column (`MEM USAGE / LIMIT`, `mem_usage`, `MemUsage`, Windows' `PRIV WORKING SET`). */
const DOCKER_COLUMNS: Record<string, DockerColumn> = {
  memusage: MEM_USAGE,
  memusagelimit: MEM_USAGE,
  memoryusage: MEM_USAGE,
  memoryusagelimit: MEM_USAGE,
  privworkingset: MEM_USAGE,
  memperc: MEM_PERC,
  'mem%': MEM_PERC,
  '%mem': MEM_PERC,
  mempercent: MEM_PERC,
  mempercentage: MEM_PERC,
  memoryperc: MEM_PERC,
  memorypercentage: MEM_PERC,
  'memory%': MEM_PERC,
  cpuperc: CPU_PERC,
  'cpu%': CPU_PERC,
  '%cpu': CPU_PERC,
  cpupercentage: CPU_PERC,
  pids: { metric: 'PIDs', kind: 'count', unit: 'count' },
  // `kubectl top pod` (`NAME  CPU(cores)  MEMORY(bytes)`, sizes as `123Mi`): one size, no limit
  'memory(bytes)': { metric: 'MEMORY(bytes)', kind: 'memory', unit: 'bytes' }
}

/**
 * A column naming whose reading a row is, in a CSV of several processes: a container or service
 * by name, a worker, a pod (`container`, `service`, `worker`, `pod`, `instance`; a bare `name` is
 * too often something else: Locust names its endpoints so; it splits a file only when its values
 * interleave, understand/process-columns.ts).
 */
export function isGroupColumnName(name: string): boolean {
  return /^(container|containername|service|servicename|worker|workername|pod|podname|instance)$/.test(
    normaliseName(name)
  )
}

/** Container name columns of docker stats logs, best first. */
export const DOCKER_NAME_COLUMNS = [
  'name',
  'names',
  'containername',
  'container',
  'containerid',
  'id'
]

/**
 * Columns of docker stats logs that name the container instance, best first:
 * `ID` (`{{.ID}}`, the table's `CONTAINER ID`) is always the id; `Container`
 * (`{{.Container}}`) is the name or id docker stats was given. When compose
 * recreates a container its name stays and its id changes: a restart.
 */
const DOCKER_ID_COLUMNS = ['id', 'containerid', 'container']

/** A docker container id as docker prints it: 12 hex digits (`{{.ID}}`) or all 64. */
const CONTAINER_ID_RE = /^(?:[0-9a-f]{12}|[0-9a-f]{64})$/

/**
 * True when docker stats' group column names containers by id alone: it is
 * `ID` / `CONTAINER ID`, or `Container` (the old table's `CONTAINER`) whose
 * every value is a container id (docker stats given no names). No name then
 * says two ids are one service: ids whose rows follow each other, never
 * coming back, are one container recreated; ids sampled together are
 * several containers.
 */
export function namesContainerIdsOnly(header: string, values: readonly string[]): boolean {
  const name = normaliseHeader(header.slice(header.lastIndexOf('.') + 1))
  if (name === 'id' || name === 'containerid') return true
  return values.length > 0 && values.every((value) => CONTAINER_ID_RE.test(value))
}

/** What a column naming the process sampled holds: its process id, or its container's id. */
export type ProcessIdKind = 'pid' | 'container id'

/**
 * The docker stats columns to group by and to tell restarts by, as indexes
 * of `headers` (each header matched whole, else by its last dotted part):
 * the series are one per container name (the first of
 * {@link DOCKER_NAME_COLUMNS} present), and an id column beside it (the first
 * of `ID`, `CONTAINER ID`, `Container` that is not the group) marks a new
 * container under the same name: a restart, never a series of its own.
 */
export function dockerColumnRoles(headers: readonly string[]): {
  group: number | undefined
  id: number | undefined
} {
  const whole = headers.map(normaliseHeader)
  const last = headers.map((name) => normaliseHeader(name.slice(name.lastIndexOf('.') + 1)))
  const find = (candidates: readonly string[], skip?: number): number | undefined => {
    for (const names of [whole, last])
      for (const candidate of candidates) {
        const index = names.findIndex((name, i) => name === candidate && i !== skip)
        if (index >= 0) return index
      }
    return undefined
  }
  const group = find(DOCKER_NAME_COLUMNS)
  return { group, id: find(DOCKER_ID_COLUMNS, group) }
}

/**
 * Names (normalised, of the last dotted part) of a column holding the id of
 * the process that wrote the row: `pid` (`process.pid` in a memoryUsage
 * logger, psutil's `pid`), `process_pid`, `processId`.
 */
const PROCESS_ID_NAMES = new Set(['pid', 'processpid', 'processid', 'procid'])

/**
 * True for a column naming the process sampled (`pid`, `process.pid`,
 * `processId`; not docker's `PIDs`, a count of processes): a new value
 * within one series is a restart. Such a column is never a series itself
 * and splits the series into one per process only when its values interleave
 * in the file's head (several processes side by side: understand/process-columns.ts).
 */
export function isProcessIdName(name: string): boolean {
  const trimmed = name.trim()
  return PROCESS_ID_NAMES.has(normaliseName(trimmed.slice(trimmed.lastIndexOf('.') + 1)))
}

/**
 * True for a snapshot value that tells which process wrote it: a process id
 * ({@link isProcessIdName}) or a Prometheus `process_start_time_seconds`
 * (one start time per process, prefixes allowed). Baseline and post-test
 * snapshots with different values come from different processes.
 */
export function isSnapshotProcessName(name: string): boolean {
  return isProcessIdName(name) || isProcessStartName(name)
}

/**
 * True for the Prometheus metric giving the process's start time
 * (`process_start_time_seconds`, a prefix allowed, labels aside): one value
 * per process, so a new value in a sequence of scrapes is a restart.
 */
export function isProcessStartName(name: string): boolean {
  return /(^|_)process_start_time_seconds$/.test(name.split('{')[0])
}

/** Lower-cases and drops spaces, `_`, `/`, `-` and `.`: `MEM USAGE / LIMIT` → `memusagelimit`. */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_/\-.]+/g, '')
}

/**
 * The docker column a header or JSON key names: by the whole name, else by
 * its last dotted part (a logger that nests the stats: `jq '{ts: now, stats: .}'`
 * gives `stats.MemUsage`).
 */
export function dockerColumnOf(name: string): DockerColumn | undefined {
  const whole = DOCKER_COLUMNS[normaliseHeader(name)]
  if (whole !== undefined) return whole
  const dot = name.lastIndexOf('.')
  return dot < 0 ? undefined : DOCKER_COLUMNS[normaliseHeader(name.slice(dot + 1))]
}

/** True when a header names docker's memory usage column (`MemUsage`, `MEM USAGE / LIMIT`...). */
export function isDockerMemoryHeader(name: string): boolean {
  return dockerColumnOf(name)?.metric === 'MemUsage'
}

/**
 * True for the header k6 writes with `-o csv`: `metric_name,timestamp,metric_value`
 * then its tag columns (`status`, `url`, …), one row per sample of any metric.
 */
export function isK6CsvHeader(columns: readonly string[]): boolean {
  const name = (index: number) => (columns[index] ?? '').trim().toLowerCase().replace(/"/g, '')
  return name(0) === 'metric_name' && name(1) === 'timestamp' && name(2) === 'metric_value'
}

/**
 * True for the header `dotnet-counters collect --format csv` writes:
 * `Timestamp,Provider,Counter Name,Counter Type,Mean/Increment` (long format,
 * one row per counter per interval).
 */
export function isDotnetCountersHeader(columns: readonly string[]): boolean {
  const names = columns.map((column) => normaliseName(column.replace(/"/g, '')))
  return (
    names.includes('countername') && names.includes('meanincrement') && names.includes('timestamp')
  )
}

// Figures of memory left rather than used (a device's free heap), judged as the memory used out
// of them (analyze/memory-left.ts). Free or available, then heap / RAM (`FreeRAM`, `free_heap`,
// `Free Heap Size`, `getFreeHeap`), or heap / RAM then free (`heap_free`). Not a bare free or
// available memory (`freemem`, `free_memory`, `availableMemory`): Node's `os.freemem()` and
// `process.availableMemory()` are the host's available memory (or a cgroup's headroom), which the
// page cache and other processes move, and a JVM's `freeMemory()` falls when its heap shrinks
const LEFT_RE =
  /(?:^|[^a-z])(?:free|avail(?:able)?)[\s_-]?(?:heap|ram)(?![a-z])|(?:^|[^a-z])(?:heap|ram)[\s_-]?free(?![a-z])/i
// a host's or system's figure (`system_free_ram`, `host_free_heap`), however it is spelt
const HOST_RE = /(?:^|[^a-z])(?:os|sys|system|host|node|machine|physical)(?![a-z])/i
// camelCase and PascalCase words split before matching (`getFreeHeap` → `get Free Heap`)
const splitCase = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2')

/** Whether a metric's name says it is memory left (free), not memory used. */
export function memoryLeftName(name: string): boolean {
  const words = splitCase(name)
  return LEFT_RE.test(words) && !HOST_RE.test(words)
}

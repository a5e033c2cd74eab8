/**
 * What a column's name says about its kind, unit and role, as spreadsheets
 * and hand-written loggers head their columns: a unit in brackets
 * (`heap (MB)`, `RSS [KiB]`), a suffix (`rss_kb`), other languages' time
 * headers, PowerShell's Get-Process names.
 */
import {
  isKeptCountName,
  isProcessSizeName,
  isTimeName,
  kindAmongColumns,
  kindFromName,
  timeUnitMsFromName,
  unitBytesFromName
} from '../../src/understand/names.js'
import { parseSize } from '../../src/understand/units.js'

const KiB = 1024
const MiB = 1024 ** 2

describe('a unit in a column name', () => {
  it.each([
    ['rss_kb', KiB],
    ['heap_used_MiB', MiB],
    ['heap (MB)', MiB],
    ['RSS [KiB]', KiB],
    ['Memory Usage (GB)', 1024 ** 3],
    ['rss (kb) ', KiB],
    ['rss(bytes)', undefined],
    ['RSS [B]', undefined],
    ['rss', undefined],
    ['heap (peak)', undefined],
    ['mb', undefined],
    ['heapUsedMB', MiB],
    ['rssMiB', MiB],
    ['RssKb', KiB],
    ['heap used mb', MiB],
    ['timeMs', undefined],
    ['MB', undefined]
  ])('%s → %s bytes per number', (name, bytes) => {
    expect(unitBytesFromName(name)).toBe(bytes)
  })

  it.each(['heap (MB)', 'RSS [KiB]', 'rss (bytes)', 'Memory Usage (MB)', 'heap', 'WorkingSet64'])(
    '%s is memory',
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it.each(['workload_rss_mib', 'workload_uss_mib', 'cleanup_pss_kb', 'process_uss'])(
    '%s: a prefix naming what was measured, then a resident size, is memory',
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it.each(['usedJSHeapSize', 'totalJSHeapSize', 'JSHeapUsedSize', 'JSHeapTotalSize'])(
    "%s (a browser's JS heap: performance.memory, Puppeteer's page.metrics()) is memory",
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it.each(['worker_8073_rss', 'worker1_rss', 'rss_worker_a', 'api_heap_used', 'heap_snapshot_mb'])(
    '%s: a memory word among words naming whose or which memory is memory',
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it.each([
    'heap_objects',
    'rss_peak',
    'mem_limit',
    'heap_size_limit',
    'free_memory',
    'heap_allocations',
    'rss_growth',
    'memory_pressure',
    'read_bytes',
    'networks.eth0.rx_bytes',
    'memory_limit_bytes',
    'total_alloc_bytes',
    'delta_rss',
    'MemTest'
  ])('%s: a count, a peak, a limit or a change named after memory is no size to judge', (name) => {
    expect(kindFromName(name)).not.toBe('memory')
  })

  it.each(['traced', 'traced_current', 'tracemalloc_current', 'traced_memory'])(
    "%s (Python's tracemalloc current size) is memory",
    (name) => {
      expect(kindFromName(name)).toBe('memory')
    }
  )

  it.each(['traced_peak', 'tracemalloc_peak'])(
    '%s, a high-water mark, is not judged unasked',
    (name) => {
      expect(kindFromName(name)).toBeUndefined()
    }
  )

  it('a percentage stays no size, brackets or not', () => {
    expect(kindFromName('mem (%)')).toBeUndefined()
    expect(kindFromName('MemPerc')).toBeUndefined()
  })

  it('a process size is told under its unit', () => {
    expect(isProcessSizeName('RSS [KiB]')).toBe(true)
    expect(isProcessSizeName('heap (MB)')).toBe(false)
  })
})

describe('time column names', () => {
  it.each(['time', 'time (s)', 'Timestamp [UTC]', 'Zeit', 'Datum', 'fecha', 'horodatage'])(
    '%s names time',
    (name) => {
      expect(isTimeName(name)).toBe(true)
    }
  )
  it.each(['rss', 'heap (MB)', 'timeout', 'uptime_s', 'cpu_s'])('%s does not', (name) => {
    expect(isTimeName(name)).toBe(false)
  })
  it.each([
    ['elapsed_seconds', 1000],
    ['time_s', 1000],
    ['seconds', 1000],
    ['timestamp_ns', 1e-6],
    ['epoch_ms', 1],
    ['created_at', undefined],
    ['sample_time', undefined]
  ])('%s names time (a unit written on: %s ms per number)', (name, ms) => {
    expect(isTimeName(name)).toBe(true)
    expect(timeUnitMsFromName(name)).toBe(ms)
  })
})

describe('a time unit in a time column name', () => {
  it.each([
    ['elapsed_ms', 1],
    ['time (s)', 1000],
    ['elapsed [ms]', 1],
    ['t_us', 1e-3],
    ['uptime_ns', 1e-6],
    ['time_sec', 1000],
    ['timestamp', undefined],
    ['ts', undefined],
    ['time', undefined]
  ])('%s → %s ms per number', (name, ms) => {
    expect(timeUnitMsFromName(name)).toBe(ms)
  })
})

describe('Kubernetes quantities', () => {
  it.each([
    ['123Mi', 123 * MiB],
    ['512Ki', 512 * KiB],
    ['2Gi', 2 * 1024 ** 3],
    ['1.5MB', 1_500_000],
    ['293.7MiB', Math.round(293.7 * MiB)]
  ])('%s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })
})

describe('counts a program keeps, by their names', () => {
  // a healthy program holds these constant once warm (or levels off: a bounded cache)
  it.each([
    ['DELEGATES', 'count'],
    ['COMPONENTS_BY_TYPE', 'count'],
    ['registry.DELEGATES', 'count'],
    ['plugin_registry', 'count'],
    ['registry.size', 'count'],
    ['lru_cache', 'count'],
    ['cache_size', 'count'],
    ['cache_items', 'count'],
    ['queue_size', 'count'],
    ['session_count', 'count'],
    ['listenerCount', 'count'],
    ['listeners', 'count'],
    ['handlers', 'count'],
    ['active_sessions', 'count'],
    ['subscriptions', 'count'],
    ['open handles', 'count'],
    ['liveBrokers', 'live'],
    ['num_keys', 'count'],
    ['queue_length', 'count'],
    ['cache.length', 'count'],
    ['app_sessions_active', 'count'],
    // Go: runtime.NumGoroutine() as workers log it (a goroutine that ends leaves the count)
    ['goroutines', 'count'],
    ['NumGoroutine', 'count'],
    ['goroutine_count', 'count'],
    // a one-word field of a namespace of kept stores, as home-made snapshots nest them
    ['registries.connections', 'count'],
    ['registry.plugins', 'count'],
    ['registry.routes', 'count'],
    ['handles.tcp', 'count'],
    ['listeners.connection', 'count']
  ])('%s is a %s', (name, kind) => {
    expect(kindFromName(name)).toBe(kind)
    expect(isKeptCountName(name)).toBe(true)
  })

  // gc counters (a sawtooth of allocations), rates, latencies, cpu, threads, counters of
  // happenings that grow with the work, sizes in bytes and the kernel's page cache: never
  it.each([
    'gen0',
    'gen1',
    'GEN2',
    'gc_count',
    'collections_gen0',
    'request_rate',
    'latency_ms',
    'p99',
    'cpu',
    'num_threads',
    'thread_count',
    'requests_count',
    'retry_count',
    'error_count',
    'hit_count',
    'sessions_total',
    'listeners_added',
    'processed',
    'heap_size',
    'buffer_size',
    'response_size',
    'batch_size',
    'max_size',
    'buff/cache',
    'cache',
    'page_cache',
    'size',
    'count',
    'mem%',
    'reuseCount',
    'registry.uniqueModels',
    'registry.tenantRegistries',
    'registry.totalModels',
    // in a namespace of stores: what the load brings, an id, a field of several words
    'registry.models',
    'registry.tenants',
    'registry.requests',
    'registry.id',
    'registries.loadedAt',
    // a bag of counters or live objects by type is no namespace of stores
    'counts.errors',
    'counts.requests',
    'objects.Array',
    'used_global_handles_size',
    'word_count'
  ])('%s is no kept count', (name) => {
    expect(isKeptCountName(name)).toBe(false)
    expect(kindFromName(name)).not.toBe('count')
  })

  const broker = [
    'timestamp',
    'archives',
    'created',
    'collected',
    'live',
    'DELEGATES',
    'DEPENDENCIES',
    'COMPONENTS_BY_TYPE',
    'REGISTERED_PARSERS',
    'gen0',
    'gen1',
    'gen2',
    'CPU',
    'THREADS'
  ]

  it('an all-caps module constant is a count in a file that counts objects', () => {
    const kinds = Object.fromEntries(broker.map((name) => [name, kindAmongColumns(name, broker)]))
    expect(kinds).toMatchObject({
      live: 'live',
      created: 'created',
      DELEGATES: 'count',
      DEPENDENCIES: 'count',
      COMPONENTS_BY_TYPE: 'count',
      REGISTERED_PARSERS: 'count'
    })
    for (const name of ['gen0', 'gen1', 'gen2', 'CPU', 'THREADS', 'archives', 'timestamp'])
      expect(kinds[name]).toBeUndefined()
  })

  it('elsewhere an all-caps name says nothing by itself', () => {
    const columns = ['time', 'rss', 'REGISTERED_PARSERS', 'PORT']
    expect(kindAmongColumns('REGISTERED_PARSERS', columns)).toBeUndefined()
    expect(kindAmongColumns('PORT', columns)).toBeUndefined()
  })
})

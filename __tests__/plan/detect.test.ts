import { readdirSync, readFileSync } from 'node:fs'
import { detectInputs, type FileHead } from '../../src/plan/detect.js'
import { guessMetricKind, runtimeMetricKind } from '../../src/understand/names.js'

/** Lists a fixture folder as the pipeline would: relative paths and the first 5 lines. */
function listFolder(name: string): FileHead[] {
  const root = new URL(`../../__fixtures__/config/detect/${name}/`, import.meta.url)
  return readdirSync(root).map((path) => ({
    path,
    head: readFileSync(new URL(path, root), 'utf8').split('\n').slice(0, 5)
  }))
}

describe('detectInputs on a folder modelled on the seed reports', () => {
  const detected = detectInputs(listFolder('seed-run'))

  // no `metrics:` in the detected entries: the loader reads columns by the same name rules
  // (understand/names.ts), so a config naming only these files reads them the same
  it('reads docker stats, memoryUsage and object-counter CSVs as series', () => {
    expect(detected.series).toEqual([
      {
        file: 'broker_stats.csv',
        format: 'csv',
        time: 'timestamp',
        work: 'archives'
      },
      { file: 'docker_stats.csv', format: 'docker-stats', time: 'timestamp', group: 'name' },
      {
        file: 'memory.csv',
        format: 'csv',
        time: 'time',
        work: 'requests'
      },
      { file: 'runtime.prom', format: 'prometheus' }
    ])
  })

  it('pairs baseline.json with post-test.json', () => {
    expect(detected.snapshots).toEqual({ baseline: 'baseline.json', post: 'post-test.json' })
  })

  it('says how each used file is read', () => {
    expect(detected.used.map((use) => [use.file, use.role, use.format, use.how])).toEqual([
      [
        'baseline.json',
        'baseline',
        'json',
        'baseline snapshot (JSON); metric kinds by name (bytes → memory, others → count)'
      ],
      [
        'broker_stats.csv',
        'series',
        'csv',
        'CSV: created (created), collected (collected), live (live); time column timestamp, work column archives'
      ],
      [
        'docker_stats.csv',
        'series',
        'docker-stats',
        'docker stats CSV: memory column mem_usage, one series per name; time column timestamp'
      ],
      [
        'memory.csv',
        'series',
        'csv',
        'CSV: rss (memory), heapUsed (memory), heapTotal (memory), external (memory), arrayBuffers (memory); time column time, work column requests'
      ],
      [
        'post-test.json',
        'post',
        'json',
        'post-test snapshot (JSON); metric kinds by name (bytes → memory, others → count)'
      ],
      [
        'runtime.prom',
        'series',
        'prometheus',
        'Prometheus scrape(s), one point per scrape: default runtime metrics (process_cpu_user_seconds_total, process_cpu_system_seconds_total)'
      ]
    ])
  })

  it('skips the rest, each with a reason', () => {
    expect(detected.skipped).toEqual([
      { file: 'README.md', reason: 'not a data file (.md)' },
      {
        file: 'archive_count.csv',
        reason: 'CSV without memory or object-count columns (columns: timestamp, archives)'
      },
      {
        file: 'broker_stats.txt',
        reason:
          'not a recognised format (to read a text log, list it under series: with a pattern of named groups)'
      },
      {
        file: 'k6-summary.json',
        reason:
          'a JSON document not named as a snapshot (baseline.* / post*.*, or two names the same but for a before/after word: start.json / end.json, memory-before.json / memory-after.json): list it under snapshots: to compare it'
      }
    ])
  })
})

describe('detectInputs on real tool outputs (shared samples)', () => {
  const detected = detectInputs(listFolder('formats'))

  it.each([
    [
      'docker-stats-json.jsonl',
      'docker-stats',
      'docker stats JSON lines: memory column MemUsage, one series per Name; no time column (sample order)'
    ],
    [
      'docker-stats-table.txt',
      'docker-stats',
      'docker stats table: memory column MEM USAGE / LIMIT, one series per NAME; no time column (sample order)'
    ],
    [
      'go-client.prom',
      'prometheus',
      'Prometheus scrape(s), one point per scrape: default runtime metrics (go_gc_duration_seconds)'
    ],
    [
      'micrometer-jvm-1.13plus.prom',
      'prometheus',
      'Prometheus scrape(s), one point per scrape: default runtime metrics (jvm_info, jvm_buffer_count_buffers)'
    ],
    [
      'python-client.prom',
      'prometheus',
      'Prometheus scrape(s), one point per scrape: default runtime metrics (python_gc_objects_collected_total)'
    ]
  ])('uses %s as %s', (file, format, how) => {
    expect(detected.used.find((use) => use.file === file)).toEqual({
      file,
      role: 'series',
      format,
      how
    })
  })

  it.each([
    ['k6-csv-output.csv', /^k6 CSV output \(load-test metrics, no memory\): list it under series:/],
    // five lines of a seven-line object: no whole object to read, so what to save instead
    [
      'node-memoryUsage.txt',
      /^printed JavaScript objects \(`console\.log\(process\.memoryUsage\(\)\)`\) but no whole object in the first lines: save whole objects \(read with no config, one per line or over several\), or log `JSON\.stringify\(\{time: new Date\(\), \.\.\.process\.memoryUsage\(\)\}\)`, one object per line \(JSON lines\)$/
    ],
    ['openmetrics-spec-example.txt', /^Prometheus text without default process\/runtime metrics/]
  ])('skips %s', (file, reason) => {
    expect(detected.skipped.find((skip) => skip.file === file)?.reason).toMatch(reason)
  })

  it('uses or skips every file exactly once', () => {
    const all = [...detected.used.map((u) => u.file), ...detected.skipped.map((s) => s.file)].sort()
    expect(all).toEqual(
      listFolder('formats')
        .map((f) => f.path)
        .sort()
    )
  })
})

describe('detectInputs: details', () => {
  const one = (path: string, ...head: string[]) => detectInputs([{ path, head }])

  it('reads a redirected streaming docker stats table (ANSI escapes)', () => {
    const detected = one(
      'stats.txt',
      '\u001b[2J\u001b[HCONTAINER ID   NAME            CPU %     MEM USAGE / LIMIT     MEM %     NET I/O           BLOCK I/O        PIDS \u001b[K',
      '08a674064995   compose-web-1   0.00%     53.21MiB / 1.921GiB   2.70%     67.4kB / 10.1kB   3.88GB / 4.1kB   22 \u001b[K'
    )
    expect(detected.series).toEqual([{ file: 'stats.txt', format: 'docker-stats', group: 'NAME' }])
  })

  it('finds the docker memory column by its cell when the header is unusual', () => {
    const detected = one(
      'd.csv',
      'time,container,cpu_perc,m,net_io',
      '1766408773,web,0.5%,53.21MiB / 1.921GiB,67.4kB / 10.1kB'
    )
    expect(detected.series).toEqual([
      { file: 'd.csv', format: 'docker-stats', time: 'time', group: 'container' }
    ])
    expect(detected.used[0].how).toContain('memory column m,')
  })

  it('reads `top -b` output that starts the file (blank lines first too); names it after other lines or without its header; names `jstat -gcutil`', () => {
    const header = '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND'
    const row = '  4242 app       20   0  812340 204812  31020 S  12.0   1.3   0:04.11 worker'
    expect(one('top.log', header, row).series).toEqual([{ file: 'top.log', format: 'csv' }])
    expect(one('top.log', '$ top -b -d 10 -p 4242', header, row).skipped[0].reason).toBe(
      "`top -b` process rows after other lines before its first `top -` line or its column header: save top's output alone (`top -b -d 10 -p $PID > top.log`) or remove the lines above it; it is then read with no config (RES, VIRT, SHR per PID)"
    )
    // blank lines above top's output are no other lines: read
    const screen = 'top - 10:00:00 up 3 days,  2:03,  1 user,  load average: 0.10, 0.20, 0.30'
    expect(one('top.log', '', screen, '', header, row).series).toEqual([
      { file: 'top.log', format: 'csv' }
    ])
    // top's screen first, but no header of its default fields (changed with `f`): that is what is said
    const custom = '    PID USER      RES    SHR COMMAND'
    const [noHeader] = one('top.log', screen, '', custom, '  4242 app 204812 31020 worker').skipped
    expect(noHeader.reason).toMatch(
      /^`top -b` output with no column header in top's default fields \(`PID USER PR NI VIRT RES SHR S %CPU %MEM TIME\+ COMMAND`\) in its first lines: /
    )
    expect(noHeader.reason).not.toContain('after other lines')
    const gcutil = [
      '$ jstat -gcutil 83610',
      '  S0     S1     E      O      M     CCS    YGC     YGCT    FGC    FGCT     GCT',
      '  0.00 100.00   8.01  16.22  56.56  50.33      1    0.140     0    0.000    0.140'
    ]
    expect(one('jstat.txt', ...gcutil).skipped[0].reason).toContain(
      "`jstat -gcutil` output, not a format leak-gate reads (each space's use as a percentage of its current capacity, which the collector resizes (G1 grows and shrinks the old generation region by region): a leak can read flat, and a resize as growth): save `jstat -gc -t $PID 5s > jstat.log` instead"
    )
  })

  it('takes a percent column for memory only in a table of docker columns alone, as MemPerc', () => {
    // the docker loader judges it in percent of the limit, with a note (__tests__/load/docker-loops.test.ts)
    expect(
      one('s.csv', 'timestamp,name,%CPU,%Mem', '2024-01-01T00:00:00,web,1.0,2.0').series
    ).toEqual([{ file: 's.csv', format: 'docker-stats', time: 'timestamp', group: 'name' }])
    expect(one('c.csv', 'time,pid,%cpu,%mem,rss', '1,2,1.0,2.0,3000').series).toEqual([
      { file: 'c.csv', format: 'csv', time: 'time' }
    ])
  })

  it('reads TSV and a BOM, and JSON lines with nested memoryUsage', () => {
    expect(one('m.tsv', '\uFEFFts\trss\theap_used\tlive_objects', '1\t2\t3\t4').series).toEqual([
      { file: 'm.tsv', format: 'csv', time: 'ts' }
    ])
    expect(
      one('m.jsonl', '{"t":"2024-01-01T00:00:00Z","mem":{"rss":1,"heapUsed":2},"cache":{"live":3}}')
        .series
    ).toEqual([
      {
        file: 'm.jsonl',
        format: 'jsonl',
        time: 't'
      }
    ])
  })

  it('escapes glob characters of odd file names', () => {
    expect(one('run[1]/memory.csv', 'time,rss', '1,2').series[0].file).toBe('run\\[1\\]/memory.csv')
  })

  it('skips empty files', () => {
    expect(one('empty.csv', '', '').skipped).toEqual([{ file: 'empty.csv', reason: 'empty file' }])
  })

  it('pairs Prometheus snapshots, prefers a pair in one folder, and says why others are left out', () => {
    const prom = [
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes 74395648'
    ]
    const detected = detectInputs([
      { path: 'a/baseline.prom', head: prom },
      { path: 'b/post.prom', head: prom },
      { path: 'a/post-load.prom', head: prom },
      { path: 'postgres.json', head: ['{"connections": 3}'] },
      { path: 'baseline-old.json', head: ['{"rss": 1}'] }
    ])
    expect(detected.snapshots).toEqual({ baseline: 'a/baseline.prom', post: 'a/post-load.prom' })
    expect(detected.used.map((u) => [u.file, u.role, u.format])).toEqual([
      ['a/baseline.prom', 'baseline', 'prometheus'],
      ['a/post-load.prom', 'post', 'prometheus']
    ])
    expect(detected.skipped).toEqual([
      {
        file: 'b/post.prom',
        reason:
          'another snapshot pair is used (a/baseline.prom → a/post-load.prom); list this one under snapshots: instead'
      },
      {
        file: 'baseline-old.json',
        reason:
          'another snapshot pair is used (a/baseline.prom → a/post-load.prom); list this one under snapshots: instead'
      },
      {
        file: 'postgres.json',
        reason:
          'a JSON document not named as a snapshot (baseline.* / post*.*, or two names the same but for a before/after word: start.json / end.json, memory-before.json / memory-after.json): list it under snapshots: to compare it'
      }
    ])
  })

  it('reports a baseline without a post-test snapshot', () => {
    expect(one('baseline.json', '{', '  "rss": 1', '}').skipped).toEqual([
      {
        file: 'baseline.json',
        reason: 'baseline snapshot without a post*.json snapshot of the same format'
      }
    ])
  })
})

describe('default metric kinds', () => {
  it.each([
    ['rss', 'memory'],
    ['heapUsed', 'memory'],
    ['memory.heapTotal', 'memory'],
    ['arrayBuffers', 'memory'],
    ['process_resident_memory_bytes', 'memory'],
    ['jvm_memory_used_bytes{area="heap",id="G1 Old Gen"}', 'memory'],
    ['brokers_live', 'live'],
    ['objects.created', 'created'],
    ['registry.totalModels', 'count'],
    ['registry.tenantRegistries', 'count'],
    ['go_goroutines', 'count'],
    ['%Mem', 'count']
  ])('%s is %s', (name, kind) => {
    expect(guessMetricKind(name)).toBe(kind)
  })

  it('knows prefixed default runtime metrics and nothing else', () => {
    expect(runtimeMetricKind('n8n_nodejs_heap_size_used_bytes')).toBe('memory')
    expect(runtimeMetricKind('go_memstats_heap_objects')).toBe('live')
    expect(runtimeMetricKind('http_requests_total{code="200"}')).toBeUndefined()
  })
})

describe('a table whose columns are split by spaces', () => {
  it('says how to make it CSV and which columns will then be memory', () => {
    const head = [
      '=== summary ===',
      'cycle elapsed_s rss_mib uss_mib',
      '    1     0.410   254.6   191.7',
      '    2     0.391   265.9   202.5',
      '    3     0.393   274.5   211.1'
    ]
    expect(detectInputs([{ path: 'summary.txt', head }]).skipped).toEqual([
      {
        file: 'summary.txt',
        reason:
          "a table with columns split by spaces (cycle elapsed_s rss_mib uss_mib), not a format leak-gate reads: make it CSV (without the lines above its header), `awk -v OFS=, '{$1=$1}1' summary.txt > summary.csv`; its memory columns (rss_mib, uss_mib) are then read by name"
      }
    ])
  })

  it('rows of another width, or a header of values, are no such table', () => {
    const ragged = ['cycle rss_mib', '1 254.6 extra', '2 265.9 extra']
    expect(detectInputs([{ path: 'a.txt', head: ragged }]).skipped[0].reason).not.toContain(
      'split by spaces'
    )
    const values = ['1 254.6', '2 265.9', '3 274.5']
    expect(detectInputs([{ path: 'b.txt', head: values }]).skipped[0].reason).not.toContain(
      'split by spaces'
    )
  })
})

describe('dotnet-counters CSV rows pasted without their header line', () => {
  // our own rows in the shape `dotnet-counters collect --format csv` writes
  const rows = [
    '2026-03-02 9:14:05 AM,System.Runtime,Working Set (MB),Metric,412',
    '2026-03-02 9:14:05 AM,System.Runtime,GC Heap Size (MB),Metric,188',
    '2026-03-02 9:14:05 AM,System.Runtime,Gen 0 GC Count (Count / 1 sec),Rate,2',
    '...',
    '2026-03-02 9:14:06 AM,System.Runtime,Working Set (MB),Metric,415'
  ]

  it('are read with no config under the header dotnet-counters writes, as a file with it is', () => {
    const detected = detectInputs([{ path: 'counters.csv', head: rows }])
    expect(detected.series).toEqual([{ file: 'counters.csv', format: 'csv' }])
    expect(detected.used[0].how).toMatch(
      /^dotnet-counters CSV rows without their header line, read under the one dotnet-counters writes \(Timestamp,Provider,Counter Name,Counter Type,Mean\/Increment\)/
    )
    const withHeader = ['Timestamp,Provider,Counter Name,Counter Type,Mean/Increment', ...rows]
    expect(detectInputs([{ path: 'counters.csv', head: withHeader }]).series).toEqual([
      { file: 'counters.csv', format: 'csv' }
    ])
  })

  it('other five-column CSV rows are not taken for them', () => {
    const other = ['2026-03-02 9:14:05,api,rss,bytes,412', '2026-03-02 9:14:06,api,rss,bytes,415']
    expect(detectInputs([{ path: 'x.txt', head: other }]).used[0]?.how ?? '').not.toContain(
      'dotnet-counters'
    )
  })
})

describe('CSVs of several processes, and long tables, found with no config', () => {
  const detect = (path: string, ...head: string[]) => detectInputs([{ path, head }])

  it('a pid column whose values interleave: read as one series per pid, and said', () => {
    const detected = detect(
      'memory.csv',
      'time,pid,rss_mb',
      '10:00:00,4101,179.3',
      '10:00:00,4102,320.9',
      '10:00:05,4101,181.4',
      '10:00:05,4102,323.1'
    )
    expect(detected.series).toEqual([{ file: 'memory.csv', format: 'csv', time: 'time' }])
    expect(detected.used[0].how).toBe(
      'CSV: rss_mb (memory), one series per pid (its values interleave: several processes sampled side by side); time column time'
    )
  })

  it('a pid that changes once (a restart): no split said', () => {
    const detected = detect('memory.csv', 'time,pid,rss', '1,4101,100', '2,4101,101', '3,4230,90')
    expect(detected.used[0].how).toBe('CSV: rss (memory); time column time')
  })

  it('metric,value,time rows: one series per metric name', () => {
    const detected = detect(
      'metrics.csv',
      'metric,value,time',
      'rss,208948406,2025-03-10T10:00:00Z',
      'heapUsed,84842453,2025-03-10T10:00:00Z',
      'rss,212803117,2025-03-10T10:00:05Z',
      'heapUsed,86660250,2025-03-10T10:00:05Z'
    )
    expect(detected.series).toEqual([{ file: 'metrics.csv', format: 'csv' }])
    expect(detected.used[0].how).toBe(
      'long CSV, one row per metric per sample: one series per "metric" value, read from "value": rss (memory), heapUsed (memory); time column time'
    )
  })

  it('name,value rows of other figures stay unread, with the usual reason', () => {
    const detected = detect('stats.csv', 'name,value', 'requests,10', 'errors,0', 'requests,12')
    expect(detected.series).toEqual([])
    expect(detected.skipped[0].reason).toMatch(/without memory or object-count columns/)
  })
})

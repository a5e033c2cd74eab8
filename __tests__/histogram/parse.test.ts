import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { splitText } from '../../src/load/index.js'
import { readHistogram, sniffHistogram } from '../../src/histogram/parse.js'

const FIXTURES = join(import.meta.dirname, '../../__fixtures__/histograms')
const lines = (file: string): string[] => splitText(readFileSync(join(FIXTURES, file), 'utf8'))

async function read(file: string, text?: string[]) {
  return readHistogram(text ?? lines(file), { file })
}

describe('class histogram formats', () => {
  it.each([
    ['jvm-leak/jcmd-1.txt', 'jvm-histogram'],
    ['jvm-other/jmap-histo-live.txt', 'jvm-histogram'],
    ['jvm-other/jdk8-histo.txt', 'jvm-histogram'],
    ['python-leak/objgraph-2.txt', 'objgraph'],
    ['python-leak/pympler-2.txt', 'pympler'],
    ['python-leak/tracemalloc-2.txt', 'tracemalloc'],
    ['python-leak/tracemalloc-diff.txt', 'tracemalloc'],
    ['go-leak/heap-3.txt', 'pprof-top']
  ])('%s is told to be %s from its first lines', (file, format) => {
    expect(sniffHistogram(lines(file).slice(0, 200))).toBe(format)
  })

  it.each([
    [['time,rss,heapUsed', '2026-12-05T12:00:00Z,1,2']],
    [['2026-12-05 12:00:01 INFO started 3 workers +2']],
    [['{"rss": 1}']],
    [[]]
  ])('ordinary inputs are not histograms: %j', (head) => {
    expect(sniffHistogram(head)).toBeUndefined()
  })

  it('reads jcmd GC.class_histogram: every class, module suffix dropped, the Total line', async () => {
    const { histogram, errors } = await read('jvm-leak/jcmd-3.txt')
    expect(errors).toEqual([])
    expect(histogram?.format).toBe('jvm-histogram')
    expect(histogram?.complete).toBe(true)
    const session = histogram?.rows.find((r) => r.name === 'Leaky$Session')
    expect(session).toMatchObject({ count: 53000, bytes: 1272000, line: 7 })
    expect(histogram?.rows.find((r) => r.name === 'java.lang.String')).toMatchObject({
      count: 113184
    })
    expect(histogram?.rows.some((r) => r.name.includes('java.base'))).toBe(false)
    expect(histogram?.rows).toHaveLength(241)
    expect(histogram?.totalCount).toBeGreaterThan(0)
  })

  it('reads the JDK 8 layout (no module column)', async () => {
    const { histogram, errors } = await read('jvm-other/jdk8-histo.txt')
    expect(errors).toEqual([])
    expect(histogram?.rows[3]).toMatchObject({
      name: 'com.example.store.Session',
      count: 6024,
      bytes: 578304
    })
    expect(histogram).toMatchObject({ totalCount: 101013, totalBytes: 7054152 })
  })

  it('reads objgraph.show_growth: count and +change; only growers, so not complete', async () => {
    const { histogram, errors } = await read('python-leak/objgraph-2.txt')
    expect(errors).toEqual([])
    expect(histogram).toMatchObject({ format: 'objgraph', complete: false, work: 5000 })
    expect(histogram?.rows.find((r) => r.name === 'Session')).toMatchObject({
      count: 5000,
      countDelta: 3000
    })
  })

  it('reads pympler print_diff tables as changes, with KB meaning KiB', async () => {
    const { histogram, errors } = await read('python-leak/pympler-2.txt')
    expect(errors).toEqual([])
    expect(histogram).toMatchObject({ format: 'pympler', diffOnly: true, work: 5000 })
    const session = histogram?.rows.find((r) => r.name === "<class '__main__.Session")
    expect(session).toMatchObject({ countDelta: 3000, bytesDelta: Math.round(164.06 * 1024) })
    expect(session?.count).toBeUndefined()
  })

  it('reads pympler summary.print_ tables as totals when told so', async () => {
    const { histogram } = await readHistogram(lines('python-leak/pympler-2.txt'), {
      file: 'p.txt',
      pymplerDiff: false
    })
    expect(histogram?.rows.find((r) => r.name === "<class 'list")).toMatchObject({ count: 3133 })
    expect(histogram?.complete).toBe(true)
  })

  it('reads tracemalloc Statistic and StatisticDiff lines (the site is the class)', async () => {
    const stats = await read('python-leak/tracemalloc-3.txt')
    expect(stats.errors).toEqual([])
    expect(stats.histogram?.rows[0]).toMatchObject({
      name: '/srv/worker/jobs.py:11',
      count: 16001,
      bytes: 979 * 1024
    })
    const diff = await read('python-leak/tracemalloc-diff.txt')
    expect(diff.errors).toEqual([])
    expect(diff.histogram?.rows[2]).toMatchObject({
      name: '/srv/worker/jobs.py:77',
      count: 7744,
      countDelta: 3000,
      bytesDelta: Math.round(93.8 * 1024)
    })
  })

  it('reads go tool pprof -top: flat bytes per function (kB/MB are powers of 1024)', async () => {
    const { histogram, errors } = await read('go-leak/heap-3.txt')
    expect(errors).toEqual([])
    expect(histogram).toMatchObject({
      format: 'pprof-top',
      sampleType: 'inuse_space',
      complete: false
    })
    expect(histogram?.rows[0]).toMatchObject({
      name: 'main.(*Store).Add',
      bytes: Math.round(17.52 * 1024 ** 2)
    })
    expect(histogram?.rows.find((r) => r.name === 'bufio.NewReaderSize (inline)')?.bytes).toBe(
      Math.round(528.17 * 1024)
    )
  })

  it.each([
    [
      'jcmd row with text in #bytes',
      [
        '12:',
        ' num     #instances         #bytes  class name (module)',
        '----',
        '   1:   10   ten  Foo'
      ],
      'h.txt:4: column "class name": found "   1:   10   ten  Foo", expected a row like'
    ],
    [
      'pympler size without a unit',
      ['  types |   # objects |   total size', '====== | ===== | =====', '  list |   3 |   12.5'],
      'h.txt:3: column "total size": found "  list |   3 |   12.5", expected a row like'
    ],
    [
      'pprof flat value in seconds (a CPU profile)',
      [
        'Type: cpu',
        '      flat  flat%   sum%        cum   cum%',
        '     10ms 50.00% 50.00%      10ms 50.00%  main.f'
      ],
      'h.txt:3: column "flat": found'
    ],
    [
      'tracemalloc line cut short',
      [
        '/app/a.py:3: size=576 KiB (+576 KiB), count=10000 (+10000), average=59 B',
        '/app/a.py:9: size=320 B (+320 B), count=2 (+2), average=160 B',
        '/app/a.py:12: size=56 B (+56 B), count=1 (+1), average=56 B',
        '/app/b.py:6: size=152 B (+0 B), count=1 (+0), average=152 B',
        '/app/a.py:4: size=1 KiB, count='
      ],
      'h.txt:5: found "/app/a.py:4: size=1 KiB, count=", expected a tracemalloc line'
    ],
    [
      'a bad work annotation',
      ['# leak-gate: work=many', 'Session   4000   +4000'],
      'h.txt:1: column "work": found "many", expected a number of work units'
    ]
  ])('%s is an error with file:line', async (_name, text, message) => {
    const format = text.some((l) => l.includes('#instances'))
      ? 'jvm-histogram'
      : text.some((l) => l.includes('# objects'))
        ? 'pympler'
        : text.some((l) => l.includes('flat%'))
          ? 'pprof-top'
          : undefined
    const result = await readHistogram(text, { file: 'h.txt', ...(format ? { format } : {}) })
    expect(result.errorCount).toBeGreaterThan(0)
    expect(result.errors[0].message).toContain(message)
  })

  it('a CPU profile is refused by its Type line', async () => {
    const result = await readHistogram(
      [
        'Type: cpu',
        '      flat  flat%   sum%        cum   cum%',
        '    10 50.00% 50.00%     10 50.00%  main.f'
      ],
      { file: 'cpu.txt' }
    )
    expect(result.errors.map((e) => e.message)).toContain(
      'cpu.txt:1: column "Type": found "cpu", expected a heap profile (inuse_space, inuse_objects, alloc_space, alloc_objects): a cpu profile holds no objects'
    )
  })

  it.each(['snapshot.pickle', 'heap.hprof', 'heap.pb.gz', 'tracemalloc.dump'])(
    'never loads a binary dump: %s is refused by name, unread',
    async (file) => {
      const result = await readHistogram(
        {
          [Symbol.iterator]: (): Iterator<string> => {
            throw new Error('must not be read')
          }
        },
        { file }
      )
      expect(result.histogram).toBeUndefined()
      expect(result.errors[0].message).toContain('leak-gate never loads pickles or binary dumps')
    }
  )

  it('refuses binary content (a pickle saved as .txt) at its line', async () => {
    const result = await readHistogram(['\u0080\u0004\u0095\u0000\u0000ctracemalloc\nSnapshot'], {
      file: 'snap.txt'
    })
    expect(result.histogram).toBeUndefined()
    expect(result.errors[0].message).toContain('snap.txt:1: found "binary data')
  })
})

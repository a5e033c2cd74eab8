/**
 * A key named `__proto__` in an artifact or a config (a fork's hostile input, or a careless
 * name) is a name like any other where it names data, never the prototype of an object: a CSV
 * column, a JSON-lines field, a column of a JSON document of columns and a snapshot field all
 * say it is not judged, as they say of any other unknown name; in the config, where the schema
 * would drop it without a word, it is refused at its line.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const now = new Date('2026-12-07T12:00:00Z')
const judge = (root: string) => runPipeline({ root, workspace: root, now })
const times = Array.from({ length: 60 }, (_, i) => 1_700_000_000_000 + i * 1000)
const rising = times.map((_, i) => 100_000_000 + i * 1_000_000)

function folder(files: Record<string, string>): string {
  const dir = makeTempDir('proto-keys')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('a key named __proto__', () => {
  it.each([
    [
      'a CSV column',
      'memory.csv',
      `time,__proto__,rss\n${times.map((t, i) => `${t},${rising[i]},${rising[i]}`).join('\n')}\n`
    ],
    [
      'a JSON-lines field',
      'memory.jsonl',
      // a computed key is an own key: JSON.stringify writes it
      times
        .map((t, i) => JSON.stringify({ time: t, ['__proto__']: rising[i], rss: rising[i] }))
        .join('\n')
    ],
    [
      'a column of a JSON document of columns',
      'memory.json',
      `{"time":${JSON.stringify(times)},"__proto__":${JSON.stringify(rising)},"rss":${JSON.stringify(rising)}}`
    ]
  ])('in %s is a column like any other, said as not judged', async (_what, file, text) => {
    const report = await judge(folder({ [file]: text }))
    expect(report.errors).toEqual([])
    const input = report.inputs.find((i) => i.file === file)!
    expect(input.note).toMatch(/"__proto__" not judged/)
    // the column beside it is read as always
    expect(report.findings.some((f) => f.metric === 'rss' && f.level === 'fail')).toBe(true)
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  })

  it('in a snapshot is a field like any other: not the prototype, and the others compared', async () => {
    const report = await judge(
      folder({
        'baseline.json': '{"__proto__": {"polluted": 1}, "heapUsed": 50000000}',
        'post-test.json': '{"__proto__": 5, "heapUsed": 90000000}'
      })
    )
    expect(report.errors).toEqual([])
    expect(report.findings.map((f) => `${f.signature}:${f.metric}`)).toEqual([
      'retained-after-load:heapUsed'
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('in the config is refused at its line, never dropped', async () => {
    const dir = folder({
      'memory.jsonl': times.map((t, i) => JSON.stringify({ time: t, rss: rising[i] })).join('\n'),
      'leak-gate.yml':
        'series:\n  - file: memory.jsonl\n    format: jsonl\n    time: time\n    metrics:\n      __proto__: memory\n      rss: memory\n'
    })
    const report = await judge(dir)
    expect(report.verdict).toBe('error')
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /leak-gate\.yml:6: key "series\[0\]\.metrics\.__proto__": found the key "__proto__"/
      )
    ])
  })
})

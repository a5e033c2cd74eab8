/**
 * A JSON document of columns whose first column runs past the head read to detect it (a long run
 * saved by `JSON.stringify({time, rss})` or pandas' `to_json()`, on one line): the plan reads the
 * whole document once more and names its columns as it does for a short one. Without a memory
 * column it is left out, as a short one is.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import { columnDocumentSketch } from '../../src/understand/json-columns.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterEach(removeTempDirs)

const now = new Date('2026-12-07T12:00:00Z')
const n = 12_000 // 3 h 20 min at 1 s: the time column alone is over 150 KB
const time = Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000)
const rss = time.map((_, i) => 100_000_000 + i * 2000)

function judge(name: string, document: unknown) {
  const dir = makeTempDir('long-columns')
  writeFileSync(join(dir, name), JSON.stringify(document))
  return runPipeline({ root: dir, workspace: dir, now })
}
const byIndex = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i), v]))

describe('a JSON document of columns longer than the head read to detect it', () => {
  it.each([
    ['an object of arrays', { time, rss }, 'JSON object of columns'],
    [
      "pandas' default orient (columns)",
      { time: byIndex(time), rss: byIndex(rss) },
      'pandas to_json() (orient columns)'
    ]
  ])('%s is read whole with no config, its memory column judged', async (_what, doc, label) => {
    const report = await judge('memory.json', doc)
    expect(report.errors).toEqual([])
    const input = report.inputs.find((i) => i.file === 'memory.json')!
    expect(input.note).toBe(`${label}: rss (memory); time column time`)
    expect(input.rows).toBe(n)
    expect(report.findings.some((f) => f.metric === 'rss' && f.level === 'fail')).toBe(true)
  })

  it('without a memory or object-count column it is left out, saying why', async () => {
    const report = await judge('data.json', { temperature: rss, humidity: rss })
    expect(report.inputs).toEqual([])
    expect(report.notes).toContain(
      'data.json: not used (JSON object of columns without memory or object-count columns (columns: temperature, humidity))'
    )
  })
})

describe('columnDocumentSketch', () => {
  it('keeps every key and the first cells of each, strings with commas and brackets whole', () => {
    const text = JSON.stringify({
      time: ['10:00, "a"]', '10:01', '10:02'],
      rss: [1, 2, 3]
    })
    expect(JSON.parse(columnDocumentSketch(text)!)).toEqual(JSON.parse(text))
  })

  it('is undefined for anything but an object of arrays (or objects) of one kind', () => {
    expect(columnDocumentSketch('{"time": [1, 2], "rss": {"0": 1}}')).toBeUndefined()
    expect(columnDocumentSketch('{"time": [1, 2]}')).toBeUndefined()
    expect(columnDocumentSketch('[1, 2]')).toBeUndefined()
    expect(columnDocumentSketch('{"time": [1, "2')).toBeUndefined()
  })
})

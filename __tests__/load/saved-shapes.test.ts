/**
 * Shapes people save their measurements in that leak-gate used to refuse
 * (fixtures in __fixtures__/load/saved-shapes, written in each tool's own
 * format): Prometheus scrapes appended to one file under a `=== $(date) ===`
 * rule, a JSON object of columns (`{"time": [...], "rss": [...]}`, pandas'
 * `to_json()`), k6's `--out json` lines, the OpenTelemetry collector's file
 * exporter, and any of them gzip-compressed.
 */
import { readFileSync } from 'node:fs'
import { loadSeries, splitText, toAsync } from '../../src/load/index.js'
import type { SeriesSpec } from '../../src/config/types.js'
import type { InputFormat } from '../../src/model.js'
import { headScrapeTime } from '../../src/load/prometheus.js'
import { fixture, loadFixtureSeries, pick } from './helpers.js'

const MiB = 1024 ** 2
const DIR = 'saved-shapes'

function loadText(file: string, format: InputFormat, text: string, spec: Partial<SeriesSpec> = {}) {
  return loadSeries(toAsync(splitText(text)), { file, format, spec: { file, ...spec } })
}

describe('Prometheus scrapes appended to one file, each under a `=== $(date) ===` rule', () => {
  it('times each scrape by the date between the rules (no sample timestamps)', async () => {
    const loaded = await loadFixtureSeries(`${DIR}/scrapes-date-rules.log`, 'prometheus')
    expect(loaded.errors).toEqual([])
    const rss = pick(loaded.series, 'process_resident_memory_bytes')
    expect(rss.time).toEqual([0, 5, 10, 15].map((s) => Date.UTC(2025, 2, 10, 10, 0, s)))
    expect(rss.value).toEqual([0, 1, 2, 3].map((i) => 100_000_000 + i * MiB))
    expect(pick(loaded.series, 'nodejs_heap_size_used_bytes').samples).toBe(4)
  })

  it('takes other rules and a commented rule too (`--- ISO ---`, `# === date ===`)', async () => {
    const text = [
      '--- 2025-03-10T10:00:00Z ---',
      'process_resident_memory_bytes 1000000',
      '# === 2025-03-10T10:00:05Z ===',
      'process_resident_memory_bytes 2000000'
    ].join('\n')
    const loaded = await loadText('scrapes.log', 'prometheus', text)
    expect(loaded.errors).toEqual([])
    expect(loaded.series[0].time).toEqual([
      Date.UTC(2025, 2, 10, 10),
      Date.UTC(2025, 2, 10, 10, 0, 5)
    ])
    expect(headScrapeTime(['=== Mon Mar 10 10:00:05 UTC 2025 ===', 'rss 1'])).toBe(
      Date.UTC(2025, 2, 10, 10, 0, 5)
    )
  })

  it('a rule around words, not a date, is still an error at its line', async () => {
    const text = ['=== results ===', 'process_resident_memory_bytes 1000000'].join('\n')
    const loaded = await loadText('scrapes.log', 'prometheus', text)
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'scrapes.log:1: found "=== results ===", expected a sample `name{labels} value [timestamp]`'
    ])
  })
})

/**
 * One rule per question (understand/names.ts, understand/sniff.ts): a folder
 * reads the same with no config as with a config that only names its files.
 * Both runs go through the whole pipeline; the series (ids, axes, kinds,
 * units, sample counts) and the compared snapshot metrics must match.
 * Every data file alone gets the same check, so a file another file of its
 * folder hides from zero-config (a second snapshot pair, a series beside
 * scrapes) is compared too: its format comes from one sniffer either way.
 * Plus the two bugs that showed the rules disagreed: a CSV `elapsed,rss`
 * lost its time axis once a config named it, and Go `HeapAlloc` snapshots
 * growing tenfold passed zero-config but were an error with a config.
 */
import { copyFileSync, cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { runPipeline } from '../../src/pipeline.js'
import type { Report } from '../../src/model.js'
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js'

afterAll(() => removeTempDirs())

const NOT_DATA = new Set(['leak-gate.yml', 'leak-gate.yaml', 'expected.json', 'README.md'])

/** Every fixture folder holding data files: `__fixtures__/**` and `examples/<name>/artifacts`. */
function fixtureFolders(): string[] {
  const folders: string[] = []
  const walk = (dir: string): void => {
    const entries = readdirSync(dir)
    if (entries.some((name) => !NOT_DATA.has(name) && statSync(join(dir, name)).isFile()))
      folders.push(dir)
    for (const name of entries) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
    }
  }
  walk('__fixtures__')
  for (const name of readdirSync('examples')) {
    const artifacts = join('examples', name, 'artifacts')
    if (existsSync(artifacts)) folders.push(artifacts)
  }
  return folders.sort()
}

/** The folder's data files in a fresh folder, without its config. */
function copyWithoutConfig(folder: string): string {
  const dir = makeTempDir('equivalence')
  cpSync(folder, dir, {
    recursive: true,
    filter: (source) => !/leak-gate\.ya?ml$/.test(source)
  })
  return dir
}

/** What a report read: per series its axes, kind, unit and samples; per snapshot metric its kind. */
function readings(report: Report): string[] {
  return report.metrics
    .map((m) =>
      m.kind === 'series'
        ? [m.id, m.metricKind, m.unit, m.timeBase, m.workName ?? '-', m.samples].join(' ')
        : [m.metric, m.metricKind, m.unit, m.baseline, m.post].join(' ')
    )
    .sort()
}

/** A config that names the files zero-config read, and nothing else. */
function namingConfig(report: Report): string {
  const lines: string[] = []
  const series = report.inputs.filter((input) => input.role === 'series')
  if (series.length > 0) {
    lines.push('series:')
    for (const input of series) lines.push(`  - file: ${JSON.stringify(input.file)}`)
  }
  const baseline = report.inputs.find((input) => input.role === 'baseline')
  const post = report.inputs.find((input) => input.role === 'post')
  if (baseline && post) {
    lines.push('snapshots:')
    lines.push(`  baseline: ${JSON.stringify(baseline.file)}`)
    lines.push(`  post: ${JSON.stringify(post.file)}`)
  }
  // class histograms zero-config found (one sequence): named under histograms:
  const histograms = report.inputs.filter((input) => input.role === 'histogram')
  if (histograms.length >= 2 && histograms.length <= 3) {
    const [first, ...rest] = histograms.map((input) => JSON.stringify(input.file))
    lines.push('histograms:', `  baseline: ${first}`)
    if (rest.length === 2) lines.push(`  target: ${rest[0]}`)
    lines.push(`  final: ${rest[rest.length - 1]}`)
  }
  return lines.join('\n') + '\n'
}

/** The data files directly in the fixture folders. */
function fixtureFiles(folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => !NOT_DATA.has(name) && !/leak-gate\.ya?ml$/.test(name))
      .map((name) => join(folder, name))
      .filter((path) => statSync(path).isFile())
  )
}

/** One file alone in a fresh folder. */
function copyAlone(file: string): string {
  const dir = makeTempDir('equivalence-file')
  copyFileSync(file, join(dir, basename(file)))
  return dir
}

const folders = fixtureFolders()

describe('a folder reads the same with no config as with a config naming only its files', () => {
  it('finds the fixture folders', () => {
    expect(folders.length).toBeGreaterThan(20)
  })

  it.each(folders)('%s', async (folder) => expectSameReading(copyWithoutConfig(folder)))
})

describe('a file alone reads the same with no config as with a config naming only it', () => {
  const files = fixtureFiles(folders)
  it('finds the fixture files', () => {
    expect(files.length).toBeGreaterThan(folders.length)
  })

  it.each(files)('%s', async (file) => expectSameReading(copyAlone(file)))
})

/** Runs the folder with no config, then with a config naming what zero-config read; both must agree. */
async function expectSameReading(dir: string): Promise<void> {
  const zero = await runPipeline({ root: dir, workspace: dir })
  if (zero.inputs.length === 0) return // nothing zero-config reads: nothing to name
  // written outside the folder, as a typed --config may be (configAnywhere)
  const configPath = join(makeTempDir('equivalence-config'), 'leak-gate.yml')
  writeFileSync(configPath, namingConfig(zero))
  const named = await runPipeline({ root: dir, workspace: dir, configPath, configAnywhere: true })
  expect(named.config).not.toBe('zero-config')
  // the same problems (a broken line is reported either way), the same series and snapshot values
  expect(named.errors.map((error) => error.message)).toEqual(
    zero.errors.map((error) => error.message)
  )
  expect(readings(named)).toEqual(readings(zero))
  const seriesOf = (report: Report) =>
    report.inputs.map((input) => [input.file, input.role, input.format, input.rows, input.series])
  expect(seriesOf(named)).toEqual(seriesOf(zero))
  expect(named.verdict).toBe(zero.verdict)
}

describe('the two bugs that showed the rules disagreed', () => {
  const csv =
    'elapsed,rss\n' +
    Array.from({ length: 40 }, (_, i) => `${i * 15},${100_000_000 + i * 1_000_000}`).join('\n') +
    '\n'

  it('a CSV `elapsed,rss` reads `elapsed` as its time axis, with and without a config', async () => {
    const dir = makeTempDir('elapsed')
    writeFileSync(join(dir, 'memory.csv'), csv)
    const zero = await runPipeline({ root: dir, workspace: dir })
    const configPath = join(makeTempDir('elapsed-config'), 'leak-gate.yml')
    writeFileSync(configPath, 'series:\n  - file: memory.csv\n')
    const named = await runPipeline({ root: dir, workspace: dir, configPath, configAnywhere: true })
    for (const report of [zero, named]) {
      expect(report.errors).toEqual([])
      const rss = report.metrics.find((m) => m.metric === 'rss')
      expect(rss?.kind === 'series' && rss.timeBase).toBe('epoch')
      expect(rss?.kind === 'series' && rss.samples).toBe(40)
      // 40 samples 15 s apart: 9 min 45 s from first to last
      expect(rss?.kind === 'series' && rss.end! - rss.start!).toBe(39 * 15_000)
      expect(report.metrics.map((m) => m.metric)).toEqual(['rss'])
    }
  })

  it('Go HeapAlloc snapshots growing tenfold FAIL with and without a config naming the files', async () => {
    const dir = makeTempDir('heapalloc')
    writeFileSync(
      join(dir, 'baseline.json'),
      JSON.stringify({ HeapAlloc: 8_000_000, HeapObjects: 20_000, NumGC: 3 })
    )
    writeFileSync(
      join(dir, 'post.json'),
      JSON.stringify({ HeapAlloc: 80_000_000, HeapObjects: 200_000, NumGC: 40 })
    )
    const zero = await runPipeline({ root: dir, workspace: dir })
    const configPath = join(makeTempDir('heapalloc-config'), 'leak-gate.yml')
    writeFileSync(configPath, 'snapshots:\n  baseline: baseline.json\n  post: post.json\n')
    const named = await runPipeline({ root: dir, workspace: dir, configPath, configAnywhere: true })
    for (const report of [zero, named]) {
      expect(report.errors).toEqual([])
      expect(report.verdict).toBe('fail')
      expect(report.metrics.map((m) => [m.metric, m.metricKind])).toEqual([['HeapAlloc', 'memory']])
      expect(report.findings.map((f) => [f.signature, f.metric])).toContainEqual([
        'retained-after-load',
        'HeapAlloc'
      ])
    }
  })
})

/**
 * The heap-snapshot input of the pipeline: which files are the baseline,
 * target and final snapshots (from `heap:` or, with no config, every
 * `*.heapsnapshot` / `*.heapsnapshot.gz` in name order), opening them
 * (gunzipped when needed), source maps the artifact ships, and the
 * thresholds from `checks:`, and the work done at each snapshot (`heap.work`,
 * else the `heap-snapshots.json` the preload helper wrote beside them). The
 * comparison itself is the pure engine in `heap/`. Its errors become report
 * errors like any input's.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { LeakGateConfig } from './config/types.js'
import { matchFiles } from './config/globs.js'
import { internalReportError, isInternalError, toReportError } from './errors.js'
import {
  analyzeHeapSnapshots,
  type DefinitionSite,
  HEAP_DEFAULTS,
  type HeapAnalysis,
  type HeapJudgeOptions
} from './heap/index.js'
import { isSourceMap, mapPosition, type SourceMapV3 } from './heap/source-map.js'
import { isGzipFile, readBytes } from './io/read-bytes.js'
import type { InputSummary, Report, Series } from './model.js'
import type { PauseManifest } from './pauses/index.js'

/** A heap snapshot file name. */
export const HEAP_SNAPSHOT_FILE = /\.heapsnapshot(\.gz)?$/i
/** Largest source map read, in bytes. */
const MAX_SOURCE_MAP_BYTES = 64 << 20

/** The snapshots to compare, relative to the artifact root. */
export interface HeapPlan {
  baseline: string
  target?: string
  final: string
  how: InputSummary['how']
}

/** Natural order: `heap-2` before `heap-10`. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}

/**
 * Chooses the snapshots: the `heap:` globs (each must match a file), else
 * with no config at all the detected snapshot files in name order (first,
 * middle and last of more than three). Notes and errors go to the report.
 */
export function planHeap(
  files: string[],
  config: LeakGateConfig,
  zeroConfig: boolean,
  report: Report
): HeapPlan | undefined {
  const spec = config.heap
  if (spec) {
    const pick = (key: 'baseline' | 'target' | 'final', pattern: string): string | undefined => {
      const matched = matchFiles(pattern, files).sort(naturalCompare)
      if (matched.length === 0) {
        report.errors.push({
          file: config.source,
          column: `heap.${key}`,
          found: pattern,
          expected: 'a glob that matches a heap snapshot',
          message: `${config.source}: key "heap.${key}": "${pattern}" matched no file`
        })
      } else if (matched.length > 1)
        report.notes.push(
          `heap.${key}: "${pattern}" matched ${matched.length} files, ${matched[0]} used`
        )
      return matched[0]
    }
    const baseline = pick('baseline', spec.baseline)
    const target = spec.target === undefined ? undefined : pick('target', spec.target)
    const final = pick('final', spec.final)
    if (!baseline || !final || (spec.target !== undefined && !target)) return undefined
    return { baseline, ...(target ? { target } : {}), final, how: 'config' }
  }
  if (!zeroConfig) return undefined
  const found = files.filter((file) => HEAP_SNAPSHOT_FILE.test(file)).sort(naturalCompare)
  if (found.length === 0) return undefined
  if (found.length === 1) {
    report.notes.push(
      `${found[0]}: one heap snapshot, nothing to compare it with (take one after warm-up, one after each load phase)`
    )
    return undefined
  }
  if (found.length === 2) return { baseline: found[0], final: found[1], how: 'detected' }
  const middle = found[Math.floor((found.length - 1) / 2)]
  if (found.length > 3)
    report.notes.push(
      `${found.length} heap snapshots: compared ${found[0]}, ${middle} and ${found[found.length - 1]} (name them under heap: to choose)`
    )
  return { baseline: found[0], target: middle, final: found[found.length - 1], how: 'detected' }
}

/** The work at each snapshot, for the engine. */
type HeapWork = { baseline: number; target?: number; final: number; name?: string }

/**
 * The work counts of the planned snapshots from a `heap-snapshots.json` in
 * their folder (the preload helper's, validated by `pauses/`): used when
 * `heap.work` is not configured, so "per 1k requests" needs no config. Only
 * a manifest that lists every planned snapshot (by path, `.gz` or not) with
 * a work count is used; else a note says why there is no per-work figure.
 */
export function workFromManifests(
  plan: HeapPlan,
  manifests: ReadonlyArray<{ file: string; manifest: PauseManifest }>
): { work?: HeapWork; from?: string; note?: string } {
  const planned = [plan.baseline, plan.target, plan.final].filter((f): f is string => !!f)
  const folderOf = (file: string) =>
    file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
  for (const { file, manifest } of manifests) {
    const folder = folderOf(file)
    const entryOf = (snapshot: string) =>
      manifest.snapshots.find((entry) => {
        const path = folder + entry.file
        return snapshot === path || snapshot === `${path}.gz`
      })
    const entries = planned.map(entryOf)
    if (entries.every((entry) => !entry)) continue
    const missing = planned.filter((_, i) => entries[i]?.work === undefined)
    if (missing.length > 0)
      return {
        note: `${file} gives no work count for ${missing.join(', ')}: per-work figures left out (set heap.work)`
      }
    const [baseline, ...rest] = entries.map((entry) => entry!.work!)
    const final = rest.pop()!
    return {
      work: {
        baseline,
        ...(plan.target ? { target: rest[0] } : {}),
        final,
        ...(manifest.workName ? { name: manifest.workName } : {})
      },
      from: file
    }
  }
  return {}
}

/** Judgement thresholds low enough for every class's `leaking-class` setting (each is re-checked per class). */
function judgeOptions(config: LeakGateConfig): Partial<HeapJudgeOptions> {
  let minCount = HEAP_DEFAULTS.minCount
  let minRetained = HEAP_DEFAULTS.minRetained
  for (const settings of Object.values(config.checks)) {
    const setting = settings['leaking-class']
    if (!setting || setting === 'off') continue
    if (setting.unit === 'count') minCount = Math.min(minCount, setting.amount)
    if (setting.unit === 'bytes') minRetained = Math.min(minRetained, setting.amount)
  }
  return { minCount, minRetained }
}

/** Source maps of the artifact by the file name they map (`store.js.map` → `store.js`). */
async function loadSourceMaps(root: string, files: string[]): Promise<Map<string, SourceMapV3>> {
  const maps = new Map<string, SourceMapV3>()
  for (const file of files.filter(
    (f) => f.endsWith('.js.map') || f.endsWith('.mjs.map') || f.endsWith('.cjs.map')
  )) {
    try {
      const path = join(root, file)
      if ((await stat(path)).size > MAX_SOURCE_MAP_BYTES) continue
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
      if (isSourceMap(parsed))
        maps.set(
          file
            .split('/')
            .pop()!
            .replace(/\.map$/, ''),
          parsed
        )
    } catch {
      // a broken map only costs the mapping
    }
  }
  return maps
}

/**
 * Reads and compares the planned snapshots. Adds the inputs (and any
 * error) to the report and returns the analysis.
 */
export async function loadHeap(
  root: string,
  files: string[],
  plan: HeapPlan,
  config: LeakGateConfig,
  series: Series[],
  report: Report,
  manifests: ReadonlyArray<{ file: string; manifest: PauseManifest }> = []
): Promise<HeapAnalysis | undefined> {
  const source = async (file: string) => {
    const path = join(root, file)
    const gzip = await isGzipFile(path)
    return { file, open: () => readBytes(path, gzip) }
  }
  const maps = await loadSourceMaps(root, files)
  const mapSite = (site: DefinitionSite): DefinitionSite | undefined => {
    const name = site.script.split(/[\\/]/).pop() ?? ''
    const map = maps.get(name)
    return map ? mapPosition(map, site) : undefined
  }
  let work: HeapWork | undefined = config.heap?.work
  if (!work) {
    const found = workFromManifests(plan, manifests)
    if (found.note) report.notes.push(found.note)
    if (found.work) {
      work = found.work
      report.notes.push(
        `heap: work at each snapshot from ${found.from} (${[work.baseline, work.target, work.final].filter((w) => w !== undefined).join(' → ')} ${work.name ?? 'units of work'})`
      )
    }
  }
  const workName = work?.name ?? series.find((s) => s.workName)?.workName ?? 'units of work'
  try {
    const heap = await analyzeHeapSnapshots({
      baseline: await source(plan.baseline),
      ...(plan.target ? { target: await source(plan.target) } : {}),
      final: await source(plan.final),
      ...(work ? { work: { ...work, name: workName } } : {}),
      options: judgeOptions(config),
      mapSite
    })
    const roles: Array<[string | undefined, InputSummary['role']]> = [
      [plan.baseline, 'heap-baseline'],
      [plan.target, 'heap-target'],
      [plan.final, 'heap-final']
    ]
    for (const [file, role] of roles) {
      if (!file) continue
      report.inputs.push({
        file,
        format: 'heapsnapshot',
        how: plan.how,
        role,
        rows: 0,
        series: [],
        note:
          role === 'heap-final'
            ? `read whole: survivors by class, dominators, retainer paths`
            : 'read by id only (largest object id)'
      })
    }
    report.notes.push(...heap.notes)
    return heap
  } catch (error) {
    report.errors.push(
      isInternalError(error)
        ? internalReportError(
            plan.final,
            'heap snapshots',
            error,
            'the heap snapshots were not compared; the series were judged'
          )
        : toReportError(error)
    )
    return undefined
  }
}

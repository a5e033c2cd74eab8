/**
 * leaking-class: the heap snapshots of one process name a class whose
 * objects, allocated during load phase 1, are still alive at the end in
 * numbers that scale with the work, and that kept growing in phase 2. Its
 * evidence is the class's row of the survivors table: how many, how much
 * they retain, per unit of work, where the class is defined and who holds
 * it. With two snapshots only, or snapshots of different processes, it
 * never fires (the table and a note still say what changed).
 *
 * Threshold (`checks: { Session: { leaking-class: 1000 } }`, or `*`): the
 * fewest phase-1 survivors (a count) or the fewest bytes they retain (a
 * size) to report; defaults 100 survivors and 64 KiB.
 */
import {
  formatCount,
  formatSize,
  HEAP_DEFAULTS,
  type HeapAnalysis,
  type HeapClassRow
} from '../../heap/index.js'
import type { Finding } from '../../model.js'
import { type AnalysisContext, judgesRest, makeFinding, type SignatureResult } from '../context.js'
import { lookupCheck } from '../thresholds.js'

/** "250 per 1k requests": the per-work rate scaled so the number reads well. */
export function formatPerWork(perWork: number, workName: string): string {
  const scales: Array<[number, string]> = [
    [1, ''],
    [1e3, '1k '],
    [1e6, '1M ']
  ]
  for (const [scale, label] of scales) {
    const value = perWork * scale
    if (value >= 1 || scale === 1e6)
      return `${formatCount(value >= 10 ? value : Math.round(value * 10) / 10)} per ${label || ''}${label ? workName : singular(workName)}`
  }
  return ''
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name
}

/** The one line a reviewer reads: what, how much, how fast, where defined, who holds it. */
export function describeLeakingClass(row: HeapClassRow, workName: string | undefined): string {
  const name = row.functionName ? `${row.className} ${row.functionName}` : row.className
  const figures = [`+${formatSize(row.retainedSize)} retained`]
  if (row.perWork !== null && workName) figures.push(formatPerWork(row.perWork, workName))
  const parts = [`+${formatCount(row.survivors)} \`${name}\` (${figures.join(', ')})`]
  if (row.definedAt) parts.push(`defined at ${row.definedAt}`)
  if (row.heldBy) parts.push(`held by ${row.heldBy}`)
  if (row.phase2Survivors !== null)
    parts.push(`still growing in phase 2 (+${formatCount(row.phase2Survivors)})`)
  return parts.join(', ')
}

/** Turns the heap analysis's leaking rows into findings. */
export function detectLeakingClass(context: AnalysisContext): SignatureResult {
  const result: SignatureResult = { findings: [], healthy: [] }
  const heap = context.heap
  if (!heap || !judgesRest(context)) return result
  if (heap.mode === 'three-snapshots' && !heap.rows.some((row) => row.status === 'leak')) {
    const ignored = heap.rows.filter((row) => row.status === 'ignored').slice(0, 3)
    result.healthy.push({
      key: 'heap',
      metric: 'heap snapshots',
      text:
        `no class allocated in phase 1 survives in numbers that grow in phase 2` +
        (ignored.length
          ? ` (largest: ${ignored.map((row) => `${row.className}: ${row.reason}`).join('; ')})`
          : '')
    })
  }
  for (const row of heap.rows) {
    const ref = { file: heap.final, metric: row.className }
    const key = `heap:${row.className}`
    const check = lookupCheck(context.config.checks, 'leaking-class', ref)
    if (row.status !== 'leak' || check?.setting === 'off') continue
    const setting = check?.setting
    const minCount = setting && setting.unit === 'count' ? setting.amount : HEAP_DEFAULTS.minCount
    const minRetained =
      setting && setting.unit === 'bytes' ? setting.amount : HEAP_DEFAULTS.minRetained
    if (row.survivors < minCount || row.retainedSize < minRetained) {
      result.healthy.push({
        key,
        metric: row.className,
        text: `${formatCount(row.survivors)} survivors retaining ${formatSize(row.retainedSize)}, under the threshold ${setting ? setting.text : ''}`.trim()
      })
      continue
    }
    result.findings.push(
      makeFinding(
        key,
        'leaking-class',
        heap.final,
        row.className,
        'fail',
        describeLeakingClass(row, heap.work?.name),
        {
          survivors: row.survivors,
          phase2Survivors: row.phase2Survivors,
          selfSize: row.selfSize,
          retainedSize: row.retainedSize,
          perWork: row.perWork,
          workName: heap.work?.name ?? null,
          definedAt: row.definedAt ?? null,
          heldBy: row.heldBy ?? null,
          owns: row.owns.map((o) => `${formatCount(o.count)} ${o.className}`).join(', ') || null,
          snapshots: [heap.baseline, heap.target, heap.final].filter(Boolean).join(' → ')
        }
      )
    )
  }
  return result
}

/** Where a leaking-class message starts quoting the series finding it explains. */
export const SERIES_QUOTE = '; the series say how fast: '

/** Memory-series signatures whose finding the heap snapshot can explain. */
const SERIES_SIGNATURES = new Set(['sustained-growth', 'rising-floor', 'per-work-cost'])

/**
 * Joins the two views when both fail: the series say how fast, the
 * snapshot says what. The leaking-class finding quotes the series finding;
 * with two snapshots (never a finding of its own) the series finding names
 * the class that grew most since the baseline.
 */
export function joinHeapAndSeries(findings: Finding[], heap: HeapAnalysis): void {
  const series = findings.find((f) => f.level === 'fail' && SERIES_SIGNATURES.has(f.signature))
  if (!series) return
  const leak = findings.find((f) => f.signature === 'leaking-class')
  if (leak) {
    leak.message = `${leak.message}${SERIES_QUOTE}${series.message}`
    leak.evidence.seriesFinding = series.id
    return
  }
  const grown = heap.rows
    .filter((row) => row.status === 'change' && !row.className.startsWith('('))
    .sort((a, b) => b.retainedSize - a.retainedSize)[0]
  if (heap.mode === 'two-snapshots' && grown) {
    series.message = `${series.message}; heap snapshots: most retained by new objects since the baseline: +${formatCount(grown.survivors)} \`${grown.className}\` (${formatSize(grown.retainedSize)})${grown.heldBy ? `, held by ${grown.heldBy}` : ''}`
    series.evidence.heapClass = grown.className
  }
}

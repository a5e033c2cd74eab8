/**
 * The "growing classes" table of class histograms (`histograms:`), shared by
 * the Markdown, HTML and text renderers: one row per class with its count in
 * each histogram, its growth per phase and per unit of work, and why it was
 * judged as it was. Cells are plain text here; each renderer escapes them
 * through `escape.ts`. Pure.
 */
import { formatBytes, formatCount, formatSignificant } from '../analyze/format.js'
import type { ClassGrowthRow, ClassGrowthTable, Report } from '../model.js'

const STATUS_ICON: Record<ClassGrowthRow['status'], string> = {
  leak: '❌ leak',
  grows: '↗ grows',
  ok: '✅ flat',
  shrinks: '↘ shrinks'
}

/** The title of one table: the tool and its files in order. */
export function classTableTitle(table: ClassGrowthTable): string {
  return `Growing classes (${table.tool}: ${table.files.join(' → ')})`
}

/** Column headers: one count column per histogram, one growth column per phase. */
export function classTableHeaders(table: ClassGrowthTable): string[] {
  const work = table.work.every((w) => w !== null)
  const at = (i: number): string =>
    i === 0 ? 'after warm-up' : table.files.length === 3 ? `after phase ${i}` : `#${i + 1}`
  const counts = table.files.map((_, i) =>
    work ? `${at(i)} (${formatCount(table.work[i])})` : at(i)
  )
  const phases = table.files.slice(1).map((_, i) => `Δ phase ${i + 1}`)
  const per = table.workName ? `per ${table.workName.replace(/s$/, '')}` : 'per unit of work'
  return ['', 'Class', ...counts, ...phases, ...(work ? [per] : []), 'Why']
}

/** One row of cells, plain text. */
export function classTableRow(table: ClassGrowthTable, row: ClassGrowthRow): string[] {
  const work = table.work.every((w) => w !== null)
  const value = (count: number | null, bytes: number | null): string => {
    if (table.quantity === 'bytes') return bytes === null ? '—' : formatBytes(bytes)
    if (count === null) return '—'
    return bytes === null ? formatCount(count) : `${formatCount(count)} (${formatBytes(bytes)})`
  }
  const signed = (v: number | null): string => {
    if (v === null) return '—'
    const text = table.quantity === 'bytes' ? formatBytes(Math.abs(v)) : formatCount(Math.abs(v))
    return `${v > 0 ? '+' : v < 0 ? '-' : ''}${text}`
  }
  return [
    STATUS_ICON[row.status],
    row.name,
    ...row.counts.map((count, i) => value(count, row.bytes[i])),
    ...row.growth.map(signed),
    ...(work ? [row.perWork === null ? '—' : formatSignificant(row.perWork)] : []),
    row.why
  ]
}

/** The tables of a report, in order; empty when no histograms were read. */
export function classTablesOf(report: Report): ClassGrowthTable[] {
  return report.classHistograms ?? []
}

/**
 * The survivors table of the heap snapshots (`report.heap`): one row per
 * class — the leaks first, then the largest classes with why they are not
 * a leak — with the figures the leaking-class finding quotes. Pure string
 * functions; all class names, paths and holders come from the artifact and
 * are escaped.
 */
import { formatCount, formatSize, type HeapAnalysis, type HeapClassRow } from '../heap/index.js'
import { escapeTableCell, flattenText } from './escape.js'

const STATUS: Record<HeapClassRow['status'], string> = {
  leak: '❌ leak',
  ignored: 'ignored',
  change: 'change'
}

function perWork(row: HeapClassRow, heap: HeapAnalysis): string {
  if (row.perWork === null || !heap.work) return '—'
  const per1k = row.perWork * 1000
  return `${per1k >= 10 ? formatCount(per1k) : per1k.toFixed(1)} per 1k ${heap.work.name}`
}

function className(row: HeapClassRow): string {
  return row.functionName ? `${row.className} ${row.functionName}` : row.className
}

/** The heading's one-line account of which snapshots were compared and how. */
export function heapCaption(heap: HeapAnalysis): string {
  const files = [heap.baseline, heap.target, heap.final].filter(Boolean).join(' → ')
  return heap.mode === 'three-snapshots'
    ? `${files}: objects allocated in phase 1 still alive at the end, and those of phase 2`
    : `${files}: objects allocated after the baseline still alive at the end (two snapshots: shown, not judged)`
}

/** Longest text of the artifact's own cells in the Markdown table (the figures are ours). */
const MARKDOWN_CELL_MAX: Record<string, number> = {
  Class: 120,
  'Per work': 60,
  'Defined at': 160,
  'Held by / why': 300
}

/** The Markdown table, at most `limit` rows. */
export function renderHeapMarkdown(heap: HeapAnalysis, limit: number): string {
  if (heap.rows.length === 0) return ''
  const { headers, rows: cellRows } = heapTableCells(heap, limit)
  const rows = cellRows.map(({ cells }) =>
    cells.map((text, i) => {
      const max = MARKDOWN_CELL_MAX[headers[i]]
      return max === undefined ? text : escapeTableCell(text, max)
    })
  )
  const lines = [
    `_${escapeTableCell(heapCaption(heap), 400)}_`,
    '',
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`)
  ]
  if (heap.rows.length > limit)
    lines.push('', `_✂️ ${heap.rows.length - limit} more classes not shown here._`)
  return lines.join('\n')
}

/**
 * The same table as plain cells (not escaped), for renderers with their own
 * escaping (Markdown, HTML): headers, then at most `limit` rows.
 */
export function heapTableCells(
  heap: HeapAnalysis,
  limit: number
): { headers: string[]; rows: Array<{ cells: string[]; leak: boolean }> } {
  const three = heap.mode === 'three-snapshots'
  const headers = [
    'Class',
    'Survivors',
    'Retained',
    ...(three ? ['Phase 2'] : []),
    'Per work',
    'Status',
    'Defined at',
    'Held by / why'
  ]
  const rows = heap.rows.slice(0, limit).map((row) => {
    const why = row.status === 'leak' ? (row.heldBy ?? row.reason) : row.reason
    const owns = row.owns.length
      ? ` (owns ${row.owns.map((o) => `${formatCount(o.count)} ${o.className}`).join(', ')})`
      : ''
    const cells = [
      className(row),
      `+${formatCount(row.survivors)}`,
      formatSize(row.retainedSize),
      ...(three
        ? [row.phase2Survivors === null ? '—' : `+${formatCount(row.phase2Survivors)}`]
        : []),
      perWork(row, heap),
      STATUS[row.status],
      row.definedAt ?? '—',
      why + owns
    ]
    return { cells, leak: row.status === 'leak' }
  })
  return { headers, rows }
}

/** Plain-text lines of the same table, for `--format text`. */
export function renderHeapText(heap: HeapAnalysis, limit: number): string[] {
  return heap.rows.slice(0, limit).map((row) => {
    const figures = [`+${formatCount(row.survivors)}`, formatSize(row.retainedSize)]
    if (row.phase2Survivors !== null) figures.push(`phase 2 +${formatCount(row.phase2Survivors)}`)
    const where = row.definedAt ? `, defined at ${row.definedAt}` : ''
    const why =
      row.status === 'leak' ? (row.heldBy ? `held by ${row.heldBy}` : row.reason) : row.reason
    return flattenText(
      `${STATUS[row.status]}  ${className(row)}: ${figures.join(', ')}${where}; ${why}`,
      400
    )
  })
}

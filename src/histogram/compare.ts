/**
 * The one table differ for every class histogram format: per class, its
 * growth in each phase between histograms of one process, and the
 * `leaking-class` judgement. With three histograms (after warm-up → after
 * load phase 1 → after load phase 2) a class fails when it grows in both
 * phases, by at least the threshold each time, and phase 2 grows at least
 * half as fast as phase 1 per unit of work (so it scales with the work; a
 * cache that fills in phase 1 and slows down in phase 2 does not fail).
 * Without work numbers the phases are taken as equal in work, and a note
 * says so. Two histograms only show the change: one difference cannot tell
 * a leak from a warm-up, so it never fails alone. Pure.
 */
import type { Checks } from '../config/types.js'
import { formatBytes, formatCount, formatSignificant } from '../analyze/format.js'
import { lookupCheck } from '../analyze/thresholds.js'
import type { ClassGrowthRow, ClassGrowthTable, Finding, HistogramInputFormat } from '../model.js'
import { HISTOGRAM_TOOLS, type Histogram, type HistogramRow } from './types.js'

/** Defaults of `leaking-class`, quoted by docs and tests. */
export const CLASS_DEFAULTS = {
  /** Fewest objects a class must gain in each phase. */
  minCount: 100,
  /** Fewest bytes in each phase, where only sizes are printed (pprof inuse_space). */
  minBytes: 1024 * 1024,
  /** Phase 2's growth per unit of work, at least this fraction of phase 1's. */
  keepsGrowingFraction: 0.5,
  /** Rows shown in the table besides the leaking ones. */
  shownRows: 15
} as const

/** What the comparison needs besides the histograms. */
export interface CompareOptions {
  checks: Checks
  /** Work done at each histogram (same order), when known. */
  work?: Array<number | undefined>
  workName?: string
}

/** The table for the report and the findings of `leaking-class`. */
export interface CompareResult {
  table: ClassGrowthTable
  findings: Finding[]
}

/**
 * Compares class histograms of one process, oldest first.
 *
 * @example compareHistograms([h0, h1, h2], { checks: {} }).findings[0].metric // 'Leaky$Session'
 */
export function compareHistograms(histograms: Histogram[], options: CompareOptions): CompareResult {
  const format = histograms[0].format as HistogramInputFormat
  const last = histograms[histograms.length - 1]
  const quantity: 'count' | 'bytes' = histograms.some((h) =>
    h.rows.some((r) => r.count !== undefined || r.countDelta !== undefined)
  )
    ? 'count'
    : 'bytes'
  const notes: string[] = []
  const cumulative = histograms.find((h) => h.sampleType?.startsWith('alloc_'))
  let judged = histograms.length >= 3
  if (histograms.length < 3)
    notes.push(
      `${histograms.length} histogram${histograms.length === 1 ? '' : 's'}: the per-class change is shown, never judged alone (three are needed: after warm-up, after load phase 1, after load phase 2)`
    )
  if (cumulative && judged) {
    judged = false
    notes.push(
      `${cumulative.file}: ${cumulative.sampleType} counts every allocation since the start, live or not, so it always grows: shown, not judged (use -sample_index=inuse_space or inuse_objects)`
    )
  }
  const works = histograms.map((_, i) => options.work?.[i])
  const workKnown = works.every((w) => w !== undefined)
  const phaseWork = histograms
    .slice(1)
    .map((_, i) => (workKnown ? (works[i + 1] as number) - (works[i] as number) : undefined))
  if (judged && !workKnown)
    notes.push(
      'no work count for every histogram: the phases are taken as equal in work (write "# leak-gate: work=N" above each, or give a series with a work column and "time=")'
    )
  else if (judged && phaseWork.some((w) => w === undefined || w <= 0)) {
    judged = false
    notes.push(
      `the work count does not rise between the histograms (${works.join(' → ')}): not judged`
    )
  }
  if (histograms.length > 3)
    notes.push(
      `${histograms.length} histograms: phase 1 is ${histograms[0].file} → ${histograms[Math.ceil((histograms.length - 1) / 2)].file}, phase 2 the rest`
    )

  const names = new Set<string>()
  for (const h of histograms) for (const row of h.rows) names.add(row.name)
  const byName = histograms.map((h) => new Map(h.rows.map((row) => [row.name, row])))
  const rows: Array<ClassGrowthRow & { order: number }> = []
  const findings: Finding[] = []
  for (const name of names) {
    const cells = byName.map((m) => m.get(name))
    const growth = histograms.slice(1).map((_, i) => phaseGrowth(histograms, cells, i + 1, 'count'))
    const bytesGrowth = histograms
      .slice(1)
      .map((_, i) => phaseGrowth(histograms, cells, i + 1, 'bytes'))
    const judgedGrowth = quantity === 'count' ? growth : bytesGrowth
    const row: ClassGrowthRow = {
      name,
      counts: cells.map((c) => c?.count ?? null),
      bytes: cells.map((c) => c?.bytes ?? null),
      growth: judgedGrowth,
      bytesGrowth,
      perWork: null,
      status: 'ok',
      why: ''
    }
    const lastGrowth = judgedGrowth[judgedGrowth.length - 1]
    const lastWork = phaseWork[phaseWork.length - 1]
    if (lastGrowth !== null && lastWork !== undefined && lastWork > 0)
      row.perWork = lastGrowth / lastWork
    row.status =
      lastGrowth === null ? 'ok' : lastGrowth > 0 ? 'grows' : lastGrowth < 0 ? 'shrinks' : 'ok'
    if (judged) judgeRow(row, histograms, phaseWork, quantity, options, last.file, findings)
    else
      row.why =
        lastGrowth === null
          ? 'not printed in every histogram'
          : describeChange(row, quantity, options.workName)
    rows.push({ ...row, order: Math.max(...judgedGrowth.map((g) => g ?? 0)) })
  }
  rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(isRuntimeClass(a.name)) - Number(isRuntimeClass(b.name)) ||
      b.order - a.order ||
      a.name.localeCompare(b.name)
  )
  // Findings in the table's order: the application's classes before the runtime's containers they hold.
  const order = new Map(rows.map((row, i) => [row.name, i]))
  findings.sort((a, b) => (order.get(a.metric) ?? 0) - (order.get(b.metric) ?? 0))
  const shown = rows
    .filter((r, i) => r.status === 'leak' || (i < CLASS_DEFAULTS.shownRows && r.order > 0))
    .map(({ order: _order, ...row }) => row)
  return {
    table: {
      tool: HISTOGRAM_TOOLS[format],
      files: histograms.map((h) => h.file),
      work: works.map((w) => w ?? null),
      ...(options.workName ? { workName: options.workName } : {}),
      judged,
      quantity,
      classes: names.size,
      rows: shown,
      notes
    },
    findings
  }
}

/**
 * Classes of the runtime itself (JDK `java.*`, arrays like `[B`; Python
 * builtins; Go `runtime.`): a leak of application objects grows them too
 * (the byte arrays, strings and map nodes a leaked Session holds), so the
 * application's own classes are listed first, where the reader looks.
 */
export function isRuntimeClass(name: string): boolean {
  return (
    /^(\[|java\.|javax\.|jdk\.|sun\.|com\.sun\.)/.test(name) ||
    /^(runtime\.|sync\.|bufio\.|bytes\.|strings\.|reflect\.|encoding\/)/.test(name) ||
    /^(<class '(builtins\.)?)?(list|dict|tuple|str|int|float|set|frozenset|bytes|bytearray|function|cell|method|weakref|ReferenceType|type|code|frame|builtin_function_or_method|getset_descriptor|wrapper_descriptor|method_descriptor|member_descriptor|module)$/.test(
      name
    )
  )
}

function rank(row: ClassGrowthRow): number {
  return row.status === 'leak' ? 0 : row.status === 'grows' ? 1 : 2
}

/**
 * Growth of a class from histogram i-1 to i: the difference of totals when
 * both print one (a class missing from a complete histogram has none), else
 * the change the tool printed itself (print_diff, show_growth, compare_to);
 * a type objgraph leaves out did not pass its peak (0); otherwise unknown.
 */
function phaseGrowth(
  histograms: Histogram[],
  cells: Array<HistogramRow | undefined>,
  i: number,
  what: 'count' | 'bytes'
): number | null {
  const before = histograms[i - 1]
  const after = histograms[i]
  const value = (h: Histogram, row: HistogramRow | undefined): number | undefined => {
    const own = what === 'count' ? row?.count : row?.bytes
    if (own !== undefined) return own
    return h.complete && !h.diffOnly ? 0 : undefined
  }
  if (after.diffOnly) {
    const delta = what === 'count' ? cells[i]?.countDelta : cells[i]?.bytesDelta
    return delta ?? 0
  }
  const a = value(before, cells[i - 1])
  const b = value(after, cells[i])
  if (a !== undefined && b !== undefined && (cells[i - 1] || cells[i])) return b - a
  const printed = what === 'count' ? cells[i]?.countDelta : cells[i]?.bytesDelta
  if (printed !== undefined) return printed
  if (!cells[i] && after.format === 'objgraph') return 0
  return null
}

/** Adds the phases of the first half and of the second half (three histograms: one each). */
function halves(values: Array<number | null | undefined>): [number | null, number | null] {
  const split = Math.ceil(values.length / 2)
  const add = (part: Array<number | null | undefined>): number | null =>
    part.some((v) => v === null || v === undefined)
      ? null
      : part.reduce<number>((s, v) => s + (v as number), 0)
  return [add(values.slice(0, split)), add(values.slice(split))]
}

function judgeRow(
  row: ClassGrowthRow,
  histograms: Histogram[],
  phaseWork: Array<number | undefined>,
  quantity: 'count' | 'bytes',
  options: CompareOptions,
  file: string,
  findings: Finding[]
): void {
  const [first, second] = halves(row.growth)
  const [workFirst, workSecond] = halves(phaseWork)
  const check = lookupCheck(options.checks, 'leaking-class', { file, metric: row.name })
  if (check?.setting === 'off') {
    row.why = `leaking-class off (checks.${check.key})`
    return
  }
  const setting = check?.setting
  const minimum =
    setting && (setting.unit === 'bytes') === (quantity === 'bytes')
      ? setting.amount
      : quantity === 'bytes'
        ? CLASS_DEFAULTS.minBytes
        : CLASS_DEFAULTS.minCount
  const show = (v: number): string => (quantity === 'bytes' ? formatBytes(v) : formatCount(v))
  if (first === null || second === null) {
    row.why = 'not printed in every histogram'
    return
  }
  const rateFirst = workFirst ? first / workFirst : first
  const rateSecond = workSecond ? second / workSecond : second
  const per = options.workName ? singular(options.workName) : 'unit of work'
  const rate = (v: number): string => `${formatSignificant(v)} per ${per}`
  if (first < minimum || second < minimum) {
    row.why =
      first > 0 && second > 0
        ? `grows under the threshold (${show(minimum)} per phase)`
        : describeChange(row, quantity, options.workName)
    return
  }
  if (rateSecond < CLASS_DEFAULTS.keepsGrowingFraction * rateFirst) {
    row.why =
      `slowing: phase 2 grew ${formatSignificant((100 * rateSecond) / rateFirst)} % as fast as phase 1` +
      `${workFirst ? ' per ' + per : ''} (a cache filling up?)`
    return
  }
  row.status = 'leak'
  const perWork = workSecond ? `, ${rate(rateSecond)} (phase 1: ${rate(rateFirst)})` : ''
  row.why = `grows in both phases${perWork}`
  const bytes = halves(row.bytesGrowth)
  const lastCount = row.counts[row.counts.length - 1]
  const lastBytes = row.bytes[row.bytes.length - 1]
  const held =
    lastCount !== null || lastBytes !== null
      ? `; ${[lastCount !== null ? formatCount(lastCount) : null, lastBytes !== null ? formatBytes(lastBytes) : null].filter(Boolean).join(', ')} at the end`
      : ''
  const unit = quantity === 'bytes' ? '' : ' objects'
  const size = quantity === 'count' && bytes[1] !== null ? ` (${signedBytes(bytes[1])})` : ''
  const message =
    `${row.name}: +${show(first)}${unit} in phase 1 and +${show(second)} in phase 2${size}` +
    `${workSecond ? `, ${rate(rateSecond)}` : ''}: keeps growing with the work${held} ` +
    `(${histograms.map((h) => h.file).join(' → ')})`
  findings.push({
    id: `leaking-class:${file}:${row.name}`,
    signature: 'leaking-class',
    metric: row.name,
    source: file,
    level: 'fail',
    message,
    evidence: {
      tool: HISTOGRAM_TOOLS[histograms[0].format],
      quantity,
      phase1Growth: first,
      phase2Growth: second,
      phase1BytesGrowth: bytes[0],
      phase2BytesGrowth: bytes[1],
      phase1Work: workFirst ?? null,
      phase2Work: workSecond ?? null,
      perWork: workSecond ? rateSecond : null,
      finalCount: lastCount,
      finalBytes: lastBytes,
      files: histograms.map((h) => h.file).join(' → '),
      threshold: `${show(minimum)} per phase, phase 2 at least ${CLASS_DEFAULTS.keepsGrowingFraction * 100} % of phase 1's rate`
    }
  })
}

function describeChange(
  row: ClassGrowthRow,
  quantity: 'count' | 'bytes',
  workName?: string
): string {
  const last = row.growth[row.growth.length - 1]
  if (last === null) return 'not printed in every histogram'
  if (last === 0) return 'unchanged'
  const text =
    quantity === 'bytes' ? signedBytes(last) : `${last > 0 ? '+' : ''}${formatCount(last)}`
  const per =
    row.perWork !== null
      ? `, ${formatSignificant(row.perWork)} per ${workName ? singular(workName) : 'unit of work'}`
      : ''
  return `${text} in the last phase${per}`
}

function signedBytes(value: number): string {
  return `${value >= 0 ? '+' : '-'}${formatBytes(Math.abs(value))}`
}

/** `requests` → `request`. */
function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.replace(/ies$/, 'y')
  if (/(ss|us)$/.test(noun)) return noun
  return noun.replace(/s$/, '')
}

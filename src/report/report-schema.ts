/**
 * The schema of the JSON report (`leak-gate-report.json`, `--format json`),
 * version 1: what {@link Report} may hold, with enums as enums, numbers as
 * finite numbers and every string and list bounded. Published as
 * `schema/leak-gate-report.schema.json` (`npm run schema`) for other tools,
 * and used by `mode: report` to check a report relayed from a run that may
 * have executed a fork's code before any of it is rendered.
 *
 * Versioning: `version` is the format's major version. Adding an optional
 * key keeps it (readers, this one included, ignore keys they do not know:
 * they are dropped, never rendered); removing a key, changing its meaning or
 * type, or adding a required one makes it 2, with a new schema file.
 * Keep this file in step with `model.ts`: a test validates real reports.
 */
import { z } from 'zod'
import {
  HISTOGRAM_FORMATS,
  INPUT_FORMATS,
  METRIC_KINDS,
  NOTICE_IDS,
  SIGNATURE_IDS
} from '../model.js'

/** Where the published schema lives. */
export const REPORT_SCHEMA_URL = 'https://unpkg.com/leak-gate/schema/leak-gate-report.schema.json'

/** Bounds: generous for any real report, small enough that a hostile one cannot flood the renderer. */
export const REPORT_LIMITS = {
  /** Names, ids, paths, units: one line each. */
  name: 2_000,
  /** Messages, explanations, notes. */
  text: 10_000,
  /** Findings, metrics, inputs, errors, notes… per list. */
  items: 100_000,
  /** Points of one chart. */
  points: 10_000,
  /** Sections (artifacts) of one report. */
  sections: 1_000
} as const

const name = z.string().max(REPORT_LIMITS.name)
const text = z.string().max(REPORT_LIMITS.text)
const finite = z.number()
const count = z.number().int().min(0)
const list = <T extends z.ZodType>(item: T) => z.array(item).max(REPORT_LIMITS.items)
/** A number that JSON wrote as null because it was not finite (or unknown). */
const maybe = finite.nullable()
const points = z.array(maybe).max(REPORT_LIMITS.points)

const signature = z.enum([...SIGNATURE_IDS, ...NOTICE_IDS])
const unit = z.enum(['bytes', 'percent', 'count'])
const timeBase = z.enum(['epoch', 'clock', 'none'])
const status = z.enum(['leak', 'warn', 'ok', 'suppressed'])
const window = z.enum(['steady', 'last-half'])

const finding = z.object({
  id: name.describe('Stable id: signature:source:metric'),
  signature: signature.describe('Leak signature (see docs/signatures.md) or notice'),
  metric: name,
  source: name.describe('File (and group) the metric came from'),
  level: z.enum(['fail', 'warn']),
  message: text.describe('One line with the decisive numbers'),
  evidence: z
    .record(name, z.union([finite, name, z.boolean(), z.null()]))
    .refine((value) => Object.keys(value).length <= 100, 'at most 100 evidence keys')
    .describe('The numbers behind the message')
})

const suppressedFinding = finding.extend({
  reason: text,
  until: name.optional()
})

const seriesChart = z.object({
  xAxis: z.enum(['time', 'work', 'index']),
  x: points,
  value: points,
  floor: points,
  peak: points,
  warmupEndX: maybe,
  trend: z
    .object({ x0: finite, y0: finite, slope: finite, slopeLow: finite, slopeHigh: finite })
    .nullable(),
  segments: z
    .array(z.object({ x0: finite, x1: finite }))
    .max(64)
    .optional()
    .describe("Where the steady part was cut at level resets: each segment's x range")
})

const seriesAnalysis = z.object({
  kind: z.literal('series'),
  id: name,
  file: name,
  metric: name,
  group: name.optional(),
  metricKind: z.enum(METRIC_KINDS),
  unit,
  samples: count,
  points: count,
  reduced: z.boolean(),
  timeBase,
  start: maybe,
  end: maybe,
  steadyStart: maybe,
  steadyEnd: maybe,
  warmupPoints: count,
  firstValue: maybe,
  lastValue: maybe,
  steadyFirstValue: maybe.optional(),
  minValue: maybe,
  maxValue: maybe,
  slopePerHour: maybe,
  slopeLowPerHour: maybe,
  slopeHighPerHour: maybe,
  floorSlopePerHour: maybe,
  floorSlopeLowPerHour: maybe,
  floorSlopeHighPerHour: maybe,
  pValue: maybe,
  floorPValue: maybe,
  slopePerWork: maybe,
  slopePerWorkLow: maybe,
  slopePerWorkHigh: maybe,
  workName: name.optional(),
  limit: finite.optional(),
  left: finite
    .optional()
    .describe(
      "Set when the input's figure was memory left (a free heap): what was free at its highest reading, bytes; the values are the memory used out of it since"
    ),
  hoursToLimit: maybe,
  segments: z
    .object({ count, restarts: count, slopePerHour: maybe, pValue: finite })
    .optional()
    .describe('The steady part judged within the segments between restarts'),
  trendWindow: window.optional(),
  floorWindow: window.optional(),
  trendWindowStart: maybe.optional(),
  status,
  explanation: text,
  chart: seriesChart
})

const snapshotAnalysis = z.object({
  kind: z.literal('snapshot'),
  metric: name,
  metricKind: z.enum(METRIC_KINDS),
  unit,
  baseline: maybe,
  post: maybe,
  delta: maybe,
  changePercent: maybe,
  perWork: maybe,
  workName: name.optional(),
  work: finite.optional(),
  status,
  explanation: text
})

const inputSummary = z.object({
  file: name,
  format: z.enum([...INPUT_FORMATS, ...HISTOGRAM_FORMATS, 'heapsnapshot']),
  how: z.enum(['config', 'detected']),
  role: z.enum([
    'series',
    'baseline',
    'post',
    'histogram',
    'heap-baseline',
    'heap-target',
    'heap-final'
  ]),
  rows: count,
  series: list(name),
  note: text.optional()
})

/** Growing classes of a class histogram sequence (`histograms:`). */
const classGrowthTable = z.object({
  tool: name,
  files: list(name),
  work: points,
  workName: name.optional(),
  judged: z.boolean(),
  quantity: z.enum(['count', 'bytes']),
  classes: count,
  rows: list(
    z.object({
      name,
      counts: points,
      bytes: points,
      growth: points,
      bytesGrowth: points,
      perWork: maybe,
      status: z.enum(['leak', 'grows', 'ok', 'shrinks']),
      why: text
    })
  ),
  notes: list(text)
})

/** The heap-snapshot comparison (`heap:`): the survivors table. */
const heapClassRow = z.object({
  className: name,
  survivors: count,
  selfSize: finite.min(0),
  retainedSize: finite.min(0),
  phase2Survivors: count.nullable(),
  perWork: finite.nullable(),
  status: z.enum(['leak', 'ignored', 'change']),
  reason: text,
  functionName: name.optional(),
  definedAt: name.optional(),
  heldBy: text.optional(),
  owns: list(z.object({ className: name, count: count }))
})

const heapAnalysis = z.object({
  baseline: name,
  target: name.optional(),
  final: name,
  mode: z.enum(['three-snapshots', 'two-snapshots']),
  maxIds: list(count),
  work: z.object({ phase1: finite, phase2: finite, name }).optional(),
  totalSurvivors: count,
  rows: list(heapClassRow),
  notes: list(text)
})

const reportError = z.object({
  file: name.optional(),
  line: count.optional(),
  column: name.optional(),
  found: text.optional(),
  expected: text.optional(),
  message: text,
  internal: z.literal(true).optional()
})

const baseInfo = z.object({
  branch: name.optional(),
  commit: name.optional(),
  runId: z.number().int().positive().optional(),
  runUrl: name.optional(),
  createdAt: name.optional(),
  ageHours: finite.min(0).optional(),
  warning: text.optional(),
  chosen: z
    .enum(['merge-base', 'latest'])
    .optional()
    .describe("Which base run: the merge-base commit's, or the branch's newest usable one"),
  mergeBase: name.optional()
})

const trendLine = z.object({
  x0: finite,
  y0: finite,
  slope: finite,
  slopeLow: finite,
  slopeHigh: finite
})

/** One leaking process or container (`presentation.leaks`). */
const leakRow = z.object({
  unit: name.describe('A container, or the file(s) of the process'),
  level: z.enum(['fail', 'warn']),
  decisiveId: name,
  signature,
  metric: name,
  seriesId: name.optional(),
  findingIds: list(name),
  perWork: z
    .object({
      value: finite,
      metric: name,
      workName: name,
      unit,
      left: z
        .literal(true)
        .optional()
        .describe(
          'Set when the metric is memory left (a free heap): the value is the memory used out of it'
        ),
      kept: z
        .object({ value: finite, forced: z.boolean() })
        .optional()
        .describe(
          'What the post-test snapshot of the same metric kept per unit of work; forced for a live heap (read after a forced collection)'
        ),
      snapshot: z
        .object({ forced: z.boolean(), file: z.string().optional() })
        .optional()
        .describe(
          "Set when the cost is the post-test snapshot's own (delta per unit of work, no trend's); forced for a live heap; file: the post-test snapshot's, when the row is named by its series' files"
        )
    })
    .nullable(),
  limit: z
    .object({
      hoursToLimit: finite,
      limit: maybe,
      metric: name,
      killedAfterMs: maybe
        .optional()
        .describe('Set when killed at the limit: ms after the first reading'),
      aboveLevel: finite
        .optional()
        .describe('Set when the series stands above its limit at the end: its level there')
    })
    .nullable(),
  growth: z
    .object({
      amount: finite,
      windowMs: maybe,
      perHour: maybe.describe('Only when the window measured is at least 10 minutes'),
      pValue: maybe,
      metric: name,
      unit,
      left: z
        .literal(true)
        .optional()
        .describe(
          'Set when the metric is memory left (a free heap): the amount is the memory used out of it'
        ),
      restarts: finite
        .optional()
        .describe('Restarts the trend was judged across (segment by segment)')
    })
    .nullable(),
  sentence: text
})

/** The window a series is shown on (`presentation.views`). */
const seriesWindowView = z.object({
  id: name,
  window,
  start: maybe,
  end: maybe,
  windowMs: maybe,
  startOffsetMs: maybe,
  steadyMs: maybe,
  warmupMs: maybe,
  basis: z.enum(['mean', 'floor']),
  findingId: name.optional(),
  trend: trendLine.nullable()
})

/** What the reader sees first, as the analysis decided it; renderers only format it. */
const presentation = z.object({
  version: z.literal(1),
  headline: z.object({
    title: name,
    sentence: text,
    findingId: name.optional(),
    metric: name.optional()
  }),
  leaks: list(leakRow).describe('Worst first: cost per unit of work, time to the limit, growth'),
  views: list(seriesWindowView),
  suppressUntil: z
    .string()
    .regex(/^\d{4}-\d\d-\d\d$/)
    .optional()
})

/** One run's own verdict, as if it had been the only run. */
const runVerdict = z.object({
  name: name.describe('run-2, leak-test-1, run 3 (appended)'),
  verdict: z.enum(['pass', 'warn', 'fail']),
  findingId: name.optional().describe('The finding that decided it'),
  finding: text.optional().describe("That finding's message")
})

/** Repeated runs of one test and the leaks confirmed across them (`runs:` in the config). */
const runsSummary = z.object({
  by: z.enum(['folders', 'artifacts', 'appended']),
  required: count.describe('Runs that must fail with the same leak (k)'),
  confirm: name.describe('How required was set: majority, all or a number'),
  total: count.describe('Runs found (N)'),
  failed: count.describe('Runs whose own verdict is fail'),
  confirmed: z.boolean().describe('Some leak failed in at least `required` runs'),
  sentence: text,
  runs: list(runVerdict),
  leaks: list(
    z.object({
      name: name.describe('The series with its run left out: run-*/memory.csv:heapUsed'),
      runs: list(name).describe('Runs in which it failed'),
      confirmed: z.boolean()
    })
  ).describe('Leaks that failed in at least one run, most runs first')
})

const reportFields = {
  version: z.literal(1).describe('Format version (this schema: 1)'),
  verdict: z.enum(['pass', 'warn', 'fail', 'error']),
  findings: list(finding),
  suppressed: list(suppressedFinding),
  metrics: list(z.discriminatedUnion('kind', [seriesAnalysis, snapshotAnalysis])),
  inputs: list(inputSummary),
  errors: list(reportError),
  healthy: list(text).describe('Why healthy things are healthy'),
  notes: list(text),
  config: name.describe("The configuration used: a path, or 'zero-config'"),
  root: name.describe('The artifact root analysed'),
  base: baseInfo.optional().describe('The base run a regression comparison used'),
  classHistograms: list(classGrowthTable)
    .optional()
    .describe('Growing classes per class histogram sequence (histograms:)'),
  presentation: presentation
    .optional()
    .describe('Headline, leak rows and windows decided by the analysis (absent in older reports)'),
  heap: heapAnalysis
    .optional()
    .describe('Heap snapshots: survivors by class (leaking-class), when heap snapshots were given'),
  runs: runsSummary
    .optional()
    .describe(
      "Repeated runs (runs: in the config): each run's verdict, leaks confirmed across runs"
    )
}

/** One artifact's report inside a combined one. */
const sectionReport = z.object(reportFields)

/** The JSON report, version 1. */
export const reportSchema = z
  .object({
    ...reportFields,
    sections: z
      .array(z.object({ name, report: sectionReport }))
      .max(REPORT_LIMITS.sections)
      .optional()
      .describe('One report per artifact when several were analysed')
  })
  .describe('leak-gate JSON report, version 1')

/** The report's JSON Schema (draft 2020-12), as published in `schema/`. */
export function buildReportJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(reportSchema, {
    io: 'input',
    target: 'draft-2020-12'
  })
  return {
    $schema,
    $id: REPORT_SCHEMA_URL,
    title: 'leak-gate JSON report',
    $comment:
      'Version 1 (the report\'s "version" key). Readers ignore keys they do not know; a new optional key keeps the version, any other change makes it 2.',
    ...rest
  }
}

/** Why a value is not a report: up to `max` problems, each `path: what was expected` (never the value). */
export function reportProblems(value: unknown, max = 5): string[] {
  const result = reportSchema.safeParse(value)
  if (result.success) return []
  return result.error.issues.slice(0, max).map((issue) => {
    // keys come from the checked JSON: a key that is not a plain name is not quoted
    const path = issue.path
      .map((part, index) =>
        typeof part === 'number'
          ? `[${part}]`
          : /^[A-Za-z0-9_]{1,40}$/.test(String(part))
            ? `${index ? '.' : ''}${String(part)}`
            : '[…]'
      )
      .join('')
    return `${path || '(top level)'}: ${issue.message}`
  })
}

/**
 * The shape of `.github/leak-gate.yml` as the user writes it (SPEC §3), as a
 * zod schema. It is the one place that knows the YAML spelling: every object
 * is strict (an unknown key is an error that lists the allowed keys), every
 * unit-bearing value is checked by the converters of `quantities.ts`, and
 * `npm run schema` turns it into `schema/leak-gate.schema.json` so editors
 * autocomplete and flag the file while it is typed. Put this first line in
 * the config file to get that in VS Code (YAML extension) and other editors:
 *
 * ```yaml
 * # yaml-language-server: $schema=https://unpkg.com/leak-gate/schema/leak-gate.schema.json
 * ```
 *
 * Conversion to {@link LeakGateConfig} (bytes, ms, per hour) happens in
 * `parse-config.ts`; this file only validates, so the JSON Schema stays exact.
 */
import { z } from 'zod'
import { compileTimeFormat, orderOfTimeFormat } from '../understand/date-forms.js'
import { clockFormOfTimeFormat } from '../understand/elapsed-forms.js'
import {
  HISTOGRAM_FORMATS,
  INPUT_FORMATS,
  METRIC_KINDS,
  SIGNATURE_IDS,
  type SignatureId
} from '../model.js'
import { insideRootProblem } from './globs.js'
import {
  DURATION_RE,
  LEVELLED_SIGNATURES,
  LIMIT_EXPECTED,
  PERCENT_RE,
  SIZE_RE,
  THRESHOLD_EXPECTED,
  THRESHOLD_RE,
  WARMUP_EXPECTED,
  WORK_RE,
  isInvalid,
  parseLimit,
  parseThreshold,
  parseWarmup
} from './quantities.js'

/** URL of the published JSON Schema, for the `yaml-language-server` hint. */
export const SCHEMA_URL = 'https://unpkg.com/leak-gate/schema/leak-gate.schema.json'

/** Keys allowed at the top of the file. */
export const TOP_KEYS = [
  'warmup',
  'series',
  'snapshots',
  'histograms',
  'heap',
  'checks',
  'ignore',
  'runs'
] as const
/** Keys allowed in a `series:` entry. */
export const SERIES_KEYS = [
  'file',
  'format',
  'time',
  'work',
  'group',
  'pattern',
  'limit',
  'metrics',
  'unit',
  'time-unit',
  'time-format'
] as const
/** Units a series' plain memory numbers may be in (`unit:`). */
export const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'kB', 'MB', 'GB'] as const
/** Units of a numeric time column (`time-unit:`). */
export const TIME_UNITS = ['s', 'ms', 'us', 'ns'] as const
/** Keys allowed in `snapshots:`. */
export const SNAPSHOT_KEYS = ['baseline', 'post', 'work', 'metrics'] as const
/** Keys allowed in `histograms:`. */
export const HISTOGRAM_KEYS = ['baseline', 'target', 'final', 'format', 'pympler', 'work'] as const
/** Keys allowed in `heap:`. */
export const HEAP_KEYS = ['baseline', 'target', 'final', 'work'] as const
/** Keys allowed in `heap.work`. */
export const HEAP_WORK_KEYS = ['baseline', 'target', 'final', 'name'] as const
/** Keys allowed in an `ignore:` entry. */
export const IGNORE_KEYS = ['signature', 'metric', 'reason', 'until'] as const
/** Keys allowed in `runs:`. */
export const RUNS_KEYS = ['confirm', 'from'] as const
/** Where repeated runs of one test are saved (`runs.from`). */
export const RUNS_FROM = ['folders', 'artifacts', 'appended'] as const
/** What `runs.confirm` must look like. */
export const CONFIRM_EXPECTED =
  'a number of runs (1 or more), "majority" or "all": how many runs must fail with the same leak'

/** What a glob must look like, quoted in errors. */
export const GLOB_EXPECTED = 'a glob relative to the artifact root like "docker_stats*.csv"'
/** What a `pattern` must look like. */
export const PATTERN_EXPECTED = 'a regular expression with named groups like "live=(?<live>\\d+)"'
/** What `time-format` must look like. */
export const TIME_FORMAT_EXPECTED =
  'a date order (MM/DD/YYYY or DD/MM/YYYY), mm:ss (elapsed) or HH:mm (clock), or a pattern with a year, a month and a day like "DD_MMM_YYYY_HH_mm_ss"'
/** What `until` must look like. */
export const DATE_EXPECTED = 'a date like "2027-01-31"'

/** Message for a map where something else was found (objects only, not their keys). */
function mapError(expected: string) {
  return (issue: { code: string }) => (issue.code === 'invalid_type' ? expected : undefined)
}

/** A string field with one "expected" text for every way it can be wrong. */
function text(expected: string) {
  return z.string({ error: expected }).min(1, { error: expected })
}

/** A number-or-text field checked by a converter of `quantities.ts`. */
function converted(
  expected: string,
  pattern: RegExp,
  convert: (value: unknown) => unknown,
  allowNumber: boolean
) {
  const asText = z.string({ error: expected }).regex(pattern, { error: expected })
  const asNumber = z.number({ error: expected }).nonnegative({ error: expected })
  const base = allowNumber ? z.union([asNumber, asText]) : asText
  return base.superRefine((value, context) => {
    const result = convert(value)
    if (isInvalid(result)) context.addIssue({ code: 'custom', message: result.error, input: value })
  })
}

const glob = text(GLOB_EXPECTED).superRefine((value, context) => {
  const problem = insideRootProblem(value)
  if (problem)
    context.addIssue({ code: 'custom', message: `${GLOB_EXPECTED} (${problem})`, input: value })
})

const regexSource = text(PATTERN_EXPECTED).superRefine((value, context) => {
  try {
    new RegExp(value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    context.addIssue({ code: 'custom', message: `${PATTERN_EXPECTED} (${reason})`, input: value })
    return
  }
  if (!/\(\?<[A-Za-z_$][\w$]*>/.test(value)) {
    context.addIssue({ code: 'custom', message: `${PATTERN_EXPECTED} (it has none)`, input: value })
  }
})

const kinds = z
  .record(z.string(), z.enum(METRIC_KINDS, { error: 'a metric kind' }), {
    error: 'a map of column → kind'
  })
  .meta({ description: 'Column (or metric) name → kind: memory, count, live, created, collected' })

const seriesEntry = z
  .strictObject(
    {
      file: glob.meta({
        description: 'Glob relative to the artifact root',
        examples: ['docker_stats*.csv']
      }),
      format: z
        .enum(INPUT_FORMATS, { error: 'an input format' })
        .optional()
        .meta({ description: 'Input format; default from the extension and content' }),
      time: text('a column name').optional().meta({ description: 'Time column' }),
      work: text('a column name')
        .optional()
        .meta({ description: 'Cumulative work counter column (requests, archives, tenants...)' }),
      group: text('a column name').optional().meta({
        description: 'One series per value of this column (docker-stats: the container name)'
      }),
      pattern: regexSource.optional().meta({
        description: 'Format log: a regular expression whose named groups are the columns'
      }),
      limit: converted(LIMIT_EXPECTED, SIZE_RE, parseLimit, true)
        .optional()
        .meta({
          description: 'Memory limit (docker-stats reads it from MemUsage)',
          examples: ['7.654GiB']
        }),
      metrics: kinds.optional(),
      unit: z
        .enum(SIZE_UNITS, { error: `a size unit: ${SIZE_UNITS.join(', ')}` })
        .optional()
        .meta({
          description:
            'Unit of plain numbers in memory columns (default B). ps, top, /proc and getrusage write KiB (their "kB" is 1024 bytes); V8\'s --trace-gc writes MB meaning MiB',
          examples: ['KiB']
        }),
      'time-unit': z
        .enum(TIME_UNITS, { error: `a time unit: ${TIME_UNITS.join(', ')}` })
        .optional()
        .meta({
          description:
            'Unit of a numeric time column (default: guessed from the size of epoch numbers). For elapsed times: performance.now() and --trace-gc count ms, process.hrtime.bigint() ns',
          examples: ['ms']
        }),
      'time-format': z
        .string({ error: TIME_FORMAT_EXPECTED })
        .refine(
          (format) =>
            orderOfTimeFormat(format) !== undefined ||
            clockFormOfTimeFormat(format) !== undefined ||
            compileTimeFormat(format) !== undefined,
          { error: TIME_FORMAT_EXPECTED }
        )
        .optional()
        .meta({
          description:
            'How the time column writes its dates when the file does not say: the day-month order of numeric dates (MM/DD/YYYY or DD/MM/YYYY; without it a day above 12 anywhere in the column settles the order, and a column that never settles it is an error unless the order changes no time apart or only one order steps forward as the rows do), mm:ss or HH:mm for a column of NN:NN values (elapsed minutes:seconds, or a clock without seconds; a column named elapsed/duration/uptime, one with a first field above 23, or one starting at 00:00 by steps under a minute is mm:ss without it), or a whole pattern of YYYY, YY, MMM (month name), MM, DD, HH, hh + A (AM/PM), mm, ss, SSS (fraction), Z (zone), other characters as written. Without a zone, times are UTC',
          examples: ['MM/DD/YYYY', 'DD/MM/YYYY', 'mm:ss', 'DD_MMM_YYYY_HH_mm_ss']
        })
    },
    { error: mapError('a series entry (a map with at least "file")') }
  )
  .superRefine((entry, context) => {
    if (entry.format === 'log' && entry.pattern === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `${PATTERN_EXPECTED} (format log needs one)`
      })
    }
  })

const snapshots = z
  .strictObject(
    {
      baseline: glob.meta({
        description: 'Snapshot before the load (json or prometheus)',
        examples: ['baseline.json']
      }),
      post: glob.meta({ description: 'Snapshot after the load', examples: ['post-test.json'] }),
      work: z
        .union([
          z
            .number({ error: 'a field name or a number' })
            .nonnegative({ error: 'a field name or a number' }),
          text('a field name or a number')
        ])
        .optional()
        .meta({ description: 'A field whose delta is the work done, or a fixed amount of work' }),
      metrics: kinds.optional()
    },
    { error: mapError('a map with "baseline" and "post"') }
  )
  .meta({ description: 'Baseline vs post-test snapshot comparison' })

const histograms = z
  .strictObject(
    {
      baseline: glob.meta({
        description:
          'Class histogram after warm-up (text: jcmd/jmap, objgraph, pympler, tracemalloc, pprof -top)',
        examples: ['histo-1.txt']
      }),
      target: glob.optional().meta({
        description:
          'Class histogram after load phase 1 (without it the change is shown, never judged)',
        examples: ['histo-2.txt']
      }),
      final: glob.meta({
        description: 'Class histogram after load phase 2',
        examples: ['histo-3.txt']
      }),
      format: z
        .enum(HISTOGRAM_FORMATS, { error: 'a class histogram format' })
        .optional()
        .meta({ description: 'Histogram format; default: told from the first lines' }),
      pympler: z.enum(['diff', 'totals'], { error: 'diff or totals' }).optional().meta({
        description:
          'pympler tables hold the change since the previous call (SummaryTracker.print_diff, default) or totals (summary.print_)'
      }),
      work: z
        .array(
          z
            .number({ error: 'a number of work units' })
            .nonnegative({ error: 'a number of work units' }),
          { error: 'a list of work counts, one per histogram' }
        )
        .optional()
        .meta({
          description: 'Work done (requests, jobs) when each histogram was taken, in order',
          examples: [[1000, 31000, 61000]]
        })
    },
    { error: mapError('a map with "baseline" and "final"') }
  )
  .meta({
    description: 'Class histograms of one process: the growing classes, judged by leaking-class'
  })

const workAmount = z
  .number({ error: 'a number of work units (cumulative)' })
  .nonnegative({ error: 'a number of work units (cumulative)' })

const heap = z
  .strictObject(
    {
      baseline: glob.meta({
        description:
          'V8 heap snapshot after warm-up (.heapsnapshot or .heapsnapshot.gz); read by id only',
        examples: ['heap-1.heapsnapshot']
      }),
      target: glob.optional().meta({
        description:
          'Snapshot of the same process after load phase 1; without it, only the per-class change since the baseline is shown (never fails)',
        examples: ['heap-2.heapsnapshot']
      }),
      final: glob.meta({
        description:
          'Snapshot of the same process after load phase 2: objects of phase 1 still alive here are the survivors',
        examples: ['heap-3.heapsnapshot']
      }),
      work: z
        .strictObject(
          {
            baseline: workAmount,
            target: workAmount.optional(),
            final: workAmount,
            name: text('a name like "requests"').optional()
          },
          {
            error: mapError(
              'a map of snapshot → cumulative work, like { baseline: 500, target: 5500, final: 10500 }'
            )
          }
        )
        .optional()
        .meta({
          description:
            'Cumulative work counter when each snapshot was taken (requests, jobs...), for survivors per unit of work; without it, read from the heap-snapshots.json the preload helper writes next to the snapshots'
        })
    },
    { error: mapError('a map with "baseline" and "final" (and "target")') }
  )
  .meta({
    description:
      'Heap snapshots of one process (after warm-up, after load phase 1, after phase 2): names the classes that leak'
  })

/** The schema of one signature's threshold: its own spelling, or `off`. */
function threshold(signature: SignatureId) {
  const expected = THRESHOLD_EXPECTED[signature]
  const pattern = new RegExp(`^(?:off|${THRESHOLD_RE[signature].source.slice(1, -1)})$`)
  const allowNumber =
    signature === 'retained-after-load' ||
    signature === 'per-work-cost' ||
    signature === 'leaking-class'
  const single = converted(
    expected,
    pattern,
    (value) => parseThreshold(signature, value),
    allowNumber
  )
  if (!LEVELLED_SIGNATURES.includes(signature))
    return single.optional().meta({ description: `${signature}: ${expected}` })
  const level = converted(
    expected,
    THRESHOLD_RE[signature],
    (value) => parseThreshold(signature, value),
    allowNumber
  )
  const levels = z
    .strictObject(
      { warn: level.optional(), fail: level.optional() },
      { error: mapError('warn and/or fail thresholds') }
    )
    .superRefine((value, context) => {
      const result = parseThreshold(signature, value)
      if (isInvalid(result))
        context.addIssue({ code: 'custom', message: result.error, input: value })
    })
  return z
    .union([single, levels])
    .optional()
    .meta({
      description: `${signature}: ${expected}, or {warn: …, fail: …} (growth beyond warn is a warning, beyond fail a failure)`
    })
}

const checkEntry = z.strictObject(
  Object.fromEntries(SIGNATURE_IDS.map((id) => [id, threshold(id)])) as Record<
    SignatureId,
    ReturnType<typeof threshold>
  >,
  { error: mapError('a map of signature id → threshold') }
)

const ignoreEntry = z.strictObject(
  {
    signature: z.enum(SIGNATURE_IDS, { error: 'a signature id' }),
    metric: text('a metric name or "*"')
      .optional()
      .meta({ description: 'Metric name, file-qualified name (memory.csv:rss) or "*" (default)' }),
    reason: text('a reason (shown in the report)'),
    until: text(DATE_EXPECTED)
      .superRefine((value, context) => {
        if (!isCalendarDate(value))
          context.addIssue({ code: 'custom', message: DATE_EXPECTED, input: value })
      })
      .optional()
      .meta({
        description: 'Date after which the suppression no longer applies',
        pattern: '^\\d{4}-\\d{2}-\\d{2}$'
      })
  },
  { error: mapError('an ignore entry (a map with "signature" and "reason")') }
)

const runs = z
  .strictObject(
    {
      confirm: z
        .union([
          z
            .number({ error: CONFIRM_EXPECTED })
            .int({ error: CONFIRM_EXPECTED })
            .min(1, { error: CONFIRM_EXPECTED }),
          // a refinement, not an enum: an error listing only the words would hide that numbers are allowed
          z
            .string({ error: CONFIRM_EXPECTED })
            .refine((value) => value === 'majority' || value === 'all', {
              error: CONFIRM_EXPECTED
            })
            .meta({ enum: ['majority', 'all'] })
        ])
        .optional()
        .meta({
          description:
            'Runs that must fail with the same leak (same series) for the verdict to fail: a number, "majority" (more than half, the default) or "all". Fewer is a warning: "1 of 3 runs failed; not confirmed"',
          examples: [2, 'majority', 'all']
        }),
      from: z
        .enum(RUNS_FROM, { error: `where the runs are: ${RUNS_FROM.join(', ')}` })
        .optional()
        .meta({
          description:
            'Where the repeated runs are: numbered folders holding the same files (run-1/, run-2/ …), the artifacts of the action input "artifact" (matrix repeats), or runs appended in one file. Default: found (artifacts holding the same files, else numbered folders, else appended runs)'
        })
    },
    { error: mapError('a map like { confirm: 2 } or { confirm: majority, from: folders }') }
  )
  .meta({
    description:
      "Repeated runs of the same load test: each run is judged on its own and shown side by side; the verdict fails only when enough runs fail with the same leak. In the action, read from the repository's config only: runs: in a leak-gate.yml shipped inside the artifact is ignored (with a note). At most 200 runs are confirmed across"
  })

/** The whole file. Every key is optional; an empty file means all defaults. */
export const configFileSchema = z
  .strictObject(
    {
      warmup: converted(
        WARMUP_EXPECTED,
        new RegExp(`${PERCENT_RE.source}|${DURATION_RE.source}|${WORK_RE.source}`),
        parseWarmup,
        true
      )
        .optional()
        .meta({
          description:
            'Start of each series left out of trend rules: a fraction, a duration or a work amount',
          examples: ['20%', '5m', '500 requests']
        }),
      series: z
        .array(seriesEntry, { error: 'a list of series entries' })
        .optional()
        .meta({ description: 'Time series inputs' }),
      snapshots: snapshots.optional(),
      histograms: histograms.optional(),
      heap: heap.optional(),
      checks: z
        .record(z.string(), checkEntry, { error: 'a map of metric name → thresholds' })
        .optional()
        .meta({
          description:
            'Thresholds by metric name (rss, memory.csv:rss, or * for all); keys are signature ids'
        }),
      ignore: z
        .array(ignoreEntry, { error: 'a list of ignore entries' })
        .optional()
        .meta({ description: 'Suppressions: shown in the report, never silent' }),
      runs: runs.optional()
    },
    { error: mapError('a map of settings') }
  )
  .meta({
    title: 'leak-gate configuration',
    description: 'leak-gate configuration (.github/leak-gate.yml)'
  })

/** The file as validated, before unit conversion. */
export type ConfigFile = z.infer<typeof configFileSchema>

/** Keys allowed at a path where an unknown key was found (for the error's allowed list). */
export function allowedKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return TOP_KEYS
  if (path[0] === 'series' && path.length === 2) return SERIES_KEYS
  if (path[0] === 'snapshots' && path.length === 1) return SNAPSHOT_KEYS
  if (path[0] === 'histograms' && path.length === 1) return HISTOGRAM_KEYS
  if (path[0] === 'heap' && path.length === 1) return HEAP_KEYS
  if (path[0] === 'heap' && path[1] === 'work' && path.length === 2) return HEAP_WORK_KEYS
  if (path[0] === 'checks' && path.length === 2) return SIGNATURE_IDS
  if (path[0] === 'ignore' && path.length === 2) return IGNORE_KEYS
  if (path[0] === 'runs' && path.length === 1) return RUNS_KEYS
  return []
}

/** True for a real `YYYY-MM-DD` date (not 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * The JSON Schema of the config file, published as `schema/leak-gate.schema.json`
 * (`npm run schema`) so editors validate and autocomplete `.github/leak-gate.yml`.
 * Refinements (regex validity, calendar dates, ranges) are not expressible
 * there; leak-gate itself checks them.
 */
export function buildJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(configFileSchema, {
    io: 'input',
    target: 'draft-2020-12'
  })
  return { $schema, $id: SCHEMA_URL, ...rest }
}

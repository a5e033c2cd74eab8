/**
 * Names in the config that match nothing in the inputs are errors, as a
 * misspelt column is: checked once the planned inputs are loaded (a
 * configured `work:` that gave no work axis, Prometheus `metrics:` no sample
 * has, snapshot metrics or work fields the files lack, `checks:` keys no
 * metric has). Runs only on inputs that loaded cleanly, so it never piles
 * onto a load error.
 */
import { closestName, configKeyLine, listNames } from '../config/parse-config.js'
import type { LeakGateConfig, SnapshotSpec } from '../config/types.js'
import { ConfigError, quoteFound } from '../errors.js'
import type { MetricKind, Report, ReportError, Series, SignatureId, Snapshot } from '../model.js'
import { metricNames, unknownCheckKeys, type MetricRef } from '../understand/metric-names.js'
import { chooseMetrics, missingSnapshotNames } from '../understand/snapshot-metrics.js'
import type { PlannedSeries } from './index.js'

/** What a configured snapshot must hold when no `metrics:` are named. */
const SNAPSHOT_MEMORY_HINT =
  'memory metrics such as rss, heapUsed (process.memoryUsage()) or ' +
  'process_resident_memory_bytes (Prometheus)'

/**
 * A configured series' names the loaded file does not have, where the loader
 * itself does not say so: a `work:` that gave no work axis (whatever the
 * format), a `time-format:` with no time column to read it from, and
 * Prometheus `metrics:` names no sample has (the table loaders check their
 * columns themselves). Runs only on an entry that loaded without errors.
 */
export async function checkSeriesNames(
  config: LeakGateConfig,
  entry: PlannedSeries,
  loaded: Series[],
  report: Report,
  metricNamesOf: (file: string) => Promise<string[]>
): Promise<void> {
  const index = config.series.indexOf(entry.spec)
  if (index < 0) return // detected, not configured
  const { spec } = entry
  const files = entry.files ?? [entry.file]
  if (spec.work !== undefined && loaded.length > 0 && !loaded.some((s) => s.workName)) {
    const expected =
      entry.format === 'prometheus'
        ? `no \`work\` for a Prometheus file (${entry.file}): its scrapes give no work axis`
        : `a work column of ${entry.file}`
    report.errors.push(
      new ConfigError(
        config.source,
        `series[${index}].work`,
        `found "${quoteFound(spec.work)}", expected ${expected}`,
        [],
        configKeyLine(config, ['series', index], 'work')
      ).toReportError()
    )
  }
  if (
    spec.timeFormat !== undefined &&
    entry.format !== 'prometheus' && // refused before loading (plan/index.ts)
    loaded.length > 0 &&
    loaded.every((s) => s.timeBase === 'none')
  ) {
    // no time column was read, so the pattern applied to nothing: say so rather than pass
    report.errors.push(
      new ConfigError(
        config.source,
        `series[${index}].time-format`,
        `found "${quoteFound(spec.timeFormat)}", expected a time column of ${entry.file} to read with it (none was found: name it with \`time:\`)`,
        [],
        configKeyLine(config, ['series', index], 'time-format')
      ).toReportError()
    )
  }
  if (entry.format !== 'prometheus' || !spec.metrics) return
  const has = (name: string): boolean =>
    loaded.some((s) => s.metric === name || s.metric.startsWith(`${name}{`))
  const missing = Object.keys(spec.metrics).filter((name) => !has(name))
  if (missing.length === 0) return
  const names = await metricNamesOf(files[0])
  for (const name of missing) {
    const close = closestName(name, names)
    report.errors.push(
      new ConfigError(
        config.source,
        `series[${index}].metrics.${name}`,
        `found "${quoteFound(name)}", expected a metric of ${entry.file}` +
          (close ? `, did you mean "${close}"?` : ''),
        listNames(name, names),
        configKeyLine(config, ['series', index, 'metrics'], name)
      ).toReportError()
    )
  }
}

/** Names worth suggesting under `snapshots.metrics`, best first (V8 heap statistics, cgroup memory.stat). */
const EXAMPLE_METRIC = [
  /rss|resident/i,
  /used_heap|heap_?used/i,
  /heap/i,
  /^anon$/,
  /mem/i,
  /bytes/i
]

/**
 * Names in the config that match nothing in the inputs are errors, as a
 * misspelt column is (SPEC §8): a snapshot metric or work field the snapshot
 * files lack, configured snapshots with nothing to compare, and a `checks:`
 * key no metric has (its thresholds would apply nowhere, leaving the defaults).
 * Runs only on inputs that loaded cleanly, so it never piles onto a load error.
 */
export function checkConfiguredNames(
  config: LeakGateConfig,
  snapshotSpec: SnapshotSpec | undefined,
  series: Series[],
  baseline: Snapshot | undefined,
  post: Snapshot | undefined,
  report: Report,
  classRefs: MetricRef[] = []
): void {
  const cleanBefore = report.errors.length === 0
  const loaded = (snapshot: Snapshot): boolean =>
    !report.errors.some((error) => error.file === snapshot.file)
  const refs: MetricRef[] = series.map((s) => ({ file: s.file, metric: s.metric, group: s.group }))
  refs.push(...classRefs)
  const judged: JudgedRef[] = series.map((s) => ({
    ref: { file: s.file, metric: s.metric, group: s.group },
    kind: s.kind,
    snapshot: false
  }))
  const spec = config.snapshots
  const addSnapshotRefs = (chosen: Record<string, MetricKind>, file: string): void => {
    for (const [metric, kind] of Object.entries(chosen)) {
      refs.push({ file, metric })
      judged.push({ ref: { file, metric }, kind, snapshot: true })
    }
  }
  if (spec && baseline && post && loaded(baseline) && loaded(post)) {
    const problems = checkSnapshotNames(config, baseline, post)
    report.errors.push(...problems.map((problem) => problem.toReportError()))
    if (problems.length === 0) addSnapshotRefs(chooseMetrics(baseline, post, spec), post.file)
  } else if (baseline && post) {
    const chosen = chooseMetrics(baseline, post, snapshotSpec)
    addSnapshotRefs(chosen, post.file)
    // A pair found with no config, nothing in it compared and nothing else judged: an error that
    // names the values to list, never "PASS · nothing to check".
    if (
      Object.keys(chosen).length === 0 &&
      series.length === 0 &&
      classRefs.length === 0 &&
      loaded(baseline) &&
      loaded(post)
    ) {
      const { both, sample } = sharedValues(baseline, post)
      const found =
        both.length === 0
          ? 'no value in both files'
          : `${both.length} values in both (${sample}), none of them a memory or count name leak-gate knows`
      const expected = `${SNAPSHOT_MEMORY_HINT}, or the values to compare named under snapshots.metrics (e.g. "snapshots: { baseline: ${baseline.file}, post: ${post.file}, metrics: { ${both.length > 0 ? quoteFound(both[0]) : 'used'}: memory } }")`
      report.errors.push({
        file: post.file,
        found,
        expected,
        message: `${post.file}: found ${found}, expected ${expected}`
      })
    }
  }
  if (!cleanBefore || report.errors.length > 0) return
  for (const problem of inapplicableChecks(config, judged)) report.errors.push(problem)
  if (report.errors.length > 0) return
  const names = [...new Set(refs.map((ref) => ref.metric))]
  for (const key of unknownCheckKeys(config.checks, refs)) {
    const close = closestName(key.replace(/^.*:/, ''), names)
    const hint = close ? `, did you mean "${close}"?` : ''
    const problem =
      `found "${quoteFound(key)}", expected a metric of the inputs ` +
      `(its name, FILE:name, or * for all)${hint}`
    report.errors.push(
      new ConfigError(
        config.source,
        `checks.${key}`,
        problem,
        listNames(key, names),
        configKeyLine(config, ['checks'], key)
      ).toReportError()
    )
  }
}

/**
 * The values both snapshots hold, and the first five of them as a message quotes them (each
 * bounded and printable: the names come from the artifact).
 */
function sharedValues(baseline: Snapshot, post: Snapshot): { both: string[]; sample: string } {
  const both = Object.keys(post.values).filter((name) => name in baseline.values)
  const sample =
    both
      .slice(0, 5)
      .map((name) => quoteFound(name))
      .join(', ') + (both.length > 5 ? ', …' : '')
  return { both, sample }
}

/** The errors for configured snapshot names the files lack, or for nothing to compare. */
function checkSnapshotNames(
  config: LeakGateConfig,
  baseline: Snapshot,
  post: Snapshot
): ConfigError[] {
  const spec = config.snapshots as SnapshotSpec
  const { both, sample } = sharedValues(baseline, post)
  const files = `${baseline.file} and ${post.file}`
  const errors = missingSnapshotNames(baseline, post, spec).map((problem) => {
    const close = closestName(problem.name, both)
    const hint = close ? `, did you mean "${close}"?` : ''
    const where =
      problem.missingFrom.length === 2
        ? ''
        : ` in ${problem.missingFrom[0] === baseline.file ? post.file : baseline.file} only`
    const what =
      problem.key === 'metrics'
        ? `a metric that both ${files} have`
        : `a field that both ${files} have (its change is the work done), or a number`
    const line =
      problem.key === 'metrics'
        ? configKeyLine(config, ['snapshots', 'metrics'], problem.name)
        : configKeyLine(config, ['snapshots'], 'work')
    return new ConfigError(
      config.source,
      problem.key === 'metrics' ? `snapshots.metrics.${problem.name}` : 'snapshots.work',
      `found "${quoteFound(problem.name)}"${where}, expected ${what}${hint}`,
      listNames(problem.name, both),
      line
    )
  })
  if (errors.length > 0 || Object.keys(chooseMetrics(baseline, post, spec)).length > 0)
    return errors
  // Configured snapshots of which nothing can be compared: an error, never an empty pass.
  const example = EXAMPLE_METRIC.map((pattern) => both.find((name) => pattern.test(name))).find(
    Boolean
  )
  const problem =
    both.length === 0
      ? `found no value that both ${files} have, expected ${SNAPSHOT_MEMORY_HINT} in both files`
      : `found ${both.length} values in both ${files} (${sample}), none of them a memory metric ` +
        `leak-gate knows, expected ${SNAPSHOT_MEMORY_HINT}, or the values to compare named ` +
        `under snapshots.metrics${example ? `, e.g. "metrics: { ${example}: memory }"` : ''}`
  return [
    new ConfigError(config.source, 'snapshots', problem, [], configKeyLine(config, [], 'snapshots'))
  ]
}

/** A metric a check may name, with what it is (for {@link inapplicableChecks}). */
interface JudgedRef {
  ref: MetricRef
  kind: MetricKind
  snapshot: boolean
}

/** Which metrics each signature can judge: a series or a snapshot metric, of these kinds. */
const APPLIES: Record<SignatureId, (ref: JudgedRef) => boolean> = {
  'sustained-growth': (r) => !r.snapshot && ['memory', 'count', 'live'].includes(r.kind),
  'rising-floor': (r) => !r.snapshot && r.kind === 'memory',
  'retained-after-load': (r) => r.snapshot && ['memory', 'count', 'live'].includes(r.kind),
  'per-work-cost': (r) => ['memory', 'count', 'live'].includes(r.kind),
  'uncollected-objects': (r) => !r.snapshot && ['created', 'collected', 'live'].includes(r.kind),
  'oom-risk': (r) => !r.snapshot && r.kind === 'memory',
  'leaking-class': () => true,
  regression: () => true
}

/**
 * A `checks:` entry naming a metric (not `*`) that its signature cannot judge
 * (retained-after-load on a series, rising-floor on a count...) is an error:
 * the threshold would otherwise be silently ignored.
 */
function inapplicableChecks(config: LeakGateConfig, judged: JudgedRef[]): ReportError[] {
  const errors: ReportError[] = []
  for (const [key, settings] of Object.entries(config.checks)) {
    if (key === '*') continue
    const named = judged.filter((j) => metricNames(j.ref).includes(key))
    if (named.length === 0) continue // unknownCheckKeys says so
    for (const signature of Object.keys(settings) as SignatureId[]) {
      if (settings[signature] === 'off' || named.some(APPLIES[signature])) continue
      const what = [
        ...new Set(named.map((j) => `${j.snapshot ? 'a snapshot' : 'a series'} ${j.kind} metric`))
      ]
      errors.push(
        new ConfigError(
          config.source,
          `checks.${key}.${signature}`,
          `${signature} cannot judge ${key} (${what.join(', ')}): it judges ${APPLIES_TEXT[signature]}`,
          [],
          configKeyLine(config, ['checks'], key)
        ).toReportError()
      )
    }
  }
  return errors
}

const APPLIES_TEXT: Record<SignatureId, string> = {
  'sustained-growth': 'memory, count and live series',
  'rising-floor': 'memory series',
  'retained-after-load': 'memory, count and live metrics of the snapshots',
  'per-work-cost': 'memory, count and live metrics with a work column or snapshots.work',
  'uncollected-objects': 'created/collected/live counters of a series file',
  'oom-risk': 'memory series',
  'leaking-class': 'class histograms and heap snapshots',
  regression: 'any metric'
}

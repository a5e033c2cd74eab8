/**
 * What every signature module receives and returns. Signatures read the
 * measured details (series, snapshots, lifecycles) and the config; they
 * return findings and, for metrics they judged healthy, the reason why.
 */
import type { LeakGateConfig } from '../config/types.js'
import type { Finding, FindingSignature, Report } from '../model.js'
import type { HeapAnalysis } from '../heap/index.js'
import type { LifecycleDetail } from './lifecycle.js'
import type { SeriesDetail } from './series-analysis.js'
import type { SnapshotDetail } from './snapshot-analysis.js'

/** Inputs of the signature modules. */
export interface AnalysisContext {
  config: LeakGateConfig
  series: SeriesDetail[]
  snapshots: SnapshotDetail[]
  lifecycles: LifecycleDetail[]
  base?: Report
  /** The heap-snapshot comparison, when `heap:` snapshots were given (leaking-class). */
  heap?: HeapAnalysis
  /**
   * What a run of a signature judges, when not everything: the internal-error
   * guard judges around a series that made a check throw, yet every series
   * stays in `series` as a witness of the others (the live heap beside RSS),
   * so their findings are the ones a full run gives. `rest`: the snapshots,
   * lifecycles and heap snapshots are judged too.
   */
  scope?: { series: ReadonlySet<string>; rest: boolean }
}

/** The series a signature judges (all, unless the context is scoped); the rest are witnesses. */
export function judgedSeries(context: AnalysisContext): SeriesDetail[] {
  const scope = context.scope
  return scope === undefined
    ? context.series
    : context.series.filter((detail) => scope.series.has(detail.series.id))
}

/** Whether a signature judges the snapshots, lifecycles and heap snapshots in this context. */
export function judgesRest(context: AnalysisContext): boolean {
  return context.scope === undefined || context.scope.rest
}

/** A reason a metric is healthy, keyed like the metric analysis (series id or `snapshot:metric`). */
export interface HealthyLine {
  key: string
  /** The metric as a person names it (for the report's healthy list). */
  metric: string
  text: string
}

/** What a signature module returns. */
export interface SignatureResult {
  findings: Array<Finding & { key: string }>
  healthy: HealthyLine[]
}

/** Builds a finding with its stable id `signature:source:metric`. */
export function makeFinding(
  key: string,
  signature: FindingSignature,
  source: string,
  metric: string,
  level: 'fail' | 'warn',
  message: string,
  evidence: Finding['evidence']
): Finding & { key: string } {
  return {
    key,
    id: `${signature}:${source}:${metric}`,
    signature,
    metric,
    source,
    level,
    message,
    evidence
  }
}

/** The source of a series: its file, with the group in brackets when grouped. */
export function seriesSource(detail: SeriesDetail): string {
  const { file, group } = detail.series
  return group === undefined ? file : `${file}[${group}]`
}

/** The display name of a series' metric: `MemUsage[rules-processing]` when grouped. */
export function seriesLabel(detail: SeriesDetail): string {
  const { metric, group } = detail.series
  return group === undefined ? metric : `${metric}[${group}]`
}

/**
 * The names a metric answers to in `checks:` and `ignore:` (`file:metric[group]`
 * down to `metric` and `*`), and which configured keys name no metric at all.
 * One rule for the name checks of the input plan and the thresholds of the
 * analysis. Pure.
 */

/** The metric a threshold or suppression is looked up for. */
export interface MetricRef {
  file: string
  metric: string
  group?: string
}

/** Names a metric may be given under in `checks:`/`ignore:`, most specific first. */
export function metricNames(ref: MetricRef): string[] {
  const base = ref.file.split('/').pop() ?? ref.file
  const names: string[] = []
  if (ref.group !== undefined) {
    names.push(
      `${ref.file}:${ref.metric}[${ref.group}]`,
      `${base}:${ref.metric}[${ref.group}]`,
      `${ref.metric}[${ref.group}]`
    )
  }
  names.push(`${ref.file}:${ref.metric}`, `${base}:${ref.metric}`, ref.metric, '*')
  return [...new Set(names)]
}

/**
 * The `checks:` keys that name none of the given metrics (under any name
 * {@link metricNames} accepts), so their thresholds would apply nowhere and a
 * misspelt metric would silently keep the defaults. `*` always applies.
 */
export function unknownCheckKeys(
  checks: Readonly<Record<string, unknown>>,
  refs: readonly MetricRef[]
): string[] {
  const known = new Set(refs.flatMap((ref) => metricNames(ref)))
  return Object.keys(checks).filter((key) => key !== '*' && !known.has(key))
}

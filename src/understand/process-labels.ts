/**
 * The Prometheus labels that name a process or where it runs (`instance`, `pod`, `pid`, ...),
 * as opposed to those naming a heap space, a pool or a route. Shared by the analysis (two
 * series of one process: analyze/same-process.ts) and the loader's choice of witnesses
 * (plan/collections-witness.ts), so both answer "same process?" the same way.
 */

/** Prometheus labels that name a process or where it runs. */
export const IDENTITY_LABELS: ReadonlySet<string> = new Set([
  'pid',
  'process',
  'pod',
  'pod_name',
  'container',
  'container_name',
  'instance',
  'job',
  'service',
  'namespace'
])

/** A label pair inside `name{...}`: the value as the key spells it, escapes kept. */
const LABEL_PAIR = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/** Identifying labels of a Prometheus key `name{a="b",...}` (empty for other metrics). */
export function identityLabels(metric: string): Map<string, string> {
  const labels = new Map<string, string>()
  const open = metric.indexOf('{')
  if (open < 0 || !metric.endsWith('}')) return labels
  const inside = metric.slice(open + 1, -1)
  for (const [, key, value] of inside.matchAll(LABEL_PAIR))
    if (IDENTITY_LABELS.has(key)) labels.set(key, value)
  return labels
}

/** False when an identifying label both carry differs (a label only one carries proves nothing). */
export function identityAgrees(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>
): boolean {
  for (const [key, value] of a) {
    const other = b.get(key)
    if (other !== undefined && other !== value) return false
  }
  return true
}

/** One string per set of identifying labels, whatever their order (`instance=a,job=b`). */
export function identityKey(labels: ReadonlyMap<string, string>): string {
  return [...labels]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\u0000')
}

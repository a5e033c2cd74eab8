/**
 * Thresholds per (signature, metric): the `checks:` entry for the metric's
 * most specific name, else the defaults below. The defaults are chosen so a
 * healthy service passes (warm-up, bounded cache, GC sawtooth, RSS kept by
 * the allocator) and a leak a ten-minute load test makes visible fails; see
 * docs/signatures.md for why each number.
 */
import { formatValue } from './format.js'
import { LEFT_TOLERANCE_PERCENT } from './memory-left.js'
import type { CheckSetting, Checks } from '../config/types.js'
import type { MetricKind, SignatureId, ValueUnit } from '../model.js'
import { metricNames, type MetricRef } from '../understand/metric-names.js'
import { RESERVED_MEMORY_NAME } from '../understand/names.js'
import { isOutsideGoRuntime } from './go-runtime.js'

const MiB = 1024 * 1024

/** Default thresholds. Exported so docs and tests quote the same numbers. */
export const DEFAULTS = {
  /** Significance of a trend (Mann–Kendall on bucketed values, two-sided). */
  alpha: 0.01,
  /** Practical size of growth over the window tested: at least this % of the level… */
  growthPercent: 5,
  /** …and at least this much, by unit of the series. */
  growthBytes: 1 * MiB,
  /**
   * …4 MiB for memory the allocator holds (RSS, container usage, heapTotal):
   * it moves in allocator quanta (Python arenas, glibc arenas, V8 pages and
   * reservations) and keeps high-water marks, so one or two quanta are no evidence.
   */
  growthBytesAllocator: 4 * MiB,
  growthCount: 10,
  growthPercentPoints: 0.5,
  /** The last third of the window must rise at least this fraction of what the slope predicts. */
  endRiseFraction: 0.25,
  /** …and the last half of the window must still trend up (Mann–Kendall p below this, slope > 0). */
  continuationAlpha: 0.1,
  /** retained-after-load: post-test above baseline by more than this % and this many bytes. */
  retainedPercent: 25,
  retainedBytes: 4 * MiB,
  retainedCount: 10,
  /** uncollected-objects: minimum collection rate (collected ÷ created) in %, and fewest uncollected objects. */
  collectionRatePercent: 90,
  uncollectedMinimum: 10,
  /** oom-risk: the limit reached within this many ms at the steady slope. */
  oomHorizonMs: 24 * 3_600_000,
  /** regression: worse than the base run by more than this % (and beyond the growth noise floor). */
  regressionPercent: 50
} as const

// The names a metric answers to are understanding of names (shared with the input plan).
export { metricNames, unknownCheckKeys, type MetricRef } from '../understand/metric-names.js'

/** The configured setting of a signature for a metric, and under which key it was found. */
export function lookupCheck(
  checks: Checks,
  signature: SignatureId,
  ref: MetricRef
): { setting: CheckSetting; key: string } | undefined {
  for (const name of metricNames(ref)) {
    const setting = checks[name]?.[signature]
    if (setting !== undefined) return { setting, key: name }
  }
  return undefined
}

/** True when the user turned the signature off for the metric (`off`). */
export function isOff(checks: Checks, signature: SignatureId, ref: MetricRef): boolean {
  return lookupCheck(checks, signature, ref)?.setting === 'off'
}

/** How much growth over a window is "large enough to matter". */
export type GrowthTolerance =
  | { type: 'default'; percent: number; absolute: number; text: string }
  | { type: 'window'; amount: number; text: string }
  | { type: 'window-percent'; percent: number; text: string }
  | { type: 'rate'; perHour: number; text: string }
  | { type: 'rate-percent'; percentPerHour: number; text: string }

function defaultAbsolute(
  kind: MetricKind,
  unit: ValueUnit,
  metric: string
): { amount: number; text: string } {
  // memory the allocator holds, and RSS less what the Go runtime holds (pages too, whatever their owner)
  if (unit === 'bytes' && (RESERVED_MEMORY_NAME.test(metric) || isOutsideGoRuntime(metric)))
    return { amount: DEFAULTS.growthBytesAllocator, text: '4 MiB' }
  if (unit === 'bytes') return { amount: DEFAULTS.growthBytes, text: '1 MiB' }
  if (unit === 'percent') return { amount: DEFAULTS.growthPercentPoints, text: '0.5 points' }
  void kind
  return { amount: DEFAULTS.growthCount, text: String(DEFAULTS.growthCount) }
}

/**
 * The growth tolerance of sustained-growth / rising-floor for a metric:
 * `5MiB/h` (rate), `2%/h` (relative rate), `8MiB` (over the window), `10%`
 * (of the level, over the window), or the default: more than 5 % of the level
 * AND more than 1 MiB (memory) / 10 (counts) over the window tested.
 */
export function growthTolerance(
  checks: Checks,
  signature: SignatureId,
  ref: MetricRef,
  kind: MetricKind,
  unit: ValueUnit
): GrowthTolerance {
  const found = lookupCheck(checks, signature, ref)
  const configured = found?.setting
  // With two levels, a window is "large" from the warn level on (the fail level decides the level).
  const setting =
    configured && configured !== 'off' && configured.warn ? configured.warn : configured
  if (setting && setting !== 'off') {
    if (setting.perHour && setting.unit === 'percent')
      return { type: 'rate-percent', percentPerHour: setting.amount, text: setting.text }
    if (setting.perHour) return { type: 'rate', perHour: setting.amount, text: setting.text }
    if (setting.unit === 'percent')
      return { type: 'window-percent', percent: setting.amount, text: setting.text }
    if (setting.unit === 'bytes' || setting.unit === 'count')
      return { type: 'window', amount: setting.amount, text: setting.text }
  }
  // memory used out of a free heap: 5 % of what was free is the scale, not 1 MiB of allocator noise
  const left = (ref as { left?: number }).left
  if (left !== undefined && left > 0) {
    const amount = (LEFT_TOLERANCE_PERCENT / 100) * left
    return {
      type: 'window',
      amount,
      text: `${LEFT_TOLERANCE_PERCENT}% of the ${formatValue(left, 'bytes')} that was free`
    }
  }
  const absolute = defaultAbsolute(kind, unit, ref.metric)
  return {
    type: 'default',
    percent: DEFAULTS.growthPercent,
    absolute: absolute.amount,
    text: `${DEFAULTS.growthPercent}% of the level and ${absolute.text}`
  }
}

/**
 * The fail level of a two-level threshold (`{warn: 1MiB/h, fail: 20MiB/h}`),
 * or null when the threshold has one level (then a finding fails). The
 * growth tolerance ({@link growthTolerance}) is then the warn level.
 */
export function failLevel(
  checks: Checks,
  signature: SignatureId,
  ref: MetricRef
): { tolerance: GrowthTolerance | null; text: string; warnText: string } | null {
  const setting = lookupCheck(checks, signature, ref)?.setting
  if (!setting || setting === 'off' || !setting.warn) return null
  if (!Number.isFinite(setting.amount))
    return { tolerance: null, text: 'never', warnText: setting.warn.text }
  const { warn, ...fail } = setting
  const tolerance = growthTolerance(
    { x: { [signature]: fail } },
    signature,
    { file: '', metric: 'x' },
    'memory',
    'bytes'
  )
  return { tolerance, text: fail.text, warnText: warn.text }
}

/**
 * The all-samples test (Hamed–Rao corrected Mann–Kendall on every sample)
 * decides significance when the bucket test is merely suggestive (p < 0.1):
 * at this level, a tenth of the usual α, as a second look must not raise the
 * false-alarm rate.
 */
export const ALL_SAMPLES_ALPHA = 0.001
/** The bucket p-value below which the all-samples test may confirm a trend. */
export const SUGGESTIVE_ALPHA = 0.1

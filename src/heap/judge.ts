/**
 * Which classes leak. A class is reported only when its survivors scale
 * with the work and it keeps growing in phase 2: at least `minCount`
 * phase-1 survivors retaining at least `minRetained` bytes, and phase-2
 * survivors at least `phase2Fraction` of what phase 1's rate predicts for
 * phase 2's work (equal phases assumed when the work is unknown). Everything
 * else worth a look is listed as ignored, with the reason:
 * - V8 internals (`(system)`, `(compiled code)`, `(object shape)`): code and
 *   metadata compiled on first use, never a leak a service can fix;
 * - phase-1 survivors but no phase-2 growth: one-time initialisation, or a
 *   cache that filled up;
 * - phase-2 survivors but (almost) none of phase 1: the objects of phase 1
 *   were replaced, a bounded cache's churn;
 * - survivors owned (dominated) by a leaking class's survivors: folded under
 *   that class, whose retained size includes them.
 */
import { formatCount, formatSize } from './format.js'
import type { HeapClassRow } from './heap-analysis.js'
import type { ClassNames } from './class-names.js'
import type { SurvivorStats } from './survivors.js'

/** The thresholds of the judgement (defaults in {@link HEAP_DEFAULTS}). */
export interface HeapJudgeOptions {
  minCount: number
  minRetained: number
  phase2Fraction: number
}

/** Defaults: small enough for a ten-minute load test, far above in-flight requests. */
export const HEAP_DEFAULTS: HeapJudgeOptions = {
  minCount: 100,
  minRetained: 64 * 1024,
  phase2Fraction: 0.5
}

/** Classes that are V8's own bookkeeping. */
const INTERNAL_CLASSES = new Set([
  '(system)',
  '(compiled code)',
  '(object shape)',
  '(synthetic)',
  '(hidden)'
])

/** A judged class before the path and definition site are added. */
export interface JudgedClass {
  classIndex: number
  row: HeapClassRow
}

/**
 * Judges every class with survivors. `work` is the work of each phase when
 * known; `threeSnapshots` false means no phase 2: rows are `change`, never `leak`.
 */
export function judgeClasses(
  stats: SurvivorStats,
  classes: ClassNames,
  options: HeapJudgeOptions,
  work: { phase1: number; phase2: number } | undefined,
  threeSnapshots: boolean
): JudgedClass[] {
  const judged: JudgedClass[] = []
  const phase2Ratio = work && work.phase1 > 0 ? work.phase2 / work.phase1 : 1
  for (let cls = 0; cls < classes.names.length; cls++) {
    const count = stats.count[cls]
    const phase2 = stats.phase2Count[cls]
    if (count === 0 && phase2 === 0) continue
    const className = classes.names[cls]
    const row: HeapClassRow = {
      className,
      survivors: count,
      selfSize: stats.selfSize[cls],
      retainedSize: stats.retained[cls],
      phase2Survivors: threeSnapshots ? phase2 : null,
      perWork: work && work.phase1 > 0 ? count / work.phase1 : null,
      status: threeSnapshots ? 'ignored' : 'change',
      reason: '',
      owns: []
    }
    const expected = count * phase2Ratio
    if (INTERNAL_CLASSES.has(className)) {
      row.reason = 'V8 internals (code and metadata compiled on first use)'
    } else if (!threeSnapshots) {
      row.reason = 'two snapshots: change since the baseline, not judged'
    } else if (count < options.minCount && phase2 >= options.minCount) {
      row.reason = `phase-1 objects replaced in phase 2 (${formatCount(count)} left, ${formatCount(phase2)} new): a bounded cache's churn`
    } else if (count < options.minCount) {
      row.reason = `fewer than ${formatCount(options.minCount)} survivors`
    } else if (phase2 < expected * options.phase2Fraction) {
      row.reason =
        phase2 === 0
          ? 'did not grow in phase 2: one-time initialisation or a cache that filled'
          : `phase 2 added ${formatCount(phase2)}, under ${Math.round(options.phase2Fraction * 100)} % of the ${formatCount(Math.round(expected))} phase 1's rate predicts: initialisation or a cache that filled`
    } else if (stats.retained[cls] < options.minRetained) {
      row.reason = `its top-level survivors retain under ${formatSize(options.minRetained)}`
    } else {
      row.status = 'leak'
      row.reason = `grows in both phases: ${formatCount(count)} survive from phase 1, ${formatCount(phase2)} from phase 2`
    }
    judged.push({ classIndex: cls, row })
  }
  // Classes owned mostly by a leaking class are folded under it.
  const byIndex = new Map(judged.map((j) => [j.classIndex, j]))
  for (const j of judged) {
    const owners = stats.ownedBy.get(j.classIndex)
    if (!owners || j.row.status === 'leak') continue
    const [ownerClass, owned] = [...owners.entries()].sort((a, b) => b[1] - a[1])[0]
    if (owned * 2 > j.row.survivors && byIndex.get(ownerClass)?.row.status === 'leak')
      j.row.reason = `owned by ${classes.names[ownerClass]} survivors (counted there)`
  }
  for (const [cls, owners] of stats.ownedBy) {
    for (const [owner, n] of owners) {
      const entry = byIndex.get(owner)
      if (entry && owner !== cls) entry.row.owns.push({ className: classes.names[cls], count: n })
    }
  }
  for (const j of judged) j.row.owns.sort((a, b) => b.count - a.count).splice(5)
  return judged
}

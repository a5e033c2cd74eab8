/**
 * What the heap-snapshot comparison hands to the rest of the pipeline: one
 * row per class worth showing, with the figures the PR comment quotes, and
 * why each class was (or was not) reported. Plain data, serialised as is
 * into the JSON report under `heap`.
 */

/** One class of the survivors table. */
export interface HeapClassRow {
  /** Class as DevTools names it (`Session`, `Map`, `{name, roles}`, `Function`, `(string)`). */
  className: string
  /**
   * Three snapshots: objects allocated in phase 1 (between baseline and
   * target) still alive in the final snapshot. Two: allocated after the
   * baseline and alive in the last one.
   */
  survivors: number
  /** Shallow size of those survivors, bytes. */
  selfSize: number
  /** Bytes the class's top-level survivors retain (owned classes included). */
  retainedSize: number
  /** Objects allocated in phase 2 and alive at the end; null with two snapshots. */
  phase2Survivors: number | null
  /** Phase-1 survivors per unit of work, when the work done in each phase is known. */
  perWork: number | null
  /**
   * `leak`: survivors scale with the work and grow in both phases (fails);
   * `ignored`: shown with the reason it is not a leak; `change`: two
   * snapshots only, shown and never judged.
   */
  status: 'leak' | 'ignored' | 'change'
  /** Why, in one line (why ignored, or how it grows). */
  reason: string
  /** For `Function`: the name of the largest survivor (the leaked listener's function name). */
  functionName?: string
  /** Definition site `script:line` (mapped through a source map when one was shipped). */
  definedAt?: string
  /** Shortest retainer path from the GC roots, nearest holder first. */
  heldBy?: string
  /** Classes whose survivors this class owns (dominates), largest first. */
  owns: Array<{ className: string; count: number }>
}

/** The result of comparing the heap snapshots of one process. */
export interface HeapAnalysis {
  baseline: string
  /** Absent with two snapshots. */
  target?: string
  final: string
  mode: 'three-snapshots' | 'two-snapshots'
  /** Largest object id of each snapshot read, in order. */
  maxIds: number[]
  /** Work done in phase 1 and phase 2, when known, and what it counts. */
  work?: { phase1: number; phase2: number; name: string }
  /** Survivors of all classes (phase 1, or since the baseline). */
  totalSurvivors: number
  rows: HeapClassRow[]
  notes: string[]
}

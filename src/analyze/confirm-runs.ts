/**
 * Confirmation across repeated runs of one load test. Teams repeat a load
 * test (numbered folders `run-1/`, `run-2/`; matrix artifacts `leak-test-1`,
 * `leak-test-2`; runs appended in one file, split by the load stage into
 * `rss[run 2]`) because one noisy run must not fail a pull request. Each run
 * keeps its own verdict; the overall verdict fails only when at least k runs
 * fail with the same leak (the same series, its run left out of its name).
 * A leak that fails fewer runs is a warning that says so. Pure: findings and
 * names in, findings and a summary out.
 */
import type { Finding, SeriesAnalysis, Verdict } from '../model.js'

/**
 * Findings in the order a headline over them speaks (leak-rows.ts `headlineOrder` on the
 * report): the one a run's own headline would name first among its failures.
 */
export type HeadlineOrder = (findings: readonly Finding[]) => Finding[]

/** Where the runs were found. */
export type RunsBy = 'folders' | 'artifacts' | 'appended'

/** How many runs must agree: a number, more than half, or every run. */
export type ConfirmSetting = number | 'majority' | 'all'

/** One run's own verdict, as if it had been the only run. */
export interface RunVerdict {
  /** `run-2`, `leak-test-1`, `run 3` (appended). */
  name: string
  verdict: Exclude<Verdict, 'error'>
  /** The finding that decided it (the first failing one, else the first warning). */
  findingId?: string
  /** That finding's one-line message. */
  finding?: string
}

/** One leak (a series, its run left out) and the runs in which it failed. */
export interface RunLeak {
  /** `memory.csv:heapUsed`; `run-*` + `/memory.csv:heapUsed` for folders; `memory.csv:rss` for appended runs. */
  name: string
  /** Runs in which a finding on it failed. */
  runs: string[]
  /** At least `required` runs. */
  confirmed: boolean
}

/** What the report says about repeated runs (`runs` of the JSON report). */
export interface RunsSummary {
  by: RunsBy
  /** Runs that must fail with the same leak (k). */
  required: number
  /** How `required` was set: `majority`, `all` or a number (`2`). */
  confirm: string
  /** Runs found (N). */
  total: number
  /** Runs whose own verdict is fail. */
  failed: number
  /** Some leak failed in at least `required` runs. */
  confirmed: boolean
  /** `Fails in 3 of 3 runs.`, `1 of 3 runs failed; not confirmed (2 needed).` */
  sentence: string
  runs: RunVerdict[]
  /** Leaks that failed in at least one run, most runs first. */
  leaks: RunLeak[]
}

/** A finding's run and the name of its series with the run left out. */
export interface RunPlace {
  run: string
  leak: string
}

/** The repeated runs of one analysis and how to tell a finding's run. */
export interface RunAxis {
  by: RunsBy
  /** Run names in natural order. */
  runs: string[]
  /** The run a finding belongs to; undefined for findings outside every run. */
  placeOf(finding: Pick<Finding, 'source' | 'metric'>): RunPlace | undefined
  /** Runs found beyond {@link MAX_RUNS}, left out of `runs` (see {@link capRuns}). */
  omitted?: number
}

/**
 * Runs confirmed across at most: the report lists every run, and an artifact
 * (a fork's, in the action) could hold thousands of folders.
 */
export const MAX_RUNS = 200
/** Run names quoted in one message at most. */
const MAX_NAMES = 10

/** `a, b, c` or, beyond ten names, the first ten and `and N more`. */
export function listRunNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).join(', ')
  return names.length > MAX_NAMES ? `${shown} and ${names.length - MAX_NAMES} more` : shown
}

/**
 * The axis with its first {@link MAX_RUNS} runs (natural order) only; the
 * findings of the others are outside every run, so they keep their own level.
 */
export function capRuns(axis: RunAxis | undefined): RunAxis | undefined {
  if (!axis || axis.runs.length <= MAX_RUNS) return axis
  const runs = axis.runs.slice(0, MAX_RUNS)
  const kept = new Set(runs)
  return {
    by: axis.by,
    runs,
    omitted: axis.runs.length - MAX_RUNS,
    placeOf(finding) {
      const place = axis.placeOf(finding)
      return place && kept.has(place.run) ? place : undefined
    }
  }
}

const natural = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })

/** `run 3` at the end of a group (the load stage's name for an appended run). */
const APPENDED_RUN = /(?:^| )(run \d+)$/
/** A folder name ending in a number: `run-1`, `attempt_2`, `leak-test-3`, `4`. */
const NUMBERED = /^(.*?)(\d+)$/

/** Runs appended in one file: series grouped `run N` by the load stage. */
export function appendedAxis(groups: ReadonlyArray<string | undefined>): RunAxis | undefined {
  const runs = new Set<string>()
  for (const group of groups) {
    const match = group === undefined ? null : APPENDED_RUN.exec(group)
    if (match) runs.add(match[1])
  }
  if (runs.size === 0) return undefined
  return {
    by: 'appended',
    runs: [...runs].sort(natural),
    placeOf({ source, metric }) {
      const bracket = /^(.*)\[(.*)\]$/.exec(source)
      const match = bracket ? APPENDED_RUN.exec(bracket[2]) : null
      if (!bracket || !match) return undefined
      const run = match[1]
      const rest = bracket[2].slice(0, bracket[2].length - run.length).trimEnd()
      const name = rest ? `${bracket[1]}[${rest}]` : bracket[1]
      const bare = metric.replace(/\[(.*)\]$/, (_all, inner: string) => {
        const left = inner.replace(APPENDED_RUN, '').trimEnd()
        return left ? `[${left}]` : ''
      })
      return { run, leak: `${name}:${bare}` }
    }
  }
}

/**
 * Numbered sibling folders holding the runs (`run-1/`, `run-2/`; `out/attempt-1/`),
 * the shallowest such level whose folders hold at least one file in common;
 * with `anyNames`, the top-level folders too (`first/`, `second/`) when none
 * is numbered.
 */
export function folderAxis(files: readonly string[], anyNames = false): RunAxis | undefined {
  const levels = new Map<
    string,
    { depth: number; prefix: string; stem: string; runs: Set<string> }
  >()
  for (const file of files) {
    const parts = file.split('/')
    for (let depth = 0; depth < parts.length - 1; depth++) {
      const match = NUMBERED.exec(parts[depth])
      const stem = match ? match[1] : anyNames && depth === 0 ? '' : undefined
      if (stem === undefined) continue
      const prefix = parts.slice(0, depth).join('/')
      const key = `${depth}\u0000${prefix}\u0000${match ? stem : '*'}`
      const level = levels.get(key) ?? { depth, prefix, stem, runs: new Set<string>() }
      level.runs.add(parts.slice(0, depth + 1).join('/'))
      levels.set(key, level)
    }
  }
  // Runs of one test hold the same files: at least one path is in every folder of the level.
  // One pass over the files per level (not one per run: an artifact may hold many folders).
  const holdSameFiles = (level: { depth: number; runs: Set<string> }): boolean => {
    const rests = new Map<string, Set<string>>()
    for (const file of files) {
      const parts = file.split('/')
      if (parts.length <= level.depth + 1) continue
      const run = parts.slice(0, level.depth + 1).join('/')
      if (!level.runs.has(run)) continue
      const set = rests.get(run) ?? new Set<string>()
      set.add(file.slice(run.length))
      rests.set(run, set)
    }
    const [first, ...others] = [...level.runs].map((run) => rests.get(run) ?? new Set<string>())
    return [...first].some((rest) => others.every((other) => other.has(rest)))
  }
  const candidates = [...levels.values()].filter(
    (level) => level.runs.size >= 2 && holdSameFiles(level)
  )
  // Numbered folders first, then the shallowest level.
  candidates.sort(
    (a, b) =>
      Number(!NUMBERED.test(lastPart(a))) - Number(!NUMBERED.test(lastPart(b))) || a.depth - b.depth
  )
  const level = candidates[0]
  if (!level) return undefined
  const runs = [...level.runs].sort(natural)
  const numbered = runs.every((run) => NUMBERED.test(run.split('/').pop() ?? ''))
  const wildcard = `${level.prefix ? `${level.prefix}/` : ''}${numbered ? `${level.stem}*` : '*'}`
  return {
    by: 'folders',
    runs,
    placeOf({ source, metric }) {
      const run = runs.find((name) => source.startsWith(`${name}/`))
      if (run === undefined) return undefined
      return { run, leak: `${wildcard}${source.slice(run.length)}:${metric}` }
    }
  }
}

function lastPart(level: { runs: Set<string> }): string {
  const first = level.runs.values().next().value ?? ''
  return first.split('/').pop() ?? ''
}

/** Artifacts combined into one report: a finding's source starts with its artifact's name. */
export function artifactAxis(names: readonly string[]): RunAxis | undefined {
  if (names.length < 2) return undefined
  const runs = [...names].sort(natural)
  // Longest first: `leak-test-10` before `leak-test-1`.
  const byLength = [...runs].sort((a, b) => b.length - a.length)
  return {
    by: 'artifacts',
    runs,
    placeOf({ source, metric }) {
      const run = byLength.find((name) => source.startsWith(`${name}/`))
      if (run === undefined) return undefined
      return { run, leak: `${source.slice(run.length + 1)}:${metric}` }
    }
  }
}

/** k for N runs: `majority` is more than half (2 of 2, 2 of 3, 3 of 4), `all` is N. */
export function requiredRuns(confirm: ConfirmSetting, total: number): number {
  if (confirm === 'all') return total
  if (confirm === 'majority') return Math.floor(total / 2) + 1
  return confirm
}

/** The result of {@link confirmRuns}. */
export interface Confirmed {
  /** The findings, with failures not confirmed by enough runs lowered to warnings. */
  findings: Finding[]
  summary: RunsSummary
}

/**
 * Judges repeated runs: each run's own verdict, then every failing leak
 * counted across runs. A leak that fails in fewer than `required` runs is
 * lowered to a warning whose message says how many runs failed; one that
 * fails in enough runs stays a failure and says in how many. Findings
 * outside every run are left as they are. `required` must be 1..N (the
 * caller reports a bad one as a configuration error).
 */
export function confirmRuns(
  findings: readonly Finding[],
  axis: RunAxis,
  confirm: ConfirmSetting,
  order: HeadlineOrder = (list) => [...list]
): Confirmed {
  const total = axis.runs.length
  const required = requiredRuns(confirm, total)
  const places = findings.map((finding) => axis.placeOf(finding))
  const failing = new Map<string, Set<string>>()
  findings.forEach((finding, index) => {
    const place = places[index]
    if (!place || finding.level !== 'fail') return
    const runs = failing.get(place.leak) ?? new Set<string>()
    runs.add(place.run)
    failing.set(place.leak, runs)
  })
  // Among leaks failing in as many runs, the one the headline over every run names first.
  const placeOf = new Map(findings.map((finding, index) => [finding, places[index]]))
  const spoken = new Map<string, number>()
  order(findings).forEach((finding, index) => {
    const leak = placeOf.get(finding)?.leak
    if (leak !== undefined && finding.level === 'fail' && !spoken.has(leak)) spoken.set(leak, index)
  })
  const leaks: RunLeak[] = [...failing]
    .map(([name, runs]) => ({
      name,
      runs: [...runs].sort(natural),
      confirmed: runs.size >= required
    }))
    .sort(
      (a, b) =>
        b.runs.length - a.runs.length ||
        (spoken.get(a.name) ?? 0) - (spoken.get(b.name) ?? 0) ||
        natural(a.name, b.name)
    )
  // A run's decisive finding is the one its own headline would lead with (judged alone).
  const runs: RunVerdict[] = axis.runs.map((name) => {
    const own = order(findings.filter((_, index) => places[index]?.run === name))
    const decisive =
      own.find((finding) => finding.level === 'fail') ??
      own.find((finding) => finding.level === 'warn')
    const verdict: RunVerdict['verdict'] = !decisive
      ? 'pass'
      : decisive.level === 'fail'
        ? 'fail'
        : 'warn'
    return decisive
      ? { name, verdict, findingId: decisive.id, finding: decisive.message }
      : { name, verdict }
  })
  const failed = runs.filter((run) => run.verdict === 'fail').length
  const confirmed = leaks.some((leak) => leak.confirmed)
  const summary: RunsSummary = {
    by: axis.by,
    required,
    confirm: String(confirm),
    total,
    failed,
    confirmed,
    sentence: runsSentence(leaks, failed, total, required),
    runs,
    leaks
  }
  const byName = new Map(leaks.map((leak) => [leak.name, leak]))
  const out = findings.map((finding, index) => {
    const place = places[index]
    const leak = place && finding.level === 'fail' ? byName.get(place.leak) : undefined
    if (!leak) return finding
    const evidence = {
      ...finding.evidence,
      runsFailed: leak.runs.length,
      runs: total,
      runsNeeded: required
    }
    if (leak.confirmed) return { ...finding, evidence }
    return {
      ...finding,
      level: 'warn' as const,
      message: `${finding.message} (not confirmed: fails in ${leak.runs.length} of ${total} runs, ${required} needed)`,
      evidence: { ...evidence, confirmed: false }
    }
  })
  return { findings: out, summary }
}

/** The headline's words on the runs. */
function runsSentence(
  leaks: readonly RunLeak[],
  failed: number,
  total: number,
  required: number
): string {
  const best = leaks[0]
  if (best?.confirmed) {
    // "(2 needed)" only when some runs passed: with every run failing it adds nothing.
    const needed = best.runs.length < total ? ` (${required} needed)` : ''
    return `Fails in ${best.runs.length} of ${total} runs${needed}.`
  }
  if (failed === 0) return `No run failed (${total} runs).`
  const same = failed >= required ? ', not with the same leak' : ''
  return `${failed} of ${total} runs failed${same}; not confirmed (${required} needed).`
}

/** Series whose failures were all lowered to warnings read `warn` in the tables, not `leak`. */
export function relabelSeries<T extends { kind: string }>(
  metrics: readonly T[],
  findings: readonly Finding[]
): T[] {
  const failingSources = new Set(
    findings.filter((f) => f.level === 'fail').map((f) => `${f.source}\u0000${f.metric}`)
  )
  return metrics.map((metric) => {
    if (metric.kind !== 'series') return metric
    const series = metric as unknown as SeriesAnalysis
    if (series.status !== 'leak') return metric
    const source = series.group === undefined ? series.file : `${series.file}[${series.group}]`
    const label = series.group === undefined ? series.metric : `${series.metric}[${series.group}]`
    const stillFails =
      failingSources.has(`${source}\u0000${label}`) ||
      failingSources.has(`${source}\u0000${series.metric}`)
    return stillFails ? metric : ({ ...series, status: 'warn' } as unknown as T)
  })
}

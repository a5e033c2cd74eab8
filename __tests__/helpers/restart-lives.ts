/**
 * Runs of a service restarted 1–3 times, written as its own process.memoryUsage() CSV
 * (timestamp, requests, rss, heapUsed, pid), generated deterministically from a seed: each life
 * starts low, climbs at start-up (fast, then levelling off: concave) and is flat after it, under a
 * young-generation GC sawtooth in the heap and allocator noise in RSS; a leak adds a fixed number
 * of bytes per request, so it climbs at the work's pace to the end of every life. Shared by the
 * restart fixtures (lives-*) and scripts/sweep/measure-lives.mjs, which tallies the verdicts of
 * many such runs.
 */
import { random } from '../analyze/synthetic.js'

const MiB = 1024 * 1024

/** One generated run. */
export interface LivesSpec {
  seed: number
  /** Restarts in the run (lives = restarts + 1). */
  restarts: number
  /** The start-up climb as a share of the settled level (0.05 = 5 %). */
  climb: number
  /** How long the climb takes (to 95 % of it) as a share of a life. */
  climbTime: number
  /** Bytes kept per request (0: healthy). */
  leakPerRequest: number
  /** Shape of the climb: an exponential approach or a parabola that flattens at its end. */
  shape?: 'exp' | 'parabola'
  /** Seconds per life (default 60) and between samples (default 0.5). */
  lifeSeconds?: number
  interval?: number
}

/** Share of the climb done `t` seconds into a life whose climb takes `time` seconds. */
function climbShare(t: number, time: number, shape: 'exp' | 'parabola'): number {
  if (shape === 'parabola') return t >= time ? 1 : 1 - (1 - t / time) ** 2
  return 1 - Math.exp((-3 * t) / time)
}

/** The CSV text of a run (header and one row per sample). */
export function livesCsv(spec: LivesSpec): string {
  const rand = random(spec.seed)
  const gauss = (): number => {
    const u = Math.max(rand(), 1e-12)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())
  }
  const interval = spec.interval ?? 0.5
  const lifeSeconds = spec.lifeSeconds ?? 60
  const shape = spec.shape ?? 'exp'
  const rows = ['timestamp,requests,rss,heapUsed,pid']
  let t = Date.parse('2026-12-05T16:00:00Z')
  let pid = 900 + Math.floor(rand() * 200)
  const rssLevel = (80 + 40 * rand()) * MiB
  const heapLevel = (30 + 20 * rand()) * MiB
  const rate = 150 + 100 * rand()
  for (let life = 0; life <= spec.restarts; life++) {
    // each life a little longer or shorter than the others (a supervisor's restart is no metronome)
    const seconds = lifeSeconds * (0.85 + 0.3 * rand())
    const samples = Math.round(seconds / interval)
    const climbTime = spec.climbTime * seconds
    let requests = 0
    let young = rand() * 6 * MiB
    let rssNoise = 0
    for (let i = 0; i < samples; i++) {
      const s = i * interval
      const share = climbShare(s, climbTime, shape)
      const served = s < 1 ? 0 : rate * interval * (0.9 + 0.2 * rand())
      requests += Math.round(served)
      // the young generation fills with the work and is collected at ~8 MiB
      young += served * 6000
      if (young > 8 * MiB) young = rand() * MiB
      const leaked = requests * spec.leakPerRequest
      const heap = heapLevel * (1 - spec.climb + spec.climb * share) + young + leaked
      rssNoise = 0.8 * rssNoise + 0.25 * MiB * gauss()
      const rss = rssLevel * (1 - spec.climb + spec.climb * share) + 0.3 * young + leaked + rssNoise
      rows.push(
        `${new Date(t).toISOString()},${requests},${Math.round(rss)},${Math.round(heap)},${pid}`
      )
      t += interval * 1000
    }
    // stopped and started again by its supervisor: a pause in sampling and a new pid
    t += (1.5 + 1.5 * rand()) * 1000
    pid += 50 + Math.floor(rand() * 100)
  }
  return rows.join('\n') + '\n'
}

/** The grid measured by scripts/sweep/measure-lives.mjs: healthy runs and leaking ones. */
export function livesGrid(
  options: { seed?: number; lifeSeconds?: number; interval?: number } = {}
): Array<LivesSpec & { name: string }> {
  const grid: Array<LivesSpec & { name: string }> = []
  let seed = options.seed ?? 1
  const timing = {
    ...(options.lifeSeconds !== undefined ? { lifeSeconds: options.lifeSeconds } : {}),
    ...(options.interval !== undefined ? { interval: options.interval } : {})
  }
  for (const restarts of [1, 2, 3])
    for (const climb of [0.05, 0.15, 0.3, 0.6])
      for (const climbTime of [0.1, 0.25, 0.5])
        for (const shape of ['exp', 'parabola'] as const)
          grid.push({
            name: `healthy r${restarts} climb${climb * 100}% t${climbTime * 100}% ${shape}`,
            seed: seed++,
            restarts,
            climb,
            climbTime,
            shape,
            leakPerRequest: 0,
            ...timing
          })
  for (const restarts of [1, 2, 3])
    for (const leakPerRequest of [512, 1024, 2048, 4096])
      for (const [climb, climbTime] of [
        [0, 0.1],
        [0.15, 0.25],
        [0.3, 0.5],
        [0.6, 0.25]
      ])
        grid.push({
          name: `leak r${restarts} ${leakPerRequest} B/req climb${climb * 100}% t${climbTime * 100}%`,
          seed: seed++,
          restarts,
          climb,
          climbTime,
          leakPerRequest,
          ...timing
        })
  return grid
}

/**
 * The committed fixtures (__fixtures__/pipeline/restarts/lives-*): short lives (40 s, 1 s
 * samples), written by `node scripts/sweep/measure-lives.mjs --fixtures`.
 */
export const livesFixtures: Record<string, LivesSpec> = {
  // 2 restarts, each life climbing 30 % of its level in its first quarter, then flat
  'lives-climb-2': short({ seed: 15, restarts: 2, climb: 0.3, climbTime: 0.25 }),
  // 3 restarts, a slower start-up: 15 % over the first 40 % of each life
  'lives-climb-3': short({ seed: 10, restarts: 3, climb: 0.15, climbTime: 0.4, shape: 'parabola' }),
  // the same lives keeping 1 KiB per request: each climbs at the work's pace to its end
  'lives-leak-2': short({ seed: 15, restarts: 2, climb: 0.3, climbTime: 0.25 }, 1024),
  'lives-leak-3': short(
    { seed: 10, restarts: 3, climb: 0.15, climbTime: 0.4, shape: 'parabola' },
    1024
  )
}

function short(spec: Omit<LivesSpec, 'leakPerRequest'>, leakPerRequest = 0): LivesSpec {
  return { ...spec, leakPerRequest, lifeSeconds: 40, interval: 1 }
}

import { analyze } from '../src/analyze/index.js'
import { config, heapSeries, leak, MiB, random } from './analyze/synthetic.js'
const now = new Date('2025-06-01')
const run = (opts: any) => analyze({ series: [heapSeries(opts)], config: config(), now }).findings
it('fp', () => {
  const rows: string[] = []
  for (const variant of ['flat', 'cache', 'warmup', 'slowgc', 'noisy']) {
    let fails = 0
    const sigs: Record<string, number> = {}
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(seed * 7919)
      const gcPeriod = 3 + r() * 30
      const garbageRate = (0.3 + r() * 3) * MiB
      const base = (20 + r() * 100) * MiB
      const fillEnd = 200 + r() * 100
      const extra =
        variant === 'cache' ? (s: number) => Math.min(s, fillEnd) * (20 * MiB / fillEnd)
        : variant === 'warmup' ? (s: number) => (s < 60 ? 80 * MiB : 0)
        : undefined
      const f = run({ seed, gcPeriod: variant === 'slowgc' ? 60 + r() * 60 : gcPeriod, garbageRate, base, extra, noise: (variant === 'noisy' ? 2 + r() * 5 : 0.05 + r() * 0.5) * MiB })
      if (f.length) fails++
      for (const x of f) sigs[x.signature] = (sigs[x.signature] ?? 0) + 1
    }
    rows.push(`${variant}: ${fails}/300 ${JSON.stringify(sigs)}`)
  }
  for (const late of [0, 300]) for (const bpr of [20, 30, 50, 100, 150]) {
    for (const rps of [100, 300]) {
      let hits = 0
      const sigs: Record<string, number> = {}
      for (let seed = 1; seed <= 100; seed++) {
        const r = random(seed * 31)
        const f = run({ seed, gcPeriod: 3 + r() * 30, garbageRate: (0.3 + r() * 3) * MiB, base: (20 + r() * 60) * MiB, extra: leak(bpr, rps, late), rps, noise: 0.2 * MiB })
        if (f.some((x) => x.level === 'fail')) hits++
        for (const x of f) sigs[x.signature] = (sigs[x.signature] ?? 0) + 1
      }
      rows.push(`leak ${bpr} B/req @ ${rps}${late ? ' from 50%' : ''}: ${hits}/100 ${JSON.stringify(sigs)}`)
    }
  }
  console.log(rows.join('\n'))
})

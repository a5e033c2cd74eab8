// Writes the fixtures described in README.md (deterministic: no clock, no randomness).
import { mkdirSync, writeFileSync } from 'node:fs'

const T0 = 1795593440123 // 2026-11-25T07:57:20.123Z
const MiB = 1048576

/** process.memoryUsage() of second i: the heap keeps 512 KiB a second (a leak). */
function usage(i) {
  const heapUsed = 11735168 + i * 524288
  return {
    rss: 52133888 + i * 655360,
    heapTotal: 16 * MiB + Math.floor(i / 4) * MiB,
    heapUsed,
    external: 1745123 + (i % 3) * 1024,
    arrayBuffers: 10515 + (i % 2) * 256
  }
}

mkdirSync('pino', { recursive: true })
/** pino's own keys, in pino's order. */
const line = (time, rest) => JSON.stringify({ level: 30, time, pid: 4242, hostname: 'ci', ...rest })
const pino = [line(T0, { msg: 'server listening', port: 3000 })]
let id = 0
for (let second = 0; second < 40; second++) {
  for (let r = 0; r < 30; r++) {
    id++
    pino.push(
      line(T0 + second * 1000 + 10 + r * 30, {
        req: { id, method: 'GET', url: `/api/items/${id % 7}`, remoteAddress: '127.0.0.1' },
        res: { statusCode: 200 },
        responseTime: 2 + (r % 5),
        msg: 'request completed'
      })
    )
  }
  pino.push(line(T0 + (second + 1) * 1000, { msg: 'memory', memory: usage(second) }))
}
writeFileSync('pino/server.log', pino.join('\n') + '\n')

mkdirSync('text-log', { recursive: true })
const text = []
for (let i = 0; i < 30; i++) {
  const time = new Date(T0 + 85000 + i * 1000).toISOString()
  const u = usage(i)
  text.push(`[${time}] INFO memory rss=${u.rss} heapUsed=${u.heapUsed}`)
  if (i % 10 === 0) text.push(`[${time}] INFO GET /api/items 200 3ms`)
}
writeFileSync('text-log/app.log', text.join('\n') + '\n')

const samples = (timeOf) => Array.from({ length: 30 }, (_, i) => ({ time: timeOf(i), ...usage(i) }))
mkdirSync('json-array', { recursive: true })
writeFileSync(
  'json-array/memory.json',
  JSON.stringify(samples((i) => new Date(T0 + i * 2000).toISOString()))
)
const pretty =
  JSON.stringify(
    samples((i) => T0 + i * 2000),
    null,
    2
  ) + '\n'
mkdirSync('json-array-pretty', { recursive: true })
writeFileSync('json-array-pretty/memory.json', pretty)
for (const format of ['jsonl', 'json']) {
  mkdirSync(`configured-${format}`, { recursive: true })
  writeFileSync(`configured-${format}/memory.json`, pretty)
  writeFileSync(
    `configured-${format}/leak-gate.yml`,
    `series:\n  - file: memory.json\n    format: ${format}\n    time: time\n    metrics:\n      heapUsed: memory\n      rss: memory\n`
  )
}

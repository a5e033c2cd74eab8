// `npm run bench -- --only patterns`: the built-in log patterns on hostile lines (a fork's
// artifact), each shape at 1×, 4× and 16× its length. Linear matching keeps the time per
// character flat; a pattern that backtracks over the line once per candidate grows 16× and
// 256× (a 400 KB JDK 8 pause line of `) 1K->1K(1K), [Metaspace: ` took 11 s before its
// `[Metaspace: …]` was bounded). Not a test: it prints a report (ratios within this run).
import { jvmGcLogSpec } from '../build/src/understand/jvm-gc-log.js'
import { goGctraceSpec } from '../build/src/understand/go-gctrace.js'

const quick = process.argv.includes('--quick')
const legacy = new RegExp(jvmGcLogSpec(['1.0: [GC (x) 1K->2K(3K), 0.1 secs]']).pattern)
const shapes = {
  'metaspace left open': (n) => '1.0: [GC ' + ') 1K->1K(1K), [Metaspace: '.repeat(n),
  'sizes, no secs': (n) => '1.0: [GC ' + ') 1K->1K(1K), 1'.repeat(n),
  brackets: (n) => '1.0: [GC ' + '])'.repeat(n),
  spaces: (n) => '1.0: [GC ' + ')    '.repeat(n)
}
const base = quick ? 2000 : 8000
console.log(
  'JDK 8 GC log pattern (loader) and sniff, ms per MB of line; ratio 16× / 1× (≤ 3 is linear)'
)
report(shapes, legacy, (line) => jvmGcLogSpec([line]))

// Go's gctrace: unanchored (a journald prefix may come first), so every `gc ` is a start
const TRACE = 'gc 1 @1.0s 1%: 1+1+1 ms clock, 1+1/1/1+1 ms cpu, 4->4->1 MB, 5 MB goal, 4 P'
const gctrace = new RegExp(goGctraceSpec([TRACE, TRACE]).pattern)
const traceShapes = {
  'gc starts': (n) => 'gc 1 @'.repeat(n),
  'time, no s': (n) => 'gc 1 @' + '1.0'.repeat(n),
  'sizes, no MB': (n) => 'gc 1 @1.0s 1%: 1+1 ms clock, 1+1 ms cpu, ' + '4->'.repeat(n),
  'prefix repeated': (n) => 'gc 1 @1.0s 1%: 1+1+1 ms clock, '.repeat(n)
}
console.log(
  'Go gctrace pattern (loader) and sniff, ms per MB of line; ratio 16× / 1× (≤ 3 is linear)'
)
report(traceShapes, gctrace, (line) => goGctraceSpec([line, line]))

function report(shapes, regex, sniff) {
  for (const [name, make] of Object.entries(shapes)) {
    const perMb = []
    for (const n of [base, 4 * base, 16 * base]) {
      const line = make(n)
      const start = performance.now()
      regex.exec(line)
      sniff(line)
      perMb.push(((performance.now() - start) * 1e6) / line.length)
    }
    const ratio = perMb[2] / Math.max(perMb[0], 1e-3)
    console.log(
      `  ${name.padEnd(20)} ${perMb.map((v) => v.toFixed(1).padStart(8)).join(' ')}  ratio ${ratio.toFixed(1)}×`
    )
  }
}

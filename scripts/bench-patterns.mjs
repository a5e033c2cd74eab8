// `npm run bench -- --only patterns`: the built-in log patterns on hostile lines (a fork's
// artifact), each shape at 1×, 4× and 16× its length. Linear matching keeps the time per
// character flat; a pattern that backtracks over the line once per candidate grows 16× and
// 256× (a 400 KB JDK 8 pause line of `) 1K->1K(1K), [Metaspace: ` took 11 s before its
// `[Metaspace: …]` was bounded). Not a test: it prints a report (ratios within this run).
import { jvmGcLogSpec } from '../build/src/understand/jvm-gc-log.js'
import { goGctraceSpec } from '../build/src/understand/go-gctrace.js'
import { v8TraceGcSpec } from '../build/src/understand/v8-trace-gc.js'

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

// V8's --trace-gc: unanchored too, and its app's own output shares the file (a minified JSON
// line's every `]` is a start). Both patterns: with the isolate named (Node 8+) and without.
const V8_LINE =
  '[4118:0x5b2c6d0]     6121 ms: Mark-Compact 27.1 (31.4) -> 14.2 (29.0) MB, 6.02 / 0.00 ms'
const V8_OLD = '37136896 ms: Mark-sweep 35.6 (53.9) -> 35.5 (54.6) MB, 445.4 / 0 ms'
const v8Shapes = {
  'minified JSON': (n) => '[1,2],'.repeat(n),
  brackets: (n) => ']'.repeat(n),
  'ms starts': (n) => ' 1 ms: Mark-Compact 1 ('.repeat(n),
  isolates: (n) => ' [1:0x1] '.repeat(n),
  'isolates, no space': (n) => '[1:0x1]'.repeat(n)
}
for (const [which, head] of [
  ['isolate named', [V8_LINE, V8_LINE]],
  ['no isolate', [V8_OLD, V8_OLD]]
]) {
  console.log(
    `V8 --trace-gc pattern (${which}, loader) and sniff, ms per MB of line; ratio 16× / 1× (≤ 3 is linear)`
  )
  report(v8Shapes, new RegExp(v8TraceGcSpec(head).pattern), (line) => v8TraceGcSpec([line, line]))
}

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

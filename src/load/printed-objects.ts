/**
 * `console.log(process.memoryUsage())` saved to a file: each printed object
 * (understand/printed-objects.ts) is one row of the JSON lines reader, so
 * its keys, units and time are read by the same rules as a JSON line; lines
 * that are no object are other log lines, counted in a note; a broken object
 * that names memory is an error at its line and column.
 */
import { PrintedObjectScanner, type PrintedEvent } from '../understand/printed-objects.js'
import type { JsonLinesReader } from './jsonl.js'
import { ErrorSink, looksBinary } from './lines.js'
import type { SeriesLoadResult } from './types.js'

export class PrintedObjectsReader {
  private readonly scanner = new PrintedObjectScanner()
  private readonly events: PrintedEvent[] = []
  private other = 0
  private objects = 0
  private stopped = false

  constructor(
    private readonly json: JsonLinesReader,
    private readonly sink: ErrorSink
  ) {}

  /** Reads one line; returns false to stop. */
  visit(line: string, lineNumber: number): boolean {
    if (this.stopped) return false
    if (looksBinary(line)) {
      this.sink.addBinary(lineNumber)
      this.stopped = true
      return false
    }
    this.scanner.feed(line, lineNumber, this.events)
    this.drain()
    return true
  }

  private drain(): void {
    for (const event of this.events) {
      if (event.kind === 'object') {
        this.objects++
        this.json.visitRecord(event.record, event.line)
      } else if (event.kind === 'other') this.other += event.lines
      else this.sink.add(event.line, undefined, event.found, event.expected)
    }
    this.events.length = 0
  }

  /** Ends reading: an object left open is reported, then the series are built. */
  finish(): SeriesLoadResult {
    if (!this.stopped) {
      this.scanner.end(this.events)
      this.drain()
    }
    const loaded = this.json.finish(
      'printed JavaScript objects (`console.log(process.memoryUsage())`)'
    )
    const notes = [...(loaded.notes ?? [])]
    if (this.other > 0 && this.objects > 0)
      notes.push(
        `${this.other} ${this.other === 1 ? 'line' : 'lines'} between the printed objects skipped (other log lines)`
      )
    if (
      loaded.series.length > 0 &&
      loaded.series.every((series) => series.timeBase === 'none' && series.workName === undefined)
    )
      notes.push(
        'no time before the printed objects or in them: judged in file order (print a time first, `console.log(new Date().toISOString(), process.memoryUsage())`)'
      )
    return { ...loaded, ...(notes.length > 0 ? { notes } : {}) }
  }
}

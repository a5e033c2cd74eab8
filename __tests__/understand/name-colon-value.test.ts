/**
 * `Name: value` lines (a device's serial output, `RAM: 41312`) are a log, not Prometheus text:
 * a colon may appear in a Prometheus metric name (recording rules, `job:up:sum`), never as the
 * last character before the value.
 */
import { looksLikePrometheus } from '../../src/understand/sniff.js'
import { detectInputs } from '../../src/plan/detect.js'

describe('Name: value lines', () => {
  const serial = ['RAM: 41312', 'RAM: 41312', 'RAM: 41048', 'RAM: 40816']

  it('are no Prometheus samples', () => {
    expect(looksLikePrometheus(serial, 'txt')).toBe(false)
  })

  it('recording-rule names with colons inside still are', () => {
    expect(looksLikePrometheus(['job:up:sum 1', 'job:up:sum{job="a"} 2'], 'txt')).toBe(true)
  })

  it('zero-config says a text log, not "Prometheus text without runtime metrics"', () => {
    const detected = detectInputs([{ path: 'serial.txt', head: serial }])
    const reason = detected.skipped.find((s) => s.file === 'serial.txt')?.reason ?? ''
    expect(reason).not.toContain('Prometheus')
  })
})

import { InputError, ConfigError } from '../src/errors.js'

describe('error messages', () => {
  it('put the location first, then column, found and expected', () => {
    const error = new InputError(
      'docker_stats.csv',
      42,
      'MemUsage',
      'n/a',
      'a size like "293.7MiB"'
    )
    expect(error.message).toBe(
      'docker_stats.csv:42: column "MemUsage": found "n/a", expected a size like "293.7MiB"'
    )
  })
  it('shorten huge and binary excerpts', () => {
    const error = new InputError('x.csv', 1, 'rss', '\u0000'.repeat(10_000_000), 'a number')
    expect(error.message.length).toBeLessThan(200)
    expect(error.message).toContain('10000000 chars')
  })
  it('list what is allowed for config keys', () => {
    const error = new ConfigError('.github/leak-gate.yml', 'chekcs', 'unknown key', [
      'warmup',
      'series'
    ])
    expect(error.message).toBe(
      '.github/leak-gate.yml: key "chekcs": unknown key (allowed: warmup, series)'
    )
  })
})

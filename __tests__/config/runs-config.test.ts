/**
 * `runs:` (confirmation across repeated runs) as a user writes it: the short
 * forms are accepted with a majority as the default, and a `confirm:` that
 * cannot be a number of runs is an error at its file:line saying what is allowed.
 */
import { ConfigError } from '../../src/errors.js'
import { parseConfig } from '../../src/config/parse-config.js'
import { configFileSchema } from '../../src/config/schema.js'

const message = (text: string): string => {
  try {
    parseConfig(text, 'leak-gate.yml')
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('runs: in the config', () => {
  it('defaults confirm to a majority and keeps from when given', () => {
    expect(parseConfig('runs: {}\n', 'leak-gate.yml').runs).toEqual({ confirm: 'majority' })
    expect(parseConfig('runs:\n  confirm: 2\n  from: folders\n', 'leak-gate.yml').runs).toEqual({
      confirm: 2,
      from: 'folders'
    })
    expect(parseConfig('runs: {confirm: all, from: appended}\n', 'x.yml').runs).toEqual({
      confirm: 'all',
      from: 'appended'
    })
    expect(parseConfig('warmup: 20%\n', 'x.yml').runs).toBeUndefined()
  })

  it.each([
    ['0', 'found 0'],
    ['-1', 'found -1'],
    ['2.5', 'found 2.5'],
    ['two', 'found "two"'],
    ['"3"', 'found "3"'],
    ['[2, 3]', 'found a list']
  ])('refuses confirm: %s at its line, saying what a confirm is', (value, found) => {
    const text = `warmup: 20%\nruns:\n  from: folders\n  confirm: ${value}\n`
    expect(message(text)).toBe(
      `leak-gate.yml:4: key "runs.confirm": ${found}, expected a number of runs (1 or more), "majority" or "all": how many runs must fail with the same leak`
    )
  })

  it('refuses an unknown from and an unknown key, listing what is allowed', () => {
    expect(message('runs:\n  from: matrix\n')).toMatch(
      /^leak-gate\.yml:2: key "runs\.from": found "matrix", expected where the runs are: folders, artifacts, appended/
    )
    expect(message('runs:\n  confirms: 2\n')).toBe(
      'leak-gate.yml:2: key "runs.confirms": unknown key, did you mean "confirm"? (allowed: confirm, from)'
    )
    expect(message('runs: 2\n')).toMatch(
      /^leak-gate\.yml:1: key "runs": found 2, expected a map like/
    )
  })

  it('is in the schema the published JSON Schema is generated from', () => {
    expect(configFileSchema.safeParse({ runs: { confirm: 3, from: 'artifacts' } }).success).toBe(
      true
    )
    expect(configFileSchema.safeParse({ runs: { confirm: 0 } }).success).toBe(false)
  })
})

/**
 * What the documentation shows a user must be what the CLI accepts: every
 * YAML configuration block in the README and docs/, and every "Tune" value of
 * docs/signatures.md (read in its signature's section), parsed with the
 * configuration schema the CLI itself uses (the published JSON Schema is
 * generated from it and checked equal in schema.test.ts). The schema's own
 * `default`s, where it has any, must pass too.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { configFileSchema } from '../../src/config/schema.js'
import { SIGNATURE_IDS } from '../../src/model.js'

const DOCS = ['README.md', 'docs/action.md', 'docs/signatures.md']

/** YAML blocks that are a leak-gate configuration (not a workflow). */
function configBlocks(file: string): Array<[string, string]> {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .filter(
      (block) => !/^\s*(on|jobs|name|permissions|steps):/m.test(block) && !/uses:/.test(block)
    )
    .map((block): [string, string] => [file, block])
}

/** `[signature, value]` of each "Tune" code span in docs/signatures.md. */
function tuneExamples(): Array<[string, string, unknown]> {
  const out: Array<[string, string, unknown]> = []
  let section = ''
  for (const line of readFileSync('docs/signatures.md', 'utf8').split('\n')) {
    const heading = /^## ([a-z-]+)/.exec(line)
    if (heading) section = heading[1]
    if (!(SIGNATURE_IDS as readonly string[]).includes(section)) continue
    for (const [, span] of line.matchAll(/`([^`]+)`/g)) {
      if (span.startsWith('checks:')) out.push([section, span, parse(span)])
      else if (/^[a-z-]+: \S+$/.test(span) && span.startsWith(section))
        out.push([section, span, { checks: { rss: parse(span) } }])
      else if (/^(off|\d[\w.%/ ]*)$/.test(span) && /Tune/.test(line))
        out.push([section, span, { checks: { rss: { [section]: span } } }])
    }
  }
  return out
}

/** Every `default` of a JSON Schema, with the property path it belongs to. */
function defaultsOf(node: unknown, path: string[] = [], out: Array<[string[], unknown]> = []) {
  if (!node || typeof node !== 'object') return out
  const record = node as Record<string, unknown>
  if ('default' in record) out.push([path, record.default])
  for (const [key, child] of Object.entries(record)) {
    if (key === 'properties' && child && typeof child === 'object')
      for (const [name, property] of Object.entries(child))
        defaultsOf(property, [...path, name], out)
    else if (key !== 'default') defaultsOf(child, path, out)
  }
  return out
}

describe('documented configuration examples', () => {
  const blocks = DOCS.flatMap(configBlocks)
  it('finds the examples it checks', () => {
    expect(blocks.length).toBeGreaterThan(0)
    expect(tuneExamples().length).toBeGreaterThanOrEqual(7)
  })

  it.each(blocks.map(([file, block], index) => [file, index, block]))(
    '%s block %i is a valid configuration',
    (_file, _index, block) => {
      const result = configFileSchema.safeParse(parse(block as string) ?? {})
      expect(result.error?.issues ?? []).toEqual([])
    }
  )

  it.each(tuneExamples())('signatures.md %s: `%s` is accepted', (_section, _span, config) => {
    const result = configFileSchema.safeParse(config)
    expect(result.error?.issues ?? []).toEqual([])
  })

  it('accepts every default the published schema declares', () => {
    const schema = JSON.parse(readFileSync('schema/leak-gate.schema.json', 'utf8')) as unknown
    for (const [path, value] of defaultsOf(schema)) {
      const config = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value)
      expect([path.join('.'), configFileSchema.safeParse(config).success]).toEqual([
        path.join('.'),
        true
      ])
    }
  })
})

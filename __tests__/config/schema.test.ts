import { readFileSync } from 'node:fs'
import { buildJsonSchema, configFileSchema, SCHEMA_URL } from '../../src/config/schema.js'
import { SIGNATURE_IDS } from '../../src/model.js'

const published = JSON.parse(
  readFileSync(new URL('../../schema/leak-gate.schema.json', import.meta.url), 'utf8')
) as Record<string, unknown>

describe('published JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing src/config/schema.ts)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(buildJsonSchema())))
  })

  it('forbids unknown keys and lists signature ids for checks', () => {
    expect(published.$id).toBe(SCHEMA_URL)
    expect(published.additionalProperties).toBe(false)
    const checks = (
      published.properties as Record<string, { additionalProperties: { properties: object } }>
    ).checks
    expect(Object.keys(checks.additionalProperties.properties)).toEqual([...SIGNATURE_IDS])
  })

  it.each([
    ['sustained-growth', '5MiB/h', true],
    ['sustained-growth', '2%/h', true],
    ['sustained-growth', '10/min', true],
    ['sustained-growth', '5MiB', false],
    ['oom-risk', '24h', true],
    ['oom-risk', 'off', true],
    ['oom-risk', '24', false],
    ['regression', '20%', true],
    ['per-work-cost', '70KiB', true],
    ['per-work-cost', '70 parsecs', false]
  ])('pattern of %s accepts %s: %s', (signature, value, ok) => {
    const checks = (
      published.properties as Record<
        string,
        {
          additionalProperties: {
            properties: Record<string, { pattern?: string; anyOf?: Array<{ pattern?: string }> }>
          }
        }
      >
    ).checks
    const node = checks.additionalProperties.properties[signature]
    const pattern = node.pattern ?? node.anyOf?.find((branch) => branch.pattern)?.pattern
    // Editors compile JSON Schema patterns as Unicode regular expressions.
    expect(new RegExp(pattern as string, 'u').test(value)).toBe(ok)
    expect(configFileSchema.safeParse({ checks: { rss: { [signature]: value } } }).success).toBe(ok)
  })
})

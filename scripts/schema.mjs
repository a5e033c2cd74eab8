// Writes schema/leak-gate.schema.json from the zod schema of the config file
// (src/config/schema.ts), so editors can validate .github/leak-gate.yml.
// Needs the compiled sources: npx tsc --outDir build --noEmit false
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
let buildJsonSchema
try {
  ;({ buildJsonSchema } = await import(join(root, 'build/src/config/schema.js')))
} catch (error) {
  console.error(`cannot import build/src/config/schema.js (${error.message}); run: npx tsc --outDir build --noEmit false`)
  process.exit(2)
}
const target = join(root, 'schema/leak-gate.schema.json')
await mkdir(dirname(target), { recursive: true })
await writeFile(target, `${JSON.stringify(buildJsonSchema(), null, 2)}\n`)
console.log(`wrote ${target.slice(root.length + 1)}`)

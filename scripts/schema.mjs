// Writes the published JSON Schemas from the zod schemas in the sources:
//   schema/leak-gate.schema.json        the config file (src/config/schema.ts), for editors
//   schema/leak-gate-report.schema.json the JSON report (src/report/report-schema.ts)
// `npm run schema` compiles the sources into build/ first (tsc), then runs this.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
let buildJsonSchema
let buildReportJsonSchema
try {
  ;({ buildJsonSchema } = await import(join(root, 'build/src/config/schema.js')))
  ;({ buildReportJsonSchema } = await import(join(root, 'build/src/report/report-schema.js')))
} catch (error) {
  console.error(
    `cannot import the compiled schemas from build/src (${error.message}); run: npx tsc --outDir build --noEmit false`
  )
  process.exit(2)
}
for (const [file, build] of [
  ['schema/leak-gate.schema.json', buildJsonSchema],
  ['schema/leak-gate-report.schema.json', buildReportJsonSchema]
]) {
  const target = join(root, file)
  await mkdir(dirname(target), { recursive: true })
  await writeFile(target, `${JSON.stringify(build(), null, 2)}\n`)
  console.log(`wrote ${file}`)
}

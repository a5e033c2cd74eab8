// Builds the committed bundles: dist/index.js (the action), dist/cli/ (the command
// line, with dist/cli.js as the `bin` entry) and dist/heap-snapshot/ (the preload
// helper, with dist/heap-snapshot.js as the package's `./heap-snapshot` export). ncc empties .js files in its output
// folder, so the CLI gets a folder of its own (STYLE.md toolchain facts).
//
// The TypeScript is transpiled file by file first (types are checked by `npm run build`, which
// CI runs): ncc would otherwise type-check the whole program once per bundle, which took most
// of the minute a release check allows.
import { spawn } from 'node:child_process'
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

function ncc(entry, out) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['ncc', 'build', entry, '-o', out, '-q', '--license', 'licenses.txt'],
      {
        stdio: 'inherit'
      }
    )
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc ${entry} exited ${code}`))
    )
  })
}

async function filesBelow(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name))
}

// Each source file as ES2022 JavaScript (the imports already name their .js files).
async function transpileSources(into) {
  for (const file of await filesBelow('src')) {
    if (!file.endsWith('.ts')) continue
    const { outputText, diagnostics } = ts.transpileModule(await readFile(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        isolatedModules: true,
        sourceMap: false
      }
    })
    if (diagnostics?.length) {
      const message = ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => process.cwd(),
        getNewLine: () => '\n'
      })
      throw new Error(`cannot transpile ${file}:\n${message}`)
    }
    const out = join(into, relative('.', file)).replace(/\.ts$/, '.js')
    await mkdir(dirname(out), { recursive: true })
    await writeFile(out, outputText)
  }
}

// The three bundles are built side by side, each in a folder of its own (ncc empties every .js
// file below its output folder, so none may build inside another's), then moved into dist/.
const staging = join('build', 'bundle')
const sources = join(staging, 'js')
const parts = [
  ['src/index.js', 'dist'],
  ['src/cli.js', join('dist', 'cli')],
  ['src/preload/heap-snapshot.js', join('dist', 'heap-snapshot')]
].map(([entry, out], i) => ({ entry: join(sources, entry), out, built: join(staging, String(i)) }))
await rm(staging, { recursive: true, force: true })
await transpileSources(sources)
await Promise.all(parts.map(({ entry, built }) => ncc(entry, built)))
await rm('dist', { recursive: true, force: true })
for (const { out, built } of parts) {
  await mkdir(join(out, '..'), { recursive: true })
  await rename(built, out)
}
await rm(staging, { recursive: true, force: true })
await writeFile(
  'dist/cli.js',
  "#!/usr/bin/env node\n// The `leak-gate` command: the CLI bundle lives in dist/cli/.\nimport './cli/index.js'\n"
)
await chmod('dist/cli.js', 0o755)
// The heap snapshot helper users preload (`node --import leak-gate/heap-snapshot app.js`).
await writeFile(
  'dist/heap-snapshot.js',
  "// `node --import leak-gate/heap-snapshot app.js`: the bundle lives in dist/heap-snapshot/.\nexport * from './heap-snapshot/index.js'\n"
)

for (const file of await filesBelow('dist')) {
  if (!file.endsWith('.js')) continue
  const text = await readFile(file, 'utf8')
  if (text.includes('webpackMissingModule')) {
    console.error(`${file}: contains webpackMissingModule stubs; the bundle would fail at run time`)
    process.exit(1)
  }
}
console.log('dist/ built')

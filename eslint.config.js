// Flat ESLint config. The pure stages (load, stats, analyze, verdict, report) may not
// touch GitHub, the file system, the process or the clock: that keeps them testable.
// The stages import only backwards along config → plan → load → analyze; what two
// stages both need lives in src/understand/, which every stage may import.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const noIo = {
  group: ['@actions/*', 'node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:process'],
  message: 'pure stage: no I/O here (see STYLE.md)'
}
/** Later stages a module of an earlier one may not import. */
const laterStages = (...stages) => ({
  group: stages.flatMap((stage) => [`../${stage}`, `../${stage}/*`, `../../${stage}/*`]),
  message:
    'stages import backwards only (config → plan → load → analyze): move what both need into src/understand/'
})

const pureStageRule = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: [noIo, ...patterns] }],
  'no-restricted-globals': ['error', { name: 'process', message: 'pure stage: pass values in' }],
  'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pure stage: pass the time in' }]
})

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**', 'examples/**', 'scripts/**', '**/*.mjs', '**/*.cjs', 'jest.config.js', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    files: ['src/stats/**/*.ts', 'src/analyze/**/*.ts', 'src/verdict.ts', 'src/report/**/*.ts'],
    rules: pureStageRule()
  },
  {
    files: ['src/load/**/*.ts'],
    rules: pureStageRule(laterStages('analyze'))
  },
  {
    files: ['src/understand/**/*.ts'],
    rules: pureStageRule(laterStages('plan', 'load', 'analyze', 'report'))
  },
  {
    files: ['src/config/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [laterStages('plan', 'load', 'analyze')] }] }
  },
  {
    files: ['src/plan/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [laterStages('load', 'analyze')] }] }
  }
)

// Flat ESLint config. The pure stages (load, stats, analyze, verdict, report) may not
// touch GitHub, the file system, the process or the clock: that keeps them testable.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const pureStageRule = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['@actions/*', 'node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:process'], message: 'pure stage: no I/O here (see STYLE.md)' }
      ]
    }
  ],
  'no-restricted-globals': ['error', { name: 'process', message: 'pure stage: pass values in' }],
  'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pure stage: pass the time in' }]
}

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
    files: ['src/load/**/*.ts', 'src/understand/**/*.ts', 'src/stats/**/*.ts', 'src/analyze/**/*.ts', 'src/verdict.ts', 'src/report/**/*.ts'],
    rules: pureStageRule
  }
)

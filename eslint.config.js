import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The web app's sources (src/web, its own tsconfig) are linted like the service's.
    files: ['**/*.ts', 'src/web/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest and TypeORM decorators need runtime class references that look type-only to the linter.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Benchmarks print their figures.
    files: ['tests/bench/**/*.ts', 'tests/stress/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The rules engine is pure: plain data in, violations out. luxon and its own files only.
    files: ['src/rota-core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!luxon$|\\.{1,2}/).*',
              message: 'src/rota-core imports luxon and its own files only.',
            },
            { regex: '^\\.\\./\\.\\./', message: 'src/rota-core must not reach outside itself.' },
          ],
        },
      ],
    },
  },
  {
    // The web app's build scripts run in Node.
    files: ['src/web/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);

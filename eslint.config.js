import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // Dependency direction (DESIGN.md): models are pure; the platform knows nothing of domain or surfaces;
    // the domain knows nothing of surfaces.
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/domain/**', '**/surfaces/**'], message: 'platform must not depend on domain or surfaces' }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/surfaces/**', 'fastify', '@fastify/*'], message: 'domain must not depend on surfaces or the HTTP framework' }] }],
    },
  },
  {
    files: ['src/domain/models/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*', 'node:*', 'fs', 'path'], message: 'models are pure: no I/O, no imports outside domain/models' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);

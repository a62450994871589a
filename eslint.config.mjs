// Typed flat config. The purity rules make the architecture's arrows real:
// the core imports no editor, no LSP runtime and no Node built-in; the client reaches into the
// server only through server/src/protocol.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'process', 'readline', 'stream', 'string_decoder', 'url', 'util', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', 'test-results/**', 'test/grammar/**', 'test/e2e/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after'] }] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The core is pure: no editor API.' },
          { name: 'vscode-languageserver', message: 'The core is pure: use vscode-languageserver-types.' },
          { name: 'vscode-languageserver/node', message: 'The core is pure: use vscode-languageserver-types.' },
          { name: 'vscode-languageclient', message: 'The core is pure.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The core is pure: no Node built-ins.' })),
        ],
        patterns: [{ group: ['node:*'], message: 'The core is pure: no Node built-ins.' }],
      }],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^\\.\\./\\.\\./server/src/(?!protocol$)', message: 'The client may import only server/src/protocol.ts.' }],
      }],
    },
  },
);

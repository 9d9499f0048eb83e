// ESLint over every package, service, end-to-end test and benchmark. TypeScript is linted with typescript-eslint's
// type-checked recommended rules, typed by the root tsconfig.json through the project service. Prettier owns the
// layout, so eslint-config-prettier comes last and turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', '**/coverage/', 'data/', 'test-artifacts/', 'bench/out/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['packages/**/*.ts', 'services/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Ports return promises so that any adapter may be remote; the SQLite adapters meet them with synchronous
      // better-sqlite3 calls inside `async` methods, which is what turns their throws into rejections like every
      // other adapter's. Dropping `async` to please this rule would change how they fail.
      '@typescript-eslint/require-await': 'off',
      // Still on, with the code's two conventions for a deliberately unused name: a leading underscore, and a
      // property left out of an object by destructuring it beside a rest element.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // A promise may pass on a caught error (unknown) or an aborted signal's reason (any) as it came, as
      // only-throw-error lets `throw` do by default; anything the code makes itself must still be an Error.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // The rule's own default allows URL and URLSearchParams from TypeScript's DOM library; ours come from
      // @types/node (module 'url'), and are as much made to be written into a string.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allow: [
            { from: 'lib', name: ['Error', 'URL', 'URLSearchParams'] },
            { from: 'package', package: 'url', name: ['URL', 'URLSearchParams'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // Tests read JSON (HTTP response bodies, stored documents, captured requests) as `any` and check its shape
      // with expect(), which is the run-time check these rules ask for; typing every body up front would restate
      // the API's response shapes in each test without checking anything more. Helpers outside *.test.ts stay typed.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);

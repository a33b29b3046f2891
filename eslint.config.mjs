// One lint for the whole repository: TypeScript and React rules, the layering the design depends
// on, and Prettier's formatting (checked by `npm run lint`, applied by `npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which folder may not import which, and why: the house rules of DESIGN.md, as lint errors. */
const LAYERS = [
  { target: './server', from: './client', message: 'layering: server/ never imports client/ (browser-only code).' },
  {
    target: './client',
    from: './server',
    message: 'layering: client/ never imports server/ (it would ship server code to the browser).',
  },
  {
    target: './shared',
    from: ['./server', './client', './pages'],
    message: 'layering: shared/ is code both sides run; it never imports server/, client/ or pages/.',
  },
  {
    target: './pages',
    from: ['./server', './client'],
    message: 'layering: pages/ run on both sides; they never import server/ or client/.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', '.build/', 'coverage/', 'node_modules/', '.cert/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    // Resolves imports as TypeScript does (.ts, .tsx), so the layering rule sees where each one lands.
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['**/*.tsx', 'shared/**', 'client/**', 'pages/**'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['client/**', 'shared/**', 'pages/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // What may reach the browser never imports a page's server-only module.
    files: ['client/**', 'shared/**', 'pages/**'],
    ignores: ['pages/**/*.server.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '\\.server$',
              message:
                "layering: a page's *.server.tsx module runs only on the server; nothing the browser runs imports it.",
            },
          ],
        },
      ],
    },
  },
  {
    // Benchmarks report on stdout.
    files: ['bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Scripts the tests preload into a server process, plain CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);

// @ts-check
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const services = ['deck', 'gate', 'orca', 'clouddriver', 'igor', 'echo', 'front50'];
const infrastructure = [
  'fastify',
  'fastify/*',
  'bullmq',
  'ioredis',
  'minio',
  '@kubernetes/client-node',
  '@fastify/*',
];

/** Import patterns a file of `service` may not use: other services, deep src paths. */
const boundaryPatterns = (service) => [
  {
    group: services.filter((s) => s !== service).map((s) => `@genoa/${s}`),
    message: 'A service never imports another service: use the contracts in @genoa/shared.',
  },
  { group: ['@genoa/*/src', '@genoa/*/src/*'], message: 'Import a package by its entry, not its src.' },
  {
    regex: `^(\\.\\./)+(services/)?(${services.filter((s) => s !== service).join('|')})/`,
    message: 'A service never imports another service by path.',
  },
];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Per service: the boundary rules; deck also stays off the Node kit; domain/ stays off infrastructure. */
const serviceBoundaries = services.flatMap((service) => [
  {
    files: [`services/${service}/**/*.{ts,tsx}`],
    rules: restrict(boundaryPatterns(service)),
  },
  ...(service === 'deck'
    ? [
        {
          files: ['services/deck/src/**/*.{ts,tsx}'],
          rules: restrict([
            ...boundaryPatterns(service),
            {
              group: ['@genoa/shared/node'],
              message: 'deck runs in the browser: import @genoa/shared only.',
            },
          ]),
        },
      ]
    : []),
  {
    files: [`services/${service}/src/domain/**/*.ts`],
    rules: restrict([
      ...boundaryPatterns(service),
      { group: infrastructure, message: 'domain/ imports no infrastructure: put it in adapters/.' },
      { group: ['@genoa/shared/node'], message: 'domain/ imports only the isomorphic @genoa/shared.' },
    ]),
  },
]);

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/dist-server/**', '**/coverage/**', '.genoa/**'],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: [
            'packages/*/tsconfig.json',
            'services/*/tsconfig*.json',
            'tsconfig.json',
            'bench/tsconfig.json',
          ],
        }),
      ],
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-throw-literal': 'error',
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'import-x/no-relative-packages': 'error',
      'import-x/no-default-export': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration only in config.ts or main.ts.' },
      ],
    },
  },
  ...serviceBoundaries,
  {
    files: ['services/deck/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Where configuration may be read, and code that is not part of a service.
    files: [
      '**/config.ts',
      '**/main.ts',
      '**/*.test.ts',
      '**/__fixtures__/**',
      'packages/testing/**',
      'scripts/**',
      'bench/**',
      '**/vite.config.ts',
      '**/vitest.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tools require default exports from their config files.
    files: [
      '**/vite.config.ts',
      'vitest.config.ts',
      'eslint.config.js',
      'packages/testing/src/global-setup.ts',
    ],
    rules: { 'import-x/no-default-export': 'off' },
  },
);

// ESLint flat config. Lives under test/ because the top level of the repository is fixed; `npm run lint`
// points eslint here. Paths below are relative to the repository root (basePath).
import * as fs from 'node:fs';
import * as path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = path.resolve(import.meta.dirname, '..');
const handlers = fs
  .readdirSync(path.join(root, 'functions'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/**
 * The pure layer (issue 16): domain code with no SDK, no environment, no I/O through adapters. These folders
 * (and the named files of the mixed ones) may not import the composition root (shared/config), the AWS
 * adapters (shared/aws), a handler, the infrastructure, or an AWS SDK package. A planted import fails lint.
 */
const pureFolders = ['audit', 'domain', 'email', 'http', 'interview', 'pages', 'phone', 'policy', 'references', 'risk', 'schemas'];
/** Mixed folders: pure except their adapters, named here (moving them to an adapters layer is the next step). */
const mixedFolders = {
  bank: ['micro-deposit-repository.ts'],
  document: ['create-upload.ts', 'photo-urls.ts', 'upload-grants.ts'],
  screening: [],
  signals: [],
};
const pureTargets = [
  ...pureFolders.map((f) => `./shared/${f}`),
  ...Object.entries(mixedFolders).flatMap(([folder, adapters]) =>
    fs
      .readdirSync(path.join(root, 'shared', folder), { withFileTypes: true })
      .filter((e) => (e.isDirectory() || e.name.endsWith('.ts')) && !adapters.includes(e.name))
      .map((e) => `./shared/${folder}/${e.name}`),
  ),
];
const layerZones = pureTargets.flatMap((target) =>
  [
    ['./shared/config', 'the pure layer never reads the composition root (clients, environment): take what it needs as parameters'],
    ['./shared/aws', 'the pure layer never calls AWS: put the call in an adapter or use case and pass the result in'],
    ['./functions', 'the pure layer never imports a handler'],
    ['./infra', 'the pure layer never imports the infrastructure'],
  ].map(([from, message]) => ({ target, from, message })),
);

export default defineConfig(
  {
    basePath: root,
    ignores: ['node_modules/**', 'cdk.out/**', '.vetflow/**', '**/*.d.ts'],
  },
  {
    basePath: root,
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      // TypeScript files are modules the import rules follow (without these, no-cycle would not see into them).
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The layers: no import cycle, anywhere (type-only imports included: they still tie the modules together).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Handlers never import each other: what two handlers share lives in shared/.
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            ...handlers.map((name) => ({
              target: `./functions/${name}`,
              from: './functions',
              except: [`./${name}`],
              message: 'a handler never imports another handler; move what both need to shared/',
            })),
            ...layerZones,
          ],
        },
      ],
      'import-x/no-self-import': 'error',
      // Matching control characters is the point wherever a regex names them (refusing or stripping hostile input).
      'no-control-regex': 'off',
      // `interface X extends Y {}` names a type (as zod's own declarations do); an empty one from scratch is still refused.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'import-x/no-useless-path-segments': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The pure layer imports no AWS SDK either (shared/aws wraps it).
    basePath: root,
    files: pureTargets.map((t) => (t.endsWith('.ts') ? t.slice(2) : `${t.slice(2)}/**/*.ts`)),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', 'aws-sdk'], message: 'the pure layer never calls AWS: use an adapter (shared/aws)' }] }] },
  },
  {
    // Tests and benches read loosely typed JSON (responses, fixtures); product code stays free of `any`.
    basePath: root,
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

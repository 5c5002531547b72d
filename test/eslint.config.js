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
 * The layers of issue 16 (README, "Where the code lives"): shared/domain is pure (no SDK, no environment, no I/O),
 * shared/adapters talk to AWS and the outside world, shared/app holds the use cases that compose them, and
 * shared/config is the composition root that only the handlers, the infrastructure and the tests import.
 * Dependencies point inwards: app -> adapters -> domain; nothing in shared/ imports a handler or the infrastructure.
 */
const layerRules = [
  ['./shared/domain', './shared/adapters', 'the domain never calls an adapter: take what it needs as parameters (a use case in shared/app passes it in)'],
  ['./shared/domain', './shared/app', 'the domain never imports a use case: the use case imports the domain'],
  ['./shared/domain', './shared/config', 'the domain never reads the composition root (clients, environment): take what it needs as parameters'],
  ['./shared/adapters', './shared/app', 'an adapter never imports a use case: the use case imports the adapter'],
  ['./shared/adapters', './shared/config', 'an adapter never reads the composition root: shared/config builds the adapters and passes them what they need'],
  ['./shared/app', './shared/config', 'a use case never reads the composition root: take the repository, clients and settings as parameters (shared/config wires them)'],
  ['./shared', './functions', 'shared/ never imports a handler'],
  ['./shared', './infra', 'shared/ never imports the infrastructure'],
  ['./workflows', './shared/config', 'only handlers, the infrastructure and tests import the composition root'],
];
const layerZones = layerRules.map(([target, from, message]) => ({ target, from, message }));

/**
 * The domain's data tables shipped with the code (country codes, phone metadata, the IFSC and bank-code directories, the Hanja
 * readings) are read from the file beside the bundle: the one kind of I/O the domain does, named here.
 */
const domainDataReaders = [
  'shared/domain/bundled-file.ts',
  'shared/domain/countries.ts',
  'shared/domain/phone/metadata-file.ts',
  'shared/domain/bank/ifsc-directory.ts',
  'shared/domain/bank/bic-directory.ts',
  'shared/domain/screening/hanja-table.ts',
];
const sdk = { group: ['@aws-sdk/*', 'aws-sdk', '@aws-lambda-powertools/*'], message: 'the domain never calls AWS: use an adapter (shared/adapters) from a use case (shared/app)' };
const io = ['fs', 'fs/promises', 'http', 'https', 'http2', 'child_process', 'dgram', 'dns', 'net', 'tls', 'os', 'worker_threads'].flatMap((m) => [`node:${m}`, m]);
const ioMessage = 'the domain does no I/O: read, fetch or write in an adapter (shared/adapters) and pass the result in';
const pureImports = (allowFs) => ({
  patterns: [sdk],
  paths: io
    .filter((m) => !(allowFs && /^(node:)?fs$/.test(m)))
    .map((name) => (/^(node:)?net$/.test(name) ? { name, allowImportNames: ['isIP', 'isIPv4', 'isIPv6'], message: ioMessage } : { name, message: ioMessage })),
});

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
      // One import style: relative imports name the module without an extension (the bundler resolves it).
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration[source.value=/^\\.{1,2}\\/.*\\.js$/]', message: 'import the module without .js: one import style in the tree' },
        { selector: 'ImportExpression[source.value=/^\\.{1,2}\\/.*\\.js$/]', message: 'import the module without .js: one import style in the tree' },
      ],
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
    // The domain imports no AWS SDK and does no I/O, reads no environment and fetches nothing.
    basePath: root,
    files: ['shared/domain/**/*.ts'],
    ignores: domainDataReaders,
    rules: {
      'no-restricted-imports': ['error', pureImports(false)],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'the domain reads no environment: shared/config reads it and passes the value in' }],
      'no-restricted-globals': ['error', { name: 'fetch', message: ioMessage }],
    },
  },
  {
    // The named data-table readers: node:fs for their one table, and (bundled-file) LAMBDA_TASK_ROOT; no SDK, no network.
    basePath: root,
    files: domainDataReaders,
    rules: { 'no-restricted-imports': ['error', pureImports(true)], 'no-restricted-globals': ['error', { name: 'fetch', message: ioMessage }] },
  },
  {
    // The local runtime runs an assembly already synthesized: it never loads aws-cdk-lib (about half a second of CPU
    // per start, in every runtime test file). Only cloud-assembly.ts synthesizes, and the runtime imports it lazily.
    basePath: root,
    files: ['infra/local/**/*.ts'],
    ignores: ['infra/local/cloud-assembly.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(aws-cdk-lib(/.*)?|constructs|\\.\\./constructs/(?!lambda-task-root$).*|\\.\\./(app|vetflow-stack))$',
              message: 'the local runtime does not load the CDK: synthesize through infra/local/cloud-assembly.ts (imported lazily)',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benches read loosely typed JSON (responses, fixtures); product code stays free of `any`.
    basePath: root,
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

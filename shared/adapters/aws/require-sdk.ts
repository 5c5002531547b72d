import { createRequire } from 'node:module';

/**
 * How vetflow loads AWS SDK v3 packages: with require(), never with `import`. The SDK is not bundled (the
 * Lambda runtime ships it, see infra/constructs/vetflow-function.ts), and its packages are CommonJS. An ES
 * module that imports a CommonJS package makes Node detect the file's format and scan its source for export
 * names (cjs-module-lexer) before loading it; for the SDK's large single-file entry points that cost more
 * than the load itself: DynamoDB, its document client and Secrets Manager took about 110 ms of module init
 * when imported, 65 ms when required (fresh Node 22 process, this machine; test/bench/bundles.ts measures
 * every bundle). The bundles are ES modules, so the SDK is required through this module-scoped require.
 *
 * Each SDK package has its own module in this folder, loaded at the top level: a bundle requires, at cold
 * start, exactly the packages of the modules it imports and no others (test/infra/bundle-sdk.test.ts holds
 * each function to its list). On Lambda, require() finds the runtime's SDK through NODE_PATH; from source
 * (tests, tools) it finds the project's node_modules.
 */
export const requireSdk: NodeJS.Require = createRequire(import.meta.url);
